/*
 * cmd_build.c -- `lantian build` (plans/ -> output/, only what changed)
 * and `lantian check` (validate every input, write nothing). The work is
 * done by build.c and build_merge.c; this file reads options and prints
 * the report.
 */
#include "build.h"
#include "commands.h"
#include "diag.h"
#include "generator_id.h"
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
};

static void
build_usage(FILE *fp)
{
	fputs("用法 (usage): lantian build [-j N] [--force] [--explain] [-q]\n"
	    "\n"
	    "Build plans/<id>/ into output/xml/, output/json/ (and the unit\n"
	    "registry and plan index), and every month with a status ledger\n"
	    "(plans/<id>/ledgers/YYYY-MM.csv) into output/merged/<id>/YYYY-MM.xml\n"
	    "with the monitoring data of the plan's area (plans/stations.csv);\n"
	    "every area of plans/stations.csv into output/air/<area>/YYYY-MM.xml\n"
	    "(each month with data) and index.xml, and the rankings across areas\n"
	    "into output/air/ranking/YYYY-MM.xml; rebuilding only outputs whose\n"
	    "inputs, generator or content changed.\n"
	    "\n"
	    "  -j N        N jobs at once (default: number of CPUs)\n"
	    "  --force     rebuild every output\n"
	    "  --explain   say why each output is rebuilt\n"
	    "  -q          quiet: print errors only\n", fp);
}

static void
check_usage(FILE *fp)
{
	fputs("用法 (usage): lantian check [-j N] [-q]\n"
	    "\n"
	    "Validate every plan.conf, plan text and status ledger of plans/,\n"
	    "the station table plans/stations.csv, the layouts it names and\n"
	    "every monitoring data file of every area of the table (read in\n"
	    "full), without writing anything; print each problem as\n"
	    "file:line: 级别: message. Data-quality findings are warnings.\n"
	    "Exit status 1 if there is an error (warnings are allowed).\n"
	    "\n"
	    "  -j N        N jobs at once (default: number of CPUs)\n"
	    "  -q          quiet: print errors only\n", fp);
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
		} else if (is_build && (!strcmp(a, "--force") || !strcmp(a, "-f"))) {
			c->o.force = 1;
		} else if (is_build && !strcmp(a, "--explain")) {
			c->o.explain = 1;
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
print_diags(const struct diag_list *dl, enum diag_level min)
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
	diag_print(&sel, stderr);
	free(sel.v);
	g_hash_table_destroy(seen);
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
print_data(const struct build_report *r)
{
	if (r->areas_read)
		printf("；读取 %zu 个地区的监测数据 %zu 个文件 %.1f MB，用时 %.0f ms",
		    r->areas_read, r->data_files,
		    (double)r->data_bytes / 1e6, r->data_ms);
}

static void
print_summary(const struct build_report *r, double ms)
{
	if (r->nothing_to_do) {
		printf("lantian: 已是最新，无需重建 (nothing to do): "
		    "%zu 个方案，%zu 个合并输出，%zu 个地区输出，%zu 个排名，"
		    "用时 %.1f ms\n", r->plans, r->merged, r->air, r->ranks, ms);
		return;
	}
	printf("lantian: 合并输出 %zu 个：重建 %zu 个，%zu 个已是最新，"
	    "%zu 个失败", r->merged, r->merged_rebuilt, r->merged_uptodate,
	    r->merged_failed);
	print_data(r);
	printf(" (merged: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->merged_rebuilt, r->merged_uptodate, r->merged_failed);
	printf("lantian: 地区输出 %zu 个：重建 %zu 个，%zu 个已是最新，"
	    "%zu 个失败；排名 %zu 个：重建 %zu 个，%zu 个已是最新，%zu 个失败 "
	    "(area outputs: rebuilt %zu, up to date %zu, failed %zu; "
	    "rankings: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->air, r->air_rebuilt, r->air_uptodate, r->air_failed, r->ranks,
	    r->ranks_rebuilt, r->ranks_uptodate, r->ranks_failed,
	    r->air_rebuilt, r->air_uptodate, r->air_failed, r->ranks_rebuilt,
	    r->ranks_uptodate, r->ranks_failed);
	printf("lantian: 通报 %zu 份：重建 %zu 份，%zu 份已是最新，%zu 份失败 "
	    "(bulletins: rebuilt %zu, up to date %zu, failed %zu)\n",
	    r->bulletins, r->bulletins_rebuilt, r->bulletins_uptodate,
	    r->bulletins_failed, r->bulletins_rebuilt,
	    r->bulletins_uptodate, r->bulletins_failed);
	if (r->site_skipped)
		printf("lantian: 网站：输入未变，无需重建 (site: inputs unchanged)\n");
	else
		printf("lantian: 网站页面 %zu 个：重建 %zu 个，%zu 个已是最新，%zu 个失败 "
		    "(site pages: rebuilt %zu, up to date %zu, failed %zu)\n",
		    r->pages, r->pages_rebuilt, r->pages_uptodate, r->pages_failed,
		    r->pages_rebuilt, r->pages_uptodate, r->pages_failed);
	printf("lantian: 重建 %zu 个方案，%zu 个已是最新，%zu 个失败；"
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
	for (size_t i = 0; i < r.explain.n; i++)
		printf("lantian: explain: %s\n", r.explain.v[i]);
	fflush(stdout);
	print_diags(&r.dl, c.quiet ? DIAG_ERROR : DIAG_NOTE);
	/* Part of the errors' story: printed with -q too. */
	for (size_t i = 0; i < r.held.n; i++)
		fprintf(stderr, "lantian: %s (plan held back: nothing new "
		    "published)\n", r.held.v[i]);
	if (!c.quiet) {
		/* Site pages are counted in the summary, not listed: a
		 * province's site has thousands. */
		for (size_t i = 0; i < r.written.n; i++)
			if (strncmp(r.written.v[i], "output/site/", 12))
				printf("lantian: 写入 (wrote) %s\n",
				    r.written.v[i]);
		for (size_t i = 0; i < r.removed.n; i++)
			printf("lantian: 删除过时输出 (removed stale output) %s\n",
			    r.removed.v[i]);
		print_summary(&r, elapsed_ms(&t0));
	}
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
	print_diags(&r.dl, c.quiet ? DIAG_ERROR : DIAG_NOTE);
	size_t errors = diag_count(&r.dl, DIAG_ERROR);
	size_t warnings = diag_count(&r.dl, DIAG_WARNING);
	if (!c.quiet) {
		printf("lantian check: %zu 个方案，%zu 个有错误；%zu 个台账",
		    r.plans, r.failed, r.ledgers);
		print_data(&r);
		printf("；%zu 个错误，%zu 个警告；共用时 %.0f ms "
		    "(%zu plans, %zu errors, %zu warnings)\n", errors, warnings,
		    elapsed_ms(&t0), r.plans, errors, warnings);
	}
	build_report_free(&r);
	return status;
}
