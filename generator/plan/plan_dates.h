/*
 * plan_dates.h -- deadlines, periods and start dates in plan text
 * (lantian-plan(5), 时限). Deadlines are normalised to
 * YYYY-MM-DD ("2024年5月底前" -> 2024-05-31, "到2025年" -> 2025-12-31);
 * a year-less "6月底前" takes the year of the nearest preceding explicit
 * date in the same text, else the plan year; "年月底前" (digits missing)
 * is a deadline with no date -- never an invented one. Periods (…至…期间)
 * and start dates (自…起) are kept apart. Document numbers 〔2021〕,
 * edition years (2019年本), baselines (较2022年) are not dates.
 */
#ifndef LANTIAN_PLAN_DATES_H
#define LANTIAN_PLAN_DATES_H

#include <stddef.h>

#include "plan.h"

struct date_found {
	struct deadline *deadlines;
	size_t n_deadlines, cap_deadlines;
	struct period *periods;
	size_t n_periods, cap_periods;
	struct period *starts;
	size_t n_starts, cap_starts;
};

/* Scan text; year-less dates use plan_year when nothing precedes them.
 * Appends to *f (zeroed by the caller). line is stored in each record. */
void dates_scan(const char *text, int plan_year, size_t line, struct date_found *f);

/* Release everything f holds (raw strings a caller took over are set to
 * NULL first) and zero it. */
void dates_found_free(struct date_found *f);

/* Days in a month of a year (Gregorian). */
int dates_month_days(int year, int month);

#endif
