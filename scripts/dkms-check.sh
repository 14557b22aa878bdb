#!/bin/sh
# make check's DKMS test: what `dkms add/build` does on a board, run here
# against a test kernel's build tree or a Debian linux-headers tree.  dkms.conf's MAKE goes through the
# Makefile's own "module" entry point; Makefile cross-compiles because
# this machine is not ARM.  The trees are private (--sourcetree,
# --dkmstree), so nothing lands in /usr/src or /var/lib/dkms.
# Prints TAP lines; usage: dkms-check.sh KERNEL_BUILD_DIR
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
kdir=$1
# Debian's headers carry the upstream version in kernel.release; the
# release modules are built for (vermagic) is UTS_RELEASE.
kver=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"/\1/p' "$kdir/include/generated/utsrelease.h")
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$top/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
work=$(mktemp -d /tmp/dkms-check.XXXXXX)
trap 'rm -rf "$work"' EXIT
n=0

check() {	# check DESCRIPTION COMMAND...: one TAP line
	desc=$1
	shift
	n=$((n + 1))
	if "$@" > "$work/out" 2>&1; then
		echo "ok $n dkms: $desc"
	else
		echo "not ok $n dkms: $desc"
		sed 's/^/#   /' "$work/out" | tail -15
	fi
}

# what a user copies to /usr/src/NAME-VERSION: the module's sources
mkdir -p "$work/src/$name-$ver" "$work/tree"
(cd "$top" && git ls-files -- dkms.conf Kbuild Makefile core hyp mmu vgic arch_timer psci uapi |
	tar -cf - -T -) | tar -xf - -C "$work/src/$name-$ver"

trees="--sourcetree $work/src --dkmstree $work/tree"
check "add $name/$ver" dkms add -m "$name" -v "$ver" $trees
check "build for $kver against $kdir" \
	dkms build -m "$name" -v "$ver" -k "$kver" --arch arm --kernelsourcedir "$kdir" $trees
ko=$work/tree/$name/$ver/$kver/arm/module/$name.ko
check "the built module is 32-bit ARM, vermagic $kver" \
	sh -c "file '$ko' | grep -q 'ELF 32-bit LSB relocatable, ARM' &&
	       modinfo -F vermagic '$ko' | grep -q '^$kver '"
check "status says built" sh -c "dkms status -m '$name' -v '$ver' $trees | grep -q ': built'"
check "remove leaves no trace" sh -c "dkms remove -m '$name' -v '$ver' --all $trees &&
	! [ -e '$work/tree/$name' ]"
