/*
 * build_stages.h -- the hooks of the build's stages, one file each,
 * registered as rows of build_stages[] (build_stages.c). Include from
 * build_stages.c and the stages' own files, never from build.c: the
 * engine reaches a stage only through its row.
 */
#ifndef LANTIAN_BUILD_STAGES_H
#define LANTIAN_BUILD_STAGES_H

#include "build_graph.h"

/* ---- build_merge.c: output/merged/<id>/<YYYY-MM>.xml ---------------------- */

/* Find each usable plan's ledger months and area, hash every input of its
 * merged outputs, decide which are dirty (queueing the plan and the areas
 * they need). */
void bm_schedule(struct build *b);
/* For build_check: queue every plan's ledgers and every used area, and
 * validate the layouts the table names. */
void bm_check_schedule(struct build *b);
/* Worker part of a plan job: load the ledgers if wanted. */
void bm_plan_job(struct bplan *p);
/* After the plan and area jobs: build the dirty merged documents on
 * workers. */
void bm_run(struct build *b);
/* Write the merged outputs that were rebuilt, in plan and month order. */
void bm_emit(struct build *b);
/* 1 if path is a merged output of this build, or might be one (a plan
 * whose ledgers could not be listed). */
int bm_is_current_output(const struct build *b, const char *path);
/* Move the areas' diagnostics (check: all; build: errors, and a count of
 * the data-quality warnings) to the report, after the plans'. */
void bm_collect_diags(struct build *b);
void bm_plan_free(struct bplan *p);

/* ---- build_air.c: output/air/ (areas and rankings) ----------------------- */

/* Give every area its slug and decide which areas' outputs are out of
 * date (queueing their data to be read). After bm_schedule(). */
void ba_schedule(struct build *b);
/* For build_check: only check that every area gets a slug. */
void ba_check_schedule(struct build *b);
/* After the area reads: build the dirty area documents on workers. */
void ba_run(struct build *b);
/* Write the area outputs that were rebuilt, by area and month, then
 * decide, build and write the rankings (ba_emit, ba_rank). */
void ba_write(struct build *b);
void ba_emit(struct build *b);
void ba_rank(struct build *b);
/* 1 if path is an area or ranking output of this build, or might be one
 * (an area whose outputs could not be decided). */
int ba_is_current_output(const struct build *b, const char *path);
/* Move the area and ranking outputs' diagnostics to the report. */
void ba_collect_diags(struct build *b);
void ba_area_free(struct barea *a);
void ba_free(struct build *b);

/* ---- build_bulletin.c: output/bulletin/<id>/<YYYY-MM>[-ytd].pdf --------- */

/* Validate p's staff commentaries that its bulletins will read and that
 * no bulletin has recorded yet (errors into p->dl), before anything of
 * p is written: a bad commentary holds the plan back. */
void bb_plan_check(struct build *b, struct bplan *p);
/* Decide, typeset and write the bulletins (after ba_rank); held plans'
 * bulletins are left as they are. */
void bb_run(struct build *b);
int bb_is_current_output(const struct build *b, const char *path);
void bb_collect_diags(struct build *b);
void bb_free(struct build *b);
/* Typeset bl now, on this thread (lantian issue): its inputs hashed, the
 * PDF in bl->doc. 1, or 0 with the errors in b->bul_dl. */
int bb_render_now(struct build *b, struct bbulletin *bl);
/* Free what bl owns (its path too when free_path). */
void bb_bulletin_free(struct bbulletin *bl, int free_path);

/* ---- build_site.c: output/site/ ------------------------------------------ */

/* Decide, render and write the site's pages (after bb_run). */
void bs_run(struct build *b);
/* For build_check: compile every stylesheet of templates/site. */
void bs_check_schedule(struct build *b);
int bs_is_current_output(const struct build *b, const char *path);
void bs_collect_diags(struct build *b);
void bs_free(struct build *b);

#endif
