/*
 * aqstats.h -- period statistics of air quality (GB 3095-2012 §7, HJ 663):
 * data validity (24 h, 8 h, O3 daily max 8 h, month, year), the HJ 663
 * percentile, CO-95per and O3-8h-90per, 优良 / 重污染 / exceedance day
 * counts, 综合指数, 同比 and the 年剩余日控制值 of county bulletins.
 *
 * Pure arithmetic: no I/O. Values are fixed-point int64_t in 1/AQI_SCALE
 * units of µg/m³ (CO: mg/m³), AQI_MISSING where missing (aqi.h).
 * Percentages are fixed-point too: 82.5 % is 825000.
 *
 * Rounding: every mean, percentile and ratio is computed exactly from
 * integer sums and rounded once, half to even (GB/T 8170), to the
 * `decimals` the caller asks for (0..4; the result stays in AQI_SCALE
 * units). Reporting precision (aqi_report_decimals()) is CO 1 decimal,
 * the others integers. Rounding only once avoids the double-rounding
 * error of rounding a rounded mean again.
 *
 * Functions that take an array never keep or free it. Nothing here
 * returns memory the caller must free.
 */
#ifndef LANTIAN_AQSTATS_H
#define LANTIAN_AQSTATS_H

#include <stddef.h>
#include <stdint.h>

#include "aqi.h"

#define AQSTATS_DAY_MIN_HOURS 20   /* 24 h mean: valid hourly values */
#define AQSTATS_8H_MIN_HOURS 6     /* 8 h moving mean: values of 8 */
#define AQSTATS_O3_MIN_8H 14       /* O3 daily max 8 h: valid 8 h means */
#define AQSTATS_MONTH_MIN_DAYS 27  /* monthly mean: valid days */
#define AQSTATS_FEB_MIN_DAYS 25    /* monthly mean in February */
#define AQSTATS_YEAR_MIN_DAYS 324  /* annual mean: valid days */

/*
 * Mean of the non-missing values among v[0..n), rounded to decimals.
 * Returns how many values it used; with none, *out = AQI_MISSING.
 * Also the area's value over its evaluation stations (HJ 663 §5).
 */
size_t aqstats_mean(const int64_t *v, size_t n, int decimals, int64_t *out);

/*
 * 24 h mean of one natural day's hourly values (hours 0–23, n = 24).
 * Returns 1 when at least AQSTATS_DAY_MIN_HOURS values are present, else
 * 0 with *out = AQI_MISSING ("无效/数据不足"). *nvalid (may be NULL) gets
 * the count of present values.
 */
int aqstats_daily_mean(const int64_t *hourly, size_t n, int decimals,
    int64_t *out, int *nvalid);

/*
 * 8 h moving means of a continuous hourly series: out[i] is the mean of
 * hourly[i−7..i] when at least AQSTATS_8H_MIN_HOURS of those 8 are
 * present, else AQI_MISSING; out[0..6] (incomplete windows at the start
 * of the series) are AQI_MISSING. out has n elements.
 */
void aqstats_moving_8h(const int64_t *hourly, size_t n, int decimals,
    int64_t *out);

/*
 * O3 daily maximum 8 h mean from 8 h means of one day (any count):
 * returns 1 and the maximum when at least AQSTATS_O3_MIN_8H of them are
 * valid, else 0 with *out = AQI_MISSING. *nvalid may be NULL.
 */
int aqstats_o3_max8h(const int64_t *means8h, size_t n, int64_t *out,
    int *nvalid);

/*
 * The same from the day's 24 hourly O3 values: the 8 h means are those of
 * the natural day (HJ 663: 8 时至 24 时), the 17 windows hours 0–7 …
 * 16–23 -- which is why CNEMC's o3_8h is empty before 08:00. Each mean is
 * rounded to decimals before the maximum (equivalent: rounding is
 * monotonic).
 */
int aqstats_o3_max8h_day(const int64_t hourly[24], int decimals,
    int64_t *out, int *nvalid);

int aqstats_is_leap(int year);
int aqstats_days_in_year(int year);
int aqstats_days_in_month(int year, int month);
/* Valid days a monthly mean needs: 27, February 25. */
int aqstats_month_min_days(int month);
/* 1 when a month with valid_days valid daily values has a valid mean. */
int aqstats_month_valid(int month, int valid_days);
/* 1 when valid_days >= 324. */
int aqstats_year_valid(int valid_days);

/*
 * Percentile p (0..100) of the non-missing values among v[0..n), by HJ
 * 663: sort ascending X1..Xn, k = 1 + (n − 1)·p/100, s = floor(k),
 * m = X_s + (X_{s+1} − X_s)·(k − s); exact, then rounded to decimals.
 * v is not modified (a sorted copy is made and freed). Returns the count
 * of values used; with none, or p outside 0..100, *out = AQI_MISSING and
 * the return is 0.
 */
size_t aqstats_percentile(const int64_t *v, size_t n, int p, int decimals,
    int64_t *out);
/* CO-95per of daily CO means (mg/m³), to 1 decimal. */
size_t aqstats_co_95per(const int64_t *daily, size_t n, int64_t *out);
/* O3-8h-90per of daily max 8 h means, to an integer. */
size_t aqstats_o3_8h_90per(const int64_t *daily, size_t n, int64_t *out);

/* Counts of days over a period, from each day's struct aqi_result. */
struct aqstats_days {
	int days;               /* days added */
	int valid;              /* days with an AQI (see aqstats_days_add) */
	int good;               /* 优良: AQI <= 100 */
	int heavy;              /* 重污染 (重度及以上): AQI > 200 */
	int by_level[6];        /* 一级 … 六级 */
	int exceed[AQI_NIND];   /* 超标天数: valid days with IAQI > 100 */
	int primary[AQI_NIND];  /* valid days as a primary pollutant */
};

/*
 * Add one day. The day counts as valid when it has an AQI and, if
 * require_complete, every indicator of the standard was present
 * (AQI_F_COMPLETE); only valid days count as 优良, 重污染 or exceedance.
 * Zero the struct before the first call.
 */
void aqstats_days_add(struct aqstats_days *d, const struct aqi_result *r,
    int require_complete);

/*
 * num/den as a percentage, AQI_SCALE units, rounded to decimals: 优良天数
 * 比例 = good/valid, 重污染天数比例 = heavy/valid. Returns 0 when den <= 0
 * or num < 0 (*out = AQI_MISSING).
 */
int aqstats_percent(long num, long den, int decimals, int64_t *out);

/*
 * 综合指数 = Σ C_i / S_i over SO2 (S 60), NO2 (40), PM10 (70), PM2.5 (35)
 * period means in µg/m³, CO-95per (S 4 mg/m³) and O3-8h-90per (S 160):
 * c[] is indexed by enum aqi_ind with O3 at AQI_O3_8H (c[AQI_O3_1H] is
 * ignored). The sum is exact and rounded once to decimals (bulletins
 * print 2). single (may be NULL) gets each 单项指数 C_i/S_i rounded to
 * decimals (AQI_MISSING at AQI_O3_1H). Returns 0 when a concentration is
 * missing or negative (*out = AQI_MISSING).
 */
int aqstats_composite_index(const int64_t c[AQI_NIND], int decimals,
    int64_t *out, int64_t single[AQI_NIND]);
/* The S of indicator ind in AQI_SCALE units; 0 for AQI_O3_1H. */
int64_t aqstats_composite_limit(enum aqi_ind ind);

/*
 * 同比 of a concentration or index: (cur − prev)/prev × 100 in percent,
 * AQI_SCALE units, rounded to decimals (−12.5 % is −125000). Returns 0
 * when either is missing or prev <= 0, or on overflow.
 */
int aqstats_change_percent(int64_t cur, int64_t prev, int decimals,
    int64_t *out);
/* 同比 of a ratio in 个百分点: cur_pct − prev_pct, both percentages
 * (AQI_SCALE units), rounded to decimals; AQI_MISSING if either is. */
int64_t aqstats_change_points(int64_t cur_pct, int64_t prev_pct,
    int decimals);

/* Result of aqstats_remaining_control(). */
enum aqstats_control {
	AQSTATS_CTRL_OK,      /* *out is the control value */
	AQSTATS_CTRL_MISSED,  /* the value would be below zero: target missed */
	AQSTATS_CTRL_NO_DAYS, /* no day remains (or bad day counts) */
};

/*
 * 年剩余日控制值: the mean the remaining days of the year may not exceed
 * for the annual mean target to be met,
 *   (target × days_in_year − sum_so_far) / (days_in_year − days_so_far),
 * where sum_so_far is the sum of the daily values of the days_so_far days
 * (AQI_SCALE units). Rounded DOWN to decimals (implementer's decision:
 * it is a ceiling, so a remaining mean at the printed value still meets
 * the target). On MISSED and NO_DAYS, *out = AQI_MISSING.
 */
enum aqstats_control aqstats_remaining_control(int64_t target,
    int days_in_year, int64_t sum_so_far, int days_so_far, int decimals,
    int64_t *out);

/*
 * 优良天数 target (percent, AQI_SCALE units, e.g. 825000) over a year of
 * days_in_year days, with good_so_far 优良 days in days_so_far days:
 * *needed = ceil(target × days_in_year / 100) − good_so_far (>= 0), the
 * 优良 days still to be won; *gap = *needed − remaining days: > 0 means
 * the target can no longer be met (距离年目标值差 *gap 天).
 * The ratio is taken over calendar days (implementer's decision: the
 * valid-day count of the rest of the year is unknown in advance).
 */
void aqstats_good_days_needed(int64_t target_pct, int days_in_year,
    int good_so_far, int days_so_far, int *needed, int *gap);

#endif
