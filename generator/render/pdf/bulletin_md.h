/*
 * bulletin_md.h -- the staff commentary (plans/<id>/commentary/<YYYY-MM>.md,
 * 存在问题、下步工作) from Markdown to a list of typesetting blocks: headings
 * as plain text, paragraphs as Pango markup with every character of the
 * source escaped, and tables. bulletin.c turns the blocks into ts_* calls;
 * keeping them apart lets the parser be tested and fuzzed without fonts.
 *
 * Markdown is read by cmark (CommonMark, no extensions: Debian's cmark has
 * no GFM tables). Pipe tables are recognised here, before cmark sees the
 * text: a line containing '|' followed by a delimiter row (|---|:---:|)
 * starts a table that runs to the first blank line or line without '|';
 * each cell's inline Markdown is then parsed by cmark. Raw HTML is shown
 * as text (with a warning), never interpreted; HTML comments are dropped.
 *
 * Limits (so the document stays printable): the file at most 1 MiB; a
 * table at most BMD_MAX_COLS columns (wider tables are set as text, one
 * paragraph per row) and BMD_MAX_ROWS rows; a table cell at most
 * BMD_CELL_BUDGET / columns characters, a paragraph at most
 * BMD_MAX_PARA characters, a heading at most BMD_MAX_HEADING; longer text
 * is cut with "……" and a warning naming file:line.
 *
 * Ownership: the caller owns the struct bmd_doc and frees it with
 * bulletin_md_free().
 */
#ifndef LANTIAN_BULLETIN_MD_H
#define LANTIAN_BULLETIN_MD_H

#include <stddef.h>

#include "diag.h"

enum {
	BMD_MAX_BYTES = 1 << 20,
	BMD_MAX_COLS = 10,
	BMD_MAX_ROWS = 2000,
	BMD_CELL_BUDGET = 600,
	BMD_MAX_PARA = 20000,
	BMD_MAX_HEADING = 120
};

enum bmd_kind {
	BMD_HEADING,   /* text: plain, any leading 一、/（一）/1. numbering removed */
	BMD_PARA,      /* text: Pango markup */
	BMD_TABLE,     /* cells: nrows x ncols Pango markup, row 0 the header */
	BMD_SPACE      /* a thematic break */
};

struct bmd_block {
	enum bmd_kind kind;
	int level;          /* heading: 1 = the file's top heading level, 2, 3 */
	unsigned flags;     /* paragraph: TS_* flags of typeset.h */
	char *text;
	size_t ncols, nrows;
	char **cells;
	unsigned *col_flags; /* TS_CELL_* per column, from the delimiter row */
	size_t line;        /* 1-based line in the file */
};

struct bmd_doc {
	struct bmd_block *v;
	size_t n, cap;
};

/*
 * Parse text[0..len) (UTF-8, LF line ends; name for diagnostics) into d.
 * Returns 1 (possibly with warnings in dl), or 0 with an error naming
 * name:line in dl when the file is too large, contains NUL bytes or is not
 * UTF-8; d is then empty.
 */
int bulletin_md_parse(const char *name, const char *text, size_t len,
    struct bmd_doc *d, struct diag_list *dl);
void bulletin_md_free(struct bmd_doc *d);

#endif
