/*
 * test_site.c -- the site engine and its core pages (site.c, site_xslt.c,
 * site_core.c, templates/site/): safe page paths and root prefixes; the
 * pages and dependencies found for a real plan's outputs (a copy of
 * nanzhao-2024's in tests/data/site/); a task title with markup shown as
 * text on every page that shows it; byte-identical output across two
 * runs; a stylesheet cannot read a file its page does not depend on; an
 * unsafe plan directory is refused.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "lt_test.h"
#include "site.h"
#include "util.h"

#define PLAN "nanzhao-2024"
#define PLAN_XML "output/xml/nanzhao-2024.xml"
#define MERGED "output/merged/nanzhao-2024/2024-08.xml"
#define TITLE1 "依法依规淘汰落后产能"
/* As it would be typed into a ledger or plan; in XML source, escaped. */
#define HOSTILE_XML "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"

static char root[] = "/tmp/test_site.XXXXXX";

static void
run(const char *cmd)
{
	ck_assert_msg(system(cmd) == 0, "failed: %s", cmd);
}

/* A publication root: the fixture's output/ and plans/, the repository's
 * templates/. */
static void
setup(void)
{
	strcpy(root, "/tmp/test_site.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
	char *cmd = xasprintf("cp -R '%s/tests/data/site/output' '%s/tests/data/site/plans' '%s/' && "
	    "ln -s '%s/templates' '%s/templates'", lt_srcdir(), lt_srcdir(),
	    root, lt_srcdir(), root);
	run(cmd);
	free(cmd);
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", root);
	run(cmd);
	free(cmd);
}

/* Replace every occurrence of from by to in root/rel. */
static void
replace_in(const char *rel, const char *from, const char *to)
{
	char *path = xasprintf("%s/%s", root, rel);
	struct buf in = { 0 }, out = { 0 };
	ck_assert_int_eq(fs_read_file(path, &in), 0);
	const char *p = in.data;
	for (const char *q; (q = strstr(p, from)) != NULL; p = q + strlen(from)) {
		buf_put(&out, p, (size_t)(q - p));
		buf_puts(&out, to);
	}
	buf_puts(&out, p);
	ck_assert_int_eq(fs_write_atomic(path, out.data, out.len), 0);
	buf_free(&in);
	buf_free(&out);
	free(path);
}

static int
is_core(const char *path)
{
	return !strcmp(path, "index.html") || !strcmp(path, "deadlines.html") ||
	    !strncmp(path, "plans/", 6) || !strncmp(path, "units/", 6);
}

static const struct site_page *
find_page(const struct site_pages *ps, const char *path)
{
	for (size_t i = 0; i < ps->n; i++)
		if (!strcmp(ps->v[i].path, path))
			return &ps->v[i];
	return NULL;
}

static void
render(struct site *s, const struct site_page *pg, struct buf *out)
{
	struct diag_list dl = { 0 };
	int ok = pg->render(s, pg, out, &dl);
	ck_assert_msg(ok, "%s: %s", pg->path, dl.n ? dl.v[0].msg : "?");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	diag_free(&dl);
}

static struct site *
open_site(void)
{
	struct diag_list dl = { 0 };
	struct site *s = site_open(root, NULL, &dl);
	ck_assert_msg(s != NULL, "site_open: %s", dl.n ? dl.v[0].msg : "?");
	diag_free(&dl);
	return s;
}

/* ---- paths ---------------------------------------------------------- */

START_TEST(path_ok)
{
	ck_assert(site_path_ok("index.html"));
	ck_assert(site_path_ok("plans/nanzhao-2024/tasks/12.html"));
	ck_assert(site_path_ok("assets/style.css"));
	ck_assert(site_path_ok("units/u3d3aeed02504.html"));
	ck_assert(!site_path_ok(""));
	ck_assert(!site_path_ok(NULL));
	ck_assert(!site_path_ok("/etc/passwd"));
	ck_assert(!site_path_ok("../index.html"));
	ck_assert(!site_path_ok("plans/../../x.html"));
	ck_assert(!site_path_ok("plans/./x.html"));
	ck_assert(!site_path_ok("plans//x.html"));
	ck_assert(!site_path_ok("plans/"));
	ck_assert(!site_path_ok("plans/南召/index.html"));
	ck_assert(!site_path_ok("Plans/index.html"));
	ck_assert(!site_path_ok("a b.html"));
	ck_assert(!site_path_ok("a\\b.html"));
	ck_assert(!site_path_ok("a%2e%2e/b.html"));
	ck_assert(!site_path_ok(".."));
}
END_TEST

START_TEST(root_prefix)
{
	struct buf b = { 0 };
	site_root_prefix("index.html", &b);
	ck_assert_str_eq(b.data, "");
	buf_truncate(&b, 0);
	site_root_prefix("units/u1.html", &b);
	ck_assert_str_eq(b.data, "../");
	buf_truncate(&b, 0);
	site_root_prefix("plans/x/tasks/1.html", &b);
	ck_assert_str_eq(b.data, "../../../");
	buf_free(&b);
}
END_TEST

/* ---- pages and their dependencies -------------------------------------- */

static void
assert_deps(const struct site_page *pg, const char *const *want)
{
	size_t n = 0;
	while (want[n])
		n++;
	ck_assert_msg(pg->n_deps == n, "%s: %zu deps, want %zu", pg->path,
	    pg->n_deps, n);
	for (size_t i = 0; i < n; i++) {
		int found = 0;
		for (size_t j = 0; j < pg->n_deps; j++)
			found |= !strcmp(pg->deps[j], want[i]);
		ck_assert_msg(found, "%s: missing dep %s", pg->path, want[i]);
	}
}

START_TEST(enumerate_fixture)
{
	struct site *s = open_site();
	ck_assert_uint_eq(site_plan_count(s), 1);
	ck_assert_str_eq(site_plan_id(s, 0), PLAN);
	ck_assert_uint_eq(site_plan_month_count(s, 0), 2);
	ck_assert_str_eq(site_plan_latest(s, 0), MERGED);

	struct site_pages ps = { 0 };
	struct diag_list dl = { 0 };
	ck_assert(site_enumerate(s, &ps, &dl));
	for (size_t i = 1; i < ps.n; i++)
		ck_assert(strcmp(ps.v[i - 1].path, ps.v[i].path) < 0);

	/* The plan has 30 tasks (ordinals 1..30). */
	size_t tasks = 0;
	for (size_t i = 0; i < ps.n; i++)
		tasks += !strncmp(ps.v[i].path, "plans/" PLAN "/tasks/", 25);
	ck_assert_uint_eq(tasks, 30);
	ck_assert_ptr_nonnull(find_page(&ps, "plans/" PLAN "/tasks/30.html"));
	ck_assert_ptr_null(find_page(&ps, "plans/" PLAN "/tasks/31.html"));

	const char *plan_deps[] = { PLAN_XML, MERGED, NULL };
	assert_deps(find_page(&ps, "plans/" PLAN "/index.html"), plan_deps);
	assert_deps(find_page(&ps, "plans/" PLAN "/tasks/7.html"), plan_deps);
	const char *src_deps[] = { PLAN_XML, "output/source/" PLAN ".txt",
	    NULL };
	assert_deps(find_page(&ps, "plans/" PLAN "/source.html"), src_deps);
	const char *home_deps[] = { MERGED, NULL };
	assert_deps(find_page(&ps, "index.html"), home_deps);
	assert_deps(find_page(&ps, "deadlines.html"), home_deps);
	/* 县工业和信息化局 of 南召县: units.xml and the plan it works in. */
	const char *unit_deps[] = { "output/xml/units.xml", MERGED, NULL };
	assert_deps(find_page(&ps, "units/u3d3aeed02504.html"), unit_deps);
	/* A unit of another plan only: its page shows units.xml alone. */
	const char *other_deps[] = { "output/xml/units.xml", NULL };
	assert_deps(find_page(&ps, "units/u01313438bf7f.html"), other_deps);

	/* Every core page renders, as HTML5, with working relative links. */
	struct buf out = { 0 };
	for (size_t i = 0; i < ps.n; i++) {
		if (!is_core(ps.v[i].path))
			continue;
		buf_truncate(&out, 0);
		render(s, &ps.v[i], &out);
		ck_assert_msg(!strncmp(out.data, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35),
		    "%s does not start as HTML5", ps.v[i].path);
	}
	buf_truncate(&out, 0);
	render(s, find_page(&ps, "plans/" PLAN "/tasks/1.html"), &out);
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"../../../assets/style.css\""));
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"../source.html#L6\""));
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"../../../units/u3d3aeed02504.html\""));
	ck_assert_ptr_nonnull(strstr(out.data, TITLE1));
	/* History month by month, and the state as words. */
	ck_assert_ptr_nonnull(strstr(out.data, "2024年3月"));
	ck_assert_ptr_nonnull(strstr(out.data, "推进中"));
	buf_truncate(&out, 0);
	render(s, find_page(&ps, "plans/" PLAN "/source.html"), &out);
	ck_assert_ptr_nonnull(strstr(out.data, "id=\"L146\""));
	ck_assert_ptr_null(strstr(out.data, "id=\"L147\""));
	buf_free(&out);
	diag_free(&dl);
	site_pages_free(&ps);
	site_close(s);
}
END_TEST

/* ---- escaping -------------------------------------------------------- */

START_TEST(markup_is_text)
{
	replace_in(PLAN_XML, TITLE1, HOSTILE_XML);
	replace_in(MERGED, TITLE1, HOSTILE_XML);
	replace_in("output/xml/units.xml", TITLE1, HOSTILE_XML);
	replace_in("output/xml/units.xml", "县工业和信息化局", "县工信局\"><b>x</b>");
	struct site *s = open_site();
	struct site_pages ps = { 0 };
	struct diag_list dl = { 0 };
	ck_assert(site_enumerate(s, &ps, &dl));
	const char *show[] = { "plans/" PLAN "/tasks/1.html",
	    "plans/" PLAN "/index.html", "units/u3d3aeed02504.html",
	    "deadlines.html", NULL };
	struct buf out = { 0 };
	for (size_t i = 0; show[i]; i++) {
		buf_truncate(&out, 0);
		render(s, find_page(&ps, show[i]), &out);
		ck_assert_msg(strstr(out.data, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL,
		    "%s: title not shown as text", show[i]);
		ck_assert_msg(!strstr(out.data, "<script"), "%s: <script> in page", show[i]);
		ck_assert_msg(!strstr(out.data, "<img"), "%s: <img> in page", show[i]);
		ck_assert_msg(!strstr(out.data, "<b>"), "%s: <b> in page", show[i]);
	}
	buf_free(&out);
	diag_free(&dl);
	site_pages_free(&ps);
	site_close(s);
}
END_TEST

/* ---- determinism ------------------------------------------------------- */

static void
render_all(struct buf *all)
{
	struct site *s = open_site();
	struct site_pages ps = { 0 };
	struct diag_list dl = { 0 };
	ck_assert(site_enumerate(s, &ps, &dl));
	for (size_t i = 0; i < ps.n; i++) {
		if (!is_core(ps.v[i].path))
			continue;
		buf_printf(all, "== %s\n", ps.v[i].path);
		render(s, &ps.v[i], all);
	}
	diag_free(&dl);
	site_pages_free(&ps);
	site_close(s);
}

START_TEST(deterministic)
{
	struct buf a = { 0 }, b = { 0 };
	render_all(&a);
	setenv("TZ", "Asia/Shanghai", 1);
	render_all(&b);
	unsetenv("TZ");
	ck_assert_uint_gt(a.len, 100000);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(!memcmp(a.data, b.data, a.len));
	buf_free(&a);
	buf_free(&b);
}
END_TEST

/* ---- the source page ---------------------------------------------------- */

/* The source page shows the text the build accepted (output/source), never
 * the file in plans/: here that file is gone and a link to /etc/passwd
 * stands in its place, as after a refused build. */
START_TEST(source_from_accepted_text)
{
	char *raw = xasprintf("%s/plans/" PLAN "/plan.txt", root);
	ck_assert_int_eq(unlink(raw), 0);
	ck_assert_int_eq(symlink("/etc/passwd", raw), 0);
	free(raw);
	struct site *s = open_site();
	struct site_pages ps = { 0 };
	struct diag_list dl = { 0 };
	ck_assert(site_enumerate(s, &ps, &dl));
	struct buf out = { 0 };
	render(s, find_page(&ps, "plans/" PLAN "/source.html"), &out);
	ck_assert_ptr_null(strstr(out.data, "root:x:0:0"));
	/* plan.txt's lines: 146, the first of them the plan's own. */
	ck_assert_ptr_nonnull(strstr(out.data, "id=\"L146\""));
	ck_assert_ptr_nonnull(strstr(out.data, "plans/" PLAN "/plan.txt"));
	/* Without the accepted text there is no source page to make. */
	char *kept = xasprintf("%s/output/source/" PLAN ".txt", root);
	ck_assert_int_eq(unlink(kept), 0);
	free(kept);
	buf_truncate(&out, 0);
	struct diag_list err = { 0 };
	const struct site_page *pg = find_page(&ps, "plans/" PLAN "/source.html");
	ck_assert(!pg->render(s, pg, &out, &err));
	ck_assert_uint_ge(diag_count(&err, DIAG_ERROR), 1);
	diag_free(&err);
	buf_free(&out);
	diag_free(&dl);
	site_pages_free(&ps);
	site_close(s);
}
END_TEST

/* ---- what a stylesheet may read ---------------------------------------- */

START_TEST(undeclared_dep_refused)
{
	struct site *s = open_site();
	struct site_pages ps = { 0 };
	struct diag_list dl = { 0 };
	ck_assert(site_enumerate(s, &ps, &dl));
	const struct site_page *pg = find_page(&ps, "plans/" PLAN "/index.html");
	/* The same page without the merged document among its deps. */
	struct site_pages one = { 0 };
	const char *deps[] = { PLAN_XML, NULL };
	struct site_page *bad = site_pages_add(&one, pg->path, pg->arg,
	    pg->render, deps);
	struct buf out = { 0 };
	ck_assert(!bad->render(s, bad, &out, &dl));
	int said = 0;
	for (size_t i = 0; i < dl.n; i++)
		said |= strstr(dl.v[i].msg, "未声明") != NULL;
	ck_assert(said);
	buf_free(&out);
	site_pages_free(&one);
	diag_free(&dl);
	site_pages_free(&ps);
	site_close(s);
}
END_TEST

START_TEST(unsafe_plan_dir)
{
	char *bad = xasprintf("%s/output/merged/Bad_Plan", root);
	ck_assert_int_eq(fs_mkdir_p(bad), 0);
	free(bad);
	struct diag_list dl = { 0 };
	ck_assert_ptr_null(site_open(root, NULL, &dl));
	ck_assert_uint_ge(diag_count(&dl, DIAG_ERROR), 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "Bad_Plan"));
	diag_free(&dl);
}
END_TEST

START_TEST(write_all_prunes)
{
	struct site *s = open_site();
	char *stale = xasprintf("%s/" SITE_DIR "/plans/gone/index.html", root);
	char *dir = xasprintf("%s/" SITE_DIR "/plans/gone", root);
	ck_assert_int_eq(fs_mkdir_p(dir), 0);
	ck_assert_int_eq(fs_write_atomic(stale, "x", 1), 0);
	struct diag_list dl = { 0 };
	/* The other page kinds may lack their inputs in this fixture; the
	 * core pages must be written whatever they do. */
	int ok = site_write_all(s, &dl);
	char *home = xasprintf("%s/" SITE_DIR "/index.html", root);
	char *task = xasprintf("%s/" SITE_DIR "/plans/" PLAN "/tasks/30.html", root);
	char *css = xasprintf("%s/" SITE_DIR "/assets/style.css", root);
	ck_assert_int_eq(access(home, F_OK), 0);
	ck_assert_int_eq(access(task, F_OK), 0);
	ck_assert_int_eq(access(css, F_OK), 0);
	if (ok)
		ck_assert_int_ne(access(stale, F_OK), 0);
	free(home);
	free(task);
	free(css);
	free(stale);
	free(dir);
	diag_free(&dl);
	site_close(s);
}
END_TEST

static Suite *
site_suite(void)
{
	Suite *s = suite_create("site");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, path_ok);
	tcase_add_test(tc, root_prefix);
	tcase_add_test(tc, enumerate_fixture);
	tcase_add_test(tc, markup_is_text);
	tcase_add_test(tc, deterministic);
	tcase_add_test(tc, source_from_accepted_text);
	tcase_add_test(tc, undeclared_dep_refused);
	tcase_add_test(tc, unsafe_plan_dir);
	tcase_add_test(tc, write_all_prunes);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(site_suite)
