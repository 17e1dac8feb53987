/*
 * build.h -- the build graph of a publication and its scheduling.
 *
 * The graph (samurai's node/edge model, with content hashes in place of
 * mtimes): one plan edge per plans/<id>/ with inputs plan.conf and the plan
 * text and outputs output/xml/<id>.xml and output/json/<id>.json; one
 * registry edge with inputs every plan.conf and every plan output, and
 * outputs output/xml/units.xml, output/json/units.json and
 * output/json/index.json; and one merged edge per plan and ledger month
 * (build_merge.c) with output output/merged/<id>/<YYYY-MM>.xml and inputs
 * plan.conf, the plan text, the plan's ledgers up to that month and, when
 * the plan names a monitoring area, plans/stations.csv, the area's layouts
 * and every data file of its folders; one area edge per area of the
 * station table (build_air.c) with outputs output/air/<slug>/<YYYY-MM>.xml
 * for every month the area has data and output/air/<slug>/index.xml, and
 * inputs plans/stations.csv, the area's layouts and data files; and one
 * ranking edge per month with output output/air/ranking/<YYYY-MM>.xml and
 * inputs the areas' month outputs of that month. The generator
 * (LANTIAN_GENERATOR_ID) is an input of every edge. An output is rebuilt
 * when build_isdirty() says so; it is written only when its content
 * changed (restat pruning), so a plan whose text changed without changing
 * its outputs does not rebuild the registry, and an area whose month
 * documents did not change does not rebuild that month's ranking.
 *
 * Plans are parsed, areas' monitoring data read (once per build, only for
 * areas some out-of-date merged or area output needs), merged and area
 * documents and rankings built in parallel by a pthread worker pool;
 * everything that is reported or written is ordered by plan id, area
 * name and month, so the outputs and the messages do not depend on the
 * number of workers.
 *
 * A plan is published as a whole: when any input of it fails in a run
 * (plan.conf, the plan text, a ledger, a commentary, its area's data), it is
 * held back -- none of its outputs (XML/JSON, merged months, bulletins, its
 * site pages) is written, pruned or re-recorded, and report.held says why;
 * the other plans build. The unit registry and index keep their last
 * content meanwhile (see build.c, plans held back).
 *
 * Plan discovery: a folder under plans/ is a plan when it holds plan.conf.
 * A folder without one is skipped with a warning, unless it is a data
 * folder: plans/monitoring/, or the first component of a `dir` named by
 * plans/stations.csv. Files directly under plans/ (stations.csv) are never
 * plans.
 *
 * Nothing here prints: build_run() and build_check() fill a struct
 * build_report, which the caller prints and frees (build_report_free()).
 */
#ifndef LANTIAN_BUILD_H
#define LANTIAN_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "build_dirty.h"
#include "build_state.h"
#include "diag.h"
#include "util.h"

#define BUILD_STATE_PATH "output/.lantian/state"

/* Run fn(ctx, i) for every i in [0, n) on up to `jobs` threads (the
 * calling thread is one of them). Returns when all are done. fn must only
 * touch data of job i. */
void build_parallel(size_t n, int jobs, void (*fn)(void *ctx, size_t i),
    void *ctx);

/* `lantian issue PLAN YYYY-MM`: freeze an edition (build_issued.c). */
struct issue_request {
	const char *plan;       /* plan id */
	int year, month;
	int ytd;                /* the year-to-date edition */
	int correction;         /* a 更正 of the month's latest edition */
	int number;             /* 期号; 0: the next free one of the year */
	int date_y, date_m, date_d;   /* 成文日期; 0: today (China) */
};

struct build_opts {
	int jobs;               /* >= 1 */
	int force;              /* rebuild every output */
	int explain;            /* fill report.explain */
	const char *generator;  /* LANTIAN_GENERATOR_ID */
	const struct issue_request *issue;  /* NULL, or an edition to issue */
	int shard_k, shard_n;   /* --shard K/N (build_shard.c); n 0: none */
};

/* Parse "K/N" (0 <= K <= N, N >= 1) of --shard into o. Returns 0 when
 * it is not that. */
int bshard_parse(const char *s, struct build_opts *o);

struct build_report {
	struct diag_list dl;    /* every problem and note, in print order */
	struct strvec explain;  /* "path: reason", in build order */
	struct strvec written;  /* outputs written, in build order */
	struct strvec removed;  /* outputs of plans that no longer exist */
	struct strvec held;     /* "方案 <id> 未发布新内容：<file:line: why>",
	                           one per plan held back (nothing of it
	                           published this run), by plan id */
	size_t plans;           /* plan folders found */
	size_t rebuilt;         /* plans whose outputs were rebuilt */
	size_t uptodate;        /* plans with nothing to do */
	size_t failed;          /* plans that could not be built */
	size_t unchanged;       /* outputs rebuilt with the same content */
	int registry;           /* 1 rebuilt, 0 up to date, -1 not updated */
	int nothing_to_do;      /* no output was out of date */
	size_t hashed;          /* files read to hash them */
	/* merged outputs (one per plan and ledger month) */
	size_t merged;          /* known this run */
	size_t merged_rebuilt;  /* rebuilt (written or unchanged) */
	size_t merged_uptodate;
	size_t merged_failed;   /* out of date, could not be built */
	size_t ledgers;         /* ledger files found */
	size_t areas_read;      /* monitoring areas read */
	size_t data_files;      /* monitoring files read */
	uint64_t data_bytes;    /* uncompressed bytes of them */
	double data_ms;         /* wall time of the phase reading them */
	/* area outputs (output/air/<slug>/: months and index) */
	size_t air;             /* known this run */
	size_t air_rebuilt, air_uptodate, air_failed;
	/* rankings (output/air/ranking/<YYYY-MM>.xml) */
	size_t ranks;
	size_t ranks_rebuilt, ranks_uptodate, ranks_failed;
	/* bulletins (output/bulletin/<id>/<YYYY-MM>[-ytd].pdf) */
	size_t bulletins;
	size_t bulletins_rebuilt, bulletins_uptodate, bulletins_failed;
	/* site pages (output/site/) */
	int site_skipped;       /* no input of the site changed */
	size_t pages, pages_rebuilt, pages_uptodate, pages_failed;
	char *issued;           /* issue: "<pdf>（2024年第3期，成文日期…）" */
};

/* Take the lock of output/ in the current directory (output/.lantian/lock,
 * created if need be) that keeps builds and `lantian site` of one tree
 * apart. Returns its fd (close it to release), or -1 with an error in dl
 * when another holds it or it cannot be created. build_run() takes it. */
int build_lock(struct diag_list *dl);

/* Build plans/ into output/ in the current directory. Returns 0 when
 * every output is up to date afterwards, 1 when something failed. */
int build_run(const struct build_opts *o, struct build_report *r);

/* Validate every input without writing anything: plan.conf, plan texts,
 * ids, every ledger (against its plan), the station table (and that each
 * area gets a safe output folder name), the layouts it names and every
 * monitoring file of every area of the table (read in full; data-quality
 * problems are warnings). Returns 0 when there is no
 * error (warnings allowed), 1 otherwise; report.plans counts the plans and
 * report.failed those with errors. */
int build_check(const struct build_opts *o, struct build_report *r);

void build_report_free(struct build_report *r);

#endif
