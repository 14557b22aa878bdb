// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's virtual timer (ARM ARM B8, "The Generic Timer").
 *
 * While a VCPU runs, CNTV_CTL and CNTV_CVAL are the guest's own and
 * CNTVOFF is its VM's (hyp/switch.c loads and saves them); the host's
 * kernel keeps the physical timer.  The timer's output is a level: high
 * while CNTV_CTL.ENABLE is set, CNTV_CTL.IMASK clear and the timer
 * condition is met.  Out of the guest the level is computed from the saved
 * registers and the counter, after every exit and when a background
 * hrtimer stands in for the stopped timer during WFI.  Each change goes to
 * the in-kernel vGIC as PPI 27, or to the VMM as KVM_ARM_DEV_EL1_VTIMER in
 * kvm_run->s.regs.device_irq_level (KVM_CAP_ARM_USER_IRQ).
 *
 * The host listens to the same PPI: a guest whose timer fires exits with
 * an IRQ.  While the level is high the PPI is disabled at the host's GIC on
 * the CPU that runs the VCPU, or the guest would exit again at once and
 * never get to handle it; once the level drops it is enabled again.
 *
 * Concurrency: the level and the saved registers belong to the VCPU's
 * thread (vcpu->mutex).  The background hrtimer runs only between
 * kvm_timer_schedule() and kvm_timer_unschedule(), while that thread
 * sleeps in WFI; kvm_timer_unschedule() waits for it to finish.  It
 * expires in hard IRQ context, on PREEMPT_RT as well (a _HARD mode), so
 * the level it injects takes only the vGIC's raw lock and the wakeup is
 * an rcuwait one (kvm_vcpu_kick()).
 *
 * References are to the ARM Architecture Reference Manual, ARMv7-A and
 * ARMv7-R edition (ARM DDI 0406C).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/percpu.h>
#include <asm/arch_timer.h>

#include "../core/kvm_host.h"
#include "arch_timer.h"
#include "../core/trace.h"

/* CNTV_CTL (B4.1.28) */
#define CNTV_CTL_ENABLE		BIT(0)
#define CNTV_CTL_IMASK		BIT(1)
#define CNTV_CTL_ISTATUS	BIT(2)	/* read-only */

/* Interrupt order of the arm,armv7-timer binding: virtual is the third. */
#define TIMER_DT_VIRT_INDEX	2

static const struct of_device_id arch_timer_of_match[] = {
	{ .compatible = "arm,armv7-timer" },
	{ .compatible = "arm,armv8-timer" },
	{ }
};

/* Host Linux IRQ of the virtual timer's PPI, and its trigger type */
static unsigned int host_vtimer_irq;
static unsigned int host_vtimer_irq_type;
static enum cpuhp_state vtimer_hp_state;
/* CNTFRQ: counter ticks per second */
static u32 timer_rate;

/**
 * struct vtimer_host_cpu - the virtual timer PPI on one host CPU
 * @irq_disabled: disabled at the host GIC (a guest's level is high)
 */
struct vtimer_host_cpu {
	bool irq_disabled;
};

static DEFINE_PER_CPU(struct vtimer_host_cpu, vtimer_host);

/* ---- the timer's output ------------------------------------------------ */

/* The guest's CNTVCT: the physical count less the VM's offset (B8.1.4). */
static u64 guest_count(struct kvm_vcpu *vcpu)
{
	return __arch_counter_get_cntpct() - READ_ONCE(vcpu->cntvoff);
}

/* The timer can raise its output at all: enabled and not masked. */
static bool timer_can_fire(struct kvm_vcpu *vcpu)
{
	return (vcpu->timer_ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK)) ==
	       CNTV_CTL_ENABLE;
}

/*
 * B8.1.5: with CNTV_CTL.ENABLE set, the timer condition is met once the
 * counter reaches CompareValue; CompareValue acts as a 64-bit upcounter,
 * so the comparison is unsigned, as the hardware makes it.
 */
static bool timer_condition_met(struct kvm_vcpu *vcpu)
{
	return (vcpu->timer_ctl & CNTV_CTL_ENABLE) &&
	       vcpu->timer_cval <= guest_count(vcpu);
}

/* The interrupt output: the condition met and CNTV_CTL.IMASK clear. */
static bool timer_output(struct kvm_vcpu *vcpu)
{
	return timer_can_fire(vcpu) && timer_condition_met(vcpu);
}

/* Counter ticks to nanoseconds, rounded up, saturated at KTIME_MAX. */
static u64 ticks_to_ns(u64 ticks)
{
	u32 rem;
	u64 sec = div_u64_rem(ticks, timer_rate, &rem);

	if (sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return sec * NSEC_PER_SEC +
	       DIV_ROUND_UP_ULL((u64)rem * NSEC_PER_SEC, timer_rate);
}

/* Nanoseconds until the timer condition is met; 0 when it is. */
static u64 ns_to_deadline(struct kvm_vcpu *vcpu)
{
	u64 now = guest_count(vcpu);

	if (vcpu->timer_cval <= now)
		return 0;
	return ticks_to_ns(vcpu->timer_cval - now);
}

/*
 * Record a new level and pass it on.  The vGIC takes it as the line of
 * PPI 27 (level-sensitive); the VMM learns it from device_irq_level when
 * KVM_RUN returns.  A vGIC not initialised yet refuses the line: the
 * level is left as it was, so the next update tries again.
 */
static void timer_set_level(struct kvm_vcpu *vcpu, bool level)
{
	struct arch_timer_cpu *timer = &vcpu->timer;
	struct kvm *kvm = vcpu->kvm;

	if (READ_ONCE(timer->level) == level)
		return;
	if (irqchip_in_kernel(kvm) &&
	    kvm_vgic_inject_irq(kvm, vcpu->vcpu_id, KVM_VTIMER_PPI, level))
		return;
	WRITE_ONCE(timer->level, level);
	trace_kvm_arm32_timer_inject(vcpu->vcpu_id, level,
				     irqchip_in_kernel(kvm));
}

static void timer_update_level(struct kvm_vcpu *vcpu)
{
	timer_set_level(vcpu, timer_output(vcpu));
}

/* ---- the host's PPI ------------------------------------------------------ */

/*
 * The guest's timer fired while it ran: the IRQ took it out of the guest,
 * and the exit path samples the timer.  HYP disabled CNTV_CTL on the way
 * out, so the line is low by now; there is nothing left to do.
 */
static irqreturn_t kvm_vtimer_host_isr(int irq, void *dev_id)
{
	return IRQ_HANDLED;
}

/*
 * Disable or enable the PPI on this CPU, as the level of the VCPU about to
 * run requires.  The GIC is written only when that changes.
 */
static void vtimer_host_irq_disable(bool disable)
{
	struct vtimer_host_cpu *hc = this_cpu_ptr(&vtimer_host);

	if (hc->irq_disabled == disable)
		return;
	if (disable)
		disable_percpu_irq(host_vtimer_irq);
	else
		enable_percpu_irq(host_vtimer_irq, IRQ_TYPE_NONE);
	hc->irq_disabled = disable;
}

static int vtimer_cpu_online(unsigned int cpu)
{
	local_irq_disable();
	enable_percpu_irq(host_vtimer_irq, host_vtimer_irq_type);
	this_cpu_ptr(&vtimer_host)->irq_disabled = false;
	local_irq_enable();
	return 0;
}

static int vtimer_cpu_offline(unsigned int cpu)
{
	local_irq_disable();
	disable_percpu_irq(host_vtimer_irq);
	this_cpu_ptr(&vtimer_host)->irq_disabled = true;
	local_irq_enable();
	return 0;
}

/* The virtual timer's PPI and the counter frequency, from the device tree. */
static int vtimer_probe_dt(void)
{
	struct device_node *np;
	u32 freq = 0;

	np = of_find_matching_node(NULL, arch_timer_of_match);
	if (!np) {
		pr_err("no arch timer in the device tree (arm,armv7-timer): cannot run guests without the virtual timer's interrupt\n");
		return -ENODEV;
	}
	host_vtimer_irq = irq_of_parse_and_map(np, TIMER_DT_VIRT_INDEX);
	of_property_read_u32(np, "clock-frequency", &freq);
	of_node_put(np);
	if (!host_vtimer_irq) {
		pr_err("the device tree's arch timer has no virtual timer interrupt (index %d): cannot run guests\n",
		       TIMER_DT_VIRT_INDEX);
		return -ENODEV;
	}

	host_vtimer_irq_type = irq_get_trigger_type(host_vtimer_irq);
	if (host_vtimer_irq_type != IRQ_TYPE_LEVEL_HIGH &&
	    host_vtimer_irq_type != IRQ_TYPE_LEVEL_LOW) {
		pr_warn("virtual timer IRQ %u: trigger %#x is not a level, using level-low\n",
			host_vtimer_irq, host_vtimer_irq_type);
		host_vtimer_irq_type = IRQ_TYPE_LEVEL_LOW;
	}

	/* CNTFRQ is what firmware programmed; the binding may override it */
	timer_rate = freq ?: arch_timer_get_cntfrq();
	if (!timer_rate) {
		pr_err("arch timer frequency unknown: CNTFRQ is 0 and the device tree has no clock-frequency\n");
		return -ENODEV;
	}
	return 0;
}

/**
 * kvm_timer_hyp_init() - take the virtual timer's PPI on every CPU
 *
 * Context: module init, process context.
 * Return: 0; -ENODEV (one log line) when the device tree has no arch
 * timer with a virtual interrupt; or the error of the IRQ or CPU hotplug
 * registration.
 */
int kvm_timer_hyp_init(void)
{
	int ret;

	ret = vtimer_probe_dt();
	if (ret)
		return ret;

	ret = request_percpu_irq(host_vtimer_irq, kvm_vtimer_host_isr,
				 "kvm guest vtimer", &vtimer_host);
	if (ret) {
		pr_err("cannot take the virtual timer IRQ %u: %d\n",
		       host_vtimer_irq, ret);
		return ret;
	}

	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "kvm/arm32/vtimer:online",
				vtimer_cpu_online, vtimer_cpu_offline);
	if (ret < 0) {
		pr_err("cannot register the vtimer CPU hotplug state: %d\n",
		       ret);
		goto out_free_irq;
	}
	vtimer_hp_state = ret;
	return 0;

out_free_irq:
	free_percpu_irq(host_vtimer_irq, &vtimer_host);
	return ret;
}

/**
 * kvm_timer_hyp_exit() - give the virtual timer's PPI back
 *
 * Context: module exit or init failure after kvm_timer_hyp_init()
 * succeeded; no VM exists.
 */
void kvm_timer_hyp_exit(void)
{
	cpuhp_remove_state(vtimer_hp_state);
	free_percpu_irq(host_vtimer_irq, &vtimer_host);
}

/* ---- VMs and VCPUs --------------------------------------------------------- */

/**
 * kvm_timer_vm_init() - the VM's virtual counter starts at 0
 * @kvm: the new VM, not visible to userspace yet
 *
 * Context: process context, VM creation.
 */
void kvm_timer_vm_init(struct kvm *kvm)
{
	kvm->cntvoff = __arch_counter_get_cntpct();
}

static enum hrtimer_restart kvm_bg_timer_expire(struct hrtimer *hrt)
{
	struct kvm_vcpu *vcpu = container_of(hrt, struct kvm_vcpu,
					     timer.bg_timer);
	u64 ns = ns_to_deadline(vcpu);

	/* the host's clock ran ahead of the counter: not yet */
	if (ns) {
		hrtimer_forward_now(hrt, ns_to_ktime(ns));
		return HRTIMER_RESTART;
	}
	timer_update_level(vcpu);
	kvm_vcpu_kick(vcpu);
	return HRTIMER_NORESTART;
}

/**
 * kvm_timer_vcpu_init() - set up a new VCPU's timer state
 * @vcpu: the VCPU, zeroed, nothing else initialised yet
 *
 * kvm_timer_vcpu_destroy() is safe from here on.
 *
 * Context: process context, VCPU creation.
 */
void kvm_timer_vcpu_init(struct kvm_vcpu *vcpu)
{
	hrtimer_init(&vcpu->timer.bg_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_REL_HARD);
	vcpu->timer.bg_timer.function = kvm_bg_timer_expire;
}

/**
 * kvm_timer_vcpu_reset() - the timer after KVM_ARM_VCPU_INIT or CPU_ON
 * @vcpu: the VCPU
 *
 * CNTV_CTL resets to 0 here (disabled; its architectural reset value is
 * UNKNOWN but for ENABLE): the output is low.  CNTV_CVAL is left as it was.
 *
 * Context: vcpu->mutex held, VCPU not in the guest.
 */
void kvm_timer_vcpu_reset(struct kvm_vcpu *vcpu)
{
	vcpu->timer_ctl = 0;
	timer_set_level(vcpu, false);
}

/**
 * kvm_timer_vcpu_destroy() - stop a VCPU's timer for good
 * @vcpu: the VCPU, kvm_timer_vcpu_init() done
 *
 * Context: process context, the VCPU is being freed.
 */
void kvm_timer_vcpu_destroy(struct kvm_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->timer.bg_timer);
}

/* ---- around a guest run ----------------------------------------------------- */

/**
 * kvm_timer_flush_hwstate() - the timer's part of entering the guest
 * @vcpu: the VCPU about to run on this CPU
 *
 * With the vGIC the level is brought up to date here, before the vGIC
 * fills the list registers.  Without it only exits report a change: a
 * timer that expired while the VCPU was out finds its PPI enabled and
 * takes the guest out at once.  Then the PPI is disabled on this CPU while
 * the level is high and enabled otherwise.
 *
 * Context: IRQs disabled, vcpu->cpu is this CPU.
 */
void kvm_timer_flush_hwstate(struct kvm_vcpu *vcpu)
{
	if (irqchip_in_kernel(vcpu->kvm))
		timer_update_level(vcpu);
	vtimer_host_irq_disable(READ_ONCE(vcpu->timer.level));
}

/**
 * kvm_timer_sync_hwstate() - sample the timer after an exit
 * @vcpu: the VCPU that just left the guest (or did not enter it)
 *
 * HYP saved CNTV_CTL and CNTV_CVAL: compute the output and pass a change
 * on.
 *
 * Context: IRQs disabled.
 */
void kvm_timer_sync_hwstate(struct kvm_vcpu *vcpu)
{
	timer_update_level(vcpu);
}

/**
 * kvm_timer_should_notify_user() - does the VMM need to see the level?
 * @vcpu: the VCPU
 *
 * Context: any; called by the VCPU's thread and by its WFI wake check.
 * Return: true without an in-kernel vGIC when the level differs from the
 * one the VMM last saw in device_irq_level.
 */
bool kvm_timer_should_notify_user(struct kvm_vcpu *vcpu)
{
	struct arch_timer_cpu *timer = &vcpu->timer;

	if (irqchip_in_kernel(vcpu->kvm))
		return false;
	return READ_ONCE(timer->level) != READ_ONCE(timer->user_level);
}

/**
 * kvm_timer_update_run() - publish the level in kvm_run
 * @vcpu: the VCPU, KVM_RUN returning
 *
 * KVM_CAP_ARM_USER_IRQ: bit KVM_ARM_DEV_EL1_VTIMER of
 * run->s.regs.device_irq_level is the timer's line for a VMM that
 * emulates the interrupt controller itself.
 *
 * Context: the VCPU's thread, vcpu->mutex held.
 */
void kvm_timer_update_run(struct kvm_vcpu *vcpu)
{
	struct arch_timer_cpu *timer = &vcpu->timer;
	struct kvm_sync_regs *regs = &vcpu->run->s.regs;
	bool level = READ_ONCE(timer->level);

	if (irqchip_in_kernel(vcpu->kvm))
		return;
	WRITE_ONCE(timer->user_level, level);
	if (level)
		regs->device_irq_level |= KVM_ARM_DEV_EL1_VTIMER;
	else
		regs->device_irq_level &= ~KVM_ARM_DEV_EL1_VTIMER;
}

/**
 * kvm_timer_schedule() - wake the VCPU from WFI when its timer fires
 * @vcpu: the VCPU about to sleep in WFI
 *
 * The virtual timer is stopped while the VCPU is out of the guest: a
 * background hrtimer fires at the deadline instead, raises the level and
 * kicks the VCPU.  Nothing is armed when the timer cannot fire (disabled
 * or masked); a deadline already past raises the level now.
 *
 * Context: the VCPU's thread, process context, after kvm_timer_sync_hwstate().
 */
void kvm_timer_schedule(struct kvm_vcpu *vcpu)
{
	u64 ns;

	if (!timer_can_fire(vcpu))
		return;
	ns = ns_to_deadline(vcpu);
	if (!ns) {
		timer_update_level(vcpu);
		return;
	}
	hrtimer_start(&vcpu->timer.bg_timer, ns_to_ktime(ns),
		      HRTIMER_MODE_REL_HARD);
}

/**
 * kvm_timer_unschedule() - the VCPU woke up: stop the background hrtimer
 * @vcpu: the VCPU
 *
 * Context: the VCPU's thread, process context; waits for a running
 * callback to finish.
 */
void kvm_timer_unschedule(struct kvm_vcpu *vcpu)
{
	hrtimer_cancel(&vcpu->timer.bg_timer);
}

/* ---- ONE_REG ------------------------------------------------------------- */

/**
 * kvm_arm_timer_is_reg() - is this one of the timer's ONE_REG ids?
 * @id: a KVM_GET/SET_ONE_REG id
 *
 * Return: true for KVM_REG_ARM_TIMER_CTL, _CNT and _CVAL.
 */
bool kvm_arm_timer_is_reg(u64 id)
{
	return id == KVM_REG_ARM_TIMER_CTL || id == KVM_REG_ARM_TIMER_CNT ||
	       id == KVM_REG_ARM_TIMER_CVAL;
}

/**
 * kvm_arm_timer_get_reg() - KVM_GET_ONE_REG of a timer register
 * @vcpu: the VCPU
 * @id: KVM_REG_ARM_TIMER_CTL, _CNT or _CVAL
 * @val: the value
 *
 * CTL reads as the guest would read CNTV_CTL now: ISTATUS (B4.1.28) set
 * when the timer is enabled and its condition met.  CNT is the guest's
 * virtual count now.
 *
 * Context: vcpu->mutex held, VCPU not in the guest.
 * Return: 0, or -ENOENT for another id.
 */
int kvm_arm_timer_get_reg(struct kvm_vcpu *vcpu, u64 id, u64 *val)
{
	switch (id) {
	case KVM_REG_ARM_TIMER_CTL:
		*val = vcpu->timer_ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
		if (timer_condition_met(vcpu))
			*val |= CNTV_CTL_ISTATUS;
		return 0;
	case KVM_REG_ARM_TIMER_CNT:
		*val = guest_count(vcpu);
		return 0;
	case KVM_REG_ARM_TIMER_CVAL:
		*val = vcpu->timer_cval;
		return 0;
	default:
		return -ENOENT;
	}
}

/*
 * The VM's virtual counter reads @cnt now, on every VCPU: CNTVOFF is one
 * per VM.  A VCPU running meanwhile picks the new offset up at its next
 * entry.
 */
static void timer_set_vm_count(struct kvm *kvm, u64 cnt)
{
	unsigned int i;

	mutex_lock(&kvm->lock);
	kvm->cntvoff = __arch_counter_get_cntpct() - cnt;
	for (i = 0; i < KVM_MAX_VCPUS; i++)
		if (kvm->vcpus[i])
			WRITE_ONCE(kvm->vcpus[i]->cntvoff, kvm->cntvoff);
	mutex_unlock(&kvm->lock);
}

/**
 * kvm_arm_timer_set_reg() - KVM_SET_ONE_REG of a timer register
 * @vcpu: the VCPU
 * @id: KVM_REG_ARM_TIMER_CTL, _CNT or _CVAL
 * @val: the value
 *
 * CTL keeps ENABLE and IMASK (ISTATUS is read-only, the other bits
 * reserved).  CNT sets the virtual count of the whole VM (CNTVOFF is the
 * VM's), as arm32 KVM did.
 *
 * Context: vcpu->mutex held, VCPU not in the guest; takes kvm->lock.
 * Return: 0, or -ENOENT for another id.
 */
int kvm_arm_timer_set_reg(struct kvm_vcpu *vcpu, u64 id, u64 val)
{
	switch (id) {
	case KVM_REG_ARM_TIMER_CTL:
		vcpu->timer_ctl = val & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
		return 0;
	case KVM_REG_ARM_TIMER_CNT:
		timer_set_vm_count(vcpu->kvm, val);
		return 0;
	case KVM_REG_ARM_TIMER_CVAL:
		vcpu->timer_cval = val;
		return 0;
	default:
		return -ENOENT;
	}
}
