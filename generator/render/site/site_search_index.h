/*
 * site_search_index.h -- the offline search index of the site: Chinese
 * text has no spaces between words, so documents are indexed by
 * character bigrams (every pair of adjacent ideographs) and single
 * ideographs, and by Latin/digit tokens such as "pm2.5" (lower-cased,
 * full-width forms folded to ASCII). The index is written as a
 * JavaScript file that assigns one global (window.LANTIAN_SEARCH), so a
 * page opened from file:// can load it with <script src> (browsers refuse
 * fetch() there). templates/site/assets/search.js reads it and mirrors
 * search_tokens() in SEARCH_TOK_QUERY mode exactly.
 *
 * Pure: no I/O, no clock; the same documents added in the same order give
 * the same bytes. Used by site_search.c; include from nowhere else.
 */
#ifndef LANTIAN_SITE_SEARCH_INDEX_H
#define LANTIAN_SITE_SEARCH_INDEX_H

#include <stddef.h>

#include "buf.h"

/* Document kinds, stored as these numbers in the index (search.js names
 * them). */
enum search_kind {
	SEARCH_PLAN = 0,
	SEARCH_TASK = 1,
	SEARCH_UNIT = 2,
};

/*
 * Tokenising modes. INDEX emits every ideograph alone and every adjacent
 * pair, so a one-character query finds it and a longer one matches by
 * pairs. QUERY emits what a query is looked up by: the pairs of a run of
 * ideographs, or the ideograph itself when the run is one character long.
 */
enum search_tok_mode {
	SEARCH_TOK_INDEX,
	SEARCH_TOK_QUERY,
};

/* Longest Latin/digit token kept, in bytes; longer runs are cut here
 * (identically in search.js). */
#define SEARCH_LATIN_MAX 32

typedef void (*search_token_fn)(const char *tok, size_t len, void *arg);

/* Call fn for each token of s, in text order (repeats included). */
void search_tokens(const char *s, enum search_tok_mode mode,
    search_token_fn fn, void *arg);

/* Append s as a JSON string literal: quotes, backslash and controls
 * escaped, and also <, >, & (so "</script>" and "<!--" never appear) and
 * U+2028/U+2029 (line terminators in older JavaScript). Invalid UTF-8
 * becomes U+FFFD. */
void search_json_string(struct buf *out, const char *s);

struct search_index;

struct search_index *search_index_new(void);
void search_index_free(struct search_index *ix);

/*
 * Add a document; returns its number (0, 1, ...). url is relative to the
 * site root; title and context are shown in the results; the title and
 * body are indexed (a token found in the title marks the posting so
 * matches in titles rank first). Strings are copied; body may be NULL.
 */
size_t search_index_add(struct search_index *ix, enum search_kind kind,
    const char *url, const char *title, const char *context,
    const char *body);

/* The same for a document shown inside another (a task in its plan):
 * parent is the number of an earlier document, whose title search.js
 * shows before context, so it is stored once. */
#define SEARCH_NO_PARENT ((size_t)-1)
size_t search_index_add_in(struct search_index *ix, enum search_kind kind,
    size_t parent, const char *url, const char *title, const char *context,
    const char *body);

size_t search_index_ndocs(const struct search_index *ix);
size_t search_index_nterms(const struct search_index *ix);
size_t search_index_npostings(const struct search_index *ix);

/*
 * The index as JavaScript:
 *   window.LANTIAN_SEARCH={"v":2,
 *     "docs":[[kind,"url","title","context"(,parent)?],...],
 *     "terms":{"token":[posting,...],...}};
 * Terms are sorted by their UTF-8 bytes; documents in a posting list
 * ascend. A posting packs the gap from the previous document of the list
 * (the first: from 0) with what ranking needs, so a list is one flat
 * array of small integers:
 *   posting = (doc - previous doc) * 16 + (token in title ? 8 : 0)
 *             + min(count in doc, 7)
 */
void search_index_write_js(const struct search_index *ix, struct buf *out);

#endif
