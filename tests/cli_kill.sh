#!/bin/sh
# cli_kill.sh -- a build killed at a random moment loses nothing: on a copy
# of the shipped publication (bulletins and site included), a clean build
# is the reference; then, KILLS times (default 3; `KILLS=20 sh
# tests/cli_kill.sh` for more), a full build is started -- alternately
# from an empty output/ and with --force over the outputs of other inputs
# (so that files are really rewritten) -- and sent SIGKILL after a random
# delay, once the build has announced itself (output/.lantian/running)
# and while it still runs (asserted: killed by the signal, and the marker,
# which a finished build removes, still there). The next ordinary build
# must exit 0 and leave output/ equal to the reference byte for byte:
# the same file list and the same SHA-256 of every file (output/.lantian/,
# the build's own state, lock and font cache, excepted).
# Also: `lantian site` (and a second build) refused while the lock is held.
# Uses $LANTIAN_RELEASE (the heavy builds; default $LANTIAN).
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup kill
: "${LANTIAN_RELEASE:=$LANTIAN}"
: "${KILLS:=3}"
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC




now_ms() { date +%s%3N; }

# A random integer in [0, $1).
random_below() {
	r=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')
	echo $((r % $1))
}

# ---- the reference -----------------------------------------------------------
ref=$tmp/ref
newtree "$ref"
t0=$(now_ms)
lt_rel "$ref" build -j 2
full_ms=$(($(now_ms) - t0))
check "reference build exits 0 (${full_ms} ms)" [ "$rc" -eq 0 ]
sums "$ref" >"$tmp/ref.sums"
cut -c67- "$tmp/ref.sums" >"$tmp/ref.files"
check "reference has bulletins and a site" sh -c \
    "grep -q 'output/bulletin/.*\\.pdf\$' '$tmp/ref.sums' && grep -q 'output/site/index.html\$' '$tmp/ref.sums'"

# ---- lantian site takes the build's lock ------------------------------------------
# flock(1) holds the lock as a running build does (flock(2), same file).
sum_site() { (cd "$ref" && find output/site -type f | LC_ALL=C sort | xargs -d '\n' sha256sum); }
sum_site >"$tmp/site1"
flock "$ref/output/.lantian/lock" sh -c \
    'n=0; while [ ! -e "$1" ] && [ $n -lt 6000 ]; do sleep 0.01; n=$((n + 1)); done' \
    _ "$tmp/release" &
holder=$!
n=0
until ! flock -n "$ref/output/.lantian/lock" true || [ $n -ge 500 ]; do
	sleep 0.01
	n=$((n + 1))
done
lt "$ref" site -q
check "lantian site refused while a build holds the lock (exit 1)" [ "$rc" -eq 1 ]
check "... saying another build runs, naming the lock" \
    grep -q '^output/.lantian/lock: 错误: 另一个 lantian build 或 lantian site 正在此目录中运行' "$tmp/err"
sum_site >"$tmp/site2"
check "... and leaving output/site/ as it was" cmp -s "$tmp/site1" "$tmp/site2"
lt_rel "$ref" build -j 2
check "lantian build refused too (exit 1)" [ "$rc" -eq 1 ]
check "... with the same message" grep -q '另一个 lantian build 或 lantian site 正在此目录中运行' "$tmp/err"
: >"$tmp/release"
wait "$holder"
lt_rel "$ref" site -q
check "lantian site runs once the lock is free" [ "$rc" -eq 0 ]

# ---- outputs of other inputs, to be rewritten under --force ------------------
alt=$tmp/alt
newtree "$alt"
sed -i '3s/,50%,/,60%,/' "$alt/plans/nanzhao-2024/ledgers/2024-07.csv"
sed -i '0,/依法依规淘汰落后产能/s//依法依规淘汰全部落后产能/' "$alt/plans/nanzhao-2024/plan.txt"
for f in "$alt"/plans/*/commentary/*.md; do
	[ -f "$f" ] && printf '# 存在问题\n\n另一版本的评述。\n' >"$f"
done
lt_rel "$alt" build -j 2
check "build of the other inputs exits 0" [ "$rc" -eq 0 ]
sums "$alt" >"$tmp/alt.sums"
check "the other inputs give other outputs" sh -c "! cmp -s '$tmp/ref.sums' '$tmp/alt.sums'"

# ---- kills ---------------------------------------------------------------------
t=$tmp/t
newtree "$t"

# kill_build ARGS...: start `lantian build ARGS` in $t, SIGKILL it after a
# random delay once it runs; $killed is 1 when the kill landed mid-build,
# $delay the delay in ms.
kill_build() {
	(cd "$t" && exec "$LANTIAN_RELEASE" "$@") >"$tmp/kout" 2>&1 &
	pid=$!
	# The marker is made right after the lock is taken.
	n=0
	while [ ! -e "$t/output/.lantian/running" ] && kill -0 "$pid" 2>/dev/null &&
	    [ $n -lt 2000 ]; do
		sleep 0.01
		n=$((n + 1))
	done
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	killed=0
	if kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
	fi
	wait "$pid"
	st=$?
	# 137: ended by SIGKILL; the marker, which a finished build removes,
	# proves it had not got to its end.
	[ "$st" -eq 137 ] && [ -e "$t/output/.lantian/running" ] && killed=1
}

i=1
while [ "$i" -le "$KILLS" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		what="full build from an empty output/"
		args="build -j 2"
	else
		what="--force over other outputs"
		args="build -j 2 --force"
	fi
	# A kill that comes too late (the build already done) is tried
	# again sooner.
	delay=$(random_below $((full_ms * 9 / 10 + 1)))
	tries=0
	killed=0
	while [ "$killed" -eq 0 ] && [ "$tries" -lt 6 ]; do
		rm -rf "$t/output"
		[ $((i % 2)) -eq 0 ] && cp -a "$alt/output" "$t/output"
		# shellcheck disable=SC2086
		kill_build $args
		tries=$((tries + 1))
		[ "$killed" -eq 0 ] && delay=$((delay / 2))
	done
	check "kill $i ($what) landed mid-build after ${delay} ms" [ "$killed" -eq 1 ]
	lt_rel "$t" build -j 2
	check "kill $i: the next build exits 0" [ "$rc" -eq 0 ]
	sums "$t" >"$tmp/t.sums"
	cut -c67- "$tmp/t.sums" >"$tmp/t.files"
	check "kill $i: no temp file left" sh -c "! grep -q '/\\.[^/]*\\.tmp[A-Za-z0-9]\\{6\\}\$' '$tmp/t.sums'"
	check "kill $i: same files as the clean build" cmp -s "$tmp/ref.files" "$tmp/t.files"
	check "kill $i: every file byte-identical to the clean build (sha256)" \
	    cmp -s "$tmp/ref.sums" "$tmp/t.sums"
	if ! cmp -s "$tmp/ref.sums" "$tmp/t.sums"; then
		diff "$tmp/ref.sums" "$tmp/t.sums" | head -n 10 | sed 's/^/    /'
	fi
	i=$((i + 1))
done

cli_summary
