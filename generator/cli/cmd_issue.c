/*
 * cmd_issue.c -- `lantian issue PLAN YYYY-MM [--date D] [--number N]
 * [--ytd] [--correction]`: build the publication and freeze one bulletin
 * edition in plans/<dir>/issued/ (build_issued.c does the work, under the
 * build's lock). This file reads the options and prints the outcome.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "commands.h"
#include "diag.h"
#include "generator_id.h"
#include "issue_record.h"

static void
issue_usage(FILE *fp)
{
	fputs("用法 (usage): lantian issue PLAN YYYY-MM [--date YYYY-MM-DD] "
	    "[--number N] [--ytd] [--correction] [-j N] [-q]\n"
	    "\n"
	    "签发一期通报：先构建（同 lantian build），再把方案 PLAN 该月的通报\n"
	    "按期号和成文日期排版，写入 plans/<方案目录>/issued/YYYY-MM.pdf 和签发\n"
	    "记录 YYYY-MM.record。已签发的通报以后不再重新生成或改写，网站发布的\n"
	    "就是这份文件。\n"
	    "\n"
	    "  --date D      成文日期（默认今天，北京时间）\n"
	    "  --number N    期号（默认本年度下一个未用的期号）\n"
	    "  --ytd         签发 1 月至该月的年度累计通报（单独编期号）\n"
	    "  --correction  该月通报已签发、依据有变化时，另发一期更正（新期号）\n"
	    "  -j N          N jobs at once\n"
	    "  -q            只显示错误\n", fp);
}

static int
parse_ym(const char *s, int *y, int *m)
{
	char tail;
	return strlen(s) == 7 && sscanf(s, "%4d-%2d%c", y, m, &tail) == 2 &&
	    s[4] == '-' && *y >= 1900 && *y <= 9999 && *m >= 1 && *m <= 12;
}

static int
parse_date(const char *s, struct issue_request *q)
{
	char tail;
	return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
	    sscanf(s, "%4d-%2d-%2d%c", &q->date_y, &q->date_m, &q->date_d,
	    &tail) == 3 && issue_valid_date(q->date_y, q->date_m, q->date_d);
}

static int
parse_number(const char *s, int *n)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (!*s || *end || v < 1 || v > ISSUE_MAX_NUMBER)
		return 0;
	*n = (int)v;
	return 1;
}

static int
bad_option(const char *what, const char *value)
{
	fprintf(stderr, "lantian issue: %s：%s\n", what, value);
	issue_usage(stderr);
	return 2;
}

/* Returns -1 to go on, otherwise the exit status. */
static int
parse_args(int argc, char **argv, struct issue_request *q,
    struct build_opts *o, int *quiet)
{
	const char *pos[2] = { NULL, NULL };
	int npos = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			issue_usage(stdout);
			return 0;
		} else if (!strcmp(a, "--date") && v) {
			if (!parse_date(v, q))
				return bad_option("成文日期应为 YYYY-MM-DD 形式的"
				    "日期", v);
			i++;
		} else if (!strcmp(a, "--number") && v) {
			if (!parse_number(v, &q->number))
				return bad_option("期号应为 1 到 9999 的整数", v);
			i++;
		} else if (!strncmp(a, "-j", 2) && (a[2] || v)) {
			const char *jv = a[2] ? a + 2 : v;
			char *end;
			long n = strtol(jv, &end, 10);
			if (!*jv || *end || n < 1 || n > 1024)
				return bad_option("-j 应为 1 到 1024 的整数", jv);
			o->jobs = (int)n;
			i += !a[2];
		} else if (!strcmp(a, "--ytd")) {
			q->ytd = 1;
		} else if (!strcmp(a, "--correction")) {
			q->correction = 1;
		} else if (!strcmp(a, "-q")) {
			*quiet = 1;
		} else if (a[0] != '-' && npos < 2) {
			pos[npos++] = a;
		} else {
			return bad_option("未知的选项或多余的参数", a);
		}
	}
	if (npos != 2) {
		fputs("lantian issue: 需要方案 id 和月份，如 lantian issue "
		    "nanzhao-2024 2024-08\n", stderr);
		issue_usage(stderr);
		return 2;
	}
	q->plan = pos[0];
	if (!parse_ym(pos[1], &q->year, &q->month))
		return bad_option("月份应为 YYYY-MM", pos[1]);
	return -1;
}

int
cmd_issue(int argc, char **argv)
{
	struct issue_request q = { 0 };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct build_opts o = { .jobs = ncpu < 1 ? 1 : ncpu > 256 ? 256 :
	    (int)ncpu, .generator = LANTIAN_GENERATOR_ID, .issue = &q };
	int quiet = 0;
	int rc = parse_args(argc, argv, &q, &o, &quiet);
	if (rc >= 0)
		return rc;
	struct build_report r;
	int status = build_run(&o, &r);
	struct diag_list sel = { 0 };
	for (size_t i = 0; i < r.dl.n; i++)
		if (r.dl.v[i].level >= (quiet ? DIAG_ERROR : DIAG_WARNING))
			diag_add(&sel, r.dl.v[i].level, r.dl.v[i].file,
			    r.dl.v[i].line, r.dl.v[i].col, "%s", r.dl.v[i].msg);
	diag_print(&sel, stderr);
	diag_free(&sel);
	for (size_t i = 0; i < r.held.n; i++)
		fprintf(stderr, "lantian: %s\n", r.held.v[i]);
	if (r.issued) {
		printf("lantian: 已签发 %s\n", r.issued);
		if (status)
			fputs("lantian: 签发已完成，但其他方案的构建有错误（见上文）\n",
			    stderr);
		status = 0;
	} else {
		fputs("lantian issue: 未签发（原因见上文）\n", stderr);
		status = 1;
	}
	build_report_free(&r);
	return status;
}
