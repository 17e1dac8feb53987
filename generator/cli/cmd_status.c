/*
 * cmd_status.c -- `lantian status PLAN [YYYY-MM] [-o LIST.xlsx]`: the 催报
 * list (status.h) of a plan and month, printed, and written as a
 * workbook with -o.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "diag.h"
#include "plan_tree.h"
#include "status.h"

static void
status_usage(FILE *fp)
{
	fputs("用法: lantian status 方案编号 [年-月] [-o 清单.xlsx]\n"
	    "\n"
	    "催报清单：该月哪些单位尚未报送台账（或只报了一部分），哪些任务已逾期、\n"
	    "哪些 30 天内到期，按单位列出。不写月份时取最近一个有台账的月份。\n"
	    "\n"
	    "  -o 清单.xlsx   另存为工作簿（每个单位的每项任务一行，可筛选）\n"
	    "  -q             只在有单位未报送时输出\n"
	    "\n"
	    "退出状态：0 清单已列出（不论是否有单位未报送），1 输入有错误，2 用法错误。\n",
	    fp);
}

int
cmd_status(int argc, char **argv)
{
	const char *id = NULL, *month = NULL, *out = NULL;
	int quiet = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			status_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "-q")) {
			quiet = 1;
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "lantian status: 未知选项 '%s'\n",
			    argv[i]);
			status_usage(stderr);
			return 2;
		} else if (!id) {
			id = argv[i];
		} else if (!month) {
			month = argv[i];
		} else {
			status_usage(stderr);
			return 2;
		}
	}
	int y = 0, m = 0;
	if (!id) {
		status_usage(stderr);
		return 2;
	}
	if (month && !cmd_month_arg(month, &y, &m)) {
		fprintf(stderr, "lantian status: 月份“%s”应写作 年-月，如 2025-07\n",
		    month);
		return 2;
	}
	struct diag_list dl = {0};
	struct plan_tree t = {0};
	int ok = plan_tree_load(id, 1, &t, &dl);
	if (t.plan && !month) {
		for (size_t i = 0; i < t.n_ledgers; i++)
			if ((long)t.ledgers[i]->year * 12 + t.ledgers[i]->month >
			    (long)y * 12 + m) {
				y = t.ledgers[i]->year;
				m = t.ledgers[i]->month;
			}
		if (!y) {
			diag_add(&dl, DIAG_ERROR, t.dir, 0, 0,
			    "方案还没有任何台账：请写明月份（lantian status %s 年-月）",
			    id);
			ok = 0;
		}
	}
	int status = 1;
	if (t.plan && y) {
		struct status s;
		status_build(t.plan, t.ledgers, t.n_ledgers, y, m, &s);
		struct buf text = {0};
		status_format(&s, t.plan, plan_tree_title(&t), &text);
		int missing = s.n_silent || s.n_partial;
		if (!quiet || missing)
			fputs(text.data ? text.data : "", stdout);
		buf_free(&text);
		if (out && !status_write_xlsx(&s, t.plan, plan_tree_title(&t),
		    out, cmd_created(y, m), &dl))
			ok = 0;
		status = !ok || diag_count(&dl, DIAG_ERROR) ? 1 : 0;
		status_free(&s);
	}
	diag_print(&dl, stderr);
	plan_tree_free(&t);
	diag_free(&dl);
	return status;
}
