/*
 * cmd_build.c -- `lantian build` (plans/ -> output/, only what changed)
 * and `lantian check` (validate every input, write nothing). The work is
 * done by build.c and build_merge.c; this file reads options and prints
 * the report.
 */
#include "build.h"
#include "commands.h"
#include "diag.h"
#include "diag_format.h"
#include "generator_id.h"
#include "lang.h"
#include "util.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cli {
	struct build_opts o;
	int quiet;
	int werror;               /* warnings fail the command too */
	enum diag_format format;  /* how diagnostics are printed */
};

static void
build_usage(FILE *fp)
{
	fputs(lang_pick("用法: lantian build [-j N] [--force] [--explain] [--shard K/N] [-q]\n"
	    "                     [--format=F] [--werror]\n"
	    "\n"
	    "把 plans/<代号>/ 的方案生成为 output/xml/、output/json/（以及单位\n"
	    "登记表和方案索引）；把有进展台账（plans/<代号>/ledgers/YYYY-MM.csv\n"
	    "或 .xlsx）的每个月份，与方案所在地区的监测数据（plans/stations.csv）\n"
	    "合并为 output/merged/<代号>/YYYY-MM.xml；生成各地区的空气质量输出\n"
	    "output/air/<地区>/ 和各地区排名 output/air/ranking/；再排版 PDF 通报、\n"
	    "生成网站 output/site/。只重建输入、程序或内容有变化的输出；出错的\n"
	    "方案保留上次发布的内容。\n"
	    "\n"
	    "  -j N        同时运行 N 个任务（默认：CPU 个数）\n"
	    "  --force     全部重建\n"
	    "  --explain   说明每个输出为什么重建\n"
	    "  --shard K/N 分成 N+1 个 CI 任务之一：0 生成各地区和排名，K >= 1\n"
	    "              在 0 号的 output/ 上生成第 K 份方案；把各份的 output/\n"
	    "              合到一起再普通构建一次，生成登记表和网站\n"
	    "  -q          安静：只显示错误\n"
	    "  --format=F  诊断信息的格式：text（默认）、json、github、gitlab\n"
	    "              （后三种写到标准输出，供 CI 读取）\n"
	    "  --werror    有警告也以状态 1 退出\n",
	    "usage: lantian build [-j N] [--force] [--explain] [--shard K/N] [-q]\n"
	    "                     [--format=F] [--werror]\n"
	    "\n"
	    "Build plans/<id>/ into output/xml/, output/json/ (and the unit\n"
	    "registry and plan index), and every month with a status ledger\n"
	    "(plans/<id>/ledgers/YYYY-MM.csv or .xlsx) into\n"
	    "output/merged/<id>/YYYY-MM.xml with the monitoring data of the\n"
	    "plan's area (plans/stations.csv); every area into output/air/<area>/\n"
	    "and the rankings into output/air/ranking/; then the PDF bulletins\n"
	    "and the site output/site/. Only outputs whose inputs, generator or\n"
	    "content changed are rebuilt; a plan with errors keeps what was\n"
	    "published before.\n"
	    "\n"
	    "  -j N        N jobs at once (default: number of CPUs)\n"
	    "  --force     rebuild every output\n"
	    "  --explain   say why each output is rebuilt\n"
	    "  --shard K/N one of N+1 CI jobs: 0 builds the areas and rankings,\n"
	    "              K >= 1 the plans of shard K (on shard 0's output/);\n"
	    "              a plain build on their output/ folders copied\n"
	    "              together adds the registry and the site\n"
	    "  -q          quiet: print errors only\n"
	    "  --format=F  diagnostics as text (default), json, github or gitlab\n"
	    "              (the last three on stdout, for CI)\n"
	    "  --werror    warnings fail the build too\n"), fp);
}

static void
check_usage(FILE *fp)
{
	fputs(lang_pick("用法: lantian check [-j N] [-q] [--format=F] [--werror]\n"
	    "\n"
	    "检查 plans/ 中的每个 plan.conf、方案原文和进展台账，站点表\n"
	    "plans/stations.csv、它指定的数据布局和各地区的全部监测数据文件，\n"
	    "不写任何文件；每个问题按“文件:行: 级别: 说明”报告。数据质量问题\n"
	    "是警告。有错误时以状态 1 退出（警告不影响，除非 --werror）。\n"
	    "\n"
	    "  -j N        同时运行 N 个任务（默认：CPU 个数）\n"
	    "  -q          安静：只显示错误\n"
	    "  --format=F  诊断信息的格式：text（默认）、json、github、gitlab\n"
	    "              （后三种写到标准输出，供 CI 读取）\n"
	    "  --werror    有警告也以状态 1 退出\n",
	    "usage: lantian check [-j N] [-q] [--format=F] [--werror]\n"
	    "\n"
	    "Validate every plan.conf, plan text and status ledger of plans/,\n"
	    "the station table plans/stations.csv, the layouts it names and\n"
	    "every monitoring data file of every area (read in full), without\n"
	    "writing anything; print each problem as file:line: level: message.\n"
	    "Data-quality findings are warnings. Exit status 1 if there is an\n"
	    "error (warnings too with --werror).\n"
	    "\n"
	    "  -j N        N jobs at once (default: number of CPUs)\n"
	    "  -q          quiet: print errors only\n"
	    "  --format=F  diagnostics as text (default), json, github or gitlab\n"
	    "              (the last three on stdout, for CI)\n"
	    "  --werror    warnings fail the check too\n"), fp);
}

static int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

static int
parse_jobs(const char *s, int *jobs)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (!*s || *end || n < 1 || n > 1024) {
		fprintf(stderr, "lantian: -j 需要 1 到 1024 之间的整数 "
		    "(bad job count '%s')\n", s);
		return 0;
	}
	*jobs = (int)n;
	return 1;
}

/* Returns -1 to go on, otherwise the exit status. */
static int
parse_args(int argc, char **argv, struct cli *c, int is_build)
{
	memset(c, 0, sizeof *c);
	c->o.jobs = default_jobs();
	c->o.generator = LANTIAN_GENERATOR_ID;
	void (*usage)(FILE *) = is_build ? build_usage : check_usage;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(a, "-j") && i + 1 < argc) {
			if (!parse_jobs(argv[++i], &c->o.jobs))
				return 2;
		} else if (!strncmp(a, "-j", 2) && a[2]) {
			if (!parse_jobs(a + 2, &c->o.jobs))
				return 2;
		} else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			c->quiet = 1;
		} else if (!strcmp(a, "--werror")) {
			c->werror = 1;
		} else if (!strncmp(a, "--format=", 9) ||
		    (!strcmp(a, "--format") && i + 1 < argc)) {
			const char *f = a[8] == '=' ? a + 9 : argv[++i];
			if (diag_format_parse(f, &c->format) != 0) {
				fprintf(stderr, "lantian %s: --format 只能是 text、json、"
				    "github 或 gitlab (unknown format '%s')\n",
				    argv[0], f);
				return 2;
			}
		} else if (is_build && (!strcmp(a, "--force") || !strcmp(a, "-f"))) {
			c->o.force = 1;
		} else if (is_build && !strcmp(a, "--explain")) {
			c->o.explain = 1;
		} else if (is_build && !strcmp(a, "--shard") && i + 1 < argc) {
			if (!bshard_parse(argv[++i], &c->o)) {
				fprintf(stderr, "lantian build: --shard 需要 K/N，"
				    "0 <= K <= N (bad shard '%s')\n", argv[i]);
				return 2;
			}
		} else {
			fprintf(stderr, "lantian %s: 未知选项 '%s' (unknown option)\n",
			    argv[0], a);
			usage(stderr);
			return 2;
		}
	}
	return -1;
}

/* Print the diagnostics at or above min, in their recorded order, each
 * once: one input read by several outputs (a commentary in a month's
 * bulletin and in its year-to-date edition) reports the same thing to
 * each of them. */
static void
print_diags(const struct diag_list *dl, enum diag_level min,
    enum diag_format fmt)
{
	struct diag_list sel = {0};
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal,
	    free, NULL);
	/* A shallow copy of the selected entries: diag_print only reads. */
	sel.v = xcalloc(dl->n ? dl->n : 1, sizeof *sel.v);
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		if (d->level < min)
			continue;
		char *key = xasprintf("%d\t%s\t%zu\t%zu\t%s", (int)d->level,
		    d->file ? d->file : "", d->line, d->col, d->msg ? d->msg : "");
		if (g_hash_table_contains(seen, key)) {
			free(key);
			continue;
		}
		g_hash_table_add(seen, key);
		sel.v[sel.n++] = *d;
	}
	sel.dropped = dl->dropped;
	/* Text is for the person at the terminal (stderr); the other
	 * formats are read by a program from stdout. */
	diag_print_as(&sel, fmt, fmt == DIAG_FORMAT_TEXT ? stderr : stdout);
	free(sel.v);
	g_hash_table_destroy(seen);
}

/* --werror: a warning fails the command as an error would. */
static int
werror_status(const struct cli *c, const struct diag_list *dl, int status)
{
	size_t warnings = diag_count(dl, DIAG_WARNING);
	if (!c->werror || status || !warnings)
		return status;
	fprintf(stderr, "lantian: 有 %zu 个警告，按 --werror 以失败退出 "
	    "(warnings treated as errors)\n", warnings);
	return 1;
}

static double
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void
print_data(FILE *fp, const struct build_report *r)
{
	if (r->areas_read)
		fprintf(fp, "；读取 %zu 个地区的监测数据 %zu 个文件 %.1f MB，用时 %.0f ms",
		    r->areas_read, r->data_files,
		    (double)r->data_bytes / 1e6, r->data_ms);
}

static void
print_summary(FILE *fp, const struct build_report *r, double ms)
{
	if (r->nothing_to_do) {
		fprintf(fp, "lantian: 已是最新，无需重建 (nothing to do): "
		    "%zu 个方案，%zu 个合并输出，%zu 个地区输出，%zu 个排名，"
		    "用时 %.1f ms\n", r->plans, r->merged, r->air, r->ranks, ms);
		return;
	}
	fprintf(fp, "lantian: 合并输出 %zu 个：重建 %zu 个，%zu 个已是最新，"
	    "%zu 个失败", r->merged, r->merged_rebuilt, r->merged_uptodate,
	    r->merged_failed);
	print_data(fp, r);
	fprintf(fp, " (merged: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->merged_rebuilt, r->merged_uptodate, r->merged_failed);
	fprintf(fp, "lantian: 地区输出 %zu 个：重建 %zu 个，%zu 个已是最新，"
	    "%zu 个失败；排名 %zu 个：重建 %zu 个，%zu 个已是最新，%zu 个失败 "
	    "(area outputs: rebuilt %zu, up to date %zu, failed %zu; "
	    "rankings: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->air, r->air_rebuilt, r->air_uptodate, r->air_failed, r->ranks,
	    r->ranks_rebuilt, r->ranks_uptodate, r->ranks_failed,
	    r->air_rebuilt, r->air_uptodate, r->air_failed, r->ranks_rebuilt,
	    r->ranks_uptodate, r->ranks_failed);
	fprintf(fp, "lantian: 通报 %zu 份：重建 %zu 份，%zu 份已是最新，%zu 份失败 "
	    "(bulletins: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->bulletins, r->bulletins_rebuilt, r->bulletins_uptodate,
	    r->bulletins_failed, r->bulletins_rebuilt,
	    r->bulletins_uptodate, r->bulletins_failed);
	if (r->site_skipped)
		fprintf(fp, "lantian: 网站：输入未变，无需重建 (site: inputs unchanged)\n");
	else
		fprintf(fp, "lantian: 网站页面 %zu 个：重建 %zu 个，%zu 个已是最新，%zu 个失败 "
		    "(site pages: rebuilt %zu, up to date %zu, failed %zu)\n",
		    r->pages, r->pages_rebuilt, r->pages_uptodate, r->pages_failed,
		    r->pages_rebuilt, r->pages_uptodate, r->pages_failed);
	fprintf(fp, "lantian: 重建 %zu 个方案，%zu 个已是最新，%zu 个失败；"
	    "写入 %zu 个文件，%zu 个内容未变；登记表%s；用时 %.1f ms "
	    "(rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->rebuilt, r->uptodate, r->failed, r->written.n, r->unchanged,
	    r->registry > 0 ? "已更新" : r->registry == 0 ? "已是最新" : "未更新",
	    ms, r->rebuilt, r->uptodate, r->failed);
}

int
cmd_build(int argc, char **argv)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct cli c;
	int rc = parse_args(argc, argv, &c, 1);
	if (rc >= 0)
		return rc;
	struct build_report r;
	int status = build_run(&c.o, &r);
	/* JSON and GitLab reports are the whole of stdout. */
	FILE *fp = c.format == DIAG_FORMAT_JSON ||
	    c.format == DIAG_FORMAT_GITLAB ? stderr : stdout;
	for (size_t i = 0; i < r.explain.n; i++)
		fprintf(fp, "lantian: explain: %s\n", r.explain.v[i]);
	fflush(fp);
	print_diags(&r.dl, c.quiet ? DIAG_ERROR : DIAG_NOTE, c.format);
	/* Part of the errors' story: printed with -q too. */
	for (size_t i = 0; i < r.held.n; i++)
		fprintf(stderr, "lantian: %s (plan held back: nothing new "
		    "published)\n", r.held.v[i]);
	if (!c.quiet) {
		/* Site pages are counted in the summary, not listed: a
		 * province's site has thousands. */
		for (size_t i = 0; i < r.written.n; i++)
			if (strncmp(r.written.v[i], "output/site/", 12))
				fprintf(fp, "lantian: 写入 (wrote) %s\n",
				    r.written.v[i]);
		for (size_t i = 0; i < r.removed.n; i++)
			fprintf(fp, "lantian: 删除过时输出 (removed stale output) %s\n",
			    r.removed.v[i]);
		print_summary(fp, &r, elapsed_ms(&t0));
	}
	status = werror_status(&c, &r.dl, status);
	build_report_free(&r);
	return status;
}

int
cmd_check(int argc, char **argv)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct cli c;
	int rc = parse_args(argc, argv, &c, 0);
	if (rc >= 0)
		return rc;
	struct build_report r;
	int status = build_check(&c.o, &r);
	FILE *fp = c.format == DIAG_FORMAT_JSON ||
	    c.format == DIAG_FORMAT_GITLAB ? stderr : stdout;
	print_diags(&r.dl, c.quiet ? DIAG_ERROR : DIAG_NOTE, c.format);
	size_t errors = diag_count(&r.dl, DIAG_ERROR);
	size_t warnings = diag_count(&r.dl, DIAG_WARNING);
	if (!c.quiet) {
		fprintf(fp, "lantian check: %zu 个方案，%zu 个有错误；%zu 个台账",
		    r.plans, r.failed, r.ledgers);
		print_data(fp, &r);
		fprintf(fp, "；%zu 个错误，%zu 个警告；共用时 %.0f ms "
		    "(%zu plans, %zu errors, %zu warnings)\n", errors, warnings,
		    elapsed_ms(&t0), r.plans, errors, warnings);
	}
	status = werror_status(&c, &r.dl, status);
	build_report_free(&r);
	return status;
}
