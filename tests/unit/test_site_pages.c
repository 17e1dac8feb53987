/*
 * test_site_pages.c -- the site's air-quality, bulletin and meta pages
 * (generator/site_air.c, site_bulletins.c, site_meta.c) and the CSV
 * exports (generator/site_data.c): RFC 4180 quoting and the formula guard,
 * CSV made from a merged document, the dependencies of an air page and a
 * bulletin page, an HTML bulletin showing the merged figures, and the Atom
 * feed's well-formedness and ids.
 */
#include "lt_test.h"

#include "buf.h"
#include "site_data.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

/* One CSV row of cells (each first=.. as in a real record). */
static char *
csv_row(const char *const *cells, size_t n)
{
	struct buf b = {0};
	for (size_t i = 0; i < n; i++)
		csv_cell(&b, cells[i], i == 0);
	csv_end_row(&b);
	return buf_detach(&b);
}

START_TEST(csv_quoting)
{
	/* RFC 4180 §2.6-2.7: a field with a comma, quote or line break is
	 * quoted and its quotes doubled; others are left bare. */
	const char *cells[] = {"普通", "a,b", "say \"hi\"", "two\nlines",
	    "cr\rx", "", NULL};
	char *row = csv_row(cells, 7);
	ck_assert_str_eq(row,
	    "普通,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",,\r\n");
	free(row);
}
END_TEST

START_TEST(csv_injection)
{
	/* A cell starting with = + - @ TAB CR is a formula to a
	 * spreadsheet: prefixed with '. */
	const char *cells[] = {"=HYPERLINK(\"http://x\",\"y\")", "+1+2",
	    "安全=文本"};
	char *row = csv_row(cells, 3);
	ck_assert_str_eq(row,
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+2,安全=文本\r\n");
	free(row);

	struct buf b = {0};
	csv_cell(&b, "=1+1", 1);
	ck_assert_str_eq(b.data, "'=1+1");
	buf_truncate(&b, 0);
	csv_cell(&b, "=A1,B1", 1);
	ck_assert_str_eq(b.data, "\"'=A1,B1\"");
	buf_truncate(&b, 0);
	csv_cell(&b, "-2+3", 1);
	ck_assert_str_eq(b.data, "'-2+3");
	buf_truncate(&b, 0);
	csv_cell(&b, "@cmd", 1);
	ck_assert_str_eq(b.data, "'@cmd");
	buf_truncate(&b, 0);
	csv_cell(&b, "+86 123", 1);
	ck_assert_str_eq(b.data, "'+86 123");
	buf_truncate(&b, 0);
	csv_cell(&b, "\tx", 1);
	ck_assert_str_eq(b.data, "'\tx");
	buf_truncate(&b, 0);
	/* A plain negative number is a number, not a formula. */
	csv_cell(&b, "-4.4", 1);
	ck_assert_str_eq(b.data, "-4.4");
	buf_truncate(&b, 0);
	csv_cell(&b, "安全=文本", 1);
	ck_assert_str_eq(b.data, "安全=文本");
	buf_free(&b);

	ck_assert(csv_is_number("12"));
	ck_assert(csv_is_number("-0.5"));
	ck_assert(!csv_is_number("-"));
	ck_assert(!csv_is_number("1."));
	ck_assert(!csv_is_number("-1-1"));
	ck_assert(!csv_is_number(""));
}
END_TEST

/* A merged document with hostile text in a title and a unit. */
static const char merged_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"t\" year=\"2024\" "
    "month=\"8\" as-of=\"2024-08-31\">"
    "<plan><title>测试方案</title><place>测试县</place></plan>"
    "<provenance><label kind=\"sample\">示例数据</label></provenance>"
    "<tasks total=\"2\" ledger-this-month=\"yes\">"
    "<task ref=\"1\" number=\"1\" state=\"late\" state-name=\"逾期\" "
    "percent=\"40.0\" ongoing=\"no\"><title>=cmd|' /C calc'!A0, \"引号\""
    "</title><units><unit role=\"lead\" ref=\"u1\">县生态环境局</unit>"
    "<unit role=\"lead\" ref=\"u2\">县公安局</unit>"
    "<unit role=\"cooperating\" ref=\"u3\">@各乡镇</unit></units>"
    "<deadline date=\"2024-06-30\" kind=\"final\" passed=\"yes\" "
    "line=\"3\">2024年6月底前</deadline>"
    "<status deadline=\"2024-06-30\" undated=\"no\" overdue=\"yes\" "
    "days-overdue=\"62\" due-soon=\"no\" stages-passed=\"0\" "
    "done-late=\"no\"/></task>"
    "<task ref=\"2\" number=\"2\" state=\"done\" state-name=\"已完成\" "
    "percent=\"100.0\" ongoing=\"no\"><title>普通任务</title>"
    "<status undated=\"yes\" overdue=\"no\" due-soon=\"no\" "
    "stages-passed=\"0\" done-late=\"no\"/></task>"
    "</tasks></merged>\n";

START_TEST(csv_tasks)
{
	xmlDoc *doc = xmlReadMemory(merged_fixture, sizeof merged_fixture - 1,
	    "m.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	struct buf b = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(site_csv_tasks(doc, &b, &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	/* BOM, header, two rows, CRLF each. */
	ck_assert(strncmp(b.data, "\xEF\xBB\xBF编号,任务,状态,", 22) == 0);
	ck_assert_ptr_nonnull(strstr(b.data,
	    "\r\n1,\"'=cmd|' /C calc'!A0, \"\"引号\"\"\",逾期,40.0,"
	    "县生态环境局、县公安局,'@各乡镇,2024-06-30,2024年6月底前,是,62,"
	    "示例数据\r\n"));
	ck_assert_ptr_nonnull(strstr(b.data,
	    "\r\n2,普通任务,已完成,100.0,,,,,否,,示例数据\r\n"));
	buf_free(&b);
	diag_free(&dl);

	/* Not a merged document: refused with a message. */
	xmlDoc *other = xmlReadMemory("<x/>", 4, "x.xml", NULL, 0);
	ck_assert_int_eq(site_csv_tasks(other, &b, &dl), 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	buf_free(&b);
	diag_free(&dl);
	xmlFreeDoc(other);
	xmlFreeDoc(doc);
}
END_TEST

static Suite *
site_pages_suite(void)
{
	Suite *s = suite_create("site_pages");
	TCase *tc = tcase_create("csv");
	tcase_add_test(tc, csv_quoting);
	tcase_add_test(tc, csv_injection);
	tcase_add_test(tc, csv_tasks);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(site_pages_suite)
