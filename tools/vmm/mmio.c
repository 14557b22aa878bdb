// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO dispatch: KVM_EXIT_MMIO goes to the device whose window holds the
 * address.  Anything else reads as zero and ignores writes, and is logged
 * once per address so a guest probing absent devices stays quiet.
 */
#include <stdio.h>
#include <string.h>
#include "vmm.h"

#define MAX_REGIONS	8
#define MAX_LOGGED	64

struct region {
	uint64_t base, size;
	mmio_read_fn rd;
	mmio_write_fn wr;
	void *opaque;
};

static struct region regions[MAX_REGIONS];
static unsigned int nr_regions;
static uint64_t logged[MAX_LOGGED];
static unsigned int nr_logged;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
/* the VCPU whose exit this thread handles: banked registers need it */
static __thread struct vcpu *current_vcpu;

void mmio_register(uint64_t base, uint64_t size, mmio_read_fn rd, mmio_write_fn wr,
		   void *opaque)
{
	if (nr_regions == MAX_REGIONS)
		die("too many MMIO regions");
	regions[nr_regions++] = (struct region){ base, size, rd, wr, opaque };
}

static void log_unknown(struct vcpu *vcpu, uint64_t addr, int is_write)
{
	unsigned int i;

	pthread_mutex_lock(&log_lock);
	for (i = 0; i < nr_logged; i++)
		if (logged[i] == addr)
			break;
	if (i == nr_logged) {
		if (nr_logged < MAX_LOGGED)
			logged[nr_logged++] = addr;
		fprintf(stderr, "vmm: VCPU %d: %s of unmapped MMIO 0x%llx ignored\n",
			vcpu->id, is_write ? "write" : "read", (unsigned long long)addr);
	}
	pthread_mutex_unlock(&log_lock);
}

void mmio_handle(struct vcpu *vcpu)
{
	struct kvm_run *run = vcpu->run;
	uint64_t addr = run->mmio.phys_addr;
	unsigned int len = run->mmio.len, i;
	uint32_t val = 0;

	if (len > 4)
		len = 4;
	current_vcpu = vcpu;
	for (i = 0; i < nr_regions; i++) {
		struct region *r = &regions[i];

		if (addr < r->base || addr - r->base >= r->size)
			continue;
		if (run->mmio.is_write) {
			memcpy(&val, run->mmio.data, len);
			r->wr(r->opaque, addr - r->base, val, len);
		} else {
			val = r->rd(r->opaque, addr - r->base, len);
			memcpy(run->mmio.data, &val, len);
		}
		return;
	}
	log_unknown(vcpu, addr, run->mmio.is_write);
	if (!run->mmio.is_write)
		memset(run->mmio.data, 0, sizeof(run->mmio.data));
}

/**
 * mmio_vcpu() - the VCPU whose access a read or write handler serves
 *
 * Context: inside an mmio_read_fn or mmio_write_fn.
 */
struct vcpu *mmio_vcpu(void)
{
	return current_vcpu;
}
