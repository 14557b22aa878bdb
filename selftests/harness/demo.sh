#!/bin/sh
# make demo: boot the test host (LPAE variant) in QEMU with virtualization
# on, load the module, show what it reports.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
log=$top/build/logs/demo.log
start=$(date +%s)
sh "$top/selftests/harness/qemu-run.sh" lpae demo "$log" virtualization=on
rc=$?
# What the host printed from its first demo step until it powered off.
tr -d '\r' < "$log" | sed -n '/^== /,/^KVMTEST-RESULTS-BEGIN/p' | grep -v '^KVMTEST'
echo "demo: host booted, module loaded and unloaded in $(( $(date +%s) - start )) s (console log: $log)"
exit $rc
