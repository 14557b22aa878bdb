// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exits on command, for stats_test.c: the guest stops at a ucall, the host
 * writes a command and a count into the mailbox, and the guest makes
 * exactly that many exits of one kind before its next ucall.
 */
#include "guest.h"
#include "gic.h"
#include "guest_exit.h"
#include "stats.h"

/* Polls of GICC_IAR before the guest gives up on an interrupt. */
#define EOI_POLLS	1000000

/*
 * B4.1.28 CNTV_CTL.ENABLE with IMASK clear, and B4.1.33 CNTV_TVAL 0: the
 * timer condition is met at once and the output line is high until the
 * timer is disabled.
 */
static void vtimer_fire(uint32_t on)
{
	__asm__ __volatile__("mcr p15, 0, %0, c14, c3, 0\n\t"	/* TVAL */
			     "mcr p15, 0, %1, c14, c3, 1\n\t"	/* CTL */
			     "isb"
			     : : "r"(0), "r"(on ? 1 : 0) : "memory");
}

/*
 * Take level-sensitive SPI @intid, which the host holds high, with IRQs
 * masked (GICv2 4.4.4: GICC_IAR acknowledges it, 4.4.5: GICC_EOIR
 * completes it), so that the host folds the completed list register back.
 */
static void take_spi(uint32_t intid)
{
	uint32_t iar = GIC_SPURIOUS, i;

	gic_dist_enable();
	gic_cpu_enable();
	gic_irq_set_edge(intid, 0);
	gic_irq_set_targets(intid, 1);
	gic_irq_enable(intid);
	for (i = 0; i < EOI_POLLS && (iar & 0x3ff) == GIC_SPURIOUS; i++)
		iar = gic_ack();
	GUEST_ASSERT_EQ(iar & 0x3ff, intid);
	gic_eoi(iar);
	gic_irq_disable(intid);
}

static void do_command(uint32_t cmd, uint32_t n)
{
	uint32_t i;

	if (cmd == STATS_CMD_TIMER) {
		vtimer_fire(n);
		return;
	}
	if (cmd == STATS_CMD_EOI) {
		take_spi(n);
		return;
	}
	for (i = 0; i < n; i++) {
		switch (cmd) {
		case STATS_CMD_MMIO:
			mmio_write32(STATS_MMIO_GPA, i);
			break;
		case STATS_CMD_HVC:
			GUEST_ASSERT_EQ(hvc(SMCCC_UNKNOWN_STD, i, 0, 0),
					SMCCC_RET_NOT_SUPPORTED);
			break;
		case STATS_CMD_WFI:
			/* IRQs stay masked: the line ends WFI, nothing taken */
			__asm__ __volatile__("wfi" : : : "memory");
			break;
		case STATS_CMD_GICD:
			mmio_read32(GUEST_GICD_GPA + GICD_TYPER);
			break;
		}
	}
}

void guest_main(void)
{
	uint32_t cmd;

	/* the mailbox page is mapped before the first command is counted */
	(void)mailbox_read(STATS_MB_CMD);
	for (;;) {
		GUEST_SYNC(STATS_READY);
		cmd = mailbox_read(STATS_MB_CMD);
		if (cmd == STATS_CMD_DONE)
			return;
		do_command(cmd, mailbox_read(STATS_MB_COUNT));
	}
}
