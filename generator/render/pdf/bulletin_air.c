/*
 * bulletin_air.c -- the air-quality part of the bulletin: the month's and
 * the year's figures in words and in a table with 同比 and the plan's
 * targets, the verdicts, the AQI calendar, the monthly trend, the
 * exceedance days, the ranking of the areas and the data-quality note.
 * Every number is the merged document's string; this file only words it.
 */
#include <stdlib.h>
#include <string.h>

#include "bulletin_sections.h"
#include "util.h"

/* The six figures in the order bulletins print them; label is Pango
 * markup (the formula with its subscript; the statistic of CO and O3 is
 * said in the note under the table, never as a code). */
static const struct {
	const char *code, *name, *label, *unit;
} figs[BM_NFIG] = {
	{ "so2", "二氧化硫", "SO<sub>2</sub>", "微克/立方米" },
	{ "no2", "二氧化氮", "NO<sub>2</sub>", "微克/立方米" },
	{ "pm10", "可吸入颗粒物", "PM<sub>10</sub>", "微克/立方米" },
	{ "pm25", "细颗粒物", "PM<sub>2.5</sub>", "微克/立方米" },
	{ "co", "一氧化碳", "CO", "毫克/立方米" },
	{ "o3_8h", "臭氧", "O<sub>3</sub>", "微克/立方米" },
};

/* A pollutant in a sentence: its Chinese name, as bulletins write it. */
static const char *
pollutant_label(const char *code)
{
	static const struct { const char *code, *label; } l[] = {
		{ "so2", "二氧化硫" }, { "no2", "二氧化氮" },
		{ "pm10", "可吸入颗粒物" }, { "pm25", "细颗粒物" },
		{ "co", "一氧化碳" }, { "o3_1h", "臭氧（小时值）" },
		{ "o3_8h", "臭氧（8小时值）" },
	};
	for (size_t i = 0; i < sizeof l / sizeof *l; i++)
		if (code && strcmp(code, l[i].code) == 0)
			return l[i].label;
	return code ? code : "";
}

static const char *
or_dash(const char *s)
{
	return s ? s : "—";
}

/* "同比下降12.0%" style words for a change string; unit "%" or "个百分点".
 * The figure is the document's string without its sign. */
static void
put_change(struct buf *b, const char *change, const char *unit)
{
	if (!change) {
		buf_puts(b, "无同期数据");
		return;
	}
	if (strspn(change, "-0.") == strlen(change)) {
		buf_puts(b, "持平");
		return;
	}
	if (change[0] == '-')
		buf_printf(b, "下降%s%s", change + 1, unit);
	else
		buf_printf(b, "上升%s%s", change[0] == '+' ? change + 1 :
		    change, unit);
}

/* The plan-scope target on a metric, preferring the bulletin's year. */
static const struct bm_target *
find_target(const struct bm_merged *m, const char *metric)
{
	const struct bm_target *best = NULL;
	char year[16];
	snprintf(year, sizeof year, "%d", m->year);
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct bm_target *t = &m->targets[i];
		if (!t->metric_code || strcmp(t->metric_code, metric) != 0)
			continue;
		if (t->year && strcmp(t->year, year) == 0)
			return t;
		if (!best)
			best = t;
	}
	return best;
}

static void
put_condition(struct buf *b, const struct bm_target *t)
{
	static const struct { const char *op, *sym; } ops[] = {
		{ "<", "＜" }, { "<=", "≤" }, { ">", "＞" }, { ">=", "≥" },
		{ "=", "＝" },
	};
	if (t->op && strcmp(t->op, "between") == 0) {
		buf_printf(b, "%s—%s", or_dash(t->value), or_dash(t->value2));
	} else {
		for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
			if (t->op && strcmp(t->op, ops[i].op) == 0)
				buf_puts(b, ops[i].sym);
		bulletin_esc(b, or_dash(t->value));
	}
	if (t->unit && (strcmp(t->unit, "%") == 0 || strcmp(t->unit, "天") == 0))
		bulletin_esc(b, t->unit);
}

/* The verdict in the colour staff read first: red missed, amber at risk. */
static void
put_verdict(struct buf *b, const struct bm_target *t)
{
	const char *v = t->verdict ? t->verdict : "";
	const char *colour = strcmp(v, "missed") == 0 ? BULLETIN_RED :
	    strcmp(v, "at-risk") == 0 ? BULLETIN_AMBER : NULL;
	if (colour)
		buf_printf(b, "<span foreground=\"%s\"><b>", colour);
	bulletin_esc(b, or_dash(t->verdict_name));
	if (colour)
		buf_puts(b, "</b></span>");
}

/* The source line under tables and figures: the provenance labels, the
 * simulated-data warning in red. */
static void
source_note(struct bulletin_ctx *c)
{
	struct buf b = { 0 };
	buf_puts(&b, "数据来源：");
	int any = 0;
	for (size_t i = 0; i < c->m->nlabels; i++) {
		const struct bm_label *l = &c->m->labels[i];
		if (strcmp(l->kind, "sample") == 0)
			continue; /* the ledgers' label belongs to the tasks */
		if (any)
			buf_puts(&b, "；");
		int sim = strcmp(l->kind, "simulated") == 0;
		if (sim)
			buf_puts(&b, "<span foreground=\"" BULLETIN_RED "\"><b>");
		bulletin_esc(&b, l->text);
		if (sim)
			buf_puts(&b, "</b></span>");
		any = 1;
	}
	if (!any) {
		buf_puts(&b, "国控站点监测数据（");
		bulletin_esc(&b, or_dash(c->m->area));
		buf_puts(&b, "）");
	}
	buf_puts(&b, "。");
	ts_para_markup(c->d, b.data, TS_NOINDENT | TS_SMALL);
	buf_free(&b);
}

/* ---- the figures in words ---- */

static void
period_words(struct bulletin_ctx *c, const struct bm_period *p,
    const char *when)
{
	const struct bm_merged *m = c->m;
	struct buf b = { 0 };
	bulletin_esc(&b, when);
	buf_puts(&b, "，");
	bulletin_esc(&b, or_dash(m->area));
	if (!p->valid) {
		buf_printf(&b, "有效监测天数为%s天（至少应有%s天），数据不足，"
		    "以下浓度仅供参考。", or_dash(p->valid_days),
		    or_dash(p->min_days));
	}
	buf_puts(&b, "二氧化硫、二氧化氮、可吸入颗粒物、细颗粒物平均浓度分别为");
	for (int i = 0; i < 4; i++) {
		const struct bm_figure *f = bm_period_figure(p, figs[i].code);
		buf_puts(&b, i ? "、" : "");
		bulletin_esc(&b, f && f->value ? f->value : "无效");
	}
	buf_puts(&b, "微克/立方米，一氧化碳日平均浓度第95百分位数为");
	const struct bm_figure *f = bm_period_figure(p, "co");
	bulletin_esc(&b, f && f->value ? f->value : "无效");
	buf_puts(&b, "毫克/立方米，臭氧日最大8小时滑动平均浓度第90百分位数为");
	f = bm_period_figure(p, "o3_8h");
	bulletin_esc(&b, f && f->value ? f->value : "无效");
	buf_puts(&b, "微克/立方米。");
	f = bm_period_figure(p, "pm25");
	if (f && f->value) {
		buf_puts(&b, "PM<sub>2.5</sub>浓度同比");
		put_change(&b, f->change, "%");
		buf_puts(&b, "，");
	}
	buf_printf(&b, "综合指数为%s，同比", or_dash(p->comp_value));
	put_change(&b, p->comp_change, "%");
	buf_printf(&b, "。按照空气质量指数（AQI）评价，有效监测%s天，"
	    "优良天数%s天", or_dash(p->valid_days), or_dash(p->good));
	if (p->prev_good)
		buf_printf(&b, "（去年同期%s天）", p->prev_good);
	buf_printf(&b, "，优良天数比例为%s%%，同比", or_dash(p->good_ratio));
	put_change(&b, p->good_points, "个百分点");
	buf_printf(&b, "；重污染天数%s天", or_dash(p->heavy));
	if (p->prev_heavy)
		buf_printf(&b, "（去年同期%s天）", p->prev_heavy);
	buf_puts(&b, "。");
	ts_para_markup(c->d, b.data, TS_INDENT);
	buf_free(&b);
}

/* ---- table 1: the figures with 同比 and the targets ---- */


/* A change in a table cell: the document's signed string, "+" added to
 * rises, with the unit ("%" for rates; ratios in 个百分点, said in the
 * note under the table). */
static void
put_signed(struct buf *b, const char *change, const char *unit)
{
	if (!change) {
		buf_puts(b, "—");
		return;
	}
	int zero = strspn(change, "-0.") == strlen(change);
	/* A fall printed with the minus sign (U+2212), not a hyphen. */
	if (!zero && change[0] == '-')
		buf_printf(b, "−%s%s", change + 1, unit);
	else
		buf_printf(b, "%s%s%s", !zero && change[0] != '+' ? "+" : "",
		    zero && change[0] == '-' ? change + 1 : change, unit);
}

/* ncols: 8 with the target and verdict columns, 6 without. */
static void
add_row(struct ts_table *t, int ncols, const char *label, const char *mv,
    const char *mprev, const char *mchg, const char *yv, const char *ychg,
    const char *change_unit, const struct bm_target *tg)
{
	struct buf cells[8] = { { 0 } };
	buf_puts(&cells[0], label);   /* markup: ours, never user text */
	bulletin_esc(&cells[1], or_dash(mv));
	bulletin_esc(&cells[2], or_dash(mprev));
	put_signed(&cells[3], mchg, change_unit);
	bulletin_esc(&cells[4], or_dash(yv));
	put_signed(&cells[5], ychg, change_unit);
	if (tg) {
		put_condition(&cells[6], tg);
		put_verdict(&cells[7], tg);
	} else {
		buf_puts(&cells[6], "—");
		buf_puts(&cells[7], "—");
	}
	const char *v[8];
	for (int i = 0; i < ncols; i++)
		v[i] = cells[i].data;
	ts_table_row(t, v);
	for (int i = 0; i < 8; i++)
		buf_free(&cells[i]);
}

static const char *
fig_str(const struct bm_period *p, const char *code, int what)
{
	const struct bm_figure *f = bm_period_figure(p, code);
	if (!f)
		return NULL;
	return what == 0 ? f->value : what == 1 ? f->prev : f->change;
}

static void
figures_table(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	const struct bm_period *mp = &m->month_p, *yp = &m->ytd_p;
	static const double w[8] = { 2.2, 1, 1.1, 1.3, 1.1, 1.3, 1.3, 1.2 };
	static const unsigned fl[8] = { 0, TS_CELL_RIGHT, TS_CELL_RIGHT,
	    TS_CELL_CENTER, TS_CELL_RIGHT, TS_CELL_CENTER, TS_CELL_CENTER,
	    TS_CELL_CENTER };
	static const char *const tcode[] = { "so2", "no2", "pm10", "pm25",
	    "co", "o3", "composite", "good-days", "good-ratio", "heavy-days",
	    "heavy-ratio" };
	/* Columns of targets and verdicts that would hold only dashes are
	 * left out; the note says why in one sentence. */
	int nc = 6;
	for (size_t i = 0; i < sizeof tcode / sizeof tcode[0]; i++)
		if (find_target(m, tcode[i]) != NULL)
			nc = 8;
	char *what = xasprintf("%s%d年%d月环境空气质量情况",
	    m->area ? m->area : "", m->year, m->month);
	char *cap = bulletin_table_caption(c, what);
	struct ts_table *t = ts_table_new(c->d, (size_t)nc, w, fl, cap,
	    TS_TABLE_SMALL);
	free(cap);
	free(what);
	static const char *const head[8] = { "指标", "本月", "去年同期",
	    "同比", "年累计", "累计同比", "年度目标", "评价" };
	ts_table_header(t, head);
	static const char *const metric[BM_NFIG] = { "so2", "no2", "pm10",
	    "pm25", "co", "o3" };
	for (int i = 0; i < BM_NFIG; i++) {
		add_row(t, nc, figs[i].label, fig_str(mp, figs[i].code, 0),
		    fig_str(mp, figs[i].code, 1), fig_str(mp, figs[i].code, 2),
		    fig_str(yp, figs[i].code, 0), fig_str(yp, figs[i].code, 2),
		    "%", find_target(m, metric[i]));
	}
	add_row(t, nc, "综合指数", mp->comp_value, mp->comp_prev,
	    mp->comp_change, yp->comp_value, yp->comp_change, "%",
	    find_target(m, "composite"));
	const struct bm_target *gd = find_target(m, "good-days");
	add_row(t, nc, "优良天数（天）", mp->good, mp->prev_good, NULL,
	    yp->good, NULL, "", gd);
	add_row(t, nc, "优良天数比例（%）", mp->good_ratio,
	    mp->prev_good_ratio, mp->good_points, yp->good_ratio,
	    yp->good_points, "", find_target(m, "good-ratio"));
	add_row(t, nc, "重污染天数（天）", mp->heavy, mp->prev_heavy, NULL,
	    yp->heavy, NULL, "", find_target(m, "heavy-days"));
	add_row(t, nc, "重污染天数比例（%）", mp->heavy_ratio,
	    mp->prev_heavy_ratio, mp->heavy_points, yp->heavy_ratio,
	    yp->heavy_points, "", find_target(m, "heavy-ratio"));
	char *note = xasprintf("备注：浓度单位为微克/立方米，一氧化碳为毫克/立方米；"
	    "一氧化碳为日均值第95百分位数，臭氧为日最大8小时滑动平均第90百分位数；年累计为"
	    "1月1日至月末；浓度和综合指数的同比为变化率（%%），比例的同比为变化的个"
	    "百分点；“—”表示无数据或不适用%s。", nc == 8 ? "" :
	    "；方案未对表中指标设定年度目标，故不列年度目标和评价");
	ts_table_note(t, note);
	free(note);
	ts_table_end(t);
	source_note(c);
}

/* The figures behind a verdict in a few words, from the document's
 * <figures>: "，年累计51微克/立方米，其余184天日均浓度须不超过19微克/立方米". */
static void
put_short_reason(struct buf *b, const struct bm_target *t)
{
	if (!t->has_figures || !t->current)
		return;
	const char *unit = t->unit ? t->unit : "";
	buf_puts(b, "，年累计");
	bulletin_esc(b, t->current);
	bulletin_esc(b, unit);
	const char *rest = t->remaining_days;
	if (!rest || strcmp(rest, "0") == 0)
		return;
	if (t->control) {
		buf_printf(b, "，其余%s天日均浓度须不超过", rest);
		bulletin_esc(b, t->control);
		bulletin_esc(b, unit);
	} else if (t->good_days_needed) {
		buf_printf(b, "，其余%s天中须有%s天优良", rest,
		    t->good_days_needed);
	} else if (t->heavy_days_allowed) {
		buf_printf(b, "，其余%s天至多还可有%s天重污染", rest,
		    t->heavy_days_allowed[0] == '-' ? "0" :
		    t->heavy_days_allowed);
	}
}

/* The plan's air-quality targets: one sentence each, the verdict first
 * (a leader reads it at a glance); the arithmetic the merge step wrote
 * follows once, in a 备注 in small type, without its repeated 结论. */
static void
target_words(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	struct buf note = { 0 };
	int k = 0;
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct bm_target *t = &m->targets[i];
		if (!t->metric_code || strcmp(t->metric_code, "none") == 0)
			continue;
		struct buf b = { 0 };
		bulletin_esc(&b, or_dash(t->raw));
		buf_puts(&b, "：");
		put_verdict(&b, t);
		put_short_reason(&b, t);
		buf_puts(&b, "。");
		ts_para_markup(c->d, b.data, TS_INDENT);
		buf_free(&b);
		if (!t->method)
			continue;
		const char *end = strstr(t->method, "结论：");
		size_t len = end ? (size_t)(end - t->method) :
		    strlen(t->method);
		char *method = xstrndup(t->method, len);
		k++;
		buf_printf(&note, "%s（%d）", k == 1 ? "备注：" : "", k);
		bulletin_esc(&note, method);
		free(method);
	}
	if (note.len)
		ts_para_markup(c->d, note.data, TS_NOINDENT | TS_SMALL);
	buf_free(&note);
}

/* ---- charts ---- */

static void
calendar_figure(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	size_t n = 0;
	for (size_t i = 0; i < m->ndays && n < 31; i++) {
		const struct bm_day *d = &m->days[i];
		if (d->day < 1 || d->day > 31)
			continue;
		c->days[n++] = (struct chart_day){ d->day, d->valid,
		    d->valid ? d->aqi : 0, d->valid ? d->level : 0 };
	}
	c->cal = (struct chart_calendar){ m->year, m->month, c->days, n };
	struct buf b = { 0 };
	static const char *const lv[BM_NLEVEL] = { "优", "良", "轻度污染",
	    "中度污染", "重度污染", "严重污染" };
	buf_puts(&b, "本月空气质量级别：");
	for (int i = 0; i < BM_NLEVEL; i++)
		buf_printf(&b, "%s%s%s天", i ? "、" : "", lv[i],
		    or_dash(m->month_p.level_days[i]));
	buf_puts(&b, "。每日AQI见下图。");
	ts_para(c->d, b.data, TS_INDENT);
	buf_free(&b);
	char *what = xasprintf("%s%d年%d月空气质量日历（AQI）",
	    m->area ? m->area : "", m->year, m->month);
	char *cap = bulletin_figure_caption(c, what);
	ts_figure(c->d, 156, 80, chart_calendar_fn, &c->cal, cap);
	free(cap);
	free(what);
}

/*
 * 优良天数 of an index month: the index stores the ratio (one decimal) and
 * the valid days; with at most 31 days the rounded product recovers the
 * count exactly (the ratio's rounding error is below 0.05 % of 31 days).
 */
static double
index_good_days(const struct bm_index_month *im)
{
	if (!im || !im->good_ratio || !im->valid_days)
		return -1;
	double d = strtod(im->good_ratio, NULL) * strtod(im->valid_days,
	    NULL) / 100.0;
	return (double)(long)(d + 0.5);
}

static void
trend_figure(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	struct chart_trend *t = &c->trend;
	t->year = m->year;
	t->last_month = m->month;
	int any = 0;
	for (int i = 0; i < 12; i++) {
		const struct bm_index_month *a = bm_index_find(c->ix, m->year,
		    i + 1);
		const struct bm_index_month *p = bm_index_find(c->ix,
		    m->year - 1, i + 1);
		t->pm25[i] = a && a->pm25 && i < m->month ?
		    strtod(a->pm25, NULL) : -1;
		t->pm25_prev[i] = p && p->pm25 ? strtod(p->pm25, NULL) : -1;
		t->good_days[i] = i < m->month ? index_good_days(a) : -1;
		t->good_days_prev[i] = index_good_days(p);
		any |= t->pm25[i] >= 0 || t->pm25_prev[i] >= 0;
	}
	if (!any)
		return;
	char *what = xasprintf("%s%d年PM2.5浓度和优良天数逐月变化（与%d年对比）",
	    m->area ? m->area : "", m->year, m->year - 1);
	char *cap = bulletin_figure_caption(c, what);
	ts_figure(c->d, 156, 85, chart_trend_fn, t, cap);
	free(cap);
	free(what);
}

static void
exceed_figure(struct bulletin_ctx *c, const struct bm_period *p,
    const char *when)
{
	static const char *const codes[6] = { "pm25", "pm10", "o3_8h",
	    "no2", "so2", "co" };
	/* The chart's short labels: no statistic codes on the page. */
	static const char *const labels[6] = { "PM2.5", "PM10", "臭氧",
	    "二氧化氮", "二氧化硫", "一氧化碳" };
	struct buf b = { 0 };
	int any = 0, prev_known = 1;
	for (int i = 0; i < 6; i++) {
		const struct bm_exceed *e = bm_period_exceed(p, codes[i]);
		any |= e != NULL && ((e->days && strtod(e->days, NULL) > 0) ||
		    (e->prev_days && strtod(e->prev_days, NULL) > 0));
		prev_known &= e != NULL && e->prev_days != NULL;
	}
	/* A chart of zeros says nothing a sentence does not. */
	if (!any)
		buf_printf(&b, "%s各污染物均无超标天数%s。", when,
		    prev_known ? "，去年同期亦无" : "");
	else
		buf_printf(&b, "%s各污染物超标天数：", when);
	for (int i = 0; any && i < 6; i++) {
		const struct bm_exceed *e = bm_period_exceed(p, codes[i]);
		c->bars[i].label = labels[i];
		c->bars[i].value = e && e->days ? strtod(e->days, NULL) : 0;
		c->bars[i].prev = e && e->prev_days ?
		    strtod(e->prev_days, NULL) : -1;
		buf_printf(&b, "%s%s为%s天", i ? "，" : "",
		    pollutant_label(codes[i]), e ? or_dash(e->days) : "—");
		if (e && e->prev_days)
			buf_printf(&b, "（去年同期%s天）", e->prev_days);
	}
	buf_puts(&b, any ? "。首要污染物天数：" : "首要污染物天数：");
	int first = 1;
	for (size_t i = 0; i < p->nex; i++) {
		const struct bm_exceed *e = &p->ex[i];
		if (!e->primary_days || strcmp(e->primary_days, "0") == 0)
			continue;
		buf_printf(&b, "%s%s为%s天", first ? "" : "，",
		    pollutant_label(e->code), e->primary_days);
		first = 0;
	}
	buf_puts(&b, first ? "无（空气质量均为优）。" : "。");
	ts_para(c->d, b.data, TS_INDENT);
	buf_free(&b);
	if (!any)
		return;
	c->exceed = (struct chart_exceed){ c->bars, 6 };
	char *what = xasprintf("%s%s超标天数（按污染物，与去年同期对比）",
	    c->m->area ? c->m->area : "", when);
	char *cap = bulletin_figure_caption(c, what);
	ts_figure(c->d, 156, 65, chart_exceed_fn, &c->exceed, cap);
	free(cap);
	free(what);
}

/* ---- ranking ---- */

static const struct bm_rank_row *
rank_row(const struct bm_ranking *k, const char *area)
{
	for (size_t i = 0; k && i < k->nrows; i++)
		if (k->rows[i].area && strcmp(k->rows[i].area, area) == 0)
			return &k->rows[i];
	return NULL;
}

/* The ranking table of a period; its note (markup) in *note, for the
 * caller to set once under the last table it applies to. NULL when the
 * period has no ranking. */
static struct ts_table *
ranking_table(struct bulletin_ctx *c, const char *period, const char *when,
    char **note)
{
	const struct bm_ranking *comp = bm_rankings_find(c->rk, "composite",
	    period);
	const struct bm_ranking *pm = bm_rankings_find(c->rk, "pm25", period);
	const struct bm_ranking *gr = bm_rankings_find(c->rk, "good-ratio",
	    period);
	*note = NULL;
	if (!comp || comp->nrows < 2)
		return NULL;
	static const double w[7] = { 1.6, 1.1, 1.5, 1.1, 1.5, 1.2, 1.5 };
	static const unsigned fl[7] = { 0, TS_CELL_RIGHT, TS_CELL_CENTER,
	    TS_CELL_RIGHT, TS_CELL_CENTER, TS_CELL_RIGHT, TS_CELL_CENTER };
	char *what = xasprintf("%d年%s各地区环境空气质量排名", c->m->year, when);
	char *cap = bulletin_table_caption(c, what);
	struct ts_table *t = ts_table_new(c->d, 7, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	free(what);
	static const char *const head[7] = { "地区", "综合指数", "名次",
	    "PM2.5浓度", "名次", "优良天数比例", "名次" };
	ts_table_unit(t, "单位：PM2.5浓度为微克/立方米，优良天数比例为%");
	ts_table_header(t, head);
	for (size_t i = 0; i < comp->nrows; i++) {
		const struct bm_rank_row *r = &comp->rows[i];
		const struct bm_rank_row *p = rank_row(pm, r->area);
		const struct bm_rank_row *g = rank_row(gr, r->area);
		int own = c->m->area && strcmp(r->area, c->m->area) == 0;
		const char *src[7] = { r->area, r->key, r->place,
		    p ? p->key : NULL, p ? p->place : NULL, g ? g->key : NULL,
		    g ? g->place : NULL };
		struct buf cells[7] = { { 0 } };
		const char *v[7];
		for (int k = 0; k < 7; k++) {
			buf_puts(&cells[k], own ? "<b>" : "");
			bulletin_esc(&cells[k], or_dash(src[k]));
			buf_puts(&cells[k], own ? "</b>" : "");
			v[k] = cells[k].data;
		}
		ts_table_row(t, v);
		for (int k = 0; k < 7; k++)
			buf_free(&cells[k]);
	}
	struct buf b = { 0 };
	buf_puts(&b, "备注：");
	bulletin_esc(&b, or_dash(comp->total));
	buf_puts(&b, "。");
	if (c->rk->note_ties)
		bulletin_esc(&b, c->rk->note_ties);
	for (size_t i = 0; i < c->rk->nlabels; i++)
		if (strcmp(c->rk->labels[i].kind, "simulated") == 0) {
			buf_puts(&b, "<span foreground=\"" BULLETIN_RED "\"><b>");
			bulletin_esc(&b, c->rk->labels[i].text);
			buf_puts(&b, "</b></span>");
		}
	*note = b.data;
	return t;
}

static void
ranking(struct bulletin_ctx *c)
{
	if (!c->rk || c->rk->areas < 2)
		return;
	bulletin_h2(c, "各地区排名");
	const struct bm_ranking *k = bm_rankings_find(c->rk, "composite",
	    "month");
	const struct bm_rank_row *own = c->m->area ? rank_row(k, c->m->area) :
	    NULL;
	if (own && own->place) {
		struct buf b = { 0 };
		buf_printf(&b, "%d年%d月，%s环境空气质量综合指数为%s，在%s中排名%s",
		    c->m->year, c->m->month, c->m->area, or_dash(own->key),
		    or_dash(k->total), own->place);
		const struct bm_ranking *ky = bm_rankings_find(c->rk,
		    "composite", "ytd");
		const struct bm_rank_row *oy = rank_row(ky, c->m->area);
		if (oy && oy->place)
			buf_printf(&b, "；年累计综合指数为%s，排名%s",
			    or_dash(oy->key), oy->place);
		buf_puts(&b, "。");
		ts_para(c->d, b.data, TS_INDENT);
		buf_free(&b);
	}
	/* Both tables usually carry the same note: it is printed once,
	 * under the second. */
	char *month_note = NULL, *ytd_note = NULL;
	struct ts_table *mt = NULL, *yt;
	if (c->ed == BULLETIN_MONTH)
		mt = ranking_table(c, "month", "本月", &month_note);
	if (mt != NULL)
		ts_table_end(mt);
	yt = ranking_table(c, "ytd", "年累计", &ytd_note);
	if (mt != NULL && (yt == NULL || ytd_note == NULL ||
	    strcmp(month_note, ytd_note) != 0))
		ts_table_note(mt, month_note);
	if (yt != NULL) {
		ts_table_note(yt, ytd_note);
		ts_table_end(yt);
	}
	free(month_note);
	free(ytd_note);
}

/* ---- data quality ---- */

/* "；最长连续中断153小时（自4月28日1时起）" from the document's hour
 * "2024-04-28T01": a date in the words of the text, not ISO. */
static void
put_outage(struct buf *b, const char *hours, const char *start)
{
	int y, mo, d, h;
	buf_printf(b, "；最长连续中断%s小时", hours);
	if (start && sscanf(start, "%4d-%2d-%2dT%2d", &y, &mo, &d, &h) == 4)
		buf_printf(b, "（自%d月%d日%d时起）", mo, d, h);
}

static void
quality_note(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	if (!m->has_quality)
		return;
	const struct bm_quality *q = &m->q;
	bulletin_h2(c, "数据质量说明");
	struct buf b = { 0 };
	size_t eval = 0;
	for (size_t i = 0; i < q->nst; i++)
		eval += !q->st[i].background;
	buf_printf(&b, "本月评价采用%s%zu个国控站点（", or_dash(m->area), eval);
	int first = 1;
	for (size_t i = 0; i < q->nst; i++) {
		if (q->st[i].background)
			continue;
		buf_puts(&b, first ? "" : "、");
		bulletin_esc(&b, q->st[i].name ? q->st[i].name : q->st[i].code);
		first = 0;
	}
	buf_printf(&b, "）的监测数据，对照点不参与评价；区域日均值为各评价站点的"
	    "算术平均，AQI有效天数%s天（本月%s天）。", or_dash(q->aqi_days_valid),
	    or_dash(m->month_p.days));
	ts_para_markup(c->d, b.data, TS_INDENT);
	buf_truncate(&b, 0);

	/* per station: hours with data, and what was invalid */
	for (size_t i = 0; i < q->nst; i++) {
		const struct bm_station *s = &q->st[i];
		buf_truncate(&b, 0);
		bulletin_esc(&b, s->name ? s->name : "");
		buf_puts(&b, "（");
		bulletin_esc(&b, s->code);
		buf_printf(&b, "%s）：应有%s小时，有数据%s小时", s->background ?
		    "，对照点" : "", or_dash(s->hours), or_dash(s->hours_data));
		int bad = 0;
		for (size_t k = 0; k < s->npol; k++) {
			const struct bm_pollutant_q *p = &s->pol[k];
			int sh = p->short_days && strcmp(p->short_days, "0");
			int nd = p->no_data_days && strcmp(p->no_data_days, "0");
			if (!sh && !nd)
				continue;
			buf_puts(&b, bad ? "，" : "；");
			buf_puts(&b, pollutant_label(p->code));
			if (sh)
				buf_printf(&b, "有%s天有效小时数不足", p->short_days);
			if (nd)
				buf_printf(&b, "%s%s天无数据", sh ? "、" : "",
				    p->no_data_days);
			bad = 1;
		}
		if (bad)
			buf_puts(&b, "，当日该项目无效");
		else
			buf_puts(&b, "，各项目日均值均有效");
		if (s->longest_outage)
			put_outage(&b, s->longest_outage,
			    s->longest_outage_start);
		buf_puts(&b, "。");
		ts_para_markup(c->d, b.data, TS_INDENT | TS_SMALL);
	}
	for (size_t i = 0; i < q->nrej; i++) {
		const struct bm_rejected *r = &q->rej[i];
		buf_truncate(&b, 0);
		buf_puts(&b, "剔除数据：");
		if (r->field)
			buf_printf(&b, "%s", pollutant_label(r->field));
		bulletin_esc(&b, or_dash(r->reason));
		buf_printf(&b, "%s%s。", or_dash(r->count), r->field ? "个" : "行");
		ts_para_markup(c->d, b.data, TS_INDENT | TS_SMALL);
	}
	for (size_t i = 0; i < q->narea_days; i++) {
		const struct bm_pollutant_q *a = &q->area_days[i];
		if (a->short_days && strcmp(a->short_days, "0")) {
			buf_truncate(&b, 0);
			buf_printf(&b, "%s有%s天有效站点不足，按现有站点计算。",
			    pollutant_label(a->code), a->short_days);
			ts_para(c->d, b.data, TS_INDENT | TS_SMALL);
		}
	}
	buf_free(&b);
	source_note(c);
}

/* ---- the part ---- */

static void
no_air(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	/* The model's sentence, closed with a full stop when it lacks one. */
	const char *txt = m->air_text ? m->air_text : "无监测数据。";
	size_t n = strlen(txt);
	int closed = n >= 3 && strcmp(txt + n - 3, "。") == 0;
	char *s = xasprintf("%s%s", txt, closed ? "" : "。");
	ts_para(c->d, s, TS_INDENT);
	free(s);
	struct buf b = { 0 };
	for (size_t i = 0; i < m->ntargets; i++) {
		const struct bm_target *t = &m->targets[i];
		if (!t->metric_code || strcmp(t->metric_code, "none") == 0)
			continue;
		buf_puts(&b, b.len ? "；" : "方案确定的空气质量目标（");
		bulletin_esc(&b, or_dash(t->raw));
	}
	if (b.len) {
		buf_puts(&b, "）本期无法依据监测数据评估，"
		    "请相关单位对照目标自行跟踪。");
		ts_para_markup(c->d, b.data, TS_INDENT);
	}
	buf_free(&b);
}

void
bulletin_air(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	bulletin_h1(c, "环境空气质量状况");
	if (m->air != BM_AIR_DATA) {
		no_air(c);
		return;
	}
	if (m->area && m->place && strcmp(m->area, m->place) != 0) {
		char *s = xasprintf("本通报空气质量评价采用%s国控站点监测数据。",
		    m->area);
		ts_para(c->d, s, TS_INDENT);
		free(s);
	}
	bulletin_h2(c, "总体情况");
	char *when = xasprintf("%d年%d月", m->year, m->month);
	char *ytd = xasprintf("%d年1—%d月", m->year, m->month);
	if (c->ed == BULLETIN_MONTH || m->month == 1)
		period_words(c, &m->month_p, when);
	if (m->ytd_p.present && m->month > 1)
		period_words(c, &m->ytd_p, ytd);
	figures_table(c);
	bulletin_h2(c, "目标完成情况");
	target_words(c);
	if (!find_target(m, "pm25") && !find_target(m, "good-ratio"))
		ts_para(c->d, "方案未设定可由监测数据评估的年度空气质量目标。",
		    TS_INDENT);
	bulletin_h2(c, "每日空气质量和变化趋势");
	calendar_figure(c);
	if (c->ix)
		trend_figure(c);
	int ytd_ed = c->ed == BULLETIN_YTD;
	exceed_figure(c, ytd_ed ? &m->ytd_p : &m->month_p,
	    ytd_ed ? ytd : "本月");
	ranking(c);
	quality_note(c);
	free(when);
	free(ytd);
}
