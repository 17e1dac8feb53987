/*
 * test_plan_rules_truth.c -- the parser's rules as truth tables written by
 * hand from the plan conventions the parser follows (lantian-plan(5),
 * 任务 and 时限; see plan.h): which
 * phrases are deadlines and their dates, which are not dates at all
 * (document numbers, baselines), which line starts are item numbers
 * (N. and N． but not a decimal), how sub-item labels are written, and
 * which items are tasks when a plan numbers with both 1. and （一）.
 */
#include <string.h>

#include "lt_test.h"
#include "plan_dates.h"
#include "plan_markers.h"
#include "plan_parse.h"

/* ---- §3 deadlines ---------------------------------------------------------- */

static const struct {
	const char *text;
	const char *dates[3];   /* the deadlines found, in order */
	size_t starts;          /* start dates (自…起), not deadlines */
} deadline_truth[] = {
	{ "2024年5月底前完成排查。", { "2024-05-31" }, 0 },
	{ "2025年 9 月底前完成。", { "2025-09-30" }, 0 },
	{ "2024年2月底前完成。", { "2024-02-29" }, 0 },
	{ "2025年2月底前完成。", { "2025-02-28" }, 0 },
	{ "2024年年底前完成改造。", { "2024-12-31" }, 0 },
	{ "2024年底前完成改造。", { "2024-12-31" }, 0 },
	{ "到2025年年底，全面完成。", { "2025-12-31" }, 0 },
	{ "2024年末完成。", { "2024-12-31" }, 0 },
	{ "到2025年，基本消除重污染天气。", { "2025-12-31" }, 0 },
	{ "2024年6月15日前报送。", { "2024-06-15" }, 0 },
	/* Not dates: baselines and document numbers. */
	{ "PM2.5浓度比2015年下降25%。", { NULL }, 0 },
	{ "较2022年下降10%。", { NULL }, 0 },
	{ "PM2.5浓度比2020年底下降10%。", { NULL }, 0 },
	{ "优良天数比例较2023年年底提高2个百分点。", { NULL }, 0 },
	{ "根据《河南省空气质量持续改善行动计划》（豫政〔2021〕67号）要求。", { NULL }, 0 },
	{ "按照《产业结构调整指导目录（2019年本）》淘汰。", { NULL }, 0 },
	/* Start dates are not deadlines. */
	{ "自2024年起，每年新增公交车全部使用新能源汽车。", { NULL }, 1 },
};

START_TEST(deadlines)
{
	struct date_found f;
	memset(&f, 0, sizeof f);
	const char *text = deadline_truth[_i].text;
	dates_scan(text, 2024, 1, &f);
	size_t n = 0;
	while (n < 3 && deadline_truth[_i].dates[n])
		n++;
	ck_assert_msg(f.n_deadlines == n, "“%s”: %zu deadlines, want %zu%s%s", text,
	    f.n_deadlines, n, f.n_deadlines ? ", first " : "",
	    f.n_deadlines ? f.deadlines[0].date : "");
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(!strcmp(f.deadlines[i].date, deadline_truth[_i].dates[i]),
		    "“%s”: deadline %zu is %s, want %s", text, i, f.deadlines[i].date,
		    deadline_truth[_i].dates[i]);
	ck_assert_msg(f.n_starts == deadline_truth[_i].starts, "“%s”: %zu start dates, "
	    "want %zu", text, f.n_starts, deadline_truth[_i].starts);
	dates_found_free(&f);
}
END_TEST

/* ---- §1 item numbers ----------------------------------------------------------- */

static const struct {
	const char *line;
	enum marker_kind kind;
	int value;
} marker_truth[] = {
	{ "1.淘汰落后产能。", MARKER_ARABIC, 1 },
	{ "12．推进清洁取暖。", MARKER_ARABIC, 12 },
	{ "3．加强扬尘管控。", MARKER_ARABIC, 3 },
	{ "1.5万吨以下的锅炉全部淘汰。", MARKER_NONE, 0 },
	{ "2.5微米以下颗粒物。", MARKER_NONE, 0 },
	{ "（一）调整产业结构", MARKER_SUB, 1 },
	{ "（十一）强化监督", MARKER_SUB, 11 },
	{ "二、主要任务", MARKER_TOP, 2 },
	{ "附表1 重点任务清单", MARKER_ATTACH, 0 },
	{ "2024年完成。", MARKER_NONE, 0 },
};

START_TEST(markers)
{
	size_t len = 0;
	int v = -1;
	const char *s = marker_truth[_i].line;
	enum marker_kind k = marker_at(s, &len, &v);
	ck_assert_msg(k == marker_truth[_i].kind, "“%s”: marker kind %d, want %d", s, k,
	    marker_truth[_i].kind);
	if (k != MARKER_NONE && k != MARKER_ATTACH)
		ck_assert_msg(v == marker_truth[_i].value, "“%s”: value %d, want %d", s, v,
		    marker_truth[_i].value);
}
END_TEST

/* Sub-item labels as plans print them (GB/T 9704 numbering: 十一, not 一十一). */
START_TEST(sub_labels)
{
	static const struct {
		int v;
		const char *label;
	} t[] = {
		{ 1, "（一）" }, { 9, "（九）" }, { 10, "（十）" }, { 11, "（十一）" },
		{ 19, "（十九）" }, { 20, "（二十）" }, { 21, "（二十一）" },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *l = marker_sub_label(t[i].v);
		ck_assert_msg(!strcmp(l, t[i].label), "%d: %s, want %s", t[i].v, l, t[i].label);
		free(l);
	}
}
END_TEST

/* ---- §1 which items are tasks ---------------------------------------------------- */

static struct plan *
parse(const char *text, struct diag_list *dl)
{
	memset(dl, 0, sizeof *dl);
	return plan_parse("t.txt", text, strlen(text), NULL, dl);
}

/* A plan with arabic numbers: its N. items are the tasks, even when as
 * many （一） items carry a bracket (those are its sub-headings). */
START_TEST(arabic_items_are_the_tasks)
{
	struct diag_list dl;
	struct plan *p = parse(
	    "某县2024年蓝天保卫战实施方案\n"
	    "一、总体要求\n改善空气质量。\n"
	    "二、主要任务\n"
	    "（一）调整产业结构。推进结构调整。（县发展改革委牵头）\n"
	    "1.淘汰落后产能。2024年6月底前完成。（县工业和信息化局牵头）\n", &dl);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_tasks, 1);
	ck_assert_str_eq(p->tasks[0].number, "1");
	ck_assert_str_eq(p->tasks[0].title, "淘汰落后产能");
	ck_assert_int_eq(p->tasks[0].subsection, 0);
	plan_free(p);
	diag_free(&dl);
}
END_TEST

/* A （一） line without a full stop is a sub-heading, long or short
 * (the longest in the shipped plans run past 30 characters). */
START_TEST(long_sub_heading)
{
	struct diag_list dl;
	struct plan *p = parse(
	    "某县2024年蓝天保卫战实施方案\n"
	    "一、总体要求\n"
	    "（一）坚持以习近平生态文明思想为指导深入打好蓝天保卫战全面改善区域环境空气质量\n"
	    "改善空气质量。\n"
	    "二、主要任务\n"
	    "（一）调整产业结构\n"
	    "1.淘汰落后产能。2024年6月底前完成。（县工业和信息化局牵头）\n", &dl);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_sections, 2);
	ck_assert_uint_eq(p->sections[0].n_subs, 1);
	ck_assert_uint_eq(p->n_tasks, 1);
	plan_free(p);
	diag_free(&dl);
}
END_TEST

static Suite *
rules_truth_suite(void)
{
	Suite *s = suite_create("plan_rules_truth");
	TCase *tc = tcase_create("rules");
	tcase_add_loop_test(tc, deadlines, 0,
	    (int)(sizeof deadline_truth / sizeof *deadline_truth));
	tcase_add_loop_test(tc, markers, 0, (int)(sizeof marker_truth / sizeof *marker_truth));
	tcase_add_test(tc, sub_labels);
	tcase_add_test(tc, arabic_items_are_the_tasks);
	tcase_add_test(tc, long_sub_heading);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(rules_truth_suite)
