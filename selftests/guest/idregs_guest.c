// SPDX-License-Identifier: GPL-2.0-only
/*
 * MIDR and MPIDR as the guest reads them: GUEST_SYNC2(MIDR, MPIDR).
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t midr, mpidr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	GUEST_SYNC2(midr, mpidr);
}
