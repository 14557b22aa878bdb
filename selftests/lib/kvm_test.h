/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers shared by the selftests: /dev/kvm and module load/unload.
 */
#ifndef __KVM_SELFTEST_H
#define __KVM_SELFTEST_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/kvm.h>

#define KVM_DEV_PATH	"/dev/kvm"
#define KVM_MODULE_NAME	"kvm_arm32"

static inline const char *kvm_module_path(void)
{
	const char *p = getenv("KVM_MODULE");

	return p ? p : "/lib/modules/kvm-arm32.ko";
}

/* finit_module() the module; returns 0 or -errno. */
static inline int kvm_module_load(void)
{
	int fd, ret;

	fd = open(kvm_module_path(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = syscall(__NR_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

/* delete_module() without waiting, as rmmod does; returns 0 or -errno. */
static inline int kvm_module_unload(void)
{
	return syscall(__NR_delete_module, KVM_MODULE_NAME, O_NONBLOCK) ?
	       -errno : 0;
}

static inline int kvm_module_loaded(void)
{
	struct stat st;

	return stat("/sys/module/" KVM_MODULE_NAME, &st) == 0;
}

/* Leave the module loaded whatever a test did to it. */
static inline int kvm_module_ensure_loaded(void)
{
	return kvm_module_loaded() ? 0 : kvm_module_load();
}

#define KVM_DEBUGFS	"/sys/kernel/debug/kvm-arm32/"

/* Read a whole (small) file into @buf; returns its length or -errno. */
static inline int read_file(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), n, got = 0;

	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf + got, len - 1 - got)) > 0)
		got += n;
	close(fd);
	if (n < 0)
		return -errno;
	buf[got] = '\0';
	return got;
}

/* Write @str to @path in one write(); returns 0 or -errno. */
static inline int write_file(const char *path, const char *str)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, str, strlen(str)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

#endif /* __KVM_SELFTEST_H */
