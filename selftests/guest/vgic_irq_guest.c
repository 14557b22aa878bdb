// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt delivery through the vGICv2, one VCPU.  The host picks the
 * scenario in mailbox word 0; the guest drives it and asks the host to
 * move interrupt lines with GUEST_SYNC requests (vgic_irq_test.c):
 *   REQ_LINE, irq, level         KVM_IRQ_LINE now
 *   REQ_LINE_LATER, irq          a rising then falling edge from another
 *                                host thread ~100 ms later
 *   REQ_MARK, n, value           no action; the host counts exits between
 */
#include "gic.h"

#define REQ_LINE	1
#define REQ_LINE_LATER	2
#define REQ_MARK	3

/* KVM_IRQ_LINE's irq field: type in [27:24], VCPU in [23:16], number */
#define LINE_SPI(n)		((1U << 24) | (n))
#define LINE_PPI(cpu, n)	((2U << 24) | ((cpu) << 16) | (n))

#define SPI_A		33
#define SPI_B		34
#define PPI_A		20
#define PRIO_LOW	0xa0
#define PRIO_HIGH	0x40

#define TIMEOUT_S	3	/* seconds before giving up on an interrupt */
#define SETTLE		200000	/* polls in which no further one may come */
#define LOG_SIZE	16

static uint32_t nr_taken, nr_spurious;
static uint32_t taken_log[LOG_SIZE];
/* not 0: disable the INTID at the distributor once this many were taken */
static uint32_t disable_after;
/* not 0: the handler drives this line (edge, or low) before its first EOI */
static uint32_t edge_in_handler, lower_in_handler;
/* what GICD_ISPENDR/ISACTIVER said in there, bit 0 / bit 1 */
static uint32_t state_in_handler;

static void host_line(uint32_t line, uint32_t level);
static void host_edge(uint32_t line);
static uint32_t dist_bit(uint32_t reg, uint32_t intid);

static void irq_handler(void)
{
	uint32_t iar = gic_ack();
	uint32_t intid = iar & 0x3ff;
	uint32_t n = READ_ONCE(nr_taken);

	if (intid == GIC_SPURIOUS) {
		WRITE_ONCE(nr_spurious, READ_ONCE(nr_spurious) + 1);
		return;
	}
	if (n < LOG_SIZE)
		WRITE_ONCE(taken_log[n], iar);
	WRITE_ONCE(nr_taken, n + 1);
	/*
	 * A level-sensitive interrupt whose line stays high is pending again
	 * as soon as it is deactivated (GICv2 3.2.4): stop it here, before
	 * the EOI, or the guest would never leave the handler.
	 */
	if (READ_ONCE(disable_after) && n + 1 >= READ_ONCE(disable_after))
		gic_irq_disable(intid);
	if (READ_ONCE(edge_in_handler)) {
		host_edge(READ_ONCE(edge_in_handler));
		WRITE_ONCE(edge_in_handler, 0);
		WRITE_ONCE(state_in_handler, dist_bit(GICD_ISPENDR, intid) |
					     dist_bit(GICD_ISACTIVER, intid) << 1);
	}
	if (READ_ONCE(lower_in_handler)) {
		host_line(READ_ONCE(lower_in_handler), 0);
		WRITE_ONCE(lower_in_handler, 0);
		WRITE_ONCE(state_in_handler, dist_bit(GICD_ISPENDR, intid) |
					     dist_bit(GICD_ISACTIVER, intid) << 1);
	}
	gic_eoi(iar);
}

static void host_line(uint32_t line, uint32_t level)
{
	guest_ucall(UCALL_SYNC, 3, REQ_LINE, line, level, 0);
}

static void host_edge(uint32_t line)
{
	host_line(line, 1);
	host_line(line, 0);
}

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n"
			     "mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Poll until @want interrupts were taken; return how many there were. */
static uint32_t wait_taken(uint32_t want)
{
	uint64_t end;
	uint32_t i, freq;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	end = cntvct() + (uint64_t)freq * TIMEOUT_S;
	while (READ_ONCE(nr_taken) < want && cntvct() < end)
		barrier();
	for (i = 0; i < SETTLE; i++)
		barrier();
	return READ_ONCE(nr_taken);
}

static void reset_log(void)
{
	uint32_t i;

	WRITE_ONCE(nr_taken, 0);
	for (i = 0; i < LOG_SIZE; i++)
		WRITE_ONCE(taken_log[i], 0);
}

static uint32_t dist_bit(uint32_t reg, uint32_t intid)
{
	return (gicd_read(reg + 4 * (intid / 32)) >> (intid % 32)) & 1;
}

static void spi_setup(uint32_t intid, int edge, uint8_t prio)
{
	gic_irq_set_edge(intid, edge);
	gic_irq_set_priority(intid, prio);
	gic_irq_set_targets(intid, 1);
	gic_irq_enable(intid);
}

/* An edge SPI raised by KVM_IRQ_LINE is taken, acknowledged and EOIed. */
static void case_basic(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	host_edge(LINE_SPI(SPI_A));
	/* pending and the highest priority one (GICv2 4.4.8) */
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_A), 1);
	GUEST_ASSERT_EQ(gicc_read(GICC_HPPIR) & 0x3ff, SPI_A);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(1), 1);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]), SPI_A);
	/* after EOI: neither pending nor active, running priority idle */
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_A), 0);
	GUEST_ASSERT_EQ(dist_bit(GICD_ISACTIVER, SPI_A), 0);
	GUEST_ASSERT_EQ(gicc_read(GICC_RPR) & 0xff, 0xff);
	GUEST_ASSERT_EQ(gic_ack() & 0x3ff, GIC_SPURIOUS);
}

/*
 * A level-sensitive interrupt: taken again after each EOI while its line
 * is high (the handler stops it after 3), not pending once it is low.
 */
static void level_case(uint32_t intid, uint32_t line)
{
	WRITE_ONCE(disable_after, 3);
	host_line(line, 1);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(3), 3);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]) & 0x3ff, intid);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[2]) & 0x3ff, intid);
	/* disabled, line still high: still pending (GICv2 3.2.1) */
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, intid), 1);
	host_line(line, 0);
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, intid), 0);
	WRITE_ONCE(disable_after, 0);
	gic_irq_enable(intid);
	GUEST_ASSERT_EQ(wait_taken(4), 3);
}

static void case_level(void)
{
	spi_setup(SPI_A, 0, PRIO_LOW);
	level_case(SPI_A, LINE_SPI(SPI_A));
}

static void case_ppi(void)
{
	gic_irq_set_priority(PPI_A, PRIO_LOW);
	gic_irq_enable(PPI_A);
	level_case(PPI_A, LINE_PPI(0, PPI_A));
}

static void case_edge(void)
{
	uint32_t i;

	spi_setup(SPI_A, 1, PRIO_LOW);
	local_irq_enable();
	/* one interrupt per rising edge */
	for (i = 1; i <= 3; i++) {
		host_edge(LINE_SPI(SPI_A));
		GUEST_ASSERT_EQ(wait_taken(i), i);
	}
	/* a line held high is not taken again after EOI */
	host_line(LINE_SPI(SPI_A), 1);
	GUEST_ASSERT_EQ(wait_taken(5), 4);
	host_line(LINE_SPI(SPI_A), 0);
	/* two edges before the guest acknowledges: one interrupt */
	local_irq_disable();
	host_edge(LINE_SPI(SPI_A));
	host_edge(LINE_SPI(SPI_A));
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(6), 5);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[4]), SPI_A);
}

static void case_priority(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	spi_setup(SPI_B, 1, PRIO_HIGH);
	/* both pending at once: the lower priority value first (GICv2 3.3) */
	host_edge(LINE_SPI(SPI_A));
	host_edge(LINE_SPI(SPI_B));
	GUEST_ASSERT_EQ(gicc_read(GICC_HPPIR) & 0x3ff, SPI_B);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(2), 2);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]), SPI_B);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[1]), SPI_A);

	/* GICC_PMR 0x80 holds back priority 0xa0, not 0x40 (GICv2 3.3.2) */
	local_irq_disable();
	gicc_write(GICC_PMR, 0x80);
	host_edge(LINE_SPI(SPI_A));
	host_edge(LINE_SPI(SPI_B));
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(4), 3);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[2]), SPI_B);
	gicc_write(GICC_PMR, 0xff);
	GUEST_ASSERT_EQ(wait_taken(4), 4);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[3]), SPI_A);
}

static void case_disabled(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	local_irq_enable();

	/* disabled at the distributor: pending, not forwarded (GICv2 3.1.2) */
	gic_irq_disable(SPI_A);
	host_edge(LINE_SPI(SPI_A));
	GUEST_ASSERT_EQ(wait_taken(1), 0);
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_A), 1);
	gic_irq_enable(SPI_A);
	GUEST_ASSERT_EQ(wait_taken(2), 1);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]), SPI_A);

	/* the distributor disabled: nothing forwarded (GICv2 4.3.1) */
	gicd_write(GICD_CTLR, 0);
	host_edge(LINE_SPI(SPI_A));
	GUEST_ASSERT_EQ(wait_taken(2), 1);
	gic_dist_enable();
	GUEST_ASSERT_EQ(wait_taken(3), 2);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[1]), SPI_A);
}

/* GICD_ISPENDR written by the guest makes an interrupt pending (4.3.7). */
static void case_ispendr(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	spi_setup(SPI_B, 0, PRIO_LOW);
	local_irq_enable();
	gicd_write(GICD_ISPENDR + 4 * (SPI_A / 32), 1U << (SPI_A % 32));
	GUEST_ASSERT_EQ(wait_taken(1), 1);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]), SPI_A);
	/* level, line low: the pending latch is cleared by the ack, once */
	gicd_write(GICD_ISPENDR + 4 * (SPI_B / 32), 1U << (SPI_B % 32));
	GUEST_ASSERT_EQ(wait_taken(3), 2);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[1]), SPI_B);
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_B), 0);
}

/* WFI woken by an SPI that another host thread raises. */
static void case_wfi(void)
{
	uint32_t n = 0;

	spi_setup(SPI_A, 1, PRIO_LOW);
	guest_ucall(UCALL_SYNC, 2, REQ_LINE_LATER, LINE_SPI(SPI_A), 0, 0);
	/* masked while it checks, so no interrupt slips in before WFI */
	while (!READ_ONCE(nr_taken)) {
		local_irq_disable();
		if (!READ_ONCE(nr_taken))
			wfi();
		local_irq_enable();
		n++;
	}
	GUEST_ASSERT_EQ(READ_ONCE(nr_taken), 1);
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[0]), SPI_A);
	GUEST_SYNC2(REQ_MARK, n);
}

/*
 * Acknowledge and EOI go to the GICV mapping, not to the host: the host
 * counts its KVM_RUN returns between the two marks.
 */
static void case_ack_eoi(void)
{
	uint32_t i, iar, bad = 0;

	guest_ucall(UCALL_SYNC, 3, REQ_MARK, 0, 0, 0);
	for (i = 0; i < 1000; i++) {
		iar = gic_ack();
		if (iar != GIC_SPURIOUS)
			bad++;
		gic_eoi(iar);
	}
	guest_ucall(UCALL_SYNC, 3, REQ_MARK, 1, bad, 0);
	/* SGIs to self: GICD_SGIR traps to the kernel, IAR/EOIR do not */
	gicd_write(GICD_ISENABLER, 0xffff);
	guest_ucall(UCALL_SYNC, 3, REQ_MARK, 2, 0, 0);
	for (i = 0; i < 1000; i++) {
		gic_send_sgi(GICD_SGIR_TARGET_SELF, 0, 5);
		iar = gic_ack();
		if (iar != 5)	/* SGI 5 from CPU 0 */
			bad++;
		gic_eoi(iar);
	}
	guest_ucall(UCALL_SYNC, 3, REQ_MARK, 3, bad, 0);
}

/* GICD_ICPENDR clears a pending interrupt before it is taken (4.3.8). */
static void case_icpendr(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	host_edge(LINE_SPI(SPI_A));
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_A), 1);
	gicd_write(GICD_ICPENDR + 4 * (SPI_A / 32), 1U << (SPI_A % 32));
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_A), 0);
	GUEST_ASSERT_EQ(gicc_read(GICC_HPPIR) & 0x3ff, GIC_SPURIOUS);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(1), 0);
	local_irq_disable();

	/* level, line high: still pending, the line asserts it (4.3.8) */
	spi_setup(SPI_B, 0, PRIO_LOW);
	host_line(LINE_SPI(SPI_B), 1);
	gicd_write(GICD_ICPENDR + 4 * (SPI_B / 32), 1U << (SPI_B % 32));
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_B), 1);
	host_line(LINE_SPI(SPI_B), 0);
	GUEST_ASSERT_EQ(dist_bit(GICD_ISPENDR, SPI_B), 0);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(1), 0);
}

/*
 * An edge while the interrupt is active makes it active and pending: it
 * is taken again after the EOI (GICv2 3.2.4).  A level interrupt whose
 * line drops while active is not taken again.
 */
static void case_active(void)
{
	spi_setup(SPI_A, 1, PRIO_LOW);
	WRITE_ONCE(edge_in_handler, LINE_SPI(SPI_A));
	host_edge(LINE_SPI(SPI_A));
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(3), 2);
	GUEST_ASSERT_EQ(READ_ONCE(state_in_handler), 3);	/* pending + active */
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[1]), SPI_A);
	local_irq_disable();

	spi_setup(SPI_B, 0, PRIO_LOW);
	WRITE_ONCE(lower_in_handler, LINE_SPI(SPI_B));
	host_line(LINE_SPI(SPI_B), 1);
	local_irq_enable();
	GUEST_ASSERT_EQ(wait_taken(4), 3);
	GUEST_ASSERT_EQ(READ_ONCE(state_in_handler), 2);	/* active only */
	GUEST_ASSERT_EQ(READ_ONCE(taken_log[2]), SPI_B);
}

void guest_main(void)
{
	reset_log();
	guest_irq_handler = irq_handler;
	gic_dist_enable();
	gic_cpu_enable();

	switch (mailbox_read(0)) {
	case 0:
		case_basic();
		break;
	case 1:
		case_level();
		break;
	case 2:
		case_edge();
		break;
	case 3:
		case_priority();
		break;
	case 4:
		case_disabled();
		break;
	case 5:
		case_ispendr();
		break;
	case 6:
		case_wfi();
		break;
	case 7:
		case_ppi();
		break;
	case 8:
		case_ack_eoi();
		break;
	case 9:
		case_icpendr();
		break;
	case 10:
		case_active();
		break;
	}
	local_irq_disable();
	GUEST_ASSERT_EQ(READ_ONCE(nr_spurious), 0);
}
