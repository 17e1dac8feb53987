/*
 * site_air.c -- the air-quality pages of the site, one set per area of
 * output/air/:
 *   air/index.html            the areas, each with its latest month
 *   air/<slug>/index.html     the monthly table, the latest month's AQI
 *                             calendar, the trend (this year against
 *                             last), the data-quality notes
 *   air/<slug>/<YYYY-MM>.html one month: calendar, daily table, figures
 * Charts are SVG drawn by chart_svg (chart.h) and placed inline, each
 * with its data as a table beside it for screen readers. The stylesheet
 * (templates/site/air.xsl) gets a small page document made here (the
 * chart SVG, the trend figures) and reads the area documents through
 * lt:doc(), so a page's dependencies are exactly the files it shows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chart.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "util.h"

/* Chart sizes in points (CSS px): wide enough for the labels, scaled
 * down by the page's CSS on a phone. */
#define CAL_W 420.0
#define CAL_H 340.0
#define TREND_W 640.0
#define TREND_H 320.0

/* ---- the page document --------------------------------------------- */

static void
set_attr_int(xmlNode *n, const char *name, long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%ld", v);
	xmlSetProp(n, BAD_CAST name, BAD_CAST tmp);
}

/* ---- SVG ----------------------------------------------------------- */

/* "url(#x)" inside an attribute value becomes "url(#<prefix>x)". */
static char *
prefix_urls(const char *v, const char *prefix)
{
	struct buf b = { 0 };
	const char *p = v;
	const char *hit;
	while ((hit = strstr(p, "url(#")) != NULL) {
		buf_put(&b, p, (size_t)(hit - p) + 5);
		buf_puts(&b, prefix);
		p = hit + 5;
	}
	buf_puts(&b, p);
	return buf_detach(&b);
}

/* Several charts share one HTML page, and Cairo names its glyphs and
 * clips the same way in each (glyph0-1, clip1): ids are page-wide, so
 * every id and every reference to one gets a per-chart prefix. */
static void
svg_prefix_ids(xmlNode *n, const char *prefix)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlAttr *next;
		for (xmlAttr *a = n->properties; a; a = next) {
			next = a->next;
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			if (!v)
				continue;
			char *nv = NULL;
			const char *name = (const char *)a->name;
			if (!strcmp(name, "href") && a->ns) {
				/* xlink:href as SVG 2's plain href: no XLink
				 * declaration on every <use> of the page. The
				 * new attribute comes last, and this loop
				 * prefixes it when it gets there. */
				char *h = xstrdup((char *)v);
				xmlRemoveProp(a);
				xmlSetProp(n, BAD_CAST "href", BAD_CAST h);
				free(h);
				xmlFree(v);
				continue;
			}
			if (!strcmp(name, "id"))
				nv = xasprintf("%s%s", prefix, (char *)v);
			else if (!strcmp(name, "href") && v[0] == '#')
				nv = xasprintf("#%s%s", prefix, (char *)v + 1);
			else if (strstr((char *)v, "url(#"))
				nv = prefix_urls((char *)v, prefix);
			if (nv)
				xmlSetNsProp(n, a->ns, a->name, BAD_CAST nv);
			free(nv);
			xmlFree(v);
		}
		svg_prefix_ids(n->children, prefix);
	}
}

/*
 * Draw a chart as SVG and put it under parent as lt:chart, with role=img
 * and label as its accessible name. Without fonts (site_open was told so,
 * and warns once) the chart is left out: the table beside it still
 * carries the data.
 */
static void
add_chart(struct site *s, xmlNode *parent, const char *kind, double w,
    double h, chart_draw_fn draw, const void *ctx, const char *label,
    struct diag_list *dl)
{
	const struct fonts *f = site_fonts(s);
	if (!f)
		return;
	struct buf svg = { 0 };
	if (!chart_svg(&svg, f, w, h, draw, ctx, dl)) {
		buf_free(&svg);
		return;
	}
	xmlDoc *sd = xmlReadMemory(svg.data ? svg.data : "", (int)svg.len,
	    "chart.svg", NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	buf_free(&svg);
	xmlNode *sr = sd ? xmlDocGetRootElement(sd) : NULL;
	if (!sr) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表（%s）不是有效的SVG",
		    label);
		xmlFreeDoc(sd);
		return;
	}
	char *prefix = xasprintf("%s-", kind);
	svg_prefix_ids(sr, prefix);
	free(prefix);
	/* Sized by the page's CSS (max-width: 100%), the viewBox keeps the
	 * drawing's proportions. */
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%g", w);
	xmlSetProp(sr, BAD_CAST "width", BAD_CAST tmp);
	snprintf(tmp, sizeof tmp, "%g", h);
	xmlSetProp(sr, BAD_CAST "height", BAD_CAST tmp);
	xmlSetProp(sr, BAD_CAST "role", BAD_CAST "img");
	xmlSetProp(sr, BAD_CAST "aria-label", BAD_CAST label);
	xmlSetProp(sr, BAD_CAST "class", BAD_CAST "chart");
	xmlNode *c = sd_add_elem(parent, "chart");
	sd_set_attr(c, "kind", kind);
	xmlAddChild(c, xmlDocCopyNode(sr, parent->doc, 1));
	xmlFreeDoc(sd);
}

/* ---- figures from the area documents ------------------------------- */

/* "2025-12" -> 2025, 12. Returns 1 when well formed. */
static int
parse_ym(const char *ym, int *y, int *m)
{
	return ym && sscanf(ym, "%4d-%2d", y, m) == 2 && *m >= 1 && *m <= 12;
}

/* A decimal attribute, or -1 (no data: drawn as a gap). */
static double
num_attr(const xmlNode *n, const char *name)
{
	const char *v = sd_attr(n, name);
	char *end;
	if (!v || !*v)
		return -1;
	double d = strtod(v, &end);
	return *end ? -1 : d;
}

/* 优良天数 of an index month: the index gives the ratio (one decimal)
 * and the valid days; with at most 31 days a 0.1% step is far below one
 * day, so rounding recovers the count exactly. */
static double
good_days(const xmlNode *m)
{
	double r = num_attr(m, "good-ratio"), v = num_attr(m, "valid-days");
	const char *ok = sd_attr(m, "valid");
	if (r < 0 || v < 0 || !ok || strcmp(ok, "yes"))
		return -1;
	return floor(r * v / 100.0 + 0.5);
}

/* The trend of year y (months up to last_month) against y-1 from an
 * area index, into t. */
static void
trend_from_index(xmlNode *index_root, int y, int last_month,
    struct chart_trend *t)
{
	memset(t, 0, sizeof *t);
	t->year = y;
	t->last_month = last_month;
	for (int i = 0; i < 12; i++)
		t->pm25[i] = t->pm25_prev[i] = t->good_days[i] =
		    t->good_days_prev[i] = -1;
	for (xmlNode *m = sd_child(sd_child(index_root, "months"), "month");
	    m; m = sd_next(m, "month")) {
		int my, mm;
		if (!parse_ym(sd_attr(m, "ym"), &my, &mm))
			continue;
		const char *ok = sd_attr(m, "valid");
		double pm = ok && !strcmp(ok, "yes") ? num_attr(m, "pm25") : -1;
		if (my == y && mm <= last_month) {
			t->pm25[mm - 1] = pm;
			t->good_days[mm - 1] = good_days(m);
		} else if (my == y - 1) {
			t->pm25_prev[mm - 1] = pm;
			t->good_days_prev[mm - 1] = good_days(m);
		}
	}
}

static void
set_num(xmlNode *n, const char *name, double v)
{
	if (v < 0)
		return;
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%g", v);
	xmlSetProp(n, BAD_CAST name, BAD_CAST tmp);
}

/* The trend's figures for the table beside the chart (the same numbers
 * the chart draws). */
static void
add_trend_table(xmlNode *parent, const struct chart_trend *t)
{
	xmlNode *tr = sd_add_elem(parent, "trend");
	set_attr_int(tr, "year", t->year);
	set_attr_int(tr, "prev-year", t->year - 1);
	for (int i = 0; i < 12; i++) {
		xmlNode *m = sd_add_elem(tr, "m");
		set_attr_int(m, "n", i + 1);
		set_num(m, "pm25", t->pm25[i]);
		set_num(m, "pm25-prev", t->pm25_prev[i]);
		set_num(m, "good", t->good_days[i]);
		set_num(m, "good-prev", t->good_days_prev[i]);
	}
}

/* The calendar of an area month document; *days is allocated. */
static void
calendar_from_month(xmlNode *month_root, struct chart_calendar *c,
    struct chart_day **days)
{
	memset(c, 0, sizeof *c);
	const char *y = sd_attr(month_root, "year");
	const char *m = sd_attr(month_root, "month");
	c->year = y ? atoi(y) : 0;
	c->month = m ? atoi(m) : 0;
	size_t n = 0;
	*days = xcalloc(31, sizeof **days);
	for (xmlNode *d = sd_child(sd_child(month_root, "calendar"), "day");
	    d && n < 31; d = sd_next(d, "day")) {
		const char *date = sd_attr(d, "date");
		const char *valid = sd_attr(d, "valid");
		if (!date || strlen(date) != 10)
			continue;
		struct chart_day *cd = &(*days)[n++];
		cd->day = atoi(date + 8);
		cd->valid = valid && !strcmp(valid, "yes") && sd_attr(d, "aqi");
		cd->aqi = cd->valid ? atoi(sd_attr(d, "aqi")) : 0;
		const char *lv = sd_attr(d, "level");
		cd->level = cd->valid && lv ? atoi(lv) : 0;
	}
	c->days = *days;
	c->n = n;
}

/* 1 = Monday ... 7 = Sunday (Sakamoto's method, Gregorian). */
static int
weekday(int y, int m, int d)
{
	static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
	if (m < 3)
		y -= 1;
	int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;
	return w == 0 ? 7 : w;
}

static int
days_in_month(int y, int m)
{
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dim[m - 1];
}

/* The calendar as a table of weeks (Monday first), each cell a day with
 * the attributes of its calendar entry: the same grid the chart draws,
 * as text for screen readers (and the chart itself where no SVG is
 * drawn, coloured by the page). */
static void
add_grid(xmlNode *parent, xmlNode *month_root, int y, int m)
{
	if (y < 1 || m < 1 || m > 12)
		return;
	xmlNode *by_day[32] = { 0 };
	for (xmlNode *d = sd_child(sd_child(month_root, "calendar"), "day");
	    d; d = sd_next(d, "day")) {
		const char *date = sd_attr(d, "date");
		int n = date && strlen(date) == 10 ? atoi(date + 8) : 0;
		if (n >= 1 && n <= 31)
			by_day[n] = d;
	}
	xmlNode *grid = sd_add_elem(parent, "grid");
	int first = weekday(y, m, 1), nd = days_in_month(y, m);
	xmlNode *week = NULL;
	for (int cell = 1; cell <= ((first - 1 + nd + 6) / 7) * 7; cell++) {
		if ((cell - 1) % 7 == 0)
			week = sd_add_elem(grid, "week");
		xmlNode *c = sd_add_elem(week, "d");
		int n = cell - (first - 1);
		if (n < 1 || n > nd)
			continue;
		set_attr_int(c, "n", n);
		static const char *const copy[] = { "date", "data", "valid",
			"aqi", "level", "category", "primary", NULL };
		for (size_t k = 0; by_day[n] && copy[k]; k++)
			sd_set_attr(c, copy[k], sd_attr(by_day[n], copy[k]));
	}
}

/* The month's calendar grid, and its SVG chart when svg is set. */
static void
add_calendar(struct site *s, xmlNode *parent, xmlNode *month_root, int svg,
    struct diag_list *dl)
{
	struct chart_calendar cal;
	struct chart_day *days;
	calendar_from_month(month_root, &cal, &days);
	add_grid(parent, month_root, cal.year, cal.month);
	if (svg) {
		char *label = xasprintf(
		    "%s%d年%d月空气质量日历（每日AQI及级别）",
		    sd_attr(month_root, "area") ?
		    sd_attr(month_root, "area") : "", cal.year, cal.month);
		add_chart(s, parent, "calendar", CAL_W, CAL_H,
		    chart_calendar_fn, &cal, label, dl);
		free(label);
	}
	free(days);
}

/* ---- pages --------------------------------------------------------- */

static size_t
area_find(const struct site *s, const char *slug)
{
	for (size_t i = 0; i < site_area_count(s); i++)
		if (!strcmp(site_area_slug(s, i), slug))
			return i;
	return (size_t)-1;
}

static char *
area_month_rel(const struct site *s, size_t i, size_t j)
{
	return xasprintf("output/air/%s/%s.xml", site_area_slug(s, i),
	    site_area_month(s, i, j));
}

/* The last month of each year before the latest month's, newest first:
 * its year-to-date period is that year's figures (issue 16). Months are
 * in order, so a month is a year's last when the next is another year. */
static void
add_year_deps(const struct site *s, size_t i, struct site_page *pg)
{
	size_t nm = site_area_month_count(s, i);
	for (size_t j = nm - 1; j-- > 0;) {
		if (!strncmp(site_area_month(s, i, j),
		    site_area_month(s, i, j + 1), 4))
			continue;
		char *rel = area_month_rel(s, i, j);
		site_page_add_dep(pg, rel);
		free(rel);
	}
}

/* Each year's last month as <year month="..."/>, newest first: the
 * stylesheet reads its year-to-date figures. */
static void
add_years(xmlNode *root, const struct site_page *pg)
{
	for (size_t j = 1; j < pg->n_deps; j++)
		sd_set_attr(sd_add_elem(root, "year"), "month", pg->deps[j]);
}

/* air/<slug>/index.html. deps: the index, the latest month, the last
 * month of each earlier year. */
static int
render_area(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	size_t i = area_find(s, pg->arg);
	if (i == (size_t)-1 || pg->n_deps < 1) {
		diag_add(dl, DIAG_ERROR, pg->path, 0, 0, "找不到地区“%s”",
		    pg->arg);
		return 0;
	}
	xmlDoc *idx = site_doc(s, pg->deps[0], dl);
	if (!idx)
		return 0;
	xmlNode *root;
	xmlDoc *in = sd_page_doc("air-area", &root);
	sd_set_attr(root, "slug", pg->arg);
	sd_set_attr(root, "index", pg->deps[0]);
	/* Without fonts (--no-charts) the stylesheet draws no chart either. */
	if (!site_fonts(s))
		sd_set_attr(root, "charts", "no");
	if (pg->n_deps > 1) {
		xmlDoc *md = site_doc(s, pg->deps[1], dl);
		if (!md) {
			xmlFreeDoc(in);
			return 0;
		}
		xmlNode *mr = xmlDocGetRootElement(md);
		sd_set_attr(root, "month", pg->deps[1]);
		add_calendar(s, root, mr, 1, dl);
		add_years(root, pg);
		int y, m;
		const char *ym = site_area_month(s, i,
		    site_area_month_count(s, i) - 1);
		if (parse_ym(ym, &y, &m)) {
			struct chart_trend t;
			trend_from_index(xmlDocGetRootElement(idx), y, m, &t);
			char *label = xasprintf(
			    "%d年与%d年逐月PM2.5浓度及优良天数对比", y, y - 1);
			add_chart(s, root, "trend", TREND_W, TREND_H,
			    chart_trend_fn, &t, label, dl);
			free(label);
			add_trend_table(root, &t);
		}
	}
	int ok = site_xslt_page(s, "air.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* air/<slug>/<YYYY-MM>.html. deps: that month. */
static int
render_month(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlDoc *md = pg->n_deps ? site_doc(s, pg->deps[0], dl) : NULL;
	if (!md)
		return 0;
	xmlNode *root;
	xmlDoc *in = sd_page_doc("air-month", &root);
	sd_set_attr(root, "month", pg->deps[0]);
	/* A calendar table coloured by level, no SVG: drawing a chart
	 * for each of hundreds of months costs ~20 ms a page, the table
	 * shows the same grid. */
	add_calendar(s, root, xmlDocGetRootElement(md), 0, dl);
	int ok = site_xslt_page(s, "air.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* air/index.html. deps: every area's index, then the latest month's
 * rankings across areas when the build made any (output/air/ranking/). */
static int
render_list(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("air-list", &root);
	for (size_t j = 0; j < pg->n_deps; j++) {
		int rk = !strncmp(pg->deps[j], "output/air/ranking/", 19);
		xmlNode *a = sd_add_elem(root, rk ? "ranking" : "area");
		sd_set_attr(a, rk ? "month" : "index", pg->deps[j]);
	}
	int ok = site_xslt_page(s, "air.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

void
site_air_pages(struct site *s, struct site_pages *ps)
{
	struct strvec indexes = { 0 };
	for (size_t i = 0; i < site_area_count(s); i++) {
		const char *slug = site_area_slug(s, i);
		char *path = xasprintf("air/%s/index.html", slug);
		if (!site_path_ok(path)) {
			free(path);
			continue;
		}
		char *idx = xasprintf("output/air/%s/index.xml", slug);
		strvec_push(&indexes, idx);
		struct site_page *pg = site_pages_add(ps, path, slug,
		    render_area, NULL);
		site_page_add_dep(pg, idx);
		size_t nm = site_area_month_count(s, i);
		if (nm) {
			char *latest = area_month_rel(s, i, nm - 1);
			site_page_add_dep(pg, latest);
			free(latest);
			add_year_deps(s, i, pg);
		}
		for (size_t j = 0; j < nm; j++) {
			char *mp = xasprintf("air/%s/%s.html", slug,
			    site_area_month(s, i, j));
			char *rel = area_month_rel(s, i, j);
			if (site_path_ok(mp)) {
				struct site_page *mpg = site_pages_add(ps, mp,
				    slug, render_month, NULL);
				site_page_add_dep(mpg, rel);
			}
			free(rel);
			free(mp);
		}
		free(idx);
		free(path);
	}
	if (indexes.n) {
		struct site_page *pg = site_pages_add(ps, "air/index.html",
		    NULL, render_list, NULL);
		for (size_t j = 0; j < indexes.n; j++)
			site_page_add_dep(pg, indexes.v[j]);
		size_t nr = site_ranking_count(s);
		if (nr) {
			char *rk = xasprintf("output/air/ranking/%s.xml",
			    site_ranking_month(s, nr - 1));
			site_page_add_dep(pg, rk);
			free(rk);
		}
	}
	strvec_free(&indexes);
}
