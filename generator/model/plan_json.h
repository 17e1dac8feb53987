/*
 * plan_json.h -- struct plan as JSON, the export for data users, with the
 * field names of the hand-checked truth files (tasks[].number, title, path,
 * lead, lead_mode, cooperating, responsible, deadlines[].raw/date, targets,
 * task_count, top_level_sections, plan_targets, responsible_inherited …).
 */
#ifndef LANTIAN_PLAN_JSON_H
#define LANTIAN_PLAN_JSON_H

#include "buf.h"
#include "plan.h"

/* Append the JSON document for p (UTF-8, 1-space indent, trailing newline). */
void plan_write_json(const struct plan *p, struct buf *out);

#endif
