// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI from the guest's side.  VCPU 0 runs guest_main(); VCPU 1 starts
 * powered off and comes up at secondary_entry through CPU_ON.  The host
 * picks the scenario in mailbox word 0; VCPU 1 reports in words 1 and 2.
 */
#include "guest.h"

#define PSCI_VERSION		0x84000000U
#define PSCI_CPU_OFF		0x84000002U
#define PSCI_CPU_ON		0x84000003U
#define PSCI_AFFINITY_INFO	0x84000004U
#define PSCI_MIGRATE_INFO_TYPE	0x84000006U
#define PSCI_SYSTEM_OFF		0x84000008U
#define PSCI_SYSTEM_RESET	0x84000009U
#define PSCI_FEATURES		0x8400000aU
#define SMCCC_VERSION		0x80000000U
#define KVM_PSCI_0_1_CPU_ON	(0x95c1ba5eU + 2)

#define RET_NOT_SUPPORTED	0xffffffffU
#define RET_INVALID_PARAMS	0xfffffffeU
#define RET_ALREADY_ON		0xfffffffcU
#define RET_INTERNAL_FAILURE	0xfffffffaU

/* VCPU 1's stack; 8-byte aligned as AAPCS wants */
uint64_t secondary_stack[128];

/* VCPU 1 starts here with the MMU off, SVC mode, r0 = context id. */
__asm__(".pushsection .text\n"
	".arm\n"
	".global secondary_entry\n"
	"secondary_entry:\n"
	"	ldr	sp, =secondary_stack + 1024\n"
	"	bl	secondary_main\n"
	"1:	b	1b\n"
	".ltorg\n"
	".popsection\n");

void secondary_main(uint32_t context_id)
{
	uint32_t mpidr;

	__asm__ __volatile__("mrc p15, 0, %0, c0, c0, 5" : "=r"(mpidr));
	mailbox_write(2, mpidr);
	mailbox_write(1, context_id);
	hvc(PSCI_CPU_OFF, 0, 0, 0);
	mailbox_write(1, 0xdead);	/* CPU_OFF returned: it must not */
}

static void smp_boot(void)
{
	uint32_t entry;

	__asm__("adr %0, secondary_entry" : "=r"(entry));

	GUEST_ASSERT_EQ(hvc(PSCI_VERSION, 0, 0, 0), 2);
	GUEST_ASSERT_EQ(hvc(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0), 2);
	/* PSCI_FEATURES is PSCI 1.0 */
	GUEST_ASSERT_EQ(hvc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0), RET_NOT_SUPPORTED);
	GUEST_ASSERT_EQ(hvc(PSCI_AFFINITY_INFO, 1, 0, 0), 1);	/* OFF */
	GUEST_ASSERT_EQ(hvc(PSCI_AFFINITY_INFO, 0, 0, 0), 0);	/* ON */
	GUEST_ASSERT_EQ(hvc(PSCI_AFFINITY_INFO, 7, 0, 0), RET_INVALID_PARAMS);
	GUEST_ASSERT_EQ(hvc(PSCI_CPU_ON, 0x100, entry, 0), RET_INVALID_PARAMS);
	GUEST_ASSERT_EQ(hvc(PSCI_CPU_ON, 0, entry, 0), RET_ALREADY_ON);

	GUEST_ASSERT_EQ(hvc(PSCI_CPU_ON, 1, entry, 0x1234), 0);
	while (mailbox_read(1) != 0x1234)
		;
	while (hvc(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
		;
	GUEST_ASSERT_EQ(mailbox_read(2) & 0xffffff, 1);
	GUEST_SYNC(1);
	GUEST_ASSERT_EQ(hvc(PSCI_SYSTEM_OFF, 0, 0, 0), RET_INTERNAL_FAILURE);
}

void guest_main(void)
{
	switch (mailbox_read(0)) {
	case 0:
		smp_boot();
		break;
	case 1:
		hvc(PSCI_SYSTEM_RESET, 0, 0, 0);
		break;
	case 2:		/* PSCI 1.0 chosen through KVM_REG_ARM_PSCI_VERSION */
		GUEST_ASSERT_EQ(hvc(PSCI_VERSION, 0, 0, 0), 0x10000);
		GUEST_ASSERT_EQ(hvc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0), 0);
		GUEST_ASSERT_EQ(hvc(PSCI_FEATURES, 0x8400001fU, 0, 0),
				RET_NOT_SUPPORTED);
		GUEST_ASSERT_EQ(hvc(SMCCC_VERSION, 0, 0, 0), 0x10001);
		break;
	case 4:		/* 1.0, then 0.2 again: HYP's answers follow */
		GUEST_ASSERT_EQ(hvc(PSCI_VERSION, 0, 0, 0), 2);
		GUEST_ASSERT_EQ(hvc(SMCCC_VERSION, 0, 0, 0), RET_NOT_SUPPORTED);
		GUEST_ASSERT_EQ(hvc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0),
				RET_NOT_SUPPORTED);
		break;
	case 3:		/* PSCI 0.1: KVM's ids only */
		GUEST_ASSERT_EQ(hvc(PSCI_VERSION, 0, 0, 0), RET_NOT_SUPPORTED);
		GUEST_ASSERT_EQ(hvc(KVM_PSCI_0_1_CPU_ON, 0, 0, 0),
				RET_INVALID_PARAMS);
		break;
	}
}
