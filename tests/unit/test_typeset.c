/*
 * test_typeset.c -- the typesetter (typeset*.c) against GB/T 9704-2012 and
 * issue 5: A4 pages, 28 characters by 22 lines, page count of a known
 * flow, the Chinese line-breaking rules on adversarial strings at the
 * 28-character width (asserting the real line starts and ends), headings
 * kept with the next line, tables split between rows with caption
 * "（续）" and header rows repeated, a row taller than a page refused in
 * Chinese, figures, outline, metadata, internal links, byte-identical
 * output (twice, under another TZ), and with poppler-utils when present:
 * fonts embedded as subsets (pdffonts), the text extractable (pdftotext)
 * with the header row on page 2.
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "typeset.h"
#include "typeset_flow.h"
#include "typeset_int.h"
#include "util.h"

static struct fonts *fonts;
static char tmpdir[] = "/tmp/test_typeset.XXXXXX";

static void
suite_setup(void)
{
	fonts = lt_fonts_open();
	ck_assert_ptr_nonnull(fonts);
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
suite_teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	lt_fonts_close(fonts);
}

static const struct ts_meta meta = {
	"南召县大气污染防治攻坚战2024年5月工作通报", "南召县大气污染防治攻坚战领导小组办公室",
	"大气污染防治工作通报", "蓝天 通报", "lantian 0.1.0",
	1717113600 /* 2024-05-31T00:00:00Z */
};

/* n CJK characters cycling through a fixed set (no punctuation). */
static char *
cjk(size_t n)
{
	static const char *const set[] = { "大", "气", "污", "染", "防", "治",
		"攻", "坚", "战", "蓝", "天" };
	struct buf b = { 0 };

	for (size_t i = 0; i < n; i++)
		buf_puts(&b, set[i % 11]);
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

static int
render(struct ts_doc *d, struct buf *out, struct diag_list *dl)
{
	int pages = ts_doc_pdf(d, out, dl);
	if (pages == 0)
		diag_print(dl, stderr);
	return pages;
}

/* Write b to a file in tmpdir; static path. */
static const char *
save(const struct buf *b, const char *name)
{
	static char path[PATH_MAX];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(b->data, 1, b->len, fp), b->len);
	fclose(fp);
	return path;
}

/* The PDF tools are part of the test set (poppler-utils, installed by
 * make deps-test): a missing one fails the test, never skips it. */
static void
require_tool(const char *tool)
{
	char *cmd = xasprintf("command -v %s >/dev/null 2>&1", tool);
	int ok = system(cmd) == 0;
	free(cmd);
	ck_assert_msg(ok, "%s missing: install poppler-utils (make deps-test)",
	    tool);
}

/* Run cmd and return its stdout (caller frees). */
static char *
run(const char *cmd)
{
	struct buf b = { 0 };
	char chunk[4096];
	size_t n;
	FILE *p = popen(cmd, "r");

	ck_assert_ptr_nonnull(p);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_put(&b, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

/* pdftotext of one page (1-based). */
static char *
page_text(const char *pdf, int page)
{
	char *cmd, *out;

	require_tool("pdftotext");
	cmd = xasprintf("pdftotext -enc UTF-8 -f %d -l %d '%s' -", page, page,
	    pdf);
	out = run(cmd);
	free(cmd);
	return out;
}

/* Remove newlines and spaces in place; returns s. */
static char *
squeeze(char *s)
{
	char *o = s;

	for (char *p = s; *p; p++)
		if (*p != '\n' && *p != ' ' && *p != '\f')
			*o++ = *p;
	*o = '\0';
	return s;
}

/* 1 when pdfinfo's output has the line "key:   value". */
static int
info_is(const char *info, const char *key, const char *value)
{
	size_t kl = strlen(key), vl = strlen(value);

	for (const char *l = info; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *v = l + kl + 1;
		if (strncmp(l, key, kl) != 0 || l[kl] != ':')
			continue;
		while (*v == ' ')
			v++;
		if (strncmp(v, value, vl) == 0 && (v[vl] == '\n' || !v[vl]))
			return 1;
		fprintf(stderr, "pdfinfo %s: %.*s\n", key, (int)strcspn(v, "\n"), v);
		return 0;
	}
	return 0;
}

static size_t
count_sub(const char *hay, size_t len, const char *needle)
{
	size_t n = 0, nl = strlen(needle);

	for (size_t i = 0; i + nl <= len; i++)
		if (memcmp(hay + i, needle, nl) == 0)
			n++;
	return n;
}

/* ---- the page ------------------------------------------------------ */

START_TEST(a4_geometry)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct buf out = { 0 };
	struct diag_list dl = { 0 };
	const char *mb;
	double x0, y0, x1, y1;

	ts_para(d, "正文。", 0);
	ck_assert_int_eq(render(d, &out, &dl), 1);
	mb = memmem(out.data, out.len, "/MediaBox [", 11);
	ck_assert_ptr_nonnull(mb);
	ck_assert_int_eq(sscanf(mb, "/MediaBox [ %lf %lf %lf %lf", &x0, &y0,
	    &x1, &y1), 4);
	ck_assert(fabs(x1 - x0 - 595.276) < 0.01);
	ck_assert(fabs(y1 - y0 - 841.890) < 0.01);
	/* The text block of the standard: 156 mm x 225 mm. */
	ck_assert(fabs(ts_text_width_pt() - 156 * 72 / 25.4) < 1e-9);
	ck_assert(fabs(ts_body_height_pt() - 225 * 72 / 25.4) < 1e-9);
	/* 28 characters of 16 pt plus the spacing fill the width. */
	double adv = ts_body_char_advance();
	ck_assert(28 * adv - (double)ts_body_letter_spacing() / PANGO_SCALE
	    <= ts_text_width_pt() + 1e-9);
	ck_assert(28 * adv > ts_text_width_pt() - 0.01 - adv);
	ts_doc_free(d);
	buf_free(&out);
	diag_free(&dl);
}
END_TEST

/* Lay d out into boxes and pages without drawing. */
struct laid {
	PangoFontMap *fm;
	PangoContext *pc;
	struct ts_flow fl;
	struct ts_places pl;
	int ok;
};

static void
lay(struct laid *l, struct ts_doc *d, struct diag_list *dl)
{
	memset(l, 0, sizeof *l);
	l->fm = pangofonts_map(fonts);
	l->pc = pangofonts_context(l->fm, NULL);
	l->fl.pc = l->pc;
	l->fl.dl = dl;
	ts_flow_build(&l->fl, d);
	l->ok = ts_paginate(&l->fl.boxes, &l->pl, dl);
}

static void
unlay(struct laid *l)
{
	free(l->pl.v);
	ts_flow_free(&l->fl);
	g_object_unref(l->pc);
	g_object_unref(l->fm);
}

static size_t
lines_on_page(const struct laid *l, int page)
{
	size_t n = 0;

	for (size_t i = 0; i < l->pl.n; i++)
		if (l->pl.v[i].page == page && l->pl.v[i].b->kind == BX_LINE)
			n++;
	return n;
}

START_TEST(grid_28_by_22)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct diag_list dl = { 0 };
	struct laid l;
	/* 28 x 22 x 2 + 5 characters without indent: 44 full lines, then 5
	 * characters on a third page. */
	char *s = cjk(28 * 22 * 2 + 5);

	ts_para(d, s, TS_NOINDENT);
	lay(&l, d, &dl);
	ck_assert(l.ok);
	ck_assert_int_eq(l.pl.npages, 3);
	ck_assert_uint_eq(lines_on_page(&l, 0), 22);
	ck_assert_uint_eq(lines_on_page(&l, 1), 22);
	ck_assert_uint_eq(lines_on_page(&l, 2), 1);
	/* Every full line holds exactly 28 characters and fills the width. */
	for (size_t i = 0; i < l.pl.n; i++) {
		const struct ts_box *b = l.pl.v[i].b;
		if (i + 1 == l.pl.n)
			break;
		ck_assert_int_eq(g_utf8_strlen(pango_layout_get_text(
		    b->tx->layout) + b->line->start_index, b->line->length), 28);
		PangoRectangle r;
		pango_layout_line_get_extents(b->line, NULL, &r);
		ck_assert_msg(fabs((double)r.width / PANGO_SCALE - TS_TEXT_W) < 0.05,
		    "line %zu width %.3f", i, (double)r.width / PANGO_SCALE);
	}
	unlay(&l);
	free(s);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(page_count_known_flow)
{
	struct diag_list dl = { 0 };
	struct buf out = { 0 };

	/* 66 one-line paragraphs: 3 full pages; one more starts a fourth; a
	 * page break on an empty page adds nothing; space at the top of a
	 * page is dropped. */
	for (int extra = 0; extra < 2; extra++) {
		struct ts_doc *d = ts_doc_new(fonts, &meta);
		for (int i = 0; i < 66 + extra; i++) {
			ts_para(d, "一行正文。", 0);
			if (i == 21)
				ts_space(d, 1);
		}
		ck_assert_int_eq(render(d, &out, &dl), 3 + extra);
		ts_page_break(d);
		ts_page_break(d);
		ts_para(d, "分页后的正文。", 0);
		buf_truncate(&out, 0);
		ck_assert_int_eq(render(d, &out, &dl), 4 + extra);
		ts_doc_free(d);
		buf_truncate(&out, 0);
	}
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	buf_free(&out);
	diag_free(&dl);
}
END_TEST

START_TEST(heading_keeps_with_next)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct diag_list dl = { 0 };
	struct laid l;

	for (int i = 0; i < 21; i++)
		ts_para(d, "一行正文。", 0);
	/* Line 22 would be the heading alone at the bottom. */
	ts_heading(d, 1, "一、总体要求", NULL);
	ts_para(d, "标题后的第一段。", 0);
	lay(&l, d, &dl);
	ck_assert_int_eq(l.pl.npages, 2);
	ck_assert_uint_eq(lines_on_page(&l, 0), 21);
	ck_assert_uint_eq(lines_on_page(&l, 1), 2);
	for (size_t i = 0; i < l.pl.n; i++)
		if (l.pl.v[i].b->heading_start) {
			ck_assert_int_eq(l.pl.v[i].page, 1);
			ck_assert(l.pl.v[i].y == 0);
		}
	unlay(&l);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

/* ---- line breaking -------------------------------------------------- */

/* Lay text out as a body paragraph (indent or not) and check every line:
 * no line starts with closing punctuation or ends with opening
 * punctuation, every line but the last fills the width, and the tokens
 * in keep[] each lie on one line. Returns the number of lines. */
static int
check_breaks(const char *text, int indent, const char *const *keep)
{
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_BODY_PT);
	struct diag_list dl = { 0 };
	struct ts_text tx;
	char *markup = g_markup_escape_text(text, -1);
	int n;

	ck_assert(ts_text_make(&tx, pc, markup, fd, TS_TEXT_W,
	    ts_body_letter_spacing(), &dl));
	pango_layout_set_justify(tx.layout, TRUE);
	if (indent)
		pango_layout_set_indent(tx.layout,
		    (int)(2 * ts_body_char_advance() * PANGO_SCALE));
	n = pango_layout_get_line_count(tx.layout);
	const char *t = pango_layout_get_text(tx.layout);
	for (int i = 0; i < n; i++) {
		PangoLayoutLine *ln = pango_layout_get_line_readonly(tx.layout, i);
		const char *s = t + ln->start_index, *e = s + ln->length;
		gunichar first = g_utf8_get_char(s);
		gunichar last = g_utf8_get_char(g_utf8_prev_char(e));
		ck_assert_msg(!ts_no_line_start(first),
		    "line %d starts with %.*s", i, (int)ln->length, s);
		ck_assert_msg(!ts_no_line_end(last) || i == n - 1,
		    "line %d ends with opening punctuation: %.*s", i,
		    (int)ln->length, s);
		if (i < n - 1) {
			PangoRectangle r;
			pango_layout_line_get_extents(ln, NULL, &r);
			double w = (double)r.width / PANGO_SCALE +
			    (i == 0 && indent ? 2 * ts_body_char_advance() : 0);
			ck_assert_msg(fabs(w - TS_TEXT_W) < 0.05,
			    "line %d not justified: %.3f pt: %.*s", i, w,
			    (int)ln->length, s);
		}
		for (const char *const *k = keep; k && *k; k++) {
			const char *hit = strstr(t, *k);
			ck_assert_ptr_nonnull(hit);
			size_t a = (size_t)(hit - t), b = a + strlen(*k);
			size_t ls = (size_t)ln->start_index;
			size_t le = ls + (size_t)ln->length;
			ck_assert_msg(!(a < ls && b > ls) && !(a < le && b > le),
			    "“%s” split at line %d: %.*s", *k, i,
			    (int)ln->length, s);
		}
	}
	g_free(markup);
	ts_text_free(&tx);
	pango_font_description_free(fd);
	g_object_unref(pc);
	g_object_unref(fm);
	diag_free(&dl);
	return n;
}

/* Every closing mark of the standard and of full width, put where the
 * 29th character goes (the first of line 2) with and without the first
 * line's indent, alone and in runs such as 。”）. */
START_TEST(kinsoku_closing)
{
	static const char *const closers[] = {
		"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』",
		"】", "〕", "”", "’", "…", "……", "％", "．", "］", "｝", "〉",
		"。”", "。”）", "！）", "》，", "’”", "）。", ",", ".", ")", "%",
		"‰", "℃", "·", NULL
	};
	for (int indent = 0; indent < 2; indent++)
		for (const char *const *c = closers; *c; c++) {
			char *head = cjk(indent ? 26 : 28);
			char *tail = cjk(40);
			char *s = xasprintf("%s%s%s", head, *c, tail);
			ck_assert_int_ge(check_breaks(s, indent, NULL), 2);
			free(s);
			free(head);
			free(tail);
		}
}
END_TEST

START_TEST(kinsoku_opening)
{
	static const char *const openers[] = {
		"（", "《", "「", "『", "【", "〔", "“", "‘", "［", "〈", "｛",
		"《“", "（“", "(", "[", NULL
	};
	/* The opening mark as the 28th character (the last of line 1), and as
	 * the 27th followed by another opening mark. */
	for (int indent = 0; indent < 2; indent++)
		for (const char *const *o = openers; *o; o++)
			for (int back = 0; back < 2; back++) {
				size_t n = (indent ? 25 : 27) - (size_t)back;
				char *head = cjk(n);
				char *tail = cjk(40);
				char *s = xasprintf("%s%s%s%s", head, *o,
				    back ? "《" : "", tail);
				ck_assert_int_ge(check_breaks(s, indent, NULL),
				    2);
				free(s);
				free(head);
				free(tail);
			}
}
END_TEST

/* Latin, digits and units across the end of the first line at every
 * offset: PM2.5, µg/m³, 12.5%, 2024, SO2 stay whole. */
START_TEST(mixed_latin_units)
{
	static const char *const keep[] = { "PM2.5", "µg/m³", "12.5%",
		"2024", "O3-8h", NULL };
	for (size_t off = 18; off <= 28; off++) {
		char *head = cjk(off);
		char *s = xasprintf("%sPM2.5平均浓度为35µg/m³，同比下降12.5%%，"
		    "2024年O3-8h第90百分位数达标。%s", head, head);
		check_breaks(s, 0, keep);
		free(s);
		free(head);
	}
}
END_TEST

/* Adversarial runs: nothing but punctuation, one long Latin word, an
 * empty paragraph: no crash, lines still within the width. */
START_TEST(adversarial_strings)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct buf out = { 0 };
	struct diag_list dl = { 0 };
	struct buf s = { 0 };

	for (int i = 0; i < 80; i++)
		buf_puts(&s, "，");
	ts_para(d, s.data, 0);
	buf_truncate(&s, 0);
	for (int i = 0; i < 200; i++)
		buf_putc(&s, 'A' + i % 26);
	ts_para(d, s.data, 0);
	ts_para(d, "", 0);
	ts_para_markup(d, "<b>未闭合", 0);
	ck_assert_int_ge(render(d, &out, &dl), 1);
	/* Broken markup is reported in Chinese and set as text. */
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "排版标记有误"));
	buf_free(&s);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

/* ---- tables and figures -------------------------------------------- */

static struct ts_doc *
table_doc(size_t rows, const char *long_cell)
{
	static const double w[4] = { 0.8, 3, 3, 1.2 };
	static const unsigned cf[4] = { TS_CELL_CENTER, 0, 0, TS_CELL_RIGHT };
	static const char *const hdr[4] = { "序号", "任务名称", "牵头单位", "完成率" };
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct ts_table *t;

	ts_heading(d, 1, "一、任务进展", NULL);
	ts_para(d, "各单位任务进展情况见下表。", 0);
	t = ts_table_new(d, 4, w, cf, "表1 任务进展情况", 0);
	ts_table_header(t, hdr);
	for (size_t r = 0; r < rows; r++) {
		char num[24], pct[24];
		snprintf(num, sizeof num, "%zu", r + 1);
		snprintf(pct, sizeof pct, "%zu.5%%", r % 100);
		const char *row[4] = { num, "淘汰燃煤锅炉",
		    r == 3 && long_cell ? long_cell : "县生态环境局", pct };
		ts_table_row(t, row);
	}
	ts_table_end(t);
	ts_para(d, "表后正文。", 0);
	return d;
}

START_TEST(table_splits_with_header)
{
	struct ts_doc *d = table_doc(60, NULL);
	struct diag_list dl = { 0 };
	struct laid l;
	int pages;

	lay(&l, d, &dl);
	ck_assert(l.ok);
	pages = l.pl.npages;
	ck_assert_int_ge(pages, 3);
	/* Each page after the first begins with the "（续）" caption and the
	 * header row; body rows are in order, each exactly once. */
	size_t next_row = 1;
	for (int p = 1; p < pages; p++) {
		const struct ts_place *first = NULL, *second = NULL;
		for (size_t i = 0; i < l.pl.n; i++)
			if (l.pl.v[i].page == p) {
				if (!first)
					first = &l.pl.v[i];
				else if (!second) {
					second = &l.pl.v[i];
					break;
				}
			}
		ck_assert_ptr_nonnull(second);
		if (first->b->kind != BX_LAYOUT)
			continue; /* the text after the table */
		ck_assert_ptr_eq(first->b, &first->b->tl->cap_cont_box);
		ck_assert_int_eq(second->b->kind, BX_ROW);
		ck_assert_uint_eq(second->b->row, 0);
	}
	for (size_t i = 0; i < l.pl.n; i++) {
		const struct ts_box *b = l.pl.v[i].b;
		if (b->kind == BX_ROW && b->row > 0) {
			ck_assert_uint_eq(b->row, next_row);
			next_row++;
		}
		/* No row crosses the bottom of the body. */
		ck_assert(l.pl.v[i].y + b->h <= TS_BODY_H + 1e-6);
	}
	ck_assert_uint_eq(next_row, 61);
	unlay(&l);

	/* The same through the PDF: pdftotext of page 2 shows the header. */
	struct buf out = { 0 };
	ck_assert_int_eq(render(d, &out, &dl), pages);
	const char *path = save(&out, "table.pdf");
	char *p2 = page_text(path, 2);
	ck_assert_msg(strstr(p2, "表1 任务进展情况（续）"), "%s", p2);
	ck_assert_ptr_nonnull(strstr(p2, "牵头单位"));
	ck_assert_ptr_nonnull(strstr(p2, "完成率"));
	ck_assert_ptr_nonnull(strstr(squeeze(p2), "—2—"));
	free(p2);
	char *p1 = page_text(path, 1);
	ck_assert_ptr_null(strstr(p1, "（续）"));
	ck_assert_ptr_nonnull(strstr(squeeze(p1), "—1—"));
	free(p1);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(table_long_cell_wraps)
{
	/* An 80-character unit name wraps inside its column. */
	char *unit = cjk(80);
	struct ts_doc *d = table_doc(5, unit);
	struct diag_list dl = { 0 };
	struct laid l;

	lay(&l, d, &dl);
	ck_assert(l.ok);
	const struct ts_tlay *tl = &l.fl.tlays[0];
	const struct ts_text *cell = &tl->cells[4 * 4 + 2];
	ck_assert_int_ge(pango_layout_get_line_count(cell->layout), 5);
	int w;
	pango_layout_get_size(cell->layout, &w, NULL);
	ck_assert((double)w / PANGO_SCALE <= tl->colw[2]);
	ck_assert(tl->rowh[4] > tl->rowh[3] * 3);
	unlay(&l);
	free(unit);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(table_row_taller_than_page)
{
	char *unit = cjk(3000);
	struct ts_doc *d = table_doc(5, unit);
	struct diag_list dl = { 0 };
	struct buf out = { 0 };

	ck_assert_int_eq(ts_doc_pdf(d, &out, &dl), 0);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_msg(strstr(dl.v[0].msg, "表格“表1 任务进展情况”第 4 行") &&
	    strstr(dl.v[0].msg, "超过一页版心高度"), "%s", dl.v[0].msg);
	free(unit);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

struct fig_seen {
	int calls;
	double w, h;
	int have_pc;
};

static void
draw_fig(cairo_t *cr, PangoContext *pc, double w, double h, const void *ctx)
{
	struct fig_seen *s = (struct fig_seen *)ctx;

	s->calls++;
	s->w = w;
	s->h = h;
	s->have_pc = pc != NULL;
	cairo_rectangle(cr, 0, 0, w, h);
	cairo_stroke(cr);
	PangoLayout *l = pango_layout_new(pc);
	pango_layout_set_text(l, "图中标注", -1);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

START_TEST(figure_never_split)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct fig_seen seen = { 0 };
	struct diag_list dl = { 0 };
	struct buf out = { 0 };

	for (int i = 0; i < 18; i++)
		ts_para(d, "一行正文。", 0);
	/* 60 mm does not fit in the 4 lines left: the figure moves. */
	ts_figure(d, 500, 60, draw_fig, &seen, "图1 空气质量日历");
	ck_assert_int_eq(render(d, &out, &dl), 2);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert(fabs(seen.w - TS_TEXT_W) < 1e-9); /* clipped to the width */
	ck_assert(fabs(seen.h - 60 * TS_MM) < 1e-9);
	ck_assert(seen.have_pc);
	const char *path = save(&out, "fig.pdf");
	char *p2 = page_text(path, 2);
	ck_assert_ptr_nonnull(strstr(p2, "图1 空气质量日历"));
	ck_assert_ptr_nonnull(strstr(p2, "图中标注"));
	free(p2);
	ts_figure(d, 100, 300, draw_fig, &seen, NULL);
	buf_truncate(&out, 0);
	ck_assert_int_eq(ts_doc_pdf(d, &out, &dl), 0);
	ck_assert_ptr_nonnull(strstr(dl.v[dl.n - 1].msg, "插图高"));
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

/* ---- the PDF -------------------------------------------------------- */

static struct ts_doc *
full_doc(void)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	char *link = ts_link_markup("overdue",
	    "<span foreground=\"#1f4e8c\">逾期任务清单</span>");
	char *para = xasprintf("详见%s。PM2.5平均浓度为35µg/m³，同比下降12.5%%。",
	    link);

	ts_title(d, "南召县大气污染防治攻坚战2024年5月工作通报");
	ts_subtitle(d, "南召县大气污染防治攻坚战领导小组办公室 2024年5月31日");
	ts_heading(d, 1, "一、空气质量", NULL);
	ts_para_markup(d, para, 0);
	ts_heading(d, 2, "（一）细颗粒物", NULL);
	ts_para(d, "本月细颗粒物浓度同比下降。", 0);
	ts_heading(d, 1, "二、任务进展", NULL);
	ts_heading(d, 2, "（一）逾期任务", "overdue");
	ts_para(d, "县工业和信息化局牵头的任务逾期。", TS_SMALL);
	ts_para(d, "南召县大气污染防治攻坚战领导小组办公室", TS_RIGHT);
	free(link);
	free(para);
	return d;
}

START_TEST(outline_metadata_links)
{
	struct ts_doc *d = full_doc();
	struct diag_list dl = { 0 };
	struct buf out = { 0 };

	ck_assert_int_eq(render(d, &out, &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	/* Outline: the catalog points to it; one item per heading (4). */
	ck_assert_uint_eq(count_sub(out.data, out.len, "/Type /Outlines"), 1);
	ck_assert_uint_eq(count_sub(out.data, out.len, "/Parent"), 4 + 1);
	/* Nested: two first-level items under the root, each with one
	 * child. */
	ck_assert_uint_ge(count_sub(out.data, out.len, "/Count"), 3);
	/* One link annotation to a named destination. */
	ck_assert_uint_eq(count_sub(out.data, out.len, "/Subtype /Link"), 1);
	ck_assert_uint_ge(count_sub(out.data, out.len, "/Dests"), 1);
	/* Dates from ts_meta.date. */
	ck_assert_uint_eq(count_sub(out.data, out.len, "/CreationDate (20240531000000Z)"), 1);
	ck_assert_uint_eq(count_sub(out.data, out.len, "/ModDate (20240531000000Z)"), 1);
	require_tool("pdfinfo");
	{
		const char *path = save(&out, "full.pdf");
		char *cmd = xasprintf("pdfinfo -isodates -enc UTF-8 '%s'", path);
		char *info = run(cmd);
		ck_assert(info_is(info, "Title", "南召县大气污染防治攻坚战2024年5月工作通报"));
		ck_assert(info_is(info, "Author", "南召县大气污染防治攻坚战领导小组办公室"));
		ck_assert(info_is(info, "Subject", "大气污染防治工作通报"));
		ck_assert(info_is(info, "Keywords", "蓝天 通报"));
		ck_assert(info_is(info, "Creator", "lantian 0.1.0"));
		ck_assert(info_is(info, "Page size", "595.276 x 841.89 pts (A4)"));
		ck_assert(info_is(info, "CreationDate", "2024-05-31T00:00:00Z"));
		free(info);
		free(cmd);
	}
	/* A link to an anchor nobody defined: a warning, no annotation. */
	char *bad = ts_link_markup("nowhere", "别处");
	ts_para_markup(d, bad, 0);
	free(bad);
	buf_truncate(&out, 0);
	ck_assert_int_eq(render(d, &out, &dl), 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "nowhere"));
	ck_assert_uint_eq(count_sub(out.data, out.len, "/Subtype /Link"), 1);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(text_extractable)
{
	struct ts_doc *d = full_doc();
	struct diag_list dl = { 0 };
	struct buf out = { 0 };
	char *txt;

	ck_assert_int_eq(render(d, &out, &dl), 1);
	txt = page_text(save(&out, "text.pdf"), 1);
	/* Reading order, the right characters, no stray spaces between
	 * justified characters. */
	const char *want[] = {
		"南召县大气污染防治攻坚战2024年5月工作通报",
		"一、空气质量",
		"详见逾期任务清单。PM2.5平均浓度为35µg/m³，同比下降12.5%。",
		"（一）细颗粒物", "二、任务进展", "（一）逾期任务",
		"— 1 —", NULL
	};
	/* Lines joined: pdftotext ends every line; the folio's spaces are
	 * thin. */
	const char *at = squeeze(txt);
	for (const char **w = want; *w; w++) {
		char *ww = squeeze(xstrdup(*w));
		const char *hit = strstr(at, ww);
		free(ww);
		ck_assert_msg(hit != NULL, "“%s” not found in order in:\n%s",
		    *w, txt);
		at = hit + 1;
	}
	free(txt);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(fonts_embedded_subsets)
{
	struct ts_doc *d = full_doc();
	struct diag_list dl = { 0 };
	struct buf out = { 0 };

	require_tool("pdffonts");
	ck_assert_int_eq(render(d, &out, &dl), 1);
	char *cmd = xasprintf("pdffonts '%s'", save(&out, "fonts.pdf"));
	char *lst = run(cmd);
	int rows = 0;
	/* Skip the two header lines; every font: emb yes, sub yes, uni yes,
	 * and only the pinned faces. */
	char *line = strchr(strchr(lst, '\n') + 1, '\n') + 1;
	for (char *nl; line && *line; line = nl ? nl + 1 : NULL) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		if (!*line)
			continue;
		rows++;
		ck_assert_msg(strstr(line, "yes yes yes"), "%s", line);
		ck_assert_msg(strstr(line, "+Fandol") ||
		    strstr(line, "+NotoSerifCJKsc") ||
		    strstr(line, "+NotoSansCJKsc") || strstr(line, "+UKaiCN"),
		    "%s", line);
	}
	/* Title (FandolSong Bold), body (FandolFang), 黑体 (FandolHei), 楷体
	 * (FandolKai); Noto and UKai only for what Fandol lacks. */
	ck_assert_int_ge(rows, 4);
	free(lst);
	free(cmd);
	buf_free(&out);
	ts_doc_free(d);
	diag_free(&dl);
}
END_TEST

START_TEST(byte_identical)
{
	struct diag_list dl = { 0 };
	struct buf a = { 0 }, b = { 0 }, c = { 0 };
	struct ts_doc *d = full_doc(), *e;

	ck_assert_int_eq(render(d, &a, &dl), 1);
	ck_assert_int_eq(render(d, &b, &dl), 1);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	/* A new document, another time zone, a second later. */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	sleep(1);
	e = full_doc();
	ck_assert_int_eq(render(e, &c, &dl), 1);
	ck_assert_uint_eq(a.len, c.len);
	ck_assert(memcmp(a.data, c.data, a.len) == 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	ts_doc_free(d);
	ts_doc_free(e);
	diag_free(&dl);
}
END_TEST

static Suite *
typeset_suite(void)
{
	Suite *s = suite_create("typeset");
	TCase *tc = tcase_create("typeset");

	tcase_add_unchecked_fixture(tc, suite_setup, suite_teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, a4_geometry);
	tcase_add_test(tc, grid_28_by_22);
	tcase_add_test(tc, page_count_known_flow);
	tcase_add_test(tc, heading_keeps_with_next);
	tcase_add_test(tc, kinsoku_closing);
	tcase_add_test(tc, kinsoku_opening);
	tcase_add_test(tc, mixed_latin_units);
	tcase_add_test(tc, adversarial_strings);
	tcase_add_test(tc, table_splits_with_header);
	tcase_add_test(tc, table_long_cell_wraps);
	tcase_add_test(tc, table_row_taller_than_page);
	tcase_add_test(tc, figure_never_split);
	tcase_add_test(tc, outline_metadata_links);
	tcase_add_test(tc, text_extractable);
	tcase_add_test(tc, fonts_embedded_subsets);
	tcase_add_test(tc, byte_identical);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(typeset_suite)
