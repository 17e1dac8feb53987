/*
 * test_typeset_kinsoku.c -- the Chinese line-breaking rules (禁则) of the
 * typesetter against the standards, not against the code's own tables:
 * the characters that may not begin a line and those that may not end one
 * are written here as data from GB/T 15834-2011 (标点符号用法, §5.1.8–
 * §5.1.10: 句号、问号、叹号、逗号、顿号、分号、冒号 and the closing halves of
 * 引号、括号、书名号 never at a line start; their opening halves never at a
 * line end; 间隔号 and 分隔号 not at a line start), CLREQ (W3C
 * Requirements for Chinese Text Layout, §3.1.7 行首行尾禁则, same sets,
 * and the 连接号 of 数～数) and JLREQ (cl-20: % ‰ ℃ ° ′ ″ after a number
 * stay with it). Each character is laid out where the 28-character body
 * line (GB/T 9704 grid) must break, after CJK text and after digits, with
 * and without the first line's indent, and every line of the result is
 * checked with the sets below. Unit symbols (µg/m³, km/h) are never split.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "typeset_int.h"
#include "util.h"

/* GB/T 15834 §5.1.8–5.1.10, CLREQ §3.1.7, JLREQ cl-20: never first on a
 * line. */
static const char *const no_start_std[] = {
	/* 点号 */
	"。", "？", "！", "，", "、", "；", "：",
	/* closing quotes, brackets, book-title marks */
	"”", "’", "）", "〕", "］", "｝", "》", "〉", "」", "』", "】", "〗", "〙",
	/* 间隔号, 省略号 */
	"·", "・", "…",
	/* units after a number (JLREQ cl-20) and percent */
	"％", "%", "‰", "℃",
	/* half-width stops in mixed text */
	",", ".", ";", ":", "?", "!", ")", "]",
	NULL
};

/* GB/T 15834 §5.1.8–5.1.10, CLREQ §3.1.7: never last on a line. */
static const char *const no_end_std[] = {
	"“", "‘", "（", "〔", "［", "｛", "《", "〈", "「", "『", "【", "〖", "〘",
	"(", "[",
	NULL
};

static struct fonts *fonts;

static void
setup(void)
{
	fonts = lt_fonts_open();
	ck_assert_ptr_nonnull(fonts);
}

static void
teardown(void)
{
	lt_fonts_close(fonts);
}

static int
in_std(const char *const *set, gunichar c)
{
	for (const char *const *s = set; *s; s++)
		if (g_utf8_get_char(*s) == c)
			return 1;
	return 0;
}

static char *
cjk(size_t n)
{
	static const char *const set[] = { "大", "气", "污", "染", "防", "治",
		"攻", "坚", "战", "蓝", "天" };
	struct buf b = { 0 };
	for (size_t i = 0; i < n; i++)
		buf_puts(&b, set[i % 11]);
	buf_puts(&b, "");
	return buf_detach(&b);
}

/* Lay text out as a justified body paragraph and check each line's first
 * and last character against the standards' sets. Returns the number of
 * lines. */
static int
check_lines(const char *text, int indent, const char *what)
{
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_BODY_PT);
	struct diag_list dl = { 0 };
	struct ts_text tx;
	char *markup = g_markup_escape_text(text, -1);

	ck_assert(ts_text_make(&tx, pc, markup, fd, TS_TEXT_W,
	    ts_body_letter_spacing(), &dl));
	pango_layout_set_justify(tx.layout, TRUE);
	if (indent)
		pango_layout_set_indent(tx.layout,
		    (int)(2 * ts_body_char_advance() * PANGO_SCALE));
	int n = pango_layout_get_line_count(tx.layout);
	const char *t = pango_layout_get_text(tx.layout);
	for (int i = 0; i < n; i++) {
		PangoLayoutLine *ln = pango_layout_get_line_readonly(tx.layout, i);
		const char *s = t + ln->start_index, *e = s + ln->length;
		gunichar first = g_utf8_get_char(s);
		gunichar last = g_utf8_get_char(g_utf8_prev_char(e));
		ck_assert_msg(i == 0 || !in_std(no_start_std, first),
		    "%s: line %d starts with a character GB/T 15834 keeps off a "
		    "line start: %.*s", what, i + 1, (int)ln->length, s);
		ck_assert_msg(i == n - 1 || !in_std(no_end_std, last),
		    "%s: line %d ends with an opening mark: %.*s", what, i + 1,
		    (int)ln->length, s);
	}
	g_free(markup);
	ts_text_free(&tx);
	pango_font_description_free(fd);
	g_object_unref(pc);
	g_object_unref(fm);
	diag_free(&dl);
	return n;
}

/* Each closing character as the first character of line 2 (the 29th of
 * the paragraph, or the 27th after the two-character indent), after an
 * ideograph and after a digit. */
START_TEST(no_line_start)
{
	const char *c = no_start_std[_i];
	for (int indent = 0; indent < 2; indent++)
		for (int digit = 0; digit < 2; digit++) {
			size_t head = (indent ? 26 : 28) - (size_t)digit * 2;
			char *h = cjk(head), *tail = cjk(40);
			char *s = xasprintf("%s%s%s%s", h, digit ? "12" : "", c, tail);
			char *what = xasprintf("“%s”%s%s", c, indent ? ", indented" : "",
			    digit ? ", after digits" : "");
			ck_assert_int_ge(check_lines(s, indent, what), 2);
			free(what);
			free(s);
			free(h);
			free(tail);
		}
}
END_TEST

/* Each opening character as the last character of line 1, then before
 * ideographs and before digits. */
START_TEST(no_line_end)
{
	const char *c = no_end_std[_i];
	for (int indent = 0; indent < 2; indent++)
		for (int digit = 0; digit < 2; digit++) {
			size_t head = (indent ? 25 : 27);
			char *h = cjk(head), *tail = cjk(40);
			char *s = xasprintf("%s%s%s%s", h, c, digit ? "2024" : "", tail);
			char *what = xasprintf("“%s”%s%s", c, indent ? ", indented" : "",
			    digit ? ", before digits" : "");
			ck_assert_int_ge(check_lines(s, indent, what), 2);
			free(what);
			free(s);
			free(h);
			free(tail);
		}
}
END_TEST

/* GB 3100/3101 unit symbols are one word: a line never breaks inside
 * µg/m³ or km/h, wherever the line ends. */
START_TEST(unit_symbols_whole)
{
	static const char *const units[] = { "µg/m³", "mg/m³", "km/h", NULL };
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_BODY_PT);
	for (const char *const *u = units; *u; u++)
		for (size_t off = 14; off <= 28; off++) {
			struct diag_list dl = { 0 };
			struct ts_text tx;
			char *h = cjk(off), *tail = cjk(40);
			char *text = xasprintf("%s%s%s", h, *u, tail);
			ck_assert(ts_text_make(&tx, pc, text, fd, TS_TEXT_W,
			    ts_body_letter_spacing(), &dl));
			pango_layout_set_justify(tx.layout, TRUE);
			const char *t = pango_layout_get_text(tx.layout);
			size_t a = (size_t)(strstr(t, *u) - t), b = a + strlen(*u);
			for (int i = 1; i < pango_layout_get_line_count(tx.layout); i++) {
				size_t ls = (size_t)pango_layout_get_line_readonly(tx.layout, i)->start_index;
				ck_assert_msg(ls <= a || ls >= b, "“%s” split by a line break "
				    "(offset %zu)", *u, off);
			}
			ts_text_free(&tx);
			diag_free(&dl);
			free(text);
			free(h);
			free(tail);
		}
	pango_font_description_free(fd);
	g_object_unref(pc);
	g_object_unref(fm);
}
END_TEST

/* The classification the typesetter exposes agrees with the standards on
 * every character they name. */
START_TEST(sets_agree)
{
	for (const char *const *s = no_start_std; *s; s++)
		ck_assert_msg(ts_no_line_start(g_utf8_get_char(*s)),
		    "“%s” may start a line", *s);
	for (const char *const *s = no_end_std; *s; s++)
		ck_assert_msg(ts_no_line_end(g_utf8_get_char(*s)),
		    "“%s” may end a line", *s);
}
END_TEST

static int
count(const char *const *v)
{
	int n = 0;
	while (v[n])
		n++;
	return n;
}

static Suite *
kinsoku_suite(void)
{
	Suite *s = suite_create("typeset_kinsoku");
	TCase *tc = tcase_create("kinsoku");
	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, no_line_start, 0, count(no_start_std));
	tcase_add_loop_test(tc, no_line_end, 0, count(no_end_std));
	tcase_add_test(tc, unit_symbols_whole);
	tcase_add_test(tc, sets_agree);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(kinsoku_suite)
