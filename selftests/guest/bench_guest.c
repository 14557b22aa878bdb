// SPDX-License-Identifier: GPL-2.0-only
/*
 * Micro-benchmarks timed from inside the guest with its virtual counter:
 * under QEMU's -icount shift=0 one instruction is one nanosecond, so the
 * host reports instructions per operation.  Mailbox word 0 picks the set:
 * 0 the exits (results as GUEST_SYNC2(id, ticks): 0 the counter's
 * frequency, 1 HVC to the host, 2 MMIO to the VMM, 3 the empty loop,
 * 4 HVC answered in HYP, 5 MMIO to an ioeventfd, 6 and 7 stage-2 faults),
 * 1 the interrupts, 2 idle, 3 and 4 HVCs or MMIO writes without end.
 */
#include "gic.h"

#define BENCH_MMIO_GPA	0x10000000UL
#define BENCH_IOEVENT_GPA 0x10003000UL	/* an ioeventfd: no exit to the VMM */
#define BENCH_ITERS	2000
#define SMCCC_UNKNOWN	0x8600ffffU	/* no service: the host answers -1 */
#define PSCI_VERSION	0x84000000U	/* answered in HYP (hyp/switch.c) */
#define PAGE_SIZE	4096U

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n"
			     "mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/*
 * Interrupt costs (mailbox word 0 = 1), in a VM with a vGICv2 and two
 * VCPUs; results as GUEST_SYNC2(id, ticks summed over IRQ_ITERS):
 *   4  virtual IPI: VCPU 0 writes GICD_SGIR .. VCPU 1's handler runs,
 *      VCPU 1 spinning in the guest with interrupts enabled; VCPU 0
 *      waits in WFI for VCPU 1's answer (an SGI back), so that its host
 *      CPU goes idle: a host CPU spinning in the guest would hold on to
 *      QEMU's round-robin of CPUs under -icount and delay the target
 *   11 the same with VCPU 1 waiting in WFI
 *   5  acknowledge + EOI of pending SGIs (IAR read, EOIR write), in
 *      batches of ACK_BATCH (ticks are 16 ns: one pair is below that),
 *      as many as QEMU's GICH has list registers
 *   6  the same two counter reads around nothing
 *   7  batches of 5 that took as long as an exit (mailbox word 1: the
 *      threshold in ticks) or whose IARs were not the SGIs sent
 *   12, 13  as 5, 7 with 16 SGIs: more than the list registers hold
 *   20 + v  the VMM raises SPI 32 with injector v (mailbox word 2: how
 *      many) on an MMIO write to BENCH_IRQ_GPA .. VCPU 0's handler runs,
 *      the MMIO exit included; BENCH_ACK_GPA makes the VMM lower it
 *   8, 9 marks around 5, between which the VMM counts its exits
 */
#define BENCH_IRQ_GPA	0x10001000UL
#define BENCH_ACK_GPA	0x10002000UL
#define IRQ_ITERS	500
#define SGI_IPI		1
#define SPI_BENCH	32
#define ACK_BATCH	4	/* the list registers of QEMU's GICH */

/* low words of the counter: the differences measured fit in 32 bits */
static uint32_t ipi_time, spi_time;
static uint32_t ipi_seq, spi_seq, bench_stop, ipi_wfi;

static void bench_irq_handler(void)
{
	uint32_t t = cntvct();
	uint32_t iar;

	/* the time is the handler's first act, before the acknowledge */
	iar = gic_ack();
	if (guest_cpu_id() == 1) {
		WRITE_ONCE(ipi_time, t);
		WRITE_ONCE(ipi_seq, ipi_seq + 1);
		gic_send_sgi(GICD_SGIR_TARGET_LIST, 1U << 0, SGI_IPI);
	} else if ((iar & 0x3ff) == SPI_BENCH) {
		WRITE_ONCE(spi_time, t);
		WRITE_ONCE(spi_seq, spi_seq + 1);
	}
	if ((iar & 0x3ff) != GIC_SPURIOUS)
		gic_eoi(iar);
}

/* VCPU 1: spins or waits in WFI, interrupts enabled, until told to stop. */
static void ipi_target(uint32_t cpu)
{
	GUEST_ASSERT_EQ(cpu, 1);
	gicd_write(GICD_ISENABLER, 0xffff);
	gic_cpu_enable();
	local_irq_enable();
	while (!READ_ONCE(bench_stop)) {
		if (READ_ONCE(ipi_wfi))
			wfi();
		else
			barrier();
	}
	local_irq_disable();
}

/* Ticks from VCPU 0's GICD_SGIR write to VCPU 1's handler, summed. */
static uint64_t ipi_bench(void)
{
	uint64_t sum = 0;
	uint32_t i, seq, t0;

	for (i = 0; i < IRQ_ITERS; i++) {
		seq = READ_ONCE(ipi_seq);
		t0 = cntvct();
		gic_send_sgi(GICD_SGIR_TARGET_LIST, 1U << 1, SGI_IPI);
		/* masked while checking: the answer cannot slip in before WFI */
		for (;;) {
			local_irq_disable();
			if (READ_ONCE(ipi_seq) != seq)
				break;
			wfi();
			local_irq_enable();
		}
		local_irq_enable();
		sum += (uint32_t)(READ_ONCE(ipi_time) - t0);
	}
	return sum;
}

/*
 * @batch SGIs to self made pending (each write traps), then acknowledged
 * and EOIed back to back between two counter reads, IRQ_ITERS times.
 */
static void ack_bench(uint32_t batch, uint64_t *sum, uint64_t *empty,
		      uint32_t *slow)
{
	uint64_t t0, t1, limit = mailbox_read(1);
	uint32_t i, k, iar, seen;

	*sum = *empty = 0;
	*slow = 0;
	for (i = 0; i < IRQ_ITERS; i++) {
		for (k = 0; k < batch; k++)
			gic_send_sgi(GICD_SGIR_TARGET_SELF, 0, k);
		seen = 0;
		t0 = cntvct();
		for (k = 0; k < batch; k++) {
			iar = gic_ack();
			gic_eoi(iar);
			seen |= 1U << (iar & 0x1f);
		}
		t1 = cntvct();
		*sum += t1 - t0;
		if (t1 - t0 >= limit || seen != (1U << batch) - 1)
			(*slow)++;
		t0 = cntvct();
		t1 = cntvct();
		*empty += t1 - t0;
	}
}

static void irq_bench(void)
{
	uint64_t sum, empty;
	uint32_t i, v, seq, slow;

	guest_irq_handler = bench_irq_handler;
	gic_dist_enable();
	gicd_write(GICD_ISENABLER, 0xffff);
	gic_cpu_enable();
	GUEST_ASSERT_EQ(guest_cpu_on(1, ipi_target), 0);

	/* (a) VCPU 0 to VCPU 1, spinning, then in WFI */
	local_irq_enable();
	GUEST_SYNC2(4, ipi_bench());
	WRITE_ONCE(ipi_wfi, 1);
	GUEST_SYNC2(11, ipi_bench());
	WRITE_ONCE(bench_stop, 1);
	local_irq_disable();

	/* (c), (d) acknowledge + EOI, interrupts masked */
	GUEST_SYNC2(8, 0);
	ack_bench(ACK_BATCH, &sum, &empty, &slow);
	GUEST_SYNC2(9, 0);
	GUEST_SYNC2(5, sum);
	GUEST_SYNC2(6, empty);
	GUEST_SYNC2(7, slow);
	ack_bench(16, &sum, &empty, &slow);
	GUEST_SYNC2(12, sum);
	GUEST_SYNC2(13, slow);

	/* (b) SPI 32 raised by the VMM on each MMIO exit, per injector */
	gic_irq_set_edge(SPI_BENCH, 1);
	gic_irq_set_targets(SPI_BENCH, 1);
	gic_irq_enable(SPI_BENCH);
	local_irq_enable();
	for (v = 0; v < mailbox_read(2); v++) {
		sum = 0;
		for (i = 0; i < IRQ_ITERS; i++) {
			uint32_t t0;

			seq = READ_ONCE(spi_seq);
			t0 = cntvct();
			mmio_write32(BENCH_IRQ_GPA, v);
			while (READ_ONCE(spi_seq) == seq)
				barrier();
			sum += (uint32_t)(READ_ONCE(spi_time) - t0);
			mmio_write32(BENCH_ACK_GPA, v);
		}
		GUEST_SYNC2(20 + v, sum);
	}
	local_irq_disable();
}

/*
 * Idle (mailbox word 0 = 2): WFI with interrupts masked and the virtual
 * timer off, so nothing but the VMM's signal ends KVM_RUN; the host
 * measures what the sleeping VCPU thread costs it.
 */
static void idle_bench(void)
{
	__asm__ __volatile__("mcr p15, 0, %0, c14, c3, 1" : : "r"(0)); /* CNTV_CTL */
	for (;;)
		wfi();
}

/*
 * Stage-2 faults (results 6, 7): one write to each of mailbox word 3
 * fresh pages from mailbox word 4 on, a memory slot the host has not
 * touched either; then the same loop again over pages now mapped.
 */
static void fault_bench(void)
{
	uint32_t base = mailbox_read(4), n = mailbox_read(3), i;
	uint64_t t0, t1;

	t0 = cntvct();
	for (i = 0; i < n; i++)
		WRITE_ONCE(*(uint32_t *)(base + i * PAGE_SIZE), i);
	t1 = cntvct();
	GUEST_SYNC2(6, t1 - t0);
	t0 = cntvct();
	for (i = 0; i < n; i++)
		WRITE_ONCE(*(uint32_t *)(base + i * PAGE_SIZE), i);
	t1 = cntvct();
	GUEST_SYNC2(7, t1 - t0);
}

void guest_main(void)
{
	uint64_t t0, t1;
	uint32_t freq;
	int i;

	if (mailbox_read(0) == 1) {
		irq_bench();
		return;
	}
	if (mailbox_read(0) == 2)
		idle_bench();
	/* traced by selftests/harness/bench-trace.sh: endless round trips */
	while (mailbox_read(0) == 3)
		hvc(SMCCC_UNKNOWN, 0, 0, 0);
	while (mailbox_read(0) == 4)
		mmio_write32(BENCH_MMIO_GPA, 0);

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	GUEST_SYNC2(0, freq);

	/* an exit handled by the host's C code and back */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		hvc(SMCCC_UNKNOWN, 0, 0, 0);
	t1 = cntvct();
	GUEST_SYNC2(1, t1 - t0);

	/* an MMIO write that goes out to the VMM and back */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		mmio_write32(BENCH_MMIO_GPA, i);
	t1 = cntvct();
	GUEST_SYNC2(2, t1 - t0);

	/* the same loop with nothing in it: the loop's own cost */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		barrier();
	t1 = cntvct();
	GUEST_SYNC2(3, t1 - t0);

	/* a null hypercall that HYP answers itself (a PSCI 0.2 VCPU) */
	GUEST_ASSERT_EQ(hvc(PSCI_VERSION, 0, 0, 0), 2);
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		hvc(PSCI_VERSION, 0, 0, 0);
	t1 = cntvct();
	GUEST_SYNC2(4, t1 - t0);

	/* an MMIO write that an ioeventfd takes in the host's kernel */
	t0 = cntvct();
	for (i = 0; i < BENCH_ITERS; i++)
		mmio_write32(BENCH_IOEVENT_GPA, i);
	t1 = cntvct();
	GUEST_SYNC2(5, t1 - t0);

	fault_bench();
}
