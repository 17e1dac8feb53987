/*
 * test_typeset_squeeze.c -- punctuation compression and justification
 * (typeset_squeeze.c) against CLREQ 3.1.6 and JLREQ 3.1.4, widths worked
 * out by hand in ems of the body size:
 *   甲），乙   ） is followed by a closing mark: 1 + 0.5 + 1 + 1 = 3.5 em
 *   甲。」乙   。 then 」:                        3.5 em
 *   甲，（乙   closing then opening, the first:   3.5 em
 *   甲）（乙   closing then opening (CLREQ 1.5 em for the pair): 3.5 em
 *   甲（《乙   opening then opening, the second:  3.5 em
 *   甲（）乙   opening then closing, nothing:     4 em
 *   甲」），乙 two closing marks before a third:  1 + 0.5 + 0.5 + 1 + 1 = 4 em
 *   甲乙丙丁   no marks:                          4 em
 * the ink staying where it is (a closing mark drawn at its origin, an
 * opening one half an em to the left), and justified lines that fill the
 * measure exactly without ever widening a gap inside "35" or "PM2.5".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fonts.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "typeset_int.h"
#include "util.h"

static struct fonts *fonts;
static PangoFontMap *fm;
static PangoContext *pc;

static void
setup(void)
{
	fonts = lt_fonts_open();
	ck_assert_ptr_nonnull(fonts);
	fm = pangofonts_map(fonts);
	pc = pangofonts_context(fm, NULL);
}

static void
teardown(void)
{
	g_object_unref(pc);
	g_object_unref(fm);
	lt_fonts_close(fonts);
}

static void
make(struct ts_text *tx, const char *text, double w_pt, int spacing,
    int justify)
{
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_BODY_PT);
	struct diag_list dl = { 0 };
	char *markup = g_markup_escape_text(text, -1);

	ck_assert(ts_text_make(tx, pc, markup, fd, w_pt, spacing, &dl));
	ts_text_finish(tx, justify);
	g_free(markup);
	pango_font_description_free(fd);
	diag_free(&dl);
}

static const struct {
	const char *text;
	double ems;
} widths[] = {
	{ "甲），乙", 3.5 },
	{ "甲。」乙", 3.5 },
	{ "甲，（乙", 3.5 },
	{ "甲）（乙", 3.5 },
	{ "甲（《乙", 3.5 },
	{ "甲（）乙", 4.0 },
	{ "甲」），乙", 4.0 },
	{ "甲乙丙丁", 4.0 },
	/* 、 before “ (closing, opening) and ” before 。 (closing, closing)
	 * each lose half; the final 。 of an unwrapped line keeps its em. */
	{ "甲、“乙”。", 5.0 },
};

START_TEST(pair_widths)
{
	struct ts_text tx;
	int w;
	double em = TS_BODY_PT * PANGO_SCALE;
	double want = widths[_i].ems * em;
	make(&tx, widths[_i].text, 0, 0, 0);
	pango_layout_get_size(tx.layout, &w, NULL);
	ck_assert_msg(fabs(w - want) <= 0.02 * em,
	    "%s: %.3f em wide, CLREQ gives %.3f em", widths[_i].text, w / em,
	    want / em);
	ts_text_free(&tx);
}
END_TEST

/* The glyph of the character at byte index at. */
static PangoGlyphGeometry *
glyph_at(struct ts_text *tx, int at)
{
	PangoLayoutLine *line = pango_layout_get_line_readonly(tx->layout, 0);

	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		for (int i = 0; i < run->glyphs->num_glyphs; i++)
			if (run->item->offset + run->glyphs->log_clusters[i] == at)
				return &run->glyphs->glyphs[i].geometry;
	}
	ck_abort_msg("no glyph at byte %d", at);
	return NULL;
}

/* A closing mark keeps its ink at its origin and half its advance; an
 * opening one is drawn half an em left, so its ink (the right half of
 * its em box) stays inside the half em it keeps. */
START_TEST(ink_stays)
{
	struct ts_text tx;
	int em = (int)(TS_BODY_PT * PANGO_SCALE);
	PangoGlyphGeometry *g;

	make(&tx, "甲），乙", 0, 0, 0);
	g = glyph_at(&tx, 3);                  /* ） */
	ck_assert_int_eq(g->x_offset, 0);
	ck_assert_int_le(abs(g->width - em / 2), 2);
	ts_text_free(&tx);

	make(&tx, "甲（《乙", 0, 0, 0);
	g = glyph_at(&tx, 6);                  /* 《 */
	ck_assert_int_le(abs(g->x_offset + em / 2), 2);
	ck_assert_int_le(abs(g->width - em / 2), 2);
	g = glyph_at(&tx, 3);                  /* （ keeps its full em */
	ck_assert_int_le(abs(g->width - em), 2);
	ts_text_free(&tx);
}
END_TEST

/* A paragraph whose first line is short (the unbreakable PM2.5 does not
 * fit after 24 ideographs and 35): justified, every line but the last
 * fills the measure, and no glyph inside 35 or PM2.5 is wider than
 * unjustified. */
START_TEST(justify_keeps_runs)
{
	const char *text =
	    "甲乙丙丁戊己庚辛壬癸甲乙35丙丁戊己庚辛壬癸甲乙丙丁PM2.5浓度下降，"
	    "全年优良天数比例达到百分之八十以上，重污染天数持续减少。";
	struct ts_text plain, just;
	int width = (int)(TS_TEXT_W * PANGO_SCALE);
	int n;

	make(&plain, text, TS_TEXT_W, ts_body_letter_spacing(), 0);
	make(&just, text, TS_TEXT_W, ts_body_letter_spacing(), 1);
	n = pango_layout_get_line_count(just.layout);
	ck_assert_int_ge(n, 2);
	for (int i = 0; i < n - 1; i++) {
		PangoRectangle log;
		pango_layout_line_get_extents(
		    pango_layout_get_line_readonly(just.layout, i), NULL, &log);
		ck_assert_msg(abs(log.width - width) <= 2,
		    "line %d is %d wide, the measure is %d", i + 1, log.width,
		    width);
	}
	/* Every glyph followed by a Latin letter or digit keeps its width
	 * when it is one itself. */
	const char *t = pango_layout_get_text(just.layout);
	for (const char *p = t; *p; p = g_utf8_next_char(p)) {
		const char *q = g_utf8_next_char(p);
		if (*q == '\0' || !g_ascii_isalnum(*p) ||
		    !(g_ascii_isalnum(*q) || *q == '.'))
			continue;
		int line_p, line_j, xp, xj;
		pango_layout_index_to_line_x(plain.layout, (int)(p - t), 0,
		    &line_p, &xp);
		pango_layout_index_to_line_x(just.layout, (int)(p - t), 0,
		    &line_j, &xj);
		int xp2, xj2;
		pango_layout_index_to_line_x(plain.layout, (int)(q - t), 0,
		    &line_p, &xp2);
		pango_layout_index_to_line_x(just.layout, (int)(q - t), 0,
		    &line_j, &xj2);
		ck_assert_msg(xj2 - xj == xp2 - xp,
		    "the gap inside \"%.2s\" grew from %d to %d", p, xp2 - xp,
		    xj2 - xj);
	}
	/* The paragraph's first line was short: it did stretch. */
	PangoRectangle lp;
	pango_layout_line_get_extents(pango_layout_get_line_readonly(
	    plain.layout, 0), NULL, &lp);
	ck_assert_int_lt(lp.width, width - PANGO_SCALE);
	ts_text_free(&plain);
	ts_text_free(&just);
}
END_TEST

/* A closing mark ending a justified line gives up its right half before
 * the line is stretched: the line still fills the measure exactly. */
START_TEST(line_end_mark)
{
	struct ts_text tx;
	int width = (int)(TS_TEXT_W * PANGO_SCALE);
	/* 27 ideographs and a comma: the comma ends line 1. */
	const char *text = "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚，"
	    "辛壬癸。";
	PangoRectangle log;
	PangoLayoutLine *l0;

	make(&tx, text, TS_TEXT_W, ts_body_letter_spacing(), 1);
	ck_assert_int_eq(pango_layout_get_line_count(tx.layout), 2);
	l0 = pango_layout_get_line_readonly(tx.layout, 0);
	pango_layout_line_get_extents(l0, NULL, &log);
	ck_assert_int_le(abs(log.width - width), 2);
	ts_text_free(&tx);
}
END_TEST

static Suite *
squeeze_suite(void)
{
	Suite *s = suite_create("typeset_squeeze");
	TCase *tc = tcase_create("squeeze");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, pair_widths, 0,
	    (int)(sizeof widths / sizeof widths[0]));
	tcase_add_test(tc, ink_stays);
	tcase_add_test(tc, justify_keeps_runs);
	tcase_add_test(tc, line_end_mark);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(squeeze_suite)
