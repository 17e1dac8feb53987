#!/bin/sh
# cli_hostile.sh -- `lantian build` on inputs made to hurt: entity bombs
# ("billion laughs", quadratic blowup) and DOCTYPEs in .xlsx ledgers, ZIP
# bombs (honest and lying headers, one part or spread over several),
# element nesting, plan text / plan.conf / commentary / ledger / station
# table linked to /etc/passwd or to a file outside the tree, a 100 MB plan,
# a plan cut inside a UTF-8 character and one with a NUL byte.
#
# Every case asserts: the exit status (1), the Chinese message naming the
# file (exactly once: each error is reported once), a time bound (timeout
# 20 s) and a memory bound (ulimit -v 1 GiB), that "root:x:0:0" appears
# nowhere under output/ (PDFs through pdftotext), and that the outputs of
# the other plan (nanzhao-2024 or xiaye-2023) are byte for byte as before.
# Of the plan that failed it asserts what the reading rule guarantees: the
# text kept as accepted (output/source/<id>.txt) and its source page are
# unchanged. (What else a failed plan keeps is tested where that rule
# lives.)
#
# The bounded runs use $LANTIAN_RELEASE when set (a sanitizer build
# reserves terabytes of address space, so `ulimit -v` cannot bound it);
# the sanitizer build's memory checks of the same readers run in the unit
# suites (test_xmlsafe, test_userfile) and in the fuzz corpus replay.
# Prints "N passed, N failed" last; exits non-zero when a test failed.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup hostile
REL=${LANTIAN_RELEASE:-$LANTIAN}
case $REL in /*) ;; *) REL=$(pwd)/$REL ;; esac

for tool in python3 pdftotext sha256sum timeout; do
	command -v "$tool" >/dev/null ||
	    { not_ok "tool $tool present" "missing (apt-get install poppler-utils python3 coreutils)"; }
done

# ---- the tree: two plans, one area -----------------------------------------
# xiaye-2023 has an .xlsx ledger and no area; nanzhao-2024 has commentary
# and the area 南阳市 (its 2023 and 2024 data: the ledger months and 同比).
t=$tmp/tree
mkdir -p "$t/plans/monitoring"
cp -r "$root/plans/xiaye-2023" "$root/plans/nanzhao-2024" "$t/plans/"
cp -r "$root/plans/monitoring/nanyang" "$t/plans/monitoring/"
rm -f "$t"/plans/monitoring/nanyang/2022-* "$t"/plans/monitoring/nanyang/2025-*
{ head -n 1 "$root/plans/stations.csv"; grep ',monitoring/nanyang$' "$root/plans/stations.csv"; } \
    >"$t/plans/stations.csv"
cp -r "$root/templates" "$root/fonts" "$t/"
find "$t" -type f -exec touch -d '-1 hour' {} +
pristine=$tmp/pristine
cp -r "$t/plans" "$pristine"
outside=$tmp/outside
mkdir -p "$outside"

# bounded ARGS...: lantian ARGS in the tree, at most 20 s and 1 GiB of
# address space; sets $rc and $ms.
bounded() {
	t0=$(date +%s%N)
	(cd "$t" && ulimit -v 1048576 && exec timeout 20 "$REL" "$@") \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}

bounded build -j 2 -q
check "first build of the small tree exits 0" [ "$rc" = 0 ]

# digest PLAN: one hash over every output of PLAN.
digest() {
	(cd "$t/output" && find "xml/$1.xml" "json/$1.json" "source/$1.txt" \
	    "merged/$1" "bulletin/$1" "site/plans/$1" -type f 2>/dev/null |
	    sort | xargs sha256sum | sha256sum | cut -c1-64)
}

# no_passwd: nothing under output/ holds a line of /etc/passwd.
no_passwd() {
	if grep -rlF 'root:x:0:0' "$t/output" >"$tmp/leak" 2>/dev/null; then
		return 1
	fi
	for pdf in $(find "$t/output" -name '*.pdf'); do
		if pdftotext "$pdf" - 2>/dev/null | grep -qF 'root:x:0:0'; then
			echo "$pdf" >>"$tmp/leak"
			return 1
		fi
	done
	return 0
}

# said_once FILE TEXT: exactly one line of stderr names FILE as the place
# of an error and says TEXT.
said_once() {
	[ "$(grep -F -- "$2" "$tmp/err" | grep -cF -- "$1:")" = 1 ] &&
	    grep -F -- "$2" "$tmp/err" | grep -qE -- "^$1(:[0-9]+)*: 错误: "
}

# refused NAME FILE TEXT OTHER FAILED: after a hostile change, a bounded
# build exits 1 within the limits, names FILE with TEXT once, publishes no
# line of /etc/passwd, leaves plan OTHER untouched and keeps FAILED's
# accepted text and source page.
refused() {
	# (check sets $name: these have names of their own)
	case_=$1 file_=$2 text_=$3
	check "$case_: exit 1 (not killed: timeout 20 s, 1 GiB) in ${ms} ms" [ "$rc" = 1 ]
	check "$case_: '$file_: 错误: …$text_' said once" said_once "$file_" "$text_"
	check "$case_: no line of /etc/passwd under output/" no_passwd
	check "$case_: outputs of $4 unchanged" [ "$(digest "$4")" = "$other_before" ]
	check "$case_: accepted text of $5 kept" \
	    cmp -s "$t/output/source/$5.txt" "$tmp/kept"
	check "$case_: source page of $5 unchanged" \
	    cmp -s "$t/output/site/plans/$5/source.html" "$tmp/kept.html"
}

# before OTHER FAILED: remember what must not change.
before() {
	other_before=$(digest "$1")
	cp "$t/output/source/$2.txt" "$tmp/kept"
	cp "$t/output/site/plans/$2/source.html" "$tmp/kept.html"
}

# restore: the pristine inputs back.
restore() {
	rm -rf "$t/plans"
	cp -r "$pristine" "$t/plans"
}

# ---- hostile .xlsx ledgers --------------------------------------------------
# hostile_xlsx KIND OUT: the shipped workbook with one part replaced
# (python3 zipfile; each file a few KB, the bombs about 100 KB).
hostile_xlsx() {
	python3 - "$root/plans/xiaye-2023/ledgers/2023-12.xlsx" "$1" "$2" <<'EOF'
import struct, sys, zipfile
src, kind, out = sys.argv[1:4]
zin = zipfile.ZipFile(src)
parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
head = b'<?xml version="1.0" encoding="UTF-8"?>\n'
ws = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
      b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>'
      b'</sheetData></worksheet>')
SHEET = 'xl/worksheets/sheet1.xml'
pad = lambda n: b'<!--' + b' ' * n + b'-->'
lie = False
if kind == 'laughs':      # 10^9 "lol"s from 10 levels of 10 references
    ents = b'<!ENTITY lol0 "lol">' + b''.join(
        b'<!ENTITY lol%d "%s">' % (i, b'&lol%d;' % (i - 1) * 10) for i in range(1, 10))
    parts[SHEET] = head + b'<!DOCTYPE worksheet [' + ents + b']>' + ws % b'&lol9;'
elif kind == 'quadratic':  # one 200 KB entity referenced 50,000 times
    parts[SHEET] = (head + b'<!DOCTYPE worksheet [<!ENTITY a "' + b'a' * 200000 +
                    b'">]>' + ws % (b'&a;' * 50000))
elif kind == 'doctype':
    parts[SHEET] = head + b'<!DOCTYPE worksheet>' + ws % b'x'
elif kind == 'doctype-utf16':  # no "<!DOCTYPE" byte string to find
    parts[SHEET] = ('<?xml version="1.0" encoding="UTF-16"?>\n'
                    '<!DOCTYPE worksheet [<!ENTITY a "b">]>' +
                    (ws % b'&a;').decode()).encode('utf-16')
elif kind == 'doctype-strings':
    s = parts['xl/sharedStrings.xml']
    i = s.index(b'?>') + 2
    parts['xl/sharedStrings.xml'] = s[:i] + b'<!DOCTYPE sst>' + s[i:]
elif kind == 'deep':
    parts[SHEET] = head + ws % (b'<b>' * 200 + b'</b>' * 200)
elif kind in ('bomb', 'bomb-lie'):  # 100 MB of blanks in about 100 KB
    parts[SHEET] = head + ws % b'x' + pad(100 << 20)
    lie = kind == 'bomb-lie'
elif kind == 'bomb-spread':  # three parts of 15 MB: each under 16 MiB
    # 15 elements of 1 MB of text each, inside the root (libxml2's own
    # guards stop a single run of 10 MB before our budget would)
    mb = b''.join(b'<pad>' + b'a' * (1 << 20) + b'</pad>' for _ in range(15))
    for p in ('xl/sharedStrings.xml', 'xl/styles.xml', SHEET):
        i = parts[p].rindex(b'</')
        parts[p] = parts[p][:i] + mb + parts[p][i:]
else:
    sys.exit('unknown kind ' + kind)
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for n, d in parts.items():
        z.writestr(n, d)
if lie:  # directory and local header say the sheet is 4 KB
    b = bytearray(open(out, 'rb').read())
    real = len(parts[SHEET])
    for sig, off in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
        i = b.find(sig)
        while i >= 0:
            if struct.unpack_from('<I', b, i + off)[0] == real:
                struct.pack_into('<I', b, i + off, 4096)
            i = b.find(sig, i + 4)
    open(out, 'wb').write(b)
EOF
}

xl=plans/xiaye-2023/ledgers/2023-12.xlsx
for kind in laughs quadratic doctype doctype-utf16 doctype-strings deep \
    bomb bomb-lie bomb-spread; do
	case $kind in
	doctype-strings) text="xl/sharedStrings.xml 含 DOCTYPE 声明" ;;
	laughs|quadratic|doctype*) text="xl/worksheets/sheet1.xml 含 DOCTYPE 声明" ;;
	deep) text="xl/worksheets/sheet1.xml 的元素嵌套过深" ;;
	bomb-spread) text="全部部件合计 40 MiB 的上限" ;;
	*) text="xl/worksheets/sheet1.xml 过大（超过 16 MiB）" ;;
	esac
	if ! hostile_xlsx "$kind" "$t/$xl"; then
		not_ok "xlsx $kind: made" "python3 failed"
		continue
	fi
	size=$(wc -c <"$t/$xl")
	before nanzhao-2024 xiaye-2023
	bounded build -j 2
	refused "xlsx $kind ($size bytes)" "$xl" "$text" nanzhao-2024 xiaye-2023
	restore
done

# The same on `lantian check`: refused there too, each error once.
hostile_xlsx laughs "$t/$xl"
bounded check
check "check, billion laughs: exit 1 in ${ms} ms" [ "$rc" = 1 ]
check "check, billion laughs: said once" said_once "$xl" "xlsx 文件中的 xl/worksheets/sheet1.xml 含 DOCTYPE 声明"
restore

# ---- links out of the tree ---------------------------------------------------
link_out() { # FILE TARGET: replace FILE of the tree by a link to TARGET
	rm -f "$t/$1"
	ln -s "$2" "$t/$1"
}
out_msg="是指向发布目录之外的符号链接"

link_out plans/xiaye-2023/plan.txt /etc/passwd
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "plan.txt -> /etc/passwd" plans/xiaye-2023/plan.txt "$out_msg" nanzhao-2024 xiaye-2023
check "plan.txt -> /etc/passwd: no source page grew" \
    sh -c "! find '$t/output' -size +70M | grep -q ."
restore

# A link to a good copy outside: refused by the rule, not by its content.
cp "$pristine/xiaye-2023/plan.txt" "$outside/plan.txt"
link_out plans/xiaye-2023/plan.txt "$outside/plan.txt"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "plan.txt -> a good copy outside the tree" plans/xiaye-2023/plan.txt "$out_msg" nanzhao-2024 xiaye-2023
restore

# A link inside the tree is followed.
mv "$t/plans/xiaye-2023/plan.txt" "$t/plans/xiaye-2023/plan-v1.txt"
ln -s plan-v1.txt "$t/plans/xiaye-2023/plan.txt"
before nanzhao-2024 xiaye-2023
bounded build -j 2
check "plan.txt -> plan-v1.txt in the tree: exit 0" [ "$rc" = 0 ]
check "plan.txt -> plan-v1.txt in the tree: same outputs" [ "$(digest nanzhao-2024)" = "$other_before" ]
check "plan.txt -> plan-v1.txt in the tree: same accepted text" cmp -s "$t/output/source/xiaye-2023.txt" "$tmp/kept"
restore

cp "$pristine/xiaye-2023/plan.conf" "$outside/plan.conf"
link_out plans/xiaye-2023/plan.conf "$outside/plan.conf"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "plan.conf -> a good copy outside the tree" plans/xiaye-2023/plan.conf "$out_msg" nanzhao-2024 xiaye-2023
restore

link_out plans/xiaye-2023/plan.conf /etc/passwd
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "plan.conf -> /etc/passwd" plans/xiaye-2023/plan.conf "$out_msg" nanzhao-2024 xiaye-2023
restore

# Commentary: printed in the bulletin and on the site when it was followed.
link_out plans/nanzhao-2024/commentary/2024-08.md /etc/passwd
before xiaye-2023 nanzhao-2024
bounded build -j 2
refused "commentary -> /etc/passwd" plans/nanzhao-2024/commentary/2024-08.md "$out_msg" xiaye-2023 nanzhao-2024
restore

link_out plans/nanzhao-2024/ledgers/2024-05.csv /etc/passwd
before xiaye-2023 nanzhao-2024
bounded build -j 2
refused "ledger .csv -> /etc/passwd" plans/nanzhao-2024/ledgers/2024-05.csv "$out_msg" xiaye-2023 nanzhao-2024
restore

cp "$pristine/xiaye-2023/ledgers/2023-12.xlsx" "$outside/2023-12.xlsx"
link_out "$xl" "$outside/2023-12.xlsx"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "ledger .xlsx -> a good copy outside the tree" "$xl" "$out_msg" nanzhao-2024 xiaye-2023
restore


# ---- size, truncation, NUL ---------------------------------------------------
# 100 MB, sparse: refused by its size before a byte is read.
truncate -s 100M "$t/plans/xiaye-2023/plan.txt"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "100 MB plan" plans/xiaye-2023/plan.txt "文件过大（104857600 字节，上限 67108864 字节）" nanzhao-2024 xiaye-2023
check "100 MB plan: no output over 70 MB" sh -c "! find '$t/output' -size +70M | grep -q ."
restore

# Cut inside 城 (E5 9F 8E), at the start of a line of its own: after the
# n line ends of the file and one more, line n + 2, column 1.
n=$(wc -l <"$t/plans/xiaye-2023/plan.txt")
printf '\n城' | head -c 3 >>"$t/plans/xiaye-2023/plan.txt"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "plan cut inside a character" plans/xiaye-2023/plan.txt "文件在 UTF-8 字符中间结束" nanzhao-2024 xiaye-2023
check "plan cut inside a character: line and column named" \
    grep -qE "^plans/xiaye-2023/plan.txt:$((n + 2)):1: 错误: 文件在 UTF-8 字符中间结束" "$tmp/err"
restore

# The NUL after 本方案自印发之日起 (9 characters) on line n + 3.
printf '\n五、附则\n本方案自印发之日起\0施行。\n' >>"$t/plans/xiaye-2023/plan.txt"
before nanzhao-2024 xiaye-2023
bounded build -j 2
refused "NUL in plan" plans/xiaye-2023/plan.txt "有 NUL 字节" nanzhao-2024 xiaye-2023
check "NUL in plan: line and column, not a byte offset" \
    grep -qE "^plans/xiaye-2023/plan.txt:$((n + 3)):10: 错误: .*第 $((n + 3)) 行第 10 列有 NUL 字节" "$tmp/err"
restore

# Last: a station table refused fails the area, whose outputs other cases
# compare.
cp "$pristine/stations.csv" "$outside/stations.csv"
link_out plans/stations.csv "$outside/stations.csv"
before xiaye-2023 nanzhao-2024
bounded build -j 2
check "stations.csv -> outside: exit 1 in ${ms} ms" [ "$rc" = 1 ]
check "stations.csv -> outside: said" grep -qF "plans/stations.csv: 错误: $out_msg" "$tmp/err"
check "stations.csv -> outside: no line of /etc/passwd" no_passwd
check "stations.csv -> outside: xiaye-2023 (no area) unchanged" [ "$(digest xiaye-2023)" = "$other_before" ]
restore

# ---- the build's own outputs read back ---------------------------------------
# output/ is a folder anyone with the tree can write to: the site reads the
# model back from it, and a DOCTYPE there (where entity bombs live) is
# refused as in any user's file, before its entities are read.
cp "$t/output/xml/units.xml" "$tmp/units.xml.keep"
python3 - "$t/output/xml/units.xml" <<'PY'
import sys
p = sys.argv[1]
t = open(p, encoding='utf-8').read()
ents = '<!ENTITY lol "lol">' + ''.join(
    '<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10)
    for i in range(1, 10))
i = t.index('?>') + 2
open(p, 'w', encoding='utf-8').write(t[:i] + '<!DOCTYPE units [' + ents + ']>' + t[i:])
PY
bounded site
check "site over an output with a billion-laughs DOCTYPE: exit 1 in ${ms} ms" [ "$rc" = 1 ]
check "site over an output with a DOCTYPE: refused by name" \
	grep -qF "xml/units.xml: 错误: XML 含文档类型声明（DOCTYPE）" "$tmp/err"
cp "$tmp/units.xml.keep" "$t/output/xml/units.xml"

# ---- back to the inputs of the first build -----------------------------------
bounded build -j 2
check "after all: the tree builds again (exit 0)" [ "$rc" = 0 ]

cli_summary
