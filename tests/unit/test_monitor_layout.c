/*
 * test_monitor_layout.c -- the .layout parser: the shipped layouts, the
 * station-name helpers, and every kind of error with its file:line.
 */
#include <string.h>

#include "lt_test.h"
#include "monitor_layout.h"

static struct mon_layout *
parse(const char *text, struct diag_list *dl)
{
	return mon_layout_parse("t.layout", text, strlen(text), dl);
}

/* The layout must be refused with an error at `line` containing `msg`. */
static void
expect_error(const char *text, size_t line, const char *msg)
{
	struct diag_list dl = {0};
	struct mon_layout *ml = parse(text, &dl);
	ck_assert_msg(ml == NULL, "accepted: %s", text);
	int found = 0;
	for (size_t i = 0; i < dl.n; i++) {
		ck_assert_int_eq(dl.v[i].level, DIAG_ERROR);
		ck_assert_str_eq(dl.v[i].file, "t.layout");
		if (dl.v[i].line == line && strstr(dl.v[i].msg, msg))
			found = 1;
	}
	if (!found)
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "  got %zu: %s\n", dl.v[i].line,
			    dl.v[i].msg);
	ck_assert_msg(found, "no error at line %zu with \"%s\" for:\n%s", line,
	    msg, text);
	diag_free(&dl);
}

/* A minimal valid layout; tests append or prepend lines to it. */
#define BASE "time = t %Y-%m-%d %H\nstation = s\npm25 = p ug/m3\n"

START_TEST(shipped_cnemc)
{
	struct diag_list dl = {0};
	struct mon_layout *ml = mon_layout_load(
	    lt_path("templates/layouts/cnemc-realtime.layout"), &dl);
	ck_assert_ptr_nonnull(ml);
	ck_assert_int_eq(dl.n, 0);
	ck_assert_str_eq(ml->name, "cnemc-realtime");
	ck_assert_int_eq(ml->delim, ',');
	ck_assert_int_eq(ml->quote, '"');
	ck_assert_int_eq(ml->header, 1);
	ck_assert_int_eq(ml->time_end, 1);
	ck_assert(ml->time.set);
	ck_assert_str_eq(ml->time.name, "timepoint");
	ck_assert_str_eq(ml->time_pattern, "%Y-%m-%dT%H%M");
	ck_assert(!ml->year.set);
	ck_assert_str_eq(ml->station.name, "stationcode");
	ck_assert_str_eq(ml->station_name.name, "positionname");
	ck_assert_str_eq(ml->area.name, "area");
	ck_assert_str_eq(ml->field[MON_PM25].name, "pm2_5");
	ck_assert_str_eq(ml->field[MON_O3_1H].name, "o3");
	ck_assert_str_eq(ml->field[MON_O3_8H].name, "o3_8h_24h");
	ck_assert_str_eq(ml->field[MON_AQI].name, "aqi");
	ck_assert_str_eq(ml->primary.name, "primarypollutant");
	ck_assert_int_eq(ml->unit[MON_CO], MON_UNIT_MG);
	ck_assert_int_eq(ml->unit[MON_SO2], MON_UNIT_UG);
	ck_assert(strvec_contains(&ml->missing, ""));
	ck_assert(strvec_contains(&ml->placeholder, "—"));
	ck_assert(strvec_contains(&ml->placeholder, "-"));
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

START_TEST(shipped_beijing)
{
	struct diag_list dl = {0};
	struct mon_layout *ml = mon_layout_load(
	    lt_path("templates/layouts/beijing-prsa.layout"), &dl);
	ck_assert_ptr_nonnull(ml);
	ck_assert_int_eq(dl.n, 0);
	ck_assert(!ml->time.set);
	ck_assert_str_eq(ml->year.name, "year");
	ck_assert_str_eq(ml->hour.name, "hour");
	ck_assert_int_eq(ml->time_end, 0);
	ck_assert_int_eq(ml->nalias, 12);
	const struct mon_station_alias *a = mon_layout_alias(ml, "Dongsi", 6);
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->code, "1003A");
	ck_assert_str_eq(a->name, "东四");
	a = mon_layout_alias(ml, "Dingling", 8);
	ck_assert_str_eq(a->name, "定陵(对照点)");
	ck_assert_ptr_null(mon_layout_alias(ml, "Dongs", 5));
	ck_assert_str_eq(ml->area_value, "北京市");
	ck_assert_int_eq(ml->unit[MON_CO], MON_UNIT_UG);
	ck_assert_str_eq(ml->field[MON_PM25].name, "PM2.5");
	ck_assert(!ml->field[MON_O3_8H].set);
	ck_assert(!ml->field[MON_AQI].set);
	ck_assert(strvec_contains(&ml->missing, "NA"));
	ck_assert(!strvec_contains(&ml->missing, ""));
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

START_TEST(good_variants)
{
	struct diag_list dl = {0};
	/* BOM, CRLF, comments, quoted words, $N columns without a header,
	 * named delimiters and units written with µ and ³ */
	const char *text =
	    "\xEF\xBB\xBF# headerless, tab-separated\r\n"
	    "layout = \"my feed\"  # trailing comment\r\n"
	    "delimiter = tab\r\n"
	    "quote = none\r\n"
	    "header = no\r\n"
	    "year = $1\r\nmonth = $2\r\nday = $3\r\nhour = $4\r\n"
	    "station.file = {}_*.txt\r\n"
	    "area.value = \"南阳 市\"\r\n"
	    "so2 = $5 µg/m³\r\n"
	    "co = $6 ug/m3\r\n"
	    "missing = NA \"\" null\r\n"
	    "missing = NA\r\n"
	    "\r\n";
	struct mon_layout *ml = parse(text, &dl);
	ck_assert_ptr_nonnull(ml);
	ck_assert_int_eq(dl.n, 0);
	ck_assert_str_eq(ml->name, "my feed");
	ck_assert_int_eq(ml->delim, '\t');
	ck_assert_int_eq(ml->quote, 0);
	ck_assert_int_eq(ml->header, 0);
	ck_assert_int_eq(ml->year.index, 0);
	ck_assert_int_eq(ml->hour.index, 3);
	ck_assert_ptr_null(ml->year.name);
	ck_assert_int_eq(ml->field[MON_SO2].index, 4);
	ck_assert_int_eq(ml->unit[MON_SO2], MON_UNIT_UG);
	ck_assert_str_eq(ml->area_value, "南阳 市");
	ck_assert_int_eq(ml->missing.n, 3);
	char st[64];
	ck_assert(mon_layout_station_from_path(ml, "/x/y/1001A_2024.txt", st,
	    sizeof st));
	ck_assert_str_eq(st, "1001A");
	ck_assert(!mon_layout_station_from_path(ml, "/x/1001A_2024.csv", st,
	    sizeof st));
	ck_assert(!mon_layout_station_from_path(ml, "_2024.txt", st,
	    sizeof st));
	ck_assert(!mon_layout_station_from_path(ml, "1001A_2024.txt", st, 3));
	mon_layout_free(ml);

	/* the name defaults to the file name; a one-character delimiter */
	ml = mon_layout_parse("dir/feed.layout", BASE "delimiter = ;\n",
	    strlen(BASE) + 14, &dl);
	ck_assert_ptr_nonnull(ml);
	ck_assert_str_eq(ml->name, "feed");
	ck_assert_int_eq(ml->delim, ';');
	ck_assert_int_eq(ml->time_end, 0);
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

START_TEST(station_file_pattern)
{
	struct diag_list dl = {0};
	struct mon_layout *ml = parse("time = t %Y%m%d%H\n"
	    "station.file = PRSA_Data_{}_*.csv*\n"
	    "pm25 = p ug/m3\n", &dl);
	ck_assert_ptr_nonnull(ml);
	char st[64];
	ck_assert(mon_layout_station_from_path(ml,
	    "tests/data/monitoring/PRSA_Data_Dongsi_20130301-20170228.csv.gz",
	    st, sizeof st));
	ck_assert_str_eq(st, "Dongsi");
	ck_assert(mon_layout_station_from_path(ml,
	    "PRSA_Data_Wanshouxigong_20130301-20170228.csv", st, sizeof st));
	ck_assert_str_eq(st, "Wanshouxigong");
	ck_assert(!mon_layout_station_from_path(ml, "PRSA_Data__x.csv", st,
	    sizeof st));
	ck_assert(!mon_layout_station_from_path(ml, "other.csv", st, sizeof st));
	mon_layout_free(ml);
	diag_free(&dl);
}
END_TEST

START_TEST(line_errors)
{
	expect_error(BASE "colour = red\n", 4, "未知的布局设置“colour”");
	expect_error(BASE "header yes\n", 4, "缺少“=”");
	expect_error(BASE "layout = \"open\n", 4, "引号没有闭合");
	expect_error(BASE "header = maybe\n", 4, "值无效");
	expect_error(BASE "header =\n", 4, "缺少值");
	expect_error(BASE "header = yes no\n", 4, "值个数不对");
	expect_error(BASE "delimiter = comma\ndelimiter = tab\n", 5, "重复");
	expect_error(BASE "delimiter = ab\n", 4, "分隔符“ab”无效");
	expect_error(BASE "delimiter = 5\n", 4, "分隔符“5”无效");
	expect_error(BASE "quote = '\n", 4, "引号设置");
	expect_error("station = s\npm25 = p ug/m3\ntime = t %Y-%m-%d %q\n", 3,
	    "“%q”无效");
	expect_error("station = s\npm25 = p ug/m3\ntime = t %Y-%m-%d\n", 3,
	    "时间格式必须含有 %H（每天一行的文件请写 resolution = day）");
	expect_error("station = s\npm25 = p ug/m3\ntime = t %Y-%m-%d %H\n"
	    "resolution = day\n", 3, "resolution = day 的时间格式不能含有 %H");
	expect_error("station = s\npm25 = p ug/m3\nyear = y\nmonth = m\n"
	    "day = d\nhour = h\nresolution = day\n", 6, "不能有 hour 列");
	expect_error("station = s\npm25 = p ug/m3\nyear = y\nmonth = m\n"
	    "resolution = day\n", 4, "year、month、day 必须全部给出");
	expect_error("station = s\npm25 = p ug/m3\ntime = t %Y-%m-%d\n"
	    "resolution = day\ntime.marks = end\n", 5, "time.marks = end");
	expect_error(BASE "resolution = week\n", 4, "值无效");
	expect_error("station = s\npm25 = p ug/m3\ntime = t %Y%Y-%m-%d %H\n", 3,
	    "出现了两次");
	expect_error("station = s\npm25 = p ug/m3\ntime = t\n", 3, "值个数不对");
	expect_error("station = s\npm25 = p ug/m3\ntime = t \"\"\n", 3,
	    "必须含有 %Y、%m 和 %d");
	expect_error(BASE "so2 = SO2\n", 4, "缺少单位");
	expect_error(BASE "so2 = SO2 ppm\n", 4, "单位“ppm”无效");
	expect_error(BASE "so2 = $0 ug/m3\n", 4, "列号“$0”无效");
	expect_error(BASE "so2 = $x ug/m3\n", 4, "列号“$x”无效");
	expect_error(BASE "so2 = \"\" ug/m3\n", 4, "列名为空");
	expect_error(BASE "pm25 = q ug/m3\n", 4, "“pm25”重复");
	expect_error(BASE "station = s2\n", 4, "“station”重复");
	expect_error(BASE "station.map = Dongsi\n", 4, "值个数不对");
	expect_error(BASE "station.map = a b c d\n", 4, "值个数不对");
	expect_error(BASE "station.map = a b\nstation.map = a c\n", 5,
	    "映射重复");
	expect_error("time = t %Y-%m-%d %H\npm25 = p ug/m3\n"
	    "station.file = PRSA.csv\n", 3, "恰好含一个 {}");
	expect_error("time = t %Y-%m-%d %H\npm25 = p ug/m3\n"
	    "station.file = {}/{}.csv\n", 3, "恰好含一个 {}");
	expect_error(BASE "missing = NA -\nplaceholder = -\n", 5,
	    "既是缺测标记又是占位符");
	expect_error(BASE "time.marks = middle\n", 4, "值无效");
	expect_error(BASE "layout = a\xff\n", 4, "不是 UTF-8");
}
END_TEST

START_TEST(file_errors)
{
	expect_error("station = s\npm25 = p ug/m3\n", 0, "缺少时间列");
	expect_error("year = y\nmonth = m\nstation = s\npm25 = p ug/m3\n", 2,
	    "必须全部给出");
	expect_error(BASE "year = y\n", 4, "不能同时使用");
	expect_error("time = t %Y-%m-%d %H\npm25 = p ug/m3\n", 0, "缺少站点");
	expect_error(BASE "station.file = {}.csv\n", 4,
	    "station 与 station.file 不能同时使用");
	expect_error(BASE "area = a\narea.value = X\n", 5, "不能同时使用");
	expect_error("time = t %Y-%m-%d %H\nstation = s\naqi = aqi\n", 0,
	    "没有任何污染物列");
	expect_error("header = no\ntime = $1 %Y-%m-%d %H\nstation = $2\n"
	    "pm25 = PM2.5 ug/m3\n", 4, "必须用列号");
	expect_error(BASE "delimiter = '\nquote = single\n", 0,
	    "引号与分隔符不能相同");
	expect_error("", 0, "缺少时间列");
}
END_TEST

START_TEST(all_errors_reported)
{
	/* one error per bad line, then the whole-file ones: nothing stops at
	 * the first */
	struct diag_list dl = {0};
	struct mon_layout *ml = parse("foo = 1\nbar = 2\nheader = 3\n", &dl);
	ck_assert_ptr_null(ml);
	ck_assert_int_eq(dl.n, 6);
	ck_assert_int_eq(dl.v[0].line, 1);
	ck_assert_int_eq(dl.v[1].line, 2);
	ck_assert_int_eq(dl.v[2].line, 3);
	ck_assert_int_eq(dl.v[3].line, 0);
	diag_free(&dl);
}
END_TEST

START_TEST(load_errors)
{
	struct diag_list dl = {0};
	ck_assert_ptr_null(mon_layout_load("/nonexistent/x.layout", &dl));
	ck_assert_int_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, "/nonexistent/x.layout");
	ck_assert_int_eq(dl.v[0].line, 0);
	ck_assert(strstr(dl.v[0].msg, "无法打开布局文件"));
	diag_free(&dl);
}
END_TEST

START_TEST(field_names)
{
	ck_assert_str_eq(mon_field_key(MON_PM25), "pm25");
	ck_assert_str_eq(mon_field_key(MON_O3_8H), "o3_8h");
	ck_assert_str_eq(mon_field_label(MON_PM25), "PM2.5");
	ck_assert_str_eq(mon_field_label(MON_AQI), "AQI");
	ck_assert_str_eq(mon_field_key(MON_NFIELD), "?");
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("monitor_layout");
	TCase *tc = tcase_create("layout");
	tcase_add_test(tc, shipped_cnemc);
	tcase_add_test(tc, shipped_beijing);
	tcase_add_test(tc, good_variants);
	tcase_add_test(tc, station_file_pattern);
	tcase_add_test(tc, line_errors);
	tcase_add_test(tc, file_errors);
	tcase_add_test(tc, all_errors_reported);
	tcase_add_test(tc, load_errors);
	tcase_add_test(tc, field_names);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(layout_suite)
