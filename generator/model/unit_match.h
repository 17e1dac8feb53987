/*
 * unit_match.h -- which of a task's units a ledger's 填报单位 names. Staff
 * write a unit's name in several ways: as the plan prints it
 * (县生态环境局), with the place (南召县生态环境局, the registry's canonical
 * name, units.h), or without the administrative prefix (生态环境局). All of
 * them name the same unit; anything else does not.
 *
 * Rule: equal as written; else equal canonical names (unit_canonical);
 * else equal once the place (南召县) or the plan's own level character (县
 * in a county plan; 市生态环境局 there is the city's bureau) is taken off
 * the front of both names.
 */
#ifndef LANTIAN_UNIT_MATCH_H
#define LANTIAN_UNIT_MATCH_H

#include "plan.h"

enum unit_match_kind {
	UNIT_MATCH_NONE,
	UNIT_MATCH_EXACT,
	UNIT_MATCH_VARIANT,  /* the same unit written another way */
};

/* The name task t of plan p gives the unit `unit` names (a string of the
 * task's role lists), or NULL; *kind says how it matched. */
const char *unit_match_task(const struct plan *p, const struct task *t,
    const char *unit, enum unit_match_kind *kind);

/* The units named by task t in any role, into out (borrowed strings). */
void unit_match_task_units(const struct task *t, const char **out,
    size_t *n, size_t cap);

#endif
