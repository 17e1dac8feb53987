#!/bin/sh
# tests/bench/bench_scale.sh -- issue 13's figures: parallel builds, the
# site's cost per page, province scale and sharded builds. Measured
# figures, printed; never pass/fail. Trees are the synthetic publications
# of province.py under build/bench/province-<scale> (made once).
#
#   sh tests/bench/bench_scale.sh            10x figures; 100x too when
#                                            BENCH_LARGE=1
#   BENCH_RUNS=N                             alternating -j1/-j2 pairs (3)
#   BENCH_SHARDS=N                           shards of the simulation (4)
#
# Printed:
#  - full build of 10x, -j 1 and -j 2 alternating (the machine is shared:
#    an alternating pair sees the same load): wall median [min-max] of
#    each, the ratio of the medians, and user+sys CPU of each (the work
#    split, not repeated: the CPU stays about the same);
#  - the site alone at 10x (output/site removed, everything else up to
#    date), -j 1 and -j 2: ms per page, search index included;
#  - no-op build, whole process, mean of 10 at 1x, 10x (and 100x);
#  - one ledger changed (a report row of one plan's last month), as % of
#    the full build of the same scale;
#  - 100x (BENCH_LARGE=1): full build -j 2 wall and peak RSS;
#  - sharded build simulated (BENCH_SHARDS shards of the 10x tree, each a
#    process on its own copy, one after another): shard 0 (areas,
#    rankings), each plan shard, the combining build; the critical path
#    (shard 0 + slowest plan shard + combining build) against the
#    unsharded -j 1 build, and whether the combined output equals the
#    unsharded one byte for byte.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
L=$root/build/release/lantian
[ -x "$L" ] || { echo "bench_scale.sh: build lantian first (make lantian)"; exit 1; }
runs=${BENCH_RUNS:-3}
shards=${BENCH_SHARDS:-4}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_bench_scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

tree_of() { # SCALE -> path, made once
	t=$root/build/bench/province-$1
	if [ ! -f "$t/.stamp" ] || [ tests/bench/province.py -nt "$t/.stamp" ]; then
		rm -rf "$t"
		mkdir -p "$root/build/bench"
		python3 tests/bench/province.py --scale "$1" --lantian "$L" "$t" >/dev/null || exit 1
		touch "$t/.stamp"
	fi
	echo "$t"
}

# timed DIR ARGS...: lantian in DIR under /usr/bin/time; sets wall (s),
# cpu (user+sys s), rss (MB).
timed() {
	d=$1
	shift
	(cd "$d" && /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$L" "$@" >"$tmp/log" 2>&1) || {
		echo "  lantian $*: failed"; tail -3 "$tmp/log"; }
	read -r wall u s k <"$tmp/time"
	cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	rss=$(awk -v k="$k" 'BEGIN { printf "%.0f", k / 1024 }')
}

# med FILE: "median [min-max]" of the numbers in FILE, one a line.
med() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
	    m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	    printf "%.2f [%.2f-%.2f]", m, v[1], v[NR] }'
}
median() { sort -n "$1" | awk '{ v[NR] = $1 } END {
	    printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

noop() { # DIR: mean of 10 no-op builds, ms
	sleep 2   # the stat cache trusts a file a second older than its hash
	(cd "$1" && "$L" build -q)
	t0=$(date +%s%N)
	i=0
	while [ $i -lt 10 ]; do (cd "$1" && "$L" build -q); i=$((i + 1)); done
	echo $(( ($(date +%s%N) - t0) / 10 / 1000000 ))
}

pages() { find "$1/output/site" -name '*.html' | wc -l; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
t10=$(tree_of 10)

echo
echo "== full build of 10x, -j 1 / -j 2 alternating ($runs pairs)"
: >"$tmp/w1"; : >"$tmp/w2"; : >"$tmp/c1"; : >"$tmp/c2"
i=0
while [ $i -lt "$runs" ]; do
	for j in 1 2; do
		rm -rf "$t10/output"
		timed "$t10" build -q -j $j
		echo "$wall" >>"$tmp/w$j"
		echo "$cpu" >>"$tmp/c$j"
		echo "  -j $j: wall $wall s, user+sys $cpu s, peak RSS $rss MB (load $(cut -d' ' -f1 /proc/loadavg))"
	done
	i=$((i + 1))
done
echo "  -j 1: wall $(med "$tmp/w1") s, CPU $(med "$tmp/c1") s"
echo "  -j 2: wall $(med "$tmp/w2") s, CPU $(med "$tmp/c2") s"
awk -v a="$(median "$tmp/w1")" -v b="$(median "$tmp/w2")" \
    'BEGIN { printf "  -j 2 is %.2fx faster than -j 1 (ratio of medians; goal 1.7x)\n", a / b }'
full10=$(median "$tmp/w1")

echo
echo "== the site alone at 10x (output/site removed; search index included)"
n=$(pages "$t10")
for j in 1 2; do
	rm -rf "$t10/output/site"
	timed "$t10" build -q -j $j
	awk -v w="$wall" -v c="$cpu" -v n="$n" -v j="$j" 'BEGIN {
	    printf "  -j %d: %d pages in %.2f s wall (%.3f ms per page), %.2f s CPU (%.3f ms per page; goal 0.5)\n",
	    j, n, w, 1000 * w / n, c, 1000 * c / n }'
done
echo "  bulletin PDFs on the site: $(find "$t10/output/site" -name '*.pdf' -links +1 | wc -l) hard links," \
    "$(find "$t10/output/site" -name '*.pdf' -links 1 | wc -l) copies"

echo
echo "== no-op build, whole process (mean of 10)"
t1=$tmp/one
mkdir -p "$t1"
cp -r plans templates fonts "$t1/"
(cd "$t1" && "$L" build -q)
echo "  1x: $(noop "$t1") ms"
echo "  10x: $(noop "$t10") ms"

echo
echo "== one ledger changed at 10x (a report row of one plan's last month)"
led=$(python3 tests/bench/touch_ledger.py "$t10")
if [ -n "$led" ]; then
	timed "$t10" build -q -j 2
	awk -v a="$wall" -v b="$full10" 'BEGIN { printf "  %.2f s = %.1f%% of the full -j 1 build (goal: under 3%%)\n", a, 100 * a / b }'
	mv "$t10/$led.bench-orig" "$t10/$led"
	(cd "$t10" && "$L" build -q)
fi

echo
echo "== sharded build simulated: $shards plan shards of 10x, one process after another"
sum_of() { (cd "$1" && find output -path output/.lantian -prune -o -type f -print | LC_ALL=C sort | xargs -d '\n' sha256sum); }
sum_of "$t10" >"$tmp/whole.sums"
copy_tree() { mkdir -p "$1"; cp -r "$t10/plans" "$t10/templates" "$t10/fonts" "$1/"; }
copy_tree "$tmp/s0"
timed "$tmp/s0" build -q -j 1 --shard 0/$shards
s0=$wall
echo "  shard 0/$shards (areas, rankings): $wall s, peak RSS $rss MB"
slow=0
k=1
while [ $k -le "$shards" ]; do
	copy_tree "$tmp/s$k"
	cp -r "$tmp/s0/output" "$tmp/s$k/"
	timed "$tmp/s$k" build -q -j 1 --shard $k/$shards
	echo "  shard $k/$shards: $wall s, peak RSS $rss MB"
	slow=$(awk -v a="$slow" -v b="$wall" 'BEGIN { print (b > a ? b : a) }')
	k=$((k + 1))
done
copy_tree "$tmp/comb"
k=0
while [ $k -le "$shards" ]; do cp -r "$tmp/s$k/output" "$tmp/comb/"; rm -rf "$tmp/s$k"; k=$((k + 1)); done
timed "$tmp/comb" build -q -j 1
echo "  combining build (registry, site): $wall s, peak RSS $rss MB"
awk -v a="$s0" -v b="$slow" -v c="$wall" -v w="$full10" 'BEGIN {
    printf "  critical path %.2f s (shard 0 + slowest shard + combining) against %.2f s unsharded -j 1: %.2fx\n",
    a + b + c, w, w / (a + b + c) }'
sum_of "$tmp/comb" >"$tmp/comb.sums"
if cmp -s "$tmp/whole.sums" "$tmp/comb.sums"; then
	echo "  combined output byte-identical to the unsharded build ($(wc -l <"$tmp/comb.sums") files)"
else
	echo "  combined output DIFFERS from the unsharded build"
fi
rm -rf "$tmp/comb"

if [ "${BENCH_LARGE:-0}" = 1 ]; then
	echo
	echo "== 100x (a province: 150 plans)"
	t100=$(tree_of 100)
	rm -rf "$t100/output"
	timed "$t100" build -q -j 2
	full100=$wall
	echo "  full build -j 2: $wall s wall, $cpu s CPU, peak RSS $rss MB (goals: 60 s, 500 MB)"
	echo "  no-op: $(noop "$t100") ms (goal: 100 ms)"
	led=$(python3 tests/bench/touch_ledger.py "$t100")
	if [ -n "$led" ]; then
		timed "$t100" build -q -j 2
		awk -v a="$wall" -v b="$full100" 'BEGIN { printf "  one ledger changed: %.2f s = %.1f%% of the full build (goal: under 3%%)\n", a, 100 * a / b }'
		mv "$t100/$led.bench-orig" "$t100/$led"
		(cd "$t100" && "$L" build -q)
	fi
else
	echo
	echo "(100x: BENCH_LARGE=1 sh tests/bench/bench_scale.sh; generating the tree takes about a minute)"
fi
