/*
 * plan_markers.c -- recognising numbering marks at the start of a block.
 */
#include "plan_markers.h"

#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "util.h"

static size_t
skip_spaces(const char *s)
{
	size_t i = 0, len;
	for (;;) {
		uint32_t cp = utf8_decode(s + i, strnlen(s + i, 4), &len);
		if (cp == 0 || !(cjk_is_space(cp) || cp == '#' || cp == '*'))
			return i;
		i += len;
	}
}

/* ASCII or full-width decimal digits at s: value and byte length. */
static size_t
digits_at(const char *s, int *value)
{
	size_t i = 0, len, nd = 0;
	int v = 0;
	for (;;) {
		uint32_t cp = utf8_decode(s + i, strnlen(s + i, 4), &len);
		int d = cp >= '0' && cp <= '9' ? (int)(cp - '0') :
		    cp >= 0xFF10 && cp <= 0xFF19 ? (int)(cp - 0xFF10) : -1;
		if (d < 0 || nd >= 4)
			break;
		v = v * 10 + d;
		nd++;
		i += len;
	}
	*value = v;
	return nd ? i : 0;
}

static uint32_t
cp_at(const char *s, size_t *len)
{
	return utf8_decode(s, strnlen(s, 4), len);
}

static int
is_open_paren(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08;
}

static int
is_close_paren(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09;
}

static int
is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* （一） / (1): an open paren, a number, a close paren (spaces allowed). */
static enum marker_kind
paren_marker(const char *s, size_t *end, int *value)
{
	size_t i = 0, len;
	if (!is_open_paren(cp_at(s, &len)))
		return MARKER_NONE;
	i += len;
	i += skip_spaces(s + i);
	enum marker_kind kind;
	size_t n = cjk_numeral_span(s + i);
	int v;
	if (n && (v = cjk_numeral_value(s + i, n)) > 0) {
		kind = MARKER_SUB;
	} else if ((n = digits_at(s + i, &v)) > 0 && n <= 3) {
		kind = MARKER_PAREN_ARABIC;
	} else {
		return MARKER_NONE;
	}
	i += n;
	i += skip_spaces(s + i);
	if (!is_close_paren(cp_at(s + i, &len)))
		return MARKER_NONE;
	*end = i + len;
	*value = v;
	return kind;
}

enum marker_kind
marker_at(const char *s, size_t *lenp, int *valuep)
{
	size_t i = skip_spaces(s), len, n, end = 0;
	int v = 0;
	enum marker_kind kind = MARKER_NONE;
	const char *p = s + i;

	if ((kind = paren_marker(p, &end, &v)) != MARKER_NONE) {
		end += i;
	} else if ((n = cjk_numeral_span(p)) > 0 && (v = cjk_numeral_value(p, n)) > 0) {
		uint32_t cp = cp_at(p + n, &len);
		/* 一. as web copies write 一、 */
		if (cp == 0x3001 /* 、 */ || cp == 0xFF0E /* ． */ || cp == '.') {
			kind = MARKER_TOP;
			end = i + n + len;
		}
	} else if ((n = digits_at(p, &v)) > 0 && n <= 9) {
		uint32_t cp = cp_at(p + n, &len);
		size_t l2;
		uint32_t next = cp_at(p + n + len, &l2);
		if ((cp == '.' || cp == 0xFF0E) && !is_digit_cp(next) && next != 0 && v > 0) {
			kind = MARKER_ARABIC;
			end = i + n + len;
		} else if (cp == 0x3001 && cjk_is_han(next) && v > 0) {
			kind = MARKER_ARABIC;
			end = i + n + len;
		}
	} else if (!strncmp(p, "附表", 6) || !strncmp(p, "附件", 6)) {
		uint32_t cp = cp_at(p + 6, &len);
		if (cp == 0 || is_digit_cp(cp) || cp == 0xFF1A || cp == ':' || cjk_is_space(cp)) {
			kind = MARKER_ATTACH;
			end = i + 6;
			v = 0;
		}
	}
	if (kind == MARKER_NONE)
		return MARKER_NONE;
	end += skip_spaces(s + end);
	if (lenp)
		*lenp = end;
	if (valuep)
		*valuep = v;
	return kind;
}

char *
marker_numeral(int v)
{
	static const char *const d[] = { "", "一", "二", "三", "四", "五", "六",
		"七", "八", "九" };
	if (v <= 0 || v >= 100)
		return xasprintf("%d", v);
	if (v < 10)
		return xstrdup(d[v]);
	return xasprintf("%s十%s", v / 10 == 1 ? "" : d[v / 10], d[v % 10]);
}

char *
marker_sub_label(int v)
{
	char *n = marker_numeral(v);
	char *s = xasprintf("（%s）", n);
	free(n);
	return s;
}
