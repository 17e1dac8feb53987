/*
 * aqi.h -- the air quality index of HJ 633-2012 and HJ 633-2026: IAQI
 * tables, hourly (real-time) and daily AQI, levels, categories, colours,
 * primary and exceeding pollutants, and which standard applies on a date.
 *
 * Pure arithmetic: no I/O, no allocation except where a struct buf is
 * passed in (the caller owns and frees it), no floating point.
 *
 * Concentrations are int64_t fixed-point numbers in 1/AQI_SCALE of the
 * unit (µg/m³; CO mg/m³): "2.2" mg/m³ of CO is 22000. aqi_parse_conc()
 * reads them from decimal strings digit by digit, never via double, so
 * every value written with up to four decimals is exact (the real Beijing
 * data carry four; monitor.h uses the same resolution). The IAQI is
 *   IAQI = ceil((Ih − Il)·(C − BPl)/(BPh − BPl) + Il)
 * computed with integer division on these exact values: CO 2.2 mg/m³ gives
 * exactly 55 (a naive double gives 55.000000000000007 and ceil() 56).
 */
#ifndef LANTIAN_AQI_H
#define LANTIAN_AQI_H

#include <stdint.h>

#include "buf.h"

#define AQI_DECIMALS 4          /* decimals the fixed point holds */
#define AQI_SCALE 10000         /* fixed-point: 1 µg/m³ = 10000 */
#define AQI_MISSING INT64_MIN   /* a missing concentration */
#define AQI_NONE (-1)           /* a missing IAQI or AQI */

enum aqi_std {
	AQI_HJ633_2012, /* in force until 2026-02-28 */
	AQI_HJ633_2026, /* from 2026-03-01 */
};

enum aqi_kind {
	AQI_HOURLY, /* real-time: 1 h values (PM with the 24 h table) */
	AQI_DAILY,  /* 24 h means, O3 daily max 1 h and max 8 h */
};

/*
 * The indicators, in the order CNEMC lists tied primary pollutants (the
 * order of HJ 633's table: SO2, NO2, PM10, CO, O3, PM2.5).
 */
enum aqi_ind {
	AQI_SO2,
	AQI_NO2,
	AQI_PM10,
	AQI_CO,
	AQI_O3_1H,
	AQI_O3_8H,
	AQI_PM25,
	AQI_NIND
};

/* The concentration-limit tables of HJ 633 (table 1). */
enum aqi_table {
	AQI_T_SO2_24H,
	AQI_T_SO2_1H,
	AQI_T_NO2_24H,
	AQI_T_NO2_1H,
	AQI_T_PM10_24H,
	AQI_T_CO_24H,
	AQI_T_CO_1H,
	AQI_T_O3_1H,
	AQI_T_O3_8H,
	AQI_T_PM25_24H,
	AQI_NTABLE
};

/* aqi_table_iaqi() result for SO2 1 h and O3 8 h above 800 µg/m³, whose
 * tables end there: the caller applies the standard's special rule. */
#define AQI_ABOVE_TABLE (-2)

/*
 * IAQI of concentration c (AQI_SCALE units, >= 0) in table t of standard
 * std, rounded up exactly. Above the top breakpoint of a table that ends
 * at IAQI 500 the IAQI is capped at 500 (implementer's decision: what
 * CNEMC publishes on dust days). SO2 1 h and O3 8 h above 800 return
 * AQI_ABOVE_TABLE. A negative or missing c returns AQI_NONE. No rounding
 * of c here: aqi_compute() rounds for HJ 633-2026.
 */
int aqi_table_iaqi(enum aqi_std std, enum aqi_table t, int64_t c);

/* Breakpoints of table t: *n values in AQI_SCALE units (IAQI 0, 50, 100,
 * 150, 200, 300, 400, 500 in order); static storage. For tests. */
const int64_t *aqi_table_breakpoints(enum aqi_std std, enum aqi_table t,
    int *n);

/* IAQI value at breakpoint column i (0 → 0, ..., 7 → 500). */
int aqi_column_iaqi(int i);

/* Input of aqi_compute(): one concentration per indicator, AQI_MISSING
 * where missing or not measured. */
struct aqi_input {
	int64_t c[AQI_NIND];
	/* Hourly, HJ 633-2012 only: the SO2 24 h mean, whose IAQI replaces
	 * that of an SO2 1 h value above 800 µg/m³. */
	int64_t so2_24h;
};

/* Flags of struct aqi_result. */
enum {
	/* SO2 1 h > 800 under HJ 633-2012 but so2_24h missing: no SO2 IAQI */
	AQI_F_NEED_SO2_24H = 1 << 0,
	/* O3 8 h > 800 under HJ 633-2012 but O3 1 h missing: no O3 8 h IAQI */
	AQI_F_NEED_O3_1H = 1 << 1,
	/* every indicator the kind/standard uses was present */
	AQI_F_COMPLETE = 1 << 2,
};

struct aqi_result {
	int iaqi[AQI_NIND];     /* AQI_NONE: missing or not used */
	int64_t used[AQI_NIND]; /* the concentration the IAQI came from
	                           (rounded under HJ 633-2026) */
	int aqi;                /* AQI_NONE when no indicator is present */
	unsigned primary;       /* bit (1u << ind): 首要污染物, only AQI > 50 */
	unsigned exceeding;     /* bit (1u << ind): 超标污染物, IAQI > 100 */
	unsigned flags;         /* AQI_F_* */
};

/*
 * Which indicators a kind uses under a standard:
 *   hourly: SO2 (1 h table), NO2 (1 h), PM10 (24 h table, 1 h value),
 *           CO (1 h), O3 1 h, PM2.5 (24 h table) -- O3 8 h not used;
 *   daily 2012: SO2, NO2, PM10, CO 24 h, O3 max 1 h, O3 max 8 h, PM2.5;
 *   daily 2026: the same without O3 1 h.
 * Returns a bit mask over enum aqi_ind.
 */
unsigned aqi_indicators(enum aqi_std std, enum aqi_kind kind);

/* The table indicator ind uses for kind; AQI_NTABLE if not used. */
enum aqi_table aqi_table_for(enum aqi_kind kind, enum aqi_ind ind);

/*
 * Compute IAQIs, AQI, primary and exceeding pollutants. Missing
 * indicators get no IAQI and the AQI is the maximum over the others
 * (AQI_F_COMPLETE tells whether all were there). Rules:
 *  - HJ 633-2026 §4.2.2: each concentration is first rounded per GB/T 8170
 *    (round half to even): CO to 1 decimal, the others to integers;
 *  - SO2 1 h > 800: 2012 → IAQI of so2_24h (24 h table); 2026 → 200;
 *  - O3 8 h > 800: 2012 → the O3 1 h IAQI; 2026 → 300;
 *  - HJ 633-2026 range 1–500: a day whose IAQIs are all 0 gets AQI 1
 *    (implementer's decision: the lowest value of the range; 一级 优,
 *    no primary pollutant). HJ 633-2012 keeps 0.
 * Returns 1, or 0 when an input concentration is negative (other than
 * AQI_MISSING), with out->aqi = AQI_NONE.
 */
int aqi_compute(enum aqi_std std, enum aqi_kind kind,
    const struct aqi_input *in, struct aqi_result *out);

/* An input with every concentration missing. */
void aqi_input_init(struct aqi_input *in);

/* Level of an AQI (>= 0): static data; NULL for AQI_NONE. */
struct aqi_level {
	int level;            /* 1..6 */
	int lo, hi;           /* AQI range; hi = INT_MAX for 六级 */
	const char *name;     /* 一级 … 六级 */
	const char *category; /* 优 良 轻度污染 中度污染 重度污染 严重污染 */
	const char *colour;   /* 绿色 黄色 橙色 红色 紫色 褐红色 */
	const char *rgb;      /* "#00E400" … */
};
const struct aqi_level *aqi_level_of(int aqi);

/* 优良天: AQI <= 100; 重污染天 (重度及以上): AQI > 200. */
int aqi_is_good(int aqi);
int aqi_is_heavy(int aqi);

/* Short code of an indicator: so2 no2 pm10 co o3_1h o3_8h pm25. */
const char *aqi_ind_code(enum aqi_ind ind);
/* CNEMC's name: 二氧化硫 二氧化氮 颗粒物(PM10) 一氧化碳 臭氧1小时
 * 臭氧8小时 细颗粒物(PM2.5). */
const char *aqi_ind_name(enum aqi_ind ind);
/* Append the indicators of mask to b in enum order, separated by sep,
 * as codes (names = 0) or CNEMC names (names = 1). */
void aqi_list(unsigned mask, int names, const char *sep, struct buf *b);

/* The standard in force on a date (1 ≤ month ≤ 12). */
enum aqi_std aqi_standard_for_date(int year, int month, int day);
/* From "YYYY-MM-DD…" (a timestamp may follow). Returns 1, or 0 if s does
 * not start with a valid date. */
int aqi_standard_for_datestr(const char *s, enum aqi_std *out);
/* "HJ633-2012" / "HJ633-2026"; also accepts "HJ 633-2012", "2012". */
int aqi_standard_parse(const char *s, enum aqi_std *out);
const char *aqi_standard_name(enum aqi_std std);

/* Result of aqi_parse_conc(). */
enum aqi_parse {
	AQI_PARSE_OK,
	AQI_PARSE_EMPTY,     /* empty or blanks only: missing */
	AQI_PARSE_BAD,       /* not a decimal number */
	AQI_PARSE_NEGATIVE,  /* a valid number below zero */
	AQI_PARSE_PRECISION, /* a non-zero digit after the fourth decimal */
	AQI_PARSE_RANGE,     /* 1e9 or more */
};

/*
 * Parse a decimal concentration, s[0..len), to AQI_SCALE units, exactly:
 * optional blanks, optional sign, digits with an optional '.' and at most
 * four significant decimals (trailing zeros beyond are accepted),
 * optional blanks. No exponents, no "NA". On AQI_PARSE_OK *out is set.
 */
enum aqi_parse aqi_parse_conc(const char *s, size_t len, int64_t *out);
/* Chinese text for a parse result, for diagnostics. */
const char *aqi_parse_message(enum aqi_parse r);

/* Write v (AQI_SCALE units) with `decimals` decimals (0..4; v must
 * already be rounded to them) to b: 22000, 1 → "2.2". AQI_MISSING
 * writes nothing. */
void aqi_format_conc(int64_t v, int decimals, struct buf *b);

/*
 * Round v (AQI_SCALE units) half to even (GB/T 8170) to `decimals`
 * decimals (0..4); the result stays in AQI_SCALE units: 22500, 1 → 22000.
 * AQI_MISSING stays missing.
 */
int64_t aqi_round_half_even(int64_t v, int decimals);
/* num/den (den > 0) rounded half to even to an integer; floor(num/den). */
int64_t aqi_div_half_even(int64_t num, int64_t den);
int64_t aqi_div_floor(int64_t num, int64_t den);

/* Reporting precision of an indicator (HJ 633-2026 §4.2.2, HJ 663):
 * CO 1 decimal, the others 0. */
int aqi_report_decimals(enum aqi_ind ind);

#endif
