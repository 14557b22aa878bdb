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
 */
#include "kselftest_harness.h"
#include "vmm_util.h"

#define FORCE_USER_IRQCHIP "/sys/module/kvm_arm32/parameters/force_user_irqchip"
#define VTIMER_INTID	27
#define UART_INTID	33	/* SPI 1 */

#define MAX_CPUS	8

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

/*
 * run_vmm(), but with @input on the VMM's standard input where run_vmm()
 * gives it /dev/null: the guest's PL011 receives it, which is what raises
 * the UART's SPI (its transmit FIFO never fills, so Linux sends without
 * interrupts).  The guest opens the console before its init runs.
 */
static int run_vmm_input(const char * const *args, const char *input, int timeout)
{
	const char *argv[16] = { helper_path("vmm") };
	char out_tmpl[] = "/tmp/vmm-out.XXXXXX", in_tmpl[] = "/tmp/vmm-in.XXXXXX";
	int out = mkstemp(out_tmpl), in = mkstemp(in_tmpl), status = -1;
	time_t end = time(NULL) + timeout;
	size_t len = strlen(input);
	unsigned int i;
	ssize_t n;
	pid_t pid;

	if (out < 0 || in < 0 || write(in, input, len) != (ssize_t)len)
		return -1;
	unlink(out_tmpl);
	unlink(in_tmpl);
	lseek(in, 0, SEEK_SET);
	for (i = 0; args[i] && i + 2 < ARRAY_SIZE(argv); i++)
		argv[i + 1] = args[i];
	pid = fork();
	if (pid == 0) {
		dup2(in, 0);
		dup2(out, 1);
		dup2(out, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		n = pread(out, vmm_out, OUT_MAX, 0);
		vmm_out[n > 0 ? n : 0] = '\0';
		if (time(NULL) > end || strstr(vmm_out, "Kernel panic - not syncing")) {
			/* where each VCPU is, then stop it */
			kill(pid, SIGUSR2);
			sleep(3);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		usleep(100 * 1000);
	}
	n = pread(out, vmm_out, OUT_MAX, 0);
	vmm_out[n > 0 ? n : 0] = '\0';
	close(out);
	close(in);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
	int status;

	/* more than the UART's FIFO and what Linux drains at open */
	memset(input, 'x', sizeof(input) - 1);
	input[sizeof(input) - 1] = '\0';
	setenv("VMM_GIC_STATS", "1", 1);
	status = run_vmm_input(args, input, BOOT_TIMEOUT);
	snprintf(marker, sizeof(marker), "VMM-GUEST-INIT-OK cpus=%s.", cpus);
	/* the guest's PL011 driver probed and its init ran and powered off */
	EXPECT_TRUE(strstr(vmm_out, "ttyAMA0 at MMIO") != NULL);
	EXPECT_TRUE(strstr(vmm_out, marker) != NULL);
	EXPECT_EQ(0, status);
	/* the guest's timer ticks and the UART's interrupts reached it */
	EXPECT_LT(0UL, gic_count(VTIMER_INTID, NULL));
	EXPECT_LT(0UL, gic_count(UART_INTID, NULL));
	TH_LOG("%s CPU(s): %lu timer, %lu UART interrupts, %lu SGIs", cpus,
	       gic_count(VTIMER_INTID, NULL), gic_count(UART_INTID, NULL),
	       sgis_delivered());
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

/* each CPU has its own timer PPI; the CPUs talk with SGIs */
static void check_smp(struct __test_metadata *_metadata, const char *cpus)
{
	unsigned long per_cpu[MAX_CPUS];
	int i;

	boot_user_irqchip(_metadata, cpus);
	gic_count(VTIMER_INTID, per_cpu);
	for (i = 0; i < atoi(cpus); i++)
		EXPECT_LT(0UL, per_cpu[i]) TH_LOG("no timer interrupt on CPU%d", i);
	EXPECT_LT(0UL, sgis_delivered());
	dump_output_on_failure(_metadata);
}

TEST_F_TIMEOUT(vmm, user_irqchip_boots_2cpus, BOOT_TIMEOUT + 30)
{
	check_smp(_metadata, "2");
}

/* the most VCPUs the module allows: every target bit and CPUNumber */
TEST_F_TIMEOUT(vmm, user_irqchip_boots_8cpus, BOOT_TIMEOUT + 30)
{
	check_smp(_metadata, "8");
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

TEST_HARNESS_MAIN
