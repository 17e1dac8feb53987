/*
 * plan_units.h -- responsibility brackets: finding the （…） group of a task
 * that assigns it to units, and reading its roles (lead, cooperating,
 * responsible, participating) with prefix distribution, 各-distribution,
 * trailing 等 and duplicates handled (lantian-plan(5), 责任单位).
 */
#ifndef LANTIAN_PLAN_UNITS_H
#define LANTIAN_PLAN_UNITS_H

#include <stddef.h>

#include "plan.h"

/* A bracketed group found in a text: byte offsets of the content. */
struct bracket_span {
	size_t open, start, end, close_end; /* open..close_end includes brackets */
};

/*
 * Find the responsibility brackets in a task's text (paragraphs separated
 * by "\n") and read each into an assignment. Appends to *asg / *n.
 * Bounded (input_limits.h): a bracket listing more than
 * PLAN_MAX_UNITS_PER_BRACKET units is passed over, and reading stops after
 * PLAN_MAX_BRACKETS_PER_TASK + 1 brackets (so the caller sees the excess).
 * A clause "以下各项任务均需X负责落实，不再逐一列出" is returned through
 * inherited / inherited_raw (left untouched when absent).
 * Returns the number of assignments found.
 */
size_t resp_find(const char *text, struct assignment **asg, size_t *n,
    struct strvec *inherited, char **inherited_raw);

/*
 * Read one bracket's content (without the brackets) into a. Returns 1 when
 * the content names units with roles, 0 when it is not a responsibility
 * bracket.
 */
int resp_parse(const char *content, struct assignment *a,
    struct strvec *inherited, char **inherited_raw);

/* Cheaply: does text contain a bracket at a sentence edge whose content
 * names a role (牵头, 负责, 配合, 参与, …)? A necessary condition for
 * resp_find() to find one, at a fraction of its cost. */
int resp_present(const char *text);

/* The most units any bracket at a sentence edge of text lists (an upper
 * bound: separators + 1), to report brackets resp_find passes over. */
size_t resp_widest(const char *text);

/* Top-level bracket groups of text, in order; caller frees *out. */
size_t bracket_groups(const char *text, struct bracket_span **out);

#endif
