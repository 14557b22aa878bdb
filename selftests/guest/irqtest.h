/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest/host contract of irq_line_test, irqfd_test and ioeventfd_test
 * (guests irqline, irqfd and ioevent): mailbox words and the events a
 * guest reports with GUEST_SYNC2(event, value).  Builds freestanding
 * (guest) and hosted (host).
 */
#ifndef __KVM_SELFTEST_IRQTEST_H
#define __KVM_SELFTEST_IRQTEST_H

/* ---- mailbox words (uint32_t index) ---- */
#define MB_CASE		0	/* which scenario */
#define MB_INTID	1	/* vGIC cases: the interrupt */
#define MB_EDGE		2	/* vGIC cases: 1 = edge-triggered, 0 = level */
#define MB_EXPECT	3	/* interrupts to wait for before the next report */
#define MB_ROUNDS	4	/* how many EV_WAIT rounds */
#define MB_NR_OPS	8	/* ioevent: number of writes */
#define MB_OPS		16	/* ioevent: struct ioevent_op[MB_NR_OPS] */

/* irqline cases */
#define CASE_CPU_IRQ	0	/* the VCPU's IRQ line (user irqchip) */
#define CASE_CPU_FIQ	1	/* its FIQ line */
#define CASE_WFI	2	/* WFI with both masked, woken by IRQ then FIQ */
#define CASE_GIC	3	/* an SPI or PPI of the vGIC */

/* ---- events: GUEST_SYNC2(event, value) ---- */
#define EV_READY	1	/* value 0: raise the line now (still masked) */
#define EV_MASKED	2	/* value: interrupts taken << 16 | ISR */
#define EV_IRQ		3	/* in the IRQ handler: value = CPSR mode or INTID */
#define EV_FIQ		4	/* in the FIQ handler: value = CPSR mode */
#define EV_WAIT		5	/* value: interrupts taken so far; next round */
#define EV_WOKE		6	/* value: WFIs executed until the line showed */
#define EV_COUNT	7	/* value: interrupts taken in all */
#define EV_SPURIOUS	8	/* value: GICC_IAR read 1023 this many times */

/* ISR (B4.1.86): with HCR.IMO/FMO set, the virtual IRQ/FIQ lines */
#define ISR_F		(1U << 6)
#define ISR_I		(1U << 7)

/* ioevent: one guest write (struct in the mailbox, at MB_OPS) */
struct ioevent_op {
	uint32_t addr;
	uint32_t len;		/* 1, 2, 4 or 8 (STRD) */
	uint32_t lo;
	uint32_t hi;		/* len 8: the second word */
};

#endif /* __KVM_SELFTEST_IRQTEST_H */
