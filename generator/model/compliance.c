/*
 * compliance.c -- task deadlines against ledger states, and plan targets
 * against year-to-date air quality. The rules are written at the top of
 * compliance.h; this file follows them one function per rule.
 */
#include "compliance.h"

#include <stdlib.h>
#include <string.h>

#include "aqstats.h"
#include "buf.h"
#include "util.h"

/* ---- dates ------------------------------------------------------------ */

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int
compliance_parse_date(const char *s, int32_t *day)
{
	int y, m, d;
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) ||
	    !digits(s + 8, 2, &d))
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > aqstats_days_in_month(y, m))
		return 0;
	*day = airq_day_index(y, m, d);
	return 1;
}

static int32_t
month_end(int year, int month)
{
	return airq_day_index(year, month, aqstats_days_in_month(year, month));
}

static void
date_str(int32_t day, char out[11])
{
	int y, m, d;
	airq_day_civil(day, &y, &m, &d);
	/* The bounds keep the compiler sure that 10 bytes suffice. */
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
}

/* ---- task deadlines --------------------------------------------------- */

static long
month_key_of(int year, int month)
{
	return (long)year * 12 + month - 1;
}

/* Index of year/month in h's months, or -1. */
static long
month_pos(const struct ledger_history *h, int year, int month)
{
	if (!h || h->n_months == 0)
		return -1;
	long first = (long)h->months[0].year * 12 + h->months[0].month - 1;
	long pos = (long)year * 12 + month - 1 - first;
	if (pos < 0 || (size_t)pos >= h->n_months)
		return -1;
	return pos;
}

struct ledger_cell
compliance_cell(const struct ledger_history *h, size_t ti, int year,
    int month)
{
	struct ledger_cell none = { .state = LEDGER_UNREPORTED,
		.percent10 = LEDGER_PERCENT_NONE };
	long pos = month_pos(h, year, month);
	if (pos < 0 || ti >= h->n_tasks)
		return none;
	return *ledger_history_cell(h, ti, (size_t)pos);
}

/*
 * The first month of the run of 已完成 ending at position pos (gap months
 * without a ledger do not break it) -> *y, *m.
 */
static void
done_run_start(const struct ledger_history *h, size_t ti, long pos, int *y,
    int *m)
{
	long start = pos;
	for (long k = pos - 1; k >= 0; k--) {
		if (!h->months[k].present)
			continue;
		if (ledger_history_cell(h, ti, (size_t)k)->state != LEDGER_DONE)
			break;
		start = k;
	}
	*y = h->months[start].year;
	*m = h->months[start].month;
}

/* Position in h of the latest month <= year/month with a report on task
 * ti, or -1. */
static long
latest_report(const struct ledger_history *h, size_t ti, int year, int month)
{
	if (!h || h->n_months == 0 || ti >= h->n_tasks)
		return -1;
	long first = month_key_of(h->months[0].year, h->months[0].month);
	long k = month_key_of(year, month) - first;
	if (k < 0)
		return -1;
	if ((size_t)k >= h->n_months)
		k = (long)h->n_months - 1;
	for (; k >= 0; k--)
		if (ledger_history_cell(h, ti, (size_t)k)->state !=
		    LEDGER_UNREPORTED)
			return k;
	return -1;
}

void
compliance_task(const struct task *t, const struct ledger_history *h,
    size_t ti, int year, int month, struct compl_task *out)
{
	memset(out, 0, sizeof *out);
	struct ledger_cell c = compliance_cell(h, ti, year, month);
	out->state = c.state;
	out->percent10 = c.percent10;
	out->ongoing = c.ongoing;
	long pos = latest_report(h, ti, year, month);
	out->effective = pos < 0 ? LEDGER_UNREPORTED :
	    ledger_history_cell(h, ti, (size_t)pos)->state;

	int32_t asof = month_end(year, month);
	int32_t last = 0, soon = 0;
	int have = 0, have_soon = 0;
	for (size_t i = 0; i < t->n_deadlines; i++) {
		int32_t d;
		if (!compliance_parse_date(t->deadlines[i].date, &d))
			continue;
		if (!have || d > last)
			last = d;
		have = 1;
		if (d >= asof && d <= asof + COMPL_DUE_SOON_DAYS &&
		    (!have_soon || d < soon)) {
			soon = d;
			have_soon = 1;
		}
	}
	if (!have) {
		out->undated = 1;
		return;
	}
	date_str(last, out->deadline);
	for (size_t i = 0; i < t->n_deadlines; i++) {
		int32_t d;
		if (compliance_parse_date(t->deadlines[i].date, &d) &&
		    d < last && d <= asof)
			out->stages_passed++;
	}
	int done = out->effective == LEDGER_DONE;
	/* The deadline day itself is still in time: overdue from the day
	 * after it. */
	if (!done && last < asof) {
		out->overdue = 1;
		out->days_overdue = asof - last;
	}
	if (!done && have_soon) {
		out->due_soon = 1;
		date_str(soon, out->due_soon_date);
	}
	if (done && pos >= 0) {
		done_run_start(h, ti, pos, &out->done_year, &out->done_month);
		int ly, lm, ld;
		airq_day_civil(last, &ly, &lm, &ld);
		if (out->done_year * 12 + out->done_month > ly * 12 + lm)
			out->done_late = 1;
	}
}

/* ---- target metrics ----------------------------------------------------- */

static const struct {
	const char *code, *name;
} metric_names[COMPL_NMETRIC] = {
	[COMPL_M_NONE] = { "none", "非监测指标" },
	[COMPL_M_PM25] = { "pm25", "PM2.5平均浓度" },
	[COMPL_M_PM10] = { "pm10", "PM10平均浓度" },
	[COMPL_M_SO2] = { "so2", "二氧化硫平均浓度" },
	[COMPL_M_NO2] = { "no2", "二氧化氮平均浓度" },
	[COMPL_M_CO] = { "co", "一氧化碳日均值第95百分位数" },
	[COMPL_M_O3] = { "o3", "臭氧日最大8小时平均第90百分位数" },
	[COMPL_M_GOOD_RATIO] = { "good-ratio", "优良天数比例" },
	[COMPL_M_GOOD_DAYS] = { "good-days", "优良天数" },
	[COMPL_M_HEAVY_RATIO] = { "heavy-ratio", "重污染天数比例" },
	[COMPL_M_HEAVY_DAYS] = { "heavy-days", "重污染天数" },
	[COMPL_M_COMPOSITE] = { "composite", "综合指数" },
};

const char *
compliance_metric_code(enum compl_metric m)
{
	return (unsigned)m < COMPL_NMETRIC ? metric_names[m].code : "none";
}

const char *
compliance_metric_name(enum compl_metric m)
{
	return (unsigned)m < COMPL_NMETRIC ? metric_names[m].name : "";
}

/*
 * Normalise for keyword matching: spaces (ASCII, U+3000, U+00A0) removed,
 * ASCII upper-cased, subscript digits (PM₂.₅) and full-width digits and
 * letters made ASCII. Caller frees.
 */
static char *
metric_norm(const char *s)
{
	size_t n = strlen(s);
	char *o = xmalloc(n + 1), *w = o;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3;          /* U+3000 */
		} else if (p[0] == 0xC2 && p[1] == 0xA0) {
			p += 2;          /* U+00A0 */
		} else if (p[0] == 0xE2 && p[1] == 0x82 && p[2] >= 0x80 &&
		    p[2] <= 0x89) {
			*w++ = (char)('0' + (p[2] - 0x80)); /* U+2080.. */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 &&
		    p[2] <= 0x99) {
			*w++ = (char)('0' + (p[2] - 0x90)); /* ０-９ */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0xA1 &&
		    p[2] <= 0xBA) {
			*w++ = (char)('A' + (p[2] - 0xA1)); /* Ａ-Ｚ */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x81 &&
		    p[2] <= 0x9A) {
			*w++ = (char)('A' + (p[2] - 0x81)); /* ａ-ｚ */
			p += 3;
		} else if (p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x8E) {
			*w++ = '.';      /* ． */
			p += 3;
		} else {
			unsigned char c = *p++;
			if (c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			*w++ = (char)c;
		}
	}
	*w = 0;
	return o;
}

static int
is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9');
}

/* An ASCII token in s not glued to other letters or digits ("CO" is not
 * in "COD", "O3" not in "NO3"). */
static int
has_token(const char *s, const char *tok)
{
	size_t n = strlen(tok);
	for (const char *p = strstr(s, tok); p; p = strstr(p + 1, tok)) {
		if (!(p > s && is_alnum(p[-1])) && !is_alnum(p[n]))
			return 1;
	}
	return 0;
}

static int
has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

static const char *const relative_words[] = {
	"排名", "位次", "下降", "降低", "改善", "同比", "增长", "减少", "提升",
	"较", NULL,
};
static const char *const ratio_words[] = { "比例", "比率", "占比", NULL };
static const char *const heavy_words[] = {
	"重污染", "重度及以上", "重度以上", "重度污染", NULL,
};
static const char *const ug_units[] = {
	"微克", "\xce\xbcG", "\xc2\xb5G", "UG/M", NULL,
};
static const char *const mg_units[] = { "毫克", "MG/M", NULL };

enum compl_metric
compliance_metric(const char *metric, const char *unit)
{
	if (!metric)
		return COMPL_M_NONE;
	char *m = metric_norm(metric);
	char *u = metric_norm(unit ? unit : "");
	enum compl_metric r = COMPL_M_NONE;
	int pct = strstr(u, "%") || strstr(u, "％") || strstr(u, "百分");
	int days = strcmp(u, "天") == 0;
	int ug = has_any(u, ug_units), mg = has_any(u, mg_units);

	if (has_any(m, relative_words))
		r = COMPL_M_NONE;
	else if (strstr(m, "优良天数"))
		r = has_any(m, ratio_words) || pct ? COMPL_M_GOOD_RATIO :
		    days ? COMPL_M_GOOD_DAYS : COMPL_M_NONE;
	else if (has_any(m, heavy_words) && strstr(m, "天数"))
		r = has_any(m, ratio_words) || pct ? COMPL_M_HEAVY_RATIO :
		    days ? COMPL_M_HEAVY_DAYS : COMPL_M_NONE;
	else if (strstr(m, "综合指数"))
		r = !pct && !days ? COMPL_M_COMPOSITE : COMPL_M_NONE;
	else if (has_token(m, "PM2.5") || has_token(m, "PM25") ||
	    strstr(m, "细颗粒物"))
		r = ug ? COMPL_M_PM25 : COMPL_M_NONE;
	else if (has_token(m, "PM10") || strstr(m, "可吸入颗粒物"))
		r = ug ? COMPL_M_PM10 : COMPL_M_NONE;
	else if (has_token(m, "SO2") || strstr(m, "二氧化硫"))
		r = ug ? COMPL_M_SO2 : COMPL_M_NONE;
	else if (has_token(m, "NO2") || strstr(m, "二氧化氮"))
		r = ug ? COMPL_M_NO2 : COMPL_M_NONE;
	else if (has_token(m, "CO") || strstr(m, "一氧化碳"))
		r = mg ? COMPL_M_CO : COMPL_M_NONE;
	else if (has_token(m, "O3") || strstr(m, "臭氧"))
		r = ug ? COMPL_M_O3 : COMPL_M_NONE;
	free(m);
	free(u);
	return r;
}

/* ---- verdicts ------------------------------------------------------------ */

static const struct {
	const char *code, *name;
} verdict_names[COMPL_NVERDICT] = {
	[COMPL_MET] = { "met", "达标" },
	[COMPL_ON_TRACK] = { "on-track", "进度正常" },
	[COMPL_AT_RISK] = { "at-risk", "有风险" },
	[COMPL_MISSED] = { "missed", "未达标" },
	[COMPL_NO_DATA] = { "no-data", "数据不足" },
	[COMPL_NOT_ASSESSABLE] = { "not-assessable", "无法由监测数据评估" },
};

const char *
compliance_verdict_code(enum compl_verdict v)
{
	return (unsigned)v < COMPL_NVERDICT ? verdict_names[v].code : "";
}

const char *
compliance_verdict_name(enum compl_verdict v)
{
	return (unsigned)v < COMPL_NVERDICT ? verdict_names[v].name : "";
}

int
compliance_parse_value(const char *s, int64_t *out)
{
	if (!s || !*s)
		return 0;
	int64_t v = 0;
	int frac = -1;
	for (const char *p = s; *p; p++) {
		if (*p == '.') {
			if (frac >= 0 || p == s || !p[1])
				return 0;
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || v > INT64_C(100000000000))
			return 0;
		if (frac >= 0 && ++frac > AQI_DECIMALS)
			return 0;
		v = v * 10 + (*p - '0');
	}
	for (int i = frac < 0 ? 0 : frac; i < AQI_DECIMALS; i++)
		v *= 10;
	*out = v;
	return 1;
}

/* v (AQI_SCALE units) with `decimals` decimals, rounded half away from
 * zero (the values printed here are already rounded). */
static void
put_fixed(struct buf *b, int64_t v, int decimals)
{
	if (v == AQI_MISSING) {
		buf_puts(b, "—");
		return;
	}
	int64_t step = 1;
	for (int i = decimals; i < AQI_DECIMALS; i++)
		step *= 10;
	int neg = v < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	a = (a + (uint64_t)step / 2) / (uint64_t)step;
	uint64_t div = 1;
	for (int i = 0; i < decimals; i++)
		div *= 10;
	if (neg && a)
		buf_putc(b, '-');
	buf_printf(b, "%llu", (unsigned long long)(a / div));
	if (decimals > 0)
		buf_printf(b, ".%0*llu", decimals,
		    (unsigned long long)(a % div));
}

static void
put_day(struct buf *b, int32_t day)
{
	int y, m, d;
	airq_day_civil(day, &y, &m, &d);
	buf_printf(b, "%d月%d日", m, d);
}

static void
put_range(struct buf *b, struct airq_range r)
{
	int y, m, d;
	airq_day_civil(r.from, &y, &m, &d);
	buf_printf(b, "%d年", y);
	put_day(b, r.from);
	buf_puts(b, "至");
	put_day(b, r.to);
}

/* Decimals a metric is printed with, and its unit. */
int
compliance_metric_decimals(enum compl_metric m)
{
	switch (m) {
	case COMPL_M_CO:
	case COMPL_M_GOOD_RATIO:
	case COMPL_M_HEAVY_RATIO:
		return 1;
	case COMPL_M_COMPOSITE:
		return 2;
	default:
		return 0;
	}
}

static const char *
metric_unit(enum compl_metric m)
{
	switch (m) {
	case COMPL_M_CO:
		return "毫克/立方米";
	case COMPL_M_GOOD_RATIO:
	case COMPL_M_HEAVY_RATIO:
		return "%";
	case COMPL_M_GOOD_DAYS:
	case COMPL_M_HEAVY_DAYS:
		return "天";
	case COMPL_M_COMPOSITE:
	case COMPL_M_NONE:
		return "";
	default:
		return "微克/立方米";
	}
}

static enum aqi_ind
metric_ind(enum compl_metric m)
{
	switch (m) {
	case COMPL_M_PM10: return AQI_PM10;
	case COMPL_M_SO2: return AQI_SO2;
	case COMPL_M_NO2: return AQI_NO2;
	case COMPL_M_CO: return AQI_CO;
	case COMPL_M_O3: return AQI_O3_8H;
	default: return AQI_PM25;
	}
}

/* The year-to-date figure of metric m (printed precision). */
static int64_t
metric_value(enum compl_metric m, const struct airq_period *p)
{
	switch (m) {
	case COMPL_M_GOOD_RATIO:
		return p->good_pct;
	case COMPL_M_HEAVY_RATIO:
		return p->heavy_pct;
	case COMPL_M_GOOD_DAYS:
		return p->good_pct == AQI_MISSING ? AQI_MISSING :
		    (int64_t)p->d.good * AQI_SCALE;
	case COMPL_M_HEAVY_DAYS:
		return p->heavy_pct == AQI_MISSING ? AQI_MISSING :
		    (int64_t)p->d.heavy * AQI_SCALE;
	case COMPL_M_COMPOSITE:
		return p->composite;
	case COMPL_M_NONE:
		return AQI_MISSING;
	default:
		return p->c[metric_ind(m)];
	}
}

/* Lower is better for every figure but 优良. */
static int
metric_upper_natural(enum compl_metric m)
{
	return m != COMPL_M_GOOD_RATIO && m != COMPL_M_GOOD_DAYS;
}

/* Does value v satisfy "v op target" (value2 for between)? */
static int
satisfies(int64_t v, const char *op, int64_t target, int64_t target2)
{
	if (!strcmp(op, "<"))
		return v < target;
	if (!strcmp(op, "<="))
		return v <= target;
	if (!strcmp(op, ">"))
		return v > target;
	if (!strcmp(op, ">="))
		return v >= target;
	if (!strcmp(op, "between"))
		return v >= target && v <= target2;
	return v == target;
}

static const char *
op_words(const char *op)
{
	if (!strcmp(op, "<"))
		return "低于";
	if (!strcmp(op, "<="))
		return "不高于";
	if (!strcmp(op, ">"))
		return "高于";
	if (!strcmp(op, ">="))
		return "不低于";
	if (!strcmp(op, "between"))
		return "介于";
	return "等于";
}

/* Shared state of one evaluation. */
struct eval {
	const struct target *t;
	const struct compl_air *air;
	struct compl_target *out;
	struct buf b;            /* method text */
	int64_t target2;
	int days_in_year, remaining;
	int32_t asof;
	const char *unit;
	int dec;
};

/* "目标：2024年PM2.5平均浓度低于35微克/立方米。" */
static void
put_target(struct eval *e)
{
	buf_printf(&e->b, "目标：%d年%s%s%s", e->out->target_year,
	    compliance_metric_name(e->out->metric), op_words(e->t->op),
	    e->t->value);
	if (!strcmp(e->t->op, "between") && e->t->value2)
		buf_printf(&e->b, "至%s", e->t->value2);
	buf_printf(&e->b, "%s。", e->unit);
}

/* "年累计（2024年1月1日至8月31日）PM2.5平均浓度为38微克/立方米。" */
static void
put_current(struct eval *e)
{
	buf_puts(&e->b, "年累计（");
	put_range(&e->b, e->air->ytd.range);
	buf_printf(&e->b, "）%s为", compliance_metric_name(e->out->metric));
	put_fixed(&e->b, e->out->current, e->dec);
	buf_printf(&e->b, "%s", e->unit);
	if (e->out->metric == COMPL_M_GOOD_RATIO)
		buf_printf(&e->b, "（优良%d天/有效%d天）", e->air->ytd.d.good,
		    e->air->ytd.d.valid);
	else if (e->out->metric == COMPL_M_HEAVY_RATIO)
		buf_printf(&e->b, "（重污染%d天/有效%d天）",
		    e->air->ytd.d.heavy, e->air->ytd.d.valid);
	buf_puts(&e->b, "。");
}

static void
verdict(struct eval *e, enum compl_verdict v)
{
	e->out->verdict = v;
	buf_printf(&e->b, "结论：%s。", compliance_verdict_name(v));
}

/* Literal comparison of the year-to-date value with the target: met or
 * missed at the year's end, else on track or at risk. */
static void
eval_literal(struct eval *e, const char *why)
{
	int ok = satisfies(e->out->current, e->t->op, e->out->target,
	    e->target2);
	if (why)
		buf_puts(&e->b, why);
	buf_printf(&e->b, "方法：年累计值与目标值直接比较，%s目标。",
	    ok ? "符合" : "不符合");
	if (e->remaining == 0 && e->out->target_year == e->air->year)
		verdict(e, ok ? COMPL_MET : COMPL_MISSED);
	else
		verdict(e, ok ? COMPL_ON_TRACK : COMPL_AT_RISK);
}

static int
is_upper(const char *op)
{
	return !strcmp(op, "<") || !strcmp(op, "<=");
}

static int
is_lower(const char *op)
{
	return !strcmp(op, ">") || !strcmp(op, ">=");
}

/* 年剩余日控制值 for an annual mean (upper bound). */
static void
eval_mean(struct eval *e)
{
	enum aqi_ind ind = metric_ind(e->out->metric);
	const struct airq_period *p = &e->air->ytd;
	int n = p->nvalid[ind];
	if (e->remaining == 0) {
		eval_literal(e, "全年已结束。");
		return;
	}
	int64_t ctl;
	enum aqstats_control rc = aqstats_remaining_control(e->out->target,
	    n + e->remaining, p->sum[ind], n, 0, &ctl);
	/* Published reasoning: plain words and the figures, no formula. */
	if (rc == AQSTATS_CTRL_MISSED) {
		buf_printf(&e->b, "方法：已有%d天的日均浓度之和约为", n);
		put_fixed(&e->b, p->sum[ind], 0);
		buf_printf(&e->b, "，已超过全年%d个有效日按目标值计的浓度总量约",
		    n + e->remaining);
		put_fixed(&e->b, e->out->target * (n + e->remaining), 0);
		buf_puts(&e->b, "，剩余天数即使浓度为零也无法达到目标。");
		verdict(e, COMPL_MISSED);
		return;
	}
	e->out->control = ctl;
	buf_printf(&e->b, "方法：要使全年平均浓度达到目标，剩余%d天的日均浓度"
	    "平均不能超过", e->remaining);
	put_fixed(&e->b, ctl, 0);
	buf_printf(&e->b, "%s（年剩余日控制值：全年%d个有效日按目标值计的浓度"
	    "总量约", e->unit, n + e->remaining);
	put_fixed(&e->b, e->out->target * (n + e->remaining), 0);
	buf_printf(&e->b, "，减去已有%d天的日均浓度之和约", n);
	put_fixed(&e->b, p->sum[ind], 0);
	buf_puts(&e->b, "，再平均到剩余天数，小数舍去）。");
	int64_t floor_day = e->air->min_day[ind];
	if (floor_day != AQI_MISSING && floor_day > 0 && ctl < floor_day) {
		buf_puts(&e->b, "控制值低于过去一年最低的日均值（");
		put_fixed(&e->b, floor_day, 0);
		buf_printf(&e->b, "%s）：剩余时段须比过去一年中最清洁的一天还低，"
		    "实际已无法达到。", e->unit);
		verdict(e, COMPL_MISSED);
		return;
	}
	const struct airq_period *q = &e->air->prev_rest;
	int64_t ref = e->air->have_prev_rest ? q->c[ind] : AQI_MISSING;
	if (ref != AQI_MISSING) {
		buf_puts(&e->b, "去年同期剩余时段（");
		put_range(&e->b, q->range);
		buf_puts(&e->b, "）平均浓度为");
	} else {
		ref = e->out->current;
		buf_puts(&e->b, "无去年同期剩余时段的有效数据，以年累计平均浓度");
	}
	e->out->reference = ref;
	put_fixed(&e->b, ref, 0);
	buf_printf(&e->b, "%s", e->unit);
	int risk = ctl < ref;
	buf_printf(&e->b, "，%s控制值。", risk ? "高于" : "不高于");
	verdict(e, risk ? COMPL_AT_RISK : COMPL_ON_TRACK);
}

/* ceil(a / b) and floor(a / b) for b > 0. */
static int64_t
div_ceil(int64_t a, int64_t b)
{
	return a >= 0 ? (a + b - 1) / b : -((-a) / b);
}

static int64_t
div_floor(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* 优良天数比例 >= T or 优良天数 >= N. */
static void
eval_good(struct eval *e)
{
	const struct airq_period *p = &e->air->ytd;
	int v = p->d.valid, good = p->d.good, R = e->remaining;
	int strict = !strcmp(e->t->op, ">");
	int64_t total;
	if (e->out->metric == COMPL_M_GOOD_RATIO) {
		int64_t num = e->out->target * (int64_t)(v + R);
		int64_t den = (int64_t)100 * AQI_SCALE;
		total = strict ? div_floor(num, den) + 1 : div_ceil(num, den);
		buf_printf(&e->b, "方法：剩余%d天按全部有效计，全年有效%d天；"
		    "优良天数比例要%s目标，全年需优良天数至少%lld天%s；", R,
		    v + R, strict ? "高于" : "达到", (long long)total,
		    strict ? "" : "（不足1天按1天计）");
	} else {
		total = div_floor(e->out->target, AQI_SCALE) + (strict ? 1 : 0);
		buf_printf(&e->b, "方法：全年需优良天数%lld天；",
		    (long long)total);
	}
	int64_t needed = total - good;
	e->out->needed = needed < 0 ? 0 : (int)needed;
	e->out->gap = (int)needed - R;
	buf_printf(&e->b, "已有优良天数%d天，尚需%d天，剩余%d天。",
	    good, e->out->needed, R);
	if (needed <= 0) {
		buf_puts(&e->b, "所需优良天数已经取得。");
		verdict(e, COMPL_MET);
		return;
	}
	if (needed > R) {
		buf_printf(&e->b, "距离年目标值差%d天：剩余天数全部优良也无法达到。",
		    e->out->gap);
		verdict(e, COMPL_MISSED);
		return;
	}
	/* needed / R against the reference rate good_ref / valid_ref. */
	const struct airq_period *q = &e->air->prev_rest;
	int rg, rv;
	int64_t ref_pct;
	if (e->air->have_prev_rest && q->good_pct != AQI_MISSING) {
		rg = q->d.good;
		rv = q->d.valid;
		ref_pct = q->good_pct;
		buf_puts(&e->b, "与去年同期剩余时段（");
		put_range(&e->b, q->range);
		buf_puts(&e->b, "）");
	} else {
		rg = good;
		rv = v;
		ref_pct = p->good_pct;
		buf_puts(&e->b, "无去年同期剩余时段的有效数据，与年累计");
	}
	e->out->reference = ref_pct;
	int risk = (int64_t)needed * rv > (int64_t)rg * R;
	buf_puts(&e->b, "优良比例");
	put_fixed(&e->b, ref_pct, 1);
	buf_printf(&e->b, "%%（优良%d天，有效%d天）比较：剩余%d天需优良"
	    "%lld天，所需比例%s该比例。", rg, rv, R, (long long)needed,
	    risk ? "高于" : "不高于");
	verdict(e, risk ? COMPL_AT_RISK : COMPL_ON_TRACK);
}

/* 重污染天数比例 <= T or 重污染天数 <= N. */
static void
eval_heavy(struct eval *e)
{
	const struct airq_period *p = &e->air->ytd;
	int v = p->d.valid, heavy = p->d.heavy, R = e->remaining;
	int strict = !strcmp(e->t->op, "<");
	int64_t total;
	if (e->out->metric == COMPL_M_HEAVY_RATIO) {
		int64_t num = e->out->target * (int64_t)(v + R);
		int64_t den = (int64_t)100 * AQI_SCALE;
		total = strict ? div_ceil(num, den) - 1 : div_floor(num, den);
		buf_printf(&e->b, "方法：剩余%d天按全部有效计，全年有效%d天；"
		    "重污染天数比例要%s目标，全年至多允许重污染%lld天%s；", R,
		    v + R, strict ? "低于" : "不超过", (long long)total,
		    strict ? "" : "（不足1天的部分舍去）");
	} else {
		total = div_ceil(e->out->target, AQI_SCALE) - (strict ? 1 : 0);
		buf_printf(&e->b, "方法：全年允许重污染天数%lld天；",
		    (long long)total);
	}
	int64_t allowed = total - heavy;
	e->out->needed = (int)allowed;
	buf_printf(&e->b, "已有重污染天数%d天，", heavy);
	if (allowed < 0) {
		buf_printf(&e->b, "已超出%lld天。", (long long)-allowed);
		verdict(e, COMPL_MISSED);
		return;
	}
	buf_printf(&e->b, "剩余%d天内还允许%lld天。", R, (long long)allowed);
	if (R == 0) {
		verdict(e, COMPL_MET);
		return;
	}
	const struct airq_period *q = &e->air->prev_rest;
	int risk;
	if (e->air->have_prev_rest && q->heavy_pct != AQI_MISSING) {
		e->out->reference = (int64_t)q->d.heavy * AQI_SCALE;
		buf_puts(&e->b, "去年同期剩余时段（");
		put_range(&e->b, q->range);
		buf_printf(&e->b, "）重污染%d天，", q->d.heavy);
		risk = q->d.heavy > allowed;
	} else {
		e->out->reference = p->heavy_pct;
		buf_printf(&e->b, "无去年同期剩余时段的有效数据，按年累计频率"
		    "（重污染%d天，有效%d天）推算剩余时段约%lld天，", heavy, v,
		    v > 0 ? (long long)div_ceil((int64_t)heavy * R, v) : 0LL);
		risk = v > 0 && (int64_t)heavy * R > allowed * v;
	}
	buf_printf(&e->b, "%s允许天数。", risk ? "多于" : "不多于");
	verdict(e, risk ? COMPL_AT_RISK : COMPL_ON_TRACK);
}

void
compliance_target(const struct target *t, const struct compl_air *air,
    struct compl_target *out)
{
	memset(out, 0, sizeof *out);
	out->target = out->current = out->control = out->reference =
	    AQI_MISSING;
	struct eval e = { .t = t, .air = air, .out = out };
	out->metric = compliance_metric(t->metric, t->unit);
	out->target_year = t->year > 0 ? t->year : air->year;
	e.unit = metric_unit(out->metric);
	e.dec = compliance_metric_decimals(out->metric);

	if (out->metric == COMPL_M_NONE) {
		out->verdict = COMPL_NOT_ASSESSABLE;
		char *m = metric_norm(t->metric ? t->metric : "");
		if (has_any(m, relative_words))
			buf_puts(&e.b, "相对目标或排名目标（需基准年或其他地区的数据），"
			    "无法由监测数据评估。");
		else
			buf_puts(&e.b, "该指标不是空气质量监测指标，无法由监测数据评估。");
		free(m);
		out->method = buf_detach(&e.b);
		return;
	}
	const char *op = t->op ? t->op : "=";
	struct target tt = *t;
	tt.op = (char *)op;
	e.t = &tt;
	if (!compliance_parse_value(t->value, &out->target) ||
	    (!strcmp(op, "between") &&
	    !compliance_parse_value(t->value2, &e.target2))) {
		out->target = AQI_MISSING;
		out->verdict = COMPL_NOT_ASSESSABLE;
		buf_puts(&e.b, "目标值无法识别，无法评估。");
		out->method = buf_detach(&e.b);
		return;
	}
	put_target(&e);
	if (out->target_year < air->year) {
		out->verdict = COMPL_NOT_ASSESSABLE;
		buf_printf(&e.b, "目标年份%d年已过，%d年的数据不用于评估该目标。",
		    out->target_year, air->year);
		out->method = buf_detach(&e.b);
		return;
	}
	e.days_in_year = aqstats_days_in_year(air->year);
	e.asof = month_end(air->year, air->month);
	e.remaining = airq_day_index(air->year, 12, 31) - e.asof;
	out->remaining = e.remaining;
	out->current = air->have ? metric_value(out->metric, &air->ytd) :
	    AQI_MISSING;
	if (out->current == AQI_MISSING) {
		out->verdict = COMPL_NO_DATA;
		if (!air->have)
			buf_puts(&e.b, "无该地区的监测数据，无法评估。");
		else
			buf_printf(&e.b, "年累计有效天数不足（至少需%d天），"
			    "数据不足，无法评估。", air->ytd.min_days);
		out->method = buf_detach(&e.b);
		return;
	}
	put_current(&e);
	int natural = metric_upper_natural(out->metric) ? is_upper(op) :
	    is_lower(op);
	if (out->target_year > air->year) {
		char why[160];
		snprintf(why, sizeof why, "目标年份为%d年，以%d年年累计值对照。",
		    out->target_year, air->year);
		eval_literal(&e, why);
	} else if (!natural) {
		eval_literal(&e, (is_upper(op) || is_lower(op)) ?
		    "目标方向与该指标通常的要求相反，按原文比较。" : NULL);
	} else {
		switch (out->metric) {
		case COMPL_M_PM25:
		case COMPL_M_PM10:
		case COMPL_M_SO2:
		case COMPL_M_NO2:
			eval_mean(&e);
			break;
		case COMPL_M_GOOD_RATIO:
		case COMPL_M_GOOD_DAYS:
			eval_good(&e);
			break;
		case COMPL_M_HEAVY_RATIO:
		case COMPL_M_HEAVY_DAYS:
			eval_heavy(&e);
			break;
		default:
			eval_literal(&e, "百分位数和综合指数无剩余日控制值。");
			break;
		}
	}
	out->method = buf_detach(&e.b);
}

void
compliance_target_clear(struct compl_target *c)
{
	free(c->method);
	c->method = NULL;
}
