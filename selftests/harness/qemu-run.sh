#!/bin/sh
# Boot one test host under QEMU and keep its console log.
# Usage: qemu-run.sh VARIANT MODE LOG [extra -M options, e.g. virtualization=on]
# Exits 124 when the boot did not finish within KVMTEST_TIMEOUT seconds.
# KVMTEST_QEMU_ARGS adds options (e.g. "-icount shift=0" for benchmarks);
# KVMTEST_SMP sets the number of CPUs (default 4).
set -u
variant=$1 mode=$2 log=$3 mopts=${4:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
timeout=${KVMTEST_TIMEOUT:-900}

mkdir -p "$(dirname "$log")"
timeout --foreground -k 10 "$timeout" \
	qemu-system-arm -M "virt${mopts:+,$mopts}" -cpu cortex-a15 -smp ${KVMTEST_SMP:-4} -m 1024 \
		-nographic -no-reboot -nic none \
		-kernel "$build/kernel-$variant/arch/arm/boot/zImage" \
		-initrd "$build/initramfs-$variant.cpio" \
		-append "console=ttyAMA0 panic=-1 kvmtest=$mode" \
		${KVMTEST_QEMU_ARGS:-} \
		< /dev/null > "$log" 2>&1
