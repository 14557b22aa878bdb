// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGICv2 KVM device (Documentation/virt/kvm/devices/arm-vgic.rst) and
 * the legacy KVM_CREATE_IRQCHIP / KVM_ARM_SET_DEVICE_ADDR path: creation,
 * every attribute group, and the errors KVM documents for bad input.
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>

#include "kvm_test.h"
#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(vgic_dist);

#define KVM_DEV_TYPE_ARM_VGIC_V3_	7	/* not in the arm32 headers' view */

#define DIST_REGS	KVM_DEV_ARM_VGIC_GRP_DIST_REGS
#define CPU_REGS	KVM_DEV_ARM_VGIC_GRP_CPU_REGS
#define ATTR_VCPU(id)	((uint64_t)(id) << KVM_DEV_ARM_VGIC_CPUID_SHIFT)
#define LEGACY_ID(type)	((KVM_ARM_DEVICE_VGIC_V2 << KVM_ARM_DEVICE_ID_SHIFT) | (type))

/* guest/vgic_dist_guest.c */
#define MB_CASE		0
#define MB_WFI		1
#define CASE_WFI	1
#define CASE_SYNC	2

#define GICD_TYPER	0x004
#define GICD_IIDR	0x008
#define GICD_IIDR_KVM	0x4b00243bU
#define GICC_IIDR_KVM	0x04b2043bU

/* The call fails with errno @err. */
#define EXPECT_ERRNO(err, call) do {					\
	errno = 0;							\
	EXPECT_EQ(-1, (call));						\
	EXPECT_EQ((err), errno);					\
} while (0)

static int create_device(struct kvm_vm *vm, uint32_t type, uint32_t flags,
			 int *fd)
{
	struct kvm_create_device cd = { .type = type, .flags = flags, .fd = -1 };
	int ret = ioctl(vm->fd, KVM_CREATE_DEVICE, &cd);

	if (fd)
		*fd = cd.fd;
	return ret;
}

static int set_attr(int fd, uint32_t group, uint64_t attr, void *val)
{
	return __kvm_device_attr(fd, KVM_SET_DEVICE_ATTR, group, attr, val);
}

static int get_attr(int fd, uint32_t group, uint64_t attr, void *val)
{
	return __kvm_device_attr(fd, KVM_GET_DEVICE_ATTR, group, attr, val);
}

static int has_attr(int fd, uint32_t group, uint64_t attr)
{
	return __kvm_device_attr(fd, KVM_HAS_DEVICE_ATTR, group, attr, NULL);
}

static int set_addr(int fd, uint64_t type, uint64_t addr)
{
	return set_attr(fd, KVM_DEV_ARM_VGIC_GRP_ADDR, type, &addr);
}

static int legacy_set_addr(struct kvm_vm *vm, uint64_t id, uint64_t addr)
{
	struct kvm_arm_device_addr da = { .id = id, .addr = addr };

	return ioctl(vm->fd, KVM_ARM_SET_DEVICE_ADDR, &da);
}

/* Guest RAM, the vgic_dist guest in scenario @scenario, and VCPU 0. */
static struct kvm_vcpu *add_guest(struct kvm_vm *vm, uint32_t scenario)
{
	struct kvm_vcpu *vcpu;
	uint32_t *mb;

	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, guest_vgic_dist_start, GUEST_IMAGE_SIZE(vgic_dist),
		      GUEST_RAM_GPA);
	vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(vcpu, REG_PC, GUEST_RAM_GPA);
	mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	TEST_ASSERT(mb, "no mailbox");
	mb[MB_CASE] = scenario;
	return vcpu;
}

TEST(capabilities)
{
	/* a VMM gives up without KVM_CAP_IRQCHIP (ABI-NOTES, start-up 2) */
	EXPECT_LT(0, kvm_check_cap(KVM_CAP_IRQCHIP));
	EXPECT_LT(0, kvm_check_cap(KVM_CAP_DEVICE_CTRL));
	EXPECT_LT(0, kvm_check_cap(KVM_CAP_ARM_SET_DEVICE_ADDR));
}

FIXTURE(vgic) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu[2];
	int gic;
};

FIXTURE_SETUP(vgic)
{
	self->vm = vm_create();
	self->gic = -1;
	ASSERT_LT(0, vm_check_cap(self->vm, KVM_CAP_IRQCHIP));
}

FIXTURE_TEARDOWN(vgic)
{
	vcpu_free(self->vcpu[1]);
	vcpu_free(self->vcpu[0]);
	if (self->gic >= 0)
		close(self->gic);
	vm_free(self->vm);
}

TEST_F(vgic, v3_and_unknown_types_are_enodev)
{
	/* a VMM tries GICv3 first and must see a clean ENODEV */
	EXPECT_ERRNO(ENODEV, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V3_, 0, NULL));
	EXPECT_ERRNO(ENODEV, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V3_,
					   KVM_CREATE_DEVICE_TEST, NULL));
	EXPECT_ERRNO(ENODEV, create_device(self->vm, 0x1234, 0, NULL));
	EXPECT_ERRNO(ENODEV, create_device(self->vm, KVM_DEV_TYPE_VFIO, 0, NULL));
	EXPECT_ERRNO(EINVAL, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 2, NULL));
	/* none of it created a vGIC */
	EXPECT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	EXPECT_LE(0, self->gic);
}

TEST_F(vgic, test_flag_creates_nothing)
{
	int fd = -1;

	EXPECT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2,
				   KVM_CREATE_DEVICE_TEST, &fd));
	EXPECT_EQ(-1, fd);
	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	ASSERT_LE(0, self->gic);
	/* one vGIC per VM, whichever API asks */
	EXPECT_ERRNO(EEXIST, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	EXPECT_ERRNO(EEXIST, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
}

TEST_F(vgic, irqchip_then_device)
{
	ASSERT_EQ(0, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
	EXPECT_ERRNO(EEXIST, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	EXPECT_ERRNO(EEXIST, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
}

TEST_F(vgic, device_fd)
{
	struct kvm_device_attr a = { .group = KVM_DEV_ARM_VGIC_GRP_CTRL };
	pid_t pid;
	int status;

	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	EXPECT_EQ(FD_CLOEXEC, fcntl(self->gic, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(O_RDWR, fcntl(self->gic, F_GETFL) & O_ACCMODE);
	EXPECT_ERRNO(EINVAL, ioctl(self->gic, _IO(KVMIO, 0xfe), 0));
	EXPECT_ERRNO(ENOTTY, ioctl(self->gic, _IO('x', 1), 0));
	EXPECT_ERRNO(EINVAL, ioctl(self->gic, KVM_RUN, 0));
	EXPECT_ERRNO(EFAULT, ioctl(self->gic, KVM_HAS_DEVICE_ATTR, NULL));

	/* the device belongs to the VM's process */
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(ioctl(self->gic, KVM_HAS_DEVICE_ATTR, &a) == -1 &&
		      errno == EIO ? 0 : 1);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	EXPECT_EQ(0, ioctl(self->gic, KVM_HAS_DEVICE_ATTR, &a));
}

TEST_F(vgic, addresses)
{
	uint64_t addr = 0;

	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	/* unset: reads as VGIC_ADDR_UNDEF */
	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
			      KVM_VGIC_V2_ADDR_TYPE_DIST, &addr));
	EXPECT_EQ(~0ULL, addr);

	EXPECT_ERRNO(EINVAL, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_DIST, 0x3fff0800));
	EXPECT_ERRNO(EINVAL, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU, 0x3ffd0004));
	EXPECT_ERRNO(E2BIG, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_DIST, 1ULL << 40));
	EXPECT_ERRNO(E2BIG, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU,
				     (1ULL << 40) - 0x1000));
	EXPECT_ERRNO(ENXIO, set_addr(self->gic, 2, 0x10000));
	EXPECT_ERRNO(ENXIO, set_addr(self->gic, 1ULL << 32, 0x10000));
	EXPECT_ERRNO(EFAULT, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
				      KVM_VGIC_V2_ADDR_TYPE_DIST, NULL));

	ASSERT_EQ(0, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_DIST, GUEST_GICD_GPA));
	/* the CPU interface's 8 KiB may not overlap the distributor's 4 KiB */
	EXPECT_ERRNO(EINVAL, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU,
				      GUEST_GICD_GPA - 0x1000));
	EXPECT_ERRNO(EINVAL, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU, GUEST_GICD_GPA));
	ASSERT_EQ(0, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU, GUEST_GICC_GPA));
	EXPECT_ERRNO(EEXIST, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_DIST, 0x10000));
	EXPECT_ERRNO(EEXIST, set_addr(self->gic, KVM_VGIC_V2_ADDR_TYPE_CPU, 0x10000));
	/* the legacy ioctl sets the same addresses */
	EXPECT_ERRNO(EEXIST, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					     0x10000));

	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
			      KVM_VGIC_V2_ADDR_TYPE_DIST, &addr));
	EXPECT_EQ(GUEST_GICD_GPA, addr);
	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
			      KVM_VGIC_V2_ADDR_TYPE_CPU, &addr));
	EXPECT_EQ(GUEST_GICC_GPA, addr);
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR, 2, &addr));
}

TEST_F(vgic, nr_irqs)
{
	static const uint32_t bad[] = { 0, 32, 63, 100, 1025, 1056, 0xffffffe0 };
	uint32_t n;
	unsigned int i;

	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		n = bad[i];
		errno = 0;
		EXPECT_EQ(-1, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
		EXPECT_EQ(EINVAL, errno) TH_LOG("NR_IRQS %u", bad[i]);
	}
	EXPECT_ERRNO(EFAULT, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, NULL));
	n = 128;
	EXPECT_EQ(0, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	n = 0;
	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	EXPECT_EQ(128U, n);
	/* arm-vgic.rst: -EBUSY once set */
	n = 96;
	EXPECT_ERRNO(EBUSY, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));

	self->vcpu[0] = vcpu_add(self->vm, 0);
	EXPECT_EQ(0, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
			      KVM_DEV_ARM_VGIC_CTRL_INIT, NULL));
	EXPECT_ERRNO(EBUSY, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	EXPECT_EQ(128U, n);
}

TEST_F(vgic, nr_irqs_default_and_after_init)
{
	uint32_t n = 64;

	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	self->vcpu[0] = vcpu_add(self->vm, 0);
	EXPECT_EQ(0, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
			      KVM_DEV_ARM_VGIC_CTRL_INIT, NULL));
	/* idempotent */
	EXPECT_EQ(0, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
			      KVM_DEV_ARM_VGIC_CTRL_INIT, NULL));
	/* initialised with default values: -EBUSY (arm-vgic.rst) */
	EXPECT_ERRNO(EBUSY, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	EXPECT_EQ(0, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n));
	EXPECT_EQ(256U, n);
}

TEST_F(vgic, has_attr)
{
	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	self->vcpu[0] = vcpu_add(self->vm, 0);
	self->vcpu[1] = vcpu_add(self->vm, 1);

	EXPECT_EQ(0, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_DIST));
	EXPECT_EQ(0, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V2_ADDR_TYPE_CPU));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_ADDR, 2));

	EXPECT_EQ(0, has_attr(self->gic, DIST_REGS, GICD_TYPER));
	EXPECT_EQ(0, has_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x800));
	EXPECT_EQ(0, has_attr(self->gic, DIST_REGS, 0xf20));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, DIST_REGS, 0x00c));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, DIST_REGS, 0x102));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, DIST_REGS, 0xf00));	/* GICD_SGIR */
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, DIST_REGS, 0x1000));
	EXPECT_ERRNO(EINVAL, has_attr(self->gic, DIST_REGS, ATTR_VCPU(2) | GICD_TYPER));

	EXPECT_EQ(0, has_attr(self->gic, CPU_REGS, 0x04));
	EXPECT_EQ(0, has_attr(self->gic, CPU_REGS, ATTR_VCPU(1) | 0xd0));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, CPU_REGS, 0x0c));	/* GICC_IAR */
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, CPU_REGS, 0x06));
	EXPECT_ERRNO(EINVAL, has_attr(self->gic, CPU_REGS, ATTR_VCPU(7) | 0x04));

	EXPECT_EQ(0, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0));
	EXPECT_EQ(0, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL, 1));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, 5, 0));
	EXPECT_ERRNO(ENXIO, has_attr(self->gic, 0xffffffff, 0));

	/* and SET/GET of what does not exist */
	EXPECT_ERRNO(ENXIO, set_attr(self->gic, 5, 0, NULL));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, 5, 0, NULL));
	EXPECT_ERRNO(ENXIO, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL, 1, NULL));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
				     KVM_DEV_ARM_VGIC_CTRL_INIT, NULL));
}

/* A vGIC of 128 interrupts on 2 VCPUs, initialised; returns its fd. */
static int two_vcpus_128_irqs(struct kvm_vm *vm, struct kvm_vcpu **vcpus)
{
	uint32_t n = 128;
	int gic;

	TEST_ASSERT(!create_device(vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &gic),
		    "KVM_CREATE_DEVICE");
	TEST_ASSERT(!set_attr(gic, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &n), "NR_IRQS");
	vcpus[0] = vcpu_add(vm, 0);
	vcpus[1] = vcpu_add(vm, 1);
	TEST_ASSERT(!set_attr(gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
			      KVM_DEV_ARM_VGIC_CTRL_INIT, NULL), "CTRL_INIT");
	return gic;
}

TEST_F(vgic, dist_regs)
{
	uint32_t v = 0;

	self->gic = two_vcpus_128_irqs(self->vm, self->vcpu);
	/* ITLinesNumber 128 / 32 - 1, CPUNumber 2 - 1, no Security Extensions */
	ASSERT_EQ(0, get_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_EQ(0x23U, v);
	ASSERT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | GICD_TYPER, &v));
	EXPECT_EQ(0x23U, v);
	/* GICD_TYPER ignores userspace too */
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	ASSERT_EQ(0, get_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_EQ(0x23U, v);

	EXPECT_ERRNO(EINVAL, get_attr(self->gic, DIST_REGS, ATTR_VCPU(2) | GICD_TYPER, &v));
	EXPECT_ERRNO(EINVAL, get_attr(self->gic, DIST_REGS, ATTR_VCPU(255) | GICD_TYPER, &v));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, DIST_REGS, 0x00c, &v));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, DIST_REGS, 0x101, &v));
	EXPECT_ERRNO(ENXIO, set_attr(self->gic, DIST_REGS, 0xf00, &v));	/* SGIR */
	/* registers of INTIDs beyond NR_IRQS are not there */
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, DIST_REGS, 0x110, &v));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, DIST_REGS, 0x480, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x47c, &v));
	EXPECT_ERRNO(EFAULT, get_attr(self->gic, DIST_REGS, GICD_TYPER, NULL));

	/* GICD_CTLR round trip */
	v = 1;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, 0x000, &v));
	v = 0;
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x000, &v));
	EXPECT_EQ(1U, v);

	/* priorities: five bits, banked for SGIs and PPIs */
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x400, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x400, &v));
	EXPECT_EQ(0xf8f8f8f8U, v);
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x400, &v));
	EXPECT_EQ(0U, v);
}

TEST_F(vgic, dist_regs_restore_semantics)
{
	uint32_t v = 0, iidr = 0;

	self->gic = two_vcpus_128_irqs(self->vm, self->vcpu);
	ASSERT_EQ(0, get_attr(self->gic, DIST_REGS, GICD_IIDR, &iidr));
	EXPECT_EQ(GICD_IIDR_KVM, iidr);

	/* GICD_IGROUPR: ignored until userspace writes GICD_IIDR back */
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, 0x084, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x084, &v));
	EXPECT_EQ(0U, v);
	v = iidr ^ 0x1000;	/* another revision */
	EXPECT_ERRNO(EINVAL, set_attr(self->gic, DIST_REGS, GICD_IIDR, &v));
	v = iidr ^ 0x1;		/* another implementer */
	EXPECT_ERRNO(EINVAL, set_attr(self->gic, DIST_REGS, GICD_IIDR, &v));
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, GICD_IIDR, &iidr));
	v = 0x0000f00f;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, 0x084, &v));
	v = 0;
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x084, &v));
	EXPECT_EQ(0x0000f00fU, v);

	/* ISPENDR sets an SGI pending from the VCPU itself, ICPENDR clears it */
	v = 1U << 5;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x200, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0xf24, &v));
	EXPECT_EQ(0x0200U, v);		/* SGI 5, source CPU 1 */
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x200, &v));
	EXPECT_EQ(0U, v);		/* not VCPU 0's */
	v = 0x0100;			/* SPENDSGIR: add source CPU 0 */
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0xf24, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0xf14, &v));
	EXPECT_EQ(0x0300U, v);
	v = 1U << 5;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x280, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0xf24, &v));
	EXPECT_EQ(0U, v);

	/* a level SPI made pending from userspace stays pending (latch) */
	v = 1U << 8;			/* INTID 40 */
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, 0x204, &v));
	v = 0;
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x284, &v));
	EXPECT_EQ(1U << 8, v);
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0xc08, &v));
	EXPECT_EQ(0U, v);		/* level-sensitive */

	/* SPI targets: non-existent CPUs masked */
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, DIST_REGS, 0x820, &v));
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, 0x820, &v));
	EXPECT_EQ(0x03030303U, v);
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, ATTR_VCPU(1) | 0x81c, &v));
	EXPECT_EQ(0x02020202U, v);
}

TEST_F(vgic, cpu_regs)
{
	uint32_t v;

	self->gic = two_vcpus_128_irqs(self->vm, self->vcpu);

	/* GICC_PMR as GICH_VMCR.VMPriMask: five bits (arm-vgic.rst) */
	v = 0x15;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0x04, &v));
	v = 0;
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x04, &v));
	EXPECT_EQ(0x15U, v);
	v = 0xff;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, ATTR_VCPU(1) | 0x04, &v));
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, ATTR_VCPU(1) | 0x04, &v));
	EXPECT_EQ(0x1fU, v);
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x04, &v));
	EXPECT_EQ(0x15U, v);		/* banked */

	/* GICC_CTLR: EOImodeNS and bits [4:0] */
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0x00, &v));
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x00, &v));
	EXPECT_EQ(0x21fU, v);
	v = 0x1;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0x00, &v));
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x00, &v));
	EXPECT_EQ(0x1U, v);
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x04, &v));
	EXPECT_EQ(0x15U, v);		/* untouched by GICC_CTLR */

	v = 3;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0x08, &v));
	v = 4;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0x1c, &v));
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x08, &v));
	EXPECT_EQ(3U, v);
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0x1c, &v));
	EXPECT_EQ(4U, v);

	v = 0x80000001;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0xd0, &v));
	v = 0;
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0xd0, &v));
	EXPECT_EQ(0x80000001U, v);
	v = 0xffffffff;
	EXPECT_EQ(0, set_attr(self->gic, CPU_REGS, 0xd4, &v));
	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0xd4, &v));
	EXPECT_EQ(0U, v);		/* APR1: RAZ/WI */

	EXPECT_EQ(0, get_attr(self->gic, CPU_REGS, 0xfc, &v));
	EXPECT_EQ(GICC_IIDR_KVM, v);
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, CPU_REGS, 0x0c, &v));
	EXPECT_ERRNO(ENXIO, get_attr(self->gic, CPU_REGS, 0x1000, &v));
	EXPECT_ERRNO(EINVAL, get_attr(self->gic, CPU_REGS, ATTR_VCPU(2) | 0x04, &v));
}

/* KVM's GICv2 device sizes the vGIC on a register access, as CTRL_INIT. */
TEST_F(vgic, register_access_initialises)
{
	uint32_t v;

	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	self->vcpu[0] = vcpu_add(self->vm, 0);
	ASSERT_EQ(0, get_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_EQ(256U / 32 - 1, v & 0x1f);
	EXPECT_ERRNO(EBUSY, __vcpu_create(self->vm, 1));
}

TEST_F(vgic, no_vcpu_after_init)
{
	ASSERT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &self->gic));
	self->vcpu[0] = vcpu_add(self->vm, 0);
	ASSERT_EQ(0, set_attr(self->gic, KVM_DEV_ARM_VGIC_GRP_CTRL,
			      KVM_DEV_ARM_VGIC_CTRL_INIT, NULL));
	EXPECT_ERRNO(EBUSY, __vcpu_create(self->vm, 1));
}

static int stop_runner;

static void wake(int sig)
{
}

static void *runner(void *arg)
{
	struct kvm_vcpu *vcpu = arg;

	while (!__atomic_load_n(&stop_runner, __ATOMIC_ACQUIRE))
		__vcpu_run(vcpu);
	return NULL;
}

/* arm-vgic.rst: -EBUSY while a VCPU runs (its mutex is held) */
TEST_F_TIMEOUT(vgic, regs_busy_while_a_vcpu_runs, 20)
{
	struct sigaction sa = { .sa_handler = wake };
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	uint32_t *mb;
	uint32_t v;
	pthread_t t;
	int i;

	self->gic = vgic_v2_create(self->vm, 64);
	self->vcpu[0] = add_guest(self->vm, CASE_WFI);
	vgic_v2_init(self->gic);
	mb = addr_gpa2hva(self->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	sigaction(SIGUSR1, &sa, NULL);
	__atomic_store_n(&stop_runner, 0, __ATOMIC_RELEASE);
	ASSERT_EQ(0, pthread_create(&t, NULL, runner, self->vcpu[0]));
	for (i = 0; i < 500 && !__atomic_load_n(&mb[MB_WFI], __ATOMIC_ACQUIRE); i++)
		nanosleep(&ts, NULL);
	ASSERT_EQ(1U, __atomic_load_n(&mb[MB_WFI], __ATOMIC_ACQUIRE));

	EXPECT_ERRNO(EBUSY, get_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_ERRNO(EBUSY, get_attr(self->gic, CPU_REGS, 0x04, &v));
	EXPECT_ERRNO(EBUSY, set_attr(self->gic, CPU_REGS, 0x04, &v));

	__atomic_store_n(&stop_runner, 1, __ATOMIC_RELEASE);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	EXPECT_EQ(0, get_attr(self->gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_EQ(0x1U, v & 0xff);
}

TEST_F_TIMEOUT(vgic, legacy_irqchip, KVM_TEST_TIMEOUT)
{
	EXPECT_ERRNO(ENXIO, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					    GUEST_GICD_GPA));
	ASSERT_EQ(0, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));

	EXPECT_ERRNO(ENODEV, legacy_set_addr(self->vm, LEGACY_ID(2), GUEST_GICD_GPA));
	EXPECT_ERRNO(ENODEV, legacy_set_addr(self->vm, 1 << KVM_ARM_DEVICE_ID_SHIFT,
					     GUEST_GICD_GPA));
	EXPECT_ERRNO(EINVAL, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					     GUEST_GICD_GPA + 0x10));
	ASSERT_EQ(0, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
				     GUEST_GICD_GPA));
	ASSERT_EQ(0, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_CPU),
				     GUEST_GICC_GPA));
	EXPECT_ERRNO(EEXIST, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					     0x10000));
	EXPECT_ERRNO(EEXIST, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_CPU),
					     0x10000));

	self->vcpu[0] = add_guest(self->vm, CASE_SYNC);
	vcpu_run_expect_sync(self->vcpu[0], 1);
	/* fixed once a VCPU has run */
	EXPECT_ERRNO(EBUSY, legacy_set_addr(self->vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					    0x10000));
	EXPECT_ERRNO(EEXIST, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	vcpu_run_expect_done(self->vcpu[0]);
}

/* KVM_RUN without the addresses: the VMM is told, the VCPU does not run. */
TEST_F(vgic, run_needs_addresses)
{
	ASSERT_EQ(0, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
	self->vcpu[0] = add_guest(self->vm, CASE_SYNC);
	EXPECT_ERRNO(ENXIO, __vcpu_run(self->vcpu[0]));
}

TEST_F_TIMEOUT(vgic, no_vgic_after_a_vcpu_ran, KVM_TEST_TIMEOUT)
{
	self->vcpu[0] = add_guest(self->vm, CASE_SYNC);
	vcpu_run_expect_sync(self->vcpu[0], 1);
	EXPECT_ERRNO(EBUSY, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	EXPECT_ERRNO(EBUSY, ioctl(self->vm->fd, KVM_CREATE_IRQCHIP, 0));
	/* the TEST flag only asks whether the type exists */
	EXPECT_EQ(0, create_device(self->vm, KVM_DEV_TYPE_ARM_VGIC_V2,
				   KVM_CREATE_DEVICE_TEST, NULL));
}

/* The device holds the VM: either fd may go first (kmemleak checks). */
TEST(close_device_then_vm)
{
	struct kvm_vm *vm = vm_create();
	int gic;

	ASSERT_EQ(0, create_device(vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &gic));
	ASSERT_EQ(0, set_addr(gic, KVM_VGIC_V2_ADDR_TYPE_DIST, GUEST_GICD_GPA));
	EXPECT_EQ(0, close(gic));
	/* the vGIC stays with the VM */
	EXPECT_ERRNO(EEXIST, create_device(vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	EXPECT_ERRNO(EEXIST, legacy_set_addr(vm, LEGACY_ID(KVM_VGIC_V2_ADDR_TYPE_DIST),
					     0x10000));
	vm_free(vm);
}

TEST(close_vm_then_device)
{
	struct kvm_vm *vm = vm_create();
	struct kvm_vcpu *vcpu;
	uint64_t addr = 0;
	uint32_t v = 0;
	int gic;

	ASSERT_EQ(0, create_device(vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, &gic));
	ASSERT_EQ(0, set_addr(gic, KVM_VGIC_V2_ADDR_TYPE_CPU, GUEST_GICC_GPA));
	vcpu = vcpu_add(vm, 0);
	vcpu_free(vcpu);
	vm_free(vm);

	/* the VM lives on through the device */
	EXPECT_EQ(0, get_attr(gic, KVM_DEV_ARM_VGIC_GRP_ADDR,
			      KVM_VGIC_V2_ADDR_TYPE_CPU, &addr));
	EXPECT_EQ(GUEST_GICC_GPA, addr);
	EXPECT_EQ(0, get_attr(gic, DIST_REGS, GICD_TYPER, &v));
	EXPECT_EQ(0x7U, v);
	EXPECT_EQ(0, close(gic));
}

#define FORCE_USER_IRQCHIP "/sys/module/kvm_arm32/parameters/force_user_irqchip"

/*
 * force_user_irqchip: VMs created while it is set behave as on a host
 * without GIC virtualization; VMs created before keep their vGIC.
 */
TEST(force_user_irqchip_parameter)
{
	struct kvm_vm *before = vm_create(), *vm;
	struct kvm_irq_level line = { .irq = IRQ_LINE_CPU(0, 0), .level = 1 };
	struct kvm_vcpu *vcpu;

	ASSERT_EQ(0, write_file(FORCE_USER_IRQCHIP, "Y"));
	vm = vm_create();
	vcpu = vcpu_add(vm, 0);
	EXPECT_EQ(0, kvm_check_cap(KVM_CAP_IRQCHIP));
	EXPECT_EQ(0, vm_check_cap(vm, KVM_CAP_IRQCHIP));
	EXPECT_EQ(0, vm_check_cap(vm, KVM_CAP_ARM_SET_DEVICE_ADDR));
	EXPECT_LT(0, vm_check_cap(before, KVM_CAP_IRQCHIP));
	EXPECT_ERRNO(ENXIO, ioctl(vm->fd, KVM_CREATE_IRQCHIP, 0));
	EXPECT_ERRNO(ENODEV, create_device(vm, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	/* the userspace irqchip's CPU lines are what such a VM has */
	EXPECT_EQ(0, ioctl(vm->fd, KVM_IRQ_LINE, &line));
	/* a VM created before the switch still gets its vGIC */
	EXPECT_EQ(0, create_device(before, KVM_DEV_TYPE_ARM_VGIC_V2, 0, NULL));
	EXPECT_EQ(0, write_file(FORCE_USER_IRQCHIP, "N"));
	EXPECT_LT(0, kvm_check_cap(KVM_CAP_IRQCHIP));
	vcpu_free(vcpu);
	vm_free(vm);
	vm_free(before);
}

TEST_HARNESS_MAIN
