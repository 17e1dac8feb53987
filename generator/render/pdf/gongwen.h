/*
 * gongwen.h -- any Markdown document as a GB/T 9704-2012 official document
 * (公文): the parts around the body come from a YAML-like front matter
 * block, the body is read as the bulletins' commentary is
 * (bulletin_md.h), and everything is set by the bulletins' typesetter
 * (typeset.h).
 *
 * Front matter: the file starts with a line "---" and the block ends at
 * the next "---" line. Each line is "键: 值" (an ASCII or a full-width
 * colon); a line "- 值" adds a value to a list key (附件, 抄送). Keys, each
 * with an English alias:
 *   版头 masthead      发文机关标志, set in red above the red rule
 *   发文字号 number     e.g. X环攻坚办〔2024〕1号, under the masthead
 *   标题 title         the document title
 *   主送 to            主送机关, a line under the title ending in "："
 *   附件 attachments   附件说明 after the body (one value or a list)
 *   署名 issuer        发文机关署名, right-aligned after the body
 *   日期 date          成文日期, under the signature
 *   抄送 cc            版记: 抄送机关 (one value or a list)
 *   印发机关 printer    版记: the printing office
 *   印发日期 printed    版记: the printing date
 * Every part is optional. An unknown key is a warning; a missing end line,
 * a line that is neither "键: 值" nor "- 值", or a value over
 * GW_MAX_VALUE bytes is an error naming file:line.
 *
 * The parts are kept in struct gw_front, so another layout of the same
 * parts (the bulletin's 版头, 主送 and 版记) can take them over.
 * Ownership: the caller frees a struct gw_front with gw_front_free().
 */
#ifndef LANTIAN_GONGWEN_H
#define LANTIAN_GONGWEN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"

enum { GW_MAX_VALUE = 600, GW_MAX_LIST = 50 };

struct gw_list {
	char **v;
	size_t n, cap;
};

struct gw_front {
	char *masthead, *number, *title, *to, *issuer, *date, *printer,
	    *printed;
	struct gw_list attachments, cc;
};

/*
 * Read the front matter of text[0..len) (UTF-8, LF line ends; name for
 * diagnostics) into fm. *body is set to the offset where the body starts;
 * the front matter's own lines are blanked in text (spaces), so the body
 * parser's line numbers are the file's when it reads the whole text.
 * Text without a front matter gives an empty fm and *body 0. Returns 1, or
 * 0 with an error in dl.
 */
int gw_front_parse(const char *name, char *text, size_t len,
    struct gw_front *fm, struct diag_list *dl);
void gw_front_free(struct gw_front *fm);

/* The document information a PDF of fm carries. */
struct gw_meta {
	const char *creator;    /* "lantian 0.1.0" */
	int64_t date;           /* seconds since the epoch (never the clock) */
};

/*
 * Typeset the body text (Markdown, name for diagnostics) with the parts of
 * fm into pdf. Returns the number of pages, or 0 with errors in dl.
 */
int gw_render(const struct fonts *f, const struct gw_front *fm,
    const char *name, const char *text, size_t len,
    const struct gw_meta *meta, struct buf *pdf, struct diag_list *dl);

#endif
