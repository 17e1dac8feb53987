/*
 * build_bulletin.c -- the bulletin edges of the build: one PDF bulletin per
 * merged output (output/bulletin/<id>/<YYYY-MM>.pdf), and a year-to-date
 * edition (<YYYY-MM>-ytd.pdf) for the last month of each year a plan has
 * ledgers for.
 *
 * Inputs of a bulletin: its merged document, the month's ranking and the
 * area's index (when they exist: the trend chart and the ranking table
 * come from them), the staff commentary plans/<dir>/commentary/
 * <YYYY-MM>.md (when present), the pinned fonts (fonts/fonts.lock and
 * fonts/fonts.conf) and SOURCE_DATE_EPOCH (a pseudo-input
 * "env:SOURCE_DATE_EPOCH", since it sets the dates in the file). They
 * run after the merged, area and ranking outputs are written, so they read
 * those files as every other consumer would.
 *
 * The fonts are opened once, and only when some bulletin is out of date.
 * Bulletins are typeset in parallel; each document has its own Pango font
 * map (typeset.h), and the fontconfig configuration is shared read-only.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "build.h"
#include "build_fonts.h"
#include "build_stages.h"
#include "bulletin.h"
#include "bulletin_md.h"
#include "fsutil.h"
#include "util.h"
#include "userfile.h"

#define SDE_INPUT "env:SOURCE_DATE_EPOCH"

static int
file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

static void
bl_add_input(struct bbulletin *bl, const char *path, const char *hex)
{
	bl->in = xgrow(bl->in, &bl->in_cap, bl->n_in + 1, sizeof *bl->in);
	strvec_push(&bl->paths, path);
	bl->in[bl->n_in].path = NULL;   /* set in bl_fix_paths */
	memcpy(bl->in[bl->n_in].hex, hex, HASH_HEX_LEN + 1);
	bl->n_in++;
}

/* The strvec may move its strings' array, never the strings. */
static void
bl_fix_paths(struct bbulletin *bl)
{
	for (size_t i = 0; i < bl->n_in; i++)
		bl->in[i].path = bl->paths.v[i];
}

/* Hash an optional input; absent files are simply not inputs (adding one
 * later makes the bulletin dirty: DIRTY_INPUT_ADDED). */
static void
bl_optional(struct build *b, struct bbulletin *bl, const char *path,
    char **keep)
{
	char hex[HASH_HEX_LEN + 1];
	struct diag_list quiet = { 0 };
	/* Hashed first: the month's ranking and the area's index are
	 * shared by many bulletins and hashed once a run. */
	int ok = build_hash_input(b, path, hex, &quiet);
	struct stat st;
	if (!ok && lstat(path, &st) == 0) {
		/* There, but unreadable or refused: a bulletin made without
		 * it would publish something it never passed. */
		diag_move(&bl->dl, &quiet);
		bl->failed = 1;
	}
	diag_free(&quiet);
	if (!ok)
		return;
	bl_add_input(bl, path, hex);
	if (keep)
		*keep = xstrdup(path);
}

static void
bl_inputs(struct build *b, struct bbulletin *bl, const char *fonts_hex[2])
{
	struct bmerged *m = bl->m;
	char hex[HASH_HEX_LEN + 1];
	if (!build_hash_input(b, m->path, hex, &bl->dl)) {
		bl->failed = 1;
		return;
	}
	bl_add_input(bl, m->path, hex);
	char *path = xasprintf("%s/%s/%04d-%02d.xml", BUILD_AIR_DIR,
	    BUILD_RANKING_SLUG, m->year, m->month);
	bl_optional(b, bl, path, &bl->ranking);
	free(path);
	if (m->p->area && m->p->area->slug) {
		path = xasprintf("%s/%s/index.xml", BUILD_AIR_DIR,
		    m->p->area->slug);
		bl_optional(b, bl, path, &bl->area_index);
		free(path);
	}
	path = xasprintf("plans/%s/commentary/%04d-%02d.md", m->p->dir,
	    m->year, m->month);
	bl_optional(b, bl, path, &bl->commentary);
	free(path);
	/* plan.conf sets the 公文 parts (主送, 抄送, title, date, peers).
	 * A draft's 期号 is blank (given when issued: build_issued.c), so it
	 * is no input of the draft. */
	path = xasprintf("plans/%s/plan.conf", m->p->dir);
	bl_optional(b, bl, path, NULL);
	free(path);
	bl_add_input(bl, FONTS_LOCK, fonts_hex[0]);
	bl_add_input(bl, FONTS_CONF, fonts_hex[1]);
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		hash_bytes(sde, strlen(sde), hex);
		bl_add_input(bl, SDE_INPUT, hex);
	}
	bl_fix_paths(bl);
}

/* An issued copy's one input is the issued PDF. When it is the latest
 * edition of its month, the sources a draft would read now are compared
 * with those it was made from (build_issued.c). */
static void
bl_copy_inputs(struct build *b, struct bbulletin *bl, const char *fonts_hex[2])
{
	const struct bissued *e = bl->copy;
	char hex[HASH_HEX_LEN + 1];
	if (!build_hash_input(b, e->pdf_path, hex, &bl->dl)) {
		bl->failed = 1;
		return;
	}
	bl_add_input(bl, e->pdf_path, hex);
	bl_fix_paths(bl);
	if (!bl->m) {
		diag_add(&bl->dl, DIAG_WARNING, e->rec_path, 0, 0, "已签发的%d年"
		    "%d月通报已没有对应的进展台账（合并结果），网站仍发布已签发的"
		    "文件", e->r.year, e->r.month);
		return;
	}
	if (bi_latest(bl->m->p, e->r.year, e->r.month, e->r.ytd) != e)
		return;
	struct bbulletin now = { 0 };
	now.m = bl->m;
	now.ytd = bl->ytd;
	bl_inputs(b, &now, fonts_hex);
	if (!now.failed)
		bi_check_changed(b, &now, e);
	diag_move(&bl->dl, &now.dl);
	bb_bulletin_free(&now, 1);
}

static void
bl_setup(struct build *b, struct bbulletin *bl, const char *fonts_hex[2])
{
	if (bl->copy)
		bl_copy_inputs(b, bl, fonts_hex);
	else
		bl_inputs(b, bl, fonts_hex);
	if (bl->failed) {
		bl->why = DIRTY_MISSING_OUTPUT;
		return;
	}
	bl->exists = build_hash_output(b, bl->path, bl->out_hex);
	struct dirty_check c = {
		.force = b->o->force, .have_state = b->have_state,
		.rec = build_state_output(b->st, bl->path),
		.generator = b->o->generator, .in = bl->in, .n_in = bl->n_in,
		.out_hex = bl->exists ? bl->out_hex : NULL,
	};
	const char *what;
	bl->why = build_isdirty(&c, &what);
	build_explain(b, bl->path, bl->why, what);
}

/* 1 if the record of bulletin path lists input in with this content: the
 * commentary was set without error when that bulletin was written. */
static int
recorded_with(const struct build *b, const char *path, const char *in,
    const char *hex)
{
	const struct state_output *rec = build_state_output(b->st, path);
	for (size_t i = 0; rec && i < rec->n_in; i++)
		if (!strcmp(rec->in[i].path, in))
			return !strcmp(rec->in[i].hex, hex);
	return 0;
}

/* Parse the commentary at path as the bulletin will; its errors (not its
 * warnings: the bulletin reports those) into dl. */
static void
commentary_check(const char *path, struct diag_list *dl)
{
	struct buf text = { 0 };
	struct diag_list all = { 0 };
	/* Read by the one rule for user files (userfile.h), as the bulletin
	 * reads it: a link out of the tree holds the plan back. */
	if (userfile_read(path, USERFILE_TREE, 0, &text, &all)) {
		struct bmd_doc d;
		bulletin_md_parse(path, text.data ? text.data : "", text.len, &d,
		    &all);
		bulletin_md_free(&d);
	}
	for (size_t i = 0; i < all.n; i++)
		if (all.v[i].level == DIAG_ERROR)
			diag_add(dl, DIAG_ERROR, all.v[i].file, all.v[i].line,
			    all.v[i].col, "%s", all.v[i].msg);
	diag_free(&all);
	buf_free(&text);
}

void
bb_plan_check(struct build *b, struct bplan *p)
{
	bi_plan_load(b, p);
	for (size_t k = 0; k < p->n_m; k++) {
		const struct bmerged *m = &p->m[k];
		char *path = xasprintf("plans/%s/commentary/%04d-%02d.md", p->dir,
		    m->year, m->month);
		char *pdf = xasprintf("%s/%s/%04d-%02d.pdf", BUILD_BULLETIN_DIR,
		    p->meta.id, m->year, m->month);
		char hex[HASH_HEX_LEN + 1];
		/* Absent: no commentary. One already set costs a stat. */
		if (file_exists(path) && build_hash_input(b, path, hex, &p->dl) &&
		    !recorded_with(b, pdf, path, hex))
			commentary_check(path, &p->dl);
		free(path);
		free(pdf);
	}
}

/* The bulletins of this run: every merged output whose file exists, and a
 * YTD edition for the last month of each year. */
static struct bbulletin *
bl_new(struct build *b, size_t *cap, struct bmerged *m, int ytd)
{
	b->bl = xgrow(b->bl, cap, b->n_bl + 1, sizeof *b->bl);
	struct bbulletin *bl = &b->bl[b->n_bl++];
	memset(bl, 0, sizeof *bl);
	bl->m = m;
	bl->ytd = ytd;
	return bl;
}

/* A copy of each issued edition: output/bulletin/<id>/<name>.pdf. */
static void
bl_list_issued(struct build *b, struct bplan *p, size_t *cap)
{
	for (size_t j = 0; j < p->n_iss; j++) {
		const struct bissued *e = &p->iss[j];
		struct bmerged *m = NULL;
		for (size_t k = 0; k < p->n_m && !m; k++)
			if (p->m[k].year == e->r.year &&
			    p->m[k].month == e->r.month &&
			    file_exists(p->m[k].path))
				m = &p->m[k];
		struct bbulletin *bl = bl_new(b, cap, m, e->r.ytd);
		bl->copy = e;
		bl->path = xasprintf("%s/%s/%s.pdf", BUILD_BULLETIN_DIR,
		    p->meta.id, e->name);
	}
}

static void
bl_list(struct build *b)
{
	size_t cap = 0;
	for (size_t i = 0; i < b->n; i++) {
		struct bplan *p = &b->p[i];
		/* A held plan's bulletins stay as they are (build_hold). */
		if (p->held)
			continue;
		for (size_t k = 0; k < p->n_m; k++) {
			struct bmerged *m = &p->m[k];
			if (!file_exists(m->path))
				continue;
			int last_of_year = k + 1 == p->n_m ||
			    p->m[k + 1].year != m->year;
			for (int ytd = 0; ytd <= last_of_year; ytd++) {
				/* Issued: its copy stands in for the draft. */
				if (bi_latest(p, m->year, m->month, ytd))
					continue;
				struct bbulletin *bl = bl_new(b, &cap, m, ytd);
				bl->path = xasprintf("%s/%s/%04d-%02d%s.pdf",
				    BUILD_BULLETIN_DIR, p->meta.id, m->year,
				    m->month, ytd ? "-ytd" : "");
			}
		}
		bl_list_issued(b, p, &cap);
	}
}

/* The document date: SOURCE_DATE_EPOCH, else -1 (the bulletin takes the
 * as-of date of its data). */
static int64_t
bl_date(void)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (!sde || !*sde)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(sde, &end, 10);
	if (errno || *end || v < 0)
		return -1;
	return (int64_t)v;
}

struct bl_ctx {
	struct bbulletin **jobs;
	const struct fonts *fonts;
	int64_t date;
	const char *creator;
	int keep_doc;   /* lantian issue: the caller writes bl->doc itself */
};

static void
bl_read(const char *path, struct buf *into, struct bulletin_src *src,
    struct diag_list *dl, int *ok)
{
	src->name = path;
	src->data = NULL;
	src->len = 0;
	if (!path)
		return;
	/* The commentary is a user's file; the models are ours: one rule
	 * for all (userfile.h). */
	if (!userfile_read(path, USERFILE_TREE, 0, into, dl)) {
		*ok = 0;
		return;
	}
	src->data = into->data ? into->data : "";
	src->len = into->len;
}

/* Write bl's bytes on this worker and drop them: the PDFs of a
 * province are hundreds of megabytes, and their syncs to disk overlap
 * with the other workers' typesetting. The main thread records them
 * (bb_run). */
static void
bl_write(struct bbulletin *bl, int ok)
{
	if (ok && !build_emit_write(bl->path, &bl->doc,
	    bl->exists ? bl->out_hex : NULL, bl->hex, &bl->wrote)) {
		diag_add(&bl->dl, DIAG_ERROR, bl->path, 0, 0,
		    "无法写入 (cannot write): %s", strerror(errno));
		ok = 0;
	}
	buf_free(&bl->doc);
	bl->failed = !ok;
}

static void
bl_job(void *ctx, size_t i)
{
	struct bl_ctx *c = ctx;
	struct bbulletin *bl = c->jobs[i];
	if (bl->copy) {
		/* The issued bytes, never typeset again. */
		bl_write(bl, userfile_read(bl->copy->pdf_path, USERFILE_TREE,
		    0, &bl->doc, &bl->dl));
		return;
	}
	struct buf files[4] = { { 0 } };
	struct bulletin_input in = { 0 };
	int ok = 1;
	bl_read(bl->m->path, &files[0], &in.merged, &bl->dl, &ok);
	bl_read(bl->ranking, &files[1], &in.ranking, &bl->dl, &ok);
	bl_read(bl->area_index, &files[2], &in.area_index, &bl->dl, &ok);
	bl_read(bl->commentary, &files[3], &in.commentary, &bl->dl, &ok);
	in.edition = bl->ytd ? BULLETIN_YTD : BULLETIN_MONTH;
	const struct plan_meta *pm = &bl->m->p->meta;
	in.issuer = pm->issuer;
	in.date = bl->issue_no ? bl->issue_date : c->date;
	in.creator = c->creator;
	in.issue_no = bl->issue_no;
	in.corrects = bl->corrects;
	/* A draft's 期号 stays blank: the number is given when the edition
	 * is issued (lantian issue), in the order editions are issued. */
	in.number = 0;
	in.issue_day = pm->issue_day ? atoi(pm->issue_day) : 0;
	in.recipients = pm->recipients;
	in.cc = pm->cc;
	in.printer = pm->printer;
	in.title_form = pm->bulletin_title;
	in.seal = pm->seal && strcmp(pm->seal, "有") == 0;
	in.level = pm->level;
	in.peers = (const char *const *)pm->peers.v;
	in.npeers = pm->peers.n;
	if (!bl->commentary && !bl->ytd) {
		/* Staff commentary is what a 工作通报 is read for. */
		char *cp = xasprintf("plans/%s/commentary/%04d-%02d.md",
		    bl->m->p->dir, bl->m->year, bl->m->month);
		diag_add(&bl->dl, DIAG_WARNING, cp, 0, 0,
		    "没有这个月的评述：%d年%d月的通报没有“存在问题和下步工作”",
		    bl->m->year, bl->m->month);
		free(cp);
	}
	if (ok && bulletin_render(c->fonts, &in, &bl->doc, &bl->dl) <= 0)
		ok = 0;
	for (int k = 0; k < 4; k++)
		buf_free(&files[k]);
	if (c->keep_doc) {
		/* An edition being issued: build_issued.c writes it, once,
		 * never over an existing file. */
		bl->failed = !ok;
		return;
	}
	bl_write(bl, ok);
}

void
bb_run(struct build *b)
{
	/* A publication without the fonts folder (a data-only tree) makes no
	 * bulletins; it says so and keeps whatever bulletins it had. */
	struct stat sb;
	if (stat(FONTS_LOCK, &sb) != 0) {
		b->bul_skipped = 1;
		diag_add(&b->bul_dl, DIAG_NOTE, FONTS_LOCK, 0, 0,
		    "没有字体配置，不生成 PDF 通报 (no fonts: bulletins not built)");
		if (b->o->issue)
			diag_add(&b->bul_dl, DIAG_ERROR, FONTS_LOCK, 0, 0,
			    "没有字体配置，不能排版要签发的通报");
		return;
	}
	char lock_hex[HASH_HEX_LEN + 1] = "", conf_hex[HASH_HEX_LEN + 1] = "";
	int fonts_ok = build_hash_input(b, FONTS_LOCK, lock_hex, &b->bul_dl) &
	    build_hash_input(b, FONTS_CONF, conf_hex, &b->bul_dl);
	const char *fonts_hex[2] = { lock_hex, conf_hex };
	if (b->o->issue)
		bi_issue(b);
	bl_list(b);
	struct bbulletin **jobs = xcalloc(b->n_bl ? b->n_bl : 1, sizeof *jobs);
	size_t nj = 0;
	for (size_t i = 0; i < b->n_bl; i++) {
		struct bbulletin *bl = &b->bl[i];
		bl_setup(b, bl, fonts_hex);
		if (bl->why != DIRTY_CLEAN && !bl->failed)
			jobs[nj++] = bl;
	}
	b->r->bulletins = b->n_bl;
	b->r->bulletins_uptodate = b->n_bl - nj;
	int typeset = 0;
	for (size_t i = 0; i < nj; i++)
		typeset |= !jobs[i]->copy;
	const struct fonts *f = typeset && fonts_ok ? build_fonts(b) : NULL;
	if (nj && (f || !typeset)) {
		struct bl_ctx c = { jobs, f, bl_date(), "lantian " LANTIAN_VERSION,
		    0 };
		build_parallel(nj, b->o->jobs, bl_job, &c);
	} else {
		for (size_t i = 0; i < nj; i++)
			jobs[i]->failed = 1;
	}
	free(jobs);
	for (size_t i = 0; i < b->n_bl; i++) {
		struct bbulletin *bl = &b->bl[i];
		diag_move(&b->bul_dl, &bl->dl);
		if (bl->why == DIRTY_CLEAN)
			continue;
		if (!bl->failed) {
			build_emit_record(b, b->st, bl->path, bl->hex,
			    bl->wrote, bl->in, bl->n_in);
			bl->why = DIRTY_CLEAN;
			b->r->bulletins_rebuilt++;
		} else {
			b->r->bulletins_failed++;
		}
	}
}

int
bb_is_current_output(const struct build *b, const char *path)
{
	if (strncmp(path, BUILD_BULLETIN_DIR "/",
	    strlen(BUILD_BULLETIN_DIR) + 1))
		return 0;
	if (b->bul_skipped)
		return 1;
	/* Asked once per recorded output: a set, not a scan of a
	 * province's thousand bulletins each time. */
	if (!b->bl_paths) {
		GHashTable *set = g_hash_table_new(g_str_hash, g_str_equal);
		for (size_t i = 0; i < b->n_bl; i++)
			g_hash_table_add(set, b->bl[i].path);
		((struct build *)b)->bl_paths = set;
	}
	if (g_hash_table_contains(b->bl_paths, path))
		return 1;
	/* A plan whose ledgers could not be listed keeps its bulletins. */
	for (size_t i = 0; i < b->n; i++) {
		const struct bplan *p = &b->p[i];
		if (!p->meta_ok || !p->meta.id)
			continue;
		char *dir = xasprintf("%s/%s/", BUILD_BULLETIN_DIR, p->meta.id);
		int keep = str_starts(path, dir) &&
		    (p->ledgers_unknown || !p->usable);
		free(dir);
		if (keep)
			return 1;
	}
	return 0;
}

void
bb_collect_diags(struct build *b)
{
	diag_move(&b->r->dl, &b->bul_dl);
}

void
bb_free(struct build *b)
{
	for (size_t i = 0; i < b->n_bl; i++)
		bb_bulletin_free(&b->bl[i], 1);
	free(b->bl);
	if (b->bl_paths)
		g_hash_table_destroy(b->bl_paths);
	diag_free(&b->bul_dl);
}

void
bb_bulletin_free(struct bbulletin *bl, int free_path)
{
	if (free_path)
		free(bl->path);
	free(bl->ranking);
	free(bl->area_index);
	free(bl->commentary);
	free(bl->in);
	strvec_free(&bl->paths);
	buf_free(&bl->doc);
	diag_free(&bl->dl);
}

int
bb_render_now(struct build *b, struct bbulletin *bl)
{
	char lock_hex[HASH_HEX_LEN + 1] = "", conf_hex[HASH_HEX_LEN + 1] = "";
	const char *fonts_hex[2] = { lock_hex, conf_hex };
	int ok = build_hash_input(b, FONTS_LOCK, lock_hex, &b->bul_dl) &
	    build_hash_input(b, FONTS_CONF, conf_hex, &b->bul_dl);
	const struct fonts *f = ok ? build_fonts(b) : NULL;
	if (f) {
		bl_inputs(b, bl, fonts_hex);
		if (!bl->failed) {
			struct bbulletin *one = bl;
			struct bl_ctx c = { &one, f, -1,
			    "lantian " LANTIAN_VERSION, 1 };
			bl_job(&c, 0);
		}
		ok = !bl->failed;
	} else {
		ok = 0;
	}
	diag_move(&b->bul_dl, &bl->dl);
	return ok;
}
