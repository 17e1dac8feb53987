/*
 * typeset_flow.c -- blocks to boxes: each text block becomes a Pango
 * layout whose lines are boxes on the body's line grid (22 lines of pitch
 * TS_PITCH), headings keep with what follows, tables and figures become
 * their own boxes. Pagination (typeset_page.c) then only stacks boxes.
 */
#include <stdlib.h>
#include <string.h>

#include "pangofonts.h"
#include "typeset_flow.h"
#include "util.h"

/* How a text block is set. */
struct text_style {
	enum font_role role;
	double pt;
	double pitch;         /* line pitch */
	int bold;
	int letter_spacing;   /* Pango units */
	double indent;        /* first line, points */
	PangoAlignment align;
	int justify;
	int keep;             /* keep every line with the next box */
};

static void
style_for(const struct ts_block *b, struct text_style *s)
{
	memset(s, 0, sizeof *s);
	s->role = FONT_BODY;
	s->pt = TS_BODY_PT;
	s->pitch = TS_PITCH;
	s->letter_spacing = ts_body_letter_spacing();
	s->align = PANGO_ALIGN_LEFT;
	switch (b->kind) {
	case TB_TITLE:
		s->role = FONT_TITLE;
		s->pt = TS_TITLE_PT;
		s->pitch = TS_PITCH * 1.25;
		s->letter_spacing = 0;
		s->align = PANGO_ALIGN_CENTER;
		s->keep = 1;
		return;
	case TB_SUBTITLE:
		s->align = PANGO_ALIGN_CENTER;
		s->keep = 1;
		return;
	case TB_HEADING:
		s->role = b->level == 1 ? FONT_HEADING1 :
		    b->level == 2 ? FONT_HEADING2 : FONT_BODY;
		s->bold = b->level >= 3;
		s->indent = b->flags & TS_NOINDENT ? 0 :
		    2 * ts_body_char_advance();
		s->keep = 1;
		return;
	default:
		break;
	}
	if (b->flags & TS_SMALL) {
		s->pt = TS_SMALL_PT;
		s->pitch = TS_PITCH * 0.8;
		s->letter_spacing = 0;
	}
	if (b->flags & TS_CENTER)
		s->align = PANGO_ALIGN_CENTER;
	else if (b->flags & TS_RIGHT)
		s->align = PANGO_ALIGN_RIGHT;
	else {
		s->justify = 1;
		if (!(b->flags & TS_NOINDENT))
			s->indent = 2 * (s->pt +
			    (double)s->letter_spacing / PANGO_SCALE);
	}
	s->keep = (b->flags & TS_KEEP) != 0;
}

/* The baseline within a line cell of height pitch: the ideographic em box
 * (0.88 em above the baseline, 0.12 below in the Noto CJK faces) centred
 * in the cell. */
static double
cell_baseline(double pitch, double pt)
{
	return pitch / 2 + 0.38 * pt;
}

/*
 * A title that wraps is set in lines of even length, as official documents
 * do ("…攻坚战" / "2024年8月工作通报"), never a full line and one orphan
 * character: the narrowest width that keeps the same number of lines.
 * Returns the offset that centres the narrowed block in the text width.
 */
static double
balance_lines(PangoLayout *lay)
{
	int n = pango_layout_get_line_count(lay);
	int full = pango_layout_get_width(lay);
	int lo, hi;

	if (n < 2 || full <= 0)
		return 0;
	lo = full / n;
	hi = full;
	while (hi - lo > PANGO_SCALE) {
		int mid = lo + (hi - lo) / 2;
		pango_layout_set_width(lay, mid);
		if (pango_layout_get_line_count(lay) > n)
			lo = mid;
		else
			hi = mid;
	}
	pango_layout_set_width(lay, hi);
	return (double)(full - hi) / 2 / PANGO_SCALE;
}

static void
flow_text(struct ts_flow *fl, const struct ts_block *b)
{
	double dx = 0;
	struct text_style s;
	PangoFontDescription *fd;
	struct ts_text *tx;
	PangoLayoutIter *it;
	size_t first = fl->boxes.n;

	style_for(b, &s);
	fd = pangofonts_desc(s.role, s.pt);
	if (s.bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	fl->texts = xgrow(fl->texts, &fl->tcap, fl->ntexts + 1,
	    sizeof *fl->texts);
	tx = xcalloc(1, sizeof *tx);
	fl->texts[fl->ntexts++] = tx;
	ts_text_make(tx, fl->pc, b->markup, fd, TS_TEXT_W, s.letter_spacing,
	    fl->dl);
	pango_font_description_free(fd);
	pango_layout_set_indent(tx->layout, (int)(s.indent * PANGO_SCALE));
	pango_layout_set_alignment(tx->layout, s.align);
	if (b->kind == TB_TITLE)
		dx = balance_lines(tx->layout);
	ts_text_finish(tx, s.justify);

	it = pango_layout_get_iter(tx->layout);
	do {
		PangoRectangle log;
		struct ts_box *bx = ts_box_push(&fl->boxes, BX_LINE, s.pitch);

		pango_layout_iter_get_line_extents(it, NULL, &log);
		bx->tx = tx;
		bx->line = pango_layout_iter_get_line_readonly(it);
		bx->x = dx + (double)log.x / PANGO_SCALE;
		bx->base = cell_baseline(s.pitch, s.pt);
		bx->blk = b;
		bx->keep = s.keep;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	if (b->kind == TB_HEADING)
		fl->boxes.v[first].heading_start = 1;
	/* A title, subtitle or kept paragraph holds together, but the box
	 * after it may start a page unless it is a heading. */
	if (b->kind != TB_HEADING && !(b->flags & TS_KEEP))
		fl->boxes.v[fl->boxes.n - 1].keep = 0;
}

static void
flow_figure(struct ts_flow *fl, const struct ts_block *b)
{
	double h = b->fig_h;
	struct ts_box *bx;
	struct ts_text *tx = NULL;

	if (b->markup != NULL) {
		PangoFontDescription *fd = pangofonts_desc(FONT_HEADING1,
		    TS_SMALL_PT);
		tx = xcalloc(1, sizeof *tx);
		fl->texts = xgrow(fl->texts, &fl->tcap, fl->ntexts + 1,
		    sizeof *fl->texts);
		fl->texts[fl->ntexts++] = tx;
		ts_text_make(tx, fl->pc, b->markup, fd, TS_TEXT_W, 0, fl->dl);
		pango_font_description_free(fd);
		pango_layout_set_alignment(tx->layout, PANGO_ALIGN_CENTER);
		ts_text_finish(tx, 0);
		h += TS_PITCH;
	}
	bx = ts_box_push(&fl->boxes, BX_FIGURE, h);
	bx->blk = b;
	bx->tx = tx;
}

void
ts_flow_build(struct ts_flow *fl, const struct ts_doc *d)
{
	size_t ti = 0;

	fl->tlays = xcalloc(d->ntables + 1, sizeof *fl->tlays);
	for (size_t i = 0; i < d->n; i++) {
		const struct ts_block *b = &d->blocks[i];
		switch (b->kind) {
		case TB_TITLE:
		case TB_SUBTITLE:
		case TB_HEADING:
		case TB_PARA:
			flow_text(fl, b);
			break;
		case TB_SPACE:
			ts_box_push(&fl->boxes, BX_SPACE, b->lines * TS_PITCH)
			    ->blk = b;
			break;
		case TB_PAGEBREAK:
			ts_box_push(&fl->boxes, BX_BREAK, 0)->blk = b;
			break;
		case TB_TABLE:
			fl->tlays[ti].index = ti + 1;
			ts_table_layout(&fl->tlays[ti], b->table, fl->pc,
			    &fl->boxes, fl->dl);
			fl->ntlays = ++ti;
			break;
		case TB_FIGURE:
			flow_figure(fl, b);
			break;
		}
	}
}

void
ts_flow_free(struct ts_flow *fl)
{
	for (size_t i = 0; i < fl->ntexts; i++) {
		ts_text_free(fl->texts[i]);
		free(fl->texts[i]);
	}
	free(fl->texts);
	for (size_t i = 0; i < fl->ntlays; i++)
		ts_tlay_free(&fl->tlays[i]);
	free(fl->tlays);
	free(fl->boxes.v);
	memset(fl, 0, sizeof *fl);
}
