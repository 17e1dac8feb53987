/*
 * nearest.h -- the nearest of a list of names to a mistyped one, for the
 * "did you mean …" hints of diagnostics (task numbers, unit names).
 * Distance: Levenshtein over Unicode code points (UTF-8 input), so one
 * wrong Chinese character counts 1. Names are compared over their first
 * NEAREST_MAX_CHARS characters only: the cost stays bounded.
 */
#ifndef LANTIAN_NEAREST_H
#define LANTIAN_NEAREST_H

#include <stddef.h>

#define NEAREST_MAX_CHARS 64
#define NEAREST_NONE ((size_t)-1)

/* Edit distance between two UTF-8 strings (code points). */
size_t nearest_distance(const char *a, const char *b);

/* Index of the candidate nearest to s, when its distance is at most
 * max_dist and less than the length of s in characters (a hint that
 * replaces every character is no hint); NEAREST_NONE otherwise. Ties go
 * to the first candidate. */
size_t nearest_index(const char *s, const char *const *cands, size_t n,
    size_t max_dist);

#endif
