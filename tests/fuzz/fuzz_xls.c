/*
 * fuzz_xls.c -- libFuzzer target for the legacy .xls reader (xls.h,
 * libfreexl through an anonymous memory file) and the ledger reading on
 * top of it. The input is the workbook's bytes (the OLE2 signature is
 * put in front when missing, so the fuzzer need not find it).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a failed read leaves an error; a successful one none from xls.c;
 *   - at most XLSX_MAX_SHEETS sheets; every sheet named (valid UTF-8);
 *   - rows numbered 1.., strictly increasing; no row empty or ending in
 *     an empty cell; every cell valid UTF-8;
 *   - the ledger reader (no plan) never returns records of rows the
 *     workbook does not have.
 *
 * Build: `make fuzz FUZZ_TARGETS=fuzz_xls`, or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "diag.h"
#include "ledger.h"
#include "xls.h"
#include "xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__lsan_default_suppressions(void);

/* libfreexl 1.0.6 leaks small blocks of some damaged files inside the
 * library (tests/lsan.supp says which); everything of ours stays checked. */
const char *
__lsan_default_suppressions(void)
{
	return "leak:libfreexl.so.1\n";
}

static const char sig[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

static void
check_book(const struct xlsx_book *b)
{
	if (b->n_sheets > XLSX_MAX_SHEETS)
		abort();
	for (size_t i = 0; i < b->n_sheets; i++) {
		const struct xlsx_sheet *s = &b->sheets[i];
		if (!s->name || !g_utf8_validate(s->name, -1, NULL))
			abort();
		size_t last = 0;
		for (size_t r = 0; r < s->n_rows; r++) {
			const struct xlsx_row *row = &s->rows[r];
			if (row->row <= last || !row->cells.n ||
			    !row->cells.v[row->cells.n - 1][0])
				abort();
			last = row->row;
			for (size_t c = 0; c < row->cells.n; c++)
				if (!g_utf8_validate(row->cells.v[c], -1, NULL))
					abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 8);
	size_t len = size;
	if (size >= 8 && !memcmp(data, sig, 8)) {
		memcpy(buf, data, size);
	} else {
		memcpy(buf, sig, 8);
		memcpy(buf + 8, data, size);
		len += 8;
	}
	struct xlsx_book b = {0};
	struct diag_list dl = {0};
	int ok = xls_read_book("fuzz.xls", buf, len, &b, &dl);
	if (ok != (diag_count(&dl, DIAG_ERROR) == 0))
		abort();
	if (ok)
		check_book(&b);
	size_t max_row = 0;
	for (size_t i = 0; i < b.n_sheets; i++)
		if (b.sheets[i].n_rows &&
		    b.sheets[i].rows[b.sheets[i].n_rows - 1].row > max_row)
			max_row = b.sheets[i].rows[b.sheets[i].n_rows - 1].row;
	xlsx_book_free(&b);
	diag_free(&dl);
	struct ledger *l = ledger_parse("fuzz/2024-05.xls", buf, len, 2024, 5,
	    NULL, &dl);
	for (size_t i = 0; l && i < l->n_records; i++)
		if (l->records[i].line > max_row)
			abort();
	ledger_free(l);
	diag_free(&dl);
	free(buf);
	return 0;
}
