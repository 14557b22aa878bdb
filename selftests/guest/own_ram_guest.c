// SPDX-License-Identifier: GPL-2.0-only
/*
 * Report the mailbox value the host gave this VM, keep a copy in .bss,
 * answer its complement in the mailbox, then report the copy again.
 */
#include "guest.h"

static uint32_t copy;

void guest_main(void)
{
	copy = mailbox_read(0);
	GUEST_SYNC(copy);
	mailbox_write(1, ~copy);
	GUEST_SYNC(copy);
}
