# lib_cli.sh -- shared by the whole-program tests tests/cli_*.sh that run
# lantian on a copy of the publication: sourced, not run.
#   cli_setup NAME   resolve $LANTIAN (absolute), pin locale and zone, make
#                    $tmp (removed on exit), zero the counters
#   ok NAME / not_ok NAME WHY / check NAME COMMAND...   count and print
#   lt DIR ARGS...   run lantian in DIR: $rc, output in $tmp/out, $tmp/err;
#                    a crash or sanitizer report is a failure of its own
#   cli_summary      print "N passed, N failed"; exit status 1 on failure

cli_setup() {
	here=$(cd "$(dirname "$0")" && pwd)
	root=$(cd "$here/.." && pwd)
	: "${LANTIAN:=$root/lantian}"
	case $LANTIAN in /*) ;; *) LANTIAN=$(pwd)/$LANTIAN ;; esac
	LC_ALL=C.UTF-8 TZ=UTC
	export LC_ALL TZ
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_$1.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT INT TERM
	pass=0 fail=0
}

ok() { pass=$((pass + 1)); echo "ok   - $1"; }

not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1: $2"
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] || continue
		echo "    --- $(basename "$f"):"
		head -n 15 "$f" | sed 's/^/    /'
	done
}

check() { # NAME CONDITION-COMMAND...
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

lt() {
	d=$1
	shift
	(cd "$d" && "$LANTIAN" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ge 128 ] || grep -q 'Sanitizer' "$tmp/err"; then
		not_ok "lantian $* does not crash" "exit $rc"
	fi
}

cli_summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
