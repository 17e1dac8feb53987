/*
 * merge.h -- the merged model of one plan and one month: what the plan's
 * tasks required and what the units reported (status ledgers), how the air
 * of the plan's area really was (monitoring data), and how both compare
 * with the plan's targets (compliance.h). Every bulletin and page of a
 * month is built from this one model; merge_xml.h writes it as XML
 * (output/merged/<plan-id>/<YYYY-MM>.xml).
 *
 * merge_build() is a pure function of its inputs: no I/O, no clock. The
 * "as of" date is the last day of the month, never today.
 *
 * Ownership: merge_build() returns a struct merged that owns every string
 * and array in it (copies: the plan, ledgers and airq passed in may be
 * freed right after the call); release it with merged_free().
 */
#ifndef LANTIAN_MERGE_H
#define LANTIAN_MERGE_H

#include <stddef.h>
#include <stdint.h>

#include "airq.h"
#include "compliance.h"
#include "diag.h"
#include "ledger.h"
#include "plan.h"
#include "plan_meta.h"

/* Provenance labels: every output built from a flagged model prints them. */
#define MERGE_LABEL_SIMULATED "模拟数据，仅供演示"
#define MERGE_LABEL_SAMPLE "示例数据"
/* "监测数据：" + area label + "国控站点" */
#define MERGE_LABEL_STATIONS_FMT "监测数据：%s国控站点"

/* A month of the task history (the months from the first ledger, or from
 * this month when there are none before it, up to this month). */
struct merged_month {
	int year, month;
	int present;             /* a ledger file exists for the month */
	int sample;              /* that ledger is sample data */
};

/* One unit's report on a task in a month (a ledger row). */
struct merged_report {
	char *unit;              /* 填报单位 as written */
	enum ledger_state state;
	char *state_raw;
	int ongoing;
	int percent10;           /* tenths of a percent, LEDGER_PERCENT_NONE */
	char date[11];           /* 填报日期, "" when none */
	char *text;              /* 进展情况, "" when none */
	char *note;              /* 备注, "" when none */
};

/* A unit named by a task, by role. */
enum merged_role {
	MERGE_ROLE_LEAD,
	MERGE_ROLE_COOPERATING,
	MERGE_ROLE_RESPONSIBLE,
	MERGE_ROLE_PARTICIPATING,
	MERGE_NROLE
};
/* "lead", "cooperating", "responsible", "participating". */
const char *merged_role_code(enum merged_role r);

struct merged_task_unit {
	char *name;              /* as printed in the plan */
	char *id;                /* unit registry id (units.h) */
	enum merged_role role;
	int inherited;           /* from the plan's inherited responsibility */
};

struct merged_task {
	size_t index;            /* into plan->tasks */
	char *number;
	char *title;
	int section;             /* index into the plan's sections */
	struct merged_task_unit *units;
	size_t n_units;
	struct deadline *deadlines; /* copies of the task's deadlines */
	size_t n_deadlines;
	/* history[i] is the task in months[i] of struct merged. */
	struct ledger_cell *history;
	/* This month: state (LEDGER_UNREPORTED when no report), percent,
	 * deadline verdicts. */
	struct compl_task c;
	/* The reports of the latest month <= this month that has any
	 * (latest_year/latest_month 0 and n_reports 0 when none), in file
	 * order. */
	int latest_year, latest_month;
	struct merged_report *reports;
	size_t n_reports;
};

/* A unit of the registry named by the plan, with its tasks' state. */
struct merged_unit {
	char *id;
	char *name;              /* canonical name (units.h) */
	int tasks;               /* tasks naming the unit in any role */
	int by_role[MERGE_NROLE];
	int by_state[LEDGER_NSTATE]; /* this month's state of those tasks */
	int overdue, due_soon, done_late;
	size_t *task_idx;        /* into merged.tasks, ascending */
	size_t n_task_idx;
};

/* A ranking of the areas in the monitoring data, copied. */
struct merged_rank_row {
	char *area;
	int64_t key, key2;       /* printed values (airq.h) */
	int rank, tied;
};
struct merged_ranking {
	enum airq_rank_by by;
	int ytd;                 /* 0: the month, 1: year to date */
	struct merged_rank_row *rows;
	size_t n, nranked;
	int rank, tied;          /* the plan's area; rank 0 when unranked */
};

/* One day of the month's AQI calendar. */
struct merged_day {
	int day;                 /* 1..31 */
	int have;                /* the area has a value that day */
	int valid;               /* a valid AQI day */
	int aqi;                 /* AQI_NONE when none */
	unsigned primary;        /* bits (1u << enum aqi_ind) */
	enum aqi_std std;
	int64_t c[AQI_NIND];     /* area daily values (4 decimals) */
};

/* Data-quality summary of one station over the month (copied). */
struct merged_qstation {
	char *code;
	char *name;              /* may be NULL */
	int background;
	int hours, hours_data;
	int days_valid[AQI_NIND];
	int days_short[AQI_NIND];
	int days_none[AQI_NIND];
	int outages;
	int32_t longest_outage;
	int32_t longest_outage_start; /* hour index, MON_HOUR_NONE */
};

/* Why a model has no air-quality figures, so that a bulletin can print
 * "无监测数据" and the reason (merged_air.none_text, Chinese). */
enum merged_air_none {
	MERGE_AIR_OK = 0,        /* figures present */
	MERGE_AIR_NO_AREA,       /* the plan names no monitoring area */
	MERGE_AIR_NOT_IN_DATA,   /* its area is not in the monitoring data */
	MERGE_AIR_NO_DATA,       /* the area has no data from 1 January to
	                            the month's end */
};
/* "no-area", "area-not-in-data", "no-data-in-period" ("" for OK). */
const char *merged_air_none_code(enum merged_air_none n);

struct merged_air {
	enum merged_air_none none;
	char *none_text;         /* "无监测数据：..." ; NULL when OK */
	int have;                /* monitoring data for the area exist */
	char *area;              /* the area's name in the data */
	struct airq_compare month; /* the month, with 同比 */
	struct airq_compare ytd;   /* 1 January to the month's end, 同比 */
	struct merged_ranking *rankings; /* only when the data hold >= 2 areas */
	size_t n_rankings;
	struct merged_day *days; /* the month's calendar */
	size_t n_days;
	/* quality (airq_quality of the month) */
	struct merged_qstation *qst;
	size_t n_qst;
	int q_area_days_valid[AQI_NIND];
	int q_area_days_few[AQI_NIND];
	int q_aqi_days_valid;
	uint64_t q_rows_rejected[MON_ROW_NREASON];
	uint64_t q_cells_rejected[MON_NFIELD][MON_CELL_NREASON];
};

/* A plan target with its verdict. */
struct merged_target {
	int plan_level;          /* 1: 主要目标; 0: a task's target */
	size_t task;             /* index into merged.tasks when !plan_level */
	char *metric, *op, *value, *value2, *unit, *raw;
	int year;
	size_t line;
	struct compl_target r;   /* metric, verdict, numbers, method */
};

struct merged {
	char *plan_id;
	char *title;             /* may be NULL */
	char *place, *level;     /* may be NULL */
	int year, month;
	char as_of[11];          /* YYYY-MM-DD: the month's last day */

	/* Provenance (each printed by every output built from the model). */
	int simulated_air;       /* MERGE_LABEL_SIMULATED */
	int sample_ledgers;      /* MERGE_LABEL_SAMPLE (the flag passed in,
	                            or any ledger read says 示例数据) */
	int stations_parent;     /* MERGE_LABEL_STATIONS_FMT with area_label */
	char *area_label;        /* may be NULL */

	/* Tasks and ledgers */
	int ledgers_this_month;  /* a ledger for this month exists */
	struct merged_month *months;
	size_t n_months;
	struct merged_task *tasks;  /* in plan order */
	size_t n_tasks;
	int by_state[LEDGER_NSTATE];
	int overdue, due_soon, done_late, undated;
	struct merged_unit *units;  /* sorted by id */
	size_t n_units;

	struct merged_air air;

	struct merged_target *targets; /* plan-level first, then by task */
	size_t n_targets;
};

/*
 * Build the model of plan p for year/month.
 *   meta        may be NULL (plan_id then comes from p->id);
 *   ledgers     the plan's ledgers (ledger_load_dir), any order, n_ledgers
 *               may be 0; ledgers of months after this month are ignored;
 *   aq          finished airq (airq_finish), or NULL: no monitoring data;
 *   area_label  the plan's monitoring area as named in aq ("南阳市"), also
 *               the provenance label; NULL: no area (air.none says so);
 *   stations_are_parent_city  the area is the parent city of a county or
 *               town plan (the "监测数据：…国控站点" label);
 *   simulated_air, sample_ledgers  provenance flags.
 * Notes (an area not in the data, no ledger for the month) go to dl (may
 * be NULL). Never NULL. Free with merged_free().
 */
struct merged *merge_build(const struct plan *p, const struct plan_meta *meta,
    struct ledger *const *ledgers, size_t n_ledgers, const struct airq *aq,
    const char *area_label, int stations_are_parent_city, int simulated_air,
    int sample_ledgers, int year, int month, struct diag_list *dl);

void merged_free(struct merged *m);

/*
 * The air quality of area a (found in the finished aq) for year/month, as
 * the merged model holds it: the month and year to date with 同比, the
 * calendar and the quality summary; no rankings (air->rankings stay
 * NULL). For documents of an area alone (area_xml.h). air is zeroed
 * first; free its contents with merged_air_clear().
 */
void merged_air_build(struct merged_air *air, const struct airq *aq,
    const struct airq_area *a, int year, int month);
void merged_air_clear(struct merged_air *air);

#endif
