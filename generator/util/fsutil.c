/*
 * fsutil.c -- atomic writes, mkdir -p, whole-file reads, path checks.
 */
#include "fsutil.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
fs_mkdir_p(const char *dir)
{
	if (!dir[0]) {
		errno = ENOENT;
		return -1;
	}
	char *p = xstrdup(dir);
	int rc = 0;
	/* Walk the components left to right; EEXIST on a directory is fine. */
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = -1;
			break;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	if (rc == 0) {
		struct stat st;
		if (stat(p, &st) != 0)
			rc = -1;
		else if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			rc = -1;
		}
	}
	int e = errno;
	free(p);
	errno = e;
	return rc;
}

static int
write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static mode_t
current_umask(void)
{
	/* umask() can only be read by setting it; the process is
	 * single-threaded when this first runs, and the value is cached. */
	static int have;
	static mode_t mask;
	if (!have) {
		mask = umask(022);
		umask(mask);
		have = 1;
	}
	return mask;
}

/* fsync the folder holding path, so that a rename into it survives a
 * power loss. File systems that cannot sync a folder (EINVAL) have
 * nothing to flush. */
static int
sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) :
	    xstrdup(".");
	int fd = open(dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	if (rc != 0 && errno == EINVAL)
		rc = 0;
	int e = errno;
	close(fd);
	errno = e;
	return rc;
}

/* keep: 0 replace path, 1 fail with EEXIST when path exists (link(2)
 * puts the synced temp file in place only if the name is free). */
static int
write_replace(const char *path, const void *data, size_t len, int durable,
    int keep)
{
	/* The temp file sits beside path so rename() stays in one file
	 * system; the leading dot keeps it out of globs. */
	const char *slash = strrchr(path, '/');
	char *tmp = slash ?
	    xasprintf("%.*s/.%s.tmpXXXXXX", (int)(slash - path), path, slash + 1) :
	    xasprintf(".%s.tmpXXXXXX", path);
	mode_t mask = current_umask();
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		errno = e;
		return -1;
	}
	int rc = -1;
	/* Durable: the content reaches the disk before the name does. */
	if (fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, data, len) == 0 &&
	    (!durable || fsync(fd) == 0)) {
		if (close(fd) == 0)
			rc = keep ? link(tmp, path) : rename(tmp, path);
		fd = -1;
	}
	int e = errno;
	if (fd >= 0)
		close(fd);
	if (rc != 0 || keep)
		unlink(tmp);
	free(tmp);
	if (rc == 0 && durable && sync_parent(path) != 0)
		return -1;  /* errno from sync_parent; the new file is in place */
	errno = e;
	return rc;
}

int
fs_write_atomic(const char *path, const void *data, size_t len)
{
	return write_replace(path, data, len, 0, 0);
}

int
fs_write_durable(const char *path, const void *data, size_t len)
{
	return write_replace(path, data, len, 1, 0);
}

int
fs_write_durable_new(const char *path, const void *data, size_t len)
{
	return write_replace(path, data, len, 1, 1);
}

int
fs_read_file(const char *path, struct buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char tmp[65536];
	for (;;) {
		ssize_t n = read(fd, tmp, sizeof tmp);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		buf_put(out, tmp, (size_t)n);
	}
	close(fd);
	if (!out->data)
		buf_puts(out, "");
	return 0;
}

int
fs_valid_id(const char *id)
{
	size_t n = 0;
	for (const char *s = id; *s; s++, n++) {
		int alnum = (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9');
		if (!alnum && (n == 0 || *s != '-'))
			return 0;
	}
	return n >= 1 && n <= 64;
}

int
fs_safe_relpath(const char *rel)
{
	if (!rel[0] || rel[0] == '/')
		return 0;
	const char *s = rel;
	for (;;) {
		size_t n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f ||
			    s[i] == '\\')
				return 0;
		if (!s[n])
			return 1;
		s += n + 1;
	}
}
