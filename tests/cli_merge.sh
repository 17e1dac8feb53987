#!/bin/sh
# cli_merge.sh -- the merged outputs of `lantian build` (one per plan and
# ledger month: output/merged/<id>/<YYYY-MM>.xml), the area outputs
# (output/air/<slug>/<YYYY-MM>.xml and index.xml) and rankings
# (output/air/ranking/<YYYY-MM>.xml), and what `lantian check` says about
# ledgers, the station table and monitoring data, on a copy of the shipped
# publication (plans/ and templates/; the simulated data of 2022 and the
# Beijing area -- its rows of stations.csv and its data -- are left out to
# keep the ASan run short).
#
# Area outputs: one per area and month with data (2023-2025: 36) plus the
# index, each validating against generator/model/area.rng; provenance and
# stations; a ranking per month over the three areas whose ranks agree
# with the keys and the tie rules, and whose keys are the area documents'
# figures; a changed data file of one area rewrites only that area's
# outputs, the rankings and the merged months of the plans on that area,
# and reads only that area; a removed year of data removes its months.
#
# Covered: the first build writes every merged month and each validates
# against generator/model/merge.rng (xmllint); provenance labels; plans/monitoring
# is not taken for a plan; a second build does nothing and reads no data; a
# changed ledger rebuilds only its plan's months from its own on; a changed
# data file only the months of the plans whose area reads it; --explain
# names the ledger or data file; a bad ledger: exit 1 with file:line, its
# months and later keep their old content (not rewritten), earlier months
# are built; check lists ledger and data problems with file:line; an
# unknown area in plan.conf; a corrupt data file; a removed ledger month;
# -j 1 against -j 4 byte-identical. Uses $LANTIAN (absolute path).
# Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup merge

# snapshot DIR: mtime (ns) and inode of every output file, one per line.
snapshot() {
	(cd "$1" && find output -path output/.lantian -prune -o -type f -print |
	    sort | while read -r f; do echo "$f $(stat -c '%.9Y %i' "$f")"; done)
}

# changed SNAP1 SNAP2: the files whose mtime or inode differ, one a line.
changed() {
	join "$1" "$2" | awk '$2 != $4 || $3 != $5 { print $1 }'
}

newtree() {
	rm -rf "$1"
	mkdir -p "$1"
	cp -r "$root/plans" "$1/plans"
	mkdir -p "$1/templates"
	cp -r "$root/templates/layouts" "$1/templates/layouts"
	rm -rf "$1/plans/monitoring/beijing"
	sed -i '/,monitoring\/beijing$/d' "$1/plans/stations.csv"
	rm -f "$1"/plans/monitoring/*/2022-*
	# Old inputs: their stat data can be trusted at once.
	find "$1/plans" "$1/templates" -type f -exec touch -d '-1 hour' {} +
}

# Rewrite a gzip'd data file through sed (content changes, name stays).
data_sed() { # FILE SED-SCRIPT
	gzip -dc "$1" | sed "$2" | gzip -n >"$1.new" && mv "$1.new" "$1"
}

t=$tmp/tree
newtree "$t"
nmonths=$(ls "$t"/plans/*/ledgers/ | grep -c '^20[0-9][0-9]-[01][0-9]\.\(csv\|xlsx\)$')

# ---- first build --------------------------------------------------------------
lt "$t" build
check "first build: exit 0, every merged month rebuilt" \
	exits 0 "(merged: rebuilt $nmonths, up to date 0, failed 0)" "$tmp/out"
n=$(cd "$t" && find output/merged -name '*.xml' | wc -l)
check "one merged output per ledger month ($nmonths)" [ "$n" = "$nmonths" ]
check "merged outputs named output/merged/<id>/<YYYY-MM>.xml" \
	[ -s "$t/output/merged/nanzhao-2024/2024-05.xml" ]
bad=
for f in "$t"/output/merged/*/*.xml; do
	xmllint --noout --relaxng "$root/generator/model/merge.rng" "$f" 2>/dev/null ||
		bad="$bad ${f#$t/}"
done
check "every merged output validates against merge.rng${bad:+:$bad}" [ -z "$bad" ]
check "plans/monitoring is data, not a plan: no warning" \
	sh -c "! grep -q 'plans/monitoring' '$tmp/err' || ! grep -q 'plan.conf' '$tmp/err'"
check "simulated data labelled (模拟数据，仅供演示)" \
	grep -q '<label kind="simulated">模拟数据，仅供演示</label>' "$t/output/merged/nanyang-2024-2025/2024-05.xml"
check "county plan on its city's stations labelled" \
	grep -q '监测数据：南阳市国控站点' "$t/output/merged/nanzhao-2024/2024-05.xml"
check "city plan: no parent-city label" \
	sh -c "! grep -q 'kind=\"stations\"' '$t/output/merged/nanyang-2024-2025/2024-05.xml'"
check "sample ledgers labelled (示例数据)" \
	grep -q '<label kind="sample">示例数据</label>' "$t/output/merged/xiping-2025/2025-05.xml"
check "plan without a monitoring area says so: <air-none>, no <air>" \
	sh -c "grep -q '<air-none reason=\"no-area\">无监测数据：本方案未配置监测区域.*下冶镇（上级济源市）' '$t/output/merged/xiaye-2023/2023-07.xml' && ! grep -q '<air ' '$t/output/merged/xiaye-2023/2023-07.xml'"
check "plan with an area: air quality of that area" \
	grep -q '<air area="驻马店市" data="yes"' "$t/output/merged/xiping-2025/2025-05.xml"
check "summary counts the merged outputs and the data read" \
	grep -q "合并输出 $nmonths 个：重建 $nmonths 个.*读取 3 个地区的监测数据" "$tmp/out"

# ---- area outputs and rankings --------------------------------------------------
check "summary counts area outputs (3 x (36 + index)) and rankings (36)" \
	grep -q "地区输出 111 个：重建 111 个.*排名 36 个：重建 36 个" "$tmp/out"
for a in nanyang jiaozuo zhumadian; do
	n=$(ls "$t/output/air/$a" | grep -c '^20[0-9][0-9]-[01][0-9]\.xml$')
	check "area $a: one output per month with data (36), named by its folder" \
		sh -c "[ $n = 36 ] && [ -s '$t/output/air/$a/index.xml' ]"
done
n=$(ls "$t/output/air/ranking" | wc -l)
check "one ranking per month (36)" [ "$n" = 36 ]
check "no area output named from free text" \
	sh -c "[ \"\$(ls '$t/output/air' | tr '\n' ' ')\" = 'jiaozuo nanyang ranking zhumadian ' ]"
bad=
for f in "$t"/output/air/*/*.xml; do
	xmllint --noout --relaxng "$root/generator/model/area.rng" "$f" 2>/dev/null ||
		bad="$bad ${f#$t/}"
done
check "every area output and ranking validates against area.rng${bad:+:$bad}" [ -z "$bad" ]
am=$t/output/air/nanyang/2024-05.xml
check "area month: simulated data labelled" \
	grep -q '<label kind="simulated">模拟数据，仅供演示</label>' "$am"
check "area month: its stations as evaluation stations" \
	sh -c "[ \$(grep -c 'role=\"evaluation\" role-name=\"评价点\"' '$am') = 5 ]"
check "area month: month and year to date with 同比, calendar, quality" \
	sh -c "grep -q '<period kind=\"month\" from=\"2024-05-01\" to=\"2024-05-31\".*have-prev=\"yes\"' '$am' &&
	    grep -q '<period kind=\"ytd\" from=\"2024-01-01\"' '$am' &&
	    [ \$(grep -c '<day date=\"2024-05-' '$am') = 31 ] &&
	    grep -q '<quality-text>' '$am'"
fig() { grep '<figure \|<composite\|<days ' "$1" | sed 's/^ *//'; }
fig "$am" >"$tmp/f1"
fig "$t/output/merged/nanyang-2024-2025/2024-05.xml" >"$tmp/f2"
check "area month figures equal the merged month's (same area, same month)" \
	sh -c "[ \$(wc -l <'$tmp/f1') = 16 ] && cmp -s '$tmp/f1' '$tmp/f2'"
# The ranks of every ranking: rank = 1 + the rows strictly better, 并列
# exactly when another row has the same keys, keys = the area documents'.
cat >"$tmp/ranks.py" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"a": "urn:lantian:air:1"}
out, bad = sys.argv[1], []
def figures(area_file, kind):
    p = ET.parse(area_file).getroot().find("a:period[@kind='%s']" % kind, ns)
    pm = p.find("a:figure[@code='pm25']", ns)
    return {"composite": p.find("a:composite", ns).get("value"),
            "pm25": pm.get("value"), "good-ratio": p.find("a:days", ns).get("good-ratio"),
            "composite-change": p.find("a:composite", ns).get("change"),
            "pm25-change": pm.get("change")}
for ym in sys.argv[2:]:
    root = ET.parse("%s/air/ranking/%s.xml" % (out, ym)).getroot()
    for rk in root.findall("a:ranking", ns):
        by, per = rk.get("by"), rk.get("period")
        rows = rk.findall("a:row", ns)
        hi = by == "good-ratio"
        def key(r):
            k = float(r.get("key"))
            return (-k if hi else k, float(r.get("pm25")) if hi else 0)
        ranked = [r for r in rows if r.get("rank")]
        if int(rk.get("ranked")) != len(ranked) or rk.get("total") != "共%d个地区参加排名" % len(ranked):
            bad.append((ym, by, per, "count"))
        for r in ranked:
            better = sum(1 for o in ranked if key(o) < key(r))
            same = sum(1 for o in ranked if key(o) == key(r)) > 1
            place = ("并列" if same else "") + "第%d位" % (better + 1)
            if int(r.get("rank")) != better + 1 or (r.get("tied") == "yes") != same or r.get("place") != place:
                bad.append((ym, by, per, r.get("area")))
        for r in rows:
            f = figures("%s/air/%s/%s.xml" % (out, r.get("slug"), ym), per)
            if f[by] != r.get("key") or (hi and f["pm25"] != r.get("pm25")):
                bad.append((ym, by, per, r.get("area"), "key"))
        if [r.get("area") for r in rows[len(ranked):]] != sorted(r.get("area") for r in rows[len(ranked):]):
            bad.append((ym, by, per, "unranked order"))
print(bad if bad else "ok")
PY
months=$(cd "$t/output/air/ranking" && ls | sed 's/\.xml$//' | tr '\n' ' ')
res=$(python3 "$tmp/ranks.py" "$t/output" $months 2>&1)
check "rankings: ranks, 并列, counts and keys consistent in all 36 months${res#ok}" [ "$res" = ok ]
check "rankings: three areas, tie rule stated" \
	sh -c "grep -q 'areas=\"3\"' '$t/output/air/ranking/2024-05.xml' && grep -q '<note kind=\"ties\">并列规则' '$t/output/air/ranking/2024-05.xml'"
check "rankings: a real tie is 并列 (PM2.5 同比, May 2024)" \
	sh -c "[ \$(grep -c 'place=\"并列第2位\"' '$t/output/air/ranking/2024-05.xml') -ge 2 ]"

# ---- nothing changed ------------------------------------------------------------
snapshot "$t" >"$tmp/snap1"
lt "$t" build
check "second build: nothing to do" grep -q "nothing to do.*$nmonths 个合并输出，111 个地区输出，36 个排名" "$tmp/out"
check "second build: no monitoring data read" sh -c "! grep -q '读取' '$tmp/out'"
lt "$t" build -q
snapshot "$t" >"$tmp/snap2"
check "second build rewrites nothing" cmp -s "$tmp/snap1" "$tmp/snap2"
touch "$t/plans/nanzhao-2024/ledgers/2024-05.csv" "$t"/plans/monitoring/nanyang/*
lt "$t" build --explain
check "touched ledger and data, same content: nothing to do" grep -q 'nothing to do' "$tmp/out"

# ---- one ledger changed ------------------------------------------------------------
# A percentage in the first report row (the file is GB18030: ASCII edit).
sed -i '0,/,30%,/s//,40%,/' "$t/plans/nanzhao-2024/ledgers/2024-05.csv"
lt "$t" build --explain
check "changed ledger: exit 0, 4 merged months rebuilt" exits 0 "(merged: rebuilt 4, up to date $((nmonths - 4)), failed 0)" "$tmp/out"
n=$(grep -c 'explain:' "$tmp/out")
check "changed ledger: 4 outputs explained (2024-05 to 2024-08)" [ "$n" = 4 ]
check "changed ledger: --explain names the ledger" \
	grep -q 'explain: output/merged/nanzhao-2024/2024-06.xml: 进展台账 plans/nanzhao-2024/ledgers/2024-05.csv 已改变 (input changed: ledger)' "$tmp/out"
check "changed ledger: earlier months not rebuilt" \
	sh -c "! grep -q 'nanzhao-2024/2024-0[34]' '$tmp/out'"
check "changed ledger: its area read once" grep -q '读取 1 个地区的监测数据' "$tmp/out"
check "changed ledger: the task's new percentage is in the month" \
	grep -q 'number="1" state="in-progress" state-name="推进中" percent="40.0"' "$t/output/merged/nanzhao-2024/2024-05.xml"
snapshot "$t" >"$tmp/snap3"
bad=$(changed "$tmp/snap2" "$tmp/snap3" | grep -v '^output/merged/nanzhao-2024/2024-0[5-8]\.xml$' | tr '\n' ' ')
check "changed ledger: no other file rewritten${bad:+: $bad}" [ -z "$bad" ]
check "changed ledger: its month rewritten" \
	sh -c "changed() { join \"\$1\" \"\$2\" | awk '\$2 != \$4 || \$3 != \$5 { print \$1 }'; }; changed '$tmp/snap2' '$tmp/snap3' | grep -q 2024-05.xml"
lt "$t" build
check "after the ledger change: nothing to do" grep -q 'nothing to do' "$tmp/out"

# ---- one data file changed -------------------------------------------------------------
# PM2.5 of one station-hour in May 2025 (column 11), 驻马店市.
data_sed "$t/plans/monitoring/zhumadian/2025-simulated.csv.gz" \
	'/^2025-05-10T1[0-9]00,2420A,/s/^\(\([^,]*,\)\{10\}\)[0-9]*,/\1400,/'
lt "$t" build --explain
check "changed data: exit 0, nothing failed" built_ok
n=$(grep 'explain:' "$tmp/out" | grep -c 'explain: output/merged/')
m=$(grep -c 'explain: output/merged/xiping-2025/.*监测数据 plans/monitoring/zhumadian/2025-simulated.csv.gz 已改变 (input changed: monitoring data)' "$tmp/out")
nx=$(ls "$t/plans/xiping-2025/ledgers" | wc -l)
check "changed data: only the plan of that area explained ($m of $n, want $nx)" sh -c "[ $n = $nx ] && [ $m = $nx ]"
m=$(grep -c 'explain: output/air/zhumadian/.*监测数据 plans/monitoring/zhumadian/2025-simulated.csv.gz 已改变' "$tmp/out")
check "changed data: every output of that area explained ($m, want 37)" [ "$m" = 37 ]
check "changed data: no other area's output explained" \
	sh -c "! grep -q 'explain: output/air/\(nanyang\|jiaozuo\)' '$tmp/out'"
check "changed data: rankings explained by the area output that changed" \
	grep -q 'explain: output/air/ranking/2025-05.xml: 地区空气质量输出 output/air/zhumadian/2025-05.xml 已改变 (input changed: area output)' "$tmp/out"
check "changed data: only that area read, once" grep -q '读取 1 个地区的监测数据 3 个文件' "$tmp/out"
snapshot "$t" >"$tmp/snap4"
bad=$(changed "$tmp/snap3" "$tmp/snap4" | grep -v '^output/merged/xiping-2025/\|^output/air/zhumadian/\|^output/air/ranking/' | tr '\n' ' ')
check "changed data: no other plan's or area's file rewritten${bad:+: $bad}" [ -z "$bad" ]
check "changed data: May 2025 of 驻马店市 and its ranking rewritten" \
	sh -c "join '$tmp/snap3' '$tmp/snap4' | awk '\$2 != \$4 { print \$1 }' | grep -q 'air/zhumadian/2025-05.xml' &&
	    join '$tmp/snap3' '$tmp/snap4' | awk '\$2 != \$4 { print \$1 }' | grep -q 'air/ranking/2025-05.xml'"
nr=$(join "$tmp/snap3" "$tmp/snap4" | awk '$2 != $4 { print $1 }' | grep -c 'air/ranking/')
check "changed data: only the rankings of months whose area output changed ($nr of 36)" \
	sh -c "[ $nr -ge 1 ] && [ $nr -lt 36 ]"
check "changed data: May 2025 of xiping rewritten" \
	sh -c "join '$tmp/snap3' '$tmp/snap4' | awk '\$2 != \$4 { print \$1 }' | grep -q 'xiping-2025/2025-05.xml'"

# ---- a bad ledger -----------------------------------------------------------------------
cp -a "$t/output/merged/xiping-2025" "$tmp/xiping-before"
snapshot "$t" >"$tmp/snap5"
led=$t/plans/xiping-2025/ledgers/2025-06.csv
cp "$led" "$tmp/ledger-good.csv"
printf '99,九十九,不存在的任务,县发展改革委,推进中,50%%,无,2025-06-20,示例数据\n' >>"$led"
badline=$(wc -l <"$led")
lt "$t" build
check "bad ledger: exit 1 with an error" exits 1 '错误' "$tmp/err"
check "bad ledger: file:line error" grep -q "^plans/xiping-2025/ledgers/2025-06.csv:$badline: 错误" "$tmp/err"
check "bad ledger: says its months are kept" grep -q '保留上次的内容' "$tmp/err"
check "bad ledger: summary counts 3 failed" grep -q 'failed 3)' "$tmp/out"
snapshot "$t" >"$tmp/snap6"
check "bad ledger: nothing rewritten" cmp -s "$tmp/snap5" "$tmp/snap6"
check "bad ledger: old outputs unchanged" diff -r "$tmp/xiping-before" "$t/output/merged/xiping-2025"
lt "$t" check
check "check with the bad ledger: exit 1 with file:line" \
	exits 1 "^plans/xiping-2025/ledgers/2025-06.csv:$badline: 错误" "$tmp/err"
# A change to an earlier month is built while the bad one is kept.
sed -i '6s/2025-04-29/2025-04-28/' "$t/plans/xiping-2025/ledgers/2025-04.csv"
lt "$t" build --explain
check "bad ledger + earlier change: still exit 1 with file:line" \
	exits 1 "^plans/xiping-2025/ledgers/2025-06.csv:$badline: 错误" "$tmp/err"
check "bad ledger + earlier change: April and May rebuilt" \
	grep -q 'output/merged/xiping-2025/2025-05.xml' "$tmp/out"
check "bad ledger + earlier change: June kept" \
	cmp -s "$tmp/xiping-before/2025-06.xml" "$t/output/merged/xiping-2025/2025-06.xml"
cp "$tmp/ledger-good.csv" "$led"
lt "$t" build
check "bad ledger repaired: exit 0, no merged month failed" built_ok
check "bad ledger repaired: no error" lacks '错误' "$tmp/err"
lt "$t" build
check "bad ledger repaired: then nothing to do" grep -q 'nothing to do' "$tmp/out"

# ---- check -------------------------------------------------------------------------------
lt "$t" check
check "check on the good tree: exit 0, no error" sh -c "[ $rc = 0 ] && ! grep -q ': 错误:' '$tmp/err'"
check "check reads every area of the table and says how long it took" \
	grep -q '^lantian check: 5 个方案.*个台账；读取 3 个地区的监测数据 [0-9]* 个文件 .* MB，用时 [0-9]* ms.*共用时' "$tmp/out"
check "check lists data-quality warnings with file:line" \
	grep -q '^plans/monitoring/nanyang/20[0-9][0-9]-simulated.csv.gz:[0-9]*: 警告' "$tmp/err"
check "check: no warning about plans/monitoring" sh -c "! grep -q '^plans/monitoring: ' '$tmp/err'"

# A corrupt data file: a structural error naming the file.
cp "$t/plans/monitoring/jiaozuo/2023-simulated.csv.gz" "$tmp/jz.gz"
head -c 20000 "$tmp/jz.gz" >"$t/plans/monitoring/jiaozuo/2023-simulated.csv.gz"
lt "$t" check
check "check with a truncated gzip file: exit 1 naming it" \
	exits 1 '^plans/monitoring/jiaozuo/2023-simulated.csv.gz.*错误' "$tmp/err"
snapshot "$t" >"$tmp/snap7"
lt "$t" build
check "build with a truncated data file: exit 1 naming it" \
	exits 1 '^plans/monitoring/jiaozuo/2023-simulated.csv.gz.*错误' "$tmp/err"
snapshot "$t" >"$tmp/snap8"
check "build with a truncated data file: nothing rewritten" cmp -s "$tmp/snap7" "$tmp/snap8"
cp "$tmp/jz.gz" "$t/plans/monitoring/jiaozuo/2023-simulated.csv.gz"
lt "$t" build
check "data file restored: exit 0, nothing to do (the outputs were kept)" exits 0 "nothing to do" "$tmp/out"

# An area the station table does not have.
conf=$t/plans/boai-2023/plan.conf
cp "$conf" "$tmp/boai.conf"
sed -i 's/^stations = .*/stations = 济源市/' "$conf"
line=$(grep -n '^stations' "$conf" | cut -d: -f1)
lt "$t" check
check "check: unknown monitoring area is an error at plan.conf:$line" \
	exits 1 "^plans/boai-2023/plan.conf:$line: 错误: .*unknown monitoring area" "$tmp/err"
cp "$tmp/boai.conf" "$conf"

# ---- a removed ledger month -------------------------------------------------------------
rm "$t/plans/xiping-2025/ledgers/2025-08.csv"
lt "$t" build
check "removed ledger month: exit 0, the removal named" \
	exits 0 '删除过时输出 (removed stale output) output/merged/xiping-2025/2025-08.xml' "$tmp/out"
check "removed ledger month: its merged output removed" absent "$t/output/merged/xiping-2025/2025-08.xml"
check "removed ledger month: the earlier months stay" sh -c "[ -s '$t/output/merged/xiping-2025/2025-07.xml' ] && [ \$(ls '$t/output/merged/xiping-2025' | wc -l) = $(( $(ls "$root/plans/xiping-2025/ledgers" | grep -c '^20') - 1 )) ]"

# ---- a removed year of data -------------------------------------------------------------
mv "$t/plans/monitoring/jiaozuo/2023-simulated.csv.gz" "$tmp/jz2023.gz"
lt "$t" build
check "removed data year: exit 0, nothing failed" built_ok
n=$(ls "$t/output/air/jiaozuo" | grep -c '^2023-')
check "removed data year: its area months removed ($n left)" sh -c "[ $n = 0 ] && [ ! -e '$t/output/air/jiaozuo/2023-05.xml' ]"
check "removed data year: the removals named (12)" \
	sh -c "[ \$(grep -c 'removed stale output) output/air/jiaozuo/2023-[01][0-9].xml' '$tmp/out') = 12 ]"
check "removed data year: rankings of 2023 rebuilt without that area" \
	grep -q 'areas="2"' "$t/output/air/ranking/2023-05.xml"
check "removed data year: the index lists 24 months" \
	grep -q '<months count="24">' "$t/output/air/jiaozuo/index.xml"
mv "$tmp/jz2023.gz" "$t/plans/monitoring/jiaozuo/2023-simulated.csv.gz"
lt "$t" build
check "data year restored: its months back, written" \
	sh -c "[ $rc = 0 ] && [ -s '$t/output/air/jiaozuo/2023-05.xml' ] && grep -q '写入 (wrote) output/air/jiaozuo/2023-05.xml' '$tmp/out'"
check "data year restored: rankings of 2023 over 3 areas again" has 'areas="3"' "$t/output/air/ranking/2023-05.xml"

# ---- -j 1 and -j 4 --------------------------------------------------------------------------
newtree "$tmp/j1"
newtree "$tmp/j4"
lt "$tmp/j1" build -q -j 1
rc1=$rc
lt "$tmp/j4" build -q -j 4
check "-j 1 and -j 4 both succeed" sh -c "[ $rc1 = 0 ] && [ $rc = 0 ]"
check "-j 1 and -j 4 merged, area and ranking outputs byte-identical" \
	diff -r -x .lantian "$tmp/j1/output" "$tmp/j4/output"
check "-j 1 and -j 4: every kind of output compared" \
	sh -c "[ -s '$tmp/j1/output/air/ranking/2024-05.xml' ] && [ -s '$tmp/j1/output/merged/nanzhao-2024/2024-05.xml' ] && [ -s '$tmp/j1/output/air/nanyang/index.xml' ]"

cli_summary
