#!/bin/sh
# Install what the build and the QEMU harness need on a Debian 12 x86-64
# machine.  Idempotent and quick when everything is already present: it only
# calls apt-get when a package is missing.
set -eu

HOST_PKGS="gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-system-arm linux-source-6.1 flex bison
bc libssl-dev libelf-dev cpio device-tree-compiler make xz-utils python3 perl
dkms file kmod"
ARMHF_PKGS="libfdt-dev:armhf libfdt1:armhf busybox-static:armhf"

missing=""
for p in $HOST_PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done

if ! dpkg --print-foreign-architectures | grep -qx armhf; then
	dpkg --add-architecture armhf
	need_update=1
fi

if [ -n "$missing" ] || [ -n "${need_update:-}" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing packages:$missing; run as root (apt-get install)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	# A mirror caught mid-sync makes one index fail; what matters is
	# whether the install below succeeds, so do not stop here.
	apt-get update -qq || echo "deps: apt-get update reported errors, continuing" >&2
	[ -z "$missing" ] || apt-get install -y -qq --no-install-recommends $missing
fi

# armhf userspace pieces are unpacked into the build tree, never installed
# over the build machine's own /bin or /usr.
SYSROOT=${SYSROOT:-build/sysroot}
stamp="$SYSROOT/.stamp"
if [ ! -f "$stamp" ]; then
	mkdir -p "$SYSROOT" build/debs
	(cd build/debs && rm -f ./*.deb &&
	 { apt-get download $ARMHF_PKGS 2>/dev/null ||
	   { apt-get update -qq || :; apt-get download $ARMHF_PKGS; }; })
	for d in build/debs/*.deb; do
		dpkg -x "$d" "$SYSROOT"
	done
	touch "$stamp"
fi
