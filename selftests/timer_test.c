// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's virtual timer: its level as the VMM sees it without an
 * in-kernel irqchip (device_irq_level, KVM_EXIT_INTR), WFI that sleeps to
 * the timer's deadline, the timer's ONE_REGs and the per-VM counter
 * offset, and PPI 27 through the in-kernel vGIC.
 */
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(timer);

/* mailbox word 0: the guest's scenario (enum timer_case in the guest) */
enum {
	CASE_USER_LEVEL,
	CASE_USER_IRQ,
	CASE_WFI,
	CASE_READ,
	CASE_VGIC,
	CASE_VGIC_WFI,
};

#define CTL_ENABLE	1ULL
#define CTL_IMASK	2ULL
#define CTL_ISTATUS	4ULL

#define WFI_DEADLINE_MS		200
/* CPU time the VCPU thread may use while the guest sleeps, in % */
#define WFI_MAX_CPU_PERCENT	50
/* A guest that does not exit is stopped after this long, in ms. */
#define RUN_LIMIT_MS		3000
#define VGIC_ROUNDS		8

/* ---- helpers ---------------------------------------------------------------- */

static uint32_t host_cntfrq(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

/* The host's CNTVCT, as its vDSO reads it (CNTKCTL.PL0VCTEN). */
static uint64_t host_cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n\tmrrc p15, 1, %0, %1, c14"
			     : "=r"(lo), "=r"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint32_t *mailbox(struct kvm_vm *vm)
{
	return addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
}

static void set_case(struct kvm_vm *vm, uint32_t c, uint32_t param)
{
	uint32_t *mb = mailbox(vm);

	mb[1] = 0;
	mb[2] = param;
	__atomic_store_n(&mb[0], c, __ATOMIC_RELEASE);
}

static int alarm_fired;		/* __atomic: the SIGALRM handler sets it */

static void on_alarm(int sig)
{
	__atomic_store_n(&alarm_fired, 1, __ATOMIC_RELAXED);
}

static bool timed_out(void)
{
	return __atomic_load_n(&alarm_fired, __ATOMIC_RELAXED);
}

/*
 * One KVM_RUN, not restarted on EINTR.  A guest that never exits is
 * stopped by SIGALRM after RUN_LIMIT_MS (and timed_out() says so).
 * Return: KVM_RUN's result; errno as it left it.
 */
static int run_once(struct kvm_vcpu *vcpu)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = {
		.it_value.tv_sec = RUN_LIMIT_MS / 1000,
		.it_value.tv_usec = (RUN_LIMIT_MS % 1000) * 1000,
	};
	struct itimerval off = { 0 };
	int ret, err;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART */
	__atomic_store_n(&alarm_fired, 0, __ATOMIC_RELAXED);
	setitimer(ITIMER_REAL, &it, NULL);
	ret = __vcpu_run(vcpu);
	err = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	errno = err;
	return ret;
}

static bool vtimer_bit(struct kvm_vcpu *vcpu)
{
	return vcpu->run->s.regs.device_irq_level & KVM_ARM_DEV_EL1_VTIMER;
}

/* Run to the next ucall, which must be GUEST_SYNC with tag @tag. */
static void expect_report(struct kvm_vcpu *vcpu, uint64_t tag, struct ucall *uc)
{
	vcpu_run_expect_sync(vcpu, tag);
	get_ucall(vcpu, uc);
}

static void pin_to_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	TEST_ASSERT(!sched_setaffinity(0, sizeof(set), &set), "pin to CPU %d", cpu);
	TEST_ASSERT(sched_getcpu() == cpu, "on CPU %d, not %d", sched_getcpu(), cpu);
}

/* Pin the calling thread to the CPU it is on: the test reads per-CPU state. */
static void pin_to_this_cpu(void)
{
	pin_to_cpu(sched_getcpu());
}

/* A VM whose VCPU 0 runs the timer guest, with no in-kernel irqchip. */
static struct kvm_vm *timer_vm(struct kvm_vcpu **vcpu)
{
	return vm_create_guest(vcpu, timer);
}

/* ---- user irqchip: the level in device_irq_level --------------------------- */

TEST(user_irqchip_level_and_exit)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	uint64_t cnt, cval;
	struct ucall uc;
	int ret;

	ASSERT_EQ(1, kvm_check_cap(KVM_CAP_ARM_USER_IRQ));
	set_case(vm, CASE_USER_LEVEL, 0);

	/* programmed, 50 ms to go: low */
	expect_report(vcpu, 1, &uc);
	EXPECT_FALSE(vtimer_bit(vcpu));

	/* the guest spins past the deadline: only the timer takes it out */
	ret = run_once(vcpu);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EINTR, errno);
	ASSERT_FALSE(timed_out()) TH_LOG("the timer's level change never ended KVM_RUN");
	EXPECT_EQ(KVM_EXIT_INTR, (int)vcpu->run->exit_reason);
	EXPECT_TRUE(vtimer_bit(vcpu));
	cnt = vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CNT);
	cval = vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CVAL);
	EXPECT_LE(cval, cnt);
	EXPECT_EQ(CTL_ENABLE | CTL_ISTATUS,
		  vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));

	mailbox(vm)[1] = 1;
	/* the guest masks the timer: low again at its next exit */
	expect_report(vcpu, 2, &uc);
	EXPECT_EQ(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS, uc.args[1]);
	EXPECT_FALSE(vtimer_bit(vcpu));

	vcpu_run_expect_done(vcpu);
	EXPECT_FALSE(vtimer_bit(vcpu));
	vcpu_free(vcpu);
	vm_free(vm);
}

/*
 * The host's PPI is disabled while the level is high on whichever CPU
 * runs the VCPU, and enabled again there once it is low: a VCPU moved
 * between CPUs must still make progress with its level high, and still
 * exit when its timer fires.
 */
TEST(user_irqchip_level_across_cpus)
{
	const int rounds = 6;
	int n = sysconf(_SC_NPROCESSORS_ONLN), r;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	struct ucall uc;

	if (n < 2) {
		vcpu_free(vcpu);
		vm_free(vm);
		SKIP(return, "needs two host CPUs");
	}
	set_case(vm, CASE_USER_LEVEL, rounds);
	for (r = 0; r < rounds; r++) {
		pin_to_cpu(r % n);
		expect_report(vcpu, 1, &uc);
		EXPECT_FALSE(vtimer_bit(vcpu));

		pin_to_cpu((r + 1) % n);
		ASSERT_EQ(-1, run_once(vcpu));
		ASSERT_EQ(EINTR, errno);
		ASSERT_FALSE(timed_out())
			TH_LOG("round %d: the timer did not take the guest out on CPU %d",
			       r, (r + 1) % n);
		EXPECT_TRUE(vtimer_bit(vcpu));

		/* a third CPU, or the first again: the level is still high */
		pin_to_cpu((r + 2 + r % 2) % n);
		mailbox(vm)[1] = r + 1;
		expect_report(vcpu, 2, &uc);
		EXPECT_FALSE(vtimer_bit(vcpu));
	}
	vcpu_run_expect_done(vcpu);
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(user_irqchip_irq_line)
{
	uint32_t line = IRQ_LINE_CPU(0, KVM_ARM_IRQ_CPU_IRQ);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	struct ucall uc;
	int ret;

	if (__vm_irq_line(vm, line, 0)) {
		vcpu_free(vcpu);
		vm_free(vm);
		SKIP(return, "KVM_IRQ_LINE type CPU: %s", strerror(errno));
	}
	set_case(vm, CASE_USER_IRQ, 0);

	ret = run_once(vcpu);
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EINTR, errno);
	ASSERT_FALSE(timed_out());
	ASSERT_TRUE(vtimer_bit(vcpu));

	/* the VMM's interrupt controller passes the level on to the CPU */
	vm_irq_line(vm, line, 1);
	expect_report(vcpu, 3, &uc);
	EXPECT_LE(uc.args[2], uc.args[1]);	/* CVAL <= CNTVCT */
	EXPECT_FALSE(vtimer_bit(vcpu));
	vm_irq_line(vm, line, 0);

	expect_report(vcpu, 4, &uc);
	EXPECT_EQ(1ULL, uc.args[1]);	/* one IRQ, not a storm */
	vcpu_run_expect_done(vcpu);
	vcpu_free(vcpu);
	vm_free(vm);
}

/* ---- WFI ------------------------------------------------------------------- */

TEST(wfi_sleeps_until_deadline)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	uint64_t wall, cpu, late_us, freq;
	struct ucall uc;
	int ret, err;

	set_case(vm, CASE_WFI, WFI_DEADLINE_MS);
	wall = ns(CLOCK_MONOTONIC);
	cpu = ns(CLOCK_THREAD_CPUTIME_ID);
	ret = run_once(vcpu);
	err = errno;
	cpu = ns(CLOCK_THREAD_CPUTIME_ID) - cpu;
	wall = ns(CLOCK_MONOTONIC) - wall;

	/* the background timer ended the wait and raised the level */
	ASSERT_EQ(-1, ret);
	ASSERT_EQ(EINTR, err);
	ASSERT_FALSE(timed_out()) TH_LOG("WFI never woke up");
	EXPECT_EQ(KVM_EXIT_INTR, (int)vcpu->run->exit_reason);
	EXPECT_TRUE(vtimer_bit(vcpu));
	EXPECT_LE(WFI_DEADLINE_MS * 1000000ULL * 9 / 10, wall)
		TH_LOG("KVM_RUN returned after %llu ms",
		       (unsigned long long)wall / 1000000);
	EXPECT_GT(wall * WFI_MAX_CPU_PERCENT / 100, cpu)
		TH_LOG("VCPU thread used %llu ms of CPU in %llu ms",
		       (unsigned long long)cpu / 1000000,
		       (unsigned long long)wall / 1000000);

	/* the guest's own clock: it woke no earlier than the deadline */
	expect_report(vcpu, 5, &uc);
	EXPECT_LE(uc.args[2], uc.args[1]);
	freq = host_cntfrq();
	late_us = freq ? (uc.args[1] - uc.args[2]) * 1000000 / freq : 0;
	TH_LOG("WFI %u ms: KVM_RUN %llu ms, VCPU thread CPU %llu us (%llu.%02llu%%), woke %llu us after the deadline, %llu WFI",
	       WFI_DEADLINE_MS, (unsigned long long)wall / 1000000,
	       (unsigned long long)cpu / 1000,
	       (unsigned long long)(cpu * 100 / wall),
	       (unsigned long long)(cpu * 10000 / wall % 100),
	       (unsigned long long)late_us, (unsigned long long)uc.args[3]);
	EXPECT_FALSE(vtimer_bit(vcpu));
	vcpu_run_expect_done(vcpu);
	vcpu_free(vcpu);
	vm_free(vm);
}

/* ---- ONE_REG ------------------------------------------------------------- */

TEST(one_reg_ids_listed)
{
	static const uint64_t ids[] = {
		KVM_REG_ARM_TIMER_CTL, KVM_REG_ARM_TIMER_CNT, KVM_REG_ARM_TIMER_CVAL,
	};
	struct kvm_vm *vm = vm_create();
	struct kvm_vcpu *vcpu = vcpu_add(vm, 0);
	struct kvm_reg_list probe = { .n = 0 }, *list;
	unsigned int i, found = 0;
	uint64_t j;

	/* the historical arm32 ids */
	EXPECT_EQ(0x40200000000F7181ULL, KVM_REG_ARM_TIMER_CTL);
	EXPECT_EQ(0x40300000000F0708ULL, KVM_REG_ARM_TIMER_CNT);
	EXPECT_EQ(0x40300000000F0718ULL, KVM_REG_ARM_TIMER_CVAL);

	EXPECT_EQ(-1, ioctl(vcpu->fd, KVM_GET_REG_LIST, &probe));
	ASSERT_EQ(E2BIG, errno);
	list = calloc(1, sizeof(*list) + probe.n * sizeof(list->reg[0]));
	ASSERT_TRUE(list != NULL);
	list->n = probe.n;
	ASSERT_EQ(0, ioctl(vcpu->fd, KVM_GET_REG_LIST, list));
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		for (j = 0; j < list->n; j++)
			if (list->reg[j] == ids[i]) {
				found++;
				break;
			}
	EXPECT_EQ(ARRAY_SIZE(ids), found);
	free(list);
	vcpu_free(vcpu);
	vm_free(vm);
}

/* The ids carry the registers' sizes: any other size is unknown. */
TEST(one_reg_wrong_size)
{
	const uint64_t size = KVM_REG_SIZE_MASK;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	uint64_t v = 0;

	errno = 0;
	EXPECT_EQ(-1, __vcpu_get_reg(vcpu, (KVM_REG_ARM_TIMER_CTL & ~size) |
				     KVM_REG_SIZE_U64, &v));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(-1, __vcpu_set_reg(vcpu, (KVM_REG_ARM_TIMER_CNT & ~size) |
				     KVM_REG_SIZE_U32, &v));
	EXPECT_EQ(ENOENT, errno);
	errno = 0;
	EXPECT_EQ(-1, __vcpu_get_reg(vcpu, (KVM_REG_ARM_TIMER_CVAL & ~size) |
				     KVM_REG_SIZE_U32, &v));
	EXPECT_EQ(ENOENT, errno);
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(one_reg_ctl_cval_round_trip)
{
	const uint64_t far = 0x123456789abcdef0ULL;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	struct ucall uc;
	uint32_t ctl32;

	/* reset: disabled */
	EXPECT_EQ(0ULL, vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));

	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CVAL, far);
	EXPECT_EQ(far, vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CVAL));
	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CTL, CTL_ENABLE | CTL_IMASK);
	EXPECT_EQ(CTL_ENABLE | CTL_IMASK, vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));
	/* ISTATUS is read-only: it says whether the condition is met */
	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CTL, CTL_ENABLE | CTL_ISTATUS);
	EXPECT_EQ(CTL_ENABLE, vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));
	/* a 32-bit register: the size in the id says 4 bytes */
	ctl32 = 0xffffffff;
	ASSERT_EQ(0, __vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL, &ctl32));
	EXPECT_EQ(CTL_ENABLE, ctl32);

	/* the guest sees what was set; a past CVAL has ISTATUS set */
	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CVAL, 1);
	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CTL, CTL_ENABLE | CTL_IMASK);
	EXPECT_EQ(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS,
		  vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));
	set_case(vm, CASE_READ, 0);
	expect_report(vcpu, 7, &uc);
	EXPECT_EQ(CTL_ENABLE | CTL_IMASK | CTL_ISTATUS, uc.args[2]);
	EXPECT_EQ(1ULL, uc.args[3]);
	/* masked: the output stays low */
	EXPECT_FALSE(vtimer_bit(vcpu));

	/* and KVM_ARM_VCPU_INIT resets the timer to disabled */
	vcpu_init(vcpu, 1U << KVM_ARM_VCPU_PSCI_0_2);
	EXPECT_EQ(0ULL, vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CTL));
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(new_vm_counter_starts_at_zero)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	uint64_t freq = host_cntfrq(), cnt;
	struct ucall uc;

	ASSERT_NE(0ULL, freq);
	cnt = vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CNT);
	EXPECT_GT(5 * freq, cnt) TH_LOG("CNT %llu", (unsigned long long)cnt);

	set_case(vm, CASE_READ, 0);
	expect_report(vcpu, 7, &uc);
	EXPECT_LE(cnt, uc.args[1]);
	EXPECT_GT(cnt + 5 * freq, uc.args[1]);
	expect_report(vcpu, 8, &uc);
	EXPECT_EQ(freq, uc.args[1]);	/* the guest's CNTFRQ is the host's */
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(set_cnt_moves_the_guest_counter)
{
	const uint64_t v = 1ULL << 50;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = timer_vm(&vcpu);
	uint64_t freq = host_cntfrq(), cnt, before, after;
	struct ucall uc;

	ASSERT_NE(0ULL, freq);
	vcpu_set_reg(vcpu, KVM_REG_ARM_TIMER_CNT, v);
	cnt = vcpu_get_reg(vcpu, KVM_REG_ARM_TIMER_CNT);
	EXPECT_LE(v, cnt);
	EXPECT_GT(v + 2 * freq, cnt);

	/* the host's CNTVCT around a guest run: CNTVOFF is 0 again after */
	pin_to_this_cpu();
	before = host_cntvct();
	set_case(vm, CASE_READ, 0);
	expect_report(vcpu, 7, &uc);
	after = host_cntvct();
	EXPECT_LE(v, uc.args[1]);
	EXPECT_GT(v + 5 * freq, uc.args[1])
		TH_LOG("guest CNTVCT %#llx", (unsigned long long)uc.args[1]);
	EXPECT_LE(before, after);
	EXPECT_GT(before + 5 * freq, after)
		TH_LOG("host CNTVCT %#llx then %#llx", (unsigned long long)before,
		       (unsigned long long)after);
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(cnt_is_one_per_vm)
{
	const uint64_t v = 1ULL << 40, w = 1000;
	struct kvm_vcpu *vcpu0, *vcpu1, *vcpu2, *other;
	struct kvm_vm *vm = timer_vm(&vcpu0), *vm2;
	uint64_t freq = host_cntfrq(), cnt;

	ASSERT_NE(0ULL, freq);
	vcpu1 = vcpu_add(vm, 1);

	vcpu_set_reg(vcpu0, KVM_REG_ARM_TIMER_CNT, v);
	cnt = vcpu_get_reg(vcpu1, KVM_REG_ARM_TIMER_CNT);
	EXPECT_LE(v, cnt);
	EXPECT_GT(v + 2 * freq, cnt);

	/* backwards, from the other VCPU */
	vcpu_set_reg(vcpu1, KVM_REG_ARM_TIMER_CNT, w);
	cnt = vcpu_get_reg(vcpu0, KVM_REG_ARM_TIMER_CNT);
	EXPECT_LE(w, cnt);
	EXPECT_GT(w + 2 * freq, cnt);

	/* a VCPU created later shares it */
	vcpu2 = vcpu_add(vm, 2);
	cnt = vcpu_get_reg(vcpu2, KVM_REG_ARM_TIMER_CNT);
	EXPECT_LE(w, cnt);
	EXPECT_GT(w + 2 * freq, cnt);

	/* and another VM does not */
	vm2 = vm_create();
	other = vcpu_add(vm2, 0);
	vcpu_set_reg(other, KVM_REG_ARM_TIMER_CNT, v);
	cnt = vcpu_get_reg(vcpu0, KVM_REG_ARM_TIMER_CNT);
	EXPECT_GT(w + 2 * freq, cnt);
	vcpu_free(other);
	vm_free(vm2);
	vcpu_free(vcpu2);
	vcpu_free(vcpu1);
	vcpu_free(vcpu0);
	vm_free(vm);
}

/* ---- in-kernel vGIC: PPI 27 ---------------------------------------------- */

/* A VM with a vGICv2 and the timer guest on VCPU 0; NULL without a vGIC. */
static struct kvm_vm *vgic_timer_vm(struct kvm_vcpu **vcpu)
{
	struct kvm_create_device cd = {
		.type = KVM_DEV_TYPE_ARM_VGIC_V2,
		.flags = KVM_CREATE_DEVICE_TEST,
	};
	struct kvm_vm *vm = vm_create();
	int gic_fd;

	if (ioctl(vm->fd, KVM_CREATE_DEVICE, &cd)) {
		vm_free(vm);
		return NULL;
	}
	gic_fd = vgic_v2_create(vm, 0);
	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, guest_timer_start, GUEST_IMAGE_SIZE(timer), GUEST_RAM_GPA);
	*vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(*vcpu, REG_PC, GUEST_RAM_GPA);
	vcpu_set_reg(*vcpu, REG_R(0), 0);
	vgic_v2_init(gic_fd);
	return vm;
}

static void vgic_rounds(struct __test_metadata *_metadata, int which)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = vgic_timer_vm(&vcpu);
	struct ucall uc;

	if (!vm)
		SKIP(return, "no in-kernel vGICv2 device: %s", strerror(errno));
	set_case(vm, which, VGIC_ROUNDS);
	expect_report(vcpu, 6, &uc);
	EXPECT_EQ((uint64_t)VGIC_ROUNDS, uc.args[1]);
	EXPECT_EQ(0ULL, uc.args[2]) TH_LOG("IRQs before the deadline");
	/* the vGIC carries the level: nothing for the VMM */
	EXPECT_FALSE(vtimer_bit(vcpu));
	vcpu_run_expect_done(vcpu);
	vcpu_free(vcpu);
	vm_free(vm);
}

TEST(vgic_ppi27_spinning)
{
	vgic_rounds(_metadata, CASE_VGIC);
}

TEST(vgic_ppi27_wfi)
{
	vgic_rounds(_metadata, CASE_VGIC_WFI);
}

TEST_HARNESS_MAIN
