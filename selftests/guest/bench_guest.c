// SPDX-License-Identifier: GPL-2.0-only
/*
 * Micro-benchmarks timed from inside the guest with its virtual counter:
 * under QEMU's -icount shift=0 one instruction is one nanosecond, so the
 * host reports instructions per operation.
 */
#include "guest.h"

#define BENCH_MMIO_GPA	0x10000000UL
#define BENCH_ITERS	2000
#define SMCCC_UNKNOWN	0x8600ffffU	/* no service: the host answers -1 */

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n"
			     "mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

void guest_main(void)
{
	uint64_t t0, t1;
	uint32_t freq;
	int i;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	GUEST_SYNC2(0, freq);

	/* an exit handled by the host's C code and back */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		hvc(SMCCC_UNKNOWN, 0, 0, 0);
	t1 = cntvct();
	GUEST_SYNC2(1, t1 - t0);

	/* an MMIO write that goes out to the VMM and back */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		mmio_write32(BENCH_MMIO_GPA, i);
	t1 = cntvct();
	GUEST_SYNC2(2, t1 - t0);

	/* the same loop with nothing in it: the loop's own cost */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		barrier();
	t1 = cntvct();
	GUEST_SYNC2(3, t1 - t0);
}
