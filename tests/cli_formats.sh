#!/bin/sh
# cli_formats.sh -- plans that arrive as Word documents and PDFs, through
# the whole program: `lantian parse` of a .docx fixture (tests/data/docx/,
# built by tests/prep/make_docx.py) and of that .docx printed to PDF
# ($MAKE_PDF, tests/prep/make_pdf.c); a publication whose plan.conf names a
# .docx (check and build read it); and files that must be refused with a
# Chinese message naming the file, nothing on stdout and exit 1, without a
# crash: a legacy .doc/.wps (OLE2), a damaged PDF, a scanned PDF (no text
# layer), a truncated .docx, a .docx with a DOCTYPE (XXE) in document.xml,
# a ZIP bomb.
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup formats
docx=$root/tests/data/docx
: "${MAKE_PDF:=$root/build/release/prep/make_pdf}"

# parse_json FILE KEY: the value of a top-level key of `lantian parse --json`.
json_key() {
	python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

lt "$tmp" parse "$docx/nanzhao-2024.docx" --json
check "parse .docx exits 0" [ "$rc" = 0 ]
check "parse .docx reads it as docx" [ "$(json_key "$tmp/out" format)" = docx ]
check "parse .docx finds the 30 tasks" [ "$(json_key "$tmp/out" task_count)" = 30 ]
check "parse .docx: no error" sh -c "! grep -q ': 错误:' '$tmp/err'"

"$MAKE_PDF" "$docx/nanzhao-2024.docx" "$tmp/nanzhao.pdf"
check "the .docx prints to PDF" [ -s "$tmp/nanzhao.pdf" ]
lt "$tmp" parse "$tmp/nanzhao.pdf" --json
check "parse PDF exits 0" [ "$rc" = 0 ]
check "parse PDF reads it as pdf" [ "$(json_key "$tmp/out" format)" = pdf ]
check "parse PDF finds the 30 tasks" [ "$(json_key "$tmp/out" task_count)" = 30 ]
check "parse PDF: no page number in the output" sh -c "! grep -q '— [0-9]* —' '$tmp/out'"

# refused PATTERN NAME FILE: exit 1, nothing on stdout, the file and the
# reason in the message.
refused() {
	lt "$tmp" parse "$3"
	check "$2: exit 1" [ "$rc" = 1 ]
	check "$2: nothing on stdout" [ ! -s "$tmp/out" ]
	check "$2: message names the file" grep -q "^$3: 错误: " "$tmp/err"
	check "$2: message says $1" grep -q "$1" "$tmp/err"
	check "$2: never called binary" sh -c "! grep -q '二进制' '$tmp/err'"
}

printf '\320\317\021\340\241\261\032\341\000\000\000\000\000\000\000\000' >"$tmp/plan.doc"
cp "$tmp/plan.doc" "$tmp/plan.wps"
refused '另存为” .docx 格式再放入' ".doc" "$tmp/plan.doc"
refused 'WPS（.wps）' ".wps" "$tmp/plan.wps"
printf '%%PDF-1.7\n%%\342\343\317\323\n1 0 obj\n<<>>\nendobj\n' >"$tmp/plan.pdf"
refused 'PDF 文件已损坏' "damaged PDF" "$tmp/plan.pdf"
head -c 5000 "$docx/xiaye-2023.docx" >"$tmp/cut.docx"
refused '找不到 ZIP 目录' "truncated .docx" "$tmp/cut.docx"

python3 - "$tmp" <<'EOF'
import sys, zipfile
d = sys.argv[1]
ct = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
      'officedocument.wordprocessingml.document.main+xml"/></Types>')
xxe = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
with zipfile.ZipFile(d + '/xxe.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('word/document.xml', xxe)
with zipfile.ZipFile(d + '/bomb.docx', 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', ct)
    z.writestr('word/document.xml', b' ' * (40 << 20))
EOF
# a scan: a valid PDF whose page is a picture (here a filled rectangle)
python3 - "$tmp/scan.pdf" <<'EOF'
import sys
objs = [b'<< /Type /Catalog /Pages 2 0 R >>',
        b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>']
body = b'0 g 80 100 400 600 re f'
objs.append(b'<< /Length %d >>\nstream\n%s\nendstream' % (len(body), body))
out = b'%PDF-1.4\n'
offs = []
for i, o in enumerate(objs):
    offs.append(len(out))
    out += b'%d 0 obj\n%s\nendobj\n' % (i + 1, o)
xref = len(out)
out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objs) + 1)
out += b''.join(b'%010d 00000 n \n' % o for o in offs)
out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objs) + 1, xref)
open(sys.argv[1], 'wb').write(out)
EOF
refused '没有文字层' "scanned PDF" "$tmp/scan.pdf"
refused 'DOCTYPE' "DOCTYPE/XXE in document.xml" "$tmp/xxe.docx"
check "DOCTYPE/XXE: no file content leaks" sh -c "! grep -q 'root:' '$tmp/err'"
refused '解压后过大' "ZIP bomb (40 MiB part)" "$tmp/bomb.docx"

# A publication whose plan.conf names a .docx: check and build read it.
t=$tmp/pub
mkdir -p "$t/templates"
cp -r "$root/plans" "$t/plans"
cp -r "$root/templates/layouts" "$t/templates/layouts"
rm "$t/plans/nanzhao-2024/plan.txt"
cp "$docx/nanzhao-2024.docx" "$t/plans/nanzhao-2024/plan.docx"
sed -i 's/^source = plan.txt$/source = plan.docx/' "$t/plans/nanzhao-2024/plan.conf"
check "plan.conf names plan.docx" grep -q '^source = plan.docx$' "$t/plans/nanzhao-2024/plan.conf"
lt "$t" check
check "check with a .docx plan exits 0" [ "$rc" = 0 ]
lt "$t" build -q
check "build with a .docx plan exits 0" [ "$rc" = 0 ]
check "build: the plan's JSON says docx" [ "$(json_key "$t/output/json/nanzhao-2024.json" format)" = docx ]
check "build: the plan's JSON has the 30 tasks" \
    [ "$(json_key "$t/output/json/nanzhao-2024.json" task_count)" = 30 ]

cli_summary
