/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * VM and VCPU objects, and the VCPU context shared with HYP.
 *
 * Locking, outer to inner.  Locks taken only in preemptible process
 * context, which may be sleeping locks (PREEMPT_RT makes every spinlock_t
 * one):
 *   vcpu->mutex        one ioctl on a VCPU at a time (KVM_RUN included)
 *   kvm->lock          VCPU creation, VM-wide configuration; it takes the
 *                      VCPUs' mutexes only by trylock (vgic-kvm-device.c)
 *   kvm->slots_lock    memory slots, the MMIO bus, ioeventfds
 *   kvm->mmu_lock      stage-2 page tables (spinlock_t): the fault path
 *                      and ioctls only; it covers unpinning, which may free
 *                      pages, and that a raw section must not do
 *   kvm->irqfds_lock   irqfd list writers (spinlock_t, core/eventfd.c)
 *
 * Raw spinlocks, the only locks taken with IRQs or preemption disabled
 * (the guest entry path, the timer's hard-IRQ hrtimer):
 *   vmid_lock          VMID generations (mmu/stage2.c), preemption off
 *   kvm->vgic.lock     interrupt state (vgic/vgic.h), IRQs off
 * Nothing under them may sleep on RT: no allocation, no wait-queue wakeup,
 * no eventfd signal.  A VCPU in WFI or stopped sleeps on vcpu->wait, an
 * rcuwait, so kvm_vcpu_kick() can wake it from any of those contexts.
 */
#ifndef __KVM_ARM32_HOST_H
#define __KVM_ARM32_HOST_H

#include <linux/kvm.h>
#include <linux/mutex.h>
#include <linux/rcuwait.h>
#include <linux/refcount.h>
#include <linux/signal_types.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../vgic/vgic.h"
#include "../arch_timer/arch_timer.h"

struct dentry;

#define KVM_MAX_VCPUS		8	/* GICv2: eight CPU interfaces */
#define KVM_USER_MEM_SLOTS	32
#define KVM_PHYS_SHIFT		40	/* IPA size: VTCR.T0SZ = 24 */
#define KVM_PHYS_SIZE		(1ULL << KVM_PHYS_SHIFT)

/*
 * CP15 registers a guest owns, saved and restored on every world switch
 * (host and guest share the Non-secure PL1 bank), indexed by one enum used
 * by the world switch, ONE_REG and the trap handlers alike.  64-bit
 * registers take two slots, low word first.
 */
enum vcpu_cp15_reg {
	c0_MPIDR,		/* fixed per VCPU; loaded into VMPIDR */
	c0_CSSELR,
	c1_SCTLR,
	c1_ACTLR,		/* trapped (HCR.TAC); not world-switched */
	c1_CPACR,
	c2_TTBR0,
	c2_TTBR0_high,
	c2_TTBR1,
	c2_TTBR1_high,
	c2_TTBCR,
	c3_DACR,
	c5_DFSR,
	c5_IFSR,
	c5_ADFSR,
	c5_AIFSR,
	c6_DFAR,
	c6_IFAR,
	c7_PAR,
	c7_PAR_high,
	c10_PRRR,		/* MAIR0 with TTBCR.EAE */
	c10_NMRR,		/* MAIR1 with TTBCR.EAE */
	c10_AMAIR0,
	c10_AMAIR1,
	c12_VBAR,
	c13_CID,
	c13_TID_URW,
	c13_TID_URO,
	c13_TID_PRIV,
	c14_CNTKCTL,
	NR_CP15_REGS
};

/* VFP/NEON state: d0-d31 and the control registers ONE_REG exposes. */
struct kvm_vfp_state {
	u64 fpregs[32];
	u32 fpexc;
	u32 fpscr;
	u32 fpinst;
	u32 fpinst2;
};

/**
 * struct kvm_cpu_context - register state of a guest (or the host)
 * @gp_regs: r0-r14 (usr), pc, cpsr, then the banked SP/LR/SPSR of svc,
 *	abt, und, irq and r8-r14/SPSR of fiq: exactly struct kvm_regs, so
 *	that a core ONE_REG id indexes it as an array of u32
 * @cp15: the registers of enum vcpu_cp15_reg
 * @vfp: VFP/NEON registers
 */
struct kvm_cpu_context {
	struct kvm_regs gp_regs;
	u32 cp15[NR_CP15_REGS];
	struct kvm_vfp_state vfp;
};

/* What HYP records about the exception that ended a guest run. */
struct kvm_vcpu_fault_info {
	u32 hsr;	/* syndrome */
	u32 hdfar;	/* faulting VA, data aborts */
	u32 hifar;	/* faulting VA, prefetch aborts */
	u32 hpfar;	/* faulting IPA[39:12] >> 8 (HPFAR.FIPA at [31:4]) */
	/* PAR of the guest PC (ATS12NSOPR): data aborts without ISV only */
	u64 pc_par;
};

/* Guest exits by class, for struct kvm_vcpu_stat; 0 is the default. */
enum kvm_exit_class {
	KVM_EXIT_CLASS_OTHER,	/* SMC, unknown classes, HYP failures */
	KVM_EXIT_CLASS_WFX,	/* HSR.EC 0x01: WFI or WFE */
	KVM_EXIT_CLASS_HVC,	/* HSR.EC 0x12 reaching the host */
	KVM_EXIT_CLASS_CP15,	/* HSR.EC 0x03-0x06, 0x0c: CP15/CP14 */
	KVM_EXIT_CLASS_DABT,	/* HSR.EC 0x24 */
	KVM_EXIT_CLASS_IABT,	/* HSR.EC 0x20 */
	KVM_EXIT_CLASS_IRQ,	/* a host IRQ or FIQ took the guest out */
	NR_KVM_EXIT_CLASSES
};

/**
 * struct kvm_vcpu_stat - what one VCPU did (debugfs vcpuN/stats)
 *
 * Plain counters, written only by the VCPU's own thread (the one in
 * KVM_RUN, vcpu->mutex held): no atomics.  Readers (core/stats.c) take no
 * lock; on a 32-bit host a read racing with an update may see a torn
 * value, so a value is exact only while the VCPU is out of KVM_RUN.
 * Every field is listed in kvm_vcpu_stat_desc[] and
 * Documentation/observability.rst.
 */
struct kvm_vcpu_stat {
	u64 exit[NR_KVM_EXIT_CLASSES];	/* every return from the guest */
	u64 mmio_kernel;	/* MMIO served by an in-kernel device */
	u64 mmio_user;		/* MMIO exits to userspace (KVM_EXIT_MMIO) */
	u64 wfi_sleep;		/* WFI that had to wait for a wakeup */
	u64 halt_wakeup;	/* ... and was woken rather than signalled */
	u64 stage2_map;		/* stage-2 faults on RAM (page mapped) */
	u64 signal_exits;	/* KVM_RUN left for a pending signal */
};

struct kvm_memory_slot {
	u64 base_gfn;
	u64 npages;
	unsigned long userspace_addr;
	u32 flags;
	u16 id;
};

/**
 * struct kvm_vcpu - one virtual CPU
 *
 * Allocated in whole pages of its own and mapped into HYP at its kernel
 * VA while it exists: the world switch reads and writes @arch directly.
 */
struct kvm_vcpu {
	struct kvm *kvm;
	unsigned int vcpu_id;
	struct mutex mutex;
	struct kvm_run *run;		/* the page userspace mmaps */
	int target;			/* KVM_ARM_TARGET_*, -1 before INIT */
	u32 features;			/* KVM_ARM_VCPU_* bits */
	bool power_off;
	bool has_run_once;		/* KVM_RUN was called: vGIC is fixed */
	/* HYP-visible state */
	struct kvm_cpu_context ctxt;
	struct kvm_vcpu_fault_info fault;
	u64 vttbr;			/* VMID << 48 | stage-2 PGD */
	u32 irq_lines;			/* VCPU_IRQ_LINE_*: user irqchip */
	u32 midr;			/* VPIDR */
	u64 timer_cval;			/* CNTV_CVAL while not running */
	u32 timer_ctl;			/* CNTV_CTL while not running */
	u64 cntvoff;			/* CNTVOFF: the VM's, copied */
	u32 hstr;			/* HSTR: the VM's, copied */
	struct {			/* served in HYP, 0: by the host */
		u32 psci_version;	/* PSCI_VERSION's answer */
		u32 smccc_version;	/* SMCCC_VERSION's */
	} hyp_hvc;			/* kvm_psci_hyp_answers() */
	struct vgic_cpu vgic_cpu;	/* list registers and GICH state */
	/* host-only state */
	struct kvm_mmio_pending {
		bool pending;		/* a read waits for run->mmio.data */
		bool sign_extend;
		bool pair;		/* LDRD: rt and rt2 */
		u8 rt;
		u8 rt2;
		u8 len;
		u8 insn_len;		/* 0: skip by HSR.IL, else 2 or 4 */
	} mmio;
	struct rcuwait wait;		/* WFI or stopped: its thread sleeps */
	bool kick;
	bool sigset_active;		/* KVM_SET_SIGNAL_MASK given */
	sigset_t sigset;		/* blocked while in KVM_RUN */
	int cpu;			/* host CPU running the guest, or -1 */
	struct task_struct __rcu *task;	/* the thread in KVM_RUN, or NULL */
	struct arch_timer_cpu timer;
	/* PSCI CPU_ON from another VCPU, applied by this VCPU's thread */
	struct {
		bool pending;
		bool be;		/* the caller's SCTLR.EE */
		u32 pc;			/* bit 0: Thumb */
		u32 r0;			/* context id */
	} on;			/* kvm->lock */
	struct kvm_vcpu_stat stat;
};

/**
 * struct kvm - one virtual machine
 */
struct kvm {
	unsigned int vm_id;
	refcount_t users;		/* VM fd + one per VCPU fd */
	struct mm_struct *mm;		/* the VMM's, pinned pages belong to it */
	struct mutex lock;
	struct mutex slots_lock;
	spinlock_t mmu_lock;
	struct kvm_memory_slot memslots[KVM_USER_MEM_SLOTS];
	struct kvm_vcpu *vcpus[KVM_MAX_VCPUS];
	unsigned int nr_vcpus;
	/* stage 2 */
	u64 *pgd;			/* 1024-entry level 1, 8 KiB aligned */
	u64 vmid_gen;
	u32 vmid;
	int __percpu *last_vcpu_ran;	/* VCPU id last run per CPU, or -1 */
	/* interrupts */
	struct vgic_dist vgic;		/* in-kernel GICv2, if created */
	bool user_irqchip_only;		/* no vGIC: module parameter or host */
	struct kvm_io_bus __rcu *mmio_bus;	/* in-kernel MMIO devices */
	struct list_head irqfds;	/* core/eventfd.c, irqfds_lock */
	spinlock_t irqfds_lock;
	struct list_head ioeventfds;	/* kvm->slots_lock */
	/* timer */
	u64 cntvoff;			/* CNTVOFF of every VCPU; kvm->lock */
	/* traps */
	u32 hstr;			/* HSTR while a VCPU runs */
	struct dentry *debugfs_dentry;	/* core/stats.c, or NULL */
};

/* Is the interrupt controller the in-kernel vGIC? */
static inline bool irqchip_in_kernel(struct kvm *kvm)
{
	return READ_ONCE(kvm->vgic.created);
}

/* vcpu->irq_lines: bits at their HCR positions (B4.1.65) */
#define VCPU_IRQ_LINE_FIQ	(1 << 6)	/* HCR.VF */
#define VCPU_IRQ_LINE_IRQ	(1 << 7)	/* HCR.VI */

/*
 * Exit handler return convention, used by every handler of a guest exit:
 *   > 0  resume the guest
 *   = 0  return to userspace, vcpu->run->exit_reason set
 *   < 0  error, returned from KVM_RUN
 */

/* core/regs.c: guest general-purpose registers, mode-aware */
/* r0-r15 as the guest's current mode sees them */
u32 *vcpu_reg(struct kvm_vcpu *vcpu, u8 reg_num);
u32 *vcpu_pc(struct kvm_vcpu *vcpu);
u32 *vcpu_cpsr(struct kvm_vcpu *vcpu);
void kvm_skip_instr(struct kvm_vcpu *vcpu, bool is_wide_instr);
void kvm_inject_undefined(struct kvm_vcpu *vcpu);

/* core/decode.c: loads and stores that trap without a syndrome */
struct kvm_mmio_insn {
	bool is_write;
	bool sign_extend;
	bool pair;		/* LDRD/STRD: Rt and Rt2 = Rt + 1 */
	bool writeback;		/* Rn += offset after the access */
	u8 len;			/* 1, 2, 4, or 8 for a pair */
	u8 rt;
	u8 rt2;
	u8 rn;
	u8 insn_len;		/* 2 or 4 */
	s32 offset;		/* signed: added to Rn on writeback */
};
int kvm_decode_mmio_insn(struct kvm_vcpu *vcpu, u32 insn, bool thumb,
			 struct kvm_mmio_insn *out);
int kvm_fetch_guest_insn(struct kvm_vcpu *vcpu, u32 *insn, bool *thumb);

/* core/coproc.c: CP15 table, ONE_REG, reset */
int kvm_coproc_table_init(void);		/* module init: sorted? */
int kvm_reset_vcpu(struct kvm_vcpu *vcpu);	/* after KVM_ARM_VCPU_INIT */
int kvm_arm_get_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
int kvm_arm_set_reg(struct kvm_vcpu *vcpu, const struct kvm_one_reg *reg);
unsigned long kvm_arm_num_regs(struct kvm_vcpu *vcpu);
int kvm_arm_copy_reg_indices(struct kvm_vcpu *vcpu, u64 __user *uindices);
u32 kvm_coproc_hstr(void);
int kvm_handle_cp15_32(struct kvm_vcpu *vcpu);	/* HSR.EC 0x03 */
int kvm_handle_cp15_64(struct kvm_vcpu *vcpu);	/* HSR.EC 0x04 */
int kvm_handle_cp14_access(struct kvm_vcpu *vcpu);	/* EC 0x05, 0x06, 0x0c */
/*
 * core/iobus.c: MMIO devices served in the kernel (vGIC distributor,
 * ioeventfd).  A guest access inside a registered range goes to the
 * device first; a device answers -EOPNOTSUPP to pass (ioeventfd without a
 * datamatch hit), and an access nobody takes exits to userspace.  Data is
 * in memory order, as in kvm_run->mmio.data.
 */
int kvm_io_bus_register_dev(struct kvm *kvm, u64 addr, int len,
			    struct kvm_io_device *dev);	/* slots_lock */
void kvm_io_bus_unregister_dev(struct kvm *kvm, struct kvm_io_device *dev);
int kvm_io_bus_write(struct kvm_vcpu *vcpu, u64 addr, int len,
		     const void *val);		/* 0 or -EOPNOTSUPP */
int kvm_io_bus_read(struct kvm_vcpu *vcpu, u64 addr, int len, void *val);
void kvm_io_bus_destroy(struct kvm *kvm);

/* core/eventfd.c: irqfd and ioeventfd */
void kvm_eventfd_init(struct kvm *kvm);
int kvm_irqfd(struct kvm *kvm, struct kvm_irqfd *args);
void kvm_irqfd_release(struct kvm *kvm);
int kvm_ioeventfd(struct kvm *kvm, struct kvm_ioeventfd *args);
void kvm_ioeventfd_release(struct kvm *kvm);
void kvm_notify_acked_irq(struct kvm *kvm, u32 intid);

/* core/irq.c: KVM_IRQ_LINE, user irqchip lines */
int kvm_vm_ioctl_irq_line(struct kvm *kvm, struct kvm_irq_level *irq);
bool kvm_vcpu_irq_line_pending(struct kvm_vcpu *vcpu);

/* core/stats.c: debugfs kvm-arm32/<pid>-<vm_id>/, tracepoints */
void kvm_stats_vm_create(struct kvm *kvm);
void kvm_stats_vm_destroy(struct kvm *kvm);
void kvm_stats_vcpu_create(struct kvm_vcpu *vcpu);
struct dentry *kvm_debugfs_root(void);		/* core/debugfs.c */

/* core/run.c */
void kvm_vcpu_kick(struct kvm_vcpu *vcpu);
int kvm_inject_unhandled(struct kvm_vcpu *vcpu);
extern atomic_t kvm_unhandled_count;
u32 kvm_target_midr(int target);		/* VPIDR value for a target */

#endif /* __KVM_ARM32_HOST_H */
