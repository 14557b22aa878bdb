// SPDX-License-Identifier: GPL-2.0-only
/*
 * L2CTLR (Cortex-A7/A15 TRMs: MRC p15, 1, Rt, c9, c0, 2, trapped by
 * HCR.TIDCP): a write is ignored, GUEST_SYNC2(first read, read after
 * writing its complement).  Every VCPU of the VM may run this, one after
 * the other.
 */
#include "guest.h"

CP15_WRITE_IGNORED_GUEST("p15, 1, %0, c9, c0, 2")
