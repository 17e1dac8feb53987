/*
 * test_plan_units_truth.c -- prefix distribution and its exemptions, as a
 * truth table: responsibility brackets as plans write them, and the units
 * each role must hold, written by hand from the plan conventions (§2 of
 * the spec the parser follows; see plan_units.h): a unit without an
 * administrative prefix takes the prefix of the bracket's first unit
 * (县发展改革委、工业和信息化局 → 县工业和信息化局); never prefixed are
 * 各… lists (各 distributes instead), township bodies (乡镇人民政府, 各乡镇),
 * full organisation names (…公司, …车务段, …火车站, 国网…, 中国铁路…), and
 * 市场监管局 keeps 市场 whole (市市场监管局 = 市 + 市场监管局); compound
 * forms such as 各县、区人民政府 stay one unit; trailing 等 is dropped.
 */
#include <string.h>

#include "lt_test.h"
#include "plan_units.h"

#define MAXU 8

static const struct {
	const char *bracket;
	const char *lead[MAXU];
	const char *coop[MAXU];
	const char *resp[MAXU];
} truth[] = {
	{ "县生态环境局牵头，乡镇人民政府配合",
	  { "县生态环境局" }, { "乡镇人民政府" }, { NULL } },
	{ "县生态环境局牵头，县住房和城乡建设局、乡镇人民政府配合",
	  { "县生态环境局" }, { "县住房和城乡建设局", "乡镇人民政府" }, { NULL } },
	{ "县生态环境局牵头，住房和城乡建设局、乡镇人民政府、交通运输局配合",
	  { "县生态环境局" }, { "县住房和城乡建设局", "乡镇人民政府", "县交通运输局" }, { NULL } },
	{ "县农业农村局牵头，各乡镇人民政府、街道办事处负责落实",
	  { "县农业农村局" }, { NULL }, { "各乡镇人民政府", "各街道办事处" } },
	{ "县生态环境局牵头，各乡镇、办事处、管委会负责落实",
	  { "县生态环境局" }, { NULL }, { "各乡镇", "各办事处", "各管委会" } },
	{ "乡镇人民政府负责",
	  { "乡镇人民政府" }, { NULL }, { NULL } },
	{ "县发展改革委、工业和信息化局按职责分工负责",
	  { "县发展改革委", "县工业和信息化局" }, { NULL }, { NULL } },
	{ "县发展改革委牵头，国网南召县供电公司、南阳车务段、南召火车站配合",
	  { "县发展改革委" }, { "国网南召县供电公司", "南阳车务段", "南召火车站" }, { NULL } },
	{ "县交通运输局牵头，中国铁路郑州局集团有限公司配合",
	  { "县交通运输局" }, { "中国铁路郑州局集团有限公司" }, { NULL } },
	{ "市生态环境局牵头，市场监管局、公安局配合",
	  { "市生态环境局" }, { "市市场监管局", "市公安局" }, { NULL } },
	{ "县市场监管局牵头，县生态环境局、商务局等配合",
	  { "县市场监管局" }, { "县生态环境局", "县商务局" }, { NULL } },
	{ "市生态环境局牵头，各县、区人民政府(管委会)负责落实",
	  { "市生态环境局" }, { NULL }, { "各县、区人民政府(管委会)" } },
};

static void
expect(const struct strvec *v, const char *const *want, const char *bracket,
    const char *role)
{
	size_t n = 0;
	while (n < MAXU && want[n])
		n++;
	ck_assert_msg(v->n == n, "（%s）%s: %zu units, want %zu%s%s", bracket, role,
	    v->n, n, v->n ? ", first " : "", v->n ? v->v[0] : "");
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(!strcmp(v->v[i], want[i]), "（%s）%s[%zu]: got %s, want %s",
		    bracket, role, i, v->v[i], want[i]);
}

START_TEST(prefix_truth)
{
	struct assignment a;
	struct strvec inh = { 0 };
	char *inh_raw = NULL;
	memset(&a, 0, sizeof a);
	ck_assert_msg(resp_parse(truth[_i].bracket, &a, &inh, &inh_raw),
	    "（%s） not read as a responsibility bracket", truth[_i].bracket);
	expect(&a.lead, truth[_i].lead, truth[_i].bracket, "lead");
	expect(&a.cooperating, truth[_i].coop, truth[_i].bracket, "cooperating");
	expect(&a.responsible, truth[_i].resp, truth[_i].bracket, "responsible");
	free(a.raw);
	strvec_free(&a.lead);
	strvec_free(&a.cooperating);
	strvec_free(&a.responsible);
	strvec_free(&a.participating);
	free(a.lead_mode);
	strvec_free(&inh);
	free(inh_raw);
}
END_TEST

static Suite *
units_truth_suite(void)
{
	Suite *s = suite_create("plan_units_truth");
	TCase *tc = tcase_create("prefix");
	tcase_add_loop_test(tc, prefix_truth, 0, (int)(sizeof truth / sizeof *truth));
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(units_truth_suite)
