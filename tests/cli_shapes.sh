#!/bin/sh
# cli_shapes.sh -- plans in the shapes they really arrive in.
#  - every shipped plan as a traditional-script copy, a half-width-punctuation
#    web copy, a GB18030 file with CRLF line ends and a web repost with the
#    portal's metadata block and page chrome (tests/prep/variants.py) must
#    give the truth file's tasks, units and deadlines (tests/truth_check.py;
#    the model keeps traditional text as written, so that variant is compared
#    after folding both sides to simplified script with opencc t2s);
#  - the small hand-written plans of tests/data/shapes/ against their
#    hand-made expectations (tests/shapes_check.py);
#  - lantian check prints a parse report per plan, accepts level = 区, and
#    makes a suspicious unit name an error that keeps the plan from being
#    built; lantian parse prints a valid empty document for a plan with no
#    task, with a warning and exit 1.
. "$(dirname "$0")/lib_cli.sh"
cli_setup shapes

python3 "$root/tests/prep/variants.py" "$root/plans" "$tmp/var" >"$tmp/err" 2>&1 ||
	not_ok "tests/prep/variants.py writes the variants" "exit $?"
for v in trad half gbk web; do
	flag=
	[ "$v" = trad ] && flag=--t2s
	check "shipped plans as the $v variant give the truth files' fields" \
		sh -c "python3 '$root/tests/truth_check.py' '$LANTIAN' '$root/tests/truth' '$tmp/var/$v' $flag >'$tmp/out' 2>'$tmp/err'"
done

# The traditional copy keeps its characters in the model.
traditional_kept() {
	"$LANTIAN" parse "$tmp/var/trad/nanzhao-2024/plan.txt" --json >"$tmp/out" 2>"$tmp/err" &&
	python3 - "$tmp/out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
t = d['tasks'][0]
sys.exit(0 if t['lead'] == ['縣工業和信息化局'] and t['title'] == '依法依規淘汰落後產能'
         and t['lead_mode'] == '牵头' else 1)
PY
}
check "traditional copy: the model keeps 縣工業和信息化局 as written, lead_mode stays a code" traditional_kept

# The web repost: nothing of the page's chrome in any task.
no_chrome() {
	"$LANTIAN" parse "$tmp/var/web/boai-2023/plan.txt" --json >"$tmp/out" 2>"$tmp/err" &&
	! grep -qE '打印本页|分享到|扫一扫|ICP备|索引号|display:none|转载请注明' "$tmp/out"
}
check "web repost: no chrome, metadata or hidden text in the model" no_chrome

check "hand-written shapes give their expected tasks, units and deadlines" \
	sh -c "python3 '$root/tests/shapes_check.py' '$LANTIAN' '$root/tests/data/shapes' >'$tmp/out' 2>'$tmp/err'"

# A plan with no task: a valid XML document with no task, a warning, exit 1.
empty_xml() {
	(cd "$root/tests/data/shapes" && "$LANTIAN" parse notasks.txt) >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 1 ] && grep -q '^notasks.txt: 警告: 未找到任何任务' "$tmp/err" &&
	python3 - "$tmp/out" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = {'p': 'urn:lantian:plan:1'}
sys.exit(0 if root.tag == '{urn:lantian:plan:1}plan' and not root.findall('.//p:task', ns)
         and len(root.findall('p:section', ns)) == 2 else 1)
PY
}
check "no task: XML with 0 tasks on stdout, warning, exit 1" empty_xml

# A publication: a district plan (level = 区) and a plan whose text leaves a
# page number in a unit name.
pub=$tmp/pub
mkdir -p "$pub/plans/qu-2024" "$pub/plans/noise-2024"
sed 's/县/区/g' "$root/tests/data/shapes/sentence.txt" >"$pub/plans/qu-2024/plan.txt"
printf 'source = plan.txt\nplace = 测试区\nlevel = 区\n' >"$pub/plans/qu-2024/plan.conf"
cp "$root/tests/data/shapes/pagenoise.txt" "$pub/plans/noise-2024/plan.txt"
printf 'source = plan.txt\nplace = 测试县\nlevel = 县\n' >"$pub/plans/noise-2024/plan.conf"

lt "$pub" check
check "check: exit 1 for the suspicious unit name" [ "$rc" -eq 1 ]
check "check: the suspicious name is an error naming file, line, name and the missing review sheet" \
	grep -q '^plans/noise-2024/plan.txt:5: 错误: 任务 1 的单位名称“县发展改革委—3—”可疑.*复核表' "$tmp/err"
check "check: a parse report for each plan" \
	sh -c "grep -q '^plans/qu-2024/plan.txt: 提示: 解析报告：按“1.”编号条目；任务 4 项，写明责任单位 4 项，有时限 3 项' '$tmp/err' &&
	       grep -q '^plans/noise-2024/plan.txt: 提示: 解析报告：.*任务 2 项.*错误 1 条' '$tmp/err'"
check "check: level = 区 is accepted" sh -c "! grep -q 'level' '$tmp/err'"

lt "$pub" build -q
district_built() {
	[ ! -e "$pub/output/json/noise-2024.json" ] &&
	python3 - "$pub/output/json/qu-2024.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
t = d['tasks'][0]
sys.exit(0 if d['level'] == 'county' and t['lead'] == ['区发展改革委']
         and t['cooperating'] == ['区工业和信息化局', '区生态环境局'] else 1)
PY
}
check "build: exit 1, the plan with the suspicious name is not published" [ "$rc" -eq 1 ]
check "build: the district plan is built (level county, 区 units)" district_built

cli_summary
