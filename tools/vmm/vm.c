// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VM and its VCPUs: /dev/kvm, the vGIC, guest RAM, VCPU reset state.
 * The order of the ioctls is the one KVM userspace uses on arm32 (see
 * ABI-NOTES.md: GIC before VCPUs, vGIC CTRL_INIT after all of them).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "vmm.h"

#define CORE_REG(name)	(KVM_REG_ARM | KVM_REG_SIZE_U32 | KVM_REG_ARM_CORE | \
			 KVM_REG_ARM_CORE_REG(name))
#define REG_R(n)	CORE_REG(usr_regs.uregs[n])
#define REG_PC		CORE_REG(usr_regs.ARM_pc)
#define REG_CPSR	CORE_REG(usr_regs.ARM_cpsr)
#define REG_SVC_SP	CORE_REG(svc_regs[0])
#define REG_SVC_LR	CORE_REG(svc_regs[1])
#define REG_MPIDR	ARM_CP15_REG32(0, 0, 0, 5)

/* SVC mode with IRQ, FIQ and asynchronous aborts masked: the boot protocol */
#define BOOT_CPSR	0x1d3

uint32_t vcpu_get_reg(struct vcpu *vcpu, uint64_t id)
{
	uint32_t val = 0;
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	if (ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg))
		die("VCPU %d: KVM_GET_ONE_REG 0x%llx: %s", vcpu->id,
		    (unsigned long long)id, strerror(errno));
	return val;
}

void vcpu_set_reg(struct vcpu *vcpu, uint64_t id, uint32_t val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	if (ioctl(vcpu->fd, KVM_SET_ONE_REG, &reg))
		die("VCPU %d: KVM_SET_ONE_REG 0x%llx: %s", vcpu->id,
		    (unsigned long long)id, strerror(errno));
}

void vcpu_dump(struct vcpu *vcpu)
{
	int i;

	fprintf(stderr, "vmm: VCPU %d registers:\n", vcpu->id);
	for (i = 0; i < 13; i++)
		fprintf(stderr, "  r%-2d %08x%s", i, vcpu_get_reg(vcpu, REG_R(i)),
			i % 4 == 3 ? "\n" : "");
	fprintf(stderr, "\n  pc  %08x  cpsr %08x  sp_svc %08x  lr_svc %08x\n",
		vcpu_get_reg(vcpu, REG_PC), vcpu_get_reg(vcpu, REG_CPSR),
		vcpu_get_reg(vcpu, REG_SVC_SP), vcpu_get_reg(vcpu, REG_SVC_LR));
}

void *guest_ptr(struct vm *vm, uint64_t gpa, uint64_t len)
{
	if (gpa < RAM_BASE || gpa - RAM_BASE > vm->ram_size ||
	    len > vm->ram_size - (gpa - RAM_BASE))
		return NULL;
	return vm->ram + (gpa - RAM_BASE);
}

void vm_irq_line(struct vm *vm, unsigned int spi, int level)
{
	struct kvm_irq_level irq = {
		.irq = (KVM_ARM_IRQ_TYPE_SPI << KVM_ARM_IRQ_TYPE_SHIFT) | (32 + spi),
		.level = level,
	};

	if (vm->opts->irqchip == IRQCHIP_USER) {
		ugic_set_irq(vm, 32 + spi, level);
		return;
	}
	if (ioctl(vm->fd, KVM_IRQ_LINE, &irq))
		die("KVM_IRQ_LINE SPI %u: %s", spi, strerror(errno));
}

static int check_cap(struct vm *vm, long cap)
{
	int r = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, cap);

	return r < 0 ? 0 : r;
}

static void gic_attr(struct vm *vm, uint32_t group, uint64_t attr, void *val,
		     const char *what)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	if (ioctl(vm->gic_fd, KVM_SET_DEVICE_ATTR, &a))
		die("vGIC %s: %s", what, strerror(errno));
}

static void gic_create(struct vm *vm)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V2 };
	uint64_t dist = GICD_BASE, cpu = GICC_BASE;

	/* 0 on a host without GIC virtualization or with force_user_irqchip */
	if (ioctl(vm->fd, KVM_CHECK_EXTENSION, KVM_CAP_IRQCHIP) <= 0)
		die("this host has no in-kernel vGIC (no GIC virtualization, or the module's force_user_irqchip is set): run with --irqchip user");
	if (ioctl(vm->fd, KVM_CREATE_DEVICE, &cd))
		die("cannot create the in-kernel vGICv2 (%s): the host needs the GIC virtualization interface",
		    strerror(errno));
	vm->gic_fd = cd.fd;
	gic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_DIST, &dist,
		 "distributor address");
	gic_attr(vm, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_CPU, &cpu,
		 "CPU interface address");
}

static void vcpu_create(struct vm *vm, int id)
{
	struct vcpu *vcpu = &vm->vcpus[id];

	vcpu->id = id;
	vcpu->vm = vm;
	vcpu->fd = ioctl(vm->fd, KVM_CREATE_VCPU, id);
	if (vcpu->fd < 0)
		die("KVM_CREATE_VCPU %d: %s", id, strerror(errno));
	vcpu->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 vcpu->fd, 0);
	if (vcpu->run == MAP_FAILED)
		die("mmap of VCPU %d: %s", id, strerror(errno));
}

/*
 * KVM_ARM_VCPU_INIT resets a VCPU to its architectural reset state; the
 * secondaries stay off until the guest's PSCI CPU_ON.
 */
void vm_reset_vcpus(struct vm *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_vcpus; i++) {
		struct vcpu *vcpu = &vm->vcpus[i];
		struct kvm_vcpu_init init = vm->init;

		init.features[0] = 1U << KVM_ARM_VCPU_PSCI_0_2;
		if (i)
			init.features[0] |= 1U << KVM_ARM_VCPU_POWER_OFF;
		if (ioctl(vcpu->fd, KVM_ARM_VCPU_INIT, &init))
			die("KVM_ARM_VCPU_INIT on VCPU %u: %s", i, strerror(errno));
		vcpu_set_reg(vcpu, REG_CPSR, BOOT_CPSR);
		vcpu->mpidr = vcpu_get_reg(vcpu, REG_MPIDR);
	}
	/* Linux boot protocol: r0 = 0, r1 = ~0 (no machine type: DT), r2 = DTB */
	vcpu_set_reg(&vm->vcpus[0], REG_R(0), 0);
	vcpu_set_reg(&vm->vcpus[0], REG_R(1), 0xffffffff);
	vcpu_set_reg(&vm->vcpus[0], REG_R(2), (uint32_t)vm->dtb_addr);
	vcpu_set_reg(&vm->vcpus[0], REG_PC, RAM_BASE + IMAGE_OFFSET);
}

void vm_create(struct vm *vm, const struct vmm_opts *opts)
{
	struct kvm_userspace_memory_region region;
	unsigned int i;
	int r;

	memset(vm, 0, sizeof(*vm));
	vm->opts = opts;
	vm->gic_fd = -1;
	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0)
		die("cannot open /dev/kvm: %s (load the kvm-arm32 module first)",
		    strerror(errno));
	r = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (r != KVM_API_VERSION)
		die("/dev/kvm speaks API version %d, this vmm needs %d", r, KVM_API_VERSION);
	if (!check_cap(vm, KVM_CAP_ONE_REG) || !check_cap(vm, KVM_CAP_ARM_PSCI_0_2))
		die("/dev/kvm lacks KVM_CAP_ONE_REG or KVM_CAP_ARM_PSCI_0_2");
	r = check_cap(vm, KVM_CAP_MAX_VCPUS);
	if (r > 0 && opts->cpus > (unsigned int)r)
		die("--cpus %u: this host allows at most %d VCPUs", opts->cpus, r);

	vm->fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->fd < 0)
		die("KVM_CREATE_VM: %s", strerror(errno));
	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (r < (int)sizeof(struct kvm_run))
		die("KVM_GET_VCPU_MMAP_SIZE answered %d", r);
	vm->run_size = r;

	if (opts->irqchip == IRQCHIP_KERNEL)
		gic_create(vm);

	/* 2 MiB aligned host memory: stage 2 can then map it with sections */
	vm->ram_size = opts->mem;
	vm->ram = mmap(NULL, vm->ram_size + 0x200000, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (vm->ram == MAP_FAILED)
		die("cannot allocate %llu MiB of guest RAM: %s (try a smaller --mem)",
		    (unsigned long long)(vm->ram_size >> 20), strerror(errno));
	vm->ram = (uint8_t *)(((uintptr_t)vm->ram + 0x1fffff) & ~(uintptr_t)0x1fffff);
	region = (struct kvm_userspace_memory_region){
		.slot = 0,
		.guest_phys_addr = RAM_BASE,
		.memory_size = vm->ram_size,
		.userspace_addr = (uintptr_t)vm->ram,
	};
	if (ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &region))
		die("KVM_SET_USER_MEMORY_REGION (%llu MiB): %s",
		    (unsigned long long)(vm->ram_size >> 20), strerror(errno));

	if (ioctl(vm->fd, KVM_ARM_PREFERRED_TARGET, &vm->init)) {
		memset(&vm->init, 0, sizeof(vm->init));
		vm->init.target = KVM_ARM_TARGET_CORTEX_A15;
	}
	/* the DTB 2 MiB aligned below the top of the lowest 256 MiB (boot protocol) */
	vm->dtb_addr = RAM_BASE + (vm->ram_size < 0x10000000 ? vm->ram_size : 0x10000000) -
		       0x200000;
	vm->nr_vcpus = opts->cpus;
	for (i = 0; i < vm->nr_vcpus; i++)
		vcpu_create(vm, i);
	/* MPIDRs are read here so the device tree can name the CPUs */
	vm_reset_vcpus(vm);

	if (vm->gic_fd >= 0) {
		uint32_t nr_irqs = GIC_NR_IRQS;

		gic_attr(vm, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs, "NR_IRQS");
		gic_attr(vm, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT, NULL,
			 "CTRL_INIT");
	}
}
