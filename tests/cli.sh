#!/bin/sh
# Run every tests/cli_*.sh (whole-program tests of the command line) with
# $LANTIAN pointing at the binary under test. Each prints "N passed, N failed".
# First the check helper of tests/lib_cli.sh is held to its rule: a check
# takes one command, so `check NAME [ a ] && b` (which tests only `[ a ]`)
# is a failure. lint_checks finds it in every tests/*.sh; both it and the
# run-time guard in check are first shown to catch a planted misuse.
set -u
here=$(cd "$(dirname "$0")" && pwd)
LANTIAN=$(cd "$(dirname "${LANTIAN:-./lantian}")" && pwd)/$(basename "${LANTIAN:-./lantian}")
export LANTIAN
# Also cli_stale.sh and cli_escape.sh (issue 17), found by the glob below.
status=0

echo "== check helper (tests/lib_cli.sh)"
lint_tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_lint.XXXXXX")
(
	. "$here/lib_cli.sh"
	tmp=$lint_tmp pass=0 fail=0
	# The lint sees a split check, on one line and continued, and lets
	# quoted &&, here-documents and comments be.
	cat >"$tmp/planted.sh" <<-'EOF'
	check "one line" [ 0 = 0 ] && [ 1 = 2 ]
	check "continued" [ 0 = 0 ] &&
		grep -q x "$f"
	check "backslash" \
		[ 0 = 0 ] || true
	check "quoted is fine" sh -c "[ 0 = 0 ] && [ 1 = 1 ]"
	check "multi-line quoted is fine" sh -c "true &&
	    true"
	# check "a comment" [ 0 = 0 ] && false
	cat <<EOT
	check "in a here-document" a && b
	EOT
	check "function is fine" both_hold
	EOF
	lint_checks "$tmp/planted.sh" >"$tmp/lint"
	want="$tmp/planted.sh:1: $tmp/planted.sh:2: $tmp/planted.sh:4:"
	got=$(cut -d' ' -f1 "$tmp/lint" | tr '\n' ' ' | sed 's/ $//')
	if [ "$got" = "$want" ]; then ok "lint_checks finds exactly the 3 planted split checks"
	else not_ok "lint_checks finds exactly the 3 planted split checks" "got: $got"; fi
	# The run-time guard: a bare && handed to check is a failure.
	(pass=0 fail=0
	 check "planted misuse" [ 0 = 0 ] '&&' [ 1 = 2 ]
	 check "planted misuse" [ 0 = 0 ] '||' [ 1 = 2 ]
	 echo "counted: $pass passed, $fail failed") >"$tmp/misuse"
	if grep -q 'counted: 0 passed, 2 failed' "$tmp/misuse" &&
	    [ "$(grep -c 'check misuse' "$tmp/misuse")" = 2 ]; then
		ok "check counts a bare && or || among its arguments as a failure"
	else
		not_ok "check counts a bare && or || among its arguments as a failure" "$(cat "$tmp/misuse")"
	fi
	# Every test script of the project.
	lint_checks "$here"/*.sh >"$tmp/lint"
	if [ -s "$tmp/lint" ]; then
		sed 's/^/    /' "$tmp/lint"
		not_ok "no split check in tests/*.sh" "$(wc -l <"$tmp/lint") found (listed above)"
	else
		ok "no split check in tests/*.sh"
	fi
	cli_summary
) || status=1
rm -rf "$lint_tmp"

for t in "$here"/cli_*.sh; do
	[ -f "$t" ] || continue
	echo "== $(basename "$t")"
	sh "$t" || status=1
done
exit $status
