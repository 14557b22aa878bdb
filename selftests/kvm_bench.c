// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_bench: costs of the basic paths, for runs under -icount shift=0
 * (one instruction per nanosecond of virtual time): a guest exit handled
 * by the host, an MMIO exit to this VMM, a VM create+destroy, and the
 * memory a VCPU takes.  Prints "name value unit" lines.
 */
#include <stdio.h>
#include <time.h>

#include "kvm_util.h"

GUEST_IMAGE(bench);

#define ITERS		2000
#define VM_ITERS	100

static long memfree_kb(void)
{
	char line[128];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

int main(void)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm, *vms[8];
	struct ucall uc;
	double freq = 0, per_tick, hvc = 0, mmio = 0, loop = 0;
	uint64_t t0;
	long before, after;
	int i, j;

	vm = vm_create_guest(&vcpu, bench);
	for (;;) {
		int cmd;

		vcpu_run(vcpu);
		cmd = get_ucall(vcpu, &uc);
		if (cmd == UCALL_DONE)
			break;
		if (cmd == UCALL_NONE)	/* the benchmark's own MMIO writes */
			continue;
		if (cmd != UCALL_SYNC) {
			fprintf(stderr, "kvm_bench: unexpected guest exit %d\n", cmd);
			return 1;
		}
		switch (uc.args[0]) {
		case 0:
			freq = uc.args[1];
			break;
		case 1:
			hvc = uc.args[1];
			break;
		case 2:
			mmio = uc.args[1];
			break;
		case 3:
			loop = uc.args[1];
			break;
		}
	}
	vm_free(vm);
	per_tick = 1e9 / freq;
	printf("guest_exit_host_round_trip %.0f insns\n",
	       (hvc - loop) * per_tick / ITERS);
	printf("mmio_exit_to_vmm_round_trip %.0f insns\n",
	       (mmio - loop) * per_tick / ITERS);

	t0 = now_ns();
	for (i = 0; i < VM_ITERS; i++)
		vm_free(vm_create());
	printf("vm_create_destroy %.0f insns\n",
	       (double)(now_ns() - t0) / VM_ITERS);

	before = memfree_kb();
	for (i = 0; i < 8; i++) {
		vms[i] = vm_create();
		for (j = 0; j < 8; j++)
			vcpu_add(vms[i], j);
	}
	after = memfree_kb();
	printf("memory_per_vcpu %ld KiB\n", (before - after) / 64);
	for (i = 0; i < 8; i++)
		vm_free(vms[i]);
	return 0;
}
