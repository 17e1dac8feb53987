/*
 * userfile.c -- reading a user's file under one rule (see userfile.h).
 *
 * How "inside the tree" is decided without a race: the file is opened
 * first, then the real path of the name is resolved (realpath) and must
 * lie under the real path of the working directory, and the file at that
 * real path must be the very file opened (same device and inode). A name
 * that pointed elsewhere when opened and was swapped since fails the last
 * test; the bytes read are always those of the descriptor checked.
 */
#include "userfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Whether real (absolute, resolved) lies under root (the same). */
static int
under(const char *real, const char *root)
{
	size_t n = strlen(root);
	if (n == 1 && root[0] == '/')
		return 1;
	return !strncmp(real, root, n) && real[n] == '/';
}

static void
refuse_outside(const char *path, const char *real, struct diag_list *dl)
{
	diag_add(dl, DIAG_ERROR, path, 0, 0,
	    "是指向发布目录之外的符号链接（实际位置 %s），已拒绝读取："
	    "发布目录中的文件只能链接到目录之内，请把文件复制进来", real);
}

int
userfile_path_in_tree(const char *path, struct diag_list *dl)
{
	char *root = realpath(".", NULL), *real = realpath(path, NULL);
	int named_inside = path[0] != '/' || (root && under(path, root));
	int ok = !named_inside || !root || !real || under(real, root);
	if (!ok)
		refuse_outside(path, real, dl);
	free(root);
	free(real);
	return ok;
}

int
userfile_in_tree(int fd, const char *path, struct diag_list *dl)
{
	char *root = realpath(".", NULL), *real = realpath(path, NULL);
	struct stat fst, rst;
	int ok = 0;
	/* An absolute name outside the tree names no file of the tree (a
	 * program's temporary file, a test's): followed as named. */
	int named_inside = path[0] != '/' || (root && under(path, root));
	if (!named_inside) {
		ok = 1;
	} else if (!root || !real) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法确定文件的实际位置：%s",
		    strerror(errno));
	} else if (!under(real, root)) {
		refuse_outside(path, real, dl);
	} else if (fstat(fd, &fst) != 0 || stat(real, &rst) != 0 ||
	    fst.st_dev != rst.st_dev || fst.st_ino != rst.st_ino) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "文件在读取时被替换，已拒绝读取；请重新运行");
	} else {
		ok = 1;
	}
	free(root);
	free(real);
	return ok;
}

static int
fail_close(int fd)
{
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

int
userfile_open(const char *path, enum userfile_scope scope, size_t max,
    struct stat *st, struct diag_list *dl)
{
	if (!max)
		max = USERFILE_MAX_BYTES;
	/* O_NONBLOCK in the tree: a FIFO there must not hang the build (it
	 * is refused below); a named pipe on the command line is waited
	 * for, as the person asked for it. */
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    (scope == USERFILE_TREE ? O_NONBLOCK : 0);
	int fd = open(path, flags);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法打开文件: %s",
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, st) != 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取文件信息: %s",
		    strerror(errno));
		return fail_close(fd);
	}
	if (S_ISDIR(st->st_mode)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "是目录，不是文件: %s",
		    strerror(EISDIR));
		return fail_close(fd);
	}
	if (scope == USERFILE_TREE) {
		if (!userfile_in_tree(fd, path, dl))
			return fail_close(fd);
		if (!S_ISREG(st->st_mode)) {
			diag_add(dl, DIAG_ERROR, path, 0, 0,
			    "不是普通文件（管道、设备或套接字），已拒绝读取");
			return fail_close(fd);
		}
		int fl = fcntl(fd, F_GETFL);
		if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0) {
			diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取文件: %s",
			    strerror(errno));
			return fail_close(fd);
		}
	}
	/* Regular files are refused before reading; pipes are counted as
	 * read (userfile_read). */
	if (S_ISREG(st->st_mode) && (uintmax_t)st->st_size > max) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "文件过大（%jd 字节，上限 %zu 字节）", (intmax_t)st->st_size,
		    max);
		return fail_close(fd);
	}
	return fd;
}

/* Read fd to its end into out, at most max bytes (a file growing under us
 * or a pipe stops there). */
static int
read_fd(int fd, const char *path, size_t max, struct buf *out,
    struct diag_list *dl)
{
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, 65536);
		size_t room = out->cap - out->len - 1;
		if (room > max + 1 - out->len)
			room = max + 1 - out->len;
		ssize_t n = read(fd, out->data + out->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			diag_add(dl, DIAG_ERROR, path, 0, 0, "读取文件失败: %s",
			    strerror(errno));
			return 0;
		}
		if (n == 0)
			return 1;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (out->len > max) {
			diag_add(dl, DIAG_ERROR, path, 0, 0,
			    "文件过大（超过 %zu 字节的上限）", max);
			return 0;
		}
	}
}

int
userfile_read(const char *path, enum userfile_scope scope, size_t max,
    struct buf *out, struct diag_list *dl)
{
	if (!max)
		max = USERFILE_MAX_BYTES;
	buf_truncate(out, 0);
	struct stat st;
	int fd = userfile_open(path, scope, max, &st, dl);
	if (fd < 0)
		return 0;
	/* One allocation for a regular file of known size. */
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		buf_grow(out, (size_t)st.st_size + 1);
	int ok = read_fd(fd, path, max, out, dl);
	close(fd);
	if (!ok) {
		buf_truncate(out, 0);
		return 0;
	}
	if (!out->data)
		buf_puts(out, "");
	return 1;
}
