/*
 * build_site.c -- the site edges of the build: one edge per page of
 * output/site/ (site.h), whose inputs are the files the page shows (its
 * deps) and the site's templates, taken together as one pseudo-input
 * "templates/site" (the hash of every template file's path and content).
 *
 * Two levels, so that an unchanged publication costs nearly nothing:
 *  1. The site as a whole: the hash of every file the site can read
 *     (output/xml, output/merged, output/air, output/bulletin, the
 *     templates, the commentaries and the plan texts) is recorded as the
 *     pseudo-output "output/site/.inputs". When it is unchanged (and the
 *     generator, and the home page still exists) nothing is loaded.
 *  2. Otherwise the site is loaded and its pages listed; each page is
 *     checked against its own record, so one changed ledger re-renders
 *     only the pages that show that plan's merged documents.
 * Pages are written only when their bytes change.
 *
 * The pages' records (what each was built from, the stat data of the page
 * files) live in a state of their own, output/.lantian/site-state, read
 * only when the site is looked at: a province has tens of thousands of
 * pages, and an unchanged build must not pay for reading their records.
 * Pages no longer produced are removed here, from that state.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "build.h"
#include "build_fonts.h"
#include "build_graph.h"
#include "build_stages.h"
#include "fslink.h"
#include "fsutil.h"
#include "site.h"
#include "site_pool.h"
#include "site_xslt.h"
#include "util.h"
#include "userfile.h"

#define SITE_KEY_PATH BUILD_SITE_DIR "/.inputs"
#define SITE_STATE_PATH "output/.lantian/site-state"
#define SITE_TEMPLATES "templates/site"

struct bpage {
	const struct site_page *pg;
	char *path;                /* output/site/<page path> */
	struct state_input *in;    /* deps, then the templates */
	size_t n_in;
	char out_hex[HASH_HEX_LEN + 1];
	int exists;
	enum dirty_reason why;
	int failed;
	int todo;                  /* rendered by a worker this run */
	struct buf doc;
	char hex[HASH_HEX_LEN + 1];/* written by the worker */
	int wrote;
	struct strvec tmpl;        /* template files its render applied */
	struct diag_list dl;
};

struct bsite {
	int skipped;               /* the site's inputs are unchanged */
	int unknown;               /* could not be decided: keep every page */
	size_t held;               /* pages of held plans left as they are */
	char tmpl_hex[HASH_HEX_LEN + 1];
	GHashTable *tmpl;          /* templates/site/... -> content hash */
	char key_hex[HASH_HEX_LEN + 1];
	struct build_state *sst;   /* the pages' records */
	int have_sst;
	struct site_pages pages;
	struct bpage *bp;
	size_t n_bp;
};

/* ---- level 1: everything the site can read ------------------------------- */

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file under dir (recursively, sorted, dot files skipped),
 * as paths appended to out. */
static void
walk_files(const char *dir, struct strvec *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct strvec names = { 0 };
	struct strvec dirs = { 0 };
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		/* The entry's type from readdir where the file system gives
		 * it: one stat() less per file of a province's output. */
		int is_dir = e->d_type == DT_DIR, is_reg = e->d_type == DT_REG;
		if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			char *p = xasprintf("%s/%s", dir, e->d_name);
			struct stat sb;
			if (stat(p, &sb) == 0) {
				is_dir = S_ISDIR(sb.st_mode);
				is_reg = S_ISREG(sb.st_mode);
			}
			free(p);
		}
		if (is_dir)
			strvec_push(&dirs, e->d_name);
		else if (is_reg)
			strvec_push(&names, e->d_name);
	}
	closedir(d);
	/* Files and folders in one sorted order, as a listing reads. */
	for (size_t i = 0; i < dirs.n; i++) {
		char *tagged = xasprintf("%s/", dirs.v[i]);
		strvec_push(&names, tagged);
		free(tagged);
	}
	strvec_free(&dirs);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, name_cmp);
	for (size_t i = 0; i < names.n; i++) {
		size_t len = strlen(names.v[i]);
		if (names.v[i][len - 1] == '/') {
			names.v[i][len - 1] = '\0';
			char *p = xasprintf("%s/%s", dir, names.v[i]);
			walk_files(p, out);
			free(p);
		} else {
			char *p = xasprintf("%s/%s", dir, names.v[i]);
			strvec_push(out, p);
			free(p);
		}
	}
	strvec_free(&names);
}

/* The hash over (path, content hash) of files; 0 if one cannot be read. */
static int
hash_files(struct build *b, const struct strvec *files, char *hex,
    GHashTable *map, struct diag_list *dl)
{
	struct buf acc = { 0 };
	int ok = 1;
	for (size_t i = 0; i < files->n; i++) {
		char h[HASH_HEX_LEN + 1];
		if (!build_hash_input(b, files->v[i], h, dl)) {
			ok = 0;
			continue;
		}
		if (map)
			g_hash_table_replace(map, xstrdup(files->v[i]),
			    xstrdup(h));
		buf_printf(&acc, "%s%c%s\n", files->v[i], 0, h);
	}
	hash_bytes(acc.data ? acc.data : "", acc.len, hex);
	buf_free(&acc);
	return ok;
}

static int
site_key(struct build *b, struct bsite *bs)
{
	static const char *const dirs[] = { "output/xml", BUILD_MERGED_DIR,
	    BUILD_AIR_DIR, BUILD_BULLETIN_DIR };
	struct strvec files = { 0 };
	walk_files(SITE_TEMPLATES, &files);
	bs->tmpl = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	int ok = hash_files(b, &files, bs->tmpl_hex, bs->tmpl, &b->site_dl);
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		walk_files(dirs[i], &files);
	/* The plans' own files the site shows: their texts (source pages)
	 * and staff commentaries. */
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		if (p->text_path)
			strvec_push(&files, p->text_path);
		char *c = xasprintf("plans/%s/commentary", p->dir);
		walk_files(c, &files);
		free(c);
	}
	ok &= hash_files(b, &files, bs->key_hex, NULL, &b->site_dl);
	strvec_free(&files);
	return ok;
}

static int
site_unchanged(struct build *b, const struct bsite *bs)
{
	const struct state_output *rec = build_state_output(b->st,
	    SITE_KEY_PATH);
	struct stat sb;
	return !b->o->force && b->have_state && rec &&
	    !strcmp(rec->hex, bs->key_hex) &&
	    !strcmp(rec->generator, b->o->generator) &&
	    stat(BUILD_SITE_DIR "/index.html", &sb) == 0 &&
	    stat(SITE_STATE_PATH, &sb) == 0;
}

/* ---- level 2: pages -------------------------------------------------------- */

/* A template file's content hash as hashed this run by site_key(); a
 * template that is gone gets one no record holds. The path returned lives
 * as long as bs. */
static const char *
tmpl_hex(struct bsite *bs, const char *path, const char **stable)
{
	gpointer k, v;
	if (g_hash_table_lookup_extended(bs->tmpl, path, &k, &v)) {
		*stable = k;
		return v;
	}
	g_hash_table_replace(bs->tmpl, xstrdup(path), xstrdup("-"));
	g_hash_table_lookup_extended(bs->tmpl, path, &k, &v);
	*stable = k;
	return v;
}

static int
is_dep(const struct site_page *pg, const char *path)
{
	for (size_t i = 0; i < pg->n_deps; i++)
		if (!strcmp(pg->deps[i], path))
			return 1;
	return 0;
}

static int
is_template(const char *path)
{
	return str_starts(path, SITE_TEMPLATES "/");
}

/* A page's inputs: its deps, then the template files it applied when it
 * was last rendered (from its record: which stylesheets a page applies
 * is known only by rendering it, as a compiler's header dependencies).
 * A page never rendered has no record and is rendered anyway. */
static void
page_inputs(struct build *b, struct bsite *bs, struct bpage *p,
    const struct state_output *rec)
{
	const struct site_page *pg = p->pg;
	size_t n_t = 0;
	for (size_t i = 0; rec && i < rec->n_in; i++)
		n_t += is_template(rec->in[i].path) &&
		    !is_dep(pg, rec->in[i].path);
	p->in = xcalloc(pg->n_deps + n_t + 1, sizeof *p->in);
	for (size_t i = 0; i < pg->n_deps; i++) {
		p->in[i].path = pg->deps[i];
		if (!build_hash_input(b, pg->deps[i], p->in[i].hex, &p->dl))
			p->failed = 1;
	}
	p->n_in = pg->n_deps;
	for (size_t i = 0; rec && i < rec->n_in; i++) {
		const char *t = rec->in[i].path;
		if (!is_template(t) || is_dep(pg, t))
			continue;
		const char *path;
		const char *hex = tmpl_hex(bs, t, &path);
		p->in[p->n_in].path = (char *)path;
		snprintf(p->in[p->n_in].hex, sizeof p->in[p->n_in].hex, "%s",
		    hex);
		p->n_in++;
	}
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* After rendering: the inputs to record are the deps and the template
 * files the render applied, sorted. */
static void
page_inputs_rendered(struct bsite *bs, struct bpage *p)
{
	const struct site_page *pg = p->pg;
	if (p->tmpl.n)
		qsort(p->tmpl.v, p->tmpl.n, sizeof *p->tmpl.v, cmp_cstr);
	p->in = xrealloc(p->in, (pg->n_deps + p->tmpl.n + 1) * sizeof *p->in);
	p->n_in = pg->n_deps;
	for (size_t i = 0; i < p->tmpl.n; i++) {
		if (is_dep(pg, p->tmpl.v[i]))
			continue;
		const char *path;
		const char *hex = tmpl_hex(bs, p->tmpl.v[i], &path);
		p->in[p->n_in].path = (char *)path;
		snprintf(p->in[p->n_in].hex, sizeof p->in[p->n_in].hex, "%s",
		    hex);
		p->n_in++;
	}
}

static void
page_setup(struct build *b, struct bsite *bs, struct bpage *p)
{
	const struct site_page *pg = p->pg;
	p->path = xasprintf("%s/%s", BUILD_SITE_DIR, pg->path);
	const struct state_output *rec = build_state_output(bs->sst, p->path);
	page_inputs(b, bs, p, rec);
	if (!site_path_ok(pg->path)) {
		diag_add(&p->dl, DIAG_ERROR, pg->path, 0, 0,
		    "网站页面路径不安全 (unsafe page path)");
		p->failed = 1;
	}
	if (p->failed) {
		p->why = DIRTY_MISSING_OUTPUT;
		return;
	}
	p->exists = hash_cache_file(build_state_cache(bs->sst), p->path,
	    p->out_hex) == 1;
	struct dirty_check c = {
		.force = b->o->force, .have_state = bs->have_sst,
		.rec = rec,
		.generator = b->o->generator, .in = p->in, .n_in = p->n_in,
		.out_hex = p->exists ? p->out_hex : NULL,
	};
	const char *what;
	p->why = build_isdirty(&c, &what);
	build_explain(b, p->path, p->why, what);
}

/* A bulletin PDF on the site is the build's own file: published as a hard
 * link of it (no second copy of the bytes), its hash the one the build
 * has for it. */
static int
page_is_bulletin_copy(const struct site_page *pg)
{
	return pg->copy && pg->n_deps >= 1 &&
	    str_starts(pg->deps[0], BUILD_BULLETIN_DIR "/");
}

/* On a worker: render p with site s and write it. */
static void
page_render(struct site *s, struct bpage *p)
{
	const struct site_page *pg = p->pg;
	if (page_is_bulletin_copy(pg)) {
		memcpy(p->hex, p->in[0].hex, sizeof p->hex);
		p->wrote = 0;
		if (p->exists && !strcmp(p->out_hex, p->hex))
			return;
		char *dir = xstrdup(p->path);
		*strrchr(dir, '/') = '\0';
		if (fs_mkdir_p(dir) != 0 ||
		    fs_link_atomic(pg->deps[0], p->path, NULL) != 0) {
			diag_add(&p->dl, DIAG_ERROR, p->path, 0, 0,
			    "无法写入 (cannot write): %s", strerror(errno));
			p->failed = 1;
		} else {
			p->wrote = 1;
		}
		free(dir);
		return;
	}
	if (pg->copy) {
		/* A copied file (stylesheet, download) is published as is:
		 * read under userfile.h, so no link out of the tree is. */
		if (pg->n_deps < 1) {
			diag_add(&p->dl, DIAG_ERROR, pg->path, 0, 0,
			    "无法读取 (cannot read): %s", strerror(ENOENT));
			p->failed = 1;
		} else if (!userfile_read(pg->deps[0], USERFILE_TREE, 0,
		    &p->doc, &p->dl)) {
			p->failed = 1;
		}
	} else {
		site_templates_reset(s);
		if (!pg->render || !pg->render(s, pg, &p->doc, &p->dl))
			p->failed = 1;
		const struct strvec *t = site_templates_used(s);
		for (size_t i = 0; i < t->n; i++)
			strvec_push(&p->tmpl, t->v[i]);
	}
	site_doc_trim(s, SITE_DOC_CACHE);
	if (!p->failed && !build_emit_write(p->path, &p->doc,
	    p->exists ? p->out_hex : NULL, p->hex, &p->wrote)) {
		diag_add(&p->dl, DIAG_ERROR, p->path, 0, 0,
		    "无法写入 (cannot write): %s", strerror(errno));
		p->failed = 1;
	}
	buf_free(&p->doc);
}

/* ---- pages of held plans ------------------------------------------------- */

/* What a page's inputs say about the plans held back this run. */
struct page_plans {
	const struct bplan *one;   /* the one plan it shows, if one */
	int many;                  /* it shows more than one plan */
	int raw_held;              /* it reads a held plan's own files */
};

static void
page_plans_add(const struct build *b, struct page_plans *pp, const char *path)
{
	int raw;
	const struct bplan *p = build_path_plan(b, path, &raw);
	if (!p)
		return;
	if (raw && p->held)
		pp->raw_held = 1;
	if (pp->one && pp->one != p)
		pp->many = 1;
	pp->one = p;
}

/* 1 if a page with these inputs must stay as it is: it is a page of a held
 * plan (all it shows is that plan), or it would publish a held plan's new
 * files. A page across plans (home, deadlines, search) is rendered: it
 * reads the held plan's previous outputs, which output/ still holds. */
static int
page_plans_held(const struct page_plans *pp)
{
	return pp->raw_held || (pp->one && !pp->many && pp->one->held);
}

static int
page_held(const struct build *b, const struct site_page *pg)
{
	struct page_plans pp = { 0 };
	if (!b->n_held)
		return 0;
	for (size_t i = 0; i < pg->n_deps; i++)
		page_plans_add(b, &pp, pg->deps[i]);
	return page_plans_held(&pp);
}

static int
record_held(const struct build *b, const struct state_output *rec)
{
	struct page_plans pp = { 0 };
	if (!b->n_held)
		return 0;
	for (size_t i = 0; i < rec->n_in; i++)
		page_plans_add(b, &pp, rec->in[i].path);
	return page_plans_held(&pp);
}

/* Temp files of a killed build anywhere under output/site/. */
static void
remove_temps(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = xasprintf("%s/%s", dir, e->d_name);
		const char *t = strstr(e->d_name, ".tmp");
		struct stat sb;
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_temps(p);
		else if (e->d_name[0] == '.' && t && strlen(t) == 10)
			unlink(p);
		free(p);
	}
	closedir(d);
}

/* Remove dir's empty folders up to output/site. */
static void
rmdir_up(const char *path)
{
	char *dir = xstrdup(path);
	char *slash;
	while ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (!strcmp(dir, BUILD_SITE_DIR) || rmdir(dir) != 0)
			break;
	}
	free(dir);
}

/* Pages the last build wrote that this one no longer produces. */
static void
pages_prune(struct build *b, struct bsite *bs)
{
	GHashTable *cur = g_hash_table_new(g_str_hash, g_str_equal);
	for (size_t i = 0; i < bs->n_bp; i++)
		g_hash_table_add(cur, bs->bp[i].path);
	size_t n;
	const struct state_output *const *o = build_state_outputs(bs->sst, &n);
	struct strvec gone = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (g_hash_table_contains(cur, o[i]->path))
			continue;
		/* A held plan's pages stay, even those it would drop. */
		if (record_held(b, o[i])) {
			bs->held++;
			continue;
		}
		strvec_push(&gone, o[i]->path);
	}
	g_hash_table_destroy(cur);
	for (size_t i = 0; i < gone.n; i++) {
		if (unlink(gone.v[i]) != 0 && errno != ENOENT) {
			diag_add(&b->site_dl, DIAG_ERROR, gone.v[i], 0, 0,
			    "无法删除过时的网页 (cannot remove stale page): %s",
			    strerror(errno));
			continue;
		}
		build_state_remove_output(bs->sst, gone.v[i]);
		strvec_push(&b->r->removed, gone.v[i]);
		rmdir_up(gone.v[i]);
	}
	strvec_free(&gone);
}

static void
sst_load(struct build *b, struct bsite *bs)
{
	char *why = NULL;
	bs->sst = build_state_new();
	enum state_load rc = build_state_load(bs->sst, SITE_STATE_PATH, &why);
	bs->have_sst = rc == STATE_LOADED;
	if (rc == STATE_BAD)
		diag_add(&b->site_dl, DIAG_NOTE, SITE_STATE_PATH, 0, 0,
		    "网站构建状态不可用（%s），全部网页重新生成 "
		    "(site state unusable; rendering every page)", why);
	free(why);
}

/* Pages are rendered by workers in runs of consecutive pages (path
 * order keeps a plan's pages together, so they share the documents a
 * site has parsed), each run with one site of the pool. */
#define PAGE_RUN 32

struct run_ctx {
	struct bsite *bs;
	struct bpage **todo;
	size_t n;
	struct site_pool *pool;
};

static void
run_job(void *ctx, size_t i)
{
	struct run_ctx *c = ctx;
	size_t from = i * PAGE_RUN, to = from + PAGE_RUN;
	if (to > c->n)
		to = c->n;
	struct site *s = site_pool_take(c->pool, &c->todo[from]->dl);
	for (size_t k = from; k < to; k++) {
		struct bpage *p = c->todo[k];
		if (!s) {
			p->failed = 1;
			continue;
		}
		page_render(s, p);
	}
	if (s)
		site_pool_give(c->pool, s);
}

/* 1 when some page to render draws charts (an area's pages): only then
 * are the fonts opened, and verified, for the site. A tree without
 * fonts/ (data only) gets its pages without charts: the tables beside
 * them carry the data. */
static int
needs_fonts(struct bpage **todo, size_t n)
{
	struct stat sb;
	if (stat("fonts/fonts.lock", &sb) != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (str_starts(todo[i]->pg->path, "air/"))
			return 1;
	return 0;
}

static void
pages_run(struct build *b, struct bsite *bs)
{
	struct site *first = site_open(".", NULL, &b->site_dl);
	if (!first || !site_enumerate(first, &bs->pages, &b->site_dl)) {
		site_close(first);
		bs->unknown = 1;
		return;
	}
	bs->n_bp = bs->pages.n;
	bs->bp = xcalloc(bs->n_bp ? bs->n_bp : 1, sizeof *bs->bp);
	struct bpage **todo = xcalloc(bs->n_bp ? bs->n_bp : 1, sizeof *todo);
	size_t dirty = 0, n_todo = 0;
	for (size_t i = 0; i < bs->n_bp; i++) {
		struct bpage *p = &bs->bp[i];
		p->pg = &bs->pages.v[i];
		page_setup(b, bs, p);
		if (p->why == DIRTY_CLEAN)
			continue;
		dirty++;
		if (page_held(b, p->pg)) {
			/* Neither rendered nor recorded: the next build finds
			 * it out of date again. */
			diag_free(&p->dl);
			bs->held++;
			continue;
		}
		p->todo = 1;
		if (!p->failed)
			todo[n_todo++] = p;
	}
	/* The site that listed the pages has no fonts: a site with charts
	 * to draw is opened with them, and the listing one is closed. */
	const struct fonts *f = needs_fonts(todo, n_todo) ? build_fonts(b) : NULL;
	if (f) {
		site_close(first);
		first = NULL;
	}
	site_threads_init();
	struct site_pool *pool = site_pool_new(".", f, first);
	struct run_ctx c = { bs, todo, n_todo, pool };
	build_parallel((n_todo + PAGE_RUN - 1) / PAGE_RUN, b->o->jobs,
	    run_job, &c);
	site_pool_free(pool);
	free(todo);
	/* Recorded in page order, on this thread. */
	for (size_t i = 0; i < bs->n_bp; i++) {
		struct bpage *p = &bs->bp[i];
		diag_move(&b->site_dl, &p->dl);
		if (!p->todo)
			continue;
		if (!p->failed) {
			if (!page_is_bulletin_copy(p->pg))
				page_inputs_rendered(bs, p);
			build_emit_record(b, bs->sst, p->path, p->hex,
			    p->wrote, p->in, p->n_in);
			p->why = DIRTY_CLEAN;
			b->r->pages_rebuilt++;
		} else {
			b->r->pages_failed++;
		}
		strvec_free(&p->tmpl);
	}
	b->r->pages = bs->n_bp;
	b->r->pages_uptodate = bs->n_bp - dirty;
}

void
bs_run(struct build *b)
{
	struct bsite *bs = b->site = xcalloc(1, sizeof *b->site);
	struct stat sb;
	if (stat(SITE_TEMPLATES, &sb) != 0) {
		/* A data-only tree: no site, and the old one is kept. */
		bs->unknown = 1;
		diag_add(&b->site_dl, DIAG_NOTE, SITE_TEMPLATES, 0, 0,
		    "没有网站模板，不生成网站 (no site templates: site not built)");
		return;
	}
	if (!site_key(b, bs)) {
		bs->unknown = 1;
		return;
	}
	if (site_unchanged(b, bs)) {
		bs->skipped = 1;
		b->r->site_skipped = 1;
		return;
	}
	remove_temps(BUILD_SITE_DIR);
	sst_load(b, bs);
	pages_run(b, bs);
	if (!bs->unknown)
		pages_prune(b, bs);
	if ((build_state_changed(bs->sst) || !bs->have_sst) &&
	    build_state_save(bs->sst, SITE_STATE_PATH) != 0)
		diag_add(&b->site_dl, DIAG_ERROR, SITE_STATE_PATH, 0, 0,
		    "无法保存网站构建状态 (cannot save site state): %s",
		    strerror(errno));
	if (!bs->unknown && !b->r->pages_failed && !bs->held)
		build_state_set_output(b->st, SITE_KEY_PATH, bs->key_hex,
		    b->o->generator, NULL, 0);
	else
		build_state_remove_output(b->st, SITE_KEY_PATH);
}

int
bs_is_current_output(const struct build *b, const char *path)
{
	if (strncmp(path, BUILD_SITE_DIR "/", strlen(BUILD_SITE_DIR) + 1))
		return 0;
	/* Pages are pruned by pages_prune() from the site state; the
	 * main state only holds the site's key. */
	return 1;
}

static int
is_stylesheet(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 4 && e->d_name[0] != '.' &&
	    !strcmp(e->d_name + n - 4, ".xsl");
}

/* lantian check: compile every stylesheet of templates/site, so a broken
 * template is found by check, not first by the build that publishes. A
 * tree without templates/site has no site: nothing to check. */
void
bs_check_schedule(struct build *b)
{
	struct dirent **names;
	int n = scandir(SITE_TEMPLATES, &names, is_stylesheet, alphasort);
	if (n < 0)
		return;
	struct site_xslt *x = site_xslt_new(SITE_TEMPLATES);
	for (int i = 0; i < n; i++) {
		site_xslt_get(x, names[i]->d_name, &b->site_dl);
		free(names[i]);
	}
	free(names);
	site_xslt_free(x);
}

void
bs_collect_diags(struct build *b)
{
	diag_move(&b->r->dl, &b->site_dl);
}

void
bs_free(struct build *b)
{
	struct bsite *bs = b->site;
	if (bs) {
		for (size_t i = 0; i < bs->n_bp; i++) {
			free(bs->bp[i].path);
			free(bs->bp[i].in);
			buf_free(&bs->bp[i].doc);
			strvec_free(&bs->bp[i].tmpl);
			diag_free(&bs->bp[i].dl);
		}
		free(bs->bp);
		site_pages_free(&bs->pages);
		if (bs->tmpl)
			g_hash_table_destroy(bs->tmpl);
		if (bs->sst)
			build_state_free(bs->sst);
		free(bs);
	}
	diag_free(&b->site_dl);
}
