// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual timer from the guest's side (ARM ARM B8).  The host picks
 * the scenario in mailbox word 0 and its parameter in word 2; word 1 is
 * the host's go-ahead where a scenario waits for it.
 */
#include "guest.h"
#include "gic.h"

#define CTL_ENABLE	(1U << 0)
#define CTL_IMASK	(1U << 1)
#define CTL_ISTATUS	(1U << 2)
#define VTIMER_INTID	27

enum timer_case {
	CASE_USER_LEVEL,	/* spin to the deadline, wait for the host */
	CASE_USER_IRQ,		/* take the IRQ the host drives (IRQ_LINE) */
	CASE_WFI,		/* sleep in WFI to a deadline */
	CASE_READ,		/* report CNTVCT, CNTV_CTL, CNTV_CVAL */
	CASE_VGIC,		/* PPI 27 through the vGIC, word 2 deadlines */
	CASE_VGIC_WFI,		/* the same, waiting in WFI */
};

/* B4.1.34 CNTVCT: MRRC p15, 1, <Rt>, <Rt2>, c14 */
static uint64_t read_cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n\tmrrc p15, 1, %0, %1, c14"
			     : "=r"(lo), "=r"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static uint32_t read_cntfrq(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(v));
	return v;
}

/* B4.1.31 CNTV_CVAL: MCRR/MRRC p15, 3, <Rt>, <Rt2>, c14 */
static void write_cval(uint64_t v)
{
	__asm__ __volatile__("mcrr p15, 3, %0, %1, c14\n\tisb"
			     : : "r"((uint32_t)v), "r"((uint32_t)(v >> 32))
			     : "memory");
}

static uint64_t read_cval(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("mrrc p15, 3, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* B4.1.28 CNTV_CTL: MCR/MRC p15, 0, <Rt>, c14, c3, 1 */
static void write_ctl(uint32_t v)
{
	__asm__ __volatile__("mcr p15, 0, %0, c14, c3, 1\n\tisb"
			     : : "r"(v) : "memory");
}

static uint32_t read_ctl(void)
{
	uint32_t v;

	__asm__ __volatile__("isb\n\tmrc p15, 0, %0, c14, c3, 1" : "=r"(v)
			     : : "memory");
	return v;
}

static void report(uint64_t tag, uint64_t a, uint64_t b, uint64_t c)
{
	guest_ucall(UCALL_SYNC, 4, tag, a, b, c);
}

/* __atomic accesses: the IRQ handler updates them */
static uint32_t irq_count;
static uint32_t irq_late;	/* IRQs taken before the deadline */

static uint32_t count_irqs(void)
{
	return __atomic_load_n(&irq_count, __ATOMIC_RELAXED);
}

static void count_irq(void)
{
	__atomic_store_n(&irq_count, count_irqs() + 1, __ATOMIC_RELAXED);
}

/*
 * User irqchip: the timer fired; the host raised our IRQ line.  Masking
 * the timer lowers its output; the ucall lets the host see that and drop
 * the line before we return.
 */
static void user_irq_handler(void)
{
	write_ctl(CTL_ENABLE | CTL_IMASK);
	count_irq();
	report(3, read_cntvct(), read_cval(), 0);
}

/* @rounds deadlines; the host lets round i end by writing i + 1 in word 1 */
static void user_level(uint64_t delay, uint32_t rounds)
{
	uint64_t deadline;
	uint32_t i;

	for (i = 0; i < rounds; i++) {
		deadline = read_cntvct() + delay;
		write_cval(deadline);
		write_ctl(CTL_ENABLE);
		report(1, deadline, 0, 0);
		/* ISTATUS follows the condition whatever IMASK says (B4.1.28) */
		while (!(read_ctl() & CTL_ISTATUS))
			;
		GUEST_ASSERT(read_cntvct() >= deadline);
		/* nothing here exits: only the timer's IRQ takes us out */
		while (mailbox_read(1) != i + 1)
			;
		write_ctl(CTL_ENABLE | CTL_IMASK);
		report(2, read_ctl(), 0, 0);
	}
}

static void user_irq(uint64_t delay)
{
	guest_irq_handler = user_irq_handler;
	write_cval(read_cntvct() + delay);
	write_ctl(CTL_ENABLE);
	local_irq_enable();
	while (!count_irqs())
		;
	local_irq_disable();
	report(4, count_irqs(), 0, 0);
}

/* WFI wakes on a pending interrupt even with CPSR.I set (B1.8.13). */
static void wfi_sleep(uint64_t delay)
{
	uint64_t deadline = read_cntvct() + delay, woke;
	uint32_t wakeups = 0;

	write_cval(deadline);
	write_ctl(CTL_ENABLE);
	do {
		wfi();
		wakeups++;
	} while (read_cntvct() < deadline);
	woke = read_cntvct();
	write_ctl(0);
	report(5, woke, deadline, wakeups);
}

static uint64_t vgic_deadline;

/* vGIC: acknowledge, check it is the timer and it is due, mask, EOI. */
static void vgic_irq_handler(void)
{
	uint32_t iar = gic_ack();

	GUEST_ASSERT_EQ(iar & 0x3ff, VTIMER_INTID);
	GUEST_ASSERT(read_ctl() & CTL_ISTATUS);
	if (read_cntvct() < vgic_deadline)
		__atomic_store_n(&irq_late, irq_late + 1, __ATOMIC_RELAXED);
	write_ctl(CTL_ENABLE | CTL_IMASK);
	count_irq();
	gic_eoi(iar);
}

static void vgic_timer(uint32_t rounds, uint64_t delay, int use_wfi)
{
	uint32_t i;

	gic_dist_enable();
	gic_cpu_enable();
	gic_irq_set_priority(VTIMER_INTID, 0xa0);
	gic_irq_enable(VTIMER_INTID);
	guest_irq_handler = vgic_irq_handler;
	local_irq_enable();
	for (i = 0; i < rounds; i++) {
		vgic_deadline = read_cntvct() + delay;
		write_cval(vgic_deadline);
		write_ctl(CTL_ENABLE);
		while (count_irqs() == i) {
			if (use_wfi)
				wfi();
		}
		GUEST_ASSERT_EQ(count_irqs(), i + 1);
	}
	local_irq_disable();
	report(6, count_irqs(), __atomic_load_n(&irq_late, __ATOMIC_RELAXED), 0);
}

void guest_main(void)
{
	uint32_t freq = read_cntfrq();
	uint32_t param = mailbox_read(2);

	switch (mailbox_read(0)) {
	case CASE_USER_LEVEL:
		user_level(freq / 20, param ?: 1);	/* 50 ms */
		break;
	case CASE_USER_IRQ:
		user_irq(freq / 20);
		break;
	case CASE_WFI:
		wfi_sleep((uint64_t)(freq / 1000) * param);	/* param ms */
		break;
	case CASE_READ:
		report(7, read_cntvct(), read_ctl(), read_cval());
		report(8, freq, 0, 0);
		break;
	case CASE_VGIC:
		vgic_timer(param, freq / 100, 0);
		break;
	case CASE_VGIC_WFI:
		vgic_timer(param, freq / 100, 1);
		break;
	}
}
