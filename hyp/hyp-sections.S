/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by hyp-start.S and hyp-end.S, not built on its own.
 *
 * hyp_marker: a global, page-aligned label in a HYP section.  HYP maps
 * these sections page by page, and nothing else of the module may share
 * their pages.
 */
.macro	hyp_marker sec, flg, label
	.section \sec, "\flg"
	.balign	4096
	.globl	\label
\label:
.endm
