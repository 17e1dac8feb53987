/*
 * test_chart.c -- the air-quality charts (chart*.c): the HJ 633 level
 * colours and legible text on them, calendar geometry for any month,
 * the trend chart's axes computed from the data, gaps for missing months
 * (checked on rendered pixels), odd input (no data, NaN, negative, days
 * out of range) and the SVG: well-formed, scalable, titled, glyphs
 * present, and the same bytes in two renders and in a fresh process with
 * another TZ and locale.
 *
 * The charts of real data (the fixtures tests/data/bulletin/
 * nanzhao-2024-08.xml and nanyang-index.xml) are checked against HJ 633's
 * bands and colours and the merged month's figures; with LT_CHART_PNG=dir
 * they are also written there as PNG, for looking at.
 */
#include <limits.h>
#include <math.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "chart.h"
#include "chart_text.h"
#include "fsutil.h"
#include "lt_fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "util.h"

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

/* Draw into a white ARGB image of w x h points at scale pixels/point. */
static cairo_surface_t *
render(chart_draw_fn fn, const void *ctx, double w, double h, double scale)
{
	ck_assert_ptr_nonnull(fonts);
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)ceil(w * scale), (int)ceil(h * scale));
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, cr);
	fn(cr, pc, w, h, ctx);
	/* The drawing leaves the state as it found it. */
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_matrix_t m;
	cairo_get_matrix(cr, &m);
	ck_assert(m.xx == scale && m.x0 == 0);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* The colour at (x, y) points. */
static unsigned
pixel(cairo_surface_t *s, double x, double y, double scale)
{
	int px = (int)(x * scale), py = (int)(y * scale);
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);

	ck_assert(px >= 0 && px < cairo_image_surface_get_width(s));
	ck_assert(py >= 0 && py < cairo_image_surface_get_height(s));
	uint32_t v;
	memcpy(&v, d + py * stride + px * 4, 4);
	return v & 0xffffffu;
}

/* Pixels of exactly colour rgb. */
static size_t
count_rgb(cairo_surface_t *s, unsigned rgb)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	size_t n = 0;

	for (int y = 0; y < cairo_image_surface_get_height(s); y++)
		for (int x = 0; x < cairo_image_surface_get_width(s); x++) {
			uint32_t v;
			memcpy(&v, d + y * stride + x * 4, 4);
			n += (v & 0xffffffu) == rgb;
		}
	return n;
}

/* ---- colours ------------------------------------------------------ */

START_TEST(level_colours_are_hj633)
{
	/* HJ 633-2012 table 2 (lantian-air(7), 级别). */
	static const struct { unsigned rgb; const char *hex, *name; } want[7] = {
		{ 0, NULL, "无数据" },
		{ 0x00E400, "#00E400", "优" },
		{ 0xFFFF00, "#FFFF00", "良" },
		{ 0xFF7E00, "#FF7E00", "轻度污染" },
		{ 0xFF0000, "#FF0000", "中度污染" },
		{ 0x99004C, "#99004C", "重度污染" },
		{ 0x7E0023, "#7E0023", "严重污染" },
	};
	for (int lv = 1; lv <= 6; lv++) {
		ck_assert_uint_eq(chart_level_rgb(lv), want[lv].rgb);
		ck_assert_int_eq(strcasecmp(chart_level_hex(lv), want[lv].hex), 0);
		ck_assert_str_eq(chart_level_name(lv), want[lv].name);
	}
	/* No data (and anything out of range) is a neutral grey. */
	int bad[] = { 0, -1, 7, 1000 };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned g = chart_level_rgb(bad[i]);
		ck_assert_uint_eq(g >> 16, (g >> 8) & 0xff);
		ck_assert_uint_eq(g & 0xff, (g >> 8) & 0xff);
		ck_assert_uint_ne(g, 0xffffffu);
		ck_assert_str_eq(chart_level_name(bad[i]), "无数据");
		ck_assert_ptr_nonnull(chart_level_hex(bad[i]));
	}
	static const int aqi_level[][2] = {
		{ -1, 0 }, { 0, 1 }, { 50, 1 }, { 51, 2 }, { 100, 2 },
		{ 101, 3 }, { 150, 3 }, { 151, 4 }, { 200, 4 }, { 201, 5 },
		{ 300, 5 }, { 301, 6 }, { 500, 6 }, { 900, 6 },
	};
	for (size_t i = 0; i < sizeof aqi_level / sizeof aqi_level[0]; i++)
		ck_assert_int_eq(chart_level_of_aqi(aqi_level[i][0]),
		    aqi_level[i][1]);
}
END_TEST

START_TEST(text_on_levels_is_legible)
{
	/* WCAG 2 reference values. */
	ck_assert(fabs(chart_contrast(0x000000, 0xffffff) - 21.0) < 1e-9);
	ck_assert(fabs(chart_contrast(0x777777, 0x777777) - 1.0) < 1e-9);
	for (int lv = 0; lv <= 6; lv++) {
		unsigned ink = chart_level_text_rgb(lv);
		double c = chart_contrast(ink, chart_level_rgb(lv));
		printf("test_chart: %s %s: %s text, contrast %.2f:1\n",
		    chart_level_name(lv), chart_level_hex(lv),
		    ink ? "white" : "black", c);
		/* WCAG AA for normal text. */
		ck_assert_msg(c >= 4.5, "level %d: contrast %.2f", lv, c);
	}
	/* Dark text on the light levels, white on the dark ones. */
	for (int lv = 1; lv <= 3; lv++)
		ck_assert_uint_eq(chart_level_text_rgb(lv), 0x000000);
	for (int lv = 5; lv <= 6; lv++)
		ck_assert_uint_eq(chart_level_text_rgb(lv), 0xffffff);
}
END_TEST

/* ---- calendar geometry -------------------------------------------- */

START_TEST(weekdays_and_month_lengths)
{
	static const int wd[][4] = {
		{ 2024, 8, 1, 3 },   /* Thursday */
		{ 2000, 1, 1, 5 },   /* Saturday */
		{ 1970, 1, 1, 3 },   /* Thursday */
		{ 2024, 2, 29, 3 },  /* Thursday */
		{ 2025, 6, 1, 6 },   /* Sunday */
		{ 2021, 2, 1, 0 },   /* Monday */
		{ 2026, 3, 1, 6 },   /* Sunday */
		{ 2023, 1, 1, 6 },   /* Sunday */
	};
	for (size_t i = 0; i < sizeof wd / sizeof wd[0]; i++)
		ck_assert_msg(chart_weekday(wd[i][0], wd[i][1], wd[i][2]) ==
		    wd[i][3], "%d-%d-%d", wd[i][0], wd[i][1], wd[i][2]);
	ck_assert_int_eq(chart_days_in_month(2024, 2), 29);
	ck_assert_int_eq(chart_days_in_month(2023, 2), 28);
	ck_assert_int_eq(chart_days_in_month(1900, 2), 28);
	ck_assert_int_eq(chart_days_in_month(2000, 2), 29);
	ck_assert_int_eq(chart_days_in_month(2024, 4), 30);
	ck_assert_int_eq(chart_days_in_month(2024, 12), 31);
	ck_assert_int_eq(chart_days_in_month(2024, 13), 0);
	ck_assert_int_eq(chart_days_in_month(2024, 0), 0);
}
END_TEST

START_TEST(calendar_cells)
{
	int row, col;

	/* 2024-08: the 1st is a Thursday, the 31st a Saturday of week 5. */
	chart_calendar_cell(2024, 8, 1, &row, &col);
	ck_assert_int_eq(row, 0);
	ck_assert_int_eq(col, 3);
	chart_calendar_cell(2024, 8, 5, &row, &col);
	ck_assert_int_eq(row, 1);
	ck_assert_int_eq(col, 0);
	chart_calendar_cell(2024, 8, 31, &row, &col);
	ck_assert_int_eq(row, 4);
	ck_assert_int_eq(col, 5);
	ck_assert_int_eq(chart_calendar_rows(2024, 8), 5);
	/* February 2021: 28 days from a Monday, four rows exactly. */
	ck_assert_int_eq(chart_calendar_rows(2021, 2), 4);
	/* March 2026: 31 days from a Sunday, six rows. */
	ck_assert_int_eq(chart_calendar_rows(2026, 3), 6);
	chart_calendar_cell(2026, 3, 1, &row, &col);
	ck_assert_int_eq(col, 6);
	chart_calendar_cell(2026, 3, 31, &row, &col);
	ck_assert_int_eq(row, 5);
	ck_assert_int_eq(col, 1);

	/* Every month of a decade: each day in its own cell, in order. */
	for (int y = 2020; y <= 2030; y++)
		for (int m = 1; m <= 12; m++) {
			int rows = chart_calendar_rows(y, m), prev = -1;
			ck_assert(rows >= 4 && rows <= 6);
			for (int d = 1; d <= chart_days_in_month(y, m); d++) {
				chart_calendar_cell(y, m, d, &row, &col);
				int pos = row * 7 + col;
				ck_assert_int_eq(pos, d == 1 ?
				    chart_weekday(y, m, 1) : prev + 1);
				ck_assert_int_eq(col, chart_weekday(y, m, d));
				ck_assert(row < rows);
				prev = pos;
			}
		}
}
END_TEST

START_TEST(calendar_layout_fits_the_box)
{
	struct chart_calendar_geom g;
	ck_assert_ptr_nonnull(fonts);
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	static const double box[][2] = {
		{ 442, 283 }, { 442, 200 }, { 300, 200 }, { 800, 600 },
	};

	for (size_t i = 0; i < sizeof box / sizeof box[0]; i++) {
		double w = box[i][0], h = box[i][1];
		chart_calendar_layout(w, h, 2024, 8, pc, &g);
		ck_assert_int_eq(g.rows, 5);
		ck_assert(fabs(g.cw - w / 7) < 1e-9);
		ck_assert(g.head_h > 0 && g.y0 >= g.head_y + g.head_h - 1e-9);
		ck_assert(g.ch > 10);
		ck_assert(g.y0 + g.rows * g.ch <= g.legend_y + 1e-9);
		ck_assert(g.legend_y < h);
	}
	g_object_unref(pc);
	g_object_unref(fm);
}
END_TEST

/* ---- calendar drawing --------------------------------------------- */

#define SCALE 2.0

/* The colour in the middle-left of day d's cell (clear of its text). */
static unsigned
cell_colour(cairo_surface_t *s, const struct chart_calendar *c, double w,
    double h, int d)
{
	struct chart_calendar_geom g;
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	int row, col;

	chart_calendar_layout(w, h, c->year, c->month, pc, &g);
	g_object_unref(pc);
	g_object_unref(fm);
	chart_calendar_cell(c->year, c->month, d, &row, &col);
	return pixel(s, g.x0 + (col + 0.3) * g.cw, g.y0 + (row + 0.55) * g.ch,
	    SCALE);
}

static int
is_grey(unsigned rgb)
{
	unsigned r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

	return r == g && g == b && r < 0xff;
}

START_TEST(calendar_colours_by_level)
{
	struct chart_day days[] = {
		{ 1, 1, 30, 1 }, { 2, 1, 75, 2 }, { 3, 1, 120, 3 },
		{ 4, 1, 180, 4 }, { 5, 1, 250, 5 }, { 6, 1, 420, 6 },
		{ 7, 0, 0, 0 },          /* invalid */
		{ 8, 1, -5, 2 },         /* negative AQI: no data */
		{ 9, 1, 160, 0 },        /* level missing: from the AQI */
		{ 0, 1, 30, 1 }, { 32, 1, 30, 1 }, { -3, 1, 30, 1 },
		/* 10..31 absent */
	};
	struct chart_calendar c = { 2024, 8, days, sizeof days / sizeof days[0] };
	double w = 442, h = 283;
	cairo_surface_t *s = render(chart_calendar_fn, &c, w, h, SCALE);

	for (int d = 1; d <= 6; d++)
		ck_assert_msg(cell_colour(s, &c, w, h, d) == chart_level_rgb(d),
		    "day %d: %06x", d, cell_colour(s, &c, w, h, d));
	ck_assert(is_grey(cell_colour(s, &c, w, h, 7)));
	ck_assert(is_grey(cell_colour(s, &c, w, h, 8)));
	ck_assert_uint_eq(cell_colour(s, &c, w, h, 9), chart_level_rgb(4));
	for (int d = 10; d <= 31; d++)
		ck_assert(is_grey(cell_colour(s, &c, w, h, d)));
	/* Before the 1st (Monday 29 July's place): blank paper. */
	struct chart_calendar_geom g;
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, NULL);
	chart_calendar_layout(w, h, 2024, 8, pc, &g);
	ck_assert_uint_eq(pixel(s, g.x0 + 0.5 * g.cw, g.y0 + 0.5 * g.ch,
	    SCALE), 0xffffffu);
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_surface_destroy(s);
}
END_TEST

START_TEST(calendar_without_data)
{
	/* Every day missing, in months of 28 to 31 days. */
	static const int ym[][2] = {
		{ 2024, 8 }, { 2021, 2 }, { 2024, 2 }, { 2024, 4 }, { 2026, 3 },
	};
	for (size_t i = 0; i < sizeof ym / sizeof ym[0]; i++) {
		struct chart_calendar c = { ym[i][0], ym[i][1], NULL, 0 };
		cairo_surface_t *s = render(chart_calendar_fn, &c, 442, 283,
		    SCALE);
		for (int d = 1; d <= chart_days_in_month(c.year, c.month); d++)
			ck_assert(is_grey(cell_colour(s, &c, 442, 283, d)));
		/* The legend still shows every level colour. */
		for (int lv = 1; lv <= 6; lv++)
			ck_assert_uint_gt(count_rgb(s, chart_level_rgb(lv)), 20);
		cairo_surface_destroy(s);
	}
	/* Nonsense months and tiny boxes draw without failing. */
	struct chart_calendar bad[] = {
		{ 2024, 0, NULL, 0 }, { 2024, 13, NULL, 0 }, { -5, 2, NULL, 0 },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cairo_surface_destroy(render(chart_calendar_fn, &bad[i], 442,
		    283, 1));
	struct chart_calendar c = { 2024, 8, NULL, 0 };
	cairo_surface_destroy(render(chart_calendar_fn, &c, 20, 10, 1));
	cairo_surface_destroy(render(chart_calendar_fn, &c, 1, 1, 1));
}
END_TEST

/* ---- axes ---------------------------------------------------------- */

static int
is_nice(double step)
{
	double k = floor(log10(step)), m = step / pow(10, k);

	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 ||
	    fabs(m - 2.5) < 1e-9 || fabs(m - 5) < 1e-9;
}

START_TEST(axis_ticks)
{
	struct chart_axis a, b;
	char s[32];

	chart_axis_auto(115, 0, &a);
	ck_assert(a.step == 20 && a.n == 6);
	chart_axis_auto(0.3, 0, &a);
	ck_assert(fabs(a.step - 0.05) < 1e-12 && a.n == 6);
	chart_axis_label(&a, 6, s, sizeof s);
	ck_assert_str_eq(s, "0.30");
	chart_axis_auto(3, 1, &a);
	ck_assert(a.step == 1 && a.n == 4);
	chart_axis_auto(9, 0, &a);
	ck_assert(chart_axis_max(&a) == 10);
	chart_axis_label(&a, 1, s, sizeof s);
	ck_assert_str_eq(s, a.step == 2.5 ? "2.5" : a.step == 2 ? "2" : "?");
	chart_axis_auto(1234567, 0, &a);
	chart_axis_label(&a, a.n, s, sizeof s);
	ck_assert_ptr_null(strchr(s, 'e'));
	ck_assert(chart_axis_max(&a) >= 1234567);
	/* Nothing to show: a unit axis, not a crash or a zero range. */
	chart_axis_auto(0, 0, &a);
	ck_assert(chart_axis_max(&a) > 0);
	chart_axis_auto(NAN, 1, &a);
	ck_assert(chart_axis_max(&a) >= 1 && a.step == floor(a.step));
	chart_axis_auto(-3, 0, &a);
	ck_assert(chart_axis_max(&a) > 0);

	/* Any maximum: the axis reaches it, with a nice step, 4..7 steps,
	 * and fills at least 40% of its height. Pairs share their steps. */
	for (double hi = 0.013; hi < 5e6; hi *= 1.37) {
		chart_axis_auto(hi, 0, &a);
		ck_assert(chart_axis_max(&a) >= hi * (1 - 1e-9));
		ck_assert(is_nice(a.step));
		ck_assert(a.n >= 4 && a.n <= 7);
		ck_assert_msg(hi / chart_axis_max(&a) >= 0.4, "%g", hi);
		chart_axis_pair(hi, 0, hi / 3.7 + 1, 1, &a, &b);
		ck_assert_int_eq(a.n, b.n);
		ck_assert(chart_axis_max(&a) >= hi * (1 - 1e-9));
		ck_assert(chart_axis_max(&b) >= hi / 3.7 + 1);
		ck_assert(b.step == floor(b.step) && is_nice(b.step));
		ck_assert_int_eq(b.decimals, 0);
	}
}
END_TEST

static void
trend_empty(struct chart_trend *t, int year, int last)
{
	t->year = year;
	t->last_month = last;
	for (int i = 0; i < 12; i++)
		t->pm25[i] = t->pm25_prev[i] = t->good_days[i] =
		    t->good_days_prev[i] = -1;
}

START_TEST(trend_axes_from_data)
{
	struct chart_trend t;
	struct chart_axis l, r;

	/* Nanyang 2024 against 2023: PM2.5 up to 115, up to 31 good days. */
	static const double pm[12] = { 89, 70, 60, 45, 42, 33, 23, 22, 30, 43, 68, 92 };
	static const double pmp[12] = { 115, 94, 47, 47, 30, 24, 23, 25, 35, 38, 56, 84 };
	static const double gd[12] = { 11, 18, 26, 27, 17, 11, 23, 30, 30, 27, 20, 11 };
	static const double gdp[12] = { 4, 6, 31, 28, 29, 14, 22, 30, 30, 31, 26, 14 };
	trend_empty(&t, 2024, 12);
	memcpy(t.pm25, pm, sizeof pm);
	memcpy(t.pm25_prev, pmp, sizeof pmp);
	memcpy(t.good_days, gd, sizeof gd);
	memcpy(t.good_days_prev, gdp, sizeof gdp);
	chart_trend_axes(&t, &l, &r);
	ck_assert(l.step == 20 && l.n == 7);   /* 0..140 */
	ck_assert(r.step == 5 && r.n == 7);    /* 0..35 days */

	/* Only months up to last_month count for this year: the 300 of
	 * December is not shown and does not stretch the axis. */
	t.pm25[11] = 300;
	t.last_month = 8;
	chart_trend_axes(&t, &l, &r);
	ck_assert(chart_axis_max(&l) < 300);
	ck_assert(chart_axis_max(&l) >= 115);

	/* A clean year: PM2.5 under 40. */
	trend_empty(&t, 2024, 12);
	for (int i = 0; i < 12; i++)
		t.pm25[i] = 20 + i, t.good_days[i] = 28;
	chart_trend_axes(&t, &l, &r);
	ck_assert(chart_axis_max(&l) >= 31 && chart_axis_max(&l) <= 50);
	ck_assert(chart_axis_max(&r) >= 28 && chart_axis_max(&r) <= 40);
	ck_assert_int_eq(l.n, r.n);

	/* NaN and negatives are no data, never values. */
	t.pm25[3] = NAN;
	t.pm25[4] = -1e9;
	t.pm25[5] = INFINITY;
	chart_trend_axes(&t, &l, &r);
	ck_assert(isfinite(chart_axis_max(&l)) && chart_axis_max(&l) <= 50);

	/* All missing: the fallback scale. */
	trend_empty(&t, 2024, 0);
	chart_trend_axes(&t, &l, &r);
	ck_assert(chart_axis_max(&l) >= 75 && chart_axis_max(&l) <= 100);
	ck_assert(chart_axis_max(&r) >= 30 && chart_axis_max(&r) <= 40);
	ck_assert_int_eq(l.n, r.n);
}
END_TEST

/* ---- trend drawing ------------------------------------------------- */

#define TW 442.0
#define TH 227.0

START_TEST(trend_gaps)
{
	struct chart_trend t;
	cairo_surface_t *s;
	size_t legend_only, beyond, shown, gap_nan, gap_neg, joined;

	/* 优良天数 after last_month is not drawn. */
	trend_empty(&t, 2024, 6);
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	legend_only = count_rgb(s, CHART_DAYS_RGB);
	cairo_surface_destroy(s);
	ck_assert_uint_gt(legend_only, 0);
	t.good_days[8] = 20;
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	beyond = count_rgb(s, CHART_DAYS_RGB);
	cairo_surface_destroy(s);
	ck_assert_uint_eq(beyond, legend_only);
	t.last_month = 12;
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	shown = count_rgb(s, CHART_DAYS_RGB);
	cairo_surface_destroy(s);
	ck_assert_uint_gt(shown, legend_only + 100);

	/* A missing month between two known ones breaks the line: NaN and
	 * a negative value look the same, and less ink than a joined line. */
	trend_empty(&t, 2024, 12);
	t.pm25[0] = t.pm25[2] = 40;
	t.pm25[1] = NAN;
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	gap_nan = count_rgb(s, CHART_PM_RGB);
	cairo_surface_destroy(s);
	t.pm25[1] = -1;
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	gap_neg = count_rgb(s, CHART_PM_RGB);
	cairo_surface_destroy(s);
	t.pm25[1] = 40;
	s = render(chart_trend_fn, &t, TW, TH, SCALE);
	joined = count_rgb(s, CHART_PM_RGB);
	cairo_surface_destroy(s);
	ck_assert_uint_eq(gap_nan, gap_neg);
	ck_assert_uint_gt(joined, gap_nan + 50);

	/* Nothing at all, odd sizes, odd months: no failure. */
	trend_empty(&t, 2024, 0);
	cairo_surface_destroy(render(chart_trend_fn, &t, TW, TH, 1));
	t.last_month = 99;
	cairo_surface_destroy(render(chart_trend_fn, &t, TW, TH, 1));
	t.last_month = -7;
	cairo_surface_destroy(render(chart_trend_fn, &t, 30, 20, 1));
}
END_TEST

START_TEST(exceed_draws)
{
	struct chart_bar bars[] = {
		{ "PM2.5", 12, 15 }, { "PM10", 5, 3 }, { "O3-8h", 20, -1 },
		{ "NO2", 0, 0 }, { "SO2", NAN, 2 }, { "CO", -3, INFINITY },
		{ "一个很长很长的污染物名称需要换行才能放下", 1, 1 },
		{ NULL, 2, 2 },
	};
	struct chart_exceed e = { bars, sizeof bars / sizeof bars[0] };
	cairo_surface_t *s = render(chart_exceed_fn, &e, 442, 200, SCALE);
	size_t now = count_rgb(s, CHART_EXC_RGB);
	cairo_surface_destroy(s);
	ck_assert_uint_gt(now, 500);
	/* Only the legend's swatch when no bar has a value. */
	struct chart_bar none[] = { { "PM2.5", -1, -1 }, { "PM10", NAN, NAN } };
	struct chart_exceed e2 = { none, 2 };
	s = render(chart_exceed_fn, &e2, 442, 200, SCALE);
	ck_assert_uint_lt(count_rgb(s, CHART_EXC_RGB), now / 4);
	cairo_surface_destroy(s);
	struct chart_exceed e3 = { NULL, 0 };
	cairo_surface_destroy(render(chart_exceed_fn, &e3, 442, 200, 1));
}
END_TEST

/* ---- SVG ----------------------------------------------------------- */

static struct chart_day aug_days[31];

static const struct chart_calendar *
aug_calendar(void)
{
	static struct chart_calendar c;

	for (int d = 1; d <= 31; d++) {
		aug_days[d - 1].day = d;
		aug_days[d - 1].valid = d % 9 != 0;
		aug_days[d - 1].aqi = 20 + d * 13;
		aug_days[d - 1].level = chart_level_of_aqi(20 + d * 13);
	}
	c.year = 2024;
	c.month = 8;
	c.days = aug_days;
	c.n = 31;
	return &c;
}

static const char svg_title[] = "南召县2024年8月空气质量日历 <script>&";

static void
svg_calendar(struct buf *out)
{
	struct diag_list dl = { 0 };

	ck_assert_ptr_nonnull(fonts);
	ck_assert_int_eq(chart_svg_titled(out, fonts, 442, 283, svg_title,
	    chart_calendar_fn, aug_calendar(), &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	diag_free(&dl);
}

/* Every id, and every <use> reference, in document order. */
static void
walk_svg(xmlNode *n, struct buf *ids, struct buf *uses, size_t *symbols)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		if (id)
			buf_printf(ids, " %s ", (char *)id);
		if (id && !strcmp((char *)n->name, "symbol") &&
		    !strncmp((char *)id, "glyph", 5))
			(*symbols)++;
		xmlFree(id);
		xmlChar *href = xmlGetNsProp(n, BAD_CAST "href",
		    BAD_CAST "http://www.w3.org/1999/xlink");
		if (href)
			buf_printf(uses, "%s\n", (char *)href);
		xmlFree(href);
		walk_svg(n->children, ids, uses, symbols);
	}
}

START_TEST(svg_well_formed_and_titled)
{
	struct buf b = { 0 }, ids = { 0 }, uses = { 0 };
	size_t symbols = 0;

	svg_calendar(&b);
	xmlDoc *doc = xmlReadMemory(b.data, (int)b.len, "chart.svg", NULL,
	    XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlNode *root = xmlDocGetRootElement(doc);
	ck_assert_str_eq((char *)root->name, "svg");
	ck_assert_str_eq((char *)root->ns->href, "http://www.w3.org/2000/svg");
	xmlChar *vb = xmlGetProp(root, BAD_CAST "viewBox");
	xmlChar *wd = xmlGetProp(root, BAD_CAST "width");
	xmlChar *role = xmlGetProp(root, BAD_CAST "role");
	ck_assert_str_eq((char *)vb, "0 0 442 283");
	ck_assert_str_eq((char *)wd, "442pt");
	ck_assert_str_eq((char *)role, "img");
	xmlFree(vb);
	xmlFree(wd);
	xmlFree(role);
	/* The title is the first child, with the data's text intact. */
	xmlNode *first = root->children;
	while (first && first->type != XML_ELEMENT_NODE)
		first = first->next;
	ck_assert_str_eq((char *)first->name, "title");
	xmlChar *title = xmlNodeGetContent(first);
	ck_assert_str_eq((char *)title, svg_title);
	xmlFree(title);
	ck_assert_ptr_null(strstr(b.data, "<script"));

	/* Text is there as glyph outlines; every glyph used is defined, and
	 * none is .notdef (glyph 0 of a subset: a character the fonts miss). */
	walk_svg(root, &ids, &uses, &symbols);
	ck_assert_uint_gt(symbols, 20);
	for (char *u = strtok(uses.data, "\n"); u; u = strtok(NULL, "\n")) {
		ck_assert(u[0] == '#');
		char *want = xasprintf(" %s ", u + 1);
		ck_assert_msg(strstr(ids.data, want), "undefined %s", u);
		free(want);
		size_t n = strlen(u);
		ck_assert_msg(!(strncmp(u, "#glyph", 6) == 0 && n >= 2 &&
		    u[n - 1] == '0' && u[n - 2] == '-'), "notdef used: %s", u);
	}
	/* No id of cairo's process-wide numbering is left. */
	ck_assert_ptr_null(strstr(ids.data, " surface"));
	xmlFreeDoc(doc);
	buf_free(&b);
	buf_free(&ids);
	buf_free(&uses);
}
END_TEST

START_TEST(svg_same_bytes_twice)
{
	struct buf a = { 0 }, b = { 0 }, c = { 0 };

	svg_calendar(&a);
	svg_calendar(&b);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	/* The trend too (another drawing in between changes cairo's global
	 * surface counter). */
	struct chart_trend t;
	struct diag_list dl = { 0 };
	trend_empty(&t, 2024, 8);
	for (int i = 0; i < 12; i++)
		t.pm25_prev[i] = 30 + i, t.good_days_prev[i] = 20;
	struct buf t1 = { 0 }, t2 = { 0 };
	ck_assert(chart_svg(&t1, fonts, TW, TH, chart_trend_fn, &t, &dl));
	ck_assert(chart_svg(&c, fonts, TW, TH, chart_trend_fn, &t, &dl));
	ck_assert(chart_svg(&t2, fonts, TW, TH, chart_trend_fn, &t, &dl));
	ck_assert(t1.len == t2.len && memcmp(t1.data, t2.data, t1.len) == 0);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&t1);
	buf_free(&t2);
	diag_free(&dl);
}
END_TEST

/* Run by svg_same_bytes_in_fresh_process in a new process: the calendar
 * SVG into $LT_CHART_SVG_OUT. */
START_TEST(svg_child)
{
	const char *out = getenv("LT_CHART_SVG_OUT");
	if (out == NULL)
		return;
	struct buf b = { 0 };
	svg_calendar(&b);
	ck_assert_int_eq(fs_write_atomic(out, b.data, b.len), 0);
	buf_free(&b);
}
END_TEST

START_TEST(svg_same_bytes_in_fresh_process)
{
	struct buf here = { 0 }, there = { 0 }, warm = { 0 };
	char out[] = "/tmp/test_chart.svg.XXXXXX";
	int fd = mkstemp(out);

	ck_assert_int_ge(fd, 0);
	close(fd);
	/* This process has drawn before; the child draws first. */
	svg_calendar(&warm);
	svg_calendar(&here);
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	ck_assert_int_gt(n, 0);
	self[n] = '\0';
	char *cmd = xasprintf("CK_RUN_CASE=child LT_CHART_SVG_OUT='%s' "
	    "TZ=Pacific/Kiritimati LANG=C LC_ALL=C '%s' >/dev/null", out, self);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	ck_assert_int_eq(fs_read_file(out, &there), 0);
	unlink(out);
	ck_assert_uint_eq(here.len, there.len);
	ck_assert(memcmp(here.data, there.data, here.len) == 0);
	buf_free(&here);
	buf_free(&there);
	buf_free(&warm);
}
END_TEST

START_TEST(svg_bad_size_refused)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };

	ck_assert_int_eq(chart_svg(&b, fonts, 0, 100, chart_calendar_fn,
	    aug_calendar(), &dl), 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_int_eq(chart_svg(&b, fonts, NAN, 100, chart_calendar_fn,
	    aug_calendar(), &dl), 0);
	ck_assert_int_eq(chart_svg(&b, NULL, 100, 100, chart_calendar_fn,
	    aug_calendar(), &dl), 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 3);
	ck_assert_uint_eq(b.len, 0);
	diag_free(&dl);
}
END_TEST

/* ---- speed ----------------------------------------------------------- */

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure, (void)data, (void)len;
	return CAIRO_STATUS_SUCCESS;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Mean ms per drawing of fn onto a PDF page (as ts_figure does), after
 * one warm-up drawing (font loading). */
static double
time_draw(chart_draw_fn fn, const void *ctx, double w, double h)
{
	enum { N = 40 };
	ck_assert_ptr_nonnull(fonts);
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(discard, NULL,
	    w, h);
	cairo_t *cr = cairo_create(s);
	PangoFontMap *fm = pangofonts_map(fonts);
	PangoContext *pc = pangofonts_context(fm, cr);

	fn(cr, pc, w, h, ctx);
	cairo_show_page(cr);
	double t0 = now_ms();
	for (int i = 0; i < N; i++) {
		fn(cr, pc, w, h, ctx);
		cairo_show_page(cr);
	}
	double ms = (now_ms() - t0) / N;
	g_object_unref(pc);
	g_object_unref(fm);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return ms;
}

START_TEST(drawing_is_fast)
{
	struct chart_trend t;

	trend_empty(&t, 2024, 8);
	for (int i = 0; i < 12; i++) {
		t.pm25[i] = t.pm25_prev[i] = 30 + 5 * i;
		t.good_days[i] = t.good_days_prev[i] = 10 + i;
	}
	double cal = time_draw(chart_calendar_fn, aug_calendar(), 442, 283);
	double tr = time_draw(chart_trend_fn, &t, TW, TH);
	printf("test_chart: calendar %.3f ms, trend %.3f ms per drawing "
	    "(PDF surface, mean of 40)\n", cal, tr);
#ifndef __SANITIZE_ADDRESS__
	/* The goal is well under 5 ms; the bound leaves room for a slow or
	 * busy machine but catches a tenfold regression. (Under ASan, with
	 * full unwinding on every malloc, only the figures are printed.) */
	ck_assert_msg(cal < 20 && tr < 20, "calendar %.1f ms, trend %.1f ms",
	    cal, tr);
#endif
}
END_TEST

/* ---- pictures of real data ------------------------------------------- */

static xmlNode *
find_elem(xmlNode *n, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!strcmp((char *)n->name, name))
			return n;
		xmlNode *r = find_elem(n->children, name);
		if (r)
			return r;
	}
	return NULL;
}

static double
num_prop(xmlNode *n, const char *name, double dflt)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	double d = v ? atof((char *)v) : dflt;
	xmlFree(v);
	return d;
}

static int
load_calendar(const char *path, struct chart_calendar *c,
    struct chart_day days[31])
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNode *cal = doc ? find_elem(xmlDocGetRootElement(doc), "calendar") : NULL;
	if (cal == NULL) {
		xmlFreeDoc(doc);
		return 0;
	}
	c->n = 0;
	for (xmlNode *n = cal->children; n && c->n < 31; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *date = xmlGetProp(n, BAD_CAST "date");
		xmlChar *valid = xmlGetProp(n, BAD_CAST "valid");
		struct chart_day *d = &days[c->n++];
		if (date == NULL ||
		    sscanf((char *)date, "%d-%d-%d", &c->year, &c->month, &d->day) != 3)
			d->day = 0;
		d->valid = valid && !strcmp((char *)valid, "yes");
		d->aqi = (int)num_prop(n, "aqi", -1);
		d->level = (int)num_prop(n, "level", 0);
		xmlFree(date);
		xmlFree(valid);
	}
	c->days = days;
	xmlFreeDoc(doc);
	return 1;
}

/* The area index's months of year and year-1. 优良天数 = good-ratio ×
 * valid-days (the index has the ratio). */
static int
load_trend(const char *path, int year, struct chart_trend *t)
{
	xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	xmlNode *ms = doc ? find_elem(xmlDocGetRootElement(doc), "months") : NULL;
	if (ms == NULL) {
		xmlFreeDoc(doc);
		return 0;
	}
	trend_empty(t, year, 0);
	for (xmlNode *n = ms->children; n; n = n->next) {
		int y, m;
		xmlChar *ym = n->type == XML_ELEMENT_NODE ?
		    xmlGetProp(n, BAD_CAST "ym") : NULL;
		if (ym == NULL || sscanf((char *)ym, "%d-%d", &y, &m) != 2 ||
		    m < 1 || m > 12) {
			xmlFree(ym);
			continue;
		}
		xmlFree(ym);
		double pm = num_prop(n, "pm25", -1);
		double gr = num_prop(n, "good-ratio", -1);
		double vd = num_prop(n, "valid-days", -1);
		double good = gr >= 0 && vd >= 0 ? floor(gr * vd / 100 + 0.5) : -1;
		if (y == year) {
			t->pm25[m - 1] = pm;
			t->good_days[m - 1] = good;
			if (m > t->last_month)
				t->last_month = m;
		} else if (y == year - 1) {
			t->pm25_prev[m - 1] = pm;
			t->good_days_prev[m - 1] = good;
		}
	}
	xmlFreeDoc(doc);
	return 1;
}

static void
png(const char *dir, const char *name, chart_draw_fn fn, const void *ctx,
    double w, double h)
{
	/* 150 dpi, about what a printed page shows. */
	cairo_surface_t *s = render(fn, ctx, w, h, 150 / 72.0);
	char *p = xasprintf("%s/%s", dir, name);
	ck_assert_int_eq(cairo_surface_write_to_png(s, p), CAIRO_STATUS_SUCCESS);
	free(p);
	cairo_surface_destroy(s);
}

/* HJ 633-2012 table 1 and 2: AQI bands and their colours, as data. */
static int
hj633_level(int aqi)
{
	static const int top[] = { 50, 100, 150, 200, 300 };
	for (int i = 0; i < 5; i++)
		if (aqi <= top[i])
			return i + 1;
	return 6;
}

static const unsigned hj633_rgb[7] = {
	0, 0x00E400, 0xFFFF00, 0xFF7E00, 0xFF0000, 0x99004C, 0x7E0023,
};

/*
 * The charts of real data (the bulletin fixtures of tests/data/bulletin/:
 * nanzhao-2024's August 2024 and the Nanyang area index): every day of the
 * calendar painted in the HJ 633 colour of its AQI, the fixture's levels
 * agreeing with the HJ 633 bands, two days checked by hand, and the trend
 * drawn with the figures the merged month holds. With LT_CHART_PNG=dir the
 * pictures are also written there as PNG, for looking at.
 */
START_TEST(pictures_of_real_data)
{
	const char *dir = getenv("LT_CHART_PNG");
	struct chart_day days[31];
	struct chart_calendar c;
	struct chart_trend t;
	/* 156 mm wide, as in the bulletin. */
	double w = 156 / 25.4 * 72, ch = 100 / 25.4 * 72;

	ck_assert(load_calendar(lt_path("tests/data/bulletin/nanzhao-2024-08.xml"),
	    &c, days));
	ck_assert_int_eq(c.year, 2024);
	ck_assert_int_eq(c.month, 8);
	ck_assert_int_eq(c.n, 31);
	/* By hand: 1 August, O3-8h 164 µg/m³ → IAQI 100 + 50 × 4 / 55 =
	 * 103.6 → 104, 轻度污染; 2 August, O3-8h 160 → exactly 100, 良. */
	ck_assert_int_eq(days[0].day, 1);
	ck_assert_int_eq(days[0].aqi, 104);
	ck_assert_int_eq(days[1].aqi, 100);
	cairo_surface_t *s = render(chart_calendar_fn, &c, w, ch, SCALE);
	int by_level[7] = { 0 };
	for (size_t i = 0; i < c.n; i++) {
		const struct chart_day *d = &days[i];
		ck_assert_int_eq(d->day, (int)i + 1);
		ck_assert(d->valid);
		int lv = hj633_level(d->aqi);
		ck_assert_msg(d->level == lv, "day %d: AQI %d, level %d, HJ 633 says %d",
		    d->day, d->aqi, d->level, lv);
		unsigned got = cell_colour(s, &c, w, ch, d->day);
		ck_assert_msg(got == hj633_rgb[lv], "day %d (AQI %d): colour %06x, want %06x",
		    d->day, d->aqi, got, hj633_rgb[lv]);
		by_level[lv]++;
	}
	/* Days 1 (轻度污染) and 2 (良) in their colours, the rest: a month
	 * of 优 and 良 with one day over 100. */
	ck_assert_int_eq(by_level[3], 1);
	ck_assert_int_eq(by_level[1] + by_level[2], 30);
	if (dir) {
		char *p = xasprintf("%s/calendar-nanzhao-2024-08.png", dir);
		ck_assert_int_eq(cairo_surface_write_to_png(s, p), CAIRO_STATUS_SUCCESS);
		free(p);
	}
	cairo_surface_destroy(s);

	/* The area index: PM2.5 of August 2024 and 2023 as the merged month
	 * gives them (this month 22, last year 25), 优良天数 = ratio × valid
	 * days (96.8 % of 31 = 30), and the line drawn for eight months. */
	ck_assert(load_trend(lt_path("tests/data/bulletin/nanyang-index.xml"), 2024, &t));
	ck_assert_int_eq(t.last_month, 12);
	ck_assert(t.pm25[7] == 22 && t.pm25_prev[7] == 25);
	ck_assert(t.good_days[7] == 30 && t.good_days_prev[7] == 30);
	t.last_month = 8;
	s = render(chart_trend_fn, &t, w, 85 / 25.4 * 72, SCALE);
	size_t pm_ink = count_rgb(s, CHART_PM_RGB), days_ink = count_rgb(s, CHART_DAYS_RGB);
	cairo_surface_destroy(s);
	struct chart_trend none;
	trend_empty(&none, 2024, 8);
	s = render(chart_trend_fn, &none, w, 85 / 25.4 * 72, SCALE);
	size_t pm_legend = count_rgb(s, CHART_PM_RGB), days_legend = count_rgb(s, CHART_DAYS_RGB);
	cairo_surface_destroy(s);
	ck_assert_msg(pm_ink > pm_legend + 200 && days_ink > days_legend + 200,
	    "trend of real data drew %zu/%zu px of PM2.5/优良天数 ink, the legend alone %zu/%zu",
	    pm_ink, days_ink, pm_legend, days_legend);
	if (dir) {
		png(dir, "trend-nanyang-2024-08.png", chart_trend_fn, &t, w,
		    80 / 25.4 * 72);
		/* Every level and missing days (synthetic). */
		png(dir, "calendar-levels.png", chart_calendar_fn, aug_calendar(), w,
		    100 / 25.4 * 72);
		struct chart_bar bars[] = {
			{ "PM2.5", 12, 15 }, { "PM10", 5, 3 }, { "O3-8h", 20, 14 },
			{ "NO2", 0, 1 }, { "SO2", 0, -1 }, { "CO", 0, 0 },
		};
		struct chart_exceed e = { bars, 6 };
		png(dir, "exceed.png", chart_exceed_fn, &e, w, 65 / 25.4 * 72);
	}
}
END_TEST

static Suite *
chart_suite(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, open_fonts, close_fonts);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, level_colours_are_hj633);
	tcase_add_test(tc, text_on_levels_is_legible);
	tcase_add_test(tc, weekdays_and_month_lengths);
	tcase_add_test(tc, calendar_cells);
	tcase_add_test(tc, calendar_layout_fits_the_box);
	tcase_add_test(tc, calendar_colours_by_level);
	tcase_add_test(tc, calendar_without_data);
	tcase_add_test(tc, axis_ticks);
	tcase_add_test(tc, trend_axes_from_data);
	tcase_add_test(tc, trend_gaps);
	tcase_add_test(tc, exceed_draws);
	tcase_add_test(tc, svg_well_formed_and_titled);
	tcase_add_test(tc, svg_same_bytes_twice);
	tcase_add_test(tc, svg_same_bytes_in_fresh_process);
	tcase_add_test(tc, svg_bad_size_refused);
	tcase_add_test(tc, drawing_is_fast);
	tcase_add_test(tc, pictures_of_real_data);
	suite_add_tcase(s, tc);
	TCase *child = tcase_create("child");
	tcase_add_unchecked_fixture(child, open_fonts, close_fonts);
	tcase_set_timeout(child, 60);
	tcase_add_test(child, svg_child);
	suite_add_tcase(s, child);
	return s;
}

LT_TEST_MAIN(chart_suite)
