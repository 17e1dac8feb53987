/*
 * site_kinds.c -- the site's page kinds as a table, one row per kind
 * (mandoc's dispatch tables): site_enumerate() asks each row in this
 * order. A new page kind is one new file and one row here.
 */
#include "site_kinds.h"

const struct site_kind site_kinds[] = {
	{ "core", site_core_pages },         /* home, plans, tasks, units ... */
	{ "air", site_air_pages },           /* air quality per area */
	{ "bulletins", site_bulletin_pages },/* the bulletin archive */
	{ "meta", site_meta_pages },         /* feed, sitemap, 404, about */
	{ "search", site_search_pages },     /* search page and index */
	{ "units",  site_units_pages },      /* units/index.html */
};
const size_t site_n_kinds = sizeof site_kinds / sizeof *site_kinds;
