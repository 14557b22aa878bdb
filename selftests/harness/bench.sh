#!/bin/sh
# make bench: the module's costs in instructions, under QEMU's -icount
# shift=0 (guest-visible time advances one nanosecond per instruction, so
# counts do not depend on how busy this machine is).  Host and guest run the
# bench kernel: the lpae test kernel without its debug checks (lockdep,
# kmemleak), as a board would run it.
#   1. the host runs kvm_bench (guest micro-benchmarks) and boots the kernel
#      as a 1-VCPU guest under tools/vmm, with and without its boot log;
#   2. the same kernel and initramfs boot directly under QEMU, the same two
#      ways;
# the guest's /init prints the virtual counter, which starts at VM creation
# under the module and at reset under QEMU.  Then a table, and
# build/bench.json.
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
			sh "$top/selftests/harness/qemu-run.sh" bench bench "$logs/bench.log" virtualization=on
		grep -q '^guest_boot_to_init_under_kvm_quiet ' "$logs/bench.log" && return 0
		echo "bench: host run $try did not finish, retrying" >&2
	done
	return 1
}

# direct_run NAME CMDLINE: the bench kernel booted by QEMU itself
direct_run() {
	for try in 1 2 3; do
		timeout --foreground -k 10 300 \
		qemu-system-arm -M virt -cpu cortex-a15 -smp 1 -m 256 -icount shift=0 \
			-nographic -no-reboot -nic none \
			-kernel "$build/kernel-bench/arch/arm/boot/zImage" \
			-initrd "$build/tools/vmm-guest.cpio" \
			-append "$2" < /dev/null > "$logs/bench-$1.log" 2>&1
		grep -q '^VMM-GUEST-INIT-AT' "$logs/bench-$1.log" && return 0
		echo "bench: direct run $try did not finish, retrying" >&2
	done
	return 1
}

host_run || { echo "bench: the host run failed; see $logs/bench.log"; exit 1; }
for run in direct direct-quiet; do
	quiet=; [ $run = direct ] || quiet=quiet
	direct_run $run "console=ttyAMA0 rdinit=/init $quiet" ||
		{ echo "bench: the direct boot failed; see $logs/bench-$run.log"; exit 1; }
done

# "name value unit" lines of the host run, plus the direct boots
tr -d '\r' < "$logs/bench.log" | grep -E '^[a-z][a-z0-9_]* [0-9.]+ [A-Za-z/]+$' > "$logs/bench.lines"
for run in direct direct-quiet; do
	tr -d '\r' < "$logs/bench-$run.log" |
		sed -n 's/^VMM-GUEST-INIT-AT \([0-9.]*\) s.*/\1/p' |
		awk -v n="guest_boot_to_init_$(echo $run | tr - _)_qemu" '{ printf "%s %.0f insns\n", n, $1 * 1e9 }'
done >> "$logs/bench.lines"

awk -v json="$json" '
function ratio(a, b) { return b > 0 ? a / b : 0 }
{ name[NR] = $1; val[$1] = $2; unit[$1] = $3 }
END {
	printf "%-44s %16s  %s\n", "benchmark (bench kernel, -icount shift=0)", "value", "unit"
	for (i = 1; i <= NR; i++)
		printf "%-44s %16s  %s\n", name[i], val[name[i]], unit[name[i]]
	r = ratio(val["guest_boot_to_init_under_kvm"], val["guest_boot_to_init_direct_qemu"])
	rq = ratio(val["guest_boot_to_init_under_kvm_quiet"], val["guest_boot_to_init_direct_quiet_qemu"])
	printf "%-44s %16.3f  %s\n", "boot_to_init_ratio (kvm / direct)", r, "(goal <= 1.25)"
	printf "%-44s %16.3f  %s\n", "boot_to_init_ratio_quiet (kvm / direct)", rq, "(goal <= 1.25)"
	printf "{\n" > json
	for (i = 1; i <= NR; i++)
		printf "  \"%s\": { \"value\": %s, \"unit\": \"%s\" },\n", name[i], val[name[i]], unit[name[i]] > json
	printf "  \"boot_to_init_ratio\": { \"value\": %.4f, \"unit\": \"ratio\" },\n", r > json
	printf "  \"boot_to_init_ratio_quiet\": { \"value\": %.4f, \"unit\": \"ratio\" }\n}\n", rq > json
}' "$logs/bench.lines"
echo "bench: JSON in $json; logs in $logs/bench*.log"
