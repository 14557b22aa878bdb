// SPDX-License-Identifier: GPL-2.0-only
/*
 * tools/vmm's virtio block device (--disk): the guest (this kernel, its
 * /init from tools/vmm/testinit.c with vmmtest=disk) reads a disk file
 * the test filled, writes a pattern at a sector the test chose and reads
 * it back; the test checks what the guest saw, and the file afterwards:
 * the pattern where it belongs, every other byte as it was.  Once with
 * the fast paths (ioeventfd, irqfd) the module offers, once through the
 * MMIO exit and KVM_IRQ_LINE; the VMM's exit report says which served.
 * A bare-metal guest (guest/virtio_guest.c) then drives the device with
 * requests and queues no driver may make: each must fail or put the
 * device into DEVICE_NEEDS_RESET, and the VMM must live on.
 * Also: a missing disk file and one of a partial sector are refused.
 */
#include <sys/stat.h>
#include "kselftest_harness.h"
#include "kvm_util.h"
#include "vmm_util.h"
#include "../tools/vmm/disk_pattern.h"

#define DISK_SIZE	(1024 * 1024)
#define DISK_SEED	0xc0ffee01u	/* the disk's contents */
#define WRITE_SEED	0x5eed1234u	/* what the guest writes */
#define WRITE_SECTOR	100
#define CHUNK		4096		/* testinit.c reads and writes 4 KiB */
#define SECTOR		512

static uint8_t disk_before[DISK_SIZE];
static uint8_t disk_after[DISK_SIZE];

static int kvm_cap(long cap)
{
	int fd = open(KVM_DEV_PATH, O_RDWR), r;

	if (fd < 0)
		return 0;
	r = ioctl(fd, KVM_CHECK_EXTENSION, cap);
	close(fd);
	return r > 0;
}

/* The rest of the line after @marker in the VMM's output, or NULL. */
static const char *after(const char *marker)
{
	const char *p = strstr(vmm_out, marker);

	return p ? p + strlen(marker) : NULL;
}

static void dump_output(int status)
{
	char *line, *save = NULL;

	/* the guest's console, marked apart from the host's own */
	fprintf(stderr, "# vmm exit status %d, its output:\n", status);
	for (line = strtok_r(vmm_out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		fprintf(stderr, "# guest| %s\n", line);
	vmm_out[0] = '\0';
}

/* What the VMM reported at exit about the queue. */
struct blk_report {
	unsigned long requests, kicks_mmio, kicks_ioeventfd, irqs;
	char irq_path[32];
};

static int parse_report(struct blk_report *r)
{
	const char *p = after("vmm: virtio-blk: ");

	if (!p)
		return -1;
	return sscanf(p, "%lu requests, queue notifies: %lu by MMIO exit, %lu by ioeventfd; %lu interrupts by %31s",
		      &r->requests, &r->kicks_mmio, &r->kicks_ioeventfd, &r->irqs,
		      r->irq_path) == 5 ? 0 : -1;
}

FIXTURE(disk) {
	char path[64];
};

FIXTURE_SETUP(disk)
{
	int fd;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	ASSERT_EQ(0, write_file(TRAP_IMPDEF_CP15, "N"));
	strcpy(self->path, "/tmp/vmm-disk.XXXXXX");
	fd = mkstemp(self->path);
	ASSERT_LE(0, fd);
	pattern(disk_before, DISK_SIZE, DISK_SEED);
	ASSERT_EQ(DISK_SIZE, write(fd, disk_before, DISK_SIZE));
	close(fd);
}

FIXTURE_TEARDOWN(disk)
{
	unlink(self->path);
	write_file(TRAP_IMPDEF_CP15, "Y");
}

/*
 * Boot the guest on the disk; check what it read, wrote and saw, and the
 * disk file afterwards.  The VMM's report goes to @rep.
 */
static void disk_guest(struct __test_metadata *_metadata, const char *disk,
		       const char *cpus, const char *irqchip, struct blk_report *rep)
{
	char cmdline[160], expect[128], serial[32], marker[64];
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"),
		"--cpus", cpus, "--cmdline", cmdline,
		"--disk", disk, "--irqchip", irqchip,
		NULL
	};
	uint8_t want[CHUNK];
	unsigned long long size = 0;
	unsigned long irqs = 0;
	const char *p, *base = strrchr(disk, '/') + 1;
	int status, fd;

	snprintf(cmdline, sizeof(cmdline),
		 "console=ttyAMA0 earlycon rdinit=/init vmmtest=disk vmmdisk=%08x,%u",
		 WRITE_SEED, WRITE_SECTOR);
	status = run_vmm(args, BOOT_TIMEOUT);

	EXPECT_EQ(0, status);
	snprintf(marker, sizeof(marker), "VMM-GUEST-INIT-OK cpus=%s.", cpus);
	EXPECT_TRUE(strstr(vmm_out, marker) != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VMM-DISK-FAIL") == NULL);

	/* the capacity in the configuration space */
	p = after("VMM-DISK-SIZE bytes=");
	if (p)
		size = strtoull(p, NULL, 10);
	EXPECT_EQ((unsigned long long)DISK_SIZE, size);

	/* reads: the first 4 KiB, and the last sector at the capacity's edge */
	snprintf(expect, sizeof(expect), "VMM-DISK-READ fnv=%08x head=", fnv1a(disk_before, CHUNK));
	for (int i = 0; i < 16; i++)
		snprintf(expect + strlen(expect), 3, "%02x", disk_before[i]);
	EXPECT_TRUE(strstr(vmm_out, expect) != NULL) TH_LOG("wanted %s", expect);
	snprintf(expect, sizeof(expect), "VMM-DISK-LAST fnv=%08x",
		 fnv1a(disk_before + DISK_SIZE - SECTOR, SECTOR));
	EXPECT_TRUE(strstr(vmm_out, expect) != NULL) TH_LOG("wanted %s", expect);

	/* the whole disk in 64 KiB requests; 300 requests of a sector each */
	snprintf(expect, sizeof(expect), "VMM-DISK-ALL fnv=%08x", fnv1a(disk_before, DISK_SIZE));
	EXPECT_TRUE(strstr(vmm_out, expect) != NULL) TH_LOG("wanted %s", expect);
	EXPECT_TRUE(strstr(vmm_out, "VMM-DISK-SMALL reads=300") != NULL);

	/* the write, flushed and read back by the guest */
	pattern(want, CHUNK, WRITE_SEED);
	snprintf(expect, sizeof(expect), "VMM-DISK-WRITE sector=%u fnv=%08x",
		 WRITE_SECTOR, fnv1a(want, CHUNK));
	EXPECT_TRUE(strstr(vmm_out, expect) != NULL) TH_LOG("wanted %s", expect);

	/* GET_ID: the disk file's name */
	p = after("VMM-DISK-SERIAL ");
	serial[0] = '\0';
	EXPECT_TRUE(p && sscanf(p, "%31[^\r\n]", serial) == 1);
	EXPECT_EQ(0, strncmp(serial, base, 20)) TH_LOG("serial '%s', file %s", serial, base);

	/* the guest took the device's interrupts: " 34:  N  GIC-0 ... virtio0" */
	p = after("VMM-DISK-IRQ ");
	EXPECT_TRUE(p && sscanf(p, " %*u: %lu", &irqs) == 1);
	EXPECT_LT(0UL, irqs);

	memset(rep, 0, sizeof(*rep));
	EXPECT_EQ(0, parse_report(rep));
	TH_LOG("%lu requests, notifies %lu by MMIO exit, %lu by ioeventfd, %lu interrupts by %s, guest counted %lu",
	       rep->requests, rep->kicks_mmio, rep->kicks_ioeventfd, rep->irqs, rep->irq_path, irqs);
	EXPECT_LT(0UL, rep->requests);
	if (!_metadata->passed)
		dump_output(status);

	/* the file: the pattern at the sector, everything else unchanged */
	fd = open(disk, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(DISK_SIZE, pread(fd, disk_after, DISK_SIZE, 0));
	close(fd);
	EXPECT_EQ(0, memcmp(disk_after + WRITE_SECTOR * SECTOR, want, CHUNK));
	EXPECT_EQ(0, memcmp(disk_after, disk_before, WRITE_SECTOR * SECTOR));
	EXPECT_EQ(0, memcmp(disk_after + WRITE_SECTOR * SECTOR + CHUNK,
			    disk_before + WRITE_SECTOR * SECTOR + CHUNK,
			    DISK_SIZE - WRITE_SECTOR * SECTOR - CHUNK));
}

/*
 * With the in-kernel vGIC the kicks come by ioeventfd and none exits to
 * the VMM, and the interrupts go by irqfd, when the module has them.
 * Two VCPUs: the I/O thread races with more than one guest CPU.
 */
TEST_F_TIMEOUT(disk, read_write_fast_paths, BOOT_TIMEOUT + 30)
{
	struct blk_report rep;
	bool irqfd;

	disk_guest(_metadata, self->path, "2", "kernel", &rep);
	if (kvm_cap(KVM_CAP_IOEVENTFD)) {
		EXPECT_EQ(0UL, rep.kicks_mmio);
		EXPECT_LT(0UL, rep.kicks_ioeventfd);
	} else {
		EXPECT_LT(0UL, rep.kicks_mmio);
	}
	irqfd = kvm_cap(KVM_CAP_IRQFD) && kvm_cap(KVM_CAP_IRQFD_RESAMPLE);
	EXPECT_STREQ(irqfd ? "irqfd" : "KVM_IRQ_LINE", rep.irq_path);
}

/* The same through KVM_EXIT_MMIO and KVM_IRQ_LINE, the VMM's fallback. */
TEST_F_TIMEOUT(disk, read_write_mmio_exits, BOOT_TIMEOUT + 30)
{
	struct blk_report rep;

	setenv("VMM_VIRTIO_NO_EVENTFD", "1", 1);
	disk_guest(_metadata, self->path, "1", "kernel", &rep);
	unsetenv("VMM_VIRTIO_NO_EVENTFD");
	EXPECT_LT(0UL, rep.kicks_mmio);
	EXPECT_EQ(0UL, rep.kicks_ioeventfd);
	EXPECT_STREQ("KVM_IRQ_LINE", rep.irq_path);
}

/*
 * The userspace GIC: the kick still comes by ioeventfd (the module's MMIO
 * bus does not need the vGIC), the interrupt goes to the GIC emulated in
 * the VMM.
 */
TEST_F_TIMEOUT(disk, read_write_user_irqchip, BOOT_TIMEOUT + 30)
{
	struct blk_report rep;

	disk_guest(_metadata, self->path, "1", "user", &rep);
	EXPECT_EQ(0UL, rep.kicks_mmio);
	EXPECT_LT(0UL, rep.kicks_ioeventfd);
	EXPECT_STREQ("user-GIC", rep.irq_path);
}

/*
 * The guest counts its boots on the disk and reboots after the first: the
 * VMM resets the device with the VM, and the second boot's driver finds
 * it working, with what the first one wrote.
 */
TEST_F_TIMEOUT(disk, works_after_guest_reboot, 2 * BOOT_TIMEOUT + 30)
{
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE,
		"--initrd", helper_path("vmm-guest.cpio"),
		"--mem", "256M", "--disk", self->path,
		"--cmdline", "console=ttyAMA0 earlycon rdinit=/init vmmtest=diskreboot",
		NULL
	};
	uint8_t sec[SECTOR];
	int status, fd;

	status = run_vmm(args, 2 * BOOT_TIMEOUT);
	EXPECT_EQ(0, status);
	EXPECT_TRUE(strstr(vmm_out, "VMM-DISK-BOOT n=1") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "the guest asked for a reset") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VMM-DISK-BOOT n=2") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VMM-GUEST-INIT-OK") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VMM-DISK-FAIL") == NULL);
	if (!_metadata->passed)
		dump_output(status);

	fd = open(self->path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(SECTOR, pread(fd, sec, SECTOR, 0));
	close(fd);
	EXPECT_EQ(0, memcmp(sec, "VMMBOOT", 8));
	EXPECT_EQ(2, sec[8]);
	/* the rest of the sector as it was */
	EXPECT_EQ(0, memcmp(sec + 9, disk_before + 9, SECTOR - 9));
}

GUEST_IMAGE(virtio);

/*
 * The VMM loads a raw image at RAM base + 32 KiB; guest programs are
 * linked at RAM base.  This position-independent prologue copies the
 * image that follows it (size in its last word) down and jumps to it:
 *
 *	adr	r0, payload
 *	mov	r1, #0x80000000
 *	ldr	r2, size
 * 1:	ldr	r3, [r0], #4
 *	str	r3, [r1], #4
 *	subs	r2, r2, #4
 *	bgt	1b
 *	dsb
 *	mcr	p15, 0, r2, c7, c5, 0	@ ICIALLU: the copy is code
 *	dsb
 *	isb
 *	mov	r1, #0x80000000
 *	bx	r1
 * size: .word	N
 * payload:
 */
static const uint32_t relocator[] = {
	0xe28f0030, 0xe3a01102, 0xe59f2024, 0xe4903004, 0xe4813004,
	0xe2522004, 0xcafffffb, 0xf57ff04f, 0xee072f15, 0xf57ff04f,
	0xf57ff06f, 0xe3a01102, 0xe12fff11, 0x00000000,
};

TEST_F_TIMEOUT(disk, broken_driver_cannot_crash_the_vmm, 150)
{
	char image[] = "/tmp/vmm-virtio-guest.XXXXXX";
	const char * const args[] = {
		"run", "--kernel", image, "--mem", "16M", "--disk", self->path, NULL
	};
	uint32_t head[ARRAY_SIZE(relocator)], first;
	size_t size = (GUEST_IMAGE_SIZE(virtio) + 3) & ~(size_t)3;
	unsigned int cases = 0;
	const char *p;
	char want[64];
	int fd, status;

	memcpy(head, relocator, sizeof(head));
	head[ARRAY_SIZE(head) - 1] = size;
	fd = mkstemp(image);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)sizeof(head), write(fd, head, sizeof(head)));
	ASSERT_EQ((ssize_t)GUEST_IMAGE_SIZE(virtio),
		  write(fd, guest_virtio_start, GUEST_IMAGE_SIZE(virtio)));
	ASSERT_EQ(0, ftruncate(fd, sizeof(head) + size));
	close(fd);

	status = run_vmm(args, 120);
	unlink(image);
	EXPECT_EQ(0, status);
	EXPECT_TRUE(strstr(vmm_out, "VIRTIO-GUEST-DONE fails=0x00000000") != NULL);
	EXPECT_TRUE(strstr(vmm_out, "VIRTIO-CASE FAIL") == NULL);
	for (p = vmm_out; (p = strstr(p, "VIRTIO-CASE ok ")); p++)
		cases++;
	EXPECT_EQ(27U, cases);
	/* the device said why it stopped */
	EXPECT_TRUE(strstr(vmm_out, "the device needs a reset") != NULL);
	/* what the guest read from sector 0 */
	memcpy(&first, disk_before, 4);
	snprintf(want, sizeof(want), "VIRTIO-READ 0x%08x", first);
	EXPECT_TRUE(strstr(vmm_out, want) != NULL) TH_LOG("wanted %s", want);
	if (!_metadata->passed)
		dump_output(status);

	/* sector 1 written with 0xa5, nothing else: the failed writes did not land */
	fd = open(self->path, O_RDONLY);
	ASSERT_LE(0, fd);
	ASSERT_EQ(DISK_SIZE, pread(fd, disk_after, DISK_SIZE, 0));
	close(fd);
	memset(disk_before + SECTOR, 0xa5, SECTOR);
	EXPECT_EQ(0, memcmp(disk_after, disk_before, DISK_SIZE));
}

TEST(missing_disk_file_is_an_error)
{
	static const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE, "--disk", "/nonexistent/disk.img", NULL
	};

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	EXPECT_EQ(1, run_vmm(args, 30));
	EXPECT_TRUE(strstr(vmm_out, "/nonexistent/disk.img") != NULL) TH_LOG("%s", vmm_out);
}

/* 1000 bytes, and none: neither is a whole number of sectors (5.2.4) */
TEST(partial_sector_disk_is_refused)
{
	static const size_t sizes[] = { 1000, SECTOR + 1, 0 };
	char path[] = "/tmp/vmm-disk-odd.XXXXXX";
	const char * const args[] = {
		"run", "--kernel", GUEST_ZIMAGE, "--disk", path, NULL
	};
	unsigned int i;
	int fd;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		ASSERT_EQ(0, ftruncate(fd, sizes[i]));
		EXPECT_EQ(1, run_vmm(args, 30)) TH_LOG("size %zu: %s", sizes[i], vmm_out);
		EXPECT_TRUE(strstr(vmm_out, path) && strstr(vmm_out, "512-byte sector"))
			TH_LOG("size %zu: %s", sizes[i], vmm_out);
		/* refused before the guest ran: nothing was written */
		EXPECT_EQ((off_t)sizes[i], lseek(fd, 0, SEEK_END));
	}
	close(fd);
	unlink(path);
}

TEST_HARNESS_MAIN
