/*
 * test_fsutil.c -- atomic and durable writes (the old content survives
 * a failed write, no temp file is left), mkdir -p, and the path checks that keep
 * ids and plan sources inside their trees (generator/util/fsutil.h).
 */
#include "lt_test.h"

#include "buf.h"
#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/lt-fs-XXXXXX";

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
	strcpy(tmpdir, "/tmp/lt-fs-XXXXXX");
}

static char *
tpath(const char *rel)
{
	static char p[2][300];
	static int k;
	k ^= 1;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, rel);
	return p[k];
}

static void
assert_content(const char *path, const char *want)
{
	struct buf b = {0};
	ck_assert_int_eq(fs_read_file(path, &b), 0);
	ck_assert_uint_eq(b.len, strlen(want));
	ck_assert_str_eq(b.data, want);
	buf_free(&b);
}

static size_t
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	ck_assert_ptr_nonnull(d);
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

START_TEST(write_replaces)
{
	const char *p = tpath("out.xml");
	ck_assert_int_eq(fs_write_atomic(p, "one\n", 4), 0);
	assert_content(p, "one\n");
	struct stat a, b;
	ck_assert_int_eq(stat(p, &a), 0);
	ck_assert_int_eq(fs_write_atomic(p, "two!\n", 5), 0);
	assert_content(p, "two!\n");
	ck_assert_int_eq(stat(p, &b), 0);
	/* A new file was renamed over the old one. */
	ck_assert_uint_ne(a.st_ino, b.st_ino);
	ck_assert_uint_eq(count_entries(tmpdir), 1);
	mode_t mask = umask(022);
	umask(mask);
	ck_assert_int_eq(b.st_mode & 0777, 0666 & ~mask);
}
END_TEST

START_TEST(failed_write_keeps_old)
{
	const char *p = tpath("out.json");
	ck_assert_int_eq(fs_write_atomic(p, "good\n", 5), 0);
	/* Make the write itself fail half way: a file size limit. */
	struct rlimit old, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	size_t n = 100000;
	char *big = malloc(n);
	memset(big, 'x', n);
	int rc = fs_write_atomic(p, big, n);
	int e = errno;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	free(big);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(e, EFBIG);
	assert_content(p, "good\n");
	ck_assert_uint_eq(count_entries(tmpdir), 1);   /* no temp file left */
}
END_TEST

START_TEST(write_into_missing_dir_fails)
{
	const char *p = tpath("no/such/dir/out.xml");
	ck_assert_int_eq(fs_write_atomic(p, "x", 1), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(count_entries(tmpdir), 0);
}
END_TEST

START_TEST(durable_write_as_atomic)
{
	/* fs_write_durable is fs_write_atomic plus the syncs: the same
	 * replace, mode, clean failure and no temp file. */
	const char *p = tpath("state");
	struct stat a, b;
	ck_assert_int_eq(fs_write_durable(p, "one\n", 4), 0);
	ck_assert_int_eq(stat(p, &a), 0);
	ck_assert_int_eq(fs_write_durable(p, "two!\n", 5), 0);
	assert_content(p, "two!\n");
	ck_assert_int_eq(stat(p, &b), 0);
	ck_assert_uint_ne(a.st_ino, b.st_ino);
	mode_t mask = umask(022);
	umask(mask);
	ck_assert_int_eq(b.st_mode & 0777, 0666 & ~mask);
	ck_assert_uint_eq(count_entries(tmpdir), 1);
	ck_assert_int_eq(fs_write_durable(tpath("no/dir/x.pdf"), "x", 1), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_uint_eq(count_entries(tmpdir), 1);
}
END_TEST

START_TEST(durable_failed_write_keeps_old)
{
	const char *p = tpath("bulletin.pdf");
	ck_assert_int_eq(fs_write_durable(p, "good\n", 5), 0);
	struct rlimit old, lim;
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 4096;
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &lim), 0);
	size_t n = 100000;
	char *big = malloc(n);
	memset(big, 'x', n);
	int rc = fs_write_durable(p, big, n);
	int e = errno;
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	free(big);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(e, EFBIG);
	assert_content(p, "good\n");
	ck_assert_uint_eq(count_entries(tmpdir), 1);
}
END_TEST

START_TEST(empty_write)
{
	const char *p = tpath("empty");
	ck_assert_int_eq(fs_write_atomic(p, NULL, 0), 0);
	assert_content(p, "");
}
END_TEST

START_TEST(mkdir_p)
{
	ck_assert_int_eq(fs_mkdir_p(tpath("a/b/c")), 0);
	struct stat st;
	ck_assert_int_eq(stat(tpath("a/b/c"), &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	ck_assert_int_eq(fs_mkdir_p(tpath("a/b/c")), 0);   /* exists: fine */
	ck_assert_int_eq(fs_mkdir_p(tpath("a/b/c/")), 0);
	ck_assert_int_eq(fs_write_atomic(tpath("a/file"), "x", 1), 0);
	ck_assert_int_eq(fs_mkdir_p(tpath("a/file")), -1);
	ck_assert_int_eq(errno, ENOTDIR);
	ck_assert_int_eq(fs_mkdir_p(tpath("a/file/sub")), -1);
	ck_assert_int_eq(fs_mkdir_p(""), -1);
}
END_TEST

START_TEST(read_missing)
{
	struct buf b = {0};
	ck_assert_int_eq(fs_read_file(tpath("nope"), &b), -1);
	ck_assert_int_eq(errno, ENOENT);
	buf_free(&b);
}
END_TEST

START_TEST(valid_ids)
{
	static const char *const good[] = { "a", "0", "nanzhao-2024",
	    "nanyang-2024-2025", "a-", "9-9" };
	static const char *const bad[] = { "", "-a", "A", "nanZhao",
	    "a_b", "a.b", "a/b", "..", ".", "a b", "南召", "a\n" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(fs_valid_id(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!fs_valid_id(bad[i]), "%s", bad[i]);
	char id[80];
	memset(id, 'a', 64);
	id[64] = '\0';
	ck_assert(fs_valid_id(id));
	id[64] = 'a';
	id[65] = '\0';
	ck_assert(!fs_valid_id(id));
}
END_TEST

START_TEST(safe_relpaths)
{
	static const char *const good[] = { "plan.txt", "text/plan.md",
	    "a..b.txt", "...", "南召县方案.txt", "with space.txt" };
	static const char *const bad[] = { "", "/etc/passwd", "..",
	    "../x", "a/../../x", "a/..", "./plan.txt", "a/./b", "a//b",
	    "a/", "a\nb", "a\\..\\b", "\x01" };
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		ck_assert_msg(fs_safe_relpath(good[i]), "%s", good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		ck_assert_msg(!fs_safe_relpath(bad[i]), "%s", bad[i]);
}
END_TEST

static Suite *
fsutil_suite(void)
{
	Suite *s = suite_create("fsutil");
	TCase *tc = tcase_create("files");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, write_replaces);
	tcase_add_test(tc, failed_write_keeps_old);
	tcase_add_test(tc, write_into_missing_dir_fails);
	tcase_add_test(tc, durable_write_as_atomic);
	tcase_add_test(tc, durable_failed_write_keeps_old);
	tcase_add_test(tc, empty_write);
	tcase_add_test(tc, mkdir_p);
	tcase_add_test(tc, read_missing);
	suite_add_tcase(s, tc);
	tc = tcase_create("paths");
	tcase_add_test(tc, valid_ids);
	tcase_add_test(tc, safe_relpaths);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(fsutil_suite)
