/*
 * status.c -- the 催报 list (see status.h).
 */
#include "status.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "compliance.h"
#include "fsutil.h"
#include "ledger_out.h"
#include "util.h"

static int
has_row(const struct ledger *l, size_t task, const char *unit)
{
	for (size_t i = 0; l && i < l->n_records; i++)
		if (l->records[i].task_index == task &&
		    (!strcmp(l->records[i].unit, unit) ||
		    (l->records[i].unit_plan &&
		    !strcmp(l->records[i].unit_plan, unit))))
			return 1;
	return 0;
}

void
status_build(const struct plan *p, struct ledger *const *ledgers, size_t n,
    int year, int month, struct status *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->month = month;
	const struct ledger *cur = NULL;
	/* the history up to the month: later ledgers do not count */
	struct ledger **upto = xcalloc(n ? n : 1, sizeof *upto);
	size_t nu = 0;
	long k = (long)year * 12 + month - 1;
	for (size_t i = 0; i < n; i++) {
		long j = (long)ledgers[i]->year * 12 + ledgers[i]->month - 1;
		if (j <= k)
			upto[nu++] = ledgers[i];
		if (j == k)
			cur = ledgers[i];
	}
	out->ledger_present = cur != NULL;
	struct ledger_history *h = ledger_history_build(p, upto, nu);
	struct compl_task *ct = xcalloc(p->n_tasks ? p->n_tasks : 1,
	    sizeof *ct);
	for (size_t t = 0; t < p->n_tasks; t++)
		compliance_task(&p->tasks[t], h, t, year, month, &ct[t]);
	struct strvec units = {0};
	ledger_out_units(p, &units);
	out->units = xcalloc(units.n ? units.n : 1, sizeof *out->units);
	for (size_t u = 0; u < units.n; u++) {
		struct status_unit *su = &out->units[out->n_units++];
		su->name = xstrdup(units.v[u]);
		size_t cap = 0;
		for (size_t t = 0; t < p->n_tasks; t++) {
			const char *role = ledger_out_role(&p->tasks[t],
			    su->name);
			if (!role)
				continue;
			su->tasks = xgrow(su->tasks, &cap, su->n_tasks + 1,
			    sizeof *su->tasks);
			struct status_task *st = &su->tasks[su->n_tasks++];
			memset(st, 0, sizeof *st);
			st->task = t;
			st->role = role;
			st->reported = has_row(cur, t, su->name);
			st->state = ct[t].state;
			st->overdue = ct[t].overdue;
			st->days_overdue = ct[t].days_overdue;
			st->due_soon = ct[t].due_soon;
			memcpy(st->deadline, st->overdue ? ct[t].deadline :
			    ct[t].due_soon_date, sizeof st->deadline);
			su->n_reported += st->reported;
			su->n_overdue += st->overdue != 0;
			su->n_due_soon += st->due_soon != 0;
		}
		if (!su->n_reported)
			out->n_silent++;
		else if (su->n_reported < su->n_tasks)
			out->n_partial++;
	}
	strvec_free(&units);
	free(ct);
	ledger_history_free(h);
	free(upto);
}

void
status_free(struct status *s)
{
	for (size_t i = 0; i < s->n_units; i++) {
		free(s->units[i].name);
		free(s->units[i].tasks);
	}
	free(s->units);
	memset(s, 0, sizeof *s);
}

/* "7、14、20" for the tasks of u selected by want. */
static void
task_list(const struct status_unit *u, const struct plan *p,
    int (*want)(const struct status_task *), struct buf *out)
{
	size_t n = 0;
	for (size_t i = 0; i < u->n_tasks; i++)
		if (want(&u->tasks[i]))
			buf_printf(out, "%s%s", n++ ? "、" : "",
			    p->tasks[u->tasks[i].task].number);
}

static int
not_reported(const struct status_task *t)
{
	return !t->reported;
}

void
status_format(const struct status *s, const struct plan *p,
    const char *title, struct buf *out)
{
	buf_printf(out, "催报清单：%s，%d年%d月%s\n", title, s->year, s->month,
	    s->ledger_present ? "" : "（本月尚无任何台账）");
	buf_printf(out, "\n一、未报送的单位（%zu 个）\n", s->n_silent);
	for (size_t i = 0; i < s->n_units; i++) {
		const struct status_unit *u = &s->units[i];
		if (u->n_reported)
			continue;
		buf_printf(out, "  %s：应报任务 %zu 项（", u->name, u->n_tasks);
		task_list(u, p, not_reported, out);
		buf_puts(out, "）\n");
	}
	buf_printf(out, "\n二、部分未报的单位（%zu 个）\n", s->n_partial);
	for (size_t i = 0; i < s->n_units; i++) {
		const struct status_unit *u = &s->units[i];
		if (!u->n_reported || u->n_reported == u->n_tasks)
			continue;
		buf_printf(out, "  %s：已报 %zu 项，未报 %zu 项（", u->name,
		    u->n_reported, u->n_tasks - u->n_reported);
		task_list(u, p, not_reported, out);
		buf_puts(out, "）\n");
	}
	size_t n_over = 0, n_soon = 0;
	for (size_t i = 0; i < s->n_units; i++) {
		n_over += s->units[i].n_overdue != 0;
		n_soon += s->units[i].n_due_soon != 0;
	}
	buf_printf(out, "\n三、有逾期任务的单位（%zu 个）\n", n_over);
	for (size_t i = 0; i < s->n_units; i++) {
		const struct status_unit *u = &s->units[i];
		for (size_t k = 0; k < u->n_tasks; k++) {
			const struct status_task *t = &u->tasks[k];
			if (t->overdue)
				buf_printf(out, "  %s（%s）：任务 %s 完成时限 %s，"
				    "已逾期 %d 天，本月状态 %s\n", u->name,
				    t->role, p->tasks[t->task].number,
				    t->deadline, t->days_overdue,
				    ledger_state_name(t->state));
		}
	}
	buf_printf(out, "\n四、30 天内到期任务的单位（%zu 个）\n", n_soon);
	for (size_t i = 0; i < s->n_units; i++) {
		const struct status_unit *u = &s->units[i];
		for (size_t k = 0; k < u->n_tasks; k++) {
			const struct status_task *t = &u->tasks[k];
			if (t->due_soon)
				buf_printf(out, "  %s（%s）：任务 %s 于 %s 到期，"
				    "本月状态 %s\n", u->name, t->role,
				    p->tasks[t->task].number, t->deadline,
				    ledger_state_name(t->state));
		}
	}
	buf_printf(out, "\n合计：%zu 个单位，未报送 %zu 个，部分未报 %zu 个，"
	    "有逾期任务 %zu 个，有 30 天内到期任务 %zu 个\n", s->n_units,
	    s->n_silent, s->n_partial, n_over, n_soon);
}

static const char *const xcols[] = {
	"填报单位", "本单位角色", "任务编号", "任务名称", "本月是否报送",
	"本月状态", "逾期", "逾期天数", "即将到期", "时限",
};

static int
write_book(const char *tmp, const struct status *s, const struct plan *p,
    const char *title, time_t created)
{
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb)
		return 0;
	char *dt = xasprintf("%s催报清单（%d年%d月）", title, s->year, s->month);
	lxw_doc_properties props = { .title = dt, .author = "lantian",
	    .created = created };
	workbook_set_properties(wb, &props);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *red = workbook_add_format(wb);
	format_set_font_color(red, 0xC00000);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "催报清单");
	worksheet_write_string(ws, 0, 0, dt, bold);
	for (size_t c = 0; c < sizeof xcols / sizeof *xcols; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, xcols[c], bold);
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 3, 3, 36, NULL);
	lxw_row_t r = 2;
	for (size_t i = 0; i < s->n_units; i++) {
		const struct status_unit *u = &s->units[i];
		for (size_t k = 0; k < u->n_tasks; k++, r++) {
			const struct status_task *t = &u->tasks[k];
			const struct task *pt = &p->tasks[t->task];
			worksheet_write_string(ws, r, 0, u->name, NULL);
			worksheet_write_string(ws, r, 1, t->role, NULL);
			worksheet_write_string(ws, r, 2, pt->number, NULL);
			worksheet_write_string(ws, r, 3, pt->title ?
			    pt->title : "", NULL);
			worksheet_write_string(ws, r, 4, t->reported ? "已报" :
			    "未报", t->reported ? NULL : red);
			worksheet_write_string(ws, r, 5,
			    ledger_state_name(t->state), NULL);
			worksheet_write_string(ws, r, 6, t->overdue ? "逾期" :
			    "", red);
			if (t->overdue)
				worksheet_write_number(ws, r, 7,
				    t->days_overdue, NULL);
			worksheet_write_string(ws, r, 8, t->due_soon ?
			    "即将到期" : "", NULL);
			worksheet_write_string(ws, r, 9, t->deadline, NULL);
		}
	}
	worksheet_autofilter(ws, 1, 0, r > 2 ? r - 1 : 1,
	    (lxw_col_t)(sizeof xcols / sizeof *xcols - 1));
	worksheet_freeze_panes(ws, 2, 0);
	lxw_error rc = workbook_close(wb);
	free(dt);
	return rc == LXW_NO_ERROR;
}

int
status_write_xlsx(const struct status *s, const struct plan *p,
    const char *title, const char *path, time_t created,
    struct diag_list *dl)
{
	char tmp[] = "/tmp/lantian-status-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法创建临时文件：%s",
		    strerror(errno));
		return 0;
	}
	close(fd);
	struct buf data = {0};
	int ok = write_book(tmp, s, p, title, created) &&
	    fs_read_file(tmp, &data) == 0 &&
	    fs_write_atomic(path, data.data, data.len) == 0;
	if (!ok)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法写入催报清单：%s",
		    errno ? strerror(errno) : "libxlsxwriter 出错");
	buf_free(&data);
	unlink(tmp);
	return ok;
}
