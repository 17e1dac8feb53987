/*
 * plan_targets.h -- quantified targets in plan text
 * (lantian-plan(5), 量化目标): {metric, op, value, unit, year, raw}.
 *   X达到/不低于/稳定在 N(以上)  -> >=      X低于 N       -> <
 *   X控制在 N 以内/以下, 不高于 -> <=      N%以上的X     -> X比例 >=
 *   X(同比)增长/下降 N          -> >=      建成X N座     -> X >=
 *   X提升 N 至 M 个位次         -> between
 * The year is that of a leading "到2025年，" / "2024年，" of the sentence,
 * else the year given by the caller (the plan year).
 */
#ifndef LANTIAN_PLAN_TARGETS_H
#define LANTIAN_PLAN_TARGETS_H

#include <stddef.h>

#include "plan.h"

/* Append the targets found in text to *v (*n entries, *cap capacity). */
void targets_scan(const char *text, int default_year, size_t line,
    struct target **v, size_t *n, size_t *cap);

#endif
