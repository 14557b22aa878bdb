// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/vmm boots this very kernel as a guest: its /init (the guest
 * initramfs built from tools/vmm/testinit.c) prints a marker with the
 * number of CPUs it sees and powers off, and the VMM must then exit 0.
 * The second CPU only shows up if the guest's PSCI CPU_ON through the
 * module worked.  Also the VMM's argument checking: status 2 and a hint.
 */
#include "kselftest_harness.h"
#include "vmm_util.h"

static void boot_guest(struct __test_metadata *_metadata, const char *cpus)
{
	char marker[64];
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"),
		"--mem", "256M", "--cpus", cpus,
		"--cmdline", "console=ttyAMA0 earlycon rdinit=/init",
		NULL
	};
	int status;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	status = run_vmm(args, BOOT_TIMEOUT);
	snprintf(marker, sizeof(marker), "VMM-GUEST-INIT-OK cpus=%s.", cpus);
	/* the guest kernel found its console and both GIC and timer worked */
	EXPECT_TRUE(strstr(vmm_out, "ttyAMA0 at MMIO") != NULL);
	EXPECT_TRUE(strstr(vmm_out, marker) != NULL);
	EXPECT_EQ(0, status);
	if (status != 0 || !strstr(vmm_out, marker)) {
		char *line, *save = NULL;

		/* the guest's console, marked apart from the host's own */
		TH_LOG("vmm exit status %d, its output:", status);
		for (line = strtok_r(vmm_out, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save))
			fprintf(stderr, "# guest| %s\n", line);
		vmm_out[0] = '\0';
	}
}

/*
 * The guest kernel is the Thumb-2 test kernel.  QEMU 7.2's TCG corrupts a
 * Thumb guest's ITSTATE when any HSTR trap is set (core/coproc.c), so the
 * boots run with HSTR.T15 off; cp15_test checks the trap itself.
 */
#define TRAP_IMPDEF_CP15 "/sys/module/kvm_arm32/parameters/trap_impdef_cp15"

FIXTURE(vmm) {
	int unused;
};

FIXTURE_SETUP(vmm)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
	ASSERT_EQ(0, write_file(TRAP_IMPDEF_CP15, "N"));
}

FIXTURE_TEARDOWN(vmm)
{
	write_file(TRAP_IMPDEF_CP15, "Y");
}

TEST_F_TIMEOUT(vmm, linux_guest_boots_to_init_1cpu, BOOT_TIMEOUT + 30)
{
	boot_guest(_metadata, "1");
}

TEST_F_TIMEOUT(vmm, linux_guest_boots_to_init_2cpus, BOOT_TIMEOUT + 30)
{
	boot_guest(_metadata, "2");
}

/*
 * Ctrl-C (SIGINT) in the middle of the guest's boot: the VMM stops every
 * VCPU and exits with 128 + SIGINT, saying so, instead of hanging or
 * leaving the guest running.
 */
TEST_F_TIMEOUT(vmm, sigint_stops_the_guest, BOOT_TIMEOUT + 30)
{
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"), "--cpus", "2",
		"--cmdline", "console=ttyAMA0 rdinit=/init",
		NULL
	};
	int status;

	/* a line the guest prints early, with seconds of boot still ahead */
	status = run_vmm_signal(args, BOOT_TIMEOUT, "Serial: AMBA PL011", SIGINT);
	EXPECT_EQ(128 + SIGINT, status);
	EXPECT_TRUE(strstr(vmm_out, "Serial: AMBA PL011") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "vmm: Interrupt: guest stopped") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VMM-GUEST-INIT-OK") == NULL);
	if (status != 128 + SIGINT)
		TH_LOG("vmm output: %s", vmm_out);
}

TEST(help_exits_0)
{
	static const char * const args[] = { "--help", NULL };

	EXPECT_EQ(0, run_vmm(args, 10));
	EXPECT_TRUE(strstr(vmm_out, "usage: vmm run --kernel") != NULL);
}

TEST(bad_arguments_exit_2_with_a_hint)
{
	static const char * const cases[][6] = {
		{ NULL },
		{ "boot", NULL },
		{ "run", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--cpus", "0", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--cpus", "9", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--mem", "12X", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--mem", "1M", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--irqchip", "both", NULL },
		{ "run", "--kernel", GUEST_ZIMAGE, "--bogus", NULL },
		{ "run", "--kernel", NULL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(2, run_vmm(cases[i], 10)) TH_LOG("case %u: %s", i, vmm_out);
		EXPECT_TRUE(strstr(vmm_out, "vmm --help") != NULL) TH_LOG("case %u: %s", i, vmm_out);
	}
}

TEST(missing_kernel_file_is_an_error)
{
	static const char * const args[] = {
		"run", "--kernel", "/nonexistent/zImage", NULL
	};

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	EXPECT_EQ(1, run_vmm(args, 30));
	EXPECT_TRUE(strstr(vmm_out, "/nonexistent/zImage") != NULL);
}

TEST_HARNESS_MAIN
