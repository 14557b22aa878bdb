// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace library of the selftests: see kvm_util.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kvm_test.h"
#include "kvm_util.h"

#define SZ_2M	0x200000UL

_Noreturn void test_assert_fail(const char *file, unsigned int line, const char *expr,
		      int err, const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "# ==== Test Assertion Failure ====\n");
	fprintf(stderr, "#   %s:%u: %s\n", file, line, expr);
	if (err)
		fprintf(stderr, "#   errno %d (%s)\n", err, strerror(err));
	fprintf(stderr, "#   ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	exit(1);
}

/*
 * /proc/cpuinfo has the MIDR's fields one per line for each processor
 * (arch/arm/kernel/setup.c, c_show()); "CPU architecture: 7" stands for
 * the architecture field 0xf.
 */
uint32_t host_midr(void)
{
	unsigned int implementer = 0, variant = 0, part = 0, revision = 0;
	unsigned int v, seen = 0;
	char line[256];
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f) && seen != 0xf) {
		if (sscanf(line, "CPU implementer : %x", &v) == 1 && !(seen & 1)) {
			implementer = v;
			seen |= 1;
		} else if (sscanf(line, "CPU variant : %x", &v) == 1 && !(seen & 2)) {
			variant = v;
			seen |= 2;
		} else if (sscanf(line, "CPU part : %x", &v) == 1 && !(seen & 4)) {
			part = v;
			seen |= 4;
		} else if (sscanf(line, "CPU revision : %u", &v) == 1 && !(seen & 8)) {
			revision = v;
			seen |= 8;
		}
	}
	fclose(f);
	if (seen != 0xf)
		return 0;
	return implementer << 24 | (variant & 0xf) << 20 | 0xfU << 16 |
	       (part & 0xfff) << 4 | (revision & 0xf);
}

/*
 * Cortex-A7 r0p5: SCTLR.Z (bit 11) RAO, program flow prediction always on;
 * ACTLR.L1PCTL [14:13] 0b11, three outstanding data prefetches.
 * Cortex-A15 r2p1: ACTLR 0.  The module sets ACTLR.SMP on both.
 */
const struct target_regs target_regs[2] = {
	{ "Cortex-A7", KVM_ARM_TARGET_CORTEX_A7, CPU_PART_CORTEX_A7,
	  0x410fc075, 0x00c50878, 0x00006000 | ACTLR_SMP },
	{ "Cortex-A15", KVM_ARM_TARGET_CORTEX_A15, CPU_PART_CORTEX_A15,
	  0x412fc0f1, 0x00c50078, 0x00000000 | ACTLR_SMP },
};

const struct target_regs *part_target(uint32_t part)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(target_regs); i++)
		if (target_regs[i].part == part)
			return &target_regs[i];
	return NULL;
}

int kvm_open(void)
{
	int fd, ret;

	ret = kvm_module_ensure_loaded();
	TEST_ASSERT(ret == 0 || ret == -EEXIST, "loading %s: %s",
		    kvm_module_path(), strerror(-ret));
	fd = open(KVM_DEV_PATH, O_RDWR | O_CLOEXEC);
	TEST_ASSERT(fd >= 0, "open %s (is the module loaded?)", KVM_DEV_PATH);
	return fd;
}

/* Capability as /dev/kvm answers it: 0 when absent. */
int kvm_check_cap(long cap)
{
	int fd = kvm_open(), ret;

	ret = ioctl(fd, KVM_CHECK_EXTENSION, cap);
	TEST_ASSERT(ret >= 0, "KVM_CHECK_EXTENSION %ld: %d", cap, ret);
	close(fd);
	return ret;
}

struct kvm_vm *vm_create(void)
{
	struct kvm_vm *vm = calloc(1, sizeof(*vm));

	TEST_ASSERT(vm, "out of memory");
	vm->kvm_fd = kvm_open();
	vm->fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	TEST_ASSERT_IOCTL(vm->fd, "KVM_CREATE_VM");
	vm->run_size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	TEST_ASSERT_IOCTL(vm->run_size, "KVM_GET_VCPU_MMAP_SIZE");
	TEST_ASSERT(vm->run_size >= (int)sizeof(struct kvm_run),
		    "KVM_GET_VCPU_MMAP_SIZE %d < sizeof(struct kvm_run) %zu",
		    vm->run_size, sizeof(struct kvm_run));
	return vm;
}

/* Close the VM and unmap its RAM; VCPUs must have been freed. */
void vm_free(struct kvm_vm *vm)
{
	unsigned int i;

	if (!vm)
		return;
	close(vm->fd);
	close(vm->kvm_fd);
	for (i = 0; i < vm->nr_regions; i++)
		munmap(vm->regions[i].map, vm->regions[i].map_size);
	free(vm);
}

int vm_check_cap(struct kvm_vm *vm, long cap)
{
	int ret = ioctl(vm->fd, KVM_CHECK_EXTENSION, cap);

	TEST_ASSERT(ret >= 0, "KVM_CHECK_EXTENSION (VM) %ld: %d", cap, ret);
	return ret;
}

int __vm_set_memslot(struct kvm_vm *vm, uint32_t slot, uint32_t flags,
		     uint64_t gpa, uint64_t size, uint64_t uaddr)
{
	struct kvm_userspace_memory_region region = {
		.slot = slot,
		.flags = flags,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = uaddr,
	};

	return ioctl(vm->fd, KVM_SET_USER_MEMORY_REGION, &region);
}

/*
 * Back [gpa, gpa + size) with zeroed anonymous memory, 2 MiB aligned on the
 * host, as memslot @slot.  Returns the host address of @gpa.
 */
void *vm_add_ram(struct kvm_vm *vm, uint32_t slot, uint64_t gpa, uint64_t size)
{
	struct kvm_region *r;
	size_t map_size = size + SZ_2M;
	uintptr_t start;
	void *map;
	int ret;

	TEST_ASSERT(vm->nr_regions < KVM_MAX_REGIONS, "too many regions");
	map = mmap(NULL, map_size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	TEST_ASSERT(map != MAP_FAILED, "mmap %zu bytes", map_size);
	start = ((uintptr_t)map + SZ_2M - 1) & ~(SZ_2M - 1);

	ret = __vm_set_memslot(vm, slot, 0, gpa, size, start);
	TEST_ASSERT(ret == 0,
		    "KVM_SET_USER_MEMORY_REGION slot %u gpa %#llx size %#llx: %d",
		    slot, (unsigned long long)gpa, (unsigned long long)size, ret);

	r = &vm->regions[vm->nr_regions++];
	r->slot = slot;
	r->gpa = gpa;
	r->size = size;
	r->hva = (void *)start;
	r->map = map;
	r->map_size = map_size;
	return r->hva;
}

/* Host address of guest range [gpa, gpa + len), or NULL if not all RAM. */
void *addr_gpa2hva(struct kvm_vm *vm, uint64_t gpa, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < vm->nr_regions; i++) {
		struct kvm_region *r = &vm->regions[i];

		if (gpa >= r->gpa && gpa - r->gpa < r->size &&
		    len <= r->size - (gpa - r->gpa))
			return (char *)r->hva + (gpa - r->gpa);
	}
	return NULL;
}

/* Copy a guest image to @gpa, checking its header's memory size fits. */
void vm_load_guest(struct kvm_vm *vm, const void *image, size_t size,
		   uint64_t gpa)
{
	uint32_t magic, memsz;
	void *hva;

	TEST_ASSERT(size >= GUEST_IMAGE_MEMSZ_OFF + 4, "image of %zu bytes", size);
	memcpy(&magic, (const char *)image + GUEST_IMAGE_MAGIC_OFF, 4);
	memcpy(&memsz, (const char *)image + GUEST_IMAGE_MEMSZ_OFF, 4);
	TEST_ASSERT(magic == GUEST_IMAGE_MAGIC, "not a guest image: magic %#x",
		    magic);
	TEST_ASSERT(memsz >= size, "image header: %u bytes < file %zu", memsz, size);
	hva = addr_gpa2hva(vm, gpa, memsz);
	TEST_ASSERT(hva, "guest image needs %u bytes of RAM at %#llx", memsz,
		    (unsigned long long)gpa);
	memcpy(hva, image, size);
	memset((char *)hva + size, 0, memsz - size);
}

int __vm_preferred_target(struct kvm_vm *vm, struct kvm_vcpu_init *init)
{
	memset(init, 0, sizeof(*init));
	return ioctl(vm->fd, KVM_ARM_PREFERRED_TARGET, init);
}

int __vcpu_create(struct kvm_vm *vm, uint32_t id)
{
	return ioctl(vm->fd, KVM_CREATE_VCPU, (unsigned long)id);
}

/* KVM_CREATE_VCPU and map its struct kvm_run; no KVM_ARM_VCPU_INIT. */
struct kvm_vcpu *vcpu_create(struct kvm_vm *vm, uint32_t id)
{
	struct kvm_vcpu *vcpu = calloc(1, sizeof(*vcpu));

	TEST_ASSERT(vcpu, "out of memory");
	vcpu->vm = vm;
	vcpu->id = id;
	vcpu->fd = __vcpu_create(vm, id);
	TEST_ASSERT(vcpu->fd >= 0, "KVM_CREATE_VCPU %u: %d", id, vcpu->fd);
	vcpu->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
			 vcpu->fd, 0);
	TEST_ASSERT(vcpu->run != MAP_FAILED, "mmap of VCPU %u, %d bytes", id,
		    vm->run_size);
	return vcpu;
}

int __vcpu_init(struct kvm_vcpu *vcpu, uint32_t target, uint32_t features)
{
	struct kvm_vcpu_init init = {
		.target = target,
		.features[0] = features,
	};

	return ioctl(vcpu->fd, KVM_ARM_VCPU_INIT, &init);
}

/* KVM_ARM_VCPU_INIT with the preferred target and @features[0]. */
void vcpu_init(struct kvm_vcpu *vcpu, uint32_t features)
{
	struct kvm_vcpu_init pref;
	int ret;

	ret = __vm_preferred_target(vcpu->vm, &pref);
	TEST_ASSERT(ret == 0, "KVM_ARM_PREFERRED_TARGET: %d", ret);
	ret = __vcpu_init(vcpu, pref.target, features);
	TEST_ASSERT(ret == 0, "KVM_ARM_VCPU_INIT target %u features %#x: %d",
		    pref.target, features, ret);
}

/* A VCPU ready to run: created, mapped, initialised with PSCI 0.2. */
struct kvm_vcpu *vcpu_add(struct kvm_vm *vm, uint32_t id)
{
	struct kvm_vcpu *vcpu = vcpu_create(vm, id);

	vcpu_init(vcpu, 1U << KVM_ARM_VCPU_PSCI_0_2);
	return vcpu;
}

struct kvm_vcpu *vcpu_add_target(struct kvm_vm *vm, uint32_t id,
				 uint32_t target)
{
	struct kvm_vcpu *vcpu = vcpu_create(vm, id);
	int ret = __vcpu_init(vcpu, target, 1U << KVM_ARM_VCPU_PSCI_0_2);

	TEST_ASSERT(ret == 0, "KVM_ARM_VCPU_INIT target %u: %d", target, ret);
	return vcpu;
}

void vcpu_free(struct kvm_vcpu *vcpu)
{
	if (!vcpu)
		return;
	munmap(vcpu->run, vcpu->vm->run_size);
	close(vcpu->fd);
	free(vcpu);
}

int __vcpu_get_reg(struct kvm_vcpu *vcpu, uint64_t id, void *val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)val };

	return ioctl(vcpu->fd, KVM_GET_ONE_REG, &reg);
}

int __vcpu_set_reg(struct kvm_vcpu *vcpu, uint64_t id, const void *val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)val };

	return ioctl(vcpu->fd, KVM_SET_ONE_REG, &reg);
}

/* Read a 32- or 64-bit register, zero-extended. */
uint64_t vcpu_get_reg(struct kvm_vcpu *vcpu, uint64_t id)
{
	uint64_t v64 = 0;
	uint32_t v32 = 0;
	int ret;

	TEST_ASSERT(KVM_REG_SIZE(id) == 4 || KVM_REG_SIZE(id) == 8,
		    "register %#llx: size %u", (unsigned long long)id,
		    KVM_REG_SIZE(id));
	if (KVM_REG_SIZE(id) == 4) {
		ret = __vcpu_get_reg(vcpu, id, &v32);
		v64 = v32;
	} else {
		ret = __vcpu_get_reg(vcpu, id, &v64);
	}
	TEST_ASSERT(ret == 0, "KVM_GET_ONE_REG %#llx: %d",
		    (unsigned long long)id, ret);
	return v64;
}

void vcpu_set_reg(struct kvm_vcpu *vcpu, uint64_t id, uint64_t val)
{
	uint32_t v32 = val;
	int ret;

	TEST_ASSERT(KVM_REG_SIZE(id) == 4 || KVM_REG_SIZE(id) == 8,
		    "register %#llx: size %u", (unsigned long long)id,
		    KVM_REG_SIZE(id));
	if (KVM_REG_SIZE(id) == 4)
		ret = __vcpu_set_reg(vcpu, id, &v32);
	else
		ret = __vcpu_set_reg(vcpu, id, &val);
	TEST_ASSERT(ret == 0, "KVM_SET_ONE_REG %#llx = %#llx: %d",
		    (unsigned long long)id, (unsigned long long)val, ret);
}

int __vcpu_run(struct kvm_vcpu *vcpu)
{
	return ioctl(vcpu->fd, KVM_RUN, NULL);
}

/* The VCPU's pc for messages: ~0 when even that cannot be read. */
static unsigned long long vcpu_pc(struct kvm_vcpu *vcpu)
{
	uint32_t pc;

	if (__vcpu_get_reg(vcpu, REG_PC, &pc))
		return ~0ULL;
	return pc;
}

static sig_atomic_t run_timed_out;	/* reloaded after each ioctl() call */

static void run_alarm(int sig)
{
	run_timed_out = 1;
}

/*
 * KVM_RUN until it returns to userspace with an exit, going round again
 * on EINTR.  A run that has not returned after KVM_RUN_TIMEOUT seconds is
 * interrupted by SIGALRM and reported (if KVM_RUN ignores signals, the
 * harness's per-test timeout ends the test).
 */
void vcpu_run(struct kvm_vcpu *vcpu)
{
	struct sigaction sa = { .sa_handler = run_alarm };
	int ret;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	run_timed_out = 0;
	alarm(KVM_RUN_TIMEOUT);
	do {
		ret = __vcpu_run(vcpu);
	} while (ret == -1 && errno == EINTR && !run_timed_out);
	alarm(0);
	TEST_ASSERT(!run_timed_out,
		    "KVM_RUN on VCPU %u still in the guest after %d s (pc %#llx)",
		    vcpu->id, KVM_RUN_TIMEOUT, vcpu_pc(vcpu));
	TEST_ASSERT(ret == 0, "KVM_RUN on VCPU %u: %d", vcpu->id, ret);
}

const char *exit_reason_str(uint32_t reason)
{
	static const char * const names[] = {
		[KVM_EXIT_UNKNOWN] = "UNKNOWN",
		[KVM_EXIT_EXCEPTION] = "EXCEPTION",
		[KVM_EXIT_IO] = "IO",
		[KVM_EXIT_HYPERCALL] = "HYPERCALL",
		[KVM_EXIT_DEBUG] = "DEBUG",
		[KVM_EXIT_HLT] = "HLT",
		[KVM_EXIT_MMIO] = "MMIO",
		[KVM_EXIT_IRQ_WINDOW_OPEN] = "IRQ_WINDOW_OPEN",
		[KVM_EXIT_SHUTDOWN] = "SHUTDOWN",
		[KVM_EXIT_FAIL_ENTRY] = "FAIL_ENTRY",
		[KVM_EXIT_INTR] = "INTR",
		[KVM_EXIT_INTERNAL_ERROR] = "INTERNAL_ERROR",
		[KVM_EXIT_SYSTEM_EVENT] = "SYSTEM_EVENT",
		[KVM_EXIT_ARM_NISV] = "ARM_NISV",
	};

	if (reason < ARRAY_SIZE(names) && names[reason])
		return names[reason];
	return "(other)";
}

const char *vcpu_exit_str(struct kvm_vcpu *vcpu, char *buf, size_t len)
{
	struct kvm_run *run = vcpu->run;

	if (run->exit_reason == KVM_EXIT_MMIO)
		snprintf(buf, len, "exit MMIO %s of %u bytes at %#llx",
			 run->mmio.is_write ? "write" : "read", run->mmio.len,
			 (unsigned long long)run->mmio.phys_addr);
	else
		snprintf(buf, len, "exit %u (%s)", run->exit_reason,
			 exit_reason_str(run->exit_reason));
	return buf;
}

struct kvm_vm *__vm_create_guest(struct kvm_vcpu **vcpu, const void *image,
				 size_t size)
{
	struct kvm_vm *vm = vm_create();

	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, image, size, GUEST_RAM_GPA);
	*vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(*vcpu, REG_PC, GUEST_RAM_GPA);
	vcpu_set_reg(*vcpu, REG_R(0), 0);
	return vm;
}

/*
 * The ucall of the VCPU's last exit in @uc, and its command; UCALL_NONE
 * when the exit is not a ucall.
 */
int get_ucall(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	struct kvm_run *run = vcpu->run;
	uint32_t gpa;
	void *hva;

	memset(uc, 0, sizeof(*uc));
	if (run->exit_reason != KVM_EXIT_MMIO ||
	    run->mmio.phys_addr != UCALL_MMIO_GPA)
		return UCALL_NONE;
	TEST_ASSERT(run->mmio.is_write && run->mmio.len == 4,
		    "ucall: %s of %u bytes, expected a 4-byte write",
		    run->mmio.is_write ? "write" : "read", run->mmio.len);
	memcpy(&gpa, run->mmio.data, 4);
	hva = addr_gpa2hva(vcpu->vm, gpa, sizeof(*uc));
	TEST_ASSERT(hva, "ucall: struct ucall at %#x is not in guest RAM", gpa);
	memcpy(uc, hva, sizeof(*uc));
	TEST_ASSERT(uc->cmd > UCALL_NONE && uc->cmd <= UCALL_ASSERT,
		    "ucall at %#x: unknown command %u", gpa, uc->cmd);
	return uc->cmd;
}

/* Copy a NUL-terminated guest string; "(bad address)" when not in RAM. */
void guest_string(struct kvm_vm *vm, uint64_t gpa, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		const char *p = addr_gpa2hva(vm, gpa + i, 1);

		if (!p) {
			snprintf(buf, len, "(bad address %#llx)",
				 (unsigned long long)gpa);
			return;
		}
		buf[i] = *p;
		if (!*p)
			return;
	}
	buf[i] = '\0';
}

_Noreturn void report_guest_assert(struct kvm_vcpu *vcpu, const struct ucall *uc)
{
	char file[128], expr[256];

	guest_string(vcpu->vm, uc->args[GUEST_ASSERT_FILE], file, sizeof(file));
	guest_string(vcpu->vm, uc->args[GUEST_ASSERT_EXPR], expr, sizeof(expr));
	test_assert_fail(file, uc->args[GUEST_ASSERT_LINE], expr, 0,
			 "guest assertion failed on VCPU %u, value %#llx",
			 vcpu->id, (unsigned long long)uc->args[GUEST_ASSERT_VALUE]);
}

/*
 * Run until the next exit, which must be a ucall; a guest assertion ends
 * the test with the guest's file:line.  Returns the command.
 */
int vcpu_run_ucall(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	char why[96];
	int cmd;

	vcpu_run(vcpu);
	cmd = get_ucall(vcpu, uc);
	TEST_ASSERT(cmd != UCALL_NONE, "expected a ucall, got %s (pc %#llx)",
		    vcpu_exit_str(vcpu, why, sizeof(why)), vcpu_pc(vcpu));
	if (cmd == UCALL_ASSERT)
		report_guest_assert(vcpu, uc);
	return cmd;
}

void vcpu_run_expect_sync(struct kvm_vcpu *vcpu, uint64_t arg0)
{
	struct ucall uc;
	int cmd = vcpu_run_ucall(vcpu, &uc);

	TEST_ASSERT(cmd == UCALL_SYNC, "expected GUEST_SYNC(%#llx), got ucall %u",
		    (unsigned long long)arg0, cmd);
	TEST_ASSERT(uc.args[0] == arg0, "GUEST_SYNC(%#llx), expected %#llx",
		    (unsigned long long)uc.args[0], (unsigned long long)arg0);
}

void vcpu_run_expect_done(struct kvm_vcpu *vcpu)
{
	struct ucall uc;
	int cmd = vcpu_run_ucall(vcpu, &uc);

	TEST_ASSERT(cmd == UCALL_DONE, "expected GUEST_DONE, got ucall %u (arg %#llx)",
		    cmd, (unsigned long long)uc.args[0]);
}

/* ---- interrupts ---------------------------------------------------------- */

int __vm_irq_line(struct kvm_vm *vm, uint32_t irq, int level)
{
	struct kvm_irq_level il = { .irq = irq, .level = level };

	return ioctl(vm->fd, KVM_IRQ_LINE, &il);
}

void vm_irq_line(struct kvm_vm *vm, uint32_t irq, int level)
{
	int ret = __vm_irq_line(vm, irq, level);

	TEST_ASSERT(!ret, "KVM_IRQ_LINE %#x level %d: %s", irq, level,
		    strerror(errno));
}

int __kvm_device_attr(int fd, unsigned long ioctl_nr, uint32_t group,
		      uint64_t attr, void *val)
{
	struct kvm_device_attr a = {
		.group = group,
		.attr = attr,
		.addr = (uintptr_t)val,
	};

	return ioctl(fd, ioctl_nr, &a);
}

int efd_new(void)
{
	int fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	TEST_ASSERT(fd >= 0, "eventfd: %s", strerror(errno));
	return fd;
}

void efd_signal(int fd)
{
	uint64_t one = 1;

	TEST_ASSERT(write(fd, &one, 8) == 8, "eventfd write: %s", strerror(errno));
}

uint64_t efd_take(int fd)
{
	uint64_t v = 0;

	if (read(fd, &v, 8) == 8)
		return v;
	TEST_ASSERT(errno == EAGAIN, "eventfd read: %s", strerror(errno));
	return 0;
}

int vgic_v2_create(struct kvm_vm *vm, uint32_t nr_irqs)
{
	struct kvm_create_device cd = { .type = KVM_DEV_TYPE_ARM_VGIC_V2 };
	uint64_t dist = GUEST_GICD_GPA, cpu = GUEST_GICC_GPA;
	int ret;

	ret = ioctl(vm->fd, KVM_CREATE_DEVICE, &cd);
	TEST_ASSERT(!ret, "KVM_CREATE_DEVICE vGICv2: %s", strerror(errno));
	ret = __kvm_device_attr(cd.fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_V2_ADDR_TYPE_DIST, &dist);
	TEST_ASSERT(!ret, "vGIC distributor address: %s", strerror(errno));
	ret = __kvm_device_attr(cd.fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
				KVM_VGIC_V2_ADDR_TYPE_CPU, &cpu);
	TEST_ASSERT(!ret, "vGIC CPU interface address: %s", strerror(errno));
	if (nr_irqs) {
		ret = __kvm_device_attr(cd.fd, KVM_SET_DEVICE_ATTR,
					KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs);
		TEST_ASSERT(!ret, "vGIC NR_IRQS %u: %s", nr_irqs, strerror(errno));
	}
	return cd.fd;
}

void vgic_v2_init(int gic_fd)
{
	int ret = __kvm_device_attr(gic_fd, KVM_SET_DEVICE_ATTR,
				    KVM_DEV_ARM_VGIC_GRP_CTRL,
				    KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);

	TEST_ASSERT(!ret, "vGIC CTRL_INIT: %s", strerror(errno));
}

struct kvm_vm *__vm_create_guest_gic(struct kvm_vcpu **vcpus,
				     unsigned int nr_vcpus, const void *image,
				     size_t size, uint32_t nr_irqs, int *gic_fd)
{
	struct kvm_vm *vm = vm_create();
	unsigned int i;

	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, image, size, GUEST_RAM_GPA);
	/* the vGIC exists before the VCPUs, as KVM_CREATE_DEVICE wants */
	*gic_fd = vgic_v2_create(vm, nr_irqs);
	vcpus[0] = vcpu_add(vm, 0);
	vcpu_set_reg(vcpus[0], REG_PC, GUEST_RAM_GPA);
	vcpu_set_reg(vcpus[0], REG_R(0), 0);
	for (i = 1; i < nr_vcpus; i++) {
		vcpus[i] = vcpu_create(vm, i);
		vcpu_init(vcpus[i], (1U << KVM_ARM_VCPU_PSCI_0_2) |
				    (1U << KVM_ARM_VCPU_POWER_OFF));
	}
	vgic_v2_init(*gic_fd);
	return vm;
}
