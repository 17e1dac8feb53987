/*
 * test_site_pages.c -- the site's air-quality, bulletin and meta pages
 * (generator/render/site/site_air.c, site_bulletins.c, site_meta.c) and the CSV
 * exports (generator/render/site/site_data.c): RFC 4180 quoting and the formula guard,
 * CSV made from a merged document, the dependencies of an air page and a
 * bulletin page, an HTML bulletin showing the merged figures, and the Atom
 * feed's well-formedness and ids.
 */
#include "lt_test.h"
#include "lt_fonts.h"

#include "buf.h"
#include "fsutil.h"
#include "site.h"
#include "site_data.h"
#include "site_meta.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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


/* ---- pages over a small publication ---------------------------------- */

static char root[] = "/tmp/lt-sitepages-XXXXXX";

static void
put(const char *rel, const char *text)
{
	char path[512], dir[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	snprintf(dir, sizeof dir, "%s", path);
	*strrchr(dir, '/') = '\0';
	ck_assert_int_eq(fs_mkdir_p(dir), 0);
	ck_assert_int_eq(fs_write_atomic(path, text, strlen(text)), 0);
}

static const char plan_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"urn:lantian:plan:1\" id=\"t\"><meta><title>测试方案"
    "</title><place>测试县</place></meta></plan>\n";

/* The merged fixture above plus air figures (the task title carries
 * markup that must come out as text). */
static const char merged_air_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"t\" year=\"2024\" "
    "month=\"8\" as-of=\"2024-08-31\">"
    "<plan><title>测试方案</title><place>测试县</place></plan>"
    "<provenance><label kind=\"simulated\">模拟数据，仅供演示</label>"
    "</provenance>"
    "<tasks total=\"2\" ledger-this-month=\"yes\">"
    "<counts unreported=\"0\" not-started=\"0\" in-progress=\"0\" done=\"1\" "
    "late=\"1\" overdue=\"7\" due-soon=\"0\" done-late=\"0\" undated=\"1\"/>"
    "<task ref=\"1\" number=\"1\" state=\"late\" state-name=\"滞后\" "
    "percent=\"40.0\" ongoing=\"no\"><title>&lt;script&gt;alert(1)&lt;/script&gt;"
    "\"&gt;&lt;img onerror=x&gt;</title><units><unit role=\"lead\" "
    "ref=\"u000000000001\">县生态环境局</unit></units>"
    "<deadline date=\"2024-06-30\" kind=\"final\" passed=\"yes\" "
    "line=\"3\">2024年6月底前</deadline>"
    "<status deadline=\"2024-06-30\" undated=\"no\" overdue=\"yes\" "
    "days-overdue=\"62\" due-soon=\"no\" stages-passed=\"0\" "
    "done-late=\"no\"/></task>"
    "</tasks><units/>"
    "<air area=\"测试市\" data=\"yes\">"
    "<period kind=\"month\" from=\"2024-08-01\" to=\"2024-08-31\" days=\"31\" "
    "min-days=\"27\" days-data=\"31\" valid=\"yes\" have-prev=\"yes\">"
    "<figure code=\"pm25\" value=\"37\" valid-days=\"31\" prev=\"41\" "
    "change=\"-9.8\"/><composite value=\"3.21\"/>"
    "<days valid=\"31\" good=\"28\" heavy=\"0\" good-ratio=\"90.3\"/>"
    "</period></air><targets/></merged>\n";

static const char index_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<area-index xmlns=\"urn:lantian:air:1\" area=\"测试市\" slug=\"zz\">"
    "<provenance data=\"simulated\"><label kind=\"simulated\">模拟数据，仅供演示"
    "</label></provenance><stations evaluation=\"3\" background=\"0\"/>"
    "<months count=\"2\">"
    "<month ym=\"2023-08\" days-data=\"31\" valid-days=\"31\" valid=\"yes\" "
    "composite=\"3.50\" pm25=\"40\" good-ratio=\"80.6\"/>"
    "<month ym=\"2024-08\" days-data=\"31\" valid-days=\"31\" valid=\"yes\" "
    "composite=\"3.21\" pm25=\"37\" good-ratio=\"90.3\"/>"
    "</months></area-index>\n";

static const char month_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<area-month xmlns=\"urn:lantian:air:1\" area=\"测试市\" slug=\"zz\" "
    "year=\"2024\" month=\"8\" as-of=\"2024-08-31\">"
    "<provenance data=\"simulated\"><label kind=\"simulated\">模拟数据，仅供演示"
    "</label></provenance>"
    "<calendar><day date=\"2024-08-01\" data=\"yes\" valid=\"yes\" aqi=\"104\" "
    "level=\"3\" category=\"轻度污染\" primary=\"o3_8h\"/>"
    "<day date=\"2024-08-02\" data=\"no\" valid=\"no\"/></calendar>"
    "<quality-text>数据质量说明：测试</quality-text></area-month>\n";

static void
pub_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(root));
	put("output/xml/t.xml", plan_fixture);
	put("output/merged/t/2024-08.xml", merged_air_fixture);
	put("output/air/zz/index.xml", index_fixture);
	put("output/air/zz/2023-08.xml", month_fixture);
	put("output/air/zz/2024-08.xml", month_fixture);
	put("output/bulletin/t/2024-08.pdf", "%PDF-1.4 fixture\n");
	/* A copy of the templates: a test may add templates/site/site.conf. */
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "cp -R '%.4000s' '%s/templates'",
	    lt_path("templates"), root);
	ck_assert_int_eq(system(cmd), 0);
}

static void
pub_teardown(void)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(root, "/tmp/lt-sitepages-XXXXXX");
}

static int
str_ends_html(const char *p)
{
	size_t n = strlen(p);
	return n > 5 && !strcmp(p + n - 5, ".html");
}

static const struct site_page *
find_page(const struct site_pages *ps, const char *path)
{
	for (size_t i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i].path, path))
			return &ps->v[i];
	ck_abort_msg("no page %s", path);
	return NULL;
}

static int
has_dep(const struct site_page *pg, const char *dep)
{
	for (size_t i = 0; i < pg->n_deps; i++)
		if (!strcmp(pg->deps[i], dep))
			return 1;
	return 0;
}

/* Render path into out; the site and list stay open for the caller. */
static void
render(struct site *s, const struct site_pages *ps, const char *path,
    struct buf *out)
{
	struct diag_list dl = {0};
	const struct site_page *pg = find_page(ps, path);
	ck_assert_ptr_nonnull(pg->render);
	int ok = pg->render(s, pg, out, &dl);
	ck_assert_msg(ok, "%s: %s", path, dl.n ? dl.v[0].msg : "?");
	diag_free(&dl);
}

START_TEST(deps_of_pages)
{
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_msg(s != NULL, "site_open: %s", dl.n ? dl.v[0].msg : "?");
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));

	/* The area page: its index, the latest month and the last month of
	 * each earlier year (for the yearly figures), nothing else. */
	const struct site_page *air = find_page(&ps, "air/zz/index.html");
	ck_assert_uint_eq(air->n_deps, 3);
	ck_assert_str_eq(air->deps[0], "output/air/zz/index.xml");
	ck_assert_str_eq(air->deps[1], "output/air/zz/2024-08.xml");
	ck_assert_str_eq(air->deps[2], "output/air/zz/2023-08.xml");
	const struct site_page *mon = find_page(&ps, "air/zz/2023-08.html");
	ck_assert_uint_eq(mon->n_deps, 1);
	ck_assert_str_eq(mon->deps[0], "output/air/zz/2023-08.xml");

	/* The bulletin: its merged document and the PDF that exists; the
	 * PDF is published as a verbatim copy. */
	const struct site_page *b = find_page(&ps, "bulletins/t/2024-08.html");
	ck_assert_str_eq(b->deps[0], "output/merged/t/2024-08.xml");
	ck_assert(has_dep(b, "output/bulletin/t/2024-08.pdf"));
	ck_assert_uint_eq(b->n_deps, 2);
	const struct site_page *pdf = find_page(&ps, "bulletins/t/2024-08.pdf");
	ck_assert_int_eq(pdf->copy, 1);
	ck_assert_str_eq(pdf->deps[0], "output/bulletin/t/2024-08.pdf");

	/* CSVs read exactly their documents. */
	const struct site_page *csv = find_page(&ps, "data/t/tasks-2024-08.csv");
	ck_assert_uint_eq(csv->n_deps, 1);
	ck_assert_str_eq(csv->deps[0], "output/merged/t/2024-08.xml");
	const struct site_page *daily = find_page(&ps,
	    "data/air/zz/daily-2024.csv");
	ck_assert_uint_eq(daily->n_deps, 1);
	ck_assert_str_eq(daily->deps[0], "output/air/zz/2024-08.xml");
	find_page(&ps, "data/air/zz/daily-2023.csv");
	find_page(&ps, "data/xml/t.xml");

	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

START_TEST(bulletin_shows_merged_figures)
{
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = {0};
	render(s, &ps, "bulletins/t/2024-08.html", &out);
	const char *h = out.data;
	ck_assert(strncmp(h, "<!DOCTYPE html>", 15) == 0);
	ck_assert_ptr_nonnull(strstr(h, "《测试县大气污染防治攻坚战2024年8月工作通报》"));
	/* PM2.5 from the merged document, with its 同比. */
	ck_assert_ptr_nonnull(strstr(h, "平均浓度为37微克/立方米，同比下降9.8%"));
	/* The overdue count of <counts> (7, not the one listed task). */
	ck_assert_ptr_nonnull(strstr(h, "逾期未完成7项"));
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"num overdue-count\">7</td>"));
	/* The overdue task with its days, its title as text. */
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"num\">62</td>"));
	ck_assert_ptr_null(strstr(h, "<script>"));
	ck_assert_ptr_null(strstr(h, "<img onerror"));
	ck_assert_ptr_nonnull(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	/* The PDF beside it, and the provenance label. */
	ck_assert_ptr_nonnull(strstr(h, "href=\"2024-08.pdf\""));
	ck_assert_ptr_nonnull(strstr(h, "模拟数据，仅供演示"));
	buf_free(&out);

	/* The archive links both editions. */
	render(s, &ps, "bulletins/index.html", &out);
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"t/2024-08.html\""));
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"t/2024-08.pdf\""));
	buf_free(&out);

	/* The area page: provenance first, the months, the trend table. */
	render(s, &ps, "air/zz/index.html", &out);
	ck_assert_ptr_nonnull(strstr(out.data, "模拟数据，仅供演示"));
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"2023-08.html\""));
	ck_assert_ptr_nonnull(strstr(out.data, "<caption id=\"t-trend\">2024年与2023年逐月"));
	buf_free(&out);

	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

/* An area whose latest month is January: the year to date is one month. */
static const char jan_index_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<area-index xmlns=\"urn:lantian:air:1\" area=\"一月市\" slug=\"yy\">"
    "<provenance data=\"real\"/><stations evaluation=\"2\" background=\"0\"/>"
    "<months count=\"1\"><month ym=\"2024-01\" days-data=\"31\" "
    "valid-days=\"31\" valid=\"yes\" composite=\"4.00\" pm25=\"45\" "
    "good-ratio=\"70.0\"/></months></area-index>\n";

/* PM2.5 up 12.5% (40 -> 45), SO2 down 10.0% (10 -> 9), the composite
 * unchanged, 优良天数比例 up 2.5 points (67.5 -> 70.0). */
static const char jan_month_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<area-month xmlns=\"urn:lantian:air:1\" area=\"一月市\" slug=\"yy\" "
    "year=\"2024\" month=\"1\" as-of=\"2024-01-31\"><provenance data=\"real\"/>"
    "<period kind=\"month\" days=\"31\" min-days=\"27\" days-data=\"31\" "
    "valid=\"yes\" have-prev=\"yes\">"
    "<figure code=\"so2\" value=\"9\" prev=\"10\" change=\"-10.0\"/>"
    "<figure code=\"pm25\" value=\"45\" prev=\"40\" change=\"12.5\"/>"
    "<composite value=\"4.00\" prev=\"4.00\" change=\"0.0\"/>"
    "<days valid=\"31\" good=\"21\" heavy=\"0\" good-ratio=\"70.0\" "
    "prev-good-ratio=\"67.5\" good-points=\"2.5\"/></period>"
    "<period kind=\"ytd\" days=\"31\" min-days=\"27\" days-data=\"31\" "
    "valid=\"yes\" have-prev=\"yes\">"
    "<figure code=\"so2\" value=\"9\" prev=\"10\" change=\"-10.0\"/>"
    "<figure code=\"pm25\" value=\"45\" prev=\"40\" change=\"12.5\"/>"
    "<composite value=\"4.00\" prev=\"4.00\" change=\"0.0\"/>"
    "<days valid=\"31\" good=\"21\" heavy=\"0\" good-ratio=\"70.0\" "
    "prev-good-ratio=\"67.5\" good-points=\"2.5\"/></period>"
    "<calendar/></area-month>\n";

/* The year before: a whole year, PM2.5 40 (down 5.0%), 优良 60.0%
 * (no figure for the year before it). */
static const char dec_month_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<area-month xmlns=\"urn:lantian:air:1\" area=\"一月市\" slug=\"yy\" "
    "year=\"2023\" month=\"12\" as-of=\"2023-12-31\"><provenance data=\"real\"/>"
    "<period kind=\"ytd\" days=\"365\" min-days=\"324\" days-data=\"365\" "
    "valid=\"yes\" have-prev=\"yes\">"
    "<figure code=\"pm25\" value=\"40\" prev=\"42\" change=\"-5.0\"/>"
    "<composite value=\"3.90\"/>"
    "<days valid=\"365\" good=\"219\" heavy=\"0\" good-ratio=\"60.0\"/>"
    "</period><calendar/></area-month>\n";

/* Issue 16: every 同比 reads as 改善/持平/变差 (lower concentration is
 * better, higher 优良天数比例 is better), and the area page opens with
 * the year to date in one sentence. */
START_TEST(trend_words)
{
	put("output/air/yy/index.xml", jan_index_fixture);
	put("output/air/yy/2024-01.xml", jan_month_fixture);
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = {0};
	render(s, &ps, "air/yy/index.html", &out);
	const char *h = out.data;
	const char *lead = strstr(h, "<p class=\"lead air-lead\">");
	ck_assert_ptr_nonnull(lead);
	/* January alone: 2024年1月, not 1—1月. */
	ck_assert_ptr_nonnull(strstr(lead, "<p class=\"lead air-lead\">2024年1月"
	    "PM2.5平均浓度45微克/立方米，同比<span class=\"trend t-worse\">"
	    "<span aria-hidden=\"true\">↑ </span>上升12.5%，<strong>变差"
	    "</strong></span>；优良天数比例70.0%，同比<span class=\"trend "
	    "t-better\"><span aria-hidden=\"true\">↑ </span>上升2.5个百分点，"
	    "<strong>改善</strong></span>。</p>"));
	/* The lead comes before the first table. */
	ck_assert(lead < strstr(h, "<table"));
	/* In the figures table: a fall of SO2 is 改善, 0.0 is 持平. */
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"trend t-better\">"
	    "<span aria-hidden=\"true\">↓ </span>下降10.0%，<strong>改善"
	    "</strong></span>"));
	ck_assert_ptr_nonnull(strstr(h, "<span class=\"trend t-same\">"
	    "<span aria-hidden=\"true\">→ </span>持平</span>"));
	ck_assert_ptr_null(strstr(h, "1—1月"));
	/* One year only: no yearly figures. */
	ck_assert_ptr_null(strstr(h, "逐年空气质量"));
	buf_free(&out);

	/* With December 2023 there are two years: each year's row from its
	 * last month's year to date, newest first, and bars scaled to the
	 * highest (45 -> 160 units, 40 -> 142). */
	put("output/air/yy/2023-12.xml", dec_month_fixture);
	site_pages_free(&ps);
	site_close(s);
	struct fonts *f = lt_fonts_open();
	s = site_open(root, f, &dl);
	ck_assert_ptr_nonnull(s);
	ck_assert(site_enumerate(s, &ps, &dl));
	render(s, &ps, "air/yy/index.html", &out);
	h = out.data;
	const char *y24 = strstr(h, "<th scope=\"row\" class=\"year\">2024年<span class=\"part\">（1月）</span></th>"
	    "<td class=\"num\">45</td>");
	const char *y23 = strstr(h, "<th scope=\"row\" class=\"year\">2023年</th>"
	    "<td class=\"num\">40</td><td><span class=\"trend t-better\">"
	    "<span aria-hidden=\"true\">↓ </span>下降5.0%，<strong>改善"
	    "</strong></span></td><td class=\"num\">3.90</td>"
	    "<td class=\"num\">60.0%</td><td>—</td>");
	ck_assert_ptr_nonnull(y24);
	ck_assert_ptr_nonnull(y23);
	ck_assert(y24 < y23);
	ck_assert_ptr_nonnull(strstr(h, "<rect x=\"22\" y=\"48\" width=\"46\" "
	    "height=\"142\""));
	ck_assert_ptr_nonnull(strstr(h, "<rect x=\"92\" y=\"30\" width=\"46\" "
	    "height=\"160\""));
	buf_free(&out);
	site_pages_free(&ps);
	site_close(s);
	lt_fonts_close(f);

	/* Without fonts (--no-charts): the yearly table, no chart. */
	s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	ck_assert(site_enumerate(s, &ps, &dl));
	render(s, &ps, "air/yy/index.html", &out);
	ck_assert_ptr_nonnull(strstr(out.data, "2023年</th>"));
	ck_assert_ptr_null(strstr(out.data, "years-chart"));
	buf_free(&out);

	/* The bulletin's table: PM2.5 down 9.8% is 改善. */
	render(s, &ps, "bulletins/t/2024-08.html", &out);
	ck_assert_ptr_nonnull(strstr(out.data, "<td><span class=\"trend "
	    "t-better\"><span aria-hidden=\"true\">↓ </span>下降9.8%，"
	    "<strong>改善</strong></span></td>"));
	buf_free(&out);
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

/* Two areas ranked for August 2024: one ranking per period, a tie, and an
 * area left out of a ranking. */
static const char ranking_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<ranking-month xmlns=\"urn:lantian:air:1\" year=\"2024\" month=\"8\" "
    "areas=\"2\"><provenance><label kind=\"simulated\">模拟数据，仅供演示"
    "</label></provenance>"
    "<note kind=\"method\">排名方法说明&lt;b&gt;</note>"
    "<note kind=\"ties\">并列规则说明</note>"
    "<areas><area name=\"测试市\" slug=\"zz\"/><area name=\"乙市\" "
    "slug=\"yy\"/></areas>"
    "<ranking by=\"pm25\" period=\"month\" title=\"PM2.5 平均浓度（本月）\">"
    "<row area=\"测试市\" slug=\"zz\" key=\"37\" rank=\"1\" tied=\"yes\" "
    "place=\"并列第 1 位\"/><row area=\"乙市\" slug=\"yy\" key=\"37\" "
    "rank=\"1\" tied=\"yes\" place=\"并列第 1 位\"/></ranking>"
    "<ranking by=\"pm25-change\" period=\"ytd\" title=\"PM2.5 浓度同比改善"
    "幅度（年累计）\"><row area=\"乙市\" slug=\"yy\" key=\"-4.3\" rank=\"1\" "
    "tied=\"no\" place=\"第 1 位\"/></ranking></ranking-month>\n";

/* Issue 16: the rankings the build computes are on air/index.html, with
 * their method. */
START_TEST(rankings_on_air_list)
{
	put("output/air/ranking/2024-07.xml", "<broken");
	put("output/air/ranking/2024-08.xml", ranking_fixture);
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	/* Only the latest month's rankings are read. */
	ck_assert(has_dep(find_page(&ps, "air/index.html"),
	    "output/air/ranking/2024-08.xml"));
	ck_assert(!has_dep(find_page(&ps, "air/index.html"),
	    "output/air/ranking/2024-07.xml"));
	struct buf out = {0};
	render(s, &ps, "air/index.html", &out);
	const char *h = out.data;
	ck_assert_ptr_nonnull(strstr(h, "<h2 id=\"rank-h\">2024年8月各地区排名</h2>"));
	ck_assert_ptr_nonnull(strstr(h, "<caption>2024年8月各地区排名"));
	ck_assert_ptr_nonnull(strstr(h, "<caption>2024年1—8月累计各地区排名"));
	ck_assert_ptr_nonnull(strstr(h, "<th scope=\"col\">PM2.5 平均浓度</th>"));
	ck_assert_ptr_nonnull(strstr(h, "<td>并列第 1 位（37）</td>"));
	ck_assert_ptr_nonnull(strstr(h, "<td>第 1 位（-4.3%）</td>"));
	/* 测试市 has no place in the ytd ranking. */
	ck_assert_ptr_nonnull(strstr(h, "<td>不参加排名</td>"));
	ck_assert_ptr_nonnull(strstr(h, "排名方法说明&lt;b&gt;"));
	ck_assert_ptr_nonnull(strstr(h, "并列规则说明"));
	ck_assert_ptr_nonnull(strstr(h, "模拟数据，仅供演示"));
	buf_free(&out);
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

/* Issue 16: the state tiles are one partition of the tasks; 逾期 and
 * 即将到期 cut across it and are labelled 其中 (the fixture: 2 tasks,
 * 1 done and 1 late; 7 overdue, 0 due soon). */
START_TEST(counts_partition_and_overlays)
{
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = {0};
	render(s, &ps, "plans/t/index.html", &out);
	const char *h = out.data;
	ck_assert_ptr_nonnull(strstr(h, "<div><dt>任务</dt><dd>2</dd></div>"));
	ck_assert_ptr_nonnull(strstr(h, "<dt>已完成</dt><dd>1</dd>"));
	ck_assert_ptr_nonnull(strstr(h, "<dt>滞后</dt><dd>1</dd>"));
	ck_assert_ptr_null(strstr(h, "<dt>逾期</dt>"));
	ck_assert_ptr_nonnull(strstr(h, "<p class=\"counts-of\">其中：<span "
	    "class=\"overdue-count\">逾期 7 项</span>，即将到期 0 项。</p>"));
	buf_free(&out);

	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

/* A second plan v whose ledger counts unit u1 (3 done, 2 overdue); plan
 * t's merged document says nothing of it. */
static const char plan_v_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<plan xmlns=\"urn:lantian:plan:1\" id=\"v\"><meta><title>乙方案"
    "</title><place>乙县</place></meta></plan>\n";
static const char merged_v_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"v\" year=\"2024\" "
    "month=\"8\" as-of=\"2024-08-31\"><plan><title>乙方案</title></plan>"
    "<tasks total=\"2\"><counts unreported=\"0\" not-started=\"0\" "
    "in-progress=\"0\" done=\"0\" late=\"0\" overdue=\"0\" due-soon=\"0\"/>"
    "<task ref=\"1\" number=\"1\" state=\"in-progress\" state-name=\"推进中\">"
    "<title>一</title><units><unit role=\"lead\" ref=\"u00000000000a\">甲局"
    "</unit><unit role=\"cooperating\" ref=\"u00000000000c\">丙办</unit>"
    "</units><reports ym=\"2024-08\"><report unit=\"丙办\" state=\"done\" "
    "date=\"2024-08-20\"><text>丙办的报告</text></report><report "
    "unit=\"甲局\" state=\"in-progress\" date=\"2024-08-28\"><text>"
    "甲局的报告&lt;i&gt;</text></report></reports></task>"
    "</tasks><units><unit ref=\"u00000000000a\" name=\"甲局\" tasks=\"2\" "
    "lead=\"1\" done=\"3\" overdue=\"2\"/></units><targets/></merged>\n";
static const char units_fixture[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<units xmlns=\"urn:lantian:units:1\" count=\"2\">"
    "<unit id=\"u00000000000a\"><name>甲局</name><printed>甲局</printed>"
    "<ref plan=\"t\" task=\"1\" ordinal=\"1\" role=\"lead\">一</ref>"
    "<ref plan=\"v\" task=\"1\" ordinal=\"1\" role=\"lead\">一</ref>"
    "<ref plan=\"v\" task=\"2\" ordinal=\"2\" role=\"cooperating\">二</ref>"
    "</unit>"
    "<unit id=\"u00000000000b\"><name>&lt;b&gt;乙所</name><printed>乙所</printed>"
    "<ref plan=\"t\" task=\"1\" ordinal=\"1\" role=\"cooperating\">一</ref>"
    "</unit></units>\n";

/* Issue 16: units/index.html, every unit with its tasks, lead, done and
 * overdue across plans and per plan; overdue first. */
START_TEST(units_index)
{
	put("output/xml/v.xml", plan_v_fixture);
	put("output/merged/v/2024-08.xml", merged_v_fixture);
	put("output/xml/units.xml", units_fixture);
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	const struct site_page *pg = find_page(&ps, "units/index.html");
	ck_assert(has_dep(pg, "output/xml/units.xml"));
	ck_assert(has_dep(pg, "output/merged/v/2024-08.xml"));
	struct buf out = {0};
	render(s, &ps, "units/index.html", &out);
	const char *h = out.data;
	/* Across plans: 甲局 3 tasks, 2 led, 3 done and 2 overdue (plan v's
	 * ledger; plan t's says nothing of it), before 乙所. */
	const char *a = strstr(h, "<th scope=\"row\"><a href=\"u00000000000a.html\">"
	    "甲局</a></th><td class=\"num\">3</td><td class=\"num\">2</td>"
	    "<td class=\"num\">3</td><td class=\"num overdue-count\">2</td>");
	const char *b = strstr(h, "<a href=\"u00000000000b.html\">&lt;b&gt;乙所</a>");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(a < b);
	/* Per plan: in t, 甲局 leads 1 task and t has no count for it. */
	const char *t = strstr(h, "<h2 id=\"u-t\">");
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(strstr(t, "甲局</a></th><td class=\"num\">1</td>"
	    "<td class=\"num\">1</td><td class=\"num\">—<span class=\"vh\">"
	    "（尚无台账）</span></td>"));
	ck_assert_ptr_null(strstr(h, "<b>"));
	buf_free(&out);

	/* 甲局's page leads with its overdue task (plan t's task 1, 62 days
	 * overdue), before the per-plan lists; 乙所 has it too (cooperating). */
	render(s, &ps, "units/u00000000000a.html", &out);
	h = out.data;
	const char *att = strstr(h, "<h2 id=\"att-h\">逾期和即将到期的任务</h2>");
	const char *row = strstr(h, "<tr><td><span class=\"od\">已逾期62天</span></td>"
	    "<th scope=\"row\"><a href=\"../plans/t/tasks/1.html\">一</a></th>"
	    "<td>测试方案</td><td>牵头</td></tr>");
	ck_assert_ptr_nonnull(att);
	ck_assert_ptr_nonnull(row);
	ck_assert(att < row);
	ck_assert(row < strstr(h, "<h2 id=\"p-t\">"));
	/* In plan v its own latest report, not 丙办's; plan t's task has no
	 * report from it. */
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"unit-report\">2024年8月28日："
	    "甲局的报告&lt;i&gt;</td>"));
	ck_assert_ptr_null(strstr(h, "丙办的报告"));
	ck_assert_ptr_nonnull(strstr(h, "<td class=\"unit-report\">本月无本单位报告</td>"));
	buf_free(&out);
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

static const char *
elem_text(xmlNode *n, const char *name)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    !strcmp((const char *)c->name, name))
			return (const char *)(c->children ?
			    c->children->content : NULL);
	return NULL;
}

START_TEST(atom_feed)
{
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = {0}, again = {0};
	render(s, &ps, "feed.xml", &out);
	render(s, &ps, "feed.xml", &again);
	ck_assert_str_eq(out.data, again.data);

	xmlDoc *doc = xmlReadMemory(out.data, (int)out.len, "feed.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	ck_assert_msg(doc != NULL, "feed.xml is not well-formed");
	xmlNode *feed = xmlDocGetRootElement(doc);
	ck_assert_str_eq((const char *)feed->name, "feed");
	ck_assert_str_eq((const char *)feed->ns->href,
	    "http://www.w3.org/2005/Atom");
	/* Required feed elements (RFC 4287 §4.1.1). */
	ck_assert_str_eq(elem_text(feed, "id"), "tag:lantian,2023:bulletins");
	ck_assert_ptr_nonnull(elem_text(feed, "title"));
	ck_assert_str_eq(elem_text(feed, "updated"),
	    "2024-08-31T00:00:00+08:00");
	size_t entries = 0;
	for (xmlNode *e = feed->children; e; e = e->next) {
		if (e->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)e->name, "entry"))
			continue;
		entries++;
		ck_assert_str_eq(elem_text(e, "id"),
		    "tag:lantian,2024-08-31:t/2024-08");
		ck_assert_str_eq(elem_text(e, "updated"),
		    "2024-08-31T00:00:00+08:00");
		ck_assert_str_eq(elem_text(e, "title"),
		    "《测试县大气污染防治攻坚战2024年8月工作通报》");
		xmlChar *href = NULL;
		for (xmlNode *l = e->children; l; l = l->next)
			if (l->type == XML_ELEMENT_NODE &&
			    !strcmp((const char *)l->name, "link"))
				href = xmlGetProp(l, BAD_CAST "href");
		ck_assert_str_eq((const char *)href, "bulletins/t/2024-08.html");
		xmlFree(href);
	}
	ck_assert_uint_eq(entries, 1);
	xmlFreeDoc(doc);
	/* No base URL configured: no xml:base. */
	ck_assert_ptr_null(strstr(out.data, "xml:base"));
	buf_free(&out);
	buf_free(&again);

	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

START_TEST(base_url_conf)
{
	struct buf b = {0};
	ck_assert_int_eq(site_meta_base_url("# x\n", &b), 0);
	ck_assert_int_eq(site_meta_base_url(
	    "# site\n base-url = https://hb.example.gov.cn/lantian \n", &b), 1);
	ck_assert_str_eq(b.data, "https://hb.example.gov.cn/lantian/");
	ck_assert_int_eq(site_meta_base_url("base-url=http://a.b/\n", &b), 1);
	ck_assert_str_eq(b.data, "http://a.b/");
	ck_assert_int_eq(site_meta_base_url("base-url = javascript:x\n", &b),
	    -1);
	ck_assert_int_eq(site_meta_base_url(
	    "base-url = https://a.b/\"><script>\n", &b), -1);
	buf_free(&b);
}
END_TEST

START_TEST(sitemap_lists_pages)
{
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = {0};
	render(s, &ps, "sitemap.xml", &out);
	xmlDoc *doc = xmlReadMemory(out.data, (int)out.len, "sitemap.xml",
	    NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlFreeDoc(doc);
	/* Every HTML page but 404.html, relative without a base URL. */
	size_t html = 0;
	for (size_t i = 0; i < ps.n; i++) {
		if (!str_ends_html(ps.v[i].path))
			continue;
		char loc[600];
		snprintf(loc, sizeof loc, "<loc>%s</loc>", ps.v[i].path);
		if (!strcmp(ps.v[i].path, "404.html"))
			ck_assert_ptr_null(strstr(out.data, loc));
		else
			ck_assert_msg(strstr(out.data, loc) != NULL, "%s", loc);
		html++;
	}
	ck_assert_uint_gt(html, 5);
	ck_assert_ptr_nonnull(strstr(out.data, "base-url"));
	buf_free(&out);

	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

START_TEST(base_url_pages)
{
	put("templates/site/site.conf",
	    "# where the site is served\nbase-url = https://hb.example.gov.cn/lt\n");
	struct diag_list dl = {0};
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	/* site.conf is an input of the pages that use it. */
	ck_assert(has_dep(find_page(&ps, "feed.xml"),
	    "templates/site/site.conf"));
	ck_assert(has_dep(find_page(&ps, "sitemap.xml"),
	    "templates/site/site.conf"));
	struct buf out = {0};
	render(s, &ps, "sitemap.xml", &out);
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<loc>https://hb.example.gov.cn/lt/bulletins/t/2024-08.html</loc>"));
	ck_assert_ptr_null(strstr(out.data, "<loc>bulletins/"));
	buf_free(&out);
	render(s, &ps, "feed.xml", &out);
	ck_assert_ptr_nonnull(strstr(out.data,
	    "xml:base=\"https://hb.example.gov.cn/lt/\""));
	/* Ids do not move with the address. */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<id>tag:lantian,2024-08-31:t/2024-08</id>"));
	buf_free(&out);
	/* The 404 page links absolutely: it is shown at any depth. */
	render(s, &ps, "404.html", &out);
	ck_assert_ptr_nonnull(strstr(out.data,
	    "href=\"https://hb.example.gov.cn/lt/index.html\""));
	buf_free(&out);
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
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
	tcase_add_test(tc, base_url_conf);
	suite_add_tcase(s, tc);
	TCase *pub = tcase_create("pages");
	tcase_add_checked_fixture(pub, pub_setup, pub_teardown);
	tcase_set_timeout(pub, 30);
	tcase_add_test(pub, deps_of_pages);
	tcase_add_test(pub, bulletin_shows_merged_figures);
	tcase_add_test(pub, trend_words);
	tcase_add_test(pub, rankings_on_air_list);
	tcase_add_test(pub, counts_partition_and_overlays);
	tcase_add_test(pub, units_index);
	tcase_add_test(pub, atom_feed);
	tcase_add_test(pub, sitemap_lists_pages);
	tcase_add_test(pub, base_url_pages);
	suite_add_tcase(s, pub);
	return s;
}

LT_TEST_MAIN(site_pages_suite)
