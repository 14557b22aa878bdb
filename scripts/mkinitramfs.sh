#!/bin/sh
# Pack the test host's initramfs: busybox, the harness's /init, the module
# and the selftest binaries.  Usage: mkinitramfs.sh OUT.cpio MODULE TESTS...
set -eu
out=$1 mod=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
root=$(mktemp -d "${out%.cpio}.XXXXXX")
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/bin" "$root/lib/modules" "$root/selftests" \
	"$root/proc" "$root/sys" "$root/dev" "$root/tmp"
cp "$top/build/sysroot/bin/busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp "$top/selftests/harness/init" "$root/init"
chmod +x "$root/init"
cp "$mod" "$root/lib/modules/"
for t in "$@"; do
	cp "$t" "$root/selftests/"
done
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$out.tmp"
mv "$out.tmp" "$out"
