// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage 2: the guest-physical (IPA) to host-physical translation of a VM.
 *
 * LPAE long descriptors (ARM ARM B3.6), 4 KiB pages, three levels from
 * a 1024-entry level 1 (40-bit IPA).  Guest RAM is mapped on first touch
 * from the VMM's mapping of the memory slot; each mapped page is pinned
 * (FOLL_LONGTERM), counted in the VMM's pinned_vm, and unpinned when the
 * mapping goes (slot deleted or moved, VM destroyed).
 *
 * VMIDs are 8 bits, allocated with generations: when they run out, a new
 * generation starts, every CPU is kicked out of its guest and all stage-2
 * TLB entries are dropped, and VMs take a new VMID on their next entry.
 * VMID 0 is never given to a guest.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sizes.h>
#include <linux/log2.h>
#include <linux/spinlock.h>
#include <asm/cacheflush.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "stage2.h"
#include "../hyp/hyp.h"
#include "../hyp/sysreg.h"

#define S2_VALID		(1ULL << 0)
#define S2_TABLE		(1ULL << 1)	/* levels 1-2: next table */
#define S2_PAGE			(1ULL << 1)	/* level 3 */
#define S2_TYPE_MASK		3ULL		/* level 2 block: 0b01 */
#define S2_BLOCK_ADDR_MASK	GENMASK_ULL(39, 21)
#define S2_MEMATTR_NORMAL	(0xfULL << 2)	/* Normal, outer+inner WB */
#define S2_HAP_R		(1ULL << 6)
#define S2_HAP_W		(1ULL << 7)
#define S2_SH_INNER		(3ULL << 8)
#define S2_AF			(1ULL << 10)
#define S2_ADDR_MASK		GENMASK_ULL(39, 12)
#define S2_MEMATTR_DEVICE	(0x1ULL << 2)	/* Device (B3.6.2 MemAttr) */
#define S2_XN			(1ULL << 54)
/* bits [58:55] are for software (B3.6.2): a device page, never pinned */
#define S2_SW_DEVICE		(1ULL << 55)

#define L1_SHIFT		30
#define L2_SHIFT		21
#define L3_SHIFT		12
#define PTRS_PER_TABLE		512
#define BLOCK_PAGES		PTRS_PER_TABLE	/* 2 MiB at level 2 */

/* Block mappings made so far (debugfs kvm-arm32/stage2_blocks). */
atomic_t kvm_stage2_blocks = ATOMIC_INIT(0);

static void s2_clean(void *p, size_t len)
{
	/* HYP walks the tables with cacheable walks, but be exact. */
	__cpuc_flush_dcache_area(p, len);
}

/*
 * ICIALLUIS: invalidate every instruction cache of the Inner Shareable
 * domain, so no CPU that runs a VCPU of this VM later fetches a stale line
 * of a page just mapped.  The kernel's __flush_icache_all() cannot be used
 * from a module: with CONFIG_SMP_ON_UP (every distribution kernel) it calls
 * v7_flush_icache_all, which is not exported.  DSB ISH waits for the
 * invalidation to complete on every CPU (B2.2.9); the exception return
 * into the guest is the context synchronization that follows it.
 */
static void s2_flush_icache(void)
{
	write_sysreg(0, ICIALLUIS);
	dsb(ish);
}

/**
 * kvm_stage2_init() - allocate an empty stage-2 table for a VM
 * @kvm: the VM
 *
 * Return: 0 or -ENOMEM.
 */
int kvm_stage2_init(struct kvm *kvm)
{
	kvm->pgd = (u64 *)__get_free_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO,
					   S2_PGD_ORDER);
	if (!kvm->pgd)
		return -ENOMEM;
	s2_clean(kvm->pgd, PAGE_SIZE << S2_PGD_ORDER);
	return 0;
}

static bool s2_is_table(u64 entry)
{
	return (entry & S2_TYPE_MASK) == (S2_VALID | S2_TABLE);
}

static bool s2_is_block(u64 entry)
{
	return (entry & S2_TYPE_MASK) == S2_VALID;
}

static u64 *s2_next(u64 *entry)
{
	return s2_is_table(*entry) ? phys_to_virt(*entry & S2_ADDR_MASK) : NULL;
}

/*
 * Walk to the entry of @ipa at @level (2: a 2 MiB block, 3: a page),
 * allocating tables from @cache (one page per level, taken only if
 * needed).  Returns NULL when a table is missing and cannot be allocated,
 * or when a block already maps the range.  Context: kvm->mmu_lock held.
 */
static u64 *s2_walk_level(struct kvm *kvm, u64 ipa, u64 **cache, int level)
{
	u64 *entry = &kvm->pgd[ipa >> L1_SHIFT];
	int l;

	for (l = 1; l < level; l++) {
		u64 *next = s2_next(entry);

		if (!next) {
			if (*entry & S2_VALID)		/* a block */
				return NULL;
			if (!cache || !cache[l - 1])
				return NULL;
			next = cache[l - 1];
			cache[l - 1] = NULL;
			*entry = (virt_to_phys(next) & S2_ADDR_MASK) |
				 S2_VALID | S2_TABLE;
			s2_clean(entry, sizeof(*entry));
		}
		entry = &next[(ipa >> (l == 1 ? L2_SHIFT : L3_SHIFT)) &
			      (PTRS_PER_TABLE - 1)];
	}
	return entry;
}

static u64 *s2_walk(struct kvm *kvm, u64 ipa, u64 **cache)
{
	return s2_walk_level(kvm, ipa, cache, 3);
}

static void s2_flush_vmid(struct kvm *kvm)
{
	u64 vttbr = kvm_vttbr(kvm);

	/* A VM that never ran has no TLB entries (and no VMID). */
	if (kvm->vmid)
		kvm_hyp_call_checked(KVM_HCALL_FLUSH_VMID, lower_32_bits(vttbr),
				     upper_32_bits(vttbr), 0);
}

static void s2_unpin(struct kvm *kvm, u64 pte)
{
	unpin_user_page(pfn_to_page(__phys_to_pfn(pte & S2_ADDR_MASK)));
	atomic64_dec(&kvm->mm->pinned_vm);
}

static void s2_unpin_block(struct kvm *kvm, u64 block)
{
	unsigned long pfn = __phys_to_pfn(block & S2_BLOCK_ADDR_MASK);
	int i;

	for (i = 0; i < BLOCK_PAGES; i++)
		unpin_user_page(pfn_to_page(pfn + i));
	atomic64_sub(BLOCK_PAGES, &kvm->mm->pinned_vm);
}

static void s2_clean_page(struct page *page)
{
	void *kaddr = kmap_local_page(page);

	__cpuc_flush_dcache_area(kaddr, PAGE_SIZE);
	kunmap_local(kaddr);
}

static u64 s2_attrs(bool writable)
{
	return S2_MEMATTR_NORMAL | S2_HAP_R | S2_SH_INNER | S2_AF |
	       (writable ? S2_HAP_W : 0);
}

/*
 * A 2 MiB block, when the VMM's memory behind the faulting page is a
 * physically contiguous, aligned 2 MiB (a transparent or hugetlbfs huge
 * page) and the whole block lies in the slot.  Returns true when the
 * block is mapped; @page (already pinned by the caller) is then released.
 */
static bool s2_try_block(struct kvm *kvm, u64 gfn, unsigned long hva,
			 bool writable, u64 slot_gfn, u64 slot_npages,
			 struct page *page, u64 **cache)
{
	u64 base_gfn = gfn & ~(u64)(BLOCK_PAGES - 1), *entry;
	unsigned long base_hva = hva - ((gfn - base_gfn) << PAGE_SHIFT);
	unsigned long base_pfn = page_to_pfn(page) - (gfn - base_gfn);
	struct page **pages;
	bool mapped = false;
	long n;
	int i;

	if (!PageCompound(page) ||
	    compound_order(compound_head(page)) < ilog2(BLOCK_PAGES) ||
	    (base_hva & (SZ_2M - 1)) || (base_pfn & (BLOCK_PAGES - 1)) ||
	    base_gfn < slot_gfn ||
	    base_gfn + BLOCK_PAGES > slot_gfn + slot_npages)
		return false;

	pages = kmalloc_array(BLOCK_PAGES, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return false;
	mmap_read_lock(kvm->mm);
	n = pin_user_pages(base_hva, BLOCK_PAGES,
			   FOLL_LONGTERM | (writable ? FOLL_WRITE : 0), pages, NULL);
	mmap_read_unlock(kvm->mm);
	for (i = 0; i < n; i++)
		if (page_to_pfn(pages[i]) != base_pfn + i)
			break;
	if (n != BLOCK_PAGES || i != BLOCK_PAGES)
		goto out_unpin;

	for (i = 0; i < BLOCK_PAGES; i++)
		s2_clean_page(pages[i]);
	s2_flush_icache();

	spin_lock(&kvm->mmu_lock);
	entry = s2_walk_level(kvm, base_gfn << PAGE_SHIFT, cache, 2);
	if (entry && !(*entry & S2_VALID)) {
		*entry = ((u64)PFN_PHYS(base_pfn) & S2_BLOCK_ADDR_MASK) |
			 S2_VALID | s2_attrs(writable);
		s2_clean(entry, sizeof(*entry));
		atomic64_add(BLOCK_PAGES, &kvm->mm->pinned_vm);
		mapped = true;
	}
	spin_unlock(&kvm->mmu_lock);
	if (mapped) {
		atomic_inc(&kvm_stage2_blocks);
		unpin_user_page(page);
		n = 0;		/* the block owns the pins now */
	}
out_unpin:
	if (n > 0)
		unpin_user_pages(pages, n);
	kfree(pages);
	return mapped;
}

/**
 * kvm_stage2_map_gfn() - map guest memory from the VMM's on a fault
 * @kvm: the VM
 * @gfn: guest frame number
 * @hva: the VMM's address of that page
 * @writable: map it writable (false for a read-only slot)
 * @slot_gfn: first guest frame of the memory slot
 * @slot_npages: size of the memory slot
 *
 * Maps a 2 MiB block when the VMM's memory allows it (see s2_try_block()),
 * otherwise the one page.
 *
 * Context: process context of the VMM (its mm is the one pinned from).
 * Return: 0 (also when another VCPU mapped it first), -EFAULT when the VMM
 * has no memory at @hva, -ENOMEM.
 */
int kvm_stage2_map_gfn(struct kvm *kvm, u64 gfn, unsigned long hva,
		       bool writable, u64 slot_gfn, u64 slot_npages)
{
	u64 *cache[2] = { NULL, NULL }, *pte, desc;
	struct page *page;
	int ret, i;

	if (current->mm != kvm->mm)
		return -EIO;
	/* 6.1 allows FOLL_LONGTERM only with the mmap lock held */
	mmap_read_lock(kvm->mm);
	ret = pin_user_pages(hva, 1, FOLL_LONGTERM | (writable ? FOLL_WRITE : 0),
			     &page, NULL);
	mmap_read_unlock(kvm->mm);
	if (ret != 1)
		return ret < 0 ? ret : -EFAULT;

	for (i = 0; i < 2; i++) {
		cache[i] = (u64 *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
		if (!cache[i]) {
			ret = -ENOMEM;
			goto out;
		}
		s2_clean(cache[i], PAGE_SIZE);
	}

	ret = 0;
	if (s2_try_block(kvm, gfn, hva, writable, slot_gfn, slot_npages,
			 page, cache)) {
		page = NULL;
		goto out;
	}

	/*
	 * The guest may run with its MMU and caches off: what the VMM wrote
	 * through the cache must be in memory, and no stale instruction may
	 * be fetched from the page.
	 */
	s2_clean_page(page);
	s2_flush_icache();

	desc = ((u64)page_to_phys(page) & S2_ADDR_MASK) | S2_VALID | S2_PAGE |
	       s2_attrs(writable);

	spin_lock(&kvm->mmu_lock);
	pte = s2_walk(kvm, gfn << PAGE_SHIFT, cache);
	/* no entry: a block maps the page already (another VCPU's fault) */
	if (pte && !(*pte & S2_VALID)) {
		*pte = desc;
		s2_clean(pte, sizeof(*pte));
		atomic64_inc(&kvm->mm->pinned_vm);
		page = NULL;		/* the mapping owns the pin now */
	}
	spin_unlock(&kvm->mmu_lock);
out:
	if (page)
		unpin_user_page(page);
	for (i = 0; i < 2; i++)
		free_page((unsigned long)cache[i]);
	return ret;
}

/**
 * kvm_stage2_map_device() - map host device pages into a guest
 * @kvm: the VM
 * @ipa: guest physical address, page aligned
 * @pa: host physical address, page aligned
 * @size: bytes, a multiple of PAGE_SIZE
 *
 * For the GICV CPU interface: Device memory, read/write, never
 * executable, and not pinned (it is not RAM).  Memory slots moving over
 * the range leave it alone.
 *
 * Context: process context.
 * Return: 0, -ENOMEM, or -EEXIST if something is mapped there already.
 */
int kvm_stage2_map_device(struct kvm *kvm, u64 ipa, phys_addr_t pa, u64 size)
{
	u64 *cache[2] = { NULL, NULL }, *pte, off;
	int ret = 0, i;

	for (off = 0; off < size && !ret; off += PAGE_SIZE) {
		for (i = 0; i < 2; i++) {
			if (cache[i])
				continue;
			cache[i] = (u64 *)get_zeroed_page(GFP_KERNEL_ACCOUNT);
			if (!cache[i]) {
				ret = -ENOMEM;
				goto out;
			}
			s2_clean(cache[i], PAGE_SIZE);
		}
		spin_lock(&kvm->mmu_lock);
		pte = s2_walk(kvm, ipa + off, cache);
		if (!pte || (*pte & S2_VALID)) {
			ret = -EEXIST;
		} else {
			*pte = (((u64)pa + off) & S2_ADDR_MASK) | S2_VALID |
			       S2_PAGE | S2_MEMATTR_DEVICE | S2_HAP_R |
			       S2_HAP_W | S2_AF | S2_XN | S2_SW_DEVICE;
			s2_clean(pte, sizeof(*pte));
		}
		spin_unlock(&kvm->mmu_lock);
	}
out:
	for (i = 0; i < 2; i++)
		free_page((unsigned long)cache[i]);
	return ret;
}

/**
 * kvm_stage2_unmap_range() - unmap and unpin guest pages
 * @kvm: the VM
 * @gfn: first guest frame
 * @npages: how many
 *
 * When it returns, no CPU holds a stage-2 translation for the range.
 * Context: process context.
 */
void kvm_stage2_unmap_range(struct kvm *kvm, u64 gfn, u64 npages)
{
	u64 end = gfn + npages, *entry;
	bool flush = false;

	spin_lock(&kvm->mmu_lock);
	while (gfn < end) {
		u64 next_block = (gfn | (BLOCK_PAGES - 1)) + 1;

		entry = s2_walk_level(kvm, gfn << PAGE_SHIFT, NULL, 2);
		if (entry && s2_is_block(*entry)) {
			/* blocks lie within one slot: all of it goes */
			s2_unpin_block(kvm, *entry);
		} else if (entry && s2_is_table(*entry)) {
			for (; gfn < min(end, next_block); gfn++) {
				u64 *pte = s2_walk(kvm, gfn << PAGE_SHIFT, NULL);

				if (!(*pte & S2_VALID) || (*pte & S2_SW_DEVICE))
					continue;
				s2_unpin(kvm, *pte);
				*pte = 0;
				s2_clean(pte, sizeof(*pte));
				flush = true;
			}
			continue;
		} else {
			gfn = next_block;
			continue;
		}
		*entry = 0;
		s2_clean(entry, sizeof(*entry));
		flush = true;
		gfn = next_block;
	}
	spin_unlock(&kvm->mmu_lock);
	if (flush)
		s2_flush_vmid(kvm);
}

/**
 * kvm_stage2_free() - unmap everything and free the tables
 * @kvm: a VM no VCPU runs any more
 */
void kvm_stage2_free(struct kvm *kvm)
{
	int i, j, k;

	if (!kvm->pgd)
		return;
	for (i = 0; i < S2_PGD_ENTRIES; i++) {
		u64 *l2 = s2_next(&kvm->pgd[i]);

		if (!l2)
			continue;
		for (j = 0; j < PTRS_PER_TABLE; j++) {
			u64 *l3 = s2_next(&l2[j]);

			if (s2_is_block(l2[j]))
				s2_unpin_block(kvm, l2[j]);
			if (!l3)
				continue;
			for (k = 0; k < PTRS_PER_TABLE; k++)
				if ((l3[k] & S2_VALID) && !(l3[k] & S2_SW_DEVICE))
					s2_unpin(kvm, l3[k]);
			free_page((unsigned long)l3);
		}
		free_page((unsigned long)l2);
	}
	s2_flush_vmid(kvm);
	free_pages((unsigned long)kvm->pgd, S2_PGD_ORDER);
	kvm->pgd = NULL;
}

/* ---- VMIDs -------------------------------------------------------------- */

#define VMID_BITS	8
#define VMID_FIRST_GEN	(1ULL << VMID_BITS)

/*
 * Taken on the guest entry path, preemption already disabled: a raw
 * spinlock, the only kind PREEMPT_RT allows there.  Its section is a few
 * stores and, at a rollover, an IPI broadcast that does not wait and one
 * TLB flush.
 */
static DEFINE_RAW_SPINLOCK(vmid_lock);
static u64 vmid_gen = VMID_FIRST_GEN;	/* generation in the high bits */
static u32 vmid_next = 1;

/**
 * kvm_vttbr() - the VTTBR value of a VM
 * @kvm: the VM
 *
 * Return: VMID in bits [55:48], the stage-2 level 1 table's address.
 */
u64 kvm_vttbr(struct kvm *kvm)
{
	return ((u64)kvm->vmid << 48) | virt_to_phys(kvm->pgd);
}

static void vmid_kick(void *unused)
{
	/* The IPI itself forces a guest on this CPU out (HCR.IMO). */
}

/**
 * kvm_vmid_outdated() - does a VM need a new VMID before it runs?
 * @kvm: the VM
 *
 * Checked again with IRQs disabled right before entering the guest: a
 * rollover by another CPU after that point leaves its IPI pending here,
 * which makes the entry exit at once (HCR.IMO).
 *
 * Return: true when kvm_vmid_update() must run first.
 */
bool kvm_vmid_outdated(struct kvm *kvm)
{
	return READ_ONCE(kvm->vmid_gen) != READ_ONCE(vmid_gen);
}

/**
 * kvm_vmid_update() - give a VM a VMID of the current generation
 * @kvm: the VM about to be entered
 *
 * Context: preemption disabled, IRQs enabled (a rollover IPIs all CPUs).
 */
void kvm_vmid_update(struct kvm *kvm)
{
	if (!kvm_vmid_outdated(kvm))
		return;

	raw_spin_lock(&vmid_lock);
	if (kvm->vmid_gen != vmid_gen) {
		if (vmid_next == (1U << VMID_BITS)) {
			/* New generation: nobody may keep an old VMID. */
			WRITE_ONCE(vmid_gen, vmid_gen + VMID_FIRST_GEN);
			vmid_next = 1;
			smp_call_function(vmid_kick, NULL, 0);
			/* VTTBR 0: every VMID's stage 1+2 entries */
			kvm_call_hyp(KVM_HCALL_FLUSH_VMID, 0, 0, 0);
		}
		kvm->vmid = vmid_next++;
		WRITE_ONCE(kvm->vmid_gen, vmid_gen);
	}
	raw_spin_unlock(&vmid_lock);
}
