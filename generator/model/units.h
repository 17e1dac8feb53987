/*
 * units.h -- the unit registry: one id per normalised unit name across all
 * plans of a publication (the site has a page per unit).
 *
 * A unit's canonical name qualifies the administrative prefix with the
 * plan's place: in a county plan of 南召县, "县生态环境局" is
 * "南召县生态环境局"; full organisation names stay as printed. The id is
 * derived from the canonical name only, so it is stable when plans are
 * added or removed.
 */
#ifndef LANTIAN_UNITS_H
#define LANTIAN_UNITS_H

#include "buf.h"
#include "plan.h"

struct unit_registry;

struct unit_registry *units_new(void);
void units_free(struct unit_registry *r);
/* Register every unit named by p's tasks (all roles) and inherited units. */
void units_add_plan(struct unit_registry *r, const struct plan *p);
/* Canonical name of unit `name` as printed in plan p; caller frees. */
char *unit_canonical(const struct plan *p, const char *name);
/* Stable id of a canonical name: "u" + 12 hex digits; caller frees. */
char *unit_id(const char *canonical);
/* The registry as XML (validated by the caller if wanted) and as JSON,
 * units sorted by id, each with the plans and tasks that name it by role. */
void units_write_xml(const struct unit_registry *r, struct buf *out);
void units_write_json(const struct unit_registry *r, struct buf *out);

#endif
