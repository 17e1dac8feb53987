#!/bin/sh
# cli_aqi.sh -- the whole program: `$LANTIAN aqi` on CSV from stdin, both
# kinds (daily, hourly), both standards (HJ633-2012, HJ633-2026), missing
# cells, bad rows, bad headers and options, and CNEMC's real published
# hourly AQI (tests/data/cnemc-sample/).
# Prints "N passed, N failed" last; exits non-zero when a test failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
: "${LANTIAN:=$root/lantian}"
case $LANTIAN in /*) ;; *) LANTIAN=$(pwd)/$LANTIAN ;; esac
LC_ALL=C.UTF-8 TZ=UTC
export LC_ALL TZ

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lt_cli_aqi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
sample=$root/tests/data/cnemc-sample/hourly-nanyang-jiaozuo-zhumadian-2024-01-01T00-T03.csv

ok() { pass=$((pass + 1)); echo "ok   - $1"; }
not_ok() {
	fail=$((fail + 1))
	echo "FAIL - $1: $2"
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] || continue
		echo "    --- $(basename "$f"):"
		head -n 12 "$f" | sed 's/^/    /'
	done
}

# run ARGS... < input: sets $rc; output in $tmp/out, $tmp/err.
run() {
	timeout 20 "$LANTIAN" aqi "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ge 124 ] || grep -q 'Sanitizer' "$tmp/err"; then
		rc=crash
	fi
}

# expect NAME RC EXPECTED-STDOUT-FILE: compare rc and stdout.
expect() {
	if [ "$rc" != "$2" ]; then
		not_ok "$1" "exit $rc, expected $2"
	elif ! cmp -s "$tmp/out" "$3"; then
		not_ok "$1" "stdout differs: $(diff "$3" "$tmp/out" | head -n 6 | tr '\n' '|')"
	else
		ok "$1"
	fi
}

hdr_out=iaqi_so2,iaqi_no2,iaqi_pm10,iaqi_co,iaqi_o3,iaqi_pm25,aqi,level,category,primary_pollutants

# --- help and options ------------------------------------------------------
run --help </dev/null
if [ "$rc" = 0 ] && grep -q 'lantian aqi' "$tmp/out" && grep -q 'HJ633-2026' "$tmp/out"; then
	ok "--help"
else
	not_ok "--help" "exit $rc"
fi
run --standard HJ633-2020 </dev/null
if [ "$rc" = 2 ] && grep -q "^lantian aqi: .*'HJ633-2020'" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "unknown standard: exit 2"; else not_ok "unknown standard" "exit $rc"; fi
run --kind weekly </dev/null
if [ "$rc" = 2 ] && grep -q "^lantian aqi: 未知类型 'weekly'（可用 daily、hourly）" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "unknown kind: exit 2 naming it and the kinds"; else not_ok "unknown kind" "exit $rc"; fi
run --bogus </dev/null
if [ "$rc" = 2 ] && grep -q "^lantian aqi: 无效参数 '--bogus'；见 lantian aqi --help" "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "unknown option: exit 2 naming it"; else not_ok "unknown option" "exit $rc"; fi

# --- daily, both standards -------------------------------------------------
# Row 1: PM10 250 and PM2.5 115 tie at 150 (both standards).
# Row 2: 2012: O3 1 h 250 → 125 is primary; PM2.5 75 → 100, PM10 130 → 90,
#        CO 2.2 → 55 exactly. 2026: O3 1 h not used (iaqi_o3 = O3 8 h 90
#        → 45), PM2.5 75 → 114, PM10 130 → 104.
cat >"$tmp/daily.csv" <<'EOF'
date,so2,no2,pm10,co,o3_1h,o3_8h,pm25
2024-01-01,10,20,250,1,100,80,115
2024-01-02,5,30,130,2.2,250,90,75
EOF
cat >"$tmp/exp" <<EOF
date,so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
2024-01-01,10,20,250,1,100,80,115,10,25,150,25,40,150,150,三级,轻度污染,pm10;pm25
2024-01-02,5,30,130,2.2,250,90,75,5,38,90,55,125,100,125,三级,轻度污染,o3_1h
EOF
run --standard HJ633-2012 --kind daily <"$tmp/daily.csv"
expect "daily HJ633-2012" 0 "$tmp/exp"

cat >"$tmp/exp" <<EOF
date,so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
2024-01-01,10,20,250,1,100,80,115,10,25,150,25,40,150,150,三级,轻度污染,pm10;pm25
2024-01-02,5,30,130,2.2,250,90,75,5,38,104,55,45,114,114,三级,轻度污染,pm25
EOF
run --standard HJ633-2026 --kind daily <"$tmp/daily.csv"
expect "daily HJ633-2026" 0 "$tmp/exp"
run <"$tmp/daily.csv"
expect "defaults: HJ633-2026, daily" 0 "$tmp/exp"
run --standard=HJ633-2026 --kind=daily <"$tmp/daily.csv"
expect "--opt=value spelling" 0 "$tmp/exp"

# Columns in another order, extra and quoted columns passed through
# byte for byte; CRLF input; 2026 needs no o3_1h column.
printf 'pm25,"站点, 名称",o3_8h,co,pm10,no2,so2\r\n35.5,"A站,""东""",801,2.25,0,0,0\r\n' >"$tmp/in"
cat >"$tmp/exp" <<EOF
pm25,"站点, 名称",o3_8h,co,pm10,no2,so2,$hdr_out
35.5,"A站,""东""",801,2.25,0,0,0,0,0,0,55,300,52,300,五级,重度污染,o3_8h
EOF
run --standard HJ633-2026 <"$tmp/in"
expect "any column order, quoted pass-through, CRLF, O3 8h > 800 (2026)" 0 "$tmp/exp"

# The same under 2012 needs o3_1h: missing column is an error.
run --standard HJ633-2012 <"$tmp/in"
if [ "$rc" = 1 ] && grep -q "^<stdin>:1: 错误: 缺少列 'o3_1h'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	ok "missing required column"
else
	not_ok "missing required column" "exit $rc"
fi

# O3 8 h above 800 under 2012 takes the O3 1 h IAQI (300 → 150); without
# O3 1 h: a warning, no O3 IAQI, exit 0.
cat >"$tmp/in" <<'EOF'
so2,no2,pm10,co,o3_1h,o3_8h,pm25
1,1,1,0.1,300,900,1
1,1,1,0.1,,900,1
EOF
cat >"$tmp/exp" <<EOF
so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
1,1,1,0.1,300,900,1,1,2,1,3,150,2,150,三级,轻度污染,o3_1h;o3_8h
1,1,1,0.1,,900,1,1,2,1,3,,2,3,一级,优,
EOF
run --standard HJ633-2012 <"$tmp/in"
expect "O3 8h > 800 (2012)" 0 "$tmp/exp"
if grep -q '^<stdin>:3: 警告: o3_8h 超过 800' "$tmp/err"; then ok "O3 8h > 800 without O3 1h: warning"; else not_ok "O3 8h warning" "no warning"; fi

# Round half to even (2026), all-zero row (AQI 1 under 2026, 0 under 2012).
cat >"$tmp/in" <<'EOF'
so2,no2,pm10,co,o3_1h,o3_8h,pm25
0,0,0,0,0,0,0
0,0,0,2.35,0,0,34.5
EOF
cat >"$tmp/exp" <<EOF
so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
0,0,0,0,0,0,0,0,0,0,0,0,0,1,一级,优,
0,0,0,2.35,0,0,34.5,0,0,0,60,0,49,60,二级,良,co
EOF
run --standard HJ633-2026 <"$tmp/in"
expect "2026: rounding half to even, all-zero row is AQI 1" 0 "$tmp/exp"
cat >"$tmp/exp" <<EOF
so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
0,0,0,0,0,0,0,0,0,0,0,0,0,0,一级,优,
0,0,0,2.35,0,0,34.5,0,0,0,59,0,50,59,二级,良,co
EOF
run --standard HJ633-2012 <"$tmp/in"
expect "2012: no rounding, all-zero row is AQI 0" 0 "$tmp/exp"

# --- missing cells ---------------------------------------------------------
cat >"$tmp/in" <<'EOF'
so2,no2,pm10,co,o3_1h,o3_8h,pm25
,,,2.2,,,
,,,,,,
,20,,,,,
EOF
cat >"$tmp/exp" <<EOF
so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
,,,2.2,,,,,,,55,,,55,二级,良,co
,,,,,,,,,,,,,,,,
,20,,,,,,,25,,,,,25,一级,优,
EOF
run --standard HJ633-2012 <"$tmp/in"
expect "missing cells: IAQI empty, AQI from the rest" 0 "$tmp/exp"

# --- bad rows ----------------------------------------------------------------
cat >"$tmp/in" <<'EOF'
so2,no2,pm10,co,o3_1h,o3_8h,pm25
1,2,3,0.4,5,6,7
1,2,abc,0.4,5,6,7
1,2,3,-0.4,5,6,7
1,2,3
1,2,3,0.4,5,6,1.23456
1,2,3,0.4,5,6,8
EOF
cat >"$tmp/exp" <<EOF
so2,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
1,2,3,0.4,5,6,7,1,3,3,10,3,10,10,一级,优,
1,2,3,0.4,5,6,8,1,3,3,10,3,12,12,一级,优,
EOF
run --standard HJ633-2012 <"$tmp/in"
expect "bad rows are skipped, exit 1" 1 "$tmp/exp"
if grep -q "^<stdin>:3: 错误: 列 pm10 的值 'abc' 无效" "$tmp/err" &&
   grep -q "^<stdin>:4: 错误: 列 co 的值 '-0.4' 无效：浓度不能为负数" "$tmp/err" &&
   grep -q "^<stdin>:5: 错误: 有 3 个字段，表头有 7 个" "$tmp/err" &&
   grep -q "^<stdin>:6: 错误: 列 pm25 的值 '1.23456' 无效：小数位数过多" "$tmp/err" &&
   [ "$(grep -c '错误' "$tmp/err")" = 4 ]; then
	ok "bad rows: <stdin>:LINE: 错误: messages"
else
	not_ok "bad row messages" "$(tr '\n' '|' <"$tmp/err")"
fi
run </dev/null
if [ "$rc" = 1 ] && grep -q '^<stdin>.*输入为空' "$tmp/err" && [ ! -s "$tmp/out" ]; then ok "empty input: exit 1"; else not_ok "empty input" "exit $rc"; fi
printf 'so2,no2,pm10,co,o3_1h,o3_8h,pm25\n"1,2\n' >"$tmp/in"
run --standard HJ633-2012 <"$tmp/in"
if [ "$rc" = 1 ] && grep -q '^<stdin>:2: 错误: CSV 格式错误' "$tmp/err"; then ok "unterminated quote"; else not_ok "unterminated quote" "exit $rc"; fi

# --- hourly ------------------------------------------------------------------
# 1 h tables for SO2/NO2/CO/O3, 24 h tables for PM with the 1 h value;
# SO2 1 h > 800: 2012 → IAQI of so2_24h (100 → 75), 2026 → 200.
cat >"$tmp/in" <<'EOF'
so2,so2_24h,no2,pm10,co,o3_1h,o3_8h,pm25
150,20,100,150,5,160,700,75
801,100,20,30,0.5,50,,10
1500,,20,30,0.5,50,,10
EOF
cat >"$tmp/exp" <<EOF
so2,so2_24h,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
150,20,100,150,5,160,700,75,50,50,100,50,50,100,100,二级,良,pm10;pm25
801,100,20,30,0.5,50,,10,75,10,30,5,16,15,75,二级,良,so2
1500,,20,30,0.5,50,,10,,10,30,5,16,15,30,一级,优,
EOF
run --standard HJ633-2012 --kind hourly <"$tmp/in"
expect "hourly HJ633-2012" 0 "$tmp/exp"
if grep -q '^<stdin>:4: 警告: so2 超过 800' "$tmp/err"; then ok "SO2 > 800 without so2_24h: warning"; else not_ok "SO2 warning" "none"; fi
cat >"$tmp/exp" <<EOF
so2,so2_24h,no2,pm10,co,o3_1h,o3_8h,pm25,$hdr_out
150,20,100,150,5,160,700,75,50,50,112,50,50,114,114,三级,轻度污染,pm25
801,100,20,30,0.5,50,,10,200,10,30,5,16,15,200,四级,中度污染,so2
1500,,20,30,0.5,50,,10,200,10,30,5,16,15,200,四级,中度污染,so2
EOF
run --standard HJ633-2026 --kind hourly <"$tmp/in"
expect "hourly HJ633-2026" 0 "$tmp/exp"

# --- CNEMC's published hourly AQI (2024-01-01, HJ 633-2012) ---------------
# The sample's o3 column is the 1 h value (see its README); pm2_5 is PM2.5.
# Measured: all 64 rows agree (60 with data, 4 of the offline station 1830A
# empty on both sides).
sed '1s/,o3,/,o3_1h,/; 1s/,o3_8h,/,o3_8h_src,/; 1s/,pm2_5,/,pm25,/' "$sample" >"$tmp/in"
run --standard HJ633-2012 --kind hourly --names <"$tmp/in"
if [ "$rc" = 0 ]; then
	# published aqi is field 8, primarypollutant field 7; ours are the
	# last-but-three and the last fields.
	agree=$(awk -F, 'NR > 1 && $8 == $(NF-3) && $7 == $NF { n++ } END { print n + 0 }' "$tmp/out")
	rows=$(awk 'NR > 1' "$tmp/out" | wc -l)
	if [ "$rows" = 64 ] && [ "$agree" = 64 ]; then
		ok "CNEMC sample: 64 of 64 hourly AQI and primary pollutants agree"
	else
		not_ok "CNEMC sample" "$agree of $rows agree"
	fi
else
	not_ok "CNEMC sample" "exit $rc"
fi
# --names quotes a list of several names: tie of PM10 and PM2.5.
printf 'so2,no2,pm10,co,o3_8h,pm25\n10,20,250,1,80,115\n' >"$tmp/in"
run --names <"$tmp/in"
if [ "$rc" = 0 ] && grep -q ',三级,轻度污染,"颗粒物(PM10),细颗粒物(PM2.5)"$' "$tmp/out"; then
	ok "--names: CNEMC names, quoted"
else
	not_ok "--names" "exit $rc"
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
