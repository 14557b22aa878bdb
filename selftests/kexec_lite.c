// SPDX-License-Identifier: GPL-2.0-only
/*
 * kexec_lite: the smallest kexec loader the HYP hand-over tests need.
 *
 *   kexec_lite load ZIMAGE INITRD "CMDLINE"   stage the running machine's
 *                                             device tree, zImage, initrd
 *   kexec_lite exec                           reboot into it
 *
 * On 32-bit ARM the kernel finds the device tree among the segments by its
 * magic and passes it in r2; the zImage is entered at RAM start + 32 KiB.
 * Entering it through soft_restart() makes the kernel issue
 * HVC_SOFT_RESTART, which is what the tests are about: the new kernel must
 * start in HYP mode whether the module owned HYP at that moment or not.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <libfdt.h>

#define ZIMAGE_OFFSET	0x8000		/* text offset the zImage expects */
#define DTB_OFFSET	0x08000000	/* 128 MiB: clear of the kernel */
#define INITRD_OFFSET	0x08200000

static void *slurp(const char *path, size_t *len, size_t extra)
{
	struct stat st;
	size_t got = 0;
	ssize_t n = 1;
	char *buf;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "kexec_lite: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	buf = calloc(1, st.st_size + extra);
	/* sysfs binary files come a page at a time */
	while (buf && got < (size_t)st.st_size && n > 0) {
		n = read(fd, buf + got, st.st_size - got);
		got += n > 0 ? n : 0;
	}
	if (!buf || got != (size_t)st.st_size) {
		fprintf(stderr, "kexec_lite: cannot read %s\n", path);
		exit(1);
	}
	close(fd);
	*len = got;
	return buf;
}

/* Start of the first "System RAM" range in /proc/iomem. */
static uint64_t ram_start(void)
{
	char line[256];
	uint64_t start = 0;
	FILE *f = fopen("/proc/iomem", "r");

	while (f && fgets(line, sizeof(line), f)) {
		if (strstr(line, "System RAM") && line[0] != ' ') {
			start = strtoull(line, NULL, 16);
			break;
		}
	}
	if (f)
		fclose(f);
	return start;
}

static size_t page_align(size_t n)
{
	return (n + 4095) & ~(size_t)4095;
}

static int load(const char *zimage, const char *initrd, const char *cmdline)
{
	size_t klen, ilen, dlen;
	void *kbuf = slurp(zimage, &klen, 0);
	void *ibuf = slurp(initrd, &ilen, 0);
	void *dtb = slurp("/sys/firmware/fdt", &dlen, 4096 + strlen(cmdline));
	uint64_t base = ram_start();
	struct kexec_segment seg[3];
	int chosen, err;

	if (!base) {
		fprintf(stderr, "kexec_lite: no System RAM in /proc/iomem\n");
		return 1;
	}
	err = fdt_open_into(dtb, dtb, dlen + 4096 + strlen(cmdline));
	chosen = err ? err : fdt_path_offset(dtb, "/chosen");
	if (chosen < 0 ||
	    fdt_setprop_string(dtb, chosen, "bootargs", cmdline) ||
	    fdt_setprop_u64(dtb, chosen, "linux,initrd-start",
			    base + INITRD_OFFSET) ||
	    fdt_setprop_u64(dtb, chosen, "linux,initrd-end",
			    base + INITRD_OFFSET + ilen) ||
	    fdt_pack(dtb)) {
		fprintf(stderr, "kexec_lite: cannot edit the device tree\n");
		return 1;
	}

	seg[0] = (struct kexec_segment){ kbuf, klen,
		(void *)(uintptr_t)(base + ZIMAGE_OFFSET), page_align(klen) };
	seg[1] = (struct kexec_segment){ dtb, fdt_totalsize(dtb),
		(void *)(uintptr_t)(base + DTB_OFFSET),
		page_align(fdt_totalsize(dtb)) };
	seg[2] = (struct kexec_segment){ ibuf, ilen,
		(void *)(uintptr_t)(base + INITRD_OFFSET), page_align(ilen) };
	if (syscall(__NR_kexec_load, (unsigned long)(base + ZIMAGE_OFFSET),
		    3, seg, KEXEC_ARCH_DEFAULT)) {
		fprintf(stderr, "kexec_lite: kexec_load: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "load"))
		return load(argv[2], argv[3], argv[4]);
	if (argc == 2 && !strcmp(argv[1], "exec")) {
		sync();
		reboot(LINUX_REBOOT_CMD_KEXEC);
		fprintf(stderr, "kexec_lite: reboot(KEXEC): %s\n", strerror(errno));
		return 1;
	}
	fprintf(stderr, "usage: kexec_lite load ZIMAGE INITRD CMDLINE | exec\n");
	return 2;
}
