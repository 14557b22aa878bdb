/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest side of the selftests: bare-metal ARMv7, ARM state, MMU off.
 * A guest program defines guest_main(); crt0 calls it with the stacks and
 * exception vectors set up, and reports GUEST_DONE() when it returns.
 */
#ifndef __KVM_SELFTEST_GUEST_H
#define __KVM_SELFTEST_GUEST_H

#include <stdint.h>

#include "ucall.h"

void guest_main(void);

void guest_ucall(uint32_t cmd, uint32_t nargs, uint64_t a0, uint64_t a1,
		 uint64_t a2, uint64_t a3);
void guest_done(void);

#define GUEST_SYNC(v)		guest_ucall(UCALL_SYNC, 1, (v), 0, 0, 0)
#define GUEST_SYNC2(v, w)	guest_ucall(UCALL_SYNC, 2, (v), (w), 0, 0)
#define GUEST_SYNC4(v, w, x, y)	guest_ucall(UCALL_SYNC, 4, (v), (w), (x), (y))
#define GUEST_DONE()		guest_done()

#define __GUEST_ASSERT(cond, text, value) do {				\
	if (!(cond))							\
		guest_ucall(UCALL_ASSERT, 4, (uintptr_t)__FILE__,	\
			    __LINE__, (uintptr_t)(text), (value));	\
} while (0)

#define GUEST_ASSERT(cond)	__GUEST_ASSERT(cond, #cond, 0)
/* On failure the host prints the expression and the value of @got. */
#define GUEST_ASSERT_EQ(got, want) do {					\
	uint64_t __got = (got);						\
	__GUEST_ASSERT(__got == (uint64_t)(want),			\
		       #got " == " #want, __got);			\
} while (0)

/* Linker symbols: the image's file contents in RAM */
extern const char __image_start[], __image_end[];

static inline void barrier(void)
{
	__asm__ __volatile__("" : : : "memory");
}

/* ---- device (MMIO) accessors: one single-register access each --------- */

static inline void mmio_write8(uintptr_t addr, uint8_t v)
{
	__asm__ __volatile__("strb %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write16(uintptr_t addr, uint16_t v)
{
	__asm__ __volatile__("strh %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

static inline void mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ __volatile__("str %0, [%1]" : : "r"(v), "r"(addr) : "memory");
}

/* One 64-bit access: STRD (no single-register form exists in AArch32). */
static inline void mmio_write64(uintptr_t addr, uint64_t v)
{
	register uint32_t lo __asm__("r2") = (uint32_t)v;
	register uint32_t hi __asm__("r3") = (uint32_t)(v >> 32);

	__asm__ __volatile__("strd %0, %1, [%2]"
			     : : "r"(lo), "r"(hi), "r"(addr) : "memory");
}

static inline uint8_t mmio_read8(uintptr_t addr)
{
	uint32_t v;

	__asm__ __volatile__("ldrb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline uint16_t mmio_read16(uintptr_t addr)
{
	uint32_t v;

	__asm__ __volatile__("ldrh %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline uint32_t mmio_read32(uintptr_t addr)
{
	uint32_t v;

	__asm__ __volatile__("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

/* One 64-bit access: LDRD. */
static inline uint64_t mmio_read64(uintptr_t addr)
{
	register uint32_t lo __asm__("r2");
	register uint32_t hi __asm__("r3");

	__asm__ __volatile__("ldrd %0, %1, [%2]"
			     : "=r"(lo), "=r"(hi) : "r"(addr) : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* Sign-extending loads: LDRSB and LDRSH. */
static inline int32_t mmio_read8s(uintptr_t addr)
{
	int32_t v;

	__asm__ __volatile__("ldrsb %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

static inline int32_t mmio_read16s(uintptr_t addr)
{
	int32_t v;

	__asm__ __volatile__("ldrsh %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

/* ---- the mailbox page (RAM the host writes and reads at a fixed place) */

static inline uint32_t mailbox_read(unsigned int i)
{
	return __atomic_load_n((uint32_t *)GUEST_MAILBOX_GPA + i, __ATOMIC_RELAXED);
}

static inline void mailbox_write(unsigned int i, uint32_t v)
{
	__atomic_store_n((uint32_t *)GUEST_MAILBOX_GPA + i, v, __ATOMIC_RELAXED);
}

/* ---- calls to the hypervisor ------------------------------------------ */

/* SMCCC call over HVC: function id in r0, result in r0. */
static inline uint32_t hvc(uint32_t fn, uint32_t a1, uint32_t a2, uint32_t a3)
{
	register uint32_t r0 __asm__("r0") = fn;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;

	__asm__ __volatile__(".arch_extension virt\n\thvc #0"
			     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			     : : "memory");
	return r0;
}

/* ---- exceptions ----------------------------------------------------------- */

enum guest_vector {
	VEC_RESET, VEC_UND, VEC_SVC, VEC_PABT, VEC_DABT, VEC_HYP, VEC_IRQ,
	VEC_FIQ,
};

/* The last exception taken, kept by guest_exception() (lib.c). */
struct guest_exception_record {
	uint32_t count;
	uint32_t vec;
	uint32_t lr;		/* the exception mode's LR on entry */
	uint32_t spsr;
	uint32_t handle_mask;	/* 1 << VEC_x: resume after it, not fail */
};

extern struct guest_exception_record guest_ex;

uint32_t guest_exception(uint32_t vec, uint32_t lr, uint32_t spsr);

/*
 * guest_main() of a guest checking a CP15 register whose writes the host
 * ignores: read it, write its complement, read it again, and report
 * GUEST_SYNC2(first read, second read).  @ops: the MRC/MCR operands,
 * "p15, <opc1>, %0, <CRn>, <CRm>, <opc2>".
 */
#define CP15_WRITE_IGNORED_GUEST(ops)					\
void guest_main(void)							\
{									\
	uint32_t before, after;						\
									\
	__asm__ __volatile__("mrc " ops : "=r"(before));		\
	__asm__ __volatile__("mcr " ops "\n\tisb"			\
			     : : "r"(~before) : "memory");		\
	__asm__ __volatile__("mrc " ops : "=r"(after));			\
	GUEST_ASSERT_EQ(guest_ex.count, 0);				\
	GUEST_SYNC2(before, after);					\
}

/* Called for every IRQ exception when set; the IRQ resumes after it. */
extern void (*guest_irq_handler)(void);

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("cpsie i" : : : "memory");
}

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cpsid i" : : : "memory");
}

static inline void wfi(void)
{
	__asm__ __volatile__("dsb\n\twfi" : : : "memory");
}

static inline uint32_t guest_cpu_id(void)
{
	uint32_t mpidr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	return ((mpidr >> 8) & 0xff) * 4 + (mpidr & 0xff);
}

/* ---- PSCI 0.2 (ARM DEN 0022) ---------------------------------------------- */
#define PSCI_0_2_VERSION		0x84000000U
#define PSCI_0_2_CPU_OFF		0x84000002U
#define PSCI_0_2_CPU_ON			0x84000003U
#define PSCI_0_2_AFFINITY_INFO		0x84000004U
#define PSCI_0_2_SYSTEM_OFF		0x84000008U
#define PSCI_0_2_SYSTEM_RESET		0x84000009U
#define PSCI_RET_SUCCESS		0
#define PSCI_RET_INVALID_PARAMS		0xfffffffeU
#define PSCI_RET_ALREADY_ON		0xfffffffcU

/*
 * Start VCPU @cpu (created with KVM_ARM_VCPU_POWER_OFF) at @fn(cpu), on
 * stacks of its own; when @fn returns the VCPU calls CPU_OFF.
 * Return: the PSCI result of CPU_ON.
 */
uint32_t guest_cpu_on(uint32_t cpu, void (*fn)(uint32_t cpu));

/* crt0.S: where secondaries enter; it calls guest_secondary_main(cpu) */
extern char guest_secondary_entry[];
void guest_secondary_main(uint32_t cpu);

#endif /* __KVM_SELFTEST_GUEST_H */
