// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO emulation beyond the syndrome: writes to a read-only slot, the
 * bus byte order of a big-endian guest, Thumb-2 instruction decoding, and
 * what the VMM is told about an instruction the module cannot emulate.
 */
#include <string.h>
#include <sys/mman.h>

#include "kvm_util.h"
#include "kselftest_harness.h"
#include "guest_exit.h"

GUEST_IMAGE(decode);

#define RO_GPA		0x90000000UL
#define DEC_MMIO	(MMIO_TEST_GPA + 0x40)

FIXTURE(dec) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(dec)
{
	self->vm = vm_create_guest(&self->vcpu, decode);
}

FIXTURE_TEARDOWN(dec)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

static void set_case(struct kvm_vm *vm, uint32_t c)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	mb[0] = c;
}

/* Run to the next exit, which must be an MMIO one at @gpa. */
static struct kvm_run *expect_mmio(struct __test_metadata *_metadata,
				   struct kvm_vcpu *vcpu, uint64_t gpa,
				   uint32_t len, bool is_write)
{
	struct kvm_run *run = vcpu->run;

	vcpu_run(vcpu);
	EXPECT_EQ((uint32_t)KVM_EXIT_MMIO, run->exit_reason);
	EXPECT_EQ(gpa, run->mmio.phys_addr);
	EXPECT_EQ(len, run->mmio.len);
	EXPECT_EQ(is_write, run->mmio.is_write);
	return run;
}

TEST_F_TIMEOUT(dec, readonly_slot_writes_are_mmio, KVM_TEST_TIMEOUT)
{
	uint32_t *ro;
	struct kvm_run *run;
	struct ucall uc;
	uint32_t v;

	if (!vm_check_cap(self->vm, KVM_CAP_READONLY_MEM))
		SKIP(return, "KVM_CAP_READONLY_MEM not supported");
	ro = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_TRUE(ro != MAP_FAILED);
	ro[0] = 0x600dda7a;
	ASSERT_EQ(0, __vm_set_memslot(self->vm, 1, KVM_MEM_READONLY, RO_GPA,
				      4096, (uintptr_t)ro));
	set_case(self->vm, 0);

	run = expect_mmio(_metadata, self->vcpu, RO_GPA, 4, true);
	memcpy(&v, run->mmio.data, 4);
	EXPECT_EQ(0xcafef00d, v);
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu, &uc));
	/* the load came from the slot; the store did not reach it */
	EXPECT_EQ(0x600dda7aULL, uc.args[0]);
	EXPECT_EQ(0x600dda7aULL, uc.args[1]);
	EXPECT_EQ(0x600dda7aU, ro[0]);
	vcpu_run_expect_done(self->vcpu);
	munmap(ro, 4096);
}

TEST_F_TIMEOUT(dec, big_endian_guest_bus_order, KVM_TEST_TIMEOUT)
{
	static const uint8_t word[4] = { 0xa1, 0xb2, 0xc3, 0xd4 };
	static const uint8_t half[2] = { 0x5e, 0x6f };
	struct kvm_run *run;
	struct ucall uc;

	set_case(self->vm, 1);
	run = expect_mmio(_metadata, self->vcpu, DEC_MMIO, 4, true);
	/* STR of 0x11223344 with CPSR.E set: most significant byte first */
	EXPECT_EQ(0x11, run->mmio.data[0]);
	EXPECT_EQ(0x22, run->mmio.data[1]);
	EXPECT_EQ(0x33, run->mmio.data[2]);
	EXPECT_EQ(0x44, run->mmio.data[3]);

	run = expect_mmio(_metadata, self->vcpu, DEC_MMIO + 4, 4, false);
	memcpy(run->mmio.data, word, 4);
	run = expect_mmio(_metadata, self->vcpu, DEC_MMIO + 8, 2, false);
	memcpy(run->mmio.data, half, 2);
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu, &uc));
	EXPECT_EQ(0xa1b2c3d4ULL, uc.args[0]);
	EXPECT_EQ(0x5e6fULL, uc.args[1]);
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(dec, thumb2_load_with_writeback, KVM_TEST_TIMEOUT)
{
	struct kvm_run *run;
	struct ucall uc;
	uint32_t v = 0x13572468;

	set_case(self->vm, 2);
	run = expect_mmio(_metadata, self->vcpu, DEC_MMIO, 4, false);
	memcpy(run->mmio.data, &v, 4);
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu, &uc));
	EXPECT_EQ(0x13572468ULL, uc.args[0]);
	/* the base register was written back */
	EXPECT_EQ(DEC_MMIO + 4, uc.args[1]);
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(dec, undecodable_instruction_is_reported, KVM_TEST_TIMEOUT)
{
	struct kvm_run *run = self->vcpu->run;

	set_case(self->vm, 3);
	vcpu_run(self->vcpu);
	ASSERT_EQ((uint32_t)KVM_EXIT_INTERNAL_ERROR, run->exit_reason);
	EXPECT_EQ((uint32_t)KVM_INTERNAL_ERROR_EMULATION, run->internal.suberror);
	ASSERT_LE(4U, run->internal.ndata);
	/* data[0]: HSR, a data abort (EC 0x24) without ISV */
	EXPECT_EQ(0x24ULL, run->internal.data[0] >> 26);
	EXPECT_EQ(0ULL, run->internal.data[0] & (1 << 24));
	/* data[2]: the IPA; data[3]: an LDM (A8.8.58: cond 100P U0W1) */
	EXPECT_EQ(DEC_MMIO, run->internal.data[2]);
	EXPECT_EQ(0x08100000ULL, run->internal.data[3] & 0x0e500000);
}

TEST_HARNESS_MAIN
