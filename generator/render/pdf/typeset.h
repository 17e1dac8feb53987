/*
 * typeset.h -- Chinese official-document typesetting (GB/T 9704-2012) of a
 * flow of blocks into a paginated PDF with Pango and Cairo.
 *
 * A caller (bulletin.c) builds a struct ts_doc block by block: title,
 * headings, paragraphs, tables, figures, page breaks. ts_doc_pdf() then
 * breaks the flow into A4 pages (top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm; body 16 pt, 28 characters x 22 lines), numbers the pages
 * "— 1 —" at the outer bottom corner, and writes the PDF into a buffer with
 * an outline entry per heading, document metadata, internal links and
 * subset-embedded fonts. Nothing here touches the file system except the
 * fonts (through struct fonts); writing the file is the caller's job, so it
 * can be atomic.
 *
 * Text arguments are UTF-8 plain text unless the name says markup; markup
 * is Pango markup, and the caller escapes everything taken from data
 * (g_markup_escape_text). Every string is copied; the caller keeps its own.
 *
 * Ownership: ts_doc_new() returns a document the caller frees with
 * ts_doc_free(). A struct ts_table belongs to its document.
 *
 * Threads: one document is used by one thread at a time. Documents on
 * different threads do not share Pango objects.
 */
#ifndef LANTIAN_TYPESET_H
#define LANTIAN_TYPESET_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;

/* PDF document information. Strings may be NULL. */
struct ts_meta {
	const char *title;
	const char *author;     /* the issuing body */
	const char *subject;
	const char *keywords;
	const char *creator;    /* "lantian 0.1.0" */
	int64_t date;           /* seconds since the epoch (UTC) for the
	                           creation and modification dates: from
	                           SOURCE_DATE_EPOCH or the data's own date;
	                           never the clock */
};

struct ts_doc;

/* f stays owned by the caller and must outlive the document. */
struct ts_doc *ts_doc_new(const struct fonts *f, const struct ts_meta *meta);
void ts_doc_free(struct ts_doc *d);
/* A mark drawn framed at the top right of every page, above the text
 * block, in the text layer (a draft's 征求意见稿); NULL: none. */
void ts_doc_set_mark(struct ts_doc *d, const char *mark);

/* Paragraph and line flags. */
enum {
	TS_INDENT   = 0,      /* default: justified, first line indented 2 em */
	TS_NOINDENT = 1 << 0,
	TS_CENTER   = 1 << 1,
	TS_RIGHT    = 1 << 2, /* e.g. the signature and date block */
	TS_SMALL    = 1 << 3, /* 4号 (14 pt): notes, sources, captions */
	TS_KEEP     = 1 << 4  /* keep with the next block on one page */
};

/* The document title, 2号 (22 pt) 小标宋-style, centred, may wrap. */
void ts_title(struct ts_doc *d, const char *text);
/* A line under the title such as the issue number or issuing body and
 * date, centred, body face. */
void ts_subtitle(struct ts_doc *d, const char *text);

/*
 * A heading: level 1 (黑体, "一、…"), level 2 (楷体, "（一）…"), level 3
 * (body face, bold). The caller includes the numbering in text. Every
 * heading gets an outline (bookmark) entry nested by level. anchor (may
 * be NULL) names a link destination for ts_link markup.
 */
void ts_heading(struct ts_doc *d, int level, const char *text,
    const char *anchor);
/* The same set 顶格 (no indent): GB/T 9704's "附件" label. */
void ts_heading_flush(struct ts_doc *d, int level, const char *text,
    const char *anchor);

/* A paragraph of plain text / of Pango markup, with TS_* flags. */
void ts_para(struct ts_doc *d, const char *text, unsigned flags);
void ts_para_markup(struct ts_doc *d, const char *markup, unsigned flags);

/* Within markup, an internal link: the caller writes
 * <span foreground="#1f4e8c">…</span> and wraps the range in
 * ts_link_markup(); implementation-defined (see typeset.c). Returns a newly
 * allocated markup string the caller frees with free(). */
char *ts_link_markup(const char *anchor, const char *inner_markup);

/* Vertical space in lines of body text (may be fractional). */
void ts_space(struct ts_doc *d, double lines);
/* Start a new page. */
void ts_page_break(struct ts_doc *d);

/*
 * Tables. A table breaks between rows only (no row is cut in half; a row
 * taller than a page is an error recorded at ts_doc_pdf()); the header
 * rows are repeated at the top of every page the table continues on, with
 * the caption followed by "（续）". Cells are Pango markup, wrapped
 * within their column; widths are relative weights, but every column is at
 * least as wide as its widest unbreakable token (a number such as
 * "≥76.5%" or "（95.0%）", a date, an item number such as "二（一）", a
 * header word), taken from the others. Text is set in 小四 (12 pt), 五号
 * (10.5 pt) when TS_TABLE_COMPACT. A table of up to TS_TABLE_KEEP_ROWS body
 * rows that fits a page is never split; a longer one splits with at least
 * two body rows on each side.
 */
enum {
	TS_TABLE_SMALL = 1 << 0,  /* 小四 (12 pt) cells, as without flags */
	TS_TABLE_COMPACT = 1 << 1, /* 五号 (10.5 pt) cells */
	TS_CELL_RIGHT  = 1 << 8,  /* per column alignment (col_flags) */
	TS_CELL_CENTER = 1 << 9
};
#define TS_TABLE_KEEP_ROWS 12
struct ts_table;
struct ts_table *ts_table_new(struct ts_doc *d, size_t ncols,
    const double *weights, const unsigned *col_flags, const char *caption,
    unsigned flags);
/* A header row (repeated on each page). cells has ncols entries. */
void ts_table_header(struct ts_table *t, const char *const *cells);
/* A body row; NULL cells are empty. */
void ts_table_row(struct ts_table *t, const char *const *cells);
/* The table's note (备注), Pango markup: set in 4号 under the last row,
 * kept on the page of the last rows, printed once. Calling it again
 * replaces the note. */
void ts_table_note(struct ts_table *t, const char *markup);
/* The 单位 line, plain text ("单位：微克/立方米"): set flush right between
 * the caption and the header, so headers stay short words. */
void ts_table_unit(struct ts_table *t, const char *text);
/* Close the table; blocks added afterwards follow it. */
void ts_table_end(struct ts_table *t);

/*
 * For the checks of the typesetting rules (tests/typeset_scan.py): when
 * set, ts_doc_pdf() hands fn the layout of every document it sets, as the
 * text records described in typeset_dump.c. Process-wide; set it before
 * any document is set and from one thread. NULL turns it off.
 */
typedef void (*ts_layout_fn)(const char *dump, void *ctx);
void ts_set_layout_observer(ts_layout_fn fn, void *ctx);

/*
 * A figure: a box width_mm x height_mm (width clipped to the text width)
 * drawn by draw() with the cairo context translated to the box origin, in
 * points. pc is a Pango context on the document's pinned fonts for labels.
 * The figure never splits across pages. caption may be NULL.
 */
typedef void (*ts_draw_fn)(cairo_t *cr, PangoContext *pc, double w_pt,
    double h_pt, const void *ctx);
/* ctx (and what it points to) must stay valid until ts_doc_pdf() returns. */
void ts_figure(struct ts_doc *d, double width_mm, double height_mm,
    ts_draw_fn draw, const void *ctx, const char *caption);

/*
 * The 版记 (GB/T 9704): a box height_mm tall, as wide as the text, drawn
 * by draw() at the foot of the document's last even page (see
 * typeset_colophon.c). One per document; ctx must stay valid until
 * ts_doc_pdf() returns.
 */
void ts_colophon(struct ts_doc *d, double height_mm, ts_draw_fn draw,
    const void *ctx);

/*
 * Lay out and write the PDF into out. Returns the number of pages (>= 1),
 * or 0 with errors in dl (a row or figure that cannot fit a page, a font
 * problem). Calling it twice on the same document gives the same bytes.
 */
int ts_doc_pdf(struct ts_doc *d, struct buf *out, struct diag_list *dl);

/* The text width and page body height in points (for callers sizing
 * figures). */
double ts_text_width_pt(void);
double ts_body_height_pt(void);

#endif
