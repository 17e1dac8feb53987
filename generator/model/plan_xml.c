/*
 * plan_xml.c -- struct plan as the canonical task XML (shape documented at
 * the top of plan.rng), and validation against the embedded schema.
 *
 * The document is written through xmlw.h (libxml2's xmlTextWriter, which
 * does all the escaping; every string from the plan first passes
 * xml_text_clean(), because plan texts can hold bytes and characters XML 1.0
 * cannot carry). The bytes written are then parsed back and validated, so
 * what the caller gets is exactly what was checked.
 *
 * Thread safety: `lantian build -j N` writes several plans at once. Each
 * call has its own writer; validation is thread-safe as xw_validate() is
 * (schema parsed once, errors to a per-call sink, never to stderr).
 */
#include "plan_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "util.h"
#include "xmlw.h"

#define PLAN_NS "urn:lantian:plan:1"

extern const unsigned char embed_plan[];
extern const unsigned long embed_plan_len;

static struct xw_schema schema = XW_SCHEMA_INIT(embed_plan, &embed_plan_len,
    "plan.rng");

/* ---- plan parts ----------------------------------------------------------- */

static const char *const role_names[] = {
	"lead", "cooperating", "responsible", "participating",
};

static void
unit_elem(struct xw *x, const struct plan *p, const char *role,
    const char *name)
{
	char *canon = unit_canonical(p, name);
	char *id = unit_id(canon);
	xw_open(x, "unit");
	xw_attr(x, "role", role);
	xw_attr(x, "ref", id);
	xw_text(x, name);
	xw_close(x);
	free(id);
	free(canon);
}

/* The four role lists of a task or an assignment, in role order. */
static void
role_units(struct xw *x, const struct plan *p,
    const struct strvec *roles[4])
{
	for (size_t r = 0; r < 4; r++)
		for (size_t i = 0; i < roles[r]->n; i++)
			unit_elem(x, p, role_names[r], roles[r]->v[i]);
}

static void
deadline_elem(struct xw *x, const struct deadline *d)
{
	xw_open(x, "deadline");
	xw_attr_nonempty(x, "date", d->date);
	xw_attr_int(x, "line", d->line);
	xw_text(x, d->raw);
	xw_close(x);
}

static void
target_elem(struct xw *x, const struct target *t)
{
	xw_open(x, "target");
	xw_attr(x, "metric", t->metric);
	xw_attr(x, "op", t->op ? t->op : "");
	xw_attr(x, "value", t->value ? t->value : "");
	xw_attr(x, "value2", t->value2);
	xw_attr_nonempty(x, "unit", t->unit);
	if (t->year > 0)
		xw_attr_int(x, "year", t->year);
	xw_attr_int(x, "line", t->line);
	xw_text(x, t->raw);
	xw_close(x);
}

static void
meta_elem(struct xw *x, const struct plan *p)
{
	xw_open(x, "meta");
	xw_text_elem(x, "title", p->title);
	xw_text_elem(x, "place", p->place);
	if (p->level) {
		xw_open(x, "level");
		xw_attr(x, "code", plan_level_code(p->level));
		xw_text(x, p->level);
		xw_close(x);
	}
	xw_text_elem(x, "parent", p->parent);
	if (p->plan_year > 0) {
		char y[16];
		snprintf(y, sizeof y, "%d", p->plan_year);
		xw_text_elem(x, "year", y);
	}
	xw_text_elem(x, "period", p->period);
	xw_text_elem(x, "doc-number", p->doc_number);
	xw_text_elem(x, "issue-date", p->issue_date);
	xw_text_elem(x, "issuer", p->issuer);
	xw_text_elem(x, "draft", p->draft);
	xw_close(x);
}

static void
inherited_elem(struct xw *x, const struct plan *p)
{
	if (!p->responsible_inherited_raw && !p->responsible_inherited.n)
		return;
	xw_open(x, "responsible-inherited");
	xw_text_elem(x, "raw", p->responsible_inherited_raw);
	for (size_t i = 0; i < p->responsible_inherited.n; i++) {
		const char *name = p->responsible_inherited.v[i];
		char *canon = unit_canonical(p, name);
		char *id = unit_id(canon);
		xw_open(x, "unit");
		xw_attr(x, "ref", id);
		xw_text(x, name);
		xw_close(x);
		free(id);
		free(canon);
	}
	xw_close(x);
}

/* One <p> per "\n"-separated paragraph, empty ones included, so the text
 * can be rebuilt exactly. */
static void
text_paragraphs(struct xw *x, const char *s)
{
	xw_open(x, "text");
	while (s) {
		const char *nl = strchr(s, '\n');
		char *para = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		xw_text_elem(x, "p", para);
		free(para);
		s = nl ? nl + 1 : NULL;
	}
	xw_close(x);
}

static void
assignment_elem(struct xw *x, const struct plan *p,
    const struct assignment *a)
{
	const struct strvec *roles[4] = {
		&a->lead, &a->cooperating, &a->responsible, &a->participating,
	};
	xw_open(x, "assignment");
	xw_attr_int(x, "line", a->line);
	xw_attr(x, "lead-mode", a->lead_mode);
	xw_text_elem(x, "raw", a->raw ? a->raw : "");
	role_units(x, p, roles);
	xw_close(x);
}

static void
period_elem(struct xw *x, const char *name, const struct period *d, int is_start)
{
	xw_open(x, name);
	xw_attr_nonempty(x, is_start ? "date" : "start", d->start);
	if (!is_start)
		xw_attr_nonempty(x, "end", d->end);
	xw_attr_int(x, "line", d->line);
	xw_text(x, d->raw);
	xw_close(x);
}

static void
task_elem(struct xw *x, const struct plan *p, const struct task *t)
{
	const struct strvec *roles[4] = {
		&t->lead, &t->cooperating, &t->responsible, &t->participating,
	};
	char id[32];
	snprintf(id, sizeof id, "t%d", t->ordinal);
	xw_open(x, "task");
	xw_attr(x, "id", id);
	xw_attr(x, "number", t->number ? t->number : "");
	xw_attr_int(x, "ordinal", t->ordinal > 0 ? t->ordinal : 0);
	xw_attr_int(x, "line-start", t->line_start);
	xw_attr_int(x, "line-end", t->line_end);
	xw_text_elem(x, "title", t->title);
	if (t->text)
		text_paragraphs(x, t->text);
	if (t->lead.n + t->cooperating.n + t->responsible.n + t->participating.n) {
		xw_open(x, "units");
		role_units(x, p, roles);
		xw_close(x);
	}
	xw_text_elem(x, "lead-mode", t->lead_mode);
	for (size_t i = 0; i < t->n_assignments; i++)
		assignment_elem(x, p, &t->assignments[i]);
	for (size_t i = 0; i < t->n_deadlines; i++)
		deadline_elem(x, &t->deadlines[i]);
	for (size_t i = 0; i < t->n_periods; i++)
		period_elem(x, "period", &t->periods[i], 0);
	for (size_t i = 0; i < t->n_starts; i++)
		period_elem(x, "start", &t->starts[i], 1);
	for (size_t i = 0; i < t->n_targets; i++)
		target_elem(x, &t->targets[i]);
	xw_close(x);
}

static void
subsection_elem(struct xw *x, const struct plan *p, size_t si, size_t j)
{
	const struct subsection *sub = &p->sections[si].subs[j];
	xw_open(x, "subsection");
	xw_attr(x, "n", sub->numeral ? sub->numeral : "");
	xw_attr_int(x, "line", sub->line);
	xw_text_elem(x, "title", sub->title);
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		if (t->section == (int)si && t->subsection == (int)j)
			task_elem(x, p, t);
	}
	xw_close(x);
}

/* A section: tasks directly in it and its subsections, merged in source
 * order (a subsection comes before a task that starts on a later line). */
static void
section_elem(struct xw *x, const struct plan *p, size_t si)
{
	const struct section *s = &p->sections[si];
	xw_open(x, "section");
	xw_attr(x, "n", s->numeral ? s->numeral : "");
	xw_attr(x, "kind", section_kind_name(s->kind));
	xw_attr_int(x, "line", s->line);
	xw_text_elem(x, "title", s->title);
	size_t j = 0;
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		if (t->section != (int)si || t->subsection >= 0)
			continue;
		while (j < s->n_subs && s->subs[j].line <= t->line_start)
			subsection_elem(x, p, si, j++);
		task_elem(x, p, t);
	}
	while (j < s->n_subs)
		subsection_elem(x, p, si, j++);
	xw_close(x);
}

static void
cells(struct xw *x, const char *name, const struct strvec *sv)
{
	xw_open(x, name);
	for (size_t i = 0; i < sv->n; i++)
		xw_text_elem(x, "cell", sv->v[i]);
	xw_close(x);
}

static void
attachment_elem(struct xw *x, const struct attachment *a)
{
	xw_open(x, "attachment");
	xw_attr(x, "label", a->label ? a->label : "");
	xw_attr(x, "title", a->title);
	xw_attr_int(x, "line", a->line);
	if (a->header.n)
		cells(x, "header", &a->header);
	for (size_t i = 0; i < a->n_rows; i++)
		cells(x, "row", &a->rows[i]);
	xw_close(x);
}

static void
plan_elem(struct xw *x, const struct plan *p)
{
	xw_open(x, "plan");
	xw_attr(x, "xmlns", PLAN_NS);   /* first, for readers of the bytes */
	xw_attr(x, "id", p->id ? p->id : "");
	xw_attr(x, "source", p->source ? p->source : "");
	xw_attr(x, "format", plan_format_name(p->format));
	xw_attr(x, "encoding", p->encoding);
	xw_attr_int(x, "lines", p->n_lines);
	meta_elem(x, p);
	inherited_elem(x, p);
	if (p->n_targets) {
		xw_open(x, "targets");
		for (size_t i = 0; i < p->n_targets; i++)
			target_elem(x, &p->targets[i]);
		xw_close(x);
	}
	if (p->n_other_deadlines) {
		xw_open(x, "deadlines");
		for (size_t i = 0; i < p->n_other_deadlines; i++)
			deadline_elem(x, &p->other_deadlines[i]);
		xw_close(x);
	}
	for (size_t i = 0; i < p->n_sections; i++)
		section_elem(x, p, i);
	for (size_t i = 0; i < p->n_attachments; i++)
		attachment_elem(x, &p->attachments[i]);
	xw_close(x);
}

/*
 * Every task must sit in a section (and in one of its subsections or
 * none): a task outside would be lost from the tree, so it is refused,
 * reported at its source line.
 */
static int
tasks_placed(const struct plan *p, struct diag_list *dl)
{
	int ok = 1;
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		if (t->section >= 0 && (size_t)t->section < p->n_sections &&
		    t->subsection >= -1 &&
		    (t->subsection < 0 ||
		    (size_t)t->subsection < p->sections[t->section].n_subs))
			continue;
		diag_add(dl, DIAG_ERROR, p->source, t->line_start, 0,
		    "内部错误：任务 %s 的章节位置无效（section %d, subsection %d）",
		    t->number ? t->number : "?", t->section, t->subsection);
		ok = 0;
	}
	return ok;
}

/* Serialise p into out (UTF-8, 1-space indent). Returns 1 on success. */
static int
serialise(const struct plan *p, struct buf *out)
{
	struct xw x;
	if (!xw_begin(&x))
		return 0;
	plan_elem(&x, p);
	return xw_end(&x, out);
}

int
plan_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl)
{
	return xw_validate(&schema, xml, len, name, dl);
}

int
plan_write_xml(const struct plan *p, struct buf *out, struct diag_list *dl)
{
	char *name = xasprintf("%s.xml", p->id && *p->id ? p->id : "plan");
	struct buf doc = {0};
	int ok = 0;
	if (!tasks_placed(p, dl)) {
		/* reported */
	} else if (!serialise(p, &doc)) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "内部错误：XML 写出失败");
	} else if (plan_xml_validate(doc.data, doc.len, name, dl)) {
		buf_put(out, doc.data, doc.len);
		ok = 1;
	}
	buf_free(&doc);
	free(name);
	return ok;
}
