// SPDX-License-Identifier: GPL-2.0-only
/*
 * VCPU creation, KVM_ARM_VCPU_INIT and the ONE_REG interface: ids, errnos
 * and reset values as the historical arm32 KVM ABI defines them.
 */
#include <sys/mman.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

#define REG_CORE_INDEX(idx)	(KVM_REG_ARM | KVM_REG_SIZE_U32 | KVM_REG_ARM_CORE | (idx))

FIXTURE(vcpu) {
	struct kvm_vm *vm;
	int max_vcpus;
};

FIXTURE_SETUP(vcpu)
{
	self->vm = vm_create();
	self->max_vcpus = vm_check_cap(self->vm, KVM_CAP_MAX_VCPUS);
	ASSERT_LT(0, self->max_vcpus) TH_LOG("KVM_CAP_MAX_VCPUS answered %d",
					     self->max_vcpus);
}

FIXTURE_TEARDOWN(vcpu)
{
	vm_free(self->vm);
}

TEST_F_TIMEOUT(vcpu, create_every_id_below_max, KVM_TEST_TIMEOUT)
{
	int fds[256], i;

	ASSERT_GE((int)ARRAY_SIZE(fds), self->max_vcpus);
	for (i = 0; i < self->max_vcpus; i++) {
		fds[i] = __vcpu_create(self->vm, i);
		ASSERT_LE(0, fds[i]) TH_LOG("KVM_CREATE_VCPU %d: errno %d", i, errno);
	}
	for (i = 0; i < self->max_vcpus; i++)
		close(fds[i]);
}

TEST_F_TIMEOUT(vcpu, create_id_at_or_above_max, KVM_TEST_TIMEOUT)
{
	unsigned long ids[] = { self->max_vcpus, self->max_vcpus + 1UL,
				0x7fffffffUL, ~0UL };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		EXPECT_EQ(-1, ioctl(self->vm->fd, KVM_CREATE_VCPU, ids[i]))
			TH_LOG("id %#lx", ids[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("id %#lx", ids[i]);
	}
}

TEST_F_TIMEOUT(vcpu, create_duplicate_id, KVM_TEST_TIMEOUT)
{
	int fd = __vcpu_create(self->vm, 0);

	ASSERT_LE(0, fd) TH_LOG("KVM_CREATE_VCPU 0: errno %d", errno);
	EXPECT_EQ(-1, __vcpu_create(self->vm, 0));
	EXPECT_EQ(EEXIST, errno);
	close(fd);
}

TEST_F_TIMEOUT(vcpu, mmap_covers_kvm_run, KVM_TEST_TIMEOUT)
{
	int fd = __vcpu_create(self->vm, 0);
	struct kvm_run *run;

	ASSERT_LE(0, fd) TH_LOG("KVM_CREATE_VCPU 0: errno %d", errno);
	ASSERT_LE((int)sizeof(struct kvm_run), self->vm->run_size);
	run = mmap(NULL, self->vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		   fd, 0);
	ASSERT_TRUE(run != MAP_FAILED) TH_LOG("mmap: errno %d", errno);
	/* every byte of struct kvm_run is there, shared and writable */
	run->immediate_exit = 0;
	memset(&run->s, 0, sizeof(run->s));
	((char *)run)[sizeof(*run) - 1] = 0x5a;
	EXPECT_EQ(0x5a, ((char *)run)[sizeof(*run) - 1]);
	EXPECT_EQ(0, munmap(run, self->vm->run_size));
	close(fd);
}

/*
 * The target of the host's own part, from its MIDR: Cortex-A7 on an A7
 * host, Cortex-A15 on an A15 host; none (ENODEV) on any other part.
 */
TEST_F_TIMEOUT(vcpu, preferred_target, KVM_TEST_TIMEOUT)
{
	uint32_t midr = host_midr(), part = MIDR_PART(midr);
	const struct target_regs *want = part_target(part);
	struct kvm_vcpu_init init;
	unsigned int i;
	int ret;

	ASSERT_NE(0U, midr) TH_LOG("no CPU part in /proc/cpuinfo");
	memset(&init, 0xff, sizeof(init));
	ret = ioctl(self->vm->fd, KVM_ARM_PREFERRED_TARGET, &init);
	if (!want) {
		EXPECT_EQ(-1, ret) TH_LOG("host part %#x: target %u", part, init.target);
		EXPECT_EQ(ENODEV, errno);
		return;
	}
	ASSERT_EQ(0, ret) TH_LOG("KVM_ARM_PREFERRED_TARGET: errno %d", errno);
	EXPECT_EQ(want->target, init.target)
		TH_LOG("host part %#x (%s): target %u", part, want->name, init.target);
	for (i = 0; i < ARRAY_SIZE(init.features); i++)
		EXPECT_EQ(0U, init.features[i]) TH_LOG("features[%u]", i);
}

TEST_F_TIMEOUT(vcpu, init_unknown_feature, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_create(self->vm, 0);
	struct kvm_vcpu_init pref;

	ASSERT_EQ(0, __vm_preferred_target(self->vm, &pref));
	EXPECT_EQ(-1, __vcpu_init(vcpu, pref.target, 1U << 5));
	EXPECT_EQ(ENOENT, errno);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, init_bad_target, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_create(self->vm, 0);

	EXPECT_EQ(-1, __vcpu_init(vcpu, 99, 0));
	EXPECT_EQ(EINVAL, errno);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, reinit_other_target, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_create(self->vm, 0);
	struct kvm_vcpu_init pref;

	ASSERT_EQ(0, __vm_preferred_target(self->vm, &pref));
	ASSERT_EQ(0, __vcpu_init(vcpu, pref.target, 0))
		TH_LOG("KVM_ARM_VCPU_INIT: errno %d", errno);
	EXPECT_EQ(-1, __vcpu_init(vcpu, pref.target ^ 1, 0));
	EXPECT_EQ(EINVAL, errno);
	vcpu_free(vcpu);
}

/* VMMs re-run KVM_ARM_VCPU_INIT to reset a VCPU. */
TEST_F_TIMEOUT(vcpu, reinit_same_target_resets, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	struct kvm_vcpu_init pref;

	vcpu_set_reg(vcpu, REG_CPSR, CPSR_A | CPSR_I | CPSR_F | CPSR_ABT);
	vcpu_set_reg(vcpu, REG_R(0), 0x12345678);
	ASSERT_EQ(0, __vm_preferred_target(self->vm, &pref));
	EXPECT_EQ(0, __vcpu_init(vcpu, pref.target, 1U << KVM_ARM_VCPU_PSCI_0_2))
		TH_LOG("KVM_ARM_VCPU_INIT again: errno %d", errno);
	EXPECT_EQ(CPSR_RESET, vcpu_get_reg(vcpu, REG_CPSR));
	EXPECT_EQ(0ULL, vcpu_get_reg(vcpu, REG_R(0)));
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, run_before_init, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_create(self->vm, 0);

	EXPECT_EQ(-1, __vcpu_run(vcpu));
	EXPECT_EQ(ENOEXEC, errno);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, reset_cpsr, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);

	/* 0x1d3: SVC, asynchronous aborts, IRQ and FIQ masked, ARM state */
	EXPECT_EQ(CPSR_RESET, vcpu_get_reg(vcpu, REG_CPSR));
	vcpu_free(vcpu);
}

#define REG_SCTLR	ARM_CP15_REG32(0, 1, 0, 0)
#define REG_ACTLR	ARM_CP15_REG32(0, 1, 0, 1)

/* The part of the host, which the test needs to know */
static const struct target_regs *host_target(struct __test_metadata *_metadata)
{
	uint32_t part = MIDR_PART(host_midr());
	const struct target_regs *t = part_target(part);

	if (!t)
		TH_LOG("host part %#x is neither a Cortex-A7 nor a Cortex-A15", part);
	return t;
}

/*
 * A VCPU of the host's part: MIDR the host's own, SCTLR the part's reset
 * value, ACTLR the host's with SMP set.
 */
TEST_F_TIMEOUT(vcpu, reset_regs_host_part, KVM_TEST_TIMEOUT)
{
	const struct target_regs *t = host_target(_metadata);
	struct kvm_vcpu *vcpu;

	ASSERT_TRUE(t != NULL);
	vcpu = vcpu_add_target(self->vm, 0, t->target);
	EXPECT_EQ(host_midr(), vcpu_get_reg(vcpu, REG_MIDR)) TH_LOG("%s", t->name);
	EXPECT_EQ(t->sctlr, vcpu_get_reg(vcpu, REG_SCTLR)) TH_LOG("%s", t->name);
	EXPECT_EQ(ACTLR_SMP, vcpu_get_reg(vcpu, REG_ACTLR) & ACTLR_SMP)
		TH_LOG("%s", t->name);
	vcpu_free(vcpu);
}

/*
 * A VCPU of the other part (Cortex-A15 on an A7 host, Cortex-A7 on an A15
 * host): the module's MIDR for it, and its TRM's SCTLR and ACTLR.
 */
TEST_F_TIMEOUT(vcpu, reset_regs_other_part, KVM_TEST_TIMEOUT)
{
	const struct target_regs *host = host_target(_metadata), *t;
	struct kvm_vcpu *vcpu;

	ASSERT_TRUE(host != NULL);
	t = &target_regs[host == &target_regs[0]];
	vcpu = vcpu_add_target(self->vm, 0, t->target);
	EXPECT_EQ(t->midr, vcpu_get_reg(vcpu, REG_MIDR)) TH_LOG("%s", t->name);
	EXPECT_EQ(t->sctlr, vcpu_get_reg(vcpu, REG_SCTLR)) TH_LOG("%s", t->name);
	EXPECT_EQ(t->actlr, vcpu_get_reg(vcpu, REG_ACTLR)) TH_LOG("%s", t->name);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, mpidr_per_vcpu, KVM_TEST_TIMEOUT)
{
	int n = self->max_vcpus < 8 ? self->max_vcpus : 8, i;
	struct kvm_vcpu *vcpus[8];

	for (i = 0; i < n; i++)
		vcpus[i] = vcpu_add(self->vm, i);
	for (i = 0; i < n; i++) {
		uint64_t want = 0x80000000U | ((i >> 2) << 8) | (i & 3);

		EXPECT_EQ(want, vcpu_get_reg(vcpus[i], REG_MPIDR)) TH_LOG("VCPU %d", i);
	}
	EXPECT_EQ(0x40200000000f0005ULL, REG_MPIDR);
	for (i = 0; i < n; i++)
		vcpu_free(vcpus[i]);
}

TEST_F_TIMEOUT(vcpu, core_regs_roundtrip, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	int i;

	for (i = 0; i <= 12; i++)
		vcpu_set_reg(vcpu, REG_R(i), 0x01010101U * (i + 1) ^ 0x80000000U);
	vcpu_set_reg(vcpu, REG_SP, 0x80123450);
	vcpu_set_reg(vcpu, REG_LR, 0x80123454);
	vcpu_set_reg(vcpu, REG_PC, 0x80123458);
	for (i = 0; i <= 12; i++)
		EXPECT_EQ(0x01010101U * (i + 1) ^ 0x80000000U,
			  vcpu_get_reg(vcpu, REG_R(i))) TH_LOG("r%d", i);
	EXPECT_EQ(0x80123450, vcpu_get_reg(vcpu, REG_SP));
	EXPECT_EQ(0x80123454, vcpu_get_reg(vcpu, REG_LR));
	EXPECT_EQ(0x80123458, vcpu_get_reg(vcpu, REG_PC));
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, banked_regs_roundtrip, KVM_TEST_TIMEOUT)
{
	static const struct {
		char name[12];
		uint64_t id;
		uint32_t val;
	} regs[] = {
		{ "SP_svc", ARM_CORE_REG(KVM_ARM_SVC_sp), 0x80001000 },
		{ "LR_svc", ARM_CORE_REG(KVM_ARM_SVC_lr), 0x80001004 },
		{ "SPSR_svc", ARM_CORE_REG(KVM_ARM_SVC_spsr), 0x600001d3 },
		{ "SP_abt", ARM_CORE_REG(KVM_ARM_ABT_sp), 0x80002000 },
		{ "LR_abt", ARM_CORE_REG(KVM_ARM_ABT_lr), 0x80002004 },
		{ "SPSR_abt", ARM_CORE_REG(KVM_ARM_ABT_spsr), 0x200001d7 },
		{ "SP_und", ARM_CORE_REG(KVM_ARM_UND_sp), 0x80003000 },
		{ "LR_und", ARM_CORE_REG(KVM_ARM_UND_lr), 0x80003004 },
		{ "SPSR_und", ARM_CORE_REG(KVM_ARM_UND_spsr), 0x800001db },
		{ "SP_irq", ARM_CORE_REG(KVM_ARM_IRQ_sp), 0x80004000 },
		{ "LR_irq", ARM_CORE_REG(KVM_ARM_IRQ_lr), 0x80004004 },
		{ "SPSR_irq", ARM_CORE_REG(KVM_ARM_IRQ_spsr), 0x400001d2 },
		{ "r8_fiq", ARM_CORE_REG(KVM_ARM_FIQ_r8), 0xf1f00008 },
		{ "r9_fiq", ARM_CORE_REG(KVM_ARM_FIQ_r9), 0xf1f00009 },
		{ "r10_fiq", ARM_CORE_REG(KVM_ARM_FIQ_r10), 0xf1f0000a },
		{ "fp_fiq", ARM_CORE_REG(KVM_ARM_FIQ_fp), 0xf1f0000b },
		{ "ip_fiq", ARM_CORE_REG(KVM_ARM_FIQ_ip), 0xf1f0000c },
		{ "SP_fiq", ARM_CORE_REG(KVM_ARM_FIQ_sp), 0x80005000 },
		{ "LR_fiq", ARM_CORE_REG(KVM_ARM_FIQ_lr), 0x80005004 },
		{ "SPSR_fiq", ARM_CORE_REG(KVM_ARM_FIQ_spsr), 0x100001d1 },
	};
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	unsigned int i;

	/* usr r8-r12 must stay apart from the FIQ bank */
	for (i = 8; i <= 12; i++)
		vcpu_set_reg(vcpu, REG_R(i), 0x05500000 + i);
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		vcpu_set_reg(vcpu, regs[i].id, regs[i].val);
	for (i = 0; i < ARRAY_SIZE(regs); i++)
		EXPECT_EQ(regs[i].val, vcpu_get_reg(vcpu, regs[i].id))
			TH_LOG("%s", regs[i].name);
	for (i = 8; i <= 12; i++)
		EXPECT_EQ(0x05500000 + i, vcpu_get_reg(vcpu, REG_R(i)))
			TH_LOG("usr r%u", i);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, cpsr_invalid_mode, KVM_TEST_TIMEOUT)
{
	static const uint32_t modes[] = { 0x15, CPSR_MON, CPSR_HYP, 0x00, 0x1c };
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		uint32_t cpsr = CPSR_A | CPSR_I | CPSR_F | modes[i];

		EXPECT_EQ(-1, __vcpu_set_reg(vcpu, REG_CPSR, &cpsr))
			TH_LOG("mode %#x", modes[i]);
		EXPECT_EQ(EINVAL, errno) TH_LOG("mode %#x", modes[i]);
	}
	EXPECT_EQ(CPSR_RESET, vcpu_get_reg(vcpu, REG_CPSR));
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, unknown_reg_id, KVM_TEST_TIMEOUT)
{
	static const uint64_t ids[] = {
		REG_CORE_INDEX(sizeof(struct kvm_regs) / 4),	/* past the end */
		REG_CORE_INDEX(0x7fff),
		ARM_CP15_REG32(7, 15, 15, 7),			/* no such CP15 reg */
		KVM_REG_ARM | KVM_REG_SIZE_U32 | (0x7ffULL << KVM_REG_ARM_COPROC_SHIFT),
	};
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	uint64_t val = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		EXPECT_EQ(-1, __vcpu_get_reg(vcpu, ids[i], &val))
			TH_LOG("get %#llx", (unsigned long long)ids[i]);
		EXPECT_EQ(ENOENT, errno) TH_LOG("get %#llx", (unsigned long long)ids[i]);
		EXPECT_EQ(-1, __vcpu_set_reg(vcpu, ids[i], &val))
			TH_LOG("set %#llx", (unsigned long long)ids[i]);
		EXPECT_EQ(ENOENT, errno) TH_LOG("set %#llx", (unsigned long long)ids[i]);
	}
	vcpu_free(vcpu);
}

#define REG_LIST_GUARD	1024	/* entries of canary after a too-small list */

/*
 * KVM_GET_REG_LIST with n = 0 into a buffer with room to spare: it must
 * fail with E2BIG, report the count in n and write no register id.
 * Returns the count, 0 on failure.
 */
static uint64_t reg_list_count(struct __test_metadata *_metadata,
			       struct kvm_vcpu *vcpu)
{
	struct kvm_reg_list *probe;
	uint64_t n = 0, i;

	probe = malloc(sizeof(*probe) + REG_LIST_GUARD * sizeof(probe->reg[0]));
	if (!probe)
		return 0;
	memset(probe, 0xa5, sizeof(*probe) + REG_LIST_GUARD * sizeof(probe->reg[0]));
	probe->n = 0;
	EXPECT_EQ(-1, ioctl(vcpu->fd, KVM_GET_REG_LIST, probe));
	EXPECT_EQ(E2BIG, errno);
	for (i = 0; i < REG_LIST_GUARD; i++)
		if (probe->reg[i] != 0xa5a5a5a5a5a5a5a5ULL)
			break;
	EXPECT_EQ((uint64_t)REG_LIST_GUARD, i) TH_LOG("register ids written past n = 0");
	if (!_metadata->passed)
		goto out;
	n = probe->n;
	if (n == 0 || n > 100000) {
		TH_LOG("KVM_GET_REG_LIST reported %llu registers", (unsigned long long)n);
		n = 0;
	}
out:
	free(probe);
	return n;
}

/* KVM_GET_REG_LIST into a fresh allocation; the caller frees it. */
static struct kvm_reg_list *get_reg_list(struct __test_metadata *_metadata,
					 struct kvm_vcpu *vcpu)
{
	uint64_t n = reg_list_count(_metadata, vcpu);
	struct kvm_reg_list *list;

	if (!n)
		return NULL;
	list = calloc(1, sizeof(*list) + n * sizeof(list->reg[0]));
	if (!list)
		return NULL;
	list->n = n;
	EXPECT_EQ(0, ioctl(vcpu->fd, KVM_GET_REG_LIST, list))
		TH_LOG("KVM_GET_REG_LIST n=%llu: errno %d", (unsigned long long)n, errno);
	EXPECT_EQ(n, list->n);
	return list;
}

TEST_F_TIMEOUT(vcpu, reg_list_too_small, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	uint64_t n = reg_list_count(_metadata, vcpu);

	/* at least r0-r12, sp, lr, pc, cpsr and the banked registers */
	EXPECT_LE(sizeof(struct kvm_regs) / 4 - 1, n);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, reg_list_contents, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	struct kvm_reg_list *list = get_reg_list(_metadata, vcpu);
	bool cpsr = false, mpidr = false;
	uint64_t i, j;

	ASSERT_TRUE(list != NULL);
	for (i = 0; i < list->n; i++) {
		cpsr |= list->reg[i] == REG_CPSR;
		mpidr |= list->reg[i] == REG_MPIDR;
		for (j = 0; j < i; j++)
			EXPECT_NE(list->reg[i], list->reg[j])
				TH_LOG("duplicate %#llx", (unsigned long long)list->reg[i]);
	}
	EXPECT_TRUE(cpsr);
	EXPECT_TRUE(mpidr);
	free(list);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, reg_list_all_readable, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	struct kvm_reg_list *list = get_reg_list(_metadata, vcpu);
	uint8_t buf[64];
	uint64_t i;

	ASSERT_TRUE(list != NULL);
	for (i = 0; i < list->n; i++) {
		uint64_t id = list->reg[i];
		unsigned int size = KVM_REG_SIZE(id), b;

		EXPECT_EQ(KVM_REG_ARM, id & KVM_REG_ARCH_MASK)
			TH_LOG("%#llx: not an ARM id", (unsigned long long)id);
		EXPECT_TRUE(size == 4 || size == 8)
			TH_LOG("%#llx: size %u", (unsigned long long)id, size);
		if (size > sizeof(buf))
			continue;
		memset(buf, 0xa5, sizeof(buf));
		EXPECT_EQ(0, __vcpu_get_reg(vcpu, id, buf))
			TH_LOG("KVM_GET_ONE_REG %#llx: errno %d", (unsigned long long)id, errno);
		/* KVM writes exactly the size the id encodes */
		for (b = size; b < sizeof(buf); b++)
			if (buf[b] != 0xa5)
				break;
		EXPECT_EQ(sizeof(buf), b)
			TH_LOG("%#llx: byte %u written beyond size %u",
			       (unsigned long long)id, b, size);
	}
	free(list);
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, midr_write_other_value, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	uint32_t midr = vcpu_get_reg(vcpu, REG_MIDR), other = midr ^ 0xf0;

	EXPECT_EQ(-1, __vcpu_set_reg(vcpu, REG_MIDR, &other));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(midr, vcpu_get_reg(vcpu, REG_MIDR));
	vcpu_free(vcpu);
}

TEST_F_TIMEOUT(vcpu, midr_write_same_value, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = vcpu_add(self->vm, 0);
	uint32_t midr = vcpu_get_reg(vcpu, REG_MIDR);

	EXPECT_EQ(0, __vcpu_set_reg(vcpu, REG_MIDR, &midr))
		TH_LOG("KVM_SET_ONE_REG MIDR unchanged: errno %d", errno);
	vcpu_free(vcpu);
}

TEST_HARNESS_MAIN
