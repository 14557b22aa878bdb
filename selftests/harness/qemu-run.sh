#!/bin/sh
# Boot one test host under QEMU and keep its console log.
# Usage: qemu-run.sh HOST MODE LOG [extra -M options, e.g. virtualization=on]
# HOST is a test kernel variant (build/kernel-HOST) or a Debian kernel
# (build/HOST/vmlinuz, scripts/debian-kernel.sh); its initramfs is
# build/initramfs-HOST.cpio.
# Exits 124 when the boot did not finish within KVMTEST_TIMEOUT seconds.
# KVMTEST_QEMU_ARGS adds options (e.g. "-icount shift=0" for benchmarks);
# KVMTEST_SMP sets the number of CPUs (default 4), KVMTEST_CPU the CPU
# model (default cortex-a15).
set -u
host=$1 mode=$2 log=$3 mopts=${4:-}
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
timeout=${KVMTEST_TIMEOUT:-900}
kernel=$build/kernel-$host/arch/arm/boot/zImage
[ -f "$kernel" ] || kernel=$build/$host/vmlinuz

mkdir -p "$(dirname "$log")"
timeout --foreground -k 10 "$timeout" \
	qemu-system-arm -M "virt${mopts:+,$mopts}" -cpu "${KVMTEST_CPU:-cortex-a15}" \
		-smp "${KVMTEST_SMP:-4}" -m 1024 \
		-nographic -no-reboot -nic none \
		-kernel "$kernel" -initrd "$build/initramfs-$host.cpio" \
		-append "console=ttyAMA0 panic=-1 kvmtest=$mode" \
		${KVMTEST_QEMU_ARGS:-} \
		< /dev/null > "$log" 2>&1
