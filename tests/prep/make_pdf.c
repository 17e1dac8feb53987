/*
 * make_pdf.c -- test preparation: a plan's .docx fixture (tests/data/docx/)
 * exported as a PDF the way an office suite prints a 红头文件, for the PDF
 * reader's tests (tests/truth.sh prints each fixture and checks the PDF
 * against the truth files). Not part of lantian.
 *
 *   make_pdf IN.docx OUT.pdf
 *
 * The text is what lantian's own .docx reader gives (numbers of Word
 * automatic numbering included), laid out with Pango on A4 at the margins
 * of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), 16 pt
 * body with a first-line indent of two characters, justified, so that
 * every line but a paragraph's last is filled to the right margin (hard
 * wraps, also across page breaks); a running header on every page; the
 * page number as "— N —" in the bottom margin, right on odd pages and left
 * on even ones (GB/T 9704 7.5); table rows ("|a|b|" lines) with cells in
 * columns. The PDF's dates are fixed, so the output is reproducible with
 * the same fonts and Cairo.
 *
 * Built by the Makefile (build/release/prep/make_pdf, against
 * liblantian.a) before the truth tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "buf.h"
#include "diag.h"
#include "plan_text.h"
#include "read_docx.h"
#include "textload.h"

#define MM (72.0 / 25.4)
#define PAGE_W (210 * MM)
#define PAGE_H (297 * MM)
#define LEFT (28 * MM)
#define RIGHT (26 * MM)
#define TOP (37 * MM)
#define BOTTOM (35 * MM)
#define BODY_PT 16.0
#define LINE_H (BODY_PT * 1.75)
#define TEXT_W (PAGE_W - LEFT - RIGHT)
#define FACE "Noto Serif CJK SC"

struct out {
	cairo_t *cr;
	cairo_surface_t *sf;
	int page;
	double y;          /* baseline of the next line */
};

static PangoLayout *
layout(struct out *o, const char *text, double pt, double width, int indent)
{
	PangoLayout *l = pango_cairo_create_layout(o->cr);
	/* sizes in PDF points (Pango's own points assume 96 dpi) */
	PangoFontDescription *fd = pango_font_description_from_string(FACE);
	pango_font_description_set_absolute_size(fd, pt * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_justify(l, TRUE);
		pango_layout_set_indent(l, (int)(indent * pt * PANGO_SCALE));
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

static void
show_at(struct out *o, const char *text, double pt, double x, double baseline)
{
	PangoLayout *l = layout(o, text, pt, 0, 0);
	cairo_move_to(o->cr, x, baseline);
	pango_cairo_show_layout_line(o->cr, pango_layout_get_line_readonly(l, 0));
	g_object_unref(l);
}

static double
text_width(struct out *o, const char *text, double pt)
{
	PangoLayout *l = layout(o, text, pt, 0, 0);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The running header and the page number of the current page. */
static void
page_furniture(struct out *o)
{
	show_at(o, "蓝天保卫战实施方案（内部资料）", 10.5, LEFT, 20 * MM);
	char num[32];
	snprintf(num, sizeof num, "— %d —", o->page);
	double w = text_width(o, num, 14);
	double x = o->page % 2 ? PAGE_W - RIGHT - 7 * MM - w : LEFT + 7 * MM;
	show_at(o, num, 14, x, PAGE_H - BOTTOM + 14 * MM);
}

static void
new_page_if_full(struct out *o, double need)
{
	if (o->y + need <= PAGE_H - BOTTOM)
		return;
	cairo_show_page(o->cr);
	o->page++;
	page_furniture(o);
	o->y = TOP + BODY_PT;
}

static void
paragraph(struct out *o, const char *text)
{
	if (!*text)
		return;
	PangoLayout *l = layout(o, text, BODY_PT, TEXT_W, 2);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		new_page_if_full(o, 0);
		cairo_move_to(o->cr, LEFT + (double)r.x / PANGO_SCALE, o->y);
		pango_cairo_show_layout_line(o->cr, line);
		o->y += LINE_H;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* Cells of a "|a|b|" line. */
static size_t
split_row(const char *line, char cells[][512], size_t max)
{
	size_t n = 0;
	const char *s = line + 1;
	while (*s && n < max) {
		const char *e = strchr(s, '|');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len > 511)
			len = 511;
		memcpy(cells[n], s, len);
		cells[n][len] = '\0';
		n++;
		if (!e)
			break;
		s = e + 1;
	}
	return n;
}

#define MAX_COLS 16
#define GAP (6 * MM)

/* The consecutive rows lines[i..j): columns as wide as their widest cell,
 * the type shrunk until the table fits the text width. */
static void
table(struct out *o, char **lines, size_t n)
{
	static char cells[MAX_COLS][512];
	double colw[MAX_COLS] = {0};
	size_t ncol = 0;
	double pt = 12;
	for (size_t i = 0; i < n; i++) {
		size_t c = split_row(lines[i], cells, MAX_COLS);
		ncol = c > ncol ? c : ncol;
		for (size_t k = 0; k < c; k++) {
			double w = text_width(o, cells[k], pt);
			colw[k] = w > colw[k] ? w : colw[k];
		}
	}
	double total = GAP * (double)(ncol ? ncol - 1 : 0);
	for (size_t k = 0; k < ncol; k++)
		total += colw[k];
	double scale = total > TEXT_W ? (TEXT_W - GAP * (double)(ncol - 1)) / (total - GAP * (double)(ncol - 1)) : 1;
	pt *= scale;
	for (size_t i = 0; i < n; i++) {
		size_t c = split_row(lines[i], cells, MAX_COLS);
		new_page_if_full(o, 0);
		double x = LEFT;
		for (size_t k = 0; k < c; k++) {
			if (cells[k][0])
				show_at(o, cells[k], pt, x, o->y);
			x += colw[k] * scale + GAP;
		}
		o->y += pt * 1.9;
	}
	o->y += LINE_H * 0.5;
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: make_pdf IN.docx OUT.pdf\n", stderr);
		return 2;
	}
	struct diag_list dl = {0};
	struct buf b = {0};
	struct plines l = {0};
	if (!file_read_all(argv[1], 0, &b, &dl) || !docx_read(argv[1], b.data, b.len, &l, &dl)) {
		diag_print(&dl, stderr);
		return 1;
	}
	struct out o = {0};
	o.sf = cairo_pdf_surface_create(argv[2], PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(o.sf, CAIRO_PDF_METADATA_CREATE_DATE, "2024-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(o.sf, CAIRO_PDF_METADATA_MOD_DATE, "2024-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(o.sf, CAIRO_PDF_METADATA_CREATOR, "lantian tests/prep/make_pdf");
	o.cr = cairo_create(o.sf);
	cairo_set_source_rgb(o.cr, 0, 0, 0);
	o.page = 1;
	page_furniture(&o);
	o.y = TOP + BODY_PT;
	for (size_t i = 0; i < l.n;) {
		if (l.kind[i] == PLINE_ROW) {
			size_t j = i;
			while (j < l.n && l.kind[j] == PLINE_ROW)
				j++;
			table(&o, l.text + i, j - i);
			i = j;
		} else {
			paragraph(&o, l.text[i++]);
		}
	}
	cairo_destroy(o.cr);
	cairo_surface_finish(o.sf);
	int status = cairo_surface_status(o.sf) == CAIRO_STATUS_SUCCESS ? 0 : 1;
	cairo_surface_destroy(o.sf);
	plines_free(&l);
	buf_free(&b);
	diag_free(&dl);
	return status;
}
