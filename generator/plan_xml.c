/*
 * plan_xml.c -- struct plan as the canonical task XML (shape documented at
 * the top of plan.rng), and validation against the embedded schema.
 *
 * The document is written with libxml2's xmlTextWriter, which does all the
 * escaping; every string from the plan first passes xml_text_clean(), because
 * plan texts can hold bytes and characters XML 1.0 cannot carry. The bytes
 * written are then parsed back and validated, so what the caller gets is
 * exactly what was checked.
 *
 * Thread safety: `lantian build -j N` writes several plans at once. The
 * schema is parsed once (pthread_once) and only read afterwards; each call
 * has its own writer, parser and validation context, and libxml2's errors
 * go to a per-call sink (the structured error handler is thread-local in
 * libxml2 and is restored before returning), never to stderr.
 */
#include "plan_xml.h"
#include "units.h"
#include "util.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "xmltext.h"

#define PLAN_NS "urn:lantian:plan:1"

extern const unsigned char embed_plan[];
extern const unsigned long embed_plan_len;

/* ---- text cleaning ---------------------------------------------------- */

/* ---- writer helpers ----------------------------------------------------- */

struct xw {
	xmlTextWriterPtr w;
	const struct plan *p;
	int failed;    /* a writer call failed (out of memory) */
};

static void
check(struct xw *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

static void
open_elem(struct xw *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

static void
close_elem(struct xw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

/* An attribute; nothing when value is NULL. */
static void
attr(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	char *c = xml_text_clean(value);
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST c));
	free(c);
}

/* An attribute unless value is NULL or "". */
static void
attr_nonempty(struct xw *x, const char *name, const char *value)
{
	if (value && *value)
		attr(x, name, value);
}

static void
attr_num(struct xw *x, const char *name, size_t n)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%zu", n);
	attr(x, name, tmp);
}

static void
text(struct xw *x, const char *s)
{
	if (!s || !*s)
		return;
	char *c = xml_text_clean(s);
	check(x, xmlTextWriterWriteString(x->w, BAD_CAST c));
	free(c);
}

/* <name>s</name>; nothing when s is NULL. */
static void
text_elem(struct xw *x, const char *name, const char *s)
{
	if (!s)
		return;
	open_elem(x, name);
	text(x, s);
	close_elem(x);
}

/* ---- plan parts ----------------------------------------------------------- */

static const char *const role_names[] = {
	"lead", "cooperating", "responsible", "participating",
};

static void
unit_elem(struct xw *x, const char *role, const char *name)
{
	char *canon = unit_canonical(x->p, name);
	char *id = unit_id(canon);
	open_elem(x, "unit");
	attr(x, "role", role);
	attr(x, "ref", id);
	text(x, name);
	close_elem(x);
	free(id);
	free(canon);
}

/* The four role lists of a task or an assignment, in role order. */
static void
role_units(struct xw *x, const struct strvec *roles[4])
{
	for (size_t r = 0; r < 4; r++)
		for (size_t i = 0; i < roles[r]->n; i++)
			unit_elem(x, role_names[r], roles[r]->v[i]);
}

static void
deadline_elem(struct xw *x, const struct deadline *d)
{
	open_elem(x, "deadline");
	attr_nonempty(x, "date", d->date);
	attr_num(x, "line", d->line);
	text(x, d->raw);
	close_elem(x);
}

static void
target_elem(struct xw *x, const struct target *t)
{
	open_elem(x, "target");
	attr(x, "metric", t->metric);
	attr(x, "op", t->op ? t->op : "");
	attr(x, "value", t->value ? t->value : "");
	attr(x, "value2", t->value2);
	attr_nonempty(x, "unit", t->unit);
	if (t->year > 0)
		attr_num(x, "year", (size_t)t->year);
	attr_num(x, "line", t->line);
	text(x, t->raw);
	close_elem(x);
}

static void
meta_elem(struct xw *x)
{
	const struct plan *p = x->p;
	open_elem(x, "meta");
	text_elem(x, "title", p->title);
	text_elem(x, "place", p->place);
	if (p->level) {
		open_elem(x, "level");
		attr(x, "code", plan_level_code(p->level));
		text(x, p->level);
		close_elem(x);
	}
	text_elem(x, "parent", p->parent);
	if (p->plan_year > 0) {
		char y[16];
		snprintf(y, sizeof y, "%d", p->plan_year);
		text_elem(x, "year", y);
	}
	text_elem(x, "period", p->period);
	text_elem(x, "doc-number", p->doc_number);
	text_elem(x, "issue-date", p->issue_date);
	text_elem(x, "issuer", p->issuer);
	text_elem(x, "draft", p->draft);
	close_elem(x);
}

static void
inherited_elem(struct xw *x)
{
	const struct plan *p = x->p;
	if (!p->responsible_inherited_raw && !p->responsible_inherited.n)
		return;
	open_elem(x, "responsible-inherited");
	text_elem(x, "raw", p->responsible_inherited_raw);
	for (size_t i = 0; i < p->responsible_inherited.n; i++) {
		const char *name = p->responsible_inherited.v[i];
		char *canon = unit_canonical(p, name);
		char *id = unit_id(canon);
		open_elem(x, "unit");
		attr(x, "ref", id);
		text(x, name);
		close_elem(x);
		free(id);
		free(canon);
	}
	close_elem(x);
}

/* One <p> per "\n"-separated paragraph, empty ones included, so the text
 * can be rebuilt exactly. */
static void
text_paragraphs(struct xw *x, const char *s)
{
	open_elem(x, "text");
	while (s) {
		const char *nl = strchr(s, '\n');
		char *para = nl ? xstrndup(s, (size_t)(nl - s)) : xstrdup(s);
		text_elem(x, "p", para);
		free(para);
		s = nl ? nl + 1 : NULL;
	}
	close_elem(x);
}

static void
assignment_elem(struct xw *x, const struct assignment *a)
{
	const struct strvec *roles[4] = {
		&a->lead, &a->cooperating, &a->responsible, &a->participating,
	};
	open_elem(x, "assignment");
	attr_num(x, "line", a->line);
	attr(x, "lead-mode", a->lead_mode);
	text_elem(x, "raw", a->raw ? a->raw : "");
	role_units(x, roles);
	close_elem(x);
}

static void
period_elem(struct xw *x, const char *name, const struct period *d, int is_start)
{
	open_elem(x, name);
	attr_nonempty(x, is_start ? "date" : "start", d->start);
	if (!is_start)
		attr_nonempty(x, "end", d->end);
	attr_num(x, "line", d->line);
	text(x, d->raw);
	close_elem(x);
}

static void
task_elem(struct xw *x, const struct task *t)
{
	const struct strvec *roles[4] = {
		&t->lead, &t->cooperating, &t->responsible, &t->participating,
	};
	char id[32];
	snprintf(id, sizeof id, "t%d", t->ordinal);
	open_elem(x, "task");
	attr(x, "id", id);
	attr(x, "number", t->number ? t->number : "");
	attr_num(x, "ordinal", t->ordinal > 0 ? (size_t)t->ordinal : 0);
	attr_num(x, "line-start", t->line_start);
	attr_num(x, "line-end", t->line_end);
	text_elem(x, "title", t->title);
	if (t->text)
		text_paragraphs(x, t->text);
	if (t->lead.n + t->cooperating.n + t->responsible.n + t->participating.n) {
		open_elem(x, "units");
		role_units(x, roles);
		close_elem(x);
	}
	text_elem(x, "lead-mode", t->lead_mode);
	for (size_t i = 0; i < t->n_assignments; i++)
		assignment_elem(x, &t->assignments[i]);
	for (size_t i = 0; i < t->n_deadlines; i++)
		deadline_elem(x, &t->deadlines[i]);
	for (size_t i = 0; i < t->n_periods; i++)
		period_elem(x, "period", &t->periods[i], 0);
	for (size_t i = 0; i < t->n_starts; i++)
		period_elem(x, "start", &t->starts[i], 1);
	for (size_t i = 0; i < t->n_targets; i++)
		target_elem(x, &t->targets[i]);
	close_elem(x);
}

static void
subsection_elem(struct xw *x, size_t si, size_t j)
{
	const struct subsection *sub = &x->p->sections[si].subs[j];
	open_elem(x, "subsection");
	attr(x, "n", sub->numeral ? sub->numeral : "");
	attr_num(x, "line", sub->line);
	text_elem(x, "title", sub->title);
	for (size_t i = 0; i < x->p->n_tasks; i++) {
		const struct task *t = &x->p->tasks[i];
		if (t->section == (int)si && t->subsection == (int)j)
			task_elem(x, t);
	}
	close_elem(x);
}

/* A section: tasks directly in it and its subsections, merged in source
 * order (a subsection comes before a task that starts on a later line). */
static void
section_elem(struct xw *x, size_t si)
{
	const struct section *s = &x->p->sections[si];
	open_elem(x, "section");
	attr(x, "n", s->numeral ? s->numeral : "");
	attr(x, "kind", section_kind_name(s->kind));
	attr_num(x, "line", s->line);
	text_elem(x, "title", s->title);
	size_t j = 0;
	for (size_t i = 0; i < x->p->n_tasks; i++) {
		const struct task *t = &x->p->tasks[i];
		if (t->section != (int)si || t->subsection >= 0)
			continue;
		while (j < s->n_subs && s->subs[j].line <= t->line_start)
			subsection_elem(x, si, j++);
		task_elem(x, t);
	}
	while (j < s->n_subs)
		subsection_elem(x, si, j++);
	close_elem(x);
}

static void
cells(struct xw *x, const char *name, const struct strvec *sv)
{
	open_elem(x, name);
	for (size_t i = 0; i < sv->n; i++)
		text_elem(x, "cell", sv->v[i]);
	close_elem(x);
}

static void
attachment_elem(struct xw *x, const struct attachment *a)
{
	open_elem(x, "attachment");
	attr(x, "label", a->label ? a->label : "");
	attr(x, "title", a->title);
	attr_num(x, "line", a->line);
	if (a->header.n)
		cells(x, "header", &a->header);
	for (size_t i = 0; i < a->n_rows; i++)
		cells(x, "row", &a->rows[i]);
	close_elem(x);
}

static void
plan_elem(struct xw *x)
{
	const struct plan *p = x->p;
	open_elem(x, "plan");
	attr(x, "xmlns", PLAN_NS);   /* first, for readers of the bytes */
	attr(x, "id", p->id ? p->id : "");
	attr(x, "source", p->source ? p->source : "");
	attr(x, "format", plan_format_name(p->format));
	attr(x, "encoding", p->encoding);
	attr_num(x, "lines", p->n_lines);
	meta_elem(x);
	inherited_elem(x);
	if (p->n_targets) {
		open_elem(x, "targets");
		for (size_t i = 0; i < p->n_targets; i++)
			target_elem(x, &p->targets[i]);
		close_elem(x);
	}
	if (p->n_other_deadlines) {
		open_elem(x, "deadlines");
		for (size_t i = 0; i < p->n_other_deadlines; i++)
			deadline_elem(x, &p->other_deadlines[i]);
		close_elem(x);
	}
	for (size_t i = 0; i < p->n_sections; i++)
		section_elem(x, i);
	for (size_t i = 0; i < p->n_attachments; i++)
		attachment_elem(x, &p->attachments[i]);
	close_elem(x);
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
	xmlBufferPtr mem = xml_buffer_new();
	struct xw x = { .w = xmlNewTextWriterMemory(mem, 0), .p = p };
	if (!x.w) {
		xmlBufferFree(mem);
		return 0;
	}
	check(&x, xmlTextWriterSetIndent(x.w, 1));
	check(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST " "));
	check(&x, xmlTextWriterStartDocument(x.w, "1.0", "UTF-8", NULL));
	plan_elem(&x);
	check(&x, xmlTextWriterEndDocument(x.w));
	xmlFreeTextWriter(x.w);
	if (!x.failed)
		buf_put(out, xmlBufferContent(mem), (size_t)xmlBufferLength(mem));
	xmlBufferFree(mem);
	return !x.failed;
}

/* ---- validation ---------------------------------------------------------- */

static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlRelaxNGPtr schema;
static char schema_error[512];   /* why the embedded schema did not parse */

static void
schema_parse_error(void *data, xmlErrorPtr e)
{
	(void)data;
	if (!schema_error[0] && e && e->message)
		snprintf(schema_error, sizeof schema_error, "%s", e->message);
}

static void
schema_init(void)
{
	xmlInitParser();
	xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
	    (const char *)embed_plan, (int)embed_plan_len);
	if (!pc)
		return;
	xmlRelaxNGSetParserStructuredErrors(pc, schema_parse_error, NULL);
	schema = xmlRelaxNGParse(pc);
	xmlRelaxNGFreeParserCtxt(pc);
}

/* Where libxml2's messages for one call go. */
struct sink {
	struct diag_list *dl;
	const char *name;
	const char *what;   /* "XML 格式错误" or "不符合模式 plan.rng" */
};

static void
sink_error(void *data, xmlErrorPtr e)
{
	struct sink *s = data;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *msg = xstrdup(e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	size_t col = e->domain == XML_FROM_PARSER && e->int2 > 0 ? (size_t)e->int2 : 0;
	diag_add(s->dl, DIAG_ERROR, s->name, e->line > 0 ? (size_t)e->line : 0,
	    col, "%s：%s", s->what, msg);
	free(msg);
}

int
plan_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl)
{
	pthread_once(&schema_once, schema_init);
	if (!schema) {
		diag_add(dl, DIAG_ERROR, name, 0, 0,
		    "内部错误：内置模式 plan.rng 无法解析：%s", schema_error);
		return 0;
	}
	if (len > (size_t)INT_MAX) {
		diag_add(dl, DIAG_ERROR, name, 0, 0, "XML 文件过大");
		return 0;
	}
	struct sink s = { dl, name, "XML 格式错误" };
	/* The structured handler is per thread in libxml2: route parse errors
	 * to this call's sink, and put the previous handler back after. */
	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&s, sink_error);
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE);
	int ok = 0;
	if (doc) {
		s.what = "不符合模式 plan.rng";
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
		if (vc) {
			xmlRelaxNGSetValidStructuredErrors(vc, sink_error, &s);
			ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
			xmlRelaxNGFreeValidCtxt(vc);
		}
		xmlFreeDoc(doc);
	}
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	return ok;
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
