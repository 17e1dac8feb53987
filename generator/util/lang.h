/*
 * lang.h -- the language of help texts: Chinese, the users' language, by
 * default; English on request (`lantian --lang en`, LANTIAN_LANG=en, or a
 * locale whose language is English: LC_ALL, LC_MESSAGES or LANG = en_*).
 * The C and C.UTF-8 locales stay Chinese: they are what a fresh Debian
 * server runs in, and the staff using it read Chinese.
 * Diagnostics are Chinese always (they are what staff act on).
 */
#ifndef LANTIAN_LANG_H
#define LANTIAN_LANG_H

/* Force the language ("en" or "zh"): 0, or -1 for another name. */
int lang_set(const char *name);

/* 1 when help is to be English. */
int lang_english(void);

/* zh or en, as lang_english() says. */
const char *lang_pick(const char *zh, const char *en);

#endif
