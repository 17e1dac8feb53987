/*
 * fuzz_site_markdown.c -- libFuzzer target for the site's Markdown to HTML
 * (site_data.h's sd_markdown: bulletin commentary and the Markdown files
 * of pages/). The first input byte picks the heading shift (byte % 3); the
 * rest is the Markdown (any bytes: NUL, invalid UTF-8, raw HTML).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks: nothing
 * in the page can run or load anything -- no script, style, iframe, object,
 * embed, form or input element, no on* attribute, no href or src with a
 * javascript:, vbscript: or data: scheme (raw HTML is suppressed, links
 * are cmark's safe ones); a refusal records an error.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "diag.h"
#include "site_data.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_site_markdown: invariant broken: %s\n",
		    what);
		abort();
	}
}

static int
bad_scheme(const char *v)
{
	while (*v && isspace((unsigned char)*v))
		v++;
	return !strncasecmp(v, "javascript:", 11) ||
	    !strncasecmp(v, "vbscript:", 9) || !strncasecmp(v, "data:", 5);
}

static void
check_tree(const xmlNode *n)
{
	static const char *const banned[] = { "script", "style", "iframe",
		"object", "embed", "form", "input", "link", "meta", "base" };
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
			check(strcasecmp((const char *)n->name, banned[i]) != 0,
			    "active element");
		for (const xmlAttr *a = n->properties; a; a = a->next) {
			check(strncasecmp((const char *)a->name, "on", 2) != 0,
			    "event attribute");
			if (!strcasecmp((const char *)a->name, "href") ||
			    !strcasecmp((const char *)a->name, "src")) {
				xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
				check(!v || !bad_scheme((const char *)v),
				    "active link");
				xmlFree(v);
			}
		}
		check_tree(n->children);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int shift = data[0] % 3;
	struct diag_list dl = {0};
	xmlNode *root = NULL;
	xmlDoc *doc = sd_page_doc("fuzz", &root);
	int ok = sd_markdown((const char *)data + 1, size - 1, shift, root, &dl);
	if (!ok)
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	check_tree(root->children);
	xmlFreeDoc(doc);
	diag_free(&dl);
	return 0;
}
