/*
 * site_search.c -- the search page kind: search.html (the form and the
 * result list, templates/site/search.xsl), assets/search.js (a copy of
 * templates/site/assets/search.js, which runs the search) and
 * assets/search-index.js (the index, site_search_index.c), made from every
 * plan model and the unit registry.
 *
 * Documents indexed, in this order (document numbers follow it):
 *   for each plan, sorted by id: the plan (title, place, parent), then its
 *     tasks by document order (title, full text, the units as printed and
 *     their registry names, so "南召县工业和信息化局" finds tasks that
 *     print "县工业和信息化局"); URL plans/<id>/tasks/<ordinal>.html
 *   the units of the registry, sorted by id (name and printed forms);
 *     URL units/<id>.html
 */
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>

#include "fsutil.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "site_search_index.h"
#include "util.h"

#define UNITS_XML "output/xml/units.xml"
#define SEARCH_MAX_DEPTH 16 /* sections nest two or three deep */

/* Registry id -> canonical unit name, from units.xml (names owned by the
 * document). */
struct unit_names {
	const char **id, **name;
	size_t n, cap;
};

static const char *
unit_name_of(const struct unit_names *un, const char *id)
{
	for (size_t i = 0; id && i < un->n; i++) /* ~100 units: linear is fine */
		if (strcmp(un->id[i], id) == 0)
			return un->name[i];
	return NULL;
}

static void
unit_names_load(xmlDoc *units, struct unit_names *un)
{
	xmlNode *root = xmlDocGetRootElement(units);
	for (xmlNode *u = sd_child(root, "unit"); u; u = sd_next(u, "unit")) {
		xmlNode *nm = sd_child(u, "name");
		if (!sd_attr(u, "id") || !nm || !nm->children)
			continue;
		size_t cap = un->cap;
		un->id = xgrow(un->id, &cap, un->n + 1, sizeof *un->id);
		un->name = xgrow(un->name, &un->cap, un->n + 1, sizeof *un->name);
		un->id[un->n] = sd_attr(u, "id");
		un->name[un->n] = (const char *)nm->children->content;
		un->n++;
	}
}

static void
unit_names_free(struct unit_names *un)
{
	free(un->id);
	free(un->name);
}

/* Append the text of child element `name` of n, then a newline. */
static void
put_child_text(struct buf *out, const xmlNode *n, const char *name)
{
	struct buf t = {0};
	xmlNode *c = sd_child(n, name);
	if (c) {
		sd_text(c, &t);
		if (t.len) {
			buf_put(out, t.data, t.len);
			buf_putc(out, '\n');
		}
	}
	buf_free(&t);
}

static int
all_digits(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

struct plan_ctx {
	struct search_index *ix;
	const struct unit_names *un;
	const char *id, *file;
	size_t doc; /* the plan's document: shown with each task */
	struct diag_list *dl;
};

static void
index_task(struct plan_ctx *pc, const xmlNode *task)
{
	const char *ord = sd_attr(task, "ordinal"), *num = sd_attr(task, "number");
	if (!all_digits(ord)) {
		diag_add(pc->dl, DIAG_WARNING, pc->file, 0, 0,
		    "任务缺少序号（ordinal），未收入站内检索");
		return;
	}
	struct buf title = {0}, body = {0}, t = {0};
	xmlNode *tn = sd_child(task, "title");
	if (tn)
		sd_text(tn, &title);
	xmlNode *text = sd_child(task, "text");
	for (xmlNode *p = sd_child(text, "p"); p; p = sd_next(p, "p")) {
		sd_text(p, &t);
		buf_put(&body, t.data ? t.data : "", t.len);
		buf_putc(&body, '\n');
	}
	xmlNode *units = sd_child(task, "units");
	for (xmlNode *u = sd_child(units, "unit"); u; u = sd_next(u, "unit")) {
		sd_text(u, &t);
		buf_printf(&body, "%s\n", t.data ? t.data : "");
		const char *name = unit_name_of(pc->un, sd_attr(u, "ref"));
		if (name)
			buf_printf(&body, "%s\n", name);
	}
	char *url = xasprintf("plans/%s/tasks/%s.html", pc->id, ord);
	char *ctx = xasprintf("第 %s 项", num ? num : ord);
	search_index_add_in(pc->ix, SEARCH_TASK, pc->doc, url,
	    title.data ? title.data : "", ctx, body.data);
	free(url);
	free(ctx);
	buf_free(&title);
	buf_free(&body);
	buf_free(&t);
}

/* Tasks sit in sections and subsections; walk them in document order. */
static void
index_tasks_under(struct plan_ctx *pc, const xmlNode *n, int depth)
{
	if (depth > SEARCH_MAX_DEPTH)
		return;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "task") == 0)
			index_task(pc, c);
		else
			index_tasks_under(pc, c, depth + 1);
	}
}

static void
index_plan(struct search_index *ix, const struct unit_names *un,
    const char *id, const char *file, xmlDoc *doc, struct diag_list *dl)
{
	xmlNode *root = xmlDocGetRootElement(doc), *meta = sd_child(root, "meta");
	struct buf title = {0}, place = {0}, year = {0}, body = {0};
	sd_text(sd_child(meta, "title"), &title);
	sd_text(sd_child(meta, "place"), &place);
	sd_text(sd_child(meta, "year"), &year);
	put_child_text(&body, meta, "place");
	put_child_text(&body, meta, "parent");
	const char *tt = title.data && *title.data ? title.data : id;
	char *url = xasprintf("plans/%s/index.html", id);
	char *ctx = xasprintf("%s%s%s%s", place.data ? place.data : "",
	    place.len && year.len ? " · " : "", year.data ? year.data : "",
	    year.len ? "年" : "");
	size_t plan_doc = search_index_add(ix, SEARCH_PLAN, url, tt, ctx, body.data);
	struct plan_ctx pc = {ix, un, id, file, plan_doc, dl};
	index_tasks_under(&pc, root, 0);
	free(url);
	free(ctx);
	buf_free(&title);
	buf_free(&place);
	buf_free(&year);
	buf_free(&body);
}

static void
index_units(struct search_index *ix, xmlDoc *units, struct diag_list *dl)
{
	struct buf name = {0}, body = {0}, t = {0};
	xmlNode *root = xmlDocGetRootElement(units);
	for (xmlNode *u = sd_child(root, "unit"); u; u = sd_next(u, "unit")) {
		const char *id = sd_attr(u, "id");
		if (!id || !fs_valid_id(id)) {
			diag_add(dl, DIAG_WARNING, UNITS_XML, 0, 0,
			    "责任单位编号不合规，未收入站内检索");
			continue;
		}
		sd_text(sd_child(u, "name"), &name);
		buf_truncate(&body, 0);
		size_t ntasks = 0;
		for (xmlNode *p = sd_child(u, "printed"); p; p = sd_next(p, "printed")) {
			sd_text(p, &t);
			buf_printf(&body, "%s\n", t.data ? t.data : "");
		}
		for (xmlNode *r = sd_child(u, "ref"); r; r = sd_next(r, "ref"))
			ntasks += sd_attr(r, "task") != NULL;
		char *url = xasprintf("units/%s.html", id);
		char *ctx = xasprintf("涉及 %zu 项任务", ntasks);
		search_index_add(ix, SEARCH_UNIT, url, name.data ? name.data : id,
		    ctx, body.data);
		free(url);
		free(ctx);
	}
	buf_free(&name);
	buf_free(&body);
	buf_free(&t);
}

/*
 * Build the index of the page's deps: every plan model, then the unit
 * registry (the last dep). NULL with errors in dl.
 */
static struct search_index *
build_index(struct site *s, const struct site_page *pg, struct diag_list *dl)
{
	if (pg->n_deps < 1)
		return NULL;
	xmlDoc *units = site_doc(s, pg->deps[pg->n_deps - 1], dl);
	if (!units)
		return NULL;
	struct unit_names un = {0};
	unit_names_load(units, &un);
	struct search_index *ix = search_index_new();
	for (size_t i = 0; i + 1 < pg->n_deps; i++) {
		xmlDoc *doc = site_doc(s, pg->deps[i], dl);
		if (!doc) {
			search_index_free(ix);
			ix = NULL;
			break;
		}
		const char *id = sd_attr(xmlDocGetRootElement(doc), "id");
		if (!id || !fs_valid_id(id)) {
			diag_add(dl, DIAG_ERROR, pg->deps[i], 0, 0, "方案编号不合规");
			search_index_free(ix);
			ix = NULL;
			break;
		}
		index_plan(ix, &un, id, pg->deps[i], doc, dl);
		/* The index holds copies: a province's plans need not all
		 * be in memory at once. */
		site_doc_release(s, pg->deps[i]);
	}
	if (ix)
		index_units(ix, units, dl);
	unit_names_free(&un);
	return ix;
}

static int
render_index(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	struct search_index *ix = build_index(s, pg, dl);
	if (!ix)
		return 0;
	search_index_write_js(ix, out);
	search_index_free(ix);
	return 1;
}

/* Tasks under n that the index takes (those with an ordinal). */
static size_t
count_tasks(const xmlNode *n, int depth)
{
	size_t k = 0;
	if (depth > SEARCH_MAX_DEPTH)
		return 0;
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, "task") == 0)
			k += all_digits(sd_attr(c, "ordinal"));
		else
			k += count_tasks(c, depth + 1);
	}
	return k;
}

/* search.html: the form and an empty result list, with the numbers of
 * plans, tasks and units that can be found (counted, not indexed: the
 * index itself is assets/search-index.js). */
static int
render_search(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	size_t np = 0, nt = 0, nu = 0;
	for (size_t i = 0; i < pg->n_deps; i++) {
		xmlDoc *doc = site_doc(s, pg->deps[i], dl);
		if (!doc)
			return 0;
		xmlNode *root = xmlDocGetRootElement(doc);
		if (i + 1 < pg->n_deps) {
			np++;
			nt += count_tasks(root, 0);
			site_doc_release(s, pg->deps[i]);
		} else {
			for (xmlNode *u = sd_child(root, "unit"); u; u = sd_next(u, "unit"))
				nu++;
		}
	}
	char plans[32], tasks[32], units[32];
	snprintf(plans, sizeof plans, "%zu", np);
	snprintf(tasks, sizeof tasks, "%zu", nt);
	snprintf(units, sizeof units, "%zu", nu);
	const char *params[] = {"plans", plans, "tasks", tasks, "units", units, NULL};
	xmlDoc *in = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(in, xmlNewNode(NULL, (const xmlChar *)"search"));
	int ok = site_xslt_page(s, "search.xsl", in, pg, params, out, dl);
	xmlFreeDoc(in);
	return ok;
}

void
site_search_pages(struct site *s, struct site_pages *out)
{
	size_t n = site_plan_count(s);
	const char **deps = xcalloc(n + 2, sizeof *deps);
	for (size_t i = 0; i < n; i++)
		deps[i] = site_plan_xml(s, i);
	deps[n] = UNITS_XML;
	site_pages_add(out, "assets/search-index.js", NULL, render_index, deps);
	site_pages_add(out, "search.html", NULL, render_search, deps);
	const char *js[] = {"templates/site/assets/search.js", NULL};
	site_pages_add(out, "assets/search.js", NULL, NULL, js)->copy = 1;
	free(deps);
}
