// SPDX-License-Identifier: GPL-2.0-only
/*
 * Many VMs: two running at once in threads, more VMs alive than there are
 * VMIDs, and a VMM killed while its guest runs.  The guest programs are
 * guest/pattern_guest.c and guest/touch_guest.c.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"

GUEST_IMAGE(pattern);
GUEST_IMAGE(touch);

/* pattern_guest.c's mailbox words */
#define MB_INDEX	0
#define MB_OFFSET	1
#define MB_PAGES	2
#define MB_VALUE	3

#define PAGE_SZ		4096U
#define PATTERN_OFFSET	0x40000U	/* past the image, below the mailbox */
#define PATTERN_PAGES	16U
/* RAM of the rollover VMs: up to and including the mailbox page */
#define SMALL_RAM_SIZE	(GUEST_MAILBOX_GPA - GUEST_RAM_GPA + GUEST_MAILBOX_SIZE)

#define THREAD_ROUNDS	300U
#define NR_VMS		300U		/* VMIDs are 8 bits: 255 for guests */
#define ROLLOVER_PASSES	3U

#define TOUCH_RAM_SIZE	(10U << 20)	/* touch_guest.c writes 2 MiB.. */
#define REFCNT_PATH	"/sys/module/" KVM_MODULE_NAME "/refcnt"

static uint32_t *guest_mailbox(struct kvm_vm *vm)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	TEST_ASSERT(mb, "mailbox not in guest RAM");
	return mb;
}

static uint32_t pattern_value(unsigned int vm, unsigned int round)
{
	return 0x80000000U | vm << 16 | round;
}

static void pattern_setup(struct kvm_vm *vm, unsigned int index)
{
	uint32_t *mb = guest_mailbox(vm);

	mb[MB_INDEX] = index;
	mb[MB_OFFSET] = PATTERN_OFFSET;
	mb[MB_PAGES] = PATTERN_PAGES;
}

/*
 * One round of pattern_guest on VM @index: the guest must find the value
 * of round - 1 in its pages and leave the value of @round in them.
 */
static void pattern_round(struct kvm_vcpu *vcpu, unsigned int index,
			  unsigned int round)
{
	const uint32_t *p = addr_gpa2hva(vcpu->vm, GUEST_RAM_GPA + PATTERN_OFFSET,
					 PATTERN_PAGES * PAGE_SZ);
	uint32_t want = pattern_value(index, round);
	struct ucall uc;
	unsigned int k;
	int cmd;

	TEST_ASSERT(p, "pattern pages not in guest RAM");
	guest_mailbox(vcpu->vm)[MB_VALUE] = want;
	cmd = vcpu_run_ucall(vcpu, &uc);
	TEST_ASSERT(cmd == UCALL_SYNC, "VM %u round %u: ucall %d", index, round, cmd);
	TEST_ASSERT(uc.args[0] == round, "VM %u: guest in round %llu, host in %u",
		    index, (unsigned long long)uc.args[0], round);
	if (round)
		TEST_ASSERT(uc.args[1] == pattern_value(index, round - 1),
			    "VM %u round %u: guest read %#llx, expected %#x",
			    index, round, (unsigned long long)uc.args[1],
			    pattern_value(index, round - 1));
	for (k = 0; k < PATTERN_PAGES; k++)
		TEST_ASSERT(p[k * (PAGE_SZ / 4)] == want,
			    "VM %u round %u: page %u holds %#x, expected %#x",
			    index, round, k, p[k * (PAGE_SZ / 4)], want);
}

/* No state: the fixture is there for the per-test timeouts. */
FIXTURE(stress) {
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

struct vm_thread {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	unsigned int index;
	pthread_t thread;
};

static void *vm_thread_run(void *arg)
{
	struct vm_thread *t = arg;
	unsigned int r;

	for (r = 0; r < THREAD_ROUNDS; r++)
		pattern_round(t->vcpu, t->index, r);
	return NULL;
}

TEST_F_TIMEOUT(stress, two_vms_in_threads, 30)
{
	struct vm_thread t[2];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i].index = i + 1;
		t[i].vm = vm_create_guest(&t[i].vcpu, pattern);
		pattern_setup(t[i].vm, t[i].index);
	}
	/* a failed assertion in a thread ends the whole test with status 1 */
	for (i = 0; i < ARRAY_SIZE(t); i++)
		ASSERT_EQ(0, pthread_create(&t[i].thread, NULL, vm_thread_run, &t[i]));
	for (i = 0; i < ARRAY_SIZE(t); i++)
		ASSERT_EQ(0, pthread_join(t[i].thread, NULL));
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		vcpu_free(t[i].vcpu);
		vm_free(t[i].vm);
	}
}

/* Memslot 0 of exactly @size bytes at GUEST_RAM_GPA, no 2 MiB alignment. */
static void vm_add_small_ram(struct kvm_vm *vm, uint64_t size)
{
	struct kvm_region *r;
	void *map;
	int ret;

	TEST_ASSERT(vm->nr_regions < KVM_MAX_REGIONS, "too many regions");
	map = mmap(NULL, size, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	TEST_ASSERT(map != MAP_FAILED, "mmap %llu bytes", (unsigned long long)size);
	ret = __vm_set_memslot(vm, 0, 0, GUEST_RAM_GPA, size, (uintptr_t)map);
	TEST_ASSERT(ret == 0, "KVM_SET_USER_MEMORY_REGION of %#llx bytes: %d",
		    (unsigned long long)size, ret);
	r = &vm->regions[vm->nr_regions++];
	r->slot = 0;
	r->gpa = GUEST_RAM_GPA;
	r->size = size;
	r->hva = map;
	r->map = map;
	r->map_size = size;
}

static struct kvm_vm *vm_create_small(struct kvm_vcpu **vcpu, const void *image,
				      size_t size)
{
	struct kvm_vm *vm = vm_create();

	vm_add_small_ram(vm, SMALL_RAM_SIZE);
	vm_load_guest(vm, image, size, GUEST_RAM_GPA);
	*vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(*vcpu, REG_PC, GUEST_RAM_GPA);
	return vm;
}

/* The order of pass @pass: forward, backward, then a stride of 7. */
static unsigned int pass_order(unsigned int pass, unsigned int i)
{
	switch (pass) {
	case 0:
		return i;
	case 1:
		return NR_VMS - 1 - i;
	default:
		return (i * 7) % NR_VMS;	/* 7 and NR_VMS are coprime */
	}
}

TEST_F_TIMEOUT(stress, vmid_rollover_300_vms, 60)
{
	static struct kvm_vcpu *vcpus[NR_VMS];
	static struct kvm_vm *vms[NR_VMS];
	struct rlimit rl;
	unsigned int i, pass, n;

	/* three descriptors a VM: /dev/kvm, the VM, its VCPU */
	ASSERT_EQ(0, getrlimit(RLIMIT_NOFILE, &rl));
	if (rl.rlim_cur < 3 * NR_VMS + 64) {
		rl.rlim_cur = 3 * NR_VMS + 64;
		if (rl.rlim_max < rl.rlim_cur)
			rl.rlim_max = rl.rlim_cur;
		ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl))
			TH_LOG("RLIMIT_NOFILE %lu: errno %d", (unsigned long)rl.rlim_cur, errno);
	}

	for (i = 0; i < NR_VMS; i++) {
		vms[i] = vm_create_small(&vcpus[i], guest_pattern_start,
					 GUEST_IMAGE_SIZE(pattern));
		pattern_setup(vms[i], i);
	}
	for (pass = 0; pass < ROLLOVER_PASSES; pass++) {
		for (i = 0; i < NR_VMS; i++) {
			n = pass_order(pass, i);
			pattern_round(vcpus[n], n, pass);
		}
	}
	for (i = 0; i < NR_VMS; i++) {
		vcpu_free(vcpus[i]);
		vm_free(vms[i]);
	}
}

static int module_refcnt(void)
{
	char buf[32];
	int ret = read_file(REFCNT_PATH, buf, sizeof(buf));

	TEST_ASSERT(ret > 0, "reading %s: %d", REFCNT_PATH, ret);
	return atoi(buf);
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* The VMM of kill_vmm_releases_everything: tells @fd once RAM is touched. */
static _Noreturn void touching_vmm(int fd)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = vm_create();
	char c = 1;

	vm_add_ram(vm, 0, GUEST_RAM_GPA, TOUCH_RAM_SIZE);
	vm_load_guest(vm, guest_touch_start, GUEST_IMAGE_SIZE(touch), GUEST_RAM_GPA);
	guest_mailbox(vm)[0] = TOUCH_RAM_SIZE;
	vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(vcpu, REG_PC, GUEST_RAM_GPA);
	vcpu_run_expect_sync(vcpu, (TOUCH_RAM_SIZE - (2U << 20)) / PAGE_SZ);
	TEST_ASSERT(write(fd, &c, 1) == 1, "write to the parent");
	for (;;)
		__vcpu_run(vcpu);	/* the guest never exits again */
}

/* Must stay the last test: it unloads and reloads the module. */
TEST_F_TIMEOUT(stress, kill_vmm_releases_everything, 30)
{
	int pipefd[2], base, during, after = -1, status, i, ret;
	struct pollfd pfd;
	pid_t pid;
	char c;

	close(kvm_open());		/* the module is loaded */
	base = module_refcnt();
	ASSERT_EQ(0, pipe(pipefd));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(pipefd[0]);
		touching_vmm(pipefd[1]);
	}
	close(pipefd[1]);
	pfd.fd = pipefd[0];
	pfd.events = POLLIN;
	ret = poll(&pfd, 1, 20000);
	if (ret != 1 || read(pipefd[0], &c, 1) != 1) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		ASSERT_TRUE(false) TH_LOG("the VMM's guest did not touch its RAM");
	}
	sleep_ms(300);
	during = module_refcnt();
	ASSERT_EQ(0, kill(pid, SIGKILL));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
		TH_LOG("VMM status %#x", status);
	EXPECT_LT(base, during);

	/* the release of the VMM's files is synchronous, give it 2 s anyway */
	for (i = 0; i < 20; i++) {
		after = module_refcnt();
		if (after == base)
			break;
		sleep_ms(100);
	}
	EXPECT_EQ(base, after);

	ret = kvm_module_unload();
	EXPECT_EQ(0, ret) TH_LOG("delete_module: %s", strerror(-ret));
	if (!ret) {
		ret = kvm_module_load();
		EXPECT_EQ(0, ret) TH_LOG("finit_module: %s", strerror(-ret));
	}
	ASSERT_EQ(0, kvm_module_ensure_loaded());
}

TEST_HARNESS_MAIN
