// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guest runtime: ucalls and the exception handler behind crt0's vectors.
 */
#include "guest.h"

struct guest_exception_record guest_ex;

/*
 * The host sees the store to UCALL_MMIO_GPA as an MMIO exit and reads the
 * struct from our stack before it runs us again.
 */
void guest_ucall(uint32_t cmd, uint32_t nargs, uint64_t a0, uint64_t a1,
		 uint64_t a2, uint64_t a3)
{
	struct ucall uc = {
		.cmd = cmd,
		.nargs = nargs,
		.args = { a0, a1, a2, a3 },
	};

	mmio_write32(UCALL_MMIO_GPA, (uintptr_t)&uc);
}

void guest_done(void)
{
	for (;;)
		guest_ucall(UCALL_DONE, 0, 0, 0, 0, 0);
}

/*
 * Called from the vectors with the exception mode's LR and SPSR; returns
 * where to resume.  Exceptions a test asked for (guest_ex.handle_mask) are
 * resumed after the instruction that caused them; any other exception is
 * reported as a guest assertion.  Every exception is recorded in guest_ex.
 */
uint32_t guest_exception(uint32_t vec, uint32_t lr, uint32_t spsr)
{
	/* LR_irq is the interrupted instruction + 4 (ARM state) */
	if (vec == VEC_IRQ && guest_irq_handler) {
		guest_irq_handler();
		return lr - 4;
	}
	guest_ex.count++;
	guest_ex.vec = vec;
	guest_ex.lr = lr;
	guest_ex.spsr = spsr;
	barrier();
	if (!(guest_ex.handle_mask & (1U << vec))) {
		for (;;)
			guest_ucall(UCALL_ASSERT, 4, (uintptr_t)__FILE__,
				    __LINE__, (uintptr_t)"unexpected exception (value: vector)", vec);
	}
	/* ARM state: LR_und = insn + 4, LR_abt = insn + 4 (PABT), + 8 (DABT) */
	return vec == VEC_DABT ? lr - 4 : lr;
}

void (*guest_irq_handler)(void);

/* set by CPU 0 before CPU_ON, read by the CPU it starts */
static void (*secondary_fn[GUEST_MAX_CPUS])(uint32_t cpu);

/* crt0's secondary entry, with the VCPU's stacks and vectors set up */
void guest_secondary_main(uint32_t cpu)
{
	if (cpu < GUEST_MAX_CPUS && secondary_fn[cpu])
		secondary_fn[cpu](cpu);
	hvc(PSCI_0_2_CPU_OFF, 0, 0, 0);
	for (;;)
		guest_ucall(UCALL_ASSERT, 4, (uintptr_t)__FILE__, __LINE__,
			    (uintptr_t)"CPU_OFF returned (value: cpu)", cpu);
}

uint32_t guest_cpu_on(uint32_t cpu, void (*fn)(uint32_t cpu))
{
	if (cpu >= GUEST_MAX_CPUS)
		return PSCI_RET_INVALID_PARAMS;
	secondary_fn[cpu] = fn;
	/* MPIDR of VCPU n: Aff0 = n & 3, Aff1 = n >> 2 */
	return hvc(PSCI_0_2_CPU_ON, ((cpu >> 2) << 8) | (cpu & 3),
		   (uintptr_t)guest_secondary_entry, cpu);
}
