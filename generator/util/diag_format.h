/*
 * diag_format.h -- diagnostics printed for a machine: JSON, GitHub Actions
 * workflow commands, a GitLab Code Quality report. The same list diag.h
 * prints for people, so CI shows lantian's findings on the line of the
 * file they are about (`lantian check --format=github`).
 */
#ifndef LANTIAN_DIAG_FORMAT_H
#define LANTIAN_DIAG_FORMAT_H

#include <stdio.h>

#include "diag.h"

enum diag_format {
	DIAG_FORMAT_TEXT,    /* file:line:col: 错误: msg (diag_print) */
	DIAG_FORMAT_JSON,    /* {"diagnostics":[{file,line,col,level,message}]} */
	DIAG_FORMAT_GITHUB,  /* ::error file=F,line=L,col=C,title=lantian::msg */
	DIAG_FORMAT_GITLAB,  /* Code Quality: [{description,check_name,...}] */
};

/* The format named s ("text", "json", "github", "gitlab"): 0, or -1. */
int diag_format_parse(const char *s, enum diag_format *fmt);

/* Print dl in fmt to fp. JSON and GitLab are one document each, also
 * when dl is empty; GitHub is one line per diagnostic. */
void diag_print_as(const struct diag_list *dl, enum diag_format fmt, FILE *fp);

#endif
