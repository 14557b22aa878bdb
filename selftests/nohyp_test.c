// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run on a host that was not entered in HYP mode: the module must refuse
 * to load with -ENODEV and say why in exactly one line, without a splat
 * (the harness checks the console for splats).
 */
#include "kvm_test.h"
#include "kselftest_harness.h"
#include "hyp_util.h"

#define MODULE_PREFIX	KVM_MODULE_NAME ": "

TEST(load_refused_with_enodev)
{
	char line[512] = "";
	int before = klog_count(MODULE_PREFIX, line, sizeof(line));

	ASSERT_LE(0, before);
	EXPECT_EQ(-ENODEV, kvm_module_load());
	EXPECT_FALSE(kvm_module_loaded());
	EXPECT_NE(0, access(KVM_DEV_PATH, F_OK));

	/* one line, naming the cause and the fix */
	EXPECT_EQ(before + 1, klog_count(MODULE_PREFIX, line, sizeof(line)));
	EXPECT_TRUE(strstr(line, "HYP mode unavailable") != NULL) TH_LOG("%s", line);
	EXPECT_TRUE(strstr(line, "virtualization=on") != NULL) TH_LOG("%s", line);
	TH_LOG("module said: %s", line);
}

TEST(refused_again_the_same_way)
{
	EXPECT_EQ(-ENODEV, kvm_module_load());
	EXPECT_EQ(-ENODEV, kvm_module_load());
	EXPECT_FALSE(kvm_module_loaded());
}

TEST_HARNESS_MAIN
