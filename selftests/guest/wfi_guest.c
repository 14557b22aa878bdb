// SPDX-License-Identifier: GPL-2.0-only
/*
 * WFI for ever: with no interrupt controller nothing can wake the VCPU, so
 * only a signal to the thread in KVM_RUN ends the wait.
 */
#include "guest.h"

void guest_main(void)
{
	for (;;)
		__asm__ __volatile__("wfi" : : : "memory");
}
