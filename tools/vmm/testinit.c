// SPDX-License-Identifier: GPL-2.0-only
/*
 * /init of the guest initramfs the VMM boot test uses: print a marker on
 * the console and power the guest off (PSCI SYSTEM_OFF through the
 * kernel), which must end the VMM with status 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
	char msg[128];
	int fd, len;

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mkdir("/proc", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	len = snprintf(msg, sizeof(msg), "VMM-GUEST-INIT-OK cpus=%ld.\n",
		       sysconf(_SC_NPROCESSORS_ONLN));
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
