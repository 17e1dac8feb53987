/*
 * bench_peerdoc.c -- lantian's typesetter (typeset.h) on the peer
 * comparison document of issue 5 (tests/bench/peers/peerdoc.py: the five
 * plans' text and a 300-row table, about 80 A4 pages), and the raw
 * Pango/Cairo floor on the same text.
 *
 *   bench_peerdoc [-r N] [-o OUT.pdf] [--floor] peerdoc.json
 *
 * Prints the start-up cost (fonts_open: lock check and the private
 * fontconfig), then the best and median of N runs (default 5) of building
 * the document and writing its PDF into memory, the page count, the time
 * per page and the peak RSS of the process. --floor does the same with
 * plain PangoLayouts drawn page after page (no line-breaking rules, no
 * table logic, no outline): the least any Pango/Cairo typesetter pays.
 * Run from the repository root (fonts/ is found there).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cairo-pdf.h>
#include <jansson.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "pangofonts.h"
#include "typeset.h"

#define PT_PER_MM (72.0 / 25.4)

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

static const char *
str_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* One table block of the JSON into the typesetter. */
static void
add_table(struct ts_doc *d, json_t *b)
{
	json_t *header = json_object_get(b, "header");
	json_t *weights = json_object_get(b, "weights");
	size_t ncols = json_array_size(header);
	double *w = calloc(ncols, sizeof *w);
	const char **cells = calloc(ncols, sizeof *cells);
	char **owned = calloc(ncols, sizeof *owned);
	for (size_t i = 0; i < ncols; i++)
		w[i] = json_number_value(json_array_get(weights, i));
	struct ts_table *t = ts_table_new(d, ncols, w, NULL, str_of(b, "caption"), TS_TABLE_SMALL);
	/* Cells are markup: the data is escaped as the bulletin does it. */
	for (size_t i = 0; i < ncols; i++)
		cells[i] = owned[i] = g_markup_escape_text(json_string_value(json_array_get(header, i)), -1);
	ts_table_header(t, cells);
	for (size_t i = 0; i < ncols; i++)
		g_free(owned[i]);
	size_t r;
	json_t *row;
	json_array_foreach(json_object_get(b, "rows"), r, row) {
		for (size_t i = 0; i < ncols; i++) {
			const char *s = json_string_value(json_array_get(row, i));
			cells[i] = owned[i] = g_markup_escape_text(s ? s : "", -1);
		}
		ts_table_row(t, cells);
		for (size_t i = 0; i < ncols; i++)
			g_free(owned[i]);
	}
	ts_table_end(t);
	free(owned);
	free(cells);
	free(w);
}

/* The whole document through typeset.h; returns pages (0 on error). */
static int
typeset(const struct fonts *f, json_t *doc, struct buf *out)
{
	struct ts_meta meta = {
		.title = str_of(doc, "title"), .author = "lantian bench",
		.subject = "排版性能对照文档", .creator = "bench_peerdoc", .date = 0,
	};
	struct ts_doc *d = ts_doc_new(f, &meta);
	ts_title(d, str_of(doc, "title"));
	size_t i;
	json_t *b;
	json_array_foreach(json_object_get(doc, "blocks"), i, b) {
		const char *kind = str_of(b, "kind");
		if (!strcmp(kind, "heading"))
			ts_heading(d, (int)json_integer_value(json_object_get(b, "level")),
			    str_of(b, "text"), NULL);
		else if (!strcmp(kind, "para"))
			ts_para(d, str_of(b, "text"), TS_INDENT);
		else if (!strcmp(kind, "table"))
			add_table(d, b);
	}
	struct diag_list dl = {0};
	int pages = ts_doc_pdf(d, out, &dl);
	diag_print(&dl, stderr);
	diag_free(&dl);
	ts_doc_free(d);
	return pages;
}

/* ---- the floor: plain Pango layouts, paginated by height --------------- */

struct floor_page {
	cairo_t *cr;
	PangoContext *pc;
	double y, top, bottom, left, width;
	int spacing;    /* Pango units between lines: a 28.95 pt pitch */
	int pages;
};

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draw one layout at the flow position, starting a page when it would
 * not fit (a layout taller than a page is simply cut: the floor does not
 * split paragraphs, which slightly flatters it). */
static void
floor_show(struct floor_page *fp, PangoLayout *l, double x_off)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	double hpt = h / (double)PANGO_SCALE;
	if (fp->y + hpt > fp->bottom && fp->y > fp->top) {
		cairo_show_page(fp->cr);
		fp->pages++;
		fp->y = fp->top;
	}
	cairo_move_to(fp->cr, fp->left + x_off, fp->y);
	pango_cairo_show_layout(fp->cr, l);
	fp->y += hpt;
}

static PangoLayout *
floor_layout(struct floor_page *fp, PangoFontDescription *fd, const char *text, double width,
    int indent)
{
	PangoLayout *l = pango_layout_new(fp->pc);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(l, 1);
	if (indent)
		pango_layout_set_indent(l, 32 * PANGO_SCALE);
	pango_layout_set_text(l, text, -1);
	return l;
}

static int
floor_pdf(const struct fonts *f, json_t *doc, struct buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, 595.276, 841.89);
	struct floor_page fp = {
		.cr = cairo_create(s), .top = 37 * PT_PER_MM, .bottom = (297 - 35) * PT_PER_MM,
		.left = 28 * PT_PER_MM, .width = (210 - 28 - 26) * PT_PER_MM, .pages = 1,
	};
	fp.y = fp.top;
	PangoFontMap *fm = pangofonts_map(f);
	fp.pc = pangofonts_context(fm, fp.cr);
	PangoFontDescription *body = pangofonts_desc(FONT_BODY, 16);
	PangoFontDescription *h1 = pangofonts_desc(FONT_HEADING1, 16);
	PangoFontDescription *h2 = pangofonts_desc(FONT_HEADING2, 16);
	PangoFontDescription *cell = pangofonts_desc(FONT_BODY, 12);
	/* The body line pitch of GB/T 9704 (22 lines in 225 mm): the gap is
	 * the pitch less the face's own line height. */
	PangoLayout *probe = floor_layout(&fp, body, "中", fp.width, 0);
	int pw, ph;
	pango_layout_get_size(probe, &pw, &ph);
	g_object_unref(probe);
	fp.spacing = (int)(225.0 / 22 * PT_PER_MM * PANGO_SCALE) - ph;
	if (fp.spacing < 0)
		fp.spacing = 0;
	size_t i;
	json_t *b;
	json_array_foreach(json_object_get(doc, "blocks"), i, b) {
		const char *kind = str_of(b, "kind");
		if (strcmp(kind, "table")) {
			int lvl = (int)json_integer_value(json_object_get(b, "level"));
			PangoLayout *l = floor_layout(&fp, !strcmp(kind, "para") ? body : lvl == 1 ? h1 : h2,
			    str_of(b, "text"), fp.width, !strcmp(kind, "para"));
			pango_layout_set_spacing(l, fp.spacing);
			floor_show(&fp, l, 0);
			g_object_unref(l);
			continue;
		}
		/* A table: each row's cells side by side, the row as tall as
		 * its tallest cell; no header repetition, no rules. */
		json_t *weights = json_object_get(b, "weights"), *row;
		size_t ncols = json_array_size(weights), r;
		double total = 0;
		for (size_t c = 0; c < ncols; c++)
			total += json_number_value(json_array_get(weights, c));
		json_array_foreach(json_object_get(b, "rows"), r, row) {
			double x = 0, tallest = 0;
			PangoLayout *cells[16];
			for (size_t c = 0; c < ncols && c < 16; c++) {
				double cw = fp.width * json_number_value(json_array_get(weights, c)) / total;
				const char *t = json_string_value(json_array_get(row, c));
				cells[c] = floor_layout(&fp, cell, t ? t : "", cw - 4, 0);
				int w, h;
				pango_layout_get_size(cells[c], &w, &h);
				if (h / (double)PANGO_SCALE > tallest)
					tallest = h / (double)PANGO_SCALE;
			}
			if (fp.y + tallest > fp.bottom) {
				cairo_show_page(fp.cr);
				fp.pages++;
				fp.y = fp.top;
			}
			for (size_t c = 0; c < ncols && c < 16; c++) {
				cairo_move_to(fp.cr, fp.left + x + 2, fp.y);
				pango_cairo_show_layout(fp.cr, cells[c]);
				x += fp.width * json_number_value(json_array_get(weights, c)) / total;
				g_object_unref(cells[c]);
			}
			fp.y += tallest + 4;
		}
	}
	cairo_show_page(fp.cr);
	pango_font_description_free(body);
	pango_font_description_free(h1);
	pango_font_description_free(h2);
	pango_font_description_free(cell);
	g_object_unref(fp.pc);
	g_object_unref(fm);
	cairo_destroy(fp.cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	return fp.pages;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_peerdoc [-r N] [-o OUT.pdf] [--floor] peerdoc.json\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int runs = 5, floor_mode = 0;
	const char *outpath = NULL, *inpath = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-r") && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outpath = argv[++i];
		else if (!strcmp(argv[i], "--floor"))
			floor_mode = 1;
		else if (argv[i][0] != '-' && !inpath)
			inpath = argv[i];
		else
			usage();
	}
	if (!inpath || runs < 1)
		usage();
	json_error_t je;
	json_t *doc = json_load_file(inpath, 0, &je);
	if (!doc) {
		fprintf(stderr, "bench_peerdoc: %s:%d: %s\n", inpath, je.line, je.text);
		return 1;
	}
	double t0 = now();
	struct diag_list dl = {0};
	/* fontconfig resolves a relative configuration path against its own
	 * directory, not the working one. */
	char *fontsdir = realpath("fonts", NULL), *cwd = realpath(".", NULL);
	struct buf cache = {0};
	buf_printf(&cache, "%s/build/fontconfig-cache", cwd ? cwd : ".");
	struct fonts *f = fontsdir ? fonts_open(fontsdir, cache.data, NULL, &dl) : NULL;
	free(fontsdir);
	free(cwd);
	buf_free(&cache);
	double t_fonts = now() - t0;
	diag_print(&dl, stderr);
	diag_free(&dl);
	if (!f)
		return 1;
	double *t = calloc((size_t)runs, sizeof *t);
	int pages = 0;
	struct buf pdf = {0};
	for (int i = 0; i < runs; i++) {
		buf_truncate(&pdf, 0);
		double s = now();
		pages = floor_mode ? floor_pdf(f, doc, &pdf) : typeset(f, doc, &pdf);
		t[i] = now() - s;
		if (pages <= 0) {
			fprintf(stderr, "bench_peerdoc: typesetting failed\n");
			return 1;
		}
	}
	qsort(t, (size_t)runs, sizeof *t, cmp_double);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%s %s: %d pages, %zu bytes; fonts_open %.1f ms; document best %.1f ms, "
	    "median %.1f ms (%d runs), %.3f ms per page; peak RSS %.1f MB\n",
	    floor_mode ? "pango floor" : "lantian typeset", inpath, pages, pdf.len,
	    t_fonts * 1e3, t[0] * 1e3, t[runs / 2] * 1e3, runs, t[0] * 1e3 / pages,
	    ru.ru_maxrss / 1024.0);
	if (outpath) {
		FILE *fp = fopen(outpath, "wb");
		if (!fp || fwrite(pdf.data, 1, pdf.len, fp) != pdf.len || fclose(fp)) {
			perror(outpath);
			return 1;
		}
	}
	buf_free(&pdf);
	free(t);
	fonts_close(f);
	json_decref(doc);
	return 0;
}
