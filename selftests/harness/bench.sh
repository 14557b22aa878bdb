#!/bin/sh
# make bench: the module's costs in instructions, under QEMU's -icount
# shift=0 (guest-visible time advances one nanosecond per instruction, so
# counts do not depend on how busy this machine is).
#   1. the test host runs kvm_bench (guest micro-benchmarks) and boots the
#      kernel as a 1-VCPU guest under tools/vmm;
#   2. the same kernel and initramfs boot directly under QEMU;
# then a table, and build/bench.json.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
logs=$build/logs
json=$build/bench.json
mkdir -p "$logs"

# QEMU under -icount occasionally stalls in early boot: retry a run twice.
host_run() {
	for try in 1 2 3; do
		KVMTEST_TIMEOUT=300 KVMTEST_QEMU_ARGS="-icount shift=0" \
			sh "$top/selftests/harness/qemu-run.sh" lpae bench "$logs/bench.log" virtualization=on
		grep -q '^guest_boot_to_init_under_kvm ' "$logs/bench.log" && return 0
		echo "bench: host run $try did not finish, retrying" >&2
	done
	return 1
}

direct_run() {
	for try in 1 2 3; do
		timeout --foreground -k 10 600 \
		qemu-system-arm -M virt -cpu cortex-a15 -smp 1 -m 256 -icount shift=0 \
			-nographic -no-reboot -nic none \
			-kernel "$build/kernel-lpae/arch/arm/boot/zImage" \
			-initrd "$build/tools/vmm-guest.cpio" \
			-append "console=ttyAMA0 rdinit=/init" \
			< /dev/null > "$logs/bench-direct.log" 2>&1
		grep -q 'Run /init as init process' "$logs/bench-direct.log" && return 0
		echo "bench: direct run $try did not finish, retrying" >&2
	done
	return 1
}

host_run || { echo "bench: the host run failed; see $logs/bench.log"; exit 1; }
direct_run || { echo "bench: the direct boot failed; see $logs/bench-direct.log"; exit 1; }

direct=$(tr -d '\r' < "$logs/bench-direct.log" |
	sed -n 's/^\[ *\([0-9.]*\)\] Run \/init as init process.*/\1/p' |
	awk '{ printf "%.0f", $1 * 1e9 }')

# "name value unit" lines of the host run, plus the direct boot
tr -d '\r' < "$logs/bench.log" | grep -E '^[a-z][a-z0-9_]* [0-9.]+ [A-Za-z/]+$' > "$logs/bench.lines"
echo "guest_boot_to_init_direct_qemu $direct insns" >> "$logs/bench.lines"

awk -v json="$json" '
{ name[NR] = $1; val[$1] = $2; unit[$1] = $3 }
END {
	printf "%-44s %16s  %s\n", "benchmark (lpae host, -icount shift=0)", "value", "unit"
	for (i = 1; i <= NR; i++)
		printf "%-44s %16s  %s\n", name[i], val[name[i]], unit[name[i]]
	kvm = val["guest_boot_to_init_under_kvm"]; direct = val["guest_boot_to_init_direct_qemu"]
	ratio = direct > 0 ? kvm / direct : 0
	printf "%-44s %16.3f  %s\n", "boot_to_init_ratio (kvm / direct)", ratio, "(goal <= 1.25)"
	printf "{\n" > json
	for (i = 1; i <= NR; i++)
		printf "  \"%s\": { \"value\": %s, \"unit\": \"%s\" },\n", name[i], val[name[i]], unit[name[i]] > json
	printf "  \"boot_to_init_ratio\": { \"value\": %.4f, \"unit\": \"ratio\" }\n}\n", ratio > json
}' "$logs/bench.lines"
echo "bench: JSON in $json; logs in $logs/bench.log and $logs/bench-direct.log"
