#!/bin/sh
# cli_badinput.sh -- the whole program on bad input: `$LANTIAN parse FILE`
# and `$LANTIAN parse FILE --json` on empty, binary, undecodable, huge,
# truncated, task-less and malformed plans, a GB18030 / UTF-16 / CRLF copy of
# a real plan, a missing file and a directory.
#
# For input that cannot be used: non-zero exit, nothing on stdout, and the
# message names the file (and the line:col where one applies). For every
# input: no crash (exit >= 128 or a sanitizer report fails the test) and no
# hang (each run is limited by `timeout 60`: a hang, not a slow run
# on a loaded machine under ASan, which takes 20 s for the 1 MB line).
# Prints "N passed, N failed" last; exits non-zero when a test failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
: "${LANTIAN:=$root/lantian}"
case $LANTIAN in /*) ;; *) LANTIAN=$(pwd)/$LANTIAN ;; esac
# LANTIAN_RELEASE (optional): an optimised build for the 10 MB input.
case ${LANTIAN_RELEASE:-} in ''|/*) ;; *) LANTIAN_RELEASE=$(pwd)/$LANTIAN_RELEASE ;; esac
# Messages and output must not depend on the caller's environment.
LC_ALL=C.UTF-8 TZ=UTC
export LC_ALL TZ

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_badinput.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
plan=nanzhao-2024
src=$root/plans/$plan

ok() { pass=$((pass + 1)); echo "ok   - $1"; }
not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1: $2"
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] || continue
		echo "    --- $(basename "$f"):"
		head -c 1500 "$f" | head -n 12 | sed 's/^/    /'
	done
}

# run DIR ARGS...: run `lantian parse ARGS` in DIR; sets $rc, $secs.
run() {
	d=$1
	shift
	why=
	t0=$(date +%s%N)
	# BIN=... run: one run with another binary. Cleared here, since a shell
	# may keep an assignment made before a function call.
	bin=${BIN:-$LANTIAN}
	BIN=
	(cd "$d" && exec timeout 60 "$bin" parse "$@") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	t1=$(date +%s%N)
	secs=$(( (t1 - t0) / 1000000 ))ms
}

# sane: no hang, no crash, no sanitizer report. Sets $why when not.
sane() {
	if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
		why="hung (killed by timeout 60 after $secs)"
		return 1
	fi
	if [ "$rc" -ge 125 ]; then
		why="crashed or could not run (exit $rc)"
		return 1
	fi
	if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' "$tmp/err"; then
		why="sanitizer report (exit $rc)"
		return 1
	fi
	return 0
}

# unusable NAME DIR FILE NEEDLE [ARGS...]: the input must be refused cleanly.
# NEEDLE (a fixed string, may be empty) must occur in stderr, and so must
# FILE itself.
unusable() {
	name=$1 d=$2 file=$3 needle=$4
	shift 4
	run "$d" "$file" "$@"
	if ! sane; then not_ok "$name" "$why"; return; fi
	if [ "$rc" -eq 0 ]; then not_ok "$name" "exit 0 on unusable input"; return; fi
	if [ -s "$tmp/out" ]; then not_ok "$name" "wrote to stdout"; return; fi
	if ! grep -qF -- "$file" "$tmp/err"; then not_ok "$name" "message does not name $file"; return; fi
	if [ -n "$needle" ] && ! grep -qF -- "$needle" "$tmp/err"; then
		not_ok "$name" "message lacks '$needle'"; return
	fi
	ok "$name (exit $rc)"
}

# json_same A B: the two JSON files are equal except for "encoding" fields.
json_same() {
	python3 - "$1" "$2" <<'EOF'
import json, sys
def strip(x):
    if isinstance(x, dict):
        return {k: strip(v) for k, v in x.items() if k != "encoding"}
    if isinstance(x, list):
        return [strip(v) for v in x]
    return x
a, b = (strip(json.load(open(p, encoding="utf-8"))) for p in sys.argv[1:3])
if a != b:
    for k in sorted(set(a) | set(b)) if isinstance(a, dict) and isinstance(b, dict) else []:
        if a.get(k) != b.get(k):
            print("    first difference in key %r" % k)
            break
    sys.exit(1)
EOF
}

# json_tasks FILE: number of tasks in a JSON export (fails if not JSON).
json_tasks() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1],encoding="utf-8")); print(len(d.get("tasks") or []))' "$1"
}

# ---- fixtures --------------------------------------------------------------
mkdir -p "$tmp/bad" "$tmp/u8/$plan" "$tmp/gb/$plan" "$tmp/u16/$plan" \
    "$tmp/crlf/$plan" "$tmp/adir.txt"
b=$tmp/bad
: >"$b/empty.txt"
printf ' \n\t\r\n\343\200\200\n' >"$b/blank.txt"
# A PNG header: NUL bytes.
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020\000\000\000\020\010\002' >"$b/binary.txt"
# Line 3, column 5 holds 0xFF (columns count characters).
printf '一、总体要求\n二、主要任务\n1.整治\377\376扬尘。（县住建局牵头）\n' >"$b/invalid.txt"
{
	sed -n '1,9p' "$src/plan.txt"
	printf '5.未闭合括号。2024年5月底前完成。（县生态环境分局牵头，县工信局配合\n'
	printf '6.多余的右括号。）县发展改革委负责）)〕\n'
	printf '7.嵌套。（（（（（（县公安局牵头）\n'
} >"$b/unbalanced.txt"
size=$(wc -c <"$src/plan.txt")
head -c $((size * 40 / 100)) "$src/plan.txt" >"$b/truncated.txt"
{
	printf '二、主要任务\n（一）超长行\n1.超长任务。'
	yes '县生态环境分局牵头，PM2.5 浓度下降；（县住建局配合）2024年5月底前' |
	    tr -d '\n' | head -c 10485760
	printf '\n'
} >"$b/long.txt"
head -c 1048576 "$b/long.txt" >"$b/long1m.txt"
printf '\n' >>"$b/long1m.txt"

cp "$src/plan.txt" "$src/plan.conf" "$tmp/u8/$plan/"
cp "$src/plan.conf" "$tmp/gb/$plan/"
cp "$src/plan.conf" "$tmp/u16/$plan/"
cp "$src/plan.conf" "$tmp/crlf/$plan/"
iconv -f UTF-8 -t GB18030 "$src/plan.txt" >"$tmp/gb/$plan/plan.txt"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$src/plan.txt"; } >"$tmp/u16/$plan/plan.txt"
sed 's/$/\r/' "$src/plan.txt" >"$tmp/crlf/$plan/plan.txt"

# ---- unusable input --------------------------------------------------------
for mode in "" --json; do
	sfx=${mode:+ $mode}
	unusable "empty file$sfx" "$b" empty.txt '文件为空' $mode
	unusable "whitespace-only file$sfx" "$b" blank.txt '文件为空' $mode
	unusable "binary file$sfx" "$b" binary.txt '二进制' $mode
	unusable "invalid UTF-8 names file:line:col$sfx" "$b" invalid.txt 'invalid.txt:3:5:' $mode
	# A plan with no task is not refused: 0 tasks are printed with a warning
	# and exit 1 (tests/cli_shapes.sh).
	unusable "nonexistent file$sfx" "$b" no-such-plan.txt 'no-such-plan.txt: 错误: 无法打开文件' $mode
	unusable "directory$sfx" "$tmp" adir.txt 'adir.txt: 错误: 是目录，不是文件' $mode
done
# The same input refused the same way whatever the path looks like.
unusable "absolute path in message" / "$b/invalid.txt" "$b/invalid.txt:3:5:" --json

# ---- other encodings of a real plan: same result ---------------------------
run "$tmp/u8" "$plan/plan.txt" --json
cp "$tmp/out" "$tmp/u8.json"
if sane && [ "$rc" -eq 0 ] && [ "$(json_tasks "$tmp/u8.json" 2>/dev/null || echo 0)" -gt 0 ]; then
	ok "UTF-8 original parses ($(json_tasks "$tmp/u8.json") tasks, $secs)"
	base=1
else
	not_ok "UTF-8 original parses" "${why:-exit $rc or no tasks}"
	base=0
fi
for v in gb:GB18030 u16:UTF-16LE crlf:CRLF; do
	d=${v%%:*} label=${v#*:}
	run "$tmp/$d" "$plan/plan.txt" --json
	if ! sane; then not_ok "$label copy" "$why"; continue; fi
	if [ "$rc" -ne 0 ]; then not_ok "$label copy" "exit $rc"; continue; fi
	if [ "$base" -eq 1 ] && json_same "$tmp/u8.json" "$tmp/out"; then
		ok "$label copy gives the same JSON as the UTF-8 original"
	else
		not_ok "$label copy" "JSON differs from the UTF-8 original"
	fi
done
run "$tmp/gb" "$plan/plan.txt"
if sane && [ "$rc" -eq 0 ] && grep -q '<' "$tmp/out"; then
	ok "GB18030 copy as XML"
else
	not_ok "GB18030 copy as XML" "${why:-exit $rc}"
fi

# ---- damaged but usable input: parse what is there, no crash -----------------
for mode in "" --json; do
	sfx=${mode:+ $mode}
	# The 10 MB line runs with the optimised build when make gives one
	# (LANTIAN_RELEASE): under ASan it is minutes of allocator work, not a
	# hang; the sanitizer build gets a 1 MB line.
	BIN=${LANTIAN_RELEASE:-$LANTIAN} run "$b" long.txt $mode
	if sane; then ok "10 MB single line$sfx (exit $rc, $secs)"; else not_ok "10 MB single line$sfx" "$why"; fi
	run "$b" long1m.txt $mode
	if sane; then ok "1 MB single line$sfx (exit $rc, $secs)"; else not_ok "1 MB single line$sfx" "$why"; fi
	run "$b" unbalanced.txt $mode
	if ! sane; then
		not_ok "unbalanced brackets$sfx" "$why"
	elif [ "$rc" -ne 0 ] || [ ! -s "$tmp/out" ]; then
		not_ok "unbalanced brackets$sfx" "exit $rc: the tasks before and around them are usable"
	else
		ok "unbalanced brackets$sfx"
	fi
done
run "$b" unbalanced.txt --json
n=$(json_tasks "$tmp/out" 2>/dev/null || echo -1)
if sane && [ "$n" -ge 7 ]; then ok "unbalanced brackets: all $n tasks kept"
else not_ok "unbalanced brackets: tasks kept" "got $n tasks, want >= 7"; fi

run "$b" truncated.txt --json
n=$(json_tasks "$tmp/out" 2>/dev/null || echo -1)
full=$(json_tasks "$tmp/u8.json" 2>/dev/null || echo 0)
if ! sane; then
	not_ok "truncated plan (first 40%)" "$why"
elif [ "$rc" -ne 0 ] || [ "$n" -le 0 ] || [ "$n" -ge "$full" ]; then
	not_ok "truncated plan (first 40%)" "exit $rc, $n tasks (full plan: $full)"
else
	ok "truncated plan (first 40%): $n of $full tasks"
fi
run "$b" truncated.txt
if sane && [ "$rc" -eq 0 ] && [ -s "$tmp/out" ]; then ok "truncated plan as XML"
else not_ok "truncated plan as XML" "${why:-exit $rc}"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
