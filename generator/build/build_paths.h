/*
 * build_paths.h -- where things are in a publication tree, relative to
 * its root: the inputs the build reads besides the plans and the output
 * folders of its stages. Only #defines; included by build_graph.h and
 * build_dirty.c (which tells an input's kind from its path).
 */
#ifndef LANTIAN_BUILD_PATHS_H
#define LANTIAN_BUILD_PATHS_H

/* The station table, relative to the publication root, and the folder its
 * `dir` column is relative to. */
#define BUILD_STATIONS_PATH "plans/stations.csv"
#define BUILD_STATIONS_ROOT "plans"
#define BUILD_LAYOUT_DIR "templates/layouts"
#define BUILD_MERGED_DIR "output/merged"
#define BUILD_AIR_DIR "output/air"
/* Rankings: output/air/ranking/ (so no area may take "ranking" as slug). */
#define BUILD_RANKING_SLUG "ranking"
#define BUILD_BULLETIN_DIR "output/bulletin"
#define BUILD_SITE_DIR "output/site"

#endif
