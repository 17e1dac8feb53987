/*
 * cmd_ledger.c -- `lantian ledger PLAN YYYY-MM [-o DIR]`: the month's
 * ledger workbooks to send to the units (ledger_out.h), one per unit and
 * one for all, pre-filled from the plan and the last ledger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "commands.h"
#include "diag.h"
#include "ledger_out.h"
#include "plan_tree.h"
#include "util.h"

static void
ledger_usage(FILE *fp)
{
	fputs("用法: lantian ledger 方案编号 年-月 [-o 目录]\n"
	    "\n"
	    "为方案（plans/方案编号/）写出该月的进展台账工作簿（.xlsx）：每个责任单位\n"
	    "一个，另有一个包含全部单位的总表。表中已填好任务编号、任务名称、本单位\n"
	    "角色（牵头/责任/配合）、完成时限、填报单位和上期填报情况；进展状态为下拉\n"
	    "列表，完成比例和填报日期有数据验证，预填的列受保护。\n"
	    "各单位填好后，把文件放入 plans/方案编号/ledgers/年-月/ 即可读取。\n"
	    "\n"
	    "  -o 目录   写到该目录（默认 output/ledgers-out/方案编号/年-月/）\n"
	    "\n"
	    "文件的创建时间取自 SOURCE_DATE_EPOCH（未设置时为该月 1 日），\n"
	    "同样的输入总是得到逐字节相同的文件。\n", fp);
}

int
cmd_month_arg(const char *s, int *y, int *m)
{
	if (strlen(s) != 7 || s[4] != '-')
		return 0;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return 0;
	*y = atoi(s);
	*m = atoi(s + 5);
	return *y >= 2000 && *y <= 2099 && *m >= 1 && *m <= 12;
}

time_t
cmd_created(int y, int m)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return (time_t)v;
	}
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = 1 };
	return timegm(&tm);
}

int
cmd_ledger(int argc, char **argv)
{
	const char *id = NULL, *month = NULL, *out = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			ledger_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "lantian ledger: 未知选项 '%s'\n",
			    argv[i]);
			ledger_usage(stderr);
			return 2;
		} else if (!id) {
			id = argv[i];
		} else if (!month) {
			month = argv[i];
		} else {
			ledger_usage(stderr);
			return 2;
		}
	}
	int y, m;
	if (!id || !month) {
		ledger_usage(stderr);
		return 2;
	}
	if (!cmd_month_arg(month, &y, &m)) {
		fprintf(stderr, "lantian ledger: 月份“%s”应写作 年-月，如 2025-07\n",
		    month);
		return 2;
	}
	struct diag_list dl = {0};
	struct plan_tree t = {0};
	int ok = plan_tree_load(id, 1, &t, &dl);
	char *dir = out ? xstrdup(out) :
	    xasprintf("output/ledgers-out/%s/%04d-%02d", id, y, m);
	struct strvec written = {0};
	/* Errors in earlier ledgers only cost the 上期 columns: the
	 * workbooks are still written from what could be read. */
	if (t.plan)
		ok = ledger_out_write(t.plan, plan_tree_title(&t), y, m,
		    t.ledgers, t.n_ledgers, dir, cmd_created(y, m), &written,
		    &dl);
	diag_print(&dl, stderr);
	for (size_t i = 0; i < written.n; i++)
		printf("%s\n", written.v[i]);
	if (ok)
		printf("已写出 %zu 个台账工作簿（%zu 个单位各一个，另有全部单位总表）到 %s/\n",
		    written.n, written.n ? written.n - 1 : 0, dir);
	int status = ok && t.plan ? 0 : 1;
	strvec_free(&written);
	free(dir);
	plan_tree_free(&t);
	diag_free(&dl);
	return status;
}
