/*
 * monitor.c -- the streaming reader of hourly monitoring files and the
 * per-station data-quality summary (see monitor.h for the contract).
 *
 * Reading is line by line from one fixed buffer filled by gzread (zlib
 * reads plain files transparently). Each line is split in place; cells are
 * classified (value, missing, rejected with a reason) before anything is
 * counted, so a row rejected as a duplicate leaves no trace in the
 * per-pollutant counts.
 */
#include "monitor.h"

#include <errno.h>
#include <iconv.h>
#include <inttypes.h>
#include <stdint.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "userfile.h"
#include "xlsx.h"
#include "util.h"

#define MON_BUF_SIZE (256u << 10)
#define MON_LINE_MAX (64u << 10)
/* A GB18030 line in UTF-8: a 2-byte character becomes 3 bytes, a 4-byte
 * one at most 4, ASCII stays; so at most 1.5 times as long. */
#define MON_CONV_MAX (MON_LINE_MAX / 2 * 3 + 4)
#define MON_MAX_COLS 512
#define MON_XLSX_MAX_BYTES ((size_t)40 << 20) /* a workbook, compressed */
#define MON_XLSX_HEADER_ROWS 20  /* rows of a sheet searched for the header */
#define MON_DIAG_EACH 5          /* warnings per reason per file */
#define MON_DROP_WARN_PERCENT 1  /* more rows dropped than this: a warning */
#define MON_VALUE_MAX 1000000000000000LL /* 1e15 scaled units */
#define POLL_MASK ((1u << MON_NPOLL) - 1)

/* What a column means to the reader. */
enum role {
	R_TIME, R_YEAR, R_MONTH, R_DAY, R_HOUR, R_STATION, R_NAME, R_AREA,
	R_PRIMARY, R_FIELD, R_N = R_FIELD + MON_NFIELD
};

struct token {
	const char *s;
	size_t n;
};

struct mon_reader {
	const struct mon_layout *ml;
	struct mon_qc *qc;
	struct diag_list *dl;
	char *path;
	gzFile gz;
	char *buf;                 /* MON_BUF_SIZE + 1 bytes */
	size_t len, pos;
	int eof, skipping, failed, done;
	iconv_t cd;                /* GB18030 -> UTF-8, or (iconv_t)-1 */
	char *conv;                /* MON_CONV_MAX + 1 bytes: a converted line */
	int bad_encoding;          /* the last line did not convert */
	struct xlsx_book *book;    /* an .xlsx workbook, read whole ... */
	const struct xlsx_sheet *sheet; /* ... its sheet with the header */
	size_t xnext;              /* next row of the sheet */
	size_t line;
	int col[R_N];              /* column per role, -1: none */
	int need;                  /* a row needs at least this many columns */
	int width;                 /* header width; 0 without a header */
	int kexp[MON_NFIELD];      /* decimal exponent of the scaled value */
	int empty_missing;
	int digit_tokens;          /* a missing/placeholder token starts with a digit */
	int64_t civil_days;        /* day of the last record ... */
	int civil_y, civil_m, civil_d; /* ... and its date */
	struct token *missing, *placeholder;
	size_t nmissing, nplaceholder;
	struct mon_station *fixed; /* station from the file name */
	struct mon_station *cache; /* last station looked up ... */
	char cache_raw[128];       /* ... by this raw text */
	size_t cache_len;
	char *fs[MON_MAX_COLS];
	size_t fl[MON_MAX_COLS];
	struct mon_file_stats st;
	size_t ndiag_row[MON_ROW_NREASON];
	size_t ndiag_cell[MON_CELL_NREASON];
	size_t first_line[MON_ROW_NREASON][MON_DIAG_EACH]; /* of each reason */
};

static const char *const cell_reason_names[MON_CELL_NREASON] = {
	"占位符", "空值", "非数值", "负值", "小数位过多", "数值过大",
};
static const char *const row_reason_names[MON_ROW_NREASON] = {
	"列数不足", "列数过多", "行过长", "引号不配对", "编码错误",
	"时间无效", "缺少站点", "重复（数值相同）", "重复（数值不同）",
	"时间倒序",
};

const char *
mon_cell_reason_name(enum mon_cell_reason r)
{
	return (unsigned)r < MON_CELL_NREASON ? cell_reason_names[r] : "?";
}

const char *
mon_row_reason_name(enum mon_row_reason r)
{
	return (unsigned)r < MON_ROW_NREASON ? row_reason_names[r] : "?";
}

/* ---- hours ------------------------------------------------------------ */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

#define EPOCH_DAYS 10957 /* 2000-01-01 */

int32_t
mon_hour_index(int year, int month, int day, int hour)
{
	return (int32_t)((days_from_civil(year, month, day) - EPOCH_DAYS) * 24 +
	    hour);
}

void
mon_hour_civil(int32_t t, int *year, int *month, int *day, int *hour)
{
	int64_t days = t >= 0 ? t / 24 : -((-(int64_t)t + 23) / 24);
	*hour = (int)(t - days * 24);
	civil_from_days(days + EPOCH_DAYS, year, month, day);
}

void
mon_hour_format(int32_t t, char *out, size_t cap)
{
	int y, m, d, h;
	if (t == MON_HOUR_NONE) {
		snprintf(out, cap, "—");
		return;
	}
	mon_hour_civil(t, &y, &m, &d, &h);
	snprintf(out, cap, "%04d-%02d-%02d %02d时", y, m, d, h);
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

int64_t
mon_rescale(int64_t v, int64_t scale, int *exact)
{
	if (exact)
		*exact = 1;
	if (v == MON_MISSING || scale <= 0)
		return v;
	if (scale >= MON_SCALE)
		return v * (scale / MON_SCALE);
	int64_t d = MON_SCALE / scale;
	int64_t q = v / d, rem = v % d;
	if (rem < 0)
		q--, rem += d;
	if (rem == 0)
		return q;
	if (exact)
		*exact = 0;
	if (2 * rem > d || (2 * rem == d && (q & 1)))
		q++;
	return q;
}

/* ---- the data-quality registry ----------------------------------------- */

void
mon_qc_init(struct mon_qc *qc)
{
	memset(qc, 0, sizeof *qc);
	qc->first = qc->last = MON_HOUR_NONE;
	qc->outage_hours = 24;
	qc->index = g_hash_table_new(g_str_hash, g_str_equal);
}

struct mon_station *
mon_qc_station(const struct mon_qc *qc, const char *code)
{
	return qc->index ? g_hash_table_lookup(qc->index, code) : NULL;
}

static struct mon_station *
qc_add(struct mon_qc *qc, const char *code)
{
	struct mon_station *st = xcalloc(1, sizeof *st);
	st->id = qc->n;
	st->code = xstrdup(code);
	st->first = st->last = MON_HOUR_NONE;
	st->longest_outage_start = MON_HOUR_NONE;
	st->dark_since = MON_HOUR_NONE;
	qc->v = xgrow(qc->v, &qc->cap, qc->n + 1, sizeof *qc->v);
	qc->v[qc->n++] = st;
	g_hash_table_insert(qc->index, st->code, st);
	return st;
}

/* A stretch of len hours without data from hour start. */
static void
qc_outage(struct mon_qc *qc, struct mon_station *st, int32_t start,
    int32_t len, const char *file, size_t line, struct diag_list *dl)
{
	if (len < qc->outage_hours || len <= 0)
		return;
	st->outages++;
	if (len > st->longest_outage) {
		st->longest_outage = len;
		st->longest_outage_start = start;
	}
	char a[32], b[32];
	mon_hour_format(start, a, sizeof a);
	mon_hour_format(start + len - 1, b, sizeof b);
	diag_add(dl, DIAG_WARNING, file, line, 0,
	    "站点 %s 连续 %ld 小时无有效数据（%s 至 %s）", st->code,
	    (long)len, a, b);
}

/* The stretch [start, end] has no data; one that began with the station's
 * first record waits for mon_qc_finish, which adds the hours before it. */
static void
qc_dark_closed(struct mon_qc *qc, struct mon_station *st, int32_t start,
    int32_t end, const char *file, size_t line, struct diag_list *dl)
{
	if (start == st->first)
		st->lead_dark = end - start + 1;
	else
		qc_outage(qc, st, start, end - start + 1, file, line, dl);
}

void
mon_qc_finish(struct mon_qc *qc, struct diag_list *dl)
{
	if (qc->finished)
		return;
	qc->finished = 1;
	if (qc->first == MON_HOUR_NONE)
		return;
	int32_t span = qc->last - qc->first + 1;
	for (size_t i = 0; i < qc->n; i++) {
		struct mon_station *st = qc->v[i];
		if (st->records == 0) {
			st->absent_hours = (uint64_t)span;
			qc_outage(qc, st, qc->first, span, NULL, 0, dl);
			continue;
		}
		int32_t lead = st->first - qc->first, trail = qc->last - st->last;
		st->absent_hours += (uint64_t)lead + (uint64_t)trail;
		if (st->dark_since == st->first) {
			/* never a valid value: one stretch over the whole span */
			qc_outage(qc, st, qc->first, span, NULL, 0, dl);
			continue;
		}
		if (lead + st->lead_dark > 0)
			qc_outage(qc, st, qc->first, lead + st->lead_dark, NULL,
			    0, dl);
		if (st->dark_since != MON_HOUR_NONE)
			qc_outage(qc, st, st->dark_since,
			    qc->last - st->dark_since + 1, NULL, 0, dl);
		else if (trail > 0)
			qc_outage(qc, st, st->last + 1, trail, NULL, 0, dl);
	}
}

static int
station_cmp(const void *a, const void *b)
{
	const struct mon_station *x = *(struct mon_station *const *)a;
	const struct mon_station *y = *(struct mon_station *const *)b;
	return strcmp(x->code, y->code);
}

static void
put_reasons(struct buf *out, const char *title, const uint64_t *count,
    size_t n, const char *const *names)
{
	int any = 0;
	for (size_t i = 0; i < n; i++) {
		if (!count[i])
			continue;
		buf_printf(out, "%s%s %llu", any ? "，" : title, names[i],
		    (unsigned long long)count[i]);
		any = 1;
	}
	if (any)
		buf_puts(out, "\n");
}

void
mon_qc_write_text(const struct mon_qc *qc, struct buf *out)
{
	char a[32], b[32];
	struct mon_station **v = xmalloc((qc->n ? qc->n : 1) * sizeof *v);
	if (qc->n)
		memcpy(v, qc->v, qc->n * sizeof *v);
	qsort(v, qc->n, sizeof *v, station_cmp);
	mon_hour_format(qc->first, a, sizeof a);
	mon_hour_format(qc->last, b, sizeof b);
	buf_printf(out, "数据质量：%zu 个文件，%zu 个站点，%s 至 %s（时刻为小时段起点，北京时间）\n",
	    qc->files, qc->n, a, b);
	buf_printf(out, "数据行 %llu，采用 %llu\n",
	    (unsigned long long)qc->total.rows,
	    (unsigned long long)qc->total.records);
	put_reasons(out, "剔除的行：", qc->total.row_rejected, MON_ROW_NREASON,
	    row_reason_names);
	for (size_t i = 0; i < qc->n; i++) {
		const struct mon_station *st = v[i];
		buf_printf(out, "站点 %s", st->code);
		if (st->name)
			buf_printf(out, " %s", st->name);
		if (st->area)
			buf_printf(out, "（%s）", st->area);
		mon_hour_format(st->first, a, sizeof a);
		mon_hour_format(st->last, b, sizeof b);
		buf_printf(out, "\n  %s 至 %s；行 %llu，采用 %llu，全部缺测 %llu，无数据行的小时 %llu\n",
		    a, b, (unsigned long long)st->rows,
		    (unsigned long long)st->records,
		    (unsigned long long)st->all_missing,
		    (unsigned long long)st->absent_hours);
		if (st->outages) {
			mon_hour_format(st->longest_outage_start, a, sizeof a);
			buf_printf(out, "  连续 %ld 小时以上无有效数据 %llu 次，最长 %ld 小时（自 %s）\n",
			    (long)qc->outage_hours,
			    (unsigned long long)st->outages,
			    (long)st->longest_outage, a);
		}
		buf_puts(out, "  有效/缺测/剔除：");
		int any = 0;
		for (int f = 0; f < MON_NFIELD; f++) {
			uint64_t rej = 0;
			for (int k = 0; k < MON_CELL_NREASON; k++)
				rej += st->rejected[f][k];
			if (!st->valid[f] && !st->missing[f] && !rej)
				continue;
			buf_printf(out, "%s%s %llu/%llu/%llu", any ? "，" : "",
			    mon_field_label(f),
			    (unsigned long long)st->valid[f],
			    (unsigned long long)st->missing[f],
			    (unsigned long long)rej);
			any = 1;
		}
		buf_puts(out, "\n");
		uint64_t cells[MON_CELL_NREASON] = {0};
		for (int f = 0; f < MON_NFIELD; f++)
			for (int k = 0; k < MON_CELL_NREASON; k++)
				cells[k] += st->rejected[f][k];
		put_reasons(out, "  剔除的单元格：", cells, MON_CELL_NREASON,
		    cell_reason_names);
		put_reasons(out, "  剔除的行：", st->row_rejected,
		    MON_ROW_NREASON, row_reason_names);
	}
	free(v);
}

void
mon_qc_free(struct mon_qc *qc)
{
	for (size_t i = 0; i < qc->n; i++) {
		free(qc->v[i]->code);
		free(qc->v[i]->name);
		free(qc->v[i]->area);
		free(qc->v[i]);
	}
	free(qc->v);
	if (qc->index)
		g_hash_table_destroy(qc->index);
	memset(qc, 0, sizeof *qc);
}

/* ---- text helpers -------------------------------------------------------- */

/* Valid UTF-8 without NUL bytes in s[0..n)? ASCII runs are checked eight
 * bytes at a time, since most of a monitoring file is ASCII. */
static int
text_ok(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			/* no high bit and no zero byte in the word */
			if (!(w & 0x8080808080808080ULL) &&
			    !((w - 0x0101010101010101ULL) & ~w &
			    0x8080808080808080ULL)) {
				i += 8;
				continue;
			}
		}
		unsigned c = s[i];
		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		unsigned min, cp;
		if ((c & 0xE0) == 0xC0)
			k = 1, min = 0x80, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			k = 2, min = 0x800, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			k = 3, min = 0x10000, cp = c & 0x07;
		else
			return 0;
		if (n - i <= k)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

static void
trim(const struct mon_reader *r, char **s, size_t *n)
{
	int tab = r->ml->delim != '\t';
	while (*n && ((*s)[0] == ' ' || (tab && (*s)[0] == '\t')))
		(*s)++, (*n)--;
	while (*n && ((*s)[*n - 1] == ' ' || (tab && (*s)[*n - 1] == '\t')))
		(*n)--;
}

/*
 * Split s[0..n) in place into r->fs/r->fl, removing CSV quotes. Returns
 * the number of fields, -1 for unbalanced quotes, -2 for too many fields.
 */
static int
split(struct mon_reader *r, char *s, size_t n)
{
	char d = r->ml->delim, q = r->ml->quote;
	char *end = s + n, *p = s;
	int k = 0;
	/* Fast path, one pass over the bytes: fields are short, so a byte
	 * loop beats a memchr call per field. A quote sends the line to the
	 * careful path below. */
	r->fs[0] = s;
	for (; p < end; p++) {
		if (*p == d) {
			if (k + 1 == MON_MAX_COLS)
				return -2;
			r->fl[k] = (size_t)(p - r->fs[k]);
			r->fs[++k] = p + 1;
		} else if (*p == q && q) {
			break;
		}
	}
	if (p == end) {
		r->fl[k] = (size_t)(end - r->fs[k]);
		return k + 1;
	}
	p = s;
	k = 0;
	for (;;) {
		if (k == MON_MAX_COLS)
			return -2;
		char *start = p;
		while (p < end && *p == ' ' && d != ' ')
			p++;
		if (p < end && *p == q) {
			char *w = start;
			p++;
			for (;;) {
				if (p >= end)
					return -1;
				if (*p == q) {
					if (p + 1 < end && p[1] == q) {
						*w++ = q;
						p += 2;
						continue;
					}
					p++;
					break;
				}
				*w++ = *p++;
			}
			while (p < end && *p == ' ' && d != ' ')
				p++;
			if (p < end && *p != d)
				return -1;
			r->fs[k] = start;
			r->fl[k++] = (size_t)(w - start);
		} else {
			char *e = memchr(start, d, (size_t)(end - start));
			p = e ? e : end;
			r->fs[k] = start;
			r->fl[k++] = (size_t)(p - start);
		}
		if (p >= end)
			return k;
		p++;
	}
}

/* ---- diagnostics for rejected rows and cells ---------------------------- */

/* A spreadsheet cell's name ("C7") from a 0-based column and its row. */
static void
cell_ref(int col, size_t row, char *out, size_t cap)
{
	char letters[8];
	int n = 0;
	for (unsigned c = (unsigned)col + 1; c && n < 7; c = (c - 1) / 26)
		letters[n++] = (char)('A' + (c - 1) % 26);
	size_t k = 0;
	while (n > 0 && k + 1 < cap)
		out[k++] = letters[--n];
	snprintf(out + k, cap - k, "%zu", row);
}

static void
reject_row(struct mon_reader *r, enum mon_row_reason why,
    struct mon_station *st, const char *detail)
{
	r->st.row_rejected[why]++;
	if (st)
		st->row_rejected[why]++;
	if (r->ndiag_row[why] < MON_DIAG_EACH)
		r->first_line[why][r->ndiag_row[why]] = r->line;
	if (r->ndiag_row[why]++ < MON_DIAG_EACH) {
		if (r->sheet)
			diag_add(r->dl, DIAG_WARNING, r->path, r->line, 0,
			    "工作表“%s”第 %zu 行：%s，整行剔除", r->sheet->name,
			    r->line, detail);
		else
			diag_add(r->dl, DIAG_WARNING, r->path, r->line, 0,
			    "%s，整行剔除", detail);
	}
}

static void
reject_cell(struct mon_reader *r, enum mon_cell_reason why, int f, int col,
    const char *s, size_t n)
{
	r->st.cells_rejected[why]++;
	if (r->sheet && r->ndiag_cell[why] < MON_DIAG_EACH) {
		char ref[16];
		cell_ref(col, r->line, ref, sizeof ref);
		r->ndiag_cell[why]++;
		diag_add(r->dl, DIAG_WARNING, r->path, r->line, 0,
		    "工作表“%s”单元格 %s（%s）的值“%.*s”被剔除：%s",
		    r->sheet->name, ref, mon_field_label(f),
		    (int)(n > 40 ? 40 : n), s, cell_reason_names[why]);
		return;
	}
	if (r->ndiag_cell[why]++ < MON_DIAG_EACH)
		diag_add(r->dl, DIAG_WARNING, r->path, r->line, 0,
		    "第 %d 列 %s 的值“%.*s”被剔除：%s", col + 1,
		    mon_field_label(f), (int)(n > 40 ? 40 : n), s,
		    cell_reason_names[why]);
}

/* ---- reading lines ------------------------------------------------------- */

static void
fail(struct mon_reader *r, size_t line, const char *msg)
{
	diag_add(r->dl, DIAG_ERROR, r->path, line, 0, "%s", msg);
	r->failed = 1;
}

/*
 * Convert the GB18030 line p[0..len) into r->conv and point *p there.
 * Line by line, so that a bad byte costs one row, named by its line, and
 * the reader keeps its fixed buffers (a line is at most MON_LINE_MAX raw
 * bytes, MON_CONV_MAX converted). GB18030 never uses '\n' or '\r' inside
 * a character, so lines are found on the raw bytes. Returns 0 when the
 * line is not GB18030 (and leaves *p, len untouched).
 */
static int
convert_line(struct mon_reader *r, char **p, size_t *len)
{
	char *in = *p, *out = r->conv;
	size_t inleft = *len, outleft = MON_CONV_MAX;
	iconv(r->cd, NULL, NULL, NULL, NULL);
	if (iconv(r->cd, &in, &inleft, &out, &outleft) == (size_t)-1 ||
	    iconv(r->cd, NULL, NULL, &out, &outleft) == (size_t)-1)
		return 0;
	*len = MON_CONV_MAX - outleft;
	*p = r->conv;
	return 1;
}

/*
 * Next line into *s (NUL-terminated in place, CR and first-line BOM
 * removed) and *n. Returns 1, 0 at the end, -1 on a read error.
 */
static int
next_line(struct mon_reader *r, char **s, size_t *n)
{
	for (;;) {
		char *p = r->buf + r->pos;
		size_t avail = r->len - r->pos;
		char *nl = memchr(p, '\n', avail);
		if (nl || (r->eof && (avail || r->skipping))) {
			size_t len = nl ? (size_t)(nl - p) : avail;
			r->pos += nl ? len + 1 : len;
			r->line++;
			r->st.lines++;
			if (r->skipping || len > MON_LINE_MAX) {
				r->skipping = 0;
				r->st.rows++;
				reject_row(r, MON_ROW_TOO_LONG, NULL,
				    "行超过 64 KiB");
				continue;
			}
			if (len && p[len - 1] == '\r')
				len--;
			r->bad_encoding = 0;
			if (r->conv && !convert_line(r, &p, &len)) {
				r->bad_encoding = 1;
				*s = p;
				*n = len;
				return 1;
			}
			if (r->line == 1 && len >= 3 &&
			    memcmp(p, "\xEF\xBB\xBF", 3) == 0)
				p += 3, len -= 3;
			p[len] = '\0';
			*s = p;
			*n = len;
			return 1;
		}
		if (r->eof)
			return 0;
		if (avail > MON_LINE_MAX) {
			r->skipping = 1; /* drop the rest of an overlong line */
			avail = 0;
		} else {
			memmove(r->buf, p, avail);
		}
		r->pos = 0;
		r->len = avail;
		int got = gzread(r->gz, r->buf + r->len,
		    (unsigned)(MON_BUF_SIZE - r->len));
		if (got < 0) {
			int zerr;
			const char *msg = gzerror(r->gz, &zerr);
			char m[256];
			snprintf(m, sizeof m, "读取失败（gzip 数据损坏？）：%s",
			    zerr == Z_ERRNO ? strerror(errno) : msg);
			fail(r, r->line + 1, m);
			return -1;
		}
		if (got == 0) {
			/* zlib reports a truncated stream as a plain end of
			 * file, with Z_BUF_ERROR kept in the error state */
			int zerr;
			gzerror(r->gz, &zerr);
			if (zerr != Z_OK) {
				fail(r, r->line + 1,
				    "读取失败（gzip 数据损坏？）：gzip 文件不完整（被截断）");
				return -1;
			}
			r->eof = 1;
		}
		r->len += (size_t)got;
		r->st.bytes += (uint64_t)got;
	}
}

/* ---- the header ------------------------------------------------------------ */

static int
role_of(const struct mon_layout *ml, int role, const struct mon_col **c)
{
	static const struct mon_col none;
	switch (role) {
	case R_TIME: *c = &ml->time; break;
	case R_YEAR: *c = &ml->year; break;
	case R_MONTH: *c = &ml->month; break;
	case R_DAY: *c = &ml->day; break;
	case R_HOUR: *c = &ml->hour; break;
	case R_STATION: *c = &ml->station; break;
	case R_NAME: *c = &ml->station_name; break;
	case R_AREA: *c = &ml->area; break;
	case R_PRIMARY: *c = &ml->primary; break;
	default:
		*c = role >= R_FIELD && role < R_N ? &ml->field[role - R_FIELD] :
		    &none;
	}
	return (*c)->set;
}

/* Bind every column of the layout; with a header, by name. */
static int
bind_columns(struct mon_reader *r, int ncols)
{
	const struct mon_layout *ml = r->ml;
	int ok = 1;
	struct buf absent = {0};
	r->need = 0;
	for (int role = 0; role < R_N; role++) {
		const struct mon_col *c;
		r->col[role] = -1;
		if (!role_of(ml, role, &c))
			continue;
		int ix = c->index;
		if (c->name) {
			for (int k = 0; k < ncols && ix < 0; k++) {
				char *s = r->fs[k];
				size_t n = r->fl[k];
				trim(r, &s, &n);
				if (n == strlen(c->name) && memcmp(s, c->name, n) == 0)
					ix = k;
			}
			if (ix < 0) {
				buf_printf(&absent, "%s“%s”", absent.len ? "、" :
				    "", c->name);
				continue;
			}
		} else if (r->width && ix >= r->width) {
			char m[256];
			snprintf(m, sizeof m, "布局 %s 引用第 %d 列（%s:%zu），但表头只有 %d 列",
			    ml->name, ix + 1, ml->file, c->line, r->width);
			fail(r, r->line, m);
			ok = 0;
			continue;
		}
		r->col[role] = ix;
		if (ix + 1 > r->need)
			r->need = ix + 1;
	}
	if (absent.len) {
		struct buf m = {0};
		buf_printf(&m, "表头中没有布局 %s 所需的列%s（布局文件 %s）",
		    ml->name, absent.data, ml->file);
		if (ncols > 0 && r->fl[0] && r->fs[0][0] >= '0' &&
		    r->fs[0][0] <= '9')
			buf_puts(&m, "；第一行像是数据：缺少表头？");
		fail(r, r->line, m.data);
		buf_free(&m);
		ok = 0;
	}
	buf_free(&absent);
	return ok;
}

static int
read_header(struct mon_reader *r)
{
	char *s;
	size_t n;
	int rc = next_line(r, &s, &n);
	if (rc < 0)
		return 0;
	if (rc > 0 && r->line != 1) {
		fail(r, 1, "表头超过 64 KiB");
		return 0;
	}
	if (rc == 0 || n == 0) {
		fail(r, rc == 0 ? 0 : r->line, "缺少表头：文件为空或第一行为空");
		return 0;
	}
	if (r->bad_encoding) {
		fail(r, r->line, "表头不是 GB18030 文本（布局的 encoding 与文件不符？）");
		return 0;
	}
	if (!text_ok((const unsigned char *)s, n)) {
		fail(r, r->line, r->conv ?
		    "表头含有 NUL 字节（不是 CSV 文件？）" :
		    "表头不是 UTF-8 文本（不是 CSV 文件？若为 GB18030，请在布局中写 encoding = gb18030）");
		return 0;
	}
	int k = split(r, s, n);
	if (k < 0) {
		fail(r, r->line, k == -1 ? "表头中的引号不配对" : "表头的列太多");
		return 0;
	}
	r->width = k;
	return bind_columns(r, k);
}

/* ---- cells ------------------------------------------------------------------- */

static int
token_in(const struct token *t, size_t nt, const char *s, size_t n)
{
	for (size_t i = 0; i < nt; i++)
		if (t[i].n == n && memcmp(t[i].s, s, n) == 0)
			return 1;
	return 0;
}

/*
 * Parse a decimal number and scale it by 10^k exactly. Returns -1 with
 * *out set, or the reason the cell is rejected.
 */
static int
parse_scaled(const char *s, size_t n, int k, int64_t *out)
{
	size_t i = 0;
	int neg = 0, digits = 0, sig = 0, frac = 0, dot = 0;
	uint64_t m = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < n; i++) {
		char c = s[i];
		if (c == '.' && !dot) {
			dot = 1;
			continue;
		}
		if ((c == 'e' || c == 'E') && digits)
			break;
		if (c < '0' || c > '9')
			return MON_CELL_NOT_NUMBER;
		digits++;
		if (dot)
			frac++;
		if (m == 0 && c == '0')
			continue;
		if (++sig > 18)
			return MON_CELL_RANGE;
		m = m * 10 + (uint64_t)(c - '0');
	}
	if (digits == 0)
		return MON_CELL_NOT_NUMBER;
	if (neg && m)
		return MON_CELL_NEGATIVE;
	if (i < n) {
		/* an exponent (1.5e2, 1E-3): 1e308 is too large, not a
		 * non-number; the exponent only moves the decimal point */
		int eneg = 0, edigits = 0;
		long e = 0;
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			eneg = s[i++] == '-';
		for (; i < n; i++, edigits++) {
			if (s[i] < '0' || s[i] > '9')
				return MON_CELL_NOT_NUMBER;
			if (e < 100000)
				e = e * 10 + (s[i] - '0');
		}
		if (!edigits)
			return MON_CELL_NOT_NUMBER;
		if (m && !eneg && e > 40)
			return MON_CELL_RANGE;
		if (m && eneg && e > 40)
			return MON_CELL_PRECISION;
		if (m)
			frac = eneg ? frac + (int)e : frac - (int)e;
	}
	while (frac > 0 && m % 10 == 0 && m) {
		m /= 10;
		frac--;
	}
	if (m == 0)
		frac = 0;
	if (frac > k)
		return MON_CELL_PRECISION;
	for (int e = frac; e < k; e++) {
		if (m > (uint64_t)MON_VALUE_MAX / 10)
			return MON_CELL_RANGE;
		m *= 10;
	}
	if (m > (uint64_t)MON_VALUE_MAX)
		return MON_CELL_RANGE;
	*out = (int64_t)m;
	return -1;
}

/* A whole number of at most 4 digits, or -1. */
static int
parse_small(const char *s, size_t n)
{
	if (n == 0 || n > 4)
		return -1;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Match s[0..n) against a %Y %m %d %H %M %S pattern. */
static int
parse_pattern(const char *pat, const char *s, size_t n, int *y, int *mo,
    int *d, int *h)
{
	size_t i = 0;
	int mi = 0, se = 0;
	for (const char *p = pat; *p; p++) {
		if (*p != '%' || p[1] == '%') {
			if (*p == '%')
				p++;
			if (i >= n || s[i] != *p)
				return 0;
			i++;
			continue;
		}
		p++;
		/* Digits run into the next field ("%H%M"): then exactly two,
		 * and minutes and seconds are always two. */
		int maxd = *p == 'Y' ? 4 : 2;
		int mind = *p == 'Y' ? 4 : *p == 'M' || *p == 'S' ||
		    (p[1] == '%' && p[2] != '%') ? 2 : 1;
		int v = 0, k = 0;
		while (k < maxd && i < n && s[i] >= '0' && s[i] <= '9') {
			v = v * 10 + (s[i++] - '0');
			k++;
		}
		if (k < mind)
			return 0;
		switch (*p) {
		case 'Y': *y = v; break;
		case 'm': *mo = v; break;
		case 'd': *d = v; break;
		case 'H': *h = v; break;
		case 'M': mi = v; break;
		default: se = v; break;
		}
	}
	return i == n && mi == 0 && se == 0;
}

static int
cell(struct mon_reader *r, int role, char **s, size_t *n)
{
	int c = r->col[role];
	if (c < 0)
		return 0;
	*s = r->fs[c];
	*n = r->fl[c];
	trim(r, s, n);
	return 1;
}

/* The row's hour, start of the averaging hour; MON_HOUR_NONE if bad. */
static int32_t
row_hour(struct mon_reader *r)
{
	int y = 0, mo = 0, d = 0, h = 0;
	char *s;
	size_t n;
	if (r->col[R_TIME] >= 0) {
		cell(r, R_TIME, &s, &n);
		if (!parse_pattern(r->ml->time_pattern, s, n, &y, &mo, &d, &h))
			return MON_HOUR_NONE;
	} else {
		cell(r, R_YEAR, &s, &n);
		y = parse_small(s, n);
		cell(r, R_MONTH, &s, &n);
		mo = parse_small(s, n);
		cell(r, R_DAY, &s, &n);
		d = parse_small(s, n);
		if (cell(r, R_HOUR, &s, &n)) /* none in a daily file */
			h = parse_small(s, n);
	}
	if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h < 0 || h > 24)
		return MON_HOUR_NONE;
	return mon_hour_index(y, mo, d, h) - (r->ml->time_end ? 1 : 0);
}

/* "时间“…”无法识别" with the row's time cells. */
static void
time_text(struct mon_reader *r, char *m, size_t cap)
{
	char *s[4];
	size_t n[4];
	if (r->col[R_TIME] >= 0) {
		cell(r, R_TIME, &s[0], &n[0]);
		snprintf(m, cap, "时间“%.*s”无法识别", (int)(n[0] > 40 ? 40 : n[0]),
		    s[0]);
		return;
	}
	for (int i = 0; i < 4; i++) {
		if (!cell(r, R_YEAR + i, &s[i], &n[i]))
			s[i] = "", n[i] = 0;
		if (n[i] > 8)
			n[i] = 8;
	}
	snprintf(m, cap, "时间（年/月/日/时）“%.*s/%.*s/%.*s/%.*s”无法识别",
	    (int)n[0], s[0], (int)n[1], s[1], (int)n[2], s[2], (int)n[3], s[3]);
}

/* ---- stations -------------------------------------------------------------- */

static struct mon_station *
station_get(struct mon_reader *r, const char *raw, size_t n)
{
	const struct mon_station_alias *a = mon_layout_alias(r->ml, raw, n);
	char code[256];
	if (n >= sizeof code)
		n = sizeof code - 1;
	memcpy(code, raw, n);
	code[n] = '\0';
	const char *key = a ? a->code : code;
	struct mon_station *st = mon_qc_station(r->qc, key);
	if (!st) {
		st = qc_add(r->qc, key);
		if (a && a->name)
			st->name = xstrdup(a->name);
		if (r->ml->area_value)
			st->area = xstrdup(r->ml->area_value);
	}
	return st;
}

/* The row's station, or NULL when it names none. A malformed row only
 * finds stations already known (create = 0): its columns may be shifted. */
static struct mon_station *
row_station(struct mon_reader *r, int create)
{
	char *s;
	size_t n;
	if (r->fixed)
		return r->fixed;
	if (!cell(r, R_STATION, &s, &n) || n == 0 || n >= sizeof r->cache_raw)
		return NULL;
	if (r->cache && n == r->cache_len && memcmp(s, r->cache_raw, n) == 0)
		return r->cache;
	struct mon_station *st;
	if (!create) {
		const struct mon_station_alias *a = mon_layout_alias(r->ml, s, n);
		char code[sizeof r->cache_raw];
		memcpy(code, s, n);
		code[n] = '\0';
		st = mon_qc_station(r->qc, a ? a->code : code);
		if (!st)
			return NULL;
	} else {
		st = station_get(r, s, n);
	}
	memcpy(r->cache_raw, s, n);
	r->cache_len = n;
	r->cache = st;
	return st;
}

/* Fill a station's name and area from the row when still unknown. */
static void
station_describe(struct mon_reader *r, struct mon_station *st)
{
	char *s;
	size_t n;
	if (!st->name && cell(r, R_NAME, &s, &n) && n)
		st->name = xstrndup(s, n);
	if (!st->area && cell(r, R_AREA, &s, &n) && n)
		st->area = xstrndup(s, n);
}

/* ---- rows ---------------------------------------------------------------------- */

/* Count a delivered record: cells, hours, stretches without data. */
static void
commit(struct mon_reader *r, struct mon_station *st, const struct mon_record *rec,
    const signed char *why)
{
	struct mon_qc *qc = r->qc;
	int32_t t = rec->t;
	for (int f = 0; f < MON_NFIELD; f++) {
		if (r->col[R_FIELD + f] < 0)
			continue;
		if (rec->valid & (1u << f))
			st->valid[f]++;
		else if (why[f] < 0)
			st->missing[f]++;
		else
			st->rejected[f][why[f]]++;
	}
	int has = (rec->valid & POLL_MASK) != 0;
	if (!has)
		st->all_missing++;
	if (st->records == 0) {
		st->first = t;
		if (!has)
			st->dark_since = t;
	} else {
		int32_t gap = t - st->last - 1;
		st->absent_hours += (uint64_t)gap;
		if (has) {
			if (st->dark_since != MON_HOUR_NONE)
				qc_dark_closed(qc, st, st->dark_since, t - 1,
				    r->path, r->line, r->dl);
			else if (gap > 0)
				qc_dark_closed(qc, st, st->last + 1, t - 1,
				    r->path, r->line, r->dl);
			st->dark_since = MON_HOUR_NONE;
		} else if (st->dark_since == MON_HOUR_NONE) {
			st->dark_since = gap > 0 ? st->last + 1 : t;
		}
	}
	/* A daily value stands for the day's 24 hours: the next day follows
	 * without a gap, and a second row of the day is a duplicate. */
	int32_t end = t + (rec->daily ? 23 : 0);
	st->records++;
	st->last = end;
	st->last_valid = rec->valid;
	memcpy(st->last_v, rec->v, sizeof st->last_v);
	if (qc->first == MON_HOUR_NONE || t < qc->first)
		qc->first = t;
	if (qc->last == MON_HOUR_NONE || end > qc->last)
		qc->last = end;
	r->st.records++;
}

static int
same_values(const struct mon_station *st, const struct mon_record *rec)
{
	if (st->last_valid != rec->valid)
		return 0;
	for (int f = 0; f < MON_NFIELD; f++)
		if ((rec->valid & (1u << f)) && st->last_v[f] != rec->v[f])
			return 0;
	return 1;
}

static int read_fields(struct mon_reader *r, int k, struct mon_record *rec);

/* Turn one data line into *rec. Returns 1 when delivered. */
static int
read_row(struct mon_reader *r, char *line, size_t len, struct mon_record *rec)
{
	r->st.rows++;
	if (r->bad_encoding) {
		reject_row(r, MON_ROW_ENCODING, NULL, "行不是有效的 GB18030 文本");
		return 0;
	}
	if (!text_ok((const unsigned char *)line, len)) {
		reject_row(r, MON_ROW_ENCODING, NULL, r->conv ?
		    "行含有 NUL 字节" : "行不是有效的 UTF-8 文本");
		return 0;
	}
	int k = split(r, line, len);
	if (k == -1) {
		reject_row(r, MON_ROW_QUOTE, NULL, "引号不配对");
		return 0;
	}
	return read_fields(r, k, rec);
}

/* Turn the k fields in r->fs/r->fl (k < 0: too many) into *rec. Returns 1
 * when delivered. */
static int
read_fields(struct mon_reader *r, int k, struct mon_record *rec)
{
	char m[256];
	int lng = k == -2 || (r->width && k > r->width);
	int shrt = !lng && (k < r->need || (r->width && k < r->width));
	/* Stations are created only for rows that pass every row check
	 * below, so a stray header or a shifted row makes no station. */
	struct mon_station *st = NULL;
	if (k >= 0 && r->col[R_STATION] < k)
		st = row_station(r, 0);
	if (st)
		st->rows++;
	if (lng) {
		snprintf(m, sizeof m, "行有 %d 列以上，表头只有 %d 列",
		    k < 0 ? MON_MAX_COLS : k, r->width);
		reject_row(r, MON_ROW_LONG, st, m);
		return 0;
	}
	if (shrt) {
		snprintf(m, sizeof m, "行只有 %d 列，应为 %d 列", k,
		    r->width ? r->width : r->need);
		reject_row(r, MON_ROW_SHORT, st, m);
		return 0;
	}
	char *s;
	size_t n;
	if (!st && (!cell(r, R_STATION, &s, &n) || n == 0 ||
	    n >= sizeof r->cache_raw)) {
		reject_row(r, MON_ROW_NO_STATION, NULL, "缺少站点");
		return 0;
	}
	int32_t t = row_hour(r);
	if (t == MON_HOUR_NONE) {
		time_text(r, m, sizeof m);
		reject_row(r, MON_ROW_TIME, st, m);
		return 0;
	}
	if (!st) {
		st = row_station(r, 1);
		st->rows++;
	}

	signed char why[MON_NFIELD];
	rec->valid = 0;
	for (int f = 0; f < MON_NFIELD; f++) {
		rec->v[f] = MON_MISSING;
		why[f] = -1;
		if (!cell(r, R_FIELD + f, &s, &n))
			continue;
		int rc;
		if (n == 0)
			rc = r->empty_missing ? -2 : MON_CELL_EMPTY;
		else if (s[0] >= '0' && s[0] <= '9' && !r->digit_tokens)
			rc = parse_scaled(s, n, r->kexp[f], &rec->v[f]);
		else if (token_in(r->missing, r->nmissing, s, n))
			rc = -2;
		else if (token_in(r->placeholder, r->nplaceholder, s, n))
			rc = MON_CELL_PLACEHOLDER;
		else
			rc = parse_scaled(s, n, r->kexp[f], &rec->v[f]);
		if (rc == -1)
			rec->valid |= 1u << f;
		else if (rc >= 0)
			why[f] = (signed char)rc;
		if (rc != -1)
			rec->v[f] = MON_MISSING;
	}
	rec->st = st;
	rec->t = t;
	rec->daily = r->ml->daily;
	/* the date changes once in 24 rows of a station file */
	int64_t days = t >= 0 ? t / 24 : -((-(int64_t)t + 23) / 24);
	if (days != r->civil_days) {
		mon_hour_civil(t, &r->civil_y, &r->civil_m, &r->civil_d,
		    &rec->hour);
		r->civil_days = days;
	}
	rec->year = r->civil_y;
	rec->month = r->civil_m;
	rec->day = r->civil_d;
	rec->hour = (int)(t - days * 24);

	/* the hour (a daily file: the day) of the station's last record */
	int32_t last_t = st->records ? st->last - (rec->daily ? 23 : 0) : 0;
	if (st->records && t <= last_t) {
		char a[32], b[32];
		mon_hour_format(t, a, sizeof a);
		if (t < last_t) {
			mon_hour_format(last_t, b, sizeof b);
			snprintf(m, sizeof m, "站点 %s 的 %s 早于已读到的 %s（时间倒序）",
			    st->code, a, b);
			reject_row(r, MON_ROW_ORDER, st, m);
		} else if (same_values(st, rec)) {
			snprintf(m, sizeof m, "站点 %s 的 %s 重复出现（数值相同）",
			    st->code, a);
			reject_row(r, MON_ROW_DUPLICATE, st, m);
		} else {
			snprintf(m, sizeof m, "站点 %s 的 %s 重复出现且数值不同，保留先读到的一行",
			    st->code, a);
			reject_row(r, MON_ROW_CONFLICT, st, m);
		}
		return 0;
	}
	/* Only now, with the row accepted, count and report its cells. */
	for (int f = 0; f < MON_NFIELD; f++)
		if (why[f] >= 0) {
			cell(r, R_FIELD + f, &s, &n);
			reject_cell(r, why[f], f, r->col[R_FIELD + f], s, n);
		}
	station_describe(r, st);
	if (cell(r, R_PRIMARY, &s, &n) && n &&
	    !token_in(r->missing, r->nmissing, s, n) &&
	    !token_in(r->placeholder, r->nplaceholder, s, n)) {
		s[n] = '\0';
		rec->primary = s;
	} else {
		rec->primary = "";
	}
	rec->file = r->path;
	rec->line = r->line;
	commit(r, st, rec, why);
	return 1;
}

/* ---- .xlsx workbooks ---------------------------------------------------------- */

static int
is_xlsx_path(const char *path)
{
	size_t n = strlen(path);
	return n > 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
}

/*
 * The cells of a sheet row as the fields r->fs/r->fl: trailing empty
 * cells dropped (a spreadsheet does not write them), then padded with
 * empty cells up to the header's width. Returns the number of fields, 0
 * for a row of empty cells, -2 for too many.
 */
static int
load_xrow(struct mon_reader *r, const struct xlsx_row *x)
{
	static char empty[1];
	size_t n = x->cells.n;
	while (n && x->cells.v[n - 1][0] == '\0')
		n--;
	if (n == 0)
		return 0;
	if (n > MON_MAX_COLS)
		return -2;
	for (size_t i = 0; i < n; i++) {
		r->fs[i] = x->cells.v[i];
		r->fl[i] = strlen(x->cells.v[i]);
	}
	size_t w = (size_t)(r->width ? r->width : r->need);
	for (; n < w && n < MON_MAX_COLS; n++) {
		r->fs[n] = empty;
		r->fl[n] = 0;
	}
	return (int)n;
}

/* Whether the k fields hold every column the layout names by header. */
static int
header_has_columns(struct mon_reader *r, int k)
{
	for (int role = 0; role < R_N; role++) {
		const struct mon_col *c;
		if (!role_of(r->ml, role, &c) || !c->name)
			continue;
		int found = 0;
		for (int i = 0; i < k && !found; i++) {
			char *s = r->fs[i];
			size_t n = r->fl[i];
			trim(r, &s, &n);
			found = n == strlen(c->name) && memcmp(s, c->name, n) == 0;
		}
		if (!found)
			return 0;
	}
	return 1;
}

/*
 * Read the workbook whole (bounded by MON_XLSX_MAX_BYTES and xlsx.h's
 * limits) and find the sheet: the first whose first MON_XLSX_HEADER_ROWS
 * rows hold a row with every header column of the layout (so a title row
 * or an instructions sheet before it does no harm); with header = no, the
 * first sheet with rows. Rows below the header are then read as lines.
 */
static int
open_xlsx(struct mon_reader *r)
{
	struct buf raw = {0};
	struct diag_list why = {0};
	if (!userfile_read(r->path, USERFILE_TREE, MON_XLSX_MAX_BYTES, &raw,
	    &why)) {
		char m[512];
		snprintf(m, sizeof m, "无法打开：%s", why.n ? why.v[0].msg : "?");
		diag_free(&why);
		fail(r, 0, m);
		return 0;
	}
	r->book = xcalloc(1, sizeof *r->book);
	int ok = xlsx_read_book(r->path, raw.data, raw.len, r->book, r->dl);
	r->st.bytes = raw.len;
	buf_free(&raw);
	if (!ok) {
		r->failed = 1;
		return 0;
	}
	for (size_t i = 0; i < r->book->n_sheets; i++) {
		const struct xlsx_sheet *sh = &r->book->sheets[i];
		if (!r->ml->header && sh->n_rows) {
			r->sheet = sh;
			r->xnext = 0;
			return bind_columns(r, 0);
		}
		for (size_t j = 0; j < sh->n_rows && j < MON_XLSX_HEADER_ROWS;
		    j++) {
			int k = load_xrow(r, &sh->rows[j]);
			if (k <= 0 || !header_has_columns(r, k))
				continue;
			r->sheet = sh;
			r->xnext = j + 1;
			r->line = sh->rows[j].row;
			r->width = k;
			return bind_columns(r, k);
		}
	}
	struct buf m = {0};
	buf_puts(&m, "找不到表头：工作表");
	for (size_t i = 0; i < r->book->n_sheets; i++)
		buf_printf(&m, "“%s”", r->book->sheets[i].name);
	buf_printf(&m, "的前 %d 行中都没有一行含有布局 %s 所需的全部列（布局文件 %s）",
	    MON_XLSX_HEADER_ROWS, r->ml->name, r->ml->file);
	fail(r, 0, m.data);
	buf_free(&m);
	return 0;
}

/* Next delivered record of the sheet: 1, or 0 at its end. */
static int
next_xlsx_record(struct mon_reader *r, struct mon_record *rec)
{
	while (r->xnext < r->sheet->n_rows) {
		const struct xlsx_row *x = &r->sheet->rows[r->xnext++];
		r->line = x->row;
		r->st.lines++;
		int k = load_xrow(r, x);
		if (k == 0) {
			r->st.blank++;
			continue;
		}
		r->st.rows++;
		if (read_fields(r, k, rec))
			return 1;
	}
	return 0;
}

/* ---- opening and iterating ------------------------------------------------ */

static struct token *
tokens(const struct strvec *sv, size_t *n, int *has_empty)
{
	struct token *t = xcalloc(sv->n ? sv->n : 1, sizeof *t);
	*n = 0;
	for (size_t i = 0; i < sv->n; i++) {
		if (sv->v[i][0] == '\0') {
			if (has_empty)
				*has_empty = 1;
			continue;
		}
		t[*n].s = sv->v[i];
		t[(*n)++].n = strlen(sv->v[i]);
	}
	return t;
}

/* Decimal exponent that takes a value in unit `in` to the fixed point of
 * field f (µg/m³, CO mg/m³, AQI unscaled). */
static int
field_exponent(const struct mon_layout *ml, int f)
{
	if (f == MON_AQI)
		return 0;
	enum mon_unit canon = f == MON_CO ? MON_UNIT_MG : MON_UNIT_UG;
	int k = 4;
	if (ml->unit[f] == MON_UNIT_MG && canon == MON_UNIT_UG)
		k += 3;
	else if (ml->unit[f] == MON_UNIT_UG && canon == MON_UNIT_MG)
		k -= 3;
	return k;
}

struct mon_reader *
mon_reader_open(const char *path, const struct mon_layout *ml,
    struct mon_qc *qc, struct diag_list *dl)
{
	if (qc->finished) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s",
		    "数据质量统计已结束，不能再读入文件");
		return NULL;
	}
	struct mon_reader *r = xcalloc(1, sizeof *r);
	r->ml = ml;
	r->qc = qc;
	r->dl = dl;
	r->path = xstrdup(path);
	r->missing = tokens(&ml->missing, &r->nmissing, &r->empty_missing);
	r->placeholder = tokens(&ml->placeholder, &r->nplaceholder, NULL);
	for (size_t i = 0; i < r->nmissing; i++)
		r->digit_tokens |= r->missing[i].s[0] >= '0' &&
		    r->missing[i].s[0] <= '9';
	for (size_t i = 0; i < r->nplaceholder; i++)
		r->digit_tokens |= r->placeholder[i].s[0] >= '0' &&
		    r->placeholder[i].s[0] <= '9';
	r->civil_days = INT64_MIN;
	r->cd = (iconv_t)-1;
	if (ml->encoding == MON_ENC_GB18030) {
		r->cd = iconv_open("UTF-8", "GB18030");
		if (r->cd == (iconv_t)-1) {
			fail(r, 0, "本机的 iconv 不支持 GB18030 编码");
			goto fail;
		}
		r->conv = xmalloc(MON_CONV_MAX + 1);
	}
	for (int f = 0; f < MON_NFIELD; f++)
		r->kexp[f] = field_exponent(ml, f);
	qc->files++;

	if (ml->station_file) {
		char raw[128];
		if (!mon_layout_station_from_path(ml, path, raw, sizeof raw)) {
			char m[512];
			snprintf(m, sizeof m, "文件名不符合布局 %s 的站点模式“%s”（%s）",
			    ml->name, ml->station_file, ml->file);
			fail(r, 0, m);
			goto fail;
		}
		r->fixed = station_get(r, raw, strlen(raw));
	}
	if (is_xlsx_path(path)) {
		if (!open_xlsx(r))
			goto fail;
		return r;
	}
	/* Opened under userfile.h (no link out of the tree; any size, the
	 * reader streams), then handed to zlib. */
	struct stat st;
	struct diag_list why = { 0 };
	int fd = userfile_open(path, USERFILE_TREE, SIZE_MAX, &st, &why);
	errno = 0;
	r->gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
	if (!r->gz) {
		char m[512];
		snprintf(m, sizeof m, "无法打开：%s", why.n ? why.v[0].msg :
		    errno ? strerror(errno) : "内存不足");
		diag_free(&why);
		if (fd >= 0)
			close(fd);
		fail(r, 0, m);
		goto fail;
	}
	diag_free(&why);
	gzbuffer(r->gz, 128u << 10);
	r->buf = xmalloc(MON_BUF_SIZE + 1);
	if (ml->header ? !read_header(r) : !bind_columns(r, 0))
		goto fail;
	return r;
fail:
	mon_reader_close(r);
	return NULL;
}

int
mon_reader_next(struct mon_reader *r, struct mon_record *rec)
{
	if (r->failed)
		return -1;
	if (r->done)
		return 0;
	char *s;
	size_t n;
	int rc = 0;
	if (r->sheet) {
		if (next_xlsx_record(r, rec))
			return 1;
	} else {
		while ((rc = next_line(r, &s, &n)) > 0) {
			size_t i = 0;
			while (i < n && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i == n) {
				r->st.blank++;
				continue;
			}
			if (read_row(r, s, n, rec))
				return 1;
		}
	}
	if (rc < 0)
		return -1;
	r->done = 1;
	uint64_t kept_elsewhere = r->st.row_rejected[MON_ROW_DUPLICATE] +
	    r->st.row_rejected[MON_ROW_CONFLICT] +
	    r->st.row_rejected[MON_ROW_ORDER];
	if (r->st.rows == 0) {
		diag_add(r->dl, DIAG_WARNING, r->path, 0, 0, "%s", "文件中没有数据行");
	} else if (r->st.records == 0 && kept_elsewhere == 0) {
		fail(r, 0, "文件中没有一行可用的数据（格式与布局不符？）");
		return -1;
	}
	return 0;
}

const struct mon_file_stats *
mon_reader_stats(const struct mon_reader *r)
{
	return &r->st;
}

static void
stats_add(struct mon_file_stats *to, const struct mon_file_stats *from)
{
	to->bytes += from->bytes;
	to->lines += from->lines;
	to->blank += from->blank;
	to->rows += from->rows;
	to->records += from->records;
	for (int i = 0; i < MON_ROW_NREASON; i++)
		to->row_rejected[i] += from->row_rejected[i];
	for (int i = 0; i < MON_CELL_NREASON; i++)
		to->cells_rejected[i] += from->cells_rejected[i];
}

/*
 * More than MON_DROP_WARN_PERCENT of the file's rows dropped: one warning
 * with the count per reason and the first lines of each, so a shuffled or
 * mis-laid-out file is not taken for a few bad rows.
 */
static void
warn_dropped(struct mon_reader *r)
{
	uint64_t dropped = 0;
	for (int i = 0; i < MON_ROW_NREASON; i++)
		dropped += r->st.row_rejected[i];
	if (r->failed || !r->st.rows || dropped * 100 <= r->st.rows * MON_DROP_WARN_PERCENT)
		return;
	struct buf m = {0};
	uint64_t per_mille = (dropped * 1000 + r->st.rows / 2) / r->st.rows;
	buf_printf(&m, "共 %" PRIu64 " 个数据行，剔除 %" PRIu64 " 行（%" PRIu64
	    ".%" PRIu64 "%%，超过 %d%%）：", r->st.rows, dropped,
	    per_mille / 10, per_mille % 10, MON_DROP_WARN_PERCENT);
	const char *sep = "";
	for (int i = 0; i < MON_ROW_NREASON; i++) {
		uint64_t n = r->st.row_rejected[i];
		if (!n)
			continue;
		buf_printf(&m, "%s%s %" PRIu64 " 行（第 ", sep,
		    row_reason_names[i], n);
		size_t shown = n < MON_DIAG_EACH ? (size_t)n : MON_DIAG_EACH;
		for (size_t k = 0; k < shown; k++)
			buf_printf(&m, "%s%zu", k ? "、" : "",
			    r->first_line[i][k]);
		buf_printf(&m, " 行%s）", n > shown ? "等" : "");
		sep = "，";
	}
	buf_puts(&m, "；请检查文件的行序与布局");
	diag_add(r->dl, DIAG_WARNING, r->path, 0, 0, "%s", m.data);
	buf_free(&m);
}

void
mon_reader_close(struct mon_reader *r)
{
	if (!r)
		return;
	warn_dropped(r);
	for (int i = 0; i < MON_ROW_NREASON; i++)
		if (r->ndiag_row[i] > MON_DIAG_EACH)
			diag_add(r->dl, DIAG_NOTE, r->path, 0, 0,
			    "另有 %zu 行因“%s”被剔除", r->ndiag_row[i] -
			    MON_DIAG_EACH, row_reason_names[i]);
	for (int i = 0; i < MON_CELL_NREASON; i++)
		if (r->ndiag_cell[i] > MON_DIAG_EACH)
			diag_add(r->dl, DIAG_NOTE, r->path, 0, 0,
			    "另有 %zu 个单元格因“%s”被剔除", r->ndiag_cell[i] -
			    MON_DIAG_EACH, cell_reason_names[i]);
	stats_add(&r->qc->total, &r->st);
	if (r->gz)
		gzclose(r->gz);
	free(r->buf);
	free(r->conv);
	if (r->book)
		xlsx_book_free(r->book);
	free(r->book);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	free(r->missing);
	free(r->placeholder);
	free(r->path);
	free(r);
}

int
mon_read_file(const char *path, const struct mon_layout *ml,
    struct mon_qc *qc, mon_record_fn fn, void *ctx, struct diag_list *dl)
{
	struct mon_reader *r = mon_reader_open(path, ml, qc, dl);
	if (!r)
		return 0;
	struct mon_record rec;
	int rc;
	while ((rc = mon_reader_next(r, &rec)) > 0)
		if (fn && !fn(&rec, ctx))
			break;
	mon_reader_close(r);
	return rc >= 0;
}
