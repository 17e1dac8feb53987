/*
 * pangofonts.h -- Pango on the pinned fonts. Every Pango font map the
 * program uses comes from here, so text is only ever set in the faces of
 * fonts/fonts.conf, and with the same metrics on every machine (no
 * hinting, no rounding of glyph positions).
 *
 * The caller owns the returned objects and releases them with
 * g_object_unref(). A font map is used by one thread at a time.
 */
#ifndef LANTIAN_PANGOFONTS_H
#define LANTIAN_PANGOFONTS_H

#include <pango/pangocairo.h>

#include "fonts.h"

/* A new PangoCairo font map on f's private fontconfig configuration. */
PangoFontMap *pangofonts_map(const struct fonts *f);

/*
 * The calling thread's font map on f, shared by every document and chart
 * that thread sets: loading the CJK faces into FreeType and HarfBuzz costs
 * more than typesetting a bulletin, so a build pays it once per thread,
 * not once per document. Returns a new reference (g_object_unref()); the
 * thread's own reference goes when the thread ends. Text set through it is
 * the same as through a fresh map (no hinting, no rounding).
 */
PangoFontMap *pangofonts_thread_map(const struct fonts *f);
/* Drop the calling thread's map now (before cairo_debug_reset_static_data
 * in a test, which asserts that no font is alive). */
void pangofonts_thread_release(void);

/* A context on fm for drawing into cr (cr may be NULL: layout only), with
 * unhinted metrics and unrounded glyph positions. */
PangoContext *pangofonts_context(PangoFontMap *fm, cairo_t *cr);

/* A font description for a role at size_pt points. Free with
 * pango_font_description_free(). */
PangoFontDescription *pangofonts_desc(enum font_role r, double size_pt);

#endif
