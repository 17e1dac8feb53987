/*
 * userfile.h -- the one rule for reading a file a person gave us: plan
 * texts, plan.conf, ledgers, commentary, monitoring data, layouts, the
 * station table, site.conf and pages, the font lock.
 *
 *   - A file of the publication tree (USERFILE_TREE: a path relative to
 *     the working directory, which is the tree's root, or an absolute one
 *     under it) is read only when its real path, every symbolic link
 *     resolved, stays inside the tree. (An absolute path outside the tree
 *     names no file of it and is followed as named.)
 *     A link inside the tree is fine; one that leaves it (plan.txt ->
 *     /etc/passwd) is refused with the file named: a tree is often a
 *     shared folder many people write to, and what the build reads it
 *     may publish. Only regular files are read (no FIFO that would block,
 *     no device).
 *   - A file named on the command line (USERFILE_NAMED) is followed as
 *     named: the person chose it. Pipes are read too.
 *   - The size is taken with fstat() on the opened descriptor before a
 *     byte is read, and the same descriptor is read, never the path again:
 *     a file over the reader's cap is refused at once, and one swapped or
 *     grown between the check and the read cannot pass (the check is of
 *     the file opened, and the read stops at the cap).
 * Errors go to dl in Chinese, naming the file. Thread-safe.
 */
#ifndef LANTIAN_USERFILE_H
#define LANTIAN_USERFILE_H

#include <stddef.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"

#define USERFILE_MAX_BYTES ((size_t)256 << 20)  /* when max is 0 */

enum userfile_scope {
	USERFILE_TREE,   /* inside the publication tree (the cwd) */
	USERFILE_NAMED,  /* named on the command line: followed as named */
};

/*
 * Open path for reading under the rule, its size checked against max
 * (0 = USERFILE_MAX_BYTES). Returns the descriptor (O_CLOEXEC; the caller
 * closes it) with its fstat() in *st, or -1 with an error in dl.
 */
int userfile_open(const char *path, enum userfile_scope scope, size_t max,
    struct stat *st, struct diag_list *dl);

/*
 * Replace out with the whole file (NUL-terminated), read through
 * userfile_open(). Returns 1, or 0 with an error in dl and out empty.
 */
int userfile_read(const char *path, enum userfile_scope scope, size_t max,
    struct buf *out, struct diag_list *dl);

/*
 * Whether the opened descriptor fd (of path) lies inside the tree whose
 * root is the working directory: 1, or 0 with an error in dl. For readers
 * whose library opens the file itself (check first, then hand over fd).
 */
int userfile_in_tree(int fd, const char *path, struct diag_list *dl);

/*
 * The same rule on a name alone, for those that only look at a file
 * (the build hashes its inputs before it reads them): 0 with the error in
 * dl when path resolves out of the tree, 1 otherwise (also when it does
 * not resolve at all: the reader says why). The reading is checked again.
 */
int userfile_path_in_tree(const char *path, struct diag_list *dl);

#endif
