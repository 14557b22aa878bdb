// SPDX-License-Identifier: GPL-2.0-only
/*
 * Observability: the kvm_arm32 tracepoints seen through tracefs, the
 * per-VCPU and per-VM counters in debugfs (kvm-arm32/<pid>-<vm_id>/), and
 * the lifetime of that directory.  The guest (guest/stats_guest.c) makes
 * exactly the exits the host asks for, one command at a time.
 */
#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <time.h>

#include "kvm_test.h"
#include "kselftest_harness.h"
#include "kvm_util.h"
#include "guest_exit.h"
#include "stats.h"

GUEST_IMAGE(stats);

#define NR_MMIO		7U
#define NR_HVC		5U
#define NR_WFI		3U
#define NR_GICD		6U
#define STATS_SPI	40U	/* within the vGIC's default size */

/* ---- debugfs counters ------------------------------------------------ */

#define MAX_STATS	32

struct stats {
	unsigned int n;
	char name[MAX_STATS][32];
	unsigned long long val[MAX_STATS];
};

/* The VM directory of process @pid: "" when there is none. */
static void vm_dir(pid_t pid, char *buf, size_t len)
{
	char prefix[16];
	struct dirent *de;
	DIR *d;

	buf[0] = '\0';
	snprintf(prefix, sizeof(prefix), "%d-", (int)pid);
	d = opendir(KVM_DEBUGFS);
	TEST_ASSERT(d, "no %s: mount debugfs and load the module", KVM_DEBUGFS);
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)))
			continue;
		TEST_ASSERT(!buf[0], "two VM directories for pid %d: %s and %s",
			    (int)pid, buf, de->d_name);
		snprintf(buf, len, "%s%s", KVM_DEBUGFS, de->d_name);
	}
	closedir(d);
}

static void stats_read(const char *path, struct stats *s)
{
	char buf[2048], *line, *save = NULL;
	int len = read_file(path, buf, sizeof(buf));

	TEST_ASSERT(len > 0, "reading %s: %s", path, strerror(-len));
	memset(s, 0, sizeof(*s));
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		TEST_ASSERT(s->n < MAX_STATS, "too many lines in %s", path);
		TEST_ASSERT(sscanf(line, "%31s %llu", s->name[s->n],
				   &s->val[s->n]) == 2,
			    "%s: not \"name value\": \"%s\"", path, line);
		s->n++;
	}
	TEST_ASSERT(s->n > 0, "%s is empty", path);
}

static unsigned long long stat_get(const struct stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return s->val[i];
	TEST_FAIL("no counter \"%s\"", name);
}

static void vcpu_stats(pid_t pid, unsigned int vcpu_id, struct stats *s)
{
	char dir[320], path[400];

	vm_dir(pid, dir, sizeof(dir));
	TEST_ASSERT(dir[0], "no VM directory for pid %d in %s", (int)pid,
		    KVM_DEBUGFS);
	snprintf(path, sizeof(path), "%s/vcpu%u/stats", dir, vcpu_id);
	stats_read(path, s);
}

static void vm_stats(pid_t pid, struct stats *s)
{
	char dir[320], path[400];

	vm_dir(pid, dir, sizeof(dir));
	TEST_ASSERT(dir[0], "no VM directory for pid %d", (int)pid);
	snprintf(path, sizeof(path), "%s/stats", dir);
	stats_read(path, s);
}

/* after - before, for one counter */
static unsigned long long delta(const struct stats *a, const struct stats *b,
				const char *name)
{
	return stat_get(b, name) - stat_get(a, name);
}

/* The exit classes: every exit is counted in exactly one of them. */
static const char * const exit_classes[] = {
	"exit_wfx", "exit_hvc", "exit_cp15", "exit_dabt", "exit_iabt",
	"exit_irq", "exit_other",
};

static void check_exit_classes(struct __test_metadata *_metadata,
			       const struct stats *s)
{
	unsigned long long sum = 0;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(exit_classes); i++)
		sum += stat_get(s, exit_classes[i]);
	EXPECT_EQ(stat_get(s, "exits"), sum);
}

/* ---- the guest's commands -------------------------------------------- */

static uint32_t *guest_mailbox(struct kvm_vm *vm)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	TEST_ASSERT(mb, "mailbox not in guest RAM");
	return mb;
}

/* Run to the guest's next "ready" ucall. */
static void run_to_ready(struct kvm_vcpu *vcpu)
{
	vcpu_run_expect_sync(vcpu, STATS_READY);
}

/*
 * @n stores to STATS_MMIO_GPA, each a KVM_EXIT_MMIO with the loop index
 * as data.  Returns at the next ucall.
 */
static void cmd_mmio(struct kvm_vcpu *vcpu, uint32_t n)
{
	struct kvm_run *run = vcpu->run;
	uint32_t i, data;

	guest_mailbox(vcpu->vm)[STATS_MB_CMD] = STATS_CMD_MMIO;
	guest_mailbox(vcpu->vm)[STATS_MB_COUNT] = n;
	for (i = 0; i < n; i++) {
		vcpu_run(vcpu);
		TEST_ASSERT(run->exit_reason == KVM_EXIT_MMIO &&
			    run->mmio.phys_addr == STATS_MMIO_GPA &&
			    run->mmio.is_write && run->mmio.len == 4,
			    "store %u: exit %s at %#llx", i,
			    exit_reason_str(run->exit_reason),
			    (unsigned long long)run->mmio.phys_addr);
		memcpy(&data, run->mmio.data, 4);
		TEST_ASSERT_EQ(data, i);
	}
	run_to_ready(vcpu);
}

/* Commands whose exits the host handles: the next exit is the ucall. */
static void cmd_in_kernel(struct kvm_vcpu *vcpu, enum stats_cmd cmd, uint32_t n)
{
	guest_mailbox(vcpu->vm)[STATS_MB_CMD] = cmd;
	guest_mailbox(vcpu->vm)[STATS_MB_COUNT] = n;
	run_to_ready(vcpu);
}

/* The guest returns from guest_main(): GUEST_DONE. */
static void cmd_done(struct kvm_vcpu *vcpu)
{
	guest_mailbox(vcpu->vm)[STATS_MB_CMD] = STATS_CMD_DONE;
	vcpu_run_expect_done(vcpu);
}

/*
 * A thread that waits until the VCPU sleeps in WFI (its wfi_sleep counter
 * moves past @sleeps), then wakes it: with the VCPU's IRQ line, or with a
 * signal to the thread in KVM_RUN.
 */
struct waker {
	struct kvm_vm *vm;
	pid_t pid;
	unsigned long long sleeps;
	pthread_t target;
	bool by_signal;
	bool saw_sleep;
};

static void *wake_when_asleep(void *arg)
{
	struct timespec ts = { .tv_nsec = 2 * 1000 * 1000 };
	struct waker *w = arg;
	struct stats s;
	int i;

	/* 5 s at most: the VCPU reaches WFI within microseconds */
	for (i = 0; i < 2500; i++) {
		vcpu_stats(w->pid, 0, &s);
		if (stat_get(&s, "wfi_sleep") > w->sleeps) {
			w->saw_sleep = true;
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (w->by_signal)
		pthread_kill(w->target, SIGUSR1);
	else
		vm_irq_line(w->vm, IRQ_LINE_CPU(0, 0), 1);
	return NULL;
}

static void sigusr1(int sig)
{
}

/*
 * One WFI that sleeps until @by_signal or the IRQ line ends it.  Returns
 * whether KVM_RUN came back with EINTR on the way.
 */
static bool cmd_wfi_woken(struct __test_metadata *_metadata,
			  struct kvm_vcpu *vcpu, bool by_signal)
{
	struct waker w = {
		.vm = vcpu->vm, .pid = getpid(), .target = pthread_self(),
		.by_signal = by_signal,
	};
	struct sigaction sa = { .sa_handler = sigusr1 };
	bool eintr = false;
	struct stats s;
	pthread_t t;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	vcpu_stats(w.pid, 0, &s);
	w.sleeps = stat_get(&s, "wfi_sleep");
	guest_mailbox(vcpu->vm)[STATS_MB_CMD] = STATS_CMD_WFI;
	guest_mailbox(vcpu->vm)[STATS_MB_COUNT] = 1;

	TEST_ASSERT(!pthread_create(&t, NULL, wake_when_asleep, &w),
		    "pthread_create");
	if (by_signal) {
		eintr = __vcpu_run(vcpu) == -1 && errno == EINTR;
		EXPECT_EQ(KVM_EXIT_INTR, (int)vcpu->run->exit_reason);
	}
	run_to_ready(vcpu);
	pthread_join(t, NULL);
	EXPECT_TRUE(w.saw_sleep) TH_LOG("the VCPU never slept in WFI");
	if (!by_signal)
		vm_irq_line(vcpu->vm, IRQ_LINE_CPU(0, 0), 0);
	return eintr;
}

/* ---- tracefs ----------------------------------------------------------- */

static const char *tracefs(void)
{
	static const char * const dirs[] = {
		"/sys/kernel/tracing/", "/sys/kernel/debug/tracing/",
	};
	char path[128];
	struct stat st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		snprintf(path, sizeof(path), "%strace", dirs[i]);
		if (!stat(path, &st))
			return dirs[i];
	}
	if (!mount("tracefs", dirs[0], "tracefs", 0, NULL))
		return dirs[0];
	return NULL;
}

/* every event of core/trace.h */
static const char * const traced_events[] = {
	"kvm_arm32_entry", "kvm_arm32_exit", "kvm_arm32_guest_fault",
	"kvm_arm32_mmio", "kvm_arm32_hvc", "kvm_arm32_irq_line",
	"kvm_arm32_vgic_eoi", "kvm_arm32_timer_inject",
};

/* Enable or disable the events above; -errno of the first failure. */
static int trace_events(const char *dir, const char *on)
{
	char path[256];
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(traced_events); i++) {
		snprintf(path, sizeof(path), "%sevents/kvm_arm32/%s/enable",
			 dir, traced_events[i]);
		ret = write_file(path, on);
		if (ret)
			return ret;
	}
	return 0;
}

/* Empty the trace buffer (opening "trace" with O_TRUNC clears it). */
static int trace_clear(const char *dir)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "%strace", dir);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* Lines of the trace buffer holding @needle. */
static unsigned int trace_count(const char *dir, const char *needle)
{
	char path[256], line[512];
	unsigned int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%strace", dir);
	f = fopen(path, "r");
	TEST_ASSERT(f, "cannot read %s", path);
	while (fgets(line, sizeof(line), f))
		if (strstr(line, needle))
			n++;
	fclose(f);
	return n;
}

/* ---- tests ------------------------------------------------------------- */

FIXTURE(stats) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	const char *trace;
};

FIXTURE_SETUP(stats)
{
	self->vm = vm_create_guest(&self->vcpu, stats);
	run_to_ready(self->vcpu);
}

FIXTURE_TEARDOWN(stats)
{
	if (self->trace) {
		trace_events(self->trace, "0");
		trace_clear(self->trace);
	}
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

/*
 * The exit, mmio, hvc and irq_line events, with the VCPU and the HSR
 * class each exit had: exactly as many as the guest made.
 */
TEST_F_TIMEOUT(stats, tracepoints, 30)
{
	char needle[128];
	unsigned int i;
	int ret;

	self->trace = tracefs();
	if (!self->trace)
		SKIP(return, "no tracefs: CONFIG_TRACING off or cannot mount it");
	ret = trace_events(self->trace, "1");
	ASSERT_EQ(0, ret) TH_LOG("enabling events/kvm_arm32/*: %s: is the module built with tracepoints?",
				 strerror(-ret));
	ASSERT_EQ(0, trace_clear(self->trace));

	cmd_mmio(self->vcpu, NR_MMIO);
	cmd_in_kernel(self->vcpu, STATS_CMD_HVC, NR_HVC);
	vm_irq_line(self->vm, IRQ_LINE_CPU(0, 1), 1);
	vm_irq_line(self->vm, IRQ_LINE_CPU(0, 1), 0);
	ASSERT_EQ(0, trace_events(self->trace, "0"));

	/* B3.13.6: EC 0x12 is HVC, 0x24 a data abort from a lower level */
	EXPECT_EQ(NR_HVC, trace_count(self->trace,
				      "kvm_arm32_exit: vcpu 0 TRAP ec 0x12 (HVC)"));
	/* the stores and the two ucalls, perhaps a first touch of RAM */
	EXPECT_LE(NR_MMIO + 2, trace_count(self->trace,
					   "kvm_arm32_exit: vcpu 0 TRAP ec 0x24 (DABT)"));
	EXPECT_EQ(NR_HVC, trace_count(self->trace, "kvm_arm32_hvc: vcpu 0 "));
	snprintf(needle, sizeof(needle), "r0 0x%08x imm 0x0000", SMCCC_UNKNOWN_STD);
	EXPECT_EQ(NR_HVC, trace_count(self->trace, needle));
	snprintf(needle, sizeof(needle),
		 "kvm_arm32_mmio: vcpu 0 write len 4 gpa 0x%010lx", STATS_MMIO_GPA);
	EXPECT_EQ(NR_MMIO, trace_count(self->trace, needle));
	/* each store once, with its data, served by userspace */
	for (i = 0; i < NR_MMIO; i++) {
		snprintf(needle, sizeof(needle),
			 "gpa 0x%010lx val 0x%x by user", STATS_MMIO_GPA, i);
		EXPECT_EQ(1U, trace_count(self->trace, needle)) TH_LOG("store %u", i);
	}
	EXPECT_EQ(1U, trace_count(self->trace,
				 "kvm_arm32_irq_line: type CPU vcpu 0 irq 1 level 1"));
	EXPECT_EQ(1U, trace_count(self->trace,
				 "kvm_arm32_irq_line: type CPU vcpu 0 irq 1 level 0"));
	/* enabled and disabled between runs: entries and exits pair up */
	EXPECT_EQ(trace_count(self->trace, "kvm_arm32_entry: vcpu 0 "),
		  trace_count(self->trace, "kvm_arm32_exit: vcpu 0 "));
	/* every abort exit is a stage-2 fault */
	EXPECT_EQ(trace_count(self->trace, "ec 0x24 (DABT)") +
		  trace_count(self->trace, "ec 0x20 (IABT)"),
		  trace_count(self->trace, "kvm_arm32_guest_fault: vcpu 0 "));
	snprintf(needle, sizeof(needle), "ipa 0x%010lx hxfar 0x%08lx",
		 STATS_MMIO_GPA, STATS_MMIO_GPA);
	EXPECT_EQ(NR_MMIO, trace_count(self->trace, needle));

	cmd_done(self->vcpu);
	/* disabled: nothing more is recorded */
	ASSERT_EQ(0, trace_clear(self->trace));
	vm_irq_line(self->vm, IRQ_LINE_CPU(0, 1), 1);
	EXPECT_EQ(0U, trace_count(self->trace, "kvm_arm32_"));
}

/*
 * The virtual timer's line, seen by a VMM without an in-kernel vGIC: one
 * event as it rises, one as it falls.
 */
TEST_F_TIMEOUT(stats, timer_event, 30)
{
	self->trace = tracefs();
	if (!self->trace)
		SKIP(return, "no tracefs: CONFIG_TRACING off or cannot mount it");
	ASSERT_EQ(0, trace_events(self->trace, "1"));
	ASSERT_EQ(0, trace_clear(self->trace));
	cmd_in_kernel(self->vcpu, STATS_CMD_TIMER, 1);
	EXPECT_NE(0U, self->vcpu->run->s.regs.device_irq_level &
		  KVM_ARM_DEV_EL1_VTIMER);
	cmd_in_kernel(self->vcpu, STATS_CMD_TIMER, 0);
	EXPECT_EQ(0U, self->vcpu->run->s.regs.device_irq_level &
		  KVM_ARM_DEV_EL1_VTIMER);
	ASSERT_EQ(0, trace_events(self->trace, "0"));
	EXPECT_EQ(1U, trace_count(self->trace,
				  "kvm_arm32_timer_inject: vcpu 0 level 1 to user"));
	EXPECT_EQ(1U, trace_count(self->trace,
				  "kvm_arm32_timer_inject: vcpu 0 level 0 to user"));
	cmd_done(self->vcpu);
}

/*
 * Each command moves its counters by exactly the exits the guest made;
 * each ucall adds one MMIO exit to userspace (a data abort).
 */
TEST_F_TIMEOUT(stats, vcpu_counters, 30)
{
	pid_t pid = getpid();
	struct stats a, b, vm;
	unsigned int i;

	vcpu_stats(pid, 0, &a);
	EXPECT_LE(1ULL, stat_get(&a, "stage2_map")) TH_LOG("the first fetch maps RAM");
	cmd_mmio(self->vcpu, NR_MMIO);
	vcpu_stats(pid, 0, &b);
	EXPECT_EQ(NR_MMIO + 1, delta(&a, &b, "mmio_user"));
	EXPECT_EQ(NR_MMIO + 1, delta(&a, &b, "exit_dabt"));
	EXPECT_EQ(0ULL, delta(&a, &b, "mmio_kernel"));
	EXPECT_EQ(0ULL, delta(&a, &b, "exit_hvc"));

	a = b;
	cmd_in_kernel(self->vcpu, STATS_CMD_HVC, NR_HVC);
	vcpu_stats(pid, 0, &b);
	EXPECT_EQ(NR_HVC, delta(&a, &b, "exit_hvc"));
	EXPECT_EQ(1ULL, delta(&a, &b, "mmio_user"));
	EXPECT_LE(NR_HVC + 1, delta(&a, &b, "exits"));

	/* WFIs woken by the IRQ line: each sleeps once, wakes once */
	a = b;
	for (i = 0; i < NR_WFI; i++)
		EXPECT_FALSE(cmd_wfi_woken(_metadata, self->vcpu, false));
	vcpu_stats(pid, 0, &b);
	EXPECT_EQ(NR_WFI, delta(&a, &b, "exit_wfx"));
	EXPECT_EQ(NR_WFI, delta(&a, &b, "wfi_sleep"));
	EXPECT_EQ(NR_WFI, delta(&a, &b, "halt_wakeup"));
	EXPECT_EQ(NR_WFI, delta(&a, &b, "mmio_user"));
	EXPECT_EQ(0ULL, delta(&a, &b, "signal_exits"));

	/* a WFI ended by a signal: a sleep, no wakeup, a signal exit */
	a = b;
	EXPECT_TRUE(cmd_wfi_woken(_metadata, self->vcpu, true));
	vcpu_stats(pid, 0, &b);
	EXPECT_EQ(1ULL, delta(&a, &b, "exit_wfx"));
	EXPECT_EQ(1ULL, delta(&a, &b, "wfi_sleep"));
	EXPECT_EQ(0ULL, delta(&a, &b, "halt_wakeup"));
	EXPECT_EQ(1ULL, delta(&a, &b, "signal_exits"));

	check_exit_classes(_metadata, &b);
	/* one VCPU: the VM's totals are its counters */
	vm_stats(pid, &vm);
	ASSERT_EQ(b.n, vm.n);
	for (i = 0; i < b.n; i++)
		EXPECT_EQ(b.val[i], stat_get(&vm, b.name[i])) TH_LOG("%s", b.name[i]);
	cmd_done(self->vcpu);
}

/*
 * Distributor accesses the vGIC serves count as in-kernel MMIO; a level
 * SPI the guest completes is traced when folded back.
 */
TEST(in_kernel_mmio)
{
	struct kvm_vcpu *vcpus[2];
	struct stats a, b, v1, vm;
	pid_t pid = getpid();
	const char *tracedir;
	struct kvm_vm *vm_;
	char needle[128];
	unsigned int i;
	int gic_fd;

	vm_ = vm_create_guest_gic(vcpus, 2, stats, 0, &gic_fd);
	run_to_ready(vcpus[0]);
	vcpu_stats(pid, 0, &a);
	cmd_in_kernel(vcpus[0], STATS_CMD_GICD, NR_GICD);
	vcpu_stats(pid, 0, &b);
	EXPECT_EQ(NR_GICD, delta(&a, &b, "mmio_kernel"));
	EXPECT_EQ(1ULL, delta(&a, &b, "mmio_user"));
	EXPECT_EQ(NR_GICD + 1, delta(&a, &b, "exit_dabt"));

	/* VM totals: the sum over both VCPUs (the second never ran) */
	vcpu_stats(pid, 1, &v1);
	vm_stats(pid, &vm);
	EXPECT_EQ(0ULL, stat_get(&v1, "exits"));
	for (i = 0; i < b.n; i++)
		EXPECT_EQ(b.val[i] + stat_get(&v1, b.name[i]),
			  stat_get(&vm, b.name[i])) TH_LOG("%s", b.name[i]);
	check_exit_classes(_metadata, &vm);

	/* a level SPI the guest completes: one EOI event, line still high */
	tracedir = tracefs();
	if (tracedir && !trace_events(tracedir, "1") &&
	    !trace_clear(tracedir)) {
		vm_irq_line(vm_, IRQ_LINE_SPI(STATS_SPI), 1);
		cmd_in_kernel(vcpus[0], STATS_CMD_EOI, STATS_SPI);
		vm_irq_line(vm_, IRQ_LINE_SPI(STATS_SPI), 0);
		trace_events(tracedir, "0");
		snprintf(needle, sizeof(needle),
			 "kvm_arm32_vgic_eoi: vcpu 0 intid %u line high", STATS_SPI);
		EXPECT_EQ(1U, trace_count(tracedir, needle));
		EXPECT_EQ(1U, trace_count(tracedir, "kvm_arm32_vgic_eoi: "));
		trace_clear(tracedir);
	} else {
		TH_LOG("no tracefs: kvm_arm32_vgic_eoi not checked");
	}
	cmd_done(vcpus[0]);
	close(gic_fd);
	vcpu_free(vcpus[1]);
	vcpu_free(vcpus[0]);
	vm_free(vm_);
}

/* The directory lives as long as the VM: until its last fd is closed. */
TEST(vm_dir_lifetime)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	char dir[320], path[400];
	struct stat st;

	vm = vm_create_guest(&vcpu, stats);
	vm_dir(getpid(), dir, sizeof(dir));
	ASSERT_NE(0, dir[0]) TH_LOG("no directory for the new VM");
	snprintf(path, sizeof(path), "%s/vcpu0/stats", dir);
	EXPECT_EQ(0, stat(path, &st));

	/* the VCPU's fd still holds the VM */
	close(vm->fd);
	EXPECT_EQ(0, stat(dir, &st)) TH_LOG("%s gone with the VCPU fd open", dir);
	vm->fd = -1;
	vcpu_free(vcpu);
	EXPECT_EQ(-1, stat(dir, &st)) TH_LOG("%s outlived its VM", dir);
	EXPECT_EQ(ENOENT, errno);
	vm_free(vm);
}

/* A VMM killed with its VM open: its exit closes the fds. */
TEST(vm_dir_gone_with_killed_vmm)
{
	char dir[320], c = 0;
	struct stat st;
	int p[2], status, i;
	pid_t child;

	ASSERT_EQ(0, pipe(p));
	child = fork();
	ASSERT_LE(0, child);
	if (!child) {
		struct kvm_vcpu *vcpu;

		vm_create_guest(&vcpu, stats);
		vcpu_run_expect_sync(vcpu, STATS_READY);
		if (write(p[1], "r", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	ASSERT_EQ(1, read(p[0], &c, 1)) TH_LOG("the child VMM failed");
	vm_dir(child, dir, sizeof(dir));
	ASSERT_NE(0, dir[0]) TH_LOG("no directory for the child's VM");
	kill(child, SIGKILL);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	/* the last fput of a dying task may finish just after waitpid() */
	for (i = 0; i < 100 && !stat(dir, &st); i++)
		usleep(10000);
	EXPECT_EQ(-1, stat(dir, &st)) TH_LOG("%s outlived its killed VMM", dir);
}

TEST_HARNESS_MAIN
