// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GICv2 distributor (ARM IHI 0048B, 4.3) from the guest's side,
 * checked to the letter.  The host sets mailbox word 0 to the scenario,
 * word 2 to the number of VCPUs and word 3 to the number of interrupts it
 * configured; VCPU 1 reports its banked view in words 8-13.
 *
 * The distributor stays disabled (GICD_CTLR = 0) while state is set and
 * cleared, so nothing is ever signalled to a CPU interface: every value
 * read back is the register's, not the result of an acknowledge.
 */
#include "gic.h"

enum {
	CASE_REGISTERS,		/* the distributor checks below */
	CASE_WFI,		/* sleep in WFI until the host gives up */
	CASE_SYNC,		/* one GUEST_SYNC(1), then done */
};

#define MB_CASE		0
#define MB_WFI		1	/* the guest is about to sleep */
#define MB_NR_CPUS	2
#define MB_NR_IRQS	3
#define MB_CPU1_DONE	7
#define MB_CPU1_TARGETS	8	/* VCPU 1: ITARGETSR0 */
#define MB_CPU1_TGT_PPI	9	/* VCPU 1: ITARGETSR byte of PPI 31 */
#define MB_CPU1_TYPER	10
#define MB_CPU1_PEND	11	/* VCPU 1: ISPENDR0 after setting PPI 17 (and SGI 6 from VCPU 0) */
#define MB_CPU1_SGIPEND	12	/* VCPU 1: SPENDSGIR0 after setting SGI 2 */
#define MB_CPU1_PRIO	13	/* VCPU 1: IPRIORITYR of SGI 0-3 */
#define MB_CPU1_SGI4_7	14	/* VCPU 1: SPENDSGIR of SGI 4-7 on arrival */

#define GICD_IIDR_KVM		0x4b00243bU
#define PRIO_MASK		0xf8f8f8f8U	/* five implemented bits */
#define GICD_ICPIDR2		0xfe8

static uint32_t nr_cpus, nr_irqs, cpu_mask;

static uintptr_t gicd(uint32_t off)
{
	return GUEST_GICD_GPA + off;
}

/* @b in every byte of a word */
static uint32_t rep8(uint32_t b)
{
	return (b & 0xff) * 0x01010101U;
}

/* 4.3: a register at @off that is not implemented is RAZ/WI */
static void check_raz_wi(uint32_t off)
{
	gicd_write(off, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(off), 0);
}

/* Halfwords are never a valid access (4.1.4): RAZ/WI. */
static void check_no_halfword(uint32_t off)
{
	uint32_t v = gicd_read(off);

	GUEST_ASSERT_EQ(mmio_read16(gicd(off)), 0);
	GUEST_ASSERT_EQ(mmio_read16(gicd(off + 2)), 0);
	mmio_write16(gicd(off), ~v);
	GUEST_ASSERT_EQ(gicd_read(off), v);
}

/* Bytes only where 4.1.4 allows them: elsewhere RAZ/WI. */
static void check_no_byte(uint32_t off)
{
	uint32_t v = gicd_read(off);

	GUEST_ASSERT_EQ(mmio_read8(gicd(off)), 0);
	GUEST_ASSERT_EQ(mmio_read8(gicd(off + 1)), 0);
	mmio_write8(gicd(off), ~v);
	GUEST_ASSERT_EQ(gicd_read(off), v);
}

/* 4.3.2 GICD_TYPER, 4.3.3 GICD_IIDR: read-only */
static void check_typer_iidr(void)
{
	uint32_t typer = gicd_read(GICD_TYPER), iidr = gicd_read(GICD_IIDR);

	GUEST_ASSERT_EQ(typer & 0x1f, nr_irqs / 32 - 1);	/* ITLinesNumber */
	GUEST_ASSERT_EQ((typer >> 5) & 7, nr_cpus - 1);		/* CPUNumber */
	GUEST_ASSERT_EQ(typer & (1 << 10), 0);			/* SecurityExtn */
	GUEST_ASSERT_EQ(typer >> 11, 0);			/* LSPI, reserved */
	gicd_write(GICD_TYPER, ~typer);
	GUEST_ASSERT_EQ(gicd_read(GICD_TYPER), typer);

	GUEST_ASSERT_EQ(iidr, GICD_IIDR_KVM);
	gicd_write(GICD_IIDR, ~iidr);
	GUEST_ASSERT_EQ(gicd_read(GICD_IIDR), iidr);
	check_no_byte(GICD_TYPER);
	check_no_halfword(GICD_TYPER);
}

/* 4.3.1 GICD_CTLR without the Security Extensions: EnableGrp1, EnableGrp0 */
static void check_ctlr(void)
{
	gicd_write(GICD_CTLR, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_CTLR), 3);
	gicd_write(GICD_CTLR, 2);
	GUEST_ASSERT_EQ(gicd_read(GICD_CTLR), 2);
	gicd_write(GICD_CTLR, 1);
	GUEST_ASSERT_EQ(gicd_read(GICD_CTLR), 1);
	mmio_write8(gicd(GICD_CTLR), 0);	/* not a byte register */
	GUEST_ASSERT_EQ(gicd_read(GICD_CTLR), 1);
	gicd_write(GICD_CTLR, 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_CTLR), 0);
}

/* 4.3.11 GICD_IPRIORITYR: byte-accessible, unimplemented low bits RAZ/WI */
static void check_priorities(void)
{
	uint32_t first = GICD_IPRIORITYR + 32, last = GICD_IPRIORITYR + nr_irqs - 4;
	uint32_t pattern = 0xff7fbf3f;

	gicd_write(first, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(first), PRIO_MASK);
	gicd_write(first, 0);
	GUEST_ASSERT_EQ(gicd_read(first), 0);
	gicd_write(first, pattern);
	GUEST_ASSERT_EQ(gicd_read(first), pattern & PRIO_MASK);

	/* byte reads and writes reach one interrupt's field */
	GUEST_ASSERT_EQ(mmio_read8(gicd(first + 1)), 0xbf & 0xf8);
	mmio_write8(gicd(first + 2), 0x1f);
	GUEST_ASSERT_EQ(gicd_read(first), (pattern & 0xff00ffff & PRIO_MASK) | 0x180000);
	check_no_halfword(first);

	gicd_write(last, 0x12345678);
	GUEST_ASSERT_EQ(gicd_read(last), 0x12345678 & PRIO_MASK);
	gicd_write(last, 0);
	if (nr_irqs < 1024)
		check_raz_wi(GICD_IPRIORITYR + nr_irqs);

	/* SGIs and PPIs have priorities too, banked per CPU */
	mmio_write8(gicd(GICD_IPRIORITYR + 1), 0xa7);
	GUEST_ASSERT_EQ(gicd_read(GICD_IPRIORITYR), 0xa000);
	gicd_write(GICD_IPRIORITYR, 0);
	gicd_write(first, 0);
}

/* 4.3.12 GICD_ITARGETSR */
static void check_targets(void)
{
	uint32_t own = 1U << guest_cpu_id(), first = GICD_ITARGETSR + 32;
	uint32_t pattern = 0x0103020f, mask = rep8(cpu_mask), off;

	/* SGI and PPI bytes: read-only, each the reading CPU's own bit */
	for (off = GICD_ITARGETSR; off < first; off += 4) {
		GUEST_ASSERT_EQ(gicd_read(off), rep8(own));
		gicd_write(off, 0);
		GUEST_ASSERT_EQ(gicd_read(off), rep8(own));
	}
	GUEST_ASSERT_EQ(mmio_read8(gicd(GICD_ITARGETSR + 27)), own);
	mmio_write8(gicd(GICD_ITARGETSR + 16), 0xff);
	GUEST_ASSERT_EQ(mmio_read8(gicd(GICD_ITARGETSR + 16)), own);

	/* SPIs: bits of CPU interfaces that do not exist are RAZ/WI */
	gicd_write(first, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(first), mask);
	gicd_write(first, pattern);
	GUEST_ASSERT_EQ(gicd_read(first), pattern & mask);

	/* byte-accessible */
	GUEST_ASSERT_EQ(mmio_read8(gicd(first + 1)), 0x02 & cpu_mask);
	mmio_write8(gicd(first + 2), 0x1f);
	GUEST_ASSERT_EQ(gicd_read(first), ((pattern & 0xff00ffff) | 0x1f0000) & mask);
	mmio_write8(gicd(first + 3), 0x80);
	GUEST_ASSERT_EQ(mmio_read8(gicd(first + 3)), 0x80 & cpu_mask);
	check_no_halfword(first);

	gicd_write(GICD_ITARGETSR + nr_irqs - 4, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_ITARGETSR + nr_irqs - 4), mask);
	gicd_write(GICD_ITARGETSR + nr_irqs - 4, 0);
	if (nr_irqs < 1024)
		check_raz_wi(GICD_ITARGETSR + nr_irqs);
	gicd_write(first, 0);
}

/* 4.3.13 GICD_ICFGR: Int_config[1] = edge; SGIs fixed edge */
static void check_config(void)
{
	uint32_t spis = GICD_ICFGR + 8, ppis;

	GUEST_ASSERT_EQ(gicd_read(GICD_ICFGR), 0xaaaaaaaa);
	gicd_write(GICD_ICFGR, 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_ICFGR), 0xaaaaaaaa);

	/* PPIs: level-sensitive, not programmable in this implementation */
	ppis = gicd_read(GICD_ICFGR + 4);
	GUEST_ASSERT_EQ(ppis, 0);
	gicd_write(GICD_ICFGR + 4, 0xaaaaaaaa);
	GUEST_ASSERT_EQ(gicd_read(GICD_ICFGR + 4), ppis);

	/* SPIs reset level-sensitive and are programmable; bit 0 is RES0 */
	GUEST_ASSERT_EQ(gicd_read(spis), 0);
	gicd_write(spis, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(spis), 0xaaaaaaaa);
	gicd_write(spis, 0x00000008);
	GUEST_ASSERT_EQ(gicd_read(spis), 0x00000008);
	check_no_byte(spis);
	check_no_halfword(spis);
	gicd_write(spis, 0);
	GUEST_ASSERT_EQ(gicd_read(spis), 0);
	if (nr_irqs < 1024)
		check_raz_wi(GICD_ICFGR + nr_irqs / 4);
}

/*
 * A set/clear register pair (ISENABLER/ICENABLER, ISPENDR/ICPENDR,
 * ISACTIVER/ICACTIVER), word @n: both read the state, a 1 written sets or
 * clears, a 0 does nothing.
 */
static void check_set_clear(uint32_t set, uint32_t clr, uint32_t n)
{
	set += 4 * n;
	clr += 4 * n;
	gicd_write(clr, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(set), 0);
	gicd_write(set, 0x80000005);
	GUEST_ASSERT_EQ(gicd_read(set), 0x80000005);
	GUEST_ASSERT_EQ(gicd_read(clr), 0x80000005);
	gicd_write(set, 0);
	gicd_write(clr, 0);
	GUEST_ASSERT_EQ(gicd_read(set), 0x80000005);
	gicd_write(clr, 0x00000001);
	GUEST_ASSERT_EQ(gicd_read(set), 0x80000004);
	gicd_write(set, 0x00000010);
	GUEST_ASSERT_EQ(gicd_read(clr), 0x80000014);
	check_no_byte(set);
	check_no_byte(clr);
	check_no_halfword(set);
	gicd_write(clr, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(set), 0);
}

static void check_set_clear_regs(void)
{
	uint32_t last = nr_irqs / 32 - 1;

	check_set_clear(GICD_ISENABLER, GICD_ICENABLER, 1);
	check_set_clear(GICD_ISENABLER, GICD_ICENABLER, last);
	check_set_clear(GICD_ISPENDR, GICD_ICPENDR, 1);
	check_set_clear(GICD_ISPENDR, GICD_ICPENDR, last);
	check_set_clear(GICD_ISACTIVER, GICD_ICACTIVER, 1);
	check_set_clear(GICD_ISACTIVER, GICD_ICACTIVER, last);
	if (nr_irqs < 1024) {
		check_raz_wi(GICD_ISENABLER + nr_irqs / 8);
		check_raz_wi(GICD_ISPENDR + nr_irqs / 8);
		check_raz_wi(GICD_ISACTIVER + nr_irqs / 8);
	}

	/* PPIs: pending and active set and cleared like SPIs, banked */
	gicd_write(GICD_ISPENDR, 1U << 16);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR) & 0xffff0000, 1U << 16);
	gicd_write(GICD_ICPENDR, 1U << 16);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR) & 0xffff0000, 0);
	gicd_write(GICD_ISACTIVER, 1U << 18);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISACTIVER), 1U << 18);
	gicd_write(GICD_ICACTIVER, 1U << 18);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISACTIVER), 0);

	/* an SGI's active state is set and cleared like any other */
	gicd_write(GICD_ISACTIVER, 1U << 2);
	GUEST_ASSERT_EQ(gicd_read(GICD_ICACTIVER), 1U << 2);
	gicd_write(GICD_ICACTIVER, 1U << 2);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISACTIVER), 0);
}

/* 4.3.4 GICD_IGROUPR */
static void check_groups(void)
{
	uint32_t last = GICD_IGROUPR + 4 * (nr_irqs / 32 - 1);

	gicd_write(GICD_IGROUPR + 4, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_IGROUPR + 4), 0xffffffff);
	gicd_write(GICD_IGROUPR + 4, 0x00f000f0);
	GUEST_ASSERT_EQ(gicd_read(GICD_IGROUPR + 4), 0x00f000f0);
	check_no_byte(GICD_IGROUPR + 4);
	gicd_write(GICD_IGROUPR + 4, 0);
	gicd_write(last, 0x80000000);
	GUEST_ASSERT_EQ(gicd_read(last), 0x80000000);
	gicd_write(last, 0);
	if (nr_irqs < 1024)
		check_raz_wi(GICD_IGROUPR + nr_irqs / 8);
}

/*
 * 4.3.7/4.3.8: the SGI bits of ISPENDR/ICPENDR are read-only; an SGI is
 * pending per source CPU, set and cleared through SPENDSGIR/CPENDSGIR
 * (4.3.16, 4.3.17), bytes of one SGI each.
 */
static void check_sgi_pending(void)
{
	uint32_t others = cpu_mask & ~1U;

	gicd_write(GICD_ISPENDR, 0x0000ffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR), 0);

	mmio_write8(gicd(GICD_SPENDSGIR + 3), 0x01);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR), 0x01000000);
	GUEST_ASSERT_EQ(gicd_read(GICD_CPENDSGIR), 0x01000000);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 1U << 3);
	GUEST_ASSERT_EQ(gicd_read(GICD_ICPENDR), 1U << 3);

	/* sources that are no CPU interface are RAZ/WI */
	mmio_write8(gicd(GICD_SPENDSGIR + 3), 0xff);
	GUEST_ASSERT_EQ(mmio_read8(gicd(GICD_SPENDSGIR + 3)), cpu_mask);

	/* not through ICPENDR */
	gicd_write(GICD_ICPENDR, 0x0000ffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 1U << 3);

	mmio_write8(gicd(GICD_CPENDSGIR + 3), 0x01);
	GUEST_ASSERT_EQ(mmio_read8(gicd(GICD_SPENDSGIR + 3)), others);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), others ? 1U << 3 : 0);
	check_no_halfword(GICD_SPENDSGIR);

	/* words reach four SGIs */
	gicd_write(GICD_SPENDSGIR + 12, 0x01000001);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), (others ? 1U << 3 : 0) |
			(1U << 12) | (1U << 15));
	gicd_write(GICD_CPENDSGIR, 0xffffffff);
	gicd_write(GICD_CPENDSGIR + 12, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR), 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR + 12), 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 0);

	/* GICD_SGIR (4.3.15): write-only; an SGI to itself has it as source */
	gic_send_sgi(GICD_SGIR_TARGET_SELF, 0, 7);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR + 4), 0x01000000);
	GUEST_ASSERT_EQ(gicd_read(GICD_SGIR), 0);
	mmio_write8(gicd(GICD_SGIR + 3), 0x02);	/* not a byte register */
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR + 4), 0x01000000);
	gicd_write(GICD_CPENDSGIR + 4, 0xffffffff);
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 0);
}

/* Offsets 4.1.2 leaves reserved, and write-only GICD_SGIR, read as 0. */
static void check_reserved(void)
{
	check_raz_wi(0x00c);
	check_raz_wi(0x07c);
	check_raz_wi(0xd00);
	check_raz_wi(0xf04);
	check_raz_wi(0xf30);
	check_raz_wi(GICD_ICPIDR2);
	GUEST_ASSERT_EQ(gicd_read(GICD_SGIR), 0);
	GUEST_ASSERT_EQ(mmio_read8(gicd(0x00c)), 0);
}

/* VCPU 1: what it sees of the banked registers, for VCPU 0 to check. */
static void cpu1_main(uint32_t cpu)
{
	mailbox_write(MB_CPU1_SGI4_7, gicd_read(GICD_SPENDSGIR + 4));
	mailbox_write(MB_CPU1_TARGETS, gicd_read(GICD_ITARGETSR));
	mailbox_write(MB_CPU1_TGT_PPI, mmio_read8(gicd(GICD_ITARGETSR + 31)));
	mailbox_write(MB_CPU1_TYPER, gicd_read(GICD_TYPER));
	gicd_write(GICD_ISPENDR, 1U << 17);
	mailbox_write(MB_CPU1_PEND, gicd_read(GICD_ISPENDR));
	mmio_write8(gicd(GICD_SPENDSGIR + 2), 0x01);
	mailbox_write(MB_CPU1_SGIPEND, gicd_read(GICD_SPENDSGIR));
	mailbox_write(MB_CPU1_PRIO, gicd_read(GICD_IPRIORITYR));
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	mailbox_write(MB_CPU1_DONE, cpu);
}

static void check_banked(void)
{
	/* VCPU 1 finds the same distributor and its own private state */
	mmio_write8(gicd(GICD_IPRIORITYR), 0x80);
	/* SGI 6 to all but this CPU: pending on VCPU 1 with source 0 */
	gic_send_sgi(GICD_SGIR_TARGET_OTHERS, 0, 6);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR + 4), 0);
	GUEST_ASSERT_EQ(guest_cpu_on(1, cpu1_main), PSCI_RET_SUCCESS);
	while (mailbox_read(MB_CPU1_DONE) != 1)
		;
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_TARGETS), 0x02020202);
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_TGT_PPI), 0x02);
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_TYPER), gicd_read(GICD_TYPER));
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_PEND), (1U << 17) | (1U << 6));
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_SGIPEND), 0x00010000);
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_PRIO), 0);
	GUEST_ASSERT_EQ(mailbox_read(MB_CPU1_SGI4_7), 0x00010000);

	/* none of it shows on VCPU 0 */
	GUEST_ASSERT_EQ(gicd_read(GICD_ISPENDR), 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_SPENDSGIR), 0);
	GUEST_ASSERT_EQ(gicd_read(GICD_IPRIORITYR), 0x80);
	GUEST_ASSERT_EQ(gicd_read(GICD_ITARGETSR), 0x01010101);
	gicd_write(GICD_IPRIORITYR, 0);
}

void guest_main(void)
{
	switch (mailbox_read(MB_CASE)) {
	case CASE_REGISTERS:
		nr_cpus = mailbox_read(MB_NR_CPUS);
		nr_irqs = mailbox_read(MB_NR_IRQS);
		cpu_mask = (1U << nr_cpus) - 1;
		gicd_write(GICD_CTLR, 0);
		check_typer_iidr();
		check_ctlr();
		check_priorities();
		check_targets();
		check_config();
		check_set_clear_regs();
		check_groups();
		check_sgi_pending();
		check_reserved();
		if (nr_cpus > 1)
			check_banked();
		break;
	case CASE_WFI:
		local_irq_disable();
		mailbox_write(MB_WFI, 1);
		for (;;)
			wfi();
	case CASE_SYNC:
		GUEST_SYNC(1);
		break;
	}
}
