#!/bin/sh
# cli_commands.sh -- the commands the build does not run for a test:
#   - `lantian --version`: the Makefile's VERSION and the generator id the
#     binary was built with;
#   - `lantian parse` with -o, --xml and --json: the golden files of
#     tests/golden/parse/ (read by eye) on stdout and in the -o file alike;
#   - `lantian bulletin` by hand with each option (-r -a -m --ytd --issuer
#     -o) on the fixtures of tests/data/bulletin/: each option shows in the
#     extracted text exactly when given; the shipped commentary's bold
#     (`**臭氧污染问题突出。**8月`) is typeset without asterisks;
#   - `lantian site --no-charts` on a one-plan publication: no SVG chart
#     anywhere, the data tables beside the charts still there; `lantian
#     site` puts the charts back;
#   - `lantian simulate`: the defaults regenerate the shipped simulated
#     data byte for byte (release build: four years of hours), a short span
#     gives exactly the shipped rows of that span, a second run changes
#     nothing;
#   - `make install DESTDIR=... PREFIX=/usr`: binary and man page where the
#     prefix says, the installed binary runs; `make uninstall` removes them.
# Uses $LANTIAN (absolute path) and $LANTIAN_RELEASE for the heavy runs.
# Needs pdftotext (poppler-utils). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup commands
: "${LANTIAN_RELEASE:=$LANTIAN}"
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC

for tool in pdftotext make; do
	if ! command -v $tool >/dev/null; then
		not_ok "$tool present" "missing (Debian: apt-get install poppler-utils make)"
		cli_summary
		exit 1
	fi
done

# ---- --version ------------------------------------------------------------
version=$(sed -n 's/^VERSION *= *//p' "$root/Makefile")
lt "$tmp" --version
check "--version: exit 0, 'lantian $version (generator ...)', nothing on stderr" \
	sh -c "[ $rc = 0 ] && grep -qx 'lantian $version (generator $version-[0-9a-f]\{16\})' '$tmp/out' && [ ! -s '$tmp/err' ]"
# The generator id the build computed for this binary (build/<variant>/gen).
idh=$(dirname "$LANTIAN")/gen/generator_id.h
if [ -f "$idh" ]; then
	gid=$(sed -n 's/.*LANTIAN_GENERATOR_ID "\(.*\)"/\1/p' "$idh")
	check "--version names the generator id of its build ($gid)" has "(generator $gid)" "$tmp/out"
fi

# ---- parse -o, --xml, --json ------------------------------------------------------
g=$root/tests/golden/parse
lt "$g" parse plain.txt -o "$tmp/plain.xml"
check "parse -o: exit 0, nothing on stdout" sh -c "[ $rc = 0 ] && [ ! -s '$tmp/out' ]"
check "parse -o: the file is the golden XML" cmp -s "$g/plain.xml" "$tmp/plain.xml"
lt "$g" parse plain.txt --xml
check "parse --xml: the golden XML on stdout" sh -c "[ $rc = 0 ] && cmp -s '$g/plain.xml' '$tmp/out'"
lt "$g" parse markdown.md --json -o "$tmp/markdown.json"
check "parse --json -o: exit 0, the golden JSON in the file" \
	sh -c "[ $rc = 0 ] && [ ! -s '$tmp/out' ] && cmp -s '$g/markdown.json' '$tmp/markdown.json'"
lt "$g" parse pdf.txt -o "$tmp/pdf.json" --json
check "parse -o before --json: the golden JSON" sh -c "[ $rc = 0 ] && cmp -s '$g/pdf.json' '$tmp/pdf.json'"
lt "$g" parse notasks.txt -o "$tmp/notasks.xml"
# A plan with no task is written as found (0 tasks, valid XML) with a
# warning and exit 1: never silent, never all-or-nothing (issue 14).
check "parse -o of a plan without tasks: exit 1, a warning naming it, its 0-task XML written" \
	sh -c "[ $rc = 1 ] && grep -q '^notasks.txt: 警告: 未找到任何任务' '$tmp/err' && cmp -s '$g/notasks.xml' '$tmp/notasks.xml'"
lt "$g" parse plain.txt -o "$tmp/no-such-dir/plain.xml"
check "parse -o into a missing folder: exit 1 naming the file" \
	exits 1 "$tmp/no-such-dir/plain.xml" "$tmp/err"
lt "$g" parse plain.txt --bogus
check "parse with an unknown option: exit 2 naming it" exits 2 "^lantian parse: 未知选项 '--bogus'" "$tmp/err"

# ---- bulletin by hand --------------------------------------------------------------
# From the repository root: the pinned fonts are fonts/ there.
bd=tests/data/bulletin  # (not $d: lt uses it)
com=plans/nanzhao-2024/commentary/2024-08.md
bul() { # NAME ARGS...: lantian bulletin ARGS -o $tmp/NAME.pdf, text in $tmp/NAME.txt
	n=$1
	shift
	lt "$root" bulletin "$@" -o "$tmp/$n.pdf"
	brc=$rc
	pdftotext "$tmp/$n.pdf" - 2>/dev/null | tr -d '\n' >"$tmp/$n.txt"
	rc=$brc
}
bul plain "$bd/nanzhao-2024-08.xml"
check "bulletin: exit 0, says the pages it wrote" exits 0 "^lantian bulletin: $tmp/plain.pdf：[0-9]* 页" "$tmp/err"
check "bulletin -o: the PDF written (and no temp file left)" \
	sh -c "[ -s '$tmp/plain.pdf' ] && head -c 5 '$tmp/plain.pdf' | grep -q '%PDF-' && [ \$(ls -A '$tmp' | grep -c '^\.plain') = 0 ]"
check "bulletin: the month edition's title (关于…的通报)" has '关于2024年8月大气污染防治攻坚战工作进展情况的通报' "$tmp/plain.txt"
# Not issued (lantian issue): a draft, marked, its 期号 blank.
check "bulletin: the default issuer (plan.conf place)" has '^征求意见稿（未签发）南召县大气污染防治攻坚战工作通报2024年第期南召县大气污染防治攻坚战领导小组办公室' "$tmp/plain.txt"
check "bulletin without -r: no ranking section" lacks '各地区排名' "$tmp/plain.txt"
check "bulletin without -a: no trend chart" lacks '逐月变化（与2023年对比）' "$tmp/plain.txt"
check "bulletin without -m: no commentary" lacks '臭氧污染问题突出' "$tmp/plain.txt"
bul all "$bd/nanzhao-2024-08.xml" -r "$bd/ranking-2024-08.xml" -a "$bd/nanyang-index.xml" \
    -m "$com" --issuer 南召县测试发文机关
check "bulletin with every option: exit 0" exits 0 "^lantian bulletin: $tmp/all.pdf：[0-9]* 页" "$tmp/err"
check "bulletin --issuer: the masthead names it" \
	has '^征求意见稿（未签发）南召县测试发文机关工作通报2024年第期南召县测试发文机关' "$tmp/all.txt"
check "bulletin --issuer: the default issuer is gone" lacks '领导小组办公室' "$tmp/all.txt"
check "bulletin -r: the ranking section, this area's place (of 3)" \
	has '（四）各地区排名2024年8月，南阳市环境空气质量综合指数为2.75，在共3个地区参加排名中排名第2位' "$tmp/all.txt"
check "bulletin -a: the trend chart of the area index" \
	has '南阳市2024年PM2.5浓度和优良天数逐月变化（与2023年对比）' "$tmp/all.txt"
check "bulletin -m: the commentary's headings and text" \
	sh -c "grep -q '三、存在问题' '$tmp/all.txt' && grep -q '臭氧污染问题突出。' '$tmp/all.txt' && grep -q '县交通运输局、县生态环境局加强重点用车单位门禁系统核查' '$tmp/all.txt'"
# CJK-friendly emphasis: ** closes after 。 before a CJK character or a
# digit; the text of the PDF carries the words, no asterisks.
check "bulletin -m: '**臭氧污染问题突出。**8月' typeset bold, no asterisks" \
	sh -c "grep -q '臭氧污染问题突出。8月臭氧' '$tmp/all.txt' && ! grep -q '\*' '$tmp/all.txt'"
check "bulletin -m: the bold run set in a bold face" sh -c "pdffonts '$tmp/all.pdf' | grep -q 'Bold'"
bul ytd "$bd/nanzhao-2024-08.xml" --ytd
check "bulletin --ytd: exit 0" exits 0 "^lantian bulletin: $tmp/ytd.pdf" "$tmp/err"
check "bulletin --ytd: the year-to-date edition's title and issue" \
	sh -c "grep -q '2024年第期（1—8月累计）' '$tmp/ytd.txt' && grep -q '关于2024年1—8月大气污染防治攻坚战工作进展情况的通报' '$tmp/ytd.txt'"
check "bulletin without --ytd: not the year-to-date edition" lacks '1—8月累计）' "$tmp/plain.txt"
check "bulletin: SOURCE_DATE_EPOCH is the document date" has '2025年1月1日' "$tmp/plain.txt"
bul dated "$bd/nanzhao-2024-08.xml" --date 2024-09-03 --number 6
check "bulletin --date --number: the 期号 and the 成文日期 (masthead, signature, 版记)" \
	sh -c "grep -q '^征求意见稿（未签发）南召县大气污染防治攻坚战工作通报2024年第6期南召县大气污染防治攻坚战领导小组办公室2024年9月3日' '$tmp/dated.txt' && grep -q '2024年9月3日印发' '$tmp/dated.txt'"
bul baddate "$bd/nanzhao-2024-08.xml" --date 2024-13-03
check "bulletin --date 2024-13-03: refused, says what a date is" exits 2 'bulletin: --date 2024-13-03 不是日期，应为 YYYY-MM-DD' "$tmp/err"
lt "$root" bulletin "$bd/nanzhao-2024-08.xml"
check "bulletin without -o: usage error (exit 2)" exits 2 '^用法 (usage): lantian bulletin MERGED.xml' "$tmp/err"
lt "$root" bulletin "$tmp/no-such.xml" -o "$tmp/none.pdf"
check "bulletin of a missing file: exit 1 naming it, no PDF" \
	sh -c "[ $rc = 1 ] && grep -q '^$tmp/no-such.xml: 错误' '$tmp/err' && [ ! -e '$tmp/none.pdf' ]"

# ---- site --no-charts -------------------------------------------------------------
# One plan on its city's stations: area pages with the calendar and trend.
s=$tmp/pub
mkdir -p "$s/plans/monitoring"
cp -r "$root/plans/nanzhao-2024" "$s/plans/"
cp -r "$root/plans/monitoring/nanyang" "$s/plans/monitoring/"
sed '1p; /,monitoring\/nanyang$/!d' "$root/plans/stations.csv" >"$s/plans/stations.csv"
cp -r "$root/templates" "$root/fonts" "$s/"
(cd "$s" && "$LANTIAN_RELEASE" build -q -j 2) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "one-plan publication built" sh -c "[ $rc = 0 ] && [ -s '$s/output/site/air/nanyang/index.html' ]"
nsvg() { grep -rl '<svg' "$s/output/site" --include='*.html' | wc -l; }
check "with charts: the area page holds SVG charts" has '<figure class="chart"><svg' "$s/output/site/air/nanyang/index.html"
lt "$s" site --no-charts
check "site --no-charts: exit 0, says what it wrote" exits 0 '^lantian site: [0-9]* 个页面写入 output/site/' "$tmp/out"
n=$(nsvg)
check "site --no-charts: no page holds an SVG chart ($n do)" sh -c "[ $n = 0 ] && ! grep -q 'class=\"chart\"' '$s/output/site/air/nanyang/index.html'"
ai=$s/output/site/air/nanyang/index.html
check "site --no-charts: the calendar's data table stays" has '<table class="aqi-grid">' "$ai"
check "site --no-charts: the trend's data table stays" has '<caption id="t-trend">2025年与2024年逐月 PM2.5 和优良天数' "$ai"
check "site --no-charts: the month page's tables stay" \
	sh -c "grep -q '<caption id=\"t-days\">南阳市2024年8月逐日数据' '$s/output/site/air/nanyang/2024-08.html' && grep -q '<caption id=\"t-figures\">南阳市2024年8月及1—8月累计环境空气质量' '$s/output/site/air/nanyang/2024-08.html'"
lt "$s" site -q
n=$(nsvg)
check "site again with charts: the SVG charts are back ($n pages)" sh -c "[ $rc = 0 ] && [ $n -ge 1 ] && grep -q '<figure class=\"chart\"><svg' '$ai'"

# ---- simulate ---------------------------------------------------------------------
# The defaults regenerate the shipped files (release build: 12 files of
# four years of hours).
(cd "$root" && "$LANTIAN_RELEASE" simulate -o "$tmp/sim") >"$tmp/out" 2>"$tmp/err"
rc=$?
check "simulate: exit 0, 12 files, labelled simulated" \
	exits 0 '^12 个文件，12 个有变化；模拟数据，仅供演示' "$tmp/out"
bad=
for f in "$root"/plans/monitoring/*/*-simulated.csv.gz; do
	rel=${f#$root/plans/}
	cmp -s "$f" "$tmp/sim/$rel" || bad="$bad $rel"
done
nsim=$(find "$tmp/sim" -type f | wc -l)
check "simulate: every shipped simulated file regenerated byte for byte ($nsim files)${bad:+; differ:$bad}" \
	sh -c "[ -z '$bad' ] && [ $nsim = 12 ]"
check "simulate: no real data touched (beijing not written)" absent "$tmp/sim/monitoring/beijing"
# A short span, with the binary under test: exactly the shipped rows of
# those hours (the hours that start on 1 and 2 March 2024).
lt "$root" simulate --from 2024-03-01 --to 2024-03-02 -o "$tmp/short"
check "simulate a short span: exit 0, 3 files" exits 0 '^3 个文件，3 个有变化' "$tmp/out"
for a in nanyang jiaozuo zhumadian; do
	gzip -dc "$tmp/short/monitoring/$a/2024-simulated.csv.gz" | tail -n +2 >"$tmp/short-$a"
	gzip -dc "$root/plans/monitoring/$a/2024-simulated.csv.gz" |
	    awk -F, '$1 >= "2024-03-01T0100" && $1 <= "2024-03-03T0000"' >"$tmp/ship-$a"
	check "simulate a short span: the shipped rows of those hours ($a, $(wc -l <"$tmp/ship-$a") rows)" \
		sh -c "[ -s '$tmp/ship-$a' ] && cmp -s '$tmp/ship-$a' '$tmp/short-$a'"
done
stat -c '%.9Y %i %n' "$tmp"/short/monitoring/*/* >"$tmp/sim1"
lt "$root" simulate --from 2024-03-01 --to 2024-03-02 -o "$tmp/short"
stat -c '%.9Y %i %n' "$tmp"/short/monitoring/*/* >"$tmp/sim2"
check "simulate again: exit 0, nothing changed" exits 0 '^3 个文件，0 个有变化' "$tmp/out"
check "simulate again: no file rewritten" cmp -s "$tmp/sim1" "$tmp/sim2"

# ---- the language of help ------------------------------------------------------
# Chinese by default, also in the C.UTF-8 locale a fresh server runs in;
# English on request.
(LC_ALL=C.UTF-8 "$LANTIAN" --help) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--help in C.UTF-8: Chinese, every command with a Chinese line" \
	sh -c "[ $rc = 0 ] && grep -q '^命令：' '$tmp/out' && grep -q '^  build  *生成全部输出' '$tmp/out'"
"$LANTIAN" --lang en --help >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--lang en --help: English" exits 0 '^  build  *build the publication' "$tmp/out"
(LANTIAN_LANG=en "$LANTIAN" check --help) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "LANTIAN_LANG=en: a command's help in English" exits 0 '^usage: lantian check' "$tmp/out"
(LC_ALL=en_US.UTF-8 "$LANTIAN" build --help) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "an English locale: English help" exits 0 '^usage: lantian build' "$tmp/out"
"$LANTIAN" --lang fr --help >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--lang fr: usage error" exits 2 '只能是 en 或 zh' "$tmp/err"

# ---- make install -----------------------------------------------------------------
inst=$tmp/inst
make -C "$root" --no-print-directory install DESTDIR="$inst" PREFIX=/usr >"$tmp/out" 2>"$tmp/err"
rc=$?
check "make install DESTDIR PREFIX=/usr: exit 0" sh -c "[ $rc = 0 ] && ! grep -q -i 'error' '$tmp/err'"
check "installed: the binary, executable, in /usr/bin" test -x "$inst/usr/bin/lantian"
check "installed: the man page in /usr/share/man/man1, as shipped" cmp -s "$root/lantian.1" "$inst/usr/share/man/man1/lantian.1"
for page in lantian-layout.5 lantian-ledger.5 lantian-plan.5 lantian-site.5 lantian-air.7; do
	check "installed: $page in /usr/share/man/man${page##*.}, as shipped" \
		cmp -s "$root/man/$page" "$inst/usr/share/man/man${page##*.}/$page"
done
# What make install writes, and nothing else: the binary, the manual,
# the bash completion and the data lantian init copies (the repository's
# templates/ and fonts/ under share/lantian).
{
	printf '%s\n' ./usr/bin/lantian ./usr/share/man/man1/lantian.1 \
	    ./usr/share/bash-completion/completions/lantian
	for page in lantian-layout.5 lantian-ledger.5 lantian-plan.5 lantian-site.5 lantian-air.7; do
		printf './usr/share/man/man%s/%s\n' "${page##*.}" "$page"
	done
	(cd "$root" && find templates fonts -type f | sed 's|^|./usr/share/lantian/|')
} | LC_ALL=C sort >"$tmp/want-installed"
(cd "$inst" && find . -type f | LC_ALL=C sort) >"$tmp/installed"
check "installed: nothing else" cmp -s "$tmp/want-installed" "$tmp/installed"
"$inst/usr/bin/lantian" --version >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the installed binary runs: --version" exits 0 "^lantian $version " "$tmp/out"
(cd "$g" && "$inst/usr/bin/lantian" parse plain.txt) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the installed binary parses a plan (the golden XML)" sh -c "[ $rc = 0 ] && cmp -s '$g/plain.xml' '$tmp/out'"
make -C "$root" --no-print-directory uninstall DESTDIR="$inst" PREFIX=/usr >"$tmp/out" 2>"$tmp/err"
rc=$?
check "make uninstall: exit 0, every installed file gone" \
	sh -c "[ $rc = 0 ] && [ -z \"\$(find '$inst' -type f)\" ]"

cli_summary
