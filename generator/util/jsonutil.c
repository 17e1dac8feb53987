/*
 * jsonutil.c -- helpers for the JSON writers (see jsonutil.h).
 */
#include "jsonutil.h"

#include <glib.h>

json_t *
json_text(const char *s)
{
	if (!s)
		return json_null();
	gchar *valid = g_utf8_make_valid(s, -1);
	json_t *j = json_string(valid);
	g_free(valid);
	return j;
}
