/*
 * compliance.h -- how a plan is doing at the end of a month: each task's
 * deadlines against its reported state (overdue, due soon, completed
 * late), and each target against the year-to-date air quality (met / on
 * track / at risk / missed, with the numbers and the method in words).
 * Pure functions: no I/O, no clock; the "as of" date is always the last
 * day of the evaluated month.
 *
 * DEADLINES
 *  - Only dated deadlines count (struct deadline.date non-empty); a task
 *    with none is "undated" and never overdue.
 *  - Several deadlines: the latest date is the task's deadline (完成时限);
 *    earlier ones are stage deadlines (阶段时限). A ledger reports one
 *    state per task, not per stage, so a passed stage deadline does not
 *    make the task overdue: it is counted (stages_passed) for the reader
 *    to check against the 进展情况 text.
 *  - Done, for deadlines: the month's state is 已完成, or the task has no
 *    report this month and its latest earlier report says 已完成 (a
 *    finished task does not turn overdue because a later ledger is
 *    missing; its month state still shows 未填报). That latest reported
 *    state is `effective`.
 *  - Overdue (逾期): the task's deadline is before the month's last day
 *    and the task is not done -- a task never reported included. The
 *    deadline day itself is in time: a task is overdue from the day after
 *    its deadline. days_overdue = as-of − deadline (at least 1).
 *  - Due soon (即将到期): not done, and some dated deadline (stage or
 *    final) falls on the month's last day or in the 30 days after it
 *    (as-of … as-of + 30); due_soon_date is the earliest. A task due on
 *    the as-of day is due, not yet overdue.
 *  - Completed late (逾期完成): done, and the first month of the unbroken
 *    run of 已完成 months ending with the latest report (a gap month
 *    without a ledger does not break the run) is later than the month of
 *    the deadline: the report for the deadline's month did not say
 *    已完成. (The ledger gives a state per month, not a completion date.)
 *
 * TARGETS. compliance_metric() maps a target's metric text and unit to an
 * air-quality figure by keywords (spaces removed; ASCII case ignored):
 *   rejected first (relative or ranking targets, which need a base year
 *   or other areas): 排名 位次 下降 降低 改善 同比 增长 减少 提升 较
 *                                    → not assessable
 *   优良天数 + 比例/比率/占比 or unit % → 优良天数比例
 *   优良天数 + unit 天                 → 优良天数
 *   重污染/重度及以上/重度以上 + 比例/比率/占比 or unit %
 *                                     → 重污染天数比例
 *   the same + unit 天                 → 重污染天数
 *   综合指数                           → 综合指数
 *   PM2.5 / PM₂.₅ / 细颗粒物          → PM2.5 mean
 *   PM10 / 可吸入颗粒物                → PM10 mean
 *   SO2 / 二氧化硫, NO2 / 二氧化氮      → SO2 / NO2 mean
 *   CO / 一氧化碳                      → CO-95per
 *   O3 / 臭氧                          → O3-8h-90per
 * A concentration needs a concentration unit (微克/立方米, μg/m³, µg/m³,
 * ug/m3; CO 毫克/立方米, mg/m³); otherwise, and for anything else
 * (秸秆综合利用率 …), the target is 无法由监测数据评估 -- listed, never
 * dropped.
 *
 * VERDICTS (year Y = the target's year, or the evaluated year when not
 * stated). Figures are those of 1 January to the as-of date (年累计).
 *  - Target year before the evaluated year: not assessable (目标年份已过).
 *  - Target year after it: the year-to-date value is compared with the
 *    target as an indication: as good or better → on track, else at risk.
 *  - Annual means (PM2.5, PM10, SO2, NO2), upper bound (< or <=):
 *    年剩余日控制值 = (target × (n + R) − S) / R, S the sum of the n valid
 *    daily values so far, R the calendar days left in the year (with no
 *    gap n is the elapsed days and this is (target × 365 − S) / R of the
 *    spec; a missing day is neither counted as past nor as remaining).
 *    Negative → missed. Impossible → missed too: below the area's
 *    cleanest day of the past 365 days (compl_air.min_day), i.e. the
 *    remaining days would have to average less than any single day of
 *    the past year. Else at risk when the control value is below what
 *    the area achieved over the same remaining days last year (that
 *    period's mean; without last year's data, below the year-to-date
 *    mean), else on track. At the year's end (R = 0): met or missed.
 *  - 优良天数比例 ≥ T: needed = ceil(T × (v + R) / 100) − good, over v valid
 *    days so far and R days left (assumed valid); needed − R > 0 →
 *    missed (距离年目标值差 N 天); needed ≤ 0 → met (secured); else at risk
 *    when needed / R is above last year's 优良 ratio over the same
 *    remaining days (without it, above the year-to-date ratio), else on
 *    track. 优良天数 ≥ N days: the same with needed = N − good.
 *  - 重污染天数比例 ≤ T: allowed = floor(T × (v + R) / 100) − heavy; < 0 →
 *    missed; else at risk when last year's same remaining days had more
 *    heavy days than allowed (without them: when the year-to-date rate,
 *    heavy / v, over R days would exceed allowed), else on track; at the
 *    year's end met. "<" (strictly below) allows one day less when
 *    T × (v + R) / 100 is a whole number; ">" for 优良 needs one more. 重污染天数 ≤ N: allowed = N −
 *    heavy.
 *  - CO-95per, O3-8h-90per, 综合指数 (percentiles and indices have no
 *    remaining-day control value): the year-to-date value against the
 *    target: met at the year's end, else on track when within it, at
 *    risk when not.
 *  - Lower bounds on concentrations, upper bounds on 优良 and other
 *    directions the figure does not suggest are compared literally
 *    (year-to-date value against the target), with a note.
 *  - No valid year-to-date figure → 数据不足 (no data).
 */
#ifndef LANTIAN_COMPLIANCE_H
#define LANTIAN_COMPLIANCE_H

#include <stdint.h>

#include "airq.h"
#include "ledger.h"
#include "plan.h"

#define COMPL_DUE_SOON_DAYS 30

/* ---- tasks ---------------------------------------------------------- */

struct compl_task {
	enum ledger_state state;  /* this month's, LEDGER_UNREPORTED */
	enum ledger_state effective; /* the latest reported state up to this
	                                month (see "Done, for deadlines") */
	int percent10;            /* LEDGER_PERCENT_NONE */
	int ongoing;
	int undated;              /* no dated deadline */
	char deadline[11];        /* the task's (latest) deadline, or "" */
	int overdue;
	int days_overdue;         /* as-of − deadline when overdue */
	int due_soon;
	char due_soon_date[11];   /* earliest deadline in the window, or "" */
	int stages_passed;        /* earlier dated deadlines <= as-of */
	int done_late;
	int done_year, done_month; /* first month of the run of 已完成, or 0 */
};

/*
 * Evaluate task t (index ti in history h, which may be NULL: no ledgers)
 * at the end of year/month. The month's cell is that of h when h covers
 * the month, else unreported.
 */
void compliance_task(const struct task *t, const struct ledger_history *h,
    size_t ti, int year, int month, struct compl_task *out);

/* The cell of task ti in year/month: h's, or an unreported cell when h is
 * NULL or does not cover the month. */
struct ledger_cell compliance_cell(const struct ledger_history *h,
    size_t ti, int year, int month);

/* "YYYY-MM-DD" → day index (airq_day_index); 0 on a malformed date. */
int compliance_parse_date(const char *s, int32_t *day);

/* ---- targets -------------------------------------------------------- */

enum compl_metric {
	COMPL_M_NONE,       /* not an air-quality figure */
	COMPL_M_PM25,
	COMPL_M_PM10,
	COMPL_M_SO2,
	COMPL_M_NO2,
	COMPL_M_CO,         /* CO-95per */
	COMPL_M_O3,         /* O3-8h-90per */
	COMPL_M_GOOD_RATIO, /* 优良天数比例 */
	COMPL_M_GOOD_DAYS,
	COMPL_M_HEAVY_RATIO,/* 重污染天数比例 */
	COMPL_M_HEAVY_DAYS,
	COMPL_M_COMPOSITE,  /* 综合指数 */
	COMPL_NMETRIC
};
/* Stable ASCII code ("pm25", "good-ratio", …; "none"). */
const char *compliance_metric_code(enum compl_metric m);
/* Chinese name ("PM2.5平均浓度", "优良天数比例", …; "非监测指标"). */
const char *compliance_metric_name(enum compl_metric m);
/* Map metric text and unit (either may be NULL) to a figure (table above). */
enum compl_metric compliance_metric(const char *metric, const char *unit);
/* Decimals a metric's figures are printed with (CO and ratios 1, 综合指数 2). */
int compliance_metric_decimals(enum compl_metric m);

enum compl_verdict {
	COMPL_MET,            /* 达标 */
	COMPL_ON_TRACK,       /* 进度正常 */
	COMPL_AT_RISK,        /* 有风险 */
	COMPL_MISSED,         /* 未达标 */
	COMPL_NO_DATA,        /* 数据不足: an air figure without valid data */
	COMPL_NOT_ASSESSABLE, /* 无法由监测数据评估 */
	COMPL_NVERDICT
};
const char *compliance_verdict_code(enum compl_verdict v); /* "met", … */
const char *compliance_verdict_name(enum compl_verdict v); /* "达标", … */

/*
 * The air figures a verdict needs, all for the plan's area. Filled by
 * merge.c from airq_period(); tests fill them by hand.
 */
struct compl_air {
	int year, month;          /* evaluated; as-of = the month's last day */
	int have;                 /* any monitoring data for the area */
	struct airq_period ytd;   /* 1 January .. as-of */
	/* Last year, the day after as-of's date .. 31 December (the days
	 * that remain this year, a year earlier). */
	struct airq_period prev_rest;
	int have_prev_rest;
	/* The lowest area daily value of each pollutant over the 365 days
	 * ending at as-of (AQI_SCALE units); 0 or AQI_MISSING: unknown. */
	int64_t min_day[AQI_NIND];
};

struct compl_target {
	enum compl_metric metric;
	enum compl_verdict verdict;
	int target_year;          /* the year the verdict is about */
	int64_t target;           /* AQI_SCALE units (percent, days × SCALE);
	                             AQI_MISSING when unreadable */
	int64_t current;          /* year-to-date figure, AQI_MISSING */
	int64_t control;          /* 年剩余日控制值, AQI_MISSING */
	int64_t reference;        /* what the control value / needed rate is
	                             compared with, AQI_MISSING */
	int remaining;            /* calendar days left in the year */
	int needed;               /* 优良 days still to win / heavy days still
	                             allowed; meaningful for day metrics */
	int gap;                  /* needed − remaining (优良) */
	char *method;             /* the method and numbers in Chinese;
	                             caller frees (compliance_target_clear) */
};

/*
 * Evaluate target t against air. out is filled; out->method is always
 * set (for not assessable targets it says why).
 */
void compliance_target(const struct target *t, const struct compl_air *air,
    struct compl_target *out);
void compliance_target_clear(struct compl_target *c);

/* Parse a decimal string ("82.5", "0.3", "35") into AQI_SCALE units.
 * Returns 1, or 0 when it is not a non-negative decimal with at most 4
 * decimals. */
int compliance_parse_value(const char *s, int64_t *out);

#endif
