/*
 * fuzz_plan.c -- libFuzzer target for the plan parser, shaped like cmark's
 * fuzz/cmark-fuzz.c: the input bytes are a plan file (any encoding, any
 * garbage); parse them, render the result as XML and JSON, free everything.
 *
 * Besides memory errors (ASan) and undefined behaviour (UBSan), it checks
 * two invariants of the output, aborting when one breaks:
 *   - plan_write_json() always writes a document jansson can read back;
 *   - plan_write_xml() output is well-formed XML.
 * (Schema validity is plan_write_xml's own return value: a plan that does
 * not validate is reported through diagnostics, not a crash.)
 *
 * Speed: about 1,000 executions per second under ASan/UBSan with the
 * inputs capped at 4 KiB (fuzz_plan.options); the time is spent in linear
 * passes over the bytes, so larger inputs only run slower.
 *
 * Build: `make fuzz` (clang, libFuzzer) or, to replay the corpus with gcc,
 * the replay_fuzz_plan program from tests/fuzz/replay.c (`make fuzz-replay`).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "buf.h"
#include "diag.h"
#include "plan.h"
#include "plan_json.h"
#include "plan_meta.h"
#include "plan_parse.h"
#include "plan_xml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
die(const char *what, const struct buf *doc)
{
	fprintf(stderr, "fuzz_plan: %s\n--- document (%zu bytes) ---\n%.*s\n",
	    what, doc->len, (int)(doc->len > 4000 ? 4000 : doc->len),
	    doc->data ? doc->data : "");
	abort();
}

static void
check_json(const struct buf *doc)
{
	json_error_t err;
	json_t *j = json_loadb(doc->data ? doc->data : "", doc->len, 0, &err);
	if (!j) {
		fprintf(stderr, "fuzz_plan: JSON error at line %d: %s\n", err.line,
		    err.text);
		die("plan_write_json() wrote invalid JSON", doc);
	}
	json_decref(j);
}

static void
check_xml(const struct buf *doc)
{
	if (doc->len == 0)
		return;
	xmlDocPtr x = xmlReadMemory(doc->data, (int)doc->len, "fuzz.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!x)
		die("plan_write_xml() wrote XML that is not well-formed", doc);
	xmlFreeDoc(x);
}

static void
run(const char *data, size_t size, const struct plan_meta *meta)
{
	struct diag_list dl = {0};
	struct plan *p = plan_parse("fuzz/plan.txt", data, size, meta, &dl);
	if (p) {
		struct buf out = {0};
		plan_write_xml(p, &out, &dl);
		check_xml(&out);
		buf_free(&out);
		plan_write_json(p, &out);
		check_json(&out);
		buf_free(&out);
		plan_free(p);
	}
	diag_free(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char id[] = "fuzz-plan", source[] = "plan.txt",
	    place[] = "南召县", level[] = "县", parent[] = "南阳市",
	    conf[] = "fuzz/plan.conf";
	static const struct plan_meta meta = {
		.path = conf, .id = id, .source = source, .place = place,
		.level = level, .parent = parent,
	};
	/* As a bare file when the size is even, else with the metadata a
	 * publication gives (place and level change how units are prefixed):
	 * one parse per input keeps the target fast, and the mutations that
	 * change the size explore both. */
	run((const char *)data, size, size % 2 ? &meta : NULL);
	return 0;
}
