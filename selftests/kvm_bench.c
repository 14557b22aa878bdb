// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench: costs of the basic paths, for runs under -icount shift=0
 * (one instruction per nanosecond of virtual time): a guest exit handled
 * by the host, a null hypercall answered in HYP, an MMIO exit to this VMM,
 * an MMIO write taken by an ioeventfd, a stage-2 fault that maps a page, a
 * VM create+destroy, the memory a VCPU takes and the host CPU time of an
 * idle (WFI) VCPU; and the interrupt paths through the vGICv2: a virtual
 * IPI, an SPI raised by the VMM, a guest's acknowledge + EOI and whether
 * that exits.  Prints "name value unit" lines.
 */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/time.h>

#include "kvm_util.h"

GUEST_IMAGE(bench);

#define ITERS		2000
#define VM_ITERS	100
#define IRQ_ITERS	500	/* guest/bench_guest.c */
#define BENCH_IRQ_GPA	0x10001000UL
#define BENCH_ACK_GPA	0x10002000UL
#define SPI_BENCH	32
#define ACK_BATCH	4	/* acks + EOIs timed together */
#define BENCH_IOEVENT_GPA 0x10003000UL	/* guest/bench_guest.c */
#define FAULT_GPA	0x40000000UL	/* the stage-2 fault benchmark's slot */
#define FAULT_PAGES	1024
#define FAULT_SLOT	1
#define PAGE_SIZE	4096
#define IDLE_SECONDS	10
#define BENCH_TIMEOUT	300	/* for all the guest benchmarks but idle */

/*
 * How the VMM raises and lowers the benchmark's SPI: one entry per
 * mechanism, each measured by the guest in its own loop.
 */
struct injector {
	const char *name;
	void (*setup)(struct kvm_vm *vm);
	void (*set)(struct kvm_vm *vm, int level);
};

static void irq_line_set(struct kvm_vm *vm, int level)
{
	vm_irq_line(vm, IRQ_LINE_SPI(SPI_BENCH), level);
}

static int bench_irqfd = -1;

/* SPI_BENCH through an irqfd: gsi N is INTID N + 32 */
static void irqfd_setup(struct kvm_vm *vm)
{
	struct kvm_irqfd irqfd = { .gsi = SPI_BENCH - 32 };
	int ret;

	bench_irqfd = eventfd(0, EFD_CLOEXEC);
	TEST_ASSERT(bench_irqfd >= 0, "eventfd: %s", strerror(errno));
	irqfd.fd = bench_irqfd;
	ret = ioctl(vm->fd, KVM_IRQFD, &irqfd);
	TEST_ASSERT(!ret, "KVM_IRQFD: %s", strerror(errno));
}

/* an irqfd signal is an edge: raised and lowered at once */
static void irqfd_set(struct kvm_vm *vm, int level)
{
	uint64_t one = 1;

	if (level)
		TEST_ASSERT(write(bench_irqfd, &one, sizeof(one)) == sizeof(one),
			    "eventfd write: %s", strerror(errno));
}

static const struct injector injectors[] = {
	{ "spi_kvm_irq_line_to_guest_handler", NULL, irq_line_set },
	{ "spi_irqfd_to_guest_handler", irqfd_setup, irqfd_set },
};

static int loop_done;	/* set by SIGALRM: time is up */

static void alarm_handler(int sig)
{
	loop_done = 1;
}

/*
 * KVM_RUN until an exit to this VMM.  Not vcpu_run(): its per-call
 * watchdog (sigaction and two alarm() calls, about 3,000 instructions)
 * would be counted in every MMIO round trip; main() arms one for all.
 */
static void bench_run(struct kvm_vcpu *vcpu)
{
	int ret;

	do {
		ret = __vcpu_run(vcpu);
	} while (ret == -1 && errno == EINTR && !loop_done);
	TEST_ASSERT(!loop_done, "kvm_bench: the guest still runs after %d s: see its pc with a debugger or the host's console",
		    BENCH_TIMEOUT);
	TEST_ASSERT(ret == 0, "KVM_RUN: %s", strerror(errno));
}

static int stop_vcpu1;		/* __atomic accesses */

static void kick(int sig)
{
}

static void *vcpu1_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;

	while (!__atomic_load_n(&stop_vcpu1, __ATOMIC_ACQUIRE))
		if (__vcpu_run(vcpu) == 0)
			fprintf(stderr, "kvm_bench: VCPU 1 exit %u\n",
				vcpu->run->exit_reason);
	return NULL;
}

/*
 * The interrupt benchmarks, in a two-VCPU VM with a vGICv2; @per_tick is
 * ns (instructions) per counter tick, @exit_ticks the cost of one exit.
 * Return: 0, or 1 when the guest did not run them to the end.
 */
static int irq_bench(double per_tick, double exit_ticks)
{
	struct sigaction sa = { .sa_handler = kick };
	struct kvm_vcpu *vcpus[2];
	struct kvm_vm *vm;
	struct ucall uc;
	uint64_t res[32] = { 0 };
	long exits = 0, mark_exits[2] = { 0, 0 };
	uint32_t *mb, data;
	unsigned int i;
	pthread_t t;
	int gic_fd, cmd;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	vm = vm_create_guest_gic(vcpus, 2, bench, 64, &gic_fd);
	mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	mb[0] = 1;
	mb[1] = exit_ticks / 2 > 1 ? exit_ticks / 2 : 1;
	mb[2] = ARRAY_SIZE(injectors);
	for (i = 0; i < ARRAY_SIZE(injectors); i++)
		if (injectors[i].setup)
			injectors[i].setup(vm);
	pthread_create(&t, NULL, vcpu1_thread, vcpus[1]);

	for (;;) {
		bench_run(vcpus[0]);
		exits++;
		cmd = get_ucall(vcpus[0], &uc);
		if (cmd == UCALL_DONE)
			break;
		if (cmd == UCALL_NONE && vcpus[0]->run->exit_reason == KVM_EXIT_MMIO) {
			memcpy(&data, vcpus[0]->run->mmio.data, 4);
			if (data >= ARRAY_SIZE(injectors))
				break;
			if (vcpus[0]->run->mmio.phys_addr == BENCH_IRQ_GPA)
				injectors[data].set(vm, 1);
			else if (vcpus[0]->run->mmio.phys_addr == BENCH_ACK_GPA)
				injectors[data].set(vm, 0);
			continue;
		}
		if (cmd != UCALL_SYNC) {
			if (cmd == UCALL_ASSERT)
				report_guest_assert(vcpus[0], &uc);
			break;
		}
		if (uc.args[0] == 8 || uc.args[0] == 9)
			mark_exits[uc.args[0] - 8] = exits;
		else if (uc.args[0] < ARRAY_SIZE(res))
			res[uc.args[0]] = uc.args[1];
	}

	__atomic_store_n(&stop_vcpu1, 1, __ATOMIC_RELEASE);
	do {
		pthread_kill(t, SIGUSR1);
		usleep(10000);
	} while (pthread_tryjoin_np(t, NULL));
	vcpu_free(vcpus[1]);
	vcpu_free(vcpus[0]);
	close(gic_fd);
	vm_free(vm);
	if (bench_irqfd >= 0)
		close(bench_irqfd);
	if (cmd != UCALL_DONE) {
		fprintf(stderr, "kvm_bench: irq bench: unexpected guest exit %d\n", cmd);
		return 1;
	}

	printf("virtual_ipi_sgi_to_handler %.0f insns\n",
	       res[4] * per_tick / IRQ_ITERS);
	printf("virtual_ipi_sgi_to_handler_wfi %.0f insns\n",
	       res[11] * per_tick / IRQ_ITERS);
	/* the MMIO exit and re-entry are the guest_exit.. line above's cost */
	for (i = 0; i < ARRAY_SIZE(injectors); i++)
		printf("%s %.0f insns\n", injectors[i].name,
		       res[20 + i] * per_tick / IRQ_ITERS);
	printf("guest_ack_eoi_pending_sgi %.1f insns\n",
	       ((double)res[5] - res[6]) * per_tick / IRQ_ITERS / ACK_BATCH);
	/* batches as slow as an exit + returns to this VMM in between */
	printf("guest_ack_eoi_exits %llu exits\n",
	       (unsigned long long)res[7] + (mark_exits[1] - mark_exits[0] - 1));
	/* 16 pending SGIs: more than the list registers, refilled by exits */
	printf("guest_ack_eoi_16_pending_sgis %.1f insns\n",
	       ((double)res[12] - res[6]) * per_tick / IRQ_ITERS / 16);
	printf("guest_ack_eoi_16_pending_sgis_exits %llu batches\n",
	       (unsigned long long)res[13]);
	return 0;
}

static long memfree_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static uint64_t thread_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}


/*
 * The host CPU time of a VCPU thread whose guest waits in WFI with nothing
 * to wake it, over IDLE_SECONDS: the thread is this one, in KVM_RUN until
 * SIGALRM ends it.  Return: 0, or 1 when the guest exited instead.
 */
static int idle_bench(void)
{
	struct sigaction sa = { .sa_handler = alarm_handler };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	uint64_t t0, c0, t1, c1;
	uint32_t *mb;
	int ret;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: KVM_RUN returns */
	vm = vm_create_guest(&vcpu, bench);
	mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	mb[0] = 2;
	t0 = now_ns();
	c0 = thread_cpu_ns();
	alarm(IDLE_SECONDS);
	ret = __vcpu_run(vcpu);
	c1 = thread_cpu_ns();
	t1 = now_ns();
	alarm(0);
	if (ret == 0 || errno != EINTR) {
		fprintf(stderr, "kvm_bench: idle guest: KVM_RUN returned %d (exit %u), expected EINTR after %d s\n",
			ret, vcpu->run->exit_reason, IDLE_SECONDS);
		vm_free(vm);
		return 1;
	}
	vm_free(vm);
	/* under -icount both clocks are QEMU's virtual time */
	printf("guest_wfi_idle_host_cpu %.3f percent\n",
	       100.0 * (c1 - c0) / (t1 - t0));
	printf("guest_wfi_idle_wall %.1f s\n", (t1 - t0) / 1e9);
	return 0;
}

/* The stage-2 fault benchmark's slot: anonymous memory, 4 KiB pages. */
static void *fault_slot_add(struct kvm_vm *vm)
{
	size_t size = FAULT_PAGES * PAGE_SIZE;
	void *hva = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int ret;

	TEST_ASSERT(hva != MAP_FAILED, "mmap %zu bytes: %s", size, strerror(errno));
	/* one stage-2 fault per page: no huge page behind a 2 MiB block */
	madvise(hva, size, MADV_NOHUGEPAGE);
	ret = __vm_set_memslot(vm, FAULT_SLOT, 0, FAULT_GPA, size,
			       (uintptr_t)hva);
	TEST_ASSERT(ret == 0, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
	return hva;
}

/* An ioeventfd on the guest's BENCH_IOEVENT_GPA writes; the eventfd. */
static int ioevent_add(struct kvm_vm *vm)
{
	struct kvm_ioeventfd a = { .addr = BENCH_IOEVENT_GPA, .len = 4 };
	int ret;

	a.fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	TEST_ASSERT(a.fd >= 0, "eventfd: %s", strerror(errno));
	ret = ioctl(vm->fd, KVM_IOEVENTFD, &a);
	TEST_ASSERT(!ret, "KVM_IOEVENTFD: %s", strerror(errno));
	return a.fd;
}

/*
 * kvm_bench loop: for selftests/harness/bench-trace.sh, which traces QEMU
 * for a moment in the middle of each loop.  The module's section addresses
 * first, to name the functions the trace goes through; then LOOP_MS of
 * HVCs to the host, and of MMIO writes to this VMM, between markers.
 */
#define LOOP_MS		300	/* virtual time: ~300 M instructions */

static int loop_main(void)
{
	static const char *const names[] = { "hvc", "mmio" };
	struct sigaction sa = { .sa_handler = alarm_handler };
	/*
	 * The signal may come while this thread handles an MMIO exit, not in
	 * KVM_RUN: it repeats until a KVM_RUN returns EINTR after the flag.
	 */
	struct itimerval it = { .it_value.tv_usec = LOOP_MS * 1000,
				.it_interval.tv_usec = 10000 };
	struct itimerval off = { };
	char path[320], line[64];
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct dirent *d;
	unsigned int m;
	uint32_t *mb;
	DIR *dir;
	FILE *f, *con;

	/* the markers go straight to the console: init keeps stdout for later */
	con = fopen("/dev/console", "w");
	if (!con)
		con = stdout;
	dir = opendir("/sys/module/kvm_arm32/sections");
	while (dir && (d = readdir(dir))) {
		snprintf(path, sizeof(path), "/sys/module/kvm_arm32/sections/%s",
			 d->d_name);
		f = fopen(path, "r");
		if (f && fgets(line, sizeof(line), f))
			printf("KVM-BENCH-SECTION %s %s", d->d_name, line);
		if (f)
			fclose(f);
	}
	if (dir)
		closedir(dir);

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	for (m = 0; m < ARRAY_SIZE(names); m++) {
		vm = vm_create_guest(&vcpu, bench);
		mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
		mb[0] = 3 + m;
		fprintf(con, "KVM-BENCH-LOOP %s\n", names[m]);
		fflush(con);
		loop_done = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		while (__vcpu_run(vcpu) == 0 || (errno == EINTR && !loop_done))
			;
		setitimer(ITIMER_REAL, &off, NULL);
		fprintf(con, "KVM-BENCH-LOOP-END %s\n", names[m]);
		fflush(con);
		vm_free(vm);
	}
	if (con != stdout)
		fclose(con);
	return 0;
}

int main(int argc, char **argv)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm, *vms[8];
	struct ucall uc;
	double freq = 0, per_tick, hvc = 0, mmio = 0, loop = 0;
	double hyp_hvc = 0, ioevent = 0, fault = 0, mapped = 0;
	struct sigaction sa = { .sa_handler = alarm_handler };
	uint64_t t0, signals = 0;
	long before, after, user_exits = 0;
	uint32_t *mb;
	void *fault_hva;
	int i, j, efd;

	if (argc > 1 && !strcmp(argv[1], "loop"))
		return loop_main();
	vm = vm_create_guest(&vcpu, bench);
	mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	mb[3] = FAULT_PAGES;
	mb[4] = FAULT_GPA;
	fault_hva = fault_slot_add(vm);
	efd = ioevent_add(vm);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: KVM_RUN returns */
	alarm(BENCH_TIMEOUT);
	for (;;) {
		int cmd;

		bench_run(vcpu);
		cmd = get_ucall(vcpu, &uc);
		if (cmd == UCALL_DONE)
			break;
		if (cmd == UCALL_NONE) {	/* the benchmark's own MMIO writes */
			if (vcpu->run->exit_reason == KVM_EXIT_MMIO &&
			    vcpu->run->mmio.phys_addr == BENCH_IOEVENT_GPA)
				user_exits++;
			continue;
		}
		if (cmd != UCALL_SYNC) {
			fprintf(stderr, "kvm_bench: unexpected guest exit %d\n", cmd);
			return 1;
		}
		switch (uc.args[0]) {
		case 0:
			freq = uc.args[1];
			break;
		case 1:
			hvc = uc.args[1];
			break;
		case 2:
			mmio = uc.args[1];
			break;
		case 3:
			loop = uc.args[1];
			break;
		case 4:
			hyp_hvc = uc.args[1];
			break;
		case 5:
			ioevent = uc.args[1];
			break;
		case 6:
			fault = uc.args[1];
			break;
		case 7:
			mapped = uc.args[1];
			break;
		}
	}
	if (read(efd, &signals, sizeof(signals)) != sizeof(signals))
		signals = 0;
	close(efd);
	vm_free(vm);
	munmap(fault_hva, FAULT_PAGES * PAGE_SIZE);
	if (signals != ITERS || user_exits) {
		fprintf(stderr, "kvm_bench: ioeventfd: %llu signals and %ld exits to the VMM for %d writes; expected only signals\n",
			(unsigned long long)signals, user_exits, ITERS);
		return 1;
	}
	per_tick = 1e9 / freq;
	printf("guest_exit_host_round_trip %.0f insns\n",
	       (hvc - loop) * per_tick / ITERS);
	printf("mmio_exit_to_vmm_round_trip %.0f insns\n",
	       (mmio - loop) * per_tick / ITERS);
	printf("hypercall_answered_in_hyp %.0f insns\n",
	       (hyp_hvc - loop) * per_tick / ITERS);
	printf("mmio_ioeventfd_round_trip %.0f insns\n",
	       (ioevent - loop) * per_tick / ITERS);
	/* the second pass over the same pages: the loop and the writes */
	printf("stage2_fault_map_page %.0f insns\n",
	       (fault - mapped) * per_tick / FAULT_PAGES);
	if (irq_bench(per_tick, (hvc - loop) / ITERS))
		return 1;
	alarm(0);

	t0 = now_ns();
	for (i = 0; i < VM_ITERS; i++)
		vm_free(vm_create());
	printf("vm_create_destroy %.0f insns\n",
	       (double)(now_ns() - t0) / VM_ITERS);

	before = memfree_kb();
	for (i = 0; i < 8; i++) {
		vms[i] = vm_create();
		for (j = 0; j < 8; j++)
			vcpu_add(vms[i], j);
	}
	after = memfree_kb();
	printf("memory_per_vcpu %ld KiB\n", (before - after) / 64);
	for (i = 0; i < 8; i++)
		vm_free(vms[i]);
	return idle_bench();
}
