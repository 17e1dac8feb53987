/*
 * test_compliance.c -- task deadlines against ledgers (overdue on the
 * boundary day, the due-soon window, several deadlines, never reported,
 * completed late), per-unit counts of the merged model, the keyword table
 * of target metrics, and target verdicts on hand-built figures whose
 * numbers are computed by hand in the comments.
 */
#include <string.h>

#include "compliance.h"
#include "ledger.h"
#include "lt_test.h"
#include "merge.h"
#include "units.h"
#include "util.h"

#define S AQI_SCALE

/* ---- a hand-built plan ------------------------------------------------- */

struct tdef {
	const char *number;
	const char *deadlines[3];   /* dates, NULL-terminated */
	const char *lead, *coop;
};

/*
 * The evaluated month is May 2024 (as-of 2024-05-31; the due-soon window
 * is 2024-06-01 .. 2024-06-30).
 */
static const struct tdef tdefs[] = {
	/* 1: deadline on the as-of day, reported 推进中 → due (soon), not
	 *    overdue: overdue only from the day after the deadline */
	{ "1", { "2024-05-31" }, "县生态环境局", "县公安局" },
	/* 2: deadline on the last day of the window → due soon */
	{ "2", { "2024-06-30" }, "县生态环境局", NULL },
	/* 3: stage deadline passed, final one in December → not overdue */
	{ "3", { "2024-04-30", "2024-12-31" }, "县住房和城乡建设局", "县公安局" },
	/* 4: never reported, deadline in March → overdue, unreported */
	{ "4", { "2024-03-31" }, "县交通运输局", NULL },
	/* 5: deadline in April, 推进中 in April, 已完成 in May → done late */
	{ "5", { "2024-04-30" }, "县生态环境局", NULL },
	/* 6: no dated deadline → undated */
	{ "6", { NULL }, "县公安局", NULL },
	/* 7: deadline one day after the window → not due soon */
	{ "7", { "2024-07-01" }, "县交通运输局", NULL },
	/* 8: deadline in May, done in May → done on time */
	{ "8", { "2024-05-15" }, "县交通运输局", NULL },
	/* 9: deadline tomorrow of as-of, reported 已完成 → not due soon */
	{ "9", { "2024-06-01" }, "县公安局", NULL },
};
#define NT (sizeof tdefs / sizeof tdefs[0])

static struct plan *
test_plan(void)
{
	struct plan *p = xcalloc(1, sizeof *p);
	p->source = xstrdup("test/plan.txt");
	p->id = xstrdup("test-2024");
	p->place = xstrdup("南召县");
	p->level = xstrdup("县");
	p->plan_year = 2024;
	p->n_sections = 1;
	p->sections = xcalloc(1, sizeof *p->sections);
	p->sections[0].numeral = xstrdup("二");
	p->sections[0].title = xstrdup("重点任务");
	p->sections[0].kind = SECTION_TASKS;
	p->n_tasks = NT;
	p->tasks = xcalloc(NT, sizeof *p->tasks);
	for (size_t i = 0; i < NT; i++) {
		struct task *t = &p->tasks[i];
		t->number = xstrdup(tdefs[i].number);
		t->ordinal = (int)i + 1;
		t->subsection = -1;
		t->title = xasprintf("任务%s", tdefs[i].number);
		t->text = xstrdup(t->title);
		strvec_push(&t->lead, tdefs[i].lead);
		if (tdefs[i].coop)
			strvec_push(&t->cooperating, tdefs[i].coop);
		size_t n = 0;
		while (n < 3 && tdefs[i].deadlines[n])
			n++;
		t->n_deadlines = n;
		t->deadlines = xcalloc(n ? n : 1, sizeof *t->deadlines);
		for (size_t k = 0; k < n; k++) {
			t->deadlines[k].raw = xstrdup(tdefs[i].deadlines[k]);
			memcpy(t->deadlines[k].date, tdefs[i].deadlines[k], 10);
			t->deadlines[k].line = i + 1;
		}
		t->line_start = t->line_end = i + 1;
	}
	return p;
}

#define HDR "任务编号,进展状态,完成比例,进展情况,填报单位,填报日期\n"

static const char apr_csv[] = HDR
    "1,推进中,30%,开展排查,县生态环境局,2024-04-28\n"
    "5,推进中,50%,整治过半,县生态环境局,2024-04-28\n"
    "3,推进中,20%,阶段排查完成,县住房和城乡建设局,2024-04-29\n";

static const char may_csv[] = HDR
    "1,推进中,80%,\"<script>&\"\"整改\"\"</script>\",县生态环境局,2024-05-30\n"
    "1,推进中,60%,配合执法,县公安局,2024-05-30\n"
    "2,推进中,40%,按序时推进,县生态环境局,2024-05-30\n"
    "3,推进中,50%,持续整治,县住房和城乡建设局,2024-05-29\n"
    "5,已完成,100%,全部完成,县生态环境局,2024-05-20\n"
    "6,推进中,,常态化,县公安局,2024-05-20\n"
    "7,未启动,0%,,县交通运输局,2024-05-20\n"
    "8,已完成,100%,按期完成,县交通运输局,2024-05-14\n"
    "9,已完成,100%,提前完成,县公安局,2024-05-14\n";

static struct ledger *
mk_ledger(const char *csv, int month, const struct plan *p)
{
	struct diag_list dl = { 0 };
	char path[32];
	snprintf(path, sizeof path, "ledgers/2024-%02d.csv", month);
	struct ledger *l = ledger_parse(path, csv, strlen(csv), 2024, month, p,
	    &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	diag_free(&dl);
	return l;
}

static struct plan *tp;
static struct ledger *led[2];
static struct ledger_history *hist;

static void
setup(void)
{
	tp = test_plan();
	led[0] = mk_ledger(apr_csv, 4, tp);
	led[1] = mk_ledger(may_csv, 5, tp);
	hist = ledger_history_build(tp, led, 2);
}

static void
teardown(void)
{
	ledger_history_free(hist);
	ledger_free(led[0]);
	ledger_free(led[1]);
	plan_free(tp);
}

static struct compl_task
eval(size_t ti, int month)
{
	struct compl_task c;
	compliance_task(&tp->tasks[ti], hist, ti, 2024, month, &c);
	return c;
}

START_TEST(overdue_on_the_boundary_day)
{
	/* On its deadline day a task is still in time: due, not overdue. */
	struct compl_task c = eval(0, 5);
	ck_assert_int_eq(c.state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(c.percent10, 600);   /* the lowest of 80 % and 60 % */
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.days_overdue, 0);
	ck_assert_str_eq(c.deadline, "2024-05-31");
	ck_assert_int_eq(c.due_soon, 1);
	ck_assert_str_eq(c.due_soon_date, "2024-05-31");
	/* A month later (as of June 30) it is overdue: June 1 .. June 30 are
	 * the 30 days after the deadline. */
	c = eval(0, 6);
	ck_assert_int_eq(c.overdue, 1);
	ck_assert_int_eq(c.days_overdue, 30);
	ck_assert_int_eq(c.due_soon, 0);
	/* A month earlier the deadline is 31 days ahead: neither. */
	c = eval(0, 4);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 0);
}
END_TEST

START_TEST(due_soon_window)
{
	struct compl_task c = eval(1, 5);   /* 2024-06-30 = as-of + 30 */
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 1);
	ck_assert_str_eq(c.due_soon_date, "2024-06-30");
	c = eval(6, 5);                      /* 2024-07-01 = as-of + 31 */
	ck_assert_int_eq(c.due_soon, 0);
	ck_assert_int_eq(c.overdue, 0);
	c = eval(8, 5);                      /* as-of + 1, but 已完成 */
	ck_assert_int_eq(c.state, LEDGER_DONE);
	ck_assert_int_eq(c.due_soon, 0);
	/* In April, task 1 (May 31, as-of + 31) is outside the window and
	 * task 5 (April 30) is due on the as-of day: due soon, not overdue. */
	c = eval(0, 4);
	ck_assert_int_eq(c.due_soon, 0);
	c = eval(4, 4);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 1);
	ck_assert_str_eq(c.due_soon_date, "2024-04-30");
}
END_TEST

START_TEST(several_deadlines)
{
	struct compl_task c = eval(2, 5);
	ck_assert_str_eq(c.deadline, "2024-12-31");
	ck_assert_int_eq(c.stages_passed, 1);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 0);
	/* In March the stage deadline (April 30) is 30 days ahead: due soon
	 * counts stage deadlines too. */
	c = eval(2, 3);
	ck_assert_int_eq(c.state, LEDGER_UNREPORTED);
	ck_assert_int_eq(c.due_soon, 1);
	ck_assert_str_eq(c.due_soon_date, "2024-04-30");
	ck_assert_int_eq(c.stages_passed, 0);
	/* In December the final one (December 31) is the as-of day: due,
	 * not yet overdue; the stage deadline has passed. */
	c = eval(2, 12);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 1);
	ck_assert_int_eq(c.stages_passed, 1);
	ck_assert_int_eq(c.state, LEDGER_UNREPORTED);
}
END_TEST

START_TEST(never_reported)
{
	struct compl_task c = eval(3, 5);
	ck_assert_int_eq(c.state, LEDGER_UNREPORTED);
	ck_assert_int_eq(c.percent10, LEDGER_PERCENT_NONE);
	ck_assert_int_eq(c.overdue, 1);
	ck_assert_int_eq(c.days_overdue, 61);   /* March 31 → May 31 */
	/* Without any ledger at all. */
	compliance_task(&tp->tasks[3], NULL, 3, 2024, 5, &c);
	ck_assert_int_eq(c.state, LEDGER_UNREPORTED);
	ck_assert_int_eq(c.overdue, 1);
}
END_TEST

START_TEST(completed_late)
{
	struct compl_task c = eval(4, 5);
	ck_assert_int_eq(c.state, LEDGER_DONE);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.done_late, 1);
	ck_assert_int_eq(c.done_year, 2024);
	ck_assert_int_eq(c.done_month, 5);
	c = eval(7, 5);     /* deadline May 15, 已完成 in May: on time */
	ck_assert_int_eq(c.done_late, 0);
	ck_assert_int_eq(c.overdue, 0);
	c = eval(5, 5);
	ck_assert_int_eq(c.undated, 1);
	ck_assert_int_eq(c.overdue, 0);
	ck_assert_int_eq(c.due_soon, 0);
}
END_TEST

START_TEST(merged_counts_and_units)
{
	struct diag_list dl = { 0 };
	struct merged *m = merge_build(tp, NULL, led, 2, NULL, NULL, 0, 0, 0,
	    2024, 5, &dl);
	ck_assert_str_eq(m->as_of, "2024-05-31");
	ck_assert_uint_eq(m->n_months, 2);
	ck_assert_int_eq(m->ledgers_this_month, 1);
	/* States in May: 1 2 3 6 推进中, 5 8 9 已完成, 7 未启动, 4 未填报. */
	ck_assert_int_eq(m->by_state[LEDGER_IN_PROGRESS], 4);
	ck_assert_int_eq(m->by_state[LEDGER_DONE], 3);
	ck_assert_int_eq(m->by_state[LEDGER_NOT_STARTED], 1);
	ck_assert_int_eq(m->by_state[LEDGER_UNREPORTED], 1);
	ck_assert_int_eq(m->overdue, 1);      /* 4 (1 is due on the as-of day) */
	ck_assert_int_eq(m->due_soon, 2);     /* 1 and 2 */
	ck_assert_int_eq(m->done_late, 1);    /* 5 */
	ck_assert_int_eq(m->undated, 1);      /* 6 */
	/* History of task 5: April 推进中, May 已完成. */
	ck_assert_int_eq(m->tasks[4].history[0].state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(m->tasks[4].history[1].state, LEDGER_DONE);
	/* Latest reports: task 1 has two units in May, task 4 none. */
	ck_assert_uint_eq(m->tasks[0].n_reports, 2);
	ck_assert_int_eq(m->tasks[0].latest_month, 5);
	ck_assert_uint_eq(m->tasks[3].n_reports, 0);

	/* Units: 4 distinct canonical names. */
	ck_assert_uint_eq(m->n_units, 4);
	for (size_t i = 1; i < m->n_units; i++)
		ck_assert(strcmp(m->units[i - 1].id, m->units[i].id) < 0);
	int seen = 0;
	for (size_t i = 0; i < m->n_units; i++) {
		const struct merged_unit *u = &m->units[i];
		if (!strcmp(u->name, "南召县生态环境局")) {
			/* lead of 1, 2, 5: 1 and 2 due soon, 5 done late */
			ck_assert_int_eq(u->tasks, 3);
			ck_assert_int_eq(u->by_role[MERGE_ROLE_LEAD], 3);
			ck_assert_int_eq(u->by_state[LEDGER_DONE], 1);
			ck_assert_int_eq(u->overdue, 0);
			ck_assert_int_eq(u->due_soon, 2);
			ck_assert_int_eq(u->done_late, 1);
			seen++;
		} else if (!strcmp(u->name, "南召县公安局")) {
			/* cooperating on 1 and 3, lead of 6 and 9 */
			ck_assert_int_eq(u->tasks, 4);
			ck_assert_int_eq(u->by_role[MERGE_ROLE_LEAD], 2);
			ck_assert_int_eq(u->by_role[MERGE_ROLE_COOPERATING], 2);
			ck_assert_int_eq(u->overdue, 0);
			ck_assert_int_eq(u->by_state[LEDGER_DONE], 1);
			ck_assert_int_eq(u->by_state[LEDGER_IN_PROGRESS], 3);
			seen++;
		} else if (!strcmp(u->name, "南召县交通运输局")) {
			/* 4 overdue unreported, 7 not started, 8 done */
			ck_assert_int_eq(u->tasks, 3);
			ck_assert_int_eq(u->overdue, 1);
			ck_assert_int_eq(u->by_state[LEDGER_UNREPORTED], 1);
			ck_assert_int_eq(u->by_state[LEDGER_NOT_STARTED], 1);
			ck_assert_int_eq(u->by_state[LEDGER_DONE], 1);
			seen++;
		}
	}
	ck_assert_int_eq(seen, 3);
	merged_free(m);

	/* June: no ledger; every task unreported, months April-June. */
	m = merge_build(tp, NULL, led, 2, NULL, NULL, 0, 0, 0, 2024, 6, &dl);
	ck_assert_uint_eq(m->n_months, 3);
	ck_assert_int_eq(m->months[2].present, 0);
	ck_assert_int_eq(m->by_state[LEDGER_UNREPORTED], (int)NT);
	ck_assert_int_eq(m->ledgers_this_month, 0);
	ck_assert_uint_ge(diag_count(&dl, DIAG_NOTE), 1);
	/* the latest reports are still May's */
	ck_assert_int_eq(m->tasks[0].latest_month, 5);
	/* 1 (May 31) and 4 (March 31) are overdue, 2 (June 30) is due on
	 * the as-of day; 5, 8 and 9 passed their deadlines too but were
	 * reported 已完成 in May: a missing June ledger does not undo that. */
	ck_assert_int_eq(m->overdue, 2);
	ck_assert_int_eq(m->tasks[1].c.overdue, 0);
	ck_assert_int_eq(m->tasks[1].c.due_soon, 1);
	ck_assert_int_eq(m->tasks[4].c.state, LEDGER_UNREPORTED);
	ck_assert_int_eq(m->tasks[4].c.effective, LEDGER_DONE);
	ck_assert_int_eq(m->tasks[4].c.overdue, 0);
	ck_assert_int_eq(m->tasks[4].c.done_late, 1);
	ck_assert_int_eq(m->tasks[7].c.done_late, 0);
	ck_assert_int_eq(m->due_soon, 2);   /* 2: June 30, 7: July 1 */
	merged_free(m);

	/* March, before the first ledger: months March only... and the
	 * April/May ledgers are ignored (later than the month). */
	m = merge_build(tp, NULL, led, 2, NULL, NULL, 0, 0, 0, 2024, 3, &dl);
	ck_assert_uint_eq(m->n_months, 1);
	ck_assert_int_eq(m->by_state[LEDGER_UNREPORTED], (int)NT);
	ck_assert_int_eq(m->overdue, 0);    /* 4: March 31 is the as-of day */
	ck_assert_int_eq(m->tasks[3].c.due_soon, 1);
	merged_free(m);
	diag_free(&dl);
}
END_TEST

/* ---- metric keywords --------------------------------------------------- */

START_TEST(metric_table)
{
	static const struct {
		const char *metric, *unit;
		enum compl_metric want;
	} c[] = {
		{ "PM2.5浓度", "微克/立方米", COMPL_M_PM25 },
		{ "环境空气细颗粒物（PM2.5）年平均浓度", "微克/立方米", COMPL_M_PM25 },
		{ "PM₂.₅ 浓度", "μg/m³", COMPL_M_PM25 },
		{ "细颗粒物浓度", "ug/m3", COMPL_M_PM25 },
		{ "可吸入颗粒物（PM10）年平均浓度", "微克/立方米", COMPL_M_PM10 },
		{ "二氧化氮浓度", "微克/立方米", COMPL_M_NO2 },
		{ "SO2浓度", "微克/立方米", COMPL_M_SO2 },
		{ "CO浓度", "毫克/立方米", COMPL_M_CO },
		{ "臭氧浓度", "微克/立方米", COMPL_M_O3 },
		{ "空气质量优良天数比例", "%", COMPL_M_GOOD_RATIO },
		{ "空气质量优良天数比率", "%", COMPL_M_GOOD_RATIO },
		{ "优良天数", "天", COMPL_M_GOOD_DAYS },
		{ "重污染天数比例", "%", COMPL_M_HEAVY_RATIO },
		{ "重度及以上污染天数比率", "%", COMPL_M_HEAVY_RATIO },
		{ "重污染天数", "天", COMPL_M_HEAVY_DAYS },
		{ "综合指数", "", COMPL_M_COMPOSITE },
		/* not air-quality figures, or relative/ranking targets */
		{ "秸秆综合利用率", "%", COMPL_M_NONE },
		{ "综合指数全省县区排名提升位次", "位", COMPL_M_NONE },
		{ "PM2.5浓度较2020年下降", "%", COMPL_M_NONE },
		{ "重污染天气应急减排措施落实率", "%", COMPL_M_NONE },
		{ "PM2.5浓度", "%", COMPL_M_NONE },
		{ "CO2排放量", "万吨", COMPL_M_NONE },
		{ "COD排放浓度", "毫克/立方米", COMPL_M_NONE },
		{ "道路机械化清扫率", "%", COMPL_M_NONE },
		{ NULL, NULL, COMPL_M_NONE },
	};
	for (size_t i = 0; c[i].metric; i++)
		ck_assert_msg(compliance_metric(c[i].metric, c[i].unit) ==
		    c[i].want, "%s [%s]: %s", c[i].metric, c[i].unit,
		    compliance_metric_code(compliance_metric(c[i].metric,
		    c[i].unit)));
	ck_assert_int_eq(compliance_metric(NULL, NULL), COMPL_M_NONE);
}
END_TEST

START_TEST(parse_value)
{
	int64_t v;
	ck_assert(compliance_parse_value("82.5", &v) && v == 825000);
	ck_assert(compliance_parse_value("0.3", &v) && v == 3000);
	ck_assert(compliance_parse_value("35", &v) && v == 350000);
	ck_assert(!compliance_parse_value("", &v));
	ck_assert(!compliance_parse_value("3.5.1", &v));
	ck_assert(!compliance_parse_value("1.23456", &v));
	ck_assert(!compliance_parse_value("-1", &v));
	ck_assert(!compliance_parse_value(".5", &v));
}
END_TEST

/* ---- verdicts ------------------------------------------------------------ */

static void
period_init(struct airq_period *p, struct airq_range r)
{
	memset(p, 0, sizeof *p);
	p->range = r;
	p->days = r.to - r.from + 1;
	p->min_days = airq_range_min_days(r);
	p->good_pct = p->heavy_pct = p->composite = AQI_MISSING;
	for (int i = 0; i < AQI_NIND; i++)
		p->c[i] = p->single[i] = AQI_MISSING;
}

/*
 * 2024 (366 days), as of June 30: 182 days elapsed, R = 184 remain.
 * PM2.5: 180 valid days (two missing), mean 36 → sum 6480.
 * 优良 140 of 180 valid AQI days, 重污染 0.
 */
static struct compl_air
air_june(void)
{
	struct compl_air a;
	memset(&a, 0, sizeof a);
	a.year = 2024;
	a.month = 6;
	a.have = 1;
	period_init(&a.ytd, airq_range_ytd(2024, 6, 30));
	a.ytd.nvalid[AQI_PM25] = 180;
	a.ytd.sum[AQI_PM25] = 6480 * (int64_t)S;
	a.ytd.c[AQI_PM25] = 36 * S;
	a.ytd.d.valid = 180;
	a.ytd.d.good = 140;
	a.ytd.d.heavy = 0;
	a.ytd.good_pct = 778000;             /* 77.8 % */
	a.ytd.heavy_pct = 0;
	a.ytd.c[AQI_O3_8H] = 150 * S;
	a.ytd.composite = 45000;             /* 4.50 */
	struct airq_range rest = airq_range_days(2023, 7, 1, 2023, 12, 31);
	period_init(&a.prev_rest, rest);
	a.have_prev_rest = 1;
	a.prev_rest.c[AQI_PM25] = 38 * S;
	a.prev_rest.d.valid = 184;
	a.prev_rest.d.good = 150;            /* 81.5 % */
	a.prev_rest.good_pct = 815000;
	a.prev_rest.d.heavy = 3;
	a.prev_rest.heavy_pct = 16000;
	return a;
}

static struct target
tgt(const char *metric, const char *op, const char *value, const char *unit,
    int year)
{
	struct target t = { (char *)metric, (char *)op, (char *)value, NULL,
		(char *)unit, year, (char *)metric, 1 };
	return t;
}

/*
 * The reasoning is published (bulletin, site): plain Chinese with the
 * figures, no formula. No ceil( / floor(, no =, ×, ÷ or parentheses of a
 * formula, and no ASCII word except the pollutant names PM2.5 and PM10.
 */
static void
assert_plain_words(const char *method)
{
	static const char *formula[] = { "ceil", "floor", "=", "×", "÷", "(",
		")", "−", "*", NULL };
	for (int i = 0; formula[i]; i++)
		ck_assert_msg(strstr(method, formula[i]) == NULL,
		    "formula '%s' in the published reasoning: %s", formula[i],
		    method);
	char *m = xstrdup(method);
	static const char *names[] = { "PM2.5", "PM10", NULL };
	for (int i = 0; names[i]; i++)
		for (char *p; (p = strstr(m, names[i])) != NULL;)
			memset(p, ' ', strlen(names[i]));
	for (const char *p = m; *p; p++)
		ck_assert_msg(!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')),
		    "ASCII word in the published reasoning: %s", method);
	free(m);
}

static enum compl_verdict
verdict_of(const struct target *t, const struct compl_air *a,
    struct compl_target *out)
{
	compliance_target(t, a, out);
	ck_assert_ptr_nonnull(out->method);
	ck_assert(*out->method);
	assert_plain_words(out->method);
	return out->verdict;
}

START_TEST(control_value_at_risk_and_on_track)
{
	struct compl_air a = air_june();
	struct target t = tgt("PM2.5浓度", "<", "35", "微克/立方米", 2024);
	struct compl_target r;
	/* (35 × (180 + 184) − 6480) / 184 = 6260 / 184 = 34.02 → 34,
	 * below last year's 38 over July–December: at risk. */
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert(r.control == 34 * S);
	ck_assert(r.reference == 38 * S);
	ck_assert(r.current == 36 * S);
	ck_assert_int_eq(r.remaining, 184);
	ck_assert_ptr_nonnull(strstr(r.method, "剩余184天的日均浓度平均不能超过"
	    "34微克/立方米（年剩余日控制值"));
	ck_assert_ptr_nonnull(strstr(r.method, "全年364个有效日按目标值计的"
	    "浓度总量约12740，减去已有180天的日均浓度之和约6480"));
	compliance_target_clear(&r);
	/* Last year's rest averaged 30: the control value is above it. */
	a.prev_rest.c[AQI_PM25] = 30 * S;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	/* Exactly 34 last year: not below → on track (34.02 ≥ 34). */
	a.prev_rest.c[AQI_PM25] = 34 * S;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	/* Impossible: the area's cleanest day of the past year was 35,
	 * above the control value 34 → missed. 34 itself is possible. */
	a.prev_rest.c[AQI_PM25] = 30 * S;
	a.min_day[AQI_PM25] = 35 * S;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	ck_assert(r.control == 34 * S);
	ck_assert_ptr_nonnull(strstr(r.method, "最清洁的一天"));
	compliance_target_clear(&r);
	a.min_day[AQI_PM25] = 34 * S;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	a.min_day[AQI_PM25] = AQI_MISSING;
	/* Without last year: compared with the year-to-date mean 36. */
	a.have_prev_rest = 0;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert(r.reference == 36 * S);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(control_value_negative)
{
	struct compl_air a = air_june();
	/* mean 75 over 180 days: 13500 > 35 × 364 = 12740 → missed. */
	a.ytd.sum[AQI_PM25] = 13500 * (int64_t)S;
	a.ytd.c[AQI_PM25] = 75 * S;
	struct target t = tgt("PM2.5浓度", "<=", "35", "微克/立方米", 2024);
	struct compl_target r;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	ck_assert(r.control == AQI_MISSING);
	ck_assert_ptr_nonnull(strstr(r.method, "已有180天的日均浓度之和约为13500，"
	    "已超过全年364个有效日按目标值计的浓度总量约12740，剩余天数即使浓度"
	    "为零也无法达到目标"));
	compliance_target_clear(&r);
	/* The boundary: sum exactly 12740 → control 0, allowed (not < 0). */
	a.ytd.sum[AQI_PM25] = 12740 * (int64_t)S;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert(r.control == 0);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(year_end_met_or_missed)
{
	struct compl_air a = air_june();
	a.month = 12;
	a.have_prev_rest = 0;
	a.ytd.range = airq_range_year(2024);
	a.ytd.c[AQI_PM25] = 34 * S;
	struct target t = tgt("PM2.5浓度", "<", "35", "微克/立方米", 2024);
	struct compl_target r;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MET);
	ck_assert_int_eq(r.remaining, 0);
	compliance_target_clear(&r);
	a.ytd.c[AQI_PM25] = 35 * S;       /* "低于 35": 35 is not below */
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	compliance_target_clear(&r);
	t.op = "<=";
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MET);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(good_days)
{
	struct compl_air a = air_june();
	struct target t = tgt("空气质量优良天数比率", ">=", "82.5", "%", 2024);
	struct compl_target r;
	/* ceil(0.825 × (180 + 184)) = ceil(300.3) = 301; 301 − 140 = 161
	 * needed in 184 days (87.5 %), last year's rest 150/184 = 81.5 %:
	 * at risk. gap = 161 − 184 = −23. */
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert_int_eq(r.needed, 161);
	ck_assert_int_eq(r.gap, -23);
	ck_assert(r.reference == 815000);
	ck_assert_ptr_nonnull(strstr(r.method, "剩余184天按全部有效计，全年有效"
	    "364天；优良天数比例要达到目标，全年需优良天数至少301天"));
	ck_assert_ptr_nonnull(strstr(r.method, "已有优良天数140天，尚需161天"));
	compliance_target_clear(&r);
	/* Last year's rest had 170 good days (92.4 %): on track. */
	a.prev_rest.d.good = 170;
	a.prev_rest.good_pct = 924000;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	/* Only 100 good days so far: 201 needed > 184 left: impossible. */
	a.ytd.d.good = 100;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	ck_assert_int_eq(r.needed, 201);
	ck_assert_int_eq(r.gap, 17);
	ck_assert_ptr_nonnull(strstr(r.method, "距离年目标值差17天"));
	compliance_target_clear(&r);
	/* A day count: 优良天数 ≥ 250 days, 140 so far → 110 of 184. Last
	 * year's rest 170/184 ≥ 110/184: on track. */
	a.ytd.d.good = 140;
	struct target d = tgt("优良天数", ">=", "250", "天", 2024);
	ck_assert_int_eq(verdict_of(&d, &a, &r), COMPL_ON_TRACK);
	ck_assert_int_eq(r.needed, 110);
	compliance_target_clear(&r);

	/* December 31 (R = 0): ceil(0.825 × 360) = 297 exactly. */
	a.month = 12;
	a.have_prev_rest = 0;
	a.ytd.d.valid = 360;
	a.ytd.d.good = 297;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MET);
	compliance_target_clear(&r);
	a.ytd.d.good = 296;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	ck_assert_int_eq(r.gap, 1);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(good_days_secured_early)
{
	/* 2023 (365 days) as of October 31: 304 days, R = 61; 300 good of
	 * 300 valid. ceil(0.5 × 361) = 181 ≤ 300: met already. */
	struct compl_air a;
	memset(&a, 0, sizeof a);
	a.year = 2023;
	a.month = 10;
	a.have = 1;
	period_init(&a.ytd, airq_range_ytd(2023, 10, 31));
	a.ytd.d.valid = 300;
	a.ytd.d.good = 300;
	a.ytd.good_pct = 100 * S;
	struct target t = tgt("优良天数比例", ">=", "50", "%", 2023);
	struct compl_target r;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MET);
	ck_assert_int_eq(r.remaining, 61);
	ck_assert_int_eq(r.needed, 0);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(heavy_days)
{
	struct compl_air a = air_june();
	struct target t = tgt("重度及以上污染天数比率", "<=", "0.3", "%", 2024);
	struct compl_target r;
	/* floor(0.003 × 364) = floor(1.092) = 1 allowed; none so far; last
	 * year's rest had 3: at risk. */
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert_int_eq(r.needed, 1);
	ck_assert_ptr_nonnull(strstr(r.method, "重污染天数比例要不超过目标，全年至多"
	    "允许重污染1天"));
	compliance_target_clear(&r);
	a.prev_rest.d.heavy = 1;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	/* Two heavy days already: 1 − 2 < 0 → missed. */
	a.ytd.d.heavy = 2;
	a.ytd.heavy_pct = 11000;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_MISSED);
	ck_assert_int_eq(r.needed, -1);
	compliance_target_clear(&r);
	/* Without last year: rate 1/180 over 184 days ≈ 1.02 > 0 allowed
	 * (1 heavy day so far, total 1) → at risk. */
	a.ytd.d.heavy = 1;
	a.have_prev_rest = 0;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert_int_eq(r.needed, 0);
	compliance_target_clear(&r);
	/* "控制在 0.8% 以内" (南阳): floor(0.008 × 364) = 2; 1 so far, rate
	 * 1/180 × 184 = 1.02 > 1 → at risk; with 0 so far → on track. */
	struct target n = tgt("重污染天数比例", "<=", "0.8", "%", 2024);
	ck_assert_int_eq(verdict_of(&n, &a, &r), COMPL_AT_RISK);
	compliance_target_clear(&r);
	a.ytd.d.heavy = 0;
	ck_assert_int_eq(verdict_of(&n, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
}
END_TEST

START_TEST(other_verdicts)
{
	struct compl_air a = air_june();
	struct compl_target r;
	/* Not an air-quality figure: listed as not assessable. */
	struct target s = tgt("秸秆综合利用率", ">=", "94", "%", 2024);
	ck_assert_int_eq(verdict_of(&s, &a, &r), COMPL_NOT_ASSESSABLE);
	ck_assert_ptr_nonnull(strstr(r.method, "无法由监测数据评估"));
	compliance_target_clear(&r);
	/* An air figure without data. */
	struct target t = tgt("PM2.5浓度", "<", "35", "微克/立方米", 2024);
	a.have = 0;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_NO_DATA);
	compliance_target_clear(&r);
	a.have = 1;
	a.ytd.c[AQI_PM25] = AQI_MISSING;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_NO_DATA);
	ck_assert_ptr_nonnull(strstr(r.method, "数据不足"));
	compliance_target_clear(&r);
	a = air_june();
	/* A later target year: the year-to-date value as an indication. */
	t.year = 2025;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK); /* 36 ≥ 35 */
	ck_assert_int_eq(r.target_year, 2025);
	compliance_target_clear(&r);
	/* An earlier one: past. */
	t.year = 2023;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_NOT_ASSESSABLE);
	compliance_target_clear(&r);
	/* Year 0 = the evaluated year. */
	t.year = 0;
	ck_assert_int_eq(verdict_of(&t, &a, &r), COMPL_AT_RISK);
	ck_assert_int_eq(r.target_year, 2024);
	compliance_target_clear(&r);
	/* O3-8h-90per ≤ 160: 150 → on track; composite ≤ 4.2: 4.50 → at
	 * risk. */
	struct target o = tgt("臭氧浓度", "<=", "160", "微克/立方米", 2024);
	ck_assert_int_eq(verdict_of(&o, &a, &r), COMPL_ON_TRACK);
	compliance_target_clear(&r);
	struct target c = tgt("综合指数", "<=", "4.2", "", 2024);
	ck_assert_int_eq(verdict_of(&c, &a, &r), COMPL_AT_RISK);
	compliance_target_clear(&r);
	/* 下冶镇 prints "优良天数比例达到62%及以下": compared as written,
	 * with a note. 77.8 > 62 → at risk. */
	struct target x = tgt("优良天数比例", "<=", "62", "%", 2024);
	ck_assert_int_eq(verdict_of(&x, &a, &r), COMPL_AT_RISK);
	ck_assert_ptr_nonnull(strstr(r.method, "按原文比较"));
	compliance_target_clear(&r);
	/* An unreadable value. */
	struct target u = tgt("PM2.5浓度", "<", "三十五", "微克/立方米", 2024);
	ck_assert_int_eq(verdict_of(&u, &a, &r), COMPL_NOT_ASSESSABLE);
	compliance_target_clear(&r);
}
END_TEST

static Suite *
compliance_suite(void)
{
	Suite *s = suite_create("compliance");
	TCase *tc = tcase_create("tasks");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, overdue_on_the_boundary_day);
	tcase_add_test(tc, due_soon_window);
	tcase_add_test(tc, several_deadlines);
	tcase_add_test(tc, never_reported);
	tcase_add_test(tc, completed_late);
	tcase_add_test(tc, merged_counts_and_units);
	suite_add_tcase(s, tc);
	tc = tcase_create("targets");
	tcase_add_test(tc, metric_table);
	tcase_add_test(tc, parse_value);
	tcase_add_test(tc, control_value_at_risk_and_on_track);
	tcase_add_test(tc, control_value_negative);
	tcase_add_test(tc, year_end_met_or_missed);
	tcase_add_test(tc, good_days);
	tcase_add_test(tc, good_days_secured_early);
	tcase_add_test(tc, heavy_days);
	tcase_add_test(tc, other_verdicts);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(compliance_suite)
