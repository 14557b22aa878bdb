// SPDX-License-Identifier: GPL-2.0-only
/*
 * A failing GUEST_ASSERT_EQ: the host checks the file, expression and value
 * it decodes from the ucall.
 */
#include "guest.h"

void guest_main(void)
{
	uint32_t x = mailbox_read(0);

	GUEST_ASSERT_EQ(x + 1, 43);
}
