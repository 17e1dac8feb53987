/*
 * site_meta.c -- the pages about the site and its data:
 *   feed.xml        Atom 1.0 feed of the bulletins (feed.xsl)
 *   sitemap.xml     every HTML page (sitemaps.org 0.9)
 *   404.html        the page a server shows for a missing path
 *   about.html      templates/site/pages/about.md through cmark
 *   data/index.html the data for download, with data-notes.md
 *   data/json/, data/xml/, data/schema/   verbatim copies of the exports
 *   data/<plan>/tasks-<YYYY-MM>.csv                       one per merged month
 *   data/air/<slug>/monthly.csv, daily-<YYYY>.csv         per area
 *
 * The base URL: sitemaps.org requires absolute <loc> URLs and Atom ids must
 * be absolute IRIs, but the site is built before anyone knows where it will
 * be served. templates/site/site.conf may say `base-url = https://…`; with
 * it the sitemap lists absolute URLs and the feed carries xml:base. Without
 * it the sitemap lists URLs relative to itself with a comment saying so
 * (search engines need the base URL; the list is still right for tools),
 * and the feed's links stay relative, which Atom allows (RFC 4287 §5:
 * IRI references are resolved against the document's base URI, the feed's
 * own address). Feed and entry ids never depend on the URL: they are tag:
 * URIs (RFC 4151) made from the plan and month, so they stay the same
 * wherever the site moves.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fsutil.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "site_meta.h"
#include "util.h"
#include "userfile.h"

#include <sys/stat.h>

#define SITE_CONF "templates/site/site.conf"
#define ABOUT_MD "templates/site/pages/about.md"
#define PAGES_CSS "templates/site/assets/pages.css"
#define NOTES_MD "templates/site/pages/data-notes.md"

/* How many bulletins the feed carries (the newest). */
#define FEED_ENTRIES 50

/* The schemas are published from the copies embedded in the binary (a
 * publication tree has no generator/ folder). */
extern const unsigned char embed_plan[], embed_merge[], embed_area[],
    embed_units[];
extern const unsigned long embed_plan_len, embed_merge_len, embed_area_len,
    embed_units_len;
static const struct {
	const char *name;
	const unsigned char *rng;
	const unsigned long *len;
} schemas[] = {
	{ "plan", embed_plan, &embed_plan_len },
	{ "merge", embed_merge, &embed_merge_len },
	{ "area", embed_area, &embed_area_len },
	{ "units", embed_units, &embed_units_len },
	{ NULL, NULL, NULL }
};

static int
render_schema(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	for (size_t k = 0; schemas[k].name; k++)
		if (pg->arg && !strcmp(pg->arg, schemas[k].name)) {
			buf_put(out, schemas[k].rng, *schemas[k].len);
			return 1;
		}
	diag_add(dl, DIAG_ERROR, pg->path, 0, 0, "未知的模式文件 (unknown schema)");
	return 0;
}

/* ---- site.conf ----------------------------------------------------- */

int
site_meta_base_url(const char *conf, struct buf *out)
{
	buf_truncate(out, 0);
	const char *line = conf;
	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) : strlen(line);
		const char *p = line;
		while (p < line + n && isspace((unsigned char)*p))
			p++;
		if (!strncmp(p, "base-url", 8)) {
			p += 8;
			while (p < line + n && isspace((unsigned char)*p))
				p++;
			if (p < line + n && *p == '=') {
				p++;
				while (p < line + n &&
				    isspace((unsigned char)*p))
					p++;
				const char *e = line + n;
				while (e > p && isspace((unsigned char)e[-1]))
					e--;
				buf_put(out, p, (size_t)(e - p));
			}
		}
		line = end ? end + 1 : NULL;
	}
	if (!out->len)
		return 0;
	/* Only http(s) URLs without characters that would need escaping
	 * in an attribute or a URL. */
	if (!str_starts(out->data, "https://") &&
	    !str_starts(out->data, "http://"))
		return -1;
	for (const char *c = out->data; *c; c++)
		if ((unsigned char)*c <= ' ' || strchr("\"'<>\\`{}|^", *c))
			return -1;
	if (out->data[out->len - 1] != '/')
		buf_putc(out, '/');
	return 1;
}

/* The base URL from site.conf into out: 1 found, 0 none, -1 unusable
 * (with a warning). */
static int
base_url(struct site *s, struct buf *out, struct diag_list *dl)
{
	char *p = xasprintf("%s/%s", site_root(s), SITE_CONF);
	struct buf conf = { 0 };
	int r = 0;
	/* A missing site.conf is no error; a refused one is. */
	struct stat st;
	if (stat(p, &st) == 0 &&
	    userfile_read(p, USERFILE_TREE, 0, &conf, dl)) {
		r = site_meta_base_url(conf.data ? conf.data : "", out);
		if (r < 0)
			diag_add(dl, DIAG_WARNING, SITE_CONF, 0, 0,
			    "base-url 不是以 http:// 或 https:// 开头的网址，已忽略");
	}
	buf_free(&conf);
	free(p);
	return r;
}

/* ---- the feed ------------------------------------------------------ */

/* deps: the merged documents of the newest bulletins, then the plan
 * models; site.conf when present. */
static int
render_feed(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("feed", &root);
	struct buf base = { 0 };
	if (base_url(s, &base, dl) > 0)
		sd_set_attr(root, "base", base.data);
	buf_free(&base);
	for (size_t j = 0; j < pg->n_deps; j++) {
		const char *d = pg->deps[j];
		if (!str_starts(d, "output/merged/"))
			continue;
		const char *plan = d + strlen("output/merged/");
		const char *slash = strchr(plan, '/');
		if (!slash)
			continue;
		char *id = xstrndup(plan, (size_t)(slash - plan));
		char *ym = xstrndup(slash + 1, 7);
		char *px = xasprintf("output/xml/%s.xml", id);
		xmlNode *e = sd_add_elem(root, "entry");
		sd_set_attr(e, "plan", id);
		sd_set_attr(e, "ym", ym);
		sd_set_attr(e, "merged", d);
		sd_set_attr(e, "plan-xml", px);
		free(px);
		free(ym);
		free(id);
	}
	int ok = site_xslt_page(s, "feed.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

struct feed_item {
	const char *plan, *ym;
};

static int
cmp_feed_item(const void *a, const void *b)
{
	const struct feed_item *x = a, *y = b;
	int c = strcmp(y->ym, x->ym);   /* newest first */
	return c ? c : strcmp(x->plan, y->plan);
}

static void
add_feed(struct site *s, struct site_pages *ps)
{
	size_t n = 0, cap = 0;
	struct feed_item *v = NULL;
	for (size_t i = 0; i < site_plan_count(s); i++)
		for (size_t j = 0; j < site_plan_month_count(s, i); j++) {
			v = xgrow(v, &cap, n + 1, sizeof *v);
			v[n++] = (struct feed_item) { site_plan_id(s, i),
			    site_plan_month(s, i, j) };
		}
	if (n)
		qsort(v, n, sizeof *v, cmp_feed_item);
	if (n > FEED_ENTRIES)
		n = FEED_ENTRIES;
	struct site_page *pg = site_pages_add(ps, "feed.xml", NULL,
	    render_feed, NULL);
	for (size_t k = 0; k < n; k++) {
		char *m = xasprintf("output/merged/%s/%s.xml", v[k].plan,
		    v[k].ym);
		site_page_add_dep(pg, m);
		free(m);
	}
	for (size_t k = 0; k < n; k++) {
		char *px = xasprintf("output/xml/%s.xml", v[k].plan);
		site_page_add_dep(pg, px);
		free(px);
	}
	if (sd_exists(s, SITE_CONF))
		site_page_add_dep(pg, SITE_CONF);
	free(v);
}

/* ---- the sitemap --------------------------------------------------- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* deps: what decides which pages exist (the plan models, merged months,
 * area indexes); site.conf when present. The page list itself comes
 * from site_enumerate, so the sitemap never disagrees with the site. */
static int
render_sitemap(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	struct site_pages all = { 0 };
	struct diag_list quiet = { 0 };
	site_enumerate(s, &all, &quiet);
	diag_free(&quiet);
	struct strvec html = { 0 };
	for (size_t i = 0; i < all.n; i++)
		if (str_ends(all.v[i].path, ".html") &&
		    strcmp(all.v[i].path, "404.html") != 0)
			strvec_push(&html, all.v[i].path);
	site_pages_free(&all);
	if (html.n)
		qsort(html.v, html.n, sizeof *html.v, cmp_str);

	struct buf base = { 0 };
	int have_base = base_url(s, &base, dl) > 0;
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST "urlset", NULL);
	xmlSetNs(root, xmlNewNs(root,
	    BAD_CAST "http://www.sitemaps.org/schemas/sitemap/0.9", NULL));
	xmlDocSetRootElement(doc, root);
	if (!have_base)
		xmlAddPrevSibling(root, xmlNewDocComment(doc, BAD_CAST
		    " 未配置网站地址：以下网址相对于本文件。搜索引擎要求完整网址，"
		    "请在 templates/site/site.conf 中写 base-url = https://… 后重新生成。 "));
	for (size_t i = 0; i < html.n; i++) {
		xmlNode *u = xmlNewChild(root, root->ns, BAD_CAST "url", NULL);
		char *loc = xasprintf("%s%s", have_base ? base.data : "",
		    html.v[i]);
		xmlNewTextChild(u, root->ns, BAD_CAST "loc", BAD_CAST loc);
		free(loc);
	}
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	buf_put(out, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	buf_free(&base);
	strvec_free(&html);
	(void)pg;
	return 1;
}

static void
add_sitemap(struct site *s, struct site_pages *ps)
{
	struct site_page *pg = site_pages_add(ps, "sitemap.xml", NULL,
	    render_sitemap, NULL);
	for (size_t i = 0; i < site_plan_count(s); i++) {
		site_page_add_dep(pg, site_plan_xml(s, i));
		for (size_t j = 0; j < site_plan_month_count(s, i); j++) {
			char *m = xasprintf("output/merged/%s/%s.xml",
			    site_plan_id(s, i), site_plan_month(s, i, j));
			site_page_add_dep(pg, m);
			free(m);
		}
	}
	for (size_t i = 0; i < site_area_count(s); i++) {
		char *idx = xasprintf("output/air/%s/index.xml",
		    site_area_slug(s, i));
		site_page_add_dep(pg, idx);
		free(idx);
	}
	if (sd_exists(s, SITE_CONF))
		site_page_add_dep(pg, SITE_CONF);
}

/* ---- 404 and about ------------------------------------------------- */

static int
render_notfound(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("notfound", &root);
	struct buf base = { 0 };
	/* A server shows 404.html at any depth: with a base URL its links
	 * can be absolute and work everywhere. */
	if (base_url(s, &base, dl) > 0)
		sd_set_attr(root, "base", base.data);
	buf_free(&base);
	int ok = site_xslt_page(s, "notfound.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* Markdown file rel appended to parent through cmark. */
static int
add_markdown(struct site *s, const char *rel, int shift, xmlNode *parent,
    struct diag_list *dl)
{
	char *p = xasprintf("%s/%s", site_root(s), rel);
	struct buf md = { 0 };
	int ok = userfile_read(p, USERFILE_TREE, 0, &md, dl);
	if (ok)
		ok = sd_markdown(md.data ? md.data : "", md.len, shift, parent,
		    dl);
	buf_free(&md);
	free(p);
	return ok;
}

/* deps: [0] the Markdown source. */
static int
render_mdpage(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("mdpage", &root);
	xmlNode *body = sd_add_elem(root, "body");
	int ok = add_markdown(s, pg->deps[0], 0, body, dl) &&
	    site_xslt_page(s, "mdpage.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

/* ---- data downloads ------------------------------------------------ */

/* data/<plan>/tasks-<ym>.csv. deps: [0] the merged document. */
static int
render_tasks_csv(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlDoc *d = site_doc(s, pg->deps[0], dl);
	return d && site_csv_tasks(d, out, dl);
}

/* data/air/<slug>/monthly.csv. deps: [0] the area index. */
static int
render_monthly_csv(struct site *s, const struct site_page *pg,
    struct buf *out, struct diag_list *dl)
{
	xmlDoc *d = site_doc(s, pg->deps[0], dl);
	return d && site_csv_air_monthly(d, out, dl);
}

/* data/air/<slug>/daily-<YYYY>.csv. deps: that year's months. */
static int
render_daily_csv(struct site *s, const struct site_page *pg,
    struct buf *out, struct diag_list *dl)
{
	xmlDoc **v = xcalloc(pg->n_deps + 1, sizeof *v);
	int ok = 1;
	for (size_t j = 0; j < pg->n_deps && ok; j++)
		ok = (v[j] = site_doc(s, pg->deps[j], dl)) != NULL;
	ok = ok && site_csv_air_daily(v, pg->n_deps, out, dl);
	free(v);
	return ok;
}

static void
add_copy(struct site_pages *ps, const char *path, const char *dep)
{
	if (!site_path_ok(path))
		return;
	struct site_page *pg = site_pages_add(ps, path, NULL, NULL, NULL);
	pg->copy = 1;
	site_page_add_dep(pg, dep);
}

/* Names of dir's files ending in suffix (suffix removed), safe as ids,
 * sorted. */
static void
list_ids(struct site *s, const char *dir, const char *suffix,
    struct strvec *out)
{
	char *p = xasprintf("%s/%s", site_root(s), dir);
	DIR *d = opendir(p);
	free(p);
	if (!d)
		return;
	struct dirent *e;
	size_t sl = strlen(suffix);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n <= sl || strcmp(e->d_name + n - sl, suffix))
			continue;
		char *id = xstrndup(e->d_name, n - sl);
		if (fs_valid_id(id))
			strvec_push(out, id);
		free(id);
	}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, cmp_str);
}

/* data/index.html. Its page document is built from the deps: json/xml
 * exports, merged months (a CSV each), area indexes and months. */
static int
render_data(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNode *root;
	xmlDoc *in = sd_page_doc("data", &root);
	xmlNode *notes = sd_add_elem(root, "notes");
	int ok = 1;
	xmlNode *area = NULL, *plan = NULL;
	for (size_t k = 0; schemas[k].name; k++) {
		xmlNode *f = sd_add_elem(root, "file");
		char *name = xasprintf("%s.rng", schemas[k].name);
		char *href = xasprintf("schema/%s", name);
		sd_set_attr(f, "kind", "schema");
		sd_set_attr(f, "name", name);
		sd_set_attr(f, "href", href);
		free(href);
		free(name);
	}
	for (size_t j = 0; j < pg->n_deps && ok; j++) {
		const char *d = pg->deps[j];
		if (!strcmp(d, NOTES_MD)) {
			ok = add_markdown(s, d, 1, notes, dl);
		} else if (str_starts(d, "output/json/") ||
		    str_starts(d, "output/xml/")) {
			xmlNode *f = sd_add_elem(root, "file");
			const char *name = strrchr(d, '/') + 1;
			const char *kind = str_starts(d, "output/json/") ?
			    "json" : "xml";
			char *href = xasprintf("%s/%s", kind, name);
			sd_set_attr(f, "kind", kind);
			sd_set_attr(f, "name", name);
			sd_set_attr(f, "href", href);
			free(href);
		} else if (str_starts(d, "output/merged/")) {
			const char *id = d + strlen("output/merged/");
			const char *sl = strchr(id, '/');
			char *pid = xstrndup(id, (size_t)(sl - id));
			char *ym = xstrndup(sl + 1, 7);
			const char *cur = sd_attr(plan, "id");
			if (!cur || strcmp(cur, pid)) {
				plan = sd_add_elem(root, "plan");
				sd_set_attr(plan, "id", pid);
				char *px = xasprintf("output/xml/%s.xml", pid);
				sd_set_attr(plan, "plan-xml", px);
				free(px);
			}
			xmlNode *c = sd_add_elem(plan, "csv");
			char *href = xasprintf("%s/tasks-%s.csv", pid, ym);
			sd_set_attr(c, "ym", ym);
			sd_set_attr(c, "href", href);
			free(href);
			free(pid);
			free(ym);
		} else if (str_ends(d, "/index.xml") &&
		    str_starts(d, "output/air/")) {
			const char *slug = d + strlen("output/air/");
			char *sg = xstrndup(slug, strcspn(slug, "/"));
			area = sd_add_elem(root, "area");
			sd_set_attr(area, "slug", sg);
			sd_set_attr(area, "index", d);
			char *href = xasprintf("air/%s/monthly.csv", sg);
			sd_set_attr(area, "monthly", href);
			free(href);
			free(sg);
		} else if (str_starts(d, "output/air/") && area) {
			/* output/air/<slug>/<YYYY>-01.xml marks a year. */
			const char *ym = strrchr(d, '/') + 1;
			const char *ly = sd_attr(xmlGetLastChild(area), "year");
			if (!ly || strncmp(ly, ym, 4)) {
				xmlNode *y = sd_add_elem(area, "daily");
				char *yr = xstrndup(ym, 4);
				char *href = xasprintf("air/%s/daily-%s.csv",
				    sd_attr(area, "slug"), yr);
				sd_set_attr(y, "year", yr);
				sd_set_attr(y, "href", href);
				free(href);
				free(yr);
			}
		}
	}
	ok = ok && site_xslt_page(s, "data.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

static void
add_area_data(struct site *s, struct site_pages *ps, size_t i,
    struct site_page *index)
{
	const char *slug = site_area_slug(s, i);
	char *idx = xasprintf("output/air/%s/index.xml", slug);
	char *path = xasprintf("data/air/%s/monthly.csv", slug);
	if (!site_path_ok(path))
		goto out;
	struct site_page *pg = site_pages_add(ps, path, slug,
	    render_monthly_csv, NULL);
	site_page_add_dep(pg, idx);
	site_page_add_dep(index, idx);
	struct site_page *year = NULL;
	char cur[5] = "";
	for (size_t j = 0; j < site_area_month_count(s, i); j++) {
		const char *ym = site_area_month(s, i, j);
		char *rel = xasprintf("output/air/%s/%s.xml", slug, ym);
		if (strncmp(cur, ym, 4)) {
			memcpy(cur, ym, 4);
			cur[4] = '\0';
			char *yp = xasprintf("data/air/%s/daily-%s.csv", slug,
			    cur);
			/* The first month of a year stands for the year's
			 * CSV on data/index.html. */
			site_page_add_dep(index, rel);
			year = site_pages_add(ps, yp, slug, render_daily_csv,
			    NULL);
			free(yp);
		}
		site_page_add_dep(year, rel);
		free(rel);
	}
out:
	free(path);
	free(idx);
}

static void
add_data(struct site *s, struct site_pages *ps)
{
	/* data/index.html goes in last: site_pages_add may move the array,
	 * so its deps are gathered in a scratch page first. */
	struct site_page scratch = { 0 };
	site_page_add_dep(&scratch, NOTES_MD);
	struct strvec ids = { 0 };
	list_ids(s, "output/json", ".json", &ids);
	for (size_t i = 0; i < ids.n; i++) {
		char *dep = xasprintf("output/json/%s.json", ids.v[i]);
		char *path = xasprintf("data/json/%s.json", ids.v[i]);
		add_copy(ps, path, dep);
		site_page_add_dep(&scratch, dep);
		free(path);
		free(dep);
	}
	strvec_free(&ids);
	list_ids(s, "output/xml", ".xml", &ids);
	for (size_t i = 0; i < ids.n; i++) {
		char *dep = xasprintf("output/xml/%s.xml", ids.v[i]);
		char *path = xasprintf("data/xml/%s.xml", ids.v[i]);
		add_copy(ps, path, dep);
		site_page_add_dep(&scratch, dep);
		free(path);
		free(dep);
	}
	strvec_free(&ids);
	for (size_t k = 0; schemas[k].name; k++) {
		char *path = xasprintf("data/schema/%s.rng", schemas[k].name);
		site_pages_add(ps, path, schemas[k].name, render_schema, NULL);
		free(path);
	}
	for (size_t i = 0; i < site_plan_count(s); i++) {
		const char *id = site_plan_id(s, i);
		for (size_t j = 0; j < site_plan_month_count(s, i); j++) {
			const char *ym = site_plan_month(s, i, j);
			char *dep = xasprintf("output/merged/%s/%s.xml", id, ym);
			char *path = xasprintf("data/%s/tasks-%s.csv", id, ym);
			if (site_path_ok(path)) {
				struct site_page *pg = site_pages_add(ps, path,
				    id, render_tasks_csv, NULL);
				site_page_add_dep(pg, dep);
				site_page_add_dep(&scratch, dep);
				site_page_add_dep(&scratch, site_plan_xml(s, i));
			}
			free(path);
			free(dep);
		}
	}
	for (size_t i = 0; i < site_area_count(s); i++)
		add_area_data(s, ps, i, &scratch);
	struct site_page *pg = site_pages_add(ps, "data/index.html", NULL,
	    render_data, NULL);
	pg->deps = scratch.deps;
	pg->n_deps = scratch.n_deps;
}

/* ---- the page list ------------------------------------------------- */

void
site_meta_pages(struct site *s, struct site_pages *ps)
{
	site_pages_add(ps, "404.html", NULL, render_notfound, NULL);
	if (sd_exists(s, SITE_CONF))
		site_page_add_dep(&ps->v[ps->n - 1], SITE_CONF);
	if (sd_exists(s, ABOUT_MD))
		site_pages_add(ps, "about.html", NULL, render_mdpage,
		    (const char *const[]) { ABOUT_MD, NULL });
	/* The styles of these pages (and of the air and bulletin pages). */
	if (sd_exists(s, PAGES_CSS))
		site_pages_add(ps, "assets/pages.css", NULL, NULL,
		    (const char *const[]) { PAGES_CSS, NULL })->copy = 1;
	add_feed(s, ps);
	add_sitemap(s, ps);
	add_data(s, ps);
}
