/*
 * area_xml.c -- the area month, area index and ranking documents of
 * output/air/ (see area_xml.h; shape documented at the top of area.rng).
 * The air elements (<period>, <calendar>, <quality>) are air_xml.h's,
 * the same as in the merged documents.
 */
#include "area_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "air_xml.h"
#include "aqi.h"
#include "merge.h"
#include "util.h"
#include "xmlw.h"

extern const unsigned char embed_area[];
extern const unsigned long embed_area_len;

static struct xw_schema schema = XW_SCHEMA_INIT(embed_area, &embed_area_len,
    "area.rng");

int
area_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl)
{
	return xw_validate(&schema, xml, len, name, dl);
}

/* Validate doc and append it to out. */
static int
finish(struct xw *x, const char *name, struct buf *out, struct diag_list *dl)
{
	struct buf doc = { 0 };
	int ok = 0;
	if (!xw_end(x, &doc))
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
	else if (area_xml_validate(doc.data, doc.len, name, dl)) {
		buf_put(out, doc.data, doc.len);
		ok = 1;
	}
	buf_free(&doc);
	return ok;
}

/* ---- months ------------------------------------------------------------- */

static int
day_has_value(const struct airq_day *d)
{
	if (d->r.aqi != AQI_NONE)
		return 1;
	for (int k = 0; k < AQI_NIND; k++)
		if (d->c[k] != AQI_MISSING)
			return 1;
	return 0;
}

int32_t *
area_months(const struct airq_area *a, size_t *n)
{
	int32_t *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; a && i < a->ndays; i++) {
		if (!day_has_value(&a->days[i]))
			continue;
		int y, m, d;
		airq_day_civil(a->days[i].day, &y, &m, &d);
		int32_t k = (int32_t)y * 12 + m - 1;
		if (*n && v[*n - 1] == k)
			continue;
		v = xgrow(v, &cap, *n + 1, sizeof *v);
		v[(*n)++] = k;
	}
	return v;
}

/* ---- provenance and stations ------------------------------------------------ */

static const char *
data_kind(const struct area_desc *d)
{
	int sim = 0, real = 0;
	for (size_t i = 0; i < d->n_st; i++) {
		sim |= d->st[i].simulated;
		real |= !d->st[i].simulated;
	}
	return sim && real ? "mixed" : sim ? "simulated" : "real";
}

static int
any_simulated(const struct area_desc *d)
{
	for (size_t i = 0; i < d->n_st; i++)
		if (d->st[i].simulated)
			return 1;
	return 0;
}

static void
provenance_elem(struct xw *x, const struct area_desc *d)
{
	xw_open(x, "provenance");
	xw_attr(x, "data", data_kind(d));
	if (any_simulated(d)) {
		xw_open(x, "label");
		xw_attr(x, "kind", "simulated");
		xw_text(x, AREA_LABEL_SIMULATED);
		xw_close(x);
	}
	/* Each data folder once, in table order. */
	for (size_t i = 0; i < d->n_st; i++) {
		size_t j = 0;
		while (j < i && strcmp(d->st[j].dir, d->st[i].dir))
			j++;
		if (j < i)
			continue;
		xw_open(x, "source");
		xw_attr(x, "dir", d->st[i].dir);
		xw_attr(x, "layout", d->st[i].layout);
		xw_attr(x, "data", d->st[i].simulated ? "simulated" : "real");
		xw_close(x);
	}
	xw_close(x);
}

static void
stations_elem(struct xw *x, const struct area_desc *d)
{
	int eval = 0;
	for (size_t i = 0; i < d->n_st; i++)
		eval += !d->st[i].background;
	xw_open(x, "stations");
	xw_attr_int(x, "evaluation", eval);
	xw_attr_int(x, "background", (long long)d->n_st - eval);
	for (size_t i = 0; i < d->n_st; i++) {
		const struct area_station *s = &d->st[i];
		xw_open(x, "station");
		xw_attr(x, "code", s->code);
		xw_attr(x, "name", s->name);
		xw_attr(x, "role", s->background ? "background" : "evaluation");
		xw_attr(x, "role-name", s->background ? "对照点" : "评价点");
		xw_attr(x, "data", s->simulated ? "simulated" : "real");
		xw_attr_nonempty(x, "longitude", s->lon);
		xw_attr_nonempty(x, "latitude", s->lat);
		xw_close(x);
	}
	xw_close(x);
}

static void
root_attrs(struct xw *x, const struct area_desc *d)
{
	xw_attr(x, "xmlns", AREA_XML_NS);
	xw_attr(x, "area", d->name);
	xw_attr(x, "slug", d->slug);
}

/* ---- the area month ------------------------------------------------------ */

int
area_month_xml(const struct area_desc *d, const struct airq *aq,
    const struct airq_area *a, int year, int month, struct buf *out,
    struct diag_list *dl)
{
	struct merged_air air;
	merged_air_build(&air, aq, a, year, month);
	struct airq_quality q;
	airq_quality(aq, a, year, month, &q);
	struct buf qt = { 0 };
	airq_quality_write_text(&q, &qt);
	airq_quality_free(&q);
	char as_of[16];
	snprintf(as_of, sizeof as_of, "%04u-%02u-%02u",
	    (unsigned)year % 10000u, (unsigned)month % 100u,
	    (unsigned)aqstats_days_in_month(year, month) % 100u);

	struct xw x;
	int ok = 0;
	char *name = xasprintf("air/%s/%04u-%02u.xml", d->slug,
	    (unsigned)year % 10000u, (unsigned)month % 100u);
	if (xw_begin(&x)) {
		xw_open(&x, "area-month");
		root_attrs(&x, d);
		xw_attr_int(&x, "year", year);
		xw_attr_int(&x, "month", month);
		xw_attr(&x, "as-of", as_of);
		provenance_elem(&x, d);
		stations_elem(&x, d);
		air_xml_period(&x, "month", &air.month);
		air_xml_period(&x, "ytd", &air.ytd);
		air_xml_calendar(&x, &air, year, month);
		air_xml_quality(&x, &air);
		xw_text_elem(&x, "quality-text", qt.data ? qt.data : "");
		xw_close(&x);
		ok = finish(&x, name, out, dl);
	} else {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
	}
	free(name);
	buf_free(&qt);
	merged_air_clear(&air);
	return ok;
}

/* ---- the area index --------------------------------------------------------- */

int
area_index_xml(const struct area_desc *d, const struct airq *aq,
    const struct airq_area *a, const int32_t *months, size_t n,
    struct buf *out, struct diag_list *dl)
{
	struct xw x;
	char *name = xasprintf("air/%s/index.xml", d->slug);
	int ok = 0;
	if (!xw_begin(&x)) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
		free(name);
		return 0;
	}
	xw_open(&x, "area-index");
	root_attrs(&x, d);
	provenance_elem(&x, d);
	stations_elem(&x, d);
	xw_open(&x, "months");
	xw_attr_int(&x, "count", (long long)n);
	for (size_t i = 0; i < n; i++) {
		int y = months[i] / 12, m = months[i] % 12 + 1;
		struct airq_period p;
		airq_period(aq, a, airq_range_month(y, m), &p);
		xw_open(&x, "month");
		xw_attr_ym(&x, "ym", y, m);
		xw_attr_int(&x, "days-data", p.days_data);
		xw_attr_int(&x, "valid-days", p.d.valid);
		xw_attr_bool(&x, "valid", p.valid);
		xw_attr_fixed(&x, "composite", p.composite, 2);
		xw_attr_fixed(&x, "pm25", p.c[AQI_PM25], 0);
		xw_attr_fixed(&x, "good-ratio", p.good_pct, 1);
		xw_close(&x);
	}
	xw_close(&x);
	if (!n)
		xw_text_elem(&x, "no-data", "无监测数据：该地区的数据文件中没有可用的监测值");
	xw_close(&x);
	ok = finish(&x, name, out, dl);
	free(name);
	return ok;
}

/* ---- reading a month document back for the ranking ------------------------- */

static xmlNodePtr
child(xmlNodePtr n, const char *name, const char *attr, const char *value)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, name))
			continue;
		if (!attr)
			return c;
		xmlChar *v = xmlGetProp(c, BAD_CAST attr);
		int eq = v && !strcmp((const char *)v, value);
		xmlFree(v);
		if (eq)
			return c;
	}
	return NULL;
}

static char *
prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = n ? xmlGetProp(n, BAD_CAST name) : NULL;
	char *s = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* The fixed-point value of an attribute; AQI_MISSING when absent. */
static int
prop_fixed(xmlNodePtr n, const char *name, int64_t *v)
{
	char *s = prop(n, name);
	int ok = !s || xw_parse_fixed(s, v);
	if (!s)
		*v = AQI_MISSING;
	free(s);
	return ok;
}

static int
read_period(xmlNodePtr root, const char *kind, struct area_rank_src *o, int k)
{
	xmlNodePtr p = child(root, "period", "kind", kind);
	if (!p)
		return 0;
	xmlNodePtr comp = child(p, "composite", NULL, NULL);
	xmlNodePtr pm = child(p, "figure", "code", "pm25");
	xmlNodePtr days = child(p, "days", NULL, NULL);
	if (!comp || !pm || !days)
		return 0;
	int ok = prop_fixed(comp, "value", &o->composite[k]);
	ok &= prop_fixed(comp, "change", &o->composite_change[k]);
	ok &= prop_fixed(pm, "value", &o->pm25[k]);
	ok &= prop_fixed(pm, "change", &o->pm25_change[k]);
	ok &= prop_fixed(days, "good-ratio", &o->good_ratio[k]);
	return ok;
}

int
area_rank_read(const char *xml, size_t len, const char *name,
    struct area_rank_src *out, struct diag_list *dl)
{
	memset(out, 0, sizeof *out);
	if (len > (size_t)INT32_MAX)
		len = 0;
	/* The program's own output (output/air), a few KB: libxml2's
	 * default limits are far above it, so they stay on. */
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	int ok = root && !strcmp((const char *)root->name, "area-month") &&
	    root->ns && !strcmp((const char *)root->ns->href, AREA_XML_NS);
	if (ok) {
		out->area = prop(root, "area");
		out->slug = prop(root, "slug");
		char *y = prop(root, "year"), *m = prop(root, "month");
		out->year = y ? atoi(y) : 0;
		out->month = m ? atoi(m) : 0;
		free(y);
		free(m);
		out->simulated = child(child(root, "provenance", NULL, NULL),
		    "label", "kind", "simulated") != NULL;
		ok = out->area && out->slug && out->month >= 1 &&
		    out->month <= 12 &&
		    read_period(root, "month", out, AREA_RK_MONTH) &&
		    read_period(root, "ytd", out, AREA_RK_YTD);
	}
	if (doc)
		xmlFreeDoc(doc);
	if (!ok) {
		diag_add(dl, DIAG_ERROR, name, 0, 0,
		    "不是可用的地区月度空气质量文件，无法用于排名 "
		    "(not an area month document)");
		area_rank_src_clear(out);
	}
	return ok;
}

void
area_rank_src_clear(struct area_rank_src *s)
{
	free(s->area);
	free(s->slug);
	memset(s, 0, sizeof *s);
}

/* ---- the ranking -------------------------------------------------------------- */

/* What each ranking orders by, in the order the document lists them. */
static const struct rank_kind {
	enum airq_rank_by by;
	const char *code;
	const char *name;        /* printed title */
	int decimals;
	int higher_better;
} rank_kinds[] = {
	{ AIRQ_RANK_COMPOSITE, "composite", "环境空气质量综合指数", 2, 0 },
	{ AIRQ_RANK_PM25, "pm25", "PM2.5 平均浓度", 0, 0 },
	{ AIRQ_RANK_GOOD, "good-ratio", "优良天数比例", 1, 1 },
	{ AIRQ_RANK_IMPROVE, "composite-change", "综合指数同比改善幅度", 1, 0 },
	{ AIRQ_RANK_IMPROVE_PM25, "pm25-change", "PM2.5 浓度同比改善幅度", 1,
	  0 },
};
#define N_RANK_KINDS (sizeof rank_kinds / sizeof rank_kinds[0])

static int64_t
rank_key(const struct area_rank_src *s, enum airq_rank_by by, int k)
{
	switch (by) {
	case AIRQ_RANK_COMPOSITE:
		return s->composite[k];
	case AIRQ_RANK_PM25:
		return s->pm25[k];
	case AIRQ_RANK_GOOD:
		return s->good_ratio[k];
	case AIRQ_RANK_IMPROVE:
		return s->composite_change[k];
	case AIRQ_RANK_IMPROVE_PM25:
		return s->pm25_change[k];
	}
	return AQI_MISSING;
}

static const struct area_rank_src *
src_find(const struct area_rank_src *src, size_t n, const char *area)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(src[i].area, area))
			return &src[i];
	return NULL;
}

static void
ranking_elem(struct xw *x, const struct rank_kind *rk, int k,
    const struct area_rank_src *src, size_t n)
{
	struct airq_rank_row *rows = xcalloc(n ? n : 1, sizeof *rows);
	for (size_t i = 0; i < n; i++) {
		rows[i].area = src[i].area;
		rows[i].key = rank_key(&src[i], rk->by, k);
		rows[i].key2 = rk->by == AIRQ_RANK_GOOD ? src[i].pm25[k] :
		    AQI_MISSING;
	}
	size_t ranked = airq_rank_rows(rows, n, rk->higher_better,
	    rk->by == AIRQ_RANK_GOOD);
	xw_open(x, "ranking");
	xw_attr(x, "by", rk->code);
	xw_attr(x, "period", k == AREA_RK_YTD ? "ytd" : "month");
	char *title = xasprintf("%s（%s）", rk->name,
	    k == AREA_RK_YTD ? "年累计" : "本月");
	xw_attr(x, "title", title);
	free(title);
	xw_attr_int(x, "ranked", (long long)ranked);
	char *total = xasprintf("共%zu个地区参加排名", ranked);
	xw_attr(x, "total", total);
	free(total);
	for (size_t i = 0; i < n; i++) {
		const struct airq_rank_row *r = &rows[i];
		const struct area_rank_src *s = src_find(src, n, r->area);
		xw_open(x, "row");
		xw_attr(x, "area", r->area);
		xw_attr(x, "slug", s->slug);
		xw_attr_bool(x, "simulated", s->simulated);
		xw_attr_fixed(x, "key", r->key, rk->decimals);
		if (rk->by == AIRQ_RANK_GOOD)
			xw_attr_fixed(x, "pm25", r->key2, 0);
		if (r->rank > 0) {
			xw_attr_int(x, "rank", r->rank);
			xw_attr_bool(x, "tied", r->tied);
			char *place = xasprintf("%s第%d位", r->tied ? "并列" : "",
			    r->rank);
			xw_attr(x, "place", place);
			free(place);
		} else {
			xw_attr(x, "place", "不参加排名（数据无效或不足，或无去年同期数据）");
		}
		xw_close(x);
	}
	xw_close(x);
	free(rows);
}

static void
note(struct xw *x, const char *kind, const char *text)
{
	xw_open(x, "note");
	xw_attr(x, "kind", kind);
	xw_text(x, text);
	xw_close(x);
}

static int
src_cmp(const void *a, const void *b)
{
	return strcmp(((const struct area_rank_src *)a)->area,
	    ((const struct area_rank_src *)b)->area);
}

int
area_ranking_xml(int year, int month, const struct area_rank_src *src,
    size_t n, struct buf *out, struct diag_list *dl)
{
	/* Areas listed by name whatever order the caller read them in. */
	struct area_rank_src *v = xcalloc(n ? n : 1, sizeof *v);
	if (n)
		memcpy(v, src, n * sizeof *v);
	if (n > 1)
		qsort(v, n, sizeof *v, src_cmp);
	int sim = 0;
	for (size_t i = 0; i < n; i++)
		sim |= v[i].simulated;
	char *name = xasprintf("air/ranking/%04u-%02u.xml",
	    (unsigned)year % 10000u, (unsigned)month % 100u);
	struct xw x;
	int ok = 0;
	if (!xw_begin(&x)) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
		goto out;
	}
	xw_open(&x, "ranking-month");
	xw_attr(&x, "xmlns", AREA_XML_NS);
	xw_attr_int(&x, "year", year);
	xw_attr_int(&x, "month", month);
	xw_attr_int(&x, "areas", (long long)n);
	xw_open(&x, "provenance");
	if (sim) {
		xw_open(&x, "label");
		xw_attr(&x, "kind", "simulated");
		xw_text(&x, AREA_LABEL_SIMULATED);
		xw_close(&x);
	}
	xw_close(&x);
	note(&x, "method", "排名依据各地区当月及年累计（1月1日至月末）的"
	    "报告值：综合指数（二位小数）、PM2.5浓度（整数）、优良天数比例"
	    "（一位小数）越小越好的按升序、越大越好的按降序排列；改善幅度为"
	    "同比变化率（%，一位小数），数值越小（降幅越大）名次越前。");
	note(&x, "ties", "并列规则：报告值相同的地区名次相同（并列），其后"
	    "名次顺延（如1、2、2、4）；按优良天数比例排名时，比例相同再按"
	    "PM2.5浓度由低到高排列，两者均相同为并列。数据无效或不足、或无"
	    "去年同期数据的地区不参加该项排名，列在最后。");
	xw_open(&x, "areas");
	for (size_t i = 0; i < n; i++) {
		xw_open(&x, "area");
		xw_attr(&x, "name", v[i].area);
		xw_attr(&x, "slug", v[i].slug);
		xw_attr_bool(&x, "simulated", v[i].simulated);
		xw_close(&x);
	}
	xw_close(&x);
	for (int k = 0; k < AREA_RK_NPERIOD; k++)
		for (size_t i = 0; i < N_RANK_KINDS; i++)
			ranking_elem(&x, &rank_kinds[i], k, v, n);
	xw_close(&x);
	ok = finish(&x, name, out, dl);
out:
	free(name);
	free(v);
	return ok;
}
