// SPDX-License-Identifier: GPL-2.0-only
/*
 * A virtio block device (virtio 1.x, section 5.2) on a virtio-mmio
 * transport, version 2 (section 4.2.2), backed by the --disk file.  One
 * request queue, a split virtqueue (section 2.7), served by an I/O thread.
 * Section numbers are those of virtio 1.2.
 *
 * The guest's queue notify reaches the I/O thread through an eventfd:
 * an ioeventfd when the module offers one, so the kick never leaves the
 * kernel, or else the KVM_EXIT_MMIO of the QueueNotify write, whose
 * handler signals another eventfd.  The used-buffer interrupt is a level
 * on an SPI: with the in-kernel vGIC it goes through a resampling irqfd,
 * otherwise through vm_irq_line().
 *
 * Why resampling: the device tree says level, and the driver clears the
 * cause with InterruptACK.  An edge irqfd is a pulse (core/eventfd.c): a
 * level SPI whose line falls before the guest took it is no longer
 * pending.  A resampling irqfd holds the line high until the guest
 * completes the interrupt, then lowers it and signals the resamplefd;
 * the I/O thread raises it again while InterruptStatus is not 0.
 *
 * Locking: one mutex covers the device (registers, queue, interrupt
 * state); the VCPU threads take it for register accesses, the I/O thread
 * while it serves the queue, disk I/O included.  The counters reported
 * at exit are atomics.
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include "vmm.h"

/* virtio-mmio registers (virtio 1.x 4.2.2) */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_DRIVER_LOW	0x090
#define VIRTIO_MMIO_QUEUE_DRIVER_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_DEVICE_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_DEVICE_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976	/* "virt" */
#define VIRTIO_ID_BLOCK			2		/* 5: device types */
#define VENDOR_ID			0x324d5641	/* "AVM2": ours */

/* InterruptStatus bits (4.2.2) */
#define VIRTIO_MMIO_INT_VRING		(1U << 0)
#define VIRTIO_MMIO_INT_CONFIG		(1U << 1)

/* Device status field (2.1) */
#define STATUS_ACKNOWLEDGE		1
#define STATUS_DRIVER			2
#define STATUS_DRIVER_OK		4
#define STATUS_FEATURES_OK		8
#define STATUS_NEEDS_RESET		64
#define STATUS_FAILED			128

/* Feature bits (5.2.3, 6) */
#define VIRTIO_BLK_F_SEG_MAX		2
#define VIRTIO_BLK_F_BLK_SIZE		6
#define VIRTIO_BLK_F_FLUSH		9
#define VIRTIO_F_VERSION_1		32

/* Request types and status values (5.2.6) */
#define VIRTIO_BLK_T_IN			0
#define VIRTIO_BLK_T_OUT		1
#define VIRTIO_BLK_T_FLUSH		4
#define VIRTIO_BLK_T_GET_ID		8
#define VIRTIO_BLK_S_OK			0
#define VIRTIO_BLK_S_IOERR		1
#define VIRTIO_BLK_S_UNSUPP		2
#define VIRTIO_BLK_ID_BYTES		20

/* Split virtqueue descriptor flags (2.7.5) */
#define VIRTQ_DESC_F_NEXT		1
#define VIRTQ_DESC_F_WRITE		2

#define SECTOR_SIZE			512
#define QUEUE_NUM_MAX			256
/* a request is a header, data segments and a status byte (5.2.6) */
#define SEG_MAX				(QUEUE_NUM_MAX - 2)
#define REQ_HDR_SIZE			16

/* The split virtqueue's three areas, little-endian (2.7.5, 2.7.6, 2.7.8) */
struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

struct virtq_used {
	uint16_t flags;
	uint16_t idx;
	struct virtq_used_elem ring[];
};

struct virtq {
	uint32_t num;
	bool ready;
	uint64_t desc_gpa, avail_gpa, used_gpa;
	/* where the areas are in our memory, set when the driver makes it ready */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	uint16_t last_avail;
	uint16_t used_idx;
};

/* A descriptor chain as the device sees it: read, then written buffers. */
struct chain {
	struct iovec rd[QUEUE_NUM_MAX], wr[QUEUE_NUM_MAX];
	unsigned int nr_rd, nr_wr;
	uint64_t rd_len, wr_len;	/* 256 lengths of 32 bits: no wrap */
	bool bad;		/* a buffer outside guest RAM, or read after write */
};

struct vblk {
	struct vm *vm;
	pthread_mutex_t lock;
	int disk_fd;
	uint64_t capacity;		/* in 512-byte sectors */
	char serial[VIRTIO_BLK_ID_BYTES];

	uint32_t status, isr;
	uint32_t dev_features_sel, drv_features_sel;
	uint64_t driver_features;
	uint32_t queue_sel;
	struct virtq vq;
	struct chain chain;		/* the I/O thread's, under the lock */
	bool line;			/* the level given to vm_irq_line() */

	int kick_fd;			/* signalled by the QueueNotify MMIO exit */
	int ioev_fd;			/* KVM_IOEVENTFD on QueueNotify, or -1 */
	int irq_fd, resample_fd;	/* KVM_IRQFD with resampling, or -1 */

	atomic_ulong nr_requests;
	atomic_ulong nr_kicks_mmio;
	atomic_ulong nr_kicks_ioeventfd;
	atomic_ulong nr_irqs;
};

static struct vblk blk = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.disk_fd = -1,
	.kick_fd = -1,
	.ioev_fd = -1,
	.irq_fd = -1,
	.resample_fd = -1,
};

static const uint64_t device_features =
	(1ULL << VIRTIO_F_VERSION_1) | (1ULL << VIRTIO_BLK_F_SEG_MAX) |
	(1ULL << VIRTIO_BLK_F_BLK_SIZE) | (1ULL << VIRTIO_BLK_F_FLUSH);

/* ---- interrupt --------------------------------------------------------- */

static void eventfd_signal(int fd)
{
	uint64_t one = 1;

	/* only fails when the counter would overflow: it is pending anyway */
	if (write(fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		die("virtio-blk: writing an eventfd: %s", strerror(errno));
}

/* Lock held.  Sets @cause in InterruptStatus; the line follows it. */
static void vblk_raise(struct vblk *b, uint32_t cause)
{
	b->isr |= cause;
	atomic_fetch_add(&b->nr_irqs, 1);
	if (b->irq_fd >= 0) {
		eventfd_signal(b->irq_fd);
	} else if (!b->line) {
		b->line = true;
		vm_irq_line(b->vm, VIRTIO_BLK_SPI, 1);
	}
}

/* Lock held.  With the irqfd, the line falls when the guest completes it. */
static void vblk_lower_if_idle(struct vblk *b)
{
	if (b->irq_fd < 0 && b->line && !b->isr) {
		b->line = false;
		vm_irq_line(b->vm, VIRTIO_BLK_SPI, 0);
	}
}

/*
 * Lock held.  The driver did something the spec forbids (2.1.2): the
 * device stops using the queue until it is reset, and says so with a
 * configuration change notification once the driver is up.
 */
static void vblk_needs_reset(struct vblk *b, const char *why)
{
	if (b->status & STATUS_NEEDS_RESET)
		return;
	fprintf(stderr, "vmm: virtio-blk: %s: the device needs a reset (a bug in the guest's driver, which must reset the device)\n",
		why);
	b->status |= STATUS_NEEDS_RESET;
	if (b->status & STATUS_DRIVER_OK)
		vblk_raise(b, VIRTIO_MMIO_INT_CONFIG);
}

/* Lock held.  Status 0: back to the state after power-on (4.2.2.1). */
static void vblk_reset(struct vblk *b)
{
	/* a resampling irqfd holds the line until the guest completes it */
	if (b->irq_fd >= 0 && b->isr)
		vm_irq_line(b->vm, VIRTIO_BLK_SPI, 0);
	b->status = 0;
	b->isr = 0;
	b->dev_features_sel = 0;
	b->drv_features_sel = 0;
	b->driver_features = 0;
	b->queue_sel = 0;
	memset(&b->vq, 0, sizeof(b->vq));
	vblk_lower_if_idle(b);
}

/* ---- requests ---------------------------------------------------------- */

/* Copy into @out the part of @iov from byte @skip, @len bytes long. */
static unsigned int iov_slice(const struct iovec *iov, unsigned int n, size_t skip,
			      size_t len, struct iovec *out)
{
	unsigned int i, nr = 0;

	for (i = 0; i < n && len; i++) {
		size_t l = iov[i].iov_len;

		if (skip >= l) {
			skip -= l;
			continue;
		}
		l -= skip;
		if (l > len)
			l = len;
		out[nr].iov_base = (uint8_t *)iov[i].iov_base + skip;
		out[nr++].iov_len = l;
		len -= l;
		skip = 0;
	}
	return nr;
}

/* Copy @len bytes of @iov from byte @skip into @buf: false if it is shorter. */
static bool iov_read(const struct iovec *iov, unsigned int n, size_t skip,
		     void *buf, size_t len)
{
	struct iovec part[QUEUE_NUM_MAX];
	unsigned int i, nr = iov_slice(iov, n, skip, len, part);
	uint8_t *p = buf;

	for (i = 0; i < nr; i++) {
		memcpy(p, part[i].iov_base, part[i].iov_len);
		p += part[i].iov_len;
	}
	return (size_t)(p - (uint8_t *)buf) == len;
}

/*
 * Lock held.  Collect the chain from descriptor @head.  False when the
 * chain itself is broken (an index out of the table, a loop): the driver
 * broke the rules of 2.7.5 and the queue cannot be trusted any more.
 */
static bool vblk_walk(struct vblk *b, uint16_t head, struct chain *c)
{
	unsigned int idx = head, count;

	c->nr_rd = c->nr_wr = 0;
	c->rd_len = c->wr_len = 0;
	c->bad = false;
	for (count = 0; ; count++) {
		const struct virtq_desc *d;
		uint64_t addr;
		uint32_t len;
		uint16_t flags;
		void *p;

		/* more descriptors than the table holds means a loop (2.7.5.2) */
		if (idx >= b->vq.num || count >= b->vq.num)
			return false;
		d = &b->vq.desc[idx];
		addr = le64toh(d->addr);
		len = le32toh(d->len);
		flags = le16toh(d->flags);
		/* no VIRTIO_F_INDIRECT_DESC offered: the flag is not allowed */
		if (flags & ~(VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE))
			return false;
		p = guest_ptr(b->vm, addr, len);
		if (!p)
			c->bad = true;
		if (flags & VIRTQ_DESC_F_WRITE) {
			c->wr[c->nr_wr].iov_base = p;
			c->wr[c->nr_wr++].iov_len = len;
			c->wr_len += len;
		} else {
			/* device-readable descriptors come first (2.7.4.2) */
			if (c->nr_wr)
				c->bad = true;
			c->rd[c->nr_rd].iov_base = p;
			c->rd[c->nr_rd++].iov_len = len;
			c->rd_len += len;
		}
		if (!(flags & VIRTQ_DESC_F_NEXT))
			return true;
		idx = le16toh(d->next);
	}
}

/*
 * Is [sector, sector + bytes / 512) on the disk, in whole sectors, and
 * one preadv()/pwritev() long?
 */
static bool vblk_range_ok(struct vblk *b, uint64_t sector, uint64_t bytes)
{
	return bytes % SECTOR_SIZE == 0 && bytes <= SSIZE_MAX && sector <= b->capacity &&
	       bytes / SECTOR_SIZE <= b->capacity - sector;
}

/*
 * Lock held.  Serve one request (5.2.6: header, data, status byte last).
 * Returns the bytes written into the guest's buffers for the used ring,
 * or -1 when the status byte cannot be written.
 */
static long vblk_request(struct vblk *b, struct chain *c)
{
	struct iovec io[QUEUE_NUM_MAX];
	struct iovec *st;
	struct {
		uint32_t type;
		uint32_t reserved;
		uint64_t sector;
	} hdr;
	uint8_t status = VIRTIO_BLK_S_IOERR;
	uint64_t data_len = 0;
	size_t done = 0;
	unsigned int nr, seg;
	uint64_t sector;
	ssize_t r;

	/* the status byte is the last device-writable byte */
	if (!c->nr_wr || !c->wr[c->nr_wr - 1].iov_base || !c->wr[c->nr_wr - 1].iov_len)
		return -1;
	st = &c->wr[c->nr_wr - 1];
	atomic_fetch_add(&b->nr_requests, 1);
	if (c->bad || !iov_read(c->rd, c->nr_rd, 0, &hdr, sizeof(hdr)))
		goto out;
	sector = le64toh(hdr.sector);

	switch (le32toh(hdr.type)) {
	case VIRTIO_BLK_T_IN:
		data_len = c->wr_len - 1;
		if (!vblk_range_ok(b, sector, data_len))
			break;
		nr = iov_slice(c->wr, c->nr_wr, 0, data_len, io);
		r = preadv(b->disk_fd, io, nr, sector * SECTOR_SIZE);
		if (r == (ssize_t)data_len) {
			done = data_len;
			status = VIRTIO_BLK_S_OK;
		}
		break;
	case VIRTIO_BLK_T_OUT:
		data_len = c->rd_len - REQ_HDR_SIZE;
		if (!vblk_range_ok(b, sector, data_len))
			break;
		nr = iov_slice(c->rd, c->nr_rd, REQ_HDR_SIZE, data_len, io);
		r = pwritev(b->disk_fd, io, nr, sector * SECTOR_SIZE);
		if (r == (ssize_t)data_len)
			status = VIRTIO_BLK_S_OK;
		break;
	case VIRTIO_BLK_T_FLUSH:
		/* VIRTIO_BLK_F_FLUSH: completed writes must reach the disk (5.2.6.2) */
		if (!fdatasync(b->disk_fd))
			status = VIRTIO_BLK_S_OK;
		break;
	case VIRTIO_BLK_T_GET_ID:
		/* 20 bytes, NUL padded, not terminated when all are used (5.2.6) */
		data_len = c->wr_len - 1;
		if (data_len > VIRTIO_BLK_ID_BYTES)
			data_len = VIRTIO_BLK_ID_BYTES;
		nr = iov_slice(c->wr, c->nr_wr, 0, data_len, io);
		for (seg = 0; seg < nr; seg++) {
			memcpy(io[seg].iov_base, b->serial + done, io[seg].iov_len);
			done += io[seg].iov_len;
		}
		status = VIRTIO_BLK_S_OK;
		break;
	default:
		status = VIRTIO_BLK_S_UNSUPP;
		break;
	}
out:
	((uint8_t *)st->iov_base)[st->iov_len - 1] = status;
	return done + 1;
}

/*
 * Lock held.  Serve every available buffer, then interrupt once.  The
 * driver's writes are published by avail->idx: read it with acquire
 * semantics before the ring and descriptors; the used element goes out
 * before used->idx with release semantics (2.7.13, 2.7.8).
 */
static void vblk_serve(struct vblk *b)
{
	struct virtq *vq = &b->vq;
	bool any = false;

	/* no buffer is used before DRIVER_OK (2.1.2), nor after a fault */
	if (!vq->ready || (b->status & (STATUS_NEEDS_RESET | STATUS_DRIVER_OK)) != STATUS_DRIVER_OK)
		return;
	for (;;) {
		uint16_t avail_idx = le16toh(__atomic_load_n(&vq->avail->idx, __ATOMIC_ACQUIRE));

		if (avail_idx == vq->last_avail)
			break;
		/* more buffers than the ring holds (2.7.6) */
		if ((uint16_t)(avail_idx - vq->last_avail) > vq->num) {
			vblk_needs_reset(b, "the available index ran past the queue size");
			break;
		}
		while (vq->last_avail != avail_idx) {
			uint16_t head = le16toh(vq->avail->ring[vq->last_avail % vq->num]);
			struct virtq_used_elem *e;
			long len;

			if (!vblk_walk(b, head, &b->chain)) {
				vblk_needs_reset(b, "a broken descriptor chain");
				goto out;
			}
			len = vblk_request(b, &b->chain);
			if (len < 0) {
				vblk_needs_reset(b, "a request without a status byte in guest RAM");
				goto out;
			}
			e = &vq->used->ring[vq->used_idx % vq->num];
			e->id = htole32(head);
			e->len = htole32(len);
			vq->used_idx++;
			vq->last_avail++;
			__atomic_store_n(&vq->used->idx, htole16(vq->used_idx), __ATOMIC_RELEASE);
			any = true;
		}
	}
out:
	/* no VIRTIO_RING_F_EVENT_IDX: an interrupt for every batch (2.7.7) */
	if (any)
		vblk_raise(b, VIRTIO_MMIO_INT_VRING);
}

static uint64_t read_counter(int fd)
{
	uint64_t n = 0;

	if (read(fd, &n, sizeof(n)) != sizeof(n))
		return 0;
	return n;
}

static void *vblk_io_thread(void *arg)
{
	struct vblk *b = arg;
	struct pollfd fds[3] = {
		{ .fd = b->kick_fd, .events = POLLIN },
		{ .fd = b->ioev_fd, .events = POLLIN },
		{ .fd = b->resample_fd, .events = POLLIN },
	};

	for (;;) {
		bool kicked = false, resampled = false;

		if (poll(fds, ARRAY_SIZE(fds), -1) < 0) {
			if (errno == EINTR)
				continue;
			die("virtio-blk: poll: %s", strerror(errno));
		}
		if (fds[0].revents & POLLIN)
			kicked = read_counter(b->kick_fd) != 0;
		if (fds[1].revents & POLLIN) {
			uint64_t n = read_counter(b->ioev_fd);

			atomic_fetch_add(&b->nr_kicks_ioeventfd, n);
			kicked |= n != 0;
		}
		if (fds[2].revents & POLLIN)
			resampled = read_counter(b->resample_fd) != 0;

		pthread_mutex_lock(&b->lock);
		if (kicked)
			vblk_serve(b);
		/* the guest completed the interrupt: still a cause, still high */
		if (resampled && b->isr)
			eventfd_signal(b->irq_fd);
		pthread_mutex_unlock(&b->lock);
	}
	return NULL;
}

/* ---- virtio-mmio registers --------------------------------------------- */

/* Lock held.  QueueReady = 1: the driver gave the areas (4.2.3.2). */
static void vblk_queue_enable(struct vblk *b)
{
	struct virtq *vq = &b->vq;
	uint32_t n = vq->num;

	/* split virtqueue: a power of 2; area alignment 16, 2, 4 (2.7) */
	if (!n || n > QUEUE_NUM_MAX || (n & (n - 1)) || vq->desc_gpa & 15 ||
	    vq->avail_gpa & 1 || vq->used_gpa & 3) {
		vblk_needs_reset(b, "the queue size or an area's alignment is invalid");
		return;
	}
	vq->desc = guest_ptr(b->vm, vq->desc_gpa, sizeof(*vq->desc) * n);
	vq->avail = guest_ptr(b->vm, vq->avail_gpa, sizeof(*vq->avail) + 2 * n + 2);
	vq->used = guest_ptr(b->vm, vq->used_gpa,
			     sizeof(*vq->used) + sizeof(vq->used->ring[0]) * n + 2);
	if (!vq->desc || !vq->avail || !vq->used) {
		vblk_needs_reset(b, "a virtqueue area is outside guest RAM");
		return;
	}
	vq->ready = true;
}

/* The configuration space, struct virtio_blk_config (5.2.4), little-endian */
static uint32_t vblk_config_read(struct vblk *b, uint64_t off, unsigned int len)
{
	uint8_t cfg[0x24] = { 0 };
	uint64_t cap = htole64(b->capacity);
	uint32_t seg_max = htole32(SEG_MAX), blk_size = htole32(SECTOR_SIZE);
	uint32_t val = 0;

	memcpy(cfg + 0x00, &cap, 8);		/* capacity */
	memcpy(cfg + 0x0c, &seg_max, 4);	/* seg_max */
	memcpy(cfg + 0x14, &blk_size, 4);	/* blk_size */
	if (off + len <= sizeof(cfg))
		memcpy(&val, cfg + off, len);
	return val;
}

static uint32_t vblk_mmio_read(void *opaque, uint64_t off, unsigned int len)
{
	struct vblk *b = opaque;
	uint32_t val = 0;

	if (off >= VIRTIO_MMIO_CONFIG)
		return vblk_config_read(b, off - VIRTIO_MMIO_CONFIG, len);
	/* the control registers are 32 bits wide, read as such (4.2.2.2) */
	if (len != 4 || off & 3)
		return 0;

	pthread_mutex_lock(&b->lock);
	switch (off) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		val = VIRTIO_MMIO_MAGIC;
		break;
	case VIRTIO_MMIO_VERSION:
		val = 2;
		break;
	case VIRTIO_MMIO_DEVICE_ID:
		val = VIRTIO_ID_BLOCK;
		break;
	case VIRTIO_MMIO_VENDOR_ID:
		val = VENDOR_ID;
		break;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (b->dev_features_sel < 2)
			val = device_features >> (32 * b->dev_features_sel);
		break;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		val = b->queue_sel ? 0 : QUEUE_NUM_MAX;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		val = !b->queue_sel && b->vq.ready;
		break;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		val = b->isr;
		break;
	case VIRTIO_MMIO_STATUS:
		val = b->status;
		break;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		val = 0;	/* the configuration never changes */
		break;
	default:
		break;
	}
	pthread_mutex_unlock(&b->lock);
	return val;
}

/* Lock held.  Low or high half of a 64-bit queue address. */
static void set_half(uint64_t *reg, uint64_t off, uint32_t val)
{
	if (off & 4)
		*reg = (*reg & 0xffffffffULL) | (uint64_t)val << 32;
	else
		*reg = (*reg & ~0xffffffffULL) | val;
}

/* Lock held. */
static void vblk_status_write(struct vblk *b, uint32_t val)
{
	if (!val) {
		vblk_reset(b);
		return;
	}
	/*
	 * FEATURES_OK only sticks for a subset of what we offer, with
	 * VERSION_1: a legacy driver cannot use this device (2.2.2, 6.2).
	 */
	if ((val & STATUS_FEATURES_OK) && !(b->status & STATUS_FEATURES_OK) &&
	    ((b->driver_features & ~device_features) ||
	     !(b->driver_features & (1ULL << VIRTIO_F_VERSION_1))))
		val &= ~STATUS_FEATURES_OK;
	/* buffers made available before DRIVER_OK are served now */
	if ((val & STATUS_DRIVER_OK) && !(b->status & STATUS_DRIVER_OK))
		eventfd_signal(b->kick_fd);
	/* only a reset clears DEVICE_NEEDS_RESET (2.1.1) */
	b->status = (val & 0xff & ~STATUS_NEEDS_RESET) | (b->status & STATUS_NEEDS_RESET);
}

static void vblk_mmio_write(void *opaque, uint64_t off, uint32_t val, unsigned int len)
{
	struct vblk *b = opaque;
	struct virtq *vq = &b->vq;

	/* no configuration field is writable; control registers are 32-bit */
	if (off >= VIRTIO_MMIO_CONFIG || len != 4 || off & 3)
		return;

	if (off == VIRTIO_MMIO_QUEUE_NOTIFY) {
		/* the value is the queue index; we have queue 0 only */
		atomic_fetch_add(&b->nr_kicks_mmio, 1);
		if (!val)
			eventfd_signal(b->kick_fd);
		return;
	}

	pthread_mutex_lock(&b->lock);
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		b->dev_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		/* features are fixed once FEATURES_OK is set (3.1.1) */
		if (b->drv_features_sel < 2 && !(b->status & STATUS_FEATURES_OK))
			set_half(&b->driver_features, b->drv_features_sel * 4, val);
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		b->drv_features_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		b->queue_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
		if (!b->queue_sel && !vq->ready)
			vq->num = val;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		if (b->queue_sel)
			break;
		if (val && !vq->ready)
			vblk_queue_enable(b);
		else if (!val)
			vq->ready = false;
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		b->isr &= ~val;
		vblk_lower_if_idle(b);
		break;
	case VIRTIO_MMIO_STATUS:
		vblk_status_write(b, val);
		break;
	/* the areas of a queue in use stay where they are (4.2.3.2) */
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		if (!b->queue_sel && !vq->ready)
			set_half(&vq->desc_gpa, off, val);
		break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
		if (!b->queue_sel && !vq->ready)
			set_half(&vq->avail_gpa, off, val);
		break;
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		if (!b->queue_sel && !vq->ready)
			set_half(&vq->used_gpa, off, val);
		break;
	default:
		break;
	}
	pthread_mutex_unlock(&b->lock);
}

/* ---- setup ------------------------------------------------------------- */

static int vm_has_cap(struct vm *vm, long cap)
{
	int r = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, cap);

	return r > 0;
}

static int new_eventfd(void)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	if (fd < 0)
		die("virtio-blk: eventfd: %s (the host kernel needs CONFIG_EVENTFD)",
		    strerror(errno));
	return fd;
}

/*
 * The fast paths, when the module has them: the kick as an ioeventfd on
 * QueueNotify (any value: one queue), the interrupt as a resampling
 * irqfd on the SPI (gsi N is SPI N, Documentation/abi.rst).  With
 * --irqchip user the interrupt goes to the GIC emulated here; the kick
 * still uses the ioeventfd, which needs only the module's MMIO bus.
 * VMM_VIRTIO_NO_EVENTFD=1 in the environment forces the MMIO exit and
 * KVM_IRQ_LINE, to test that path.
 */
static void vblk_setup_eventfds(struct vblk *b, struct vm *vm)
{
	const char *no = getenv("VMM_VIRTIO_NO_EVENTFD");
	struct kvm_ioeventfd ioev;
	struct kvm_irqfd irqfd;
	int fd;

	if (no && *no && strcmp(no, "0"))
		return;

	if (vm_has_cap(vm, KVM_CAP_IOEVENTFD)) {
		fd = new_eventfd();
		ioev = (struct kvm_ioeventfd){
			.addr = VIRTIO_BASE + VIRTIO_MMIO_QUEUE_NOTIFY,
			.len = 4,
			.fd = fd,
		};
		if (ioctl(vm->fd, KVM_IOEVENTFD, &ioev)) {
			fprintf(stderr, "vmm: virtio-blk: KVM_IOEVENTFD: %s; queue notifies exit to the VMM\n",
				strerror(errno));
			close(fd);
		} else {
			b->ioev_fd = fd;
		}
	}

	if (vm->opts->irqchip == IRQCHIP_KERNEL &&
	    vm_has_cap(vm, KVM_CAP_IRQFD) && vm_has_cap(vm, KVM_CAP_IRQFD_RESAMPLE)) {
		b->irq_fd = new_eventfd();
		b->resample_fd = new_eventfd();
		irqfd = (struct kvm_irqfd){
			.fd = b->irq_fd,
			.gsi = VIRTIO_BLK_SPI,
			.flags = KVM_IRQFD_FLAG_RESAMPLE,
			.resamplefd = b->resample_fd,
		};
		if (ioctl(vm->fd, KVM_IRQFD, &irqfd)) {
			fprintf(stderr, "vmm: virtio-blk: KVM_IRQFD: %s; interrupts go through KVM_IRQ_LINE\n",
				strerror(errno));
			close(b->irq_fd);
			close(b->resample_fd);
			b->irq_fd = b->resample_fd = -1;
		}
	}
}

/* How the queue was served: the boot tests read this line. */
static void vblk_report(void)
{
	fprintf(stderr,
		"vmm: virtio-blk: %lu requests, queue notifies: %lu by MMIO exit, %lu by ioeventfd; %lu interrupts by %s\n",
		atomic_load(&blk.nr_requests), atomic_load(&blk.nr_kicks_mmio),
		atomic_load(&blk.nr_kicks_ioeventfd), atomic_load(&blk.nr_irqs),
		blk.irq_fd >= 0 ? "irqfd" :
		blk.vm && blk.vm->opts->irqchip == IRQCHIP_USER ? "user-GIC" : "KVM_IRQ_LINE");
}

static void vblk_open(struct vblk *b, const char *path)
{
	const char *base = strrchr(path, '/');
	off_t size;

	b->disk_fd = open(path, O_RDWR | O_CLOEXEC);
	if (b->disk_fd < 0)
		die("--disk %s: %s; give a file the VMM can read and write", path,
		    strerror(errno));
	size = lseek(b->disk_fd, 0, SEEK_END);
	if (size < 0)
		die("--disk %s: cannot find its size: %s", path, strerror(errno));
	if (!size)
		die("--disk %s: the file is empty; give it at least one 512-byte sector (truncate -s 1M)",
		    path);
	if (size % SECTOR_SIZE)
		die("--disk %s: %lld bytes is not a whole number of 512-byte sectors; resize it (truncate -s) to a multiple of 512",
		    path, (long long)size);
	b->capacity = size / SECTOR_SIZE;
	/* the serial number (GET_ID): the file's name, as much as fits */
	base = base ? base + 1 : path;
	memcpy(b->serial, base, strnlen(base, sizeof(b->serial)));
}

/**
 * virtio_blk_init() - the virtio-mmio block device at VIRTIO_BASE
 * @vm: the VM, created (the vGIC initialised)
 * @path: the --disk backing file
 *
 * The first call opens the disk, registers the MMIO window, the eventfds
 * and the I/O thread; after a guest reset it only resets the device.
 * Dies with a message when the disk cannot be used.
 *
 * Context: the main thread, no VCPU running.
 */
void virtio_blk_init(struct vm *vm, const char *path)
{
	static bool started;
	pthread_t t;

	pthread_mutex_lock(&blk.lock);
	blk.vm = vm;
	vblk_reset(&blk);
	pthread_mutex_unlock(&blk.lock);
	if (started)
		return;
	started = true;

	vblk_open(&blk, path);
	blk.kick_fd = new_eventfd();
	vblk_setup_eventfds(&blk, vm);
	mmio_register(VIRTIO_BASE, VIRTIO_SIZE, vblk_mmio_read, vblk_mmio_write, &blk);
	if (pthread_create(&t, NULL, vblk_io_thread, &blk))
		die("cannot start the virtio-blk I/O thread");
	pthread_detach(t);
	atexit(vblk_report);
}
