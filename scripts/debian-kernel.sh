#!/bin/sh
# Fetch one of Debian 12's own armhf kernels, unmodified, as a make check
# host: the image and the headers a board installs, plus the amd64
# linux-kbuild-6.1 that cross-builds modules against them.  The version is
# the one apt resolves for the flavour's metapackage (linux-image-FLAVOUR);
# a newer one replaces it on the next run.  Everything is unpacked under
# OUTDIR with dpkg -x, never installed over the build machine's own files.
#
# Usage: debian-kernel.sh FLAVOUR OUTDIR     (FLAVOUR: armmp, armmp-lpae, rt-armmp)
# Leaves in OUTDIR:
#   vmlinuz     the kernel image, as /boot/vmlinuz-RELEASE on a board
#   headers     the kbuild tree, as /lib/modules/RELEASE/build on a board
#   release     RELEASE (e.g. 6.1.0-57-armmp-lpae) and the package version
#   .fetched    touched only when the version changed
set -eu

flavour=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)

# linux-image-armmp-lpae:armhf Depends: linux-image-6.1.0-57-armmp-lpae (= 6.1.192-3)
resolve() {
	apt-cache show --no-all-versions "linux-image-$flavour:armhf" 2>/dev/null |
		sed -n 's/^Depends: *\(linux-image-[^ ,]*\) *(= *\([^)]*\)).*/\1 \2/p' | head -n 1
}
dep=$(resolve)
if [ -z "$dep" ]; then
	apt-get update -qq || :
	dep=$(resolve)
fi
image=${dep% *}
version=${dep#* }
release=${image#linux-image-}
case $release in
[0-9]*-"$flavour") ;;
*) echo "debian-kernel: cannot resolve linux-image-$flavour:armhf ($dep)" >&2; exit 1;;
esac

if [ -f "$out/.fetched" ] && [ "$(cat "$out/release")" = "$release $version" ]; then
	exit 0
fi

# The headers of an rt flavour come with their own -common-rt package.
case $flavour in
rt-*) common=linux-headers-${release%-"$flavour"}-common-rt;;
*) common=linux-headers-${release%-"$flavour"}-common;;
esac
pkgs="$image:armhf=$version linux-headers-$release:armhf=$version $common=$version
linux-kbuild-6.1:amd64=$version"

rm -rf "$out/debs" "$out/root"
mkdir -p "$out/debs" "$out/root"
# apt-get download runs as _apt where it can: let it write here.
chmod 0777 "$out/debs"
(cd "$out/debs" && { apt-get download $pkgs 2>/dev/null ||
	{ apt-get update -qq || :; apt-get download $pkgs; }; })
for d in "$out"/debs/*.deb; do
	dpkg -x "$d" "$out/root"
done

# The headers' Makefile includes the common tree by its absolute path on a
# board (/usr/src/linux-headers-...-common/Makefile): point it at ours.
hdr=$out/root/usr/src/linux-headers-$release
sed -i "s|^include /usr/src/|include $out/root/usr/src/|" "$hdr/Makefile"
grep -q "^include $out/root/usr/src/" "$hdr/Makefile"

ln -sfn "root/boot/vmlinuz-$release" "$out/vmlinuz"
ln -sfn "root/usr/src/linux-headers-$release" "$out/headers"
rm -rf "$out/debs"
echo "$release $version" > "$out/release"
touch "$out/.fetched"
