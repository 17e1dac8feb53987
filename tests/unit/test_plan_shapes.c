/*
 * test_plan_shapes.c -- the shapes real plans arrive in: suspicious unit
 * names (plan_lint.c), web-portal chrome and metadata (plan_repost.c),
 * traditional script folded for the rules and restored in the model
 * (plan_script.c), and responsibility written as a sentence (plan_units.c).
 * Expected values are read off the example texts by hand.
 */
#include <string.h>

#include "buf.h"
#include "lt_test.h"
#include "plan_lint.h"
#include "plan_repost.h"
#include "plan_script.h"
#include "plan_units.h"

START_TEST(unit_names_that_read_as_names)
{
	ck_assert_ptr_null(lint_unit_problem("县发展改革委"));
	ck_assert_ptr_null(lint_unit_problem("各县（区）人民政府"));
	ck_assert_ptr_null(lint_unit_problem("各县〔市、区〕政府〔管委会〕"));
	ck_assert_ptr_null(lint_unit_problem("武汉铁路局驻马店车务段西平火车站"));
	ck_assert_ptr_null(lint_unit_problem("縣市場監管局"));
}
END_TEST

START_TEST(suspicious_unit_names)
{
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县发展改革委—3—"), "页码"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县发展改革委- 3 -"), "页码"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县生态环境局12"), "数字"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县住建局|"), "符号"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县住建局 城管局"), "符号"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县生态环境局牵头督办"), "职责用语"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("市以下各项工作均需各县"), "职责用语"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem(
	    "县生态环境局会同有关部门对辖区内重点企业开展全面排查整治工作组"), "过长"));
	ck_assert_ptr_nonnull(strstr(lint_unit_problem("县"), "过短"));
}
END_TEST

START_TEST(portal_chrome_lines)
{
	ck_assert(repost_is_chrome("首页 > 政务公开 > 政策文件"));
	ck_assert(repost_is_chrome("【字体：大 中 小】 【打印本页】 【关闭窗口】"));
	ck_assert(repost_is_chrome("分享到：微信 微博"));
	ck_assert(repost_is_chrome("主办单位：某县人民政府办公室 网站标识码：4100000000 豫ICP备00000000号"));
	ck_assert(repost_is_chrome("索引号：11410000MB1234567X/2024-00012"));
	ck_assert(repost_is_chrome("发布日期：2024年03月05日"));
	/* A plan's own lines are not chrome. */
	ck_assert(!repost_is_chrome("一、总体要求"));
	ck_assert(!repost_is_chrome("主办单位：县生态环境局"));
	ck_assert(!repost_is_chrome("【典型做法】各乡镇要建立台账。"));
	ck_assert(!repost_is_chrome("责任单位：县住建局"));
}
END_TEST

START_TEST(portal_metadata_block)
{
	char *lines[] = { "索引号：000/2024-1", "发文字号：测政办〔2024〕12号",
		"发布机构：测试县人民政府办公室", "成文日期：2024-03-01",
		"发布日期：2024年03月05日" };
	char *doc = NULL, *issuer = NULL, *date = NULL;
	repost_header(lines, 5, &doc, &issuer, &date);
	ck_assert_str_eq(doc, "测政办〔2024〕12号");
	ck_assert_str_eq(issuer, "测试县人民政府办公室");
	ck_assert_str_eq(date, "2024-03-01");
	free(doc);
	free(issuer);
	free(date);
	/* 发文字号：无 is none; 发布日期 alone is not the document's date; what
	 * the header already gave stays. */
	char *lines2[] = { "发文字号：无", "发布日期：2024年03月05日", "发布机构：某办" };
	doc = NULL;
	date = NULL;
	issuer = xstrdup("县人民政府");
	repost_header(lines2, 3, &doc, &issuer, &date);
	ck_assert_ptr_null(doc);
	ck_assert_ptr_null(date);
	ck_assert_str_eq(issuer, "县人民政府");
	free(issuer);
}
END_TEST

START_TEST(html_leftovers_stripped)
{
	struct buf b = {0};
	repost_strip_html(&b, "<p>1.加强管控。<span style=\"display:none\">转载请注明</span>"
	    "（县住建局牵头）<!-- x --></p>&nbsp;PM2.5<35");
	ck_assert_str_eq(b.data, "1.加强管控。（县住建局牵头） PM2.5<35");
	buf_free(&b);
}
END_TEST

START_TEST(traditional_folded_and_restored)
{
	struct buf t = {0};
	struct diag_list dl = {0};
	buf_puts(&t, "二、重點任務\n1.加強餐飲油煙治理。（縣市場監管局牽頭，縣生態環境局配合，"
	    "各鄉鎮人民政府負責落實）\n");
	struct script_map *m = script_fold(&t, "t.txt", &dl);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_ptr_nonnull(strstr(t.data, "（县市场监管局牵头，县生态环境局配合，"
	    "各乡镇人民政府负责落实）"));
	char *r = script_restore(m, "县市场监管局");
	ck_assert_str_eq(r, "縣市場監管局");
	free(r);
	script_map_free(m);
	buf_free(&t);
	/* Simplified text is left alone. */
	buf_puts(&t, "二、重点任务\n1.加强餐饮油烟治理。（县市场监管局牵头）\n");
	ck_assert_ptr_null(script_fold(&t, "s.txt", &dl));
	ck_assert_str_eq(t.data, "二、重点任务\n1.加强餐饮油烟治理。（县市场监管局牵头）\n");
	buf_free(&t);
	diag_free(&dl);
}
END_TEST

static void
free_asg(struct assignment *a, size_t n)
{
	for (size_t i = 0; i < n; i++)
		assignment_clear(&a[i]);
	free(a);
}

START_TEST(sentence_responsibility)
{
	struct assignment *a = NULL;
	size_t n = 0;
	ck_assert_uint_eq(resp_find("加快淘汰落后产能。2024年底前完成。由县发展改革委牵头，"
	    "各相关部门参与。", &a, &n, NULL, NULL), 1);
	ck_assert_str_eq(a[0].lead.v[0], "县发展改革委");
	ck_assert_str_eq(a[0].cooperating.v[0], "各相关部门");
	free_asg(a, n);
	a = NULL;
	n = 0;
	ck_assert_uint_eq(resp_find("开展扬尘整治。\n责任单位：县住建局、城管局", &a, &n, NULL,
	    NULL), 1);
	ck_assert_uint_eq(a[0].responsible.n, 2);
	ck_assert_str_eq(a[0].responsible.v[1], "县城管局");
	free_asg(a, n);
	/* A sentence of the task's work is not a responsibility. */
	a = NULL;
	n = 0;
	ck_assert_uint_eq(resp_find("开展扬尘整治。各乡镇要积极配合。", &a, &n, NULL, NULL), 0);
	ck_assert_uint_eq(resp_find("开展扬尘整治。由县生态环境局负责对企业开展检查。", &a, &n,
	    NULL, NULL), 0);
	ck_assert(!resp_present("开展扬尘整治。各乡镇要积极配合。"));
	ck_assert(resp_present("开展扬尘整治。\n牵头单位：县交通运输局；配合单位：县公安局"));
	free_asg(a, n);
}
END_TEST

START_TEST(inherited_clause_without_fuze)
{
	struct assignment a = {0};
	struct strvec inh = {0};
	char *raw = NULL;
	ck_assert(!resp_parse("以下各项工作均需各县（区）人民政府落实，不再列出", &a, &inh, &raw));
	ck_assert_uint_eq(inh.n, 1);
	ck_assert_str_eq(inh.v[0], "各县（区）人民政府");
	ck_assert_str_eq(raw, "以下各项工作均需各县（区）人民政府落实，不再列出");
	assignment_clear(&a);
	strvec_free(&inh);
	free(raw);
}
END_TEST

START_TEST(comma_list_before_joint_clause)
{
	struct assignment a = {0};
	ck_assert(resp_parse("县住房和城乡建设局,城市管理局按职责分工负责", &a, NULL, NULL));
	ck_assert_uint_eq(a.lead.n, 2);
	ck_assert_str_eq(a.lead.v[0], "县住房和城乡建设局");
	ck_assert_str_eq(a.lead.v[1], "县城市管理局");
	ck_assert_str_eq(a.lead_mode, "joint(按职责分工负责)");
	assignment_clear(&a);
}
END_TEST

static Suite *
shapes_suite(void)
{
	Suite *s = suite_create("plan_shapes");
	TCase *tc = tcase_create("shapes");
	tcase_add_test(tc, unit_names_that_read_as_names);
	tcase_add_test(tc, suspicious_unit_names);
	tcase_add_test(tc, portal_chrome_lines);
	tcase_add_test(tc, portal_metadata_block);
	tcase_add_test(tc, html_leftovers_stripped);
	tcase_add_test(tc, traditional_folded_and_restored);
	tcase_add_test(tc, sentence_responsibility);
	tcase_add_test(tc, inherited_clause_without_fuze);
	tcase_add_test(tc, comma_list_before_joint_clause);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(shapes_suite)
