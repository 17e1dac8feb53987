/*
 * lt_fonts.h -- what the suites that set text (test_typeset, test_chart,
 * test_bulletin) share: the pinned fonts opened once per suite, and the
 * ASan settings for the leaks inside the libraries.
 *
 * Leaks inside the libraries, not ours, are suppressed narrowly: cairo
 * 1.16 loses a few arrays of its PDF interchange (about 768 bytes a
 * document) while finishing a surface, and a Pango font map keeps
 * fontconfig's parsed fonts.conf alive. The libraries have no frame
 * pointers, so full unwinding is needed for the suppressions to see the
 * functions they name. Include this file in one translation unit only.
 */
#ifndef LT_FONTS_H
#define LT_FONTS_H

#include <cairo.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag.h"
#include "fonts.h"
#include "lt_test.h"
#include "pangofonts.h"
#include "util.h"

const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:cairo_surface_finish\nleak:XML_ParseBuffer\n";
}

/* The repository's fonts/ with the build's fontconfig cache; NULL (with
 * the diagnostics printed) when they cannot be opened. */
static inline struct fonts *
lt_fonts_open(void)
{
	struct diag_list dl = { 0 };
	char abs[PATH_MAX];
	struct fonts *f = NULL;

	if (realpath(lt_srcdir(), abs) != NULL) {
		char *dir = xasprintf("%s/fonts", abs);
		char *cache = xasprintf("%s/build/fontconfig-cache", abs);
		f = fonts_open(dir, cache, NULL, &dl);
		free(dir);
		free(cache);
	}
	if (f == NULL)
		diag_print(&dl, stderr);
	diag_free(&dl);
	return f;
}

/* Close f and release what cairo and Pango keep for the whole process
 * (cairo's font-face cache, this thread's font map), so LeakSanitizer
 * sees only what the code under test might leak. */
static inline void
lt_fonts_close(struct fonts *f)
{
	fonts_close(f);
	pangofonts_thread_release();
	cairo_debug_reset_static_data();
}

#endif
