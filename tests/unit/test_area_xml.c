/*
 * test_area_xml.c -- the documents of output/air/ (area_xml.h): fixed-point
 * numbers printed and read back exactly; area.rng defines the shared air
 * elements exactly as merge.rng; on the real Beijing data split into four
 * areas (one station each), every month document validates and the
 * ranking built from the documents read back gives, for every kind and
 * period, the ranks, 并列 and keys that airq_rank computes from the data;
 * ties, the 优良天数比例 tie-break, unranked areas and the printed
 * "第 N 位"; documents that are not area months are refused.
 */
#include <stdlib.h>
#include <string.h>

#include "airq.h"
#include "area_xml.h"
#include "fixtures_air.h"
#include "lt_test.h"
#include "monitor.h"
#include "monitor_layout.h"
#include "util.h"
#include "xmlw.h"
#include "fsutil.h"

/* ---- numbers -------------------------------------------------------------- */

START_TEST(fixed_round_trip)
{
	static const struct { int64_t v; int dec; const char *s; } t[] = {
		{ 0, 0, "0" }, { 35 * AQI_SCALE, 0, "35" },
		{ 45200, 2, "4.52" }, { -65000, 1, "-6.5" },
		{ 9000, 1, "0.9" }, { 825000, 1, "82.5" },
		{ -1000, 1, "-0.1" }, { 12345678, 4, "1234.5678" },
	};
	char tmp[40];
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		ck_assert_str_eq(xw_fixed(tmp, t[i].v, t[i].dec), t[i].s);
		int64_t back;
		ck_assert_int_eq(xw_parse_fixed(t[i].s, &back), 1);
		ck_assert_int_eq(back, t[i].v);
	}
	/* Half to even when rounding to fewer decimals. */
	ck_assert_str_eq(xw_fixed(tmp, 25000, 0), "2");
	ck_assert_str_eq(xw_fixed(tmp, 35000, 0), "4");
	static const char *const bad[] = { "", "-", "1.", ".5", "1.23456",
	    "1e3", "--1", "1,5", " 1", "99999999999999999999" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t v = 7;
		ck_assert_msg(xw_parse_fixed(bad[i], &v) == 0, "%s", bad[i]);
		ck_assert_int_eq(v, AQI_MISSING);
	}
	int64_t v;
	ck_assert_int_eq(xw_parse_fixed(NULL, &v), 0);
}
END_TEST

/* ---- the schemas agree -------------------------------------------------------- */

static char *
define_block(const char *rng, const char *name)
{
	char *open = xasprintf("  <define name=\"%s\">", name);
	const char *s = strstr(rng, open);
	free(open);
	ck_assert_msg(s != NULL, "no define %s", name);
	const char *e = strstr(s, "  </define>\n");
	ck_assert_ptr_nonnull(e);
	return xstrndup(s, (size_t)(e - s));
}

START_TEST(schemas_share_air_elements)
{
	struct buf m = {0}, a = {0};
	ck_assert_int_eq(fs_read_file(lt_path("generator/model/merge.rng"), &m), 0);
	ck_assert_int_eq(fs_read_file(lt_path("generator/model/area.rng"), &a), 0);
	static const char *const names[] = { "period", "calendar", "quality",
	    "date", "ym", "count", "bool", "decimal", "percent",
	    "pollutant-code", "month-number" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *x = define_block(m.data, names[i]);
		char *y = define_block(a.data, names[i]);
		ck_assert_msg(!strcmp(x, y), "define %s differs", names[i]);
		free(x);
		free(y);
	}
	buf_free(&m);
	buf_free(&a);
}
END_TEST

/* ---- Beijing as four areas ------------------------------------------------- */

static const struct { const char *file, *code, *area, *slug; } bj_st[] = {
	{ "PRSA_Data_Dongsi_20130301-20170228.csv.gz", "1003A", "东四区", "dongsi" },
	{ "beijing/PRSA_Data_Tiantan_20130301-20170228.csv.gz", "1004A", "天坛区", "tiantan" },
	{ "beijing/PRSA_Data_Guanyuan_20130301-20170228.csv.gz", "1006A", "官园区", "guanyuan" },
	{ "beijing/PRSA_Data_Huairou_20130301-20170228.csv.gz", "1009A", "怀柔区", "huairou" },
};
#define N_BJ (sizeof bj_st / sizeof *bj_st)

static struct airq *bj;

static void
bj_setup(void)
{
	struct airq_station_info si[N_BJ];
	char *paths[N_BJ];
	for (size_t i = 0; i < N_BJ; i++) {
		si[i] = (struct airq_station_info){ .code = bj_st[i].code,
		    .area = bj_st[i].area };
		char rel[256];
		snprintf(rel, sizeof rel, "tests/data/monitoring/%s",
		    bj_st[i].file);
		paths[i] = xstrdup(lt_path(rel));
	}
	bj = fx_airq_read(FX_BEIJING_LAYOUT, paths, N_BJ, 0, si, N_BJ, NULL,
	    NULL);
	for (size_t i = 0; i < N_BJ; i++)
		free(paths[i]);
	ck_assert_uint_eq(airq_area_count(bj), N_BJ);
}

static void
bj_teardown(void)
{
	airq_free(bj);
}

static void
bj_desc(size_t i, struct area_station *st, struct area_desc *d)
{
	*st = (struct area_station){ .code = bj_st[i].code, .name = "站",
	    .dir = "monitoring/beijing", .layout = "beijing-prsa" };
	*d = (struct area_desc){ .name = bj_st[i].area, .slug = bj_st[i].slug,
	    .st = st, .n_st = 1 };
}

/* The <ranking> blocks of a ranking document, in order. */
static char *
ranking_block(const char *doc, size_t k)
{
	const char *s = doc;
	for (size_t i = 0; i <= k; i++) {
		s = strstr(s + 1, "<ranking ");
		ck_assert_ptr_nonnull(s);
	}
	const char *e = strstr(s, "</ranking>");
	ck_assert_ptr_nonnull(e);
	return xstrndup(s, (size_t)(e - s));
}

static const enum airq_rank_by kinds[] = { AIRQ_RANK_COMPOSITE,
    AIRQ_RANK_PM25, AIRQ_RANK_GOOD, AIRQ_RANK_IMPROVE,
    AIRQ_RANK_IMPROVE_PM25 };
static const int kind_dec[] = { 2, 0, 1, 1, 1 };

static void
check_month(int year, int month)
{
	struct diag_list dl = { 0 };
	struct area_rank_src src[N_BJ];
	for (size_t i = 0; i < N_BJ; i++) {
		struct area_station st;
		struct area_desc d;
		bj_desc(i, &st, &d);
		const struct airq_area *a = airq_area_find(bj, d.name);
		ck_assert_ptr_nonnull(a);
		struct buf doc = { 0 };
		ck_assert_int_eq(area_month_xml(&d, bj, a, year, month, &doc,
		    &dl), 1);
		ck_assert_ptr_nonnull(strstr(doc.data,
		    "<provenance data=\"real\">"));
		ck_assert_ptr_null(strstr(doc.data, "模拟数据"));
		ck_assert_int_eq(area_rank_read(doc.data, doc.len, "x.xml",
		    &src[i], &dl), 1);
		ck_assert_str_eq(src[i].area, d.name);
		ck_assert_str_eq(src[i].slug, d.slug);
		ck_assert_int_eq(src[i].simulated, 0);
		buf_free(&doc);
	}
	/* In another order: the document does not depend on it. */
	struct area_rank_src rev[N_BJ];
	for (size_t i = 0; i < N_BJ; i++)
		rev[i] = src[N_BJ - 1 - i];
	struct buf rk = { 0 }, rk2 = { 0 };
	ck_assert_int_eq(area_ranking_xml(year, month, src, N_BJ, &rk, &dl), 1);
	ck_assert_int_eq(area_ranking_xml(year, month, rev, N_BJ, &rk2, &dl), 1);
	ck_assert_uint_eq(rk.len, rk2.len);
	ck_assert(!memcmp(rk.data, rk2.data, rk.len));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);

	struct airq_range r[2] = { airq_range_month(year, month),
	    airq_range_ytd(year, month, aqstats_days_in_month(year, month)) };
	for (size_t p = 0; p < 2; p++)
		for (size_t k = 0; k < 5; k++) {
			struct airq_ranking want;
			airq_rank(bj, r[p], kinds[k], NULL, 0, &want);
			char *blk = ranking_block(rk.data, p * 5 + k);
			char *cnt = xasprintf("ranked=\"%zu\"", want.nranked);
			ck_assert_msg(strstr(blk, cnt) != NULL, "%s", blk);
			free(cnt);
			const char *at = blk;
			for (size_t i = 0; i < want.n; i++) {
				const struct airq_rank_row *w = &want.rows[i];
				/* Same order as airq_rank's rows. */
				char *row = xasprintf("<row area=\"%s\"", w->area);
				const char *s = strstr(at, row);
				ck_assert_msg(s != NULL, "%s not after %s", row, at);
				free(row);
				at = s + 1;
				const char *e = strstr(s, "/>");
				char *line = xstrndup(s, (size_t)(e - s));
				char tmp[40], *exp;
				if (w->key != AQI_MISSING) {
					exp = xasprintf("key=\"%s\"",
					    xw_fixed(tmp, w->key, kind_dec[k]));
					ck_assert_msg(strstr(line, exp) != NULL,
					    "%s: %s", line, exp);
					free(exp);
				}
				if (w->rank > 0)
					exp = xasprintf("rank=\"%d\" tied=\"%s\" "
					    "place=\"%s第%d位\"", w->rank,
					    w->tied ? "yes" : "no",
					    w->tied ? "并列" : "", w->rank);
				else
					exp = xasprintf("place=\"不参加排名");
				ck_assert_msg(strstr(line, exp) != NULL, "%s: %s",
				    line, exp);
				free(exp);
				free(line);
			}
			free(blk);
			airq_rank_free(&want);
		}
	for (size_t i = 0; i < N_BJ; i++)
		area_rank_src_clear(&src[i]);
	buf_free(&rk);
	buf_free(&rk2);
	diag_free(&dl);
}

START_TEST(beijing_rankings_match_airq_rank)
{
	/* A winter month, a summer month, the first month of a year. */
	check_month(2016, 12);
	check_month(2016, 7);
	check_month(2015, 1);
}
END_TEST

START_TEST(beijing_months_and_index)
{
	struct area_station st;
	struct area_desc d;
	bj_desc(3, &st, &d);
	const struct airq_area *a = airq_area_find(bj, d.name);
	size_t n;
	int32_t *ym = area_months(a, &n);
	/* March 2013 to February 2017. */
	ck_assert_uint_eq(n, 48);
	ck_assert_int_eq(ym[0], 2013 * 12 + 2);
	ck_assert_int_eq(ym[n - 1], 2017 * 12 + 1);
	struct buf doc = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(area_index_xml(&d, bj, a, ym, n, &doc, &dl), 1);
	ck_assert_ptr_nonnull(strstr(doc.data, "<months count=\"48\">"));
	ck_assert_ptr_nonnull(strstr(doc.data, "<month ym=\"2013-03\""));
	ck_assert_ptr_null(strstr(doc.data, "<no-data>"));
	buf_free(&doc);
	/* No data at all: said so. */
	ck_assert_int_eq(area_index_xml(&d, bj, NULL, NULL, 0, &doc, &dl), 1);
	ck_assert_ptr_nonnull(strstr(doc.data, "<no-data>无监测数据"));
	buf_free(&doc);
	free(ym);
	ck_assert_ptr_null(area_months(NULL, &n));
	ck_assert_uint_eq(n, 0);

	/* A background station is listed as 对照点. */
	st.background = 1;
	st.simulated = 1;
	ck_assert_int_eq(area_month_xml(&d, bj, a, 2016, 1, &doc, &dl), 1);
	ck_assert_ptr_nonnull(strstr(doc.data,
	    "role=\"background\" role-name=\"对照点\" data=\"simulated\""));
	ck_assert_ptr_nonnull(strstr(doc.data,
	    "<label kind=\"simulated\">模拟数据，仅供演示</label>"));
	ck_assert_ptr_nonnull(strstr(doc.data, "<quality-text>"));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	buf_free(&doc);
	diag_free(&dl);
}
END_TEST

/* ---- ties ------------------------------------------------------------------ */

static struct area_rank_src
mk(const char *area, int64_t comp, int64_t pm25, int64_t good)
{
	struct area_rank_src s;
	memset(&s, 0, sizeof s);
	s.area = xstrdup(area);
	s.slug = xstrdup("s");
	s.year = 2024;
	s.month = 5;
	s.simulated = 1;
	for (int k = 0; k < AREA_RK_NPERIOD; k++) {
		s.composite[k] = comp;
		s.pm25[k] = pm25;
		s.good_ratio[k] = good;
		s.composite_change[k] = AQI_MISSING;
		s.pm25_change[k] = AQI_MISSING;
	}
	return s;
}

START_TEST(ties_and_unranked)
{
	struct area_rank_src s[5] = {
		mk("甲", 45000, 40 * AQI_SCALE, 800000),
		mk("乙", 45000, 35 * AQI_SCALE, 800000),
		mk("丙", 30000, 35 * AQI_SCALE, 800000),
		mk("丁", 50000, 40 * AQI_SCALE, 700000),
		mk("戊", AQI_MISSING, AQI_MISSING, AQI_MISSING),
	};
	struct buf out = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(area_ranking_xml(2024, 5, s, 5, &out, &dl), 1);
	char *comp = ranking_block(out.data, 0);
	/* 综合指数: 丙 1, 甲 乙 并列 2, 丁 4 (competition ranking), 戊 last,
	 * unranked. */
	const char *p1 = strstr(comp, "area=\"丙\"");
	const char *p2 = strstr(comp, "area=\"乙\"");
	const char *p3 = strstr(comp, "area=\"甲\"");
	const char *p4 = strstr(comp, "area=\"丁\"");
	const char *p5 = strstr(comp, "area=\"戊\"");
	ck_assert(p1 && p2 && p3 && p4 && p5);
	ck_assert(p1 < p2 && p2 < p3 && p3 < p4 && p4 < p5);
	ck_assert_ptr_nonnull(strstr(comp, "ranked=\"4\" total=\"共4个地区参加排名\""));
	ck_assert_int_eq((int)(strstr(p2, "place=\"并列第2位\"") != NULL), 1);
	ck_assert_ptr_nonnull(strstr(p3, "rank=\"2\" tied=\"yes\" place=\"并列第2位\""));
	ck_assert_ptr_nonnull(strstr(p4, "rank=\"4\" tied=\"no\" place=\"第4位\""));
	ck_assert_ptr_nonnull(strstr(p5, "place=\"不参加排名"));
	ck_assert_ptr_null(strstr(p5, "rank="));
	free(comp);
	/* 优良天数比例: 甲 乙 丙 all 80.0 %; PM2.5 breaks it: 乙 丙 (35)
	 * 并列 1, 甲 (40) 3, 丁 (70.0 %) 4. */
	char *good = ranking_block(out.data, 2);
	ck_assert_ptr_nonnull(strstr(good, "area=\"乙\" slug=\"s\" simulated=\"yes\" "
	    "key=\"80.0\" pm25=\"35\" rank=\"1\" tied=\"yes\" place=\"并列第1位\""));
	ck_assert_ptr_nonnull(strstr(good, "area=\"丙\" slug=\"s\" simulated=\"yes\" "
	    "key=\"80.0\" pm25=\"35\" rank=\"1\" tied=\"yes\""));
	ck_assert_ptr_nonnull(strstr(good, "area=\"甲\" slug=\"s\" simulated=\"yes\" "
	    "key=\"80.0\" pm25=\"40\" rank=\"3\" tied=\"no\" place=\"第3位\""));
	ck_assert_ptr_nonnull(strstr(good, "area=\"丁\" slug=\"s\" simulated=\"yes\" "
	    "key=\"70.0\" pm25=\"40\" rank=\"4\""));
	free(good);
	/* 同比 missing everywhere: nobody ranked. */
	char *imp = ranking_block(out.data, 3);
	ck_assert_ptr_nonnull(strstr(imp, "ranked=\"0\""));
	ck_assert_ptr_null(strstr(imp, "rank=\""));
	free(imp);
	/* The tie rule is stated; the simulated label is there. */
	ck_assert_ptr_nonnull(strstr(out.data, "<note kind=\"ties\">并列规则"));
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<label kind=\"simulated\">模拟数据，仅供演示</label>"));
	ck_assert_ptr_nonnull(strstr(out.data, "areas=\"5\""));
	buf_free(&out);
	/* No area at all: still a valid (empty) ranking. */
	ck_assert_int_eq(area_ranking_xml(2024, 5, NULL, 0, &out, &dl), 1);
	ck_assert_ptr_nonnull(strstr(out.data, "areas=\"0\""));
	buf_free(&out);
	for (int i = 0; i < 5; i++)
		area_rank_src_clear(&s[i]);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	diag_free(&dl);
}
END_TEST

START_TEST(rank_read_refuses)
{
	struct diag_list dl = { 0 };
	struct area_rank_src s;
	static const char *const bad[] = {
		"", "<area-month", "<x/>",
		/* wrong namespace */
		"<area-month xmlns=\"urn:other\" area=\"a\" slug=\"a\" year=\"2024\" month=\"5\"/>",
		/* no periods */
		"<area-month xmlns=\"urn:lantian:air:1\" area=\"a\" slug=\"a\" year=\"2024\" month=\"5\"/>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(area_rank_read(bad[i], strlen(bad[i]), "b.xml",
		    &s, &dl), 0);
		ck_assert_ptr_null(s.area);
	}
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), sizeof bad / sizeof *bad);
	ck_assert_str_eq(dl.v[0].file, "b.xml");
	diag_free(&dl);
}
END_TEST

static Suite *
area_xml_suite(void)
{
	Suite *s = suite_create("area_xml");
	TCase *tc = tcase_create("xml");
	tcase_add_test(tc, fixed_round_trip);
	tcase_add_test(tc, schemas_share_air_elements);
	tcase_add_test(tc, ties_and_unranked);
	tcase_add_test(tc, rank_read_refuses);
	suite_add_tcase(s, tc);
	tc = tcase_create("beijing");
	tcase_set_timeout(tc, 300);
	tcase_add_unchecked_fixture(tc, bj_setup, bj_teardown);
	tcase_add_test(tc, beijing_rankings_match_airq_rank);
	tcase_add_test(tc, beijing_months_and_index);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(area_xml_suite)
