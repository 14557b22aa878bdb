// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_SET_USER_MEMORY_REGION: creation, overlap, alignment and range
 * checks, deletion, moving, read-only slots and many slots at once.
 */
#include <sys/mman.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

#define SZ_64K		0x10000UL
#define SZ_1M		0x100000UL
#define SZ_2M		0x200000UL
#define HOST_SIZE	(64 * SZ_1M)
#define BASE		0x40000000ULL

FIXTURE(memslot) {
	struct kvm_vm *vm;
	char *host;		/* HOST_SIZE bytes, 2 MiB aligned */
	void *map;
	int nr_slots;
};

FIXTURE_SETUP(memslot)
{
	uintptr_t start;

	self->vm = vm_create();
	self->nr_slots = vm_check_cap(self->vm, KVM_CAP_NR_MEMSLOTS);
	self->map = mmap(NULL, HOST_SIZE + SZ_2M, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	ASSERT_TRUE(self->map != MAP_FAILED);
	start = ((uintptr_t)self->map + SZ_2M - 1) & ~(SZ_2M - 1);
	self->host = (char *)start;
}

FIXTURE_TEARDOWN(memslot)
{
	vm_free(self->vm);
	munmap(self->map, HOST_SIZE + SZ_2M);
}

/* Slot @slot: @size bytes at @gpa backed by @off bytes into the host buffer. */
#define set_slot(self, slot, flags, gpa, size, off)			\
	__vm_set_memslot((self)->vm, slot, flags, gpa, size,		\
			 (uintptr_t)(self)->host + (off))

TEST_F_TIMEOUT(memslot, at_least_32_slots, KVM_TEST_TIMEOUT)
{
	EXPECT_LE(32, self->nr_slots);
	EXPECT_LE(32, kvm_check_cap(KVM_CAP_NR_MEMSLOTS));
}

TEST_F_TIMEOUT(memslot, create, KVM_TEST_TIMEOUT)
{
	/* as a VMM does: RAM at 0x80000000, plus small slots elsewhere */
	EXPECT_EQ(0, set_slot(self, 0, 0, 0x80000000ULL, 16 * SZ_1M, 0))
		TH_LOG("errno %d", errno);
	EXPECT_EQ(0, set_slot(self, 1, 0, BASE, SZ_64K, 16 * SZ_1M))
		TH_LOG("errno %d", errno);
	EXPECT_EQ(0, set_slot(self, 2, 0, BASE + SZ_64K, 0x1000, 17 * SZ_1M))
		TH_LOG("adjacent slot: errno %d", errno);
	/* two slots may share host memory */
	EXPECT_EQ(0, set_slot(self, 3, 0, BASE + SZ_1M, SZ_64K, 16 * SZ_1M))
		TH_LOG("aliased host memory: errno %d", errno);
}

TEST_F_TIMEOUT(memslot, overlap, KVM_TEST_TIMEOUT)
{
	static const struct { uint64_t gpa, size; } ranges[] = {
		{ BASE, SZ_1M },			/* the same range */
		{ BASE - SZ_64K, 2 * SZ_64K },		/* over the start */
		{ BASE + SZ_1M - SZ_64K, SZ_1M },	/* over the end */
		{ BASE + SZ_64K, SZ_64K },		/* inside */
		{ BASE - SZ_1M, 4 * SZ_1M },		/* around */
	};
	unsigned int i;

	ASSERT_EQ(0, set_slot(self, 0, 0, BASE, SZ_1M, 0)) TH_LOG("errno %d", errno);
	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		EXPECT_EQ(-1, set_slot(self, 1, 0, ranges[i].gpa, ranges[i].size,
				       8 * SZ_1M)) TH_LOG("range %u", i);
		EXPECT_EQ(EEXIST, errno) TH_LOG("range %u", i);
	}
}

TEST_F_TIMEOUT(memslot, unaligned, KVM_TEST_TIMEOUT)
{
	EXPECT_EQ(-1, set_slot(self, 0, 0, BASE + 0x800, SZ_64K, 0));
	EXPECT_EQ(EINVAL, errno) TH_LOG("gpa");
	EXPECT_EQ(-1, set_slot(self, 0, 0, BASE, SZ_64K + 0x800, 0));
	EXPECT_EQ(EINVAL, errno) TH_LOG("size");
	EXPECT_EQ(-1, set_slot(self, 0, 0, BASE, SZ_64K, 0x800));
	EXPECT_EQ(EINVAL, errno) TH_LOG("userspace_addr");
}

TEST_F_TIMEOUT(memslot, slot_id_out_of_range, KVM_TEST_TIMEOUT)
{
	uint32_t ids[] = { self->nr_slots, self->nr_slots + 1, 0xffff,
			   1U << 16 /* address space 1 */ };
	unsigned int i;

	ASSERT_LT(0, self->nr_slots);
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		EXPECT_EQ(-1, set_slot(self, ids[i], 0, BASE, SZ_64K, 0))
			TH_LOG("slot %#x", ids[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("slot %#x", ids[i]);
	}
	EXPECT_EQ(0, set_slot(self, self->nr_slots - 1, 0, BASE, SZ_64K, 0))
		TH_LOG("last slot %d: errno %d", self->nr_slots - 1, errno);
}

TEST_F_TIMEOUT(memslot, bad_flags, KVM_TEST_TIMEOUT)
{
	static const uint32_t flags[] = { 1U << 2, 1U << 8, 1U << 31 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++) {
		EXPECT_EQ(-1, set_slot(self, 0, flags[i], BASE, SZ_64K, 0))
			TH_LOG("flags %#x", flags[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("flags %#x", flags[i]);
	}
}

TEST_F_TIMEOUT(memslot, wrapping_range, KVM_TEST_TIMEOUT)
{
	EXPECT_EQ(-1, set_slot(self, 0, 0, 0xffffffffffff0000ULL, SZ_1M, 0));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F_TIMEOUT(memslot, delete, KVM_TEST_TIMEOUT)
{
	ASSERT_EQ(0, set_slot(self, 0, 0, BASE, SZ_1M, 0)) TH_LOG("errno %d", errno);
	EXPECT_EQ(0, set_slot(self, 0, 0, BASE, 0, 0)) TH_LOG("delete: errno %d", errno);
	/* the range is free again, for another slot */
	EXPECT_EQ(0, set_slot(self, 1, 0, BASE, SZ_1M, SZ_1M))
		TH_LOG("reuse: errno %d", errno);
	/* and the id too */
	EXPECT_EQ(0, set_slot(self, 0, 0, BASE + SZ_1M, SZ_1M, 0))
		TH_LOG("recreate: errno %d", errno);
}

TEST_F_TIMEOUT(memslot, move, KVM_TEST_TIMEOUT)
{
	ASSERT_EQ(0, set_slot(self, 0, 0, BASE, SZ_1M, 0)) TH_LOG("errno %d", errno);
	EXPECT_EQ(0, set_slot(self, 0, 0, BASE + 8 * SZ_1M, SZ_1M, 0))
		TH_LOG("move: errno %d", errno);
	/* the new range is taken, the old one free */
	EXPECT_EQ(-1, set_slot(self, 1, 0, BASE + 8 * SZ_1M, SZ_64K, 2 * SZ_1M));
	EXPECT_EQ(EEXIST, errno);
	EXPECT_EQ(0, set_slot(self, 1, 0, BASE, SZ_1M, 2 * SZ_1M))
		TH_LOG("old range: errno %d", errno);
}

TEST_F_TIMEOUT(memslot, resize_rejected, KVM_TEST_TIMEOUT)
{
	ASSERT_EQ(0, set_slot(self, 0, 0, BASE, SZ_1M, 0)) TH_LOG("errno %d", errno);
	EXPECT_EQ(-1, set_slot(self, 0, 0, BASE, 2 * SZ_1M, 0));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F_TIMEOUT(memslot, readonly, KVM_TEST_TIMEOUT)
{
	if (!vm_check_cap(self->vm, KVM_CAP_READONLY_MEM))
		SKIP(return, "KVM_CAP_READONLY_MEM is 0");
	EXPECT_EQ(0, set_slot(self, 0, KVM_MEM_READONLY, BASE, SZ_1M, 0))
		TH_LOG("errno %d", errno);
}

TEST_F_TIMEOUT(memslot, thirty_two_slots, KVM_TEST_TIMEOUT)
{
	uint32_t i;

	ASSERT_LE(32, self->nr_slots);
	for (i = 0; i < 32; i++)
		ASSERT_EQ(0, set_slot(self, i, 0, BASE + i * SZ_2M, SZ_1M, i * SZ_1M))
			TH_LOG("slot %u: errno %d", i, errno);
	for (i = 0; i < 32; i++)
		EXPECT_EQ(0, set_slot(self, i, 0, BASE + i * SZ_2M, 0, i * SZ_1M))
			TH_LOG("delete slot %u: errno %d", i, errno);
}

TEST_HARNESS_MAIN
