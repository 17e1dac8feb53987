/*
 * airq.c -- area air quality from hourly station records: station days
 * (streamed, one open day per station), area days, period statistics,
 * 同比, rankings and the data-quality summary (see airq.h for the rules).
 */
#include "airq.h"
#include "util.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#define NO_DAY INT32_MIN
#define OUTAGE_HOURS 24

/* A station with its reading state. pub must stay first: the public
 * struct airq_station pointers are pointers to it. */
struct st_priv {
	struct airq_station pub;
	size_t cap_days, cap_out;
	int32_t cur_day;       /* the open day, NO_DAY when none */
	uint32_t seen;         /* hours of the open day already read */
	uint32_t data;         /* hours of the open day with a value */
	int32_t first_data;    /* first and last hour with a concentration */
	int32_t last_data;
	int listed;            /* in the caller's table */
	int64_t hour[AQI_NIND][24]; /* the open day's hourly values */
};

struct airq {
	struct airq_opts opt;
	GHashTable *by_code;   /* code -> struct st_priv (owned by st[]) */
	struct st_priv **st;   /* in order of creation, sorted at finish */
	size_t nst, cap_st;
	struct st_priv **by_id; /* mon_station id -> station, a cache */
	size_t nby_id;
	struct airq_area **area; /* sorted by name */
	size_t narea;
	uint64_t late;
	int finished;
};

void
airq_opts_default(struct airq_opts *o)
{
	o->area_min_pct = 50;
	o->require_complete = 1;
	o->round_before_iaqi = 1;
}

/* floor(a / b), b > 0. */
static int32_t
floor_div(int32_t a, int32_t b)
{
	int32_t q = a / b;
	if (a % b != 0 && a < 0)
		q--;
	return q;
}

int32_t
airq_day_index(int year, int month, int day)
{
	return floor_div(mon_hour_index(year, month, day, 0), 24);
}

void
airq_day_civil(int32_t d, int *year, int *month, int *day)
{
	int h;
	mon_hour_civil(d * 24, year, month, day, &h);
}

struct airq *
airq_new(const struct airq_opts *opts)
{
	struct airq *aq = xcalloc(1, sizeof *aq);
	if (opts)
		aq->opt = *opts;
	else
		airq_opts_default(&aq->opt);
	if (aq->opt.area_min_pct < 0)
		aq->opt.area_min_pct = 0;
	if (aq->opt.area_min_pct > 100)
		aq->opt.area_min_pct = 100;
	aq->by_code = g_hash_table_new(g_str_hash, g_str_equal);
	return aq;
}

static void
area_free(struct airq_area *a)
{
	free(a->name);
	free(a->st);
	free(a->days);
	free(a);
}

void
airq_free(struct airq *aq)
{
	if (!aq)
		return;
	for (size_t i = 0; i < aq->nst; i++) {
		struct st_priv *s = aq->st[i];
		free(s->pub.code);
		free(s->pub.name);
		free(s->pub.area);
		free(s->pub.days);
		free(s->pub.outages);
		free(s);
	}
	free(aq->st);
	free(aq->by_id);
	for (size_t i = 0; i < aq->narea; i++)
		area_free(aq->area[i]);
	free(aq->area);
	g_hash_table_destroy(aq->by_code);
	free(aq);
}

static void
hours_clear(struct st_priv *s)
{
	for (int i = 0; i < AQI_NIND; i++)
		for (int h = 0; h < 24; h++)
			s->hour[i][h] = AQI_MISSING;
	s->seen = s->data = 0;
}

static struct st_priv *
station_new(struct airq *aq, const char *code)
{
	struct st_priv *s = xcalloc(1, sizeof *s);
	s->pub.code = xstrdup(code);
	s->cur_day = NO_DAY;
	s->first_data = s->last_data = MON_HOUR_NONE;
	hours_clear(s);
	aq->st = xgrow(aq->st, &aq->cap_st, aq->nst + 1, sizeof *aq->st);
	aq->st[aq->nst++] = s;
	g_hash_table_insert(aq->by_code, s->pub.code, s);
	return s;
}

int
airq_station_add(struct airq *aq, const struct airq_station_info *si)
{
	if (aq->finished || !si->code || !*si->code)
		return 0;
	struct st_priv *s = g_hash_table_lookup(aq->by_code, si->code);
	if (s && s->pub.mon)
		return 0;
	if (!s)
		s = station_new(aq, si->code);
	s->listed = 1;
	if (si->name) {
		free(s->pub.name);
		s->pub.name = xstrdup(si->name);
	}
	if (si->area) {
		free(s->pub.area);
		s->pub.area = xstrdup(si->area);
	}
	if (si->background)
		s->pub.background = 1;
	return 1;
}

/* The station of a record: the id cache first, then the code. */
static struct st_priv *
station_of(struct airq *aq, const struct mon_station *ms)
{
	if (ms->id < aq->nby_id && aq->by_id[ms->id] &&
	    aq->by_id[ms->id]->pub.mon == ms)
		return aq->by_id[ms->id];
	struct st_priv *s = g_hash_table_lookup(aq->by_code, ms->code);
	if (!s)
		s = station_new(aq, ms->code);
	if (!s->pub.mon)
		s->pub.mon = ms;
	if (s->pub.mon == ms) {
		if (ms->id >= aq->nby_id) {
			size_t n = aq->nby_id ? aq->nby_id : 64;
			while (n <= ms->id)
				n *= 2;
			aq->by_id = xrealloc(aq->by_id, n * sizeof *aq->by_id);
			memset(aq->by_id + aq->nby_id, 0,
			    (n - aq->nby_id) * sizeof *aq->by_id);
			aq->nby_id = n;
		}
		aq->by_id[ms->id] = s;
	}
	return s;
}

static void
sday_clear(struct airq_sday *d)
{
	for (int i = 0; i < AQI_NIND; i++) {
		d->c[i] = AQI_MISSING;
		d->n[i] = 0;
	}
	d->hours = 0;
}

/* The station's day slot for day index d (>= first), grown as needed. */
static struct airq_sday *
sday_slot(struct st_priv *s, int32_t d)
{
	struct airq_station *p = &s->pub;
	if (p->ndays == 0)
		p->first = d;
	size_t i = (size_t)(d - p->first);
	if (i >= p->ndays) {
		if (i >= s->cap_days) {
			/* A month at a time, not doubling: what is kept per
			 * station stays within 32 days of what is used. */
			s->cap_days = (i + 32) / 32 * 32;
			p->days = xrealloc(p->days,
			    s->cap_days * sizeof *p->days);
		}
		for (size_t k = p->ndays; k <= i; k++)
			sday_clear(&p->days[k]);
		p->ndays = i + 1;
	}
	return &p->days[i];
}

/* Daily maximum of the O3 1 h values when >= 20 are present. */
static void
o3_max1h(const int64_t *h, int64_t *out, uint8_t *n)
{
	int64_t max = AQI_MISSING;
	int k = 0;
	for (int i = 0; i < 24; i++) {
		if (h[i] == AQI_MISSING)
			continue;
		k++;
		if (max == AQI_MISSING || h[i] > max)
			max = h[i];
	}
	*n = (uint8_t)k;
	*out = k >= AQSTATS_DAY_MIN_HOURS ? max : AQI_MISSING;
}

/* Close the open day: its daily values into the station's days. */
static void
day_close(struct st_priv *s)
{
	if (s->cur_day == NO_DAY)
		return;
	struct airq_sday *d = sday_slot(s, s->cur_day);
	static const enum aqi_ind mean24[] = { AQI_SO2, AQI_NO2, AQI_PM10,
		AQI_CO, AQI_PM25 };
	for (size_t k = 0; k < sizeof mean24 / sizeof mean24[0]; k++) {
		enum aqi_ind i = mean24[k];
		int n;
		aqstats_daily_mean(s->hour[i], 24, AQI_DECIMALS, &d->c[i], &n);
		d->n[i] = (uint8_t)n;
	}
	o3_max1h(s->hour[AQI_O3_1H], &d->c[AQI_O3_1H], &d->n[AQI_O3_1H]);
	int n8;
	aqstats_o3_max8h_day(s->hour[AQI_O3_1H], AQI_DECIMALS,
	    &d->c[AQI_O3_8H], &n8);
	d->n[AQI_O3_8H] = (uint8_t)n8;
	d->hours = (uint8_t)__builtin_popcount(s->data);
	s->cur_day = NO_DAY;
	hours_clear(s);
}

static void
outage_add(struct st_priv *s, int32_t start, int32_t hours, int front)
{
	struct airq_station *p = &s->pub;
	p->outages = xgrow(p->outages, &s->cap_out, p->noutages + 1,
	    sizeof *p->outages);
	struct airq_outage o = { start, hours };
	if (front) {
		memmove(p->outages + 1, p->outages,
		    p->noutages * sizeof *p->outages);
		p->outages[0] = o;
	} else {
		p->outages[p->noutages] = o;
	}
	p->noutages++;
}

/* Mask of the concentration bits of struct mon_record.valid. */
#define CONC_BITS ((1u << MON_NPOLL) - 1u)

/*
 * A row of a daily-value file (monitor.h, resolution = day): the station's
 * day as the platform published it, taken as given -- 24 h means, O3
 * daily maximum 1 h and 8 h -- not recomputed from hours the file does
 * not have. A present value counts as a complete day (n = 24 hours, 17
 * windows for the 8 h maximum): the platform has applied the validity
 * rules already (decision, lantian-layout(5)).
 */
static int
add_daily(struct airq *aq, struct st_priv *s, const struct mon_record *rec,
    int32_t day)
{
	day_close(s); /* an open day of hourly records, if any */
	if (s->pub.ndays && day < s->pub.first + (int32_t)s->pub.ndays &&
	    s->pub.days[day - s->pub.first].hours) {
		aq->late++;
		return 0;
	}
	uint32_t bits = rec->valid & CONC_BITS;
	if (!bits)
		return 1;
	struct airq_sday *d = sday_slot(s, day);
	for (int f = 0; f < MON_NPOLL; f++)
		if (bits & (1u << f)) {
			d->c[f] = rec->v[f];
			d->n[f] = f == AQI_O3_8H ? 17 : 24;
		}
	d->hours = 24;
	if (s->last_data != MON_HOUR_NONE &&
	    rec->t - s->last_data - 1 >= OUTAGE_HOURS)
		outage_add(s, s->last_data + 1, rec->t - s->last_data - 1, 0);
	if (s->first_data == MON_HOUR_NONE)
		s->first_data = rec->t;
	s->last_data = rec->t + 23;
	return 1;
}

int
airq_add(struct airq *aq, const struct mon_record *rec)
{
	if (aq->finished || !rec->st)
		return 0;
	struct st_priv *s = station_of(aq, rec->st);
	int32_t day = floor_div(rec->t, 24);
	if (rec->daily)
		return add_daily(aq, s, rec, day);
	if (day != s->cur_day) {
		if (s->cur_day != NO_DAY && day < s->cur_day) {
			aq->late++;
			return 0;
		}
		if (s->cur_day == NO_DAY && s->pub.ndays &&
		    day < s->pub.first + (int32_t)s->pub.ndays) {
			aq->late++;
			return 0;
		}
		day_close(s);
		s->cur_day = day;
	}
	int h = rec->hour;
	if (s->seen & (1u << h))
		return 1;
	s->seen |= 1u << h;
	/* The published 8 h column is not used: recomputed from the hours. */
	uint32_t bits = rec->valid & CONC_BITS & ~(1u << MON_O3_8H);
	if (!bits)
		return 1;
	s->data |= 1u << h;
	for (int f = 0; f < MON_NPOLL; f++)
		if (bits & (1u << f))
			s->hour[f][h] = rec->v[f];
	if (s->last_data != MON_HOUR_NONE &&
	    rec->t - s->last_data - 1 >= OUTAGE_HOURS)
		outage_add(s, s->last_data + 1, rec->t - s->last_data - 1, 0);
	if (s->first_data == MON_HOUR_NONE)
		s->first_data = rec->t;
	s->last_data = rec->t;
	return 1;
}

int
airq_record_fn(const struct mon_record *rec, void *ctx)
{
	airq_add(ctx, rec);
	return 1;
}

uint64_t
airq_late_records(const struct airq *aq)
{
	return aq->late;
}

/* Outages at the ends of the data set, and the reader's counts. */
static void
station_finish(struct st_priv *s, const struct mon_qc *qc, int32_t outage)
{
	day_close(s);
	const struct mon_station *ms = s->pub.mon;
	if (ms) {
		s->pub.rows = ms->rows;
		s->pub.records = ms->records;
		memcpy(s->pub.rows_rejected, ms->row_rejected,
		    sizeof s->pub.rows_rejected);
		memcpy(s->pub.cells_rejected, ms->rejected,
		    sizeof s->pub.cells_rejected);
		if (!s->pub.name && ms->name)
			s->pub.name = xstrdup(ms->name);
		if (!s->pub.area && ms->area)
			s->pub.area = xstrdup(ms->area);
	}
	if (!s->pub.background && s->pub.name &&
	    strstr(s->pub.name, "对照点"))
		s->pub.background = 1;
	if (!qc || qc->first == MON_HOUR_NONE || qc->last < qc->first)
		return;
	if (s->first_data == MON_HOUR_NONE) {
		if (qc->last - qc->first + 1 >= outage)
			outage_add(s, qc->first, qc->last - qc->first + 1, 0);
		return;
	}
	if (s->first_data - qc->first >= outage)
		outage_add(s, qc->first, s->first_data - qc->first, 1);
	if (qc->last - s->last_data >= outage)
		outage_add(s, s->last_data + 1, qc->last - s->last_data, 0);
}

static int
cmp_station(const void *a, const void *b)
{
	const struct st_priv *x = *(struct st_priv *const *)a;
	const struct st_priv *y = *(struct st_priv *const *)b;
	return strcmp(x->pub.code, y->pub.code);
}

static int
cmp_area_member(const void *a, const void *b)
{
	const struct airq_station *x = *(struct airq_station *const *)a;
	const struct airq_station *y = *(struct airq_station *const *)b;
	if (x->background != y->background)
		return x->background - y->background;
	return strcmp(x->code, y->code);
}

static int
cmp_area(const void *a, const void *b)
{
	const struct airq_area *x = *(struct airq_area *const *)a;
	const struct airq_area *y = *(struct airq_area *const *)b;
	return strcmp(x->name, y->name);
}

/* One area day from its evaluation stations' days. */
static void
area_day_compute(const struct airq *aq, const struct airq_area *a,
    struct airq_day *d, int64_t *scratch)
{
	int y, m, dd;
	airq_day_civil(d->day, &y, &m, &dd);
	d->std = aqi_standard_for_date(y, m, dd);
	struct aqi_input in;
	aqi_input_init(&in);
	for (int i = 0; i < AQI_NIND; i++) {
		size_t k = 0;
		for (size_t j = 0; j < a->neval; j++) {
			const struct airq_sday *sd =
			    airq_station_day(a->st[j], d->day);
			if (sd && sd->c[i] != AQI_MISSING)
				scratch[k++] = sd->c[i];
		}
		d->nst[i] = (int)k;
		d->c[i] = AQI_MISSING;
		if (k > 0 && (int)k >= a->need)
			aqstats_mean(scratch, k, AQI_DECIMALS, &d->c[i]);
		in.c[i] = aq->opt.round_before_iaqi ?
		    aqi_round_half_even(d->c[i], aqi_report_decimals(i)) :
		    d->c[i];
	}
	aqi_compute(d->std, AQI_DAILY, &in, &d->r);
	d->valid = d->r.aqi != AQI_NONE && (!aq->opt.require_complete ||
	    (d->r.flags & AQI_F_COMPLETE));
}

static void
area_compute(const struct airq *aq, struct airq_area *a)
{
	qsort(a->st, a->nst, sizeof *a->st, cmp_area_member);
	a->neval = 0;
	while (a->neval < a->nst && !a->st[a->neval]->background)
		a->neval++;
	long need = ((long)a->neval * aq->opt.area_min_pct + 99) / 100;
	a->need = need < 1 ? 1 : (int)need;
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	for (size_t j = 0; j < a->neval; j++) {
		const struct airq_station *s = a->st[j];
		if (!s->ndays)
			continue;
		if (s->first < lo)
			lo = s->first;
		if (s->first + (int32_t)s->ndays - 1 > hi)
			hi = s->first + (int32_t)s->ndays - 1;
	}
	if (lo > hi)
		return;
	a->first = lo;
	a->ndays = (size_t)(hi - lo + 1);
	a->days = xcalloc(a->ndays, sizeof *a->days);
	int64_t *scratch = xmalloc((a->neval + 1) * sizeof *scratch);
	for (size_t i = 0; i < a->ndays; i++) {
		a->days[i].day = lo + (int32_t)i;
		area_day_compute(aq, a, &a->days[i], scratch);
	}
	free(scratch);
}

/* Group the stations by area name. */
static void
areas_build(struct airq *aq, struct diag_list *dl)
{
	GHashTable *by_name = g_hash_table_new(g_str_hash, g_str_equal);
	size_t cap = 0;
	for (size_t i = 0; i < aq->nst; i++) {
		struct airq_station *s = &aq->st[i]->pub;
		if (!s->area || !*s->area) {
			if (dl)
				diag_add(dl, DIAG_WARNING, NULL, 0, 0,
				    "站点 %s%s%s%s 没有所属区域，不计入任何区域",
				    s->code, s->name ? "（" : "",
				    s->name ? s->name : "",
				    s->name ? "）" : "");
			continue;
		}
		struct airq_area *a = g_hash_table_lookup(by_name, s->area);
		if (!a) {
			a = xcalloc(1, sizeof *a);
			a->name = xstrdup(s->area);
			aq->area = xgrow(aq->area, &cap, aq->narea + 1,
			    sizeof *aq->area);
			aq->area[aq->narea++] = a;
			g_hash_table_insert(by_name, a->name, a);
		}
		a->st = xrealloc(a->st, (a->nst + 1) * sizeof *a->st);
		a->st[a->nst++] = s;
	}
	g_hash_table_destroy(by_name);
	if (aq->narea)
		qsort(aq->area, aq->narea, sizeof *aq->area, cmp_area);
	for (size_t i = 0; i < aq->narea; i++) {
		area_compute(aq, aq->area[i]);
		if (aq->area[i]->neval == 0 && dl)
			diag_add(dl, DIAG_WARNING, NULL, 0, 0,
			    "区域 %s 没有评价点位（只有对照点），不计算区域数值",
			    aq->area[i]->name);
	}
}

void
airq_finish(struct airq *aq, const struct mon_qc *qc, struct diag_list *dl)
{
	if (aq->finished)
		return;
	aq->finished = 1;
	int32_t outage = qc && qc->outage_hours > 0 ? qc->outage_hours :
	    OUTAGE_HOURS;
	for (size_t i = 0; i < aq->nst; i++)
		station_finish(aq->st[i], qc, outage);
	if (aq->nst)
		qsort(aq->st, aq->nst, sizeof *aq->st, cmp_station);
	areas_build(aq, dl);
}

size_t
airq_area_count(const struct airq *aq)
{
	return aq->narea;
}

const struct airq_area *
airq_area_at(const struct airq *aq, size_t i)
{
	return i < aq->narea ? aq->area[i] : NULL;
}

const struct airq_area *
airq_area_find(const struct airq *aq, const char *name)
{
	size_t lo = 0, hi = aq->narea;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(aq->area[mid]->name, name);
		if (c == 0)
			return aq->area[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct airq_day *
airq_area_day(const struct airq_area *a, int32_t day)
{
	if (!a->ndays || day < a->first ||
	    day >= a->first + (int32_t)a->ndays)
		return NULL;
	return &a->days[day - a->first];
}

size_t
airq_station_count(const struct airq *aq)
{
	return aq->nst;
}

const struct airq_station *
airq_station_at(const struct airq *aq, size_t i)
{
	return i < aq->nst ? &aq->st[i]->pub : NULL;
}

const struct airq_station *
airq_station_find(const struct airq *aq, const char *code)
{
	const struct st_priv *s = g_hash_table_lookup(aq->by_code, code);
	return s ? &s->pub : NULL;
}

const struct airq_sday *
airq_station_day(const struct airq_station *s, int32_t day)
{
	if (!s->ndays || day < s->first ||
	    day >= s->first + (int32_t)s->ndays)
		return NULL;
	return &s->days[day - s->first];
}

/* ---- periods ---------------------------------------------------------- */

struct airq_range
airq_range_days(int y1, int m1, int d1, int y2, int m2, int d2)
{
	struct airq_range r = { airq_day_index(y1, m1, d1),
		airq_day_index(y2, m2, d2) };
	return r;
}

struct airq_range
airq_range_month(int year, int month)
{
	return airq_range_days(year, month, 1, year, month,
	    aqstats_days_in_month(year, month));
}

struct airq_range
airq_range_year(int year)
{
	return airq_range_days(year, 1, 1, year, 12, 31);
}

struct airq_range
airq_range_ytd(int year, int month, int day)
{
	return airq_range_days(year, 1, 1, year, month, day);
}

/* The same date a year earlier; 29 February becomes 28 February. */
static int32_t
day_prev_year(int32_t d)
{
	int y, m, dd;
	airq_day_civil(d, &y, &m, &dd);
	if (m == 2 && dd == 29)
		dd = 28;
	return airq_day_index(y - 1, m, dd);
}

struct airq_range
airq_range_prev_year(struct airq_range r)
{
	struct airq_range p = { day_prev_year(r.from), day_prev_year(r.to) };
	return p;
}

int
airq_range_min_days(struct airq_range r)
{
	int y1, m1, d1, y2, m2, d2;
	airq_day_civil(r.from, &y1, &m1, &d1);
	airq_day_civil(r.to, &y2, &m2, &d2);
	int days = r.to - r.from + 1;
	if (days <= 0)
		return 1;
	if (y1 == y2 && m1 == m2 && d1 == 1 &&
	    d2 == aqstats_days_in_month(y2, m2))
		return aqstats_month_min_days(m1);
	if (y1 == y2 && m1 == 1 && d1 == 1 && m2 == 12 && d2 == 31)
		return AQSTATS_YEAR_MIN_DAYS;
	/* Any other range: the annual proportion 324/365, rounded up. */
	return (int)(((long)days * AQSTATS_YEAR_MIN_DAYS + 364) / 365);
}

void
airq_period(const struct airq *aq, const struct airq_area *a,
    struct airq_range r, struct airq_period *p)
{
	memset(p, 0, sizeof *p);
	p->range = r;
	p->days = r.to >= r.from ? r.to - r.from + 1 : 0;
	p->min_days = airq_range_min_days(r);
	p->good_pct = p->heavy_pct = p->composite = AQI_MISSING;
	for (int i = 0; i < AQI_NIND; i++) {
		p->c[i] = AQI_MISSING;
		p->single[i] = AQI_MISSING;
	}
	if (p->days == 0)
		return;
	int64_t *v[AQI_NIND];
	for (int i = 0; i < AQI_NIND; i++)
		v[i] = xmalloc((size_t)p->days * sizeof *v[i]);
	for (int32_t day = r.from; day <= r.to; day++) {
		const struct airq_day *d = airq_area_day(a, day);
		if (!d)
			continue;
		int any = d->r.aqi != AQI_NONE;
		for (int i = 0; i < AQI_NIND; i++) {
			if (d->c[i] == AQI_MISSING)
				continue;
			any = 1;
			v[i][p->nvalid[i]++] = d->c[i];
			p->sum[i] += d->c[i];
		}
		if (any) {
			p->days_data++;
			aqstats_days_add(&p->d, &d->r, aq->opt.require_complete);
		}
	}
	int all = 1;
	for (int i = 0; i < AQI_NIND; i++) {
		if (i == AQI_O3_1H)
			continue;
		if (p->nvalid[i] < p->min_days) {
			all = 0;
			continue;
		}
		size_t n = (size_t)p->nvalid[i];
		if (i == AQI_CO)
			aqstats_co_95per(v[i], n, &p->c[i]);
		else if (i == AQI_O3_8H)
			aqstats_o3_8h_90per(v[i], n, &p->c[i]);
		else
			aqstats_mean(v[i], n, aqi_report_decimals(i), &p->c[i]);
	}
	for (int i = 0; i < AQI_NIND; i++)
		free(v[i]);
	if (p->d.valid >= p->min_days) {
		aqstats_percent(p->d.good, p->d.valid, 1, &p->good_pct);
		aqstats_percent(p->d.heavy, p->d.valid, 1, &p->heavy_pct);
	} else {
		all = 0;
	}
	if (!aqstats_composite_index(p->c, 2, &p->composite, p->single)) {
		p->composite = AQI_MISSING;
		for (int i = 0; i < AQI_NIND; i++)
			p->single[i] = AQI_MISSING;
		all = 0;
	}
	p->valid = all;
}

static int64_t
change_or_missing(int64_t cur, int64_t prev)
{
	int64_t x;
	return aqstats_change_percent(cur, prev, 1, &x) ? x : AQI_MISSING;
}

void
airq_compare(const struct airq *aq, const struct airq_area *a,
    struct airq_range r, struct airq_compare *c)
{
	memset(c, 0, sizeof *c);
	airq_period(aq, a, r, &c->cur);
	airq_period(aq, a, airq_range_prev_year(r), &c->prev);
	c->have_prev = c->prev.days_data > 0;
	for (int i = 0; i < AQI_NIND; i++)
		c->change[i] = change_or_missing(c->cur.c[i], c->prev.c[i]);
	c->composite_change = change_or_missing(c->cur.composite,
	    c->prev.composite);
	c->good_points = aqstats_change_points(c->cur.good_pct,
	    c->prev.good_pct, 1);
	c->heavy_points = aqstats_change_points(c->cur.heavy_pct,
	    c->prev.heavy_pct, 1);
	if (!c->have_prev)
		return;
	c->good_diff = c->cur.d.good - c->prev.d.good;
	c->heavy_diff = c->cur.d.heavy - c->prev.d.heavy;
	c->valid_diff = c->cur.d.valid - c->prev.d.valid;
	for (int i = 0; i < AQI_NIND; i++)
		c->exceed_diff[i] = c->cur.d.exceed[i] - c->prev.d.exceed[i];
}

/* ---- rankings --------------------------------------------------------- */

/* A row with its sort keys: k1 ascending (negated when higher is
 * better), then k2 ascending; AQI_MISSING last. */
struct rank_item {
	int64_t k1, k2;
	struct airq_rank_row row;
};

static int
cmp_key(int64_t x, int64_t y)
{
	if (x == y)
		return 0;
	if (x == AQI_MISSING)
		return 1;
	if (y == AQI_MISSING)
		return -1;
	return x < y ? -1 : 1;
}

/* Order of the rank keys only: 0 means 并列. */
static int
cmp_rank_keys(const struct rank_item *x, const struct rank_item *y)
{
	int c = cmp_key(x->k1, y->k1);
	return c ? c : cmp_key(x->k2, y->k2);
}

static int
cmp_rank_item(const void *a, const void *b)
{
	const struct rank_item *x = a, *y = b;
	int c = cmp_rank_keys(x, y);
	if (c == 0)
		c = strcmp(x->row.area ? x->row.area : "",
		    y->row.area ? y->row.area : "");
	return c;
}

size_t
airq_rank_rows(struct airq_rank_row *rows, size_t n, int higher_better,
    int use_key2)
{
	if (!n)
		return 0;
	struct rank_item *it = xmalloc(n * sizeof *it);
	for (size_t i = 0; i < n; i++) {
		int64_t k = rows[i].key;
		it[i].k1 = k == AQI_MISSING || !higher_better ? k : -k;
		it[i].k2 = use_key2 && k != AQI_MISSING ? rows[i].key2 : 0;
		it[i].row = rows[i];
	}
	qsort(it, n, sizeof *it, cmp_rank_item);
	size_t ranked = 0;
	for (size_t i = 0; i < n; i++) {
		struct airq_rank_row *r = &it[i].row;
		r->tied = 0;
		if (r->key == AQI_MISSING) {
			r->rank = 0;
			continue;
		}
		ranked++;
		if (i > 0 && it[i - 1].row.rank > 0 &&
		    cmp_rank_keys(&it[i - 1], &it[i]) == 0) {
			r->rank = it[i - 1].row.rank;
			r->tied = it[i - 1].row.tied = 1;
		} else {
			r->rank = (int)i + 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		rows[i] = it[i].row;
	free(it);
	return ranked;
}

static int
area_listed(const char *name, const char *const *areas, size_t n)
{
	if (!areas)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (areas[i] && strcmp(areas[i], name) == 0)
			return 1;
	return 0;
}

void
airq_rank(const struct airq *aq, struct airq_range r, enum airq_rank_by by,
    const char *const *areas, size_t nareas, struct airq_ranking *out)
{
	memset(out, 0, sizeof *out);
	out->by = by;
	out->rows = xcalloc(aq->narea ? aq->narea : 1, sizeof *out->rows);
	for (size_t i = 0; i < aq->narea; i++) {
		const struct airq_area *a = aq->area[i];
		if (!area_listed(a->name, areas, nareas))
			continue;
		struct airq_rank_row *row = &out->rows[out->n++];
		row->area = a->name;
		row->key2 = AQI_MISSING;
		struct airq_compare c;
		switch (by) {
		case AIRQ_RANK_COMPOSITE:
		case AIRQ_RANK_PM25:
		case AIRQ_RANK_GOOD:
			airq_period(aq, a, r, &c.cur);
			row->key = by == AIRQ_RANK_COMPOSITE ? c.cur.composite :
			    by == AIRQ_RANK_PM25 ? c.cur.c[AQI_PM25] :
			    c.cur.good_pct;
			if (by == AIRQ_RANK_GOOD)
				row->key2 = c.cur.c[AQI_PM25];
			break;
		case AIRQ_RANK_IMPROVE:
		case AIRQ_RANK_IMPROVE_PM25:
			airq_compare(aq, a, r, &c);
			row->key = by == AIRQ_RANK_IMPROVE ? c.composite_change :
			    c.change[AQI_PM25];
			break;
		}
	}
	out->nranked = airq_rank_rows(out->rows, out->n,
	    by == AIRQ_RANK_GOOD, by == AIRQ_RANK_GOOD);
}

void
airq_rank_free(struct airq_ranking *rk)
{
	free(rk->rows);
	rk->rows = NULL;
	rk->n = rk->nranked = 0;
}

/* ---- data quality ----------------------------------------------------- */

static void
quality_station(const struct airq_station *s, struct airq_range r,
    struct airq_quality_station *q)
{
	memset(q, 0, sizeof *q);
	q->st = s;
	q->hours = (r.to - r.from + 1) * 24;
	q->longest_outage_start = MON_HOUR_NONE;
	for (int32_t day = r.from; day <= r.to; day++) {
		const struct airq_sday *d = airq_station_day(s, day);
		for (int i = 0; i < AQI_NIND; i++) {
			int n = d ? d->n[i] : 0;
			/* Hourly O3 present but no valid 8 h window is a
			 * short day for the 8 h value, not an empty one. */
			int some = i == AQI_O3_8H ? (d && d->n[AQI_O3_1H]) :
			    n > 0;
			q->hours_valid[i] += n;
			if (d && d->c[i] != AQI_MISSING)
				q->days_valid[i]++;
			else if (some)
				q->days_short[i]++;
			else
				q->days_none[i]++;
		}
		if (d)
			q->hours_data += d->hours;
	}
	int32_t h0 = r.from * 24, h1 = (r.to + 1) * 24;
	for (size_t k = 0; k < s->noutages; k++) {
		const struct airq_outage *o = &s->outages[k];
		if (o->start >= h1 || o->start + o->hours <= h0)
			continue;
		q->outages++;
		if (o->hours > q->longest_outage) {
			q->longest_outage = o->hours;
			q->longest_outage_start = o->start;
		}
	}
}

void
airq_quality(const struct airq *aq, const struct airq_area *a, int year,
    int month, struct airq_quality *q)
{
	memset(q, 0, sizeof *q);
	q->area = a;
	q->year = year;
	q->month = month;
	struct airq_range r = airq_range_month(year, month);
	q->days = r.to - r.from + 1;
	q->n = a->nst;
	q->st = xcalloc(a->nst ? a->nst : 1, sizeof *q->st);
	for (size_t j = 0; j < a->nst; j++) {
		const struct airq_station *s = a->st[j];
		quality_station(s, r, &q->st[j]);
		for (int k = 0; k < MON_ROW_NREASON; k++)
			q->rows_rejected[k] += s->rows_rejected[k];
		for (int f = 0; f < MON_NFIELD; f++)
			for (int k = 0; k < MON_CELL_NREASON; k++)
				q->cells_rejected[f][k] +=
				    s->cells_rejected[f][k];
	}
	for (int32_t day = r.from; day <= r.to; day++) {
		const struct airq_day *d = airq_area_day(a, day);
		if (!d)
			continue;
		for (int i = 0; i < AQI_NIND; i++) {
			if (d->c[i] != AQI_MISSING)
				q->area_days_valid[i]++;
			else if (d->nst[i] > 0)
				q->area_days_few[i]++;
		}
		q->aqi_days_valid += d->valid;
	}
	(void)aq;
}

void
airq_quality_free(struct airq_quality *q)
{
	free(q->st);
	q->st = NULL;
	q->n = 0;
}

/* Daily indicators in bulletin order, with their labels. */
static const struct {
	enum aqi_ind ind;
	const char *label;
} quality_ind[] = {
	/* Published text: formulas with their subscripts, no codes. */
	{ AQI_SO2, "SO₂" }, { AQI_NO2, "NO₂" }, { AQI_PM10, "PM₁₀" },
	{ AQI_PM25, "PM₂.₅" }, { AQI_CO, "CO" }, { AQI_O3_8H, "O₃（8小时）" },
	{ AQI_O3_1H, "O₃（1小时）" },
};
#define NQUALITY_IND (sizeof quality_ind / sizeof quality_ind[0])

/* "，PM2.5 3 天" for each indicator with a non-zero count. */
static int
put_day_counts(struct buf *out, const char *lead, const int *count)
{
	int any = 0;
	for (size_t k = 0; k < NQUALITY_IND; k++) {
		int n = count[quality_ind[k].ind];
		if (!n)
			continue;
		buf_printf(out, "%s%s%d天", any ? "，" : lead,
		    quality_ind[k].label, n);
		any = 1;
	}
	return any;
}

static void
quality_station_text(const struct airq_quality_station *s, struct buf *out)
{
	const struct airq_station *st = s->st;
	buf_printf(out, "站点%s", st->code);
	if (st->name)
		buf_printf(out, " %s", st->name);
	if (st->background)
		buf_puts(out, st->name && strstr(st->name, "对照点") ?
		    "（不参与评价）" : "（对照点，不参与评价）");
	buf_printf(out, "：有数据%d/%d小时", s->hours_data, s->hours);
	int bad = 0;
	for (int i = 0; i < AQI_NIND; i++)
		bad |= s->days_short[i] || s->days_none[i];
	if (!bad)
		buf_puts(out, "；各项日数据均有效");
	put_day_counts(out, "；数据不足（不足20小时或14个8小时值）：",
	    s->days_short);
	put_day_counts(out, "；无数据：", s->days_none);
	buf_puts(out, "\n");
	if (s->outages) {
		int y, mo, d, h;
		mon_hour_civil(s->longest_outage_start, &y, &mo, &d, &h);
		buf_printf(out, "  连续24小时以上无有效数据%d次，最长%ld小时"
		    "（自%d年%d月%d日%d时起）\n", s->outages,
		    (long)s->longest_outage, y, mo, d, h);
	}
}

void
airq_quality_write_text(const struct airq_quality *q, struct buf *out)
{
	const struct airq_area *a = q->area;
	buf_printf(out, "数据质量说明：%s%d年%d月（%d天；评价点位%zu个",
	    a->name, q->year, q->month, q->days, a->neval);
	if (a->nst > a->neval)
		buf_printf(out, "，对照点%zu个", a->nst - a->neval);
	buf_printf(out, "；区域日均值需至少%d个点位有效）\n", a->need);
	buf_puts(out, "区域有效日数：");
	for (size_t k = 0; k < NQUALITY_IND; k++)
		buf_printf(out, "%s%s%d天", k ? "，" : "",
		    quality_ind[k].label, q->area_days_valid[quality_ind[k].ind]);
	buf_printf(out, "；AQI有效天数%d天\n", q->aqi_days_valid);
	if (put_day_counts(out, "有效点位不足而无区域值：", q->area_days_few))
		buf_puts(out, "\n");
	for (size_t j = 0; j < q->n; j++)
		quality_station_text(&q->st[j], out);
	int any = 0;
	for (int k = 0; k < MON_ROW_NREASON; k++) {
		if (!q->rows_rejected[k])
			continue;
		buf_printf(out, "%s%s%llu行", any ? "，" : "剔除的行（全部数据）：",
		    mon_row_reason_name(k),
		    (unsigned long long)q->rows_rejected[k]);
		any = 1;
	}
	if (any)
		buf_puts(out, "\n");
	any = 0;
	for (int f = 0; f < MON_NFIELD; f++)
		for (int k = 0; k < MON_CELL_NREASON; k++) {
			if (!q->cells_rejected[f][k])
				continue;
			buf_printf(out, "%s%s%s%llu个",
			    any ? "，" : "剔除的数值（全部数据）：",
			    mon_field_label(f), mon_cell_reason_name(k),
			    (unsigned long long)q->cells_rejected[f][k]);
			any = 1;
		}
	if (any)
		buf_puts(out, "\n");
}
