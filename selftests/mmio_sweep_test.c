// SPDX-License-Identifier: GPL-2.0-only
/*
 * The whole 4 GiB a guest reaches with its MMU off: a read in every MiB
 * outside its RAM slot must be a KVM_EXIT_MMIO of that address, and
 * nothing else.  The guest program is guest/sweep_guest.c.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

GUEST_IMAGE(sweep);

#define NR_MIBS		4096U
#define RAM_MIBS	(GUEST_RAM_SIZE >> 20)

FIXTURE(sweep) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(sweep)
{
}

FIXTURE_TEARDOWN(sweep)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

static bool in_ram(uint32_t mib)
{
	return (uint64_t)mib << 20 >= GUEST_RAM_GPA &&
	       (uint64_t)mib << 20 < GUEST_RAM_GPA + GUEST_RAM_SIZE;
}

TEST_F_TIMEOUT(sweep, every_mib_is_mmio, 30)
{
	struct kvm_run *run;
	uint32_t mib, addr, seen = 0;
	struct ucall uc;
	char why[96];

	self->vm = vm_create_guest(&self->vcpu, sweep);
	run = self->vcpu->run;
	for (mib = 0; mib < NR_MIBS; mib++) {
		if (in_ram(mib))
			continue;
		vcpu_run(self->vcpu);
		if (get_ucall(self->vcpu, &uc) == UCALL_ASSERT)
			report_guest_assert(self->vcpu, &uc);
		ASSERT_EQ(KVM_EXIT_MMIO, (int)run->exit_reason)
			TH_LOG("MiB %#x: %s", mib, vcpu_exit_str(self->vcpu, why, sizeof(why)));
		ASSERT_EQ(mib, run->mmio.phys_addr >> 20)
			TH_LOG("%s", vcpu_exit_str(self->vcpu, why, sizeof(why)));
		ASSERT_FALSE(run->mmio.is_write) TH_LOG("MiB %#x", mib);
		ASSERT_EQ(4U, run->mmio.len) TH_LOG("MiB %#x", mib);
		addr = ~(uint32_t)run->mmio.phys_addr;
		memset(run->mmio.data, 0, sizeof(run->mmio.data));
		memcpy(run->mmio.data, &addr, 4);
		seen++;
	}
	EXPECT_EQ(NR_MIBS - RAM_MIBS, seen);
	vcpu_run_expect_sync(self->vcpu, NR_MIBS - RAM_MIBS);
	vcpu_run_expect_done(self->vcpu);
}

TEST_HARNESS_MAIN
