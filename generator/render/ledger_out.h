/*
 * ledger_out.h -- the month's blank ledgers (台账) sent to the units:
 * `lantian ledger PLAN YYYY-MM` (cmd_ledger.c). One workbook per unit
 * named by the plan's tasks, and one for all units, written with Debian's
 * libxlsxwriter. Library code: nothing printed; problems in a diag_list.
 *
 * Each workbook has two sheets:
 *  - 填报说明 (first): how to fill it in, in Chinese.
 *  - 台账: a title row, then the header row the ledger reader (ledger.h)
 *    finds, then one row per task and unit: 任务编号, 任务名称, 本单位角色
 *    (牵头 / 责任 / 配合), 完成时限, 填报单位, the last reported month's
 *    上期进展状态, 上期完成比例 and 上期进展情况 (the latest ledger before
 *    the month; empty when none), and the columns to fill: 进展状态 (a
 *    drop-down list of the four states), 完成比例 (a number 0%–100%,
 *    validated, percent format), 进展情况, 填报日期 (a date from the
 *    month's first day to the LEDGER_GRACE_DAYS-th of the next, validated),
 *    备注. The sheet is protected (no password): only the columns to fill
 *    can be edited, so task numbers and unit names come back as sent.
 *
 * Files: <dir>/YYYY-MM-<unit>.xlsx per unit ("/" and other characters a
 * file name cannot hold replaced by "_") and <dir>/YYYY-MM-全部单位.xlsx.
 * Returned, they go in plans/<id>/ledgers/YYYY-MM/ as they are.
 *
 * Bytes are deterministic: the document's creation time is `created`
 * (the caller passes SOURCE_DATE_EPOCH, or the month's first day), the
 * ZIP members carry libxlsxwriter's fixed date, and rows are in plan
 * order. Each file is written atomically (fsutil.h).
 */
#ifndef LANTIAN_LEDGER_OUT_H
#define LANTIAN_LEDGER_OUT_H

#include <time.h>

#include "diag.h"
#include "ledger.h"
#include "plan.h"
#include "util.h"

/* The units of plan p in order of first mention (task order, then lead,
 * responsible, cooperating, participating), into *out. */
void ledger_out_units(const struct plan *p, struct strvec *out);

/* The role of unit in task t: "牵头", "责任", "配合", or NULL. */
const char *ledger_out_role(const struct task *t, const char *unit);

/*
 * Write the workbooks of plan p (title: the plan's title for the title
 * row) for year/month into dir (created when missing). ledgers (any
 * order, may be NULL) give the previous state: the latest ledger before
 * the month. The paths written are appended to *written. Returns 1, or 0
 * with an error in dl.
 */
int ledger_out_write(const struct plan *p, const char *title, int year,
    int month, struct ledger *const *ledgers, size_t n_ledgers,
    const char *dir, time_t created, struct strvec *written,
    struct diag_list *dl);

#endif
