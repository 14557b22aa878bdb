// SPDX-License-Identifier: GPL-2.0-only
/*
 * SMP guests of 2, 4 and 8 VCPUs on the vGICv2, one host thread per VCPU:
 * PSCI CPU_ON/CPU_OFF/AFFINITY_INFO, SGIs by target list and filter with
 * their source CPU, SPIs routed by GICD_ITARGETSR, PPIs per VCPU, an SGI
 * ping-pong while the host moves the VCPU threads between host CPUs,
 * SYSTEM_OFF and SYSTEM_RESET; the VCPU limit; WFI left on a signal.
 * The guest side is guest/smp_guest.c.
 */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(smp);

#define REQ_LINE	1	/* guest/smp_guest.c */
#define NR_IRQS		64
#define PINGPONG_ROUNDS	500

struct smp_vm {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpus[GUEST_MAX_CPUS];
	pthread_t threads[GUEST_MAX_CPUS];
	int gic_fd;
};

FIXTURE(smp) {
	struct smp_vm s;
};

FIXTURE_VARIANT(smp) {
	unsigned int nr_vcpus;
};

FIXTURE_VARIANT_ADD(smp, vcpus_2) { .nr_vcpus = 2 };
FIXTURE_VARIANT_ADD(smp, vcpus_4) { .nr_vcpus = 4 };
FIXTURE_VARIANT_ADD(smp, vcpus_8) { .nr_vcpus = 8 };

static int stop_threads;	/* __atomic accesses */
static int migrations;

static void kick(int sig)
{
}

FIXTURE_SETUP(smp)
{
	struct sigaction sa = { .sa_handler = kick };
	uint32_t *mb;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	__atomic_store_n(&stop_threads, 0, __ATOMIC_RELEASE);
	self->s.vm = vm_create_guest_gic(self->s.vcpus, variant->nr_vcpus, smp,
				       NR_IRQS, &self->s.gic_fd);
	mb = addr_gpa2hva(self->s.vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	mb[1] = variant->nr_vcpus;
	mb[2] = PINGPONG_ROUNDS;
}

FIXTURE_TEARDOWN(smp)
{
	unsigned int i;

	for (i = 0; i < variant->nr_vcpus; i++)
		vcpu_free(self->s.vcpus[i]);
	close(self->s.gic_fd);
	vm_free(self->s.vm);
}

/* A secondary VCPU's thread: KVM_RUN until told to stop (by signal). */
static void *vcpu_thread(void *arg)
{
	struct kvm_vcpu *vcpu = arg;
	struct ucall uc;
	char why[96];

	while (!__atomic_load_n(&stop_threads, __ATOMIC_ACQUIRE)) {
		if (__vcpu_run(vcpu)) {
			TEST_ASSERT(errno == EINTR, "KVM_RUN on VCPU %u", vcpu->id);
			continue;
		}
		/* a secondary only exits for a failed guest assertion */
		if (get_ucall(vcpu, &uc) == UCALL_ASSERT)
			report_guest_assert(vcpu, &uc);
		TEST_FAIL("VCPU %u: unexpected exit %s", vcpu->id,
			  vcpu_exit_str(vcpu, why, sizeof(why)));
	}
	return NULL;
}

static void start_threads(struct smp_vm *self, unsigned int n)
{
	unsigned int i;

	for (i = 1; i < n; i++)
		TEST_ASSERT(!pthread_create(&self->threads[i], NULL, vcpu_thread,
					    self->vcpus[i]), "pthread_create");
}

/* Stop the secondaries' threads: kick them out of KVM_RUN until they end. */
static void stop_all(struct smp_vm *self, unsigned int n)
{
	struct timespec ts;
	unsigned int i;

	__atomic_store_n(&stop_threads, 1, __ATOMIC_RELEASE);
	for (i = 1; i < n; i++) {
		do {
			pthread_kill(self->threads[i], SIGUSR1);
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += 10 * 1000 * 1000;
			if (ts.tv_nsec >= 1000000000) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000;
			}
		} while (pthread_timedjoin_np(self->threads[i], NULL, &ts));
	}
}

/*
 * Run VCPU 0 until a system event, serving its line requests; returns
 * the event type.  @sync_val gets the value of a GUEST_SYNC2(2, v).
 */
static uint32_t run_vcpu0(struct smp_vm *self, uint64_t *sync_val)
{
	struct kvm_vcpu *vcpu = self->vcpus[0];
	struct ucall uc;
	char why[96];
	int cmd;

	for (;;) {
		vcpu_run(vcpu);
		if (vcpu->run->exit_reason == KVM_EXIT_SYSTEM_EVENT)
			return vcpu->run->system_event.type;
		cmd = get_ucall(vcpu, &uc);
		TEST_ASSERT(cmd != UCALL_NONE, "VCPU 0: unexpected exit %s",
			    vcpu_exit_str(vcpu, why, sizeof(why)));
		if (cmd == UCALL_ASSERT)
			report_guest_assert(vcpu, &uc);
		TEST_ASSERT(cmd == UCALL_SYNC, "VCPU 0: ucall %d", cmd);
		if (uc.args[0] == REQ_LINE)
			vm_irq_line(self->vm, uc.args[1], uc.args[2]);
		else if (uc.args[0] == 2 && sync_val)
			*sync_val = uc.args[1];
		else
			TEST_FAIL("VCPU 0: request %llu",
				  (unsigned long long)uc.args[0]);
	}
}

static void set_case(struct kvm_vm *vm, uint32_t c)
{
	uint32_t *mb = addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);

	mb[0] = c;
}

TEST_F_TIMEOUT(smp, sgi_spi_ppi_cpu_off_system_off, 120)
{
	struct kvm_mp_state mp;
	unsigned int i;

	set_case(self->s.vm, 0);
	start_threads(&self->s, variant->nr_vcpus);
	EXPECT_EQ((uint32_t)KVM_SYSTEM_EVENT_SHUTDOWN, run_vcpu0(&self->s, NULL));
	stop_all(&self->s, variant->nr_vcpus);
	/* SYSTEM_OFF stops every VCPU */
	for (i = 0; i < variant->nr_vcpus; i++) {
		ASSERT_EQ(0, ioctl(self->s.vcpus[i]->fd, KVM_GET_MP_STATE, &mp));
		EXPECT_EQ((uint32_t)KVM_MP_STATE_STOPPED, mp.mp_state);
	}
}

TEST_F_TIMEOUT(smp, system_reset, 60)
{
	set_case(self->s.vm, 1);
	start_threads(&self->s, variant->nr_vcpus);
	EXPECT_EQ((uint32_t)KVM_SYSTEM_EVENT_RESET, run_vcpu0(&self->s, NULL));
	stop_all(&self->s, variant->nr_vcpus);
}

struct migrator {
	pthread_t *threads;
	unsigned int n;
};

/* Move every VCPU thread to another host CPU every 3 ms. */
static void *migrate_thread(void *arg)
{
	struct migrator *m = arg;
	struct timespec ts = { .tv_nsec = 3 * 1000 * 1000 };
	long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int i, k = 0;
	cpu_set_t set;

	while (!__atomic_load_n(&stop_threads, __ATOMIC_ACQUIRE)) {
		for (i = 0; i < m->n; i++) {
			CPU_ZERO(&set);
			CPU_SET((i + k) % ncpus, &set);
			if (!pthread_setaffinity_np(m->threads[i], sizeof(set), &set))
				__atomic_add_fetch(&migrations, 1, __ATOMIC_RELAXED);
		}
		k++;
		nanosleep(&ts, NULL);
	}
	return NULL;
}

TEST_F_TIMEOUT(smp, sgi_pingpong_while_migrating, 120)
{
	struct migrator m = { .threads = self->s.threads, .n = variant->nr_vcpus };
	uint64_t rounds = 0;
	pthread_t mt;

	ASSERT_LE(2, sysconf(_SC_NPROCESSORS_ONLN));
	set_case(self->s.vm, 2);
	__atomic_store_n(&migrations, 0, __ATOMIC_RELAXED);
	self->s.threads[0] = pthread_self();
	start_threads(&self->s, variant->nr_vcpus);
	ASSERT_EQ(0, pthread_create(&mt, NULL, migrate_thread, &m));
	EXPECT_EQ((uint32_t)KVM_SYSTEM_EVENT_SHUTDOWN, run_vcpu0(&self->s, &rounds));
	/* the migrator first: it must not touch a thread that has ended */
	__atomic_store_n(&stop_threads, 1, __ATOMIC_RELEASE);
	pthread_join(mt, NULL);
	stop_all(&self->s, variant->nr_vcpus);
	/* the guest counted every ping and pong of every pair */
	EXPECT_EQ((uint64_t)PINGPONG_ROUNDS, rounds);
	/* and the threads did move while it ran */
	EXPECT_LE((int)variant->nr_vcpus * 2, migrations);
	TH_LOG("%d thread migrations", migrations);
}

/* KVM_MAX_VCPUS is 8, one per GICv2 CPU interface: a 9th is refused. */
TEST(ninth_vcpu_einval)
{
	struct kvm_vcpu *vcpus[GUEST_MAX_CPUS];
	struct kvm_vm *vm = vm_create();
	int gic_fd = vgic_v2_create(vm, 0);
	unsigned int i;

	for (i = 0; i < GUEST_MAX_CPUS; i++)
		vcpus[i] = vcpu_add(vm, i);
	EXPECT_EQ(-1, __vcpu_create(vm, GUEST_MAX_CPUS));
	EXPECT_EQ(EINVAL, errno);
	vgic_v2_init(gic_fd);
	for (i = 0; i < GUEST_MAX_CPUS; i++)
		vcpu_free(vcpus[i]);
	close(gic_fd);
	vm_free(vm);
}

struct kicker {
	pthread_t target;
};

static void *kick_later(void *arg)
{
	struct kicker *k = arg;
	struct timespec ts = { .tv_nsec = 200 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	pthread_kill(k->target, SIGUSR1);
	return NULL;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

/* A VCPU waiting in WFI leaves KVM_RUN with EINTR when signalled. */
TEST(wfi_interrupted_by_signal)
{
	struct sigaction sa = { .sa_handler = kick };
	struct kicker k = { .target = pthread_self() };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int gic_fd, ret;
	uint64_t t0;
	pthread_t t;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	vm = vm_create_guest_gic(&vcpu, 1, smp, NR_IRQS, &gic_fd);
	set_case(vm, 3);
	ASSERT_EQ(0, pthread_create(&t, NULL, kick_later, &k));
	t0 = now_ms();
	ret = __vcpu_run(vcpu);
	EXPECT_EQ(-1, ret);
	EXPECT_EQ(EINTR, errno);
	EXPECT_EQ((uint32_t)KVM_EXIT_INTR, vcpu->run->exit_reason);
	/* it waited in WFI until the signal came */
	EXPECT_LE(150ULL, now_ms() - t0);
	pthread_join(t, NULL);
	vcpu_free(vcpu);
	close(gic_fd);
	vm_free(vm);
}

TEST_HARNESS_MAIN
