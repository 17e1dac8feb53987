/*
 * plan_dates.c -- finding deadlines, periods and start dates (plan_dates.h).
 *
 * The text is decoded to code points once; each pattern is then a short
 * sequence of checks at one position. Full-width digits count as digits and
 * spaces between the parts of a date are skipped ("2025年 9 月底前").
 */
#include "plan_dates.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "util.h"

struct cps {
	uint32_t *c;
	size_t *off;   /* byte offset of each code point; off[n] = length */
	size_t n;
	const char *text;
};

enum {
	C_NIAN = 0x5E74,  /* 年 */
	C_YUE = 0x6708,   /* 月 */
	C_RI = 0x65E5,    /* 日 */
	C_HAO = 0x53F7,   /* 号 */
	C_DI = 0x5E95,    /* 底 */
	C_MO = 0x672B,    /* 末 */
	C_QIAN = 0x524D,  /* 前 */
	C_ZHI = 0x81F3,   /* 至 */
	C_DAO = 0x5230,   /* 到 */
	C_QI = 0x8D77,    /* 起 */
	C_ZI = 0x81EA,    /* 自 */
	C_CONG = 0x4ECE,  /* 从 */
	C_ZHI1 = 0x4E4B,  /* 之 */
	C_YI = 0x4EE5,    /* 以 */
	C_BEN = 0x672C,   /* 本 */
	C_DU = 0x5EA6,    /* 度 */
	C_JIAO = 0x8F83,  /* 较 */
	C_BI = 0x6BD4,    /* 比 */
	C_QI2 = 0x671F,   /* 期 */
	C_JIAN = 0x95F4,  /* 间 */
	C_ZHI3 = 0x6B62,  /* 止 */
};

static void
cps_init(struct cps *s, const char *text)
{
	size_t n = strlen(text), i = 0, len, k = 0;
	s->c = xmalloc((n + 1) * sizeof *s->c);
	s->off = xmalloc((n + 2) * sizeof *s->off);
	s->text = text;
	while (i < n) {
		s->off[k] = i;
		s->c[k++] = utf8_decode(text + i, n - i, &len);
		i += len;
	}
	s->off[k] = n;
	s->c[k] = 0;
	s->n = k;
}

static uint32_t
at(const struct cps *s, size_t i)
{
	return i < s->n ? s->c[i] : 0;
}

static size_t
skip_sp(const struct cps *s, size_t i)
{
	while (i < s->n && (s->c[i] == ' ' || s->c[i] == 0x3000 || s->c[i] == '\t'))
		i++;
	return i;
}

static int
digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xFF10 && c <= 0xFF19)
		return (int)(c - 0xFF10);
	return -1;
}

/* Read up to 4 digits at i: returns the count, value in *v, end in *end. */
static int
number(const struct cps *s, size_t i, int *v, size_t *end)
{
	int nd = 0, val = 0;
	while (nd < 5 && digit(at(s, i)) >= 0) {
		val = val * 10 + digit(at(s, i));
		i++;
		nd++;
	}
	*v = val;
	*end = i;
	return nd;
}

/* Expect code point c after optional spaces: returns the index after it,
 * or 0 when absent. */
static size_t
expect(const struct cps *s, size_t i, uint32_t c)
{
	i = skip_sp(s, i);
	return at(s, i) == c ? i + 1 : 0;
}

/* Previous non-space code point before i. */
static uint32_t
before(const struct cps *s, size_t i)
{
	while (i > 0) {
		i--;
		if (s->c[i] != ' ' && s->c[i] != 0x3000)
			return s->c[i];
	}
	return 0;
}

void
dates_found_free(struct date_found *f)
{
	for (size_t i = 0; i < f->n_deadlines; i++)
		free(f->deadlines[i].raw);
	for (size_t i = 0; i < f->n_periods; i++)
		free(f->periods[i].raw);
	for (size_t i = 0; i < f->n_starts; i++)
		free(f->starts[i].raw);
	free(f->deadlines);
	free(f->periods);
	free(f->starts);
	memset(f, 0, sizeof *f);
}

int
dates_month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static char *
raw_of(const struct cps *s, size_t from, size_t to)
{
	return xstrndup(s->text + s->off[from], s->off[to] - s->off[from]);
}

static void
put_date(char out[11], int y, int m, int d)
{
	if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > dates_month_days(y, m)) {
		out[0] = '\0';
		return;
	}
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 11);
}

static void
add_deadline(struct date_found *f, char *raw, int y, int m, int d, size_t line)
{
	f->deadlines = xgrow(f->deadlines, &f->cap_deadlines, f->n_deadlines + 1,
	    sizeof *f->deadlines);
	struct deadline *dl = &f->deadlines[f->n_deadlines++];
	dl->raw = raw;
	dl->line = line;
	if (y)
		put_date(dl->date, y, m, d);
	else
		dl->date[0] = '\0';
}

static void
add_period(struct period **v, size_t *n, size_t *cap, char *raw, const int a[3],
    const int b[3], size_t line)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	struct period *p = &(*v)[(*n)++];
	p->raw = raw;
	p->line = line;
	put_date(p->start, a[0], a[1], a[2]);
	if (b)
		put_date(p->end, b[0], b[1], b[2]);
	else
		p->end[0] = '\0';
}

/* 前 / 之前 / 以前 at i (after spaces): index after it, or 0. */
static size_t
before_word(const struct cps *s, size_t i)
{
	i = skip_sp(s, i);
	if (at(s, i) == C_QIAN)
		return i + 1;
	if ((at(s, i) == C_ZHI1 || at(s, i) == C_YI) && at(s, i + 1) == C_QIAN)
		return i + 2;
	return 0;
}

/*
 * Parse [Y年]M月D日 or [Y年]M月 or Y年 at i. Fills ymd (0 for absent
 * parts), returns the end index or 0. need_year: the year must be there.
 */
static size_t
parse_ymd(const struct cps *s, size_t i, int ymd[3], int default_year)
{
	int v;
	size_t e, k;
	ymd[0] = default_year;
	ymd[1] = ymd[2] = 0;
	i = skip_sp(s, i);
	if (number(s, i, &v, &e) == 4 && (k = expect(s, e, C_NIAN))) {
		ymd[0] = v;
		i = k;
	}
	i = skip_sp(s, i);
	int nd = number(s, i, &v, &e);
	if (nd < 1 || nd > 2 || v < 1 || v > 12 || !(k = expect(s, e, C_YUE)))
		return 0;
	ymd[1] = v;
	i = k;
	size_t j = skip_sp(s, i);
	nd = number(s, j, &v, &e);
	if (nd >= 1 && nd <= 2 && (k = expect(s, e, C_RI) ? expect(s, e, C_RI) : expect(s, e, C_HAO))) {
		ymd[2] = v;
		i = k;
	}
	return i;
}

/* Try a date that starts with a month (year already consumed or absent)
 * at i; start is where the raw phrase begins. Returns the end or 0. */
static size_t
scan_month(const struct cps *s, size_t start, size_t i, int year, int year_known,
    size_t line, struct date_found *f, int *ctx_year)
{
	int a[3], b[3];
	size_t e = parse_ymd(s, i, a, year);
	if (!e)
		return 0;
	size_t k;
	if (a[2]) {
		/* …日至…日(期间) is a period; …日起 a start; …日前 a deadline. */
		size_t j = skip_sp(s, e);
		if (at(s, j) == C_ZHI || at(s, j) == C_DAO || at(s, j) == '-' ||
		    at(s, j) == 0x2014 || at(s, j) == '~' || at(s, j) == 0xFF5E) {
			size_t e2 = parse_ymd(s, j + 1, b, a[0]);
			if (e2 && b[2]) {
				size_t end = e2;
				size_t q = skip_sp(s, end);
				if (at(s, q) == C_QI2 && at(s, q + 1) == C_JIAN)
					end = q + 2;
				else if (at(s, q) == C_ZHI3)
					end = q + 1;
				if (year_known || a[0])
					add_period(&f->periods, &f->n_periods, &f->cap_periods,
					    raw_of(s, start, end), a, b, line);
				*ctx_year = b[0];
				return end;
			}
		}
		if ((k = expect(s, e, C_QI))) {
			add_period(&f->starts, &f->n_starts, &f->cap_starts,
			    raw_of(s, start, k), a, NULL, line);
			return k;
		}
		if ((k = before_word(s, e))) {
			add_deadline(f, raw_of(s, start, k), a[0], a[1], a[2], line);
			return k;
		}
		return e;
	}
	/* …月底(前) / …月末(前): the last day of the month. */
	size_t j = skip_sp(s, e);
	if (at(s, j) == C_DI || at(s, j) == C_MO) {
		size_t end = j + 1;
		if ((k = before_word(s, end)))
			end = k;
		add_deadline(f, raw_of(s, start, end), a[0], a[1],
		    dates_month_days(a[0], a[1]), line);
		return end;
	}
	if ((k = expect(s, e, C_QI))) {
		a[2] = 1;
		add_period(&f->starts, &f->n_starts, &f->cap_starts, raw_of(s, start, k),
		    a, NULL, line);
		return k;
	}
	return e;
}

/* A year Y年 at i (digits start at i, 年 ends at e). */
static size_t
scan_year(const struct cps *s, size_t i, size_t e, int y, size_t line,
    struct date_found *f, int *ctx_year)
{
	uint32_t pre = before(s, i);
	size_t start = i;
	if (pre == 0x3014 || pre == '[' || pre == 0x3010)  /* 〔2021〕 document number */
		return e;
	size_t j = skip_sp(s, e);
	if (at(s, j) == C_BEN || at(s, j) == C_DU)  /* 2019年本, 2023年度 */
		return j + 1;
	if (pre == C_JIAO || pre == C_BI)  /* baseline: 较2022年, 比2015年 */
		return j;
	/* Include 到 / 自 / 从 before the year in the raw phrase. */
	size_t q = i;
	while (q > 0 && (s->c[q - 1] == ' ' || s->c[q - 1] == 0x3000))
		q--;
	if (q > 0 && (s->c[q - 1] == C_DAO || s->c[q - 1] == C_ZI || s->c[q - 1] == C_CONG))
		start = q - 1;
	*ctx_year = y;
	size_t k = scan_month(s, start, i, y, 1, line, f, ctx_year);
	if (k)
		return k;
	/* Y年底 / Y年年底 / Y年末 / Y年年末 (前) */
	size_t m = j;
	if (at(s, m) == C_NIAN)
		m = skip_sp(s, m + 1);
	if (at(s, m) == C_DI || at(s, m) == C_MO) {
		size_t end = m + 1;
		if ((k = before_word(s, end)))
			end = k;
		add_deadline(f, raw_of(s, start, end), y, 12, 31, line);
		return end;
	}
	if (at(s, j) == C_QI) {  /* 自2024年起 */
		int a[3] = { y, 1, 1 };
		add_period(&f->starts, &f->n_starts, &f->cap_starts, raw_of(s, start, j + 1),
		    a, NULL, line);
		return j + 1;
	}
	if (start < i && s->c[start] == C_DAO) {  /* 到2025年: by the end of it */
		add_deadline(f, raw_of(s, start, e), y, 12, 31, line);
		return e;
	}
	return e;
}

void
dates_scan(const char *text, int plan_year, size_t line, struct date_found *f)
{
	struct cps s;
	cps_init(&s, text);
	int ctx_year = 0;
	size_t i = 0;
	while (i < s.n) {
		uint32_t c = s.c[i];
		if (digit(c) >= 0 && (i == 0 || digit(s.c[i - 1]) < 0) &&
		    (i == 0 || (s.c[i - 1] != '.' && s.c[i - 1] != 0xFF0E))) {
			int v;
			size_t e;
			int nd = number(&s, i, &v, &e);
			size_t k;
			if (nd == 4 && v >= 1900 && v <= 2199 && (k = expect(&s, e, C_NIAN))) {
				i = scan_year(&s, i, k, v, line, f, &ctx_year);
				continue;
			}
			if (nd <= 2 && v >= 1 && v <= 12 && expect(&s, e, C_YUE)) {
				int y = ctx_year ? ctx_year : plan_year;
				k = scan_month(&s, i, i, y, ctx_year != 0, line, f, &ctx_year);
				if (k) {
					i = k;
					continue;
				}
			}
			i = e;
			continue;
		}
		/* 年月底前: the digits are missing; a deadline with no date. */
		if (c == C_NIAN && at(&s, i + 1) == C_YUE && (at(&s, i + 2) == C_DI ||
		    at(&s, i + 2) == C_MO) && (i == 0 || digit(s.c[i - 1]) < 0)) {
			size_t end = i + 3;
			size_t k = before_word(&s, end);
			if (k)
				end = k;
			add_deadline(f, raw_of(&s, i, end), 0, 0, 0, line);
			i = end;
			continue;
		}
		i++;
	}
	free(s.c);
	free(s.off);
}
