// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trapped CP15/CP14 accesses as the module emulates them (core/coproc.c):
 * ACTLR, set/way cache maintenance, the PMU, DBGDIDR, an implementation
 * defined c15 register, and MIDR/MPIDR against KVM_GET_ONE_REG.  The guest
 * programs are guest/<name>_guest.c.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

GUEST_IMAGE(actlr);
GUEST_IMAGE(dcsw);
GUEST_IMAGE(pmu);
GUEST_IMAGE(dbgdidr);
GUEST_IMAGE(impdef);
GUEST_IMAGE(idregs);
GUEST_IMAGE(cbar);

#define REG_ACTLR	ARM_CP15_REG32(0, 1, 0, 1)
#define VEC_UND		1ULL	/* guest.h: enum guest_vector */
#define ARM_INSN_SIZE	4ULL

FIXTURE(cp15) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(cp15)
{
}

FIXTURE_TEARDOWN(cp15)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

static void run_sync(struct kvm_vcpu *vcpu, struct ucall *uc)
{
	int cmd = vcpu_run_ucall(vcpu, uc);

	TEST_ASSERT(cmd == UCALL_SYNC, "expected GUEST_SYNC, got ucall %d", cmd);
}

/* ACTLR reads the VCPU's value; a write is ignored (HCR.TAC) */
TEST_F_TIMEOUT(cp15, actlr_write_ignored, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, actlr);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(uc.args[0], uc.args[1]) TH_LOG("ACTLR %#llx, after writing ~it %#llx",
						 (unsigned long long)uc.args[0],
						 (unsigned long long)uc.args[1]);
	EXPECT_EQ(vcpu_get_reg(self->vcpu, REG_ACTLR), uc.args[0]);
	vcpu_run_expect_done(self->vcpu);
}

/* DCCISW, DCCSW, DCISW (HCR.TSW) are emulated and the guest goes on */
TEST_F_TIMEOUT(cp15, dc_set_way_continues, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, dcsw);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(24ULL, uc.args[0]);		/* 8 operands, 3 operations */
	EXPECT_EQ(0ULL, uc.args[1]) TH_LOG("exceptions taken");
	vcpu_run_expect_done(self->vcpu);
}

/* PMU registers (HDCR.TPM/TPMCR) read as zero, even once enabled */
TEST_F_TIMEOUT(cp15, pmu_reads_zero, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, pmu);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(0ULL, uc.args[0]) TH_LOG("PMCR");
	EXPECT_EQ(0ULL, uc.args[1]) TH_LOG("PMCCNTR");
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(0ULL, uc.args[0]) TH_LOG("PMCR after writing E");
	EXPECT_EQ(0ULL, uc.args[1]) TH_LOG("PMCCNTR after enabling it");
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(0ULL, uc.args[0]) TH_LOG("exceptions taken");
	vcpu_run_expect_done(self->vcpu);
}

/* DBGDIDR (HDCR.TDA): the debug registers read as zero (no debug arch) */
TEST_F_TIMEOUT(cp15, dbgdidr_reads_zero, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, dbgdidr);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(0ULL, uc.args[0]) TH_LOG("DBGDIDR");
	EXPECT_EQ(0ULL, uc.args[1]) TH_LOG("exceptions taken");
	vcpu_run_expect_done(self->vcpu);
}

/* An implementation defined c15 register (HSTR.T15) is UNDEFINED */
TEST_F_TIMEOUT(cp15, impdef_c15_undefined, KVM_TEST_TIMEOUT)
{
	char buf[32];
	struct ucall uc;
	long before;

	ASSERT_LT(0, read_file(KVM_DEBUGFS "unhandled", buf, sizeof(buf)));
	before = strtol(buf, NULL, 10);
	self->vm = vm_create_guest(&self->vcpu, impdef);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(VEC_UND, uc.args[0]) TH_LOG("vector");
	/* ARM state: LR_und is the MRC's address + 4 */
	EXPECT_EQ(ARM_INSN_SIZE, uc.args[1]) TH_LOG("LR - MRC address");
	vcpu_run_expect_done(self->vcpu);
	/* and the module counted it (other tests may add more meanwhile) */
	ASSERT_LT(0, read_file(KVM_DEBUGFS "unhandled", buf, sizeof(buf)));
	EXPECT_LT(before, strtol(buf, NULL, 10));
}

#define TRAP_IMPDEF_CP15 "/sys/module/kvm_arm32/parameters/trap_impdef_cp15"

/*
 * trap_impdef_cp15 (HSTR.T15), read when a VM is created: set, CBAR is
 * UNDEFINED for the guest; clear, the guest reads the processor's CBAR
 * without an exception.  VMs created before a change keep their setting.
 */
TEST(trap_impdef_cp15_parameter)
{
	struct kvm_vcpu *vcpu_trapped, *vcpu_open;
	struct kvm_vm *trapped, *open;
	struct ucall uc;
	int cmd;

	trapped = vm_create_guest(&vcpu_trapped, cbar);
	ASSERT_EQ(0, write_file(TRAP_IMPDEF_CP15, "N"));
	open = vm_create_guest(&vcpu_open, cbar);
	EXPECT_EQ(0, write_file(TRAP_IMPDEF_CP15, "Y"));

	cmd = vcpu_run_ucall(vcpu_open, &uc);
	ASSERT_EQ(UCALL_SYNC, cmd);
	EXPECT_EQ(0ULL, uc.args[0]) TH_LOG("exceptions with T15 clear");
	cmd = vcpu_run_ucall(vcpu_trapped, &uc);
	ASSERT_EQ(UCALL_SYNC, cmd);
	EXPECT_EQ(1ULL, uc.args[0]) TH_LOG("exceptions with T15 set");

	vcpu_free(vcpu_open);
	vm_free(open);
	vcpu_free(vcpu_trapped);
	vm_free(trapped);
}

/* The MIDR a guest reads (VPIDR) is the one ONE_REG reports */
TEST_F_TIMEOUT(cp15, midr_matches_one_reg, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, idregs);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(vcpu_get_reg(self->vcpu, REG_MIDR), uc.args[0]);
	EXPECT_NE(0ULL, uc.args[0]);
}

/* The MPIDR a guest reads (VMPIDR) is the one ONE_REG reports */
TEST_F_TIMEOUT(cp15, mpidr_matches_one_reg, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, idregs);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(vcpu_get_reg(self->vcpu, REG_MPIDR), uc.args[1]);
}

TEST_HARNESS_MAIN
