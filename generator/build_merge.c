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
 * Areas. An area is the stations.csv rows whose `area` is the name in
 * plan.conf. Every area of the table is set up here (build_air.c writes
 * output/air/ for each, used by a plan or not). Its records are read once
 * per build, from all its folders, only when some out-of-date output
 * needs it (a merged output of a plan naming it, or one of its own area
 * outputs: one read serves both), on a worker of the pool; only records
 * of the area's own stations are kept (a national file holding other
 * cities adds nothing). Each area is read into its own struct airq: a
 * merged output then depends on its own area's data only, and the
 * model's rankings across areas (which need >= 2 areas in one airq) are
 * left out; the rankings are an edge of their own (build_air.c), built
 * from the areas' month documents.
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
#include "build_graph.h"
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

/* ---- the station table ---------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
strvec_sort(struct strvec *sv)
{
	if (sv->n)
		qsort(sv->v, sv->n, sizeof *sv->v, cmp_str);
}

void
bm_table_load(struct build *b)
{
	struct stat st;
	if (stat(BUILD_STATIONS_PATH, &st) != 0 && errno == ENOENT) {
		b->table_state = 0;
		return;
	}
	b->table_state = sim_table_load(BUILD_STATIONS_PATH, &b->table,
	    &b->tail) ? 1 : -1;
	struct strvec names = {0};
	for (size_t i = 0; i < b->table.n; i++) {
		const struct sim_station *s = &b->table.v[i];
		char *first = xstrndup(s->dir, strcspn(s->dir, "/"));
		strvec_push_unique(&b->data_dirs, first);
		free(first);
		strvec_push_unique(&names, s->layout);
	}
	strvec_sort(&names);
	b->n_layouts = names.n;
	b->layouts = xcalloc(names.n ? names.n : 1, sizeof *b->layouts);
	for (size_t i = 0; i < names.n; i++) {
		b->layouts[i].name = xstrdup(names.v[i]);
		b->layouts[i].path = xasprintf("%s/%s.layout", BUILD_LAYOUT_DIR,
		    names.v[i]);
	}
	strvec_free(&names);
}

int
bm_is_data_dir(const struct build *b, const char *name)
{
	return !strcmp(name, "monitoring") ||
	    strvec_contains(&b->data_dirs, name);
}

static struct blayout *
layout_find(struct build *b, const char *name)
{
	for (size_t i = 0; i < b->n_layouts; i++)
		if (!strcmp(b->layouts[i].name, name))
			return &b->layouts[i];
	return NULL;
}

/* ---- areas ------------------------------------------------------------------ */

static struct barea *
area_find(struct build *b, const char *name)
{
	for (size_t i = 0; i < b->n_areas; i++)
		if (!strcmp(b->areas[i].name, name))
			return &b->areas[i];
	return NULL;
}

static int
table_has_area(const struct build *b, const char *name)
{
	for (size_t i = 0; i < b->table.n; i++)
		if (!strcmp(b->table.v[i].area, name))
			return 1;
	return 0;
}

static void
area_init(struct build *b, struct barea *a, const char *name)
{
	a->name = xstrdup(name);
	struct strvec lnames = {0};
	for (size_t i = 0; i < b->table.n; i++) {
		const struct sim_station *s = &b->table.v[i];
		if (strcmp(s->area, name))
			continue;
		if (!a->line)
			a->line = s->line;
		strvec_push(&a->codes, s->code);
		a->st = xrealloc(a->st, a->codes.n * sizeof *a->st);
		a->st[a->codes.n - 1] = s;
		a->simulated |= s->simulated;
		char *dir = xasprintf("%s/%s", BUILD_STATIONS_ROOT, s->dir);
		strvec_push_unique(&a->dirs, dir);
		free(dir);
		strvec_push_unique(&lnames, s->layout);
	}
	strvec_sort(&a->dirs);
	strvec_sort(&lnames);
	a->layouts = xcalloc(lnames.n ? lnames.n : 1, sizeof *a->layouts);
	for (size_t i = 0; i < lnames.n; i++)
		a->layouts[a->n_layouts++] = layout_find(b, lnames.v[i]);
	strvec_free(&lnames);
}

/*
 * One struct barea per area of the station table (by name), and resolve
 * each plan's monitoring area (plan.conf `stations`) against them.
 * Problems go to the plan's diagnostics, with the line of `stations`.
 */
static void
areas_setup(struct build *b)
{
	struct strvec used = {0};
	if (b->table_state > 0)
		for (size_t i = 0; i < b->table.n; i++)
			strvec_push_unique(&used, b->table.v[i].area);
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (!p->meta_ok || !p->area_name)
			continue;
		size_t line = build_conf_key_line(p->conf_path, "stations");
		if (p->meta.stations.n > 1)
			diag_add(&p->dl, DIAG_WARNING, p->conf_path, line, 0,
			    "stations 写了 %zu 个地区，合并输出只使用第一个“%s” "
			    "(only the first monitoring area is used)",
			    p->meta.stations.n, p->area_name);
		if (b->table_state == 0) {
			diag_add(&p->dl, DIAG_ERROR, p->conf_path, line, 0,
			    "指定了监测地区“%s”，但没有站点表 %s "
			    "(no station table)", p->area_name,
			    BUILD_STATIONS_PATH);
			p->area_bad = 1;
		} else if (b->table_state < 0) {
			diag_add(&p->dl, DIAG_NOTE, p->conf_path, line, 0,
			    "站点表 %s 有错误，监测地区“%s”的合并输出未更新 "
			    "(station table unusable)", BUILD_STATIONS_PATH,
			    p->area_name);
			p->area_bad = 1;
		} else if (!table_has_area(b, p->area_name)) {
			diag_add(&p->dl, DIAG_ERROR, p->conf_path, line, 0,
			    "监测地区“%s”不在站点表 %s 中 (unknown monitoring "
			    "area)", p->area_name, BUILD_STATIONS_PATH);
			p->area_bad = 1;
		} else {
			strvec_push_unique(&used, p->area_name);
		}
	}
	strvec_sort(&used);
	b->n_areas = used.n;
	b->areas = xcalloc(used.n ? used.n : 1, sizeof *b->areas);
	for (size_t i = 0; i < used.n; i++)
		area_init(b, &b->areas[i], used.v[i]);
	strvec_free(&used);
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (p->meta_ok && p->area_name && !p->area_bad) {
			p->area = area_find(b, p->area_name);
			p->area->used = 1;
		}
	}
}

static int
is_data_file(const char *name)
{
	size_t n = strlen(name);
	/* "~$…" is the lock file Excel leaves beside an open workbook */
	return name[0] != '.' && strncmp(name, "~$", 2) != 0 &&
	    ((n > 4 && !strcasecmp(name + n - 4, ".csv")) ||
	    (n > 7 && !strcasecmp(name + n - 7, ".csv.gz")) ||
	    (n > 5 && !strcasecmp(name + n - 5, ".xlsx")));
}

/* The layout of a folder (the table gives each folder one). */
static struct blayout *
dir_layout(struct build *b, const char *dir)
{
	size_t root = strlen(BUILD_STATIONS_ROOT) + 1;
	for (size_t i = 0; i < b->table.n; i++)
		if (!strcmp(b->table.v[i].dir, dir + root))
			return layout_find(b, b->table.v[i].layout);
	return NULL;
}

/* List the data files of a's folders, in folder then name order. */
static void
area_list(struct build *b, struct barea *a)
{
	if (a->listed)
		return;
	a->listed = 1;
	size_t cap = 0;
	for (size_t i = 0; i < a->dirs.n; i++) {
		DIR *d = opendir(a->dirs.v[i]);
		if (!d) {
			diag_add(&b->area_dl, DIAG_ERROR, a->dirs.v[i], 0, 0,
			    "无法读取地区“%s”的监测数据目录 (cannot read the "
			    "data folder): %s", a->name, strerror(errno));
			a->listed = -1;
			continue;
		}
		struct strvec names = {0};
		struct dirent *e;
		while ((e = readdir(d)) != NULL)
			if (is_data_file(e->d_name))
				strvec_push(&names, e->d_name);
		closedir(d);
		strvec_sort(&names);
		struct blayout *l = dir_layout(b, a->dirs.v[i]);
		for (size_t j = 0; j < names.n; j++) {
			a->files = xgrow(a->files, &cap, a->n_files + 1,
			    sizeof *a->files);
			struct bfile *f = &a->files[a->n_files++];
			f->path = xasprintf("%s/%s", a->dirs.v[i], names.v[j]);
			f->layout = l;
		}
		strvec_free(&names);
	}
	if (a->listed > 0 && !a->n_files)
		diag_add(&b->area_dl, DIAG_WARNING, a->dirs.n ? a->dirs.v[0] : NULL,
		    0, 0, "地区“%s”没有监测数据文件 (.csv/.csv.gz/.xlsx)，其输出不含"
		    "空气质量 (no monitoring data)", a->name);
}

void
bm_area_hash(struct build *b, struct barea *a)
{
	if (a->hashed)
		return;
	area_list(b, a);
	int ok = a->listed > 0;
	if (!b->table_hashed)
		b->table_hashed = build_hash_input(b, BUILD_STATIONS_PATH,
		    b->table_hex, &b->tail) ? 1 : -1;
	ok &= b->table_hashed > 0;
	for (size_t i = 0; i < a->n_layouts; i++) {
		struct blayout *l = a->layouts[i];
		if (!l->hashed)
			l->hashed = build_hash_input(b, l->path, l->hex,
			    &b->area_dl) ? 1 : -1;
		ok &= l->hashed > 0;
	}
	for (size_t i = 0; i < a->n_files; i++)
		ok &= build_hash_input(b, a->files[i].path, a->files[i].hex,
		    &b->area_dl);
	a->hashed = ok ? 1 : -1;
}

void
bm_area_queue(struct build *b, struct barea *a)
{
	if (a->needed)
		return;
	a->needed = 1;
	b->area_jobs = xrealloc(b->area_jobs,
	    (b->n_area_jobs + 1) * sizeof *b->area_jobs);
	b->area_jobs[b->n_area_jobs++] = a;
}

void
bm_layouts_load(struct build *b)
{
	for (size_t i = 0; i < b->n_area_jobs; i++) {
		struct barea *a = b->area_jobs[i];
		for (size_t j = 0; j < a->n_layouts; j++) {
			struct blayout *l = a->layouts[j];
			if (!l->load_tried) {
				l->load_tried = 1;
				l->ml = mon_layout_load(l->path, &b->area_dl);
			}
		}
	}
}

/* Keep only the records of the area's own stations. */
static int
area_record(const struct mon_record *rec, void *ctx)
{
	struct barea *a = ctx;
	size_t id = rec->st->id;
	if (id >= a->n_keep) {
		size_t n = id + 16;
		a->keep = xrealloc(a->keep, n);
		memset(a->keep + a->n_keep, -1, n - a->n_keep);
		a->n_keep = n;
	}
	if (a->keep[id] < 0)
		a->keep[id] = (signed char)strvec_contains(&a->codes,
		    rec->st->code);
	if (a->keep[id])
		airq_add(a->aq, rec);
	return 1;
}

void
bm_area_job(struct barea *a)
{
	a->aq = airq_new(NULL);
	/* The station table says which stations are evaluation stations
	 * and which are 对照点, whatever the files call them. */
	for (size_t i = 0; i < a->codes.n; i++) {
		const struct sim_station *s = a->st[i];
		struct airq_station_info si = { .code = s->code,
		    .name = s->name, .area = s->area,
		    .background = s->background };
		airq_station_add(a->aq, &si);
	}
	mon_qc_init(&a->qc);
	a->qc_init = 1;
	for (size_t i = 0; i < a->n_files; i++) {
		const struct bfile *f = &a->files[i];
		if (!f->layout || !f->layout->ml) {
			a->read_failed = 1;
			continue;
		}
		if (!mon_read_file(f->path, f->layout->ml, &a->qc, area_record, a,
		    &a->dl))
			a->read_failed = 1;
	}
	a->bytes = a->qc.total.bytes;
	mon_qc_finish(&a->qc, &a->dl);
	airq_finish(a->aq, &a->qc, &a->dl);
	if (diag_count(&a->dl, DIAG_ERROR))
		a->read_failed = 1;
}

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
		bm_area_hash(b, p->area);
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
			bm_area_queue(b, p->area);
	}
}

void
bm_schedule(struct build *b)
{
	areas_setup(b);
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i].meta_ok)
			plan_merged_schedule(b, &b->p[i]);
}

void
bm_check_schedule(struct build *b)
{
	areas_setup(b);
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
		area_list(b, a);
		if (a->listed > 0)
			bm_area_queue(b, a);
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

static void
area_free(struct barea *a)
{
	ba_area_free(a);
	free(a->name);
	strvec_free(&a->codes);
	strvec_free(&a->dirs);
	free(a->layouts);
	free(a->st);
	for (size_t i = 0; i < a->n_files; i++)
		free(a->files[i].path);
	free(a->files);
	if (a->aq)
		airq_free(a->aq);
	if (a->qc_init)
		mon_qc_free(&a->qc);
	free(a->keep);
	diag_free(&a->dl);
}

void
bm_free(struct build *b)
{
	sim_table_free(&b->table);
	strvec_free(&b->data_dirs);
	for (size_t i = 0; i < b->n_layouts; i++) {
		free(b->layouts[i].name);
		free(b->layouts[i].path);
		if (b->layouts[i].ml)
			mon_layout_free(b->layouts[i].ml);
	}
	free(b->layouts);
	for (size_t i = 0; i < b->n_areas; i++)
		area_free(&b->areas[i]);
	free(b->areas);
	free(b->area_jobs);
	diag_free(&b->area_dl);
}
