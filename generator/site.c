/*
 * site.c -- the site engine: what the site is made from (plans, merged
 * months, areas, bulletins found under output/), the page list and its
 * paths, the document cache, and writing the whole site at once
 * (`lantian site`). Page kinds live in site_core.c, site_air.c,
 * site_bulletins.c, site_meta.c and site_search.c; stylesheets in
 * site_xslt.c.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fsutil.h"
#include "site.h"
#include "site_kinds.h"
#include "site_xslt.h"
#include "util.h"
#include "userfile.h"
#include "xmlsafe.h"

struct site_plan {
	char *id;
	char *xml;          /* output/xml/<id>.xml */
	struct strvec months;
	char *latest;       /* output/merged/<id>/<ym>.xml or NULL */
};

struct site_area {
	char *slug;
	struct strvec months;
};

/* A cached input document. */
struct cdoc {
	xmlDocPtr doc;
	size_t bytes;            /* its XML text */
	unsigned long used;      /* s->page when last asked for */
};

struct site {
	char *root;
	const struct fonts *fonts;
	struct site_plan *plans;
	size_t n_plans;
	struct site_area *areas;
	size_t n_areas;
	struct strvec rankings;
	struct site_bulletin *bulletins;
	size_t n_bulletins;
	struct strvec bstrings;  /* owns the bulletins' strings */
	GHashTable *docs;        /* rel path -> struct cdoc */
	size_t doc_bytes;        /* XML bytes parsed into docs */
	unsigned long page;      /* pages rendered (site_doc_trim calls) */
	struct site_xslt *xslt;
};

/* ---- directory listings -------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in dir (relative to root) ending in suffix, suffix removed,
 * sorted. A missing directory is empty. */
static void
list_dir(const char *root, const char *dir, const char *suffix,
    struct strvec *out)
{
	char *path = xasprintf("%s/%s", root, dir);
	DIR *d = opendir(path);
	free(path);
	if (!d)
		return;
	size_t sl = strlen(suffix);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n <= sl ||
		    strcmp(e->d_name + n - sl, suffix))
			continue;
		char *name = xstrndup(e->d_name, n - sl);
		strvec_push(out, name);
		free(name);
	}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, cmp_str);
}

/* "YYYY-MM" with a month 01..12. */
static int
is_ym(const char *s)
{
	for (int i = 0; i < 7; i++) {
		if (i == 4 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	}
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	return s[7] == '\0' && m >= 1 && m <= 12;
}

static int
is_dir(const char *root, const char *rel)
{
	char *p = xasprintf("%s/%s", root, rel);
	struct stat st;
	int r = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
	free(p);
	return r;
}

/* Months ("YYYY-MM") of dir's <ym>.xml files; other names are not ours
 * (index.xml) and are skipped. */
static void
list_months(const char *root, const char *dir, const char *suffix,
    struct strvec *out)
{
	struct strvec all = { 0 };
	list_dir(root, dir, suffix, &all);
	for (size_t i = 0; i < all.n; i++)
		if (is_ym(all.v[i]))
			strvec_push(out, all.v[i]);
	strvec_free(&all);
}

/* A directory or file name taken from output/ becomes part of page paths:
 * an unsafe one is an error, never a path. */
static int
check_id(const char *what, const char *dir, const char *id,
    struct diag_list *dl)
{
	if (fs_valid_id(id))
		return 1;
	diag_add(dl, DIAG_ERROR, dir, 0, 0,
	    "%s名称“%s”不安全（只允许小写字母、数字和连字符），不能用于网站路径",
	    what, id);
	return 0;
}

static int
load_plans(struct site *s, struct diag_list *dl)
{
	struct strvec ids = { 0 };
	int ok = 1;
	list_dir(s->root, "output/xml", ".xml", &ids);
	s->plans = xcalloc(ids.n + 1, sizeof *s->plans);
	for (size_t i = 0; i < ids.n; i++) {
		if (!strcmp(ids.v[i], "units"))
			continue;
		if (!check_id("计划", "output/xml", ids.v[i], dl)) {
			ok = 0;
			continue;
		}
		struct site_plan *p = &s->plans[s->n_plans++];
		p->id = xstrdup(ids.v[i]);
		p->xml = xasprintf("output/xml/%s.xml", p->id);
		char *dir = xasprintf("output/merged/%s", p->id);
		list_months(s->root, dir, ".xml", &p->months);
		free(dir);
		if (p->months.n)
			p->latest = xasprintf("output/merged/%s/%s.xml", p->id,
			    p->months.v[p->months.n - 1]);
	}
	strvec_free(&ids);
	/* A merged directory without a plan model is refused the same way:
	 * its name would become a path too. */
	struct strvec dirs = { 0 };
	list_dir(s->root, "output/merged", "", &dirs);
	for (size_t i = 0; i < dirs.n; i++) {
		char *rel = xasprintf("output/merged/%s", dirs.v[i]);
		if (is_dir(s->root, rel) &&
		    !check_id("计划", "output/merged", dirs.v[i], dl))
			ok = 0;
		free(rel);
	}
	strvec_free(&dirs);
	return ok;
}

static int
load_areas(struct site *s, struct diag_list *dl)
{
	struct strvec slugs = { 0 };
	int ok = 1;
	list_dir(s->root, "output/air", "", &slugs);
	s->areas = xcalloc(slugs.n + 1, sizeof *s->areas);
	for (size_t i = 0; i < slugs.n; i++) {
		char *rel = xasprintf("output/air/%s", slugs.v[i]);
		int dir = is_dir(s->root, rel);
		if (dir && !strcmp(slugs.v[i], "ranking")) {
			list_months(s->root, rel, ".xml", &s->rankings);
		} else if (dir && check_id("地区", "output/air", slugs.v[i], dl)) {
			char *idx = xasprintf("%s/%s/index.xml", s->root, rel);
			if (access(idx, F_OK) == 0) {
				struct site_area *a = &s->areas[s->n_areas++];
				a->slug = xstrdup(slugs.v[i]);
				list_months(s->root, rel, ".xml", &a->months);
			}
			free(idx);
		} else if (dir) {
			ok = 0;
		}
		free(rel);
	}
	strvec_free(&slugs);
	return ok;
}

static int
load_bulletins(struct site *s, struct diag_list *dl)
{
	struct strvec plans = { 0 };
	int ok = 1;
	list_dir(s->root, "output/bulletin", "", &plans);
	for (size_t i = 0; i < plans.n; i++) {
		char *rel = xasprintf("output/bulletin/%s", plans.v[i]);
		if (!is_dir(s->root, rel)) {
			free(rel);
			continue;
		}
		if (!check_id("计划", "output/bulletin", plans.v[i], dl)) {
			ok = 0;
			free(rel);
			continue;
		}
		struct strvec yms = { 0 };
		list_months(s->root, rel, ".pdf", &yms);
		for (size_t j = 0; j < yms.n; j++) {
			size_t cap = s->n_bulletins;
			s->bulletins = xgrow(s->bulletins, &cap,
			    s->n_bulletins + 1, sizeof *s->bulletins);
			/* Strings first: strvec may move its array, not them. */
			char *pdf = xasprintf("%s/%s.pdf", rel, yms.v[j]);
			strvec_push(&s->bstrings, plans.v[i]);
			const char *plan = s->bstrings.v[s->bstrings.n - 1];
			strvec_push(&s->bstrings, yms.v[j]);
			const char *ym = s->bstrings.v[s->bstrings.n - 1];
			strvec_push(&s->bstrings, pdf);
			free(pdf);
			s->bulletins[s->n_bulletins++] = (struct site_bulletin) {
				plan, ym, s->bstrings.v[s->bstrings.n - 1],
			};
		}
		strvec_free(&yms);
		free(rel);
	}
	strvec_free(&plans);
	return ok;
}

static void
free_doc(gpointer p)
{
	struct cdoc *c = p;
	xmlFreeDoc(c->doc);
	free(c);
}

struct site *
site_open(const char *root, const struct fonts *f, struct diag_list *dl)
{
	struct site *s = xcalloc(1, sizeof *s);
	s->root = xstrdup(root && *root ? root : ".");
	s->fonts = f;
	s->docs = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	    free_doc);
	char *tdir = xasprintf("%s/templates/site", s->root);
	s->xslt = site_xslt_new(tdir);
	free(tdir);
	int ok = load_plans(s, dl);
	ok &= load_areas(s, dl);
	ok &= load_bulletins(s, dl);
	if (ok && !s->n_plans) {
		diag_add(dl, DIAG_ERROR, "output/xml", 0, 0,
		    "没有找到任何计划的任务XML；请先运行 lantian build");
		ok = 0;
	}
	if (!ok) {
		site_close(s);
		return NULL;
	}
	return s;
}

void
site_close(struct site *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_plans; i++) {
		free(s->plans[i].id);
		free(s->plans[i].xml);
		free(s->plans[i].latest);
		strvec_free(&s->plans[i].months);
	}
	free(s->plans);
	for (size_t i = 0; i < s->n_areas; i++) {
		free(s->areas[i].slug);
		strvec_free(&s->areas[i].months);
	}
	free(s->areas);
	strvec_free(&s->rankings);
	free(s->bulletins);
	strvec_free(&s->bstrings);
	g_hash_table_destroy(s->docs);
	site_xslt_free(s->xslt);
	free(s->root);
	free(s);
}

/* ---- accessors ----------------------------------------------------- */

const char *site_root(const struct site *s) { return s->root; }
const struct fonts *site_fonts(const struct site *s) { return s->fonts; }
size_t site_plan_count(const struct site *s) { return s->n_plans; }
const char *site_plan_id(const struct site *s, size_t i) { return s->plans[i].id; }
const char *site_plan_xml(const struct site *s, size_t i) { return s->plans[i].xml; }
const char *site_plan_latest(const struct site *s, size_t i) { return s->plans[i].latest; }
size_t site_area_count(const struct site *s) { return s->n_areas; }
const char *site_area_slug(const struct site *s, size_t i) { return s->areas[i].slug; }
size_t site_ranking_count(const struct site *s) { return s->rankings.n; }
const char *site_ranking_month(const struct site *s, size_t j) { return s->rankings.v[j]; }
size_t site_bulletin_count(const struct site *s) { return s->n_bulletins; }
struct site_xslt *site_xslt_cache(struct site *s) { return s->xslt; }

size_t
site_plan_month_count(const struct site *s, size_t i)
{
	return s->plans[i].months.n;
}

const char *
site_plan_month(const struct site *s, size_t i, size_t j)
{
	return s->plans[i].months.v[j];
}

size_t
site_plan_find(const struct site *s, const char *id)
{
	for (size_t i = 0; i < s->n_plans; i++)
		if (!strcmp(s->plans[i].id, id))
			return i;
	return (size_t)-1;
}

size_t
site_area_month_count(const struct site *s, size_t i)
{
	return s->areas[i].months.n;
}

const char *
site_area_month(const struct site *s, size_t i, size_t j)
{
	return s->areas[i].months.v[j];
}

const struct site_bulletin *
site_bulletin_at(const struct site *s, size_t i)
{
	return &s->bulletins[i];
}

/* ---- the document cache -------------------------------------------- */

struct _xmlDoc *
site_doc(struct site *s, const char *rel, struct diag_list *dl)
{
	struct cdoc *c = g_hash_table_lookup(s->docs, rel);
	if (c) {
		c->used = s->page;
		return c->doc;
	}
	xmlDocPtr doc;
	if (!fs_safe_relpath(rel)) {
		diag_add(dl, DIAG_ERROR, rel, 0, 0, "不安全的输入路径");
		return NULL;
	}
	char *path = xasprintf("%s/%s", s->root, rel);
	struct buf b = { 0 };
	if (fs_read_file(path, &b) != 0) {
		diag_add(dl, DIAG_ERROR, rel, 0, 0, "无法读取：%s",
		    strerror(errno));
		free(path);
		return NULL;
	}
	free(path);
	/* Blank text between elements is layout, never content, in our
	 * outputs: dropping it here keeps it out of every page. These are
	 * the build's own outputs (written by xmlw.c, no DOCTYPE, every
	 * text escaped). XML_PARSE_HUGE because a task's text from a plan
	 * near the 64 MiB cap can be one text node over libxml2's 10 MB
	 * default; but output/ is a folder anyone with the tree can write
	 * to, so the rule of xmlsafe.h still holds: a DOCTYPE (where entity
	 * bombs live) is refused before anything in it is read, and nesting
	 * is bounded. */
	enum xmlsafe_why why = XMLSAFE_OK;
	doc = b.len > INT_MAX ? NULL : xmlsafe_read(b.data ? b.data : "",
	    b.len, rel,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	    XML_PARSE_NOBLANKS | XML_PARSE_HUGE | XML_PARSE_BIG_LINES, 256,
	    &why);
	size_t len = b.len;
	buf_free(&b);
	if (why == XMLSAFE_DOCTYPE || why == XMLSAFE_DEEP) {
		diag_add(dl, DIAG_ERROR, rel, 0, 0, "%s",
		    why == XMLSAFE_DOCTYPE
		    ? "XML 含文档类型声明（DOCTYPE）：生成的文件中没有，不予读取"
		    : "XML 格式错误：元素嵌套超过 256 层");
		xmlFreeDoc(doc);
		return NULL;
	}
	if (!doc || !xmlDocGetRootElement(doc)) {
		const xmlError *e = xmlGetLastError();
		diag_add(dl, DIAG_ERROR, rel, e ? (size_t)e->line : 0, 0,
		    "不是有效的XML：%s", e && e->message ? e->message : "空文件");
		xmlFreeDoc(doc);
		return NULL;
	}
	c = xcalloc(1, sizeof *c);
	c->doc = doc;
	c->bytes = len;
	c->used = s->page;
	s->doc_bytes += len;
	g_hash_table_insert(s->docs, xstrdup(rel), c);
	return doc;
}

void
site_doc_release(struct site *s, const char *rel)
{
	struct cdoc *c = g_hash_table_lookup(s->docs, rel);
	if (c) {
		s->doc_bytes -= c->bytes;
		g_hash_table_remove(s->docs, rel);
	}
}

struct lru_item {
	const char *rel;
	unsigned long used;
};

static int
lru_cmp(const void *a, const void *b)
{
	const struct lru_item *x = a, *y = b;
	if (x->used != y->used)
		return x->used < y->used ? -1 : 1;
	return strcmp(x->rel, y->rel);
}

/* Least recently used first, down to half the budget: the documents
 * every page of a kind reads (the unit registry, a plan's model) stay. The
 * documents of the page just rendered stay whatever their size: a plan
 * model larger than the budget is then parsed once for all its task pages,
 * not once per page (which made the site quadratic in the plan's size). */
void
site_doc_trim(struct site *s, size_t max_bytes)
{
	s->page++;
	if (s->doc_bytes <= max_bytes)
		return;
	guint n = g_hash_table_size(s->docs);
	struct lru_item *v = xcalloc(n ? n : 1, sizeof *v);
	GHashTableIter it;
	gpointer k, val;
	guint i = 0;
	g_hash_table_iter_init(&it, s->docs);
	while (g_hash_table_iter_next(&it, &k, &val) && i < n) {
		v[i].rel = k;
		v[i].used = ((struct cdoc *)val)->used;
		i++;
	}
	qsort(v, i, sizeof *v, lru_cmp);
	char **gone = xcalloc(i ? i : 1, sizeof *gone);
	size_t ng = 0, left = s->doc_bytes;
	for (guint j = 0; j < i && left > max_bytes / 2; j++) {
		if (v[j].used + 1 >= s->page)
			break;  /* sorted: this and the rest are the last page's */
		struct cdoc *c = g_hash_table_lookup(s->docs, v[j].rel);
		left -= c->bytes;
		gone[ng++] = xstrdup(v[j].rel);
	}
	for (size_t j = 0; j < ng; j++) {
		site_doc_release(s, gone[j]);
		free(gone[j]);
	}
	free(gone);
	free(v);
}

/* ---- the page list ------------------------------------------------- */

int
site_path_ok(const char *path)
{
	if (!path || !path[0] || path[0] == '/')
		return 0;
	for (const char *c = path; *c; c++) {
		int ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '.' || *c == '_' || *c == '/' || *c == '-';
		if (!ok)
			return 0;
	}
	/* fs_safe_relpath refuses "..", "." and empty segments. */
	return fs_safe_relpath(path) && path[strlen(path) - 1] != '/';
}

void
site_root_prefix(const char *path, struct buf *out)
{
	for (const char *c = path; *c; c++)
		if (*c == '/')
			buf_puts(out, "../");
	if (!out->data)
		buf_puts(out, "");
}

struct site_page *
site_pages_add(struct site_pages *ps, const char *path, const char *arg,
    site_render_fn render, const char *const *deps)
{
	ps->v = xgrow(ps->v, &ps->cap, ps->n + 1, sizeof *ps->v);
	struct site_page *pg = &ps->v[ps->n++];
	memset(pg, 0, sizeof *pg);
	pg->path = xstrdup(path);
	pg->arg = arg ? xstrdup(arg) : NULL;
	pg->render = render;
	for (size_t i = 0; deps && deps[i]; i++)
		site_page_add_dep(pg, deps[i]);
	return pg;
}

void
site_page_add_dep(struct site_page *pg, const char *dep)
{
	for (size_t i = 0; i < pg->n_deps; i++)
		if (!strcmp(pg->deps[i], dep))
			return;
	pg->deps = xrealloc(pg->deps, (pg->n_deps + 1) * sizeof *pg->deps);
	pg->deps[pg->n_deps++] = xstrdup(dep);
}

void
site_pages_free(struct site_pages *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		struct site_page *pg = &ps->v[i];
		free(pg->path);
		free(pg->arg);
		for (size_t j = 0; j < pg->n_deps; j++)
			free(pg->deps[j]);
		free(pg->deps);
	}
	free(ps->v);
	memset(ps, 0, sizeof *ps);
}

static int
cmp_page(const void *a, const void *b)
{
	return strcmp(((const struct site_page *)a)->path,
	    ((const struct site_page *)b)->path);
}

int
site_enumerate(struct site *s, struct site_pages *out, struct diag_list *dl)
{
	size_t first = out->n;
	site_core_pages(s, out);
	site_air_pages(s, out);
	site_bulletin_pages(s, out);
	site_meta_pages(s, out);
	site_search_pages(s, out);
	site_units_pages(s, out);
	int ok = 1;
	for (size_t i = first; i < out->n; i++) {
		struct site_page *pg = &out->v[i];
		if (!site_path_ok(pg->path)) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "网站页面路径“%s”不安全", pg->path);
			ok = 0;
		}
		for (size_t j = 0; j < pg->n_deps; j++) {
			if (!fs_safe_relpath(pg->deps[j])) {
				diag_add(dl, DIAG_ERROR, NULL, 0, 0,
				    "页面 %s 的输入路径“%s”不安全", pg->path,
				    pg->deps[j]);
				ok = 0;
			}
		}
		if (!pg->render && !(pg->copy && pg->n_deps)) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "页面 %s 既无生成函数也无复制来源", pg->path);
			ok = 0;
		}
	}
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof *out->v,
		    cmp_page);
	for (size_t i = first + 1; i < out->n; i++) {
		if (!strcmp(out->v[i - 1].path, out->v[i].path)) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "网站页面“%s”重复生成", out->v[i].path);
			ok = 0;
		}
	}
	return ok;
}

/* ---- writing the whole site ---------------------------------------- */

/* Write data to path unless it already holds exactly that: an unchanged
 * page keeps its mtime, so copies and servers see no change. */
static int
write_if_changed(const char *path, const struct buf *data)
{
	struct buf old = { 0 };
	int same = fs_read_file(path, &old) == 0 && old.len == data->len &&
	    (data->len == 0 || !memcmp(old.data, data->data, data->len));
	buf_free(&old);
	if (same)
		return 0;
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	int r = slash ? fs_mkdir_p(dir) : 0;
	free(dir);
	if (r == 0)
		r = fs_write_atomic(path, data->data ? data->data : "", data->len);
	return r;
}

/* Remove files under dir (below root/output/site) that are not pages,
 * then the directories left empty. rel is dir relative to output/site. */
static void
prune(const char *dir, const char *rel, GHashTable *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct strvec names = { 0 };
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			strvec_push(&names, e->d_name);
	closedir(d);
	for (size_t i = 0; i < names.n; i++) {
		char *p = xasprintf("%s/%s", dir, names.v[i]);
		char *r = *rel ? xasprintf("%s/%s", rel, names.v[i]) :
		    xstrdup(names.v[i]);
		struct stat st;
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			prune(p, r, keep);
			rmdir(p); /* fails, harmlessly, unless empty */
		} else if (!g_hash_table_contains(keep, r)) {
			unlink(p);
		}
		free(p);
		free(r);
	}
	strvec_free(&names);
}

int
site_write_all(struct site *s, struct diag_list *dl)
{
	struct site_pages ps = { 0 };
	int ok = site_enumerate(s, &ps, dl);
	GHashTable *keep = g_hash_table_new(g_str_hash, g_str_equal);
	char *top = xasprintf("%s/%s", s->root, SITE_DIR);
	struct buf out = { 0 };
	int listed = ok;
	/* Every page is tried, so one run reports every broken page. */
	for (size_t i = 0; listed && i < ps.n; i++) {
		const struct site_page *pg = &ps.v[i];
		buf_truncate(&out, 0);
		int r;
		if (pg->copy) {
			char *src = xasprintf("%s/%s", s->root, pg->deps[0]);
			/* Published as is: no link out of the tree. */
			r = userfile_read(src, USERFILE_TREE, 0, &out, dl);
			free(src);
		} else {
			r = pg->render(s, pg, &out, dl);
		}
		site_doc_trim(s, SITE_DOC_CACHE);
		if (!r) {
			ok = 0;
			continue;
		}
		char *path = xasprintf("%s/%s", top, pg->path);
		if (write_if_changed(path, &out) != 0) {
			diag_add(dl, DIAG_ERROR, path, 0, 0, "无法写入：%s",
			    strerror(errno));
			ok = 0;
		}
		free(path);
		g_hash_table_add(keep, pg->path);
	}
	/* Only a complete site may delete pages: after a failure the old
	 * pages stay. */
	if (ok)
		prune(top, "", keep);
	buf_free(&out);
	free(top);
	g_hash_table_destroy(keep);
	site_pages_free(&ps);
	return ok;
}
