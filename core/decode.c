// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loads and stores that fault on MMIO without a valid syndrome.
 *
 * HSR.ISV is 0 for accesses the architecture does not describe in the
 * syndrome (ARM ARM B3.13.6): LDRD/STRD, and loads/stores with base
 * register writeback.  Those are decoded here, for the ARM and Thumb-2
 * encodings a compiler emits for device accesses; anything else is left
 * to the VMM as KVM_EXIT_INTERNAL_ERROR with the instruction.
 */
#include <linux/bits.h>
#include <linux/highmem.h>
#include <linux/mm.h>

#include "kvm_arm.h"
#include "kvm_host.h"

#define PAR_F			BIT_ULL(0)	/* translation aborted */
#define PAR_SS			BIT_ULL(1)	/* short format: supersection */
#define PAR_LPAE		BIT_ULL(11)	/* long-descriptor format */

static int read_guest_pa(u64 pa, void *buf, size_t len)
{
	unsigned long pfn = PHYS_PFN(pa);
	void *kaddr;

	/* the page holds code the guest just ran: mapped by stage 2, pinned */
	if (!pfn_valid(pfn) || offset_in_page(pa) + len > PAGE_SIZE)
		return -EFAULT;
	kaddr = kmap_local_page(pfn_to_page(pfn));
	memcpy(buf, kaddr + offset_in_page(pa), len);
	kunmap_local(kaddr);
	return 0;
}

/**
 * kvm_fetch_guest_insn() - read the instruction at the guest's PC
 * @vcpu: the VCPU, after an exit that recorded fault.pc_par
 * @insn: the instruction; a 32-bit Thumb one with its first halfword high
 * @thumb: whether the guest was in Thumb state
 *
 * Context: the VCPU's ioctl, kvm->slots_lock not held.
 * Return: 0, or -EFAULT when the PC did not translate or the instruction
 * straddles a page.
 */
int kvm_fetch_guest_insn(struct kvm_vcpu *vcpu, u32 *insn, bool *thumb)
{
	u64 par = vcpu->fault.pc_par, pa;
	u16 hw[2];
	int ret;

	/* a failed walk, or a supersection (not worth decoding) */
	if ((par & PAR_F) || (!(par & PAR_LPAE) && (par & PAR_SS)))
		return -EFAULT;
	pa = par & ((par & PAR_LPAE) ? GENMASK_ULL(39, 12) : GENMASK_ULL(31, 12));
	pa |= *vcpu_pc(vcpu) & ~PAGE_MASK;

	*thumb = *vcpu_cpsr(vcpu) & PSR_T_BIT;
	if (!*thumb)
		return read_guest_pa(pa, insn, 4);

	ret = read_guest_pa(pa, &hw[0], 2);
	if (ret)
		return ret;
	/* A6.1: 0b11101, 0b11110, 0b11111 start a 32-bit instruction */
	if ((hw[0] >> 11) < 0x1d) {
		*insn = hw[0];
		return 0;
	}
	ret = read_guest_pa(pa + 2, &hw[1], 2);
	*insn = ((u32)hw[0] << 16) | hw[1];
	return ret;
}

/* A8.4.3 Shift: the register offset of LDR/STR (register). */
static u32 shift_offset(struct kvm_vcpu *vcpu, u32 insn)
{
	u32 rm = *vcpu_reg(vcpu, insn & 0xf);
	u32 imm5 = (insn >> 7) & 0x1f;
	bool carry = *vcpu_cpsr(vcpu) & PSR_C_BIT;

	switch ((insn >> 5) & 3) {
	case 0:		/* LSL */
		return rm << imm5;
	case 1:		/* LSR; #0 means #32 */
		return imm5 ? rm >> imm5 : 0;
	case 2:		/* ASR; #0 means #32 */
		return imm5 ? (u32)((s32)rm >> imm5) : (u32)((s32)rm >> 31);
	default:	/* ROR, or RRX for #0 */
		return imm5 ? ror32(rm, imm5) : ((u32)carry << 31) | (rm >> 1);
	}
}

/* A5.3: LDR/STR{B} (A8.8.63 and friends) and the extra load/stores. */
static int decode_arm(struct kvm_vcpu *vcpu, u32 insn, struct kvm_mmio_insn *d)
{
	bool p = insn & BIT(24), u = insn & BIT(23), w = insn & BIT(21);
	bool l = insn & BIT(20);
	u32 off;

	d->insn_len = 4;
	d->rn = (insn >> 16) & 0xf;
	d->rt = (insn >> 12) & 0xf;
	d->writeback = !p || w;

	if ((insn & 0x0c000000) == 0x04000000) {
		/* register offset with bit 4 set is a media instruction */
		if ((insn & BIT(25)) && (insn & BIT(4)))
			return -EINVAL;
		off = (insn & BIT(25)) ? shift_offset(vcpu, insn) : insn & 0xfff;
		d->len = (insn & BIT(22)) ? 1 : 4;
		d->is_write = !l;
	} else if ((insn & 0x0e000090) == 0x00000090 && (insn & 0x60)) {
		off = (insn & BIT(22)) ? ((insn >> 4) & 0xf0) | (insn & 0xf) :
					 *vcpu_reg(vcpu, insn & 0xf);
		switch (((insn >> 5) & 3) | (l << 2)) {
		case 1:				/* STRH */
			d->len = 2;
			d->is_write = true;
			break;
		case 2:				/* LDRD */
		case 3:				/* STRD */
			if (d->rt & 1 || d->rt == 14)
				return -EINVAL;
			d->pair = true;
			d->rt2 = d->rt + 1;
			d->len = 8;
			d->is_write = ((insn >> 5) & 3) == 3;
			break;
		case 5:				/* LDRH */
			d->len = 2;
			break;
		case 6:				/* LDRSB */
			d->len = 1;
			d->sign_extend = true;
			break;
		default:			/* LDRSH */
			d->len = 2;
			d->sign_extend = true;
			break;
		}
	} else {
		return -EINVAL;
	}
	d->offset = u ? off : -off;
	return 0;
}

/* A6.3.6 LDRD/STRD (immediate) T1 and A6.3.7-10 LDR/STR T4 (imm8, P/U/W). */
static int decode_thumb32(u32 insn, struct kvm_mmio_insn *d)
{
	u32 hw1 = insn >> 16, hw2 = insn & 0xffff;
	bool p, u, w;

	d->insn_len = 4;
	d->rn = hw1 & 0xf;
	d->rt = hw2 >> 12;

	if ((hw1 & 0xfe40) == 0xe840 && (hw1 & (BIT(8) | BIT(5)))) {
		p = hw1 & BIT(8);
		u = hw1 & BIT(7);
		w = hw1 & BIT(5);
		d->pair = true;
		d->rt2 = (hw2 >> 8) & 0xf;
		d->len = 8;
		d->is_write = !(hw1 & BIT(4));
		d->offset = u ? (hw2 & 0xff) << 2 : -((hw2 & 0xff) << 2);
		d->writeback = w;
		return p || w ? 0 : -EINVAL;
	}
	if ((hw1 & 0xfe00) == 0xf800 && (hw2 & BIT(11))) {
		u32 size = (hw1 >> 5) & 3;

		if (size == 3)
			return -EINVAL;
		p = hw2 & BIT(10);
		u = hw2 & BIT(9);
		w = hw2 & BIT(8);
		d->len = 1 << size;
		d->is_write = !(hw1 & BIT(4));
		d->sign_extend = hw1 & BIT(8);
		d->offset = u ? (hw2 & 0xff) : -(hw2 & 0xff);
		d->writeback = w;
		return !p && !w ? -EINVAL : 0;
	}
	return -EINVAL;
}

/**
 * kvm_decode_mmio_insn() - describe a load/store the syndrome did not
 * @vcpu: the VCPU (for register offsets)
 * @insn: the instruction, as kvm_fetch_guest_insn() read it
 * @thumb: Thumb state
 * @out: the access
 *
 * Return: 0, or -EINVAL for an instruction this decoder does not handle.
 */
int kvm_decode_mmio_insn(struct kvm_vcpu *vcpu, u32 insn, bool thumb,
			 struct kvm_mmio_insn *out)
{
	memset(out, 0, sizeof(*out));
	if (!thumb)
		return decode_arm(vcpu, insn, out);
	if (insn <= 0xffff)	/* 16-bit: all have a syndrome except LDM/STM */
		return -EINVAL;
	return decode_thumb32(insn, out);
}
