// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IRQFD: an eventfd bound to an SPI (gsi N = INTID N + 32) in edge
 * mode (one interrupt per batch of signals) and resample mode (the line
 * stays high until the guest's EOI, which lowers it and signals the
 * resamplefd); deassign, the errors, an eventfd closed while bound, and
 * a VM destroyed with bindings left (no leak, no callback into a dead VM).
 * The guest is irqline's vGIC case (guest/irqline_guest.c), which counts
 * the interrupts it handles.
 */
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"
#include "irqtest.h"
#include "kmemleak.h"

GUEST_IMAGE(irqline);

#define NR_IRQS		64
#define GSI_EDGE	8	/* SPI 40 */
#define GSI_LEVEL	9	/* SPI 41 */
#define SPI(gsi)	((gsi) + 32)

/* KVM_IRQFD; 0 or the errno */
static int irqfd(struct kvm_vm *vm, int fd, uint32_t gsi, uint32_t flags,
		 int resamplefd)
{
	struct kvm_irqfd a = {
		.fd = fd,
		.gsi = gsi,
		.flags = flags,
		.resamplefd = resamplefd,
	};

	return ioctl(vm->fd, KVM_IRQFD, &a) ? errno : 0;
}

/* ---- a guest with a vGIC, taking one SPI ----------------------------------- */

struct gic_guest {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	int gic_fd;
	uint32_t intid;
	unsigned int taken;
	int rfd;		/* if >= 0: must be quiet at every EV_IRQ */
};

static void gic_guest_create(struct gic_guest *g, uint32_t intid, int edge)
{
	uint32_t *mb;

	g->vm = vm_create();
	g->gic_fd = vgic_v2_create(g->vm, NR_IRQS);
	vm_add_ram(g->vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(g->vm, guest_irqline_start, GUEST_IMAGE_SIZE(irqline),
		      GUEST_RAM_GPA);
	g->vcpu = vcpu_add(g->vm, 0);
	vcpu_set_reg(g->vcpu, REG_PC, GUEST_RAM_GPA);
	vgic_v2_init(g->gic_fd);
	g->intid = intid;
	g->taken = 0;
	g->rfd = -1;

	mb = addr_gpa2hva(g->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	mb[MB_CASE] = CASE_GIC;
	mb[MB_INTID] = intid;
	mb[MB_EDGE] = edge;
	mb[MB_ROUNDS] = ~0U;
	mb[MB_EXPECT] = 0;
}

static void gic_guest_free(struct gic_guest *g)
{
	vcpu_free(g->vcpu);
	close(g->gic_fd);
	vm_free(g->vm);
}

/*
 * Let the guest wait for @expect interrupts in all, serving its EV_IRQ
 * reports, to its next EV_WAIT; return how many it has taken.
 */
static int gic_guest_round(struct gic_guest *g, unsigned int expect)
{
	uint32_t *mb = addr_gpa2hva(g->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	struct ucall uc;

	mb[MB_EXPECT] = expect;
	for (;;) {
		TEST_ASSERT_EQ(vcpu_run_ucall(g->vcpu, &uc), UCALL_SYNC);
		if (uc.args[0] != EV_IRQ)
			break;
		TEST_ASSERT_EQ(uc.args[1], g->intid);
		TEST_ASSERT(++g->taken <= expect, "interrupt %u, %u expected",
			    g->taken, expect);
		/* acknowledged, not yet completed: no resample yet */
		if (g->rfd >= 0)
			TEST_ASSERT_EQ(efd_take(g->rfd), 0);
	}
	TEST_ASSERT_EQ(uc.args[0], EV_WAIT);
	TEST_ASSERT_EQ(uc.args[1], g->taken);
	return (int)g->taken;
}

/* Each signal (or signals that come together) makes one edge interrupt. */
TEST(edge)
{
	struct gic_guest g;
	int efd = efd_new();

	gic_guest_create(&g, SPI(GSI_EDGE), 1);
	ASSERT_EQ(1, vm_check_cap(g.vm, KVM_CAP_IRQFD));
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_EDGE, 0, -1));
	ASSERT_EQ(0, gic_guest_round(&g, 0));

	efd_signal(efd);
	/* the counter is the irqfd's: nothing left for anyone else */
	EXPECT_EQ(0ULL, efd_take(efd));
	ASSERT_EQ(1, gic_guest_round(&g, 1));
	efd_signal(efd);
	ASSERT_EQ(2, gic_guest_round(&g, 2));
	/* two signals before the guest runs: one pending interrupt */
	efd_signal(efd);
	efd_signal(efd);
	ASSERT_EQ(3, gic_guest_round(&g, 3));
	/* nothing signalled, nothing taken */
	ASSERT_EQ(3, gic_guest_round(&g, 3));

	/* deassigned: the signal stays in the eventfd */
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_EDGE, KVM_IRQFD_FLAG_DEASSIGN, -1));
	efd_signal(efd);
	ASSERT_EQ(3, gic_guest_round(&g, 3));
	EXPECT_EQ(1ULL, efd_take(efd));

	/* bound again, with a signal already waiting: not lost */
	efd_signal(efd);
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_EDGE, 0, -1));
	ASSERT_EQ(4, gic_guest_round(&g, 4));

	close(efd);
	gic_guest_free(&g);
}

/*
 * A level source: the line stays high through acknowledge; the guest's
 * EOI lowers it and signals the resamplefd; the VMM signals again while
 * its device still asserts, and the guest takes the interrupt again.
 */
TEST(resample)
{
	struct gic_guest g;
	int efd = efd_new(), rfd = efd_new();

	gic_guest_create(&g, SPI(GSI_LEVEL), 0);
	ASSERT_EQ(1, vm_check_cap(g.vm, KVM_CAP_IRQFD_RESAMPLE));
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_LEVEL, KVM_IRQFD_FLAG_RESAMPLE, rfd));
	g.rfd = rfd;
	ASSERT_EQ(0, gic_guest_round(&g, 0));

	efd_signal(efd);
	ASSERT_EQ(1, gic_guest_round(&g, 1));
	EXPECT_EQ(1ULL, efd_take(rfd));
	/* lowered at EOI: not taken again */
	ASSERT_EQ(1, gic_guest_round(&g, 1));
	EXPECT_EQ(0ULL, efd_take(rfd));

	/* the device still asserts after the first EOI: raised again */
	efd_signal(efd);
	efd_signal(efd);
	ASSERT_EQ(2, gic_guest_round(&g, 2));
	EXPECT_EQ(1ULL, efd_take(rfd));
	efd_signal(efd);
	ASSERT_EQ(3, gic_guest_round(&g, 3));
	EXPECT_EQ(1ULL, efd_take(rfd));
	ASSERT_EQ(3, gic_guest_round(&g, 3));

	/* deassigned while high: the line goes low, nothing is taken */
	g.rfd = -1;
	efd_signal(efd);
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_LEVEL, KVM_IRQFD_FLAG_DEASSIGN, -1));
	ASSERT_EQ(3, gic_guest_round(&g, 3));
	EXPECT_EQ(0ULL, efd_take(rfd));

	close(efd);
	close(rfd);
	gic_guest_free(&g);
}

/*
 * Closing a bound eventfd ends the binding: the eventfd can be replaced
 * on the same gsi, and a resample line it held high goes low.
 */
TEST(eventfd_closed_while_assigned)
{
	struct gic_guest g;
	int a = efd_new(), b, r = efd_new();

	gic_guest_create(&g, SPI(GSI_LEVEL), 0);
	ASSERT_EQ(0, irqfd(g.vm, a, GSI_LEVEL, KVM_IRQFD_FLAG_RESAMPLE, r));
	ASSERT_EQ(0, gic_guest_round(&g, 0));
	efd_signal(a);		/* the line is high ... */
	close(a);		/* ... until its source goes away */
	ASSERT_EQ(0, gic_guest_round(&g, 0));
	EXPECT_EQ(0ULL, efd_take(r));

	/* a new eventfd (maybe the same number) binds to the same gsi */
	b = efd_new();
	ASSERT_EQ(0, irqfd(g.vm, b, GSI_LEVEL, KVM_IRQFD_FLAG_RESAMPLE, r));
	efd_signal(b);
	ASSERT_EQ(1, gic_guest_round(&g, 1));
	EXPECT_EQ(1ULL, efd_take(r));
	ASSERT_EQ(1, gic_guest_round(&g, 1));

	/* and an edge binding of it, closed, leaves its gsi free too */
	ASSERT_EQ(0, irqfd(g.vm, b, GSI_LEVEL, KVM_IRQFD_FLAG_DEASSIGN, -1));
	ASSERT_EQ(0, irqfd(g.vm, b, GSI_EDGE, 0, -1));
	close(b);
	b = efd_new();
	ASSERT_EQ(0, irqfd(g.vm, b, GSI_EDGE, 0, -1));
	close(b);
	close(r);
	gic_guest_free(&g);
}

/* The errnos of KVM's kvm_irqfd() and kvm_arch_irqfd_allowed(). */
TEST(errors)
{
	struct kvm_vm *vm = vm_create();
	int efd = efd_new(), efd2 = efd_new(), rfd = efd_new(), p[2];
	struct kvm_vcpu *vcpu;

	ASSERT_EQ(0, pipe(p));
	/* no in-kernel vGIC: no lines an irqfd could drive */
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, 0, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_RESAMPLE, rfd));

	ASSERT_EQ(0, ioctl(vm->fd, KVM_CREATE_IRQCHIP, 0));
	vcpu = vcpu_add(vm, 0);

	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, 1U << 2, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, ~0U, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_DEASSIGN | 1U << 7, -1));
	EXPECT_EQ(EBADF, irqfd(vm, -1, 0, 0, -1));
	EXPECT_EQ(EBADF, irqfd(vm, 1000, 0, 0, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, p[0], 0, 0, -1));
	EXPECT_EQ(EBADF, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_RESAMPLE, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_RESAMPLE, p[1]));
	/* gsi 987 is SPI 1019, the last a GICv2 can have */
	EXPECT_EQ(EINVAL, irqfd(vm, efd, 988, 0, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, efd, ~0U, 0, -1));
	EXPECT_EQ(0, irqfd(vm, efd, 987, 0, -1));
	EXPECT_EQ(0, irqfd(vm, efd, 987, KVM_IRQFD_FLAG_DEASSIGN, -1));

	/* one binding per eventfd */
	EXPECT_EQ(0, irqfd(vm, efd, 0, 0, -1));
	EXPECT_EQ(EBUSY, irqfd(vm, efd, 0, 0, -1));
	EXPECT_EQ(EBUSY, irqfd(vm, efd, 1, KVM_IRQFD_FLAG_RESAMPLE, rfd));
	/* a deassign that finds nothing succeeds, as in KVM */
	EXPECT_EQ(0, irqfd(vm, efd, 1, KVM_IRQFD_FLAG_DEASSIGN, -1));
	EXPECT_EQ(EBUSY, irqfd(vm, efd, 0, 0, -1));
	EXPECT_EQ(EBADF, irqfd(vm, -1, 0, KVM_IRQFD_FLAG_DEASSIGN, -1));
	EXPECT_EQ(EINVAL, irqfd(vm, p[0], 0, KVM_IRQFD_FLAG_DEASSIGN, -1));
	EXPECT_EQ(0, irqfd(vm, efd, 0, KVM_IRQFD_FLAG_DEASSIGN, -1));
	EXPECT_EQ(0, irqfd(vm, efd, 1, KVM_IRQFD_FLAG_RESAMPLE, rfd));
	/* one resamplefd may serve several bindings */
	EXPECT_EQ(0, irqfd(vm, efd2, 2, KVM_IRQFD_FLAG_RESAMPLE, rfd));

	close(efd2);
	close(p[0]);
	close(p[1]);
	close(efd);
	close(rfd);
	vcpu_free(vcpu);
	vm_free(vm);
}

struct signaller {
	int fds[4];
	int stop;		/* __atomic */
};

static void *signal_loop(void *arg)
{
	struct signaller *s = arg;
	uint64_t one = 1;
	unsigned int i = 0;

	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		/* EBADF once closed: the point is the race */
		if (write(s->fds[i++ % 4], &one, 8) < 0 && errno != EBADF)
			break;
	}
	return NULL;
}

/*
 * VMs destroyed with bindings left, dead ones among them, while another
 * thread signals the eventfds and they are closed before or after the
 * VM.
 */
static void destroy_vms_with_bindings(struct __test_metadata *_metadata)
{
	int round;

	for (round = 0; round < 20; round++) {
		struct signaller s = { .stop = 0 };
		struct kvm_vm *vm = vm_create();
		struct kvm_vcpu *vcpu;
		int rfd = efd_new(), i;
		pthread_t t;

		ASSERT_EQ(0, ioctl(vm->fd, KVM_CREATE_IRQCHIP, 0));
		vcpu = vcpu_add(vm, 0);
		for (i = 0; i < 4; i++) {
			s.fds[i] = efd_new();
			ASSERT_EQ(0, irqfd(vm, s.fds[i], i, i & 1 ?
					   KVM_IRQFD_FLAG_RESAMPLE : 0, rfd));
		}
		ASSERT_EQ(0, pthread_create(&t, NULL, signal_loop, &s));
		usleep(1000);
		/* a dead binding (closed eventfd) and live ones at release */
		close(s.fds[round % 4]);
		vcpu_free(vcpu);
		if (round & 1)
			close(rfd);
		vm_free(vm);
		for (i = 0; i < 4; i++)
			if (i != round % 4)
				close(s.fds[i]);
		__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
		pthread_join(t, NULL);
		if (!(round & 1))
			close(rfd);
	}
}

FIXTURE(stress) {
};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

/*
 * Every ioctl succeeds and the host lives on; on the debug kernels KASAN
 * and lockdep watch the lifetimes as well, on the console the harness
 * scans.
 */
TEST_F_TIMEOUT(stress, vm_destroyed_with_bindings, 120)
{
	destroy_vms_with_bindings(_metadata);
}

/*
 * The same, then kmemleak: no object an irqfd or eventfd path allocated
 * is left unreferenced once the VMs are gone.  Skipped where the kernel
 * has no kmemleak (distribution kernels).
 */
TEST_F_TIMEOUT(stress, no_leak_when_vm_destroyed_with_bindings, 120)
{
	static const char * const sites[] = { "irqfd", "eventfd", NULL };
	const char *missing = kmemleak_missing();
	int leaks;

	if (missing)
		SKIP(return, "%s", missing);
	destroy_vms_with_bindings(_metadata);
	leaks = kmemleak_leaks(sites);
	ASSERT_LE(0, leaks) TH_LOG("%s: %s", KMEMLEAK, strerror(-leaks));
	EXPECT_EQ(0, leaks);
}

/* After the VM is gone, its eventfds are plain eventfds again. */
TEST(eventfd_outlives_vm)
{
	struct gic_guest g;
	int efd = efd_new(), rfd = efd_new();

	gic_guest_create(&g, SPI(GSI_LEVEL), 0);
	ASSERT_EQ(0, irqfd(g.vm, efd, GSI_LEVEL, KVM_IRQFD_FLAG_RESAMPLE, rfd));
	efd_signal(efd);
	EXPECT_EQ(0ULL, efd_take(efd));
	gic_guest_free(&g);
	efd_signal(efd);
	EXPECT_EQ(1ULL, efd_take(efd));
	close(efd);
	close(rfd);
}

TEST_HARNESS_MAIN
