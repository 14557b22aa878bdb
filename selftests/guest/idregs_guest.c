// SPDX-License-Identifier: GPL-2.0-only
/*
 * Identification and control registers as the guest reads them straight
 * after reset: GUEST_SYNC4(MIDR, MPIDR, SCTLR, ACTLR).  MIDR and MPIDR
 * come from VPIDR and VMPIDR, SCTLR is the VCPU's own, ACTLR is trapped
 * (HCR.TAC).
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t midr, mpidr, sctlr, actlr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 0" : "=r"(midr));
	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 0" : "=r"(sctlr));
	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 1" : "=r"(actlr));
	GUEST_SYNC4(midr, mpidr, sctlr, actlr);
}
