/*
 * test_typeset_paginate.c -- table pagination (typeset_table.c keeps,
 * typeset_page.c), read back through the typesetter's layout observer:
 *   - a 6-row table that would split 2 + 4 at the foot of a page moves
 *     whole to the next page (tables of up to 12 rows stay together);
 *   - a 30-row table split with at least 2 body rows on each side, for
 *     every amount of text before it (1 to 21 lines: the split falls on
 *     every row boundary);
 *   - the note of a table on the page of its last row, printed once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "typeset.h"
#include "util.h"

static struct fonts *fonts;
static char *dump;

static void
setup(void)
{
	fonts = lt_fonts_open();
	ck_assert_ptr_nonnull(fonts);
}

static void
teardown(void)
{
	ts_set_layout_observer(NULL, NULL);
	free(dump);
	dump = NULL;
	lt_fonts_close(fonts);
}

static void
keep_dump(const char *d, void *ctx)
{
	(void)ctx;
	free(dump);
	dump = xstrdup(d);
}

static const struct ts_meta meta = {
	"分页测试", "测试", NULL, NULL, "lantian test", 1717113600
};

/* lines lines of body text (28 characters each), then a table of rows
 * body rows with a note; returns the pages of its body rows in order,
 * and the page of its note in *note_page (0: none) and how many note
 * records. */
static void
lay(int lines, int rows, int *pages, int *note_page, int *notes)
{
	struct ts_doc *d = ts_doc_new(fonts, &meta);
	struct buf out = { 0 };
	struct diag_list dl = { 0 };
	static const char *const head[2] = { "项目", "数值" };
	struct ts_table *t;
	int n = 0;

	for (int i = 0; i < lines; i++)
		ts_para(d, "甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛壬癸甲乙丙丁戊己庚辛",
		    TS_NOINDENT);
	t = ts_table_new(d, 2, NULL, NULL, "表1 测试表", TS_TABLE_SMALL);
	ts_table_header(t, head);
	for (int r = 0; r < rows; r++) {
		char v[16];
		snprintf(v, sizeof v, "%d", r + 1);
		const char *cells[2] = { "某某单位", v };
		ts_table_row(t, cells);
	}
	ts_table_note(t, "备注：测试。");
	ts_table_end(t);
	ts_set_layout_observer(keep_dump, NULL);
	ck_assert_int_gt(ts_doc_pdf(d, &out, &dl), 0);
	ts_set_layout_observer(NULL, NULL);
	*note_page = 0;
	*notes = 0;
	for (char *l = dump; l != NULL && *l; ) {
		char *e = strchr(l, '\n');
		int page, row;
		char hb;
		if (sscanf(l, "R\t%d\t1\t%d\t%c", &page, &row, &hb) == 3 &&
		    hb == 'B')
			pages[n++] = page;
		if (sscanf(l, "N\t%d\t1\t", &page) == 1) {
			*note_page = page;
			(*notes)++;
		}
		l = e != NULL ? e + 1 : NULL;
	}
	ck_assert_int_eq(n, rows);
	buf_free(&out);
	diag_free(&dl);
	ts_doc_free(d);
}

START_TEST(small_table_whole)
{
	int pages[6], note_page, notes;

	/* 18 lines leave room for the caption, header and two rows only. */
	lay(18, 6, pages, &note_page, &notes);
	ck_assert_int_eq(pages[0], 2);
	ck_assert_int_eq(pages[0], pages[5]);
	ck_assert_int_eq(note_page, pages[5]);
	ck_assert_int_eq(notes, 1);
}
END_TEST

START_TEST(long_table_split)
{
	int pages[30], note_page, notes, lines = _i + 1;

	lay(lines, 30, pages, &note_page, &notes);
	for (int r = 0; r < 30; r++) {
		int same = 0;
		for (int q = 0; q < 30; q++)
			same += pages[q] == pages[r];
		ck_assert_msg(same >= 2, "%d lines before: row %d alone on "
		    "page %d", lines, r + 1, pages[r]);
	}
	ck_assert_int_eq(note_page, pages[29]);
	ck_assert_int_eq(notes, 1);
}
END_TEST

static Suite *
paginate_suite(void)
{
	Suite *s = suite_create("typeset_paginate");
	TCase *tc = tcase_create("paginate");

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, small_table_whole);
	tcase_add_loop_test(tc, long_table_split, 0, 21);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(paginate_suite)
