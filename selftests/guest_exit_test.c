// SPDX-License-Identifier: GPL-2.0-only
/*
 * Guests that leave to userspace: ucalls, MMIO of each size, hypercalls
 * and SMC, accesses outside RAM, and that each VM's RAM is its own.  The
 * guest programs are in guest/<name>_guest.c.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"
#include "guest_exit.h"

GUEST_IMAGE(ucall);
GUEST_IMAGE(checksum);
GUEST_IMAGE(assert);
GUEST_IMAGE(mmio);
GUEST_IMAGE(hvc);
GUEST_IMAGE(smc);
GUEST_IMAGE(window);
GUEST_IMAGE(own_ram);

FIXTURE(guest) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(guest)
{
}

FIXTURE_TEARDOWN(guest)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

static void mailbox_set(struct kvm_vm *vm, unsigned int i, uint32_t v)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	TEST_ASSERT(mb, "mailbox not in guest RAM");
	mb[i] = v;
}

static uint32_t mailbox_get(struct kvm_vm *vm, unsigned int i)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	TEST_ASSERT(mb, "mailbox not in guest RAM");
	return mb[i];
}

TEST_F_TIMEOUT(guest, sync_then_done, KVM_TEST_TIMEOUT)
{
	self->vm = vm_create_guest(&self->vcpu, ucall);
	vcpu_run_expect_sync(self->vcpu, SYNC_MAGIC_1);
	vcpu_run_expect_sync(self->vcpu, SYNC_MAGIC_2);
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(guest, sees_loaded_image, KVM_TEST_TIMEOUT)
{
	const uint32_t *p = (const uint32_t *)guest_checksum_start;
	size_t size = GUEST_IMAGE_SIZE(checksum), i;
	uint32_t sum = 0;
	struct ucall uc;

	for (i = 0; i < size / 4; i++)
		sum += p[i];
	self->vm = vm_create_guest(&self->vcpu, checksum);
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu, &uc));
	EXPECT_EQ(size, uc.args[1]);
	EXPECT_EQ(sum, uc.args[0]);
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(guest, assert_reported, KVM_TEST_TIMEOUT)
{
	char file[128], expr[128];
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, assert);
	mailbox_set(self->vm, 0, 41);
	vcpu_run(self->vcpu);
	ASSERT_EQ(UCALL_ASSERT, get_ucall(self->vcpu, &uc));
	guest_string(self->vm, uc.args[GUEST_ASSERT_FILE], file, sizeof(file));
	guest_string(self->vm, uc.args[GUEST_ASSERT_EXPR], expr, sizeof(expr));
	EXPECT_TRUE(strstr(file, "assert_guest.c") != NULL) TH_LOG("file \"%s\"", file);
	EXPECT_STREQ("x + 1 == 43", expr);
	EXPECT_LT(0ULL, uc.args[GUEST_ASSERT_LINE]);
	EXPECT_EQ(42ULL, uc.args[GUEST_ASSERT_VALUE]);
}

struct mmio_op {
	uint64_t addr;
	uint32_t len;
	bool write;
	uint64_t data;		/* written by the guest, or answered to it */
};

/* Run the mmio guest in @mode; its exits must be exactly @ops, then DONE. */
static void run_mmio(struct __test_metadata *_metadata, struct kvm_vcpu *vcpu,
		     enum mmio_mode mode, const struct mmio_op *ops, unsigned int nr)
{
	struct kvm_run *run = vcpu->run;
	struct ucall uc;
	unsigned int i;
	uint64_t data;

	mailbox_set(vcpu->vm, 0, mode);
	for (i = 0; i < nr; i++) {
		vcpu_run(vcpu);
		if (get_ucall(vcpu, &uc) == UCALL_ASSERT)
			report_guest_assert(vcpu, &uc);
		ASSERT_EQ(KVM_EXIT_MMIO, (int)run->exit_reason)
			TH_LOG("access %u: exit %s", i, exit_reason_str(run->exit_reason));
		EXPECT_EQ(ops[i].addr, run->mmio.phys_addr) TH_LOG("access %u", i);
		EXPECT_EQ(ops[i].len, run->mmio.len) TH_LOG("access %u", i);
		EXPECT_EQ(ops[i].write, run->mmio.is_write) TH_LOG("access %u", i);
		if (ops[i].write) {
			data = 0;
			memcpy(&data, run->mmio.data, ops[i].len <= 8 ? ops[i].len : 8);
			EXPECT_EQ(ops[i].data, data) TH_LOG("access %u", i);
		} else {
			memset(run->mmio.data, 0, sizeof(run->mmio.data));
			memcpy(run->mmio.data, &ops[i].data, ops[i].len <= 8 ? ops[i].len : 8);
		}
	}
	vcpu_run_expect_done(vcpu);
}

TEST_F_TIMEOUT(guest, mmio_writes, KVM_TEST_TIMEOUT)
{
	static const struct mmio_op ops[] = {
		{ MMIO_TEST_GPA + 0x1, 1, true, MMIO_W8 },
		{ MMIO_TEST_GPA + 0x2, 2, true, MMIO_W16 },
		{ MMIO_TEST_GPA + 0x4, 4, true, MMIO_W32 },
	};

	self->vm = vm_create_guest(&self->vcpu, mmio);
	run_mmio(_metadata, self->vcpu, MMIO_WRITES, ops, ARRAY_SIZE(ops));
}

TEST_F_TIMEOUT(guest, mmio_reads, KVM_TEST_TIMEOUT)
{
	static const struct mmio_op ops[] = {
		{ MMIO_TEST_GPA + 0x11, 1, false, MMIO_R8 },
		{ MMIO_TEST_GPA + 0x12, 2, false, MMIO_R16 },
		{ MMIO_TEST_GPA + 0x14, 4, false, MMIO_R32 },
	};

	self->vm = vm_create_guest(&self->vcpu, mmio);
	run_mmio(_metadata, self->vcpu, MMIO_READS, ops, ARRAY_SIZE(ops));
}

TEST_F_TIMEOUT(guest, mmio_sign_extending_reads, KVM_TEST_TIMEOUT)
{
	static const struct mmio_op ops[] = {
		{ MMIO_TEST_GPA + 0x21, 1, false, MMIO_RS8 },
		{ MMIO_TEST_GPA + 0x22, 2, false, MMIO_RS16 },
	};

	self->vm = vm_create_guest(&self->vcpu, mmio);
	run_mmio(_metadata, self->vcpu, MMIO_SIGNED, ops, ARRAY_SIZE(ops));
}

/*
 * STRD/LDRD: one 8-byte access.  The data abort reports no instruction
 * syndrome (HSR.ISV is 0 for them), so the module must decode it.
 */
TEST_F_TIMEOUT(guest, mmio_64bit, KVM_TEST_TIMEOUT)
{
	static const struct mmio_op ops[] = {
		{ MMIO_TEST_GPA + 0x8, 8, true, MMIO_W64 },
		{ MMIO_TEST_GPA + 0x18, 8, false, MMIO_R64 },
	};

	self->vm = vm_create_guest(&self->vcpu, mmio);
	run_mmio(_metadata, self->vcpu, MMIO_64BIT, ops, ARRAY_SIZE(ops));
}

TEST_F_TIMEOUT(guest, hvc_unknown_function, KVM_TEST_TIMEOUT)
{
	self->vm = vm_create_guest(&self->vcpu, hvc);
	vcpu_run_expect_sync(self->vcpu, SMCCC_RET_NOT_SUPPORTED);
	vcpu_run_expect_sync(self->vcpu, SMCCC_RET_NOT_SUPPORTED);
	vcpu_run_expect_sync(self->vcpu, SMCCC_RET_NOT_SUPPORTED);
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(guest, smc_is_undefined, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, smc);
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(self->vcpu, &uc));
	EXPECT_EQ(1ULL, uc.args[0]);	/* VEC_UND */
	EXPECT_EQ(4ULL, uc.args[1]);	/* LR_und = SMC + 4 */
	vcpu_run_expect_done(self->vcpu);
}

TEST_F_TIMEOUT(guest, outside_ram_is_mmio, KVM_TEST_TIMEOUT)
{
	struct kvm_run *run;
	struct ucall uc;
	uint32_t i = 0;

	self->vm = vm_create_guest(&self->vcpu, window);
	run = self->vcpu->run;
	for (;;) {
		vcpu_run(self->vcpu);
		switch (get_ucall(self->vcpu, &uc)) {
		case UCALL_NONE:
			break;
		case UCALL_ASSERT:
			report_guest_assert(self->vcpu, &uc);
		case UCALL_DONE:
			EXPECT_EQ(WINDOW_MIBS, i);
			return;
		default:
			ASSERT_TRUE(0) TH_LOG("unexpected ucall %u", uc.cmd);
		}
		ASSERT_EQ(KVM_EXIT_MMIO, (int)run->exit_reason)
			TH_LOG("access %u: exit %s", i, exit_reason_str(run->exit_reason));
		ASSERT_GT(WINDOW_MIBS, i);
		EXPECT_EQ(WINDOW_ADDR(i), run->mmio.phys_addr) TH_LOG("access %u", i);
		EXPECT_EQ(4U, run->mmio.len) TH_LOG("access %u", i);
		EXPECT_EQ(i % 2 == 0, run->mmio.is_write) TH_LOG("access %u", i);
		if (!run->mmio.is_write)
			memcpy(run->mmio.data, &i, 4);
		else
			EXPECT_EQ(0, memcmp(run->mmio.data, &i, 4)) TH_LOG("access %u", i);
		i++;
	}
}

TEST_F_TIMEOUT(guest, two_vms_own_ram, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu2;
	struct kvm_vm *vm2;

	self->vm = vm_create_guest(&self->vcpu, own_ram);
	vm2 = vm_create_guest(&vcpu2, own_ram);
	mailbox_set(self->vm, 0, 0x11111111);
	mailbox_set(vm2, 0, 0x22222222);

	/* interleaved: each VM's RAM and .bss hold its own values */
	vcpu_run_expect_sync(self->vcpu, 0x11111111);
	vcpu_run_expect_sync(vcpu2, 0x22222222);
	vcpu_run_expect_sync(self->vcpu, 0x11111111);
	vcpu_run_expect_sync(vcpu2, 0x22222222);
	EXPECT_EQ(~0x11111111U, mailbox_get(self->vm, 1));
	EXPECT_EQ(~0x22222222U, mailbox_get(vm2, 1));
	vcpu_run_expect_done(self->vcpu);
	vcpu_run_expect_done(vcpu2);
	vcpu_free(vcpu2);
	vm_free(vm2);
}

TEST_HARNESS_MAIN
