# SPDX-License-Identifier: GPL-2.0-only
#
# kvm-arm32: KVM for 32-bit ARM hosts, as an out-of-tree module.
#
#   make            build the module against KDIR (default: the test kernel)
#   make check      build everything and run every test under QEMU
#   make demo       boot the test host in QEMU and show the module at work
#   make bench      benchmarks in instructions under QEMU -icount
#
# On a board: make KDIR=/lib/modules/$(uname -r)/build

TOP		:= $(CURDIR)
BUILD		:= $(TOP)/build
VARIANTS	:= lpae arm
# Debian 12's own armhf kernels, unmodified (scripts/debian-kernel.sh):
# make check hosts build/debian-FLAVOUR, with the module built against the
# matching linux-headers package exactly as on a board.
DEB_FLAVOURS	:= armmp-lpae armmp rt-armmp
DEB_HOSTS	:= $(addprefix debian-,$(DEB_FLAVOURS))
KSRC		:= $(BUILD)/linux-source-6.1
TARBALL		:= /usr/src/linux-source-6.1.tar.xz

# Cross-build unless we are on the ARM board itself.
ifeq ($(filter arm%,$(shell uname -m)),)
KARGS		:= ARCH=arm CROSS_COMPILE=$(or $(CROSS_COMPILE),arm-linux-gnueabihf-)
endif
CC_ARM		:= arm-linux-gnueabihf-gcc

KDIR		?= $(BUILD)/kernel-lpae

# Module sources: what a variant build copies (kbuild in 6.1 writes its
# objects next to the sources, so each variant gets its own copy).
MOD_SRCS	:= Kbuild $(wildcard core hyp mmu vgic arch_timer psci uapi)
MOD_FILES	:= $(shell find $(MOD_SRCS) -type f -name '*.[chS]') Kbuild

.PHONY: all module deps kernel kernels debian-kernels modules-test selftests vmm initramfs check demo \
	bench module-clean checkpatch clean distclean FORCE

all: module

module: $(if $(filter $(BUILD)/kernel-lpae,$(KDIR)),$(BUILD)/kernel-lpae/.built)
	$(MAKE) -C $(KDIR) M=$(TOP) $(KARGS) W=1 modules \
		$(if $(filter $(BUILD)/kernel-%,$(KDIR)),KVM_ARM32_WERROR=1)

deps:
	@sh scripts/deps.sh

# ---- test host kernels ----------------------------------------------------
# Rebuilt when a fragment, the build script or Debian's tarball changes.
$(BUILD)/kernel-%/.built: selftests/config selftests/config.debug selftests/config.% scripts/build-kernel.sh $(wildcard $(TARBALL)) | deps
	sh scripts/build-kernel.sh $* $(BUILD)/kernel-$*
	touch $@

# make bench's host and guest: the lpae kernel without the debug checks
$(BUILD)/kernel-bench/.built: selftests/config selftests/config.lpae selftests/config.bench scripts/build-kernel.sh $(wildcard $(TARBALL)) | deps
	sh scripts/build-kernel.sh bench $(BUILD)/kernel-bench
	touch $@

kernel kernels: $(foreach v,$(VARIANTS),$(BUILD)/kernel-$(v)/.built)

# Debian's kernels: resolved with apt on every run (FORCE), fetched and
# unpacked again only when the version apt resolves changed.
$(BUILD)/debian-%/.fetched: scripts/debian-kernel.sh FORCE | deps
	sh scripts/debian-kernel.sh $* $(BUILD)/debian-$*

FORCE:

debian-kernels: $(foreach h,$(DEB_HOSTS),$(BUILD)/$(h)/.fetched)

$(KSRC)/.unpacked: | deps
	@test -f $@ || (mkdir -p $(BUILD) && tar -C $(BUILD) -xf $(TARBALL) && touch $@)

# ---- the module, once per test kernel ---------------------------------------
$(BUILD)/mod-%/kvm-arm32.ko: $(BUILD)/kernel-%/.built $(MOD_FILES)
	rm -rf $(BUILD)/mod-$*
	mkdir -p $(BUILD)/mod-$*
	cp -a $(MOD_SRCS) $(BUILD)/mod-$*/
	$(MAKE) -s -C $(BUILD)/kernel-$* M=$(BUILD)/mod-$* $(KARGS) W=1 KVM_ARM32_WERROR=1 modules

# Against a Debian kernel: README's board command, `make KDIR=...` in a
# copy of the tree, with the headers package as KDIR.  A board's build has
# no -Werror (its compiler may differ), so warnings are caught here.
$(BUILD)/mod-debian-%/kvm-arm32.ko: $(BUILD)/debian-%/.fetched $(MOD_FILES) Makefile dkms.conf
	rm -rf $(BUILD)/mod-debian-$*
	mkdir -p $(BUILD)/mod-debian-$*
	cp -a $(MOD_SRCS) Makefile dkms.conf $(BUILD)/mod-debian-$*/
	$(MAKE) -C $(BUILD)/mod-debian-$* KDIR=$(BUILD)/debian-$*/headers \
		> $(BUILD)/mod-debian-$*/build.log 2>&1 || { cat $(BUILD)/mod-debian-$*/build.log; exit 1; }
	! grep -E 'warning:|error:' $(BUILD)/mod-debian-$*/build.log

modules-test: $(foreach v,$(VARIANTS) $(DEB_HOSTS),$(BUILD)/mod-$(v)/kvm-arm32.ko)

# ---- userspace: selftests (static armhf) --------------------------------------
# <linux/kvm.h> from the 6.1 tree with the kernel-only annotations removed,
# as headers_install does (it has no other kernel-only part); Debian's
# armhf headers leave it out because arm32 has no <asm/kvm.h>.
$(BUILD)/uapi/linux/kvm.h: $(KSRC)/.unpacked
	mkdir -p $(dir $@)
	sed -E -e 's/([[:space:](])__user[[:space:]]/\1/g' -e 's@^#include <linux/compiler.h>@@' $(KSRC)/include/uapi/linux/kvm.h > $@

USER_CFLAGS	:= -static -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -D_GNU_SOURCE \
		   -I$(TOP)/uapi -I$(BUILD)/uapi -I$(TOP)/selftests/lib \
		   -I$(TOP)/selftests/guest -I$(KSRC)/tools/testing/selftests

SELFTESTS	:= $(patsubst selftests/%.c,%,$(wildcard selftests/*_test.c))
SELFTEST_BINS	:= $(addprefix $(BUILD)/selftests/,$(SELFTESTS))

# The host library, as an archive: a test links only what it uses.
LIBKVM		:= $(BUILD)/selftests/lib/libkvm.a

$(BUILD)/selftests/lib/%.o: selftests/lib/%.c $(wildcard selftests/lib/*.h) $(BUILD)/uapi/linux/kvm.h
	@mkdir -p $(dir $@)
	$(CC_ARM) $(USER_CFLAGS) -c -o $@ $<

$(LIBKVM): $(BUILD)/selftests/lib/kvm_util.o
	rm -f $@
	arm-linux-gnueabihf-ar rcs $@ $^

# Guest programs: selftests/guest/<name>_guest.c, bare-metal ARMv7 (ARM
# state, MMU off) linked at 0x80000000 with crt0 and lib, made raw with
# objcopy and embedded as guest_<name>_start/_end (image.S).  All images go
# into one archive; a test pulls in the ones it names with GUEST_IMAGE().
GUEST_DIR	:= $(BUILD)/selftests/guest
GUEST_PROGS	:= $(patsubst selftests/guest/%_guest.c,%,$(wildcard selftests/guest/*_guest.c))
GUEST_HDRS	:= $(wildcard selftests/guest/*.h) selftests/lib/ucall.h
GUEST_CFLAGS	:= -marm -march=armv7-a+fp -mgeneral-regs-only -mno-unaligned-access \
		   -ffreestanding -nostdlib -fno-builtin -fno-pic -fno-pie \
		   -fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
		   -O2 -g -Wall -Wextra -Werror -I$(TOP)/selftests/lib -I$(TOP)/selftests/guest
GUEST_LDFLAGS	:= -nostdlib -static -no-pie -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
		   -T selftests/guest/guest.lds
GUEST_RT	:= $(GUEST_DIR)/crt0.o $(GUEST_DIR)/lib.o
LIBGUEST	:= $(GUEST_DIR)/libguest.a

$(GUEST_DIR)/%.o: selftests/guest/%.c $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC_ARM) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_DIR)/crt0.o: selftests/guest/crt0.S $(GUEST_HDRS)
	@mkdir -p $(dir $@)
	$(CC_ARM) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_DIR)/%.elf: $(GUEST_DIR)/%_guest.o $(GUEST_RT) selftests/guest/guest.lds
	$(CC_ARM) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) -o $@ $(GUEST_RT) $<

$(GUEST_DIR)/%.bin: $(GUEST_DIR)/%.elf
	arm-linux-gnueabihf-objcopy -O binary $< $@

$(GUEST_DIR)/%.img.o: $(GUEST_DIR)/%.bin selftests/guest/image.S
	$(CC_ARM) -c -DGUEST_NAME=$* -DGUEST_BIN='"$<"' -o $@ selftests/guest/image.S

$(LIBGUEST): $(foreach g,$(GUEST_PROGS),$(GUEST_DIR)/$(g).img.o)
	rm -f $@
	arm-linux-gnueabihf-ar rcs $@ $^

$(BUILD)/selftests/%: selftests/%.c $(wildcard selftests/lib/*.h) $(GUEST_HDRS) \
		$(BUILD)/uapi/linux/kvm.h $(LIBKVM) $(LIBGUEST)
	@mkdir -p $(dir $@)
	$(CC_ARM) $(USER_CFLAGS) -o $@ $< $(LIBKVM) $(LIBGUEST)

selftests: $(SELFTEST_BINS)

# ---- initramfs per variant ----------------------------------------------------
# The kexec test boots three kernels in a row, each from the initramfs the
# previous one carries: main -> k2 -> k3 (6.1 cannot hand its own initrd on).
HELPER_BINS	:= $(BUILD)/selftests/kexec_lite $(BUILD)/selftests/kvm_bench

$(BUILD)/selftests/kexec_lite: selftests/kexec_lite.c $(BUILD)/uapi/linux/kvm.h | deps
	@mkdir -p $(dir $@)
	$(CC_ARM) $(USER_CFLAGS) -I$(BUILD)/sysroot/usr/include -o $@ $< \
		$(BUILD)/sysroot/usr/lib/arm-linux-gnueabihf/libfdt.a

# The VMM (tools/vmm) against the project's uapi header and libfdt, and the
# guest initramfs its boot test runs: a /init that prints a marker and
# powers off.
VMM_SRCS	:= $(filter-out tools/vmm/testinit.c,$(wildcard tools/vmm/*.c))
VMM_CFLAGS	:= -static -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror -D_GNU_SOURCE \
		   -pthread -I$(TOP)/uapi -I$(BUILD)/uapi -I$(BUILD)/sysroot/usr/include
VMM_BINS	:= $(BUILD)/tools/vmm $(BUILD)/tools/vmm-guest.cpio $(BUILD)/tools/vmm-demo.cpio

$(BUILD)/tools/vmm: $(VMM_SRCS) tools/vmm/vmm.h $(BUILD)/uapi/linux/kvm.h | deps
	@mkdir -p $(dir $@)
	$(CC_ARM) $(VMM_CFLAGS) -o $@ $(VMM_SRCS) \
		$(BUILD)/sysroot/usr/lib/arm-linux-gnueabihf/libfdt.a

$(BUILD)/tools/vmm-testinit: tools/vmm/testinit.c tools/vmm/disk_pattern.h
	@mkdir -p $(dir $@)
	$(CC_ARM) $(VMM_CFLAGS) -o $@ $<

$(BUILD)/tools/vmm-guest.cpio: $(BUILD)/tools/vmm-testinit
	rm -rf $@.d && mkdir -p $@.d
	cp $< $@.d/init
	(cd $@.d && echo init | cpio -o -H newc --quiet) > $@.tmp
	rm -rf $@.d && mv $@.tmp $@

# make demo's guest: busybox and a /init that runs a few commands
$(BUILD)/tools/vmm-demo.cpio: tools/vmm/demo-init | deps
	rm -rf $@.d && mkdir -p $@.d/bin $@.d/proc $@.d/sys $@.d/dev
	cp $(BUILD)/sysroot/bin/busybox $@.d/bin/busybox
	ln -s busybox $@.d/bin/sh
	cp $< $@.d/init
	(cd $@.d && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > $@.tmp
	rm -rf $@.d && mv $@.tmp $@

vmm: $(BUILD)/tools/vmm

INITRAMFS_DEPS	:= selftests/harness/init scripts/mkinitramfs.sh

$(BUILD)/initramfs-k3-%.cpio: $(BUILD)/mod-%/kvm-arm32.ko $(BUILD)/selftests/boot_test $(INITRAMFS_DEPS)
	sh scripts/mkinitramfs.sh $@ $< - - $(BUILD)/selftests/boot_test

$(BUILD)/initramfs-k2-%.cpio: $(BUILD)/mod-%/kvm-arm32.ko $(BUILD)/initramfs-k3-%.cpio $(HELPER_BINS) $(BUILD)/selftests/boot_test $(INITRAMFS_DEPS)
	sh scripts/mkinitramfs.sh $@ $< $(BUILD)/kernel-$*/arch/arm/boot/zImage \
		$(BUILD)/initramfs-k3-$*.cpio $(BUILD)/selftests/boot_test $(HELPER_BINS)

$(BUILD)/initramfs-%.cpio: $(BUILD)/mod-%/kvm-arm32.ko $(BUILD)/initramfs-k2-%.cpio $(SELFTEST_BINS) $(HELPER_BINS) $(VMM_BINS) $(INITRAMFS_DEPS)
	sh scripts/mkinitramfs.sh $@ $< $(BUILD)/kernel-$*/arch/arm/boot/zImage \
		$(BUILD)/initramfs-k2-$*.cpio $(SELFTEST_BINS) $(HELPER_BINS) $(VMM_BINS)

# A Debian host: the suite, with the lpae test kernel as the VMM tests'
# Linux guest (Debian's own has virtio as modules an initramfs would need).
$(BUILD)/initramfs-debian-%.cpio: $(BUILD)/mod-debian-%/kvm-arm32.ko $(BUILD)/kernel-lpae/.built $(SELFTEST_BINS) $(HELPER_BINS) $(VMM_BINS) $(INITRAMFS_DEPS)
	sh scripts/mkinitramfs.sh $@ $< $(BUILD)/kernel-lpae/arch/arm/boot/zImage - \
		$(SELFTEST_BINS) $(HELPER_BINS) $(VMM_BINS)

initramfs: $(foreach v,$(VARIANTS) $(DEB_HOSTS),$(BUILD)/initramfs-$(v).cpio)

# make bench's host: the bench kernel, its module, kvm_bench and the VMM
$(BUILD)/initramfs-bench.cpio: $(BUILD)/mod-bench/kvm-arm32.ko $(BUILD)/selftests/kvm_bench $(VMM_BINS) $(INITRAMFS_DEPS)
	sh scripts/mkinitramfs.sh $@ $< $(BUILD)/kernel-bench/arch/arm/boot/zImage - \
		$(BUILD)/selftests/kvm_bench $(VMM_BINS)

# Keep the chained images: they are inputs, not by-products.
.SECONDARY:

# ---- the two contract commands ------------------------------------------------
checkpatch: $(KSRC)/.unpacked
	@sh scripts/checkpatch.sh $(KSRC)

check: deps kernels initramfs
	@sh selftests/harness/check.sh $(VARIANTS) -- $(DEB_HOSTS)

demo: deps $(BUILD)/initramfs-lpae.cpio
	@sh selftests/harness/demo.sh

# Benchmarks (instruction counts under -icount): a table and build/bench.json
bench: deps $(BUILD)/initramfs-bench.cpio $(BUILD)/initramfs-debian-armmp.cpio $(BUILD)/initramfs-debian-rt-armmp.cpio
	@sh selftests/harness/bench.sh

# the module's objects only (DKMS's CLEAN)
module-clean:
	$(MAKE) -C $(KDIR) M=$(TOP) $(KARGS) clean

clean:
	rm -rf $(BUILD)/mod-* $(BUILD)/selftests $(BUILD)/tools $(BUILD)/initramfs-* $(BUILD)/logs
	$(if $(wildcard $(KDIR)/Makefile),$(MAKE) -C $(KDIR) M=$(TOP) $(KARGS) clean)

distclean:
	rm -rf $(BUILD)
