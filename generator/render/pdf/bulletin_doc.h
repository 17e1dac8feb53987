/*
 * bulletin_doc.h -- the bulletin being set, shared by bulletin.c and the
 * sections (bulletin_air.c, bulletin_tasks.c); not for other modules. A
 * struct bulletin_ctx carries the document being built, the inputs read
 * by bulletin_model.c and the chart data, which must stay alive until
 * ts_doc_pdf() has drawn the figures. The helpers are in bulletin_doc.c.
 * Sections register as rows of bulletin_sections[] (bulletin_sections.c):
 * bulletin.c asks the rows of each part in order and names none.
 */
#ifndef LANTIAN_BULLETIN_DOC_H
#define LANTIAN_BULLETIN_DOC_H

#include "bulletin_model.h"
#include "buf.h"
#include "chart.h"
#include "typeset.h"

/* Colours of the official document: the red of the masthead and of
 * names in the overdue list, the orange of "at risk". */
#define BULLETIN_RED "#c00000"
#define BULLETIN_AMBER "#b45f06"

struct bulletin_ctx {
	struct ts_doc *d;
	const struct bm_merged *m;
	const struct bm_rankings *rk;  /* NULL when absent */
	const struct bm_index *ix;     /* NULL when absent */
	enum bulletin_edition ed;
	const struct bulletin_input *in;
	int h1, h2;                    /* last heading numbers used */
	int table_no, figure_no;
	/* chart data, alive until the PDF is written */
	struct chart_day days[31];
	struct chart_calendar cal;
	struct chart_trend trend;
	struct chart_bar bars[6];
	struct chart_exceed exceed;
};

/* Narrow the rankings to the plan's own area and its peers (plan.conf
 * `peers`) and count the places again. Returns 0 when the bulletin should
 * print no ranking: a 县/区/镇/乡 plan without peers. */
int bulletin_peers_apply(struct bm_rankings *rk, const char *own,
    const char *level, const char *const *peers, size_t n);

/* Numbered headings: "一、text" / "（一）text" (level 2 restarts after
 * each level 1). */
void bulletin_h1(struct bulletin_ctx *c, const char *text);
void bulletin_h2(struct bulletin_ctx *c, const char *text);
/* "表N " / "图N " prefixed caption; caller frees. */
char *bulletin_table_caption(struct bulletin_ctx *c, const char *text);
char *bulletin_figure_caption(struct bulletin_ctx *c, const char *text);
/* Pango markup escape into a buffer. */
void bulletin_esc(struct buf *b, const char *s);
/* A document date "2024-09-30" as the text writes it, "2024年9月30日"
 * (escaped as is when it is not such a date). */
void bulletin_date_words(struct buf *b, const char *iso);
/* The period's words: "8月" or "1—8月". */
const char *bulletin_period_words(const struct bulletin_ctx *c);

/* Where a section goes: the body (after the title block, before the
 * commentary) or the attachment (附件, after the signature). */
enum bulletin_part { BULLETIN_BODY, BULLETIN_ATTACHMENT };

/* A section of the bulletin: set adds its headings, text, tables and
 * figures to c->d. */
struct bulletin_section {
	const char *name;
	enum bulletin_part part;
	void (*set)(struct bulletin_ctx *c);
};
/* The sections, in document order within each part (bulletin_sections.c). */
extern const struct bulletin_section bulletin_sections[];
extern const size_t bulletin_n_sections;

#endif
