/*
 * test_ledger.c -- the status ledger reader (ledger.h) against crafted
 * ledgers for every validation rule, with the exact file:line diagnostics
 * expected, in every encoding and CSV shape Excel writes; and the shipped
 * sample ledgers of all five plans against their parsed plans.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include <glib.h>
#include <zlib.h>

#include "buf.h"
#include "fixtures_plan.h"
#include "input_limits.h"
#include "ledger.h"
#include "lt_test.h"
#include "plan_meta.h"
#include "plan_parse.h"

#define HEADER "任务编号,进展状态,完成比例,进展情况,填报单位,填报日期\n"
#define F "plans/t/ledgers/2024-05.csv"

/* ---- helpers ----------------------------------------------------------- */

/* nanzhao-2024: tasks "1".."30"; loaded once. */
static struct plan *nanzhao;
static struct plan_meta nanzhao_meta;

static void
plans_setup(void)
{
	nanzhao = fx_shipped_plan("nanzhao-2024", &nanzhao_meta);
	ck_assert_uint_eq(nanzhao->n_tasks, 30);
}

static void
plans_teardown(void)
{
	plan_free(nanzhao);
	plan_meta_free(&nanzhao_meta);
}

/* All diagnostics as printed ("file:line: 错误: msg" lines). Caller frees. */
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

#define ck_diag_lacks(dl, want) do {                                      \
		char *t_ = diag_text(dl);                                 \
		ck_assert_msg(strstr(t_, want) == NULL,                   \
		    "unexpected diagnostic\n  %s\ngot\n%s", want, t_);    \
		free(t_);                                                 \
	} while (0)

/* Parse text as the May 2024 ledger of nanzhao-2024. */
static struct ledger *
parse_may(const char *text, struct diag_list *dl)
{
	return ledger_parse(F, text, strlen(text), 2024, 5, nanzhao, dl);
}

/* ---- states ------------------------------------------------------------ */

START_TEST(state_synonyms)
{
	static const struct {
		const char *text;
		enum ledger_state st;
		int ongoing;
	} ok[] = {
		{ "未启动", LEDGER_NOT_STARTED, 0 },
		{ "未开始", LEDGER_NOT_STARTED, 0 },
		{ "尚未启动", LEDGER_NOT_STARTED, 0 },
		{ "推进中", LEDGER_IN_PROGRESS, 0 },
		{ "正在推进", LEDGER_IN_PROGRESS, 0 },
		{ "进行中", LEDGER_IN_PROGRESS, 0 },
		{ " 推进中 ", LEDGER_IN_PROGRESS, 0 },
		{ "持续推进", LEDGER_IN_PROGRESS, 1 },
		{ "已完成", LEDGER_DONE, 0 },
		{ "完成", LEDGER_DONE, 0 },
		{ "已完成。", LEDGER_DONE, 0 },
		{ "已完成（长期坚持）", LEDGER_DONE, 1 },
		{ "已完成(长期坚持)", LEDGER_DONE, 1 },
		{ "已完成 （长期坚持）", LEDGER_DONE, 1 },
		{ "长期坚持", LEDGER_DONE, 1 },
		{ "完成（已验收）", LEDGER_DONE, 0 },
		{ "推进中（常态化）", LEDGER_IN_PROGRESS, 1 },
		{ "滞后", LEDGER_LATE, 0 },
		{ "进度滞后", LEDGER_LATE, 0 },
		{ "未按期完成", LEDGER_LATE, 0 },
		{ "滞后（滞后）", LEDGER_LATE, 0 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		enum ledger_state st = LEDGER_UNREPORTED;
		int on = -1;
		ck_assert_msg(ledger_state_parse(ok[i].text, &st, &on),
		    "%s not parsed", ok[i].text);
		ck_assert_msg(st == ok[i].st && on == ok[i].ongoing,
		    "%s -> %d/%d", ok[i].text, st, on);
	}
	static const char *const bad[] = {
		"", "未完成", "差不多", "推进中（滞后）", "已完成（未启动）",
		"（已完成）", "已完成（长期（坚持））", "done", "已完成）",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		enum ledger_state st;
		ck_assert_msg(!ledger_state_parse(bad[i], &st, NULL),
		    "%s should not parse", bad[i]);
	}
	ck_assert_str_eq(ledger_state_name(LEDGER_LATE), "滞后");
	ck_assert_str_eq(ledger_state_name(LEDGER_UNREPORTED), "未填报");
	ck_assert_str_eq(ledger_state_code(LEDGER_IN_PROGRESS), "in-progress");
}
END_TEST

START_TEST(combine)
{
	enum ledger_state U = LEDGER_UNREPORTED, N = LEDGER_NOT_STARTED,
	    P = LEDGER_IN_PROGRESS, D = LEDGER_DONE, L = LEDGER_LATE;
	ck_assert_int_eq(ledger_combine(U, D), D);
	ck_assert_int_eq(ledger_combine(D, U), D);
	ck_assert_int_eq(ledger_combine(D, D), D);
	ck_assert_int_eq(ledger_combine(N, N), N);
	ck_assert_int_eq(ledger_combine(D, N), P);
	ck_assert_int_eq(ledger_combine(D, P), P);
	ck_assert_int_eq(ledger_combine(D, L), L);
	ck_assert_int_eq(ledger_combine(L, N), L);
	/* all done but one not started, in any order: 推进中 */
	ck_assert_int_eq(ledger_combine(ledger_combine(D, N), D), P);
}
END_TEST

START_TEST(month_from_path)
{
	int y = 0, m = 0;
	ck_assert(ledger_month_from_path("plans/x/ledgers/2024-05.csv", &y, &m));
	ck_assert_int_eq(y, 2024);
	ck_assert_int_eq(m, 5);
	ck_assert(ledger_month_from_path("2023-12.CSV", &y, &m));
	ck_assert_int_eq(m, 12);
	ck_assert(!ledger_month_from_path("2024-13.csv", &y, &m));
	ck_assert(!ledger_month_from_path("2024-00.csv", &y, &m));
	ck_assert(!ledger_month_from_path("2024-5.csv", &y, &m));
	ck_assert(ledger_month_from_path("2024-05.xlsx", &y, &m));
	ck_assert(ledger_month_from_path("2024-05.xls", &y, &m));
	ck_assert(!ledger_month_from_path("2024-05.xlsm", &y, &m));
	ck_assert(ledger_month_from_dir("ledgers/2024-05", &y, &m));
	ck_assert(!ledger_month_from_dir("2024-05.csv", &y, &m));
	ck_assert(!ledger_month_from_dir("2024-5", &y, &m));
	ck_assert(!ledger_month_from_path("a2024-05.csv", &y, &m));
	ck_assert(!ledger_month_from_path("1999-05.csv", &y, &m));
	ck_assert(!ledger_month_from_path("2024_05.csv", &y, &m));
}
END_TEST

/* ---- reading ----------------------------------------------------------- */

START_TEST(basic_records)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(
	    "南召县重点任务进展台账（2024年5月）,,,,,\n"
	    HEADER
	    "1,推进中,60%,\"排查企业12家，建立台账\",县工业和信息化局,2024-05-28\n"
	    "2,已完成,100,\"第一段\n第二段，\"\"引号\"\"\",县发展改革委,2024/5/30\n"
	    "\n"
	    ",,,,,\n"
	    "3,正在推进,,,县发展改革委,2024年6月3日\n"
	    "填表人：某某,,,,,\n", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_int_eq(l->year, 2024);
	ck_assert_int_eq(l->month, 5);
	ck_assert_str_eq(l->encoding, "UTF-8");
	ck_assert_int_eq(l->sample, 0);
	ck_assert_uint_eq(l->header_line, 2);
	ck_assert_uint_eq(l->rows, 3);
	ck_assert_uint_eq(l->rows_rejected, 0);
	ck_assert_uint_eq(l->n_records, 3);
	struct ledger_record *r = l->records;
	ck_assert_str_eq(r[0].task, "1");
	ck_assert_uint_eq(r[0].task_index, 0);
	ck_assert_int_eq(r[0].state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(r[0].percent10, 600);
	ck_assert_str_eq(r[0].text, "排查企业12家，建立台账");
	ck_assert_str_eq(r[0].unit, "县工业和信息化局");
	ck_assert_str_eq(r[0].date, "2024-05-28");
	ck_assert_uint_eq(r[0].line, 3);
	ck_assert_int_eq(r[1].state, LEDGER_DONE);
	ck_assert_int_eq(r[1].percent10, 1000);
	ck_assert_str_eq(r[1].text, "第一段\n第二段，\"引号\"");
	ck_assert_str_eq(r[1].date, "2024-05-30");
	ck_assert_uint_eq(r[1].line, 4);
	/* the quoted line break moves the next record to line 8 */
	ck_assert_str_eq(r[2].task, "3");
	ck_assert_str_eq(r[2].state_raw, "正在推进");
	ck_assert_int_eq(r[2].state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(r[2].percent10, LEDGER_PERCENT_NONE);
	ck_assert_str_eq(r[2].text, "");
	ck_assert_str_eq(r[2].date, "2024-06-03");
	ck_assert_uint_eq(r[2].line, 8);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(columns_any_order_and_extra)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(
	    "序号,填报日期 ,* 填报单位,任务名称,联系人说明,完成比例（%）,"
	    "状态,任务 编号,备注,月份\n"
	    "1,2024-05-20,县生态环境局,x,y,30,推进中,8,示例数据,2024年5月\n",
	    &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_str_eq(l->records[0].task, "8");
	ck_assert_int_eq(l->records[0].percent10, 300);
	ck_assert_str_eq(l->records[0].note, "示例数据");
	ck_assert_int_eq(l->sample, 1);
	/* one note for the unknown column; 序号 and 任务名称 are silent */
	ck_assert_uint_eq(dl.n, 1);
	ck_diag_has(&dl, F ":1: 提示: 以下列不属于台账格式，已忽略：“联系人说明”");
	ledger_free(l);
	diag_free(&dl);

	/* main name beats alias: 责任单位 is ignored when 填报单位 is there */
	l = parse_may("任务编号,进展状态,责任单位,填报单位,填报日期\n"
	    "1,推进中,县财政局,县工业和信息化局,2024-05-20\n", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->records[0].unit, "县工业和信息化局");
	ck_diag_has(&dl, "已忽略：“责任单位”");
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(missing_columns)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may("标题,,\n任务编号,进展状态,进展情况\n"
	    "1,推进中,x\n", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":2: 错误: 表头缺少必需的列：“填报单位”、“填报日期”");
	diag_free(&dl);

	l = parse_may("任务编号,进展状态,填报单位,填报日期,状态,进展状态\n",
	    &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":1: 错误: 表头中“进展状态”列出现两次");
	diag_free(&dl);

	/* no header at all within the first rows */
	l = parse_may("\n编号一,状态二\n1,推进中\n", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":2: 错误: 找不到表头");
	diag_free(&dl);

	/* header only: usable, with a warning */
	l = parse_may(HEADER, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 0);
	ck_diag_has(&dl, F ":1: 警告: 台账中没有填报行");
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(row_errors)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(HEADER
	    "99,推进中,,,县生态环境局,2024-05-20\n"         /* 2 */
	    "1,差不多,,,县生态环境局,2024-05-20\n"          /* 3 */
	    "1,推进中,,,县生态环境局,2024-07-02\n"          /* 4 */
	    "1,推进中,,,县生态环境局,2024-04-30\n"          /* 5 */
	    "1,推进中,,,县生态环境局,2024-06-15\n"          /* 6 ok */
	    "1,推进中,,,县生态环境局,2024-06-10\n"          /* 7 dup */
	    "2,推进中,,,县生态环境局,2024-06-16\n"          /* 8 */
	    "2,推进中,,,县生态环境局,2024-02-30\n"          /* 9 */
	    "2,推进中,,,县生态环境局,上周五\n"              /* 10 */
	    "3,推进中,120%,,县生态环境局,2024-05-20\n"      /* 11 */
	    "3,推进中,过半,,县生态环境局,2024-05-20\n"      /* 12 */
	    "3,推进中,-5%,,县生态环境局,2024-05-20\n"       /* 13 */
	    ",推进中,,,县生态环境局,2024-05-20\n"           /* 14 */
	    "4,,,,县生态环境局,2024-05-20\n"                /* 15 */
	    "4,推进中,,,,2024-05-20\n"                      /* 16 */
	    "4,推进中,,,县生态环境局,\n",                   /* 17 kept */
	    &dl);
	ck_assert_ptr_nonnull(l);
	ck_diag_has(&dl, F ":2: 错误: 未知的任务编号“99”：方案中没有这项任务");
	ck_diag_has(&dl, F ":3: 错误: 未知的进展状态“差不多”：应为 未启动、推进中、已完成 或 滞后");
	ck_diag_has(&dl, F ":4: 错误: 填报日期 2024-07-02 不在 2024年5月 台账的填报期内（2024-05-01 至 2024-06-15）");
	ck_diag_has(&dl, F ":5: 错误: 填报日期 2024-04-30 不在 2024年5月 台账的填报期内");
	ck_diag_lacks(&dl, F ":6:");
	ck_diag_has(&dl, F ":7: 错误: 重复填报：任务“1”、填报单位“县生态环境局”已在第 6 行填报，本行不计");
	ck_diag_has(&dl, F ":8: 错误: 填报日期 2024-06-16 不在");
	ck_diag_has(&dl, F ":9: 错误: 填报日期“2024-02-30”不是有效日期");
	ck_diag_has(&dl, F ":10: 错误: 填报日期“上周五”无法识别");
	ck_diag_has(&dl, F ":11: 错误: 完成比例“120%”超出 0–100% 的范围");
	ck_diag_has(&dl, F ":12: 错误: 完成比例“过半”不是数字");
	ck_diag_has(&dl, F ":13: 错误: 完成比例“-5%”超出 0–100% 的范围");
	ck_diag_has(&dl, F ":14: 错误: 缺少任务编号");
	ck_diag_has(&dl, F ":15: 错误: 缺少进展状态");
	ck_diag_has(&dl, F ":16: 错误: 缺少填报单位");
	ck_diag_has(&dl, F ":17: 警告: 缺少填报日期");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 14);
	ck_assert_uint_eq(l->rows, 16);
	ck_assert_uint_eq(l->rows_rejected, 14);
	ck_assert_uint_eq(l->n_records, 2);
	ck_assert_uint_eq(l->records[0].line, 6);
	ck_assert_str_eq(l->records[0].date, "2024-06-15");
	ck_assert_uint_eq(l->records[1].line, 17);
	ck_assert_str_eq(l->records[1].date, "");
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(several_errors_one_row)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(HEADER
	    "77,随便,abc,,县生态环境局,2025-01-01\n", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 4);
	ck_diag_has(&dl, F ":2: 错误: 未知的任务编号“77”");
	ck_diag_has(&dl, F ":2: 错误: 未知的进展状态“随便”");
	ck_diag_has(&dl, F ":2: 错误: 完成比例“abc”不是数字");
	ck_diag_has(&dl, F ":2: 错误: 填报日期 2025-01-01 不在");
	ck_assert_uint_eq(l->n_records, 0);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(percent_forms)
{
	static const struct {
		const char *cell;
		int p10;
	} v[] = {
		{ "60%", 600 }, { "60％", 600 }, { "60", 600 }, { "60.5%", 605 },
		{ "33.33%", 333 }, { "33.35%", 334 }, { "99.96%", 1000 },
		{ "0", 0 }, { "100%", 1000 }, { "-", LEDGER_PERCENT_NONE },
		{ "—", LEDGER_PERCENT_NONE }, { "/", LEDGER_PERCENT_NONE },
		{ "", LEDGER_PERCENT_NONE }, { "６０％", 600 }, { " 45 % ", 450 },
		/* exponent forms, read as if written out */
		{ "6e1", 600 }, { "6E1%", 600 }, { "3.335e1", 334 },
		{ "0.6e2", 600 }, { "1e-1", 1 }, { "0e400", 0 },
		{ "1e-100", 0 }, { "1E+2", 1000 },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		struct diag_list dl = {0};
		char text[512];
		snprintf(text, sizeof text, HEADER
		    "1,推进中,\"%s\",,县工业和信息化局,2024-05-20\n", v[i].cell);
		struct ledger *l = parse_may(text, &dl);
		ck_assert_ptr_nonnull(l);
		ck_assert_msg(l->n_records == 1, "%s rejected", v[i].cell);
		ck_assert_msg(l->records[0].percent10 == v[i].p10,
		    "%s -> %d", v[i].cell, l->records[0].percent10);
		ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
		ledger_free(l);
		diag_free(&dl);
	}
}
END_TEST

/* Numbers far beyond a percent are too large (数值过大), not "not a
 * number"; 120% stays out of range; "1e" and "e5" are not numbers. */
START_TEST(percent_too_large)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(HEADER
	    "1,推进中,1e308,,县工业和信息化局,2024-05-20\n"        /* 2 */
	    "2,推进中,99999999999999999999,,县工业和信息化局,2024-05-20\n"
	    "3,推进中,-1E308%,,县工业和信息化局,2024-05-20\n"      /* 4 */
	    "4,推进中,1e,,县工业和信息化局,2024-05-20\n"           /* 5 */
	    "5,推进中,e5,,县工业和信息化局,2024-05-20\n"           /* 6 */
	    "6,推进中,1.2e1%,,县工业和信息化局,2024-05-20\n"       /* 7 ok */
	    "7,推进中,100000,,县工业和信息化局,2024-05-20\n"       /* 8 */
	    "8,推进中,99999,,县工业和信息化局,2024-05-20\n",       /* 9 */
	    &dl);
	ck_assert_ptr_nonnull(l);
	ck_diag_has(&dl, F ":2: 错误: 完成比例“1e308”数值过大（应为 0–100 的百分数）");
	ck_diag_has(&dl, F ":3: 错误: 完成比例“99999999999999999999”数值过大");
	ck_diag_has(&dl, F ":4: 错误: 完成比例“-1E308%”数值过大");
	ck_diag_has(&dl, F ":5: 错误: 完成比例“1e”不是数字");
	ck_diag_has(&dl, F ":6: 错误: 完成比例“e5”不是数字");
	ck_diag_has(&dl, F ":8: 错误: 完成比例“100000”数值过大");
	ck_diag_has(&dl, F ":9: 错误: 完成比例“99999”超出 0–100% 的范围");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 7);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_int_eq(l->records[0].percent10, 120);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

/* LEDGER_MAX_CELL_CHARS characters in a cell are read; one more is an
 * error naming the row and column, the row not counted as a record. */
START_TEST(limit_cell_length)
{
	struct buf b = {0};
	buf_puts(&b, HEADER "1,推进中,60%,");
	for (int i = 0; i < LEDGER_MAX_CELL_CHARS; i++)
		buf_puts(&b, "治");
	buf_puts(&b, ",县工业和信息化局,2024-05-20\n2,推进中,60%,");
	for (int i = 0; i <= LEDGER_MAX_CELL_CHARS; i++)
		buf_puts(&b, "治");
	buf_puts(&b, ",县工业和信息化局,2024-05-20\n");
	struct diag_list dl = {0};
	struct ledger *l = ledger_parse(F, b.data, b.len, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_diag_has(&dl, F ":3: 错误: D 列的单元格超过 10000 个字符的上限，本行不计（填报单位“县工业和信息化局”）");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_uint_eq(l->rows, 2);
	ck_assert_uint_eq(l->rows_rejected, 1);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_uint_eq(strlen(l->records[0].text), 3 * LEDGER_MAX_CELL_CHARS);
	ledger_free(l);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

/* LEDGER_MAX_ROWS report rows are read (blank rows not counted); the next
 * is an error on its line and the ledger is not used. */
START_TEST(limit_rows)
{
	struct buf b = {0};
	buf_puts(&b, HEADER "\n");                       /* line 2 blank */
	for (int i = 0; i < LEDGER_MAX_ROWS; i++)        /* lines 3.. */
		buf_printf(&b, "1,推进中,60%%,,单位%d,2024-05-20\n", i);
	struct diag_list dl = {0};
	struct ledger *l = ledger_parse(F, b.data, b.len, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, LEDGER_MAX_ROWS);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ledger_free(l);
	diag_free(&dl);
	buf_puts(&b, "1,推进中,60%,,又一单位,2024-05-20\n"); /* line 50,003 */
	l = ledger_parse(F, b.data, b.len, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":50003: 错误: 台账的填报行超过 50000 行的上限：从本行起不再读入");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

START_TEST(percent_warnings)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(HEADER
	    "1,推进中,0.6,,县工业和信息化局,2024-05-20\n"   /* 2 */
	    "2,已完成,30%,,县工业和信息化局,2024-05-20\n"   /* 3 */
	    "3,未启动,10%,,县工业和信息化局,2024-05-20\n"   /* 4 */
	    "4,推进中,100%,,县工业和信息化局,2024-05-20\n"  /* 5 */
	    "5,已完成,100%,,县工业和信息化局,2024-05-20\n"  /* 6 ok */
	    "6,未启动,0,,县工业和信息化局,2024-05-20\n"     /* 7 ok */
	    "7,滞后,100%,,县工业和信息化局,2024-05-20\n"    /* 8 ok */
	    "8,推进中,1,,县工业和信息化局,2024-05-20\n",    /* 9 ok */
	    &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 8);
	ck_assert_int_eq(l->records[0].percent10, 6);
	ck_diag_has(&dl, F ":2: 警告: 完成比例“0.6”按百分数理解为 不足 1%；若指 60%，请写作 60%");
	ck_diag_has(&dl, F ":3: 警告: 完成比例 30% 与进展状态“已完成”不一致");
	ck_diag_has(&dl, F ":4: 警告: 完成比例 10% 与进展状态“未启动”不一致");
	ck_diag_has(&dl, F ":5: 警告: 完成比例 100% 与进展状态“推进中”不一致");
	/* rows 6-9 agree (the unit warnings of tasks that do not name
	 * 县工业和信息化局 are not about the percentage) */
	for (int line = 6; line <= 9; line++) {
		char want[64];
		snprintf(want, sizeof want, F ":%d: 警告: 完成比例", line);
		ck_diag_lacks(&dl, want);
	}
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(date_forms)
{
	static const struct {
		const char *cell;
		const char *date;
	} v[] = {
		{ "2024-05-28", "2024-05-28" }, { "2024/5/28", "2024-05-28" },
		{ "2024.5.28", "2024-05-28" }, { "2024年5月28日", "2024-05-28" },
		{ "2024年05月28号", "2024-05-28" }, { "20240528", "2024-05-28" },
		{ "2024/5/28 0:00", "2024-05-28" },
		{ "2024-05-28 10:30:00", "2024-05-28" },
		{ "5月28日", "2024-05-28" }, { "6月1日", "2024-06-01" },
		{ "２０２４－０５－２８", "2024-05-28" },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		struct diag_list dl = {0};
		char text[512];
		snprintf(text, sizeof text, HEADER
		    "1,推进中,,,县工业和信息化局,%s\n", v[i].cell);
		struct ledger *l = parse_may(text, &dl);
		ck_assert_ptr_nonnull(l);
		ck_assert_msg(l->n_records == 1, "%s rejected", v[i].cell);
		ck_assert_str_eq(l->records[0].date, v[i].date);
		ledger_free(l);
		diag_free(&dl);
	}
	static const char *const bad[] = {
		"2024-5", "2024/05/28abc", "28/05/2024", "2024-05-28T10:00",
		"5.28", "2024年5月", "2024-05-32",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		struct diag_list dl = {0};
		char text[512];
		snprintf(text, sizeof text, HEADER
		    "1,推进中,,,县工业和信息化局,%s\n", bad[i]);
		struct ledger *l = parse_may(text, &dl);
		ck_assert_ptr_nonnull(l);
		ck_assert_msg(l->n_records == 0, "%s accepted", bad[i]);
		ck_diag_has(&dl, F ":2: 错误: 填报日期");
		ledger_free(l);
		diag_free(&dl);
	}
}
END_TEST

/* A December ledger: the grace days run into January of the next year, and
 * "1月5日" is read as next January. */
START_TEST(december)
{
	struct diag_list dl = {0};
	const char *text = HEADER
	    "1,推进中,,,县工业和信息化局,2025-01-15\n"
	    "2,推进中,,,县工业和信息化局,1月5日\n"
	    "3,推进中,,,县工业和信息化局,2025-01-16\n"
	    "4,推进中,,,县工业和信息化局,2024-11-30\n";
	struct ledger *l = ledger_parse("2024-12.csv", text, strlen(text),
	    2024, 12, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 2);
	ck_assert_str_eq(l->records[1].date, "2025-01-05");
	ck_diag_has(&dl, "2024-12.csv:4: 错误: 填报日期 2025-01-16 不在 2024年12月 台账的填报期内（2024-12-01 至 2025-01-15）");
	ck_diag_has(&dl, "2024-12.csv:5: 错误: 填报日期 2024-11-30 不在");
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(month_column)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(
	    "任务编号,进展状态,填报单位,填报日期,月份\n"
	    "1,推进中,县工业和信息化局,2024-05-20,2024-05\n"
	    "2,推进中,县工业和信息化局,2024-05-20,5月\n"
	    "3,推进中,县工业和信息化局,2024-05-20,2024年5月\n"
	    "4,推进中,县工业和信息化局,2024-05-20,202405\n"
	    "5,推进中,县工业和信息化局,2024-05-20,2024-04\n"
	    "6,推进中,县工业和信息化局,2024-05-20,五月\n"
	    "7,推进中,县工业和信息化局,2024-05-20,\n", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 5);
	ck_diag_has(&dl, F ":6: 错误: 月份“2024-04”与文件的月份 2024年5月 不符");
	ck_diag_has(&dl, F ":7: 错误: 月份“五月”无法识别");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 2);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

START_TEST(unclosed_quote)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(HEADER
	    "1,推进中,,ok,县工业和信息化局,2024-05-20\n"
	    "2,推进中,,\"没有结束的引号,县工业和信息化局,2024-05-20\n"
	    "3,推进中,,,县工业和信息化局,2024-05-20\n", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":3: 错误: 引号未闭合");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);
	l = parse_may("\"任务编号,进展状态\n", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ":1: 错误: 引号未闭合");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);
}
END_TEST

START_TEST(sample_marks)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may("台账（示例数据）,,,,,\n" HEADER
	    "1,推进中,,,县工业和信息化局,2024-05-20\n", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->sample, 1);
	ledger_free(l);
	l = parse_may(HEADER "1,推进中,,,县工业和信息化局,2024-05-20\n", &dl);
	ck_assert_int_eq(l->sample, 0);
	ledger_free(l);
	/* a 备注 of a rejected row does not count */
	l = parse_may("任务编号,进展状态,填报单位,填报日期,备注\n"
	    "99,推进中,县工业和信息化局,2024-05-20,示例数据\n", &dl);
	ck_assert_int_eq(l->sample, 0);
	ledger_free(l);
	diag_free(&dl);
}
END_TEST

/* ---- encodings and CSV shapes ----------------------------------------- */

static const char *body = HEADER
    "1,推进中,60%,\"排查企业，建立台账\",县工业和信息化局,2024年5月28日\n"
    "2,已完成（长期坚持）,,\"多行\n说明\",县发展改革委,2024/5/30\n"
    "3,滞后,40%,受天气影响,县发展改革委,2024-05-31\n";

static void
check_body(struct ledger *l, const struct diag_list *dl, const char *enc)
{
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(diag_count(dl, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(dl, DIAG_WARNING), 0);
	ck_assert_str_eq(l->encoding, enc);
	ck_assert_uint_eq(l->n_records, 3);
	ck_assert_str_eq(l->records[0].text, "排查企业，建立台账");
	ck_assert_str_eq(l->records[0].unit, "县工业和信息化局");
	ck_assert_str_eq(l->records[0].date, "2024-05-28");
	ck_assert_int_eq(l->records[1].state, LEDGER_DONE);
	ck_assert_int_eq(l->records[1].ongoing, 1);
	ck_assert_str_eq(l->records[1].text, "多行\n说明");
	ck_assert_int_eq(l->records[2].state, LEDGER_LATE);
	ck_assert_uint_eq(l->records[2].line, 5);
}

/* body with every LF replaced by CRLF */
static char *
crlf(const char *s)
{
	GString *g = g_string_new(NULL);
	for (; *s; s++) {
		if (*s == '\n')
			g_string_append_c(g, '\r');
		g_string_append_c(g, *s);
	}
	return g_string_free(g, FALSE);
}

START_TEST(encodings)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_may(body, &dl);
	check_body(l, &dl, "UTF-8");
	ledger_free(l);

	/* Excel "CSV UTF-8": BOM and CRLF */
	char *c = crlf(body);
	char *bom = g_strconcat("\xEF\xBB\xBF", c, NULL);
	l = parse_may(bom, &dl);
	check_body(l, &dl, "UTF-8 BOM");
	ledger_free(l);

	/* Excel "CSV (逗号分隔)" on Chinese Windows: GB18030 and CRLF */
	gsize n = 0;
	char *gb = g_convert(c, -1, "GB18030", "UTF-8", NULL, &n, NULL);
	ck_assert_ptr_nonnull(gb);
	ck_assert_ptr_null(memchr(gb, 0xE6, n)); /* not UTF-8 any more */
	l = ledger_parse(F, gb, n, 2024, 5, nanzhao, &dl);
	check_body(l, &dl, "GB18030");
	ledger_free(l);

	/* Excel "Unicode 文本": UTF-16LE with BOM, tab-separated */
	char *tabbed = g_strdup(body);
	/* commas outside quotes become tabs */
	int inq = 0;
	for (char *p = tabbed; *p; p++) {
		if (*p == '"')
			inq = !inq;
		else if (*p == ',' && !inq)
			*p = '\t';
	}
	char *u16 = g_convert(tabbed, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
	ck_assert_ptr_nonnull(u16);
	char *withbom = g_malloc(n + 2);
	withbom[0] = (char)0xFF;
	withbom[1] = (char)0xFE;
	memcpy(withbom + 2, u16, n);
	l = ledger_parse(F, withbom, n + 2, 2024, 5, nanzhao, &dl);
	check_body(l, &dl, "UTF-16LE");
	ledger_free(l);

	g_free(withbom);
	g_free(u16);
	g_free(tabbed);
	g_free(gb);
	g_free(bom);
	g_free(c);
	diag_free(&dl);
}
END_TEST

START_TEST(wrong_encoding)
{
	struct diag_list dl = {0};
	/* bytes that are neither UTF-8 nor GB18030 */
	static const char bad[] = "任务编号,进展状态,填报单位,填报日期\n"
	    "1,\x80\xff\x80,x,2024-05-20\n";
	struct ledger *l = ledger_parse(F, bad, sizeof bad - 1, 2024, 5,
	    nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	ck_diag_has(&dl, F ":2:");
	diag_free(&dl);

	/* binary */
	static const char bin[] = "\x00\x01\x02PK\x03\x04\x00\x00";
	l = ledger_parse(F, bin, sizeof bin - 1, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);

	/* a truncated .xls workbook (an OLE2 header and nothing else) */
	static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0";
	l = ledger_parse(F, xls, sizeof xls - 1, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ": 错误: 无法读取 xls 文件（文件已损坏");
	diag_free(&dl);

	l = ledger_parse(F, "", 0, 2024, 5, nanzhao, &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, F ": 错误: 文件为空");
	diag_free(&dl);
}
END_TEST

/* Task numbers as offices type them match the plan's spelling. */
START_TEST(task_number_spellings)
{
	struct plan_meta m;
	struct plan *xp = fx_shipped_plan("xiping-2025", &m);
	struct diag_list dl = {0};
	const char *text = HEADER
	    "二.（一）,推进中,,,县发展改革委,2025-05-20\n"
	    "二（二）,推进中,,,县发展改革委,2025-05-20\n"
	    "二、(三),推进中,,,县发展改革委,2025-05-20\n"
	    "三 . ( 一 ),推进中,,,县发展改革委,2025-05-20\n"
	    "（一）,推进中,,,县发展改革委,2025-05-20\n"
	    "1,推进中,,,县发展改革委,2025-05-20\n";
	struct ledger *l = ledger_parse("2025-05.csv", text, strlen(text),
	    2025, 5, xp, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 4);
	ck_assert_str_eq(l->records[0].task, "二.（一）");
	ck_assert_str_eq(l->records[1].task, "二.（二）");
	ck_assert_str_eq(l->records[2].task, "二.（三）");
	ck_assert_str_eq(l->records[3].task, "三.（一）");
	ck_assert_uint_eq(l->records[3].task_index, 3);
	ck_diag_has(&dl, "2025-05.csv:6: 错误: 未知的任务编号“（一）”");
	ck_diag_has(&dl, "2025-05.csv:7: 错误: 未知的任务编号“1”");
	ledger_free(l);
	diag_free(&dl);

	/* full-width digits in a numbered plan */
	l = parse_may(HEADER "１２,推进中,,,县生态环境局,2024-05-20\n", &dl);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_str_eq(l->records[0].task, "12");
	ledger_free(l);
	diag_free(&dl);
	plan_free(xp);
	plan_meta_free(&m);
}
END_TEST

START_TEST(without_plan)
{
	struct diag_list dl = {0};
	const char *text = HEADER "二、(一),推进中,,,县发展改革委,2025-05-20\n"
	    "999,推进中,,,县发展改革委,2025-05-20\n";
	struct ledger *l = ledger_parse("2025-05.csv", text, strlen(text),
	    2025, 5, NULL, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_uint_eq(l->n_records, 2);
	ck_assert_str_eq(l->records[0].task, "二（一）");
	ck_assert(l->records[0].task_index == LEDGER_NO_TASK);
	ledger_free(l);
}
END_TEST

/* ---- .xlsx ------------------------------------------------------------ */

/* The xlsx fixtures live in the fuzz corpus: one setting byte, then the
 * workbook (written like Excel's: shared strings, rich text with phonetic
 * runs, inline strings, formula strings, dates and percentages as styled
 * numbers, a merged title row, a second sheet). */
static struct ledger *
parse_fixture(const char *name, struct diag_list *dl)
{
	char rel[256];
	snprintf(rel, sizeof rel, "tests/fuzz/corpus/ledger/%s", name);
	gchar *data = NULL;
	gsize n = 0;
	ck_assert(g_file_get_contents(lt_path(rel), &data, &n, NULL));
	ck_assert_uint_gt(n, 1);
	struct ledger *l = ledger_parse("2024-05.xlsx", data + 1, n - 1, 2024,
	    5, nanzhao, dl);
	g_free(data);
	return l;
}

START_TEST(xlsx_cells)
{
	struct diag_list dl = {0};
	struct ledger *l = parse_fixture("xlsx-nanzhao-2024-05.bin", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(l->encoding, "xlsx");
	ck_assert_int_eq(l->sample, 1);
	ck_assert_uint_eq(l->header_line, 2);
	ck_assert_uint_eq(l->n_records, 3);
	struct ledger_record *r = l->records;
	/* number cell 1, percent-styled 0.6, rich text without its phonetic
	 * run, date serial 45440 with format 14 */
	ck_assert_str_eq(r[0].task, "1");
	ck_assert_int_eq(r[0].percent10, 600);
	ck_assert_str_eq(r[0].text, "排查企业12家，建立台账");
	ck_assert_str_eq(r[0].date, "2024-05-28");
	ck_assert_uint_eq(r[0].line, 3);
	/* formula string "2", inline string unit, custom 年月日 date format */
	ck_assert_str_eq(r[1].task, "2");
	ck_assert_int_eq(r[1].state, LEDGER_DONE);
	ck_assert_int_eq(r[1].ongoing, 1);
	ck_assert_int_eq(r[1].percent10, 1000);
	ck_assert_str_eq(r[1].text, "第一段\n第二段");
	ck_assert_str_eq(r[1].unit, "县发展改革委");
	ck_assert_str_eq(r[1].date, "2024-05-30");
	/* sheet row numbers are the lines, even across an empty row */
	ck_assert_uint_eq(r[2].line, 6);
	ck_assert_int_eq(r[2].percent10, 455);
	ck_assert_str_eq(r[2].date, "2024-06-03");
	ck_diag_has(&dl, "2024-05.xlsx:7: 错误: 未知的任务编号“99”");
	/* a time-of-day format is no date */
	ck_diag_has(&dl, "2024-05.xlsx:8: 错误: 填报日期“45440.5”无法识别");
	ck_assert_uint_eq(dl.n, 2);
	ledger_free(l);
	diag_free(&dl);

	/* 1904 date system, stored (uncompressed) members */
	l = parse_fixture("xlsx-1904-stored.bin", &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_str_eq(l->records[0].date, "2024-05-28");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ledger_free(l);

	/* a truncated workbook is an error naming the file */
	l = parse_fixture("xlsx-truncated.bin", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, "2024-05.xlsx: 错误: 不是有效的 xlsx 文件");
	diag_free(&dl);

	/* the 1904 workbook with one digit of the sheet changed (43978 ->
	 * 43979): still well-formed XML and a valid date, only the CRC tells
	 * the damage */
	l = parse_fixture("xlsx-bad-crc.bin", &dl);
	ck_assert_ptr_null(l);
	ck_diag_has(&dl, "2024-05.xlsx: 错误: xlsx 文件已损坏："
	    "xl/worksheets/sheet1.xml 的 CRC 校验不符");
	diag_free(&dl);
}
END_TEST

/* One ZIP member for zip_build(): its true bytes, how they are stored,
 * and what the headers claim when a test wants them to lie. */
struct zmember {
	const char *name;
	const char *data;
	size_t len;
	int method;          /* 0 stored, 8 deflated, else written raw */
	unsigned flags;      /* general purpose bits (bit 0: encrypted) */
	uint32_t claim_size; /* uncompressed size claimed; 0: the true one */
	uint32_t crc_xor;    /* flips bits of the true CRC */
};

static void
put16(struct buf *b, unsigned v)
{
	unsigned char c[2] = { v & 0xff, v >> 8 & 0xff };
	buf_put(b, c, 2);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* The ZIP header fields shared by local and central entries, from
 * "version needed" to the extra field length. */
static void
put_entry(struct buf *b, const struct zmember *m, uint32_t crc,
    size_t csize)
{
	put16(b, 20);                    /* version needed: 2.0 */
	put16(b, m->flags);
	put16(b, (unsigned)m->method);
	put16(b, 0);                     /* 00:00 */
	put16(b, 0x21);                  /* 1980-01-01 */
	put32(b, crc);
	put32(b, (uint32_t)csize);
	put32(b, m->claim_size ? m->claim_size : (uint32_t)m->len);
	put16(b, (unsigned)strlen(m->name));
	put16(b, 0);                     /* extra field length */
}

/* A ZIP archive of the members, written by hand so that sizes, CRCs,
 * methods and flags can be anything. */
static void
zip_build(struct buf *out, const struct zmember *m, size_t n)
{
	struct buf cd = {0};
	for (size_t i = 0; i < n; i++) {
		struct buf data = {0};
		if (m[i].method == 8) {
			z_stream s = {0};
			ck_assert_int_eq(deflateInit2(&s, 9, Z_DEFLATED,
			    -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
			uLong bound = deflateBound(&s, m[i].len);
			buf_grow(&data, bound);
			s.next_in = (Bytef *)m[i].data;
			s.avail_in = (uInt)m[i].len;
			s.next_out = (Bytef *)data.data;
			s.avail_out = (uInt)bound;
			ck_assert_int_eq(deflate(&s, Z_FINISH), Z_STREAM_END);
			data.len = s.total_out;
			deflateEnd(&s);
		} else {
			buf_put(&data, m[i].data, m[i].len);
		}
		uint32_t crc = (uint32_t)crc32(0, (const Bytef *)m[i].data,
		    (uInt)m[i].len) ^ m[i].crc_xor;
		size_t off = out->len;
		put32(out, 0x04034b50);
		put_entry(out, &m[i], crc, data.len);
		buf_puts(out, m[i].name);
		buf_put(out, data.data, data.len);
		put32(&cd, 0x02014b50);
		put16(&cd, 20);          /* version made by */
		put_entry(&cd, &m[i], crc, data.len);
		put16(&cd, 0);           /* comment length */
		put16(&cd, 0);           /* disk */
		put16(&cd, 0);           /* internal attributes */
		put32(&cd, 0);           /* external attributes */
		put32(&cd, (uint32_t)off);
		buf_puts(&cd, m[i].name);
		buf_free(&data);
	}
	size_t cd_off = out->len;
	buf_put(out, cd.data, cd.len);
	put32(out, 0x06054b50);
	put16(out, 0);
	put16(out, 0);
	put16(out, (unsigned)n);
	put16(out, (unsigned)n);
	put32(out, (uint32_t)cd.len);
	put32(out, (uint32_t)cd_off);
	put16(out, 0);                   /* comment length */
	buf_free(&cd);
}

/* A workbook of the single member m, read as the May 2024 ledger. */
static struct ledger *
parse_zip(const struct zmember *m, struct diag_list *dl)
{
	struct buf z = {0};
	zip_build(&z, m, 1);
	struct ledger *l = ledger_parse("2024-05.xlsx", z.data, z.len, 2024,
	    5, nanzhao, dl);
	buf_free(&z);
	return l;
}

#define IS(t) "<is><t>" t "</t></is>"
static const char mini_sheet[] =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
    "2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">" IS("任务编号") "</c>"
    "<c r=\"B1\" t=\"inlineStr\">" IS("进展状态") "</c>"
    "<c r=\"C1\" t=\"inlineStr\">" IS("填报单位") "</c>"
    "<c r=\"D1\" t=\"inlineStr\">" IS("填报日期") "</c></row>"
    "<row r=\"2\"><c r=\"A2\"><v>1</v></c>"
    "<c r=\"B2\" t=\"inlineStr\">" IS("推进中") "</c>"
    "<c r=\"C2\" t=\"inlineStr\">" IS("县生态环境分局") "</c>"
    "<c r=\"D2\" t=\"inlineStr\">" IS("2024-05-28") "</c></row>"
    "</sheetData></worksheet>";
#undef IS

#define SHEET "xl/worksheets/sheet1.xml"

/* The ZIP container: part names, CRCs, sizes, methods, encryption, and
 * the 16 MiB cap on a part, which a ZIP bomb's headers must not get
 * past by understating the size. */
START_TEST(xlsx_container)
{
	struct diag_list dl = {0};
	struct zmember m = { SHEET, mini_sheet, sizeof mini_sheet - 1, 8,
	    0, 0, 0 };

	/* the minimal workbook (no workbook.xml: sheet1.xml is the first
	 * sheet) loads; stored or deflated */
	struct ledger *l = parse_zip(&m, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_msg(diag_count(&dl, DIAG_ERROR) == 0, "%s", dl.n ? dl.v[0].msg : "");
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_str_eq(l->records[0].unit, "县生态环境分局");
	ck_assert_str_eq(l->records[0].date, "2024-05-28");
	ledger_free(l);
	m.method = 0;
	l = parse_zip(&m, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ledger_free(l);

	/* OPC part names match without regard to case */
	m.name = "XL/Worksheets/Sheet1.XML";
	l = parse_zip(&m, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_uint_eq(l->n_records, 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ledger_free(l);
	m.name = SHEET;

	/* a wrong CRC, deflated or stored */
	for (int method = 0; method <= 8; method += 8) {
		m.method = method;
		m.crc_xor = 0x10;
		ck_assert_ptr_null(parse_zip(&m, &dl));
		ck_diag_has(&dl, "2024-05.xlsx: 错误: xlsx 文件已损坏："
		    SHEET " 的 CRC 校验不符");
		diag_free(&dl);
	}
	m.crc_xor = 0;

	/* a claimed size the data does not have (below the cap), over or
	 * under, deflated or stored */
	static const uint32_t claims[] = { 5000, 100 };
	for (int method = 0; method <= 8; method += 8) {
		for (size_t i = 0; i < 2; i++) {
			m.method = method;
			m.claim_size = claims[i];
			ck_assert_ptr_null(parse_zip(&m, &dl));
			ck_diag_has(&dl, "2024-05.xlsx: 错误: xlsx 文件已损坏："
			    SHEET " 与 ZIP 目录记录不一致");
			diag_free(&dl);
		}
	}

	/* a claimed size over the cap is refused before reading */
	m.claim_size = (16u << 20) + 1;
	ck_assert_ptr_null(parse_zip(&m, &dl));
	ck_diag_has(&dl, "2024-05.xlsx: 错误: xlsx 文件中的 " SHEET
	    " 过大（超过 16 MiB）");
	ck_assert_uint_eq(dl.n, 1);
	diag_free(&dl);

	/* a bomb: 17 MiB of blanks deflate to some 17 KiB; whether the
	 * headers tell the size or claim a small one, reading stops at the
	 * cap */
	size_t big = 17u << 20;
	char *blank = malloc(big);
	ck_assert_ptr_nonnull(blank);
	memset(blank, ' ', big);
	struct zmember bomb = { SHEET, blank, big, 8, 0, 0, 0 };
	ck_assert_ptr_null(parse_zip(&bomb, &dl));
	ck_diag_has(&dl, "错误: xlsx 文件中的 " SHEET " 过大（超过 16 MiB）");
	diag_free(&dl);
	bomb.claim_size = 2000;
	ck_assert_ptr_null(parse_zip(&bomb, &dl));
	ck_diag_has(&dl, "错误: xlsx 文件中的 " SHEET " 过大（超过 16 MiB）");
	ck_assert_uint_eq(dl.n, 1);
	diag_free(&dl);
	free(blank);

	/* encrypted members and methods OPC does not allow (12: bzip2) */
	m.claim_size = 0;
	m.flags = 1;
	ck_assert_ptr_null(parse_zip(&m, &dl));
	ck_diag_has(&dl, "错误: xlsx 文件中的 " SHEET " 已加密");
	diag_free(&dl);
	m.flags = 0;
	m.method = 12;
	ck_assert_ptr_null(parse_zip(&m, &dl));
	ck_diag_has(&dl, "错误: xlsx 文件中的 " SHEET
	    " 使用了不支持的压缩方式");
	diag_free(&dl);

	/* a ZIP whose central directory is cut off */
	struct buf z = {0};
	m.method = 8;
	zip_build(&z, &m, 1);
	ck_assert_ptr_null(ledger_parse("2024-05.xlsx", z.data, z.len - 30,
	    2024, 5, nanzhao, &dl));
	ck_diag_has(&dl, "2024-05.xlsx: 错误: 不是有效的 xlsx 文件");
	buf_free(&z);
	diag_free(&dl);
}
END_TEST

/* ---- history ----------------------------------------------------------- */

static struct ledger *
month_ledger(int y, int mo, const char *rows)
{
	struct diag_list dl = {0};
	char path[32];
	snprintf(path, sizeof path, "%04d-%02d.csv", y, mo);
	char *text = g_strconcat(HEADER, rows, NULL);
	struct ledger *l = ledger_parse(path, text, strlen(text), y, mo,
	    nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_msg(diag_count(&dl, DIAG_ERROR) == 0, "%s", dl.n ? dl.v[0].msg : "");
	g_free(text);
	diag_free(&dl);    /* warnings: units outside their task */
	return l;
}

START_TEST(history)
{
	struct ledger *v[3];
	v[0] = month_ledger(2024, 6, "1,已完成,100%,,甲,2024-06-20\n"
	    "1,未启动,0,,乙,2024-06-20\n"
	    "2,滞后,80%,,甲,2024-06-20\n"
	    "2,已完成,100%,,乙,2024-06-20\n");
	v[1] = month_ledger(2024, 3, "1,未启动,0%,,甲,2024-03-20\n"
	    "3,已完成（长期坚持）,,,甲,2024-03-20\n");
	/* a second file for June merges into the same month */
	v[2] = month_ledger(2024, 6, "3,推进中,50%,,丙,2024-06-20\n");
	v[2]->sample = 1;
	struct ledger_history *h = ledger_history_build(nanzhao, v, 3);
	ck_assert_uint_eq(h->n_tasks, 30);
	ck_assert_uint_eq(h->n_months, 4);
	ck_assert_int_eq(h->months[0].year, 2024);
	ck_assert_int_eq(h->months[0].month, 3);
	ck_assert_int_eq(h->months[3].month, 6);
	ck_assert_int_eq(h->months[0].present, 1);
	ck_assert_int_eq(h->months[1].present, 0);
	ck_assert_int_eq(h->months[2].present, 0);
	ck_assert_int_eq(h->months[3].present, 1);
	ck_assert_int_eq(h->months[3].sample, 1);
	ck_assert_int_eq(h->months[0].sample, 0);
	ck_assert_int_eq(h->sample, 1);
	const struct ledger_cell *c = ledger_history_cell(h, 0, 0);
	ck_assert_int_eq(c->state, LEDGER_NOT_STARTED);
	ck_assert_int_eq(c->percent10, 0);
	c = ledger_history_cell(h, 0, 1);
	ck_assert_int_eq(c->state, LEDGER_UNREPORTED);
	ck_assert_uint_eq(c->n_reports, 0);
	ck_assert_int_eq(c->percent10, LEDGER_PERCENT_NONE);
	c = ledger_history_cell(h, 0, 3);      /* done + not started */
	ck_assert_int_eq(c->state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(c->percent10, 0);
	ck_assert_uint_eq(c->n_reports, 2);
	c = ledger_history_cell(h, 1, 3);      /* late + done */
	ck_assert_int_eq(c->state, LEDGER_LATE);
	ck_assert_int_eq(c->percent10, 800);
	c = ledger_history_cell(h, 2, 0);
	ck_assert_int_eq(c->state, LEDGER_DONE);
	ck_assert_int_eq(c->ongoing, 1);
	c = ledger_history_cell(h, 2, 3);
	ck_assert_int_eq(c->state, LEDGER_IN_PROGRESS);
	ck_assert_int_eq(c->ongoing, 0);
	ck_assert_ptr_null(ledger_history_cell(h, 30, 0));
	ck_assert_ptr_null(ledger_history_cell(h, 0, 4));
	ledger_history_free(h);

	h = ledger_history_build(nanzhao, NULL, 0);
	ck_assert_uint_eq(h->n_months, 0);
	ck_assert_ptr_null(ledger_history_cell(h, 0, 0));
	ledger_history_free(h);
	for (int i = 0; i < 3; i++)
		ledger_free(v[i]);
}
END_TEST

/* ---- the shipped samples ---------------------------------------------- */

START_TEST(shipped_samples)
{
	const char *id = fx_shipped[_i];
	struct plan_meta m;
	struct plan *p = fx_shipped_plan(id, &m);
	struct diag_list dl = {0};
	struct ledger **v;
	size_t n;
	ck_assert_int_eq(fx_shipped_ledgers(id, p, &v, &n, &dl), 1);
	char *t = diag_text(&dl);
	ck_assert_msg(dl.n == 0, "%s: diagnostics:\n%s", id, t);
	free(t);
	ck_assert_uint_ge(n, 6);
	int gb = 0, states[LEDGER_NSTATE] = {0};
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(v[i]->sample, 1);
		ck_assert_uint_eq(v[i]->rows_rejected, 0);
		ck_assert_uint_ge(v[i]->n_records, p->n_tasks);
		gb |= !strcmp(v[i]->encoding, "GB18030");
		/* every task reported every month */
		int *seen = calloc(p->n_tasks, sizeof *seen);
		for (size_t k = 0; k < v[i]->n_records; k++) {
			const struct ledger_record *r = &v[i]->records[k];
			ck_assert_uint_lt(r->task_index, p->n_tasks);
			ck_assert_str_eq(r->task,
			    p->tasks[r->task_index].number);
			ck_assert_str_eq(r->note, "示例数据");
			ck_assert(r->date[0] && r->text[0] && r->unit[0]);
			seen[r->task_index] = 1;
			states[r->state]++;
		}
		for (size_t k = 0; k < p->n_tasks; k++)
			ck_assert_msg(seen[k], "%s: task %s not reported",
			    v[i]->path, p->tasks[k].number);
		free(seen);
		if (i)
			ck_assert_int_eq((v[i]->year * 12 + v[i]->month) -
			    (v[i - 1]->year * 12 + v[i - 1]->month), 1);
	}
	ck_assert_msg(gb, "%s: no GB18030 sample", id);
	ck_assert_int_gt(states[LEDGER_IN_PROGRESS], 0);
	ck_assert_int_gt(states[LEDGER_DONE], 0);
	struct ledger_history *h = ledger_history_build(p, v, n);
	ck_assert_uint_eq(h->n_months, n);
	ck_assert_int_eq(h->sample, 1);
	ledger_history_free(h);
	fx_ledgers_free(v, n);
	diag_free(&dl);
	plan_free(p);
	plan_meta_free(&m);
}
END_TEST

/* Across the samples, a few tasks are late and a few not started. */
START_TEST(shipped_samples_mix)
{
	int late = 0, not_started = 0, xlsx = 0;
	for (size_t s = 0; s < FX_N_SHIPPED; s++) {
		struct plan_meta m;
		struct plan *p = fx_shipped_plan(fx_shipped[s], &m);
		struct diag_list dl = {0};
		struct ledger **v;
		size_t n;
		ck_assert(fx_shipped_ledgers(fx_shipped[s], p, &v, &n, &dl));
		for (size_t i = 0; i < n; i++)
			xlsx += !strcmp(v[i]->encoding, "xlsx");
		struct ledger_history *h = ledger_history_build(p, v, n);
		for (size_t t = 0; t < h->n_tasks; t++) {
			const struct ledger_cell *c =
			    ledger_history_cell(h, t, h->n_months - 1);
			late += c->state == LEDGER_LATE;
			c = ledger_history_cell(h, t, 0);
			not_started += c->state == LEDGER_NOT_STARTED;
		}
		ledger_history_free(h);
		fx_ledgers_free(v, n);
		diag_free(&dl);
		plan_free(p);
		plan_meta_free(&m);
	}
	ck_assert_int_ge(late, 2);
	ck_assert_int_ge(not_started, 3);
	ck_assert_int_ge(xlsx, 1);
}
END_TEST

START_TEST(load_dir_and_names)
{
	char tmpl[] = "/tmp/lt_ledger_XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	char path[256];
	FILE *fp;
	snprintf(path, sizeof path, "%s/2024-05.csv", d);
	fp = fopen(path, "w");
	fputs(HEADER "1,推进中,,,县工业和信息化局,2024-05-20\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/2024-04.csv", d);
	fp = fopen(path, "w");
	fputs("没有表头\n", fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/说明.txt", d);
	fp = fopen(path, "w");
	fputs("x\n", fp);
	fclose(fp);
	/* a workbook for a month that has a CSV already */
	gchar *xl = NULL;
	gsize xn = 0;
	ck_assert(g_file_get_contents(lt_path(
	    "tests/fuzz/corpus/ledger/xlsx-1904-stored.bin"), &xl, &xn, NULL));
	snprintf(path, sizeof path, "%s/2024-05.xlsx", d);
	ck_assert(g_file_set_contents(path, xl + 1, (gssize)xn - 1, NULL));
	snprintf(path, sizeof path, "%s/2024-06.xlsx", d);
	ck_assert(g_file_set_contents(path, xl + 1, (gssize)xn - 1, NULL));
	g_free(xl);
	struct diag_list dl = {0};
	struct ledger **v;
	size_t n;
	ck_assert_int_eq(ledger_load_dir(d, nanzhao, &v, &n, &dl), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0]->month, 5);
	ck_assert_str_eq(v[0]->encoding, "UTF-8");
	ck_assert_int_eq(v[1]->month, 6);
	ck_assert_str_eq(v[1]->encoding, "xlsx");
	ck_diag_has(&dl, "/2024-04.csv:1: 错误: 找不到表头");
	ck_diag_has(&dl, "/2024-05.xlsx: 错误: 2024年5月已有台账");
	/* the workbook's date is in May: wrong for June */
	ck_diag_has(&dl, "/2024-06.xlsx:2: 错误: 填报日期 2024-05-28 不在 2024年6月");
	ck_diag_has(&dl, "/说明.txt: 提示: 不是台账文件");
	ledger_free(v[1]);
	ledger_free(v[0]);
	free(v);
	diag_free(&dl);

	/* ledger_load takes the month from the name */
	snprintf(path, sizeof path, "%s/2024-05.csv", d);
	struct ledger *l = ledger_load(path, nanzhao, &dl);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(l->year, 2024);
	ledger_free(l);
	snprintf(path, sizeof path, "%s/说明.txt", d);
	ck_assert_ptr_null(ledger_load(path, nanzhao, &dl));
	ck_diag_has(&dl, "错误: 台账文件名应为 年-月.csv、年-月.xlsx 或 年-月.xls");
	diag_free(&dl);

	/* a missing folder is no ledger, not an error */
	snprintf(path, sizeof path, "%s/none", d);
	ck_assert_int_eq(ledger_load_dir(path, nanzhao, &v, &n, &dl), 1);
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(dl.n, 0);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static void
write_text(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

/* A month's folder: each unit's file read into one ledger with the single
 * file; the same task and unit in two files is an error naming both; other
 * files noted. */
START_TEST(month_folder)
{
	char tmpl[] = "/tmp/lt_ledger_XXXXXX";
	char *d = mkdtemp(tmpl);
	ck_assert_ptr_nonnull(d);
	char sub[300];
	snprintf(sub, sizeof sub, "%s/2024-05", d);
	ck_assert_int_eq(mkdir(sub, 0777), 0);
	write_text(d, "2024-05.csv", HEADER
	    "1,推进中,,,县工业和信息化局,2024-05-20\n");
	write_text(sub, "2024-05-住建局.csv", HEADER
	    "2,已完成,100%,,县住房和城乡建设局,2024-05-21\n"
	    "1,推进中,,,县工业和信息化局,2024-05-22\n");  /* 3: twice */
	write_text(sub, "2024-05-交通局.csv", HEADER
	    "3,滞后,,,县交通运输局,2024-05-23\n");
	write_text(sub, "~$2024-05-交通局.csv", "lock");
	write_text(sub, "说明.docx", "x");
	write_text(d, "2024-06.csv", HEADER
	    "1,已完成,,,县工业和信息化局,2024-06-20\n");
	struct diag_list dl = {0};
	struct ledger **v;
	size_t n;
	ck_assert_int_eq(ledger_load_dir(d, nanzhao, &v, &n, &dl), 1);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(v[0]->month, 5);
	/* 1 (single file) + 1 (交通局) + 1 (住建局: task 2; task 1 dropped) */
	ck_assert_uint_eq(v[0]->n_records, 3);
	ck_assert_str_eq(v[0]->records[0].unit, "县工业和信息化局");
	ck_assert_str_eq(v[0]->records[1].unit, "县交通运输局");
	ck_assert_str_eq(v[0]->records[2].unit, "县住房和城乡建设局");
	ck_assert_ptr_nonnull(strstr(v[0]->files, "2024-05/2024-05-住建局.csv"));
	ck_diag_has(&dl, "/2024-05/2024-05-住建局.csv:3: 错误: 重复填报：任务“1”、"
	    "填报单位“县工业和信息化局”已在 ");
	ck_diag_has(&dl, "/2024-05.csv 第 2 行填报");
	ck_diag_has(&dl, "/2024-05/说明.docx: 提示: 不是台账文件");
	ck_diag_lacks(&dl, "~$");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_int_eq(v[1]->month, 6);
	ck_assert_ptr_null(v[1]->files);
	for (size_t i = 0; i < n; i++)
		ledger_free(v[i]);
	free(v);
	diag_free(&dl);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *
ledger_suite(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("ledger");
	tcase_set_timeout(tc, 60);
	tcase_add_unchecked_fixture(tc, plans_setup, plans_teardown);
	tcase_add_test(tc, state_synonyms);
	tcase_add_test(tc, combine);
	tcase_add_test(tc, month_from_path);
	tcase_add_test(tc, basic_records);
	tcase_add_test(tc, columns_any_order_and_extra);
	tcase_add_test(tc, missing_columns);
	tcase_add_test(tc, row_errors);
	tcase_add_test(tc, several_errors_one_row);
	tcase_add_test(tc, percent_forms);
	tcase_add_test(tc, percent_warnings);
	tcase_add_test(tc, percent_too_large);
	tcase_add_test(tc, limit_cell_length);
	tcase_add_test(tc, limit_rows);
	tcase_add_test(tc, date_forms);
	tcase_add_test(tc, december);
	tcase_add_test(tc, month_column);
	tcase_add_test(tc, unclosed_quote);
	tcase_add_test(tc, sample_marks);
	tcase_add_test(tc, encodings);
	tcase_add_test(tc, wrong_encoding);
	tcase_add_test(tc, task_number_spellings);
	tcase_add_test(tc, without_plan);
	tcase_add_test(tc, xlsx_cells);
	tcase_add_test(tc, xlsx_container);
	tcase_add_test(tc, history);
	tcase_add_loop_test(tc, shipped_samples, 0,
	    (int)FX_N_SHIPPED);
	tcase_add_test(tc, shipped_samples_mix);
	tcase_add_test(tc, load_dir_and_names);
	tcase_add_test(tc, month_folder);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(ledger_suite)
