/*
 * test_airq.c -- area air quality (airq.h): every validity rule on small
 * synthetic records (19 vs 20 hours, 8 h windows with 5 vs 6 hours, O3
 * with 13 vs 14 8 h means, too few stations, too few days in a month,
 * background stations, ranking ties), and the real Beijing data of
 * tests/data/monitoring/ (12 stations, 2013-03..2017-02): winter months
 * with 重污染 days, whole years, 同比, the area mean without the 对照点
 * Dingling, the data-quality summary, independence of the reading order.
 *
 * The Beijing figures were computed once by an independent program,
 * tests/data/monitoring/beijing/airq_crosscheck.py (Python csv module and
 * exact Fractions, its own HJ 633-2012 table and HJ 663 percentile; see
 * its header), and hard-coded here. Its output is quoted at each use.
 */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "airq.h"
#include "fixtures_air.h"
#include "lt_test.h"
#include "util.h"

#define S AQI_SCALE
#define M AQI_MISSING

/* ---- synthetic records ----------------------------------------------- */

static struct mon_station fake[8];

static struct mon_station *
fake_station(size_t id, const char *code, const char *name, const char *area)
{
	struct mon_station *s = &fake[id];
	memset(s, 0, sizeof *s);
	s->id = id;
	s->code = (char *)code;
	s->name = (char *)name;
	s->area = (char *)area;
	return s;
}

/* Values in µg/m³ (CO mg/m³) times AQI_SCALE, M for missing. */
struct vals {
	int64_t c[AQI_NIND];
};

static struct vals
all_missing(void)
{
	struct vals v;
	for (int i = 0; i < AQI_NIND; i++)
		v.c[i] = M;
	return v;
}

static int
feed(struct airq *aq, const struct mon_station *st, int y, int m, int d,
    int h, struct vals v)
{
	struct mon_record r;
	memset(&r, 0, sizeof r);
	r.st = st;
	r.t = mon_hour_index(y, m, d, h);
	mon_hour_civil(r.t, &r.year, &r.month, &r.day, &r.hour);
	for (int f = 0; f < MON_NFIELD; f++)
		r.v[f] = MON_MISSING;
	for (int i = 0; i < AQI_NIND; i++) {
		r.v[i] = v.c[i];
		if (v.c[i] != M)
			r.valid |= 1u << i;
	}
	r.file = "synthetic";
	return airq_add(aq, &r);
}

/* One pollutant at hours [h0, h1] of a day, value x. */
static void
feed_hours(struct airq *aq, const struct mon_station *st, int y, int m,
    int d, int h0, int h1, enum aqi_ind ind, int64_t x)
{
	for (int h = h0; h <= h1; h++) {
		struct vals v = all_missing();
		v.c[ind] = x;
		ck_assert_int_eq(feed(aq, st, y, m, d, h, v), 1);
	}
}

/* Every pollutant (O3 as 1 h values) constant over whole days. */
static struct vals
constant(int64_t so2, int64_t no2, int64_t pm10, int64_t co, int64_t o3,
    int64_t pm25)
{
	struct vals v = all_missing();
	v.c[AQI_SO2] = so2;
	v.c[AQI_NO2] = no2;
	v.c[AQI_PM10] = pm10;
	v.c[AQI_CO] = co;
	v.c[AQI_O3_1H] = o3;
	v.c[AQI_PM25] = pm25;
	return v;
}

static void
feed_days(struct airq *aq, const struct mon_station *st, int y, int m,
    int d0, int d1, struct vals v)
{
	for (int d = d0; d <= d1; d++)
		for (int h = 0; h < 24; h++)
			ck_assert_int_eq(feed(aq, st, y, m, d, h, v), 1);
}

static const struct airq_sday *
sday(const struct airq *aq, const char *code, int y, int m, int d)
{
	const struct airq_station *s = airq_station_find(aq, code);
	ck_assert_ptr_nonnull(s);
	return airq_station_day(s, airq_day_index(y, m, d));
}

static const struct airq_day *
aday(const struct airq *aq, const char *area, int y, int m, int d)
{
	const struct airq_area *a = airq_area_find(aq, area);
	ck_assert_ptr_nonnull(a);
	return airq_area_day(a, airq_day_index(y, m, d));
}

/* ---- rules on synthetic data ----------------------------------------- */

START_TEST(day_needs_20_hours)
{
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	/* 2015-01-01: 19 hours of PM2.5 -> 无效. */
	feed_hours(aq, st, 2015, 1, 1, 0, 18, AQI_PM25, 50 * S);
	/* 2015-01-02: 20 hours, 10 of 10 and 10 of 11 -> 10.5 exactly. */
	feed_hours(aq, st, 2015, 1, 2, 0, 9, AQI_PM25, 10 * S);
	feed_hours(aq, st, 2015, 1, 2, 14, 23, AQI_PM25, 11 * S);
	airq_finish(aq, NULL, NULL);
	const struct airq_sday *d1 = sday(aq, "T01", 2015, 1, 1);
	const struct airq_sday *d2 = sday(aq, "T01", 2015, 1, 2);
	ck_assert_int_eq(d1->n[AQI_PM25], 19);
	ck_assert(d1->c[AQI_PM25] == M);
	ck_assert_int_eq(d1->hours, 19);
	ck_assert_int_eq(d2->n[AQI_PM25], 20);
	ck_assert(d2->c[AQI_PM25] == 105000);
	/* The area of one station takes its value; the day has no AQI
	 * indicator set complete, so it is not a valid AQI day. */
	ck_assert(aday(aq, "测试市", 2015, 1, 1)->c[AQI_PM25] == M);
	const struct airq_day *a2 = aday(aq, "测试市", 2015, 1, 2);
	ck_assert(a2->c[AQI_PM25] == 105000);
	ck_assert_int_eq(a2->nst[AQI_PM25], 1);
	ck_assert_int_eq(a2->r.iaqi[AQI_PM25], 15); /* 10.5 -> 10 (half even) */
	ck_assert_int_eq(a2->valid, 0);
	airq_free(aq);

	/* With require_complete = 0 the PM2.5-only day is valid. */
	struct airq_opts o;
	airq_opts_default(&o);
	o.require_complete = 0;
	aq = airq_new(&o);
	feed_hours(aq, st, 2015, 1, 2, 0, 19, AQI_PM25, 10 * S);
	airq_finish(aq, NULL, NULL);
	ck_assert_int_eq(aday(aq, "测试市", 2015, 1, 2)->valid, 1);
	airq_free(aq);
}
END_TEST

START_TEST(o3_window_needs_6_hours)
{
	/* O3 at hours 0-19: 100, except hour 19: 400. The windows 15-22
	 * (5 hours: (4×100 + 400)/5 = 160) and 16-23 (4 hours) are invalid;
	 * 14-21 has 6 hours: (5×100 + 400)/6 = 150 -> the maximum. 15 of
	 * the 17 windows are valid (>= 14). */
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	feed_hours(aq, st, 2016, 7, 1, 0, 18, AQI_O3_1H, 100 * S);
	feed_hours(aq, st, 2016, 7, 1, 19, 19, AQI_O3_1H, 400 * S);
	airq_finish(aq, NULL, NULL);
	const struct airq_sday *d = sday(aq, "T01", 2016, 7, 1);
	ck_assert(d->c[AQI_O3_8H] == 150 * S);
	ck_assert_int_eq(d->n[AQI_O3_8H], 15);
	ck_assert(d->c[AQI_O3_1H] == 400 * S); /* 20 hours: valid */
	ck_assert_int_eq(d->n[AQI_O3_1H], 20);
	airq_free(aq);
}
END_TEST

START_TEST(o3_needs_14_windows)
{
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	/* Hours 0-18 (19): windows 0-7 ... 13-20 have >= 6 hours: 14
	 * valid -> the max 8 h is valid; the max 1 h (19 hours) is not. */
	feed_hours(aq, st, 2016, 7, 1, 0, 18, AQI_O3_1H, 120 * S);
	/* Hours 0-17 (18): 13 valid windows -> 无效. */
	feed_hours(aq, st, 2016, 7, 2, 0, 17, AQI_O3_1H, 120 * S);
	/* The windows never reach into the next day: a day whose first
	 * hours are empty loses its early windows, whatever came before. */
	feed_hours(aq, st, 2016, 7, 3, 5, 23, AQI_O3_1H, 120 * S);
	airq_finish(aq, NULL, NULL);
	const struct airq_sday *d1 = sday(aq, "T01", 2016, 7, 1);
	const struct airq_sday *d2 = sday(aq, "T01", 2016, 7, 2);
	const struct airq_sday *d3 = sday(aq, "T01", 2016, 7, 3);
	ck_assert_int_eq(d1->n[AQI_O3_8H], 14);
	ck_assert(d1->c[AQI_O3_8H] == 120 * S);
	ck_assert(d1->c[AQI_O3_1H] == M);
	ck_assert_int_eq(d2->n[AQI_O3_8H], 13);
	ck_assert(d2->c[AQI_O3_8H] == M);
	/* Day 3, hours 5-23: windows 0-7 (3 hours) to 2-9 (5) invalid,
	 * 3-10 (6) ... 16-23 valid: 14. */
	ck_assert_int_eq(d3->n[AQI_O3_8H], 14);
	ck_assert(d3->c[AQI_O3_8H] == 120 * S);
	airq_free(aq);
}
END_TEST

/* Area 测试市: T01-T03 evaluation stations, T04 background by name,
 * T05 background by the caller's table. */
static struct airq *
area_fixture(const struct airq_opts *o)
{
	struct airq *aq = airq_new(o);
	struct airq_station_info bg = { "T05", NULL, "测试市", 1 };
	ck_assert_int_eq(airq_station_add(aq, &bg), 1);
	struct mon_station *s1 = fake_station(0, "T01", "甲", "测试市");
	struct mon_station *s2 = fake_station(1, "T02", "乙", "测试市");
	struct mon_station *s3 = fake_station(2, "T03", "丙", "测试市");
	struct mon_station *s4 = fake_station(3, "T04", "丁(对照点)",
	    "测试市");
	struct mon_station *s5 = fake_station(4, "T05", "戊", NULL);
	/* Day 1: every station; backgrounds far higher. */
	feed_hours(aq, s1, 2016, 1, 1, 0, 23, AQI_PM25, 10 * S);
	feed_hours(aq, s2, 2016, 1, 1, 0, 23, AQI_PM25, 20 * S);
	feed_hours(aq, s3, 2016, 1, 1, 0, 23, AQI_PM25, 31 * S);
	feed_hours(aq, s4, 2016, 1, 1, 0, 23, AQI_PM25, 1000 * S);
	feed_hours(aq, s5, 2016, 1, 1, 0, 23, AQI_PM25, 2000 * S);
	/* Day 2: T01 valid, T02 19 hours, T03 nothing. */
	feed_hours(aq, s1, 2016, 1, 2, 0, 23, AQI_PM25, 10 * S);
	feed_hours(aq, s2, 2016, 1, 2, 0, 18, AQI_PM25, 20 * S);
	feed_hours(aq, s4, 2016, 1, 2, 0, 23, AQI_PM25, 1000 * S);
	/* Day 3: T01 and T02 valid. */
	feed_hours(aq, s1, 2016, 1, 3, 0, 23, AQI_PM25, 10 * S);
	feed_hours(aq, s2, 2016, 1, 3, 0, 23, AQI_PM25, 15 * S);
	airq_finish(aq, NULL, NULL);
	return aq;
}

START_TEST(area_mean_excludes_background)
{
	struct airq *aq = area_fixture(NULL);
	const struct airq_area *a = airq_area_find(aq, "测试市");
	ck_assert_uint_eq(a->nst, 5);
	ck_assert_uint_eq(a->neval, 3);
	ck_assert_str_eq(a->st[0]->code, "T01");
	ck_assert_str_eq(a->st[3]->code, "T04");
	ck_assert_int_eq(a->st[3]->background, 1); /* by name */
	ck_assert_int_eq(a->st[4]->background, 1); /* by table */
	ck_assert_int_eq(a->need, 2);              /* ceil(3 × 50 %) */
	/* (10 + 20 + 31) / 3 = 20.3333... -> 20.3333 (4 decimals). */
	const struct airq_day *d = aday(aq, "测试市", 2016, 1, 1);
	ck_assert(d->c[AQI_PM25] == 203333);
	ck_assert_int_eq(d->nst[AQI_PM25], 3);
	/* Day 2: one valid evaluation station of the 2 needed. */
	d = aday(aq, "测试市", 2016, 1, 2);
	ck_assert(d->c[AQI_PM25] == M);
	ck_assert_int_eq(d->nst[AQI_PM25], 1);
	d = aday(aq, "测试市", 2016, 1, 3);
	ck_assert(d->c[AQI_PM25] == 125000);
	airq_free(aq);

	/* area_min_pct = 100: day 3 (2 of 3) is no longer enough. */
	struct airq_opts o;
	airq_opts_default(&o);
	o.area_min_pct = 100;
	aq = area_fixture(&o);
	ck_assert_int_eq(airq_area_find(aq, "测试市")->need, 3);
	ck_assert(aday(aq, "测试市", 2016, 1, 3)->c[AQI_PM25] == M);
	ck_assert(aday(aq, "测试市", 2016, 1, 1)->c[AQI_PM25] == 203333);
	airq_free(aq);
}
END_TEST

START_TEST(area_without_area_warns)
{
	struct airq *aq = airq_new(NULL);
	struct mon_station *s1 = fake_station(0, "X01", "无名", NULL);
	struct mon_station *s2 = fake_station(1, "X02", "某(对照点)", "对照市");
	feed_hours(aq, s1, 2016, 1, 1, 0, 23, AQI_PM25, 10 * S);
	feed_hours(aq, s2, 2016, 1, 1, 0, 23, AQI_PM25, 10 * S);
	struct diag_list dl = { 0 };
	airq_finish(aq, NULL, &dl);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 2);
	ck_assert_uint_eq(airq_area_count(aq), 1);
	const struct airq_area *a = airq_area_at(aq, 0);
	ck_assert_str_eq(a->name, "对照市");
	ck_assert_uint_eq(a->neval, 0);
	ck_assert_uint_eq(a->ndays, 0);
	ck_assert_ptr_null(airq_area_day(a, airq_day_index(2016, 1, 1)));
	/* The station without an area still has its days. */
	ck_assert(sday(aq, "X01", 2016, 1, 1)->c[AQI_PM25] == 10 * S);
	diag_free(&dl);
	airq_free(aq);
}
END_TEST

START_TEST(daily_aqi_by_date_and_rounding)
{
	/* SO2 10, NO2 40, PM10 150, CO 2.2, O3 80 (1 h and 8 h), PM2.5 75:
	 * HJ 633-2012: PM10 and PM2.5 both IAQI 100, CO exactly 55. */
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	struct vals v = constant(10 * S, 40 * S, 150 * S, 22000, 80 * S,
	    75 * S);
	feed_days(aq, st, 2026, 2, 28, 28, v);
	feed_days(aq, st, 2026, 3, 1, 1, v);
	/* 2026-03-02: PM2.5 75.4 -> printed 75 -> IAQI 114 (2026). */
	v.c[AQI_PM25] = 754000;
	feed_days(aq, st, 2026, 3, 2, 2, v);
	airq_finish(aq, NULL, NULL);
	const struct airq_day *d = aday(aq, "测试市", 2026, 2, 28);
	ck_assert_int_eq(d->std, AQI_HJ633_2012);
	ck_assert_int_eq(d->valid, 1);
	ck_assert_int_eq(d->r.aqi, 100);
	ck_assert_int_eq(d->r.iaqi[AQI_CO], 55);
	ck_assert_uint_eq(d->r.primary, (1u << AQI_PM10) | (1u << AQI_PM25));
	ck_assert_uint_eq(d->r.exceeding, 0);
	/* From 2026-03-01 HJ 633-2026: PM10 (150-120)/130×50+100 = 111.5
	 * -> 112; PM2.5 (75-60)/55×50+100 = 113.6 -> 114. */
	d = aday(aq, "测试市", 2026, 3, 1);
	ck_assert_int_eq(d->std, AQI_HJ633_2026);
	ck_assert_int_eq(d->r.aqi, 114);
	ck_assert_uint_eq(d->r.primary, 1u << AQI_PM25);
	ck_assert_uint_eq(d->r.exceeding, (1u << AQI_PM10) | (1u << AQI_PM25));
	d = aday(aq, "测试市", 2026, 3, 2);
	ck_assert(d->c[AQI_PM25] == 754000);
	ck_assert_int_eq(d->r.aqi, 114);
	airq_free(aq);

	/* HJ 633-2012 with and without rounding before the IAQI: PM2.5
	 * 75.4 is printed 75 (IAQI 100, 良) but is above 75 (IAQI 101). */
	for (int round = 0; round <= 1; round++) {
		struct airq_opts o;
		airq_opts_default(&o);
		o.round_before_iaqi = round;
		aq = airq_new(&o);
		feed_days(aq, st, 2016, 3, 2, 2, v);
		airq_finish(aq, NULL, NULL);
		d = aday(aq, "测试市", 2016, 3, 2);
		ck_assert_int_eq(d->r.aqi, round ? 100 : 101);
		ck_assert_int_eq(aqi_is_good(d->r.aqi), round);
		airq_free(aq);
	}
}
END_TEST

START_TEST(month_needs_27_days)
{
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	struct vals v = constant(10 * S, 30 * S, 60 * S, 8000, 90 * S,
	    40 * S);
	feed_days(aq, st, 2015, 1, 1, 26, v);  /* 26 of 31: invalid */
	feed_days(aq, st, 2015, 2, 1, 25, v);  /* 25 of 28: valid */
	feed_days(aq, st, 2015, 3, 1, 27, v);  /* 27 of 31: valid */
	feed_days(aq, st, 2016, 2, 1, 24, v);  /* 24 of 29: invalid */
	airq_finish(aq, NULL, NULL);
	const struct airq_area *a = airq_area_find(aq, "测试市");
	struct airq_period p;

	airq_period(aq, a, airq_range_month(2015, 1), &p);
	ck_assert_int_eq(p.min_days, 27);
	ck_assert_int_eq(p.nvalid[AQI_PM25], 26);
	ck_assert(p.c[AQI_PM25] == M);         /* never averaged */
	ck_assert(p.sum[AQI_PM25] == 26 * 40 * S);
	ck_assert(p.composite == M);
	ck_assert(p.good_pct == M);
	ck_assert_int_eq(p.d.valid, 26);       /* the counts stay */
	ck_assert_int_eq(p.d.good, 26);
	ck_assert_int_eq(p.valid, 0);

	airq_period(aq, a, airq_range_month(2015, 2), &p);
	ck_assert_int_eq(p.min_days, 25);
	ck_assert_int_eq(p.valid, 1);
	ck_assert(p.c[AQI_PM25] == 40 * S);
	ck_assert(p.c[AQI_CO] == 8000);        /* CO-95per, 1 decimal */
	ck_assert(p.c[AQI_O3_8H] == 90 * S);   /* O3-8h-90per */
	ck_assert(p.c[AQI_O3_1H] == M);
	ck_assert(p.good_pct == 100 * S);
	ck_assert(p.heavy_pct == 0);
	/* 10/60 + 30/40 + 60/70 + 0.8/4 + 90/160 + 40/35 = 3.679167 -> 3.68 */
	ck_assert(p.composite == 36800);
	ck_assert(p.single[AQI_PM25] == 11400); /* 1.142857 -> 1.14 */

	airq_period(aq, a, airq_range_month(2015, 3), &p);
	ck_assert_int_eq(p.valid, 1);
	airq_period(aq, a, airq_range_month(2016, 2), &p);
	ck_assert_int_eq(p.min_days, 25);
	ck_assert(p.c[AQI_PM25] == M);

	/* Year to date 2015-01-01..03-31: 90 days need ceil(90×324/365) =
	 * 80; there are 26 + 25 + 27 = 78. */
	airq_period(aq, a, airq_range_ytd(2015, 3, 31), &p);
	ck_assert_int_eq(p.days, 90);
	ck_assert_int_eq(p.min_days, 80);
	ck_assert_int_eq(p.nvalid[AQI_PM25], 78);
	ck_assert(p.c[AQI_PM25] == M);
	ck_assert_int_eq(p.days_data, 78);
	airq_free(aq);
}
END_TEST

START_TEST(ranges)
{
	struct airq_range r = airq_range_month(2016, 2);
	ck_assert_int_eq(r.to - r.from + 1, 29);
	ck_assert_int_eq(airq_range_min_days(r), 25);
	ck_assert_int_eq(airq_range_min_days(airq_range_month(2015, 4)), 27);
	ck_assert_int_eq(airq_range_min_days(airq_range_year(2016)), 324);
	ck_assert_int_eq(airq_range_min_days(airq_range_year(2015)), 324);
	/* Not a calendar month: the annual proportion. */
	ck_assert_int_eq(airq_range_min_days(
	    airq_range_days(2015, 1, 15, 2015, 2, 14)), 28);
	ck_assert_int_eq(airq_range_min_days(airq_range_ytd(2015, 1, 10)), 9);
	/* 同比 range: 29 February maps to 28 February. */
	struct airq_range p = airq_range_prev_year(airq_range_ytd(2016, 2, 29));
	int y, m, d;
	airq_day_civil(p.from, &y, &m, &d);
	ck_assert(y == 2015 && m == 1 && d == 1);
	airq_day_civil(p.to, &y, &m, &d);
	ck_assert(y == 2015 && m == 2 && d == 28);
	/* Day index round trip, before and after 2000. */
	ck_assert_int_eq(airq_day_index(2000, 1, 1), 0);
	ck_assert_int_eq(airq_day_index(1999, 12, 31), -1);
	airq_day_civil(-1, &y, &m, &d);
	ck_assert(y == 1999 && m == 12 && d == 31);
	airq_day_civil(airq_day_index(2024, 2, 29), &y, &m, &d);
	ck_assert(y == 2024 && m == 2 && d == 29);
}
END_TEST

START_TEST(late_and_duplicate_records)
{
	struct airq *aq = airq_new(NULL);
	struct mon_station *st = fake_station(0, "T01", "甲", "测试市");
	feed_hours(aq, st, 2016, 1, 1, 0, 23, AQI_PM25, 10 * S);
	/* A second record for hour 5 of the open day: the first wins. */
	struct vals v = all_missing();
	v.c[AQI_PM25] = 1000 * S;
	ck_assert_int_eq(feed(aq, st, 2016, 1, 1, 5, v), 1);
	feed_hours(aq, st, 2016, 1, 2, 0, 23, AQI_PM25, 10 * S);
	/* A record of a closed day is refused and counted. */
	ck_assert_int_eq(feed(aq, st, 2016, 1, 1, 6, v), 0);
	ck_assert_uint_eq(airq_late_records(aq), 1);
	airq_finish(aq, NULL, NULL);
	ck_assert(sday(aq, "T01", 2016, 1, 1)->c[AQI_PM25] == 10 * S);
	/* Refused after finish. */
	ck_assert_int_eq(feed(aq, st, 2016, 1, 3, 0, v), 0);
	/* A table entry for a station already seen is refused. */
	struct airq_station_info si = { "T01", "甲", "别市", 0 };
	ck_assert_int_eq(airq_station_add(aq, &si), 0);
	airq_free(aq);
}
END_TEST

START_TEST(interleaved_equals_sequential)
{
	/* Two stations, three days with gaps: fed hour by hour across
	 * stations, or station by station: the same days. */
	struct airq *a1 = airq_new(NULL), *a2 = airq_new(NULL);
	struct mon_station *s1 = fake_station(0, "T01", "甲", "测试市");
	struct mon_station *s2 = fake_station(1, "T02", "乙", "测试市");
	for (int d = 1; d <= 3; d++)
		for (int h = 0; h < 24; h++)
			for (int k = 0; k < 2; k++) {
				struct vals v = constant(
				    (5 + h) * S, (20 + d) * S, (60 + 2 * h) * S,
				    (7 + k) * 1000, (50 + 3 * h) * S,
				    (30 + h % 7 + k) * S);
				if ((h + d + k) % 9 == 0)
					v.c[AQI_PM25] = M;
				if (h == 3 && d == 2)
					continue;
				feed(a1, k ? s2 : s1, 2016, 5, d, h, v);
			}
	for (int k = 0; k < 2; k++)
		for (int d = 1; d <= 3; d++)
			for (int h = 0; h < 24; h++) {
				struct vals v = constant(
				    (5 + h) * S, (20 + d) * S, (60 + 2 * h) * S,
				    (7 + k) * 1000, (50 + 3 * h) * S,
				    (30 + h % 7 + k) * S);
				if ((h + d + k) % 9 == 0)
					v.c[AQI_PM25] = M;
				if (h == 3 && d == 2)
					continue;
				feed(a2, k ? s2 : s1, 2016, 5, d, h, v);
			}
	airq_finish(a1, NULL, NULL);
	airq_finish(a2, NULL, NULL);
	const struct airq_area *x = airq_area_find(a1, "测试市");
	const struct airq_area *y = airq_area_find(a2, "测试市");
	ck_assert_uint_eq(x->ndays, 3);
	ck_assert_uint_eq(y->ndays, 3);
	ck_assert(memcmp(x->days, y->days, 3 * sizeof *x->days) == 0);
	for (size_t i = 0; i < 2; i++) {
		const struct airq_station *p = airq_station_at(a1, i);
		const struct airq_station *q = airq_station_at(a2, i);
		ck_assert(memcmp(p->days, q->days, 3 * sizeof *p->days) == 0);
	}
	ck_assert(x->days[1].c[AQI_PM25] != M);
	airq_free(a1);
	airq_free(a2);
}
END_TEST

START_TEST(rank_ties)
{
	struct airq_rank_row r[] = {
		{ "丁", 100, M, 0, 0 }, { "甲", 90, M, 0, 0 },
		{ "乙", M, M, 0, 0 }, { "丙", 80, M, 0, 0 },
		{ "戊", 90, M, 0, 0 },
	};
	ck_assert_uint_eq(airq_rank_rows(r, 5, 0, 0), 4);
	ck_assert_str_eq(r[0].area, "丙");
	ck_assert(r[0].rank == 1 && !r[0].tied);
	ck_assert(r[1].rank == 2 && r[1].tied && r[2].rank == 2 && r[2].tied);
	ck_assert(r[3].rank == 4 && !r[3].tied);
	ck_assert_str_eq(r[3].area, "丁");
	ck_assert(r[4].rank == 0 && r[4].key == M);
	/* 优良天数比例, higher better, ties broken by PM2.5 ascending;
	 * equal in both -> 并列. */
	struct airq_rank_row g[] = {
		{ "A", 900000, 35 * S, 0, 0 }, { "B", 900000, 30 * S, 0, 0 },
		{ "C", 950000, 50 * S, 0, 0 }, { "D", 900000, 35 * S, 0, 0 },
		{ "E", 800000, 10 * S, 0, 0 },
	};
	ck_assert_uint_eq(airq_rank_rows(g, 5, 1, 1), 5);
	const char *order[] = { "C", "B", "A", "D", "E" };
	const int rank[] = { 1, 2, 3, 3, 5 };
	for (int i = 0; i < 5; i++) {
		ck_assert_str_eq(g[i].area, order[i]);
		ck_assert_int_eq(g[i].rank, rank[i]);
		ck_assert_int_eq(g[i].tied, rank[i] == 3);
	}
}
END_TEST

START_TEST(rank_areas)
{
	/* Three one-station areas over January 2015 and 2016:
	 * PM2.5 2015 -> 2016: 甲 40 -> 30 (-25 %), 乙 30 -> 30 (0 %),
	 * 丙 25 -> 20 (-20 %); everything else equal. */
	struct airq *aq = airq_new(NULL);
	const char *area[] = { "甲市", "乙市", "丙市" };
	const int pm[3][2] = { { 40, 30 }, { 30, 30 }, { 25, 20 } };
	for (int k = 0; k < 3; k++) {
		char code[16];
		snprintf(code, sizeof code, "R%02d", k);
		struct mon_station *st = fake_station((size_t)k, "", "站",
		    area[k]);
		st->code = xstrdup(code);
		for (int y = 0; y < 2; y++)
			feed_days(aq, st, 2015 + y, 1, 1, 31, constant(
			    10 * S, 30 * S, 60 * S, 8000, 90 * S,
			    pm[k][y] * S));
	}
	airq_finish(aq, NULL, NULL);
	struct airq_range jan = airq_range_month(2016, 1);
	struct airq_ranking rk;

	airq_rank(aq, jan, AIRQ_RANK_COMPOSITE, NULL, 0, &rk);
	ck_assert_uint_eq(rk.nranked, 3);
	ck_assert_str_eq(rk.rows[0].area, "丙市");
	ck_assert_int_eq(rk.rows[0].rank, 1);
	ck_assert(rk.rows[1].rank == 2 && rk.rows[1].tied);
	ck_assert(rk.rows[2].rank == 2 && rk.rows[2].tied);
	airq_rank_free(&rk);

	/* All days 优良 (100 %): PM2.5 breaks the tie, 甲 = 乙 并列. */
	airq_rank(aq, jan, AIRQ_RANK_GOOD, NULL, 0, &rk);
	ck_assert_str_eq(rk.rows[0].area, "丙市");
	ck_assert(rk.rows[0].key == 100 * S && rk.rows[0].key2 == 20 * S);
	ck_assert(rk.rows[1].rank == 2 && rk.rows[2].rank == 2);
	airq_rank_free(&rk);

	airq_rank(aq, jan, AIRQ_RANK_IMPROVE_PM25, NULL, 0, &rk);
	ck_assert_str_eq(rk.rows[0].area, "甲市");
	ck_assert(rk.rows[0].key == -250000);
	ck_assert_str_eq(rk.rows[1].area, "丙市");
	ck_assert(rk.rows[1].key == -200000);
	ck_assert_str_eq(rk.rows[2].area, "乙市");
	ck_assert(rk.rows[2].key == 0 && rk.rows[2].rank == 3);
	airq_rank_free(&rk);

	/* Only two areas named; a year without data ranks nobody. */
	const char *two[] = { "乙市", "甲市" };
	airq_rank(aq, jan, AIRQ_RANK_PM25, two, 2, &rk);
	ck_assert_uint_eq(rk.n, 2);
	ck_assert(rk.rows[0].rank == 1 && rk.rows[1].rank == 1);
	airq_rank_free(&rk);
	airq_rank(aq, airq_range_month(2014, 1), AIRQ_RANK_IMPROVE, NULL, 0,
	    &rk);
	ck_assert_uint_eq(rk.n, 3);
	ck_assert_uint_eq(rk.nranked, 0);
	ck_assert_int_eq(rk.rows[0].rank, 0);
	airq_rank_free(&rk);

	/* 同比 of one area: day counts and percentages. */
	struct airq_compare c;
	airq_compare(aq, airq_area_find(aq, "丙市"), jan, &c);
	ck_assert_int_eq(c.have_prev, 1);
	ck_assert(c.change[AQI_PM25] == -200000);
	ck_assert(c.change[AQI_SO2] == 0);
	ck_assert(c.good_points == 0);
	ck_assert_int_eq(c.good_diff, 0);
	ck_assert_int_eq(c.valid_diff, 0);
	for (int k = 0; k < 3; k++)
		free(fake[k].code);
	airq_free(aq);
}
END_TEST

/* ---- the CNEMC sample: areas from the area column --------------------- */

START_TEST(cnemc_areas_from_data)
{
	struct diag_list dl = { 0 };
	struct mon_qc qc;
	char *sample = xstrdup(lt_path(FX_CNEMC_SAMPLE));
	struct airq *aq = fx_airq_read(FX_CNEMC_LAYOUT, &sample, 1, 0, NULL, 0,
	    &qc, &dl);
	free(sample);
	/* stations.csv: 南阳市 5, 焦作市 7, 驻马店市 4; sorted by name. */
	ck_assert_uint_eq(airq_area_count(aq), 3);
	const struct airq_area *ny = airq_area_find(aq, "南阳市");
	const struct airq_area *jz = airq_area_find(aq, "焦作市");
	const struct airq_area *zmd = airq_area_find(aq, "驻马店市");
	ck_assert(ny && jz && zmd);
	ck_assert_uint_eq(ny->neval, 5);
	ck_assert_uint_eq(jz->neval, 7);
	ck_assert_uint_eq(zmd->neval, 4);
	ck_assert_int_eq(jz->need, 4);
	ck_assert_str_eq(jz->st[1]->code, "1830A");
	ck_assert_str_eq(jz->st[1]->name, "影视城");
	/* T0000 is the hour 2023-12-31 23 (timestamps mark the hour's end);
	 * T0100-T0300 are hours 0-2 of 2024-01-01: no valid day. */
	ck_assert_uint_eq(jz->ndays, 2);
	ck_assert_int_eq(jz->first, airq_day_index(2023, 12, 31));
	const struct airq_sday *d = airq_station_day(jz->st[0],
	    airq_day_index(2024, 1, 1));
	ck_assert_int_eq(d->hours, 3);
	ck_assert_int_eq(d->n[AQI_PM25], 3);
	ck_assert(d->c[AQI_PM25] == M);
	ck_assert_int_eq(airq_area_day(jz, jz->first + 1)->r.aqi, AQI_NONE);
	/* 影视城 was offline: its rows carry no value. */
	struct airq_quality q;
	airq_quality(aq, jz, 2024, 1, &q);
	ck_assert_int_eq(q.st[1].hours_data, 0);
	ck_assert_int_eq(q.st[1].days_none[AQI_PM25], 31);
	ck_assert_int_eq(q.st[0].hours_data, 3);
	ck_assert_int_eq(q.st[0].days_short[AQI_PM25], 1);
	ck_assert_int_eq(q.st[0].days_none[AQI_PM25], 30);
	ck_assert_int_eq(q.area_days_few[AQI_PM25], 0);
	airq_quality_free(&q);
	airq_free(aq);
	mon_qc_free(&qc);
	diag_free(&dl);
}
END_TEST

START_TEST(quality_counts_rejections)
{
	/* A CNEMC file with a short row, a placeholder cell, a negative
	 * cell and a full day for one station: the rejections reach the
	 * area's summary, the rejected values are not averaged. */
	char path[] = "/tmp/lt_airq_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *fp = fdopen(fd, "w");
	fputs("timepoint,stationcode,longitude,latitude,area,positionname,"
	    "primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,"
	    "o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n", fp);
	for (int h = 1; h <= 24; h++) {
		const char *pm25 = h == 5 ? "-" : h == 6 ? "-3" : "40";
		fprintf(fp, "2016-05-%02dT%02d00,9001A,1,1,测试市,一号站,,50,"
		    "60,,%s,,80,,,,30,,10,,0.5,\n", h == 24 ? 2 : 1,
		    h == 24 ? 0 : h, pm25);
	}
	fputs("2016-05-02T0100,9001A,1,1,测试市\n", fp);
	fclose(fp);
	struct diag_list dl = { 0 };
	struct mon_layout *ml = mon_layout_load(
	    lt_path("templates/layouts/cnemc-realtime.layout"), &dl);
	ck_assert_ptr_nonnull(ml);
	struct mon_qc qc;
	mon_qc_init(&qc);
	struct airq *aq = airq_new(NULL);
	ck_assert_int_eq(mon_read_file(path, ml, &qc, airq_record_fn, aq,
	    &dl), 1);
	unlink(path);
	mon_qc_finish(&qc, &dl);
	airq_finish(aq, &qc, &dl);
	const struct airq_sday *d = sday(aq, "9001A", 2016, 5, 1);
	ck_assert_int_eq(d->n[AQI_PM25], 22);
	ck_assert(d->c[AQI_PM25] == 40 * S);
	ck_assert_int_eq(d->n[AQI_SO2], 24);
	struct airq_quality q;
	airq_quality(aq, airq_area_find(aq, "测试市"), 2016, 5, &q);
	ck_assert_uint_eq(q.rows_rejected[MON_ROW_SHORT], 1);
	ck_assert_uint_eq(q.cells_rejected[MON_PM25][MON_CELL_PLACEHOLDER], 1);
	ck_assert_uint_eq(q.cells_rejected[MON_PM25][MON_CELL_NEGATIVE], 1);
	struct buf b = { 0 };
	airq_quality_write_text(&q, &b);
	ck_assert_ptr_nonnull(strstr(b.data, "剔除的行（全部数据）：列数不足1行\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "剔除的数值（全部数据）：PM2.5"
	    "占位符1个，PM2.5负值1个\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "站点9001A 一号站：有数据24/744"));
	buf_free(&b);
	airq_quality_free(&q);
	airq_free(aq);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- the real Beijing data ------------------------------------------- */

static struct airq *bj;
static struct mon_qc bj_qc;
static struct diag_list bj_dl;

/* Read the 12 Beijing files in the given order into a new struct airq. */
static struct airq *
bj_load(int reverse, struct mon_qc *qc, struct diag_list *dl)
{
	glob_t g;
	fx_beijing_files(&g);
	struct airq *aq = fx_airq_read(FX_BEIJING_LAYOUT, g.gl_pathv,
	    g.gl_pathc, reverse, NULL, 0, qc, dl);
	globfree(&g);
	return aq;
}

static void
bj_setup(void)
{
	bj = bj_load(0, &bj_qc, &bj_dl);
}

static void
bj_teardown(void)
{
	airq_free(bj);
	mon_qc_free(&bj_qc);
	diag_free(&bj_dl);
}

static const struct airq_area *
beijing(void)
{
	const struct airq_area *a = airq_area_find(bj, "北京市");
	ck_assert_ptr_nonnull(a);
	return a;
}

START_TEST(bj_area_without_dingling)
{
	const struct airq_area *a = beijing();
	ck_assert_uint_eq(airq_area_count(bj), 1);
	ck_assert_uint_eq(a->nst, 12);
	ck_assert_uint_eq(a->neval, 11);
	ck_assert_str_eq(a->st[11]->code, "1002A");
	ck_assert_int_eq(a->st[11]->background, 1);
	ck_assert_int_eq(a->need, 6);
	ck_assert_uint_eq(a->ndays, 1461); /* 2013-03-01 .. 2017-02-28 */
	ck_assert_int_eq(a->first, airq_day_index(2013, 3, 1));
	ck_assert_uint_eq(airq_late_records(bj), 0);
	/* Every day and pollutant, recomputed here from the station days:
	 * the mean over the 11 evaluation stations, Dingling left out.
	 * Including it would change many days: count them. */
	const struct airq_station *ding = airq_station_find(bj, "1002A");
	int differ = 0, days_checked = 0;
	for (size_t k = 0; k < a->ndays; k++) {
		const struct airq_day *d = &a->days[k];
		for (int i = 0; i < AQI_NIND; i++) {
			int64_t sum = 0;
			int n = 0;
			for (size_t j = 0; j < a->nst; j++) {
				const struct airq_station *s = a->st[j];
				const struct airq_sday *sd =
				    airq_station_day(s, d->day);
				if (s == ding || !sd || sd->c[i] == M)
					continue;
				sum += sd->c[i];
				n++;
			}
			ck_assert_int_eq(d->nst[i], n);
			if (n < 6) {
				ck_assert(d->c[i] == M);
				continue;
			}
			/* Half-even rounding of sum / n, by hand. */
			int64_t q = sum / n, r = sum % n;
			if (2 * r > n || (2 * r == n && (q & 1)))
				q++;
			ck_assert(d->c[i] == q);
			days_checked++;
			const struct airq_sday *ds =
			    airq_station_day(ding, d->day);
			if (ds && ds->c[i] != M &&
			    (sum + ds->c[i]) / (n + 1) != q)
				differ++;
		}
	}
	ck_assert_int_gt(days_checked, 1400 * 6);
	ck_assert_int_gt(differ, 1000);
}
END_TEST

START_TEST(bj_winter_months)
{
	/* airq_crosscheck.py:
	 *   2015-12 valid 31 good 11 heavy 13; SO2 19.66, NO2 76.33,
	 *     PM10 161.53, PM2.5 151.75, CO95 6.088, O3_90 47.0
	 *   2016-12 valid 31 good 13 heavy 11; SO2 17.29, NO2 79.51,
	 *     PM10 153.72, PM2.5 131.96, CO95 6.164, O3_90 59.26 */
	static const struct {
		int y, m, good, heavy;
		int64_t so2, no2, pm10, pm25, co, o3;
	} want[] = {
		{ 2015, 12, 11, 13, 20, 76, 162, 152, 61000, 47 },
		{ 2016, 12, 13, 11, 17, 80, 154, 132, 62000, 59 },
		{ 2014, 12, 22, 2, 29, 56, 97, 59, 40000, 59 },
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		struct airq_period p;
		airq_period(bj, beijing(), airq_range_month(want[k].y,
		    want[k].m), &p);
		ck_assert_int_eq(p.valid, 1);
		ck_assert_int_eq(p.d.valid, 31);
		ck_assert_int_eq(p.d.good, want[k].good);
		ck_assert_int_eq(p.d.heavy, want[k].heavy);
		ck_assert(p.c[AQI_SO2] == want[k].so2 * S);
		ck_assert(p.c[AQI_NO2] == want[k].no2 * S);
		ck_assert(p.c[AQI_PM10] == want[k].pm10 * S);
		ck_assert(p.c[AQI_PM25] == want[k].pm25 * S);
		ck_assert(p.c[AQI_CO] == want[k].co);
		ck_assert(p.c[AQI_O3_8H] == want[k].o3 * S);
		int64_t pct;
		aqstats_percent(want[k].heavy, 31, 1, &pct);
		ck_assert(p.heavy_pct == pct);
		/* 重污染 days counted once more by level: 五级 + 六级. */
		ck_assert_int_eq(p.d.by_level[4] + p.d.by_level[5],
		    want[k].heavy);
		ck_assert_int_le(p.d.exceed[AQI_PM25], 31);
		ck_assert_int_ge(p.d.exceed[AQI_PM25], want[k].heavy);
	}
	/* Single days, from the same program (exact Fractions; airq keeps
	 * 4 decimals per station, so allow one unit of the last decimal):
	 * 2015-12-01 PM2.5 477.78347706 AQI 486;
	 * 2016-12-20 PM2.5 373.91666667 AQI 416;
	 * 2014-07-01 O3 8 h 228.84090909 AQI 164. */
	const struct airq_day *d = aday(bj, "北京市", 2015, 12, 1);
	ck_assert(llabs(d->c[AQI_PM25] - 4777835) <= 1);
	ck_assert_int_eq(d->r.aqi, 486);
	ck_assert_uint_eq(d->r.primary, 1u << AQI_PM25);
	ck_assert_int_eq(aqi_level_of(d->r.aqi)->level, 6);
	d = aday(bj, "北京市", 2016, 12, 20);
	ck_assert(llabs(d->c[AQI_PM25] - 3739167) <= 1);
	ck_assert_int_eq(d->r.aqi, 416);
	d = aday(bj, "北京市", 2014, 7, 1);
	ck_assert(llabs(d->c[AQI_O3_8H] - 2288409) <= 1);
	ck_assert_int_eq(d->r.aqi, 164);
	ck_assert_uint_eq(d->r.primary, 1u << AQI_O3_8H);
}
END_TEST

START_TEST(bj_years_and_change)
{
	/* airq_crosscheck.py: valid/good/heavy days and PM2.5 annual mean
	 *   2014 360 165 50 85.405035; 2015 362 183 49 80.653106;
	 *   2016 363 194 40 73.009378 (363/363/364 valid PM2.5 days). */
	static const struct {
		int y, valid, good, heavy, npm;
		int64_t pm25;
	} want[] = {
		{ 2014, 360, 165, 50, 363, 85 },
		{ 2015, 362, 183, 49, 363, 81 },
		{ 2016, 363, 194, 40, 364, 73 },
	};
	/* Published annual PM2.5 of Beijing (whole city network): 85.9,
	 * 80.6, 73 µg/m³. The 11 national stations differ from that network,
	 * so no equality: a sanity bound only. */
	static const int64_t published[] = { 859000, 806000, 730000 };
	for (size_t k = 0; k < 3; k++) {
		struct airq_compare c;
		airq_compare(bj, beijing(), airq_range_year(want[k].y), &c);
		const struct airq_period *p = &c.cur;
		ck_assert_int_eq(p->min_days, 324);
		ck_assert_int_eq(p->valid, 1);
		ck_assert_int_eq(p->d.valid, want[k].valid);
		ck_assert_int_eq(p->d.good, want[k].good);
		ck_assert_int_eq(p->d.heavy, want[k].heavy);
		ck_assert_int_eq(p->nvalid[AQI_PM25], want[k].npm);
		ck_assert(p->c[AQI_PM25] == want[k].pm25 * S);
		ck_assert(llabs(p->c[AQI_PM25] - published[k]) < 3 * S);
		ck_assert_int_eq(c.have_prev, 1);
	}
	/* 同比 2016 against 2015: PM2.5 (73 − 81)/81 = −9.88 % -> −9.9;
	 * 优良 ratio 194/363 = 53.4 % against 183/362 = 50.6 %: +2.8 个百分点;
	 * 重污染 days 40 − 49 = −9. */
	struct airq_compare c;
	airq_compare(bj, beijing(), airq_range_year(2016), &c);
	ck_assert(c.change[AQI_PM25] == -99000);
	ck_assert(c.cur.good_pct == 534000 && c.prev.good_pct == 506000);
	ck_assert(c.good_points == 28000);
	ck_assert_int_eq(c.heavy_diff, -9);
	ck_assert_int_eq(c.good_diff, 11);
	ck_assert(c.composite_change != M);
	/* 2013 has data from March only: 306 days < 324 -> the year is
	 * invalid, and so is every 同比 against it; the counts remain. */
	airq_compare(bj, beijing(), airq_range_year(2014), &c);
	ck_assert_int_eq(c.prev.valid, 0);
	ck_assert(c.prev.c[AQI_PM25] == M);
	ck_assert_int_eq(c.prev.nvalid[AQI_PM25], 306);
	ck_assert(c.change[AQI_PM25] == M);
	ck_assert(c.good_points == M);
	ck_assert_int_eq(c.have_prev, 1);
	/* January 2014 has no earlier January at all. */
	airq_compare(bj, beijing(), airq_range_month(2014, 1), &c);
	ck_assert_int_eq(c.have_prev, 0);
	ck_assert_int_eq(c.cur.valid, 1);
	ck_assert(c.change[AQI_PM25] == M);
	/* Year to date 2017 (to 28 February, the end of the data): 59 days
	 * need 53; the month of February 2017 against February 2016. */
	struct airq_period p;
	airq_period(bj, beijing(), airq_range_ytd(2017, 2, 28), &p);
	ck_assert_int_eq(p.min_days, 53);
	ck_assert_int_eq(p.valid, 1);
	airq_compare(bj, beijing(), airq_range_month(2017, 2), &c);
	ck_assert_int_eq(c.have_prev, 1);
	ck_assert(c.change[AQI_PM25] != M);
	/* 2017 as a year: the data stop on 28 February (59 days), and on
	 * 21 February 2017 the stations lost many hours at once (Dongsi:
	 * 10 of 24 hours of PM2.5 missing): no area value at all that day. */
	const struct airq_day *d = aday(bj, "北京市", 2017, 2, 21);
	ck_assert_int_eq(d->r.aqi, AQI_NONE);
	ck_assert_int_lt(d->nst[AQI_PM25], 6);
	airq_period(bj, beijing(), airq_range_year(2017), &p);
	ck_assert_int_eq(p.days_data, 58);
	ck_assert_int_eq(p.valid, 0);
	ck_assert(p.c[AQI_PM25] == M);
}
END_TEST

START_TEST(bj_quality)
{
	/* Per station, the months' hourly counts add up to the reader's. */
	const struct airq_area *a = beijing();
	uint64_t hours_pm[12] = { 0 }, hours_data[12] = { 0 };
	int outages[12] = { 0 };
	for (int y = 2013; y <= 2017; y++)
		for (int m = 1; m <= 12; m++) {
			if ((y == 2013 && m < 3) || (y == 2017 && m > 2))
				continue;
			struct airq_quality q;
			airq_quality(bj, a, y, m, &q);
			ck_assert_uint_eq(q.n, 12);
			for (size_t j = 0; j < q.n; j++) {
				const struct airq_quality_station *s = &q.st[j];
				hours_pm[j] += (uint64_t)s->hours_valid[AQI_PM25];
				hours_data[j] += (uint64_t)s->hours_data;
				outages[j] += s->outages;
				ck_assert_int_eq(s->days_valid[AQI_PM25] +
				    s->days_short[AQI_PM25] +
				    s->days_none[AQI_PM25], q.days);
				ck_assert_int_le(s->hours_data, s->hours);
			}
			airq_quality_free(&q);
		}
	for (size_t j = 0; j < a->nst; j++) {
		const struct airq_station *s = a->st[j];
		ck_assert_ptr_nonnull(s->mon);
		ck_assert_uint_eq(hours_pm[j], s->mon->valid[MON_PM25]);
		ck_assert_uint_eq(hours_data[j],
		    s->mon->records - s->mon->all_missing);
		ck_assert_uint_eq(s->records, s->mon->records);
		/* An outage across a month end counts in both months. */
		ck_assert_int_ge(outages[j], (int)s->noutages);
		ck_assert_uint_eq(s->noutages, s->mon->outages);
	}
	/* 奥体中心 1011A, December 2014: dark 343 hours from 2014-12-17 10:00
	 * (the reader warns of the same stretch), 13 days without PM2.5. */
	struct airq_quality q;
	airq_quality(bj, a, 2014, 12, &q);
	const struct airq_quality_station *ao = NULL;
	for (size_t j = 0; j < q.n; j++)
		if (strcmp(q.st[j].st->code, "1011A") == 0)
			ao = &q.st[j];
	ck_assert_ptr_nonnull(ao);
	ck_assert_int_eq(ao->outages, 1);
	ck_assert_int_eq(ao->longest_outage, 343);
	ck_assert_int_eq(ao->longest_outage_start,
	    mon_hour_index(2014, 12, 17, 10));
	ck_assert_int_eq(ao->days_none[AQI_PM25], 13);
	ck_assert_int_eq(ao->hours, 31 * 24);
	/* The area still had 31 valid days: 10 other stations suffice. */
	ck_assert_int_eq(q.area_days_valid[AQI_PM25], 31);
	ck_assert_int_eq(q.aqi_days_valid, 31);
	/* The text a bulletin prints. */
	struct buf b = { 0 };
	airq_quality_write_text(&q, &b);
	ck_assert_ptr_nonnull(strstr(b.data, "数据质量说明：北京市2014年12月"
	    "（31天；评价点位11个，对照点1个；区域日均值需至少6个点位有效）\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "区域有效日数：SO₂31天，"));
	ck_assert_ptr_nonnull(strstr(b.data, "站点1011A 奥体中心：有数据"
	    "392/744小时；数据不足（不足20小时或14个8小时值）：SO₂3天"));
	ck_assert_ptr_nonnull(strstr(b.data, "；无数据：SO₂13天，"));
	ck_assert_ptr_nonnull(strstr(b.data, "  连续24小时以上无有效数据1次，"
	    "最长343小时（自2014年12月17日10时起）\n"));
	ck_assert_ptr_nonnull(strstr(b.data,
	    "站点1002A 定陵(对照点)（不参与评价）："));
	buf_free(&b);
	uint64_t rej = 0;
	for (size_t j = 0; j < a->nst; j++)
		rej += a->st[j]->rows_rejected[MON_ROW_SHORT];
	ck_assert_uint_eq(q.rows_rejected[MON_ROW_SHORT], rej);
	airq_quality_free(&q);
}
END_TEST

START_TEST(bj_order_independent)
{
	/* The same files read in reverse order: identical days. */
	struct mon_qc qc;
	struct diag_list dl = { 0 };
	struct airq *rev = bj_load(1, &qc, &dl);
	const struct airq_area *a = beijing();
	const struct airq_area *b = airq_area_find(rev, "北京市");
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(a->ndays, b->ndays);
	ck_assert(memcmp(a->days, b->days, a->ndays * sizeof *a->days) == 0);
	ck_assert_uint_eq(airq_station_count(rev), 12);
	for (size_t j = 0; j < 12; j++) {
		const struct airq_station *x = airq_station_at(bj, j);
		const struct airq_station *y = airq_station_at(rev, j);
		ck_assert_str_eq(x->code, y->code);
		ck_assert_uint_eq(x->ndays, y->ndays);
		ck_assert(memcmp(x->days, y->days,
		    x->ndays * sizeof *x->days) == 0);
	}
	airq_free(rev);
	mon_qc_free(&qc);
	diag_free(&dl);
}
END_TEST

START_TEST(bj_caller_table)
{
	/* A caller table may put stations into another area and mark more
	 * background stations: 东四 and 天坛 as a "城区" area. */
	glob_t g;
	fx_beijing_files(&g);
	struct airq_station_info t[] = {
		{ "1003A", NULL, "城区", 0 },
		{ "1004A", "天坛站", "城区", 0 },
		{ "1001A", NULL, NULL, 1 },
	};
	struct mon_qc qc;
	struct diag_list dl = { 0 };
	struct airq *aq = fx_airq_read(FX_BEIJING_LAYOUT, g.gl_pathv,
	    g.gl_pathc, 0, t, 3, &qc, &dl);
	globfree(&g);
	ck_assert_uint_eq(airq_area_count(aq), 2);
	const struct airq_area *bjx = airq_area_find(aq, "北京市");
	const struct airq_area *cq = airq_area_find(aq, "城区");
	ck_assert_uint_eq(bjx->nst, 10);
	ck_assert_uint_eq(bjx->neval, 8);  /* 1001A and 1002A background */
	ck_assert_uint_eq(cq->neval, 2);
	ck_assert_int_eq(cq->need, 1);
	ck_assert_str_eq(cq->st[1]->name, "天坛站");
	ck_assert_str_eq(cq->st[0]->name, "东四");
	struct airq_period p;
	airq_period(aq, cq, airq_range_year(2015), &p);
	ck_assert_int_eq(p.valid, 1);
	airq_free(aq);
	mon_qc_free(&qc);
	diag_free(&dl);
}
END_TEST

static Suite *
airq_suite(void)
{
	Suite *s = suite_create("airq");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, day_needs_20_hours);
	tcase_add_test(tc, o3_window_needs_6_hours);
	tcase_add_test(tc, o3_needs_14_windows);
	tcase_add_test(tc, area_mean_excludes_background);
	tcase_add_test(tc, area_without_area_warns);
	tcase_add_test(tc, daily_aqi_by_date_and_rounding);
	tcase_add_test(tc, month_needs_27_days);
	tcase_add_test(tc, ranges);
	tcase_add_test(tc, late_and_duplicate_records);
	tcase_add_test(tc, interleaved_equals_sequential);
	tcase_add_test(tc, rank_ties);
	tcase_add_test(tc, rank_areas);
	tcase_add_test(tc, cnemc_areas_from_data);
	tcase_add_test(tc, quality_counts_rejections);
	suite_add_tcase(s, tc);
	tc = tcase_create("beijing");
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, bj_setup, bj_teardown);
	tcase_add_test(tc, bj_area_without_dingling);
	tcase_add_test(tc, bj_winter_months);
	tcase_add_test(tc, bj_years_and_change);
	tcase_add_test(tc, bj_quality);
	tcase_add_test(tc, bj_order_independent);
	tcase_add_test(tc, bj_caller_table);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(airq_suite)
