/*
 * plan_lint.h -- what a parsed plan tells the staff who read it: unit names
 * that look wrong (a page number inside a name, line noise, a name too long
 * to be one, a role word left in a name), and a parse report (the reading
 * chosen, tasks found, with units, with deadlines, warnings). Never silent:
 * `lantian parse` and `lantian check` print it; the build refuses a plan
 * whose unit names are suspicious or that has no task, so such a name is
 * never published.
 */
#ifndef LANTIAN_PLAN_LINT_H
#define LANTIAN_PLAN_LINT_H

#include "diag.h"
#include "plan.h"

enum lint_mode {
	LINT_PARSE,  /* lantian parse: suspicious names are warnings, report printed */
	LINT_CHECK,  /* lantian check: suspicious names and no task are errors, report printed */
	LINT_BUILD,  /* lantian build: the same errors, no report */
};

/* Why a unit name is suspicious (a Chinese phrase), or NULL when it reads
 * as a name. */
const char *lint_unit_problem(const char *name);

/* Add the diagnostics of p (parsed from path) to dl as the mode says. The
 * report's warning count covers what dl already holds for path. */
void plan_lint(const struct plan *p, const char *path, enum lint_mode mode,
    struct diag_list *dl);

/* How the tasks were read: "“1.”编号条目", "“（一）”编号条目", or NULL when
 * the plan has no task. */
const char *plan_reading(const struct plan *p);

#endif
