/*
 * fsutil.h -- file-system helpers for the build: atomic writes (temp file
 * plus rename in the same directory), durable ones (plus fsync of the file
 * and its folder), mkdir -p, reading a whole file, and the checks that
 * keep paths derived from data inside their tree.
 * Functions return 0 on success and -1 with errno set on failure; nothing
 * here prints. Include from the build modules and plan_meta.c.
 */
#ifndef LANTIAN_FSUTIL_H
#define LANTIAN_FSUTIL_H

#include <stddef.h>

#include "buf.h"

/* Create dir and its missing parents (mode 0777 & ~umask). An existing
 * directory is success. */
int fs_mkdir_p(const char *dir);

/* Replace path with data[0..len): write a temp file in path's directory,
 * then rename it over path, so readers see the old or the new content,
 * never a part. On failure the temp file is removed and path is untouched.
 * The file gets mode 0666 & ~umask, as an ordinary create would. */
int fs_write_atomic(const char *path, const void *data, size_t len);

/* The same, and durable: the file is synced (fsync) before the rename
 * and its folder after it, so that once this returns 0 the new content
 * survives a power loss or an OS crash, not only a killed process. For
 * what must not be lost (the build state, the issued bulletins): a sync
 * costs milliseconds on a disk. On a failed folder sync -1 is returned
 * with the new file already in place. */
int fs_write_durable(const char *path, const void *data, size_t len);

/* The same as fs_write_durable, but never replaces: when path exists
 * (or appears meanwhile) it fails with errno EEXIST and path is left as
 * it was. For the issued bulletins, which are never rewritten. */
int fs_write_durable_new(const char *path, const void *data, size_t len);

/* Append the whole of path to out (out->data is NUL-terminated). */
int fs_read_file(const char *path, struct buf *out);

/* 1 if id matches [a-z0-9][a-z0-9-]{0,63}: safe as a file name. */
int fs_valid_id(const char *id);

/* 1 if rel is a non-empty relative path with no "." or ".." component, no
 * empty component (//) and no control characters: it cannot leave the
 * directory it is resolved against. */
int fs_safe_relpath(const char *rel);

#endif
