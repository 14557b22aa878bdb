// SPDX-License-Identifier: GPL-2.0-only
/*
 * --irqchip user: a GICv2 distributor and CPU interface emulated here,
 * after the ARM Generic Interrupt Controller Architecture Specification
 * v2.0 (ARM IHI 0048B).  The module gives the VM no vGIC, so every access
 * to GICD_BASE and GICC_BASE reaches the VMM as an MMIO exit.  The GIC's
 * output to each VCPU is that VCPU's IRQ input, driven with KVM_IRQ_LINE
 * type CPU (the module turns it into HCR.VI); the module kicks a VCPU
 * whose line changes, in the guest or asleep in WFI.
 *
 * The model: no Security Extensions and every interrupt in Group 0
 * (GICD_IGROUPRn RAZ/WI), signalled as IRQ; 32 priority levels (the top
 * five bits, as the in-kernel vGIC); GIC_NR_IRQS interrupts.  SGIs are
 * edge-triggered and remember their source CPUs; PPIs are level-sensitive
 * and banked per CPU (PPI 27 is the virtual timer, whose level the module
 * reports in run->s.regs.device_irq_level after each KVM_RUN); SPIs are
 * level-sensitive lines from the devices unless the guest makes them
 * edge-triggered in GICD_ICFGRn.
 *
 * Locking: one mutex, gic.lock, covers all state; it is taken inside the
 * devices' locks (a device raises its line with its own lock held) and
 * nothing is called with it held but KVM_IRQ_LINE.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include "vmm.h"

#define NR_SGIS		16
#define NR_PRIVATE	32
#define SPURIOUS	1023

/* 32 priority levels: the priority fields implement bits [7:3] (3.3) */
#define PRIO_MASK	0xf8
/* with five priority bits the smallest binary point is 2 (3.3.3) */
#define BPR_MIN		2
#define IDLE_PRIO	0x100	/* running priority with nothing active */

/* distributor registers (4.1.2, table 4-1) */
#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_IIDR	0x008
#define GICD_SGIR	0xf00
#define GICD_ICPIDR2	0xfe8

#define SGIR_FILTER(v)	(((v) >> 24) & 3)
#define SGIR_TARGETS(v)	(((v) >> 16) & 0xff)
#define SGIR_INTID(v)	((v) & 0xf)
#define SGIR_LIST	0
#define SGIR_OTHERS	1
#define SGIR_SELF	2

/* CPU interface registers (4.1.3, table 4-2) */
#define GICC_CTLR	0x00
#define GICC_PMR	0x04
#define GICC_BPR	0x08
#define GICC_IAR	0x0c
#define GICC_EOIR	0x10
#define GICC_RPR	0x14
#define GICC_HPPIR	0x18
#define GICC_AIAR	0x20
#define GICC_AHPPIR	0x28
#define GICC_IIDR	0xfc
#define GICC_DIR	0x1000

#define CTLR_ENABLE	(1U << 0)
/*
 * GICC_CTLR without Security Extensions (4.4.1): EnableGrp0, the bypass
 * disables (kept, no effect here) and EOImode
 */
#define GICC_CTLR_BITS	0x3e1
#define GICC_EOIMODE	(1U << 9)

/* ARM as implementer (JEP106 0x43b); GICv2 in GICC_IIDR[19:16] */
#define IIDR_ARM	0x43b
#define ICPIDR2_V2	0x2b

#define IAR_INTID(v)	((v) & 0x3ff)
#define IAR_CPUID_SHIFT	10

/* one interrupt on one CPU interface (SGI, PPI) or on all (SPI) */
struct irq {
	bool enabled;
	bool latch;	/* pending by an edge or GICD_ISPENDR (4.3.7) */
	bool line;	/* the input's level */
	bool active;
	bool edge;	/* GICD_ICFGRn Int_config[1] */
	uint8_t prio;
	uint8_t targets;	/* SPIs: GICD_ITARGETSRn */
};

struct gic_cpu {
	struct irq priv[NR_PRIVATE];	/* banked SGIs and PPIs */
	uint8_t sgi_src[NR_SGIS];	/* pending SGIs: their source CPUs */
	uint32_t ctlr, pmr, bpr;
	/* acknowledged, priority not dropped yet: GICC_APRn as a stack */
	struct {
		uint16_t intid;
		uint16_t group_prio;
	} act[NR_PRIVATE];
	unsigned int nr_act;
	bool irq_out;		/* what KVM_IRQ_LINE last said */
	bool vtimer;		/* the timer level last seen in kvm_run */
};

static struct {
	pthread_mutex_t lock;
	struct vm *vm;
	unsigned int nr_cpus;
	bool ready;
	uint32_t ctlr;
	struct irq spi[GIC_NR_IRQS];	/* [0, 32) unused */
	struct gic_cpu cpu[MAX_CPUS];
	/* acknowledged interrupts, for VMM_GIC_STATS */
	unsigned long delivered[GIC_NR_IRQS][MAX_CPUS];
} gic = { .lock = PTHREAD_MUTEX_INITIALIZER };

static struct irq *irq_of(unsigned int cpu, unsigned int intid)
{
	return intid < NR_PRIVATE ? &gic.cpu[cpu].priv[intid] : &gic.spi[intid];
}

/*
 * 3.2.4: a level-sensitive interrupt is pending while its line is
 * asserted or GICD_ISPENDR set it; an edge-triggered one from the edge
 * until it is acknowledged.  An SGI is pending while any source has one
 * outstanding.
 */
static bool irq_pending(unsigned int cpu, unsigned int intid)
{
	struct irq *s = irq_of(cpu, intid);

	if (intid < NR_SGIS)
		return gic.cpu[cpu].sgi_src[intid];
	return s->latch || (!s->edge && s->line);
}

/* 3.3.3: the group priority is the priority above the binary point */
static unsigned int group_prio(struct gic_cpu *c, unsigned int prio)
{
	return prio & (0xff << (c->bpr + 1)) & 0xff;
}

static unsigned int running_prio(struct gic_cpu *c)
{
	unsigned int i, rp = IDLE_PRIO;

	for (i = 0; i < c->nr_act; i++)
		if (c->act[i].group_prio < rp)
			rp = c->act[i].group_prio;
	return rp;
}

/*
 * 3.4.2: the highest priority pending interrupt of a CPU interface, the
 * lowest INTID among equals.  An active interrupt is not signalled again
 * until it is deactivated.  SPIs count for the CPUs they target.
 */
static unsigned int highest_pending(unsigned int cpu)
{
	unsigned int intid, best = SPURIOUS, best_prio = IDLE_PRIO;

	for (intid = 0; intid < GIC_NR_IRQS; intid++) {
		struct irq *s = irq_of(cpu, intid);

		if (intid >= NR_PRIVATE && !(s->targets & (1U << cpu)))
			continue;
		if (!s->enabled || s->active || !irq_pending(cpu, intid))
			continue;
		if (s->prio < best_prio) {
			best = intid;
			best_prio = s->prio;
		}
	}
	return best;
}

/*
 * 3.3.1, 3.3.2: the distributor forwards the interrupt and the CPU
 * interface signals it when both are enabled, its priority is higher than
 * the priority mask and its group priority higher than the running
 * priority.  Returns the INTID or SPURIOUS.
 */
static unsigned int signalled(unsigned int cpu)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	unsigned int intid;
	struct irq *s;

	if (!(gic.ctlr & CTLR_ENABLE) || !(c->ctlr & CTLR_ENABLE))
		return SPURIOUS;
	intid = highest_pending(cpu);
	if (intid == SPURIOUS)
		return SPURIOUS;
	s = irq_of(cpu, intid);
	if (s->prio >= c->pmr || group_prio(c, s->prio) >= running_prio(c))
		return SPURIOUS;
	return intid;
}

static void set_cpu_line(unsigned int cpu, bool level)
{
	struct kvm_irq_level irq = {
		.irq = KVM_ARM_IRQ_TYPE_CPU << KVM_ARM_IRQ_TYPE_SHIFT |
		       cpu << KVM_ARM_IRQ_VCPU_SHIFT | KVM_ARM_IRQ_CPU_IRQ,
		.level = level,
	};

	if (ioctl(gic.vm->fd, KVM_IRQ_LINE, &irq))
		die("KVM_IRQ_LINE (IRQ input of VCPU %u): %s; the VM must have no in-kernel vGIC",
		    cpu, strerror(errno));
	gic.cpu[cpu].irq_out = level;
}

/* After any change: each VCPU's IRQ input follows what its interface signals. */
static void update_lines(void)
{
	unsigned int cpu;

	for (cpu = 0; cpu < gic.nr_cpus; cpu++) {
		bool level = signalled(cpu) != SPURIOUS;

		if (level != gic.cpu[cpu].irq_out)
			set_cpu_line(cpu, level);
	}
}

/* ---- distributor ----------------------------------------------------- */

static uint32_t gicd_ctlr_read(unsigned int cpu, unsigned int off)
{
	switch (off) {
	case GICD_CTLR:
		return gic.ctlr;
	case GICD_TYPER:
		/* 4.3.2: ITLinesNumber, CPUNumber; no Security Extensions */
		return (GIC_NR_IRQS / 32 - 1) | (gic.nr_cpus - 1) << 5;
	case GICD_IIDR:
		return IIDR_ARM;
	}
	return 0;
}

static void gicd_ctlr_write(unsigned int cpu, unsigned int off, uint32_t val)
{
	if (off == GICD_CTLR)
		gic.ctlr = val & CTLR_ENABLE;
}

static uint32_t enable_read(unsigned int cpu, unsigned int intid)
{
	return irq_of(cpu, intid)->enabled;
}

static void enable_set(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit)
		irq_of(cpu, intid)->enabled = true;
}

static void enable_clear(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit)
		irq_of(cpu, intid)->enabled = false;
}

static uint32_t pending_read(unsigned int cpu, unsigned int intid)
{
	return irq_pending(cpu, intid);
}

/* 4.3.7, 4.3.8: the SGIs' bits are read-only here (GICD_SPENDSGIRn instead) */
static void pending_set(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit && intid >= NR_SGIS)
		irq_of(cpu, intid)->latch = true;
}

/* a level-sensitive interrupt whose line is still high stays pending */
static void pending_clear(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit && intid >= NR_SGIS)
		irq_of(cpu, intid)->latch = false;
}

static uint32_t active_read(unsigned int cpu, unsigned int intid)
{
	return irq_of(cpu, intid)->active;
}

static void active_set(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit)
		irq_of(cpu, intid)->active = true;
}

static void active_clear(unsigned int cpu, unsigned int intid, uint32_t bit)
{
	if (bit)
		irq_of(cpu, intid)->active = false;
}

static uint32_t prio_read(unsigned int cpu, unsigned int intid)
{
	return irq_of(cpu, intid)->prio;
}

static void prio_write(unsigned int cpu, unsigned int intid, uint32_t val)
{
	irq_of(cpu, intid)->prio = val & PRIO_MASK;
}

/* 4.3.12: for SGIs and PPIs each byte reads as the accessing CPU's bit */
static uint32_t targets_read(unsigned int cpu, unsigned int intid)
{
	return intid < NR_PRIVATE ? 1U << cpu : gic.spi[intid].targets;
}

static void targets_write(unsigned int cpu, unsigned int intid, uint32_t val)
{
	if (intid >= NR_PRIVATE)
		gic.spi[intid].targets = val & ((1U << gic.nr_cpus) - 1);
}

/*
 * 4.3.13: Int_config[1] is 1 for edge-triggered.  SGIs are edge and PPIs
 * level, both read-only (the in-kernel vGIC does the same); Int_config[0]
 * is reserved in GICv2.
 */
static uint32_t config_read(unsigned int cpu, unsigned int intid)
{
	if (intid < NR_SGIS)
		return 2;
	return irq_of(cpu, intid)->edge ? 2 : 0;
}

static void config_write(unsigned int cpu, unsigned int intid, uint32_t val)
{
	if (intid >= NR_PRIVATE)
		gic.spi[intid].edge = val & 2;
}

/* 4.3.15: one byte per SGI of the accessing CPU, a bit per source CPU */
static uint32_t sgi_pend_read(unsigned int cpu, unsigned int sgi)
{
	return gic.cpu[cpu].sgi_src[sgi];
}

static void sgi_pend_set(unsigned int cpu, unsigned int sgi, uint32_t val)
{
	gic.cpu[cpu].sgi_src[sgi] |= val & ((1U << gic.nr_cpus) - 1);
}

static void sgi_pend_clear(unsigned int cpu, unsigned int sgi, uint32_t val)
{
	gic.cpu[cpu].sgi_src[sgi] &= ~val;
}

/* 4.3.15 GICD_SGIR: the SGI becomes pending on each target, from @cpu */
static void sgir_write(unsigned int cpu, unsigned int off, uint32_t val)
{
	unsigned int targets, t;

	switch (SGIR_FILTER(val)) {
	case SGIR_LIST:
		targets = SGIR_TARGETS(val);
		break;
	case SGIR_OTHERS:
		targets = ~(1U << cpu);
		break;
	case SGIR_SELF:
		targets = 1U << cpu;
		break;
	default:	/* reserved */
		return;
	}
	for (t = 0; t < gic.nr_cpus; t++)
		if (targets & (1U << t))
			gic.cpu[t].sgi_src[SGIR_INTID(val)] |= 1U << cpu;
}

static uint32_t id_read(unsigned int cpu, unsigned int off)
{
	/* 4.3.16 ICPIDR2: ArchRev 2 */
	return off == GICD_ICPIDR2 - 0xfd0 ? ICPIDR2_V2 : 0;
}

/*
 * The distributor's register map (4.1.2, table 4-1).  A register with
 * @bits holds a field of that many bits per INTID, the first at @base;
 * @rd and @wr then take an INTID (an SGI number for the SGI pending
 * registers) and one field.  Otherwise they take the offset from @base.
 * Registers with 8-bit fields take byte accesses as well (4.1.4).
 */
struct gicd_reg {
	uint32_t base, size;
	unsigned int bits;
	uint32_t (*rd)(unsigned int cpu, unsigned int x);
	void (*wr)(unsigned int cpu, unsigned int x, uint32_t val);
};

static const struct gicd_reg gicd_regs[] = {
	{ 0x000, 0x00c, 0, gicd_ctlr_read, gicd_ctlr_write },	/* CTLR TYPER IIDR */
	{ 0x100, 0x080, 1, enable_read,    enable_set },	/* ISENABLERn */
	{ 0x180, 0x080, 1, enable_read,    enable_clear },	/* ICENABLERn */
	{ 0x200, 0x080, 1, pending_read,   pending_set },	/* ISPENDRn */
	{ 0x280, 0x080, 1, pending_read,   pending_clear },	/* ICPENDRn */
	{ 0x300, 0x080, 1, active_read,    active_set },	/* ISACTIVERn */
	{ 0x380, 0x080, 1, active_read,    active_clear },	/* ICACTIVERn */
	{ 0x400, 0x3fc, 8, prio_read,      prio_write },	/* IPRIORITYRn */
	{ 0x800, 0x3fc, 8, targets_read,   targets_write },	/* ITARGETSRn */
	{ 0xc00, 0x100, 2, config_read,    config_write },	/* ICFGRn */
	{ 0xf00, 0x004, 0, NULL,           sgir_write },	/* SGIR */
	{ 0xf10, 0x010, 8, sgi_pend_read,  sgi_pend_clear },	/* CPENDSGIRn */
	{ 0xf20, 0x010, 8, sgi_pend_read,  sgi_pend_set },	/* SPENDSGIRn */
	{ 0xfd0, 0x030, 0, id_read,        NULL },		/* identification */
};

static const struct gicd_reg *gicd_find(uint64_t off)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(gicd_regs); i++)
		if (off >= gicd_regs[i].base &&
		    off - gicd_regs[i].base < gicd_regs[i].size)
			return &gicd_regs[i];
	return NULL;
}

/* 4.1.4: word accesses everywhere, byte accesses to byte-wide fields */
static bool access_ok(const struct gicd_reg *r, uint64_t off, unsigned int len)
{
	if (len == 4)
		return !(off & 3);
	return len == 1 && r->bits == 8;
}

/* The accessing CPU: the VCPU whose exit this is. */
static unsigned int this_cpu(void)
{
	return mmio_vcpu()->id;
}

static uint32_t gicd_read(void *opaque, uint64_t off, unsigned int len)
{
	const struct gicd_reg *r = gicd_find(off);
	unsigned int cpu = this_cpu(), first, i, n;
	uint32_t val = 0;

	/* reserved and unknown offsets read as zero */
	if (!r || !r->rd || !access_ok(r, off, len))
		return 0;
	pthread_mutex_lock(&gic.lock);
	if (!r->bits) {
		val = r->rd(cpu, off - r->base);
	} else {
		first = (off - r->base) * 8 / r->bits;
		n = len * 8 / r->bits;
		for (i = 0; i < n && first + i < GIC_NR_IRQS; i++)
			val |= r->rd(cpu, first + i) << (i * r->bits);
	}
	pthread_mutex_unlock(&gic.lock);
	return val;
}

static void gicd_write(void *opaque, uint64_t off, uint32_t val, unsigned int len)
{
	const struct gicd_reg *r = gicd_find(off);
	unsigned int cpu = this_cpu(), first, i, n;

	if (!r || !r->wr || !access_ok(r, off, len))
		return;
	pthread_mutex_lock(&gic.lock);
	if (!r->bits) {
		r->wr(cpu, off - r->base, val);
	} else {
		first = (off - r->base) * 8 / r->bits;
		n = len * 8 / r->bits;
		for (i = 0; i < n && first + i < GIC_NR_IRQS; i++)
			r->wr(cpu, first + i,
			      (val >> (i * r->bits)) & ((1U << r->bits) - 1));
	}
	update_lines();
	pthread_mutex_unlock(&gic.lock);
}

/* ---- CPU interface ---------------------------------------------------- */

/*
 * 4.4.4 GICC_IAR: acknowledge the signalled interrupt; it becomes active
 * (an SGI for one source, the lowest), an edge is consumed, and the
 * running priority rises to its group priority.
 */
static uint32_t gicc_ack(unsigned int cpu)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	unsigned int intid = signalled(cpu), src = 0;
	struct irq *s;

	if (intid == SPURIOUS || c->nr_act == ARRAY_SIZE(c->act))
		return SPURIOUS;
	s = irq_of(cpu, intid);
	if (intid < NR_SGIS) {
		src = __builtin_ctz(c->sgi_src[intid]);
		c->sgi_src[intid] &= ~(1U << src);
	}
	s->latch = false;
	s->active = true;
	c->act[c->nr_act].intid = intid;
	c->act[c->nr_act].group_prio = group_prio(c, s->prio);
	c->nr_act++;
	gic.delivered[intid][cpu]++;
	return intid | src << IAR_CPUID_SHIFT;
}

static void deactivate(unsigned int cpu, unsigned int intid)
{
	if (intid < GIC_NR_IRQS)
		irq_of(cpu, intid)->active = false;
}

/*
 * 4.4.5 GICC_EOIR: priority drop for the most recent acknowledge of this
 * INTID and, unless GICC_CTLR.EOImode splits them (GICC_DIR, 4.4.15),
 * deactivation.  An INTID that was not acknowledged is ignored.
 */
static void gicc_eoi(unsigned int cpu, uint32_t val)
{
	struct gic_cpu *c = &gic.cpu[cpu];
	unsigned int intid = IAR_INTID(val);
	int i;

	for (i = c->nr_act - 1; i >= 0; i--)
		if (c->act[i].intid == intid)
			break;
	if (i < 0)
		return;
	memmove(&c->act[i], &c->act[i + 1], (c->nr_act - i - 1) * sizeof(c->act[0]));
	c->nr_act--;
	if (!(c->ctlr & GICC_EOIMODE))
		deactivate(cpu, intid);
}

static uint32_t gicc_read(void *opaque, uint64_t off, unsigned int len)
{
	unsigned int cpu = this_cpu(), intid, rp;
	struct gic_cpu *c = &gic.cpu[cpu];
	uint32_t val = 0;

	if (len != 4 || off & 3)
		return 0;
	pthread_mutex_lock(&gic.lock);
	switch (off) {
	case GICC_CTLR:
		val = c->ctlr;
		break;
	case GICC_PMR:
		val = c->pmr;
		break;
	case GICC_BPR:
		val = c->bpr;
		break;
	case GICC_IAR:
		val = gicc_ack(cpu);
		update_lines();
		break;
	case GICC_RPR:
		rp = running_prio(c);
		val = rp == IDLE_PRIO ? 0xff : rp;
		break;
	case GICC_HPPIR:
		/* 4.4.8: the highest priority pending, whether signalled or not */
		intid = highest_pending(cpu);
		val = intid;
		if (intid < NR_SGIS)
			val |= __builtin_ctz(c->sgi_src[intid]) << IAR_CPUID_SHIFT;
		break;
	case GICC_AIAR:
	case GICC_AHPPIR:
		val = SPURIOUS;		/* no Group 1 interrupts */
		break;
	case GICC_IIDR:
		/* 4.4.14: architecture version 2, ARM */
		val = 2 << 16 | IIDR_ARM;
		break;
	}
	pthread_mutex_unlock(&gic.lock);
	return val;
}

static void gicc_write(void *opaque, uint64_t off, uint32_t val, unsigned int len)
{
	unsigned int cpu = this_cpu();
	struct gic_cpu *c = &gic.cpu[cpu];

	if (len != 4 || off & 3)
		return;
	pthread_mutex_lock(&gic.lock);
	switch (off) {
	case GICC_CTLR:
		c->ctlr = val & GICC_CTLR_BITS;
		break;
	case GICC_PMR:
		c->pmr = val & PRIO_MASK;
		break;
	case GICC_BPR:
		c->bpr = (val & 7) < BPR_MIN ? BPR_MIN : val & 7;
		break;
	case GICC_EOIR:
		gicc_eoi(cpu, val);
		break;
	case GICC_DIR:
		deactivate(cpu, IAR_INTID(val));
		break;
	}
	update_lines();
	pthread_mutex_unlock(&gic.lock);
}

/* ---- interface to the rest of the VMM ----------------------------------- */

static void print_stats(void)
{
	unsigned int intid, cpu;
	unsigned long total;

	/* read unlocked: VCPU threads may still run while the VMM exits */
	for (intid = 0; intid < GIC_NR_IRQS; intid++) {
		total = 0;
		for (cpu = 0; cpu < gic.nr_cpus; cpu++)
			total += gic.delivered[intid][cpu];
		if (!total)
			continue;
		fprintf(stderr, "vmm: GIC: INTID %u delivered %lu times (", intid, total);
		for (cpu = 0; cpu < gic.nr_cpus; cpu++)
			fprintf(stderr, "%sCPU%u %lu", cpu ? ", " : "", cpu,
				gic.delivered[intid][cpu]);
		fputs(")\n", stderr);
	}
}

/**
 * ugic_init() - the GIC in its reset state, every VCPU's IRQ input low
 * @vm: the VM, its VCPUs created
 *
 * Called at VM creation and again after a guest reset.  With the
 * environment variable VMM_GIC_STATS set, the VMM prints at exit how many
 * interrupts of each INTID the guest acknowledged on each CPU.
 *
 * Context: no VCPU thread runs.
 */
void ugic_init(struct vm *vm)
{
	unsigned int cpu;

	pthread_mutex_lock(&gic.lock);
	if (!gic.ready) {
		mmio_register(GICD_BASE, KVM_VGIC_V2_DIST_SIZE, gicd_read, gicd_write, NULL);
		mmio_register(GICC_BASE, KVM_VGIC_V2_CPU_SIZE, gicc_read, gicc_write, NULL);
		if (getenv("VMM_GIC_STATS"))
			atexit(print_stats);
	}
	gic.vm = vm;
	gic.nr_cpus = vm->nr_vcpus;
	gic.ctlr = 0;
	memset(gic.spi, 0, sizeof(gic.spi));
	memset(gic.cpu, 0, sizeof(gic.cpu));
	for (cpu = 0; cpu < gic.nr_cpus; cpu++) {
		gic.cpu[cpu].bpr = BPR_MIN;
		/* the module keeps the line over a VCPU reset: lower it */
		set_cpu_line(cpu, false);
	}
	gic.ready = true;
	pthread_mutex_unlock(&gic.lock);
}

/**
 * ugic_set_irq() - a device's interrupt line changed
 * @vm: the VM
 * @intid: an SPI, 32 to GIC_NR_IRQS - 1
 * @level: the line's new level
 *
 * A level-sensitive SPI is pending while the line is high; an
 * edge-triggered one becomes pending on the rising edge (3.2.4).
 *
 * Context: any thread; may be called with the device's lock held.
 */
void ugic_set_irq(struct vm *vm, unsigned int intid, int level)
{
	struct irq *s;

	if (intid < NR_PRIVATE || intid >= GIC_NR_IRQS)
		die("a device raised INTID %u; the GIC has SPIs 32 to %u only",
		    intid, GIC_NR_IRQS - 1);
	pthread_mutex_lock(&gic.lock);
	s = &gic.spi[intid];
	if (level && !s->line && s->edge)
		s->latch = true;
	s->line = level;
	update_lines();
	pthread_mutex_unlock(&gic.lock);
}

/**
 * ugic_vcpu_sync() - take the virtual timer's level after a KVM_RUN
 * @vcpu: the VCPU whose KVM_RUN just returned, by any exit or error
 *
 * The module publishes the timer's output in run->s.regs.device_irq_level
 * (KVM_CAP_ARM_USER_IRQ) on every return; it is the line of the VCPU's
 * PPI 27, level-sensitive.  It must be taken before the exit is handled:
 * the guest's EOI of the timer comes after it masked the timer.
 *
 * Context: the VCPU's own thread.
 */
void ugic_vcpu_sync(struct vcpu *vcpu)
{
	struct gic_cpu *c = &gic.cpu[vcpu->id];
	bool level = vcpu->run->s.regs.device_irq_level & KVM_ARM_DEV_EL1_VTIMER;

	/* the cached level is written by this thread only */
	if (!gic.ready || level == c->vtimer)
		return;
	pthread_mutex_lock(&gic.lock);
	c->vtimer = level;
	c->priv[VTIMER_PPI].line = level;
	update_lines();
	pthread_mutex_unlock(&gic.lock);
}
