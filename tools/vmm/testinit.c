// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the guest initramfs the VMM boot test uses: print a marker on
 * the console and power the guest off (PSCI SYSTEM_OFF through the
 * kernel), which must end the VMM with status 0.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

/* CNTVCT and CNTFRQ (B8.2): the virtual counter runs from VM creation */
static double seconds_since_start(void)
{
	uint32_t lo, hi, freq;

	__asm__ __volatile__("isb; mrrc p15, 1, %0, %1, c14" : "=r"(lo), "=r"(hi));
	__asm__ __volatile__("mrc p15, 0, %0, c14, c0, 0" : "=r"(freq));
	return freq ? (((uint64_t)hi << 32) | lo) / (double)freq : 0;
}

int main(void)
{
	char msg[160];
	int fd, len;
	double t = seconds_since_start();

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/proc", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	/*
	 * The counter's reading when /init started: under the module, time
	 * since the VM was created; booted directly, since reset (make bench).
	 */
	len = snprintf(msg, sizeof(msg), "VMM-GUEST-INIT-OK cpus=%ld.\nVMM-GUEST-INIT-AT %.9f s\n",
		       sysconf(_SC_NPROCESSORS_ONLN), t);
	fd = open("/dev/console", O_WRONLY | O_NOCTTY);
	if (fd >= 0) {
		if (write(fd, msg, len) == len)
			tcdrain(fd);	/* out of the UART before the power goes */
		close(fd);
	}
	sync();
	reboot(RB_POWER_OFF);
	return 1;
}
