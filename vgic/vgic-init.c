// SPDX-License-Identifier: GPL-2.0-only
/*
 * vGICv2 set-up: the host's GIC virtualization interface, found in the
 * device tree, and the life cycle of a VM's vGIC:
 *
 *   create  (KVM_CREATE_IRQCHIP / KVM_CREATE_DEVICE)     no state yet
 *   addresses (KVM_ARM_SET_DEVICE_ADDR / ADDR group)
 *   init    (CTRL_INIT, or lazily)   SPIs allocated, no more VCPUs
 *   ready   (first KVM_RUN)          GICV in stage 2, distributor on the bus
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_irq.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "kvm_arm.h"
#include "kvm_host.h"
#include "vgic.h"
#include "../hyp/hyp.h"
#include "../mmu/stage2.h"

/* GICH registers the host touches (GICv2 5.3) */
#define GICH_HCR		0x00
#define GICH_VTR		0x04
#define GICH_VTR_LISTREGS	0x3f
#define GICH_LR0		0x100

static bool force_user_irqchip;
module_param(force_user_irqchip, bool, 0644);
MODULE_PARM_DESC(force_user_irqchip,
		 "behave as on a host without a GIC virtualization interface: no in-kernel vGIC, interrupts through KVM_IRQ_LINE CPU lines (read at VM creation)");

struct vgic_global kvm_vgic_global;
static DEFINE_PER_CPU(u8, vgic_maint_cookie);
static enum cpuhp_state vgic_cpuhp_state;

static const struct of_device_id vgic_host_gic_ids[] = {
	{ .compatible = "arm,cortex-a15-gic" },
	{ .compatible = "arm,cortex-a7-gic" },
	{ .compatible = "arm,gic-400" },
	{ }
};

/*
 * The maintenance interrupt is level-sensitive and stays asserted only
 * while GICH_HCR.En is set and GICH_MISR non-zero (GICv2 5.3.2): HYP
 * clears GICH_HCR on every exit, so by the time the host takes it there
 * is nothing left to do; the exit path has already folded the state.
 */
static irqreturn_t vgic_maintenance_handler(int irq, void *dev_id)
{
	return IRQ_HANDLED;
}

static int vgic_cpu_online(unsigned int cpu)
{
	void __iomem *gich = kvm_vgic_global.gich;
	u32 i;

	/* nothing stale for the first VCPU on this CPU */
	writel_relaxed(0, gich + GICH_HCR);
	for (i = 0; i < kvm_vgic_global.nr_lr; i++)
		writel_relaxed(0, gich + GICH_LR0 + 4 * i);
	enable_percpu_irq(kvm_vgic_global.maint_irq, IRQ_TYPE_NONE);
	return 0;
}

static int vgic_cpu_offline(unsigned int cpu)
{
	disable_percpu_irq(kvm_vgic_global.maint_irq);
	return 0;
}

/**
 * kvm_vgic_hyp_init() - find and set up the host's GIC virtual interface
 *
 * The GIC node's regions 2 and 3 are GICH and GICV, its interrupt is the
 * maintenance PPI (Documentation/devicetree/bindings/interrupt-controller/
 * arm,gic.yaml).  A host without them (Raspberry Pi 2's BCM2836 has no
 * GIC) runs guests with the userspace irqchip only: not an error.
 *
 * Context: module init, after HYP is set up.
 * Return: 0 or a negative errno for a failure that must stop the module.
 */
int kvm_vgic_hyp_init(void)
{
	struct vgic_global *g = &kvm_vgic_global;
	struct resource gich, gicv;
	struct device_node *np;
	int ret;

	np = of_find_matching_node(NULL, vgic_host_gic_ids);
	if (!np || of_address_to_resource(np, 2, &gich) ||
	    of_address_to_resource(np, 3, &gicv)) {
		pr_info("no GICv2 virtualization interface in the device tree: userspace irqchip only\n");
		of_node_put(np);
		return 0;
	}
	/*
	 * The GIC driver mapped this PPI at boot (for KVM, gic_v2_kvm_info)
	 * and keeps the mapping: it is looked up here, never disposed of.
	 */
	g->maint_irq = irq_of_parse_and_map(np, 0);
	of_node_put(np);
	if (!g->maint_irq) {
		pr_warn("GIC maintenance interrupt missing: userspace irqchip only\n");
		return 0;
	}
	/* the guest's CPU interface is 8 KiB of GICV, mapped page by page */
	if (!PAGE_ALIGNED(gich.start) || !PAGE_ALIGNED(gicv.start) ||
	    resource_size(&gicv) < VGIC_V2_CPU_SIZE) {
		pr_warn("GICH %pR / GICV %pR not usable (alignment, size): userspace irqchip only\n",
			&gich, &gicv);
		return 0;
	}
	g->gich_pa = gich.start;
	g->gicv_pa = gicv.start;

	g->gich = ioremap(g->gich_pa, PAGE_SIZE);
	if (!g->gich)
		return -ENOMEM;
	g->nr_lr = (readl_relaxed(g->gich + GICH_VTR) & GICH_VTR_LISTREGS) + 1;

	ret = kvm_hyp_map_io(g->gich, g->gich_pa, PAGE_SIZE);
	if (ret)
		goto out_unmap;
	kvm_vgic_hyp.gich = g->gich;

	ret = request_percpu_irq(g->maint_irq, vgic_maintenance_handler,
				 "kvm-arm32 vgic", &vgic_maint_cookie);
	if (ret) {
		pr_err("cannot take the GIC maintenance interrupt %d: %d\n",
		       g->maint_irq, ret);
		goto out_hyp_unmap;
	}
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "kvm-arm32/vgic:online",
				vgic_cpu_online, vgic_cpu_offline);
	if (ret < 0)
		goto out_free_irq;
	vgic_cpuhp_state = ret;
	g->present = true;
	pr_info("vGICv2: GICH %pa, GICV %pa, %u list registers, maintenance IRQ %d\n",
		&g->gich_pa, &g->gicv_pa, g->nr_lr, g->maint_irq);
	return 0;

out_free_irq:
	free_percpu_irq(g->maint_irq, &vgic_maint_cookie);
out_hyp_unmap:
	kvm_hyp_unmap((void __force *)g->gich, (void __force *)g->gich + PAGE_SIZE);
out_unmap:
	iounmap(g->gich);
	g->gich = NULL;
	return ret;
}

/**
 * kvm_vgic_hyp_exit() - undo kvm_vgic_hyp_init()
 *
 * Context: module exit; no VM exists.
 */
void kvm_vgic_hyp_exit(void)
{
	struct vgic_global *g = &kvm_vgic_global;

	if (!g->present)
		return;
	cpuhp_remove_state(vgic_cpuhp_state);
	free_percpu_irq(g->maint_irq, &vgic_maint_cookie);
	kvm_hyp_unmap((void __force *)g->gich, (void __force *)g->gich + PAGE_SIZE);
	iounmap(g->gich);
	memset(g, 0, sizeof(*g));
}

/**
 * kvm_vgic_present() - can VMs have an in-kernel vGIC?
 *
 * Return: false without a GIC virtualization interface, or when the
 * force_user_irqchip parameter says to behave so.
 */
bool kvm_vgic_present(void)
{
	return kvm_vgic_global.present && !READ_ONCE(force_user_irqchip);
}

/**
 * kvm_vgic_create() - give a VM an in-kernel vGICv2
 * @kvm: the VM
 *
 * Context: kvm->lock held.
 * Return: 0, -EEXIST if it has one, -EBUSY once a VCPU has run, -ENODEV
 * when the host cannot provide one.
 */
int kvm_vgic_create(struct kvm *kvm)
{
	struct vgic_dist *dist = &kvm->vgic;
	unsigned int i;

	lockdep_assert_held(&kvm->lock);
	if (kvm->user_irqchip_only)
		return -ENODEV;
	if (dist->created)
		return -EEXIST;
	for (i = 0; i < KVM_MAX_VCPUS; i++)
		if (kvm->vcpus[i] && READ_ONCE(kvm->vcpus[i]->has_run_once))
			return -EBUSY;

	raw_spin_lock_init(&dist->lock);
	dist->dist_base = VGIC_ADDR_UNDEF;
	dist->cpu_base = VGIC_ADDR_UNDEF;
	/* irqchip_in_kernel() readers see the addresses set up first */
	smp_store_release(&dist->created, true);
	return 0;
}

/**
 * kvm_vgic_set_nr_irqs() - KVM_DEV_ARM_VGIC_GRP_NR_IRQS
 * @kvm: the VM
 * @nr_irqs: SGIs + PPIs + SPIs: a multiple of 32 from 64 to 1023
 *
 * Context: kvm->lock held.
 * Return: 0, -EINVAL out of range, -EBUSY when already set or initialised.
 */
int kvm_vgic_set_nr_irqs(struct kvm *kvm, u32 nr_irqs)
{
	lockdep_assert_held(&kvm->lock);
	if (nr_irqs < VGIC_NR_PRIVATE_IRQS + 32 || nr_irqs > VGIC_MAX_SPI + 4 ||
	    nr_irqs % 32)
		return -EINVAL;
	if (kvm->vgic.initialized || kvm->vgic.nr_spis)
		return -EBUSY;
	kvm->vgic.nr_spis = nr_irqs - VGIC_NR_PRIVATE_IRQS;
	return 0;
}

/**
 * kvm_vgic_init() - allocate the distributor's state (CTRL_INIT)
 * @kvm: the VM, with all its VCPUs created
 *
 * SPIs reset to level-sensitive, disabled, priority 0, targeting CPU 0.
 * Idempotent.
 *
 * Context: kvm->lock held.
 * Return: 0, -ENODEV without a vGIC, -ENOMEM.
 */
int kvm_vgic_init(struct kvm *kvm)
{
	struct vgic_dist *dist = &kvm->vgic;
	u32 i;

	lockdep_assert_held(&kvm->lock);
	if (!dist->created)
		return -ENODEV;
	if (dist->initialized)
		return 0;
	if (!dist->nr_spis)
		dist->nr_spis = VGIC_NR_IRQS_LEGACY - VGIC_NR_PRIVATE_IRQS;
	dist->spis = kcalloc(dist->nr_spis, sizeof(*dist->spis),
			     GFP_KERNEL_ACCOUNT);
	if (!dist->spis)
		return -ENOMEM;
	for (i = 0; i < dist->nr_spis; i++) {
		struct vgic_irq *irq = &dist->spis[i];

		INIT_LIST_HEAD(&irq->ap_list);
		irq->intid = VGIC_NR_PRIVATE_IRQS + i;
		irq->config = VGIC_CONFIG_LEVEL;
		irq->target_vcpu = kvm->vcpus[0];
	}
	/* injection tests this without the lock: state first */
	smp_store_release(&dist->initialized, true);
	return 0;
}

static int vgic_check_range(u64 base, u64 size, u64 other,
			    u64 other_size)
{
	if (!IS_ALIGNED(base, SZ_4K))
		return -EINVAL;
	if (base + size < base || base + size > KVM_PHYS_SIZE)
		return -E2BIG;
	if (other != VGIC_ADDR_UNDEF && base < other + other_size &&
	    other < base + size)
		return -EINVAL;
	return 0;
}

/**
 * kvm_vgic_addr() - where the guest sees the distributor or CPU interface
 * @kvm: the VM
 * @type: KVM_VGIC_V2_ADDR_TYPE_DIST (4 KiB) or _CPU (8 KiB)
 * @addr: the guest physical address to set, or where to return it
 * @write: set (true) or read back
 *
 * Context: process context; takes kvm->lock.
 * Return: 0, -ENXIO without a vGIC, -ENODEV for an unknown type, -EINVAL
 * when not 4 KiB aligned or overlapping the other region, -E2BIG beyond
 * the IPA space, -EEXIST when already set, -EBUSY after the first run.
 */
int kvm_vgic_addr(struct kvm *kvm, unsigned long type, u64 *addr, bool write)
{
	struct vgic_dist *dist = &kvm->vgic;
	u64 *slot, *other, size, other_size;
	int ret = 0;

	switch (type) {
	case KVM_VGIC_V2_ADDR_TYPE_DIST:
		slot = &dist->dist_base;
		other = &dist->cpu_base;
		size = VGIC_V2_DIST_SIZE;
		other_size = VGIC_V2_CPU_SIZE;
		break;
	case KVM_VGIC_V2_ADDR_TYPE_CPU:
		slot = &dist->cpu_base;
		other = &dist->dist_base;
		size = VGIC_V2_CPU_SIZE;
		other_size = VGIC_V2_DIST_SIZE;
		break;
	default:
		return -ENODEV;
	}

	mutex_lock(&kvm->lock);
	if (!dist->created) {
		ret = -ENXIO;
	} else if (!write) {
		*addr = *slot;
	} else if (dist->ready) {
		ret = -EBUSY;
	} else if (*slot != VGIC_ADDR_UNDEF) {
		ret = -EEXIST;
	} else {
		ret = vgic_check_range(*addr, size, *other, other_size);
		if (!ret)
			*slot = *addr;
	}
	mutex_unlock(&kvm->lock);
	return ret;
}

/* ---- the distributor on the MMIO bus ------------------------------------ */

static int vgic_dist_mmio(struct kvm_vcpu *vcpu, u64 addr, int len,
			  bool is_write, u8 *data)
{
	u32 offset = addr - vcpu->kvm->vgic.dist_base, val;
	int i, n = len == 8 ? 2 : 1, w = len == 8 ? 4 : len;

	/* LDRD/STRD: two word accesses (GIC registers are 32 bits wide) */
	for (i = 0; i < n; i++) {
		val = 0;
		if (is_write)
			memcpy(&val, data + 4 * i, w);
		val = le32_to_cpu((__force __le32)val);
		vgic_dist_access(vcpu, offset + 4 * i, w, is_write, &val);
		if (!is_write) {
			val = (__force u32)cpu_to_le32(val);
			memcpy(data + 4 * i, &val, w);
		}
	}
	return 0;
}

static int vgic_dist_read(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
			  u64 addr, int len, void *val)
{
	return vgic_dist_mmio(vcpu, addr, len, false, val);
}

static int vgic_dist_write(struct kvm_vcpu *vcpu, struct kvm_io_device *dev,
			   u64 addr, int len, const void *val)
{
	return vgic_dist_mmio(vcpu, addr, len, true, (void *)val);
}

static const struct kvm_io_device_ops vgic_dist_ops = {
	.read = vgic_dist_read,
	.write = vgic_dist_write,
};

/**
 * kvm_vgic_map_resources() - make the vGIC visible to the guest
 * @kvm: the VM, at a VCPU's first KVM_RUN
 *
 * The host's GICV goes into stage 2 at the CPU interface address, so the
 * guest acknowledges and completes interrupts at GICV without a trap;
 * the distributor is emulated behind the MMIO bus.
 *
 * Context: process context; takes kvm->lock and kvm->slots_lock.
 * Return: 0, -ENXIO if an address was not set, or an allocation error.
 */
int kvm_vgic_map_resources(struct kvm *kvm)
{
	struct vgic_dist *dist = &kvm->vgic;
	int ret = 0;

	mutex_lock(&kvm->lock);
	if (dist->ready)
		goto out;
	ret = kvm_vgic_init(kvm);
	if (ret)
		goto out;
	if (dist->dist_base == VGIC_ADDR_UNDEF ||
	    dist->cpu_base == VGIC_ADDR_UNDEF) {
		pr_warn_ratelimited("vm%u: set the vGIC distributor and CPU interface addresses before KVM_RUN\n",
				    kvm->vm_id);
		ret = -ENXIO;
		goto out;
	}
	ret = kvm_stage2_map_device(kvm, dist->cpu_base, kvm_vgic_global.gicv_pa,
				    VGIC_V2_CPU_SIZE);
	if (ret)
		goto out;
	dist->dist_iodev.ops = &vgic_dist_ops;
	mutex_lock(&kvm->slots_lock);
	ret = kvm_io_bus_register_dev(kvm, dist->dist_base, VGIC_V2_DIST_SIZE,
				      &dist->dist_iodev);
	mutex_unlock(&kvm->slots_lock);
	if (ret)
		goto out;
	dist->ready = true;
out:
	mutex_unlock(&kvm->lock);
	return ret;
}

/**
 * kvm_vgic_destroy() - free a VM's vGIC
 * @kvm: the VM being destroyed; no VCPU runs and nothing injects
 *
 * The GICV mapping goes with stage 2.
 */
void kvm_vgic_destroy(struct kvm *kvm)
{
	struct vgic_dist *dist = &kvm->vgic;

	if (dist->ready) {
		mutex_lock(&kvm->slots_lock);
		kvm_io_bus_unregister_dev(kvm, &dist->dist_iodev);
		mutex_unlock(&kvm->slots_lock);
	}
	kfree(dist->spis);
	dist->spis = NULL;
}
