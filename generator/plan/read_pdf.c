/*
 * read_pdf.c -- a PDF plan to paragraph lines (see read_pdf.h).
 *
 * poppler gives, per page, its text and one rectangle per character of
 * that text (top-left origin, points). Everything after that is ours:
 * lines from positions, not from poppler's reading order, because poppler
 * reads a table column by column and puts a page number wherever its
 * flow analysis lands it.
 */
#include "read_pdf.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "buf.h"
#include "cjk.h"
#include "plan_markers.h"
#include "util.h"

#define BAND 0.125           /* header and footer bands: this share of the page */
#define CELL_GAP 1.2         /* a gap of this many type sizes separates cells */

struct glyph {
	uint32_t cp;
	double x1, y1, x2, y2;
};

struct vline {
	struct strvec cells;
	double *cx;              /* left edge of each cell */
	double x1, x2, y1, y2;
	double size;             /* type size (points) */
	int page;
	int dropped;             /* a running header, footer or page number */
};

struct lines {
	struct vline *v;
	size_t n, cap;
};

int
pdf_is_pdf(const char *data, size_t len)
{
	size_t n = len < 1024 ? len : 1024;
	for (size_t i = 0; i + 5 <= n; i++)
		if (!memcmp(data + i, "%PDF-", 5))
			return 1;
	return 0;
}

/* ---- glyphs to visual lines ------------------------------------------- */

static int
cmp_ycenter(const void *a, const void *b)
{
	const struct glyph *g = a, *h = b;
	double ya = g->y1 + g->y2, yb = h->y1 + h->y2;
	return ya < yb ? -1 : ya > yb ? 1 : (g->x1 < h->x1 ? -1 : g->x1 > h->x1);
}

static int
cmp_x(const void *a, const void *b)
{
	const struct glyph *g = a, *h = b;
	return g->x1 < h->x1 ? -1 : g->x1 > h->x1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static int
is_latin(uint32_t cp)
{
	return cp < 0x3000 && cp > ' ';
}

/* One visual line from glyphs g[0..n) (sorted by x here). */
static void
make_line(struct glyph *g, size_t n, int page, struct lines *out)
{
	qsort(g, n, sizeof *g, cmp_x);
	/* The type size: a CJK character is one em wide (its box is as high
	 * as the font's line, which is more); without one, 0.7 of the height. */
	double *h = xmalloc(n * sizeof *h);
	size_t nw = 0;
	for (size_t i = 0; i < n; i++)
		if (cjk_is_wide(g[i].cp))
			h[nw++] = g[i].x2 - g[i].x1;
	if (!nw)
		for (size_t i = 0; i < n; i++)
			h[nw++] = 0.7 * (g[i].y2 - g[i].y1);
	qsort(h, nw, sizeof *h, cmp_double);
	double size = h[nw / 2] > 0.5 ? h[nw / 2] : 1;
	free(h);
	struct vline l = { .page = page, .size = size, .x1 = g[0].x1, .x2 = g[0].x2,
		.y1 = g[0].y1, .y2 = g[0].y2 };
	struct buf cell = {0};
	buf_puts(&cell, "");
	l.cx = xmalloc(n * sizeof *l.cx);
	l.cx[0] = g[0].x1;
	for (size_t i = 0; i < n; i++) {
		if (i) {
			double gap = g[i].x1 - g[i - 1].x2;
			if (gap > CELL_GAP * size) {
				cjk_trim(cell.data);
				strvec_push(&l.cells, cell.data);
				l.cx[l.cells.n] = g[i].x1;
				buf_truncate(&cell, 0);
			} else if (gap > 0.2 * size && is_latin(g[i].cp) && is_latin(g[i - 1].cp)) {
				buf_putc(&cell, ' ');
			}
		}
		utf8_put(&cell, g[i].cp);
		l.x2 = g[i].x2 > l.x2 ? g[i].x2 : l.x2;
		l.y1 = g[i].y1 < l.y1 ? g[i].y1 : l.y1;
		l.y2 = g[i].y2 > l.y2 ? g[i].y2 : l.y2;
	}
	cjk_trim(cell.data);
	strvec_push(&l.cells, cell.data);
	buf_free(&cell);
	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof *out->v);
	out->v[out->n++] = l;
}

/* The page's glyphs (spaces and line breaks left out: positions say where
 * words and lines part) grouped into lines, top to bottom. */
static size_t
page_lines(PopplerPage *page, int pno, struct lines *out)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint nr = 0;
	if (!text || !poppler_page_get_text_layout(page, &rects, &nr)) {
		g_free(text);
		g_free(rects);
		return 0;
	}
	struct glyph *g = xmalloc((nr + 1) * sizeof *g);
	size_t n = 0, len;
	const char *p = text, *end = text + strlen(text);
	for (guint i = 0; i < nr && p < end; i++) {
		uint32_t cp = utf8_decode(p, (size_t)(end - p), &len);
		p += len ? len : 1;
		if (cp <= ' ' || cp == 0x3000 || cp == 0xA0 || cp == 0xFFFD)
			continue;
		PopplerRectangle *r = &rects[i];
		if (!(r->x2 >= r->x1 && r->y2 > r->y1) || !isfinite(r->x1) || !isfinite(r->y1))
			continue;
		g[n++] = (struct glyph){ cp, r->x1, r->y1, r->x2, r->y2 };
	}
	g_free(rects);
	g_free(text);
	if (n)
		qsort(g, n, sizeof *g, cmp_ycenter);
	/* a glyph whose vertical centre lies inside the current line belongs
	 * to it (a subscript does; the next line's glyphs do not) */
	size_t start = 0;
	double bottom = 0;
	for (size_t i = 0; i < n; i++) {
		double yc = (g[i].y1 + g[i].y2) / 2;
		if (i > start && yc > bottom) {
			make_line(g + start, i - start, pno, out);
			start = i;
		}
		if (i == start || g[i].y2 > bottom)
			bottom = g[i].y2;
	}
	if (n > start)
		make_line(g + start, n - start, pno, out);
	free(g);
	return n;
}

/* ---- running headers, footers, page numbers ------------------------------ */

/* The line as one string, cells joined by a space. */
static char *
line_text(const struct vline *l)
{
	struct buf b = {0};
	buf_puts(&b, "");
	for (size_t i = 0; i < l->cells.n; i++) {
		if (i)
			buf_putc(&b, ' ');
		buf_puts(&b, l->cells.v[i]);
	}
	return buf_detach(&b);
}

/* "— 9 —", "-9-", "－9－", "第9页", "第 9 页 共 12 页", "9/12", "9", "·9·". */
static int
is_page_number(const char *s)
{
	struct buf b = {0};
	buf_puts(&b, "");
	size_t len;
	for (const char *p = s; *p; p += len) {
		uint32_t cp = utf8_decode(p, strlen(p), &len);
		if (!len)
			len = 1;
		if (!cjk_is_space(cp))
			buf_put(&b, p, len);
	}
	const char *t = b.data;
	static const char *const dashes = "—–-－―─·•";
	size_t k;
	while ((k = cjk_starts_any(t, dashes)) > 0)
		t += k;
	if (str_starts(t, "第"))
		t += strlen("第");
	int digits = 0;
	while (*t >= '0' && *t <= '9') {
		t++;
		digits++;
	}
	if (digits && *t == '/') {
		t++;
		while (*t >= '0' && *t <= '9')
			t++;
	}
	if (str_starts(t, "页"))
		t += strlen("页");
	if (str_starts(t, "共")) {
		t += strlen("共");
		while (*t >= '0' && *t <= '9')
			t++;
		if (str_starts(t, "页"))
			t += strlen("页");
	}
	while ((k = cjk_starts_any(t, dashes)) > 0)
		t += k;
	int ok = digits > 0 && digits <= 4 && *t == '\0';
	buf_free(&b);
	return ok;
}

/* The text with digits and spaces left out: a running header's key. */
static char *
recurring_key(const struct vline *l)
{
	char *s = line_text(l);
	size_t w = 0;
	for (size_t r = 0; s[r]; r++)
		if (!(s[r] >= '0' && s[r] <= '9') && s[r] != ' ')
			s[w++] = s[r];
	s[w] = '\0';
	return s;
}

static void
drop_furniture(struct lines *L, const double *page_h, int n_pages)
{
	/* candidates: lines in the top or bottom band of their page */
	char *cand = xcalloc(L->n + 1, 1);
	char **key = xcalloc(L->n + 1, sizeof *key);
	for (size_t i = 0; i < L->n; i++) {
		struct vline *l = &L->v[i];
		double h = page_h[l->page];
		cand[i] = l->y2 < BAND * h || l->y1 > (1 - BAND) * h;
		if (!cand[i])
			continue;
		char *t = line_text(l);
		if (is_page_number(t))
			l->dropped = 1;
		free(t);
		key[i] = recurring_key(l);
	}
	/* a band line whose text, digits aside, recurs in the bands of other
	 * pages (at least two, and half of them) is a running header/footer */
	for (size_t i = 0; i < L->n; i++) {
		if (!cand[i] || L->v[i].dropped || !*key[i])
			continue;
		int pages = 0, last = -1;
		for (size_t j = 0; j < L->n; j++)
			if (cand[j] && L->v[j].page != last && !strcmp(key[i], key[j])) {
				pages++;
				last = L->v[j].page;
			}
		if (pages >= 2 && pages * 2 >= n_pages)
			L->v[i].dropped = 1;
	}
	for (size_t i = 0; i < L->n; i++)
		free(key[i]);
	free(key);
	free(cand);
}

/* ---- lines to paragraphs ---------------------------------------------------- */

/* The text column's left (right = 0) or right edge: the smallest left or
 * largest right end, in whole points, that at least two lines share (one
 * stray line does not move the margin; a first-line indent, a centred
 * title or a short last line never reach it). */
static double
margin_of(const struct lines *L, int right)
{
	enum { MAXX = 4096 };
	unsigned *cnt = xcalloc(MAXX, sizeof *cnt);
	for (size_t i = 0; i < L->n; i++) {
		const struct vline *l = &L->v[i];
		double x = right ? l->x2 : l->x1;
		if (l->dropped || l->cells.n > 1 || !(x >= 0 && x < MAXX))
			continue;
		cnt[(size_t)lround(x) < MAXX ? (size_t)lround(x) : MAXX - 1]++;
	}
	double edge = right ? 0 : MAXX;
	for (size_t k = 0; k < MAXX; k++)
		if (cnt[k] >= 2 && (right ? (double)k > edge : (double)k < edge))
			edge = (double)k;
	if (edge == 0 || edge == MAXX) {      /* no two lines agree: the extreme */
		for (size_t k = 0; k < MAXX; k++)
			if (cnt[k] && (right ? (double)k > edge || edge == MAXX : (double)k < edge))
				edge = (double)k;
	}
	free(cnt);
	return edge;
}

static void
append_joined(struct buf *b, const char *s)
{
	if (b->len && *s) {
		size_t k = b->len - 1;
		if ((unsigned char)b->data[k] < 0x80 && isalnum((unsigned char)b->data[k]) &&
		    (unsigned char)*s < 0x80 && isalnum((unsigned char)*s))
			buf_putc(b, ' ');
	}
	buf_puts(b, s);
}

static void
flush_para(struct buf *para, struct plines *out)
{
	if (para->len)
		plines_push(out, para->data, PLINE_PARA);
	buf_truncate(para, 0);
}

/* Do two split lines share a column: a cell after the first starting at
 * the same x in both? */
static int
columns_align(const struct vline *a, const struct vline *b)
{
	for (size_t i = 1; i < a->cells.n; i++)
		for (size_t j = 1; j < b->cells.n; j++)
			if (fabs(a->cx[i] - b->cx[j]) < 0.5 * a->size)
				return 1;
	return 0;
}

/* A line with gaps is a table row when a neighbouring line has gaps in
 * the same columns; alone, it is a justified line whose few spaces were
 * stretched (a line holding "到 2025 年"), and its cells go back together. */
static void
find_rows(struct lines *L)
{
	size_t prev = (size_t)-1;
	char *row = xcalloc(L->n + 1, 1);
	for (size_t i = 0; i < L->n; i++) {
		if (L->v[i].dropped)
			continue;
		if (prev != (size_t)-1 && L->v[i].cells.n > 1 && L->v[prev].cells.n > 1 &&
		    columns_align(&L->v[i], &L->v[prev]))
			row[i] = row[prev] = 1;
		prev = i;
	}
	for (size_t i = 0; i < L->n; i++) {
		struct vline *l = &L->v[i];
		if (row[i] || l->cells.n < 2)
			continue;
		struct buf b = {0};
		buf_puts(&b, "");
		for (size_t c = 0; c < l->cells.n; c++)
			append_joined(&b, l->cells.v[c]);
		strvec_free(&l->cells);
		strvec_push(&l->cells, b.data);
		buf_free(&b);
	}
	free(row);
}

static void
paragraphs(struct lines *L, struct plines *out)
{
	find_rows(L);
	double left = margin_of(L, 0), right = margin_of(L, 1);
	struct buf para = {0};
	const struct vline *prev = NULL;
	for (size_t i = 0; i < L->n; i++) {
		const struct vline *l = &L->v[i];
		if (l->dropped)
			continue;
		if (l->cells.n > 1) {
			flush_para(&para, out);
			struct buf row = {0};
			buf_putc(&row, '|');
			for (size_t c = 0; c < l->cells.n; c++) {
				for (const char *s = l->cells.v[c]; *s; s++)
					if (*s == '|')
						buf_puts(&row, "｜");
					else
						buf_putc(&row, *s);
				buf_putc(&row, '|');
			}
			plines_push(out, row.data, PLINE_ROW);
			buf_free(&row);
			prev = l;
			continue;
		}
		const char *s = l->cells.v[0];
		double sz = l->size;
		int starts = !prev || prev->cells.n > 1 ||
		    marker_at(s, NULL, NULL) != MARKER_NONE ||
		    l->x1 > left + 0.8 * sz ||                /* indented first line */
		    prev->x2 < right - 1.0 * sz ||            /* the previous one ended short */
		    fabs(prev->size - sz) > 0.2 * sz;         /* another type size */
		if (starts)
			flush_para(&para, out);
		append_joined(&para, s);
		prev = l;
	}
	flush_para(&para, out);
	buf_free(&para);
}

/* ---- the document --------------------------------------------------------------- */

static void
lines_free(struct lines *L)
{
	for (size_t i = 0; i < L->n; i++) {
		strvec_free(&L->v[i].cells);
		free(L->v[i].cx);
	}
	free(L->v);
}

int
pdf_read(const char *path, const char *data, size_t len, struct plines *out,
    struct diag_list *dl)
{
	GError *err = NULL;
	GBytes *bytes = g_bytes_new_static(data, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &err);
	if (!doc) {
		int encrypted = err && err->domain == POPPLER_ERROR &&
		    err->code == POPPLER_ERROR_ENCRYPTED;
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s",
		    encrypted ? "PDF 文件已加密（设有打开密码），无法读取：请取消密码后另存，"
		        "或用 WPS 或 Word 打开后“另存为” .docx 格式再放入" :
		        "PDF 文件已损坏，无法读取：请重新导出 PDF，或用 WPS 或 Word 打开后“另存为” .docx 格式再放入");
		if (err)
			g_error_free(err);
		g_bytes_unref(bytes);
		return 0;
	}
	int n_pages = poppler_document_get_n_pages(doc);
	int ok = 1;
	if (n_pages <= 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "PDF 文件已损坏，无法读取：没有任何页面");
		ok = 0;
	} else if (n_pages > PDF_MAX_PAGES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "PDF 文件页数过多（%d 页，上限 %d 页）", n_pages,
		    PDF_MAX_PAGES);
		ok = 0;
	}
	struct lines L = {0};
	double *page_h = xcalloc((size_t)(n_pages > 0 ? n_pages : 1), sizeof *page_h);
	size_t glyphs = 0;
	for (int i = 0; ok && i < n_pages; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		double w, h;
		poppler_page_get_size(page, &w, &h);
		page_h[i] = h;
		glyphs += page_lines(page, i, &L);
		g_object_unref(page);
	}
	/* a scanned plan has pictures of pages and no text to speak of */
	if (ok && glyphs < 20 * (size_t)n_pages) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "这个 PDF 没有文字层（是扫描件或图片），无法读取文字：请找方案的 Word 原件或"
		    "文字版 PDF，或先用 OCR 文字识别后另存为 .docx 再放入");
		ok = 0;
	}
	if (ok) {
		drop_furniture(&L, page_h, n_pages);
		paragraphs(&L, out);
	}
	lines_free(&L);
	free(page_h);
	g_object_unref(doc);
	g_bytes_unref(bytes);
	return ok;
}
