/*
 * bench_parse.c -- parse time and throughput of the plan parser, in process
 * (no process start-up in the figures).
 *
 *   bench_parse [-r N] FILE...
 *       parse each file N times (default 200); print the best and median
 *       time per file, the total for all files, and MB/s
 *   bench_parse --synthetic K FILE
 *       build a plan K times larger than FILE (its task section repeated,
 *       tasks renumbered) in memory and parse it (5 runs)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "plan_parse.h"
#include "textload.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Parse data runs times: fills best and median seconds, returns tasks. */
static size_t
time_parse(const char *name, const char *data, size_t len, int runs, double *best,
    double *median)
{
	double *t = calloc((size_t)runs, sizeof *t);
	size_t tasks = 0;
	for (int i = 0; i < runs; i++) {
		struct diag_list dl = {0};
		double t0 = now();
		struct plan *p = plan_parse(name, data, len, NULL, &dl);
		t[i] = now() - t0;
		tasks = p ? p->n_tasks : 0;
		plan_free(p);
		diag_free(&dl);
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	*best = t[0];
	*median = t[runs / 2];
	free(t);
	return tasks;
}

static int
read_file(const char *path, struct buf *b)
{
	struct diag_list dl = {0};
	int ok = file_read_all(path, 0, b, &dl);
	diag_print(&dl, stderr);
	diag_free(&dl);
	return ok;
}

/* The plan's header and first section, then its task lines K times with
 * the task numbers rewritten so they run on. */
static void
synthesise(const char *src, int k, struct buf *out)
{
	const char *tasks = strstr(src, "\n二、");
	const char *end = tasks ? strstr(tasks + 1, "\n三、") : NULL;
	if (!tasks || !end) {
		buf_puts(out, src);
		return;
	}
	buf_put(out, src, (size_t)(tasks - src) + 1);
	buf_puts(out, "二、主要任务\n");
	int n = 0;
	for (int rep = 0; rep < k; rep++) {
		const char *p = strchr(tasks + 1, '\n') + 1;
		while (p < end) {
			const char *e = strchr(p, '\n');
			size_t len = (size_t)(e - p);
			const char *dot = p;
			while (dot < e && *dot >= '0' && *dot <= '9')
				dot++;
			if (dot > p && dot < e && *dot == '.') {
				buf_printf(out, "%d", ++n);
				buf_put(out, dot, (size_t)(e - dot));
			} else {
				buf_put(out, p, len);
			}
			buf_putc(out, '\n');
			p = e + 1;
		}
	}
	buf_puts(out, end + 1);
}

int
main(int argc, char **argv)
{
	int runs = 200, i = 1;
	if (argc > 2 && !strcmp(argv[1], "--synthetic")) {
		int k = atoi(argv[2]);
		struct buf src = {0}, big = {0};
		if (!read_file(argv[3], &src))
			return 1;
		synthesise(src.data, k, &big);
		double best, median;
		size_t tasks = time_parse("synthetic.txt", big.data, big.len, 5, &best, &median);
		printf("parse %dx %-28s %8.2f MB %6zu tasks  best %8.2f ms  median %8.2f ms  %6.1f MB/s\n",
		    k, argv[3], big.len / 1e6, tasks, best * 1e3, median * 1e3, big.len / 1e6 / best);
		buf_free(&src);
		buf_free(&big);
		return 0;
	}
	if (argc > 2 && !strcmp(argv[1], "-r")) {
		runs = atoi(argv[2]);
		i = 3;
	}
	double total = 0, total_med = 0;
	size_t bytes = 0;
	for (; i < argc; i++) {
		struct buf b = {0};
		if (!read_file(argv[i], &b))
			return 1;
		double best, median;
		size_t tasks = time_parse(argv[i], b.data, b.len, runs, &best, &median);
		printf("parse %-36s %7zu B %4zu tasks  best %6.3f ms  median %6.3f ms  %6.1f MB/s\n",
		    argv[i], b.len, tasks, best * 1e3, median * 1e3, b.len / 1e6 / best);
		total += best;
		total_med += median;
		bytes += b.len;
		buf_free(&b);
	}
	printf("parse all plans: %zu B  best %.3f ms  median %.3f ms  %.1f MB/s (goal: under 5 ms)\n",
	    bytes, total * 1e3, total_med * 1e3, bytes / 1e6 / total);
	return 0;
}
