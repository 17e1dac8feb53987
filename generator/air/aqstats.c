/*
 * aqstats.c -- period statistics of air quality, exact integer arithmetic
 * with one rounding per published value (see aqstats.h).
 */
#include "aqstats.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* 10^(3 − decimals): the AQI_SCALE step of the last kept decimal. */
static int64_t
step_of(int decimals)
{
	int64_t step = 1;
	for (int i = decimals < 0 ? 0 : decimals; i < AQI_DECIMALS; i++)
		step *= 10;
	return step;
}

/* The AQI_SCALE value num/den rounded half-even to decimals. */
static int64_t
ratio_round(int64_t num, int64_t den, int decimals)
{
	int64_t step = step_of(decimals);
	return aqi_div_half_even(num, den * step) * step;
}

size_t
aqstats_mean(const int64_t *v, size_t n, int decimals, int64_t *out)
{
	int64_t sum = 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == AQI_MISSING)
			continue;
		sum += v[i];
		k++;
	}
	*out = k ? ratio_round(sum, (int64_t)k, decimals) : AQI_MISSING;
	return k;
}

int
aqstats_daily_mean(const int64_t *hourly, size_t n, int decimals,
    int64_t *out, int *nvalid)
{
	size_t k = aqstats_mean(hourly, n, decimals, out);
	if (nvalid)
		*nvalid = (int)k;
	if (k < AQSTATS_DAY_MIN_HOURS) {
		*out = AQI_MISSING;
		return 0;
	}
	return 1;
}

/* Mean of the 8 values from w when at least 6 are present. */
static int64_t
window_8h(const int64_t *w, int decimals)
{
	int64_t m;
	if (aqstats_mean(w, 8, decimals, &m) < AQSTATS_8H_MIN_HOURS)
		return AQI_MISSING;
	return m;
}

void
aqstats_moving_8h(const int64_t *hourly, size_t n, int decimals,
    int64_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = i < 7 ? AQI_MISSING : window_8h(hourly + i - 7, decimals);
}

int
aqstats_o3_max8h(const int64_t *means8h, size_t n, int64_t *out,
    int *nvalid)
{
	int k = 0;
	int64_t max = AQI_MISSING;
	for (size_t i = 0; i < n; i++) {
		if (means8h[i] == AQI_MISSING)
			continue;
		k++;
		if (max == AQI_MISSING || means8h[i] > max)
			max = means8h[i];
	}
	if (nvalid)
		*nvalid = k;
	*out = k >= AQSTATS_O3_MIN_8H ? max : AQI_MISSING;
	return k >= AQSTATS_O3_MIN_8H;
}

int
aqstats_o3_max8h_day(const int64_t hourly[24], int decimals, int64_t *out,
    int *nvalid)
{
	int64_t means[17];
	for (int s = 0; s < 17; s++)
		means[s] = window_8h(hourly + s, decimals);
	return aqstats_o3_max8h(means, 17, out, nvalid);
}

int
aqstats_is_leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int
aqstats_days_in_year(int year)
{
	return aqstats_is_leap(year) ? 366 : 365;
}

int
aqstats_days_in_month(int year, int month)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month < 1 || month > 12)
		return 0;
	return md[month - 1] + (month == 2 && aqstats_is_leap(year));
}

int
aqstats_month_min_days(int month)
{
	return month == 2 ? AQSTATS_FEB_MIN_DAYS : AQSTATS_MONTH_MIN_DAYS;
}

int
aqstats_month_valid(int month, int valid_days)
{
	return valid_days >= aqstats_month_min_days(month);
}

int
aqstats_year_valid(int valid_days)
{
	return valid_days >= AQSTATS_YEAR_MIN_DAYS;
}

static int
cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

size_t
aqstats_percentile(const int64_t *v, size_t n, int p, int decimals,
    int64_t *out)
{
	*out = AQI_MISSING;
	if (p < 0 || p > 100 || n == 0)
		return 0;
	int64_t *x = xmalloc(n * sizeof *x);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (v[i] != AQI_MISSING)
			x[k++] = v[i];
	if (k == 0) {
		free(x);
		return 0;
	}
	qsort(x, k, sizeof *x, cmp_i64);
	/* k_hj = 1 + (k − 1)·p/100 = 1 + q + r/100 with 0 <= r < 100, so
	 * s = 1 + q (1-based) and the fraction is r/100. */
	size_t q = (k - 1) * (size_t)p / 100;
	int64_t r = (int64_t)((k - 1) * (size_t)p % 100);
	int64_t num = x[q] * 100;
	if (r)
		num += (x[q + 1] - x[q]) * r;
	*out = ratio_round(num, 100, decimals);
	free(x);
	return k;
}

size_t
aqstats_co_95per(const int64_t *daily, size_t n, int64_t *out)
{
	return aqstats_percentile(daily, n, 95, aqi_report_decimals(AQI_CO), out);
}

size_t
aqstats_o3_8h_90per(const int64_t *daily, size_t n, int64_t *out)
{
	return aqstats_percentile(daily, n, 90, aqi_report_decimals(AQI_O3_8H),
	    out);
}

void
aqstats_days_add(struct aqstats_days *d, const struct aqi_result *r,
    int require_complete)
{
	d->days++;
	if (r->aqi == AQI_NONE)
		return;
	if (require_complete && !(r->flags & AQI_F_COMPLETE))
		return;
	d->valid++;
	if (aqi_is_good(r->aqi))
		d->good++;
	if (aqi_is_heavy(r->aqi))
		d->heavy++;
	const struct aqi_level *lv = aqi_level_of(r->aqi);
	if (lv)
		d->by_level[lv->level - 1]++;
	for (int i = 0; i < AQI_NIND; i++) {
		if (r->exceeding & (1u << i))
			d->exceed[i]++;
		if (r->primary & (1u << i))
			d->primary[i]++;
	}
}

int
aqstats_percent(long num, long den, int decimals, int64_t *out)
{
	if (den <= 0 || num < 0) {
		*out = AQI_MISSING;
		return 0;
	}
	*out = ratio_round((int64_t)num * 100 * AQI_SCALE, den, decimals);
	return 1;
}

/* S of 综合指数 in whole units; LCM 3360 makes every C/S a multiple of
 * 1/3360 so the sum is exact. */
static const int ci_limit[AQI_NIND] = {
	[AQI_SO2] = 60, [AQI_NO2] = 40, [AQI_PM10] = 70, [AQI_CO] = 4,
	[AQI_O3_1H] = 0, [AQI_O3_8H] = 160, [AQI_PM25] = 35,
};
#define CI_LCM 3360

int64_t
aqstats_composite_limit(enum aqi_ind ind)
{
	if ((int)ind < 0 || ind >= AQI_NIND)
		return 0;
	return (int64_t)ci_limit[ind] * AQI_SCALE;
}

int
aqstats_composite_index(const int64_t c[AQI_NIND], int decimals,
    int64_t *out, int64_t single[AQI_NIND])
{
	int64_t sum = 0;
	int ok = 1;
	for (int i = 0; i < AQI_NIND; i++) {
		if (single)
			single[i] = AQI_MISSING;
		if (!ci_limit[i])
			continue;
		if (c[i] == AQI_MISSING || c[i] < 0) {
			ok = 0;
			continue;
		}
		/* C/S in AQI_SCALE units = c/S; over the common denominator
		 * CI_LCM it is c·(CI_LCM/S). */
		sum += c[i] * (CI_LCM / ci_limit[i]);
		if (single)
			single[i] = ratio_round(c[i], ci_limit[i], decimals);
	}
	*out = ok ? ratio_round(sum, CI_LCM, decimals) : AQI_MISSING;
	return ok;
}

int
aqstats_change_percent(int64_t cur, int64_t prev, int decimals,
    int64_t *out)
{
	int64_t num;
	*out = AQI_MISSING;
	if (cur == AQI_MISSING || prev == AQI_MISSING || prev <= 0)
		return 0;
	if (__builtin_mul_overflow(cur - prev, (int64_t)100 * AQI_SCALE, &num))
		return 0;
	*out = ratio_round(num, prev, decimals);
	return 1;
}

int64_t
aqstats_change_points(int64_t cur_pct, int64_t prev_pct, int decimals)
{
	if (cur_pct == AQI_MISSING || prev_pct == AQI_MISSING)
		return AQI_MISSING;
	return ratio_round(cur_pct - prev_pct, 1, decimals);
}

enum aqstats_control
aqstats_remaining_control(int64_t target, int days_in_year,
    int64_t sum_so_far, int days_so_far, int decimals, int64_t *out)
{
	*out = AQI_MISSING;
	int rest = days_in_year - days_so_far;
	if (days_so_far < 0 || rest <= 0 || target == AQI_MISSING ||
	    sum_so_far == AQI_MISSING)
		return AQSTATS_CTRL_NO_DAYS;
	int64_t left = target * days_in_year - sum_so_far;
	if (left < 0)
		return AQSTATS_CTRL_MISSED;
	int64_t step = step_of(decimals);
	*out = aqi_div_floor(left, (int64_t)rest * step) * step;
	return AQSTATS_CTRL_OK;
}

void
aqstats_good_days_needed(int64_t target_pct, int days_in_year,
    int good_so_far, int days_so_far, int *needed, int *gap)
{
	/* ceil(target_pct/(100·AQI_SCALE) × days_in_year) */
	int64_t den = (int64_t)100 * AQI_SCALE;
	int64_t num = target_pct * days_in_year;
	int64_t total = num <= 0 ? 0 : (num + den - 1) / den;
	int64_t need = total - good_so_far;
	if (need < 0)
		need = 0;
	*needed = (int)need;
	*gap = (int)need - (days_in_year - days_so_far);
}
