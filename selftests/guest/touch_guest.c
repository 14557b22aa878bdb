// SPDX-License-Identifier: GPL-2.0-only
/*
 * Write every page of RAM from 2 MiB to the size in mailbox word 0, report
 * GUEST_SYNC(pages) once, then keep writing them for ever.
 */
#include "guest.h"

#define PAGE_SIZE	4096U
#define TOUCH_START	(GUEST_RAM_GPA + 0x200000U)

void guest_main(void)
{
	uint32_t end = GUEST_RAM_GPA + mailbox_read(0), a, n = 0, pass;

	for (pass = 0;; pass++) {
		for (a = TOUCH_START; a < end; a += PAGE_SIZE)
			mmio_write32(a, pass ^ a);
		if (pass == 0) {
			n = (end - TOUCH_START) / PAGE_SIZE;
			GUEST_SYNC(n);
		}
	}
}
