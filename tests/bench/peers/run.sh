#!/bin/sh
# tests/bench/peers/run.sh -- issue 5's peer comparison: the same ~80-page
# Chinese document (peerdoc.py: the five plans' text and a 300-row table)
# typeset by lantian (tests/bench/bench_peerdoc.c) and by whichever peers
# are installed here, each run N times; prints the best wall time and the
# peak RSS of the whole process, the page count, and each time's ratio to
# lantian's. Never part of make check; nothing here is needed to build.
#
#   sh tests/bench/peers/run.sh [N]        (N: runs each, default 3)
#
# Peers: Typst (npm: cd tests/bench/peers && npm ci), XeLaTeX + ctex
# (apt-get install texlive-xetex texlive-lang-chinese; one xelatex run,
# as the outline would need a second), WeasyPrint (apt-get install
# weasyprint; run once: it is slow), Chromium print-to-PDF (/usr/bin/chromium).
# Environment: WEASY_RUNS (default 1), PEERDOC_REPEAT (default 1: the
# plan text K times, for the marginal cost per page).
set -u
root=$(cd "$(dirname "$0")/../../.." && pwd)
here=$root/tests/bench/peers
cd "$root" || exit 1
n=${1:-3}
out=$root/build/bench/peers
mkdir -p "$out"
python3 "$here/peerdoc.py" --repeat "${PEERDOC_REPEAT:-1}" "$out" || exit 1
# (Built if it can be; an existing binary serves while the tree is mid-edit.)
make -s B=build/release build/release/bench/bench_peerdoc >/dev/null 2>&1 ||
	[ -x build/release/bench/bench_peerdoc ] || { echo "run.sh: cannot build bench_peerdoc"; exit 1; }

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# measure NAME RUNS PDF CMD...: best wall (ms) and max peak RSS (MB) over
# RUNS runs of CMD; sets best_ms, rss_mb; prints a line.
lantian_ms=
measure() {
	name=$1 runs=$2 pdf=$3
	shift 3
	best_ms= rss_mb=0
	i=0
	while [ "$i" -lt "$runs" ]; do
		rm -f "$pdf"
		t0=$(date +%s%N)
		/usr/bin/time -f %M -o "$out/time.txt" "$@" >"$out/$name.log" 2>&1
		rc=$?
		t1=$(date +%s%N)
		if [ $rc -ne 0 ] || [ ! -s "$pdf" ]; then
			echo "$name: failed (exit $rc), see $out/$name.log"
			return 1
		fi
		ms=$(( (t1 - t0) / 1000000 ))
		kb=$(tail -1 "$out/time.txt")
		if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; fi
		mb=$(( kb / 1024 ))
		if [ "$mb" -gt "$rss_mb" ]; then rss_mb=$mb; fi
		i=$((i + 1))
	done
	p=$(pages "$pdf")
	ratio=
	if [ -n "$lantian_ms" ] && [ "$lantian_ms" -gt 0 ]; then
		ratio=$(awk -v a="$best_ms" -v b="$lantian_ms" 'BEGIN { printf "%.1fx lantian", a / b }')
	fi
	printf '%-26s %7d ms  %5d MB  %4s pages  %6.2f ms/page  %s\n' "$name" "$best_ms" "$rss_mb" \
	    "$p" "$(awk -v a="$best_ms" -v p="$p" 'BEGIN { print (p > 0 ? a / p : 0) }')" "$ratio"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "document: $(python3 -c "import json,sys; d=json.load(open('$out/peerdoc.json')); print(len(d['blocks']), 'blocks,', sum(len(b.get('text','')) for b in d['blocks']), 'characters + a 300-row table')")"
echo "whole process, best of $n (WeasyPrint: ${WEASY_RUNS:-1}), peak RSS:"
B=$root/build/release/bench
measure lantian "$n" "$out/lantian.pdf" "$B/bench_peerdoc" -r 1 -o "$out/lantian.pdf" "$out/peerdoc.json" ||
	exit 1
lantian_ms=$best_ms
sed 's/^/    in process: /' "$out/lantian.log"
measure "pango floor (raw)" "$n" "$out/floor.pdf" "$B/bench_peerdoc" --floor -r 1 -o "$out/floor.pdf" "$out/peerdoc.json" &&
	sed 's/^/    in process: /' "$out/pango floor (raw).log"
if [ -d "$here/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
	measure "typst (node addon)" "$n" "$out/typst.pdf" node "$here/typst.js" "$out/peerdoc.typ" "$out/typst.pdf" &&
		sed 's/^/    /' "$out/typst (node addon).log"
else
	echo "typst: not installed (cd tests/bench/peers && npm ci)"
fi
if command -v xelatex >/dev/null; then
	measure "xelatex+ctex (1 run)" "$n" "$out/peerdoc.pdf" \
	    xelatex -interaction=batchmode -halt-on-error -output-directory "$out" "$out/peerdoc.tex"
else
	echo "xelatex: not installed (apt-get install texlive-xetex texlive-lang-chinese)"
fi
if [ -x /usr/bin/chromium ]; then
	measure "chromium print-to-pdf" "$n" "$out/chromium.pdf" /usr/bin/chromium --headless --no-sandbox \
	    --disable-gpu --disable-background-networking --no-pdf-header-footer \
	    --print-to-pdf="$out/chromium.pdf" "file://$out/peerdoc.html"
else
	echo "chromium: not installed"
fi
if [ "${WEASY_RUNS:-1}" -eq 0 ]; then
	echo "weasyprint: skipped (WEASY_RUNS=0)"
elif command -v weasyprint >/dev/null; then
	measure weasyprint "${WEASY_RUNS:-1}" "$out/weasy.pdf" weasyprint "$out/peerdoc.html" "$out/weasy.pdf"
else
	echo "weasyprint: not installed (apt-get install weasyprint)"
fi
echo "PDFs in $out (look at them: pdftoppm -f 12 -l 12 -r 50 -png FILE page)"
