/*
 * bulletin_model.c -- read the merged, ranking and area-index documents
 * into the structs of bulletin_model.h (libxml2 tree, after validation
 * against the embedded schemas). No typesetting.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bulletin_model.h"
#include "util.h"
#include "xmlw.h"

extern const unsigned char embed_merge[];
extern const unsigned long embed_merge_len;
extern const unsigned char embed_area[];
extern const unsigned long embed_area_len;

static struct xw_schema merge_schema = XW_SCHEMA_INIT(embed_merge,
    &embed_merge_len, "merge.rng");
static struct xw_schema area_schema = XW_SCHEMA_INIT(embed_area,
    &embed_area_len, "area.rng");

/* ---- small libxml2 helpers ---- */

static int
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The attribute as our own string, NULL when absent. */
static char *
attr(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

static int
attr_yes(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int yes = v && strcmp((const char *)v, "yes") == 0;
	xmlFree(v);
	return yes;
}

static int
attr_int(const xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	int i = v ? atoi((const char *)v) : 0;
	xmlFree(v);
	return i;
}

static char *
text_of(const xmlNode *n)
{
	xmlChar *v = xmlNodeGetContent(n);
	char *s = xstrdup(v ? (const char *)v : "");
	xmlFree(v);
	return s;
}

static const xmlNode *
child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		if (is_elem(c, name))
			return c;
	return NULL;
}

static size_t
count_children(const xmlNode *n, const char *name)
{
	size_t k = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		k += is_elem(c, name);
	return k;
}

#define FOR_CHILD(c, n, name) \
	for (const xmlNode *c = (n)->children; c; c = c->next) \
		if (is_elem(c, name))

/* Validate src against s and parse it; NULL with an error in dl. */
static xmlDoc *
load(struct xw_schema *s, const struct bulletin_src *src, const char *root,
    struct diag_list *dl)
{
	const char *name = src->name ? src->name : "(输入)";
	if (!src->data) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "缺少输入文件");
		return NULL;
	}
	if (src->len > (size_t)INT32_MAX) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "文件过大");
		return NULL;
	}
	/* Parsed once: the validated document is the one read. */
	xmlDoc *doc = xw_parse_valid(s, src->data, src->len, name, dl);
	if (!doc)
		return NULL;
	const xmlNode *r = xmlDocGetRootElement(doc);
	if (!r || !is_elem(r, root)) {
		diag_add(dl, DIAG_ERROR, name, 0, 0,
		    "根元素应为 <%s>：这不是所需的文件", root);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static void
read_labels(const xmlNode *prov, struct bm_label **v, size_t *n)
{
	if (!prov)
		return;
	*v = xcalloc(count_children(prov, "label") + 1, sizeof **v);
	FOR_CHILD(c, prov, "label") {
		(*v)[*n].kind = attr(c, "kind");
		(*v)[*n].text = text_of(c);
		(*n)++;
	}
}

static void
free_labels(struct bm_label *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].kind);
		free(v[i].text);
	}
	free(v);
}

/* ---- merged: tasks and units ---- */

static void
read_task(const xmlNode *n, struct bm_task *t)
{
	t->number = attr(n, "number");
	t->state = attr(n, "state");
	t->state_name = attr(n, "state-name");
	t->percent = attr(n, "percent");
	const xmlNode *e = child(n, "title");
	t->title = e ? text_of(e) : NULL;
	if ((e = child(n, "units"))) {
		t->units = xcalloc(count_children(e, "unit") + 1,
		    sizeof *t->units);
		FOR_CHILD(u, e, "unit") {
			t->units[t->nunits].role = attr(u, "role");
			t->units[t->nunits].name = text_of(u);
			t->nunits++;
		}
	}
	if ((e = child(n, "status"))) {
		t->deadline = attr(e, "deadline");
		t->days_overdue = attr(e, "days-overdue");
		t->due_soon_date = attr(e, "due-soon-date");
		t->done_since = attr(e, "done-since");
		t->overdue = attr_yes(e, "overdue");
		t->due_soon = attr_yes(e, "due-soon");
		t->done_late = attr_yes(e, "done-late");
		t->undated = attr_yes(e, "undated");
	}
	/* The plan's words for the deadline that applies (the status one;
	 * for due-soon, the stage that falls due). */
	const char *want = t->due_soon_date ? t->due_soon_date : t->deadline;
	FOR_CHILD(d, n, "deadline") {
		char *date = attr(d, "date");
		int hit = want && date && strcmp(date, want) == 0;
		free(date);
		if (hit && !t->deadline_raw)
			t->deadline_raw = text_of(d);
	}
	if ((e = child(n, "reports"))) {
		t->report_ym = attr(e, "ym");
		const xmlNode *r = child(e, "report");
		const xmlNode *tx = r ? child(r, "text") : NULL;
		t->report_text = tx ? text_of(tx) : NULL;
	}
}

static void
free_task(struct bm_task *t)
{
	free(t->number);
	free(t->state);
	free(t->state_name);
	free(t->percent);
	free(t->title);
	for (size_t i = 0; i < t->nunits; i++) {
		free(t->units[i].role);
		free(t->units[i].name);
	}
	free(t->units);
	free(t->deadline);
	free(t->deadline_raw);
	free(t->days_overdue);
	free(t->due_soon_date);
	free(t->done_since);
	free(t->report_ym);
	free(t->report_text);
}

static void
read_tasks(const xmlNode *n, struct bm_merged *m)
{
	m->total = attr(n, "total");
	m->ledger_this_month = attr_yes(n, "ledger-this-month");
	const xmlNode *c = child(n, "counts");
	if (c) {
		m->c_unreported = attr(c, "unreported");
		m->c_not_started = attr(c, "not-started");
		m->c_in_progress = attr(c, "in-progress");
		m->c_done = attr(c, "done");
		m->c_late = attr(c, "late");
		m->c_overdue = attr(c, "overdue");
		m->c_due_soon = attr(c, "due-soon");
		m->c_done_late = attr(c, "done-late");
		m->c_undated = attr(c, "undated");
	}
	m->tasks = xcalloc(count_children(n, "task") + 1, sizeof *m->tasks);
	FOR_CHILD(t, n, "task")
		read_task(t, &m->tasks[m->ntasks++]);
}

static void
read_units(const xmlNode *n, struct bm_merged *m)
{
	m->units = xcalloc(count_children(n, "unit") + 1, sizeof *m->units);
	FOR_CHILD(e, n, "unit") {
		struct bm_unit *u = &m->units[m->nunits++];
		u->name = attr(e, "name");
		u->tasks = attr(e, "tasks");
		u->lead = attr(e, "lead");
		u->cooperating = attr(e, "cooperating");
		u->responsible = attr(e, "responsible");
		u->participating = attr(e, "participating");
		u->unreported = attr(e, "unreported");
		u->not_started = attr(e, "not-started");
		u->in_progress = attr(e, "in-progress");
		u->done = attr(e, "done");
		u->late = attr(e, "late");
		u->overdue = attr(e, "overdue");
		u->due_soon = attr(e, "due-soon");
		u->done_late = attr(e, "done-late");
		u->n_overdue = attr_int(e, "overdue");
	}
}

static void
free_unit(struct bm_unit *u)
{
	char **f[] = { &u->name, &u->tasks, &u->lead, &u->cooperating,
	    &u->responsible, &u->participating, &u->unreported,
	    &u->not_started, &u->in_progress, &u->done, &u->late,
	    &u->overdue, &u->due_soon, &u->done_late };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(*f[i]);
}

/* ---- merged: air ---- */

static void
read_period(const xmlNode *n, struct bm_period *p)
{
	p->present = 1;
	p->kind = attr(n, "kind");
	p->from = attr(n, "from");
	p->to = attr(n, "to");
	p->days = attr(n, "days");
	p->min_days = attr(n, "min-days");
	p->days_data = attr(n, "days-data");
	p->valid = attr_yes(n, "valid");
	p->have_prev = attr_yes(n, "have-prev");
	p->prev_from = attr(n, "prev-from");
	p->prev_to = attr(n, "prev-to");
	FOR_CHILD(c, n, "figure") {
		if (p->nfig == BM_NFIG)
			break;
		struct bm_figure *f = &p->fig[p->nfig++];
		f->code = attr(c, "code");
		f->value = attr(c, "value");
		f->valid_days = attr(c, "valid-days");
		f->index = attr(c, "index");
		f->prev = attr(c, "prev");
		f->change = attr(c, "change");
	}
	const xmlNode *c = child(n, "composite");
	if (c) {
		p->comp_value = attr(c, "value");
		p->comp_prev = attr(c, "prev");
		p->comp_change = attr(c, "change");
	}
	if ((c = child(n, "days"))) {
		p->valid_days = attr(c, "valid");
		p->good = attr(c, "good");
		p->heavy = attr(c, "heavy");
		p->good_ratio = attr(c, "good-ratio");
		p->heavy_ratio = attr(c, "heavy-ratio");
		p->prev_valid = attr(c, "prev-valid");
		p->prev_good = attr(c, "prev-good");
		p->prev_heavy = attr(c, "prev-heavy");
		p->prev_good_ratio = attr(c, "prev-good-ratio");
		p->prev_heavy_ratio = attr(c, "prev-heavy-ratio");
		p->good_points = attr(c, "good-points");
		p->heavy_points = attr(c, "heavy-points");
	}
	FOR_CHILD(l, n, "level") {
		int k = attr_int(l, "n");
		if (k >= 1 && k <= BM_NLEVEL && !p->level_days[k - 1])
			p->level_days[k - 1] = attr(l, "days");
	}
	FOR_CHILD(x, n, "exceed") {
		if (p->nex == BM_NEXCEED)
			break;
		struct bm_exceed *e = &p->ex[p->nex++];
		e->code = attr(x, "code");
		e->days = attr(x, "days");
		e->primary_days = attr(x, "primary-days");
		e->prev_days = attr(x, "prev-days");
	}
}

static void
free_period(struct bm_period *p)
{
	char **f[] = { &p->kind, &p->from, &p->to, &p->days, &p->min_days,
	    &p->days_data, &p->prev_from, &p->prev_to, &p->comp_value,
	    &p->comp_prev, &p->comp_change, &p->valid_days, &p->good,
	    &p->heavy, &p->good_ratio, &p->heavy_ratio, &p->prev_valid,
	    &p->prev_good, &p->prev_heavy, &p->prev_good_ratio,
	    &p->prev_heavy_ratio, &p->good_points, &p->heavy_points };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(*f[i]);
	for (size_t i = 0; i < p->nfig; i++) {
		struct bm_figure *g = &p->fig[i];
		free(g->code);
		free(g->value);
		free(g->valid_days);
		free(g->index);
		free(g->prev);
		free(g->change);
	}
	for (size_t i = 0; i < BM_NLEVEL; i++)
		free(p->level_days[i]);
	for (size_t i = 0; i < p->nex; i++) {
		free(p->ex[i].code);
		free(p->ex[i].days);
		free(p->ex[i].primary_days);
		free(p->ex[i].prev_days);
	}
}

static void
read_calendar(const xmlNode *n, struct bm_merged *m)
{
	m->days = xcalloc(count_children(n, "day") + 1, sizeof *m->days);
	FOR_CHILD(c, n, "day") {
		struct bm_day *d = &m->days[m->ndays++];
		char *date = attr(c, "date");
		d->day = date && strlen(date) == 10 ? atoi(date + 8) : 0;
		free(date);
		d->data = attr_yes(c, "data");
		d->valid = attr_yes(c, "valid");
		d->aqi_s = attr(c, "aqi");
		d->aqi = d->aqi_s ? atoi(d->aqi_s) : 0;
		d->level = attr_int(c, "level");
		d->category = attr(c, "category");
		d->primary = attr(c, "primary");
	}
}

static void
read_pollutant_q(const xmlNode *c, struct bm_pollutant_q *q)
{
	q->code = attr(c, "code");
	q->valid_days = attr(c, "valid-days");
	q->short_days = attr(c, "short-days");
	q->no_data_days = attr(c, "no-data-days");
}

static void
free_pollutant_q(struct bm_pollutant_q *q)
{
	free(q->code);
	free(q->valid_days);
	free(q->short_days);
	free(q->no_data_days);
}

static void
read_quality(const xmlNode *n, struct bm_quality *q)
{
	q->aqi_days_valid = attr(n, "aqi-days-valid");
	FOR_CHILD(c, n, "area-days") {
		if (q->narea_days == BM_NEXCEED)
			break;
		struct bm_pollutant_q *a = &q->area_days[q->narea_days++];
		a->code = attr(c, "code");
		a->valid_days = attr(c, "valid");
		a->short_days = attr(c, "few-stations");
	}
	q->st = xcalloc(count_children(n, "station") + 1, sizeof *q->st);
	FOR_CHILD(c, n, "station") {
		struct bm_station *s = &q->st[q->nst++];
		s->code = attr(c, "code");
		s->name = attr(c, "name");
		s->background = attr_yes(c, "background");
		s->hours = attr(c, "hours");
		s->hours_data = attr(c, "hours-data");
		s->outages = attr(c, "outages");
		s->longest_outage = attr(c, "longest-outage");
		s->longest_outage_start = attr(c, "longest-outage-start");
		FOR_CHILD(p, c, "pollutant") {
			if (s->npol == BM_NEXCEED)
				break;
			read_pollutant_q(p, &s->pol[s->npol++]);
		}
	}
	q->rej = xcalloc(count_children(n, "rejected-rows") +
	    count_children(n, "rejected-cells") + 1, sizeof *q->rej);
	for (const xmlNode *c = n->children; c; c = c->next) {
		int rows = is_elem(c, "rejected-rows");
		if (!rows && !is_elem(c, "rejected-cells"))
			continue;
		struct bm_rejected *r = &q->rej[q->nrej++];
		r->field = rows ? NULL : attr(c, "field");
		r->reason = attr(c, "reason");
		r->count = attr(c, "count");
	}
}

static void
free_quality(struct bm_quality *q)
{
	free(q->aqi_days_valid);
	for (size_t i = 0; i < q->narea_days; i++)
		free_pollutant_q(&q->area_days[i]);
	for (size_t i = 0; i < q->nst; i++) {
		struct bm_station *s = &q->st[i];
		free(s->code);
		free(s->name);
		free(s->hours);
		free(s->hours_data);
		free(s->outages);
		free(s->longest_outage);
		free(s->longest_outage_start);
		for (size_t k = 0; k < s->npol; k++)
			free_pollutant_q(&s->pol[k]);
	}
	free(q->st);
	for (size_t i = 0; i < q->nrej; i++) {
		free(q->rej[i].field);
		free(q->rej[i].reason);
		free(q->rej[i].count);
	}
	free(q->rej);
}

static void
read_air(const xmlNode *n, struct bm_merged *m)
{
	m->area = attr(n, "area");
	const xmlNode *nd = child(n, "no-data");
	if (nd)
		m->air_text = text_of(nd);
	FOR_CHILD(p, n, "period") {
		char *kind = attr(p, "kind");
		struct bm_period *dst = kind && strcmp(kind, "ytd") == 0 ?
		    &m->ytd_p : &m->month_p;
		free(kind);
		if (!dst->present)
			read_period(p, dst);
	}
	const xmlNode *c = child(n, "calendar");
	if (c)
		read_calendar(c, m);
	if ((c = child(n, "quality"))) {
		m->has_quality = 1;
		read_quality(c, &m->q);
	}
	m->air = attr_yes(n, "data") && m->month_p.present ?
	    BM_AIR_DATA : BM_AIR_NO_DATA;
}

static void
read_targets(const xmlNode *n, struct bm_merged *m)
{
	m->targets = xcalloc(count_children(n, "target") + 1,
	    sizeof *m->targets);
	FOR_CHILD(e, n, "target") {
		struct bm_target *t = &m->targets[m->ntargets++];
		t->scope = attr(e, "scope");
		t->task_number = attr(e, "task-number");
		t->metric_code = attr(e, "metric-code");
		t->verdict = attr(e, "verdict");
		t->verdict_name = attr(e, "verdict-name");
		t->year = attr(e, "year");
		const xmlNode *c;
		if ((c = child(e, "metric")))
			t->metric = text_of(c);
		if ((c = child(e, "condition"))) {
			t->op = attr(c, "op");
			t->value = attr(c, "value");
			t->value2 = attr(c, "value2");
			t->unit = attr(c, "unit");
		}
		if ((c = child(e, "raw")))
			t->raw = text_of(c);
		if ((c = child(e, "method")))
			t->method = text_of(c);
		if ((c = child(e, "figures"))) {
			t->has_figures = 1;
			t->current = attr(c, "current");
			t->control = attr(c, "control");
			t->reference = attr(c, "reference");
			t->remaining_days = attr(c, "remaining-days");
			t->good_days_needed = attr(c, "good-days-needed");
			t->gap = attr(c, "gap");
			t->heavy_days_allowed = attr(c, "heavy-days-allowed");
		}
	}
}

static void
free_target(struct bm_target *t)
{
	char **f[] = { &t->scope, &t->task_number, &t->metric_code,
	    &t->verdict, &t->verdict_name, &t->year, &t->metric, &t->op,
	    &t->value, &t->value2, &t->unit, &t->raw, &t->method,
	    &t->current, &t->control, &t->reference, &t->remaining_days,
	    &t->good_days_needed, &t->gap, &t->heavy_days_allowed };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(*f[i]);
}

int
bm_merged_read(const struct bulletin_src *src, struct bm_merged *m,
    struct diag_list *dl)
{
	memset(m, 0, sizeof *m);
	xmlDoc *doc = load(&merge_schema, src, "merged", dl);
	if (!doc)
		return 0;
	const xmlNode *r = xmlDocGetRootElement(doc);
	m->plan_id = attr(r, "plan");
	m->as_of = attr(r, "as-of");
	m->year = attr_int(r, "year");
	m->month = attr_int(r, "month");
	const xmlNode *c;
	if ((c = child(r, "plan"))) {
		const xmlNode *e;
		if ((e = child(c, "title")))
			m->title = text_of(e);
		if ((e = child(c, "place")))
			m->place = text_of(e);
		if ((e = child(c, "level")))
			m->level = text_of(e);
	}
	read_labels(child(r, "provenance"), &m->labels, &m->nlabels);
	if ((c = child(r, "tasks")))
		read_tasks(c, m);
	if ((c = child(r, "units")))
		read_units(c, m);
	if ((c = child(r, "air-none"))) {
		m->air = BM_AIR_NONE;
		m->air_text = text_of(c);
	} else if ((c = child(r, "air"))) {
		read_air(c, m);
	}
	if ((c = child(r, "targets")))
		read_targets(c, m);
	xmlFreeDoc(doc);
	return 1;
}

void
bm_merged_free(struct bm_merged *m)
{
	free(m->plan_id);
	free(m->as_of);
	free(m->title);
	free(m->place);
	free(m->level);
	free_labels(m->labels, m->nlabels);
	char **f[] = { &m->total, &m->c_unreported, &m->c_not_started,
	    &m->c_in_progress, &m->c_done, &m->c_late, &m->c_overdue,
	    &m->c_due_soon, &m->c_done_late, &m->c_undated, &m->air_text,
	    &m->area };
	for (size_t i = 0; i < sizeof f / sizeof *f; i++)
		free(*f[i]);
	for (size_t i = 0; i < m->ntasks; i++)
		free_task(&m->tasks[i]);
	free(m->tasks);
	for (size_t i = 0; i < m->nunits; i++)
		free_unit(&m->units[i]);
	free(m->units);
	free_period(&m->month_p);
	free_period(&m->ytd_p);
	for (size_t i = 0; i < m->ndays; i++) {
		free(m->days[i].aqi_s);
		free(m->days[i].category);
		free(m->days[i].primary);
	}
	free(m->days);
	if (m->has_quality)
		free_quality(&m->q);
	for (size_t i = 0; i < m->ntargets; i++)
		free_target(&m->targets[i]);
	free(m->targets);
	memset(m, 0, sizeof *m);
}

/* ---- ranking ---- */

int
bm_rankings_read(const struct bulletin_src *src, struct bm_rankings *r,
    struct diag_list *dl)
{
	memset(r, 0, sizeof *r);
	xmlDoc *doc = load(&area_schema, src, "ranking-month", dl);
	if (!doc)
		return 0;
	const xmlNode *root = xmlDocGetRootElement(doc);
	r->year = attr_int(root, "year");
	r->month = attr_int(root, "month");
	r->areas = attr_int(root, "areas");
	read_labels(child(root, "provenance"), &r->labels, &r->nlabels);
	FOR_CHILD(c, root, "note") {
		char *kind = attr(c, "kind");
		char **dst = kind && strcmp(kind, "ties") == 0 ?
		    &r->note_ties : &r->note_method;
		free(kind);
		if (!*dst)
			*dst = text_of(c);
	}
	r->r = xcalloc(count_children(root, "ranking") + 1, sizeof *r->r);
	FOR_CHILD(c, root, "ranking") {
		struct bm_ranking *k = &r->r[r->n++];
		k->by = attr(c, "by");
		k->period = attr(c, "period");
		k->title = attr(c, "title");
		k->ranked = attr(c, "ranked");
		k->total = attr(c, "total");
		k->rows = xcalloc(count_children(c, "row") + 1,
		    sizeof *k->rows);
		FOR_CHILD(w, c, "row") {
			struct bm_rank_row *row = &k->rows[k->nrows++];
			row->area = attr(w, "area");
			row->key = attr(w, "key");
			row->pm25 = attr(w, "pm25");
			row->place = attr(w, "place");
			row->rank = attr_int(w, "rank");
			row->tied = attr_yes(w, "tied");
		}
	}
	xmlFreeDoc(doc);
	return 1;
}

void
bm_rankings_free(struct bm_rankings *r)
{
	free_labels(r->labels, r->nlabels);
	free(r->note_method);
	free(r->note_ties);
	for (size_t i = 0; i < r->n; i++) {
		struct bm_ranking *k = &r->r[i];
		free(k->by);
		free(k->period);
		free(k->title);
		free(k->ranked);
		free(k->total);
		for (size_t j = 0; j < k->nrows; j++) {
			free(k->rows[j].area);
			free(k->rows[j].key);
			free(k->rows[j].pm25);
			free(k->rows[j].place);
		}
		free(k->rows);
	}
	free(r->r);
	memset(r, 0, sizeof *r);
}

/* ---- area index ---- */

int
bm_index_read(const struct bulletin_src *src, struct bm_index *ix,
    struct diag_list *dl)
{
	memset(ix, 0, sizeof *ix);
	xmlDoc *doc = load(&area_schema, src, "area-index", dl);
	if (!doc)
		return 0;
	const xmlNode *root = xmlDocGetRootElement(doc);
	ix->area = attr(root, "area");
	ix->slug = attr(root, "slug");
	read_labels(child(root, "provenance"), &ix->labels, &ix->nlabels);
	const xmlNode *ms = child(root, "months");
	if (ms) {
		ix->m = xcalloc(count_children(ms, "month") + 1, sizeof *ix->m);
		FOR_CHILD(c, ms, "month") {
			struct bm_index_month *m = &ix->m[ix->n++];
			char *ym = attr(c, "ym");
			if (ym && strlen(ym) == 7) {
				m->year = atoi(ym);
				m->month = atoi(ym + 5);
			}
			free(ym);
			m->valid = attr_yes(c, "valid");
			m->valid_days = attr(c, "valid-days");
			m->pm25 = attr(c, "pm25");
			m->good_ratio = attr(c, "good-ratio");
			m->composite = attr(c, "composite");
		}
	}
	xmlFreeDoc(doc);
	return 1;
}

void
bm_index_free(struct bm_index *ix)
{
	free(ix->area);
	free(ix->slug);
	free_labels(ix->labels, ix->nlabels);
	for (size_t i = 0; i < ix->n; i++) {
		free(ix->m[i].valid_days);
		free(ix->m[i].pm25);
		free(ix->m[i].good_ratio);
		free(ix->m[i].composite);
	}
	free(ix->m);
	memset(ix, 0, sizeof *ix);
}

/* ---- lookups ---- */

const struct bm_figure *
bm_period_figure(const struct bm_period *p, const char *code)
{
	for (size_t i = 0; i < p->nfig; i++)
		if (p->fig[i].code && strcmp(p->fig[i].code, code) == 0)
			return &p->fig[i];
	return NULL;
}

const struct bm_exceed *
bm_period_exceed(const struct bm_period *p, const char *code)
{
	for (size_t i = 0; i < p->nex; i++)
		if (p->ex[i].code && strcmp(p->ex[i].code, code) == 0)
			return &p->ex[i];
	return NULL;
}

const struct bm_ranking *
bm_rankings_find(const struct bm_rankings *r, const char *by,
    const char *period)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->r[i].by && r->r[i].period &&
		    strcmp(r->r[i].by, by) == 0 &&
		    strcmp(r->r[i].period, period) == 0)
			return &r->r[i];
	return NULL;
}

const struct bm_index_month *
bm_index_find(const struct bm_index *ix, int year, int month)
{
	for (size_t i = 0; i < ix->n; i++)
		if (ix->m[i].year == year && ix->m[i].month == month)
			return &ix->m[i];
	return NULL;
}
