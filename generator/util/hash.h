/*
 * hash.h -- content hashes (SHA-256, as 64 lower-case hex digits, via
 * GLib's GChecksum) and the stat cache that saves re-hashing files whose
 * size, mtime and inode have not changed since they were last hashed.
 *
 * The cache is owned by the caller: hash_cache_new() / hash_cache_free().
 * It is not thread-safe; the build uses it from the main thread only.
 */
#ifndef LANTIAN_HASH_H
#define LANTIAN_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_HEX_LEN 64

/* Hash data[0..len) into hex (HASH_HEX_LEN + 1 bytes, NUL-terminated). */
void hash_bytes(const void *data, size_t len, char *hex);

/* What the cache compares to decide a file is unchanged. */
struct file_id {
	int64_t size;
	int64_t mtime_ns;
	uint64_t ino;
};

/* Hash the file at path into hex and fill *id (may be NULL) from the same
 * open file. Returns 0, or -1 with errno set (ENOENT: no such file). */
int hash_file(const char *path, char *hex, struct file_id *id);

/* One cached entry. `trusted` is 0 when the file's mtime was too close to
 * the moment it was hashed: a change within the same timestamp tick would
 * not show in the stat data, so such an entry is always re-hashed. */
struct hash_entry {
	char *path;
	struct file_id id;
	char hex[HASH_HEX_LEN + 1];
	int trusted;
	int used;     /* looked up or stored during this run */
};

struct hash_cache;

struct hash_cache *hash_cache_new(void);
void hash_cache_free(struct hash_cache *c);

/* Record an entry (as read from the state file, or after writing a file
 * whose hash is known). Replaces an existing entry for the same path.
 * Marks it used when `used` is set. */
void hash_cache_put(struct hash_cache *c, const char *path,
    const struct file_id *id, const char *hex, int trusted, int used);

/*
 * The hash of the file at path: from the cache when stat() gives the same
 * size, mtime and inode as a trusted entry, otherwise by reading the file
 * (and updating the cache). Returns 1 with hex filled, 0 when the file does
 * not exist (the entry is dropped), -1 with errno on another error.
 */
int hash_cache_file(struct hash_cache *c, const char *path, char *hex);

/* Like hash_cache_file, but for a file just written with content hash hex:
 * stat it and record it without reading it back. */
int hash_cache_written(struct hash_cache *c, const char *path, const char *hex);

/* 1 if saving the used entries would differ from what was loaded: an entry
 * was added, changed or dropped since creation or the last
 * hash_cache_clear_dirty(), or a stored entry was not used this run. */
int hash_cache_dirty(const struct hash_cache *c);
void hash_cache_clear_dirty(struct hash_cache *c);

/* Number of files actually read and hashed (for tests and statistics). */
size_t hash_cache_reads(const struct hash_cache *c);

/* The used entries sorted by path, for saving. The array is owned by the
 * cache and valid until the next call that changes it. */
const struct hash_entry *const *hash_cache_sorted(struct hash_cache *c,
    size_t *n);

/* Look up an entry without touching the file; NULL if none. */
const struct hash_entry *hash_cache_get(const struct hash_cache *c,
    const char *path);

#endif
