// SPDX-License-Identifier: GPL-2.0-only
/*
 * A 4-byte read in every MiB of the 4 GiB physical address space (MMU off)
 * but those of our RAM slot, at an offset that varies with the MiB.  The
 * host answers the bitwise NOT of the address it saw; we check it.
 */
#include "guest.h"

#define MIB_SHIFT	20
#define NR_MIBS		4096U

void guest_main(void)
{
	uint32_t mib, addr, n = 0;

	for (mib = 0; mib < NR_MIBS; mib++) {
		addr = mib << MIB_SHIFT;
		if (addr - GUEST_RAM_GPA < GUEST_RAM_SIZE)
			continue;
		addr |= (mib & 0xff) << 12 | (mib & 0x3f) << 2;
		__GUEST_ASSERT(mmio_read32(addr) == ~addr, "read answered ~addr", addr);
		n++;
	}
	GUEST_SYNC(n);
}
