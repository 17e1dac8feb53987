/*
 * plan_tree.c -- one plan of the tree by id (see plan_tree.h).
 */
#include "plan_tree.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "fsutil.h"
#include "plan_parse.h"
#include "util.h"

int
plan_tree_load(const char *id, int with_ledgers, struct plan_tree *t,
    struct diag_list *dl)
{
	t->id = xstrdup(id);
	if (!fs_valid_id(id)) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "“%s”不是方案编号（plans/ 下的目录名，如 nanzhao-2024）",
		    id);
		return 0;
	}
	t->dir = xasprintf("plans/%s", id);
	char *conf = xasprintf("%s/plan.conf", t->dir);
	int ok = plan_meta_load(conf, id, &t->meta, dl);
	free(conf);
	if (!ok)
		return 0;
	char *text = xasprintf("%s/%s", t->dir, t->meta.source ?
	    t->meta.source : "plan.txt");
	struct buf raw = {0};
	t->plan = plan_parse_tree_file(text, &t->meta, &raw, dl);
	buf_free(&raw);
	free(text);
	if (!t->plan)
		return 0;
	if (with_ledgers) {
		char *ld = xasprintf("%s/ledgers", t->dir);
		ok = ledger_load_dir(ld, t->plan, &t->ledgers, &t->n_ledgers,
		    dl);
		free(ld);
	}
	return ok;
}

void
plan_tree_free(struct plan_tree *t)
{
	for (size_t i = 0; i < t->n_ledgers; i++)
		ledger_free(t->ledgers[i]);
	free(t->ledgers);
	plan_free(t->plan);
	plan_meta_free(&t->meta);
	free(t->dir);
	free(t->id);
	memset(t, 0, sizeof *t);
}

const char *
plan_tree_title(const struct plan_tree *t)
{
	if (t->plan && t->plan->title)
		return t->plan->title;
	return t->meta.title ? t->meta.title : t->id;
}
