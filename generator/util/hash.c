/*
 * hash.c -- SHA-256 content hashes and the stat cache.
 */
#include "hash.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A file modified less than this before it was hashed may change again
 * within the same timestamp tick without its stat data changing (the
 * kernel's file clock is coarse; network file systems are coarser), so
 * its cache entry is not trusted. */
#define RACY_NS INT64_C(1000000000)

struct hash_cache {
	GHashTable *map;          /* path -> struct hash_entry * */
	const struct hash_entry **sorted;
	size_t n_sorted, cap_sorted;
	int dirty;
	size_t reads;
};

void
hash_bytes(const void *data, size_t len, char *hex)
{
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	g_checksum_update(ck, data, (gssize)len);
	memcpy(hex, g_checksum_get_string(ck), HASH_HEX_LEN + 1);
	g_checksum_free(ck);
}

static void
file_id_from_stat(const struct stat *st, struct file_id *id)
{
	id->size = (int64_t)st->st_size;
	id->mtime_ns = (int64_t)st->st_mtim.tv_sec * 1000000000 +
	    st->st_mtim.tv_nsec;
	id->ino = (uint64_t)st->st_ino;
}

int
hash_file(const char *path, char *hex, struct file_id *id)
{
	/* O_NONBLOCK: a FIFO in place of a plan must not hang the build. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	int rc = fstat(fd, &st);
	if (rc != 0 || !S_ISREG(st.st_mode)) {
		int e = rc != 0 ? errno : EISDIR;
		close(fd);
		errno = e;
		return -1;
	}
	GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
	unsigned char tmp[65536];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;
			g_checksum_free(ck);
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		g_checksum_update(ck, tmp, n);
	}
	memcpy(hex, g_checksum_get_string(ck), HASH_HEX_LEN + 1);
	g_checksum_free(ck);
	if (id)
		file_id_from_stat(&st, id);
	close(fd);
	return 0;
}

static void
entry_free(void *p)
{
	struct hash_entry *e = p;
	free(e->path);
	free(e);
}

struct hash_cache *
hash_cache_new(void)
{
	struct hash_cache *c = xcalloc(1, sizeof *c);
	c->map = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    entry_free);
	return c;
}

void
hash_cache_free(struct hash_cache *c)
{
	if (!c)
		return;
	g_hash_table_destroy(c->map);
	free(c->sorted);
	free(c);
}

static struct hash_entry *
entry_get(struct hash_cache *c, const char *path)
{
	struct hash_entry *e = g_hash_table_lookup(c->map, path);
	if (!e) {
		e = xcalloc(1, sizeof *e);
		e->path = xstrdup(path);
		g_hash_table_insert(c->map, e->path, e);
		c->dirty = 1;
	}
	return e;
}

static void
entry_set(struct hash_cache *c, struct hash_entry *e,
    const struct file_id *id, const char *hex, int trusted)
{
	if (memcmp(&e->id, id, sizeof *id) != 0 ||
	    strcmp(e->hex, hex) != 0 || e->trusted != trusted)
		c->dirty = 1;
	e->id = *id;
	memcpy(e->hex, hex, HASH_HEX_LEN + 1);
	e->trusted = trusted;
}

void
hash_cache_put(struct hash_cache *c, const char *path,
    const struct file_id *id, const char *hex, int trusted, int used)
{
	struct hash_entry *e = entry_get(c, path);
	entry_set(c, e, id, hex, trusted);
	if (used)
		e->used = 1;
}

const struct hash_entry *
hash_cache_get(const struct hash_cache *c, const char *path)
{
	return g_hash_table_lookup(c->map, path);
}

static int64_t
now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
entry_drop(struct hash_cache *c, const char *path)
{
	if (g_hash_table_remove(c->map, path))
		c->dirty = 1;
}

int
hash_cache_file(struct hash_cache *c, const char *path, char *hex)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		int e = errno;
		entry_drop(c, path);
		errno = e;
		return e == ENOENT || e == ENOTDIR ? 0 : -1;
	}
	struct file_id id;
	file_id_from_stat(&st, &id);
	struct hash_entry *e = g_hash_table_lookup(c->map, path);
	if (e && e->trusted && memcmp(&e->id, &id, sizeof id) == 0) {
		e->used = 1;
		memcpy(hex, e->hex, HASH_HEX_LEN + 1);
		return 1;
	}
	int64_t start = now_ns();
	if (hash_file(path, hex, &id) != 0) {
		int err = errno;
		entry_drop(c, path);
		errno = err;
		return err == ENOENT ? 0 : -1;
	}
	c->reads++;
	e = entry_get(c, path);
	entry_set(c, e, &id, hex, id.mtime_ns < start - RACY_NS);
	e->used = 1;
	return 1;
}

int
hash_cache_written(struct hash_cache *c, const char *path, const char *hex)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	struct file_id id;
	file_id_from_stat(&st, &id);
	/* Just written: its mtime is now, so the entry is never trusted yet. */
	hash_cache_put(c, path, &id, hex, 0, 1);
	return 0;
}

int
hash_cache_dirty(const struct hash_cache *c)
{
	if (c->dirty)
		return 1;
	/* Entries nobody asked for will not be saved: that is a change too. */
	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, c->map);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!((struct hash_entry *)v)->used)
			return 1;
	return 0;
}

void
hash_cache_clear_dirty(struct hash_cache *c)
{
	c->dirty = 0;
}

size_t
hash_cache_reads(const struct hash_cache *c)
{
	return c->reads;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct hash_entry *const *x = a, *const *y = b;
	return strcmp((*x)->path, (*y)->path);
}

const struct hash_entry *const *
hash_cache_sorted(struct hash_cache *c, size_t *n)
{
	GHashTableIter it;
	gpointer k, v;
	c->n_sorted = 0;
	g_hash_table_iter_init(&it, c->map);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		const struct hash_entry *e = v;
		if (!e->used)
			continue;
		c->sorted = xgrow(c->sorted, &c->cap_sorted, c->n_sorted + 1,
		    sizeof *c->sorted);
		c->sorted[c->n_sorted++] = e;
	}
	if (c->n_sorted)
		qsort(c->sorted, c->n_sorted, sizeof *c->sorted, entry_cmp);
	*n = c->n_sorted;
	return c->sorted;
}
