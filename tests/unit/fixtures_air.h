/*
 * fixtures_air.h -- monitoring fixtures shared by the Check suites: the
 * real Beijing station files and reading files into a struct airq the way
 * the build does (layout, quality counts, finish). Linked into every
 * suite (tests/unit/fixtures_*.c, Makefile).
 */
#ifndef LT_FIXTURES_AIR_H
#define LT_FIXTURES_AIR_H

#include <glob.h>
#include <stddef.h>

#include "airq.h"
#include "diag.h"
#include "monitor.h"

#define FX_BEIJING_LAYOUT "templates/layouts/beijing-prsa.layout"
#define FX_CNEMC_LAYOUT "templates/layouts/cnemc-realtime.layout"
/* Four hours of 2024-01-01, the three Henan cities (CNEMC format). */
#define FX_CNEMC_SAMPLE \
	"tests/data/monitoring/hourly-nanyang-jiaozuo-zhumadian-2024-01-01T00-T03.csv"

/* The 12 Beijing station files, 2013-03 to 2017-02: the 11 of
 * tests/data/monitoring/beijing/ and Dongsi beside them, in that order
 * (asserted: all 12). The caller globfree()s g. */
void fx_beijing_files(glob_t *g);

/*
 * A finished struct airq of the files paths[0..n) (full paths), read in
 * order (reverse: last first) with the layout at the repository path
 * layout, after the caller's station table table[0..ntable) (may be
 * NULL). Every file must read (asserted). qc: the caller's, initialised
 * here and freed by the caller after the airq (its stations point into
 * it); NULL: a local one, freed before returning. dl: the caller's, or
 * NULL for a local one. The caller frees the result with airq_free().
 */
struct airq *fx_airq_read(const char *layout, char *const *paths, size_t n,
    int reverse, const struct airq_station_info *table, size_t ntable,
    struct mon_qc *qc, struct diag_list *dl);

#endif
