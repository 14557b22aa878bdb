// SPDX-License-Identifier: GPL-2.0-only
/*
 * Data cache maintenance by set/way (HCR.TSW): DCCISW, DCCSW and DCISW on
 * a few set/way/level operands, as a cache-flush loop issues them; report
 * GUEST_SYNC(operations done) and that no exception was taken.
 */
#include "guest.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* set/way operands: level 1 and 2 (bits [3:1]), set and way fields */
static const uint32_t operands[] = {
	0x00000000, 0x00000040, 0x40000000, 0xc0000fc0,
	0x00000002, 0x00000042, 0x40000002, 0xc0001fc2,
};

void guest_main(void)
{
	uint32_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(operands); i++) {
		__asm__ __volatile__("mcr p15, 0, %0, c7, c14, 2" /* DCCISW */
				     : : "r"(operands[i]) : "memory");
		__asm__ __volatile__("mcr p15, 0, %0, c7, c10, 2" /* DCCSW */
				     : : "r"(operands[i]) : "memory");
		__asm__ __volatile__("mcr p15, 0, %0, c7, c6, 2"  /* DCISW */
				     : : "r"(operands[i]) : "memory");
		n += 3;
	}
	__asm__ __volatile__("dsb" : : : "memory");
	GUEST_SYNC2(n, guest_ex.count);
}
