/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Userspace library of the selftests: VMs, memslots, VCPUs, registers and
 * ucalls, in the style of the kernel's tools/testing/selftests/kvm.
 *
 * Functions named __foo() issue one ioctl and return its result (-1 and
 * errno on failure) for tests that check errors; foo() asserts success and
 * ends the test with a file:line message when it fails.  A failed
 * TEST_ASSERT exits with status 1, which kselftest_harness.h reports as a
 * failure of the running TEST.
 */
#ifndef __KVM_SELFTEST_KVM_UTIL_H
#define __KVM_SELFTEST_KVM_UTIL_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <linux/kvm.h>

#include "ucall.h"

/* Upper bound on any test that runs a guest, in seconds. */
#define KVM_TEST_TIMEOUT	10
/* One KVM_RUN that has not come back by then is reported as stuck. */
#define KVM_RUN_TIMEOUT		5

#define KVM_MAX_REGIONS		64

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

/* ---- assertions ---------------------------------------------------------- */

_Noreturn void test_assert_fail(const char *file, unsigned int line,
			       const char *expr, int err, const char *fmt, ...);

/* printf()'s format checking for @fmt, never called */
#define __check_format(fmt, ...) do {					\
	if (0)								\
		printf(fmt, ##__VA_ARGS__);				\
} while (0)

#define TEST_ASSERT(cond, fmt, ...) do {				\
	int __err = errno;						\
	__check_format(fmt, ##__VA_ARGS__);				\
	if (!(cond))							\
		test_assert_fail(__FILE__, __LINE__, #cond, __err,	\
				 fmt, ##__VA_ARGS__);			\
} while (0)

#define TEST_ASSERT_EQ(a, b) do {					\
	uint64_t __a = (a), __b = (b);					\
	TEST_ASSERT(__a == __b, "%s is %#llx, expected %s = %#llx",	\
		    #a, (unsigned long long)__a, #b,			\
		    (unsigned long long)__b);				\
} while (0)

#define TEST_FAIL(fmt, ...)	TEST_ASSERT(false, fmt, ##__VA_ARGS__)

/* Assert an ioctl returned @ret >= 0, naming the ioctl. */
#define TEST_ASSERT_IOCTL(ret, name)					\
	TEST_ASSERT((ret) >= 0, "%s failed: ret %d", name, (int)(ret))

/* ---- register ids (KVM_GET/SET_ONE_REG) ---------------------------------- */

#define ARM_CORE_REG(name)	(KVM_REG_ARM | KVM_REG_SIZE_U32 | \
				 KVM_REG_ARM_CORE | KVM_REG_ARM_CORE_REG(name))
#define REG_R(n)		ARM_CORE_REG(usr_regs.uregs[n])
#define REG_SP			ARM_CORE_REG(usr_regs.ARM_sp)
#define REG_LR			ARM_CORE_REG(usr_regs.ARM_lr)
#define REG_PC			ARM_CORE_REG(usr_regs.ARM_pc)
#define REG_CPSR		ARM_CORE_REG(usr_regs.ARM_cpsr)
#define REG_MIDR		ARM_CP15_REG32(0, 0, 0, 0)
#define REG_MPIDR		ARM_CP15_REG32(0, 0, 0, 5)

/* CPSR mode field and the state KVM resets a VCPU to */
#define CPSR_MODE_MASK		0x1fU
#define CPSR_USR		0x10U
#define CPSR_FIQ		0x11U
#define CPSR_IRQ		0x12U
#define CPSR_SVC		0x13U
#define CPSR_MON		0x16U
#define CPSR_ABT		0x17U
#define CPSR_HYP		0x1aU
#define CPSR_UND		0x1bU
#define CPSR_SYS		0x1fU
#define CPSR_F			0x40U
#define CPSR_I			0x80U
#define CPSR_A			0x100U
#define CPSR_RESET		(CPSR_A | CPSR_I | CPSR_F | CPSR_SVC)

/* ---- the host CPU and the VCPU targets ----------------------------------- */

/*
 * MIDR (B4.1.105): implementer [31:24], variant [23:20], architecture
 * [19:16] (0xf: the CPUID scheme), primary part number [15:4], revision
 * [3:0].
 */
#define MIDR_PART(midr)		(((midr) >> 4) & 0xfffU)
#define CPU_PART_CORTEX_A7	0xc07U
#define CPU_PART_CORTEX_A15	0xc0fU

#define ACTLR_SMP		(1U << 6)	/* both parts */
/* L2CTLR (both TRMs): [25:24] processors in the cluster - 1 */
#define L2CTLR_NCPUS_SHIFT	24
#define L2CTLR_NCPUS_MASK	(0x3U << L2CTLR_NCPUS_SHIFT)

/*
 * What KVM_ARM_VCPU_INIT gives a VCPU of a target (core/coproc.c): the
 * processor's reset values per its TRM (Cortex-A7: ARM DDI 0464F,
 * Cortex-A15: ARM DDI 0438), and the module's MIDR for the part when the
 * host is another.  On a host of the target's part MIDR and ACTLR are the
 * host's (ACTLR with SMP set).
 */
struct target_regs {
	const char *name;
	uint32_t target;	/* KVM_ARM_TARGET_* */
	uint32_t part;		/* MIDR_PART() */
	uint32_t midr;		/* on a host of another part */
	uint32_t sctlr;
	uint32_t actlr;		/* on a host of another part */
};

/* The module's targets: Cortex-A7 and Cortex-A15 */
extern const struct target_regs target_regs[2];

/* The host's MIDR, from the first processor in /proc/cpuinfo; 0: unknown */
uint32_t host_midr(void);
/* The target of a part, NULL for a part the module does not model */
const struct target_regs *part_target(uint32_t part);

/* ---- objects ------------------------------------------------------------- */

struct kvm_region {
	uint32_t slot;
	uint64_t gpa;
	uint64_t size;
	void *hva;		/* start of the slot's host mapping */
	void *map;		/* what munmap() needs: map, map_size */
	size_t map_size;
};

struct kvm_vm {
	int kvm_fd;
	int fd;
	int run_size;
	unsigned int nr_regions;
	struct kvm_region regions[KVM_MAX_REGIONS];
};

struct kvm_vcpu {
	struct kvm_vm *vm;
	uint32_t id;
	int fd;
	struct kvm_run *run;
};

/* ---- /dev/kvm and VMs ---------------------------------------------------- */

int kvm_open(void);
int kvm_check_cap(long cap);
struct kvm_vm *vm_create(void);
void vm_free(struct kvm_vm *vm);
int vm_check_cap(struct kvm_vm *vm, long cap);

int __vm_set_memslot(struct kvm_vm *vm, uint32_t slot, uint32_t flags,
		     uint64_t gpa, uint64_t size, uint64_t uaddr);
void *vm_add_ram(struct kvm_vm *vm, uint32_t slot, uint64_t gpa, uint64_t size);
void *addr_gpa2hva(struct kvm_vm *vm, uint64_t gpa, uint64_t len);
void vm_load_guest(struct kvm_vm *vm, const void *image, size_t size,
		   uint64_t gpa);
int __vm_preferred_target(struct kvm_vm *vm, struct kvm_vcpu_init *init);

/* ---- VCPUs --------------------------------------------------------------- */

int __vcpu_create(struct kvm_vm *vm, uint32_t id);
struct kvm_vcpu *vcpu_create(struct kvm_vm *vm, uint32_t id);
int __vcpu_init(struct kvm_vcpu *vcpu, uint32_t target, uint32_t features);
void vcpu_init(struct kvm_vcpu *vcpu, uint32_t features);
struct kvm_vcpu *vcpu_add(struct kvm_vm *vm, uint32_t id);
/* vcpu_add() with @target rather than the preferred one */
struct kvm_vcpu *vcpu_add_target(struct kvm_vm *vm, uint32_t id,
				 uint32_t target);
void vcpu_free(struct kvm_vcpu *vcpu);

int __vcpu_get_reg(struct kvm_vcpu *vcpu, uint64_t id, void *val);
int __vcpu_set_reg(struct kvm_vcpu *vcpu, uint64_t id, const void *val);
uint64_t vcpu_get_reg(struct kvm_vcpu *vcpu, uint64_t id);
void vcpu_set_reg(struct kvm_vcpu *vcpu, uint64_t id, uint64_t val);

int __vcpu_run(struct kvm_vcpu *vcpu);
void vcpu_run(struct kvm_vcpu *vcpu);
const char *exit_reason_str(uint32_t reason);

/* ---- guests and ucalls --------------------------------------------------- */

/*
 * Guest images built from selftests/guest/<name>_guest.c are linked into
 * the test as guest_<name>_start .. guest_<name>_end.
 */
#define GUEST_IMAGE(name)						\
	extern const char guest_##name##_start[], guest_##name##_end[]
#define GUEST_IMAGE_SIZE(name)						\
	((size_t)(guest_##name##_end - guest_##name##_start))

struct kvm_vm *__vm_create_guest(struct kvm_vcpu **vcpu, const void *image,
				 size_t size);
#define vm_create_guest(vcpu, name)					\
	__vm_create_guest(vcpu, guest_##name##_start, GUEST_IMAGE_SIZE(name))

int get_ucall(struct kvm_vcpu *vcpu, struct ucall *uc);
int vcpu_run_ucall(struct kvm_vcpu *vcpu, struct ucall *uc);
void vcpu_run_expect_sync(struct kvm_vcpu *vcpu, uint64_t arg0);
void vcpu_run_expect_done(struct kvm_vcpu *vcpu);
void guest_string(struct kvm_vm *vm, uint64_t gpa, char *buf, size_t len);
_Noreturn void report_guest_assert(struct kvm_vcpu *vcpu, const struct ucall *uc);

/* Describe the VCPU's last exit in @buf, for failure messages. */
const char *vcpu_exit_str(struct kvm_vcpu *vcpu, char *buf, size_t len);

/* ---- interrupts ---------------------------------------------------------- */

/* KVM_IRQ_LINE's irq field (arm32 layout, KVM_CAP_ARM_IRQ_LINE_LAYOUT_2) */
#define IRQ_LINE(type, vcpu, num)	(((uint32_t)(type) << KVM_ARM_IRQ_TYPE_SHIFT) | \
					 ((uint32_t)(vcpu) << KVM_ARM_IRQ_VCPU_SHIFT) | (num))
#define IRQ_LINE_SPI(intid)		IRQ_LINE(KVM_ARM_IRQ_TYPE_SPI, 0, (intid))
#define IRQ_LINE_PPI(vcpu, intid)	IRQ_LINE(KVM_ARM_IRQ_TYPE_PPI, (vcpu), (intid))
#define IRQ_LINE_CPU(vcpu, fiq)		IRQ_LINE(KVM_ARM_IRQ_TYPE_CPU, (vcpu), (fiq))

int __vm_irq_line(struct kvm_vm *vm, uint32_t irq, int level);
void vm_irq_line(struct kvm_vm *vm, uint32_t irq, int level);

/*
 * A vGICv2 through the device API, at GUEST_GICD_GPA / GUEST_GICC_GPA,
 * with @nr_irqs interrupts (0: the default).  Create it before the VCPUs;
 * vgic_v2_init() after them.  Returns the device fd.
 */
int vgic_v2_create(struct kvm_vm *vm, uint32_t nr_irqs);
void vgic_v2_init(int gic_fd);
int __kvm_device_attr(int fd, unsigned long ioctl_nr, uint32_t group,
		      uint64_t attr, void *val);

/* eventfds for irqfd/ioeventfd tests: non-blocking, close-on-exec */
int efd_new(void);
void efd_signal(int fd);
/* the counter, consumed: how many times it was signalled (0: none) */
uint64_t efd_take(int fd);

#endif /* __KVM_SELFTEST_KVM_UTIL_H */

/*
 * A guest VM with a vGICv2 (@nr_irqs, 0: the default) and @nr_vcpus VCPUs:
 * VCPU 0 enters the image, the others start powered off (PSCI 0.2) for
 * CPU_ON.  The vGIC is initialised; its fd is stored in *@gic_fd.
 */
struct kvm_vm *__vm_create_guest_gic(struct kvm_vcpu **vcpus,
				     unsigned int nr_vcpus, const void *image,
				     size_t size, uint32_t nr_irqs, int *gic_fd);
#define vm_create_guest_gic(vcpus, n, name, nr_irqs, gic_fd)		\
	__vm_create_guest_gic(vcpus, n, guest_##name##_start,		\
			      GUEST_IMAGE_SIZE(name), nr_irqs, gic_fd)
