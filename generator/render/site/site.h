/*
 * site.h -- the public information-disclosure website (output/site/), a
 * static HTML site made from the build's outputs: the plan models
 * (output/xml/), the unit registry, the merged documents
 * (output/merged/), the area outputs (output/air/) and the bulletins
 * (output/bulletin/). Pages are XSLT templates (templates/site/NAME.xsl)
 * applied to XML from those files; staff pages in Markdown go through
 * cmark; charts are SVG drawn by chart.c.
 *
 * The site is a list of pages. Each page names the files it is made from
 * (its dependencies, relative to the publication root), so the build tool
 * renders only the pages whose inputs changed. Page kinds live in their
 * own files, each adding its pages to the list, and are registered as one
 * row each of site_kinds[] (site_kinds.c); this core never names them:
 *   site_core.c      home, plans, tasks, plan source text, units, deadlines
 *   site_air.c       air quality per area (tables, calendar, SVG charts)
 *   site_bulletins.c the bulletin archive, HTML editions, the PDFs
 *   site_meta.c      Atom feed, sitemap.xml, 404, data downloads, about
 *   site_search.c    the search page and its offline index
 *
 * Paths: every page path is relative to output/site/, made only of
 * [a-z0-9._/-] segments (site_path_ok), so nothing derived from data can
 * leave output/site/. Links inside pages are relative (the `root` prefix,
 * "../" per level), so the site works from a sub-path and from file://.
 *
 * Ownership: site_open() returns a context freed by site_close(); a
 * struct site_pages is owned by the caller (site_pages_free). Rendering is
 * deterministic: the same inputs give the same bytes.
 */
#ifndef LANTIAN_SITE_H
#define LANTIAN_SITE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "fonts.h"

#define SITE_DIR "output/site"

struct site;
struct site_page;

/* Render one page into out. Returns 1, or 0 with errors in dl. */
typedef int (*site_render_fn)(struct site *s, const struct site_page *pg,
    struct buf *out, struct diag_list *dl);

struct site_page {
	char *path;        /* under output/site/, e.g. "plans/nanzhao-2024/index.html" */
	char *arg;         /* the page kind's own key (plan id, unit id ...); may be NULL */
	char **deps;       /* input files relative to the root; the page is
	                      rebuilt when one of them changes (templates and
	                      the generator are implied) */
	size_t n_deps;
	site_render_fn render;
	int copy;          /* 1: a verbatim copy of deps[0] (PDFs, data files) */
};

struct site_pages {
	struct site_page *v;
	size_t n, cap;
};

/*
 * Load what every page needs from root (the publication root holding
 * output/ and templates/): the plan models, the unit registry, the list
 * of merged documents and area outputs, and the compiled stylesheets.
 * f (may be NULL: charts are then left out with a warning) draws the SVG
 * charts. Returns NULL with errors in dl.
 */
struct site *site_open(const char *root, const struct fonts *f,
    struct diag_list *dl);
void site_close(struct site *s);

/* A page kind: the function that adds its pages (none may fail: a kind
 * that cannot make a page records it when the page is rendered). */
struct site_kind {
	const char *name;
	void (*pages)(struct site *s, struct site_pages *out);
};
/* The page kinds, in the order site_enumerate() asks them (site_kinds.c). */
extern const struct site_kind site_kinds[];
extern const size_t site_n_kinds;

/* Every page of the site, in a stable order (sorted by path). */
int site_enumerate(struct site *s, struct site_pages *out,
    struct diag_list *dl);

/* Add a page (path and arg are copied; deps is a NULL-terminated list of
 * paths, copied). Returns the new page. */
struct site_page *site_pages_add(struct site_pages *ps, const char *path,
    const char *arg, site_render_fn render, const char *const *deps);
void site_page_add_dep(struct site_page *pg, const char *dep);
void site_pages_free(struct site_pages *ps);

/* 1 when path is a safe relative page path (no "..", no leading "/",
 * only [a-z0-9._/-]). */
int site_path_ok(const char *path);

/* "../" repeated for the depth of path ("" for "index.html"), into out. */
void site_root_prefix(const char *path, struct buf *out);

/* Render every page and write it under root/output/site/ atomically,
 * removing pages no longer produced. Used by `lantian site` and tests; the
 * build tool renders incrementally instead. Returns 1, or 0 with errors. */
int site_write_all(struct site *s, struct diag_list *dl);

/* ---- For the page kinds (site_*.c) --------------------------------------
 * What site_open() found, as paths relative to the root, in sorted order.
 * Strings belong to the site and live until site_close().
 */
struct _xmlDoc;

const char *site_root(const struct site *s);
const struct fonts *site_fonts(const struct site *s); /* may be NULL */
/* The site's one attachment (the stylesheet cache of site_xslt.c): made
 * by make(s) on first use, freed by site_close() with free_fn. Not
 * thread-safe, as the document cache is not: pages render on one thread. */
void *site_attachment(struct site *s, void *(*make)(struct site *),
    void (*free_fn)(void *));

/* Plans: output/xml/<id>.xml with a valid id (fs_valid_id), sorted by id. */
size_t site_plan_count(const struct site *s);
const char *site_plan_id(const struct site *s, size_t i);
const char *site_plan_xml(const struct site *s, size_t i); /* output/xml/<id>.xml */
/* Months ("YYYY-MM", ascending) with output/merged/<id>/<ym>.xml. */
size_t site_plan_month_count(const struct site *s, size_t i);
const char *site_plan_month(const struct site *s, size_t i, size_t j);
/* output/merged/<id>/<latest ym>.xml, or NULL when the plan has none. */
const char *site_plan_latest(const struct site *s, size_t i);
/* Index of plan id, or (size_t)-1. */
size_t site_plan_find(const struct site *s, const char *id);

/* Areas: output/air/<slug>/index.xml (not "ranking"), sorted by slug, and
 * each area's months (output/air/<slug>/<ym>.xml, ascending). */
size_t site_area_count(const struct site *s);
const char *site_area_slug(const struct site *s, size_t i);
size_t site_area_month_count(const struct site *s, size_t i);
const char *site_area_month(const struct site *s, size_t i, size_t j);
/* Months of output/air/ranking/<ym>.xml, ascending. */
size_t site_ranking_count(const struct site *s);
const char *site_ranking_month(const struct site *s, size_t j);

/* Bulletin PDFs found: output/bulletin/<plan-id>/<YYYY-MM>.pdf, sorted by
 * plan then month. */
struct site_bulletin {
	const char *plan;  /* plan id */
	const char *ym;    /* "YYYY-MM" */
	const char *pdf;   /* path relative to the root */
};
size_t site_bulletin_count(const struct site *s);
const struct site_bulletin *site_bulletin_at(const struct site *s, size_t i);

/* The parsed document at rel (relative to the root), parsed once per site
 * and owned by it (never free it). NULL with an error in dl. One thread at
 * a time uses a site. */
struct _xmlDoc *site_doc(struct site *s, const char *rel, struct diag_list *dl);
/* Between pages: drop every cached document when those parsed hold more
 * than max_bytes of XML, so a province's site is rendered in bounded
 * memory (pages are rendered in path order, so a plan's documents are
 * reused by its pages before they go). No document pointer may be kept
 * across the call. */
void site_doc_trim(struct site *s, size_t max_bytes);
/* The budget the build uses: XML bytes of parsed documents kept between
 * pages (a parsed tree of our attribute-heavy documents takes 30-40 times
 * its text). */
#define SITE_DOC_CACHE (8u << 20)
/* Drop one document from the cache (a page that reads every plan in
 * turn, like the search index, keeps one at a time). Pointers into it
 * become invalid. */
void site_doc_release(struct site *s, const char *rel);

/*
 * Render page pg with the stylesheet templates/site/<sheet> (compiled once
 * per site) applied to in (the caller's; not freed), into out. params is
 * NULL or a NULL-terminated list of name, value pairs; values are plain
 * strings (quoted here, any characters allowed). Every stylesheet also
 * gets $root (site_root_prefix of pg->path) and $path (pg->path).
 * Inside the stylesheet, lt:doc(string) (xmlns:lt="urn:lantian:site:1")
 * returns the document of one of pg's deps; asking for a file that is not
 * a dep is an error, so a page's deps are exactly what it reads;
 * lt:doc('') is the empty node-set (an optional document left out).
 * Output method html gets "<!DOCTYPE html>" in front (HTML5); method xml
 * is written as the stylesheet says. Returns 1, or 0 with errors in dl.
 */
int site_xslt_page(struct site *s, const char *sheet, struct _xmlDoc *in,
    const struct site_page *pg, const char *const *params, struct buf *out,
    struct diag_list *dl);

/* The template files (templates/site/NAME.xsl and what each imports or
 * includes, as paths relative to the root, in first-use order) of the
 * stylesheets s applied since the last site_templates_reset(): what a
 * page just rendered depends on besides its deps, so a changed template
 * re-renders only the pages that apply it. */
struct strvec;
/* Call once on the main thread before pages are rendered on several
 * threads (the libraries' global set-up). */
void site_threads_init(void);
void site_templates_reset(struct site *s);
const struct strvec *site_templates_used(struct site *s);

#endif
