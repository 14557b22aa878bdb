// SPDX-License-Identifier: GPL-2.0-only
/*
 * One access in every MiB of a 64 MiB window with no memslot: writes of
 * the index at even MiBs, reads (the host answers the index) at odd ones.
 */
#include "guest.h"
#include "guest_exit.h"

void guest_main(void)
{
	uint32_t i;

	for (i = 0; i < WINDOW_MIBS; i++) {
		if (i % 2 == 0)
			mmio_write32(WINDOW_ADDR(i), i);
		else
			GUEST_ASSERT_EQ(mmio_read32(WINDOW_ADDR(i)), i);
	}
}
