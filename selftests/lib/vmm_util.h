/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running tools/vmm from a selftest: the VMM binary and the guest
 * initramfs sit next to the test binary; the VMM's output is collected
 * into vmm_out[] and a guest that panics or hangs is stopped.
 */
#ifndef SELFTEST_VMM_UTIL_H
#define SELFTEST_VMM_UTIL_H

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include "kvm_test.h"

#define GUEST_ZIMAGE	"/boot/zImage"	/* the host's kernel, packed for kexec */
#define OUT_MAX		(256 * 1024)
#define BOOT_TIMEOUT	180		/* seconds; QEMU TCG runs host and guest */

static char vmm_out[OUT_MAX + 1];

/* Where this binary lives: the VMM and the guest initramfs are next to it. */
static const char *helper_path(const char *name)
{
	static char path[2][512];
	static int which;
	char self[256];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	self[n > 0 ? n : 0] = '\0';
	slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	which ^= 1;
	snprintf(path[which], sizeof(path[which]), "%s/%s", slash ? self : ".", name);
	return path[which];
}

/*
 * Run the VMM with @args (argv[0] is filled in): @input (NULL: none,
 * /dev/null) on its stdin, its stdout and stderr into vmm_out[]; send it
 * @sig once its output holds @trigger (NULL: never).  A guest that panics
 * or outlives @timeout seconds is asked where its VCPUs are (SIGUSR2) and
 * killed.  Returns the exit status, or -1 if it was killed or could not
 * be run.
 */
static int run_vmm_full(const char * const *args, int timeout, const char *input,
			const char *trigger, int sig)
{
	const char *argv[32] = { helper_path("vmm") };
	char out_tmpl[] = "/tmp/vmm-out.XXXXXX", in_tmpl[] = "/tmp/vmm-in.XXXXXX";
	int out = mkstemp(out_tmpl), in = -1, status = -1;
	time_t end = time(NULL) + timeout;
	unsigned int i;
	ssize_t n;
	pid_t pid;

	vmm_out[0] = '\0';
	for (i = 0; args[i]; i++) {
		if (i + 2 >= ARRAY_SIZE(argv)) {
			fprintf(stderr, "run_vmm: more than %zu arguments\n", ARRAY_SIZE(argv) - 2);
			return -1;
		}
		argv[i + 1] = args[i];
	}
	if (out < 0)
		return -1;
	unlink(out_tmpl);
	if (input) {
		in = mkstemp(in_tmpl);
		if (in < 0 || write(in, input, strlen(input)) != (ssize_t)strlen(input))
			return -1;
		unlink(in_tmpl);
		lseek(in, 0, SEEK_SET);
	}
	pid = fork();
	if (pid == 0) {
		dup2(input ? in : open("/dev/null", O_RDONLY), 0);
		dup2(out, 1);
		dup2(out, 2);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, WNOHANG) == 0) {
		n = pread(out, vmm_out, OUT_MAX, 0);
		vmm_out[n > 0 ? n : 0] = '\0';
		if (trigger && strstr(vmm_out, trigger)) {
			kill(pid, sig);
			trigger = NULL;
		}
		if (time(NULL) > end || strstr(vmm_out, "Kernel panic - not syncing")) {
			/* the VMM prints where each VCPU is, then goes */
			kill(pid, SIGUSR2);
			sleep(3);
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			break;
		}
		usleep(100 * 1000);
	}
	n = pread(out, vmm_out, OUT_MAX, 0);
	vmm_out[n > 0 ? n : 0] = '\0';
	close(out);
	if (in >= 0)
		close(in);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static inline int run_vmm(const char * const *args, int timeout)
{
	return run_vmm_full(args, timeout, NULL, NULL, 0);
}

static inline int run_vmm_signal(const char * const *args, int timeout,
				 const char *trigger, int sig)
{
	return run_vmm_full(args, timeout, NULL, trigger, sig);
}

/*
 * The guest is the Thumb-2 test kernel.  QEMU 7.2's TCG corrupts a Thumb
 * guest's ITSTATE when any HSTR trap is set (core/coproc.c), so boots run
 * with HSTR.T15 off; cp15_test checks the trap itself.
 */
#define TRAP_IMPDEF_CP15 "/sys/module/kvm_arm32/parameters/trap_impdef_cp15"

#endif
