/*
 * fuzz_issue_record.c -- libFuzzer target for the record of an issued
 * bulletin edition (issue_record.h's issue_record_parse): the input bytes
 * are plans/<dir>/issued/<name>.record.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a refusal (return 0) records an error and leaves the record empty;
 *   - an accepted record names its PDF as issue_edition_name says, has a
 *     real 成文日期 in the 期号's year, inputs sorted, unique and inside
 *     the tree, and formats to a text that reads back the same.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "fsutil.h"
#include "issue_record.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_issue_record: invariant broken: %s\n",
		    what);
		abort();
	}
}

static void
accepted(const struct issue_record *r)
{
	char *ed = issue_edition_name(r->year, r->month, r->ytd,
	    r->correction);
	char *pdf = xasprintf("%s.pdf", ed);
	check(r->pdf && !strcmp(r->pdf, pdf), "pdf name");
	check(issue_valid_date(r->date_y, r->date_m, r->date_d), "date");
	check(r->number_year == r->date_y, "number year");
	check(r->number >= 1 && r->number <= ISSUE_MAX_NUMBER, "number");
	for (size_t i = 0; i < r->n_in; i++) {
		check(fs_safe_relpath(r->in[i].path), "input path");
		check(i == 0 || strcmp(r->in[i - 1].path, r->in[i].path) < 0,
		    "inputs sorted and unique");
	}
	struct buf out = { 0 };
	issue_record_format(r, &out);
	struct issue_record r2;
	struct diag_list dl = { 0 };
	check(issue_record_parse("again.record", out.data, out.len, ed, &r2,
	    &dl) == 1, "formatted record reads back");
	check(r2.number == r->number && r2.n_in == r->n_in &&
	    !strcmp(r2.pdf_hex, r->pdf_hex), "same record");
	issue_record_free(&r2);
	diag_free(&dl);
	buf_free(&out);
	free(pdf);
	free(ed);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct issue_record r;
	struct diag_list dl = { 0 };
	int ok = issue_record_parse("plans/fuzz/issued/x.record",
	    (const char *)data, size, NULL, &r, &dl);
	if (!ok) {
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
		check(r.pdf == NULL && r.n_in == 0, "refused record empty");
	} else {
		accepted(&r);
	}
	issue_record_free(&r);
	diag_free(&dl);
	return 0;
}
