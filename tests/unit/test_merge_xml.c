/*
 * test_merge_xml.c -- the merged model as XML: it validates against
 * merge.rng, hostile strings from plans and ledgers come out escaped (and
 * characters XML cannot carry dropped), the bytes are identical across
 * runs and time zones, and end to end on shipped plans: 南召县 2024 with
 * its sample ledgers and the CNEMC sample (南阳市 stations), and 西平县's
 * targets against the real Beijing data of 2016; a plan without a
 * monitoring area (下冶镇) and an area without data say so in words.
 */
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "airq.h"
#include "compliance.h"
#include "fixtures_air.h"
#include "fixtures_plan.h"
#include "ledger.h"
#include "lt_test.h"
#include "merge.h"
#include "merge_xml.h"
#include "monitor.h"
#include "monitor_layout.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "util.h"

/* ---- helpers ------------------------------------------------------------ */

static char *
to_xml(const struct merged *m)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	int ok = merged_write_xml(m, &b, &dl);
	if (!ok)
		diag_print(&dl, stderr);
	ck_assert_int_eq(ok, 1);
	ck_assert_uint_eq(dl.n, 0);
	diag_free(&dl);
	ck_assert_ptr_nonnull(b.data);
	return buf_detach(&b);
}

static int
count_of(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* ---- a hostile plan ---------------------------------------------------- */

#define EVIL "<b>&amp;\"'</b>]]>\x01\x1b\xef\xbf\xbe\xff end"

static struct plan *
evil_plan(void)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("evil/plan.txt");
	p->id = xstrdup("evil-2024");
	p->title = xstrdup("标题" EVIL);
	p->place = xstrdup("南召县");
	p->level = xstrdup("县");
	p->n_sections = 1;
	p->sections = xcalloc(1, sizeof *p->sections);
	p->sections[0].numeral = xstrdup("一");
	p->sections[0].title = xstrdup("任务");
	p->n_tasks = 2;
	p->tasks = xcalloc(2, sizeof *p->tasks);
	for (int i = 0; i < 2; i++) {
		struct task *t = &p->tasks[i];
		t->number = xasprintf("%d", i + 1);
		t->ordinal = i + 1;
		t->subsection = -1;
		t->title = xstrdup(i ? "普通任务" : "任务" EVIL);
		t->text = xstrdup(t->title);
		strvec_push(&t->lead, i ? "县公安局" : "县<局>&\"");
		t->n_deadlines = 1;
		t->deadlines = xcalloc(1, sizeof *t->deadlines);
		t->deadlines[0].raw = xstrdup("2024年6月底前" EVIL);
		memcpy(t->deadlines[0].date, "2024-06-30", 10);
		t->n_targets = 1;
		t->targets = xcalloc(1, sizeof *t->targets);
		struct target *g = &t->targets[0];
		g->metric = xstrdup(i ? "PM2.5浓度" : "指标" EVIL);
		g->op = xstrdup("<");
		g->value = xstrdup("35");
		g->unit = xstrdup("微克/立方米");
		g->year = 2024;
		g->raw = xstrdup("原文" EVIL);
	}
	return p;
}

static const char evil_csv[] =
    "任务编号,进展状态,完成比例,进展情况,填报单位,填报日期,备注\n"
    "1,推进中,50%,\"进展<script>alert(1)</script>&\"\"引号\"\"\x01\x02"
    "\x0c\",\"县<局>&\"\"\",2024-05-30,\"]]>\"\n"
    "2,已完成,100%,完成,县公安局,2024-05-30,\n";

static void
check_clean(const char *xml)
{
	/* No control characters except \n, no raw markup from the inputs,
	 * no U+FFFE, and the document is valid UTF-8 by construction (the
	 * validator parsed it). */
	for (const unsigned char *q = (const unsigned char *)xml; *q; q++)
		ck_assert_msg(*q >= 0x20 || *q == '\n', "control byte 0x%02x",
		    *q);
	ck_assert_ptr_null(strstr(xml, "<script>"));
	ck_assert_ptr_null(strstr(xml, "<b>"));
	ck_assert_ptr_null(strstr(xml, "]]>"));
	ck_assert_ptr_null(strstr(xml, "\xef\xbf\xbe"));
	ck_assert_ptr_nonnull(strstr(xml, "&lt;script&gt;"));
	ck_assert_ptr_nonnull(strstr(xml, "&lt;b&gt;&amp;amp;"));
	ck_assert_ptr_nonnull(strstr(xml, "县&lt;局&gt;&amp;&quot;"));
	ck_assert_ptr_nonnull(strstr(xml, "\xef\xbf\xbd")); /* U+FFFD */
}

START_TEST(hostile_strings_escaped)
{
	struct plan *p = evil_plan();
	struct diag_list dl = { 0 };
	struct ledger *l = ledger_parse("evil/2024-05.csv", evil_csv,
	    sizeof evil_csv - 1, 2024, 5, p, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 2);
	struct merged *m = merge_build(p, NULL, &l, 1, NULL, "南阳市" EVIL, 1,
	    1, 0, 2024, 5, &dl);
	char *xml = to_xml(m);
	check_clean(xml);
	/* Provenance: simulated and the stations label; not sample. */
	ck_assert_ptr_nonnull(strstr(xml, "<label kind=\"simulated\">"
	    MERGE_LABEL_SIMULATED "</label>"));
	ck_assert_ptr_nonnull(strstr(xml, "监测数据：南阳市&lt;b&gt;"));
	ck_assert_ptr_null(strstr(xml, "kind=\"sample\""));
	/* Without monitoring data the air element says so. */
	ck_assert_ptr_nonnull(strstr(xml, "data=\"no\""));
	ck_assert_ptr_nonnull(strstr(xml, "verdict=\"no-data\""));
	ck_assert_ptr_nonnull(strstr(xml, "verdict=\"not-assessable\""));
	free(xml);
	merged_free(m);
	ledger_free(l);
	plan_free(p);
	diag_free(&dl);
}
END_TEST

START_TEST(validator_rejects)
{
	struct diag_list dl = { 0 };
	const char bad[] = "<?xml version=\"1.0\"?>\n"
	    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"x\" year=\"2024\" "
	    "month=\"13\" as-of=\"2024-13-31\"><plan/></merged>\n";
	ck_assert_int_eq(merged_xml_validate(bad, sizeof bad - 1, "bad.xml",
	    &dl), 0);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_str_eq(dl.v[0].file, "bad.xml");
	diag_free(&dl);
	const char broken[] = "<merged";
	ck_assert_int_eq(merged_xml_validate(broken, sizeof broken - 1, "b.xml",
	    &dl), 0);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);
}
END_TEST

/* ---- 南召县 2024: sample ledgers, CNEMC sample ------------------------- */

struct shipped {
	struct plan_meta meta;
	struct plan *p;
	struct ledger **led;
	size_t nled;
};

static void
shipped_load(struct shipped *s, const char *id)
{
	struct diag_list dl = { 0 };
	memset(s, 0, sizeof *s);
	s->p = fx_shipped_plan(id, &s->meta);
	ck_assert_int_eq(fx_shipped_ledgers(id, s->p, &s->led, &s->nled, &dl),
	    1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	diag_free(&dl);
}

static void
shipped_free(struct shipped *s)
{
	fx_ledgers_free(s->led, s->nled);
	plan_free(s->p);
	plan_meta_free(&s->meta);
}

static struct airq *
cnemc_airq(void)
{
	char *sample = xstrdup(lt_path(FX_CNEMC_SAMPLE));
	struct airq *aq = fx_airq_read(FX_CNEMC_LAYOUT, &sample, 1, 0, NULL, 0,
	    NULL, NULL);
	free(sample);
	return aq;
}

START_TEST(nanzhao_end_to_end)
{
	struct shipped s;
	shipped_load(&s, "nanzhao-2024");
	ck_assert_uint_ge(s.nled, 3);
	struct airq *aq = cnemc_airq();
	struct diag_list dl = { 0 };
	/* January: the CNEMC sample's hours; no ledger yet. */
	struct merged *m = merge_build(s.p, &s.meta, s.led, s.nled, aq,
	    "南阳市", 1, 0, 0, 2024, 1, &dl);
	ck_assert_int_eq(m->ledgers_this_month, 0);
	ck_assert_int_eq(m->by_state[LEDGER_UNREPORTED], (int)s.p->n_tasks);
	ck_assert_ptr_nonnull(m->air.area);
	ck_assert_uint_eq(m->air.n_days, 31);
	ck_assert_uint_eq(m->air.n_rankings, 10);   /* 3 areas: ranked */
	ck_assert_uint_eq(m->air.n_qst, 5);         /* 南阳市's 5 stations */
	ck_assert_int_eq(m->air.days[0].valid, 0);  /* 3 hours: no day */
	char *xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "监测数据：南阳市国控站点"));
	ck_assert_int_eq(count_of(xml, "<day "), 31);
	free(xml);
	merged_free(m);

	/* June: sample ledgers → 示例数据; tasks with a history from the
	 * first ledger month. */
	m = merge_build(s.p, &s.meta, s.led, s.nled, aq, "南阳市", 1, 0, 0,
	    2024, 6, &dl);
	ck_assert_int_eq(m->sample_ledgers, 1);
	ck_assert_int_eq(m->ledgers_this_month, 1);
	ck_assert_uint_eq(m->n_tasks, s.p->n_tasks);
	ck_assert_int_eq(m->months[0].year, s.led[0]->year);
	ck_assert_int_eq(m->months[0].month, s.led[0]->month);
	int sum = 0;
	for (int k = 0; k < LEDGER_NSTATE; k++)
		sum += m->by_state[k];
	ck_assert_int_eq(sum, (int)m->n_tasks);
	ck_assert_int_lt(m->by_state[LEDGER_UNREPORTED], (int)m->n_tasks);
	/* Every target listed: 南召's are all task targets that monitoring
	 * data cannot assess (秸秆综合利用率, 清扫率, …). */
	size_t nt = s.p->n_targets;
	for (size_t i = 0; i < s.p->n_tasks; i++)
		nt += s.p->tasks[i].n_targets;
	ck_assert_uint_eq(m->n_targets, nt);
	ck_assert_uint_ge(nt, 1);
	int straw = 0;
	for (size_t i = 0; i < m->n_targets; i++)
		if (strstr(m->targets[i].metric, "秸秆")) {
			ck_assert_int_eq(m->targets[i].r.verdict,
			    COMPL_NOT_ASSESSABLE);
			straw = 1;
		}
	ck_assert(straw);
	/* Per-unit summaries cover every unit the tasks name. */
	ck_assert_uint_ge(m->n_units, 5);
	for (size_t i = 0; i < m->n_units; i++) {
		const struct merged_unit *u = &m->units[i];
		int st = 0;
		for (int k = 0; k < LEDGER_NSTATE; k++)
			st += u->by_state[k];
		ck_assert_int_eq(st, u->tasks);
		ck_assert_int_le(u->overdue + u->by_state[LEDGER_DONE],
		    u->tasks);
	}
	xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "<label kind=\"sample\">示例数据"));
	ck_assert_ptr_nonnull(strstr(xml, "<label kind=\"stations\">"));
	ck_assert_ptr_null(strstr(xml, "kind=\"simulated\""));
	ck_assert_int_eq(count_of(xml, "\" state-name=\""), (int)s.p->n_tasks);
	ck_assert_int_eq(count_of(xml, "<target "), (int)nt);

	/* Byte-identical: a second build, another time zone. */
	const char *tz = getenv("TZ");
	char *saved = tz ? xstrdup(tz) : NULL;
	setenv("TZ", "America/New_York", 1);
	tzset();
	struct merged *m2 = merge_build(s.p, &s.meta, s.led, s.nled, aq,
	    "南阳市", 1, 0, 0, 2024, 6, &dl);
	char *xml2 = to_xml(m2);
	ck_assert_str_eq(xml, xml2);
	if (saved)
		setenv("TZ", saved, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
	/* Ledgers in another order give the same model. */
	struct ledger **rev = xcalloc(s.nled, sizeof *rev);
	for (size_t i = 0; i < s.nled; i++)
		rev[i] = s.led[s.nled - 1 - i];
	struct merged *m3 = merge_build(s.p, &s.meta, rev, s.nled, aq,
	    "南阳市", 1, 0, 0, 2024, 6, &dl);
	char *xml3 = to_xml(m3);
	ck_assert_str_eq(xml, xml3);
	free(rev);
	free(xml3);
	merged_free(m3);
	free(xml2);
	merged_free(m2);
	free(xml);
	merged_free(m);
	airq_free(aq);
	shipped_free(&s);
	diag_free(&dl);
}
END_TEST

/* ---- 西平县's targets against real Beijing data (2016) ----------------- */

static struct airq *bj;

static void
bj_setup(void)
{
	glob_t g;
	fx_beijing_files(&g);
	bj = fx_airq_read(FX_BEIJING_LAYOUT, g.gl_pathv, g.gl_pathc, 0, NULL,
	    0, NULL, NULL);
	globfree(&g);
}

static void
bj_teardown(void)
{
	airq_free(bj);
}

static const struct merged_target *
target_by(const struct merged *m, enum compl_metric mt)
{
	for (size_t i = 0; i < m->n_targets; i++)
		if (m->targets[i].r.metric == mt)
			return &m->targets[i];
	ck_abort_msg("no target %s", compliance_metric_code(mt));
	return NULL;
}

START_TEST(xiping_targets_on_beijing_2016)
{
	struct shipped s;
	shipped_load(&s, "xiping-2025");
	/* 西平县: PM2.5 < 35, 优良天数比率 ≥ 82.5 %, 重度及以上 ≤ 0.3 %, for
	 * 2025. Evaluated here as if set for 2016 on Beijing's data. */
	ck_assert_uint_eq(s.p->n_targets, 3);
	for (size_t i = 0; i < s.p->n_targets; i++)
		s.p->targets[i].year = 2016;
	struct diag_list dl = { 0 };
	const struct airq_area *a = airq_area_find(bj, "北京市");
	ck_assert_ptr_nonnull(a);
	struct merged *m = merge_build(s.p, &s.meta, NULL, 0, bj, "北京市", 0,
	    0, 0, 2016, 6, &dl);
	ck_assert_int_eq(m->air.have, 1);
	ck_assert_int_eq(m->air.none, MERGE_AIR_OK);  /* no <no-data> */
	ck_assert_ptr_null(m->air.none_text);
	ck_assert_uint_eq(m->air.n_rankings, 0);   /* one area only */

	/* Independent figures from airq_period. */
	struct airq_period ytd, rest;
	airq_period(bj, a, airq_range_ytd(2016, 6, 30), &ytd);
	airq_period(bj, a, airq_range_days(2015, 7, 1, 2015, 12, 31), &rest);
	ck_assert_int_eq(ytd.c[AQI_PM25], m->air.ytd.cur.c[AQI_PM25]);
	int R = 184;   /* 2016 is a leap year: July 1 .. December 31 */

	const struct merged_target *t = target_by(m, COMPL_M_PM25);
	int n = ytd.nvalid[AQI_PM25];
	int64_t left = 35 * (int64_t)AQI_SCALE * (n + R) - ytd.sum[AQI_PM25];
	if (left < 0) {
		ck_assert_int_eq(t->r.verdict, COMPL_MISSED);
	} else {
		int64_t ctl = left / ((int64_t)R * AQI_SCALE) * AQI_SCALE;
		ck_assert(t->r.control == ctl);
		/* the cleanest area day of the 365 days to June 30 */
		int64_t lo = INT64_MAX;
		int32_t to = airq_day_index(2016, 6, 30);
		for (int32_t d = to - 364; d <= to; d++) {
			const struct airq_day *ad = airq_area_day(a, d);
			if (ad && ad->c[AQI_PM25] != AQI_MISSING &&
			    ad->c[AQI_PM25] < lo)
				lo = ad->c[AQI_PM25];
		}
		ck_assert_int_eq(t->r.verdict, ctl < lo ? COMPL_MISSED :
		    ctl < rest.c[AQI_PM25] ? COMPL_AT_RISK : COMPL_ON_TRACK);
	}
	if (getenv("LT_VERBOSE"))
		fprintf(stderr, "PM2.5: %s\n", t->r.method);
	/* Beijing averaged 64 µg/m³ in the first half of 2016: the rest of
	 * the year would have to average 5 µg/m³, below any day of the past
	 * year: missed (impossible). */
	ck_assert(t->r.control == 5 * AQI_SCALE);
	ck_assert_int_eq(t->r.verdict, COMPL_MISSED);

	t = target_by(m, COMPL_M_GOOD_RATIO);
	int v = ytd.d.valid;
	/* ceil(0.825 × (v + 184)) − good, exactly */
	int total = (int)((825 * (int64_t)(v + R) + 999) / 1000);
	int needed = total - ytd.d.good;
	ck_assert_int_eq(t->r.needed, needed);
	ck_assert_int_eq(t->r.gap, needed - R);
	enum compl_verdict want = needed > R ? COMPL_MISSED :
	    (int64_t)needed * rest.d.valid > (int64_t)rest.d.good * R ?
	    COMPL_AT_RISK : COMPL_ON_TRACK;
	ck_assert_int_eq(t->r.verdict, want);

	t = target_by(m, COMPL_M_HEAVY_RATIO);
	int allowed = (int)(3 * (int64_t)(v + R) / 1000) - ytd.d.heavy;
	ck_assert_int_eq(t->r.needed, allowed);
	/* Beijing had heavy days in the winter of 2016 (e.g. early
	 * January): more than 0.3 % of the year allows. */
	ck_assert_int_gt(ytd.d.heavy, 1);
	ck_assert_int_eq(t->r.verdict, COMPL_MISSED);

	/* The 综合指数 ranking target is not a monitoring figure. */
	int rank_target = 0;
	for (size_t i = 0; i < m->n_targets; i++)
		if (strstr(m->targets[i].metric, "排名")) {
			ck_assert_int_eq(m->targets[i].r.verdict,
			    COMPL_NOT_ASSESSABLE);
			rank_target = 1;
		}
	ck_assert(rank_target);

	char *xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "年剩余日控制值"));
	ck_assert_ptr_nonnull(strstr(xml, "<period kind=\"month\" "
	    "from=\"2016-06-01\" to=\"2016-06-30\""));
	ck_assert_ptr_nonnull(strstr(xml, "have-prev=\"yes\""));
	ck_assert_ptr_null(strstr(xml, "<provenance>\n  <label"));
	ck_assert_int_eq(count_of(xml, "<station "), 12);
	if (getenv("LT_DUMP")) {
		FILE *fp = fopen(getenv("LT_DUMP"), "w");
		if (fp) {
			fputs(xml, fp);
			fclose(fp);
		}
	}
	free(xml);
	merged_free(m);

	/* December 2016: every figure final (met or missed). */
	m = merge_build(s.p, &s.meta, NULL, 0, bj, "北京市", 0, 0, 0, 2016,
	    12, &dl);
	for (size_t i = 0; i < m->n_targets; i++) {
		enum compl_verdict vd = m->targets[i].r.verdict;
		if (m->targets[i].r.metric != COMPL_M_NONE)
			ck_assert(vd == COMPL_MET || vd == COMPL_MISSED);
	}
	xml = to_xml(m);
	free(xml);
	merged_free(m);
	/* February 2017, the data's last month: no ledger, area present. */
	m = merge_build(s.p, &s.meta, NULL, 0, bj, "北京市", 0, 0, 0, 2017, 2,
	    &dl);
	ck_assert_uint_eq(m->air.n_days, 28);
	xml = to_xml(m);
	free(xml);
	merged_free(m);
	shipped_free(&s);
	diag_free(&dl);
}
END_TEST

/* ---- no monitoring data, said plainly ---------------------------------- */

START_TEST(no_air_said_plainly)
{
	struct shipped s;
	shipped_load(&s, "xiaye-2023");
	ck_assert_uint_eq(s.meta.stations.n, 0);
	struct diag_list dl = { 0 };
	/* 下冶镇: plan.conf names no area (济源市 has no national station
	 * in the data). */
	struct merged *m = merge_build(s.p, &s.meta, s.led, s.nled, NULL, NULL,
	    0, 0, 0, 2023, 9, &dl);
	ck_assert_int_eq(m->air.none, MERGE_AIR_NO_AREA);
	char *xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "<air-none reason=\"no-area\">"
	    "无监测数据：本方案未配置监测区域，"
	    "下冶镇（上级济源市）没有可用的国控站点监测数据</air-none>"));
	/* Published text names no configuration file or key. */
	ck_assert_ptr_null(strstr(xml, "plan.conf"));
	ck_assert_ptr_null(strstr(xml, "stations"));
	ck_assert_ptr_null(strstr(xml, "<air "));
	ck_assert_ptr_null(strstr(xml, "<no-data"));
	/* Targets on air quality cannot be assessed without data. */
	ck_assert_ptr_null(strstr(xml, "verdict=\"met\""));
	free(xml);
	merged_free(m);
	shipped_free(&s);

	/* An area the data do not hold: <air data="no"> with the reason. */
	shipped_load(&s, "nanzhao-2024");
	struct airq *aq = cnemc_airq();
	m = merge_build(s.p, &s.meta, s.led, s.nled, aq, "济源市", 1, 0, 0,
	    2024, 5, &dl);
	ck_assert_int_eq(m->air.none, MERGE_AIR_NOT_IN_DATA);
	xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "<air area=\"济源市\" data=\"no\">"));
	ck_assert_ptr_nonnull(strstr(xml, "<no-data reason=\"area-not-in-data\">"
	    "无监测数据：监测数据中没有地区“济源市”的国控站点数据</no-data>"));
	ck_assert_ptr_null(strstr(xml, "<air-none"));
	free(xml);
	merged_free(m);

	/* The area is in the data, but not in this year: the figures are
	 * absent and the reason given. */
	m = merge_build(s.p, &s.meta, s.led, s.nled, aq, "南阳市", 1, 0, 0,
	    2023, 12, &dl);
	ck_assert_int_eq(m->air.none, MERGE_AIR_NO_DATA);
	ck_assert_int_eq(m->air.have, 0);
	xml = to_xml(m);
	ck_assert_ptr_nonnull(strstr(xml, "<no-data reason=\"no-data-in-period\">"
	    "无监测数据：地区“南阳市”2023年1月1日至12月31日没有有效的日监测值"));
	free(xml);
	merged_free(m);

	/* The sample's three hours of 1 January 2024 make no daily value:
	 * no data either. */
	m = merge_build(s.p, &s.meta, s.led, s.nled, aq, "南阳市", 1, 0, 0,
	    2024, 1, &dl);
	ck_assert_int_eq(m->air.none, MERGE_AIR_NO_DATA);
	merged_free(m);
	airq_free(aq);
	shipped_free(&s);
	diag_free(&dl);

	/* The schema wants the reason's text, and one of <air>, <air-none>. */
	const char *bad[] = {
	    "<air-none reason=\"no-area\"></air-none>",
	    "<air-none reason=\"other\">x</air-none>",
	    "<air data=\"no\"/><air-none reason=\"no-area\">x</air-none>",
	    "",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char *doc = xasprintf("<?xml version=\"1.0\"?>\n"
		    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"x\" "
		    "year=\"2024\" month=\"5\" as-of=\"2024-05-31\"><plan/>"
		    "<provenance/><tasks total=\"0\" ledger-this-month=\"no\">"
		    "<months><month ym=\"2024-05\" present=\"no\" sample=\"no\"/>"
		    "</months><counts unreported=\"0\" not-started=\"0\" "
		    "in-progress=\"0\" done=\"0\" late=\"0\" overdue=\"0\" "
		    "due-soon=\"0\" done-late=\"0\" undated=\"0\"/></tasks>"
		    "<units/>%s<targets/></merged>\n", bad[i]);
		ck_assert_msg(merged_xml_validate(doc, strlen(doc), "t.xml", &dl)
		    == 0, "accepted: %s", bad[i]);
		free(doc);
		diag_free(&dl);
	}
	/* ... and accepts the good form. */
	char *doc = xasprintf("<?xml version=\"1.0\"?>\n"
	    "<merged xmlns=\"urn:lantian:merged:1\" plan=\"x\" "
	    "year=\"2024\" month=\"5\" as-of=\"2024-05-31\"><plan/>"
	    "<provenance/><tasks total=\"0\" ledger-this-month=\"no\">"
	    "<months><month ym=\"2024-05\" present=\"no\" sample=\"no\"/>"
	    "</months><counts unreported=\"0\" not-started=\"0\" "
	    "in-progress=\"0\" done=\"0\" late=\"0\" overdue=\"0\" "
	    "due-soon=\"0\" done-late=\"0\" undated=\"0\"/></tasks>"
	    "<units/><air-none reason=\"no-area\">无监测数据</air-none>"
	    "<targets/></merged>\n");
	ck_assert_int_eq(merged_xml_validate(doc, strlen(doc), "t.xml", &dl), 1);
	free(doc);
	diag_free(&dl);
}
END_TEST

static Suite *
merge_xml_suite(void)
{
	Suite *s = suite_create("merge_xml");
	TCase *tc = tcase_create("xml");
	tcase_add_test(tc, hostile_strings_escaped);
	tcase_add_test(tc, validator_rejects);
	tcase_add_test(tc, nanzhao_end_to_end);
	tcase_add_test(tc, no_air_said_plainly);
	suite_add_tcase(s, tc);
	tc = tcase_create("beijing");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, bj_setup, bj_teardown);
	tcase_add_test(tc, xiping_targets_on_beijing_2016);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(merge_xml_suite)
