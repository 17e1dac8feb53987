/*
 * nearest.c -- "did you mean" by edit distance over code points (see
 * nearest.h).
 */
#include "nearest.h"

#include <string.h>

/* Code points of s (up to NEAREST_MAX_CHARS) into cp; returns the count. */
static size_t
code_points(const char *s, unsigned cp[NEAREST_MAX_CHARS])
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;
	while (*u && n < NEAREST_MAX_CHARS) {
		unsigned c = *u++;
		if (c >= 0xC0) {
			int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
			c &= 0x3F >> more;
			while (more-- && (*u & 0xC0) == 0x80)
				c = c << 6 | (*u++ & 0x3F);
		}
		cp[n++] = c;
	}
	return n;
}

size_t
nearest_distance(const char *a, const char *b)
{
	unsigned x[NEAREST_MAX_CHARS], y[NEAREST_MAX_CHARS];
	size_t n = code_points(a, x), m = code_points(b, y);
	size_t row[NEAREST_MAX_CHARS + 1];
	for (size_t j = 0; j <= m; j++)
		row[j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t up = row[j];
			size_t best = diag + (x[i - 1] != y[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

size_t
nearest_index(const char *s, const char *const *cands, size_t n,
    size_t max_dist)
{
	unsigned tmp[NEAREST_MAX_CHARS];
	size_t len = code_points(s, tmp), best = NEAREST_NONE, bd = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = nearest_distance(s, cands[i]);
		if (d <= max_dist && d < len && (best == NEAREST_NONE || d < bd)) {
			best = i;
			bd = d;
		}
	}
	return best;
}
