#!/usr/bin/python3
"""Write the ledger workbooks of tests/data/ledgers/ with real spreadsheet
writers, laid out the way county offices lay out their sheets: an
instructions sheet (填报说明) first, a title row merged across, a two-row
header (完成情况 merged over 进展状态 and 完成比例; 任务编号 and the other
heads merged down both rows), 任务编号 merged over the rows of the units
reporting on one task, and footer rows (填表人：… 联系电话：…).

usage: /usr/bin/python3 tests/prep/make_ledgers.py tests/data/ledgers
Needs Debian's python3-openpyxl (.xlsx) and python3-xlwt (.xls, BIFF8:
the legacy format libfreexl reads). The outputs are committed (a few KB
each); the unit tests (tests/unit/test_ledger_workbook.c) read them
against the shipped plan nanzhao-2024, month 2024-05, and expect exactly
the rows below. openpyxl stamps the current time into docProps/core.xml,
so a rebuilt .xlsx differs in those bytes only.

The rows (sheet 台账; 1-based sheet rows):
  1  title, merged A1:G1
  2  序号 | 任务编号 | 填报单位 | 完成情况 (D2:E2) | 进展情况 | 填报日期
  3                           | 进展状态 | 完成比例
  4  1 | 1 (B4:B6) | 县工业和信息化局 | 推进中 | 60% | … | 2024-05-20
  5  2 |           | 县发展改革委     | 已完成 | 100% | … | 2024-05-21
  6  3 |           | 生态环境局       | 推进中 | 50% | … | 2024-05-22
                      (a variant of 县生态环境局, a unit of task 1)
  7  4 | 3         | 县公安局         | 推进中 |     | … | 2024-05-23
                      (task 3 names 县发展改革委 and 县生态环境局 only)
  8  5 | 33        | 县发展改革委     | 推进中 |     | … | 2024-05-23
                      (no task 33: an error suggesting task 3)
  9  填表人：张三          联系电话：0377-6912345   (merged A9:G9)
 10  审核人：李四 (A10) | 联系电话：0377-6912346 (C10, the 填报单位
     column) | 说明：次月5日前报送 (F10, the 进展情况 column): a footer,
     not a report, because its cells open with 审核人：, 联系电话：, 说明：
"""
import datetime
import os
import sys

TITLE = "南召县大气污染防治重点任务进展台账（2024年5月）"
INSTRUCTIONS = [
    "填报说明",
    "1. 每项任务每个单位填一行。",
    "2. 进展状态填 未启动、推进中、已完成 或 滞后。",
    "3. 填报日期为本月1日至次月15日。",
]
HEAD1 = ["序号", "任务编号", "填报单位", "完成情况", None, "进展情况",
         "填报日期"]
HEAD2 = [None, None, None, "进展状态", "完成比例", None, None]
ROWS = [
    [1, "1", "县工业和信息化局", "推进中", 0.6, "排查企业6家",
     datetime.date(2024, 5, 20)],
    [2, None, "县发展改革委", "已完成", 1.0, "完成审查",
     datetime.date(2024, 5, 21)],
    [3, None, "生态环境局", "推进中", 0.5, "开展执法检查",
     datetime.date(2024, 5, 22)],
    [4, "3", "县公安局", "推进中", None, "配合检查",
     datetime.date(2024, 5, 23)],
    [5, "33", "县发展改革委", "推进中", None, "编号写错",
     datetime.date(2024, 5, 23)],
]
FOOTER1 = "填表人：张三          联系电话：0377-6912345"
FOOTER2 = ("审核人：李四", "联系电话：0377-6912346", "说明：次月5日前报送")


def write_xlsx(path):
    import openpyxl
    wb = openpyxl.Workbook()
    ins = wb.active
    ins.title = "填报说明"
    for i, line in enumerate(INSTRUCTIONS, 1):
        ins.cell(i, 1, line)
    ws = wb.create_sheet("台账")
    ws.cell(1, 1, TITLE)
    ws.merge_cells("A1:G1")
    for c, v in enumerate(HEAD1, 1):
        if v is not None:
            ws.cell(2, c, v)
    for c, v in enumerate(HEAD2, 1):
        if v is not None:
            ws.cell(3, c, v)
    ws.merge_cells("D2:E2")
    for col in "ABCFG":
        ws.merge_cells(f"{col}2:{col}3")
    for r, row in enumerate(ROWS, 4):
        for c, v in enumerate(row, 1):
            if v is None:
                continue
            cell = ws.cell(r, c, v)
            if c == 5:
                cell.number_format = "0%"
            if c == 7:
                cell.number_format = "yyyy-mm-dd"
    ws.merge_cells("B4:B6")
    ws.cell(9, 1, FOOTER1)
    ws.merge_cells("A9:G9")
    ws.cell(10, 1, FOOTER2[0])
    ws.cell(10, 3, FOOTER2[1])
    ws.cell(10, 6, FOOTER2[2])
    fixed = datetime.datetime(2024, 6, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(path)


def write_xls(path):
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    ins = wb.add_sheet("填报说明")
    for i, line in enumerate(INSTRUCTIONS):
        ins.write(i, 0, line)
    ws = wb.add_sheet("台账")
    date_style = xlwt.XFStyle()
    date_style.num_format_str = "yyyy-mm-dd"
    pct = xlwt.XFStyle()
    pct.num_format_str = "0%"
    ws.write_merge(0, 0, 0, 6, TITLE)
    for c, v in enumerate(HEAD1):
        if v is None:
            continue
        if c == 3:
            ws.write_merge(1, 1, 3, 4, v)
        else:
            ws.write_merge(1, 2, c, c, v)
    ws.write(2, 3, HEAD2[3])
    ws.write(2, 4, HEAD2[4])
    for r, row in enumerate(ROWS, 3):
        for c, v in enumerate(row):
            if c == 1 and r == 3:
                ws.write_merge(3, 5, 1, 1, v)
                continue
            if v is None:
                continue
            style = date_style if c == 6 else pct if c == 4 else None
            if style is not None:
                ws.write(r, c, v, style)
            else:
                ws.write(r, c, v)
    ws.write_merge(8, 8, 0, 6, FOOTER1)
    ws.write(9, 0, FOOTER2[0])
    ws.write(9, 2, FOOTER2[1])
    ws.write(9, 5, FOOTER2[2])
    wb.save(path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write_xlsx(os.path.join(out, "2024-05-merged.xlsx"))
    write_xls(os.path.join(out, "2024-05-legacy.xls"))


if __name__ == "__main__":
    main()
