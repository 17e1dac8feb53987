/*
 * build_fonts.h -- the pinned fonts of one build run (fonts/), opened once
 * when some output needs them and shared by the stages that draw text
 * (build_bulletin.c, build_site.c), so neither asks the other.
 */
#ifndef LANTIAN_BUILD_FONTS_H
#define LANTIAN_BUILD_FONTS_H

#include "build_graph.h"
#include "fonts.h"

#define FONTS_DIR "fonts"
#define FONTS_LOCK FONTS_DIR "/fonts.lock"
#define FONTS_CONF FONTS_DIR "/fonts.conf"
#define FONTS_CACHE "output/.lantian/fontconfig"

/* The pinned fonts, opened on first use (NULL with the error in
 * b->bul_dl); closed by build_fonts_close(). */
const struct fonts *build_fonts(struct build *b);
void build_fonts_close(struct build *b);

#endif
