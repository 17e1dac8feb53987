/*
 * md_cjk.c -- cmark with CJK-friendly emphasis (see md_cjk.h): after
 * cmark has parsed, pairs of `**` it had to leave as text because of
 * CommonMark's flanking rules become strong spans when CJK text stands
 * next to them.
 */
#include "md_cjk.h"

#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "util.h"

/* The code point before byte offset at of s (0 at the start). */
static uint32_t
cp_before(const char *s, size_t at)
{
	if (at == 0)
		return 0;
	size_t k = at - 1;
	while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	size_t len;
	return utf8_decode(s + k, at - k, &len);
}

/* The code point at byte offset at of s (0 at the end). */
static uint32_t
cp_at(const char *s, size_t at)
{
	size_t n = strlen(s + at), len;
	return n ? utf8_decode(s + at, n, &len) : 0;
}

static int
is_cjk(uint32_t cp)
{
	return cp != 0 && cjk_is_wide(cp);
}

static int
is_space(uint32_t cp)
{
	return cp == 0 || cjk_is_space(cp);
}

/* Split text node t at byte offset at: t keeps the head, the returned new
 * node (inserted after t) holds the tail. */
static cmark_node *
split_text(cmark_node *t, size_t at)
{
	char *lit = xstrdup(cmark_node_get_literal(t));
	cmark_node *r = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(r, lit + at);
	lit[at] = '\0';
	cmark_node_set_literal(t, lit);
	cmark_node_insert_after(t, r);
	free(lit);
	return r;
}

static void
drop_if_empty(cmark_node *t)
{
	const char *lit = cmark_node_get_literal(t);
	if (lit == NULL || *lit == '\0')
		cmark_node_free(t);       /* unlinks it */
}

/* The next `**` at or after byte from in text node *n or a later text
 * sibling: exactly two asterisks, not part of a longer run. */
static int
find_run(cmark_node **n, size_t *from)
{
	for (cmark_node *t = *n; t; t = cmark_node_next(t), *from = 0) {
		if (cmark_node_get_type(t) != CMARK_NODE_TEXT)
			continue;
		const char *lit = cmark_node_get_literal(t);
		for (const char *p = lit + *from; (p = strstr(p, "**")) != NULL;) {
			size_t run = strspn(p, "*");
			if (run == 2 && (p == lit || p[-1] != '*')) {
				*n = t;
				*from = (size_t)(p - lit);
				return 1;
			}
			p += run;
		}
	}
	return 0;
}

/* Replace the `**` at (o, i) and the one at (c, j) by a strong node
 * around what lies between them. Returns the strong node. */
static cmark_node *
wrap_strong(cmark_node *o, size_t i, cmark_node *c, size_t j)
{
	/* The closer first: the opener's offset stays valid when both are in
	 * the same node. */
	cmark_node *after = split_text(c, j + 2);
	cmark_node *cm = split_text(c, j);
	cmark_node *inside = split_text(o, i + 2);
	cmark_node *om = split_text(o, i);
	cmark_node *strong = cmark_node_new(CMARK_NODE_STRONG);
	cmark_node_insert_before(om, strong);
	for (cmark_node *x = cmark_node_next(om); x && x != cm;) {
		cmark_node *nx = cmark_node_next(x);
		cmark_node_unlink(x);
		cmark_node_append_child(strong, x);
		x = nx;
	}
	cmark_node_free(om);
	cmark_node_free(cm);
	drop_if_empty(after);
	if (c != o)
		drop_if_empty(c);
	drop_if_empty(o);
	if (cmark_node_parent(inside) == strong)
		drop_if_empty(inside);
	return strong;
}

static void
repair_container(cmark_node *box)
{
	cmark_node *n = cmark_node_first_child(box);
	size_t from = 0;
	while (n && find_run(&n, &from)) {
		cmark_node *o = n;
		size_t i = from;
		cmark_node *c = o;
		size_t j = i + 2;
		if (!find_run(&c, &j))
			return;
		const char *ol = cmark_node_get_literal(o);
		const char *cl = cmark_node_get_literal(c);
		uint32_t ob = cp_before(ol, i), oa = cp_at(ol, i + 2);
		uint32_t cb = cp_before(cl, j), ca = cp_at(cl, j + 2);
		int empty = o == c && j == i + 2;
		/* What cmark would pair anyway needs no help; only runs with
		 * CJK beside them are paired here. */
		if (empty || is_space(oa) || is_space(cb) ||
		    !(is_cjk(ob) || is_cjk(oa) || is_cjk(cb) || is_cjk(ca))) {
			n = c;           /* the closer may open the next pair */
			from = j;
			continue;
		}
		cmark_node *strong = wrap_strong(o, i, c, j);
		n = cmark_node_next(strong);
		from = 0;
	}
}

static int
holds_inlines(cmark_node_type t)
{
	return t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING ||
	    t == CMARK_NODE_EMPH || t == CMARK_NODE_STRONG ||
	    t == CMARK_NODE_LINK;
}

void
md_cjk_emphasis(cmark_node *doc)
{
	cmark_consolidate_text_nodes(doc);
	/* Collect first: the repair changes the tree under an iterator. */
	cmark_node **box = NULL;
	size_t n = 0, cap = 0;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *x = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && holds_inlines(cmark_node_get_type(x))) {
			box = xgrow(box, &cap, n + 1, sizeof *box);
			box[n++] = x;
		}
	}
	cmark_iter_free(it);
	for (size_t k = 0; k < n; k++)
		repair_container(box[k]);
	free(box);
}

cmark_node *
md_parse(const char *s, size_t n, int options)
{
	cmark_node *doc = cmark_parse_document(s, n, options);
	/* An escaped asterisk (\*) is text like an unpaired one once parsed:
	 * a source that escapes one means its asterisks literally, so it is
	 * left as cmark parsed it. */
	if (doc && !memmem(s, n, "\\*", 2))
		md_cjk_emphasis(doc);
	return doc;
}
