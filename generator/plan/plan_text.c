/*
 * plan_text.c -- decoded plan text to blocks (see plan_text.h).
 *
 * Every input shape is first reduced to a sequence of source lines, each
 * marked as starting a paragraph, continuing one (inside a Markdown
 * paragraph) or being a heading. One builder then decides, line by line,
 * whether the line continues the current block or starts a new one:
 *  - a line that starts with a structural marker (一、 （一） 1. 附表…)
 *    always starts a block;
 *  - PDF-extracted text: a line continues the block when the block's last
 *    line was filled to the wrap width (the paragraph went on);
 *  - plain text and Markdown: a block continues across a line or page
 *    break when it ends in the middle of a clause (no 。；：！？ or closing
 *    bracket at its end) and already reads as a sentence (has a clause
 *    punctuation mark) -- a title line or a heading never does.
 */
#include "plan_text.h"

#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "plan_markers.h"
#include "plan_repost.h"
#include "util.h"

enum line_kind {
	LINE_PARA,      /* starts a paragraph (plain text: every line) */
	LINE_CONT,      /* continues a Markdown paragraph (soft break) */
	LINE_HEADING,   /* a Markdown heading */
	LINE_ROW,       /* a table row of a structured document: a block alone */
};

struct builder {
	struct ptext *t;
	struct buf cur;
	uint32_t prev;          /* last code point in cur */
	int open;
	size_t line_start, line_end;
	int heading;
	int continued;
	int row;                /* the current block is a table row */
	size_t last_width;      /* display width of the last source line added */
	size_t n_lines_in;      /* source lines in the current block */
};

static void
builder_flush(struct builder *bd)
{
	if (!bd->open)
		return;
	struct ptext *t = bd->t;
	char *text = buf_detach(&bd->cur);
	cjk_trim(text);
	if (*text) {
		t->b = xgrow(t->b, &t->cap, t->n + 1, sizeof *t->b);
		struct pblock *b = &t->b[t->n++];
		b->text = text;
		b->line_start = bd->line_start;
		b->line_end = bd->line_end;
		b->md_heading = bd->heading;
		b->continued = bd->continued;
	} else {
		free(text);
	}
	bd->open = 0;
	bd->prev = 0;
	bd->heading = 0;
	bd->continued = 0;
	bd->row = 0;
	bd->n_lines_in = 0;
}

/* Does the block end where a paragraph may end? */
static int
ends_terminal(const struct buf *b)
{
	if (!b->len)
		return 1;
	size_t k = b->len - 1, len;
	while (k > 0 && ((unsigned char)b->data[k] & 0xC0) == 0x80)
		k--;
	uint32_t cp = utf8_decode(b->data + k, b->len - k, &len);
	switch (cp) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case 0xFF09: /* ） */
	case ')':
	case 0x3015: /* 〕 */
	case 0x201D: /* ” */
	case 0x300B: /* 》 */
	case '.':
	case ';':
	case ':':
	case '!':
	case '?':
		return 1;
	default:
		return 0;
	}
}

static int
has_clause_punct(const char *s)
{
	return strstr(s, "，") || strstr(s, "。") || strstr(s, "、") ||
	    strstr(s, "；") || strstr(s, ",");
}

/* A heading line such as 一、总体要求 or （一）减污降碳协同增效行动: a marker,
 * a short title and no full stop. Such a block never continues. */
static int
looks_like_heading(const char *s)
{
	enum marker_kind k = marker_at(s, NULL, NULL);
	if (k != MARKER_TOP && k != MARKER_SUB)
		return 0;
	return !strstr(s, "。") && cjk_width(s, strlen(s)) <= 80;
}

static int
builder_can_join(const struct builder *bd, const char *line, enum line_kind kind)
{
	if (!bd->open || kind == LINE_HEADING || bd->heading || kind == LINE_ROW || bd->row)
		return 0;
	if (marker_at(line, NULL, NULL) != MARKER_NONE)
		return 0;
	if (kind == LINE_CONT)
		return 1;
	if (looks_like_heading(bd->cur.data))
		return 0;
	if (bd->t->wrap_width)
		return bd->last_width * 100 >= bd->t->wrap_width * 88;
	return !ends_terminal(&bd->cur) && has_clause_punct(bd->cur.data);
}

static int
is_dash_cp(uint32_t cp)
{
	return cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D || cp == 0x2015 ||
	    cp == 0x2500;
}

/* A dash, 1-3 digits, a dash (spaces allowed) at s: its byte length, or 0. */
static size_t
page_number_at(const char *s)
{
	size_t i = 0, len, nd = 0;
	if (!is_dash_cp(utf8_decode(s, strnlen(s, 4), &len)))
		return 0;
	i += len;
	while (s[i] == ' ')
		i++;
	while (s[i] >= '0' && s[i] <= '9' && nd < 4)
		i++, nd++;
	if (nd < 1 || nd > 3)
		return 0;
	while (s[i] == ' ')
		i++;
	if (!is_dash_cp(utf8_decode(s + i, strnlen(s + i, 4), &len)))
		return 0;
	return i + len;
}

/* A line that is only a page number (— 3 —, - 3 -, 第3页, 第 3 页 共 10 页):
 * what PDF extraction leaves between pages. */
static int
is_page_number(const char *s)
{
	size_t n = page_number_at(s);
	if (n && !s[n])
		return 1;
	if (!str_starts(s, "第"))
		return 0;
	const char *p = s + strlen("第");
	while (*p == ' ')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while ((*p >= '0' && *p <= '9') || *p == ' ')
		p++;
	if (!str_starts(p, "页"))
		return 0;
	p += strlen("页");
	while (*p == ' ')
		p++;
	if (!*p)
		return 1;
	return str_starts(p, "共") && str_ends(p, "页");
}

/* 农业农—9—村局: a page number that extraction put between two characters
 * of a word (a page break inside a line) goes; one that is not between two
 * Han characters is left for the suspicious-name check (plan_lint.c). */
static void
drop_inner_page_numbers(char *s)
{
	/* Most lines have no dash at all. */
	if (!strchr(s, '-') && !strstr(s, "\xe2\x80\x94") && !strstr(s, "\xe2\x80\x93") &&
	    !strstr(s, "\xe2\x80\x95") && !strstr(s, "\xef\xbc\x8d") &&
	    !strstr(s, "\xe2\x94\x80"))
		return;
	size_t n = strlen(s), i = 0, o = 0, len;
	uint32_t prev = 0;
	while (i < n) {
		size_t pn;
		if (cjk_is_han(prev) && (pn = page_number_at(s + i)) > 0 &&
		    cjk_is_han(utf8_decode(s + i + pn, n - i - pn, &len))) {
			i += pn;
			continue;
		}
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		memmove(s + o, s + i, len);
		o += len;
		i += len;
		prev = cp;
	}
	s[o] = '\0';
}

static void
builder_add(struct builder *bd, const char *line, size_t lineno, enum line_kind kind,
    int heading_level)
{
	/* Copied web pages: HTML leftovers go; the page's chrome and the
	 * portal's metadata lines read as blank lines (plan_repost.c). */
	struct buf html = {0};
	if (strchr(line, '<') || strchr(line, '&')) {
		repost_strip_html(&html, line);
		line = html.data ? html.data : "";
	}
	char *clean = plan_text_demarkup(line);
	buf_free(&html);
	cjk_trim(clean);
	if (!*clean || (bd->t->repost && repost_is_chrome(clean)) || is_page_number(clean)) {
		free(clean);
		return;
	}
	drop_inner_page_numbers(clean);
	if (builder_can_join(bd, clean, kind)) {
		if (kind == LINE_PARA && bd->n_lines_in && !bd->t->wrap_width)
			bd->continued = 1;
	} else {
		builder_flush(bd);
		bd->open = 1;
		bd->line_start = lineno;
		bd->heading = heading_level;
		bd->row = kind == LINE_ROW;
	}
	bd->prev = cjk_fold_append(&bd->cur, clean, strlen(clean), bd->prev);
	bd->line_end = lineno;
	bd->last_width = cjk_width(clean, strlen(clean));
	bd->n_lines_in++;
	free(clean);
}

/* ---- plain text ------------------------------------------------------ */

/*
 * PDF-extracted text is wrapped at a fixed width: most non-blank lines have
 * nearly the same display width. Returns that width, or 0.
 */
static size_t
detect_wrap_width(char **lines, size_t n)
{
	size_t hist[512] = {0}, total = 0;
	for (size_t i = 0; i < n; i++) {
		char *s = lines[i];
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			continue;
		size_t w = cjk_width(s, strlen(s));
		total++;
		if (w < 512)
			hist[w]++;
	}
	if (total < 20)
		return 0;
	size_t best = 0;
	for (size_t w = 30; w < 512; w++)
		if (hist[w] > hist[best])
			best = w;
	size_t near = 0;
	for (size_t w = best > 4 ? best - 4 : 0; w <= best + 4 && w < 512; w++)
		near += hist[w];
	return near * 2 >= total && best >= 30 && best <= 200 ? best : 0;
}

static void
split_plain(struct ptext *t)
{
	struct builder bd = { .t = t };
	t->wrap_width = detect_wrap_width(t->lines, t->n_lines);
	t->format = t->wrap_width ? PLAN_FORMAT_PDFTEXT : PLAN_FORMAT_TEXT;
	for (size_t i = 0; i < t->n_lines; i++)
		builder_add(&bd, t->lines[i], i + 1, LINE_PARA, 0);
	builder_flush(&bd);
	buf_free(&bd.cur);
}

/* ---- paragraphs of a structured document ------------------------------ */

void
plines_push(struct plines *l, const char *s, enum pline_kind kind)
{
	size_t kcap = l->kcap;
	l->text = xgrow(l->text, &l->cap, l->n + 1, sizeof *l->text);
	l->kind = xgrow(l->kind, &kcap, l->n + 1, sizeof *l->kind);
	l->kcap = kcap;
	l->text[l->n] = xstrdup(s);
	l->kind[l->n++] = (unsigned char)kind;
}

void
plines_free(struct plines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->text[i]);
	free(l->text);
	free(l->kind);
	memset(l, 0, sizeof *l);
}

void
plan_text_from_lines(struct plines *l, enum plan_format format, struct ptext *out)
{
	memset(out, 0, sizeof *out);
	out->lines = l->text;
	out->n_lines = l->n;
	/* A document converted from a PDF has one paragraph per printed line:
	 * the same wrap-width reading as PDF-extracted text then applies
	 * (measured on paragraph lines only: table rows are not wrapped). */
	char **paras = xmalloc((l->n + 1) * sizeof *paras);
	size_t np = 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->kind[i] == PLINE_PARA)
			paras[np++] = l->text[i];
	out->wrap_width = detect_wrap_width(paras, np);
	free(paras);
	out->format = format;
	struct builder bd = { .t = out };
	for (size_t i = 0; i < l->n; i++)
		builder_add(&bd, l->text[i], i + 1,
		    l->kind[i] == PLINE_ROW ? LINE_ROW : LINE_PARA, 0);
	builder_flush(&bd);
	buf_free(&bd.cur);
	free(l->kind);
	memset(l, 0, sizeof *l);
}

/* ---- Markdown ---------------------------------------------------------- */

/* Flatten the inline content of a Markdown leaf block to text, one string
 * per source line (soft and hard breaks end a line). */
static void
md_inline_text(cmark_node *leaf, struct strvec *out)
{
	struct buf line = {0};
	cmark_iter *it = cmark_iter_new(leaf);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *nd = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(nd)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *lit = cmark_node_get_literal(nd);
			if (lit)
				buf_puts(&line, lit);
			break;
		}
		case CMARK_NODE_HTML_INLINE: {
			/* <sub>2.5</sub>: the tags go, the text between stays. <br> breaks. */
			const char *lit = cmark_node_get_literal(nd);
			if (lit && (!strncmp(lit, "<br", 3) || !strncmp(lit, "<BR", 3))) {
				strvec_push(out, line.data ? line.data : "");
				buf_truncate(&line, 0);
			}
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			strvec_push(out, line.data ? line.data : "");
			buf_truncate(&line, 0);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	strvec_push(out, line.data ? line.data : "");
	buf_free(&line);
}

/* Number printed before the n-th item of an ordered list ("3."), or NULL. */
static char *
md_item_number(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM ||
	    cmark_node_first_child(item) != para)
		return NULL;
	cmark_node *list = cmark_node_parent(item);
	if (!list || cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
		return NULL;
	int n = cmark_node_get_list_start(list);
	for (cmark_node *c = cmark_node_first_child(list); c && c != item; c = cmark_node_next(c))
		n++;
	return xasprintf("%d%s", n,
	    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".");
}

static void
md_add_leaf(struct builder *bd, cmark_node *nd, int heading_level)
{
	struct strvec lines = {0};
	int start = cmark_node_get_start_line(nd);
	md_inline_text(nd, &lines);
	char *num = md_item_number(nd);
	for (size_t i = 0; i < lines.n; i++) {
		enum line_kind kind = heading_level ? LINE_HEADING : i ? LINE_CONT : LINE_PARA;
		if (i == 0 && num) {
			char *s = xasprintf("%s%s", num, lines.v[i]);
			builder_add(bd, s, (size_t)start, kind, heading_level);
			free(s);
		} else {
			builder_add(bd, lines.v[i], (size_t)start + i, kind, heading_level);
		}
		if (heading_level)
			builder_flush(bd);
	}
	free(num);
	strvec_free(&lines);
}

static void
md_add_literal(struct builder *bd, cmark_node *nd)
{
	/* Code and HTML blocks: an indented line in a plan is still text. */
	const char *lit = cmark_node_get_literal(nd);
	size_t ln = (size_t)cmark_node_get_start_line(nd);
	if (!lit)
		return;
	while (*lit) {
		const char *e = strchr(lit, '\n');
		size_t n = e ? (size_t)(e - lit) : strlen(lit);
		char *s = xstrndup(lit, n);
		builder_add(bd, s, ln++, LINE_PARA, 0);
		free(s);
		lit += n + (e ? 1 : 0);
	}
}

static void
split_markdown(struct ptext *t, const char *text, size_t len)
{
	struct builder bd = { .t = t };
	t->format = PLAN_FORMAT_MARKDOWN;
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *nd = cmark_iter_get_node(it);
		switch (cmark_node_get_type(nd)) {
		case CMARK_NODE_HEADING:
			builder_flush(&bd);
			md_add_leaf(&bd, nd, cmark_node_get_heading_level(nd));
			break;
		case CMARK_NODE_PARAGRAPH:
			md_add_leaf(&bd, nd, 0);
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			md_add_literal(&bd, nd);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			builder_flush(&bd);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	builder_flush(&bd);
	buf_free(&bd.cur);
}

/* Markdown when ATX headings or **bold** line heads occur more than once. */
static int
looks_like_markdown(char **lines, size_t n)
{
	size_t hits = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i];
		if (s[0] == '#') {
			size_t k = 0;
			while (s[k] == '#')
				k++;
			if (k <= 6 && s[k] == ' ')
				hits++;
		} else if (s[0] == '*' && s[1] == '*') {
			hits++;
		}
	}
	return hits >= 2;
}

static void
split_lines(struct ptext *t, const char *text, size_t len)
{
	size_t cap = 0;
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		t->lines = xgrow(t->lines, &cap, t->n_lines + 1, sizeof *t->lines);
		t->lines[t->n_lines++] = xstrndup(p, n);
		p += n + 1;
	}
}

void
plan_text_split(const char *text, size_t len, int force_markdown, struct ptext *out)
{
	memset(out, 0, sizeof *out);
	out->repost = repost_detect(text);
	split_lines(out, text, len);
	if (force_markdown || looks_like_markdown(out->lines, out->n_lines))
		split_markdown(out, text, len);
	else
		split_plain(out);
}

void
ptext_free(struct ptext *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->b[i].text);
	free(t->b);
	for (size_t i = 0; i < t->n_lines; i++)
		free(t->lines[i]);
	free(t->lines);
	memset(t, 0, sizeof *t);
}

/* ---- inline markup of formulas ----------------------------------------- */

/* Copy a TeX formula body as plain text: PM_{2.5} -> PM2.5, \mu -> μ. */
static void
tex_to_text(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '_' || c == '^' || c == '{' || c == '}')
			continue;
		if (c == '\\') {
			size_t j = i + 1;
			while (j < n && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z')))
				j++;
			if (j - i - 1 == 2 && !strncmp(s + i + 1, "mu", 2))
				buf_puts(b, "μ");
			i = j - 1;
			continue;
		}
		buf_putc(b, c);
	}
}

char *
plan_text_demarkup(const char *s)
{
	struct buf b = {0};
	buf_puts(&b, "");
	while (*s) {
		if (*s == '$') {
			const char *e = strchr(s + 1, '$');
			if (e && e - s <= 64 && e > s + 1) {
				tex_to_text(&b, s + 1, (size_t)(e - s - 1));
				s = e + 1;
				continue;
			}
		}
		if (*s == '<') {
			static const char *const tags[] = { "<sub>", "</sub>", "<sup>",
				"</sup>", "<SUB>", "</SUB>", "<SUP>", "</SUP>" };
			size_t k;
			for (k = 0; k < sizeof tags / sizeof tags[0]; k++)
				if (!strncmp(s, tags[k], strlen(tags[k])))
					break;
			if (k < sizeof tags / sizeof tags[0]) {
				s += strlen(tags[k]);
				continue;
			}
		}
		if (s[0] == '*' && s[1] == '*') {
			s += 2;
			continue;
		}
		/* copy up to the next character that may start markup */
		size_t run = strcspn(s + 1, "$<*") + 1;
		buf_put(&b, s, run);
		s += run;
	}
	return buf_detach(&b);
}
