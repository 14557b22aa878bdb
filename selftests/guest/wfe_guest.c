// SPDX-License-Identifier: GPL-2.0-only
/*
 * WFE a number of times (HCR.TWE traps each one and the host yields), then
 * report how many were executed.
 */
#include "guest.h"

#define NR_WFE	16

void guest_main(void)
{
	uint32_t i;

	for (i = 0; i < NR_WFE; i++)
		__asm__ __volatile__("wfe" : : : "memory");
	GUEST_SYNC(i);
}
