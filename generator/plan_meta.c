/* plan_meta.c -- PLACEHOLDER, replaced by the metadata reader. */
#include "plan_meta.h"
int plan_meta_load(const char *conf_path, const char *default_id, struct plan_meta *m, struct diag_list *dl)
{ (void)conf_path; (void)dl; m->id = xstrdup(default_id); return 1; }
void plan_meta_free(struct plan_meta *m) { (void)m; }
