/*
 * plan_json.c -- struct plan as JSON for data users, with the field names
 * of the hand-checked truth files (tests/truth/NAME.truth.json), which
 * tests/score_parser.py compares against.
 *
 * Built with jansson: keys are inserted in a fixed order and dumped with
 * JSON_PRESERVE_ORDER and a 1-space indent, so the output is byte-for-byte
 * deterministic. Strings are UTF-8 as printed (invalid bytes become U+FFFD;
 * jansson escapes quotes, backslashes and control characters). Absent
 * values are null, empty lists [].
 *
 * Target values are the decimal strings of the model written as JSON
 * numbers: integers through json_integer ("95" -> 95), other decimals
 * through json_real dumped with JSON_REAL_PRECISION(15). A decimal of at
 * most 15 significant digits survives string -> double -> "%.15g" unchanged
 * (DBL_DIG is 15), so "0.3" is written 0.3, never 0.29999999999999999;
 * longer ones are rounded to 15 digits. A value that is not a decimal is
 * null (raw still has the text).
 */
#include "plan_json.h"
#include "jsonutil.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

/* A date "YYYY-MM-DD", or null for "" (the text gave no digits). */
static json_t *
jdate(const char *d)
{
	return d && *d ? json_text(d) : json_null();
}

static json_t *
jint_or_null(long long v)
{
	return v ? json_integer((json_int_t)v) : json_null();
}

static json_t *
jstrvec(const struct strvec *sv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < sv->n; i++)
		json_array_append_new(a, json_text(sv->v[i]));
	return a;
}

/* Is s a plain decimal: optional sign, digits, optional '.' and digits? */
static int
is_decimal(const char *s)
{
	size_t digits = 0;
	if (*s == '-' || *s == '+')
		s++;
	for (; isdigit((unsigned char)*s); s++)
		digits++;
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++)
			digits++;
	return digits > 0 && *s == '\0';
}

/* A decimal string as a JSON number (see the top of the file). */
static json_t *
jdecimal(const char *s)
{
	if (!s || !is_decimal(s))
		return json_null();
	const char *dot = strchr(s, '.');
	int integral = 1;
	for (const char *q = dot ? dot + 1 : ""; *q; q++)
		if (*q != '0')
			integral = 0;
	if (integral) {
		errno = 0;
		long long v = strtoll(s, NULL, 10);   /* stops at the '.' */
		if (errno != ERANGE)
			return json_integer((json_int_t)v);
	}
	return json_real(strtod(s, NULL));
}

static json_t *
target_json(const struct target *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "metric", json_text(t->metric));
	json_object_set_new(o, "op", json_text(t->op));
	json_t *value;
	if (t->op && !strcmp(t->op, "between")) {
		value = json_array();
		json_array_append_new(value, jdecimal(t->value));
		json_array_append_new(value, jdecimal(t->value2));
	} else {
		value = jdecimal(t->value);
	}
	json_object_set_new(o, "value", value);
	json_object_set_new(o, "unit", json_text(t->unit));
	json_object_set_new(o, "year", jint_or_null(t->year));
	json_object_set_new(o, "raw", json_text(t->raw));
	return o;
}

static json_t *
targets_json(const struct target *t, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, target_json(&t[i]));
	return a;
}

static json_t *
deadlines_json(const struct deadline *d, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "raw", json_text(d[i].raw));
		json_object_set_new(o, "date", jdate(d[i].date));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
periods_json(const struct period *d, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "raw", json_text(d[i].raw));
		json_object_set_new(o, "start", jdate(d[i].start));
		json_object_set_new(o, "end", jdate(d[i].end));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
starts_json(const struct period *d, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_object_set_new(o, "raw", json_text(d[i].raw));
		json_object_set_new(o, "date", jdate(d[i].start));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *
assignment_json(const struct assignment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "raw", json_text(a->raw));
	json_object_set_new(o, "lead", jstrvec(&a->lead));
	json_object_set_new(o, "cooperating", jstrvec(&a->cooperating));
	json_object_set_new(o, "responsible", jstrvec(&a->responsible));
	json_object_set_new(o, "participating", jstrvec(&a->participating));
	json_object_set_new(o, "lead_mode", json_text(a->lead_mode));
	json_object_set_new(o, "line", json_integer((json_int_t)a->line));
	return o;
}

/* [section numeral] or [section numeral, subsection numeral]. */
static json_t *
path_json(const struct plan *p, const struct task *t)
{
	json_t *a = json_array();
	if (t->section < 0 || (size_t)t->section >= p->n_sections)
		return a;
	const struct section *s = &p->sections[t->section];
	json_array_append_new(a, json_text(s->numeral));
	if (t->subsection >= 0 && (size_t)t->subsection < s->n_subs)
		json_array_append_new(a, json_text(s->subs[t->subsection].numeral));
	return a;
}

static json_t *
task_json(const struct plan *p, const struct task *t)
{
	json_t *o = json_object();
	json_object_set_new(o, "number", json_text(t->number));
	json_object_set_new(o, "ordinal", json_integer(t->ordinal));
	json_object_set_new(o, "path", path_json(p, t));
	json_object_set_new(o, "title", json_text(t->title));
	json_object_set_new(o, "lead", jstrvec(&t->lead));
	json_object_set_new(o, "lead_mode", json_text(t->lead_mode));
	json_object_set_new(o, "cooperating", jstrvec(&t->cooperating));
	json_object_set_new(o, "responsible", jstrvec(&t->responsible));
	json_object_set_new(o, "participating", jstrvec(&t->participating));
	json_object_set_new(o, "deadlines", deadlines_json(t->deadlines, t->n_deadlines));
	json_object_set_new(o, "periods", periods_json(t->periods, t->n_periods));
	json_object_set_new(o, "starts", starts_json(t->starts, t->n_starts));
	json_object_set_new(o, "targets", targets_json(t->targets, t->n_targets));
	json_object_set_new(o, "raw_parenthetical", t->n_assignments ?
	    json_text(t->assignments[t->n_assignments - 1].raw) : json_null());
	json_t *as = json_array();
	for (size_t i = 0; i < t->n_assignments; i++)
		json_array_append_new(as, assignment_json(&t->assignments[i]));
	json_object_set_new(o, "assignments", as);
	json_t *lines = json_object();
	json_object_set_new(lines, "start", json_integer((json_int_t)t->line_start));
	json_object_set_new(lines, "end", json_integer((json_int_t)t->line_end));
	json_object_set_new(o, "lines", lines);
	json_object_set_new(o, "text", json_text(t->text));
	return o;
}

/* {"count": n, "titles": [...]} of the top-level sections, or (tasks_only)
 * of the subsections of the task sections. */
static json_t *
headings_json(const struct plan *p, int tasks_only)
{
	json_t *titles = json_array();
	for (size_t i = 0; i < p->n_sections; i++) {
		const struct section *s = &p->sections[i];
		if (!tasks_only) {
			json_array_append_new(titles, json_text(s->title));
			continue;
		}
		if (s->kind != SECTION_TASKS)
			continue;
		for (size_t j = 0; j < s->n_subs; j++)
			json_array_append_new(titles, json_text(s->subs[j].title));
	}
	json_t *o = json_object();
	json_object_set_new(o, "count", json_integer((json_int_t)json_array_size(titles)));
	json_object_set_new(o, "titles", titles);
	return o;
}

static json_t *
attachment_json(const struct attachment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "label", json_text(a->label));
	json_object_set_new(o, "title", json_text(a->title));
	json_object_set_new(o, "header", jstrvec(&a->header));
	json_t *rows = json_array();
	for (size_t i = 0; i < a->n_rows; i++)
		json_array_append_new(rows, jstrvec(&a->rows[i]));
	json_object_set_new(o, "rows", rows);
	return o;
}

static const char *
basename_of(const char *path)
{
	if (!path)
		return NULL;
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static json_t *
plan_json(const struct plan *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", json_text(basename_of(p->source)));
	json_object_set_new(o, "id", json_text(p->id));
	json_object_set_new(o, "title", json_text(p->title));
	json_object_set_new(o, "place", json_text(p->place));
	json_object_set_new(o, "level", json_text(plan_level_code(p->level)));
	json_object_set_new(o, "plan_year", jint_or_null(p->plan_year));
	json_object_set_new(o, "plan_period", json_text(p->period));
	json_object_set_new(o, "doc_number", json_text(p->doc_number));
	json_object_set_new(o, "issue_date", json_text(p->issue_date));
	json_object_set_new(o, "issuer", json_text(p->issuer));
	json_object_set_new(o, "draft", json_text(p->draft));
	json_object_set_new(o, "format", json_text(plan_format_name(p->format)));
	json_object_set_new(o, "encoding", json_text(p->encoding));
	json_object_set_new(o, "top_level_sections", headings_json(p, 0));
	json_object_set_new(o, "subsections_in_tasks", headings_json(p, 1));
	json_object_set_new(o, "task_count", json_integer((json_int_t)p->n_tasks));
	json_object_set_new(o, "responsible_inherited", p->responsible_inherited.n ?
	    jstrvec(&p->responsible_inherited) : json_null());
	json_object_set_new(o, "responsible_inherited_raw",
	    json_text(p->responsible_inherited_raw));
	json_object_set_new(o, "plan_targets", targets_json(p->targets, p->n_targets));
	json_object_set_new(o, "deadlines_outside_tasks",
	    deadlines_json(p->other_deadlines, p->n_other_deadlines));
	json_t *att = json_array();
	for (size_t i = 0; i < p->n_attachments; i++)
		json_array_append_new(att, attachment_json(&p->attachments[i]));
	json_object_set_new(o, "attachments", att);
	json_t *tasks = json_array();
	for (size_t i = 0; i < p->n_tasks; i++)
		json_array_append_new(tasks, task_json(p, &p->tasks[i]));
	json_object_set_new(o, "tasks", tasks);
	return o;
}

void
plan_write_json(const struct plan *p, struct buf *out)
{
	json_t *root = plan_json(p);
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(15));
	if (!s)
		abort();   /* out of memory, as in x*alloc() */
	buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
	json_decref(root);
}
