// SPDX-License-Identifier: GPL-2.0-only
/*
 * HYP mode ownership: self-check on every CPU, host-call dispatch bounds,
 * the HYP panic path, load/unload cycles and CPU hotplug.
 */
#include <stdint.h>

#include "kvm_test.h"
#include "kselftest_harness.h"

#define SELFCHECK	KVM_DEBUGFS "hyp_selfcheck"
#define HYP_CALL	KVM_DEBUGFS "hyp_call"

#define HVC_STUB_ERR	0xbadca11
#define HCALL_NULL	3
#define HCALL_TEST_FAULT 5

static char buf[8192];

static int nr_cpus_conf(void)
{
	return sysconf(_SC_NPROCESSORS_CONF);
}

static int cpu_online(int cpu)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return cpu == 0;	/* the boot CPU has no "online" file */
	return buf[0] == '1';
}

static int set_cpu_online(int cpu, int online)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	return write_file(path, online ? "1" : "0");
}

/*
 * Run the self-check; return the number of CPUs it found healthy, or -1
 * when it failed anywhere or did not cover every online CPU.
 */
static int selfcheck(struct __test_metadata *_metadata)
{
	static char text[8192];
	int cpu, online = 0, ok = 0;
	char *line, *save;
	size_t len;

	for (cpu = 0; cpu < nr_cpus_conf(); cpu++)
		online += cpu_online(cpu);
	if (read_file(SELFCHECK, text, sizeof(text)) < 0)
		return -1;
	memcpy(buf, text, sizeof(text));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		len = strlen(line);
		if (!strncmp(line, "cpu", 3) && len > 3 &&
		    !strcmp(line + len - 3, " ok"))
			ok++;
	}
	if (!strstr(text, "result: ok\n") || ok != online) {
		TH_LOG("self-check (%d ok, %d online):\n%s", ok, online, text);
		return -1;
	}
	return ok;
}

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
	static const unsigned long bad[] = { 6, 7, 100, 0x7fffffff,
					     0xfffffffe, 0xffffffff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, hyp_call(bad[i], 0)) TH_LOG("fn %#lx", bad[i]);
	/* the stub's SET_VECTORS keeps the stub's answer */
	EXPECT_EQ(HVC_STUB_ERR, hyp_call(0, 0));
	/* HYP still healthy afterwards */
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_F(hyp, giving_hyp_away_is_not_a_debugfs_call)
{
	EXPECT_EQ(-EPERM, hyp_call(1, 0));
	EXPECT_EQ(-EPERM, hyp_call(2, 0));
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_F(hyp, panic_returns_to_host)
{
	int i;

	/* A data abort in HYP: reported, the call fails, the CPU lives on. */
	for (i = 0; i < 3; i++)
		EXPECT_EQ(-EFAULT, hyp_call(HCALL_TEST_FAULT, 0));
	/* an address HYP does not map although the kernel does */
	EXPECT_EQ(-EFAULT, hyp_call(HCALL_TEST_FAULT, (unsigned long)buf));
	EXPECT_EQ(0, hyp_call(HCALL_NULL, 0));
	EXPECT_EQ(nr_cpus_conf(), selfcheck(_metadata));
}

TEST_F(hyp, load_unload_100_times)
{
	int i;

	for (i = 0; i < 100; i++) {
		ASSERT_EQ(0, kvm_module_unload()) TH_LOG("cycle %d", i);
		ASSERT_EQ(0, kvm_module_load()) TH_LOG("cycle %d", i);
		ASSERT_EQ(nr_cpus_conf(), selfcheck(_metadata)) TH_LOG("cycle %d", i);
	}
}

TEST_F(hyp, hotplug_every_secondary_20_times)
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
