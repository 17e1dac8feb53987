/*
 * test_simulate.c -- the station table (plans/stations.csv) and the
 * simulated monitoring data (simulate.h): determinism (same seed, same
 * bytes; another seed, other bytes; a short span is exactly a piece of
 * the full run), the shipped files regenerate byte for byte, they read
 * back through monitor.c without a rejected row or cell, the published
 * aqi/primarypollutant agree with aqi.c on every row, the 24 h and 8 h
 * columns agree with the hourly values, values stay in range, gaps are
 * there, and the climate looks like a Henan plain city.
 *
 * LT_SIM_REPORT=1 prints the figures (monthly PM2.5, heavy days, ...).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <math.h>
#include <zlib.h>

#include "aqi.h"
#include "aqstats.h"
#include "lt_test.h"
#include "monitor.h"
#include "simulate.h"

#define TABLE "plans/stations.csv"
#define SAMPLE_STATIONS "tests/data/monitoring/stations.csv"
#define LAYOUT "templates/layouts/cnemc-realtime.layout"

static const char *const folders[] = { "jiaozuo", "nanyang", "zhumadian" };
static const char *const folder_area[] = { "焦作市", "南阳市", "驻马店市" };
#define NFOLDER 3

/* ---- helpers ------------------------------------------------------------ */

static void
load_table(struct sim_table *t)
{
	struct diag_list dl = {0};
	int ok = sim_table_load(lt_path(TABLE), t, &dl);
	if (!ok)
		diag_print(&dl, stderr);
	ck_assert(ok);
	diag_free(&dl);
}

static void
gunzip_file(const char *path, struct buf *b)
{
	gzFile gz = gzopen(path, "rb");
	ck_assert_msg(gz != NULL, "open %s", path);
	char chunk[65536];
	int n;
	while ((n = gzread(gz, chunk, sizeof chunk)) > 0)
		buf_put(b, chunk, (size_t)n);
	ck_assert_int_eq(n, 0);
	gzclose(gz);
}

static void
read_raw(const char *path, struct buf *b)
{
	FILE *fp = fopen(path, "rb");
	ck_assert_msg(fp != NULL, "open %s", path);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(b, chunk, n);
	fclose(fp);
}

static const char *
shipped(const char *folder, int year)
{
	static char rel[128];
	snprintf(rel, sizeof rel, "plans/monitoring/%s/%d%s", folder, year,
	    SIM_FILE_SUFFIX);
	return lt_path(rel);
}

/* Collects what sim_generate hands over, per folder and year. */
struct capture {
	size_t n;
	char dir[16][64];
	int year[16];
	struct buf text[16];
	int stop_after;   /* 0: never stop */
};

static int
capture_fn(const char *dir, int year, const struct buf *csv, void *ctx)
{
	struct capture *c = ctx;
	ck_assert_uint_lt(c->n, 16);
	snprintf(c->dir[c->n], sizeof c->dir[c->n], "%s", dir);
	c->year[c->n] = year;
	memset(&c->text[c->n], 0, sizeof c->text[c->n]);
	buf_put(&c->text[c->n], csv->data, csv->len);
	c->n++;
	return !(c->stop_after && (int)c->n >= c->stop_after);
}

static void
capture_free(struct capture *c)
{
	for (size_t i = 0; i < c->n; i++)
		buf_free(&c->text[i]);
}

static void
span(struct sim_options *o, const char *from, const char *to, uint64_t seed)
{
	sim_options_default(o);
	o->seed = seed;
	ck_assert(sim_parse_date(from, &o->from_y, &o->from_m, &o->from_d));
	ck_assert(sim_parse_date(to, &o->to_y, &o->to_m, &o->to_d));
}

static void
generate(const struct sim_table *t, const char *from, const char *to,
    uint64_t seed, struct capture *c)
{
	struct sim_options o;
	span(&o, from, to, seed);
	struct diag_list dl = {0};
	memset(c, 0, sizeof *c);
	int ok = sim_generate(t, &o, capture_fn, c, &dl);
	if (!ok)
		diag_print(&dl, stderr);
	ck_assert(ok);
	diag_free(&dl);
}

/* Split a CSV line (double quotes allowed) into at most 32 fields, in
 * place. Returns the count. */
static int
csv_split(char *line, char **f)
{
	int n = 0;
	char *s = line;
	for (;;) {
		if (*s == '"') {
			f[n++] = ++s;
			char *e = strchr(s, '"');
			ck_assert_ptr_nonnull(e);
			*e = '\0';
			s = e + 1;
		} else {
			f[n++] = s;
			s += strcspn(s, ",");
		}
		if (*s != ',') {
			*s = '\0';
			return n;
		}
		*s++ = '\0';
		ck_assert_int_lt(n, 32);
	}
}

/* ---- the station table -------------------------------------------------- */

START_TEST(table_shipped)
{
	struct sim_table t = {0};
	load_table(&t);
	ck_assert_uint_eq(t.n, 28);
	/* the Henan stations are exactly those of the real CNEMC sample */
	FILE *fp = fopen(lt_path(SAMPLE_STATIONS), "r");
	ck_assert_ptr_nonnull(fp);
	char line[512];
	int rows = 0;
	ck_assert_ptr_nonnull(fgets(line, sizeof line, fp)); /* header */
	while (fgets(line, sizeof line, fp)) {
		line[strcspn(line, "\r\n")] = '\0';
		char *f[32];
		ck_assert_int_eq(csv_split(line, f), 5);
		/* stationcode,area,positionname,longitude,latitude */
		const struct sim_station *s = sim_table_find(&t, f[0]);
		ck_assert_msg(s != NULL, "station %s", f[0]);
		ck_assert_str_eq(s->area, f[1]);
		ck_assert_str_eq(s->name, f[2]);
		ck_assert_str_eq(s->lon, f[3]);
		ck_assert_str_eq(s->lat, f[4]);
		ck_assert_int_eq(s->simulated, 1);
		ck_assert_int_eq(s->background, 0);
		ck_assert_str_eq(s->layout, "cnemc-realtime");
		rows++;
	}
	fclose(fp);
	ck_assert_int_eq(rows, 16);
	/* Beijing: real, one background station, the PRSA layout */
	int bj = 0, bg = 0;
	for (size_t i = 0; i < t.n; i++)
		if (!strcmp(t.v[i].area, "北京市")) {
			bj++;
			bg += t.v[i].background;
			ck_assert_int_eq(t.v[i].simulated, 0);
			ck_assert_str_eq(t.v[i].dir, "monitoring/beijing");
			ck_assert_str_eq(t.v[i].layout, "beijing-prsa");
		}
	ck_assert_int_eq(bj, 12);
	ck_assert_int_eq(bg, 1);
	ck_assert_int_eq(sim_table_find(&t, "1002A")->background, 1);
	ck_assert_ptr_null(sim_table_find(&t, "9999A"));
	sim_table_free(&t);
}
END_TEST

static int
has_diag(const struct diag_list *dl, size_t line, const char *msg)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == DIAG_ERROR && dl->v[i].line == line &&
		    strstr(dl->v[i].msg, msg))
			return 1;
	return 0;
}

static int
parse_text(const char *text, struct diag_list *dl)
{
	struct sim_table t = {0};
	int ok = sim_table_parse("t.csv", text, strlen(text), &t, dl);
	sim_table_free(&t);
	return ok;
}

#define HDR "code,name,area,background,longitude,latitude,data,layout,dir\n"
#define ROW_A "2404A,瓦房庄,南阳市,no,112.5224,33.0122,simulated,cnemc-realtime,m/ny\n"

START_TEST(table_errors)
{
	struct diag_list dl = {0};
	/* a good table, with BOM, CRLF, blank line, columns reordered */
	ck_assert(parse_text("\xEF\xBB\xBF" "dir,code,name,area,background,"
	    "longitude,latitude,data,layout,extra\r\n\r\nm/ny,2404A,瓦房庄,"
	    "南阳市,no,112.5224,33.0122,simulated,cnemc-realtime,x\r\n", &dl));
	ck_assert_uint_eq(dl.n, 0);

	ck_assert(!parse_text(HDR ROW_A ROW_A, &dl));
	ck_assert(has_diag(&dl, 3, "重复"));
	diag_free(&dl);

	ck_assert(!parse_text(HDR "2404A,瓦房庄,南阳市,maybe,112.5,33.0,"
	    "simulated,cnemc-realtime,m/ny\n", &dl));
	ck_assert(has_diag(&dl, 2, "background"));
	diag_free(&dl);

	ck_assert(!parse_text(HDR "2404A,瓦房庄,南阳市,no,212.5,33.0,"
	    "fake,cnemc-realtime,../x\n", &dl));
	ck_assert(has_diag(&dl, 2, "经纬度"));
	ck_assert(has_diag(&dl, 2, "data 应为"));
	ck_assert(has_diag(&dl, 2, "dir"));
	diag_free(&dl);

	/* one folder, one kind of data */
	ck_assert(!parse_text(HDR ROW_A "2405A,汉画馆,南阳市,no,112.5,33.0,"
	    "real,cnemc-realtime,m/ny\n", &dl));
	ck_assert(has_diag(&dl, 3, "一个目录"));
	diag_free(&dl);

	ck_assert(!parse_text("code,name,area\n", &dl));
	ck_assert(has_diag(&dl, 1, "缺少列 background"));
	diag_free(&dl);

	ck_assert(!parse_text(HDR "2404A,\"瓦,房庄\",南阳市,no,1,1,real,x,m\n",
	    &dl));
	ck_assert(has_diag(&dl, 2, "引号"));
	diag_free(&dl);

	ck_assert(!parse_text(HDR "2404A,瓦房庄,南阳市,no,1,1,real,x\n", &dl));
	ck_assert(has_diag(&dl, 2, "列"));
	diag_free(&dl);

	ck_assert(!parse_text(HDR "2404A,,南阳市,no,1,1,real,x,m\n", &dl));
	ck_assert(has_diag(&dl, 2, "name 为空"));
	diag_free(&dl);

	ck_assert(!parse_text("", &dl));
	ck_assert(has_diag(&dl, 0, "空"));
	diag_free(&dl);

	/* a simulated station must use the CNEMC layout */
	struct sim_table t = {0};
	const char *txt = HDR "2404A,瓦房庄,南阳市,no,1,1,simulated,"
	    "beijing-prsa,m/ny\n";
	ck_assert(sim_table_parse("t.csv", txt, strlen(txt), &t, &dl));
	struct capture c;
	memset(&c, 0, sizeof c);
	struct sim_options o;
	span(&o, "2024-01-01", "2024-01-01", 1);
	ck_assert(!sim_generate(&t, &o, capture_fn, &c, &dl));
	ck_assert(has_diag(&dl, 2, "cnemc-realtime"));
	ck_assert_uint_eq(c.n, 0);
	sim_table_free(&t);
	diag_free(&dl);
}
END_TEST

START_TEST(options)
{
	struct sim_options o;
	struct diag_list dl = {0};
	int y, m, d;
	ck_assert(sim_parse_date("2024-02-29", &y, &m, &d));
	ck_assert(y == 2024 && m == 2 && d == 29);
	ck_assert(!sim_parse_date("2023-02-29", &y, &m, &d));
	ck_assert(!sim_parse_date("2024-1-01", &y, &m, &d));
	ck_assert(!sim_parse_date("2024-13-01", &y, &m, &d));
	sim_options_default(&o);
	ck_assert(sim_options_check(&o, &dl));
	ck_assert(o.from_y == 2022 && o.to_y == 2025 && o.seed == 2024);
	span(&o, "2019-12-31", "2024-01-01", 1);
	ck_assert(!sim_options_check(&o, &dl));
	span(&o, "2024-01-02", "2024-01-01", 1);
	ck_assert(!sim_options_check(&o, &dl));
	ck_assert_uint_eq(dl.n, 2);
	diag_free(&dl);
}
END_TEST

/* ---- determinism ---------------------------------------------------------- */

START_TEST(determinism)
{
	struct sim_table t = {0};
	load_table(&t);
	struct capture a, b, c;
	generate(&t, "2024-01-01", "2024-01-07", SIM_DEFAULT_SEED, &a);
	generate(&t, "2024-01-01", "2024-01-07", SIM_DEFAULT_SEED, &b);
	generate(&t, "2024-01-01", "2024-01-07", SIM_DEFAULT_SEED + 1, &c);
	ck_assert_uint_eq(a.n, NFOLDER);
	ck_assert_uint_eq(b.n, NFOLDER);
	for (size_t i = 0; i < a.n; i++) {
		char want[64];
		snprintf(want, sizeof want, "monitoring/%s", folders[i]);
		ck_assert_str_eq(a.dir[i], want);
		ck_assert_int_eq(a.year[i], 2024);
		ck_assert_uint_eq(a.text[i].len, b.text[i].len);
		ck_assert(!memcmp(a.text[i].data, b.text[i].data,
		    a.text[i].len));
		/* another seed: other values (same header) */
		ck_assert(a.text[i].len != c.text[i].len ||
		    memcmp(a.text[i].data, c.text[i].data, a.text[i].len));
		ck_assert(!strncmp(c.text[i].data, sim_cnemc_header,
		    strlen(sim_cnemc_header)));
		/* gzip: the same bytes twice, mtime 0, no name */
		struct buf g1 = {0}, g2 = {0};
		ck_assert(sim_gzip(a.text[i].data, a.text[i].len, &g1));
		ck_assert(sim_gzip(b.text[i].data, b.text[i].len, &g2));
		ck_assert_uint_eq(g1.len, g2.len);
		ck_assert(!memcmp(g1.data, g2.data, g1.len));
		ck_assert_uint_eq((unsigned char)g1.data[0], 0x1f);
		ck_assert_uint_eq((unsigned char)g1.data[1], 0x8b);
		ck_assert_uint_eq((unsigned char)g1.data[3], 0);  /* FLG */
		for (int k = 4; k < 8; k++)                       /* MTIME */
			ck_assert_uint_eq((unsigned char)g1.data[k], 0);
		buf_free(&g1);
		buf_free(&g2);
	}
	/* a span across a new year: one piece per year, both from one run */
	struct capture y;
	generate(&t, "2023-12-31", "2024-01-01", SIM_DEFAULT_SEED, &y);
	ck_assert_uint_eq(y.n, 2 * NFOLDER);
	ck_assert_int_eq(y.year[0], 2023);
	ck_assert_int_eq(y.year[1], 2024);
	/* the 2024 piece is the first day of the 2024-only run */
	const char *day2 = strstr(a.text[0].data, "\n2024-01-02T0100");
	ck_assert_ptr_nonnull(day2);
	size_t one_day = (size_t)(day2 - a.text[0].data) + 1;
	ck_assert_uint_eq(y.text[1].len, one_day);
	ck_assert(!memcmp(y.text[1].data, a.text[0].data, one_day));
	/* the 2023 piece: the hours that start on 2023-12-31 */
	ck_assert(strstr(y.text[0].data, "\n2023-12-31T0100,") != NULL);
	ck_assert(strstr(y.text[0].data, "\n2024-01-01T0000,") != NULL);
	ck_assert(strstr(y.text[0].data, "\n2024-01-01T0100,") == NULL);
	capture_free(&a);
	capture_free(&b);
	capture_free(&c);
	capture_free(&y);

	/* fn stopping stops the generator with an error */
	struct diag_list dl = {0};
	struct sim_options o;
	span(&o, "2024-01-01", "2024-01-02", 1);
	memset(&c, 0, sizeof c);
	c.stop_after = 1;
	ck_assert(!sim_generate(&t, &o, capture_fn, &c, &dl));
	ck_assert_uint_eq(c.n, 1);
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	capture_free(&c);
	diag_free(&dl);
	sim_table_free(&t);
}
END_TEST

/* sim_write twice into a temporary folder: the same files, the second
 * run changes nothing; a real folder is never written. */
START_TEST(write_files)
{
	char dir[] = "/tmp/lt_simulate_XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	struct sim_table t = {0};
	load_table(&t);
	struct sim_options o;
	span(&o, "2025-06-01", "2025-06-03", SIM_DEFAULT_SEED);
	struct sim_write_log w1 = {0}, w2 = {0};
	struct diag_list dl = {0};
	ck_assert(sim_write(&t, &o, dir, &w1, &dl));
	ck_assert(sim_write(&t, &o, dir, &w2, &dl));
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_uint_eq(w1.n, NFOLDER);
	ck_assert_uint_eq(w2.n, NFOLDER);
	static const int nst[NFOLDER] = { 7, 5, 4 };
	for (size_t i = 0; i < w1.n; i++) {
		char want[256];
		snprintf(want, sizeof want, "%s/monitoring/%s/2025%s", dir,
		    folders[i], SIM_FILE_SUFFIX);
		ck_assert_str_eq(w1.v[i].path, want);
		ck_assert_int_eq(w1.v[i].changed, 1);
		ck_assert_int_eq(w2.v[i].changed, 0);
		ck_assert_uint_eq(w1.v[i].bytes, w2.v[i].bytes);
		/* 72 hours, a row per station unless the city's release is
		 * absent (rare) */
		ck_assert_uint_le(w1.v[i].rows, 72u * nst[i]);
		ck_assert_uint_ge(w1.v[i].rows, 70u * nst[i]);
		struct buf raw = {0}, text = {0}, gz = {0};
		read_raw(want, &raw);
		ck_assert_uint_eq(raw.len, w1.v[i].bytes);
		gunzip_file(want, &text);
		ck_assert(sim_gzip(text.data, text.len, &gz));
		ck_assert_uint_eq(gz.len, raw.len);
		ck_assert(!memcmp(gz.data, raw.data, raw.len));
		buf_free(&raw);
		buf_free(&text);
		buf_free(&gz);
	}
	char bj[256];
	snprintf(bj, sizeof bj, "%s/monitoring/beijing", dir);
	ck_assert_int_ne(access(bj, F_OK), 0);
	sim_write_log_free(&w1);
	sim_write_log_free(&w2);
	sim_table_free(&t);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/*
 * The shipped files ARE the generator's output: the default span
 * regenerated in memory and gzipped gives every committed file byte for
 * byte (a stale file after a change to the model fails here).
 */
START_TEST(shipped_regenerate)
{
	struct sim_table t = {0};
	load_table(&t);
	struct capture c;
	memset(&c, 0, sizeof c);
	struct sim_options o;
	sim_options_default(&o);
	struct diag_list dl = {0};
	ck_assert(sim_generate(&t, &o, capture_fn, &c, &dl));
	ck_assert_uint_eq(c.n, NFOLDER * 4);
	for (size_t i = 0; i < c.n; i++) {
		const char *folder = c.dir[i] + strlen("monitoring/");
		struct buf raw = {0}, gz = {0};
		read_raw(shipped(folder, c.year[i]), &raw);
		ck_assert(sim_gzip(c.text[i].data, c.text[i].len, &gz));
		ck_assert_msg(gz.len == raw.len &&
		    !memcmp(gz.data, raw.data, raw.len),
		    "%s differs from `lantian simulate`'s output",
		    shipped(folder, c.year[i]));
		ck_assert_uint_lt(raw.len, 5u << 20); /* under 5 MB each */
		buf_free(&raw);
		buf_free(&gz);
	}
	capture_free(&c);
	diag_free(&dl);
	sim_table_free(&t);
}
END_TEST

/* A short span is exactly the start of the shipped year (every series
 * starts in 2020 whatever the span). */
START_TEST(short_span_is_prefix)
{
	struct sim_table t = {0};
	load_table(&t);
	struct capture c;
	generate(&t, "2025-01-01", "2025-01-02", SIM_DEFAULT_SEED, &c);
	for (size_t i = 0; i < c.n; i++) {
		struct buf full = {0};
		gunzip_file(shipped(folders[i], 2025), &full);
		ck_assert_uint_gt(full.len, c.text[i].len);
		ck_assert(!memcmp(full.data, c.text[i].data, c.text[i].len));
		ck_assert(!strncmp(full.data + c.text[i].len,
		    "2025-01-03T01", 13));
		buf_free(&full);
	}
	capture_free(&c);
	sim_table_free(&t);
}
END_TEST

/* ---- reading back --------------------------------------------------------- */

#define MAXST 8
#define MAXH (366 * 24)

/* One year of one area as read by monitor.c. */
struct year_data {
	int year;
	int32_t t0;
	size_t nst;
	int64_t (*v)[MAXH][MON_NPOLL]; /* [station][hour][field] */
	uint64_t rows, aqi_checked, aqi_mismatch, primary_mismatch;
	uint64_t range_bad, pm10_below_pm25;
	char first_bad[160];
};

static int
year_collect(const struct mon_record *r, void *ctx)
{
	struct year_data *y = ctx;
	ck_assert_uint_lt(r->st->id, MAXST);
	if (r->st->id + 1 > y->nst)
		y->nst = r->st->id + 1;
	int32_t h = r->t - y->t0;
	ck_assert_int_ge(h, 0);
	ck_assert_int_lt(h, MAXH);
	ck_assert_int_eq(r->year, y->year);
	y->rows++;
	for (int f = 0; f < MON_NPOLL; f++)
		y->v[r->st->id][h][f] = r->v[f];

	/* the published hourly AQI and primary pollutant against aqi.c */
	struct aqi_input in;
	aqi_input_init(&in);
	for (int f = 0; f < MON_NPOLL; f++)
		if (f != MON_O3_8H)
			in.c[f] = r->v[f];
	struct aqi_result res;
	aqi_compute(aqi_standard_for_date(r->year, r->month, r->day),
	    AQI_HOURLY, &in, &res);
	int64_t want = res.aqi == AQI_NONE ? MON_MISSING : res.aqi;
	struct buf names = {0};
	aqi_list(res.primary, 1, ",", &names);
	y->aqi_checked++;
	if (want != r->v[MON_AQI])
		y->aqi_mismatch++;
	if (strcmp(names.data ? names.data : "", r->primary))
		y->primary_mismatch++;
	buf_free(&names);

	/* plausible ranges (fixed point: 1 µg/m³ = MON_SCALE) */
	static const int64_t lo[MON_NPOLL] = { 2, 2, 3, 1, 1, 1, 2 };
	static const int64_t hi[MON_NPOLL] = { 150, 250, 1200, 80, 450, 400,
		700 };
	for (int f = 0; f < MON_NPOLL; f++) {
		if (r->v[f] == MON_MISSING)
			continue;
		int64_t l = lo[f] * (f == MON_CO ? MON_SCALE / 10 : MON_SCALE);
		int64_t u = hi[f] * (f == MON_CO ? MON_SCALE / 10 : MON_SCALE);
		if (r->v[f] < l || r->v[f] > u) {
			if (!y->range_bad++)
				snprintf(y->first_bad, sizeof y->first_bad,
				    "%s:%zu %s", r->file, r->line,
				    mon_field_key((enum mon_field)f));
		}
	}
	if (r->v[MON_PM10] != MON_MISSING && r->v[MON_PM25] != MON_MISSING &&
	    r->v[MON_PM10] < r->v[MON_PM25])
		y->pm10_below_pm25++;
	return 1;
}

static void
year_read(const char *folder, int year, struct year_data *y,
    struct mon_qc *qc)
{
	memset(y, 0, sizeof *y);
	y->year = year;
	y->t0 = mon_hour_index(year, 1, 1, 0);
	y->v = malloc(sizeof *y->v * MAXST);
	ck_assert_ptr_nonnull(y->v);
	for (size_t s = 0; s < MAXST; s++)
		for (int h = 0; h < MAXH; h++)
			for (int f = 0; f < MON_NPOLL; f++)
				y->v[s][h][f] = MON_MISSING;
	struct diag_list dl = {0};
	struct mon_layout *ml = mon_layout_load(lt_path(LAYOUT), &dl);
	ck_assert_ptr_nonnull(ml);
	int ok = mon_read_file(shipped(folder, year), ml, qc, year_collect, y,
	    &dl);
	if (!ok)
		diag_print(&dl, stderr);
	ck_assert(ok);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	mon_layout_free(ml);
	diag_free(&dl);
}

START_TEST(readback_clean)
{
	for (int i = 0; i < NFOLDER; i++) {
		struct mon_qc qc;
		mon_qc_init(&qc);
		uint64_t cells_missing = 0;
		for (int year = 2022; year <= 2025; year++) {
			struct year_data y;
			year_read(folders[i], year, &y, &qc);
			ck_assert_msg(y.aqi_mismatch == 0,
			    "%s %d: %llu aqi mismatches", folders[i], year,
			    (unsigned long long)y.aqi_mismatch);
			ck_assert_uint_eq(y.primary_mismatch, 0);
			ck_assert_msg(y.range_bad == 0, "out of range: %s",
			    y.first_bad);
			ck_assert_uint_eq(y.pm10_below_pm25, 0);
			ck_assert_uint_eq(y.aqi_checked, y.rows);
			free(y.v);
		}
		struct diag_list dl = {0};
		mon_qc_finish(&qc, &dl);
		/* zero rejected rows or cells, everything delivered */
		ck_assert_uint_eq(qc.total.records, qc.total.rows);
		for (int r = 0; r < MON_ROW_NREASON; r++)
			ck_assert_uint_eq(qc.total.row_rejected[r], 0);
		for (int c = 0; c < MON_CELL_NREASON; c++)
			ck_assert_uint_eq(qc.total.cells_rejected[c], 0);
		ck_assert_int_eq(qc.first, mon_hour_index(2022, 1, 1, 0));
		ck_assert_int_eq(qc.last, mon_hour_index(2025, 12, 31, 23));
		/* gaps: all-empty rows at every station, outages of days
		 * somewhere, hours the city's release is absent, single
		 * missing cells */
		uint64_t outages = 0, absent = 0, all_missing = 0;
		for (size_t s = 0; s < qc.n; s++) {
			const struct mon_station *st = qc.v[s];
			ck_assert_str_eq(st->area, folder_area[i]);
			ck_assert_uint_gt(st->all_missing, 10);
			/* at most ~5 % of hours missing per station */
			ck_assert_uint_lt(st->all_missing + st->absent_hours,
			    35064 / 20);
			outages += st->outages;
			absent += st->absent_hours;
			all_missing += st->all_missing;
			for (int f = 0; f < MON_NPOLL; f++)
				if (f != MON_O3_8H)
					cells_missing += st->missing[f];
		}
		ck_assert_uint_ge(outages, 1);
		ck_assert_uint_gt(absent, 0);
		ck_assert_uint_gt(cells_missing, all_missing * 6);
		mon_qc_free(&qc);
		diag_free(&dl);
	}
}
END_TEST

/* The derived columns agree with the hourly ones: x_24h is the mean of
 * the last 24 published hours (>= 20 valid), o3_8h_24h the latest 8 h
 * mean within the natural day (>= 6 of 8), o3_8h the day's maximum so
 * far, o3_24h empty, and an offline row is entirely empty. */
START_TEST(derived_columns)
{
	struct sim_table t = {0};
	load_table(&t);
	struct capture c;
	generate(&t, "2024-07-01", "2024-07-20", SIM_DEFAULT_SEED, &c);
	enum { C_TP, C_CODE, C_PRIM = 6, C_AQI, C_PM10, C_PM10_24, C_PM25,
		C_PM25_24, C_O3, C_O3_24, C_O3_8H, C_O3_8H_24, C_NO2,
		C_NO2_24, C_SO2, C_SO2_24, C_CO, C_CO_24, C_N };
	/* per station: the history of pm2_5 and o3, keyed by hour */
	struct hist { char code[8]; int pm25[600]; int o3[600]; } h[8];
	size_t nh = 0;
	uint64_t checked24 = 0, checked8 = 0, empty_rows = 0;
	char *text = xstrdup(c.text[0].data);
	char *save = NULL;
	int line = 0;
	for (char *l = strtok_r(text, "\n", &save); l;
	    l = strtok_r(NULL, "\n", &save)) {
		if (line++ == 0)
			continue;
		char *f[32];
		ck_assert_int_eq(csv_split(l, f), C_N);
		int y, mo, d, hh;
		ck_assert_int_eq(sscanf(f[C_TP], "%4d-%2d-%2dT%2d00", &y, &mo,
		    &d, &hh), 4);
		int32_t t0 = mon_hour_index(2024, 7, 1, 0);
		int idx = mon_hour_index(y, mo, d, hh) - 1 - t0;
		ck_assert_int_ge(idx, 0);
		ck_assert_int_lt(idx, 600);
		size_t s;
		for (s = 0; s < nh && strcmp(h[s].code, f[C_CODE]); s++)
			;
		if (s == nh) {
			ck_assert_uint_lt(nh, 8);
			snprintf(h[nh].code, sizeof h[nh].code, "%s",
			    f[C_CODE]);
			for (int k = 0; k < 600; k++)
				h[nh].pm25[k] = h[nh].o3[k] = -1;
			nh++;
		}
		ck_assert_str_eq(f[C_O3_24], "");
		if (!*f[C_AQI]) {
			for (int k = C_PRIM; k < C_N; k++)
				ck_assert_str_eq(f[k], "");
			empty_rows++;
			continue;
		}
		h[s].pm25[idx] = *f[C_PM25] ? atoi(f[C_PM25]) : -1;
		h[s].o3[idx] = *f[C_O3] ? atoi(f[C_O3]) : -1;
		if (idx >= 23) {
			long sum = 0, n = 0;
			for (int k = idx - 23; k <= idx; k++)
				if (h[s].pm25[k] >= 0) {
					sum += h[s].pm25[k];
					n++;
				}
			if (n >= 20) {
				double mean = (double)sum / n;
				ck_assert_msg(fabs(atoi(f[C_PM25_24]) - mean) <=
				    0.5, "%s %s pm2_5_24h %s, mean %.2f",
				    f[C_TP], f[C_CODE], f[C_PM25_24], mean);
				checked24++;
			} else
				ck_assert_str_eq(f[C_PM25_24], "");
		}
		int hour = (idx % 24);
		if (hour < 7) {
			ck_assert_str_eq(f[C_O3_8H_24], "");
		} else {
			long sum = 0, n = 0;
			for (int k = idx - 7; k <= idx; k++)
				if (h[s].o3[k] >= 0) {
					sum += h[s].o3[k];
					n++;
				}
			if (n >= 6) {
				double mean = (double)sum / n;
				ck_assert(fabs(atoi(f[C_O3_8H_24]) - mean) <=
				    0.5);
				ck_assert_int_ge(atoi(f[C_O3_8H]),
				    atoi(f[C_O3_8H_24]));
				checked8++;
			}
		}
	}
	ck_assert_uint_gt(checked24, 2000);
	ck_assert_uint_gt(checked8, 1000);
	(void)empty_rows;
	free(text);
	capture_free(&c);
	sim_table_free(&t);
}
END_TEST

/* ---- the climate -------------------------------------------------------- */

/* Per area and year: the figures a bulletin would print. */
struct figures {
	double month_pm25[12];
	double pm25, pm10, no2, so2;   /* annual means, µg/m³ */
	double co95, o3_90;            /* CO-95per mg/m³, O3-8h-90per */
	int valid_days, good, heavy, heavy_winter;
	double min_station_corr;       /* daily PM2.5, between stations */
};

static double
fx(int64_t v)
{
	return (double)v / AQI_SCALE;
}

static void
figures_of(const struct year_data *y, struct figures *fg)
{
	memset(fg, 0, sizeof *fg);
	int ndays = aqstats_days_in_year(y->year);
	int64_t city[366][AQI_NIND];
	int64_t sdaily[MAXST][366];
	int64_t month_sum[12] = {0};
	int month_n[12] = {0};
	int64_t co_d[366], o3_d[366];
	int64_t ann[AQI_NIND] = {0};
	int ann_n[AQI_NIND] = {0};
	for (int d = 0; d < ndays; d++) {
		int64_t st_v[AQI_NIND][MAXST];
		for (size_t s = 0; s < y->nst; s++) {
			for (int f = 0; f < AQI_NIND; f++) {
				int64_t hv[24];
				/* the O3 8 h maximum from the hourly O3 */
				int src = f == AQI_O3_8H ? AQI_O3_1H : f;
				for (int h = 0; h < 24; h++)
					hv[h] = y->v[s][d * 24 + h][src];
				int64_t out = AQI_MISSING;
				if (f == AQI_O3_8H)
					aqstats_o3_max8h_day(hv, 4, &out,
					    NULL);
				else if (f == AQI_O3_1H) {
					int n = 0;
					for (int h = 0; h < 24; h++)
						if (hv[h] != AQI_MISSING) {
							n++;
							if (out == AQI_MISSING ||
							    hv[h] > out)
								out = hv[h];
						}
					if (n < AQSTATS_DAY_MIN_HOURS)
						out = AQI_MISSING;
				} else
					aqstats_daily_mean(hv, 24, 4, &out,
					    NULL);
				st_v[f][s] = out;
			}
			sdaily[s][d] = st_v[AQI_PM25][s];
		}
		struct aqi_input in;
		aqi_input_init(&in);
		for (int f = 0; f < AQI_NIND; f++) {
			aqstats_mean(st_v[f], y->nst,
			    aqi_report_decimals((enum aqi_ind)f), &city[d][f]);
			in.c[f] = city[d][f];
		}
		co_d[d] = city[d][AQI_CO];
		o3_d[d] = city[d][AQI_O3_8H];
		int mo, dd, yy, hh;
		mon_hour_civil(y->t0 + d * 24, &yy, &mo, &dd, &hh);
		if (city[d][AQI_PM25] != AQI_MISSING) {
			month_sum[mo - 1] += city[d][AQI_PM25];
			month_n[mo - 1]++;
		}
		for (int f = 0; f < AQI_NIND; f++)
			if (city[d][f] != AQI_MISSING) {
				ann[f] += city[d][f];
				ann_n[f]++;
			}
		struct aqi_result r;
		aqi_compute(AQI_HJ633_2012, AQI_DAILY, &in, &r);
		if (r.aqi != AQI_NONE && (r.flags & AQI_F_COMPLETE)) {
			fg->valid_days++;
			fg->good += aqi_is_good(r.aqi);
			if (aqi_is_heavy(r.aqi)) {
				fg->heavy++;
				fg->heavy_winter += mo <= 2 || mo >= 11;
			}
		}
	}
	for (int m = 0; m < 12; m++)
		fg->month_pm25[m] = month_n[m] ?
		    fx(month_sum[m]) / month_n[m] : -1;
	fg->pm25 = fx(ann[AQI_PM25]) / ann_n[AQI_PM25];
	fg->pm10 = fx(ann[AQI_PM10]) / ann_n[AQI_PM10];
	fg->no2 = fx(ann[AQI_NO2]) / ann_n[AQI_NO2];
	fg->so2 = fx(ann[AQI_SO2]) / ann_n[AQI_SO2];
	int64_t v;
	aqstats_co_95per(co_d, (size_t)ndays, &v);
	fg->co95 = fx(v);
	aqstats_o3_8h_90per(o3_d, (size_t)ndays, &v);
	fg->o3_90 = fx(v);
	/* Pearson correlation of daily PM2.5 between every two stations */
	fg->min_station_corr = 1;
	for (size_t a = 0; a < y->nst; a++)
		for (size_t b = a + 1; b < y->nst; b++) {
			double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
			int n = 0;
			for (int d = 0; d < ndays; d++) {
				if (sdaily[a][d] == AQI_MISSING ||
				    sdaily[b][d] == AQI_MISSING)
					continue;
				double p = fx(sdaily[a][d]),
				    q = fx(sdaily[b][d]);
				sx += p, sy += q, sxx += p * p, syy += q * q;
				sxy += p * q;
				n++;
			}
			double cov = sxy / n - sx / n * sy / n;
			double r = cov / sqrt((sxx / n - sx / n * sx / n) *
			    (syy / n - sy / n * sy / n));
			if (r < fg->min_station_corr)
				fg->min_station_corr = r;
		}
}

START_TEST(climate)
{
	int report = getenv("LT_SIM_REPORT") != NULL;
	struct figures all[NFOLDER][4];
	for (int i = 0; i < NFOLDER; i++)
		for (int year = 2022; year <= 2025; year++) {
			struct mon_qc qc;
			mon_qc_init(&qc);
			struct year_data y;
			year_read(folders[i], year, &y, &qc);
			struct figures *fg = &all[i][year - 2022];
			figures_of(&y, fg);
			free(y.v);
			mon_qc_free(&qc);
			if (!report)
				continue;
			printf("%s %d PM2.5 by month:", folder_area[i], year);
			for (int m = 0; m < 12; m++)
				printf(" %.0f", fg->month_pm25[m]);
			printf("\n  annual PM2.5 %.1f PM10 %.1f NO2 %.1f SO2 "
			    "%.1f CO-95per %.1f O3-8h-90per %.0f; valid days "
			    "%d, 优良 %d (%.1f%%), 重污染 %d (Nov-Feb %d); "
			    "min station r %.2f\n", fg->pm25, fg->pm10,
			    fg->no2, fg->so2, fg->co95, fg->o3_90,
			    fg->valid_days, fg->good,
			    100.0 * fg->good / fg->valid_days, fg->heavy,
			    fg->heavy_winter, fg->min_station_corr);
			fflush(stdout);
		}
	for (int i = 0; i < NFOLDER; i++) {
		/* 重污染 comes in winter (Nov-Feb); spring dust may add a day */
		int heavy = 0, winter = 0;
		for (int k = 0; k < 4; k++) {
			heavy += all[i][k].heavy;
			winter += all[i][k].heavy_winter;
		}
		ck_assert_msg(winter * 5 >= heavy * 4, "%s: %d of %d heavy days "
		    "in winter", folders[i], winter, heavy);
	}
	for (int i = 0; i < NFOLDER; i++)
		for (int year = 2022; year <= 2025; year++) {
			const struct figures *fg = &all[i][year - 2022];
			/* a Henan plain city of the 2020s */
			ck_assert_msg(fg->pm25 >= 38 && fg->pm25 <= 60,
			    "%s %d PM2.5 %.1f", folders[i], year, fg->pm25);
			ck_assert(fg->pm10 >= 1.4 * fg->pm25 &&
			    fg->pm10 <= 2.1 * fg->pm25);
			double winter = (fg->month_pm25[0] +
			    fg->month_pm25[11]) / 2;
			double summer = (fg->month_pm25[5] +
			    fg->month_pm25[6] + fg->month_pm25[7]) / 3;
			ck_assert_msg(winter >= 65 && winter <= 135,
			    "winter %.0f", winter);
			ck_assert_msg(summer >= 15 && summer <= 35,
			    "summer %.0f", summer);
			ck_assert_msg(fg->heavy >= 1 && fg->heavy <= 25,
			    "%s %d: %d heavy days", folders[i], year,
			    fg->heavy);
			ck_assert_msg(fg->o3_90 >= 145 && fg->o3_90 <= 205,
			    "O3-8h-90per %.0f", fg->o3_90);
			ck_assert(fg->no2 >= 15 && fg->no2 <= 45);
			ck_assert(fg->so2 >= 3 && fg->so2 <= 20);
			ck_assert(fg->co95 >= 0.8 && fg->co95 <= 2.5);
			ck_assert(fg->valid_days >= 330);
			double good = (double)fg->good / fg->valid_days;
			ck_assert_msg(good >= 0.55 && good <= 0.85,
			    "good %.2f", good);
			/* stations of one city move together, not in
			 * lockstep */
			ck_assert_msg(fg->min_station_corr >= 0.8 &&
			    fg->min_station_corr < 0.995, "r %.3f",
			    fg->min_station_corr);
		}
}
END_TEST

static Suite *
simulate_suite(void)
{
	Suite *s = suite_create("simulate");
	TCase *tc = tcase_create("simulate");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, table_shipped);
	tcase_add_test(tc, table_errors);
	tcase_add_test(tc, options);
	tcase_add_test(tc, determinism);
	tcase_add_test(tc, write_files);
	tcase_add_test(tc, short_span_is_prefix);
	tcase_add_test(tc, derived_columns);
	tcase_add_test(tc, readback_clean);
	tcase_add_test(tc, climate);
	tcase_add_test(tc, shipped_regenerate);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(simulate_suite)
