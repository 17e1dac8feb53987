/*
 * test_plan_xml.c -- the canonical task XML: shape, validation against the
 * embedded plan.rng, escaping of hostile plan text, determinism (also from
 * several threads at once), and schema diagnostics as name:line.
 */
#include "lt_test.h"

#include <pthread.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "fixtures_plan.h"
#include "plan.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "plan_xml.h"
#include "units.h"
#include "util.h"

/* ---- fixtures ---------------------------------------------------------- */

static void
push(struct strvec *sv, const char *s)
{
	strvec_push(sv, s);
}

/* A county plan shaped like nanzhao-2024: three sections, the second with
 * two subsections holding one task each. */
static struct plan *
fixture(void)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("plans/nanzhao-2024/plan.txt");
	p->id = xstrdup("nanzhao-2024");
	p->format = PLAN_FORMAT_TEXT;
	p->encoding = xstrdup("UTF-8");
	p->title = xstrdup("南召县2024年蓝天保卫战实施方案");
	p->place = xstrdup("南召县");
	p->level = xstrdup("县");
	p->parent = xstrdup("南阳市");
	p->plan_year = 2024;
	p->issue_date = xstrdup("2024-03-01");
	p->n_lines = 120;

	p->n_sections = 3;
	p->sections = xcalloc(3, sizeof *p->sections);
	const char *num[] = { "一", "二", "三" };
	const char *tit[] = { "总体要求", "主要任务", "保障措施" };
	enum section_kind kind[] = { SECTION_GENERAL, SECTION_TASKS, SECTION_SAFEGUARD };
	for (int i = 0; i < 3; i++) {
		p->sections[i].numeral = xstrdup(num[i]);
		p->sections[i].title = xstrdup(tit[i]);
		p->sections[i].kind = kind[i];
		p->sections[i].line = (size_t)(5 + 40 * i);
	}
	struct section *s = &p->sections[1];
	s->n_subs = 2;
	s->subs = xcalloc(2, sizeof *s->subs);
	s->subs[0] = (struct subsection){ xstrdup("（一）"), xstrdup("减污降碳协同增效行动"), 46 };
	s->subs[1] = (struct subsection){ xstrdup("（二）"), xstrdup("工业污染治理减排行动"), 60 };

	p->n_tasks = 2;
	p->tasks = xcalloc(2, sizeof *p->tasks);
	struct task *t = &p->tasks[0];
	t->number = xstrdup("1");
	t->ordinal = 1;
	t->section = 1;
	t->subsection = 0;
	t->title = xstrdup("依法依规淘汰落后产能");
	t->text = xstrdup("1.依法依规淘汰落后产能。2024年5月底前完成。\n第二段（县工业和信息化局牵头）");
	push(&t->lead, "县工业和信息化局");
	push(&t->cooperating, "县发展改革委");
	push(&t->cooperating, "县生态环境局");
	push(&t->responsible, "各乡镇人民政府");
	t->lead_mode = xstrdup("牵头");
	t->n_assignments = 1;
	t->assignments = xcalloc(1, sizeof *t->assignments);
	struct assignment *a = &t->assignments[0];
	a->raw = xstrdup("（县工业和信息化局牵头，县发展改革委、生态环境局配合，各乡镇人民政府负责落实。）");
	push(&a->lead, "县工业和信息化局");
	push(&a->cooperating, "县发展改革委");
	push(&a->cooperating, "县生态环境局");
	push(&a->responsible, "各乡镇人民政府");
	a->lead_mode = xstrdup("牵头");
	a->line = 49;
	t->n_deadlines = 2;
	t->deadlines = xcalloc(2, sizeof *t->deadlines);
	t->deadlines[0] = fx_deadline("2024年5月底前", "2024-05-31", 48);
	t->deadlines[1] = fx_deadline("年月底前", "", 48);
	t->n_periods = 1;
	t->periods = xcalloc(1, sizeof *t->periods);
	t->periods[0] = (struct period){ .raw = xstrdup("2023年11月15日至2024年3月15日期间"),
		.start = "2023-11-15", .end = "2024-03-15", .line = 48 };
	t->n_starts = 1;
	t->starts = xcalloc(1, sizeof *t->starts);
	t->starts[0] = (struct period){ .raw = xstrdup("自2024年起"),
		.start = "2024-01-01", .line = 48 };
	t->line_start = 47;
	t->line_end = 49;

	t = &p->tasks[1];
	t->number = xstrdup("11");
	t->ordinal = 2;
	t->section = 1;
	t->subsection = 1;
	t->title = xstrdup("开展低效失效设施排查整治");
	t->text = xstrdup("11.开展低效失效设施排查整治。");
	push(&t->lead, "县生态环境局");
	t->lead_mode = xstrdup("负责");
	t->n_targets = 2;
	t->targets = xcalloc(2, sizeof *t->targets);
	t->targets[0] = fx_target("重度及以上污染天数比率", "<=", "0.3", NULL, "%", 2025,
	    "重度及以上污染天数比率控制在0.3%以内", 62);
	t->targets[1] = fx_target("综合指数排名提升位次", "between", "5", "10", "位", 0,
	    "提升 5 至 10 个位次", 62);
	t->line_start = 61;
	t->line_end = 63;

	push(&p->responsible_inherited, "各乡镇人民政府");
	p->responsible_inherited_raw = xstrdup("以下各项任务均需各乡镇人民政府负责落实，不再逐一列出");
	p->n_targets = 1;
	p->targets = xcalloc(1, sizeof *p->targets);
	p->targets[0] = fx_target("空气质量优良天数比率", ">=", "82.5", NULL, "%", 2025,
	    "优良天数比率达到82.5%", 30);
	p->n_other_deadlines = 1;
	p->other_deadlines = xcalloc(1, sizeof *p->other_deadlines);
	p->other_deadlines[0] = fx_deadline("2024年6月15日前", "2024-06-15", 100);

	p->n_attachments = 1;
	p->attachments = xcalloc(1, sizeof *p->attachments);
	struct attachment *at = &p->attachments[0];
	at->label = xstrdup("附表1");
	at->title = xstrdup("南召县2024年水泥行业超低排放改造任务清单");
	push(&at->header, "序号");
	push(&at->header, "企业名称");
	at->n_rows = 1;
	at->rows = xcalloc(1, sizeof *at->rows);
	push(&at->rows[0], "1");
	push(&at->rows[0], "某水泥有限公司");
	at->line = 110;
	return p;
}

/* ---- helpers ------------------------------------------------------------- */

static char *
write_ok(const struct plan *p)
{
	struct buf b = {0};
	struct diag_list dl = {0};
	int ok = plan_write_xml(p, &b, &dl);
	if (!ok || dl.n)
		diag_print(&dl, stderr);
	ck_assert_int_eq(ok, 1);
	ck_assert_uint_eq(dl.n, 0);
	diag_free(&dl);
	ck_assert_ptr_nonnull(b.data);
	return buf_detach(&b);
}

struct doc {
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

static struct doc
doc_parse(const char *xml)
{
	struct doc d;
	d.doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(d.doc);
	d.xp = xmlXPathNewContext(d.doc);
	xmlXPathRegisterNs(d.xp, BAD_CAST "p", BAD_CAST "urn:lantian:plan:1");
	return d;
}

static void
doc_free(struct doc *d)
{
	xmlXPathFreeContext(d->xp);
	xmlFreeDoc(d->doc);
}

/* string(expr); caller frees. */
static char *
xstr(struct doc *d, const char *expr)
{
	char *q = xasprintf("string(%s)", expr);
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST q, d->xp);
	free(q);
	ck_assert_ptr_nonnull(o);
	char *s = xstrdup((const char *)o->stringval);
	xmlXPathFreeObject(o);
	return s;
}

static double
xnum(struct doc *d, const char *expr)
{
	xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, d->xp);
	ck_assert_ptr_nonnull(o);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	return v;
}

#define XSTR_EQ(d, expr, want)                                  \
	do {                                                    \
		char *got_ = xstr((d), (expr));                 \
		ck_assert_msg(!strcmp(got_, (want)),            \
		    "%s: got \"%s\", want \"%s\"", (expr), got_, (want)); \
		free(got_);                                     \
	} while (0)

/* ---- tests --------------------------------------------------------------- */

START_TEST(test_shape)
{
	struct plan *p = fixture();
	char *xml = write_ok(p);
	ck_assert(str_starts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<plan xmlns=\"urn:lantian:plan:1\" id=\"nanzhao-2024\" "
	    "source=\"plans/nanzhao-2024/plan.txt\" format=\"text\" encoding=\"UTF-8\" lines=\"120\">\n"
	    " <meta>\n"
	    "  <title>南召县2024年蓝天保卫战实施方案</title>\n"
	    "  <place>南召县</place>\n"
	    "  <level code=\"county\">县</level>\n"));
	ck_assert(str_ends(xml, "</plan>\n"));

	struct doc d = doc_parse(xml);
	XSTR_EQ(&d, "/p:plan/p:meta/p:year", "2024");
	XSTR_EQ(&d, "/p:plan/p:meta/p:parent", "南阳市");
	XSTR_EQ(&d, "/p:plan/p:meta/p:issue-date", "2024-03-01");
	ck_assert(xnum(&d, "count(/p:plan/p:meta/p:draft)") == 0);
	ck_assert(xnum(&d, "count(/p:plan/p:section)") == 3);
	XSTR_EQ(&d, "/p:plan/p:section[2]/@kind", "tasks");
	XSTR_EQ(&d, "/p:plan/p:section[2]/p:title", "主要任务");
	ck_assert(xnum(&d, "count(//p:task)") == 2);
	/* tasks inside their subsections */
	XSTR_EQ(&d, "/p:plan/p:section[@n='二']/p:subsection[@n='（一）']/p:task/@number", "1");
	XSTR_EQ(&d, "/p:plan/p:section[@n='二']/p:subsection[@n='（二）']/p:task/@id", "t2");
	XSTR_EQ(&d, "/p:plan/p:section[@n='二']/p:subsection[1]/p:title", "减污降碳协同增效行动");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:title", "依法依规淘汰落后产能");
	XSTR_EQ(&d, "//p:task[@id='t1']/@line-start", "47");
	XSTR_EQ(&d, "//p:task[@id='t1']/@line-end", "49");
	/* one <p> per paragraph */
	ck_assert(xnum(&d, "count(//p:task[@id='t1']/p:text/p:p)") == 2);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:text/p:p[2]", "第二段（县工业和信息化局牵头）");
	/* units in role order, with refs of their canonical names */
	ck_assert(xnum(&d, "count(//p:task[@id='t1']/p:units/p:unit)") == 4);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[1]/@role", "lead");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[1]", "县工业和信息化局");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[1]/@ref", "u3d3aeed02504");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[3]", "县生态环境局");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[3]/@role", "cooperating");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[3]/@ref", "ude3d3bf39832");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[4]/@role", "responsible");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:lead-mode", "牵头");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:assignment/@line", "49");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:assignment/p:raw",
	    "（县工业和信息化局牵头，县发展改革委、生态环境局配合，各乡镇人民政府负责落实。）");
	ck_assert(xnum(&d, "count(//p:task[@id='t1']/p:assignment/p:unit)") == 4);
	/* deadlines: date only when known */
	XSTR_EQ(&d, "//p:task[@id='t1']/p:deadline[1]/@date", "2024-05-31");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:deadline[1]", "2024年5月底前");
	ck_assert(xnum(&d, "count(//p:task[@id='t1']/p:deadline[2]/@date)") == 0);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:deadline[2]", "年月底前");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:period/@start", "2023-11-15");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:period/@end", "2024-03-15");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:start/@date", "2024-01-01");
	/* targets */
	XSTR_EQ(&d, "//p:task[@id='t2']/p:target[1]/@op", "<=");
	XSTR_EQ(&d, "//p:task[@id='t2']/p:target[1]/@value", "0.3");
	XSTR_EQ(&d, "//p:task[@id='t2']/p:target[1]/@unit", "%");
	XSTR_EQ(&d, "//p:task[@id='t2']/p:target[1]/@year", "2025");
	XSTR_EQ(&d, "//p:task[@id='t2']/p:target[2]/@value2", "10");
	ck_assert(xnum(&d, "count(//p:task[@id='t2']/p:target[2]/@year)") == 0);
	/* plan level */
	XSTR_EQ(&d, "/p:plan/p:targets/p:target/@value", "82.5");
	XSTR_EQ(&d, "/p:plan/p:deadlines/p:deadline/@date", "2024-06-15");
	XSTR_EQ(&d, "/p:plan/p:responsible-inherited/p:unit", "各乡镇人民政府");
	XSTR_EQ(&d, "/p:plan/p:attachment/@label", "附表1");
	XSTR_EQ(&d, "/p:plan/p:attachment/p:header/p:cell[2]", "企业名称");
	XSTR_EQ(&d, "/p:plan/p:attachment/p:row/p:cell[2]", "某水泥有限公司");
	doc_free(&d);
	free(xml);
	plan_free(p);
}
END_TEST

/* Refs in the XML are unit_id(unit_canonical()), the registry's ids. */
START_TEST(test_refs_match_registry)
{
	struct plan *p = fixture();
	char *xml = write_ok(p);
	struct doc d = doc_parse(xml);
	char *canon = unit_canonical(p, "各乡镇人民政府");
	char *id = unit_id(canon);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[@role='responsible']/@ref", id);
	XSTR_EQ(&d, "/p:plan/p:responsible-inherited/p:unit/@ref", id);
	free(id);
	free(canon);
	doc_free(&d);
	free(xml);
	plan_free(p);
}
END_TEST

static void
replace(char **field, const char *s)
{
	free(*field);
	*field = xstrdup(s);
}

START_TEST(test_hostile_text)
{
	struct plan *p = fixture();
	struct task *t = &p->tasks[0];
	replace(&t->title, "<script>alert(1)</script>");
	replace(&t->lead.v[0], "\"><img src=x onerror=alert(1)>");
	replace(&t->number, "1' or '1'='1");
	replace(&p->title, "a\x01" "b\x0c" "c\x1f" "d\x7f" "e]]>&amp;&lt;");
	replace(&p->place, "bad\xff\xfeutf8\xc3");
	replace(&p->issuer, "nonchar\xef\xbf\xbe\xef\xbf\xbf" "end");
	replace(&p->targets[0].metric, "tab\there\nnewline\rcr \"q\" 'a' <&>");
	replace(&t->text, "");
	replace(&t->assignments[0].raw, "");
	replace(&p->attachments[0].header.v[0], "");
	replace(&p->sections[0].title, "&#60;not-an-entity&gt;");
	char *xml = write_ok(p);
	ck_assert_ptr_null(strstr(xml, "<script>"));
	ck_assert_ptr_null(strstr(xml, "<img"));
	ck_assert_ptr_null(strstr(xml, "\x01"));
	ck_assert_ptr_null(strstr(xml, "\x0c"));

	struct doc d = doc_parse(xml);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:title", "<script>alert(1)</script>");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:units/p:unit[1]", "\"><img src=x onerror=alert(1)>");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:assignment/p:unit[1]", "县工业和信息化局");
	XSTR_EQ(&d, "//p:task[@id='t1']/@number", "1' or '1'='1");
	/* forbidden controls dropped, DEL (allowed in XML 1.0) kept */
	XSTR_EQ(&d, "/p:plan/p:meta/p:title", "abcd\x7f" "e]]>&amp;&lt;");
	/* invalid UTF-8 shows as U+FFFD */
	XSTR_EQ(&d, "/p:plan/p:meta/p:place", "bad\xef\xbf\xbd\xef\xbf\xbdutf8\xef\xbf\xbd");
	XSTR_EQ(&d, "/p:plan/p:meta/p:issuer", "noncharend");
	/* whitespace in attributes survives as character references */
	XSTR_EQ(&d, "/p:plan/p:targets/p:target/@metric", "tab\there\nnewline\rcr \"q\" 'a' <&>");
	XSTR_EQ(&d, "/p:plan/p:section[1]/p:title", "&#60;not-an-entity&gt;");
	/* empty strings are empty elements, still valid */
	ck_assert(xnum(&d, "count(//p:task[@id='t1']/p:text/p:p)") == 1);
	XSTR_EQ(&d, "//p:task[@id='t1']/p:text/p:p", "");
	XSTR_EQ(&d, "//p:task[@id='t1']/p:assignment/p:raw", "");
	XSTR_EQ(&d, "/p:plan/p:attachment/p:header/p:cell[1]", "");
	doc_free(&d);
	free(xml);
	plan_free(p);
}
END_TEST

START_TEST(test_long_strings)
{
	struct plan *p = fixture();
	size_t n = 1 << 20;
	struct buf b = {0};
	while (b.len < n)
		buf_puts(&b, "蓝天<&>\"保卫战");
	free(p->tasks[1].text);
	p->tasks[1].text = buf_detach(&b);
	replace(&p->tasks[1].title, p->tasks[1].text);
	char *xml = write_ok(p);
	struct doc d = doc_parse(xml);
	char *got = xstr(&d, "//p:task[@id='t2']/p:title");
	ck_assert_str_eq(got, p->tasks[1].text);
	free(got);
	doc_free(&d);
	free(xml);
	plan_free(p);
}
END_TEST

/* A plan with nothing in it but its identity is still a valid document. */
START_TEST(test_minimal_plan)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("x.txt");
	char *xml = write_ok(p);
	ck_assert_str_eq(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<plan xmlns=\"urn:lantian:plan:1\" id=\"\" source=\"x.txt\" format=\"text\" lines=\"0\">\n"
	    " <meta/>\n"
	    "</plan>\n");
	free(xml);
	plan_free(p);
}
END_TEST

/* Tasks directly in a section and subsections are merged by line. */
START_TEST(test_section_order)
{
	struct plan *p = fixture();
	p->tasks[0].subsection = -1;   /* line 47, before （二） at line 60 */
	p->sections[1].subs[0].line = 50;
	char *xml = write_ok(p);
	struct doc d = doc_parse(xml);
	XSTR_EQ(&d, "name(/p:plan/p:section[2]/*[2])", "task");
	XSTR_EQ(&d, "/p:plan/p:section[2]/*[2]/@id", "t1");
	XSTR_EQ(&d, "/p:plan/p:section[2]/*[3]/@n", "（一）");
	ck_assert(xnum(&d, "count(/p:plan/p:section[2]/p:subsection[1]/p:task)") == 0);
	XSTR_EQ(&d, "/p:plan/p:section[2]/*[4]/p:task/@id", "t2");
	doc_free(&d);
	free(xml);
	plan_free(p);
}
END_TEST

START_TEST(test_deterministic)
{
	struct plan *p = fixture();
	char *a = write_ok(p);
	char *b = write_ok(p);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	plan_free(p);
}
END_TEST

struct job {
	const struct plan *p;
	const char *want;
	int mismatches;
};

static void *
write_many(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 25; i++) {
		struct buf b = {0};
		struct diag_list dl = {0};
		if (!plan_write_xml(j->p, &b, &dl) || dl.n || strcmp(b.data, j->want))
			j->mismatches++;
		buf_free(&b);
		diag_free(&dl);
	}
	return NULL;
}

/* lantian build -j N writes plans from several threads at once. */
START_TEST(test_threads)
{
	struct plan *p = fixture();
	char *want = write_ok(p);
	enum { N = 8 };
	pthread_t th[N];
	struct job jobs[N];
	for (int i = 0; i < N; i++) {
		jobs[i] = (struct job){ p, want, 0 };
		ck_assert_int_eq(pthread_create(&th[i], NULL, write_many, &jobs[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(th[i], NULL);
		ck_assert_int_eq(jobs[i].mismatches, 0);
	}
	free(want);
	plan_free(p);
}
END_TEST

/* A date the model should never hold fails validation, with the line of
 * the offending element, and nothing is written. */
START_TEST(test_invalid_model)
{
	struct plan *p = fixture();
	snprintf(p->tasks[0].deadlines[0].date, 11, "2024-02-30");
	struct buf b = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(plan_write_xml(p, &b, &dl), 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "nanzhao-2024.xml");
	ck_assert_uint_gt(dl.v[0].line, 10);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "不符合模式"));
	diag_free(&dl);

	snprintf(p->tasks[0].deadlines[0].date, 11, "2024-05-31");
	replace(&p->tasks[1].targets[0].op, "约");
	ck_assert_int_eq(plan_write_xml(p, &b, &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	diag_free(&dl);

	/* task ids are t<ordinal>: a repeated ordinal is a repeated ID */
	replace(&p->tasks[1].targets[0].op, "<=");
	p->tasks[1].ordinal = 1;
	ck_assert_int_eq(plan_write_xml(p, &b, &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "t1"));
	diag_free(&dl);

	p->tasks[1].ordinal = 2;
	p->tasks[1].subsection = 7;
	ck_assert_int_eq(plan_write_xml(p, &b, &dl), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "plans/nanzhao-2024/plan.txt");
	ck_assert_uint_eq(dl.v[0].line, 61);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "11"));
	diag_free(&dl);
	buf_free(&b);
	plan_free(p);
}
END_TEST

static size_t
line_of(const char *doc, const char *needle)
{
	const char *at = strstr(doc, needle);
	ck_assert_ptr_nonnull(at);
	size_t line = 1;
	for (const char *q = doc; q < at; q++)
		line += *q == '\n';
	return line;
}

START_TEST(test_validate_reports_lines)
{
	struct plan *p = fixture();
	char *xml = write_ok(p);
	struct diag_list dl = {0};
	ck_assert_int_eq(plan_xml_validate(xml, strlen(xml), "a.xml", &dl), 1);
	ck_assert_uint_eq(dl.n, 0);

	/* an element the schema does not know */
	char *bad = xstrdup(xml);
	char *at = strstr(bad, "<lead-mode>");
	memcpy(at, "<lead-xode>", 11);
	at = strstr(at, "</lead-mode>");
	memcpy(at, "</lead-xode>", 12);
	ck_assert_int_eq(plan_xml_validate(bad, strlen(bad), "b.xml", &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "b.xml");
	ck_assert_uint_eq(dl.v[0].line, line_of(bad, "<lead-xode>"));
	ck_assert_int_eq(dl.v[0].level, DIAG_ERROR);
	diag_free(&dl);
	free(bad);

	/* not well-formed: name, line and column */
	const char *broken = "<?xml version=\"1.0\"?>\n<plan xmlns=\"urn:lantian:plan:1\">\n <meta>\n</plan>\n";
	ck_assert_int_eq(plan_xml_validate(broken, strlen(broken), "c.xml", &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "c.xml");
	ck_assert_uint_eq(dl.v[0].line, 4);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "XML 格式错误"));
	diag_free(&dl);

	/* wrong namespace */
	const char *other = "<plan id=\"x\" source=\"y\" format=\"text\" lines=\"0\"><meta/></plan>";
	ck_assert_int_eq(plan_xml_validate(other, strlen(other), "d.xml", &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	diag_free(&dl);
	free(xml);
	plan_free(p);
}
END_TEST

/* Every shipped plan, as parsed, gives a valid document with all its tasks. */
START_TEST(test_real_plans)
{
	for (size_t i = 0; i < FX_N_SHIPPED; i++) {
		struct plan_meta m;
		struct plan *p = fx_shipped_plan(fx_shipped[i], &m);
		char *xml = write_ok(p);
		struct doc d = doc_parse(xml);
		ck_assert(xnum(&d, "count(//p:task)") == (double)p->n_tasks);
		doc_free(&d);
		free(xml);
		plan_free(p);
		plan_meta_free(&m);
	}
}
END_TEST

static Suite *
plan_xml_suite(void)
{
	Suite *s = suite_create("plan_xml");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_shape);
	tcase_add_test(tc, test_refs_match_registry);
	tcase_add_test(tc, test_hostile_text);
	tcase_add_test(tc, test_long_strings);
	tcase_add_test(tc, test_minimal_plan);
	tcase_add_test(tc, test_section_order);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_threads);
	tcase_add_test(tc, test_invalid_model);
	tcase_add_test(tc, test_validate_reports_lines);
	tcase_add_test(tc, test_real_plans);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(plan_xml_suite)
