/*
 * fixtures_plan.c -- plan fixtures shared by the Check suites
 * (fixtures_plan.h).
 */
#include "fixtures_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lt_test.h"
#include "plan_parse.h"
#include "util.h"

const char *const fx_shipped[FX_N_SHIPPED] = {
	"boai-2023", "nanyang-2024-2025", "nanzhao-2024", "xiaye-2023",
	"xiping-2025",
};

struct plan *
fx_shipped_plan(const char *id, struct plan_meta *m)
{
	struct diag_list dl = {0};
	char conf[256], txt[256];
	snprintf(conf, sizeof conf, "plans/%s/plan.conf", id);
	memset(m, 0, sizeof *m);
	ck_assert_msg(plan_meta_load(lt_path(conf), id, m, &dl) == 1,
	    "%s: plan.conf does not load", id);
	snprintf(txt, sizeof txt, "plans/%s/%s", id, m->source);
	struct plan *p = plan_parse_file(lt_path(txt), m, &dl);
	ck_assert_msg(p != NULL, "%s: the plan does not parse", id);
	diag_free(&dl);
	return p;
}

int
fx_shipped_ledgers(const char *id, const struct plan *p, struct ledger ***v,
    size_t *n, struct diag_list *dl)
{
	char dir[256];
	snprintf(dir, sizeof dir, "plans/%s/ledgers", id);
	return ledger_load_dir(lt_path(dir), p, v, n, dl);
}

void
fx_ledgers_free(struct ledger **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ledger_free(v[i]);
	free(v);
}

struct target
fx_target(const char *metric, const char *op, const char *v, const char *v2,
    const char *unit, int year, const char *raw, size_t line)
{
	return (struct target){
		.metric = xstrdup(metric), .op = xstrdup(op), .value = xstrdup(v),
		.value2 = v2 ? xstrdup(v2) : NULL, .unit = xstrdup(unit),
		.year = year, .raw = xstrdup(raw), .line = line,
	};
}

struct deadline
fx_deadline(const char *raw, const char *date, size_t line)
{
	struct deadline d = { .raw = xstrdup(raw), .line = line };
	snprintf(d.date, sizeof d.date, "%s", date);
	return d;
}
