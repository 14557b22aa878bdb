#!/bin/sh
# Build one test host kernel variant from Debian's linux-source-6.1 tarball:
# allnoconfig + selftests/config + selftests/config.debug +
# selftests/config.$VARIANT; variant "bench" is the lpae kernel without the
# debug checks (selftests/config + config.lpae + config.bench), for make bench.
# Usage: build-kernel.sh VARIANT OUTDIR
set -eu

variant=$1
mkdir -p "$2"
out=$(cd "$2" && pwd)
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=/usr/src/linux-source-6.1.tar.xz
src=$top/build/linux-source-6.1
cross=${CROSS_COMPILE:-arm-linux-gnueabihf-}
jobs=$(nproc)

# Unpack once per tarball.
if [ ! -f "$src/.unpacked" ] || [ "$tarball" -nt "$src/.unpacked" ]; then
	rm -rf "$src"
	mkdir -p "$top/build"
	tar -C "$top/build" -xf "$tarball"
	touch "$src/.unpacked"
fi

mkdir -p "$out"
case $variant in
bench)	frags="$top/selftests/config $top/selftests/config.lpae $top/selftests/config.bench";;
*)	frags="$top/selftests/config $top/selftests/config.debug $top/selftests/config.$variant";;
esac
kmake() {
	make -s -C "$src" O="$out" ARCH=arm CROSS_COMPILE="$cross" -j"$jobs" "$@"
}

kmake allnoconfig
# merge_config.sh -m merges without running olddefconfig; then let
# Kconfig resolve dependencies on top of the allnoconfig base.
(cd "$out" && ARCH=arm CROSS_COMPILE="$cross" \
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" .config $frags >/dev/null)
kmake KCONFIG_ALLCONFIG="$out/.config" allnoconfig

# Every option the fragments ask for must have survived: a silently
# dropped option would make a test pass or fail for the wrong reason.
bad=0
for f in $frags; do
	grep -E '^CONFIG_[A-Z0-9_]+=' "$f" | while IFS= read -r line; do
		case "$line" in *=n) opt=${line%=n}
			! grep -q "^$opt=y" "$out/.config" || echo "$opt"; continue;; esac
		grep -qx "$line" "$out/.config" || echo "${line%%=*}"
	done
	grep -E '^# CONFIG_[A-Z0-9_]+ is not set' "$f" | while read -r _ opt _; do
		! grep -q "^$opt=y" "$out/.config" || echo "$opt"
	done
done > "$out/.config-missing"
if [ -s "$out/.config-missing" ]; then
	echo "build-kernel: $variant: options not set as asked:" >&2
	sed 's/^/  /' "$out/.config-missing" >&2
	bad=1
fi
[ $bad = 0 ] || exit 1

# "modules" runs modpost on vmlinux: Module.symvers for external modules.
kmake zImage modules
