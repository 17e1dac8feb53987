/*
 * test_aqstats.c -- period statistics (aqstats.c) against GB 3095-2012 §7
 * and HJ 663 as lantian-air(7) states them (有效性, 时段统计, 目标评估), on hand-computed
 * examples.
 */
#include <string.h>

#include "lt_test.h"
#include "aqstats.h"

#define K AQI_SCALE
#define M AQI_MISSING

/* A decimal literal ("-12.5") in AQI_SCALE units; aqi_parse_conc() itself
 * is tested in test_aqi.c. */
static int64_t
D(const char *s)
{
	int neg = *s == '-';
	int64_t v;
	ck_assert_int_eq(aqi_parse_conc(s + neg, strlen(s + neg), &v), AQI_PARSE_OK);
	return neg ? -v : v;
}

START_TEST(mean_and_area)
{
	int64_t v[3] = { 40 * K, M, 45 * K }, out;
	ck_assert_uint_eq(aqstats_mean(v, 3, 0, &out), 2);
	ck_assert_int_eq(out, 42 * K); /* 42.5 → 42, half to even */
	ck_assert_uint_eq(aqstats_mean(v, 3, 1, &out), 2);
	ck_assert_int_eq(out, D("42.5"));
	int64_t none[2] = { M, M };
	ck_assert_uint_eq(aqstats_mean(none, 2, 0, &out), 0);
	ck_assert_int_eq(out, M);
}
END_TEST

/* 24 h mean: 20 valid hours needed; 19 is "无效/数据不足". */
START_TEST(daily_mean_validity)
{
	int64_t h[24], out;
	int nv;
	for (int i = 0; i < 24; i++)
		h[i] = i < 20 ? (int64_t)(i + 1) * K : M; /* 1..20 present */
	ck_assert(aqstats_daily_mean(h, 24, 0, &out, &nv));
	ck_assert_int_eq(nv, 20);
	ck_assert_int_eq(out, 10 * K); /* 210/20 = 10.5 → 10 */
	ck_assert(aqstats_daily_mean(h, 24, 1, &out, NULL));
	ck_assert_int_eq(out, D("10.5"));
	h[19] = M; /* 19 hours */
	ck_assert(!aqstats_daily_mean(h, 24, 0, &out, &nv));
	ck_assert_int_eq(nv, 19);
	ck_assert_int_eq(out, M);
}
END_TEST

/* 8 h moving mean: 6 of 8 hours needed; 5 is missing. */
START_TEST(moving_8h_validity)
{
	int64_t h[10] = { 10 * K, M, 20 * K, 30 * K, M, 40 * K, 50 * K, 60 * K,
		70 * K, M };
	int64_t out[10];
	aqstats_moving_8h(h, 10, 0, out);
	for (int i = 0; i < 7; i++)
		ck_assert_int_eq(out[i], M);
	ck_assert_int_eq(out[7], 35 * K); /* 10+20+30+40+50+60 = 210 / 6 */
	ck_assert_int_eq(out[8], 45 * K); /* 20..70: 270 / 6 */
	ck_assert_int_eq(out[9], 45 * K); /* 20,30,40,50,60,70 */
	h[2] = M; /* window 0–7 now has 5 values */
	aqstats_moving_8h(h, 10, 0, out);
	ck_assert_int_eq(out[7], M);
	ck_assert_int_eq(out[8], M);     /* 1–8: 30,40,50,60,70 = 5 */
	ck_assert_int_eq(out[9], M);     /* 2–9: 30,40,50,60,70 = 5 */
}
END_TEST

/* O3 daily max 8 h: 14 valid 8 h means needed; 13 is not enough. */
START_TEST(o3_max8h_validity)
{
	int64_t means[17], out;
	int nv;
	for (int i = 0; i < 17; i++)
		means[i] = i < 14 ? (int64_t)(100 + i) * K : M;
	ck_assert(aqstats_o3_max8h(means, 17, &out, &nv));
	ck_assert_int_eq(nv, 14);
	ck_assert_int_eq(out, 113 * K);
	means[13] = M;
	ck_assert(!aqstats_o3_max8h(means, 17, &out, &nv));
	ck_assert_int_eq(nv, 13);
	ck_assert_int_eq(out, M);

	/* From hourly values i·10 µg/m³: the natural day's 17 windows (0–7 …
	 * 16–23); the largest is 16–23: (160+…+230)/8 = 195. */
	int64_t h[24];
	for (int i = 0; i < 24; i++)
		h[i] = (int64_t)i * 10 * K;
	ck_assert(aqstats_o3_max8h_day(h, 0, &out, &nv));
	ck_assert_int_eq(nv, 17);
	ck_assert_int_eq(out, 195 * K);
	/* hours 0–4 missing: windows from 0, 1, 2 have < 6 values → 14 valid */
	for (int i = 0; i < 5; i++)
		h[i] = M;
	ck_assert(aqstats_o3_max8h_day(h, 0, &out, &nv));
	ck_assert_int_eq(nv, 14);
	ck_assert_int_eq(out, 195 * K);
	/* hours 0–5 missing: windows from 0..3 invalid → 13: invalid day */
	h[5] = M;
	ck_assert(!aqstats_o3_max8h_day(h, 0, &out, &nv));
	ck_assert_int_eq(nv, 13);
	ck_assert_int_eq(out, M);
}
END_TEST

START_TEST(month_year_validity)
{
	ck_assert(!aqstats_month_valid(3, 26));
	ck_assert(aqstats_month_valid(3, 27));
	ck_assert(!aqstats_month_valid(2, 24));
	ck_assert(aqstats_month_valid(2, 25));
	ck_assert(!aqstats_month_valid(12, 26));
	ck_assert_int_eq(aqstats_month_min_days(2), 25);
	ck_assert_int_eq(aqstats_month_min_days(4), 27);
	ck_assert(!aqstats_year_valid(323));
	ck_assert(aqstats_year_valid(324));
	ck_assert_int_eq(aqstats_days_in_month(2024, 2), 29);
	ck_assert_int_eq(aqstats_days_in_month(2026, 2), 28);
	ck_assert_int_eq(aqstats_days_in_month(1900, 2), 28);
	ck_assert_int_eq(aqstats_days_in_month(2000, 2), 29);
	ck_assert_int_eq(aqstats_days_in_month(2025, 4), 30);
	ck_assert_int_eq(aqstats_days_in_year(2024), 366);
	ck_assert_int_eq(aqstats_days_in_year(2025), 365);
}
END_TEST

/*
 * HJ 663 percentile by hand. CO daily means (mg/m³), n = 10, sorted:
 * 0.7 0.8 0.9 1.0 1.1 1.2 1.3 1.5 1.8 2.1.
 *   p 95: k = 1 + 9·0.95 = 9.55, s = 9: 1.8 + (2.1 − 1.8)·0.55 = 1.965
 *   p 50: k = 5.5: 1.1 + 0.1·0.5 = 1.15
 */
START_TEST(percentile_by_hand)
{
	int64_t co[11] = { D("1.2"), D("0.8"), D("2.1"), D("0.9"), M, D("1.5"),
		D("1.1"), D("0.7"), D("1.3"), D("1.0"), D("1.8") };
	int64_t out;
	ck_assert_uint_eq(aqstats_percentile(co, 11, 95, 3, &out), 10);
	ck_assert_int_eq(out, D("1.965"));
	ck_assert_uint_eq(aqstats_co_95per(co, 11, &out), 10);
	ck_assert_int_eq(out, D("2.0")); /* 1.965 → 2.0 */
	ck_assert_uint_eq(aqstats_percentile(co, 11, 50, 3, &out), 10);
	ck_assert_int_eq(out, D("1.15"));
	ck_assert_uint_eq(aqstats_percentile(co, 11, 0, 3, &out), 10);
	ck_assert_int_eq(out, D("0.7"));
	ck_assert_uint_eq(aqstats_percentile(co, 11, 100, 3, &out), 10);
	ck_assert_int_eq(out, D("2.1"));
	/* the input is not reordered */
	ck_assert_int_eq(co[0], D("1.2"));
	ck_assert_int_eq(co[2], D("2.1"));

	/* O3 daily max 8 h, sorted 95 110 120 130 140 150 160 175 180 200:
	 * p 90: k = 9.1: 180 + 20·0.1 = 182 */
	int64_t o3[10] = { 120 * K, 95 * K, 160 * K, 180 * K, 140 * K, 110 * K,
		200 * K, 175 * K, 130 * K, 150 * K };
	ck_assert_uint_eq(aqstats_o3_8h_90per(o3, 10, &out), 10);
	ck_assert_int_eq(out, 182 * K);
	/* n = 2, p 90: k = 1.9: 100 + 5·0.9 = 104.5 → 104 (half to even) */
	int64_t two[2] = { 105 * K, 100 * K };
	ck_assert_uint_eq(aqstats_o3_8h_90per(two, 2, &out), 2);
	ck_assert_int_eq(out, 104 * K);
	/* n = 2, p 50 of CO 1.0, 1.1: 1.05 → 1.0; of 1.1, 1.2: 1.15 → 1.2 */
	int64_t c2[2] = { D("1.0"), D("1.1") };
	aqstats_percentile(c2, 2, 50, 1, &out);
	ck_assert_int_eq(out, D("1.0"));
	c2[0] = D("1.2");
	aqstats_percentile(c2, 2, 50, 1, &out);
	ck_assert_int_eq(out, D("1.2"));
	/* one value; none; p out of range */
	int64_t one[1] = { 42 * K };
	ck_assert_uint_eq(aqstats_percentile(one, 1, 95, 0, &out), 1);
	ck_assert_int_eq(out, 42 * K);
	int64_t none[1] = { M };
	ck_assert_uint_eq(aqstats_percentile(none, 1, 95, 0, &out), 0);
	ck_assert_int_eq(out, M);
	ck_assert_uint_eq(aqstats_percentile(one, 1, 101, 0, &out), 0);
}
END_TEST

/*
 * 综合指数 by hand: SO2 12/60 = 0.2, NO2 30/40 = 0.75, PM10 80/70 =
 * 1.142857…, PM2.5 45/35 = 1.285714…, CO 1.4/4 = 0.35, O3 160/160 = 1:
 * sum 4.728571… → 4.73. The sum is of exact terms, not of rounded ones.
 */
START_TEST(composite_index_by_hand)
{
	int64_t c[AQI_NIND];
	c[AQI_SO2] = 12 * K;
	c[AQI_NO2] = 30 * K;
	c[AQI_PM10] = 80 * K;
	c[AQI_PM25] = 45 * K;
	c[AQI_CO] = D("1.4");
	c[AQI_O3_1H] = M; /* ignored */
	c[AQI_O3_8H] = 160 * K;
	int64_t out, single[AQI_NIND];
	ck_assert(aqstats_composite_index(c, 2, &out, single));
	ck_assert_int_eq(out, D("4.73"));
	ck_assert_int_eq(single[AQI_SO2], D("0.2"));
	ck_assert_int_eq(single[AQI_NO2], D("0.75"));
	ck_assert_int_eq(single[AQI_PM10], D("1.14"));
	ck_assert_int_eq(single[AQI_PM25], D("1.29"));
	ck_assert_int_eq(single[AQI_CO], D("0.35"));
	ck_assert_int_eq(single[AQI_O3_8H], D("1"));
	ck_assert_int_eq(single[AQI_O3_1H], M);
	ck_assert(aqstats_composite_index(c, 3, &out, NULL));
	ck_assert_int_eq(out, D("4.729")); /* 4.728571 → 4.729 */
	/* half to even on an exact tie: 0.3/60 = 0.005 → 0.00; 0.9/60 =
	 * 0.015 → 0.02 */
	int64_t z[AQI_NIND] = { D("0.3"), 0, 0, 0, M, 0, 0 };
	ck_assert(aqstats_composite_index(z, 2, &out, NULL));
	ck_assert_int_eq(out, 0);
	z[AQI_SO2] = D("0.9");
	ck_assert(aqstats_composite_index(z, 2, &out, NULL));
	ck_assert_int_eq(out, D("0.02"));
	/* a missing pollutant: no index */
	c[AQI_CO] = M;
	ck_assert(!aqstats_composite_index(c, 2, &out, NULL));
	ck_assert_int_eq(out, M);
	ck_assert_int_eq(aqstats_composite_limit(AQI_PM25), 35 * K);
	ck_assert_int_eq(aqstats_composite_limit(AQI_CO), 4 * K);
	ck_assert_int_eq(aqstats_composite_limit(AQI_O3_8H), 160 * K);
}
END_TEST

static struct aqi_result
pm25_day(const char *pm25)
{
	struct aqi_input in;
	struct aqi_result r;
	aqi_input_init(&in);
	if (pm25)
		ck_assert_int_eq(aqi_parse_conc(pm25, strlen(pm25), &in.c[AQI_PM25]),
		    AQI_PARSE_OK);
	ck_assert(aqi_compute(AQI_HJ633_2012, AQI_DAILY, &in, &r));
	return r;
}

/* 优良天数, 重污染天数, exceedance days, ratios. */
START_TEST(day_counts)
{
	/* PM2.5 only (HJ 633-2012): AQI 29, 100, 102, 200, 201, 350, none */
	static const char *const pm[7] = { "20", "75", "76", "150", "151", "300", NULL };
	struct aqstats_days d, dc;
	memset(&d, 0, sizeof d);
	memset(&dc, 0, sizeof dc);
	for (int i = 0; i < 7; i++) {
		struct aqi_result r = pm25_day(pm[i]);
		aqstats_days_add(&d, &r, 0);
		aqstats_days_add(&dc, &r, 1);
	}
	ck_assert_int_eq(d.days, 7);
	ck_assert_int_eq(d.valid, 6);
	ck_assert_int_eq(d.good, 2);
	ck_assert_int_eq(d.heavy, 2);
	for (int i = 0; i < 6; i++)
		ck_assert_int_eq(d.by_level[i], 1);
	ck_assert_int_eq(d.exceed[AQI_PM25], 4);
	ck_assert_int_eq(d.exceed[AQI_PM10], 0);
	ck_assert_int_eq(d.primary[AQI_PM25], 5);
	/* incomplete days are not valid when completeness is required */
	ck_assert_int_eq(dc.days, 7);
	ck_assert_int_eq(dc.valid, 0);
	ck_assert_int_eq(dc.good, 0);

	int64_t p;
	ck_assert(aqstats_percent(d.good, d.valid, 1, &p));
	ck_assert_int_eq(p, D("33.3"));
	ck_assert(aqstats_percent(300, 365, 1, &p));
	ck_assert_int_eq(p, D("82.2")); /* 82.19… */
	ck_assert(aqstats_percent(1, 8, 0, &p));
	ck_assert_int_eq(p, D("12")); /* 12.5 → 12 */
	ck_assert(aqstats_percent(3, 8, 0, &p));
	ck_assert_int_eq(p, D("38")); /* 37.5 → 38 */
	ck_assert(!aqstats_percent(1, 0, 1, &p));
	ck_assert_int_eq(p, M);
}
END_TEST

START_TEST(year_on_year)
{
	int64_t out;
	ck_assert(aqstats_change_percent(40 * K, 50 * K, 1, &out));
	ck_assert_int_eq(out, D("-20"));
	ck_assert(aqstats_change_percent(33 * K, 30 * K, 1, &out));
	ck_assert_int_eq(out, D("10"));
	ck_assert(aqstats_change_percent(31 * K, 30 * K, 1, &out));
	ck_assert_int_eq(out, D("3.3")); /* 3.33… */
	ck_assert(aqstats_change_percent(29 * K, 30 * K, 1, &out));
	ck_assert_int_eq(out, D("-3.3"));
	ck_assert(aqstats_change_percent(7 * K, 8 * K, 0, &out));
	ck_assert_int_eq(out, D("-12")); /* −12.5 → −12 */
	ck_assert(!aqstats_change_percent(7 * K, 0, 0, &out));
	ck_assert(!aqstats_change_percent(M, 8 * K, 0, &out));
	ck_assert_int_eq(out, M);
	/* ratios in 个百分点: 82.2 % against 80.5 % */
	ck_assert_int_eq(aqstats_change_points(D("82.2"), D("80.5"), 1), D("1.7"));
	ck_assert_int_eq(aqstats_change_points(D("80.5"), D("82.2"), 1), D("-1.7"));
	ck_assert_int_eq(aqstats_change_points(M, D("82.2"), 1), M);
}
END_TEST

/*
 * 年剩余日控制值: target 35, 365 days, 100 days so far summing 4000:
 * (35·365 − 4000)/265 = 8775/265 = 33.113… → 33 (33.1 to 1 decimal).
 */
START_TEST(remaining_control)
{
	int64_t out;
	ck_assert_int_eq(aqstats_remaining_control(35 * K, 365, 4000 * K, 100, 0,
	    &out), AQSTATS_CTRL_OK);
	ck_assert_int_eq(out, 33 * K);
	ck_assert_int_eq(aqstats_remaining_control(35 * K, 365, 4000 * K, 100, 1,
	    &out), AQSTATS_CTRL_OK);
	ck_assert_int_eq(out, D("33.1"));
	/* rounded down, not to nearest: (12775 − 3875)/250 = 35.6 → 35 */
	ck_assert_int_eq(aqstats_remaining_control(35 * K, 365, 3875 * K, 115, 0,
	    &out), AQSTATS_CTRL_OK);
	ck_assert_int_eq(out, 35 * K);
	/* already above what the whole year allows */
	ck_assert_int_eq(aqstats_remaining_control(35 * K, 365, 13000 * K, 300, 0,
	    &out), AQSTATS_CTRL_MISSED);
	ck_assert_int_eq(out, M);
	ck_assert_int_eq(aqstats_remaining_control(35 * K, 365, 10000 * K, 365, 0,
	    &out), AQSTATS_CTRL_NO_DAYS);

	/* 优良 target 82.5 % of 365: ceil(301.125) = 302 days */
	int need, gap;
	aqstats_good_days_needed(D("82.5"), 365, 200, 250, &need, &gap);
	ck_assert_int_eq(need, 102);
	ck_assert_int_eq(gap, -13); /* 115 days remain: 13 to spare */
	aqstats_good_days_needed(D("82.5"), 365, 150, 250, &need, &gap);
	ck_assert_int_eq(need, 152);
	ck_assert_int_eq(gap, 37); /* 距离年目标值差 37 天 */
	aqstats_good_days_needed(D("82.5"), 365, 310, 340, &need, &gap);
	ck_assert_int_eq(need, 0);
}
END_TEST

static Suite *
aqstats_suite(void)
{
	Suite *s = suite_create("aqstats");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, mean_and_area);
	tcase_add_test(tc, daily_mean_validity);
	tcase_add_test(tc, moving_8h_validity);
	tcase_add_test(tc, o3_max8h_validity);
	tcase_add_test(tc, month_year_validity);
	tcase_add_test(tc, percentile_by_hand);
	tcase_add_test(tc, composite_index_by_hand);
	tcase_add_test(tc, day_counts);
	tcase_add_test(tc, year_on_year);
	tcase_add_test(tc, remaining_control);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(aqstats_suite)
