/*
 * pangofonts.c -- Pango font maps and contexts on the pinned fonts.
 */
#include <pthread.h>

#include <pango/pangofc-fontmap.h>

#include "pangofonts.h"

PangoFontMap *
pangofonts_map(const struct fonts *f)
{
	PangoFontMap *fm;

	/* A fresh map, never pango_cairo_font_map_get_default(): the default
	 * one reads the system configuration. */
	fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	if (fm == NULL)
		return NULL;
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm),
	    (FcConfig *)fonts_fcconfig(f));
	/* Pango's resolution defaults to 96 dpi; points are what we mean. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(fm), 72.0);
	return fm;
}

/* Keyed by the fontconfig configuration: the map holds a reference to
 * it, so while the map lives no other configuration can take its address
 * (a struct fonts can: tests open and close them). */
struct thread_map {
	void *config;
	PangoFontMap *fm;
};

static pthread_key_t map_key;
static pthread_once_t map_once = PTHREAD_ONCE_INIT;

static void
thread_map_free(void *p)
{
	struct thread_map *tm = p;
	g_object_unref(tm->fm);
	g_free(tm);
}

static void
map_key_make(void)
{
	(void)pthread_key_create(&map_key, thread_map_free);
}

PangoFontMap *
pangofonts_thread_map(const struct fonts *f)
{
	struct thread_map *tm;

	pthread_once(&map_once, map_key_make);
	tm = pthread_getspecific(map_key);
	if (tm != NULL && tm->config != fonts_fcconfig(f)) {
		/* Another set of fonts (a test opening them again). */
		(void)pthread_setspecific(map_key, NULL);
		thread_map_free(tm);
		tm = NULL;
	}
	if (tm == NULL) {
		PangoFontMap *fm = pangofonts_map(f);
		if (fm == NULL)
			return NULL;
		tm = g_new0(struct thread_map, 1);
		tm->config = fonts_fcconfig(f);
		tm->fm = fm;
		(void)pthread_setspecific(map_key, tm);
	}
	return g_object_ref(tm->fm);
}

void
pangofonts_thread_release(void)
{
	struct thread_map *tm;

	pthread_once(&map_once, map_key_make);
	tm = pthread_getspecific(map_key);
	if (tm != NULL) {
		(void)pthread_setspecific(map_key, NULL);
		thread_map_free(tm);
	}
}

PangoContext *
pangofonts_context(PangoFontMap *fm, cairo_t *cr)
{
	PangoContext *pc;
	cairo_font_options_t *fo;

	pc = pango_font_map_create_context(fm);
	if (cr != NULL)
		pango_cairo_update_context(cr, pc);
	/* Metrics independent of any device: the same line breaks in the PDF,
	 * the SVG and on every machine. */
	fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(pc, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_context_set_language(pc, pango_language_from_string("zh-cn"));
	return pc;
}

PangoFontDescription *
pangofonts_desc(enum font_role r, double size_pt)
{
	PangoFontDescription *fd;

	fd = pango_font_description_new();
	pango_font_description_set_family(fd, fonts_role_family(r));
	pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
	return fd;
}
