// SPDX-License-Identifier: GPL-2.0-only
/*
 * HYP stage 1 page tables: long-descriptor (LPAE) format, 4 KiB pages,
 * three levels for a 32-bit VA (ARM ARM B3.6).  Built by the host, walked
 * by the MMU in HYP mode; every descriptor write is cleaned to the point of
 * coherency, because the first walks happen while HYP still runs with its
 * caches off.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/cacheflush.h>

#include "hyp_pgtable.h"
#include "../hyp/hyp.h"

#define PTRS_PER_LEVEL		512
#define L1_SHIFT		30
#define L2_SHIFT		21
#define L3_SHIFT		12

/* Descriptor bits (B3.6.1, B3.6.2) */
#define DESC_VALID		(1ULL << 0)
#define DESC_TABLE		(1ULL << 1)	/* levels 1-2: next table */
#define DESC_PAGE		(1ULL << 1)	/* level 3: a page */
#define DESC_ATTRIDX(i)		((u64)(i) << 2)
#define DESC_AP_RO		(1ULL << 7)	/* AP[2] */
#define DESC_AP_SBO		(1ULL << 6)	/* AP[1]: SBO at PL2 */
#define DESC_SH_INNER		(3ULL << 8)
#define DESC_AF			(1ULL << 10)
#define DESC_XN			(1ULL << 54)
#define DESC_ADDR_MASK		GENMASK_ULL(39, 12)

static void hyp_clean(void *p, size_t len)
{
	/* Clean (and invalidate) to PoC: visible to non-cacheable walks. */
	__cpuc_flush_dcache_area(p, len);
}

static u64 *hyp_alloc_table(void)
{
	u64 *t = (u64 *)get_zeroed_page(GFP_KERNEL_ACCOUNT);

	if (t)
		hyp_clean(t, PAGE_SIZE);
	return t;
}

static u64 hyp_prot_bits(enum hyp_prot prot)
{
	u64 bits = DESC_VALID | DESC_PAGE | DESC_AF | DESC_SH_INNER |
		   DESC_AP_SBO | DESC_ATTRIDX(HYP_ATTR_NORMAL);

	switch (prot) {
	case HYP_PROT_RX:
		return bits | DESC_AP_RO;
	case HYP_PROT_RO:
		return bits | DESC_AP_RO | DESC_XN;
	case HYP_PROT_DEVICE:
		/* Device memory, never executable (B3.7.2: XN for Device) */
		return (bits & ~DESC_ATTRIDX(HYP_ATTR_NORMAL)) |
		       DESC_ATTRIDX(HYP_ATTR_DEVICE) | DESC_XN;
	case HYP_PROT_RW:
	default:
		return bits | DESC_XN;
	}
}

/**
 * hyp_pgtable_init() - allocate an empty HYP table
 * @pgt: table to initialise
 *
 * Return: 0 or -ENOMEM.
 */
int hyp_pgtable_init(struct hyp_pgtable *pgt)
{
	mutex_init(&pgt->lock);
	pgt->pgd = hyp_alloc_table();
	return pgt->pgd ? 0 : -ENOMEM;
}

/**
 * hyp_pgtable_phys() - HTTBR value for a table
 * @pgt: the table
 *
 * Return: the physical address of its level 1 table.
 */
phys_addr_t hyp_pgtable_phys(struct hyp_pgtable *pgt)
{
	return virt_to_phys(pgt->pgd);
}

static u64 *hyp_next_table(u64 *entry, bool alloc)
{
	u64 *next;

	if (*entry & DESC_VALID)
		return phys_to_virt(*entry & DESC_ADDR_MASK);
	if (!alloc)
		return NULL;
	next = hyp_alloc_table();
	if (!next)
		return NULL;
	*entry = (virt_to_phys(next) & DESC_ADDR_MASK) | DESC_VALID | DESC_TABLE;
	hyp_clean(entry, sizeof(*entry));
	return next;
}

static u64 *hyp_walk(struct hyp_pgtable *pgt, unsigned long va, bool alloc)
{
	u64 *l2, *l3;

	l2 = hyp_next_table(&pgt->pgd[va >> L1_SHIFT], alloc);
	if (!l2)
		return NULL;
	l3 = hyp_next_table(&l2[(va >> L2_SHIFT) & (PTRS_PER_LEVEL - 1)], alloc);
	if (!l3)
		return NULL;
	return &l3[(va >> L3_SHIFT) & (PTRS_PER_LEVEL - 1)];
}

/**
 * hyp_map_page() - map one page into a HYP table
 * @pgt: the table
 * @va: HYP virtual address (page aligned)
 * @pa: physical address (page aligned)
 * @prot: access rights
 *
 * Mapping a VA again to the same page with the same rights is allowed (two
 * objects may share a page); to anything else it is refused.
 *
 * Context: may sleep.
 * Return: 0, -ENOMEM, or -EEXIST when @va is mapped differently.
 */
int hyp_map_page(struct hyp_pgtable *pgt, unsigned long va, phys_addr_t pa,
		 enum hyp_prot prot)
{
	u64 desc = ((u64)pa & DESC_ADDR_MASK) | hyp_prot_bits(prot);
	u64 *pte;
	int ret = 0;

	mutex_lock(&pgt->lock);
	pte = hyp_walk(pgt, va, true);
	if (!pte) {
		ret = -ENOMEM;
	} else if (*pte & DESC_VALID) {
		if (*pte != desc)
			ret = -EEXIST;
	} else {
		*pte = desc;
		hyp_clean(pte, sizeof(*pte));
	}
	mutex_unlock(&pgt->lock);
	return ret;
}

/**
 * hyp_map_kernel_range() - map kernel memory into HYP at its kernel VA
 * @pgt: the table
 * @start: first byte (lowmem, vmalloc or module address)
 * @end: one past the last byte
 * @prot: access rights
 *
 * Context: may sleep.
 * Return: 0 or a negative errno from hyp_map_page().
 */
int hyp_map_kernel_range(struct hyp_pgtable *pgt, const void *start,
			 const void *end, enum hyp_prot prot)
{
	unsigned long va = (unsigned long)start & PAGE_MASK;
	int ret;

	for (; va < (unsigned long)end; va += PAGE_SIZE) {
		phys_addr_t pa;

		if (virt_addr_valid(va)) {
			pa = virt_to_phys((void *)va);
		} else {
			/* module or vmalloc memory: not physically contiguous */
			struct page *page = vmalloc_to_page((void *)va);

			if (!page)
				return -EFAULT;
			pa = page_to_phys(page);
		}
		ret = hyp_map_page(pgt, va, pa, prot);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * hyp_unmap_page() - remove one page from a HYP table
 * @pgt: the table
 * @va: HYP virtual address
 *
 * The caller invalidates the HYP TLB for @va afterwards (only HYP can).
 * Context: may sleep.
 */
void hyp_unmap_page(struct hyp_pgtable *pgt, unsigned long va)
{
	u64 *pte;

	mutex_lock(&pgt->lock);
	pte = hyp_walk(pgt, va, false);
	if (pte && (*pte & DESC_VALID)) {
		*pte = 0;
		hyp_clean(pte, sizeof(*pte));
	}
	mutex_unlock(&pgt->lock);
}

/**
 * hyp_pgtable_free() - free a table and all its levels
 * @pgt: the table; no CPU may use it any more
 */
void hyp_pgtable_free(struct hyp_pgtable *pgt)
{
	int i, j;

	if (!pgt->pgd)
		return;
	for (i = 0; i < 4; i++) {
		u64 *l2 = hyp_next_table(&pgt->pgd[i], false);

		if (!l2)
			continue;
		for (j = 0; j < PTRS_PER_LEVEL; j++) {
			u64 *l3 = hyp_next_table(&l2[j], false);

			if (l3)
				free_page((unsigned long)l3);
		}
		free_page((unsigned long)l2);
	}
	free_page((unsigned long)pgt->pgd);
	pgt->pgd = NULL;
}
