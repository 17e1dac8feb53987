/*
 * bulletin_tasks.c -- the task-progress part of the bulletin: the counts by
 * state, the overdue tasks with their lead units in red (通报批评 is by
 * name), the tasks falling due, the units' table and, in year-to-date and
 * December editions, the tasks completed this year. Counts and figures are
 * the merged document's strings.
 */
#include <stdlib.h>
#include <string.h>

#include "bulletin_sections.h"
#include "util.h"

static const char *
or_dash(const char *s)
{
	return s ? s : "—";
}

/* "第N项" or the plan's own number ("四.（一）") and the title. */
static void
put_task_name(struct buf *b, const struct bm_task *t)
{
	bulletin_esc(b, or_dash(t->number));
	buf_puts(b, " ");
	bulletin_esc(b, t->title ? t->title : "（无标题）");
}

/* The units responsible for a task: the lead units, else the others. */
static void
put_lead_units(struct buf *b, const struct bm_task *t, const char *colour)
{
	int any = 0;
	for (int pass = 0; pass < 2 && !any; pass++)
		for (size_t i = 0; i < t->nunits; i++) {
			int lead = strcmp(t->units[i].role, "lead") == 0;
			if (pass == 0 ? !lead : strcmp(t->units[i].role,
			    "cooperating") == 0)
				continue;
			buf_puts(b, any ? "、" : "");
			if (colour)
				buf_printf(b, "<span foreground=\"%s\"><b>",
				    colour);
			bulletin_esc(b, t->units[i].name);
			if (colour)
				buf_puts(b, "</b></span>");
			any = 1;
		}
	if (!any)
		buf_puts(b, "未明确");
}

static void
put_progress(struct buf *b, const struct bm_task *t)
{
	bulletin_esc(b, or_dash(t->state_name));
	if (t->percent)
		buf_printf(b, "（%s%%）", t->percent);
}

static void
row(struct ts_table *t, struct buf *cells, size_t n)
{
	const char *v[8] = { 0 };
	for (size_t i = 0; i < n && i < 8; i++)
		v[i] = cells[i].data ? cells[i].data : "";
	ts_table_row(t, v);
	for (size_t i = 0; i < n; i++)
		buf_free(&cells[i]);
}

static void
counts(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	struct buf b = { 0 };
	buf_puts(&b, "《");
	bulletin_esc(&b, m->title ? m->title : "实施方案");
	buf_printf(&b, "》确定重点任务%s项。截至%d年%d月底，已完成%s项，推进中%s项，"
	    "未启动%s项，进度滞后%s项，未报送%s项；其中逾期未完成%s项，逾期完成%s项，"
	    "一个月内到期%s项，无明确完成时限%s项。", or_dash(m->total), m->year,
	    m->month, or_dash(m->c_done), or_dash(m->c_in_progress),
	    or_dash(m->c_not_started), or_dash(m->c_late),
	    or_dash(m->c_unreported), or_dash(m->c_overdue),
	    or_dash(m->c_done_late), or_dash(m->c_due_soon),
	    or_dash(m->c_undated));
	if (!m->ledger_this_month)
		buf_printf(&b, "本月未收到调度台账，任务状态为最近一次报送的情况。");
	ts_para_markup(c->d, b.data, TS_INDENT);
	buf_free(&b);

	static const double w[7] = { 1, 1, 1, 1, 1, 1, 1 };
	static const unsigned fl[7] = { TS_CELL_CENTER, TS_CELL_CENTER,
	    TS_CELL_CENTER, TS_CELL_CENTER, TS_CELL_CENTER, TS_CELL_CENTER,
	    TS_CELL_CENTER };
	char *what = xasprintf("%d年%d月重点任务进展情况（项）", m->year,
	    m->month);
	char *cap = bulletin_table_caption(c, what);
	struct ts_table *t = ts_table_new(c->d, 7, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	free(what);
	static const char *const head[7] = { "任务总数", "已完成", "推进中",
	    "未启动", "进度滞后", "逾期未完成", "一个月内到期" };
	ts_table_header(t, head);
	const char *over = m->c_overdue && strcmp(m->c_overdue, "0") ?
	    "<span foreground=\"" BULLETIN_RED "\"><b>" : "";
	char *o = xasprintf("%s%s%s", over, or_dash(m->c_overdue),
	    *over ? "</b></span>" : "");
	const char *v[7] = { or_dash(m->total), or_dash(m->c_done),
	    or_dash(m->c_in_progress), or_dash(m->c_not_started),
	    or_dash(m->c_late), o, or_dash(m->c_due_soon) };
	ts_table_row(t, v);
	free(o);
	ts_table_end(t);
}

static void
overdue(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	bulletin_h2(c, "逾期未完成任务");
	size_t n = 0;
	for (size_t i = 0; i < m->ntasks; i++)
		n += m->tasks[i].overdue;
	if (!n) {
		ts_para(c->d, "截至本月底，无逾期未完成任务。", TS_INDENT);
		return;
	}
	char *s = xasprintf("截至本月底，有%s项任务超过完成时限仍未完成，"
	    "予以通报，请牵头单位（红色标注）加快推进，并于下月调度时说明原因和"
	    "整改措施。", or_dash(m->c_overdue));
	ts_para(c->d, s, TS_INDENT);
	free(s);
	static const double w[5] = { 3.2, 2.4, 1.8, 1, 1.4 };
	static const unsigned fl[5] = { 0, 0, TS_CELL_CENTER, TS_CELL_RIGHT,
	    TS_CELL_CENTER };
	char *cap = bulletin_table_caption(c, "逾期未完成任务清单");
	struct ts_table *t = ts_table_new(c->d, 5, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	static const char *const head[5] = { "任务", "牵头单位", "完成时限",
	    "逾期天数", "进展" };
	ts_table_header(t, head);
	for (size_t i = 0; i < m->ntasks; i++) {
		const struct bm_task *k = &m->tasks[i];
		if (!k->overdue)
			continue;
		struct buf cells[5] = { { 0 } };
		put_task_name(&cells[0], k);
		put_lead_units(&cells[1], k, BULLETIN_RED);
		if (k->deadline_raw)
			bulletin_esc(&cells[2], k->deadline_raw);
		else
			bulletin_date_words(&cells[2], or_dash(k->deadline));
		bulletin_esc(&cells[3], or_dash(k->days_overdue));
		put_progress(&cells[4], k);
		row(t, cells, 5);
	}
	ts_table_end(t);
}

static void
due_soon(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	bulletin_h2(c, "近期到期任务");
	size_t n = 0;
	for (size_t i = 0; i < m->ntasks; i++)
		n += m->tasks[i].due_soon;
	if (!n) {
		ts_para(c->d, "下月无到期任务。", TS_INDENT);
		return;
	}
	char *s = xasprintf("以下%s项任务将在一个月内到期，请牵头单位对照时限抓紧"
	    "推进，确保按期完成。", or_dash(m->c_due_soon));
	ts_para(c->d, s, TS_INDENT);
	free(s);
	static const double w[4] = { 3.4, 2.6, 2, 1.6 };
	static const unsigned fl[4] = { 0, 0, TS_CELL_CENTER, TS_CELL_CENTER };
	char *cap = bulletin_table_caption(c, "近期到期任务清单");
	struct ts_table *t = ts_table_new(c->d, 4, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	static const char *const head[4] = { "任务", "牵头单位", "到期时间",
	    "进展" };
	ts_table_header(t, head);
	for (size_t i = 0; i < m->ntasks; i++) {
		const struct bm_task *k = &m->tasks[i];
		if (!k->due_soon)
			continue;
		struct buf cells[4] = { { 0 } };
		put_task_name(&cells[0], k);
		put_lead_units(&cells[1], k, NULL);
		bulletin_date_words(&cells[2], or_dash(k->due_soon_date ?
		    k->due_soon_date : k->deadline));
		if (k->deadline_raw) {
			buf_puts(&cells[2], "（");
			bulletin_esc(&cells[2], k->deadline_raw);
			buf_puts(&cells[2], "）");
		}
		put_progress(&cells[3], k);
		row(t, cells, 4);
	}
	ts_table_end(t);
}

/* Units with overdue tasks first, then by number of tasks led, then in
 * the document's order (stable: the index breaks ties). */
static const struct bm_unit *sort_base;
static int
unit_cmp(const void *a, const void *b)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct bm_unit *u = &sort_base[i], *v = &sort_base[j];
	if (u->n_overdue != v->n_overdue)
		return v->n_overdue - u->n_overdue;
	int lu = u->lead ? atoi(u->lead) : 0, lv = v->lead ? atoi(v->lead) : 0;
	if (lu != lv)
		return lv - lu;
	return i < j ? -1 : i > j;
}

static void
units_table(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	if (!m->nunits)
		return;
	bulletin_h2(c, "各责任单位任务情况");
	size_t *ord = xcalloc(m->nunits, sizeof *ord);
	for (size_t i = 0; i < m->nunits; i++)
		ord[i] = i;
	sort_base = m->units;
	qsort(ord, m->nunits, sizeof *ord, unit_cmp);
	static const double w[7] = { 3.6, 1, 1, 1.2, 1, 1, 1 };
	static const unsigned fl[7] = { 0, TS_CELL_RIGHT, TS_CELL_RIGHT,
	    TS_CELL_RIGHT, TS_CELL_RIGHT, TS_CELL_RIGHT, TS_CELL_RIGHT };
	char *cap = bulletin_table_caption(c, "各责任单位任务完成情况（项）");
	struct ts_table *t = ts_table_new(c->d, 7, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	static const char *const head[7] = { "责任单位", "牵头", "配合",
	    "责任/参与", "已完成", "推进中", "逾期" };
	ts_table_header(t, head);
	for (size_t k = 0; k < m->nunits; k++) {
		const struct bm_unit *u = &m->units[ord[k]];
		const char *red = u->n_overdue ?
		    "<span foreground=\"" BULLETIN_RED "\"><b>" : NULL;
		struct buf cells[7] = { { 0 } };
		buf_puts(&cells[0], red ? red : "");
		bulletin_esc(&cells[0], or_dash(u->name));
		buf_puts(&cells[0], red ? "</b></span>" : "");
		bulletin_esc(&cells[1], or_dash(u->lead));
		bulletin_esc(&cells[2], or_dash(u->cooperating));
		buf_printf(&cells[3], "%s/%s", or_dash(u->responsible),
		    or_dash(u->participating));
		bulletin_esc(&cells[4], or_dash(u->done));
		bulletin_esc(&cells[5], or_dash(u->in_progress));
		buf_puts(&cells[6], red ? red : "");
		bulletin_esc(&cells[6], or_dash(u->overdue));
		buf_puts(&cells[6], red ? "</b></span>" : "");
		row(t, cells, 7);
	}
	ts_table_note(t, "备注：一项任务可能有多个责任单位，各单位分别计数；"
	    "“逾期”为超过完成时限仍未完成的任务。");
	ts_table_end(t);
	free(ord);
}

/* Year-end and year-to-date editions: what was completed this year. */
static void
completed(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%04d-", m->year % 10000);
	size_t n = 0;
	for (size_t i = 0; i < m->ntasks; i++)
		n += m->tasks[i].done_since &&
		    str_starts(m->tasks[i].done_since, prefix);
	bulletin_h2(c, "本年度完成任务");
	if (!n) {
		ts_para(c->d, "本年度尚无完成的任务。", TS_INDENT);
		return;
	}
	char *s = xasprintf("%d年1—%d月，共完成重点任务%zu项（以调度台账报送"
	    "“已完成”的月份计）。", m->year, m->month, n);
	ts_para(c->d, s, TS_INDENT);
	free(s);
	static const double w[4] = { 3.4, 2.4, 1.6, 1.4 };
	static const unsigned fl[4] = { 0, 0, TS_CELL_CENTER, TS_CELL_CENTER };
	char *cap = bulletin_table_caption(c, "本年度完成任务清单");
	struct ts_table *t = ts_table_new(c->d, 4, w, fl, cap, TS_TABLE_SMALL);
	free(cap);
	static const char *const head[4] = { "任务", "牵头单位", "完成月份",
	    "是否按期" };
	ts_table_header(t, head);
	for (size_t i = 0; i < m->ntasks; i++) {
		const struct bm_task *k = &m->tasks[i];
		if (!k->done_since || !str_starts(k->done_since, prefix))
			continue;
		struct buf cells[4] = { { 0 } };
		put_task_name(&cells[0], k);
		put_lead_units(&cells[1], k, NULL);
		int y, mo;
		char tail;
		if (sscanf(k->done_since, "%4d-%2d%c", &y, &mo, &tail) == 2)
			buf_printf(&cells[2], "%d年%d月", y, mo);
		else
			bulletin_esc(&cells[2], k->done_since);
		/* Late but done: amber, the words of the body and the 附件. */
		buf_puts(&cells[3], k->done_late ?
		    "<span foreground=\"" BULLETIN_AMBER "\"><b>逾期完成</b></span>" :
		    "按期完成");
		row(t, cells, 4);
	}
	ts_table_end(t);
}

static void
sample_note(struct bulletin_ctx *c)
{
	for (size_t i = 0; i < c->m->nlabels; i++) {
		const struct bm_label *l = &c->m->labels[i];
		if (strcmp(l->kind, "sample") != 0)
			continue;
		struct buf b = { 0 };
		buf_puts(&b, "说明：本部分任务进展依据的调度台账为<span foreground=\""
		    BULLETIN_RED "\"><b>");
		bulletin_esc(&b, l->text);
		buf_puts(&b, "</b></span>。");
		ts_para_markup(c->d, b.data, TS_NOINDENT | TS_SMALL);
		buf_free(&b);
	}
}

void
bulletin_tasks(struct bulletin_ctx *c)
{
	bulletin_h1(c, "重点任务推进情况");
	sample_note(c);
	bulletin_h2(c, "总体进展");
	counts(c);
	overdue(c);
	due_soon(c);
	units_table(c);
	if (c->ed == BULLETIN_YTD || c->m->month == 12)
		completed(c);
}

/* At most three lead units, then "等N个单位", as bulletins abbreviate: a
 * task led by ten bureaus would otherwise make a row taller than a page
 * in the narrow column. */
static void
put_lead_units_short(struct buf *b, const struct bm_task *t,
    const char *colour)
{
	size_t nlead = 0;
	for (size_t i = 0; i < t->nunits; i++)
		nlead += strcmp(t->units[i].role, "lead") == 0;
	if (nlead <= 3) {
		put_lead_units(b, t, colour);
		return;
	}
	size_t shown = 0;
	if (colour)
		buf_printf(b, "<span foreground=\"%s\"><b>", colour);
	for (size_t i = 0; i < t->nunits && shown < 3; i++) {
		if (strcmp(t->units[i].role, "lead") != 0)
			continue;
		buf_puts(b, shown++ ? "、" : "");
		bulletin_esc(b, t->units[i].name);
	}
	buf_printf(b, "等%zu个单位", nlead);
	if (colour)
		buf_puts(b, "</b></span>");
}

/*
 * 附件 (GB/T 9704-2012 8.1): on a new page, "附件" flush left in 黑体,
 * the attachment's title centred, then the table of every task. This is
 * what the units check their own lines against, and what makes a
 * 300-task plan's bulletin a long document.
 */
void
bulletin_appendix(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	if (!m->ntasks)
		return;
	ts_page_break(c->d);
	/* GB/T 9704: "附件" 顶格 in 黑体 on the first line, the title
	 * centred below; the table has no caption of its own (one title). */
	ts_heading_flush(c->d, 1, "附件", "appendix");
	ts_space(c->d, 1);
	ts_title(c->d, "重点任务进展情况表");
	static const double w[6] = { 0.8, 2.0, 2.0, 1.5, 1.4, 3.3 };
	static const unsigned fl[6] = { TS_CELL_CENTER, 0, 0, TS_CELL_CENTER,
	    TS_CELL_CENTER, 0 };
	char *what = xasprintf("（截至%d年%d月底）", m->year, m->month);
	ts_subtitle(c->d, what);
	free(what);
	struct ts_table *t = ts_table_new(c->d, 6, w, fl, NULL,
	    TS_TABLE_SMALL);
	static const char *const head[6] = { "编号", "任务", "牵头单位",
	    "完成时限", "进展", "本月进展情况" };
	ts_table_header(t, head);
	for (size_t i = 0; i < m->ntasks; i++) {
		const struct bm_task *k = &m->tasks[i];
		struct buf cells[6] = { { 0 } };
		bulletin_esc(&cells[0], or_dash(k->number));
		bulletin_esc(&cells[1], k->title ? k->title : "（无标题）");
		put_lead_units_short(&cells[2], k, k->overdue ? BULLETIN_RED :
		    NULL);
		if (k->deadline_raw || !k->deadline)
			bulletin_esc(&cells[3], k->deadline_raw ?
			    k->deadline_raw : "未明确");
		else
			bulletin_date_words(&cells[3], k->deadline);
		if (k->overdue)
			buf_puts(&cells[4], "<span foreground=\"" BULLETIN_RED
			    "\"><b>逾期未完成</b></span>");
		else if (k->done_late)
			buf_puts(&cells[4], "<span foreground=\"" BULLETIN_AMBER
			    "\"><b>逾期完成</b></span>");
		else {
			/* State and percent on two lines: the column is
			 * narrow. */
			bulletin_esc(&cells[4], or_dash(k->state_name));
			if (k->percent)
				buf_printf(&cells[4], "\n%s%%", k->percent);
		}
		if (k->report_text && k->report_ym)
			bulletin_esc(&cells[5], k->report_text);
		else
			buf_puts(&cells[5], "本月未报送");
		row(t, cells, 6);
	}
	ts_table_end(t);
}
