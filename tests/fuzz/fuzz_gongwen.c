/*
 * fuzz_gongwen.c -- libFuzzer target for the front matter of `lantian
 * typeset` (gongwen.h). The input is a document (any bytes: decoded as the
 * command decodes it, through text_decode, then its front matter read).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - a refusal (return 0) leaves every part empty and records an error;
 *   - reading keeps the text's length and its line ends (the body's line
 *     numbers are the file's) and changes nothing but the front matter;
 *   - every part read is non-empty, at most GW_MAX_VALUE bytes, and a list
 *     has at most GW_MAX_LIST entries.
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
#include "gongwen.h"
#include "textload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_gongwen: invariant broken: %s\n", what);
		abort();
	}
}

static void
check_value(const char *v)
{
	if (v == NULL)
		return;
	check(*v != '\0', "empty part");
	check(strlen(v) <= GW_MAX_VALUE, "part too long");
}

static void
check_list(const struct gw_list *l)
{
	check(l->n <= GW_MAX_LIST, "list too long");
	for (size_t i = 0; i < l->n; i++)
		check_value(l->v[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl = { 0 };
	struct buf text = { 0 };
	struct gw_front fm;
	const char *enc;
	char *before;
	int ok;

	if (!text_decode("d.md", (const char *)data, size, &text, &enc, &dl)) {
		buf_free(&text);
		diag_free(&dl);
		return 0;
	}
	before = malloc(text.len + 1);
	memcpy(before, text.data, text.len + 1);
	ok = gw_front_parse("d.md", text.data, text.len, &fm, &dl);
	check(strlen(text.data) == strlen(before), "length changed");
	for (size_t i = 0; i < text.len; i++) {
		check((before[i] == '\n') == (text.data[i] == '\n'),
		    "line ends changed");
		check(text.data[i] == before[i] || text.data[i] == ' ',
		    "text changed other than blanked");
	}
	if (!ok) {
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
		check(fm.title == NULL && fm.masthead == NULL &&
		    fm.attachments.n == 0 && fm.cc.n == 0,
		    "refusal leaves parts");
	} else {
		const char *v[] = { fm.masthead, fm.number, fm.title, fm.to,
		    fm.issuer, fm.date, fm.printer, fm.printed };
		for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
			check_value(v[i]);
		check_list(&fm.attachments);
		check_list(&fm.cc);
		gw_front_free(&fm);
	}
	free(before);
	buf_free(&text);
	diag_free(&dl);
	return 0;
}
