/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * HYP helpers for selftests; include after kselftest_harness.h.
 */
#ifndef __KVM_SELFTEST_HYP_UTIL_H
#define __KVM_SELFTEST_HYP_UTIL_H

#include <stdbool.h>
#include <sys/klog.h>

#include "kvm_test.h"

#define SELFCHECK	KVM_DEBUGFS "hyp_selfcheck"

static char buf[8192];

static inline int nr_cpus_conf(void)
{
	return sysconf(_SC_NPROCESSORS_CONF);
}

static inline int cpu_online(int cpu)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	if (read_file(path, buf, sizeof(buf)) < 0)
		return cpu == 0;	/* the boot CPU has no "online" file */
	return buf[0] == '1';
}

static inline int set_cpu_online(int cpu, int online)
{
	char path[64];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	return write_file(path, online ? "1" : "0");
}

/*
 * Run the self-check; return the number of CPUs it found healthy, or -1
 * when it failed anywhere or did not cover every online CPU.
 */
static inline int selfcheck(struct __test_metadata *_metadata)
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

#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_SIZE_BUFFER	10

/*
 * The kernel's module loader says why it taints the kernel in a line of
 * the module's own prefix: "loading out-of-tree module taints kernel.",
 * and, where CONFIG_MODULE_SIG is set (Debian's kernels) but the module
 * unsigned, "module verification failed: ... - tainting kernel".
 */
static inline bool klog_taint_notice(const char *line)
{
	return strstr(line, "taints kernel") || strstr(line, "tainting kernel");
}

/*
 * Kernel log lines containing @needle (not counting the loader's taint
 * notices, when @needle is the module's prefix); the last one found is
 * copied to @last.  Returns the count, or -1.
 */
static inline int klog_count(const char *needle, char *last, size_t len)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *log, *line, *save;
	int n = 0;

	if (size <= 0)
		return -1;
	log = malloc(size + 1);
	if (!log)
		return -1;
	size = klogctl(SYSLOG_ACTION_READ_ALL, log, size);
	if (size < 0) {
		free(log);
		return -1;
	}
	log[size] = '\0';
	for (line = strtok_r(log, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, needle) && !klog_taint_notice(line)) {
			n++;
			if (last)
				snprintf(last, len, "%s", line);
		}
	}
	free(log);
	return n;
}

#endif /* __KVM_SELFTEST_HYP_UTIL_H */
