/*
 * typeset.c -- the document as the caller builds it: a list of blocks
 * (title, headings, paragraphs, spaces, page breaks, tables, figures),
 * every string copied. Layout happens only in ts_doc_pdf()
 * (typeset_pdf.c), so building a document is cheap and never fails.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "typeset_int.h"
#include "util.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

struct ts_doc *
ts_doc_new(const struct fonts *f, const struct ts_meta *meta)
{
	struct ts_doc *d = xcalloc(1, sizeof *d);

	d->fonts = f;
	if (meta != NULL) {
		d->title = dup_or_null(meta->title);
		d->author = dup_or_null(meta->author);
		d->subject = dup_or_null(meta->subject);
		d->keywords = dup_or_null(meta->keywords);
		d->creator = dup_or_null(meta->creator);
		d->date = meta->date;
	}
	return d;
}

void
ts_doc_set_mark(struct ts_doc *d, const char *mark)
{
	free(d->mark);
	d->mark = dup_or_null(mark);
}

static void
table_free(struct ts_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->is_header);
	free(t->weights);
	free(t->col_flags);
	free(t->caption);
	free(t->note);
	free(t->unit);
	free(t);
}

void
ts_doc_free(struct ts_doc *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->blocks[i].markup);
		free(d->blocks[i].plain);
		free(d->blocks[i].anchor);
	}
	free(d->blocks);
	for (size_t i = 0; i < d->ntables; i++)
		table_free(d->tables[i]);
	free(d->tables);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->keywords);
	free(d->creator);
	free(d->mark);
	free(d);
}

static struct ts_block *
push_block(struct ts_doc *d, enum ts_block_kind k)
{
	struct ts_block *b;

	d->blocks = xgrow(d->blocks, &d->cap, d->n + 1, sizeof *d->blocks);
	b = &d->blocks[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

static char *
escape(const char *text)
{
	gchar *g = g_markup_escape_text(text != NULL ? text : "", -1);
	char *s = xstrdup(g);

	g_free(g);
	return s;
}

void
ts_title(struct ts_doc *d, const char *text)
{
	push_block(d, TB_TITLE)->markup = escape(text);
}

void
ts_subtitle(struct ts_doc *d, const char *text)
{
	push_block(d, TB_SUBTITLE)->markup = escape(text);
}

void
ts_heading(struct ts_doc *d, int level, const char *text, const char *anchor)
{
	struct ts_block *b = push_block(d, TB_HEADING);

	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->markup = escape(text);
	b->plain = xstrdup(text != NULL ? text : "");
	b->anchor = dup_or_null(anchor);
}

void
ts_heading_flush(struct ts_doc *d, int level, const char *text,
    const char *anchor)
{
	ts_heading(d, level, text, anchor);
	d->blocks[d->n - 1].flags = TS_NOINDENT;
}

void
ts_para(struct ts_doc *d, const char *text, unsigned flags)
{
	struct ts_block *b = push_block(d, TB_PARA);

	b->markup = escape(text);
	b->flags = flags;
}

void
ts_para_markup(struct ts_doc *d, const char *markup, unsigned flags)
{
	struct ts_block *b = push_block(d, TB_PARA);

	b->markup = xstrdup(markup != NULL ? markup : "");
	b->flags = flags;
}

/*
 * A link is a span whose font_features value carries the anchor: Pango
 * parses it into an attribute that typeset_text.c recognises by the
 * prefix, records as a link range and removes before layout, so it never
 * reaches HarfBuzz. The anchor is markup-escaped like any attribute value.
 */
#define TS_LINK_PREFIX "lantian-link:"

char *
ts_link_markup(const char *anchor, const char *inner_markup)
{
	char *a = escape(anchor);
	char *s = xasprintf("<span font_features=\"" TS_LINK_PREFIX "%s\">%s</span>",
	    a, inner_markup != NULL ? inner_markup : "");

	free(a);
	return s;
}

void
ts_space(struct ts_doc *d, double lines)
{
	if (!(lines > 0) || !isfinite(lines))
		return;
	push_block(d, TB_SPACE)->lines = lines;
}

void
ts_page_break(struct ts_doc *d)
{
	push_block(d, TB_PAGEBREAK);
}

struct ts_table *
ts_table_new(struct ts_doc *d, size_t ncols, const double *weights,
    const unsigned *col_flags, const char *caption, unsigned flags)
{
	struct ts_table *t = xcalloc(1, sizeof *t);

	if (ncols == 0)
		ncols = 1;
	t->doc = d;
	t->ncols = ncols;
	t->weights = xcalloc(ncols, sizeof *t->weights);
	t->col_flags = xcalloc(ncols, sizeof *t->col_flags);
	for (size_t i = 0; i < ncols; i++) {
		double w = weights != NULL ? weights[i] : 1.0;
		t->weights[i] = w > 0 && isfinite(w) ? w : 1.0;
		t->col_flags[i] = col_flags != NULL ? col_flags[i] : 0;
	}
	t->caption = dup_or_null(caption);
	t->flags = flags;
	d->tables = xgrow(d->tables, &d->tcap, d->ntables + 1,
	    sizeof *d->tables);
	d->tables[d->ntables++] = t;
	push_block(d, TB_TABLE)->table = t;
	return t;
}

static void
table_add(struct ts_table *t, const char *const *cells, int header)
{
	size_t need = (t->nrows + 1) * t->ncols;

	if (t->nrows + 1 > t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, cap * t->ncols * sizeof *t->cells);
		t->is_header = xrealloc(t->is_header, cap);
		t->cap = cap;
	}
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[need - t->ncols + i] =
		    cells != NULL && cells[i] != NULL ? xstrdup(cells[i]) : NULL;
	t->is_header[t->nrows++] = (unsigned char)header;
}

void
ts_table_header(struct ts_table *t, const char *const *cells)
{
	table_add(t, cells, 1);
}

void
ts_table_row(struct ts_table *t, const char *const *cells)
{
	table_add(t, cells, 0);
}

void
ts_table_note(struct ts_table *t, const char *markup)
{
	free(t->note);
	t->note = dup_or_null(markup);
}

void
ts_table_unit(struct ts_table *t, const char *text)
{
	free(t->unit);
	t->unit = dup_or_null(text);
}

void
ts_table_end(struct ts_table *t)
{
	(void)t; /* blocks are kept in order as they are added */
}

void
ts_figure(struct ts_doc *d, double width_mm, double height_mm,
    ts_draw_fn draw, const void *ctx, const char *caption)
{
	struct ts_block *b = push_block(d, TB_FIGURE);
	double w = width_mm * TS_MM;

	if (!(w > 0) || w > TS_TEXT_W)
		w = TS_TEXT_W;
	b->fig_w = w;
	b->fig_h = height_mm > 0 && isfinite(height_mm) ? height_mm * TS_MM : 0;
	b->draw = draw;
	b->ctx = ctx;
	b->markup = caption != NULL ? escape(caption) : NULL;
}

double
ts_text_width_pt(void)
{
	return TS_TEXT_W;
}

double
ts_body_height_pt(void)
{
	return TS_BODY_H;
}

int
ts_body_letter_spacing(void)
{
	/* In Pango units, rounded down so that the 28 characters never exceed
	 * the width Pango wraps at. */
	int w = (int)lround(TS_TEXT_W * PANGO_SCALE);
	int full = (int)(TS_BODY_PT * PANGO_SCALE) * TS_CHARS_PER_LINE;
	double gap = (double)(w - full) / (TS_CHARS_PER_LINE - 1);

	return (int)floor(gap);
}

double
ts_body_char_advance(void)
{
	return TS_BODY_PT + (double)ts_body_letter_spacing() / PANGO_SCALE;
}
