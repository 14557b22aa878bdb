/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CP15 registers HYP code touches, named by their (CRn, Op1, CRm, Op2)
 * encodings from the ARM ARM (B4.1, B8.2), for the kernel's accessors.
 */
#ifndef __KVM_ARM32_HYP_SYSREG_H
#define __KVM_ARM32_HYP_SYSREG_H

#include <linux/stringify.h>
#include <linux/types.h>

/* __ACCESS_CP15(), read_sysreg(), write_sysreg() */
#include <asm/vdso/cp15.h>

/* Hyp configuration and control (B4.1) */
#define HCR		__ACCESS_CP15(c1, 4, c1, 0)
#define HDCR		__ACCESS_CP15(c1, 4, c1, 1)
#define HCPTR		__ACCESS_CP15(c1, 4, c1, 2)
#define HSTR		__ACCESS_CP15(c1, 4, c1, 3)
#define HSCTLR		__ACCESS_CP15(c1, 4, c0, 0)
#define HTCR		__ACCESS_CP15(c2, 4, c0, 2)
#define VTCR		__ACCESS_CP15(c2, 4, c1, 2)
#define HTTBR		__ACCESS_CP15_64(4, c2)
#define VTTBR		__ACCESS_CP15_64(6, c2)
#define HSR		__ACCESS_CP15(c5, 4, c2, 0)
#define HDFAR		__ACCESS_CP15(c6, 4, c0, 0)
#define HIFAR		__ACCESS_CP15(c6, 4, c0, 2)
#define HPFAR		__ACCESS_CP15(c6, 4, c0, 4)
#define HVBAR		__ACCESS_CP15(c12, 4, c0, 0)
#define HTPIDR		__ACCESS_CP15(c13, 4, c0, 2)
#define VPIDR		__ACCESS_CP15(c0, 4, c0, 0)
#define VMPIDR		__ACCESS_CP15(c0, 4, c0, 5)
#define CNTHCTL		__ACCESS_CP15(c14, 4, c1, 0)
#define CNTVOFF		__ACCESS_CP15_64(4, c14)
#define CNTV_CTL	__ACCESS_CP15(c14, 0, c3, 1)
#define CNTV_CVAL	__ACCESS_CP15_64(3, c14)

/* The Non-secure PL1 registers host and guest take turns in */
#define CSSELR		__ACCESS_CP15(c0, 2, c0, 0)
#define SCTLR		__ACCESS_CP15(c1, 0, c0, 0)
#define CPACR		__ACCESS_CP15(c1, 0, c0, 2)
#define TTBR0		__ACCESS_CP15_64(0, c2)
#define TTBR1		__ACCESS_CP15_64(1, c2)
#define TTBCR		__ACCESS_CP15(c2, 0, c0, 2)
#define DACR		__ACCESS_CP15(c3, 0, c0, 0)
#define DFSR		__ACCESS_CP15(c5, 0, c0, 0)
#define IFSR		__ACCESS_CP15(c5, 0, c0, 1)
#define ADFSR		__ACCESS_CP15(c5, 0, c1, 0)
#define AIFSR		__ACCESS_CP15(c5, 0, c1, 1)
#define DFAR		__ACCESS_CP15(c6, 0, c0, 0)
#define IFAR		__ACCESS_CP15(c6, 0, c0, 2)
#define PAR		__ACCESS_CP15_64(0, c7)
#define PRRR		__ACCESS_CP15(c10, 0, c2, 0)
#define NMRR		__ACCESS_CP15(c10, 0, c2, 1)
#define AMAIR0		__ACCESS_CP15(c10, 0, c3, 0)
#define AMAIR1		__ACCESS_CP15(c10, 0, c3, 1)
#define VBAR		__ACCESS_CP15(c12, 0, c0, 0)
#define CID		__ACCESS_CP15(c13, 0, c0, 1)
#define TID_URW		__ACCESS_CP15(c13, 0, c0, 2)
#define TID_URO		__ACCESS_CP15(c13, 0, c0, 3)
#define TID_PRIV	__ACCESS_CP15(c13, 0, c0, 4)
#define CNTKCTL		__ACCESS_CP15(c14, 0, c1, 0)

/* Cache maintenance (B4.2.1): write-only, the written value is ignored */
#define ICIALLUIS	__ACCESS_CP15(c7, 0, c1, 0)

#endif /* __KVM_ARM32_HYP_SYSREG_H */
