/*
 * unit_match.c -- a ledger's unit name against a task's units (see
 * unit_match.h).
 */
#include "unit_match.h"

#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "util.h"

/* name without the place and the plan's own level character (县 in a
 * county plan: 市生态环境局 there is the city's bureau, another unit). */
static const char *
bare(const struct plan *p, const char *name)
{
	if (p->place && *p->place && str_starts(name, p->place))
		return name + strlen(p->place);
	if (p->level && *p->level && str_starts(name, p->level) &&
	    name[strlen(p->level)])
		return name + strlen(p->level);
	return name;
}

void
unit_match_task_units(const struct task *t, const char **out, size_t *n,
    size_t cap)
{
	const struct strvec *v[] = { &t->lead, &t->responsible,
	    &t->cooperating, &t->participating };
	*n = 0;
	for (size_t k = 0; k < 4; k++)
		for (size_t j = 0; j < v[k]->n && *n < cap; j++)
			out[(*n)++] = v[k]->v[j];
}

const char *
unit_match_task(const struct plan *p, const struct task *t, const char *unit,
    enum unit_match_kind *kind)
{
	const char *names[64];
	size_t n;
	unit_match_task_units(t, names, &n, 64);
	*kind = UNIT_MATCH_NONE;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], unit)) {
			*kind = UNIT_MATCH_EXACT;
			return names[i];
		}
	char *cu = unit_canonical(p, unit);
	const char *bu = bare(p, unit), *hit = NULL;
	for (size_t i = 0; i < n && !hit; i++) {
		char *cn = unit_canonical(p, names[i]);
		if (!strcmp(cn, cu) || !strcmp(bare(p, names[i]), bu))
			hit = names[i];
		free(cn);
	}
	free(cu);
	if (hit)
		*kind = UNIT_MATCH_VARIANT;
	return hit;
}
