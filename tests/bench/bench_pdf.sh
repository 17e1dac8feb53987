#!/bin/sh
# tests/bench/bench_pdf.sh -- issue 13's PDF figures, each as a whole
# process, runs of the commands compared alternating (A B C A B C ...), so
# a change in the machine's load hits all alike; each figure is the
# median [min-max] of N runs, wall time and CPU time (user + system, from
# /usr/bin/time: on a shared, loaded machine the CPU time is the steadier
# one). Printed, never pass/fail; the goals are printed beside them.
#  1. a 17-page bulletin (`lantian bulletin MERGED.xml`; goal: under 0.1 s);
#  2. the marginal cost per page of `lantian typeset` on the peer document
#     (tests/bench/peers/peerdoc.py, once and twice over) against the raw
#     Pango/Cairo floor (bench_peerdoc --floor, same text; goal: within
#     1.3x);
#  3. `lantian typeset` on the peer document against Typst and XeLaTeX
#     (goals: 3x and 5x faster), whichever are installed; a missing one
#     is said.
#
#   sh tests/bench/bench_pdf.sh [N]     (N runs of each, default 5)
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
n=${1:-5}
L=$root/build/release/lantian
B=$root/build/release/bench
[ -x "$L" ] || { echo "bench_pdf.sh: build lantian first (make lantian)"; exit 1; }
make -s B=build/release build/release/bench/bench_peerdoc >/dev/null 2>&1 ||
	[ -x "$B/bench_peerdoc" ] || { echo "bench_pdf.sh: cannot build bench_peerdoc"; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_bench_pdf.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }

# run LABEL CMD...: one run; appends wall and CPU ms to $tmp/LABEL.{wall,cpu}.
run() {
	label=$1
	shift
	t0=$(date +%s%N)
	if ! /usr/bin/time -f '%U %S' -o "$tmp/time.txt" "$@" >"$tmp/$label.log" 2>&1; then
		echo "  $label: failed, see below"
		tail -3 "$tmp/$label.log" | sed 's/^/    /'
		return 1
	fi
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000000 )) >>"$tmp/$label.wall"
	awk '{ printf "%d\n", ($1 + $2) * 1000 }' "$tmp/time.txt" >>"$tmp/$label.cpu"
}

# stat LABEL KIND: "median [min-max]" of the ms in $tmp/LABEL.KIND.
stat() {
	sort -n "$tmp/$1.$2" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "%g ms [%g-%g]", m, v[1], v[NR] }'
}
median() {
	sort -n "$tmp/$1.$2" | awk '{ v[NR] = $1 } END {
		print NR == 0 ? 0 : (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}
show() { # LABEL: one line
	printf '  %-28s wall %-26s CPU %s\n' "$1" "$(stat "$1" wall)" "$(stat "$1" cpu)"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (shared: the wall times wait for the CPU)"

# ---- 1. a 17-page bulletin ------------------------------------------------
echo
echo "== a 17-page bulletin as a process (goal: under 0.1 s)"
if ! ls output/merged/*/*.xml >/dev/null 2>&1; then
	echo "  (building the publication for its merged months: lantian build -q)"
	"$L" build -q >/dev/null 2>&1
fi
best= bestd=999
for m in output/merged/*/*.xml; do
	[ -f "$m" ] || continue
	"$L" bulletin "$m" -o "$tmp/probe.pdf" >/dev/null 2>&1 || continue
	p=$(pages "$tmp/probe.pdf")
	d=$(( ${p:-0} > 17 ? ${p:-0} - 17 : 17 - ${p:-0} ))
	if [ "$d" -lt "$bestd" ]; then best=$m bestd=$d bp=$p; fi
	[ "$d" -eq 0 ] && break
done
if [ -z "$best" ]; then
	echo "  no merged month to set"
else
	i=0
	while [ $i -lt "$n" ]; do
		run bulletin "$L" bulletin "$best" -o "$tmp/b.pdf"
		run version "$L" --version
		i=$((i + 1))
	done
	echo "  $best: $bp pages"
	show bulletin
	show version
	echo "  (lantian --version: the process start alone)"
fi

# ---- the peer document, once and twice over ------------------------------
for r in 1 2; do
	python3 tests/bench/peers/peerdoc.py --repeat $r "$tmp/doc$r" >/dev/null || exit 1
done

# ---- 2. marginal cost per page ---------------------------------------------
echo
echo "== marginal cost per page: lantian typeset vs raw Pango/Cairo (goal: within 1.3x)"
i=0
while [ $i -lt "$n" ]; do
	for r in 1 2; do
		run typeset$r "$L" typeset "$tmp/doc$r/peerdoc.md" -o "$tmp/t$r.pdf"
		run floor$r "$B/bench_peerdoc" --floor -r 1 -o "$tmp/f$r.pdf" "$tmp/doc$r/peerdoc.json"
	done
	i=$((i + 1))
done
for r in 1 2; do
	show typeset$r
	show floor$r
done
tp1=$(pages "$tmp/t1.pdf") tp2=$(pages "$tmp/t2.pdf")
fp1=$(pages "$tmp/f1.pdf") fp2=$(pages "$tmp/f2.pdf")
for k in wall cpu; do
	awk -v a1="$(median typeset1 $k)" -v a2="$(median typeset2 $k)" \
	    -v p1="${tp1:-0}" -v p2="${tp2:-0}" \
	    -v b1="$(median floor1 $k)" -v b2="$(median floor2 $k)" \
	    -v q1="${fp1:-0}" -v q2="${fp2:-0}" -v k="$k" 'BEGIN {
		if (p2 <= p1 || q2 <= q1) { print "  (page counts do not grow)"; exit }
		t = (a2 - a1) / (p2 - p1); f = (b2 - b1) / (q2 - q1)
		printf "  %s: lantian typeset %.2f ms per page (%d -> %d pages), raw Pango/Cairo %.2f ms per page (%d -> %d): %.2fx the floor\n",
		    k, t, p1, p2, f, q1, q2, (f > 0 ? t / f : 0) }'
done

# ---- 3. against the peers ----------------------------------------------------
echo
echo "== lantian typeset vs Typst (goal: 3x faster) and XeLaTeX (goal: 5x faster), peer document"
peers=typeset1
typst_js=$root/tests/bench/peers/typst.js
if [ -d "$root/tests/bench/peers/node_modules/@myriaddreamin/typst-ts-node-compiler" ] &&
    command -v node >/dev/null; then
	peers="$peers typst"
else
	echo "  typst: not installed (cd tests/bench/peers && npm ci)"
fi
if command -v xelatex >/dev/null; then
	peers="$peers xelatex"
else
	echo "  xelatex: not installed (apt-get install texlive-xetex texlive-lang-chinese texlive-fonts-recommended)"
fi
rm -f "$tmp"/typeset1.wall "$tmp"/typeset1.cpu
i=0
while [ $i -lt "$n" ]; do
	for p in $peers; do
		case $p in
		typeset1) run typeset1 "$L" typeset "$tmp/doc1/peerdoc.md" -o "$tmp/t1.pdf" ;;
		typst) run typst node "$typst_js" "$tmp/doc1/peerdoc.typ" "$tmp/typst.pdf" ;;
		xelatex) run xelatex xelatex -interaction=batchmode -halt-on-error \
		    -output-directory "$tmp/doc1" "$tmp/doc1/peerdoc.tex" ;;
		esac
	done
	i=$((i + 1))
done
for p in $peers; do
	show "$p"
done
for p in $peers; do
	[ "$p" = typeset1 ] && continue
	for k in wall cpu; do
		awk -v a="$(median "$p" $k)" -v b="$(median typeset1 $k)" -v p="$p" -v k="$k" 'BEGIN {
			printf "  %s %s: %.1fx lantian typeset\n", p, k, (b > 0 ? a / b : 0) }'
	done
done
if [ "$peers" = typeset1 ]; then
	echo "  (no peer installed here: no ratio)"
fi
echo "  lantian typeset: $(pages "$tmp/t1.pdf") pages; the same bytes on every run: $(
	"$L" typeset "$tmp/doc1/peerdoc.md" -o "$tmp/t1b.pdf" 2>/dev/null; cmp -s "$tmp/t1.pdf" "$tmp/t1b.pdf" && echo yes || echo NO)"
