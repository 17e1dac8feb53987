/*
 * test_typeset_cell.c -- what a table cell never breaks inside
 * (typeset_cell.c, issue 12): with every break the rules allow taken (a
 * layout one Pango unit wide, wrapped at allowed breaks only), each token
 * below stays on one line, and a header breaks only where a typesetter
 * would (before an opening bracket, after a space, "/" or "、"). The
 * expected pieces are written out by hand from the rules.
 */
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

/* The pieces of text, joined by "|", when every allowed break is taken. */
static char *
pieces(const char *text, int header)
{
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, TS_TABLE_PT);
	struct diag_list dl = { 0 };
	struct ts_text tx;
	GString *out = g_string_new(NULL);
	char *markup = g_markup_escape_text(text, -1);
	const char *t;

	ck_assert(ts_text_make_cell(&tx, pc, markup, fd, 0, header, &dl));
	pango_layout_set_width(tx.layout, 1);
	pango_layout_set_wrap(tx.layout, PANGO_WRAP_WORD);
	t = pango_layout_get_text(tx.layout);
	for (GSList *l = pango_layout_get_lines_readonly(tx.layout); l != NULL;
	    l = l->next) {
		PangoLayoutLine *line = l->data;
		if (out->len > 0)
			g_string_append_c(out, '|');
		g_string_append_len(out, t + line->start_index, line->length);
	}
	ts_text_free(&tx);
	g_free(markup);
	pango_font_description_free(fd);
	diag_free(&dl);
	return g_string_free(out, FALSE);
}

static const struct {
	const char *text;
	int header;
	const char *want;
} cases[] = {
	/* body cells: numbers, dates, item numbers, ordinals whole */
	{ "≥76.5%", 0, "≥76.5%" },
	{ "达标（95.0%）", 0, "达|标|（95.0%）" },
	{ "二（一）", 0, "二（一）" },
	{ "三.（二）", 0, "三.（二）" },
	{ "2024年9月30日前", 0, "2024年9月30日|前" },
	{ "并列第2位", 0, "并|列|第2位" },
	{ "-20.0%", 0, "-20.0%" },
	/* header cells: words whole */
	{ "去年同期", 1, "去年同期" },
	{ "优良天数比例（%）", 1, "优良天数比例|（%）" },
	{ "PM2.5（微克/立方米）", 1, "PM2.5|（微克/|立方米）" },
	{ "责任/参与", 1, "责任/|参与" },
};

START_TEST(unbreakable)
{
	char *got = pieces(cases[_i].text, cases[_i].header);

	ck_assert_msg(strcmp(got, cases[_i].want) == 0,
	    "%s (%s): broken as %s, the rules give %s", cases[_i].text,
	    cases[_i].header ? "header" : "body", got, cases[_i].want);
	g_free(got);
}
END_TEST

static Suite *
cell_suite(void)
{
	Suite *s = suite_create("typeset_cell");
	TCase *tc = tcase_create("cell");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, unbreakable, 0,
	    (int)(sizeof cases / sizeof cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(cell_suite)
