// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMP guests on the vGICv2.  VCPU 0 runs guest_main(), starts the others
 * (mailbox word 1 of them) with PSCI CPU_ON and steers them through
 * commands in shared memory; every CPU counts the interrupts it receives
 * per INTID and per source.  The host picks the scenario in mailbox word 0
 * (smp_test.c):
 *   0  SGIs by target list, "all but self" and "self"; SPIs routed by
 *      GICD_ITARGETSR; PPIs per VCPU; CPU_OFF, AFFINITY_INFO, CPU_ON
 *      again and its errors; then SYSTEM_OFF
 *   1  all CPUs up, then SYSTEM_RESET
 *   2  SGI ping-pong between pairs of CPUs while the host migrates the
 *      VCPU threads (mailbox word 2: rounds); then SYSTEM_OFF
 *   3  WFI with interrupts masked and nothing pending, forever
 * Requests to the host: GUEST_SYNC with REQ_LINE, irq, level.
 */
#include "gic.h"

#define REQ_LINE	1

#define LINE_SPI(n)		((1U << 24) | (n))
#define LINE_PPI(cpu, n)	((2U << 24) | ((cpu) << 16) | (n))

#define SGI_LIST	1
#define SGI_OTHERS	2
#define SGI_SELF	3
#define SGI_PING	4
#define SGI_PONG	5
#define PPI_A		20
#define SPI_BASE	32

#define SETTLE		200000
#define TIMEOUT_S	3	/* a wait longer than this has failed */

enum cmd {
	CMD_NONE,
	CMD_SGI_LIST,
	CMD_SGI_OTHERS,
	CMD_SGI_SELF,
	CMD_PINGPONG,
	CMD_EXIT,
};

static uint32_t nr_cpus;
static uint32_t cmd_seq, cmd;
static uint32_t done_seq[GUEST_MAX_CPUS];
static uint32_t online[GUEST_MAX_CPUS];
/* written by the receiving CPU only */
static uint32_t sgi_from[GUEST_MAX_CPUS][16][GUEST_MAX_CPUS];
static uint32_t irq_count[GUEST_MAX_CPUS][96];
static uint32_t bad_iar[GUEST_MAX_CPUS];
static uint32_t rounds;
static uint32_t pp_fail[GUEST_MAX_CPUS];

static void irq_handler(void)
{
	uint32_t cpu = guest_cpu_id();
	uint32_t iar = gic_ack();
	uint32_t intid = iar & 0x3ff, src = (iar >> 10) & 7;

	if (intid == GIC_SPURIOUS)
		return;
	if (intid < 16)
		WRITE_ONCE(sgi_from[cpu][intid][src], sgi_from[cpu][intid][src] + 1);
	else if (src)	/* GICC_IAR[12:10] is 0 for PPIs and SPIs (4.4.4) */
		WRITE_ONCE(bad_iar[cpu], iar);
	if (intid < 96)
		WRITE_ONCE(irq_count[cpu][intid], irq_count[cpu][intid] + 1);
	else
		WRITE_ONCE(bad_iar[cpu], iar);
	/*
	 * The PPI is level-sensitive with its line still high: pending again
	 * as soon as it is deactivated.  Taken once, then disabled (banked).
	 */
	if (intid == PPI_A)
		gic_irq_disable(PPI_A);
	gic_eoi(iar);
}

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n"
			     "mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* The virtual counter value TIMEOUT_S seconds from now. */
static uint64_t deadline(void)
{
	uint32_t freq;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	return cntvct() + (uint64_t)freq * TIMEOUT_S;
}

/* Wait with WFI until *@p >= @want; masked while checking (no lost wake). */
static int wfi_until(uint32_t *p, uint32_t want)
{
	uint64_t end = deadline();

	while (cntvct() < end) {
		local_irq_disable();
		if (READ_ONCE(*p) >= want) {
			local_irq_enable();
			return 0;
		}
		wfi();
		local_irq_enable();
	}
	return -1;
}

static void spin_until(uint32_t *p, uint32_t want)
{
	uint64_t end = deadline();

	while (READ_ONCE(*p) < want && cntvct() < end)
		barrier();
}

static void settle(void)
{
	uint32_t i;

	for (i = 0; i < SETTLE; i++)
		barrier();
}

static void cpu_setup(uint32_t cpu)
{
	gicd_write(GICD_ISENABLER, 0xffff);	/* this CPU's SGIs (banked) */
	gic_irq_set_priority(PPI_A, 0xa0);
	gic_irq_enable(PPI_A);
	gic_cpu_enable();
	local_irq_enable();
	WRITE_ONCE(online[cpu], online[cpu] + 1);
}

/* SGI ping-pong: even CPU 2k pings 2k + 1, which answers each ping. */
static void pingpong(uint32_t cpu)
{
	uint32_t r, peer = cpu ^ 1;

	if (peer >= nr_cpus)
		return;
	for (r = 1; r <= READ_ONCE(rounds); r++) {
		if (!(cpu & 1)) {
			gic_send_sgi(GICD_SGIR_TARGET_LIST, 1U << peer, SGI_PING);
			if (wfi_until(&irq_count[cpu][SGI_PONG], r)) {
				WRITE_ONCE(pp_fail[cpu], r);
				return;
			}
		} else {
			if (wfi_until(&irq_count[cpu][SGI_PING], r)) {
				WRITE_ONCE(pp_fail[cpu], r);
				return;
			}
			gic_send_sgi(GICD_SGIR_TARGET_LIST, 1U << peer, SGI_PONG);
		}
	}
}

static void do_cmd(uint32_t cpu, uint32_t c)
{
	uint32_t t;

	switch (c) {
	case CMD_SGI_LIST:
		for (t = 0; t < nr_cpus; t++)
			if (t != cpu)
				gic_send_sgi(GICD_SGIR_TARGET_LIST, 1U << t, SGI_LIST);
		break;
	case CMD_SGI_OTHERS:
		/* the target list is ignored with this filter (4.3.15) */
		gic_send_sgi(GICD_SGIR_TARGET_OTHERS, 1U << cpu, SGI_OTHERS);
		break;
	case CMD_SGI_SELF:
		gic_send_sgi(GICD_SGIR_TARGET_SELF, 0xff, SGI_SELF);
		break;
	case CMD_PINGPONG:
		pingpong(cpu);
		break;
	}
}

static void secondary(uint32_t cpu)
{
	uint32_t seen = READ_ONCE(cmd_seq);	/* older commands are not for it */

	cpu_setup(cpu);
	for (;;) {
		while (READ_ONCE(cmd_seq) == seen)
			barrier();
		seen = READ_ONCE(cmd_seq);
		if (READ_ONCE(cmd) == CMD_EXIT)
			break;
		do_cmd(cpu, READ_ONCE(cmd));
		WRITE_ONCE(done_seq[cpu], seen);
	}
	local_irq_disable();
	WRITE_ONCE(done_seq[cpu], seen);
}

/* Run @c on every CPU, VCPU 0 included, and wait for all to finish it. */
static void broadcast(uint32_t c)
{
	uint32_t cpu, seq = READ_ONCE(cmd_seq) + 1;

	WRITE_ONCE(cmd, c);
	WRITE_ONCE(cmd_seq, seq);
	do_cmd(0, c);
	WRITE_ONCE(done_seq[0], seq);
	for (cpu = 1; cpu < nr_cpus; cpu++) {
		spin_until(&done_seq[cpu], seq);
		/* on failure: the CPU in [31:16], what it finished in [15:0] */
		GUEST_ASSERT_EQ(cpu << 16 | READ_ONCE(done_seq[cpu]), cpu << 16 | seq);
	}
}

static uint32_t mpidr_of(uint32_t cpu)
{
	return ((cpu >> 2) << 8) | (cpu & 3);
}

static void boot_all(void)
{
	uint32_t cpu;

	guest_irq_handler = irq_handler;
	gic_dist_enable();
	cpu_setup(0);
	for (cpu = 1; cpu < nr_cpus; cpu++)
		GUEST_ASSERT_EQ(guest_cpu_on(cpu, secondary), PSCI_RET_SUCCESS);
	for (cpu = 1; cpu < nr_cpus; cpu++) {
		spin_until(&online[cpu], 1);
		GUEST_ASSERT_EQ(READ_ONCE(online[cpu]), 1);
		GUEST_ASSERT_EQ(hvc(PSCI_0_2_AFFINITY_INFO, mpidr_of(cpu), 0, 0), 0);
	}
}

/* Wait until every CPU's count of @intid from every source is as wanted. */
static void check_sgi(uint32_t sgi, int to_others, int to_self)
{
	uint32_t c, s, want;

	settle();
	for (c = 0; c < nr_cpus; c++) {
		for (s = 0; s < nr_cpus; s++) {
			want = (s == c) ? to_self : to_others;
			spin_until(&sgi_from[c][sgi][s], want);
			GUEST_ASSERT_EQ(READ_ONCE(sgi_from[c][sgi][s]), want);
		}
		GUEST_ASSERT_EQ(READ_ONCE(bad_iar[c]), 0);
	}
}

static void check_spi_routing(void)
{
	uint64_t end;
	uint32_t c, t;

	/* SPI 32 + c goes to CPU c only (GICD_ITARGETSR, 4.3.12) */
	for (c = 0; c < nr_cpus; c++) {
		gic_irq_set_edge(SPI_BASE + c, 1);
		gic_irq_set_priority(SPI_BASE + c, 0xa0);
		gic_irq_set_targets(SPI_BASE + c, 1U << c);
		gic_irq_enable(SPI_BASE + c);
		guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE + c), 1, 0);
		guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE + c), 0, 0);
	}
	settle();
	for (c = 0; c < nr_cpus; c++) {
		spin_until(&irq_count[c][SPI_BASE + c], 1);
		for (t = 0; t < nr_cpus; t++)
			GUEST_ASSERT_EQ(READ_ONCE(irq_count[t][SPI_BASE + c]), t == c);
	}
	/* several targets: taken by one of them, once (1-N model, 1.4.3) */
	gic_irq_set_targets(SPI_BASE, (1U << nr_cpus) - 1);
	guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE), 1, 0);
	guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE), 0, 0);
	end = deadline();
	do {
		for (t = 0, c = 0; c < nr_cpus; c++)
			t += READ_ONCE(irq_count[c][SPI_BASE]);
	} while (t < 2 && cntvct() < end);
	settle();
	for (t = 0, c = 0; c < nr_cpus; c++)
		t += READ_ONCE(irq_count[c][SPI_BASE]);
	GUEST_ASSERT_EQ(t, 2);
	for (c = 0; c < nr_cpus; c++)
		WRITE_ONCE(irq_count[c][SPI_BASE], c == 0);

	/* moved: SPI 32 now to the last CPU */
	c = nr_cpus - 1;
	gic_irq_set_targets(SPI_BASE, 1U << c);
	guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE), 1, 0);
	guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_SPI(SPI_BASE), 0, 0);
	spin_until(&irq_count[c][SPI_BASE], c ? 1 : 2);
	settle();
	GUEST_ASSERT_EQ(READ_ONCE(irq_count[c][SPI_BASE]), c ? 1 : 2);
	if (c)
		GUEST_ASSERT_EQ(READ_ONCE(irq_count[0][SPI_BASE]), 1);
}

/* A PPI raised on VCPU c reaches CPU c only (KVM_ARM_IRQ_TYPE_PPI). */
static void check_ppi(void)
{
	uint32_t c, t;

	for (c = 0; c < nr_cpus; c++) {
		guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_PPI(c, PPI_A), 1, 0);
		spin_until(&irq_count[c][PPI_A], 1);
		guest_ucall(UCALL_SYNC, 3, REQ_LINE, LINE_PPI(c, PPI_A), 0, 0);
		settle();
		for (t = 0; t < nr_cpus; t++)
			GUEST_ASSERT_EQ(READ_ONCE(irq_count[t][PPI_A]), t <= c);
	}
}

static void check_cpu_off_on(void)
{
	uint64_t end;
	uint32_t cpu;

	/* CPU_ON of a running CPU, of VCPU 0 itself, of one that is not there */
	if (nr_cpus > 1)
		GUEST_ASSERT_EQ(guest_cpu_on(1, secondary), PSCI_RET_ALREADY_ON);
	GUEST_ASSERT_EQ(hvc(PSCI_0_2_CPU_ON, 0, 0x80000000U, 0), PSCI_RET_ALREADY_ON);
	if (nr_cpus < GUEST_MAX_CPUS)
		GUEST_ASSERT_EQ(hvc(PSCI_0_2_CPU_ON, mpidr_of(nr_cpus), 0x80000000U, 0),
				PSCI_RET_INVALID_PARAMS);
	GUEST_ASSERT_EQ(hvc(PSCI_0_2_CPU_ON, 0x10000, 0x80000000U, 0),
			PSCI_RET_INVALID_PARAMS);

	/* the secondaries return, so guest_secondary_main() calls CPU_OFF */
	broadcast(CMD_EXIT);
	for (cpu = 1; cpu < nr_cpus; cpu++) {
		end = deadline();
		while (cntvct() < end)
			if (hvc(PSCI_0_2_AFFINITY_INFO, mpidr_of(cpu), 0, 0) == 1)
				break;
		GUEST_ASSERT_EQ(hvc(PSCI_0_2_AFFINITY_INFO, mpidr_of(cpu), 0, 0), 1);
	}
	if (nr_cpus < 2)
		return;
	/* and on again: it starts from the entry point afresh */
	GUEST_ASSERT_EQ(guest_cpu_on(1, secondary), PSCI_RET_SUCCESS);
	spin_until(&online[1], 2);
	GUEST_ASSERT_EQ(READ_ONCE(online[1]), 2);
	GUEST_ASSERT_EQ(hvc(PSCI_0_2_AFFINITY_INFO, mpidr_of(1), 0, 0), 0);
	/* it still gets SGIs (its CPU interface set up again) */
	gic_send_sgi(GICD_SGIR_TARGET_LIST, 2, SGI_SELF);
	spin_until(&sgi_from[1][SGI_SELF][0], 1);
	GUEST_ASSERT_EQ(READ_ONCE(sgi_from[1][SGI_SELF][0]), 1);
}

static void system_off(void)
{
	local_irq_disable();
	hvc(PSCI_0_2_SYSTEM_OFF, 0, 0, 0);
	GUEST_ASSERT(0);	/* SYSTEM_OFF returned */
}

void guest_main(void)
{
	uint32_t cpu;

	nr_cpus = mailbox_read(1);
	WRITE_ONCE(rounds, mailbox_read(2));
	GUEST_ASSERT_EQ(guest_cpu_id(), 0);

	switch (mailbox_read(0)) {
	case 0:
		boot_all();
		broadcast(CMD_SGI_LIST);
		check_sgi(SGI_LIST, 1, 0);
		broadcast(CMD_SGI_OTHERS);
		check_sgi(SGI_OTHERS, 1, 0);
		broadcast(CMD_SGI_SELF);
		check_sgi(SGI_SELF, 0, 1);
		check_spi_routing();
		check_ppi();
		check_cpu_off_on();
		system_off();
		break;
	case 1:
		boot_all();
		hvc(PSCI_0_2_SYSTEM_RESET, 0, 0, 0);
		GUEST_ASSERT(0);
		break;
	case 2:
		boot_all();
		broadcast(CMD_PINGPONG);
		for (cpu = 0; cpu < nr_cpus; cpu++) {
			GUEST_ASSERT_EQ(READ_ONCE(pp_fail[cpu]), 0);
			if ((cpu ^ 1) >= nr_cpus)
				continue;
			/* every ping and every pong arrived, from the peer */
			GUEST_ASSERT_EQ(READ_ONCE(irq_count[cpu][cpu & 1 ? SGI_PING : SGI_PONG]),
					READ_ONCE(rounds));
			GUEST_ASSERT_EQ(READ_ONCE(sgi_from[cpu][cpu & 1 ? SGI_PING : SGI_PONG][cpu ^ 1]),
					READ_ONCE(rounds));
		}
		GUEST_SYNC2(2, READ_ONCE(rounds));
		system_off();
		break;
	case 3:
		local_irq_disable();
		for (;;)
			wfi();
	}
}
