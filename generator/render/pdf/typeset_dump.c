/*
 * typeset_dump.c -- the typesetter's own account of a laid-out document,
 * for the checks that hold every bulletin to the typesetting rules (the
 * line-breaking rules inside table cells, table pagination). The PDF's
 * text layer loses which cell and which row a piece of text belongs to;
 * this does not.
 *
 * One record a line, fields separated by tabs, text with tabs and line
 * feeds replaced by spaces:
 *   D <title>                              the document
 *   L <page> <text>                        a line of a text block
 *   C <page> <table> <cont> <text>         a table caption (cont 1: the
 *                                          "（续）" caption of a later page)
 *   R <page> <table> <row> <H|B> <height>  a table row, header or body,
 *                                          its height in points
 *   c <col> <text>                         a line of a cell of that row
 *   N <page> <table> <text>                a line of the table's note
 *   U <page> <table> <text>                the table's 单位 line
 * Pages and tables count from 1, rows and columns from 0.
 */
#include <stdio.h>
#include <string.h>

#include "typeset_flow.h"
#include "util.h"

static ts_layout_fn observer;
static void *observer_ctx;

void
ts_set_layout_observer(ts_layout_fn fn, void *ctx)
{
	observer = fn;
	observer_ctx = ctx;
}

static void
put_text(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_putc(b, s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ?
		    ' ' : s[i]);
}

static void
put_line(struct buf *b, PangoLayout *lay, PangoLayoutLine *line)
{
	const char *t = pango_layout_get_text(lay);

	put_text(b, t + line->start_index, (size_t)line->length);
}

static void
put_layout_lines(struct buf *b, PangoLayout *lay, const char *prefix)
{
	for (GSList *l = pango_layout_get_lines_readonly(lay); l != NULL;
	    l = l->next) {
		buf_puts(b, prefix);
		put_line(b, lay, l->data);
		buf_putc(b, '\n');
	}
}

static void
dump_row(struct buf *b, const struct ts_place *p)
{
	const struct ts_tlay *tl = p->b->tl;
	size_t nc = tl->t->ncols;

	buf_printf(b, "R\t%d\t%zu\t%zu\t%s\t%.1f\n", p->page + 1,
	    tl->index, p->b->row, tl->t->is_header[p->b->row] ? "H" : "B",
	    p->b->h);
	for (size_t c = 0; c < nc; c++) {
		const struct ts_text *tx = &tl->cells[p->b->row * nc + c];
		char prefix[32];

		if (tx->layout == NULL)
			continue;
		snprintf(prefix, sizeof prefix, "c\t%zu\t", c);
		put_layout_lines(b, tx->layout, prefix);
	}
}

void
ts_layout_report(const struct ts_doc *d, const struct ts_places *pl)
{
	struct buf b = { 0 };

	if (observer == NULL)
		return;
	buf_puts(&b, "D\t");
	if (d->title != NULL)
		put_text(&b, d->title, strlen(d->title));
	buf_putc(&b, '\n');
	for (size_t i = 0; i < pl->n; i++) {
		const struct ts_place *p = &pl->v[i];
		const struct ts_box *bx = p->b;
		char prefix[64];

		switch (bx->kind) {
		case BX_LINE:
			if (bx->note)
				buf_printf(&b, "N\t%d\t%zu\t", p->page + 1,
				    bx->tl->index);
			else
				buf_printf(&b, "L\t%d\t", p->page + 1);
			put_line(&b, bx->tx->layout, bx->line);
			buf_putc(&b, '\n');
			break;
		case BX_LAYOUT:
			if (bx->tl == NULL)
				break;
			if (bx->tx == &bx->tl->unit) {
				snprintf(prefix, sizeof prefix, "U\t%d\t%zu\t",
				    p->page + 1, bx->tl->index);
				put_layout_lines(&b, bx->tx->layout, prefix);
				break;
			}
			snprintf(prefix, sizeof prefix, "C\t%d\t%zu\t%s",
			    p->page + 1, bx->tl->index,
			    bx == &bx->tl->cap_cont_box ? "1\t" : "0\t");
			put_layout_lines(&b, bx->tx->layout, prefix);
			break;
		case BX_ROW:
			dump_row(&b, p);
			break;
		default:
			break;
		}
	}
	observer(b.data != NULL ? b.data : "", observer_ctx);
	buf_free(&b);
}
