// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest of ioeventfd_test: the writes the host lists in the mailbox
 * (struct ioevent_op at MB_OPS), in order, each one instruction of its
 * size (STRB, STRH, STR, or STRD for 8 bytes), then GUEST_DONE.
 */
#include "guest.h"
#include "irqtest.h"

/* word @w of op @i (struct ioevent_op: addr, len, lo, hi) */
static uint32_t op_word(uint32_t i, uint32_t w)
{
	return mailbox_read(MB_OPS + 4 * i + w);
}

void guest_main(void)
{
	uint32_t i, n = mailbox_read(MB_NR_OPS);

	for (i = 0; i < n; i++) {
		uint32_t addr = op_word(i, 0), len = op_word(i, 1);
		uint32_t lo = op_word(i, 2), hi = op_word(i, 3);

		switch (len) {
		case 1:
			mmio_write8(addr, lo);
			break;
		case 2:
			mmio_write16(addr, lo);
			break;
		case 4:
			mmio_write32(addr, lo);
			break;
		case 8:
			mmio_write64(addr, (uint64_t)hi << 32 | lo);
			break;
		default:
			GUEST_ASSERT_EQ(len, 4);
		}
	}
}
