/*
 * plan.h -- the in-memory model of one parsed plan (方案): metadata,
 * sections, tasks with their units, deadlines and targets, attachments.
 * Produced by plan_parse() (plan_parse.h), written out by plan_xml.c
 * (the canonical model) and plan_json.c (the export for data users).
 * Everything in it is owned by the struct plan and released by plan_free().
 * All text is UTF-8. Line numbers are 1-based lines of the source file.
 */
#ifndef LANTIAN_PLAN_H
#define LANTIAN_PLAN_H

#include <stddef.h>

#include "util.h"

/* A deadline: raw phrase as printed, normalised date "YYYY-MM-DD" or "" when
 * the text gives no digits (年月底前): never an invented date. */
struct deadline {
	char *raw;
	char date[11];
	size_t line;
};

/* A period (…至…期间) or a start date (自…起): kept apart from deadlines. */
struct period {
	char *raw;
	char start[11];
	char end[11];   /* "" for a start date */
	size_t line;
};

/* A quantified target. op is one of ">=", ">", "<=", "<", "=", "between".
 * value/value2 are decimal strings as printed ("82.5"); value2 only for
 * "between". year 0 = not stated. */
struct target {
	char *metric;
	char *op;
	char *value;
	char *value2;   /* NULL unless op is "between" */
	char *unit;     /* "%", "微克/立方米", "座", … ; "" when none */
	int year;
	char *raw;
	size_t line;
};

/* One responsibility bracket, as printed, with its roles. */
struct assignment {
	char *raw;
	struct strvec lead, cooperating, responsible, participating;
	char *lead_mode;   /* "牵头", "负责", "负责(joint)", "joint(按职责分工负责)", … */
	size_t line;
};

struct task {
	char *number;      /* printed number: "17", or "三.（二）" when items restart */
	int ordinal;       /* 1..n across the plan */
	int section;       /* index into plan.sections */
	int subsection;    /* index into that section's subsections, -1 = none */
	char *title;
	char *text;        /* full text; paragraphs separated by "\n" */
	struct strvec lead, cooperating, responsible, participating;
	char *lead_mode;   /* of the first assignment with a lead; NULL if none */
	struct assignment *assignments;
	size_t n_assignments;
	struct deadline *deadlines;
	size_t n_deadlines;
	struct period *periods;     /* 至…期间 */
	size_t n_periods;
	struct period *starts;      /* 自…起 (end is "") */
	size_t n_starts;
	struct target *targets;
	size_t n_targets;
	size_t line_start, line_end;
};

struct subsection {
	char *numeral;     /* "（一）" (always full-width parentheses) */
	char *title;
	size_t line;
};

enum section_kind {
	SECTION_GENERAL,   /* 总体要求, 指导思想, 基本原则 */
	SECTION_GOALS,     /* 主要目标 */
	SECTION_TASKS,     /* holds tasks */
	SECTION_SAFEGUARD, /* 保障措施, 组织保障 */
	SECTION_OTHER,
};

struct section {
	char *numeral;     /* "一", "二", … */
	char *title;
	enum section_kind kind;
	struct subsection *subs;
	size_t n_subs;
	size_t line;
};

/* 附表/附件: a title and a table of rows (cells as text). */
struct attachment {
	char *label;       /* "附表1" */
	char *title;
	struct strvec header;
	struct strvec *rows;
	size_t n_rows;
	size_t line;
};

enum plan_format {
	PLAN_FORMAT_TEXT,      /* one paragraph per line */
	PLAN_FORMAT_PDFTEXT,   /* hard line breaks at a fixed width */
	PLAN_FORMAT_MARKDOWN,
	PLAN_FORMAT_DOCX,      /* a Word .docx document (read_docx.h) */
	PLAN_FORMAT_PDF,       /* a PDF's text layer (read_pdf.h) */
};

struct plan {
	char *source;      /* path as given */
	char *id;          /* slug, from metadata or the file name */
	enum plan_format format;
	char *encoding;    /* "UTF-8" or "GB18030" (converted) */

	char *title;       /* 《…》 without brackets; NULL if the text has none */
	char *place;       /* 南召县 */
	char *level;       /* "省", "市", "县", "镇" */
	char *parent;      /* the city of a county plan, from metadata; may be NULL */
	int plan_year;
	char *period;      /* "2024—2025"; NULL */
	char *doc_number;  /* 宛政办〔2024〕3号; NULL */
	char *issue_date;  /* YYYY-MM-DD; NULL */
	char *issuer;      /* 南阳市人民政府办公室; NULL */
	char *draft;       /* "征求意见稿"; NULL */

	struct section *sections;
	size_t n_sections;
	struct task *tasks;
	size_t n_tasks;

	struct strvec responsible_inherited;
	char *responsible_inherited_raw;
	struct target *targets;          /* plan-level targets (主要目标) */
	size_t n_targets;
	struct deadline *other_deadlines;  /* outside tasks */
	size_t n_other_deadlines;
	struct attachment *attachments;
	size_t n_attachments;
	size_t n_lines;                  /* lines in the source */
};

void plan_free(struct plan *p);
/* Release what an assignment owns and zero it. */
void assignment_clear(struct assignment *a);

/* English code of a level for the JSON export: "province", "prefecture city",
 * "county", "town"; NULL if unknown. */
const char *plan_level_code(const char *level);
const char *plan_format_name(enum plan_format f);
const char *section_kind_name(enum section_kind k);

#endif
