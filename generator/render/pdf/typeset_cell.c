/*
 * typeset_cell.c -- what a table cell must not break inside, beyond the
 * rules of typeset_break.c. A narrow column tempts a line break into
 * places a typesetter never breaks: "≥76./5%", "二./（/一/）", "2024年9/
 * 月30日", "去年同/期". Here those places get PANGO_ATTR_ALLOW_BREAKS
 * spans that forbid the break; the table (typeset_table.c) then makes each
 * column at least as wide as its widest unbreakable piece, so no cell has
 * to be broken inside a word at all.
 *   - a run of Latin letters, digits and the signs numbers carry
 *     (. % ‰ ≥ ≤ + - − ~ / :) is one piece, with the brackets around it
 *     ("（95.0%）"), the 年 月 日 时 between its digits ("2024年9月30日")
 *     and the 第 and 位/名 of an ordinal ("第2位");
 *   - an item number is one piece: a Chinese numeral with what follows it
 *     up to the closing bracket ("二（一）", "三.（二）", "（十二）");
 *   - a header cell breaks only before an opening bracket or after a space
 *     or an enumeration comma: its words stay whole.
 */
#include <glib.h>
#include <string.h>

#include "typeset_int.h"

static int
numeric(uint32_t c)
{
	if (c < 0x80)
		return g_ascii_isalnum((int)c) || strchr(".%+-~/:", (int)c) != NULL;
	return c == 0x2265 || c == 0x2264 || c == 0x2212 || c == 0x2030 ||
	    c == 0xFF5E || c == 0xFF05 || c == 0xFF0E || c == 0x2103 ||
	    (c >= 0x2070 && c <= 0x209F) || c == 0xB2 || c == 0xB3;
}

static int
date_unit(uint32_t c)
{
	return c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x65F6;
}

static int
cn_numeral(uint32_t c)
{
	static const char set[] = "〇零一二三四五六七八九十百";

	for (const char *p = set; *p; p = g_utf8_next_char(p))
		if (g_utf8_get_char(p) == c)
			return 1;
	return 0;
}

static int
opening(uint32_t c)
{
	return c == 0xFF08 || c == '(';
}

static int
closing(uint32_t c)
{
	return c == 0xFF09 || c == ')';
}

static int
digit(uint32_t c)
{
	return c < 0x80 && g_ascii_isdigit((int)c);
}

/* 1 when a body cell must not break between a and b; c is the character
 * after b (0 at the end). */
static int
glued(uint32_t a, uint32_t b, uint32_t c)
{
	if (numeric(a) && numeric(b))
		return 1;
	if ((digit(a) && date_unit(b)) || (date_unit(a) && digit(b)))
		return 1;
	/* An ordinal: "第2位", "第12名". */
	if ((a == 0x7B2C && digit(b)) || (digit(a) && (b == 0x4F4D ||
	    b == 0x540D)))
		return 1;
	/* A number and its brackets, an item number and its bracket. */
	if ((numeric(a) || cn_numeral(a) || a == 0x3001 || a == '.') &&
	    opening(b))
		return 1;
	if (closing(a) && (numeric(b) || closing(b)))
		return 1;
	/* "三.（二）", "二、（一）": the separator between two numbers. */
	if (cn_numeral(a) && (b == '.' || b == 0xFF0E) && opening(c))
		return 1;
	return 0;
}

static int
header_break_ok(uint32_t a, uint32_t b)
{
	return opening(b) || a == ' ' || a == 0x2005 || a == 0x3001 ||
	    a == '/';
}

/* 1 when UAX #14 already keeps a and b together (letters, digits and the
 * decimal point): no span needed, and a span would cost Pango an extra
 * item to shape. */
static int
uax14_glued(uint32_t a, uint32_t b)
{
	return a < 0x80 && b < 0x80 && (g_ascii_isalnum((int)a) || a == '.') &&
	    (g_ascii_isalnum((int)b) || b == '.' || b == '%');
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
ts_cell_rules(const char *text, size_t len, int header, PangoAttrList *attrs)
{
	const char *end = text + len, *prev = NULL, *run = NULL;
	uint32_t pcp = 0;
	int needed = 0;

	/* One span per run of glued characters, not one per pair, and none
	 * for a run Pango keeps together anyway ("2024", "PM2.5"). */
	for (const char *p = text; p < end; p = g_utf8_next_char(p)) {
		uint32_t cp = g_utf8_get_char(p);
		const char *next = g_utf8_next_char(p);
		uint32_t ncp = next < end ? g_utf8_get_char(next) : 0;

		if (prev != NULL && (header ? !header_break_ok(pcp, cp) :
		    glued(pcp, cp, ncp))) {
			if (run == NULL)
				run = prev;
			needed |= !uax14_glued(pcp, cp);
		} else if (run != NULL) {
			if (needed)
				forbid(attrs, (size_t)(run - text),
				    (size_t)(p - text));
			run = NULL;
			needed = 0;
		}
		prev = p;
		pcp = cp;
	}
	if (run != NULL && needed)
		forbid(attrs, (size_t)(run - text), len);
}
