/*
 * test_ledger_header.c -- every header name of the ledger format, the 8
 * main names and all 20 aliases, maps to its own column. The table below is
 * the format as documented in ledger.h (THE FORMAT, "Title rows and
 * header"), copied by hand, not read from the code: for each name, a
 * ledger whose header carries that name for its field (the other fields
 * under their main names) must put the row's value of that column into
 * that field, with no error and no "ignored column" note.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ledger.h"
#include "lt_test.h"
#include "plan.h"

#define F "plans/t/ledgers/2024-05.csv"

enum fld { TASK, STATE, UNIT, DATE, PERCENT, TEXT, MONTH, NOTE, NFLD };

/* The main name of each field, and the value its column holds in the
 * test row (distinct, so a value in the wrong field shows). */
static const char *const main_name[NFLD] = {
	"任务编号", "进展状态", "填报单位", "填报日期", "完成比例", "进展情况",
	"月份", "备注",
};
static const char *const value[NFLD] = {
	"7", "推进中", "县财政局", "2024-05-21", "40%", "排查企业12家",
	"2024年5月", "示例数据",
};

/* ledger.h: every name a header may use, with its field. */
static const struct {
	const char *name;
	enum fld f;
} names[] = {
	{ "任务编号", TASK }, { "编号", TASK }, { "任务序号", TASK },
	{ "进展状态", STATE }, { "状态", STATE }, { "完成状态", STATE },
	{ "推进状态", STATE }, { "进度状态", STATE },
	{ "填报单位", UNIT }, { "报送单位", UNIT }, { "填报部门", UNIT },
	{ "责任单位", UNIT },
	{ "填报日期", DATE }, { "报送日期", DATE }, { "填报时间", DATE },
	{ "完成比例", PERCENT }, { "完成进度", PERCENT }, { "完成率", PERCENT },
	{ "进度", PERCENT },
	{ "进展情况", TEXT }, { "工作进展", TEXT }, { "进展描述", TEXT },
	{ "推进情况", TEXT }, { "完成情况", TEXT },
	{ "月份", MONTH }, { "填报月份", MONTH }, { "报告月份", MONTH },
	{ "备注", NOTE },
};
#define NNAMES (sizeof names / sizeof *names)

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

/* The ledger with the header naming field f `name`, one report row; the
 * month column holding month_value. */
static char *
ledger_text(const char *name, enum fld f, const char *month_value)
{
	struct buf b = { 0 };
	for (int i = 0; i < NFLD; i++)
		buf_printf(&b, "%s%s", i ? "," : "", i == (int)f ? name : main_name[i]);
	buf_puts(&b, "\n");
	for (int i = 0; i < NFLD; i++)
		buf_printf(&b, "%s%s", i ? "," : "", i == MONTH ? month_value : value[i]);
	buf_puts(&b, "\n");
	return buf_detach(&b);
}

START_TEST(each_name_maps_to_its_column)
{
	const char *name = names[_i].name;
	enum fld f = names[_i].f;
	struct diag_list dl = { 0 };
	char *text = ledger_text(name, f, value[MONTH]);
	/* Without a plan the task number is kept as written. */
	struct ledger *l = ledger_parse(F, text, strlen(text), 2024, 5, NULL, &dl);
	char *d = diag_text(&dl);
	ck_assert_msg(l != NULL, "%s: ledger refused:\n%s", name, d);
	ck_assert_msg(dl.n == 0, "%s: diagnostics:\n%s", name, d);
	ck_assert_msg(l->n_records == 1, "%s: %zu records", name, l->n_records);
	const struct ledger_record *r = &l->records[0];
	ck_assert_msg(!strcmp(r->task, "7"), "%s: task %s", name, r->task);
	ck_assert_msg(r->state == LEDGER_IN_PROGRESS && !strcmp(r->state_raw, "推进中"),
	    "%s: state %s", name, r->state_raw);
	ck_assert_msg(!strcmp(r->unit, "县财政局"), "%s: unit %s", name, r->unit);
	ck_assert_msg(!strcmp(r->date, "2024-05-21"), "%s: date %s", name, r->date);
	ck_assert_msg(r->percent10 == 400, "%s: percent10 %d", name, r->percent10);
	ck_assert_msg(!strcmp(r->text, "排查企业12家"), "%s: text %s", name, r->text);
	ck_assert_msg(!strcmp(r->note, "示例数据") && l->sample == 1,
	    "%s: note %s", name, r->note);
	ledger_free(l);
	free(d);
	free(text);
	diag_free(&dl);
}
END_TEST

/* The month column is only checked (another month is an error): a name
 * of 月份 must make a wrong month an error naming the row. */
START_TEST(month_names_are_checked)
{
	for (size_t i = 0; i < NNAMES; i++) {
		if (names[i].f != MONTH)
			continue;
		struct diag_list dl = { 0 };
		char *text = ledger_text(names[i].name, MONTH, "2024年6月");
		struct ledger *l = ledger_parse(F, text, strlen(text), 2024, 5, NULL, &dl);
		char *d = diag_text(&dl);
		ck_assert_msg(diag_count(&dl, DIAG_ERROR) == 1 && strstr(d, F ":2: 错误"),
		    "%s holding another month: want one error at line 2, got\n%s",
		    names[i].name, d);
		ck_assert_msg(l == NULL || l->n_records == 0, "%s: row kept", names[i].name);
		ledger_free(l);
		free(d);
		free(text);
		diag_free(&dl);
	}
}
END_TEST

/* ledger.h: "When a column carries the main name (填报单位) and another an
 * alias (责任单位), the main one is used and the alias column ignored" --
 * whichever comes first. */
START_TEST(main_name_wins_in_any_order)
{
	static const char *const text[] = {
	    "任务编号,进展状态,填报单位,责任单位,填报日期\n"
	    "7,推进中,县财政局,县商务局,2024-05-21\n",
	    "任务编号,进展状态,责任单位,填报单位,填报日期\n"
	    "7,推进中,县商务局,县财政局,2024-05-21\n",
	    "进展情况,任务编号,状态,进展状态,完成情况,填报单位,填报日期\n"
	    "排查企业12家,7,已完成,推进中,其他,县财政局,2024-05-21\n",
	};
	for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
		struct diag_list dl = { 0 };
		struct ledger *l = ledger_parse(F, text[i], strlen(text[i]), 2024, 5, NULL, &dl);
		char *d = diag_text(&dl);
		ck_assert_msg(l && l->n_records == 1, "ledger %zu refused:\n%s", i, d);
		ck_assert_msg(!strcmp(l->records[0].unit, "县财政局"), "ledger %zu: unit %s", i,
		    l->records[0].unit);
		ck_assert_msg(l->records[0].state == LEDGER_IN_PROGRESS, "ledger %zu: state %s",
		    i, l->records[0].state_raw);
		if (i == 2)
			ck_assert_msg(!strcmp(l->records[0].text, "排查企业12家"),
			    "ledger %zu: text %s", i, l->records[0].text);
		ck_assert_msg(strstr(d, "已忽略") != NULL, "ledger %zu: the alias column not "
		    "said ignored:\n%s", i, d);
		ledger_free(l);
		free(d);
		diag_free(&dl);
	}
}
END_TEST

/* Every alias is what ledger.h lists: 20 of them, none used twice. */
START_TEST(twenty_aliases)
{
	size_t aliases = 0;
	for (size_t i = 0; i < NNAMES; i++) {
		if (strcmp(names[i].name, main_name[names[i].f]))
			aliases++;
		for (size_t j = i + 1; j < NNAMES; j++)
			ck_assert_str_ne(names[i].name, names[j].name);
	}
	ck_assert_uint_eq(aliases, 20);
}
END_TEST

static Suite *
ledger_header_suite(void)
{
	Suite *s = suite_create("ledger_header");
	TCase *tc = tcase_create("ledger_header");
	tcase_add_loop_test(tc, each_name_maps_to_its_column, 0, (int)NNAMES);
	tcase_add_test(tc, month_names_are_checked);
	tcase_add_test(tc, main_name_wins_in_any_order);
	tcase_add_test(tc, twenty_aliases);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(ledger_header_suite)
