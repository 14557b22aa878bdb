// SPDX-License-Identifier: GPL-2.0-only
/*
 * VFP/NEON state across the world switch: the guest's d0-d31 survive its
 * exits to the host, KVM_GET_ONE_REG sees them, and the host's own d0-d31
 * survive KVM_RUN.  The guest program is guest/vfp_guest.c.
 */
#include <sys/syscall.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

GUEST_IMAGE(vfp);

#define NR_DREGS	32
#define NR_ROUNDS	4
#define REG_D(n)	(KVM_REG_ARM | KVM_REG_SIZE_U64 | KVM_REG_ARM_VFP | \
			 (KVM_REG_ARM_VFP_BASE_REG + (n)))

/* vfp_guest.c's mailbox layout */
#define VFP_MB_ROUNDS	0
#define VFP_MB_VALUES	2

static uint64_t guest_value(unsigned int round, unsigned int n)
{
	return (0x6700000000000000ULL | (uint64_t)round << 40 | (uint64_t)n << 32) |
	       (0x89abcd00U ^ (round << 16) ^ n);
}

static uint64_t host_value(unsigned int round, unsigned int n)
{
	return ~guest_value(round, n) ^ 0x1111111111111111ULL;
}

/*
 * KVM_RUN with @in in the host's d0-d31, and what they hold just after
 * the ioctl, in @out.  No C code runs in between: the system call is made
 * here (r7 = __NR_ioctl), so only the kernel can have changed them.
 */
static int run_with_dregs(int fd, const uint64_t *in, uint64_t *out)
{
	register long r0 __asm__("r0") = fd;
	register long r1 __asm__("r1") = KVM_RUN;
	register long r2 __asm__("r2") = 0;
	register const uint64_t *src __asm__("r3") = in;
	register uint64_t *dst __asm__("r4") = out;

	__asm__ __volatile__(".fpu neon\n"
			     "	vldmia	%[src]!, {d0-d15}\n"
			     "	vldmia	%[src], {d16-d31}\n"
			     "	push	{r7}\n"
			     "	mov	r7, %[nr]\n"
			     "	svc	#0\n"
			     "	pop	{r7}\n"
			     "	vstmia	%[dst]!, {d0-d15}\n"
			     "	vstmia	%[dst], {d16-d31}\n"
			     : "+r"(r0), [src] "+r"(src), [dst] "+r"(dst)
			     : "r"(r1), "r"(r2), [nr] "i"(__NR_ioctl)
			     : "memory", "cc",
			       "d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7",
			       "d8", "d9", "d10", "d11", "d12", "d13", "d14", "d15",
			       "d16", "d17", "d18", "d19", "d20", "d21", "d22", "d23",
			       "d24", "d25", "d26", "d27", "d28", "d29", "d30", "d31");
	if (r0 < 0) {
		errno = -r0;
		return -1;
	}
	return r0;
}

static void mailbox_values(struct kvm_vm *vm, unsigned int round)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	unsigned int n;

	TEST_ASSERT(mb, "mailbox not in guest RAM");
	mb[VFP_MB_ROUNDS] = NR_ROUNDS;
	for (n = 0; n < NR_DREGS; n++) {
		mb[VFP_MB_VALUES + 2 * n] = (uint32_t)guest_value(round, n);
		mb[VFP_MB_VALUES + 2 * n + 1] = guest_value(round, n) >> 32;
	}
}

/* Run to the next ucall with the host's registers checked around KVM_RUN. */
static int run_checked(struct __test_metadata *_metadata, struct kvm_vcpu *vcpu,
		       unsigned int round, struct ucall *uc)
{
	uint64_t in[NR_DREGS], out[NR_DREGS];
	unsigned int n;
	int ret, cmd;

	for (n = 0; n < NR_DREGS; n++)
		in[n] = host_value(round, n);
	ret = run_with_dregs(vcpu->fd, in, out);
	TEST_ASSERT(ret == 0, "KVM_RUN: %d", ret);
	for (n = 0; n < NR_DREGS; n++)
		EXPECT_EQ(in[n], out[n]) TH_LOG("host d%u after KVM_RUN, round %u", n, round);
	cmd = get_ucall(vcpu, uc);
	if (cmd == UCALL_ASSERT)
		report_guest_assert(vcpu, uc);
	return cmd;
}

FIXTURE(vfp) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(vfp)
{
	self->vm = vm_create_guest(&self->vcpu, vfp);
}

FIXTURE_TEARDOWN(vfp)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

TEST_F_TIMEOUT(vfp, registers_survive_exits, KVM_TEST_TIMEOUT)
{
	struct kvm_vcpu *vcpu = self->vcpu;
	struct kvm_vm *vm = self->vm;
	unsigned int r, n;
	struct ucall uc;

	for (r = 0; r < NR_ROUNDS; r++) {
		mailbox_values(vm, r);
		ASSERT_EQ(UCALL_SYNC, run_checked(_metadata, vcpu, r, &uc));
		ASSERT_EQ(r, uc.args[0]);
		for (n = 0; n < NR_DREGS; n++)
			EXPECT_EQ(guest_value(r, n), vcpu_get_reg(vcpu, REG_D(n)))
				TH_LOG("ONE_REG d%u, round %u", n, r);
	}
	/* the guest checks its last round's registers, then is done */
	ASSERT_EQ(UCALL_DONE, run_checked(_metadata, vcpu, r, &uc));
}

TEST_HARNESS_MAIN
