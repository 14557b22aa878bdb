// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's device tree, built with libfdt's sequential-write API: what
 * a Linux guest needs to find its RAM, CPUs (PSCI), GICv2, generic timer
 * and the PL011 console; with --disk, the virtio-mmio block device.
 */
#include <stdio.h>
#include <string.h>
#include <libfdt.h>
#include "vmm.h"

#define PHANDLE_GIC	1
#define PHANDLE_CLK	2

/* GIC binding: interrupt specifier type cell */
#define GIC_SPI		0
#define GIC_PPI		1
#define IRQ_LEVEL_HIGH	4
#define IRQ_LEVEL_LOW	8

static int err;

#define CHECK(call) do { if (!err) err = (call); } while (0)

static void prop_cells(void *fdt, const char *name, const uint32_t *v, int n)
{
	fdt32_t cells[16];
	int i;

	for (i = 0; i < n; i++)
		cells[i] = cpu_to_fdt32(v[i]);
	CHECK(fdt_property(fdt, name, cells, n * sizeof(cells[0])));
}

#define PROP_CELLS(fdt, name, ...) do {						\
	const uint32_t __v[] = { __VA_ARGS__ };					\
	prop_cells(fdt, name, __v, ARRAY_SIZE(__v));		\
} while (0)

static void cpus_node(void *fdt, struct vm *vm)
{
	unsigned int i;
	char name[32];

	CHECK(fdt_begin_node(fdt, "cpus"));
	PROP_CELLS(fdt, "#address-cells", 1);
	PROP_CELLS(fdt, "#size-cells", 0);
	for (i = 0; i < vm->nr_vcpus; i++) {
		/* reg is MPIDR[23:0]: what the guest reads and PSCI CPU_ON takes */
		uint32_t reg = vm->vcpus[i].mpidr & 0xffffff;

		snprintf(name, sizeof(name), "cpu@%x", reg);
		CHECK(fdt_begin_node(fdt, name));
		CHECK(fdt_property_string(fdt, "device_type", "cpu"));
		CHECK(fdt_property_string(fdt, "compatible", "arm,cortex-a15"));
		CHECK(fdt_property_string(fdt, "enable-method", "psci"));
		PROP_CELLS(fdt, "reg", reg);
		CHECK(fdt_end_node(fdt));
	}
	CHECK(fdt_end_node(fdt));
}

static void compat2(void *fdt, const char *a, const char *b)
{
	char buf[64];
	size_t la = strlen(a) + 1, lb = strlen(b) + 1;

	memcpy(buf, a, la);
	memcpy(buf + la, b, lb);
	CHECK(fdt_property(fdt, "compatible", buf, la + lb));
}

size_t fdt_build(struct vm *vm, void *fdt, size_t size)
{
	const struct vmm_opts *o = vm->opts;
	/* PPI flags: bits [15:8] the CPUs the PPI goes to (GIC binding) */
	uint32_t ppi_cpus = ((1U << vm->nr_vcpus) - 1) << 8;
	char path[64];

	err = 0;
	CHECK(fdt_create(fdt, size));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_property_string(fdt, "compatible", "linux,dummy-virt"));
	PROP_CELLS(fdt, "#address-cells", 2);
	PROP_CELLS(fdt, "#size-cells", 2);
	PROP_CELLS(fdt, "interrupt-parent", PHANDLE_GIC);

	CHECK(fdt_begin_node(fdt, "chosen"));
	if (o->cmdline)
		CHECK(fdt_property_string(fdt, "bootargs", o->cmdline));
	if (o->initrd) {
		CHECK(fdt_property_u64(fdt, "linux,initrd-start", vm->initrd_start));
		CHECK(fdt_property_u64(fdt, "linux,initrd-end", vm->initrd_end));
	}
	snprintf(path, sizeof(path), "/pl011@%lx", UART_BASE);
	CHECK(fdt_property_string(fdt, "stdout-path", path));
	CHECK(fdt_end_node(fdt));

	snprintf(path, sizeof(path), "memory@%lx", RAM_BASE);
	CHECK(fdt_begin_node(fdt, path));
	CHECK(fdt_property_string(fdt, "device_type", "memory"));
	PROP_CELLS(fdt, "reg", 0, RAM_BASE, (uint32_t)(vm->ram_size >> 32),
		   (uint32_t)vm->ram_size);
	CHECK(fdt_end_node(fdt));

	cpus_node(fdt, vm);

	CHECK(fdt_begin_node(fdt, "psci"));
	compat2(fdt, "arm,psci-0.2", "arm,psci");
	CHECK(fdt_property_string(fdt, "method", "hvc"));
	CHECK(fdt_end_node(fdt));

	snprintf(path, sizeof(path), "intc@%lx", GICD_BASE);
	CHECK(fdt_begin_node(fdt, path));
	CHECK(fdt_property_string(fdt, "compatible", "arm,cortex-a15-gic"));
	PROP_CELLS(fdt, "#interrupt-cells", 3);
	CHECK(fdt_property(fdt, "interrupt-controller", NULL, 0));
	PROP_CELLS(fdt, "reg", 0, GICD_BASE, 0, KVM_VGIC_V2_DIST_SIZE,
		   0, GICC_BASE, 0, KVM_VGIC_V2_CPU_SIZE);
	PROP_CELLS(fdt, "phandle", PHANDLE_GIC);
	CHECK(fdt_end_node(fdt));

	/* secure, non-secure physical, virtual and hypervisor timer PPIs */
	CHECK(fdt_begin_node(fdt, "timer"));
	CHECK(fdt_property_string(fdt, "compatible", "arm,armv7-timer"));
	PROP_CELLS(fdt, "interrupts",
		   GIC_PPI, 13, ppi_cpus | IRQ_LEVEL_LOW,
		   GIC_PPI, 14, ppi_cpus | IRQ_LEVEL_LOW,
		   GIC_PPI, 11, ppi_cpus | IRQ_LEVEL_LOW,
		   GIC_PPI, 10, ppi_cpus | IRQ_LEVEL_LOW);
	CHECK(fdt_property(fdt, "always-on", NULL, 0));
	CHECK(fdt_end_node(fdt));

	CHECK(fdt_begin_node(fdt, "apb-pclk"));
	CHECK(fdt_property_string(fdt, "compatible", "fixed-clock"));
	PROP_CELLS(fdt, "#clock-cells", 0);
	PROP_CELLS(fdt, "clock-frequency", 24000000);
	CHECK(fdt_property_string(fdt, "clock-output-names", "clk24mhz"));
	PROP_CELLS(fdt, "phandle", PHANDLE_CLK);
	CHECK(fdt_end_node(fdt));

	snprintf(path, sizeof(path), "pl011@%lx", UART_BASE);
	CHECK(fdt_begin_node(fdt, path));
	compat2(fdt, "arm,pl011", "arm,primecell");
	PROP_CELLS(fdt, "reg", 0, UART_BASE, 0, UART_SIZE);
	PROP_CELLS(fdt, "interrupts", GIC_SPI, UART_SPI, IRQ_LEVEL_HIGH);
	PROP_CELLS(fdt, "clocks", PHANDLE_CLK, PHANDLE_CLK);
	{
		static const char names[] = "uartclk\0apb_pclk";

		CHECK(fdt_property(fdt, "clock-names", names, sizeof(names)));
	}
	CHECK(fdt_end_node(fdt));

	/* virtio-mmio binding; no IOMMU and coherent with the CPUs' caches */
	if (o->disk) {
		snprintf(path, sizeof(path), "virtio_mmio@%lx", VIRTIO_BASE);
		CHECK(fdt_begin_node(fdt, path));
		CHECK(fdt_property_string(fdt, "compatible", "virtio,mmio"));
		PROP_CELLS(fdt, "reg", 0, VIRTIO_BASE, 0, VIRTIO_SIZE);
		PROP_CELLS(fdt, "interrupts", GIC_SPI, VIRTIO_BLK_SPI, IRQ_LEVEL_HIGH);
		CHECK(fdt_property(fdt, "dma-coherent", NULL, 0));
		CHECK(fdt_end_node(fdt));
	}

	CHECK(fdt_end_node(fdt));
	CHECK(fdt_finish(fdt));
	if (err)
		die("building the device tree: %s", fdt_strerror(err));
	return fdt_totalsize(fdt);
}
