/*
 * typeset_colophon.c -- the 版记 of GB/T 9704-2012 (抄送, 印发机关 and
 * 印发日期 between rules): at the foot of the last page, its last line on
 * the last line of the text block, and that page an even one (the back of
 * a sheet). When the last page of text is odd, or the colophon does not
 * fit under its text, it goes on the next even page, with a blank page
 * before it when needed. Blank pages and a page holding only the colophon
 * carry no page number (typeset_pdf.c asks ts_colophon_place()).
 */
#include "typeset_int.h"

void
ts_colophon(struct ts_doc *d, double height_mm, ts_draw_fn draw,
    const void *ctx)
{
	d->colophon_draw = draw;
	d->colophon_ctx = ctx;
	d->colophon_h = height_mm * TS_MM;
}

void
ts_colophon_place(const struct ts_doc *d, const struct ts_places *pl,
    struct ts_colophon_place *out)
{
	out->page = -1;
	out->npages = pl->npages;
	out->y = 0;
	if (d->colophon_draw == NULL || d->colophon_h <= 0)
		return;
	int last = pl->npages - 1;
	double used = 0;
	for (size_t i = 0; i < pl->n; i++)
		if (pl->v[i].page == last &&
		    pl->v[i].y + pl->v[i].b->h > used)
			used = pl->v[i].y + pl->v[i].b->h;
	/* Page numbers are 1-based: page index last is even when last is
	 * odd. One line of air between the text and the first rule. */
	int page = last;
	if (used + TS_PITCH + d->colophon_h > TS_BODY_H + TS_EPS ||
	    (last + 1) % 2 != 0)
		page = last + 1;
	if ((page + 1) % 2 != 0)
		page++;
	out->page = page;
	out->npages = page + 1;
	out->y = TS_BODY_H - d->colophon_h;
}
