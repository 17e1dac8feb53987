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

/* Adapters for chart_svg and ts_figure. */
void chart_calendar_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);
void chart_trend_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);
struct chart_exceed { const struct chart_bar *bars; size_t n; };
void chart_exceed_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx);

#endif
