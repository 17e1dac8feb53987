/*
 * bench_airq.c -- throughput and memory of the monitoring reader and the
 * area statistics together (monitor.h + airq.h), one core.
 *
 *   bench_airq [-r N] LAYOUT FILE...
 *       read the files N times (default 1), reader only and reader + airq
 *       (station days, area days, then each area's statistics for every
 *       calendar year in the data); print rows/s, MB/s of uncompressed
 *       input and the peak RSS
 *   bench_airq --national [-k] LAYOUT STATIONS HOURS
 *       a synthetic national-scale year in the CNEMC format, written to
 *       /tmp by `bench_monitor --gen-cnemc` (the program beside this one)
 *       unless already there, read once through reader + airq; prints
 *       rows/s, MB/s and the RSS at each quarter of the hours, to show
 *       that memory follows stations and days, not hours. -k keeps the
 *       generated file (else it is removed).
 *
 * From the repository root, after `make bench` (or make B=build/release
 * build/release/bench/bench_airq build/release/bench/bench_monitor):
 *   build/release/bench/bench_airq -r 3 templates/layouts/beijing-prsa.layout \
 *       tests/data/monitoring/PRSA_Data_*.csv.gz \
 *       tests/data/monitoring/beijing/PRSA_Data_*.csv.gz
 *   build/release/bench/bench_airq --national \
 *       templates/layouts/cnemc-realtime.layout 2000 8760
 */
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "airq.h"

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident set size so far, MiB. */
static double
peak_rss_mb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

/* Current resident set size, MiB (Linux /proc; 0 if unavailable). */
static double
rss_mb(void)
{
	FILE *fp = fopen("/proc/self/statm", "r");
	long size = 0, res = 0;
	if (!fp)
		return 0;
	if (fscanf(fp, "%ld %ld", &size, &res) != 2)
		res = 0;
	fclose(fp);
	return (double)res * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

/* Statistics every query of a bulletin would touch: each area, each
 * calendar year in its data, with 同比; a checksum keeps them alive. */
static uint64_t
query_all(const struct airq *aq)
{
	uint64_t check = 0;
	for (size_t i = 0; i < airq_area_count(aq); i++) {
		const struct airq_area *a = airq_area_at(aq, i);
		if (!a->ndays)
			continue;
		int y0, y1, m, d;
		airq_day_civil(a->first, &y0, &m, &d);
		airq_day_civil(a->first + (int32_t)a->ndays - 1, &y1, &m, &d);
		for (int y = y0; y <= y1; y++) {
			struct airq_compare c;
			airq_compare(aq, a, airq_range_year(y), &c);
			check += (uint64_t)c.cur.d.valid * 31 +
			    (uint64_t)c.cur.sum[AQI_PM25];
		}
	}
	return check;
}

struct run {
	double secs;
	uint64_t rows, bytes, records;
	uint64_t check;
};

/* Read files[0..n) once; with_airq: through airq as well. */
static int
run_files(const struct mon_layout *ml, char **files, int n, int with_airq,
    struct run *out)
{
	struct diag_list dl = { 0 };
	struct mon_qc qc;
	mon_qc_init(&qc);
	struct airq *aq = with_airq ? airq_new(NULL) : NULL;
	double t = now();
	int ok = 1;
	for (int i = 0; i < n; i++)
		if (!mon_read_file(files[i], ml, &qc,
		    with_airq ? airq_record_fn : NULL, aq, &dl))
			ok = 0;
	mon_qc_finish(&qc, &dl);
	out->check = 0;
	if (aq) {
		airq_finish(aq, &qc, &dl);
		out->check = query_all(aq);
	}
	out->secs = now() - t;
	out->rows = qc.total.rows;
	out->bytes = qc.total.bytes;
	out->records = qc.total.records;
	if (!ok)
		diag_print(&dl, stderr);
	airq_free(aq);
	mon_qc_free(&qc);
	diag_free(&dl);
	return ok;
}

static void
print_run(const char *what, const struct run *r, int reps)
{
	printf("  %-14s best of %d: %llu rows, %.1f MB, %.3f s: %.0f rows/s, "
	    "%.1f MB/s\n", what, reps, (unsigned long long)r->rows,
	    (double)r->bytes / 1e6, r->secs, (double)r->rows / r->secs,
	    (double)r->bytes / 1e6 / r->secs);
}

static int
bench_files(const char *layout, char **files, int n, int reps)
{
	struct diag_list dl = { 0 };
	struct mon_layout *ml = mon_layout_load(layout, &dl);
	if (!ml) {
		diag_print(&dl, stderr);
		diag_free(&dl);
		return 1;
	}
	struct run best[2];
	for (int w = 0; w < 2; w++) {
		best[w].secs = 1e300;
		for (int k = 0; k < reps; k++) {
			struct run r;
			if (!run_files(ml, files, n, w, &r)) {
				mon_layout_free(ml);
				return 1;
			}
			if (r.secs < best[w].secs)
				best[w] = r;
		}
	}
	printf("airq: %s, %d file(s)\n", ml->name, n);
	print_run("reader only", &best[0], reps);
	print_run("reader + airq", &best[1], reps);
	printf("  peak RSS %.1f MiB [check %llx]\n", peak_rss_mb(),
	    (unsigned long long)best[1].check);
	mon_layout_free(ml);
	return 0;
}

/* Run bench_monitor (beside argv0) --gen-cnemc out stations hours. */
static int
generate(const char *argv0, const char *out, const char *stations,
    const char *hours)
{
	char *copy = strdup(argv0);
	char gen[4096];
	snprintf(gen, sizeof gen, "%s/bench_monitor", dirname(copy));
	free(copy);
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		execl(gen, gen, "--gen-cnemc", out, stations, hours,
		    (char *)NULL);
		perror(gen);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench_airq: %s failed\n", gen);
		return 1;
	}
	return 0;
}

static int
bench_national(const char *argv0, const char *layout, const char *stations,
    const char *hours, int keep)
{
	char path[256];
	snprintf(path, sizeof path, "/tmp/lt_bench_airq_cnemc_%sx%s.csv",
	    stations, hours);
	struct stat sb;
	double tg = now();
	int generated = 0;
	if (stat(path, &sb) != 0) {
		if (generate(argv0, path, stations, hours) != 0)
			return 1;
		generated = 1;
	}
	tg = now() - tg;
	struct diag_list dl = { 0 };
	struct mon_layout *ml = mon_layout_load(layout, &dl);
	if (!ml) {
		diag_print(&dl, stderr);
		diag_free(&dl);
		return 1;
	}
	long nhours = atol(hours);
	struct mon_qc qc;
	mon_qc_init(&qc);
	struct airq *aq = airq_new(NULL);
	double rss_base = rss_mb();
	double t = now();
	struct mon_reader *r = mon_reader_open(path, ml, &qc, &dl);
	if (!r) {
		diag_print(&dl, stderr);
		return 1;
	}
	struct mon_record rec;
	int32_t t0 = MON_HOUR_NONE;
	int quarter = 1;
	double rss_q[5] = { rss_base, 0, 0, 0, 0 };
	int rc;
	while ((rc = mon_reader_next(r, &rec)) > 0) {
		if (t0 == MON_HOUR_NONE)
			t0 = rec.t;
		if (quarter < 4 && rec.t - t0 >= nhours * quarter / 4)
			rss_q[quarter++] = rss_mb();
		airq_add(aq, &rec);
	}
	mon_reader_close(r);
	double tread = now() - t;
	mon_qc_finish(&qc, &dl);
	airq_finish(aq, &qc, &dl);
	uint64_t check = query_all(aq);
	double secs = now() - t;
	rss_q[4] = rss_mb();
	if (rc < 0)
		diag_print(&dl, stderr);
	printf("airq: national-scale synthetic year, %s stations x %s hours "
	    "(%s, %s%.1f s)\n", stations, hours, path,
	    generated ? "generated in " : "already there, ",
	    generated ? tg : 0.0);
	printf("  reader + airq: %llu rows, %.1f MB, %.2f s (read %.2f s, "
	    "finish + year statistics %.2f s): %.0f rows/s, %.1f MB/s\n",
	    (unsigned long long)qc.total.rows, (double)qc.total.bytes / 1e6,
	    secs, tread, secs - tread, (double)qc.total.rows / secs,
	    (double)qc.total.bytes / 1e6 / secs);
	printf("  RSS MiB at 0/25/50/75/100 %% of the hours: %.1f %.1f %.1f "
	    "%.1f %.1f; peak %.1f\n", rss_q[0], rss_q[1], rss_q[2], rss_q[3],
	    rss_q[4], peak_rss_mb());
	printf("  of which days kept: %zu stations x %zu days x %zu B = "
	    "%.1f MiB (hours held: %zu B per station) [check %llx]\n",
	    airq_station_count(aq),
	    airq_area_count(aq) ? airq_area_at(aq, 0)->ndays : (size_t)0,
	    sizeof(struct airq_sday),
	    (double)airq_station_count(aq) *
	    (double)(airq_area_count(aq) ? airq_area_at(aq, 0)->ndays : 0) *
	    (double)sizeof(struct airq_sday) / 1048576.0,
	    (size_t)AQI_NIND * 24 * sizeof(int64_t),
	    (unsigned long long)check);
	airq_free(aq);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
	if (!keep)
		unlink(path);
	return rc < 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_airq [-r N] LAYOUT FILE...\n"
	    "       bench_airq --national [-k] LAYOUT STATIONS HOURS\n");
}

int
main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--national") == 0) {
		int a = 2, keep = 0;
		if (argc > a && strcmp(argv[a], "-k") == 0) {
			keep = 1;
			a++;
		}
		if (argc - a != 3 || atoi(argv[a + 1]) < 1 ||
		    atoi(argv[a + 2]) < 1) {
			usage();
			return 2;
		}
		return bench_national(argv[0], argv[a], argv[a + 1],
		    argv[a + 2], keep);
	}
	int reps = 1, a = 1;
	if (argc > 2 && strcmp(argv[1], "-r") == 0) {
		reps = atoi(argv[2]);
		a = 3;
	}
	if (argc - a < 2 || reps < 1) {
		usage();
		return 2;
	}
	return bench_files(argv[a], argv + a + 1, argc - a - 1, reps);
}
