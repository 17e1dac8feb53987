#!/bin/sh
# cli_monitor_input.sh -- monitoring data as counties receive it, through
# `lantian build` and `lantian check` on a small tree of its own: one area
# (某县, stations 9001A and 9002A) whose folder holds a GB18030 CSV of
# 2024-07-01 (Chinese column names, CRLF) and an .xlsx workbook of
# 2024-07-02 (instructions sheet first, a title row above the header, one
# cell "异常"), both read with templates/layouts/county-station-gb18030.layout,
# and an Excel lock file "~$…" that must be left alone; and a second area
# (某区, 9101A and 9102A) with only daily values (templates/layouts/
# county-daily.layout, tests/data/monitoring/county/county-daily-2024-07.csv,
# copied under the Chinese name a platform gives it).
#
# Expected figures, by hand (HJ 633-2012 IAQI, rounded up):
#   07-01: PM2.5 30 (9001A) and 50 (9002A) all day: area 40 µg/m³; PM10 60,
#          O3 100 -> O3-8h 100; IAQI PM2.5 50+(40-35)*50/40 = 56.25 -> 57,
#          PM10 55, O3-8h 50: AQI 57, 良, primary PM2.5.
#   07-02: PM2.5 60 and 80: area 70; PM10 120 (9001A's hour 01 "异常" is
#          rejected: 23 hours of 120 still give 120); IAQI PM2.5
#          50+(70-35)*50/40 = 93.75 -> 94, PM10 50+(120-50)*50/100 = 85:
#          AQI 94, 良, primary PM2.5.
#   The month: 2 days with data, both valid, both good (优良).
# 某区 from daily values: 07-01 PM2.5 (36+44)/2 = 40 -> 57, PM10 80 -> 65,
#   O3-8h 130 -> 50+30*50/60 = 75: AQI 75, 良, primary O3-8h; 07-02 PM2.5
#   80 (9101A 无效, one of two stations suffices) -> 100+5*50/40 = 106.25
#   -> 107: 轻度污染, primary PM2.5. The month: 2 days, 1 good.
# Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup monitor_input

t=$tmp/tree
mkdir -p "$t/plans/monitoring/county" "$t/templates"
cp -r "$root/templates/layouts" "$t/templates/layouts"
cat >"$t/plans/stations.csv" <<'CSV'
code,name,area,background,longitude,latitude,data,layout,dir
9001A,城关镇,某县,no,112.1,33.1,real,county-station-gb18030,monitoring/county
9002A,工业园区,某县,no,112.2,33.2,real,county-station-gb18030,monitoring/county
9101A,城南,某区,no,112.3,33.3,real,county-daily,monitoring/daily
9102A,开发区,某区,no,112.4,33.4,real,county-daily,monitoring/daily
CSV
mkdir -p "$t/plans/monitoring/daily"
cp "$root/tests/data/monitoring/county/county-daily-2024-07.csv" \
    "$t/plans/monitoring/daily/县站日均值-2024-07.csv"

python3 - "$root/tests/data/monitoring/county" "$t/plans/monitoring/county" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from make_xlsx import HEADER, write_workbook
out = sys.argv[2]

def end(day, h):  # the end of hour h of 2024-07-day, as the software writes it
    return "2024-07-%02d %02d:00" % (day + (h == 23), (h + 1) % 24)

rows = [",".join(HEADER)]
for code, name, pm25 in (("9001A", "城关镇", 30), ("9002A", "工业园区", 50)):
    for h in range(24):
        rows.append("%s,%s,%s,10,20,60,0.8,100,%d,60,颗粒物(PM2.5)" %
                    (name, code, end(1, h), pm25))
open(out + "/县站小时数据-2024-07-01.csv", "wb").write(
    ("\r\n".join(rows) + "\r\n").encode("gb18030"))

data = [["某县空气自动站小时数据（2024年7月2日）"], [], HEADER]
for code, name, pm25 in (("9001A", "城关镇", 60), ("9002A", "工业园区", 80)):
    for h in range(24):
        pm10 = "异常" if (code, h) == ("9001A", 1) else 120
        data.append([name, code, end(2, h), 10, 20, pm10, 0.8, 100, pm25, 90,
                     "细颗粒物(PM2.5)"])
write_workbook(out + "/县站小时数据-2024-07-02.xlsx", data)
open(out + "/~$县站小时数据-2024-07-02.xlsx", "wb").write(b"\x00lock")
PY

# The CSV really is GB18030, not UTF-8 (else the test proves nothing).
not_utf8() { ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; }
check "the day-1 file is not UTF-8" not_utf8 "$t/plans/monitoring/county/县站小时数据-2024-07-01.csv"

lt "$t" build
check "build succeeds" built_ok
am=$t/output/air/county/2024-07.xml
check "area output written" test -s "$am"

# day DATE: the calendar line of that day in the area output.
day() { grep "<day date=\"$1\"" "$am"; }
day_has() { day "$1" | grep -q -- "$2"; }
check "07-01 (GB18030 CSV): PM2.5 40" day_has 2024-07-01 'pm25="40"'
check "07-01: PM10 60, O3-8h 100" day_has 2024-07-01 'pm10="60" co="0.8" o3_1h="100" o3_8h="100"'
check "07-01: AQI 57, 良, primary PM2.5" day_has 2024-07-01 'aqi="57" level="2" category="良" primary="pm25"'
check "07-02 (.xlsx): PM2.5 70" day_has 2024-07-02 'pm25="70"'
check "07-02: PM10 120 despite the rejected cell" day_has 2024-07-02 'pm10="120"'
check "07-02: AQI 94, 良, primary PM2.5" day_has 2024-07-02 'aqi="94" level="2" category="良" primary="pm25"'
check "07-03: no data" day_has 2024-07-03 'data="no"'
check "month: 2 days with data" has 'kind="month".*days-data="2"' "$am"
check "month: 2 valid days, 2 good" has '<days valid="2" good="2" heavy="0"/>' "$am"
check "station names from the GB18030 file" has 'code="9002A" name="工业园区"' "$am"

both() { grep -q -- "$1" "$tmp/out" "$tmp/err"; }
# The daily area (slug: its folder's name).
dm=$t/output/air/daily/2024-07.xml
dday_has() { grep "<day date=\"$1\"" "$dm" | grep -q -- "$2"; }
check "daily area: output written" has 'area="某区"' "$dm"
check "daily 07-01: PM2.5 40, PM10 80, O3-8h 130" dday_has 2024-07-01 'pm10="80" co="0.8" o3_1h="160" o3_8h="130" pm25="40"'
check "daily 07-01: AQI 75, 良, primary O3-8h" dday_has 2024-07-01 'aqi="75" level="2" category="良" primary="o3_8h"'
check "daily 07-02: PM2.5 80 from one station" dday_has 2024-07-02 'pm25="80"'
check "daily 07-02: AQI 107, 轻度污染, primary PM2.5" dday_has 2024-07-02 'aqi="107" level="3" category="轻度污染" primary="pm25"'
check "daily month: 2 valid days, 1 good" has '<days valid="2" good="1" heavy="0"/>' "$dm"

lt "$t" check
check "check reports the repeated daily row by file:line" \
    both '县站日均值-2024-07.csv:4:.*重复出现（数值相同）'
check "check names the .xlsx sheet and cell of the rejected value" \
    both '工作表“小时数据”单元格 F5（PM10）的值“异常”被剔除：非数值'
check "check names the workbook and row" both '县站小时数据-2024-07-02.xlsx:5:'
check "the lock file is not read" sh -c "! grep -q '~\\\$' '$tmp/out' '$tmp/err'"

# A county file in GB18030 read with a UTF-8 layout: refused with a hint,
# naming the file and line 1.
sed -i '/^encoding/d' "$t/templates/layouts/county-station-gb18030.layout"
lt "$t" check
check "GB18030 without encoding: file:1 and the hint" \
    both '县站小时数据-2024-07-01.csv:1:.*encoding = gb18030'
check "exit status 1" test "$rc" = 1

cli_summary
