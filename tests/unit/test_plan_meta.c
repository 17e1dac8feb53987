/*
 * test_plan_meta.c -- plan.conf reading (generator/plan/plan_meta.h): the
 * shipped files, and one case for every kind of bad line, each checked for
 * its file:line.
 */
#include "lt_test.h"

#include "plan_meta.h"

#include <string.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/lt-meta-XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void
teardown(void)
{
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(tmpdir, "/tmp/lt-meta-XXXXXX");
}

/* Write text to <tmpdir>/plan.conf and return its path (static). */
static const char *
conf(const char *text, size_t len)
{
	static char path[300];
	snprintf(path, sizeof path, "%s/plan.conf", tmpdir);
	FILE *fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	fwrite(text, 1, len, fp);
	fclose(fp);
	return path;
}

#define CONF(s) conf(s, sizeof s - 1)

static const char good[] =
    "# comment\n"
    "id = nanzhao-2024\n"
    "source = plan.txt   # trailing comment\n"
    "\n"
    "place = 南召县\n"
    "level = 县\n"
    "parent = 南阳市\n"
    "stations = 南阳市\n"
    "stations = 南召县\n";

START_TEST(good_file)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	const char *path = CONF(good);
	ck_assert_int_eq(plan_meta_load(path, "folder", &m, &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_str_eq(m.path, path);
	ck_assert_str_eq(m.id, "nanzhao-2024");
	ck_assert_str_eq(m.source, "plan.txt");
	ck_assert_str_eq(m.place, "南召县");
	ck_assert_str_eq(m.level, "县");
	ck_assert_str_eq(m.parent, "南阳市");
	ck_assert_uint_eq(m.stations.n, 2);
	ck_assert_str_eq(m.stations.v[0], "南阳市");
	ck_assert_str_eq(m.stations.v[1], "南召县");
	plan_meta_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(shipped_files)
{
	static const char *const ids[] = { "boai-2023", "nanyang-2024-2025",
	    "nanzhao-2024", "xiaye-2023", "xiping-2025" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		char rel[128];
		snprintf(rel, sizeof rel, "plans/%s/plan.conf", ids[i]);
		struct plan_meta m = {0};
		struct diag_list dl = {0};
		ck_assert_int_eq(plan_meta_load(lt_path(rel), ids[i], &m, &dl), 1);
		ck_assert_uint_eq(dl.n, 0);
		/* No id key: the folder name is the id. */
		ck_assert_str_eq(m.id, ids[i]);
		ck_assert_str_eq(m.source, "plan.txt");
		ck_assert_ptr_nonnull(m.place);
		ck_assert_ptr_nonnull(m.level);
		plan_meta_free(&m);
		diag_free(&dl);
	}
}
END_TEST

START_TEST(bom_crlf_fullwidth_space)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	const char *path = CONF("\xef\xbb\xbfsource = plan.txt\r\n"
	    "place = \xe3\x80\x80西平县\r\nlevel=县\r\n");
	ck_assert_int_eq(plan_meta_load(path, "xiping-2025", &m, &dl), 1);
	ck_assert_str_eq(m.source, "plan.txt");
	ck_assert_str_eq(m.place, "西平县");
	ck_assert_str_eq(m.level, "县");
	ck_assert_str_eq(m.id, "xiping-2025");
	plan_meta_free(&m);
	diag_free(&dl);
}
END_TEST

/* Load text; expect failure with exactly one error at `line` whose
 * message contains `needle`. */
static void
expect_error(const char *text, size_t len, const char *default_id,
    size_t line, const char *needle)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	const char *path = conf(text, len);
	ck_assert_int_eq(plan_meta_load(path, default_id, &m, &dl), 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	const struct diag *d = NULL;
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR)
			d = &dl.v[i];
	ck_assert_str_eq(d->file, path);
	ck_assert_uint_eq(d->line, line);
	ck_assert_msg(strstr(d->msg, needle), "'%s' lacks '%s'", d->msg, needle);
	plan_meta_free(&m);
	diag_free(&dl);
}

#define BAD(s, id, line, needle) expect_error(s, sizeof s - 1, id, line, needle)
#define HEAD "source = plan.txt\nplace = 南召县\nlevel = 县\n"

START_TEST(bad_lines)
{
	BAD(HEAD "colour = blue\n", "p", 4, "unknown key");
	BAD(HEAD "just words\n", "p", 4, "key = value");
	BAD(HEAD "= value\n", "p", 4, "missing key");
	BAD(HEAD "parent =\n", "p", 4, "empty value");
	BAD(HEAD "place = 南阳市\n", "p", 4, "duplicate key");
	BAD("source = plan.txt\nplace = 南召县\nlevel = 村\n", "p", 3, "bad level");
	BAD(HEAD "id = Nanzhao\n", "p", 4, "bad id");
	BAD(HEAD "id = -x\n", "p", 4, "bad id");
	BAD(HEAD "id = a/b\n", "p", 4, "bad id");
	BAD(HEAD "id = ../etc\n", "p", 4, "bad id");
	BAD("source = /etc/passwd\nplace = 南召县\nlevel = 县\n", "p", 1,
	    "escapes");
	BAD("source = ../other/plan.txt\nplace = 南召县\nlevel = 县\n", "p", 1,
	    "escapes");
	BAD("source = a/../../x\nplace = 南召县\nlevel = 县\n", "p", 1,
	    "escapes");
	BAD("place = 南召县\nlevel = 县\n", "p", 0, "'source'");
	BAD("source = plan.txt\nlevel = 县\n", "p", 0, "'place'");
	BAD(HEAD, "Bad Folder", 0, "folder name");
	BAD(HEAD "parent = \xff\xfe\n", "p", 4, "UTF-8");
	BAD(HEAD "parent = a\0b\n", "p", 4, "UTF-8");
}
END_TEST

START_TEST(errors_all_reported)
{
	/* Reading goes on after an error: each bad line is named. */
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	const char *path = CONF("colour = blue\nsource = /x\nlevel = 村\n"
	    "place = 南召县\nplace = 南阳市\n");
	ck_assert_int_eq(plan_meta_load(path, "p", &m, &dl), 0);
	/* A bad source or level is not reported as missing too. */
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 4);
	ck_assert_uint_eq(dl.v[0].line, 1);
	ck_assert_uint_eq(dl.v[1].line, 2);
	ck_assert_uint_eq(dl.v[2].line, 3);
	ck_assert_uint_eq(dl.v[3].line, 5);
	plan_meta_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(missing_file)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	char path[300];
	snprintf(path, sizeof path, "%s/nope.conf", tmpdir);
	ck_assert_int_eq(plan_meta_load(path, "p", &m, &dl), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, path);
	plan_meta_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(repeated_station_warns)
{
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	const char *path = CONF(HEAD "stations = 南阳市\nstations = 南阳市\n");
	ck_assert_int_eq(plan_meta_load(path, "p", &m, &dl), 1);
	ck_assert_uint_eq(m.stations.n, 1);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 1);
	ck_assert_uint_eq(dl.v[0].line, 5);
	plan_meta_free(&m);
	diag_free(&dl);
}
END_TEST

START_TEST(id_limits)
{
	/* 64 characters is the longest id; 65 is refused. */
	char text[400];
	char id[70];
	memset(id, 'a', 64);
	id[64] = '\0';
	snprintf(text, sizeof text, HEAD "id = %s\n", id);
	struct plan_meta m = {0};
	struct diag_list dl = {0};
	ck_assert_int_eq(plan_meta_load(conf(text, strlen(text)), "p", &m, &dl), 1);
	plan_meta_free(&m);
	diag_free(&dl);
	snprintf(text, sizeof text, HEAD "id = %sa\n", id);
	expect_error(text, strlen(text), "p", 4, "bad id");
}
END_TEST

static Suite *
plan_meta_suite(void)
{
	Suite *s = suite_create("plan_meta");
	TCase *tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, good_file);
	tcase_add_test(tc, shipped_files);
	tcase_add_test(tc, bom_crlf_fullwidth_space);
	tcase_add_test(tc, bad_lines);
	tcase_add_test(tc, errors_all_reported);
	tcase_add_test(tc, missing_file);
	tcase_add_test(tc, repeated_station_warns);
	tcase_add_test(tc, id_limits);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(plan_meta_suite)
