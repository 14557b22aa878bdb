// SPDX-License-Identifier: GPL-2.0-only
/*
 * System ioctls on /dev/kvm and VM file descriptor life cycle.
 */
#include "kvm_test.h"
#include "kselftest_harness.h"

FIXTURE(dev) {
	int kvm;
};

FIXTURE_SETUP(dev)
{
	ASSERT_EQ(0, kvm_module_ensure_loaded());
	self->kvm = open(KVM_DEV_PATH, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->kvm) TH_LOG("open %s: errno %d", KVM_DEV_PATH, errno);
}

FIXTURE_TEARDOWN(dev)
{
	close(self->kvm);
}

TEST_F(dev, api_version)
{
	EXPECT_EQ(KVM_API_VERSION, ioctl(self->kvm, KVM_GET_API_VERSION, 0));
	/* KVM rejects a non-zero argument */
	EXPECT_EQ(-1, ioctl(self->kvm, KVM_GET_API_VERSION, 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(dev, device_node)
{
	struct stat st;

	ASSERT_EQ(0, stat(KVM_DEV_PATH, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	/* the minor udev rules and distributions expect for /dev/kvm */
	EXPECT_EQ(232, (int)(st.st_rdev & 0xff));
	EXPECT_EQ(10, (int)((st.st_rdev >> 8) & 0xfff));
}

TEST_F(dev, unknown_capabilities_are_zero)
{
	static const long caps[] = { -1, 100000, 0x7fffffff, 1023 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(caps); i++)
		EXPECT_EQ(0, ioctl(self->kvm, KVM_CHECK_EXTENSION, caps[i]))
			TH_LOG("cap %ld", caps[i]);
}

TEST_F(dev, no_capability_is_negative)
{
	long cap;

	for (cap = 0; cap < 256; cap++)
		EXPECT_LE(0, ioctl(self->kvm, KVM_CHECK_EXTENSION, cap))
			TH_LOG("cap %ld errno %d", cap, errno);
}

TEST_F(dev, vcpu_mmap_size)
{
	int size = ioctl(self->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);

	EXPECT_LE((int)sizeof(struct kvm_run), size);
	EXPECT_EQ(0, size % getpagesize());
	EXPECT_EQ(-1, ioctl(self->kvm, KVM_GET_VCPU_MMAP_SIZE, 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_F(dev, unknown_ioctls)
{
	/* unknown command in KVM's own space: -EINVAL, as KVM answers */
	EXPECT_EQ(-1, ioctl(self->kvm, _IO(KVMIO, 0xfe), 0));
	EXPECT_EQ(EINVAL, errno);
	/* another driver's command: -ENOTTY, so isatty() and the like work */
	EXPECT_EQ(-1, ioctl(self->kvm, _IO('x', 1), 0));
	EXPECT_EQ(ENOTTY, errno);
	EXPECT_EQ(0, isatty(self->kvm));
}

TEST_F(dev, bad_vm_type)
{
	static const unsigned long types[] = { 1, 2, 0x100, ~0UL };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		EXPECT_EQ(-1, ioctl(self->kvm, KVM_CREATE_VM, types[i]));
		EXPECT_EQ(EINVAL, errno) TH_LOG("type %#lx", types[i]);
	}
}

TEST_F(dev, vm_fd)
{
	int vm = ioctl(self->kvm, KVM_CREATE_VM, 0);

	ASSERT_LE(0, vm);
	/* KVM creates VM fds close-on-exec */
	EXPECT_EQ(FD_CLOEXEC, fcntl(vm, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_CHECK_EXTENSION_VM));
	EXPECT_EQ(0, ioctl(vm, KVM_CHECK_EXTENSION, 100000));
	EXPECT_EQ(-1, ioctl(vm, _IO(KVMIO, 0xfe), 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, ioctl(vm, _IO('x', 1), 0));
	EXPECT_EQ(ENOTTY, errno);

	/* the VM outlives the /dev/kvm descriptor it was created from */
	close(self->kvm);
	self->kvm = -1;
	EXPECT_EQ(1, ioctl(vm, KVM_CHECK_EXTENSION, KVM_CAP_CHECK_EXTENSION_VM));
	EXPECT_EQ(0, close(vm));
}

/* Every order of closing four VMs (4! = 24 orders). */
TEST_F(dev, close_vms_in_every_order)
{
	int perm[4] = { 0, 1, 2, 3 };
	int vms[4], i, j, k, orders = 0;

	do {
		for (i = 0; i < 4; i++) {
			vms[i] = ioctl(self->kvm, KVM_CREATE_VM, 0);
			ASSERT_LE(0, vms[i]);
		}
		for (i = 0; i < 4; i++)
			ASSERT_EQ(0, close(vms[perm[i]]));
		orders++;

		/* next permutation, lexicographic */
		for (i = 2; i >= 0 && perm[i] > perm[i + 1]; i--)
			;
		if (i < 0)
			break;
		for (j = 3; perm[j] < perm[i]; j--)
			;
		k = perm[i]; perm[i] = perm[j]; perm[j] = k;
		for (j = i + 1, k = 3; j < k; j++, k--) {
			int t = perm[j];

			perm[j] = perm[k]; perm[k] = t;
		}
	} while (1);
	EXPECT_EQ(24, orders);
}

/* Many VMs at once, closed in a shuffled order, three times over. */
TEST_F(dev, many_vms)
{
	enum { NR = 256 };
	int vms[NR], order[NR], round, i;

	srand(1);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < NR; i++) {
			vms[i] = ioctl(self->kvm, KVM_CREATE_VM, 0);
			ASSERT_LE(0, vms[i]) TH_LOG("VM %d: errno %d", i, errno);
			order[i] = i;
		}
		for (i = NR - 1; i > 0; i--) {
			int j = rand() % (i + 1), t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		for (i = 0; i < NR; i++)
			ASSERT_EQ(0, close(vms[order[i]]));
	}
}

TEST_HARNESS_MAIN
