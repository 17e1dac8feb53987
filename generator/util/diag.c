/*
 * diag.c -- recording and printing diagnostics.
 */
#include "diag.h"
#include "buf.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>

void
diag_add(struct diag_list *dl, enum diag_level lv, const char *file,
    size_t line, size_t col, const char *fmt, ...)
{
	size_t max = dl->max ? dl->max : 1000;
	if (dl->n >= max) {
		dl->dropped++;
		return;
	}
	struct buf b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	dl->v = xgrow(dl->v, &dl->cap, dl->n + 1, sizeof *dl->v);
	struct diag *d = &dl->v[dl->n++];
	d->level = lv;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->msg = buf_detach(&b);
}

size_t
diag_count(const struct diag_list *dl, enum diag_level lv)
{
	size_t c = 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == lv)
			c++;
	return c;
}

void
diag_move(struct diag_list *dst, struct diag_list *src)
{
	for (size_t i = 0; i < src->n; i++) {
		dst->v = xgrow(dst->v, &dst->cap, dst->n + 1, sizeof *dst->v);
		dst->v[dst->n++] = src->v[i];
	}
	dst->dropped += src->dropped;
	free(src->v);
	src->v = NULL;
	src->n = src->cap = 0;
	src->dropped = 0;
}

static const char *
level_name(enum diag_level lv)
{
	switch (lv) {
	case DIAG_NOTE:
		return "提示";
	case DIAG_WARNING:
		return "警告";
	default:
		return "错误";
	}
}

void
diag_print(const struct diag_list *dl, FILE *fp)
{
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->v[i];
		if (d->file)
			fprintf(fp, "%s:", d->file);
		if (d->line)
			fprintf(fp, "%zu:", d->line);
		if (d->line && d->col)
			fprintf(fp, "%zu:", d->col);
		fprintf(fp, "%s%s: %s\n", d->file || d->line ? " " : "",
		    level_name(d->level), d->msg);
	}
	if (dl->dropped)
		fprintf(fp, "（另有 %zu 条诊断信息未显示）\n", dl->dropped);
}

void
diag_free(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->v[i].file);
		free(dl->v[i].msg);
	}
	free(dl->v);
	dl->v = NULL;
	dl->n = dl->cap = 0;
	dl->dropped = 0;
}
