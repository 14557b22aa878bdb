/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest/host contract of the selftests, shared by the host library
 * (kvm_util.c) and the bare-metal guests (selftests/guest/).  It must build
 * both freestanding (guest) and hosted (host): <stdint.h> only.
 *
 * Guest physical memory map of a test VM:
 *
 *   0x3e000000  UCALL_MMIO_GPA: no memslot.  The guest stores (str, 4 bytes)
 *               the guest physical address of a struct ucall here; the host
 *               sees KVM_EXIT_MMIO, is_write, len 4, and reads the struct
 *               (and any strings it points to) from guest RAM.
 *   0x80000000  GUEST_RAM_GPA: memslot 0, GUEST_RAM_SIZE bytes.  The guest
 *               image is loaded at its start and entered there (pc), in SVC
 *               mode, IRQ/FIQ masked, MMU off, r0 = 0.  crt0 puts its stacks
 *               in the image's .bss.
 *   0x80100000  GUEST_MAILBOX_GPA: a page of RAM past any image, for data
 *               the host hands a guest (and reads back) at a fixed place.
 *
 * Every guest image starts with a header: a branch to the entry code, then
 * GUEST_IMAGE_MAGIC, then the number of bytes of RAM the image needs from
 * its start (text, data, .bss and stacks), so the host can check it fits.
 *
 * The MMU is off in the guest, so its accesses to RAM are not cached; the
 * host reads the same RAM through a cacheable mapping.  That is coherent on
 * QEMU (no cache model) and on hosts with coherent stage-2 handling only.
 */
#ifndef __KVM_SELFTEST_UCALL_H
#define __KVM_SELFTEST_UCALL_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

#define UCALL_MMIO_GPA		0x3e000000UL
#define GUEST_RAM_GPA		0x80000000UL
#define GUEST_RAM_SIZE		0x00200000UL
#define GUEST_MAILBOX_GPA	(GUEST_RAM_GPA + 0x00100000UL)
#define GUEST_MAILBOX_SIZE	0x1000UL

#define GUEST_IMAGE_MAGIC	0x4b564733	/* "KVG3" */

/*
 * Interrupt controller of a test VM, where the host places it (the
 * addresses kvmtool uses): a GICv2 distributor and CPU interface.
 */
#define GUEST_GICD_GPA		0x3fff0000UL
#define GUEST_GICC_GPA		0x3ffd0000UL
#define GUEST_MAX_CPUS		8
#define GUEST_IMAGE_MAGIC_OFF	4
#define GUEST_IMAGE_MEMSZ_OFF	8

#ifndef __ASSEMBLER__
enum ucall_cmd {
	UCALL_NONE,	/* not a ucall (host side only) */
	UCALL_SYNC,	/* args[0..3]: values for the host */
	UCALL_DONE,	/* the guest finished */
	UCALL_ASSERT,	/* args: file, line, expression, value */
};

#define UCALL_MAX_ARGS		4

/* Same layout in the guest and the host: both are ARM EABI. */
struct ucall {
	uint32_t cmd;
	uint32_t nargs;
	uint64_t args[UCALL_MAX_ARGS];
};

/* UCALL_ASSERT argument slots */
#define GUEST_ASSERT_FILE	0	/* guest address of __FILE__ */
#define GUEST_ASSERT_LINE	1
#define GUEST_ASSERT_EXPR	2	/* guest address of the expression text */
#define GUEST_ASSERT_VALUE	3	/* the value the guest got */
#endif /* !__ASSEMBLER__ */

#endif /* __KVM_SELFTEST_UCALL_H */
