#!/bin/sh
# make bench: measured figures, printed. Never a pass/fail test.
#  - plan parser: in-process parse time of the shipped plans and of a 100x
#    synthetic plan (tests/bench/bench_parse.c);
#  - build tool: a full build and a no-op build of the shipped publication;
#  - monitoring reader: rows/s and MB/s (tests/bench/bench_monitor.c);
#  - typesetter: the ~80-page benchmark document in process, against the
#    raw Pango/Cairo floor (tests/bench/bench_typeset.c);
#  - bulletins: time per bulletin and per page, peak memory, shipped and
#    300-task (tests/bench/bench_bulletin.sh);
#  - scale: -j2/-j1 at 10x, the site per page, no-ops, one ledger, the
#    sharded build simulated, 100x with BENCH_LARGE=1
#    (tests/bench/bench_scale.sh);
#  - site: full, site alone, no-op and one-ledger builds at 1x and 10x, and
#    100x with BENCH_LARGE=1 (tests/bench/bench_site.sh).
#  - PDF as a process: a 17-page bulletin, the marginal cost per page of
#    lantian typeset against raw Pango/Cairo, lantian typeset against Typst
#    and XeLaTeX when installed (tests/bench/bench_pdf.sh).
# The full peer comparison (with WeasyPrint and Chromium) is run by hand:
# sh tests/bench/peers/run.sh.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
B=$root/build/release
cd "$root" || exit 1
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo
echo "== plan parser"
"$B/bench/bench_parse" -r 200 plans/*/plan.txt
"$B/bench/bench_parse" --synthetic 100 plans/nanzhao-2024/plan.txt

echo
echo "== build tool (lantian build on a copy of the publication)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
cp -r plans templates "$tmp/"
ms() { echo $(( ($2 - $1) / 1000 ))us; }
t0=$(date +%s%N); "$B/lantian" -C "$tmp" build -q -j 1; t1=$(date +%s%N)
echo "full build, 5 plans, -j 1: $(( (t1 - t0) / 1000000 )).$(( (t1 - t0) / 10000 % 100 )) ms"
rm -rf "$tmp/output"
t0=$(date +%s%N); "$B/lantian" -C "$tmp" build -q; t1=$(date +%s%N)
echo "full build, 5 plans, -j $(nproc): $(( (t1 - t0) / 1000000 )).$(( (t1 - t0) / 10000 % 100 )) ms"
# Settle the stat cache: a file is trusted by its stat data only once it is
# more than a second older than its hash (see build_state.c).
sleep 2
"$B/lantian" -C "$tmp" build -q
n=50
t0=$(date +%s%N)
i=0
while [ $i -lt $n ]; do "$B/lantian" -C "$tmp" build -q; i=$((i + 1)); done
t1=$(date +%s%N)
echo "no-op build, 5 plans: $(( (t1 - t0) / n / 1000 )) us per run, whole process (mean of $n; goal: under 20 ms)"
t0=$(date +%s%N)
i=0
while [ $i -lt $n ]; do "$B/lantian" --version >/dev/null; i=$((i + 1)); done
t1=$(date +%s%N)
echo "  for scale, lantian --version: $(( (t1 - t0) / n / 1000 )) us per run"

echo
echo "== monitoring reader, and reader + area statistics (real Beijing data, 12 stations, 4 years)"
"$B/bench/bench_monitor" -r 3 templates/layouts/beijing-prsa.layout tests/data/monitoring/PRSA_Data_*.csv.gz tests/data/monitoring/beijing/PRSA_Data_*.csv.gz
"$B/bench/bench_airq" -r 3 templates/layouts/beijing-prsa.layout tests/data/monitoring/PRSA_Data_*.csv.gz tests/data/monitoring/beijing/PRSA_Data_*.csv.gz
if [ "${BENCH_NATIONAL:-0}" = 1 ]; then
	echo
	echo "== national scale: 2,000 stations x 8,760 hours (CNEMC format, 2.3 GB in /tmp)"
	"$B/bench/bench_airq" --national templates/layouts/cnemc-realtime.layout 2000 8760
else
	echo "(national-scale run: make bench BENCH_NATIONAL=1; it writes 2.3 GB to /tmp)"
fi

echo
echo "== typesetter (all five plans' text and a 300-row table, in process)"
"$B/bench/bench_typeset" -r 5

echo
echo "== bulletins"
sh tests/bench/bench_bulletin.sh

echo
echo "== PDF as a process: a 17-page bulletin, cost per page against raw Pango/Cairo, lantian typeset against Typst and XeLaTeX (issue 13)"
sh tests/bench/bench_pdf.sh 5

echo
echo "== site"
sh tests/bench/bench_site.sh

echo
echo "== scale: -j 2 against -j 1, site per page, no-ops, one ledger, shards (issue 13)"
sh tests/bench/bench_scale.sh
