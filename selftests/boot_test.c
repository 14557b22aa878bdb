// SPDX-License-Identifier: GPL-2.0-only
/*
 * The host as booted: every CPU started in HYP mode, and the module takes
 * HYP on all of them.  Run after every kind of boot, kexec included, to
 * show that whoever owned HYP before handed it over intact.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"
#include "hyp_util.h"

TEST(every_cpu_started_in_hyp_mode)
{
	/* printed by the kernel's hyp_mode_check() at boot */
	EXPECT_EQ(1, klog_count("CPU: All CPU(s) started in HYP mode.", NULL, 0));
}

TEST(module_takes_hyp_on_every_cpu)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_HARNESS_MAIN
