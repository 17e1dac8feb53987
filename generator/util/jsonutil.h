/*
 * jsonutil.h -- small helpers shared by the JSON writers (plan_json.c,
 * units.c): strings that are always valid UTF-8, nulls for absent values.
 */
#ifndef LANTIAN_JSONUTIL_H
#define LANTIAN_JSONUTIL_H

#include <jansson.h>

/* A JSON string of s (invalid UTF-8 as U+FFFD), or null for NULL. */
json_t *json_text(const char *s);

#endif
