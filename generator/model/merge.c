/*
 * merge.c -- builds the merged model of one plan and one month (merge.h)
 * from the parsed plan, its status ledgers and the area's air quality.
 * Everything is copied into the model, so the inputs may be released
 * afterwards. No I/O, no clock: the as-of date is the month's last day.
 */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "util.h"

static const char *const role_codes[MERGE_NROLE] = {
	"lead", "cooperating", "responsible", "participating",
};

const char *
merged_role_code(enum merged_role r)
{
	return (unsigned)r < MERGE_NROLE ? role_codes[r] : "";
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static long
month_key(int year, int month)
{
	return (long)year * 12 + month - 1;
}

/* ---- ledgers and history ------------------------------------------------ */

/* The ledgers of months up to year/month (ledger order kept). */
static struct ledger **
ledgers_upto(struct ledger *const *ledgers, size_t n, int year, int month,
    size_t *nout)
{
	struct ledger **v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (ledgers[i] && month_key(ledgers[i]->year, ledgers[i]->month) <=
		    month_key(year, month))
			v[k++] = ledgers[i];
	*nout = k;
	return v;
}

/* Months from the first ledger (or this month) to this month. */
static void
build_months(struct merged *m, const struct ledger_history *h)
{
	long last = month_key(m->year, m->month), first = last;
	if (h->n_months > 0) {
		long f = month_key(h->months[0].year, h->months[0].month);
		if (f < first)
			first = f;
	}
	m->n_months = (size_t)(last - first + 1);
	m->months = xcalloc(m->n_months, sizeof *m->months);
	for (size_t i = 0; i < m->n_months; i++) {
		long k = first + (long)i;
		struct merged_month *mm = &m->months[i];
		mm->year = (int)(k / 12);
		mm->month = (int)(k % 12) + 1;
		for (size_t j = 0; j < h->n_months; j++)
			if (h->months[j].year == mm->year &&
			    h->months[j].month == mm->month) {
				mm->present = h->months[j].present;
				mm->sample = h->months[j].sample;
			}
	}
}

static void
report_copy(struct merged_report *r, const struct ledger_record *rec)
{
	r->unit = xstrdup(rec->unit ? rec->unit : "");
	r->state = rec->state;
	r->state_raw = xstrdup(rec->state_raw ? rec->state_raw : "");
	r->ongoing = rec->ongoing;
	r->percent10 = rec->percent10;
	memcpy(r->date, rec->date, sizeof r->date);
	r->date[10] = 0;
	r->text = xstrdup(rec->text ? rec->text : "");
	r->note = xstrdup(rec->note ? rec->note : "");
}

/* The reports on task ti of the latest month that has any, among the
 * ledgers lv[0..n) (all of months <= this month). Ledgers of one month
 * contribute in their order, rows in file order. */
static void
latest_reports(struct merged_task *mt, size_t ti, struct ledger **lv,
    size_t n)
{
	long best = -1;
	for (size_t i = 0; i < n; i++) {
		long k = month_key(lv[i]->year, lv[i]->month);
		if (k <= best)
			continue;
		for (size_t j = 0; j < lv[i]->n_records; j++)
			if (lv[i]->records[j].task_index == ti) {
				best = k;
				break;
			}
	}
	if (best < 0)
		return;
	mt->latest_year = (int)(best / 12);
	mt->latest_month = (int)(best % 12) + 1;
	size_t cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (month_key(lv[i]->year, lv[i]->month) != best)
			continue;
		for (size_t j = 0; j < lv[i]->n_records; j++) {
			if (lv[i]->records[j].task_index != ti)
				continue;
			mt->reports = xgrow(mt->reports, &cap, mt->n_reports + 1,
			    sizeof *mt->reports);
			report_copy(&mt->reports[mt->n_reports++],
			    &lv[i]->records[j]);
		}
	}
}

/* ---- tasks -------------------------------------------------------------- */

static void
task_units(struct merged_task *mt, const struct plan *p, const struct task *t)
{
	const struct strvec *roles[MERGE_NROLE] = {
		&t->lead, &t->cooperating, &t->responsible, &t->participating,
	};
	size_t n = 0;
	for (int r = 0; r < MERGE_NROLE; r++)
		n += roles[r]->n;
	mt->units = xcalloc(n ? n : 1, sizeof *mt->units);
	for (int r = 0; r < MERGE_NROLE; r++)
		for (size_t i = 0; i < roles[r]->n; i++) {
			struct merged_task_unit *u = &mt->units[mt->n_units++];
			char *canon = unit_canonical(p, roles[r]->v[i]);
			u->name = xstrdup(roles[r]->v[i]);
			u->id = unit_id(canon);
			u->role = (enum merged_role)r;
			u->inherited = r == MERGE_ROLE_RESPONSIBLE &&
			    strvec_contains(&p->responsible_inherited,
			    roles[r]->v[i]);
			free(canon);
		}
}

static void
build_task(struct merged *m, struct merged_task *mt, const struct plan *p,
    size_t ti, const struct ledger_history *h, struct ledger **lv, size_t nl)
{
	const struct task *t = &p->tasks[ti];
	mt->index = ti;
	mt->number = xstrdup(t->number ? t->number : "");
	mt->title = dup_or_null(t->title);
	mt->section = t->section;
	task_units(mt, p, t);
	mt->n_deadlines = t->n_deadlines;
	mt->deadlines = xcalloc(t->n_deadlines ? t->n_deadlines : 1,
	    sizeof *mt->deadlines);
	for (size_t i = 0; i < t->n_deadlines; i++) {
		mt->deadlines[i] = t->deadlines[i];
		mt->deadlines[i].raw = xstrdup(t->deadlines[i].raw ?
		    t->deadlines[i].raw : "");
	}
	mt->history = xcalloc(m->n_months, sizeof *mt->history);
	for (size_t i = 0; i < m->n_months; i++)
		mt->history[i] = compliance_cell(h, ti, m->months[i].year,
		    m->months[i].month);
	compliance_task(t, h, ti, m->year, m->month, &mt->c);
	latest_reports(mt, ti, lv, nl);

	m->by_state[mt->c.state]++;
	m->overdue += mt->c.overdue;
	m->due_soon += mt->c.due_soon;
	m->done_late += mt->c.done_late;
	m->undated += mt->c.undated;
}

/* ---- units -------------------------------------------------------------- */

static int
cmp_unit(const void *a, const void *b)
{
	const struct merged_unit *x = a, *y = b;
	return strcmp(x->id, y->id);
}

static struct merged_unit *
unit_find(struct merged *m, const char *id)
{
	for (size_t i = 0; i < m->n_units; i++)
		if (!strcmp(m->units[i].id, id))
			return &m->units[i];
	return NULL;
}

static void
build_units(struct merged *m, const struct plan *p)
{
	size_t cap = 0;
	for (size_t ti = 0; ti < m->n_tasks; ti++) {
		struct merged_task *mt = &m->tasks[ti];
		for (size_t k = 0; k < mt->n_units; k++) {
			struct merged_task_unit *tu = &mt->units[k];
			struct merged_unit *u = unit_find(m, tu->id);
			if (!u) {
				m->units = xgrow(m->units, &cap, m->n_units + 1,
				    sizeof *m->units);
				u = &m->units[m->n_units++];
				memset(u, 0, sizeof *u);
				u->id = xstrdup(tu->id);
				u->name = unit_canonical(p, tu->name);
			}
			u->by_role[tu->role]++;
			if (u->n_task_idx > 0 &&
			    u->task_idx[u->n_task_idx - 1] == ti)
				continue;   /* the task is counted once */
			u->task_idx = xrealloc(u->task_idx,
			    (u->n_task_idx + 1) * sizeof *u->task_idx);
			u->task_idx[u->n_task_idx++] = ti;
			u->tasks++;
			u->by_state[mt->c.state]++;
			u->overdue += mt->c.overdue;
			u->due_soon += mt->c.due_soon;
			u->done_late += mt->c.done_late;
		}
	}
	if (m->n_units > 1)
		qsort(m->units, m->n_units, sizeof *m->units, cmp_unit);
}

/* ---- air quality -------------------------------------------------------- */

static void
copy_ranking(struct merged_ranking *out, const struct airq_ranking *rk,
    const char *area, int ytd)
{
	out->by = rk->by;
	out->ytd = ytd;
	out->n = rk->n;
	out->nranked = rk->nranked;
	out->rows = xcalloc(rk->n ? rk->n : 1, sizeof *out->rows);
	for (size_t i = 0; i < rk->n; i++) {
		struct merged_rank_row *r = &out->rows[i];
		r->area = xstrdup(rk->rows[i].area);
		r->key = rk->rows[i].key;
		r->key2 = rk->rows[i].key2;
		r->rank = rk->rows[i].rank;
		r->tied = rk->rows[i].tied;
		if (!strcmp(r->area, area)) {
			out->rank = r->rank;
			out->tied = r->tied;
		}
	}
}

static const enum airq_rank_by rank_kinds[] = {
	AIRQ_RANK_COMPOSITE, AIRQ_RANK_PM25, AIRQ_RANK_GOOD, AIRQ_RANK_IMPROVE,
	AIRQ_RANK_IMPROVE_PM25,
};
#define N_RANK_KINDS (sizeof rank_kinds / sizeof rank_kinds[0])

static void
build_rankings(struct merged_air *air, const struct airq *aq,
    struct airq_range month, struct airq_range ytd)
{
	if (airq_area_count(aq) < 2)
		return;
	air->n_rankings = 2 * N_RANK_KINDS;
	air->rankings = xcalloc(air->n_rankings, sizeof *air->rankings);
	for (int y = 0; y < 2; y++)
		for (size_t k = 0; k < N_RANK_KINDS; k++) {
			struct airq_ranking rk;
			airq_rank(aq, y ? ytd : month, rank_kinds[k], NULL, 0, &rk);
			copy_ranking(&air->rankings[(size_t)y * N_RANK_KINDS + k],
			    &rk, air->area, y);
			airq_rank_free(&rk);
		}
}

static void
build_calendar(struct merged_air *air, const struct airq_area *a, int year,
    int month)
{
	air->n_days = (size_t)aqstats_days_in_month(year, month);
	air->days = xcalloc(air->n_days, sizeof *air->days);
	for (size_t i = 0; i < air->n_days; i++) {
		struct merged_day *d = &air->days[i];
		d->day = (int)i + 1;
		d->aqi = AQI_NONE;
		for (int k = 0; k < AQI_NIND; k++)
			d->c[k] = AQI_MISSING;
		const struct airq_day *ad = airq_area_day(a,
		    airq_day_index(year, month, d->day));
		if (!ad)
			continue;
		d->std = ad->std;
		d->aqi = ad->r.aqi;
		d->valid = ad->valid;
		d->primary = ad->r.primary;
		memcpy(d->c, ad->c, sizeof d->c);
		d->have = ad->r.aqi != AQI_NONE;
		for (int k = 0; k < AQI_NIND; k++)
			if (ad->c[k] != AQI_MISSING)
				d->have = 1;
	}
}

static void
build_quality(struct merged_air *air, const struct airq *aq,
    const struct airq_area *a, int year, int month)
{
	struct airq_quality q;
	airq_quality(aq, a, year, month, &q);
	air->n_qst = q.n;
	air->qst = xcalloc(q.n ? q.n : 1, sizeof *air->qst);
	for (size_t i = 0; i < q.n; i++) {
		const struct airq_quality_station *s = &q.st[i];
		struct merged_qstation *o = &air->qst[i];
		o->code = xstrdup(s->st->code);
		o->name = dup_or_null(s->st->name);
		o->background = s->st->background;
		o->hours = s->hours;
		o->hours_data = s->hours_data;
		memcpy(o->days_valid, s->days_valid, sizeof o->days_valid);
		memcpy(o->days_short, s->days_short, sizeof o->days_short);
		memcpy(o->days_none, s->days_none, sizeof o->days_none);
		o->outages = s->outages;
		o->longest_outage = s->longest_outage;
		o->longest_outage_start = s->longest_outage_start;
	}
	memcpy(air->q_area_days_valid, q.area_days_valid,
	    sizeof air->q_area_days_valid);
	memcpy(air->q_area_days_few, q.area_days_few,
	    sizeof air->q_area_days_few);
	air->q_aqi_days_valid = q.aqi_days_valid;
	memcpy(air->q_rows_rejected, q.rows_rejected,
	    sizeof air->q_rows_rejected);
	memcpy(air->q_cells_rejected, q.cells_rejected,
	    sizeof air->q_cells_rejected);
	airq_quality_free(&q);
}

static const char *const none_codes[] = {
	[MERGE_AIR_OK] = "", [MERGE_AIR_NO_AREA] = "no-area",
	[MERGE_AIR_NOT_IN_DATA] = "area-not-in-data",
	[MERGE_AIR_NO_DATA] = "no-data-in-period",
};

const char *
merged_air_none_code(enum merged_air_none n)
{
	return (unsigned)n <= MERGE_AIR_NO_DATA ? none_codes[n] : "";
}

void
merged_air_build(struct merged_air *air, const struct airq *aq,
    const struct airq_area *a, int year, int month)
{
	memset(air, 0, sizeof *air);
	air->area = xstrdup(a->name);
	struct airq_range rm = airq_range_month(year, month);
	struct airq_range ry = airq_range_ytd(year, month,
	    aqstats_days_in_month(year, month));
	airq_compare(aq, a, rm, &air->month);
	airq_compare(aq, a, ry, &air->ytd);
	air->have = air->ytd.cur.days_data > 0 || air->month.cur.days_data > 0;
	build_calendar(air, a, year, month);
	build_quality(air, aq, a, year, month);
}

/* Say plainly why the plan has no figures. */
static void
air_none(struct merged *m, const struct plan_meta *meta,
    enum merged_air_none why, const char *area)
{
	struct merged_air *air = &m->air;
	air->none = why;
	const char *parent = meta ? meta->parent : NULL;
	switch (why) {
	case MERGE_AIR_OK:
		return;
	case MERGE_AIR_NO_AREA:
		/* Published text: plain words, no configuration names. */
		air->none_text = xasprintf("无监测数据：本方案未配置监测区域，"
		    "%s%s%s%s没有可用的国控站点监测数据",
		    m->place ? m->place : "本方案所在地区",
		    parent ? "（上级" : "", parent ? parent : "",
		    parent ? "）" : "");
		return;
	case MERGE_AIR_NOT_IN_DATA:
		air->none_text = xasprintf("无监测数据：监测数据中没有地区“%s”"
		    "的国控站点数据", area);
		return;
	case MERGE_AIR_NO_DATA:
		air->none_text = xasprintf("无监测数据：地区“%s”%04d年1月1日至"
		    "%d月%d日没有有效的日监测值", area, m->year, m->month,
		    aqstats_days_in_month(m->year, m->month));
		return;
	}
}

/* Air quality of the plan's area; returns the area or NULL. */
static const struct airq_area *
build_air(struct merged *m, const struct plan *p,
    const struct plan_meta *meta, const struct airq *aq, const char *area,
    struct diag_list *dl)
{
	if (!area) {
		air_none(m, meta, MERGE_AIR_NO_AREA, NULL);
		return NULL;
	}
	const struct airq_area *a = aq ? airq_area_find(aq, area) : NULL;
	if (!a) {
		if (dl && aq)
			diag_add(dl, DIAG_NOTE, p->source, 0, 0,
			    "监测数据中没有地区“%s”，%04d年%d月不含空气质量",
			    area, m->year, m->month);
		air_none(m, meta, MERGE_AIR_NOT_IN_DATA, area);
		return NULL;
	}
	struct merged_air *air = &m->air;
	merged_air_build(air, aq, a, m->year, m->month);
	struct airq_range rm = airq_range_month(m->year, m->month);
	struct airq_range ry = airq_range_ytd(m->year, m->month,
	    aqstats_days_in_month(m->year, m->month));
	build_rankings(air, aq, rm, ry);
	if (!air->have)
		air_none(m, meta, MERGE_AIR_NO_DATA, a->name);
	return a;
}

/* ---- targets ------------------------------------------------------------ */

static void
add_target(struct merged *m, size_t *cap, const struct target *t,
    int plan_level, size_t task, const struct compl_air *ca)
{
	m->targets = xgrow(m->targets, cap, m->n_targets + 1,
	    sizeof *m->targets);
	struct merged_target *mt = &m->targets[m->n_targets++];
	memset(mt, 0, sizeof *mt);
	mt->plan_level = plan_level;
	mt->task = task;
	mt->metric = xstrdup(t->metric ? t->metric : "");
	mt->op = xstrdup(t->op ? t->op : "=");
	mt->value = xstrdup(t->value ? t->value : "");
	mt->value2 = dup_or_null(t->value2);
	mt->unit = xstrdup(t->unit ? t->unit : "");
	mt->raw = xstrdup(t->raw ? t->raw : "");
	mt->year = t->year;
	mt->line = t->line;
	compliance_target(t, ca, &mt->r);
}

static void
build_targets(struct merged *m, const struct plan *p, const struct airq *aq,
    const struct airq_area *a)
{
	struct compl_air ca;
	memset(&ca, 0, sizeof ca);
	ca.year = m->year;
	ca.month = m->month;
	ca.have = a && m->air.have;
	ca.ytd = m->air.ytd.cur;
	if (a && m->month < 12) {
		struct airq_range rest = {
			airq_day_index(m->year, m->month,
			    aqstats_days_in_month(m->year, m->month)) + 1,
			airq_day_index(m->year, 12, 31),
		};
		airq_period(aq, a, airq_range_prev_year(rest), &ca.prev_rest);
		ca.have_prev_rest = ca.prev_rest.days_data > 0;
	}
	for (int k = 0; k < AQI_NIND; k++)
		ca.min_day[k] = AQI_MISSING;
	if (a) {
		int32_t to = airq_day_index(m->year, m->month,
		    aqstats_days_in_month(m->year, m->month));
		for (int32_t d = to - 364; d <= to; d++) {
			const struct airq_day *ad = airq_area_day(a, d);
			if (!ad)
				continue;
			for (int k = 0; k < AQI_NIND; k++)
				if (ad->c[k] != AQI_MISSING &&
				    (ca.min_day[k] == AQI_MISSING ||
				    ad->c[k] < ca.min_day[k]))
					ca.min_day[k] = ad->c[k];
		}
	}
	size_t cap = 0;
	for (size_t i = 0; i < p->n_targets; i++)
		add_target(m, &cap, &p->targets[i], 1, 0, &ca);
	for (size_t ti = 0; ti < p->n_tasks; ti++)
		for (size_t i = 0; i < p->tasks[ti].n_targets; i++)
			add_target(m, &cap, &p->tasks[ti].targets[i], 0, ti, &ca);
}

/* ---- the model ---------------------------------------------------------- */

struct merged *
merge_build(const struct plan *p, const struct plan_meta *meta,
    struct ledger *const *ledgers, size_t n_ledgers, const struct airq *aq,
    const char *area_label, int stations_are_parent_city, int simulated_air,
    int sample_ledgers, int year, int month, struct diag_list *dl)
{
	struct merged *m = xcalloc(1, sizeof *m);
	m->plan_id = xstrdup(meta && meta->id ? meta->id :
	    p->id ? p->id : "");
	m->title = dup_or_null(p->title ? p->title : meta ? meta->title : NULL);
	m->place = dup_or_null(p->place ? p->place : meta ? meta->place : NULL);
	m->level = dup_or_null(p->level ? p->level : meta ? meta->level : NULL);
	m->year = year;
	m->month = month;
	snprintf(m->as_of, sizeof m->as_of, "%04u-%02u-%02u",
	    (unsigned)year % 10000u, (unsigned)month % 100u,
	    (unsigned)aqstats_days_in_month(year, month) % 100u);
	m->simulated_air = simulated_air != 0;
	m->stations_parent = stations_are_parent_city != 0;
	m->area_label = dup_or_null(area_label);

	size_t nl;
	struct ledger **lv = ledgers_upto(ledgers, n_ledgers, year, month, &nl);
	m->sample_ledgers = sample_ledgers != 0;
	for (size_t i = 0; i < nl; i++) {
		if (lv[i]->sample)
			m->sample_ledgers = 1;
		if (lv[i]->year == year && lv[i]->month == month)
			m->ledgers_this_month = 1;
	}
	if (!m->ledgers_this_month && dl)
		diag_add(dl, DIAG_NOTE, p->source, 0, 0,
		    "没有%04d年%d月的进展台账：各任务为“%s”", year, month,
		    ledger_state_name(LEDGER_UNREPORTED));
	struct ledger_history *h = ledger_history_build(p, lv, nl);
	build_months(m, h);
	m->n_tasks = p->n_tasks;
	m->tasks = xcalloc(p->n_tasks ? p->n_tasks : 1, sizeof *m->tasks);
	for (size_t ti = 0; ti < p->n_tasks; ti++)
		build_task(m, &m->tasks[ti], p, ti, h, lv, nl);
	ledger_history_free(h);
	free(lv);
	build_units(m, p);

	const struct airq_area *a = build_air(m, p, meta, aq, area_label,
	    dl);
	build_targets(m, p, aq, a);
	return m;
}

void
merged_free(struct merged *m)
{
	if (!m)
		return;
	free(m->plan_id);
	free(m->title);
	free(m->place);
	free(m->level);
	free(m->area_label);
	free(m->months);
	for (size_t i = 0; i < m->n_tasks; i++) {
		struct merged_task *t = &m->tasks[i];
		free(t->number);
		free(t->title);
		for (size_t k = 0; k < t->n_units; k++) {
			free(t->units[k].name);
			free(t->units[k].id);
		}
		free(t->units);
		for (size_t k = 0; k < t->n_deadlines; k++)
			free(t->deadlines[k].raw);
		free(t->deadlines);
		free(t->history);
		for (size_t k = 0; k < t->n_reports; k++) {
			free(t->reports[k].unit);
			free(t->reports[k].state_raw);
			free(t->reports[k].text);
			free(t->reports[k].note);
		}
		free(t->reports);
	}
	free(m->tasks);
	for (size_t i = 0; i < m->n_units; i++) {
		free(m->units[i].id);
		free(m->units[i].name);
		free(m->units[i].task_idx);
	}
	free(m->units);
	merged_air_clear(&m->air);
	for (size_t i = 0; i < m->n_targets; i++) {
		struct merged_target *t = &m->targets[i];
		free(t->metric);
		free(t->op);
		free(t->value);
		free(t->value2);
		free(t->unit);
		free(t->raw);
		compliance_target_clear(&t->r);
	}
	free(m->targets);
	free(m);
}

void
merged_air_clear(struct merged_air *air)
{
	free(air->none_text);
	free(air->area);
	for (size_t i = 0; i < air->n_rankings; i++) {
		for (size_t k = 0; k < air->rankings[i].n; k++)
			free(air->rankings[i].rows[k].area);
		free(air->rankings[i].rows);
	}
	free(air->rankings);
	free(air->days);
	for (size_t i = 0; i < air->n_qst; i++) {
		free(air->qst[i].code);
		free(air->qst[i].name);
	}
	free(air->qst);
	memset(air, 0, sizeof *air);
}
