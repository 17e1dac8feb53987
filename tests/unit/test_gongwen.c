/*
 * test_gongwen.c -- the front matter of `lantian typeset` (gongwen.h):
 * every key in Chinese and English, lists, the line numbers the body
 * keeps, and the errors. Expected values are the inputs' own text.
 */
#include <string.h>

#include "gongwen.h"
#include "lt_test.h"

static int
parse(const char *src, char **text, struct gw_front *fm,
    struct diag_list *dl)
{
	*text = strdup(src);
	return gw_front_parse("doc.md", *text, strlen(*text), fm, dl);
}

START_TEST(every_key)
{
	struct gw_front fm;
	struct diag_list dl = { 0 };
	char *t;

	ck_assert(parse("---\n版头: 甲办公室\n发文字号: 甲办〔2024〕1号\n"
	    "标题: 关于乙的通知\n主送：各县区\n附件:\n  - 清单一\n  - 清单二\n"
	    "署名: 甲办公室\n日期: 2024年3月1日\n抄送: 丙\n抄送: 丁\n"
	    "印发机关: 甲办公室秘书科\n印发日期: 2024年3月2日\n---\n正文\n",
	    &t, &fm, &dl));
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_str_eq(fm.masthead, "甲办公室");
	ck_assert_str_eq(fm.number, "甲办〔2024〕1号");
	ck_assert_str_eq(fm.title, "关于乙的通知");
	ck_assert_str_eq(fm.to, "各县区");            /* full-width colon */
	ck_assert_uint_eq(fm.attachments.n, 2);
	ck_assert_str_eq(fm.attachments.v[1], "清单二");
	ck_assert_str_eq(fm.issuer, "甲办公室");
	ck_assert_str_eq(fm.date, "2024年3月1日");
	ck_assert_uint_eq(fm.cc.n, 2);               /* a list key repeated */
	ck_assert_str_eq(fm.cc.v[0], "丙");
	ck_assert_str_eq(fm.cc.v[1], "丁");
	ck_assert_str_eq(fm.printer, "甲办公室秘书科");
	ck_assert_str_eq(fm.printed, "2024年3月2日");
	/* the front matter blanked, its 15 line ends kept, the body as is */
	const char *body = strstr(t, "正文");
	ck_assert_ptr_nonnull(body);
	size_t nl = 0;
	for (const char *p = t; p < body; p++) {
		ck_assert(*p == ' ' || *p == '\n');
		nl += *p == '\n';
	}
	ck_assert_uint_eq(nl, 15);
	gw_front_free(&fm);
	free(t);
	diag_free(&dl);
}
END_TEST

START_TEST(english_keys_and_none)
{
	struct gw_front fm;
	struct diag_list dl = { 0 };
	char *t;

	ck_assert(parse("---\nTitle: Notice\nto: 各单位\ncc:\n- 甲\n---\n",
	    &t, &fm, &dl));
	ck_assert_str_eq(fm.title, "Notice");
	ck_assert_str_eq(fm.to, "各单位");
	ck_assert_uint_eq(fm.cc.n, 1);
	gw_front_free(&fm);
	free(t);
	/* no front matter: nothing read, the text untouched */
	ck_assert(parse("# 标题\n\n---\n正文\n", &t, &fm, &dl));
	ck_assert_ptr_null(fm.title);
	ck_assert_str_eq(t, "# 标题\n\n---\n正文\n");
	gw_front_free(&fm);
	free(t);
	ck_assert_uint_eq(dl.n, 0);
	diag_free(&dl);
}
END_TEST

START_TEST(errors)
{
	struct gw_front fm;
	struct diag_list dl = { 0 };
	char *t;

	ck_assert(!parse("---\n标题: 甲\n", &t, &fm, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_uint_eq(dl.v[0].line, 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "没有结束的“---”行"));
	free(t);
	diag_free(&dl);

	ck_assert(!parse("---\n标题: 甲\n不是键值\n---\n", &t, &fm, &dl));
	ck_assert_uint_eq(dl.v[0].line, 3);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "这里是“不是键值”"));
	free(t);
	diag_free(&dl);

	ck_assert(!parse("---\n标题: 甲\n- 乙\n---\n", &t, &fm, &dl));
	ck_assert_uint_eq(dl.v[0].line, 3);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "列表键"));
	free(t);
	diag_free(&dl);

	/* an unknown key: a warning, the rest read */
	ck_assert(parse("---\n颜色: 红\n标题: 甲\n---\n", &t, &fm, &dl));
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_int_eq(dl.v[0].level, DIAG_WARNING);
	ck_assert_uint_eq(dl.v[0].line, 2);
	ck_assert_str_eq(fm.title, "甲");
	gw_front_free(&fm);
	free(t);
	diag_free(&dl);

	char big[GW_MAX_VALUE + 64];
	memset(big, 'x', sizeof big);
	memcpy(big, "---\n标题: ", strlen("---\n标题: "));
	strcpy(big + sizeof big - 10, "\n---\n");
	ck_assert(!parse(big, &t, &fm, &dl));
	ck_assert_uint_eq(dl.v[0].line, 2);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "超过"));
	free(t);
	diag_free(&dl);
}
END_TEST

static Suite *
gongwen_suite(void)
{
	Suite *s = suite_create("gongwen");
	TCase *tc = tcase_create("front");

	tcase_add_test(tc, every_key);
	tcase_add_test(tc, english_keys_and_none);
	tcase_add_test(tc, errors);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(gongwen_suite)
