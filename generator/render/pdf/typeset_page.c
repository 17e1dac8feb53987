/*
 * typeset_page.c -- pagination: stack boxes down the body of each page.
 * A box that does not fit starts a new page; a chain of boxes joined by
 * keep (a heading and the first line after it, a caption and the header
 * rows and the first row) moves to the next page as a whole when it does
 * not fit but would fit an empty page; space at the top of a page is
 * dropped; a table that continues on a new page gets its caption with
 * "（续）" and its header rows again.
 */
#include <string.h>

#include "typeset_int.h"
#include "util.h"

struct pager {
	struct ts_places *pl;
	int page;
	double y;
};

static void
place(struct pager *pg, const struct ts_box *b)
{
	struct ts_places *pl = pg->pl;

	pl->v = xgrow(pl->v, &pl->cap, pl->n + 1, sizeof *pl->v);
	pl->v[pl->n].b = b;
	pl->v[pl->n].page = pg->page;
	pl->v[pl->n].y = pg->y;
	pl->n++;
	pg->y += b->h;
}

static void
new_page(struct pager *pg)
{
	pg->page++;
	pg->y = 0;
}

static int
fits(const struct pager *pg, double h)
{
	return pg->y + h <= TS_BODY_H + TS_EPS;
}

/* Height of the keep chain starting at box i: boxes joined by keep, and
 * the first box after them. */
static double
chain_height(const struct ts_boxes *bx, size_t i)
{
	double h = 0;

	for (; i < bx->n; i++) {
		if (bx->v[i].kind == BX_BREAK)
			break;
		h += bx->v[i].h;
		if (!bx->v[i].keep)
			break;
	}
	return h;
}

/* Height the continuation of tl takes above its next row. */
static double
repeat_height(const struct ts_boxes *bx, const struct ts_tlay *tl)
{
	double h = tl->has_cap ? tl->cap_cont_box.h : 0;

	for (size_t r = 0; r < tl->nheader; r++)
		h += bx->v[tl->row_box0 + r].h;
	return h;
}

static void
place_repeat(struct pager *pg, const struct ts_boxes *bx,
    const struct ts_tlay *tl)
{
	if (tl->has_cap)
		place(pg, &tl->cap_cont_box);
	for (size_t r = 0; r < tl->nheader; r++)
		place(pg, &bx->v[tl->row_box0 + r]);
}

static const char *
table_name(const struct ts_tlay *tl)
{
	return tl->t->caption != NULL ? tl->t->caption : "（无标题）";
}

int
ts_paginate(const struct ts_boxes *bx, struct ts_places *pl,
    struct diag_list *dl)
{
	struct pager pg = { pl, 0, 0 };
	const struct ts_tlay *open_table = NULL; /* rows placed, may go on */
	int ok = 1;

	for (size_t i = 0; i < bx->n; i++) {
		const struct ts_box *b = &bx->v[i];
		int body_row = b->kind == BX_ROW && !b->tl->t->is_header[b->row];

		if (b->kind != BX_ROW && b->kind != BX_LAYOUT)
			open_table = NULL;
		if (b->kind == BX_BREAK) {
			if (pg.y > 0)
				new_page(&pg);
			continue;
		}
		if (b->kind == BX_SPACE) {
			if (pg.y == 0)
				continue;
			if (!fits(&pg, b->h))
				new_page(&pg);
			else
				pg.y += b->h;
			continue;
		}
		if (b->kind == BX_FIGURE && b->h > TS_BODY_H + TS_EPS) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "插图高 %.0f 毫米（含图题），超过一页版心高度 %.0f 毫米，无法排版",
			    b->h / TS_MM, TS_BODY_H / TS_MM);
			ok = 0;
			continue;
		}
		if (body_row && b->tl != open_table)
			open_table = b->tl;
		if (body_row) {
			double need = b->h + repeat_height(bx, b->tl);
			if (need > TS_BODY_H + TS_EPS) {
				diag_add(dl, DIAG_ERROR, NULL, 0, 0,
				    "表格“%s”第 %zu 行高 %.0f 毫米，连同表头超过一页版心高度 %.0f 毫米，不能跨页拆分；请缩短该行内容或拆成多行",
				    table_name(b->tl), b->row + 1 - b->tl->nheader,
				    b->h / TS_MM, TS_BODY_H / TS_MM);
				ok = 0;
				continue;
			}
		}
		/* Start of a keep chain that would be cut: move it whole. */
		if (pg.y > 0 && (i == 0 || !bx->v[i - 1].keep)) {
			double ch = chain_height(bx, i);
			if (!fits(&pg, ch) && ch <= TS_BODY_H + TS_EPS)
				new_page(&pg);
		}
		if (!fits(&pg, b->h))
			new_page(&pg);
		if (pg.y == 0 && body_row && b->row > b->tl->nheader &&
		    open_table == b->tl)
			place_repeat(&pg, bx, b->tl);
		place(&pg, b);
	}
	pl->npages = pg.page + 1;
	return ok;
}
