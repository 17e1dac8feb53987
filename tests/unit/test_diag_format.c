/*
 * test_diag_format.c -- diagnostics for machines (diag_format.h). The
 * expected lines are GitHub's documented workflow-command syntax (in the
 * message % CR LF become %25 %0D %0A; in property values also : and ,
 * become %3A and %2C) and GitLab's Code Quality fields, written out by
 * hand here.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "diag_format.h"
#include "lt_test.h"

/* Print dl in fmt into a string (caller frees). */
static char *
printed(const struct diag_list *dl, enum diag_format fmt)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);
	diag_print_as(dl, fmt, fp);
	fclose(fp);
	return s;
}

START_TEST(format_names)
{
	enum diag_format f = DIAG_FORMAT_TEXT;
	ck_assert_int_eq(diag_format_parse("github", &f), 0);
	ck_assert_int_eq(f, DIAG_FORMAT_GITHUB);
	ck_assert_int_eq(diag_format_parse("gitlab", &f), 0);
	ck_assert_int_eq(f, DIAG_FORMAT_GITLAB);
	ck_assert_int_eq(diag_format_parse("json", &f), 0);
	ck_assert_int_eq(f, DIAG_FORMAT_JSON);
	ck_assert_int_eq(diag_format_parse("text", &f), 0);
	ck_assert_int_eq(f, DIAG_FORMAT_TEXT);
	ck_assert_int_eq(diag_format_parse("GitHub", &f), -1);
	ck_assert_int_eq(diag_format_parse("", &f), -1);
}
END_TEST

START_TEST(github_commands)
{
	struct diag_list dl = { 0 };
	diag_add(&dl, DIAG_ERROR, "a,b:c.csv", 7, 2, "完成比例“50%%”不对\n下一行");
	diag_add(&dl, DIAG_WARNING, "x.txt", 3, 0, "w");
	diag_add(&dl, DIAG_NOTE, NULL, 0, 0, "n");
	char *s = printed(&dl, DIAG_FORMAT_GITHUB);
	ck_assert_str_eq(s,
	    "::error file=a%2Cb%3Ac.csv,line=7,col=2,title=lantian::"
	    "完成比例“50%25”不对%0A下一行\n"
	    "::warning file=x.txt,line=3,title=lantian::w\n"
	    "::notice title=lantian::n\n");
	free(s);
	diag_free(&dl);
}
END_TEST

START_TEST(json_document)
{
	struct diag_list dl = { 0 };
	diag_add(&dl, DIAG_WARNING, "plans/a/plan.txt", 12, 0, "“引号”");
	char *s = printed(&dl, DIAG_FORMAT_JSON);
	json_error_t e;
	json_t *root = json_loads(s, 0, &e);
	ck_assert_ptr_nonnull(root);
	json_t *d = json_array_get(json_object_get(root, "diagnostics"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(d, "file")),
	    "plans/a/plan.txt");
	ck_assert_int_eq(json_integer_value(json_object_get(d, "line")), 12);
	ck_assert_str_eq(json_string_value(json_object_get(d, "level")),
	    "warning");
	ck_assert_str_eq(json_string_value(json_object_get(d, "message")),
	    "“引号”");
	json_decref(root);
	free(s);
	diag_free(&dl);

	/* No diagnostics is still one document. */
	struct diag_list none = { 0 };
	s = printed(&none, DIAG_FORMAT_JSON);
	root = json_loads(s, 0, &e);
	ck_assert_ptr_nonnull(root);
	ck_assert_uint_eq(json_array_size(json_object_get(root,
	    "diagnostics")), 0);
	json_decref(root);
	free(s);
}
END_TEST

START_TEST(gitlab_report)
{
	struct diag_list dl = { 0 };
	diag_add(&dl, DIAG_ERROR, "l.csv", 4, 0, "e");
	diag_add(&dl, DIAG_ERROR, "l.csv", 4, 0, "e");   /* the same twice */
	diag_add(&dl, DIAG_NOTE, NULL, 0, 0, "n");
	char *s = printed(&dl, DIAG_FORMAT_GITLAB);
	json_error_t e;
	json_t *arr = json_loads(s, 0, &e);
	ck_assert_ptr_nonnull(arr);
	ck_assert_uint_eq(json_array_size(arr), 3);
	json_t *a = json_array_get(arr, 0), *b = json_array_get(arr, 1),
	    *n = json_array_get(arr, 2);
	ck_assert_str_eq(json_string_value(json_object_get(a, "severity")),
	    "major");
	ck_assert_str_eq(json_string_value(json_object_get(n, "severity")),
	    "info");
	json_t *loc = json_object_get(a, "location");
	ck_assert_str_eq(json_string_value(json_object_get(loc, "path")),
	    "l.csv");
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(loc, "lines"), "begin")), 4);
	/* A finding without a file is about the tree: path ".", line 1
	 * (GitLab requires both). */
	loc = json_object_get(n, "location");
	ck_assert_str_eq(json_string_value(json_object_get(loc, "path")), ".");
	ck_assert_int_eq(json_integer_value(json_object_get(
	    json_object_get(loc, "lines"), "begin")), 1);
	const char *fa = json_string_value(json_object_get(a, "fingerprint"));
	const char *fb = json_string_value(json_object_get(b, "fingerprint"));
	ck_assert_uint_eq(strlen(fa), 64);
	ck_assert_str_ne(fa, fb);
	json_decref(arr);
	free(s);
	diag_free(&dl);
}
END_TEST

static Suite *
diag_format_suite(void)
{
	Suite *s = suite_create("diag_format");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, github_commands);
	tcase_add_test(tc, json_document);
	tcase_add_test(tc, gitlab_report);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(diag_format_suite)
