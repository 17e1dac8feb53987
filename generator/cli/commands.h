/*
 * commands.h -- the subcommands of lantian, one file each (cmd_*.c).
 * Each takes the arguments after the command name (argv[0] is the command)
 * and returns the exit status: 0 success, 1 bad input or failed build,
 * 2 usage error. Only these and main.c print to stdout/stderr.
 */
#ifndef LANTIAN_COMMANDS_H
#define LANTIAN_COMMANDS_H

int cmd_parse(int argc, char **argv);  /* cmd_parse.c: one plan to XML/JSON */
int cmd_build(int argc, char **argv);  /* cmd_build.c: plans/ -> output/ */
int cmd_check(int argc, char **argv);  /* cmd_build.c: validate every input */
int cmd_aqi(int argc, char **argv);    /* cmd_aqi.c: AQI of CSV rows on stdin */
int cmd_simulate(int argc, char **argv); /* cmd_simulate.c: simulated monitoring data */
int cmd_bulletin(int argc, char **argv); /* cmd_bulletin.c: one PDF bulletin */
int cmd_site(int argc, char **argv);   /* cmd_site.c: output/ -> output/site/ */
int cmd_init(int argc, char **argv);   /* cmd_init.c: a new publication tree */
int cmd_typeset(int argc, char **argv); /* cmd_typeset.c: Markdown -> 公文 PDF */
int cmd_issue(int argc, char **argv);  /* cmd_issue.c: freeze a bulletin edition */
int cmd_ledger(int argc, char **argv); /* cmd_ledger.c: the month's ledger workbooks */
int cmd_status(int argc, char **argv); /* cmd_status.c: who has not reported (催报) */

/* cmd_ledger.c, shared with cmd_status.c: a month argument "2025-07" →
 * 2025, 7 (returns 0 when malformed); the creation time written into
 * workbooks: SOURCE_DATE_EPOCH when set, else the month's first day. */
#include <time.h>
int cmd_month_arg(const char *s, int *y, int *m);
time_t cmd_created(int y, int m);

/* cmd_aqi.c's reading of its CSV input from memory, for the fuzz target:
 * rows with their AQI appended to out, problems in dl as "<stdin>:LINE". */
#include <stddef.h>
struct buf;
struct diag_list;
void cmd_aqi_process(const char *text, size_t len, int hj633_2012, int hourly,
    int names, struct buf *out, struct diag_list *dl);

#endif
