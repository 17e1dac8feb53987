/*
 * fuzz_build_state.c -- libFuzzer target for the build state file
 * (output/.lantian/state, build_state.h's build_state_parse), as a killed
 * build, a full disk or a hand edit may leave it. The first input byte
 * picks the form of the rest: even, the file as it is; odd, the file
 * without its closing "end <CRC-32>" line, which the target appends with
 * the right checksum -- so the fuzzer reaches the records behind the
 * checksum, which mutations would otherwise always break.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - the result is STATE_LOADED or STATE_BAD (never MISSING from bytes);
 *   - STATE_BAD says why and leaves no output record;
 *   - every record loaded has a path and a 64-digit hex hash, and its
 *     inputs have paths and hashes too.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "buf.h"
#include "build_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_build_state: invariant broken: %s\n", what);
		abort();
	}
}

static int
is_hex(const char *h)
{
	if (strlen(h) != HASH_HEX_LEN)
		return 0;
	for (; *h; h++)
		if (!strchr("0123456789abcdef", *h))
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct buf file = {0};
	buf_put(&file, data + 1, size - 1);
	if (data[0] & 1) {
		uLong crc = crc32(crc32(0L, Z_NULL, 0), data + 1,
		    (uInt)(size - 1));
		buf_printf(&file, "end %08lx\n", (unsigned long)crc & 0xffffffffUL);
	}
	struct build_state *st = build_state_new();
	char *why = NULL;
	enum state_load r = build_state_parse(st, file.data ? file.data : "",
	    file.len, &why);
	buf_free(&file);
	check(r == STATE_LOADED || r == STATE_BAD, "result");
	size_t n = 0;
	const struct state_output *const *v = build_state_outputs(st, &n);
	if (r == STATE_BAD)
		check(why && *why && n == 0, "refusal leaves records or no why");
	else
		check(!why, "why on success");
	for (size_t i = 0; i < n; i++) {
		check(v[i]->path && *v[i]->path, "output path");
		check(is_hex(v[i]->hex), "output hash");
		for (size_t k = 0; k < v[i]->n_in; k++)
			check(v[i]->in[k].path && is_hex(v[i]->in[k].hex),
			    "input record");
		check(build_state_output(st, v[i]->path) == v[i], "lookup");
	}
	free(why);
	build_state_free(st);
	return 0;
}
