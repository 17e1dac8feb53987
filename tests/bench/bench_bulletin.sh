#!/bin/sh
# tests/bench/bench_bulletin.sh -- issue 5's figures: time per bulletin and
# per page and peak memory, for the shipped bulletins and for the large one
# (tests/data/plan300: 300 tasks). Measured figures, printed; never
# pass/fail.
#
#   sh tests/bench/bench_bulletin.sh
#
# Two trees under build/bench/: province-1 (the shipped publication, as
# bench_site.sh makes it) and plan300 (tests/data/plan300 with the shipped
# stations and monitoring). Both are built once with lantian build; then
#  - when lantian has a `bulletin` command (lantian bulletin MERGED.xml -o
#    OUT.pdf): each month's merged document typeset alone, whole process,
#    wall time and peak RSS (/usr/bin/time -v), pages (pdfinfo);
#  - always: output/bulletin/ removed and rebuilt by lantian build -j 1
#    (everything else is up to date): the build's own bulletin cost.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
L=$root/build/release/lantian
[ -x "$L" ] || { echo "bench_bulletin.sh: build lantian first (make lantian)"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_bench_bul.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# timed CMD...: sets wall_ms, rss_kb; output in $tmp/log.
timed() {
	t0=$(date +%s%N)
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/log" 2>&1 || return 1
	wall_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	rss_kb=$(awk -F: '/Maximum resident/ { print $2 + 0 }' "$tmp/time.txt")
}

make_trees() {
	mkdir -p build/bench
	t=build/bench/province-1
	if [ ! -f "$t/.stamp" ] || [ tests/bench/province.py -nt "$t/.stamp" ]; then
		rm -rf "$t"
		python3 tests/bench/province.py --scale 1 --lantian "$L" "$t" >/dev/null || exit 1
		touch "$t/.stamp"
	fi
	t=build/bench/plan300
	if [ ! -d "$t" ]; then
		mkdir -p "$t/plans"
		cp plans/stations.csv "$t/plans/"
		ln -s "$root/plans/monitoring" "$t/plans/monitoring"
		ln -s "$root/tests/data/plan300" "$t/plans/plan300"
		ln -s "$root/templates" "$t/templates"
		ln -s "$root/fonts" "$t/fonts"
	fi
}

# per_bulletin TREE: every merged month through `lantian bulletin`.
per_bulletin() {
	tree=$(cd "$1" && pwd)   # absolute: the command runs inside the tree
	n=0 sum_ms=0 sum_pages=0 max_rss=0 big_ms=0 big_pages=0 big=
	for m in "$tree"/output/merged/*/*.xml; do
		[ -f "$m" ] || continue
		pdf=$tmp/b.pdf
		rm -f "$pdf"
		if ! (cd "$tree" && timed "$L" bulletin "$m" -o "$pdf"); then
			echo "  lantian bulletin $m: failed: $(tail -2 "$tmp/log")"
			continue
		fi
		# (timed ran in a subshell: read its figures again from the files)
		p=$(pages "$pdf")
		r=$(awk -F: '/Maximum resident/ { print $2 + 0 }' "$tmp/time.txt")
		w=$(awk -F: '/Elapsed \(wall clock\)/ { n = split($0, a, ":"); print int((a[n - 1] * 60 + a[n]) * 1000) }' "$tmp/time.txt")
		n=$((n + 1)) sum_ms=$((sum_ms + w)) sum_pages=$((sum_pages + ${p:-0}))
		[ "$r" -gt "$max_rss" ] && max_rss=$r
		if [ "${p:-0}" -gt "$big_pages" ]; then big_pages=$p big_ms=$w big=$m; fi
	done
	[ $n -gt 0 ] || return 1
	awk -v n=$n -v t=$sum_ms -v p=$sum_pages -v r=$max_rss 'BEGIN {
		printf "  %d bulletins, %d pages: %.0f ms per bulletin, %.2f ms per page (whole process, /usr/bin/time), peak RSS %.1f MB\n",
		    n, p, t / n, t / p, r / 1024 }'
	echo "  largest: ${big#$tree/} $big_pages pages in $big_ms ms (goal for ~80 pages: under 150 ms, under 80 MB)"
}

# in_build TREE: output/bulletin/ removed and rebuilt by lantian build.
in_build() {
	tree=$1
	rm -rf "$tree/output/bulletin"
	if ! timed "$L" -C "$tree" build -q -j 1; then
		echo "  lantian build failed: $(tail -3 "$tmp/log")"
		return
	fi
	nb=$(find "$tree/output/bulletin" -name '*.pdf' 2>/dev/null | wc -l)
	if [ "$nb" -eq 0 ]; then
		echo "  no output/bulletin/ yet: the bulletins are not wired into lantian build"
		return
	fi
	np=0 maxp=0
	for f in "$tree"/output/bulletin/*/*.pdf; do
		p=$(pages "$f")
		np=$((np + ${p:-0}))
		[ "${p:-0}" -gt "$maxp" ] && maxp=$p
	done
	awk -v t="$wall_ms" -v n="$nb" -v p="$np" -v r="$rss_kb" -v m="$maxp" 'BEGIN {
		printf "  in lantian build -j 1 (output/bulletin removed): %d PDFs, %d pages (largest %d) in %d ms: %.0f ms per bulletin, %.2f ms per page, peak RSS %.1f MB\n",
		    n, p, m, t, t / n, t / p, r / 1024 }'
}

make_trees
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
has_cmd=0
"$L" bulletin --help >/dev/null 2>&1 && has_cmd=1
for tree in build/bench/province-1 build/bench/plan300; do
	echo
	echo "== bulletins of $tree ($(ls "$tree/plans" | grep -vc -e monitoring -e stations.csv) plans)"
	"$L" -C "$tree" build -q >/dev/null 2>&1 || { echo "  lantian build failed"; continue; }
	if [ $has_cmd = 1 ]; then
		per_bulletin "$tree" || echo "  lantian bulletin: no merged months"
	else
		echo "  (no lantian bulletin command: per-bulletin figures skipped)"
	fi
	in_build "$tree"
done
