/*
 * bulletin.c -- bulletin_render(): read the inputs (bulletin_model.c), set
 * the masthead and title block of a 工作通报, the sections of the body
 * (the rows of bulletin_sections[]), the staff commentary (bulletin_md.c),
 * the signature, the sections of the attachment, and write the PDF
 * through typeset.h.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <pango/pangocairo.h>

#include "bulletin.h"
#include "bulletin_doc.h"
#include "bulletin_md.h"
#include "pangofonts.h"
#include "textload.h"
#include "util.h"

/* ---- dates: civil calendar from days since 1970-01-01 (Hinnant) ---- */

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The document date: in.date (seconds, read in China time, UTC+8), else
 * the data's as-of date. Sets *epoch for the PDF metadata. */
static char *
doc_date(const struct bulletin_input *in, const struct bm_merged *m,
    int64_t *epoch)
{
	int y, mo, d;
	char tail;
	if (in->doc_date && sscanf(in->doc_date, "%4d-%2d-%2d%c", &y, &mo, &d,
	    &tail) == 3) {
		*epoch = days_from_civil(y, mo, d) * 86400 - 8 * 3600;
	} else if (in->date > 0) {
		int64_t s = in->date + 8 * 3600;
		civil_from_days(s / 86400 - (s % 86400 < 0), &y, &mo, &d);
		*epoch = in->date;
	} else if (in->issue_day > 0) {
		/* The bureau's day of issue in the month after the data. */
		y = m->year + (m->month == 12);
		mo = m->month % 12 + 1;
		d = in->issue_day;
		*epoch = days_from_civil(y, mo, d) * 86400 - 8 * 3600;
	} else {
		y = m->as_of ? atoi(m->as_of) : m->year;
		mo = m->as_of && strlen(m->as_of) == 10 ? atoi(m->as_of + 5) :
		    m->month;
		d = m->as_of && strlen(m->as_of) == 10 ? atoi(m->as_of + 8) : 1;
		*epoch = days_from_civil(y, mo, d) * 86400 - 8 * 3600;
	}
	return xasprintf("%d年%d月%d日", y, mo, d);
}

/* The 期号 line of the masthead: an issued edition's number (a 更正 says
 * so); a draft's number is left blank until it is issued. */
static char *
issue_line(const struct bulletin_input *in, const struct bm_merged *m)
{
	const char *ytd = in->edition == BULLETIN_YTD ? "（1—" : NULL;
	if (in->issue_no)
		return xasprintf("%s%s", in->issue_no, in->corrects ?
		    "（更正）" : "");
	/* A draft: its 期号 is given when it is issued, blank until then,
	 * unless one is asked for (lantian bulletin --number). */
	char *no = in->number > 0 ? xasprintf("%d", in->number) :
	    xstrdup("　");
	char *line = ytd ? xasprintf("%d年第%s期%s%d月累计）", m->year, no, ytd,
	    m->month) : xasprintf("%d年第%s期", m->year, no);
	free(no);
	return line;
}

/* ---- the masthead (版头): red name, issue number, issuer and date, red
 * rule, drawn as a figure so it sits on the first page as one piece ---- */

struct masthead {
	const char *name, *issue, *issuer, *date;
};

static void
show(cairo_t *cr, PangoContext *pc, enum font_role role, double pt,
    const char *text, double x, double y, double w, PangoAlignment al)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pangofonts_desc(role, pt);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_alignment(l, al);
	pango_layout_set_text(l, text, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void
masthead_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	const struct masthead *mh = ctx;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.78, 0, 0);
	/* The issuing body's name and 工作通报 on one line: 34 pt, smaller
	 * for a long place name (GB/T 9704 leaves the size to the body). */
	long n = g_utf8_strlen(mh->name, -1);
	double pt = n > 0 && w / (double)n < 34 ? w / (double)n : 34;
	show(cr, pc, FONT_TITLE, pt, mh->name, 0, (34 - pt) / 2, w,
	    PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(cr, 0, 0, 0);
	show(cr, pc, FONT_BODY, 16, mh->issue, 0, h - 64, w,
	    PANGO_ALIGN_CENTER);
	show(cr, pc, FONT_BODY, 16, mh->issuer, 0, h - 34, w,
	    PANGO_ALIGN_LEFT);
	show(cr, pc, FONT_BODY, 16, mh->date, 0, h - 34, w, PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(cr, 0.78, 0, 0);
	cairo_set_line_width(cr, 2.2);
	cairo_move_to(cr, 0, h - 6);
	cairo_line_to(cr, w, h - 6);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_move_to(cr, 0, h - 2);
	cairo_line_to(cr, w, h - 2);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void
provenance_notice(struct bulletin_ctx *c)
{
	const struct bm_merged *m = c->m;
	struct buf b = { 0 };
	for (size_t i = 0; i < m->nlabels; i++) {
		const struct bm_label *l = &m->labels[i];
		if (strcmp(l->kind, "stations") == 0)
			continue;
		buf_puts(&b, b.len ? "；" : "【");
		bulletin_esc(&b, l->text);
		buf_puts(&b, strcmp(l->kind, "simulated") == 0 ? "（空气质量）" :
		    "（任务调度台账）");
	}
	if (!b.len)
		return;
	buf_puts(&b, "】");
	char *s = xasprintf("<span foreground=\"" BULLETIN_RED "\"><b>%s</b></span>",
	    b.data);
	ts_para_markup(c->d, s, TS_CENTER | TS_SMALL);
	free(s);
	buf_free(&b);
}

/* ---- the commentary ---- */

static void
commentary_table(struct bulletin_ctx *c, const struct bmd_block *b)
{
	struct ts_table *t = ts_table_new(c->d, b->ncols, NULL, b->col_flags,
	    NULL, TS_TABLE_SMALL);
	ts_table_header(t, (const char *const *)b->cells);
	for (size_t r = 1; r < b->nrows; r++)
		ts_table_row(t, (const char *const *)b->cells + r * b->ncols);
	ts_table_end(t);
}

/* A NUL byte in a file without a UTF-16 byte order mark: report it at
 * file:line:col (text_decode only gives the offset). Returns 1 if found. */
static int
nul_at_line(const char *name, const char *s, size_t len,
    struct diag_list *dl)
{
	if (len >= 2 && (((unsigned char)s[0] == 0xFF &&
	    (unsigned char)s[1] == 0xFE) || ((unsigned char)s[0] == 0xFE &&
	    (unsigned char)s[1] == 0xFF)))
		return 0;
	const char *nul = memchr(s, '\0', len);
	if (!nul)
		return 0;
	size_t line = 1, col = 1;
	for (const char *p = s; p < nul; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			col++;
		}
	}
	diag_add(dl, DIAG_ERROR, name, line, col,
	    "评述文件含有空字符（NUL），不是文本文件；请用文本编辑器另存为 UTF-8 文本");
	return 1;
}

static int
commentary(struct bulletin_ctx *c, const struct bulletin_src *src,
    struct diag_list *dl)
{
	if (!src->data)
		return 1;
	const char *name = src->name ? src->name : "(评述)";
	struct buf text = { 0 };
	const char *enc;
	if (src->len == 0) {
		buf_free(&text);
		return 1;
	}
	if (nul_at_line(name, src->data, src->len, dl) ||
	    !text_decode(name, src->data, src->len, &text, &enc, dl)) {
		buf_free(&text);
		return 0;
	}
	struct bmd_doc md;
	int ok = bulletin_md_parse(name, text.data, text.len, &md, dl);
	buf_free(&text);
	if (!ok)
		return 0;
	if (md.n && md.v[0].kind != BMD_HEADING)
		bulletin_h1(c, "存在问题和下步工作");
	for (size_t i = 0; i < md.n; i++) {
		const struct bmd_block *b = &md.v[i];
		switch (b->kind) {
		case BMD_HEADING:
			if (b->level == 1)
				bulletin_h1(c, b->text);
			else if (b->level == 2)
				bulletin_h2(c, b->text);
			else
				ts_heading(c->d, 3, b->text, NULL);
			break;
		case BMD_PARA:
			ts_para_markup(c->d, b->text, b->flags);
			break;
		case BMD_TABLE:
			commentary_table(c, b);
			break;
		case BMD_SPACE:
			ts_space(c->d, 0.5);
			break;
		}
	}
	bulletin_md_free(&md);
	return 1;
}

/* ---- the whole ---- */

static int
read_optional(const struct bulletin_input *in, struct bm_rankings *rk,
    struct bm_index *ix, int *have_rk, int *have_ix, struct diag_list *dl)
{
	*have_rk = *have_ix = 0;
	if (in->ranking.data) {
		if (!bm_rankings_read(&in->ranking, rk, dl))
			return 0;
		*have_rk = 1;
	}
	if (in->area_index.data) {
		if (!bm_index_read(&in->area_index, ix, dl)) {
			if (*have_rk)
				bm_rankings_free(rk);
			*have_rk = 0;
			return 0;
		}
		*have_ix = 1;
	}
	return 1;
}

/* The period words of the title: "2024年8月" or "2024年1—8月". */
static char *
period_words(const struct bulletin_ctx *c)
{
	return c->ed == BULLETIN_YTD && c->m->month > 1 ?
	    xasprintf("%d年1—%d月", c->m->year, c->m->month) :
	    xasprintf("%d年%d月", c->m->year, c->m->month);
}

/* The title in the 关于……的通报 form, or plan.conf's form with {期间}. */
static char *
doc_title(const struct bulletin_ctx *c)
{
	char *period = period_words(c);
	/* The default breaks between sense units (GB/T 9704: a title's
	 * lines never split a word). */
	const char *form = c->in->title_form ? c->in->title_form :
	    "关于{期间}大气污染防治攻坚战\n工作进展情况的通报";
	struct buf b = { 0 };
	const char *p = form, *q;
	while ((q = strstr(p, "{期间}")) != NULL) {
		buf_put(&b, p, (size_t)(q - p));
		buf_puts(&b, period);
		p = q + strlen("{期间}");
	}
	buf_puts(&b, p);
	free(period);
	char *t = xstrdup(b.data ? b.data : "");
	buf_free(&b);
	return t;
}

static void
title_block(struct bulletin_ctx *c, const char *place, const char *issuer,
    const char *date, const char *title, struct masthead *mh)
{
	const struct bm_merged *m = c->m;
	mh->issuer = issuer;
	mh->date = date;
	ts_figure(c->d, 156, 42, masthead_draw, mh, NULL);
	ts_space(c->d, 1);
	ts_title(c->d, title);
	provenance_notice(c);
	ts_space(c->d, 0.5);
	/* 主送机关: 顶格, ending in a full-width colon. */
	if (c->in->recipients) {
		char *to = xasprintf("%s：", c->in->recipients);
		ts_para(c->d, to, TS_NOINDENT);
		free(to);
	}
	(void)place;
	/* the opening paragraph, as bureaus write it */
	char *open = xasprintf("为推动《%s》各项任务落实，现将%d年%s%d月大气污染"
	    "防治攻坚战工作进展情况通报如下：", m->title ? m->title :
	    "大气污染防治实施方案", m->year, c->ed == BULLETIN_YTD ? "1—" : "",
	    m->month);
	ts_para(c->d, open, TS_INDENT);
	free(open);
}

/* Width in ems of a line of CJK text with half-width digits. */
static double
ems(const char *s)
{
	double w = 0;
	for (const char *p = s; *p; p = g_utf8_next_char(p))
		w += (unsigned char)*p < 0x80 ? 0.5 : 1;
	return w;
}

/* A line starting `lead` ems from the left margin (em and en spaces). */
static void
line_at(struct bulletin_ctx *c, double lead, const char *text, unsigned fl)
{
	struct buf b = { 0 };
	int halves = lead > 0 ? (int)(lead * 2 + 0.5) : 0;
	for (int i = 0; i < halves / 2; i++)
		buf_puts(&b, "\u3000");
	if (halves % 2)
		buf_puts(&b, "\u2002");
	buf_puts(&b, text);
	ts_para(c->d, b.data, TS_NOINDENT | fl);
	buf_free(&b);
}

/* 署名 and 成文日期 (GB/T 9704 7.3.5): without a seal the 署名 is right
 * indented two characters and the date starts two characters right of
 * the 署名's start; with a seal the date is right indented four
 * characters and the 署名 centred over it (the seal covers both). */
static void
signature(struct bulletin_ctx *c, const char *issuer, const char *date)
{
	const double line = 28;
	double ws = ems(issuer), wd = ems(date);
	ts_space(c->d, c->in->seal ? 3 : 2);
	if (!c->in->seal) {
		double start = line - 2 - ws;
		line_at(c, start, issuer, TS_KEEP);
		line_at(c, start + 2, date, 0);
	} else {
		double dstart = line - 4 - wd;
		line_at(c, dstart + (wd - ws) / 2, issuer, TS_KEEP);
		line_at(c, dstart, date, 0);
	}
}

/* ---- the 版记: 抄送, 印发机关 and 印发日期 between rules ---- */

struct colophon {
	const char *cc, *printer, *printed;
};

/* A 4号 line (or lines) one character in from each side; right, when
 * given, is set flush right on the same line. Returns the layout; the
 * caller unrefs it. */
static PangoLayout *
colophon_layout(PangoContext *pc, double w, const char *text,
    PangoAlignment al)
{
	const double pt = 14, in = 14;   /* 4号, one character in */
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pangofonts_desc(FONT_BODY, pt);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)((w - 2 * in) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, al);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double
layout_h(PangoLayout *l)
{
	int h;
	pango_layout_get_size(l, NULL, &h);
	return (double)h / PANGO_SCALE;
}

static void
rule(cairo_t *cr, double w, double y, double mm)
{
	cairo_set_line_width(cr, mm * 72 / 25.4);
	cairo_move_to(cr, 0, y);
	cairo_line_to(cr, w, y);
	cairo_stroke(cr);
}

/* Drawn from the bottom up: the last rule on the last line of the text
 * block, the 印发 line above it, then 抄送 (as many lines as it takes)
 * between rules; the box is as tall as the longest 版记 needs. */
static void
colophon_draw(cairo_t *cr, PangoContext *pc, double w, double h,
    const void *ctx)
{
	const struct colophon *co = ctx;
	const double pad = 4, in = 14;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double y = h;
	rule(cr, w, y, 0.35);
	PangoLayout *l = colophon_layout(pc, w, co->printer, PANGO_ALIGN_LEFT);
	PangoLayout *r = colophon_layout(pc, w, co->printed, PANGO_ALIGN_RIGHT);
	y -= pad + layout_h(l);
	cairo_move_to(cr, in, y);
	pango_cairo_show_layout(cr, l);
	cairo_move_to(cr, in, y);
	pango_cairo_show_layout(cr, r);
	g_object_unref(l);
	g_object_unref(r);
	y -= pad;
	if (co->cc) {
		rule(cr, w, y, 0.25);
		char *s = xasprintf("抄送：%s。", co->cc);
		l = colophon_layout(pc, w, s, PANGO_ALIGN_LEFT);
		free(s);
		y -= pad + layout_h(l);
		cairo_move_to(cr, in, y);
		pango_cairo_show_layout(cr, l);
		g_object_unref(l);
		y -= pad;
	}
	rule(cr, w, y, 0.35);
	cairo_restore(cr);
}

/* Set the sections of one part, in table order. */
static void
sections(struct bulletin_ctx *c, enum bulletin_part part)
{
	for (size_t i = 0; i < bulletin_n_sections; i++)
		if (bulletin_sections[i].part == part)
			bulletin_sections[i].set(c);
}

int
bulletin_render(const struct fonts *f, const struct bulletin_input *in,
    struct buf *pdf, struct diag_list *dl)
{
	struct bm_merged m;
	if (!bm_merged_read(&in->merged, &m, dl))
		return 0;
	struct bm_rankings rk;
	struct bm_index ix;
	int have_rk, have_ix;
	if (!read_optional(in, &rk, &ix, &have_rk, &have_ix, dl)) {
		bm_merged_free(&m);
		return 0;
	}
	const char *place = m.place ? m.place : "";
	char *issuer = in->issuer ? xstrdup(in->issuer) :
	    xasprintf("%s大气污染防治攻坚战领导小组办公室", place);
	int64_t epoch;
	char *date = doc_date(in, &m, &epoch);
	char *title = in->edition == BULLETIN_YTD ?
	    xasprintf("%s大气污染防治攻坚战%d年1—%d月工作通报", place, m.year,
	    m.month) :
	    xasprintf("%s大气污染防治攻坚战%d年%d月工作通报", place, m.year,
	    m.month);
	struct ts_meta meta = { title, issuer, "大气污染防治攻坚战工作通报",
	    "空气质量,重点任务,工作通报", in->creator, epoch };
	struct bulletin_ctx *c = xcalloc(1, sizeof *c);
	c->d = ts_doc_new(f, &meta);
	if (!in->issue_no)
		ts_doc_set_mark(c->d, BULLETIN_DRAFT_MARK);
	c->m = &m;
	c->rk = have_rk && bulletin_peers_apply(&rk, m.area, in->level,
	    in->peers, in->npeers) ? &rk : NULL;
	c->ix = have_ix ? &ix : NULL;
	c->ed = in->edition;
	c->in = in;
	struct masthead mh = { 0 };
	char *issue = issue_line(in, &m);
	mh.issue = issue;
	/* 发文机关标志: the place's 攻坚战工作通报, or the configured
	 * issuer's name with 工作通报. */
	char *masthead = in->issuer ? xasprintf("%s工作通报", in->issuer) :
	    xasprintf("%s大气污染防治攻坚战工作通报", place);
	mh.name = masthead;
	char *doc = doc_title(c);

	title_block(c, place, issuer, date, doc, &mh);
	if (in->corrects) {
		char *note = xasprintf("本期更正%s通报，原通报停止使用，以本期为准。",
		    in->corrects);
		ts_para(c->d, note, TS_INDENT);
		free(note);
	}
	sections(c, BULLETIN_BODY);
	int pages = 0;
	if (commentary(c, &in->commentary, dl)) {
		if (m.ntasks) {
			ts_space(c->d, 1);
			ts_para(c->d, "附件：重点任务进展情况表", TS_INDENT);
		}
		signature(c, issuer, date);
		sections(c, BULLETIN_ATTACHMENT);
		char *printed = xasprintf("%s印发", date);
		struct colophon co = { in->cc, in->printer ? in->printer :
		    issuer, printed };
		/* Room for 抄送 on up to three lines and the 印发 line. */
		ts_colophon(c->d, in->cc ? 36 : 12, colophon_draw, &co);
		pages = ts_doc_pdf(c->d, pdf, dl);
		free(printed);
	}
	ts_doc_free(c->d);
	free(c);
	free(issue);
	free(masthead);
	free(doc);
	free(title);
	free(date);
	free(issuer);
	if (have_rk)
		bm_rankings_free(&rk);
	if (have_ix)
		bm_index_free(&ix);
	bm_merged_free(&m);
	return pages;
}
