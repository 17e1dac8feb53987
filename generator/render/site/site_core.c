/*
 * site_core.c -- the core pages of the site: home, one page per plan, per
 * task and per responsible unit, each plan's source text with line
 * anchors, and the deadlines calendar. Pages that show one document apply
 * their stylesheet to it directly (plan, task); pages that show several
 * get a small aggregate document built here with the libxml2 tree API,
 * naming the documents the stylesheet reads through lt:doc(). Every page
 * depends on exactly the files it shows: the plan model, the latest merged
 * document of the plans it shows, units.xml, the plan text. The site's
 * stylesheet (assets/style.css) is copied from templates/site/assets/.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fsutil.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "textload.h"
#include "userfile.h"
#include "util.h"
#include "xmltext.h"

#define UNITS_XML "output/xml/units.xml"

/* The document a plan's summary is read from: its latest merged month,
 * or its model when it has no ledger yet. */
static const char *
plan_shown(const struct site *s, size_t i)
{
	const char *m = site_plan_latest(s, i);
	return m ? m : site_plan_xml(s, i);
}

static xmlNodePtr
new_root(xmlDocPtr *d, const char *name)
{
	*d = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr r = xmlNewDocNode(*d, NULL, (const xmlChar *)name, NULL);
	xmlDocSetRootElement(*d, r);
	return r;
}

/* <plan id= xml= merged= ym=/> naming plan i's documents. */
static xmlNodePtr
add_plan_ref(xmlNodePtr parent, const struct site *s, size_t i)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"plan", NULL);
	sd_set_attr(n, "id", site_plan_id(s, i));
	sd_set_attr(n, "xml", site_plan_xml(s, i));
	sd_set_attr(n, "merged", site_plan_latest(s, i));
	size_t nm = site_plan_month_count(s, i);
	if (nm)
		sd_set_attr(n, "ym", site_plan_month(s, i, nm - 1));
	return n;
}

/* Apply sheet to an aggregate document and free it. */
static int
render_aggregate(struct site *s, const char *sheet, xmlDocPtr d,
    const struct site_page *pg, const char *const *params, struct buf *out,
    struct diag_list *dl)
{
	int ok = site_xslt_page(s, sheet, d, pg, params, out, dl);
	xmlFreeDoc(d);
	return ok;
}

/* ---- home ------------------------------------------------------------ */

static const char *
area_index(const struct site *s, size_t a, char *tmp, size_t n)
{
	snprintf(tmp, n, "output/air/%s/index.xml", site_area_slug(s, a));
	return tmp;
}

/* <label kind> for each distinct provenance label of the plans' latest
 * merged documents, in plan order (the home page's footer). */
static int
add_labels(struct site *s, xmlNodePtr r, struct diag_list *dl)
{
	struct strvec seen = { 0 };
	struct buf t = { 0 };
	for (size_t i = 0; i < site_plan_count(s); i++) {
		const char *m = site_plan_latest(s, i);
		xmlDocPtr md = m ? site_doc(s, m, dl) : NULL;
		if (m && !md) {
			strvec_free(&seen);
			buf_free(&t);
			return 0;
		}
		xmlNodePtr pv = md ? sd_child(xmlDocGetRootElement(md),
		    "provenance") : NULL;
		for (xmlNodePtr l = sd_child(pv, "label"); l;
		    l = sd_next(l, "label")) {
			sd_text(l, &t);
			if (!strvec_push_unique(&seen, t.data))
				continue;
			xmlNodePtr n = xmlNewTextChild(r, NULL,
			    (const xmlChar *)"label", (const xmlChar *)t.data);
			sd_set_attr(n, "kind", sd_attr(l, "kind"));
		}
	}
	strvec_free(&seen);
	buf_free(&t);
	return 1;
}

static int
render_home(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlDocPtr d;
	xmlNodePtr r = new_root(&d, "home");
	for (size_t i = 0; i < site_plan_count(s); i++)
		add_plan_ref(r, s, i);
	if (!add_labels(s, r, dl)) {
		xmlFreeDoc(d);
		return 0;
	}
	char tmp[512];
	for (size_t a = 0; a < site_area_count(s); a++) {
		xmlNodePtr n = xmlNewChild(r, NULL, (const xmlChar *)"area",
		    NULL);
		sd_set_attr(n, "slug", site_area_slug(s, a));
		sd_set_attr(n, "index", area_index(s, a, tmp, sizeof tmp));
	}
	return render_aggregate(s, "home.xsl", d, pg, NULL, out, dl);
}

static void
add_home(struct site *s, struct site_pages *out)
{
	struct site_page *pg = site_pages_add(out, "index.html", NULL,
	    render_home, NULL);
	for (size_t i = 0; i < site_plan_count(s); i++)
		site_page_add_dep(pg, plan_shown(s, i));
	char tmp[512];
	for (size_t a = 0; a < site_area_count(s); a++)
		site_page_add_dep(pg, area_index(s, a, tmp, sizeof tmp));
}

/* ---- plans and tasks --------------------------------------------------- */

static int
render_plan(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	size_t i = site_plan_find(s, pg->arg);
	xmlDocPtr doc = site_doc(s, site_plan_xml(s, i), dl);
	if (!doc)
		return 0;
	const char *latest = site_plan_latest(s, i);
	const char *params[] = { "merged", latest ? latest : "", NULL };
	return site_xslt_page(s, "plan.xsl", doc, pg, params, out, dl);
}

/* arg: "<plan-id> <ordinal>". */
static int
render_task(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	const char *sp = strchr(pg->arg, ' ');
	char *id = xstrndup(pg->arg, (size_t)(sp - pg->arg));
	size_t i = site_plan_find(s, id);
	free(id);
	xmlDocPtr doc = site_doc(s, site_plan_xml(s, i), dl);
	if (!doc)
		return 0;
	const char *latest = site_plan_latest(s, i);
	const char *params[] = { "ordinal", sp + 1,
	    "merged", latest ? latest : "", NULL };
	return site_xslt_page(s, "task.xsl", doc, pg, params, out, dl);
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

/* One page per task of the plan model: tasks sit in sections, directly or
 * in subsections. */
static void
add_tasks(struct site *s, size_t i, xmlNodePtr plan, struct site_pages *out)
{
	const char *id = site_plan_id(s, i);
	const char *latest = site_plan_latest(s, i);
	const char *deps[] = { site_plan_xml(s, i), latest, NULL };
	for (xmlNodePtr sec = sd_child(plan, "section"); sec;
	    sec = sd_next(sec, "section")) {
		for (xmlNodePtr c = sec->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			int sub = !strcmp((const char *)c->name, "subsection");
			xmlNodePtr t = sub ? sd_child(c, "task") : c;
			for (; t; t = sub ? sd_next(t, "task") : NULL) {
				const char *ord = sd_attr(t, "ordinal");
				if (strcmp((const char *)t->name, "task") ||
				    !all_digits(ord))
					continue;
				char *path = xasprintf(
				    "plans/%s/tasks/%s.html", id, ord);
				char *arg = xasprintf("%s %s", id, ord);
				site_pages_add(out, path, arg, render_task,
				    deps);
				free(path);
				free(arg);
			}
		}
	}
}

/* ---- plan source text ---------------------------------------------- */

/* Lines where a task starts: ordinal by line (0 = none). */
static void
mark_task_lines(xmlNodePtr plan, const char **by_line, size_t n)
{
	for (xmlNodePtr sec = sd_child(plan, "section"); sec;
	    sec = sd_next(sec, "section")) {
		for (xmlNodePtr c = sec->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			int sub = !strcmp((const char *)c->name, "subsection");
			xmlNodePtr t = sub ? sd_child(c, "task") : c;
			for (; t; t = sub ? sd_next(t, "task") : NULL) {
				if (strcmp((const char *)t->name, "task"))
					continue;
				const char *ls = sd_attr(t, "line-start");
				long l = ls ? strtol(ls, NULL, 10) : 0;
				if (l > 0 && (size_t)l <= n && !by_line[l - 1])
					by_line[l - 1] = sd_attr(t, "ordinal");
			}
		}
	}
}

static int
render_source(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	size_t i = site_plan_find(s, pg->arg);
	xmlDocPtr plan = site_doc(s, site_plan_xml(s, i), dl);
	if (!plan)
		return 0;
	/* The text the build accepted and kept (deps[1]), never the file
	 * in plans/: that one may have changed, failed or been replaced by
	 * a link since the model was made. */
	const char *src = sd_attr(xmlDocGetRootElement(plan), "source");
	char *path = xasprintf("%s/%s", site_root(s), pg->deps[1]);
	struct buf raw = { 0 }, text = { 0 };
	const char *enc = NULL;
	/* Its warnings were given when the build read it: each once. */
	struct diag_list said = { 0 };
	int ok = src && userfile_read(path, USERFILE_TREE, 0, &raw, dl) &&
	    text_decode(src, raw.data, raw.len, &text, &enc, &said);
	if (diag_count(&said, DIAG_ERROR))
		diag_move(dl, &said);
	diag_free(&said);
	free(path);
	buf_free(&raw);
	if (!ok) {
		buf_free(&text);
		return 0;
	}
	size_t n = 1;
	for (size_t k = 0; k < text.len; k++)
		n += text.data[k] == '\n';
	if (text.len && text.data[text.len - 1] == '\n')
		n--;
	const char **task_at = xcalloc(n + 1, sizeof *task_at);
	mark_task_lines(xmlDocGetRootElement(plan), task_at, n);

	xmlDocPtr d;
	xmlNodePtr r = new_root(&d, "source");
	sd_set_attr(r, "plan", pg->arg);
	sd_set_attr(r, "xml", site_plan_xml(s, i));
	sd_set_attr(r, "file", src);
	sd_set_attr(r, "encoding", enc);
	const char *p = text.data ? text.data : "";
	for (size_t ln = 1; ln <= n; ln++) {
		const char *e = strchr(p, '\n');
		char *line = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
		char *clean = xml_text_clean(line);
		xmlNodePtr l = xmlNewTextChild(r, NULL, (const xmlChar *)"line",
		    (const xmlChar *)clean);
		char num[24];
		snprintf(num, sizeof num, "%zu", ln);
		sd_set_attr(l, "n", num);
		sd_set_attr(l, "task", task_at[ln - 1]);
		free(clean);
		free(line);
		p = e ? e + 1 : p + strlen(p);
	}
	free(task_at);
	buf_free(&text);
	return render_aggregate(s, "source.xsl", d, pg, NULL, out, dl);
}

static void
add_plan_pages(struct site *s, size_t i, struct site_pages *out)
{
	struct diag_list quiet = { 0 };
	const char *id = site_plan_id(s, i);
	const char *latest = site_plan_latest(s, i);
	const char *deps[] = { site_plan_xml(s, i), latest, NULL };
	char *path = xasprintf("plans/%s/index.html", id);
	site_pages_add(out, path, id, render_plan, deps);
	free(path);
	/* Without a readable model there are no task pages; the plan page
	 * reports the error when it is rendered. */
	xmlDocPtr doc = site_doc(s, site_plan_xml(s, i), &quiet);
	diag_free(&quiet);
	if (!doc)
		return;
	xmlNodePtr plan = xmlDocGetRootElement(doc);
	add_tasks(s, i, plan, out);
	const char *src = sd_attr(plan, "source");
	if (src && fs_safe_relpath(src)) {
		/* The build's copy of the accepted text (build_graph.h,
		 * OUT_SOURCE). */
		char *kept = xasprintf("output/source/%s.txt", id);
		const char *sdeps[] = { site_plan_xml(s, i), kept, NULL };
		path = xasprintf("plans/%s/source.html", id);
		site_pages_add(out, path, id, render_source, sdeps);
		free(path);
		free(kept);
	}
}

/* ---- units --------------------------------------------------------- */

/* Plans (indices) that unit u refers to, in the order of first mention. */
static void
unit_plans(const struct site *s, xmlNodePtr u, struct strvec *ids)
{
	for (xmlNodePtr r = sd_child(u, "ref"); r; r = sd_next(r, "ref")) {
		const char *p = sd_attr(r, "plan");
		if (p && site_plan_find(s, p) != (size_t)-1)
			strvec_push_unique(ids, p);
	}
}

static xmlNodePtr
find_unit(struct site *s, const char *id, struct diag_list *dl)
{
	xmlDocPtr units = site_doc(s, UNITS_XML, dl);
	if (!units)
		return NULL;
	for (xmlNodePtr u = sd_child(xmlDocGetRootElement(units), "unit"); u;
	    u = sd_next(u, "unit")) {
		const char *uid = sd_attr(u, "id");
		if (uid && !strcmp(uid, id))
			return u;
	}
	return NULL;
}

static int
render_unit(struct site *s, const struct site_page *pg, struct buf *out,
    struct diag_list *dl)
{
	xmlNodePtr u = find_unit(s, pg->arg, dl);
	if (!u) {
		diag_add(dl, DIAG_ERROR, UNITS_XML, 0, 0, "找不到单位 %s",
		    pg->arg);
		return 0;
	}
	xmlDocPtr d;
	xmlNodePtr r = new_root(&d, "unit-page");
	xmlAddChild(r, xmlDocCopyNode(u, d, 1));
	struct strvec ids = { 0 };
	unit_plans(s, u, &ids);
	for (size_t k = 0; k < ids.n; k++)
		add_plan_ref(r, s, site_plan_find(s, ids.v[k]));
	strvec_free(&ids);
	return render_aggregate(s, "unit.xsl", d, pg, NULL, out, dl);
}

static void
add_units(struct site *s, struct site_pages *out)
{
	struct diag_list quiet = { 0 };
	xmlDocPtr units = site_doc(s, UNITS_XML, &quiet);
	diag_free(&quiet);
	if (!units)
		return;
	for (xmlNodePtr u = sd_child(xmlDocGetRootElement(units), "unit"); u;
	    u = sd_next(u, "unit")) {
		const char *id = sd_attr(u, "id");
		if (!id || !fs_valid_id(id))
			continue;
		char *path = xasprintf("units/%s.html", id);
		const char *deps[] = { UNITS_XML, NULL };
		struct site_page *pg = site_pages_add(out, path, id,
		    render_unit, deps);
		free(path);
		struct strvec ids = { 0 };
		unit_plans(s, u, &ids);
		for (size_t k = 0; k < ids.n; k++)
			site_page_add_dep(pg,
			    plan_shown(s, site_plan_find(s, ids.v[k])));
		strvec_free(&ids);
	}
}

/* ---- deadlines ----------------------------------------------------- */

/* One dated deadline of a task not yet done, for the calendar. */
struct dl_item {
	const char *date, *plan, *ref;
	xmlNodePtr task, deadline;
	long ref_n;
};

static int
cmp_item(const void *a, const void *b)
{
	const struct dl_item *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	if (!c)
		c = strcmp(x->plan, y->plan);
	if (!c)
		c = (x->ref_n > y->ref_n) - (x->ref_n < y->ref_n);
	return c;
}

/* <item plan= ref= date=> with copies of the task's title, units and the
 * deadline, as the stylesheet shows them. */
static xmlNodePtr
add_item(xmlNodePtr parent, xmlDocPtr d, const struct dl_item *it)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)"item",
	    NULL);
	sd_set_attr(n, "plan", it->plan);
	sd_set_attr(n, "date", it->date);
	xmlAddChild(n, xmlDocCopyNode(it->task, d, 2)); /* attributes */
	xmlNodePtr t = xmlGetLastChild(n);
	xmlNodePtr ttl = sd_child(it->task, "title");
	xmlNodePtr units = sd_child(it->task, "units");
	xmlNodePtr st = sd_child(it->task, "status");
	if (ttl)
		xmlAddChild(t, xmlDocCopyNode(ttl, d, 1));
	if (units)
		xmlAddChild(t, xmlDocCopyNode(units, d, 1));
	if (it->deadline)
		xmlAddChild(t, xmlDocCopyNode(it->deadline, d, 1));
	if (st)
		xmlAddChild(t, xmlDocCopyNode(st, d, 1));
	return n;
}

static int
render_deadlines(struct site *s, const struct site_page *pg,
    struct buf *out, struct diag_list *dl)
{
	struct dl_item *up = NULL, *late = NULL;
	size_t nup = 0, capup = 0, nlate = 0, caplate = 0;
	xmlDocPtr d;
	xmlNodePtr r = new_root(&d, "deadlines");
	int ok = 1;
	for (size_t i = 0; i < site_plan_count(s) && ok; i++) {
		const char *m = site_plan_latest(s, i);
		if (!m)
			continue;
		add_plan_ref(r, s, i);
		xmlDocPtr md = site_doc(s, m, dl);
		if (!md) {
			ok = 0;
			break;
		}
		xmlNodePtr tasks = sd_child(xmlDocGetRootElement(md), "tasks");
		for (xmlNodePtr t = sd_child(tasks, "task"); t;
		    t = sd_next(t, "task")) {
			const char *ref = sd_attr(t, "ref");
			const char *state = sd_attr(t, "state");
			xmlNodePtr st = sd_child(t, "status");
			const char *od = sd_attr(st, "overdue");
			struct dl_item it = { NULL, site_plan_id(s, i), ref,
			    t, NULL, ref ? strtol(ref, NULL, 10) : 0 };
			if (od && !strcmp(od, "yes")) {
				it.date = sd_attr(st, "deadline");
				if (!it.date)
					it.date = "";
				late = xgrow(late, &caplate, nlate + 1,
				    sizeof *late);
				late[nlate++] = it;
			}
			if (state && !strcmp(state, "done"))
				continue;
			for (xmlNodePtr dn = sd_child(t, "deadline"); dn;
			    dn = sd_next(dn, "deadline")) {
				const char *date = sd_attr(dn, "date");
				const char *passed = sd_attr(dn, "passed");
				if (!date || !passed || strcmp(passed, "no"))
					continue;
				it.date = date;
				it.deadline = dn;
				up = xgrow(up, &capup, nup + 1, sizeof *up);
				up[nup++] = it;
			}
		}
	}
	if (ok) {
		if (nup)
			qsort(up, nup, sizeof *up, cmp_item);
		if (nlate)
			qsort(late, nlate, sizeof *late, cmp_item);
		xmlNodePtr ups = xmlNewChild(r, NULL,
		    (const xmlChar *)"upcoming", NULL);
		xmlNodePtr month = NULL;
		for (size_t k = 0; k < nup; k++) {
			char ym[8];
			snprintf(ym, sizeof ym, "%.7s", up[k].date);
			if (!month || strcmp(sd_attr(month, "ym"), ym)) {
				month = xmlNewChild(ups, NULL,
				    (const xmlChar *)"month", NULL);
				sd_set_attr(month, "ym", ym);
			}
			add_item(month, d, &up[k]);
		}
		xmlNodePtr ods = xmlNewChild(r, NULL,
		    (const xmlChar *)"overdue", NULL);
		for (size_t k = 0; k < nlate; k++)
			add_item(ods, d, &late[k]);
	}
	free(up);
	free(late);
	if (!ok) {
		xmlFreeDoc(d);
		return 0;
	}
	return render_aggregate(s, "deadlines.xsl", d, pg, NULL, out, dl);
}

static void
add_deadlines(struct site *s, struct site_pages *out)
{
	struct site_page *pg = site_pages_add(out, "deadlines.html", NULL,
	    render_deadlines, NULL);
	for (size_t i = 0; i < site_plan_count(s); i++)
		if (site_plan_latest(s, i))
			site_page_add_dep(pg, site_plan_latest(s, i));
}

void
site_core_pages(struct site *s, struct site_pages *out)
{
	const char *css[] = { "templates/site/assets/style.css", NULL };
	site_pages_add(out, "assets/style.css", NULL, NULL, css)->copy = 1;
	add_home(s, out);
	for (size_t i = 0; i < site_plan_count(s); i++)
		add_plan_pages(s, i, out);
	add_units(s, out);
	add_deadlines(s, out);
}
