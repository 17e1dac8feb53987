/*
 * status.h -- the 催报 list of a plan and a month (`lantian status`): the
 * units an office phones round. For every unit the plan's tasks name:
 * the tasks it should report on (any role), those it has no report row
 * for this month, and its overdue and due-soon tasks (compliance.h: the
 * same rules as the bulletin). A unit with no report row at all is
 * 未报送; one with some rows missing is 部分未报. Library code: the list is
 * built and formatted here (text, .xlsx); cmd_status.c prints it.
 *
 * A report counts for a unit when its 填报单位 is the unit's name as the
 * plan prints it, or a name the ledger reader resolved to it (ledger.h,
 * unit aliases).
 */
#ifndef LANTIAN_STATUS_H
#define LANTIAN_STATUS_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "diag.h"
#include "ledger.h"
#include "plan.h"

struct status_task {
	size_t task;            /* into plan->tasks */
	const char *role;       /* 牵头 / 责任 / 配合 */
	int reported;           /* the unit has a row for it this month */
	int overdue, days_overdue, due_soon;
	char deadline[11];      /* the task's deadline (overdue) or the
	                         * due-soon date, "" */
	enum ledger_state state; /* this month's combined state */
};

struct status_unit {
	char *name;
	struct status_task *tasks;
	size_t n_tasks;
	size_t n_reported, n_overdue, n_due_soon;
};

struct status {
	int year, month;
	int ledger_present;     /* a ledger of the month exists */
	struct status_unit *units; /* in order of first mention */
	size_t n_units;
	size_t n_silent;        /* units with no row at all (未报送) */
	size_t n_partial;       /* some rows missing (部分未报) */
};

/* The list of plan p for year/month from its ledgers (any order). */
void status_build(const struct plan *p, struct ledger *const *ledgers,
    size_t n, int year, int month, struct status *out);
void status_free(struct status *s);

/* The list as text for people (Chinese), appended to out. */
void status_format(const struct status *s, const struct plan *p,
    const char *title, struct buf *out);

/* The list as a workbook at path (atomic; created as in ledger_out.h).
 * Returns 1, or 0 with an error in dl. */
int status_write_xlsx(const struct status *s, const struct plan *p,
    const char *title, const char *path, time_t created,
    struct diag_list *dl);

#endif
