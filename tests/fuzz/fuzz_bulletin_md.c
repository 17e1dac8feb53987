/*
 * fuzz_bulletin_md.c -- libFuzzer target for the commentary Markdown of
 * the bulletin (bulletin_md.h). The input is a commentary file (any bytes:
 * it is decoded as the bulletin decodes it, through text_decode, then
 * parsed).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a refusal (return 0) leaves no blocks and records an error;
 *   - every paragraph and table cell is well-formed Pango markup (GLib's
 *     markup parser accepts it inside a root element);
 *   - headings are non-empty plain text of level 1..3 with no line break;
 *   - tables have 1..BMD_MAX_COLS columns and 1..BMD_MAX_ROWS+1 rows;
 *   - every block's line lies within the input.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "bulletin_md.h"
#include "diag.h"
#include "textload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_bulletin_md: invariant broken: %s\n", what);
		abort();
	}
}

static int
markup_ok(const char *m)
{
	GString *w = g_string_new("<markup>");
	g_string_append(w, m);
	g_string_append(w, "</markup>");
	GMarkupParser p = { 0 };
	GMarkupParseContext *c = g_markup_parse_context_new(&p, 0, NULL, NULL);
	int ok = g_markup_parse_context_parse(c, w->str, (gssize)w->len, NULL) &&
	    g_markup_parse_context_end_parse(c, NULL);
	g_markup_parse_context_free(c);
	g_string_free(w, TRUE);
	return ok;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct buf text = { 0 };
	const char *enc;
	if (!text_decode("c.md", (const char *)data, size, &text, &enc, &dl)) {
		buf_free(&text);
		diag_free(&dl);
		return 0;
	}
	size_t lines = 1;
	for (size_t i = 0; i < text.len; i++)
		lines += text.data[i] == '\n';
	struct bmd_doc d;
	int ok = bulletin_md_parse("c.md", text.data, text.len, &d, &dl);
	if (!ok) {
		check(d.n == 0, "refusal leaves blocks");
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct bmd_block *b = &d.v[i];
		check(b->line >= 1 && b->line <= lines, "line out of range");
		switch (b->kind) {
		case BMD_HEADING:
			check(b->level >= 1 && b->level <= 3, "heading level");
			check(b->text && *b->text, "empty heading");
			check(!strchr(b->text, '\n'), "heading with a break");
			break;
		case BMD_PARA:
			check(markup_ok(b->text), "paragraph markup");
			break;
		case BMD_TABLE:
			check(b->ncols >= 1 && b->ncols <= BMD_MAX_COLS,
			    "table columns");
			check(b->nrows >= 1 && b->nrows <= BMD_MAX_ROWS + 1,
			    "table rows");
			for (size_t k = 0; k < b->ncols * b->nrows; k++)
				check(markup_ok(b->cells[k]), "cell markup");
			break;
		case BMD_SPACE:
			break;
		}
	}
	bulletin_md_free(&d);
	buf_free(&text);
	diag_free(&dl);
	return 0;
}
