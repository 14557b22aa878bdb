// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the guest initramfs the VMM boot tests use: print a marker on
 * the console and power the guest off (PSCI SYSTEM_OFF through the
 * kernel), which must end the VMM with status 0.
 *
 * With vmmtest=disk on the kernel command line it first exercises the
 * virtio block device (/dev/vda), bypassing the page cache (O_DIRECT) so
 * each step is a request to the device:
 *
 *   VMM-DISK-SIZE bytes=N              BLKGETSIZE64: the device's capacity
 *   VMM-DISK-READ fnv=X head=HEX       FNV-1a of the first 4 KiB, its first bytes
 *   VMM-DISK-LAST fnv=X                FNV-1a of the last sector
 *   VMM-DISK-ALL fnv=X                 FNV-1a of the whole disk, read in
 *                                      64 KiB requests of many segments
 *   VMM-DISK-SMALL reads=N             N single-sector reads (more than a
 *                                      queue's worth: the ring wraps) all
 *                                      equal to the whole-disk read
 *   VMM-DISK-WRITE sector=S fnv=X      4 KiB of pattern written at sector S,
 *                                      flushed (fsync) and read back equal
 *   VMM-DISK-SERIAL name               the GET_ID answer (sysfs)
 *   VMM-DISK-IRQ <line>                the virtio line of /proc/interrupts
 *   VMM-DISK-FAIL what: error          when a step fails
 *
 * The pattern is xorshift32 from the seed of vmmdisk=SEED,SECTOR (hex,
 * decimal), as little-endian 32-bit words.
 *
 * With vmmtest=diskreboot it counts its boots in sector 0 of /dev/vda
 * ("VMMBOOT" and a count byte), prints VMM-DISK-BOOT n=N and reboots
 * after the first: the device must work again after the VM's reset.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>
#include <linux/fs.h>
#include "disk_pattern.h"

#define SECTOR		512
#define CHUNK		4096

static int console = -1;

static void say(const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (len >= (int)sizeof(msg))
		len = sizeof(msg) - 1;
	if (console >= 0 && write(console, msg, len) == len)
		tcdrain(console);	/* out of the UART before the power goes */
}

/* The value of @key (as "key=value") on the kernel command line, or NULL. */
static const char *cmdline_arg(const char *cmdline, const char *key)
{
	size_t len = strlen(key);
	const char *p = cmdline;

	while ((p = strstr(p, key))) {
		if ((p == cmdline || p[-1] == ' ') && p[len] == '=')
			return p + len + 1;
		p += len;
	}
	return NULL;
}

static void print_virtio_irqs(void)
{
	char line[256];
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f) {
		say("VMM-DISK-FAIL /proc/interrupts: %s\n", strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "virtio"))
			say("VMM-DISK-IRQ %s", line);
	fclose(f);
}

static void print_serial(void)
{
	char serial[64] = "";
	int fd = open("/sys/block/vda/serial", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, serial, sizeof(serial) - 1) : -1;

	if (n < 0) {
		say("VMM-DISK-FAIL serial: %s\n", strerror(errno));
	} else {
		serial[n] = '\0';
		serial[strcspn(serial, "\n")] = '\0';
		say("VMM-DISK-SERIAL %s\n", serial);
	}
	if (fd >= 0)
		close(fd);
}

#define BIG		(64 * 1024)
#define SMALL_READS	300

/* The whole disk in big requests, then sector by sector against it. */
static void whole_disk(int fd, unsigned long long size)
{
	unsigned long long off;
	uint8_t *all, *sec;
	uint32_t h = 0x811c9dc5;
	unsigned int i;

	if (!size || size > (64 << 20) ||
	    posix_memalign((void **)&all, CHUNK, size + BIG) ||
	    posix_memalign((void **)&sec, CHUNK, SECTOR)) {
		say("VMM-DISK-FAIL memory for the whole disk\n");
		return;
	}
	for (off = 0; off < size; off += BIG) {
		size_t n = size - off < BIG ? size - off : BIG;

		if (pread(fd, all + off, n, off) != (ssize_t)n) {
			say("VMM-DISK-FAIL read at %llu: %s\n", off, strerror(errno));
			return;
		}
	}
	for (off = 0; off < size; off++)
		h = (h ^ all[off]) * 0x01000193;
	say("VMM-DISK-ALL fnv=%08x\n", h);

	for (i = 0; i < SMALL_READS; i++) {
		off = (unsigned long long)(i * 7 % (size / SECTOR)) * SECTOR;
		if (pread(fd, sec, SECTOR, off) != SECTOR || memcmp(sec, all + off, SECTOR)) {
			say("VMM-DISK-FAIL single-sector read %u at %llu\n", i, off);
			return;
		}
	}
	say("VMM-DISK-SMALL reads=%u\n", i);
	free(all);
	free(sec);
}

static void disk_test(const char *cmdline)
{
	const char *arg = cmdline_arg(cmdline, "vmmdisk");
	uint32_t seed = 1;
	unsigned long sector = 8;
	unsigned long long size = 0;
	uint8_t *buf, *back;
	char head[33];
	int fd, i;

	if (arg) {
		char *end;

		seed = strtoul(arg, &end, 16);
		if (*end == ',')
			sector = strtoul(end + 1, NULL, 10);
	}
	/* O_DIRECT: buffers aligned to the logical block size, 4 KiB will do */
	if (posix_memalign((void **)&buf, CHUNK, CHUNK) ||
	    posix_memalign((void **)&back, CHUNK, CHUNK)) {
		say("VMM-DISK-FAIL memory\n");
		return;
	}
	fd = open("/dev/vda", O_RDWR | O_DIRECT);
	if (fd < 0) {
		say("VMM-DISK-FAIL open /dev/vda: %s\n", strerror(errno));
		return;
	}
	if (ioctl(fd, BLKGETSIZE64, &size))
		say("VMM-DISK-FAIL BLKGETSIZE64: %s\n", strerror(errno));
	say("VMM-DISK-SIZE bytes=%llu\n", size);

	if (pread(fd, buf, CHUNK, 0) != CHUNK) {
		say("VMM-DISK-FAIL read at 0: %s\n", strerror(errno));
	} else {
		for (i = 0; i < 16; i++)
			snprintf(head + 2 * i, 3, "%02x", buf[i]);
		say("VMM-DISK-READ fnv=%08x head=%s\n", fnv1a(buf, CHUNK), head);
	}
	if (size >= SECTOR && pread(fd, buf, SECTOR, size - SECTOR) == SECTOR)
		say("VMM-DISK-LAST fnv=%08x\n", fnv1a(buf, SECTOR));
	else
		say("VMM-DISK-FAIL read of the last sector: %s\n", strerror(errno));

	whole_disk(fd, size);

	pattern(buf, CHUNK, seed);
	memset(back, 0, CHUNK);
	if (pwrite(fd, buf, CHUNK, (off_t)sector * SECTOR) != CHUNK)
		say("VMM-DISK-FAIL write at sector %lu: %s\n", sector, strerror(errno));
	else if (fsync(fd))
		say("VMM-DISK-FAIL fsync: %s\n", strerror(errno));
	else if (pread(fd, back, CHUNK, (off_t)sector * SECTOR) != CHUNK)
		say("VMM-DISK-FAIL read back: %s\n", strerror(errno));
	else if (memcmp(buf, back, CHUNK))
		say("VMM-DISK-FAIL read back other data, fnv=%08x\n", fnv1a(back, CHUNK));
	else
		say("VMM-DISK-WRITE sector=%lu fnv=%08x\n", sector, fnv1a(back, CHUNK));
	close(fd);
	free(buf);
	free(back);

	print_serial();
	print_virtio_irqs();
}

/* Count this boot on the disk; true when it was the first. */
static bool first_boot_on_disk(void)
{
	static const char magic[] = "VMMBOOT";
	uint8_t *sec;
	int fd, n = 0;

	if (posix_memalign((void **)&sec, CHUNK, SECTOR)) {
		say("VMM-DISK-FAIL memory\n");
		return false;
	}
	fd = open("/dev/vda", O_RDWR | O_DIRECT);
	if (fd < 0 || pread(fd, sec, SECTOR, 0) != SECTOR) {
		say("VMM-DISK-FAIL boot count: %s\n", strerror(errno));
		return false;
	}
	if (!memcmp(sec, magic, sizeof(magic)))
		n = sec[sizeof(magic)];
	memcpy(sec, magic, sizeof(magic));
	sec[sizeof(magic)] = ++n;
	if (pwrite(fd, sec, SECTOR, 0) != SECTOR || fsync(fd))
		say("VMM-DISK-FAIL boot count write: %s\n", strerror(errno));
	close(fd);
	free(sec);
	say("VMM-DISK-BOOT n=%d\n", n);
	return n == 1;
}

/* Is "@key=@value" a word of the kernel command line? */
static bool cmdline_is(const char *cmdline, const char *key, const char *value)
{
	const char *v = cmdline_arg(cmdline, key);
	size_t len = strlen(value);

	return v && !strncmp(v, value, len) && (v[len] == ' ' || !v[len]);
}

/* CNTVCT and CNTFRQ (B8.2): the virtual counter runs from VM creation */
static double seconds_since_start(void)
{
	uint32_t lo, hi, freq;

	__asm__ __volatile__("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	return freq ? (((uint64_t)hi << 32) | lo) / (double)freq : 0;
}

int main(void)
{
	double t = seconds_since_start();
	char cmdline[1024] = "";
	int fd;
	ssize_t n;

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/proc", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mkdir("/sys", 0755);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	console = open("/dev/console", O_WRONLY | O_NOCTTY);

	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		n = read(fd, cmdline, sizeof(cmdline) - 1);
		cmdline[n > 0 ? n : 0] = '\0';
		cmdline[strcspn(cmdline, "\n")] = '\0';
		close(fd);
	}
	if (cmdline_is(cmdline, "vmmtest", "disk"))
		disk_test(cmdline);
	if (cmdline_is(cmdline, "vmmtest", "diskreboot") && first_boot_on_disk()) {
		sync();
		reboot(RB_AUTOBOOT);
	}

	/*
	 * The counter's reading when /init started: under the module, time
	 * since the VM was created; booted directly, since reset (make bench).
	 */
	say("VMM-GUEST-INIT-OK cpus=%ld.\nVMM-GUEST-INIT-AT %.9f s\n",
	    sysconf(_SC_NPROCESSORS_ONLN), t);
	if (console >= 0)
		close(console);
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}
