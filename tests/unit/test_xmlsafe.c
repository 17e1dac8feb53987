/*
 * test_xmlsafe.c -- XML from user files (xmlsafe.h): a DOCTYPE is refused
 * in every spelling before an entity is read, entity bombs cost nothing,
 * no entity or XInclude reaches outside, and the size and depth limits
 * hold at their edges. Expected messages
 * are the module's contract (file named, part named, Chinese).
 */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "lt_test.h"
#include "util.h"
#include "xmlsafe.h"

#define FILE_ "ledgers/2024-05.xlsx"
#define PART "xl/worksheets/sheet1.xml"

static double
now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Parse as an xlsx part; returns the document (or NULL). */
static xmlDocPtr
part(const char *xml, size_t len, const struct xmlsafe_limits *lim,
    struct diag_list *dl)
{
	return xmlsafe_parse(xml, len, FILE_, "xlsx", PART, lim, dl);
}

/* Exactly one diagnostic, an error naming the file with needle in it. */
static void
one_error(const struct diag_list *dl, const char *needle)
{
	ck_assert_uint_eq(dl->n, 1);
	ck_assert_int_eq(dl->v[0].level, DIAG_ERROR);
	ck_assert_str_eq(dl->v[0].file, FILE_);
	ck_assert_msg(strstr(dl->v[0].msg, needle) != NULL,
	    "message '%s' lacks '%s'", dl->v[0].msg, needle);
}

START_TEST(plain_part_parses)
{
	static const char xml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<worksheet xmlns=\"urn:x\"><sheetData><row r=\"1\"><c><v>南召</v>"
	    "</c></row></sheetData></worksheet>";
	struct diag_list dl = { 0 };
	xmlDocPtr doc = part(xml, sizeof xml - 1, NULL, &dl);
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_str_eq((const char *)xmlDocGetRootElement(doc)->name,
	    "worksheet");
	xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((const char *)t, "南召");
	xmlFree(t);
	xmlFreeDoc(doc);
}
END_TEST

START_TEST(doctype_refused)
{
	static const char *const cases[] = {
		"<!DOCTYPE worksheet><worksheet/>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet SYSTEM "
		    "\"file:///etc/passwd\"><worksheet/>",
		"<!DOCTYPE worksheet [<!ENTITY a \"b\">]><worksheet>&a;</worksheet>",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct diag_list dl = { 0 };
		ck_assert_ptr_null(part(cases[i], strlen(cases[i]), NULL, &dl));
		one_error(&dl, "xlsx 文件中的 " PART " 含 DOCTYPE 声明");
		diag_free(&dl);
	}
}
END_TEST

/* The declaration's encoding hides "<!DOCTYPE" from a byte search: the
 * parser's own callback still stops it. */
START_TEST(doctype_in_utf16_refused)
{
	static const char ascii[] = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
	    "<!DOCTYPE w [<!ENTITY a \"b\">]><w>&a;</w>";
	struct buf u = { 0 };
	buf_put(&u, "\xFF\xFE", 2);     /* UTF-16LE BOM */
	for (const char *p = ascii; *p; p++) {
		buf_putc(&u, *p);
		buf_putc(&u, '\0');
	}
	ck_assert_ptr_null(memmem(u.data, u.len, "<!DOCTYPE", 9));
	struct diag_list dl = { 0 };
	ck_assert_ptr_null(part(u.data, u.len, NULL, &dl));
	one_error(&dl, "含 DOCTYPE 声明");
	diag_free(&dl);
	/* Through the low-level entry: the reason is DOCTYPE. */
	enum xmlsafe_why why = XMLSAFE_OK;
	ck_assert_ptr_null(xmlsafe_read(u.data, u.len, "x", XML_PARSE_NOERROR |
	    XML_PARSE_NOWARNING | XML_PARSE_NOENT | XML_PARSE_DTDLOAD, 0, &why));
	ck_assert_int_eq(why, XMLSAFE_DOCTYPE);
	buf_free(&u);
}
END_TEST

/* Billion laughs: 10^9 "lol"s. Refused at once, not expanded. */
START_TEST(billion_laughs_is_cheap)
{
	struct buf x = { 0 };
	buf_puts(&x, "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
	for (int i = 1; i < 10; i++) {
		buf_printf(&x, "<!ENTITY lol%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_printf(&x, "&lol%d;", i - 1);
		buf_puts(&x, "\">");
	}
	buf_puts(&x, "]><lolz>&lol9;</lolz>");
	double t0 = now_s();
	struct diag_list dl = { 0 };
	ck_assert_ptr_null(part(x.data, x.len, NULL, &dl));
	one_error(&dl, "含 DOCTYPE 声明");
	ck_assert_msg(now_s() - t0 < 1.0, "took %.2f s", now_s() - t0);
	diag_free(&dl);
	buf_free(&x);
}
END_TEST

/* Without a DTD an entity reference is an undefined entity (not
 * well-formed), and XInclude is not processed: nothing is read. */
START_TEST(nothing_reaches_outside)
{
	static const char undefined[] = "<w>&passwd;</w>";
	struct diag_list dl = { 0 };
	ck_assert_ptr_null(part(undefined, sizeof undefined - 1, NULL, &dl));
	one_error(&dl, "不是有效的 XML（第 1 行");
	diag_free(&dl);

	static const char xi[] = "<w xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
	    "<xi:include href=\"/etc/passwd\" parse=\"text\"/></w>";
	xmlDocPtr doc = part(xi, sizeof xi - 1, NULL, &dl);
	ck_assert_ptr_nonnull(doc);
	xmlChar *t = xmlNodeGetContent(xmlDocGetRootElement(doc));
	ck_assert_str_eq((const char *)t, "");
	xmlFree(t);
	xmlFreeDoc(doc);
	ck_assert_uint_eq(dl.n, 0);
}
END_TEST

/* Depth: max_depth nested elements pass, one more is refused. */
START_TEST(depth_limit)
{
	const struct xmlsafe_limits lim = { 0, 8 };
	for (int depth = 7; depth <= 9; depth++) {
		struct buf x = { 0 };
		for (int i = 0; i < depth; i++)
			buf_puts(&x, "<a>");
		for (int i = 0; i < depth; i++)
			buf_puts(&x, "</a>");
		struct diag_list dl = { 0 };
		xmlDocPtr doc = part(x.data, x.len, &lim, &dl);
		if (depth <= 8) {
			ck_assert_ptr_nonnull(doc);
			ck_assert_uint_eq(dl.n, 0);
		} else {
			ck_assert_ptr_null(doc);
			one_error(&dl, PART " 的元素嵌套过深（超过 8 层）");
		}
		xmlFreeDoc(doc);
		diag_free(&dl);
		buf_free(&x);
	}
	/* Siblings do not add up: 100 elements side by side at depth 2. */
	struct buf x = { 0 };
	buf_puts(&x, "<r>");
	for (int i = 0; i < 100; i++)
		buf_puts(&x, "<a/>");
	buf_puts(&x, "</r>");
	struct diag_list dl = { 0 };
	xmlDocPtr doc = part(x.data, x.len, &lim, &dl);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	buf_free(&x);
	/* The default is XMLSAFE_MAX_DEPTH. */
	for (int i = 0; i < (int)XMLSAFE_MAX_DEPTH + 1; i++)
		buf_puts(&x, "<a>");
	for (int i = 0; i < (int)XMLSAFE_MAX_DEPTH + 1; i++)
		buf_puts(&x, "</a>");
	ck_assert_ptr_null(part(x.data, x.len, NULL, &dl));
	one_error(&dl, "超过 64 层");
	diag_free(&dl);
	buf_free(&x);
}
END_TEST

START_TEST(size_limits)
{
	static const char xml[] = "<w>0123456789</w>";   /* 17 bytes */
	const struct xmlsafe_limits at = { 17, 0 }, below = { 16, 0 };
	struct diag_list dl = { 0 };
	xmlDocPtr doc = part(xml, sizeof xml - 1, &at, &dl);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	ck_assert_ptr_null(part(xml, sizeof xml - 1, &below, &dl));
	one_error(&dl, PART " 过大（17 字节，上限 16 字节）");
	diag_free(&dl);
	/* Under the byte limit, a text node libxml2 will not hold whole
	 * (over 10,000,000 bytes, escaped): refused, not taken cut short. */
	struct buf t = { 0 };
	buf_puts(&t, "<w>");
	while (t.len < 11500000)        /* 10.6 MB of text */
		buf_puts(&t, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&amp;");
	buf_puts(&t, "</w>");
	ck_assert_ptr_null(part(t.data, t.len, NULL, &dl));
	one_error(&dl, PART " 中有一段文字过长（超过 10000000 字节）");
	diag_free(&dl);
	buf_free(&t);
	/* The default: XMLSAFE_MAX_BYTES (16 MiB), checked before parsing. */
	struct buf x = { 0 };
	size_t big = XMLSAFE_MAX_BYTES + 1 - 7;
	buf_puts(&x, "<w>");
	buf_grow(&x, big);
	memset(x.data + x.len, 'a', big);
	x.len += big;
	buf_puts(&x, "</w>");
	ck_assert_uint_eq(x.len, XMLSAFE_MAX_BYTES + 1);
	ck_assert_ptr_null(part(x.data, x.len, NULL, &dl));
	one_error(&dl, "上限 16777216 字节");
	diag_free(&dl);
	buf_free(&x);
}
END_TEST

/* A file of its own (no part): no package named, the line of the error. */
START_TEST(plain_file_messages)
{
	static const char bad[] = "<w>\n<a>\n</w>";
	struct diag_list dl = { 0 };
	ck_assert_ptr_null(xmlsafe_parse(bad, sizeof bad - 1, "site.xml",
	    NULL, NULL, NULL, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "site.xml");
	ck_assert_uint_eq(dl.v[0].line, 3);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "不是有效的 XML（第 3 行"));
	ck_assert_ptr_null(strstr(dl.v[0].msg, "文件中的"));
	diag_free(&dl);
	static const char dt[] = "<!DOCTYPE w><w/>";
	ck_assert_ptr_null(xmlsafe_parse(dt, sizeof dt - 1, "site.xml", NULL,
	    NULL, NULL, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "含 DOCTYPE 声明"));
	diag_free(&dl);
	/* Empty input and no root element. */
	ck_assert_ptr_null(xmlsafe_parse("", 0, "site.xml", NULL, NULL, NULL,
	    &dl));
	ck_assert_ptr_null(xmlsafe_parse("<?xml version=\"1.0\"?>", 21,
	    "site.xml", NULL, NULL, NULL, &dl));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 2);
	diag_free(&dl);
}
END_TEST

static Suite *
xmlsafe_suite(void)
{
	Suite *s = suite_create("xmlsafe");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, plain_part_parses);
	tcase_add_test(tc, doctype_refused);
	tcase_add_test(tc, doctype_in_utf16_refused);
	tcase_add_test(tc, billion_laughs_is_cheap);
	tcase_add_test(tc, nothing_reaches_outside);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, size_limits);
	tcase_add_test(tc, plain_file_messages);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(xmlsafe_suite)
