/*
 * build_graph.h -- the build engine's header for its stages: the graph
 * (plans, areas, outputs and their inputs), the engine's services to the
 * stages (hashing inputs through the stat cache, dirty reasons for
 * --explain, atomic emit, the job queue) and the stage table. The engine
 * is build.c (plans, the registry, scheduling, writing, the state); the
 * stages are build_area.c (the station table, the areas and their data),
 * build_merge.c (merged outputs: status ledgers joined with monitoring
 * data), build_air.c (the area and ranking outputs of output/air/),
 * build_bulletin.c and build_site.c, registered as rows of build_stages[]
 * (build_stages.c). Only build*.c include it; every other module uses
 * build.h. It does not include build.h, so the engine's public header
 * never depends on it.
 *
 * Everything here is owned by the struct build of one run and freed by
 * build_free() (build.c), which calls every stage's free hook.
 *
 * Threads: the scheduling, hashing, writing and state updates run on the
 * calling thread. Workers (build_parallel) only touch the struct bplan,
 * struct barea, struct bmerged, struct bairout or struct brank of their
 * job, and read what the main thread set up before starting them.
 */
#ifndef LANTIAN_BUILD_GRAPH_H
#define LANTIAN_BUILD_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "airq.h"
#include "area_xml.h"
#include "build_dirty.h"
#include "build_paths.h"
#include "build_state.h"
#include "buf.h"
#include "diag.h"
#include "hash.h"
#include "issue_record.h"
#include "ledger.h"
#include "monitor.h"
#include "plan.h"
#include "plan_meta.h"
#include "simulate.h"

/* Outputs of a plan edge. OUT_SOURCE is the plan text exactly as read
 * and accepted (output/source/<id>.txt): the site's source page is made
 * from it, never from the file in plans/, which may have changed or
 * failed since. */
enum { OUT_XML, OUT_JSON, OUT_SOURCE, N_OUT };
#define BUILD_SOURCE_DIR "output/source"

enum job_kind { JOB_BUILD, JOB_PARSE, JOB_CHECK };

/* A ledger file of a plan (named YYYY-MM.csv or YYYY-MM.xlsx). */
struct bledger {
	char *path;
	int year, month;
	char hex[HASH_HEX_LEN + 1];
	int bad;                   /* unreadable, or an error in it */
};

struct barea;

/* One merged output: a plan and a month that has a ledger file. */
struct bmerged {
	struct bplan *p;
	int year, month;
	char *path;                /* output/merged/<id>/<YYYY-MM>.xml */
	struct state_input *in;    /* paths borrowed from plan, area, table */
	size_t n_in;
	char out_hex[HASH_HEX_LEN + 1];
	int exists;
	enum dirty_reason why;
	int failed;
	/* Filled by a worker. */
	struct buf doc;
	struct diag_list dl;
};

/* An issued edition of a plan (build_issued.c): its record and files. */
struct bissued {
	struct issue_record r;
	char *name;                /* "2024-08", "2024-08-ytd-c1" */
	char *rec_path;            /* plans/<dir>/issued/<name>.record */
	char *pdf_path;            /* plans/<dir>/issued/<name>.pdf */
};

struct bplan {
	char *dir;                 /* folder name under plans/ */
	char *conf_path;
	char *text_path;           /* NULL until the metadata is read */
	struct plan_meta meta;
	int meta_ok;               /* metadata read, id valid and unique */
	int usable;                /* ... and both inputs hashed */
	char conf_hex[HASH_HEX_LEN + 1], text_hex[HASH_HEX_LEN + 1];
	char *out[N_OUT];
	char out_hex[N_OUT][HASH_HEX_LEN + 1];
	int out_exists[N_OUT];
	enum dirty_reason why[N_OUT];
	/* Filled by a worker; only that worker touches them meanwhile. */
	enum job_kind job;
	int queued;                /* in the job list of this phase */
	struct plan *plan;
	struct buf doc[N_OUT];
	int failed;                /* its XML/JSON could not be built */
	struct diag_list dl;
	/* Held back (build_hold): some input of the plan failed this run, so
	 * nothing of it is published: its XML/JSON, merged months, bulletins
	 * and site pages keep their last content and records. held_why is
	 * the first error, "file:line: message". */
	int held;
	char *held_why;

	/* The merged outputs (build_merge.c). */
	char *ledger_dir;          /* plans/<dir>/ledgers */
	struct bledger *ledgers;   /* by month */
	size_t n_ledgers;
	int ledgers_unknown;       /* the folder could not be listed */
	const char *area_name;     /* first `stations` of plan.conf, or NULL */
	struct barea *area;        /* its area; NULL when none or unknown */
	int area_bad;              /* names an area it cannot have */
	struct bmerged *m;         /* by month */
	size_t n_m;
	int want_ledgers;          /* the worker loads the ledgers */
	struct ledger **lv;        /* loaded by the worker */
	size_t n_lv;

	/* Its issued editions (build_issued.c), read before anything of it
	 * is written; fixed once the bulletins are listed. */
	struct bissued *iss;
	size_t n_iss;
};

/* A layout named by the station table. */
struct blayout {
	char *name;
	char *path;                /* templates/layouts/<name>.layout */
	char hex[HASH_HEX_LEN + 1];
	int hashed;                /* 1 ok, -1 failed, 0 not yet */
	struct mon_layout *ml;     /* loaded before the area reads */
	int load_tried;
};

/* A data file of an area. */
struct bfile {
	char *path;
	char hex[HASH_HEX_LEN + 1];
	struct blayout *layout;
};

/* An output of an area edge: a month document or the area's index. */
struct bairout {
	char *path;                /* output/air/<slug>/<YYYY-MM>.xml, or
	                              .../index.xml */
	int32_t ym;                /* year * 12 + month - 1; -1: the index */
	char out_hex[HASH_HEX_LEN + 1];
	int exists;
	enum dirty_reason why;
	int failed;
	/* Filled by a worker. */
	struct buf doc;
	struct diag_list dl;
};

/* A monitoring area (stations.csv `area`): every area of the table has
 * its outputs under output/air/; plans that name it also read it for
 * their merged outputs. */
struct barea {
	char *name;
	int used;                  /* some plan names it */
	size_t line;               /* its first row in the station table */
	/* The area edge (build_air.c). */
	char *slug;                /* output/air/<slug>/; NULL when none */
	struct area_station *ast;  /* its stations for the documents */
	struct state_input *in;    /* its inputs (paths borrowed) */
	size_t n_in;
	struct bairout *ao;        /* its month outputs by month, then the
	                              index */
	size_t n_ao;
	int air_dirty;             /* some area output is rebuilt */
	int air_failed;            /* its outputs could not be updated */
	int simulated;             /* some station's data are simulated */
	struct strvec codes;       /* its stations, table order */
	const struct sim_station **st; /* their table rows (owned by the
	                                  table) */
	struct strvec dirs;        /* plans/<dir>, sorted */
	struct blayout **layouts;  /* distinct, by name */
	size_t n_layouts;
	struct bfile *files;       /* by dir, then name */
	size_t n_files;
	int listed;                /* files listed (1 ok, -1 failed) */
	int hashed;                /* inputs hashed (1 ok, -1 failed) */
	int needed;                /* some dirty output reads it */
	/* Filled by a worker. */
	struct airq *aq;
	struct mon_qc qc;
	int qc_init;
	signed char *keep;         /* by mon_station id: 1 ours, 0 not, -1 ? */
	size_t n_keep;
	int read_failed;
	uint64_t bytes;
	struct diag_list dl;
};

/* One PDF bulletin (build_bulletin.c): a month edition or a YTD one. */
struct bbulletin {
	struct bmerged *m;         /* the merged output it is made from
	                              (NULL: an issued copy whose month has
	                              no merged output any more) */
	int ytd;
	/* An issued edition (build_issued.c): copy names the issued PDF this
	 * output is a byte copy of; or, when lantian issue typesets one,
	 * issue_no, corrects and issue_date are what bulletin_input says. */
	const struct bissued *copy;
	const char *issue_no, *corrects;
	int64_t issue_date;
	int number;                /* 期号: its place among the plan's
	                              bulletins of the year */
	char *path;                /* output/bulletin/<id>/<YYYY-MM>[-ytd].pdf */
	char *ranking, *area_index, *commentary; /* optional inputs, or NULL */
	struct state_input *in;    /* paths point into `paths` */
	size_t n_in, in_cap;
	struct strvec paths;
	char out_hex[HASH_HEX_LEN + 1];
	int exists;
	enum dirty_reason why;
	int failed;
	/* Filled by a worker, which also writes it (build_emit_write). */
	struct buf doc;
	char hex[HASH_HEX_LEN + 1];
	int wrote;
	struct diag_list dl;
};

struct bsite;
struct build_opts;
struct build_report;

struct build {
	const struct build_opts *o;
	struct build_report *r;
	struct build_state *st;
	struct hash_cache *cache;
	void *hashed_inputs;       /* GHashTable: input path -> hex, hashed
	                              this run (build_hash_input) */
	int have_state;
	int checking;              /* build_check: validate, write nothing */
	struct bplan *p;
	size_t n;
	int meta_errors;           /* a plan.conf could not be used */
	size_t n_held;             /* plans held back this run */
	struct bplan **jobs;
	size_t n_jobs;
	struct diag_list tail;     /* printed after the plans' diagnostics */

	/* The station table and what it names (build_area.c). */
	struct sim_table table;
	int table_state;           /* 0 absent, 1 loaded, -1 unusable */
	char table_hex[HASH_HEX_LEN + 1];
	int table_hashed;          /* 1 ok, -1 failed, 0 not yet */
	struct strvec data_dirs;   /* first components of the table's dirs */
	struct blayout *layouts;   /* every layout the table names, by name;
	                              fixed once the table is read */
	size_t n_layouts;
	struct barea *areas;       /* used by some plan, by name; fixed
	                              once set up */
	size_t n_areas;
	struct barea **area_jobs;  /* to read in this phase */
	size_t n_area_jobs;
	struct diag_list area_dl;  /* areas' diagnostics, by area name */
	size_t n_merged_dirty;     /* merged outputs found out of date */

	/* The rankings (build_air.c), one per month, by month. */
	struct brank *rk;
	size_t n_rk;
	int rank_unknown;          /* rankings not updated: keep them all */
	size_t n_air_dirty;        /* areas whose outputs are out of date */
	struct diag_list air_dl;   /* area and ranking outputs' diagnostics */

	/* The bulletins (build_bulletin.c). */
	struct bbulletin *bl;
	size_t n_bl;
	void *bl_paths;            /* GHashTable set of their paths, made
	                              when first asked (stale check) */
	struct fonts *fonts;       /* build_fonts.c: opened when needed */
	int fonts_failed;
	int bul_skipped;           /* no fonts/: no bulletins this run */
	struct diag_list bul_dl;

	/* The site (build_site.c). */
	struct bsite *site;
	struct diag_list site_dl;
};

/* One ranking output: a month of output/air/ranking/. */
struct brank {
	int32_t ym;
	char *path;
	struct state_input *in;    /* the areas' month outputs (borrowed) */
	size_t n_in;
	char out_hex[HASH_HEX_LEN + 1];
	int exists;
	enum dirty_reason why;
	int failed;
	/* Filled by a worker. */
	struct bairout **src;      /* the month outputs it is built from */
	struct buf doc;
	struct diag_list dl;
};

/* ---- build.c, for the stages ---------------------------------------------- */

/* Hash an input through the stat cache; on failure record an error
 * against it in dl and return 0. */
int build_hash_input(struct build *b, const char *path, char *hex,
    struct diag_list *dl);
/* Current hash of an output; 0 when it does not exist. */
int build_hash_output(struct build *b, const char *path, char *hex);
/* Record "path: reason" for --explain when why is not DIRTY_CLEAN. */
void build_explain(struct build *b, const char *path, enum dirty_reason why,
    const char *what);
/* Write doc to path if its content differs from cur_hex (NULL: missing)
 * and record its inputs; hex receives the content hash. Returns 0 on a
 * write error (in dl; file and record left as they were). */
int build_emit(struct build *b, const char *path, const struct buf *doc,
    const char *cur_hex, const struct state_input *in, size_t n_in,
    char *hex, struct diag_list *dl);
/* The same, recorded in state st and its stat cache (the site's pages
 * keep a state of their own). */
int build_emit_in(struct build *b, struct build_state *st, const char *path,
    const struct buf *doc, const char *cur_hex, const struct state_input *in,
    size_t n_in, char *hex, struct diag_list *dl);
/* build_emit_in() in two halves, so that workers write and the main
 * thread records. The write half touches no shared state: it hashes doc
 * into hex and writes path unless cur_hex (NULL: missing) equals it;
 * *wrote says whether it did. Returns 0 with errno set on a write error.
 * The record half (main thread) records the output in st, and, for the
 * main state, remembers its hash for the edges that read it. */
int build_emit_write(const char *path, const struct buf *doc,
    const char *cur_hex, char *hex, int *wrote);
void build_emit_record(struct build *b, struct build_state *st,
    const char *path, const char *hex, int wrote,
    const struct state_input *in, size_t n_in);
/* The plan path belongs to: a file of its folder plans/<dir>/ (*raw set
 * to 1), or, for a plan whose plan.conf was read, one of its outputs
 * (output/xml/<id>.xml, output/json/<id>.json, output/merged/<id>/...,
 * output/bulletin/<id>/...; *raw set to 0). NULL when none. */
const struct bplan *build_path_plan(const struct build *b, const char *path,
    int *raw);
/* 1 if path belongs to a plan held back this run (outputs that must stay
 * as they are, pruned or not). */
int build_path_held(const struct build *b, const char *path);
/* Queue plan p for a worker (once per phase). */
void build_add_job(struct build *b, struct bplan *p, enum job_kind kind);
/* The line of `key = ...` in a conf file (0 if not found). */
size_t build_conf_key_line(const char *path, const char *key);

/* ---- stages ------------------------------------------------------------------
 * Every kind of output beyond the plans' own is a stage: a row of
 * build_stages[] (build_stages.c). The engine (build.c) calls each hook
 * of every row that has it, in table order, at the point of the build the
 * hook names, and never names a stage. A hook may be NULL.
 */
struct build_stage {
	const char *name;
	/* Before plan discovery: read what says which folders are data. */
	void (*load)(struct build *b);
	/* 1 if plans/<name> is a data folder of this stage, not a plan. */
	int (*is_data_dir)(const struct build *b, const char *name);
	/* After the plans are scheduled: hash inputs, decide what is dirty,
	 * queue plan jobs and area reads. */
	void (*schedule)(struct build *b);
	/* build_check: queue what is to be validated. */
	void (*check_schedule)(struct build *b);
	/* Main thread, just before the workers start. */
	void (*before_jobs)(struct build *b);
	/* Worker part of a plan job (after the plan is parsed). */
	void (*plan_job)(struct bplan *p);
	/* Worker job: read an area's data (build_area_queue). */
	void (*area_job)(struct barea *a);
	/* After the jobs: build the dirty documents in memory. */
	void (*run)(struct build *b);
	/* Before plans are held back: check p's inputs (errors into p->dl). */
	void (*plan_check)(struct build *b, struct bplan *p);
	/* After the plans' outputs are written: write this stage's. */
	void (*emit)(struct build *b);
	/* After the registry and stale removal: outputs made from written
	 * outputs (the bulletins). */
	void (*derive)(struct build *b);
	/* After the derived outputs' stale removal: what presents them all
	 * (the site). */
	void (*present)(struct build *b);
	/* 1 if path is an output of this stage in this build, or might be. */
	int (*is_current_output)(const struct build *b, const char *path);
	/* Move the stage's diagnostics to the report (after the plans'). */
	void (*collect_diags)(struct build *b);
	void (*plan_free)(struct bplan *p);
	void (*area_free)(struct barea *a);
	void (*free)(struct build *b);
};

/* The stages, in the order their hooks run (build_stages.c). */
extern const struct build_stage build_stages[];
extern const size_t build_n_stages;

/* ---- build_issued.c ------------------------------------------------------ */

/* Read and check plans/<dir>/issued/ (errors into p->dl: they hold the
 * plan back). */
void bi_plan_load(struct build *b, struct bplan *p);
void bi_plan_free(struct bplan *p);
/* The edition with this correction number / the latest of a month's
 * chain, or NULL. */
const struct bissued *bi_find(const struct bplan *p, int year, int month,
    int ytd, int correction);
const struct bissued *bi_latest(const struct bplan *p, int year, int month,
    int ytd);
/* Warn (b->bul_dl) when the sources behind bl (a draft of the same month
 * and kind, its inputs hashed) differ from those e was made from. */
void bi_check_changed(struct build *b, const struct bbulletin *bl,
    const struct bissued *e);
/* Carry out build_opts.issue (before the bulletins are listed). */
void bi_issue(struct build *b);

/* ---- build_shard.c -------------------------------------------------------- */

/* 1 if the i-th plan folder (sorted by name) is built by this run. */
int bshard_keeps(const struct build_opts *o, size_t i);
/* Load every output/.lantian/shard-K-of-N.state into b->st (after the
 * main state; a later record replaces an earlier one). Returns how many
 * were loaded. */
int bshard_merge_states(struct build *b);
/* Where this run saves its state (caller frees). */
char *bshard_state_path(const struct build_opts *o);
/* Remove the shard states (after an unsharded run saved the state that
 * holds them all). */
void bshard_remove_states(void);

#endif
