/*
 * test_plan_dates.c -- deadline, period and start-date extraction, and the
 * things that look like dates but are not (lantian-plan(5), 时限);
 * plus the structural markers of plan_markers.c.
 */
#include <string.h>

#include "lt_test.h"
#include "plan_dates.h"
#include "plan_markers.h"

static struct date_found f;

static void
scan(const char *text, int plan_year)
{
	memset(&f, 0, sizeof f);
	dates_scan(text, plan_year, 1, &f);
}

static void
release(void)
{
	dates_found_free(&f);
}

/* Deadlines of text, as "raw=date;…". */
static const char *
deadlines(const char *text, int plan_year)
{
	static char out[1024];
	scan(text, plan_year);
	out[0] = '\0';
	for (size_t i = 0; i < f.n_deadlines; i++) {
		strcat(out, f.deadlines[i].raw);
		strcat(out, "=");
		strcat(out, f.deadlines[i].date[0] ? f.deadlines[i].date : "null");
		strcat(out, ";");
	}
	release();
	return out;
}

START_TEST(month_end)
{
	ck_assert_str_eq(deadlines("2024年5月底前，排查", 2024), "2024年5月底前=2024-05-31;");
	ck_assert_str_eq(deadlines("2025年9月底前完成", 2024), "2025年9月底前=2025-09-30;");
	ck_assert_str_eq(deadlines("2024年2月底前", 2024), "2024年2月底前=2024-02-29;");
	ck_assert_str_eq(deadlines("2023年2月底", 2023), "2023年2月底=2023-02-28;");
	ck_assert_str_eq(deadlines("2025年 9 月底前", 2024), "2025年 9 月底前=2025-09-30;");
}
END_TEST

START_TEST(year_end)
{
	ck_assert_str_eq(deadlines("2024年年底前", 2024), "2024年年底前=2024-12-31;");
	ck_assert_str_eq(deadlines("2024年底前", 2024), "2024年底前=2024-12-31;");
	ck_assert_str_eq(deadlines("到2025年年底，建成", 2024), "到2025年年底=2025-12-31;");
	ck_assert_str_eq(deadlines("2024年末", 2024), "2024年末=2024-12-31;");
	ck_assert_str_eq(deadlines("到2025年，全县", 2024), "到2025年=2025-12-31;");
}
END_TEST

START_TEST(exact_day)
{
	ck_assert_str_eq(deadlines("于2024年6月15日前报送", 2024), "2024年6月15日前=2024-06-15;");
	ck_assert_str_eq(deadlines("5月15日前", 2023), "5月15日前=2023-05-15;");
}
END_TEST

START_TEST(yearless_takes_preceding_year)
{
	ck_assert_str_eq(deadlines("2023年5月底前排查；10月底前完成", 2020),
	    "2023年5月底前=2023-05-31;10月底前=2023-10-31;");
	ck_assert_str_eq(deadlines("6 月底前完成", 2023), "6 月底前=2023-06-30;");
}
END_TEST

START_TEST(missing_digits_never_invented)
{
	ck_assert_str_eq(deadlines("年月底前完成", 2024), "年月底前=null;");
}
END_TEST

START_TEST(periods_and_starts_kept_apart)
{
	scan("2023年11月15日至2024年3月15日期间，实施错峰生产", 2023);
	ck_assert_uint_eq(f.n_deadlines, 0);
	ck_assert_uint_eq(f.n_periods, 1);
	ck_assert_str_eq(f.periods[0].start, "2023-11-15");
	ck_assert_str_eq(f.periods[0].end, "2024-03-15");
	release();
	scan("自2024年起，每年", 2024);
	ck_assert_uint_eq(f.n_deadlines, 0);
	ck_assert_uint_eq(f.n_starts, 1);
	ck_assert_str_eq(f.starts[0].start, "2024-01-01");
	release();
	scan("2023年11月15日起，D级企业", 2023);
	ck_assert_uint_eq(f.n_starts, 1);
	ck_assert_str_eq(f.starts[0].start, "2023-11-15");
	release();
}
END_TEST

START_TEST(not_dates)
{
	ck_assert_str_eq(deadlines("（豫政办〔2021〕67号）", 2024), "");
	ck_assert_str_eq(deadlines("《产业结构调整指导目录（2019年本）》", 2024), "");
	ck_assert_str_eq(deadlines("《焦作市2023-2024年度秋冬季方案》", 2023), "");
	ck_assert_str_eq(deadlines("比2015年下降18%，较2022年下降", 2024), "");
	ck_assert_str_eq(deadlines("国道312、631线，省道103", 2024), "");
	ck_assert_str_eq(deadlines("扣减300元，10、35、50毫克/立方米", 2024), "");
	ck_assert_str_eq(deadlines("对2025年之后完成的", 2024), "");
	ck_assert_str_eq(deadlines("2024年，我县秸秆综合利用率达到94%以上", 2024), "");
	ck_assert_str_eq(deadlines("2023年6月25日", 2023), "");
}
END_TEST

START_TEST(month_days)
{
	ck_assert_int_eq(dates_month_days(2024, 2), 29);
	ck_assert_int_eq(dates_month_days(2100, 2), 28);
	ck_assert_int_eq(dates_month_days(2000, 2), 29);
	ck_assert_int_eq(dates_month_days(2023, 4), 30);
	ck_assert_int_eq(dates_month_days(2023, 13), 0);
}
END_TEST

START_TEST(markers)
{
	size_t len;
	int v;
	ck_assert_int_eq(marker_at("一、总体要求", &len, &v), MARKER_TOP);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(marker_at("十二、其他", &len, &v), MARKER_TOP);
	ck_assert_int_eq(v, 12);
	ck_assert_int_eq(marker_at("（三）强化", &len, &v), MARKER_SUB);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(marker_at("### (三) 持续", &len, &v), MARKER_SUB);
	ck_assert_int_eq(marker_at("17.全面保障", &len, &v), MARKER_ARABIC);
	ck_assert_int_eq(v, 17);
	ck_assert_int_eq(marker_at(" 7．加快", &len, &v), MARKER_ARABIC);
	ck_assert_int_eq(marker_at("**1. 严格", &len, &v), MARKER_ARABIC);
	ck_assert_int_eq(marker_at("（1）对于", &len, &v), MARKER_PAREN_ARABIC);
	ck_assert_int_eq(marker_at("附表1", &len, &v), MARKER_ATTACH);
	ck_assert_int_eq(marker_at("附件：", &len, &v), MARKER_ATTACH);
	/* not markers */
	ck_assert_int_eq(marker_at("2.5微米", &len, &v), MARKER_NONE);
	ck_assert_int_eq(marker_at("2024年", &len, &v), MARKER_NONE);
	ck_assert_int_eq(marker_at("10、35、50毫克", &len, &v), MARKER_NONE);
	ck_assert_int_eq(marker_at("（2024—2025年）", &len, &v), MARKER_NONE);
	ck_assert_int_eq(marker_at("（市工业和信息化局牵头", &len, &v), MARKER_NONE);
	ck_assert_int_eq(marker_at("附近区域", &len, &v), MARKER_NONE);
	char *s = marker_sub_label(12);
	ck_assert_str_eq(s, "（十二）");
	free(s);
	s = marker_numeral(20);
	ck_assert_str_eq(s, "二十");
	free(s);
}
END_TEST

static Suite *
dates_suite(void)
{
	Suite *s = suite_create("plan_dates");
	TCase *tc = tcase_create("dates");
	tcase_add_test(tc, month_end);
	tcase_add_test(tc, year_end);
	tcase_add_test(tc, exact_day);
	tcase_add_test(tc, yearless_takes_preceding_year);
	tcase_add_test(tc, missing_digits_never_invented);
	tcase_add_test(tc, periods_and_starts_kept_apart);
	tcase_add_test(tc, not_dates);
	tcase_add_test(tc, month_days);
	tcase_add_test(tc, markers);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(dates_suite)
