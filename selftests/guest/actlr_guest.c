// SPDX-License-Identifier: GPL-2.0-only
/*
 * ACTLR (trapped by HCR.TAC): a write is ignored, GUEST_SYNC2(first read,
 * read after writing its complement).
 */
#include "guest.h"

CP15_WRITE_IGNORED_GUEST("p15, 0, %0, c1, c0, 1")
