/*
 * cmd_aqi.c -- `lantian aqi`: the AQI of CSV rows of concentrations read
 * on stdin, each row written back with its IAQIs, AQI, level, category
 * and primary pollutants appended. The arithmetic is aqi.c's; this file
 * only reads, checks and writes CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "aqi.h"
#include "buf.h"
#include "commands.h"
#include "diag.h"
#include "util.h"

static const char usage_zh[] =
    "用法: lantian aqi [--standard HJ633-2012|HJ633-2026]\n"
    "                  [--kind daily|hourly] [--names] < 输入.csv > 输出.csv\n"
    "\n"
    "从标准输入读 CSV（UTF-8，须有表头；按列名匹配，顺序不限；其他列原样\n"
    "保留），在每行后追加以下各列写到标准输出：\n"
    "  iaqi_so2,iaqi_no2,iaqi_pm10,iaqi_co,iaqi_o3,iaqi_pm25,aqi,level,category,\n"
    "  primary_pollutants\n"
    "\n"
    "输入列（微克/立方米；co 为毫克/立方米；十进制数，最多 4 位小数）：\n"
    "  so2,no2,pm10,co,o3_1h,o3_8h,pm25，--kind hourly 时另可有 so2_24h\n"
    "  --kind daily：日均值；o3_1h 为日最大 1 小时值，o3_8h 为日最大 8 小时\n"
    "     滑动平均。HJ633-2012 七项都要；iaqi_o3 取 o3_1h 与 o3_8h 分指数的\n"
    "     较大者。HJ633-2026 不用 o3_1h（可缺）；iaqi_o3 = o3_8h 的分指数。\n"
    "  --kind hourly：小时值（实时 AQI，与中国环境监测总站发布的一致）：\n"
    "     so2、no2、co、o3_1h 用 1 小时浓度限值，pm10、pm25 用 24 小时限值；\n"
    "     不用 o3_8h；iaqi_o3 = o3_1h 的分指数。so2_24h 可选：HJ633-2012 在\n"
    "     so2 > 800 时用它的分指数。\n"
    "\n"
    "规则：分指数按整数运算精确向上取整；超过最高限值时分指数为 500；\n"
    "SO2 小时值 > 800：2012 版取 so2_24h 的分指数，2026 版为 200；O3 8 小时\n"
    "值 > 800：2012 版取 o3_1h 的分指数，2026 版为 300。HJ633-2026 先把各\n"
    "浓度修约（四舍六入五成双：取整，CO 保留 1 位小数），AQI 至少为 1。\n"
    "\n"
    "空单元格是缺测：其分指数留空，AQI 取其余分指数的最大值（可能偏低）；\n"
    "一项都没有的行 AQI 留空。AQI > 50 时 primary_pollutants 列出分指数\n"
    "最大的各项，以 ';' 连接代码（so2 no2 pm10 co o3_1h o3_8h pm25），\n"
    "或加 --names 时以 ',' 连接总站的名称（如 \"颗粒物(PM10),细颗粒物(PM2.5)\"）。\n"
    "\n"
    "选项：\n"
    "  --standard S  HJ633-2012 或 HJ633-2026（默认 HJ633-2026，\n"
    "                2026-03-01 起施行）\n"
    "  --kind K      daily（默认）或 hourly\n"
    "  --names       首要污染物写总站使用的中文名称而不是代码\n"
    "  -h, --help    本帮助\n"
    "\n"
    "有问题的行（列数不对、不是数字、负值）在标准错误报告为\n"
    "'<stdin>:行: 错误: …'，不写入输出；此时退出状态为 1。\n";

static const char usage_en[] =
    "usage: lantian aqi [--standard HJ633-2012|HJ633-2026]\n"
    "                          [--kind daily|hourly] [--names] < in.csv > out.csv\n"
    "\n"
    "Reads CSV on stdin (UTF-8, header row required; columns matched by name\n"
    "in any order; other columns are passed through unchanged) and writes each\n"
    "row with these columns appended:\n"
    "  iaqi_so2,iaqi_no2,iaqi_pm10,iaqi_co,iaqi_o3,iaqi_pm25,aqi,level,category,\n"
    "  primary_pollutants\n"
    "\n"
    "Input columns (µg/m³; co in mg/m³; decimal numbers, at most 4 decimals):\n"
    "  so2,no2,pm10,co,o3_1h,o3_8h,pm25   and, for --kind hourly, so2_24h\n"
    "  --kind daily:  24 h means; o3_1h = daily max 1 h, o3_8h = daily max 8 h.\n"
    "     HJ633-2012 needs all seven; iaqi_o3 = max(IAQI o3_1h, IAQI o3_8h).\n"
    "     HJ633-2026 does not use o3_1h (may be absent); iaqi_o3 = IAQI o3_8h.\n"
    "  --kind hourly: 1 h values (real-time AQI, as CNEMC publishes it):\n"
    "     so2, no2, co, o3_1h with their 1 h tables, pm10 and pm25 with the\n"
    "     24 h table; o3_8h is not used; iaqi_o3 = IAQI o3_1h. so2_24h is\n"
    "     optional: HJ633-2012 uses its IAQI when so2 > 800.\n"
    "\n"
    "Rules: IAQI rounded up exactly (integer arithmetic); above the top\n"
    "breakpoint IAQI 500; SO2 1 h > 800: 2012 → IAQI of so2_24h, 2026 → 200;\n"
    "O3 8 h > 800: 2012 → IAQI of o3_1h, 2026 → 300. HJ633-2026 rounds each\n"
    "concentration first (half to even: integers, CO 1 decimal) and its AQI\n"
    "is at least 1 (an all-zero row gives 1).\n"
    "\n"
    "An empty cell is a missing value: its IAQI is left empty and the AQI is\n"
    "the maximum of the other IAQIs (so it may understate the true AQI); a\n"
    "row with nothing present gets an empty AQI. primary_pollutants lists\n"
    "the indicators with the maximum IAQI when AQI > 50, ';'-joined codes\n"
    "(so2 no2 pm10 co o3_1h o3_8h pm25), or with --names CNEMC's names\n"
    "joined by ',' (e.g. \"颗粒物(PM10),细颗粒物(PM2.5)\").\n"
    "\n"
    "Options:\n"
    "  --standard S  HJ633-2012 or HJ633-2026 (default: HJ633-2026, the\n"
    "                standard in force from 2026-03-01)\n"
    "  --kind K      daily (default) or hourly\n"
    "  --names       primary pollutants as CNEMC's Chinese names\n"
    "  -h, --help    this help\n"
    "\n"
    "A bad row (wrong field count, a value that is not a number, a negative\n"
    "value) is reported as '<stdin>:LINE: 错误: …' on stderr and left out of\n"
    "the output; the exit status is then 1.\n";

struct opts {
	enum aqi_std std;
	enum aqi_kind kind;
	int names;
};

/* Input column names, by indicator; so2_24h apart. */
static const char *const in_cols[AQI_NIND] = {
	[AQI_SO2] = "so2", [AQI_NO2] = "no2", [AQI_PM10] = "pm10",
	[AQI_CO] = "co", [AQI_O3_1H] = "o3_1h", [AQI_O3_8H] = "o3_8h",
	[AQI_PM25] = "pm25",
};
#define COL_SO2_24H AQI_NIND /* index of so2_24h in struct cols */

struct cols {
	long at[AQI_NIND + 1]; /* field index, −1 when absent */
};

/*
 * Split a line into fields, RFC 4180 quoting within one line. Returns 1,
 * or 0 with a message in *err (static) for an unterminated or misplaced
 * quote.
 */
static int
csv_split(const char *s, size_t len, struct strvec *out, const char **err)
{
	size_t i = 0;
	struct buf f = {0};
	for (;;) {
		buf_truncate(&f, 0);
		buf_puts(&f, "");
		if (i < len && s[i] == '"') {
			for (i++;; i++) {
				if (i >= len) {
					*err = "引号未闭合";
					buf_free(&f);
					return 0;
				}
				if (s[i] == '"') {
					if (i + 1 < len && s[i + 1] == '"') {
						buf_putc(&f, '"');
						i++;
						continue;
					}
					i++;
					break;
				}
				buf_putc(&f, s[i]);
			}
			if (i < len && s[i] != ',') {
				*err = "引号后应为逗号";
				buf_free(&f);
				return 0;
			}
		} else {
			while (i < len && s[i] != ',') {
				if (s[i] == '"') {
					*err = "字段中间出现引号";
					buf_free(&f);
					return 0;
				}
				buf_putc(&f, s[i++]);
			}
		}
		strvec_push(out, f.data);
		if (i >= len)
			break;
		i++; /* the comma */
	}
	buf_free(&f);
	return 1;
}

/* Append one CSV field, quoted when it must be. */
static void
csv_put(struct buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\n\r")) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Which columns the kind/standard needs (bit per indicator). */
static unsigned
needed_cols(const struct opts *o)
{
	return aqi_indicators(o->std, o->kind);
}

static void
trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	size_t k = strspn(s, " \t");
	memmove(s, s + k, n - k + 1);
}

static int
find_cols(const struct strvec *hdr, const struct opts *o, struct cols *c,
    struct diag_list *dl)
{
	int ok = 1;
	for (int i = 0; i <= AQI_NIND; i++)
		c->at[i] = -1;
	for (size_t k = 0; k < hdr->n; k++) {
		char *name = xstrdup(hdr->v[k]);
		trim(name);
		for (int i = 0; i <= AQI_NIND; i++) {
			const char *want = i == COL_SO2_24H ? "so2_24h" : in_cols[i];
			if (strcmp(name, want))
				continue;
			if (c->at[i] >= 0) {
				diag_add(dl, DIAG_ERROR, "<stdin>", 1, 0,
				    "列 '%s' 出现了两次（第 %ld 列和第 %zu 列）",
				    want, c->at[i] + 1, k + 1);
				ok = 0;
			} else {
				c->at[i] = (long)k;
			}
		}
		free(name);
	}
	unsigned need = needed_cols(o);
	for (int i = 0; i < AQI_NIND; i++)
		if ((need & (1u << i)) && c->at[i] < 0) {
			diag_add(dl, DIAG_ERROR, "<stdin>", 1, 0,
			    "缺少列 '%s'（%s %s 需要）", in_cols[i],
			    aqi_standard_name(o->std),
			    o->kind == AQI_HOURLY ? "hourly" : "daily");
			ok = 0;
		}
	return ok;
}

/* Parse the used cells of one row into in; 0 with diagnostics if bad. */
static int
row_input(const struct strvec *f, const struct cols *c, const struct opts *o,
    size_t line, struct aqi_input *in, struct diag_list *dl)
{
	unsigned need = needed_cols(o);
	int ok = 1;
	aqi_input_init(in);
	for (int i = 0; i <= AQI_NIND; i++) {
		int used = i == COL_SO2_24H ? o->kind == AQI_HOURLY
		    : (need & (1u << i)) != 0;
		if (!used || c->at[i] < 0)
			continue;
		const char *cell = f->v[c->at[i]];
		int64_t v;
		enum aqi_parse r = aqi_parse_conc(cell, strlen(cell), &v);
		if (r == AQI_PARSE_EMPTY)
			continue;
		const char *name = i == COL_SO2_24H ? "so2_24h" : in_cols[i];
		if (r != AQI_PARSE_OK) {
			diag_add(dl, DIAG_ERROR, "<stdin>", line, 0,
			    "列 %s 的值 '%s' 无效：%s", name, cell,
			    aqi_parse_message(r));
			ok = 0;
			continue;
		}
		if (i == COL_SO2_24H)
			in->so2_24h = v;
		else
			in->c[i] = v;
	}
	return ok;
}

static void
put_iaqi(struct buf *b, int v)
{
	buf_putc(b, ',');
	if (v != AQI_NONE)
		buf_printf(b, "%d", v);
}

/* The combined O3 column: see the usage text. */
static int
o3_column(const struct opts *o, const struct aqi_result *r)
{
	if (o->kind == AQI_HOURLY)
		return r->iaqi[AQI_O3_1H];
	if (o->std == AQI_HJ633_2026)
		return r->iaqi[AQI_O3_8H];
	return r->iaqi[AQI_O3_1H] > r->iaqi[AQI_O3_8H] ? r->iaqi[AQI_O3_1H]
	    : r->iaqi[AQI_O3_8H];
}

static void
put_result(struct buf *b, const struct opts *o, const struct aqi_result *r)
{
	put_iaqi(b, r->iaqi[AQI_SO2]);
	put_iaqi(b, r->iaqi[AQI_NO2]);
	put_iaqi(b, r->iaqi[AQI_PM10]);
	put_iaqi(b, r->iaqi[AQI_CO]);
	put_iaqi(b, o3_column(o, r));
	put_iaqi(b, r->iaqi[AQI_PM25]);
	put_iaqi(b, r->aqi);
	const struct aqi_level *lv = aqi_level_of(r->aqi);
	buf_printf(b, ",%s,%s,", lv ? lv->name : "", lv ? lv->category : "");
	struct buf pp = {0};
	buf_puts(&pp, "");
	aqi_list(r->primary, o->names, o->names ? "," : ";", &pp);
	csv_put(b, pp.data);
	buf_free(&pp);
}

static void
warn_flags(const struct aqi_result *r, size_t line, struct diag_list *dl)
{
	if (r->flags & AQI_F_NEED_SO2_24H)
		diag_add(dl, DIAG_WARNING, "<stdin>", line, 0,
		    "so2 超过 800 μg/m³，HJ 633-2012 规定按 24 小时平均浓度计算分指数，"
		    "但 so2_24h 为空或缺列：二氧化硫分指数缺失");
	if (r->flags & AQI_F_NEED_O3_1H)
		diag_add(dl, DIAG_WARNING, "<stdin>", line, 0,
		    "o3_8h 超过 800 μg/m³，HJ 633-2012 规定按 1 小时分指数计算，"
		    "但 o3_1h 为空：臭氧8小时分指数缺失");
}

/* Read all of fp; 0 on a read error. */
static int
read_all(FILE *fp, struct buf *b)
{
	char tmp[65536];
	size_t n;
	buf_puts(b, "");
	while ((n = fread(tmp, 1, sizeof tmp, fp)) > 0)
		buf_put(b, tmp, n);
	return !ferror(fp);
}

/* Process the whole input text; output rows go to out. */
static void
process(const char *text, size_t len, const struct opts *o, struct buf *out,
    struct diag_list *dl);

void
cmd_aqi_process(const char *text, size_t len, int hj633_2012, int hourly,
    int names, struct buf *out, struct diag_list *dl)
{
	struct opts o = {
		.std = hj633_2012 ? AQI_HJ633_2012 : AQI_HJ633_2026,
		.kind = hourly ? AQI_HOURLY : AQI_DAILY, .names = names,
	};
	process(text, len, &o, out, dl);
}

static void
process(const char *text, size_t len, const struct opts *o, struct buf *out,
    struct diag_list *dl)
{
	struct cols c;
	size_t line = 0, nhdr = 0;
	int have_header = 0;
	size_t pos = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		pos = 3; /* UTF-8 BOM */
	while (pos < len) {
		const char *s = text + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;
		pos += n + (nl != NULL);
		line++;
		if (n && s[n - 1] == '\r')
			n--;
		if (n == 0)
			continue; /* blank line */
		struct strvec f = {0};
		const char *err = NULL;
		if (!csv_split(s, n, &f, &err)) {
			diag_add(dl, DIAG_ERROR, "<stdin>", line, 0, "CSV 格式错误：%s", err);
			strvec_free(&f);
			if (!have_header)
				return;
			continue;
		}
		if (!have_header) {
			have_header = 1;
			nhdr = f.n;
			int ok = find_cols(&f, o, &c, dl);
			strvec_free(&f);
			if (!ok)
				return;
			buf_put(out, s, n);
			buf_puts(out, ",iaqi_so2,iaqi_no2,iaqi_pm10,iaqi_co,iaqi_o3,"
			    "iaqi_pm25,aqi,level,category,primary_pollutants\n");
			continue;
		}
		struct aqi_input in;
		struct aqi_result r;
		if (f.n != nhdr) {
			diag_add(dl, DIAG_ERROR, "<stdin>", line, 0,
			    "有 %zu 个字段，表头有 %zu 个：此行已跳过", f.n, nhdr);
		} else if (!row_input(&f, &c, o, line, &in, dl)) {
			diag_add(dl, DIAG_NOTE, "<stdin>", line, 0, "此行已跳过");
		} else if (aqi_compute(o->std, o->kind, &in, &r)) {
			warn_flags(&r, line, dl);
			buf_put(out, s, n);
			put_result(out, o, &r);
			buf_putc(out, '\n');
		}
		strvec_free(&f);
	}
	if (!have_header)
		diag_add(dl, DIAG_ERROR, "<stdin>", 0, 0, "输入为空：需要表头行");
}

static int
parse_opts(int argc, char **argv, struct opts *o)
{
	o->std = AQI_HJ633_2026;
	o->kind = AQI_DAILY;
	o->names = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *val = NULL;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(lang_pick(usage_zh, usage_en), stdout);
			return 0;
		}
		if (!strcmp(a, "--names")) {
			o->names = 1;
			continue;
		}
		int is_std = str_starts(a, "--standard"), is_kind = str_starts(a, "--kind");
		if (is_std || is_kind) {
			const char *eq = strchr(a, '=');
			if (eq)
				val = eq + 1;
			else if (!strcmp(a, "--standard") || !strcmp(a, "--kind"))
				val = i + 1 < argc ? argv[++i] : NULL;
		}
		if (is_std && val) {
			if (!aqi_standard_parse(val, &o->std)) {
				fprintf(stderr, "lantian aqi: 未知标准 '%s'（可用 HJ633-2012、HJ633-2026）\n", val);
				return 2;
			}
		} else if (is_kind && val && !strcmp(val, "daily")) {
			o->kind = AQI_DAILY;
		} else if (is_kind && val && !strcmp(val, "hourly")) {
			o->kind = AQI_HOURLY;
		} else if (is_kind && val) {
			fprintf(stderr, "lantian aqi: 未知类型 '%s'（可用 daily、hourly）\n", val);
			return 2;
		} else {
			fprintf(stderr, "lantian aqi: 无效参数 '%s'；见 lantian aqi --help\n", a);
			return 2;
		}
	}
	return -1;
}

int
cmd_aqi(int argc, char **argv)
{
	struct opts o;
	int rc = parse_opts(argc, argv, &o);
	if (rc >= 0)
		return rc;
	struct buf in = {0}, out = {0};
	struct diag_list dl = {0};
	if (!read_all(stdin, &in)) {
		fputs("lantian aqi: <stdin>: 读取失败\n", stderr);
		buf_free(&in);
		return 1;
	}
	buf_puts(&out, "");
	process(in.data, in.len, &o, &out, &dl);
	fwrite(out.data, 1, out.len, stdout);
	diag_print(&dl, stderr);
	int status = diag_count(&dl, DIAG_ERROR) ? 1 : 0;
	if (fflush(stdout) != 0) {
		fputs("lantian aqi: 写出失败\n", stderr);
		status = 1;
	}
	diag_free(&dl);
	buf_free(&in);
	buf_free(&out);
	return status;
}
