/*
 * chart_trend.c -- the monthly trend: PM2.5 of this year (solid line,
 * filled markers) and last year (dashed, hollow markers) on the left axis,
 * 优良天数 of both years as paired bars on the right axis, months 1月…12月
 * along the bottom, a legend on top. Missing months are gaps, never zero;
 * the two axes share their grid lines (chart_axis_pair).
 */
#include <math.h>
#include <stdio.h>

#include "chart.h"
#include "chart_text.h"

#define LABEL_PT 9.0


/* A value that can be drawn: known (>= 0, finite) and, for this year,
 * not after last_month. */
static int
shown(double v, int month, int last_month)
{
	return isfinite(v) && v >= 0 && month <= last_month;
}

/* The largest value shown of two series; 0 when none. */
static double
series_max(const double *a, int last_a, const double *b, int last_b)
{
	double hi = 0;

	for (int m = 1; m <= 12; m++) {
		if (shown(a[m - 1], m, last_a) && a[m - 1] > hi)
			hi = a[m - 1];
		if (shown(b[m - 1], m, last_b) && b[m - 1] > hi)
			hi = b[m - 1];
	}
	return hi;
}

static int
any_shown(const double *a, int last)
{
	for (int m = 1; m <= last && m <= 12; m++)
		if (shown(a[m - 1], m, last))
			return 1;
	return 0;
}

static int
clamp_month(int m)
{
	return m < 0 ? 0 : m > 12 ? 12 : m;
}

static int
has_data(const struct chart_trend *t)
{
	int last = clamp_month(t->last_month);

	return any_shown(t->pm25, last) || any_shown(t->pm25_prev, 12) ||
	    any_shown(t->good_days, last) || any_shown(t->good_days_prev, 12);
}

void
chart_trend_axes(const struct chart_trend *t, struct chart_axis *left,
    struct chart_axis *right)
{
	int last = clamp_month(t->last_month);
	double pm = series_max(t->pm25, last, t->pm25_prev, 12);
	double days = series_max(t->good_days, last, t->good_days_prev, 12);

	/* A series without data (or all zero) still gets a plausible
	 * scale: the PM2.5 24-hour limit, a month of days. */
	chart_axis_pair(pm > 0 ? pm : 75, 0, days > 0 ? days : 30, 1, left,
	    right);
}

struct plot {
	double x, y, w, h;  /* the plot area */
	struct chart_axis left, right;
};

static double
band_x(const struct plot *p, int month)
{
	return p->x + (month - 0.5) * p->w / 12;
}

static double
val_y(const struct plot *p, const struct chart_axis *a, double v)
{
	return p->y + p->h - v / chart_axis_max(a) * p->h;
}

/* Grid lines, tick labels on both sides, the base line, month labels. */
static void
draw_axes(cairo_t *cr, PangoLayout *l, const struct plot *p)
{
	char s[32];

	chart_grid(cr, p->x, p->y, p->w, p->h, p->left.n);
	for (int i = 0; i <= p->left.n; i++) {
		double y = p->y + p->h - i * p->h / p->left.n;
		chart_axis_label(&p->left, i, s, sizeof s);
		chart_text(cr, l, s, p->x - 4, y, 1, 0.5, CHART_INK);
		chart_axis_label(&p->right, i, s, sizeof s);
		chart_text(cr, l, s, p->x + p->w + 4, y, 0, 0.5, CHART_INK);
	}
	for (int m = 1; m <= 12; m++) {
		snprintf(s, sizeof s, "%d月", m);
		chart_text(cr, l, s, band_x(p, m), p->y + p->h + 3, 0.5, 0,
		    CHART_INK);
	}
}

static void
draw_bars(cairo_t *cr, const struct plot *p, const struct chart_trend *t)
{
	double bw = p->w / 12 * 0.3;

	cairo_save(cr);
	for (int m = 1; m <= 12; m++) {
		double cx = band_x(p, m), v;
		/* Last year left of this year: the bars read in time order. */
		v = t->good_days_prev[m - 1];
		if (shown(v, m, 12)) {
			cairo_rectangle(cr, cx - bw, val_y(p, &p->right, v), bw,
			    v / chart_axis_max(&p->right) * p->h);
			chart_rgb(cr, CHART_DAYS_PREV_RGB);
			cairo_fill(cr);
		}
		v = t->good_days[m - 1];
		if (shown(v, m, t->last_month)) {
			cairo_rectangle(cr, cx, val_y(p, &p->right, v), bw,
			    v / chart_axis_max(&p->right) * p->h);
			chart_rgb(cr, CHART_DAYS_RGB);
			cairo_fill(cr);
		}
	}
	cairo_restore(cr);
}

/* One PM2.5 series: segments between neighbouring months that both have
 * data, then a marker on every month that has. */
static void
draw_line(cairo_t *cr, const struct plot *p, const double *v, int last,
    int dashed, unsigned rgb)
{
	cairo_save(cr);
	chart_line_style(cr, dashed, 1.0);
	chart_rgb(cr, rgb);
	for (int m = 1; m < 12; m++) {
		if (!shown(v[m - 1], m, last) || !shown(v[m], m + 1, last))
			continue;
		cairo_move_to(cr, band_x(p, m), val_y(p, &p->left, v[m - 1]));
		cairo_line_to(cr, band_x(p, m + 1), val_y(p, &p->left, v[m]));
	}
	cairo_stroke(cr);
	for (int m = 1; m <= 12; m++)
		if (shown(v[m - 1], m, last))
			chart_marker(cr, band_x(p, m),
			    val_y(p, &p->left, v[m - 1]), 2.2, dashed, rgb);
	cairo_restore(cr);
}

static double
legend(cairo_t *cr, PangoLayout *l, const struct chart_trend *t, double w)
{
	char a[4][48];
	struct chart_key_item it[4] = {
		{ CHART_KEY_LINE, CHART_PM_RGB, a[0] },
		{ CHART_KEY_DASH, CHART_PM_PREV_RGB, a[1] },
		{ CHART_KEY_BOX, CHART_DAYS_RGB, a[2] },
		{ CHART_KEY_BOX, CHART_DAYS_PREV_RGB, a[3] },
	};

	snprintf(a[0], sizeof a[0], "%d年PM2.5", t->year);
	snprintf(a[1], sizeof a[1], "%d年PM2.5", t->year - 1);
	snprintf(a[2], sizeof a[2], "%d年优良天数", t->year);
	snprintf(a[3], sizeof a[3], "%d年优良天数", t->year - 1);
	return chart_legend(cr, l, it, 4, 0, 0, w);
}

/* Widest tick label of an axis. */
static double
ticks_width(PangoLayout *l, const struct chart_axis *a)
{
	char s[32];
	double w, h, max = 0;

	for (int i = 0; i <= a->n; i++) {
		chart_axis_label(a, i, s, sizeof s);
		chart_text_size(l, s, &w, &h);
		if (w > max)
			max = w;
	}
	return max;
}

void
chart_trend_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_trend *t)
{
	static const char left_title[] = "PM2.5（µg/m³）";
	static const char right_title[] = "优良天数（天）";
	struct plot p;
	PangoLayout *l;
	double th, tw, top;
	int last = clamp_month(t->last_month);
	int have = has_data(t);

	cairo_save(cr);
	l = chart_layout(pc, LABEL_PT);
	chart_text_size(l, "月", &tw, &th);
	chart_trend_axes(t, &p.left, &p.right);
	top = legend(cr, l, t, w) + 0.3 * th;
	chart_text(cr, l, left_title, 0, top, 0, 0, CHART_INK);
	chart_text(cr, l, right_title, w, top, 1, 0, CHART_INK);
	/* The plot starts half a line below the axis titles, so that the
	 * top tick label (centred on its grid line) stays clear of them. */
	p.y = top + 1.5 * th;
	p.x = ticks_width(l, &p.left) + 5;
	p.w = w - p.x - ticks_width(l, &p.right) - 5;
	p.h = h - p.y - th - 3;
	if (p.w > 0 && p.h > 0) {
		draw_axes(cr, l, &p);
		draw_bars(cr, &p, t);
		draw_line(cr, &p, t->pm25_prev, 12, 1, CHART_PM_PREV_RGB);
		draw_line(cr, &p, t->pm25, last, 0, CHART_PM_RGB);
		if (!have)
			chart_text_boxed(cr, l, "无数据", p.x + p.w / 2,
			    p.y + p.h / 2, 0.5, 0.5, CHART_INK, 0xffffffu);
	}
	g_object_unref(l);
	cairo_restore(cr);
}

/* The chart_draw_fn of this kind (chart_svg, ts_figure). */
void
chart_trend_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	chart_trend_draw(cr, pc, w, h, ctx);
}
