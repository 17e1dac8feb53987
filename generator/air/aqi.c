/*
 * aqi.c -- the AQI arithmetic of HJ 633-2012 and HJ 633-2026.
 * Every computation is on exact fixed-point integers (see aqi.h).
 */
#include "aqi.h"

#include <limits.h>
#include <string.h>

#define S(x) ((int64_t)(x) * AQI_SCALE)

/* IAQI of the breakpoint columns. */
static const int col_iaqi[8] = { 0, 50, 100, 150, 200, 300, 400, 500 };

struct table {
	int n;           /* breakpoints used */
	int64_t bp[8];   /* AQI_SCALE units */
};

/* HJ 633-2012 table 1, one row per table (enum aqi_table order). */
static const struct table tables_2012[AQI_NTABLE] = {
	/* SO2 24 h */ { 8, { S(0), S(50), S(150), S(475), S(800), S(1600), S(2100), S(2620) } },
	/* SO2 1 h */  { 5, { S(0), S(150), S(500), S(650), S(800) } },
	/* NO2 24 h */ { 8, { S(0), S(40), S(80), S(180), S(280), S(565), S(750), S(940) } },
	/* NO2 1 h */  { 8, { S(0), S(100), S(200), S(700), S(1200), S(2340), S(3090), S(3840) } },
	/* PM10 24 h */{ 8, { S(0), S(50), S(150), S(250), S(350), S(420), S(500), S(600) } },
	/* CO 24 h */  { 8, { S(0), S(2), S(4), S(14), S(24), S(36), S(48), S(60) } },
	/* CO 1 h */   { 8, { S(0), S(5), S(10), S(35), S(60), S(90), S(120), S(150) } },
	/* O3 1 h */   { 8, { S(0), S(160), S(200), S(300), S(400), S(800), S(1000), S(1200) } },
	/* O3 8 h */   { 6, { S(0), S(100), S(160), S(215), S(265), S(800) } },
	/* PM2.5 24 h */{ 8, { S(0), S(35), S(75), S(115), S(150), S(250), S(350), S(500) } },
};

/* HJ 633-2026: the same except PM10 (IAQI 100 at 120) and PM2.5 (at 60). */
static const struct table tables_2026[AQI_NTABLE] = {
	/* SO2 24 h */ { 8, { S(0), S(50), S(150), S(475), S(800), S(1600), S(2100), S(2620) } },
	/* SO2 1 h */  { 5, { S(0), S(150), S(500), S(650), S(800) } },
	/* NO2 24 h */ { 8, { S(0), S(40), S(80), S(180), S(280), S(565), S(750), S(940) } },
	/* NO2 1 h */  { 8, { S(0), S(100), S(200), S(700), S(1200), S(2340), S(3090), S(3840) } },
	/* PM10 24 h */{ 8, { S(0), S(50), S(120), S(250), S(350), S(420), S(500), S(600) } },
	/* CO 24 h */  { 8, { S(0), S(2), S(4), S(14), S(24), S(36), S(48), S(60) } },
	/* CO 1 h */   { 8, { S(0), S(5), S(10), S(35), S(60), S(90), S(120), S(150) } },
	/* O3 1 h */   { 8, { S(0), S(160), S(200), S(300), S(400), S(800), S(1000), S(1200) } },
	/* O3 8 h */   { 6, { S(0), S(100), S(160), S(215), S(265), S(800) } },
	/* PM2.5 24 h */{ 8, { S(0), S(35), S(60), S(115), S(150), S(250), S(350), S(500) } },
};

static const struct table *
table_of(enum aqi_std std, enum aqi_table t)
{
	return std == AQI_HJ633_2026 ? &tables_2026[t] : &tables_2012[t];
}

const int64_t *
aqi_table_breakpoints(enum aqi_std std, enum aqi_table t, int *n)
{
	if ((int)t < 0 || t >= AQI_NTABLE) {
		*n = 0;
		return NULL;
	}
	*n = table_of(std, t)->n;
	return table_of(std, t)->bp;
}

int
aqi_column_iaqi(int i)
{
	return i >= 0 && i < 8 ? col_iaqi[i] : AQI_NONE;
}

int
aqi_table_iaqi(enum aqi_std std, enum aqi_table t, int64_t c)
{
	if (c == AQI_MISSING || c < 0 || (int)t < 0 || t >= AQI_NTABLE)
		return AQI_NONE;
	const struct table *tb = table_of(std, t);
	for (int i = 0; i + 1 < tb->n; i++) {
		int64_t lo = tb->bp[i], hi = tb->bp[i + 1];
		if (c > hi)
			continue;
		/* ceil((Ih − Il)(c − lo)/(hi − lo)) + Il, all terms >= 0 */
		int64_t num = (int64_t)(col_iaqi[i + 1] - col_iaqi[i]) * (c - lo);
		int64_t den = hi - lo;
		return col_iaqi[i] + (int)((num + den - 1) / den);
	}
	/* Above the top breakpoint. */
	if (col_iaqi[tb->n - 1] < 500)
		return AQI_ABOVE_TABLE;
	return 500;
}

unsigned
aqi_indicators(enum aqi_std std, enum aqi_kind kind)
{
	unsigned all = (1u << AQI_SO2) | (1u << AQI_NO2) | (1u << AQI_PM10) |
	    (1u << AQI_CO) | (1u << AQI_PM25);
	if (kind == AQI_HOURLY)
		return all | (1u << AQI_O3_1H);
	if (std == AQI_HJ633_2026)
		return all | (1u << AQI_O3_8H);
	return all | (1u << AQI_O3_1H) | (1u << AQI_O3_8H);
}

enum aqi_table
aqi_table_for(enum aqi_kind kind, enum aqi_ind ind)
{
	int h = kind == AQI_HOURLY;
	switch (ind) {
	case AQI_SO2:
		return h ? AQI_T_SO2_1H : AQI_T_SO2_24H;
	case AQI_NO2:
		return h ? AQI_T_NO2_1H : AQI_T_NO2_24H;
	case AQI_PM10:
		return AQI_T_PM10_24H; /* hourly too: 1 h value, 24 h table */
	case AQI_CO:
		return h ? AQI_T_CO_1H : AQI_T_CO_24H;
	case AQI_O3_1H:
		return AQI_T_O3_1H;
	case AQI_O3_8H:
		return h ? AQI_NTABLE : AQI_T_O3_8H;
	case AQI_PM25:
		return AQI_T_PM25_24H;
	default:
		return AQI_NTABLE;
	}
}

void
aqi_input_init(struct aqi_input *in)
{
	for (int i = 0; i < AQI_NIND; i++)
		in->c[i] = AQI_MISSING;
	in->so2_24h = AQI_MISSING;
}

int
aqi_report_decimals(enum aqi_ind ind)
{
	return ind == AQI_CO ? 1 : 0;
}

int64_t
aqi_div_floor(int64_t num, int64_t den)
{
	int64_t q = num / den;
	if (num % den != 0 && num < 0)
		q--;
	return q;
}

int64_t
aqi_div_half_even(int64_t num, int64_t den)
{
	int64_t q = num / den, r = num % den;
	if (r < 0) {
		r += den;
		q--;
	}
	if (2 * r > den || (2 * r == den && (q & 1)))
		q++;
	return q;
}

int64_t
aqi_round_half_even(int64_t v, int decimals)
{
	if (v == AQI_MISSING || decimals >= AQI_DECIMALS)
		return v;
	int64_t step = 1;
	for (int i = decimals < 0 ? 0 : decimals; i < AQI_DECIMALS; i++)
		step *= 10;
	return aqi_div_half_even(v, step) * step;
}

/* The 2012/2026 special rule for SO2 1 h above 800 (hourly). */
static int
so2_above_800(enum aqi_std std, int64_t so2_24h, unsigned *flags)
{
	if (std == AQI_HJ633_2026)
		return 200;
	int v = aqi_table_iaqi(std, AQI_T_SO2_24H, so2_24h);
	if (v == AQI_NONE)
		*flags |= AQI_F_NEED_SO2_24H;
	return v;
}

int
aqi_compute(enum aqi_std std, enum aqi_kind kind,
    const struct aqi_input *in, struct aqi_result *out)
{
	unsigned use = aqi_indicators(std, kind);
	memset(out, 0, sizeof *out);
	out->aqi = AQI_NONE;
	for (int i = 0; i < AQI_NIND; i++) {
		out->iaqi[i] = AQI_NONE;
		out->used[i] = AQI_MISSING;
		if (in->c[i] != AQI_MISSING && in->c[i] < 0)
			return 0;
	}
	if (in->so2_24h != AQI_MISSING && in->so2_24h < 0)
		return 0;
	int64_t so2_24h = in->so2_24h;
	if (std == AQI_HJ633_2026)
		so2_24h = aqi_round_half_even(so2_24h, 0);

	int complete = 1;
	for (int i = 0; i < AQI_NIND; i++) {
		if (!(use & (1u << i)))
			continue;
		int64_t c = in->c[i];
		if (std == AQI_HJ633_2026)
			c = aqi_round_half_even(c, aqi_report_decimals(i));
		out->used[i] = c;
		if (c == AQI_MISSING) {
			complete = 0;
			continue;
		}
		int v = aqi_table_iaqi(std, aqi_table_for(kind, i), c);
		if (v == AQI_ABOVE_TABLE && i == AQI_SO2)
			v = so2_above_800(std, so2_24h, &out->flags);
		out->iaqi[i] = v;
	}
	/* O3 8 h above 800 needs the O3 1 h IAQI, so it comes second. */
	if (out->iaqi[AQI_O3_8H] == AQI_ABOVE_TABLE) {
		if (std == AQI_HJ633_2026) {
			out->iaqi[AQI_O3_8H] = 300;
		} else {
			out->iaqi[AQI_O3_8H] = out->iaqi[AQI_O3_1H];
			if (out->iaqi[AQI_O3_8H] == AQI_NONE)
				out->flags |= AQI_F_NEED_O3_1H;
		}
	}
	int max = AQI_NONE;
	for (int i = 0; i < AQI_NIND; i++) {
		if (!(use & (1u << i)))
			continue;
		if (out->iaqi[i] == AQI_NONE)
			complete = 0;
		if (out->iaqi[i] > max)
			max = out->iaqi[i];
	}
	if (max != AQI_NONE && std == AQI_HJ633_2026 && max < 1)
		max = 1; /* HJ 633-2026 range 1–500 */
	out->aqi = max;
	for (int i = 0; i < AQI_NIND; i++) {
		if (out->iaqi[i] == AQI_NONE)
			continue;
		if (max > 50 && out->iaqi[i] == max)
			out->primary |= 1u << i;
		if (out->iaqi[i] > 100)
			out->exceeding |= 1u << i;
	}
	if (complete)
		out->flags |= AQI_F_COMPLETE;
	return 1;
}

static const struct aqi_level levels[6] = {
	{ 1, 0, 50, "一级", "优", "绿色", "#00E400" },
	{ 2, 51, 100, "二级", "良", "黄色", "#FFFF00" },
	{ 3, 101, 150, "三级", "轻度污染", "橙色", "#FF7E00" },
	{ 4, 151, 200, "四级", "中度污染", "红色", "#FF0000" },
	{ 5, 201, 300, "五级", "重度污染", "紫色", "#99004C" },
	{ 6, 301, INT_MAX, "六级", "严重污染", "褐红色", "#7E0023" },
};

const struct aqi_level *
aqi_level_of(int aqi)
{
	if (aqi < 0)
		return NULL;
	for (int i = 0; i < 6; i++)
		if (aqi <= levels[i].hi)
			return &levels[i];
	return &levels[5];
}

int
aqi_is_good(int aqi)
{
	return aqi >= 0 && aqi <= 100;
}

int
aqi_is_heavy(int aqi)
{
	return aqi > 200;
}

static const char *const ind_codes[AQI_NIND] = {
	"so2", "no2", "pm10", "co", "o3_1h", "o3_8h", "pm25",
};

/* The spellings of CNEMC's primarypollutant column. */
static const char *const ind_names[AQI_NIND] = {
	"二氧化硫", "二氧化氮", "颗粒物(PM10)", "一氧化碳", "臭氧1小时",
	"臭氧8小时", "细颗粒物(PM2.5)",
};

const char *
aqi_ind_code(enum aqi_ind ind)
{
	return (int)ind >= 0 && ind < AQI_NIND ? ind_codes[ind] : "";
}

const char *
aqi_ind_name(enum aqi_ind ind)
{
	return (int)ind >= 0 && ind < AQI_NIND ? ind_names[ind] : "";
}

void
aqi_list(unsigned mask, int names, const char *sep, struct buf *b)
{
	int first = 1;
	for (int i = 0; i < AQI_NIND; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			buf_puts(b, sep);
		buf_puts(b, names ? ind_names[i] : ind_codes[i]);
		first = 0;
	}
}

enum aqi_std
aqi_standard_for_date(int year, int month, int day)
{
	long key = (long)year * 10000 + month * 100 + day;
	return key <= 20260228L ? AQI_HJ633_2012 : AQI_HJ633_2026;
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int
aqi_standard_for_datestr(const char *s, enum aqi_std *out)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d;
	if (strlen(s) < 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4, &y) ||
	    !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	*out = aqi_standard_for_date(y, m, d);
	return 1;
}

int
aqi_standard_parse(const char *s, enum aqi_std *out)
{
	char t[32];
	size_t n = 0;
	for (; *s && n + 1 < sizeof t; s++) {
		if (*s == ' ')
			continue;
		t[n++] = (*s >= 'a' && *s <= 'z') ? (char)(*s - 'a' + 'A') : *s;
	}
	if (*s)
		return 0;
	t[n] = '\0';
	if (!strcmp(t, "HJ633-2012") || !strcmp(t, "2012"))
		*out = AQI_HJ633_2012;
	else if (!strcmp(t, "HJ633-2026") || !strcmp(t, "2026"))
		*out = AQI_HJ633_2026;
	else
		return 0;
	return 1;
}

const char *
aqi_standard_name(enum aqi_std std)
{
	return std == AQI_HJ633_2026 ? "HJ633-2026" : "HJ633-2012";
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

enum aqi_parse
aqi_parse_conc(const char *s, size_t len, int64_t *out)
{
	size_t i = 0, end = len;
	while (i < end && is_blank(s[i]))
		i++;
	while (end > i && is_blank(s[end - 1]))
		end--;
	if (i == end)
		return AQI_PARSE_EMPTY;
	int neg = 0;
	if (s[i] == '+' || s[i] == '-')
		neg = s[i++] == '-';
	int64_t ip = 0;
	int nint = 0, nfrac = 0, toolong = 0, range = 0;
	int64_t frac = 0;
	for (; i < end && s[i] >= '0' && s[i] <= '9'; i++, nint++) {
		if (ip >= 100000000) /* the next digit reaches 1e9 */
			range = 1;
		else
			ip = ip * 10 + (s[i] - '0');
	}
	if (i < end && s[i] == '.') {
		for (i++; i < end && s[i] >= '0' && s[i] <= '9'; i++, nfrac++) {
			if (nfrac < AQI_DECIMALS)
				frac = frac * 10 + (s[i] - '0');
			else if (s[i] != '0')
				toolong = 1;
		}
	}
	if (i != end || nint + nfrac == 0)
		return AQI_PARSE_BAD;
	if (range)
		return AQI_PARSE_RANGE;
	for (int k = nfrac; k < AQI_DECIMALS; k++)
		frac *= 10;
	int64_t v = ip * AQI_SCALE + frac;
	if (neg && v != 0)
		return AQI_PARSE_NEGATIVE;
	if (toolong)
		return AQI_PARSE_PRECISION;
	*out = v;
	return AQI_PARSE_OK;
}

const char *
aqi_parse_message(enum aqi_parse r)
{
	switch (r) {
	case AQI_PARSE_OK:
		return "正确";
	case AQI_PARSE_EMPTY:
		return "空值";
	case AQI_PARSE_BAD:
		return "不是数字";
	case AQI_PARSE_NEGATIVE:
		return "浓度不能为负数";
	case AQI_PARSE_PRECISION:
		return "小数位数过多（最多四位）";
	case AQI_PARSE_RANGE:
		return "数值过大";
	}
	return "?";
}

void
aqi_format_conc(int64_t v, int decimals, struct buf *b)
{
	if (v == AQI_MISSING)
		return;
	if (v < 0) {
		buf_putc(b, '-');
		v = -v;
	}
	buf_printf(b, "%lld", (long long)(v / AQI_SCALE));
	if (decimals <= 0)
		return;
	if (decimals > AQI_DECIMALS)
		decimals = AQI_DECIMALS;
	/* the AQI_DECIMALS digits of the fraction, most significant first */
	char frac[AQI_DECIMALS];
	int64_t f = v % AQI_SCALE;
	for (int i = AQI_DECIMALS - 1; i >= 0; i--, f /= 10)
		frac[i] = (char)('0' + f % 10);
	buf_putc(b, '.');
	buf_put(b, frac, (size_t)decimals);
}
