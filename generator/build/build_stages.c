/*
 * build_stages.c -- the build's stages as a table, one row per stage, in
 * the order their hooks run (build_graph.h says when each hook runs). The
 * plans' own outputs (task XML/JSON, the registry) are the engine's.
 * A new stage is one new file and one row here.
 */
#include "build_area.h"
#include "build_stages.h"

const struct build_stage build_stages[] = {
	{ .name = "areas",                 /* monitoring data, read once */
	  .load = build_area_table_load,
	  .is_data_dir = build_area_is_data_dir,
	  .before_jobs = build_area_layouts_load,
	  .area_job = build_area_job,
	  .free = build_area_free_all },
	{ .name = "merged",                /* output/merged/ */
	  .schedule = bm_schedule,
	  .check_schedule = bm_check_schedule,
	  .plan_job = bm_plan_job,
	  .run = bm_run,
	  .emit = bm_emit,
	  .is_current_output = bm_is_current_output,
	  .collect_diags = bm_collect_diags,
	  .plan_free = bm_plan_free },
	{ .name = "air",                   /* output/air/, rankings */
	  .schedule = ba_schedule,
	  .check_schedule = ba_check_schedule,
	  .run = ba_run,
	  .emit = ba_write,
	  .is_current_output = ba_is_current_output,
	  .collect_diags = ba_collect_diags,
	  .area_free = ba_area_free,
	  .free = ba_free },
	{ .name = "bulletins",             /* output/bulletin/ */
	  .plan_check = bb_plan_check,
	  .derive = bb_run,
	  .is_current_output = bb_is_current_output,
	  .collect_diags = bb_collect_diags,
	  .free = bb_free },
	{ .name = "site",                  /* output/site/ */
	  .present = bs_run,
	  .check_schedule = bs_check_schedule,
	  .is_current_output = bs_is_current_output,
	  .collect_diags = bs_collect_diags,
	  .free = bs_free },
};
const size_t build_n_stages = sizeof build_stages / sizeof *build_stages;
