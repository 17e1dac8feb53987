/*
 * site_pool.c -- sites for rendering on several threads (site_pool.h).
 */
#include <pthread.h>
#include <stdlib.h>

#include "site_pool.h"
#include "util.h"

struct site_pool {
	pthread_mutex_t mu;
	char *root;
	const struct fonts *fonts;
	struct site **all;         /* every site opened */
	size_t n_all;
	size_t cap;
	struct site **idle;        /* those given back */
	size_t n_idle;
};

struct site_pool *
site_pool_new(const char *root, const struct fonts *f, struct site *first)
{
	struct site_pool *p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	p->root = xstrdup(root);
	p->fonts = f;
	p->cap = 4;
	p->all = xcalloc(p->cap, sizeof *p->all);
	p->idle = xcalloc(p->cap, sizeof *p->idle);
	if (first) {
		p->all[p->n_all++] = first;
		p->idle[p->n_idle++] = first;
	}
	return p;
}

struct site *
site_pool_take(struct site_pool *p, struct diag_list *dl)
{
	pthread_mutex_lock(&p->mu);
	if (p->n_idle) {
		struct site *s = p->idle[--p->n_idle];
		pthread_mutex_unlock(&p->mu);
		return s;
	}
	pthread_mutex_unlock(&p->mu);
	/* Opened outside the lock: it lists output/ and takes a while. */
	struct site *s = site_open(p->root, p->fonts, dl);
	if (!s)
		return NULL;
	pthread_mutex_lock(&p->mu);
	if (p->n_all == p->cap) {
		size_t cap = p->cap * 2;
		p->all = xrealloc(p->all, cap * sizeof *p->all);
		p->idle = xrealloc(p->idle, cap * sizeof *p->idle);
		p->cap = cap;
	}
	p->all[p->n_all++] = s;
	pthread_mutex_unlock(&p->mu);
	return s;
}

void
site_pool_give(struct site_pool *p, struct site *s)
{
	pthread_mutex_lock(&p->mu);
	p->idle[p->n_idle++] = s;
	pthread_mutex_unlock(&p->mu);
}

void
site_pool_free(struct site_pool *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_all; i++)
		site_close(p->all[i]);
	free(p->all);
	free(p->idle);
	free(p->root);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
