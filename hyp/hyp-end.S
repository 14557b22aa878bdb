/* SPDX-License-Identifier: GPL-2.0-only */
/* End markers of the HYP sections: see hyp-start.S. */
#include "hyp-sections.S"

	hyp_marker .hyp.text, "ax", __hyp_text_end
	hyp_marker .hyp.rodata, "a", __hyp_rodata_end
	hyp_marker .hyp.data, "aw", __hyp_data_end
