#!/bin/sh
# cli_typeset_scan.sh -- every shipped bulletin held to the typesetting rules of
# issue 12 (tests/typeset_scan.py), from the typesetter's own layout of
# each document (tests/prep/layout_dump builds a copy of the publication
# with the layout observer on):
#   - the line-breaking rules inside table cells: no closing mark at the
#     start of a cell line, no opening mark at its end, no number broken
#     across lines, no header word broken;
#   - table pagination: no table of up to 12 rows split, no split leaving
#     one row alone on either side, every note on the page of its table's
#     last row, no note printed twice.
# The scanner is first shown to catch each breach in a planted layout.
# Uses $LAYOUT_DUMP (build/release/prep/layout_dump). Needs python3.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup typeset
: "${LAYOUT_DUMP:=$root/build/release/prep/layout_dump}"
scan="$here/typeset_scan.py"

if [ ! -x "$LAYOUT_DUMP" ] || ! command -v python3 >/dev/null; then
	echo "cli_typeset.sh: $LAYOUT_DUMP or python3 missing (make cli-tests builds the tool)"
	exit 1
fi

# ---- the scanner catches what it looks for ---------------------------------
mkdir -p "$tmp/planted"
tab=$(printf '\t')
cat >"$tmp/planted/bad.layout" <<EOF2
D${tab}planted
C${tab}1${tab}1${tab}0${tab}表1 样表
R${tab}1${tab}1${tab}0${tab}H${tab}30
c${tab}0${tab}去年同
c${tab}0${tab}期
R${tab}1${tab}1${tab}1${tab}B${tab}30
c${tab}0${tab}二（一
c${tab}0${tab}）
R${tab}1${tab}1${tab}2${tab}B${tab}30
c${tab}1${tab}≥76.
c${tab}1${tab}5%
R${tab}1${tab}1${tab}3${tab}B${tab}30
c${tab}1${tab}完成（
c${tab}1${tab}95.0%）
R${tab}2${tab}1${tab}4${tab}B${tab}30
N${tab}3${tab}1${tab}备注：一项任务可能有多个责任单位。
C${tab}3${tab}2${tab}0${tab}表2 样表
R${tab}3${tab}2${tab}0${tab}B${tab}30
R${tab}3${tab}2${tab}1${tab}B${tab}30
N${tab}3${tab}2${tab}备注：一项任务可能有多个责任单位。
EOF2
python3 "$scan" "$tmp/planted" >"$tmp/planted.out" 2>&1
rc=$?
check "a planted breach fails the scan" [ "$rc" = 1 ]
check "planted: a header word broken" has "表1第1行第1列表头词被拆开：去年同 / 期" "$tmp/planted.out"
check "planted: ） at a cell line start" has "表1第2行第1列行首禁用字符“）”" "$tmp/planted.out"
check "planted: a number broken at the decimal point" has "表1第3行第2列数字被拆开：≥76. / 5%" "$tmp/planted.out"
check "planted: （ at a cell line end" has "表1第4行第2列行尾禁用字符“（”" "$tmp/planted.out"
check "planted: a 4-row table split" has "表1只有4行，却跨页拆开（3+1）" "$tmp/planted.out"
check "planted: one row alone on a continued page" has "表1在第2页只有1行（3+1）" "$tmp/planted.out"
check "planted: a note torn from its table" has "表1的备注在第3页，表格末行在第2页" "$tmp/planted.out"
check "planted: a note printed twice" has "表2的备注与表1重复" "$tmp/planted.out"
check "planted: the count of problems" has "typeset_scan: 1 documents, 8 problems" "$tmp/planted.out"

# ---- every shipped bulletin -------------------------------------------------
t=$tmp/tree
newtree "$t"
mkdir -p "$tmp/layouts"
"$LAYOUT_DUMP" "$t" "$tmp/layouts" >"$tmp/dump.out" 2>&1
rc=$?
check "the publication builds with the layout observer on" [ "$rc" = 0 ]
npdf=$(find "$t/output/bulletin" -name '*.pdf' | wc -l)
nlay=$(find "$tmp/layouts" -name '*.layout' | wc -l)
one_each() { [ "$npdf" -gt 0 ] && [ "$nlay" = "$npdf" ]; }
check "one layout for each of the $npdf bulletins" one_each
python3 "$scan" "$tmp/layouts" >"$tmp/scan.out" 2>&1
rc=$?
[ "$rc" = 0 ] || head -40 "$tmp/scan.out"
check "every bulletin keeps the line-breaking rules in its cells and the table pagination rules" [ "$rc" = 0 ]
check "the scan read every bulletin" has "typeset_scan: $npdf documents, 0 problems" "$tmp/scan.out"

# Chart text 9 to 10.5 pt, and nothing in a bulletin smaller than 9 pt: the
# height poppler gives a word is the face's line height, 1.0 em for the
# Fandol faces the bulletins are set in (9.0 pt at 9 pt; the Noto CJK
# fallback faces are 1.448 em, so a fallback glyph is held to 6.2 pt only).
small_text() {
	for f in $(find "$t/output/bulletin" -name '*.pdf' | sort); do
		# A chemical subscript (the 2 of SO2, 2.5 of PM2.5) is set
		# smaller on purpose: digits that touch the word before them.
		pdftotext -bbox "$f" - | awk -F'"' -v f="$f" '
		    /<word/ {
			w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
			sub_ = w ~ /^[0-9.]+$/ && $2 - px < 0.6 && $2 - px > -0.6
			if ($8 - $4 < 8.95 && !sub_)
				print f ": " $8 - $4 " pt high: " $0
			px = $6
		    }'
	done
}
small_text >"$tmp/small.out"
[ -s "$tmp/small.out" ] && head -5 "$tmp/small.out"
check "no text under 9 pt in any bulletin (chart labels included)" empty "$tmp/small.out"

cli_summary
