/*
 * build_air.c -- the area and ranking edges of the build (build.h):
 *
 *   output/air/<slug>/<YYYY-MM>.xml  one per area of plans/stations.csv
 *       and month in which the area has a value on some day (area_xml.h
 *       <area-month>), and output/air/<slug>/index.xml (<area-index>: the
 *       months, stations, provenance). Inputs, in this order:
 *       plans/stations.csv, the area's layouts and every .csv/.csv.gz file
 *       of its folders -- exactly the area part of a merged output's
 *       inputs, so one read of the area's data serves both (build_merge.c
 *       reads each area at most once per build).
 *   output/air/ranking/<YYYY-MM>.xml  one per month that some area has a
 *       month document for. Inputs: those month documents (every area's
 *       output of that month, by area name). A ranking is built from what
 *       the area documents print (area_rank_read), not from the data: a
 *       changed data file of one area rebuilds that area's documents and
 *       then only the rankings of the months whose documents changed
 *       (restat pruning); no other area's data is read.
 *
 * Slugs. An area's folder name under output/air/ comes from the station
 * table's `dir` of its first folder (in byte order), never from the area
 * name or any other text: the last component, lower-cased, when it is
 * [a-z0-9][a-z0-9_-]* and not "ranking"; when two areas would share it,
 * each uses its whole `dir` with '/' as '-'. An area with no usable slug
 * is an error at its table line and has no area outputs (and the
 * rankings are not updated).
 *
 * Which months, without reading the data. The months of an area are
 * known only from its data. When its index is up to date (same inputs,
 * same generator, content as written), the month outputs are those the
 * state records under output/air/<slug>/: the index is written last, and
 * only when every month was, so a clean index means the recorded months
 * are the full set for these inputs. A dirty index or a dirty recorded
 * month makes the area dirty: its data are read, its months computed, and
 * each month document decided on its own record.
 *
 * Failures. An area whose files cannot be listed, hashed or read keeps
 * all its outputs and records (nothing under output/air/<slug>/ is
 * removed), and the rankings are not updated (they would rank without
 * it); both are said in a note. A month or index that does not validate
 * fails alone, and the index is then not written, so the next build tries
 * again.
 */
#include "build.h"
#include "build_area.h"
#include "build_stages.h"
#include "fsutil.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- slugs ------------------------------------------------------------------ */

/* Lower-cased copy of s when it is a safe folder name, else NULL. */
static char *
slug_check(const char *s, size_t n)
{
	if (!n || n > 64)
		return NULL;
	char *v = xstrndup(s, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)tolower((unsigned char)v[i]);
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (i > 0 && (c == '_' || c == '-'));
		if (!ok) {
			free(v);
			return NULL;
		}
		v[i] = (char)c;
	}
	if (!strcmp(v, BUILD_RANKING_SLUG)) {
		free(v);
		return NULL;
	}
	return v;
}

/* The `dir` of a's first folder, relative to the table's folder. */
static const char *
area_dir(const struct barea *a)
{
	if (!a->dirs.n)
		return NULL;
	return a->dirs.v[0] + strlen(BUILD_STATIONS_ROOT) + 1;
}

static char *
slug_short(const struct barea *a)
{
	const char *d = area_dir(a);
	if (!d)
		return NULL;
	size_t n = strlen(d);
	while (n && d[n - 1] == '/')
		n--;
	size_t s = n;
	while (s && d[s - 1] != '/')
		s--;
	return slug_check(d + s, n - s);
}

static char *
slug_long(const struct barea *a)
{
	const char *d = area_dir(a);
	if (!d)
		return NULL;
	char *t = xstrdup(d);
	size_t n = strlen(t);
	while (n && t[n - 1] == '/')
		t[--n] = 0;
	for (char *c = t; *c; c++)
		if (*c == '/')
			*c = '-';
	char *v = slug_check(t, n);
	free(t);
	return v;
}

static int
slug_taken(const struct build *b, const struct barea *self, const char *s)
{
	for (size_t i = 0; i < b->n_areas; i++)
		if (&b->areas[i] != self && b->areas[i].slug &&
		    !strcmp(b->areas[i].slug, s))
			return 1;
	return 0;
}

static void
slugs_setup(struct build *b)
{
	char **shorts = xcalloc(b->n_areas ? b->n_areas : 1, sizeof *shorts);
	for (size_t i = 0; i < b->n_areas; i++)
		shorts[i] = slug_short(&b->areas[i]);
	for (size_t i = 0; i < b->n_areas; i++) {
		struct barea *a = &b->areas[i];
		int shared = 0;
		for (size_t j = 0; j < b->n_areas; j++)
			shared |= j != i && shorts[i] && shorts[j] &&
			    !strcmp(shorts[i], shorts[j]);
		char *s = shorts[i] && !shared ? xstrdup(shorts[i]) :
		    slug_long(a);
		if (s && slug_taken(b, a, s)) {
			free(s);
			s = NULL;
		}
		a->slug = s;
		if (!s) {
			diag_add(&b->air_dl, DIAG_ERROR, BUILD_STATIONS_PATH,
			    a->line, 0, "无法由数据目录“%s”得到地区“%s”的输出目录名"
			    "（只能用小写字母、数字、- 和 _，且不能重复或为 "
			    "ranking），该地区没有空气质量输出 (no safe output "
			    "folder name for the area)", area_dir(a) ? area_dir(a) :
			    "", a->name);
			a->air_failed = 1;
		}
	}
	for (size_t i = 0; i < b->n_areas; i++)
		free(shorts[i]);
	free(shorts);
}

/* ---- scheduling ---------------------------------------------------------------- */

static void
add_input(struct state_input **in, size_t *n, size_t *cap, const char *path,
    const char *hex)
{
	*in = xgrow(*in, cap, *n + 1, sizeof **in);
	(*in)[*n].path = (char *)path;
	memcpy((*in)[*n].hex, hex, HASH_HEX_LEN + 1);
	(*n)++;
}

static void
area_inputs(struct build *b, struct barea *a)
{
	size_t cap = 0;
	add_input(&a->in, &a->n_in, &cap, BUILD_STATIONS_PATH, b->table_hex);
	for (size_t i = 0; i < a->n_layouts; i++)
		add_input(&a->in, &a->n_in, &cap, a->layouts[i]->path,
		    a->layouts[i]->hex);
	for (size_t i = 0; i < a->n_files; i++)
		add_input(&a->in, &a->n_in, &cap, a->files[i].path,
		    a->files[i].hex);
}

static struct bairout *
ao_add(struct barea *a, size_t *cap, int32_t ym)
{
	a->ao = xgrow(a->ao, cap, a->n_ao + 1, sizeof *a->ao);
	struct bairout *o = &a->ao[a->n_ao++];
	memset(o, 0, sizeof *o);
	o->ym = ym;
	if (ym < 0)
		o->path = xasprintf("%s/%s/index.xml", BUILD_AIR_DIR, a->slug);
	else
		o->path = xasprintf("%s/%s/%04d-%02d.xml", BUILD_AIR_DIR,
		    a->slug, ym / 12, ym % 12 + 1);
	return o;
}

/* Decide o against its record; explain when dirty and asked to. */
static void
ao_decide(struct build *b, struct barea *a, struct bairout *o, int explain)
{
	o->exists = build_hash_output(b, o->path, o->out_hex);
	struct dirty_check c = {
		.force = b->o->force, .have_state = b->have_state,
		.rec = build_state_output(b->st, o->path),
		.generator = b->o->generator, .in = a->in, .n_in = a->n_in,
		.out_hex = o->exists ? o->out_hex : NULL,
	};
	const char *what;
	o->why = build_isdirty(&c, &what);
	if (explain)
		build_explain(b, o->path, o->why, what);
}

/* "YYYY-MM.xml" directly under prefix: its month key, else -1. */
static int32_t
month_of(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);
	if (strncmp(path, prefix, n))
		return -1;
	const char *s = path + n;
	int y, m;
	char tail[8];
	if (strlen(s) != 11 || sscanf(s, "%4d-%2d%7s", &y, &m, tail) != 3 ||
	    strcmp(tail, ".xml") || m < 1 || m > 12 || !isdigit((unsigned char)s[5]))
		return -1;
	return (int32_t)y * 12 + m - 1;
}

/* The month outputs the state records for a (see the top comment). */
static void
recorded_months(struct build *b, struct barea *a, size_t *cap)
{
	char *prefix = xasprintf("%s/%s/", BUILD_AIR_DIR, a->slug);
	size_t n;
	const struct state_output *const *o = build_state_outputs(b->st, &n);
	int32_t *ym = NULL;
	size_t k = 0, kcap = 0;
	for (size_t i = 0; i < n; i++) {
		int32_t m = month_of(o[i]->path, prefix);
		if (m >= 0) {
			ym = xgrow(ym, &kcap, k + 1, sizeof *ym);
			ym[k++] = m;
		}
	}
	/* Sorted by path = by month. */
	for (size_t i = 0; i < k; i++)
		ao_add(a, cap, ym[i]);
	free(ym);
	free(prefix);
}

static void
area_schedule(struct build *b, struct barea *a)
{
	build_area_hash(b, a);
	if (a->hashed < 0) {
		a->air_failed = 1;
		return;
	}
	area_inputs(b, a);
	size_t cap = 0;
	recorded_months(b, a, &cap);
	struct bairout *idx = ao_add(a, &cap, -1);
	/* Quietly: a dirty area's outputs are decided (and explained)
	 * again once its data say which months there are. */
	ao_decide(b, a, idx, 0);
	int dirty = idx->why != DIRTY_CLEAN;
	for (size_t i = 0; !dirty && i + 1 < a->n_ao; i++) {
		ao_decide(b, a, &a->ao[i], 0);
		dirty |= a->ao[i].why != DIRTY_CLEAN;
	}
	if (!dirty) {
		b->r->air += a->n_ao;
		b->r->air_uptodate += a->n_ao;
		return;
	}
	a->air_dirty = 1;
	b->n_air_dirty++;
	build_area_queue(b, a);
}

void
ba_check_schedule(struct build *b)
{
	slugs_setup(b);
}

void
ba_schedule(struct build *b)
{
	slugs_setup(b);
	for (size_t i = 0; i < b->n_areas; i++)
		if (b->areas[i].slug)
			area_schedule(b, &b->areas[i]);
}

/* ---- building the area documents -------------------------------------------- */

static void
area_desc_fill(struct barea *a, struct area_desc *d)
{
	if (!a->ast) {
		a->ast = xcalloc(a->codes.n ? a->codes.n : 1, sizeof *a->ast);
		for (size_t i = 0; i < a->codes.n; i++) {
			const struct sim_station *s = a->st[i];
			a->ast[i] = (struct area_station){ .code = s->code,
			    .name = s->name, .background = s->background,
			    .simulated = s->simulated, .lon = s->lon,
			    .lat = s->lat, .dir = s->dir, .layout = s->layout };
		}
	}
	d->name = a->name;
	d->slug = a->slug;
	d->st = a->ast;
	d->n_st = a->codes.n;
}

/* The months of the data: the area's outputs, each decided. */
static void
area_outputs_from_data(struct build *b, struct barea *a)
{
	for (size_t i = 0; i < a->n_ao; i++)
		free(a->ao[i].path);
	free(a->ao);
	a->ao = NULL;
	a->n_ao = 0;
	size_t n, cap = 0;
	int32_t *ym = area_months(airq_area_find(a->aq, a->name), &n);
	for (size_t i = 0; i < n; i++)
		ao_add(a, &cap, ym[i]);
	ao_add(a, &cap, -1);
	free(ym);
	for (size_t i = 0; i < a->n_ao; i++)
		ao_decide(b, a, &a->ao[i], 1);
	b->r->air += a->n_ao;
}

struct air_job {
	struct barea *a;
	struct bairout *o;
};

static void
air_job(void *ctx, size_t i)
{
	struct air_job *j = &((struct air_job *)ctx)[i];
	struct area_desc d;
	area_desc_fill(j->a, &d);
	const struct airq_area *aa = airq_area_find(j->a->aq, j->a->name);
	int ok;
	if (j->o->ym < 0) {
		size_t n;
		int32_t *ym = area_months(aa, &n);
		ok = area_index_xml(&d, j->a->aq, aa, ym, n, &j->o->doc,
		    &j->o->dl);
		free(ym);
	} else {
		ok = area_month_xml(&d, j->a->aq, aa, j->o->ym / 12,
		    j->o->ym % 12 + 1, &j->o->doc, &j->o->dl);
	}
	j->o->failed = !ok;
}

void
ba_run(struct build *b)
{
	struct air_job *jobs = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = 0; i < b->n_areas; i++) {
		struct barea *a = &b->areas[i];
		if (!a->air_dirty)
			continue;
		if (!a->aq || a->read_failed) {
			/* Everything it had is kept. */
			a->air_failed = 1;
			b->r->air += a->n_ao;
			b->r->air_failed += a->n_ao;
			continue;
		}
		area_outputs_from_data(b, a);
		/* The station descriptions, before the workers share them. */
		struct area_desc d;
		area_desc_fill(a, &d);
		for (size_t k = 0; k < a->n_ao; k++) {
			if (a->ao[k].why == DIRTY_CLEAN) {
				b->r->air_uptodate++;
				continue;
			}
			jobs = xgrow(jobs, &cap, n + 1, sizeof *jobs);
			jobs[n++] = (struct air_job){ a, &a->ao[k] };
		}
	}
	if (n)
		build_parallel(n, b->o->jobs, air_job, jobs);
	free(jobs);
}

void
ba_emit(struct build *b)
{
	for (size_t i = 0; i < b->n_areas; i++) {
		struct barea *a = &b->areas[i];
		if (!a->air_dirty || a->air_failed)
			continue;
		int month_failed = 0;
		for (size_t k = 0; k < a->n_ao; k++) {
			struct bairout *o = &a->ao[k];
			diag_move(&b->air_dl, &o->dl);
			if (o->why == DIRTY_CLEAN)
				continue;
			/* The index goes last, and only after every month. */
			if (o->ym < 0 && month_failed)
				o->failed = 1;
			if (!o->failed) {
				char hex[HASH_HEX_LEN + 1];
				if (build_emit(b, o->path, &o->doc,
				    o->exists ? o->out_hex : NULL, a->in, a->n_in,
				    hex, &b->air_dl)) {
					memcpy(o->out_hex, hex, sizeof hex);
					o->exists = 1;
					o->why = DIRTY_CLEAN;
					b->r->air_rebuilt++;
					continue;
				}
				o->failed = 1;
			}
			month_failed = 1;
			b->r->air_failed++;
		}
	}
}

/* ---- rankings ------------------------------------------------------------------- */

static int
ym_cmp(const void *x, const void *y)
{
	int32_t a = *(const int32_t *)x, c = *(const int32_t *)y;
	return a < c ? -1 : a > c;
}

/* Every month some area has a month document for, ascending. */
static int32_t *
rank_months(const struct build *b, size_t *n)
{
	int32_t *v = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < b->n_areas; i++)
		for (size_t k = 0; k < b->areas[i].n_ao; k++)
			if (b->areas[i].ao[k].ym >= 0) {
				v = xgrow(v, &cap, *n + 1, sizeof *v);
				v[(*n)++] = b->areas[i].ao[k].ym;
			}
	if (*n > 1)
		qsort(v, *n, sizeof *v, ym_cmp);
	size_t u = 0;
	for (size_t i = 0; i < *n; i++)
		if (!u || v[u - 1] != v[i])
			v[u++] = v[i];
	*n = u;
	return v;
}

static struct bairout *
area_month_out(struct barea *a, int32_t ym)
{
	for (size_t k = 0; k < a->n_ao; k++)
		if (a->ao[k].ym == ym)
			return &a->ao[k];
	return NULL;
}

static void
rank_setup(struct build *b, struct brank *r)
{
	size_t cap = 0, scap = 0, ns = 0;
	for (size_t i = 0; i < b->n_areas; i++) {
		struct bairout *o = area_month_out(&b->areas[i], r->ym);
		if (!o)
			continue;
		add_input(&r->in, &r->n_in, &cap, o->path, o->out_hex);
		r->src = xgrow(r->src, &scap, ns + 1, sizeof *r->src);
		r->src[ns++] = o;
	}
	r->exists = build_hash_output(b, r->path, r->out_hex);
	struct dirty_check c = {
		.force = b->o->force, .have_state = b->have_state,
		.rec = build_state_output(b->st, r->path),
		.generator = b->o->generator, .in = r->in, .n_in = r->n_in,
		.out_hex = r->exists ? r->out_hex : NULL,
	};
	const char *what;
	r->why = build_isdirty(&c, &what);
	build_explain(b, r->path, r->why, what);
}

static void
rank_job(void *ctx, size_t i)
{
	struct brank *r = ((struct brank **)ctx)[i];
	struct area_rank_src *src = xcalloc(r->n_in ? r->n_in : 1, sizeof *src);
	size_t n = 0;
	int ok = 1;
	for (size_t k = 0; k < r->n_in; k++) {
		const struct bairout *o = r->src[k];
		struct buf file = { 0 };
		const struct buf *doc = &o->doc;
		if (!doc->len) {
			/* Not rebuilt this run: its file, as recorded. */
			if (fs_read_file(o->path, &file) != 0) {
				diag_add(&r->dl, DIAG_ERROR, o->path, 0, 0,
				    "无法读取 (cannot read)");
				ok = 0;
				continue;
			}
			doc = &file;
		}
		if (area_rank_read(doc->data, doc->len, o->path, &src[n], &r->dl))
			n++;
		else
			ok = 0;
		buf_free(&file);
	}
	if (ok)
		ok = area_ranking_xml(r->ym / 12, r->ym % 12 + 1, src, n,
		    &r->doc, &r->dl);
	r->failed = !ok;
	for (size_t k = 0; k < n; k++)
		area_rank_src_clear(&src[k]);
	free(src);
}

void
ba_rank(struct build *b)
{
	for (size_t i = 0; i < b->n_areas; i++) {
		const struct barea *a = &b->areas[i];
		b->rank_unknown |= a->air_failed;
		for (size_t k = 0; k < a->n_ao; k++)
			b->rank_unknown |= a->ao[k].failed;
	}
	if (b->rank_unknown) {
		diag_add(&b->air_dl, DIAG_NOTE, NULL, 0, 0,
		    "有地区的空气质量输出未能更新，各月排名 (%s/%s/) 保持上次的"
		    "内容 (rankings not updated: an area failed)", BUILD_AIR_DIR,
		    BUILD_RANKING_SLUG);
		return;
	}
	size_t n;
	int32_t *ym = rank_months(b, &n);
	b->rk = xcalloc(n ? n : 1, sizeof *b->rk);
	b->n_rk = n;
	struct brank **jobs = xcalloc(n ? n : 1, sizeof *jobs);
	size_t nj = 0;
	for (size_t i = 0; i < n; i++) {
		struct brank *r = &b->rk[i];
		r->ym = ym[i];
		r->path = xasprintf("%s/%s/%04d-%02d.xml", BUILD_AIR_DIR,
		    BUILD_RANKING_SLUG, ym[i] / 12, ym[i] % 12 + 1);
		rank_setup(b, r);
		if (r->why != DIRTY_CLEAN)
			jobs[nj++] = r;
	}
	free(ym);
	b->r->ranks = n;
	b->r->ranks_uptodate = n - nj;
	if (nj)
		build_parallel(nj, b->o->jobs, rank_job, jobs);
	free(jobs);
	for (size_t i = 0; i < n; i++) {
		struct brank *r = &b->rk[i];
		diag_move(&b->air_dl, &r->dl);
		if (r->why == DIRTY_CLEAN)
			continue;
		char hex[HASH_HEX_LEN + 1];
		if (!r->failed && build_emit(b, r->path, &r->doc,
		    r->exists ? r->out_hex : NULL, r->in, r->n_in, hex,
		    &b->air_dl)) {
			r->why = DIRTY_CLEAN;
			b->r->ranks_rebuilt++;
		} else {
			r->failed = 1;
			b->r->ranks_failed++;
		}
	}
}

/* ---- stale outputs, reporting, freeing ----------------------------------------- */

void
ba_write(struct build *b)
{
	ba_emit(b);
	ba_rank(b);
}

int
ba_is_current_output(const struct build *b, const char *path)
{
	size_t root = strlen(BUILD_AIR_DIR) + 1;
	if (strncmp(path, BUILD_AIR_DIR "/", root))
		return 0;
	const char *rest = path + root;
	size_t rl = strlen(BUILD_RANKING_SLUG);
	if (!strncmp(rest, BUILD_RANKING_SLUG, rl) && rest[rl] == '/') {
		if (b->rank_unknown)
			return 1;
		for (size_t i = 0; i < b->n_rk; i++)
			if (!strcmp(path, b->rk[i].path))
				return 1;
		return 0;
	}
	for (size_t i = 0; i < b->n_areas; i++) {
		const struct barea *a = &b->areas[i];
		if (!a->slug)
			continue;
		size_t n = strlen(a->slug);
		if (strncmp(rest, a->slug, n) || rest[n] != '/')
			continue;
		/* An area that failed keeps whatever it had. */
		if (a->air_failed)
			return 1;
		for (size_t k = 0; k < a->n_ao; k++)
			if (!strcmp(path, a->ao[k].path))
				return 1;
	}
	return 0;
}

void
ba_collect_diags(struct build *b)
{
	diag_move(&b->r->dl, &b->air_dl);
}

void
ba_area_free(struct barea *a)
{
	free(a->slug);
	free(a->ast);
	free(a->in);
	for (size_t i = 0; i < a->n_ao; i++) {
		free(a->ao[i].path);
		buf_free(&a->ao[i].doc);
		diag_free(&a->ao[i].dl);
	}
	free(a->ao);
}

void
ba_free(struct build *b)
{
	for (size_t i = 0; i < b->n_rk; i++) {
		free(b->rk[i].path);
		free(b->rk[i].in);
		free(b->rk[i].src);
		buf_free(&b->rk[i].doc);
		diag_free(&b->rk[i].dl);
	}
	free(b->rk);
	diag_free(&b->air_dl);
}
