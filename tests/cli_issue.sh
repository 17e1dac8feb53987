#!/bin/sh
# cli_issue.sh -- lantian issue: issued bulletins never change (issue 12,
# item 7), on a copy of the shipped publication.
#   - without issue every page of a bulletin carries 征求意见稿 (pdftotext)
#     and its 期号 is blank;
#   - issue freezes an edition in plans/<id>/issued/ (PDF + record with
#     number, date and input hashes), numbered per year in issue order;
#     the issued PDF carries its 期号 and 成文日期 and no draft mark, and
#     the build and the site publish exactly its bytes;
#   - a corrected ledger and a rebuild under another SOURCE_DATE_EPOCH
#     leave the issued bytes as they are, with a warning naming the ledger;
#     --correction makes a numbered 更正 that refers to the original;
#   - a year-to-date edition has its own number and stays when it is not
#     the last month's;
#   - refusals: issuing twice, a number taken, a date before the month
#     ends, a tampered PDF, a bad record (file:line, in build and check),
#     a PDF without record,
#     the build lock held.
# Uses $LANTIAN_RELEASE for the builds. Needs poppler-utils and flock.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup issue
: "${LANTIAN_RELEASE:=$LANTIAN}"
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC

for tool in pdftotext pdfinfo flock; do
	if ! command -v $tool >/dev/null; then
		echo "cli_issue.sh: $tool missing (poppler-utils, util-linux)"
		exit 1
	fi
done

t=$tmp/a
newtree "$t"
iss=$t/plans/nanzhao-2024/issued
out=$t/output/bulletin/nanzhao-2024
site=$t/output/site/bulletins/nanzhao-2024

# pages_marked PDF N: every one of the PDF's N pages holds the draft mark.
pages_marked() {
	n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	m=$(pdftotext "$1" - | awk 'BEGIN { RS = "\f" } /征求意见稿（未签发）/ { c++ } END { print c + 0 }')
	[ "${n:-0}" -ge 3 ] && [ "$m" = "$n" ]
}
text_has() { pdftotext "$2" - | tr -d '\n' | grep -q -- "$1"; }
text_lacks() { [ -s "$2" ] && ! pdftotext "$2" - | grep -q -- "$1"; }
same() { cmp -s "$1" "$2"; }
# ran_clean: $rc 0 and no error (a build with nothing to do has no summary)
ran_clean() { [ "$rc" = 0 ] && ! grep -q ': 错误:' "$tmp/err"; }
rec() { sed -n "s/^$1 = //p" "$2"; }
rec_is() { [ "$(rec "$1" "$3")" = "$2" ]; }

# ---- drafts ---------------------------------------------------------------
lt_rel "$t" build -j 2
check "build succeeds" built_ok
check "a draft is marked 征求意见稿 on every page" pages_marked "$out/2024-06.pdf"
check "a draft YTD edition too" pages_marked "$out/2024-08-ytd.pdf"
# (pdftotext drops the blank's U+3000 and breaks the line around it)
check "a draft's 期号 is blank" text_has '工作通报2024年第期' "$out/2024-06.pdf"
check "the site marks a draft with a badge" has 'class="badge draft">征求意见稿（未签发）' "$site/2024-06.html"
check "nothing issued yet" absent "$iss"

# ---- issue ------------------------------------------------------------------
lt_rel "$t" issue nanzhao-2024 2024-07 --date 2024-08-06 -j 2
check "issue says what it issued" exits 0 '已签发 plans/nanzhao-2024/issued/2024-07.pdf（2024年第1期，成文日期2024年8月6日）' "$tmp/out"
check "the issued PDF and its record are in the source tree" test -s "$iss/2024-07.record"
check "record: number 1" rec_is number 1 "$iss/2024-07.record"
check "record: 成文日期" rec_is date 2024-08-06 "$iss/2024-07.record"
check "record: the PDF's SHA-256" rec_is sha256 "$(sha256sum <"$iss/2024-07.pdf" | cut -c1-64)" "$iss/2024-07.record"
check "record: the ledger among the inputs with its hash" \
	has "^input = $(sha256sum <"$t/plans/nanzhao-2024/ledgers/2024-07.csv" | cut -c1-64) plans/nanzhao-2024/ledgers/2024-07.csv$" "$iss/2024-07.record"
check "record: the monitoring data among the inputs" has '^input = [0-9a-f]* plans/monitoring/' "$iss/2024-07.record"
check "the issued PDF has its 期号" text_has '2024年第1期' "$iss/2024-07.pdf"
check "the issued PDF has its 成文日期" text_has '2024年8月6日' "$iss/2024-07.pdf"
check "the issued PDF has no draft mark" text_lacks '征求意见稿' "$iss/2024-07.pdf"
check "the build publishes the issued bytes" same "$iss/2024-07.pdf" "$out/2024-07.pdf"
check "the site publishes the issued bytes" same "$iss/2024-07.pdf" "$site/2024-07.pdf"
check "the site says it is issued, with its number" has 'class="badge issued">已签发 2024年第1期，2024年8月6日' "$site/2024-07.html"
check "the archive says so too" has 'class="badge issued">已签发 2024年第1期' "$t/output/site/bulletins/index.html"
cp "$iss/2024-07.pdf" "$tmp/issued.pdf"

# ---- no later build rewrites it -------------------------------------------
sed -i '3s/整体完成约50%/整体完成约60%/' "$t/plans/nanzhao-2024/ledgers/2024-07.csv"
SOURCE_DATE_EPOCH=1800000000 lt_rel "$t" build -j 2 --force
check "rebuild (forced, another SOURCE_DATE_EPOCH) succeeds" built_ok
check "the warning names the changed ledger" \
	has 'plans/nanzhao-2024/issued/2024-07.record: 警告: 已签发的2024年第1期通报（2024年7月）所依据的输入在签发后有变化：进展台账 plans/nanzhao-2024/ledgers/2024-07.csv 已修改' "$tmp/err"
check "the warning says how to correct" has 'lantian issue nanzhao-2024 2024-07 --correction' "$tmp/err"
check "the issued PDF is byte for byte unchanged" same "$tmp/issued.pdf" "$iss/2024-07.pdf"
check "its published copy too" same "$tmp/issued.pdf" "$out/2024-07.pdf"
check "and the site's" same "$tmp/issued.pdf" "$site/2024-07.pdf"
check "drafts are re-dated by SOURCE_DATE_EPOCH as before" text_has '2027年1月15日' "$out/2024-06.pdf"

# ---- refusals -----------------------------------------------------------------
lt "$t" issue nanzhao-2024 2024-07 --date 2024-08-20 -j 2
check "issuing twice is refused" exits 1 '2024年7月的通报已签发（2024年第1期），已签发的通报不再改动；如需改正，请加 --correction' "$tmp/err"
check "... and changes nothing" same "$tmp/issued.pdf" "$iss/2024-07.pdf"
lt_rel "$t" issue nanzhao-2024 2024-06 --number 1 --date 2024-07-10 -j 2
check "a number taken is refused" exits 1 '期号2024年第1期已经用过；不加 --number 即用下一个空号（第2期）' "$tmp/err"
check "... and nothing is written" absent "$iss/2024-06.pdf" "$iss/2024-06.record"
lt_rel "$t" issue nanzhao-2024 2024-06 --date 2024-06-20 -j 2
check "a date before the month ends is refused" exits 1 '成文日期2024年6月20日早于2024年6月结束' "$tmp/err"
lt_rel "$t" issue nanzhao-2024 2024-06 --correction -j 2
check "a correction of what was never issued is refused" exits 1 '2024年6月的通报尚未签发' "$tmp/err"
lt_rel "$t" issue nanzhao-2024 2031-06 -j 2
check "a month without a ledger is refused" exits 1 '没有 2031年6月的进展台账' "$tmp/err"
lt "$t" issue nanzhao-2024 2024-6
check "a bad month is a usage error" exits 2 '月份应为 YYYY-MM' "$tmp/err"
lt_rel "$t" issue nanzhao-2024 2024-06 --date 2024-02-30
check "a bad date is a usage error" exits 2 '成文日期应为' "$tmp/err"
check "the lock file is there" test -f "$t/output/.lantian/lock"
(cd "$t" && flock output/.lantian/lock "$LANTIAN_RELEASE" issue nanzhao-2024 2024-06 --date 2024-07-10) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "issue respects the build lock" exits 1 '另一个 lantian build 或 lantian site 正在此目录中运行' "$tmp/err"
check "... and issues nothing" absent "$iss/2024-06.pdf"

# ---- a 更正 --------------------------------------------------------------------
lt_rel "$t" issue nanzhao-2024 2024-07 --correction --date 2024-08-20 -j 2
check "--correction issues a numbered 更正" exits 0 '已签发 plans/nanzhao-2024/issued/2024-07-c1.pdf（2024年第2期，成文日期2024年8月20日，更正版）' "$tmp/out"
check "record: number 2, correction 1" rec_is correction 1 "$iss/2024-07-c1.record"
check "the 更正 is marked so" text_has '2024年第2期（更正）' "$iss/2024-07-c1.pdf"
check "the 更正 refers to the original" text_has '本期更正2024年第1期（2024年8月6日印发）通报' "$iss/2024-07-c1.pdf"
check "the 更正 has the corrected ledger's words" text_has '整体完成约60%' "$iss/2024-07-c1.pdf"
check "the original has not" text_lacks '整体完成约60%' "$iss/2024-07.pdf"
check "the original stays as issued" same "$tmp/issued.pdf" "$iss/2024-07.pdf"
check "the site publishes both" same "$iss/2024-07-c1.pdf" "$site/2024-07-c1.pdf"
check "the site labels the 更正" has 'PDF 版（更正）</a><span class="badge issued">已签发 2024年第2期' "$site/2024-07.html"
lt_rel "$t" build -j 2
check "after the 更正 the warning is gone" lacks '所依据的输入在签发后有变化' "$tmp/err"

# ---- the year-to-date edition -----------------------------------------------
lt_rel "$t" issue nanzhao-2024 2024-07 --ytd --date 2024-08-21 -j 2
check "a YTD edition gets its own number" exits 0 '2024-07-ytd.pdf（2024年第3期' "$tmp/out"
check "it is titled 1—7月" text_has '关于2024年1—7月大气污染防治攻坚战工作进展情况的通报' "$iss/2024-07-ytd.pdf"
lt_rel "$t" build -j 2
check "rebuild succeeds" ran_clean
check "a YTD of a month that is not the year's last stays published" same "$iss/2024-07-ytd.pdf" "$out/2024-07-ytd.pdf"
check "... on the site too" same "$iss/2024-07-ytd.pdf" "$site/2024-07-ytd.pdf"
lt_rel "$t" issue nanzhao-2024 2024-08 --date 2024-09-05 -j 2
check "the next number of the year by default" exits 0 '（2024年第4期，成文日期2024年9月5日）' "$tmp/out"
lt_rel "$t" issue nanzhao-2024 2024-08 --ytd --number 12 --date 2025-01-06 -j 2
check "--number sets the number; a new year counts on its own" exits 0 '2024-08-ytd.pdf（2025年第12期' "$tmp/out"

# ---- the issued files are guarded ------------------------------------------
cp "$iss/2024-07.record" "$tmp/rec"
sed -i 's/^number = 1$/number = one/' "$iss/2024-07.record"
lt_rel "$t" build -j 2
check "a bad record is an error at file:line" exits 1 'plans/nanzhao-2024/issued/2024-07.record:5: 错误: “number”的值不对' "$tmp/err"
check "... and holds the plan back (no draft replaces the issued edition)" same "$tmp/issued.pdf" "$out/2024-07.pdf"
lt_rel "$t" check -q
check "lantian check names it too" exits 1 'plans/nanzhao-2024/issued/2024-07.record:5: 错误: “number”的值不对' "$tmp/err"
cp "$tmp/rec" "$iss/2024-07.record"
printf 'x' >>"$iss/2024-07.pdf"
lt_rel "$t" build -j 2
check "a changed issued PDF is refused" exits 1 'plans/nanzhao-2024/issued/2024-07.pdf: 错误: 已签发的通报与签发记录 plans/nanzhao-2024/issued/2024-07.record 的校验值不符' "$tmp/err"
check "... and its published copy stays" same "$tmp/issued.pdf" "$out/2024-07.pdf"
cp "$tmp/issued.pdf" "$iss/2024-07.pdf"
cp "$out/2024-06.pdf" "$iss/2024-06.pdf"
lt_rel "$t" build -j 2
check "a PDF put in issued/ by hand is refused" exits 1 '2024-06.pdf 没有签发记录（2024-06.record）' "$tmp/err"
rm "$iss/2024-06.pdf"
lt_rel "$t" build -j 2
check "restored: the build succeeds again" ran_clean
check "... with the issued bytes" same "$tmp/issued.pdf" "$out/2024-07.pdf"

cli_summary
