// SPDX-License-Identifier: GPL-2.0-only
/*
 * DBGDIDR (CP14, trapped by HDCR.TDA): report GUEST_SYNC2(value read,
 * exceptions taken).
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t v = 0xdeadbeef;

	__asm__ __volatile__("mrc p14, 0, %0, c0, c0, 0" : "+r"(v));
	GUEST_SYNC2(v, guest_ex.count);
}
