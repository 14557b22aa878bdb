/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tracepoints of the host side: /sys/kernel/tracing/events/kvm_arm32/.
 *
 * A disabled tracepoint is a static branch over the call, so these may sit
 * on the world-switch path.  HYP code (hyp/) must never include this file:
 * it runs in another translation regime, where the tracing code and its
 * buffers are not mapped.  Every event is listed in
 * Documentation/observability.rst.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kvm_arm32

#if !defined(_KVM_ARM32_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _KVM_ARM32_TRACE_H

#include <linux/string.h>
#include <linux/tracepoint.h>

#include "kvm_host.h"
#include "../hyp/hyp.h"

/*
 * Events take the VCPU and read its registers in TP_fast_assign: the
 * arguments of a tracepoint are evaluated even when it is disabled, and
 * vcpu_pc()/vcpu_reg() are calls the compiler cannot drop.
 */

TRACE_EVENT(kvm_arm32_entry,
	TP_PROTO(struct kvm_vcpu *vcpu),
	TP_ARGS(vcpu),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(u32, pc)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu->vcpu_id;
		__entry->pc = *vcpu_pc(vcpu);
	),

	TP_printk("vcpu %u pc 0x%08x", __entry->vcpu_id, __entry->pc)
);

TRACE_EVENT(kvm_arm32_exit,
	TP_PROTO(struct kvm_vcpu *vcpu, long type),
	TP_ARGS(vcpu, type),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(long, type)
		__field(u32, ec)
		__field(u32, pc)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu->vcpu_id;
		__entry->type = type;
		/* HSR.EC is only meaningful for a trap: 0 otherwise */
		__entry->ec = type == ARM_EXCEPTION_TRAP ?
			      vcpu->fault.hsr >> HSR_EC_SHIFT : 0;
		__entry->pc = *vcpu_pc(vcpu);
	),

	TP_printk("vcpu %u %s ec 0x%02x (%s) pc 0x%08x", __entry->vcpu_id,
		  __print_symbolic(__entry->type,
				   /* what KVM_HCALL_VCPU_RUN returns */
				   { ARM_EXCEPTION_TRAP, "TRAP" },
				   { ARM_EXCEPTION_IRQ, "IRQ" },
				   { ARM_EXCEPTION_FIQ, "FIQ" }),
		  __entry->ec,
		  __print_symbolic(__entry->ec,
				   /* B3.13.6 "Use of the HSR" */
				   { 0x00, "UNKNOWN" },
				   { 0x01, "WFx" },
				   { 0x03, "CP15_32" },
				   { 0x04, "CP15_64" },
				   { 0x05, "CP14_MR" },
				   { 0x06, "CP14_LS" },
				   { 0x07, "CP_0_13" },
				   { 0x08, "CP10_ID" },
				   { 0x0c, "CP14_64" },
				   { 0x12, "HVC" },
				   { 0x13, "SMC" },
				   { 0x20, "IABT" },
				   { 0x24, "DABT" }),
		  __entry->pc)
);

TRACE_EVENT(kvm_arm32_guest_fault,
	TP_PROTO(unsigned int vcpu_id, u32 hsr, u64 ipa, u32 hxfar),
	TP_ARGS(vcpu_id, hsr, ipa, hxfar),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(u32, hsr)
		__field(u64, ipa)
		__field(u32, hxfar)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu_id;
		__entry->hsr = hsr;
		__entry->ipa = ipa;
		__entry->hxfar = hxfar;
	),

	TP_printk("vcpu %u hsr 0x%08x ipa 0x%010llx hxfar 0x%08x",
		  __entry->vcpu_id, __entry->hsr, __entry->ipa, __entry->hxfar)
);

TRACE_EVENT(kvm_arm32_mmio,
	TP_PROTO(unsigned int vcpu_id, bool is_write, unsigned int len,
		 u64 gpa, const void *data, bool in_kernel),
	TP_ARGS(vcpu_id, is_write, len, gpa, data, in_kernel),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(bool, is_write)
		__field(bool, in_kernel)
		__field(unsigned int, len)
		__field(u64, gpa)
		__field(u64, val)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu_id;
		__entry->is_write = is_write;
		__entry->in_kernel = in_kernel;
		__entry->len = len;
		__entry->gpa = gpa;
		/* memory order, as in kvm_run->mmio.data */
		__entry->val = 0;
		memcpy(&__entry->val, data, min(len, 8U));
	),

	TP_printk("vcpu %u %s len %u gpa 0x%010llx val 0x%llx by %s",
		  __entry->vcpu_id, __entry->is_write ? "write" : "read",
		  __entry->len, __entry->gpa, __entry->val,
		  __entry->in_kernel ? "kernel" : "user")
);

TRACE_EVENT(kvm_arm32_hvc,
	TP_PROTO(struct kvm_vcpu *vcpu),
	TP_ARGS(vcpu),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(u32, pc)
		__field(u32, r0)
		__field(u32, imm)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu->vcpu_id;
		__entry->pc = *vcpu_pc(vcpu);
		__entry->r0 = *vcpu_reg(vcpu, 0);
		/* the HVC's immediate is HSR.ISS[15:0] (B3.13.6) */
		__entry->imm = vcpu->fault.hsr & 0xffff;
	),

	TP_printk("vcpu %u pc 0x%08x r0 0x%08x imm 0x%04x",
		  __entry->vcpu_id, __entry->pc, __entry->r0, __entry->imm)
);

TRACE_EVENT(kvm_arm32_irq_line,
	TP_PROTO(unsigned int type, unsigned int vcpu_idx, unsigned int num,
		 int level),
	TP_ARGS(type, vcpu_idx, num, level),

	TP_STRUCT__entry(
		__field(unsigned int, type)
		__field(unsigned int, vcpu_idx)
		__field(unsigned int, num)
		__field(int, level)
	),

	TP_fast_assign(
		__entry->type = type;
		__entry->vcpu_idx = vcpu_idx;
		__entry->num = num;
		__entry->level = level;
	),

	TP_printk("type %s vcpu %u irq %u level %d",
		  __print_symbolic(__entry->type,
				   /* KVM_ARM_IRQ_TYPE_* */
				   { 0, "CPU" },
				   { 1, "SPI" },
				   { 2, "PPI" }),
		  __entry->vcpu_idx, __entry->num, __entry->level)
);

TRACE_EVENT(kvm_arm32_vgic_eoi,
	TP_PROTO(unsigned int vcpu_id, u32 intid, bool line_level),
	TP_ARGS(vcpu_id, intid, line_level),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(u32, intid)
		__field(bool, line_level)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu_id;
		__entry->intid = intid;
		__entry->line_level = line_level;
	),

	TP_printk("vcpu %u intid %u line %s", __entry->vcpu_id,
		  __entry->intid, __entry->line_level ? "high" : "low")
);

TRACE_EVENT(kvm_arm32_timer_inject,
	TP_PROTO(unsigned int vcpu_id, bool level, bool in_kernel),
	TP_ARGS(vcpu_id, level, in_kernel),

	TP_STRUCT__entry(
		__field(unsigned int, vcpu_id)
		__field(bool, level)
		__field(bool, in_kernel)
	),

	TP_fast_assign(
		__entry->vcpu_id = vcpu_id;
		__entry->level = level;
		__entry->in_kernel = in_kernel;
	),

	TP_printk("vcpu %u level %d to %s", __entry->vcpu_id,
		  __entry->level, __entry->in_kernel ? "vgic" : "user")
);

#endif /* _KVM_ARM32_TRACE_H */

/*
 * An out-of-tree module: define_trace.h includes this file again by
 * TRACE_INCLUDE_PATH/TRACE_INCLUDE_FILE.h, which the -I$(src)/core of the
 * Kbuild turns into this directory.
 */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace

#include <trace/define_trace.h>
