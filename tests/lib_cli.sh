# lib_cli.sh -- shared by the whole-program tests tests/cli_*.sh that run
# lantian on a copy of the publication: sourced, not run.
#   cli_setup NAME   resolve $LANTIAN (absolute), pin locale and zone, make
#                    $tmp (removed on exit), zero the counters
#   ok NAME / not_ok NAME WHY / check NAME COMMAND...   count and print
#                    check takes ONE simple command: a bare &&, || or ;
#                    among its arguments is a "check misuse" failure (wrap
#                    compound conditions in a function or sh -c). What the
#                    shell splits off before the call (check N [ a ] && b)
#                    cannot be seen here: lint_checks finds it in the source.
#   lint_checks FILE...   fail for every check line with && or || outside
#                    quotes (continued lines joined)
#   exits CODE PATTERN FILE   $rc is CODE and FILE has a line matching
#                    PATTERN (grep): the status AND the message, one command
#   has PATTERN FILE / lacks PATTERN FILE   FILE exists and has (has no)
#                    line matching PATTERN
#   built_ok         $rc is 0 and every summary line of $tmp/out says
#                    "failed 0" (at least one does)
#   absent PATH... / empty FILE...   none of PATH exists / every FILE empty
#   lt DIR ARGS...   run lantian in DIR: $rc, output in $tmp/out, $tmp/err;
#                    a crash or sanitizer report is a failure of its own
#   newtree DIR / lt_rel DIR ARGS... / sums DIR   a copy of the publication,
#                    lantian (release) on it, the hashes of its output/
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
	if [ $# -eq 0 ]; then
		not_ok "$name" "check misuse: no command"
		return
	fi
	for a in "$@"; do
		case $a in
		'&&' | '||' | ';' | '&' | '|')
			not_ok "$name" "check misuse: bare '$a' in the arguments: $* (wrap the condition in a function or sh -c)"
			return ;;
		esac
	done
	if "$@"; then ok "$name"; else not_ok "$name" "failed: $*"; fi
}

# lint_checks FILE...: a check whose condition the shell split (a && or ||
# after it, outside quotes) tests only its first part. Each such line is a
# failure naming FILE:LINE. Continued lines (ending in \, && or ||) are
# joined, and so are lines inside a quoted string; quoted text, comments
# and here-documents are ignored.
lint_checks() {
	awk '
	function strip(s,    out, i, c) {
		out = ""; q = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (q != "") {
				if (c == "\\" && q == "\"") { i++; continue }
				if (c == q) q = ""
				continue
			}
			if (c == "\\") { i++; continue }
			if (c == "\"" || c == "\047") { q = c; continue }
			if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t]/)) break
			out = out c
		}
		return out
	}
	FNR == 1 { buf = ""; eof = "" }
	eof != "" { if ($0 ~ "^\t*" eof "$") eof = ""; next }
	{
		if (buf == "") { start = FNR; buf = $0 } else buf = buf "\n" $0
		t = strip(buf)
		if (q == "" && match(buf, /<<-?[ \t]*[\047"]?[A-Za-z_]+/)) {
			eof = substr(buf, RSTART, RLENGTH)
			sub(/^<<-?[ \t]*[\047"]?/, "", eof)
		}
		if (q != "" || t ~ /(&&|\|\||\|)[ \t]*$/ || buf ~ /\\$/) next
		if (t ~ /^[ \t]*check[ \t]/ && t ~ /(&&|\|\||;)/)
			printf "%s:%d: check misuse: && or || or ; after a check (the check tests only what comes before it)\n", FILENAME, start
		buf = ""
	}
	' "$@"
}

exits() { [ "$rc" = "$1" ] && grep -q -- "$2" "$3"; }
has() { grep -q -- "$1" "$2"; }
lacks() { [ -e "$2" ] && ! grep -q -- "$1" "$2"; }
built_ok() {
	[ "$rc" = 0 ] && grep -q 'failed 0)' "$tmp/out" && ! grep -q 'failed [1-9]' "$tmp/out"
}
absent() {
	for p in "$@"; do
		[ ! -e "$p" ] || return 1
	done
}
empty() {
	for f in "$@"; do
		[ -e "$f" ] && [ ! -s "$f" ] || return 1
	done
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

# newtree DIR: a fresh copy of the shipped publication in DIR (without
# Beijing's data, which no plan uses), its inputs dated an hour ago.
newtree() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -r "$root/plans" "$1/plans"
	cp -r "$root/templates" "$1/templates"
	cp -r "$root/fonts" "$1/fonts"
	rm -rf "$1/plans/monitoring/beijing"
	sed -i '/,monitoring\/beijing$/d' "$1/plans/stations.csv"
	find "$1/plans" "$1/templates" "$1/fonts" -type f -exec touch -d '-1 hour' {} +
}

lt_rel() { # DIR ARGS...: lt with the release binary (full builds are heavy)
	d=$1
	shift
	(cd "$d" && "${LANTIAN_RELEASE:-$LANTIAN}" "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# sums DIR: "sha256  path" of every file of DIR/output but .lantian/, sorted
# by path (the file list is the second column).
sums() {
	(cd "$1" && find output -path output/.lantian -prune -o -type f -print |
	    LC_ALL=C sort | xargs -d '\n' sha256sum)
}

cli_summary() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
