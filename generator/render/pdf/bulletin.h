/*
 * bulletin.h -- the monthly work bulletin (工作通报) of one plan: from the
 * merged XML of a plan-month, the area ranking, the area index and an
 * optional staff commentary in Markdown to a PDF set by typeset.h.
 *
 * The content follows issue 5 and spec/bulletin.md: an official title
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
