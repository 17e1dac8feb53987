/*
 * simulate.c -- the station table and the deterministic simulated hourly
 * series of the publication (see simulate.h for the contract).
 *
 * The model, per hour t of a station in city c (all in log space where it
 * multiplies):
 *   PM2.5 = seasonal(month) · city · trend(year) · exp(R + C + H + S + e)
 *           · diurnal(hour)
 * R  regional "stagnation" (shared by every area): a daily AR(1) plus
 *    winter 重污染 episodes of 2-5 days that build up and end with a
 *    clean-out day (cold front), interpolated hour by hour;
 * C  the city's own daily AR(1), H its hourly AR(1): stations of one city
 *    are strongly but not perfectly correlated;
 * S  a fixed offset per station, e its own hourly AR(1).
 * PM10 is PM2.5 times a seasonal coarse ratio (1.45 winter .. 1.95
 * spring) plus rare spring dust days; NO2, SO2 and CO follow the same
 * stagnation with weaker exponents and their own diurnal shapes (NO2
 * rush hours, SO2 midday mixing-down, CO with PM); O3 is a night
 * background plus a photochemical afternoon bulge scaled by a daily
 * "sunshine" AR(1), damped by haze.
 * Gaps: single hours and short maintenance gaps (rows with every cell
 * empty), analyser gaps of one pollutant, station outages of days
 * (all-empty rows, as the real offline station 1830A on 2024-01-01), and
 * hours the whole city's release is absent.
 *
 * Published columns are derived from the published (rounded) hourly
 * values, as a reader can check: x_24h the mean of the last 24 hours
 * (at least 20 valid), o3_8h_24h the latest 8 h mean of the natural day
 * (at least 6 of 8), o3_8h the day's maximum so far, aqi and
 * primarypollutant by aqi.c's hourly AQI.
 *
 * Floating point: only + - * / floor ldexp (exactly rounded on IEEE
 * machines) and no contraction into FMA, so the bytes do not depend on
 * the libm or the compiler's optimisation.
 */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#endif

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <zlib.h>

#include "aqi.h"
#include "aqstats.h"
#include "fsutil.h"
#include "monitor.h"
#include "simulate.h"
#include "userfile.h"

const char sim_cnemc_header[] = "timepoint,stationcode,longitude,latitude,"
    "area,positionname,primarypollutant,aqi,pm10,pm10_24h,pm2_5,pm2_5_24h,"
    "o3,o3_24h,o3_8h,o3_8h_24h,no2,no2_24h,so2,so2_24h,co,co_24h";

/* ==== station table ================================================== */

enum tcol { TC_CODE, TC_NAME, TC_AREA, TC_BACKGROUND, TC_LON, TC_LAT,
	TC_DATA, TC_LAYOUT, TC_DIR, TC_N };
static const char *const tcol_name[TC_N] = { "code", "name", "area",
	"background", "longitude", "latitude", "data", "layout", "dir" };

/* Split line[0..len) at commas into at most cap trimmed fields (the
 * pointers are into line, which is modified). Returns the field count. */
static size_t
split_fields(char *line, char **f, size_t cap)
{
	size_t n = 0;
	char *s = line;
	for (;;) {
		char *e = strchr(s, ',');
		if (e)
			*e = '\0';
		while (*s == ' ' || *s == '\t')
			s++;
		size_t l = strlen(s);
		while (l && (s[l - 1] == ' ' || s[l - 1] == '\t'))
			s[--l] = '\0';
		if (n < cap)
			f[n] = s;
		n++;
		if (!e)
			return n;
		s = e + 1;
	}
}

static int
has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static int
valid_code(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= 'a' && *s <= 'z')))
			return 0;
	return 1;
}

/* A decimal coordinate within ±limit degrees. */
static int
valid_coord(const char *s, int limit)
{
	const char *p = s;
	if (*p == '-')
		p++;
	long whole = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9') {
		whole = whole * 10 + (*p++ - '0');
		if (++digits > 3)
			return 0;
	}
	if (!digits)
		return 0;
	int frac_nonzero = 0;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			frac_nonzero |= *p++ != '0';
	}
	if (*p)
		return 0;
	return whole < limit || (whole == limit && !frac_nonzero);
}

static void
station_free(struct sim_station *s)
{
	free(s->code);
	free(s->name);
	free(s->area);
	free(s->lon);
	free(s->lat);
	free(s->layout);
	free(s->dir);
}

/* Check one row's fields; add the station to t when they are valid. */
static int
table_row(struct sim_table *t, char **f, const int *at, size_t line,
    const char *path, struct diag_list *dl)
{
	const char *v[TC_N];
	int ok = 1;
	for (int c = 0; c < TC_N; c++) {
		v[c] = f[at[c]];
		if (!*v[c]) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "列 %s 为空 (empty %s)", tcol_name[c], tcol_name[c]);
			ok = 0;
		} else if (has_control(v[c])) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "列 %s 含控制字符 (control character)", tcol_name[c]);
			ok = 0;
		}
	}
	if (!ok)
		return 0;
	if (!valid_code(v[TC_CODE])) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "站点编码 '%s' 无效，只能含字母和数字 (invalid station code)",
		    v[TC_CODE]);
		ok = 0;
	} else if (sim_table_find(t, v[TC_CODE])) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "站点编码 %s 重复，首次见第 %zu 行 (duplicate station code)",
		    v[TC_CODE], sim_table_find(t, v[TC_CODE])->line);
		ok = 0;
	}
	int bg = -1, sim = -1;
	if (!strcmp(v[TC_BACKGROUND], "yes"))
		bg = 1;
	else if (!strcmp(v[TC_BACKGROUND], "no"))
		bg = 0;
	else {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "background 应为 yes 或 no，而不是 '%s'", v[TC_BACKGROUND]);
		ok = 0;
	}
	if (!strcmp(v[TC_DATA], "simulated"))
		sim = 1;
	else if (!strcmp(v[TC_DATA], "real"))
		sim = 0;
	else {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "data 应为 real 或 simulated，而不是 '%s'", v[TC_DATA]);
		ok = 0;
	}
	if (!valid_coord(v[TC_LON], 180) || !valid_coord(v[TC_LAT], 90)) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "经纬度无效 (invalid longitude/latitude): %s, %s",
		    v[TC_LON], v[TC_LAT]);
		ok = 0;
	}
	if (!fs_valid_id(v[TC_LAYOUT])) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "layout '%s' 无效 (not a layout name)", v[TC_LAYOUT]);
		ok = 0;
	}
	if (!fs_safe_relpath(v[TC_DIR])) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "dir '%s' 必须是表所在目录下的相对路径，不含 . 或 .. "
		    "(must be a relative path inside the table's folder)",
		    v[TC_DIR]);
		ok = 0;
	}
	/* One folder, one area, one layout, one kind of data. */
	for (size_t i = 0; ok && i < t->n; i++) {
		const struct sim_station *o = &t->v[i];
		if (strcmp(o->dir, v[TC_DIR]))
			continue;
		if (strcmp(o->area, v[TC_AREA]) ||
		    strcmp(o->layout, v[TC_LAYOUT]) || o->simulated != sim) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "目录 %s 已用于第 %zu 行的 %s/%s/%s；一个目录只能有一个"
			    "城市、一种格式、一种数据（真实或模拟） (a folder holds "
			    "one area, one layout, real or simulated data)",
			    o->dir, o->line, o->area, o->layout,
			    o->simulated ? "simulated" : "real");
			ok = 0;
		}
		break;
	}
	if (!ok)
		return 0;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	struct sim_station *s = &t->v[t->n++];
	s->code = xstrdup(v[TC_CODE]);
	s->name = xstrdup(v[TC_NAME]);
	s->area = xstrdup(v[TC_AREA]);
	s->background = bg;
	s->lon = xstrdup(v[TC_LON]);
	s->lat = xstrdup(v[TC_LAT]);
	s->simulated = sim;
	s->layout = xstrdup(v[TC_LAYOUT]);
	s->dir = xstrdup(v[TC_DIR]);
	s->line = line;
	return 1;
}

/* Map header fields to the table's columns. Returns 1 when all are
 * there, each once. */
static int
table_header(char **f, size_t n, int *at, const char *path, size_t line,
    struct diag_list *dl)
{
	int ok = 1;
	for (int c = 0; c < TC_N; c++)
		at[c] = -1;
	for (size_t i = 0; i < n; i++)
		for (int c = 0; c < TC_N; c++)
			if (!strcmp(f[i], tcol_name[c])) {
				if (at[c] >= 0) {
					diag_add(dl, DIAG_ERROR, path, line, 0,
					    "表头列 %s 出现两次 (duplicate "
					    "column)", tcol_name[c]);
					ok = 0;
				}
				at[c] = (int)i;
			}
	for (int c = 0; c < TC_N; c++)
		if (at[c] < 0) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "表头缺少列 %s (missing column)", tcol_name[c]);
			ok = 0;
		}
	return ok;
}

int
sim_table_parse(const char *path, const char *text, size_t len,
    struct sim_table *t, struct diag_list *dl)
{
	if (!t->path)
		t->path = xstrdup(path);
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	int ok = 1, have_header = 0;
	int at[TC_N];
	size_t ncols = 0, line = 0;
	enum { MAXF = 64 };
	char *f[MAXF];
	for (size_t pos = 0; pos < len;) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		char *l = xstrndup(text + pos, end - pos);
		pos = end + 1;
		line++;
		size_t ll = strlen(l);
		if (ll && l[ll - 1] == '\r')
			l[--ll] = '\0';
		int blank = 1;
		for (const char *s = l; *s; s++)
			if (*s != ' ' && *s != '\t')
				blank = 0;
		if (blank) {
			free(l);
			continue;
		}
		if (!g_utf8_validate(l, -1, NULL)) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "不是有效的 UTF-8 (invalid UTF-8)");
			ok = 0;
			free(l);
			continue;
		}
		if (strchr(l, '"')) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "站点表不使用引号 (no quoting in the station table)");
			ok = 0;
			free(l);
			continue;
		}
		size_t n = split_fields(l, f, MAXF);
		if (n > MAXF) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "列太多 (more than %d columns)", MAXF);
			ok = 0;
			free(l);
			if (!have_header)
				break;
			continue;
		}
		if (!have_header) {
			have_header = 1;
			ncols = n;
			if (!table_header(f, n, at, path, line, dl)) {
				free(l);
				ok = 0;
				break;
			}
		} else if (n != ncols) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "本行 %zu 列，表头 %zu 列 (field count differs "
			    "from the header)", n, ncols);
			ok = 0;
		} else if (!table_row(t, f, at, line, path, dl))
			ok = 0;
		free(l);
	}
	if (!have_header) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "站点表为空，缺少表头 (empty station table)");
		ok = 0;
	} else if (ok && t->n == 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "站点表没有站点 (no station)");
		ok = 0;
	}
	return ok;
}

int
sim_table_load(const char *path, struct sim_table *t, struct diag_list *dl)
{
	struct buf b = {0};
	if (!userfile_read(path, USERFILE_TREE, 0, &b, dl)) {
		buf_free(&b);
		return 0;
	}
	if (b.len && memchr(b.data, '\0', b.len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "站点表含 NUL 字节，不是文本 (not a text file)");
		buf_free(&b);
		return 0;
	}
	int ok = sim_table_parse(path, b.data ? b.data : "", b.len, t, dl);
	buf_free(&b);
	return ok;
}

const struct sim_station *
sim_table_find(const struct sim_table *t, const char *code)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->v[i].code, code))
			return &t->v[i];
	return NULL;
}

void
sim_table_free(struct sim_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		station_free(&t->v[i]);
	free(t->v);
	free(t->path);
	memset(t, 0, sizeof *t);
}

/* ==== options ======================================================== */

int
sim_parse_date(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return 0;
	int yy = atoi(s), mm = atoi(s + 5), dd = atoi(s + 8);
	if (yy < 1 || mm < 1 || mm > 12 || dd < 1 ||
	    dd > aqstats_days_in_month(yy, mm))
		return 0;
	*y = yy;
	*m = mm;
	*d = dd;
	return 1;
}

void
sim_options_default(struct sim_options *o)
{
	o->seed = SIM_DEFAULT_SEED;
	sim_parse_date(SIM_DEFAULT_FROM, &o->from_y, &o->from_m, &o->from_d);
	sim_parse_date(SIM_DEFAULT_TO, &o->to_y, &o->to_m, &o->to_d);
}

/* Days since 2000-01-01. */
static int32_t
day_index(int y, int m, int d)
{
	return mon_hour_index(y, m, d, 0) / 24;
}

int
sim_options_check(const struct sim_options *o, struct diag_list *dl)
{
	if (o->from_y < SIM_ORIGIN_YEAR || o->to_y > SIM_LAST_YEAR ||
	    o->from_m < 1 || o->from_m > 12 || o->to_m < 1 || o->to_m > 12 ||
	    o->from_d < 1 || o->to_d < 1 ||
	    o->from_d > aqstats_days_in_month(o->from_y, o->from_m) ||
	    o->to_d > aqstats_days_in_month(o->to_y, o->to_m)) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "模拟时段须在 %d-01-01 至 %d-12-31 之间 (span must lie in "
		    "%d..%d)", SIM_ORIGIN_YEAR, SIM_LAST_YEAR, SIM_ORIGIN_YEAR,
		    SIM_LAST_YEAR);
		return 0;
	}
	if (day_index(o->from_y, o->from_m, o->from_d) >
	    day_index(o->to_y, o->to_m, o->to_d)) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "起始日期晚于结束日期 (--from is after --to)");
		return 0;
	}
	return 1;
}

/* ==== random numbers ================================================== */

/* xoshiro256** seeded through splitmix64 (Blackman and Vigna). */
struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ULL; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ULL;
	return h;
}

/* A stream of its own for each (seed, kind, name): adding a station or an
 * area never changes the numbers of the others. */
static void
rng_init(struct rng *r, uint64_t seed, const char *kind, const char *name)
{
	uint64_t x = seed;
	x = splitmix64(&x) ^ hash_str(kind);
	x = splitmix64(&x) ^ hash_str(name);
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, 1). */
static double
rng_unif(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* Approximately standard normal: four uniforms (Irwin-Hall), bounded at
 * ±3.5 sd -- no log or cos needed, and no absurd outliers. */
static double
rng_norm(struct rng *r)
{
	double s = rng_unif(r) + rng_unif(r) + rng_unif(r) + rng_unif(r);
	return (s - 2.0) * 1.7320508075688772;
}

/* exp(x) from basic arithmetic: x = k·ln2 + r, |r| <= ln2/2, Taylor
 * series of degree 13 (relative error < 1e-15), then ldexp (exact). */
static double
sim_exp(double x)
{
	static const double inv_fact[14] = { 1.0, 1.0, 1.0 / 2, 1.0 / 6,
		1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320,
		1.0 / 362880, 1.0 / 3628800, 1.0 / 39916800,
		1.0 / 479001600, 1.0 / 6227020800.0 };
	if (x > 700)
		x = 700;
	if (x < -700)
		return 0;
	double k = floor(x * 1.4426950408889634 + 0.5);
	double r = (x - k * 0.693147180369123816490) -
	    k * 1.90821492927058770002e-10;
	double p = inv_fact[13];
	for (int i = 12; i >= 0; i--)
		p = p * r + inv_fact[i];
	return ldexp(p, (int)k);
}

/* AR(1) with stationary standard deviation sd. */
struct ar {
	double x, phi, k;
};

static void
ar_init(struct ar *a, double phi, double sd, struct rng *r)
{
	a->phi = phi;
	a->k = sd * sqrt(1.0 - phi * phi);
	a->x = sd * rng_norm(r);
}

static double
ar_step(struct ar *a, struct rng *r)
{
	a->x = a->phi * a->x + a->k * rng_norm(r);
	return a->x;
}

/* ==== climate of the model =========================================== */

/* Mid-month anchors, interpolated linearly day by day. A Henan plain
 * city around 2023 (PM2.5 annual ~50 µg/m³, O3-8h-90per ~175). */
static const double m_pm25[12] =
    { 92, 72, 54, 45, 36, 29, 25, 25, 29, 40, 60, 84 };
static const double m_ratio10[12] =          /* PM10 / PM2.5 */
    { 1.40, 1.48, 1.75, 1.85, 1.80, 1.65, 1.50, 1.50, 1.55, 1.62, 1.52,
      1.45 };
static const double m_o3_8h[12] =            /* daily max 8 h, typical */
    { 58, 78, 98, 122, 150, 168, 148, 138, 130, 102, 72, 54 };
static const double m_o3_night[12] =
    { 12, 18, 25, 30, 35, 35, 30, 28, 25, 20, 14, 10 };
static const double m_haze_o3[12] =          /* haze damping of O3 */
    { 0.5, 0.4, 0.2, 0, -0.1, -0.15, -0.15, -0.1, 0, 0.1, 0.3, 0.5 };
static const double m_no2[12] =
    { 44, 35, 33, 28, 24, 20, 18, 19, 25, 32, 40, 44 };
static const double m_so2[12] =
    { 12, 10, 9, 8, 7, 6, 5, 5, 6, 7, 9, 12 };
static const double m_co[12] =               /* mg/m³ */
    { 1.25, 1.05, 0.85, 0.72, 0.64, 0.60, 0.58, 0.58, 0.66, 0.80, 1.00,
      1.22 };
/* Daily chance that a regional 重污染 episode starts, and of spring dust. */
static const double p_episode[12] =
    { 0.065, 0.035, 0.008, 0, 0, 0, 0, 0, 0, 0.008, 0.03, 0.065 };
static const double p_dust[12] =
    { 0, 0, 0.015, 0.015, 0.008, 0, 0, 0, 0, 0, 0, 0 };

/* Diurnal shapes by START hour 0-23 (normalised to mean 1 at use, except
 * O3's, which is the share of the day's photochemical bulge). */
static const double h_pm[24] = { 1.10, 1.10, 1.08, 1.05, 1.02, 1.00, 1.00,
	1.03, 1.07, 1.06, 1.01, 0.95, 0.90, 0.86, 0.84, 0.84, 0.86, 0.90,
	0.96, 1.02, 1.07, 1.10, 1.11, 1.11 };
static const double h_no2[24] = { 1.05, 1.00, 0.95, 0.92, 0.90, 0.92,
	1.00, 1.12, 1.18, 1.10, 0.95, 0.82, 0.74, 0.70, 0.69, 0.72, 0.80,
	0.95, 1.12, 1.22, 1.24, 1.20, 1.15, 1.10 };
static const double h_so2[24] = { 0.90, 0.88, 0.86, 0.85, 0.85, 0.86,
	0.90, 0.96, 1.05, 1.15, 1.22, 1.24, 1.22, 1.16, 1.10, 1.05, 1.00,
	0.98, 0.98, 0.98, 0.96, 0.94, 0.92, 0.91 };
static const double h_co[24] = { 1.08, 1.07, 1.05, 1.03, 1.01, 1.00,
	1.02, 1.08, 1.12, 1.08, 1.00, 0.93, 0.88, 0.85, 0.84, 0.85, 0.88,
	0.93, 1.00, 1.05, 1.08, 1.09, 1.09, 1.09 };
static const double h_o3[24] = { 0.10, 0.08, 0.06, 0.05, 0.04, 0.03,
	0.03, 0.06, 0.14, 0.28, 0.45, 0.62, 0.78, 0.90, 0.98, 1.00, 0.94,
	0.80, 0.60, 0.42, 0.30, 0.22, 0.17, 0.13 };
/* The O3 8 h maximum of a day is about this share of its bulge (the
 * mean of h_o3 over hours 11-18). */
#define O3_8H_SHARE 0.8275
static const double h_dust[24] = { 0, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.5,
	0.8, 1, 1, 1, 1, 1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2 };

/* Known areas: how each differs from the typical city. Other areas get
 * 1 everywhere (then documented as such in plans/monitoring/README.md). */
struct city_profile {
	const char *area;
	double pm, ratio10, o3, no2, so2, co;
};
static const struct city_profile city_profiles[] = {
	/* north Henan, industrial, Taihang foothills: dirtier */
	{ "焦作市", 1.07, 1.03, 1.03, 1.12, 1.35, 1.15 },
	{ "南阳市", 1.00, 1.00, 0.98, 0.95, 0.85, 0.95 },
	{ "驻马店市", 0.93, 0.97, 0.96, 0.85, 0.75, 0.90 },
};

static struct city_profile
city_profile_of(const char *area)
{
	for (size_t i = 0; i < sizeof city_profiles / sizeof *city_profiles;
	    i++)
		if (!strcmp(city_profiles[i].area, area))
			return city_profiles[i];
	struct city_profile p = { area, 1, 1, 1, 1, 1, 1 };
	return p;
}

/* Linear interpolation between mid-month anchors, cyclic. */
static double
seasonal(const double a[12], int m, int d, int dim)
{
	double pos = (double)(m - 1) + ((double)d - 0.5) / dim - 0.5;
	if (pos < 0)
		pos += 12;
	int i = (int)pos;
	double f = pos - i;
	return a[i] + (a[(i + 1) % 12] - a[i]) * f;
}

/* Mean of a 24-hour shape. */
static double
shape_mean(const double h[24])
{
	double s = 0;
	for (int i = 0; i < 24; i++)
		s += h[i];
	return s / 24;
}

/* ==== daily series: the region and each city ========================= */

/* Daily values for days day0 .. day0+n-1 (one day before the origin to
 * one day after the span, for the interpolation). */
struct daily {
	int32_t day0;
	size_t n;
	double *pm;    /* log-space stagnation */
	double *sun;   /* log-space O3 weather (region only) */
	double *dust;  /* PM10 added by dust, µg/m³ at the peak (region) */
};

static void
daily_alloc(struct daily *dy, int32_t day0, size_t n)
{
	dy->day0 = day0;
	dy->n = n;
	dy->pm = xcalloc(n, sizeof *dy->pm);
	dy->sun = xcalloc(n, sizeof *dy->sun);
	dy->dust = xcalloc(n, sizeof *dy->dust);
}

static void
daily_free(struct daily *dy)
{
	free(dy->pm);
	free(dy->sun);
	free(dy->dust);
}

static int
month_of_day(int32_t day)
{
	int y, m, d, h;
	mon_hour_civil(day * 24, &y, &m, &d, &h);
	return m;
}

/*
 * The region: a daily AR(1) of stagnation plus winter episodes -- 2 to 5
 * days that build up to +0.45..+0.85 (x1.6..x2.3) and end with a
 * clean-out day (a cold front) -- an O3 weather AR(1) and spring dust.
 * Every day draws the same number of numbers.
 */
static void
daily_region(struct daily *dy, uint64_t seed)
{
	struct rng r;
	rng_init(&r, seed, "region", "");
	struct ar pm, sun;
	ar_init(&pm, 0.72, 0.32, &r);
	ar_init(&sun, 0.55, 0.20, &r);
	int ep_len = 0, ep_i = 0, clean = 0;
	double ep_amp = 0;
	for (size_t k = 0; k < dy->n; k++) {
		int m = month_of_day(dy->day0 + (int32_t)k) - 1;
		double u1 = rng_unif(&r), u2 = rng_unif(&r),
		    u3 = rng_unif(&r), u4 = rng_unif(&r), u5 = rng_unif(&r);
		double e = 0;
		if (ep_i < ep_len) {
			e = ep_amp * (0.45 + 0.55 * ep_i / (ep_len - 1));
			if (++ep_i == ep_len)
				clean = 1;
		} else if (clean) {
			e = -0.40;
			clean = 0;
		} else if (u1 < p_episode[m]) {
			ep_len = 2 + (int)(u2 * 4);
			ep_amp = 0.45 + 0.40 * u3;
			ep_i = 1;
			e = ep_amp * 0.45;
		}
		dy->pm[k] = ar_step(&pm, &r) + e;
		dy->sun[k] = ar_step(&sun, &r);
		dy->dust[k] = u4 < p_dust[m] ? 150 + 250 * u5 : 0;
	}
}

/* A city's own daily stagnation. */
static void
daily_city(struct daily *dy, uint64_t seed, const char *area)
{
	struct rng r;
	rng_init(&r, seed, "city", area);
	struct ar pm;
	ar_init(&pm, 0.6, 0.18, &r);
	for (size_t k = 0; k < dy->n; k++)
		dy->pm[k] = ar_step(&pm, &r);
}

/* A daily value at hour h of day index k (k >= 1, k + 1 < n): linear
 * between the noons of neighbouring days, so no step at midnight. */
static double
daily_at(const double *v, size_t k, int h)
{
	if (h < 12)
		return v[k - 1] + (v[k] - v[k - 1]) * (h + 12) / 24.0;
	return v[k] + (v[k + 1] - v[k]) * (h - 12) / 24.0;
}

/* ==== stations ======================================================= */

enum { P_SO2, P_NO2, P_PM10, P_CO, P_O3, P_PM25, P_N };
enum { R_PM10, R_PM25, R_NO2, R_SO2, R_CO, R_N }; /* 24 h rings */

/* Gap rates per hour. */
#define P_OUTAGE (1.0 / 12000)   /* station offline for days */
#define P_SHORT 0.0035           /* 1-4 h maintenance, all cells empty */
#define P_ANALYSER 0.0012        /* one pollutant missing 1-10 h */
#define P_CITY_ABSENT 0.0006     /* the city's whole release missing */

struct station_state {
	const struct sim_station *st;
	struct rng r;
	double off[P_N];
	struct ar e[P_N];
	int gap_left;
	int pgap[P_N];
	int ring[R_N][24];   /* published hourly values, -1 missing */
	int o3day[24];       /* today's published O3, -1 missing */
	int o3max8;          /* today's max 8 h so far, -1 none */
};

static void
station_init(struct station_state *s, const struct sim_station *st,
    uint64_t seed)
{
	memset(s, 0, sizeof *s);
	s->st = st;
	rng_init(&s->r, seed, "station", st->code);
	static const double off_sd[P_N] = { 0.20, 0.15, 0.07, 0.10, 0.06,
		0.06 };
	static const double e_phi[P_N] = { 0.85, 0.85, 0.80, 0.90, 0.80,
		0.90 };
	static const double e_sd[P_N] = { 0.25, 0.18, 0.10, 0.10, 0.10,
		0.12 };
	for (int p = 0; p < P_N; p++)
		s->off[p] = off_sd[p] * rng_norm(&s->r);
	for (int p = 0; p < P_N; p++)
		ar_init(&s->e[p], e_phi[p], e_sd[p], &s->r);
	for (int i = 0; i < R_N; i++)
		for (int j = 0; j < 24; j++)
			s->ring[i][j] = -1;
	for (int j = 0; j < 24; j++)
		s->o3day[j] = -1;
	s->o3max8 = -1;
}

/* The hour's shared drivers of one city. */
struct drivers {
	int y, m, d, h;
	double lr, lc;      /* regional and city stagnation */
	double hc;          /* the city's hourly noise */
	double sun;         /* O3 weather */
	double dust;        /* PM10 added by dust now, µg/m³ */
	double trend_pm, trend_o3, trend_no2;
	int weekend;
};

/* One published row of one station. */
struct row {
	int empty;          /* offline: every cell empty */
	int v[P_N];         /* -1 missing; CO in 0.1 mg/m³ */
	int avg[R_N];       /* 24 h means, -1 missing; CO in 0.1 mg/m³ */
	int o3_8h, o3_8h_max; /* -1 missing */
};

static int
round_pos(double x, int min)
{
	double r = floor(x + 0.5);
	if (r < min)
		return min;
	if (r > 99999)
		return 99999;
	return (int)r;
}

/* sum/n rounded half to even (GB/T 8170). */
static int
mean_half_even(long sum, long n)
{
	long q = sum / n, rem = sum % n;
	if (2 * rem > n || (2 * rem == n && (q & 1)))
		q++;
	return (int)q;
}

/* The station's true concentrations for this hour (always computed, so
 * the series never depends on its gaps). */
static void
station_values(struct station_state *s, const struct drivers *dr,
    const struct city_profile *cp, int v[P_N])
{
	double e[P_N];
	for (int p = 0; p < P_N; p++)
		e[p] = ar_step(&s->e[p], &s->r);
	int h = dr->h;
	int dim = aqstats_days_in_month(dr->y, dr->m);
	double L = dr->lr + dr->lc + dr->hc;

	/* 0.905: the mean of exp() of the summed log noise (sd ~0.43) */
	double pm25 = seasonal(m_pm25, dr->m, dr->d, dim) * cp->pm *
	    dr->trend_pm * 0.905 *
	    sim_exp(L + s->off[P_PM25] + e[P_PM25]) * h_pm[h] /
	    shape_mean(h_pm);
	double dust = dr->dust * sim_exp(e[P_PM10]);
	double pm10 = pm25 * seasonal(m_ratio10, dr->m, dr->d, dim) *
	    cp->ratio10 * sim_exp(s->off[P_PM10] + e[P_PM10]) + dust;
	pm25 += 0.2 * dust;

	double night = seasonal(m_o3_night, dr->m, dr->d, dim);
	double bulge = (seasonal(m_o3_8h, dr->m, dr->d, dim) - night) /
	    O3_8H_SHARE;
	double haze = seasonal(m_haze_o3, dr->m, dr->d, dim);
	double o3 = (night * sim_exp(-0.3 * (dr->lr + dr->lc)) +
	    bulge * h_o3[h] * sim_exp(dr->sun - haze * (dr->lr + dr->lc))) *
	    cp->o3 * dr->trend_o3 * sim_exp(s->off[P_O3] + e[P_O3]);

	double no2 = seasonal(m_no2, dr->m, dr->d, dim) * cp->no2 *
	    dr->trend_no2 * (dr->weekend ? 0.94 : 1.02) * 0.93 *
	    sim_exp(0.55 * L + s->off[P_NO2] + e[P_NO2]) * h_no2[h] /
	    shape_mean(h_no2);
	double so2 = seasonal(m_so2, dr->m, dr->d, dim) * cp->so2 * 0.95 *
	    sim_exp(0.4 * L + s->off[P_SO2] + e[P_SO2]) * h_so2[h] /
	    shape_mean(h_so2);
	double co = seasonal(m_co, dr->m, dr->d, dim) * cp->co * 0.95 *
	    sim_exp(0.6 * L + s->off[P_CO] + e[P_CO]) * h_co[h] /
	    shape_mean(h_co);

	v[P_PM25] = round_pos(pm25, 2);
	v[P_PM10] = round_pos(pm10, 3);
	if (v[P_PM10] < v[P_PM25])
		v[P_PM10] = v[P_PM25];
	v[P_O3] = round_pos(o3, 1);
	v[P_NO2] = round_pos(no2, 2);
	v[P_SO2] = round_pos(so2, 2);
	v[P_CO] = round_pos(co * 10, 1);
}

/* Which cells are missing this hour: outages, maintenance, analysers.
 * Every hour draws the same count of numbers. */
static int
station_gaps(struct station_state *s, int miss[P_N])
{
	double u_out = rng_unif(&s->r), u_outd = rng_unif(&s->r);
	double u_long = rng_unif(&s->r);
	double u_short = rng_unif(&s->r), u_shortd = rng_unif(&s->r);
	int empty = 0;
	if (s->gap_left > 0) {
		s->gap_left--;
		empty = 1;
	} else if (u_out < P_OUTAGE) {
		/* 2-7 days, one outage in eight 10-20 days */
		int hours = u_long < 0.125 ? 240 + (int)(u_outd * 240) :
		    48 + (int)(u_outd * 120);
		s->gap_left = hours - 1;
		empty = 1;
	} else if (u_short < P_SHORT) {
		s->gap_left = (int)(u_shortd * u_shortd * 4);
		empty = 1;
	}
	for (int p = 0; p < P_N; p++) {
		double u = rng_unif(&s->r), ud = rng_unif(&s->r);
		miss[p] = 0;
		if (s->pgap[p] > 0) {
			s->pgap[p]--;
			miss[p] = 1;
		} else if (u < P_ANALYSER) {
			s->pgap[p] = (int)(ud * 10);
			miss[p] = 1;
		}
	}
	return empty;
}

/* Mean of a 24 h ring when at least 20 values are there, else -1. */
static int
ring_mean(const int ring[24])
{
	long sum = 0, n = 0;
	for (int i = 0; i < 24; i++)
		if (ring[i] >= 0) {
			sum += ring[i];
			n++;
		}
	return n >= AQSTATS_DAY_MIN_HOURS ? mean_half_even(sum, n) : -1;
}

/* Advance one station by one hour t and fill its published row. */
static void
station_step(struct station_state *s, int32_t t, const struct drivers *dr,
    const struct city_profile *cp, struct row *row)
{
	int v[P_N], miss[P_N];
	station_values(s, dr, cp, v);
	row->empty = station_gaps(s, miss);
	int any = 0;
	for (int p = 0; p < P_N; p++) {
		row->v[p] = row->empty || miss[p] ? -1 : v[p];
		any |= row->v[p] >= 0;
	}
	if (!any)
		row->empty = 1;

	static const int ring_of[R_N] = { P_PM10, P_PM25, P_NO2, P_SO2,
		P_CO };
	int slot = (int)(t % 24);
	for (int i = 0; i < R_N; i++) {
		s->ring[i][slot] = row->v[ring_of[i]];
		row->avg[i] = row->empty ? -1 : ring_mean(s->ring[i]);
	}

	/* O3 8 h within the natural day (HJ 663): windows h-7..h, h >= 7 */
	if (dr->h == 0) {
		for (int j = 0; j < 24; j++)
			s->o3day[j] = -1;
		s->o3max8 = -1;
	}
	s->o3day[dr->h] = row->v[P_O3];
	row->o3_8h = -1;
	if (dr->h >= 7) {
		long sum = 0, n = 0;
		for (int j = dr->h - 7; j <= dr->h; j++)
			if (s->o3day[j] >= 0) {
				sum += s->o3day[j];
				n++;
			}
		if (n >= AQSTATS_8H_MIN_HOURS) {
			row->o3_8h = mean_half_even(sum, n);
			if (row->o3_8h > s->o3max8)
				s->o3max8 = row->o3_8h;
		}
	}
	row->o3_8h_max = s->o3max8;
	if (row->empty)
		row->o3_8h = row->o3_8h_max = -1;
}

/* ==== writing rows ==================================================== */

static void
put_int(struct buf *b, int v)
{
	if (v >= 0)
		buf_printf(b, ",%d", v);
	else
		buf_putc(b, ',');
}

/* CO in 0.1 mg/m³: the hourly value always with one decimal ("1.0"),
 * the 24 h mean without a trailing zero ("1"), as the national release
 * writes them. */
static void
put_co(struct buf *b, int tenths, int trim)
{
	if (tenths < 0)
		buf_putc(b, ',');
	else if (trim && tenths % 10 == 0)
		buf_printf(b, ",%d", tenths / 10);
	else
		buf_printf(b, ",%d.%d", tenths / 10, tenths % 10);
}

static void
row_write(struct buf *b, int32_t t, const struct drivers *dr,
    const struct sim_station *st, const struct row *row, struct buf *tmp)
{
	int y, m, d, h;
	mon_hour_civil(t + 1, &y, &m, &d, &h); /* timepoint: end of hour */
	buf_printf(b, "%04d-%02d-%02dT%02d00,%s,%s,%s,%s,%s", y, m, d, h,
	    st->code, st->lon, st->lat, st->area, st->name);
	if (row->empty) {
		buf_puts(b, ",,,,,,,,,,,,,,,,\n");
		return;
	}
	struct aqi_input in;
	aqi_input_init(&in);
	static const int ind_of[P_N] = { AQI_SO2, AQI_NO2, AQI_PM10, AQI_CO,
		AQI_O3_1H, AQI_PM25 };
	for (int p = 0; p < P_N; p++)
		if (row->v[p] >= 0)
			in.c[ind_of[p]] = p == P_CO ?
			    (int64_t)row->v[p] * (AQI_SCALE / 10) :
			    (int64_t)row->v[p] * AQI_SCALE;
	if (row->avg[R_SO2] >= 0)
		in.so2_24h = (int64_t)row->avg[R_SO2] * AQI_SCALE;
	struct aqi_result res;
	aqi_compute(aqi_standard_for_date(dr->y, dr->m, dr->d), AQI_HOURLY,
	    &in, &res);
	buf_truncate(tmp, 0);
	aqi_list(res.primary, 1, ",", tmp);
	if (tmp->len && strchr(tmp->data, ','))
		buf_printf(b, ",\"%s\"", tmp->data);
	else
		buf_printf(b, ",%s", tmp->len ? tmp->data : "");
	put_int(b, res.aqi == AQI_NONE ? -1 : res.aqi);
	put_int(b, row->v[P_PM10]);
	put_int(b, row->avg[R_PM10]);
	put_int(b, row->v[P_PM25]);
	put_int(b, row->avg[R_PM25]);
	put_int(b, row->v[P_O3]);
	buf_putc(b, ',');               /* o3_24h: empty, as in 2024 */
	put_int(b, row->o3_8h_max);     /* o3_8h: the day's max 8 h */
	put_int(b, row->o3_8h);         /* o3_8h_24h: the latest 8 h */
	put_int(b, row->v[P_NO2]);
	put_int(b, row->avg[R_NO2]);
	put_int(b, row->v[P_SO2]);
	put_int(b, row->avg[R_SO2]);
	put_co(b, row->v[P_CO], 0);
	put_co(b, row->avg[R_CO], 1);
	buf_putc(b, '\n');
}

/* ==== generating ====================================================== */

static int
station_cmp(const void *a, const void *b)
{
	const struct sim_station *x = *(const struct sim_station *const *)a;
	const struct sim_station *y = *(const struct sim_station *const *)b;
	int c = strcmp(x->dir, y->dir);
	return c ? c : strcmp(x->code, y->code);
}

/* One folder's stations st[0..n), all of one area, hour by hour from the
 * origin to the end of the span; rows inside the span go to fn, a year
 * at a time. */
static int
generate_folder(const struct sim_station *const *st, size_t n,
    const struct daily *region, const struct sim_options *o,
    sim_year_fn fn, void *ctx, struct diag_list *dl)
{
	const char *area = st[0]->area, *dir = st[0]->dir;
	struct city_profile cp = city_profile_of(area);
	struct daily city;
	daily_alloc(&city, region->day0, region->n);
	daily_city(&city, o->seed, area);
	struct rng rh;
	rng_init(&rh, o->seed, "city-hourly", area);
	struct ar hc;
	ar_init(&hc, 0.92, 0.10, &rh);
	struct station_state *ss = xcalloc(n, sizeof *ss);
	for (size_t i = 0; i < n; i++)
		station_init(&ss[i], st[i], o->seed);

	int32_t t0 = mon_hour_index(SIM_ORIGIN_YEAR, 1, 1, 0);
	int32_t from = mon_hour_index(o->from_y, o->from_m, o->from_d, 0);
	int32_t to = mon_hour_index(o->to_y, o->to_m, o->to_d, 23);
	struct buf out = {0}, tmp = {0};
	int year = -1, ok = 1;
	for (int32_t t = t0; t <= to && ok; t++) {
		struct drivers dr;
		mon_hour_civil(t, &dr.y, &dr.m, &dr.d, &dr.h);
		int32_t day = t / 24;
		size_t k = (size_t)(day - region->day0);
		dr.lr = daily_at(region->pm, k, dr.h);
		dr.lc = daily_at(city.pm, k, dr.h);
		dr.sun = daily_at(region->sun, k, dr.h);
		dr.dust = region->dust[k] * h_dust[dr.h];
		dr.hc = ar_step(&hc, &rh);
		int absent = rng_unif(&rh) < P_CITY_ABSENT;
		double yf = dr.y + (day - day_index(dr.y, 1, 1) + 0.5) /
		    aqstats_days_in_year(dr.y) - 2023.5;
		dr.trend_pm = 1 - 0.035 * yf;
		dr.trend_o3 = 1 + 0.01 * yf;
		dr.trend_no2 = 1 - 0.025 * yf;
		dr.weekend = (day + 5) % 7 >= 5; /* 2000-01-01 was a Saturday */
		int emit = t >= from;
		if (emit && dr.y != year) {
			if (year >= 0 && !fn(dir, year, &out, ctx))
				ok = 0;
			year = dr.y;
			buf_truncate(&out, 0);
			buf_puts(&out, sim_cnemc_header);
			buf_putc(&out, '\n');
		}
		for (size_t i = 0; i < n; i++) {
			struct row row;
			station_step(&ss[i], t, &dr, &cp, &row);
			if (emit && !absent)
				row_write(&out, t, &dr, st[i], &row, &tmp);
		}
	}
	if (ok && year >= 0 && !fn(dir, year, &out, ctx))
		ok = 0;
	if (!ok)
		diag_add(dl, DIAG_ERROR, dir, 0, 0,
		    "写出模拟数据时中止 (stopped while writing)");
	buf_free(&out);
	buf_free(&tmp);
	free(ss);
	daily_free(&city);
	return ok;
}

int
sim_generate(const struct sim_table *t, const struct sim_options *o,
    sim_year_fn fn, void *ctx, struct diag_list *dl)
{
	if (!sim_options_check(o, dl))
		return 0;
	const struct sim_station **st = xcalloc(t->n ? t->n : 1, sizeof *st);
	size_t n = 0;
	int ok = 1;
	for (size_t i = 0; i < t->n; i++) {
		if (!t->v[i].simulated)
			continue;
		if (strcmp(t->v[i].layout, SIM_LAYOUT)) {
			diag_add(dl, DIAG_ERROR, t->path, t->v[i].line, 0,
			    "模拟数据只能用 %s 格式，而不是 %s (simulated "
			    "stations use layout %s)", SIM_LAYOUT,
			    t->v[i].layout, SIM_LAYOUT);
			ok = 0;
		}
		st[n++] = &t->v[i];
	}
	if (ok && n) {
		qsort(st, n, sizeof *st, station_cmp);
		int32_t origin = day_index(SIM_ORIGIN_YEAR, 1, 1);
		int32_t last = day_index(o->to_y, o->to_m, o->to_d);
		struct daily region;
		daily_alloc(&region, origin - 1, (size_t)(last - origin + 3));
		daily_region(&region, o->seed);
		for (size_t i = 0; i < n && ok;) {
			size_t j = i + 1;
			while (j < n && !strcmp(st[j]->dir, st[i]->dir))
				j++;
			ok = generate_folder(st + i, j - i, &region, o, fn,
			    ctx, dl);
			i = j;
		}
		daily_free(&region);
	}
	free(st);
	return ok;
}

/* ==== writing files =================================================== */

int
sim_gzip(const void *data, size_t len, struct buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	/* windowBits 15 + 16: a gzip wrapper with zlib's default header --
	 * no name, mtime 0 */
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	size_t bound = deflateBound(&z, (uLong)len);
	buf_grow(out, bound + 1);
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + out->len;
	z.avail_out = (uInt)bound;
	int rc = deflate(&z, Z_FINISH);
	if (rc == Z_STREAM_END)
		out->len += bound - z.avail_out;
	deflateEnd(&z);
	if (out->data)
		out->data[out->len] = '\0';
	return rc == Z_STREAM_END;
}

struct write_ctx {
	const char *root;
	struct sim_write_log *log;
	struct diag_list *dl;
};

static int
write_year(const char *dir, int year, const struct buf *csv, void *vctx)
{
	struct write_ctx *c = vctx;
	if (csv->len > 0xFFFFFFFFu) {
		diag_add(c->dl, DIAG_ERROR, dir, 0, 0, "数据过大 (too large)");
		return 0;
	}
	char *folder = xasprintf("%s/%s", c->root, dir);
	char *path = xasprintf("%s/%d%s", folder, year, SIM_FILE_SUFFIX);
	struct buf gz = {0}, old = {0};
	int ok = sim_gzip(csv->data, csv->len, &gz);
	if (!ok)
		diag_add(c->dl, DIAG_ERROR, path, 0, 0,
		    "gzip 压缩失败 (compression failed)");
	int same = ok && fs_read_file(path, &old) == 0 &&
	    old.len == gz.len && !memcmp(old.data, gz.data, gz.len);
	if (ok && !same && (fs_mkdir_p(folder) != 0 ||
	    fs_write_atomic(path, gz.data, gz.len) != 0)) {
		diag_add(c->dl, DIAG_ERROR, path, 0, 0,
		    "无法写入 (cannot write): %s", strerror(errno));
		ok = 0;
	}
	if (ok && c->log) {
		struct sim_write_log *w = c->log;
		w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof *w->v);
		struct sim_written *e = &w->v[w->n++];
		e->path = path;
		path = NULL;
		e->year = year;
		e->rows = 0;
		for (size_t i = 0; i < csv->len; i++)
			e->rows += csv->data[i] == '\n';
		e->rows--; /* the header */
		e->bytes = gz.len;
		e->changed = !same;
	}
	buf_free(&gz);
	buf_free(&old);
	free(path);
	free(folder);
	return ok;
}

int
sim_write(const struct sim_table *t, const struct sim_options *o,
    const char *root, struct sim_write_log *log, struct diag_list *dl)
{
	struct write_ctx c = { root, log, dl };
	return sim_generate(t, o, write_year, &c, dl);
}

void
sim_write_log_free(struct sim_write_log *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i].path);
	free(w->v);
	memset(w, 0, sizeof *w);
}
