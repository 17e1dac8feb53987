/*
 * issue_record.c -- reading and writing the record of an issued bulletin
 * edition (issue_record.h). The reader is strict: the record is written by
 * the program, so anything it would not write (an unknown key, a key
 * twice, a bad date, a path that leaves the tree) is an error at its line,
 * and the edition it describes is then not trusted.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "issue_record.h"
#include "util.h"

enum rkey { K_EDITION, K_KIND, K_CORRECTION, K_NUMBER, K_NUMBER_YEAR,
    K_DATE, K_PDF, K_SHA256, K_INPUT, N_KEYS };

static const char *const key_names[N_KEYS] = { "edition", "kind",
    "correction", "number", "number-year", "date", "pdf", "sha256",
    "input" };

/* What each key holds, for the message of a missing one. */
static const char *const key_words[N_KEYS] = { "通报所属月份", "版别",
    "更正序号", "期号", "期号年份", "成文日期", "PDF 文件名", "PDF 校验值",
    "输入" };

int
issue_valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

char *
issue_edition_name(int year, int month, int ytd, int correction)
{
	char c[16] = "";
	if (correction > 0)
		snprintf(c, sizeof c, "-c%d", correction);
	return xasprintf("%04d-%02d%s%s", year, month, ytd ? "-ytd" : "", c);
}

char *
issue_number_text(const struct issue_record *r)
{
	return xasprintf("%d年第%d期", r->number_year, r->number);
}

char *
issue_date_text(const struct issue_record *r)
{
	return xasprintf("%d年%d月%d日", r->date_y, r->date_m, r->date_d);
}

/* A decimal of 1..max_digits digits, no sign, no leading zero unless 0. */
static int
parse_uint(const char *s, int max_digits, int *out)
{
	size_t n = strlen(s);
	if (n == 0 || n > (size_t)max_digits || (n > 1 && s[0] == '0'))
		return 0;
	int v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* Exactly `digits` digits at s. */
static int
fixed_digits(const char *s, int digits, int *out)
{
	int v = 0;
	for (int i = 0; i < digits; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

static int
parse_month(const char *s, int *y, int *m)
{
	return strlen(s) == 7 && fixed_digits(s, 4, y) && s[4] == '-' &&
	    fixed_digits(s + 5, 2, m) && *y >= 1900 && *m >= 1 && *m <= 12;
}

static int
parse_date(const char *s, int *y, int *m, int *d)
{
	return strlen(s) == 10 && fixed_digits(s, 4, y) && s[4] == '-' &&
	    fixed_digits(s + 5, 2, m) && s[7] == '-' &&
	    fixed_digits(s + 8, 2, d) && issue_valid_date(*y, *m, *d);
}

static int
parse_hex(const char *s, char *hex)
{
	if (strlen(s) != HASH_HEX_LEN)
		return 0;
	for (size_t i = 0; i < HASH_HEX_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	memcpy(hex, s, HASH_HEX_LEN + 1);
	return 1;
}

static int
cmp_input(const void *a, const void *b)
{
	return strcmp(((const struct issue_input *)a)->path,
	    ((const struct issue_input *)b)->path);
}

struct rparse {
	const char *name;
	struct diag_list *dl;
	struct issue_record *r;
	size_t line_of[N_KEYS];   /* where each key was given; 0: not yet */
	size_t in_cap;
	int bad;
};

static void bad(struct rparse *p, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
bad(struct rparse *p, size_t line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	struct buf msg = { 0 };
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_add(p->dl, DIAG_ERROR, p->name, line, 0, "%s", msg.data);
	buf_free(&msg);
	p->bad = 1;
}

static void
set_input(struct rparse *p, size_t line, const char *v)
{
	const char *sp = strchr(v, ' ');
	char hex[HASH_HEX_LEN + 1];
	char *h = sp ? xstrndup(v, (size_t)(sp - v)) : xstrdup(v);
	const char *path = sp ? sp + 1 : "";
	if (!parse_hex(h, hex) || !fs_safe_relpath(path)) {
		bad(p, line, "签发记录的输入项“%s”不对：应为“input = <64位十六进制"
		    "校验值> <树内相对路径>”", v);
	} else if (p->r->n_in >= ISSUE_RECORD_MAX_INPUTS) {
		bad(p, line, "签发记录的输入项超过上限（%d 项）",
		    ISSUE_RECORD_MAX_INPUTS);
	} else {
		struct issue_record *r = p->r;
		r->in = xgrow(r->in, &p->in_cap, r->n_in + 1, sizeof *r->in);
		r->in[r->n_in].path = xstrdup(path);
		memcpy(r->in[r->n_in].hex, hex, sizeof hex);
		r->n_in++;
	}
	free(h);
}

static void
set_value(struct rparse *p, enum rkey k, size_t line, const char *v)
{
	struct issue_record *r = p->r;
	int ok = 1;
	switch (k) {
	case K_EDITION:
		ok = parse_month(v, &r->year, &r->month);
		break;
	case K_KIND:
		ok = !strcmp(v, "month") || !strcmp(v, "ytd");
		r->ytd = !strcmp(v, "ytd");
		break;
	case K_CORRECTION:
		ok = parse_uint(v, 2, &r->correction);
		break;
	case K_NUMBER:
		ok = parse_uint(v, 4, &r->number) && r->number >= 1;
		break;
	case K_NUMBER_YEAR:
		ok = parse_uint(v, 4, &r->number_year) && r->number_year >= 1900;
		break;
	case K_DATE:
		ok = parse_date(v, &r->date_y, &r->date_m, &r->date_d);
		break;
	case K_PDF:
		ok = *v && !strchr(v, '/') && str_ends(v, ".pdf") &&
		    fs_safe_relpath(v);
		if (ok)
			r->pdf = xstrdup(v);
		break;
	case K_SHA256:
		ok = parse_hex(v, r->pdf_hex);
		break;
	case K_INPUT:
		set_input(p, line, v);
		return;
	case N_KEYS:
		break;
	}
	static const char *const want[N_KEYS] = {
		"年月，如 2024-08", "month 或 ytd", "0 到 99 的整数",
		"1 到 9999 的整数", "四位年份", "日期，如 2024-09-05",
		"PDF 文件名（不含路径），如 2024-08.pdf",
		"64 位小写十六进制 SHA-256", "" };
	if (!ok)
		bad(p, line, "“%s”的值不对：应为%s", key_names[k], want[k]);
}

static void
parse_line(struct rparse *p, size_t line, char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	if (!*s || *s == '#')
		return;
	char *eq = strchr(s, '=');
	if (!eq) {
		bad(p, line, "签发记录的这一行不是“项 = 值”的形式：%s", s);
		return;
	}
	char *ke = eq;
	while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
		ke--;
	*ke = '\0';
	char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	int k = 0;
	while (k < N_KEYS && strcmp(s, key_names[k]))
		k++;
	if (k == N_KEYS) {
		bad(p, line, "签发记录中有未知的项“%s”", s);
		return;
	}
	if (k != K_INPUT && p->line_of[k]) {
		bad(p, line, "“%s”重复出现（第一次在第 %zu 行）", s,
		    p->line_of[k]);
		return;
	}
	if (!p->line_of[k])
		p->line_of[k] = line;
	set_value(p, (enum rkey)k, line, v);
}

/* Cross-field rules, after every line is read. */
static void
check_whole(struct rparse *p, const char *expect_name)
{
	struct issue_record *r = p->r;
	for (int k = 0; k < N_KEYS; k++)
		if (k != K_INPUT && !p->line_of[k])
			bad(p, 0, "签发记录缺少“%s”（%s）", key_names[k],
			    key_words[k]);
	if (p->bad)
		return;
	if (r->number_year != r->date_y) {
		diag_add(p->dl, DIAG_ERROR, p->name, p->line_of[K_NUMBER_YEAR],
		    0, "期号年份 %d 与成文日期的年份 %d 不一致（期号按成文日期"
		    "所在年度编排）", r->number_year, r->date_y);
		p->bad = 1;
	}
	char *ed = issue_edition_name(r->year, r->month, r->ytd,
	    r->correction);
	char *want_pdf = xasprintf("%s.pdf", ed);
	if (strcmp(r->pdf, want_pdf))
		bad(p, p->line_of[K_PDF], "PDF 文件名应为“%s”，记录中是“%s”",
		    want_pdf, r->pdf);
	if (expect_name && strcmp(ed, expect_name))
		bad(p, 0, "记录文件名与其内容不符：内容是“%s”，文件名是“%s”", ed,
		    expect_name);
	free(want_pdf);
	free(ed);
	if (r->n_in > 1)
		qsort(r->in, r->n_in, sizeof *r->in, cmp_input);
	for (size_t i = 1; i < r->n_in; i++)
		if (!strcmp(r->in[i - 1].path, r->in[i].path)) {
			bad(p, p->line_of[K_INPUT], "输入“%s”出现了不止一次",
			    r->in[i].path);
			break;
		}
}

int
issue_record_parse(const char *name, const char *text, size_t len,
    const char *expect_name, struct issue_record *r, struct diag_list *dl)
{
	memset(r, 0, sizeof *r);
	struct rparse p = { .name = name, .dl = dl, .r = r };
	if (len > ISSUE_RECORD_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "签发记录过大（超过 16 MB），"
		    "不是 lantian 写的记录");
		return 0;
	}
	if (memchr(text, '\0', len)) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "签发记录含有空字符（NUL），"
		    "不是文本文件");
		return 0;
	}
	size_t line = 1;
	const char *s = text, *end = text + len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		char *l = xstrndup(s, n);
		parse_line(&p, line, l);
		free(l);
		s += n + (nl != NULL);
		line++;
	}
	if (!p.bad)
		check_whole(&p, expect_name);
	if (p.bad) {
		issue_record_free(r);
		return 0;
	}
	return 1;
}

void
issue_record_format(const struct issue_record *r, struct buf *out)
{
	buf_puts(out, "# lantian 签发记录：由 lantian issue 写入，已签发的通报不再改动；"
	    "请勿手工修改\n");
	buf_printf(out, "edition = %04d-%02d\n", r->year, r->month);
	buf_printf(out, "kind = %s\n", r->ytd ? "ytd" : "month");
	buf_printf(out, "correction = %d\n", r->correction);
	buf_printf(out, "number = %d\n", r->number);
	buf_printf(out, "number-year = %d\n", r->number_year);
	buf_printf(out, "date = %04d-%02d-%02d\n", r->date_y, r->date_m,
	    r->date_d);
	buf_printf(out, "pdf = %s\n", r->pdf ? r->pdf : "");
	buf_printf(out, "sha256 = %s\n", r->pdf_hex);
	for (size_t i = 0; i < r->n_in; i++)
		buf_printf(out, "input = %s %s\n", r->in[i].hex, r->in[i].path);
}

void
issue_record_free(struct issue_record *r)
{
	for (size_t i = 0; i < r->n_in; i++)
		free(r->in[i].path);
	free(r->in);
	free(r->pdf);
	memset(r, 0, sizeof *r);
}
