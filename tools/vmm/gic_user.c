// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEMPORARY stand-in: the userspace GICv2 for --irqchip user is being
 * written; main.c refuses that option until then.
 */
#include "vmm.h"

void ugic_init(struct vm *vm)
{
	die("--irqchip user is not implemented yet");
}

void ugic_set_irq(struct vm *vm, unsigned int intid, int level)
{
	die("--irqchip user is not implemented yet");
}

void ugic_vcpu_sync(struct vcpu *vcpu)
{
}
