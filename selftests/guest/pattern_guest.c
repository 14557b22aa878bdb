// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rounds of: check that a set of pages still holds what this guest wrote
 * in the last round, write the value the host gives for this round, and
 * report GUEST_SYNC2(round, what page 0 held).  Mailbox words: 0 the VM's
 * index (must not change), 1 offset of the first page from the start of
 * RAM, 2 the number of pages, 3 the value to write in this round.  RAM
 * is accessed with the single-access helpers of guest.h, so that every
 * read and write really happens.
 */
#include "guest.h"

#define PAGE_SIZE	4096U

void guest_main(void)
{
	uint32_t index = mailbox_read(0), off = mailbox_read(1);
	uint32_t pages = mailbox_read(2), prev = 0, r, k, old, val;
	uintptr_t p = GUEST_RAM_GPA + off;

	for (r = 0;; r++) {
		GUEST_ASSERT_EQ(mailbox_read(0), index);
		old = mmio_read32(p);
		for (k = 0; r && k < pages; k++)
			GUEST_ASSERT_EQ(mmio_read32(p + k * PAGE_SIZE), prev);
		val = mailbox_read(3);
		for (k = 0; k < pages; k++)
			mmio_write32(p + k * PAGE_SIZE, val);
		prev = val;
		GUEST_SYNC2(r, old);
	}
}
