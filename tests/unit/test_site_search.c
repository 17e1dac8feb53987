/*
 * test_site_search.c -- the offline search index (site_search_index.c):
 * the bigram tokenizer on mixed Chinese, Latin/digit tokens (PM2.5,
 * full-width forms) and punctuation, in index and query mode; the posting
 * encoding (title flag, capped counts); JSON escaping of hostile strings
 * (</script>, quotes, controls, U+2028/2029, invalid UTF-8); byte-identical
 * output whatever the insertion order of tokens, sorted terms; and the
 * search page kind (site_search.c) on a small publication: the documents
 * it indexes, their URLs, registry names found from printed ones, the
 * hostile title escaped, the deps, and the same bytes on a second run.
 */
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "lt_test.h"
#include "site.h"
#include "site_search_index.h"
#include "util.h"

/* Tokens joined with '|', for readable expectations. */
static void
collect(const char *tok, size_t len, void *arg)
{
	struct buf *b = arg;
	if (b->len)
		buf_putc(b, '|');
	buf_put(b, tok, len);
}

static char *
toks(const char *s, enum search_tok_mode mode)
{
	struct buf b = {0};
	search_tokens(s, mode, collect, &b);
	return b.data ? buf_detach(&b) : xstrdup("");
}

#define TOKS_EQ(s, mode, want)                                       \
	do {                                                         \
		char *got_ = toks(s, mode);                          \
		ck_assert_str_eq(got_, want);                        \
		free(got_);                                          \
	} while (0)

START_TEST(test_query_bigrams)
{
	TOKS_EQ("生态环境局", SEARCH_TOK_QUERY, "生态|态环|环境|境局");
	/* Punctuation and spaces break runs: no pair spans them. */
	TOKS_EQ("县发展改革委、生态环境局", SEARCH_TOK_QUERY,
	    "县发|发展|展改|改革|革委|生态|态环|环境|境局");
	TOKS_EQ("蓝天 保卫", SEARCH_TOK_QUERY, "蓝天|保卫");
	/* A one-character run is looked up by the character. */
	TOKS_EQ("县", SEARCH_TOK_QUERY, "县");
	TOKS_EQ("煤，气", SEARCH_TOK_QUERY, "煤|气");
	TOKS_EQ("", SEARCH_TOK_QUERY, "");
	TOKS_EQ("，。！ ", SEARCH_TOK_QUERY, "");
}
END_TEST

START_TEST(test_index_unigrams_and_pairs)
{
	TOKS_EQ("蓝天", SEARCH_TOK_INDEX, "蓝|天|蓝天");
	TOKS_EQ("淘汰落后", SEARCH_TOK_INDEX, "淘|汰|淘汰|落|汰落|后|落后");
	TOKS_EQ("县", SEARCH_TOK_INDEX, "县");
}
END_TEST

START_TEST(test_latin_tokens)
{
	/* Mixed: Latin/digit runs are their own tokens, lower-cased; the
	 * decimal point joins digits only. */
	TOKS_EQ("PM2.5浓度", SEARCH_TOK_QUERY, "pm2.5|浓度");
	TOKS_EQ("涉VOCs“绿岛”项目", SEARCH_TOK_QUERY, "涉|vocs|绿岛|项目");
	TOKS_EQ("2024年5月底前", SEARCH_TOK_QUERY, "2024|年|5|月底|底前");
	TOKS_EQ("end. 3.x 1.2.3", SEARCH_TOK_QUERY, "end|3|x|1.2.3");
	TOKS_EQ("O3-8h", SEARCH_TOK_QUERY, "o3|8h");
	/* Full-width forms fold to ASCII. */
	TOKS_EQ("ＰＭ２．５", SEARCH_TOK_QUERY, "pm2.5");
	TOKS_EQ("ＰＭ2.5与PM10", SEARCH_TOK_INDEX, "pm2.5|与|pm10");
	/* Over-long runs are cut, not dropped. */
	char *got = toks("abcdefghijklmnopqrstuvwxyz0123456789xyz", SEARCH_TOK_QUERY);
	ck_assert_uint_eq(strlen(got), SEARCH_LATIN_MAX);
	ck_assert(strncmp(got, "abcdefghijklmnopqrstuvwxyz012345", SEARCH_LATIN_MAX) == 0);
	free(got);
}
END_TEST

START_TEST(test_markup_is_not_special)
{
	/* The tokenizer sees markup as punctuation; it never emits '<'. */
	TOKS_EQ("<script>alert(1)</script>", SEARCH_TOK_QUERY,
	    "script|alert|1|script");
	/* Invalid UTF-8 separates, never crashes. */
	TOKS_EQ("蓝\xff天", SEARCH_TOK_QUERY, "蓝|天");
	TOKS_EQ("蓝\xe8\x93", SEARCH_TOK_QUERY, "蓝");
}
END_TEST

static char *
json(const char *s)
{
	struct buf b = {0};
	search_json_string(&b, s);
	return buf_detach(&b);
}

START_TEST(test_json_escaping)
{
	char *j;
	j = json("</script><!--\"&'\\");
	ck_assert_str_eq(j, "\"\\u003c/script\\u003e\\u003c!--\\\"\\u0026'\\\\\"");
	free(j);
	j = json("a\nb\tc\x01\x7f");
	ck_assert_str_eq(j, "\"a\\nb\\tc\\u0001\\u007f\"");
	free(j);
	j = json("行\xe2\x80\xa8分\xe2\x80\xa9段");
	ck_assert_str_eq(j, "\"行\\u2028分\\u2029段\"");
	free(j);
	j = json("坏\xff字节");
	ck_assert_str_eq(j, "\"坏\\ufffd字节\"");
	free(j);
	j = json("\"><img src=x onerror=alert(1)>");
	ck_assert_ptr_null(strchr(j + 1, '<'));
	ck_assert_ptr_null(strchr(j, '>'));
	free(j);
}
END_TEST

static char *
index_js(struct search_index *ix)
{
	struct buf b = {0};
	search_index_write_js(ix, &b);
	search_index_free(ix);
	return buf_detach(&b);
}

START_TEST(test_postings_encoding)
{
	struct search_index *ix = search_index_new();
	ck_assert_uint_eq(search_index_add(ix, SEARCH_PLAN, "plans/a/index.html",
	    "蓝天方案", "南召县", "蓝天蓝天"), 0);
	ck_assert_uint_eq(search_index_add(ix, SEARCH_TASK, "plans/a/tasks/1.html",
	    "淘汰锅炉", "蓝天方案", "淘汰淘汰淘汰淘汰淘汰淘汰淘汰淘汰淘汰 蓝天"), 1);
	ck_assert_uint_eq(search_index_ndocs(ix), 2);
	char *js = index_js(ix);
	/* 蓝天: doc 0 in title, 3 times -> 0*16+8+3; doc 1 once -> 16+1. */
	ck_assert_ptr_nonnull(strstr(js, "\n\"蓝天\":[11,17]"));
	/* 淘汰: doc 1, title + 9 in body, count capped at 7 -> 16+8+7. */
	ck_assert_ptr_nonnull(strstr(js, "\n\"淘汰\":[31]"));
	ck_assert_ptr_nonnull(strstr(js,
	    "[0,\"plans/a/index.html\",\"蓝天方案\",\"南召县\"]"));
	ck_assert(str_starts(strstr(js, "window.LANTIAN_SEARCH="),
	    "window.LANTIAN_SEARCH={\"v\":2,\"docs\":["));
	ck_assert(str_ends(js, "};\n"));
	free(js);
}
END_TEST

/* Postings after the first hold the gap from the previous document; a
 * document inside another names it (its parent) as a fifth field. */
START_TEST(test_postings_gaps_and_parent)
{
	struct search_index *ix = search_index_new();
	size_t plan = search_index_add(ix, SEARCH_PLAN, "p.html", "方案", "", "");
	search_index_add_in(ix, SEARCH_TASK, plan, "t1.html", "煤炭", "第 1 项", "");
	search_index_add_in(ix, SEARCH_TASK, plan, "t2.html", "扬尘", "第 2 项", "");
	search_index_add_in(ix, SEARCH_TASK, plan, "t3.html", "扬尘", "第 3 项", "");
	search_index_add_in(ix, SEARCH_TASK, 99, "t4.html", "扬尘", "", "煤炭");
	ck_assert_uint_eq(search_index_npostings(ix), 3 + 3 + 3 + 3 + 6);
	char *js = index_js(ix);
	/* 扬尘: docs 2, 3 (title, once) and 4 (title) -> 2*16+9, 16+9, 16+9. */
	ck_assert_ptr_nonnull(strstr(js, "\n\"扬尘\":[41,25,25]"));
	/* 煤炭: doc 1 (title) and doc 4 (body): 16+9, 3*16+1. */
	ck_assert_ptr_nonnull(strstr(js, "\n\"煤炭\":[25,49]"));
	ck_assert_ptr_nonnull(strstr(js, "[1,\"t1.html\",\"煤炭\",\"第 1 项\",0]"));
	/* A parent that is not an earlier document is dropped. */
	ck_assert_ptr_nonnull(strstr(js, "[1,\"t4.html\",\"扬尘\",\"\"]"));
	free(js);
}
END_TEST

/* Terms come out sorted by bytes, whatever order they were first met in. */
START_TEST(test_determinism)
{
	struct search_index *a = search_index_new(), *b = search_index_new();
	search_index_add(a, SEARCH_TASK, "x.html", "乙甲 b a", NULL, "丙 PM10 pm2.5");
	search_index_add(b, SEARCH_TASK, "x.html", "乙甲 b a", NULL, "丙 PM10 pm2.5");
	char *ja = index_js(a), *jb = index_js(b);
	ck_assert_str_eq(ja, jb);
	const char *order[] = {"\"a\"", "\"b\"", "\"pm10\"", "\"pm2.5\"", "\"丙\"",
	    "\"乙\"", "\"乙甲\"", "\"甲\""};
	const char *prev = ja;
	for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
		const char *at = strstr(ja, order[i]);
		ck_assert_msg(at && at > prev, "term %s out of order", order[i]);
		prev = at;
	}
	free(ja);
	free(jb);
}
END_TEST

START_TEST(test_hostile_document)
{
	struct search_index *ix = search_index_new();
	search_index_add(ix, SEARCH_TASK, "plans/a/tasks/1.html",
	    "<script>alert(1)</script>\"><img src=x onerror=alert(1)>",
	    "方案\xe2\x80\xa8", "</script>");
	char *js = index_js(ix);
	ck_assert_ptr_null(strstr(js, "</"));
	ck_assert_ptr_null(strchr(js, '<'));
	ck_assert_ptr_null(strstr(js, "\xe2\x80\xa8"));
	ck_assert_ptr_nonnull(strstr(js, "\\u003cscript\\u003e"));
	free(js);
}
END_TEST

/* ---- the page kind, on a publication of one plan ------------------------ */

static const char PLAN_XML[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<plan xmlns=\"urn:lantian:plan:1\" id=\"demo\" source=\"plans/demo/plan.txt\" format=\"text\" lines=\"9\">\n"
" <meta><title>示范县2024年蓝天保卫战实施方案</title><place>示范县</place><parent>示范市</parent><year>2024</year></meta>\n"
" <section n=\"一\" kind=\"tasks\" line=\"2\"><title>主要任务</title>\n"
"  <subsection n=\"（一）\" line=\"3\"><title>产业</title>\n"
"   <task id=\"t1\" number=\"1\" ordinal=\"1\" line-start=\"4\" line-end=\"4\"><title>淘汰落后产能</title>\n"
"    <text><p>依法依规淘汰落后产能，PM2.5浓度下降。（县生态环境局牵头）</p></text>\n"
"    <units><unit role=\"lead\" ref=\"u000000000001\">县生态环境局</unit></units></task>\n"
"  </subsection>\n"
"  <task id=\"t2\" number=\"2\" ordinal=\"2\" line-start=\"6\" line-end=\"6\">"
"<title>&lt;script&gt;alert(1)&lt;/script&gt;\"&gt;&lt;img src=x onerror=alert(1)&gt;</title>\n"
"    <text><p>扬尘治理</p></text></task>\n"
" </section>\n"
"</plan>\n";

static const char UNITS_XML[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<units xmlns=\"urn:lantian:units:1\" count=\"1\">\n"
" <unit id=\"u000000000001\"><name>示范县生态环境局</name><printed>县生态环境局</printed>\n"
"  <counts lead=\"1\" cooperating=\"0\" responsible=\"0\" participating=\"0\" inherited=\"0\"/>\n"
"  <ref plan=\"demo\" task=\"1\" ordinal=\"1\" role=\"lead\">淘汰落后产能</ref></unit>\n"
"</units>\n";

static char pubdir[] = "/tmp/test_site_search.XXXXXX";

static void
pub_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(pubdir));
	char *d = xasprintf("%s/output/xml", pubdir);
	ck_assert_int_eq(fs_mkdir_p(d), 0);
	char *f = xasprintf("%s/demo.xml", d);
	ck_assert_int_eq(fs_write_atomic(f, PLAN_XML, strlen(PLAN_XML)), 0);
	free(f);
	f = xasprintf("%s/units.xml", d);
	ck_assert_int_eq(fs_write_atomic(f, UNITS_XML, strlen(UNITS_XML)), 0);
	free(f);
	free(d);
	char *t = xasprintf("%s/templates", pubdir);
	char *src = xstrdup(lt_path("templates"));
	if (src[0] != '/') {
		char cwd[4096];
		ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
		char *abs = xasprintf("%s/%s", cwd, src);
		free(src);
		src = abs;
	}
	ck_assert_int_eq(symlink(src, t), 0);
	free(src);
	free(t);
}

static void
pub_teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", pubdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	strcpy(pubdir, "/tmp/test_site_search.XXXXXX");
}

static const struct site_page *
find_page(const struct site_pages *ps, const char *path)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].path, path) == 0)
			return &ps->v[i];
	return NULL;
}

/* Render path of a freshly opened site over pubdir. */
static char *
render(const char *path)
{
	struct diag_list dl = {0};
	struct site *s = site_open(pubdir, NULL, &dl);
	if (!s)
		diag_print(&dl, stderr);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	const struct site_page *pg = find_page(&ps, path);
	ck_assert_msg(pg != NULL, "no page %s", path);
	struct buf out = {0};
	int ok = pg->render(s, pg, &out, &dl);
	if (!ok)
		diag_print(&dl, stderr);
	ck_assert(ok);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
	return out.data ? buf_detach(&out) : xstrdup("");
}

START_TEST(test_pages_and_deps)
{
	struct diag_list dl = {0};
	struct site *s = site_open(pubdir, NULL, &dl);
	ck_assert_ptr_nonnull(s);
	struct site_pages ps = {0};
	ck_assert(site_enumerate(s, &ps, &dl));
	const struct site_page *ix = find_page(&ps, "assets/search-index.js");
	const struct site_page *pg = find_page(&ps, "search.html");
	const struct site_page *js = find_page(&ps, "assets/search.js");
	ck_assert(ix && pg && js);
	ck_assert_uint_eq(ix->n_deps, 2);
	ck_assert_str_eq(ix->deps[0], "output/xml/demo.xml");
	ck_assert_str_eq(ix->deps[1], "output/xml/units.xml");
	ck_assert_uint_eq(pg->n_deps, 2);
	ck_assert(js->copy);
	ck_assert_str_eq(js->deps[0], "templates/site/assets/search.js");
	site_pages_free(&ps);
	site_close(s);
	diag_free(&dl);
}
END_TEST

START_TEST(test_index_of_publication)
{
	char *js = render("assets/search-index.js");
	ck_assert_ptr_nonnull(strstr(js,
	    "[0,\"plans/demo/index.html\",\"示范县2024年蓝天保卫战实施方案\",\"示范县 · 2024年\"]"));
	/* Tasks nested at any depth, in document order, naming their plan. */
	ck_assert_ptr_nonnull(strstr(js,
	    "[1,\"plans/demo/tasks/1.html\",\"淘汰落后产能\",\"第 1 项\",0]"));
	ck_assert_ptr_nonnull(strstr(js, "[1,\"plans/demo/tasks/2.html\",\"\\u003cscript"));
	ck_assert_ptr_nonnull(strstr(js,
	    "[2,\"units/u000000000001.html\",\"示范县生态环境局\",\"涉及 1 项任务\"]"));
	ck_assert_ptr_null(strchr(js, '<'));
	/* The registry name reaches task 1 (doc 1), which prints only
	 * 县生态环境局: 示范 is in doc 0 (title, place, parent: 8+3), doc 1
	 * (body once: gap 1, 16+1) and doc 3 (title: gap 2, 32+8+1). */
	ck_assert_ptr_nonnull(strstr(js, "\n\"示范\":[11,17,41]"));
	ck_assert_ptr_nonnull(strstr(js, "\n\"pm2.5\":[17]"));
	/* Same inputs, same bytes. */
	char *again = render("assets/search-index.js");
	ck_assert_str_eq(js, again);
	free(again);
	free(js);
}
END_TEST

START_TEST(test_search_page)
{
	char *html = render("search.html");
	ck_assert(str_starts(html, "<!DOCTYPE html>"));
	ck_assert_ptr_nonnull(strstr(html, "在1个实施方案、2项任务和1个责任单位中查找"));
	ck_assert_ptr_nonnull(strstr(html, "<label for=\"search-q\">"));
	ck_assert_ptr_nonnull(strstr(html, "id=\"search-results\""));
	ck_assert_ptr_nonnull(strstr(html, "<script src=\"assets/search-index.js\"></script>"));
	ck_assert_ptr_nonnull(strstr(html, "<script src=\"assets/search.js\"></script>"));
	free(html);
}
END_TEST

static Suite *
site_search_suite(void)
{
	Suite *s = suite_create("site_search");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_query_bigrams);
	tcase_add_test(tc, test_index_unigrams_and_pairs);
	tcase_add_test(tc, test_latin_tokens);
	tcase_add_test(tc, test_markup_is_not_special);
	tcase_add_test(tc, test_json_escaping);
	tcase_add_test(tc, test_postings_encoding);
	tcase_add_test(tc, test_postings_gaps_and_parent);
	tcase_add_test(tc, test_determinism);
	tcase_add_test(tc, test_hostile_document);
	suite_add_tcase(s, tc);
	TCase *pub = tcase_create("publication");
	tcase_add_checked_fixture(pub, pub_setup, pub_teardown);
	tcase_add_test(pub, test_pages_and_deps);
	tcase_add_test(pub, test_index_of_publication);
	tcase_add_test(pub, test_search_page);
	suite_add_tcase(s, pub);
	return s;
}

LT_TEST_MAIN(site_search_suite)
