/*
 * site_units.c -- units/index.html, the index of the responsible units
 * (issue 16): every unit of the registry with, across plans and per
 * plan, the tasks it has, the tasks it leads, those done and those
 * overdue. The counts are each plan's latest merged document's
 * (m:units/m:unit, all the unit's tasks whatever its role); a plan
 * without a merged document gives the registry's task and lead counts
 * only. The stylesheet is templates/site/units.xsl.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "fsutil.h"
#include "site.h"
#include "site_data.h"
#include "site_kinds.h"
#include "util.h"

#define UNITS_XML "output/xml/units.xml"

/* Counts of one unit, summed over plans. */
struct unit_sum {
	long tasks, lead, done, overdue;
	int have_status; /* some plan has a merged document */
};

static long
attr_long(const xmlNode *n, const char *name)
{
	const char *v = sd_attr(n, name);
	return v ? strtol(v, NULL, 10) : 0;
}

static void
set_long(xmlNode *n, const char *name, long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%ld", v);
	sd_set_attr(n, name, tmp);
}

/* The unit's entry in a merged document, or NULL. */
static xmlNode *
merged_unit(xmlDoc *md, const char *id)
{
	if (!md)
		return NULL;
	for (xmlNode *u = sd_child(sd_child(xmlDocGetRootElement(md),
	    "units"), "unit"); u; u = sd_next(u, "unit")) {
		const char *r = sd_attr(u, "ref");
		if (r && !strcmp(r, id))
			return u;
	}
	return NULL;
}

/* The registry's tasks and lead tasks of unit u in plan id. */
static void
registry_counts(const xmlNode *u, const char *id, long *tasks, long *lead)
{
	*tasks = *lead = 0;
	for (xmlNode *r = sd_child(u, "ref"); r; r = sd_next(r, "ref")) {
		const char *p = sd_attr(r, "plan"), *role = sd_attr(r, "role");
		if (!p || strcmp(p, id) || !sd_attr(r, "ordinal"))
			continue;
		(*tasks)++;
		if (role && !strcmp(role, "lead"))
			(*lead)++;
	}
}

static void
add_unit(struct site *s, xmlNode *root, const xmlNode *u,
    struct diag_list *dl)
{
	const char *id = sd_attr(u, "id");
	xmlNode *e = sd_add_elem(root, "unit");
	sd_set_attr(e, "id", id);
	struct buf name = { 0 };
	sd_text(sd_child(u, "name"), &name);
	sd_set_attr(e, "name", name.data ? name.data : "");
	buf_free(&name);
	struct unit_sum sum = { 0 };
	for (size_t i = 0; i < site_plan_count(s); i++) {
		const char *pid = site_plan_id(s, i);
		long tasks, lead;
		registry_counts(u, pid, &tasks, &lead);
		if (!tasks)
			continue;
		xmlNode *in = sd_add_elem(e, "in");
		sd_set_attr(in, "plan", pid);
		set_long(in, "tasks", tasks);
		set_long(in, "lead", lead);
		sum.tasks += tasks;
		sum.lead += lead;
		const char *latest = site_plan_latest(s, i);
		xmlNode *mu = merged_unit(latest ? site_doc(s, latest, dl) :
		    NULL, id);
		if (mu) {
			set_long(in, "done", attr_long(mu, "done"));
			set_long(in, "overdue", attr_long(mu, "overdue"));
			sum.done += attr_long(mu, "done");
			sum.overdue += attr_long(mu, "overdue");
			sum.have_status = 1;
		}
	}
	set_long(e, "tasks", sum.tasks);
	set_long(e, "lead", sum.lead);
	if (sum.have_status) {
		set_long(e, "done", sum.done);
		set_long(e, "overdue", sum.overdue);
	}
}

/* units/index.html. deps: the registry, each plan's model (its title)
 * and latest merged document. */
static int
render_units_index(struct site *s, const struct site_page *pg,
    struct buf *out, struct diag_list *dl)
{
	xmlDoc *units = site_doc(s, UNITS_XML, dl);
	if (!units)
		return 0;
	xmlNode *root;
	xmlDoc *in = sd_page_doc("units-index", &root);
	for (size_t i = 0; i < site_plan_count(s); i++) {
		xmlNode *p = sd_add_elem(root, "plan");
		sd_set_attr(p, "id", site_plan_id(s, i));
		sd_set_attr(p, "xml", site_plan_xml(s, i));
	}
	for (xmlNode *u = sd_child(xmlDocGetRootElement(units), "unit"); u;
	    u = sd_next(u, "unit")) {
		const char *id = sd_attr(u, "id");
		if (id && fs_valid_id(id))
			add_unit(s, root, u, dl);
	}
	int ok = site_xslt_page(s, "units.xsl", in, pg, NULL, out, dl);
	xmlFreeDoc(in);
	return ok;
}

void
site_units_pages(struct site *s, struct site_pages *ps)
{
	if (!sd_exists(s, UNITS_XML))
		return;
	const char *deps[] = { UNITS_XML, NULL };
	struct site_page *pg = site_pages_add(ps, "units/index.html", NULL,
	    render_units_index, deps);
	for (size_t i = 0; i < site_plan_count(s); i++) {
		const char *m = site_plan_latest(s, i);
		site_page_add_dep(pg, site_plan_xml(s, i));
		if (m)
			site_page_add_dep(pg, m);
	}
}
