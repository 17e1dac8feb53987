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
    const PangoFontDescription *fd, double w, unsigned cf,
    struct diag_list *dl)
{
	ts_text_make(tx, pc, markup, fd, w, 0, dl);
	pango_layout_set_alignment(tx->layout,
	    cf & TS_CELL_RIGHT ? PANGO_ALIGN_RIGHT :
	    cf & TS_CELL_CENTER ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
}

void
ts_table_layout(struct ts_tlay *tl, const struct ts_table *t,
    PangoContext *pc, struct ts_boxes *bx, struct diag_list *dl)
{
	double total = 0, x = 0;
	double pt = t->flags & TS_TABLE_SMALL ? TS_TABLE_SMALL_PT : TS_SMALL_PT;
	PangoFontDescription *body = pangofonts_desc(FONT_BODY, pt);
	PangoFontDescription *head = pangofonts_desc(FONT_HEADING1, pt);
	size_t nc = t->ncols;

	tl->t = t;
	tl->colx = xcalloc(nc, sizeof *tl->colx);
	tl->colw = xcalloc(nc, sizeof *tl->colw);
	for (size_t c = 0; c < nc; c++)
		total += t->weights[c];
	for (size_t c = 0; c < nc; c++) {
		tl->colx[c] = x;
		tl->colw[c] = TS_TEXT_W * t->weights[c] / total;
		x += tl->colw[c];
	}
	if (t->caption != NULL) {
		PangoFontDescription *fd = pangofonts_desc(FONT_HEADING1,
		    TS_SMALL_PT);
		gchar *esc = g_markup_escape_text(t->caption, -1);
		char *cont = xasprintf("%s（续）", esc);
		struct ts_box *b;

		ts_text_make(&tl->cap, pc, esc, fd, TS_TEXT_W, 0, dl);
		ts_text_make(&tl->cap_cont, pc, cont, fd, TS_TEXT_W, 0, dl);
		pango_layout_set_alignment(tl->cap.layout, PANGO_ALIGN_CENTER);
		pango_layout_set_alignment(tl->cap_cont.layout,
		    PANGO_ALIGN_CENTER);
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

	tl->cells = xcalloc(t->nrows * nc, sizeof *tl->cells);
	tl->cellh = xcalloc(t->nrows * nc, sizeof *tl->cellh);
	tl->rowh = xcalloc(t->nrows, sizeof *tl->rowh);
	tl->row_box0 = bx->n;
	for (size_t r = 0; r < t->nrows; r++) {
		double h = 0;
		struct ts_box *b;

		for (size_t c = 0; c < nc; c++) {
			const char *m = t->cells[r * nc + c];
			struct ts_text *tx = &tl->cells[r * nc + c];
			int lh;

			if (m == NULL || *m == '\0')
				continue;
			cell_make(tx, pc, m, t->is_header[r] ? head : body,
			    tl->colw[c] - 2 * CELL_PAD_X,
			    t->is_header[r] ? TS_CELL_CENTER : t->col_flags[c],
			    dl);
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
}
