/*
 * build_merge.c -- the merged edges of the build (build.h): for every plan
 * and every month that has a ledger file, output/merged/<id>/<YYYY-MM>.xml,
 * the merged model (merge.h) of the plan, its status ledgers up to that
 * month and the monitoring data of its area, written by merge_xml.h.
 *
 * Which months. Exactly the months with a ledger file
 * (plans/<dir>/ledgers/YYYY-MM.csv or .xlsx): a merged month is the status
 * report of that month, and a month without one would only say that no
 * unit reported. A plan without ledgers has no merged output.
 *
 * Inputs of one merged output, in this order (recorded in the state, so
 * --explain names the one that changed):
 *   plans/<dir>/plan.conf, the plan text,
 *   the plan's ledger files of that month and every earlier month (the
 *     task history; later months are not read by merge_build),
 *   and, when plan.conf names a monitoring area (`stations = 南阳市`):
 *   plans/stations.csv, the layouts of the area's folders
 *   (templates/layouts/<name>.layout) and every .csv/.csv.gz file of the
 *   area's folders (plans/<dir>).
 * So a changed ledger rebuilds its plan's months from its own on; a changed
 * data file rebuilds the months of the plans whose area reads its folder;
 * neither touches the plan's XML/JSON or other plans. A plan without an
 * area (xiaye-2023) does not depend on the station table or any data.
 * Every data file of the area is an input of every month: the quality
 * summary counts the reader's rejections over the whole data set read, and
 * outages are closed at the data set's end, so the document does depend on
 * all of them.
 *
 * Areas: the monitoring data read for both the merged outputs and the
 * area outputs are set up in build_area.c.
 *
 * Failures. A ledger with an error (ledger.h: unknown task, bad state,
 * date outside the month ...) fails the plan's merged outputs of its month
 * and later. An area whose files cannot be read, a plan.conf naming an area
 * the station table does not have, or a plan that does not parse fails the
 * plan's merged outputs. Any of these holds the whole plan back (build.c,
 * plans held back): none of its outputs is written, and they keep their
 * last content and record, so the next build tries again. Data-quality
 * problems in the monitoring files are warnings: `lantian check` lists
 * them all; `lantian build` reports errors and a count of the warnings.
 */
#include "build.h"
#include "build_area.h"
#include "build_stages.h"
#include "fsutil.h"
#include "merge.h"
#include "merge_xml.h"
#include "monitor_layout.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- ledgers and months of a plan ------------------------------------------ */

static int
bledger_cmp(const void *x, const void *y)
{
	return strcmp(((const struct bledger *)x)->path,
	    ((const struct bledger *)y)->path);
}

static void
ledger_add(struct bplan *p, char *path, int y, int m, size_t *cap)
{
	p->ledgers = xgrow(p->ledgers, cap, p->n_ledgers + 1,
	    sizeof *p->ledgers);
	struct bledger *l = &p->ledgers[p->n_ledgers++];
	memset(l, 0, sizeof *l);
	l->path = path;
	l->year = y;
	l->month = m;
}

/* The files of a month's folder (ledgers/YYYY-MM/): each an input of the
 * month. A folder that cannot be read is left to ledger_load_dir, which
 * reports it. */
static void
ledger_folder_list(struct bplan *p, const char *dir, int y, int m,
    size_t *cap)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (ledger_part_name(e->d_name))
			ledger_add(p, xasprintf("%s/%s", dir, e->d_name), y, m,
			    cap);
	closedir(d);
}

/* The plan's ledger files, by name (= by month; a month's single file
 * sorts before its folder's files). Returns 0 when the folder exists but
 * cannot be read. */
static int
ledgers_list(struct bplan *p)
{
	DIR *d = opendir(p->ledger_dir);
	if (!d) {
		if (errno == ENOENT)
			return 1;
		diag_add(&p->dl, DIAG_ERROR, p->ledger_dir, 0, 0,
		    "无法读取台账目录 (cannot read the ledger folder): %s",
		    strerror(errno));
		p->ledgers_unknown = 1;
		return 0;
	}
	size_t cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		int y, m;
		/* As ledger_load_dir: dot files and Excel's ~$ lock files
		 * are not ledgers; a folder YYYY-MM holds a month's files. */
		if (e->d_name[0] == '.' || !strncmp(e->d_name, "~$", 2))
			continue;
		char *path = xasprintf("%s/%s", p->ledger_dir, e->d_name);
		if (ledger_month_from_dir(e->d_name, &y, &m))
			ledger_folder_list(p, path, y, m, &cap);
		else if (ledger_month_from_path(e->d_name, &y, &m))
			ledger_add(p, xstrdup(path), y, m, &cap);
		free(path);
	}
	closedir(d);
	if (p->n_ledgers)
		qsort(p->ledgers, p->n_ledgers, sizeof *p->ledgers, bledger_cmp);
	return 1;
}

static long
month_key(int y, int m)
{
	return (long)y * 12 + m - 1;
}

/* One merged output per distinct ledger month. */
static void
months_setup(struct bplan *p)
{
	size_t cap = 0;
	for (size_t i = 0; i < p->n_ledgers; i++) {
		const struct bledger *l = &p->ledgers[i];
		if (p->n_m && p->m[p->n_m - 1].year == l->year &&
		    p->m[p->n_m - 1].month == l->month)
			continue;
		p->m = xgrow(p->m, &cap, p->n_m + 1, sizeof *p->m);
		struct bmerged *m = &p->m[p->n_m++];
		memset(m, 0, sizeof *m);
		m->p = p;
		m->year = l->year;
		m->month = l->month;
		m->path = xasprintf("%s/%s/%04d-%02d.xml", BUILD_MERGED_DIR,
		    p->meta.id, l->year, l->month);
		m->why = DIRTY_CLEAN;
	}
}

static void
add_input(struct bmerged *m, size_t *cap, const char *path, const char *hex)
{
	m->in = xgrow(m->in, cap, m->n_in + 1, sizeof *m->in);
	m->in[m->n_in].path = (char *)path;
	memcpy(m->in[m->n_in].hex, hex, HASH_HEX_LEN + 1);
	m->n_in++;
}

/* The inputs of m, in their documented order. */
static void
merged_inputs(struct build *b, struct bmerged *m)
{
	struct bplan *p = m->p;
	size_t cap = 0;
	add_input(m, &cap, p->conf_path, p->conf_hex);
	add_input(m, &cap, p->text_path, p->text_hex);
	long k = month_key(m->year, m->month);
	for (size_t i = 0; i < p->n_ledgers; i++)
		if (month_key(p->ledgers[i].year, p->ledgers[i].month) <= k)
			add_input(m, &cap, p->ledgers[i].path, p->ledgers[i].hex);
	struct barea *a = p->area;
	if (!a)
		return;
	add_input(m, &cap, BUILD_STATIONS_PATH, b->table_hex);
	for (size_t i = 0; i < a->n_layouts; i++)
		add_input(m, &cap, a->layouts[i]->path, a->layouts[i]->hex);
	for (size_t i = 0; i < a->n_files; i++)
		add_input(m, &cap, a->files[i].path, a->files[i].hex);
}

/* 1 if a ledger of m's month or earlier is marked bad. */
static int
bad_ledger_upto(const struct bplan *p, const struct bmerged *m)
{
	long k = month_key(m->year, m->month);
	for (size_t i = 0; i < p->n_ledgers; i++)
		if (p->ledgers[i].bad &&
		    month_key(p->ledgers[i].year, p->ledgers[i].month) <= k)
			return 1;
	return 0;
}


/* Hash and decide every merged output of p. */
static void
plan_merged_schedule(struct build *b, struct bplan *p)
{
	if (!ledgers_list(p))
		return;
	b->r->ledgers += p->n_ledgers;
	months_setup(p);
	b->r->merged += p->n_m;
	if (!p->n_m)
		return;
	int ok = p->usable && !p->area_bad;
	if (ok && p->area) {
		build_area_hash(b, p->area);
		ok = p->area->hashed > 0;
	}
	for (size_t i = 0; ok && i < p->n_ledgers; i++)
		if (!build_hash_input(b, p->ledgers[i].path, p->ledgers[i].hex,
		    &p->dl))
			p->ledgers[i].bad = 1;
	for (size_t i = 0; i < p->n_m; i++) {
		struct bmerged *m = &p->m[i];
		if (!ok || bad_ledger_upto(p, m)) {
			m->failed = 1;
			continue;
		}
		merged_inputs(b, m);
		m->exists = build_hash_output(b, m->path, m->out_hex);
		struct dirty_check c = {
			.force = b->o->force, .have_state = b->have_state,
			.rec = build_state_output(b->st, m->path),
			.generator = b->o->generator, .in = m->in,
			.n_in = m->n_in, .out_hex = m->exists ? m->out_hex : NULL,
		};
		const char *what;
		m->why = build_isdirty(&c, &what);
		build_explain(b, m->path, m->why, what);
		if (m->why == DIRTY_CLEAN) {
			b->r->merged_uptodate++;
			continue;
		}
		b->n_merged_dirty++;
		p->want_ledgers = 1;
		build_add_job(b, p, JOB_PARSE);
		if (p->area)
			build_area_queue(b, p->area);
	}
}

void
bm_schedule(struct build *b)
{
	build_areas_setup(b);
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i].meta_ok)
			plan_merged_schedule(b, &b->p[i]);
}

void
bm_check_schedule(struct build *b)
{
	build_areas_setup(b);
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (!p->meta_ok)
			continue;
		ledgers_list(p);
		b->r->ledgers += p->n_ledgers;
		p->want_ledgers = 1;
	}
	/* Every layout the table names, used or not: they are small. */
	for (size_t i = 0; i < b->n_layouts; i++) {
		struct blayout *l = &b->layouts[i];
		l->load_tried = 1;
		l->ml = mon_layout_load(l->path, &b->area_dl);
	}
	/* Every area of the table: each has its own outputs. */
	for (size_t i = 0; i < b->n_areas; i++) {
		struct barea *a = &b->areas[i];
		build_area_list(b, a);
		if (a->listed > 0)
			build_area_queue(b, a);
	}
}

/* ---- workers: ledgers, areas, merging ------------------------------------- */

void
bm_plan_job(struct bplan *p)
{
	if (!p->want_ledgers)
		return;
	p->want_ledgers = 0;
	/* A build needs the parsed plan; a check validates the ledgers
	 * without one (task numbers unchecked) rather than not at all. */
	if (p->job != JOB_CHECK && (!p->plan || p->failed))
		return;
	ledger_load_dir(p->ledger_dir, p->plan, &p->lv, &p->n_lv, &p->dl);
}

static void
merge_job(void *ctx, size_t i)
{
	struct bmerged **jobs = ctx;
	struct bmerged *m = jobs[i];
	struct bplan *p = m->p;
	struct barea *a = p->area;
	int parent = a && p->meta.parent && !strcmp(p->meta.parent, a->name);
	struct merged *md = merge_build(p->plan, &p->meta, p->lv, p->n_lv,
	    a ? a->aq : NULL, a ? a->name : NULL, parent,
	    a ? a->simulated : 0, 0, m->year, m->month, &m->dl);
	if (!merged_write_xml(md, &m->doc, &m->dl))
		m->failed = 1;
	merged_free(md);
}

/* Mark the ledgers the worker found errors in. */
static void
mark_bad_ledgers(struct bplan *p)
{
	for (size_t i = 0; i < p->dl.n; i++) {
		const struct diag *d = &p->dl.v[i];
		if (d->level != DIAG_ERROR || !d->file)
			continue;
		for (size_t j = 0; j < p->n_ledgers; j++)
			if (!strcmp(d->file, p->ledgers[j].path))
				p->ledgers[j].bad = 1;
	}
}

void
bm_run(struct build *b)
{
	struct bmerged **jobs = NULL;
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		int dirty = 0;
		for (size_t j = 0; j < p->n_m; j++)
			dirty |= !p->m[j].failed && p->m[j].why != DIRTY_CLEAN;
		if (!dirty)
			continue;
		mark_bad_ledgers(p);
		const char *first_bad = NULL;
		for (size_t j = 0; j < p->n_m; j++) {
			struct bmerged *m = &p->m[j];
			if (m->failed || m->why == DIRTY_CLEAN)
				continue;
			int bad = !p->plan || p->failed ||
			    (p->area && p->area->read_failed);
			if (!bad && bad_ledger_upto(p, m)) {
				bad = 1;
				if (!first_bad)
					first_bad = m->path;
			}
			if (bad) {
				m->failed = 1;
				continue;
			}
			jobs = xrealloc(jobs, (n + 1) * sizeof *jobs);
			jobs[n++] = m;
		}
		if (first_bad)
			diag_add(&p->dl, DIAG_NOTE, p->ledger_dir, 0, 0,
			    "台账有错误：从 %s 起的合并输出未更新，保留上次的内容 "
			    "(merged outputs not updated: a ledger has errors)",
			    first_bad);
	}
	for (size_t i = 0; i < b->n_areas; i++)
		if (b->areas[i].needed && b->areas[i].read_failed)
			diag_add(&b->area_dl, DIAG_NOTE, NULL, 0, 0,
			    "地区“%s”的监测数据有错误，使用它的合并输出和地区输出未更新 "
			    "(area data unusable: its outputs not updated)",
			    b->areas[i].name);
	if (n)
		build_parallel(n, b->o->jobs, merge_job, jobs);
	free(jobs);
}

void
bm_emit(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		for (size_t j = 0; j < p->n_m; j++) {
			struct bmerged *m = &p->m[j];
			diag_move(&p->dl, &m->dl);
			if (m->why == DIRTY_CLEAN || m->failed)
				continue;
			char hex[HASH_HEX_LEN + 1];
			if (!build_emit(b, m->path, &m->doc,
			    m->exists ? m->out_hex : NULL, m->in, m->n_in, hex,
			    &p->dl)) {
				m->failed = 1;
				continue;
			}
			memcpy(m->out_hex, hex, sizeof hex);
			m->exists = 1;
			m->why = DIRTY_CLEAN;
			b->r->merged_rebuilt++;
		}
		for (size_t j = 0; j < p->n_m; j++)
			b->r->merged_failed += p->m[j].failed;
	}
}

int
bm_is_current_output(const struct build *b, const char *path)
{
	size_t root = strlen(BUILD_MERGED_DIR) + 1;
	if (strncmp(path, BUILD_MERGED_DIR "/", root))
		return 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		if (!p->meta.id)
			continue;
		size_t n = strlen(p->meta.id);
		if (strncmp(path + root, p->meta.id, n) || path[root + n] != '/')
			continue;
		if (p->ledgers_unknown)
			return 1;
		for (size_t j = 0; j < p->n_m; j++)
			if (!strcmp(path, p->m[j].path))
				return 1;
	}
	return 0;
}

/* ---- reporting and freeing --------------------------------------------------- */

void
bm_collect_diags(struct build *b)
{
	struct build_report *r = b->r;
	diag_move(&r->dl, &b->area_dl);
	for (size_t i = 0; i < b->n_areas; i++) {
		struct barea *a = &b->areas[i];
		if (!a->aq)
			continue;
		r->areas_read++;
		r->data_files += a->n_files;
		r->data_bytes += a->bytes;
		if (b->checking) {
			diag_move(&r->dl, &a->dl);
			continue;
		}
		/* A build reports errors; the data-quality warnings, which
		 * the merged and area documents summarise, are for `lantian
		 * check`. */
		size_t warnings = 0;
		for (size_t j = 0; j < a->dl.n; j++) {
			const struct diag *d = &a->dl.v[j];
			if (d->level == DIAG_ERROR)
				diag_add(&r->dl, d->level, d->file, d->line,
				    d->col, "%s", d->msg);
			else
				warnings += d->level == DIAG_WARNING;
		}
		warnings += a->dl.dropped;
		if (warnings)
			diag_add(&r->dl, DIAG_NOTE, a->dirs.n ? a->dirs.v[0] : NULL,
			    0, 0, "地区“%s”：读取 %zu 个监测数据文件，%zu 条数据质量"
			    "警告未列出（lantian check 列出） (data-quality "
			    "warnings not listed)", a->name, a->n_files, warnings);
	}
}

void
bm_plan_free(struct bplan *p)
{
	free(p->ledger_dir);
	for (size_t i = 0; i < p->n_ledgers; i++)
		free(p->ledgers[i].path);
	free(p->ledgers);
	for (size_t i = 0; i < p->n_m; i++) {
		free(p->m[i].path);
		free(p->m[i].in);
		buf_free(&p->m[i].doc);
		diag_free(&p->m[i].dl);
	}
	free(p->m);
	for (size_t i = 0; i < p->n_lv; i++)
		ledger_free(p->lv[i]);
	free(p->lv);
}

