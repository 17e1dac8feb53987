/*
 * typeset_text.c -- one piece of Pango markup as a PangoLayout: parse the
 * markup, take out the link ranges of ts_link_markup(), add the Chinese
 * line-breaking spans of typeset_break.c and the body letter spacing.
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"
#include "util.h"

#define TS_LINK_PREFIX "lantian-link:"

struct link_collect {
	struct ts_text *t;
	size_t cap;
};

/* pango_attr_list_filter callback: take link attributes out of the list
 * (returning TRUE removes them) and record their ranges. */
static gboolean
take_link(PangoAttribute *a, gpointer data)
{
	struct link_collect *lc = data;
	const char *v;
	size_t plen = strlen(TS_LINK_PREFIX);

	if (a->klass->type != PANGO_ATTR_FONT_FEATURES)
		return FALSE;
	v = ((PangoAttrFontFeatures *)a)->features;
	if (v == NULL || strncmp(v, TS_LINK_PREFIX, plen) != 0)
		return FALSE;
	lc->t->links = xgrow(lc->t->links, &lc->cap, lc->t->nlinks + 1,
	    sizeof *lc->t->links);
	lc->t->links[lc->t->nlinks].start = (int)a->start_index;
	lc->t->links[lc->t->nlinks].end = (int)a->end_index;
	lc->t->links[lc->t->nlinks].anchor = xstrdup(v + plen);
	lc->t->nlinks++;
	return TRUE;
}

/* Ideographs, kana, CJK and full-width punctuation. */
static int
is_cjk(gunichar c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
	    (c >= 0x20000 && c <= 0x3FFFF);
}

/*
 * A space between Chinese and Latin or digits ("共 3 个地区", "PM2.5 0天")
 * separates, it is not a word space: Pango's justification would stretch
 * it while the ideographs around it stay on the grid, leaving holes. Such
 * spaces become U+2005 (a quarter em), which Pango does not stretch, so
 * the line is justified between characters like every other Chinese line.
 * Only text outside markup tags is touched. Returns a new string.
 */
static char *
quarter_cjk_spaces(const char *markup)
{
	GString *out = g_string_sized_new(strlen(markup) + 16);
	gunichar prev = 0;
	int in_tag = 0;

	for (const char *p = markup; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		if (in_tag || c == '<') {
			in_tag = c != '>';
			g_string_append_unichar(out, c);
			continue;
		}
		if (c == ' ') {
			const char *q = p + 1;
			while (*q == '<')          /* the next character after tags */
				while (*q != '\0' && *q++ != '>')
					;
			gunichar next = *q != '\0' ? g_utf8_get_char(q) : 0;
			if (is_cjk(prev) || is_cjk(next)) {
				g_string_append_unichar(out, 0x2005);
				prev = c;
				continue;
			}
		}
		if (c != '&')
			prev = c;
		g_string_append_unichar(out, c);
	}
	return g_string_free(out, FALSE);
}

/* cell: -1 not a table cell, 0 a body cell, 1 a header cell. */
static int
text_make(struct ts_text *t, PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, double w_pt, int letter_spacing,
    int cell, struct diag_list *dl)
{
	PangoAttrList *attrs = NULL;
	char *text = NULL;
	GError *err = NULL;
	int ok = 1;

	memset(t, 0, sizeof *t);
	t->layout = pango_layout_new(pc);
	pango_layout_set_font_description(t->layout, fd);
	if (w_pt > 0) {
		pango_layout_set_width(t->layout, (int)(w_pt * PANGO_SCALE));
		pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
	}
	char *spaced = quarter_cjk_spaces(markup);
	int parsed = pango_parse_markup(spaced, -1, 0, &attrs, &text, NULL,
	    &err);
	g_free(spaced);
	if (!parsed) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "排版标记有误（%s），按原文排出：%.60s",
		    err != NULL ? err->message : "?", markup);
		g_clear_error(&err);
		attrs = pango_attr_list_new();
		text = g_strdup(markup);
		ok = 0;
	} else {
		struct link_collect lc = { t, 0 };
		PangoAttrList *gone = pango_attr_list_filter(attrs, take_link,
		    &lc);
		if (gone != NULL)
			pango_attr_list_unref(gone);
	}
	if (letter_spacing != 0) {
		PangoAttribute *a = pango_attr_letter_spacing_new(letter_spacing);
		/* Inserted first so spans in the markup can override it. */
		pango_attr_list_insert_before(attrs, a);
	}
	ts_break_rules(text, strlen(text), attrs);
	if (cell >= 0)
		ts_cell_rules(text, strlen(text), cell, attrs);
	ts_squeeze_pairs(t, text, strlen(text), attrs, letter_spacing,
	    pango_font_description_get_size(fd));
	pango_layout_set_text(t->layout, text, -1);
	pango_layout_set_attributes(t->layout, attrs);
	pango_attr_list_unref(attrs);
	g_free(text);
	return ok;
}

int
ts_text_make(struct ts_text *t, PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, double w_pt, int letter_spacing,
    struct diag_list *dl)
{
	return text_make(t, pc, markup, fd, w_pt, letter_spacing, -1, dl);
}

int
ts_text_make_cell(struct ts_text *t, PangoContext *pc, const char *markup,
    const PangoFontDescription *fd, double w_pt, int header,
    struct diag_list *dl)
{
	return text_make(t, pc, markup, fd, w_pt, 0, header != 0, dl);
}

void
ts_text_free(struct ts_text *t)
{
	if (t->layout != NULL)
		g_object_unref(t->layout);
	for (size_t i = 0; i < t->nlinks; i++)
		free(t->links[i].anchor);
	free(t->links);
	free(t->squeeze);
	memset(t, 0, sizeof *t);
}

struct ts_box *
ts_box_push(struct ts_boxes *bx, enum ts_box_kind k, double h)
{
	struct ts_box *b;

	bx->v = xgrow(bx->v, &bx->cap, bx->n + 1, sizeof *bx->v);
	b = &bx->v[bx->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	b->h = h;
	return b;
}
