/*
 * site_pool.h -- sites for rendering pages on several threads. A struct
 * site is used by one thread at a time (its document cache and compiled
 * stylesheets are its own), so each worker takes one from the pool,
 * renders a run of pages with it and gives it back. Sites are opened on
 * first need, at most as many as workers ask at once; the first is the
 * caller's (already open, used to list the pages).
 */
#ifndef LANTIAN_SITE_POOL_H
#define LANTIAN_SITE_POOL_H

#include "diag.h"
#include "fonts.h"
#include "site.h"

struct site_pool;

/* A pool over root whose first site is first (owned by the pool from now
 * on, closed by site_pool_free). */
struct site_pool *site_pool_new(const char *root, const struct fonts *f,
    struct site *first);
/* A site for the calling thread (NULL with errors in dl when a new one
 * cannot be opened). Thread-safe. */
struct site *site_pool_take(struct site_pool *p, struct diag_list *dl);
/* Give s back. Thread-safe. */
void site_pool_give(struct site_pool *p, struct site *s);
/* Close every site. */
void site_pool_free(struct site_pool *p);

#endif
