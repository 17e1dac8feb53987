/*
 * fuzz_docx.c -- libFuzzer target for the Word .docx reader (read_docx.h)
 * and the plan parser behind it.
 *
 * Two shapes of input, so that both the package and the XML are reached:
 *   - bytes starting with "PK": a whole .docx package, read as a plan
 *     (ZIP damage, lying sizes, odd members);
 *   - anything else: the text of word/document.xml, packed in memory
 *     beside a fixed numbering.xml and styles.xml (with the list levels of
 *     a Chinese plan) and read as a plan (paragraphs, numbering, tables,
 *     fields, DOCTYPE refusal). A corpus entry of this shape is the
 *     document.xml alone.
 * Besides memory errors and undefined behaviour it checks that a refused
 * input always says why (an error diagnostic) and that every line read is
 * valid UTF-8 with no line break in it.
 *
 * Build: `make fuzz`; replay the corpus (tests/fuzz/corpus/docx/) with gcc:
 * `make fuzz-replay`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "buf.h"
#include "diag.h"
#include "plan.h"
#include "plan_parse.h"
#include "plan_text.h"
#include "read_docx.h"
#include "textload.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char content_types[] =
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

static const char numbering[] =
    "<w:numbering " W_NS "><w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"chineseCountingThousand\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"（%2）\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%3.\"/>"
    "<w:lvlRestart w:val=\"0\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:numFmt w:val=\"decimalEnclosedCircle\"/><w:lvlText w:val=\"%1.%2.%3.%4\"/>"
    "<w:isLgl/></w:lvl></w:abstractNum>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/>"
    "<w:lvlOverride w:ilvl=\"2\"><w:startOverride w:val=\"7\"/></w:lvlOverride></w:num>"
    "</w:numbering>";

static const char styles[] =
    "<w:styles " W_NS "><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"/>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
    "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>";

/* The package of a document.xml, built in memory; 0 when libzip fails. */
static int
pack(const char *doc, size_t len, struct buf *out)
{
	zip_error_t err;
	zip_error_init(&err);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &err);
	if (!src)
		return 0;
	zip_source_keep(src);
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	int ok = za != NULL;
	const struct { const char *name, *data; size_t len; } parts[] = {
		{ "[Content_Types].xml", content_types, sizeof content_types - 1 },
		{ "word/numbering.xml", numbering, sizeof numbering - 1 },
		{ "word/styles.xml", styles, sizeof styles - 1 },
		{ "word/document.xml", doc, len },
	};
	for (size_t i = 0; ok && i < sizeof parts / sizeof *parts; i++) {
		zip_source_t *s = zip_source_buffer(za, parts[i].data, parts[i].len, 0);
		ok = s && zip_file_add(za, parts[i].name, s, 0) >= 0;
		if (s && !ok)
			zip_source_free(s);
	}
	if (za && (ok ? zip_close(za) : (zip_discard(za), 0)) != 0)
		ok = 0;
	zip_int64_t n = 0;
	if (ok && zip_source_open(src) == 0) {
		zip_source_seek(src, 0, SEEK_END);
		n = zip_source_tell(src);
		zip_source_seek(src, 0, SEEK_SET);
		buf_grow(out, (size_t)(n > 0 ? n : 0) + 1);
		ok = n > 0 && zip_source_read(src, out->data, (zip_uint64_t)n) == n;
		out->len = ok ? (size_t)n : 0;
		out->data[out->len] = '\0';
		zip_source_close(src);
	} else {
		ok = 0;
	}
	zip_source_free(src);
	zip_error_fini(&err);
	return ok;
}

static void
check_lines(const struct plines *l)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->text[i]);
		if (utf8_valid_prefix(l->text[i], n) != n || memchr(l->text[i], '\n', n)) {
			fprintf(stderr, "fuzz_docx: line %zu is not one line of UTF-8\n", i + 1);
			abort();
		}
	}
}

static void
run(const char *data, size_t size)
{
	struct diag_list dl = {0};
	struct plines l = {0};
	int ok = docx_read("fuzz/plan.docx", data, size, &l, &dl);
	check_lines(&l);
	if (!ok && !diag_count(&dl, DIAG_ERROR)) {
		fputs("fuzz_docx: refused without an error message\n", stderr);
		abort();
	}
	plines_free(&l);
	diag_free(&dl);
	if (!ok)
		return;
	struct plan *p = plan_parse("fuzz/plan.docx", data, size, NULL, &dl);
	plan_free(p);
	diag_free(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		run((const char *)data, size);
		return 0;
	}
	struct buf b = {0};
	if (pack((const char *)data, size, &b))
		run(b.data, b.len);
	buf_free(&b);
	return 0;
}
