#!/bin/sh
# make demo: boot the test host (LPAE variant) in QEMU with virtualization
# on, load the module, show what it reports, and boot the same kernel as a
# guest under tools/vmm with 2 VCPUs and a busybox initramfs.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$top/build/logs/demo.log
start=$(date +%s)
sh "$top/selftests/harness/qemu-run.sh" lpae demo "$log" virtualization=on
rc=$?
# What the host printed from its first demo step until it powered off.
tr -d '\r' < "$log" | sed -n '/^== /,/^KVMTEST-RESULTS-BEGIN/p' | grep -v '^KVMTEST'
echo "demo: host booted, guest run, module unloaded in $(( $(date +%s) - start )) s (console log: $log)"
if [ $rc != 0 ] || ! grep -q '^KVMTEST-RESULTS-BEGIN' "$log" || grep -q 'KVMTEST-DEMO-FAILED' "$log"; then
	echo "demo: FAILED (qemu exit $rc); see $log"
	exit 1
fi
