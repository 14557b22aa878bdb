#!/bin/sh
# Pack a test host initramfs: busybox, the harness's /init, the module and
# test binaries, and optionally a kernel and an initramfs for kexec.
# Usage: mkinitramfs.sh OUT.cpio MODULE ZIMAGE|- NESTED.cpio|- BINARIES...
set -eu
out=$1 mod=$2 zimage=$3 nested=$4
shift 4
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d "${out%.cpio}.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/lib/modules" "$root/selftests" "$root/boot" \
	"$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$top/build/sysroot/bin/busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$top/selftests/harness/init" "$root/init"
chmod +x "$root/init"
cp "$mod" "$root/lib/modules/"
[ "$zimage" = - ] || cp "$zimage" "$root/boot/zImage"
[ "$nested" = - ] || cp "$nested" "$root/boot/initrd.cpio"
for t in "$@"; do
	cp "$t" "$root/selftests/"
done
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
