/*
 * test_bulletin_md.c -- the commentary Markdown (bulletin_md.c): headings
 * with their numbering removed and levels relative to the file, inline
 * styles as Pango markup with every data character escaped (the markup
 * must parse), lists with markers, raw HTML shown as text with a warning,
 * pipe tables (alignment, ragged rows, too wide, too many rows, long
 * cells), fenced code with pipes, line numbers in warnings, refused input
 * (NUL, bad UTF-8, too large) with file:line:col, and deep nesting.
 */
#include <string.h>

#include <glib.h>

#include "bulletin_md.h"
#include "buf.h"
#include "lt_test.h"
#include "typeset.h"
#include "util.h"

static int
parse(const char *s, struct bmd_doc *d, struct diag_list *dl)
{
	return bulletin_md_parse("c.md", s, strlen(s), d, dl);
}

/* Every markup string must be valid Pango markup: check with GLib's
 * markup parser on the string wrapped in a root element. */
static int
markup_ok(const char *m)
{
	char *w = xasprintf("<markup>%s</markup>", m);
	GMarkupParser p = { 0 };
	GMarkupParseContext *c = g_markup_parse_context_new(&p, 0, NULL,
	    NULL);
	int ok = g_markup_parse_context_parse(c, w, -1, NULL) &&
	    g_markup_parse_context_end_parse(c, NULL);
	g_markup_parse_context_free(c);
	free(w);
	return ok;
}

static void
assert_markup_ok(const struct bmd_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct bmd_block *b = &d->v[i];
		if (b->kind == BMD_PARA)
			ck_assert_msg(markup_ok(b->text), "%s", b->text);
		for (size_t k = 0; k < b->ncols * b->nrows; k++)
			ck_assert_msg(markup_ok(b->cells[k]), "%s",
			    b->cells[k]);
	}
}

static size_t
warnings_at(const struct diag_list *dl, size_t line)
{
	size_t k = 0;
	for (size_t i = 0; i < dl->n; i++)
		k += dl->v[i].line == line && dl->v[i].file &&
		    strcmp(dl->v[i].file, "c.md") == 0;
	return k;
}

START_TEST(headings_and_paragraphs)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("## 一、存在问题\n\n"
	    "部分单位**进度滞后**，*扬尘*管控不到位；PM2.5 <仍然> 偏高 & 超标。\n"
	    "第二行接续。\n\n"
	    "### （一）工地扬尘\n\n"
	    "#### 1. 细节\n\n"
	    "## 下步工作\n", &d, &dl));
	ck_assert_uint_eq(d.n, 5);
	ck_assert_int_eq(d.v[0].kind, BMD_HEADING);
	ck_assert_int_eq(d.v[0].level, 1);
	ck_assert_str_eq(d.v[0].text, "存在问题");
	ck_assert_int_eq(d.v[1].kind, BMD_PARA);
	ck_assert_str_eq(d.v[1].text,
	    "部分单位<b>进度滞后</b>，<span font_family=\"lantian_heading2\">"
	    "扬尘</span>管控不到位；PM2.5 &lt;仍然&gt; 偏高 &amp; 超标。"
	    "第二行接续。");
	ck_assert_uint_eq(d.v[1].line, 3);
	ck_assert_int_eq(d.v[2].level, 2);
	ck_assert_str_eq(d.v[2].text, "工地扬尘");
	ck_assert_int_eq(d.v[3].level, 3);
	ck_assert_str_eq(d.v[3].text, "细节");
	ck_assert_uint_eq(d.v[3].line, 8);
	ck_assert_str_eq(d.v[4].text, "下步工作");
	/* "<仍然>" is not an HTML tag (not ASCII): no warning */
	ck_assert_uint_eq(dl.n, 0);
	assert_markup_ok(&d);
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(latin_soft_breaks)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("PM2.5 and\nPM10 `co&de` [链接](http://x.cn/?a=1&b=2)\n",
	    &d, &dl));
	ck_assert_str_eq(d.v[0].text,
	    "PM2.5 and PM10 <span font_family=\"lantian_heading1\">co&amp;de"
	    "</span> 链接（http://x.cn/?a=1&amp;b=2）");
	assert_markup_ok(&d);
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(lists)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("3. 第一\n4. 第二\n   - 子项\n\n- 圆点\n", &d, &dl));
	ck_assert_uint_eq(d.n, 4);
	ck_assert_str_eq(d.v[0].text, "3．第一");
	ck_assert_str_eq(d.v[1].text, "4．第二");
	ck_assert_str_eq(d.v[2].text, "○ 子项");
	ck_assert_str_eq(d.v[3].text, "● 圆点");
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(raw_html_as_text)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("正文<script>alert(1)</script>。\n\n<div>\n块</div>\n",
	    &d, &dl));
	ck_assert_uint_eq(d.n, 2);
	ck_assert_ptr_nonnull(strstr(d.v[0].text, "&lt;script&gt;alert(1)"));
	ck_assert_ptr_nonnull(strstr(d.v[1].text, "&lt;div&gt;"));
	ck_assert_uint_ge(warnings_at(&dl, 1), 1);
	ck_assert_uint_ge(warnings_at(&dl, 3), 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	assert_markup_ok(&d);
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(pipe_table)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("前文。\n\n"
	    "| 单位 | 问题数 | 说明 |\n"
	    "|:----|----:|:--:|\n"
	    "| 县**住建局** | 3 | a\\|b |\n"
	    "| 县交通局 | 1 |\n"
	    "\n后文。\n", &d, &dl));
	ck_assert_uint_eq(d.n, 3);
	const struct bmd_block *t = &d.v[1];
	ck_assert_int_eq(t->kind, BMD_TABLE);
	ck_assert_uint_eq(t->line, 3);
	ck_assert_uint_eq(t->ncols, 3);
	ck_assert_uint_eq(t->nrows, 3);
	ck_assert_uint_eq(t->col_flags[0], 0);
	ck_assert_uint_eq(t->col_flags[1], TS_CELL_RIGHT);
	ck_assert_uint_eq(t->col_flags[2], TS_CELL_CENTER);
	ck_assert_str_eq(t->cells[0], "单位");
	ck_assert_str_eq(t->cells[3], "县<b>住建局</b>");
	ck_assert_str_eq(t->cells[5], "a|b");
	ck_assert_str_eq(t->cells[8], "");
	ck_assert_str_eq(d.v[2].text, "后文。");
	ck_assert_uint_eq(d.v[2].line, 8);
	/* the short row is reported */
	ck_assert_uint_eq(warnings_at(&dl, 3), 1);
	assert_markup_ok(&d);
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(fenced_pipes_are_not_tables)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(parse("```\na | b\n--|--\n```\n", &d, &dl));
	ck_assert_uint_eq(d.n, 1);
	ck_assert_int_eq(d.v[0].kind, BMD_PARA);
	ck_assert_str_eq(d.v[0].text, "a | b\n--|--");
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

START_TEST(enormous_tables)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	struct buf b = { 0 };
	/* 12 columns: set as text */
	buf_puts(&b, "|a|b|c|d|e|f|g|h|i|j|k|l|\n");
	buf_puts(&b, "|-|-|-|-|-|-|-|-|-|-|-|-|\n");
	buf_puts(&b, "|1|2|3|4|5|6|7|8|9|10|11|12|\n\n");
	/* 2500 rows with a long cell */
	buf_puts(&b, "| 单位 | 说明 |\n|---|---|\n");
	for (int i = 0; i < 2500; i++) {
		buf_printf(&b, "| 单位%d | ", i);
		for (int k = 0; k < (i == 0 ? 1000 : 2); k++)
			buf_puts(&b, "长");
		buf_puts(&b, " |\n");
	}
	ck_assert(bulletin_md_parse("c.md", b.data, b.len, &d, &dl));
	ck_assert_uint_eq(d.n, 3);
	ck_assert_int_eq(d.v[0].kind, BMD_PARA);
	ck_assert_int_eq(d.v[1].kind, BMD_PARA);
	ck_assert_uint_eq(warnings_at(&dl, 1), 1);
	const struct bmd_block *t = &d.v[2];
	ck_assert_int_eq(t->kind, BMD_TABLE);
	ck_assert_uint_eq(t->nrows, BMD_MAX_ROWS + 1);
	/* the long cell is cut to 600 / 2 characters plus the mark */
	ck_assert_ptr_nonnull(strstr(t->cells[3], "……"));
	ck_assert_uint_eq(g_utf8_strlen(t->cells[3], -1), 300 + 2);
	ck_assert_uint_eq(warnings_at(&dl, 5), 2);
	bulletin_md_free(&d);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

START_TEST(long_paragraph_cut)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	struct buf b = { 0 };
	buf_puts(&b, "\n");
	for (int i = 0; i < BMD_MAX_PARA + 50; i++)
		buf_puts(&b, i % 7 ? "字" : "&");
	ck_assert(bulletin_md_parse("c.md", b.data, b.len, &d, &dl));
	ck_assert_uint_eq(d.n, 1);
	ck_assert(markup_ok(d.v[0].text));
	ck_assert_uint_eq(warnings_at(&dl, 2), 1);
	bulletin_md_free(&d);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

START_TEST(refused)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	static const char nul[] = "第一行\n第二\0行\n";
	ck_assert(!bulletin_md_parse("c.md", nul, sizeof nul - 1, &d, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_uint_eq(dl.v[0].line, 2);
	ck_assert_uint_eq(dl.v[0].col, 3);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "空字符"));
	ck_assert_uint_eq(d.n, 0);
	diag_free(&dl);

	static const char bad[] = "好\n\n坏\xff\n";
	ck_assert(!bulletin_md_parse("c.md", bad, sizeof bad - 1, &d, &dl));
	ck_assert_uint_eq(dl.v[0].line, 3);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "UTF-8"));
	diag_free(&dl);

	char *big = xmalloc(BMD_MAX_BYTES + 2);
	memset(big, 'a', BMD_MAX_BYTES + 1);
	ck_assert(!bulletin_md_parse("c.md", big, BMD_MAX_BYTES + 1, &d,
	    &dl));
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "过大"));
	free(big);
	diag_free(&dl);
}
END_TEST

START_TEST(deep_nesting)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	struct buf b = { 0 };
	for (int i = 0; i < 20000; i++)
		buf_putc(&b, '>');
	buf_puts(&b, " 深\n\n");
	for (int i = 0; i < 5000; i++)
		buf_puts(&b, "*a **b ");
	ck_assert(bulletin_md_parse("c.md", b.data, b.len, &d, &dl));
	assert_markup_ok(&d);
	bulletin_md_free(&d);
	buf_free(&b);
	diag_free(&dl);
}
END_TEST

START_TEST(empty)
{
	struct bmd_doc d;
	struct diag_list dl = { 0 };
	ck_assert(bulletin_md_parse("c.md", "", 0, &d, &dl));
	ck_assert_uint_eq(d.n, 0);
	bulletin_md_free(&d);
	ck_assert(parse("\n\n   \n", &d, &dl));
	ck_assert_uint_eq(d.n, 0);
	bulletin_md_free(&d);
	ck_assert(parse("# 一、\n", &d, &dl));  /* numbering only: kept */
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].text, "一、");
	bulletin_md_free(&d);
	diag_free(&dl);
}
END_TEST

static Suite *
bulletin_md_suite(void)
{
	Suite *s = suite_create("bulletin_md");
	TCase *tc = tcase_create("md");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, headings_and_paragraphs);
	tcase_add_test(tc, latin_soft_breaks);
	tcase_add_test(tc, lists);
	tcase_add_test(tc, raw_html_as_text);
	tcase_add_test(tc, pipe_table);
	tcase_add_test(tc, fenced_pipes_are_not_tables);
	tcase_add_test(tc, enormous_tables);
	tcase_add_test(tc, long_paragraph_cut);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, empty);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(bulletin_md_suite)
