/*
 * fslink.c -- atomic hard links with a copy as fallback (fslink.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fslink.h"
#include "fsutil.h"
#include "util.h"

/* A temp name in path's folder that no other writer uses: the pattern of
 * fs_write_atomic(), so a killed build's leftovers are found and removed
 * the same way. */
static char *
temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *tmp = slash ?
	    xasprintf("%.*s/.%s.tmpXXXXXX", (int)(slash - path), path,
	    slash + 1) : xasprintf(".%s.tmpXXXXXX", path);
	/* mkstemp reserves the name; link() needs it absent, so the file
	 * is removed again and the name reused at once. */
	int fd = mkstemp(tmp);
	if (fd < 0) {
		free(tmp);
		return NULL;
	}
	close(fd);
	unlink(tmp);
	return tmp;
}

static int
copy_file(const char *src, const char *path)
{
	struct buf b = { 0 };
	int rc = fs_read_file(src, &b);
	if (rc == 0)
		rc = fs_write_atomic(path, b.data ? b.data : "", b.len);
	int saved = errno;
	buf_free(&b);
	errno = saved;
	return rc;
}

int
fs_link_atomic(const char *src, const char *path, int *linked)
{
	if (linked)
		*linked = 0;
	char *tmp = temp_name(path);
	if (!tmp)
		return -1;
	if (link(src, tmp) != 0) {
		int e = errno;
		free(tmp);
		if (e == EXDEV || e == EPERM || e == EMLINK || e == ENOTSUP ||
		    e == EOPNOTSUPP || e == ENOSYS)
			return copy_file(src, path);
		errno = e;
		return -1;
	}
	int rc = rename(tmp, path);
	int saved = errno;
	/* rename() of a link over another link of the same file does
	 * nothing and leaves tmp: it goes either way. */
	unlink(tmp);
	free(tmp);
	errno = saved;
	if (rc == 0 && linked)
		*linked = 1;
	return rc;
}
