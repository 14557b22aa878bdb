/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __KVM_ARM32_STAGE2_H
#define __KVM_ARM32_STAGE2_H

#include <linux/atomic.h>
#include <linux/types.h>

struct kvm;
struct kvm_vcpu;

/*
 * VTCR (B4.1.159): T0SZ = -8 and S = 1 for a 40-bit IPA, SL0 = 1 (walks
 * start at level 1: 1024 entries, two concatenated pages), Normal WB-WA
 * inner-shareable table walks.
 */
#define VTCR_T0SZ_40BIT		0x8
#define VTCR_S			(1 << 4)
#define VTCR_SL0_L1		(1 << 6)
#define VTCR_IRGN0_WBWA		(1 << 8)
#define VTCR_ORGN0_WBWA		(1 << 10)
#define VTCR_SH0_INNER		(3 << 12)
#define VTCR_VAL		(VTCR_T0SZ_40BIT | VTCR_S | VTCR_SL0_L1 | \
				 VTCR_IRGN0_WBWA | VTCR_ORGN0_WBWA | \
				 VTCR_SH0_INNER | (1U << 31))

#define S2_PGD_ENTRIES		1024
#define S2_PGD_ORDER		1	/* 8 KiB, aligned to its size */

int kvm_stage2_init(struct kvm *kvm);
void kvm_stage2_free(struct kvm *kvm);
int kvm_stage2_map_gfn(struct kvm *kvm, u64 gfn, unsigned long hva,
		       bool writable, u64 slot_gfn, u64 slot_npages);
extern atomic_t kvm_stage2_blocks;
int kvm_stage2_map_device(struct kvm *kvm, u64 ipa, phys_addr_t pa, u64 size);
void kvm_stage2_unmap_range(struct kvm *kvm, u64 gfn, u64 npages);
u64 kvm_vttbr(struct kvm *kvm);
bool kvm_vmid_outdated(struct kvm *kvm);
void kvm_vmid_update(struct kvm *kvm);

#endif /* __KVM_ARM32_STAGE2_H */
