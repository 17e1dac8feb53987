/*
 * cmd_simulate.c -- `lantian simulate`: (re)generate the simulated hourly
 * monitoring files of the stations that plans/stations.csv marks
 * `simulated`. The shipped files are committed; this command reproduces
 * them byte for byte (same seed, same span) and lets staff extend the
 * span. The model and the file layout are simulate.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "commands.h"
#include "diag.h"
#include "simulate.h"
#include "util.h"

static const char usage_zh[] =
    "用法: lantian simulate [--stations 文件] [--from YYYY-MM-DD]\n"
    "                       [--to YYYY-MM-DD] [--seed N] [-o 目录]\n"
    "\n"
    "为站点表中 data 列为 simulated 的每个站点生成确定的【模拟】小时数据\n"
    "（模拟数据，仅供演示），格式同中国环境监测总站的实时发布：每个\n"
    "目录每年一个文件 目录/<dir>/<年>" SIM_FILE_SUFFIX "，含该年开始的\n"
    "各小时。内容相同的文件不改写。data 为 real 的站点从不改动。\n"
    "\n"
    "选项：\n"
    "  --stations 文件  站点表（默认 plans/stations.csv）\n"
    "  --from 日期      第一天（默认 " SIM_DEFAULT_FROM "）\n"
    "  --to 日期        最后一天，含当天（默认 " SIM_DEFAULT_TO "）\n"
    "  --seed N         随机种子，0..2^64-1（默认 2024）\n"
    "  -o 目录          站点表 dir 列所相对的根目录（默认：站点表所在目录）\n"
    "  -h, --help       本帮助\n"
    "\n"
    "默认值正好重新生成随附的文件。无论 --from 为何，每个序列都从\n"
    "2020-01-01 算起，所以较短的时段与完整时段的对应行完全相同；时段须在\n"
    "2020..2099 年之内。\n";

static const char usage_en[] =
    "usage: lantian simulate [--stations FILE] [--from YYYY-MM-DD]\n"
    "                               [--to YYYY-MM-DD] [--seed N] [-o DIR]\n"
    "\n"
    "Writes deterministic SIMULATED hourly data (模拟数据，仅供演示) in the\n"
    "CNEMC real-time release format for every station whose `data` column\n"
    "in the station table is `simulated`: one file per folder and year,\n"
    "DIR/<dir>/<year>" SIM_FILE_SUFFIX ", holding the hours that start in\n"
    "that year. A file that already holds the same bytes is left alone.\n"
    "Stations marked `real` are never touched.\n"
    "\n"
    "Options:\n"
    "  --stations FILE  the station table (default: plans/stations.csv)\n"
    "  --from DATE      first day (default: " SIM_DEFAULT_FROM ")\n"
    "  --to DATE        last day, inclusive (default: " SIM_DEFAULT_TO ")\n"
    "  --seed N         random seed, 0..2^64-1 (default: 2024)\n"
    "  -o DIR           root the table's `dir` paths are resolved against\n"
    "                   (default: the station table's folder)\n"
    "  -h, --help       this help\n"
    "\n"
    "The defaults regenerate the shipped files exactly. Every series starts\n"
    "on 2020-01-01 whatever --from says, so a shorter span gives exactly the\n"
    "same rows as the full one; the span must lie in 2020..2099.\n";

/* A decimal uint64. */
static int
parse_seed(const char *s, uint64_t *out)
{
	if (!*s)
		return 0;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		unsigned d = (unsigned)(*s - '0');
		if (v > (UINT64_MAX - d) / 10)
			return 0;
		v = v * 10 + d;
	}
	*out = v;
	return 1;
}

/* The folder holding path ("." if none). Caller frees. */
static char *
folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int
cmd_simulate(int argc, char **argv)
{
	const char *stations = "plans/stations.csv", *root = NULL;
	struct sim_options o;
	sim_options_default(&o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(lang_pick(usage_zh, usage_en), stdout);
			return 0;
		}
		if (!v) {
			fprintf(stderr, "lantian simulate: 选项 %s 缺少参数 "
			    "(missing argument)\n", a);
			return 2;
		}
		if (!strcmp(a, "--stations"))
			stations = v;
		else if (!strcmp(a, "-o"))
			root = v;
		else if (!strcmp(a, "--from")) {
			if (!sim_parse_date(v, &o.from_y, &o.from_m,
			    &o.from_d)) {
				fprintf(stderr, "lantian simulate: --from %s: "
				    "日期应为 YYYY-MM-DD (bad date)\n", v);
				return 2;
			}
		} else if (!strcmp(a, "--to")) {
			if (!sim_parse_date(v, &o.to_y, &o.to_m, &o.to_d)) {
				fprintf(stderr, "lantian simulate: --to %s: "
				    "日期应为 YYYY-MM-DD (bad date)\n", v);
				return 2;
			}
		} else if (!strcmp(a, "--seed")) {
			if (!parse_seed(v, &o.seed)) {
				fprintf(stderr, "lantian simulate: --seed %s: "
				    "应为非负整数 (not a number)\n", v);
				return 2;
			}
		} else {
			fprintf(stderr, "lantian simulate: 未知选项 '%s' "
			    "(unknown option)\n", a);
			fputs(lang_pick(usage_zh, usage_en), stderr);
			return 2;
		}
		i++;
	}

	struct diag_list dl = {0};
	if (!sim_options_check(&o, &dl)) {
		diag_print(&dl, stderr);
		diag_free(&dl);
		return 2;
	}
	struct sim_table t = {0};
	struct sim_write_log log = {0};
	char *dflt_root = root ? NULL : folder_of(stations);
	int ok = sim_table_load(stations, &t, &dl) &&
	    sim_write(&t, &o, root ? root : dflt_root, &log, &dl);
	diag_print(&dl, stderr);
	size_t changed = 0;
	for (size_t i = 0; i < log.n; i++) {
		const struct sim_written *w = &log.v[i];
		printf("%s  %s  %llu 行 (rows)  %zu 字节 (bytes)\n",
		    w->changed ? "写入 (written)  " : "未变 (unchanged)",
		    w->path, (unsigned long long)w->rows, w->bytes);
		changed += w->changed != 0;
	}
	if (ok && log.n == 0)
		printf("站点表中没有模拟站点 (no simulated station in %s)\n",
		    stations);
	else if (ok)
		printf("%zu 个文件，%zu 个有变化；模拟数据，仅供演示 "
		    "(%zu files, %zu changed; simulated data, for "
		    "demonstration only)\n", log.n, changed, log.n, changed);
	sim_write_log_free(&log);
	sim_table_free(&t);
	diag_free(&dl);
	free(dflt_root);
	return ok ? 0 : 1;
}
