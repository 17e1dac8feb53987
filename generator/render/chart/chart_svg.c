/*
 * chart_svg.c -- a chart as a standalone SVG document for the site.
 *
 * Cairo's SVG surface writes glyphs as <symbol id="glyphF-G"> outlines
 * numbered per document (deterministic), but names the drawing's group
 * "surface<N>" after a counter global to the process: the second chart a
 * process draws says surface7 where a fresh process says surface1. The
 * document is therefore read back with libxml2, such ids (and references
 * to them) renumbered in document order, and the root given a viewBox
 * (so it scales to a phone's width), role="img" and a <title>.
 */
#include <cairo-svg.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "chart.h"
#include "pangofonts.h"
#include "util.h"

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draw into a new SVG document in raw. Returns 1, or 0 with an error. */
static int
render(struct buf *raw, const struct fonts *f, double w, double h,
    chart_draw_fn draw, const void *ctx, struct diag_list *dl)
{
	cairo_surface_t *s;
	cairo_t *cr;
	PangoFontMap *fm;
	PangoContext *pc;
	cairo_status_t st;

	s = cairo_svg_surface_create_for_stream(write_buf, raw, w, h);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	/* Points, as everywhere else in the charts and the PDF. */
	cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
	cr = cairo_create(s);
	fm = pangofonts_thread_map(f);
	if (fm == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表：无法创建字体映射");
		cairo_destroy(cr);
		cairo_surface_destroy(s);
		return 0;
	}
	pc = pangofonts_context(fm, cr);
	draw(cr, pc, w, h, ctx);
	g_object_unref(pc);
	g_object_unref(fm);
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表：SVG 绘制失败（%s）",
		    cairo_status_to_string(st));
		return 0;
	}
	return 1;
}

/* The ids cairo numbers per process: a prefix and digits. */
static int
process_id(const char *s)
{
	static const char *const prefix[] = { "surface", "image", "source" };

	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++) {
		size_t n = strlen(prefix[i]);
		if (strncmp(s, prefix[i], n) == 0 && isdigit((unsigned char)s[n]))
			return 1;
	}
	return 0;
}

struct idmap {
	struct idpair { char *from, *to; } *v;
	size_t n, cap;
};

static const char *
idmap_get(const struct idmap *m, const char *id)
{
	for (size_t i = 0; i < m->n; i++)
		if (strcmp(m->v[i].from, id) == 0)
			return m->v[i].to;
	return NULL;
}

static void
idmap_add(struct idmap *m, const char *id)
{
	if (idmap_get(m, id))
		return;
	m->v = xgrow(m->v, &m->cap, m->n + 1, sizeof *m->v);
	m->v[m->n].from = xstrdup(id);
	m->v[m->n].to = xasprintf("c%zu", m->n + 1);
	m->n++;
}

static void
idmap_free(struct idmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].from);
		free(m->v[i].to);
	}
	free(m->v);
}

/* Collect process-numbered ids in document order. */
static void
collect_ids(xmlNode *n, struct idmap *m)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, BAD_CAST "id");
		if (id != NULL && process_id((const char *)id))
			idmap_add(m, (const char *)id);
		xmlFree(id);
		collect_ids(n->children, m);
	}
}

/* s with every "#<id>" of the map replaced (ids end at a character that
 * cannot be part of one). Returns NULL when nothing changed. */
static char *
rewrite_refs(const char *s, const struct idmap *m)
{
	struct buf b = { 0 };
	int changed = 0;

	while (*s) {
		const char *hash = strchr(s, '#'), *e;
		if (hash == NULL) {
			buf_puts(&b, s);
			break;
		}
		buf_put(&b, s, (size_t)(hash - s) + 1);
		for (e = hash + 1; isalnum((unsigned char)*e) || *e == '-' ||
		    *e == '_'; e++)
			;
		char *id = xstrndup(hash + 1, (size_t)(e - hash - 1));
		const char *to = idmap_get(m, id);
		free(id);
		if (to != NULL) {
			buf_puts(&b, to);
			changed = 1;
		} else {
			buf_put(&b, hash + 1, (size_t)(e - hash - 1));
		}
		s = e;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

static void
renumber(xmlNode *n, const struct idmap *m)
{
	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (xmlAttr *a = n->properties; a != NULL; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			const char *to;
			char *nv = NULL;
			if (v == NULL)
				continue;
			if (xmlStrcmp(a->name, BAD_CAST "id") == 0 &&
			    (to = idmap_get(m, (const char *)v)) != NULL)
				nv = xstrdup(to);
			else
				nv = rewrite_refs((const char *)v, m);
			if (nv != NULL)
				xmlSetNsProp(n, a->ns, a->name, BAD_CAST nv);
			free(nv);
			xmlFree(v);
		}
		renumber(n->children, m);
	}
}

/* viewBox, role and title on the root. */
static void
dress_root(xmlNode *root, double w, double h, const char *title)
{
	char vb[96];

	snprintf(vb, sizeof vb, "0 0 %g %g", w, h);
	xmlSetProp(root, BAD_CAST "viewBox", BAD_CAST vb);
	if (title == NULL)
		return;
	xmlSetProp(root, BAD_CAST "role", BAD_CAST "img");
	/* The title must be the first child to serve as the accessible
	 * name; xmlNewTextChild escapes it. */
	xmlNode *t = xmlNewDocNode(root->doc, root->ns, BAD_CAST "title",
	    NULL);
	xmlNodeAddContent(t, BAD_CAST title);
	if (root->children != NULL)
		xmlAddPrevSibling(root->children, t);
	else
		xmlAddChild(root, t);
}

int
chart_svg_titled(struct buf *out, const struct fonts *f, double w, double h,
    const char *title, chart_draw_fn draw, const void *ctx,
    struct diag_list *dl)
{
	struct buf raw = { 0 };
	struct idmap m = { 0 };
	xmlDoc *doc;
	xmlChar *mem;
	int len;

	if (f == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表：没有可用的字体");
		return 0;
	}
	if (!(w > 0 && h > 0 && w < 1e5 && h < 1e5)) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表：尺寸无效（%g × %g）",
		    w, h);
		return 0;
	}
	if (!render(&raw, f, w, h, draw, ctx, dl)) {
		buf_free(&raw);
		return 0;
	}
	doc = xmlReadMemory(raw.data, (int)raw.len, "chart.svg", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	buf_free(&raw);
	if (doc == NULL || xmlDocGetRootElement(doc) == NULL) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "图表：cairo 生成的 SVG 无法解析");
		xmlFreeDoc(doc);
		return 0;
	}
	collect_ids(xmlDocGetRootElement(doc), &m);
	renumber(xmlDocGetRootElement(doc), &m);
	idmap_free(&m);
	dress_root(xmlDocGetRootElement(doc), w, h, title);
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 0);
	buf_put(out, mem, (size_t)len);
	xmlFree(mem);
	xmlFreeDoc(doc);
	return 1;
}

int
chart_svg(struct buf *out, const struct fonts *f, double w, double h,
    chart_draw_fn draw, const void *ctx, struct diag_list *dl)
{
	return chart_svg_titled(out, f, w, h, NULL, draw, ctx, dl);
}
