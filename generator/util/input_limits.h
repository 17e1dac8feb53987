/*
 * input_limits.h -- the sizes beyond which a plan or a ledger is refused, so the
 * cost of reading one stays linear in its size and bounded whatever it
 * holds. Each limit is generous for real plans: the shipped ones have fewer
 * than 500 tasks and 500 lines, lines under 5,000 characters, brackets
 * naming a dozen units, ledgers of a few hundred rows with cells of a few
 * hundred characters. Exceeding one is an error naming file:line and the
 * limit (the plan or ledger then fails), never a silent cut.
 *
 * Measured (release build, 2 cores shared): a plan of PLAN_MAX_TASKS
 * one-line tasks parses in about 0.2 s and 40 MB; a 64 MiB plan of short
 * lines is refused at PLAN_MAX_LINES without splitting it.
 */
#ifndef LANTIAN_INPUT_LIMITS_H
#define LANTIAN_INPUT_LIMITS_H

/* A plan file: plans are tens of kilobytes. */
#define PLAN_MAX_BYTES (64u * 1024 * 1024)
/* Source lines of a plan (blank ones included). */
#define PLAN_MAX_LINES 100000
/* Characters (not bytes) of one source line of a plan. */
#define PLAN_MAX_LINE_CHARS 20000
/* Tasks of one plan. */
#define PLAN_MAX_TASKS 5000
/* Units listed in one responsibility bracket (separated by 、/，；). */
#define PLAN_MAX_UNITS_PER_BRACKET 200
/* Responsibility brackets of one task. */
#define PLAN_MAX_BRACKETS_PER_TASK 100
/* Units named by all the brackets of a plan (real plans: a few thousand). */
#define PLAN_MAX_UNITS 50000

/* A ledger file (CSV; an .xlsx is bounded by xlsx.c's part sizes). */
#define LEDGER_MAX_BYTES (64u * 1024 * 1024)
/* Report rows of one ledger (blank rows and footnotes not counted). */
#define LEDGER_MAX_ROWS 50000
/* Characters of one ledger cell. */
#define LEDGER_MAX_CELL_CHARS 10000

#endif
