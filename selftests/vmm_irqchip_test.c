// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/vmm --irqchip user: the VM has no vGIC, the VMM emulates a GICv2
 * and drives the VCPUs' IRQ inputs with KVM_IRQ_LINE type CPU, and the
 * virtual timer's level comes from kvm_run (KVM_CAP_ARM_USER_IRQ).  This
 * kernel boots as the guest to its init, which prints a marker with the
 * number of CPUs it sees and powers off; with VMM_GIC_STATS the VMM then
 * says how many interrupts of each INTID the guest acknowledged, so the
 * test sees that the timer, the UART and (with two CPUs) IPIs got through.
 * Also a host without GIC virtualization, as the module's
 * force_user_irqchip parameter makes one: --irqchip kernel must fail with
 * a hint, --irqchip user must still boot.
 *
 * A Linux guest uses a small part of the GIC, so the model itself
 * (tools/vmm/gic_user.c, built into this test) is also driven directly
 * through its MMIO handlers, against the GICv2 architecture specification
 * (ARM IHI 0048B): priorities, masking and preemption, SGI sources,
 * level and edge, split priority drop and deactivation, banking.
 */
#include <stdarg.h>
#include <sys/ioctl.h>

/* the model's KVM_IRQ_LINE calls land in fake_ioctl() */
static int fake_ioctl(int fd, unsigned long req, ...);
#define ioctl fake_ioctl
#include "../tools/vmm/gic_user.c"
#undef ioctl

#include "kselftest_harness.h"
#include "vmm_util.h"

#define FORCE_USER_IRQCHIP "/sys/module/kvm_arm32/parameters/force_user_irqchip"
#define VTIMER_INTID	27
#define UART_INTID	(32 + UART_SPI)

/*
 * What the VMM reported for @intid at exit, "vmm: GIC: INTID n delivered
 * N times (CPU0 a, CPU1 b, ...)": the total, and in @per_cpu (when not
 * NULL) the count of each CPU.  0 when the INTID was never delivered.
 */
static unsigned long gic_count(unsigned int intid, unsigned long *per_cpu)
{
	unsigned long total = 0, n;
	unsigned int cpu;
	const char *p;
	char key[48];
	int used;

	snprintf(key, sizeof(key), "vmm: GIC: INTID %u delivered ", intid);
	p = strstr(vmm_out, key);
	if (per_cpu)
		memset(per_cpu, 0, MAX_CPUS * sizeof(*per_cpu));
	if (!p || sscanf(p + strlen(key), "%lu times (%n", &total, &used) != 1)
		return 0;
	/* "CPUi n" separated by ", " */
	for (p += strlen(key) + used; per_cpu; p += used + 2) {
		if (sscanf(p, "CPU%u %lu%n", &cpu, &n, &used) != 2 || cpu >= MAX_CPUS)
			break;
		per_cpu[cpu] = n;
		if (p[used] != ',')
			break;
	}
	return total;
}

static unsigned long sgis_delivered(void)
{
	unsigned long n = 0;
	unsigned int sgi;

	for (sgi = 0; sgi < 16; sgi++)
		n += gic_count(sgi, NULL);
	return n;
}

/* After a failed check: the VMM's output, for the log. */
static void dump_output_on_failure(struct __test_metadata *_metadata)
{
	char *line, *save = NULL;

	if (_metadata->passed)
		return;
	/* the guest's console, marked apart from the host's own */
	TH_LOG("the VMM's output:");
	for (line = strtok_r(vmm_out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "# guest| %s\n", line);
	vmm_out[0] = '\0';
}

/* Boot with --irqchip user on @cpus VCPUs; the output stays in vmm_out. */
static void boot_user_irqchip(struct __test_metadata *_metadata, const char *cpus)
{
	char marker[64];
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"),
		"--mem", "256M", "--cpus", cpus, "--irqchip", "user",
		"--cmdline", "console=ttyAMA0 earlycon rdinit=/init",
		NULL
	};
	char input[512];
	time_t start;
	int status;

	/* more than the UART's FIFO and what Linux drains at open */
	memset(input, 'x', sizeof(input) - 1);
	input[sizeof(input) - 1] = '\0';
	setenv("VMM_GIC_STATS", "1", 1);
	start = time(NULL);
	status = run_vmm_full(args, BOOT_TIMEOUT, input, NULL, 0);
	snprintf(marker, sizeof(marker), "VMM-GUEST-INIT-OK cpus=%s.", cpus);
	/* the guest's PL011 driver probed and its init ran and powered off */
	EXPECT_TRUE(strstr(vmm_out, "ttyAMA0 at MMIO") != NULL);
	EXPECT_TRUE(strstr(vmm_out, marker) != NULL);
	EXPECT_EQ(0, status);
	/* the guest's timer ticks and the UART's interrupts reached it */
	EXPECT_LT(0UL, gic_count(VTIMER_INTID, NULL));
	EXPECT_LT(0UL, gic_count(UART_INTID, NULL));
	TH_LOG("%s CPU(s): %lu timer, %lu UART interrupts, %lu SGIs in %ld s", cpus,
	       gic_count(VTIMER_INTID, NULL), gic_count(UART_INTID, NULL),
	       sgis_delivered(), (long)(time(NULL) - start));
}

FIXTURE(vmm) {
	int unused;
};

/*
 * The guest is the Thumb-2 test kernel: boots run with HSTR.T15 off (see
 * vmm_util.h).
 */
FIXTURE_SETUP(vmm)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
	ASSERT_EQ(0, write_file(TRAP_IMPDEF_CP15, "N"));
	ASSERT_EQ(0, write_file(FORCE_USER_IRQCHIP, "N"));
}

FIXTURE_TEARDOWN(vmm)
{
	write_file(FORCE_USER_IRQCHIP, "N");
	write_file(TRAP_IMPDEF_CP15, "Y");
}

TEST_F_TIMEOUT(vmm, user_irqchip_boots_1cpu, BOOT_TIMEOUT + 30)
{
	boot_user_irqchip(_metadata, "1");
	dump_output_on_failure(_metadata);
}

/*
 * Each CPU has its own timer PPI; the CPUs talk with SGIs.  More VCPUs
 * boot as well, but slowly under the KASAN kernel (4: 120 s, 8: 135 s of
 * the 180 s); the model tests cover eight.
 */
TEST_F_TIMEOUT(vmm, user_irqchip_boots_2cpus, BOOT_TIMEOUT + 30)
{
	unsigned long per_cpu[MAX_CPUS];
	int i;

	boot_user_irqchip(_metadata, "2");
	gic_count(VTIMER_INTID, per_cpu);
	for (i = 0; i < 2; i++)
		EXPECT_LT(0UL, per_cpu[i]) TH_LOG("no timer interrupt on CPU%d", i);
	EXPECT_LT(0UL, sgis_delivered());
	dump_output_on_failure(_metadata);
}

/*
 * force_user_irqchip: the module behaves as on a host without GIC
 * virtualization.  The default --irqchip kernel cannot work there and
 * must say what to do instead; --irqchip user boots as before.
 */
TEST_F_TIMEOUT(vmm, host_without_vgic, BOOT_TIMEOUT + 60)
{
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"),
		"--irqchip", "kernel", NULL
	};

	ASSERT_EQ(0, write_file(FORCE_USER_IRQCHIP, "Y"));
	EXPECT_EQ(1, run_vmm(args, 30));
	EXPECT_TRUE(strstr(vmm_out, "--irqchip user") != NULL) TH_LOG("%s", vmm_out);
	boot_user_irqchip(_metadata, "1");
	dump_output_on_failure(_metadata);
}

/* ---- the GIC model alone -------------------------------------------------- */

static struct vm model_vm;
static struct vcpu model_vcpus[MAX_CPUS];
static struct kvm_run model_runs[MAX_CPUS];
static struct vcpu *model_current;
static mmio_read_fn model_rd[2];	/* [0] distributor, [1] CPU interface */
static mmio_write_fn model_wr[2];
static int cpu_line[MAX_CPUS];		/* the IRQ inputs as KVM_IRQ_LINE set them */
static unsigned int line_calls;

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void mmio_register(uint64_t base, uint64_t size, mmio_read_fn rd, mmio_write_fn wr,
		   void *opaque)
{
	int i = base == GICC_BASE;

	model_rd[i] = rd;
	model_wr[i] = wr;
}

struct vcpu *mmio_vcpu(void)
{
	return model_current;
}

static int fake_ioctl(int fd, unsigned long req, ...)
{
	struct kvm_irq_level *irq;
	unsigned int cpu;
	va_list ap;

	va_start(ap, req);
	irq = va_arg(ap, struct kvm_irq_level *);
	va_end(ap);
	if (req != KVM_IRQ_LINE ||
	    (irq->irq >> KVM_ARM_IRQ_TYPE_SHIFT & KVM_ARM_IRQ_TYPE_MASK) != KVM_ARM_IRQ_TYPE_CPU ||
	    (irq->irq & KVM_ARM_IRQ_NUM_MASK) != KVM_ARM_IRQ_CPU_IRQ)
		return -1;
	cpu = irq->irq >> KVM_ARM_IRQ_VCPU_SHIFT & KVM_ARM_IRQ_VCPU_MASK;
	if (cpu >= model_vm.nr_vcpus)
		return -1;
	cpu_line[cpu] = irq->level;
	line_calls++;
	return 0;
}

/* A model GIC for @n CPUs: distributor and CPU interfaces enabled, PMR open. */
static void model_init(unsigned int n, bool enable)
{
	unsigned int i;

	unsetenv("VMM_GIC_STATS");
	model_vm.nr_vcpus = n;
	model_vm.fd = -1;
	for (i = 0; i < n; i++) {
		model_vcpus[i].id = i;
		model_vcpus[i].run = &model_runs[i];
		model_vcpus[i].vm = &model_vm;
		cpu_line[i] = -1;
	}
	ugic_init(&model_vm);
	if (!enable)
		return;
	for (i = 0; i < n; i++) {
		model_current = &model_vcpus[i];
		model_wr[1](NULL, GICC_PMR, 0xff, 4);
		model_wr[1](NULL, GICC_CTLR, 1, 4);
	}
	model_wr[0](NULL, GICD_CTLR, 1, 4);
}

static uint32_t rd(unsigned int cpu, int cpuif, uint64_t off, unsigned int len)
{
	model_current = &model_vcpus[cpu];
	return model_rd[cpuif](NULL, off, len);
}

static void wr(unsigned int cpu, int cpuif, uint64_t off, uint32_t val, unsigned int len)
{
	model_current = &model_vcpus[cpu];
	model_wr[cpuif](NULL, off, val, len);
}

#define GICD_R(cpu, off)		rd(cpu, 0, off, 4)
#define GICD_W(cpu, off, val)		wr(cpu, 0, off, val, 4)
#define GICC_R(cpu, off)		rd(cpu, 1, off, 4)
#define GICC_W(cpu, off, val)		wr(cpu, 1, off, val, 4)

#define ISENABLER(n)	(0x100 + 4 * (n))
#define ISPENDR(n)	(0x200 + 4 * (n))
#define ICPENDR(n)	(0x280 + 4 * (n))
#define ISACTIVER(n)	(0x300 + 4 * (n))
#define IPRIORITYR(i)	(0x400 + (i))
#define ITARGETSR(i)	(0x800 + (i))
#define ICFGR(n)	(0xc00 + 4 * (n))
#define SPENDSGIR(i)	(0xf20 + (i))
#define SGIR(filter, targets, id)	((filter) << 24 | (targets) << 16 | (id))

/* an SPI at @prio aimed at @targets, enabled */
static void spi_setup(unsigned int intid, uint8_t prio, uint8_t targets)
{
	wr(0, 0, IPRIORITYR(intid), prio, 1);
	wr(0, 0, ITARGETSR(intid), targets, 1);
	GICD_W(0, ISENABLER(intid / 32), 1U << intid % 32);
}

/* 4.3.2 TYPER, 4.3.12 banked ITARGETSR, 4.3.13 ICFGR of SGIs, reserved RAZ */
TEST(gic_model_identification_and_banking)
{
	model_init(3, false);
	EXPECT_EQ(1U | 2U << 5, GICD_R(0, GICD_TYPER));
	EXPECT_EQ(0x43bU, GICD_R(0, GICD_IIDR) & 0xfff);
	EXPECT_EQ(0x01010101U, GICD_R(0, ITARGETSR(0)));
	EXPECT_EQ(0x04040404U, GICD_R(2, ITARGETSR(28)));
	EXPECT_EQ(0x02U, rd(1, 0, ITARGETSR(27), 1));
	EXPECT_EQ(0xaaaaaaaaU, GICD_R(0, ICFGR(0)));
	/* SPI targets keep only CPUs that exist */
	GICD_W(0, ITARGETSR(32), 0xff07ff01);
	EXPECT_EQ(0x07070701U, GICD_R(1, ITARGETSR(32)));
	/* priorities: byte and word access, the top five bits */
	wr(0, 0, IPRIORITYR(35), 0xa7, 1);
	EXPECT_EQ(0xa0000000U, GICD_R(0, IPRIORITYR(32)));
	GICD_W(0, IPRIORITYR(36), 0x11223344);
	EXPECT_EQ(0x20U, rd(0, 0, IPRIORITYR(38), 1));
	/* banked: CPU1's SGI priorities and enables are its own */
	GICD_W(1, IPRIORITYR(0), 0x80808080);
	EXPECT_EQ(0U, GICD_R(0, IPRIORITYR(0)));
	GICD_W(1, ISENABLER(0), 0x0000ffff);
	EXPECT_EQ(0U, GICD_R(0, ISENABLER(0)));
	EXPECT_EQ(0xffffU, GICD_R(1, ISENABLER(0)));
	/* reserved and beyond ITLinesNumber: RAZ/WI; IGROUPR RAZ/WI */
	GICD_W(0, 0x080, 0xffffffff);
	EXPECT_EQ(0U, GICD_R(0, 0x080));
	GICD_W(0, ISENABLER(2), 0xffffffff);
	EXPECT_EQ(0U, GICD_R(0, ISENABLER(2)));
	EXPECT_EQ(0U, GICD_R(0, 0xd00));
	EXPECT_EQ(2U << 16 | 0x43b, GICC_R(0, GICC_IIDR));
	/* every IRQ input low at reset, and said so once */
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(0, cpu_line[2]);
}

/* 3.2.4 level-sensitive: pending while the line is high, again after EOI */
TEST(gic_model_level_spi)
{
	model_init(2, true);
	spi_setup(40, 0xa0, 0x02);
	ugic_set_irq(&model_vm, 40, 1);
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1, cpu_line[1]);
	EXPECT_EQ(1023U, GICC_R(0, GICC_IAR));
	EXPECT_EQ(40U, GICC_R(1, GICC_IAR));
	EXPECT_EQ(0, cpu_line[1]);		/* active: not signalled again */
	EXPECT_EQ(0xa0U, GICC_R(1, GICC_RPR));
	EXPECT_EQ(1U << 8, GICD_R(0, ISACTIVER(1)));
	/* EOI with the line still high: pending again */
	GICC_W(1, GICC_EOIR, 40);
	EXPECT_EQ(0xffU, GICC_R(1, GICC_RPR));
	EXPECT_EQ(1, cpu_line[1]);
	EXPECT_EQ(40U, GICC_R(1, GICC_IAR));
	ugic_set_irq(&model_vm, 40, 0);
	GICC_W(1, GICC_EOIR, 40);
	EXPECT_EQ(0, cpu_line[1]);
	EXPECT_EQ(0U, GICD_R(1, ISPENDR(1)));
	/* ISPENDR pends it with the line low; ICPENDR takes it back */
	GICD_W(0, ISPENDR(1), 1U << 8);
	EXPECT_EQ(1, cpu_line[1]);
	GICD_W(0, ICPENDR(1), 1U << 8);
	EXPECT_EQ(0, cpu_line[1]);
	/* retargeted while pending: the other CPU gets it */
	ugic_set_irq(&model_vm, 40, 1);
	wr(0, 0, ITARGETSR(40), 0x01, 1);
	EXPECT_EQ(1, cpu_line[0]);
	EXPECT_EQ(0, cpu_line[1]);
	/* a line that does not change calls nobody */
	line_calls = 0;
	ugic_set_irq(&model_vm, 40, 1);
	EXPECT_EQ(0U, line_calls);
}

/* 3.2.4 edge-triggered: one acknowledge per edge */
TEST(gic_model_edge_spi)
{
	model_init(1, true);
	spi_setup(34, 0x80, 0x01);
	GICD_W(0, ICFGR(2), 2U << 4);		/* INTID 34: edge */
	EXPECT_EQ(2U << 4, GICD_R(0, ICFGR(2)));
	ugic_set_irq(&model_vm, 34, 1);
	ugic_set_irq(&model_vm, 34, 0);
	EXPECT_EQ(1, cpu_line[0]);
	EXPECT_EQ(34U, GICC_R(0, GICC_IAR));
	GICC_W(0, GICC_EOIR, 34);
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1023U, GICC_R(0, GICC_IAR));
	/* a new edge while active: pending and active, taken after the EOI */
	ugic_set_irq(&model_vm, 34, 1);
	EXPECT_EQ(34U, GICC_R(0, GICC_IAR));
	ugic_set_irq(&model_vm, 34, 0);
	ugic_set_irq(&model_vm, 34, 1);
	EXPECT_EQ(0, cpu_line[0]);
	GICC_W(0, GICC_EOIR, 34);
	EXPECT_EQ(1, cpu_line[0]);
}

/* 3.3: priority order, the priority mask, the running priority, preemption */
TEST(gic_model_priority_mask_preemption)
{
	model_init(1, true);
	spi_setup(40, 0x80, 0x01);
	spi_setup(41, 0x40, 0x01);
	spi_setup(42, 0x40, 0x01);
	ugic_set_irq(&model_vm, 40, 1);
	ugic_set_irq(&model_vm, 42, 1);
	ugic_set_irq(&model_vm, 41, 1);
	/* the highest priority first; among equals the lowest INTID */
	EXPECT_EQ(41U, GICC_R(0, GICC_HPPIR));
	EXPECT_EQ(41U, GICC_R(0, GICC_IAR));
	/* 42 has the same group priority as 41: no preemption */
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1023U, GICC_R(0, GICC_IAR));
	EXPECT_EQ(42U, GICC_R(0, GICC_HPPIR));
	ugic_set_irq(&model_vm, 41, 0);
	GICC_W(0, GICC_EOIR, 41);
	EXPECT_EQ(42U, GICC_R(0, GICC_IAR));
	ugic_set_irq(&model_vm, 42, 0);
	GICC_W(0, GICC_EOIR, 42);
	/* the mask: only priorities strictly higher than PMR */
	GICC_W(0, GICC_PMR, 0x80);
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1023U, GICC_R(0, GICC_IAR));
	EXPECT_EQ(40U, GICC_R(0, GICC_HPPIR));
	GICC_W(0, GICC_PMR, 0x88);
	EXPECT_EQ(1, cpu_line[0]);
	EXPECT_EQ(0x88U, GICC_R(0, GICC_PMR));
	/* preemption: 41 (0x40) while 40 (0x80) runs, then back */
	EXPECT_EQ(40U, GICC_R(0, GICC_IAR));
	EXPECT_EQ(0, cpu_line[0]);
	ugic_set_irq(&model_vm, 41, 1);
	EXPECT_EQ(1, cpu_line[0]);
	EXPECT_EQ(41U, GICC_R(0, GICC_IAR));
	EXPECT_EQ(0x40U, GICC_R(0, GICC_RPR));
	ugic_set_irq(&model_vm, 41, 0);
	GICC_W(0, GICC_EOIR, 41);
	EXPECT_EQ(0x80U, GICC_R(0, GICC_RPR));
	ugic_set_irq(&model_vm, 40, 0);
	GICC_W(0, GICC_EOIR, 40);
	EXPECT_EQ(0xffU, GICC_R(0, GICC_RPR));
	/* a binary point of 7: one group priority, no preemption at all */
	GICC_W(0, GICC_BPR, 7);
	ugic_set_irq(&model_vm, 40, 1);
	EXPECT_EQ(40U, GICC_R(0, GICC_IAR));
	ugic_set_irq(&model_vm, 41, 1);
	EXPECT_EQ(0, cpu_line[0]);
	/* and BPR below its minimum reads as the minimum */
	GICC_W(0, GICC_BPR, 0);
	EXPECT_EQ(2U, GICC_R(0, GICC_BPR));
}

/* 4.3.15 GICD_SGIR: target filters, the source CPU in GICC_IAR[12:10] */
TEST(gic_model_sgis)
{
	unsigned int i;

	model_init(3, true);
	for (i = 0; i < 3; i++)
		GICD_W(i, ISENABLER(0), 0xffff);
	GICD_W(0, GICD_SGIR, SGIR(0, 0x02, 3));
	GICD_W(2, GICD_SGIR, SGIR(0, 0x02, 3));
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1, cpu_line[1]);
	EXPECT_EQ(1U << 3, GICD_R(1, ISPENDR(0)));
	EXPECT_EQ(0x05U, rd(1, 0, SPENDSGIR(3), 1));
	EXPECT_EQ(3U | 0 << 10, GICC_R(1, GICC_IAR));
	GICC_W(1, GICC_EOIR, 3 | 0 << 10);
	EXPECT_EQ(3U | 2 << 10, GICC_R(1, GICC_IAR));
	GICC_W(1, GICC_EOIR, 3 | 2 << 10);
	EXPECT_EQ(0, cpu_line[1]);
	/* all but self */
	GICD_W(1, GICD_SGIR, SGIR(1, 0, 7));
	EXPECT_EQ(1, cpu_line[0]);
	EXPECT_EQ(0, cpu_line[1]);
	EXPECT_EQ(1, cpu_line[2]);
	EXPECT_EQ(7U | 1 << 10, GICC_R(2, GICC_IAR));
	EXPECT_EQ(7U | 1 << 10, GICC_R(0, GICC_IAR));
	GICC_W(0, GICC_EOIR, 7 | 1 << 10);
	GICC_W(2, GICC_EOIR, 7 | 1 << 10);
	/* self only */
	GICD_W(2, GICD_SGIR, SGIR(2, 0, 1));
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1, cpu_line[2]);
	/* GICD_CPENDSGIR takes it back */
	wr(2, 0, 0xf10 + 1, 1U << 2, 1);
	EXPECT_EQ(0, cpu_line[2]);
	/* GICD_SPENDSGIR makes one, with the source written */
	wr(0, 0, SPENDSGIR(5), 1U << 1, 1);
	EXPECT_EQ(5U | 1 << 10, GICC_R(0, GICC_IAR));
}

/* eight CPUs, the module's maximum: CPUNumber, every target bit, source 7 */
TEST(gic_model_eight_cpus)
{
	unsigned int i;

	model_init(8, true);
	EXPECT_EQ(1U | 7U << 5, GICD_R(0, GICD_TYPER));
	EXPECT_EQ(0x80808080U, GICD_R(7, ITARGETSR(16)));
	spi_setup(60, 0x80, 0xff);
	EXPECT_EQ(0xffU, rd(0, 0, ITARGETSR(60), 1));
	ugic_set_irq(&model_vm, 60, 1);
	for (i = 0; i < 8; i++)
		EXPECT_EQ(1, cpu_line[i]);
	/* 1-N: one CPU takes it, the others no longer see it */
	EXPECT_EQ(60U, GICC_R(5, GICC_IAR));
	for (i = 0; i < 8; i++)
		EXPECT_EQ(0, cpu_line[i]);
	EXPECT_EQ(1023U, GICC_R(3, GICC_IAR));
	for (i = 0; i < 8; i++)
		GICD_W(i, ISENABLER(0), 0xffff);
	GICD_W(7, GICD_SGIR, SGIR(1, 0, 2));
	for (i = 0; i < 7; i++)
		EXPECT_EQ(2U | 7 << 10, GICC_R(i, GICC_IAR));
	EXPECT_EQ(1023U, GICC_R(7, GICC_IAR));
}

/* 4.4.1 EOImode: GICC_EOIR drops the priority, GICC_DIR deactivates */
TEST(gic_model_split_eoi)
{
	model_init(1, true);
	GICC_W(0, GICC_CTLR, 1 | 1 << 9);
	spi_setup(50, 0x80, 0x01);
	GICD_W(0, ICFGR(3), 2U << 4);		/* INTID 50: edge */
	ugic_set_irq(&model_vm, 50, 1);
	ugic_set_irq(&model_vm, 50, 0);
	EXPECT_EQ(50U, GICC_R(0, GICC_IAR));
	GICC_W(0, GICC_EOIR, 50);
	EXPECT_EQ(0xffU, GICC_R(0, GICC_RPR));
	EXPECT_EQ(1U << 18, GICD_R(0, ISACTIVER(1)));
	/* still active: a new edge waits for the deactivation */
	ugic_set_irq(&model_vm, 50, 1);
	EXPECT_EQ(0, cpu_line[0]);
	GICC_W(0, GICC_DIR, 50);
	EXPECT_EQ(0U, GICD_R(0, ISACTIVER(1)));
	EXPECT_EQ(1, cpu_line[0]);
}

/* 3.3.1 and 4.4.1: nothing signalled while either enable is off */
TEST(gic_model_enables)
{
	model_init(1, true);
	spi_setup(33, 0x80, 0x01);
	ugic_set_irq(&model_vm, 33, 1);
	EXPECT_EQ(1, cpu_line[0]);
	GICD_W(0, GICD_CTLR, 0);
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1023U, GICC_R(0, GICC_IAR));
	GICD_W(0, GICD_CTLR, 1);
	GICC_W(0, GICC_CTLR, 0);
	EXPECT_EQ(0, cpu_line[0]);
	GICC_W(0, GICC_CTLR, 1);
	EXPECT_EQ(1, cpu_line[0]);
	GICD_W(0, 0x180 + 4, 1U << 1);		/* ICENABLER1: INTID 33 */
	EXPECT_EQ(0, cpu_line[0]);
}

/* the virtual timer: device_irq_level after KVM_RUN is PPI 27's line */
TEST(gic_model_vtimer_ppi)
{
	model_init(2, true);
	GICD_W(1, ISENABLER(0), 1U << 27);
	wr(1, 0, IPRIORITYR(27), 0xa0, 1);
	model_runs[1].s.regs.device_irq_level = KVM_ARM_DEV_EL1_VTIMER;
	ugic_vcpu_sync(&model_vcpus[1]);
	EXPECT_EQ(0, cpu_line[0]);
	EXPECT_EQ(1, cpu_line[1]);
	EXPECT_EQ(0U, GICD_R(0, ISPENDR(0)));
	EXPECT_EQ(1U << 27, GICD_R(1, ISPENDR(0)));
	EXPECT_EQ(27U, GICC_R(1, GICC_IAR));
	/* the guest masked its timer before the EOI: the level dropped */
	model_runs[1].s.regs.device_irq_level = 0;
	ugic_vcpu_sync(&model_vcpus[1]);
	GICC_W(1, GICC_EOIR, 27);
	EXPECT_EQ(0, cpu_line[1]);
	EXPECT_EQ(1023U, GICC_R(1, GICC_IAR));
}

TEST_HARNESS_MAIN
