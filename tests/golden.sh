#!/bin/sh
# Golden tests: whole documents. For each input tests/golden/parse/X.txt or
# X.md, `lantian parse X --json` must print X.json, `lantian parse X` must
# print X.xml, and the diagnostics and exit status must equal X.diag. Every
# expected file was read by eye before it was committed.
#
#   sh tests/golden.sh            a difference is a failure (make check)
#   sh tests/golden.sh --regen    show each difference, then rewrite the
#                                 expected file (make regen-golden only:
#                                 read the diff before committing)
# The REGEN variable of older versions is ignored: nothing in the
# environment turns a difference into a pass.
set -u
regen=0
case ${1:-} in
--regen) regen=1 ;;
'') ;;
*) echo "usage: sh tests/golden.sh [--regen]" >&2; exit 2 ;;
esac
if [ -n "${REGEN:-}" ] && [ $regen = 0 ]; then
	echo "golden.sh: REGEN is ignored; differences are failures (make regen-golden rewrites the files)"
fi
here=$(cd "$(dirname "$0")" && pwd)
LANTIAN=${LANTIAN:-$here/../lantian}
case $LANTIAN in /*) ;; *) LANTIAN=$(pwd)/$LANTIAN ;; esac
LC_ALL=C.UTF-8 TZ=UTC
export LC_ALL TZ
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0 regenerated=0

compare() { # expected actual label
	if [ $regen = 1 ]; then
		if ! cmp -s "$1" "$2"; then
			diff -u "$1" "$2" 2>/dev/null || true
			cp "$2" "$1"
			echo "regenerated $1 (read the difference above before committing)"
			regenerated=$((regenerated + 1))
		fi
	elif cmp -s "$1" "$2"; then
		pass=$((pass + 1))
		echo "ok   - $3"
	else
		fail=$((fail + 1))
		echo "FAIL - $3"
		diff -u "$1" "$2" | head -40
	fi
}

cd "$here/golden/parse" || exit 1
for in in *.txt *.md; do
	[ -f "$in" ] || continue
	base=${in%.*}
	"$LANTIAN" parse "$in" --json >"$tmp/$base.json" 2>"$tmp/$base.diag"
	echo "exit: $?" >>"$tmp/$base.diag"
	"$LANTIAN" parse "$in" >"$tmp/$base.xml" 2>/dev/null
	compare "$base.json" "$tmp/$base.json" "$in as JSON"
	compare "$base.xml" "$tmp/$base.xml" "$in as XML"
	compare "$base.diag" "$tmp/$base.diag" "$in diagnostics"
done
if [ $regen = 1 ]; then
	echo "$regenerated expected files rewritten; nothing was tested"
	exit 0
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
