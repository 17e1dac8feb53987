#!/bin/sh
# cli_publish.sh -- the published documents of a whole build, as a reader
# and as the CI job that republishes see them: the PDF bulletins
# (output/bulletin/) and the site (output/site/) of a copy of the shipped
# publication.
#   - every merged month has its bulletin, the last month of each year a
#     YTD edition; A4 pages, fonts embedded as subsets (pdffonts), an
#     outline, metadata dated by SOURCE_DATE_EPOCH, and extracted text
#     (pdftotext) holding the title and the figures of the merged document;
#   - two builds with different TZ, LANG and -j give byte-identical
#     bulletins and sites;
#   - a second build does nothing; one changed ledger rewrites only that
#     plan's bulletins and only the pages that show that plan;
#   - a hostile task title is escaped on the site and typeset in the PDF;
#   - a broken commentary file still gives a bulletin.
# Uses $LANTIAN_RELEASE (the heavy builds) and $LANTIAN. Needs poppler-utils.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup publish
: "${LANTIAN_RELEASE:=$LANTIAN}"
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC

for tool in pdfinfo pdffonts pdftotext xmllint; do
	if ! command -v $tool >/dev/null; then
		echo "cli_publish.sh: $tool missing (poppler-utils, libxml2-utils)"
		exit 1
	fi
done



t=$tmp/a
newtree "$t"
lt_rel "$t" build -j 2
check "first build succeeds, nothing failed" built_ok

# ---- bulletins --------------------------------------------------------------
nmerged=$(find "$t/output/merged" -name '*.xml' | wc -l)
nmonth=$(find "$t/output/bulletin" -name '????-??.pdf' | wc -l)
nytd=$(find "$t/output/bulletin" -name '*-ytd.pdf' | wc -l)
check "one bulletin per merged month ($nmonth of $nmerged)" [ "$nmonth" -eq "$nmerged" ]
check "a YTD edition per plan-year ($nytd)" sh -c "[ $nytd -ge 5 ] && [ -s '$t/output/bulletin/nanzhao-2024/2024-08-ytd.pdf' ]"

pdf=$t/output/bulletin/nanzhao-2024/2024-08.pdf
merged=$t/output/merged/nanzhao-2024/2024-08.xml
pdfinfo "$pdf" >"$tmp/info" 2>&1
check "A4 pages" grep -q 'Page size: *595.2[0-9]* x 841.8[0-9]* pts (A4)' "$tmp/info"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
check "several pages ($pages)" [ "${pages:-0}" -ge 3 ]
check "metadata: title" grep -q '^Title: *南召县' "$tmp/info"
check "metadata: author" grep -q '^Author: *.' "$tmp/info"
check "creation date from SOURCE_DATE_EPOCH" grep -q 'CreationDate: .*2025' "$tmp/info"
check "an outline" grep -aq '/Outlines' "$pdf"

pdffonts "$pdf" >"$tmp/fonts" 2>&1
nf=$(tail -n +3 "$tmp/fonts" | wc -l)
nembsub=$(tail -n +3 "$tmp/fonts" | awk '$(NF-4) == "yes" && $(NF-3) == "yes"' | wc -l)
# A subset is named with a six-letter tag: ABCDEF+NotoSerifCJKsc-Regular.
nsubname=$(tail -n +3 "$tmp/fonts" | grep -c '^[A-Z]\{6\}+')
check "fonts embedded as subsets ($nembsub of $nf embedded and subset, $nsubname tagged)" \
	sh -c "[ $nf -ge 2 ] && [ $nembsub -eq $nf ] && [ $nsubname -eq $nf ]"
check "only the pinned faces" sh -c "tail -n +3 '$tmp/fonts' | awk '{print \$1}' | grep -v -e +Fandol -e NotoSerifCJK -e NotoSansCJK -e UKai | grep -q . && exit 1 || exit 0"

pdftotext "$pdf" - | tr -d '\n' >"$tmp/text"
xval() { xmllint --xpath "string($1)" "$merged"; }
pm25=$(xval "//*[local-name()='period'][@kind='month']/*[local-name()='figure'][@code='pm25']/@value")
good=$(xval "//*[local-name()='period'][@kind='month']/*[local-name()='days']/@good")
overdue=$(xval "//*[local-name()='counts']/@overdue")
done_=$(xval "//*[local-name()='counts']/@done")
check "title in the text" grep -q '南召县.*2024年8月.*通报' "$tmp/text"
# Each figure where its sentence puts it, not anywhere in the text.
check "PM2.5 of the month ($pm25) in the text" \
	has "2024年8月，南阳市二氧化硫、二氧化氮、可吸入颗粒物、细颗粒物平均浓度分别为[0-9.]*、[0-9.]*、[0-9.]*、${pm25}微克/立方米" "$tmp/text"
check "good days ($good) in the text" has "2024年8月，.*有效监测31天，优良天数${good}天（" "$tmp/text"
check "done count ($done_) in the text" has "截至2024年8月底，已完成${done_}项，" "$tmp/text"
check "overdue count ($overdue) in the text" has "其中逾期未完成${overdue}项，" "$tmp/text"
check "provenance label in the text" grep -q '模拟数据' "$tmp/text"
check "page number in the text" grep -q '— *2 *—' "$tmp/text"

ypdf=$t/output/bulletin/xiaye-2023/$(ls "$t/output/bulletin/xiaye-2023" | grep -m1 -v ytd)
pdftotext "$ypdf" "$tmp/ytext" 2>/dev/null
check "a plan without monitoring data says so" grep -q '无监测数据' "$tmp/ytext"

# ---- the site ----------------------------------------------------------------
s=$t/output/site
for p in index.html plans/nanzhao-2024/index.html deadlines.html \
    bulletins/index.html search.html 404.html sitemap.xml feed.xml; do
	check "site page $p" [ -s "$s/$p" ]
done
ntask=$(xmllint --xpath "count(//*[local-name()='task'])" "$t/output/xml/nanzhao-2024.xml")
npages=$(ls "$s/plans/nanzhao-2024/tasks" | wc -l)
check "a page per task ($npages of $ntask)" [ "$npages" -eq "$ntask" ]
check "bulletin PDF published on the site" cmp -s "$pdf" "$s/bulletins/nanzhao-2024/2024-08.pdf"

# ---- no-op, determinism --------------------------------------------------------
lt_rel "$t" build -j 2
check "second build does nothing" exits 0 'nothing to do' "$tmp/out"

u=$tmp/b
newtree "$u"
(cd "$u" && TZ=Asia/Shanghai LANG=zh_CN.UTF-8 LC_ALL= "$LANTIAN_RELEASE" build -j 1 >/dev/null 2>&1)
check "bulletins identical across TZ, LANG and -j" diff -r "$t/output/bulletin" "$u/output/bulletin"
check "site identical across TZ, LANG and -j" diff -r "$t/output/site" "$u/output/site"

# ---- one changed ledger -----------------------------------------------------------
snap() { (cd "$1" && find output/bulletin output/site -type f | sort |
    while read -r f; do echo "$f $(stat -c '%.9Y' "$f")"; done); }
snap "$t" >"$tmp/before"
sleep 1.1
led=$t/plans/xiping-2025/ledgers/2025-08.csv
# Line 3 is the first report (1: the sheet title, 2: the header).
sed -i '3s/，/，已核实，/' "$led"
lt_rel "$t" build -j 2
snap "$t" >"$tmp/after"
diff "$tmp/before" "$tmp/after" | sed -n 's/^> \([^ ]*\) .*/\1/p' >"$tmp/changed"
check "build after a ledger change: nothing failed, its bulletin rewritten" \
	sh -c "[ $rc = 0 ] && ! grep -q 'failed [1-9]' '$tmp/out' && grep -q 'output/bulletin/xiping-2025/2025-08.pdf' '$tmp/changed'"
nch=$(wc -l <"$tmp/changed")
ntot=$(wc -l <"$tmp/after")
check "one ledger rewrote few files ($nch of $ntot)" sh -c "[ $nch -ge 1 ] && [ $nch -lt $((ntot / 10)) ]"
check "no other plan's bulletin rewritten" sh -c "! grep 'output/bulletin/' '$tmp/changed' | grep -vq xiping-2025"
check "no other plan's task page rewritten" sh -c "! grep 'output/site/plans/' '$tmp/changed' | grep -vq xiping-2025"

# ---- a plan that is gone ------------------------------------------------------------
mv "$t/plans/xiaye-2023" "$tmp/xiaye-2023"
lt_rel "$t" build -j 2
check "build without a plan: nothing failed" built_ok
check "its bulletins are removed" absent "$t/output/bulletin/xiaye-2023"
check "its pages are removed" absent "$t/output/site/plans/xiaye-2023" "$t/output/site/bulletins/xiaye-2023"
check "nothing on the site names it" sh -c "! grep -rlq 'xiaye-2023' '$t/output/site' --include=*.html --include=*.xml"
mv "$tmp/xiaye-2023" "$t/plans/xiaye-2023"
lt_rel "$t" build -j 2
check "it comes back: its pages and bulletins" \
	sh -c "[ $rc = 0 ] && [ -s '$t/output/site/plans/xiaye-2023/index.html' ] && [ -s '$t/output/bulletin/xiaye-2023/2023-12.pdf' ]"

# ---- hostile text and broken commentary ---------------------------------------------
h=$tmp/h
newtree "$h"
for d in "$h"/plans/*/; do
	case $d in */nanzhao-2024/|*/monitoring/) ;; *) [ -f "$d/plan.conf" ] && rm -rf "$d" ;; esac
done
sed -i '0,/依法依规淘汰落后产能/s//依法依规淘汰<script>alert(1)<\/script>"><img src=x onerror=alert(1)>落后产能/' \
    "$h/plans/nanzhao-2024/plan.txt"
mkdir -p "$h/plans/nanzhao-2024/commentary"
printf '# 存在问题\n\n**未闭合的粗体 <b>raw</b>\n\n| a | b\n|---\n%s\n' "$(head -c 3000 /dev/zero | tr '\0' 'x')" \
    >"$h/plans/nanzhao-2024/commentary/2024-08.md"
lt "$h" build -j 2
check "hostile build succeeds, nothing failed" built_ok
tp=$h/output/site/plans/nanzhao-2024/tasks/1.html
check "script tag escaped on the task page" sh -c "grep -q '&lt;script&gt;alert(1)' '$tp' && ! grep -q '<script>alert' '$tp'"
check "no injected img element" sh -c "! grep -q '<img src=x' '$tp'"
check "bulletin with broken commentary built" [ -s "$h/output/bulletin/nanzhao-2024/2024-08.pdf" ]
pdftotext "$h/output/bulletin/nanzhao-2024/2024-08.pdf" "$tmp/htext" 2>/dev/null
check "raw HTML of the commentary typeset as text" grep -q '<b>raw</b>' "$tmp/htext"
check "commentary heading typeset" grep -q '存在问题' "$tmp/htext"

cli_summary
