/*
 * cff_keep.h -- an OpenType CFF face reduced to some of its glyphs, glyph
 * ids unchanged: the charstrings of every other glyph become a bare
 * "endchar", everything else of the CFF table (charset, FDSelect, font
 * dicts, subroutines) is kept byte for byte, and only the tables FreeType
 * and Cairo's PDF embedding read are carried over.
 *
 * Why not HarfBuzz's subsetter: with HarfBuzz 6 it takes 40-200 ms per
 * Noto CJK face and document, about what it saves. This is a copy of
 * about 2 MB (the subroutines and the 65,535-entry charstring index) and
 * gives Cairo's own subsetter the same glyphs and subroutines as the whole
 * face would, so the PDF is the same.
 *
 * Only CID-keyed CFF (the Noto CJK faces) is handled; other faces (TrueType
 * outlines: Cairo reads their glyphs one by one anyway) give NULL and are
 * used whole. Nothing here prints; the caller owns the returned blob
 * (hb_blob_destroy).
 */
#ifndef LANTIAN_CFF_KEEP_H
#define LANTIAN_CFF_KEEP_H

#include <hb.h>

hb_blob_t *cff_keep_glyphs(hb_face_t *face, const hb_set_t *keep);

#endif
