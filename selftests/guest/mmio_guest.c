// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO accesses of each size to MMIO_TEST_GPA, in the mode the host put in
 * the mailbox; loads are checked against what the host supplies.
 */
#include "guest.h"
#include "guest_exit.h"

void guest_main(void)
{
	switch (mailbox_read(0)) {
	case MMIO_WRITES:
		mmio_write8(MMIO_TEST_GPA + 0x1, MMIO_W8);
		mmio_write16(MMIO_TEST_GPA + 0x2, MMIO_W16);
		mmio_write32(MMIO_TEST_GPA + 0x4, MMIO_W32);
		break;
	case MMIO_READS:
		GUEST_ASSERT_EQ(mmio_read8(MMIO_TEST_GPA + 0x11), MMIO_R8);
		GUEST_ASSERT_EQ(mmio_read16(MMIO_TEST_GPA + 0x12), MMIO_R16);
		GUEST_ASSERT_EQ(mmio_read32(MMIO_TEST_GPA + 0x14), MMIO_R32);
		break;
	case MMIO_SIGNED:
		GUEST_ASSERT_EQ((uint32_t)mmio_read8s(MMIO_TEST_GPA + 0x21),
				0xffffff80U);
		GUEST_ASSERT_EQ((uint32_t)mmio_read16s(MMIO_TEST_GPA + 0x22),
				0xffff8001U);
		break;
	case MMIO_64BIT:
		mmio_write64(MMIO_TEST_GPA + 0x8, MMIO_W64);
		GUEST_ASSERT_EQ(mmio_read64(MMIO_TEST_GPA + 0x18), MMIO_R64);
		break;
	default:
		GUEST_ASSERT(0);
	}
}
