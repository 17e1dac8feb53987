/*
 * merge_xml.c -- the merged model as XML (shape documented at the top of
 * merge.rng), and validation against the embedded schema.
 *
 * Written with libxml2's xmlTextWriter through xmlw.h, which escapes markup
 * and passes every string that comes from a plan text or a ledger through
 * xml_text_clean() (drops what XML 1.0 cannot carry); the air-quality
 * elements are air_xml.h's, shared with the area documents. Numbers are
 * printed from fixed point (no floating point), in a fixed order; nothing
 * comes from the clock, so the same model gives the same bytes. The bytes are parsed back
 * and validated before they are handed out, as plan_xml.c does.
 *
 * Thread safety: the schema is parsed once (xmlw.h) and only read
 * afterwards; libxml2's errors go to a per-call sink.
 */
#include "merge_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "air_xml.h"
#include "aqi.h"
#include "util.h"
#include "xmlw.h"

#define MERGE_NS "urn:lantian:merged:1"

extern const unsigned char embed_merge[];
extern const unsigned long embed_merge_len;

static void
attr_percent10(struct xw *x, const char *name, int p10)
{
	char tmp[16];
	if (p10 == LEDGER_PERCENT_NONE || p10 < 0)
		return;
	snprintf(tmp, sizeof tmp, "%d.%d", p10 / 10, p10 % 10);
	xw_attr(x, name, tmp);
}

/* ---- header and provenance ---------------------------------------------- */

static void
plan_elem(struct xw *x, const struct merged *m)
{
	xw_open(x, "plan");
	xw_text_elem(x, "title", m->title);
	xw_text_elem(x, "place", m->place);
	xw_text_elem(x, "level", m->level);
	xw_close(x);
}

static void
label_elem(struct xw *x, const char *kind, const char *s)
{
	xw_open(x, "label");
	xw_attr(x, "kind", kind);
	xw_text(x, s);
	xw_close(x);
}

static void
provenance_elem(struct xw *x, const struct merged *m)
{
	xw_open(x, "provenance");
	if (m->simulated_air)
		label_elem(x, "simulated", MERGE_LABEL_SIMULATED);
	if (m->sample_ledgers)
		label_elem(x, "sample", MERGE_LABEL_SAMPLE);
	if (m->stations_parent && m->area_label) {
		char *s = xasprintf(MERGE_LABEL_STATIONS_FMT, m->area_label);
		label_elem(x, "stations", s);
		free(s);
	}
	xw_close(x);
}

/* ---- tasks ---------------------------------------------------------------- */

static void
counts_attrs(struct xw *x, const int by_state[LEDGER_NSTATE])
{
	for (int s = 0; s < LEDGER_NSTATE; s++)
		xw_attr_int(x, ledger_state_code((enum ledger_state)s), by_state[s]);
}

static void
deadline_elem(struct xw *x, const struct deadline *d, const struct compl_task *c,
    const char *as_of)
{
	xw_open(x, "deadline");
	if (d->date[0]) {
		xw_attr(x, "date", d->date);
		xw_attr(x, "kind", !strcmp(d->date, c->deadline) ? "final" : "stage");
		xw_attr_bool(x, "passed", strcmp(d->date, as_of) <= 0);
	} else {
		xw_attr(x, "kind", "undated");
	}
	xw_attr_int(x, "line", (long long)d->line);
	xw_text(x, d->raw);
	xw_close(x);
}

static void
status_elem(struct xw *x, const struct compl_task *c)
{
	xw_open(x, "status");
	xw_attr_nonempty(x, "deadline", c->deadline);
	xw_attr_bool(x, "undated", c->undated);
	xw_attr_bool(x, "overdue", c->overdue);
	if (c->overdue)
		xw_attr_int(x, "days-overdue", c->days_overdue);
	xw_attr_bool(x, "due-soon", c->due_soon);
	xw_attr_nonempty(x, "due-soon-date", c->due_soon_date);
	xw_attr_int(x, "stages-passed", c->stages_passed);
	xw_attr_bool(x, "done-late", c->done_late);
	if (c->done_year)
		xw_attr_ym(x, "done-since", c->done_year, c->done_month);
	xw_close(x);
}

static void
report_elem(struct xw *x, const struct merged_report *r)
{
	xw_open(x, "report");
	xw_attr(x, "unit", r->unit);
	xw_attr(x, "state", ledger_state_code(r->state));
	xw_attr(x, "state-raw", r->state_raw);
	attr_percent10(x, "percent", r->percent10);
	xw_attr_nonempty(x, "date", r->date);
	xw_attr_bool(x, "ongoing", r->ongoing);
	if (r->text && *r->text)
		xw_text_elem(x, "text", r->text);
	if (r->note && *r->note)
		xw_text_elem(x, "note", r->note);
	xw_close(x);
}

static void
task_elem(struct xw *x, const struct merged *m, const struct merged_task *t)
{
	xw_open(x, "task");
	xw_attr_int(x, "ref", (long long)t->index + 1);
	xw_attr(x, "number", t->number);
	xw_attr(x, "state", ledger_state_code(t->c.state));
	xw_attr(x, "state-name", ledger_state_name(t->c.state));
	attr_percent10(x, "percent", t->c.percent10);
	xw_attr_bool(x, "ongoing", t->c.ongoing);
	xw_text_elem(x, "title", t->title);
	if (t->n_units) {
		xw_open(x, "units");
		for (size_t i = 0; i < t->n_units; i++) {
			xw_open(x, "unit");
			xw_attr(x, "role", merged_role_code(t->units[i].role));
			xw_attr(x, "ref", t->units[i].id);
			if (t->units[i].inherited)
				xw_attr_bool(x, "inherited", 1);
			xw_text(x, t->units[i].name);
			xw_close(x);
		}
		xw_close(x);
	}
	for (size_t i = 0; i < t->n_deadlines; i++)
		deadline_elem(x, &t->deadlines[i], &t->c, m->as_of);
	status_elem(x, &t->c);
	xw_open(x, "history");
	for (size_t i = 0; i < m->n_months; i++) {
		const struct ledger_cell *c = &t->history[i];
		xw_open(x, "month");
		xw_attr_ym(x, "ym", m->months[i].year, m->months[i].month);
		xw_attr(x, "state", ledger_state_code(c->state));
		attr_percent10(x, "percent", c->percent10);
		xw_attr_int(x, "reports", (long long)c->n_reports);
		xw_close(x);
	}
	xw_close(x);
	if (t->n_reports) {
		xw_open(x, "reports");
		xw_attr_ym(x, "ym", t->latest_year, t->latest_month);
		for (size_t i = 0; i < t->n_reports; i++)
			report_elem(x, &t->reports[i]);
		xw_close(x);
	}
	xw_close(x);
}

static void
tasks_elem(struct xw *x, const struct merged *m)
{
	xw_open(x, "tasks");
	xw_attr_int(x, "total", (long long)m->n_tasks);
	xw_attr_bool(x, "ledger-this-month", m->ledgers_this_month);
	xw_open(x, "months");
	for (size_t i = 0; i < m->n_months; i++) {
		xw_open(x, "month");
		xw_attr_ym(x, "ym", m->months[i].year, m->months[i].month);
		xw_attr_bool(x, "present", m->months[i].present);
		xw_attr_bool(x, "sample", m->months[i].sample);
		xw_close(x);
	}
	xw_close(x);
	xw_open(x, "counts");
	counts_attrs(x, m->by_state);
	xw_attr_int(x, "overdue", m->overdue);
	xw_attr_int(x, "due-soon", m->due_soon);
	xw_attr_int(x, "done-late", m->done_late);
	xw_attr_int(x, "undated", m->undated);
	xw_close(x);
	for (size_t i = 0; i < m->n_tasks; i++)
		task_elem(x, m, &m->tasks[i]);
	xw_close(x);
}

static void
units_elem(struct xw *x, const struct merged *m)
{
	xw_open(x, "units");
	for (size_t i = 0; i < m->n_units; i++) {
		const struct merged_unit *u = &m->units[i];
		xw_open(x, "unit");
		xw_attr(x, "ref", u->id);
		xw_attr(x, "name", u->name);
		xw_attr_int(x, "tasks", u->tasks);
		for (int r = 0; r < MERGE_NROLE; r++)
			xw_attr_int(x, merged_role_code((enum merged_role)r),
			    u->by_role[r]);
		counts_attrs(x, u->by_state);
		xw_attr_int(x, "overdue", u->overdue);
		xw_attr_int(x, "due-soon", u->due_soon);
		xw_attr_int(x, "done-late", u->done_late);
		for (size_t k = 0; k < u->n_task_idx; k++) {
			const struct merged_task *t = &m->tasks[u->task_idx[k]];
			xw_open(x, "task");
			xw_attr_int(x, "ref", (long long)t->index + 1);
			xw_attr(x, "number", t->number);
			xw_close(x);
		}
		xw_close(x);
	}
	xw_close(x);
}

/* ---- air quality ---------------------------------------------------------- */

static const char *
rank_by_code(enum airq_rank_by by, int *dec, int *dec2)
{
	*dec2 = 0;
	switch (by) {
	case AIRQ_RANK_COMPOSITE:
		*dec = 2;
		return "composite";
	case AIRQ_RANK_PM25:
		*dec = 0;
		return "pm25";
	case AIRQ_RANK_GOOD:
		*dec = 1;
		return "good-ratio";
	case AIRQ_RANK_IMPROVE:
		*dec = 1;
		return "composite-change";
	case AIRQ_RANK_IMPROVE_PM25:
		*dec = 1;
		return "pm25-change";
	}
	*dec = 0;
	return "";
}

static void
ranking_elem(struct xw *x, const struct merged_ranking *rk)
{
	int dec, dec2;
	const char *by = rank_by_code(rk->by, &dec, &dec2);
	xw_open(x, "ranking");
	xw_attr(x, "by", by);
	xw_attr(x, "period", rk->ytd ? "ytd" : "month");
	xw_attr_int(x, "ranked", (long long)rk->nranked);
	if (rk->rank > 0) {
		xw_attr_int(x, "rank", rk->rank);
		xw_attr_bool(x, "tied", rk->tied);
	}
	for (size_t i = 0; i < rk->n; i++) {
		const struct merged_rank_row *r = &rk->rows[i];
		xw_open(x, "row");
		xw_attr(x, "area", r->area);
		xw_attr_fixed(x, "key", r->key, dec);
		if (rk->by == AIRQ_RANK_GOOD)
			xw_attr_fixed(x, "pm25", r->key2, dec2);
		if (r->rank > 0) {
			xw_attr_int(x, "rank", r->rank);
			xw_attr_bool(x, "tied", r->tied);
		}
		xw_close(x);
	}
	xw_close(x);
}

static void
air_elem(struct xw *x, const struct merged *m)
{
	const struct merged_air *air = &m->air;
	if (air->none == MERGE_AIR_NO_AREA) {
		/* Said plainly, so a bulletin prints "无监测数据" and why. */
		xw_open(x, "air-none");
		xw_attr(x, "reason", merged_air_none_code(air->none));
		xw_text(x, air->none_text);
		xw_close(x);
		return;
	}
	xw_open(x, "air");
	xw_attr(x, "area", air->area ? air->area : m->area_label);
	xw_attr_bool(x, "data", air->have);
	if (air->none != MERGE_AIR_OK) {
		xw_open(x, "no-data");
		xw_attr(x, "reason", merged_air_none_code(air->none));
		xw_text(x, air->none_text);
		xw_close(x);
	}
	if (air->area) {
		air_xml_period(x, "month", &air->month);
		air_xml_period(x, "ytd", &air->ytd);
		for (size_t i = 0; i < air->n_rankings; i++)
			ranking_elem(x, &air->rankings[i]);
		air_xml_calendar(x, air, m->year, m->month);
		air_xml_quality(x, air);
	}
	xw_close(x);
}

/* ---- targets -------------------------------------------------------------- */

static void
target_elem(struct xw *x, const struct merged *m, const struct merged_target *t)
{
	const struct compl_target *r = &t->r;
	xw_open(x, "target");
	xw_attr(x, "scope", t->plan_level ? "plan" : "task");
	if (!t->plan_level) {
		xw_attr_int(x, "task", (long long)m->tasks[t->task].index + 1);
		xw_attr(x, "task-number", m->tasks[t->task].number);
	}
	xw_attr(x, "metric-code", compliance_metric_code(r->metric));
	xw_attr(x, "verdict", compliance_verdict_code(r->verdict));
	xw_attr(x, "verdict-name", compliance_verdict_name(r->verdict));
	xw_attr_int(x, "year", r->target_year);
	xw_attr_int(x, "line", (long long)t->line);
	xw_text_elem(x, "metric", t->metric);
	xw_open(x, "condition");
	xw_attr(x, "op", t->op);
	xw_attr(x, "value", t->value);
	xw_attr(x, "value2", t->value2);
	xw_attr_nonempty(x, "unit", t->unit);
	xw_close(x);
	xw_text_elem(x, "raw", t->raw);
	if (r->metric != COMPL_M_NONE) {
		int dec = compliance_metric_decimals(r->metric);
		xw_open(x, "figures");
		xw_attr_fixed(x, "current", r->current, dec);
		xw_attr_fixed(x, "control", r->control, dec);
		xw_attr_fixed(x, "reference", r->reference, dec);
		xw_attr_int(x, "remaining-days", r->remaining);
		if (r->metric == COMPL_M_GOOD_RATIO ||
		    r->metric == COMPL_M_GOOD_DAYS) {
			xw_attr_int(x, "good-days-needed", r->needed);
			xw_attr_int(x, "gap", r->gap);
		} else if (r->metric == COMPL_M_HEAVY_RATIO ||
		    r->metric == COMPL_M_HEAVY_DAYS) {
			xw_attr_int(x, "heavy-days-allowed", r->needed);
		}
		xw_close(x);
	}
	xw_text_elem(x, "method", r->method ? r->method : "");
	xw_close(x);
}

static void
targets_elem(struct xw *x, const struct merged *m)
{
	xw_open(x, "targets");
	for (size_t i = 0; i < m->n_targets; i++)
		target_elem(x, m, &m->targets[i]);
	xw_close(x);
}

/* ---- document ------------------------------------------------------------- */

static int
serialise(const struct merged *m, struct buf *out)
{
	struct xw x;
	if (!xw_begin(&x))
		return 0;
	xw_open(&x, "merged");
	xw_attr(&x, "xmlns", MERGE_NS);
	xw_attr(&x, "plan", m->plan_id);
	xw_attr_int(&x, "year", m->year);
	xw_attr_int(&x, "month", m->month);
	xw_attr(&x, "as-of", m->as_of);
	plan_elem(&x, m);
	provenance_elem(&x, m);
	tasks_elem(&x, m);
	units_elem(&x, m);
	air_elem(&x, m);
	targets_elem(&x, m);
	xw_close(&x);
	return xw_end(&x, out);
}

/* ---- validation ----------------------------------------------------------- */

static struct xw_schema schema = XW_SCHEMA_INIT(embed_merge, &embed_merge_len,
    "merge.rng");

int
merged_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl)
{
	return xw_validate(&schema, xml, len, name, dl);
}

int
merged_write_xml(const struct merged *m, struct buf *out,
    struct diag_list *dl)
{
	char *name = xasprintf("merged/%s/%04u-%02u.xml", m->plan_id,
	    (unsigned)m->year % 10000u, (unsigned)m->month % 100u);
	struct buf doc = { 0 };
	int ok = 0;
	if (!serialise(m, &doc))
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
	else if (merged_xml_validate(doc.data, doc.len, name, dl)) {
		buf_put(out, doc.data, doc.len);
		ok = 1;
	}
	buf_free(&doc);
	free(name);
	return ok;
}
