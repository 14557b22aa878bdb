// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest of ioeventfd_test: the writes the host lists in the mailbox
 * (struct ioevent_op at MB_OPS), in order, each one instruction of its
 * size (STRB, STRH, STR, or STRD for 8 bytes), then GUEST_DONE.
 */
#include "guest.h"
#include "irqtest.h"

void guest_main(void)
{
	const volatile struct ioevent_op *op =
		(const volatile struct ioevent_op *)(GUEST_MAILBOX_GPA + 4 * MB_OPS);
	uint32_t i, n = mailbox_read(MB_NR_OPS);

	for (i = 0; i < n; i++, op++) {
		switch (op->len) {
		case 1:
			mmio_write8(op->addr, op->lo);
			break;
		case 2:
			mmio_write16(op->addr, op->lo);
			break;
		case 4:
			mmio_write32(op->addr, op->lo);
			break;
		case 8:
			mmio_write64(op->addr, (uint64_t)op->hi << 32 | op->lo);
			break;
		default:
			GUEST_ASSERT_EQ(op->len, 4);
		}
	}
}
