#!/bin/sh
# cli_ledger_month.sh -- one month as a county office runs it, on a copy of
# the publication holding the plan nanzhao-2024 (its six sample ledgers,
# 2024-03 to 2024-08) and its area's data:
#   1. `lantian ledger nanzhao-2024 2024-09` writes the month's workbooks:
#      one per unit the plan names (18, the units of nanzhao-2024 in
#      output/json/units.json of the shipped build) and one for all;
#   2. three units send theirs back, filled in with openpyxl (a real
#      spreadsheet writer; Debian's python3-openpyxl) into
#      plans/nanzhao-2024/ledgers/2024-09/:
#        县城市管理局  its 5 tasks (7 14 18 23 24), all 推进中 50%;
#        县公安局      its 5 tasks (7 16 17 18 21), 推进中, plus a row for
#                      task 1, which does not name it (a warning);
#        县交通运输局  its 12 tasks (5 6 7 13 14 15 16 17 18 19 21 24),
#                      推进中, its name retyped as 交通运输局 (a variant:
#                      counted for 县交通运输局, with a warning);
#      the other 15 units, 县生态环境局 among them, are late;
#   3. `lantian status` lists the 15 units as 未报送 and none as 部分未报,
#      and writes the list as .xlsx;
#   4. `lantian check` gives the two warnings with sheet, cell and unit,
#      and no error;
#   5. `lantian build` makes the month (6. below: the late unit's file
#      arrives and the next build counts it): tasks reported by some unit are
#      {1 5 6 7 13 14 15 16 17 18 19 21 23 24} = 14, all 推进中. The
#      tasks 已完成 in 2024-08 (every row of 2024-08.csv for them says
#      已完成/完成/长期坚持) are {2 17 18 22 23 26 30}; of them 17 18 23 are
#      reported 推进中 now, and 2 22 26 30 are not reported, so 已完成
#      carries forward for those 4. The merged month counts in-progress
#      14, done 4, unreported 30 - 14 - 4 = 12, and the bulletin says
#      未报送12项.
# Uses $LANTIAN (absolute path), the release binary for the build
# ($LANTIAN_RELEASE) and $PYTHON (default /usr/bin/python3, which must
# import openpyxl). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup ledger_month
: "${PYTHON:=/usr/bin/python3}"

t=$tmp/tree
newtree "$t"
for p in "$t"/plans/*/; do
	case $p in */nanzhao-2024/ | */monitoring/) ;; *) rm -rf "$p" ;; esac
done

check "python with openpyxl (python3-openpyxl)" "$PYTHON" -c 'import openpyxl'

# 1. the workbooks out
lt "$t" ledger nanzhao-2024 2024-09
out=$t/output/ledgers-out/nanzhao-2024/2024-09
count_xlsx() { [ "$(ls "$out" | grep -c '\.xlsx$')" = "$1" ]; }
check "ledger: exit 0 and says 19 workbooks" exits 0 '已写出 19 个台账工作簿（18 个单位各一个' "$tmp/out"
check "ledger: 19 workbooks in output/ledgers-out/<plan>/<month>/" count_xlsx 19
check "ledger: the unit's workbook is named for it" test -s "$out/2024-09-县城市管理局.xlsx"
check "ledger: the all-units workbook" test -s "$out/2024-09-全部单位.xlsx"
cp "$out/2024-09-县城市管理局.xlsx" "$tmp/first.xlsx"
lt "$t" ledger nanzhao-2024 2024-09 -o "$tmp/again"
check "ledger: the same bytes on a second run" cmp "$tmp/first.xlsx" "$tmp/again/2024-09-县城市管理局.xlsx"
# what a unit sees: the instructions first, its tasks, the drop-down and
# the protection (read with openpyxl, not with lantian)
"$PYTHON" - "$out/2024-09-县城市管理局.xlsx" >"$tmp/look" 2>&1 <<'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["台账"]
print("sheets", ",".join(wb.sheetnames))
print("tasks", ",".join(str(ws.cell(r, 1).value) for r in range(3, ws.max_row + 1)))
print("protected", ws.protection.sheet)
for dv in ws.data_validations.dataValidation:
    print("validation", dv.type, dv.formula1, dv.sqref)
print("created", wb.properties.created)
PY
check "ledger: instructions sheet first" has '^sheets 填报说明,台账$' "$tmp/look"
check "ledger: the unit's five tasks" has '^tasks 7,14,18,23,24$' "$tmp/look"
check "ledger: sheet protected" has '^protected True$' "$tmp/look"
check "ledger: 进展状态 drop-down" has '^validation list "未启动,推进中,已完成,滞后' "$tmp/look"
check "ledger: 完成比例 validated 0..1" has '^validation decimal 0 J3:J7' "$tmp/look"
check "ledger: creation time is the month's first day" has '^created 2024-09-01 00:00:00' "$tmp/look"

# 2. three units send theirs back
in=$t/plans/nanzhao-2024/ledgers/2024-09
mkdir -p "$in"
"$PYTHON" - "$out" "$in" >"$tmp/fill" 2>&1 <<'PY'
import sys, datetime, openpyxl
src, dst = sys.argv[1], sys.argv[2]
def fill(unit, rename=None, extra=None):
    wb = openpyxl.load_workbook(f"{src}/2024-09-{unit}.xlsx")
    ws = wb["台账"]
    r = 3
    while ws.cell(r, 1).value:
        if rename:
            ws.cell(r, 5).value = rename
        ws.cell(r, 9).value = "推进中"
        ws.cell(r, 10).value = 0.5
        ws.cell(r, 10).number_format = "0%"
        ws.cell(r, 11).value = "按计划推进"
        ws.cell(r, 12).value = datetime.datetime(2024, 9, 27)
        r += 1
    if extra:
        ws.cell(r, 1).value = extra
        ws.cell(r, 5).value = unit
        ws.cell(r, 9).value = "推进中"
        ws.cell(r, 12).value = datetime.datetime(2024, 9, 27)
        r += 1
    ws.cell(r + 1, 1).value = "填表人：王五"
    ws.cell(r + 1, 5).value = "联系电话：0377-6900000"
    wb.save(f"{dst}/2024-09-{unit}.xlsx")
fill("县城市管理局")
fill("县公安局", extra="1")
fill("县交通运输局", rename="交通运输局")
PY
check "the units' workbooks written by openpyxl" test -s "$in/2024-09-县交通运输局.xlsx"

# 3. the 催报 list
lt "$t" status nanzhao-2024 2024-09 -o "$tmp/cuibao.xlsx"
check "status: exit 0" test "$rc" = 0
check "status: 15 units have not reported" has '^一、未报送的单位（15 个）' "$tmp/out"
check "status: 县生态环境局 is late, with its 29 tasks" has '^  县生态环境局：应报任务 29 项' "$tmp/out"
check "status: no unit reported in part (the variant counts)" has '^二、部分未报的单位（0 个）' "$tmp/out"
check "status: 县城市管理局 is not listed" lacks '县城市管理局：' "$tmp/out"
check "status: the list as a workbook" test -s "$tmp/cuibao.xlsx"
"$PYTHON" -c 'import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
print("rows", len(rows))
print("late", sum(1 for r in rows if r[4] == "未报"))' "$tmp/cuibao.xlsx" >"$tmp/cb" 2>&1
# rows: every unit's tasks (the sum of the 18 units' task counts is what
# the plan's brackets give; here only its consistency: reported rows are
# the three units' 5 + 5 + 12)
reported_rows() { r=$(sed -n 's/^rows //p' "$tmp/cb"); l=$(sed -n 's/^late //p' "$tmp/cb"); [ "$((r - l))" = 22 ]; }
check "status xlsx: 22 rows reported (5 + 5 + 12)" reported_rows

# 4. check
lt "$t" check
check "check: the variant name, with sheet, cell and unit" has '2024-09-县交通运输局.xlsx:3: 警告: 填报单位“交通运输局”按任务“5”的责任单位“县交通运输局”计（本文件其他行同样处理）；请以方案中的写法“县交通运输局”填报（工作表“台账” E3，填报单位“交通运输局”）' "$tmp/err"
check "check: the variant named once per file" lacks '2024-09-县交通运输局.xlsx:4: 警告' "$tmp/err"
check "check: a task the unit has no part in" has '2024-09-县公安局.xlsx:8: 警告: 填报单位“县公安局”不是任务“1”的责任单位（县工业和信息化局、各乡镇人民政府、县发展改革委、县生态环境局、县财政局），本行仍计入该任务（工作表“台账” E8，填报单位“县公安局”）' "$tmp/err"
check "check: no error in the month's files" lacks '2024-09.*错误' "$tmp/err"
# 县城市管理局's five rows are 3-7; its footer is row 9
check "check: the footer row is no report" lacks '2024-09-县城市管理局.xlsx:9:' "$tmp/err"

# 5. build: the month's counts
lt_rel "$t" build -q
check "build: the month is merged" test -s "$t/output/merged/nanzhao-2024/2024-09.xml"
check "build: counts of 2024-09 (14 in progress, 4 done carried, 12 unreported)" has '<counts unreported="12" not-started="0" in-progress="14" done="4" late="0"' "$t/output/merged/nanzhao-2024/2024-09.xml"
pdftotext "$t/output/bulletin/nanzhao-2024/2024-09.pdf" "$tmp/bulletin.txt" 2>/dev/null
check "build: the bulletin says 未报送12项" has '未报送12项' "$tmp/bulletin.txt"
check "build: 交通运输局's report is on the site's task page" has '交通运输局' "$t/output/merged/nanzhao-2024/2024-09.xml"

# 6. the late unit's workbook arrives: 县生态环境局 fills its 29 tasks
#    (all but 23, which 县城市管理局 reported) with 推进中, so every task is
#    reported, nothing carries (2 22 26 30 are reported now): in-progress
#    30, done 0, unreported 0; the next build picks the new file up.
"$PYTHON" - "$out" "$in" >"$tmp/fill2" 2>&1 <<'PY'
import sys, datetime, openpyxl
src, dst = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(f"{src}/2024-09-县生态环境局.xlsx")
ws = wb["台账"]
r = 3
while ws.cell(r, 1).value:
    ws.cell(r, 9).value = "推进中"
    ws.cell(r, 12).value = datetime.datetime(2024, 10, 8)
    r += 1
wb.save(f"{dst}/2024-09-县生态环境局.xlsx")
PY
lt_rel "$t" build -q
check "late unit: the month is rebuilt with all 30 reported" has '<counts unreported="0" not-started="0" in-progress="30" done="0" late="0"' "$t/output/merged/nanzhao-2024/2024-09.xml"
lt "$t" status nanzhao-2024 2024-09
check "late unit: status lists 14 units not reported" has '^一、未报送的单位（14 个）' "$tmp/out"

lint_checks "$0"
cli_summary
