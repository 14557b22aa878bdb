/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Start markers of the HYP sections.  Linked first, so that ld -r puts
 * them at the head of each merged .hyp.* section; hyp-end.S is linked last.
 */
#include "hyp-sections.S"

	hyp_marker .hyp.text, "ax", __hyp_text_start
	hyp_marker .hyp.rodata, "a", __hyp_rodata_start
	hyp_marker .hyp.data, "aw", __hyp_data_start
