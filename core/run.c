// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_RUN: the host side of running a VCPU, and guest exits.
 *
 * Exit handlers follow the convention of kvm_host.h: > 0 resume the guest,
 * 0 return to userspace with run->exit_reason set, < 0 error.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/preempt.h>
#include <linux/rcuwait.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <linux/swab.h>
#include <linux/arm-smccc.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "../hyp/hyp.h"
#include "../mmu/stage2.h"
#include "../psci/psci.h"
#include "trace.h"

/* HSR (B3.13.6) */
#define HSR_EC(hsr)		((hsr) >> HSR_EC_SHIFT)
#define HSR_IL			(1 << 25)
#define HSR_ISV			(1 << 24)
#define HSR_SAS_SHIFT		22
#define HSR_SSE			(1 << 21)
#define HSR_SRT_SHIFT		16
#define HSR_CM			(1 << 8)
#define HSR_S1PTW		(1 << 7)
#define HSR_WNR			(1 << 6)
#define HSR_FSC_TYPE(hsr)	((hsr) & 0x3c)
#define FSC_TRANS		0x04	/* translation fault, any level */
#define FSC_ACCESS		0x08	/* access flag fault */
#define FSC_PERM		0x0c	/* permission fault */
#define HSR_WFI_IS_WFE		(1 << 0)

#define HSR_EC_WFI		0x01
#define HSR_EC_CP15_32		0x03
#define HSR_EC_CP15_64		0x04
#define HSR_EC_CP14_MR		0x05
#define HSR_EC_CP14_LS		0x06
#define HSR_EC_CP14_64		0x0c
#define HSR_EC_SMC		0x13
#define HSR_EC_IABT		0x20
#define HSR_EC_DABT		0x24

#define PSR_E_BIT_MASK		(1 << 9)	/* CPSR.E: big-endian data */

static u64 fault_ipa(struct kvm_vcpu *vcpu)
{
	/* the page offset is the faulting VA's: HIFAR for a fetch */
	u32 va = HSR_EC(vcpu->fault.hsr) == HSR_EC_IABT ? vcpu->fault.hifar :
							   vcpu->fault.hdfar;

	/* HPFAR.FIPA[31:4] holds IPA[39:12] */
	return ((u64)(vcpu->fault.hpfar & ~0xfU) << 8) | (va & ~PAGE_MASK);
}

static int kvm_exit_internal_error(struct kvm_vcpu *vcpu, u32 suberror)
{
	struct kvm_run *run = vcpu->run;

	run->exit_reason = KVM_EXIT_INTERNAL_ERROR;
	run->internal.suberror = suberror;
	run->internal.ndata = 3;
	run->internal.data[0] = vcpu->fault.hsr;
	run->internal.data[1] = *vcpu_pc(vcpu);
	run->internal.data[2] = fault_ipa(vcpu);
	return 0;
}

/*
 * Can a VCPU in WFI go on?  B1.8.13 "Wait For Interrupt": the core wakes on
 * any interrupt it would take if it were unmasked, so priority masks and
 * CPSR.I do not count: only that one is pending for it.
 */
static bool kvm_vcpu_should_wake(struct kvm_vcpu *vcpu)
{
	if (READ_ONCE(vcpu->kick) || READ_ONCE(vcpu->power_off) ||
	    READ_ONCE(vcpu->on.pending))
		return true;
	if (irqchip_in_kernel(vcpu->kvm))
		return kvm_vgic_vcpu_pending_irq(vcpu);
	return kvm_vcpu_irq_line_pending(vcpu) ||
	       kvm_timer_should_notify_user(vcpu);
}

/*
 * WFI: sleep until an interrupt for the VCPU, a kick or a signal.  The
 * virtual timer cannot raise its interrupt while the VCPU is out of the
 * guest, so a background hrtimer stands in for it.  WFE: the guest spins on
 * a lock; the run loop's cond_resched() lets whoever holds it run.
 */
static int handle_wfx(struct kvm_vcpu *vcpu)
{
	if (!(vcpu->fault.hsr & HSR_WFI_IS_WFE)) {
		kvm_timer_schedule(vcpu);
		if (!kvm_vcpu_should_wake(vcpu)) {
			vcpu->stat.wfi_sleep++;
			/* a signal ends the wait; the run loop sees it next */
			if (!rcuwait_wait_event(&vcpu->wait,
						kvm_vcpu_should_wake(vcpu),
						TASK_INTERRUPTIBLE))
				vcpu->stat.halt_wakeup++;
		}
		kvm_timer_unschedule(vcpu);
		WRITE_ONCE(vcpu->kick, false);
	}
	kvm_skip_instr(vcpu, vcpu->fault.hsr & HSR_IL);
	return 1;
}

/*
 * HVC: an SMCCC call, function id in r0; PSCI is the only service.  The
 * preferred return address of an HVC is the next instruction.
 */
static int handle_hvc(struct kvm_vcpu *vcpu)
{
	trace_kvm_arm32_hvc(vcpu);
	return kvm_psci_call(vcpu);
}

/**
 * kvm_vcpu_kick() - make a VCPU notice a change of its state
 * @vcpu: the VCPU, maybe in the guest on another CPU, or asleep
 *
 * The run loop publishes vcpu->cpu before it loads interrupt state for
 * the guest, and a caller changes that state before it kicks: either the
 * VCPU sees the change when it loads, or the kick finds it on its CPU and
 * the IPI takes it out of the guest again.
 *
 * Only the VCPU's own thread ever waits, so an rcuwait does: waking it
 * takes no lock but the scheduler's raw ones, unlike a wait queue, whose
 * lock PREEMPT_RT turns into a sleeping one.
 *
 * Context: any: hard IRQ (the timer's hrtimer), IRQs disabled (the run
 * loop's vGIC fold), an eventfd's wait-queue callback; not with
 * kvm->vgic.lock held.
 */
void kvm_vcpu_kick(struct kvm_vcpu *vcpu)
{
	struct task_struct *task;
	int cpu;

	WRITE_ONCE(vcpu->kick, true);
	rcuwait_wake_up(&vcpu->wait);
	smp_mb();	/* the state change before the read of vcpu->cpu */
	cpu = READ_ONCE(vcpu->cpu);
	if (cpu < 0 || cpu == raw_smp_processor_id())
		return;
	/*
	 * A reschedule IPI to the VCPU's thread: any physical interrupt
	 * takes the guest out (HCR.IMO).  The task is freed after an RCU
	 * grace period, so it may be looked at here even as it leaves.
	 */
	rcu_read_lock();
	task = rcu_dereference(vcpu->task);
	if (task)
		kick_process(task);
	rcu_read_unlock();
}

/* PSCI CPU_ON reached this (stopped) VCPU: start from its entry point. */
static void kvm_vcpu_power_on(struct kvm_vcpu *vcpu)
{
	struct kvm *kvm = vcpu->kvm;
	u32 pc, r0;
	bool be;

	mutex_lock(&kvm->lock);
	pc = vcpu->on.pc;
	r0 = vcpu->on.r0;
	be = vcpu->on.be;
	vcpu->on.pending = false;
	mutex_unlock(&kvm->lock);

	kvm_reset_vcpu(vcpu);
	vcpu->mmio.pending = false;
	/* ARM DEN 0022 5.1.4: bit 0 of the entry point selects Thumb */
	*vcpu_pc(vcpu) = pc & ~1U;
	if (pc & 1)
		*vcpu_cpsr(vcpu) |= PSR_T_BIT;
	if (be)
		*vcpu_cpsr(vcpu) |= PSR_E_BIT_MASK;
	*vcpu_reg(vcpu, 0) = r0;
}

/* HCR.TSC traps SMC before it executes: guests get UNDEFINED. */
static int handle_smc(struct kvm_vcpu *vcpu)
{
	kvm_inject_undefined(vcpu);
	return 1;
}

/* Data in run->mmio.data is in memory (bus) order. */
static u32 mmio_guest_to_bus(struct kvm_vcpu *vcpu, u32 val, int len)
{
	if (!(*vcpu_cpsr(vcpu) & PSR_E_BIT_MASK))
		return val;
	return len == 2 ? swab16(val) : len >= 4 ? swab32(val) : val;
}

/* The access as the syndrome describes it (HSR.ISV set). */
static void mmio_from_syndrome(struct kvm_vcpu *vcpu, struct kvm_mmio_insn *d)
{
	u32 hsr = vcpu->fault.hsr;

	memset(d, 0, sizeof(*d));
	d->len = 1 << ((hsr >> HSR_SAS_SHIFT) & 3);
	d->rt = (hsr >> HSR_SRT_SHIFT) & 0xf;
	d->is_write = !!(hsr & HSR_WNR);
	d->sign_extend = !!(hsr & HSR_SSE);
	d->insn_len = (hsr & HSR_IL) ? 4 : 2;
}

static void mmio_skip(struct kvm_vcpu *vcpu, u8 insn_len)
{
	kvm_skip_instr(vcpu, insn_len == 4);
}

/* Guest registers to memory-order bytes, as run->mmio.data holds them. */
static void mmio_write_data(struct kvm_vcpu *vcpu, const struct kvm_mmio_insn *d,
			    u8 *data)
{
	u32 lo, hi;

	lo = mmio_guest_to_bus(vcpu, *vcpu_reg(vcpu, d->rt), d->len);
	memcpy(data, &lo, min_t(int, d->len, 4));
	if (d->pair) {
		hi = mmio_guest_to_bus(vcpu, *vcpu_reg(vcpu, d->rt2), 4);
		memcpy(data + 4, &hi, 4);
	}
}

/* Memory-order bytes of a completed read into the guest's registers. */
static void mmio_read_data(struct kvm_vcpu *vcpu, const u8 *data)
{
	int len = vcpu->mmio.len;
	u32 val = 0, hi;

	memcpy(&val, data, min(len, 4));
	val = mmio_guest_to_bus(vcpu, val, len);
	if (vcpu->mmio.sign_extend && len < 4)
		val = len == 1 ? (u32)(s8)val : (u32)(s16)val;
	*vcpu_reg(vcpu, vcpu->mmio.rt) = val;
	if (vcpu->mmio.pair) {
		memcpy(&hi, data + 4, 4);
		*vcpu_reg(vcpu, vcpu->mmio.rt2) = mmio_guest_to_bus(vcpu, hi, 4);
	}
}

static void mmio_save_read(struct kvm_vcpu *vcpu, const struct kvm_mmio_insn *d)
{
	vcpu->mmio.rt = d->rt;
	vcpu->mmio.rt2 = d->rt2;
	vcpu->mmio.pair = d->pair;
	vcpu->mmio.len = d->len;
	vcpu->mmio.sign_extend = d->sign_extend;
	vcpu->mmio.insn_len = d->insn_len;
}

/* The vGIC distributor and ioeventfds answer without leaving the kernel. */
static bool handle_mmio_in_kernel(struct kvm_vcpu *vcpu, u64 ipa,
				  const struct kvm_mmio_insn *d)
{
	u8 data[8] = { 0 };

	if (d->is_write) {
		mmio_write_data(vcpu, d, data);
		if (kvm_io_bus_write(vcpu, ipa, d->len, data))
			return false;
	} else {
		if (kvm_io_bus_read(vcpu, ipa, d->len, data))
			return false;
		mmio_save_read(vcpu, d);
		mmio_read_data(vcpu, data);
	}
	mmio_skip(vcpu, d->insn_len);
	vcpu->stat.mmio_kernel++;
	trace_kvm_arm32_mmio(vcpu->vcpu_id, d->is_write, d->len, ipa, data, true);
	return true;
}

static int handle_mmio(struct kvm_vcpu *vcpu, u64 ipa)
{
	struct kvm_run *run = vcpu->run;
	u32 hsr = vcpu->fault.hsr, insn = 0;
	struct kvm_mmio_insn d;
	bool thumb;

	/* Cache maintenance by VA on a device: nothing to do, skip it. */
	if (hsr & HSR_CM) {
		kvm_skip_instr(vcpu, hsr & HSR_IL);
		return 1;
	}
	if (hsr & HSR_ISV) {
		mmio_from_syndrome(vcpu, &d);
	} else if (kvm_fetch_guest_insn(vcpu, &insn, &thumb) ||
		   kvm_decode_mmio_insn(vcpu, insn, thumb, &d)) {
		/* the VMM learns which instruction it was */
		kvm_exit_internal_error(vcpu, KVM_INTERNAL_ERROR_EMULATION);
		run->internal.data[3] = insn;
		run->internal.ndata = 4;
		return 0;
	}

	if (d.writeback)
		*vcpu_reg(vcpu, d.rn) += d.offset;
	if (handle_mmio_in_kernel(vcpu, ipa, &d))
		return 1;

	run->exit_reason = KVM_EXIT_MMIO;
	run->mmio.phys_addr = ipa;
	run->mmio.len = d.len;
	run->mmio.is_write = d.is_write;
	memset(run->mmio.data, 0, sizeof(run->mmio.data));

	vcpu->stat.mmio_user++;
	if (d.is_write) {
		mmio_write_data(vcpu, &d, run->mmio.data);
		mmio_skip(vcpu, d.insn_len);
		trace_kvm_arm32_mmio(vcpu->vcpu_id, true, d.len, ipa,
				     run->mmio.data, false);
	} else {
		vcpu->mmio.pending = true;
		mmio_save_read(vcpu, &d);
	}
	return 0;
}

/* The VMM answered an MMIO read: complete the guest's load. */
static void kvm_complete_mmio_read(struct kvm_vcpu *vcpu)
{
	vcpu->mmio.pending = false;
	/* a read is traced when its value is known */
	trace_kvm_arm32_mmio(vcpu->vcpu_id, false, vcpu->mmio.len,
			     vcpu->run->mmio.phys_addr, vcpu->run->mmio.data,
			     false);
	mmio_read_data(vcpu, vcpu->run->mmio.data);
	mmio_skip(vcpu, vcpu->mmio.insn_len);
}

/* Stage-2 fault: map RAM on first touch, emulate MMIO otherwise. */
static int handle_guest_abort(struct kvm_vcpu *vcpu)
{
	u32 hsr = vcpu->fault.hsr, fsc = HSR_FSC_TYPE(hsr);
	bool is_iabt = HSR_EC(hsr) == HSR_EC_IABT;
	bool write = !is_iabt && (hsr & HSR_WNR) && !(hsr & HSR_CM);
	u64 ipa = fault_ipa(vcpu);
	bool is_mmio;
	int ret;

	trace_kvm_arm32_guest_fault(vcpu->vcpu_id, hsr, ipa,
				    is_iabt ? vcpu->fault.hifar :
					      vcpu->fault.hdfar);
	if (fsc != FSC_TRANS && fsc != FSC_ACCESS && fsc != FSC_PERM)
		return kvm_exit_internal_error(vcpu, KVM_INTERNAL_ERROR_EMULATION);
	/* A stage-1 walk that hit non-RAM reports a read of the table. */
	if (hsr & HSR_S1PTW)
		write = false;

	ret = kvm_handle_guest_abort_mem(vcpu, ipa, write, &is_mmio);
	if (ret)
		return ret;
	if (!is_mmio) {
		vcpu->stat.stage2_map++;
		return 1;
	}
	if (is_iabt || (hsr & HSR_S1PTW))
		return kvm_exit_internal_error(vcpu, KVM_INTERNAL_ERROR_EMULATION);
	return handle_mmio(vcpu, ipa);
}

/* Guest accesses and exits answered with UNDEF (debugfs "unhandled"). */
atomic_t kvm_unhandled_count = ATOMIC_INIT(0);

/**
 * kvm_inject_unhandled() - something the module does not emulate
 * @vcpu: the VCPU whose instruction it was
 *
 * The guest takes an Undefined Instruction exception, and it is counted:
 * an unhandled exit never reaches the host as a crash or the VMM as an
 * error.
 *
 * Return: 1, resume the guest.
 */
int kvm_inject_unhandled(struct kvm_vcpu *vcpu)
{
	atomic_inc(&kvm_unhandled_count);
	kvm_inject_undefined(vcpu);
	return 1;
}

static int handle_unknown(struct kvm_vcpu *vcpu)
{
	return kvm_inject_unhandled(vcpu);
}

typedef int (*exit_handler_fn)(struct kvm_vcpu *vcpu);

/* Guest exits by HSR.EC; anything not listed becomes UNDEF in the guest. */
static const exit_handler_fn exit_handlers[] = {
	[HSR_EC_WFI]		= handle_wfx,
	[HSR_EC_CP15_32]	= kvm_handle_cp15_32,
	[HSR_EC_CP15_64]	= kvm_handle_cp15_64,
	[HSR_EC_CP14_MR]	= kvm_handle_cp14_access,
	[HSR_EC_CP14_LS]	= kvm_handle_cp14_access,
	[HSR_EC_CP14_64]	= kvm_handle_cp14_access,
	[HSR_EC_HVC]		= handle_hvc,
	[HSR_EC_SMC]		= handle_smc,
	[HSR_EC_IABT]		= handle_guest_abort,
	[HSR_EC_DABT]		= handle_guest_abort,
};

/* Trap exits by HSR.EC (6 bits), for debugfs; the rest count as OTHER. */
static const u8 exit_class[64] = {
	[HSR_EC_WFI]		= KVM_EXIT_CLASS_WFX,
	[HSR_EC_CP15_32]	= KVM_EXIT_CLASS_CP15,
	[HSR_EC_CP15_64]	= KVM_EXIT_CLASS_CP15,
	[HSR_EC_CP14_MR]	= KVM_EXIT_CLASS_CP15,
	[HSR_EC_CP14_LS]	= KVM_EXIT_CLASS_CP15,
	[HSR_EC_CP14_64]	= KVM_EXIT_CLASS_CP15,
	[HSR_EC_HVC]		= KVM_EXIT_CLASS_HVC,
	[HSR_EC_IABT]		= KVM_EXIT_CLASS_IABT,
	[HSR_EC_DABT]		= KVM_EXIT_CLASS_DABT,
};

static void kvm_vcpu_count_exit(struct kvm_vcpu *vcpu, long exit, u32 ec)
{
	unsigned int class = KVM_EXIT_CLASS_OTHER;

	if (exit == ARM_EXCEPTION_TRAP)
		class = exit_class[ec];
	else if (exit == ARM_EXCEPTION_IRQ || exit == ARM_EXCEPTION_FIQ)
		class = KVM_EXIT_CLASS_IRQ;
	vcpu->stat.exit[class]++;
}

static int handle_exit(struct kvm_vcpu *vcpu, long exit)
{
	u32 ec = HSR_EC(vcpu->fault.hsr);

	kvm_vcpu_count_exit(vcpu, exit, ec);
	switch (exit) {
	case ARM_EXCEPTION_IRQ:
	case ARM_EXCEPTION_FIQ:
		/* taken by the host when it re-enabled IRQs */
		return 1;
	case ARM_EXCEPTION_TRAP:
		if (ec < ARRAY_SIZE(exit_handlers) && exit_handlers[ec])
			return exit_handlers[ec](vcpu);
		return handle_unknown(vcpu);
	default:
		/* a HYP panic (reported) or worse */
		vcpu->run->exit_reason = KVM_EXIT_FAIL_ENTRY;
		vcpu->run->fail_entry.hardware_entry_failure_reason = exit;
		return 0;
	}
}

/*
 * TLB entries are tagged with the VMID, not the VCPU: when another VCPU of
 * the VM ran last on this CPU, entries it left would be visible to this
 * one, which the guest cannot know to invalidate (it believes each VCPU
 * has TLBs of its own).  Drop this CPU's entries for the VMID first.
 * Context: IRQs and preemption disabled.
 */
static void kvm_vcpu_tlb_check(struct kvm_vcpu *vcpu)
{
	int *last = this_cpu_ptr(vcpu->kvm->last_vcpu_ran);

	if (*last == vcpu->vcpu_id)
		return;
	if (*last >= 0)
		kvm_hyp_call_checked(KVM_HCALL_FLUSH_VMID,
				     lower_32_bits(vcpu->vttbr),
				     upper_32_bits(vcpu->vttbr), 1);
	*last = vcpu->vcpu_id;
}

/**
 * kvm_vcpu_run() - KVM_RUN
 * @vcpu: an initialised VCPU, its mutex held
 *
 * Return: 0 with run->exit_reason set, -EINTR (KVM_EXIT_INTR) for a
 * pending signal or immediate_exit, or another negative errno.
 */
int kvm_vcpu_run(struct kvm_vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	struct kvm *kvm = vcpu->kvm;
	long exit;
	int ret = 1;

	if (!vcpu->has_run_once) {
		WRITE_ONCE(vcpu->has_run_once, true);
		if (irqchip_in_kernel(kvm)) {
			ret = kvm_vgic_map_resources(kvm);
			if (ret)
				return ret;
			ret = 1;
		}
	}
	if (vcpu->mmio.pending)
		kvm_complete_mmio_read(vcpu);
	if (READ_ONCE(run->immediate_exit)) {
		run->exit_reason = KVM_EXIT_INTR;
		return -EINTR;
	}
	/*
	 * The VMM's KVM_SET_SIGNAL_MASK holds only while the VCPU runs; the
	 * thread's own mask waits in real_blocked, as sigsuspend() does.
	 */
	if (vcpu->sigset_active)
		sigprocmask(SIG_SETMASK, &vcpu->sigset, &current->real_blocked);
	rcu_assign_pointer(vcpu->task, current);

	while (ret > 0) {
		if (signal_pending(current)) {
			run->exit_reason = KVM_EXIT_INTR;
			vcpu->stat.signal_exits++;
			ret = -EINTR;
			break;
		}
		cond_resched();

		/* a stopped VCPU (PSCI CPU_OFF, POWER_OFF) waits for CPU_ON */
		if (READ_ONCE(vcpu->power_off)) {
			rcuwait_wait_event(&vcpu->wait,
					   !READ_ONCE(vcpu->power_off),
					   TASK_INTERRUPTIBLE);
			continue;
		}
		if (READ_ONCE(vcpu->on.pending))
			kvm_vcpu_power_on(vcpu);

		/*
		 * From here to the exit only raw spinlocks may be taken
		 * (vmid_lock, kvm->vgic.lock): on PREEMPT_RT a spinlock_t
		 * sleeps, which it cannot do with preemption or IRQs off.
		 */
		preempt_disable();
		kvm_vmid_update(kvm);
		local_irq_disable();
		/*
		 * Published before the interrupt state is loaded: whoever
		 * changes that state afterwards finds the VCPU here and kicks
		 * it out of the guest (kvm_vcpu_kick()).
		 */
		WRITE_ONCE(vcpu->cpu, smp_processor_id());
		smp_mb();	/* pairs with kvm_vcpu_kick() */
		/* what a kick announces is loaded now: WFI need not see it */
		WRITE_ONCE(vcpu->kick, false);
		kvm_timer_flush_hwstate(vcpu);
		if (irqchip_in_kernel(kvm))
			kvm_vgic_flush_hwstate(vcpu);
		/*
		 * Checked again with IRQs off: a VMID rollover or a kick after
		 * this point leaves an IPI pending, which makes the entry
		 * come straight back.
		 */
		if (kvm_vmid_outdated(kvm) || signal_pending(current) ||
		    need_resched()) {
			if (irqchip_in_kernel(kvm))
				kvm_vgic_sync_hwstate(vcpu);
			kvm_timer_sync_hwstate(vcpu);
			WRITE_ONCE(vcpu->cpu, -1);
			local_irq_enable();
			preempt_enable();
			kvm_vgic_notify_acked(vcpu);
			continue;
		}
		vcpu->vttbr = kvm_vttbr(kvm);
		kvm_vcpu_tlb_check(vcpu);
		trace_kvm_arm32_entry(vcpu);
		exit = kvm_hyp_call_checked(KVM_HCALL_VCPU_RUN,
					    (unsigned long)vcpu, 0, 0);
		/* fold back before a host IRQ handler can inject more */
		if (irqchip_in_kernel(kvm))
			kvm_vgic_sync_hwstate(vcpu);
		kvm_timer_sync_hwstate(vcpu);
		WRITE_ONCE(vcpu->cpu, -1);
		local_irq_enable();	/* a host IRQ that ended the run */
		preempt_enable();
		/* resamplefds: eventfd signals, which may sleep on RT */
		kvm_vgic_notify_acked(vcpu);

		trace_kvm_arm32_exit(vcpu, exit);
		ret = handle_exit(vcpu, exit);
		/*
		 * User irqchip: a change of the timer's line is news for the
		 * VMM (KVM_CAP_ARM_USER_IRQ); it learns the level from
		 * run->s.regs.device_irq_level.
		 */
		if (ret > 0 && kvm_timer_should_notify_user(vcpu)) {
			run->exit_reason = KVM_EXIT_INTR;
			ret = -EINTR;
		}
	}
	kvm_timer_update_run(vcpu);
	RCU_INIT_POINTER(vcpu->task, NULL);

	if (vcpu->sigset_active) {
		sigprocmask(SIG_SETMASK, &current->real_blocked, NULL);
		sigemptyset(&current->real_blocked);
	}
	return ret;
}
