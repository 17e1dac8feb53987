/*
 * plan_parse.h -- plan text (plain, PDF-extracted or Markdown) to struct plan.
 * The rules are lantian-plan(5), 方案的结构: what a section, a task, a unit,
 * a role, a deadline and a target are. No file is special-cased.
 */
#ifndef LANTIAN_PLAN_PARSE_H
#define LANTIAN_PLAN_PARSE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "plan.h"
#include "plan_meta.h"

/*
 * Parse the plan in data[0..len) (raw file bytes, any supported encoding)
 * read from `path` (used in diagnostics). meta may be NULL; when given, its
 * id, place, level and parent override what the text says.
 * Returns NULL when the input is unusable (empty, binary, undecodable),
 * with an error in dl. A plan with no tasks is returned with an error too.
 * The caller frees the result with plan_free().
 */
struct plan *plan_parse(const char *path, const char *data, size_t len,
    const struct plan_meta *meta, struct diag_list *dl);

/* The same, reading the file first (a file named on the command line). */
struct plan *plan_parse_file(const char *path, const struct plan_meta *meta,
    struct diag_list *dl);

/* The same for a plan of the publication tree, read under the rule of
 * userfile.h (no symlink out of the tree, size checked first); the bytes
 * read are left in raw (replaced), so what was accepted can be kept
 * without reading the file again. */
struct plan *plan_parse_tree_file(const char *path,
    const struct plan_meta *meta, struct buf *raw, struct diag_list *dl);

#endif
