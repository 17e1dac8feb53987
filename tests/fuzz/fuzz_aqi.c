/*
 * fuzz_aqi.c -- libFuzzer target for the CSV input of `lantian aqi`
 * (commands.h's cmd_aqi_process). The first input byte picks the options:
 * bit 0 HJ633-2012 (else 2026), bit 1 hourly (else daily), bit 2 --names;
 * the rest is the CSV read on stdin.
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - no output only with an error (empty input, no usable header);
 *   - output ends with a newline, its first row is the input's header with
 *     the ten result columns appended;
 *   - there are no more output rows than input lines.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int cond, const char *what)
{
	if (!cond) {
		fprintf(stderr, "fuzz_aqi: invariant broken: %s\n", what);
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int o = data[0];
	struct buf out = {0};
	struct diag_list dl = {0};
	cmd_aqi_process((const char *)data + 1, size - 1, o & 1, (o >> 1) & 1,
	    (o >> 2) & 1, &out, &dl);
	static const char added[] = ",iaqi_so2,iaqi_no2,iaqi_pm10,iaqi_co,"
	    "iaqi_o3,iaqi_pm25,aqi,level,category,primary_pollutants\n";
	size_t in_lines = 1, out_lines = 0;
	for (size_t i = 1; i < size; i++)
		in_lines += data[i] == '\n';
	if (!out.len) {
		check(diag_count(&dl, DIAG_ERROR) > 0, "no output, no error");
	} else {
		check(out.data[out.len - 1] == '\n', "last newline");
		const char *nl = memchr(out.data, '\n', out.len);
		size_t hl = (size_t)(nl - out.data) + 1;
		check(hl >= sizeof added - 1 && !memcmp(nl + 1 -
		    (sizeof added - 1), added, sizeof added - 1), "header row");
		for (size_t i = 0; i < out.len; i++)
			out_lines += out.data[i] == '\n';
		check(out_lines <= in_lines, "more rows out than in");
	}
	buf_free(&out);
	diag_free(&dl);
	return 0;
}
