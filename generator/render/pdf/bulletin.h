/*
 * bulletin.h -- the monthly work bulletin (工作通报) of one plan: from the
 * merged XML of a plan-month, the area ranking, the area index and an
 * optional staff commentary in Markdown to a PDF set by typeset.h.
 *
 * The content is that of lantian-air(7), 工作通报: an official title
 * block, air quality against the plan's targets (table with 同比, AQI
 * calendar, trend chart, exceedance days, ranking, data-quality note),
 * task progress (counts, the overdue and due-soon lists, a per-unit
 * table, completions in year-end editions) and the commentary
 * (存在问题、下步工作). Every figure printed is the input XML's own string.
 *
 * The pieces live in bulletin_model.c (reading the XML; struct
 * bulletin_src and the editions are declared there), bulletin_doc.c (the
 * document being set: headings, captions), the sections (bulletin_air.c,
 * bulletin_tasks.c, registered as rows of bulletin_sections[] in
 * bulletin_sections.c) and bulletin_md.c (Markdown); this file's
 * bulletin_render() puts them together without naming any section. Nothing here touches the file
 * system except the fonts; the caller reads the inputs and writes the PDF.
 */
#ifndef LANTIAN_BULLETIN_H
#define LANTIAN_BULLETIN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "bulletin_model.h"
#include "diag.h"
#include "fonts.h"

/* Drawn at the top of every page of a bulletin that is not issued. */
#define BULLETIN_DRAFT_MARK "征求意见稿（未签发）"

struct bulletin_input {
	struct bulletin_src merged;      /* output/merged/<id>/<YYYY-MM>.xml, required */
	struct bulletin_src ranking;     /* output/air/ranking/<YYYY-MM>.xml, optional */
	struct bulletin_src area_index;  /* output/air/<slug>/index.xml, optional */
	struct bulletin_src commentary;  /* plans/<id>/commentary/<YYYY-MM>.md, optional */
	enum bulletin_edition edition;
	const char *issuer;   /* NULL: "<place>大气污染防治攻坚战领导小组办公室" */
	int64_t date;         /* document date: SOURCE_DATE_EPOCH, else (<= 0)
	                         the day after the data's as-of date */
	const char *creator;  /* "lantian 0.1.0" */
	/* Issuing (lantian issue, build_issued.c). issue_no NULL: a draft,
	 * its 期号 left blank and 征求意见稿 marked on every page. */
	const char *issue_no; /* "2024年第3期": an issued edition */
	const char *corrects; /* a 更正 edition: "2024年第3期（2024年9月5日
	                         印发）", the edition it corrects; else NULL */
	/* The 公文 parts (plan.conf, plan_meta.h); NULL or 0: left out or
	 * the default. */
	int number;               /* 期号 in the year; 0: the month */
	int issue_day;            /* 成文日期 on this day of the next month */
	const char *doc_date;     /* 成文日期 "2024-09-05": before all else */
	const char *recipients;   /* 主送机关 */
	const char *cc;           /* 抄送 */
	const char *printer;      /* 印发机关; NULL: the issuer */
	const char *title_form;   /* "关于{期间}…的通报" */
	int seal;                 /* 成文日期 placed for a seal */
	const char *level;        /* the plan's level: 县 plans rank only peers */
	const char *const *peers; /* the areas ranked together; may be NULL */
	size_t npeers;
};

/*
 * Render the bulletin into pdf (appended). Returns the number of pages, or
 * 0 with errors in dl (an input that does not read or validate, a
 * commentary that cannot be set, a typesetting failure). Warnings (e.g. a
 * commentary table cut down) may be recorded on success.
 */
int bulletin_render(const struct fonts *f, const struct bulletin_input *in,
    struct buf *pdf, struct diag_list *dl);

/* `lantian bulletin MERGED.xml [-r RANKING.xml] [-a AREA_INDEX.xml]
 * [-m COMMENTARY.md] [--ytd] -o OUT.pdf` (cmd_bulletin.c). */
int cmd_bulletin(int argc, char **argv);

#endif
