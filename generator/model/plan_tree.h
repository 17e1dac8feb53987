/*
 * plan_tree.h -- one plan of the publication tree by its id, for the
 * commands that work on one plan (ledger, status): plans/<id>/plan.conf,
 * the plan text it names (read under userfile.h's rule) and the ledgers
 * of plans/<id>/ledgers/. The build reads the same files its own way
 * (build_merge.c, with hashing); this is the plain reading.
 */
#ifndef LANTIAN_PLAN_TREE_H
#define LANTIAN_PLAN_TREE_H

#include <stddef.h>

#include "diag.h"
#include "ledger.h"
#include "plan.h"
#include "plan_meta.h"

struct plan_tree {
	char *id;
	char *dir;              /* plans/<id> */
	struct plan_meta meta;
	struct plan *plan;      /* NULL when the plan could not be read */
	struct ledger **ledgers;
	size_t n_ledgers;
};

/* Read plan `id` (its folder under plans/) into *t (zeroed by the
 * caller). with_ledgers: load the ledgers too. Returns 1, or 0 with the
 * errors in dl. Release *t with plan_tree_free() in both cases. */
int plan_tree_load(const char *id, int with_ledgers, struct plan_tree *t,
    struct diag_list *dl);
void plan_tree_free(struct plan_tree *t);

/* The plan's title for people: the text's title, plan.conf's, or the id. */
const char *plan_tree_title(const struct plan_tree *t);

#endif
