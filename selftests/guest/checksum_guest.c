// SPDX-License-Identifier: GPL-2.0-only
/*
 * Report the sum of the words of our own image as the guest reads it,
 * and its length, for the host to compare with what it loaded.
 */
#include "guest.h"

void guest_main(void)
{
	const uint32_t *p = (const uint32_t *)__image_start;
	const uint32_t *end = (const uint32_t *)__image_end;
	uint32_t sum = 0;

	while (p < end)
		sum += *p++;
	GUEST_SYNC2(sum, (uintptr_t)end - (uintptr_t)__image_start);
}
