/*
 * gongwen.c -- see gongwen.h: the front matter, then the document set as
 * GB/T 9704 lays it out: 版头 (red 发文机关标志, 发文字号, red rule), 标题,
 * 主送机关, the body (headings numbered 一、 （一） 1． as the standard's
 * levels), 附件说明, 署名 and 成文日期, 版记 (抄送, 印发机关 and 印发日期
 * between rules).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <pango/pangocairo.h>

#include "bulletin_md.h"
#include "gongwen.h"
#include "pangofonts.h"
#include "typeset.h"
#include "util.h"

/* ---- the front matter ---- */

static const struct {
	const char *zh, *en;
	size_t off;             /* of the char * in struct gw_front; */
	int list;               /* or of the struct gw_list */
} keys[] = {
	{ "版头", "masthead", offsetof(struct gw_front, masthead), 0 },
	{ "发文字号", "number", offsetof(struct gw_front, number), 0 },
	{ "标题", "title", offsetof(struct gw_front, title), 0 },
	{ "主送", "to", offsetof(struct gw_front, to), 0 },
	{ "附件", "attachments", offsetof(struct gw_front, attachments), 1 },
	{ "署名", "issuer", offsetof(struct gw_front, issuer), 0 },
	{ "日期", "date", offsetof(struct gw_front, date), 0 },
	{ "抄送", "cc", offsetof(struct gw_front, cc), 1 },
	{ "印发机关", "printer", offsetof(struct gw_front, printer), 0 },
	{ "印发日期", "printed", offsetof(struct gw_front, printed), 0 },
};
#define NKEYS (sizeof keys / sizeof keys[0])

static void
list_add(struct gw_list *l, const char *s)
{
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n++] = xstrdup(s);
}

void
gw_front_free(struct gw_front *fm)
{
	char **str[] = { &fm->masthead, &fm->number, &fm->title, &fm->to,
	    &fm->issuer, &fm->date, &fm->printer, &fm->printed };
	struct gw_list *lists[] = { &fm->attachments, &fm->cc };

	for (size_t i = 0; i < sizeof str / sizeof str[0]; i++)
		free(*str[i]);
	for (size_t i = 0; i < 2; i++) {
		for (size_t k = 0; k < lists[i]->n; k++)
			free(lists[i]->v[k]);
		free(lists[i]->v);
	}
	memset(fm, 0, sizeof *fm);
}

/* s[0..n) without leading and trailing blanks (ASCII and U+3000). */
static char *
trimmed(const char *s, size_t n)
{
	for (;;) {
		if (n > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			n--;
		} else if (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
			s += 3;
			n -= 3;
		} else {
			break;
		}
	}
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		    s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return xstrndup(s, n);
}

static int
is_fence(const char *line, size_t n)
{
	char *t = trimmed(line, n);
	int r = strcmp(t, "---") == 0;

	free(t);
	return r;
}

/* One "键: 值" or "- 值" line; *cur is the key of the last key line (for
 * list items). Returns 1, or 0 with an error. */
static int
front_line(const char *name, size_t lineno, const char *s, size_t n,
    struct gw_front *fm, int *cur, struct diag_list *dl)
{
	char *t = trimmed(s, n), *key, *val;
	const char *colon;
	size_t klen, vlen;
	int k, ok = 1;

	if (t[0] == '\0' || t[0] == '#') {
		free(t);
		return 1;
	}
	if (t[0] == '-' && (t[1] == ' ' || t[1] == '\0')) {
		if (*cur < 0 || !keys[*cur].list) {
			diag_add(dl, DIAG_ERROR, name, lineno, 0,
			    "“- 值”只能跟在列表键（附件、抄送）之后");
			free(t);
			return 0;
		}
		val = trimmed(t + 1, strlen(t + 1));
		if (strlen(val) > GW_MAX_VALUE) {
			diag_add(dl, DIAG_ERROR, name, lineno, 0,
			    "值超过 %d 字节", GW_MAX_VALUE);
			ok = 0;
		} else if (val[0] != '\0') {
			struct gw_list *l = (struct gw_list *)((char *)fm +
			    keys[*cur].off);
			if (l->n >= GW_MAX_LIST) {
				diag_add(dl, DIAG_ERROR, name, lineno, 0,
				    "列表超过 %d 项", GW_MAX_LIST);
				ok = 0;
			} else {
				list_add(l, val);
			}
		}
		free(val);
		free(t);
		return ok;
	}
	colon = strstr(t, "：");
	klen = strcspn(t, ":");
	if (colon != NULL && (size_t)(colon - t) < klen)
		klen = (size_t)(colon - t);
	if (t[klen] == '\0') {
		diag_add(dl, DIAG_ERROR, name, lineno, 0,
		    "前置信息的行应为“键: 值”或“- 值”，这里是“%s”", t);
		free(t);
		return 0;
	}
	vlen = strlen(t + klen + (t[klen] == ':' ? 1 : 3));
	key = trimmed(t, klen);
	val = trimmed(t + klen + (t[klen] == ':' ? 1 : 3), vlen);
	for (k = 0; k < (int)NKEYS; k++)
		if (strcmp(key, keys[k].zh) == 0 ||
		    g_ascii_strcasecmp(key, keys[k].en) == 0)
			break;
	if (k == (int)NKEYS) {
		diag_add(dl, DIAG_WARNING, name, lineno, 0,
		    "未知的前置信息键“%s”，已忽略（可用：版头、发文字号、标题、主送、"
		    "附件、署名、日期、抄送、印发机关、印发日期）", key);
		*cur = -1;
	} else if (strlen(val) > GW_MAX_VALUE) {
		diag_add(dl, DIAG_ERROR, name, lineno, 0,
		    "“%s”的值超过 %d 字节", key, GW_MAX_VALUE);
		ok = 0;
	} else {
		*cur = k;
		if (keys[k].list) {
			if (val[0] != '\0')
				list_add((struct gw_list *)((char *)fm +
				    keys[k].off), val);
		} else {
			char **dst = (char **)((char *)fm + keys[k].off);
			free(*dst);
			*dst = val[0] != '\0' ? xstrdup(val) : NULL;
		}
	}
	free(key);
	free(val);
	free(t);
	return ok;
}

int
gw_front_parse(const char *name, char *text, size_t len,
    struct gw_front *fm, struct diag_list *dl)
{
	size_t pos, lineno = 1;
	int cur = -1, ok = 1;

	memset(fm, 0, sizeof *fm);
	{
		size_t n = strcspn(text, "\n");
		if (n > len || !is_fence(text, n))
			return 1;
		pos = n < len ? n + 1 : len;
	}
	for (;;) {
		size_t n;

		lineno++;
		if (pos >= len) {
			diag_add(dl, DIAG_ERROR, name, 1, 0,
			    "前置信息以“---”开始，但没有结束的“---”行");
			gw_front_free(fm);
			return 0;
		}
		n = strcspn(text + pos, "\n");
		if (pos + n > len)
			n = len - pos;
		if (is_fence(text + pos, n)) {
			/* blanked, line ends kept: the body parser's line
			 * numbers are the file's */
			for (size_t i = 0; i < pos + n; i++)
				if (text[i] != '\n')
					text[i] = ' ';
			break;
		}
		if (!front_line(name, lineno, text + pos, n, fm, &cur, dl))
			ok = 0;
		pos += n + 1;
	}
	if (!ok)
		gw_front_free(fm);
	return ok;
}

/* ---- the layout ---- */

static const char *const cn_digit[] = { "", "一", "二", "三", "四", "五",
    "六", "七", "八", "九" };

/* 1..99 in Chinese numerals (十一, 二十, 二十一); larger as digits. */
static char *
cn_number(int n)
{
	if (n <= 0 || n > 99)
		return xasprintf("%d", n);
	if (n < 10)
		return xstrdup(cn_digit[n]);
	return xasprintf("%s十%s", n / 10 == 1 ? "" : cn_digit[n / 10],
	    cn_digit[n % 10]);
}

struct gw_ctx {
	struct ts_doc *d;
	int h[3];
};

static void
heading(struct gw_ctx *c, int level, const char *text)
{
	char *num, *s;

	if (level < 1)
		level = 1;
	if (level > 3)
		level = 3;
	c->h[level - 1]++;
	for (int k = level; k < 3; k++)
		c->h[k] = 0;
	num = cn_number(c->h[level - 1]);
	if (level == 1)
		s = xasprintf("%s、%s", num, text);
	else if (level == 2)
		s = xasprintf("（%s）%s", num, text);
	else
		s = xasprintf("%d．%s", c->h[2], text);
	ts_heading(c->d, level, s, NULL);
	free(s);
	free(num);
}

static void
body_table(struct ts_doc *d, const struct bmd_block *b)
{
	struct ts_table *t = ts_table_new(d, b->ncols, NULL, b->col_flags,
	    NULL, TS_TABLE_SMALL);

	ts_table_header(t, (const char *const *)b->cells);
	for (size_t r = 1; r < b->nrows; r++)
		ts_table_row(t, (const char *const *)b->cells + r * b->ncols);
	ts_table_end(t);
}

static void
body(struct gw_ctx *c, const struct bmd_doc *md)
{
	for (size_t i = 0; i < md->n; i++) {
		const struct bmd_block *b = &md->v[i];

		switch (b->kind) {
		case BMD_HEADING:
			heading(c, b->level, b->text);
			break;
		case BMD_PARA:
			ts_para_markup(c->d, b->text, b->flags);
			break;
		case BMD_TABLE:
			body_table(c->d, b);
			break;
		case BMD_SPACE:
			ts_space(c->d, 0.5);
			break;
		}
	}
}

#define GW_RED 0.78, 0, 0

static void
show_text(cairo_t *cr, PangoContext *pc, enum font_role role, double pt,
    const char *text, double y, double w, PangoAlignment al)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pangofonts_desc(role, pt);

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, al);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, 0, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void
rule(cairo_t *cr, double y, double w, double width)
{
	cairo_set_line_width(cr, width);
	cairo_move_to(cr, 0, y);
	cairo_line_to(cr, w, y);
	cairo_stroke(cr);
}

/* The size of the issuing body's mark: 30 pt, smaller for a long name so
 * it stays on one line. */
static double
mark_size(PangoContext *pc, const char *text, double w)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pangofonts_desc(FONT_TITLE, 30);
	int lw;

	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &lw, NULL);
	g_object_unref(l);
	if (lw <= 0 || (double)lw / PANGO_SCALE <= w)
		return 30;
	return 30 * w / ((double)lw / PANGO_SCALE) * 0.98;
}

/* 版头: the issuing body's mark in red 小标宋, the document number
 * centred above the red rule. */
static void
masthead_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	const struct gw_front *fm = ctx;

	cairo_save(cr);
	if (fm->masthead != NULL) {
		cairo_set_source_rgb(cr, GW_RED);
		show_text(cr, pc, FONT_TITLE, mark_size(pc, fm->masthead, w),
		    fm->masthead, 0, w, PANGO_ALIGN_CENTER);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (fm->number != NULL)
		show_text(cr, pc, FONT_BODY, 16, fm->number, h - 30, w,
		    PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(cr, GW_RED);
	rule(cr, h - 4, w, 1.0);
	cairo_restore(cr);
}

/* 版记: 抄送 (between a thick and a thin rule), then 印发机关 left and
 * 印发日期 right, closed by a thick rule; 4号 text, 1 em in. */
struct colophon {
	char *cc;               /* "抄送：…。" or NULL */
	const char *printer, *printed;
	double cc_h;
};

static void
colophon_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	const struct colophon *co = ctx;
	double y = 0, in = 14.0;   /* 1 em of 4号 */

	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	rule(cr, 0.5, w, 1.0);
	if (co->cc != NULL) {
		cairo_save(cr);
		cairo_translate(cr, in, 0);
		show_text(cr, pc, FONT_BODY, 14, co->cc, 4, w - 2 * in,
		    PANGO_ALIGN_LEFT);
		cairo_restore(cr);
		y = co->cc_h;
		rule(cr, y, w, 0.5);
	}
	if (co->printer != NULL || co->printed != NULL) {
		cairo_save(cr);
		cairo_translate(cr, in, 0);
		if (co->printer != NULL)
			show_text(cr, pc, FONT_BODY, 14, co->printer, y + 4,
			    w - 2 * in, PANGO_ALIGN_LEFT);
		if (co->printed != NULL) {
			char *s = xasprintf("%s印发", co->printed);
			show_text(cr, pc, FONT_BODY, 14, s, y + 4, w - 2 * in,
			    PANGO_ALIGN_RIGHT);
			free(s);
		}
		cairo_restore(cr);
	}
	rule(cr, h - 0.5, w, 1.0);
	cairo_restore(cr);
}

static char *
joined(const struct gw_list *l, const char *sep)
{
	struct buf b = { 0 };

	for (size_t i = 0; i < l->n; i++) {
		if (i > 0)
			buf_puts(&b, sep);
		buf_puts(&b, l->v[i]);
	}
	buf_putc(&b, '\0');
	return b.data;
}

static void
attachments(struct ts_doc *d, const struct gw_list *l)
{
	if (l->n == 0)
		return;
	ts_space(d, 1);
	if (l->n == 1) {
		char *s = xasprintf("附件：%s", l->v[0]);
		ts_para(d, s, TS_INDENT);
		free(s);
		return;
	}
	for (size_t i = 0; i < l->n; i++) {
		/* later items under the first: 3 em, the width of "附件：" */
		char *s = xasprintf("%s%zu．%s", i == 0 ? "附件：" :
		    "\xe3\x80\x80\xe3\x80\x80\xe3\x80\x80", i + 1, l->v[i]);
		/* the list on one page */
		ts_para(d, s, i + 1 < l->n ? TS_INDENT | TS_KEEP : TS_INDENT);
		free(s);
	}
}

int
gw_render(const struct fonts *f, const struct gw_front *fm,
    const char *name, const char *text, size_t len,
    const struct gw_meta *meta, struct buf *pdf, struct diag_list *dl)
{
	struct bmd_doc md;
	struct ts_meta tm = { fm->title, fm->issuer, "公文", NULL,
	    meta->creator, meta->date };
	struct gw_ctx c = { 0 };
	struct colophon co = { 0 };
	int pages;

	if (!bulletin_md_parse(name, text, len, &md, dl))
		return 0;
	c.d = ts_doc_new(f, &tm);
	if (fm->masthead != NULL || fm->number != NULL) {
		ts_figure(c.d, 156, fm->number != NULL ? 40 : 28,
		    masthead_draw, fm, NULL);
		ts_space(c.d, 1);
	}
	if (fm->title != NULL) {
		ts_title(c.d, fm->title);
		ts_space(c.d, 1);
	}
	if (fm->to != NULL) {
		char *s = xasprintf("%s：", fm->to);
		ts_para(c.d, s, TS_NOINDENT);
		free(s);
	}
	body(&c, &md);
	attachments(c.d, &fm->attachments);
	if (fm->issuer != NULL || fm->date != NULL) {
		ts_space(c.d, 2);
		if (fm->issuer != NULL)
			ts_para(c.d, fm->issuer,
			    fm->date != NULL ? TS_RIGHT | TS_KEEP : TS_RIGHT);
		if (fm->date != NULL)
			ts_para(c.d, fm->date, TS_RIGHT);
	}
	if (fm->cc.n > 0 || fm->printer != NULL || fm->printed != NULL) {
		double h = 0;

		if (fm->cc.n > 0) {
			char *list = joined(&fm->cc, "，");
			co.cc = xasprintf("抄送：%s。", list);
			free(list);
			/* one 4号 line per 25 characters of the text width */
			co.cc_h = 8 + 20 *
			    (double)((g_utf8_strlen(co.cc, -1) + 24) / 25);
			h += co.cc_h;
		}
		co.printer = fm->printer;
		co.printed = fm->printed;
		if (co.printer != NULL || co.printed != NULL)
			h += 28;
		ts_space(c.d, 1);
		ts_figure(c.d, 156, h * 25.4 / 72, colophon_draw, &co, NULL);
	}
	pages = ts_doc_pdf(c.d, pdf, dl);
	ts_doc_free(c.d);
	free(co.cc);
	bulletin_md_free(&md);
	return pages;
}
