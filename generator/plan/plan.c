/*
 * plan.c -- releasing a struct plan; names of enumerations.
 */
#include "plan.h"

#include <stdlib.h>
#include <string.h>

static void
targets_free(struct target *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].metric);
		free(t[i].op);
		free(t[i].value);
		free(t[i].value2);
		free(t[i].unit);
		free(t[i].raw);
	}
	free(t);
}

static void
deadlines_free(struct deadline *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(d[i].raw);
	free(d);
}

static void
periods_free(struct period *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(d[i].raw);
	free(d);
}

void
assignment_clear(struct assignment *a)
{
	free(a->raw);
	strvec_free(&a->lead);
	strvec_free(&a->cooperating);
	strvec_free(&a->responsible);
	strvec_free(&a->participating);
	free(a->lead_mode);
	memset(a, 0, sizeof *a);
}

static void
task_free(struct task *t)
{
	free(t->number);
	free(t->title);
	free(t->text);
	strvec_free(&t->lead);
	strvec_free(&t->cooperating);
	strvec_free(&t->responsible);
	strvec_free(&t->participating);
	free(t->lead_mode);
	for (size_t i = 0; i < t->n_assignments; i++)
		assignment_clear(&t->assignments[i]);
	free(t->assignments);
	deadlines_free(t->deadlines, t->n_deadlines);
	periods_free(t->periods, t->n_periods);
	periods_free(t->starts, t->n_starts);
	targets_free(t->targets, t->n_targets);
}

void
plan_free(struct plan *p)
{
	if (!p)
		return;
	free(p->source);
	free(p->id);
	free(p->encoding);
	free(p->title);
	free(p->place);
	free(p->level);
	free(p->parent);
	free(p->period);
	free(p->doc_number);
	free(p->issue_date);
	free(p->issuer);
	free(p->draft);
	for (size_t i = 0; i < p->n_sections; i++) {
		struct section *s = &p->sections[i];
		free(s->numeral);
		free(s->title);
		for (size_t j = 0; j < s->n_subs; j++) {
			free(s->subs[j].numeral);
			free(s->subs[j].title);
		}
		free(s->subs);
	}
	free(p->sections);
	for (size_t i = 0; i < p->n_tasks; i++)
		task_free(&p->tasks[i]);
	free(p->tasks);
	strvec_free(&p->responsible_inherited);
	free(p->responsible_inherited_raw);
	targets_free(p->targets, p->n_targets);
	deadlines_free(p->other_deadlines, p->n_other_deadlines);
	for (size_t i = 0; i < p->n_attachments; i++) {
		struct attachment *a = &p->attachments[i];
		free(a->label);
		free(a->title);
		strvec_free(&a->header);
		for (size_t j = 0; j < a->n_rows; j++)
			strvec_free(&a->rows[j]);
		free(a->rows);
	}
	free(p->attachments);
	free(p);
}

const char *
plan_level_code(const char *level)
{
	static const char *const map[][2] = {
		{ "省", "province" }, { "市", "prefecture city" },
		{ "县", "county" }, { "区", "county" }, { "镇", "town" },
		{ "乡", "town" },
	};
	if (!level)
		return NULL;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(level, map[i][0]))
			return map[i][1];
	return NULL;
}

const char *
plan_format_name(enum plan_format f)
{
	switch (f) {
	case PLAN_FORMAT_PDFTEXT:
		return "pdf-text";
	case PLAN_FORMAT_MARKDOWN:
		return "markdown";
	case PLAN_FORMAT_DOCX:
		return "docx";
	case PLAN_FORMAT_PDF:
		return "pdf";
	default:
		return "text";
	}
}

const char *
section_kind_name(enum section_kind k)
{
	switch (k) {
	case SECTION_GENERAL:
		return "general";
	case SECTION_GOALS:
		return "goals";
	case SECTION_TASKS:
		return "tasks";
	case SECTION_SAFEGUARD:
		return "safeguard";
	default:
		return "other";
	}
}
