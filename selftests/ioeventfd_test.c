// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IOEVENTFD: a guest write to a registered MMIO address signals the
 * eventfd and never reaches userspace (every KVM_RUN return is counted),
 * with and without DATAMATCH, of any length (len 0), as an 8-byte STRD,
 * several at one address (virtio's queue notify); a write that does not
 * match exits as MMIO with its data; deassign; the errors.  The guest
 * (guest/ioevent_guest.c) performs the writes this side lists.
 */
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"
#include "irqtest.h"
#include "kmemleak.h"

GUEST_IMAGE(ioevent);

#define BASE		0x3c000000UL	/* no memslot: MMIO */
#define MAX_OPS		32

struct op {
	uint32_t addr;
	uint32_t len;
	uint64_t val;
};

/* an MMIO exit: a write the kernel did not take */
struct mmio_exit {
	uint64_t addr;
	uint32_t len;
	uint64_t val;		/* data[] as little-endian bytes */
};

struct ioev_vm {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	unsigned int nr_runs;	/* KVM_RUN returns, the final ucall included */
	unsigned int nr_exits;
	struct mmio_exit exits[MAX_OPS];
};

FIXTURE(ioeventfd) {
	struct ioev_vm s;
};

FIXTURE_SETUP(ioeventfd)
{
	self->s.vm = vm_create_guest(&self->s.vcpu, ioevent);
	self->s.nr_runs = 0;
	self->s.nr_exits = 0;
}

FIXTURE_TEARDOWN(ioeventfd)
{
	vcpu_free(self->s.vcpu);
	vm_free(self->s.vm);
}

/* KVM_IOEVENTFD; 0 or the errno */
static int ioeventfd(struct kvm_vm *vm, int fd, uint64_t addr, uint32_t len,
		     uint32_t flags, uint64_t datamatch)
{
	struct kvm_ioeventfd a = {
		.datamatch = datamatch,
		.addr = addr,
		.len = len,
		.fd = fd,
		.flags = flags,
	};

	return ioctl(vm->fd, KVM_IOEVENTFD, &a) ? errno : 0;
}

/* The guest performs @ops; the writes that exit are collected. */
static void run_ops(struct ioev_vm *self, const struct op *ops, unsigned int n)
{
	uint32_t *mb = addr_gpa2hva(self->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	struct ioevent_op *gop = (struct ioevent_op *)(mb + MB_OPS);
	struct kvm_run *run = self->vcpu->run;
	unsigned int i;
	struct ucall uc;
	char why[96];
	int cmd;

	TEST_ASSERT(n <= MAX_OPS, "too many ops");
	mb[MB_NR_OPS] = n;
	for (i = 0; i < n; i++) {
		gop[i].addr = ops[i].addr;
		gop[i].len = ops[i].len;
		gop[i].lo = (uint32_t)ops[i].val;
		gop[i].hi = (uint32_t)(ops[i].val >> 32);
	}
	for (;;) {
		vcpu_run(self->vcpu);
		self->nr_runs++;
		cmd = get_ucall(self->vcpu, &uc);
		if (cmd == UCALL_DONE)
			break;
		if (cmd == UCALL_ASSERT)
			report_guest_assert(self->vcpu, &uc);
		TEST_ASSERT(cmd == UCALL_NONE && run->exit_reason == KVM_EXIT_MMIO &&
			    run->mmio.is_write, "unexpected exit: %s",
			    vcpu_exit_str(self->vcpu, why, sizeof(why)));
		TEST_ASSERT(self->nr_exits < MAX_OPS, "too many MMIO exits");
		self->exits[self->nr_exits].addr = run->mmio.phys_addr;
		self->exits[self->nr_exits].len = run->mmio.len;
		self->exits[self->nr_exits].val = 0;
		for (i = 0; i < run->mmio.len; i++)
			self->exits[self->nr_exits].val |=
				(uint64_t)run->mmio.data[i] << (8 * i);
		self->nr_exits++;
	}
}

#define RUN_OPS(...) do {						\
	const struct op __ops[] = { __VA_ARGS__ };			\
	run_ops(&self->s, __ops, ARRAY_SIZE(__ops));			\
} while (0)

/* exit @i was a write of @len bytes of @val to @addr */
#define EXPECT_EXIT(i, a, l, v) do {					\
	EXPECT_EQ((uint64_t)(a), self->s.exits[i].addr);			\
	EXPECT_EQ((uint32_t)(l), self->s.exits[i].len);			\
	EXPECT_EQ((uint64_t)(v), self->s.exits[i].val);			\
} while (0)

TEST_F(ioeventfd, write_signals_without_exit)
{
	int efd = efd_new();

	ASSERT_EQ(1, vm_check_cap(self->s.vm, KVM_CAP_IOEVENTFD));
	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE, 4, 0, 0));
	RUN_OPS({ BASE, 4, 1 }, { BASE, 4, 2 }, { BASE, 4, 0xffffffff },
		{ BASE, 2, 0x5a5a },		/* another length: MMIO */
		{ BASE + 4, 4, 7 });		/* another address: MMIO */
	EXPECT_EQ(3ULL, efd_take(efd));
	ASSERT_EQ(2U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE, 2, 0x5a5a);
	EXPECT_EXIT(1, BASE + 4, 4, 7);
	EXPECT_EQ(3U, self->s.nr_runs);		/* 2 MMIO + GUEST_DONE */
	close(efd);
}

TEST_F(ioeventfd, datamatch_hit_and_miss)
{
	int efd = efd_new();

	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE, 4,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 0x1234));
	RUN_OPS({ BASE, 4, 0x1234 }, { BASE, 4, 0x1235 }, { BASE, 4, 0x1234 },
		{ BASE, 4, 0x12340000 });
	EXPECT_EQ(2ULL, efd_take(efd));
	ASSERT_EQ(2U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE, 4, 0x1235);
	EXPECT_EXIT(1, BASE, 4, 0x12340000);
	close(efd);
}

/* virtio-mmio: one eventfd per queue on QueueNotify, datamatch = queue */
TEST_F(ioeventfd, one_address_several_queues)
{
	uint64_t notify = BASE + 0x50;
	int q0 = efd_new(), q1 = efd_new();

	ASSERT_EQ(0, ioeventfd(self->s.vm, q0, notify, 4,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 0));
	ASSERT_EQ(0, ioeventfd(self->s.vm, q1, notify, 4,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 1));
	RUN_OPS({ notify, 4, 0 }, { notify, 4, 1 }, { notify, 4, 1 },
		{ notify, 4, 2 });
	EXPECT_EQ(1ULL, efd_take(q0));
	EXPECT_EQ(2ULL, efd_take(q1));
	ASSERT_EQ(1U, self->s.nr_exits);
	EXPECT_EXIT(0, notify, 4, 2);
	close(q0);
	close(q1);
}

/* KVM_CAP_IOEVENTFD_ANY_LENGTH: len 0 takes every size at the address */
TEST_F(ioeventfd, any_length)
{
	int efd = efd_new();

	ASSERT_EQ(1, vm_check_cap(self->s.vm, KVM_CAP_IOEVENTFD_ANY_LENGTH));
	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE + 0x100, 0, 0, 0));
	RUN_OPS({ BASE + 0x100, 1, 1 }, { BASE + 0x100, 2, 2 },
		{ BASE + 0x100, 4, 3 }, { BASE + 0x100, 8, 4 },
		{ BASE + 0x101, 1, 5 });	/* the next byte: MMIO */
	EXPECT_EQ(4ULL, efd_take(efd));
	ASSERT_EQ(1U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE + 0x101, 1, 5);
	close(efd);
}

/* STRD: one 8-byte access, compared as a whole */
TEST_F(ioeventfd, eight_byte_strd)
{
	int efd = efd_new();

	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE + 0x200, 8,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 0x1122334455667788ULL));
	RUN_OPS({ BASE + 0x200, 8, 0x1122334455667788ULL },
		{ BASE + 0x200, 8, 0x0022334455667788ULL },	/* high word */
		{ BASE + 0x200, 8, 0x1122334455667789ULL },	/* low word */
		{ BASE + 0x200, 4, 0x55667788 });		/* one word */
	EXPECT_EQ(1ULL, efd_take(efd));
	ASSERT_EQ(3U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE + 0x200, 8, 0x0022334455667788ULL);
	EXPECT_EXIT(1, BASE + 0x200, 8, 0x1122334455667789ULL);
	EXPECT_EXIT(2, BASE + 0x200, 4, 0x55667788);
	close(efd);
}

TEST_F(ioeventfd, byte_and_halfword_datamatch)
{
	int b = efd_new(), h = efd_new();

	ASSERT_EQ(0, ioeventfd(self->s.vm, b, BASE + 0x10, 1,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 0xab));
	ASSERT_EQ(0, ioeventfd(self->s.vm, h, BASE + 0x20, 2,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 0xbeef));
	RUN_OPS({ BASE + 0x10, 1, 0xab }, { BASE + 0x10, 1, 0xac },
		{ BASE + 0x20, 2, 0xbeef }, { BASE + 0x20, 2, 0xefbe });
	EXPECT_EQ(1ULL, efd_take(b));
	EXPECT_EQ(1ULL, efd_take(h));
	ASSERT_EQ(2U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE + 0x10, 1, 0xac);
	EXPECT_EXIT(1, BASE + 0x20, 2, 0xefbe);
	close(b);
	close(h);
}

TEST_F(ioeventfd, deassigned_writes_exit)
{
	int efd = efd_new();

	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE, 4,
			       KVM_IOEVENTFD_FLAG_DATAMATCH, 9));
	ASSERT_EQ(0, ioeventfd(self->s.vm, efd, BASE, 4,
			       KVM_IOEVENTFD_FLAG_DATAMATCH |
			       KVM_IOEVENTFD_FLAG_DEASSIGN, 9));
	RUN_OPS({ BASE, 4, 9 });
	EXPECT_EQ(0ULL, efd_take(efd));
	ASSERT_EQ(1U, self->s.nr_exits);
	EXPECT_EXIT(0, BASE, 4, 9);
	close(efd);
}

/* The errnos of KVM's kvm_ioeventfd(); port I/O does not exist on arm. */
TEST_F(ioeventfd, errors)
{
	struct kvm_vm *vm = self->s.vm;
	int efd = efd_new(), other = efd_new(), p[2];
	const uint32_t dm = KVM_IOEVENTFD_FLAG_DATAMATCH;
	const uint32_t de = KVM_IOEVENTFD_FLAG_DEASSIGN;

	ASSERT_EQ(0, pipe(p));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, 0x100, 1, KVM_IOEVENTFD_FLAG_PIO, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, 0x100, 1,
				    KVM_IOEVENTFD_FLAG_PIO | de, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, BASE, 4,
				    KVM_IOEVENTFD_FLAG_VIRTIO_CCW_NOTIFY, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, BASE, 4, 1U << 5, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, BASE, 3, 0, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, BASE, 16, 0, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, BASE, 0, dm, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, efd, ~0ULL - 1, 4, 0, 0));
	EXPECT_EQ(EBADF, ioeventfd(vm, -1, BASE, 4, 0, 0));
	EXPECT_EQ(EINVAL, ioeventfd(vm, p[0], BASE, 4, 0, 0));

	/* registrations that would take the same write */
	ASSERT_EQ(0, ioeventfd(vm, efd, BASE, 4, dm, 1));
	EXPECT_EQ(EEXIST, ioeventfd(vm, efd, BASE, 4, dm, 1));
	EXPECT_EQ(EEXIST, ioeventfd(vm, other, BASE, 4, dm, 1));
	EXPECT_EQ(EEXIST, ioeventfd(vm, other, BASE, 4, 0, 0));
	EXPECT_EQ(EEXIST, ioeventfd(vm, other, BASE, 0, 0, 0));
	/* ones that would not */
	EXPECT_EQ(0, ioeventfd(vm, other, BASE, 4, dm, 2));
	EXPECT_EQ(0, ioeventfd(vm, other, BASE, 2, dm, 1));
	EXPECT_EQ(0, ioeventfd(vm, other, BASE + 4, 4, dm, 1));

	/* deassign matches fd, address, length and datamatch */
	EXPECT_EQ(ENOENT, ioeventfd(vm, efd, BASE, 4, dm | de, 2));
	EXPECT_EQ(ENOENT, ioeventfd(vm, efd, BASE, 2, dm | de, 1));
	EXPECT_EQ(ENOENT, ioeventfd(vm, efd, BASE, 4, de, 0));
	EXPECT_EQ(ENOENT, ioeventfd(vm, other, BASE + 8, 4, dm | de, 1));
	EXPECT_EQ(EBADF, ioeventfd(vm, -1, BASE, 4, dm | de, 1));
	EXPECT_EQ(0, ioeventfd(vm, efd, BASE, 4, dm | de, 1));
	EXPECT_EQ(ENOENT, ioeventfd(vm, efd, BASE, 4, dm | de, 1));
	/* gone: the same registration is allowed again */
	EXPECT_EQ(0, ioeventfd(vm, efd, BASE, 4, dm, 1));

	close(p[0]);
	close(p[1]);
	close(efd);
	close(other);
}

/*
 * VMs destroyed with registrations left, their eventfds closed before or
 * after.
 */
static void destroy_vms_with_ioeventfds(struct __test_metadata *_metadata)
{
	int round;

	for (round = 0; round < 4; round++) {
		struct kvm_vm *vm = vm_create();
		int fds[4], i;

		for (i = 0; i < 4; i++) {
			fds[i] = efd_new();
			ASSERT_EQ(0, ioeventfd(vm, fds[i], BASE + 8 * i, i ? 4 : 0,
					       0, 0));
		}
		if (round & 1)
			for (i = 0; i < 4; i++)
				close(fds[i]);
		vm_free(vm);
		if (!(round & 1))
			for (i = 0; i < 4; i++)
				close(fds[i]);
	}
}

/* Every registration succeeds; KASAN, where the kernel has it, checks release */
TEST(vm_destroyed_with_ioeventfds)
{
	destroy_vms_with_ioeventfds(_metadata);
}

FIXTURE(release) {
};

FIXTURE_SETUP(release)
{
}

FIXTURE_TEARDOWN(release)
{
}

/*
 * The same, then kmemleak: no registration is left unreferenced once the
 * VMs are gone.  Skipped where the kernel has no kmemleak (distribution
 * kernels).
 */
TEST_F_TIMEOUT(release, no_leak_when_vm_destroyed_with_ioeventfds, 120)
{
	static const char * const sites[] = { "eventfd", NULL };
	const char *missing = kmemleak_missing();
	int leaks;

	if (missing)
		SKIP(return, "%s", missing);
	destroy_vms_with_ioeventfds(_metadata);
	leaks = kmemleak_leaks(sites);
	ASSERT_LE(0, leaks) TH_LOG("%s: %s", KMEMLEAK, strerror(-leaks));
	EXPECT_EQ(0, leaks);
}

TEST_HARNESS_MAIN
