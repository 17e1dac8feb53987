/*
 * ledger.c -- reading and validating status ledgers (进展台账), and the
 * per-task history of a plan's months. The format is documented in
 * ledger.h. Library code: diagnostics only, nothing printed.
 */
#include "ledger.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "buf.h"
#include "input_limits.h"
#include "textload.h"
#include "util.h"
#include "nearest.h"
#include "unit_match.h"
#include "xls.h"
#include "xlsx.h"
#include "userfile.h"

/* ---- states ------------------------------------------------------------ */

static const char *const state_names[LEDGER_NSTATE] = {
	[LEDGER_UNREPORTED] = "未填报",
	[LEDGER_NOT_STARTED] = "未启动",
	[LEDGER_IN_PROGRESS] = "推进中",
	[LEDGER_DONE] = "已完成",
	[LEDGER_LATE] = "滞后",
};

static const char *const state_codes[LEDGER_NSTATE] = {
	[LEDGER_UNREPORTED] = "unreported",
	[LEDGER_NOT_STARTED] = "not-started",
	[LEDGER_IN_PROGRESS] = "in-progress",
	[LEDGER_DONE] = "done",
	[LEDGER_LATE] = "late",
};

const char *
ledger_state_name(enum ledger_state s)
{
	return (unsigned)s < LEDGER_NSTATE ? state_names[s] : "?";
}

const char *
ledger_state_code(enum ledger_state s)
{
	return (unsigned)s < LEDGER_NSTATE ? state_codes[s] : "?";
}

/* What offices write, one row per spelling (after normalise_state()). */
static const struct {
	const char *text;
	enum ledger_state state;
	int ongoing;
} state_words[] = {
	{ "未启动", LEDGER_NOT_STARTED, 0 },
	{ "未开始", LEDGER_NOT_STARTED, 0 },
	{ "尚未启动", LEDGER_NOT_STARTED, 0 },
	{ "暂未启动", LEDGER_NOT_STARTED, 0 },
	{ "尚未开始", LEDGER_NOT_STARTED, 0 },
	{ "未开展", LEDGER_NOT_STARTED, 0 },
	{ "尚未开展", LEDGER_NOT_STARTED, 0 },
	{ "待启动", LEDGER_NOT_STARTED, 0 },
	{ "推进中", LEDGER_IN_PROGRESS, 0 },
	{ "正在推进", LEDGER_IN_PROGRESS, 0 },
	{ "进行中", LEDGER_IN_PROGRESS, 0 },
	{ "正在进行", LEDGER_IN_PROGRESS, 0 },
	{ "正在实施", LEDGER_IN_PROGRESS, 0 },
	{ "实施中", LEDGER_IN_PROGRESS, 0 },
	{ "已启动", LEDGER_IN_PROGRESS, 0 },
	{ "有序推进", LEDGER_IN_PROGRESS, 0 },
	{ "稳步推进", LEDGER_IN_PROGRESS, 0 },
	{ "正常推进", LEDGER_IN_PROGRESS, 0 },
	{ "按序时推进", LEDGER_IN_PROGRESS, 0 },
	{ "序时推进", LEDGER_IN_PROGRESS, 0 },
	{ "按进度推进", LEDGER_IN_PROGRESS, 0 },
	{ "持续推进", LEDGER_IN_PROGRESS, 1 },
	{ "常态化推进", LEDGER_IN_PROGRESS, 1 },
	{ "已完成", LEDGER_DONE, 0 },
	{ "完成", LEDGER_DONE, 0 },
	{ "已办结", LEDGER_DONE, 0 },
	{ "办结", LEDGER_DONE, 0 },
	{ "已落实", LEDGER_DONE, 0 },
	{ "已完成并长期坚持", LEDGER_DONE, 1 },
	{ "完成并长期坚持", LEDGER_DONE, 1 },
	{ "长期坚持", LEDGER_DONE, 1 },
	{ "滞后", LEDGER_LATE, 0 },
	{ "进度滞后", LEDGER_LATE, 0 },
	{ "推进滞后", LEDGER_LATE, 0 },
	{ "滞后于序时进度", LEDGER_LATE, 0 },
	{ "逾期", LEDGER_LATE, 0 },
	{ "逾期未完成", LEDGER_LATE, 0 },
	{ "未按期完成", LEDGER_LATE, 0 },
	{ "未按时完成", LEDGER_LATE, 0 },
};

/* Qualifiers in brackets that mark a standing task. */
static const char *const ongoing_words[] = {
	"长期坚持", "常态化", "持续",
};

/* Decode one UTF-8 code point at s (valid UTF-8 assumed, as text_decode
 * guarantees; a stray byte decodes as itself). Sets *len. */
static unsigned
utf8_cp(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80 || s[0] < 0xC0) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
		*len = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if (s[0] < 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*len = 3;
		return (unsigned)(s[0] & 0x0F) << 12 |
		    (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	if ((s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 &&
	    (s[3] & 0xC0) == 0x80) {
		*len = 4;
		return (unsigned)(s[0] & 0x07) << 18 |
		    (unsigned)(s[1] & 0x3F) << 12 |
		    (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	}
	*len = 1;
	return s[0];
}

static void
put_cp(struct buf *b, unsigned cp)
{
	char t[4];
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | cp >> 6);
		t[1] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, t, 2);
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | cp >> 12);
		t[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, t, 3);
	} else {
		t[0] = (char)(0xF0 | cp >> 18);
		t[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		t[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		buf_put(b, t, 4);
	}
}

static int
is_space_cp(unsigned cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xA0 ||
	    cp == 0x3000 || cp == 0xFEFF;
}

/* Full-width ASCII forms (！..～) to ASCII; keep everything else. Used on
 * digits, signs and brackets of numbers, dates and task numbers. */
static unsigned
halfwidth(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFEE0;
	return cp;
}

/* State text without spaces, with ASCII brackets as full-width ones and
 * trailing full stops dropped. Caller frees. */
static char *
normalise_state(const char *text)
{
	struct buf b = {0};
	const unsigned char *s = (const unsigned char *)text;
	for (size_t i = 0, l; s[i]; i += l) {
		unsigned cp = utf8_cp(s + i, &l);
		if (is_space_cp(cp))
			continue;
		if (cp == '(')
			cp = 0xFF08;
		else if (cp == ')')
			cp = 0xFF09;
		put_cp(&b, cp);
	}
	buf_puts(&b, "");
	while (b.len >= 3 && !memcmp(b.data + b.len - 3, "。", 3))
		buf_truncate(&b, b.len - 3);
	return buf_detach(&b);
}

static int
state_word(const char *w, enum ledger_state *st, int *ongoing)
{
	for (size_t i = 0; i < sizeof state_words / sizeof *state_words; i++)
		if (!strcmp(w, state_words[i].text)) {
			*st = state_words[i].state;
			*ongoing = state_words[i].ongoing;
			return 1;
		}
	return 0;
}

int
ledger_state_parse(const char *text, enum ledger_state *out, int *ongoing)
{
	char *t = normalise_state(text);
	enum ledger_state st;
	int on = 0, ok = state_word(t, &st, &on);
	size_t n = strlen(t);
	char *open = strstr(t, "（");
	/* "已完成（长期坚持）": a base state and a bracketed qualifier. A
	 * qualifier that names another state makes the text ambiguous. */
	if (!ok && open && open > t && n >= 3 &&
	    !strcmp(t + n - 3, "）")) {
		*open = '\0';
		t[n - 3] = '\0';
		const char *qual = open + 3;
		enum ledger_state qst;
		int qon = 0;
		if (state_word(t, &st, &on) && !strstr(qual, "（") &&
		    (!state_word(qual, &qst, &qon) || qst == st)) {
			ok = 1;
			on |= qon;
			for (size_t i = 0; i < sizeof ongoing_words /
			    sizeof *ongoing_words; i++)
				if (strstr(qual, ongoing_words[i]))
					on = 1;
		}
	}
	free(t);
	if (!ok)
		return 0;
	*out = st;
	if (ongoing)
		*ongoing = on;
	return 1;
}

enum ledger_state
ledger_combine(enum ledger_state a, enum ledger_state b)
{
	if (a == LEDGER_LATE || b == LEDGER_LATE)
		return LEDGER_LATE;
	if (a == b || b == LEDGER_UNREPORTED)
		return a;
	if (a == LEDGER_UNREPORTED)
		return b;
	return LEDGER_IN_PROGRESS;
}

/* ---- CSV rows ------------------------------------------------------------ */

/* One CSV record: its cells (owned) and the line where it starts. */
struct row {
	struct strvec cells;
	size_t line;
};

struct csv {
	const char *s;   /* decoded text, NUL-terminated, LF line ends */
	size_t pos, len;
	size_t line;     /* line of s[pos] */
	char delim;
};

/* Excel writes commas; its "Unicode 文本" export writes tabs. The first
 * line holding either decides. */
static char
csv_delimiter(const char *s)
{
	for (; *s; s++)
		if (*s == ',' || *s == '\t')
			return *s;
	return ',';
}

/* Read the next record into r. Returns 1, 0 at the end, -1 on a quote left
 * open (r->line is where it was opened). */
static int
csv_next(struct csv *c, struct row *r)
{
	strvec_free(&r->cells);
	if (c->pos >= c->len)
		return 0;
	r->line = c->line;
	struct buf cell = {0};
	for (;;) {
		buf_truncate(&cell, 0);
		buf_puts(&cell, "");
		if (c->pos < c->len && c->s[c->pos] == '"') {
			size_t open_line = c->line;
			c->pos++;
			for (;;) {
				if (c->pos >= c->len) {
					buf_free(&cell);
					r->line = open_line;
					return -1;
				}
				char ch = c->s[c->pos++];
				if (ch == '"') {
					if (c->pos < c->len &&
					    c->s[c->pos] == '"') {
						c->pos++;
						buf_putc(&cell, '"');
						continue;
					}
					break;
				}
				if (ch == '\n')
					c->line++;
				buf_putc(&cell, ch);
			}
		}
		/* Unquoted text, or text after a closing quote (kept as is,
		 * as Excel reads it). */
		while (c->pos < c->len && c->s[c->pos] != c->delim &&
		    c->s[c->pos] != '\n')
			buf_putc(&cell, c->s[c->pos++]);
		strvec_push(&r->cells, cell.data);
		if (c->pos >= c->len)
			break;
		char ch = c->s[c->pos++];
		if (ch == '\n') {
			c->line++;
			break;
		}
	}
	buf_free(&cell);
	return 1;
}

/* Where rows come from: CSV text, or the rows of an .xlsx sheet (their
 * "line" is the sheet's row number). */
struct source {
	struct csv *csv;
	const struct xlsx_sheet *sheet;
	size_t next;
};

static int
source_next(struct source *src, struct row *r)
{
	if (src->csv)
		return csv_next(src->csv, r);
	strvec_free(&r->cells);
	if (src->next >= src->sheet->n_rows)
		return 0;
	const struct xlsx_row *x = &src->sheet->rows[src->next++];
	for (size_t i = 0; i < x->cells.n; i++)
		strvec_push(&r->cells, x->cells.v[i]);
	r->line = x->row;
	return 1;
}

/* Trim ASCII spaces, U+00A0, U+3000 and U+FEFF from both ends, in place. */
static char *
trim(char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t start = 0, end = strlen(s), l;
	while (start < end && is_space_cp(utf8_cp(u + start, &l)))
		start += l;
	while (end > start) {
		size_t b = end - 1;
		while (b > start && (u[b] & 0xC0) == 0x80)
			b--;
		if (!is_space_cp(utf8_cp(u + b, &l)) || b + l != end)
			break;
		end = b;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

static int
row_blank(const struct row *r)
{
	for (size_t i = 0; i < r->cells.n; i++)
		if (r->cells.v[i][0])
			return 0;
	return 1;
}

/* ---- header -------------------------------------------------------------- */

enum field {
	F_TASK, F_STATE, F_UNIT, F_DATE, F_PERCENT, F_TEXT, F_MONTH, F_NOTE,
	F_N
};

static const struct {
	const char *name;       /* the main name */
	const char *alias[6];
	int required;
} fields[F_N] = {
	[F_TASK] = { "任务编号", { "编号", "任务序号" }, 1 },
	[F_STATE] = { "进展状态",
	    { "状态", "完成状态", "推进状态", "进度状态" }, 1 },
	[F_UNIT] = { "填报单位", { "报送单位", "填报部门", "责任单位" }, 1 },
	[F_DATE] = { "填报日期", { "报送日期", "填报时间" }, 1 },
	[F_PERCENT] = { "完成比例", { "完成进度", "完成率", "进度" }, 0 },
	[F_TEXT] = { "进展情况",
	    { "工作进展", "进展描述", "推进情况", "完成情况" }, 0 },
	[F_MONTH] = { "月份", { "填报月份", "报告月份" }, 0 },
	[F_NOTE] = { "备注", { NULL }, 0 },
};

/* Columns real sheets carry for the reader's benefit: ignored without a
 * note (they repeat the plan). */
static const char *const info_columns[] = {
	"序号", "任务名称", "重点任务", "任务内容", "工作任务", "牵头单位",
	"配合单位", "完成时限", "时限要求", "联系人", "联系电话",
	/* what `lantian ledger` pre-fills (ledger_out.h) */
	"本单位角色", "角色", "上期进展状态", "上期完成比例", "上期进展情况",
};

static int
is_info_column(const char *key)
{
	for (size_t i = 0; i < sizeof info_columns / sizeof *info_columns; i++)
		if (!strcmp(key, info_columns[i]))
			return 1;
	return 0;
}

/* Header cell without spaces, required marks and a trailing (%). */
static char *
header_key(const char *cell)
{
	struct buf b = {0};
	const unsigned char *s = (const unsigned char *)cell;
	for (size_t i = 0, l; s[i]; i += l) {
		unsigned cp = halfwidth(utf8_cp(s + i, &l));
		if (is_space_cp(cp) || cp == '*')
			continue;
		put_cp(&b, cp);
	}
	buf_puts(&b, "");
	if (str_ends(b.data, "(%)"))
		buf_truncate(&b, b.len - 3);
	return buf_detach(&b);
}

/* Field named by a header key: 2 for the main name, 1 for an alias, 0. */
static int
header_field(const char *key, enum field *f)
{
	for (int i = 0; i < F_N; i++) {
		if (!strcmp(key, fields[i].name)) {
			*f = (enum field)i;
			return 2;
		}
		for (int a = 0; a < 6 && fields[i].alias[a]; a++)
			if (!strcmp(key, fields[i].alias[a])) {
				*f = (enum field)i;
				return 1;
			}
	}
	return 0;
}

static int
is_header(const struct row *r)
{
	int task = 0, state = 0;
	for (size_t i = 0; i < r->cells.n; i++) {
		char *k = header_key(r->cells.v[i]);
		enum field f;
		if (header_field(k, &f)) {
			task |= f == F_TASK;
			state |= f == F_STATE;
		}
		free(k);
	}
	return task && state;
}

struct columns {
	long col[F_N];    /* cell index, -1 when absent */
	int rank[F_N];    /* 2 main name, 1 alias */
};

/* Map header cells to fields. Returns 0 (error in dl) when the header
 * cannot be used. */
static int
header_map(const struct row *h, struct columns *c, const char *path,
    struct diag_list *dl)
{
	struct strvec keys = {0}, ignored = {0};
	int ok = 1;
	for (int f = 0; f < F_N; f++) {
		c->col[f] = -1;
		c->rank[f] = 0;
	}
	for (size_t i = 0; i < h->cells.n; i++) {
		char *k = header_key(h->cells.v[i]);
		enum field f;
		int rank = k[0] ? header_field(k, &f) : 0;
		if (k[0] && strvec_contains(&keys, k)) {
			diag_add(dl, DIAG_ERROR, path, h->line, 0,
			    "表头中“%s”列出现两次", h->cells.v[i]);
			ok = 0;
		} else if (rank && rank > c->rank[f]) {
			if (c->col[f] >= 0 && !is_info_column(
			    h->cells.v[c->col[f]]))
				strvec_push(&ignored,
				    h->cells.v[c->col[f]]);
			c->col[f] = (long)i;
			c->rank[f] = rank;
		} else if (k[0] && !is_info_column(k)) {
			strvec_push(&ignored, h->cells.v[i]);
		}
		if (k[0])
			strvec_push(&keys, k);
		free(k);
	}
	struct buf missing = {0};
	for (int f = 0; f < F_N; f++)
		if (fields[f].required && c->col[f] < 0)
			buf_printf(&missing, "%s“%s”", missing.len ? "、" : "",
			    fields[f].name);
	if (missing.len) {
		diag_add(dl, DIAG_ERROR, path, h->line, 0,
		    "表头缺少必需的列：%s", missing.data);
		ok = 0;
	}
	if (ok && ignored.n) {
		struct buf list = {0};
		for (size_t i = 0; i < ignored.n; i++)
			buf_printf(&list, "%s“%s”", i ? "、" : "",
			    ignored.v[i]);
		diag_add(dl, DIAG_NOTE, path, h->line, 0,
		    "以下列不属于台账格式，已忽略：%s", list.data);
		buf_free(&list);
	}
	buf_free(&missing);
	strvec_free(&keys);
	strvec_free(&ignored);
	return ok;
}

/* ---- cells ------------------------------------------------------------- */

/* Task number key: no spaces or separators, () as （）, ASCII digits. */
static char *
task_key(const char *s0)
{
	struct buf b = {0};
	const unsigned char *s = (const unsigned char *)s0;
	for (size_t i = 0, l; s[i]; i += l) {
		unsigned cp = utf8_cp(s + i, &l);
		if (cp == 0xFF08 || cp == 0xFF09) {
			put_cp(&b, cp);
			continue;
		}
		cp = halfwidth(cp);
		if (is_space_cp(cp) || cp == '.' || cp == 0x3001 ||
		    cp == 0x3002)
			continue;
		if (cp == '(')
			cp = 0xFF08;
		else if (cp == ')')
			cp = 0xFF09;
		put_cp(&b, cp);
	}
	buf_puts(&b, "");
	return buf_detach(&b);
}

/* A copy of s with full-width ASCII forms folded and spaces removed. */
static char *
fold_ascii(const char *s0)
{
	struct buf b = {0};
	const unsigned char *s = (const unsigned char *)s0;
	for (size_t i = 0, l; s[i]; i += l) {
		unsigned cp = halfwidth(utf8_cp(s + i, &l));
		if (!is_space_cp(cp))
			put_cp(&b, cp);
	}
	buf_puts(&b, "");
	return buf_detach(&b);
}

#define PERCENT_TOO_LARGE 100000 /* percent: beyond any slip of the pen */
#define PERCENT_EXP_MAX 64        /* |exponent| that still changes a tenth */

/* Percent text (ASCII, no spaces) → tenths of a percent, as parse_percent.
 * Returns 1, 0 when not a number, 2 when too large. */
static int
parse_percent_plain(const char *p, int *out, int *frac)
{
	int neg = 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	long whole = 0, tenths = 0;
	int digits = 0, round_up = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (whole < PERCENT_TOO_LARGE)
			whole = whole * 10 + (*p - '0');
	if (*p == '.') {
		p++;
		if (*p >= '0' && *p <= '9') {
			tenths = *p++ - '0';
			*frac = 1;
			digits++;
		}
		if (*p >= '5' && *p <= '9')
			round_up = 1;
		while (*p >= '0' && *p <= '9') {
			if (*p != '0')
				*frac = 1;
			p++;
		}
	}
	if (!digits || *p)
		return 0;
	if (whole >= PERCENT_TOO_LARGE)
		return 2;
	long v = whole * 10 + tenths + round_up;
	*out = (int)(neg ? -v : v);
	return 1;
}

/* "1.5e1" → "15": the mantissa's digits with the point moved by the
 * exponent, so the plain reading rounds it exactly as if written out. A
 * large exponent is too large (2), not "not a number". Returns as
 * parse_percent_plain. */
static int
parse_percent_exp(const char *t, const char *e, int *out, int *frac)
{
	const char *p = t;
	struct buf m = {0};
	if (*p == '-' || *p == '+')
		buf_putc(&m, *p++);
	char digits[64];
	size_t nd = 0, lead = 0;
	long point = -1;
	int zero = 1;
	for (; p < e; p++) {
		if (*p == '.' && point < 0) {
			point = (long)nd;
		} else if (*p >= '0' && *p <= '9') {
			if (zero && *p == '0' && point < 0) {
				lead++;        /* leading zeros of the integer part */
				continue;
			}
			zero &= *p == '0';
			if (nd == sizeof digits)
				return buf_free(&m), 2; /* 64 significant digits */
			digits[nd++] = *p;
		} else {
			return buf_free(&m), 0;
		}
	}
	if (nd + lead == 0)
		return buf_free(&m), 0;
	if (point < 0)
		point = (long)nd;
	p = e + 1;
	int eneg = 0;
	long x = 0;
	if (*p == '-' || *p == '+')
		eneg = *p++ == '-';
	if (!*p)
		return buf_free(&m), 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return buf_free(&m), 0;
		if (x <= PERCENT_EXP_MAX)
			x = x * 10 + (*p - '0');
	}
	if (zero) {
		buf_free(&m);
		*out = 0;
		return 1;
	}
	point += eneg ? -x : x;
	if (point > 7)
		return buf_free(&m), 2;
	if (point < -PERCENT_EXP_MAX)
		point = -PERCENT_EXP_MAX;
	if (point <= 0) {
		buf_puts(&m, "0.");
		for (long k = point; k < 0; k++)
			buf_putc(&m, '0');
		buf_put(&m, digits, nd);
	} else {
		for (long k = 0; k < point; k++)
			buf_putc(&m, (size_t)k < nd ? digits[k] : '0');
		if ((size_t)point < nd) {
			buf_putc(&m, '.');
			buf_put(&m, digits + point, nd - (size_t)point);
		}
	}
	int rc = parse_percent_plain(m.data, out, frac);
	buf_free(&m);
	return rc;
}

/* Percent cell → tenths of a percent. Returns 1 (value or NONE in *out),
 * 0 when not a number, 2 when the number is too large to be a percent
 * (1e308, 99999999999999999999). *bare is set when no % sign was written.
 * The caller checks the range. */
static int
parse_percent(const char *cell, int *out, int *bare, int *frac)
{
	char *t = fold_ascii(cell);
	*out = LEDGER_PERCENT_NONE;
	*bare = 1;
	*frac = 0;
	if (!t[0] || !strcmp(t, "-") || !strcmp(t, "/") ||
	    !strcmp(t, "—") || !strcmp(t, "——") || !strcmp(t, "--")) {
		free(t);
		return 1;
	}
	size_t n = strlen(t);
	if (n && t[n - 1] == '%') {
		t[--n] = '\0';
		*bare = 0;
	}
	const char *e = strpbrk(t, "eE");
	int rc = e ? parse_percent_exp(t, e, out, frac) :
	    parse_percent_plain(t, out, frac);
	if (rc != 1)
		*out = LEDGER_PERCENT_NONE;
	free(t);
	return rc;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Read up to max digits; returns the count (0 = none). */
static int
digits(const char **p, int max, int *v)
{
	int n = 0;
	*v = 0;
	while (n < max && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

/* Text after a date that Excel may add: " 0:00", " 10:30:00". */
static int
time_tail(const char *p)
{
	if (!*p)
		return 1;
	if (*p != ' ')
		return 0;
	while (*p == ' ')
		p++;
	int colon = 0;
	for (; *p; p++) {
		if (*p == ':')
			colon = 1;
		else if (*p < '0' || *p > '9')
			return 0;
	}
	return colon;
}

/*
 * Date cell → y/m/d. year_of_file fills a missing year ("5月28日"),
 * with January after a December ledger in the next year. Returns 1 when
 * the text has a date form (the date may still be invalid: *valid), 0
 * when it is not a date at all.
 */
static int
parse_date(const char *cell, int fy, int fm, int *y, int *m, int *d,
    int *valid)
{
	/* Fold full-width forms but keep inner spaces (before a time). */
	struct buf b = {0};
	const unsigned char *s = (const unsigned char *)cell;
	for (size_t i = 0, l; s[i]; i += l) {
		unsigned cp = halfwidth(utf8_cp(s + i, &l));
		put_cp(&b, cp == 0x3000 ? ' ' : cp);
	}
	buf_puts(&b, "");
	const char *p = b.data;
	int ok = 0, n;
	*valid = 0;
	n = digits(&p, 8, y);
	if (n == 8 && !*p) {                   /* 20240528 */
		*d = *y % 100;
		*m = *y / 100 % 100;
		*y /= 10000;
		ok = 1;
	} else if (n == 4 && (*p == '-' || *p == '/' || *p == '.')) {
		char sep = *p++;
		if (digits(&p, 2, m) && *p == sep) {
			p++;
			ok = digits(&p, 2, d) && time_tail(p);
		}
	} else if (n == 4 && !strncmp(p, "年", 3)) {
		p += 3;
		if (digits(&p, 2, m) && !strncmp(p, "月", 3)) {
			p += 3;
			ok = digits(&p, 2, d) && (!strncmp(p, "日", 3) ||
			    !strncmp(p, "号", 3)) && time_tail(p + 3);
		}
	} else if ((n == 1 || n == 2) && !strncmp(p, "月", 3)) {
		*m = *y;
		p += 3;
		*y = fm == 12 && *m == 1 ? fy + 1 : fy;
		ok = digits(&p, 2, d) && (!strncmp(p, "日", 3) ||
		    !strncmp(p, "号", 3)) && time_tail(p + 3);
	}
	buf_free(&b);
	if (ok)
		*valid = *y >= 1900 && *y <= 2199 && *m >= 1 && *m <= 12 &&
		    *d >= 1 && *d <= days_in(*y, *m);
	return ok;
}

/* Month cell ("2024-05", "2024/5", "2024年5月", "5月", "202405"). */
static int
parse_month(const char *cell, int fy, int *y, int *m)
{
	char *t = fold_ascii(cell);
	const char *p = t;
	int n = digits(&p, 6, y), ok = 0;
	if (n == 6 && !*p) {
		*m = *y % 100;
		*y /= 100;
		ok = 1;
	} else if (n == 4 && (*p == '-' || *p == '/' || *p == '.')) {
		p++;
		ok = digits(&p, 2, m) && !*p;
	} else if (n == 4 && !strncmp(p, "年", 3)) {
		p += 3;
		ok = digits(&p, 2, m) && !strcmp(p, "月");
	} else if ((n == 1 || n == 2) && !strcmp(p, "月")) {
		*m = *y;
		*y = fy;
		ok = 1;
	}
	free(t);
	return ok && *m >= 1 && *m <= 12;
}

/* ---- rows ------------------------------------------------------------- */

struct reader {
	const char *path;
	const struct plan *plan;
	char **task_keys;        /* plan task i → key */
	GHashTable *task_index;  /* key → plan task index + 1 (the first) */
	struct ledger *l;
	size_t n_cap;            /* capacity of l->records */
	struct columns cols;
	GHashTable *seen;        /* "task\037unit" → first line */
	struct diag_list *dl;
	const char *sheet;       /* the worksheet read; NULL for CSV */
	const char *unit_now;    /* 填报单位 of the row being read */
	int carry_down;          /* merged cells unknown (.xls) */
	size_t unit_warnings;    /* rows of units outside their task */
	GHashTable *variants;    /* unit names warned about as variants */
	char *last_task;         /* the last 任务编号 seen, for carry_down */
};

/* Column letters of a 0-based column index: 0 → "A", 27 → "AB". */
static void
column_name(long c, char out[8])
{
	char t[8];
	size_t n = 0;
	for (c++; c > 0 && n < sizeof t - 1; c = (c - 1) / 26)
		t[n++] = (char)('A' + (c - 1) % 26);
	for (size_t i = 0; i < n; i++)
		out[i] = t[n - 1 - i];
	out[n] = '\0';
}

/* A diagnostic about a row, located as staff find it in the workbook:
 * "msg（工作表“台账” B7，填报单位“城管局”）". f < 0: the row as a whole. */
static void rdiag(const struct reader *r, enum diag_level lv, size_t line,
    int f, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
rdiag(const struct reader *r, enum diag_level lv, size_t line, int f,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	struct buf loc = {0};
	if (r->sheet)
		buf_printf(&loc, "工作表“%s”", r->sheet);
	if (f >= 0 && r->cols.col[f] >= 0) {
		char col[8];
		column_name(r->cols.col[f], col);
		buf_printf(&loc, "%s%s%zu", loc.len ? " " : "单元格 ", col,
		    line);
	}
	if (r->unit_now && r->unit_now[0])
		buf_printf(&loc, "%s填报单位“%s”", loc.len ? "，" : "",
		    r->unit_now);
	if (loc.len)
		diag_add(r->dl, lv, r->path, line, 0, "%s（%s）", m, loc.data);
	else
		diag_add(r->dl, lv, r->path, line, 0, "%s", m);
	buf_free(&loc);
	g_free(m);
}

static const char *
cell_of(const struct reader *r, const struct row *row, enum field f)
{
	long c = r->cols.col[f];
	if (c < 0 || (size_t)c >= row->cells.n)
		return "";
	return row->cells.v[c];
}

/* Index of the plan's task named by cell, or LEDGER_NO_TASK. */
static size_t
find_task(const struct reader *r, const char *key)
{
	size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(r->task_index, key));
	return i ? i - 1 : LEDGER_NO_TASK;
}

static void
record_free(struct ledger_record *rec)
{
	free(rec->task);
	free(rec->state_raw);
	free(rec->unit);
	free(rec->unit_plan);
	free(rec->text);
	free(rec->note);
}

/* Check the task cell into rec. Returns 0 on an error (reported). */
static int
check_task(struct reader *r, const char *cell, size_t line,
    struct ledger_record *rec)
{
	if (!cell[0]) {
		rdiag(r, DIAG_ERROR, line, F_TASK, "缺少任务编号");
		return 0;
	}
	char *key = task_key(cell);
	rec->task_index = LEDGER_NO_TASK;
	if (!key[0]) {
		/* "." or "、": separators only, no number at all */
		rdiag(r, DIAG_ERROR, line, F_TASK, "任务编号“%s”不是编号", cell);
		free(key);
		return 0;
	}
	if (!r->plan) {
		rec->task = key;
		return 1;
	}
	rec->task_index = find_task(r, key);
	if (rec->task_index == LEDGER_NO_TASK) {
		/* a slip of one character (two in a long number): a hint */
		size_t near = nearest_index(key,
		    (const char *const *)r->task_keys, r->plan->n_tasks,
		    strlen(key) > 6 ? 2 : 1);
		if (near != NEAREST_NONE)
			rdiag(r, DIAG_ERROR, line, F_TASK,
			    "未知的任务编号“%s”：方案中没有这项任务；"
			    "是否是“%s”？", cell, r->plan->tasks[near].number);
		else
			rdiag(r, DIAG_ERROR, line, F_TASK,
			    "未知的任务编号“%s”：方案中没有这项任务", cell);
		free(key);
		return 0;
	}
	free(key);
	rec->task = xstrdup(r->plan->tasks[rec->task_index].number);
	return 1;
}

static int
check_state(struct reader *r, const char *cell, size_t line,
    struct ledger_record *rec)
{
	if (!cell[0]) {
		rdiag(r, DIAG_ERROR, line, F_STATE, "缺少进展状态");
		return 0;
	}
	if (!ledger_state_parse(cell, &rec->state, &rec->ongoing)) {
		rdiag(r, DIAG_ERROR, line, F_STATE,
		    "未知的进展状态“%s”：应为 未启动、推进中、已完成 或 滞后",
		    cell);
		return 0;
	}
	rec->state_raw = xstrdup(cell);
	return 1;
}

static void
format_percent(char *out, size_t cap, int p10)
{
	if (p10 % 10)
		snprintf(out, cap, "%d.%d%%", p10 / 10, abs(p10 % 10));
	else
		snprintf(out, cap, "%d%%", p10 / 10);
}

static int
check_percent(struct reader *r, const char *cell, size_t line,
    struct ledger_record *rec)
{
	int bare, frac, rc = parse_percent(cell, &rec->percent10, &bare, &frac);
	if (rc == 0) {
		rdiag(r, DIAG_ERROR, line, F_PERCENT,
		    "完成比例“%s”不是数字（应写作 0–100 的百分数，如 60%%）",
		    cell);
		return 0;
	}
	if (rc == 2) {
		rdiag(r, DIAG_ERROR, line, F_PERCENT,
		    "完成比例“%s”数值过大（应为 0–100 的百分数）", cell);
		return 0;
	}
	int p = rec->percent10;
	if (p == LEDGER_PERCENT_NONE)
		return 1;
	if (p < 0 || p > 1000) {
		rdiag(r, DIAG_ERROR, line, F_PERCENT,
		    "完成比例“%s”超出 0–100%% 的范围", cell);
		return 0;
	}
	if (bare && frac && p < 10)
		rdiag(r, DIAG_WARNING, line, F_PERCENT,
		    "完成比例“%s”按百分数理解为 %s；若指 %d%%，请写作 %d%%",
		    cell, p ? "不足 1%" : "0%", p * 10, p * 10);
	return 1;
}

/* Warnings for a percent that contradicts the state; the row is kept. */
static void
check_consistency(struct reader *r, size_t line,
    const struct ledger_record *rec)
{
	int p = rec->percent10;
	char pct[32];
	if (p == LEDGER_PERCENT_NONE)
		return;
	format_percent(pct, sizeof pct, p);
	if ((rec->state == LEDGER_DONE && p < 1000) ||
	    (rec->state == LEDGER_NOT_STARTED && p > 0) ||
	    (rec->state == LEDGER_IN_PROGRESS && p == 1000))
		rdiag(r, DIAG_WARNING, line, F_PERCENT,
		    "完成比例 %s 与进展状态“%s”不一致", pct, rec->state_raw);
}

static int
check_date(struct reader *r, const char *cell, size_t line,
    struct ledger_record *rec)
{
	struct ledger *l = r->l;
	int y, m, d, valid;
	if (!cell[0]) {
		rdiag(r, DIAG_WARNING, line, F_DATE, "缺少填报日期");
		return 1;
	}
	if (!parse_date(cell, l->year, l->month, &y, &m, &d, &valid)) {
		rdiag(r, DIAG_ERROR, line, F_DATE,
		    "填报日期“%s”无法识别（应写作 2024-05-28、2024/5/28 "
		    "或 2024年5月28日）", cell);
		return 0;
	}
	if (!valid) {
		rdiag(r, DIAG_ERROR, line, F_DATE,
		    "填报日期“%s”不是有效日期", cell);
		return 0;
	}
	int ny = l->month == 12 ? l->year + 1 : l->year;
	int nm = l->month == 12 ? 1 : l->month + 1;
	long v = (long)y * 10000 + m * 100 + d;
	long lo = (long)l->year * 10000 + l->month * 100 + 1;
	long hi = (long)ny * 10000 + nm * 100 + LEDGER_GRACE_DAYS;
	if (v < lo || v > hi) {
		rdiag(r, DIAG_ERROR, line, F_DATE,
		    "填报日期 %04d-%02d-%02d 不在 %d年%d月 台账的填报期内"
		    "（%04d-%02d-01 至 %04d-%02d-%02d）", y, m, d, l->year,
		    l->month, l->year, l->month, ny, nm, LEDGER_GRACE_DAYS);
		return 0;
	}
	snprintf(rec->date, sizeof rec->date, "%04d-%02d-%02d", y, m, d);
	return 1;
}

static int
check_month(struct reader *r, const char *cell, size_t line)
{
	struct ledger *l = r->l;
	int y, m;
	if (!cell[0])
		return 1;
	if (!parse_month(cell, l->year, &y, &m)) {
		rdiag(r, DIAG_ERROR, line, F_MONTH,
		    "月份“%s”无法识别（应写作 %04d-%02d 或 %d年%d月）", cell,
		    l->year, l->month, l->year, l->month);
		return 0;
	}
	if (y != l->year || m != l->month) {
		rdiag(r, DIAG_ERROR, line, F_MONTH,
		    "月份“%s”与文件的月份 %d年%d月 不符", cell, l->year,
		    l->month);
		return 0;
	}
	return 1;
}

/* A second row for the same task and unit: an error naming the first. */
static int
check_duplicate(struct reader *r, size_t line,
    const struct ledger_record *rec)
{
	char *k = xasprintf("%s\037%s", rec->task, rec->unit);
	gpointer first = g_hash_table_lookup(r->seen, k);
	if (first) {
		rdiag(r, DIAG_ERROR, line, F_UNIT,
		    "重复填报：任务“%s”、填报单位“%s”已在第 %zu 行填报，"
		    "本行不计", rec->task, rec->unit,
		    (size_t)GPOINTER_TO_SIZE(first));
		free(k);
		return 0;
	}
	g_hash_table_insert(r->seen, k, GSIZE_TO_POINTER(line));
	return 1;
}

/* Characters of s, stopping once past max. */
static size_t
chars_upto(const char *s, size_t max)
{
	size_t n = 0;
	for (; *s && n <= max; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The unit against the task's units: a variant of a task unit's name is
 * that unit (a warning gives the plan's spelling, for the unit's next
 * ledger); another unit is a warning naming the task's units. */
static void
check_unit(struct reader *r, size_t line, struct ledger_record *rec)
{
	const struct task *t = &r->plan->tasks[rec->task_index];
	enum unit_match_kind kind;
	const char *name = unit_match_task(r->plan, t, rec->unit, &kind);
	if (name)
		rec->unit_plan = xstrdup(name);
	if (kind == UNIT_MATCH_VARIANT) {
		/* once per name and file: the unit writes it the same way
		 * on every row */
		if (!g_hash_table_contains(r->variants, rec->unit)) {
			g_hash_table_add(r->variants, xstrdup(rec->unit));
			rdiag(r, DIAG_WARNING, line, F_UNIT,
			    "填报单位“%s”按任务“%s”的责任单位“%s”计（本文件"
			    "其他行同样处理）；请以方案中的写法“%s”填报",
			    rec->unit, rec->task, name, name);
		}
		return;
	}
	if (kind != UNIT_MATCH_NONE)
		return;
	const char *names[64];
	size_t n;
	unit_match_task_units(t, names, &n, 64);
	if (!n)
		return;      /* the task names no unit: anyone may report */
	/* A sheet of other units' names must not bury its errors under
	 * warnings (the list keeps 1000): the first few, then a count. */
	if (++r->unit_warnings > LEDGER_MAX_UNIT_WARNINGS)
		return;
	struct buf list = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&list, "%s%s", i ? "、" : "", names[i]);
	size_t near = nearest_index(rec->unit, names, n,
	    chars_upto(rec->unit, 8) > 7 ? 2 : 1);
	if (near != NEAREST_NONE)
		rdiag(r, DIAG_WARNING, line, F_UNIT,
		    "填报单位“%s”不是任务“%s”的责任单位（%s）；是否是“%s”？"
		    "本行仍计入该任务", rec->unit, rec->task, list.data,
		    names[near]);
	else
		rdiag(r, DIAG_WARNING, line, F_UNIT,
		    "填报单位“%s”不是任务“%s”的责任单位（%s），本行仍计入"
		    "该任务", rec->unit, rec->task, list.data);
	buf_free(&list);
}

/* What a sheet's footer or instruction rows start with. */
static const char *const footer_words[] = {
	"填表人", "填报人", "审核人", "审核", "联系人", "联系电话", "负责人",
	"单位负责人", "分管领导", "制表人", "制表", "填表说明", "填报说明",
	"说明", "注", "备注",
};

/* Whether cell opens with a footer word and a colon ("填表人：张三"). */
static int
footer_cell(const char *cell)
{
	for (size_t i = 0; i < sizeof footer_words / sizeof *footer_words;
	    i++) {
		size_t n = strlen(footer_words[i]);
		if (!strncmp(cell, footer_words[i], n) &&
		    (!strncmp(cell + n, "：", 3) || cell[n] == ':'))
			return 1;
	}
	return 0;
}

/* A footer or instruction row: a cell opens with 填表人：, 联系电话：,
 * 说明：, … and the row's state cell holds no state (a report whose
 * progress text happens to start "说明：" is still a report). */
static int
is_footer(const struct reader *r, const struct row *row)
{
	enum ledger_state st;
	if (ledger_state_parse(cell_of(r, row, F_STATE), &st, NULL))
		return 0;
	for (size_t i = 0; i < row->cells.n; i++)
		if (footer_cell(row->cells.v[i]))
			return 1;
	return 0;
}

/* A row that reports nothing -- no state, unit or date -- and whose task
 * cell names no task: 填表人：…, 审核人, 说明, 合计. */
static int
is_footnote(const struct reader *r, const struct row *row)
{
	if (is_footer(r, row))
		return 1;
	if (cell_of(r, row, F_STATE)[0] || cell_of(r, row, F_UNIT)[0] ||
	    cell_of(r, row, F_DATE)[0])
		return 0;
	const char *task = cell_of(r, row, F_TASK);
	if (!task[0] || !r->plan)
		return 1;
	char *key = task_key(task);
	int known = find_task(r, key) != LEDGER_NO_TASK;
	free(key);
	return !known;
}

/* A row of a sent-out ledger (ledger_out.h) the unit left as it was:
 * task and unit pre-filled, nothing reported (no state, percent, text,
 * date or note). Not a report: the task stays unreported by the unit. */
static int
is_unfilled(const struct reader *r, const struct row *row)
{
	static const enum field reported[] = { F_STATE, F_PERCENT, F_TEXT,
	    F_DATE, F_NOTE };
	for (size_t i = 0; i < sizeof reported / sizeof *reported; i++)
		if (cell_of(r, row, reported[i])[0])
			return 0;
	return 1;
}

/* An .xls workbook gives numbers without their format (xls.h): a plain
 * number from 0 to 1 in 完成比例 is what a percent-formatted cell holds
 * (60% is stored as 0.6), so it is read as that fraction. Returns a copy
 * of the cell, rewritten as "60%" when so. */
static char *
xls_fraction(const struct reader *r, const char *cell)
{
	if (!r->carry_down || !cell[0] || strspn(cell, "0123456789.") !=
	    strlen(cell))
		return xstrdup(cell);
	char *end;
	double v = strtod(cell, &end);
	if (*end || v < 0 || v > 1)
		return xstrdup(cell);
	return xasprintf("%.10g%%", v * 100);
}


/* A cell longer than LEDGER_MAX_CELL_CHARS: an error, the row not read. */
static int
cells_too_long(struct reader *r, const struct row *row)
{
	for (size_t i = 0; i < row->cells.n; i++)
		if (chars_upto(row->cells.v[i], LEDGER_MAX_CELL_CHARS) >
		    LEDGER_MAX_CELL_CHARS) {
			char col[8];
			column_name((long)i, col);
			rdiag(r, DIAG_ERROR, row->line, -1,
			    "%s 列的单元格超过 %d 个字符的上限，本行不计",
			    col, LEDGER_MAX_CELL_CHARS);
			return 1;
		}
	return 0;
}

/* Read one row. Returns 0 when the ledger has more report rows than
 * LEDGER_MAX_ROWS (an error: reading stops), else 1. */
static int
read_row(struct reader *r, struct row *row)
{
	r->unit_now = NULL;
	for (size_t i = 0; i < row->cells.n; i++)
		trim(row->cells.v[i]);
	if (row_blank(row))
		return 1;
	const char *task = cell_of(r, row, F_TASK);
	const char *state = cell_of(r, row, F_STATE);
	if (is_footnote(r, row) || is_unfilled(r, row))
		return 1;
	struct ledger *l = r->l;
	if (l->rows == LEDGER_MAX_ROWS) {
		rdiag(r, DIAG_ERROR, row->line, -1,
		    "台账的填报行超过 %d 行的上限：从本行起不再读入",
		    LEDGER_MAX_ROWS);
		return 0;
	}
	struct ledger_record rec = { .percent10 = LEDGER_PERCENT_NONE,
	    .line = row->line };
	const char *unit = cell_of(r, row, F_UNIT);
	r->unit_now = unit;
	/* A workbook read without merge information (.xls): an empty
	 * 任务编号 below a report row is the merged number above it. */
	if (!task[0] && r->carry_down && r->last_task)
		task = r->last_task;
	l->rows++;
	if (cells_too_long(r, row)) {
		l->rows_rejected++;
		return 1;
	}
	int ok = check_task(r, task, row->line, &rec);
	if (r->carry_down && task[0] && task != r->last_task) {
		free(r->last_task);
		r->last_task = xstrdup(task);
	}
	ok &= check_state(r, state, row->line, &rec);
	char *pct = xls_fraction(r, cell_of(r, row, F_PERCENT));
	ok &= check_percent(r, pct, row->line, &rec);
	free(pct);
	if (!unit[0]) {
		rdiag(r, DIAG_ERROR, row->line, F_UNIT, "缺少填报单位");
		ok = 0;
	}
	ok &= check_date(r, cell_of(r, row, F_DATE), row->line, &rec);
	ok &= check_month(r, cell_of(r, row, F_MONTH), row->line);
	rec.unit = xstrdup(unit);
	if (ok) {
		check_consistency(r, row->line, &rec);
		ok = check_duplicate(r, row->line, &rec);
	}
	if (ok && r->plan)
		check_unit(r, row->line, &rec);
	if (!ok) {
		l->rows_rejected++;
		record_free(&rec);
		return 1;
	}
	rec.text = xstrdup(cell_of(r, row, F_TEXT));
	rec.note = xstrdup(cell_of(r, row, F_NOTE));
	if (strstr(rec.note, "示例数据"))
		l->sample = 1;
	l->records = xgrow(l->records, &r->n_cap, l->n_records + 1,
	    sizeof *l->records);
	l->records[l->n_records++] = rec;
	return 1;
}

/* ---- files ------------------------------------------------------------- */

static void
reader_init(struct reader *r, const char *path, const struct plan *p,
    struct ledger *l, struct diag_list *dl)
{
	memset(r, 0, sizeof *r);
	r->path = path;
	r->plan = p;
	r->l = l;
	r->dl = dl;
	r->seen = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	r->variants = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	    NULL);
	if (p) {
		r->task_keys = xcalloc(p->n_tasks ? p->n_tasks : 1,
		    sizeof *r->task_keys);
		r->task_index = g_hash_table_new(g_str_hash, g_str_equal);
		for (size_t i = 0; i < p->n_tasks; i++) {
			r->task_keys[i] = task_key(p->tasks[i].number ?
			    p->tasks[i].number : "");
			if (!g_hash_table_contains(r->task_index,
			    r->task_keys[i]))
				g_hash_table_insert(r->task_index,
				    r->task_keys[i], GSIZE_TO_POINTER(i + 1));
		}
	}
}

static void
reader_free(struct reader *r)
{
	if (r->plan)
		for (size_t i = 0; i < r->plan->n_tasks; i++)
			free(r->task_keys[i]);
	free(r->task_keys);
	free(r->last_task);
	if (r->task_index)
		g_hash_table_destroy(r->task_index);
	g_hash_table_destroy(r->seen);
	g_hash_table_destroy(r->variants);
}

/* Whether a row names any ledger column (a header's first row). */
static int
has_header_field(const struct row *r)
{
	int any = 0;
	for (size_t i = 0; i < r->cells.n && !any; i++) {
		char *k = header_key(r->cells.v[i]);
		enum field f;
		any = k[0] && header_field(k, &f);
		free(k);
	}
	return any;
}

/* Two header rows as one: a cell of the lower row where it has one (进展状态
 * under a merged 完成情况), else the cell above (任务编号 spanning both). */
static void
combine_header(const struct row *upper, struct row *lower)
{
	for (size_t i = 0; i < upper->cells.n; i++) {
		if (i >= lower->cells.n)
			strvec_push(&lower->cells, upper->cells.v[i]);
		else if (!lower->cells.v[i][0]) {
			free(lower->cells.v[i]);
			lower->cells.v[i] = xstrdup(upper->cells.v[i]);
		}
	}
}

static void
row_copy(struct row *dst, const struct row *src)
{
	strvec_free(&dst->cells);
	for (size_t i = 0; i < src->cells.n; i++)
		strvec_push(&dst->cells, src->cells.v[i]);
	dst->line = src->line;
}

/* Find the header among the first rows: one row naming 任务编号 and
 * 进展状态, or two rows that do together (a group heading such as
 * 完成情况 over 进展状态 and 完成比例). Title rows above it may mark the
 * file as sample data. Returns 1 with the header in *h (its line the
 * lower row's), 0 when there is none (*first_line: the first non-blank
 * row), -1 on an open quote. */
static int
find_header(struct source *c, struct row *h, struct ledger *l,
    size_t *first_line)
{
	size_t seen = 0;
	struct row prev = {0};
	int rc, have_prev = 0;
	*first_line = 0;
	while (seen < LEDGER_MAX_TITLE_ROWS && (rc = source_next(c, h)) == 1) {
		for (size_t i = 0; i < h->cells.n; i++)
			trim(h->cells.v[i]);
		if (row_blank(h))
			continue;
		if (!seen++)
			*first_line = h->line;
		if (have_prev && has_header_field(&prev)) {
			struct row both = {0};
			row_copy(&both, h);
			combine_header(&prev, &both);
			if (is_header(&both)) {
				row_copy(h, &both);
				strvec_free(&both.cells);
				strvec_free(&prev.cells);
				return 1;
			}
			strvec_free(&both.cells);
		}
		if (is_header(h)) {
			strvec_free(&prev.cells);
			return 1;
		}
		for (size_t i = 0; i < h->cells.n; i++)
			if (strstr(h->cells.v[i], "示例数据"))
				l->sample = 1;
		row_copy(&prev, h);
		have_prev = 1;
	}
	strvec_free(&prev.cells);
	if (seen < LEDGER_MAX_TITLE_ROWS && rc == -1)
		return -1;
	return 0;
}

static void
open_quote(const char *path, size_t line, struct diag_list *dl)
{
	diag_add(dl, DIAG_ERROR, path, line, 0,
	    "引号未闭合：从本行开始的带引号单元格直到文件末尾都没有结束，"
	    "文件无法按 CSV 读取");
}

static void
no_header(const char *path, const struct xlsx_book *book, size_t line,
    struct diag_list *dl)
{
	if (!book) {
		diag_add(dl, DIAG_ERROR, path, line ? line : 1, 0,
		    "找不到表头：前 %d 行中没有同时含“任务编号”和“进展状态”的行",
		    LEDGER_MAX_TITLE_ROWS);
		return;
	}
	struct buf names = {0};
	for (size_t i = 0; i < book->n_sheets; i++)
		buf_printf(&names, "“%s”", book->sheets[i].name);
	diag_add(dl, DIAG_ERROR, path, 0, 0,
	    "找不到表头：工作表%s的前 %d 行中都没有同时含“任务编号”和"
	    "“进展状态”的行（表头可以占两行）", names.len ? names.data :
	    "（无）", LEDGER_MAX_TITLE_ROWS);
	buf_free(&names);
}

/* Read the rows of a CSV (csv) or of the first sheet of book holding a
 * ledger header into a new ledger; NULL when unusable. */
static struct ledger *
read_rows(struct csv *csv, const struct xlsx_book *book, int carry_down,
    const char *path, const char *enc, int year, int month,
    const struct plan *p, struct diag_list *dl)
{
	struct ledger *l = xcalloc(1, sizeof *l);
	l->path = xstrdup(path);
	l->year = year;
	l->month = month;
	l->encoding = enc;
	struct row row = {0};
	struct reader r;
	reader_init(&r, path, p, l, dl);
	r.carry_down = carry_down;
	struct source src = { .csv = csv };
	size_t first_line = 0;
	int rc = 0, usable = 0;
	if (csv) {
		rc = find_header(&src, &row, l, &first_line);
	} else {
		for (size_t i = 0; i < book->n_sheets && rc != 1; i++) {
			src = (struct source){ .sheet = &book->sheets[i] };
			l->sample = 0;
			rc = find_header(&src, &row, l, &first_line);
			if (rc == 1) {
				r.sheet = book->sheets[i].name;
				l->sheet = xstrdup(r.sheet);
			}
		}
	}
	if (rc == 1) {
		l->header_line = row.line;
		usable = header_map(&row, &r.cols, path, dl);
	} else if (rc == 0) {
		no_header(path, book, first_line, dl);
	}
	if (usable) {
		while ((rc = source_next(&src, &row)) == 1)
			if (!read_row(&r, &row))
				break;
		if (r.unit_warnings > LEDGER_MAX_UNIT_WARNINGS)
			diag_add(dl, DIAG_WARNING, path, 0, 0,
			    "另有 %zu 行的填报单位不是该任务的责任单位（只列出前 "
			    "%d 行）", r.unit_warnings - LEDGER_MAX_UNIT_WARNINGS,
			    LEDGER_MAX_UNIT_WARNINGS);
		usable = rc == 0;
		if (usable && !l->rows)
			diag_add(dl, DIAG_WARNING, path, l->header_line, 0,
			    "台账中没有填报行");
	}
	if (rc == -1)
		open_quote(path, row.line, dl);
	strvec_free(&row.cells);
	reader_free(&r);
	if (!usable) {
		ledger_free(l);
		return NULL;
	}
	return l;
}

struct ledger *
ledger_parse(const char *path, const char *data, size_t len, int year,
    int month, const struct plan *p, struct diag_list *dl)
{
	struct ledger *l = NULL;
	if (xls_is_cfb(data, len) || xlsx_is_zip(data, len)) {
		struct xlsx_book book = {0};
		int xls = xls_is_cfb(data, len);
		if (xls ? xls_read_book(path, data, len, &book, dl) :
		    xlsx_read_book(path, data, len, &book, dl))
			l = read_rows(NULL, &book, xls, path, xls ? "xls" :
			    "xlsx", year, month, p, dl);
		xlsx_book_free(&book);
		return l;
	}
	struct buf text = {0};
	const char *enc;
	if (text_decode(path, data, len, &text, &enc, dl)) {
		struct csv c = { .s = text.data, .len = text.len, .line = 1,
		    .delim = csv_delimiter(text.data) };
		l = read_rows(&c, NULL, 0, path, enc, year, month, p, dl);
	}
	buf_free(&text);
	return l;
}

/* YYYY-MM at name[0..7): sets year and month. */
static int
month_prefix(const char *base, int *year, int *month)
{
	for (int i = 0; i < 7; i++)
		if (i == 4 ? base[i] != '-' : (base[i] < '0' || base[i] > '9'))
			return 0;
	int y = atoi(base), m = (base[5] - '0') * 10 + (base[6] - '0');
	if (y < 2000 || y > 2099 || m < 1 || m > 12)
		return 0;
	*year = y;
	*month = m;
	return 1;
}

static const char *
base_name(const char *path)
{
	const char *base = strrchr(path, '/');
	return base ? base + 1 : path;
}

int
ledger_month_from_path(const char *path, int *year, int *month)
{
	const char *base = base_name(path);
	size_t n = strlen(base);
	if (!(n == 11 && !strcasecmp(base + 7, ".csv")) &&
	    !(n == 11 && !strcasecmp(base + 7, ".xls")) &&
	    !(n == 12 && !strcasecmp(base + 7, ".xlsx")))
		return 0;
	return month_prefix(base, year, month);
}

int
ledger_month_from_dir(const char *name, int *year, int *month)
{
	const char *base = base_name(name);
	return strlen(base) == 7 && month_prefix(base, year, month);
}

int
ledger_part_name(const char *name)
{
	size_t n = strlen(name);
	if (name[0] == '.' || !strncmp(name, "~$", 2))
		return 0;
	return (n > 4 && (!strcasecmp(name + n - 4, ".csv") ||
	    !strcasecmp(name + n - 4, ".xls"))) ||
	    (n > 5 && !strcasecmp(name + n - 5, ".xlsx"));
}

/* One file of the month year/month. */
static struct ledger *
load_month(const char *path, int y, int m, const struct plan *p,
    struct diag_list *dl)
{
	struct buf raw = {0};
	struct ledger *l = NULL;
	if (userfile_read(path, USERFILE_TREE, LEDGER_MAX_BYTES, &raw, dl))
		l = ledger_parse(path, raw.data ? raw.data : "", raw.len, y, m,
		    p, dl);
	buf_free(&raw);
	return l;
}

struct ledger *
ledger_load(const char *path, const struct plan *p, struct diag_list *dl)
{
	int y, m;
	if (!ledger_month_from_path(path, &y, &m)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "台账文件名应为 年-月.csv、年-月.xlsx 或 年-月.xls（如 "
		    "2024-05.csv），从中读出月份");
		return NULL;
	}
	return load_month(path, y, m, p, dl);
}

void
ledger_free(struct ledger *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_records; i++)
		record_free(&l->records[i]);
	free(l->records);
	free(l->path);
	free(l->sheet);
	free(l->files);
	free(l);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One file of a month: a single file YYYY-MM.csv or a part of the
 * folder YYYY-MM/. */
struct part {
	char *path;
	int year, month;
	int single;
};

static int
cmp_part(const void *a, const void *b)
{
	return strcmp(((const struct part *)a)->path,
	    ((const struct part *)b)->path);
}

/* The names in dir, sorted; dot files and Excel's ~$ lock files left
 * out. Returns 0 (errno set) when dir cannot be read. */
static int
list_dir(const char *dir, struct strvec *names)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && strncmp(e->d_name, "~$", 2))
			strvec_push(names, e->d_name);
	closedir(d);
	qsort(names->v, names->n, sizeof *names->v, cmp_str);
	return 1;
}

static int
is_dir(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The files of the folder of a month, as parts. */
static void
month_folder(const char *path, int y, int m, struct part **v, size_t *n,
    size_t *cap, struct diag_list *dl)
{
	struct strvec names = {0};
	if (!list_dir(path, &names)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取台账目录: %s",
		    strerror(errno));
		return;
	}
	for (size_t i = 0; i < names.n; i++) {
		char *f = xasprintf("%s/%s", path, names.v[i]);
		if (!ledger_part_name(names.v[i]) || is_dir(f)) {
			diag_add(dl, DIAG_NOTE, f, 0, 0,
			    "不是台账文件（月份目录中只读 .csv、.xlsx 和 .xls "
			    "文件），已忽略");
			free(f);
			continue;
		}
		*v = xgrow(*v, cap, *n + 1, sizeof **v);
		(*v)[(*n)++] = (struct part){ f, y, m, 0 };
	}
	strvec_free(&names);
}

/* Records of src appended to dst, the month's first ledger. A task and
 * unit reported in two files is an error naming both; the later report
 * is not counted. seen: "task\037unit" → "file:line" of the first. */
static void
merge_into(struct ledger *dst, struct ledger *src, GHashTable *seen,
    struct diag_list *dl)
{
	size_t cap = dst->n_records;
	for (size_t i = 0; i < src->n_records; i++) {
		struct ledger_record *rec = &src->records[i];
		char *k = xasprintf("%s\037%s", rec->task, rec->unit);
		const char *first = g_hash_table_lookup(seen, k);
		if (first) {
			diag_add(dl, DIAG_ERROR, src->path, rec->line, 0,
			    "重复填报：任务“%s”、填报单位“%s”已在 %s填报，"
			    "同一任务和单位只能在一个文件中填报一次，本行不计",
			    rec->task, rec->unit, first);
			free(k);
			record_free(rec);
			src->rows_rejected++;
			continue;
		}
		g_hash_table_insert(seen, k, xasprintf("%s 第 %zu 行",
		    src->path, rec->line));
		dst->records = xgrow(dst->records, &cap, dst->n_records + 1,
		    sizeof *dst->records);
		dst->records[dst->n_records++] = *rec;
	}
	src->n_records = 0;
	dst->rows += src->rows;
	dst->rows_rejected += src->rows_rejected;
	dst->sample |= src->sample;
	char *files = xasprintf("%s; %s", dst->files ? dst->files : dst->path,
	    src->path);
	free(dst->files);
	dst->files = files;
}

/* Remember every record of l in seen (the month's first file). */
static void
seen_records(GHashTable *seen, const struct ledger *l)
{
	for (size_t i = 0; i < l->n_records; i++) {
		const struct ledger_record *rec = &l->records[i];
		char *k = xasprintf("%s\037%s", rec->task, rec->unit);
		if (!g_hash_table_contains(seen, k))
			g_hash_table_insert(seen, k, xasprintf("%s 第 %zu 行",
			    l->path, rec->line));
		else
			free(k);
	}
}

int
ledger_load_dir(const char *dir, const struct plan *p, struct ledger ***out,
    size_t *n, struct diag_list *dl)
{
	*out = NULL;
	*n = 0;
	struct strvec names = {0};
	if (!list_dir(dir, &names)) {
		if (errno == ENOENT)
			return 1;
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "无法读取台账目录: %s",
		    strerror(errno));
		return 0;
	}
	struct part *parts = NULL;
	size_t np = 0, pcap = 0;
	for (size_t i = 0; i < names.n; i++) {
		char *path = xasprintf("%s/%s", dir, names.v[i]);
		int y, m;
		if (ledger_month_from_dir(names.v[i], &y, &m) && is_dir(path)) {
			month_folder(path, y, m, &parts, &np, &pcap, dl);
			free(path);
		} else if (ledger_month_from_path(path, &y, &m)) {
			parts = xgrow(parts, &pcap, np + 1, sizeof *parts);
			parts[np++] = (struct part){ path, y, m, 1 };
		} else {
			diag_add(dl, DIAG_NOTE, path, 0, 0,
			    "不是台账文件（台账文件名应为 年-月.csv、年-月.xlsx "
			    "或 年-月.xls，或放在 年-月 目录中），已忽略");
			free(path);
		}
	}
	strvec_free(&names);
	if (np)
		qsort(parts, np, sizeof *parts, cmp_part);
	size_t cap = 0;
	const char *single = NULL;  /* the month's single file, if any */
	GHashTable *seen = NULL;
	for (size_t i = 0; i < np; i++) {
		struct part *pt = &parts[i];
		struct ledger *last = *n ? (*out)[*n - 1] : NULL;
		int same = last && last->year == pt->year &&
		    last->month == pt->month;
		if (i && (parts[i - 1].year != pt->year ||
		    parts[i - 1].month != pt->month))
			single = NULL;
		if (pt->single && single) {
			diag_add(dl, DIAG_ERROR, pt->path, 0, 0,
			    "%d年%d月已有台账 %s，同一月份只能有一个台账文件"
			    "（各单位分别报送的文件请放在 %04d-%02d 目录中），"
			    "本文件未读取", pt->year, pt->month, single,
			    pt->year, pt->month);
			continue;
		}
		if (pt->single)
			single = pt->path;
		struct ledger *l = load_month(pt->path, pt->year, pt->month, p,
		    dl);
		if (!l)
			continue;
		if (same) {
			if (!seen) {
				seen = g_hash_table_new_full(g_str_hash,
				    g_str_equal, free, free);
				seen_records(seen, last);
			}
			merge_into(last, l, seen, dl);
			ledger_free(l);
			continue;
		}
		if (seen)
			g_hash_table_destroy(seen);
		seen = NULL;
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = l;
	}
	if (seen)
		g_hash_table_destroy(seen);
	for (size_t i = 0; i < np; i++)
		free(parts[i].path);
	free(parts);
	return 1;
}

/* ---- history ---------------------------------------------------------- */

static long
month_number(int y, int m)
{
	return (long)y * 12 + (m - 1);
}

/* 已完成 carries forward: a finished task without a report in a later
 * month (or in a month without a ledger) stays 已完成, with its percent
 * and 长期坚持 mark, until a report says otherwise. */
static void
carry_done(struct ledger_history *h)
{
	for (size_t t = 0; t < h->n_tasks; t++)
		for (size_t j = 1; j < h->n_months; j++) {
			struct ledger_cell *c = &h->cells[t * h->n_months + j];
			const struct ledger_cell *prev = c - 1;
			if (c->state != LEDGER_UNREPORTED ||
			    prev->state != LEDGER_DONE)
				continue;
			c->state = LEDGER_DONE;
			c->percent10 = prev->percent10;
			c->ongoing = prev->ongoing;
			c->carried = 1;
		}
}

struct ledger_history *
ledger_history_build(const struct plan *p, struct ledger *const *ledgers,
    size_t n)
{
	struct ledger_history *h = xcalloc(1, sizeof *h);
	h->n_tasks = p ? p->n_tasks : 0;
	long lo = 0, hi = -1;
	for (size_t i = 0; i < n; i++) {
		long k = month_number(ledgers[i]->year, ledgers[i]->month);
		if (hi < lo || k < lo)
			lo = k;
		if (k > hi)
			hi = k;
	}
	if (!n)
		return h;
	h->n_months = (size_t)(hi - lo + 1);
	h->months = xcalloc(h->n_months, sizeof *h->months);
	for (size_t j = 0; j < h->n_months; j++) {
		h->months[j].year = (int)((lo + (long)j) / 12);
		h->months[j].month = (int)((lo + (long)j) % 12) + 1;
	}
	h->cells = xcalloc(h->n_tasks * h->n_months + 1, sizeof *h->cells);
	for (size_t c = 0; c < h->n_tasks * h->n_months; c++)
		h->cells[c].percent10 = LEDGER_PERCENT_NONE;
	for (size_t i = 0; i < n; i++) {
		const struct ledger *l = ledgers[i];
		size_t j = (size_t)(month_number(l->year, l->month) - lo);
		h->months[j].present = 1;
		h->months[j].sample |= l->sample;
		h->sample |= l->sample;
		for (size_t k = 0; k < l->n_records; k++) {
			const struct ledger_record *rec = &l->records[k];
			if (rec->task_index >= h->n_tasks)
				continue;
			struct ledger_cell *cell =
			    &h->cells[rec->task_index * h->n_months + j];
			cell->state = ledger_combine(cell->state, rec->state);
			cell->ongoing |= rec->ongoing;
			cell->n_reports++;
			if (rec->percent10 != LEDGER_PERCENT_NONE &&
			    (cell->percent10 == LEDGER_PERCENT_NONE ||
			    rec->percent10 < cell->percent10))
				cell->percent10 = rec->percent10;
		}
	}
	carry_done(h);
	return h;
}

const struct ledger_cell *
ledger_history_cell(const struct ledger_history *h, size_t task, size_t month)
{
	if (task >= h->n_tasks || month >= h->n_months)
		return NULL;
	return &h->cells[task * h->n_months + month];
}

void
ledger_history_free(struct ledger_history *h)
{
	if (!h)
		return;
	free(h->months);
	free(h->cells);
	free(h);
}
