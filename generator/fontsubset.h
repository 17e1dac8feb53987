/*
 * fontsubset.h -- text on a PDF page set in faces cut down to the glyphs
 * the document uses.
 *
 * Why: Cairo embeds a subset of each face in the PDF, but to make it it
 * copies the face's whole CFF table, twice (once when the face's first
 * glyph is shown, again at cairo_surface_finish()); for the Noto CJK faces
 * that is some 55 MB per face and most of a bulletin's time. Here the
 * document is drawn twice: first onto a throw-away surface, recording
 * which glyphs (and characters) of which face are shown; then HarfBuzz's
 * subsetter cuts each face down to those glyphs, keeping their glyph ids
 * (HB_SUBSET_FLAGS_RETAIN_GIDS, so Pango's shaping stays valid), and the
 * real pass shows the same glyphs, at the same positions, from the small
 * faces. Cairo's own subsetting then reads kilobytes instead of megabytes.
 * Nothing else changes: layout and shaping are Pango's, on the pinned
 * faces.
 *
 * Use: fontsubset_new(); fontsubset_attach(fs, cr) on the throw-away
 * context; draw every page with fontsubset_show_layout(_line) where
 * pango_cairo_show_layout(_line) would be; fontsubset_prepare(); attach to
 * the PDF context and draw again; fontsubset_free() after the surface is
 * finished. fontsubset_show_layout() on a context with nothing attached
 * is pango_cairo_show_layout() (SVG charts, tests).
 *
 * Ownership: the caller frees what fontsubset_new() returns. A subset
 * face lives as long as Cairo keeps it (its own font caches). Threads: one
 * struct fontsubset per thread; the subset faces of different threads are
 * independent.
 */
#ifndef LANTIAN_FONTSUBSET_H
#define LANTIAN_FONTSUBSET_H

#include <pango/pangocairo.h>

#include "diag.h"

struct fontsubset;

struct fontsubset *fontsubset_new(void);
void fontsubset_free(struct fontsubset *fs);

/* Show text drawn on cr through fs: recorded before fontsubset_prepare(),
 * drawn from the subset faces after it. cr must not outlive fs. */
void fontsubset_attach(struct fontsubset *fs, cairo_t *cr);

/* Cut every face recorded so far down to its glyphs. Returns 1, or 0 with
 * an error in dl (a face HarfBuzz cannot subset). */
int fontsubset_prepare(struct fontsubset *fs, struct diag_list *dl);

/* pango_cairo_show_layout(_line) through the attached struct fontsubset,
 * if any. */
void fontsubset_show_layout(cairo_t *cr, PangoLayout *l);
void fontsubset_show_layout_line(cairo_t *cr, PangoLayoutLine *line);

#endif
