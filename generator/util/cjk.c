/*
 * cjk.c -- UTF-8 decoding and Chinese character classes.
 */
#include "cjk.h"

#include <string.h>

uint32_t
utf8_decode(const char *s, size_t n, size_t *len)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n == 0) {
		*len = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	size_t need;
	uint32_t cp;
	if ((u[0] & 0xE0) == 0xC0) {
		need = 2;
		cp = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		need = 3;
		cp = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		need = 4;
		cp = u[0] & 0x07;
	} else {
		*len = 1;
		return 0xFFFD;
	}
	if (need > n) {
		*len = 1;
		return 0xFFFD;
	}
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		cp = (cp << 6) | (u[i] & 0x3F);
	}
	*len = need;
	return cp;
}

size_t
utf8_len(const char *s)
{
	size_t len;
	if (!*s)
		return 0;
	utf8_decode(s, strnlen(s, 4), &len);
	return len;
}

void
utf8_put(struct buf *b, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_put(b, t, n);
}

int
cjk_is_han(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
	    (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF);
}

int
cjk_is_punct(uint32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
	    (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	    (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0x2010 && cp <= 0x2027) ||
	    cp == 0x00B7 || cp == 0xFE30 || (cp >= 0xFE50 && cp <= 0xFE6B);
}

int
cjk_is_wide(uint32_t cp)
{
	return cjk_is_han(cp) || cjk_is_punct(cp) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
	    (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

int
cjk_is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0 || cp == '\r' ||
	    cp == '\n' || cp == '\f' || cp == '\v' || cp == 0xFEFF || cp == 0x200B;
}

size_t
cjk_width(const char *s, size_t n)
{
	size_t w = 0, i = 0, len;
	while (i < n) {
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		w += cjk_is_wide(cp) ? 2 : 1;
		i += len;
	}
	return w;
}

static int
digit_of(uint32_t cp)
{
	static const uint32_t d[] = { 0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
		0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D };  /* 零一二三四五六七八九 */
	for (int i = 0; i < 10; i++)
		if (d[i] == cp)
			return i;
	if (cp == 0x3007)  /* 〇 */
		return 0;
	return -1;
}

size_t
cjk_numeral_span(const char *s)
{
	size_t i = 0, len;
	for (;;) {
		uint32_t cp = utf8_decode(s + i, strnlen(s + i, 4), &len);
		if (cp == 0 || (digit_of(cp) < 0 && cp != 0x5341 /* 十 */))
			return i;
		i += len;
	}
}

int
cjk_numeral_value(const char *s, size_t n)
{
	size_t i = 0, len;
	int val = 0, cur = -1, seen_ten = 0;
	if (n == 0)
		return 0;
	while (i < n) {
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		int d = digit_of(cp);
		if (cp == 0x5341) {  /* 十 */
			if (seen_ten)
				return 0;
			val = (cur < 0 ? 1 : cur) * 10;
			cur = -1;
			seen_ten = 1;
		} else if (d >= 0) {
			if (cur >= 0)
				return 0;
			cur = d;
		} else {
			return 0;
		}
		i += len;
	}
	if (cur > 0)
		val += cur;
	return val;
}

size_t
cjk_starts_any(const char *s, const char *set)
{
	size_t len, slen;
	uint32_t cp = utf8_decode(s, strnlen(s, 4), &len);
	if (!cp)
		return 0;
	for (size_t i = 0; set[i]; i += slen)
		if (utf8_decode(set + i, strnlen(set + i, 4), &slen) == cp)
			return len;
	return 0;
}

static int
is_latin(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF10 && cp <= 0xFF19) ||
	    (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
	    cp == '%' || cp == ')' || cp == ']' || cp == '.';
}

uint32_t
cjk_fold_append(struct buf *b, const char *s, size_t n, uint32_t prev)
{
	size_t i = 0, len;
	int pending_space = 0;
	while (i < n) {
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		if (cjk_is_space(cp) || cp == 0xFEFF) {
			pending_space = 1;
			i += len;
			continue;
		}
		if (pending_space && prev && is_latin(prev) && (is_latin(cp) || cp == '(' || cp == '[') &&
		    cp != '.' && cp != ')' && cp != '%')
			buf_putc(b, ' ');
		pending_space = 0;
		buf_put(b, s + i, len);
		prev = cp;
		i += len;
	}
	return prev;
}

char *
cjk_trim(char *s)
{
	size_t n = strlen(s), len;
	size_t start = 0;
	while (start < n) {
		uint32_t cp = utf8_decode(s + start, n - start, &len);
		if (!cjk_is_space(cp))
			break;
		start += len;
	}
	size_t end = n;
	while (end > start) {
		size_t k = end - 1;
		while (k > start && ((unsigned char)s[k] & 0xC0) == 0x80)
			k--;
		uint32_t cp = utf8_decode(s + k, end - k, &len);
		if (!cjk_is_space(cp))
			break;
		end = k;
	}
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}
