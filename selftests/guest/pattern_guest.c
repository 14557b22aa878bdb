// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rounds of: check that a set of pages still holds what this guest wrote
 * in the last round, write the value the host gives for this round, and
 * report GUEST_SYNC2(round, what page 0 held).  Mailbox words: 0 the VM's
 * index (must not change), 1 offset of the first page from the start of
 * RAM, 2 the number of pages, 3 the value to write in this round.
 */
#include "guest.h"

#define PAGE_WORDS	(4096 / 4)

void guest_main(void)
{
	uint32_t index = mailbox_read(0), off = mailbox_read(1);
	uint32_t pages = mailbox_read(2), prev = 0, r, k, old, val;
	volatile uint32_t *p = (volatile uint32_t *)(GUEST_RAM_GPA + off);

	for (r = 0;; r++) {
		GUEST_ASSERT_EQ(mailbox_read(0), index);
		old = p[0];
		for (k = 0; r && k < pages; k++)
			GUEST_ASSERT_EQ(p[k * PAGE_WORDS], prev);
		val = mailbox_read(3);
		for (k = 0; k < pages; k++)
			p[k * PAGE_WORDS] = val;
		prev = val;
		GUEST_SYNC2(r, old);
	}
}
