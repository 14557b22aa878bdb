// SPDX-License-Identifier: GPL-2.0-only
/*
 * TEMPORARY, development branch only: entry points of parts being written
 * in parallel.  Each part deletes its section when it lands; this file
 * must be empty (and gone) before anything reaches main.
 */
#include <linux/errno.h>

#include "kvm_host.h"

/* ==== section vgic-core: landed ==== */

/* ==== section vgic-mmio (vgic/vgic-mmio.c, vgic/vgic-kvm-device.c) ==== */
/* ==== end vgic-mmio ==== */

/* ==== section timer (arch_timer/) ==== */
/* ==== end timer ==== */

/* ==== section irq (core/iobus.c, core/eventfd.c, core/irq.c) ==== */
/* ==== end irq ==== */
