// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMU registers (HDCR.TPM/TPMCR): read PMCR and PMCCNTR, enable the cycle
 * counter (PMCR.E, PMCNTENSET.C), spin, and read PMCCNTR again.  Report
 * GUEST_SYNC2(PMCR, PMCCNTR) for each read, then GUEST_SYNC(exceptions).
 */
#include "guest.h"

#define PMCR_E		(1U << 0)
#define PMCNTEN_C	(1U << 31)

static uint32_t pmcr_read(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c9, c12, 0" : "=r"(v));
	return v;
}

static uint32_t pmccntr_read(void)
{
	uint32_t v;

	__asm__ __volatile__("mrc p15, 0, %0, c9, c13, 0" : "=r"(v));
	return v;
}

void guest_main(void)
{
	uint32_t spin;

	GUEST_SYNC2(pmcr_read(), pmccntr_read());
	__asm__ __volatile__("mcr p15, 0, %0, c9, c12, 1"	/* PMCNTENSET */
			     : : "r"(PMCNTEN_C) : "memory");
	__asm__ __volatile__("mcr p15, 0, %0, c9, c12, 0\n\tisb"	/* PMCR */
			     : : "r"(PMCR_E) : "memory");
	for (spin = 0; spin < 10000; spin++)
		barrier();
	GUEST_SYNC2(pmcr_read(), pmccntr_read());
	GUEST_SYNC(guest_ex.count);
}
