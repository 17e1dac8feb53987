/*
 * test_plan_units.c -- responsibility brackets: roles, lead modes, prefix
 * and 各 distribution, compounds, 等, stray 、, inherited responsibility,
 * and which brackets count (lantian-plan(5), 责任单位).
 */
#include <string.h>

#include "lt_test.h"
#include "plan_units.h"

static struct assignment a;
static struct strvec inh;
static char *inh_raw;

static void
setup(void)
{
	memset(&a, 0, sizeof a);
	memset(&inh, 0, sizeof inh);
	inh_raw = NULL;
}

static void
teardown(void)
{
	free(a.raw);
	strvec_free(&a.lead);
	strvec_free(&a.cooperating);
	strvec_free(&a.responsible);
	strvec_free(&a.participating);
	free(a.lead_mode);
	strvec_free(&inh);
	free(inh_raw);
}

/* Assert a role list equals the NULL-terminated names. */
static void
expect_units(const struct strvec *v, const char *const *want, const char *what)
{
	size_t n = 0;
	while (want[n])
		n++;
	ck_assert_msg(v->n == n, "%s: %zu units, want %zu", what, v->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(!strcmp(v->v[i], want[i]), "%s[%zu]: got %s, want %s", what, i,
		    v->v[i], want[i]);
}

#define UNITS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define NONE ((const char *const[]){ NULL })

START_TEST(lead_coop_resp_with_prefix_distribution)
{
	ck_assert(resp_parse("县工业和信息化局牵头，县发展改革委、生态环境局、财政局配合，"
	    "各乡镇人民政府负责落实。", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县工业和信息化局"), "lead");
	expect_units(&a.cooperating, UNITS("县发展改革委", "县生态环境局", "县财政局"), "coop");
	expect_units(&a.responsible, UNITS("各乡镇人民政府"), "resp");
	ck_assert_str_eq(a.lead_mode, "牵头");
}
END_TEST

START_TEST(joint_mode_keeps_phrase)
{
	ck_assert(resp_parse("县交通运输局、发展改革委、自然资源和规划局按职责分工负责", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县交通运输局", "县发展改革委", "县自然资源和规划局"), "lead");
	ck_assert_str_eq(a.lead_mode, "joint(按职责分工负责)");
}
END_TEST

START_TEST(fuze_alone_is_lead)
{
	ck_assert(resp_parse("县生态环境局负责", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县生态环境局"), "lead");
	ck_assert_str_eq(a.lead_mode, "负责");
}
END_TEST

START_TEST(fuze_of_several_is_joint)
{
	ck_assert(resp_parse("经济发展办公室、自然资源与规划中心负责", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("经济发展办公室", "自然资源与规划中心"), "lead");
	ck_assert_str_eq(a.lead_mode, "负责(joint)");
}
END_TEST

START_TEST(labelled_form_and_bracket_prefix)
{
	ck_assert(resp_parse("牵头单位：县生态环境分局，配合单位：城管局、住建局、交通局、市场监管局等，"
	    "责任单位：各乡镇人民政府、街道办事处", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县生态环境分局"), "lead");
	expect_units(&a.cooperating, UNITS("县城管局", "县住建局", "县交通局", "县市场监管局"), "coop");
	expect_units(&a.responsible, UNITS("各乡镇人民政府", "各街道办事处"), "resp");
}
END_TEST

START_TEST(half_width_labels)
{
	ck_assert(resp_parse("牵头单位:县发改委", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县发改委"), "lead");
}
END_TEST

START_TEST(city_market_regulator_keeps_both_chars)
{
	ck_assert(resp_parse("市工业和信息化局牵头，市发展改革委、生态环境局、市场监管局配合", &a, &inh, &inh_raw));
	expect_units(&a.cooperating, UNITS("市发展改革委", "市生态环境局", "市市场监管局"), "coop");
}
END_TEST

START_TEST(full_organisation_names_not_prefixed)
{
	ck_assert(resp_parse("县交通运输局、发展改革委、武汉铁路局驻马店车务段西平火车站按职责分工负责",
	    &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县交通运输局", "县发展改革委", "武汉铁路局驻马店车务段西平火车站"), "lead");
	teardown();
	setup();
	ck_assert(resp_parse("县生态环境局牵头，南召供电公司配合", &a, &inh, &inh_raw));
	expect_units(&a.cooperating, UNITS("南召供电公司"), "coop");
}
END_TEST

START_TEST(town_offices_without_prefix)
{
	ck_assert(resp_parse("经济发展办公室牵头，生态环境办公室、财政所、市场监管所配合", &a, &inh, &inh_raw));
	expect_units(&a.cooperating, UNITS("生态环境办公室", "财政所", "市场监管所"), "coop");
}
END_TEST

START_TEST(bare_list_after_lead_cooperates)
{
	ck_assert(resp_parse("自然资源与规划中心牵头，经济发展办公室、宣传文化旅游服务中心", &a, &inh, &inh_raw));
	expect_units(&a.cooperating, UNITS("经济发展办公室", "宣传文化旅游服务中心"), "coop");
}
END_TEST

START_TEST(stray_comma_before_role)
{
	ck_assert(resp_parse("农业服务中心、生态环境办公室、按照职责分工负责", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("农业服务中心", "生态环境办公室"), "lead");
	ck_assert_str_eq(a.lead_mode, "joint(按照职责分工负责)");
}
END_TEST

START_TEST(participating_after_joint)
{
	ck_assert(resp_parse("县应急管理局、公安局按职责分工负责，各乡镇、办事处、管委会参与", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县应急管理局", "县公安局"), "lead");
	expect_units(&a.participating, UNITS("各乡镇", "各办事处", "各管委会"), "part");
	expect_units(&a.cooperating, NONE, "coop");
}
END_TEST

START_TEST(joint_participation_only)
{
	ck_assert(resp_parse("经济发展办公室、市场监督管理所按照职责分工参与", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("经济发展办公室", "市场监督管理所"), "lead");
	ck_assert_str_eq(a.lead_mode, "joint(按照职责分工参与)");
}
END_TEST

START_TEST(compound_county_unit_kept_whole)
{
	ck_assert(resp_parse("市生态环境局牵头，各县、区人民政府(管委会)负责落实", &a, &inh, &inh_raw));
	expect_units(&a.responsible, UNITS("各县、区人民政府(管委会)"), "resp");
	teardown();
	setup();
	ck_assert(resp_parse("市生态环境局牵头，各县〔市、区〕政府〔管委会〕负责落实", &a, &inh, &inh_raw));
	expect_units(&a.responsible, UNITS("各县〔市、区〕政府〔管委会〕"), "resp");
}
END_TEST

START_TEST(inherited_responsibility)
{
	ck_assert(resp_parse("市工业和信息化局牵头，各县〔市、区〕政府〔管委会〕负责落实。"
	    "以下各项任务均需各县〔市、区〕政府〔管委会〕负责落实，不再逐一列出", &a, &inh, &inh_raw));
	expect_units(&inh, UNITS("各县〔市、区〕政府〔管委会〕"), "inherited");
	ck_assert_str_eq(inh_raw, "以下各项任务均需各县〔市、区〕政府〔管委会〕负责落实，不再逐一列出");
}
END_TEST

START_TEST(duplicates_removed)
{
	ck_assert(resp_parse("县公安局、县公安局、公安局牵头", &a, &inh, &inh_raw));
	expect_units(&a.lead, UNITS("县公安局"), "lead");
}
END_TEST

START_TEST(not_a_responsibility_bracket)
{
	ck_assert(!resp_parse("含渣土运输车、水泥罐车、物流车", &a, &inh, &inh_raw));
	teardown();
	setup();
	ck_assert(!resp_parse("2019年本", &a, &inh, &inh_raw));
}
END_TEST

START_TEST(find_skips_mid_sentence_brackets)
{
	struct assignment *v = NULL;
	size_t n = 0;
	const char *text = "住房和城乡建设部门（住建局牵头）制定方案。（市交通运输局牵头，"
	    "市住房和城乡建设局配合）";
	ck_assert_uint_eq(resp_find(text, &v, &n, &inh, &inh_raw), 1);
	ck_assert_str_eq(v[0].raw, "（市交通运输局牵头，市住房和城乡建设局配合）");
	for (size_t i = 0; i < n; i++) {
		free(v[i].raw);
		strvec_free(&v[i].lead);
		strvec_free(&v[i].cooperating);
		strvec_free(&v[i].responsible);
		strvec_free(&v[i].participating);
		free(v[i].lead_mode);
	}
	free(v);
}
END_TEST

START_TEST(mixed_width_brackets_and_truncation)
{
	struct bracket_span *g;
	ck_assert_uint_eq(bracket_groups("甲（乙)丙〔丁（戊〕", &g), 2);
	free(g);
	ck_assert_uint_eq(bracket_groups("))))（（（", &g), 1);
	free(g);
}
END_TEST

static Suite *
units_suite(void)
{
	Suite *s = suite_create("plan_units");
	TCase *tc = tcase_create("brackets");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lead_coop_resp_with_prefix_distribution);
	tcase_add_test(tc, joint_mode_keeps_phrase);
	tcase_add_test(tc, fuze_alone_is_lead);
	tcase_add_test(tc, fuze_of_several_is_joint);
	tcase_add_test(tc, labelled_form_and_bracket_prefix);
	tcase_add_test(tc, half_width_labels);
	tcase_add_test(tc, city_market_regulator_keeps_both_chars);
	tcase_add_test(tc, full_organisation_names_not_prefixed);
	tcase_add_test(tc, town_offices_without_prefix);
	tcase_add_test(tc, bare_list_after_lead_cooperates);
	tcase_add_test(tc, stray_comma_before_role);
	tcase_add_test(tc, participating_after_joint);
	tcase_add_test(tc, joint_participation_only);
	tcase_add_test(tc, compound_county_unit_kept_whole);
	tcase_add_test(tc, inherited_responsibility);
	tcase_add_test(tc, duplicates_removed);
	tcase_add_test(tc, not_a_responsibility_bracket);
	tcase_add_test(tc, find_skips_mid_sentence_brackets);
	tcase_add_test(tc, mixed_width_brackets_and_truncation);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(units_suite)
