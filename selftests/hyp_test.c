// SPDX-License-Identifier: GPL-2.0-only
/*
 * HYP mode ownership: self-check on every CPU, host-call dispatch bounds,
 * the HYP panic path, load/unload cycles and CPU hotplug.
 */
#include <sched.h>
#include <stdint.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "hyp_util.h"

#define HYP_CALL	KVM_DEBUGFS "hyp_call"

#define HVC_STUB_ERR	0xbadca11
#define HCALL_NULL	3
#define HCALL_TEST_FAULT 5

/* One host call through debugfs; returns its result. */
static long hyp_call(unsigned long fn, unsigned long arg)
{
	char cmd[48];

	snprintf(cmd, sizeof(cmd), "%lu %lu", fn, arg);
	if (write_file(HYP_CALL, cmd))
		return -1000 - errno;
	if (read_file(HYP_CALL, buf, sizeof(buf)) < 0)
		return -2000;
	return strtol(buf, NULL, 10);
}

FIXTURE(hyp) {
	int unused;
};

FIXTURE_SETUP(hyp)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
}

FIXTURE_TEARDOWN(hyp)
{
	int cpu;

	for (cpu = 1; cpu < nr_cpus_conf(); cpu++)
		set_cpu_online(cpu, 1);
	kvm_module_ensure_loaded();
}

TEST_F(hyp, selfcheck_every_cpu)
{
	ASSERT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_F(hyp, null_call)
{
	EXPECT_EQ(0, hyp_call(HCALL_NULL, 0));
}

TEST_F(hyp, out_of_range_calls)
{
	/* the table ends at KVM_HCALL_FLUSH_VMID (8) */
	static const unsigned long bad[] = { 9, 10, 100, 0x7fffffff,
					     0xfffffffe, 0xffffffff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, hyp_call(bad[i], 0)) TH_LOG("fn %#lx", bad[i]);
	/* the stub's SET_VECTORS keeps the stub's answer */
	EXPECT_EQ(HVC_STUB_ERR, hyp_call(0, 0));
	/* HYP still healthy afterwards */
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

/*
 * Calls that take kernel pointers (flush a HYP VA, run a VCPU, flush a
 * VMID) are the module's own business, not debugfs's.
 */
TEST_F(hyp, pointer_calls_refused_from_debugfs)
{
	EXPECT_EQ(-1000 - EPERM, hyp_call(6, 0));
	EXPECT_EQ(-1000 - EPERM, hyp_call(7, 0));
	EXPECT_EQ(-1000 - EPERM, hyp_call(8, 0));
}

TEST_F(hyp, giving_hyp_away_is_not_a_debugfs_call)
{
	EXPECT_EQ(-EPERM, hyp_call(1, 0));
	EXPECT_EQ(-EPERM, hyp_call(2, 0));
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_F(hyp, panic_returns_to_host)
{
	char line[512] = "";
	int i, before = klog_count("HYP panic on CPU", NULL, 0);

	/* A data abort in HYP: reported, the call fails, the CPU lives on. */
	for (i = 0; i < 3; i++)
		EXPECT_EQ(-EFAULT, hyp_call(HCALL_TEST_FAULT, 0));
	EXPECT_EQ(before + 3, klog_count("HYP panic on CPU", line, sizeof(line)));
	/* HSR.EC 0x25: data abort taken from HYP; HDFAR the faulting address */
	EXPECT_TRUE(strstr(line, "data abort, HSR 0x96") ||
		    strstr(line, "data abort, HSR 0x97")) TH_LOG("%s", line);
	EXPECT_TRUE(strstr(line, "HDFAR 0x00000000") != NULL) TH_LOG("%s", line);
	/* an address HYP does not map although the kernel does */
	EXPECT_EQ(-EFAULT, hyp_call(HCALL_TEST_FAULT, (unsigned long)buf));
	EXPECT_EQ(0, hyp_call(HCALL_NULL, 0));
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

/*
 * CPU PM on every CPU: a retention state keeps HYP; a power-down state
 * brings the CPU back with the kernel's stub, and the module's CPU PM
 * notifier must set HYP up again before anything else needs it.
 */
TEST_F(hyp, cpu_pm_exit_restores_hyp)
{
	cpu_set_t set;
	int cpu, lose;

	for (cpu = 0; cpu < nr_cpus_conf(); cpu++) {
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		ASSERT_EQ(0, sched_setaffinity(0, sizeof(set), &set));
		for (lose = 0; lose <= 1; lose++) {
			ASSERT_EQ(0, write_file(KVM_DEBUGFS "hyp_cpu_pm",
						lose ? "1" : "0"))
				TH_LOG("cpu%d lose=%d", cpu, lose);
			ASSERT_EQ(0, hyp_call(HCALL_NULL, 0))
				TH_LOG("cpu%d lose=%d", cpu, lose);
		}
	}
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

/*
 * Each cycle sets HYP up and tears it down on every CPU and registers the
 * vGIC's and timer's per-CPU interrupts: on the KASAN kernel, with other
 * work on the machine, 100 of them outlast the harness's default 30 s.
 */
TEST_F_TIMEOUT(hyp, load_unload_100_times, 600)
{
	int i;

	for (i = 0; i < 100; i++) {
		ASSERT_EQ(0, kvm_module_unload()) TH_LOG("cycle %d", i);
		ASSERT_EQ(0, kvm_module_load()) TH_LOG("cycle %d", i);
		ASSERT_EQ(nr_cpus_conf(), selfcheck(_metadata)) TH_LOG("cycle %d", i);
	}
}

/* 20 offline/online cycles of every secondary: a stress test as well */
TEST_F_TIMEOUT(hyp, hotplug_every_secondary_20_times, 600)
{
	int cpu, i, n = nr_cpus_conf();

	if (n < 2)
		SKIP(return, "needs a secondary CPU");
	for (cpu = 1; cpu < n; cpu++) {
		for (i = 0; i < 20; i++) {
			ASSERT_EQ(0, set_cpu_online(cpu, 0)) TH_LOG("cpu%d %d", cpu, i);
			ASSERT_EQ(n - 1, selfcheck(_metadata));
			ASSERT_EQ(0, set_cpu_online(cpu, 1)) TH_LOG("cpu%d %d", cpu, i);
			ASSERT_EQ(n, selfcheck(_metadata)) TH_LOG("cpu%d %d", cpu, i);
		}
	}
}

TEST_F(hyp, unload_with_a_cpu_offline)
{
	int n = nr_cpus_conf();

	if (n < 2)
		SKIP(return, "needs a secondary CPU");
	ASSERT_EQ(0, set_cpu_online(1, 0));
	ASSERT_EQ(0, kvm_module_unload());
	/* cpu1 comes back with the stub, which the next init goes through */
	ASSERT_EQ(0, set_cpu_online(1, 1));
	ASSERT_EQ(0, kvm_module_load());
	ASSERT_EQ(n, selfcheck(_metadata));
}

TEST_F(hyp, load_with_a_cpu_offline)
{
	int n = nr_cpus_conf();

	if (n < 2)
		SKIP(return, "needs a secondary CPU");
	ASSERT_EQ(0, kvm_module_unload());
	ASSERT_EQ(0, set_cpu_online(n - 1, 0));
	ASSERT_EQ(0, kvm_module_load());
	ASSERT_EQ(n - 1, selfcheck(_metadata));
	/* the online callback sets up HYP on the CPU as it comes up */
	ASSERT_EQ(0, set_cpu_online(n - 1, 1));
	ASSERT_EQ(n, selfcheck(_metadata));
}

TEST_HARNESS_MAIN
