/*
 * test_read_pdf.c -- the PDF reader on PDFs drawn here with Cairo and
 * Pango (the pinned faces), every line at a position chosen by hand:
 * running headers and page numbers in the margins are dropped (several
 * page-number styles, alternating sides), a paragraph hard-wrapped across
 * a page break is one paragraph again and the unit name split by the break
 * is whole (the `县农业农—9—村局` corruption of pdftotext), a line whose
 * spaces were stretched by justification is not a table row while aligned
 * cells are, a scan without a text layer and a damaged file are refused
 * with a message, and a small plan in PDF parses through plan_parse.
 *
 * Geometry: A4 (595 x 842 pt), body 16 pt, so a CJK character is 16 pt
 * wide: a line of 20 characters at x = 80 ends at x = 400, the right
 * margin of these pages; a first line is indented by two characters.
 */
#include <string.h>

#include <cairo-pdf.h>

#include "buf.h"
#include "lt_fonts.h"
#include "plan_parse.h"
#include "read_pdf.h"

static struct fonts *fonts;

static void
open_fonts(void)
{
	fonts = lt_fonts_open();
}

static void
close_fonts(void)
{
	lt_fonts_close(fonts);
	fonts = NULL;
}

/* One piece of text: page (1-based; 0 ends the list), position of the
 * baseline's left end, size. */
struct piece {
	int page;
	double x, y, pt;
	const char *text;
};

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* A PDF of the pieces, with n_pages pages, in memory. */
static void
draw_pdf(const struct piece *pc, int n_pages, struct buf *out)
{
	ck_assert_ptr_nonnull(fonts);
	buf_truncate(out, 0);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, 595, 842);
	cairo_t *cr = cairo_create(s);
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *ctx = pangofonts_context(fm, cr);
	for (int page = 1; page <= n_pages; page++) {
		for (const struct piece *p = pc; p->page; p++) {
			if (p->page != page)
				continue;
			PangoLayout *l = pango_layout_new(ctx);
			PangoFontDescription *fd = pangofonts_desc(FONT_BODY, p->pt);
			pango_layout_set_font_description(l, fd);
			pango_font_description_free(fd);
			pango_layout_set_text(l, p->text, -1);
			cairo_move_to(cr, p->x, p->y);
			pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(l, 0));
			g_object_unref(l);
		}
		cairo_show_page(cr);
	}
	g_object_unref(ctx);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
}

static struct diag_list dl;

/* The lines read, joined by LF; *ok gets pdf_read's result. */
static char *
read_back(const struct buf *b, int *ok)
{
	struct plines l = {0};
	memset(&dl, 0, sizeof dl);
	*ok = pdf_read("t.pdf", b->data, b->len, &l, &dl);
	struct buf s = {0};
	buf_puts(&s, "");
	for (size_t i = 0; i < l.n; i++) {
		if (i)
			buf_putc(&s, '\n');
		buf_puts(&s, l.kind[i] == PLINE_ROW ? "R" : "P");
		buf_puts(&s, l.text[i]);
	}
	plines_free(&l);
	return buf_detach(&s);
}

#define HEADER(pg) { pg, 80, 57, 10.5, "某县人民政府办公室文件" }

/* Three pages; the paragraph of page 1 runs on to page 2 and breaks inside
 * 县农业农村局; each page number in another style, on alternating sides. */
static const struct piece pages[] = {
	HEADER(1),
	{ 1, 112, 140, 16, "一、主要任务" },
	/* 18 + 20 + 20 characters: full lines to x = 400 */
	{ 1, 112, 168, 16, "（一）推进秸秆综合利用。加强秸秆禁烧" },
	{ 1, 80, 196, 16, "管控，全面建成秸秆收储运体系，各乡镇都要" },
	{ 1, 80, 224, 16, "按时上报秸秆禁烧工作进展情况。（县农业农" },
	{ 1, 470, 790, 14, "— 1 —" },
	HEADER(2),
	{ 2, 80, 140, 16, "村局牵头，县生态环境局配合）" },
	{ 2, 112, 168, 16, "（二）加强扬尘管控，2024年10月底前完成。（县住建局负责）" },
	/* a number alone in the body is content, not a page number */
	{ 2, 112, 400, 16, "2025" },
	{ 2, 100, 790, 14, "-2-" },
	HEADER(3),
	{ 3, 112, 140, 16, "（三）强化监测。（县生态环境局负责）" },
	{ 3, 240, 790, 10.5, "第 3 页 共 3 页" },
	{ 0, 0, 0, 0, NULL },
};

START_TEST(furniture_dropped_paragraphs_rejoined)
{
	struct buf b = {0};
	draw_pdf(pages, 3, &b);
	int ok;
	char *s = read_back(&b, &ok);
	ck_assert_msg(ok, "pdf_read failed: %s", dl.n ? dl.v[0].msg : "");
	ck_assert_str_eq(s,
	    "P一、主要任务\n"
	    "P（一）推进秸秆综合利用。加强秸秆禁烧管控，全面建成秸秆收储运体系，各乡镇都要"
	    "按时上报秸秆禁烧工作进展情况。（县农业农村局牵头，县生态环境局配合）\n"
	    "P（二）加强扬尘管控，2024年10月底前完成。（县住建局负责）\n"
	    "P2025\n"
	    "P（三）强化监测。（县生态环境局负责）");
	free(s);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

/* The same pages as a plan: the unit across the page break is whole. */
START_TEST(pdf_plan_parses)
{
	struct buf b = {0};
	draw_pdf(pages, 3, &b);
	memset(&dl, 0, sizeof dl);
	struct plan *p = plan_parse("t.pdf", b.data, b.len, NULL, &dl);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->format, PLAN_FORMAT_PDF);
	ck_assert_uint_eq(p->n_tasks, 3);
	/* Items are numbered as printed; one section, no restart: （一）. */
	ck_assert_str_eq(p->tasks[0].number, "（一）");
	ck_assert_str_eq(p->tasks[0].lead.v[0], "县农业农村局");
	ck_assert_str_eq(p->tasks[0].cooperating.v[0], "县生态环境局");
	ck_assert_str_eq(p->tasks[1].deadlines[0].date, "2024-10-31");
	ck_assert_str_eq(p->tasks[2].lead.v[0], "县生态环境局");
	plan_free(p);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

START_TEST(rows_and_stretched_lines)
{
	static const struct piece pc[] = {
		/* justification stretched the spaces around 2025: one line */
		{ 1, 112, 140, 16, "力争到" },
		{ 1, 190, 140, 16, "2025" },
		{ 1, 250, 140, 16, "年实现空气质量二级达标。" },
		/* cells in aligned columns: rows */
		{ 1, 80, 200, 12, "序号" },
		{ 1, 140, 200, 12, "责任单位" },
		{ 1, 300, 200, 12, "完成时限" },
		{ 1, 80, 224, 12, "1" },
		{ 1, 140, 224, 12, "县生态环境局" },
		{ 1, 300, 224, 12, "2024年底" },
		{ 1, 112, 280, 16, "正文。" },
		{ 0, 0, 0, 0, NULL },
	};
	struct buf b = {0};
	draw_pdf(pc, 1, &b);
	int ok;
	char *s = read_back(&b, &ok);
	ck_assert(ok);
	ck_assert_str_eq(s,
	    "P力争到2025年实现空气质量二级达标。\n"
	    "R|序号|责任单位|完成时限|\n"
	    "R|1|县生态环境局|2024年底|\n"
	    "P正文。");
	free(s);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

/* Bold faked by drawing the text twice, 0.3 pt apart: read once (poppler
 * drops such overlapping duplicates; this holds it to that). */
START_TEST(fake_bold_read_once)
{
	static const struct piece pc[] = {
		{ 1, 112, 140, 16, "一、总体要求" },
		{ 1, 112.3, 140, 16, "一、总体要求" },
		{ 1, 112, 168, 16, "以改善环境空气质量为核心，推进结构调整。" },
		{ 0, 0, 0, 0, NULL },
	};
	struct buf b = {0};
	draw_pdf(pc, 1, &b);
	int ok;
	char *s = read_back(&b, &ok);
	ck_assert_msg(ok, "pdf_read failed: %s", dl.n ? dl.v[0].msg : "");
	ck_assert_str_eq(s, "P一、总体要求\nP以改善环境空气质量为核心，推进结构调整。");
	free(s);
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

/* A scan: pages with pictures and no text. */
START_TEST(scan_refused)
{
	struct buf b = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, &b, 595, 842);
	cairo_t *cr = cairo_create(s);
	for (int i = 0; i < 2; i++) {
		cairo_rectangle(cr, 80, 100, 400, 600);
		cairo_fill(cr);
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	int ok;
	char *t = read_back(&b, &ok);
	ck_assert_int_eq(ok, 0);
	ck_assert_str_eq(dl.v[0].file, "t.pdf");
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "没有文字层"));
	free(t);
	diag_free(&dl);
	/* the same through the plan parser: refused, not read as text */
	struct plan *p = plan_parse("t.pdf", b.data, b.len, NULL, &dl);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "扫描件"));
	diag_free(&dl);
	buf_free(&b);
}
END_TEST

START_TEST(damaged_refused)
{
	struct buf b = {0};
	draw_pdf(pages, 3, &b);
	struct buf cut = {0};
	buf_put(&cut, b.data, b.len / 3);
	int ok;
	char *t = read_back(&cut, &ok);
	ck_assert_int_eq(ok, 0);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "PDF 文件已损坏"));
	free(t);
	diag_free(&dl);
	buf_truncate(&cut, 0);
	buf_puts(&cut, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n");
	t = read_back(&cut, &ok);
	ck_assert_int_eq(ok, 0);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "PDF 文件已损坏"));
	free(t);
	diag_free(&dl);
	buf_free(&cut);
	buf_free(&b);
}
END_TEST

static Suite *
read_pdf_suite(void)
{
	Suite *s = suite_create("read_pdf");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, open_fonts, close_fonts);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, furniture_dropped_paragraphs_rejoined);
	tcase_add_test(tc, pdf_plan_parses);
	tcase_add_test(tc, rows_and_stretched_lines);
	tcase_add_test(tc, fake_bold_read_once);
	tcase_add_test(tc, scan_refused);
	tcase_add_test(tc, damaged_refused);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(read_pdf_suite)
