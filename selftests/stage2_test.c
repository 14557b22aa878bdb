// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stage 2: guest RAM backed by a transparent huge page is mapped with a
 * 2 MiB block, and the guest sees the memory the VMM wrote.
 */
#include <stdio.h>
#include <string.h>

#include "kvm_util.h"
#include "kselftest_harness.h"

GUEST_IMAGE(checksum);

#define THP_ENABLED	"/sys/kernel/mm/transparent_hugepage/enabled"
#define BLOCKS		"/sys/kernel/debug/kvm-arm32/stage2_blocks"

static long read_long(const char *path)
{
	char buf[64];
	long v = -1;
	FILE *f = fopen(path, "r");

	if (f && fgets(buf, sizeof(buf), f))
		v = strtol(buf, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

/* AnonHugePages of this process, in KiB (smaps_rollup). */
static long anon_huge_kb(void)
{
	char line[128];
	long kb = 0, v;
	FILE *f = fopen("/proc/self/smaps_rollup", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "AnonHugePages: %ld kB", &v) == 1)
			kb = v;
	if (f)
		fclose(f);
	return kb;
}

TEST(huge_page_backed_ram_maps_a_block)
{
	const uint32_t *p = (const uint32_t *)guest_checksum_start;
	size_t size = GUEST_IMAGE_SIZE(checksum), i;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	uint32_t sum = 0;
	long before;

	if (access(THP_ENABLED, F_OK))
		SKIP(return, "no transparent huge pages on this host (LPAE only)");
	for (i = 0; i < size / 4; i++)
		sum += p[i];

	before = read_long(BLOCKS);
	ASSERT_LE(0, before);
	vm = vm_create_guest(&vcpu, checksum);
	/* the 2 MiB-aligned RAM the VMM touched is one huge page */
	if (anon_huge_kb() < 2048) {
		vm_free(vm);
		SKIP(return, "the kernel did not back guest RAM with a huge page");
	}
	ASSERT_EQ(UCALL_SYNC, vcpu_run_ucall(vcpu, &uc));
	EXPECT_EQ(sum, uc.args[0]);
	EXPECT_EQ(size, uc.args[1]);
	EXPECT_LT(before, read_long(BLOCKS));
	vcpu_run_expect_done(vcpu);
	vm_free(vm);
}

TEST_HARNESS_MAIN
