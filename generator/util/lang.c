/*
 * lang.c -- the language of help texts (see lang.h).
 */
#include "lang.h"

#include <stdlib.h>
#include <string.h>

static int forced = -1;  /* -1: from the environment; 0 zh; 1 en */

int
lang_set(const char *name)
{
	if (!strcmp(name, "en"))
		forced = 1;
	else if (!strcmp(name, "zh"))
		forced = 0;
	else
		return -1;
	return 0;
}

/* The first of the variables that is set decides, as for gettext. */
static int
from_environment(void)
{
	const char *v = getenv("LANTIAN_LANG");
	if (v && *v)
		return !strncmp(v, "en", 2);
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return !strncmp(v, "en", 2);
	}
	return 0;
}

int
lang_english(void)
{
	return forced >= 0 ? forced : from_environment();
}

const char *
lang_pick(const char *zh, const char *en)
{
	return lang_english() ? en : zh;
}
