/*
 * test_monitor.c -- the monitoring reader against the real data shipped in
 * tests/data/monitoring/ (the CNEMC sample and the Beijing Dongsi station)
 * and against crafted files with every kind of bad row, plus the hour
 * arithmetic and the data-quality summary.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "aqi.h"
#include "fixtures_air.h"
#include "lt_test.h"
#include "airq.h"
#include "monitor.h"

/* The record layout is shared with aqi.h: same indices, same sentinel. */
_Static_assert((int)MON_SO2 == (int)AQI_SO2 &&
    (int)MON_NO2 == (int)AQI_NO2 && (int)MON_PM10 == (int)AQI_PM10 &&
    (int)MON_CO == (int)AQI_CO && (int)MON_O3_1H == (int)AQI_O3_1H &&
    (int)MON_O3_8H == (int)AQI_O3_8H && (int)MON_PM25 == (int)AQI_PM25 &&
    (int)MON_NPOLL == (int)AQI_NIND,
    "enum mon_field must follow enum aqi_ind");
_Static_assert(MON_MISSING == AQI_MISSING, "missing values agree");

#define CNEMC FX_CNEMC_SAMPLE
#define STATIONS "tests/data/monitoring/stations.csv"
#define DONGSI "tests/data/monitoring/PRSA_Data_Dongsi_20130301-20170228.csv.gz"
#define CNEMC_HEADER "timepoint,stationcode,longitude,latitude,area," \
	"positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,o3," \
	"o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n"

/* ---- helpers ----------------------------------------------------------- */

static char tmpdir[64];

static void
tmp_setup(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/lt_monitor_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
tmp_teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

/* Path of a file in the test's temporary directory (static buffer). */
static const char *
tmp(const char *name)
{
	static char p[4][256];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void
write_gz(const char *path, const char *data, size_t len)
{
	gzFile gz = gzopen(path, "wb");
	ck_assert_ptr_nonnull(gz);
	ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
	gzclose(gz);
}

/* The whole (possibly gzipped) file into b. */
static void
read_whole(const char *path, struct buf *b)
{
	gzFile gz = gzopen(path, "rb");
	ck_assert_ptr_nonnull(gz);
	char chunk[65536];
	int n;
	while ((n = gzread(gz, chunk, sizeof chunk)) > 0)
		buf_put(b, chunk, (size_t)n);
	ck_assert_int_eq(n, 0);
	gzclose(gz);
}

static struct mon_layout *
layout_file(const char *name)
{
	char rel[256];
	struct diag_list dl = {0};
	snprintf(rel, sizeof rel, "templates/layouts/%s", name);
	struct mon_layout *ml = mon_layout_load(lt_path(rel), &dl);
	ck_assert_msg(ml != NULL, "layout %s", name);
	diag_free(&dl);
	return ml;
}

static struct mon_layout *
layout_text(const char *text)
{
	struct diag_list dl = {0};
	struct mon_layout *ml = mon_layout_parse("test.layout", text,
	    strlen(text), &dl);
	if (!ml)
		diag_print(&dl, stderr);
	ck_assert_ptr_nonnull(ml);
	diag_free(&dl);
	return ml;
}

/* What a whole read produced. */
/* The hand-written files of these tests: a time column t, a station
 * column s and PM2.5 in p (TSP_HEADER), empty cells missing. */
#define TSP_HEADER "t,s,p\n"
static struct mon_layout *
tsp_layout(void)
{
	return layout_text("time = t %Y-%m-%d %H\n"
	    "station = s\npm25 = p ug/m3\nmissing = \"\"\n");
}

struct got {
	size_t n;
	uint64_t sum;     /* order-sensitive hash of every record */
	struct mon_record want[16]; /* records at the hours asked for */
	int32_t at[16];
	const char *at_station[16];
	int found[16];
	char primary[16][96];
	size_t nat;
};

static void
want_at(struct got *g, const char *station, int y, int m, int d, int h)
{
	g->at_station[g->nat] = station;
	g->at[g->nat++] = mon_hour_index(y, m, d, h);
}

static uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
	return h * 0x100000001B3ULL;
}

static int
collect(const struct mon_record *r, void *ctx)
{
	struct got *g = ctx;
	g->n++;
	g->sum = mix(g->sum, r->st->id);
	g->sum = mix(g->sum, (uint64_t)(int64_t)r->t);
	g->sum = mix(g->sum, r->valid);
	for (int f = 0; f < MON_NFIELD; f++)
		g->sum = mix(g->sum, (uint64_t)r->v[f]);
	for (const char *s = r->primary; *s; s++)
		g->sum = mix(g->sum, (unsigned char)*s);
	for (size_t i = 0; i < g->nat; i++)
		if (r->t == g->at[i] && strcmp(r->st->code, g->at_station[i]) == 0) {
			g->want[i] = *r;
			snprintf(g->primary[i], sizeof g->primary[i], "%s",
			    r->primary);
			g->found[i]++;
		}
	return 1;
}

static int
read_into(const char *path, const struct mon_layout *ml, struct mon_qc *qc,
    struct got *g, struct diag_list *dl)
{
	return mon_read_file(path, ml, qc, collect, g, dl);
}

static int
has_diag(const struct diag_list *dl, enum diag_level lv, size_t line,
    const char *msg)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == lv && (line == (size_t)-1 ||
		    dl->v[i].line == line) && strstr(dl->v[i].msg, msg))
			return 1;
	return 0;
}

#define V(x) ((int64_t)(x) * MON_SCALE)

/* ---- hours ---------------------------------------------------------------- */

START_TEST(hour_index)
{
	ck_assert_int_eq(mon_hour_index(2000, 1, 1, 0), 0);
	ck_assert_int_eq(mon_hour_index(2000, 1, 1, 23), 23);
	ck_assert_int_eq(mon_hour_index(1999, 12, 31, 23), -1);
	ck_assert_int_eq(mon_hour_index(2000, 3, 1, 0), (31 + 29) * 24);
	ck_assert_int_eq(mon_hour_index(2001, 1, 1, 0), 366 * 24);
	/* 2000-01-01 .. 2024-01-01: 24 years, 6 leap days */
	ck_assert_int_eq(mon_hour_index(2024, 1, 1, 0), (24 * 365 + 6) * 24);
	/* hour 24 is the next day's 00 */
	ck_assert_int_eq(mon_hour_index(2016, 2, 28, 24),
	    mon_hour_index(2016, 2, 29, 0));
	/* round trip across 1900..2200, through leap and century years */
	int32_t from = mon_hour_index(1900, 1, 1, 0);
	int32_t to = mon_hour_index(2200, 12, 31, 23);
	int py = 1899, pm = 12, pd = 31;
	for (int32_t t = from; t <= to; t += 24) {
		int y, m, d, h;
		mon_hour_civil(t + 5, &y, &m, &d, &h);
		ck_assert_int_eq(h, 5);
		ck_assert_int_eq(mon_hour_index(y, m, d, h), t + 5);
		/* consecutive days */
		int next = (d == pd + 1 && m == pm && y == py) ||
		    (d == 1 && ((m == pm + 1 && y == py) ||
		    (m == 1 && pm == 12 && y == py + 1)));
		ck_assert_msg(next, "%d-%d-%d after %d-%d-%d", y, m, d, py, pm,
		    pd);
		py = y, pm = m, pd = d;
	}
	int y, m, d, h;
	mon_hour_civil(mon_hour_index(2100, 3, 1, 0) - 1, &y, &m, &d, &h);
	ck_assert(y == 2100 && m == 2 && d == 28 && h == 23);
	char s[32];
	mon_hour_format(mon_hour_index(2024, 1, 1, 5), s, sizeof s);
	ck_assert_str_eq(s, "2024-01-01 05时");
}
END_TEST

START_TEST(rescale)
{
	int exact;
	ck_assert_int_eq(mon_rescale(22000, 1000, &exact), 2200);
	ck_assert_int_eq(exact, 1);
	/* 3.4272 µg/m³ to 1/1000: 3.427, not exact */
	ck_assert_int_eq(mon_rescale(34272, 1000, &exact), 3427);
	ck_assert_int_eq(exact, 0);
	/* half to even */
	ck_assert_int_eq(mon_rescale(34275, 1000, &exact), 3428);
	ck_assert_int_eq(mon_rescale(34265, 1000, &exact), 3426);
	ck_assert_int_eq(mon_rescale(34266, 1000, &exact), 3427);
	ck_assert_int_eq(mon_rescale(15, 1, &exact), 0);
	ck_assert_int_eq(mon_rescale(5000, 1, &exact), 0);
	ck_assert_int_eq(mon_rescale(15000, 1, &exact), 2);
	ck_assert_int_eq(mon_rescale(7, 100000, &exact), 70);
	ck_assert_int_eq(exact, 1);
	ck_assert(mon_rescale(MON_MISSING, 1000, NULL) == MON_MISSING);
}
END_TEST

/* ---- the CNEMC sample ------------------------------------------------------ */

START_TEST(cnemc_sample)
{
	struct mon_layout *ml = layout_file("cnemc-realtime.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	/* timepoint 2024-01-01T0000 is the hour 2023-12-31 23:00-24:00 */
	want_at(&g, "2404A", 2023, 12, 31, 23);
	want_at(&g, "3981A", 2024, 1, 1, 2);
	want_at(&g, "1830A", 2024, 1, 1, 0);
	want_at(&g, "1828A", 2023, 12, 31, 23);
	ck_assert(read_into(lt_path(CNEMC), ml, &qc, &g, &dl));
	mon_qc_finish(&qc, &dl);
	ck_assert_int_eq(g.n, 64);
	ck_assert_int_eq(qc.n, 16);
	ck_assert_int_eq(qc.total.rows, 64);
	ck_assert_int_eq(qc.total.records, 64);
	ck_assert_int_eq(qc.first, mon_hour_index(2023, 12, 31, 23));
	ck_assert_int_eq(qc.last, mon_hour_index(2024, 1, 1, 2));
	ck_assert_int_eq(dl.n, 0);

	/* 2024-01-01T0000,2404A,...,南阳市,瓦房庄,细颗粒物(PM2.5),122,104,130,
	 * 92,109,69,,73,63,20,35,4,6,0.9,1 */
	const struct mon_record *r = &g.want[0];
	ck_assert_int_eq(g.found[0], 1);
	ck_assert_int_eq(r->year, 2023);
	ck_assert_int_eq(r->month, 12);
	ck_assert_int_eq(r->day, 31);
	ck_assert_int_eq(r->hour, 23);
	ck_assert_int_eq(r->v[MON_AQI], 122);
	ck_assert_int_eq(r->v[MON_PM10], V(104));
	ck_assert_int_eq(r->v[MON_PM25], V(92));
	ck_assert_int_eq(r->v[MON_O3_1H], V(69));
	ck_assert_int_eq(r->v[MON_O3_8H], V(63));
	ck_assert_int_eq(r->v[MON_NO2], V(20));
	ck_assert_int_eq(r->v[MON_SO2], V(4));
	ck_assert_int_eq(r->v[MON_CO], 9000); /* 0.9 mg/m³ */
	ck_assert_uint_eq(r->valid, (1u << MON_NFIELD) - 1);
	ck_assert_str_eq(g.primary[0], "细颗粒物(PM2.5)");
	ck_assert_str_eq(r->st->name, "瓦房庄");
	ck_assert_str_eq(r->st->area, "南阳市");
	ck_assert_int_eq(r->line, 4);

	/* 2024-01-01T0300,3981A,...,122,130,103,92,81,39,,,,33,35,10,11,0.9,
	 * 1.3: no 8 h value after the start of the day */
	r = &g.want[1];
	ck_assert_int_eq(g.found[1], 1);
	ck_assert_int_eq(r->v[MON_AQI], 122);
	ck_assert_int_eq(r->v[MON_PM10], V(130));
	ck_assert_int_eq(r->v[MON_PM25], V(92));
	ck_assert_int_eq(r->v[MON_O3_1H], V(39));
	ck_assert(!(r->valid & (1u << MON_O3_8H)));
	ck_assert(r->v[MON_O3_8H] == MON_MISSING);
	ck_assert_int_eq(r->v[MON_NO2], V(33));
	ck_assert_int_eq(r->v[MON_SO2], V(10));
	ck_assert_int_eq(r->v[MON_CO], 9000);

	/* 1830A 影视城: offline, every cell empty */
	r = &g.want[2];
	ck_assert_int_eq(g.found[2], 1);
	ck_assert_uint_eq(r->valid, 0);
	ck_assert_str_eq(g.primary[2], "");
	const struct mon_station *st = mon_qc_station(&qc, "1830A");
	ck_assert_int_eq(st->records, 4);
	ck_assert_int_eq(st->all_missing, 4);
	for (int f = 0; f < MON_NFIELD; f++) {
		ck_assert_int_eq(st->valid[f], 0);
		ck_assert_int_eq(st->missing[f], 4);
	}
	ck_assert_int_eq(st->outages, 0); /* 4 hours: not a stretch of days */

	/* 1828A at T0000: CO 1.1, O3 8 h 46 */
	ck_assert_int_eq(g.want[3].v[MON_CO], 11000);
	ck_assert_int_eq(g.want[3].v[MON_O3_8H], V(46));

	/* README: o3_8h_24h empty in all rows of 01:00-03:00 plus 1830A at
	 * 00:00; 210 of 960 measurement cells empty over 15 columns, of which
	 * the 7 columns read here hold 4*7 (1830A) + 48 + 1 */
	uint64_t valid8 = 0, miss8 = 0, missing = 0;
	for (size_t i = 0; i < qc.n; i++) {
		valid8 += qc.v[i]->valid[MON_O3_8H];
		miss8 += qc.v[i]->missing[MON_O3_8H];
		for (int f = 0; f < MON_NPOLL; f++)
			missing += qc.v[i]->missing[f];
		ck_assert_int_eq(qc.v[i]->records, 4);
		ck_assert_int_eq(qc.v[i]->absent_hours, 0);
	}
	ck_assert_int_eq(valid8, 15);
	ck_assert_int_eq(miss8, 49);
	ck_assert_int_eq(missing, 4 * 7 + 48 + 1 - 4);

	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* Every station of stations.csv is read with its name and city. */
START_TEST(cnemc_stations)
{
	struct mon_layout *ml = layout_file("cnemc-realtime.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(mon_read_file(lt_path(CNEMC), ml, &qc, NULL, NULL, &dl));
	struct buf b = {0};
	read_whole(lt_path(STATIONS), &b);
	int n = 0;
	char *save, *line = strtok_r(b.data, "\n", &save);
	for (line = strtok_r(NULL, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save)) {
		char *f[5], *s2, *p = strtok_r(line, ",", &s2);
		for (int i = 0; i < 5 && p; i++, p = strtok_r(NULL, ",", &s2))
			f[i] = p;
		const struct mon_station *st = mon_qc_station(&qc, f[0]);
		ck_assert_msg(st != NULL, "station %s", f[0]);
		ck_assert_str_eq(st->area, f[1]);
		ck_assert_str_eq(st->name, f[2]);
		ck_assert_int_eq(st->records, 4);
		n++;
	}
	ck_assert_int_eq(n, 16);
	buf_free(&b);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- the Beijing station file ------------------------------------------- */

static void
check_dongsi(const struct mon_qc *qc, const struct got *g)
{
	ck_assert_int_eq(g->n, 35064);
	ck_assert_int_eq(qc->n, 1);
	const struct mon_station *st = mon_qc_station(qc, "1003A");
	ck_assert_ptr_nonnull(st);
	ck_assert_str_eq(st->name, "东四");
	ck_assert_str_eq(st->area, "北京市");
	ck_assert_int_eq(st->rows, 35064);
	ck_assert_int_eq(st->records, 35064);
	ck_assert_int_eq(st->first, mon_hour_index(2013, 3, 1, 0));
	ck_assert_int_eq(st->last, mon_hour_index(2017, 2, 28, 23));
	ck_assert_int_eq(st->last - st->first + 1, 35064);
	ck_assert_int_eq(st->absent_hours, 0);
	/* NA counts, measured with awk on the file */
	static const struct {
		int f;
		uint64_t na;
	} na[] = {{MON_PM25, 750}, {MON_PM10, 553}, {MON_SO2, 663},
	    {MON_NO2, 1601}, {MON_CO, 3197}, {MON_O3_1H, 664}};
	for (size_t i = 0; i < sizeof na / sizeof na[0]; i++) {
		ck_assert_int_eq(st->missing[na[i].f], na[i].na);
		ck_assert_int_eq(st->valid[na[i].f], 35064 - na[i].na);
		for (int k = 0; k < MON_CELL_NREASON; k++)
			ck_assert_int_eq(st->rejected[na[i].f][k], 0);
	}
	ck_assert_int_eq(st->valid[MON_O3_8H] + st->missing[MON_O3_8H], 0);
	ck_assert_int_eq(st->all_missing, 451);
	/* 4 stretches of >= 24 h with every pollutant NA (awk): 42 h from
	 * 2013-08-10 20, 57 h from 2016-06-04 09, 55 h, 40 h */
	ck_assert_int_eq(st->outages, 4);
	ck_assert_int_eq(st->longest_outage, 57);
	ck_assert_int_eq(st->longest_outage_start,
	    mon_hour_index(2016, 6, 4, 9));
	for (int k = 0; k < MON_ROW_NREASON; k++)
		ck_assert_int_eq(st->row_rejected[k], 0);

	/* 1,2013,3,1,0,9,9,3,17,300,89,... */
	const struct mon_record *r = &g->want[0];
	ck_assert_int_eq(g->found[0], 1);
	ck_assert_int_eq(r->v[MON_PM25], V(9));
	ck_assert_int_eq(r->v[MON_PM10], V(9));
	ck_assert_int_eq(r->v[MON_SO2], V(3));
	ck_assert_int_eq(r->v[MON_NO2], V(17));
	ck_assert_int_eq(r->v[MON_CO], 3000); /* 300 µg/m³ = 0.3 mg/m³ */
	ck_assert_int_eq(r->v[MON_O3_1H], V(89));
	ck_assert_uint_eq(r->valid, (1u << MON_SO2) | (1u << MON_NO2) |
	    (1u << MON_PM10) | (1u << MON_CO) | (1u << MON_O3_1H) |
	    (1u << MON_PM25));
	ck_assert_int_eq(r->line, 2);
	/* 75,2013,3,4,2,43,48,6.2832,20.1194,NA,94: four decimals, exact */
	r = &g->want[1];
	ck_assert_int_eq(g->found[1], 1);
	ck_assert_int_eq(r->v[MON_SO2], 62832);
	ck_assert_int_eq(r->v[MON_NO2], 201194);
	ck_assert(!(r->valid & (1u << MON_CO)));
	ck_assert_int_eq(r->v[MON_O3_1H], V(94));
	/* 10706,2014,5,21,1,105.4,124,22.9,68.2,1100,54.7 */
	r = &g->want[2];
	ck_assert_int_eq(r->v[MON_PM25], 1054000);
	ck_assert_int_eq(r->v[MON_SO2], 229000);
	ck_assert_int_eq(r->v[MON_CO], 11000);
	ck_assert_int_eq(r->v[MON_O3_1H], 547000);
	/* 24133,2015,12,1,12,637,637,38,143,9900,4 (a heavy episode) */
	r = &g->want[3];
	ck_assert_int_eq(r->v[MON_PM25], V(637));
	ck_assert_int_eq(r->v[MON_CO], 99000);
	/* 35064,2017,2,28,23,30,71,11,87,1200,4 */
	r = &g->want[4];
	ck_assert_int_eq(g->found[4], 1);
	ck_assert_int_eq(r->v[MON_PM25], V(30));
	ck_assert_int_eq(r->v[MON_CO], 12000);
	ck_assert_int_eq(r->line, 35065);
}

static void
want_dongsi(struct got *g)
{
	want_at(g, "1003A", 2013, 3, 1, 0);
	want_at(g, "1003A", 2013, 3, 4, 2);
	want_at(g, "1003A", 2014, 5, 21, 1);
	want_at(g, "1003A", 2015, 12, 1, 12);
	want_at(g, "1003A", 2017, 2, 28, 23);
}

/* Read the Dongsi file with ml into qc (initialised here) and check what
 * every Beijing layout must give (check_dongsi). */
static void
read_dongsi(const struct mon_layout *ml, struct mon_qc *qc,
    struct diag_list *dl)
{
	struct got g = {0};
	mon_qc_init(qc);
	want_dongsi(&g);
	ck_assert(read_into(lt_path(DONGSI), ml, qc, &g, dl));
	mon_qc_finish(qc, dl);
	check_dongsi(qc, &g);
}

START_TEST(beijing_dongsi)
{
	struct mon_layout *ml = layout_file("beijing-prsa.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	read_dongsi(ml, &qc, &dl);
	/* one warning per outage, with file and line */
	ck_assert_int_eq(dl.n, 4);
	ck_assert(has_diag(&dl, DIAG_WARNING, 28652,
	    "站点 1003A 连续 57 小时无有效数据（2016-06-04 09时 至 2016-06-06 17时）"));
	ck_assert_str_eq(dl.v[0].file, lt_path(DONGSI));

	struct buf b = {0};
	mon_qc_write_text(&qc, &b);
	ck_assert(strstr(b.data, "站点 1003A 东四（北京市）\n"));
	ck_assert(strstr(b.data, "2013-03-01 00时 至 2017-02-28 23时；行 35064，采用 35064，全部缺测 451"));
	ck_assert(strstr(b.data, "PM2.5 34314/750/0"));
	ck_assert(strstr(b.data, "CO 31867/3197/0"));
	ck_assert(strstr(b.data, "最长 57 小时（自 2016-06-04 09时）"));
	buf_free(&b);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* The station taken from the file name instead of the column. */
START_TEST(beijing_station_from_name)
{
	struct buf lt = {0};
	struct buf text = {0};
	read_whole(lt_path(FX_BEIJING_LAYOUT), &text);
	/* the shipped layout with "station = station" replaced */
	char *p = strstr(text.data, "\nstation = station\n");
	ck_assert_ptr_nonnull(p);
	buf_put(&lt, text.data, (size_t)(p - text.data));
	buf_puts(&lt, "\nstation.file = PRSA_Data_{}_*.csv*\n");
	buf_puts(&lt, p + strlen("\nstation = station\n"));
	struct mon_layout *ml = layout_text(lt.data);
	struct mon_qc qc;
	struct diag_list dl = {0};
	read_dongsi(ml, &qc, &dl);

	/* a file name that does not fit the pattern is an error */
	mon_qc_free(&qc);
	mon_qc_init(&qc);
	ck_assert(!mon_read_file(lt_path(CNEMC), ml, &qc, NULL, NULL, &dl));
	ck_assert(has_diag(&dl, DIAG_ERROR, 0, "文件名不符合布局 beijing-prsa 的站点模式“PRSA_Data_{}_*.csv*”"));
	buf_free(&lt);
	buf_free(&text);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- the same data in other wrappings --------------------------------- */

static uint64_t
sum_of(const char *path, const struct mon_layout *ml, size_t *n,
    struct buf *summary)
{
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	ck_assert(read_into(path, ml, &qc, &g, &dl));
	mon_qc_finish(&qc, &dl);
	if (summary)
		mon_qc_write_text(&qc, summary);
	*n = g.n;
	mon_qc_free(&qc);
	diag_free(&dl);
	return g.sum;
}

START_TEST(gzip_and_plain)
{
	struct mon_layout *bj = layout_file("beijing-prsa.layout");
	struct mon_layout *cn = layout_file("cnemc-realtime.layout");
	struct buf raw = {0}, s1 = {0}, s2 = {0};
	size_t n1, n2;

	read_whole(lt_path(DONGSI), &raw);
	ck_assert_int_eq(raw.len, 2636684);
	write_file(tmp("dongsi.csv"), raw.data, raw.len);
	uint64_t a = sum_of(lt_path(DONGSI), bj, &n1, &s1);
	uint64_t b = sum_of(tmp("dongsi.csv"), bj, &n2, &s2);
	ck_assert_int_eq(n1, 35064);
	ck_assert_int_eq(n2, n1);
	ck_assert(a == b);
	ck_assert_str_eq(s1.data, s2.data);
	buf_free(&raw);
	buf_free(&s1);
	buf_free(&s2);

	read_whole(lt_path(CNEMC), &raw);
	write_gz(tmp("cnemc.csv.gz"), raw.data, raw.len);
	a = sum_of(lt_path(CNEMC), cn, &n1, &s1);
	b = sum_of(tmp("cnemc.csv.gz"), cn, &n2, &s2);
	ck_assert_int_eq(n1, 64);
	ck_assert_int_eq(n2, 64);
	ck_assert(a == b);
	ck_assert_str_eq(s1.data, s2.data);
	buf_free(&s2);

	/* UTF-8 BOM and CRLF line ends, gzipped or not: the same records */
	struct buf crlf = {0};
	buf_puts(&crlf, "\xEF\xBB\xBF");
	for (size_t i = 0; i < raw.len; i++) {
		if (raw.data[i] == '\n')
			buf_putc(&crlf, '\r');
		buf_putc(&crlf, raw.data[i]);
	}
	write_file(tmp("bom.csv"), crlf.data, crlf.len);
	write_gz(tmp("bom.csv.gz"), crlf.data, crlf.len);
	b = sum_of(tmp("bom.csv"), cn, &n2, &s2);
	ck_assert(a == b);
	ck_assert_str_eq(s1.data, s2.data);
	buf_free(&s2);
	b = sum_of(tmp("bom.csv.gz"), cn, &n2, NULL);
	ck_assert(a == b);

	/* without the last newline */
	write_file(tmp("nonl.csv"), raw.data, raw.len - 1);
	b = sum_of(tmp("nonl.csv"), cn, &n2, NULL);
	ck_assert(a == b);

	/* headerless, columns by number, tab-separated */
	struct buf tsv = {0};
	const char *body = strchr(raw.data, '\n') + 1;
	for (const char *s = body; *s; s++)
		buf_putc(&tsv, *s == ',' ? '\t' : *s);
	write_file(tmp("cnemc.tsv"), tsv.data, tsv.len);
	struct mon_layout *nh = layout_text("header = no\ndelimiter = tab\n"
	    "time = $1 %Y-%m-%dT%H%M\ntime.marks = end\nstation = $2\n"
	    "area = $5\nstation.name = $6\nprimary = $7\naqi = $8\n"
	    "pm10 = $9 ug/m3\npm25 = $11 ug/m3\no3_1h = $13 ug/m3\n"
	    "o3_8h = $16 ug/m3\nno2 = $17 ug/m3\nso2 = $19 ug/m3\n"
	    "co = $21 mg/m3\nmissing = \"\"\n");
	b = sum_of(tmp("cnemc.tsv"), nh, &n2, &s2);
	ck_assert_int_eq(n2, 64);
	ck_assert(a == b);
	ck_assert_str_eq(s1.data, s2.data);

	mon_layout_free(nh);
	buf_free(&tsv);
	buf_free(&crlf);
	buf_free(&raw);
	buf_free(&s1);
	buf_free(&s2);
	mon_layout_free(bj);
	mon_layout_free(cn);
}
END_TEST

/* ---- bad rows ------------------------------------------------------------------ */

/* A CNEMC row for station st at timepoint hh:00 with PM2.5 text p. */
#define ROW(hh, st, p) "2024-01-01T" hh "00," st ",113.2,35.2,焦作市,甲,," \
	"50,40,40," p ",30,60,,,,20,20,5,5,0.5,0.5\n"

START_TEST(bad_rows)
{
	struct buf f = {0};
	buf_puts(&f, CNEMC_HEADER);
	buf_puts(&f, ROW("01", "9001A", "30"));          /* line 2 */
	buf_puts(&f, ROW("02", "9001A", "-"));           /* placeholder */
	buf_puts(&f, ROW("03", "9001A", "—"));           /* placeholder */
	buf_puts(&f, ROW("04", "9001A", "abc"));         /* not a number */
	buf_puts(&f, ROW("05", "9001A", "-5"));          /* negative */
	buf_puts(&f, ROW("06", "9001A", "1.23456"));     /* precision */
	buf_puts(&f, ROW("07", "9001A", "12345678901234567890")); /* range */
	buf_puts(&f, ROW("08", "9001A", ""));            /* missing, line 9 */
	buf_puts(&f, ROW("08", "9001A", ""));            /* duplicate */
	buf_puts(&f, ROW("08", "9001A", "31"));          /* conflict */
	buf_puts(&f, ROW("03", "9001A", "30"));          /* out of order */
	buf_puts(&f, "2024-01-01T0900,9001A,113.2\n");   /* short, line 13 */
	buf_puts(&f, "2024-01-01T0900,9001A,113.2,35.2,焦作市,甲,,50,40,40,"
	    "30,30,60,,,,20,20,5,5,0.5,0.5,extra\n");    /* long */
	buf_puts(&f, ROW("1", "9001A", "30"));           /* bad time */
	buf_puts(&f, "2024-13-01T1000,9001A,113.2,35.2,焦作市,甲,,50,40,40,"
	    "30,30,60,,,,20,20,5,5,0.5,0.5\n");          /* month 13 */
	buf_puts(&f, "2024-01-01T1030,9001A,113.2,35.2,焦作市,甲,,50,40,40,"
	    "30,30,60,,,,20,20,5,5,0.5,0.5\n");          /* minutes */
	buf_puts(&f, ROW("10", "", "30"));               /* no station */
	buf_puts(&f, "2024-01-01T1100,9001A,113.2,35.2,\"焦作市,甲,,50,40,40,"
	    "30,30,60,,,,20,20,5,5,0.5,0.5\n");          /* quote */
	buf_puts(&f, "2024-01-01T1100,9001A,113.2,35.2,焦作市,\xff,,50,40,40,"
	    "30,30,60,,,,20,20,5,5,0.5,0.5\n");          /* not UTF-8 */
	buf_puts(&f, "\n   \n");                         /* blank lines 21-22 */
	static const char nul[] = "2024-01-01T1100,9001A,113.2,35.2,\0,甲,,"
	    "50,40,40,30,30,60,,,,20,20,5,5,0.5,0.5\n";
	buf_put(&f, nul, sizeof nul - 1);                /* NUL, line 23 */
	for (int i = 0; i < 70000; i++)                  /* too long, line 24 */
		buf_putc(&f, 'x');
	buf_putc(&f, '\n');
	buf_puts(&f, ROW("12", "9001A", "+7.50"));       /* line 25 */
	buf_puts(&f, ROW("13", "9001A", " 8 "));
	buf_puts(&f, "2024-01-01T1400,9001A,113.2,35.2,焦作市,甲,"
	    "\"颗粒物(PM10),细颗粒物(PM2.5)\",151,251,40,\"115\",30,60,,,,"
	    "20,20,5,5,0.5,0.5\n");                      /* quoted cells */
	buf_puts(&f, "2024-01-01T2400,9002A,113.2,35.2,焦作市,乙,,,,,,,,,,,,,,,,\n");
	write_file(tmp("bad.csv"), f.data, f.len);

	struct mon_layout *ml = layout_file("cnemc-realtime.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	want_at(&g, "9001A", 2024, 1, 1, 11);
	want_at(&g, "9001A", 2024, 1, 1, 12);
	want_at(&g, "9001A", 2024, 1, 1, 13);
	want_at(&g, "9002A", 2024, 1, 1, 23);
	want_at(&g, "9001A", 2024, 1, 1, 7);
	struct mon_reader *r = mon_reader_open(tmp("bad.csv"), ml, &qc, &dl);
	ck_assert_ptr_nonnull(r);
	struct mon_record rec;
	int rc;
	while ((rc = mon_reader_next(r, &rec)) > 0)
		collect(&rec, &g);
	ck_assert_int_eq(rc, 0);
	const struct mon_file_stats *fs = mon_reader_stats(r);
	ck_assert_int_eq(fs->lines, 28);
	ck_assert_int_eq(fs->blank, 2);
	ck_assert_int_eq(fs->rows, 25);
	ck_assert_int_eq(fs->records, 12);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_SHORT], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_LONG], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_TIME], 3);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_NO_STATION], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_QUOTE], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_ENCODING], 2);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_TOO_LONG], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_DUPLICATE], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_CONFLICT], 1);
	ck_assert_int_eq(fs->row_rejected[MON_ROW_ORDER], 1);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_PLACEHOLDER], 2);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_NOT_NUMBER], 1);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_NEGATIVE], 1);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_PRECISION], 1);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_RANGE], 1);
	ck_assert_int_eq(fs->cells_rejected[MON_CELL_EMPTY], 0);
	mon_reader_close(r);
	ck_assert_int_eq(g.n, 12);

	const struct mon_station *a = mon_qc_station(&qc, "9001A");
	ck_assert_int_eq(a->records, 11);
	/* rows naming 9001A: 11 kept + dup, conflict, order, short, long,
	 * three bad times */
	ck_assert_int_eq(a->rows, 19);
	ck_assert_int_eq(a->valid[MON_PM25], 4);  /* 30, +7.50, " 8 ", 115 */
	ck_assert_int_eq(a->missing[MON_PM25], 1);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_PLACEHOLDER], 2);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_NOT_NUMBER], 1);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_NEGATIVE], 1);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_PRECISION], 1);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_RANGE], 1);
	ck_assert_int_eq(a->valid[MON_PM10], 11);
	ck_assert_int_eq(a->valid[MON_CO], 11);
	ck_assert_int_eq(a->missing[MON_O3_8H], 11);
	ck_assert_int_eq(a->row_rejected[MON_ROW_DUPLICATE], 1);
	ck_assert_int_eq(a->row_rejected[MON_ROW_CONFLICT], 1);
	ck_assert_int_eq(a->row_rejected[MON_ROW_ORDER], 1);
	ck_assert_int_eq(a->row_rejected[MON_ROW_SHORT], 1);
	ck_assert_int_eq(a->row_rejected[MON_ROW_LONG], 1);
	ck_assert_int_eq(a->row_rejected[MON_ROW_TIME], 3);
	ck_assert_int_eq(a->row_rejected[MON_ROW_QUOTE], 0);
	/* kept: hours 0..7 (timepoints 01..08), 11, 12, 13 */
	ck_assert_int_eq(a->first, mon_hour_index(2024, 1, 1, 0));
	ck_assert_int_eq(a->last, mon_hour_index(2024, 1, 1, 13));
	ck_assert_int_eq(a->absent_hours, 3);

	/* the first of the duplicate rows won: PM2.5 at 07 is missing */
	ck_assert(!(g.want[4].valid & (1u << MON_PM25)));
	ck_assert_int_eq(g.want[4].line, 9);
	ck_assert_int_eq(g.want[0].v[MON_PM25], 75000);
	ck_assert_int_eq(g.want[1].v[MON_PM25], 80000);
	ck_assert_int_eq(g.want[2].v[MON_PM25], 1150000);
	ck_assert_int_eq(g.want[2].v[MON_AQI], 151);
	ck_assert_str_eq(g.primary[2], "颗粒物(PM10),细颗粒物(PM2.5)");
	/* T2400 is the next day's 00:00, the end of hour 23 */
	ck_assert_int_eq(g.found[3], 1);
	ck_assert_uint_eq(g.want[3].valid, 0);
	const struct mon_station *b = mon_qc_station(&qc, "9002A");
	ck_assert_int_eq(b->all_missing, 1);
	ck_assert_int_eq(b->missing[MON_PM25], 1);
	ck_assert_int_eq(qc.n, 2); /* no station from a malformed row */

	/* warnings with file:line for each kind */
	const char *p = tmp("bad.csv");
	ck_assert(has_diag(&dl, DIAG_WARNING, 3, "PM2.5 的值“-”被剔除：占位符"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 5, "“abc”被剔除：非数值"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 6, "被剔除：负值"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 7, "被剔除：小数位过多"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 8, "被剔除：数值过大"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 10, "重复出现（数值相同）"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 11, "重复出现且数值不同"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 12, "时间倒序"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 13, "行只有 3 列，应为 22 列"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 14, "行有 23 列以上"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 15, "时间“2024-01-01T100”无法识别"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 16, "无法识别"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 17, "无法识别"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 18, "缺少站点"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 19, "引号不配对"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 20, "不是有效的 UTF-8"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 23, "不是有效的 UTF-8"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 24, "行超过 64 KiB"));
	for (size_t i = 0; i < dl.n; i++) {
		ck_assert_int_eq(dl.v[i].level, DIAG_WARNING);
		ck_assert_str_eq(dl.v[i].file, p);
	}

	mon_qc_finish(&qc, &dl);
	struct buf s = {0};
	mon_qc_write_text(&qc, &s);
	ck_assert(strstr(s.data, "剔除的单元格：占位符 2，非数值 1，负值 1，小数位过多 1，数值过大 1\n"));
	ck_assert(strstr(s.data, "剔除的行：列数不足 1，列数过多 1，时间无效 3，重复（数值相同） 1，重复（数值不同） 1，时间倒序 1\n"));
	ck_assert(strstr(s.data, "数据行 25，采用 12\n"));
	buf_free(&s);
	buf_free(&f);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* Beijing: an empty cell is not a gap, "NA" is; diagnostics are capped. */
START_TEST(bad_cells_beijing)
{
	struct buf f = {0};
	buf_puts(&f, "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\","
	    "\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\","
	    "\"RAIN\",\"wd\",\"WSPM\",\"station\"\r\n");
	for (int h = 0; h < 20; h++)
		buf_printf(&f, "%d,2013,3,1,%d,,NA,3,17,300.5,1.00005,-0.5,1024.5,"
		    "-21.4,0,\"NNW\",5.7,\"Dongsi\"\r\n", h + 1, h);
	buf_puts(&f, "21,2013,3,1,x,9,9,3,17,300,89,-0.5,1024.5,-21.4,0,\"N\","
	    "5.7,\"Dongsi\"\r\n");
	/* a second header, as when files are concatenated: a bad time, and
	 * no station called "station" */
	buf_puts(&f, "\"No\",\"year\",\"month\",\"day\",\"hour\",\"PM2.5\","
	    "\"PM10\",\"SO2\",\"NO2\",\"CO\",\"O3\",\"TEMP\",\"PRES\",\"DEWP\","
	    "\"RAIN\",\"wd\",\"WSPM\",\"station\"\r\n");
	write_file(tmp("bj.csv"), f.data, f.len);
	struct mon_layout *ml = layout_file("beijing-prsa.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(mon_read_file(tmp("bj.csv"), ml, &qc, NULL, NULL, &dl));
	const struct mon_station *st = mon_qc_station(&qc, "1003A");
	ck_assert_int_eq(st->records, 20);
	ck_assert_int_eq(st->rejected[MON_PM25][MON_CELL_EMPTY], 20);
	ck_assert_int_eq(st->missing[MON_PM10], 20);
	ck_assert_int_eq(st->valid[MON_SO2], 20);
	/* CO 300.5 µg/m³ = 0.3005 mg/m³: still exact */
	ck_assert_int_eq(st->valid[MON_CO], 20);
	ck_assert_int_eq(st->rejected[MON_O3_1H][MON_CELL_PRECISION], 20);
	ck_assert_int_eq(st->row_rejected[MON_ROW_TIME], 1);
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_TIME], 2);
	ck_assert_int_eq(qc.n, 1);
	ck_assert(has_diag(&dl, DIAG_WARNING, 23,
	    "时间（年/月/日/时）“year/month/day/hour”无法识别"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 22,
	    "时间（年/月/日/时）“2013/3/1/x”无法识别"));
	/* 5 warnings per kind, then one note with the rest */
	size_t empty = 0;
	for (size_t i = 0; i < dl.n; i++)
		empty += strstr(dl.v[i].msg, "被剔除：空值") != NULL;
	ck_assert_int_eq(empty, 5);
	ck_assert(has_diag(&dl, DIAG_NOTE, 0, "另有 15 个单元格因“空值”被剔除"));
	buf_free(&f);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- stations missing for days ------------------------------------------ */

START_TEST(missing_days)
{
	struct mon_layout *ml = tsp_layout();
	struct buf f = {0};
	int32_t t0 = mon_hour_index(2024, 3, 1, 0);
	buf_puts(&f, TSP_HEADER);
	for (int32_t h = 0; h <= 45; h++) {
		int y, m, d, hh;
		mon_hour_civil(t0 + h, &y, &m, &d, &hh);
		char ts[32];
		snprintf(ts, sizeof ts, "%04d-%02d-%02d %02d", y, m, d, hh);
		if (h <= 4 || h >= 40)   /* absent 35 h in between */
			buf_printf(&f, "%s,C,10\n", ts);
		if (h <= 10)             /* silent after hour 10 */
			buf_printf(&f, "%s,D,10\n", ts);
		if (h >= 30)             /* starts late */
			buf_printf(&f, "%s,E,10\n", ts);
		/* rows present but empty for 31 h */
		buf_printf(&f, "%s,F,%s\n", ts, h >= 5 && h <= 35 ? "" : "10");
		if (h >= 20 && h <= 22)  /* a short appearance, never valid */
			buf_printf(&f, "%s,G,\n", ts);
		/* short gaps only */
		if (h % 10 != 3)
			buf_printf(&f, "%s,H,10\n", ts);
	}
	write_file(tmp("days.csv"), f.data, f.len);
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(mon_read_file(tmp("days.csv"), ml, &qc, NULL, NULL, &dl));
	mon_qc_finish(&qc, &dl);
	ck_assert_int_eq(qc.first, t0);
	ck_assert_int_eq(qc.last, t0 + 45);
	const struct mon_station *c = mon_qc_station(&qc, "C");
	ck_assert_int_eq(c->outages, 1);
	ck_assert_int_eq(c->longest_outage, 35);
	ck_assert_int_eq(c->longest_outage_start, t0 + 5);
	ck_assert_int_eq(c->absent_hours, 35);
	const struct mon_station *d = mon_qc_station(&qc, "D");
	ck_assert_int_eq(d->outages, 1);
	ck_assert_int_eq(d->longest_outage, 35);
	ck_assert_int_eq(d->longest_outage_start, t0 + 11);
	ck_assert_int_eq(d->absent_hours, 35);
	const struct mon_station *e = mon_qc_station(&qc, "E");
	ck_assert_int_eq(e->outages, 1);
	ck_assert_int_eq(e->longest_outage, 30);
	ck_assert_int_eq(e->longest_outage_start, t0);
	ck_assert_int_eq(e->absent_hours, 30);
	const struct mon_station *fs = mon_qc_station(&qc, "F");
	ck_assert_int_eq(fs->outages, 1);
	ck_assert_int_eq(fs->longest_outage, 31);
	ck_assert_int_eq(fs->longest_outage_start, t0 + 5);
	ck_assert_int_eq(fs->absent_hours, 0);
	ck_assert_int_eq(fs->all_missing, 31);
	const struct mon_station *g = mon_qc_station(&qc, "G");
	ck_assert_int_eq(g->outages, 1);
	ck_assert_int_eq(g->longest_outage, 46);
	ck_assert_int_eq(g->absent_hours, 43);
	const struct mon_station *h = mon_qc_station(&qc, "H");
	ck_assert_int_eq(h->outages, 0);
	ck_assert_int_eq(h->absent_hours, 5);
	ck_assert(has_diag(&dl, DIAG_WARNING, (size_t)-1,
	    "站点 C 连续 35 小时无有效数据（2024-03-01 05时 至 2024-03-02 15时）"));
	ck_assert(has_diag(&dl, DIAG_WARNING, (size_t)-1,
	    "站点 E 连续 30 小时无有效数据（2024-03-01 00时 至 2024-03-02 05时）"));
	ck_assert_int_eq(diag_count(&dl, DIAG_WARNING), 5);
	/* after mon_qc_finish, nothing more is read into the data set */
	ck_assert(!mon_read_file(tmp("days.csv"), ml, &qc, NULL, NULL, &dl));
	ck_assert(has_diag(&dl, DIAG_ERROR, 0, "不能再读入文件"));
	buf_free(&f);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* Two files of one data set: a duplicate across files is caught. */
START_TEST(across_files)
{
	struct mon_layout *ml = layout_file("cnemc-realtime.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(mon_read_file(lt_path(CNEMC), ml, &qc, NULL, NULL, &dl));
	/* the same file again: every row a duplicate; not an error */
	ck_assert(mon_read_file(lt_path(CNEMC), ml, &qc, NULL, NULL, &dl));
	ck_assert_int_eq(qc.files, 2);
	ck_assert_int_eq(qc.total.rows, 128);
	ck_assert_int_eq(qc.total.records, 64);
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_DUPLICATE], 16);
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_ORDER], 48);
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert(has_diag(&dl, DIAG_NOTE, 0, "另有 43 行因“时间倒序”被剔除"));
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- numbers in exponent form and files mostly dropped ------------------ */

/* Values 1.5e2 (= 150), 2E-1 (= 0.2) are numbers; 1e308 and
 * 99999999999999999999 are too large (数值过大), not non-numbers; 1e-9 has
 * too many decimals; "1e" and "e5" are not numbers; -1e308 is negative. */
START_TEST(exponent_cells)
{
	struct mon_layout *ml = tsp_layout();
	static const char *const cells[] = {
		"1.5e2", "2E-1", "1e308", "99999999999999999999", "1e-9",
		"1e", "e5", "-1e308", "0e999", "1E+2",
	};
	struct buf f = {0};
	buf_puts(&f, TSP_HEADER);
	for (int i = 0; i < 10; i++)
		buf_printf(&f, "2024-03-01 %02d,A,%s\n", i, cells[i]);
	write_file(tmp("exp.csv"), f.data, f.len);
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	for (int i = 0; i < 10; i++)
		want_at(&g, "A", 2024, 3, 1, i);
	ck_assert(read_into(tmp("exp.csv"), ml, &qc, &g, &dl));
	ck_assert_int_eq(g.want[0].v[MON_PM25], 150 * MON_SCALE);
	ck_assert_int_eq(g.want[1].v[MON_PM25], MON_SCALE / 5);
	ck_assert_int_eq(g.want[8].v[MON_PM25], 0);
	ck_assert_int_eq(g.want[9].v[MON_PM25], 100 * MON_SCALE);
	for (int i = 2; i <= 7; i++)
		ck_assert(!(g.want[i].valid & (1u << MON_PM25)));
	const struct mon_station *a = mon_qc_station(&qc, "A");
	ck_assert_int_eq(a->valid[MON_PM25], 4);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_RANGE], 2);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_PRECISION], 1);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_NOT_NUMBER], 2);
	ck_assert_int_eq(a->rejected[MON_PM25][MON_CELL_NEGATIVE], 1);
	ck_assert(has_diag(&dl, DIAG_WARNING, 4, "PM2.5 的值“1e308”被剔除：数值过大"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 5, "被剔除：数值过大"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 7, "“1e”被剔除：非数值"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 9, "“-1e308”被剔除：负值"));
	buf_free(&f);
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* rows of station A for hours 0..n-1, in the order given by at(i) */
static void
write_hours(const char *path, int n, int (*at)(int, int))
{
	struct buf f = {0};
	buf_puts(&f, TSP_HEADER);
	for (int i = 0; i < n; i++) {
		int h = at(i, n), y, m, d, hh;
		mon_hour_civil(mon_hour_index(2024, 3, 1, 0) + h, &y, &m, &d, &hh);
		buf_printf(&f, "%04d-%02d-%02d %02d,A,10\n", y, m, d, hh);
	}
	write_file(path, f.data, f.len);
	buf_free(&f);
}

static int
reversed(int i, int n)
{
	return n - 1 - i;
}

/* 200 rows, the last two (i = 198, 199) repeat hour 0 */
static int
two_repeats(int i, int n)
{
	return i >= n - 2 ? 0 : i;
}

/* 200 rows, the last three repeat hour 0 */
static int
three_repeats(int i, int n)
{
	return i >= n - 3 ? 0 : i;
}

static size_t
count_level(const struct diag_list *dl, enum diag_level lv, const char *msg)
{
	size_t k = 0;
	for (size_t i = 0; i < dl->n; i++)
		k += dl->v[i].level == lv && strstr(dl->v[i].msg, msg) != NULL;
	return k;
}

/* A file in reverse order: the first row (the last hour) is kept, the
 * other 99 are earlier than it; counted by reason, the first five listed
 * with their lines (3..7), and one warning since 99 of 100 > 1%. */
START_TEST(shuffled_file_warns)
{
	struct mon_layout *ml = tsp_layout();
	write_hours(tmp("rev.csv"), 100, reversed);
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(mon_read_file(tmp("rev.csv"), ml, &qc, NULL, NULL, &dl));
	ck_assert_int_eq(qc.total.rows, 100);
	ck_assert_int_eq(qc.total.records, 1);
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_ORDER], 99);
	for (size_t line = 3; line <= 7; line++)
		ck_assert(has_diag(&dl, DIAG_WARNING, line, "（时间倒序），整行剔除"));
	ck_assert(!has_diag(&dl, DIAG_WARNING, 8, "时间倒序"));
	ck_assert(has_diag(&dl, DIAG_NOTE, 0, "另有 94 行因“时间倒序”被剔除"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 0,
	    "共 100 个数据行，剔除 99 行（99.0%，超过 1%）："
	    "时间倒序 99 行（第 3、4、5、6、7 行等）"));
	ck_assert_int_eq(count_level(&dl, DIAG_WARNING, "共 100 个数据行"), 1);
	mon_qc_free(&qc);
	diag_free(&dl);

	/* 2 of 200 dropped is 1%: no warning; 3 of 200 (1.5%) is one */
	mon_qc_init(&qc);
	write_hours(tmp("two.csv"), 200, two_repeats);
	ck_assert(mon_read_file(tmp("two.csv"), ml, &qc, NULL, NULL, &dl));
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_CONFLICT] +
	    qc.total.row_rejected[MON_ROW_DUPLICATE] +
	    qc.total.row_rejected[MON_ROW_ORDER], 2);
	ck_assert_int_eq(count_level(&dl, DIAG_WARNING, "个数据行，剔除"), 0);
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_qc_init(&qc);
	write_hours(tmp("three.csv"), 200, three_repeats);
	ck_assert(mon_read_file(tmp("three.csv"), ml, &qc, NULL, NULL, &dl));
	/* hour 0 again after hour 196: earlier than the last hour read */
	ck_assert_int_eq(qc.total.row_rejected[MON_ROW_ORDER], 3);
	ck_assert(has_diag(&dl, DIAG_WARNING, 0,
	    "共 200 个数据行，剔除 3 行（1.5%，超过 1%）："
	    "时间倒序 3 行（第 199、200、201 行）"));
	mon_qc_free(&qc);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

/* ---- unusable files -------------------------------------------------------- */

static void
expect_open_error(const struct mon_layout *ml, const char *path, size_t line,
    const char *msg)
{
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	ck_assert(!mon_read_file(path, ml, &qc, NULL, NULL, &dl));
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 1);
	int found = 0;
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR) {
			ck_assert_str_eq(dl.v[i].file, path);
			found = dl.v[i].line == line &&
			    strstr(dl.v[i].msg, msg) != NULL;
			if (!found)
				fprintf(stderr, "got %zu: %s\n", dl.v[i].line,
				    dl.v[i].msg);
		}
	ck_assert_msg(found, "%s: no error at %zu with %s", path, line, msg);
	mon_qc_free(&qc);
	diag_free(&dl);
}

START_TEST(unusable_files)
{
	struct mon_layout *ml = layout_file("cnemc-realtime.layout");
	struct buf raw = {0};
	read_whole(lt_path(CNEMC), &raw);
	const char *body = strchr(raw.data, '\n') + 1;

	expect_open_error(ml, tmp("nonexistent.csv"), 0, "无法打开");
	write_file(tmp("empty.csv"), "", 0);
	expect_open_error(ml, tmp("empty.csv"), 0, "缺少表头");
	/* the header row left out: the first data row is taken as header */
	write_file(tmp("noheader.csv"), body, strlen(body));
	expect_open_error(ml, tmp("noheader.csv"), 1, "第一行像是数据：缺少表头？");
	/* a column renamed */
	struct buf h = {0};
	buf_puts(&h, "timepoint,stationcode,longitude,latitude,area,"
	    "positionname,primarypollutant,aqi,pm10,pm10_24h,pm25,pm2_5_24h,o3,"
	    "o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h\n");
	buf_puts(&h, body);
	write_file(tmp("renamed.csv"), h.data, h.len);
	expect_open_error(ml, tmp("renamed.csv"), 1,
	    "表头中没有布局 cnemc-realtime 所需的列“pm2_5”");
	/* not a CSV: PNG bytes */
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
	write_file(tmp("image.csv"), png, sizeof png - 1);
	expect_open_error(ml, tmp("image.csv"), 1, "不是 UTF-8");
	/* a CSV of something else: the header lacks every column */
	write_file(tmp("other.csv"), "a,b\n1,2\n", 8);
	expect_open_error(ml, tmp("other.csv"), 1, "所需的列“timepoint”");
	/* a header, then rows none of which is usable */
	struct buf junk = {0};
	buf_puts(&junk, CNEMC_HEADER);
	for (int i = 0; i < 10; i++)
		buf_puts(&junk, "garbage\n");
	write_file(tmp("junk.csv"), junk.data, junk.len);
	expect_open_error(ml, tmp("junk.csv"), 0, "没有一行可用的数据");
	/* a header only: a warning, not an error */
	struct mon_qc qc;
	struct diag_list dl = {0};
	mon_qc_init(&qc);
	write_file(tmp("headeronly.csv"), CNEMC_HEADER, strlen(CNEMC_HEADER));
	ck_assert(mon_read_file(tmp("headeronly.csv"), ml, &qc, NULL, NULL, &dl));
	ck_assert(has_diag(&dl, DIAG_WARNING, 0, "没有数据行"));
	mon_qc_free(&qc);
	diag_free(&dl);
	/* a $N beyond the header */
	struct mon_layout *wide = layout_text("time = timepoint %Y-%m-%dT%H%M\n"
	    "station = stationcode\npm25 = $40 ug/m3\n");
	expect_open_error(wide, lt_path(CNEMC), 1, "引用第 40 列");
	mon_layout_free(wide);

	buf_free(&h);
	buf_free(&junk);
	buf_free(&raw);
	mon_layout_free(ml);
}
END_TEST

START_TEST(corrupt_gzip)
{
	struct mon_layout *ml = layout_file("beijing-prsa.layout");
	struct buf gz = {0};
	FILE *fp = fopen(lt_path(DONGSI), "rb");
	ck_assert_ptr_nonnull(fp);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_put(&gz, chunk, n);
	fclose(fp);

	/* cut in the middle */
	write_file(tmp("cut.csv.gz"), gz.data, gz.len / 2);
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	ck_assert(!read_into(tmp("cut.csv.gz"), ml, &qc, &g, &dl));
	ck_assert(g.n > 10000 && g.n < 35064);
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert(has_diag(&dl, DIAG_ERROR, (size_t)-1, "读取失败（gzip 数据损坏？）"));
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR) {
			ck_assert_str_eq(dl.v[i].file, tmp("cut.csv.gz"));
			ck_assert(dl.v[i].line > g.n);
		}
	mon_qc_free(&qc);
	diag_free(&dl);

	/* damaged bytes in the middle */
	for (size_t i = gz.len / 3; i < gz.len / 3 + 64; i++)
		gz.data[i] ^= 0x5A;
	write_file(tmp("bad.csv.gz"), gz.data, gz.len);
	mon_qc_init(&qc);
	memset(&g, 0, sizeof g);
	ck_assert(!read_into(tmp("bad.csv.gz"), ml, &qc, &g, &dl));
	ck_assert(g.n < 35064);
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 1);
	mon_qc_free(&qc);
	diag_free(&dl);
	buf_free(&gz);
	mon_layout_free(ml);
}
END_TEST

/* ---- GB18030 exports -------------------------------------------------------- */

#define COUNTY_GB "tests/data/monitoring/county/county-hourly-2024-07-01.csv"

/* The county station export in GB18030 (4-byte sequences for ³ in the
 * header), values checked against the file as written by hand. */
START_TEST(gb18030_county)
{
	struct mon_layout *ml = layout_file("county-station-gb18030.layout");
	ck_assert_int_eq(ml->encoding, MON_ENC_GB18030);
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	/* "2024-07-01 02:00" marks the end: hour 01 */
	want_at(&g, "9001A", 2024, 7, 1, 1);
	want_at(&g, "9002A", 2024, 7, 1, 2);
	want_at(&g, "9001A", 2024, 7, 1, 2);
	ck_assert(read_into(lt_path(COUNTY_GB), ml, &qc, &g, &dl));
	ck_assert_uint_eq(g.n, 6);
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert_int_eq(g.found[0], 1);
	ck_assert_int_eq(g.want[0].v[MON_SO2], V(10));
	ck_assert_int_eq(g.want[0].v[MON_CO], 8000); /* 0.8 mg/m3 */
	ck_assert_int_eq(g.want[0].v[MON_PM25], V(40));
	ck_assert_int_eq(g.want[0].v[MON_AQI], 60);
	ck_assert_str_eq(g.primary[0], "颗粒物(PM10)");
	/* 9002A 03:00: SO2 empty (missing), PM10 110, CO 1.3 */
	ck_assert_int_eq(g.found[1], 1);
	ck_assert(!(g.want[1].valid & (1u << MON_SO2)));
	ck_assert_int_eq(g.want[1].v[MON_PM10], V(110));
	ck_assert_int_eq(g.want[1].v[MON_CO], 13000);
	ck_assert_str_eq(g.primary[1], "细颗粒物(PM2.5)");
	/* 9001A 03:00: SO2 缺测 (missing), PM2.5 -- (placeholder) */
	ck_assert_int_eq(g.found[2], 1);
	ck_assert(!(g.want[2].valid & (1u << MON_SO2)));
	ck_assert(!(g.want[2].valid & (1u << MON_PM25)));
	ck_assert_int_eq(g.want[2].v[MON_O3_1H], V(110));
	const struct mon_station *st = mon_qc_station(&qc, "9001A");
	ck_assert_ptr_nonnull(st);
	ck_assert_str_eq(st->name, "城关镇");
	ck_assert_uint_eq(st->missing[MON_SO2], 1);
	ck_assert_uint_eq(st->rejected[MON_PM25][MON_CELL_PLACEHOLDER], 1);
	ck_assert_str_eq(mon_qc_station(&qc, "9002A")->name, "工业园区");
	ck_assert_int_eq(qc.first, mon_hour_index(2024, 7, 1, 0));
	ck_assert_int_eq(qc.last, mon_hour_index(2024, 7, 1, 2));
	mon_qc_free(&qc);
	diag_free(&dl);

	/* The same file read as UTF-8: the header is refused, with a hint. */
	struct mon_layout *u8 = layout_text("time = 监测时间 %Y-%m-%d %H:%M\n"
	    "station = 站点编码\nso2 = SO2(μg/m³) ug/m3\n");
	ck_assert_int_eq(u8->encoding, MON_ENC_UTF8);
	mon_qc_init(&qc);
	memset(&g, 0, sizeof g);
	ck_assert(!read_into(lt_path(COUNTY_GB), u8, &qc, &g, &dl));
	ck_assert(has_diag(&dl, DIAG_ERROR, 1, "encoding = gb18030"));
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_layout_free(u8);
	mon_layout_free(ml);
}
END_TEST

/* A byte sequence that is not GB18030 costs its row, named by line; the
 * rows around it are read. A line over 64 KiB is still refused. */
START_TEST(gb18030_bad_line)
{
	struct mon_layout *ml = layout_text("encoding = gb18030\n"
	    "time = 时间 %Y-%m-%d %H\nstation = 站点\npm25 = 细颗粒物 ug/m3\n");
	struct buf b = {0};
	/* 时间,站点,细颗粒物 in GB18030 */
	buf_puts(&b, "\xCA\xB1\xBC\xE4,\xD5\xBE\xB5\xE3,\xCF\xB8\xBF\xC5\xC1\xA3\xCE\xEF\n");
	buf_puts(&b, "2024-07-01 00,A1,35\n");
	/* line 3: 0x81 0x20 is no GB18030 character */
	buf_puts(&b, "2024-07-01 01,A1\x81\x20,36\n");
	buf_puts(&b, "2024-07-01 02,A1,37\n");
	buf_puts(&b, "2024-07-01 03,A1,");
	for (int i = 0; i < 70000; i++)
		buf_puts(&b, "\xB0\xA1"); /* 啊: a 140,000-byte line 5 */
	buf_puts(&b, "\n2024-07-01 04,A1,38\n");
	write_file(tmp("gb.csv"), b.data, b.len);
	buf_free(&b);
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	ck_assert(read_into(tmp("gb.csv"), ml, &qc, &g, &dl));
	ck_assert_uint_eq(g.n, 3);
	ck_assert_uint_eq(qc.total.row_rejected[MON_ROW_ENCODING], 1);
	ck_assert_uint_eq(qc.total.row_rejected[MON_ROW_TOO_LONG], 1);
	ck_assert(has_diag(&dl, DIAG_WARNING, 3, "不是有效的 GB18030 文本"));
	ck_assert(has_diag(&dl, DIAG_WARNING, 5, "行超过 64 KiB"));
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_layout_free(ml);

	/* the key's values */
	static const char big5[] = "encoding = big5\nstation = s\n"
	    "pm25 = p ug/m3\ntime = t %Y%m%d%H\n";
	struct diag_list ld = {0};
	ck_assert_ptr_null(mon_layout_parse("x.layout", big5, sizeof big5 - 1,
	    &ld));
	ck_assert(has_diag(&ld, DIAG_ERROR, 1, "编码“big5”无效"));
	diag_free(&ld);
}
END_TEST

/* ---- .xlsx exports ----------------------------------------------------------- */

#define COUNTY_XLSX "tests/data/monitoring/county/county-hourly-2024-07-02.xlsx"

/* The county export as a workbook (make_xlsx.py): an instructions sheet
 * first, a title row above the header on row 3, data on rows 4-7. */
START_TEST(xlsx_county)
{
	struct mon_layout *ml = layout_file("county-station-gb18030.layout");
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	want_at(&g, "9002A", 2024, 7, 2, 1);  /* row 7: "02:00" marks the end */
	want_at(&g, "9001A", 2024, 7, 2, 1);  /* row 5 */
	want_at(&g, "9001A", 2024, 7, 2, 0);  /* row 4 */
	ck_assert(read_into(lt_path(COUNTY_XLSX), ml, &qc, &g, &dl));
	ck_assert_uint_eq(g.n, 4);
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert_int_eq(g.found[0], 1);
	ck_assert_int_eq(g.want[0].v[MON_SO2], V(12));
	ck_assert_int_eq(g.want[0].v[MON_CO], 12000);  /* 1.2 mg/m3 */
	ck_assert_int_eq(g.want[0].v[MON_PM25], V(55));
	ck_assert_int_eq(g.want[0].v[MON_AQI], 75);
	ck_assert_uint_eq(g.want[0].line, 7);
	ck_assert_str_eq(g.primary[0], "细颗粒物(PM2.5)");
	/* PM10 "异常" in F5: rejected, named by sheet and cell */
	ck_assert_int_eq(g.found[1], 1);
	ck_assert(!(g.want[1].valid & (1u << MON_PM10)));
	ck_assert_int_eq(g.want[1].v[MON_NO2], V(22));
	ck_assert(has_diag(&dl, DIAG_WARNING, 5,
	    "工作表“小时数据”单元格 F5（PM10）的值“异常”被剔除：非数值"));
	/* the placeholder — as primary pollutant: none */
	ck_assert_int_eq(g.found[2], 1);
	ck_assert_str_eq(g.primary[2], "");
	ck_assert_int_eq(g.want[2].v[MON_O3_1H], V(70));
	ck_assert_str_eq(mon_qc_station(&qc, "9002A")->name, "工业园区");
	ck_assert_uint_eq(qc.total.rows, 4);
	mon_qc_free(&qc);
	diag_free(&dl);

	/* a layout whose columns no sheet has: the sheets are named */
	struct mon_layout *other = layout_file("cnemc-realtime.layout");
	mon_qc_init(&qc);
	memset(&g, 0, sizeof g);
	ck_assert(!read_into(lt_path(COUNTY_XLSX), other, &qc, &g, &dl));
	ck_assert(has_diag(&dl, DIAG_ERROR, 0,
	    "找不到表头：工作表“填报说明”“小时数据”的前 20 行"));
	ck_assert_uint_eq(g.n, 0);
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_layout_free(other);

	/* not a workbook at all */
	write_file(tmp("fake.xlsx"), "a,b\n1,2\n", 8);
	mon_qc_init(&qc);
	ck_assert(!read_into(tmp("fake.xlsx"), ml, &qc, &g, &dl));
	ck_assert_int_eq(diag_count(&dl, DIAG_ERROR), 1);
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_layout_free(ml);
}
END_TEST

/* ---- daily-value files ------------------------------------------------------ */

#define COUNTY_DAILY "tests/data/monitoring/county/county-daily-2024-07.csv"

/* A provincial platform's daily values (resolution = day) go straight
 * into the stations' days and the area's daily AQI. By hand:
 * 07-01 area PM2.5 (36+44)/2 = 40 -> IAQI 50+(40-35)*50/40 = 56.25 -> 57;
 * PM10 80 -> 65; O3-8h 130 -> 50+(130-100)*50/60 = 75; NO2 25 -> 31.25
 * -> 32; AQI 75, primary O3-8h. 07-02: PM2.5 only 9102A's 80 (9101A 无效;
 * 1 of 2 stations is the default 50 %) -> 100+(80-75)*50/40 = 106.25 ->
 * 107: AQI 107, primary PM2.5. */
START_TEST(daily_values)
{
	struct mon_layout *ml = layout_file("county-daily.layout");
	ck_assert(ml->daily);
	struct mon_qc qc;
	struct diag_list dl = {0};
	struct got g = {0};
	mon_qc_init(&qc);
	want_at(&g, "9102A", 2024, 7, 2, 0);
	want_at(&g, "9101A", 2024, 7, 2, 0);
	ck_assert(read_into(lt_path(COUNTY_DAILY), ml, &qc, &g, &dl));
	ck_assert_uint_eq(g.n, 4);
	ck_assert_int_eq(g.found[0], 1);
	ck_assert(g.want[0].daily);
	ck_assert_int_eq(g.want[0].hour, 0);
	ck_assert_int_eq(g.want[0].v[MON_PM25], V(80));
	ck_assert_int_eq(g.want[0].v[MON_O3_8H], V(140));
	ck_assert_int_eq(g.want[0].v[MON_CO], 9000);
	ck_assert(!(g.want[1].valid & (1u << MON_PM25)));
	/* the repeated 07-02 row of 9101A (line 4) is a duplicate, not a
	 * time going backwards */
	ck_assert_uint_eq(qc.total.row_rejected[MON_ROW_DUPLICATE], 1);
	ck_assert_uint_eq(qc.total.row_rejected[MON_ROW_ORDER], 0);
	ck_assert(has_diag(&dl, DIAG_WARNING, 4, "重复出现（数值相同）"));
	/* two days are 48 hours, none of them absent */
	ck_assert_int_eq(qc.first, mon_hour_index(2024, 7, 1, 0));
	ck_assert_int_eq(qc.last, mon_hour_index(2024, 7, 2, 23));
	mon_qc_finish(&qc, &dl);
	const struct mon_station *st = mon_qc_station(&qc, "9101A");
	ck_assert_uint_eq(st->absent_hours, 0);
	ck_assert_uint_eq(st->outages, 0);
	mon_qc_free(&qc);
	diag_free(&dl);

	struct airq *aq = airq_new(NULL);
	struct airq_station_info a = { .code = "9101A", .area = "某区" };
	struct airq_station_info b = { .code = "9102A", .area = "某区" };
	airq_station_add(aq, &a);
	airq_station_add(aq, &b);
	mon_qc_init(&qc);
	ck_assert(mon_read_file(lt_path(COUNTY_DAILY), ml, &qc, airq_record_fn,
	    aq, &dl));
	mon_qc_finish(&qc, &dl);
	airq_finish(aq, &qc, &dl);
	const struct airq_area *ar = airq_area_find(aq, "某区");
	ck_assert_ptr_nonnull(ar);
	const struct airq_day *d1 = airq_area_day(ar, airq_day_index(2024, 7, 1));
	const struct airq_day *d2 = airq_area_day(ar, airq_day_index(2024, 7, 2));
	ck_assert_ptr_nonnull(d1);
	ck_assert_ptr_nonnull(d2);
	ck_assert_int_eq(d1->c[AQI_PM25], V(40));
	ck_assert_int_eq(d1->c[AQI_O3_8H], V(130));
	ck_assert_int_eq(d1->c[AQI_NO2], V(25));
	ck_assert_int_eq(d1->r.aqi, 75);
	ck_assert_uint_eq(d1->r.primary, 1u << AQI_O3_8H);
	ck_assert(d1->valid);
	ck_assert_int_eq(d2->c[AQI_PM25], V(80));
	ck_assert_int_eq(d2->nst[AQI_PM25], 1);
	ck_assert_int_eq(d2->r.aqi, 107);
	ck_assert_uint_eq(d2->r.primary, 1u << AQI_PM25);
	const struct airq_sday *sd = airq_station_day(
	    airq_station_find(aq, "9102A"), airq_day_index(2024, 7, 1));
	ck_assert_ptr_nonnull(sd);
	ck_assert_int_eq(sd->c[AQI_O3_1H], V(170));
	ck_assert_int_eq(sd->hours, 24);
	airq_free(aq);
	mon_qc_free(&qc);
	diag_free(&dl);
	mon_layout_free(ml);
}
END_TEST

START_TEST(reason_names)
{
	ck_assert_str_eq(mon_cell_reason_name(MON_CELL_PLACEHOLDER), "占位符");
	ck_assert_str_eq(mon_row_reason_name(MON_ROW_ORDER), "时间倒序");
	ck_assert_str_eq(mon_row_reason_name(MON_ROW_NREASON), "?");
}
END_TEST

static Suite *
monitor_suite(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = tcase_create("monitor");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, hour_index);
	tcase_add_test(tc, rescale);
	tcase_add_test(tc, cnemc_sample);
	tcase_add_test(tc, cnemc_stations);
	tcase_add_test(tc, beijing_dongsi);
	tcase_add_test(tc, beijing_station_from_name);
	tcase_add_test(tc, gzip_and_plain);
	tcase_add_test(tc, bad_rows);
	tcase_add_test(tc, bad_cells_beijing);
	tcase_add_test(tc, missing_days);
	tcase_add_test(tc, across_files);
	tcase_add_test(tc, exponent_cells);
	tcase_add_test(tc, shuffled_file_warns);
	tcase_add_test(tc, unusable_files);
	tcase_add_test(tc, corrupt_gzip);
	tcase_add_test(tc, reason_names);
	tcase_add_test(tc, gb18030_county);
	tcase_add_test(tc, gb18030_bad_line);
	tcase_add_test(tc, xlsx_county);
	tcase_add_test(tc, daily_values);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(monitor_suite)
