/*
 * bulletin_int.h -- shared by the parts of the bulletin (bulletin.c,
 * bulletin_air.c, bulletin_tasks.c); not for other modules. A struct
 * bulletin_ctx carries the document being built, the inputs read by
 * bulletin_model.c and the chart data, which must stay alive until
 * ts_doc_pdf() has drawn the figures.
 */
#ifndef LANTIAN_BULLETIN_INT_H
#define LANTIAN_BULLETIN_INT_H

#include "bulletin.h"
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

/* 二 sections: air quality and task progress. */
void bulletin_air(struct bulletin_ctx *c);
void bulletin_tasks(struct bulletin_ctx *c);
/* The attachment (附件) after the signature: every task with its lead
 * units, deadline, state and this month's report. */
void bulletin_appendix(struct bulletin_ctx *c);

#endif
