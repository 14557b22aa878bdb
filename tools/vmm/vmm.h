/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmm: a minimal VMM for the kvm-arm32 module.  Shared declarations.
 */
#ifndef VMM_H
#define VMM_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/kvm.h>

/* Guest physical memory map (the layout kvmtool uses for arm32). */
#define RAM_BASE	0x80000000UL
#define GICD_BASE	0x3fff0000UL
#define GICC_BASE	0x3ffd0000UL
#define UART_BASE	0x09000000UL
#define UART_SIZE	0x1000UL
#define UART_SPI	1		/* INTID 32 + 1 */
#define VIRTIO_BASE	0x0a000000UL	/* virtio-mmio transports, as QEMU's virt */
#define VIRTIO_SIZE	0x200UL
#define VIRTIO_BLK_SPI	2		/* INTID 32 + 2 */
#define VTIMER_PPI	27		/* the virtual timer's PPI (GICv2 INTID) */
#define GIC_NR_IRQS	64		/* 32 private + 32 SPIs */
#define MAX_CPUS	8
#define IMAGE_OFFSET	0x8000UL	/* zImage: text at RAM base + 32 KiB */
#define DTB_MAX		0x10000UL

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

enum irqchip_kind { IRQCHIP_KERNEL, IRQCHIP_USER };

struct vmm_opts {
	const char *kernel;
	const char *initrd;
	const char *dtb;
	const char *cmdline;
	const char *disk;		/* --disk: virtio-mmio block backing file */
	uint64_t mem;
	unsigned int cpus;
	enum irqchip_kind irqchip;
};

struct vcpu {
	int id;
	int fd;
	struct kvm_run *run;
	uint32_t mpidr;
	pthread_t thread;
	struct vm *vm;
};

struct vm {
	const struct vmm_opts *opts;
	int kvm_fd;
	int fd;
	int gic_fd;
	uint8_t *ram;
	uint64_t ram_size;
	size_t run_size;
	struct kvm_vcpu_init init;
	unsigned int nr_vcpus;
	struct vcpu vcpus[MAX_CPUS];
	bool booted;			/* images loaded once: a reset must clear RAM */
	/* image placement, filled by the loader */
	uint64_t initrd_start, initrd_end, dtb_addr;
};

/* args.c / main.c */
_Noreturn void die(const char *fmt, ...);

/* vm.c */
void vm_create(struct vm *vm, const struct vmm_opts *opts);
void vm_reset_vcpus(struct vm *vm);
uint32_t vcpu_get_reg(struct vcpu *vcpu, uint64_t id);
void vcpu_set_reg(struct vcpu *vcpu, uint64_t id, uint32_t val);
void vcpu_dump(struct vcpu *vcpu);
/* a device's SPI: to the vGIC, or to the GIC emulated here (--irqchip user) */
void vm_irq_line(struct vm *vm, unsigned int spi, int level);
void *guest_ptr(struct vm *vm, uint64_t gpa, uint64_t len);

/* loader.c */
void load_images(struct vm *vm);

/* fdt.c */
size_t fdt_build(struct vm *vm, void *buf, size_t size);

/* mmio.c */
typedef uint32_t (*mmio_read_fn)(void *opaque, uint64_t off, unsigned int len);
typedef void (*mmio_write_fn)(void *opaque, uint64_t off, uint32_t val, unsigned int len);
void mmio_register(uint64_t base, uint64_t size, mmio_read_fn rd, mmio_write_fn wr,
		   void *opaque);
void mmio_handle(struct vcpu *vcpu);
struct vcpu *mmio_vcpu(void);	/* in a handler: the VCPU that accessed */

/* pl011.c */
void pl011_init(struct vm *vm);

/*
 * gic_user.c: a GICv2 distributor and CPU interface emulated in the VMM for
 * --irqchip user, at GICD_BASE/GICC_BASE.  It drives each VCPU's IRQ line
 * with KVM_IRQ_LINE (type CPU) and takes the virtual timer's level from
 * run->s.regs.device_irq_level (KVM_CAP_ARM_USER_IRQ) as PPI 27.
 */
void ugic_init(struct vm *vm);
void ugic_set_irq(struct vm *vm, unsigned int intid, int level);
void ugic_vcpu_sync(struct vcpu *vcpu);	/* after each KVM_RUN of @vcpu */

/* virtio_blk.c: virtio-mmio block device on --disk FILE */
void virtio_blk_init(struct vm *vm, const char *path);

#endif
