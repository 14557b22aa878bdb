/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Embeds one guest image (GUEST_BIN) in a test executable as
 * guest_<GUEST_NAME>_start .. guest_<GUEST_NAME>_end; see GUEST_IMAGE().
 */
#define __SYM(name, part)	guest_ ## name ## _ ## part
#define SYM(name, part)		__SYM(name, part)

	.section .rodata.guest_image, "a"
	.balign	8
	.global	SYM(GUEST_NAME, start)
	.global	SYM(GUEST_NAME, end)
SYM(GUEST_NAME, start):
	.incbin	GUEST_BIN
SYM(GUEST_NAME, end):
	.section .note.GNU-stack, "", %progbits
