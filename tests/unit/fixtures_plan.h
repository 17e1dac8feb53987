/*
 * fixtures_plan.h -- plan fixtures shared by the Check suites: the
 * shipped plans parsed as the build parses them, and the pieces of
 * hand-made models (targets, deadlines). Linked into every suite
 * (tests/unit/fixtures_*.c, Makefile).
 */
#ifndef LT_FIXTURES_PLAN_H
#define LT_FIXTURES_PLAN_H

#include <stddef.h>

#include "diag.h"
#include "ledger.h"
#include "plan.h"
#include "plan_meta.h"

/* The plans of plans/, in id order. */
#define FX_N_SHIPPED 5
extern const char *const fx_shipped[FX_N_SHIPPED];

/*
 * plans/<id>/ as the build reads it: its plan.conf (which must load) and
 * the text it names, parsed with that metadata (asserted). *m is zeroed
 * here; the caller frees the plan with plan_free() and *m with
 * plan_meta_free().
 */
struct plan *fx_shipped_plan(const char *id, struct plan_meta *m);

/*
 * The sample ledgers of plans/<id>/ledgers/ read against p (ledger_load_dir):
 * returns what it returns, with *v and *n set and problems in dl. Release
 * them with fx_ledgers_free().
 */
int fx_shipped_ledgers(const char *id, const struct plan *p,
    struct ledger ***v, size_t *n, struct diag_list *dl);
void fx_ledgers_free(struct ledger **v, size_t n);

/* A target of a hand-made model, every string copied (value2 may be NULL). */
struct target fx_target(const char *metric, const char *op, const char *v,
    const char *v2, const char *unit, int year, const char *raw, size_t line);

/* A deadline of a hand-made model: raw copied, date "" for none. */
struct deadline fx_deadline(const char *raw, const char *date, size_t line);

#endif
