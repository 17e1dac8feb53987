/*
 * site_search_index.c -- the bigram tokenizer, the inverted index and its
 * JavaScript form (see site_search_index.h). search.js repeats the
 * tokenizer rules; change them in both places.
 */
#include "site_search_index.h"

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "util.h"

/* ---- tokenizer ------------------------------------------------------- */

/* Full-width ASCII forms (Ａ, ２, ．) to ASCII, capitals to small letters:
 * staff type both, and ＰＭ２．５ should find PM2.5. */
static uint32_t
fold(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

static int
is_alnum(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z');
}

static int
is_digit(uint32_t cp)
{
	return cp >= '0' && cp <= '9';
}

struct tokenizer {
	enum search_tok_mode mode;
	search_token_fn fn;
	void *arg;
	uint32_t prev_han;  /* last ideograph of the current run */
	size_t run;         /* ideographs in the current run */
	char latin[SEARCH_LATIN_MAX + 1];
	size_t nlatin;
};

/* UTF-8 of cp into p (room for 4 bytes); returns the length. */
static size_t
put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One ideograph or a pair, on the stack: this runs for every character
 * of every document. */
static void
emit_chars(struct tokenizer *t, uint32_t a, uint32_t b)
{
	char tok[9];
	size_t n = put_utf8(tok, a);
	if (b)
		n += put_utf8(tok + n, b);
	tok[n] = '\0';
	t->fn(tok, n, t->arg);
}

/* A run of ideographs ended: a query made of one ideograph is looked up
 * by that character (longer runs were already emitted as pairs). */
static void
end_run(struct tokenizer *t)
{
	if (t->mode == SEARCH_TOK_QUERY && t->run == 1)
		emit_chars(t, t->prev_han, 0);
	t->run = 0;
}

static void
end_latin(struct tokenizer *t)
{
	if (t->nlatin) {
		t->latin[t->nlatin] = '\0';
		t->fn(t->latin, t->nlatin, t->arg);
	}
	t->nlatin = 0;
}

static void
add_latin(struct tokenizer *t, char c)
{
	if (t->nlatin < SEARCH_LATIN_MAX)
		t->latin[t->nlatin++] = c;
}

static void
add_han(struct tokenizer *t, uint32_t cp)
{
	end_latin(t);
	if (t->mode == SEARCH_TOK_INDEX)
		emit_chars(t, cp, 0);
	if (t->run)
		emit_chars(t, t->prev_han, cp);
	t->prev_han = cp;
	t->run++;
}

void
search_tokens(const char *s, enum search_tok_mode mode, search_token_fn fn,
    void *arg)
{
	struct tokenizer t = {.mode = mode, .fn = fn, .arg = arg};
	size_t n = strlen(s), i = 0, len;
	while (i < n) {
		uint32_t cp = fold(utf8_decode(s + i, n - i, &len));
		i += len;
		if (cjk_is_han(cp)) {
			add_han(&t, cp);
			continue;
		}
		end_run(&t);
		if (is_alnum(cp)) {
			add_latin(&t, (char)cp);
			continue;
		}
		/* A decimal point joins digits: "2.5" in "PM2.5" is one token. */
		if (cp == '.' && t.nlatin && is_digit((uint32_t)t.latin[t.nlatin - 1]) &&
		    i < n) {
			size_t nlen;
			uint32_t next = fold(utf8_decode(s + i, n - i, &nlen));
			if (is_digit(next)) {
				add_latin(&t, '.');
				continue;
			}
		}
		end_latin(&t);
	}
	end_run(&t);
	end_latin(&t);
}

/* ---- JSON strings ---------------------------------------------------- */

/* Bytes that need no escape: printable ASCII but " \\ < > & DEL. */
static int
json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' &&
	    c != '>' && c != '&';
}

void
search_json_string(struct buf *out, const char *s)
{
	size_t n = strlen(s), i = 0, len;
	buf_putc(out, '"');
	while (i < n) {
		size_t run = i;
		while (run < n && json_plain((unsigned char)s[run]))
			run++;
		if (run > i) {
			buf_put(out, s + i, run - i);
			i = run;
			continue;
		}
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		const char *raw = s + i;
		i += len;
		switch (cp) {
		case '"': buf_puts(out, "\\\""); continue;
		case '\\': buf_puts(out, "\\\\"); continue;
		case '\n': buf_puts(out, "\\n"); continue;
		case '\t': buf_puts(out, "\\t"); continue;
		default: break;
		}
		if (cp < 0x20 || cp == '<' || cp == '>' || cp == '&' || cp == 0x7F ||
		    cp == 0x2028 || cp == 0x2029)
			buf_printf(out, "\\u%04x", (unsigned)cp);
		else if (cp == 0xFFFD && len == 1 && (unsigned char)raw[0] >= 0x80)
			buf_puts(out, "\\ufffd"); /* an invalid byte */
		else
			buf_put(out, raw, len);
	}
	buf_putc(out, '"');
}

/* ---- the index ------------------------------------------------------- */

struct postings {
	uint32_t *v;
	size_t n, cap;
};

struct search_doc {
	enum search_kind kind;
	char *url, *title, *context;
	size_t parent;
};

struct search_index {
	struct search_doc *docs;
	size_t ndocs, cap;
	GHashTable *terms; /* token -> struct postings */
	size_t npostings;
};

#define POST_DOC(p) ((p) >> 4)
#define POST_TITLE 8u
#define POST_COUNT_MAX 7u

static void
postings_free(gpointer p)
{
	struct postings *pl = p;
	free(pl->v);
	free(pl);
}

struct search_index *
search_index_new(void)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	ix->terms = g_hash_table_new_full(g_str_hash, g_str_equal, free, postings_free);
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->ndocs; i++) {
		free(ix->docs[i].url);
		free(ix->docs[i].title);
		free(ix->docs[i].context);
	}
	free(ix->docs);
	g_hash_table_destroy(ix->terms);
	free(ix);
}

struct adding {
	struct search_index *ix;
	uint32_t doc;
	int in_title;
};

/* Documents are added in order, so a token's postings grow at the end:
 * the current document, if present, is the last posting. */
static void
add_token(const char *tok, size_t len, void *arg)
{
	struct adding *a = arg;
	(void)len;
	struct postings *pl = g_hash_table_lookup(a->ix->terms, tok);
	if (!pl) {
		pl = xcalloc(1, sizeof *pl);
		g_hash_table_insert(a->ix->terms, xstrdup(tok), pl);
	}
	if (!pl->n || POST_DOC(pl->v[pl->n - 1]) != a->doc) {
		pl->v = xgrow(pl->v, &pl->cap, pl->n + 1, sizeof *pl->v);
		pl->v[pl->n++] = a->doc << 4;
		a->ix->npostings++;
	}
	uint32_t *p = &pl->v[pl->n - 1];
	if ((*p & POST_COUNT_MAX) < POST_COUNT_MAX)
		(*p)++;
	if (a->in_title)
		*p |= POST_TITLE;
}

size_t
search_index_add(struct search_index *ix, enum search_kind kind,
    const char *url, const char *title, const char *context, const char *body)
{
	return search_index_add_in(ix, kind, SEARCH_NO_PARENT, url, title,
	    context, body);
}

size_t
search_index_add_in(struct search_index *ix, enum search_kind kind,
    size_t parent, const char *url, const char *title, const char *context,
    const char *body)
{
	ix->docs = xgrow(ix->docs, &ix->cap, ix->ndocs + 1, sizeof *ix->docs);
	struct search_doc *d = &ix->docs[ix->ndocs];
	d->kind = kind;
	d->parent = parent < ix->ndocs ? parent : SEARCH_NO_PARENT;
	d->url = xstrdup(url);
	d->title = xstrdup(title ? title : "");
	d->context = xstrdup(context ? context : "");
	struct adding a = {ix, (uint32_t)ix->ndocs, 1};
	search_tokens(d->title, SEARCH_TOK_INDEX, add_token, &a);
	a.in_title = 0;
	if (body)
		search_tokens(body, SEARCH_TOK_INDEX, add_token, &a);
	return ix->ndocs++;
}

size_t
search_index_ndocs(const struct search_index *ix)
{
	return ix->ndocs;
}

size_t
search_index_nterms(const struct search_index *ix)
{
	return g_hash_table_size(ix->terms);
}

size_t
search_index_npostings(const struct search_index *ix)
{
	return ix->npostings;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
write_docs(const struct search_index *ix, struct buf *out)
{
	buf_puts(out, "\"docs\":[");
	for (size_t i = 0; i < ix->ndocs; i++) {
		const struct search_doc *d = &ix->docs[i];
		buf_printf(out, "%s\n[%d,", i ? "," : "", (int)d->kind);
		search_json_string(out, d->url);
		buf_putc(out, ',');
		search_json_string(out, d->title);
		buf_putc(out, ',');
		search_json_string(out, d->context);
		if (d->parent != SEARCH_NO_PARENT)
			buf_printf(out, ",%zu", d->parent);
		buf_putc(out, ']');
	}
	buf_puts(out, "]");
}

/* Decimal digits of v (printf is most of the writing time otherwise). */
static void
put_uint(struct buf *out, uint32_t v)
{
	char d[10];
	size_t n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	buf_grow(out, n);
	while (n)
		out->data[out->len++] = d[--n];
	out->data[out->len] = '\0';
}

static void
write_terms(const struct search_index *ix, struct buf *out)
{
	guint nkeys;
	char **keys = (char **)g_hash_table_get_keys_as_array(ix->terms, &nkeys);
	qsort(keys, nkeys, sizeof *keys, cmp_str);
	buf_puts(out, "\"terms\":{");
	for (guint i = 0; i < nkeys; i++) {
		const struct postings *pl = g_hash_table_lookup(ix->terms, keys[i]);
		buf_puts(out, i ? ",\n" : "\n");
		search_json_string(out, keys[i]);
		buf_puts(out, ":[");
		uint32_t prev = 0;
		for (size_t j = 0; j < pl->n; j++) {
			/* The gap from the previous document, with the flags. */
			uint32_t doc = POST_DOC(pl->v[j]);
			if (j)
				buf_putc(out, ',');
			put_uint(out, ((doc - prev) << 4) | (pl->v[j] & 15u));
			prev = doc;
		}
		buf_putc(out, ']');
	}
	buf_puts(out, "}");
	g_free(keys);
}

void
search_index_write_js(const struct search_index *ix, struct buf *out)
{
	buf_puts(out, "/* 蓝天 site search index: generated by lantian, do not edit. */\n");
	buf_puts(out, "window.LANTIAN_SEARCH={\"v\":2,");
	write_docs(ix, out);
	buf_putc(out, ',');
	write_terms(ix, out);
	buf_puts(out, "};\n");
}
