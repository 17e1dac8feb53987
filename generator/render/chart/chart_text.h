/*
 * chart_text.h -- what the chart_*.c files share: labels set with Pango
 * on the pinned fonts and placed by an anchor point, colours given as
 * 0xRRGGBB, hatching for "no data", and the legend (a row of keys that
 * wraps when the box is narrow). Private to the chart_*.c files.
 */
#ifndef LANTIAN_CHART_TEXT_H
#define LANTIAN_CHART_TEXT_H

#include <pango/pangocairo.h>

#include "fonts.h"

/* Colours of the chart furniture. */
#define CHART_INK        0x222222u  /* labels */
#define CHART_AXIS       0x555555u  /* axis lines and ticks */
#define CHART_GRID       0xd9d9d9u  /* grid lines */
#define CHART_NODATA     0xe6e6e6u  /* no-data cell */
#define CHART_NODATA_INK 0xbababau  /* its hatching */

/* The trend chart's series. */
#define CHART_PM_RGB        0x1f4e9au  /* PM2.5 this year: dark blue */
#define CHART_PM_PREV_RGB   0x6f7f99u  /* last year: grey blue */
#define CHART_DAYS_RGB      0x3aa655u  /* 优良天数 this year: green */
#define CHART_DAYS_PREV_RGB 0xb9e0c2u  /* last year: pale green */
/* The exceedance chart's bars. */
#define CHART_EXC_RGB       0xd9480fu  /* this period: deep orange */
#define CHART_EXC_PREV_RGB  0xf5bfa6u  /* last year: pale orange */

/* The chart label face: the 黑体 role (Noto Sans CJK), which stays
 * legible at small sizes where the 仿宋 role's thin strokes do not. */
#define CHART_FONT FONT_HEADING1

/* A layout on pc in the chart face at pt points; g_object_unref() it. */
PangoLayout *chart_layout(PangoContext *pc, double pt);

void chart_rgb(cairo_t *cr, unsigned rgb);

/* Logical size of s set in l. */
void chart_text_size(PangoLayout *l, const char *s, double *w, double *h);

/* Draw s with its logical box anchored at (x, y): ax, ay in 0..1 pick
 * the point of the box (0,0 top left; 0.5,0.5 centre; 1,1 bottom right). */
void chart_text(cairo_t *cr, PangoLayout *l, const char *s, double x,
    double y, double ax, double ay, unsigned rgb);

/* s centred in a band of width w at x (x is the band's left), its top at
 * y, broken into lines (at any character) when wider than w. Returns the
 * height used; draws only when cr != NULL. Leaves l unwrapped. */
double chart_text_wrapped(cairo_t *cr, PangoLayout *l, const char *s,
    double x, double y, double w, unsigned rgb);

/* s on a background box of colour bg (so that it stays legible over
 * hatching or grid lines); anchored like chart_text. */
void chart_text_boxed(cairo_t *cr, PangoLayout *l, const char *s, double x,
    double y, double ax, double ay, unsigned rgb, unsigned bg);

/* Diagonal hatching over the rectangle (for missing data). */
void chart_hatch(cairo_t *cr, double x, double y, double w, double h,
    unsigned bg, unsigned ink);

enum chart_key {
	CHART_KEY_BOX,    /* a filled square (bars, calendar levels) */
	CHART_KEY_HATCH,  /* a hatched square (no data) */
	CHART_KEY_LINE,   /* a solid line with a filled marker */
	CHART_KEY_DASH,   /* a dashed line with a hollow marker */
};
struct chart_key_item {
	enum chart_key key;
	unsigned rgb;
	const char *label;
};

/* Lay out the legend centred in a band of width w starting at (x, y),
 * wrapping into more rows when needed; draws when cr != NULL. Returns the
 * height used. */
double chart_legend(cairo_t *cr, PangoLayout *l,
    const struct chart_key_item *it, size_t n, double x, double y, double w);

/* The trend chart's line styles, shared by its legend and its plot. */
void chart_line_style(cairo_t *cr, int dashed, double unit);
/* The plot box (x, y, w, h): n - 1 horizontal grid lines between the
 * base line and the top, and the base line itself. */
void chart_grid(cairo_t *cr, double x, double y, double w, double h, int n);
void chart_marker(cairo_t *cr, double x, double y, double r, int hollow,
    unsigned rgb);

#endif
