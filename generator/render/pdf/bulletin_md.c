/*
 * bulletin_md.c -- Markdown commentary to typesetting blocks (see
 * bulletin_md.h): pipe tables found line by line, everything else through
 * cmark (md_parse: with CJK-friendly emphasis), walked with its iterator (no recursion, so deep nesting cannot
 * overflow the stack), inline content rendered to escaped Pango markup.
 */
#include <string.h>

#include <cmark.h>
#include <glib.h>

#include "bulletin_md.h"
#include "buf.h"
#include "md_cjk.h"
#include "textload.h"
#include "typeset.h"
#include "util.h"

/* Font families of fonts/fonts.conf used for inline styles: emphasis in
 * 楷体 (how Chinese documents emphasise, there is no italic), code in the
 * sans face. */
#define EMPH_OPEN "<span font_family=\"lantian_heading2\">"
#define CODE_OPEN "<span font_family=\"lantian_heading1\">"
#define CUT_MARK "……"

struct md_ctx {
	const char *name;
	struct bmd_doc *d;
	struct diag_list *dl;
};

static struct bmd_block *
push_block(struct bmd_doc *d, enum bmd_kind k, size_t line)
{
	d->v = xgrow(d->v, &d->cap, d->n + 1, sizeof *d->v);
	struct bmd_block *b = &d->v[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	b->line = line;
	return b;
}

void
bulletin_md_free(struct bmd_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		struct bmd_block *b = &d->v[i];
		free(b->text);
		for (size_t k = 0; k < b->ncols * b->nrows; k++)
			free(b->cells[k]);
		free(b->cells);
		free(b->col_flags);
	}
	free(d->v);
	memset(d, 0, sizeof *d);
}

/* ---- inline content to markup, with a character budget ---- */

struct inl {
	struct buf out;
	size_t chars, budget;
	int cut;
	int plain;          /* headings: text only, no tags */
};

static size_t
utf8_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Byte length of the first max_chars characters of s[0..n). */
static size_t
utf8_prefix(const char *s, size_t n, size_t max_chars)
{
	size_t i = 0, k = 0;
	for (; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (k == max_chars)
				break;
			k++;
		}
	}
	return i;
}

/* Append text (escaped unless plain), cut at the budget. */
static void
inl_text(struct inl *in, const char *s, size_t n)
{
	if (in->cut || !s)
		return;
	size_t c = utf8_chars(s, n);
	if (in->chars + c > in->budget) {
		n = utf8_prefix(s, n, in->budget - in->chars);
		in->cut = 1;
	}
	in->chars += c;
	if (in->plain) {
		buf_put(&in->out, s, n);
	} else {
		char *e = g_markup_escape_text(s, (gssize)n);
		buf_puts(&in->out, e);
		g_free(e);
	}
	if (in->cut)
		buf_puts(&in->out, CUT_MARK);
}

static void
inl_tag(struct inl *in, const char *tag)
{
	if (!in->plain)
		buf_puts(&in->out, tag);
}

/* Whether the output so far ends in a Latin letter, digit or punctuation
 * (a soft break between two Latin words is a space; between Chinese
 * characters it is nothing). */
static int
ends_latin(const struct buf *b)
{
	if (!b->len)
		return 0;
	unsigned char c = (unsigned char)b->data[b->len - 1];
	return c < 0x80 && c != ' ' && c != '\n' && c != '>';
}

static void
warn_html(struct md_ctx *cx, cmark_node *n, size_t line0)
{
	diag_add(cx->dl, DIAG_WARNING, cx->name,
	    line0 + (size_t)cmark_node_get_start_line(n), 0,
	    "评述中的 HTML 不被解释，按原文排印");
}

/* Render the inline children of block node into in. */
static void
render_inlines(struct md_ctx *cx, cmark_node *block, size_t line0,
    struct inl *in)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (n == block)
			continue;
		int enter = ev == CMARK_EVENT_ENTER;
		const char *lit;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(n);
			inl_text(in, lit, lit ? strlen(lit) : 0);
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			inl_tag(in, CODE_OPEN);
			inl_text(in, lit, lit ? strlen(lit) : 0);
			inl_tag(in, "</span>");
			break;
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit && str_starts(lit, "<!--"))
				break; /* a comment: the writer's note */
			warn_html(cx, n, line0);
			inl_text(in, lit, lit ? strlen(lit) : 0);
			break;
		case CMARK_NODE_SOFTBREAK:
			if (ends_latin(&in->out))
				inl_text(in, " ", 1);
			break;
		case CMARK_NODE_LINEBREAK:
			inl_text(in, "\n", 1);
			break;
		case CMARK_NODE_EMPH:
			inl_tag(in, enter ? EMPH_OPEN : "</span>");
			break;
		case CMARK_NODE_STRONG:
			inl_tag(in, enter ? "<b>" : "</b>");
			break;
		case CMARK_NODE_LINK:
			if (!enter) {
				/* print the address: paper has no links */
				const char *url = cmark_node_get_url(n);
				if (url && *url) {
					inl_text(in, "（", strlen("（"));
					inl_text(in, url, strlen(url));
					inl_text(in, "）", strlen("）"));
				}
			}
			break;
		case CMARK_NODE_IMAGE:
			if (enter)
				inl_text(in, "［图：", strlen("［图："));
			else
				inl_text(in, "］", strlen("］"));
			break;
		default:
			/* blocks nested in an inline context do not occur */
			break;
		}
	}
	cmark_iter_free(it);
}

static void
warn_cut(struct md_ctx *cx, size_t line, const char *what, size_t limit)
{
	diag_add(cx->dl, DIAG_WARNING, cx->name, line, 0,
	    "%s过长（超过 %zu 字），其余部分未排印", what, limit);
}

/* ---- headings ---- */

/* Length of a leading enumerator: 一、 （一） (一) 1. 1、 1．, with the
 * spaces after it; 0 when there is none. */
static size_t
enumerator_len(const char *s)
{
	static const char *const cn[] = { "一", "二", "三", "四", "五", "六",
	    "七", "八", "九", "十" };
	size_t i = 0;
	int paren = 0;
	if (str_starts(s, "（")) {
		i = strlen("（");
		paren = 1;
	} else if (s[0] == '(') {
		i = 1;
		paren = 2;
	}
	size_t start = i;
	for (;;) {
		int hit = 0;
		for (size_t k = 0; k < sizeof cn / sizeof *cn; k++)
			if (str_starts(s + i, cn[k])) {
				i += strlen(cn[k]);
				hit = 1;
			}
		if (!hit && s[i] >= '0' && s[i] <= '9') {
			i++;
			hit = 1;
		}
		if (!hit)
			break;
	}
	if (i == start)
		return 0;
	if (paren == 1 && str_starts(s + i, "）"))
		i += strlen("）");
	else if (paren == 2 && s[i] == ')')
		i++;
	else if (paren)
		return 0;
	else if (str_starts(s + i, "、"))
		i += strlen("、");
	else if (str_starts(s + i, "．"))
		i += strlen("．");
	else if (s[i] == '.')
		i++;
	else
		return 0;
	while (s[i] == ' ')
		i++;
	return s[i] ? i : 0;
}

static void
add_heading(struct md_ctx *cx, cmark_node *n, size_t line0)
{
	struct inl in = { .budget = BMD_MAX_HEADING, .plain = 1 };
	buf_puts(&in.out, "");
	render_inlines(cx, n, line0, &in);
	size_t line = line0 + (size_t)cmark_node_get_start_line(n);
	if (in.cut)
		warn_cut(cx, line, "标题", BMD_MAX_HEADING);
	/* a heading is one line: breaks become spaces */
	for (size_t i = 0; i < in.out.len; i++)
		if (in.out.data[i] == '\n')
			in.out.data[i] = ' ';
	const char *t = in.out.data + enumerator_len(in.out.data);
	if (*t) {
		struct bmd_block *b = push_block(cx->d, BMD_HEADING, line);
		b->level = cmark_node_get_heading_level(n);
		b->text = xstrdup(t);
	}
	buf_free(&in.out);
}

/* ---- paragraphs, lists, quotes ---- */

struct walk {
	char *prefix;       /* the list marker for the next paragraph */
	int quote;          /* inside a block quote */
	int list_depth;
};

static void
add_para(struct md_ctx *cx, cmark_node *n, size_t line0, struct walk *w)
{
	struct inl in = { .budget = BMD_MAX_PARA };
	buf_puts(&in.out, "");
	if (w->quote)
		buf_puts(&in.out, EMPH_OPEN);
	if (w->prefix) {
		char *e = g_markup_escape_text(w->prefix, -1);
		buf_puts(&in.out, e);
		g_free(e);
		free(w->prefix);
		w->prefix = NULL;
	}
	size_t start = in.out.len;
	render_inlines(cx, n, line0, &in);
	if (w->quote)
		buf_puts(&in.out, "</span>");
	size_t line = line0 + (size_t)cmark_node_get_start_line(n);
	if (in.cut)
		warn_cut(cx, line, "段落", BMD_MAX_PARA);
	if (in.out.len > start) {
		struct bmd_block *b = push_block(cx->d, BMD_PARA, line);
		b->text = buf_detach(&in.out);
		b->flags = TS_INDENT;
	}
	buf_free(&in.out);
}

/* Literal blocks (code, raw HTML) as text, line breaks kept. */
static void
add_literal(struct md_ctx *cx, cmark_node *n, size_t line0)
{
	const char *lit = cmark_node_get_literal(n);
	if (!lit || !*lit)
		return;
	size_t len = strlen(lit);
	while (len && lit[len - 1] == '\n')
		len--;
	struct inl in = { .budget = BMD_MAX_PARA };
	buf_puts(&in.out, "");
	inl_text(&in, lit, len);
	size_t line = line0 + (size_t)cmark_node_get_start_line(n);
	if (in.cut)
		warn_cut(cx, line, "代码块", BMD_MAX_PARA);
	struct bmd_block *b = push_block(cx->d, BMD_PARA, line);
	b->text = buf_detach(&in.out);
	b->flags = TS_NOINDENT | TS_SMALL;
}

/* The marker of a list item: 1． 2． … at the top level, （1） below;
 * bullets as ● and ○. */
static char *
item_marker(cmark_node *item, int depth)
{
	cmark_node *list = cmark_node_parent(item);
	if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		long k = cmark_node_get_list_start(list);
		for (cmark_node *p = cmark_node_previous(item); p;
		    p = cmark_node_previous(p))
			k++;
		return depth > 1 ? xasprintf("（%ld）", k) :
		    xasprintf("%ld．", k);
	}
	return xstrdup(depth > 1 ? "○ " : "● ");
}

/* Walk the blocks of one cmark document; line0 is the line before the
 * segment's first line in the file. */
static void
walk_blocks(struct md_ctx *cx, cmark_node *doc, size_t line0)
{
	struct walk w = { 0 };
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (enter) {
				add_heading(cx, n, line0);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (enter) {
				add_para(cx, n, line0, &w);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		case CMARK_NODE_LIST:
			w.list_depth += enter ? 1 : -1;
			break;
		case CMARK_NODE_ITEM:
			free(w.prefix);
			w.prefix = enter ? item_marker(n, w.list_depth) : NULL;
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			w.quote += enter ? 1 : -1;
			break;
		case CMARK_NODE_CODE_BLOCK:
			add_literal(cx, n, line0);
			break;
		case CMARK_NODE_HTML_BLOCK:
			if (str_starts(cmark_node_get_literal(n) ?
			    cmark_node_get_literal(n) : "", "<!--"))
				break; /* a comment: the writer's note */
			warn_html(cx, n, line0);
			add_literal(cx, n, line0);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			push_block(cx->d, BMD_SPACE, line0 +
			    (size_t)cmark_node_get_start_line(n));
			break;
		default:
			break;
		}
	}
	free(w.prefix);
	cmark_iter_free(it);
}

static void
parse_segment(struct md_ctx *cx, const char *s, size_t n, size_t line0)
{
	if (!n)
		return;
	cmark_node *doc = md_parse(s, n,
	    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	walk_blocks(cx, doc, line0);
	cmark_node_free(doc);
}

/* ---- pipe tables ---- */

struct line {
	const char *s;
	size_t n;
};

static int
is_blank(struct line l)
{
	for (size_t i = 0; i < l.n; i++)
		if (l.s[i] != ' ' && l.s[i] != '\t')
			return 0;
	return 1;
}

static int
has_pipe(struct line l)
{
	return memchr(l.s, '|', l.n) != NULL;
}

/* Split a table row into cells: '|' separates, "\|" is a literal pipe, a
 * leading and a trailing pipe are dropped, cells are trimmed. */
static void
split_row(struct line l, struct strvec *cells)
{
	size_t i = 0, n = l.n;
	while (i < n && (l.s[i] == ' ' || l.s[i] == '\t'))
		i++;
	while (n > i && (l.s[n - 1] == ' ' || l.s[n - 1] == '\t'))
		n--;
	if (i < n && l.s[i] == '|')
		i++;
	if (n > i && l.s[n - 1] == '|' && !(n >= 2 && l.s[n - 2] == '\\'))
		n--;
	struct buf c = { 0 };
	for (;;) {
		buf_truncate(&c, 0);
		buf_puts(&c, "");
		while (i < n && l.s[i] != '|') {
			if (l.s[i] == '\\' && i + 1 < n && l.s[i + 1] == '|')
				i++;
			buf_putc(&c, l.s[i++]);
		}
		size_t a = 0, b = c.len;
		while (a < b && (c.data[a] == ' ' || c.data[a] == '\t'))
			a++;
		while (b > a && (c.data[b - 1] == ' ' || c.data[b - 1] == '\t'))
			b--;
		char *cell = xstrndup(c.data + a, b - a);
		strvec_push(cells, cell);
		free(cell);
		if (i >= n)
			break;
		i++; /* the '|' */
	}
	buf_free(&c);
}

/* A delimiter row: cells of dashes with optional colons. Fills the
 * alignment of each column. */
static int
is_delim_row(struct line l, struct strvec *cells)
{
	if (!has_pipe(l) && !memchr(l.s, '-', l.n))
		return 0;
	split_row(l, cells);
	for (size_t k = 0; k < cells->n; k++) {
		const char *c = cells->v[k];
		size_t len = strlen(c), i = 0, dashes = 0;
		if (c[i] == ':')
			i++;
		while (c[i] == '-') {
			i++;
			dashes++;
		}
		if (c[i] == ':')
			i++;
		if (!dashes || i != len)
			return 0;
	}
	return cells->n > 0;
}

static unsigned
align_flags(const char *delim)
{
	size_t len = strlen(delim);
	int left = delim[0] == ':', right = len && delim[len - 1] == ':';
	if (left && right)
		return TS_CELL_CENTER;
	return right ? TS_CELL_RIGHT : 0;
}

/* One cell's inline Markdown to markup, within budget characters. */
static char *
cell_markup(struct md_ctx *cx, const char *src, size_t line, size_t budget,
    int *cut)
{
	struct inl in = { .budget = budget };
	buf_puts(&in.out, "");
	cmark_node *doc = md_parse(src, strlen(src),
	    CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
	/* the cell is one line: its blocks (a paragraph, or a heading if it
	 * starts with '#') are set inline, one after another */
	for (cmark_node *b = cmark_node_first_child(doc); b;
	    b = cmark_node_next(b)) {
		if (b != cmark_node_first_child(doc))
			inl_text(&in, " ", 1);
		cmark_node_type t = cmark_node_get_type(b);
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING)
			render_inlines(cx, b, line - 1, &in);
		else
			inl_text(&in, src, strlen(src)); /* as written */
	}
	cmark_node_free(doc);
	*cut |= in.cut;
	return buf_detach(&in.out);
}

/* A table too wide to print: one paragraph per row, cells joined. */
static void
table_as_text(struct md_ctx *cx, const struct line *ls, size_t n,
    size_t line)
{
	diag_add(cx->dl, DIAG_WARNING, cx->name, line, 0,
	    "表格超过 %d 列，按文字排印", BMD_MAX_COLS);
	for (size_t r = 0; r < n; r++) {
		if (r == 1)
			continue; /* the delimiter row */
		struct inl in = { .budget = BMD_MAX_PARA };
		buf_puts(&in.out, "");
		inl_text(&in, ls[r].s, ls[r].n);
		struct bmd_block *b = push_block(cx->d, BMD_PARA, line + r);
		b->text = buf_detach(&in.out);
		b->flags = TS_NOINDENT | TS_SMALL;
	}
}

/* ls[0] the header, ls[1] the delimiter, then the body rows. */
static void
add_table(struct md_ctx *cx, const struct line *ls, size_t n, size_t line)
{
	struct strvec head = { 0 }, delim = { 0 };
	split_row(ls[0], &head);
	is_delim_row(ls[1], &delim);
	size_t ncols = head.n > delim.n ? head.n : delim.n;
	if (ncols > BMD_MAX_COLS) {
		table_as_text(cx, ls, n, line);
		strvec_free(&head);
		strvec_free(&delim);
		return;
	}
	size_t body = n - 2;
	if (body > BMD_MAX_ROWS) {
		diag_add(cx->dl, DIAG_WARNING, cx->name, line, 0,
		    "表格超过 %d 行，仅排印前 %d 行", BMD_MAX_ROWS,
		    BMD_MAX_ROWS);
		body = BMD_MAX_ROWS;
	}
	struct bmd_block *b = push_block(cx->d, BMD_TABLE, line);
	b->ncols = ncols;
	b->nrows = body + 1;
	b->cells = xcalloc(b->ncols * b->nrows, sizeof *b->cells);
	b->col_flags = xcalloc(ncols, sizeof *b->col_flags);
	for (size_t k = 0; k < delim.n && k < ncols; k++)
		b->col_flags[k] = align_flags(delim.v[k]);
	size_t budget = BMD_CELL_BUDGET / ncols;
	int cut = 0, ragged = 0;
	for (size_t r = 0; r < b->nrows; r++) {
		size_t src_row = r == 0 ? 0 : r + 1;
		struct strvec cells = { 0 };
		split_row(ls[src_row], &cells);
		ragged |= cells.n != ncols;
		for (size_t k = 0; k < ncols; k++)
			b->cells[r * ncols + k] = cell_markup(cx,
			    k < cells.n ? cells.v[k] : "", line + src_row,
			    budget, &cut);
		strvec_free(&cells);
	}
	if (ragged)
		diag_add(cx->dl, DIAG_WARNING, cx->name, line, 0,
		    "表格各行列数不一致：按 %zu 列排印，缺少的单元格留空，多出的"
		    "单元格未排印", ncols);
	if (cut)
		diag_add(cx->dl, DIAG_WARNING, cx->name, line, 0,
		    "表格单元格过长（%zu 列的表格每格至多 %zu 字），其余部分未排印",
		    ncols, budget);
	strvec_free(&head);
	strvec_free(&delim);
}

/* A fence line (``` or ~~~ after at most three spaces). */
static int
is_fence(struct line l)
{
	size_t i = 0;
	while (i < l.n && i < 3 && l.s[i] == ' ')
		i++;
	return l.n - i >= 3 && (memcmp(l.s + i, "```", 3) == 0 ||
	    memcmp(l.s + i, "~~~", 3) == 0);
}

static void
split_lines(const char *s, size_t len, struct line **v, size_t *n)
{
	size_t cap = 0;
	*v = NULL;
	*n = 0;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		*v = xgrow(*v, &cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = (struct line){ s + i, e - i };
		i = e + 1;
	}
}

/* Check the bytes: no NUL, valid UTF-8. Returns 1, or 0 with an error. */
static int
check_text(struct md_ctx *cx, const char *s, size_t len)
{
	if (len > BMD_MAX_BYTES) {
		diag_add(cx->dl, DIAG_ERROR, cx->name, 0, 0,
		    "评述文件过大（%zu 字节，上限 %d 字节）", len,
		    BMD_MAX_BYTES);
		return 0;
	}
	size_t ok = utf8_valid_prefix(s, len);
	const char *nul = memchr(s, '\0', len);
	if (ok == len && !nul)
		return 1;
	size_t at = nul && (size_t)(nul - s) < ok ? (size_t)(nul - s) : ok;
	size_t line = 1, col = 1;
	for (size_t i = 0; i < at; i++) {
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	diag_add(cx->dl, DIAG_ERROR, cx->name, line, col,
	    at == ok && ok < len ? "评述文件不是有效的 UTF-8 文本" :
	    "评述文件含有空字符（NUL），不是文本文件");
	return 0;
}

int
bulletin_md_parse(const char *name, const char *text, size_t len,
    struct bmd_doc *d, struct diag_list *dl)
{
	struct md_ctx cx = { name ? name : "(评述)", d, dl };
	memset(d, 0, sizeof *d);
	if (!check_text(&cx, text, len))
		return 0;
	struct line *ls;
	size_t n;
	split_lines(text, len, &ls, &n);
	size_t seg = 0;     /* first line of the pending cmark segment */
	int fenced = 0;
	for (size_t i = 0; i < n;) {
		if (is_fence(ls[i]))
			fenced = !fenced;
		struct strvec delim = { 0 };
		int table = !fenced && i + 1 < n && has_pipe(ls[i]) &&
		    !is_blank(ls[i]) && (i == 0 || is_blank(ls[i - 1]) ||
		    has_pipe(ls[i - 1]) == 0) && is_delim_row(ls[i + 1], &delim);
		strvec_free(&delim);
		if (!table) {
			i++;
			continue;
		}
		size_t end = i + 2;
		while (end < n && !is_blank(ls[end]) && has_pipe(ls[end]))
			end++;
		if (i > seg)
			parse_segment(&cx, ls[seg].s,
			    (size_t)(ls[i].s - ls[seg].s), seg);
		add_table(&cx, ls + i, end - i, i + 1);
		i = seg = end;
	}
	if (seg < n)
		parse_segment(&cx, ls[seg].s,
		    (size_t)(text + len - ls[seg].s), seg);
	free(ls);
	/* heading levels relative to the file's top level */
	int top = 7;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == BMD_HEADING && d->v[i].level < top)
			top = d->v[i].level;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].kind == BMD_HEADING) {
			int l = d->v[i].level - top + 1;
			d->v[i].level = l > 3 ? 3 : l;
		}
	return 1;
}
