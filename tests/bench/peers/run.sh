#!/bin/sh
# tests/bench/peers/run.sh -- issue 5's and 13's peer comparison: the same
# ~80-page Chinese document (peerdoc.py: the five plans' text and a 300-row
# table) set by `lantian typeset` as a whole process (peerdoc.md), by the
# in-process bench (tests/bench/bench_peerdoc.c, and its raw Pango/Cairo
# floor), and by whichever peers are installed here (each missing one is
# named). The runs alternate (lantian, floor, typst, ... then again), so a
# change in the machine's load hits every tool alike; each line gives the
# median [min-max] wall time of N runs, the median CPU time (user + system)
# and the peak RSS of the whole process, the page count, and the ratio of
# the medians to lantian typeset's. Never part of make check.
#
#   sh tests/bench/peers/run.sh [N]        (N: runs each, default 3)
#
# Peers: Typst (npm: cd tests/bench/peers && npm ci), XeLaTeX + ctex
# (apt-get install texlive-xetex texlive-lang-chinese
# texlive-fonts-recommended; one xelatex run, as the outline would need a
# second), WeasyPrint (apt-get install weasyprint; WEASY_RUNS runs, default
# 1: it is slow; 0 skips it), Chromium print-to-PDF (/usr/bin/chromium).
# PEERDOC_REPEAT (default 1): the plan text K times over.
set -u
root=$(cd "$(dirname "$0")/../../.." && pwd)
here=$root/tests/bench/peers
cd "$root" || exit 1
n=${1:-3}
out=$root/build/bench/peers
mkdir -p "$out"
rm -f "$out"/*.wall "$out"/*.cpu "$out"/*.rss
python3 "$here/peerdoc.py" --repeat "${PEERDOC_REPEAT:-1}" "$out" || exit 1
L=$root/build/release/lantian
[ -x "$L" ] || { echo "run.sh: build lantian first (make lantian)"; exit 1; }
# (Built if it can be; an existing binary serves while the tree is mid-edit.)
make -s B=build/release build/release/bench/bench_peerdoc >/dev/null 2>&1 ||
	[ -x build/release/bench/bench_peerdoc ] || { echo "run.sh: cannot build bench_peerdoc"; exit 1; }
B=$root/build/release/bench

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# The tools: name, output PDF, command (a string, expanded at run time).
# Only the installed ones are run.
tools="lantian floor"
cmd_lantian='"$L" typeset "$out/peerdoc.md" -o "$out/lantian.pdf"'
pdf_lantian=$out/lantian.pdf
cmd_floor='"$B/bench_peerdoc" --floor -r 1 -o "$out/floor.pdf" "$out/peerdoc.json"'
pdf_floor=$out/floor.pdf
cmd_inproc='"$B/bench_peerdoc" -r 1 -o "$out/inproc.pdf" "$out/peerdoc.json"'
pdf_inproc=$out/inproc.pdf
tools="$tools inproc"
if [ -d "$here/node_modules/@myriaddreamin/typst-ts-node-compiler" ] && command -v node >/dev/null; then
	tools="$tools typst"
else
	echo "typst: not installed (cd tests/bench/peers && npm ci)"
fi
cmd_typst='node "$here/typst.js" "$out/peerdoc.typ" "$out/typst.pdf"'
pdf_typst=$out/typst.pdf
if command -v xelatex >/dev/null; then
	tools="$tools xelatex"
else
	echo "xelatex: not installed (apt-get install texlive-xetex texlive-lang-chinese texlive-fonts-recommended)"
fi
cmd_xelatex='xelatex -interaction=batchmode -halt-on-error -output-directory "$out" "$out/peerdoc.tex"'
pdf_xelatex=$out/peerdoc.pdf
if [ -x /usr/bin/chromium ]; then
	tools="$tools chromium"
else
	echo "chromium: not installed (apt-get install chromium)"
fi
cmd_chromium='/usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-pdf-header-footer --print-to-pdf="$out/chromium.pdf" "file://$out/peerdoc.html"'
pdf_chromium=$out/chromium.pdf
weasy=0
if [ "${WEASY_RUNS:-1}" -eq 0 ]; then
	echo "weasyprint: skipped (WEASY_RUNS=0)"
elif command -v weasyprint >/dev/null; then
	weasy=1
else
	echo "weasyprint: not installed (apt-get install weasyprint)"
fi
cmd_weasyprint='weasyprint "$out/peerdoc.html" "$out/weasy.pdf"'
pdf_weasyprint=$out/weasy.pdf

# once NAME: one run; appends wall ms, CPU ms and peak RSS KB.
once() {
	eval "pdf=\$pdf_$1"
	rm -f "$pdf"
	t0=$(date +%s%N)
	eval "cmd=\$cmd_$1"
	eval "/usr/bin/time -f '%U %S %M' -o \"\$out/time.txt\" $cmd" >"$out/$1.log" 2>&1
	rc=$?
	t1=$(date +%s%N)
	if [ ! -s "$pdf" ]; then
		echo "$1: failed, see $out/$1.log"
		return 1
	fi
	echo $(( (t1 - t0) / 1000000 )) >>"$out/$1.wall"
	awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$out/time.txt" >>"$out/$1.cpu"
	awk '{ print $3 }' "$out/time.txt" >>"$out/$1.rss"
	return $rc
}
med() { sort -n "$1" | awk '{ v[NR] = $1 } END { print NR == 0 ? 0 : (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
lo() { sort -n "$1" | head -1; }
hi() { sort -n "$1" | tail -1; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "document: $(python3 -c "import json,sys; d=json.load(open('$out/peerdoc.json')); print(len(d['blocks']), 'blocks,', sum(len(b.get('text','')) for b in d['blocks']), 'characters + a 300-row table')")"
echo "whole processes, runs alternating, median [min-max] of $n (WeasyPrint: ${WEASY_RUNS:-1}):"
i=0
while [ $i -lt "$n" ]; do
	for t in $tools; do
		once "$t" || true
	done
	if [ $weasy = 1 ] && [ $i -lt "${WEASY_RUNS:-1}" ]; then
		once weasyprint || true
	fi
	i=$((i + 1))
done
[ $weasy = 1 ] && tools="$tools weasyprint"
lw=$(med "$out/lantian.wall" 2>/dev/null) lc=$(med "$out/lantian.cpu" 2>/dev/null)
for t in $tools; do
	[ -s "$out/$t.wall" ] || continue
	eval "pdf=\$pdf_$t"
	awk -v name="$t" -v w="$(med "$out/$t.wall")" -v wl="$(lo "$out/$t.wall")" -v wh="$(hi "$out/$t.wall")" \
	    -v c="$(med "$out/$t.cpu")" -v r="$(hi "$out/$t.rss")" -v p="$(pages "$pdf")" \
	    -v lw="${lw:-0}" -v lc="${lc:-0}" 'BEGIN {
		label = name == "lantian" ? "lantian typeset" : name == "floor" ? "raw Pango/Cairo floor" : \
		    name == "inproc" ? "bench_peerdoc (typeset.h)" : name
		printf "%-26s %6d ms [%d-%d]  CPU %6d ms  %5d MB  %4s pages", label, w, wl, wh, c, r / 1024, p
		if (name != "lantian" && lw > 0 && lc > 0)
			printf "  %.1fx lantian (CPU %.1fx)", w / lw, c / lc
		printf "\n" }'
done
echo "PDFs in $out (look at them: pdftoppm -f 12 -l 12 -r 50 -png FILE page)"
