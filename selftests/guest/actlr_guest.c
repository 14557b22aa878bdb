// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACTLR (trapped by HCR.TAC): read it, write its complement, read it again;
 * report GUEST_SYNC2(first read, second read).
 */
#include "guest.h"

static uint32_t actlr_read(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 1" : "=r"(v));
	return v;
}

void guest_main(void)
{
	uint32_t before = actlr_read(), after;

	__asm__ __volatile__("mcr p15, 0, %0, c1, c0, 1\n\tisb"
			     : : "r"(~before) : "memory");
	after = actlr_read();
	GUEST_ASSERT_EQ(guest_ex.count, 0);
	GUEST_SYNC2(before, after);
}
