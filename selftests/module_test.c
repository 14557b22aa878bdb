// SPDX-License-Identifier: GPL-2.0-only
/*
 * Module life cycle: load/unload cycles, and no unload while userspace
 * holds a /dev/kvm or VM file descriptor.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"

/* Each test leaves the module loaded for the next one. */

TEST(unload_refused_while_dev_open)
{
	int kvm;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	kvm = open(KVM_DEV_PATH, O_RDWR);
	ASSERT_LE(0, kvm);
	EXPECT_EQ(-EWOULDBLOCK, kvm_module_unload());
	EXPECT_TRUE(kvm_module_loaded());
	EXPECT_EQ(KVM_API_VERSION, ioctl(kvm, KVM_GET_API_VERSION, 0));
	close(kvm);
}

TEST(unload_refused_while_vm_open)
{
	int kvm, vm;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	kvm = open(KVM_DEV_PATH, O_RDWR);
	ASSERT_LE(0, kvm);
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	ASSERT_LE(0, vm);
	close(kvm);

	/* only the VM fd holds the module now */
	EXPECT_EQ(-EWOULDBLOCK, kvm_module_unload());
	EXPECT_EQ(1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_CHECK_EXTENSION_VM));
	close(vm);

	EXPECT_EQ(0, kvm_module_unload());
	EXPECT_FALSE(kvm_module_loaded());
	EXPECT_EQ(0, kvm_module_load());
}

FIXTURE(cycles) {};
FIXTURE_SETUP(cycles) {}
FIXTURE_TEARDOWN(cycles) {}

/*
 * On Debian's kernels an unload costs 1-2.5 s under QEMU with 4 CPUs
 * (its trace shows jump-label patching under stop_machine()), so 20
 * cycles outlast the harness's default 30 s.
 */
TEST_F_TIMEOUT(cycles, load_unload_20_times, 300)
{
	int i, kvm;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	for (i = 0; i < 20; i++) {
		ASSERT_EQ(0, kvm_module_unload()) TH_LOG("cycle %d", i);
		ASSERT_NE(0, access(KVM_DEV_PATH, F_OK));
		ASSERT_EQ(0, kvm_module_load()) TH_LOG("cycle %d", i);
		kvm = open(KVM_DEV_PATH, O_RDWR);
		ASSERT_LE(0, kvm) TH_LOG("cycle %d", i);
		ASSERT_EQ(KVM_API_VERSION, ioctl(kvm, KVM_GET_API_VERSION, 0));
		close(kvm);
	}
}

TEST(double_load_is_eexist)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
	EXPECT_EQ(-EEXIST, kvm_module_load());
}

#define TAINTED			"/proc/sys/kernel/tainted"
/* include/linux/panic.h */
#define TAINT_OOT_MODULE	(1UL << 12)	/* 'O' */
#define TAINT_UNSIGNED_MODULE	(1UL << 13)	/* 'E' */

static unsigned long tainted(struct __test_metadata *_metadata)
{
	char buf[32];

	EXPECT_LT(0, read_file(TAINTED, buf, sizeof(buf)));
	return strtoul(buf, NULL, 10);
}

/*
 * Loading the module taints the kernel as an out-of-tree module (O) and,
 * where CONFIG_MODULE_SIG is set as on Debian's kernels, as an unsigned
 * one (E): with nothing else, neither from the load nor from the tests
 * before (a WARN would be W, an oops D).
 */
TEST(load_taints_only_out_of_tree_and_unsigned)
{
	const unsigned long allowed = TAINT_OOT_MODULE | TAINT_UNSIGNED_MODULE;
	unsigned long before, after;

	ASSERT_EQ(0, kvm_module_ensure_loaded());
	ASSERT_EQ(0, kvm_module_unload());
	before = tainted(_metadata);
	ASSERT_EQ(0, kvm_module_load());
	after = tainted(_metadata);
	EXPECT_EQ(TAINT_OOT_MODULE, after & TAINT_OOT_MODULE)
		TH_LOG("tainted %#lx", after);
	EXPECT_EQ(0UL, after & ~allowed)
		TH_LOG("tainted %#lx before the load, %#lx after", before, after);
}

TEST_HARNESS_MAIN
