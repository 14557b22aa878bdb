// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest of irq_line_test: takes the interrupts the host raises with
 * KVM_IRQ_LINE and reports each one from its handler, so the host can
 * lower the line (or leave it high) before the handler returns.
 *
 *   CASE_CPU_IRQ/FIQ  the VCPU's own IRQ/FIQ input (user irqchip): taken
 *                     only once unmasked, in IRQ/FIQ mode
 *   CASE_WFI          WFI with both masked still wakes (B1.8.13)
 *   CASE_GIC          an SPI/PPI through the vGIC, level or edge
 */
#include "gic.h"
#include "guest.h"
#include "irqtest.h"

#define NR_CPU_ROUNDS	3

/* interrupts handled; the handler runs between any two instructions */
static uint32_t nr_taken;
static uint32_t nr_spurious;

static uint32_t taken(void)
{
	return __atomic_load_n(&nr_taken, __ATOMIC_RELAXED);
}

static void count_taken(void)
{
	__atomic_store_n(&nr_taken, nr_taken + 1, __ATOMIC_RELAXED);
}

static uint32_t read_cpsr(void)
{
	uint32_t v;

	__asm__ __volatile__("mrs %0, cpsr" : "=r"(v));
	return v;
}

static uint32_t read_isr(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c12, c1, 0" : "=r"(v));
	return v;
}

static uint32_t read_vbar(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c12, c0, 0" : "=r"(v));
	return v;
}

static void write_vbar(uint32_t v)
{
	__asm__ __volatile__("mcr p15, 0, %0, c12, c0, 0\n\tisb" : : "r"(v) : "memory");
}

/* Long enough for a pending interrupt to be taken if it ever will be. */
static void delay(void)
{
	int i;

	for (i = 0; i < 20000; i++)
		barrier();
}

/* ---- the VCPU's IRQ and FIQ lines ------------------------------------------ */

static void cpu_irq_handler(void)
{
	GUEST_SYNC2(EV_IRQ, read_cpsr() & 0x1f);
	count_taken();
}

/*
 * crt0's vectors have no FIQ hook: while a FIQ is expected VBAR points at
 * these, which hand the FIQ to guest_fiq() and return to the interrupted
 * instruction (LR_fiq = that instruction + 4).  Anything else is a failure.
 */
void guest_fiq(void);
void guest_fiq(void)
{
	GUEST_SYNC2(EV_FIQ, read_cpsr() & 0x1f);
	count_taken();
}

void guest_bad_vector(uint32_t lr);
void guest_bad_vector(uint32_t lr)
{
	for (;;)
		__GUEST_ASSERT(0, "exception other than FIQ (value: lr)", lr);
}

extern char fiq_vectors[];
__asm__(
"	.pushsection .text\n"
"	.arm\n"
"	.balign	32\n"
"	.global	fiq_vectors\n"
"fiq_vectors:\n"
"	.rept	7\n"
"	b	fiq_bad_vector\n"
"	.endr\n"
"	b	fiq_entry\n"
"fiq_bad_vector:\n"
"	mov	r0, lr\n"
"	bl	guest_bad_vector\n"
"fiq_entry:\n"
"	push	{r0-r3, r12, lr}\n"
"	bl	guest_fiq\n"
"	pop	{r0-r3, r12, lr}\n"
"	subs	pc, lr, #4\n"
"	.popsection\n");

static void cpu_line_case(int fiq)
{
	uint32_t old_vbar = read_vbar();
	unsigned int round;

	if (fiq)
		write_vbar((uintptr_t)fiq_vectors);
	else
		guest_irq_handler = cpu_irq_handler;

	/* the host raises the line; masked, it only shows in ISR */
	GUEST_SYNC2(EV_READY, 0);
	delay();
	GUEST_SYNC2(EV_MASKED, taken() << 16 | read_isr());

	/* unmasked: taken at once; the host lowers it from the handler */
	if (fiq)
		__asm__ __volatile__("cpsie f" : : : "memory");
	else
		local_irq_enable();
	delay();
	GUEST_SYNC2(EV_COUNT, taken());

	/* unmasked: each rising of the line is one exception */
	for (round = 0; round < NR_CPU_ROUNDS; round++) {
		uint32_t want = taken() + 1;

		GUEST_SYNC2(EV_WAIT, taken());
		while (taken() < want)
			wfi();
		delay();
	}
	__asm__ __volatile__("cpsid if" : : : "memory");
	GUEST_SYNC2(EV_COUNT, taken());
	write_vbar(old_vbar);
}

/* Both masked: WFI wakes on the IRQ line, then on the FIQ line. */
static void wfi_case(void)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		uint32_t bit = i ? ISR_F : ISR_I;
		uint32_t nr_wfi = 0;

		GUEST_SYNC2(EV_WAIT, i);
		/* a WFI may end early (B1.8.13 allows it): check the line */
		while (!(read_isr() & bit)) {
			wfi();
			nr_wfi++;
		}
		GUEST_SYNC2(EV_WOKE, nr_wfi);
	}
}

/* ---- the vGIC ------------------------------------------------------------- */

static uint32_t gic_intid;

static void gic_handler(void)
{
	uint32_t iar = gic_ack();
	uint32_t intid = iar & 0x3ff;

	if (intid == GIC_SPURIOUS) {
		__atomic_store_n(&nr_spurious, nr_spurious + 1, __ATOMIC_RELAXED);
		return;
	}
	GUEST_SYNC2(EV_IRQ, intid);
	gic_eoi(iar);
	count_taken();
}

/*
 * Round after round: report, then wait for as many interrupts in all as
 * the host says it made happen.
 */
static void gic_case(void)
{
	uint32_t rounds = mailbox_read(MB_ROUNDS);
	uint32_t round;

	gic_intid = mailbox_read(MB_INTID);
	gic_dist_enable();
	gic_cpu_enable();
	if (gic_intid >= 32) {
		gic_irq_set_edge(gic_intid, mailbox_read(MB_EDGE));
		gic_irq_set_targets(gic_intid, 1);
	}
	gic_irq_set_priority(gic_intid, 0x80);
	gic_irq_enable(gic_intid);
	guest_irq_handler = gic_handler;
	local_irq_enable();

	for (round = 0; round < rounds; round++) {
		GUEST_SYNC2(EV_WAIT, taken());
		while (taken() < mailbox_read(MB_EXPECT))
			wfi();
		delay();
	}
	local_irq_disable();
	GUEST_SYNC2(EV_SPURIOUS, __atomic_load_n(&nr_spurious, __ATOMIC_RELAXED));
	GUEST_SYNC2(EV_COUNT, taken());
}

void guest_main(void)
{
	switch (mailbox_read(MB_CASE)) {
	case CASE_CPU_IRQ:
		cpu_line_case(0);
		break;
	case CASE_CPU_FIQ:
		cpu_line_case(1);
		break;
	case CASE_WFI:
		wfi_case();
		break;
	case CASE_GIC:
		gic_case();
		break;
	default:
		GUEST_ASSERT(0);
	}
}
