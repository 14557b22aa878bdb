// SPDX-License-Identifier: GPL-2.0-only
/*
 * Two GUEST_SYNCs, then GUEST_DONE (from crt0 when guest_main returns).
 */
#include "guest.h"
#include "guest_exit.h"

void guest_main(void)
{
	GUEST_SYNC(SYNC_MAGIC_1);
	GUEST_SYNC(SYNC_MAGIC_2);
}
