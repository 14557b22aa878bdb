// SPDX-License-Identifier: GPL-2.0-only
/*
 * The world switch, run in HYP on a host call (KVM_HCALL_VCPU_RUN).
 *
 * Host and guest both run in Non-secure PL1 and share its registers: the
 * switch saves the host's, loads the guest's, and mirrors every step on
 * the way out.  Assembly (hyp/entry.S) does only the general-purpose and
 * banked registers.  VFP/NEON is switched lazily: the guest's first use
 * traps (HCPTR.TCP10/11) and is served here, in HYP, without an exit to
 * the host.
 */
#include <linux/kernel.h>

#include "hyp.h"
#include "sysreg.h"
#include "../mmu/stage2.h"

asm(".arch_extension virt");

/* HCR for a guest (B4.1.65) */
#define HCR_SWIO	(1 << 1)	/* set/way invalidate -> clean+inval */
#define HCR_FMO		(1 << 3)	/* physical FIQs to HYP */
#define HCR_IMO		(1 << 4)	/* physical IRQs to HYP */
#define HCR_VF		(1 << 6)	/* virtual FIQ pending (FMO set) */
#define HCR_VI		(1 << 7)	/* virtual IRQ pending (IMO set) */
#define HCR_AMO		(1 << 5)	/* asynchronous aborts to HYP */
#define HCR_FB		(1 << 9)	/* broadcast TLB/cache maintenance */
#define HCR_BSU_IS	(1 << 10)	/* barriers: inner shareable */
#define HCR_TWI		(1 << 13)	/* WFI: an idle guest sleeps in the host */
#define HCR_TWE		(1 << 14)	/* WFE: the host yields */
#define HCR_TSC		(1 << 19)	/* SMC: undefined for guests */
#define HCR_TIDCP	(1 << 20)	/* implementation defined CP15 */
#define HCR_TAC		(1 << 21)	/* ACTLR */
#define HCR_TSW		(1 << 22)	/* set/way cache maintenance */
#define HCR_GUEST	(HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | \
			 HCR_FB | HCR_BSU_IS | HCR_TWI | HCR_TWE | HCR_TSC | \
			 HCR_TIDCP | HCR_TAC | HCR_TSW)

#define HCPTR_TCP10	(1 << 10)	/* VFP/NEON, lazily switched */
#define HCPTR_TCP11	(1 << 11)
#define HCPTR_TTA	(1 << 20)	/* trace registers */
#define HDCR_TPMCR	(1 << 5)	/* PMU: read-as-zero in the guest */
#define HDCR_TPM	(1 << 6)
#define HDCR_TDA	(1 << 9)	/* debug registers */
#define HDCR_TDOSA	(1 << 10)
#define HDCR_TDRA	(1 << 11)
#define HDCR_HPMN_MASK	0x1f
#define CNTHCTL_PL1PCTEN (1 << 0)	/* PL1 physical counter */
#define CNTHCTL_PL1PCEN	(1 << 1)	/* PL1 physical timer */

#define HSR_EC_CP10	0x07		/* HCPTR trap of a VFP/NEON access */
#define HSR_EC_DABT_LOW	0x24		/* data abort from the guest */
#define HSR_ISV_BIT	(1 << 24)	/* syndrome valid */
#define FPEXC_EN	(1 << 30)

/* ---- CP15 context ------------------------------------------------------ */

static void __hyp_text __sysreg_save(u32 *cp15)
{
	u64 v;

	cp15[c0_CSSELR]		= read_sysreg(CSSELR);
	cp15[c1_SCTLR]		= read_sysreg(SCTLR);
	cp15[c1_CPACR]		= read_sysreg(CPACR);
	v = read_sysreg(TTBR0);
	cp15[c2_TTBR0]		= lower_32_bits(v);
	cp15[c2_TTBR0_high]	= upper_32_bits(v);
	v = read_sysreg(TTBR1);
	cp15[c2_TTBR1]		= lower_32_bits(v);
	cp15[c2_TTBR1_high]	= upper_32_bits(v);
	cp15[c2_TTBCR]		= read_sysreg(TTBCR);
	cp15[c3_DACR]		= read_sysreg(DACR);
	cp15[c5_DFSR]		= read_sysreg(DFSR);
	cp15[c5_IFSR]		= read_sysreg(IFSR);
	cp15[c5_ADFSR]		= read_sysreg(ADFSR);
	cp15[c5_AIFSR]		= read_sysreg(AIFSR);
	cp15[c6_DFAR]		= read_sysreg(DFAR);
	cp15[c6_IFAR]		= read_sysreg(IFAR);
	v = read_sysreg(PAR);
	cp15[c7_PAR]		= lower_32_bits(v);
	cp15[c7_PAR_high]	= upper_32_bits(v);
	cp15[c10_PRRR]		= read_sysreg(PRRR);
	cp15[c10_NMRR]		= read_sysreg(NMRR);
	cp15[c10_AMAIR0]	= read_sysreg(AMAIR0);
	cp15[c10_AMAIR1]	= read_sysreg(AMAIR1);
	cp15[c12_VBAR]		= read_sysreg(VBAR);
	cp15[c13_CID]		= read_sysreg(CID);
	cp15[c13_TID_URW]	= read_sysreg(TID_URW);
	cp15[c13_TID_URO]	= read_sysreg(TID_URO);
	cp15[c13_TID_PRIV]	= read_sysreg(TID_PRIV);
	cp15[c14_CNTKCTL]	= read_sysreg(CNTKCTL);
}

static void __hyp_text __sysreg_restore(const u32 *cp15)
{
	write_sysreg(cp15[c0_CSSELR],	CSSELR);
	write_sysreg(cp15[c1_CPACR],	CPACR);
	write_sysreg(((u64)cp15[c2_TTBR0_high] << 32) | cp15[c2_TTBR0], TTBR0);
	write_sysreg(((u64)cp15[c2_TTBR1_high] << 32) | cp15[c2_TTBR1], TTBR1);
	write_sysreg(cp15[c2_TTBCR],	TTBCR);
	write_sysreg(cp15[c3_DACR],	DACR);
	write_sysreg(cp15[c5_DFSR],	DFSR);
	write_sysreg(cp15[c5_IFSR],	IFSR);
	write_sysreg(cp15[c5_ADFSR],	ADFSR);
	write_sysreg(cp15[c5_AIFSR],	AIFSR);
	write_sysreg(cp15[c6_DFAR],	DFAR);
	write_sysreg(cp15[c6_IFAR],	IFAR);
	write_sysreg(((u64)cp15[c7_PAR_high] << 32) | cp15[c7_PAR], PAR);
	write_sysreg(cp15[c10_PRRR],	PRRR);
	write_sysreg(cp15[c10_NMRR],	NMRR);
	write_sysreg(cp15[c10_AMAIR0],	AMAIR0);
	write_sysreg(cp15[c10_AMAIR1],	AMAIR1);
	write_sysreg(cp15[c12_VBAR],	VBAR);
	write_sysreg(cp15[c13_CID],	CID);
	write_sysreg(cp15[c13_TID_URW],	TID_URW);
	write_sysreg(cp15[c13_TID_URO],	TID_URO);
	write_sysreg(cp15[c13_TID_PRIV], TID_PRIV);
	write_sysreg(cp15[c14_CNTKCTL],	CNTKCTL);
	/* SCTLR last: it may turn the MMU on over the registers above */
	write_sysreg(cp15[c1_SCTLR],	SCTLR);
}

/* ---- traps --------------------------------------------------------------- */

static void __hyp_text __activate_traps(struct kvm_vcpu *vcpu, u32 *host_hdcr)
{
	*host_hdcr = read_sysreg(HDCR);
	/* HCR.VI/VF: the user irqchip's lines (KVM_IRQ_LINE type CPU) */
	write_sysreg(HCR_GUEST | (READ_ONCE(vcpu->irq_lines) & (HCR_VI | HCR_VF)),
		     HCR);
	write_sysreg(vcpu->hstr, HSTR);	/* T15, or 0: kvm_coproc_hstr() */
	write_sysreg(HCPTR_TTA | HCPTR_TCP10 | HCPTR_TCP11, HCPTR);
	write_sysreg((*host_hdcr & HDCR_HPMN_MASK) | HDCR_TPM | HDCR_TPMCR |
		     HDCR_TDA | HDCR_TDOSA | HDCR_TDRA, HDCR);
}

static void __hyp_text __deactivate_traps(u32 host_hdcr)
{
	/* what the kernel's stub left: no traps for the host */
	write_sysreg(0, HCR);
	write_sysreg(0, HSTR);
	write_sysreg(0, HCPTR);
	write_sysreg(host_hdcr, HDCR);
}

static void __hyp_text __activate_vm(struct kvm_vcpu *vcpu)
{
	write_sysreg(VTCR_VAL, VTCR);
	write_sysreg(vcpu->vttbr, VTTBR);
	write_sysreg(vcpu->midr, VPIDR);
	write_sysreg(vcpu->ctxt.cp15[c0_MPIDR], VMPIDR);
}

static void __hyp_text __deactivate_vm(void)
{
	write_sysreg(0, VTTBR);
	/* the host reads its own MIDR/MPIDR through these too */
	write_sysreg(read_sysreg(__ACCESS_CP15(c0, 0, c0, 0)), VPIDR);
	write_sysreg(read_sysreg(__ACCESS_CP15(c0, 0, c0, 5)), VMPIDR);
}

/*
 * The guest has no physical timer or counter (CNTHCTL.PL1PCEN/PL1PCTEN
 * clear: trapped); the host's timer is the physical one.  The virtual
 * timer is the guest's alone while it runs and is stopped when it leaves.
 */
static void __hyp_text __timer_enter(struct kvm_vcpu *vcpu, u32 *host_cnthctl)
{
	*host_cnthctl = read_sysreg(CNTHCTL);
	write_sysreg(*host_cnthctl & ~(CNTHCTL_PL1PCEN | CNTHCTL_PL1PCTEN),
		     CNTHCTL);
	/* B8.1.4: CNTVCT = CNTPCT - CNTVOFF, before the timer compares it */
	write_sysreg(vcpu->cntvoff, CNTVOFF);
	write_sysreg(vcpu->timer_cval, CNTV_CVAL);
	write_sysreg(vcpu->timer_ctl, CNTV_CTL);
}

static void __hyp_text __timer_exit(struct kvm_vcpu *vcpu, u32 host_cnthctl)
{
	vcpu->timer_ctl = read_sysreg(CNTV_CTL);
	vcpu->timer_cval = read_sysreg(CNTV_CVAL);
	write_sysreg(0, CNTV_CTL);
	/* the host's vDSO reads CNTVCT: it must equal CNTPCT again */
	write_sysreg(0, CNTVOFF);
	write_sysreg(host_cnthctl, CNTHCTL);
}

/* ---- VFP ----------------------------------------------------------------- */

static void __hyp_text __vfp_save(struct kvm_vfp_state *vfp)
{
	u64 *regs = vfp->fpregs;

	asm volatile(".fpu neon\n"
		     "vmrs	%0, fpscr\n"
		     "vstmia	%1!, {d0-d15}\n"
		     "vstmia	%1!, {d16-d31}\n"
		     : "=r" (vfp->fpscr), "+r" (regs) : : "memory");
}

static void __hyp_text __vfp_restore(const struct kvm_vfp_state *vfp)
{
	const u64 *regs = vfp->fpregs;

	asm volatile(".fpu neon\n"
		     "vldmia	%0!, {d0-d15}\n"
		     "vldmia	%0!, {d16-d31}\n"
		     "vmsr	fpscr, %1\n"
		     : "+r" (regs) : "r" (vfp->fpscr) : "memory");
}

static u32 __hyp_text __fpexc_read(void)
{
	u32 v;

	asm volatile(".fpu neon\nvmrs %0, fpexc" : "=r" (v));
	return v;
}

static void __hyp_text __fpexc_write(u32 v)
{
	asm volatile(".fpu neon\nvmsr fpexc, %0\nisb" : : "r" (v));
}

/*
 * The guest touched VFP/NEON: stop trapping, park the host's registers
 * (whatever task state the kernel left live in them) and load the guest's.
 */
static void __hyp_text __vfp_switch_to_guest(struct kvm_vcpu *vcpu,
					     struct kvm_cpu_context *host)
{
	write_sysreg(HCPTR_TTA, HCPTR);
	asm volatile("isb");
	host->vfp.fpexc = __fpexc_read();
	__fpexc_write(host->vfp.fpexc | FPEXC_EN);
	__vfp_save(&host->vfp);
	__vfp_restore(&vcpu->ctxt.vfp);
	__fpexc_write(vcpu->ctxt.vfp.fpexc);
}

static void __hyp_text __vfp_switch_to_host(struct kvm_vcpu *vcpu,
					    struct kvm_cpu_context *host)
{
	vcpu->ctxt.vfp.fpexc = __fpexc_read();
	__fpexc_write(vcpu->ctxt.vfp.fpexc | FPEXC_EN);
	__vfp_save(&vcpu->ctxt.vfp);
	__vfp_restore(&host->vfp);
	__fpexc_write(host->vfp.fpexc);
}

/*
 * A data abort without a valid syndrome: the host will decode the
 * instruction, so find where it is while the guest's translation regime
 * is still live.  ATS12NSOPR (B4.2.6) walks the guest's stage 1 and our
 * stage 2, and leaves the PA in PAR (the guest's PAR is saved already).
 */
static u64 __hyp_text __translate_guest_pc(struct kvm_vcpu *vcpu)
{
	write_sysreg(vcpu->ctxt.gp_regs.usr_regs.ARM_pc,
		     __ACCESS_CP15(c7, 0, c8, 4));	/* ATS12NSOPR */
	asm volatile("isb");
	return read_sysreg(PAR);
}

/* ---- the switch ----------------------------------------------------------- */

/**
 * __kvm_vcpu_run() - run a VCPU until it needs the host
 * @vcpu_va: struct kvm_vcpu, mapped in HYP at its kernel VA
 * @a2: unused
 * @a3: unused
 *
 * Context: HYP, on a host call with the host's IRQs disabled.
 * Return: ARM_EXCEPTION_*; the syndrome is in vcpu->fault.
 */
unsigned long __hyp_text __kvm_vcpu_run(unsigned long vcpu_va,
					unsigned long a2, unsigned long a3)
{
	struct kvm_vcpu *vcpu = (struct kvm_vcpu *)vcpu_va;
	struct kvm_hyp_cpu *hc = (struct kvm_hyp_cpu *)read_sysreg(HTPIDR);
	struct kvm_cpu_context *host = &hc->host_ctxt;
	bool vfp_loaded = false;
	u32 exit, host_hdcr, host_cnthctl;

	__sysreg_save(host->cp15);
	__activate_traps(vcpu, &host_hdcr);
	__activate_vm(vcpu);
	__timer_enter(vcpu, &host_cnthctl);
	__vgic_v2_restore_state(vcpu);
	__sysreg_restore(vcpu->ctxt.cp15);
	hc->guest_regs = (u32)&vcpu->ctxt.gp_regs;
	hc->host_regs = (u32)&host->gp_regs;
	hc->guest_hvc = (u32)&vcpu->hyp_hvc;
	hc->in_guest = 1;

	for (;;) {
		exit = __guest_enter(&vcpu->ctxt.gp_regs, &host->gp_regs);
		vcpu->fault.hsr = read_sysreg(HSR);
		if (exit != ARM_EXCEPTION_TRAP ||
		    vcpu->fault.hsr >> HSR_EC_SHIFT != HSR_EC_CP10 || vfp_loaded)
			break;
		/* first VFP/NEON use: served here, the guest goes on */
		__vfp_switch_to_guest(vcpu, host);
		vfp_loaded = true;
	}
	vcpu->fault.hdfar = read_sysreg(HDFAR);
	vcpu->fault.hifar = read_sysreg(HIFAR);
	vcpu->fault.hpfar = read_sysreg(HPFAR);

	__sysreg_save(vcpu->ctxt.cp15);
	if (exit == ARM_EXCEPTION_TRAP &&
	    vcpu->fault.hsr >> HSR_EC_SHIFT == HSR_EC_DABT_LOW &&
	    !(vcpu->fault.hsr & HSR_ISV_BIT))
		vcpu->fault.pc_par = __translate_guest_pc(vcpu);
	__vgic_v2_save_state(vcpu);
	__timer_exit(vcpu, host_cnthctl);
	__deactivate_vm();
	__deactivate_traps(host_hdcr);
	if (vfp_loaded)
		__vfp_switch_to_host(vcpu, host);
	__sysreg_restore(host->cp15);
	/* until here a HYP panic must put the host's state back itself */
	hc->in_guest = 0;

	/*
	 * The guest's exceptions overwrote ELR_hyp and SPSR_hyp: the host
	 * call must return where the host issued it (saved at HYP entry).
	 */
	asm volatile("msr ELR_hyp, %0\n"
		     "msr spsr_cxsf, %1"
		     : : "r" (hc->host_elr), "r" (hc->host_spsr));
	return exit;
}

/**
 * __kvm_flush_vmid() - drop the TLB entries of one VMID, or of all
 * @vttbr_lo: VTTBR low word of the VM, or 0 with @vttbr_hi 0 for all VMIDs
 * @vttbr_hi: VTTBR high word (VMID in bits [23:16])
 * @local: 1: this CPU only (a VM's VCPUs taking turns on it), 0: every CPU
 *
 * Context: HYP, host call.  Return: 0.
 */
unsigned long __hyp_text __kvm_flush_vmid(unsigned long vttbr_lo,
					  unsigned long vttbr_hi,
					  unsigned long local)
{
	asm volatile("dsb ishst" : : : "memory");
	if (!vttbr_lo && !vttbr_hi) {
		/* B4.2.2: all Non-secure non-HYP entries, every CPU */
		asm volatile("mcr p15, 4, %0, c8, c3, 4	@ TLBIALLNSNHIS\n"
			     "mcr p15, 0, %0, c7, c1, 0	@ ICIALLUIS"
			     : : "r" (0));
	} else {
		/* PL1 maintenance from HYP acts on VTTBR.VMID */
		write_sysreg(((u64)vttbr_hi << 32) | vttbr_lo, VTTBR);
		asm volatile("isb");
		if (local)
			asm volatile("mcr p15, 0, %0, c8, c7, 0	@ TLBIALL"
				     : : "r" (0));
		else
			asm volatile("mcr p15, 0, %0, c8, c3, 0	@ TLBIALLIS"
				     : : "r" (0));
		write_sysreg(0, VTTBR);
	}
	asm volatile("dsb ish\nisb" : : : "memory");
	return 0;
}

/**
 * __kvm_hyp_restore_host_after_panic() - a HYP panic hit a guest run
 *
 * The host's registers must be back before the host sees -EFAULT.
 * Context: HYP panic path, on a fresh stack.
 */
void __hyp_text __kvm_hyp_restore_host_after_panic(void)
{
	struct kvm_hyp_cpu *hc = (struct kvm_hyp_cpu *)read_sysreg(HTPIDR);

	if (!hc->in_guest)
		return;
	hc->in_guest = 0;
	__vgic_v2_disable();
	write_sysreg(0, CNTV_CTL);
	write_sysreg(0, CNTVOFF);
	__deactivate_vm();
	__deactivate_traps(read_sysreg(HDCR) & HDCR_HPMN_MASK);
	write_sysreg(read_sysreg(CNTHCTL) | CNTHCTL_PL1PCEN | CNTHCTL_PL1PCTEN,
		     CNTHCTL);
	__sysreg_restore(hc->host_ctxt.cp15);
}
