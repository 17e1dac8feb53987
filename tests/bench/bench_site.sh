#!/bin/sh
# tests/bench/bench_site.sh -- issue 6's figures: the site build on the
# shipped publication (1x) and on synthetic ones 10x and 100x larger
# (tests/bench/province.py). Measured figures, printed; never pass/fail.
#
#   sh tests/bench/bench_site.sh [SCALE...]      default: 1 10 (and 100
#                                                when BENCH_LARGE=1)
# For each scale, on a tree under build/bench/province-<scale> (generated
# once, again when province.py changes):
#  - full build (-j 1 and -j nproc): wall time, peak RSS (/usr/bin/time -v),
#    HTML pages in output/site/, time per page (whole build / pages);
#  - the site alone: output/site/ removed, the build run again (every
#    other output is up to date, so this is the site's own cost);
#  - no-op build: mean of 10 (after the stat cache settles);
#  - one ledger changed (one row's progress text of one plan's last
#    month): wall time as % of the full build, and how many site files
#    were rewritten; the ledger is restored afterwards.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
L=$root/build/release/lantian
[ -x "$L" ] || { echo "bench_site.sh: build lantian first (make lantian)"; exit 1; }
scales=${*:-1 10}
[ $# -eq 0 ] && [ "${BENCH_LARGE:-0}" = 1 ] && scales="$scales 100"
jobs=$(nproc)

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# timed NAME CMD...: runs CMD under /usr/bin/time -v; sets wall_ms, rss_mb.
timed() {
	name=$1
	shift
	t0=$(date +%s%N)
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/$name.log" 2>&1 || {
		echo "  $name: failed, see $tmp/$name.log"; tail -3 "$tmp/$name.log"; return 1; }
	wall_ms=$(ms_since "$t0")
	rss_mb=$(awk -F: '/Maximum resident/ { printf "%.1f", $2 / 1024 }' "$tmp/time.txt")
}

site_pages() { find "$1/output/site" -name '*.html' 2>/dev/null | wc -l; }
site_sums() { (cd "$1/output" && find site -type f -exec md5sum {} + 2>/dev/null | sort -k2); }

# Change one row's progress text of the last ledger (CSV) of the first
# plan, keeping its encoding; or restore it from the saved copy.
touch_ledger() {
	python3 - "$1" <<'EOF'
import glob, os, sys
tree = sys.argv[1]
plans = sorted(d for d in glob.glob(os.path.join(tree, "plans", "*", "ledgers")))
for d in plans:
    csvs = sorted(glob.glob(os.path.join(d, "*.csv")))
    if not csvs:
        continue
    path = csvs[-1]
    raw = open(path, "rb").read()
    open(path + ".bench-orig", "wb").write(raw)
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        text, enc = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = body.decode("gb18030"), "gb18030"
    lines = text.split("\n")
    # The last report row (numbered), not the sheet's closing note.
    i = max(j for j, l in enumerate(lines)
            if l.count(",") >= 6 and l.split(",")[0].strip().isdigit())
    cells = lines[i].split(",")
    cells[6] = cells[6] + "（本月已更新）"
    lines[i] = ",".join(cells)
    out = "\n".join(lines).encode(enc)
    open(path, "wb").write((b"\xef\xbb\xbf" if bom else b"") + out)
    print(os.path.relpath(path, tree))
    break
EOF
}

echo "machine: $jobs cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
for scale in $scales; do
	tree=$root/build/bench/province-$scale
	if [ ! -f "$tree/.stamp" ] || [ tests/bench/province.py -nt "$tree/.stamp" ]; then
		rm -rf "$tree"
		mkdir -p "$root/build/bench"
		python3 tests/bench/province.py --scale "$scale" --lantian "$L" "$tree" >/dev/null || exit 1
		touch "$tree/.stamp"
	fi
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_bench_site.XXXXXX")
	nplans=$(ls -d "$tree"/plans/*/plan.conf | wc -l)
	echo
	echo "== site, scale ${scale}x: $nplans plans ($tree)"
	rm -rf "$tree/output"
	timed full1 "$L" -C "$tree" build -q -j 1 || { rm -rf "$tmp"; continue; }
	full1_ms=$wall_ms full1_rss=$rss_mb
	rm -rf "$tree/output"
	timed full "$L" -C "$tree" build -q -j "$jobs" || { rm -rf "$tmp"; continue; }
	full_ms=$wall_ms
	pages=$(site_pages "$tree")
	files=$(find "$tree/output/site" -type f 2>/dev/null | wc -l)
	echo "full build -j 1: $full1_ms ms, peak RSS $full1_rss MB; -j $jobs: $full_ms ms, peak RSS $rss_mb MB"
	if [ "$pages" -eq 0 ]; then
		echo "  no output/site/ yet: the site is not wired into lantian build"
	else
		echo "  output/site: $pages HTML pages, $files files, $(du -sm "$tree/output/site" | cut -f1) MB"
		awk -v t="$full1_ms" -v p="$pages" 'BEGIN { printf "  whole build per site page: %.3f ms (-j 1)\n", t / p }'
		rm -rf "$tree/output/site"
		if timed siteonly "$L" -C "$tree" build -q -j 1; then
			echo "  site alone (output/site removed, rebuilt, -j 1): $wall_ms ms, peak RSS $rss_mb MB," \
			    "$(awk -v t="$wall_ms" -v p="$pages" 'BEGIN { printf "%.3f", t / p }') ms per page" \
			    "(goal: under 0.2 ms per page including search)"
		fi
	fi
	# A file is trusted by its stat data only once it is more than a
	# second older than its hash (build_state.c): let the cache settle.
	sleep 2
	"$L" -C "$tree" build -q
	n=10 t0=$(date +%s%N) i=0
	while [ $i -lt $n ]; do "$L" -C "$tree" build -q; i=$((i + 1)); done
	echo "no-op build: $(( ($(date +%s%N) - t0) / n / 1000 )) us per run, whole process (mean of $n; goal on the large site: under 50 ms)"
	site_sums "$tree" >"$tmp/before"
	ledger=$(touch_ledger "$tree")
	timed oneledger "$L" -C "$tree" build -q -j "$jobs" && {
		site_sums "$tree" >"$tmp/after"
		changed=$(diff "$tmp/before" "$tmp/after" | grep -c '^>')
		echo "one ledger changed ($ledger): $wall_ms ms =" \
		    "$(awk -v a="$wall_ms" -v b="$full_ms" 'BEGIN { printf "%.1f", 100 * a / b }')% of the full build" \
		    "(-j $jobs; goal: under 10%); $changed site files rewritten"
	}
	mv "$tree/$ledger.bench-orig" "$tree/$ledger"
	"$L" -C "$tree" build -q
	rm -rf "$tmp"
done
