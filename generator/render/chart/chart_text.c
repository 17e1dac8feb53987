/*
 * chart_text.c -- labels, hatching, markers and legends shared by the
 * charts.
 */
#include <math.h>

#include "chart_text.h"
#include "pangofonts.h"

PangoLayout *
chart_layout(PangoContext *pc, double pt)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pangofonts_desc(CHART_FONT, pt);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}

void
chart_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void
chart_text_size(PangoLayout *l, const char *s, double *w, double *h)
{
	PangoRectangle lr;

	/* Plain text, never markup: labels may come from data. */
	pango_layout_set_text(l, s, -1);
	pango_layout_get_extents(l, NULL, &lr);
	*w = (double)lr.width / PANGO_SCALE;
	*h = (double)lr.height / PANGO_SCALE;
}

void
chart_text(cairo_t *cr, PangoLayout *l, const char *s, double x, double y,
    double ax, double ay, unsigned rgb)
{
	double w, h;

	chart_text_size(l, s, &w, &h);
	cairo_save(cr);
	chart_rgb(cr, rgb);
	cairo_move_to(cr, x - ax * w, y - ay * h);
	pango_cairo_show_layout(cr, l);
	cairo_restore(cr);
}

double
chart_text_wrapped(cairo_t *cr, PangoLayout *l, const char *s, double x,
    double y, double w, unsigned rgb)
{
	PangoRectangle lr;

	pango_layout_set_text(l, s, -1);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_get_extents(l, NULL, &lr);
	if (cr != NULL) {
		cairo_save(cr);
		chart_rgb(cr, rgb);
		cairo_move_to(cr, x, y);
		pango_cairo_show_layout(cr, l);
		cairo_restore(cr);
	}
	pango_layout_set_width(l, -1);
	pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
	return (double)lr.height / PANGO_SCALE;
}

void
chart_text_boxed(cairo_t *cr, PangoLayout *l, const char *s, double x,
    double y, double ax, double ay, unsigned rgb, unsigned bg)
{
	double w, h, m;

	chart_text_size(l, s, &w, &h);
	m = 0.12 * h;
	cairo_save(cr);
	cairo_rectangle(cr, x - ax * w - m, y - ay * h + m, w + 2 * m,
	    h - 2 * m);
	chart_rgb(cr, bg);
	cairo_fill(cr);
	cairo_restore(cr);
	chart_text(cr, l, s, x, y, ax, ay, rgb);
}

void
chart_hatch(cairo_t *cr, double x, double y, double w, double h,
    unsigned bg, unsigned ink)
{
	double gap = 4.0;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	chart_rgb(cr, bg);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	/* Lines at 45 degrees, from the bottom-left corner upwards; their
	 * phase follows the cell, so every cell looks the same. */
	for (double d = gap; d < w + h; d += gap) {
		cairo_move_to(cr, x + d, y);
		cairo_line_to(cr, x + d - h, y + h);
	}
	chart_rgb(cr, ink);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void
chart_line_style(cairo_t *cr, int dashed, double unit)
{
	static const double dash[] = { 4.0, 2.5 };
	double d[2] = { dash[0] * unit, dash[1] * unit };

	cairo_set_line_width(cr, 1.6 * unit);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	cairo_set_dash(cr, d, dashed ? 2 : 0, 0);
}

void
chart_marker(cairo_t *cr, double x, double y, double r, int hollow,
    unsigned rgb)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_new_sub_path(cr);
	cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	chart_rgb(cr, hollow ? 0xffffffu : rgb);
	cairo_fill_preserve(cr);
	chart_rgb(cr, rgb);
	cairo_set_line_width(cr, 1.0);
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The key symbol of one item in a sw x sh box at (x, y). */
static void
draw_key(cairo_t *cr, const struct chart_key_item *it, double x, double y,
    double sw, double sh)
{
	cairo_save(cr);
	switch (it->key) {
	case CHART_KEY_BOX:
		cairo_rectangle(cr, x, y, sw, sh);
		chart_rgb(cr, it->rgb);
		cairo_fill_preserve(cr);
		/* A hairline keeps light swatches (良 yellow) visible on
		 * white paper. */
		chart_rgb(cr, 0x808080u);
		cairo_set_line_width(cr, 0.4);
		cairo_stroke(cr);
		break;
	case CHART_KEY_HATCH:
		chart_hatch(cr, x, y, sw, sh, CHART_NODATA, CHART_NODATA_INK);
		cairo_rectangle(cr, x, y, sw, sh);
		chart_rgb(cr, 0x808080u);
		cairo_set_line_width(cr, 0.4);
		cairo_stroke(cr);
		break;
	case CHART_KEY_LINE:
	case CHART_KEY_DASH:
		chart_line_style(cr, it->key == CHART_KEY_DASH, 1.0);
		chart_rgb(cr, it->rgb);
		cairo_move_to(cr, x, y + sh / 2);
		cairo_line_to(cr, x + sw, y + sh / 2);
		cairo_stroke(cr);
		chart_marker(cr, x + sw / 2, y + sh / 2, 2.2,
		    it->key == CHART_KEY_DASH, it->rgb);
		break;
	}
	cairo_restore(cr);
}

/* Width of the symbol of an item, given the text height th. */
static double
key_width(const struct chart_key_item *it, double th)
{
	double s = 0.55 * th;

	return it->key == CHART_KEY_LINE || it->key == CHART_KEY_DASH ?
	    2.6 * s : s;
}

/* Draw (when cr) the items [from, to) as one row centred in w. */
static void
legend_row(cairo_t *cr, PangoLayout *l, const struct chart_key_item *it,
    size_t from, size_t to, double roww, double x, double y, double w,
    double gap, double item_gap)
{
	double cx = x + (w - roww) / 2, tw, th;

	for (size_t i = from; i < to; i++) {
		chart_text_size(l, it[i].label, &tw, &th);
		double kw = key_width(&it[i], th), s = 0.55 * th;
		draw_key(cr, &it[i], cx, y + (th - s) / 2, kw, s);
		chart_text(cr, l, it[i].label, cx + kw + gap, y, 0, 0,
		    CHART_INK);
		cx += kw + gap + tw + item_gap;
	}
}

double
chart_legend(cairo_t *cr, PangoLayout *l, const struct chart_key_item *it,
    size_t n, double x, double y, double w)
{
	double tw, th = 0, rowh = 0, used = 0, rowx = 0;
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		chart_text_size(l, it[i].label, &tw, &th);
		double gap = 0.3 * th, item_gap = 1.0 * th;
		double iw = key_width(&it[i], th) + gap + tw;
		/* Wrap before an item that does not fit (never before the
		 * first of a row). */
		if (i > from && rowx + item_gap + iw > w) {
			if (cr)
				legend_row(cr, l, it, from, i, rowx, x,
				    y + used, w, gap, item_gap);
			used += rowh;
			from = i;
			rowx = 0;
		}
		rowx += (i > from ? item_gap : 0) + iw;
		rowh = th;
	}
	if (n > from) {
		if (cr) {
			chart_text_size(l, it[from].label, &tw, &th);
			legend_row(cr, l, it, from, n, rowx, x, y + used, w,
			    0.3 * th, 1.0 * th);
		}
		used += rowh;
	}
	return used;
}

void
chart_grid(cairo_t *cr, double x, double y, double w, double h, int n)
{
	cairo_save(cr);
	cairo_set_line_width(cr, 0.5);
	chart_rgb(cr, CHART_GRID);
	for (int i = 1; i <= n; i++) {
		double gy = y + h - i * h / n;
		cairo_move_to(cr, x, gy);
		cairo_line_to(cr, x + w, gy);
	}
	cairo_stroke(cr);
	chart_rgb(cr, CHART_AXIS);
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x, y + h);
	cairo_line_to(cr, x + w, y + h);
	cairo_stroke(cr);
	cairo_restore(cr);
}
