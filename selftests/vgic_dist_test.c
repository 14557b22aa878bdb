// SPDX-License-Identifier: GPL-2.0-only
/*
 * The vGICv2 distributor as a guest sees it (guest/vgic_dist_guest.c):
 * GICD_TYPER for the VM's shape, byte, halfword and word access rules,
 * read-only and RAZ/WI fields, set/clear pairs, per-CPU banking, for
 * several VCPU counts and interrupt counts.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(vgic_dist);

#define PSCI_0_2	(1U << KVM_ARM_VCPU_PSCI_0_2)
#define POWER_OFF	(1U << KVM_ARM_VCPU_POWER_OFF)

/* mailbox words of guest/vgic_dist_guest.c */
#define MB_CASE		0
#define MB_NR_CPUS	2
#define MB_NR_IRQS	3
#define CASE_REGISTERS	0

#define NR_IRQS_DEFAULT	256	/* NR_IRQS not set: KVM's legacy size */

FIXTURE(dist) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpus[GUEST_MAX_CPUS];
	int gic;
};

FIXTURE_VARIANT(dist) {
	uint32_t nr_vcpus;
	uint32_t nr_irqs;	/* 0: not set */
};

FIXTURE_VARIANT_ADD(dist, one_cpu_64_irqs) {
	.nr_vcpus = 1,
	.nr_irqs = 64,
};

FIXTURE_VARIANT_ADD(dist, two_cpus_128_irqs) {
	.nr_vcpus = 2,
	.nr_irqs = 128,
};

FIXTURE_VARIANT_ADD(dist, three_cpus_default_irqs) {
	.nr_vcpus = 3,
	.nr_irqs = 0,
};

FIXTURE_VARIANT_ADD(dist, eight_cpus_992_irqs) {
	.nr_vcpus = 8,
	.nr_irqs = 992,
};

FIXTURE_SETUP(dist)
{
	uint32_t *mb;
	uint32_t i;

	self->vm = vm_create();
	self->gic = vgic_v2_create(self->vm, variant->nr_irqs);
	vm_add_ram(self->vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(self->vm, guest_vgic_dist_start,
		      GUEST_IMAGE_SIZE(vgic_dist), GUEST_RAM_GPA);
	self->vcpus[0] = vcpu_add(self->vm, 0);
	vcpu_set_reg(self->vcpus[0], REG_PC, GUEST_RAM_GPA);
	for (i = 1; i < variant->nr_vcpus; i++) {
		self->vcpus[i] = vcpu_create(self->vm, i);
		vcpu_init(self->vcpus[i], PSCI_0_2 | POWER_OFF);
	}
	vgic_v2_init(self->gic);

	mb = addr_gpa2hva(self->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	ASSERT_TRUE(mb != NULL);
	mb[MB_CASE] = CASE_REGISTERS;
	mb[MB_NR_CPUS] = variant->nr_vcpus;
	mb[MB_NR_IRQS] = variant->nr_irqs ? variant->nr_irqs : NR_IRQS_DEFAULT;
}

FIXTURE_TEARDOWN(dist)
{
	uint32_t i;

	for (i = 0; i < GUEST_MAX_CPUS; i++)
		vcpu_free(self->vcpus[i]);
	close(self->gic);
	vm_free(self->vm);
}

static int stop_cpu1;	/* __atomic: read by VCPU 1's thread */

static void wake(int sig)
{
}

/* VCPU 1: KVM_RUN (it waits powered off for CPU_ON) until told to stop */
static void *cpu1_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;

	while (!__atomic_load_n(&stop_cpu1, __ATOMIC_ACQUIRE))
		__vcpu_run(vcpu);
	return NULL;
}

TEST_F_TIMEOUT(dist, registers_to_the_letter, 30)
{
	struct sigaction sa = { .sa_handler = wake };
	pthread_t t;

	if (variant->nr_vcpus > 1) {
		sigaction(SIGUSR1, &sa, NULL);
		__atomic_store_n(&stop_cpu1, 0, __ATOMIC_RELEASE);
		ASSERT_EQ(0, pthread_create(&t, NULL, cpu1_thread, self->vcpus[1]));
	}
	vcpu_run_expect_done(self->vcpus[0]);
	if (variant->nr_vcpus > 1) {
		__atomic_store_n(&stop_cpu1, 1, __ATOMIC_RELEASE);
		pthread_kill(t, SIGUSR1);
		pthread_join(t, NULL);
	}
}

/*
 * The same distributor through KVM_DEV_ARM_VGIC_GRP_DIST_REGS: GICD_TYPER
 * for this VM's shape, state shared between set and clear registers, and
 * banked registers as the VCPU the attribute names sees them.
 */
TEST_F_TIMEOUT(dist, userspace_view, 30)
{
	uint64_t vcpu1 = 1ULL << KVM_DEV_ARM_VGIC_CPUID_SHIFT;
	uint32_t nr_irqs = variant->nr_irqs ? variant->nr_irqs : NR_IRQS_DEFAULT;
	uint32_t v = 0, typer;

	ASSERT_EQ(0, __kvm_device_attr(self->gic, KVM_GET_DEVICE_ATTR,
				       KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x004, &typer));
	EXPECT_EQ(nr_irqs / 32 - 1, typer & 0x1f);
	EXPECT_EQ(variant->nr_vcpus - 1, (typer >> 5) & 7);

	/* an SPI enabled from userspace reads as enabled in the guest's view */
	v = 0x3;
	ASSERT_EQ(0, __kvm_device_attr(self->gic, KVM_SET_DEVICE_ATTR,
				       KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x104, &v));
	v = 0;
	ASSERT_EQ(0, __kvm_device_attr(self->gic, KVM_GET_DEVICE_ATTR,
				       KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x184, &v));
	EXPECT_EQ(0x3U, v);

	if (variant->nr_vcpus < 2)
		return;
	/* ITARGETSR0 is each VCPU's own interface */
	ASSERT_EQ(0, __kvm_device_attr(self->gic, KVM_GET_DEVICE_ATTR,
				       KVM_DEV_ARM_VGIC_GRP_DIST_REGS, vcpu1 | 0x800, &v));
	EXPECT_EQ(0x02020202U, v);
	ASSERT_EQ(0, __kvm_device_attr(self->gic, KVM_GET_DEVICE_ATTR,
				       KVM_DEV_ARM_VGIC_GRP_DIST_REGS, 0x800, &v));
	EXPECT_EQ(0x01010101U, v);
}

TEST_HARNESS_MAIN
