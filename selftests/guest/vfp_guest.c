// SPDX-License-Identifier: GPL-2.0-only
/*
 * VFP/NEON registers across exits to the host.  Each round the guest loads
 * d0-d31 with the values the host left in the mailbox (words 2.., two per
 * register, low word first), reports GUEST_SYNC(round), and when it runs
 * again checks that d0-d31 still hold them.  The host, in between, reads
 * them through KVM_GET_ONE_REG and runs with its own values in its
 * registers.  The guest is built -mgeneral-regs-only: the compiler never
 * touches these registers, only the assembly below does.
 */
#include "guest.h"

#define NR_DREGS	32
#define VFP_MB_ROUNDS	0	/* mailbox word: how many rounds */
#define VFP_MB_VALUES	2	/* mailbox words: d0.lo, d0.hi, d1.lo, ... */

#define CPACR_CP10_CP11	(0xfU << 20)
#define FPEXC_EN	(1U << 30)

static void vfp_enable(void)
{
	uint32_t cpacr;

	__asm__ __volatile__("mrc p15, 0, %0, c1, c0, 2" : "=r"(cpacr));
	cpacr |= CPACR_CP10_CP11;
	__asm__ __volatile__("mcr p15, 0, %0, c1, c0, 2\n\tisb" : : "r"(cpacr));
	__asm__ __volatile__(".fpu neon\n\tvmsr fpexc, %0"
			     : : "r"(FPEXC_EN) : "memory");
}

static void dregs_load(const uint64_t *v)
{
	__asm__ __volatile__(".fpu neon\n"
			     "	vldmia	%0!, {d0-d15}\n"
			     "	vldmia	%0, {d16-d31}\n"
			     : "+r"(v) : : "memory");
}

static void dregs_store(uint64_t *v)
{
	__asm__ __volatile__(".fpu neon\n"
			     "	vstmia	%0!, {d0-d15}\n"
			     "	vstmia	%0, {d16-d31}\n"
			     : "+r"(v) : : "memory");
}

void guest_main(void)
{
	uint64_t want[NR_DREGS], got[NR_DREGS];
	uint32_t rounds = mailbox_read(VFP_MB_ROUNDS), r, i;

	vfp_enable();
	for (r = 0; r < rounds; r++) {
		for (i = 0; i < NR_DREGS; i++)
			want[i] = (uint64_t)mailbox_read(VFP_MB_VALUES + 2 * i + 1) << 32 |
				  mailbox_read(VFP_MB_VALUES + 2 * i);
		dregs_load(want);
		GUEST_SYNC(r);
		dregs_store(got);
		for (i = 0; i < NR_DREGS; i++)
			__GUEST_ASSERT(got[i] == want[i], "d-register kept its value", i);
	}
}
