/*
 * build_fonts.c -- the pinned fonts of one build run (build_fonts.h).
 */
#include "build_fonts.h"
#include "fsutil.h"

const struct fonts *
build_fonts(struct build *b)
{
	if (!b->fonts && !b->fonts_failed) {
		fs_mkdir_p(FONTS_CACHE);
		b->fonts = fonts_open(FONTS_DIR, FONTS_CACHE, b->cache,
		    &b->bul_dl);
		b->fonts_failed = b->fonts == NULL;
	}
	return b->fonts;
}

void
build_fonts_close(struct build *b)
{
	if (b->fonts)
		fonts_close(b->fonts);
	b->fonts = NULL;
}
