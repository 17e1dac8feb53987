/* plan_parse.c -- PLACEHOLDER */
#include "plan_parse.h"
#include "textload.h"
#include <stdlib.h>
struct plan *plan_parse(const char *path, const char *data, size_t len, const struct plan_meta *meta, struct diag_list *dl)
{ (void)data; (void)len; (void)meta; (void)dl; struct plan *p = xcalloc(1, sizeof *p); p->source = xstrdup(path); return p; }
struct plan *plan_parse_file(const char *path, const struct plan_meta *meta, struct diag_list *dl)
{
	struct buf b = {0};
	if (!file_read_all(path, 0, &b, dl)) return NULL;
	struct plan *p = plan_parse(path, b.data, b.len, meta, dl);
	buf_free(&b);
	return p;
}
