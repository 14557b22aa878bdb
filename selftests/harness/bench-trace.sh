#!/bin/sh
# Where the instructions of a guest exit go: the bench host runs
# `kvm_bench loop` (endless HVCs to the host, then endless MMIO writes to
# the VMM) under QEMU with one instruction per translation block
# (-singlestep) and no block chaining, so that `-d exec` logs every
# instruction executed.  Logging is turned on through the monitor for a
# moment in the middle of each loop; the trace of the CPU that ran the
# guest is cut into round trips at the guest's HVC or MMIO store, and its
# instructions are counted per function (kernel System.map, the module's
# symbols at the section addresses kvm_bench printed).  Two CPUs: with
# four, the boot stalled in smp_call_function_many_cond() under
# -icount -singlestep more often than not.
# Usage: bench-trace.sh [OUTDIR]   (default build/logs/trace)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$top/build
out=${1:-$build/logs/trace}

# wait_for LINE SECONDS: until the console shows it; 1 when QEMU is gone
# or the time is up
wait_for() {
	n=0
	while ! cat "$out/console.log" 2>/dev/null | tr -d "\r" | grep -q "^$1\$"; do
		kill -0 $qpid 2>/dev/null || return 1
		n=$((n + 1))
		[ $n -lt $(($2 * 20)) ] || return 1
		sleep 0.05
	done
}

# trace_run: one boot; 1 when it did not reach both loops
trace_run() {
	rm -rf "$out"
	mkdir -p "$out"
	mkfifo "$out/mon.in" "$out/mon.out"
	cat "$out/mon.out" > "$out/monitor.log" &
	catpid=$!
	qemu-system-arm -M virt,virtualization=on -cpu cortex-a15 -smp 2 -m 1024 \
		-display none -monitor none -nic none -no-reboot \
		-chardev pipe,id=mon,path="$out/mon" -mon chardev=mon,mode=readline \
		-serial file:"$out/console.log" \
		-kernel "$build/kernel-bench/arch/arm/boot/zImage" \
		-initrd "$build/initramfs-bench.cpio" \
		-append "console=ttyAMA0 panic=-1 kvmtest=only:kvm_bench:loop" \
		-icount shift=0 -singlestep -d nochain -D "$out/none.log" \
		< /dev/null > "$out/qemu.log" 2>&1 &
	qpid=$!
	exec 3> "$out/mon.in"
	rc=0
	for loop in hvc mmio; do
		if ! wait_for "KVM-BENCH-LOOP $loop" 200; then
			rc=1
			break
		fi
		echo "logfile $out/exec-$loop.log" >&3
		echo "log exec,nochain" >&3
		sleep 0.2
		echo "log nochain" >&3
	done
	[ $rc = 0 ] && wait_for "KVMTEST-RESULTS-END" 300
	kill $qpid 2>/dev/null
	wait $qpid
	exec 3>&-
	kill $catpid 2>/dev/null
	return $rc
}

# QEMU under -icount occasionally stalls in early boot: retry twice.
for try in 1 2 3; do
	trace_run && break
	echo "bench-trace: run $try did not reach the loops, retrying" >&2
	[ $try = 3 ] && { echo "bench-trace: see $out/console.log"; exit 1; }
done

# The module's sections where the host loaded it, and its symbols.
tr -d '\r' < "$out/console.log" | sed -n 's/^KVM-BENCH-SECTION \([^ ]*\) \(0x[0-9a-f]*\)/\1 \2/p' \
	> "$out/sections"
arm-linux-gnueabihf-objdump -t "$build/mod-bench/kvm-arm32.ko" |
	awk '{ for (i = 2; i < NF; i++) if ($i == "F") print $1, $(i + 1), $NF }' \
	> "$out/module.syms"

for loop in hvc mmio; do
	awk -v loop=$loop -v sections="$out/sections" -v msyms="$out/module.syms" \
	    -v kmap="$build/kernel-bench/System.map" '
	function hex(s,   i, c, v) {
		v = 0
		s = tolower(s)
		sub(/^0x/, "", s)
		for (i = 1; i <= length(s); i++) {
			c = index("0123456789abcdef", substr(s, i, 1)) - 1
			v = v * 16 + c
		}
		return v
	}
	BEGIN {
		while ((getline l < sections) > 0) {
			split(l, f, " ")
			base[f[1]] = hex(f[2])
		}
		n = 0
		while ((getline l < msyms) > 0) {
			split(l, f, " ")
			if (f[2] in base) {
				a[++n] = base[f[2]] + hex(f[1])
				nm[n] = f[3]
			}
		}
		while ((getline l < kmap) > 0) {
			split(l, f, " ")
			if (f[2] ~ /^[tTwW]$/) {
				a[++n] = hex(f[1])
				nm[n] = f[3]
			}
		}
		# sort addresses (insertion sort is too slow: use a shell sort)
		for (gap = int(n / 2); gap > 0; gap = int(gap / 2))
			for (i = gap + 1; i <= n; i++) {
				ta = a[i]; tn = nm[i]
				for (j = i; j > gap && a[j - gap] > ta; j -= gap) {
					a[j] = a[j - gap]; nm[j] = nm[j - gap]
				}
				a[j] = ta; nm[j] = tn
			}
		nsym = n
	}
	# @key: the PC in hex (mawk would print a number this big as 3.2e+09)
	function sym(key,   pc, lo, hi, mid) {
		if (key in cache)
			return cache[key]
		pc = hex(key)
		if (pc >= 2147483648 && pc < 2149580800)	# 0x80000000 + 2 MiB
			return cache[key] = "guest"
		if (pc < 3204448256)				# below 0xbf000000
			return cache[key] = "user:kvm_bench"
		if (pc < a[1])
			return cache[key] = "?"
		lo = 1; hi = nsym
		while (lo < hi) {
			mid = int((lo + hi + 1) / 2)
			if (a[mid] <= pc) lo = mid; else hi = mid - 1
		}
		return cache[key] = nm[lo]
	}
	/^Trace [0-9]+:/ {
		cpu = $2
		split($4, f, "/")
		s = sym(f[2])
		cnt[cpu]++
		seq[cpu, cnt[cpu]] = s
		if (s == "guest")
			guest[cpu]++
	}
	END {
		# the CPU that ran the guest
		best = ""
		for (c in guest)
			if (best == "" || guest[c] > guest[best])
				best = c
		if (best == "") {
			print "bench-trace: no guest instruction in the " loop " trace" > "/dev/stderr"
			exit 1
		}
		# round trips: from one entry into the guest to the next
		trips = 0; started = 0
		for (i = 1; i <= cnt[best]; i++) {
			s = seq[best, i]
			if (s == "guest" && prev != "guest") {
				if (started) {
					trips++
					for (k in cur) { tot[k] += cur[k]; delete cur[k] }
				}
				started = 1
				for (k in cur) delete cur[k]
			}
			if (started)
				cur[s]++
			prev = s
		}
		if (!trips) {
			print "bench-trace: no complete round trip in the " loop " trace" > "/dev/stderr"
			exit 1
		}
		all = 0
		for (k in tot)
			all += tot[k]
		printf "%s: %d round trips, %.0f instructions each (CPU %s)\n", loop, trips, all / trips, best
		for (k in tot)
			printf "%8.1f %s\n", tot[k] / trips, k | "sort -rn"
		close("sort -rn")
	}' "$out/exec-$loop.log" > "$out/breakdown-$loop.txt"
	cat "$out/breakdown-$loop.txt"
done
