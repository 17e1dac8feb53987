/*
 * fuzz_pdf.c -- libFuzzer target for the PDF reader (read_pdf.h) and the
 * plan parser behind it: the input bytes are a PDF file. Besides memory
 * errors and undefined behaviour in our code (poppler's own parser is
 * poppler's), it checks that a refused input always says why, and that
 * every line read is valid UTF-8 with no line break in it.
 *
 * Build: `make fuzz`; replay the corpus (tests/fuzz/corpus/pdf/) with gcc:
 * `make fuzz-replay`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "plan.h"
#include "plan_parse.h"
#include "plan_text.h"
#include "read_pdf.h"
#include "textload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = {0};
	struct plines l = {0};
	int ok = pdf_read("fuzz/plan.pdf", (const char *)data, size, &l, &dl);
	for (size_t i = 0; i < l.n; i++) {
		size_t n = strlen(l.text[i]);
		if (utf8_valid_prefix(l.text[i], n) != n || memchr(l.text[i], '\n', n)) {
			fprintf(stderr, "fuzz_pdf: line %zu is not one line of UTF-8\n", i + 1);
			abort();
		}
	}
	if (!ok && !diag_count(&dl, DIAG_ERROR)) {
		fputs("fuzz_pdf: refused without an error message\n", stderr);
		abort();
	}
	plines_free(&l);
	diag_free(&dl);
	if (ok) {
		struct plan *p = plan_parse("fuzz/plan.pdf", (const char *)data, size, NULL, &dl);
		plan_free(p);
		diag_free(&dl);
	}
	return 0;
}
