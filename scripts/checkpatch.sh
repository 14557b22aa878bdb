#!/bin/sh
# checkpatch.pl --no-tree -f on every C source and header of the project.
# Prints TAP for the harness.  Usage: checkpatch.sh KERNEL_SOURCE
set -u
ksrc=$1
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
if git rev-parse --git-dir >/dev/null 2>&1; then
	files=$(git ls-files --cached --others --exclude-standard '*.c' '*.h')
else
	files=$(find . -name '*.[ch]' -not -path './build/*' | sort)
fi
n=0 fail=0
for f in $files; do
	n=$((n + 1))
	if out=$(perl "$ksrc/scripts/checkpatch.pl" --no-tree --quiet --terse \
		 -f "$f" 2>&1); then
		echo "ok $n checkpatch $f"
	else
		echo "$out" | sed 's/^/# /'
		echo "not ok $n checkpatch $f"
		fail=1
	fi
done
exit $fail
