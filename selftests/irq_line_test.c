// SPDX-License-Identifier: GPL-2.0-only
/*
 * KVM_IRQ_LINE: a user irqchip's IRQ and FIQ lines taken by the guest only
 * when unmasked, WFI woken by a line raised from another thread, SPIs and
 * PPIs through the vGIC in level and edge mode, and the errors of the
 * arm32 irq encoding (guest: guest/irqline_guest.c).
 */
#include <pthread.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"
#include "irqtest.h"

GUEST_IMAGE(irqline);

#define NR_IRQS		64	/* vGIC: SPIs 32-63 */

static uint32_t *mailbox(struct kvm_vm *vm)
{
	return addr_gpa2hva(vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
}

/* Run to the next GUEST_SYNC2(@ev, value); return the value. */
static uint64_t expect_event(struct kvm_vcpu *vcpu, uint64_t ev)
{
	struct ucall uc;
	int cmd = vcpu_run_ucall(vcpu, &uc);

	TEST_ASSERT(cmd == UCALL_SYNC, "expected event %llu, got ucall %d",
		    (unsigned long long)ev, cmd);
	TEST_ASSERT(uc.args[0] == ev, "event %llu (value %#llx), expected %llu",
		    (unsigned long long)uc.args[0],
		    (unsigned long long)uc.args[1], (unsigned long long)ev);
	return uc.args[1];
}

static int irq_line_errno(struct kvm_vm *vm, uint32_t irq, int level)
{
	return __vm_irq_line(vm, irq, level) ? errno : 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- a user irqchip: the VCPU's own IRQ and FIQ inputs -------------------- */

FIXTURE(cpu_line) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(cpu_line)
{
	self->vm = vm_create_guest(&self->vcpu, irqline);
}

FIXTURE_TEARDOWN(cpu_line)
{
	vcpu_free(self->vcpu);
	vm_free(self->vm);
}

/*
 * The line raised while masked shows in ISR and nothing is taken; once
 * unmasked it is taken in IRQ (FIQ) mode, once per rising edge, as long
 * as the handler's report is what lowers it.
 */
static void cpu_line_taken(struct kvm_vm *vm, struct kvm_vcpu *vcpu, int fiq)
{
	uint32_t line = IRQ_LINE_CPU(0, fiq);
	uint32_t ev = fiq ? EV_FIQ : EV_IRQ;
	uint32_t mode = fiq ? CPSR_FIQ : CPSR_IRQ;
	uint32_t bit = fiq ? ISR_F : ISR_I, other = fiq ? ISR_I : ISR_F;
	uint64_t v;
	int round;

	mailbox(vm)[MB_CASE] = fiq ? CASE_CPU_FIQ : CASE_CPU_IRQ;
	expect_event(vcpu, EV_READY);
	vm_irq_line(vm, line, 1);

	v = expect_event(vcpu, EV_MASKED);
	TEST_ASSERT_EQ(v >> 16, 0);		/* masked: not taken */
	TEST_ASSERT(v & bit, "ISR %#llx: line not pending", (unsigned long long)v);
	TEST_ASSERT(!(v & other), "ISR %#llx: the other line pending",
		    (unsigned long long)v);

	TEST_ASSERT_EQ(expect_event(vcpu, ev), mode);
	vm_irq_line(vm, line, 0);
	TEST_ASSERT_EQ(expect_event(vcpu, EV_COUNT), 1);

	for (round = 0; round < 3; round++) {
		TEST_ASSERT_EQ(expect_event(vcpu, EV_WAIT), 1 + round);
		vm_irq_line(vm, line, 1);
		if (round == 1)
			vm_irq_line(vm, line, 1);	/* no change: no second one */
		TEST_ASSERT_EQ(expect_event(vcpu, ev), mode);
		vm_irq_line(vm, line, 0);
	}
	TEST_ASSERT_EQ(expect_event(vcpu, EV_COUNT), 4);
	vcpu_run_expect_done(vcpu);
}

TEST_F_TIMEOUT(cpu_line, irq_taken_when_unmasked, KVM_TEST_TIMEOUT)
{
	cpu_line_taken(self->vm, self->vcpu, 0);
}

TEST_F_TIMEOUT(cpu_line, fiq_taken_when_unmasked, KVM_TEST_TIMEOUT)
{
	cpu_line_taken(self->vm, self->vcpu, 1);
}

struct raiser {
	struct kvm_vm *vm;
	uint32_t line;
	int raised;		/* __atomic */
};

static void *raise_later(void *arg)
{
	struct raiser *r = arg;
	struct timespec ts = { .tv_nsec = 200 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	__atomic_store_n(&r->raised, 1, __ATOMIC_RELEASE);
	vm_irq_line(r->vm, r->line, 1);
	return NULL;
}

/*
 * B1.8.13: a pending virtual IRQ or FIQ ends WFI even while CPSR masks
 * it.  The guest sleeps in WFI (a blocked KVM_RUN) until another thread
 * raises the line 200 ms later.
 */
TEST_F_TIMEOUT(cpu_line, wfi_woken_by_line_from_another_thread, KVM_TEST_TIMEOUT)
{
	int fiq;

	mailbox(self->vm)[MB_CASE] = CASE_WFI;
	for (fiq = 0; fiq < 2; fiq++) {
		struct raiser r = { .vm = self->vm, .line = IRQ_LINE_CPU(0, fiq) };
		pthread_t t;
		uint64_t nr_wfi;
		double t0;

		ASSERT_EQ((uint64_t)fiq, expect_event(self->vcpu, EV_WAIT));
		ASSERT_EQ(0, pthread_create(&t, NULL, raise_later, &r));
		t0 = now();
		nr_wfi = expect_event(self->vcpu, EV_WOKE);
		EXPECT_GE(now() - t0, 0.15) TH_LOG("woke before the line rose");
		pthread_join(t, NULL);
		EXPECT_EQ(1, __atomic_load_n(&r.raised, __ATOMIC_ACQUIRE));
		/* it slept: one WFI, perhaps one more after a stale kick */
		EXPECT_GE(nr_wfi, 1ULL);
		EXPECT_LE(nr_wfi, 3ULL) TH_LOG("WFI did not block: %llu WFIs",
					    (unsigned long long)nr_wfi);
		vm_irq_line(self->vm, r.line, 0);
	}
	vcpu_run_expect_done(self->vcpu);
}

/* arm.c kvm_vm_ioctl_irq_line(): the errnos KVM/arm gives */
TEST_F(cpu_line, bad_arguments)
{
	struct kvm_vm *vm = self->vm;
	struct kvm_vcpu *vcpu1;

	ASSERT_EQ(1, vm_check_cap(vm, KVM_CAP_ARM_IRQ_LINE_LAYOUT_2));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(0, 0), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(0, 0), 0));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(0, 1), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(0, 1), 0));

	/* unknown types */
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE(3, 0, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE(15, 0, 0), 1));
	/* CPU lines are 0 (IRQ) and 1 (FIQ) */
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_CPU(0, 2), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_CPU(0, 0xffff), 1));
	/* VCPUs that do not exist, also through vcpu2_index[31:28] */
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_CPU(1, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_CPU(8, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_CPU(255, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, (1U << KVM_ARM_IRQ_VCPU2_SHIFT) |
					 IRQ_LINE_CPU(0, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, (15U << KVM_ARM_IRQ_VCPU2_SHIFT) |
					 IRQ_LINE_CPU(1, 0), 1));
	/* SPIs and PPIs need the in-kernel vGIC, whatever the number */
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_SPI(32), 1));
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_SPI(31), 1));
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_PPI(0, 16), 1));
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_PPI(5, 16), 1));

	/* a new VCPU has lines at once */
	vcpu1 = vcpu_create(vm, 1);
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(1, 0), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_CPU(1, 0), 0));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, (1U << KVM_ARM_IRQ_VCPU2_SHIFT) |
					 IRQ_LINE_CPU(1, 0), 1));
	vcpu_free(vcpu1);
}

/* ---- the vGIC: SPIs and PPIs ---------------------------------------------- */

/* One VCPU, a vGICv2 through the device API at the usual addresses. */
static struct kvm_vm *vm_create_guest_vgic(struct kvm_vcpu **vcpu, int *gic_fd)
{
	struct kvm_vm *vm = vm_create();

	*gic_fd = vgic_v2_create(vm, NR_IRQS);
	vm_add_ram(vm, 0, GUEST_RAM_GPA, GUEST_RAM_SIZE);
	vm_load_guest(vm, guest_irqline_start, GUEST_IMAGE_SIZE(irqline),
		      GUEST_RAM_GPA);
	*vcpu = vcpu_add(vm, 0);
	vcpu_set_reg(*vcpu, REG_PC, GUEST_RAM_GPA);
	vgic_v2_init(*gic_fd);
	return vm;
}

struct line_vm {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	int gic_fd;
	uint32_t line;
	unsigned int taken;	/* EV_IRQ seen */
	unsigned int lower_at;	/* lower the line at this EV_IRQ (0: no) */
};

FIXTURE(vgic_line) {
	struct line_vm s;
};

FIXTURE_VARIANT(vgic_line) {
	uint32_t intid;
	int edge;
};

FIXTURE_VARIANT_ADD(vgic_line, spi_level) { .intid = 45, .edge = 0 };
FIXTURE_VARIANT_ADD(vgic_line, spi_edge) { .intid = 63, .edge = 1 };
FIXTURE_VARIANT_ADD(vgic_line, ppi_level) { .intid = 23, .edge = 0 };

FIXTURE_SETUP(vgic_line)
{
	struct line_vm *s = &self->s;

	s->vm = vm_create_guest_vgic(&s->vcpu, &s->gic_fd);
	s->line = variant->intid >= 32 ? IRQ_LINE_SPI(variant->intid) :
					 IRQ_LINE_PPI(0, variant->intid);
	s->taken = 0;
	s->lower_at = 0;
}

FIXTURE_TEARDOWN(vgic_line)
{
	vcpu_free(self->s.vcpu);
	close(self->s.gic_fd);
	vm_free(self->s.vm);
}

/*
 * Run to the guest's next EV_WAIT, serving its EV_IRQ reports (each must
 * be our interrupt; the line goes low at the lower_at-th); return how
 * many it has taken.
 */
static uint64_t vgic_wait(struct line_vm *self, uint32_t intid)
{
	struct ucall uc;

	for (;;) {
		TEST_ASSERT_EQ(vcpu_run_ucall(self->vcpu, &uc), UCALL_SYNC);
		if (uc.args[0] != EV_IRQ)
			break;
		TEST_ASSERT_EQ(uc.args[1], intid);
		TEST_ASSERT(self->taken < mailbox(self->vm)[MB_EXPECT],
			    "interrupt %u, %u expected", self->taken + 1,
			    mailbox(self->vm)[MB_EXPECT]);
		if (++self->taken == self->lower_at)
			vm_irq_line(self->vm, self->line, 0);
	}
	TEST_ASSERT_EQ(uc.args[0], EV_WAIT);
	TEST_ASSERT_EQ(uc.args[1], self->taken);
	return uc.args[1];
}

/*
 * Level: the interrupt is taken again after EOI for as long as the line
 * is high, and not at all for a pulse shorter than the guest's run.
 * Edge: once per rising edge, however long the line stays high; edges
 * before the guest runs again make one interrupt (the pending latch).
 */
TEST_F_TIMEOUT(vgic_line, taken_by_the_guest, KVM_TEST_TIMEOUT)
{
	struct line_vm *s = &self->s;
	uint32_t *mb = mailbox(s->vm);
	uint32_t intid = variant->intid;

	mb[MB_CASE] = CASE_GIC;
	mb[MB_INTID] = intid;
	mb[MB_EDGE] = variant->edge;
	mb[MB_ROUNDS] = 4;
	mb[MB_EXPECT] = 0;

	vgic_wait(s, intid);
	if (!variant->edge) {
		/* high: taken, EOI, taken again; lowered at the second */
		s->lower_at = 2;
		mb[MB_EXPECT] = 2;
		vm_irq_line(s->vm, s->line, 1);
		ASSERT_EQ(2ULL, vgic_wait(s, intid));

		/* a pulse while the guest is out: level, so nothing */
		vm_irq_line(s->vm, s->line, 1);
		vm_irq_line(s->vm, s->line, 0);
		ASSERT_EQ(2ULL, vgic_wait(s, intid));

		/* high again: three times, then low */
		s->lower_at = 5;
		mb[MB_EXPECT] = 5;
		vm_irq_line(s->vm, s->line, 1);
		ASSERT_EQ(5ULL, vgic_wait(s, intid));
	} else {
		/* one rising edge, line left high: taken once */
		mb[MB_EXPECT] = 1;
		vm_irq_line(s->vm, s->line, 1);
		ASSERT_EQ(1ULL, vgic_wait(s, intid));

		/* low, then a pulse: one more */
		vm_irq_line(s->vm, s->line, 0);
		mb[MB_EXPECT] = 2;
		vm_irq_line(s->vm, s->line, 1);
		vm_irq_line(s->vm, s->line, 0);
		ASSERT_EQ(2ULL, vgic_wait(s, intid));

		/* two pulses before the guest runs: one interrupt */
		mb[MB_EXPECT] = 3;
		vm_irq_line(s->vm, s->line, 1);
		vm_irq_line(s->vm, s->line, 0);
		vm_irq_line(s->vm, s->line, 1);
		vm_irq_line(s->vm, s->line, 0);
		ASSERT_EQ(3ULL, vgic_wait(s, intid));
	}
	EXPECT_EQ(0ULL, expect_event(s->vcpu, EV_SPURIOUS));
	EXPECT_EQ((uint64_t)s->taken, expect_event(s->vcpu, EV_COUNT));
	vcpu_run_expect_done(s->vcpu);
}

/*
 * The legacy KVM_CREATE_IRQCHIP path (the vGIC initialised by the first
 * KVM_IRQ_LINE, 256 interrupts): the numbers and VCPUs KVM/arm refuses.
 */
TEST(vgic_bad_arguments)
{
	struct kvm_vm *vm = vm_create();
	struct kvm_vcpu *vcpu;

	ASSERT_EQ(1, vm_check_cap(vm, KVM_CAP_IRQCHIP));
	ASSERT_EQ(0, ioctl(vm->fd, KVM_CREATE_IRQCHIP, 0));
	vcpu = vcpu_add(vm, 0);

	/* the VMM drives the vGIC's inputs, not the CPU's */
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_CPU(0, 0), 1));
	EXPECT_EQ(ENXIO, irq_line_errno(vm, IRQ_LINE_CPU(0, 1), 1));

	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_SPI(32), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_SPI(32), 0));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_SPI(255), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_SPI(255), 0));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(31), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(0), 1));
	/* beyond this vGIC's 256, and beyond any GICv2's 1019 */
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(256), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(1019), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(1020), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_SPI(0xffff), 1));

	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_PPI(0, 16), 1));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_PPI(0, 16), 0));
	EXPECT_EQ(0, irq_line_errno(vm, IRQ_LINE_PPI(0, 31), 0));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_PPI(0, 15), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_PPI(0, 0), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_PPI(0, 32), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE_PPI(1, 16), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, (1U << KVM_ARM_IRQ_VCPU2_SHIFT) |
					 IRQ_LINE_PPI(0, 16), 1));

	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE(3, 0, 32), 1));
	EXPECT_EQ(EINVAL, irq_line_errno(vm, IRQ_LINE(8, 0, 32), 1));

	vcpu_free(vcpu);
	vm_free(vm);
}

TEST_HARNESS_MAIN
