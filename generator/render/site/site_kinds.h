/*
 * site_kinds.h -- the page kinds of the site, one file each, registered
 * as rows of site_kinds[] (site_kinds.c, in this order) and called by
 * site_enumerate() (site.c) through that table. Each appends its pages to
 * out (site_pages_add); none may fail: a kind that cannot make a page
 * records it when the page is rendered. Include from site_kinds.c and the
 * kinds' own files, never from site.c.
 */
#ifndef LANTIAN_SITE_KINDS_H
#define LANTIAN_SITE_KINDS_H

#include "site.h"

/* site_core.c: home, plans, tasks, plan source texts, units, deadlines. */
void site_core_pages(struct site *s, struct site_pages *out);
/* site_air.c: air quality per area. */
void site_air_pages(struct site *s, struct site_pages *out);
/* site_bulletins.c: the bulletin archive, HTML editions and PDFs. */
void site_bulletin_pages(struct site *s, struct site_pages *out);
/* site_meta.c: feed, sitemap, 404, about, data downloads. */
void site_meta_pages(struct site *s, struct site_pages *out);
/* site_search.c: the search page and its offline index. */
void site_search_pages(struct site *s, struct site_pages *out);
/* site_units.c: units/index.html, the units with their tasks, lead,
 * done and overdue counts (issue 16). */
void site_units_pages(struct site *s, struct site_pages *out);

#endif
