// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exits on command, for stats_test.c: the guest stops at a ucall, the host
 * writes a command and a count into the mailbox, and the guest makes
 * exactly that many exits of one kind before its next ucall.
 */
#include "guest.h"
#include "guest_exit.h"
#include "stats.h"

/* GICv2 4.3.2: GICD_TYPER, a read-only register of the distributor */
#define GICD_TYPER	0x004

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

static void do_command(uint32_t cmd, uint32_t n)
{
	uint32_t i;

	if (cmd == STATS_CMD_TIMER) {
		vtimer_fire(n);
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
