/*
 * lt_test.h -- shared scaffolding for the Check suites in tests/unit/.
 * Each test_*.c defines its suite function and ends with
 * LT_TEST_MAIN(suite_fn); the Makefile builds one executable per file.
 * LANTIAN_SRCDIR (set by make) is the repository root, for fixtures.
 */
#ifndef LT_TEST_H
#define LT_TEST_H

#include <check.h>
#include <stdlib.h>
#include <stdio.h>

static inline const char *
lt_srcdir(void)
{
	const char *d = getenv("LANTIAN_SRCDIR");
	return d && *d ? d : ".";
}

/* Path of a repository file; static buffer, valid until the next call. */
static inline const char *
lt_path(const char *rel)
{
	static char buf[4096];
	snprintf(buf, sizeof buf, "%s/%s", lt_srcdir(), rel);
	return buf;
}

#define LT_TEST_MAIN(suite_fn)                                        \
	int main(void)                                                \
	{                                                             \
		SRunner *sr = srunner_create(suite_fn());             \
		srunner_run_all(sr, CK_NORMAL);                       \
		int failed = srunner_ntests_failed(sr);               \
		srunner_free(sr);                                     \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;          \
	}

#endif
