#!/bin/sh
# cli_typeset.sh -- `lantian typeset DOC.md -o DOC.pdf` (issue 13): a
# Markdown document with front matter (tests/data/typeset/notice.md) set
# as a GB/T 9704 公文. What the standard puts where is checked in the
# extracted text: the 版头 (发文机关标志, 发文字号) and the title on page 1,
# 主送机关 ending in "：", headings numbered 一、 （一） as its levels, the
# Markdown emphasis without asterisks, the 附件说明 numbered with "．",
# the signature and date, the 版记 (抄送 ending in "。", "…印发") on the
# last page; every page carries its "— N —"; the fonts are the pinned
# faces, embedded as subsets; the same input gives the same bytes. Then
# the errors: front matter without its end, a line that is no "键: 值",
# an unknown key (a warning), a missing file, a missing -o, a bad
# SOURCE_DATE_EPOCH. Needs pdftotext, pdfinfo, pdffonts (poppler-utils).
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup typeset
export SOURCE_DATE_EPOCH=1735689600   # 2025-01-01 00:00:00 UTC

for tool in pdftotext pdfinfo pdffonts; do
	if ! command -v $tool >/dev/null; then
		not_ok "$tool present" "missing (Debian: apt-get install poppler-utils)"
		cli_summary
		exit 1
	fi
done

doc=$root/tests/data/typeset/notice.md
pdf=$tmp/notice.pdf

# ---- the document --------------------------------------------------------
lt "$root" typeset "$doc" -o "$pdf"
pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
check "typeset: exit 0, the page count on stderr is the PDF's" \
    exits 0 "notice.pdf：${pages:-X} 页" "$tmp/err"
pdftotext -f 1 -l 1 "$pdf" "$tmp/p1.txt"
pdftotext -f "${pages:-1}" -l "${pages:-1}" "$pdf" "$tmp/last.txt"
pdftotext "$pdf" "$tmp/all.txt"
check "版头: 发文机关标志 on page 1" has '^南阳市大气污染防治攻坚战领导小组办公室$' "$tmp/p1.txt"
check "版头: 发文字号 on page 1" has '^宛环攻坚办〔2024〕3号$' "$tmp/p1.txt"
check "标题 on page 1" has '^关于加强秋冬季大气污染防治工作的通知$' "$tmp/p1.txt"
check "主送机关 ends in '：'" has '^各县（市、区）人民政府，市直有关单位：$' "$tmp/p1.txt"
check "level-1 headings numbered 一、 二、" has '^二、重点任务$' "$tmp/all.txt"
check "level-2 heading numbered （一）" has '^（一）工作目标$' "$tmp/all.txt"
check "emphasis set without asterisks" has '坚持精准治污、科学治污' "$tmp/all.txt"
check "no Markdown asterisk left" lacks '\*' "$tmp/all.txt"
check "a table cell of the body" has '^宛城区$' "$tmp/all.txt"
check "附件说明: the first item after '附件：'" has '附件：1．重点任务清单' "$tmp/all.txt"
check "附件说明: the second item numbered 2．" has '2．联系人名单' "$tmp/all.txt"
same_page() { # the 附件说明 list is kept on one page
	n=1
	while [ "$n" -le "${pages:-0}" ]; do
		pdftotext -f "$n" -l "$n" "$pdf" "$tmp/pg.txt"
		if grep -q '附件：1．' "$tmp/pg.txt"; then
			grep -q '2．联系人名单' "$tmp/pg.txt"
			return
		fi
		n=$((n + 1))
	done
	return 1
}
check "附件说明: both items on one page" same_page
check "成文日期 under the signature" has '^2024年10月8日$' "$tmp/all.txt"
check "版记: 抄送 on the last page, ending in '。'" \
    has '^抄送：市委办公室，市人大常委会办公室。$' "$tmp/last.txt"
check "版记: 印发日期 … 印发 on the last page" has '2024年10月8日印发$' "$tmp/last.txt"
page_numbers() { # every page has its own "— N —"
	n=1
	while [ "$n" -le "${pages:-0}" ]; do
		pdftotext -f "$n" -l "$n" "$pdf" - | grep -q "^— *$n *—$" || return 1
		n=$((n + 1))
	done
	[ "${pages:-0}" -ge 1 ]
}
check "every page numbered '— N —'" page_numbers
pdffonts "$pdf" | tail -n +3 >"$tmp/fonts.txt"
fonts_pinned() { # embedded, subset, and only the pinned families
	[ -s "$tmp/fonts.txt" ] || return 1
	awk '{ if ($(NF-4) != "yes" || $(NF-3) != "yes") exit 1 }' "$tmp/fonts.txt" || return 1
	! grep -v -E '^[A-Z]{6}\+(Fandol(Song|Fang|Hei|Kai)-(Regular|Bold)|NotoSerifCJKsc-Regular|NotoSerifCJKsc-Bold|NotoSansCJKsc-Regular|UKaiCN) ' "$tmp/fonts.txt"
}
check "fonts: only the pinned faces, all embedded as subsets" fonts_pinned
check "fonts: the 公文 faces are used (title FandolSong Bold, body FandolFang)" \
	sh -c "grep -q '+FandolSong-Bold ' '$tmp/fonts.txt' && grep -q '+FandolFang-Regular ' '$tmp/fonts.txt'"
lt "$root" typeset "$doc" -o "$tmp/again.pdf"
check "the same input gives the same bytes" cmp -s "$pdf" "$tmp/again.pdf"

# ---- errors --------------------------------------------------------------
printf -- '---\n标题: 测试\n' >"$tmp/open.md"
lt "$root" typeset "$tmp/open.md" -o "$tmp/open.pdf"
check "front matter without its end: exit 1, file:1 says so" \
    exits 1 'open.md:1: 错误: 前置信息以“---”开始，但没有结束的“---”行' "$tmp/err"
check "front matter without its end: no PDF" absent "$tmp/open.pdf"
printf -- '---\n标题: 测试\n这一行不对\n---\n正文\n' >"$tmp/line.md"
lt "$root" typeset "$tmp/line.md" -o "$tmp/line.pdf"
check "a line that is no '键: 值': exit 1, file:3 names it" \
    exits 1 'line.md:3: 错误: 前置信息的行应为“键: 值”或“- 值”，这里是“这一行不对”' "$tmp/err"
check "a bad line: no PDF" absent "$tmp/line.pdf"
printf -- '---\ntitle: Notice 通知\n颜色: 红\n---\n正文一段。\n' >"$tmp/key.md"
lt "$root" typeset "$tmp/key.md" -o "$tmp/key.pdf"
check "an unknown key: a warning naming file:3, exit 0" \
    exits 0 'key.md:3: 警告: 未知的前置信息键“颜色”' "$tmp/err"
check "an English key (title) is the title" sh -c "pdftotext '$tmp/key.pdf' - | grep -q '^Notice 通知$'"
lt "$root" typeset "$tmp/none.md" -o "$tmp/none.pdf"
check "a missing file: exit 1, named" exits 1 'none.md: 错误: 无法打开文件' "$tmp/err"
lt "$root" typeset "$doc"
check "no -o: exit 2 with the usage" exits 2 '用法 (usage): lantian typeset' "$tmp/err"
lt "$root" typeset --help
check "--help: exit 0, the front matter keys" exits 0 '发文字号' "$tmp/out"
bad_epoch() { (cd "$root" && SOURCE_DATE_EPOCH=soon "$LANTIAN" typeset "$doc" -o "$tmp/e.pdf") 2>"$tmp/err"; rc=$?; exits 2 'SOURCE_DATE_EPOCH 不是有效的秒数' "$tmp/err"; }
check "a bad SOURCE_DATE_EPOCH: exit 2, said" bad_epoch

cli_summary
