/*
 * fuzz_monitor.c -- libFuzzer target for the monitoring reader and the
 * layout parser. The first input byte picks the layout:
 *   0: the CNEMC real-time layout, 1: the Beijing PRSA layout (both copies
 *   of templates/layouts/, trimmed of comments),
 *   2: a layout taken from the input itself, up to a line "%%";
 *   0xF5 (tested before the others): the same, the rest an .xlsx workbook,
 *   which reaches the reader as a file named *.xlsx in the working folder;
 * the remaining bytes are the monitoring file (plain or gzip: the reader
 * tells them apart). The file reaches the reader through its ordinary path
 * interface, as an in-memory file (memfd, /proc/self/fd/N).
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - every data row is either delivered or rejected with one reason;
 *   - a record's value is MON_MISSING exactly when its valid bit is clear,
 *     and non-negative otherwise; its hour lies within the data set's span
 *     and its civil date agrees with the hour index;
 *   - per station, valid + missing + rejected cells never exceed records.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "monitor.h"
#include "monitor_layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char cnemc_layout[] =
    "layout = cnemc-realtime\n"
    "delimiter = comma\nquote = double\nheader = yes\n"
    "time = timepoint %Y-%m-%dT%H%M\ntime.marks = end\n"
    "station = stationcode\nstation.name = positionname\narea = area\n"
    "so2 = so2 ug/m3\nno2 = no2 ug/m3\npm10 = pm10 ug/m3\nco = co mg/m3\n"
    "pm25 = pm2_5 ug/m3\no3_1h = o3 ug/m3\no3_8h = o3_8h_24h ug/m3\n"
    "aqi = aqi\nprimary = primarypollutant\n"
    "missing = \"\"\nplaceholder = - — -- ——\n";

static const char beijing_layout[] =
    "layout = beijing-prsa\n"
    "delimiter = comma\nquote = double\nheader = yes\n"
    "year = year\nmonth = month\nday = day\nhour = hour\n"
    "station = station\n"
    "station.map = Dongsi 1003A 东四\n"
    "station.map = Dingling 1002A 定陵(对照点)\n"
    "area.value = 北京市\n"
    "pm25 = PM2.5 ug/m3\npm10 = PM10 ug/m3\nso2 = SO2 ug/m3\n"
    "no2 = NO2 ug/m3\nco = CO ug/m3\no3_1h = O3 ug/m3\n"
    "missing = NA\nplaceholder = - — -- ——\n";

static void
check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_monitor: invariant broken: %s\n", what);
		abort();
	}
}

struct seen {
	const struct mon_qc *qc;
	uint64_t n;
};

static int
on_record(const struct mon_record *r, void *ctx)
{
	struct seen *s = ctx;
	s->n++;
	check(r->valid < (1u << MON_NFIELD), "valid bits");
	for (int f = 0; f < MON_NFIELD; f++) {
		int has = (r->valid >> f) & 1;
		check(has == (r->v[f] != MON_MISSING), "MON_MISSING iff invalid");
		check(!has || r->v[f] >= 0, "values are not negative");
	}
	check(r->t >= s->qc->first && r->t <= s->qc->last, "hour in span");
	int y, m, d, h;
	mon_hour_civil(r->t, &y, &m, &d, &h);
	check(y == r->year && m == r->month && d == r->day && h == r->hour,
	    "civil date of the hour");
	check(r->primary != NULL && r->st != NULL, "record pointers");
	return 1;
}

static void
read_bytes(const struct mon_layout *ml, const uint8_t *data, size_t size,
    int xlsx)
{
	char xpath[64];
	snprintf(xpath, sizeof xpath, "fuzz_monitor-%ld.xlsx", (long)getpid());
	int fd = xlsx ? open(xpath, O_RDWR | O_CREAT | O_TRUNC, 0600) :
	    memfd_create("fuzz_monitor", 0);
	if (fd < 0)
		return;
	size_t off = 0;
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (xlsx)
		snprintf(path, sizeof path, "%s", xpath);

	struct mon_qc qc;
	struct diag_list dl = {0};
	struct seen seen = {.qc = &qc};
	mon_qc_init(&qc);
	mon_read_file(path, ml, &qc, on_record, &seen, &dl);
	close(fd);
	if (xlsx)
		unlink(xpath);

	uint64_t rejected = 0;
	for (int k = 0; k < MON_ROW_NREASON; k++)
		rejected += qc.total.row_rejected[k];
	check(qc.total.records == seen.n, "records counted");
	check(qc.total.rows == qc.total.records + rejected,
	    "each row delivered or rejected once");
	for (size_t i = 0; i < qc.n; i++) {
		const struct mon_station *st = qc.v[i];
		for (int f = 0; f < MON_NFIELD; f++) {
			uint64_t c = st->valid[f] + st->missing[f];
			for (int k = 0; k < MON_CELL_NREASON; k++)
				c += st->rejected[f][k];
			check(c == 0 || c == st->records, "cells per record");
		}
		check(st->records <= st->rows, "records <= rows");
	}
	mon_qc_finish(&qc, &dl);
	struct buf b = {0};
	mon_qc_write_text(&qc, &b);
	buf_free(&b);
	mon_qc_free(&qc);
	diag_free(&dl);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int xlsx = data[0] == 0xF5;
	int mode = xlsx ? 2 : data[0] % 3;
	data++, size--;
	struct diag_list dl = {0};
	struct mon_layout *ml = NULL;
	if (mode == 0) {
		ml = mon_layout_parse("cnemc.layout", cnemc_layout,
		    sizeof cnemc_layout - 1, &dl);
	} else if (mode == 1) {
		ml = mon_layout_parse("beijing.layout", beijing_layout,
		    sizeof beijing_layout - 1, &dl);
	} else {
		/* the layout is the input up to a line "%%" */
		const uint8_t *sep = NULL;
		for (size_t i = 0; i + 4 <= size && !sep; i++)
			if (memcmp(data + i, "\n%%\n", 4) == 0)
				sep = data + i;
		size_t n = sep ? (size_t)(sep - data) + 1 : size;
		ml = mon_layout_parse("fuzz.layout", (const char *)data, n, &dl);
		if (ml && (ml->nalias > 0 || ml->missing.n > 0))
			check(ml->name != NULL, "layout name");
		data += sep ? n + 3 : size;
		size -= sep ? n + 3 : size;
	}
	check(mode == 2 || ml != NULL, "built-in layouts parse");
	if (ml)
		read_bytes(ml, data, size, xlsx);
	mon_layout_free(ml);
	diag_free(&dl);
	return 0;
}
