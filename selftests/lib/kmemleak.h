/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kmemleak from a selftest: whether this boot has it, and the leaks it
 * reports for some allocation sites.  Only debug kernels have kmemleak
 * (CONFIG_DEBUG_KMEMLEAK; distribution kernels do not): a test that needs
 * it skips, naming the reason, where it is missing.
 */
#ifndef __KVM_SELFTEST_KMEMLEAK_H
#define __KVM_SELFTEST_KMEMLEAK_H

#include <linux/magic.h>
#include <stdbool.h>
#include <sys/vfs.h>

#include "kvm_test.h"

#define DEBUGFS_DIR	"/sys/kernel/debug"
#define KMEMLEAK	DEBUGFS_DIR "/kmemleak"

/*
 * Why kmemleak cannot check this boot, for a SKIP; NULL when it can.  A
 * kernel booted with kmemleak=off, or whose kmemleak gave up, keeps the
 * file but answers every command but "clear" with EPERM: "stack=on", the
 * default, is the probe that changes nothing.  Any other error is left to
 * kmemleak_leaks(), to fail the test.
 */
static inline const char *kmemleak_missing(void)
{
	struct statfs st;
	int fd = open(KMEMLEAK, O_WRONLY | O_CLOEXEC);
	bool disabled;

	if (fd < 0) {
		if (errno != ENOENT)
			return NULL;
		if (statfs(DEBUGFS_DIR, &st) || st.f_type != DEBUGFS_MAGIC)
			return "debugfs is not mounted on " DEBUGFS_DIR;
		return "kmemleak not in this kernel (CONFIG_DEBUG_KMEMLEAK)";
	}
	disabled = write(fd, "stack=on", 8) < 0 && errno == EPERM;
	close(fd);
	return disabled ? "kmemleak is disabled in this boot" : NULL;
}

/*
 * Scan, and count the unreferenced objects whose report (backtrace
 * included) names one of @sites, a NULL-terminated list; each is printed
 * to stderr.  An object is reported once it is 5 s old and unchanged
 * since the previous scan: hence the wait and the two scans.
 * Return: the count, or -errno.
 */
static inline int kmemleak_leaks(const char * const *sites)
{
	char line[256], block[2048] = "";
	const char * const *s;
	int fd, leaks = 0;
	bool end;
	FILE *f;

	fd = open(KMEMLEAK, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	sleep(6);
	if (write(fd, "scan", 4) != 4 || write(fd, "scan", 4) != 4) {
		leaks = -errno;
		close(fd);
		return leaks;
	}
	close(fd);
	f = fopen(KMEMLEAK, "re");
	if (!f)
		return -errno;
	/* one block per object, each starting "unreferenced object" */
	do {
		end = !fgets(line, sizeof(line), f);
		if (end || !strncmp(line, "unreferenced object", 19)) {
			for (s = sites; *s; s++)
				if (strstr(block, *s))
					break;
			if (*s) {
				fprintf(stderr, "%s", block);
				leaks++;
			}
			block[0] = '\0';
		}
		if (!end && strlen(block) + strlen(line) < sizeof(block))
			strcat(block, line);
	} while (!end);
	fclose(f);
	return leaks;
}

#endif /* __KVM_SELFTEST_KMEMLEAK_H */
