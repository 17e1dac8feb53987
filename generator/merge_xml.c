/*
 * merge_xml.c -- the merged model as XML (shape documented at the top of
 * merge.rng), and validation against the embedded schema.
 *
 * Written with libxml2's xmlTextWriter, which escapes markup; every string
 * that comes from a plan text or a ledger first passes xml_text_clean(),
 * which drops what XML 1.0 cannot carry. Numbers are printed from fixed
 * point (no floating point), in a fixed order; nothing comes from the
 * clock, so the same model gives the same bytes. The bytes are parsed back
 * and validated before they are handed out, as plan_xml.c does.
 *
 * Thread safety: as plan_xml.c -- the schema is parsed once (pthread_once)
 * and only read afterwards; libxml2's errors go to a per-call sink.
 */
#include "merge_xml.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "aqi.h"
#include "util.h"
#include "xmltext.h"

#define MERGE_NS "urn:lantian:merged:1"

extern const unsigned char embed_merge[];
extern const unsigned long embed_merge_len;

/* ---- writer helpers ------------------------------------------------------ */

struct xw {
	xmlTextWriterPtr w;
	int failed;
};

static void
check(struct xw *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

static void
open_elem(struct xw *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void
close_elem(struct xw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

/* An attribute from untrusted text; nothing when value is NULL. */
static void
attr(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	char *c = xml_text_clean(value);
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST c));
	free(c);
}

static void
attr_nonempty(struct xw *x, const char *name, const char *value)
{
	if (value && *value)
		attr(x, name, value);
}

static void
attr_int(struct xw *x, const char *name, long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", v);
	attr(x, name, tmp);
}

static void
attr_bool(struct xw *x, const char *name, int v)
{
	attr(x, name, v ? "yes" : "no");
}

/*
 * v (AQI_SCALE units) with `decimals` decimals, rounded half to even
 * (GB/T 8170; exact for values already at that precision). Returns tmp.
 */
static const char *
fixed(char tmp[40], int64_t v, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > AQI_DECIMALS)
		decimals = AQI_DECIMALS;
	int64_t step = 1;
	for (int i = decimals; i < AQI_DECIMALS; i++)
		step *= 10;
	int neg = v < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t q = a / (uint64_t)step, r = a % (uint64_t)step;
	uint64_t half = (uint64_t)step / 2;
	if (step > 1 && (r > half || (r == half && (q & 1))))
		q++;
	uint64_t div = 1;
	for (int i = 0; i < decimals; i++)
		div *= 10;
	const char *sign = neg && q ? "-" : "";
	char frac[8] = "";
	uint64_t f = q % div;
	for (int i = decimals; i > 0; i--, f /= 10)
		frac[i] = (char)('0' + f % 10);
	if (decimals > 0)
		frac[0] = '.';
	frac[decimals > 0 ? decimals + 1 : 0] = 0;
	snprintf(tmp, 40, "%s%llu%s", sign, (unsigned long long)(q / div),
	    frac);
	return tmp;
}

/* A fixed-point attribute; nothing when v is AQI_MISSING. */
static void
attr_fixed(struct xw *x, const char *name, int64_t v, int decimals)
{
	char tmp[40];
	if (v != AQI_MISSING)
		attr(x, name, fixed(tmp, v, decimals));
}

static void
text(struct xw *x, const char *s)
{
	if (!s || !*s)
		return;
	char *c = xml_text_clean(s);
	check(x, xmlTextWriterWriteString(x->w, BAD_CAST c));
	free(c);
}

static void
text_elem(struct xw *x, const char *name, const char *s)
{
	if (!s)
		return;
	open_elem(x, name);
	text(x, s);
	close_elem(x);
}

static void
attr_ym(struct xw *x, const char *name, int year, int month)
{
	char tmp[16];
	snprintf(tmp, sizeof tmp, "%04u-%02u", (unsigned)year % 10000u,
	    (unsigned)month % 100u);
	attr(x, name, tmp);
}

static void
attr_day(struct xw *x, const char *name, int32_t day)
{
	int y, m, d;
	char tmp[16];
	airq_day_civil(day, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	attr(x, name, tmp);
}

static void
attr_percent10(struct xw *x, const char *name, int p10)
{
	char tmp[16];
	if (p10 == LEDGER_PERCENT_NONE || p10 < 0)
		return;
	snprintf(tmp, sizeof tmp, "%d.%d", p10 / 10, p10 % 10);
	attr(x, name, tmp);
}

/* ---- header and provenance ---------------------------------------------- */

static void
plan_elem(struct xw *x, const struct merged *m)
{
	open_elem(x, "plan");
	text_elem(x, "title", m->title);
	text_elem(x, "place", m->place);
	text_elem(x, "level", m->level);
	close_elem(x);
}

static void
label_elem(struct xw *x, const char *kind, const char *s)
{
	open_elem(x, "label");
	attr(x, "kind", kind);
	text(x, s);
	close_elem(x);
}

static void
provenance_elem(struct xw *x, const struct merged *m)
{
	open_elem(x, "provenance");
	if (m->simulated_air)
		label_elem(x, "simulated", MERGE_LABEL_SIMULATED);
	if (m->sample_ledgers)
		label_elem(x, "sample", MERGE_LABEL_SAMPLE);
	if (m->stations_parent && m->area_label) {
		char *s = xasprintf(MERGE_LABEL_STATIONS_FMT, m->area_label);
		label_elem(x, "stations", s);
		free(s);
	}
	close_elem(x);
}

/* ---- tasks ---------------------------------------------------------------- */

static void
counts_attrs(struct xw *x, const int by_state[LEDGER_NSTATE])
{
	for (int s = 0; s < LEDGER_NSTATE; s++)
		attr_int(x, ledger_state_code((enum ledger_state)s), by_state[s]);
}

static void
deadline_elem(struct xw *x, const struct deadline *d, const struct compl_task *c,
    const char *as_of)
{
	open_elem(x, "deadline");
	if (d->date[0]) {
		attr(x, "date", d->date);
		attr(x, "kind", !strcmp(d->date, c->deadline) ? "final" : "stage");
		attr_bool(x, "passed", strcmp(d->date, as_of) <= 0);
	} else {
		attr(x, "kind", "undated");
	}
	attr_int(x, "line", (long long)d->line);
	text(x, d->raw);
	close_elem(x);
}

static void
status_elem(struct xw *x, const struct compl_task *c)
{
	open_elem(x, "status");
	attr_nonempty(x, "deadline", c->deadline);
	attr_bool(x, "undated", c->undated);
	attr_bool(x, "overdue", c->overdue);
	if (c->overdue)
		attr_int(x, "days-overdue", c->days_overdue);
	attr_bool(x, "due-soon", c->due_soon);
	attr_nonempty(x, "due-soon-date", c->due_soon_date);
	attr_int(x, "stages-passed", c->stages_passed);
	attr_bool(x, "done-late", c->done_late);
	if (c->done_year)
		attr_ym(x, "done-since", c->done_year, c->done_month);
	close_elem(x);
}

static void
report_elem(struct xw *x, const struct merged_report *r)
{
	open_elem(x, "report");
	attr(x, "unit", r->unit);
	attr(x, "state", ledger_state_code(r->state));
	attr(x, "state-raw", r->state_raw);
	attr_percent10(x, "percent", r->percent10);
	attr_nonempty(x, "date", r->date);
	attr_bool(x, "ongoing", r->ongoing);
	if (r->text && *r->text)
		text_elem(x, "text", r->text);
	if (r->note && *r->note)
		text_elem(x, "note", r->note);
	close_elem(x);
}

static void
task_elem(struct xw *x, const struct merged *m, const struct merged_task *t)
{
	open_elem(x, "task");
	attr_int(x, "ref", (long long)t->index + 1);
	attr(x, "number", t->number);
	attr(x, "state", ledger_state_code(t->c.state));
	attr(x, "state-name", ledger_state_name(t->c.state));
	attr_percent10(x, "percent", t->c.percent10);
	attr_bool(x, "ongoing", t->c.ongoing);
	text_elem(x, "title", t->title);
	if (t->n_units) {
		open_elem(x, "units");
		for (size_t i = 0; i < t->n_units; i++) {
			open_elem(x, "unit");
			attr(x, "role", merged_role_code(t->units[i].role));
			attr(x, "ref", t->units[i].id);
			if (t->units[i].inherited)
				attr_bool(x, "inherited", 1);
			text(x, t->units[i].name);
			close_elem(x);
		}
		close_elem(x);
	}
	for (size_t i = 0; i < t->n_deadlines; i++)
		deadline_elem(x, &t->deadlines[i], &t->c, m->as_of);
	status_elem(x, &t->c);
	open_elem(x, "history");
	for (size_t i = 0; i < m->n_months; i++) {
		const struct ledger_cell *c = &t->history[i];
		open_elem(x, "month");
		attr_ym(x, "ym", m->months[i].year, m->months[i].month);
		attr(x, "state", ledger_state_code(c->state));
		attr_percent10(x, "percent", c->percent10);
		attr_int(x, "reports", (long long)c->n_reports);
		close_elem(x);
	}
	close_elem(x);
	if (t->n_reports) {
		open_elem(x, "reports");
		attr_ym(x, "ym", t->latest_year, t->latest_month);
		for (size_t i = 0; i < t->n_reports; i++)
			report_elem(x, &t->reports[i]);
		close_elem(x);
	}
	close_elem(x);
}

static void
tasks_elem(struct xw *x, const struct merged *m)
{
	open_elem(x, "tasks");
	attr_int(x, "total", (long long)m->n_tasks);
	attr_bool(x, "ledger-this-month", m->ledgers_this_month);
	open_elem(x, "months");
	for (size_t i = 0; i < m->n_months; i++) {
		open_elem(x, "month");
		attr_ym(x, "ym", m->months[i].year, m->months[i].month);
		attr_bool(x, "present", m->months[i].present);
		attr_bool(x, "sample", m->months[i].sample);
		close_elem(x);
	}
	close_elem(x);
	open_elem(x, "counts");
	counts_attrs(x, m->by_state);
	attr_int(x, "overdue", m->overdue);
	attr_int(x, "due-soon", m->due_soon);
	attr_int(x, "done-late", m->done_late);
	attr_int(x, "undated", m->undated);
	close_elem(x);
	for (size_t i = 0; i < m->n_tasks; i++)
		task_elem(x, m, &m->tasks[i]);
	close_elem(x);
}

static void
units_elem(struct xw *x, const struct merged *m)
{
	open_elem(x, "units");
	for (size_t i = 0; i < m->n_units; i++) {
		const struct merged_unit *u = &m->units[i];
		open_elem(x, "unit");
		attr(x, "ref", u->id);
		attr(x, "name", u->name);
		attr_int(x, "tasks", u->tasks);
		for (int r = 0; r < MERGE_NROLE; r++)
			attr_int(x, merged_role_code((enum merged_role)r),
			    u->by_role[r]);
		counts_attrs(x, u->by_state);
		attr_int(x, "overdue", u->overdue);
		attr_int(x, "due-soon", u->due_soon);
		attr_int(x, "done-late", u->done_late);
		for (size_t k = 0; k < u->n_task_idx; k++) {
			const struct merged_task *t = &m->tasks[u->task_idx[k]];
			open_elem(x, "task");
			attr_int(x, "ref", (long long)t->index + 1);
			attr(x, "number", t->number);
			close_elem(x);
		}
		close_elem(x);
	}
	close_elem(x);
}

/* ---- air quality ---------------------------------------------------------- */

/* The six period figures, in the order bulletins print them. */
static const enum aqi_ind figure_inds[] = {
	AQI_SO2, AQI_NO2, AQI_PM10, AQI_PM25, AQI_CO, AQI_O3_8H,
};

static void
period_elem(struct xw *x, const char *kind, const struct airq_compare *c)
{
	const struct airq_period *p = &c->cur, *q = &c->prev;
	open_elem(x, "period");
	attr(x, "kind", kind);
	attr_day(x, "from", p->range.from);
	attr_day(x, "to", p->range.to);
	attr_int(x, "days", p->days);
	attr_int(x, "min-days", p->min_days);
	attr_int(x, "days-data", p->days_data);
	attr_bool(x, "valid", p->valid);
	attr_bool(x, "have-prev", c->have_prev);
	if (c->have_prev) {
		attr_day(x, "prev-from", q->range.from);
		attr_day(x, "prev-to", q->range.to);
	}
	for (size_t i = 0; i < sizeof figure_inds / sizeof figure_inds[0];
	    i++) {
		enum aqi_ind ind = figure_inds[i];
		int dec = aqi_report_decimals(ind);
		open_elem(x, "figure");
		attr(x, "code", aqi_ind_code(ind));
		attr_fixed(x, "value", p->c[ind], dec);
		attr_int(x, "valid-days", p->nvalid[ind]);
		attr_fixed(x, "index", p->single[ind], 2);
		if (c->have_prev) {
			attr_fixed(x, "prev", q->c[ind], dec);
			attr_fixed(x, "change", c->change[ind], 1);
		}
		close_elem(x);
	}
	open_elem(x, "composite");
	attr_fixed(x, "value", p->composite, 2);
	if (c->have_prev) {
		attr_fixed(x, "prev", q->composite, 2);
		attr_fixed(x, "change", c->composite_change, 1);
	}
	close_elem(x);
	open_elem(x, "days");
	attr_int(x, "valid", p->d.valid);
	attr_int(x, "good", p->d.good);
	attr_int(x, "heavy", p->d.heavy);
	attr_fixed(x, "good-ratio", p->good_pct, 1);
	attr_fixed(x, "heavy-ratio", p->heavy_pct, 1);
	if (c->have_prev) {
		attr_int(x, "prev-valid", q->d.valid);
		attr_int(x, "prev-good", q->d.good);
		attr_int(x, "prev-heavy", q->d.heavy);
		attr_fixed(x, "prev-good-ratio", q->good_pct, 1);
		attr_fixed(x, "prev-heavy-ratio", q->heavy_pct, 1);
		attr_fixed(x, "good-points", c->good_points, 1);
		attr_fixed(x, "heavy-points", c->heavy_points, 1);
	}
	close_elem(x);
	for (int lv = 0; lv < 6; lv++) {
		open_elem(x, "level");
		attr_int(x, "n", lv + 1);
		attr_int(x, "days", p->d.by_level[lv]);
		close_elem(x);
	}
	for (int ind = 0; ind < AQI_NIND; ind++) {
		open_elem(x, "exceed");
		attr(x, "code", aqi_ind_code((enum aqi_ind)ind));
		attr_int(x, "days", p->d.exceed[ind]);
		attr_int(x, "primary-days", p->d.primary[ind]);
		if (c->have_prev)
			attr_int(x, "prev-days", q->d.exceed[ind]);
		close_elem(x);
	}
	close_elem(x);
}

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
	open_elem(x, "ranking");
	attr(x, "by", by);
	attr(x, "period", rk->ytd ? "ytd" : "month");
	attr_int(x, "ranked", (long long)rk->nranked);
	if (rk->rank > 0) {
		attr_int(x, "rank", rk->rank);
		attr_bool(x, "tied", rk->tied);
	}
	for (size_t i = 0; i < rk->n; i++) {
		const struct merged_rank_row *r = &rk->rows[i];
		open_elem(x, "row");
		attr(x, "area", r->area);
		attr_fixed(x, "key", r->key, dec);
		if (rk->by == AIRQ_RANK_GOOD)
			attr_fixed(x, "pm25", r->key2, dec2);
		if (r->rank > 0) {
			attr_int(x, "rank", r->rank);
			attr_bool(x, "tied", r->tied);
		}
		close_elem(x);
	}
	close_elem(x);
}

static void
primary_attr(struct xw *x, unsigned primary)
{
	char tmp[96] = "";
	size_t n = 0;
	for (int ind = 0; ind < AQI_NIND; ind++)
		if (primary & (1u << ind))
			n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s%s",
			    n ? " " : "", aqi_ind_code((enum aqi_ind)ind));
	if (n)
		attr(x, "primary", tmp);
}

static void
calendar_elem(struct xw *x, const struct merged *m)
{
	const struct merged_air *air = &m->air;
	open_elem(x, "calendar");
	for (size_t i = 0; i < air->n_days; i++) {
		const struct merged_day *d = &air->days[i];
		open_elem(x, "day");
		attr_day(x, "date", airq_day_index(m->year, m->month, d->day));
		attr_bool(x, "data", d->have);
		attr_bool(x, "valid", d->valid);
		if (d->aqi != AQI_NONE) {
			const struct aqi_level *lv = aqi_level_of(d->aqi);
			attr(x, "standard", aqi_standard_name(d->std));
			attr_int(x, "aqi", d->aqi);
			if (lv) {
				attr_int(x, "level", lv->level);
				attr(x, "category", lv->category);
			}
			primary_attr(x, d->primary);
		}
		for (int k = 0; k < AQI_NIND; k++)
			attr_fixed(x, aqi_ind_code((enum aqi_ind)k), d->c[k],
			    aqi_report_decimals((enum aqi_ind)k));
		close_elem(x);
	}
	close_elem(x);
}

static const char *
field_code(int f)
{
	return f < AQI_NIND ? aqi_ind_code((enum aqi_ind)f) : "aqi";
}

static void
quality_elem(struct xw *x, const struct merged_air *air)
{
	open_elem(x, "quality");
	attr_int(x, "aqi-days-valid", air->q_aqi_days_valid);
	for (int k = 0; k < AQI_NIND; k++) {
		open_elem(x, "area-days");
		attr(x, "code", aqi_ind_code((enum aqi_ind)k));
		attr_int(x, "valid", air->q_area_days_valid[k]);
		attr_int(x, "few-stations", air->q_area_days_few[k]);
		close_elem(x);
	}
	for (size_t i = 0; i < air->n_qst; i++) {
		const struct merged_qstation *s = &air->qst[i];
		open_elem(x, "station");
		attr(x, "code", s->code);
		attr(x, "name", s->name);
		attr_bool(x, "background", s->background);
		attr_int(x, "hours", s->hours);
		attr_int(x, "hours-data", s->hours_data);
		attr_int(x, "outages", s->outages);
		if (s->longest_outage_start != MON_HOUR_NONE) {
			int y, mo, d, h;
			char tmp[32];
			mon_hour_civil(s->longest_outage_start, &y, &mo, &d, &h);
			snprintf(tmp, sizeof tmp, "%04u-%02u-%02uT%02u",
			    (unsigned)y % 10000u, (unsigned)mo % 100u,
			    (unsigned)d % 100u, (unsigned)h % 100u);
			attr_int(x, "longest-outage", s->longest_outage);
			attr(x, "longest-outage-start", tmp);
		}
		for (int k = 0; k < AQI_NIND; k++) {
			open_elem(x, "pollutant");
			attr(x, "code", aqi_ind_code((enum aqi_ind)k));
			attr_int(x, "valid-days", s->days_valid[k]);
			attr_int(x, "short-days", s->days_short[k]);
			attr_int(x, "no-data-days", s->days_none[k]);
			close_elem(x);
		}
		close_elem(x);
	}
	for (int r = 0; r < MON_ROW_NREASON; r++) {
		if (!air->q_rows_rejected[r])
			continue;
		open_elem(x, "rejected-rows");
		attr(x, "reason", mon_row_reason_name((enum mon_row_reason)r));
		attr_int(x, "count", (long long)air->q_rows_rejected[r]);
		close_elem(x);
	}
	for (int f = 0; f < MON_NFIELD; f++)
		for (int r = 0; r < MON_CELL_NREASON; r++) {
			if (!air->q_cells_rejected[f][r])
				continue;
			open_elem(x, "rejected-cells");
			attr(x, "field", field_code(f));
			attr(x, "reason",
			    mon_cell_reason_name((enum mon_cell_reason)r));
			attr_int(x, "count",
			    (long long)air->q_cells_rejected[f][r]);
			close_elem(x);
		}
	close_elem(x);
}

static void
air_elem(struct xw *x, const struct merged *m)
{
	const struct merged_air *air = &m->air;
	open_elem(x, "air");
	attr(x, "area", air->area ? air->area : m->area_label);
	attr_bool(x, "data", air->have);
	if (air->area) {
		period_elem(x, "month", &air->month);
		period_elem(x, "ytd", &air->ytd);
		for (size_t i = 0; i < air->n_rankings; i++)
			ranking_elem(x, &air->rankings[i]);
		calendar_elem(x, m);
		quality_elem(x, air);
	}
	close_elem(x);
}

/* ---- targets -------------------------------------------------------------- */

static int
target_decimals(enum compl_metric mt)
{
	switch (mt) {
	case COMPL_M_CO:
	case COMPL_M_GOOD_RATIO:
	case COMPL_M_HEAVY_RATIO:
		return 1;
	case COMPL_M_COMPOSITE:
		return 2;
	default:
		return 0;
	}
}

static void
target_elem(struct xw *x, const struct merged *m, const struct merged_target *t)
{
	const struct compl_target *r = &t->r;
	open_elem(x, "target");
	attr(x, "scope", t->plan_level ? "plan" : "task");
	if (!t->plan_level) {
		attr_int(x, "task", (long long)m->tasks[t->task].index + 1);
		attr(x, "task-number", m->tasks[t->task].number);
	}
	attr(x, "metric-code", compliance_metric_code(r->metric));
	attr(x, "verdict", compliance_verdict_code(r->verdict));
	attr(x, "verdict-name", compliance_verdict_name(r->verdict));
	attr_int(x, "year", r->target_year);
	attr_int(x, "line", (long long)t->line);
	text_elem(x, "metric", t->metric);
	open_elem(x, "condition");
	attr(x, "op", t->op);
	attr(x, "value", t->value);
	attr(x, "value2", t->value2);
	attr_nonempty(x, "unit", t->unit);
	close_elem(x);
	text_elem(x, "raw", t->raw);
	if (r->metric != COMPL_M_NONE) {
		int dec = target_decimals(r->metric);
		open_elem(x, "figures");
		attr_fixed(x, "current", r->current, dec);
		attr_fixed(x, "control", r->control, dec);
		attr_fixed(x, "reference", r->reference, dec);
		attr_int(x, "remaining-days", r->remaining);
		if (r->metric == COMPL_M_GOOD_RATIO ||
		    r->metric == COMPL_M_GOOD_DAYS) {
			attr_int(x, "good-days-needed", r->needed);
			attr_int(x, "gap", r->gap);
		} else if (r->metric == COMPL_M_HEAVY_RATIO ||
		    r->metric == COMPL_M_HEAVY_DAYS) {
			attr_int(x, "heavy-days-allowed", r->needed);
		}
		close_elem(x);
	}
	text_elem(x, "method", r->method ? r->method : "");
	close_elem(x);
}

static void
targets_elem(struct xw *x, const struct merged *m)
{
	open_elem(x, "targets");
	for (size_t i = 0; i < m->n_targets; i++)
		target_elem(x, m, &m->targets[i]);
	close_elem(x);
}

/* ---- document ------------------------------------------------------------- */

static int
serialise(const struct merged *m, struct buf *out)
{
	xmlBufferPtr mem = xml_buffer_new();
	struct xw x = { .w = xmlNewTextWriterMemory(mem, 0) };
	if (!x.w) {
		xmlBufferFree(mem);
		return 0;
	}
	check(&x, xmlTextWriterSetIndent(x.w, 1));
	check(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST " "));
	check(&x, xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL));
	open_elem(&x, "merged");
	attr(&x, "xmlns", MERGE_NS);
	attr(&x, "plan", m->plan_id);
	attr_int(&x, "year", m->year);
	attr_int(&x, "month", m->month);
	attr(&x, "as-of", m->as_of);
	plan_elem(&x, m);
	provenance_elem(&x, m);
	tasks_elem(&x, m);
	units_elem(&x, m);
	if (m->area_label || m->air.area)
		air_elem(&x, m);
	targets_elem(&x, m);
	close_elem(&x);
	check(&x, xmlTextWriterEndDocument(x.w));
	xmlFreeTextWriter(x.w);
	if (!x.failed)
		buf_put(out, xmlBufferContent(mem), (size_t)xmlBufferLength(mem));
	xmlBufferFree(mem);
	return !x.failed;
}

/* ---- validation ----------------------------------------------------------- */

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlRelaxNGPtr schema;
static char schema_error[512];

static void
schema_parse_error(void *data, xmlErrorPtr e)
{
	(void)data;
	if (!schema_error[0] && e && e->message)
		snprintf(schema_error, sizeof schema_error, "%s", e->message);
}

static void
schema_init(void)
{
	xmlInitParser();
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
	    (const char *)embed_merge, (int)embed_merge_len);
	if (!pc)
		return;
	xmlRelaxNGSetParserStructuredErrors(pc, schema_parse_error, NULL);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
}

struct sink {
	struct diag_list *dl;
	const char *name;
	const char *what;
};

static void
sink_error(void *data, xmlErrorPtr e)
{
	struct sink *s = data;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *msg = xstrdup(e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	size_t col = e->domain == XML_FROM_PARSER && e->int2 > 0 ?
	    (size_t)e->int2 : 0;
	diag_add(s->dl, DIAG_ERROR, s->name, e->line > 0 ? (size_t)e->line : 0,
	    col, "%s：%s", s->what, msg);
	free(msg);
}

int
merged_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl)
{
	pthread_once(&schema_once, schema_init);
	if (!schema) {
		diag_add(dl, DIAG_ERROR, name, 0, 0,
		    "内部错误：内置模式 merge.rng 无法解析：%s", schema_error);
		return 0;
	}
	if (len > (size_t)INT_MAX) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "XML 文件过大");
		return 0;
	}
	struct sink s = { dl, name, "XML 格式错误" };
	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&s, sink_error);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE);
	int ok = 0;
	if (doc) {
		s.what = "不符合模式 merge.rng";
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
		if (vc) {
			xmlRelaxNGSetValidStructuredErrors(vc, sink_error, &s);
			ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
			xmlRelaxNGFreeValidCtxt(vc);
		}
		xmlFreeDoc(doc);
	}
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	return ok;
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
