/*
 * chart_calendar.c -- the AQI calendar: one month as a grid of weeks,
 * Monday first, each day a cell in its AQI level's colour with the day
 * number (top left) and the AQI (bottom right); days without a valid AQI
 * are hatched grey and say 无数据. A legend of the levels sits below.
 */
#include <stdio.h>

#include "chart.h"
#include "chart_text.h"

/* Sizes at the bulletin's scale (a box about 156 mm wide: cells of about
 * 60 x 36 pt); smaller boxes scale the text down with the cells. */
#define REF_CELL_W  50.0
#define REF_CELL_H  24.0
#define LABEL_PT    9.0   /* weekday header, legend, day numbers */
#define AQI_PT      10.5  /* the AQI in a cell: chart text stays 9-10.5 pt */
#define CELL_GAP    1.5   /* white space between cells */

static const char *const weekday_names[7] = {
	"一", "二", "三", "四", "五", "六", "日",
};

int
chart_days_in_month(int year, int month)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) ||
	    year % 400 == 0))
		return 29;
	return mdays[month - 1];
}

int
chart_weekday(int year, int month, int day)
{
	/* Sakamoto's method (proleptic Gregorian), 0 = Sunday. */
	static const int t[12] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	int y = month < 3 ? year - 1 : year;
	int w = (y + y / 4 - y / 100 + y / 400 + t[(month + 11) % 12] + day) % 7;

	if (w < 0)
		w += 7;
	return (w + 6) % 7;
}

void
chart_calendar_cell(int year, int month, int day, int *row, int *col)
{
	int first = chart_weekday(year, month, 1);

	*row = (first + day - 1) / 7;
	*col = (first + day - 1) % 7;
}

int
chart_calendar_rows(int year, int month)
{
	int n = chart_days_in_month(year, month), row, col;

	if (n == 0)
		return 0;
	chart_calendar_cell(year, month, n, &row, &col);
	return row + 1;
}

/* Text scale for a w x h box: 1 at the bulletin's size, smaller when the
 * cells are smaller than the reference. */
static double
text_scale(double w, double h, int rows)
{
	double s = 1.0, cw = w / 7, ch = rows > 0 ? h / (rows + 1.8) : h;

	if (cw < REF_CELL_W)
		s = cw / REF_CELL_W;
	if (ch < REF_CELL_H && ch / REF_CELL_H < s)
		s = ch / REF_CELL_H;
	return s < 0.4 ? 0.4 : s;
}

static void
legend_items(struct chart_key_item it[7])
{
	for (int lv = 1; lv <= 6; lv++) {
		it[lv - 1].key = CHART_KEY_BOX;
		it[lv - 1].rgb = chart_level_rgb(lv);
		it[lv - 1].label = chart_level_name(lv);
	}
	it[6].key = CHART_KEY_HATCH;
	it[6].rgb = CHART_NODATA;
	it[6].label = chart_level_name(0);
}

void
chart_calendar_layout(double w, double h, int year, int month,
    PangoContext *pc, struct chart_calendar_geom *g)
{
	struct chart_key_item it[7];
	int rows = chart_calendar_rows(year, month);
	double s = text_scale(w, h, rows);
	double th, tw, legend_h;

	if (rows == 0)
		rows = 5;
	if (pc != NULL) {
		PangoLayout *l = chart_layout(pc, LABEL_PT * s);
		legend_items(it);
		chart_text_size(l, "一", &tw, &th);
		legend_h = chart_legend(NULL, l, it, 7, 0, 0, w);
		g_object_unref(l);
	} else {
		th = legend_h = 1.45 * LABEL_PT * s;
	}
	g->rows = rows;
	g->head_y = 0;
	g->head_h = 1.25 * th;
	g->x0 = 0;
	g->y0 = g->head_h;
	g->cw = w / 7;
	g->legend_y = h - legend_h;
	/* Half a line between the grid and the legend. */
	g->ch = (g->legend_y - 0.5 * th - g->y0) / rows;
	if (g->ch < 0)
		g->ch = 0;
}

/* The state of each day 1..31 from the caller's list: level 1..6, or 0
 * for no valid AQI (absent, invalid, negative). */
static void
day_levels(const struct chart_calendar *c, int ndays, int level[32],
    int aqi[32])
{
	for (int d = 0; d < 32; d++)
		level[d] = 0, aqi[d] = -1;
	for (size_t i = 0; c->days != NULL && i < c->n; i++) {
		const struct chart_day *dy = &c->days[i];
		if (dy->day < 1 || dy->day > ndays || !dy->valid || dy->aqi < 0)
			continue;
		aqi[dy->day] = dy->aqi;
		level[dy->day] = dy->level >= 1 && dy->level <= 6 ?
		    dy->level : chart_level_of_aqi(dy->aqi);
	}
}

struct cal_pens {
	PangoLayout *label, *aqi;
	double pad;
};

static void
draw_cell(cairo_t *cr, const struct cal_pens *p, double x, double y,
    double cw, double ch, int day, int level, int aqi)
{
	char num[16];
	double tw, th;
	unsigned ink = chart_level_text_rgb(level);

	x += CELL_GAP / 2, y += CELL_GAP / 2;
	cw -= CELL_GAP, ch -= CELL_GAP;
	if (cw <= 0 || ch <= 0)
		return;
	if (level == 0) {
		chart_hatch(cr, x, y, cw, ch, CHART_NODATA, CHART_NODATA_INK);
		ink = CHART_INK;
	} else {
		cairo_rectangle(cr, x, y, cw, ch);
		chart_rgb(cr, chart_level_rgb(level));
		cairo_fill(cr);
	}
	snprintf(num, sizeof num, "%d", day);
	chart_text(cr, p->label, num, x + p->pad, y + p->pad * 0.5, 0, 0, ink);
	if (level != 0) {
		snprintf(num, sizeof num, "%d", aqi);
		chart_text(cr, p->aqi, num, x + cw - p->pad,
		    y + ch - p->pad * 0.5, 1, 1, ink);
		return;
	}
	/* "无数据" only where it fits beside the day number. */
	chart_text_size(p->label, "无数据", &tw, &th);
	if (tw + 2 * p->pad <= cw && 2 * th <= ch + p->pad)
		chart_text_boxed(cr, p->label, "无数据", x + cw - p->pad,
		    y + ch - p->pad * 0.5, 1, 1, CHART_INK, CHART_NODATA);
}

static void
draw_header(cairo_t *cr, PangoLayout *l, const struct chart_calendar_geom *g)
{
	for (int col = 0; col < 7; col++)
		chart_text(cr, l, weekday_names[col],
		    g->x0 + (col + 0.5) * g->cw, g->head_y + g->head_h / 2,
		    0.5, 0.5, CHART_INK);
}

void
chart_calendar_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const struct chart_calendar *c)
{
	struct chart_calendar_geom g;
	struct chart_key_item it[7];
	struct cal_pens p;
	int level[32], aqi[32];
	int ndays = chart_days_in_month(c->year, c->month);
	double s = text_scale(w, h, chart_calendar_rows(c->year, c->month));

	cairo_save(cr);
	chart_calendar_layout(w, h, c->year, c->month, pc, &g);
	p.label = chart_layout(pc, LABEL_PT * s);
	p.aqi = chart_layout(pc, AQI_PT * s);
	p.pad = 3.0 * s;
	draw_header(cr, p.label, &g);
	day_levels(c, ndays, level, aqi);
	for (int d = 1; d <= ndays; d++) {
		int row, col;
		chart_calendar_cell(c->year, c->month, d, &row, &col);
		draw_cell(cr, &p, g.x0 + col * g.cw, g.y0 + row * g.ch, g.cw,
		    g.ch, d, level[d], aqi[d]);
	}
	legend_items(it);
	chart_legend(cr, p.label, it, 7, 0, g.legend_y, w);
	g_object_unref(p.label);
	g_object_unref(p.aqi);
	cairo_restore(cr);
}

/* The chart_draw_fn of this kind (chart_svg, ts_figure). */
void
chart_calendar_fn(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	chart_calendar_draw(cr, pc, w, h, ctx);
}
