/*
 * bench_monitor.c -- throughput of the monitoring reader (monitor.h).
 *
 *   bench_monitor [-r N] LAYOUT FILE...
 *       read the files N times (default 1) and print rows/s and MB/s of
 *       uncompressed input, one core
 *   bench_monitor --gen-cnemc OUT STATIONS HOURS
 *       write a synthetic national-scale file in the CNEMC real-time
 *       format (deterministic; about 2 % empty cells), for the above
 *
 * Build (from the repository root, after `make lantian`):
 *   cc -std=c11 -O2 -D_GNU_SOURCE -Igenerator $(pkg-config --cflags glib-2.0) \
 *      -o build/release/bench_monitor tests/bench/bench_monitor.c \
 *      build/release/liblantian.a \
 *      $(pkg-config --libs libxml-2.0 libcmark glib-2.0 jansson zlib) -lpthread -lm
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "monitor.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static uint64_t rng = 0x2545F4914F6CDD1DULL;

static uint32_t
next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* An integer cell in [lo, hi), empty about 2 % of the time. */
static void
put_int(FILE *fp, int lo, int hi)
{
	if (next_rand() % 50 == 0) {
		fputc(',', fp);
		return;
	}
	fprintf(fp, ",%d", lo + (int)(next_rand() % (unsigned)(hi - lo)));
}

static int
gen_cnemc(const char *out, int stations, int hours)
{
	FILE *fp = fopen(out, "w");
	if (!fp) {
		perror(out);
		return 1;
	}
	fputs("timepoint,stationcode,longitude,latitude,area,positionname,"
	    "primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3,o3_24h,o3_8h,"
	    "o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n", fp);
	int32_t t0 = mon_hour_index(2023, 1, 1, 1);
	for (int h = 0; h < hours; h++) {
		int y, m, d, hh;
		mon_hour_civil(t0 + h, &y, &m, &d, &hh);
		for (int s = 0; s < stations; s++) {
			fprintf(fp, "%04d-%02d-%02dT%02d00,%04dA,113.%04d,35.%04d,"
			    "模拟市,模拟站%d,细颗粒物(PM2.5)", y, m, d, hh,
			    1000 + s, s, s, s);
			put_int(fp, 10, 300);    /* aqi */
			put_int(fp, 10, 400);    /* pm10 */
			put_int(fp, 10, 400);
			put_int(fp, 5, 300);     /* pm2_5 */
			put_int(fp, 5, 300);
			put_int(fp, 1, 250);     /* o3 */
			fputc(',', fp);          /* o3_24h: empty, as in 2024 */
			put_int(fp, 1, 200);
			put_int(fp, 1, 200);
			put_int(fp, 5, 120);     /* no2 */
			put_int(fp, 5, 120);
			put_int(fp, 1, 60);      /* so2 */
			put_int(fp, 1, 60);
			fprintf(fp, ",%u.%u,%u.%u\n", next_rand() % 3,
			    next_rand() % 10, next_rand() % 3, next_rand() % 10);
		}
	}
	if (fclose(fp) != 0) {
		perror(out);
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "--gen-cnemc") == 0)
		return gen_cnemc(argv[2], atoi(argv[3]), atoi(argv[4]));
	int reps = 1, a = 1;
	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		reps = atoi(argv[2]);
		a = 3;
	}
	if (argc - a < 2 || reps < 1) {
		fprintf(stderr, "usage: bench_monitor [-r N] LAYOUT FILE...\n"
		    "       bench_monitor --gen-cnemc OUT STATIONS HOURS\n");
		return 2;
	}
	struct diag_list dl = {0};
	struct mon_layout *ml = mon_layout_load(argv[a], &dl);
	if (!ml) {
		diag_print(&dl, stderr);
		return 1;
	}
	uint64_t rows = 0, bytes = 0, records = 0, check = 0;
	double best = 1e300;
	for (int rep = 0; rep < reps; rep++) {
		struct mon_qc qc;
		mon_qc_init(&qc);
		double t = now();
		for (int i = a + 1; i < argc; i++) {
			struct mon_reader *r = mon_reader_open(argv[i], ml, &qc,
			    &dl);
			if (!r)
				continue;
			struct mon_record rec;
			while (mon_reader_next(r, &rec) > 0)
				check += (uint64_t)rec.t + rec.valid;
			mon_reader_close(r);
		}
		t = now() - t;
		if (t < best)
			best = t;
		rows = qc.total.rows;
		records = qc.total.records;
		bytes = qc.total.bytes;
		mon_qc_free(&qc);
		diag_free(&dl);
	}
	printf("monitor: %s, %d file(s), best of %d: %llu rows (%llu kept), "
	    "%.1f MB uncompressed, %.3f s: %.0f rows/s, %.1f MB/s [check %llx]\n",
	    ml->name, argc - a - 1, reps, (unsigned long long)rows,
	    (unsigned long long)records, (double)bytes / 1e6, best,
	    (double)rows / best, (double)bytes / 1e6 / best,
	    (unsigned long long)check);
	mon_layout_free(ml);
	return 0;
}
