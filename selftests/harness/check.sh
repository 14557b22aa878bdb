#!/bin/sh
# make check: checkpatch, the module's symbols and DKMS on the build
# machine, then the selftests on each test host variant and each Debian
# kernel, and the refusal test on a host without HYP mode.
# Usage: check.sh VARIANT... -- DEBIAN_HOST...
# Closes with "N passed, N failed, N skipped"; exits non-zero on any
# failed test, boot that did not finish, or kernel splat in a console log.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
logs=$top/build/logs
rm -rf "$logs"
mkdir -p "$logs"
pass=0 fail=0 skip=0 bad_runs=""
start=$(date +%s)

# Console lines that mean the kernel found a bug, whatever the tests said.
SPLATS='Oops|BUG:|WARNING:|Internal error|Unable to handle kernel|Kernel panic|possible circular locking|inconsistent lock state|possible recursive locking|KASAN|unreferenced object|kmemleak: .*new suspected'

# tally FILE: add the TAP results in FILE to the totals, print them.
tally() {
	while IFS= read -r line; do
		case "$line" in
		"ok "*"# SKIP"*|"ok "*"# skip"*) skip=$((skip + 1)); echo "$line";;
		"ok "*) pass=$((pass + 1)); echo "$line";;
		"not ok "*) fail=$((fail + 1)); echo "$line";;
		"# selftest: "*) echo "$line";;
		esac
	done < "$1"
}

variants= debs=
for a in "$@"; do
	case $a in
	--) debs=" ";;
	*) if [ -n "$debs" ]; then debs="$debs $a"; else variants="$variants $a"; fi;;
	esac
done

# host_cpu HOST: the CPU a host runs on.  Debian's armmp (no LPAE) is the
# Raspberry Pi 2 / i.MX7 / A20 case: a Cortex-A7.
host_cpu() {
	case $1 in
	debian-armmp) echo cortex-a7;;
	*) echo cortex-a15;;
	esac
}

# host_smp HOST: how many CPUs.  Debian's kernels have STRICT_MODULE_RWX:
# each module unload flushes the TLB page by page over the span of the
# module's direct-map aliases (vfree -> flush_tlb_kernel_range, 0.8 s of
# a 1 s rmmod in its trace), and under MTTCG every broadcast TLBI waits
# for all virtual CPUs.  With 2 CPUs an unload costs 0.3-0.6 s, not 1-2.5.
host_smp() {
	case $1 in
	debian-*) echo 2;;
	*) echo 4;;
	esac
}

# boot NAME HOST MODE MOPTS: one QEMU run, its results and its splats.
boot() {
	name=$1
	log=$logs/$name.log
	cpu=$(host_cpu "$2") smp=$(host_smp "$2")
	echo "# boot $name: $2 host on $smp x $cpu, kvmtest=$3${4:+, -M virt,$4}"
	t0=$(date +%s)
	KVMTEST_CPU=$cpu KVMTEST_SMP=$smp \
		sh "$top/selftests/harness/qemu-run.sh" "$2" "$3" "$log" "$4"
	rc=$?
	sed -En '/^KVMTEST-RESULTS-BEGIN/,/^KVMTEST-RESULTS-(END|CONTINUED)/p' "$log" |
		tr -d '\r' > "$logs/$name.tap"
	tally "$logs/$name.tap"
	if ! grep -q '^KVMTEST-RESULTS-END' "$logs/$name.tap"; then
		echo "not ok $name: the host did not finish (qemu exit $rc)"
		fail=$((fail + 1)); bad_runs="$bad_runs $log"
	fi
	if tr -d '\r' < "$log" | grep -Eq "$SPLATS"; then
		echo "not ok $name: kernel splat in the console log:"
		tr -d '\r' < "$log" | grep -E "$SPLATS" | head -5 | sed 's/^/#   /'
		fail=$((fail + 1)); bad_runs="$bad_runs $log"
	fi
	echo "# boot $name took $(( $(date +%s) - t0 )) s"
}

# The scanner itself: each of these console lines must be caught.
n=0
while IFS= read -r line; do
	n=$((n + 1))
	if printf '%s\n' "$line" | grep -Eq "$SPLATS"; then
		echo "ok $n splat scanner catches: $line"; pass=$((pass + 1))
	else
		echo "not ok $n splat scanner misses: $line"; fail=$((fail + 1))
	fi
done <<'EOF'
[    3.1] WARNING: CPU: 1 PID: 77 at mm/slub.c:123 foo+0x10/0x20
[    3.1] BUG: sleeping function called from invalid context at x.c:1
[    3.1] Internal error: Oops: 805 [#1] SMP THUMB2
[    3.1] WARNING: possible circular locking dependency detected
[    3.1] BUG: KASAN: slab-out-of-bounds in kvm_dev_ioctl+0x1/0x2
unreferenced object 0xc1234567 (size 64):
[    3.1] Unable to handle kernel NULL pointer dereference at virtual address 00000000
EOF
if printf 'kvm_arm32: HYP panic on CPU0: data abort\n' | grep -Eq "$SPLATS"; then
	echo "not ok $((n + 1)) splat scanner flags the module's own HYP panic report"
	fail=$((fail + 1))
else
	echo "ok $((n + 1)) splat scanner leaves the module's HYP panic report alone"
	pass=$((pass + 1))
fi

echo "# checkpatch"
sh "$top/scripts/checkpatch.sh" "$top/build/linux-source-6.1" > "$logs/checkpatch.tap"
tally "$logs/checkpatch.tap"
grep '^#' "$logs/checkpatch.tap"

# Each module against the kernel it was built for: symbols, CRCs, vermagic.
echo "# symcheck: the module's undefined symbols against each host kernel's Module.symvers"
pairs=
for v in $variants; do
	pairs="$pairs $top/build/kernel-$v:$top/build/mod-$v/kvm-arm32.ko"
done
for h in $debs; do
	pairs="$pairs $top/build/$h/headers:$top/build/mod-$h/kvm-arm32.ko"
done
sh "$top/scripts/symcheck.sh" $pairs > "$logs/symcheck.tap"
tally "$logs/symcheck.tap"

# DKMS as a board runs it: against the lpae test kernel and against the
# headers of the first Debian kernel.
set -- $debs
for kdir in "$top/build/kernel-lpae" ${1:+"$top/build/$1/headers"}; do
	echo "# dkms: add, build and remove against $kdir"
	sh "$top/scripts/dkms-check.sh" "$kdir" > "$logs/dkms.tap"
	tally "$logs/dkms.tap"
	grep '^#' "$logs/dkms.tap"
done

# What each host runs, to stay within make check's time budget.  lpae and
# debian-armmp-lpae run every test.  Under KASAN each Linux guest boot
# costs 30-45 s: the arm host leaves the VMM's Linux-guest tests to lpae,
# debian-armmp-lpae and (vmm_boot_test, on classic page tables too)
# debian-armmp.  On Debian's kernels a module unload is dear (host_smp),
# so hyp_test's 100 load/unload cycles take minutes: the A7 and RT hosts
# leave it, the 300-VM stress test and two of the Linux-guest tests to
# debian-armmp-lpae and run the rest of the suite.
for v in $variants $debs; do
	case $v in
	arm) mode="suite kvmtest_leave=vmm_boot_test,vmm_irqchip_test,vmm_disk_test";;
	debian-armmp|debian-rt-armmp)
		mode="suite kvmtest_leave=hyp_test,vm_stress_test,vmm_irqchip_test,vmm_disk_test";;
	*) mode=suite;;
	esac
	boot "suite-$v" "$v" "$mode" virtualization=on
done
for v in $variants; do
	boot "kexec-$v" "$v" kexec1 virtualization=on
done
boot nohyp-lpae lpae nohyp ""

for l in $bad_runs; do
	echo "# console log: $l"
done
echo "# make check took $(( $(date +%s) - start )) s of testing"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
