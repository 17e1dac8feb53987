#!/bin/sh
# cli_holdback.sh -- a plan whose input fails publishes nothing new, and the
# other plans still build. On a copy of the shipped publication (bulletins
# and site included), after a clean build:
#   - nanzhao-2024 gets a changed plan text (its XML would change), a new
#     commentary, one ledger fewer (pruning would remove a merged month, its
#     bulletins and pages) and an error in ledgers/2024-07.csv line 3; and
#     boai-2023 a changed ledger;
#   - the build exits 1, names the plan held back with file:line; every file
#     of nanzhao-2024 (XML, JSON, merged months, bulletins, site pages and
#     data files) and the unit registry are byte-identical to before, none
#     is added or removed; boai-2023's merged month and bulletin are
#     rebuilt; a second build still holds it back;
#   - with the ledger fixed, the next build exits 0 and output/ equals a
#     clean build of the same inputs, file for file (SHA-256).
# Uses $LANTIAN_RELEASE (the heavy builds; default $LANTIAN).
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup holdback
: "${LANTIAN_RELEASE:=$LANTIAN}"
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC




# The lines of a sums file whose path names the plan (its own outputs, its
# site pages and data copies), and the unit registry and plan index.
held_part() {
	grep -e 'nanzhao-2024' -e 'output/xml/units\.xml$' \
	    -e 'output/json/units\.json$' -e 'output/json/index\.json$' "$1"
}

t=$tmp/t
newtree "$t"
lt_rel "$t" build -j 2
check "first build exits 0" [ "$rc" -eq 0 ]
sums "$t" >"$tmp/before.sums"
held_part "$tmp/before.sums" >"$tmp/before.held"
check "the plan has outputs of every kind" sh -c \
    "for p in output/xml/nanzhao-2024.xml output/merged/nanzhao-2024/2024-08.xml \
        output/bulletin/nanzhao-2024/2024-08.pdf output/site/plans/nanzhao-2024/index.html \
        output/site/plans/nanzhao-2024/source.html; do grep -q \" \$p\\\$\" '$tmp/before.held' || exit 1; done"

# ---- break the plan, change another ------------------------------------------
nz=$t/plans/nanzhao-2024
sed -i '0,/依法依规淘汰落后产能/s//依法依规淘汰全部落后产能/' "$nz/plan.txt"
printf '# 存在问题\n\n新的评述。\n' >"$nz/commentary/2024-07.md"
rm "$nz/ledgers/2024-08.csv"
cp "$nz/ledgers/2024-07.csv" "$tmp/2024-07.csv"
sed -i '3s/,正在推进,/,乱写状态,/' "$nz/ledgers/2024-07.csv"
check "the ledger was broken on line 3" sh -c "! cmp -s '$tmp/2024-07.csv' '$nz/ledgers/2024-07.csv'"
sed -i '3s/审查新建项目4个/审查新建项目5个/' "$t/plans/boai-2023/ledgers/2023-12.csv"
check "the other plan's ledger was changed" sh -c \
    "! cmp -s '$root/plans/boai-2023/ledgers/2023-12.csv' '$t/plans/boai-2023/ledgers/2023-12.csv'"
before_boai=$(grep ' output/merged/boai-2023/2023-12.xml$' "$tmp/before.sums")
cp "$t/plans/boai-2023/ledgers/2023-12.csv" "$tmp/boai.csv"

lt_rel "$t" build -j 2
check "build with a broken ledger exits 1" [ "$rc" -eq 1 ]
check "the error names the ledger's file:line" \
    grep -q '^plans/nanzhao-2024/ledgers/2024-07.csv:3: 错误: ' "$tmp/err"
check "the summary says the plan was held back, and why" grep -q \
    '^lantian: 方案 nanzhao-2024 未发布新内容：plans/nanzhao-2024/ledgers/2024-07.csv:3: ' \
    "$tmp/err"
check "only that plan is held back" [ "$(grep -c '未发布新内容' "$tmp/err")" -eq 1 ]
sums "$t" >"$tmp/mid.sums"
held_part "$tmp/mid.sums" >"$tmp/mid.held"
check "every file of the held plan byte-identical, none added or removed" \
    cmp -s "$tmp/before.held" "$tmp/mid.held"
check "its pruned month's merged output is still there" \
    [ -f "$t/output/merged/nanzhao-2024/2024-08.xml" ]
check "its source page still shows the old text" sh -c \
    "! grep -q '依法依规淘汰全部落后产能' '$t/output/site/plans/nanzhao-2024/source.html'"
check "its new commentary is not published" sh -c \
    "! grep -rq '新的评述' '$t/output/site/bulletins/nanzhao-2024'"
boai_changed() {
	! grep -qF "$before_boai" "$tmp/mid.sums" &&
	    ! grep -qF "$(grep ' output/bulletin/boai-2023/2023-12.pdf$' "$tmp/before.sums")" "$tmp/mid.sums"
}
check "the other plan's changed month and bulletin are rebuilt" boai_changed
lt_rel "$t" build -j 2
check "a build where it still fails exits 1" [ "$rc" -eq 1 ]
check "... and holds it back again" grep -q 'lantian: 方案 nanzhao-2024 未发布新内容' "$tmp/err"
sums "$t" >"$tmp/mid2.sums"
check "... with nothing changed" cmp -s "$tmp/mid.sums" "$tmp/mid2.sums"

# ---- fixed: the next build equals a clean one ---------------------------------
cp "$tmp/2024-07.csv" "$nz/ledgers/2024-07.csv"
lt_rel "$t" build -j 2
check "with the ledger fixed the build exits 0" [ "$rc" -eq 0 ]
check "and holds nothing back" sh -c "! grep -q '未发布新内容' '$tmp/err'"
sums "$t" >"$tmp/after.sums"
c=$tmp/clean
newtree "$c"
cp "$nz/plan.txt" "$c/plans/nanzhao-2024/plan.txt"
cp "$nz/commentary/2024-07.md" "$c/plans/nanzhao-2024/commentary/2024-07.md"
rm "$c/plans/nanzhao-2024/ledgers/2024-08.csv"
cp "$tmp/boai.csv" "$c/plans/boai-2023/ledgers/2023-12.csv"
lt_rel "$c" build -j 2
check "clean build of the same inputs exits 0" [ "$rc" -eq 0 ]
sums "$c" >"$tmp/clean.sums"
check "the build after the fix equals the clean build (every file, sha256)" \
    cmp -s "$tmp/clean.sums" "$tmp/after.sums"
if ! cmp -s "$tmp/clean.sums" "$tmp/after.sums"; then
	diff "$tmp/clean.sums" "$tmp/after.sums" | head -n 10 | sed 's/^/    /'
fi
check "the fixed plan's month 2024-08 is gone" [ ! -e "$t/output/merged/nanzhao-2024/2024-08.xml" ]
check "its new text is published" grep -q '依法依规淘汰全部落后产能' "$t/output/xml/nanzhao-2024.xml"

cli_summary
