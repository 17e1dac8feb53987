/*
 * test_userfile.c -- the rule for reading a user's file (userfile.h), in
 * a temporary tree that is the working directory: links inside the tree
 * are followed, links out of it (the file itself or a folder on the way)
 * refused with the file named; a name on the command line is followed;
 * the size is refused from fstat before reading (a sparse 1 GiB file
 * costs nothing); FIFOs, devices and folders are refused without
 * blocking; the bytes read are exactly the file's.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "lt_test.h"
#include "userfile.h"
#include "util.h"

static char base[] = "/tmp/lt_userfile.XXXXXX";
static char *tree, *outside, *old_cwd;

static void
put(const char *path, const char *data)
{
	FILE *fp = fopen(path, "wb");
	ck_assert_ptr_nonnull(fp);
	fputs(data, fp);
	fclose(fp);
}

/* base/tree (the working directory) and base/outside, each with a file;
 * links: tree/in.lnk -> a.txt, tree/out.lnk -> ../outside/secret.txt,
 * tree/dir.lnk -> ../outside (a folder out of the tree). */
static void
setup(void)
{
	strcpy(base, "/tmp/lt_userfile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
	tree = xasprintf("%s/tree", base);
	outside = xasprintf("%s/outside", base);
	ck_assert_int_eq(mkdir(tree, 0777), 0);
	ck_assert_int_eq(mkdir(outside, 0777), 0);
	old_cwd = getcwd(NULL, 0);
	ck_assert_int_eq(chdir(tree), 0);
	put("a.txt", "南召县\n");
	ck_assert_int_eq(mkdir("sub", 0777), 0);
	put("sub/b.txt", "b\n");
	char *secret = xasprintf("%s/secret.txt", outside);
	put(secret, "root:x:0:0:root:/root:/bin/sh\n");
	free(secret);
	ck_assert_int_eq(symlink("a.txt", "in.lnk"), 0);
	ck_assert_int_eq(symlink("../a.txt", "sub/up.lnk"), 0);
	ck_assert_int_eq(symlink("../outside/secret.txt", "out.lnk"), 0);
	ck_assert_int_eq(symlink("../outside", "dir.lnk"), 0);
	ck_assert_int_eq(symlink("nowhere.txt", "dangling.lnk"), 0);
}

static void
teardown(void)
{
	ck_assert_int_eq(chdir(old_cwd), 0);
	char *cmd = xasprintf("rm -rf '%s'", base);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	free(tree);
	free(outside);
	free(old_cwd);
}

/* Exactly one error, naming path, with needle in it; out left empty. */
static void
refused(const char *path, size_t max, enum userfile_scope scope,
    const char *needle)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(userfile_read(path, scope, max, &b, &dl), 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_int_eq(dl.v[0].level, DIAG_ERROR);
	ck_assert_str_eq(dl.v[0].file, path);
	ck_assert_msg(strstr(dl.v[0].msg, needle) != NULL,
	    "%s: message '%s' lacks '%s'", path, dl.v[0].msg, needle);
	ck_assert_ptr_null(strstr(dl.v[0].msg, "root:x"));
	buf_free(&b);
	diag_free(&dl);
}

static void
reads(const char *path, enum userfile_scope scope, const char *want)
{
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_msg(userfile_read(path, scope, 0, &b, &dl) == 1, "%s: %s",
	    path, dl.n ? dl.v[0].msg : "?");
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_uint_eq(b.len, strlen(want));
	ck_assert_str_eq(b.data, want);
	buf_free(&b);
}

#define OUT_MSG "是指向发布目录之外的符号链接"

START_TEST(links_inside_followed)
{
	reads("a.txt", USERFILE_TREE, "南召县\n");
	reads("in.lnk", USERFILE_TREE, "南召县\n");
	reads("sub/up.lnk", USERFILE_TREE, "南召县\n");
	char *abs = xasprintf("%s/in.lnk", tree);
	reads(abs, USERFILE_TREE, "南召县\n");
	free(abs);
}
END_TEST

START_TEST(links_out_refused)
{
	refused("out.lnk", 0, USERFILE_TREE, OUT_MSG);
	/* A folder on the way out: the file itself is no link. */
	refused("dir.lnk/secret.txt", 0, USERFILE_TREE, OUT_MSG);
	/* The same named by an absolute path under the tree. */
	char *abs = xasprintf("%s/out.lnk", tree);
	refused(abs, 0, USERFILE_TREE, OUT_MSG);
	free(abs);
	/* The message says where it points. */
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(userfile_read("out.lnk", USERFILE_TREE, 0, &b, &dl), 0);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "/outside/secret.txt"));
	diag_free(&dl);
	/* userfile_open refuses the same, and leaves no descriptor. */
	struct stat st;
	int before = open("/dev/null", O_RDONLY);
	close(before);
	ck_assert_int_eq(userfile_open("out.lnk", USERFILE_TREE, 0, &st, &dl), -1);
	int after = open("/dev/null", O_RDONLY);
	ck_assert_int_eq(after, before);
	close(after);
	diag_free(&dl);
	/* By name alone: refused out, fine in, silent when missing. */
	ck_assert_int_eq(userfile_path_in_tree("out.lnk", &dl), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, OUT_MSG));
	diag_free(&dl);
	ck_assert_int_eq(userfile_path_in_tree("in.lnk", &dl), 1);
	ck_assert_int_eq(userfile_path_in_tree("missing.txt", &dl), 1);
	ck_assert_int_eq(userfile_path_in_tree("dangling.lnk", &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	buf_free(&b);
}
END_TEST

/* Named on the command line, or an absolute name outside the tree: the
 * person chose it, it is followed. */
START_TEST(named_followed)
{
	reads("out.lnk", USERFILE_NAMED, "root:x:0:0:root:/root:/bin/sh\n");
	char *abs = xasprintf("%s/secret.txt", outside);
	reads(abs, USERFILE_TREE, "root:x:0:0:root:/root:/bin/sh\n");
	free(abs);
}
END_TEST

START_TEST(size_before_reading)
{
	/* a.txt is 10 bytes: 10 passes, 9 does not. */
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(userfile_read("a.txt", USERFILE_TREE, 10, &b, &dl), 1);
	ck_assert_uint_eq(b.len, 10);
	buf_free(&b);
	refused("a.txt", 9, USERFILE_TREE, "文件过大（10 字节，上限 9 字节）");
	/* A sparse 1 GiB file against the default cap of 256 MiB: refused
	 * from fstat at once (reading it would take a while and 1 GiB). */
	int fd = open("huge.txt", O_WRONLY | O_CREAT, 0666);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(ftruncate(fd, (off_t)1 << 30), 0);
	close(fd);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	refused("huge.txt", 0, USERFILE_TREE,
	    "文件过大（1073741824 字节，上限 268435456 字节）");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ck_assert_int_lt(t1.tv_sec - t0.tv_sec, 2);
	/* The cap is what the reader asks for, linked or not. */
	refused("in.lnk", 5, USERFILE_TREE, "上限 5 字节");
}
END_TEST

START_TEST(not_regular_refused)
{
	refused("sub", 0, USERFILE_TREE, "是目录，不是文件");
	refused("sub", 0, USERFILE_NAMED, "是目录，不是文件");
	refused("missing.txt", 0, USERFILE_TREE, "无法打开文件");
	refused("dangling.lnk", 0, USERFILE_TREE, strerror(ENOENT));
	/* A FIFO with no writer: refused at once, not waited for. */
	ck_assert_int_eq(mkfifo("pipe", 0666), 0);
	refused("pipe", 0, USERFILE_TREE, "不是普通文件");
	refused("/dev/zero", 0, USERFILE_TREE, "");
}
END_TEST

/* The bytes are the file's, NULs and all, NUL-terminated after. */
START_TEST(bytes_exact)
{
	static const char data[] = "a\0b\r\n\xff";
	FILE *fp = fopen("bin", "wb");
	ck_assert_uint_eq(fwrite(data, 1, sizeof data - 1, fp), sizeof data - 1);
	fclose(fp);
	struct buf b = { 0 };
	struct diag_list dl = { 0 };
	ck_assert_int_eq(userfile_read("bin", USERFILE_TREE, 0, &b, &dl), 1);
	ck_assert_uint_eq(b.len, sizeof data - 1);
	ck_assert(!memcmp(b.data, data, b.len));
	ck_assert_int_eq(b.data[b.len], '\0');
	/* An empty file: "" (not NULL). */
	put("empty", "");
	ck_assert_int_eq(userfile_read("empty", USERFILE_TREE, 0, &b, &dl), 1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_ptr_nonnull(b.data);
	buf_free(&b);
	ck_assert_uint_eq(dl.n, 0);
}
END_TEST

static Suite *
userfile_suite(void)
{
	Suite *s = suite_create("userfile");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, links_inside_followed);
	tcase_add_test(tc, links_out_refused);
	tcase_add_test(tc, named_followed);
	tcase_add_test(tc, size_before_reading);
	tcase_add_test(tc, not_regular_refused);
	tcase_add_test(tc, bytes_exact);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(userfile_suite)
