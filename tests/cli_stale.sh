#!/bin/sh
# cli_stale.sh -- outputs whose inputs are gone are removed, and only those:
# on a copy of the shipped town plan xiaye-2023 (no monitoring area, so the
# builds are quick), a deleted ledger month removes that month's merged
# output, its bulletin and its site page, and the build says so; the other
# months stay byte-identical and are not rewritten; deleting every ledger
# removes every merged month and the plan's merged folder; a plan.conf
# that cannot be read removes nothing (the plan may merely be broken); a
# removed plan takes its outputs and folders with it.
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup stale

t=$tmp/tree
mkdir -p "$t/plans" "$t/templates"
cp -r "$root/plans/xiaye-2023" "$t/plans/"
# A second plan (the same text, no ledgers) stays when xiaye-2023 goes.
mkdir -p "$t/plans/keep"
cp "$root/plans/xiaye-2023/plan.conf" "$root/plans/xiaye-2023/plan.txt" "$t/plans/keep/"
# The station table must list stations; the plan uses none, and their
# area has no data here.
{ head -n 1 "$root/plans/stations.csv"; grep ',monitoring/zhumadian$' "$root/plans/stations.csv"; } >"$t/plans/stations.csv"
mkdir -p "$t/plans/monitoring/zhumadian"
cp -r "$root/templates/site" "$root/templates/layouts" "$t/templates/"
cp -r "$root/fonts" "$t/fonts"
find "$t" -type f -exec touch -d '-1 hour' {} +

# stamps DIR: mtime (ns) and inode of every merged output, one a line.
stamps() { (cd "$1" && find output/merged -type f | sort |
    while read -r f; do echo "$f $(stat -c '%.9Y %i' "$f")"; done); }

lt "$t" build
check "first build exits 0" [ "$rc" = 0 ]
months=$(ls "$t/plans/xiaye-2023/ledgers" | sed -n 's/^\(20[0-9][0-9]-[01][0-9]\)\.\(csv\|xlsx\)$/\1/p' | tr '\n' ' ')
set -- $months
n=$#
first=$1
eval "last=\${$n}"
eval "mid=\${$(( (n + 1) / 2 ))}"
check "the plan has several ledger months ($months)" [ "$n" -ge 3 ]
m=$t/output/merged/xiaye-2023
check "one merged output per ledger month" [ "$(ls "$m" | wc -l)" = "$n" ]
check "a bulletin and a bulletin page of the middle month ($mid)" \
	sh -c "[ -s '$t/output/bulletin/xiaye-2023/$mid.pdf' ] && [ -s '$t/output/site/bulletins/xiaye-2023/$mid.html' ]"
cp -r "$m" "$tmp/before"
stamps "$t" | grep -v "/$mid.xml " >"$tmp/s1"

# ---- one ledger month deleted -----------------------------------------------------
led=$(ls "$t/plans/xiaye-2023/ledgers/$mid".*)
mv "$led" "$tmp/"
lt "$t" build
check "build without the middle month exits 0" [ "$rc" = 0 ]
check "its merged output removed" [ ! -e "$m/$mid.xml" ]
check "the build says it removed it" \
	grep -q "removed stale output) output/merged/xiaye-2023/$mid.xml" "$tmp/out"
check "its bulletin removed" [ ! -e "$t/output/bulletin/xiaye-2023/$mid.pdf" ]
check "its bulletin page removed from the site" [ ! -e "$t/output/site/bulletins/xiaye-2023/$mid.html" ]
check "the other months are left ($((n - 1)))" [ "$(ls "$m" | wc -l)" = $((n - 1)) ]
stamps "$t" >"$tmp/s2"
# Months before the deleted one are not rewritten; later ones may be
# rebuilt (their history changed) but every kept month exists.
early=$(awk -v mid="output/merged/xiaye-2023/$mid.xml" '$1 < mid' "$tmp/s1")
check "months before it not rewritten" sh -c "[ -n \"\$1\" ] && echo \"\$1\" | while read -r l; do grep -qxF \"\$l\" '$tmp/s2' || exit 1; done" _ "$early"
check "months before it byte-identical" cmp -s "$tmp/before/$first.xml" "$m/$first.xml"
lt "$t" build
check "then nothing to do" grep -q 'nothing to do' "$tmp/out"

# ---- it comes back ---------------------------------------------------------------------
mv "$tmp/$(basename "$led")" "$led"
lt "$t" build
check "the month restored: its merged output back, identical" cmp -s "$tmp/before/$mid.xml" "$m/$mid.xml"

# ---- a plan.conf that cannot be read removes nothing -------------------------------
conf=$t/plans/xiaye-2023/plan.conf
cp "$conf" "$tmp/plan.conf"
printf 'level = 没有这种级别\n' >>"$conf"
stamps "$t" >"$tmp/s3"
lt "$t" build
check "a bad plan.conf: exit 1" [ "$rc" = 1 ]
check "a bad plan.conf: its error names the file" grep -q '^plans/xiaye-2023/plan.conf:[0-9]*: 错误' "$tmp/err"
check "a bad plan.conf: no merged output removed" sh -c "[ \$(ls '$m' | wc -l) = $n ]"
check "a bad plan.conf: nothing said removed" sh -c "! grep -q 'removed stale output' '$tmp/out'"
cp "$tmp/plan.conf" "$conf"
lt "$t" build
check "plan.conf repaired: exit 0" [ "$rc" = 0 ]

# ---- every ledger deleted ---------------------------------------------------------------
mkdir "$tmp/ledgers"
mv "$t"/plans/xiaye-2023/ledgers/* "$tmp/ledgers/"
lt "$t" build
check "no ledgers: exit 0" [ "$rc" = 0 ]
check "no ledgers: every merged month removed, and the folder" [ ! -e "$m" ]
check "no ledgers: every bulletin removed" sh -c "[ ! -e '$t/output/bulletin/xiaye-2023' ] || [ -z \"\$(ls '$t/output/bulletin/xiaye-2023')\" ]"
check "no ledgers: the task model kept" [ -s "$t/output/xml/xiaye-2023.xml" ]
mv "$tmp"/ledgers/* "$t/plans/xiaye-2023/ledgers/"
lt "$t" build
check "ledgers back: every month back" [ "$(ls "$m" | wc -l)" = "$n" ]

# ---- the plan removed --------------------------------------------------------------------
mv "$t/plans/xiaye-2023" "$tmp/plan"
lt "$t" build
check "plan removed: exit 0" [ "$rc" = 0 ]
check "plan removed: its merged folder gone" [ ! -e "$m" ]
check "plan removed: its task model gone" sh -c "[ ! -e '$t/output/xml/xiaye-2023.xml' ] && [ ! -e '$t/output/json/xiaye-2023.json' ]"
check "plan removed: its bulletin folder gone" [ ! -e "$t/output/bulletin/xiaye-2023" ]
check "plan removed: its site pages gone" [ ! -e "$t/output/site/plans/xiaye-2023" ]
check "plan removed: the other plan's outputs kept" \
	sh -c "[ -s '$t/output/xml/keep.xml' ] && [ -s '$t/output/site/plans/keep/index.html' ]"

cli_summary
