/*
 * diag.h -- diagnostics: file:line:col, a severity and a message.
 * Library modules only record diagnostics here; main.c prints them and
 * picks the exit status (as mandoc_msg does). Messages meant for staff are
 * in Chinese.
 */
#ifndef LANTIAN_DIAG_H
#define LANTIAN_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level {
	DIAG_NOTE,
	DIAG_WARNING,
	DIAG_ERROR, /* the input is unusable; the command fails */
};

struct diag {
	enum diag_level level;
	char *file;   /* may be NULL */
	size_t line;  /* 1-based; 0 = whole file */
	size_t col;   /* 1-based; 0 = unknown */
	char *msg;
};

struct diag_list {
	struct diag *v;
	size_t n, cap;
	size_t max;   /* stop recording after this many (0 = 1000) */
	size_t dropped;
};

void diag_add(struct diag_list *dl, enum diag_level lv, const char *file,
    size_t line, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
size_t diag_count(const struct diag_list *dl, enum diag_level lv);
/* Append all of src to dst (src is left empty). */
void diag_move(struct diag_list *dst, struct diag_list *src);
/* Print as "file:line:col: 错误: msg" lines, in recorded order. */
void diag_print(const struct diag_list *dl, FILE *fp);
void diag_free(struct diag_list *dl);

#endif
