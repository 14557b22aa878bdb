/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A guest's view of its GICv2 (ARM IHI 0048B): the distributor at
 * GUEST_GICD_GPA and the CPU interface at GUEST_GICC_GPA.
 */
#ifndef __KVM_SELFTEST_GIC_H
#define __KVM_SELFTEST_GIC_H

#include "guest.h"

/* Distributor (4.3) */
#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_IIDR		0x008
#define GICD_IGROUPR		0x080
#define GICD_ISENABLER		0x100
#define GICD_ICENABLER		0x180
#define GICD_ISPENDR		0x200
#define GICD_ICPENDR		0x280
#define GICD_ISACTIVER		0x300
#define GICD_ICACTIVER		0x380
#define GICD_IPRIORITYR		0x400
#define GICD_ITARGETSR		0x800
#define GICD_ICFGR		0xc00
#define GICD_SGIR		0xf00
#define GICD_CPENDSGIR		0xf10
#define GICD_SPENDSGIR		0xf20

#define GICD_SGIR_TARGET_LIST	(0 << 24)
#define GICD_SGIR_TARGET_OTHERS	(1 << 24)
#define GICD_SGIR_TARGET_SELF	(2 << 24)

/* CPU interface (4.4) */
#define GICC_CTLR		0x00
#define GICC_PMR		0x04
#define GICC_BPR		0x08
#define GICC_IAR		0x0c
#define GICC_EOIR		0x10
#define GICC_RPR		0x14
#define GICC_HPPIR		0x18
#define GICC_IIDR		0xfc
#define GICC_DIR		0x1000

#define GIC_SPURIOUS		1023

static inline uint32_t gicd_read(uint32_t off)
{
	return mmio_read32(GUEST_GICD_GPA + off);
}

static inline void gicd_write(uint32_t off, uint32_t v)
{
	mmio_write32(GUEST_GICD_GPA + off, v);
}

static inline uint32_t gicc_read(uint32_t off)
{
	return mmio_read32(GUEST_GICC_GPA + off);
}

static inline void gicc_write(uint32_t off, uint32_t v)
{
	mmio_write32(GUEST_GICC_GPA + off, v);
}

/* Enable the distributor (both groups). */
static inline void gic_dist_enable(void)
{
	gicd_write(GICD_CTLR, 3);
}

/* This CPU's interface: every priority unmasked, group 0 as IRQ. */
static inline void gic_cpu_enable(void)
{
	gicc_write(GICC_PMR, 0xff);
	gicc_write(GICC_CTLR, 1);
}

static inline void gic_irq_enable(uint32_t intid)
{
	gicd_write(GICD_ISENABLER + 4 * (intid / 32), 1U << (intid % 32));
}

static inline void gic_irq_disable(uint32_t intid)
{
	gicd_write(GICD_ICENABLER + 4 * (intid / 32), 1U << (intid % 32));
}

/* ICFGR: 2 bits per interrupt, bit 1 set = edge-triggered */
static inline void gic_irq_set_edge(uint32_t intid, int edge)
{
	uint32_t off = GICD_ICFGR + 4 * (intid / 16);
	uint32_t bit = 2U << (2 * (intid % 16));
	uint32_t v = gicd_read(off);

	gicd_write(off, edge ? v | bit : v & ~bit);
}

static inline void gic_irq_set_priority(uint32_t intid, uint8_t prio)
{
	mmio_write8(GUEST_GICD_GPA + GICD_IPRIORITYR + intid, prio);
}

static inline void gic_irq_set_targets(uint32_t intid, uint8_t cpus)
{
	mmio_write8(GUEST_GICD_GPA + GICD_ITARGETSR + intid, cpus);
}

/* GICD_SGIR: filter (GICD_SGIR_TARGET_*), CPU target list, SGI number */
static inline void gic_send_sgi(uint32_t filter, uint8_t cpus, uint32_t sgi)
{
	gicd_write(GICD_SGIR, filter | ((uint32_t)cpus << 16) | sgi);
}

/* GICC_IAR: INTID in [9:0], source CPU of an SGI in [12:10] */
static inline uint32_t gic_ack(void)
{
	return gicc_read(GICC_IAR);
}

static inline void gic_eoi(uint32_t iar)
{
	gicc_write(GICC_EOIR, iar);
}

/*
 * Data shared between VCPUs or with an interrupt handler: one untorn
 * access each, never merged or cached in a register by the compiler.
 */
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

#endif /* __KVM_SELFTEST_GIC_H */
