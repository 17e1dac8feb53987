/*
 * fontsubset.c -- see fontsubset.h. A PangoRenderer that either records
 * the glyphs it is asked to show or shows them from cut-down faces,
 * drawing exactly as Pango's Cairo renderer does (same glyph positions,
 * clusters for the text layer, colours and rectangles).
 *
 * The cut faces are kept with the thread's Pango font map (as its object
 * data, so they go when it goes) and grow: a document whose glyphs are all
 * in a face's cut so far uses it as it is, with the glyph metrics Cairo
 * has already computed for it; otherwise the face is cut again to the
 * union. What Cairo embeds depends only on the glyphs a document shows, so
 * the PDF bytes do not depend on which documents came before.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <pango/pangofc-font.h>

#include "cff_keep.h"
#include "fontsubset.h"

/* Outlives any one document: Cairo keeps fonts in its caches after the
 * document is gone, and frees them (and so their FT_Face) whenever it
 * likes. FreeType wants face creation and release on one library
 * serialised. */
static FT_Library ft_lib;
static pthread_mutex_t ft_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t ft_once = PTHREAD_ONCE_INIT;
static int ft_ok;

static void
ft_init(void)
{
	ft_ok = FT_Init_FreeType(&ft_lib) == 0;
}

struct ft_hold {
	FT_Face ft;
	hb_blob_t *blob;            /* the subset font's bytes, FT reads them */
};

static void
ft_hold_free(void *p)
{
	struct ft_hold *h = p;

	pthread_mutex_lock(&ft_lock);
	FT_Done_Face(h->ft);
	pthread_mutex_unlock(&ft_lock);
	hb_blob_destroy(h->blob);
	free(h);
}

static const cairo_user_data_key_t hold_key;

/* A Cairo face on a cut of face to the glyphs in keep; NULL when it cannot
 * be made. */
static cairo_font_face_t *
cut_face(hb_face_t *face, const hb_set_t *keep)
{
	struct ft_hold *h;
	cairo_font_face_t *cf;
	unsigned int len;
	const char *data;
	FT_Error err;

	pthread_once(&ft_once, ft_init);
	if (!ft_ok)
		return NULL;
	h = calloc(1, sizeof *h);
	if (h == NULL)
		return NULL;
	h->blob = cff_keep_glyphs(face, keep);
	if (h->blob == NULL) {
		free(h);
		return NULL;
	}
	data = hb_blob_get_data(h->blob, &len);
	pthread_mutex_lock(&ft_lock);
	err = FT_New_Memory_Face(ft_lib, (const FT_Byte *)data, (FT_Long)len,
	    0, &h->ft);
	pthread_mutex_unlock(&ft_lock);
	if (err != 0) {
		hb_blob_destroy(h->blob);
		free(h);
		return NULL;
	}
	cf = cairo_ft_font_face_create_for_ft_face(h->ft, 0);
	if (cairo_font_face_set_user_data(cf, &hold_key, h, ft_hold_free) !=
	    CAIRO_STATUS_SUCCESS) {
		cairo_font_face_destroy(cf);
		ft_hold_free(h);
		return NULL;
	}
	return cf;
}

/* ---- the font map's cut faces ---- */

struct cut {
	hb_face_t *face;            /* Pango's face (a reference) */
	int whole;                  /* not CFF: used whole, never cut */
	hb_set_t *glyphs;           /* in cf */
	cairo_font_face_t *cf;
	GHashTable *scaled;         /* PangoFont * -> cairo_scaled_font_t *
	                               on cf (NULL: draw with Pango's) */
};

static void
cut_free(void *p)
{
	struct cut *c = p;

	g_hash_table_destroy(c->scaled);
	if (c->cf != NULL)
		cairo_font_face_destroy(c->cf);
	hb_set_destroy(c->glyphs);
	hb_face_destroy(c->face);
	g_free(c);
}

static const char cache_key[] = "lantian-fontsubset-cuts";

/* The cut of face kept with fm, made (empty) when there is none. */
static struct cut *
cut_of(PangoFontMap *fm, hb_face_t *face)
{
	GHashTable *cuts = g_object_get_data(G_OBJECT(fm), cache_key);
	struct cut *c;

	if (cuts == NULL) {
		cuts = g_hash_table_new_full(g_direct_hash, g_direct_equal,
		    NULL, cut_free);
		g_object_set_data_full(G_OBJECT(fm), cache_key, cuts,
		    (GDestroyNotify)g_hash_table_destroy);
	}
	c = g_hash_table_lookup(cuts, face);
	if (c == NULL) {
		hb_blob_t *cffb = hb_face_reference_table(face,
		    HB_TAG('C', 'F', 'F', ' '));

		c = g_new0(struct cut, 1);
		c->face = hb_face_reference(face);
		/* TrueType faces are used whole: Cairo reads their glyphs
		 * one by one. */
		c->whole = hb_blob_get_length(cffb) == 0;
		hb_blob_destroy(cffb);
		c->glyphs = hb_set_create();
		c->scaled = g_hash_table_new_full(g_direct_hash,
		    g_direct_equal, g_object_unref,
		    (GDestroyNotify)cairo_scaled_font_destroy);
		g_hash_table_insert(cuts, face, c);
	}
	return c;
}

/* Make c cover glyphs: cut again to the union when some are missing.
 * Returns 0 when the face cannot be cut. */
static int
cut_cover(struct cut *c, const hb_set_t *glyphs)
{
	cairo_font_face_t *cf;

	if (c->whole || (c->cf != NULL && hb_set_is_subset(glyphs, c->glyphs)))
		return 1;
	hb_set_union(c->glyphs, glyphs);
	cf = cut_face(c->face, c->glyphs);
	if (cf == NULL)
		return 0;
	g_hash_table_remove_all(c->scaled);
	if (c->cf != NULL)
		cairo_font_face_destroy(c->cf);
	c->cf = cf;
	return 1;
}

/* ---- one document's glyphs ---- */

struct face_glyphs {
	hb_face_t *face;            /* a reference */
	PangoFontMap *fm;           /* a reference */
	hb_set_t *glyphs;
};

/* ---- the renderer ---- */

typedef struct {
	PangoRenderer parent;
	struct fontsubset *fs;
	cairo_t *cr;
	double x0, y0;              /* the current point when drawing began */
	int text_glyphs;            /* the target keeps text with glyphs */
} LtSubsetRenderer;

typedef struct {
	PangoRendererClass parent_class;
} LtSubsetRendererClass;

GType lt_subset_renderer_get_type(void);
G_DEFINE_TYPE(LtSubsetRenderer, lt_subset_renderer, PANGO_TYPE_RENDERER)

struct fontsubset {
	int drawing;                /* after fontsubset_prepare() */
	GHashTable *faces;          /* hb_face_t * -> struct face_glyphs * */
	LtSubsetRenderer *r;
};

static const cairo_user_data_key_t attach_key;

static hb_face_t *
hb_face_of(PangoFont *font)
{
	hb_font_t *hf = pango_font_get_hb_font(font);

	return hf != NULL ? hb_font_get_face(hf) : NULL;
}

static struct face_glyphs *
face_of(struct fontsubset *fs, PangoFont *font)
{
	hb_face_t *face = hb_face_of(font);
	PangoFontMap *fm = pango_font_get_font_map(font);
	struct face_glyphs *fg;

	if (face == NULL || fm == NULL)
		return NULL;
	fg = g_hash_table_lookup(fs->faces, face);
	if (fg == NULL) {
		fg = g_new0(struct face_glyphs, 1);
		fg->face = hb_face_reference(face);
		fg->fm = g_object_ref(fm);
		fg->glyphs = hb_set_create();
		g_hash_table_insert(fs->faces, face, fg);
	}
	return fg;
}

static void
face_glyphs_free(void *p)
{
	struct face_glyphs *fg = p;

	hb_set_destroy(fg->glyphs);
	hb_face_destroy(fg->face);
	g_object_unref(fg->fm);
	g_free(fg);
}

static int
glyph_shown(PangoGlyph g)
{
	return g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG);
}

static void
record(struct fontsubset *fs, PangoFont *font,
    const PangoGlyphString *glyphs)
{
	struct face_glyphs *fg = face_of(fs, font);

	if (fg == NULL)
		return;
	for (int i = 0; i < glyphs->num_glyphs; i++)
		if (glyph_shown(glyphs->glyphs[i].glyph))
			hb_set_add(fg->glyphs, glyphs->glyphs[i].glyph);
}

/* The scaled font on the cut face standing for Pango's font: same size,
 * matrix and options. NULL: use Pango's (a face used whole, or a font
 * with synthetic styling the cut face would not carry). */
static cairo_scaled_font_t *
scaled_of(PangoFont *font)
{
	hb_face_t *face = hb_face_of(font);
	PangoFontMap *fm = pango_font_get_font_map(font);
	cairo_scaled_font_t *ps, *sf = NULL;
	struct cut *c;
	cairo_matrix_t m, ctm;
	cairo_font_options_t *fo;
	FcPattern *pat;
	FcBool synthetic = FcFalse;
	FcMatrix *mx;

	if (face == NULL || fm == NULL)
		return NULL;
	c = cut_of(fm, face);
	if (c->cf == NULL)
		return NULL;
	if (g_hash_table_lookup_extended(c->scaled, font, NULL, (void **)&sf))
		return sf;
	ps = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	pat = PANGO_IS_FC_FONT(font) ?
	    pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
	if (pat != NULL) {
		FcPatternGetBool(pat, FC_EMBOLDEN, 0, &synthetic);
		if (FcPatternGetMatrix(pat, FC_MATRIX, 0, &mx) ==
		    FcResultMatch && (mx->xx != 1 || mx->yy != 1 ||
		    mx->xy != 0 || mx->yx != 0))
			synthetic = FcTrue;
	}
	if (ps != NULL && !synthetic) {
		cairo_scaled_font_get_font_matrix(ps, &m);
		cairo_scaled_font_get_ctm(ps, &ctm);
		fo = cairo_font_options_create();
		cairo_scaled_font_get_font_options(ps, fo);
		sf = cairo_scaled_font_create(c->cf, &m, &ctm, fo);
		cairo_font_options_destroy(fo);
		if (cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS) {
			cairo_scaled_font_destroy(sf);
			sf = NULL;
		}
	}
	g_hash_table_insert(c->scaled, g_object_ref(font), sf);
	return sf;
}

/* As Pango's Cairo renderer: the part's colour, else the source's. */
static void
set_colour(LtSubsetRenderer *r, PangoRenderPart part)
{
	PangoRenderer *pr = (PangoRenderer *)r;
	PangoColor *c = pango_renderer_get_color(pr, part);
	guint16 a = pango_renderer_get_alpha(pr, part);
	double red = 0, green = 0, blue = 0, alpha = 1;

	if (a == 0 && c == NULL)
		return;
	if (c != NULL) {
		red = c->red / 65535.;
		green = c->green / 65535.;
		blue = c->blue / 65535.;
	} else {
		cairo_pattern_t *p = cairo_get_source(r->cr);
		if (p != NULL &&
		    cairo_pattern_get_type(p) == CAIRO_PATTERN_TYPE_SOLID)
			cairo_pattern_get_rgba(p, &red, &green, &blue, &alpha);
	}
	if (a != 0)
		alpha = a / 65535.;
	cairo_set_source_rgba(r->cr, red, green, blue, alpha);
}

static void
show(LtSubsetRenderer *r, PangoFont *font, const PangoGlyphString *glyphs,
    const char *text, int text_len, const cairo_text_cluster_t *clusters,
    int nclusters, int backward, int x, int y)
{
	cairo_scaled_font_t *sf;
	cairo_glyph_t *cg;
	double bx = r->x0 + (double)x / PANGO_SCALE;
	double by = r->y0 + (double)y / PANGO_SCALE;
	int xpos = 0, n = 0;

	if (!r->fs->drawing) {
		record(r->fs, font, glyphs);
		return;
	}
	sf = scaled_of(font);
	if (sf == NULL)
		sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	if (sf == NULL)
		return;
	cairo_save(r->cr);
	set_colour(r, PANGO_RENDER_PART_FOREGROUND);
	cairo_set_scaled_font(r->cr, sf);
	cg = g_new(cairo_glyph_t, glyphs->num_glyphs > 0 ?
	    glyphs->num_glyphs : 1);
	for (int i = 0; i < glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *gi = &glyphs->glyphs[i];

		if (glyph_shown(gi->glyph)) {
			cg[n].index = gi->glyph;
			cg[n].x = bx + (double)(xpos + gi->geometry.x_offset) /
			    PANGO_SCALE;
			cg[n].y = gi->geometry.y_offset == 0 ? by :
			    by + (double)gi->geometry.y_offset / PANGO_SCALE;
			n++;
		}
		xpos += gi->geometry.width;
	}
	if (clusters != NULL)
		cairo_show_text_glyphs(r->cr, text, text_len, cg, n, clusters,
		    nclusters, backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
	else
		cairo_show_glyphs(r->cr, cg, n);
	g_free(cg);
	cairo_restore(r->cr);
}

static void
draw_glyphs(PangoRenderer *pr, PangoFont *font, PangoGlyphString *glyphs,
    int x, int y)
{
	show((LtSubsetRenderer *)pr, font, glyphs, NULL, 0, NULL, 0, 0, x, y);
}

/* The clusters as Pango's Cairo renderer makes them, so the PDF's text
 * (copy, search, pdftotext) is the same. */
static void
draw_glyph_item(PangoRenderer *pr, const char *text, PangoGlyphItem *gi,
    int x, int y)
{
	LtSubsetRenderer *r = (LtSubsetRenderer *)pr;
	PangoItem *item = gi->item;
	PangoGlyphString *glyphs = gi->glyphs;
	int backward = (item->analysis.level & 1) != 0;
	PangoGlyphItemIter it;
	cairo_text_cluster_t *cl;
	int ncl = 0;

	if (!r->fs->drawing || !r->text_glyphs) {
		show(r, item->analysis.font, glyphs, text + item->offset,
		    item->length, NULL, 0, 0, x, y);
		return;
	}
	cl = g_new(cairo_text_cluster_t, glyphs->num_glyphs > 0 ?
	    glyphs->num_glyphs : 1);
	if (pango_glyph_item_iter_init_start(&it, gi, text)) {
		do {
			int nb = it.end_index - it.start_index;
			int ng = backward ? it.start_glyph - it.end_glyph :
			    it.end_glyph - it.start_glyph;
			int lo = MIN(it.start_glyph, it.end_glyph + 1);
			int hi = MAX(it.start_glyph + 1, it.end_glyph);

			for (int i = lo; i < hi; i++)
				if (!glyph_shown(glyphs->glyphs[i].glyph))
					ng--;
			cl[ncl].num_bytes = nb;
			cl[ncl].num_glyphs = ng;
			ncl++;
		} while (pango_glyph_item_iter_next_cluster(&it));
	}
	show(r, item->analysis.font, glyphs, text + item->offset, item->length,
	    cl, ncl, backward, x, y);
	g_free(cl);
}

static void
draw_rectangle(PangoRenderer *pr, PangoRenderPart part, int x, int y,
    int w, int h)
{
	LtSubsetRenderer *r = (LtSubsetRenderer *)pr;

	cairo_save(r->cr);
	set_colour(r, part);
	cairo_rectangle(r->cr, r->x0 + (double)x / PANGO_SCALE,
	    r->y0 + (double)y / PANGO_SCALE, (double)w / PANGO_SCALE,
	    (double)h / PANGO_SCALE);
	cairo_fill(r->cr);
	cairo_restore(r->cr);
}

static void
lt_subset_renderer_init(LtSubsetRenderer *r)
{
	(void)r;
}

static void
lt_subset_renderer_class_init(LtSubsetRendererClass *k)
{
	PangoRendererClass *rc = PANGO_RENDERER_CLASS(k);

	rc->draw_glyphs = draw_glyphs;
	rc->draw_glyph_item = draw_glyph_item;
	rc->draw_rectangle = draw_rectangle;
}

/* ---- the interface ---- */

struct fontsubset *
fontsubset_new(void)
{
	struct fontsubset *fs = g_new0(struct fontsubset, 1);

	fs->faces = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    NULL, face_glyphs_free);
	fs->r = g_object_new(lt_subset_renderer_get_type(), NULL);
	fs->r->fs = fs;
	return fs;
}

void
fontsubset_free(struct fontsubset *fs)
{
	if (fs == NULL)
		return;
	g_object_unref(fs->r);
	g_hash_table_destroy(fs->faces);
	g_free(fs);
}

void
fontsubset_attach(struct fontsubset *fs, cairo_t *cr)
{
	cairo_set_user_data(cr, &attach_key, fs, NULL);
}

int
fontsubset_prepare(struct fontsubset *fs, struct diag_list *dl)
{
	GHashTableIter it;
	void *v;
	int ok = 1;

	g_hash_table_iter_init(&it, fs->faces);
	while (g_hash_table_iter_next(&it, NULL, &v)) {
		struct face_glyphs *fg = v;

		if (!cut_cover(cut_of(fg->fm, fg->face), fg->glyphs)) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "无法为 PDF 裁剪字体：字体的 CFF 表不是可读的 CID 字体");
			ok = 0;
		}
	}
	fs->drawing = 1;
	return ok;
}

static LtSubsetRenderer *
begin(cairo_t *cr)
{
	struct fontsubset *fs = cairo_get_user_data(cr, &attach_key);
	LtSubsetRenderer *r;

	if (fs == NULL)
		return NULL;
	r = fs->r;
	r->cr = cr;
	r->x0 = r->y0 = 0;
	if (cairo_has_current_point(cr))
		cairo_get_current_point(cr, &r->x0, &r->y0);
	r->text_glyphs =
	    cairo_surface_has_show_text_glyphs(cairo_get_target(cr));
	return r;
}

/* As Pango: the current point is where it was. */
static void
end(LtSubsetRenderer *r, int had_point)
{
	if (had_point)
		cairo_move_to(r->cr, r->x0, r->y0);
	else
		cairo_new_sub_path(r->cr);
	r->cr = NULL;
}

void
fontsubset_show_layout(cairo_t *cr, PangoLayout *l)
{
	int had = cairo_has_current_point(cr);
	LtSubsetRenderer *r = begin(cr);

	if (r == NULL) {
		pango_cairo_show_layout(cr, l);
		return;
	}
	pango_renderer_draw_layout((PangoRenderer *)r, l, 0, 0);
	end(r, had);
}

void
fontsubset_show_layout_line(cairo_t *cr, PangoLayoutLine *line)
{
	int had = cairo_has_current_point(cr);
	LtSubsetRenderer *r = begin(cr);

	if (r == NULL) {
		pango_cairo_show_layout_line(cr, line);
		return;
	}
	pango_renderer_draw_layout_line((PangoRenderer *)r, line, 0, 0);
	end(r, had);
}
