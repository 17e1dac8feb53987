/*
 * fuzz_site_conf.c -- libFuzzer target for templates/site/site.conf as the
 * site reads it (site_meta.h's site_meta_base_url): the input bytes are
 * the file (read as a C string, as the site does).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks: a base
 * URL taken (return 1) starts with http:// or https://, ends with "/" and
 * holds no space, control character or any of "'<>\`{}|^ -- nothing that
 * would need escaping in an attribute or a URL.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "site_meta.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_site_conf: invariant broken: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *conf = malloc(size + 1);
	if (!conf)
		return 0;
	memcpy(conf, data, size);
	conf[size] = '\0';
	struct buf url = {0};
	int r = site_meta_base_url(conf, &url);
	check(r >= -1 && r <= 1, "return value");
	if (r == 1) {
		check(!strncmp(url.data, "https://", 8) ||
		    !strncmp(url.data, "http://", 7), "scheme");
		check(url.data[url.len - 1] == '/', "trailing slash");
		for (size_t i = 0; i < url.len; i++)
			check((unsigned char)url.data[i] > ' ' &&
			    !strchr("\"'<>\\`{}|^", url.data[i]),
			    "character needing escape");
	}
	buf_free(&url);
	free(conf);
	return 0;
}
