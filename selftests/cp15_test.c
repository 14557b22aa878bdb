// SPDX-License-Identifier: GPL-2.0-only
/*
 * Trapped CP15/CP14 accesses as the module emulates them (core/coproc.c):
 * ACTLR, L2CTLR, set/way cache maintenance, the PMU, DBGDIDR, an
 * implementation defined c15 register, and MIDR/MPIDR against
 * KVM_GET_ONE_REG; and what a guest reads after reset, per the host's part
 * (Cortex-A7 or Cortex-A15) and for the other part.  The guest programs
 * are guest/<name>_guest.c.
 */
#include <dirent.h>

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
GUEST_IMAGE(l2ctlr);

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

/* The host's part; the test fails on a part the module does not model. */
static const struct target_regs *host_target(void)
{
	uint32_t part = MIDR_PART(host_midr());
	const struct target_regs *t = part_target(part);

	TEST_ASSERT(t, "host part %#x is neither a Cortex-A7 nor a Cortex-A15",
		    part);
	return t;
}

/* A15 on an A7 host, A7 on an A15 host */
static const struct target_regs *other_target(void)
{
	return &target_regs[host_target() == &target_regs[0]];
}

/*
 * A guest VM of @n VCPUs of @target, each entering @image at its start:
 * the host runs them one after the other, never two at once (they share
 * the image's stacks).
 */
static struct kvm_vm *__vm_create_guest_target(struct kvm_vcpu **vcpus,
					       unsigned int n, uint32_t target,
					       const void *image, size_t size)
{
	struct kvm_vm *vm = vm_create();
	unsigned int i;

	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, image, size, GUEST_RAM_GPA);
	for (i = 0; i < n; i++) {
		vcpus[i] = vcpu_add_target(vm, i, target);
		vcpu_set_reg(vcpus[i], REG_PC, GUEST_RAM_GPA);
	}
	return vm;
}
#define vm_create_guest_target(vcpus, n, target, name)			\
	__vm_create_guest_target(vcpus, n, target, guest_##name##_start,	\
				 GUEST_IMAGE_SIZE(name))

/* ACTLR reads the VCPU's value, SMP set; a write is ignored (HCR.TAC) */
TEST_F_TIMEOUT(cp15, actlr_write_ignored, KVM_TEST_TIMEOUT)
{
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, actlr);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(uc.args[0], uc.args[1]) TH_LOG("ACTLR %#llx, after writing ~it %#llx",
						 (unsigned long long)uc.args[0],
						 (unsigned long long)uc.args[1]);
	EXPECT_EQ(vcpu_get_reg(self->vcpu, REG_ACTLR), uc.args[0]);
	EXPECT_EQ(ACTLR_SMP, uc.args[0] & ACTLR_SMP)
		TH_LOG("ACTLR %#llx: SMP clear", (unsigned long long)uc.args[0]);
	vcpu_run_expect_done(self->vcpu);
}

/* CP15 exits of this process's VM so far (debugfs kvm-arm32/<pid>-<id>/stats) */
static unsigned long long vm_cp15_exits(void)
{
	char prefix[16], path[512], text[2048], *p;
	struct dirent *de;
	DIR *d = opendir(KVM_DEBUGFS);
	int found = 0;

	TEST_ASSERT(d, "no %s", KVM_DEBUGFS);
	snprintf(prefix, sizeof(prefix), "%d-", (int)getpid());
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		TEST_ASSERT(!found++, "more than one VM of pid %d", (int)getpid());
		snprintf(path, sizeof(path), "%s%s/stats", KVM_DEBUGFS, de->d_name);
	}
	closedir(d);
	TEST_ASSERT(found, "no VM of pid %d in %s", (int)getpid(), KVM_DEBUGFS);
	TEST_ASSERT(read_file(path, text, sizeof(text)) > 0, "reading %s", path);
	p = strstr(text, "\nexit_cp15 ");
	TEST_ASSERT(p, "no exit_cp15 in %s", path);
	return strtoull(p + strlen("\nexit_cp15 "), NULL, 10);
}

/* The host is QEMU's "virt" board (its device tree says so), not a board */
static bool host_is_qemu_virt(void)
{
	char compat[256];
	int len = read_file("/proc/device-tree/compatible", compat, sizeof(compat));

	/* a list of NUL-terminated strings: the first is the board */
	return len > 0 && !strcmp(compat, "linux,dummy-virt");
}

/*
 * L2CTLR (HCR.TIDCP) as each VCPU of VMs of 1 to 8 VCPUs reads it: the
 * number of processors [25:24] is that of the VCPU's cluster of four
 * (MPIDR.Aff1) less one, the other bits the host's, the same for every
 * VCPU; a write is ignored.  The three accesses of each run must trap; a
 * QEMU host whose CPU model does not trap them (7.2's TCG has no
 * HCR.TIDCP) skips the test, any other host fails it.
 */
TEST(l2ctlr_counts_the_vcpus)
{
	static const unsigned int sizes[] = { 1, 2, 3, 4, 5, 8 };
	const struct target_regs *t = host_target();
	struct kvm_vcpu *vcpus[GUEST_MAX_CPUS];
	unsigned int s, i, n, first, max;
	unsigned long long exits;
	uint64_t rest = ~0ULL;
	struct kvm_vm *vm;
	struct ucall uc;

	max = kvm_check_cap(KVM_CAP_MAX_VCPUS);
	for (s = 0; s < ARRAY_SIZE(sizes) && sizes[s] <= max; s++) {
		n = sizes[s];
		vm = vm_create_guest_target(vcpus, n, t->target, l2ctlr);
		for (i = 0; i < n; i++) {
			first = i & ~3U;
			exits = vm_cp15_exits();
			run_sync(vcpus[i], &uc);
			if (!s && exits == vm_cp15_exits() &&
			    host_is_qemu_virt()) {
				vcpu_free(vcpus[0]);
				vm_free(vm);
				SKIP(return, "QEMU's %s does not trap L2CTLR (HCR.TIDCP): the guest read QEMU's %#llx",
				     t->name, (unsigned long long)uc.args[0]);
			}
			ASSERT_EQ(exits + 3, vm_cp15_exits())
				TH_LOG("%s, %u VCPUs, VCPU %u: the L2CTLR accesses did not all trap",
				       t->name, n, i);
			EXPECT_EQ((uint64_t)(n - first < 4 ? n - first - 1 : 3),
				  (uc.args[0] & L2CTLR_NCPUS_MASK) >> L2CTLR_NCPUS_SHIFT)
				TH_LOG("%s, %u VCPUs, VCPU %u: L2CTLR %#llx", t->name,
				       n, i, (unsigned long long)uc.args[0]);
			if (rest == ~0ULL)
				rest = uc.args[0] & ~(uint64_t)L2CTLR_NCPUS_MASK;
			EXPECT_EQ(rest, uc.args[0] & ~(uint64_t)L2CTLR_NCPUS_MASK)
				TH_LOG("%u VCPUs, VCPU %u: L2CTLR %#llx", n, i,
				       (unsigned long long)uc.args[0]);
			EXPECT_EQ(uc.args[0], uc.args[1])
				TH_LOG("L2CTLR %#llx, after writing ~it %#llx",
				       (unsigned long long)uc.args[0],
				       (unsigned long long)uc.args[1]);
			vcpu_run_expect_done(vcpus[i]);
		}
		for (i = 0; i < n; i++)
			vcpu_free(vcpus[i]);
		vm_free(vm);
	}
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

/*
 * The MIDR a guest reads (VPIDR) is the one ONE_REG reports, and the
 * host's own: a Cortex-A7's on an A7 host, a Cortex-A15's on an A15.
 */
TEST_F_TIMEOUT(cp15, midr_is_the_hosts, KVM_TEST_TIMEOUT)
{
	const struct target_regs *t = host_target();
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, idregs);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(vcpu_get_reg(self->vcpu, REG_MIDR), uc.args[0]);
	EXPECT_EQ(host_midr(), uc.args[0]) TH_LOG("%s host", t->name);
	EXPECT_EQ(t->part, MIDR_PART(uc.args[0]));
}

/* The SCTLR a guest starts with is its part's reset value (TRM) */
TEST_F_TIMEOUT(cp15, sctlr_reset_value, KVM_TEST_TIMEOUT)
{
	const struct target_regs *t = host_target();
	struct ucall uc;

	self->vm = vm_create_guest(&self->vcpu, idregs);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(t->sctlr, uc.args[2]) TH_LOG("%s: SCTLR %#llx", t->name,
					      (unsigned long long)uc.args[2]);
}

/*
 * A VCPU of the part the host is not (Cortex-A15 on an A7 host, Cortex-A7
 * on an A15): the guest reads the module's MIDR for that part and the
 * part's own reset SCTLR and ACTLR (SMP set).
 */
TEST_F_TIMEOUT(cp15, other_part_regs, KVM_TEST_TIMEOUT)
{
	const struct target_regs *t = other_target();
	struct ucall uc;

	self->vm = vm_create_guest_target(&self->vcpu, 1, t->target, idregs);
	run_sync(self->vcpu, &uc);
	EXPECT_EQ(t->midr, uc.args[0]) TH_LOG("%s: MIDR %#llx", t->name,
					     (unsigned long long)uc.args[0]);
	EXPECT_EQ(t->sctlr, uc.args[2]) TH_LOG("%s: SCTLR %#llx", t->name,
					      (unsigned long long)uc.args[2]);
	EXPECT_EQ(t->actlr, uc.args[3]) TH_LOG("%s: ACTLR %#llx", t->name,
					      (unsigned long long)uc.args[3]);
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
