// SPDX-License-Identifier: GPL-2.0-only
/*
 * Was this kernel entered in HYP mode?
 *
 * An HVC issued from SVC mode is UNDEFINED unless the CPU implements the
 * Virtualization Extensions and was handed to the kernel in HYP mode (ARM
 * ARM B1.7: HVC is UNDEFINED in Secure state and when SCR.HCE is 0), and an
 * undefined instruction in kernel mode is an Oops.  The kernel records its
 * boot mode in __boot_cpu_mode, which modules cannot see, so the module
 * reads the two decisions the kernel made from it at boot:
 *
 * 1. ID_PFR1.Virtualization (bits [15:12]) says whether the CPU has the
 *    extensions at all (QEMU clears it unless -M virt,virtualization=on).
 * 2. The arch timer driver (arch_timer_select_ppi()) takes the physical
 *    timer PPIs when HYP mode is available, and the virtual timer PPI when
 *    it is not.  Which of the timer node's PPIs has a handler therefore
 *    tells, through exported interrupt API, what is_hyp_mode_available()
 *    answered at boot.
 *
 * Anything that does not match one of the two known outcomes is refused:
 * guessing wrong would execute an undefined HVC.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/interrupt.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <asm/cputype.h>

#include "kvm_arm.h"

#define ID_PFR1_VIRT_SHIFT	12
#define ID_PFR1_VIRT_MASK	0xf

/* Interrupt order of the arm,armv7-timer binding. */
enum { TIMER_PPI_PHYS_S, TIMER_PPI_PHYS_NS, TIMER_PPI_VIRT, TIMER_PPI_HYP };

static const struct of_device_id arch_timer_of_match[] = {
	{ .compatible = "arm,armv7-timer" },
	{ .compatible = "arm,armv8-timer" },
	{ }
};

static bool timer_ppi_claimed(struct device_node *np, int index)
{
	int irq = of_irq_get(np, index);

	return irq > 0 && irq_has_action(irq);
}

/*
 * Return 1 when the kernel's timer shows HYP mode, 0 when it shows the
 * kernel was not in HYP mode, -1 when the timer cannot tell.
 */
static int timer_says_hyp(void)
{
	struct device_node *np;
	bool phys, virt;
	int ret = -1;

	np = of_find_matching_node(NULL, arch_timer_of_match);
	if (!np)
		return -1;

	/*
	 * Without a virtual PPI, or with firmware that left the timer
	 * unconfigured, the driver picks the physical timer regardless.
	 */
	if (of_property_read_bool(np, "arm,cpu-registers-not-fw-configured") ||
	    of_irq_get(np, TIMER_PPI_VIRT) <= 0)
		goto out;

	phys = timer_ppi_claimed(np, TIMER_PPI_PHYS_S) ||
	       timer_ppi_claimed(np, TIMER_PPI_PHYS_NS);
	virt = timer_ppi_claimed(np, TIMER_PPI_VIRT);
	if (phys != virt)
		ret = phys;
out:
	of_node_put(np);
	return ret;
}

/**
 * kvm_arm_check_hyp_mode() - refuse to load unless HYP mode is usable
 *
 * Prints one line naming the cause and the fix when it is not.
 *
 * Return: 0 when the kernel was entered in HYP mode, -ENODEV otherwise.
 */
int kvm_arm_check_hyp_mode(void)
{
	u32 pfr1 = read_cpuid_ext(CPUID_EXT_PFR1);

	/*
	 * The world switch, the trampoline and the ABI's register layouts
	 * assume little-endian data accesses (HSCTLR.EE clear).
	 */
	if (IS_ENABLED(CONFIG_CPU_BIG_ENDIAN)) {
		pr_err("HYP mode unsupported: this kernel is big-endian (CONFIG_CPU_BIG_ENDIAN); use a little-endian kernel\n");
		return -ENODEV;
	}
	/* Without the stub (head.S, hyp-stub.S) HYP cannot be claimed. */
	if (!IS_ENABLED(CONFIG_ARM_VIRT_EXT)) {
		pr_err("HYP mode unavailable: this kernel has no HYP stub (CONFIG_ARM_VIRT_EXT); rebuild it with CONFIG_ARM_VIRT_EXT=y\n");
		return -ENODEV;
	}
	if (!((pfr1 >> ID_PFR1_VIRT_SHIFT) & ID_PFR1_VIRT_MASK)) {
		pr_err("HYP mode unavailable: the CPU reports no Virtualization Extensions (ID_PFR1=%#x); use a Cortex-A7/A15/A17, or QEMU with -M virt,virtualization=on\n",
		       pfr1);
		return -ENODEV;
	}

	switch (timer_says_hyp()) {
	case 1:
		return 0;
	case 0:
		pr_err("HYP mode unavailable: the kernel was not entered in HYP mode (its arch timer runs on the virtual timer); boot it in HYP mode (U-Boot: CONFIG_ARMV7_VIRT and bootm_boot_mode=nonsec; Raspberry Pi: a HYP boot stub)\n");
		return -ENODEV;
	default:
		pr_err("HYP mode unknown: the device tree's arch timer node cannot tell whether the kernel was entered in HYP mode; refusing to risk an undefined HVC\n");
		return -ENODEV;
	}
}
