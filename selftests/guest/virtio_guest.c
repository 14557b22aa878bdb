// SPDX-License-Identifier: GPL-2.0-only
/*
 * A virtio driver that breaks the rules, run by tools/vmm (vmm_disk_test):
 * it drives the VMM's virtio-mmio block device by polling, with requests
 * and queues a guest must not make, and checks the device's answer to
 * each: a failed request (VIRTIO_BLK_S_IOERR, _UNSUPP) or
 * DEVICE_NEEDS_RESET (virtio 1.x 2.1.2), never a dead VMM.  It prints one
 * line per case on the PL011 and "VIRTIO-GUEST-DONE fails=N", then powers
 * off with PSCI SYSTEM_OFF.  RAM is 16 MiB at 0x80000000 (--mem 16M).
 */
#include "guest.h"

#define UART_DR		0x09000000UL
#define VIRTIO		0x0a000000UL
#define RAM_END		0x81000000UL

/* virtio-mmio registers (4.2.2) */
#define MAGIC		0x000
#define DEV_FEATURES	0x010
#define DEV_FEAT_SEL	0x014
#define DRV_FEATURES	0x020
#define DRV_FEAT_SEL	0x024
#define QUEUE_SEL	0x030
#define QUEUE_NUM_MAX	0x034
#define QUEUE_NUM	0x038
#define QUEUE_READY	0x044
#define QUEUE_NOTIFY	0x050
#define INT_STATUS	0x060
#define INT_ACK		0x064
#define STATUS		0x070
#define QUEUE_DESC	0x080
#define QUEUE_DRIVER	0x090
#define QUEUE_DEVICE	0x0a0
#define CONFIG		0x100

#define S_ACK		1
#define S_DRIVER	2
#define S_DRIVER_OK	4
#define S_FEATURES_OK	8
#define S_NEEDS_RESET	64

#define F_NEXT		1
#define F_WRITE		2

#define T_IN		0
#define T_OUT		1
#define T_GET_ID	8

#define QSIZE		8
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct req_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
};

/* the split virtqueue's areas, aligned as 2.7 requires */
static _Alignas(16) struct desc ring_desc[QSIZE];
static _Alignas(4) uint16_t ring_avail[2 + QSIZE + 1];
static _Alignas(4) uint32_t ring_used[1 + 2 * QSIZE + 1];
static _Alignas(8) struct req_hdr hdr;
static _Alignas(8) uint8_t data[512];
static uint8_t status_buf;
static uint16_t avail_idx;
static unsigned int fails;

/* What the device wrote: read once, each time, from RAM. */
static uint8_t req_status(void)
{
	return __atomic_load_n(&status_buf, __ATOMIC_RELAXED);
}

static uint32_t used_word(unsigned int i)
{
	return __atomic_load_n(&ring_used[i], __ATOMIC_RELAXED);
}

/* ---- console --------------------------------------------------------- */

static void puts_(const char *s)
{
	while (*s)
		mmio_write32(UART_DR, *s++);
}

static void puthex(uint32_t v)
{
	int i;

	puts_("0x");
	for (i = 28; i >= 0; i -= 4)
		mmio_write32(UART_DR, "0123456789abcdef"[(v >> i) & 15]);
}

static void check(const char *name, int ok, uint32_t got)
{
	puts_(ok ? "VIRTIO-CASE ok " : "VIRTIO-CASE FAIL ");
	puts_(name);
	puts_(" got ");
	puthex(got);
	puts_("\n");
	if (!ok)
		fails++;
}

/* ---- the device -------------------------------------------------------- */

static uint32_t rd(unsigned int off)
{
	return mmio_read32(VIRTIO + off);
}

static void wr(unsigned int off, uint32_t v)
{
	mmio_write32(VIRTIO + off, v);
}

static void wr64(unsigned int off, uint64_t v)
{
	wr(off, (uint32_t)v);
	wr(off + 4, v >> 32);
}

/* Reset and bring up queue 0 at the given areas (3.1.1). */
static uint32_t setup(uint32_t desc, uint32_t avail, uint32_t used)
{
	unsigned int i;

	wr(STATUS, 0);
	for (i = 0; i < ARRAY_SIZE(ring_avail); i++)
		ring_avail[i] = 0;
	for (i = 0; i < ARRAY_SIZE(ring_used); i++)
		ring_used[i] = 0;
	avail_idx = 0;
	wr(STATUS, S_ACK);
	wr(STATUS, S_ACK | S_DRIVER);
	wr(DRV_FEAT_SEL, 1);
	wr(DRV_FEATURES, 1);		/* VIRTIO_F_VERSION_1 */
	wr(DRV_FEAT_SEL, 0);
	wr(DRV_FEATURES, 0);
	wr(STATUS, S_ACK | S_DRIVER | S_FEATURES_OK);
	wr(QUEUE_SEL, 0);
	wr(QUEUE_NUM, QSIZE);
	wr64(QUEUE_DESC, desc);
	wr64(QUEUE_DRIVER, avail);
	wr64(QUEUE_DEVICE, used);
	wr(QUEUE_READY, 1);
	wr(STATUS, S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK);
	return rd(STATUS);
}

static uint32_t setup_ok(void)
{
	return setup((uintptr_t)ring_desc, (uintptr_t)ring_avail, (uintptr_t)ring_used);
}

static uint64_t cntvct(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("isb\n\tmrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint32_t cntfrq(void)
{
	uint32_t f;

	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(f));
	return f ? f : 62500000;
}

/*
 * Offer the chain at descriptor 0 and kick.  Returns the used length, or
 * -1 when the device used nothing within 2 s (or needs a reset).
 */
static int submit(void)
{
	uint64_t end = cntvct() + 2ULL * cntfrq();

	__atomic_store_n(&status_buf, 0xee, __ATOMIC_RELAXED);
	__atomic_store_n(&ring_avail[2 + avail_idx % QSIZE], 0, __ATOMIC_RELAXED);
	/* MMU off, Strongly-ordered: program order is the device's order */
	barrier();
	__atomic_store_n(&ring_avail[1], ++avail_idx, __ATOMIC_RELAXED);
	wr(QUEUE_NOTIFY, 0);
	while (cntvct() < end) {
		/* used->idx is the upper half of the ring's first word */
		if ((used_word(0) >> 16) == avail_idx)
			return used_word(1 + 2 * ((avail_idx - 1) % QSIZE) + 1);
		if (rd(STATUS) & S_NEEDS_RESET)
			return -1;
	}
	return -1;
}

static void set_desc(unsigned int i, uint64_t addr, uint32_t len, uint16_t flags)
{
	ring_desc[i].addr = addr;
	ring_desc[i].len = len;
	ring_desc[i].flags = flags;
	ring_desc[i].next = i + 1;
}

/* header, data, status: the usual three-descriptor request */
static int request(uint32_t type, uint64_t sector, uint64_t buf, uint32_t len,
		   int write_buf)
{
	hdr.type = type;
	hdr.reserved = 0;
	hdr.sector = sector;
	set_desc(0, (uintptr_t)&hdr, sizeof(hdr), F_NEXT);
	set_desc(1, buf, len, F_NEXT | (write_buf ? F_WRITE : 0));
	set_desc(2, (uintptr_t)&status_buf, 1, F_WRITE);
	return submit();
}

void guest_main(void)
{
	uint64_t capacity;
	uint32_t st;
	int len;
	unsigned int i;

	puts_("VIRTIO-GUEST start\n");
	check("magic", rd(MAGIC) == 0x74726976, rd(MAGIC));
	st = setup_ok();
	check("bring-up", st == (S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK), st);
	capacity = rd(CONFIG) | (uint64_t)rd(CONFIG + 4) << 32;
	check("capacity", capacity == 2048, capacity);

	/* the good ones first: GET_ID, a read, a write */
	len = request(T_GET_ID, 0, (uintptr_t)data, 20, 1);
	check("get-id", len == 21 && req_status() == 0 && data[0] == 'v', req_status());
	len = request(T_IN, 0, (uintptr_t)data, 512, 1);
	check("read", len == 513 && req_status() == 0, req_status());
	puts_("VIRTIO-READ ");
	puthex(data[0] | data[1] << 8 | data[2] << 16 | (uint32_t)data[3] << 24);
	puts_("\n");
	for (i = 0; i < sizeof(data); i++)
		data[i] = 0xa5;
	len = request(T_OUT, 1, (uintptr_t)data, 512, 0);
	check("write", len == 1 && req_status() == 0, req_status());

	/* a type the device does not know (5.2.6.2) */
	len = request(0x77, 0, (uintptr_t)data, 512, 1);
	check("unsupported-type", len >= 1 && req_status() == 2, req_status());
	/* past the capacity */
	len = request(T_IN, capacity, (uintptr_t)data, 512, 1);
	check("read-past-capacity", len >= 1 && req_status() == 1, req_status());
	len = request(T_OUT, capacity - 1, (uintptr_t)data, 1024, 0);
	check("write-past-capacity", len >= 1 && req_status() == 1, req_status());
	len = request(T_IN, 0, (uintptr_t)data, 100, 1);
	check("read-partial-sector", len >= 1 && req_status() == 1, req_status());

	/* buffers outside guest RAM: below it, across its end, far above */
	len = request(T_IN, 0, 0x10000000, 512, 1);
	check("read-into-mmio-space", len >= 1 && req_status() == 1, req_status());
	len = request(T_OUT, 2, RAM_END - 256, 512, 0);
	check("write-across-ram-end", len >= 1 && req_status() == 1, req_status());
	len = request(T_OUT, 3, 0xfffffe00ULL, 0x400, 0);
	check("write-from-top-of-4g", len >= 1 && req_status() == 1, req_status());
	len = request(T_IN, 0, 0x100000000ULL, 512, 1);
	check("read-into-64bit-address", len >= 1 && req_status() == 1, req_status());
	set_desc(0, 0x20000000, sizeof(hdr), F_NEXT);
	set_desc(1, (uintptr_t)data, 512, F_NEXT | F_WRITE);
	set_desc(2, (uintptr_t)&status_buf, 1, F_WRITE);
	len = submit();
	check("header-outside-ram", len >= 1 && req_status() == 1, req_status());
	/* a device-readable buffer after a writable one (2.7.4.2) */
	hdr.type = T_IN;
	set_desc(0, (uintptr_t)&hdr, sizeof(hdr), F_NEXT);
	set_desc(1, (uintptr_t)data, 512, F_NEXT | F_WRITE);
	set_desc(2, (uintptr_t)data, 16, F_NEXT);
	set_desc(3, (uintptr_t)&status_buf, 1, F_WRITE);
	len = submit();
	check("read-after-write", len >= 1 && req_status() == 1, req_status());
	st = rd(STATUS);
	check("still-running", !(st & S_NEEDS_RESET), st);

	/* no status byte to write in guest RAM: the device gives up (2.1.2) */
	request(T_IN, 0, (uintptr_t)data, 512, 1);
	set_desc(2, RAM_END, 1, F_WRITE);
	len = submit();
	st = rd(STATUS);
	check("status-outside-ram", len == -1 && (st & S_NEEDS_RESET), st);
	check("config-interrupt", rd(INT_STATUS) & 2, rd(INT_STATUS));
	wr(INT_ACK, 3);

	/* a descriptor loop */
	st = setup_ok();
	check("reset-clears", st == (S_ACK | S_DRIVER | S_FEATURES_OK | S_DRIVER_OK), st);
	set_desc(0, (uintptr_t)&hdr, sizeof(hdr), F_NEXT);
	ring_desc[0].next = 0;
	len = submit();
	st = rd(STATUS);
	check("descriptor-loop", len == -1 && (st & S_NEEDS_RESET), st);
	/* a descriptor index past the table */
	setup_ok();
	set_desc(0, (uintptr_t)&hdr, sizeof(hdr), F_NEXT);
	ring_desc[0].next = 200;
	len = submit();
	st = rd(STATUS);
	check("next-past-table", len == -1 && (st & S_NEEDS_RESET), st);
	/* more buffers made available than the queue holds */
	setup_ok();
	avail_idx = 100;
	len = request(T_GET_ID, 0, (uintptr_t)data, 20, 1);
	st = rd(STATUS);
	check("avail-index-jump", len == -1 && (st & S_NEEDS_RESET), st);

	/* queue areas outside guest RAM, or misaligned */
	st = setup(0x1000, (uintptr_t)ring_avail, (uintptr_t)ring_used);
	check("ring-outside-ram", (st & S_NEEDS_RESET) && !rd(QUEUE_READY), st);
	st = setup((uintptr_t)ring_desc, (uintptr_t)ring_avail, RAM_END - 8);
	check("used-ring-across-ram-end", (st & S_NEEDS_RESET) && !rd(QUEUE_READY), st);
	st = setup((uintptr_t)ring_desc + 8, (uintptr_t)ring_avail, (uintptr_t)ring_used);
	check("misaligned-ring", (st & S_NEEDS_RESET) && !rd(QUEUE_READY), st);

	/* and after a reset it all works again */
	st = setup_ok();
	len = request(T_GET_ID, 0, (uintptr_t)data, 20, 1);
	check("works-after-reset", len == 21 && req_status() == 0, st);

	puts_("VIRTIO-GUEST-DONE fails=");
	puthex(fails);
	puts_("\n");
	hvc(PSCI_0_2_SYSTEM_OFF, 0, 0, 0);
}
