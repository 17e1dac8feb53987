/*
 * fixtures_air.c -- monitoring fixtures shared by the Check suites
 * (fixtures_air.h).
 */
#include "fixtures_air.h"

#include <stdio.h>

#include "lt_test.h"
#include "monitor_layout.h"

void
fx_beijing_files(glob_t *g)
{
	char pat[4096];
	snprintf(pat, sizeof pat, "%s",
	    lt_path("tests/data/monitoring/beijing/PRSA_Data_*.csv.gz"));
	ck_assert_int_eq(glob(pat, 0, NULL, g), 0);
	snprintf(pat, sizeof pat, "%s",
	    lt_path("tests/data/monitoring/PRSA_Data_Dongsi_*.csv.gz"));
	ck_assert_int_eq(glob(pat, GLOB_APPEND, NULL, g), 0);
	ck_assert_uint_eq(g->gl_pathc, 12);
}

struct airq *
fx_airq_read(const char *layout, char *const *paths, size_t n, int reverse,
    const struct airq_station_info *table, size_t ntable,
    struct mon_qc *qc, struct diag_list *dl)
{
	struct diag_list own_dl = { 0 };
	struct mon_qc own_qc;
	if (!dl)
		dl = &own_dl;
	struct mon_layout *ml = mon_layout_load(lt_path(layout), dl);
	ck_assert_ptr_nonnull(ml);
	struct airq *aq = airq_new(NULL);
	for (size_t i = 0; i < ntable; i++)
		ck_assert_int_eq(airq_station_add(aq, &table[i]), 1);
	struct mon_qc *q = qc ? qc : &own_qc;
	mon_qc_init(q);
	for (size_t k = 0; k < n; k++) {
		size_t i = reverse ? n - 1 - k : k;
		ck_assert_msg(mon_read_file(paths[i], ml, q, airq_record_fn, aq,
		    dl) == 1, "%s does not read", paths[i]);
	}
	mon_qc_finish(q, dl);
	airq_finish(aq, q, dl);
	if (!qc)
		mon_qc_free(q);
	mon_layout_free(ml);
	diag_free(&own_dl);
	return aq;
}
