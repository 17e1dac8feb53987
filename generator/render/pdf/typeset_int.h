/*
 * typeset_int.h -- internals shared by the typesetter's files (typeset.c:
 * the document and its blocks; typeset_break.c: Chinese line-breaking
 * rules; typeset_text.c: Pango layouts of markup; typeset_table.c: table
 * rows; typeset_page.c: pagination; typeset_pdf.c: the Cairo PDF device).
 * Include only from generator/typeset*.c and the typesetter's tests.
 */
#ifndef LANTIAN_TYPESET_INT_H
#define LANTIAN_TYPESET_INT_H

#include <pango/pangocairo.h>

#include "typeset.h"

/* Geometry of GB/T 9704-2012, in points (1 mm = 72/25.4 pt). */
#define TS_MM            (72.0 / 25.4)
#define TS_PAGE_W        (210.0 * TS_MM)
#define TS_PAGE_H        (297.0 * TS_MM)
#define TS_MARGIN_TOP    (37.0 * TS_MM)
#define TS_MARGIN_BOTTOM (35.0 * TS_MM)
#define TS_MARGIN_LEFT   (28.0 * TS_MM)
#define TS_MARGIN_RIGHT  (26.0 * TS_MM)
#define TS_TEXT_W        (TS_PAGE_W - TS_MARGIN_LEFT - TS_MARGIN_RIGHT)
#define TS_BODY_H        (TS_PAGE_H - TS_MARGIN_TOP - TS_MARGIN_BOTTOM)
#define TS_BODY_PT       16.0   /* 3号 */
#define TS_TITLE_PT      22.0   /* 2号 */
#define TS_SMALL_PT      14.0   /* 4号 */
#define TS_TABLE_PT      12.0   /* 小四 */
#define TS_TABLE_COMPACT_PT 10.5 /* 五号 */
#define TS_CHARS_PER_LINE 28
#define TS_LINES_PER_PAGE 22
/* The body line pitch: 22 lines fill the body height exactly. */
#define TS_PITCH         (TS_BODY_H / TS_LINES_PER_PAGE)
/* Slack for comparing accumulated heights. */
#define TS_EPS           1e-6

/* Letter spacing of body text in Pango units, chosen so that 28 CJK
 * characters of 16 pt exactly fill the text width (27 gaps). */
int ts_body_letter_spacing(void);
/* The advance of one body character (16 pt plus the letter spacing). */
double ts_body_char_advance(void);

enum ts_block_kind {
	TB_TITLE, TB_SUBTITLE, TB_HEADING, TB_PARA, TB_SPACE, TB_PAGEBREAK,
	TB_TABLE, TB_FIGURE
};

struct ts_block {
	enum ts_block_kind kind;
	unsigned flags;
	int level;              /* TB_HEADING */
	char *markup;           /* text blocks, figure caption; owned */
	char *plain;            /* TB_HEADING: the outline text; owned */
	char *anchor;           /* TB_HEADING; owned, may be NULL */
	double lines;           /* TB_SPACE */
	struct ts_table *table; /* TB_TABLE */
	double fig_w, fig_h;    /* TB_FIGURE, points */
	ts_draw_fn draw;
	const void *ctx;
};

struct ts_table {
	struct ts_doc *doc;
	size_t ncols;
	double *weights;
	unsigned *col_flags;
	char *caption;          /* markup, may be NULL */
	char *note;             /* markup, may be NULL */
	char *unit;             /* plain text, may be NULL */
	unsigned flags;
	char **cells;           /* nrows * ncols markup strings (NULL: empty) */
	unsigned char *is_header;
	size_t nrows, cap;
};

struct ts_doc {
	const struct fonts *fonts;
	char *title, *author, *subject, *keywords, *creator;
	int64_t date;
	char *mark;             /* ts_doc_set_mark, or NULL */
	struct ts_block *blocks;
	size_t n, cap;
	struct ts_table **tables;
	size_t ntables, tcap;
	/* The 版记 (ts_colophon): drawn at the foot of the last even page. */
	ts_draw_fn colophon_draw;
	const void *colophon_ctx;
	double colophon_h;        /* points; 0: none */
};

/* A link range in a layout's text (byte offsets). */
struct ts_link {
	int start, end;
	char *anchor;
};

/* A laid-out piece of text and the link ranges in it. */
struct ts_text {
	PangoLayout *layout;
	struct ts_link *links;
	size_t nlinks;
	unsigned char *squeeze;   /* per text byte: how a mark is compressed
	                             (typeset_squeeze.c); NULL: none */
	size_t squeeze_len;
	int em;                   /* the font size, Pango units */
};

/* Parse markup (Pango markup, may hold ts_link_markup() ranges), apply
 * the Chinese line-breaking rules and extra attributes, and make a layout
 * of width w_pt (<= 0: unwrapped) in font fd. Returns 1, or 0 with an
 * error in dl (the layout then shows the markup as plain text). */
int ts_text_make(struct ts_text *t, PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, double w_pt, int letter_spacing,
    struct diag_list *dl);
/* Call once the layout's width, indent and alignment are final (any later
 * change of them makes Pango break the lines again): places the compressed
 * punctuation and, when justify, justifies every line but a paragraph's
 * last (typeset_squeeze.c). */
void ts_text_finish(struct ts_text *t, int justify);
void ts_text_free(struct ts_text *t);

/* Add PANGO_ATTR_ALLOW_BREAKS spans to attrs so that the line breaks of
 * text follow the Chinese rules beyond what Pango's UAX #14 gives (see
 * typeset_break.c). */
void ts_break_rules(const char *text, size_t len, PangoAttrList *attrs);
/* Punctuation compression (typeset_squeeze.c): which half of its em box
 * a full-width mark leaves blank, and the compression of adjacent marks
 * in text as letter-spacing spans in attrs (base_spacing: the text's own
 * letter spacing; em: its font size; both Pango units). */
enum { TS_PUNCT_NONE, TS_PUNCT_CLOSE, TS_PUNCT_OPEN };
int ts_punct_kind(uint32_t cp);
void ts_squeeze_pairs(struct ts_text *t, const char *text, size_t len,
    PangoAttrList *attrs, int base_spacing, int em);
/* 1 when cp may not begin a line / may not end one. */
int ts_no_line_start(uint32_t cp);
int ts_no_line_end(uint32_t cp);

/* What a page is made of: boxes stacked from the top of the body. */
enum ts_box_kind {
	BX_LINE,        /* one line of a text layout */
	BX_LAYOUT,      /* a whole layout (table caption) */
	BX_SPACE,       /* vertical space; dropped at the top of a page */
	BX_BREAK,       /* forced page break */
	BX_ROW,         /* a table row */
	BX_FIGURE
};

struct ts_tlay;

struct ts_box {
	enum ts_box_kind kind;
	double h;                 /* height taken on the page */
	int keep;                 /* no page break between this box and the next */
	const struct ts_text *tx; /* BX_LINE, BX_LAYOUT */
	PangoLayoutLine *line;    /* BX_LINE */
	double x, base;           /* BX_LINE: line x, baseline from box top */
	const struct ts_block *blk;
	int heading_start;        /* first line of a heading: outline, dest */
	struct ts_tlay *tl;       /* BX_ROW, table caption and note */
	size_t row;
	int note;                 /* BX_LINE: a line of tl's note */
};

struct ts_boxes {
	struct ts_box *v;
	size_t n, cap;
};
struct ts_box *ts_box_push(struct ts_boxes *bx, enum ts_box_kind k, double h);

/* Table layout (typeset_table.c). */
struct ts_tlay {
	const struct ts_table *t;
	size_t index;             /* table number, for messages */
	double *colx, *colw;      /* ncols */
	struct ts_text *cells;    /* nrows * ncols (layout NULL: empty) */
	double *rowh;             /* nrows */
	double *cellh;            /* nrows * ncols */
	struct ts_text cap, cap_cont, note, unit;
	int has_cap;
	size_t nheader;
	size_t row_box0;          /* index in the boxes of row 0's box */
	struct ts_box cap_cont_box;
};
/* Lay out t's cells and push its caption and rows to bx. */
void ts_table_layout(struct ts_tlay *tl, const struct ts_table *t,
    PangoContext *pc, struct ts_boxes *bx, struct diag_list *dl);
void ts_table_draw_row(cairo_t *cr, const struct ts_tlay *tl, size_t row,
    double x, double y);
void ts_tlay_free(struct ts_tlay *tl);

/* Extra line-breaking rules of table cells (typeset_cell.c): no break
 * inside a number, a date or an item number; a header breaks only before
 * an opening bracket or at a space. */
void ts_cell_rules(const char *text, size_t len, int header,
    PangoAttrList *attrs);
/* ts_text_make() with the cell rules. */
int ts_text_make_cell(struct ts_text *t, PangoContext *pc,
    const char *markup, const PangoFontDescription *fd, double w_pt,
    int header, struct diag_list *dl);

/* A box placed on a page. */
struct ts_place {
	const struct ts_box *b;
	int page;                 /* 0-based */
	double y;                 /* top, from the top of the body */
};
struct ts_places {
	struct ts_place *v;
	size_t n, cap;
	int npages;
};
/* Break boxes into pages. Returns 1, or 0 with errors in dl (a row or
 * figure taller than a page). */
int ts_paginate(const struct ts_boxes *bx, struct ts_places *pl,
    struct diag_list *dl);
/* Hand the layout to the observer of ts_set_layout_observer(), if any
 * (typeset_dump.c). */
void ts_layout_report(const struct ts_doc *d, const struct ts_places *pl);

/* Where the colophon goes (typeset_colophon.c): the 0-based page, the
 * number of pages in all (blank pages added so that page is even) and the
 * top of the box; page -1 when the document has none. */
struct ts_colophon_place {
	int page, npages;
	double y;
};
void ts_colophon_place(const struct ts_doc *d, const struct ts_places *pl,
    struct ts_colophon_place *out);

#endif
