/*
 * bench_typeset.c -- the typesetter on the benchmark document:
 * the text of all five plans (plans/<id>/plan.txt, one paragraph a line,
 * "一、" lines as first-level and "（一）" lines as second-level headings)
 * plus a 300-row, 4-column table, about 80 pages. In process: fonts are
 * opened once, as lantian build does.
 *
 *   bench_typeset [-r RUNS] [-o OUT.pdf] [SRCDIR]
 *
 * Prints pages, total and per-page time (best of RUNS), the marginal cost
 * per page (the full document against the first plan alone), peak RSS,
 * and the same text drawn with raw Pango/Cairo (one layout per paragraph,
 * 22 lines a page, no typesetting rules) as the floor.
 */
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cairo-pdf.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "pangofonts.h"
#include "textload.h"
#include "typeset.h"
#include "util.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this thread: on a machine shared with other jobs the wall
 * clock measures the others too. */
static double
cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The best CPU time of the last run_ts(). */
static double cpu_best;

struct corpus {
	struct strvec lines;
	size_t first_plan;     /* lines of the first plan */
};

static void
load_corpus(const char *srcdir, struct corpus *c)
{
	char *pat = xasprintf("%s/plans/*/plan.txt", srcdir);
	glob_t g;

	if (glob(pat, 0, NULL, &g) != 0) {
		fprintf(stderr, "bench_typeset: no %s\n", pat);
		exit(1);
	}
	for (size_t i = 0; i < g.gl_pathc; i++) {
		struct buf b = { 0 };
		struct diag_list dl = { 0 };
		if (!file_read_all(g.gl_pathv[i], 1 << 24, &b, &dl)) {
			diag_print(&dl, stderr);
			exit(1);
		}
		for (char *s = b.data, *e; s && *s; s = e ? e + 1 : NULL) {
			e = strchr(s, '\n');
			if (e)
				*e = '\0';
			while (*s == ' ' || *s == '\t' || *s == '\r')
				s++;
			if (*s)
				strvec_push(&c->lines, s);
			if (!e)
				break;
		}
		if (i == 0)
			c->first_plan = c->lines.n;
		buf_free(&b);
		diag_free(&dl);
	}
	globfree(&g);
	free(pat);
}

static void
build_doc(struct ts_doc *d, const struct corpus *c, size_t nlines,
    size_t nrows)
{
	static const double w[4] = { 0.8, 4, 2.2, 1.2 };
	static const unsigned cf[4] = { TS_CELL_CENTER, 0, 0, TS_CELL_CENTER };
	static const char *const hdr[4] = { "序号", "任务", "牵头单位", "状态" };
	struct ts_table *t;

	ts_title(d, "大气污染防治攻坚战工作通报（基准测试）");
	ts_subtitle(d, "蓝天 2024年5月31日");
	for (size_t i = 0; i < nlines; i++) {
		const char *s = c->lines.v[i];
		if (str_starts(s, "一、") || str_starts(s, "二、") ||
		    str_starts(s, "三、") || str_starts(s, "四、") ||
		    str_starts(s, "五、") || str_starts(s, "六、"))
			ts_heading(d, 1, s, NULL);
		else if (str_starts(s, "（") && strlen(s) < 80)
			ts_heading(d, 2, s, NULL);
		else
			ts_para(d, s, 0);
	}
	if (nrows == 0)
		return;
	t = ts_table_new(d, 4, w, cf, "表1 任务进展情况", 0);
	ts_table_header(t, hdr);
	for (size_t r = 0; r < nrows; r++) {
		char num[16], task[200];
		const char *s = c->lines.v[(r * 7) % c->lines.n];
		size_t n = 0, k = 0;
		snprintf(num, sizeof num, "%zu", r + 1);
		/* The first 30 characters of a line, markup-escaped enough for
		 * plan text (no < or &). */
		while (s[n] && k < 30) {
			n++;
			while ((s[n] & 0xC0) == 0x80)
				n++;
			k++;
		}
		snprintf(task, sizeof task, "%.*s", (int)n, s);
		const char *row[4] = { num, task,
		    r % 3 ? "县生态环境局" : "县工业和信息化局、发展改革委",
		    r % 5 ? "进行中" : "<span foreground=\"#c00000\">逾期</span>" };
		ts_table_row(t, row);
	}
	ts_table_end(t);
}

/* Typeset; returns pages, *sec the best of runs. */
static int
run_ts(const struct fonts *f, const struct corpus *c, size_t nlines,
    size_t nrows, int runs, double *sec, struct buf *keep)
{
	int pages = 0;

	*sec = 1e9;
	cpu_best = 1e9;
	for (int i = 0; i < runs; i++) {
		struct ts_meta m = { "基准", "蓝天", "测试", NULL, "lantian", 0 };
		struct diag_list dl = { 0 };
		struct buf out = { 0 };
		double c0 = cpu_now();
		double t0 = now();
		struct ts_doc *d = ts_doc_new(f, &m);
		build_doc(d, c, nlines, nrows);
		pages = ts_doc_pdf(d, &out, &dl);
		ts_doc_free(d);
		double t = now() - t0, ct = cpu_now() - c0;
		if (t < *sec)
			*sec = t;
		if (ct < cpu_best)
			cpu_best = ct;
		if (pages == 0) {
			diag_print(&dl, stderr);
			exit(1);
		}
		if (keep != NULL && i == 0)
			buf_put(keep, out.data, out.len);
		buf_free(&out);
		diag_free(&dl);
	}
	return pages;
}

static cairo_status_t
sink(void *closure, const unsigned char *data, unsigned int length)
{
	*(size_t *)closure += length;
	return CAIRO_STATUS_SUCCESS;
}

/* Raw Pango/Cairo: one layout per line of text at the text width,
 * lines drawn 22 to a page. Returns pages. */
static int
run_raw(const struct fonts *f, const struct corpus *c, size_t nlines,
    double *sec)
{
	size_t bytes = 0;
	double t0 = now();
	PangoFontMap *fm = pangofonts_map(f);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, &bytes,
	    595.28, 841.89);
	cairo_t *cr = cairo_create(s);
	PangoContext *pc = pangofonts_context(fm, cr);
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, 16);
	PangoLayout *l = pango_layout_new(pc);
	int line = 0, pages = 1;

	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(442.2 * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	for (size_t i = 0; i < nlines; i++) {
		pango_layout_set_text(l, c->lines.v[i], -1);
		for (GSList *ls = pango_layout_get_lines_readonly(l); ls;
		    ls = ls->next) {
			if (line == 22) {
				cairo_show_page(cr);
				pages++;
				line = 0;
			}
			cairo_move_to(cr, 79.4, 104.9 + 29 * line + 20);
			pango_cairo_show_layout_line(cr, ls->data);
			line++;
		}
	}
	cairo_show_page(cr);
	g_object_unref(l);
	pango_font_description_free(fd);
	g_object_unref(pc);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	g_object_unref(fm);
	*sec = now() - t0;
	return pages;
}

int
main(int argc, char **argv)
{
	const char *srcdir = ".", *outpath = NULL;
	int runs = 5;
	char abs[PATH_MAX], *fdir, *cache;
	struct diag_list dl = { 0 };
	struct corpus c = { 0 };
	struct buf pdf = { 0 };
	double t_open, t_all, t_small, t_raw, t_raw_small;
	int p_all, p_small, p_raw, p_raw_small;
	struct rusage ru;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-r") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
			outpath = argv[++i];
		else
			srcdir = argv[i];
	}
	if (runs < 1)
		runs = 1;
	int only = getenv("BENCH_TYPESET_ONLY") != NULL;
	if (realpath(srcdir, abs) == NULL) {
		perror(srcdir);
		return 1;
	}
	load_corpus(abs, &c);
	fdir = xasprintf("%s/fonts", abs);
	cache = xasprintf("%s/build/fontconfig-cache", abs);
	double t0 = now();
	struct fonts *f = fonts_open(fdir, cache, NULL, &dl);
	t_open = now() - t0;
	getrusage(RUSAGE_SELF, &ru);
	long rss_open = ru.ru_maxrss;
	if (f == NULL) {
		diag_print(&dl, stderr);
		return 1;
	}
	/* The first, cold run (font files from disk into the page cache and
	 * FreeType) is what a single bulletin build costs: report it too. */
	double t_cold;
	run_ts(f, &c, c.lines.n, 300, 1, &t_cold, &pdf);
	if (only) {
		/* One bulletin in a fresh process: its time and peak memory
		 * alone, fonts_open included. */
		getrusage(RUSAGE_SELF, &ru);
		printf("typeset only: fonts_open %.1f ms (peak RSS after it "
		    "%.1f MB), document %.1f ms, peak RSS %.1f MB\n",
		    t_open * 1e3, rss_open / 1024.0, t_cold * 1e3,
		    ru.ru_maxrss / 1024.0);
		return 0;
	}
	p_all = run_ts(f, &c, c.lines.n, 300, runs, &t_all, NULL);
	double cpu_all = cpu_best;
	p_small = run_ts(f, &c, c.first_plan, 0, runs, &t_small, NULL);
	double cpu_small = cpu_best;
	p_raw = run_raw(f, &c, c.lines.n, &t_raw);
	for (int i = 1; i < runs; i++) {
		double t;
		run_raw(f, &c, c.lines.n, &t);
		if (t < t_raw)
			t_raw = t;
	}
	p_raw_small = run_raw(f, &c, c.first_plan, &t_raw_small);
	getrusage(RUSAGE_SELF, &ru);

	printf("typeset: fonts_open %.1f ms (once per process)\n", t_open * 1e3);
	printf("typeset: %d pages (5 plans, %zu paragraphs, 300-row table): "
	    "first run %.1f ms, best of %d %.1f ms, %.3f ms/page\n",
	    p_all, c.lines.n, t_cold * 1e3, runs, t_all * 1e3,
	    t_all * 1e3 / p_all);
	printf("typeset: %d pages (first plan only): %.1f ms\n", p_small,
	    t_small * 1e3);
	printf("typeset cpu: %d pages %.1f ms, %.3f ms/page; first plan %d "
	    "pages %.1f ms, %.3f ms/page (thread CPU time, best of %d)\n",
	    p_all, cpu_all * 1e3, cpu_all * 1e3 / p_all, p_small,
	    cpu_small * 1e3, cpu_small * 1e3 / p_small, runs);
	if (p_all > p_small)
		printf("typeset: marginal %.3f ms/page\n",
		    (t_all - t_small) * 1e3 / (p_all - p_small));
	printf("raw pango floor: %d pages %.1f ms, %.3f ms/page; first plan "
	    "%d pages %.1f ms; marginal %.3f ms/page\n", p_raw, t_raw * 1e3,
	    t_raw * 1e3 / p_raw, p_raw_small, t_raw_small * 1e3,
	    p_raw > p_raw_small ? (t_raw - t_raw_small) * 1e3 /
	    (p_raw - p_raw_small) : 0);
	printf("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
	if (outpath != NULL) {
		FILE *fp = fopen(outpath, "wb");
		if (fp == NULL || fwrite(pdf.data, 1, pdf.len, fp) != pdf.len) {
			perror(outpath);
			return 1;
		}
		fclose(fp);
	}
	buf_free(&pdf);
	fonts_close(f);
	strvec_free(&c.lines);
	free(fdir);
	free(cache);
	diag_free(&dl);
	return 0;
}
