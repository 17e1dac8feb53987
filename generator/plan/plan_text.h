/*
 * plan_text.h -- the first stage of the plan parser: decoded UTF-8 text to
 * a list of blocks (logical paragraphs and headings) with their source
 * line ranges. This is where the three input shapes become one:
 *  - plain text with one paragraph per line;
 *  - PDF-extracted text, hard-wrapped at a fixed width, with blank lines and
 *    page breaks inside paragraphs;
 *  - Markdown (through cmark: headings, **bold** heads, <sub>, $PM_{2.5}$).
 * Lines broken by a page break or a hard wrap are joined by deleting the
 * break and the whitespace around CJK characters, never by inserting a
 * separator (公\n\n安局 -> 公安局).
 */
#ifndef LANTIAN_PLAN_TEXT_H
#define LANTIAN_PLAN_TEXT_H

#include <stddef.h>

#include "diag.h"
#include "plan.h"

struct pblock {
	char *text;          /* folded text, no line breaks */
	size_t line_start;   /* 1-based source lines */
	size_t line_end;
	int md_heading;      /* Markdown heading level, 0 if none */
	int continued;       /* 1: joined across a paragraph/page break from the
	                      * previous block's source (kept for display) */
};

struct ptext {
	struct pblock *b;
	size_t n, cap;
	enum plan_format format;
	char **lines;        /* the raw source lines (no LF), for metadata and tables */
	size_t n_lines;
	size_t wrap_width;   /* PDF-extracted: the wrap width in columns; else 0 */
	int repost;          /* a copy of a web page: its chrome lines are dropped */
};

/* Split UTF-8 text (NUL-terminated, LF line ends) into blocks. Never fails
 * on well-formed UTF-8. The caller frees with ptext_free(). */
void plan_text_split(const char *text, size_t len, int force_markdown,
    struct ptext *out);
void ptext_free(struct ptext *t);

/*
 * The paragraphs of a document read from a structured format (.docx; the
 * readers of read_docx.h and the like): one entry per paragraph line or
 * table row, in reading order. A row is "|cell|cell|" (the form of a
 * Markdown pipe table, which the attachment reader takes), and always a
 * block of its own; paragraph lines go through the same builder as plain
 * text lines, so the block rules stay one copy.
 */
enum pline_kind { PLINE_PARA, PLINE_ROW };

struct plines {
	char **text;
	unsigned char *kind;   /* enum pline_kind per line */
	size_t n, cap, kcap;
};

void plines_push(struct plines *l, const char *s, enum pline_kind kind);
void plines_free(struct plines *l);

/* Blocks of the lines in l, which are moved into out (l is left empty);
 * out->format is set to format. */
void plan_text_from_lines(struct plines *l, enum plan_format format,
    struct ptext *out);

/* Replace inline TeX and HTML markup of formulas ($PM_{2.5}$, <sub>2.5</sub>)
 * by plain text (PM2.5) in s; returns a new string. */
char *plan_text_demarkup(const char *s);

#endif
