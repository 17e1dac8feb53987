/*
 * typeset_pdf.c -- the PDF device: ts_doc_pdf() lays the document out on
 * a Cairo PDF surface writing into a buffer, paginates, draws every page
 * with its number "— n —", and adds the outline (one entry per heading,
 * nested by level), the document information (dates from ts_meta.date,
 * never the clock) and internal links to heading anchors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>

#include "pangofonts.h"
#include "typeset_flow.h"
#include "util.h"

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	buf_put(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata(cairo_surface_t *s, const struct ts_doc *d)
{
	struct tm tm;
	time_t t = (time_t)d->date;
	char date[80];

	if (d->title != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    d->title);
	if (d->author != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
		    d->author);
	if (d->subject != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
		    d->subject);
	if (d->keywords != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
		    d->keywords);
	if (d->creator != NULL)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    d->creator);
	/* UTC, so the bytes never depend on TZ. */
	if (gmtime_r(&t, &tm) == NULL)
		return;
	snprintf(date, sizeof date, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
	    date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
}

/* The heading block with this anchor, as its index among the document's
 * blocks (the destination name is "h<index>", so anchors given by the
 * caller never need quoting in Cairo's attribute syntax), or -1. */
static long
anchor_block(const struct ts_doc *d, const char *anchor)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->blocks[i].kind == TB_HEADING &&
		    d->blocks[i].anchor != NULL &&
		    strcmp(d->blocks[i].anchor, anchor) == 0)
			return (long)i;
	return -1;
}

struct painter {
	const struct ts_doc *d;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoContext *pc;
	PangoLayout *folio;       /* the page number */
	struct diag_list *dl;
	int outline_ids[4];
};

static void
draw_links(struct painter *pt, const struct ts_box *b, double x, double y)
{
	const struct ts_text *tx = b->tx;
	int ls = b->line->start_index, le = ls + b->line->length;

	for (size_t i = 0; i < tx->nlinks; i++) {
		const struct ts_link *lk = &tx->links[i];
		int s = lk->start > ls ? lk->start : ls;
		int e = lk->end < le ? lk->end : le;
		int x0, x1;
		long blk;
		char *attr;

		if (s >= e)
			continue;
		blk = anchor_block(pt->d, lk->anchor);
		if (blk < 0) {
			if (s == lk->start)
				diag_add(pt->dl, DIAG_WARNING, NULL, 0, 0,
				    "链接目标“%s”不存在，该链接未生成",
				    lk->anchor);
			continue;
		}
		pango_layout_line_index_to_x(b->line, s, 0, &x0);
		pango_layout_line_index_to_x(b->line, e, 0, &x1);
		if (x1 < x0) {
			int t = x0;
			x0 = x1;
			x1 = t;
		}
		attr = xasprintf("rect=[%.2f %.2f %.2f %.2f] dest='h%ld'",
		    x + (double)x0 / PANGO_SCALE, y,
		    (double)(x1 - x0) / PANGO_SCALE, b->h, blk);
		cairo_tag_begin(pt->cr, CAIRO_TAG_LINK, attr);
		cairo_tag_end(pt->cr, CAIRO_TAG_LINK);
		free(attr);
	}
}

static void
add_outline(struct painter *pt, const struct ts_block *blk, int page,
    double y)
{
	int level = blk->level, parent = CAIRO_PDF_OUTLINE_ROOT;
	char *attr = xasprintf("page=%d pos=[%.2f %.2f]", page + 1,
	    TS_MARGIN_LEFT, y);

	for (int k = level - 1; k >= 1; k--)
		if (pt->outline_ids[k] != 0) {
			parent = pt->outline_ids[k];
			break;
		}
	pt->outline_ids[level] = cairo_pdf_surface_add_outline(pt->surface,
	    parent, blk->plain, attr, CAIRO_PDF_OUTLINE_FLAG_OPEN);
	for (int k = level + 1; k < 4; k++)
		pt->outline_ids[k] = 0;
	free(attr);
}

static void
draw_line(struct painter *pt, const struct ts_box *b, double top,
    int page)
{
	double x = TS_MARGIN_LEFT + b->x;
	char *dest = NULL;

	if (b->heading_start) {
		add_outline(pt, b->blk, page, top);
		if (b->blk->anchor != NULL) {
			dest = xasprintf("name='h%ld'",
			    (long)(b->blk - pt->d->blocks));
			cairo_tag_begin(pt->cr, CAIRO_TAG_DEST, dest);
		}
	}
	cairo_move_to(pt->cr, x, top + b->base);
	pango_cairo_show_layout_line(pt->cr, b->line);
	if (dest != NULL) {
		cairo_tag_end(pt->cr, CAIRO_TAG_DEST);
		free(dest);
	}
	if (b->tx->nlinks > 0)
		draw_links(pt, b, x, top);
}

static void
draw_layout_centred(cairo_t *cr, PangoLayout *l, double y, double h)
{
	int lh;

	pango_layout_get_size(l, NULL, &lh);
	cairo_move_to(cr, TS_MARGIN_LEFT, y + (h - (double)lh / PANGO_SCALE) / 2);
	pango_cairo_show_layout(cr, l);
}

static void
draw_figure(struct painter *pt, const struct ts_box *b, double top)
{
	const struct ts_block *blk = b->blk;
	double x = TS_MARGIN_LEFT + (TS_TEXT_W - blk->fig_w) / 2;

	cairo_save(pt->cr);
	cairo_translate(pt->cr, x, top);
	cairo_rectangle(pt->cr, 0, 0, blk->fig_w, blk->fig_h);
	cairo_clip(pt->cr);
	cairo_new_path(pt->cr);
	if (blk->draw != NULL)
		blk->draw(pt->cr, pt->pc, blk->fig_w, blk->fig_h, blk->ctx);
	cairo_restore(pt->cr);
	if (b->tx != NULL)
		draw_layout_centred(pt->cr, b->tx->layout, top + blk->fig_h,
		    TS_PITCH);
}

static void
draw_box(struct painter *pt, const struct ts_place *p)
{
	const struct ts_box *b = p->b;
	double top = TS_MARGIN_TOP + p->y;

	switch (b->kind) {
	case BX_LINE:
		draw_line(pt, b, top, p->page);
		break;
	case BX_LAYOUT:
		draw_layout_centred(pt->cr, b->tx->layout, top, b->h);
		break;
	case BX_ROW:
		ts_table_draw_row(pt->cr, b->tl, b->row, TS_MARGIN_LEFT, top);
		break;
	case BX_FIGURE:
		draw_figure(pt, b, top);
		break;
	case BX_SPACE:
	case BX_BREAK:
		break;
	}
}

/* "— n —" in 4号, its dashes 7 mm below the text block, one character in
 * from the outer edge: right on odd pages, left on even ones. */
static void
draw_folio(struct painter *pt, int page)
{
	char text[64];
	int w;
	double x, base;

	snprintf(text, sizeof text, "— %d —", page + 1);
	pango_layout_set_text(pt->folio, text, -1);
	pango_layout_get_size(pt->folio, &w, NULL);
	if ((page + 1) % 2 == 1)
		x = TS_MARGIN_LEFT + TS_TEXT_W - TS_SMALL_PT -
		    (double)w / PANGO_SCALE;
	else
		x = TS_MARGIN_LEFT + TS_SMALL_PT;
	/* The dash sits at the middle of the em box, 0.38 em above the
	 * baseline. */
	base = TS_MARGIN_TOP + TS_BODY_H + 7.0 * TS_MM + 0.38 * TS_SMALL_PT;
	cairo_move_to(pt->cr, x, base);
	pango_cairo_show_layout_line(pt->cr,
	    pango_layout_get_line_readonly(pt->folio, 0));
}

/* The document's mark (a draft's 征求意见稿): 黑体 3号 in a frame, its
 * right edge on the text block's, 12 mm above the block. Part of the text
 * layer, so pdftotext shows it on every page. */
static void
draw_mark(struct painter *pt)
{
	PangoLayout *l = pango_layout_new(pt->pc);
	PangoFontDescription *fd = pangofonts_desc(FONT_HEADING1, TS_BODY_PT);
	int w, h;
	double pad = 3.0, x, y;

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, pt->d->mark, -1);
	pango_layout_get_size(l, &w, &h);
	x = TS_MARGIN_LEFT + TS_TEXT_W - (double)w / PANGO_SCALE - pad;
	y = TS_MARGIN_TOP - 12.0 * TS_MM - (double)h / PANGO_SCALE;
	cairo_save(pt->cr);
	cairo_set_source_rgb(pt->cr, 0.78, 0, 0);
	cairo_set_line_width(pt->cr, 1.0);
	cairo_rectangle(pt->cr, x - pad, y - pad,
	    (double)w / PANGO_SCALE + 2 * pad, (double)h / PANGO_SCALE + 2 * pad);
	cairo_stroke(pt->cr);
	cairo_move_to(pt->cr, x, y);
	pango_cairo_show_layout(pt->cr, l);
	cairo_restore(pt->cr);
	g_object_unref(l);
}

static void
draw_colophon(struct painter *pt, const struct ts_colophon_place *cp)
{
	const struct ts_doc *d = pt->d;

	cairo_save(pt->cr);
	cairo_translate(pt->cr, TS_MARGIN_LEFT, TS_MARGIN_TOP + cp->y);
	d->colophon_draw(pt->cr, pt->pc, TS_TEXT_W, d->colophon_h,
	    d->colophon_ctx);
	cairo_restore(pt->cr);
}

/* Pages past the text are blank or hold only the colophon: no number. */
static void
paint(struct painter *pt, const struct ts_places *pl,
    const struct ts_colophon_place *cp)
{
	size_t i = 0;

	for (int page = 0; page < cp->npages; page++) {
		cairo_set_source_rgb(pt->cr, 0, 0, 0);
		for (; i < pl->n && pl->v[i].page == page; i++)
			draw_box(pt, &pl->v[i]);
		cairo_set_source_rgb(pt->cr, 0, 0, 0);
		if (page == cp->page)
			draw_colophon(pt, cp);
		cairo_set_source_rgb(pt->cr, 0, 0, 0);
		if (page < pl->npages)
			draw_folio(pt, page);
		/* A draft is marked on every page, the colophon's included. */
		if (pt->d->mark != NULL)
			draw_mark(pt);
		cairo_show_page(pt->cr);
	}
}

int
ts_doc_pdf(struct ts_doc *d, struct buf *out, struct diag_list *dl)
{
	struct painter pt = { 0 };
	struct ts_flow fl = { 0 };
	struct ts_places pl = { 0 };
	PangoFontMap *fm;
	PangoFontDescription *fd;
	size_t start = out->len;
	int ok = 1, pages;

	fm = pangofonts_thread_map(d->fonts);
	if (fm == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "无法建立字体映射，不能排版");
		return 0;
	}
	pt.d = d;
	pt.dl = dl;
	pt.surface = cairo_pdf_surface_create_for_stream(write_buf, out,
	    TS_PAGE_W, TS_PAGE_H);
	set_metadata(pt.surface, d);
	pt.cr = cairo_create(pt.surface);
	pt.pc = pangofonts_context(fm, pt.cr);
	pt.folio = pango_layout_new(pt.pc);
	fd = pangofonts_desc(FONT_BODY, TS_SMALL_PT);
	pango_layout_set_font_description(pt.folio, fd);
	pango_font_description_free(fd);

	fl.pc = pt.pc;
	fl.dl = dl;
	ts_flow_build(&fl, d);
	if (!ts_paginate(&fl.boxes, &pl, dl))
		ok = 0;
	struct ts_colophon_place cp;
	ts_colophon_place(d, &pl, &cp);
	if (ok) {
		ts_layout_report(d, &pl);
		paint(&pt, &pl, &cp);
	}
	cairo_destroy(pt.cr);
	cairo_surface_finish(pt.surface);
	if (ok && cairo_surface_status(pt.surface) != CAIRO_STATUS_SUCCESS) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "生成 PDF 失败：%s",
		    cairo_status_to_string(cairo_surface_status(pt.surface)));
		ok = 0;
	}
	cairo_surface_destroy(pt.surface);
	pages = cp.npages;
	free(pl.v);
	ts_flow_free(&fl);
	g_object_unref(pt.folio);
	g_object_unref(pt.pc);
	g_object_unref(fm);
	if (!ok) {
		buf_truncate(out, start);
		return 0;
	}
	return pages;
}
