/*
 * build_area.h -- the monitoring areas of the build (build_area.c): the
 * station table, the areas' data files, their hashing and reading. Used
 * by the stages that read an area (build_merge.c, build_air.c) and, as
 * the "areas" row of build_stages[], by the engine.
 */
#ifndef LANTIAN_BUILD_AREA_H
#define LANTIAN_BUILD_AREA_H

#include "build_graph.h"

/* Read the station table if there is one (before plan discovery: its
 * folders are data, not plans). */
void build_area_table_load(struct build *b);
/* 1 if plans/<name> is a data folder (monitoring/, or named by the station
 * table) rather than a plan. */
int build_area_is_data_dir(const struct build *b, const char *name);
/* Set up every area of the table and give each plan its area (once the
 * plans' metadata are read). */
void build_areas_setup(struct build *b);
/* List the data files of a's folders, in folder then name order (once). */
void build_area_list(struct build *b, struct barea *a);
/* Hash the station table, a's layouts and data files (once each); sets
 * a->hashed. */
void build_area_hash(struct build *b, struct barea *a);
/* Queue a's data to be read by a worker in the next phase (once). */
void build_area_queue(struct build *b, struct barea *a);
/* Load the layouts the queued areas read (main thread). */
void build_area_layouts_load(struct build *b);
/* Worker job: read an area's monitoring data. */
void build_area_job(struct barea *a);
/* Free the table, the layouts and the areas (each area's stage parts
 * through the stages' area_free hooks). */
void build_area_free_all(struct build *b);

#endif
