/*
 * fuzz_merged.c -- libFuzzer target for the XML documents read back by the
 * bulletins (bulletin_model.h): output/merged/<id>/<YYYY-MM>.xml, the
 * rankings and an area's index, any of which a user (or a torn write) may
 * have changed. The first input byte picks the reader (byte % 3: merged
 * month, rankings, area index); the rest is the document.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks: a
 * refusal (return 0) records an error and leaves the model empty.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"
#include "bulletin_model.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_merged: invariant broken: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct bulletin_src src = { .name = "output/merged/fuzz/2024-05.xml",
	    .data = (const char *)data + 1, .len = size - 1 };
	struct diag_list dl = {0};
	int ok;
	switch (data[0] % 3) {
	case 0: {
		struct bm_merged m;
		memset(&m, 0, sizeof m);
		ok = bm_merged_read(&src, &m, &dl);
		bm_merged_free(&m);
		break;
	}
	case 1: {
		struct bm_rankings r;
		memset(&r, 0, sizeof r);
		ok = bm_rankings_read(&src, &r, &dl);
		if (!ok)
			check(r.n == 0, "refusal leaves rankings");
		bm_rankings_free(&r);
		break;
	}
	default: {
		struct bm_index ix;
		memset(&ix, 0, sizeof ix);
		ok = bm_index_read(&src, &ix, &dl);
		if (!ok)
			check(ix.n == 0 && ix.nlabels == 0, "refusal leaves index");
		bm_index_free(&ix);
		break;
	}
	}
	if (!ok)
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	diag_free(&dl);
	return 0;
}
