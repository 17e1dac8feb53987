/*
 * test_issue_record.c -- the record of an issued bulletin edition
 * (generator/issue_record.h): a record as lantian issue writes it reads
 * back field for field; every way a hand-edited record goes wrong is an
 * error at its line (or the file, for a missing key) and the record is
 * not trusted; the edition names; and fs_write_durable_new, which writes
 * the issued files, never replaces a file.
 */
#include "lt_test.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fsutil.h"
#include "issue_record.h"

#define H1 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define H2 "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

static const char good[] =
    "# comment\n"
    "edition = 2024-08\n"
    "kind = ytd\n"
    "correction = 1\n"
    "number = 12\n"
    "number-year = 2024\n"
    "date = 2024-09-05\n"
    "pdf = 2024-08-ytd-c1.pdf\n"
    "sha256 = " H1 "\n"
    "input = " H2 " plans/x/ledgers/2024-08.csv\n"
    "input = " H1 " plans/x/commentary/2024-08.md\n";

START_TEST(reads_every_field)
{
	struct issue_record r;
	struct diag_list dl = { 0 };
	ck_assert_int_eq(issue_record_parse("a.record", good, strlen(good),
	    "2024-08-ytd-c1", &r, &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_int_eq(r.year, 2024);
	ck_assert_int_eq(r.month, 8);
	ck_assert_int_eq(r.ytd, 1);
	ck_assert_int_eq(r.correction, 1);
	ck_assert_int_eq(r.number, 12);
	ck_assert_int_eq(r.number_year, 2024);
	ck_assert_int_eq(r.date_y, 2024);
	ck_assert_int_eq(r.date_m, 9);
	ck_assert_int_eq(r.date_d, 5);
	ck_assert_str_eq(r.pdf, "2024-08-ytd-c1.pdf");
	ck_assert_str_eq(r.pdf_hex, H1);
	/* sorted by path */
	ck_assert_uint_eq(r.n_in, 2);
	ck_assert_str_eq(r.in[0].path, "plans/x/commentary/2024-08.md");
	ck_assert_str_eq(r.in[0].hex, H1);
	ck_assert_str_eq(r.in[1].path, "plans/x/ledgers/2024-08.csv");
	char *n = issue_number_text(&r), *d = issue_date_text(&r);
	ck_assert_str_eq(n, "2024年第12期");
	ck_assert_str_eq(d, "2024年9月5日");
	free(n);
	free(d);
	issue_record_free(&r);
}
END_TEST

START_TEST(format_reads_back)
{
	struct issue_record r, r2;
	struct diag_list dl = { 0 };
	ck_assert_int_eq(issue_record_parse("a.record", good, strlen(good),
	    NULL, &r, &dl), 1);
	struct buf out = { 0 };
	issue_record_format(&r, &out);
	ck_assert_int_eq(issue_record_parse("b.record", out.data, out.len,
	    "2024-08-ytd-c1", &r2, &dl), 1);
	ck_assert_uint_eq(dl.n, 0);
	ck_assert_int_eq(r2.number, 12);
	ck_assert_str_eq(r2.pdf_hex, r.pdf_hex);
	ck_assert_uint_eq(r2.n_in, 2);
	ck_assert_str_eq(r2.in[1].path, r.in[1].path);
	/* the same text again: the writer is deterministic */
	struct buf out2 = { 0 };
	issue_record_format(&r2, &out2);
	ck_assert_str_eq(out.data, out2.data);
	buf_free(&out);
	buf_free(&out2);
	issue_record_free(&r);
	issue_record_free(&r2);
}
END_TEST

/* good with line `line` (1-based) replaced by repl (NULL: dropped). */
static char *
edited(int line, const char *repl)
{
	struct buf b = { 0 };
	const char *s = good;
	for (int l = 1; *s; l++) {
		const char *nl = strchr(s, '\n');
		if (l == line) {
			if (repl)
				buf_printf(&b, "%s\n", repl);
		} else {
			buf_put(&b, s, (size_t)(nl - s + 1));
		}
		s = nl + 1;
	}
	return buf_detach(&b);
}

/* The record edited so is refused with one error at file:line whose
 * message holds `says`. */
static void
refused(int line, const char *repl, size_t at, const char *says)
{
	char *t = edited(line, repl);
	struct issue_record r;
	struct diag_list dl = { 0 };
	ck_assert_int_eq(issue_record_parse("x.record", t, strlen(t),
	    NULL, &r, &dl), 0);
	ck_assert_uint_ge(dl.n, 1);
	ck_assert_int_eq(dl.v[0].level, DIAG_ERROR);
	ck_assert_str_eq(dl.v[0].file, "x.record");
	ck_assert_uint_eq(dl.v[0].line, at);
	ck_assert_msg(strstr(dl.v[0].msg, says), "message '%s' lacks '%s'",
	    dl.v[0].msg, says);
	ck_assert_ptr_null(r.pdf);
	ck_assert_uint_eq(r.n_in, 0);
	diag_free(&dl);
	free(t);
}

START_TEST(bad_lines_named)
{
	refused(2, "edition = 2024-13", 2, "edition");
	refused(2, "edition = 24-08", 2, "2024-08");
	refused(3, "kind = weekly", 3, "month 或 ytd");
	refused(4, "correction = -1", 4, "0 到 99");
	refused(5, "number = 0", 5, "1 到 9999");
	refused(5, "number = 007", 5, "1 到 9999");
	refused(7, "date = 2023-02-29", 7, "日期");
	refused(8, "pdf = ../2024-08.pdf", 8, "PDF 文件名");
	refused(8, "pdf = 2024-08.pdf", 8, "2024-08-ytd-c1.pdf");
	refused(9, "sha256 = " H1 "0", 9, "SHA-256");
	refused(10, "input = " H2 " ../../etc/passwd", 10, "树内相对路径");
	refused(10, "input = " H2, 10, "input =");
	refused(10, "input = " H1 " plans/x/commentary/2024-08.md", 10,
	    "不止一次");
	refused(4, "colour = red", 4, "未知的项");
	refused(4, "just words", 4, "项 = 值");
	refused(6, "number = 3", 6, "重复出现（第一次在第 5 行）");
	refused(6, "number-year = 2025", 6, "不一致");
	refused(6, NULL, 0, "number-year");
	refused(9, NULL, 0, "sha256");
}
END_TEST

START_TEST(name_must_match)
{
	struct issue_record r;
	struct diag_list dl = { 0 };
	ck_assert_int_eq(issue_record_parse("2024-08.record", good,
	    strlen(good), "2024-08", &r, &dl), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "文件名与其内容不符"));
	diag_free(&dl);
	/* a NUL byte: not a text file */
	char nul[] = "edition = 2024-08\0x";
	ck_assert_int_eq(issue_record_parse("n.record", nul, sizeof nul - 1,
	    NULL, &r, &dl), 0);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "空字符"));
	diag_free(&dl);
}
END_TEST

START_TEST(edition_names)
{
	char *s = issue_edition_name(2024, 8, 0, 0);
	ck_assert_str_eq(s, "2024-08");
	free(s);
	s = issue_edition_name(2024, 12, 1, 0);
	ck_assert_str_eq(s, "2024-12-ytd");
	free(s);
	s = issue_edition_name(2025, 1, 0, 2);
	ck_assert_str_eq(s, "2025-01-c2");
	free(s);
	ck_assert_int_eq(issue_valid_date(2024, 2, 29), 1);
	ck_assert_int_eq(issue_valid_date(2100, 2, 29), 0);
	ck_assert_int_eq(issue_valid_date(2000, 2, 29), 1);
	ck_assert_int_eq(issue_valid_date(2024, 4, 31), 0);
}
END_TEST

START_TEST(durable_new_never_replaces)
{
	char dir[] = "/tmp/lt-issue-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[64];
	snprintf(path, sizeof path, "%s/a.pdf", dir);
	ck_assert_int_eq(fs_write_durable_new(path, "one", 3), 0);
	ck_assert_int_eq(fs_write_durable_new(path, "two", 3), -1);
	ck_assert_int_eq(errno, EEXIST);
	struct buf b = { 0 };
	ck_assert_int_eq(fs_read_file(path, &b), 0);
	ck_assert_str_eq(b.data, "one");
	buf_free(&b);
	/* no temp file left beside it */
	char cmd[128];
	snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) = 1", dir);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

static Suite *
issue_record_suite(void)
{
	Suite *s = suite_create("issue_record");
	TCase *tc = tcase_create("record");
	tcase_add_test(tc, reads_every_field);
	tcase_add_test(tc, format_reads_back);
	tcase_add_test(tc, bad_lines_named);
	tcase_add_test(tc, name_must_match);
	tcase_add_test(tc, edition_names);
	tcase_add_test(tc, durable_new_never_replaces);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(issue_record_suite)
