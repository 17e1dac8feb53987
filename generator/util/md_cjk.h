/*
 * md_cjk.h -- Markdown through cmark with CJK-friendly emphasis: the one
 * parser of staff Markdown for the bulletins (bulletin_md.c) and the site
 * (site_data.c).
 *
 * CommonMark's flanking rules stop `**` from closing after punctuation when
 * a letter follows, which is how Chinese is written: in
 * `**臭氧污染问题突出。**8月…` the second `**` follows 。 and precedes 8,
 * so cmark leaves both as literal asterisks. The "CJK friendly" amendment
 * (markdown-it-cjk-friendly, the CommonMark proposal) lets such a run open
 * or close when a CJK character stands next to it. cmark cannot be told
 * that, so md_parse() repairs the tree after parsing: in each inline
 * container, a `**` left as text and the next `**` left as text in the
 * same container become one strong span when a CJK character (ideograph,
 * kana, hangul or full-width punctuation) stands on either side of one of
 * them, nothing but the content lies between them, and neither sits
 * against whitespace on the inside.
 */
#ifndef LANTIAN_MD_CJK_H
#define LANTIAN_MD_CJK_H

#include <stddef.h>

#include <cmark.h>

/* cmark_parse_document(s, n, options) with CJK-friendly emphasis; free
 * with cmark_node_free. */
cmark_node *md_parse(const char *s, size_t n, int options);

/* The repair alone, on a parsed document (text nodes are consolidated). */
void md_cjk_emphasis(cmark_node *doc);

#endif
