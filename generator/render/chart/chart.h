/*
 * chart.h -- vector charts of air quality drawn with Cairo, labelled with
 * Pango on the pinned fonts: the AQI calendar (a day grid in the AQI level
 * colours of HJ 633), the monthly trend (PM2.5 and 优良天数 against last
 * year) and the exceedance days by pollutant. The same drawing functions
 * serve the PDF bulletin (through ts_figure) and the site (chart_svg).
 *
 * The caller owns every struct it passes; nothing is kept after a call.
 * Drawing functions draw into the box (0,0)-(w,h) of cr in points and
 * leave cr's state as they found it (cairo_save/cairo_restore).
 */
#ifndef LANTIAN_CHART_H
#define LANTIAN_CHART_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"

typedef struct _cairo cairo_t;
typedef struct _PangoContext PangoContext;

/* The AQI level colours of HJ 633-2012 (level 1..6: 优 良 轻度 中度 重度
 * 严重) as 0xRRGGBB; level 0 = no valid data (grey). */
unsigned chart_level_rgb(int level);
/* "#00e400" etc., a static string. */
const char *chart_level_hex(int level);

/* One day of the calendar. */
struct chart_day {
	int day;        /* 1..31 */
	int valid;      /* 0: no valid AQI that day */
	int aqi;
	int level;      /* 1..6, 0 when !valid */
};

struct chart_calendar {
	int year, month;
	const struct chart_day *days;
	size_t n;       /* days in days[] (missing days are drawn as no data) */
};
/* A month grid, weeks in rows Monday first, each cell coloured by level
 * with the day number and AQI, and a legend of the six levels. */
void chart_calendar_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_calendar *c);

/* Twelve months of one year against the year before. A value < 0 means
 * no data for that month (drawn as a gap, never as zero). */
struct chart_trend {
	int year;
	int last_month;             /* 1..12: months after it are not shown
	                               for this year */
	double pm25[12], pm25_prev[12];       /* µg/m³ */
	double good_days[12], good_days_prev[12];
};
/* PM2.5 as two lines (this year solid, last year dashed) on the left axis,
 * 优良天数 as paired bars on the right axis, month labels 1月…12月, and a
 * legend. */
void chart_trend_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_trend *t);

/* Exceedance days by pollutant (this period against the same period last
 * year); labels like "PM2.5", "PM10", "O3-8h", "NO2", "SO2", "CO". */
struct chart_bar {
	const char *label;
	double value, prev;         /* prev < 0: none */
};
void chart_exceed_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_bar *bars, size_t n);

/*
 * Render a chart to SVG (for the site): w x h points, drawn by draw(ctx)
 * with a Pango context on the pinned fonts f. The SVG is deterministic
 * (same input, same bytes). Returns 1, or 0 with an error in dl.
 */
typedef void (*chart_draw_fn)(cairo_t *cr, PangoContext *pc, double w,
    double h, const void *ctx);
int chart_svg(struct buf *out, const struct fonts *f, double w, double h,
    chart_draw_fn draw, const void *ctx, struct diag_list *dl);

/* Adapters for chart_svg and ts_figure, each in its kind's file. */
void chart_calendar_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);
void chart_trend_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);
struct chart_exceed { const struct chart_bar *bars; size_t n; };
void chart_exceed_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);

/* The colour of text set on a cell of that level: black or white, which
 * ever contrasts more (WCAG 2 contrast ratio), as 0xRRGGBB. */
unsigned chart_level_text_rgb(int level);
/* WCAG 2 contrast ratio of two 0xRRGGBB colours (1..21). */
double chart_contrast(unsigned rgb1, unsigned rgb2);
/* The level (1..6) of an AQI, 0 when aqi < 0. */
int chart_level_of_aqi(int aqi);
/* Chinese name of a level: 优 良 轻度污染 中度污染 重度污染 严重污染, and
 * 无数据 for level 0. */
const char *chart_level_name(int level);

/*
 * Axes. An axis runs from 0 to step*n with "nice" steps (1, 2, 2.5, 5
 * times a power of ten; whole numbers only when integer is set). The
 * values shown are never negative, so every axis starts at zero.
 */
struct chart_axis {
	double step;
	int n;          /* intervals; ticks at 0, step, ..., n*step */
	int decimals;   /* digits after the point in tick labels */
};
double chart_axis_max(const struct chart_axis *a);
/* The smallest nice step with n steps reaching hi (hi <= 0 or not finite:
 * as if 1). */
void chart_axis_fit(double hi, int n, int integer, struct chart_axis *a);
/* 4..7 intervals, whichever leaves the least empty space above hi. */
void chart_axis_auto(double hi, int integer, struct chart_axis *a);
/* Two axes (left and right) with the same number of intervals, so that
 * their grid lines coincide, each as full as it can be. */
void chart_axis_pair(double hi1, int integer1, double hi2, int integer2,
    struct chart_axis *a1, struct chart_axis *a2);
/* Tick label i (0..n) into s. */
void chart_axis_label(const struct chart_axis *a, int i, char *s,
    size_t size);

/* The axes chart_trend_draw uses for t: PM2.5 on the left, 优良天数 (whole
 * days) on the right, both from the values it shows. */
void chart_trend_axes(const struct chart_trend *t, struct chart_axis *left,
    struct chart_axis *right);

/* Calendar geometry: weekday of a date (0 = Monday .. 6 = Sunday), days
 * in a month, and where a day sits in the grid (row 0 = first week). */
int chart_weekday(int year, int month, int day);
int chart_days_in_month(int year, int month);
int chart_calendar_rows(int year, int month);
void chart_calendar_cell(int year, int month, int day, int *row, int *col);

/* Where chart_calendar_draw puts things in a w x h box (points). */
struct chart_calendar_geom {
	double x0, y0;          /* top left of the first grid row */
	double cw, ch;          /* cell size */
	double head_y, head_h;  /* weekday header band */
	double legend_y;        /* top of the legend */
	int rows;
};
void chart_calendar_layout(double w, double h, int year, int month,
    PangoContext *pc, struct chart_calendar_geom *g);

/*
 * chart_svg with an accessible title: the root gets role="img" and a
 * <title> (title may be NULL: neither is added). Element ids do not depend
 * on the process (cairo numbers surfaces globally; they are renumbered).
 */
int chart_svg_titled(struct buf *out, const struct fonts *f, double w,
    double h, const char *title, chart_draw_fn draw, const void *ctx,
    struct diag_list *dl);

#endif
