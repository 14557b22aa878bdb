// SPDX-License-Identifier: GPL-2.0-only
/*
 * HVC with SMCCC function ids no service implements: each result goes to
 * the host (SMCCC says NOT_SUPPORTED, -1).
 */
#include "guest.h"
#include "guest_exit.h"

void guest_main(void)
{
	GUEST_SYNC(hvc(SMCCC_UNKNOWN_STD, 1, 2, 3));
	GUEST_SYNC(hvc(SMCCC_UNKNOWN_SIP, 1, 2, 3));
	GUEST_SYNC(hvc(SMCCC_UNKNOWN_YIELD, 1, 2, 3));
}
