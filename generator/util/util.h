/*
 * util.h -- allocation wrappers and small string helpers.
 * Every allocation goes through x*alloc(): out of memory aborts here, in
 * one place, so no caller has to handle it (as cmark_mem does).
 * Include from any module.
 */
#ifndef LANTIAN_UTIL_H
#define LANTIAN_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (an array of *cap elements of size sz) to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a newly allocated string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable array of owned strings. */
struct strvec {
	char **v;
	size_t n, cap;
};
void strvec_push(struct strvec *sv, const char *s);
/* Push s unless an equal string is already there; returns 1 if added. */
int strvec_push_unique(struct strvec *sv, const char *s);
int strvec_contains(const struct strvec *sv, const char *s);
void strvec_free(struct strvec *sv);

int str_starts(const char *s, const char *prefix);
int str_ends(const char *s, const char *suffix);

#endif
