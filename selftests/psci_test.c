// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI: secondary VCPUs brought up with CPU_ON and down with CPU_OFF,
 * SYSTEM_OFF and SYSTEM_RESET as KVM_EXIT_SYSTEM_EVENT, the version
 * chosen through the firmware register, PSCI 0.1, and KVM_GET/SET_MP_STATE.
 */
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(psci);

#define POWER_OFF	(1 << KVM_ARM_VCPU_POWER_OFF)
#define PSCI_0_2	(1 << KVM_ARM_VCPU_PSCI_0_2)

FIXTURE(psci) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu0, *vcpu1;
};

FIXTURE_SETUP(psci)
{
	struct kvm_vcpu_init init;

	self->vm = vm_create_guest(&self->vcpu0, psci);
	ASSERT_EQ(0, __vm_preferred_target(self->vm, &init));
	self->vcpu1 = vcpu_create(self->vm, 1);
	ASSERT_EQ(0, __vcpu_init(self->vcpu1, init.target, PSCI_0_2 | POWER_OFF));
}

FIXTURE_TEARDOWN(psci)
{
	vcpu_free(self->vcpu1);
	vcpu_free(self->vcpu0);
	vm_free(self->vm);
}

static void set_case(struct kvm_vm *vm, uint32_t c)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	mb[0] = c;
}

static int stop_vcpu1;	/* __atomic accesses: read by VCPU 1's thread */

static void wake(int sig)
{
}

/* VCPU 1's thread: KVM_RUN until told to stop (by signal). */
static void *vcpu1_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	long exits = 0;

	while (!__atomic_load_n(&stop_vcpu1, __ATOMIC_ACQUIRE)) {
		if (__vcpu_run(vcpu) == 0)
			exits++;
	}
	return (void *)exits;
}

static struct kvm_mp_state mp_state(struct kvm_vcpu *vcpu)
{
	struct kvm_mp_state mp = { .mp_state = 99 };

	ioctl(vcpu->fd, KVM_GET_MP_STATE, &mp);
	return mp;
}

TEST_F_TIMEOUT(psci, cpu_on_cpu_off_system_off, 30)
{
	struct sigaction sa = { .sa_handler = wake };
	struct kvm_run *run = self->vcpu0->run;
	struct ucall uc;
	pthread_t t;

	ASSERT_EQ(1, vm_check_cap(self->vm, KVM_CAP_ARM_PSCI_0_2));
	sigaction(SIGUSR1, &sa, NULL);
	__atomic_store_n(&stop_vcpu1, 0, __ATOMIC_RELEASE);
	set_case(self->vm, 0);
	ASSERT_EQ(0, pthread_create(&t, NULL, vcpu1_thread, self->vcpu1));

	/* the guest saw VCPU 1 come up, report, and turn itself off */
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu0, &uc));
	EXPECT_EQ(1ULL, uc.args[0]);

	vcpu_run(self->vcpu0);
	ASSERT_EQ((uint32_t)KVM_EXIT_SYSTEM_EVENT, run->exit_reason);
	EXPECT_EQ((uint32_t)KVM_SYSTEM_EVENT_SHUTDOWN, run->system_event.type);
	EXPECT_EQ((uint32_t)KVM_MP_STATE_STOPPED, mp_state(self->vcpu0).mp_state);

	/* a VCPU ioctl waits for KVM_RUN on that VCPU to return, as in KVM */
	__atomic_store_n(&stop_vcpu1, 1, __ATOMIC_RELEASE);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	EXPECT_EQ((uint32_t)KVM_MP_STATE_STOPPED, mp_state(self->vcpu1).mp_state);
}

TEST_F_TIMEOUT(psci, system_reset_is_a_system_event, KVM_TEST_TIMEOUT)
{
	struct kvm_run *run = self->vcpu0->run;

	set_case(self->vm, 1);
	vcpu_run(self->vcpu0);
	ASSERT_EQ((uint32_t)KVM_EXIT_SYSTEM_EVENT, run->exit_reason);
	EXPECT_EQ((uint32_t)KVM_SYSTEM_EVENT_RESET, run->system_event.type);
}

TEST_F_TIMEOUT(psci, version_1_0_through_firmware_register, KVM_TEST_TIMEOUT)
{
	uint64_t v;

	EXPECT_EQ(2ULL, vcpu_get_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION));
	vcpu_set_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION, 0x10000);
	v = vcpu_get_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION);
	EXPECT_EQ(0x10000ULL, v);
	set_case(self->vm, 2);
	vcpu_run_expect_done(self->vcpu0);
}

/*
 * PSCI_VERSION and SMCCC_VERSION are answered in HYP from a value the host
 * computes when the version changes: back from 1.0 to 0.2, the guest must
 * see 0.2's answers, not the 1.0 ones HYP had.
 */
TEST_F_TIMEOUT(psci, version_back_to_0_2, KVM_TEST_TIMEOUT)
{
	vcpu_set_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION, 0x10000);
	vcpu_set_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION, 2);
	EXPECT_EQ(2ULL, vcpu_get_reg(self->vcpu0, KVM_REG_ARM_PSCI_VERSION));
	set_case(self->vm, 4);
	vcpu_run_expect_done(self->vcpu0);
}

TEST_F_TIMEOUT(psci, version_0_1_ids, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu_init init;

	/* a VCPU without KVM_ARM_VCPU_PSCI_0_2 speaks KVM's PSCI 0.1 */
	vcpu_free(self->vcpu0);
	self->vcpu0 = vcpu_create(self->vm, 2);
	ASSERT_EQ(0, __vm_preferred_target(self->vm, &init));
	ASSERT_EQ(0, __vcpu_init(self->vcpu0, init.target, 0));
	vcpu_set_reg(self->vcpu0, REG_PC, GUEST_RAM_GPA);
	set_case(self->vm, 3);
	vcpu_run_expect_done(self->vcpu0);
}

TEST_F(psci, mp_state)
{
	struct kvm_mp_state mp = { .mp_state = 99 };

	EXPECT_EQ((uint32_t)KVM_MP_STATE_RUNNABLE, mp_state(self->vcpu0).mp_state);
	EXPECT_EQ((uint32_t)KVM_MP_STATE_STOPPED, mp_state(self->vcpu1).mp_state);
	EXPECT_EQ(-1, ioctl(self->vcpu1->fd, KVM_SET_MP_STATE, &mp));
	EXPECT_EQ(EINVAL, errno);
	mp.mp_state = KVM_MP_STATE_RUNNABLE;
	EXPECT_EQ(0, ioctl(self->vcpu1->fd, KVM_SET_MP_STATE, &mp));
	EXPECT_EQ((uint32_t)KVM_MP_STATE_RUNNABLE, mp_state(self->vcpu1).mp_state);
}

TEST_HARNESS_MAIN
