/*
 * typeset_squeeze.c -- punctuation compression (标点挤压) and justification
 * the way a Chinese typesetter does them (CLREQ 3.1.6 / 3.8, JLREQ 3.1.4
 * and 3.8).
 *
 * A full-width punctuation mark draws its ink in one half of its em box
 * and leaves the other half blank: closing marks (，。、；：？！ and closing
 * brackets and quotes) on the left, opening brackets and quotes on the
 * right. Two marks side by side leave a full em of white between their
 * inks ("），"), which the rules remove:
 *   closing + closing   the first loses its right half     "），" 1.5 em
 *   closing + opening   the first loses its right half     "）（" 1.5 em
 *   opening + opening   the second loses its left half     "（《" 1.5 em
 *   opening + closing   nothing (an empty pair "（）")
 * and a closing mark that ends a justified line loses its right half.
 *
 * The pairs are found before Pango breaks lines, so a compressed mark takes
 * half an em in the line breaking too: a negative letter spacing of half an
 * em on that one character. Pango puts half of a letter spacing on each
 * side of the glyph; ts_text_finish() then moves each compressed glyph to
 * the side its ink is on (a closing mark keeps its origin, an opening mark
 * is drawn half an em to the left).
 *
 * Justification then happens here, not in Pango, after the compression:
 * the white a line lacks is shared equally by the gaps next to a Chinese
 * character or mark, never by a gap inside a run of Latin letters or
 * digits ("35" never becomes "3 5", "PM2.5" never "P M 2 . 5").
 */
#include <stdlib.h>
#include <string.h>

#include "typeset_int.h"
#include "util.h"

enum { SQ_NONE = 0, SQ_CUT_RIGHT = 1, SQ_CUT_LEFT = 2 };

int
ts_punct_kind(uint32_t cp)
{
	switch (cp) {
	case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A:
	case 0xFF1F: case 0xFF01:              /* ，。、；：？！ */
	case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x3011:
	case 0x3015: case 0x3009: case 0x3017: case 0xFF3D: case 0xFF5D:
	case 0x201D: case 0x2019:              /* ）》」』】〕〉〗］｝”’ */
		return TS_PUNCT_CLOSE;
	case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010:
	case 0x3014: case 0x3008: case 0x3016: case 0xFF3B: case 0xFF5B:
	case 0x201C: case 0x2018:              /* （《「『【〔〈〖［｛“‘ */
		return TS_PUNCT_OPEN;
	default:
		return TS_PUNCT_NONE;
	}
}

static void
letter_space(PangoAttrList *attrs, size_t start, size_t end, int value)
{
	PangoAttribute *a = pango_attr_letter_spacing_new(value);

	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

void
ts_squeeze_pairs(struct ts_text *t, const char *text, size_t len,
    PangoAttrList *attrs, int base_spacing, int em)
{
	const char *p = text, *end = text + len;
	int prev_kind = TS_PUNCT_NONE;
	const char *prev = NULL;

	t->em = em;
	free(t->squeeze);
	t->squeeze = NULL;
	t->squeeze_len = len;
	for (; p < end; p = g_utf8_next_char(p)) {
		int kind = ts_punct_kind(g_utf8_get_char(p));
		const char *cut = NULL;
		int how = SQ_NONE;

		if (prev_kind == TS_PUNCT_CLOSE && kind != TS_PUNCT_NONE) {
			cut = prev;
			how = SQ_CUT_RIGHT;
		} else if (prev_kind == TS_PUNCT_OPEN &&
		    kind == TS_PUNCT_OPEN) {
			cut = p;
			how = SQ_CUT_LEFT;
		}
		if (cut != NULL) {
			size_t at = (size_t)(cut - text);
			if (t->squeeze == NULL)
				t->squeeze = xcalloc(len, 1);
			t->squeeze[at] = (unsigned char)how;
			letter_space(attrs, at, (size_t)(g_utf8_next_char(cut) -
			    text), base_spacing - em / 2);
		}
		prev_kind = kind;
		prev = p;
	}
}

/* What a line is made of for justification: its clusters in order. */
struct cluster {
	PangoGlyphInfo *last;   /* the glyph that carries the added space */
	uint32_t cp;            /* first character */
};

static int
is_cjk(uint32_t c)
{
	return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
	    (c >= 0x20000 && c <= 0x3FFFF);
}

static int
is_blank(uint32_t c)
{
	return c == ' ' || c == 0x2005 || c == 0x3000 || c == '\n' ||
	    c == 0x2028;
}

/* Move the compressed glyphs of a line to their ink's side. */
static void
place_squeezed(const struct ts_text *t, PangoLayoutLine *line)
{
	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		PangoGlyphString *gs = run->glyphs;

		for (int i = 0; i < gs->num_glyphs; i++) {
			size_t at = (size_t)(run->item->offset +
			    gs->log_clusters[i]);
			PangoGlyphGeometry *g = &gs->glyphs[i].geometry;

			if (at >= t->squeeze_len || t->squeeze[at] == SQ_NONE)
				continue;
			g->x_offset = t->squeeze[at] == SQ_CUT_RIGHT ? 0 :
			    g->width - t->em;
		}
	}
}

static size_t
line_clusters(PangoLayoutLine *line, const char *text, struct cluster **v,
    size_t *cap)
{
	size_t n = 0;

	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphItem *run = r->data;
		PangoGlyphItemIter it;

		if (run->item->analysis.level % 2 != 0)
			continue;       /* right-to-left: never in a bulletin */
		for (gboolean ok = pango_glyph_item_iter_init_start(&it, run,
		    text); ok; ok = pango_glyph_item_iter_next_cluster(&it)) {
			*v = xgrow(*v, cap, n + 1, sizeof **v);
			(*v)[n].last = &run->glyphs->glyphs[it.end_glyph - 1];
			(*v)[n].cp = g_utf8_get_char(text + it.start_index);
			n++;
		}
	}
	return n;
}

/* The gap after cluster k stretches unless both sides are Latin, digits
 * or blanks. */
static int
stretchable(const struct cluster *v, size_t k)
{
	return is_cjk(v[k].cp) || is_cjk(v[k + 1].cp);
}

static void
justify_line(const struct ts_text *t, PangoLayoutLine *line, int avail,
    struct cluster **v, size_t *cap)
{
	const char *text = pango_layout_get_text(t->layout);
	size_t n = line_clusters(line, text, v, cap), gaps = 0, k = 0;
	int natural = 0, deficit;

	while (n > 0 && is_blank((*v)[n - 1].cp))
		n--;
	if (n == 0)
		return;
	/* A closing mark at the end of the line gives up its right half. */
	if (ts_punct_kind((*v)[n - 1].cp) == TS_PUNCT_CLOSE &&
	    (*v)[n - 1].last->geometry.width > t->em * 3 / 4)
		(*v)[n - 1].last->geometry.width -= t->em / 2;
	for (GSList *r = line->runs; r != NULL; r = r->next) {
		PangoGlyphString *gs = ((PangoGlyphItem *)r->data)->glyphs;
		for (int i = 0; i < gs->num_glyphs; i++)
			natural += gs->glyphs[i].geometry.width;
	}
	deficit = avail - natural;
	if (deficit <= 0)
		return;
	for (k = 0; k + 1 < n; k++)
		gaps += (size_t)stretchable(*v, k);
	if (gaps == 0)
		return;
	for (size_t g = 0, k2 = 0; k2 + 1 < n; k2++) {
		if (!stretchable(*v, k2))
			continue;
		long long a = (long long)deficit * (long long)g / (long long)gaps;
		long long b = (long long)deficit * (long long)(g + 1) /
		    (long long)gaps;
		(*v)[k2].last->geometry.width += (int)(b - a);
		g++;
	}
}

void
ts_text_finish(struct ts_text *t, int justify)
{
	GSList *lines = pango_layout_get_lines_readonly(t->layout);
	int width = pango_layout_get_width(t->layout);
	int indent = pango_layout_get_indent(t->layout);
	struct cluster *v = NULL;
	size_t cap = 0;
	int i = 0;

	for (GSList *l = lines; l != NULL; l = l->next, i++) {
		PangoLayoutLine *line = l->data;
		PangoLayoutLine *next = l->next != NULL ? l->next->data : NULL;
		int avail = width;

		if (t->squeeze != NULL)
			place_squeezed(t, line);   /* offsets: extents unchanged */
		if (!justify || width <= 0 || next == NULL ||
		    next->is_paragraph_start)
			continue;
		if (line->is_paragraph_start && indent > 0)
			avail -= indent;
		/* Not the _readonly getter for a line whose widths change:
		 * this one tells Pango not to keep extents measured before. */
		line = pango_layout_get_line(t->layout, i);
		justify_line(t, line, avail, &v, &cap);
	}
	free(v);
}
