#!/bin/sh
# The module may use only what each host kernel exports.  For each kernel
# (a test kernel's build tree or a Debian headers tree) and the module
# built against it: every undefined symbol of the module is in that
# kernel's Module.symvers, its CRCs are those of Module.symvers
# (CONFIG_MODVERSIONS: finit_module() refuses a mismatch) and its vermagic
# is that kernel's release.  The symbol set differs per kernel (lockdep,
# KASAN and ftrace add their own), so each module is checked against the
# kernel it was built for.
# Prints TAP lines; usage: symcheck.sh KDIR:MODULE.ko...
set -u
nm=${CROSS_COMPILE:-arm-linux-gnueabihf-}nm
work=$(mktemp -d /tmp/symcheck.XXXXXX)
trap 'rm -rf "$work"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n symcheck: $*"; }
notok() { n=$((n + 1)); echo "not ok $n symcheck: $*"; }

for arg in "$@"; do
	kdir=${arg%%:*} own=${arg#*:}
	rel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
	"$nm" -u "$own" | awk '{ print $2 }' | sort -u > "$work/undef"
	if [ ! -s "$work/undef" ]; then
		notok "$rel: no undefined symbols read from $own"
		continue
	fi
	cut -f2 "$kdir/Module.symvers" | sort -u > "$work/exported"
	comm -23 "$work/undef" "$work/exported" > "$work/missing"
	if [ -s "$work/missing" ]; then
		notok "$rel exports every symbol the module uses; missing: $(tr '\n' ' ' < "$work/missing")"
	else
		ok "$rel exports all $(wc -l < "$work/undef") symbols the module uses"
	fi

	# MODVERSIONS: the __versions table of the module built there
	if grep -q '^CONFIG_MODVERSIONS=y' "$kdir/.config"; then
		/sbin/modprobe --dump-modversions "$own" |
			awk '{ printf "%s %s\n", $2, $1 }' | sort > "$work/crcs"
		awk -F '\t' '{ printf "%s %s\n", $2, $1 }' "$kdir/Module.symvers" |
			sort > "$work/kcrcs"
		comm -23 "$work/crcs" "$work/kcrcs" > "$work/badcrc"
		if [ ! -s "$work/crcs" ]; then
			notok "$rel: no CRCs in $own although CONFIG_MODVERSIONS=y"
		elif [ -s "$work/badcrc" ]; then
			notok "$rel: CRCs differ from Module.symvers for: $(cut -d' ' -f1 "$work/badcrc" | tr '\n' ' ')"
		else
			ok "$rel: the $(wc -l < "$work/crcs") CRCs of the module built there match its Module.symvers"
		fi
	fi
	modinfo -F vermagic "$own" | grep -q "^$rel " &&
		ok "$rel: the module built there has vermagic $rel" ||
		notok "$rel: vermagic of $own is '$(modinfo -F vermagic "$own")'"
done
