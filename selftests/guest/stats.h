/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Commands of stats_guest.c, written by stats_test.c into the mailbox
 * while the guest waits at a ucall.
 */
#ifndef __KVM_SELFTEST_STATS_H
#define __KVM_SELFTEST_STATS_H

#define STATS_MB_CMD		0	/* mailbox word: the command */
#define STATS_MB_COUNT		1	/* mailbox word: how many exits */

#define STATS_READY		0x57a7	/* GUEST_SYNC value between commands */
#define STATS_MMIO_GPA		0x10000100UL	/* no memslot: userspace */

enum stats_cmd {
	STATS_CMD_DONE,
	STATS_CMD_MMIO,		/* stores to STATS_MMIO_GPA: KVM_EXIT_MMIO */
	STATS_CMD_HVC,		/* SMCCC calls no service has: host HVC exits */
	STATS_CMD_WFI,		/* WFI with IRQs masked */
	STATS_CMD_GICD,		/* loads of GICD_TYPER: the in-kernel vGIC */
	STATS_CMD_TIMER,	/* count 1: virtual timer fires now; 0: off */
	STATS_CMD_EOI,		/* count: an SPI to take and complete */
};

#endif /* __KVM_SELFTEST_STATS_H */
