/*
 * test_read_docx.c -- the .docx reader: number formats, Word automatic
 * numbering (style-linked, levels, restarts, overrides), tables with
 * merged cells, what is left out (footnotes, hidden and deleted text, page
 * numbers, drawings), hostile packages (DOCTYPE/XXE, ZIP bombs, truncated
 * and foreign archives), the refusal of .doc/.wps and PDF, and the five
 * shipped plans read from their .docx fixtures giving the same tasks as
 * their text.
 *
 * Packages are built in memory with libzip from the XML written here; the
 * expected lines are what Word shows for that XML (checked by hand against
 * the ECMA-376 rules quoted in read_docx.h).
 */
#include <string.h>

#include <zip.h>

#include "buf.h"
#include "lt_test.h"
#include "plan_parse.h"
#include "read_docx.h"
#include "textload.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

struct part {
	const char *name;
	const char *data;
	size_t len;        /* 0: strlen(data) */
};

/* A ZIP archive of the parts, in memory. */
static void
zip_parts(const struct part *parts, size_t n, struct buf *out)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	ck_assert_ptr_nonnull(src);
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	for (size_t i = 0; i < n; i++) {
		size_t len = parts[i].len ? parts[i].len : strlen(parts[i].data);
		zip_source_t *s = zip_source_buffer(za, parts[i].data, len, 0);
		ck_assert_int_ge(zip_file_add(za, parts[i].name, s, ZIP_FL_ENC_UTF_8), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_open(src), 0);
	ck_assert_int_eq(zip_source_seek(src, 0, SEEK_END), 0);
	zip_int64_t len = zip_source_tell(src);
	ck_assert_int_eq(zip_source_seek(src, 0, SEEK_SET), 0);
	buf_truncate(out, 0);
	buf_grow(out, (size_t)len + 1);
	ck_assert_int_eq(zip_source_read(src, out->data, (zip_uint64_t)len), len);
	out->len = (size_t)len;
	out->data[len] = '\0';
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
}

/* A .docx of a body (the inside of w:body) with optional numbering and
 * styles parts. */
static void
make_docx(const char *body, const char *numbering, const char *styles, struct buf *out)
{
	char *doc = xasprintf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<w:document " W_NS "><w:body>%s</w:body></w:document>", body);
	char *num = numbering ? xasprintf("<w:numbering " W_NS ">%s</w:numbering>", numbering) : NULL;
	char *sty = styles ? xasprintf("<w:styles " W_NS ">%s</w:styles>", styles) : NULL;
	struct part parts[4] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "word/document.xml", doc, 0 },
	};
	size_t n = 2;
	if (num)
		parts[n++] = (struct part){ "word/numbering.xml", num, 0 };
	if (sty)
		parts[n++] = (struct part){ "word/styles.xml", sty, 0 };
	zip_parts(parts, n, out);
	free(doc);
	free(num);
	free(sty);
}

static struct diag_list dl;

/* Read a package; returns the lines joined by LF ("" on failure). */
static char *
read_lines(const struct buf *b, int *ok)
{
	struct plines l = {0};
	memset(&dl, 0, sizeof dl);
	*ok = docx_read("t.docx", b->data, b->len, &l, &dl);
	struct buf s = {0};
	buf_puts(&s, "");
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			buf_putc(&s, '\n');
		buf_puts(&s, l.text[i]);
	}
	plines_free(&l);
	return buf_detach(&s);
}

static char *
lines_of(const char *body, const char *numbering, const char *styles)
{
	struct buf b = {0};
	make_docx(body, numbering, styles, &b);
	int ok;
	char *s = read_lines(&b, &ok);
	ck_assert_msg(ok, "docx_read failed: %s", dl.n ? dl.v[0].msg : "");
	buf_free(&b);
	diag_free(&dl);
	return s;
}

static void
assert_error(const char *part)
{
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_int_eq(dl.v[0].level, DIAG_ERROR);
	ck_assert_str_eq(dl.v[0].file, "t.docx");
	ck_assert_msg(strstr(dl.v[0].msg, part), "message '%s' lacks '%s'", dl.v[0].msg, part);
}

static char *
fmt(const char *f, int n)
{
	struct buf b = {0};
	buf_puts(&b, "");
	docx_format_number(&b, f, n);
	return buf_detach(&b);
}

#define FMT_EQ(f, n, want)                       \
	do {                                     \
		char *s_ = fmt(f, n);            \
		ck_assert_str_eq(s_, want);      \
		free(s_);                        \
	} while (0)

START_TEST(number_formats)
{
	FMT_EQ("decimal", 12, "12");
	FMT_EQ("chineseCountingThousand", 1, "一");
	FMT_EQ("chineseCountingThousand", 10, "十");
	FMT_EQ("chineseCountingThousand", 11, "十一");
	FMT_EQ("chineseCounting", 20, "二十");
	FMT_EQ("chineseCounting", 21, "二十一");
	FMT_EQ("chineseCounting", 105, "一百零五");
	FMT_EQ("chineseCounting", 110, "一百一十");
	FMT_EQ("chineseCounting", 3020, "三千零二十");
	FMT_EQ("ideographDigital", 10, "一〇");
	FMT_EQ("ideographTraditional", 3, "丙");
	FMT_EQ("ideographZodiac", 12, "亥");
	FMT_EQ("decimalEnclosedCircle", 3, "③");
	FMT_EQ("decimalEnclosedCircle", 21, "21");
	FMT_EQ("decimalEnclosedParen", 2, "⑵");
	FMT_EQ("decimalEnclosedFullstop", 1, "⒈");
	FMT_EQ("decimalFullWidth", 15, "１５");
	FMT_EQ("chineseLegalSimplified", 12, "拾贰");
	FMT_EQ("upperRoman", 14, "XIV");
	FMT_EQ("lowerLetter", 27, "aa");
	FMT_EQ("decimalZero", 7, "07");
	FMT_EQ("bullet", 7, "");
	FMT_EQ("someFutureFormat", 7, "7");
}
END_TEST

#define P(text) "<w:p><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PN(num, lvl, text)                                                              \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/>" \
	"</w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define PS(style, text) \
	"<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static const char numbering[] =
    "<w:abstractNum w:abstractNumId=\"7\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/>"
    "<w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/>"
    "<w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%3.\"/><w:lvlRestart w:val=\"0\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
    "<w:lvlText w:val=\"%1.%4\"/><w:isLgl/></w:lvl>"
    "</w:abstractNum>"
    /* nums may come before the abstract they use */
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"9\"/>"
    "<w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"40\"/></w:lvlOverride></w:num>"
    "<w:abstractNum w:abstractNumId=\"9\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"5\"/><w:numFmt w:val=\"decimalEnclosedCircle\"/>"
    "<w:lvlText w:val=\"%1\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"ideographTraditional\"/><w:lvlText w:val=\"%3.\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"7\"/>"
    "<w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"9\"/></w:num>";

static const char styles[] =
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>"
    "<w:style w:type=\"paragraph\" w:styleId=\"H1\"><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style>"
    /* based on H1: takes its list, at its own level */
    "<w:style w:type=\"paragraph\" w:styleId=\"H2\"><w:basedOn w:val=\"H1\"/>"
    "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/></w:numPr></w:pPr></w:style>"
    /* a cycle of basedOn must not hang */
    "<w:style w:type=\"paragraph\" w:styleId=\"Loop\"><w:basedOn w:val=\"Loop\"/></w:style>";

START_TEST(automatic_numbering)
{
	char *s = lines_of(
	    PS("H1", "总体要求")
	    PS("H2", "指导思想")
	    P("正文")
	    PS("H1", "主要任务")
	    PS("H2", "产业结构")     /* level 1 restarts after level 0 */
	    PN(1, 2, "淘汰落后产能")
	    PN(1, 2, "治理散煤")
	    PS("H2", "交通运输")
	    PN(1, 2, "推广新能源车")  /* level 2 never restarts: 3 */
	    PN(1, 3, "细则")          /* isLgl: %1 in decimal */
	    PS("H1", "保障措施")
	    PN(2, 2, "重新编号")       /* new instance, startOverride 1 */
	    PN(1, 2, "共用计数")       /* same abstract: continues at 2 */
	    "<w:p><w:pPr><w:pStyle w:val=\"H1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
	    "</w:pPr><w:r><w:t>不编号</w:t></w:r></w:p>"
	    PN(4, 0, "圈号")          /* start 5, circled */
	    PN(3, 2, "甲乙")          /* override 40 of ideographTraditional: decimal */
	    PS("Loop", "循环样式")
	    PN(99, 0, "未知列表"),
	    numbering, styles);
	ck_assert_str_eq(s,
	    "一、总体要求\n"
	    "（一）指导思想\n"
	    "正文\n"
	    "二、主要任务\n"
	    "（一）产业结构\n"
	    "1.淘汰落后产能\n"
	    "2.治理散煤\n"
	    "（二）交通运输\n"
	    "3.推广新能源车\n"
	    "2.1细则\n"
	    "三、保障措施\n"
	    "1.重新编号\n"
	    "2.共用计数\n"
	    "不编号\n"
	    "⑤圈号\n"
	    "40.甲乙\n"
	    "循环样式\n"
	    "未知列表");
	free(s);
}
END_TEST

/* "1." before a text starting with a digit is kept apart from it, or the
 * plan reader would see the number 1.2024. */
START_TEST(number_before_digit)
{
	char *s = lines_of(PN(1, 2, "2024年6月底前完成"), numbering, NULL);
	ck_assert_str_eq(s, "1. 2024年6月底前完成");
	free(s);
}
END_TEST

START_TEST(tables_and_merged_cells)
{
	char *s = lines_of(
	    P("附表1")
	    "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
	    "<w:tr><w:tc><w:p><w:r><w:t>序号</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:p><w:r><w:t>重点任务</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:p><w:r><w:t>牵头单位</w:t></w:r></w:p></w:tc></w:tr>"
	    /* a section row spanning the table */
	    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
	    "<w:p><w:r><w:t>一、产业结构</w:t></w:r></w:p></w:tc></w:tr>"
	    /* numbered cell; the unit merged down two rows; two paragraphs */
	    "<w:tr><w:tc>" PN(1, 2, "") "</w:tc>"
	    "<w:tc><w:p><w:r><w:t>淘汰产能</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>"
	    "<w:p><w:r><w:t>县发展改革委</w:t></w:r></w:p>"
	    "<w:p><w:r><w:t>县工信局</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc>" PN(1, 2, "") "</w:tc>"
	    "<w:tc><w:p><w:r><w:t>a|b</w:t></w:r></w:p>"
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内表</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:p><w:r><w:t>格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc>"
	    "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>"
	    /* a row starting after one grid column; an empty row is dropped */
	    "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>"
	    "<w:tc><w:p><w:r><w:t>备注</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p/></w:tc></w:tr>"
	    "</w:tbl>"
	    P("正文"),
	    numbering, NULL);
	ck_assert_str_eq(s,
	    "附表1\n"
	    "|序号|重点任务|牵头单位|\n"
	    "|一、产业结构|||\n"
	    "|1.|淘汰产能|县发展改革委 县工信局|\n"
	    "|2.|a｜b 内表 格|县发展改革委 县工信局|\n"
	    "||备注|\n"
	    "正文");
	free(s);
}
END_TEST

START_TEST(left_out)
{
	char *s = lines_of(
	    "<w:p><w:r><w:t xml:space=\"preserve\">加强</w:t></w:r>"
	    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>"
	    "<w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr><w:t>扬尘</w:t></w:r>"
	    "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
	    "<w:ins><w:r><w:t>管控</w:t></w:r></w:ins>"
	    "<w:r><w:footnoteReference w:id=\"1\"/></w:r>"
	    "<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p>"
	    "</w:txbxContent></w:drawing></w:r>"
	    "<w:hyperlink><w:r><w:t>。</w:t></w:r></w:hyperlink></w:p>"
	    /* page-number fields, complex and simple; other fields keep their result */
	    "<w:p><w:r><w:t>—</w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText> PAGE \\* MERGEFORMAT </w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>9</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>—</w:t></w:r>"
	    "<w:fldSimple w:instr=\"NUMPAGES\"><w:r><w:t>12</w:t></w:r></w:fldSimple></w:p>"
	    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
	    "<w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>链接文字</w:t></w:r>"
	    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
	    /* line breaks split lines; a page break and a tab do not */
	    "<w:p><w:r><w:t>第一行</w:t><w:br/><w:t>第二</w:t><w:br w:type=\"page\"/>"
	    "<w:t>行</w:t><w:tab/><w:t>续</w:t></w:r></w:p>"
	    "<w:sdt><w:sdtContent>" P("控件内") "</w:sdtContent></w:sdt>"
	    "<w:sectPr/>",
	    NULL, NULL);
	ck_assert_str_eq(s,
	    "加强扬尘管控。\n"
	    "——\n"
	    "链接文字\n"
	    "第一行\n"
	    "第二行 续\n"
	    "控件内");
	free(s);
}
END_TEST

/* ---- hostile and foreign packages ----------------------------------------- */

static void
expect_refused(const struct buf *b, const char *part)
{
	int ok;
	char *s = read_lines(b, &ok);
	ck_assert_int_eq(ok, 0);
	assert_error(part);
	free(s);
	diag_free(&dl);
}

START_TEST(doctype_refused)
{
	struct buf b = {0};
	/* XXE: an external entity in document.xml */
	struct part parts[] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "word/document.xml", "<?xml version=\"1.0\"?><!DOCTYPE w:document ["
		    "<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><w:document " W_NS ">"
		    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>", 0 },
	};
	zip_parts(parts, 2, &b);
	expect_refused(&b, "DOCTYPE");
	/* billion laughs, with the keyword in lower case */
	parts[1].data = "<?xml version=\"1.0\"?><!doctype lol [<!ENTITY a \"aaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document " W_NS "><w:body>"
	    "<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>";
	zip_parts(parts, 2, &b);
	expect_refused(&b, "DOCTYPE");
	/* in [Content_Types].xml too */
	parts[0].data = "<?xml version=\"1.0\"?><!DOCTYPE Types SYSTEM \"http://x/t.dtd\"><Types/>";
	zip_parts(parts, 2, &b);
	expect_refused(&b, "DOCTYPE");
	buf_free(&b);
}
END_TEST

START_TEST(malformed_xml)
{
	struct buf b = {0};
	struct part parts[] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "word/document.xml", "<w:document " W_NS "><w:body><w:p>", 0 },
	};
	zip_parts(parts, 2, &b);
	expect_refused(&b, "word/document.xml 不是有效的 XML");
	buf_free(&b);
}
END_TEST

/* A part that inflates beyond the limit: refused from the ZIP directory,
 * and, when the directory lies about the size, while inflating. */
START_TEST(zip_bomb)
{
	size_t big = DOCX_MAX_PART + 4096;
	char *zeros = xcalloc(big, 1);
	memset(zeros, ' ', big);
	struct buf b = {0};
	struct part parts[] = {
		{ "[Content_Types].xml", content_types, 0 },
		{ "word/document.xml", zeros, big },
	};
	zip_parts(parts, 2, &b);
	ck_assert_uint_lt(b.len, 1u << 20);     /* it is small packed */
	expect_refused(&b, "解压后过大");
	/* understate the size in the local header and the central directory */
	for (size_t i = 0; i + 46 < b.len; i++) {
		if (!memcmp(b.data + i, "PK\3\4", 4) && !memcmp(b.data + i + 30, "word/document.xml", 17))
			memcpy(b.data + i + 22, "\x00\x10\x00\x00", 4);
		if (!memcmp(b.data + i, "PK\1\2", 4) && !memcmp(b.data + i + 46, "word/document.xml", 17))
			memcpy(b.data + i + 24, "\x00\x10\x00\x00", 4);
	}
	int ok;
	char *s = read_lines(&b, &ok);
	ck_assert_int_eq(ok, 0);
	ck_assert_int_eq(dl.v[0].level, DIAG_ERROR);
	free(s);
	diag_free(&dl);
	free(zeros);
	buf_free(&b);
}
END_TEST

START_TEST(truncated_and_foreign)
{
	struct buf b = {0};
	make_docx(P("一、总体要求"), NULL, NULL, &b);
	struct buf cut = {0};
	buf_put(&cut, b.data, b.len / 2);
	expect_refused(&cut, "找不到 ZIP 目录");
	buf_free(&cut);
	/* an Excel workbook */
	struct part xl[] = {
		{ "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
		    "2006/content-types\"><Override PartName=\"/xl/workbook.xml\" ContentType=\""
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
		    "</Types>", 0 },
		{ "xl/workbook.xml", "<workbook/>", 0 },
	};
	zip_parts(xl, 2, &b);
	expect_refused(&b, "Excel 工作簿");
	/* any other ZIP */
	struct part other[] = { { "readme.txt", "hello", 0 } };
	zip_parts(other, 1, &b);
	expect_refused(&b, "不是 Word 文档");
	/* a document part missing */
	struct part missing[] = { { "[Content_Types].xml", content_types, 0 } };
	zip_parts(missing, 1, &b);
	expect_refused(&b, "缺少 word/document.xml");
	/* no text at all */
	make_docx("<w:p/>", NULL, NULL, &b);
	expect_refused(&b, "没有正文文字");
	buf_free(&b);
}
END_TEST

/* ---- through the plan parser ------------------------------------------------- */

static struct plan *
parse_bytes(const char *path, const char *data, size_t len)
{
	memset(&dl, 0, sizeof dl);
	return plan_parse(path, data, len, NULL, &dl);
}

START_TEST(legacy_formats_refused)
{
	static const char ole2[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0";
	struct plan *p = parse_bytes("t.doc", ole2, sizeof ole2 - 1);
	ck_assert_ptr_null(p);
	ck_assert_str_eq(dl.v[0].file, "t.doc");
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "用 WPS 或 Word 打开后“另存为” .docx 格式再放入"));
	ck_assert_ptr_null(strstr(dl.v[0].msg, "二进制"));
	diag_free(&dl);
	static const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n";
	p = parse_bytes("t.pdf", pdf, sizeof pdf - 1);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "PDF"));
	ck_assert_ptr_null(strstr(dl.v[0].msg, "二进制"));
	diag_free(&dl);
}
END_TEST

/* A small plan as .docx: sections, tasks and units as from its text. */
START_TEST(docx_plan_parses)
{
	struct buf b = {0};
	make_docx(
	    P("某县2024年蓝天保卫战实施方案")
	    PS("H1", "总体要求")
	    P("到2025年，全县PM2.5浓度低于35微克/立方米。")
	    PS("H1", "主要任务")
	    PS("H2", "调整产业结构")
	    PN(1, 2, "淘汰落后产能。2024年6月底前完成整治。（县工业和信息化局牵头）")
	    PN(1, 2, "推进清洁取暖。（县发展改革委负责）"),
	    numbering, styles, &b);
	struct plan *p = parse_bytes("t.docx", b.data, b.len);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert_int_eq(p->format, PLAN_FORMAT_DOCX);
	ck_assert_uint_eq(p->n_sections, 2);
	ck_assert_str_eq(p->sections[1].title, "主要任务");
	ck_assert_uint_eq(p->n_tasks, 2);
	ck_assert_str_eq(p->tasks[0].number, "1");
	ck_assert_str_eq(p->tasks[0].title, "淘汰落后产能");
	ck_assert_str_eq(p->tasks[0].lead.v[0], "县工业和信息化局");
	ck_assert_str_eq(p->tasks[0].deadlines[0].date, "2024-06-30");
	ck_assert_str_eq(p->tasks[1].lead.v[0], "县发展改革委");   /* X负责 alone: the lead */
	plan_free(p);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

static void
assert_same_list(const struct strvec *a, const struct strvec *b, const char *what, const char *num)
{
	ck_assert_msg(a->n == b->n, "task %s %s: %zu vs %zu units", num, what, a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		ck_assert_str_eq(a->v[i], b->v[i]);
}

/* Each shipped plan read from its .docx fixture (numbers by Word automatic
 * numbering, header, footer, footnote, tables) gives the tasks its text
 * gives: numbers, titles, units by role, deadlines; and the attachments. */
START_TEST(shipped_plans_same_as_text)
{
	static const char *const ids[] = { "boai-2023", "nanyang-2024-2025", "nanzhao-2024",
		"xiaye-2023", "xiping-2025" };
	const char *id = ids[_i];
	char rel[256];
	snprintf(rel, sizeof rel, "plans/%s/plan.txt", id);
	struct diag_list dt = {0}, dd = {0};
	struct plan *t = plan_parse_file(lt_path(rel), NULL, &dt);
	snprintf(rel, sizeof rel, "tests/data/docx/%s.docx", id);
	struct plan *d = plan_parse_file(lt_path(rel), NULL, &dd);
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(diag_count(&dd, DIAG_ERROR), 0);
	ck_assert_int_eq(d->format, PLAN_FORMAT_DOCX);
	ck_assert_uint_gt(t->n_tasks, 0);
	ck_assert_uint_eq(d->n_tasks, t->n_tasks);
	ck_assert_uint_eq(d->n_sections, t->n_sections);
	for (size_t i = 0; i < t->n_tasks; i++) {
		const struct task *a = &t->tasks[i], *b = &d->tasks[i];
		ck_assert_str_eq(b->number, a->number);
		ck_assert_str_eq(b->title, a->title);
		assert_same_list(&a->lead, &b->lead, "lead", a->number);
		assert_same_list(&a->cooperating, &b->cooperating, "cooperating", a->number);
		assert_same_list(&a->responsible, &b->responsible, "responsible", a->number);
		ck_assert_uint_eq(b->n_deadlines, a->n_deadlines);
		for (size_t k = 0; k < a->n_deadlines; k++)
			ck_assert_str_eq(b->deadlines[k].date, a->deadlines[k].date);
	}
	ck_assert_uint_eq(d->n_attachments, t->n_attachments);
	for (size_t i = 0; i < t->n_attachments; i++) {
		ck_assert_str_eq(d->attachments[i].title, t->attachments[i].title);
		ck_assert_uint_eq(d->attachments[i].n_rows, t->attachments[i].n_rows);
	}
	plan_free(t);
	plan_free(d);
	diag_free(&dt);
	diag_free(&dd);
}
END_TEST

static Suite *
read_docx_suite(void)
{
	Suite *s = suite_create("read_docx");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, number_formats);
	tcase_add_test(tc, automatic_numbering);
	tcase_add_test(tc, number_before_digit);
	tcase_add_test(tc, tables_and_merged_cells);
	tcase_add_test(tc, left_out);
	tcase_add_test(tc, doctype_refused);
	tcase_add_test(tc, malformed_xml);
	tcase_add_test(tc, zip_bomb);
	tcase_add_test(tc, truncated_and_foreign);
	tcase_add_test(tc, legacy_formats_refused);
	tcase_add_test(tc, docx_plan_parses);
	tcase_add_loop_test(tc, shipped_plans_same_as_text, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(read_docx_suite)
