/*
 * typeset_break.c -- Chinese line-breaking rules (禁则) on top of Pango.
 *
 * Pango 1.50 breaks lines by UAX #14 with GLib's line-break classes. For
 * Chinese that already keeps most closing punctuation off the start of a
 * line (classes CL, CP, EX, IS, NS, IN: ，。、；：？！）》」』】〕…) and
 * opening punctuation off the end (OP: （《「『【〔), and the quotation marks
 * “”‘’ (class QU) glued to both neighbours. What it does not cover is
 * added here as PANGO_ATTR_ALLOW_BREAKS spans, only where GLib's class of
 * the character does not already forbid the break (so ordinary text gets
 * no extra attributes and Pango's itemisation stays as it is):
 *   - any character of ts_no_line_start() whose class allows a break
 *     before it (e.g. ‰ ℃ ’ under some classes, the middle dot);
 *   - any character of ts_no_line_end() whose class allows a break after
 *     it;
 *   - units such as µg/m³ or km/h: UAX #14 allows a break after the
 *     solidus (SY); it is forbidden between two Latin characters.
 * A span covering [previous character, character] forbids exactly the
 * break between the two: Pango clears breaks strictly inside a span.
 */
#include <glib.h>
#include <string.h>

#include "typeset_int.h"

/* Closing punctuation and marks that must not begin a line. */
static const char no_start[] =
    "，。、；：？！）》」』】〕〉〗〙〛］｝”’…‥·・％‰℃々〆ー"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞，．：；？！）］｝｝～"
    ",.;:?!)]}%";
/* Opening punctuation that must not end a line. */
static const char no_end[] =
    "（《「『【〔〈〖〘〚［｛“‘﹙﹛﹝([{";

static int
in_set(const char *set, uint32_t cp)
{
	for (const char *p = set; *p; p = g_utf8_next_char(p))
		if (g_utf8_get_char(p) == cp)
			return 1;
	return 0;
}

/* Most characters of a plan are CJK ideographs, ASCII letters or digits,
 * which are in neither set: answer those without a look-up. */
static int
plain_char(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp < 0x80 &&
	    g_ascii_isalnum((int)cp));
}

int
ts_no_line_start(uint32_t cp)
{
	return !plain_char(cp) && in_set(no_start, cp);
}

int
ts_no_line_end(uint32_t cp)
{
	return !plain_char(cp) && in_set(no_end, cp);
}

/* 1 when UAX #14 (as Pango implements it) never breaks before a
 * character of this class. */
static int
class_forbids_before(GUnicodeBreakType t)
{
	switch (t) {
	case G_UNICODE_BREAK_CLOSE_PUNCTUATION:
	case G_UNICODE_BREAK_CLOSE_PARANTHESIS:
	case G_UNICODE_BREAK_EXCLAMATION:
	case G_UNICODE_BREAK_INFIX_SEPARATOR:
	case G_UNICODE_BREAK_NON_STARTER:
	case G_UNICODE_BREAK_INSEPARABLE:
	case G_UNICODE_BREAK_QUOTATION:
	case G_UNICODE_BREAK_SYMBOL:
		return 1;
	default:
		return 0;
	}
}

/* 1 when UAX #14 never breaks after a character of this class. */
static int
class_forbids_after(GUnicodeBreakType t)
{
	return t == G_UNICODE_BREAK_OPEN_PUNCTUATION ||
	    t == G_UNICODE_BREAK_QUOTATION;
}

/* Part of a Latin token: letters, digits and the symbols of units. */
static int
is_latin_word(uint32_t cp)
{
	if (cp < 0x80)
		return g_ascii_isalnum((int)cp) || cp == '.' || cp == '%';
	return cp == 0xB5 /* µ */ || cp == 0x3BC /* μ */ ||
	    cp == 0xB2 || cp == 0xB3 || cp == 0xB9 /* ²³¹ */ ||
	    (cp >= 0x2070 && cp <= 0x209F) /* super- and subscripts */;
}

static void
forbid(PangoAttrList *attrs, size_t start, size_t end)
{
	PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);

	a->start_index = (guint)start;
	a->end_index = (guint)end;
	pango_attr_list_insert(attrs, a);
}

void
ts_break_rules(const char *text, size_t len, PangoAttrList *attrs)
{
	const char *end = text + len;
	const char *prev = NULL, *p;
	uint32_t pcp = 0;

	for (p = text; p < end; p = g_utf8_next_char(p)) {
		uint32_t cp = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		int bad = 0;

		if (prev != NULL) {
			if (ts_no_line_start(cp) &&
			    !class_forbids_before(g_unichar_break_type(cp)))
				bad = 1;
			if (ts_no_line_end(pcp) &&
			    !class_forbids_after(g_unichar_break_type(pcp)))
				bad = 1;
			/* µg/m³: no break after a solidus inside a token. */
			if (pcp == '/' && is_latin_word(cp) && prev > text &&
			    is_latin_word(g_utf8_get_char(
			    g_utf8_prev_char(prev))))
				bad = 1;
			if (bad)
				forbid(attrs, (size_t)(prev - text),
				    (size_t)(next - text));
		}
		prev = p;
		pcp = cp;
	}
}
