// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run on a host that was not entered in HYP mode: the module must refuse
 * to load with -ENODEV and say why in exactly one line, without a splat
 * (the harness checks the console for splats).
 */
#include <string.h>
#include <sys/klog.h>

#include "kvm_test.h"
#include "kselftest_harness.h"

#define SYSLOG_ACTION_READ_ALL	3
#define SYSLOG_ACTION_SIZE_BUFFER 10

/*
 * Count the module's own kernel log lines (not the kernel's one-time taint
 * notice, which carries the module's name too); keep the last in @last.
 */
static int module_log_lines(char *last, size_t len)
{
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf, *line, *save;
	int n = 0;

	if (size <= 0)
		return -1;
	buf = malloc(size + 1);
	if (!buf)
		return -1;
	size = klogctl(SYSLOG_ACTION_READ_ALL, buf, size);
	if (size < 0) {
		free(buf);
		return -1;
	}
	buf[size] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, KVM_MODULE_NAME ": ") &&
		    !strstr(line, "taints kernel")) {
			n++;
			snprintf(last, len, "%s", line);
		}
	}
	free(buf);
	return n;
}

TEST(load_refused_with_enodev)
{
	char line[512] = "";
	int before = module_log_lines(line, sizeof(line));

	ASSERT_LE(0, before);
	EXPECT_EQ(-ENODEV, kvm_module_load());
	EXPECT_FALSE(kvm_module_loaded());
	EXPECT_NE(0, access(KVM_DEV_PATH, F_OK));

	/* one line, naming the cause and the fix */
	EXPECT_EQ(before + 1, module_log_lines(line, sizeof(line)));
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
