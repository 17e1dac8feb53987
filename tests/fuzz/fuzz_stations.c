/*
 * fuzz_stations.c -- libFuzzer target for the station table
 * (plans/stations.csv, simulate.h's sim_table_parse): the input bytes are
 * the table (any encoding, any garbage).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a refusal (return 0) records an error;
 *   - every station read has a code, a name and an area, a data folder
 *     that cannot leave plans/ (fs_safe_relpath), a line within the input,
 *     and sim_table_find finds it by its code.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fsutil.h"
#include "simulate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_stations: invariant broken: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	struct sim_table t = {0};
	struct diag_list dl = {0};
	int ok = sim_table_parse("plans/stations.csv", (const char *)data, size,
	    &t, &dl);
	if (!ok)
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	for (size_t i = 0; ok && i < t.n; i++) {
		const struct sim_station *s = &t.v[i];
		check(s->code && *s->code, "station without code");
		check(s->name && s->area && *s->area, "station without area");
		check(!s->dir || fs_safe_relpath(s->dir), "unsafe data folder");
		check(s->line >= 1 && s->line <= lines, "line outside the input");
		check(sim_table_find(&t, s->code) != NULL, "code not found");
	}
	sim_table_free(&t);
	diag_free(&dl);
	return 0;
}
