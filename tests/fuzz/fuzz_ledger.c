/*
 * fuzz_ledger.c -- libFuzzer target for the status ledger reader
 * (ledger.h). The first input byte picks the setting:
 *   bits 0-3: the month (byte % 16: 0 and 13-15 fold to December, the
 *             month whose grace days cross the year);
 *   bit 4:    read without a plan (task numbers not checked);
 * the remaining bytes are the ledger file (any encoding, any garbage),
 * read against a small plan whose tasks are numbered like the shipped
 * ones ("1".."12" and "二.（一）").
 *
 * Besides ASan/UBSan findings it aborts when an invariant breaks:
 *   - records + rejected rows == report rows;
 *   - every record has a task (index within the plan, the plan's own
 *     spelling), a real state whose raw text parses back to it, a percent
 *     in 0..1000 or none, a unit, a date "" or YYYY-MM-DD within the
 *     month and its grace days, and a line within the input;
 *   - the history built from the ledger reports each record once.
 *
 * Build: `make fuzz` (clang, libFuzzer), or replay the corpus with gcc:
 * `make fuzz-replay` (tests/fuzz/replay.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "ledger.h"
#include "plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *numbers[] = {
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
	"二.（一）",
};
#define NTASK (sizeof numbers / sizeof *numbers)

static struct task tasks[NTASK];
static struct plan plan;

static void
fail(const char *what, const struct ledger *l, size_t i)
{
	fprintf(stderr, "fuzz_ledger: %s (record %zu, line %zu)\n", what, i,
	    i < l->n_records ? l->records[i].line : 0);
	abort();
}

static void
check_record(const struct ledger *l, size_t i, int with_plan, size_t lines)
{
	const struct ledger_record *r = &l->records[i];
	enum ledger_state st;
	if (with_plan && (r->task_index >= NTASK ||
	    strcmp(r->task, numbers[r->task_index])))
		fail("task not in the plan", l, i);
	if (!with_plan && (r->task_index != LEDGER_NO_TASK || !r->task[0]))
		fail("task without plan", l, i);
	if (r->state <= LEDGER_UNREPORTED || r->state >= LEDGER_NSTATE)
		fail("state out of range", l, i);
	if (!ledger_state_parse(r->state_raw, &st, NULL) || st != r->state)
		fail("state text does not parse back", l, i);
	if (r->percent10 != LEDGER_PERCENT_NONE &&
	    (r->percent10 < 0 || r->percent10 > 1000))
		fail("percent out of range", l, i);
	if (!r->unit[0] || !r->text || !r->note)
		fail("missing unit or text", l, i);
	if (r->line < 1 || r->line > lines)
		fail("line outside the input", l, i);
	if (r->date[0]) {
		int y, m, d;
		if (strlen(r->date) != 10 ||
		    sscanf(r->date, "%4d-%2d-%2d", &y, &m, &d) != 3)
			fail("bad date", l, i);
		long k = (long)y * 12 + m - 1, lk = (long)l->year * 12 +
		    l->month - 1;
		if (k != lk && !(k == lk + 1 && d <= LEDGER_GRACE_DAYS))
			fail("date outside the month", l, i);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!plan.n_tasks) {
		for (size_t i = 0; i < NTASK; i++) {
			tasks[i].number = numbers[i];
			tasks[i].ordinal = (int)i + 1;
		}
		plan.tasks = tasks;
		plan.n_tasks = NTASK;
	}
	if (size < 1)
		return 0;
	int month = data[0] % 16, with_plan = !(data[0] & 0x10);
	if (month < 1 || month > 12)
		month = 12;
	const char *text = (const char *)data + 1;
	size_t len = size - 1, lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n' || (text[i] == '\r' &&
		    (i + 1 == len || text[i + 1] != '\n'));
	struct diag_list dl = {0};
	struct ledger *l = ledger_parse("fuzz/2024-05.csv", text, len, 2024,
	    month, with_plan ? &plan : NULL, &dl);
	if (l) {
		if (l->n_records + l->rows_rejected != l->rows)
			fail("rows do not add up", l, 0);
		for (size_t i = 0; i < l->n_records; i++)
			check_record(l, i, with_plan, lines);
		struct ledger *one[1] = { l };
		struct ledger_history *h = ledger_history_build(
		    with_plan ? &plan : NULL, one, 1);
		size_t reports = 0;
		for (size_t t = 0; t < h->n_tasks; t++)
			reports += ledger_history_cell(h, t, 0)->n_reports;
		if (with_plan && reports != l->n_records)
			fail("history lost a record", l, 0);
		ledger_history_free(h);
		ledger_free(l);
	}
	diag_free(&dl);
	return 0;
}
