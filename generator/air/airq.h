/*
 * airq.h -- air quality of areas (cities, counties) from hourly station
 * records: station daily values, area daily values and daily AQI, period
 * statistics with 同比, rankings across areas, and a data-quality summary
 * per area and month (GB 3095-2012 §7, HJ 663, HJ 633; rules in
 * lantian-air(7)).
 *
 * Use:
 *   struct airq *aq = airq_new(&opts);      opts may be NULL: defaults
 *   airq_station_add(aq, &info) ...         optional caller station table
 *   airq_add(aq, &rec) for every record     from mon_reader (monitor.h)
 *   airq_finish(aq, qc, dl)                 after the last record
 *   queries: airq_area_*, airq_period, airq_compare, airq_rank,
 *            airq_quality
 *   airq_free(aq)
 *
 * Streaming: records may come from any number of files, stations
 * interleaved (one file per hour) or one file per station; the records of
 * one station must come in time order (the reader guarantees it when all
 * files share one struct mon_qc). Per station only the current natural
 * day's 24 hours are held; a station's day is closed when a record of a
 * later day arrives for it, or at airq_finish(). What is kept grows with
 * days, not hours: one struct airq_sday per station and day, one struct
 * airq_day per area and day.
 *
 * Areas: a station belongs to the area its caller table entry names, else
 * to the area the data name (struct mon_station.area: an area column, or a
 * layout's area.value); a station with neither belongs to no area (its
 * daily values are still kept; airq_finish() warns). Background stations
 * (对照点: a table entry's flag, or "对照点" in the station's name) are
 * kept and shown in the quality summary but excluded from the area's
 * value (HJ 663).
 *
 * Rules, and the implementer's decisions (each an option where it could
 * reasonably differ):
 *  - station 24 h mean (SO2, NO2, PM10, CO, PM2.5): >= 20 hourly values of
 *    the natural day (aqstats_daily_mean); O3 daily max 1 h: also >= 20
 *    hourly values (decision: the standard sets no count for the daily
 *    maximum; the same as a 24 h mean); O3 daily max 8 h: from the hourly
 *    O3, the 17 windows 0-7 ... 16-23 of the natural day, each >= 6 of 8
 *    hours, >= 14 valid windows (aqstats_o3_max8h_day). A published 8 h
 *    column (MON_O3_8H) is not used: it is recomputed from the hours.
 *    Station daily values keep 4 decimals (AQI_SCALE units, rounded half
 *    to even once); nothing is rounded to reporting precision before the
 *    area mean, the period mean or a percentile.
 *  - area daily value of a pollutant: the mean of the station daily values
 *    of its evaluation stations, valid when at least area_min_pct percent
 *    (rounded up, at least 1) of the evaluation stations have a valid
 *    value (decision: HJ 663 gives no count; default 50 %).
 *  - area daily AQI: aqi_compute(daily kind, the standard in force on the
 *    date) on the area values rounded to reporting precision
 *    (aqi_report_decimals: integers, CO 1 decimal -- what a bulletin
 *    prints, so a reader can check it by hand; decision for HJ 633-2012,
 *    which is silent; HJ 633-2026 rounds anyway). The day is a valid AQI
 *    day when every indicator of the standard is present (require_complete,
 *    default 1); only valid days count as 优良, 重污染 or exceedance days.
 *  - period statistics: SO2, NO2, PM10, PM2.5 = mean of the area's daily
 *    means; CO = CO-95per of daily means; O3 = O3-8h-90per of daily max 8 h
 *    (HJ 663 percentile). Each is valid when its count of valid daily
 *    values reaches the period's minimum: a calendar month 27 (February
 *    25), a calendar year 324, any other range (a year to date, a
 *    quarter, a part of a month) ceil(days × 324 / 365) (decision: the
 *    annual proportion, 88.8 %). An invalid statistic is AQI_MISSING
 *    ("无效/数据不足"), never averaged from too few days; its count is kept.
 *    优良 / 重污染 ratios are over valid AQI days and need the same minimum
 *    of valid AQI days. 综合指数 needs all six statistics valid.
 *  - reporting precision: concentrations per aqi_report_decimals() (CO 1
 *    decimal, others integers), 综合指数 and 单项指数 2 decimals, ratios
 *    and 同比 percentages 1 decimal -- each rounded once, half to even.
 *    综合指数 and 同比 are computed from the printed statistics, as the
 *    ranking rules (城市环境空气质量排名技术规定) round the statistics
 *    per GB/T 8170 first; a reader can check them by hand.
 *  - 同比: the same calendar range one year earlier (29 February maps to
 *    28 February); concentrations and 综合指数 as percent change, ratios
 *    in 个百分点, day counts as differences. Missing when either side is
 *    missing or invalid.
 *  - rankings use the printed (rounded) values, so that equal printed
 *    values are 并列: competition ranking (1, 2, 2, 4).
 *
 * Fixed point: every concentration is int64_t in 1/AQI_SCALE µg/m³ (CO
 * mg/m³), AQI_MISSING where missing (aqi.h; MON_SCALE == AQI_SCALE).
 * Percentages too: 82.5 % is 825000.
 *
 * Ownership: struct airq owns every area, station and day it returns
 * (const pointers, valid until airq_free()). airq_rank() and
 * airq_quality() fill caller-owned results freed with airq_rank_free() and
 * airq_quality_free(). Library code: never prints; warnings go to the
 * struct diag_list passed in.
 */
#ifndef LANTIAN_AIRQ_H
#define LANTIAN_AIRQ_H

#include <stddef.h>
#include <stdint.h>

#include "aqi.h"
#include "aqstats.h"
#include "diag.h"
#include "monitor.h"

/* Options; airq_opts_default() sets the documented defaults. */
struct airq_opts {
	int area_min_pct;      /* % of evaluation stations an area day
	                          needs per pollutant (default 50) */
	int require_complete;  /* AQI day valid only with every indicator
	                          (default 1) */
	int round_before_iaqi; /* round area values to reporting precision
	                          before the IAQI (default 1) */
};
void airq_opts_default(struct airq_opts *o);

/* Days: day index = days since 2000-01-01 (negative before). */
int32_t airq_day_index(int year, int month, int day);
void airq_day_civil(int32_t d, int *year, int *month, int *day);

/* A caller's station table entry (strings copied). area or name may be
 * NULL: then the data's value is used. */
struct airq_station_info {
	const char *code;
	const char *name;
	const char *area;
	int background;        /* 1: 对照点, excluded from the area's value */
};

/*
 * One station, one natural day. c[] is indexed by enum aqi_ind:
 * 24 h means of SO2, NO2, PM10, CO, PM2.5; O3 daily max 1 h at AQI_O3_1H;
 * O3 daily max 8 h at AQI_O3_8H; AQI_MISSING where invalid.
 * n[] is how many hourly values the day had (AQI_O3_8H: valid 8 h means
 * of the 17); hours the hours with at least one concentration.
 */
struct airq_sday {
	int64_t c[AQI_NIND];
	uint8_t n[AQI_NIND];
	uint8_t hours;
};

/* An outage: a stretch of >= 24 hours without any concentration. */
struct airq_outage {
	int32_t start;         /* hour index (monitor.h) */
	int32_t hours;
};

struct airq_station {
	char *code;
	char *name;            /* may be NULL */
	char *area;            /* may be NULL: no area */
	int background;
	const struct mon_station *mon; /* the reader's summary, valid while
	                                  its struct mon_qc lives; NULL if the
	                                  station never appeared in the data */
	/* Copied from mon at airq_finish(), for the whole data set read:
	 * rows naming the station, delivered rows, rejections by reason. */
	uint64_t rows, records;
	uint64_t rows_rejected[MON_ROW_NREASON];
	uint64_t cells_rejected[MON_NFIELD][MON_CELL_NREASON];
	int32_t first;         /* day index of days[0] */
	size_t ndays;
	struct airq_sday *days;
	struct airq_outage *outages; /* in time order */
	size_t noutages;
};

/* One area, one natural day. */
struct airq_day {
	int32_t day;           /* day index */
	enum aqi_std std;      /* standard in force on the date */
	int64_t c[AQI_NIND];   /* area mean (4 decimals), AQI_MISSING when
	                          too few stations */
	int nst[AQI_NIND];     /* evaluation stations with a valid value */
	struct aqi_result r;   /* daily AQI; r.aqi == AQI_NONE when none */
	int valid;             /* a valid AQI day (see require_complete) */
};

struct airq_area {
	char *name;
	struct airq_station **st; /* evaluation stations, then background
	                             ones, each group sorted by code */
	size_t nst;            /* all */
	size_t neval;          /* evaluation stations: st[0..neval) */
	int need;              /* stations an area day needs per pollutant */
	int32_t first;         /* day index of days[0] */
	size_t ndays;
	struct airq_day *days;
};

struct airq;

/* New, empty; opts NULL = defaults. Free with airq_free(). */
struct airq *airq_new(const struct airq_opts *opts);
void airq_free(struct airq *aq);

/*
 * Add (or complete) a caller station table entry, before the station's
 * first record. Returns 1, or 0 when the code is empty or its records
 * have already been seen.
 */
int airq_station_add(struct airq *aq, const struct airq_station_info *si);

/*
 * Feed one record. Returns 1 when used; 0 when refused: after
 * airq_finish(), or a record earlier than the station's current day
 * (counted in airq_late_records()). A second record for an hour already
 * held is ignored (the first wins, as in the reader).
 */
int airq_add(struct airq *aq, const struct mon_record *rec);
/* mon_record_fn adapter: ctx is the struct airq. Always returns 1. */
int airq_record_fn(const struct mon_record *rec, void *ctx);
uint64_t airq_late_records(const struct airq *aq);

/*
 * Close every open day, close outages at the data set's end (qc->last,
 * when qc is not NULL; qc should be mon_qc_finish()ed), group stations
 * into areas and compute the area days. Warnings (a station without an
 * area, an area without evaluation stations) go to dl (may be NULL).
 * Call once; queries need it.
 */
void airq_finish(struct airq *aq, const struct mon_qc *qc,
    struct diag_list *dl);

/* Areas sorted by name (byte order). */
size_t airq_area_count(const struct airq *aq);
const struct airq_area *airq_area_at(const struct airq *aq, size_t i);
const struct airq_area *airq_area_find(const struct airq *aq,
    const char *name);
/* The area's day, or NULL when outside its data. */
const struct airq_day *airq_area_day(const struct airq_area *a, int32_t day);

/* Stations sorted by code. */
size_t airq_station_count(const struct airq *aq);
const struct airq_station *airq_station_at(const struct airq *aq, size_t i);
const struct airq_station *airq_station_find(const struct airq *aq,
    const char *code);
const struct airq_sday *airq_station_day(const struct airq_station *s,
    int32_t day);

/* An inclusive range of days. */
struct airq_range {
	int32_t from, to;
};
struct airq_range airq_range_month(int year, int month);
struct airq_range airq_range_year(int year);
/* 1 January to year-month-day (年累计). */
struct airq_range airq_range_ytd(int year, int month, int day);
struct airq_range airq_range_days(int y1, int m1, int d1, int y2, int m2,
    int d2);
/* The same calendar range a year earlier (29 Feb -> 28 Feb). */
struct airq_range airq_range_prev_year(struct airq_range r);
/* Valid daily values a statistic over r needs (see the rules above). */
int airq_range_min_days(struct airq_range r);

/* Statistics of one area over a range. */
struct airq_period {
	struct airq_range range;
	int days;              /* calendar days in the range */
	int min_days;          /* airq_range_min_days() */
	int days_data;         /* days with any area value or AQI */
	/* c[]: SO2, NO2, PM10, PM2.5 means; CO-95per at AQI_CO; O3-8h-90per
	 * at AQI_O3_8H; AQI_O3_1H unused (AQI_MISSING). Rounded to reporting
	 * precision; AQI_MISSING when invalid. */
	int64_t c[AQI_NIND];
	int nvalid[AQI_NIND];  /* valid daily values */
	int64_t sum[AQI_NIND]; /* exact sum of those daily values (for
	                          aqstats_remaining_control) */
	struct aqstats_days d; /* day counts (area days with data) */
	int64_t good_pct;      /* 优良天数比例, 1 decimal; AQI_MISSING */
	int64_t heavy_pct;     /* 重污染天数比例, 1 decimal; AQI_MISSING */
	int64_t composite;     /* 综合指数, 2 decimals; AQI_MISSING */
	int64_t single[AQI_NIND]; /* 单项指数, 2 decimals */
	int valid;             /* every statistic and the day count valid */
};

/* Compute p for area a over r (days outside the data count as missing). */
void airq_period(const struct airq *aq, const struct airq_area *a,
    struct airq_range r, struct airq_period *p);

/* 同比: a period and the same period a year earlier. */
struct airq_compare {
	struct airq_period cur, prev;
	int have_prev;         /* the area has a value on some day of the
	                          earlier range */
	int64_t change[AQI_NIND]; /* percent change, 1 decimal; AQI_MISSING */
	int64_t composite_change; /* percent, 1 decimal; AQI_MISSING */
	int64_t good_points;   /* 个百分点, 1 decimal; AQI_MISSING */
	int64_t heavy_points;
	int good_diff, heavy_diff, valid_diff; /* days, cur − prev */
	int exceed_diff[AQI_NIND];
};
void airq_compare(const struct airq *aq, const struct airq_area *a,
    struct airq_range r, struct airq_compare *c);

/* What a ranking orders by. */
enum airq_rank_by {
	AIRQ_RANK_COMPOSITE,    /* 综合指数, ascending */
	AIRQ_RANK_PM25,         /* PM2.5 mean, ascending */
	AIRQ_RANK_GOOD,         /* 优良天数比例 descending, then PM2.5 asc. */
	AIRQ_RANK_IMPROVE,      /* 综合指数 同比 percent, ascending */
	AIRQ_RANK_IMPROVE_PM25, /* PM2.5 同比 percent, ascending */
};

struct airq_rank_row {
	const char *area;      /* owned by the struct airq (or the caller,
	                          for airq_rank_rows) */
	int64_t key, key2;     /* printed values; key2 only for the tie-break */
	int rank;              /* 1-based; 0 = not ranked (key missing) */
	int tied;              /* 1 when another row shares the rank (并列) */
};

struct airq_ranking {
	enum airq_rank_by by;
	struct airq_rank_row *rows; /* ranked rows in rank order, then
	                               unranked ones by area name */
	size_t n;
	size_t nranked;        /* "共 N 个" */
};

/*
 * Rank every area (or only those named in areas[0..nareas), when areas is
 * not NULL) over range r. Free with airq_rank_free().
 */
void airq_rank(const struct airq *aq, struct airq_range r,
    enum airq_rank_by by, const char *const *areas, size_t nareas,
    struct airq_ranking *out);
/*
 * Rank rows[0..n) in place by key (descending when higher_better), then
 * key2 ascending when use_key2; AQI_MISSING keys are not ranked. Sorts
 * the rows; ties on every key share a rank. Returns the ranked count.
 */
size_t airq_rank_rows(struct airq_rank_row *rows, size_t n,
    int higher_better, int use_key2);
void airq_rank_free(struct airq_ranking *rk);

/* Data-quality summary (数据质量说明) of one station over one month. */
struct airq_quality_station {
	const struct airq_station *st;
	int hours;             /* hours in the month */
	int hours_data;        /* hours with at least one concentration */
	int hours_valid[AQI_NIND]; /* hourly values (AQI_O3_8H: valid 8 h
	                              means) */
	int days_valid[AQI_NIND];
	int days_short[AQI_NIND];  /* some values, too few (< 20 h, < 14
	                              8 h means): 无效/数据不足 */
	int days_none[AQI_NIND];   /* no value at all */
	int outages;           /* outages overlapping the month */
	int32_t longest_outage;       /* hours (whole outage) */
	int32_t longest_outage_start; /* MON_HOUR_NONE when none */
};

struct airq_quality {
	const struct airq_area *area;
	int year, month, days;
	struct airq_quality_station *st; /* as area->st */
	size_t n;
	int area_days_valid[AQI_NIND];   /* area days with a value */
	int area_days_few[AQI_NIND];     /* days with some but too few
	                                    stations */
	int aqi_days_valid;              /* valid AQI days */
	/* Reader rejections summed over the area's stations, for the whole
	 * data set read (the reader does not split them by month). */
	uint64_t rows_rejected[MON_ROW_NREASON];
	uint64_t cells_rejected[MON_NFIELD][MON_CELL_NREASON];
};

/* Fill q for area a and the month; free with airq_quality_free(). */
void airq_quality(const struct airq *aq, const struct airq_area *a,
    int year, int month, struct airq_quality *q);
void airq_quality_free(struct airq_quality *q);
/*
 * Append the summary as Chinese text (数据质量说明) to out: the area's
 * valid days per pollutant, then per station the hours with data, the
 * days without a valid value and why (数据不足 / 无数据), outages, and the
 * reader's rejections. Deterministic.
 */
void airq_quality_write_text(const struct airq_quality *q, struct buf *out);

#endif
