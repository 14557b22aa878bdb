// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's coprocessor registers: the CP15 table (trapped accesses,
 * reset, ONE_REG), CP14 debug traps, and the whole KVM_GET/SET_ONE_REG and
 * KVM_GET_REG_LIST register space (core, CP15, CCSIDR, VFP, firmware).
 *
 * One table describes every CP15 register the module knows, sorted by
 * (32/64-bit, CRn, CRm, Op1, Op2) and checked at module init.  A trapped
 * access to a register not in it, or one the row refuses, is UNDEFINED in
 * the guest, as on a processor that does not implement it, and is counted.
 *
 * References are to the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (ARM DDI 0406C) unless a TRM is named.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bsearch.h>
#include <linux/bug.h>
#include <linux/irqflags.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/barrier.h>
#include <asm/cacheflush.h>
#include <asm/cputype.h>
#include <asm/hwcap.h>
#include <asm/ptrace.h>

#include "coproc.h"
#include "../psci/psci.h"

/* A decoded MCR/MRC/MCRR/MRRC, or the operands of a ONE_REG id */
struct coproc_params {
	u8 crn;
	u8 crm;
	u8 op1;
	u8 op2;
	bool is_64;
	bool is_write;
	u64 val;	/* written value, or the value to return */
};

struct coproc_reg;

/* Return false to make the access UNDEFINED in the guest. */
typedef bool (*coproc_access_fn)(struct kvm_vcpu *vcpu,
				 struct coproc_params *p,
				 const struct coproc_reg *r);

/**
 * struct coproc_reg - one row of the CP15 table
 * @crn: CRn (0 for a 64-bit register)
 * @crm: CRm
 * @op1: Op1
 * @op2: Op2 (0 for a 64-bit register)
 * @is_64: accessed with MCRR/MRRC
 * @reg: the enum vcpu_cp15_reg slot (low word for a 64-bit register), or
 *	CP_NONE
 * @access: the guest's trapped access
 * @reset: computes the reset value into @reg; NULL: @val is the reset value
 * @val: reset value, or for CP_INVARIANT the host's value (read at init)
 * @host_read: CP_INVARIANT: reads the host's value at module init
 * @value: CP_INVARIANT: the value the guest and ONE_REG see
 * @flags: CP_*
 */
struct coproc_reg {
	u8 crn;
	u8 crm;
	u8 op1;
	u8 op2;
	bool is_64;
	int reg;
	coproc_access_fn access;
	void (*reset)(struct kvm_vcpu *vcpu, const struct coproc_reg *r);
	u32 val;
	u32 (*host_read)(void);
	u32 (*value)(const struct kvm_vcpu *vcpu, const struct coproc_reg *r);
	unsigned int flags;
};

#define CP_NONE		(-1)
#define CP_VISIBLE	BIT(0)	/* a ONE_REG id, listed by KVM_GET_REG_LIST */
#define CP_INVARIANT	BIT(1)	/* the host's value, read-only */
#define CP_ABSENT	BIT(2)	/* set at init: not on this host */

/* KVM_REG_SIZE values */
#define REG_BYTES_32	4
#define REG_BYTES_64	8

/* Reset values, with CFGTE/CFGEND low (TE and EE 0).  Cortex-A15 TRM
 * (ARM DDI 0438, table 4.3 "c1 register summary"): SCTLR 0x00c50078,
 * ACTLR and CPACR 0.  Cortex-A7 TRM (ARM DDI 0464F, the SCTLR and ACTLR
 * bit assignments): SCTLR 0x00c50878, Z (bit 11) RAO as program flow
 * prediction is always on; ACTLR 0x00006000, L1PCTL [14:13] = 0b11 (three
 * outstanding data prefetches).
 */
#define SCTLR_RESET_A15		0x00c50078
#define SCTLR_RESET_A7		0x00c50878
#define ACTLR_RESET_A7		0x00006000
#define ACTLR_SMP		BIT(6)	/* both cores: coherency enable */

/* Canonical MIDRs when the host is another part: A15 r2p1, A7 r0p5 */
#define MIDR_CORTEX_A15		0x412fc0f1
#define MIDR_CORTEX_A7		0x410fc075

/* L2CTLR (A15 and A7 TRMs, 4.3.x): [25:24] number of processors - 1 */
#define L2CTLR_NCPUS_SHIFT	24
#define L2CTLR_NCPUS_MASK	(0x3U << L2CTLR_NCPUS_SHIFT)

/* MPIDR as historical arm32 KVM laid it out: MP format (bit 31) set,
 * Aff1 = cluster of four, Aff0 = CPU in the cluster.
 */
#define MPIDR_MP		BIT(31)
#define MPIDR_AFF1_SHIFT	8

/* The CPSR a VCPU resets with: SVC mode, A, I and F masked */
#define CPSR_RESET	(SVC_MODE | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT)

/*
 * HSTR.T15 (B4.1.74): trap the guest's CP15 c15 accesses, the
 * IMPLEMENTATION DEFINED space (cache and power controls on some parts),
 * so a guest reaches none of it; they are UNDEFINED for it, as on a
 * processor without them.  Clearing it exists for QEMU 7.2's TCG (Debian
 * 12): with any HSTR bit set, a CP15 access inside a Thumb IT block leaves
 * a stale ITSTATE behind once the block ends, and a Thumb-2 guest kernel
 * dies of UNDEF on its next branch.  Read when a VM is created.
 */
#define HSTR_T15	BIT(15)
static bool trap_impdef_cp15 = true;
module_param(trap_impdef_cp15, bool, 0644);
MODULE_PARM_DESC(trap_impdef_cp15,
		 "Trap guest CP15 c15 (IMPLEMENTATION DEFINED) accesses (HSTR.T15); clear only under QEMU 7.2 TCG to run Thumb-2 guests (default: Y)");

/* HSTR for the VCPUs of a VM created now */
u32 kvm_coproc_hstr(void)
{
	return READ_ONCE(trap_impdef_cp15) ? HSTR_T15 : 0;
}

/* Host values read at module init */
static u32 host_midr __ro_after_init;
static u32 host_actlr __ro_after_init;
static u32 host_l2ctlr __ro_after_init;
static u32 host_l2ectlr __ro_after_init;
static u32 host_fpsid __ro_after_init;
static u32 host_mvfr0 __ro_after_init;
static u32 host_mvfr1 __ro_after_init;
static unsigned int nr_dregs __ro_after_init = 32;

/* CCSIDR per CSSELR value (Level[3:1], InD[0]); valid ones per CLIDR */
#define NR_CSSELR	16
static u32 host_ccsidr[NR_CSSELR] __ro_after_init;
static u16 valid_csselr __ro_after_init;

/* Readers of one host register each, for the invariant rows */
#define HOST_CP15_READ(name, op1, crn, crm, op2)			\
static u32 host_read_##name(void)					\
{									\
	u32 v;								\
									\
	asm volatile("mrc p15, " #op1 ", %0, " #crn ", " #crm ", " #op2	\
		     : "=r" (v));					\
	return v;							\
}

HOST_CP15_READ(ctr,	0, c0, c0, 1)
HOST_CP15_READ(tcmtr,	0, c0, c0, 2)
HOST_CP15_READ(tlbtr,	0, c0, c0, 3)
HOST_CP15_READ(revidr,	0, c0, c0, 6)
HOST_CP15_READ(clidr,	1, c0, c0, 1)
HOST_CP15_READ(aidr,	1, c0, c0, 7)
HOST_CP15_READ(id_pfr0,	0, c0, c1, 0)
HOST_CP15_READ(id_pfr1,	0, c0, c1, 1)
HOST_CP15_READ(id_dfr0,	0, c0, c1, 2)
HOST_CP15_READ(id_afr0,	0, c0, c1, 3)
HOST_CP15_READ(id_mmfr0, 0, c0, c1, 4)
HOST_CP15_READ(id_mmfr1, 0, c0, c1, 5)
HOST_CP15_READ(id_mmfr2, 0, c0, c1, 6)
HOST_CP15_READ(id_mmfr3, 0, c0, c1, 7)
HOST_CP15_READ(id_isar0, 0, c0, c2, 0)
HOST_CP15_READ(id_isar1, 0, c0, c2, 1)
HOST_CP15_READ(id_isar2, 0, c0, c2, 2)
HOST_CP15_READ(id_isar3, 0, c0, c2, 3)
HOST_CP15_READ(id_isar4, 0, c0, c2, 4)
HOST_CP15_READ(id_isar5, 0, c0, c2, 5)
HOST_CP15_READ(actlr,	0, c1, c0, 1)
HOST_CP15_READ(l2ctlr,	1, c9, c0, 2)
HOST_CP15_READ(l2ectlr,	1, c9, c0, 3)

/* VMRS of FPSID (cr0), MVFR1 (cr6), MVFR0 (cr7), as the kernel's VFP code */
#define HOST_VFP_READ(name, cr)						\
static u32 host_read_##name(void)					\
{									\
	u32 v;								\
									\
	asm volatile(".fpu vfpv2\n\tmrc p10, 7, %0, " #cr ", cr0, 0"	\
		     : "=r" (v) : : "cc");				\
	return v;							\
}

HOST_VFP_READ(fpsid, cr0)
HOST_VFP_READ(mvfr1, cr6)
HOST_VFP_READ(mvfr0, cr7)

/* ---- trapped accesses -------------------------------------------------- */

/* A register the guest owns, saved in vcpu->ctxt.cp15 */
static bool access_vm_reg(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	u32 *cp15 = vcpu->ctxt.cp15;

	if (p->is_write) {
		cp15[r->reg] = lower_32_bits(p->val);
		if (p->is_64)
			cp15[r->reg + 1] = upper_32_bits(p->val);
	} else {
		p->val = cp15[r->reg];
		if (p->is_64)
			p->val |= (u64)cp15[r->reg + 1] << 32;
	}
	return true;
}

/* Read-only in the architecture (MPIDR, B4.1.106): MCR is UNDEFINED */
static bool access_ro_reg(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	if (p->is_write)
		return false;
	return access_vm_reg(vcpu, p, r);
}

/* CSSELR (B4.1.41): [3:1] Level, [0] InD; [31:4] UNK/SBZP */
static bool access_csselr(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	if (p->is_write)
		p->val &= 0xf;
	return access_vm_reg(vcpu, p, r);
}

/* ACTLR, trapped by HCR.TAC (B4.1.65): the reset value, writes ignored */
static bool access_actlr(struct kvm_vcpu *vcpu, struct coproc_params *p,
			 const struct coproc_reg *r)
{
	if (!p->is_write)
		p->val = vcpu->ctxt.cp15[c1_ACTLR];
	return true;
}

/* CCSIDR (HCR.TID2): the host's, for the level the guest's CSSELR selects */
static bool access_ccsidr(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	u32 csselr = vcpu->ctxt.cp15[c0_CSSELR] & 0xf;

	if (p->is_write)
		return false;
	/* An unimplemented level reads UNKNOWN (B4.1.19): 0 here */
	p->val = (valid_csselr & BIT(csselr)) ? host_ccsidr[csselr] : 0;
	return true;
}

static u32 host_value(const struct kvm_vcpu *vcpu, const struct coproc_reg *r)
{
	return r->val;
}

static u32 vcpu_midr(const struct kvm_vcpu *vcpu, const struct coproc_reg *r)
{
	return vcpu->midr;
}

/* Identification registers (HCR.TID1/TID2/TID3): read-only */
static bool access_invariant(struct kvm_vcpu *vcpu, struct coproc_params *p,
			     const struct coproc_reg *r)
{
	if (p->is_write)
		return false;
	p->val = r->value(vcpu, r);
	return true;
}

/*
 * DCISW, DCCSW, DCCISW, trapped by HCR.TSW (B4.1.65): an operation by set
 * and way only means something on the physical CPU that holds the lines,
 * and a VCPU moves between CPUs.  A whole clean and invalidate to the point
 * of coherency on this CPU stands in for a sweep: it is done for the one
 * operation of each level whose set and way fields are both zero (operand
 * bits [31:4] clear, B4.2.1), which every sweep visits exactly once, so a
 * guest's loop over a level costs one flush rather than one per line.
 * DCISW becomes a clean and invalidate too, as HCR.SWIO asks of hardware:
 * invalidating without cleaning could discard data that is not the guest's.
 * Reads of these encodings are UNPREDICTABLE: UNDEFINED here.
 */
static bool access_dcsw(struct kvm_vcpu *vcpu, struct coproc_params *p,
			const struct coproc_reg *r)
{
	if (!p->is_write)
		return false;
	if (!(lower_32_bits(p->val) & ~0xfU)) {
		preempt_disable();
		flush_cache_all();
		preempt_enable();
	}
	return true;
}

/*
 * L2CTLR (Cortex-A15/A7 TRM, trapped by HCR.TIDCP): the host's value with
 * the processor count of the VCPU's cluster of four (MPIDR.Aff1); writes
 * ignored (the register is read-only in Non-secure state).
 */
static bool access_l2ctlr(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	unsigned int first = vcpu->vcpu_id & ~3U;
	unsigned int n = max(vcpu->kvm->nr_vcpus, vcpu->vcpu_id + 1);

	if (p->is_write)
		return true;
	n = min(n - first, 4U);
	p->val = (host_l2ctlr & ~L2CTLR_NCPUS_MASK) |
		 ((n - 1) << L2CTLR_NCPUS_SHIFT);
	return true;
}

/* L2ECTLR (Cortex-A15/A7 TRM): the host's value, writes ignored */
static bool access_l2ectlr(struct kvm_vcpu *vcpu, struct coproc_params *p,
			   const struct coproc_reg *r)
{
	if (!p->is_write)
		p->val = host_l2ectlr;
	return true;
}

/* PMU (c9, CRm 12-14, trapped by HDCR.TPM/TPMCR): no counters, RAZ/WI */
static bool access_raz_wi(struct kvm_vcpu *vcpu, struct coproc_params *p,
			  const struct coproc_reg *r)
{
	if (!p->is_write)
		p->val = 0;
	return true;
}

/* ---- reset ------------------------------------------------------------- */

static void reset_mpidr(struct kvm_vcpu *vcpu, const struct coproc_reg *r)
{
	vcpu->ctxt.cp15[c0_MPIDR] = MPIDR_MP |
		((vcpu->vcpu_id >> 2) << MPIDR_AFF1_SHIFT) |
		(vcpu->vcpu_id & 3);
}

static u32 target_part(int target)
{
	switch (target) {
	case KVM_ARM_TARGET_CORTEX_A15:
		return ARM_CPU_PART_CORTEX_A15;
	case KVM_ARM_TARGET_CORTEX_A7:
		return ARM_CPU_PART_CORTEX_A7;
	default:
		return 0;
	}
}

static void reset_sctlr(struct kvm_vcpu *vcpu, const struct coproc_reg *r)
{
	vcpu->ctxt.cp15[c1_SCTLR] = vcpu->target == KVM_ARM_TARGET_CORTEX_A7 ?
				    SCTLR_RESET_A7 : SCTLR_RESET_A15;
}

/*
 * ACTLR: the host's when the host is the target's part, else the target's
 * TRM reset value; SMP (bit 6, both cores) set in either case: the VCPU is
 * in a coherent SMP system.  Guests only read it (writes are ignored).
 */
static void reset_actlr(struct kvm_vcpu *vcpu, const struct coproc_reg *r)
{
	u32 actlr = vcpu->target == KVM_ARM_TARGET_CORTEX_A7 ?
		    ACTLR_RESET_A7 : 0;

	if ((host_midr & ARM_CPU_PART_MASK) == target_part(vcpu->target))
		actlr = host_actlr;
	vcpu->ctxt.cp15[c1_ACTLR] = actlr | ACTLR_SMP;
}

/* ---- the table --------------------------------------------------------- */

#define CP32(n, m, o1, o2)	.crn = n, .crm = m, .op1 = o1, .op2 = o2
#define CP64(m, o1)		.crm = m, .op1 = o1, .is_64 = true

/* A guest-owned register, reset to a constant */
#define VM_REG(r, v)		.reg = r, .access = access_vm_reg, .val = v, \
				.flags = CP_VISIBLE
/* A guest-owned register with its own access or reset */
#define VM_REG_FN(r, acc, rst)	.reg = r, .access = acc, .reset = rst, \
				.flags = CP_VISIBLE
/* An identification register: the host's value */
#define INVARIANT(name)		.reg = CP_NONE, .access = access_invariant, \
				.host_read = host_read_##name, \
				.value = host_value, \
				.flags = CP_VISIBLE | CP_INVARIANT
/* Trap-only: not state of the VCPU, not a ONE_REG id */
#define TRAP(acc)		.reg = CP_NONE, .access = acc
#define PMU(m, o2)		{ CP32(9, m, 0, o2), TRAP(access_raz_wi) }

static struct coproc_reg cp15_regs[] __ro_after_init = {
	/* MIDR: guests read VPIDR; ONE_REG sees the VCPU's */
	{ CP32(0, 0, 0, 0), .reg = CP_NONE, .access = access_invariant,
	  .value = vcpu_midr, .flags = CP_VISIBLE | CP_INVARIANT },
	{ CP32(0, 0, 0, 1), INVARIANT(ctr) },
	{ CP32(0, 0, 0, 2), INVARIANT(tcmtr) },
	{ CP32(0, 0, 0, 3), INVARIANT(tlbtr) },
	/* MPIDR: guests read VMPIDR, loaded from this slot */
	{ CP32(0, 0, 0, 5), VM_REG_FN(c0_MPIDR, access_ro_reg, reset_mpidr) },
	{ CP32(0, 0, 0, 6), INVARIANT(revidr) },
	{ CP32(0, 0, 1, 0), TRAP(access_ccsidr) },	/* ONE_REG: demux */
	{ CP32(0, 0, 1, 1), INVARIANT(clidr) },
	{ CP32(0, 0, 1, 7), INVARIANT(aidr) },
	{ CP32(0, 0, 2, 0), VM_REG_FN(c0_CSSELR, access_csselr, NULL) },
	{ CP32(0, 1, 0, 0), INVARIANT(id_pfr0) },
	{ CP32(0, 1, 0, 1), INVARIANT(id_pfr1) },
	{ CP32(0, 1, 0, 2), INVARIANT(id_dfr0) },
	{ CP32(0, 1, 0, 3), INVARIANT(id_afr0) },
	{ CP32(0, 1, 0, 4), INVARIANT(id_mmfr0) },
	{ CP32(0, 1, 0, 5), INVARIANT(id_mmfr1) },
	{ CP32(0, 1, 0, 6), INVARIANT(id_mmfr2) },
	{ CP32(0, 1, 0, 7), INVARIANT(id_mmfr3) },
	{ CP32(0, 2, 0, 0), INVARIANT(id_isar0) },
	{ CP32(0, 2, 0, 1), INVARIANT(id_isar1) },
	{ CP32(0, 2, 0, 2), INVARIANT(id_isar2) },
	{ CP32(0, 2, 0, 3), INVARIANT(id_isar3) },
	{ CP32(0, 2, 0, 4), INVARIANT(id_isar4) },
	{ CP32(0, 2, 0, 5), INVARIANT(id_isar5) },

	{ CP32(1, 0, 0, 0), VM_REG_FN(c1_SCTLR, access_vm_reg, reset_sctlr) },
	{ CP32(1, 0, 0, 1), VM_REG_FN(c1_ACTLR, access_actlr, reset_actlr) },
	{ CP32(1, 0, 0, 2), VM_REG(c1_CPACR, 0) },

	/* 32-bit views of TTBR0/1: the low word, the high word kept */
	{ CP32(2, 0, 0, 0), VM_REG(c2_TTBR0, 0) },
	{ CP32(2, 0, 0, 1), VM_REG(c2_TTBR1, 0) },
	{ CP32(2, 0, 0, 2), VM_REG(c2_TTBCR, 0) },
	{ CP32(3, 0, 0, 0), VM_REG(c3_DACR, 0) },
	{ CP32(5, 0, 0, 0), VM_REG(c5_DFSR, 0) },
	{ CP32(5, 0, 0, 1), VM_REG(c5_IFSR, 0) },
	{ CP32(5, 1, 0, 0), VM_REG(c5_ADFSR, 0) },
	{ CP32(5, 1, 0, 1), VM_REG(c5_AIFSR, 0) },
	{ CP32(6, 0, 0, 0), VM_REG(c6_DFAR, 0) },
	{ CP32(6, 0, 0, 2), VM_REG(c6_IFAR, 0) },
	{ CP32(7, 4, 0, 0), VM_REG(c7_PAR, 0) },
	{ CP32(7, 6, 0, 2), TRAP(access_dcsw) },	/* DCISW */
	{ CP32(7, 10, 0, 2), TRAP(access_dcsw) },	/* DCCSW */
	{ CP32(7, 14, 0, 2), TRAP(access_dcsw) },	/* DCCISW */

	{ CP32(9, 0, 1, 2), TRAP(access_l2ctlr) },
	{ CP32(9, 0, 1, 3), TRAP(access_l2ectlr) },
	PMU(12, 0), PMU(12, 1), PMU(12, 2), PMU(12, 3),	/* PMCR..PMOVSR */
	PMU(12, 4), PMU(12, 5), PMU(12, 6), PMU(12, 7),	/* PMSWINC..PMCEID1 */
	PMU(13, 0), PMU(13, 1), PMU(13, 2),		/* PMCCNTR..PMXEVCNTR */
	PMU(14, 0), PMU(14, 1), PMU(14, 2), PMU(14, 3),	/* PMUSERENR..PMOVSSET */

	{ CP32(10, 2, 0, 0), VM_REG(c10_PRRR, 0) },
	{ CP32(10, 2, 0, 1), VM_REG(c10_NMRR, 0) },
	{ CP32(10, 3, 0, 0), VM_REG(c10_AMAIR0, 0) },
	{ CP32(10, 3, 0, 1), VM_REG(c10_AMAIR1, 0) },
	{ CP32(12, 0, 0, 0), VM_REG(c12_VBAR, 0) },
	{ CP32(13, 0, 0, 1), VM_REG(c13_CID, 0) },
	{ CP32(13, 0, 0, 2), VM_REG(c13_TID_URW, 0) },
	{ CP32(13, 0, 0, 3), VM_REG(c13_TID_URO, 0) },
	{ CP32(13, 0, 0, 4), VM_REG(c13_TID_PRIV, 0) },
	{ CP32(14, 1, 0, 0), VM_REG(c14_CNTKCTL, 0) },

	/* 64-bit, MCRR/MRRC, by (CRm, Op1) */
	{ CP64(2, 0), VM_REG(c2_TTBR0, 0) },
	{ CP64(2, 1), VM_REG(c2_TTBR1, 0) },
	{ CP64(7, 0), VM_REG(c7_PAR, 0) },
};

/* Sort key: 32-bit rows first, then (CRn, CRm, Op1, Op2) */
static u32 cp_key(bool is_64, u8 crn, u8 crm, u8 op1, u8 op2)
{
	return (u32)is_64 << 16 | (crn & 0xf) << 12 | (crm & 0xf) << 8 |
	       (op1 & 0xf) << 4 | (op2 & 0x7);
}

static u32 row_key(const struct coproc_reg *r)
{
	return cp_key(r->is_64, r->crn, r->crm, r->op1, r->op2);
}

static int cmp_key_row(const void *key, const void *elt)
{
	u32 k = *(const u32 *)key, rk = row_key(elt);

	return k < rk ? -1 : k > rk;
}

static const struct coproc_reg *find_reg(const struct coproc_params *p)
{
	u32 key = cp_key(p->is_64, p->crn, p->crm, p->op1, p->op2);
	const struct coproc_reg *r;

	r = bsearch(&key, cp15_regs, ARRAY_SIZE(cp15_regs),
		    sizeof(cp15_regs[0]), cmp_key_row);
	if (r && (r->flags & CP_ABSENT))
		return NULL;
	return r;
}

static bool row_visible(const struct coproc_reg *r)
{
	return (r->flags & (CP_VISIBLE | CP_ABSENT)) == CP_VISIBLE;
}

static u64 row_id(const struct coproc_reg *r)
{
	if (r->is_64)
		return ARM_CP15_REG64((u64)r->op1, (u64)r->crm);
	return ARM_CP15_REG32((u64)r->op1, (u64)r->crn, (u64)r->crm,
			      (u64)r->op2);
}

/* ---- trap handlers ----------------------------------------------------- */

static int cp_unhandled(struct kvm_vcpu *vcpu, unsigned int cp,
			const struct coproc_params *p)
{
	pr_debug_ratelimited("VCPU%u: %s p%u, %u, c%u, c%u, %u (%s) at %#x: UNDEFINED\n",
			     vcpu->vcpu_id, p->is_write ? "write" : "read",
			     cp, p->op1, p->crn, p->crm, p->op2,
			     p->is_64 ? "64-bit" : "32-bit", *vcpu_pc(vcpu));
	return kvm_inject_unhandled(vcpu);
}

/* MRC with Rt = 15 is the APSR_nzcv form (A8.8.108): value[31:28] to NZCV */
static void set_rt(struct kvm_vcpu *vcpu, u32 rt, u32 val)
{
	u32 *cpsr = vcpu_cpsr(vcpu);
	u32 nzcv = PSR_N_BIT | PSR_Z_BIT | PSR_C_BIT | PSR_V_BIT;

	if (rt == 15)
		*cpsr = (*cpsr & ~nzcv) | (val & nzcv);
	else
		*vcpu_reg(vcpu, rt) = val;
}

static int emulate_cp15(struct kvm_vcpu *vcpu, struct coproc_params *p,
			u32 rt, u32 rt2)
{
	const struct coproc_reg *r;

	if (!kvm_condition_valid(vcpu))
		goto skip;

	if (p->is_write) {
		p->val = *vcpu_reg(vcpu, rt);
		if (p->is_64)
			p->val |= (u64)*vcpu_reg(vcpu, rt2) << 32;
	}

	r = find_reg(p);
	if (!r || !r->access(vcpu, p, r))
		return cp_unhandled(vcpu, 15, p);

	if (!p->is_write) {
		if (p->is_64) {
			/* Rt or Rt2 = 15 is UNPREDICTABLE: PC left alone */
			if (rt != 15)
				*vcpu_reg(vcpu, rt) = lower_32_bits(p->val);
			if (rt2 != 15)
				*vcpu_reg(vcpu, rt2) = upper_32_bits(p->val);
		} else {
			set_rt(vcpu, rt, lower_32_bits(p->val));
		}
	}
skip:
	kvm_skip_instr(vcpu, vcpu->fault.hsr & HSR_IL);
	return 1;
}

/**
 * kvm_handle_cp15_32() - a trapped MCR or MRC to CP15 (HSR.EC 0x03)
 * @vcpu: the VCPU, vcpu->fault.hsr holding the syndrome
 *
 * ISS (B3.13.6): Op2 [19:17], Op1 [16:14], CRn [13:10], Rt [8:5],
 * CRm [4:1], Direction [0] (1: read, MRC).
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 1, resume the guest (the access emulated and the instruction
 * skipped, or an Undefined Instruction exception taken).
 */
int kvm_handle_cp15_32(struct kvm_vcpu *vcpu)
{
	u32 hsr = vcpu->fault.hsr;
	struct coproc_params p = {
		.op2 = (hsr >> 17) & 0x7,
		.op1 = (hsr >> 14) & 0x7,
		.crn = (hsr >> 10) & 0xf,
		.crm = (hsr >> 1) & 0xf,
		.is_write = !(hsr & 1),
	};

	return emulate_cp15(vcpu, &p, (hsr >> 5) & 0xf, 0);
}

/**
 * kvm_handle_cp15_64() - a trapped MCRR or MRRC to CP15 (HSR.EC 0x04)
 * @vcpu: the VCPU, vcpu->fault.hsr holding the syndrome
 *
 * ISS (B3.13.6): Op1 [19:16], Rt2 [13:10], Rt [8:5], CRm [4:1],
 * Direction [0] (1: read, MRRC).  Rt carries bits [31:0], Rt2 [63:32].
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 1, resume the guest.
 */
int kvm_handle_cp15_64(struct kvm_vcpu *vcpu)
{
	u32 hsr = vcpu->fault.hsr;
	struct coproc_params p = {
		.op1 = (hsr >> 16) & 0xf,
		.crm = (hsr >> 1) & 0xf,
		.is_64 = true,
		.is_write = !(hsr & 1),
	};

	return emulate_cp15(vcpu, &p, (hsr >> 5) & 0xf, (hsr >> 10) & 0xf);
}

/**
 * kvm_handle_cp14_access() - a trapped CP14 access (HSR.EC 0x05, 0x06, 0x0c)
 * @vcpu: the VCPU, vcpu->fault.hsr holding the syndrome
 *
 * The guest has no debug hardware: the debug registers (CP14 Op1 0,
 * trapped by HDCR.TDA/TDRA/TDOSA) read as zero and ignore writes, so
 * DBGDIDR reads 0 and a guest finds no debug architecture.  Other CP14
 * registers (trace, ThumbEE, Jazelle) and LDC/STC to CP14 (EC 0x06) are
 * UNDEFINED.
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 1, resume the guest.
 */
int kvm_handle_cp14_access(struct kvm_vcpu *vcpu)
{
	u32 hsr = vcpu->fault.hsr;
	struct coproc_params p = { .is_write = !(hsr & 1) };
	u32 rt = (hsr >> 5) & 0xf, rt2 = (hsr >> 10) & 0xf;

	if (!kvm_condition_valid(vcpu))
		goto skip;

	switch (HSR_EC(hsr)) {
	case HSR_EC_CP14_MR:
		p.op2 = (hsr >> 17) & 0x7;
		p.op1 = (hsr >> 14) & 0x7;
		p.crn = (hsr >> 10) & 0xf;
		p.crm = (hsr >> 1) & 0xf;
		if (p.op1 != 0)
			return cp_unhandled(vcpu, 14, &p);
		if (!p.is_write)
			set_rt(vcpu, rt, 0);
		break;
	case HSR_EC_CP14_64:	/* DBGDRAR, DBGDSAR */
		p.op1 = (hsr >> 16) & 0xf;
		p.crm = (hsr >> 1) & 0xf;
		p.is_64 = true;
		if (p.op1 != 0)
			return cp_unhandled(vcpu, 14, &p);
		if (!p.is_write) {
			if (rt != 15)
				*vcpu_reg(vcpu, rt) = 0;
			if (rt2 != 15)
				*vcpu_reg(vcpu, rt2) = 0;
		}
		break;
	default:		/* HSR_EC_CP14_LS */
		return cp_unhandled(vcpu, 14, &p);
	}
skip:
	kvm_skip_instr(vcpu, hsr & HSR_IL);
	return 1;
}

/* ---- identity and reset ------------------------------------------------ */

/**
 * kvm_target_midr() - the MIDR a VCPU of a target sees (VPIDR)
 * @target: KVM_ARM_TARGET_*
 *
 * The host's MIDR when the host is the target's part (variant and revision
 * matter to errata workarounds in the guest), else a canonical value for
 * the part: Cortex-A15 r2p1, Cortex-A7 r0p5.
 *
 * Return: the MIDR, 0 for an unknown target.
 */
u32 kvm_target_midr(int target)
{
	u32 part = target_part(target);

	if (!part)
		return 0;
	if ((host_midr & ARM_CPU_PART_MASK) == part)
		return host_midr;
	return part == ARM_CPU_PART_CORTEX_A15 ? MIDR_CORTEX_A15 :
						 MIDR_CORTEX_A7;
}

/**
 * kvm_reset_vcpu() - put a VCPU in the state its target resets to
 * @vcpu: the VCPU, vcpu->target set
 *
 * Core registers zero but the CPSR: SVC mode, A, I and F masked (0x1d3).
 * CP15 registers: the table's reset values (SCTLR the target's, MPIDR
 * from the VCPU index, ACTLR see reset_actlr(); 0 for the registers whose
 * reset value is UNKNOWN).  VFP: zero, FPEXC.EN clear as on a processor
 * reset (the guest enables VFP itself); the virtual timer disabled, its
 * output low (kvm_timer_vcpu_reset()).  vcpu->midr and vcpu->features are
 * left to the caller, the PSCI version with them.
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 0, or -EINVAL for a VCPU without a valid target.
 */
int kvm_reset_vcpu(struct kvm_vcpu *vcpu)
{
	struct kvm_cpu_context *ctxt = &vcpu->ctxt;
	unsigned int i;

	if (!target_part(vcpu->target))
		return -EINVAL;

	memset(&ctxt->gp_regs, 0, sizeof(ctxt->gp_regs));
	*vcpu_cpsr(vcpu) = CPSR_RESET;

	memset(ctxt->cp15, 0, sizeof(ctxt->cp15));
	for (i = 0; i < ARRAY_SIZE(cp15_regs); i++) {
		const struct coproc_reg *r = &cp15_regs[i];

		if (r->reg == CP_NONE)
			continue;
		if (r->reset)
			r->reset(vcpu, r);
		else if (!r->is_64)	/* 64-bit rows share 32-bit slots */
			ctxt->cp15[r->reg] = r->val;
	}

	memset(&ctxt->vfp, 0, sizeof(ctxt->vfp));
	kvm_timer_vcpu_reset(vcpu);
	return 0;
}

/* ---- PSCI version ------------------------------------------------------ */

/**
 * kvm_psci_vcpu_version() - the PSCI version a VCPU's firmware implements
 * @vcpu: the VCPU
 *
 * Return: KVM_ARM_PSCI_0_1 without KVM_ARM_VCPU_PSCI_0_2, else
 * KVM_ARM_PSCI_0_2, or KVM_ARM_PSCI_1_0 once userspace chose it through
 * KVM_REG_ARM_PSCI_VERSION.
 */
u32 kvm_psci_vcpu_version(const struct kvm_vcpu *vcpu)
{
	if (!(vcpu->features & BIT(KVM_ARM_VCPU_PSCI_0_2)))
		return KVM_ARM_PSCI_0_1;
	if (vcpu->features & BIT(KVM_ARM_VCPU_PSCI_1_0_INTERNAL))
		return KVM_ARM_PSCI_1_0;
	return KVM_ARM_PSCI_0_2;
}

static int set_psci_version(struct kvm_vcpu *vcpu, u64 val)
{
	if (!(vcpu->features & BIT(KVM_ARM_VCPU_PSCI_0_2)))
		return val == KVM_ARM_PSCI_0_1 ? 0 : -EINVAL;

	switch (val) {
	case KVM_ARM_PSCI_0_2:
		vcpu->features &= ~BIT(KVM_ARM_VCPU_PSCI_1_0_INTERNAL);
		return 0;
	case KVM_ARM_PSCI_1_0:
		vcpu->features |= BIT(KVM_ARM_VCPU_PSCI_1_0_INTERNAL);
		return 0;
	default:
		return -EINVAL;
	}
}

/* ---- ONE_REG ----------------------------------------------------------- */

#define NR_CORE_REGS	(sizeof(struct kvm_regs) / sizeof(u32))
#define NR_VFP_CTRL	ARRAY_SIZE(vfp_ctrl_ids)
#define NR_TIMER_REGS	ARRAY_SIZE(timer_reg_ids)

/* The virtual timer's registers (arch_timer/arch_timer.c) */
static const u64 timer_reg_ids[] = {
	KVM_REG_ARM_TIMER_CTL, KVM_REG_ARM_TIMER_CNT, KVM_REG_ARM_TIMER_CVAL,
};

static const u16 vfp_ctrl_ids[] = {
	KVM_REG_ARM_VFP_FPSID, KVM_REG_ARM_VFP_FPSCR, KVM_REG_ARM_VFP_MVFR1,
	KVM_REG_ARM_VFP_MVFR0, KVM_REG_ARM_VFP_FPEXC, KVM_REG_ARM_VFP_FPINST,
	KVM_REG_ARM_VFP_FPINST2,
};

static bool valid_cpsr_mode(u32 cpsr)
{
	switch (cpsr & MODE_MASK) {
	case USR_MODE:
	case FIQ_MODE:
	case IRQ_MODE:
	case SVC_MODE:
	case ABT_MODE:
	case UND_MODE:
	case SYSTEM_MODE:
		return true;
	default:
		return false;
	}
}

/*
 * Each group's accessor gets (@set false) or sets (@set true) *@val for the
 * id, and answers -ENOENT for an id it does not know: a get is also how a
 * set checks the id before reading userspace memory.
 */
static int core_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val, bool set)
{
	u32 *regs = (u32 *)&vcpu->ctxt.gp_regs;
	u64 off = id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK |
			 KVM_REG_ARM_COPROC_MASK);

	if (KVM_REG_SIZE(id) != REG_BYTES_32 || off >= NR_CORE_REGS)
		return -ENOENT;
	if (!set) {
		*val = regs[off];
		return 0;
	}
	if (off == KVM_REG_ARM_CORE_REG(usr_regs.ARM_cpsr) &&
	    !valid_cpsr_mode(*val))
		return -EINVAL;
	regs[off] = *val;
	return 0;
}

static int cp15_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val, bool set)
{
	struct coproc_params p = {
		.op1 = (id & KVM_REG_ARM_OPC1_MASK) >> KVM_REG_ARM_OPC1_SHIFT,
		.crm = (id & KVM_REG_ARM_CRM_MASK) >> KVM_REG_ARM_CRM_SHIFT,
		.crn = (id & KVM_REG_ARM_32_CRN_MASK) >>
		       KVM_REG_ARM_32_CRN_SHIFT,
		.op2 = (id & KVM_REG_ARM_32_OPC2_MASK) >>
		       KVM_REG_ARM_32_OPC2_SHIFT,
		.is_64 = KVM_REG_SIZE(id) == REG_BYTES_64,
	};
	const struct coproc_reg *r = find_reg(&p);
	u32 *cp15 = vcpu->ctxt.cp15;

	/* The round trip refuses stray bits and wrong sizes alike. */
	if (!r || !row_visible(r) || row_id(r) != id)
		return -ENOENT;

	if (r->flags & CP_INVARIANT) {
		if (!set)
			*val = r->value(vcpu, r);
		else if (*val != r->value(vcpu, r))
			return -EINVAL;
		return 0;
	}

	if (!set) {
		*val = cp15[r->reg];
		if (r->is_64)
			*val |= (u64)cp15[r->reg + 1] << 32;
	} else {
		cp15[r->reg] = lower_32_bits(*val);
		if (r->is_64)
			cp15[r->reg + 1] = upper_32_bits(*val);
	}
	return 0;
}

static u64 ccsidr_id(unsigned int csselr)
{
	return KVM_REG_ARM | KVM_REG_SIZE_U32 | KVM_REG_ARM_DEMUX |
	       KVM_REG_ARM_DEMUX_ID_CCSIDR | csselr;
}

static int demux_reg(u64 id, u64 *val, bool set)
{
	unsigned int csselr = id & KVM_REG_ARM_DEMUX_VAL_MASK;

	if (csselr >= NR_CSSELR || !(valid_csselr & BIT(csselr)) ||
	    id != ccsidr_id(csselr))
		return -ENOENT;
	if (!set)
		*val = host_ccsidr[csselr];
	else if (*val != host_ccsidr[csselr])
		return -EINVAL;
	return 0;
}

static u64 vfp_id(unsigned int n)
{
	u64 size = n < nr_dregs ? KVM_REG_SIZE_U64 : KVM_REG_SIZE_U32;

	return KVM_REG_ARM | size | KVM_REG_ARM_VFP | n;
}

static int vfp_invariant(u32 host, u64 *val, bool set)
{
	if (!set)
		*val = host;
	else if (*val != host)
		return -EINVAL;
	return 0;
}

static int vfp_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val, bool set)
{
	struct kvm_vfp_state *vfp = &vcpu->ctxt.vfp;
	unsigned int n = id & KVM_REG_ARM_VFP_MASK;
	u32 *ctrl;

	if (n >= nr_dregs && n < KVM_REG_ARM_VFP_FPSID)
		return -ENOENT;		/* d16-d31 on a D16 host */
	if (id != vfp_id(n))
		return -ENOENT;

	if (n < nr_dregs) {
		if (set)
			vfp->fpregs[n] = *val;
		else
			*val = vfp->fpregs[n];
		return 0;
	}

	switch (n) {
	case KVM_REG_ARM_VFP_FPSID:
		return vfp_invariant(host_fpsid, val, set);
	case KVM_REG_ARM_VFP_MVFR0:
		return vfp_invariant(host_mvfr0, val, set);
	case KVM_REG_ARM_VFP_MVFR1:
		return vfp_invariant(host_mvfr1, val, set);
	case KVM_REG_ARM_VFP_FPSCR:
		ctrl = &vfp->fpscr;
		break;
	case KVM_REG_ARM_VFP_FPEXC:
		ctrl = &vfp->fpexc;
		break;
	case KVM_REG_ARM_VFP_FPINST:
		ctrl = &vfp->fpinst;
		break;
	case KVM_REG_ARM_VFP_FPINST2:
		ctrl = &vfp->fpinst2;
		break;
	default:
		return -ENOENT;
	}
	if (set)
		*ctrl = *val;
	else
		*val = *ctrl;
	return 0;
}

static int fw_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val, bool set)
{
	if (id != KVM_REG_ARM_PSCI_VERSION)
		return -ENOENT;
	if (set) {
		int ret = set_psci_version(vcpu, *val);

		/* HYP's own answers follow the version */
		if (!ret)
			kvm_psci_hyp_answers(vcpu);
		return ret;
	}
	*val = kvm_psci_vcpu_version(vcpu);
	return 0;
}

static int one_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val, bool set)
{
	/*
	 * Nothing arch-specific in bits [63:32] but the size: any other
	 * architecture's id is -EINVAL, as arm32 KVM answered.
	 */
	if ((id & ~KVM_REG_SIZE_MASK) >> 32 != KVM_REG_ARM >> 32)
		return -EINVAL;

	/* the virtual timer's CP15 ids: its registers live in the timer */
	if (kvm_arm_timer_is_reg(id))
		return set ? kvm_arm_timer_set_reg(vcpu, id, *val) :
			     kvm_arm_timer_get_reg(vcpu, id, val);

	switch (id & KVM_REG_ARM_COPROC_MASK) {
	case KVM_REG_ARM_CORE:
		return core_reg(vcpu, id, val, set);
	case 15 << KVM_REG_ARM_COPROC_SHIFT:
		return cp15_reg(vcpu, id, val, set);
	case KVM_REG_ARM_DEMUX:
		return demux_reg(id, val, set);
	case KVM_REG_ARM_VFP:
		return vfp_reg(vcpu, id, val, set);
	case KVM_REG_ARM_FW:
		return fw_reg(vcpu, id, val, set);
	default:
		return -ENOENT;
	}
}

/**
 * kvm_arm_get_reg() - KVM_GET_ONE_REG
 * @vcpu: the VCPU
 * @reg: id and userspace address, both from userspace
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 0; -ENOENT for an unknown id or a size that does not match the
 * register; -EINVAL for an id of another architecture; -EFAULT for a bad
 * address.
 */
int kvm_arm_get_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	void __user *uaddr = u64_to_user_ptr(reg->addr);
	u64 val;
	u32 val32;
	int ret;

	ret = one_reg(vcpu, reg->id, &val, false);
	if (ret)
		return ret;

	if (KVM_REG_SIZE(reg->id) == REG_BYTES_32) {
		val32 = val;
		ret = copy_to_user(uaddr, &val32, sizeof(val32));
	} else {
		ret = copy_to_user(uaddr, &val, sizeof(val));
	}
	return ret ? -EFAULT : 0;
}

/**
 * kvm_arm_set_reg() - KVM_SET_ONE_REG
 * @vcpu: the VCPU
 * @reg: id and userspace address, both from userspace
 *
 * Read-only registers (identification, CCSIDR, FPSID, MVFR0/1) accept
 * only the value they hold.
 *
 * Context: vcpu->mutex held, VCPU not running.
 * Return: 0; -ENOENT for an unknown id or a size that does not match the
 * register; -EINVAL for a value the register cannot take (a CPSR with an
 * invalid mode, a different value for a read-only register, a PSCI
 * version the VCPU cannot have) or an id of another architecture;
 * -EFAULT for a bad address.
 */
int kvm_arm_set_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg)
{
	void __user *uaddr = u64_to_user_ptr(reg->addr);
	u64 val;
	u32 val32;
	int ret;

	ret = one_reg(vcpu, reg->id, &val, false);
	if (ret)
		return ret;

	if (KVM_REG_SIZE(reg->id) == REG_BYTES_32) {
		if (copy_from_user(&val32, uaddr, sizeof(val32)))
			return -EFAULT;
		val = val32;
	} else if (copy_from_user(&val, uaddr, sizeof(val))) {
		return -EFAULT;
	}
	return one_reg(vcpu, reg->id, &val, true);
}

static unsigned int nr_visible_cp15(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(cp15_regs); i++)
		n += row_visible(&cp15_regs[i]);
	return n;
}

/**
 * kvm_arm_num_regs() - how many ids KVM_GET_REG_LIST lists
 * @vcpu: the VCPU
 *
 * Context: vcpu->mutex held.
 * Return: the count kvm_arm_copy_reg_indices() copies.
 */
unsigned long kvm_arm_num_regs(struct kvm_vcpu *vcpu)
{
	return NR_CORE_REGS + nr_visible_cp15() + NR_TIMER_REGS +
	       hweight16(valid_csselr) + nr_dregs + NR_VFP_CTRL +
	       1 /* PSCI version */;
}

/**
 * kvm_arm_copy_reg_indices() - KVM_GET_REG_LIST's ids
 * @vcpu: the VCPU
 * @uindices: userspace array of kvm_arm_num_regs() entries
 *
 * In order: every word of struct kvm_regs, the visible CP15 registers in
 * table order, the virtual timer's CTL, CNT and CVAL, CCSIDR for each cache level the host has, the VFP
 * registers, the firmware registers.
 *
 * Context: vcpu->mutex held.
 * Return: 0, or -EFAULT.
 */
int kvm_arm_copy_reg_indices(struct kvm_vcpu *vcpu, u64 __user *uindices)
{
	unsigned int i, n = 0;
	int err = 0;

	for (i = 0; i < NR_CORE_REGS; i++)
		err |= put_user(KVM_REG_ARM | KVM_REG_SIZE_U32 |
				KVM_REG_ARM_CORE | i, &uindices[n++]);

	for (i = 0; i < ARRAY_SIZE(cp15_regs); i++)
		if (row_visible(&cp15_regs[i]))
			err |= put_user(row_id(&cp15_regs[i]), &uindices[n++]);
	for (i = 0; i < NR_TIMER_REGS; i++)
		err |= put_user(timer_reg_ids[i], &uindices[n++]);

	for (i = 0; i < NR_CSSELR; i++)
		if (valid_csselr & BIT(i))
			err |= put_user(ccsidr_id(i), &uindices[n++]);

	for (i = 0; i < nr_dregs; i++)
		err |= put_user(vfp_id(i), &uindices[n++]);
	for (i = 0; i < NR_VFP_CTRL; i++)
		err |= put_user(vfp_id(vfp_ctrl_ids[i]), &uindices[n++]);

	err |= put_user(KVM_REG_ARM_PSCI_VERSION, &uindices[n++]);

	WARN_ON_ONCE(n != kvm_arm_num_regs(vcpu));
	return err ? -EFAULT : 0;
}

/* ---- module init ------------------------------------------------------- */

/*
 * CCSIDR of every cache CLIDR describes (B4.1.20): Ctype<n> 1 instruction
 * only, 2 data only, 3 separate, 4 unified; the first 0 ends the list.
 * CSSELR selects and must not change under us: interrupts off.
 */
static void read_host_caches(void)
{
	u32 clidr = host_read_clidr(), old_csselr, ctype, csselr;
	unsigned long flags;
	unsigned int level;

	local_irq_save(flags);
	asm volatile("mrc p15, 2, %0, c0, c0, 0" : "=r" (old_csselr));
	for (level = 0; level < 7; level++) {
		ctype = (clidr >> (3 * level)) & 7;
		if (!ctype || ctype > 4)
			break;
		for (csselr = level << 1; csselr <= (level << 1 | 1); csselr++) {
			bool ind = csselr & 1;

			if (ind ? !(ctype == 1 || ctype == 3) : ctype < 2)
				continue;
			asm volatile("mcr p15, 2, %0, c0, c0, 0" : : "r" (csselr));
			isb();
			asm volatile("mrc p15, 1, %0, c0, c0, 0"
				     : "=r" (host_ccsidr[csselr]));
			valid_csselr |= BIT(csselr);
		}
	}
	asm volatile("mcr p15, 2, %0, c0, c0, 0" : : "r" (old_csselr));
	isb();
	local_irq_restore(flags);
}

static void read_host_values(void)
{
	u32 part = read_cpuid_part();
	bool known = part == ARM_CPU_PART_CORTEX_A15 ||
		     part == ARM_CPU_PART_CORTEX_A7;
	unsigned int i;

	host_midr = read_cpuid_id();
	host_actlr = host_read_actlr();
	/* IMPLEMENTATION DEFINED: only where the TRMs say they exist */
	if (known) {
		host_l2ctlr = host_read_l2ctlr();
		host_l2ectlr = host_read_l2ectlr();
	}

	for (i = 0; i < ARRAY_SIZE(cp15_regs); i++) {
		struct coproc_reg *r = &cp15_regs[i];

		/* REVIDR: in both TRMs, not in the architecture */
		if (r->host_read == host_read_revidr && !known)
			r->flags |= CP_ABSENT;
		else if (r->host_read)
			r->val = r->host_read();
	}

	if (elf_hwcap & HWCAP_VFP) {
		host_fpsid = host_read_fpsid();
		host_mvfr0 = host_read_mvfr0();
		host_mvfr1 = host_read_mvfr1();
	}
	/* MVFR0.A_SIMD_registers [3:0]: 2 means 32 double registers */
	nr_dregs = (host_mvfr0 & 0xf) == 2 ? 32 : 16;

	read_host_caches();
}

/**
 * kvm_coproc_table_init() - check the CP15 table, read the host's values
 *
 * The table must be sorted (lookups are binary searches) and give every
 * enum vcpu_cp15_reg slot a row, or a VCPU would run with a register no
 * reset initialises.  Reads the identification registers, caches and VFP
 * identification of the CPU it runs on: all CPUs of a host are assumed
 * alike.
 *
 * Context: module init, process context.
 * Return: 0, or -EINVAL if the table is broken.
 */
int kvm_coproc_table_init(void)
{
	DECLARE_BITMAP(covered, NR_CP15_REGS);
	unsigned int i;

	bitmap_zero(covered, NR_CP15_REGS);
	for (i = 0; i < ARRAY_SIZE(cp15_regs); i++) {
		const struct coproc_reg *r = &cp15_regs[i];

		if (i && row_key(&cp15_regs[i - 1]) >= row_key(r)) {
			pr_err("CP15 table not sorted at row %u (CRn %u CRm %u Op1 %u Op2 %u%s)\n",
			       i, r->crn, r->crm, r->op1, r->op2,
			       r->is_64 ? ", 64-bit" : "");
			return -EINVAL;
		}
		if (r->reg == CP_NONE)
			continue;
		__set_bit(r->reg, covered);
		if (r->is_64)
			__set_bit(r->reg + 1, covered);
	}
	if (!bitmap_full(covered, NR_CP15_REGS)) {
		pr_err("CP15 table has no row for register slot %lu\n",
		       find_first_zero_bit(covered, NR_CP15_REGS));
		return -EINVAL;
	}

	read_host_values();
	return 0;
}
