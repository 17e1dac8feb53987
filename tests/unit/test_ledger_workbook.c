/*
 * test_ledger_workbook.c -- ledgers as workbooks come back from units:
 * the fixtures of tests/data/ledgers/ (written by openpyxl and xlwt,
 * tests/prep/make_ledgers.py, whose comment lists every row) read against
 * nanzhao-2024; the sent-out ledgers of ledger_out.h read back; the
 * unit-name and task-number hints; the 催报 list.
 *
 * Expected values come from the fixture's rows as the prep script writes
 * them and from the plan's text (task 1: lead 县工业和信息化局, cooperating
 * 县发展改革委 县生态环境局 县财政局, responsible 各乡镇人民政府; task 3:
 * 县发展改革委 and 县生态环境局).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "ledger.h"
#include "ledger_out.h"
#include "lt_test.h"
#include "nearest.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "status.h"
#include "xls.h"
#include "xlsx.h"

static struct plan *nanzhao;
static struct plan_meta meta;

static void
setup(void)
{
	struct diag_list dl = {0};
	memset(&meta, 0, sizeof meta);
	ck_assert_int_eq(plan_meta_load(lt_path("plans/nanzhao-2024/plan.conf"),
	    "nanzhao-2024", &meta, &dl), 1);
	nanzhao = plan_parse_file(lt_path("plans/nanzhao-2024/plan.txt"),
	    &meta, &dl);
	ck_assert_ptr_nonnull(nanzhao);
	diag_free(&dl);
}

static void
teardown(void)
{
	plan_free(nanzhao);
	plan_meta_free(&meta);
}

static char *
diag_text(const struct diag_list *dl)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	diag_print(dl, fp);
	fclose(fp);
	return s;
}

#define ck_diag_has(dl, want) do {                                        \
		char *t_ = diag_text(dl);                                 \
		ck_assert_msg(strstr(t_, want) != NULL,                   \
		    "expected diagnostic\n  %s\ngot\n%s", want, t_);      \
		free(t_);                                                 \
	} while (0)

static struct ledger *
parse_fixture(const char *name, struct diag_list *dl)
{
	char rel[256];
	snprintf(rel, sizeof rel, "tests/data/ledgers/%s", name);
	gchar *data = NULL;
	gsize len = 0;
	ck_assert(g_file_get_contents(lt_path(rel), &data, &len, NULL));
	struct ledger *l = ledger_parse(name, data, len, 2024, 5, nanzhao, dl);
	g_free(data);
	return l;
}

/* The rows both fixtures must give (make_ledgers.py): 4 records, the
 * footer rows and the title skipped, task 33 refused with a hint. */
static void
check_rows(const char *name, const char *enc)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_fixture(name, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->encoding, enc);
	ck_assert_str_eq(l->sheet, "台账");  /* the instructions sheet passed */
	ck_assert_uint_eq(l->header_line, 3);   /* the lower header row */
	ck_assert_uint_eq(l->rows, 5);          /* rows 4-8; 9-10 footers */
	ck_assert_uint_eq(l->n_records, 4);
	/* 任务编号 merged over rows 4-6 */
	ck_assert_str_eq(l->records[0].task, "1");
	ck_assert_str_eq(l->records[1].task, "1");
	ck_assert_str_eq(l->records[2].task, "1");
	ck_assert_str_eq(l->records[3].task, "3");
	ck_assert_uint_eq(l->records[2].line, 6);
	/* the two-row header: 进展状态 and 完成比例 under 完成情况 */
	ck_assert_int_eq(l->records[0].state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(l->records[1].state, LEDGER_DONE);
	ck_assert_int_eq(l->records[0].percent10, 600);
	ck_assert_int_eq(l->records[1].percent10, 1000);
	ck_assert_int_eq(l->records[2].percent10, 500);
	ck_assert_str_eq(l->records[0].text, "排查企业6家");
	ck_assert_str_eq(l->records[0].date, "2024-05-20");
	/* 生态环境局 is 县生态环境局 of task 1; 县公安局 is no unit of task 3 */
	ck_assert_str_eq(l->records[2].unit, "生态环境局");
	ck_assert_str_eq(l->records[2].unit_plan, "县生态环境局");
	ck_assert_ptr_null(l->records[3].unit_plan);
	char want[512];
	snprintf(want, sizeof want, "%s:6: 警告: 填报单位“生态环境局”按任务“1”"
	    "的责任单位“县生态环境局”计", name);
	ck_diag_has(&dl, want);
	snprintf(want, sizeof want, "%s:7: 警告: 填报单位“县公安局”不是任务“3”"
	    "的责任单位（县发展改革委、县生态环境局），本行仍计入该任务"
	    "（工作表“台账” C7，填报单位“县公安局”）", name);
	ck_diag_has(&dl, want);
	snprintf(want, sizeof want, "%s:8: 错误: 未知的任务编号“33”：方案中没有"
	    "这项任务；是否是“3”？（工作表“台账” B8，填报单位“县发展改革委”）",
	    name);
	ck_diag_has(&dl, want);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 2);
	ledger_free(l);
	diag_free(&dl);
}

START_TEST(xlsx_merged_two_row_header)
{
	check_rows("2024-05-merged.xlsx", "xlsx");
}
END_TEST

/* The same sheet saved by xlwt as BIFF8 (.xls): FreeXL gives no merge
 * ranges (the task number is carried down) and no number formats (0.6 in
 * 完成比例 is 60%). */
START_TEST(xls_legacy)
{
	check_rows("2024-05-legacy.xls", "xls");
}
END_TEST

/* The xls reader alone: sheets in order, with their names. */
START_TEST(xls_sheets)
{
	gchar *data = NULL;
	gsize len = 0;
	ck_assert(g_file_get_contents(lt_path(
	    "tests/data/ledgers/2024-05-legacy.xls"), &data, &len, NULL));
	ck_assert(xls_is_cfb(data, len));
	struct xlsx_book b = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(xls_read_book("x.xls", data, len, &b, &dl), 1);
	ck_assert_uint_eq(b.n_sheets, 2);
	ck_assert_str_eq(b.sheets[0].name, "填报说明");
	ck_assert_str_eq(b.sheets[1].name, "台账");
	ck_assert_str_eq(b.sheets[0].rows[0].cells.v[0], "填报说明");
	ck_assert_uint_eq(b.sheets[1].rows[0].row, 1);
	xlsx_book_free(&b);
	/* a damaged file: an error, no crash */
	ck_assert_int_eq(xls_read_book("x.xls", data, 600, &b, &dl), 0);
	ck_diag_has(&dl, "x.xls: 错误: 无法读取 xls 文件");
	xlsx_book_free(&b);
	diag_free(&dl);
	g_free(data);
}
END_TEST

/* Merged ranges fill down their first column only, rows the sheet has. */
START_TEST(xlsx_fill_down)
{
	gchar *data = NULL;
	gsize len = 0;
	ck_assert(g_file_get_contents(lt_path(
	    "tests/data/ledgers/2024-05-merged.xlsx"), &data, &len, NULL));
	struct xlsx_book b = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(xlsx_read_book("x.xlsx", data, len, &b, &dl), 1);
	ck_assert_uint_eq(b.n_sheets, 2);
	const struct xlsx_sheet *s = &b.sheets[1];
	/* row 3 (index 2): 任务编号 B2:B3 filled down; 完成情况 D2:E2 not
	 * copied right (E3 is 完成比例 as written) */
	ck_assert_uint_eq(s->rows[2].row, 3);
	ck_assert_str_eq(s->rows[2].cells.v[1], "任务编号");
	ck_assert_str_eq(s->rows[2].cells.v[3], "进展状态");
	ck_assert_str_eq(s->rows[2].cells.v[4], "完成比例");
	ck_assert_str_eq(s->rows[1].cells.v[4], "");
	/* the footer merged A9:G9 stays in A9 */
	const struct xlsx_row *f = &s->rows[s->n_rows - 2];
	ck_assert_uint_eq(f->row, 9);
	ck_assert(f->cells.n == 1 || !f->cells.v[1][0]);
	xlsx_book_free(&b);
	diag_free(&dl);
	g_free(data);
}
END_TEST

/* A workbook with no ledger header on any sheet names every sheet: the
 * 催报 list (任务编号 but no 进展状态) is such a workbook. */
START_TEST(no_header_names_sheets)
{
	struct status st;
	status_build(nanzhao, NULL, 0, 2024, 5, &st);
	char tmpl[] = "/tmp/lt_status_XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	char path[300];
	snprintf(path, sizeof path, "%s/list.xlsx", d);
	struct diag_list dl = {0};
	ck_assert_int_eq(status_write_xlsx(&st, nanzhao, "南召县方案", path,
	    1717200000, &dl), 1);
	status_free(&st);
	gchar *data = NULL;
	gsize len = 0;
	ck_assert(g_file_get_contents(path, &data, &len, NULL));
	struct ledger *l = ledger_parse("2024-05.xlsx", data, len, 2024, 5,
	    nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, "2024-05.xlsx: 错误: 找不到表头：工作表“催报清单”的前 10 "
	    "行中都没有同时含“任务编号”和“进展状态”的行");
	g_free(data);
	diag_free(&dl);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Two header rows: 完成情况 over 进展状态/完成比例 in CSV too. */
START_TEST(csv_two_row_header_and_footer)
{
	const char *csv =
	    "任务编号,填报单位,完成情况,,填报日期\n"
	    ",,进展状态,完成比例,\n"
	    "2,县发展改革委,已完成,100%,2024-05-20\n"
	    "填表人：张三,联系电话：123,,,\n";
	struct diag_list dl = {0};
	struct ledger *l = ledger_parse("2024-05.csv", csv, strlen(csv), 2024,
	    5, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->header_line, 2);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_uint_eq(l->rows, 1);
	ck_assert_int_eq(l->records[0].percent10, 1000);
	ck_assert_uint_eq(dl.n, 0);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(nearest_names)
{
	ck_assert_uint_eq(nearest_distance("县生态环境局", "县生态环境局"), 0);
	ck_assert_uint_eq(nearest_distance("生态环境局", "县生态环境局"), 1);
	ck_assert_uint_eq(nearest_distance("县公安局", "县交通局"), 2);
	const char *c[] = { "县发展改革委", "县生态环境局" };
	ck_assert_uint_eq(nearest_index("县生太环境局", c, 2, 2), 1);
	ck_assert_uint_eq(nearest_index("县公安局", c, 2, 2), NEAREST_NONE);
	/* a hint must keep something of the name */
	const char *d[] = { "7" };
	ck_assert_uint_eq(nearest_index("9", d, 1, 1), NEAREST_NONE);
}
END_TEST

/* The sent-out workbooks (ledger_out.h) come back readable: the
 * instructions sheet first, header on the second sheet, rows not filled
 * in are no report; the unit's file holds exactly its tasks. */
START_TEST(sent_out_round_trip)
{
	char tmpl[] = "/tmp/lt_ledger_out_XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	struct strvec written = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(ledger_out_write(nanzhao, "南召县方案", 2024, 5, NULL,
	    0, d, 1717200000, &written, &dl), 1);
	struct strvec units = {0};
	ledger_out_units(nanzhao, &units);
	ck_assert_uint_eq(written.n, units.n + 1);
	char want[512];
	snprintf(want, sizeof want, "%s/2024-05-县城市管理局.xlsx", d);
	ck_assert(strvec_contains(&written, want));
	gchar *data = NULL;
	gsize len = 0;
	ck_assert(g_file_get_contents(want, &data, &len, NULL));
	struct ledger *l = ledger_parse(want, data, len, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->sheet, "台账");
	ck_assert_uint_eq(l->header_line, 2);
	ck_assert_uint_eq(l->n_records, 0);
	/* returned as sent: no error, one warning that nothing was filled */
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_diag_has(&dl, "2024-05-县城市管理局.xlsx:2: 警告: 台账中没有填报行");
	diag_free(&dl);
	ledger_free(l);
	/* the sheet's rows: one per task naming 县城市管理局 */
	struct xlsx_book b = {0};
	ck_assert_int_eq(xlsx_read_book(want, data, len, &b, &dl), 1);
	size_t expect = 0;
	for (size_t i = 0; i < nanzhao->n_tasks; i++)
		expect += ledger_out_role(&nanzhao->tasks[i], "县城市管理局") !=
		    NULL;
	ck_assert_uint_gt(expect, 0);
	ck_assert_uint_eq(b.sheets[1].n_rows, 2 + expect);
	ck_assert_str_eq(b.sheets[1].rows[2].cells.v[4], "县城市管理局");
	xlsx_book_free(&b);
	g_free(data);
	/* the same bytes again */
	char d2t[] = "/tmp/lt_ledger_out_XXXXXX";
	char *d2 = mkdtemp(d2t);
	struct strvec w2 = {0};
	ck_assert_int_eq(ledger_out_write(nanzhao, "南召县方案", 2024, 5, NULL,
	    0, d2, 1717200000, &w2, &dl), 1);
	for (size_t i = 0; i < written.n; i++) {
		gchar *a = NULL, *bb = NULL;
		gsize na = 0, nb = 0;
		ck_assert(g_file_get_contents(written.v[i], &a, &na, NULL));
		ck_assert(g_file_get_contents(w2.v[i], &bb, &nb, NULL));
		ck_assert_msg(na == nb && !memcmp(a, bb, na), "%s differs",
		    written.v[i]);
		g_free(a);
		g_free(bb);
	}
	strvec_free(&w2);
	strvec_free(&units);
	strvec_free(&written);
	diag_free(&dl);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", d, d2);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* The 催报 list: a unit with no row is 未报送, one with some rows missing
 * 部分未报; a variant name counts for the plan's unit. */
START_TEST(status_list)
{
	const char *csv =
	    "任务编号,进展状态,填报单位,填报日期\n"
	    "1,推进中,县工业和信息化局,2024-05-20\n"
	    "1,推进中,生态环境局,2024-05-20\n"
	    "3,推进中,县生态环境局,2024-05-20\n";
	struct diag_list dl = {0};
	struct ledger *l = ledger_parse("2024-05.csv", csv, strlen(csv), 2024,
	    5, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	struct status s;
	status_build(nanzhao, &l, 1, 2024, 5, &s);
	ck_assert(s.ledger_present);
	const struct status_unit *eco = NULL, *gx = NULL, *fg = NULL;
	for (size_t i = 0; i < s.n_units; i++) {
		if (!strcmp(s.units[i].name, "县生态环境局"))
			eco = &s.units[i];
		if (!strcmp(s.units[i].name, "县工业和信息化局"))
			gx = &s.units[i];
		if (!strcmp(s.units[i].name, "县发展改革委"))
			fg = &s.units[i];
	}
	ck_assert_ptr_nonnull(eco);
	ck_assert_ptr_nonnull(gx);
	ck_assert_ptr_nonnull(fg);
	ck_assert_uint_eq(eco->n_reported, 2);   /* tasks 1 (variant) and 3 */
	ck_assert_uint_eq(gx->n_reported, 1);
	ck_assert_uint_eq(fg->n_reported, 0);
	ck_assert_uint_eq(s.n_units, s.n_silent + s.n_partial +
	    (eco->n_reported == eco->n_tasks));
	struct buf text = {0};
	status_format(&s, nanzhao, "南召县方案", &text);
	ck_assert_ptr_nonnull(strstr(text.data, "县发展改革委：应报任务"));
	ck_assert_ptr_nonnull(strstr(text.data, "县工业和信息化局：已报 1 项"));
	buf_free(&text);
	status_free(&s);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

static struct ledger *
month(int mo, const char *rows)
{
	struct diag_list dl = {0};
	char path[32];
	snprintf(path, sizeof path, "2024-%02d.csv", mo);
	char *text = g_strconcat("任务编号,进展状态,完成比例,填报单位,填报日期\n",
	    rows, NULL);
	struct ledger *l = ledger_parse(path, text, strlen(text), 2024, mo,
	    nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	g_free(text);
	diag_free(&dl);
	return l;
}

/* 已完成 carries forward over months without a report (and a gap month
 * without a ledger) until a report says otherwise. */
START_TEST(done_carries_forward)
{
	struct ledger *v[3];
	v[0] = month(5, "2,已完成,100%,县发展改革委,2024-05-20\n"
	    "3,推进中,40%,县发展改革委,2024-05-20\n");
	/* June: no ledger (a gap); July: task 2 not reported */
	v[1] = month(7, "3,推进中,60%,县发展改革委,2024-07-20\n");
	v[2] = month(8, "2,滞后,,县发展改革委,2024-08-20\n");
	struct ledger_history *h = ledger_history_build(nanzhao, v, 3);
	ck_assert_uint_eq(h->n_months, 4);
	const struct ledger_cell *c;
	c = ledger_history_cell(h, 1, 0);       /* task 2, May */
	ck_assert_int_eq(c->state, LEDGER_DONE);
	ck_assert(!c->carried);
	c = ledger_history_cell(h, 1, 1);       /* June, no ledger */
	ck_assert_int_eq(c->state, LEDGER_DONE);
	ck_assert(c->carried);
	ck_assert_int_eq(c->percent10, 1000);
	ck_assert_uint_eq(c->n_reports, 0);
	c = ledger_history_cell(h, 1, 2);       /* July, not reported */
	ck_assert_int_eq(c->state, LEDGER_DONE);
	ck_assert(c->carried);
	c = ledger_history_cell(h, 1, 3);       /* August says 滞后 */
	ck_assert_int_eq(c->state, LEDGER_LATE);
	ck_assert(!c->carried);
	/* 推进中 does not carry */
	c = ledger_history_cell(h, 2, 1);
	ck_assert_int_eq(c->state, LEDGER_UNREPORTED);
	/* a task never reported stays unreported */
	c = ledger_history_cell(h, 0, 2);
	ck_assert_int_eq(c->state, LEDGER_UNREPORTED);
	ledger_history_free(h);
	for (int i = 0; i < 3; i++)
		ledger_free(v[i]);
}
END_TEST

static Suite *
workbook_suite(void)
{
	Suite *s = suite_create("ledger_workbook");
	TCase *tc = tcase_create("ledger_workbook");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_add_test(tc, xlsx_merged_two_row_header);
	tcase_add_test(tc, xls_legacy);
	tcase_add_test(tc, xls_sheets);
	tcase_add_test(tc, xlsx_fill_down);
	tcase_add_test(tc, no_header_names_sheets);
	tcase_add_test(tc, csv_two_row_header_and_footer);
	tcase_add_test(tc, nearest_names);
	tcase_add_test(tc, sent_out_round_trip);
	tcase_add_test(tc, status_list);
	tcase_add_test(tc, done_carries_forward);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(workbook_suite)
