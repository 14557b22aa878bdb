/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start markers of the HYP sections.  Linked first, so that ld -r puts
 * them at the head of each merged .hyp.* section; hyp-end.S is linked last.
 * Page alignment: HYP maps these sections page by page and nothing else
 * of the module may share their pages.
 */
	.section .hyp.text, "ax"
	.balign	4096
	.globl	__hyp_text_start
__hyp_text_start:

	.section .hyp.rodata, "a"
	.balign	4096
	.globl	__hyp_rodata_start
__hyp_rodata_start:

	.section .hyp.data, "aw"
	.balign	4096
	.globl	__hyp_data_start
__hyp_data_start:
