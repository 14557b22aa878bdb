// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt delivery through the in-kernel vGICv2 with one VCPU: SPIs and
 * PPIs raised by KVM_IRQ_LINE, level and edge semantics, priorities and
 * the priority mask, distributor enables, GICD_ISPENDR and ICPENDR, active
 * and pending at once, WFI wake-up from another thread, acknowledge/EOI
 * without exits, and bad KVM_IRQ_LINE arguments.  The guest (guest/vgic_irq_guest.c) drives each scenario and
 * asks this side to move lines.
 */
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(vgic_irq);

/* the guest's requests (guest/vgic_irq_guest.c) */
#define REQ_LINE	1
#define REQ_LINE_LATER	2
#define REQ_MARK	3

#define NR_IRQS		64

struct irq_vm {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	int gic_fd;
	/* REQ_MARK: exits seen at each mark, and the marks' values */
	unsigned int nr_marks;
	long mark_exits[8];
	uint64_t mark_val[8], mark_arg[8];
};

FIXTURE(vgic_irq) {
	struct irq_vm s;
};

FIXTURE_SETUP(vgic_irq)
{
	self->s.vm = vm_create_guest_gic(&self->s.vcpu, 1, vgic_irq, NR_IRQS,
				       &self->s.gic_fd);
	self->s.nr_marks = 0;
}

FIXTURE_TEARDOWN(vgic_irq)
{
	vcpu_free(self->s.vcpu);
	close(self->s.gic_fd);
	vm_free(self->s.vm);
}

struct later {
	struct kvm_vm *vm;
	uint32_t line;
};

static void *raise_later(void *arg)
{
	struct later *l = arg;
	struct timespec ts = { .tv_nsec = 100 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	vm_irq_line(l->vm, l->line, 1);
	vm_irq_line(l->vm, l->line, 0);
	return NULL;
}

/*
 * Run scenario @c to its GUEST_DONE, serving the guest's requests.  Every
 * KVM_RUN return is counted: REQ_MARK records the count so far.
 */
static void run_case(struct irq_vm *self, uint32_t c)
{
	uint32_t *mb = addr_gpa2hva(self->vm, GUEST_MAILBOX_GPA, GUEST_MAILBOX_SIZE);
	struct later later = { .vm = self->vm };
	pthread_t thread;
	bool threaded = false;
	struct ucall uc;
	long exits = 0;
	char why[96];
	int cmd;

	mb[0] = c;
	for (;;) {
		vcpu_run(self->vcpu);
		exits++;
		cmd = get_ucall(self->vcpu, &uc);
		TEST_ASSERT(cmd != UCALL_NONE, "unexpected exit %s",
			    vcpu_exit_str(self->vcpu, why, sizeof(why)));
		if (cmd == UCALL_ASSERT)
			report_guest_assert(self->vcpu, &uc);
		if (cmd == UCALL_DONE)
			break;
		switch (uc.args[0]) {
		case REQ_LINE:
			vm_irq_line(self->vm, uc.args[1], uc.args[2]);
			break;
		case REQ_LINE_LATER:
			later.line = uc.args[1];
			TEST_ASSERT(!pthread_create(&thread, NULL, raise_later, &later),
				    "pthread_create");
			threaded = true;
			break;
		case REQ_MARK:
			TEST_ASSERT(self->nr_marks < ARRAY_SIZE(self->mark_exits),
				    "too many marks");
			self->mark_exits[self->nr_marks] = exits;
			self->mark_arg[self->nr_marks] = uc.args[1];
			self->mark_val[self->nr_marks] = uc.args[2];
			self->nr_marks++;
			break;
		default:
			TEST_FAIL("unknown guest request %llu",
				  (unsigned long long)uc.args[0]);
		}
	}
	if (threaded)
		pthread_join(thread, NULL);
}

TEST_F_TIMEOUT(vgic_irq, spi_taken_and_eoied, 30)
{
	run_case(&self->s, 0);
}

TEST_F_TIMEOUT(vgic_irq, level_pending_while_high, 30)
{
	run_case(&self->s, 1);
}

TEST_F_TIMEOUT(vgic_irq, edge_once_per_rising_edge, 30)
{
	run_case(&self->s, 2);
}

TEST_F_TIMEOUT(vgic_irq, priority_order_and_mask, 30)
{
	run_case(&self->s, 3);
}

TEST_F_TIMEOUT(vgic_irq, disabled_then_enabled, 30)
{
	run_case(&self->s, 4);
}

TEST_F_TIMEOUT(vgic_irq, ispendr_from_guest, 30)
{
	run_case(&self->s, 5);
}

TEST_F_TIMEOUT(vgic_irq, wfi_woken_by_spi_from_thread, 30)
{
	run_case(&self->s, 6);
	ASSERT_EQ(1U, self->s.nr_marks);
	/* the guest went round its WFI loop at least once */
	EXPECT_LE(1ULL, self->s.mark_arg[0]);
}

TEST_F_TIMEOUT(vgic_irq, ppi_on_vcpu, 30)
{
	run_case(&self->s, 7);
}

TEST_F_TIMEOUT(vgic_irq, ack_eoi_without_exits, 30)
{
	run_case(&self->s, 8);
	ASSERT_EQ(4U, self->s.nr_marks);
	/* 1000 spurious acks + EOIs: no exit between the marks */
	EXPECT_EQ(0ULL, self->s.mark_val[1]);
	EXPECT_EQ(1, self->s.mark_exits[1] - self->s.mark_exits[0]);
	/* 1000 SGIs to self acked and EOIed: each IAR gave SGI 5, CPU 0 */
	EXPECT_EQ(0ULL, self->s.mark_val[3]);
	EXPECT_EQ(1, self->s.mark_exits[3] - self->s.mark_exits[2]);
}

TEST_F_TIMEOUT(vgic_irq, icpendr_clears_pending, 30)
{
	run_case(&self->s, 9);
}

TEST_F_TIMEOUT(vgic_irq, active_and_pending, 30)
{
	run_case(&self->s, 10);
}

TEST_F(vgic_irq, bad_irq_line)
{
	/* NR_IRQS 64: SPIs 32-63 */
	EXPECT_EQ(0, __vm_irq_line(self->s.vm, IRQ_LINE_SPI(NR_IRQS - 1), 0));
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_SPI(NR_IRQS), 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_SPI(1020), 1));
	EXPECT_EQ(EINVAL, errno);
	/* an SPI type with a private INTID */
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_SPI(31), 1));
	EXPECT_EQ(EINVAL, errno);
	/* PPIs are 16-31, on an existing VCPU */
	EXPECT_EQ(0, __vm_irq_line(self->s.vm, IRQ_LINE_PPI(0, 20), 0));
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_PPI(0, 15), 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_PPI(0, 32), 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, __vm_irq_line(self->s.vm, IRQ_LINE_PPI(1, 20), 1));
	EXPECT_EQ(EINVAL, errno);
}

TEST_HARNESS_MAIN
