/*
 * typeset_table.c -- table rows as boxes. Columns share the text width by
 * their weights; each cell is its own layout wrapped in its column; a row
 * is as tall as its tallest cell. The caption is a box kept with the
 * header rows, the header rows are kept with the first body row, and the
 * pagination (typeset_page.c) repeats the "（续）" caption and the header
 * rows on every page the table continues on.
 */
#include <stdlib.h>
#include <string.h>

#include "pangofonts.h"
#include "typeset_int.h"
#include "util.h"

#define CELL_PAD_X  (0.35 * TS_SMALL_PT)
#define CELL_PAD_Y  4.0
#define LINE_W      0.75

static void
cell_make(struct ts_text *tx, PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, double w, unsigned cf, int header,
    struct diag_list *dl)
{
	ts_text_make_cell(tx, pc, markup, fd, w, header, dl);
	pango_layout_set_alignment(tx->layout,
	    cf & TS_CELL_RIGHT ? PANGO_ALIGN_RIGHT :
	    cf & TS_CELL_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
	ts_text_finish(tx, 0);
}

/* The width of the widest piece of markup that may not be broken: the
 * widest line when every break the rules allow is taken. */
static double
min_content(PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, int header, struct diag_list *dl)
{
	struct ts_text tx;
	PangoRectangle log;

	ts_text_make_cell(&tx, pc, markup, fd, 0, header, dl);
	pango_layout_set_width(tx.layout, 1);
	pango_layout_set_wrap(tx.layout, PANGO_WRAP_WORD);
	pango_layout_get_extents(tx.layout, NULL, &log);
	ts_text_free(&tx);
	return (double)log.width / PANGO_SCALE;
}

/*
 * Column widths: shares of the text width by weight, except that a column
 * narrower than its widest unbreakable token gets that width, taken from
 * the columns that can give it (again by weight). When the tokens
 * together are wider than the text width, the columns get them in
 * proportion (a cell may then have to break a word: better than running
 * over the margin).
 */
static void
column_widths(struct ts_tlay *tl, const double *minw)
{
	const struct ts_table *t = tl->t;
	size_t nc = t->ncols;
	unsigned char *fixed = xcalloc(nc, 1);
	double need = 0;

	for (size_t c = 0; c < nc; c++)
		need += minw[c];
	if (need > TS_TEXT_W) {
		for (size_t c = 0; c < nc; c++)
			tl->colw[c] = TS_TEXT_W * minw[c] / need;
	} else {
		for (int changed = 1; changed;) {
			double free_w = TS_TEXT_W, wsum = 0;

			changed = 0;
			for (size_t c = 0; c < nc; c++) {
				if (fixed[c])
					free_w -= minw[c];
				else
					wsum += t->weights[c];
			}
			for (size_t c = 0; c < nc; c++) {
				if (fixed[c]) {
					tl->colw[c] = minw[c];
					continue;
				}
				tl->colw[c] = free_w * t->weights[c] / wsum;
				if (tl->colw[c] + TS_EPS < minw[c]) {
					fixed[c] = 1;
					changed = 1;
				}
			}
		}
	}
	double x = 0;
	for (size_t c = 0; c < nc; c++) {
		tl->colx[c] = x;
		x += tl->colw[c];
	}
	free(fixed);
}

static void
layout_caption(struct ts_tlay *tl, const struct ts_table *t,
    PangoContext *pc, struct ts_boxes *bx, struct diag_list *dl)
{
	PangoFontDescription *fd = pangofonts_desc(FONT_HEADING1, TS_SMALL_PT);
	gchar *esc = g_markup_escape_text(t->caption, -1);
	char *cont = xasprintf("%s（续）", esc);
	struct ts_box *b;

	ts_text_make(&tl->cap, pc, esc, fd, TS_TEXT_W, 0, dl);
	ts_text_make(&tl->cap_cont, pc, cont, fd, TS_TEXT_W, 0, dl);
	pango_layout_set_alignment(tl->cap.layout, PANGO_ALIGN_CENTER);
	pango_layout_set_alignment(tl->cap_cont.layout, PANGO_ALIGN_CENTER);
	ts_text_finish(&tl->cap, 0);
	ts_text_finish(&tl->cap_cont, 0);
	free(cont);
	g_free(esc);
	pango_font_description_free(fd);
	tl->has_cap = 1;
	b = ts_box_push(bx, BX_LAYOUT, TS_PITCH);
	b->tx = &tl->cap;
	b->tl = tl;
	b->keep = 1;
	tl->cap_cont_box.kind = BX_LAYOUT;
	tl->cap_cont_box.h = TS_PITCH;
	tl->cap_cont_box.tx = &tl->cap_cont;
	tl->cap_cont_box.tl = tl;
}

/* The 单位 line over the header, flush right, in the cells' size. */
static void
layout_unit(struct ts_tlay *tl, const struct ts_table *t, PangoContext *pc,
    struct ts_boxes *bx, struct diag_list *dl,
    const PangoFontDescription *fd)
{
	gchar *esc = g_markup_escape_text(t->unit, -1);
	struct ts_box *b;
	int h;

	ts_text_make(&tl->unit, pc, esc, fd, TS_TEXT_W, 0, dl);
	g_free(esc);
	pango_layout_set_alignment(tl->unit.layout, PANGO_ALIGN_RIGHT);
	ts_text_finish(&tl->unit, 0);
	pango_layout_get_size(tl->unit.layout, NULL, &h);
	b = ts_box_push(bx, BX_LAYOUT, (double)h / PANGO_SCALE + CELL_PAD_Y);
	b->tx = &tl->unit;
	b->tl = tl;
	b->keep = 1;
}

/* The note under the table: lines on the body's grid, in 4号 like the
 * notes set as paragraphs. */
static void
layout_note(struct ts_tlay *tl, const struct ts_table *t, PangoContext *pc,
    struct ts_boxes *bx, struct diag_list *dl)
{
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_SMALL_PT);
	PangoLayoutIter *it;
	double pitch = TS_PITCH * 0.8;

	ts_text_make(&tl->note, pc, t->note, fd, TS_TEXT_W, 0, dl);
	pango_font_description_free(fd);
	ts_text_finish(&tl->note, 1);
	it = pango_layout_get_iter(tl->note.layout);
	do {
		PangoRectangle log;
		struct ts_box *b = ts_box_push(bx, BX_LINE, pitch);

		pango_layout_iter_get_line_extents(it, NULL, &log);
		b->tx = &tl->note;
		b->line = pango_layout_iter_get_line_readonly(it);
		b->x = (double)log.x / PANGO_SCALE;
		b->base = pitch / 2 + 0.38 * TS_SMALL_PT;
		b->tl = tl;
		b->note = 1;
		b->keep = 1;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	bx->v[bx->n - 1].keep = 0;
}

/*
 * Which boxes of the table hold to the next one. The caption and header
 * rows always do, down to the first body row. A table of up to
 * TS_TABLE_KEEP_ROWS body rows that fits a page holds together entirely;
 * a longer one keeps its first two and its last two body rows together
 * (and the last with the note), so a split never leaves one row alone.
 */
static void
table_keeps(struct ts_tlay *tl, struct ts_boxes *bx, size_t first_box)
{
	const struct ts_table *t = tl->t;
	size_t nbody = 0, k = 0;
	double h = 0;
	int whole;

	for (size_t i = first_box; i < bx->n; i++)
		h += bx->v[i].h;
	for (size_t r = 0; r < t->nrows; r++)
		nbody += !t->is_header[r];
	whole = nbody <= TS_TABLE_KEEP_ROWS && h <= TS_BODY_H + TS_EPS;
	for (size_t i = first_box; i + 1 < bx->n; i++) {
		struct ts_box *b = &bx->v[i];

		if (b->kind == BX_ROW && !t->is_header[b->row])
			b->keep = whole || ++k < 2 || k + 1 >= nbody;
		else
			b->keep = 1;    /* caption, header rows, note lines */
	}
	bx->v[bx->n - 1].keep = 0;
}

/* 1 when a line of tx starts where the rules allow no break: Pango had to
 * break a word because the column is narrower than it. */
static int
forced_break(const struct ts_text *tx)
{
	const char *text = pango_layout_get_text(tx->layout);
	const PangoLogAttr *la;
	int n;
	GSList *l = pango_layout_get_lines_readonly(tx->layout);

	if (l == NULL || l->next == NULL)
		return 0;
	la = pango_layout_get_log_attrs_readonly(tx->layout, &n);
	for (l = l->next; l != NULL; l = l->next) {
		PangoLayoutLine *line = l->data;
		glong at = g_utf8_pointer_to_offset(text,
		    text + line->start_index);

		if (at < n && !la[at].is_line_break)
			return 1;
	}
	return 0;
}

/* Lay out every cell at the current column widths. Returns 1 when a body
 * cell of a column whose tokens were not measured yet (measured[c] == 0)
 * had to break a word. */
static int
layout_cells(struct ts_tlay *tl, PangoContext *pc,
    const PangoFontDescription *body, const PangoFontDescription *head,
    const unsigned char *measured, unsigned char *forced,
    struct diag_list *dl)
{
	const struct ts_table *t = tl->t;
	size_t nc = t->ncols;
	int any = 0;

	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < nc; c++) {
			const char *m = t->cells[r * nc + c];
			struct ts_text *tx = &tl->cells[r * nc + c];
			int hd = t->is_header[r] != 0;

			ts_text_free(tx);
			if (m == NULL || *m == '\0')
				continue;
			cell_make(tx, pc, m, hd ? head : body,
			    tl->colw[c] - 2 * CELL_PAD_X,
			    hd ? TS_CELL_CENTER : t->col_flags[c], hd, dl);
			if (!hd && !measured[c] && forced_break(tx)) {
				forced[c] = 1;
				any = 1;
			}
		}
	return any;
}

/* The widest unbreakable token of column c's cells (header rows: hd 1,
 * body rows: hd 0), padding included. */
static double
column_min(const struct ts_table *t, size_t c, int hd, PangoContext *pc,
    const PangoFontDescription *fd, struct diag_list *dl)
{
	double minw = 0;

	for (size_t r = 0; r < t->nrows; r++) {
		const char *m = t->cells[r * t->ncols + c];
		double w;

		if ((t->is_header[r] != 0) != hd || m == NULL || *m == '\0')
			continue;
		w = min_content(pc, m, fd, hd, dl) + 2 * CELL_PAD_X + 1;
		if (w > minw)
			minw = w;
	}
	return minw;
}

/*
 * Column widths and cells. Header words are always measured (a header
 * row or two); body cells only in a column where the shares by weight
 * made a cell break a word, so the common table costs one layout a cell.
 * A column widened takes width from the others, which may then break a
 * word in turn: a few rounds settle it.
 */
static void
size_columns(struct ts_tlay *tl, PangoContext *pc,
    const PangoFontDescription *body, const PangoFontDescription *head,
    struct diag_list *dl)
{
	const struct ts_table *t = tl->t;
	size_t nc = t->ncols;
	double *minw = xcalloc(nc, sizeof *minw);
	unsigned char *measured = xcalloc(nc, 1), *forced = xcalloc(nc, 1);

	for (size_t c = 0; c < nc; c++)
		minw[c] = column_min(t, c, 1, pc, head, dl);
	for (int round = 0; round < 4; round++) {
		column_widths(tl, minw);
		if (!layout_cells(tl, pc, body, head, measured, forced, dl))
			break;
		for (size_t c = 0; c < nc; c++) {
			if (!forced[c] || measured[c])
				continue;
			double w = column_min(t, c, 0, pc, body, dl);
			if (w > minw[c])
				minw[c] = w;
			measured[c] = 1;
		}
	}
	free(minw);
	free(measured);
	free(forced);
}

void
ts_table_layout(struct ts_tlay *tl, const struct ts_table *t,
    PangoContext *pc, struct ts_boxes *bx, struct diag_list *dl)
{
	double pt = t->flags & TS_TABLE_COMPACT ? TS_TABLE_COMPACT_PT :
	    TS_TABLE_PT;
	PangoFontDescription *body = pangofonts_desc(FONT_BODY, pt);
	PangoFontDescription *head = pangofonts_desc(FONT_HEADING1, pt);
	size_t nc = t->ncols, first_box = bx->n;

	tl->t = t;
	tl->colx = xcalloc(nc, sizeof *tl->colx);
	tl->colw = xcalloc(nc, sizeof *tl->colw);
	tl->cells = xcalloc(t->nrows * nc, sizeof *tl->cells);
	tl->cellh = xcalloc(t->nrows * nc, sizeof *tl->cellh);
	tl->rowh = xcalloc(t->nrows, sizeof *tl->rowh);
	size_columns(tl, pc, body, head, dl);
	if (t->caption != NULL)
		layout_caption(tl, t, pc, bx, dl);
	if (t->unit != NULL)
		layout_unit(tl, t, pc, bx, dl, body);

	tl->row_box0 = bx->n;
	for (size_t r = 0; r < t->nrows; r++) {
		double h = 0;
		struct ts_box *b;

		for (size_t c = 0; c < nc; c++) {
			const struct ts_text *tx = &tl->cells[r * nc + c];
			int lh;

			if (tx->layout == NULL)
				continue;
			pango_layout_get_size(tx->layout, NULL, &lh);
			tl->cellh[r * nc + c] = (double)lh / PANGO_SCALE;
			if (tl->cellh[r * nc + c] > h)
				h = tl->cellh[r * nc + c];
		}
		if (h == 0)
			h = pt * 1.45;
		tl->rowh[r] = h + 2 * CELL_PAD_Y;
		b = ts_box_push(bx, BX_ROW, tl->rowh[r]);
		b->tl = tl;
		b->row = r;
		/* Header rows stay with the first body row. */
		b->keep = t->is_header[r] != 0;
		/* Only the leading header rows are repeated on later pages. */
		if (t->is_header[r] && r == tl->nheader)
			tl->nheader = r + 1;
	}
	if (t->note != NULL && *t->note != '\0')
		layout_note(tl, t, pc, bx, dl);
	table_keeps(tl, bx, first_box);
	/* White under the table, so a caption or text that follows does not
	 * touch its last rule. */
	ts_box_push(bx, BX_SPACE, 0.4 * TS_PITCH);
	pango_font_description_free(body);
	pango_font_description_free(head);
}

void
ts_table_draw_row(cairo_t *cr, const struct ts_tlay *tl, size_t row,
    double x, double y)
{
	size_t nc = tl->t->ncols;
	double h = tl->rowh[row];

	cairo_save(cr);
	if (tl->t->is_header[row]) {
		/* A light grey ground tells the header from the body rows in
		 * print as on screen. */
		cairo_set_source_rgb(cr, 0.93, 0.93, 0.93);
		cairo_rectangle(cr, x, y, TS_TEXT_W, h);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, LINE_W);
	cairo_rectangle(cr, x, y, TS_TEXT_W, h);
	for (size_t c = 1; c < nc; c++) {
		cairo_move_to(cr, x + tl->colx[c], y);
		cairo_line_to(cr, x + tl->colx[c], y + h);
	}
	cairo_stroke(cr);
	for (size_t c = 0; c < nc; c++) {
		const struct ts_text *tx = &tl->cells[row * nc + c];
		double ch = tl->cellh[row * nc + c];

		if (tx->layout == NULL)
			continue;
		/* Vertically centred, as Chinese forms set their cells. */
		cairo_move_to(cr, x + tl->colx[c] + CELL_PAD_X,
		    y + (h - ch) / 2);
		pango_cairo_show_layout(cr, tx->layout);
	}
	cairo_restore(cr);
}

void
ts_tlay_free(struct ts_tlay *tl)
{
	if (tl->t != NULL)
		for (size_t i = 0; i < tl->t->nrows * tl->t->ncols; i++)
			ts_text_free(&tl->cells[i]);
	free(tl->cells);
	free(tl->cellh);
	free(tl->rowh);
	free(tl->colx);
	free(tl->colw);
	ts_text_free(&tl->cap);
	ts_text_free(&tl->cap_cont);
	ts_text_free(&tl->note);
	ts_text_free(&tl->unit);
}
