/*
 * cjk.h -- UTF-8 and Chinese-text helpers shared by the plan parser:
 * decoding code points, character classes (ideograph, full-width
 * punctuation), Chinese numerals, display width, whitespace folding.
 * Pure functions; no allocation except where a function says so.
 */
#ifndef LANTIAN_CJK_H
#define LANTIAN_CJK_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* Decode the code point at s (at most n bytes); *len gets its byte length
 * (1 for an invalid byte, which decodes as U+FFFD). */
uint32_t utf8_decode(const char *s, size_t n, size_t *len);
/* Byte length of the character at s (1..4); 0 at the NUL terminator. */
size_t utf8_len(const char *s);
/* Append code point cp to b. */
void utf8_put(struct buf *b, uint32_t cp);

int cjk_is_han(uint32_t cp);          /* CJK ideograph */
int cjk_is_wide(uint32_t cp);         /* takes two columns */
int cjk_is_punct(uint32_t cp);        /* full-width punctuation and brackets */
int cjk_is_space(uint32_t cp);        /* ASCII space/tab, U+3000, NBSP */
/* Display width in columns (CJK = 2, ASCII = 1). */
size_t cjk_width(const char *s, size_t n);

/* Value of a Chinese numeral 一..九十九 at s (n bytes long exactly);
 * 0 when it is not one. */
int cjk_numeral_value(const char *s, size_t n);
/* Length in bytes of the run of Chinese numeral characters at s. */
size_t cjk_numeral_span(const char *s);

/* Does s start with one of the code points in set (a UTF-8 string)?
 * Returns the byte length matched, 0 if not. */
size_t cjk_starts_any(const char *s, const char *set);

/*
 * Join text pieces the way a reader would: whitespace between two CJK
 * characters or around CJK punctuation is deleted; a run of whitespace
 * between two Latin letters or digits becomes one space. Appends the
 * folded form of s[0..n) to b, where `prev` is the last code point already
 * in b (0 at the start). Returns the new last code point.
 */
uint32_t cjk_fold_append(struct buf *b, const char *s, size_t n, uint32_t prev);

/* Trim leading and trailing whitespace (ASCII and U+3000) in place. */
char *cjk_trim(char *s);

#endif
