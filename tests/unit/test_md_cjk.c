/*
 * test_md_cjk.c -- CJK-friendly emphasis (md_cjk.c), shared by the
 * bulletins and the site. Expected HTML by hand from the CommonMark spec
 * and the CJK-friendly amendment (markdown-it-cjk-friendly): `**` closes
 * after CJK punctuation such as 。！？」 when a CJK character or a digit
 * follows; what CommonMark already pairs is unchanged, text without CJK
 * is left as CommonMark leaves it, and escaped asterisks stay literal.
 * The site's Markdown path (sd_markdown) is checked on the same text.
 */
#include <string.h>

#include <cmark.h>
#include <libxml/tree.h>

#include "diag.h"
#include "lt_test.h"
#include "md_cjk.h"
#include "site_data.h"
#include "util.h"

/* md_parse + cmark's HTML renderer, trimmed of the final newline. */
static char *
html_of(const char *md)
{
	cmark_node *doc = md_parse(md, strlen(md), CMARK_OPT_DEFAULT);
	ck_assert_ptr_nonnull(doc);
	char *h = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	size_t n = strlen(h);
	if (n && h[n - 1] == '\n')
		h[n - 1] = '\0';
	return h;
}

static void
expect_html(const char *md, const char *want)
{
	char *h = html_of(md);
	ck_assert_msg(strcmp(h, want) == 0, "%s\n  gave %s\n  want %s", md, h,
	    want);
	free(h);
}

START_TEST(closes_after_cjk_punctuation)
{
	/* The shipped commentary's first item. */
	expect_html("1. **臭氧污染问题突出。**8月臭氧浓度为154微克/立方米。",
	    "<ol>\n<li><strong>臭氧污染问题突出。</strong>8月臭氧浓度为154微克/立方米。</li>\n</ol>");
	expect_html("**进度滞后！**各单位", "<p><strong>进度滞后！</strong>各单位</p>");
	expect_html("**为什么？**因为", "<p><strong>为什么？</strong>因为</p>");
	/* Opening before CJK punctuation after a CJK character. */
	expect_html("任务**「加强监管」**已完成",
	    "<p>任务<strong>「加强监管」</strong>已完成</p>");
	/* Two pairs in one paragraph. */
	expect_html("**一是。**甲；**二是。**乙",
	    "<p><strong>一是。</strong>甲；<strong>二是。</strong>乙</p>");
	/* With an emphasis span inside. */
	expect_html("**重点：*臭氧*。**8月",
	    "<p><strong>重点：<em>臭氧</em>。</strong>8月</p>");
	/* In a heading. */
	expect_html("# **存在问题。**概述", "<h1><strong>存在问题。</strong>概述</h1>");
}
END_TEST

START_TEST(unchanged_where_commonmark_decides)
{
	/* CommonMark pairs these itself. */
	expect_html("**粗体**文字", "<p><strong>粗体</strong>文字</p>");
	expect_html("*强调*和**加粗**", "<p><em>强调</em>和<strong>加粗</strong></p>");
	/* No CJK: literal, as CommonMark says (spec example: a**"foo"**). */
	expect_html("a**\"foo\"**b", "<p>a**&quot;foo&quot;**b</p>");
	/* Whitespace inside the delimiters: not emphasis. */
	expect_html("** 臭氧。**8月", "<p>** 臭氧。**8月</p>");
	/* A lone pair of asterisks and an unpaired one. */
	expect_html("只有**一个。", "<p>只有**一个。</p>");
	expect_html("乘号 2**3 与 ****", "<p>乘号 2**3 与 ****</p>");
	/* Escaped asterisks mean asterisks. */
	expect_html("\\*\\*臭氧。\\*\\*8月", "<p>**臭氧。**8月</p>");
	/* Code spans keep their asterisks. */
	expect_html("`**臭氧。**`8月", "<p><code>**臭氧。**</code>8月</p>");
}
END_TEST

START_TEST(site_path_uses_it)
{
	const char *md = "1. **臭氧污染问题突出。**8月臭氧";
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewNode(NULL, BAD_CAST "div");
	xmlDocSetRootElement(doc, root);
	struct diag_list dl = { 0 };
	ck_assert_int_eq(sd_markdown(md, strlen(md), 0, root, &dl), 1);
	xmlBuffer *b = xmlBufferCreate();
	xmlNodeDump(b, doc, root, 0, 0);
	const char *h = (const char *)xmlBufferContent(b);
	ck_assert_msg(strstr(h, "<strong>臭氧污染问题突出。</strong>8月臭氧") != NULL,
	    "site Markdown: %s", h);
	ck_assert_msg(strchr(h, '*') == NULL, "asterisks on the site: %s", h);
	xmlBufferFree(b);
	xmlFreeDoc(doc);
	diag_free(&dl);
}
END_TEST

static Suite *
md_cjk_suite(void)
{
	Suite *s = suite_create("md_cjk");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, closes_after_cjk_punctuation);
	tcase_add_test(tc, unchanged_where_commonmark_decides);
	tcase_add_test(tc, site_path_uses_it);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(md_cjk_suite)
