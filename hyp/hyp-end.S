/* SPDX-License-Identifier: GPL-2.0-only */
/* End markers of the HYP sections: see hyp-start.S. */
	.section .hyp.text, "ax"
	.balign	4096
	.globl	__hyp_text_end
__hyp_text_end:

	.section .hyp.rodata, "a"
	.balign	4096
	.globl	__hyp_rodata_end
__hyp_rodata_end:

	.section .hyp.data, "aw"
	.balign	4096
	.globl	__hyp_data_end
__hyp_data_end:
