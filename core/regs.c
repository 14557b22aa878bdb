// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest general-purpose registers as the guest's current mode sees them,
 * stepping over an emulated instruction and taking an Undefined Instruction
 * exception in the guest.
 *
 * All of it works on the saved context (vcpu->ctxt): callers hold
 * vcpu->mutex and the VCPU is not running.
 *
 * References are to the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (ARM DDI 0406C).
 */
#include <linux/build_bug.h>
#include <linux/bug.h>
#include <asm/ptrace.h>

#include "coproc.h"

/* SCTLR bits the exception entry depends on (B4.1.130) */
#define SCTLR_V			BIT(13)	/* Hivecs: vectors at 0xffff0000 */
#define SCTLR_EE		BIT(25)	/* CPSR.E on exception entry */
#define SCTLR_TE		BIT(30)	/* exceptions taken in Thumb state */

#define HIGH_VECTORS		0xffff0000U
#define VECTOR_UNDEF		0x4

static u32 *gp_word(unsigned long *reg)
{
	BUILD_BUG_ON(sizeof(unsigned long) != sizeof(u32));
	return (u32 *)reg;
}

static u32 vcpu_mode(struct kvm_vcpu *vcpu)
{
	return vcpu->ctxt.gp_regs.usr_regs.ARM_cpsr & MODE_MASK;
}

/**
 * vcpu_reg() - a guest register, as the guest's current mode sees it
 * @vcpu: the VCPU
 * @reg_num: 0-15 (r13 = SP, r14 = LR, r15 = PC)
 *
 * Banking follows B1.3.2 (ARM core registers): SVC, ABT, UND and IRQ bank
 * r13-r14, FIQ banks r8-r14, USR and SYS share the unbanked set.  A mode
 * value that is not a valid guest mode (ONE_REG refuses to set one) reads
 * the user registers.
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: pointer to the saved register.
 */
u32 *vcpu_reg(struct kvm_vcpu *vcpu, u8 reg_num)
{
	struct kvm_regs *regs = &vcpu->ctxt.gp_regs;

	if (WARN_ON_ONCE(reg_num > 15))
		reg_num &= 15;

	if (reg_num == 15)
		return gp_word(&regs->usr_regs.ARM_pc);

	switch (vcpu_mode(vcpu)) {
	case FIQ_MODE:
		if (reg_num >= 8)
			return gp_word(&regs->fiq_regs[reg_num - 8]);
		break;
	case IRQ_MODE:
		if (reg_num >= 13)
			return gp_word(&regs->irq_regs[reg_num - 13]);
		break;
	case SVC_MODE:
		if (reg_num >= 13)
			return gp_word(&regs->svc_regs[reg_num - 13]);
		break;
	case ABT_MODE:
		if (reg_num >= 13)
			return gp_word(&regs->abt_regs[reg_num - 13]);
		break;
	case UND_MODE:
		if (reg_num >= 13)
			return gp_word(&regs->und_regs[reg_num - 13]);
		break;
	default:	/* USR, SYS */
		break;
	}
	return gp_word(&regs->usr_regs.uregs[reg_num]);
}

/**
 * vcpu_pc() - the guest's PC
 * @vcpu: the VCPU
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: pointer to the saved PC: the address of the instruction that
 * trapped, when the VCPU left the guest on a trap.
 */
u32 *vcpu_pc(struct kvm_vcpu *vcpu)
{
	return gp_word(&vcpu->ctxt.gp_regs.usr_regs.ARM_pc);
}

/**
 * vcpu_cpsr() - the guest's CPSR
 * @vcpu: the VCPU
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: pointer to the saved CPSR.
 */
u32 *vcpu_cpsr(struct kvm_vcpu *vcpu)
{
	return gp_word(&vcpu->ctxt.gp_regs.usr_regs.ARM_cpsr);
}

/* ITSTATE (A2.5.2): IT[7:2] is CPSR[15:10], IT[1:0] is CPSR[26:25]. */
static u32 cpsr_itstate(u32 cpsr)
{
	return ((cpsr >> 8) & 0xfc) | ((cpsr >> 25) & 0x3);
}

/* ConditionPassed() (A8.3) for @cond against the NZCV flags of @cpsr */
static bool condition_passed(u32 cond, u32 cpsr)
{
	bool n = cpsr & PSR_N_BIT, z = cpsr & PSR_Z_BIT;
	bool c = cpsr & PSR_C_BIT, v = cpsr & PSR_V_BIT;
	bool pass;

	switch (cond >> 1) {
	case 0:
		pass = z;			/* EQ / NE */
		break;
	case 1:
		pass = c;			/* CS / CC */
		break;
	case 2:
		pass = n;			/* MI / PL */
		break;
	case 3:
		pass = v;			/* VS / VC */
		break;
	case 4:
		pass = c && !z;			/* HI / LS */
		break;
	case 5:
		pass = n == v;			/* GE / LT */
		break;
	case 6:
		pass = n == v && !z;		/* GT / LE */
		break;
	default:
		return true;			/* AL, and 0b1111 */
	}
	return (cond & 1) ? !pass : pass;
}

/**
 * kvm_condition_valid() - would the trapped instruction have executed?
 * @vcpu: the VCPU, with the syndrome of the trap in vcpu->fault.hsr
 *
 * A conditional instruction that fails its condition check may still be
 * trapped to HYP (B3.13.6, "ISS encoding for ... traps").  The syndrome
 * carries the condition when HSR.CV is set; otherwise, in an IT block, the
 * condition is ITSTATE[7:4], and outside one the instruction is
 * unconditional.
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: true if the trapped instruction must be emulated, false if it
 * must only be skipped.
 */
bool kvm_condition_valid(struct kvm_vcpu *vcpu)
{
	u32 hsr = vcpu->fault.hsr, cpsr = *vcpu_cpsr(vcpu);
	u32 ec = HSR_EC(hsr), cond, it;

	/* Only EC 0x01-0x0e have the CV/COND fields. */
	if (ec == 0 || ec > 0x0e)
		return true;

	if (hsr & HSR_CV) {
		cond = (hsr & HSR_COND_MASK) >> HSR_COND_SHIFT;
	} else {
		it = cpsr_itstate(cpsr);
		if (!it)
			return true;
		cond = it >> 4;
	}
	return condition_passed(cond, cpsr);
}

/* ITAdvance() (A2.5.2): step ITSTATE past one instruction of an IT block */
static void itstate_advance(u32 *cpsr)
{
	u32 it = cpsr_itstate(*cpsr);

	if (!it)
		return;
	if (!(it & 0x7))
		it = 0;				/* last instruction of the block */
	else
		it = (it & 0xe0) | ((it << 1) & 0x1f);

	*cpsr &= ~PSR_IT_MASK;
	*cpsr |= ((it & 0xfc) << 8) | ((it & 0x3) << 25);
}

/**
 * kvm_skip_instr() - step the guest past the instruction that trapped
 * @vcpu: the VCPU
 * @is_wide_instr: HSR.IL: a 32-bit instruction (always so in ARM state)
 *
 * Advances PC by the instruction's size and, in Thumb state, ITSTATE as
 * the instruction's own execution would have.
 *
 * Context: vcpu->mutex held, VCPU not running.
 */
void kvm_skip_instr(struct kvm_vcpu *vcpu, bool is_wide_instr)
{
	u32 *cpsr = vcpu_cpsr(vcpu);

	if (*cpsr & PSR_T_BIT) {
		*vcpu_pc(vcpu) += is_wide_instr ? 4 : 2;
		itstate_advance(cpsr);
	} else {
		*vcpu_pc(vcpu) += 4;
	}
}

/**
 * kvm_inject_undefined() - take an Undefined Instruction exception in the guest
 * @vcpu: the VCPU, its PC at the instruction to treat as UNDEFINED
 *
 * As the processor does it (B1.8 Exception handling, B1.9.2 Undefined
 * Instruction exception, Non-secure PL1 with no Security Extensions
 * routing of its own): SPSR_und = CPSR; LR_und = the instruction's address
 * + 4 in ARM state, + 2 in Thumb state (the "UNDEF" row of the exception
 * return offsets); CPSR.M = UND, CPSR.I set, CPSR.A and CPSR.F unchanged,
 * CPSR.T = SCTLR.TE, CPSR.E = SCTLR.EE, ITSTATE and CPSR.J cleared; PC =
 * the vector base (0xffff0000 when SCTLR.V is set, VBAR otherwise) + 4.
 *
 * The caller must not also skip the instruction.
 *
 * Context: vcpu->mutex held, VCPU not running.
 */
void kvm_inject_undefined(struct kvm_vcpu *vcpu)
{
	struct kvm_regs *regs = &vcpu->ctxt.gp_regs;
	u32 sctlr = vcpu->ctxt.cp15[c1_SCTLR];
	u32 old_cpsr = *vcpu_cpsr(vcpu);
	u32 pc = *vcpu_pc(vcpu);
	u32 new_cpsr, base;

	new_cpsr = old_cpsr & ~(MODE_MASK | PSR_T_BIT | PSR_E_BIT |
				PSR_IT_MASK | PSR_J_BIT);
	new_cpsr |= UND_MODE | PSR_I_BIT;
	if (sctlr & SCTLR_TE)
		new_cpsr |= PSR_T_BIT;
	if (sctlr & SCTLR_EE)
		new_cpsr |= PSR_E_BIT;

	regs->KVM_ARM_UND_spsr = old_cpsr;
	regs->KVM_ARM_UND_lr = pc + ((old_cpsr & PSR_T_BIT) ? 2 : 4);

	/* VBAR[4:0] are reserved, RAZ (B4.1.156) */
	base = (sctlr & SCTLR_V) ? HIGH_VECTORS :
				   vcpu->ctxt.cp15[c12_VBAR] & ~0x1fU;
	*vcpu_cpsr(vcpu) = new_cpsr;
	*vcpu_pc(vcpu) = base + VECTOR_UNDEF;
}
