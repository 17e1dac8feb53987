/*
 * fuzz_plan_conf.c -- libFuzzer target for a plan's plan.conf
 * (plan_meta.h's plan_meta_parse): the input bytes are the file.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a refusal (return 0) records an error;
 *   - an accepted file gives a valid id (fs_valid_id), a source that cannot
 *     leave the plan folder (fs_safe_relpath), a place and a level.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fsutil.h"
#include "plan_meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_plan_conf: invariant broken: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	int ok = plan_meta_parse("plans/fuzz/plan.conf", (const char *)data,
	    size, "fuzz", &m, &dl);
	if (!ok) {
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	} else {
		check(m.id && fs_valid_id(m.id), "id");
		check(m.source && fs_safe_relpath(m.source), "source");
		check(m.place && *m.place && m.level && *m.level, "place, level");
	}
	plan_meta_free(&m);
	diag_free(&dl);
	return 0;
}
