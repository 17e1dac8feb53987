/*
 * xmltext.c -- cleaning text for XML 1.0 (see xmltext.h).
 */
#include "xmltext.h"

#include <string.h>

#include <glib.h>
#include <libxml/tree.h>

#include "util.h"

/* May code point c appear in an XML 1.0 document? */
static int
xml_char_ok(gunichar c)
{
	return c == 0x9 || c == 0xA || c == 0xD ||
	    (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
	    (c >= 0x10000 && c <= 0x10FFFF);
}

char *
xml_text_clean(const char *s)
{
	gchar *valid = g_utf8_make_valid(s, -1);
	GString *out = g_string_sized_new(strlen(valid));
	for (const gchar *q = valid; *q; q = g_utf8_next_char(q)) {
		gunichar c = g_utf8_get_char(q);
		if (xml_char_ok(c))
			g_string_append_unichar(out, c);
	}
	g_free(valid);
	char *r = xstrdup(out->str);
	g_string_free(out, TRUE);
	return r;
}

struct _xmlBuffer *
xml_buffer_new(void)
{
	xmlBufferPtr b = xmlBufferCreate();
	if (b)
		xmlBufferSetAllocationScheme(b, XML_BUFFER_ALLOC_DOUBLEIT);
	return b;
}
