/*
 * site_xslt.h -- the site's compiled stylesheets: each templates/site/NAME.xsl
 * is compiled once, on first use, and kept until the cache is freed. The
 * page-rendering entry point is site_xslt_page() in site.h; this header is
 * for site_xslt.c and tests. The cache of a site is made on first use and
 * kept as the site's attachment (site_attachment), so site.c never names it.
 */
#ifndef LANTIAN_SITE_XSLT_H
#define LANTIAN_SITE_XSLT_H

#include "diag.h"

struct site;
struct site_xslt;
typedef struct _xsltStylesheet *site_xsl_ptr;

/* A cache of the stylesheets in dir (copied). Freed by site_xslt_free. */
struct site_xslt *site_xslt_new(const char *dir);
void site_xslt_free(struct site_xslt *x);

/* The compiled stylesheet dir/name (name: [a-z0-9_-]+.xsl), compiled
 * once; owned by the cache. NULL with an error in dl (the first time;
 * a stylesheet that failed is not tried again). */
site_xsl_ptr site_xslt_get(struct site_xslt *x, const char *name,
    struct diag_list *dl);

/* The cache of site s: templates/site/ under its root, made on first use. */
struct site_xslt *site_xslt_cache(struct site *s);

/* The namespace of the lt: extension functions. */
#define SITE_XSLT_NS "urn:lantian:site:1"

#endif
