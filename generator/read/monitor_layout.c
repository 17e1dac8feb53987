/*
 * monitor_layout.c -- parsing .layout files (format: monitor_layout.h).
 * One row per key in a dispatch table; each handler checks its words and
 * records errors with the layout's file:line. Whole-file rules (time given
 * once, a station, at least one pollutant) are checked at the end.
 */
#include "monitor_layout.h"

#include "buf.h"
#include "userfile.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LAYOUT_MAX_BYTES (1u << 20)
#define LAYOUT_MAX_WORDS 64

static const char *const field_keys[MON_NFIELD] = {
	"so2", "no2", "pm10", "co", "o3_1h", "o3_8h", "pm25", "aqi",
};
static const char *const field_labels[MON_NFIELD] = {
	"SO2", "NO2", "PM10", "CO", "O3-1h", "O3-8h", "PM2.5", "AQI",
};

const char *
mon_field_key(enum mon_field f)
{
	return (unsigned)f < MON_NFIELD ? field_keys[f] : "?";
}

const char *
mon_field_label(enum mon_field f)
{
	return (unsigned)f < MON_NFIELD ? field_labels[f] : "?";
}

/* Parsing state for one layout file. */
struct lp {
	struct mon_layout *ml;
	struct diag_list *dl;
	size_t line;
	int errors;
	size_t seen_time, seen_parts, seen_station, seen_station_file,
	    seen_area, seen_area_value, seen_resolution, seen_marks;
	int pattern_hour;        /* the time pattern has %H */
	struct strvec keys_seen; /* keys that may appear once */
};

static void lp_error(struct lp *p, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
lp_error(struct lp *p, size_t line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_add(p->dl, DIAG_ERROR, p->ml->file, line, 0, "%s", msg);
	p->errors++;
}

/* Valid UTF-8 in s[0..len)? (No overlongs, no surrogates.) */
static int
utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1, min = 0x80, c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2, min = 0x800, c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3, min = 0x10000, c &= 0x07;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/*
 * Split one line (NUL-terminated, modified in place) into a key and words.
 * Returns the number of words, -1 for a syntax error (recorded), or -2 for
 * a blank/comment line.
 */
static int
lp_split(struct lp *p, char *s, char **key, char **w)
{
	int n = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return -2;
	*key = s;
	while (*s && *s != ' ' && *s != '\t' && *s != '=')
		s++;
	char *kend = s;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '=') {
		*kend = '\0';
		lp_error(p, p->line, "布局设置“%s”缺少“=”", *key);
		return -1;
	}
	*kend = '\0';
	s++;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#')
			break;
		if (n == LAYOUT_MAX_WORDS) {
			lp_error(p, p->line, "设置“%s”的值太多", *key);
			return -1;
		}
		if (*s == '"') {
			char *end = strchr(s + 1, '"');
			if (!end) {
				lp_error(p, p->line, "设置“%s”中的引号没有闭合", *key);
				return -1;
			}
			*end = '\0';
			w[n++] = s + 1;
			s = end + 1;
			if (*s && *s != ' ' && *s != '\t') {
				lp_error(p, p->line, "设置“%s”中引号后缺少空白", *key);
				return -1;
			}
			continue;
		}
		w[n++] = s;
		while (*s && *s != ' ' && *s != '\t')
			s++;
		if (*s)
			*s++ = '\0';
	}
	return n;
}

static int
lp_nwords(struct lp *p, const char *key, int n, int min, int max)
{
	if (n >= min && n <= max)
		return 1;
	if (n == 0)
		lp_error(p, p->line, "设置“%s”缺少值", key);
	else
		lp_error(p, p->line, "设置“%s”的值个数不对", key);
	return 0;
}

/* Parse a column reference into c. */
static int
lp_col(struct lp *p, const char *key, const char *w, struct mon_col *c)
{
	if (c->set) {
		lp_error(p, p->line, "设置“%s”重复", key);
		return 0;
	}
	if (*w == '\0') {
		lp_error(p, p->line, "设置“%s”的列名为空", key);
		return 0;
	}
	if (w[0] == '$') {
		char *end;
		errno = 0;
		long v = strtol(w + 1, &end, 10);
		if (w[1] < '0' || w[1] > '9' || *end || errno || v < 1 ||
		    v > 4096) {
			lp_error(p, p->line, "列号“%s”无效（应为 $1、$2 ……）", w);
			return 0;
		}
		c->index = (int)v - 1;
		c->name = NULL;
	} else {
		c->index = -1;
		c->name = xstrdup(w);
	}
	c->set = 1;
	c->line = p->line;
	return 1;
}

static int
lp_once(struct lp *p, const char *key)
{
	if (!strvec_push_unique(&p->keys_seen, key)) {
		lp_error(p, p->line, "设置“%s”重复", key);
		return 0;
	}
	return 1;
}

typedef void (*lp_handler)(struct lp *, const char *, char **, int);

static void
h_layout(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	free(p->ml->name);
	p->ml->name = xstrdup(w[0]);
}

static void
h_delimiter(struct lp *p, const char *key, char **w, int n)
{
	static const struct {
		const char *word;
		char c;
	} names[] = {
		{"comma", ','}, {"tab", '\t'}, {"semicolon", ';'},
		{"pipe", '|'}, {"space", ' '},
	};
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(w[0], names[i].word) == 0) {
			p->ml->delim = names[i].c;
			return;
		}
	unsigned char c = (unsigned char)w[0][0];
	if (w[0][1] == '\0' && c > ' ' && c < 0x7F && c != '"' &&
	    !(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+') {
		p->ml->delim = (char)c;
		return;
	}
	lp_error(p, p->line,
	    "分隔符“%s”无效（可用 comma、tab、semicolon、pipe、space 或一个 ASCII 标点）",
	    w[0]);
}

static void
h_quote(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	if (strcmp(w[0], "none") == 0)
		p->ml->quote = 0;
	else if (strcmp(w[0], "double") == 0)
		p->ml->quote = '"';
	else if (strcmp(w[0], "single") == 0)
		p->ml->quote = '\'';
	else
		lp_error(p, p->line, "引号设置“%s”无效（可用 double、single、none）",
		    w[0]);
}

static int
lp_bool(struct lp *p, const char *key, const char *w, const char *yes,
    const char *no)
{
	if (strcmp(w, yes) == 0)
		return 1;
	if (strcmp(w, no) == 0)
		return 0;
	lp_error(p, p->line, "设置“%s”的值无效", key);
	return -1;
}

static void
h_header(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	int v = lp_bool(p, key, w[0], "yes", "no");
	if (v >= 0)
		p->ml->header = v;
}

static void
h_encoding(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	if (strcasecmp(w[0], "utf-8") == 0 || strcasecmp(w[0], "utf8") == 0)
		p->ml->encoding = MON_ENC_UTF8;
	else if (strcasecmp(w[0], "gb18030") == 0)
		p->ml->encoding = MON_ENC_GB18030;
	else
		lp_error(p, p->line, "编码“%s”无效（可用 utf-8、gb18030）", w[0]);
}

static void
h_resolution(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	int v = lp_bool(p, key, w[0], "day", "hour");
	if (v >= 0)
		p->ml->daily = v;
	p->seen_resolution = p->line;
}

static void
h_time_marks(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	int v = lp_bool(p, key, w[0], "end", "start");
	if (v >= 0)
		p->ml->time_end = v;
	p->seen_marks = p->line;
}

/* Check a timestamp pattern: known directives, each date part once. */
static int
lp_pattern_ok(struct lp *p, const char *pat)
{
	int seen[128] = {0};
	for (const char *s = pat; *s; s++) {
		if (*s != '%')
			continue;
		s++;
		if (*s == '%')
			continue;
		if (*s == '\0' || !strchr("YmdHMS", *s)) {
			char d[3] = {'%', *s, 0};
			lp_error(p, p->line, "时间格式中的“%s”无效（可用 %%Y %%m %%d %%H %%M %%S %%%%）",
			    d);
			return 0;
		}
		if (seen[(unsigned char)*s]++) {
			char d[3] = {'%', *s, 0};
			lp_error(p, p->line, "时间格式中“%s”出现了两次", d);
			return 0;
		}
	}
	if (!seen['Y'] || !seen['m'] || !seen['d']) {
		lp_error(p, p->line, "时间格式“%s”必须含有 %%Y、%%m 和 %%d", pat);
		return 0;
	}
	/* %H: required for hourly files, refused for daily ones (lp_finish,
	 * once the resolution is known) */
	p->pattern_hour = seen['H'] != 0;
	return 1;
}

static void
h_time(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_nwords(p, key, n, 2, LAYOUT_MAX_WORDS))
		return;
	/* the pattern may contain blanks: "%Y-%m-%d %H:%M:%S" */
	struct buf pat = {0};
	for (int i = 1; i < n; i++)
		buf_printf(&pat, "%s%s", i > 1 ? " " : "", w[i]);
	const char *text = pat.data ? pat.data : ""; /* "" words print nothing */
	if (lp_pattern_ok(p, text) && lp_col(p, key, w[0], &p->ml->time)) {
		p->ml->time_pattern = xstrdup(text);
		p->seen_time = p->line;
	}
	buf_free(&pat);
}

static struct mon_col *
part_col(struct mon_layout *ml, const char *key)
{
	if (strcmp(key, "year") == 0)
		return &ml->year;
	if (strcmp(key, "month") == 0)
		return &ml->month;
	if (strcmp(key, "day") == 0)
		return &ml->day;
	return &ml->hour;
}

static void
h_part(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1) &&
	    lp_col(p, key, w[0], part_col(p->ml, key)))
		p->seen_parts = p->line;
}

static void
h_station(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1) &&
	    lp_col(p, key, w[0], &p->ml->station))
		p->seen_station = p->line;
}

static void
h_station_file(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	const char *cap = strstr(w[0], "{}");
	if (!cap || strstr(cap + 2, "{}") || strchr(w[0], '/')) {
		lp_error(p, p->line,
		    "站点文件名模式“%s”必须恰好含一个 {}，且不含“/”", w[0]);
		return;
	}
	p->ml->station_file = xstrdup(w[0]);
	p->seen_station_file = p->line;
}

static void
h_station_map(struct lp *p, const char *key, char **w, int n)
{
	struct mon_layout *ml = p->ml;
	if (!lp_nwords(p, key, n, 2, 3))
		return;
	if (!*w[0] || !*w[1]) {
		lp_error(p, p->line, "设置“%s”含有空值", key);
		return;
	}
	GHashTable *ix = ml->alias_index;
	if (g_hash_table_contains(ix, w[0])) {
		lp_error(p, p->line, "站点“%s”的映射重复", w[0]);
		return;
	}
	ml->alias = xrealloc(ml->alias, (ml->nalias + 1) * sizeof *ml->alias);
	struct mon_station_alias *a = &ml->alias[ml->nalias++];
	a->raw = xstrdup(w[0]);
	a->code = xstrdup(w[1]);
	a->name = n == 3 ? xstrdup(w[2]) : NULL;
	/* The index stores positions: alias may move when it grows. */
	g_hash_table_insert(ix, a->raw, GSIZE_TO_POINTER(ml->nalias));
}

static void
h_station_name(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1))
		lp_col(p, key, w[0], &p->ml->station_name);
}

static void
h_area(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1) && lp_col(p, key, w[0], &p->ml->area))
		p->seen_area = p->line;
}

static void
h_area_value(struct lp *p, const char *key, char **w, int n)
{
	if (!lp_once(p, key) || !lp_nwords(p, key, n, 1, 1))
		return;
	p->ml->area_value = xstrdup(w[0]);
	p->seen_area_value = p->line;
}

static int
unit_parse(const char *w, enum mon_unit *u)
{
	static const char *const ug[] = {"ug/m3", "µg/m3", "µg/m³", "ug/m³",
	    "μg/m3", "μg/m³"};
	static const char *const mg[] = {"mg/m3", "mg/m³"};
	for (size_t i = 0; i < sizeof ug / sizeof ug[0]; i++)
		if (strcmp(w, ug[i]) == 0)
			return *u = MON_UNIT_UG, 1;
	for (size_t i = 0; i < sizeof mg / sizeof mg[0]; i++)
		if (strcmp(w, mg[i]) == 0)
			return *u = MON_UNIT_MG, 1;
	return 0;
}

static void
h_pollutant(struct lp *p, const char *key, char **w, int n)
{
	int f = 0;
	while (f < MON_NPOLL && strcmp(field_keys[f], key) != 0)
		f++;
	if (n == 1) {
		lp_error(p, p->line, "污染物“%s”缺少单位（ug/m3 或 mg/m3）", key);
		return;
	}
	if (!lp_nwords(p, key, n, 2, 2))
		return;
	enum mon_unit u;
	if (!unit_parse(w[1], &u)) {
		lp_error(p, p->line, "单位“%s”无效（可用 ug/m3、mg/m3）", w[1]);
		return;
	}
	if (lp_col(p, key, w[0], &p->ml->field[f]))
		p->ml->unit[f] = u;
}

static void
h_aqi(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1))
		lp_col(p, key, w[0], &p->ml->field[MON_AQI]);
}

static void
h_primary(struct lp *p, const char *key, char **w, int n)
{
	if (lp_nwords(p, key, n, 1, 1))
		lp_col(p, key, w[0], &p->ml->primary);
}

static void
h_tokens(struct lp *p, const char *key, char **w, int n)
{
	struct strvec *sv = strcmp(key, "missing") == 0 ? &p->ml->missing :
	    &p->ml->placeholder;
	struct strvec *other = sv == &p->ml->missing ? &p->ml->placeholder :
	    &p->ml->missing;
	if (!lp_nwords(p, key, n, 1, LAYOUT_MAX_WORDS))
		return;
	for (int i = 0; i < n; i++) {
		if (strvec_contains(other, w[i])) {
			lp_error(p, p->line, "“%s”不能既是缺测标记又是占位符", w[i]);
			continue;
		}
		strvec_push_unique(sv, w[i]);
	}
}

/* One row per key, as mandoc's dispatch tables. */
static const struct {
	const char *key;
	lp_handler fn;
} lp_keys[] = {
	{"layout", h_layout},
	{"delimiter", h_delimiter},
	{"quote", h_quote},
	{"header", h_header},
	{"encoding", h_encoding},
	{"resolution", h_resolution},
	{"time", h_time},
	{"time.marks", h_time_marks},
	{"year", h_part},
	{"month", h_part},
	{"day", h_part},
	{"hour", h_part},
	{"station", h_station},
	{"station.file", h_station_file},
	{"station.map", h_station_map},
	{"station.name", h_station_name},
	{"area", h_area},
	{"area.value", h_area_value},
	{"so2", h_pollutant},
	{"no2", h_pollutant},
	{"pm10", h_pollutant},
	{"co", h_pollutant},
	{"o3_1h", h_pollutant},
	{"o3_8h", h_pollutant},
	{"pm25", h_pollutant},
	{"aqi", h_aqi},
	{"primary", h_primary},
	{"missing", h_tokens},
	{"placeholder", h_tokens},
};

static void
lp_line(struct lp *p, char *s)
{
	char *key, *w[LAYOUT_MAX_WORDS];
	int n = lp_split(p, s, &key, w);
	if (n < 0)
		return;
	for (size_t i = 0; i < sizeof lp_keys / sizeof lp_keys[0]; i++)
		if (strcmp(key, lp_keys[i].key) == 0) {
			lp_keys[i].fn(p, key, w, n);
			return;
		}
	lp_error(p, p->line, "未知的布局设置“%s”", key);
}

/* Rules about the layout as a whole. */
static void
lp_finish(struct lp *p)
{
	struct mon_layout *ml = p->ml;
	int parts = ml->year.set + ml->month.set + ml->day.set + ml->hour.set;
	if (ml->time.set && parts)
		lp_error(p, p->seen_parts > p->seen_time ? p->seen_parts :
		    p->seen_time, "%s", "time 与 year/month/day/hour 不能同时使用");
	else if (!ml->time.set && parts == 0)
		lp_error(p, 0, "%s", "缺少时间列：time，或 year、month、day、hour");
	else if (!ml->time.set && ml->daily && ml->hour.set)
		lp_error(p, ml->hour.line, "%s",
		    "resolution = day 的文件每天一行，不能有 hour 列");
	else if (!ml->time.set && parts < (ml->daily ? 3 : 4))
		lp_error(p, p->seen_parts, "%s", ml->daily ?
		    "year、month、day 必须全部给出" :
		    "year、month、day、hour 必须全部给出");
	else if (ml->time.set && ml->daily && p->pattern_hour)
		lp_error(p, p->seen_time, "%s",
		    "resolution = day 的时间格式不能含有 %H（每天一行）");
	else if (ml->time.set && !ml->daily && !p->pattern_hour)
		lp_error(p, p->seen_time, "%s",
		    "时间格式必须含有 %H（每天一行的文件请写 resolution = day）");
	if (ml->daily && ml->time_end)
		lp_error(p, p->seen_marks, "%s",
		    "resolution = day 时不能用 time.marks = end（日期就是自然日）");
	if (ml->station.set && ml->station_file)
		lp_error(p, p->seen_station > p->seen_station_file ?
		    p->seen_station : p->seen_station_file, "%s",
		    "station 与 station.file 不能同时使用");
	else if (!ml->station.set && !ml->station_file)
		lp_error(p, 0, "%s", "缺少站点：station 或 station.file");
	if (ml->area.set && ml->area_value)
		lp_error(p, p->seen_area > p->seen_area_value ? p->seen_area :
		    p->seen_area_value, "%s", "area 与 area.value 不能同时使用");
	int npoll = 0;
	for (int f = 0; f < MON_NPOLL; f++)
		npoll += ml->field[f].set;
	if (npoll == 0)
		lp_error(p, 0, "%s", "布局没有任何污染物列（so2、no2、pm10、co、o3_1h、o3_8h、pm25）");
	if (!ml->header) {
		const struct mon_col *cols[] = {&ml->time, &ml->year, &ml->month,
		    &ml->day, &ml->hour, &ml->station, &ml->station_name,
		    &ml->area, &ml->primary};
		for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
			if (cols[i]->set && cols[i]->name)
				lp_error(p, cols[i]->line,
				    "header = no 时必须用列号引用列（“%s”应写作 $N）",
				    cols[i]->name);
		for (int f = 0; f < MON_NFIELD; f++)
			if (ml->field[f].set && ml->field[f].name)
				lp_error(p, ml->field[f].line,
				    "header = no 时必须用列号引用列（“%s”应写作 $N）",
				    ml->field[f].name);
	}
	if (ml->quote && ml->quote == ml->delim)
		lp_error(p, 0, "%s", "引号与分隔符不能相同");
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

struct mon_layout *
mon_layout_parse(const char *path, const char *text, size_t len,
    struct diag_list *dl)
{
	struct mon_layout *ml = xcalloc(1, sizeof *ml);
	ml->file = xstrdup(path);
	const char *b = base_name(path);
	ml->name = str_ends(b, ".layout") ?
	    xstrndup(b, strlen(b) - strlen(".layout")) : xstrdup(b);
	ml->delim = ',';
	ml->quote = '"';
	ml->header = 1;
	ml->alias_index = g_hash_table_new(g_str_hash, g_str_equal);
	struct lp p = {.ml = ml, .dl = dl};

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	size_t pos = 0;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t n = end - pos;
		p.line++;
		if (n && text[pos + n - 1] == '\r')
			n--;
		if (memchr(text + pos, '\0', n) ||
		    !utf8_ok((const unsigned char *)text + pos, n)) {
			lp_error(&p, p.line, "%s", "布局文件不是 UTF-8 文本");
		} else {
			char *s = xstrndup(text + pos, n);
			lp_line(&p, s);
			free(s);
		}
		pos = end + 1;
	}
	lp_finish(&p);
	strvec_free(&p.keys_seen);
	if (p.errors) {
		mon_layout_free(ml);
		return NULL;
	}
	return ml;
}

struct mon_layout *
mon_layout_load(const char *path, struct diag_list *dl)
{
	struct stat st;
	struct diag_list why = { 0 };
	int fd = userfile_open(path, USERFILE_TREE, SIZE_MAX, &st, &why);
	FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!fp) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法打开布局文件：%s",
		    why.n ? why.v[0].msg : strerror(errno));
		diag_free(&why);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	diag_free(&why);
	char *data = xmalloc(LAYOUT_MAX_BYTES + 1);
	size_t n = fread(data, 1, LAYOUT_MAX_BYTES + 1, fp);
	int bad = ferror(fp);
	fclose(fp);
	struct mon_layout *ml = NULL;
	if (bad)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s", "读取布局文件失败");
	else if (n > LAYOUT_MAX_BYTES)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s", "布局文件超过 1 MiB");
	else
		ml = mon_layout_parse(path, data, n, dl);
	free(data);
	return ml;
}

static void
col_free(struct mon_col *c)
{
	free(c->name);
}

void
mon_layout_free(struct mon_layout *ml)
{
	if (!ml)
		return;
	free(ml->file);
	free(ml->name);
	col_free(&ml->time);
	free(ml->time_pattern);
	col_free(&ml->year);
	col_free(&ml->month);
	col_free(&ml->day);
	col_free(&ml->hour);
	col_free(&ml->station);
	free(ml->station_file);
	for (size_t i = 0; i < ml->nalias; i++) {
		free(ml->alias[i].raw);
		free(ml->alias[i].code);
		free(ml->alias[i].name);
	}
	free(ml->alias);
	col_free(&ml->station_name);
	col_free(&ml->area);
	free(ml->area_value);
	for (int f = 0; f < MON_NFIELD; f++)
		col_free(&ml->field[f]);
	col_free(&ml->primary);
	strvec_free(&ml->missing);
	strvec_free(&ml->placeholder);
	if (ml->alias_index)
		g_hash_table_destroy(ml->alias_index);
	free(ml);
}

const struct mon_station_alias *
mon_layout_alias(const struct mon_layout *ml, const char *s, size_t len)
{
	char key[256];
	if (ml->nalias == 0 || len >= sizeof key)
		return NULL;
	memcpy(key, s, len);
	key[len] = '\0';
	size_t pos = GPOINTER_TO_SIZE(g_hash_table_lookup(ml->alias_index, key));
	return pos ? &ml->alias[pos - 1] : NULL;
}

/* Glob match of s against p where '*' matches anything and "{}" matches a
 * non-empty capture (shortest first). */
static int
glob_capture(const char *p, const char *s, const char **cap, size_t *caplen)
{
	for (; *p; p++, s++) {
		if (p[0] == '{' && p[1] == '}') {
			for (size_t k = 1; s[k - 1]; k++)
				if (glob_capture(p + 2, s + k, cap, caplen)) {
					*cap = s;
					*caplen = k;
					return 1;
				}
			return 0;
		}
		if (*p == '*') {
			for (size_t k = 0;; k++) {
				if (glob_capture(p + 1, s + k, cap, caplen))
					return 1;
				if (!s[k])
					return 0;
			}
		}
		if (*p != *s)
			return 0;
	}
	return *s == '\0';
}

int
mon_layout_station_from_path(const struct mon_layout *ml, const char *path,
    char *out, size_t cap)
{
	const char *c = NULL;
	size_t n = 0;
	if (!ml->station_file ||
	    !glob_capture(ml->station_file, base_name(path), &c, &n) ||
	    n >= cap)
		return 0;
	memcpy(out, c, n);
	out[n] = '\0';
	return 1;
}
