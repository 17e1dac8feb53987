/*
 * build_issued.c -- issued bulletin editions in the build (lantian issue).
 *
 * An issued edition is frozen in the source tree: plans/<dir>/issued/
 * <name>.pdf and its record <name>.record (issue_record.h), names
 * <YYYY-MM>[-ytd][-c<k>]. The build
 *   - reads and checks every record of a plan before anything of the plan
 *     is written (a bad record, a PDF that differs from its record, or a
 *     PDF without a record holds the plan back: a draft must never stand
 *     in for an issued 通报);
 *   - never typesets an issued edition again: output/bulletin/<id>/
 *     <name>.pdf is a byte copy of the issued PDF (so SOURCE_DATE_EPOCH,
 *     a new generator or a changed ledger cannot re-date or rewrite it),
 *     and the draft of that month is not made;
 *   - compares the inputs the latest edition of each month was made from
 *     with the current ones, and says in Chinese which changed (a
 *     corrected ledger, a new commentary, monitoring data) and how to make
 *     a 更正 edition;
 *   - on `lantian issue` (build_opts.issue) typesets the edition with its
 *     期号 and 成文日期 and writes the PDF and then the record, durably and
 *     only as new files (fs_write_durable_new): nothing issued is ever
 *     overwritten.
 * The inputs recorded are the source files behind the bulletin (found
 * through the build state's records of the merged, area and ranking
 * outputs it reads) and its commentary; not the fonts or the generator,
 * which cannot change what an edition says.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "build.h"
#include "build_graph.h"
#include "build_stages.h"
#include "fsutil.h"
#include "issue_record.h"
#include "userfile.h"
#include "util.h"

#define ISSUED_SUBDIR "issued"

void
bi_plan_free(struct bplan *p)
{
	for (size_t i = 0; i < p->n_iss; i++) {
		issue_record_free(&p->iss[i].r);
		free(p->iss[i].name);
		free(p->iss[i].rec_path);
		free(p->iss[i].pdf_path);
	}
	free(p->iss);
	p->iss = NULL;
	p->n_iss = 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The file names of dir ending in suffix, without it, sorted. */
static void
list_suffix(const char *dir, const char *suffix, struct strvec *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && str_ends(e->d_name, suffix))
			strvec_push(out, e->d_name);
	closedir(d);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, cmp_str);
	for (size_t i = 0; i < out->n; i++)
		out->v[i][strlen(out->v[i]) - strlen(suffix)] = '\0';
}

static struct bissued *
add_issued(struct bplan *p)
{
	size_t cap = p->n_iss;
	p->iss = xgrow(p->iss, &cap, p->n_iss + 1, sizeof *p->iss);
	struct bissued *e = &p->iss[p->n_iss++];
	memset(e, 0, sizeof *e);
	return e;
}

/* Hash an issued PDF: through the build's cache, or (lantian check, which
 * keeps none) directly, under the same rule for user files. */
static int
hash_issued(struct build *b, const char *path, char *hex,
    struct diag_list *dl)
{
	if (b->cache)
		return build_hash_input(b, path, hex, dl);
	if (!userfile_path_in_tree(path, dl))
		return 0;
	if (hash_file(path, hex, NULL) != 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取 (cannot read): %s",
		    strerror(errno));
		return 0;
	}
	return 1;
}

/* Read one record and check its PDF against it. */
static void
load_one(struct build *b, struct bplan *p, const char *dir, const char *name)
{
	char *rec = xasprintf("%s/%s.record", dir, name);
	char *pdf = xasprintf("%s/%s.pdf", dir, name);
	struct buf text = { 0 };
	struct issue_record r;
	int ok = userfile_read(rec, USERFILE_TREE, ISSUE_RECORD_MAX_BYTES,
	    &text, &p->dl) && issue_record_parse(rec, text.data ? text.data :
	    "", text.len, name, &r, &p->dl);
	buf_free(&text);
	if (!ok) {
		free(rec);
		free(pdf);
		return;
	}
	char hex[HASH_HEX_LEN + 1];
	struct stat st;
	if (lstat(pdf, &st) != 0) {
		diag_add(&p->dl, DIAG_ERROR, rec, 0, 0, "已签发的通报 %s 不见了；"
		    "已签发的文件不能删除，请从备份恢复该文件", pdf);
		ok = 0;
	} else if (!hash_issued(b, pdf, hex, &p->dl)) {
		ok = 0;
	} else if (strcmp(hex, r.pdf_hex)) {
		diag_add(&p->dl, DIAG_ERROR, pdf, 0, 0, "已签发的通报与签发记录 %s "
		    "的校验值不符，文件被改动过；已签发的文件不能改动，请从备份"
		    "恢复原文件（需要改正内容时用 lantian issue --correction "
		    "另发更正）", rec);
		ok = 0;
	}
	if (!ok) {
		issue_record_free(&r);
		free(rec);
		free(pdf);
		return;
	}
	struct bissued *e = add_issued(p);
	e->r = r;
	e->name = xstrdup(name);
	e->rec_path = rec;
	e->pdf_path = pdf;
}

/* Every edition numbered once per year; a 更正 follows the edition it
 * corrects. */
static void
check_series(struct bplan *p)
{
	for (size_t i = 0; i < p->n_iss; i++) {
		const struct bissued *e = &p->iss[i];
		for (size_t j = 0; j < i; j++) {
			const struct bissued *o = &p->iss[j];
			if (o->r.number_year == e->r.number_year &&
			    o->r.number == e->r.number)
				diag_add(&p->dl, DIAG_ERROR, e->rec_path, 0, 0,
				    "期号%d年第%d期与 %s 重复；每期期号只能用一次",
				    e->r.number_year, e->r.number, o->rec_path);
		}
		if (e->r.correction > 0 && !bi_find(p, e->r.year, e->r.month,
		    e->r.ytd, e->r.correction - 1))
			diag_add(&p->dl, DIAG_ERROR, e->rec_path, 0, 0,
			    "这是第%d次更正，但没有它所更正的版本（%s 之前的一版）",
			    e->r.correction, e->name);
	}
}

void
bi_plan_load(struct build *b, struct bplan *p)
{
	bi_plan_free(p);
	char *dir = xasprintf("plans/%s/" ISSUED_SUBDIR, p->dir);
	struct strvec recs = { 0 }, pdfs = { 0 };
	list_suffix(dir, ".record", &recs);
	list_suffix(dir, ".pdf", &pdfs);
	for (size_t i = 0; i < recs.n; i++)
		load_one(b, p, dir, recs.v[i]);
	for (size_t i = 0; i < pdfs.n; i++)
		if (!strvec_contains(&recs, pdfs.v[i]))
			diag_add(&p->dl, DIAG_ERROR, dir, 0, 0, "%s.pdf 没有签发"
			    "记录（%s.record）：只有用 lantian issue 签发的通报"
			    "才能放在这里", pdfs.v[i], pdfs.v[i]);
	check_series(p);
	strvec_free(&recs);
	strvec_free(&pdfs);
	free(dir);
}

const struct bissued *
bi_find(const struct bplan *p, int year, int month, int ytd, int correction)
{
	for (size_t i = 0; i < p->n_iss; i++) {
		const struct issue_record *r = &p->iss[i].r;
		if (r->year == year && r->month == month && r->ytd == ytd &&
		    r->correction == correction)
			return &p->iss[i];
	}
	return NULL;
}

const struct bissued *
bi_latest(const struct bplan *p, int year, int month, int ytd)
{
	const struct bissued *best = NULL;
	for (size_t i = 0; i < p->n_iss; i++) {
		const struct issue_record *r = &p->iss[i].r;
		if (r->year == year && r->month == month && r->ytd == ytd &&
		    (!best || r->correction > best->r.correction))
			best = &p->iss[i];
	}
	return best;
}

/* ---- the inputs behind an edition ---------------------------------- */

/* Add the sources behind path to set (path -> hex): an output's recorded
 * inputs, recursively; a source with hex. Fonts and the environment are
 * not what an edition says. */
static void
sources_of(const struct build *b, const char *path, const char *hex,
    GHashTable *set, int depth)
{
	if (str_starts(path, "fonts/") || str_starts(path, "env:"))
		return;
	if (!str_starts(path, "output/")) {
		g_hash_table_replace(set, xstrdup(path), xstrdup(hex));
		return;
	}
	const struct state_output *rec = build_state_output(b->st, path);
	if (!rec || depth > 8)
		return;
	for (size_t i = 0; i < rec->n_in; i++)
		sources_of(b, rec->in[i].path, rec->in[i].hex, set, depth + 1);
}

/* The bulletin's own inputs (bl->in, as bl_setup hashed them) expanded to
 * the source files behind them, sorted by path. */
static void
edition_sources(const struct build *b, const struct bbulletin *bl,
    struct issue_record *r)
{
	GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	    free);
	for (size_t i = 0; i < bl->n_in; i++)
		sources_of(b, bl->in[i].path, bl->in[i].hex, set, 0);
	GList *keys = g_list_sort(g_hash_table_get_keys(set),
	    (GCompareFunc)strcmp);
	size_t cap = 0;
	for (GList *k = keys; k; k = k->next) {
		r->in = xgrow(r->in, &cap, r->n_in + 1, sizeof *r->in);
		r->in[r->n_in].path = xstrdup(k->data);
		memcpy(r->in[r->n_in].hex, g_hash_table_lookup(set, k->data),
		    HASH_HEX_LEN + 1);
		r->n_in++;
	}
	g_list_free(keys);
	g_hash_table_destroy(set);
}

/* What an input is, in a sentence about changes. */
static const char *
input_word(const char *path)
{
	if (strstr(path, "/commentary/"))
		return "评述";
	switch (build_input_kind(path)) {
	case INPUT_PLAN_CONF: return "方案配置";
	case INPUT_LEDGER: return "进展台账";
	case INPUT_STATIONS: return "站点表";
	case INPUT_LAYOUT: return "数据格式";
	case INPUT_DATA: return "监测数据";
	case INPUT_PLAN_TEXT: return "方案文本";
	default: return "输入";
	}
}

struct change_list {
	struct strvec words;     /* "进展台账 plans/x/ledgers/2024-08.csv 已修改" */
	size_t n_data;           /* monitoring files changed, counted */
	const char *first_data;
};

static void
note_change(struct change_list *c, const char *path, const char *how)
{
	if (!strcmp(input_word(path), "监测数据")) {
		if (!c->n_data++)
			c->first_data = path;
		return;
	}
	char *s = xasprintf("%s %s %s", input_word(path), path, how);
	strvec_push(&c->words, s);
	free(s);
}

/* Compare the record's inputs with the current ones (both sorted). */
static void
diff_inputs(const struct issue_record *was, const struct issue_record *now,
    struct change_list *c)
{
	size_t i = 0, j = 0;
	while (i < was->n_in || j < now->n_in) {
		int d = i == was->n_in ? 1 : j == now->n_in ? -1 :
		    strcmp(was->in[i].path, now->in[j].path);
		if (d < 0) {
			note_change(c, was->in[i++].path, "已删除");
		} else if (d > 0) {
			note_change(c, now->in[j++].path, "是新增的");
		} else {
			if (strcmp(was->in[i].hex, now->in[j].hex))
				note_change(c, now->in[j].path, "已修改");
			i++;
			j++;
		}
	}
}

void
bi_check_changed(struct build *b, const struct bbulletin *bl,
    const struct bissued *e)
{
	const struct bplan *p = bl->m->p;
	struct issue_record now = { 0 };
	edition_sources(b, bl, &now);
	struct change_list c = { 0 };
	diff_inputs(&e->r, &now, &c);
	if (c.n_data) {
		char *s = c.n_data == 1 ?
		    xasprintf("监测数据 %s 已修改", c.first_data) :
		    xasprintf("监测数据 %zu 个文件已修改（如 %s）", c.n_data,
		    c.first_data);
		strvec_push(&c.words, s);
		free(s);
	}
	if (c.words.n) {
		struct buf what = { 0 };
		for (size_t i = 0; i < c.words.n; i++) {
			if (i)
				buf_puts(&what, "；");
			buf_puts(&what, c.words.v[i]);
		}
		char *no = issue_number_text(&e->r);
		diag_add(&b->bul_dl, DIAG_WARNING, e->rec_path, 0, 0,
		    "已签发的%s通报（%d年%s%d月%s）所依据的输入在签发后有变化：%s。"
		    "已签发的通报不会改动；如需更正，请运行 lantian issue %s "
		    "%04d-%02d%s --correction", no, e->r.year,
		    e->r.ytd ? "1—" : "", e->r.month,
		    e->r.correction ? "，更正版" : "", what.data, p->meta.id,
		    e->r.year, e->r.month, e->r.ytd ? " --ytd" : "");
		free(no);
		buf_free(&what);
	}
	strvec_free(&c.words);
	issue_record_free(&now);
}

/* ---- lantian issue --------------------------------------------------- */

static struct bplan *
request_plan(struct build *b, const struct issue_request *q)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i].meta_ok && b->p[i].meta.id &&
		    !strcmp(b->p[i].meta.id, q->plan))
			return &b->p[i];
	return NULL;
}

static struct bmerged *
request_month(struct bplan *p, const struct issue_request *q)
{
	for (size_t k = 0; k < p->n_m; k++)
		if (p->m[k].year == q->year && p->m[k].month == q->month)
			return &p->m[k];
	return NULL;
}

/* Today in China (UTC+8): the default 成文日期. */
static void
today(int *y, int *m, int *d)
{
	time_t t = time(NULL) + 8 * 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
}

static int
number_used(const struct bplan *p, int year, int number)
{
	for (size_t i = 0; i < p->n_iss; i++)
		if (p->iss[i].r.number_year == year &&
		    p->iss[i].r.number == number)
			return 1;
	return 0;
}

static int
next_number(const struct bplan *p, int year)
{
	int n = 0;
	for (size_t i = 0; i < p->n_iss; i++)
		if (p->iss[i].r.number_year == year && p->iss[i].r.number > n)
			n = p->iss[i].r.number;
	return n + 1;
}

/* Decide the edition's name, number and date; 0 with an error. */
static int
plan_edition(struct build *b, struct bplan *p, const struct issue_request *q,
    struct issue_record *r, const struct bissued **prev)
{
	struct diag_list *dl = &b->bul_dl;
	const struct bissued *last = bi_latest(p, q->year, q->month, q->ytd);
	const char *what = q->ytd ? "年度累计通报" : "通报";
	char *orig = issue_edition_name(q->year, q->month, q->ytd, 0);
	int ok = 1;
	if (last && !q->correction) {
		char *no = issue_number_text(&last->r);
		diag_add(dl, DIAG_ERROR, last->pdf_path, 0, 0, "%d年%d月的%s已签发"
		    "（%s），已签发的通报不再改动；如需改正，请加 --correction 另发"
		    "更正", q->year, q->month, what, no);
		free(no);
		ok = 0;
	} else if (!last && q->correction) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "%d年%d月的%s尚未签发"
		    "（plans/%s/issued/%s.pdf 不存在），没有可更正的版本；先不加 "
		    "--correction 签发", q->year, q->month, what, p->dir, orig);
		ok = 0;
	} else if (last && last->r.correction >= ISSUE_MAX_CORRECTION) {
		diag_add(dl, DIAG_ERROR, last->rec_path, 0, 0, "更正次数已到上限"
		    "（%d次）", ISSUE_MAX_CORRECTION);
		ok = 0;
	}
	free(orig);
	if (!ok)
		return 0;
	*prev = last;
	r->year = q->year;
	r->month = q->month;
	r->ytd = q->ytd;
	r->correction = last ? last->r.correction + 1 : 0;
	if (q->date_y)
		r->date_y = q->date_y, r->date_m = q->date_m, r->date_d = q->date_d;
	else
		today(&r->date_y, &r->date_m, &r->date_d);
	r->number_year = r->date_y;
	/* A 通报 reports a month that is over: dated its last day or later. */
	int mlast = 31;
	while (mlast > 28 && !issue_valid_date(q->year, q->month, mlast))
		mlast--;
	if (r->date_y * 10000 + r->date_m * 100 + r->date_d <
	    q->year * 10000 + q->month * 100 + mlast) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "成文日期%d年%d月%d日早于"
		    "%d年%d月结束，不能签发该月通报", r->date_y, r->date_m,
		    r->date_d, q->year, q->month);
		return 0;
	}
	if (q->number && number_used(p, r->number_year, q->number)) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "期号%d年第%d期已经用过；"
		    "不加 --number 即用下一个空号（第%d期）", r->number_year,
		    q->number, next_number(p, r->number_year));
		return 0;
	}
	r->number = q->number ? q->number : next_number(p, r->number_year);
	if (r->number > ISSUE_MAX_NUMBER) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "期号超过 %d", ISSUE_MAX_NUMBER);
		return 0;
	}
	return 1;
}

/* Write the PDF, then the record: both new files, synced. The edition is
 * issued when its record exists. */
static int
write_edition(struct build *b, struct bplan *p, struct bissued *e,
    const struct buf *pdf)
{
	struct diag_list *dl = &b->bul_dl;
	char *dir = xasprintf("plans/%s/" ISSUED_SUBDIR, p->dir);
	int ok = 0;
	struct buf rec = { 0 };
	issue_record_format(&e->r, &rec);
	if (fs_mkdir_p(dir) != 0) {
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "无法创建签发目录：%s",
		    strerror(errno));
	} else if (fs_write_durable_new(e->pdf_path, pdf->data, pdf->len) != 0) {
		diag_add(dl, DIAG_ERROR, e->pdf_path, 0, 0, errno == EEXIST ?
		    "文件已存在，拒绝覆盖（已签发的通报不能改写）%s%s" :
		    "无法写入已签发的通报：%s%s", errno == EEXIST ? "" :
		    strerror(errno), "");
	} else if (fs_write_durable_new(e->rec_path, rec.data, rec.len) != 0) {
		diag_add(dl, DIAG_ERROR, e->rec_path, 0, 0, "无法写入签发记录：%s；"
		    "未签发", strerror(errno));
		/* Ours, written a moment ago: without its record it is not
		 * issued, and a stray PDF would hold the plan back. */
		unlink(e->pdf_path);
	} else {
		ok = 1;
	}
	buf_free(&rec);
	free(dir);
	return ok;
}

void
bi_issue(struct build *b)
{
	const struct issue_request *q = b->o->issue;
	struct diag_list *dl = &b->bul_dl;
	struct bplan *p = request_plan(b, q);
	if (!p) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "没有 id 为 %s 的方案"
		    "（plans/*/plan.conf 中的 id）", q->plan);
		return;
	}
	if (p->held) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "方案 %s 有错误（见上文），"
		    "改正后才能签发", q->plan);
		return;
	}
	struct bmerged *m = request_month(p, q);
	struct stat st;
	if (!m || stat(m->path, &st) != 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "方案 %s 没有 %d年%d月的进展"
		    "台账（plans/%s/ledgers/%04d-%02d.csv），不能签发该月通报",
		    q->plan, q->year, q->month, p->dir, q->year, q->month);
		return;
	}
	struct issue_record r = { 0 };
	const struct bissued *prev;
	if (!plan_edition(b, p, q, &r, &prev))
		return;
	char *name = issue_edition_name(r.year, r.month, r.ytd, r.correction);
	struct bissued e = { 0 };
	e.name = name;
	e.rec_path = xasprintf("plans/%s/" ISSUED_SUBDIR "/%s.record", p->dir,
	    name);
	e.pdf_path = xasprintf("plans/%s/" ISSUED_SUBDIR "/%s.pdf", p->dir,
	    name);
	r.pdf = xasprintf("%s.pdf", name);
	char *no = issue_number_text(&r), *date = issue_date_text(&r);
	char *corrects = NULL;
	if (prev) {
		char *pno = issue_number_text(&prev->r);
		char *pdate = issue_date_text(&prev->r);
		corrects = xasprintf("%s（%s印发）", pno, pdate);
		free(pno);
		free(pdate);
	}
	struct bbulletin bl = { 0 };
	bl.m = m;
	bl.ytd = r.ytd;
	bl.path = e.pdf_path;
	bl.issue_no = no;
	bl.corrects = corrects;
	/* 00:00 of the 成文日期 in China: the date printed and the PDF's. */
	struct tm tm = { .tm_year = r.date_y - 1900, .tm_mon = r.date_m - 1,
	    .tm_mday = r.date_d };
	bl.issue_date = (int64_t)timegm(&tm) - 8 * 3600;
	if (bb_render_now(b, &bl)) {
		hash_bytes(bl.doc.data, bl.doc.len, r.pdf_hex);
		edition_sources(b, &bl, &r);
		e.r = r;
		memset(&r, 0, sizeof r);
		if (write_edition(b, p, &e, &bl.doc)) {
			b->r->issued = xasprintf("%s（%s，成文日期%s%s）", e.pdf_path,
			    no, date, prev ? "，更正版" : "");
			struct bissued *add = add_issued(p);
			*add = e;
			memset(&e, 0, sizeof e);
		}
	}
	bb_bulletin_free(&bl, 0);
	issue_record_free(&r);
	issue_record_free(&e.r);
	free(e.name);
	free(e.rec_path);
	free(e.pdf_path);
	free(no);
	free(date);
	free(corrects);
}
