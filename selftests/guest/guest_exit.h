/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Addresses and values shared by guest_exit_test.c and its guest programs.
 * None of these addresses has a memslot: every access is an MMIO exit.
 */
#ifndef __KVM_SELFTEST_GUEST_EXIT_H
#define __KVM_SELFTEST_GUEST_EXIT_H

#define MMIO_TEST_GPA		0x10000000UL

#ifndef __ASSEMBLY__
#include <stdint.h>

/* decode_guest.c: a Thumb-2 post-indexed load, in assembly */
uint32_t thumb_ldr_post(uint32_t *addr, uint32_t **after);
#endif

/* mmio_guest: the host writes the mode to the mailbox's first word */
enum mmio_mode {
	MMIO_WRITES,		/* 1, 2, 4 byte stores */
	MMIO_READS,		/* 1, 2, 4 byte zero-extending loads */
	MMIO_SIGNED,		/* LDRSB, LDRSH */
	MMIO_64BIT,		/* STRD then LDRD */
};

#define MMIO_W8			0x5a
#define MMIO_W16		0xa55a
#define MMIO_W32		0xdeadbeefU
#define MMIO_W64		0x0123456789abcdefULL
#define MMIO_R8			0x81
#define MMIO_R16		0x8182
#define MMIO_R32		0x81828384U
#define MMIO_R64		0x8182838485868788ULL
#define MMIO_RS8		0x80		/* LDRSB gives 0xffffff80 */
#define MMIO_RS16		0x8001		/* LDRSH gives 0xffff8001 */

/* window_guest: one access in each MiB of a 64 MiB window */
#define WINDOW_GPA		0x20000000UL
#define WINDOW_MIBS		64U
#define WINDOW_ADDR(i)		(WINDOW_GPA + ((unsigned long)(i) << 20) + (i) * 4)

/* SMCCC function ids no service implements */
#define SMCCC_UNKNOWN_STD	0x8400ff00U	/* standard service, fast */
#define SMCCC_UNKNOWN_SIP	0x82ff0000U	/* SiP service, fast */
#define SMCCC_UNKNOWN_YIELD	0x0400ff00U	/* standard service, yielding */
#define SMCCC_RET_NOT_SUPPORTED	0xffffffffU

#define SYNC_MAGIC_1		0x1234
#define SYNC_MAGIC_2		0xabcd0000U

#endif /* __KVM_SELFTEST_GUEST_EXIT_H */
