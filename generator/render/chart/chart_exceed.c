/*
 * chart_exceed.c -- exceedance days by pollutant: for each pollutant a
 * pair of bars (the same period last year, pale, on the left; this period
 * on the right), each labelled with its value, on a day axis from zero.
 */
#include <math.h>
#include <stdio.h>

#include "chart.h"
#include "chart_text.h"

#define LABEL_PT  9.0
#define NOW_RGB   CHART_EXC_RGB
#define PREV_RGB  CHART_EXC_PREV_RGB

static int
known(double v)
{
	return isfinite(v) && v >= 0;
}

struct eplot {
	double x, y, w, h, band;
	struct chart_axis axis;
};

static void
draw_axis(cairo_t *cr, PangoLayout *l, const struct eplot *p)
{
	char s[32];

	chart_grid(cr, p->x, p->y, p->w, p->h, p->axis.n);
	for (int i = 0; i <= p->axis.n; i++) {
		chart_axis_label(&p->axis, i, s, sizeof s);
		chart_text(cr, l, s, p->x - 4, p->y + p->h - i * p->h / p->axis.n,
		    1, 0.5, CHART_INK);
	}
}

/* A bar of value v with its left edge at x, labelled above. */
static void
draw_bar(cairo_t *cr, PangoLayout *l, const struct eplot *p, double x,
    double bw, double v, unsigned rgb)
{
	char s[32];
	double bh = v / chart_axis_max(&p->axis) * p->h;

	cairo_save(cr);
	cairo_rectangle(cr, x, p->y + p->h - bh, bw, bh);
	chart_rgb(cr, rgb);
	cairo_fill(cr);
	cairo_restore(cr);
	/* Whole days print without decimals; anything else with one. */
	if (v == floor(v) && v < 1e9)
		snprintf(s, sizeof s, "%.0f", v);
	else
		snprintf(s, sizeof s, "%.1f", v);
	chart_text(cr, l, s, x + bw / 2, p->y + p->h - bh - 1, 0.5, 1,
	    CHART_INK);
}

void
chart_exceed_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_bar *bars, size_t n)
{
	static const struct chart_key_item it[2] = {
		{ CHART_KEY_BOX, NOW_RGB, "本期" },
		{ CHART_KEY_BOX, PREV_RGB, "去年同期" },
	};
	struct eplot p;
	PangoLayout *l;
	double hi = 0, th, tw, top, labels_h = 0;
	char s[32];

	cairo_save(cr);
	l = chart_layout(pc, LABEL_PT);
	chart_text_size(l, "天", &tw, &th);
	for (size_t i = 0; i < n; i++) {
		if (known(bars[i].value) && bars[i].value > hi)
			hi = bars[i].value;
		if (known(bars[i].prev) && bars[i].prev > hi)
			hi = bars[i].prev;
	}
	/* At least a few days of scale, so that zeros look like zeros. */
	chart_axis_auto(hi < 4 ? 4 : hi, 1, &p.axis);
	top = chart_legend(cr, l, it, 2, 0, 0, w) + 0.3 * th;
	chart_text(cr, l, "超标天数（天）", 0, top, 0, 0, CHART_INK);
	chart_axis_label(&p.axis, p.axis.n, s, sizeof s);
	chart_text_size(l, s, &tw, &th);
	p.x = tw + 5;
	p.w = w - p.x;
	p.band = n > 0 ? p.w / n : p.w;
	for (size_t i = 0; i < n; i++) {
		double lh = chart_text_wrapped(NULL, l,
		    bars[i].label ? bars[i].label : "", 0, 0, p.band, CHART_INK);
		if (lh > labels_h)
			labels_h = lh;
	}
	/* A line of room above the plot for the tallest bar's label. */
	p.y = top + 2.2 * th;
	p.h = h - p.y - labels_h - 3;
	if (p.w > 0 && p.h > 0) {
		draw_axis(cr, l, &p);
		for (size_t i = 0; i < n; i++) {
			double x = p.x + i * p.band, bw = p.band * 0.3;
			double cx = x + p.band / 2;
			if (known(bars[i].prev))
				draw_bar(cr, l, &p, cx - bw, bw, bars[i].prev,
				    PREV_RGB);
			if (known(bars[i].value))
				draw_bar(cr, l, &p, cx, bw, bars[i].value,
				    NOW_RGB);
			chart_text_wrapped(cr, l,
			    bars[i].label ? bars[i].label : "", x, p.y + p.h + 3,
			    p.band, CHART_INK);
		}
		if (n == 0)
			chart_text(cr, l, "无数据", p.x + p.w / 2, p.y + p.h / 2,
			    0.5, 0.5, CHART_INK);
	}
	g_object_unref(l);
	cairo_restore(cr);
}

/* The chart_draw_fn of this kind (chart_svg, ts_figure). */
void
chart_exceed_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	const struct chart_exceed *e = ctx;

	chart_exceed_draw(cr, pc, w, h, e->bars, e->n);
}
