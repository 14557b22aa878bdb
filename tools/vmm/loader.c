// SPDX-License-Identifier: GPL-2.0-only
/*
 * Loader: the kernel image at RAM base + 32 KiB (where a zImage expects to
 * run, and a raw Image too), the initrd just below the DTB, the DTB 2 MiB
 * aligned below the top of the lowest 256 MiB of RAM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libfdt.h>
#include "vmm.h"

/* Read all of @path into guest memory at @gpa, at most @max bytes. */
static uint64_t load_file(struct vm *vm, const char *path, const char *what,
			  uint64_t gpa, uint64_t max)
{
	struct stat st;
	uint64_t done = 0;
	uint8_t *dst;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st))
		die("cannot read the %s %s: %s", what, path, strerror(errno));
	if ((uint64_t)st.st_size > max)
		die("the %s %s (%lld bytes) does not fit in guest RAM: give more --mem",
		    what, path, (long long)st.st_size);
	dst = guest_ptr(vm, gpa, st.st_size);
	if (!dst)
		die("the %s %s does not fit in guest RAM: give more --mem", what, path);
	while (done < (uint64_t)st.st_size) {
		ssize_t n = read(fd, dst + done, st.st_size - done);

		if (n <= 0)
			die("reading the %s %s: %s", what, path,
			    n ? strerror(errno) : "file shrank");
		done += n;
	}
	close(fd);
	return done;
}

static uint64_t file_size(const char *path, const char *what)
{
	struct stat st;

	if (stat(path, &st))
		die("cannot read the %s %s: %s", what, path, strerror(errno));
	return st.st_size;
}

void load_images(struct vm *vm)
{
	const struct vmm_opts *o = vm->opts;
	uint64_t kernel_end, size;
	void *dtb;

	/*
	 * A reset guest must not find the last boot's memory.  The first boot
	 * has fresh anonymous memory, already zero: writing it would make the
	 * host allocate and clear all of it up front.
	 */
	if (vm->booted)
		memset(vm->ram, 0, vm->ram_size);
	vm->booted = true;
	size = load_file(vm, o->kernel, "kernel", RAM_BASE + IMAGE_OFFSET,
			 vm->dtb_addr - RAM_BASE - IMAGE_OFFSET);
	kernel_end = RAM_BASE + IMAGE_OFFSET + size;

	vm->initrd_start = vm->initrd_end = 0;
	if (o->initrd) {
		size = file_size(o->initrd, "initrd");
		vm->initrd_start = (vm->dtb_addr - size) & ~0xfffULL;
		if (size > vm->dtb_addr || vm->initrd_start < kernel_end)
			die("the initrd %s overlaps the kernel: give more --mem", o->initrd);
		vm->initrd_end = vm->initrd_start +
			load_file(vm, o->initrd, "initrd", vm->initrd_start, size);
	}

	dtb = guest_ptr(vm, vm->dtb_addr, DTB_MAX);
	if (!dtb)
		die("no room for the device tree: give more --mem");
	if (o->dtb) {
		int chosen, err;

		load_file(vm, o->dtb, "device tree", vm->dtb_addr, DTB_MAX);
		err = fdt_open_into(dtb, dtb, DTB_MAX);
		if (err)
			die("%s is not a device tree blob: %s", o->dtb, fdt_strerror(err));
		/* a given DTB still gets this run's command line and initrd */
		chosen = fdt_path_offset(dtb, "/chosen");
		if (chosen < 0)
			chosen = fdt_add_subnode(dtb, 0, "chosen");
		err = chosen < 0 ? chosen : 0;
		if (!err && o->cmdline)
			err = fdt_setprop_string(dtb, chosen, "bootargs", o->cmdline);
		if (!err && o->initrd)
			err = fdt_setprop_u64(dtb, chosen, "linux,initrd-start",
					      vm->initrd_start) ?:
			      fdt_setprop_u64(dtb, chosen, "linux,initrd-end",
					      vm->initrd_end);
		if (!err)
			err = fdt_pack(dtb);
		if (err)
			die("cannot update /chosen in %s: %s", o->dtb, fdt_strerror(err));
	} else {
		fdt_build(vm, dtb, DTB_MAX);
	}
}
