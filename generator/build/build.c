/*
 * build.c -- the build graph of a publication (see build.h): finding the
 * plans, deciding what is out of date, parsing in parallel, writing only
 * what changed, and recording it in the build state. Every output beyond
 * the plans' own is a stage, reached only through its row of
 * build_stages[] (build_graph.h): this file names none.
 */
#include "build.h"
#include "build_fonts.h"
#include "build_graph.h"
#include "buf.h"
#include "fsutil.h"
#include "hash.h"
#include "ledger.h"
#include "plan.h"
#include "plan_json.h"
#include "plan_meta.h"
#include "plan_lint.h"
#include "plan_parse.h"
#include "plan_xml.h"
#include "units.h"
#include "userfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Call hook of every stage that has it, in table order. */
#define STAGES(hook, ...) do { \
	for (size_t stage_ = 0; stage_ < build_n_stages; stage_++) \
		if (build_stages[stage_].hook) \
			build_stages[stage_].hook(__VA_ARGS__); \
} while (0)

/* 1 if some stage's predicate holds. */
static int
stages_is_data_dir(const struct build *b, const char *name)
{
	for (size_t k = 0; k < build_n_stages; k++)
		if (build_stages[k].is_data_dir &&
		    build_stages[k].is_data_dir(b, name))
			return 1;
	return 0;
}

static int
stages_is_current_output(const struct build *b, const char *path)
{
	for (size_t k = 0; k < build_n_stages; k++)
		if (build_stages[k].is_current_output &&
		    build_stages[k].is_current_output(b, path))
			return 1;
	return 0;
}

#define LOCK_PATH "output/.lantian/lock"
/* Present while a build runs: found at the start, the last build was
 * killed and may have left temp files (listing every output folder for
 * them costs a province's no-op build a fifth of its time). */
#define RUNNING_PATH "output/.lantian/running"

/* Outputs of the registry edge; no plan may take these names as ids. */
enum { REG_UNITS_XML, REG_UNITS_JSON, REG_INDEX, N_REG };
static const char *const reg_paths[N_REG] = {
	"output/xml/units.xml",
	"output/json/units.json",
	"output/json/index.json",
};
static const char *const reserved_ids[] = { "units", "index" };

/* ---- the worker pool --------------------------------------------------- */

struct pool {
	size_t n;
	atomic_size_t next;
	void (*fn)(void *, size_t);
	void *ctx;
};

static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->n)
			return NULL;
		p->fn(p->ctx, i);
	}
}

void
build_parallel(size_t n, int jobs, void (*fn)(void *ctx, size_t i),
    void *ctx)
{
	struct pool p = { .n = n, .fn = fn, .ctx = ctx };
	atomic_init(&p.next, 0);
	size_t k = jobs < 1 ? 1 : (size_t)jobs;
	if (k > n)
		k = n;
	pthread_t *t = xcalloc(k ? k : 1, sizeof *t);
	size_t started = 0;
	/* If a thread cannot be created, the others (and this one) simply
	 * take its share. */
	while (started + 1 < k &&
	    pthread_create(&t[started], NULL, pool_worker, &p) == 0)
		started++;
	pool_worker(&p);
	for (size_t i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
}

/* ---- the plans of the publication ------------------------------------- */

static void
bplan_free(struct bplan *p)
{
	free(p->dir);
	free(p->conf_path);
	free(p->text_path);
	plan_meta_free(&p->meta);
	for (int k = 0; k < N_OUT; k++) {
		free(p->out[k]);
		buf_free(&p->doc[k]);
	}
	if (p->plan)
		plan_free(p->plan);
	diag_free(&p->dl);
	bi_plan_free(p);
	free(p->held_why);
	STAGES(plan_free, p);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Folder names under plans/ holding a plan.conf, sorted. */
static int
list_plan_dirs(struct strvec *names, struct diag_list *dl)
{
	DIR *d = opendir("plans");
	if (!d) {
		diag_add(dl, DIAG_ERROR, "plans", 0, 0,
		    "无法打开方案目录 (cannot open plans/): %s", strerror(errno));
		return 0;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			strvec_push(names, e->d_name);
	closedir(d);
	if (names->n)
		qsort(names->v, names->n, sizeof *names->v, name_cmp);
	return 1;
}

static void
discover(struct build *b, struct strvec *names)
{
	b->p = xcalloc(names->n ? names->n : 1, sizeof *b->p);
	size_t found = 0;
	for (size_t i = 0; i < names->n; i++) {
		char *dir = xasprintf("plans/%s", names->v[i]);
		char *conf = xasprintf("%s/plan.conf", dir);
		struct stat st;
		if (stat(conf, &st) != 0) {
			/* Data folders (monitoring/ and those the station
			 * table names) are not plans: skipped silently. */
			if (!stages_is_data_dir(b, names->v[i]) &&
			    stat(dir, &st) == 0 && S_ISDIR(st.st_mode))
				diag_add(&b->r->dl, DIAG_WARNING, dir, 0, 0,
				    "没有 plan.conf，已跳过 (no plan.conf; skipped)");
			free(dir);
			free(conf);
			continue;
		}
		free(dir);
		/* --shard: only this shard's plans (build_shard.c). */
		if (!bshard_keeps(b->o, found++)) {
			free(conf);
			continue;
		}
		struct bplan *p = &b->p[b->n++];
		p->dir = xstrdup(names->v[i]);
		p->conf_path = conf;
	}
	b->r->plans = b->n;
}

/* Line of `key = ...` in a conf file, for messages about a valid line. */
size_t
build_conf_key_line(const char *path, const char *key)
{
	struct buf t = {0};
	struct diag_list quiet = {0};   /* plan_meta_load said what failed */
	size_t line = 0, n = 1, klen = strlen(key);
	int read = userfile_read(path, USERFILE_TREE, 0, &t, &quiet);
	diag_free(&quiet);
	if (read) {
		for (char *s = t.data; s && !line; n++) {
			s += strspn(s, " \t");
			if (!strncmp(s, key, klen) && strchr(" \t=", s[klen]))
				line = n;
			s = strchr(s, '\n');
			s = s ? s + 1 : NULL;
		}
	}
	buf_free(&t);
	return line;
}

static const char *
plan_key(const struct bplan *p)
{
	return p->meta.id ? p->meta.id : p->dir;
}

static int
bplan_cmp(const void *a, const void *b)
{
	const struct bplan *x = a, *y = b;
	int c = strcmp(plan_key(x), plan_key(y));
	return c ? c : strcmp(x->dir, y->dir);
}

static int
id_reserved(const char *id)
{
	for (size_t i = 0; i < sizeof reserved_ids / sizeof reserved_ids[0]; i++)
		if (!strcmp(id, reserved_ids[i]))
			return 1;
	return 0;
}

/* Read every plan.conf; refuse reserved and duplicate ids. */
static void
load_metas(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		/* A control character in a path would break the state file's
		 * lines (and every message naming the file). */
		if (!fs_safe_relpath(p->dir)) {
			char *esc = g_strescape(p->dir, NULL);
			diag_add(&p->dl, DIAG_ERROR, NULL, 0, 0,
			    "方案文件夹名 \"plans/%s\" 含控制字符，已跳过 "
			    "(bad folder name)", esc);
			g_free(esc);
			continue;
		}
		p->meta_ok = plan_meta_load(p->conf_path, p->dir, &p->meta, &p->dl);
		if (p->meta_ok && id_reserved(p->meta.id)) {
			diag_add(&p->dl, DIAG_ERROR, p->conf_path,
			    build_conf_key_line(p->conf_path, "id"), 0,
			    "方案标识 '%s' 是保留名，不能使用 (reserved id)",
			    p->meta.id);
			p->meta_ok = 0;
		}
	}
	if (b->n)
		qsort(b->p, b->n, sizeof *b->p, bplan_cmp);
	for (size_t i = 1; i < b->n; i++) {
		struct bplan *p = &b->p[i], *q = &b->p[i - 1];
		if (p->meta.id && q->meta.id && !strcmp(p->meta.id, q->meta.id)) {
			diag_add(&p->dl, DIAG_ERROR, p->conf_path,
			    build_conf_key_line(p->conf_path, "id"), 0,
			    "方案标识 '%s' 与 %s 重复 (duplicate id)",
			    p->meta.id, q->conf_path);
			p->meta_ok = 0;
		}
	}
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (!p->meta_ok) {
			b->meta_errors = 1;
			p->failed = 1;
			continue;
		}
		p->text_path = xasprintf("plans/%s/%s", p->dir, p->meta.source);
		/* Only valid ids reach here: these paths stay in output/. */
		p->out[OUT_XML] = xasprintf("output/xml/%s.xml", p->meta.id);
		p->out[OUT_JSON] = xasprintf("output/json/%s.json", p->meta.id);
		p->out[OUT_SOURCE] = xasprintf(BUILD_SOURCE_DIR "/%s.txt",
		    p->meta.id);
		p->ledger_dir = xasprintf("plans/%s/ledgers", p->dir);
		if (p->meta.stations.n)
			p->area_name = p->meta.stations.v[0];
	}
}

/* ---- hashing inputs and outputs ----------------------------------------- */

/* The memo of an input refused by the reading rule (userfile.h): the
 * edges that share it fail without a second message. */
#define REFUSED_MEMO "!"

/* Remember path's content hash for the rest of the run. */
static void
memo_put(struct build *b, const char *path, const char *hex)
{
	if (!b->hashed_inputs)
		b->hashed_inputs = g_hash_table_new_full(g_str_hash,
		    g_str_equal, free, free);
	g_hash_table_replace(b->hashed_inputs, xstrdup(path),
	    xstrndup(hex, HASH_HEX_LEN));
}

int
build_hash_input(struct build *b, const char *path, char *hex, struct diag_list *dl)
{
	/* Edges share inputs (a month's ranking, an area's index, the font
	 * lock): one stat() per input and run. An input does not change
	 * under the build, except an output of an earlier edge, which
	 * build_emit() forgets here when it writes it. */
	GHashTable *seen = b->hashed_inputs;
	const char *memo = seen ? g_hash_table_lookup(seen, path) : NULL;
	if (memo && memo[0] == REFUSED_MEMO[0])
		return 0;       /* refused before, and said so once */
	if (memo) {
		memcpy(hex, memo, HASH_HEX_LEN + 1);
		return 1;
	}
	/* Hashing reads the file too: a link out of the tree is refused
	 * here already, or an unchanged copy behind it would pass. */
	if (!userfile_path_in_tree(path, dl)) {
		memo_put(b, path, REFUSED_MEMO);
		return 0;
	}
	int rc = hash_cache_file(b->cache, path, hex);
	if (rc == 1) {
		memo_put(b, path, hex);
		return 1;
	}
	diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取 (cannot read): %s",
	    rc == 0 ? strerror(ENOENT) : strerror(errno));
	return 0;
}

/* An unreadable output is rebuilt like a missing one. */
int
build_hash_output(struct build *b, const char *path, char *hex)
{
	/* An output is an input of later edges (bulletins, the site): its
	 * hash is remembered for them, and replaced when it is written. */
	if (hash_cache_file(b->cache, path, hex) != 1)
		return 0;
	memo_put(b, path, hex);
	return 1;
}

void
build_explain(struct build *b, const char *path, enum dirty_reason why,
    const char *what)
{
	if (!b->o->explain || why == DIRTY_CLEAN)
		return;
	char *t = build_reason_text(why, what);
	char *line = xasprintf("%s: %s", path, t);
	strvec_push(&b->r->explain, line);
	free(line);
	free(t);
}

static void
plan_inputs(const struct bplan *p, struct state_input in[2])
{
	in[0].path = p->conf_path;
	memcpy(in[0].hex, p->conf_hex, sizeof in[0].hex);
	in[1].path = p->text_path;
	memcpy(in[1].hex, p->text_hex, sizeof in[1].hex);
}

/* Decide for each output of p whether it is dirty; 1 if any is. */
static int
plan_dirty(struct build *b, struct bplan *p)
{
	struct state_input in[2];
	plan_inputs(p, in);
	int dirty = 0;
	for (int k = 0; k < N_OUT; k++) {
		p->out_exists[k] = build_hash_output(b, p->out[k], p->out_hex[k]);
		struct dirty_check c = {
			.force = b->o->force, .have_state = b->have_state,
			.rec = build_state_output(b->st, p->out[k]),
			.generator = b->o->generator, .in = in, .n_in = 2,
			.out_hex = p->out_exists[k] ? p->out_hex[k] : NULL,
		};
		const char *what;
		p->why[k] = build_isdirty(&c, &what);
		build_explain(b, p->out[k], p->why[k], what);
		dirty |= p->why[k] != DIRTY_CLEAN;
	}
	return dirty;
}

void
build_add_job(struct build *b, struct bplan *p, enum job_kind kind)
{
	if (p->queued)
		return;
	p->queued = 1;
	p->job = kind;
	b->jobs = xrealloc(b->jobs, (b->n_jobs + 1) * sizeof *b->jobs);
	b->jobs[b->n_jobs++] = p;
}

/* Hash the inputs of every usable plan and queue the dirty ones. */
static void
plan_schedule(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (!p->meta_ok)
			continue;
		int ok = build_hash_input(b, p->conf_path, p->conf_hex, &p->dl);
		ok = ok && build_hash_input(b, p->text_path, p->text_hex, &p->dl);
		if (!ok) {
			p->failed = 1;
			continue;
		}
		p->usable = 1;
		if (plan_dirty(b, p))
			build_add_job(b, p, JOB_BUILD);
	}
}

/* ---- parsing (on worker threads) ---------------------------------------- */

static void
plan_job(struct bplan *p)
{
	/* The bytes accepted are kept as they are: OUT_SOURCE. */
	p->plan = plan_parse_tree_file(p->text_path, &p->meta,
	    &p->doc[OUT_SOURCE], &p->dl);
	/* Suspicious unit names and a plan with no task are errors: never
	 * published. lantian check also prints the parse report. */
	if (p->plan)
		plan_lint(p->plan, p->text_path, p->job == JOB_CHECK ? LINT_CHECK : LINT_BUILD,
		    &p->dl);
	if (!p->plan || diag_count(&p->dl, DIAG_ERROR))
		p->failed = 1;
	else if (p->job != JOB_PARSE) {
		if (!plan_write_xml(p->plan, &p->doc[OUT_XML], &p->dl))
			p->failed = 1;
		else if (p->job == JOB_BUILD)
			plan_write_json(p->plan, &p->doc[OUT_JSON]);
	}
	STAGES(plan_job, p);
}

/* Areas first: reading monitoring data is the long part. */
static void
work_job(void *ctx, size_t i)
{
	struct build *b = ctx;
	if (i < b->n_area_jobs)
		STAGES(area_job, b->area_jobs[i]);
	else
		plan_job(b->jobs[i - b->n_area_jobs]);
}

static double
now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Run the queued plan jobs and area reads on the worker pool. */
static void
run_jobs(struct build *b)
{
	size_t n = b->n_jobs + b->n_area_jobs;
	if (!n)
		return;
	/* libxml2 must be initialised once, before any thread uses it. */
	xmlInitParser();
	double t0 = now_ms();
	STAGES(before_jobs, b);
	build_parallel(n, b->o->jobs, work_job, b);
	if (b->n_area_jobs)
		b->r->data_ms += now_ms() - t0;
	for (size_t i = 0; i < b->n_jobs; i++)
		b->jobs[i]->queued = 0;
	free(b->jobs);
	b->jobs = NULL;
	b->n_jobs = 0;
	free(b->area_jobs);
	b->area_jobs = NULL;
	b->n_area_jobs = 0;
}

/* ---- plans held back ------------------------------------------------------ */

/*
 * A plan is a unit of publication: when any input of it fails this run
 * (plan.conf, the plan text, a ledger, a commentary, the monitoring data
 * of its area), nothing of it is published. The decision is taken here,
 * after every plan-owned document was built in memory and before any of
 * them is written: a held plan's XML/JSON and merged months are not
 * written, its bulletins are not decided, its site pages are neither
 * rendered nor pruned, and none of their state records change. The next
 * build therefore finds them out of date against the inputs that changed
 * and rebuilds them in full (or holds them again while an input still
 * fails).
 *
 * Cross-plan outputs keep the held plan's previous content: the registry
 * (units, index.json) is not updated while a plan is held (it would need
 * the plan's new model), and the site's cross-plan pages are rendered
 * from output/, where the held plan's files are still the previous ones.
 */

/* Where d is ("file:line: "), pointing at the error printed above it:
 * each error is said once, the summary only says where the first is. */
static char *
diag_line(const struct diag *d)
{
	if (!d->file)
		return xstrdup("有错误（见上文）");
	if (!d->line)
		return xasprintf("%s: 有错误（见上文）", d->file);
	return xasprintf("%s:%zu: 有错误（见上文）", d->file, d->line);
}

static const struct diag *
first_error(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == DIAG_ERROR)
			return &dl->v[i];
	return NULL;
}

/* Why p must be held back (caller frees), or NULL when it need not. */
static char *
hold_reason(const struct bplan *p)
{
	const struct diag *d = first_error(&p->dl);
	for (size_t j = 0; !d && j < p->n_m; j++)
		d = first_error(&p->m[j].dl);
	if (d)
		return diag_line(d);
	if (p->area && p->area->read_failed)
		return xasprintf("地区“%s”的监测数据有错误 (area data unusable)",
		    p->area->name);
	for (size_t j = 0; j < p->n_ledgers; j++)
		if (p->ledgers[j].bad)
			return xasprintf("%s: 台账有错误 (ledger has errors)",
			    p->ledgers[j].path);
	for (size_t j = 0; j < p->n_m; j++)
		if (p->m[j].failed)
			return xasprintf("%s: 合并输出未能生成 (merged output failed)",
			    p->m[j].path);
	if (!p->meta_ok || p->failed || p->area_bad || p->ledgers_unknown)
		return xasprintf("%s: 方案输入有错误 (plan input failed)",
		    p->conf_path);
	return NULL;
}

/* Decide which plans are held back (after the plan, ledger, area and
 * merged jobs; before anything of a plan is written). */
static void
plans_hold(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (p->meta_ok && p->usable)
			STAGES(plan_check, b, p);
		p->held_why = hold_reason(p);
		if (!p->held_why)
			continue;
		p->held = 1;
		p->failed = 1;
		b->n_held++;
		/* Its merged months that were out of date stay as they are. */
		for (size_t j = 0; j < p->n_m; j++)
			if (p->m[j].why != DIRTY_CLEAN)
				p->m[j].failed = 1;
		char *line = xasprintf("方案 %s 未发布新内容：%s", plan_key(p),
		    p->held_why);
		strvec_push(&b->r->held, line);
		free(line);
	}
}

/* 1 if path is plans/<dir>/... */
static int
in_plan_dir(const struct bplan *p, const char *path)
{
	size_t n = strlen(p->dir);
	return str_starts(path, "plans/") && !strncmp(path + 6, p->dir, n) &&
	    path[6 + n] == '/';
}

/* 1 if path is <dir>/<id>/... */
static int
in_id_dir(const char *dir, const char *id, const char *path)
{
	size_t d = strlen(dir), n = strlen(id);
	return !strncmp(path, dir, d) && path[d] == '/' &&
	    !strncmp(path + d + 1, id, n) && path[d + 1 + n] == '/';
}

const struct bplan *
build_path_plan(const struct build *b, const char *path, int *raw)
{
	*raw = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		if (in_plan_dir(p, path)) {
			*raw = 1;
			return p;
		}
		if (!p->meta_ok)
			continue;
		for (int k = 0; k < N_OUT; k++)
			if (!strcmp(path, p->out[k]))
				return p;
		if (in_id_dir(BUILD_MERGED_DIR, p->meta.id, path) ||
		    in_id_dir(BUILD_BULLETIN_DIR, p->meta.id, path))
			return p;
	}
	return NULL;
}

int
build_path_held(const struct build *b, const char *path)
{
	int raw;
	const struct bplan *p = b->n_held ? build_path_plan(b, path, &raw) : NULL;
	return p && p->held;
}

/* ---- writing outputs ---------------------------------------------------- */

static int
ensure_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = xstrndup(path, (size_t)(slash - path));
	int rc = fs_mkdir_p(dir);
	free(dir);
	return rc;
}

/*
 * Make path hold doc, written only if its content differs from the file
 * now there (cur_hex, NULL when missing), and record what it was built
 * from. hex receives the content hash. Returns 0 on a write error (added
 * to dl; the file and its record are left as they were).
 */
int
build_emit(struct build *b, const char *path, const struct buf *doc,
    const char *cur_hex, const struct state_input *in, size_t n_in,
    char *hex, struct diag_list *dl)
{
	if (b->hashed_inputs)
		g_hash_table_remove(b->hashed_inputs, path);
	return build_emit_in(b, b->st, path, doc, cur_hex, in, n_in, hex, dl);
}

int
build_emit_write(const char *path, const struct buf *doc,
    const char *cur_hex, char *hex, int *wrote)
{
	hash_bytes(doc->data ? doc->data : "", doc->len, hex);
	*wrote = 0;
	if (cur_hex && !strcmp(cur_hex, hex))
		return 1;
	/* The bulletins are the issued editions: synced to disk. */
	int durable = str_starts(path, BUILD_BULLETIN_DIR "/");
	const char *data = doc->data ? doc->data : "";
	if (ensure_parent(path) != 0 || (durable ?
	    fs_write_durable(path, data, doc->len) :
	    fs_write_atomic(path, data, doc->len)) != 0)
		return 0;
	*wrote = 1;
	return 1;
}

void
build_emit_record(struct build *b, struct build_state *st, const char *path,
    const char *hex, int wrote, const struct state_input *in, size_t n_in)
{
	if (wrote) {
		hash_cache_written(build_state_cache(st), path, hex);
		strvec_push(&b->r->written, path);
	} else {
		b->r->unchanged++;
	}
	build_state_set_output(st, path, hex, b->o->generator, in, n_in);
	if (st == b->st) {
		if (b->hashed_inputs)
			g_hash_table_remove(b->hashed_inputs, path);
		memo_put(b, path, hex);
	}
}

int
build_emit_in(struct build *b, struct build_state *st, const char *path,
    const struct buf *doc, const char *cur_hex, const struct state_input *in,
    size_t n_in, char *hex, struct diag_list *dl)
{
	int wrote;
	if (!build_emit_write(path, doc, cur_hex, hex, &wrote)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "无法写入 (cannot write): %s", strerror(errno));
		return 0;
	}
	build_emit_record(b, st, path, hex, wrote, in, n_in);
	return 1;
}

static void
plan_emit(struct build *b, struct bplan *p)
{
	struct state_input in[2];
	plan_inputs(p, in);
	for (int k = 0; k < N_OUT; k++) {
		if (p->why[k] == DIRTY_CLEAN)
			continue;
		char hex[HASH_HEX_LEN + 1];
		if (!build_emit(b, p->out[k], &p->doc[k],
		    p->out_exists[k] ? p->out_hex[k] : NULL, in, 2, hex, &p->dl)) {
			p->failed = 1;
			continue;
		}
		memcpy(p->out_hex[k], hex, sizeof hex);
		p->out_exists[k] = 1;
		p->why[k] = DIRTY_CLEAN;
	}
}

static void
plans_emit(struct build *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		if (!p->usable || p->held)
			continue;
		int dirty = 0;
		for (int k = 0; k < N_OUT; k++)
			dirty |= p->why[k] != DIRTY_CLEAN;
		if (!dirty) {
			b->r->uptodate++;
			continue;
		}
		if (!p->failed)
			plan_emit(b, p);
		if (!p->failed)
			b->r->rebuilt++;
	}
}

/* ---- the registry edge -------------------------------------------------- */

static json_t *
jstr(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

static void
index_json(const struct build *b, struct buf *out)
{
	json_t *root = json_object(), *arr = json_array();
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		const struct plan *pl = p->plan;
		json_t *o = json_object();
		json_object_set_new(o, "id", jstr(p->meta.id));
		json_object_set_new(o, "title", jstr(pl->title));
		json_object_set_new(o, "place", jstr(pl->place ? pl->place : p->meta.place));
		json_object_set_new(o, "level", jstr(pl->level ? pl->level : p->meta.level));
		json_object_set_new(o, "task_count", json_integer((json_int_t)pl->n_tasks));
		json_object_set_new(o, "source", jstr(p->text_path));
		json_array_append_new(arr, o);
	}
	json_object_set_new(root, "plans", arr);
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	buf_puts(out, s ? s : "{}");
	buf_putc(out, '\n');
	free(s);
	json_decref(root);
}

/* Inputs of the registry: every plan.conf and plan output, by plan id. */
static struct state_input *
registry_inputs(const struct build *b, size_t *n)
{
	struct state_input *in = xcalloc(b->n * (1 + N_OUT) + 1, sizeof *in);
	*n = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		in[*n].path = p->conf_path;
		memcpy(in[(*n)++].hex, p->conf_hex, sizeof in->hex);
		for (int k = 0; k < N_OUT; k++) {
			in[*n].path = p->out[k];
			memcpy(in[(*n)++].hex, p->out_hex[k], sizeof in->hex);
		}
	}
	return in;
}

static size_t
count_failed(const struct build *b)
{
	size_t n = 0;
	for (size_t i = 0; i < b->n; i++)
		n += b->p[i].failed;
	return n;
}

/* Parse the plans the registry needs and that phase 1 did not. */
static int
registry_parse(struct build *b)
{
	for (size_t i = 0; i < b->n; i++)
		if (!b->p[i].plan)
			build_add_job(b, &b->p[i], JOB_PARSE);
	run_jobs(b);
	return count_failed(b) == 0;
}

static void
registry_write(struct build *b, const enum dirty_reason *why,
    char hex[N_REG][HASH_HEX_LEN + 1], const int *exists,
    const struct state_input *in, size_t n_in)
{
	struct unit_registry *reg = units_new();
	for (size_t i = 0; i < b->n; i++)
		units_add_plan(reg, b->p[i].plan);
	struct buf doc[N_REG] = {{0}};
	units_write_xml(reg, &doc[REG_UNITS_XML]);
	units_write_json(reg, &doc[REG_UNITS_JSON]);
	index_json(b, &doc[REG_INDEX]);
	units_free(reg);
	for (int k = 0; k < N_REG; k++) {
		char nhex[HASH_HEX_LEN + 1];
		if (why[k] != DIRTY_CLEAN)
			build_emit(b, reg_paths[k], &doc[k], exists[k] ? hex[k] : NULL,
			    in, n_in, nhex, &b->tail);
		buf_free(&doc[k]);
	}
}

static void
registry(struct build *b)
{
	if (b->meta_errors || count_failed(b)) {
		b->r->registry = -1;
		diag_add(&b->tail, DIAG_NOTE, NULL, 0, 0,
		    "有方案未能构建，单位登记表和方案索引保持上次的内容 "
		    "(registry and index not updated: a plan failed)");
		return;
	}
	size_t n_in;
	struct state_input *in = registry_inputs(b, &n_in);
	enum dirty_reason why[N_REG];
	char hex[N_REG][HASH_HEX_LEN + 1];
	int exists[N_REG], dirty = 0;
	for (int k = 0; k < N_REG; k++) {
		exists[k] = build_hash_output(b, reg_paths[k], hex[k]);
		struct dirty_check c = {
			.force = b->o->force, .have_state = b->have_state,
			.rec = build_state_output(b->st, reg_paths[k]),
			.generator = b->o->generator, .in = in, .n_in = n_in,
			.out_hex = exists[k] ? hex[k] : NULL,
		};
		const char *what;
		why[k] = build_isdirty(&c, &what);
		build_explain(b, reg_paths[k], why[k], what);
		dirty |= why[k] != DIRTY_CLEAN;
	}
	b->r->registry = 0;
	if (dirty) {
		if (registry_parse(b)) {
			registry_write(b, why, hex, exists, in, n_in);
			b->r->registry = 1;
		} else {
			b->r->registry = -1;
		}
	}
	free(in);
}

/* ---- outputs of plans that are gone -------------------------------------- */

static int
is_current_output(const struct build *b, const char *path)
{
	for (int k = 0; k < N_REG; k++)
		if (!strcmp(path, reg_paths[k]))
			return 1;
	/* A held plan's outputs stay, even those it would no longer make. */
	if (build_path_held(b, path))
		return 1;
	for (size_t i = 0; i < b->n; i++)
		for (int k = 0; k < N_OUT; k++)
			if (b->p[i].out[k] && !strcmp(path, b->p[i].out[k]))
				return 1;
	return stages_is_current_output(b, path);
}

/* The bulletins are decided after the outputs they are made from are
 * written: they are pruned in a second pass. (Site pages are pruned by
 * build_site.c from its own state.) */
static int
is_derived_output(const char *path)
{
	return str_starts(path, BUILD_BULLETIN_DIR "/");
}

/* Delete the outputs this tool wrote for plans no longer in plans/. Only
 * when every plan.conf was read: otherwise a plan might merely be broken. */
static void
remove_stale(struct build *b, int derived)
{
	if (b->meta_errors)
		return;
	size_t n;
	const struct state_output *const *o = build_state_outputs(b->st, &n);
	struct strvec gone = {0};
	for (size_t i = 0; i < n; i++)
		if (is_derived_output(o[i]->path) == derived &&
		    !is_current_output(b, o[i]->path) &&
		    str_starts(o[i]->path, "output/"))
			strvec_push(&gone, o[i]->path);
	for (size_t i = 0; i < gone.n; i++) {
		if (unlink(gone.v[i]) != 0 && errno != ENOENT) {
			diag_add(&b->tail, DIAG_ERROR, gone.v[i], 0, 0,
			    "无法删除过时的输出 (cannot remove stale output): %s",
			    strerror(errno));
			continue;
		}
		build_state_remove_output(b->st, gone.v[i]);
		if (b->hashed_inputs)
			g_hash_table_remove(b->hashed_inputs, gone.v[i]);
		strvec_push(&b->r->removed, gone.v[i]);
		/* A plan's merged and bulletin folders and an area's folder
		 * go with their last output. */
		if (str_starts(gone.v[i], BUILD_MERGED_DIR "/") ||
		    str_starts(gone.v[i], BUILD_AIR_DIR "/") ||
		    str_starts(gone.v[i], BUILD_BULLETIN_DIR "/")) {
			char *dir = xstrndup(gone.v[i],
			    (size_t)(strrchr(gone.v[i], '/') - gone.v[i]));
			rmdir(dir);
			free(dir);
		}
	}
	strvec_free(&gone);
}

/* Temp files of a build that was killed while writing (fs_write_atomic
 * names them ".<name>.tmpXXXXXX"). Called with the lock held, so no other
 * build is writing them. */
static void
remove_temps_in(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *t = strstr(e->d_name, ".tmp");
		if (e->d_name[0] != '.' || !t || strlen(t) != 10)
			continue;
		char *path = xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

/* ... in every folder directly under parent. */
static void
remove_temps_under(const char *parent)
{
	DIR *d = opendir(parent);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char *dir = xasprintf("%s/%s", parent, e->d_name);
		remove_temps_in(dir);
		free(dir);
	}
	closedir(d);
}

static void
remove_temps(void)
{
	static const char *const dirs[] = { "output/xml", "output/json",
	    "output/.lantian" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
		remove_temps_in(dirs[i]);
	remove_temps_under(BUILD_MERGED_DIR);   /* <plan id>/ */
	remove_temps_under(BUILD_AIR_DIR);      /* <slug>/, ranking/ */
	remove_temps_under(BUILD_BULLETIN_DIR); /* <plan id>/ */
}

/* ---- the whole build ------------------------------------------------------ */

static void
load_state(struct build *b)
{
	b->st = build_state_new();
	char *why = NULL;
	enum state_load rc = build_state_load(b->st, BUILD_STATE_PATH, &why);
	b->have_state = rc == STATE_LOADED;
	if (rc == STATE_BAD)
		diag_add(&b->r->dl, DIAG_NOTE, BUILD_STATE_PATH, 0, 0,
		    "构建状态不可用（%s），全部重建 "
		    "(state unusable; rebuilding everything)", why);
	free(why);
	if (bshard_merge_states(b))
		b->have_state = 1;
	b->cache = build_state_cache(b->st);
}

/* Keep concurrent builds (and `lantian site`) of one tree apart; the lock
 * goes with the fd. */
int
build_lock(struct diag_list *dl)
{
	int fd = -1;
	if (fs_mkdir_p("output/.lantian") == 0)
		fd = open(LOCK_PATH, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, LOCK_PATH, 0, 0,
		    "无法创建锁文件 (cannot create lock): %s", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		diag_add(dl, DIAG_ERROR, LOCK_PATH, 0, 0,
		    "另一个 lantian build 或 lantian site 正在此目录中运行，"
		    "请等它结束后再试 (another build is running here)");
		close(fd);
		return -1;
	}
	return fd;
}

/* Plans' diagnostics in id order, then the rest. */
static void
collect_diags(struct build *b)
{
	for (size_t i = 0; i < b->n; i++)
		diag_move(&b->r->dl, &b->p[i].dl);
	STAGES(collect_diags, b);
	diag_move(&b->r->dl, &b->tail);
}

static void
build_free(struct build *b)
{
	for (size_t i = 0; i < b->n; i++)
		bplan_free(&b->p[i]);
	free(b->p);
	free(b->jobs);
	STAGES(free, b);
	build_fonts_close(b);
	if (b->hashed_inputs)
		g_hash_table_destroy(b->hashed_inputs);
	diag_free(&b->tail);
	build_state_free(b->st);
}

static int
build_start(struct build *b, const struct build_opts *o,
    struct build_report *r)
{
	memset(r, 0, sizeof *r);
	memset(b, 0, sizeof *b);
	b->o = o;
	b->r = r;
	struct strvec names = {0};
	int ok = list_plan_dirs(&names, &r->dl);
	if (ok) {
		STAGES(load, b);
		discover(b, &names);
		load_metas(b);
	}
	strvec_free(&names);
	return ok;
}

int
build_run(const struct build_opts *o, struct build_report *r)
{
	struct build b;
	if (!build_start(&b, o, r)) {
		build_free(&b);
		return 1;
	}
	int lock = build_lock(&r->dl);
	if (lock < 0) {
		build_free(&b);
		return 1;
	}
	struct stat running;
	if (stat(RUNNING_PATH, &running) == 0)
		remove_temps();
	int mark = open(RUNNING_PATH, O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
	if (mark >= 0)
		close(mark);
	load_state(&b);
	plan_schedule(&b);
	STAGES(schedule, &b);
	int work = b.n_jobs > 0 || b.n_merged_dirty > 0 || b.n_air_dirty > 0;
	run_jobs(&b);
	STAGES(run, &b);
	plans_hold(&b);
	plans_emit(&b);
	STAGES(emit, &b);
	work |= r->ranks_rebuilt > 0 || r->ranks_failed > 0;
	r->failed = count_failed(&b);
	/* A shard builds no registry and no site (they span every plan)
	 * and removes nothing: see build_shard.c. */
	int whole = !o->shard_n;
	if (whole)
		registry(&b);
	if (whole)
		remove_stale(&b, 0);
	STAGES(derive, &b);
	/* The bulletins of plans that are gone, before the site copies
	 * what is in output/bulletin/ (the site prunes its own pages). */
	if (whole)
		remove_stale(&b, 1);
	if (whole)
		STAGES(present, &b);
	work |= r->bulletins_rebuilt > 0 || r->bulletins_failed > 0 ||
	    r->pages_rebuilt > 0 || r->pages_failed > 0;
	r->failed = count_failed(&b);
	r->nothing_to_do = !work && r->registry == 0 && !r->removed.n &&
	    !r->failed && !r->merged_failed && !r->air_failed &&
	    !r->bulletins_failed && !r->pages_failed &&
	    !b.rank_unknown && !b.meta_errors;
	char *state_path = bshard_state_path(o);
	if (build_state_changed(b.st) || !b.have_state || o->shard_n) {
		if (build_state_save(b.st, state_path) != 0)
			diag_add(&b.tail, DIAG_ERROR, state_path, 0, 0,
			    "无法保存构建状态 (cannot save state): %s",
			    strerror(errno));
		else if (whole)
			bshard_remove_states();
	}
	free(state_path);
	r->hashed = hash_cache_reads(b.cache);
	collect_diags(&b);
	int status = diag_count(&r->dl, DIAG_ERROR) || r->failed ||
	    b.meta_errors ? 1 : 0;
	build_free(&b);
	unlink(RUNNING_PATH);
	close(lock);
	return status;
}

int
build_check(const struct build_opts *o, struct build_report *r)
{
	struct build b;
	if (!build_start(&b, o, r)) {
		build_free(&b);
		return 1;
	}
	b.checking = 1;
	for (size_t i = 0; i < b.n; i++)
		if (b.p[i].meta_ok)
			build_add_job(&b, &b.p[i], JOB_CHECK);
	STAGES(check_schedule, &b);
	run_jobs(&b);
	for (size_t i = 0; i < b.n; i++)
		if (b.p[i].meta_ok)
			bi_plan_load(&b, &b.p[i]);
	for (size_t i = 0; i < b.n; i++)
		if (b.p[i].failed || diag_count(&b.p[i].dl, DIAG_ERROR))
			r->failed++;
	collect_diags(&b);
	build_free(&b);
	return diag_count(&r->dl, DIAG_ERROR) ? 1 : 0;
}

void
build_report_free(struct build_report *r)
{
	diag_free(&r->dl);
	strvec_free(&r->explain);
	strvec_free(&r->written);
	strvec_free(&r->removed);
	strvec_free(&r->held);
	free(r->issued);
}
