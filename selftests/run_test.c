// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_RUN and signals: immediate_exit, a signal that ends a WFI wait, WFE
 * that only yields, and a signal already pending when KVM_RUN starts.
 */
#include <pthread.h>
#include <signal.h>
#include <time.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"
#include "guest_exit.h"

GUEST_IMAGE(ucall);
GUEST_IMAGE(wfi);
GUEST_IMAGE(wfe);

#define WFI_SIGNAL_DELAY_MS	300
/* CPU time the VCPU thread may use while it waits, in % of the wait */
#define WFI_MAX_CPU_PERCENT	30

FIXTURE(run) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(run)
{
}

FIXTURE_TEARDOWN(run)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

static int handled;		/* __atomic: a signal handler writes it */

static void count_signal(int sig)
{
	__atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
}

/* A handler without SA_RESTART, so that KVM_RUN is not restarted. */
static void install_handler(int sig)
{
	struct sigaction sa = { .sa_handler = count_signal };

	sigemptyset(&sa.sa_mask);
	TEST_ASSERT(sigaction(sig, &sa, NULL) == 0, "sigaction %d", sig);
}

static uint64_t ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

TEST_F_TIMEOUT(run, immediate_exit, KVM_TEST_TIMEOUT)
{
	uint64_t pc;
	int ret;

	self->vm = vm_create_guest(&self->vcpu, ucall);
	pc = vcpu_get_reg(self->vcpu, REG_PC);
	self->vcpu->run->immediate_exit = 1;
	ret = __vcpu_run(self->vcpu);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EINTR, errno);
	EXPECT_EQ(KVM_EXIT_INTR, (int)self->vcpu->run->exit_reason)
		TH_LOG("exit %s", exit_reason_str(self->vcpu->run->exit_reason));
	EXPECT_EQ(pc, vcpu_get_reg(self->vcpu, REG_PC));

	/* cleared, the guest runs from where it was */
	self->vcpu->run->immediate_exit = 0;
	vcpu_run_expect_sync(self->vcpu, SYNC_MAGIC_1);
}

struct kicker {
	pthread_t target;
	int sig;
	unsigned int delay_ms;
};

static void *kick_later(void *arg)
{
	struct kicker *k = arg;
	struct timespec ts = {
		.tv_sec = k->delay_ms / 1000,
		.tv_nsec = (k->delay_ms % 1000) * 1000000L,
	};

	nanosleep(&ts, NULL);
	pthread_kill(k->target, k->sig);
	return NULL;
}

TEST_F_TIMEOUT(run, signal_interrupts_wfi, 30)
{
	struct kicker k = {
		.target = pthread_self(),
		.sig = SIGRTMIN,
		.delay_ms = WFI_SIGNAL_DELAY_MS,
	};
	uint64_t wall, cpu;
	pthread_t thread;
	int ret, err;

	self->vm = vm_create_guest(&self->vcpu, wfi);
	install_handler(k.sig);
	__atomic_store_n(&handled, 0, __ATOMIC_RELAXED);
	ASSERT_EQ(0, pthread_create(&thread, NULL, kick_later, &k));

	wall = ns(CLOCK_MONOTONIC);
	cpu = ns(CLOCK_THREAD_CPUTIME_ID);
	ret = __vcpu_run(self->vcpu);
	err = errno;
	cpu = ns(CLOCK_THREAD_CPUTIME_ID) - cpu;
	wall = ns(CLOCK_MONOTONIC) - wall;
	pthread_join(thread, NULL);

	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EINTR, err);
	EXPECT_EQ(KVM_EXIT_INTR, (int)self->vcpu->run->exit_reason)
		TH_LOG("exit %s", exit_reason_str(self->vcpu->run->exit_reason));
	EXPECT_EQ(1, __atomic_load_n(&handled, __ATOMIC_RELAXED));
	/* the guest waited for the signal, not less */
	EXPECT_LE(WFI_SIGNAL_DELAY_MS * 1000000ULL * 9 / 10, wall)
		TH_LOG("KVM_RUN returned after %llu ms", (unsigned long long)wall / 1000000);
	/* and slept while it waited */
	EXPECT_GT(wall * WFI_MAX_CPU_PERCENT / 100, cpu)
		TH_LOG("VCPU thread used %llu ms of CPU in %llu ms",
		       (unsigned long long)cpu / 1000000,
		       (unsigned long long)wall / 1000000);
}

TEST_F_TIMEOUT(run, wfe_returns, KVM_TEST_TIMEOUT)
{
	self->vm = vm_create_guest(&self->vcpu, wfe);
	vcpu_run_expect_sync(self->vcpu, 16);
	vcpu_run_expect_done(self->vcpu);
}

/*
 * A signal pending (blocked in the thread) when KVM_RUN starts, and
 * unblocked for the run by KVM_SET_SIGNAL_MASK: KVM_RUN returns at once
 * with EINTR, before the guest runs.
 */
TEST_F_TIMEOUT(run, pending_signal_before_run, KVM_TEST_TIMEOUT)
{
	struct {
		struct kvm_signal_mask head;
		uint8_t bits[8];	/* the kernel's sigset: 64 signals */
	} mask = { .head.len = 8 };
	sigset_t block;
	uint64_t pc;
	int ret;

	self->vm = vm_create_guest(&self->vcpu, ucall);
	pc = vcpu_get_reg(self->vcpu, REG_PC);
	install_handler(SIGUSR1);
	__atomic_store_n(&handled, 0, __ATOMIC_RELAXED);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	ASSERT_EQ(0, pthread_sigmask(SIG_BLOCK, &block, NULL));
	ASSERT_EQ(0, pthread_kill(pthread_self(), SIGUSR1));
	ASSERT_EQ(0, __atomic_load_n(&handled, __ATOMIC_RELAXED));

	ret = ioctl(self->vcpu->fd, KVM_SET_SIGNAL_MASK, &mask);
	ASSERT_EQ(0, ret) TH_LOG("KVM_SET_SIGNAL_MASK (nothing blocked): errno %d", errno);
	ret = __vcpu_run(self->vcpu);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EINTR, errno);
	EXPECT_EQ(KVM_EXIT_INTR, (int)self->vcpu->run->exit_reason)
		TH_LOG("exit %s", exit_reason_str(self->vcpu->run->exit_reason));
	EXPECT_EQ(pc, vcpu_get_reg(self->vcpu, REG_PC));

	/* still pending once KVM_RUN has put the thread's mask back */
	EXPECT_EQ(0, __atomic_load_n(&handled, __ATOMIC_RELAXED));
	ASSERT_EQ(0, pthread_sigmask(SIG_UNBLOCK, &block, NULL));
	EXPECT_EQ(1, __atomic_load_n(&handled, __ATOMIC_RELAXED));
	vcpu_run_expect_sync(self->vcpu, SYNC_MAGIC_1);
}

/* KVM_SET_SIGNAL_MASK takes the kernel's sigset size and nothing else. */
TEST_F_TIMEOUT(run, signal_mask_bad_length, KVM_TEST_TIMEOUT)
{
	struct {
		struct kvm_signal_mask head;
		uint8_t bits[16];
	} mask = { .head.len = 4 };

	self->vm = vm_create_guest(&self->vcpu, ucall);
	EXPECT_EQ(-1, ioctl(self->vcpu->fd, KVM_SET_SIGNAL_MASK, &mask));
	EXPECT_EQ(EINVAL, errno);
	mask.head.len = 16;
	EXPECT_EQ(-1, ioctl(self->vcpu->fd, KVM_SET_SIGNAL_MASK, &mask));
	EXPECT_EQ(EINVAL, errno);
	/* NULL removes the mask */
	EXPECT_EQ(0, ioctl(self->vcpu->fd, KVM_SET_SIGNAL_MASK, NULL));
}

TEST_HARNESS_MAIN
