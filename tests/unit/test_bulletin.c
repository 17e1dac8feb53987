/*
 * test_bulletin.c -- the rendered bulletin (bulletin.c, bulletin_air.c,
 * bulletin_tasks.c): nanzhao-2024 2024-08 with ranking, index and a
 * commentary, checked through pdftotext against figures read from the
 * merged XML itself with XPath (not from the bulletin code): PM2.5 month
 * and year, 优良天数, the composite index, counts of tasks, the overdue
 * count, every unit name, the provenance labels, the issue number and
 * date; boai-2023 2023-12 lists its overdue tasks with their lead units
 * and (December) the completed tasks; xiaye-2023 (<air-none>) and a month
 * without data say so in words; the YTD title; same input, same bytes;
 * a 300-task plan with an 80-character unit name; a broken commentary
 * gives a clear error with file:line.
 */
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "bulletin.h"
#include "buf.h"
#include "fonts.h"
#include "fsutil.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "textload.h"
#include "util.h"

static struct fonts *fonts;
static char tmpdir[] = "/tmp/test_bulletin.XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	fonts = lt_fonts_open();
	ck_assert_ptr_nonnull(fonts);
}

static void
teardown(void)
{
	lt_fonts_close(fonts);
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	strcpy(tmpdir, "/tmp/test_bulletin.XXXXXX");
}

static struct buf
fixture(const char *name)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	char *rel = xasprintf("tests/data/bulletin/%s", name);
	ck_assert_msg(file_read_all(lt_path(rel), 0, &b, &dl), "%s", rel);
	free(rel);
	diag_free(&dl);
	return b;
}

/* Render; returns pages and leaves the PDF in *pdf. */
static int
render(struct bulletin_input *in, struct buf *pdf, struct diag_list *dl)
{
	if (!in->creator)
		in->creator = "lantian test";
	int pages = bulletin_render(fonts, in, pdf, dl);
	if (!pages)
		diag_print(dl, stderr);
	return pages;
}

/* pdftotext of pdf (layout off, whitespace squeezed out so that figures
 * split across lines still match). */
static char *
pdf_text_pages(const struct buf *pdf, int first, int last)
{
	char *in = xasprintf("%s/b.pdf", tmpdir);
	char *out = xasprintf("%s/b.txt", tmpdir);
	ck_assert_int_eq(fs_write_atomic(in, pdf->data, pdf->len), 0);
	char *cmd = xasprintf("pdftotext -enc UTF-8 -f %d -l %d '%s' '%s'",
	    first, last, in, out);
	ck_assert_int_eq(system(cmd), 0);
	struct buf t = { 0 };
	ck_assert_int_eq(fs_read_file(out, &t), 0);
	size_t k = 0;
	for (size_t i = 0; i < t.len; i++)
		if (t.data[i] != ' ' && t.data[i] != '\n' && t.data[i] != '\f')
			t.data[k++] = t.data[i];
	t.data[k] = 0;
	free(cmd);
	free(in);
	free(out);
	return buf_detach(&t);
}

static char *
pdf_text(const struct buf *pdf)
{
	return pdf_text_pages(pdf, 1, 100000);
}

/* XPath over the merged fixture, namespace m: */
static xmlDoc *xdoc;
static xmlXPathContext *xctx;

static void
xpath_open(const struct buf *b)
{
	xdoc = xmlReadMemory(b->data, (int)b->len, "m.xml", NULL, 0);
	ck_assert_ptr_nonnull(xdoc);
	xctx = xmlXPathNewContext(xdoc);
	xmlXPathRegisterNs(xctx, (const xmlChar *)"m",
	    (const xmlChar *)"urn:lantian:merged:1");
}

static void
xpath_close(void)
{
	xmlXPathFreeContext(xctx);
	xmlFreeDoc(xdoc);
}

/* The string value of expr (caller frees). */
static char *
xs(const char *expr)
{
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, xctx);
	ck_assert_ptr_nonnull(o);
	xmlChar *s = xmlXPathCastToString(o);
	char *r = xstrdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(o);
	ck_assert_msg(*r, "empty: %s", expr);
	return r;
}

static void
expect_in(const char *text, const char *what, const char *s)
{
	char *needle = xstrdup(s);
	size_t k = 0;
	for (size_t i = 0; needle[i]; i++)
		if (needle[i] != ' ')
			needle[k++] = needle[i];
	needle[k] = 0;
	ck_assert_msg(strstr(text, needle), "%s «%s» not in the PDF text",
	    what, needle);
	free(needle);
}

/* expect_in with a sentence built around an XPath value. */
static void
expect_fmt(const char *text, const char *what, const char *fmt,
    const char *expr)
{
	char *v = xs(expr);
	/* fmt holds one %s (and %% for a percent sign) */
	struct buf s = { 0 };
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			buf_puts(&s, v);
			p++;
		} else if (p[0] == '%' && p[1] == '%') {
			buf_putc(&s, '%');
			p++;
		} else {
			buf_putc(&s, *p);
		}
	}
	expect_in(text, what, s.data);
	buf_free(&s);
	free(v);
}

START_TEST(nanzhao_figures_in_text)
{
	struct buf m = fixture("nanzhao-2024-08.xml");
	struct buf r = fixture("ranking-2024-08.xml");
	struct buf ix = fixture("nanyang-index.xml");
	struct buf md = { 0 };
	struct diag_list rdl = { 0 };
	ck_assert(file_read_all(lt_path("plans/nanzhao-2024/commentary/2024-08.md"),
	    0, &md, &rdl));
	diag_free(&rdl);
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.ranking = (struct bulletin_src){ "r.xml", r.data, r.len };
	in.area_index = (struct bulletin_src){ "i.xml", ix.data, ix.len };
	in.commentary = (struct bulletin_src){ "c.md", md.data, md.len };
	in.date = 1725494400; /* 2024-09-05 00:00 UTC */
	in.issue_no = "2024年第3期";   /* issued, as lantian issue passes it */
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	int pages = render(&in, &pdf, &dl);
	ck_assert_int_ge(pages, 4);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	char *t = pdf_text(&pdf);
	xpath_open(&m);
	const char *mp = "/m:merged/m:air/m:period[@kind='month']";
	const char *yp = "/m:merged/m:air/m:period[@kind='ytd']";
	char *e;

	/* GB/T 9704: the masthead names the body, the title is 关于…的通报 */
	expect_in(t, "masthead", "南召县大气污染防治攻坚战工作通报");
	expect_in(t, "title", "关于2024年8月大气污染防治攻坚战工作进展情况的通报");
	expect_in(t, "issue", "2024年第3期");
	ck_assert_msg(!strstr(t, "征求意见稿"), "an issued edition has no draft mark");
	expect_in(t, "date", "2024年9月5日");
	expect_in(t, "issuer", "南召县大气污染防治攻坚战领导小组办公室");
	/* the six figures of the month, in the sentence of lantian-air(7), 工作通报 */
	e = xasprintf("%s/m:figure[@code='pm25']/@value", mp);
	char *pm = xs(e);
	free(e);
	e = xasprintf("%s/m:figure[@code='so2']/@value", mp);
	char *so2 = xs(e);
	free(e);
	char *s = xasprintf("二氧化硫、二氧化氮、可吸入颗粒物、细颗粒物平均浓度分别为%s、",
	    so2);
	expect_in(t, "SO2 sentence", s);
	free(s);
	s = xasprintf("、%s微克/立方米，一氧化碳", pm);
	expect_in(t, "PM2.5 month", s);
	free(s);
	free(pm);
	free(so2);
	e = xasprintf("%s/m:figure[@code='co']/@value", mp);
	expect_fmt(t, "CO month", "第95百分位数为%s毫克/立方米", e);
	free(e);
	e = xasprintf("%s/m:days/@good", mp);
	expect_fmt(t, "优良天数", "优良天数%s天", e);
	free(e);
	e = xasprintf("%s/m:days/@good-ratio", mp);
	expect_fmt(t, "优良比例", "优良天数比例为%s%%", e);
	free(e);
	e = xasprintf("%s/m:composite/@value", mp);
	expect_fmt(t, "composite", "综合指数为%s", e);
	free(e);
	e = xasprintf("%s/m:figure[@code='pm25']/@value", yp);
	expect_fmt(t, "PM2.5 ytd", "、%s微克/立方米，一氧化碳", e);
	free(e);
	e = xasprintf("%s/m:days/@good", yp);
	expect_fmt(t, "优良天数 ytd", "优良天数%s天", e);
	free(e);
	/* the change of PM2.5 in words: -12.0 → 下降12.0% */
	e = xasprintf("substring-after(%s/m:figure[@code='pm25']/@change, '-')",
	    mp);
	expect_fmt(t, "PM2.5 同比", "PM2.5浓度同比下降%s%%", e);
	free(e);
	/* tasks */
	expect_fmt(t, "task total", "确定重点任务%s项", "/m:merged/m:tasks/@total");
	expect_fmt(t, "done", "已完成%s项", "/m:merged/m:tasks/m:counts/@done");
	expect_fmt(t, "overdue", "逾期未完成%s项",
	    "/m:merged/m:tasks/m:counts/@overdue");
	expect_fmt(t, "due soon", "一个月内到期%s项",
	    "/m:merged/m:tasks/m:counts/@due-soon");
	/* the task due soon is named */
	expect_fmt(t, "due-soon task", "%s",
	    "/m:merged/m:tasks/m:task[m:status/@due-soon='yes']/m:title");
	/* every unit appears in the units' table */
	xmlXPathObject *o = xmlXPathEvalExpression(
	    (const xmlChar *)"/m:merged/m:units/m:unit/@name", xctx);
	ck_assert_int_eq(o->nodesetval->nodeNr, 18);
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		xmlChar *n = xmlXPathCastNodeToString(o->nodesetval->nodeTab[i]);
		expect_in(t, "unit", (const char *)n);
		xmlFree(n);
	}
	xmlXPathFreeObject(o);
	/* provenance labels, visible */
	expect_in(t, "simulated label", "模拟数据，仅供演示");
	expect_in(t, "sample label", "示例数据");
	expect_in(t, "stations label", "监测数据：南阳市国控站点");
	/* the data-quality note names the stations and their hours */
	expect_fmt(t, "station", "%s",
	    "/m:merged/m:air/m:quality/m:station[1]/@name");
	expect_fmt(t, "station hours", "有数据%s小时",
	    "/m:merged/m:air/m:quality/m:station[1]/@hours-data");
	/* ranking with ties */
	expect_in(t, "tie", "并列第2位");
	/* the commentary */
	expect_in(t, "commentary heading", "三、存在问题");
	expect_in(t, "commentary heading", "四、下步工作");
	expect_in(t, "sample commentary", "示例");
	/* CJK-friendly emphasis: `1. **臭氧污染问题突出。**8月` is set bold
	 * with no asterisk left in the text. */
	expect_in(t, "bold commentary item", "1．臭氧污染问题突出。8月臭氧");
	ck_assert_msg(strstr(t, "**") == NULL && strstr(t, "*") == NULL,
	    "asterisks of the commentary's emphasis in the PDF text");
	xpath_close();
	free(t);
	buf_free(&pdf);
	buf_free(&m);
	buf_free(&r);
	buf_free(&ix);
	buf_free(&md);
	diag_free(&dl);
}
END_TEST

START_TEST(deterministic)
{
	struct buf m = fixture("nanzhao-2024-08.xml");
	struct buf r = fixture("ranking-2024-08.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.ranking = (struct bulletin_src){ "r.xml", r.data, r.len };
	struct buf a = { 0 }, b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_gt(render(&in, &a, &dl), 0);
	ck_assert_int_gt(render(&in, &b, &dl), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	/* without SOURCE_DATE_EPOCH the date is the data's as-of date */
	char *t = pdf_text(&a);
	expect_in(t, "as-of date", "2024年8月31日");
	free(t);
	buf_free(&a);
	buf_free(&b);
	buf_free(&m);
	buf_free(&r);
	diag_free(&dl);
}
END_TEST

START_TEST(boai_overdue_december)
{
	struct buf m = fixture("boai-2023-12.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	int pages = render(&in, &pdf, &dl);
	ck_assert_int_gt(pages, 0);
	char *t = pdf_text(&pdf);
	/* Not issued: a draft, marked on every page, its number blank. */
	int marks = 0;
	for (const char *p = t; (p = strstr(p, BULLETIN_DRAFT_MARK)); p++)
		marks++;
	ck_assert_int_eq(marks, pages);
	expect_in(t, "blank issue number", "工作通报2023年第期");
	xpath_open(&m);
	expect_fmt(t, "overdue count", "逾期未完成%s项",
	    "/m:merged/m:tasks/m:counts/@overdue");
	expect_in(t, "overdue list", "逾期未完成任务清单");
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)
	    "/m:merged/m:tasks/m:task[m:status/@overdue='yes']", xctx);
	ck_assert_int_eq(o->nodesetval->nodeNr, 2);
	for (int i = 0; i < o->nodesetval->nodeNr; i++) {
		xctx->node = o->nodesetval->nodeTab[i];
		expect_fmt(t, "overdue title", "%s", "m:title");
		expect_fmt(t, "lead unit", "%s", "m:units/m:unit[@role='lead'][1]");
		expect_fmt(t, "days overdue", "%s", "m:status/@days-overdue");
	}
	xmlXPathFreeObject(o);
	xctx->node = NULL;
	/* December: what was completed this year */
	expect_in(t, "completed", "本年度完成任务清单");
	xpath_close();
	free(t);
	buf_free(&pdf);
	buf_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(no_air)
{
	struct diag_list dl = { 0 };
	const char *names[2] = { "xiaye-2023-12.xml", "nodata-2024-08.xml" };
	const char *say[2] = { "无监测数据：本方案未配置监测区域",
	    "南阳市2024年8月没有监测数据" };
	for (int i = 0; i < 2; i++) {
		struct buf m = fixture(names[i]);
		struct bulletin_input in = { 0 };
		in.merged = (struct bulletin_src){ names[i], m.data, m.len };
		struct buf pdf = { 0 };
		ck_assert_int_gt(render(&in, &pdf, &dl), 0);
		char *t = pdf_text(&pdf);
		expect_in(t, "no data words", say[i]);
		/* Published text names no configuration file or key. */
		ck_assert_ptr_null(strstr(t, "plan.conf"));
		ck_assert_ptr_null(strstr(t, "stations"));
		ck_assert_ptr_null(strstr(t, "空气质量日历"));
		ck_assert_ptr_null(strstr(t, "二氧化硫、二氧化氮"));
		free(t);
		buf_free(&pdf);
		buf_free(&m);
	}
	diag_free(&dl);
}
END_TEST

/* The 公文 parts of GB/T 9704 from plan.conf (issue 12): 期号 as given,
 * 主送机关 with its colon, the 成文日期 on the configured day of the next
 * month, and the 版记 (抄送, 印发机关 and 印发日期) alone at the foot of
 * the last page, an even one, which carries no page number. */
START_TEST(gbt9704_parts)
{
	struct buf m = fixture("nanzhao-2024-08.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.number = 6;
	in.issue_day = 5;
	in.recipients = "各乡镇人民政府，县直有关单位";
	in.cc = "县委办公室，县政府办公室";
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	int pages = render(&in, &pdf, &dl);
	ck_assert_int_gt(pages, 0);
	ck_assert_int_eq(pages % 2, 0);
	char *t = pdf_text(&pdf);
	expect_in(t, "issue", "2024年第6期");
	expect_in(t, "recipients", "各乡镇人民政府，县直有关单位：为推动");
	expect_in(t, "signature", "南召县大气污染防治攻坚战领导小组办公室2024年9月5日");
	free(t);
	/* The 版记 on the last page (even), its 印发 line the last text. */
	char *last = pdf_text_pages(&pdf, pages, pages);
	ck_assert_ptr_nonnull(strstr(last, "抄送：县委办公室，县政府办公室。"
	    "南召县大气污染防治攻坚战领导小组办公室"));
	size_t n = strlen(last), k = strlen("2024年9月5日印发");
	ck_assert(n >= k && strcmp(last + n - k, "2024年9月5日印发") == 0);
	free(last);
	char *before = pdf_text_pages(&pdf, 1, pages - 1);
	ck_assert_ptr_null(strstr(before, "抄送"));
	free(before);
	buf_free(&pdf);
	diag_free(&dl);
	buf_free(&m);
}
END_TEST

/* Ranking peers (plan.conf peers): a county plan without peers prints no
 * ranking of unrelated cities; with peers the places are counted among
 * them and the plan's own area. */
START_TEST(ranking_peers)
{
	struct buf m = fixture("nanzhao-2024-08.xml");
	struct buf r = fixture("ranking-2024-08.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.ranking = (struct bulletin_src){ "r.xml", r.data, r.len };
	in.level = "县";
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_gt(render(&in, &pdf, &dl), 0);
	char *t = pdf_text(&pdf);
	ck_assert_ptr_null(strstr(t, "各地区排名"));
	free(t);
	buf_truncate(&pdf, 0);
	static const char *const peers[] = { "焦作市" };
	in.peers = peers;
	in.npeers = 1;
	ck_assert_int_gt(render(&in, &pdf, &dl), 0);
	t = pdf_text(&pdf);
	expect_in(t, "peers", "各地区排名");
	expect_in(t, "count", "共2个地区参加排名");
	ck_assert_ptr_null(strstr(t, "驻马店市"));
	free(t);
	buf_free(&pdf);
	diag_free(&dl);
	buf_free(&m);
	buf_free(&r);
}
END_TEST

START_TEST(ytd_edition)
{
	struct buf m = fixture("xiping-2025-08.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.edition = BULLETIN_YTD;
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_gt(render(&in, &pdf, &dl), 0);
	char *t = pdf_text(&pdf);
	expect_in(t, "ytd title", "关于2025年1—8月大气污染防治攻坚战工作进展情况的通报");
	/* the targets' verdicts, by name */
	expect_in(t, "verdict", "未达标");
	expect_in(t, "verdict", "有风险");
	/* the reasoning in plain words, no formula */
	expect_in(t, "reasoning", "优良天数比例要达到目标，全年需优良天数至少302天");
	ck_assert_ptr_null(strstr(t, "ceil("));
	ck_assert_ptr_null(strstr(t, "floor("));
	expect_in(t, "completed", "本年度完成任务");
	free(t);
	buf_free(&pdf);
	buf_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(big_plan_long_unit)
{
	struct buf m = fixture("big-300-tasks.xml");
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "big.xml", m.data, m.len };
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	int pages = render(&in, &pdf, &dl);
	/* every task has a row in the attachment: a long document (300 rows
	 * of 3 to 8 lines, at most 6 such rows a page: 50 pages at least) */
	ck_assert_int_ge(pages, 50);
	char *t = pdf_text(&pdf);
	expect_in(t, "tasks", "确定重点任务300项");
	expect_in(t, "attachment", "重点任务进展情况表");
	expect_in(t, "abbreviated leads", "等10个单位");
	/* the 80-character unit name appears whole (it may wrap) */
	struct buf u = fixture("big-300-tasks.unit.txt");
	while (u.len && u.data[u.len - 1] == '\n')
		u.data[--u.len] = 0;
	expect_in(t, "long unit", u.data);
	buf_free(&u);
	free(t);
	buf_free(&pdf);
	buf_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(broken_commentary)
{
	struct buf m = fixture("nanzhao-2024-08.xml");
	static const char md[] = "## 存在问题\n\n正常一段。\n\n坏\0字节\n";
	struct bulletin_input in = { 0 };
	in.merged = (struct bulletin_src){ "m.xml", m.data, m.len };
	in.commentary = (struct bulletin_src){ "c.md", md, sizeof md - 1 };
	struct buf pdf = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(bulletin_render(fonts, &in, &pdf, &dl), 0);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	int named = 0;
	for (size_t i = 0; i < dl.n; i++)
		named |= dl.v[i].file && strcmp(dl.v[i].file, "c.md") == 0 &&
		    dl.v[i].line == 5;
	if (!named)
		diag_print(&dl, stderr);
	ck_assert(named);
	buf_free(&pdf);
	buf_free(&m);
	diag_free(&dl);
}
END_TEST

static Suite *
bulletin_suite(void)
{
	Suite *s = suite_create("bulletin");
	TCase *tc = tcase_create("render");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, nanzhao_figures_in_text);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, boai_overdue_december);
	tcase_add_test(tc, no_air);
	tcase_add_test(tc, ytd_edition);
	tcase_add_test(tc, gbt9704_parts);
	tcase_add_test(tc, ranking_peers);
	tcase_add_test(tc, big_plan_long_unit);
	tcase_add_test(tc, broken_commentary);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(bulletin_suite)
