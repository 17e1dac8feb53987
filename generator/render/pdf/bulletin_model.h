/*
 * bulletin_model.h -- the bulletin's inputs read into plain C structs: the
 * merged document of a plan-month (merge.rng), the ranking of a month and
 * an area's index (area.rng). Each document is validated against its
 * embedded schema first, so the readers can rely on its shape.
 *
 * Figures are kept as the document's own strings (NULL when the attribute
 * is absent: a missing figure is never 0), because the bulletin must print
 * exactly what the merge step computed. Counts the bulletin reasons with
 * are also parsed to integers.
 *
 * No typesetting here. Ownership: the caller owns each struct and releases
 * it with the matching *_free(); every string inside belongs to the struct.
 */
#ifndef LANTIAN_BULLETIN_MODEL_H
#define LANTIAN_BULLETIN_MODEL_H

#include <stddef.h>

#include "diag.h"

/* One input document: name is its path for diagnostics, data NULL means
 * absent. The bytes stay the caller's. */
struct bulletin_src {
	const char *name;
	const char *data;
	size_t len;
};

enum bulletin_edition {
	BULLETIN_MONTH,  /* 《…2024年8月工作通报》 */
	BULLETIN_YTD     /* 《…2024年1—8月工作通报》 */
};


/* A provenance label: kind "simulated", "sample" or "stations". */
struct bm_label {
	char *kind, *text;
};

/* <units><unit role ref>name</unit> of a task. */
struct bm_task_unit {
	char *role;   /* lead, cooperating, responsible, participating */
	char *name;
};

struct bm_task {
	char *number, *state, *state_name, *percent, *title;
	struct bm_task_unit *units;
	size_t nunits;
	char *deadline;        /* <status deadline>: YYYY-MM-DD or NULL */
	char *deadline_raw;    /* the plan's words for that deadline */
	char *days_overdue, *due_soon_date, *done_since;
	int overdue, due_soon, done_late, undated;
	char *report_ym;       /* month of the latest reports, or NULL */
	char *report_text;     /* the first report's text of that month */
};

/* <units><unit ...> of the merged document (counts as strings). */
struct bm_unit {
	char *name;
	char *tasks, *lead, *cooperating, *responsible, *participating;
	char *unreported, *not_started, *in_progress, *done, *late;
	char *overdue, *due_soon, *done_late;
	int n_overdue;
};

/* The six figures in merge.rng's order, then the exceedance codes. */
enum { BM_NFIG = 6, BM_NEXCEED = 7, BM_NLEVEL = 6 };

struct bm_figure {
	char *code, *value, *valid_days, *index, *prev, *change;
};
struct bm_exceed {
	char *code, *days, *primary_days, *prev_days;
};

struct bm_period {
	int present;
	char *kind, *from, *to, *days, *min_days, *days_data;
	int valid, have_prev;
	char *prev_from, *prev_to;
	struct bm_figure fig[BM_NFIG];
	size_t nfig;
	char *comp_value, *comp_prev, *comp_change;
	/* <days> */
	char *valid_days, *good, *heavy, *good_ratio, *heavy_ratio;
	char *prev_valid, *prev_good, *prev_heavy, *prev_good_ratio,
	    *prev_heavy_ratio, *good_points, *heavy_points;
	char *level_days[BM_NLEVEL];
	struct bm_exceed ex[BM_NEXCEED];
	size_t nex;
};

struct bm_day {
	int day;            /* 1..31 */
	int data, valid;
	int aqi, level;     /* 0 when not valid */
	char *aqi_s, *category, *primary;
};

struct bm_pollutant_q {
	char *code, *valid_days, *short_days, *no_data_days;
};
struct bm_station {
	char *code, *name;
	int background;
	char *hours, *hours_data, *outages, *longest_outage,
	    *longest_outage_start;
	struct bm_pollutant_q pol[BM_NEXCEED];
	size_t npol;
};
struct bm_rejected {
	char *field;        /* NULL for rejected rows */
	char *reason, *count;
};
struct bm_quality {
	char *aqi_days_valid;
	struct bm_pollutant_q area_days[BM_NEXCEED]; /* valid_days = valid,
	                                                 short_days = few-stations */
	size_t narea_days;
	struct bm_station *st;
	size_t nst;
	struct bm_rejected *rej;
	size_t nrej;
};

struct bm_target {
	char *scope, *task_number, *metric_code, *verdict, *verdict_name,
	    *year;
	char *metric, *op, *value, *value2, *unit, *raw, *method;
	int has_figures;
	char *current, *control, *reference, *remaining_days,
	    *good_days_needed, *gap, *heavy_days_allowed;
};

enum bm_air_kind {
	BM_AIR_NONE,      /* <air-none>: the plan names no monitoring area */
	BM_AIR_NO_DATA,   /* <air data="no">, with <no-data> */
	BM_AIR_DATA
};

struct bm_merged {
	char *plan_id, *as_of;
	int year, month;
	char *title, *place, *level;
	struct bm_label *labels;
	size_t nlabels;
	/* <tasks> */
	char *total;
	int ledger_this_month;
	char *c_unreported, *c_not_started, *c_in_progress, *c_done, *c_late,
	    *c_overdue, *c_due_soon, *c_done_late, *c_undated;
	struct bm_task *tasks;
	size_t ntasks;
	struct bm_unit *units;
	size_t nunits;
	/* air */
	enum bm_air_kind air;
	char *air_text;      /* <air-none> or <no-data> text */
	char *area;
	struct bm_period month_p, ytd_p;
	struct bm_day *days;
	size_t ndays;
	int has_quality;
	struct bm_quality q;
	struct bm_target *targets;
	size_t ntargets;
};

struct bm_rank_row {
	char *area, *key, *pm25, *place;
	int rank, tied;     /* rank 0: not ranked */
};
struct bm_ranking {
	char *by, *period, *title, *ranked, *total;
	struct bm_rank_row *rows;
	size_t nrows;
};
struct bm_rankings {
	int year, month, areas;
	struct bm_label *labels;
	size_t nlabels;
	char *note_method, *note_ties;
	struct bm_ranking *r;
	size_t n;
};

struct bm_index_month {
	int year, month;
	int valid;
	char *valid_days, *pm25, *good_ratio, *composite;
};
struct bm_index {
	char *area, *slug;
	struct bm_label *labels;
	size_t nlabels;
	struct bm_index_month *m;
	size_t n;
};

/* Read and validate one document. Each returns 1, or 0 with an error
 * naming src->name (and the line, for schema errors) in dl; on failure the
 * struct is left empty (safe to free). */
int bm_merged_read(const struct bulletin_src *src, struct bm_merged *m,
    struct diag_list *dl);
int bm_rankings_read(const struct bulletin_src *src, struct bm_rankings *r,
    struct diag_list *dl);
int bm_index_read(const struct bulletin_src *src, struct bm_index *ix,
    struct diag_list *dl);

void bm_merged_free(struct bm_merged *m);
void bm_rankings_free(struct bm_rankings *r);
void bm_index_free(struct bm_index *ix);

/* Lookups: NULL when absent. */
const struct bm_figure *bm_period_figure(const struct bm_period *p,
    const char *code);
const struct bm_exceed *bm_period_exceed(const struct bm_period *p,
    const char *code);
const struct bm_ranking *bm_rankings_find(const struct bm_rankings *r,
    const char *by, const char *period);
const struct bm_index_month *bm_index_find(const struct bm_index *ix,
    int year, int month);

#endif
