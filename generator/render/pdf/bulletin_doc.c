/*
 * bulletin_doc.c -- the bulletin being set (bulletin_doc.h): numbered
 * headings, table and figure captions, markup escaping and the period's
 * words, shared by bulletin.c and the sections.
 */
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "bulletin_doc.h"
#include "util.h"

static const char *const cn_num[] = { "零", "一", "二", "三", "四", "五",
    "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    "十六", "十七", "十八", "十九", "二十" };
#define CN_MAX ((int)(sizeof cn_num / sizeof *cn_num) - 1)

void
bulletin_esc(struct buf *b, const char *s)
{
	char *e = g_markup_escape_text(s ? s : "", -1);
	buf_puts(b, e);
	g_free(e);
}

void
bulletin_date_words(struct buf *b, const char *iso)
{
	int y, m, d;
	char tail;
	if (iso && sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
		buf_printf(b, "%d年%d月%d日", y, m, d);
	else
		bulletin_esc(b, iso);
}

void
bulletin_h1(struct bulletin_ctx *c, const char *text)
{
	c->h1++;
	c->h2 = 0;
	char *s = c->h1 <= CN_MAX ? xasprintf("%s、%s", cn_num[c->h1], text) :
	    xasprintf("%d、%s", c->h1, text);
	char *anchor = xasprintf("s%d", c->h1);
	ts_heading(c->d, 1, s, anchor);
	free(anchor);
	free(s);
}

void
bulletin_h2(struct bulletin_ctx *c, const char *text)
{
	c->h2++;
	char *s = c->h2 <= CN_MAX ? xasprintf("（%s）%s", cn_num[c->h2], text) :
	    xasprintf("（%d）%s", c->h2, text);
	ts_heading(c->d, 2, s, NULL);
	free(s);
}

char *
bulletin_table_caption(struct bulletin_ctx *c, const char *text)
{
	return xasprintf("表%d　%s", ++c->table_no, text);
}

char *
bulletin_figure_caption(struct bulletin_ctx *c, const char *text)
{
	return xasprintf("图%d　%s", ++c->figure_no, text);
}

const char *
bulletin_period_words(const struct bulletin_ctx *c)
{
	return c->ed == BULLETIN_YTD ? "年累计" : "本月";
}
