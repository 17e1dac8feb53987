/*
 * build_area.c -- the monitoring areas of the build: the station table
 * (plans/stations.csv), the layouts it names, every area's data files,
 * and reading an area's data on a worker. Both the merged outputs
 * (build_merge.c) and the area outputs (build_air.c) read an area through
 * here, so neither stage calls the other.
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
 */
#include "build_area.h"
#include "fsutil.h"
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
build_area_table_load(struct build *b)
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
build_area_is_data_dir(const struct build *b, const char *name)
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
void
build_areas_setup(struct build *b)
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
void
build_area_list(struct build *b, struct barea *a)
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
build_area_hash(struct build *b, struct barea *a)
{
	if (a->hashed)
		return;
	build_area_list(b, a);
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
build_area_queue(struct build *b, struct barea *a)
{
	if (a->needed)
		return;
	a->needed = 1;
	b->area_jobs = xrealloc(b->area_jobs,
	    (b->n_area_jobs + 1) * sizeof *b->area_jobs);
	b->area_jobs[b->n_area_jobs++] = a;
}

void
build_area_layouts_load(struct build *b)
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
build_area_job(struct barea *a)
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

static void
area_free(struct barea *a)
{
	for (size_t k = 0; k < build_n_stages; k++)
		if (build_stages[k].area_free)
			build_stages[k].area_free(a);
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
build_area_free_all(struct build *b)
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
