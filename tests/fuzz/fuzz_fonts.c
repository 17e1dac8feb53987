/*
 * fuzz_fonts.c -- libFuzzer target for fonts/fonts.lock (fonts.h's
 * font_lock_parse) and fonts/fonts.conf (read by fontconfig's own parser,
 * as fonts_open does, without scanning any font). The first input byte
 * picks the file: even fonts.lock, odd fonts.conf; the rest is the file.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks: a lock
 * file accepted holds entries with an absolute path, a package, a
 * version, a size >= 0, a 64-digit hex SHA-256 and a line within the
 * input; a refusal records an error.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_fonts: invariant broken: %s\n", what);
		abort();
	}
}

static void
lock(const char *text, size_t len)
{
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	struct font_lock lk = {0};
	struct diag_list dl = {0};
	int ok = font_lock_parse("fonts/fonts.lock", text, len, &lk, &dl);
	if (!ok)
		check(diag_count(&dl, DIAG_ERROR) > 0, "refusal without error");
	for (size_t i = 0; ok && i < lk.n; i++) {
		const struct font_lock_entry *e = &lk.v[i];
		check(e->path && e->path[0] == '/', "absolute path");
		check(e->package && *e->package && e->version && *e->version,
		    "package and version");
		check(e->size >= 0, "size");
		check(strlen(e->sha256) == HASH_HEX_LEN &&
		    strspn(e->sha256, "0123456789abcdef") == HASH_HEX_LEN,
		    "sha256");
		check(e->line >= 1 && e->line <= lines, "line");
	}
	font_lock_free(&lk);
	diag_free(&dl);
}

static void
conf(const char *text, size_t len)
{
	/* fontconfig wants a C string */
	char *s = malloc(len + 1);
	if (!s)
		return;
	memcpy(s, text, len);
	s[len] = '\0';
	FcConfig *c = FcConfigCreate();
	FcConfigSetSysRoot(c, NULL);
	FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)s, FcFalse);
	FcConfigDestroy(c);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (data[0] & 1)
		conf((const char *)data + 1, size - 1);
	else
		lock((const char *)data + 1, size - 1);
	return 0;
}
