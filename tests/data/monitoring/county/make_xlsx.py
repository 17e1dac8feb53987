#!/usr/bin/env python3
# make_xlsx.py -- writes county-hourly-2024-07-02.xlsx, the .xlsx sample of
# the county station export (the same columns as the GB18030 CSV), by hand
# with zipfile: an instructions sheet first, then the data sheet with a
# title row above the header; text cells inline, numbers as numbers, the
# time as text (as the station software writes it). Deterministic bytes.
# write_workbook() is also used by tests/cli_monitor_input.sh.
import zipfile
from xml.sax.saxutils import escape

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def sheet(rows):
    out = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col(c), r)
            if v is None or v == "":
                continue
            if isinstance(v, (int, float)):
                cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                cells.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
        out.append('<row r="%d">%s</row>' % (r, "".join(cells)))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData>%s</sheetData></worksheet>' % "".join(out))

HEADER = ["站点名称", "站点编码", "监测时间", "SO2(μg/m³)", "NO2(μg/m³)",
          "PM10(μg/m³)", "CO(mg/m³)", "O3(μg/m³)", "PM2.5(μg/m³)", "AQI", "首要污染物"]

RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def write_workbook(path, data, notes=(("填报说明",),)):
    """An instructions sheet 填报说明 (rows notes), then 小时数据 (rows data)."""
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    parts = {
        "[Content_Types].xml": xml +
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="%s"/>'
            '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="%s"/>'
            '</Types>' % (SHEET_TYPE, SHEET_TYPE),
        "_rels/.rels": xml +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>' % RELS,
        "xl/workbook.xml": xml +
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="%s">'
            '<sheets><sheet name="填报说明" sheetId="1" r:id="rId1"/>'
            '<sheet name="小时数据" sheetId="2" r:id="rId2"/></sheets></workbook>' % RELS,
        "xl/_rels/workbook.xml.rels": xml +
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="%s/worksheet" Target="worksheets/sheet2.xml"/>'
            '</Relationships>' % (RELS, RELS),
        "xl/worksheets/sheet1.xml": sheet(notes),
        "xl/worksheets/sheet2.xml": sheet(data),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            zi = zipfile.ZipInfo(name, (2024, 7, 2, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, text.encode("utf-8"))


if __name__ == "__main__":
    write_workbook("county-hourly-2024-07-02.xlsx", [
        ["某县空气自动站小时数据（2024年7月2日）"],
        [],
        HEADER,
        ["城关镇", "9001A", "2024-07-02 01:00", 6, 18, 50, 0.5, 70, 20, 50, "—"],
        ["城关镇", "9001A", "2024-07-02 02:00", 8, 22, "异常", 0.7, 80, 30, 52, "颗粒物(PM10)"],
        ["工业园区", "9002A", "2024-07-02 01:00", 10, 26, 80, 0.9, 60, 45, 65, "细颗粒物(PM2.5)"],
        ["工业园区", "9002A", "2024-07-02 02:00", 12, 30, 90, 1.2, 64, 55, 75, "细颗粒物(PM2.5)"],
    ], [["填报说明"], ["时间为小时段的结束时刻；浓度单位见列名。"]])
