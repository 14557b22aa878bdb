// SPDX-License-Identifier: GPL-2.0-only
/*
 * Accesses whose emulation depends on more than the syndrome: a read-only
 * memory slot, a big-endian guest, a Thumb-2 load with writeback, and an
 * instruction the module does not decode.  The host picks the case in the
 * mailbox's first word.
 */
#include "guest.h"
#include "guest_exit.h"

#define RO_GPA		0x90000000UL
#define DEC_MMIO	(MMIO_TEST_GPA + 0x40)

/*
 * uint32_t thumb_ldr_post(uint32_t *addr, uint32_t **after): a T4 LDR
 * (immediate), post-indexed, whose writeback leaves the syndrome invalid.
 * In assembly so that the compiler neither inlines it nor changes it.
 */
__asm__(".pushsection .text\n"
	".syntax unified\n"
	".thumb\n"
	".global thumb_ldr_post\n"
	".type thumb_ldr_post, %function\n"
	".thumb_func\n"
	"thumb_ldr_post:\n"
	"	ldr.w	r2, [r0], #4\n"
	"	str	r0, [r1]\n"
	"	mov	r0, r2\n"
	"	bx	lr\n"
	".arm\n"
	".popsection\n");

void guest_main(void)
{
	uint32_t v, w, *p;

	switch (mailbox_read(0)) {
	case 0:		/* read-only slot: loads are RAM, stores MMIO */
		v = mmio_read32(RO_GPA);
		mmio_write32(RO_GPA, 0xcafef00d);
		GUEST_SYNC2(v, mmio_read32(RO_GPA));
		break;
	case 1:		/* CPSR.E: data in big-endian order on the bus */
		__asm__ __volatile__("setend be\n"
				     "str %2, [%3]\n"
				     "ldr %0, [%3, #4]\n"
				     "ldrh %1, [%3, #8]\n"
				     "setend le\n"
				     : "=&r"(v), "=&r"(w)
				     : "r"(0x11223344), "r"(DEC_MMIO)
				     : "memory");
		GUEST_SYNC2(v, w);
		break;
	case 2:		/* Thumb-2 post-indexed load, decoded by the host */
		v = thumb_ldr_post((uint32_t *)DEC_MMIO, &p);
		GUEST_SYNC2(v, (uintptr_t)p);
		break;
	case 3:		/* LDM: the module does not decode it */
		__asm__ __volatile__("ldm %2, {%0, %1}"
				     : "=r"(v), "=r"(w) : "r"(DEC_MMIO) : "memory");
		GUEST_SYNC2(v, w);
		break;
	}
}
