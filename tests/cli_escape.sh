#!/bin/sh
# cli_escape.sh -- every text field that comes from the inputs is escaped
# on every kind of site page, in the feed and in the search index, and set
# as text in the PDF bulletin. A small publication is built whose every
# field carries its own markup payload <svg onload=alert(N)> (not a tag that
# plan_repost.c drops from a plan text as a web page's leftover): plan
# title and place (plan.conf), the title line, section, subsection and
# task headings, the task text, a unit name, a target sentence (plan.txt),
# a report's text, unit and 备注 (ledger), a station name (stations.csv),
# the commentary and a staff page (Markdown, where raw HTML is dropped and
# a code span carries the payload as text). Then:
#   - no page, feed or index holds the raw payload;
#   - each page kind shows its fields escaped (&lt;svg … alert(N)&gt;), so a
#     field that stopped being shown, or was shown raw, fails by name;
#   - the search index parses as JSON with the payload as text;
#   - the bulletin's PDF text holds the payload literally.
# Uses $LANTIAN (absolute path). Needs pdftotext, python3.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup escape

for tool in pdftotext python3; do
	if ! command -v $tool >/dev/null; then
		echo "cli_escape.sh: $tool missing (poppler-utils, python3)"
		exit 1
	fi
done

# payload N: the markup of field N.
payload() { echo "<svg onload=alert($1)>"; }
escaped() { echo "&lt;svg onload=alert($1)&gt;"; }

t=$tmp/tree
mkdir -p "$t/plans/h/ledgers" "$t/plans/h/commentary" "$t/plans/monitoring/zhumadian" "$t/templates"
cp -r "$root/templates/site" "$root/templates/layouts" "$t/templates/"
cp -r "$root/fonts" "$t/fonts"
cp "$root/plans/monitoring/zhumadian/2025-simulated.csv.gz" "$t/plans/monitoring/zhumadian/"
{
	head -n 1 "$root/plans/stations.csv"
	grep ',monitoring/zhumadian$' "$root/plans/stations.csv" |
	    sed "s/^2420A,市一纸厂,/2420A,市一纸厂$(payload 10),/"
} >"$t/plans/stations.csv"
cat >"$t/plans/h/plan.conf" <<EOF
title = 西平县$(payload 9)实施方案
source = plan.txt
place = 西平县$(payload 20)
level = 县
parent = 驻马店市
stations = 驻马店市
EOF
cat >"$t/plans/h/plan.txt" <<EOF
西平县空气质量持续改善行动实施方案$(payload 1)
一、总体要求$(payload 2)
（一）主要目标。到2025年，全县PM2.5浓度低于35微克/立方米，空气质量优良天数比率达到82.5%$(payload 3)。
二、重点任务$(payload 4)
（一）优化能源结构$(payload 5)
1.加快淘汰落后产能$(payload 6)。2025年5月底前，排查建立落后产能淘汰任务台账$(payload 7)。（县发展改革委牵头，县生态环境局配合）
2.开展散煤治理。2025年12月底前，完成散煤清零。（县市场监管局牵头，乡镇人民政府配合）
EOF
cat >"$t/plans/h/ledgers/2025-05.csv" <<EOF
任务编号,进展状态,完成比例,进展情况,填报单位,填报日期,备注
1,推进中,40%,排查企业$(payload 11)，建立台账,县发展改革委$(payload 12),2025-05-28,备注$(payload 13)
2,未启动,0%,尚未开始,县市场监管局,2025-05-28,
EOF
sed 's/2025-05-28/2025-06-28/; s/40%/50%/' "$t/plans/h/ledgers/2025-05.csv" >"$t/plans/h/ledgers/2025-06.csv"
printf '# 存在问题\n\n问题正文%s，`%s`\n' "$(payload 14)" "$(payload 16)" >"$t/plans/h/commentary/2025-06.md"
printf '# 关于本站`%s`\n\n正文%s，`%s`\n' "$(payload 17)" "$(payload 18)" "$(payload 19)" \
    >"$t/templates/site/pages/about.md"

lt "$t" build
check "hostile build exits 0" [ "$rc" = 0 ]
s=$t/output/site
check "the site was written" [ -s "$s/index.html" ]

# ---- nothing raw ---------------------------------------------------------------
raw=$(cd "$s" && grep -rl --include='*.html' --include='*.xml' --include='*.js' '<svg onload=' . | sort | tr '\n' ' ')
check "no page, feed or index holds a raw payload${raw:+: $raw}" [ -z "$raw" ]

# ---- every page kind shows its fields escaped -----------------------------------
# shows FILE N...: FILE (relative to the site) holds field N escaped.
shows() {
	f=$s/$1
	shift
	[ -s "$f" ] || return 1
	for n in "$@"; do
		grep -qF "$(escaped "$n")" "$f" || { echo "field $n not shown escaped in $f"; return 1; }
	done
}
check "plan page: title, place, section and subsection headings (plan.xsl)" shows plans/h/index.html 9 20 2 4 5 6
check "task page: title, text, unit, report, 备注 (task.xsl)" shows plans/h/tasks/1.html 6 7 11 12 13
check "source page: every line (source.xsl)" shows plans/h/source.html 1 2 3 4 5 6 7
check "home page: plan title (home.xsl)" shows index.html 9
check "deadlines page: overdue task and place (deadlines.xsl)" shows deadlines.html 6 20
check "bulletin archive: plan title and place (bulletins.xsl)" shows bulletins/index.html 9 20
check "bulletin page: title, target sentence, commentary (bulletin.xsl, mdcopy.xsl)" shows bulletins/h/2025-06.html 9 20 3 16
check "data page: plan title (data.xsl)" shows data/index.html 9
check "area page: station name (air.xsl)" shows air/zhumadian/2025-05.html 10
check "staff page: heading and text (mdpage.xsl, mdcopy.xsl)" shows about.html 17 19
check "breadcrumb of the plan page: its title (layout.xsl)" \
	grep -qF "<li aria-current=\"page\">西平县$(escaped 9)实施方案</li>" "$s/plans/h/index.html"
check "Atom feed: place in the entry title (feed.xsl)" \
	grep -qF "<title>《西平县$(escaped 20)大气污染防治攻坚战" "$s/feed.xml"

# ---- unit names ---------------------------------------------------------------
# A unit name with markup in a plan text is a suspicious name: the plan is
# held back, nothing of it published (plan_lint.c).
u=$tmp/unit-tree
cp -r "$t" "$u"
sed -i 's/（县发展改革委牵头，/（县发展改革委'"$(payload 8)"'牵头，/' "$u/plans/h/plan.txt"
lt "$u" build
check "unit name with markup in the plan text: exit 1, named suspicious at its line" \
	exits 1 '^plans/h/plan.txt:6: 错误: .*县发展改革委<svg onload=alert(8)>.*可疑' "$tmp/err"
check "unit name with markup: no page, feed or index holds it" \
	sh -c "! grep -rqF 'alert(8)' '$u/output/site'"
# The unit page still escapes what the model holds: the name put into the
# unit registry the site reads, and the site rendered from the model.
python3 - "$t/output/xml/units.xml" "$(payload 8)" <<'PY'
import sys, re
p, pl = sys.argv[1], sys.argv[2]
t = open(p, encoding='utf-8').read()
esc = pl.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
t2 = re.sub(r'(<name>[^<]*发展改革委)(</name>)', lambda m: m.group(1) + esc + m.group(2), t, count=1)
assert t2 != t, 'no 发展改革委 unit in units.xml'
open(p, 'w', encoding='utf-8').write(t2)
PY
lt "$t" site -q
unitpage=$(cd "$s" && grep -lF "$(escaped 8)</h1>" units/*.html | head -n 1)
check "unit page: its name (unit.xsl)" shows "${unitpage:-units/none}" 8
check "unit page: the name never raw" sh -c "! grep -rqF '$(payload 8)' '$s/units'"

# ---- the search index -------------------------------------------------------------
cat >"$tmp/idx.py" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
body = text[text.index("=") + 1:].strip().rstrip(";")
docs = json.loads(body)["docs"]
titles = [d[2] for d in docs]
want = "加快淘汰落后产能<svg onload=alert(6)>"
print("ok" if want in titles else "task title not in the index as text: %r" % titles[:4])
PY
res=$(python3 "$tmp/idx.py" "$s/assets/search-index.js" 2>&1)
check "search index is JSON with the payload as text${res#ok}" [ "$res" = ok ]

# ---- the bulletin's PDF ---------------------------------------------------------------
# Lines are broken anywhere, also inside a payload: compared without
# white space.
pdftotext "$t/output/bulletin/h/2025-06.pdf" - 2>/dev/null | tr -d ' \n' >"$tmp/b.txt"
check "bulletin PDF: the task title's payload set as text" grep -qF "<svgonload=alert(6)>" "$tmp/b.txt"
check "bulletin PDF: the place's payload set as text" grep -qF "西平县<svgonload=alert(20)>" "$tmp/b.txt"

cli_summary
