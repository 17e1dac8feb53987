/*
 * site_meta.h -- helpers of site_meta.c (feed, sitemap, 404, about, data
 * downloads) visible for its tests. The page kind itself is declared in
 * site_kinds.h. Include from site_meta.c and tests.
 */
#ifndef LANTIAN_SITE_META_H
#define LANTIAN_SITE_META_H

#include "buf.h"

/* The base URL of templates/site/site.conf text conf (a line
 * `base-url = https://…`) into out, with a trailing "/". Returns 1 when
 * found, 0 when the file says nothing, -1 when the value is not an
 * http(s) URL made of safe characters (out then holds it, unused). */
int site_meta_base_url(const char *conf, struct buf *out);

#endif
