/*
 * test_bulletin_model.c -- reading the bulletin's inputs (bulletin_model.c):
 * the merged document of nanzhao-2024 2024-08 (figures as the document's
 * own strings, absent figures NULL, tasks, units, calendar, quality),
 * xiaye-2023 (<air-none>), a month without data (<no-data>), boai-2023
 * 2023-12 (overdue tasks), xiping-2025 (targets with figures), the ranking
 * of 2024-08 (ties) and the Nanyang area index; refused inputs (absent,
 * not XML, the wrong document, schema violations) with the file named.
 * The expected values were read off the fixtures in tests/data/bulletin/
 * (copies of `lantian build` outputs).
 */
#include <string.h>

#include "bulletin.h"
#include "bulletin_model.h"
#include "buf.h"
#include "lt_test.h"
#include "textload.h"
#include "util.h"

static struct buf
load_fixture(const char *name)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	char *rel = xasprintf("tests/data/bulletin/%s", name);
	ck_assert_msg(file_read_all(lt_path(rel), 0, &b, &dl), "%s", rel);
	free(rel);
	diag_free(&dl);
	return b;
}

static int
read_merged(const char *name, struct bm_merged *m, struct diag_list *dl)
{
	struct buf b = load_fixture(name);
	struct bulletin_src src = { name, b.data, b.len };
	int ok = bm_merged_read(&src, m, dl);
	buf_free(&b);
	return ok;
}

static const struct bm_task *
task_by_number(const struct bm_merged *m, const char *number)
{
	for (size_t i = 0; i < m->ntasks; i++)
		if (strcmp(m->tasks[i].number, number) == 0)
			return &m->tasks[i];
	return NULL;
}

START_TEST(nanzhao_header_and_tasks)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("nanzhao-2024-08.xml", &m, &dl));
	ck_assert_str_eq(m.plan_id, "nanzhao-2024");
	ck_assert_int_eq(m.year, 2024);
	ck_assert_int_eq(m.month, 8);
	ck_assert_str_eq(m.as_of, "2024-08-31");
	ck_assert_str_eq(m.place, "南召县");
	ck_assert_str_eq(m.title, "南召县2024年蓝天保卫战实施方案");
	ck_assert_uint_eq(m.nlabels, 3);
	ck_assert_str_eq(m.labels[0].kind, "simulated");
	ck_assert_str_eq(m.labels[0].text, "模拟数据，仅供演示");
	ck_assert_str_eq(m.total, "30");
	ck_assert_uint_eq(m.ntasks, 30);
	ck_assert_str_eq(m.c_done, "7");
	ck_assert_str_eq(m.c_in_progress, "23");
	ck_assert_str_eq(m.c_overdue, "0");
	ck_assert_str_eq(m.c_due_soon, "1");
	ck_assert_str_eq(m.c_undated, "17");

	const struct bm_task *t = task_by_number(&m, "1");
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->title, "依法依规淘汰落后产能");
	ck_assert_str_eq(t->state_name, "推进中");
	ck_assert_str_eq(t->percent, "60.0");
	ck_assert_uint_eq(t->nunits, 5);
	ck_assert_str_eq(t->units[0].role, "lead");
	ck_assert_str_eq(t->units[0].name, "县工业和信息化局");
	ck_assert_str_eq(t->deadline, "2024-12-31");
	ck_assert_str_eq(t->deadline_raw, "2024年年底前");
	ck_assert(!t->overdue);
	ck_assert_str_eq(t->report_ym, "2024-08");
	ck_assert_ptr_nonnull(strstr(t->report_text, "累计关停退出5家"));

	t = task_by_number(&m, "2");
	ck_assert_str_eq(t->done_since, "2024-06");

	/* exactly one task is due soon, and the model says which */
	size_t due = 0;
	for (size_t i = 0; i < m.ntasks; i++)
		due += m.tasks[i].due_soon;
	ck_assert_uint_eq(due, 1);

	ck_assert_uint_eq(m.nunits, 18);
	ck_assert_str_eq(m.units[0].name, "南召县商务局");
	ck_assert_str_eq(m.units[0].lead, "2");
	int found = 0;
	for (size_t i = 0; i < m.nunits; i++)
		if (strcmp(m.units[i].name, "南召县生态环境局") == 0) {
			ck_assert_str_eq(m.units[i].tasks, "29");
			ck_assert_str_eq(m.units[i].lead, "23");
			ck_assert_str_eq(m.units[i].done, "6");
			found = 1;
		}
	ck_assert(found);
	bm_merged_free(&m);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	diag_free(&dl);
}
END_TEST

START_TEST(nanzhao_air)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("nanzhao-2024-08.xml", &m, &dl));
	ck_assert_int_eq(m.air, BM_AIR_DATA);
	ck_assert_str_eq(m.area, "南阳市");
	const struct bm_period *p = &m.month_p;
	ck_assert(p->present && p->valid && p->have_prev);
	ck_assert_str_eq(p->from, "2024-08-01");
	ck_assert_uint_eq(p->nfig, 6);
	const struct bm_figure *f = bm_period_figure(p, "pm25");
	ck_assert_str_eq(f->value, "22");
	ck_assert_str_eq(f->prev, "25");
	ck_assert_str_eq(f->change, "-12.0");
	f = bm_period_figure(p, "co");
	ck_assert_str_eq(f->value, "0.7");
	ck_assert_str_eq(f->change, "0.0");
	ck_assert_str_eq(p->comp_value, "2.75");
	ck_assert_str_eq(p->good, "30");
	ck_assert_str_eq(p->good_ratio, "96.8");
	ck_assert_str_eq(p->level_days[1], "27");
	const struct bm_exceed *e = bm_period_exceed(p, "o3_8h");
	ck_assert_str_eq(e->days, "1");
	ck_assert_str_eq(e->primary_days, "28");

	p = &m.ytd_p;
	ck_assert(p->present);
	ck_assert_str_eq(p->to, "2024-08-31");
	ck_assert_str_eq(bm_period_figure(p, "pm25")->value, "48");
	ck_assert_str_eq(p->good, "163");
	ck_assert_str_eq(p->prev_good, "164");
	ck_assert_str_eq(p->good_points, "-0.7");
	ck_assert_str_eq(bm_period_exceed(p, "pm25")->days, "39");

	ck_assert_uint_eq(m.ndays, 31);
	ck_assert_int_eq(m.days[0].day, 1);
	ck_assert_int_eq(m.days[0].aqi, 104);
	ck_assert_int_eq(m.days[0].level, 3);
	ck_assert_str_eq(m.days[0].category, "轻度污染");
	ck_assert_int_eq(m.days[30].day, 31);

	ck_assert(m.has_quality);
	ck_assert_str_eq(m.q.aqi_days_valid, "31");
	ck_assert_uint_eq(m.q.nst, 5);
	ck_assert_str_eq(m.q.st[0].name, "瓦房庄");
	ck_assert_str_eq(m.q.st[0].hours_data, "740");
	ck_assert_uint_eq(m.q.st[0].npol, 7);
	ck_assert_str_eq(m.q.st[0].pol[0].short_days, "1");

	ck_assert_uint_eq(m.ntargets, 5);
	ck_assert_str_eq(m.targets[0].verdict, "not-assessable");
	ck_assert(!m.targets[0].has_figures);
	bm_merged_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(xiaye_air_none)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("xiaye-2023-12.xml", &m, &dl));
	ck_assert_int_eq(m.air, BM_AIR_NONE);
	ck_assert_ptr_nonnull(strstr(m.air_text, "无监测数据"));
	ck_assert(!m.month_p.present);
	ck_assert_uint_eq(m.ndays, 0);
	/* targets on air figures exist but cannot be judged */
	int nodata = 0;
	for (size_t i = 0; i < m.ntargets; i++)
		nodata += strcmp(m.targets[i].verdict, "no-data") == 0;
	ck_assert_int_eq(nodata, 3);
	bm_merged_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(month_without_data)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("nodata-2024-08.xml", &m, &dl));
	ck_assert_int_eq(m.air, BM_AIR_NO_DATA);
	ck_assert_ptr_nonnull(strstr(m.air_text, "没有监测数据"));
	ck_assert(!m.month_p.present && !m.ytd_p.present);
	ck_assert(!m.has_quality);
	bm_merged_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(boai_overdue)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("boai-2023-12.xml", &m, &dl));
	ck_assert_str_eq(m.c_overdue, "2");
	size_t overdue = 0;
	for (size_t i = 0; i < m.ntasks; i++) {
		const struct bm_task *t = &m.tasks[i];
		if (!t->overdue)
			continue;
		overdue++;
		ck_assert_str_eq(t->days_overdue, "214");
		ck_assert_str_eq(t->deadline, "2023-05-31");
		ck_assert_str_eq(t->deadline_raw, "2023年5月底前");
		ck_assert_str_eq(t->state_name, "滞后");
	}
	ck_assert_uint_eq(overdue, 2);
	/* units with overdue tasks carry the count */
	int unit_overdue = 0;
	for (size_t i = 0; i < m.nunits; i++)
		unit_overdue += m.units[i].n_overdue;
	ck_assert_int_ge(unit_overdue, 2);
	bm_merged_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(xiping_targets)
{
	struct bm_merged m;
	struct diag_list dl = { 0 };
	ck_assert(read_merged("xiping-2025-08.xml", &m, &dl));
	const struct bm_target *t = &m.targets[0];
	ck_assert_str_eq(t->scope, "plan");
	ck_assert_str_eq(t->metric_code, "pm25");
	ck_assert_str_eq(t->verdict_name, "有风险");
	ck_assert_str_eq(t->op, "<");
	ck_assert_str_eq(t->value, "35");
	ck_assert_str_eq(t->unit, "微克/立方米");
	ck_assert(t->has_figures);
	ck_assert_str_eq(t->current, "43");
	ck_assert_str_eq(t->control, "18");
	ck_assert_str_eq(t->remaining_days, "122");
	ck_assert_ptr_null(t->gap);
	t = &m.targets[1];
	ck_assert_str_eq(t->verdict, "missed");
	ck_assert_str_eq(t->gap, "8");
	ck_assert_str_eq(t->good_days_needed, "130");
	ck_assert_str_eq(m.targets[3].task_number, "四.（一）");
	bm_merged_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(ranking_with_ties)
{
	struct buf b = load_fixture("ranking-2024-08.xml");
	struct bulletin_src src = { "ranking-2024-08.xml", b.data, b.len };
	struct bm_rankings r;
	struct diag_list dl = { 0 };
	ck_assert(bm_rankings_read(&src, &r, &dl));
	ck_assert_int_eq(r.areas, 3);
	ck_assert_uint_eq(r.n, 10);
	ck_assert_ptr_nonnull(strstr(r.note_ties, "并列"));
	const struct bm_ranking *k = bm_rankings_find(&r, "pm25", "month");
	ck_assert_ptr_nonnull(k);
	ck_assert_uint_eq(k->nrows, 3);
	ck_assert_str_eq(k->rows[1].area, "南阳市");
	ck_assert_str_eq(k->rows[1].key, "22");
	ck_assert_int_eq(k->rows[1].rank, 2);
	ck_assert(k->rows[1].tied);
	ck_assert_str_eq(k->rows[1].place, "并列第2位");
	k = bm_rankings_find(&r, "good-ratio", "ytd");
	ck_assert_str_eq(k->rows[0].pm25, "42");
	ck_assert_ptr_null(bm_rankings_find(&r, "so2", "month"));
	bm_rankings_free(&r);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

START_TEST(area_index)
{
	struct buf b = load_fixture("nanyang-index.xml");
	struct bulletin_src src = { "nanyang-index.xml", b.data, b.len };
	struct bm_index ix;
	struct diag_list dl = { 0 };
	ck_assert(bm_index_read(&src, &ix, &dl));
	ck_assert_str_eq(ix.area, "南阳市");
	ck_assert_uint_eq(ix.n, 48);
	const struct bm_index_month *m = bm_index_find(&ix, 2022, 8);
	ck_assert_ptr_nonnull(m);
	ck_assert_str_eq(m->valid_days, "30");
	ck_assert_str_eq(m->pm25, "33");
	ck_assert_str_eq(m->good_ratio, "66.7");
	ck_assert_ptr_null(bm_index_find(&ix, 2026, 1));
	bm_index_free(&ix);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

static int
has_error_naming(const struct diag_list *dl, const char *file)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == DIAG_ERROR && dl->v[i].file &&
		    strcmp(dl->v[i].file, file) == 0)
			return 1;
	return 0;
}

/* A DOCTYPE is refused before its entities are declared: a "billion
 * laughs" bomb (10^9 "lol") in a merged document costs nothing; an empty
 * document is an error with a message (it was refused silently). */
START_TEST(doctype_and_empty_refused)
{
	struct buf b = load_fixture("nanzhao-2024-08.xml");
	const char *decl_end = strstr(b.data, "?>");
	ck_assert_ptr_nonnull(decl_end);
	struct buf bomb = {0};
	buf_put(&bomb, b.data, (size_t)(decl_end + 2 - b.data));
	buf_puts(&bomb, "\n<!DOCTYPE merged [<!ENTITY l0 \"lol\">");
	for (int i = 1; i <= 9; i++) {
		buf_printf(&bomb, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_printf(&bomb, "&l%d;", i - 1);
		buf_puts(&bomb, "\">");
	}
	buf_puts(&bomb, "]>");
	buf_puts(&bomb, decl_end + 2);
	struct bm_merged m;
	struct diag_list dl = { 0 };
	struct bulletin_src src = { "bomb.xml", bomb.data, bomb.len };
	ck_assert(!bm_merged_read(&src, &m, &dl));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_str_eq(dl.v[0].file, "bomb.xml");
	ck_assert_str_eq(dl.v[0].msg,
	    "XML 含文档类型声明（DOCTYPE）：生成的文件中没有，不予读取");
	bm_merged_free(&m);
	diag_free(&dl);

	struct bulletin_src empty = { "empty.xml", "", 0 };
	ck_assert(!bm_merged_read(&empty, &m, &dl));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_str_eq(dl.v[0].file, "empty.xml");
	ck_assert(!strncmp(dl.v[0].msg, "XML 格式错误：", strlen("XML 格式错误：")));
	bm_merged_free(&m);
	diag_free(&dl);
	buf_free(&bomb);
	buf_free(&b);
}
END_TEST

START_TEST(refused_inputs)
{
	struct bm_merged m;
	struct bm_rankings r;
	struct bm_index ix;
	struct diag_list dl = { 0 };
	struct bulletin_src absent = { "a.xml", NULL, 0 };
	ck_assert(!bm_merged_read(&absent, &m, &dl));
	ck_assert(has_error_naming(&dl, "a.xml"));
	bm_merged_free(&m);

	static const char junk[] = "not xml at all";
	struct bulletin_src bad = { "b.xml", junk, sizeof junk - 1 };
	ck_assert(!bm_merged_read(&bad, &m, &dl));
	ck_assert(has_error_naming(&dl, "b.xml"));

	/* a ranking given where the merged document belongs, and back */
	struct buf b = load_fixture("ranking-2024-08.xml");
	struct bulletin_src wrong = { "c.xml", b.data, b.len };
	ck_assert(!bm_merged_read(&wrong, &m, &dl));
	ck_assert(has_error_naming(&dl, "c.xml"));
	ck_assert(!bm_index_read(&wrong, &ix, &dl));
	buf_free(&b);
	b = load_fixture("nanzhao-2024-08.xml");
	struct bulletin_src wrong2 = { "d.xml", b.data, b.len };
	ck_assert(!bm_rankings_read(&wrong2, &r, &dl));
	ck_assert(has_error_naming(&dl, "d.xml"));

	/* a schema violation: a count that is not a number */
	char *s = xstrdup(b.data);
	char *p = strstr(s, "total=\"30\"");
	ck_assert_ptr_nonnull(p);
	memcpy(p, "total=\"3x\"", 10);
	struct bulletin_src viol = { "e.xml", s, strlen(s) };
	ck_assert(!bm_merged_read(&viol, &m, &dl));
	ck_assert(has_error_naming(&dl, "e.xml"));
	int with_line = 0;
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].file && strcmp(dl.v[i].file, "e.xml") == 0 &&
		    dl.v[i].line > 0)
			with_line = 1;
	ck_assert(with_line);
	bm_merged_free(&m);
	free(s);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

static Suite *
bulletin_model_suite(void)
{
	Suite *s = suite_create("bulletin_model");
	TCase *tc = tcase_create("read");
	tcase_add_test(tc, nanzhao_header_and_tasks);
	tcase_add_test(tc, nanzhao_air);
	tcase_add_test(tc, xiaye_air_none);
	tcase_add_test(tc, month_without_data);
	tcase_add_test(tc, boai_overdue);
	tcase_add_test(tc, xiping_targets);
	tcase_add_test(tc, ranking_with_ties);
	tcase_add_test(tc, area_index);
	tcase_add_test(tc, refused_inputs);
	tcase_add_test(tc, doctype_and_empty_refused);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(bulletin_model_suite)
