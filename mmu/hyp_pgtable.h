/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __KVM_ARM32_HYP_PGTABLE_H
#define __KVM_ARM32_HYP_PGTABLE_H

#include <linux/mutex.h>
#include <linux/types.h>

/**
 * struct hyp_pgtable - a HYP stage 1 translation table (LPAE format)
 * @pgd: level 1 table: four 1 GiB entries (HTCR.T0SZ = 0)
 * @lock: serialises updates
 *
 * HYP translation always uses the long-descriptor format, whatever format
 * the host kernel's own page tables use, so these tables are built here
 * rather than borrowed from the kernel.
 */
struct hyp_pgtable {
	u64 *pgd;
	struct mutex lock;
};

enum hyp_prot {
	HYP_PROT_RX,		/* HYP text */
	HYP_PROT_RO,		/* read-only data */
	HYP_PROT_RW,		/* data, stacks */
	HYP_PROT_DEVICE,	/* device registers (GICH) */
};

int hyp_pgtable_init(struct hyp_pgtable *pgt);
void hyp_pgtable_free(struct hyp_pgtable *pgt);
phys_addr_t hyp_pgtable_phys(struct hyp_pgtable *pgt);
int hyp_map_page(struct hyp_pgtable *pgt, unsigned long va, phys_addr_t pa,
		 enum hyp_prot prot);
int hyp_map_kernel_range(struct hyp_pgtable *pgt, const void *start,
			 const void *end, enum hyp_prot prot);
void hyp_unmap_page(struct hyp_pgtable *pgt, unsigned long va);

#endif /* __KVM_ARM32_HYP_PGTABLE_H */
