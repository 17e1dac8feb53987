/*
 * site_xslt.c -- XSLT for the site: compiling the stylesheets of templates/site/ once,
 * applying one to a page's input with its parameters, the lt:doc()
 * extension that hands a stylesheet the documents the page depends on
 * (and nothing else), and serialising the result as HTML5.
 *
 * libxslt and libxml2 report through global error callbacks; while we
 * call them the callbacks collect into a buffer that becomes a diagnostic,
 * so nothing is printed from here.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "site.h"
#include "site_xslt.h"
#include "util.h"

struct site_xslt {
	char *dir;
	GHashTable *sheets;        /* name -> xsltStylesheetPtr */
	GHashTable *files;         /* name -> struct strvec *: the template
	                              files a sheet is made of */
	struct strvec used;        /* files of the sheets applied since
	                              site_templates_reset() */
	xsltSecurityPrefsPtr sec;  /* pages read files only through lt:doc */
};

static void
free_files(gpointer p)
{
	if (p) {
		strvec_free(p);
		free(p);
	}
}

static void
free_sheet(gpointer p)
{
	if (p)
		xsltFreeStylesheet(p);
}

struct site_xslt *
site_xslt_new(const char *dir)
{
	struct site_xslt *x = xcalloc(1, sizeof *x);
	x->dir = xstrdup(dir);
	x->sheets = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	    free_sheet);
	x->files = g_hash_table_new_full(g_str_hash, g_str_equal, free,
	    free_files);
	x->sec = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(x->sec, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(x->sec, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
	xsltSetSecurityPrefs(x->sec, XSLT_SECPREF_CREATE_DIRECTORY,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(x->sec, XSLT_SECPREF_READ_NETWORK,
	    xsltSecurityForbid);
	xsltSetSecurityPrefs(x->sec, XSLT_SECPREF_WRITE_NETWORK,
	    xsltSecurityForbid);
	return x;
}

static void *
make_cache(struct site *s)
{
	char *tdir = xasprintf("%s/templates/site", site_root(s));
	struct site_xslt *x = site_xslt_new(tdir);
	free(tdir);
	return x;
}

static void
free_cache(void *p)
{
	site_xslt_free(p);
}

struct site_xslt *
site_xslt_cache(struct site *s)
{
	return site_attachment(s, make_cache, free_cache);
}

void
site_xslt_free(struct site_xslt *x)
{
	if (!x)
		return;
	g_hash_table_destroy(x->sheets);
	g_hash_table_destroy(x->files);
	strvec_free(&x->used);
	xsltFreeSecurityPrefs(x->sec);
	free(x->dir);
	free(x);
}

/* ---- collecting libxml2/libxslt messages ---------------------------- */

/* Pages are rendered on several threads (build_site.c). libxml2's error
 * callback is per thread, libxslt's is one for the process: both are set
 * to collect(), which writes to the calling thread's buffer, so a
 * message never lands in another page's diagnostics. Outside our calls
 * (no buffer) messages are dropped: library code never prints. */
static _Thread_local struct buf *tl_msgs;
static pthread_once_t collect_once = PTHREAD_ONCE_INIT;

static void
collect(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	if (!tl_msgs)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(tl_msgs, fmt, ap);
	va_end(ap);
}

static void
collect_install(void)
{
	xsltSetGenericErrorFunc(NULL, collect);
}

static void
collect_start(struct buf *msgs)
{
	pthread_once(&collect_once, collect_install);
	tl_msgs = msgs;
	xmlSetGenericErrorFunc(NULL, collect);
}

static void
collect_end(void)
{
	tl_msgs = NULL;
	xmlSetGenericErrorFunc(NULL, NULL);
}

/* The collected messages as one line (newlines to "; "), or fallback. */
static const char *
collected(struct buf *msgs, const char *fallback)
{
	if (!msgs->len)
		return fallback;
	while (msgs->len && msgs->data[msgs->len - 1] == '\n')
		buf_truncate(msgs, msgs->len - 1);
	for (size_t i = 0; i < msgs->len; i++)
		if (msgs->data[i] == '\n')
			msgs->data[i] = ' ';
	return msgs->data;
}

static int
sheet_name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n < 5 || strcmp(name + n - 4, ".xsl"))
		return 0;
	for (size_t i = 0; i < n - 4; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* url (as libxslt names a sheet's document: the compiled path, or one
 * built from it for an import) as "templates/site/<name>", when it is a
 * file of x->dir; NULL otherwise. */
static const char *
skip_dot(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static char *
template_rel(const struct site_xslt *x, const char *url)
{
	/* An import's URL is built from the importing sheet's, which
	 * libxml2 normalises ("./t/a.xsl" + "b.xsl" is "t/b.xsl"). */
	const char *dir = skip_dot(x->dir);
	size_t n = strlen(dir);
	if (!url)
		return NULL;
	url = skip_dot(url);
	if (strncmp(url, dir, n) || url[n] != '/')
		return NULL;
	return xasprintf("templates/site/%s", url + n + 1);
}

static void
push_once(struct strvec *v, char *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (!strcmp(v->v[i], s)) {
			free(s);
			return;
		}
	}
	strvec_push(v, s);
	free(s);
}

/* The files st is made of: its own, what it includes, and (recursively)
 * what it imports. A page that applies st depends on exactly these. */
static void
sheet_files(const struct site_xslt *x, xsltStylesheetPtr st,
    struct strvec *out)
{
	if (st->doc)
		push_once(out, template_rel(x, (const char *)st->doc->URL));
	for (xsltDocumentPtr d = st->docList; d; d = d->next)
		if (d->doc)
			push_once(out, template_rel(x,
			    (const char *)d->doc->URL));
	for (xsltStylesheetPtr imp = st->imports; imp; imp = imp->next)
		sheet_files(x, imp, out);
}

void
site_templates_reset(struct site *s)
{
	strvec_free(&site_xslt_cache(s)->used);
}

const struct strvec *
site_templates_used(struct site *s)
{
	return &site_xslt_cache(s)->used;
}

site_xsl_ptr
site_xslt_get(struct site_xslt *x, const char *name, struct diag_list *dl)
{
	gpointer found = NULL;
	if (g_hash_table_lookup_extended(x->sheets, name, NULL, &found))
		return found; /* NULL: failed before, and reported then */
	xsltStylesheetPtr st;
	char *path = xasprintf("%s/%s", x->dir, name);
	if (!sheet_name_ok(name)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "模板文件名不合规");
		free(path);
		return NULL;
	}
	struct buf msgs = { 0 };
	collect_start(&msgs);
	st = xsltParseStylesheetFile((const xmlChar *)path);
	collect_end();
	if (!st || st->errors) {
		/* libxml2 says where: "PATH:LINE: parser error : …". */
		size_t line = 0;
		const char *at = msgs.data ? strstr(msgs.data, path) : NULL;
		if (at && at[strlen(path)] == ':')
			line = strtoul(at + strlen(path) + 1, NULL, 10);
		diag_add(dl, DIAG_ERROR, path, line, 0, "模板无法编译：%s",
		    collected(&msgs, "文件不存在或不是XSLT"));
		if (st)
			xsltFreeStylesheet(st);
		st = NULL;
	}
	g_hash_table_insert(x->sheets, xstrdup(name), st);
	if (st) {
		struct strvec *files = xcalloc(1, sizeof *files);
		sheet_files(x, st, files);
		g_hash_table_insert(x->files, xstrdup(name), files);
	}
	buf_free(&msgs);
	free(path);
	return st;
}

/* ---- lt:doc() ------------------------------------------------------- */

/* What lt:doc() needs during one transformation (tc->_private). */
struct page_call {
	struct site *s;
	const struct site_page *pg;
	struct diag_list *dl;
	int refused;
};

static void
lt_doc(xmlXPathParserContextPtr ctxt, int nargs)
{
	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	xsltTransformContextPtr tc = xsltXPathGetTransformContext(ctxt);
	struct page_call *pc = tc ? tc->_private : NULL;
	xmlChar *rel = xmlXPathPopString(ctxt);
	xmlDocPtr doc = NULL;
	if (rel && !rel[0]) {
		/* lt:doc(''): no document (a plan without a ledger). */
		xmlFree(rel);
		valuePush(ctxt, xmlXPathNewNodeSet(NULL));
		return;
	}
	if (pc && rel) {
		int dep = 0;
		for (size_t i = 0; i < pc->pg->n_deps && !dep; i++)
			dep = !strcmp(pc->pg->deps[i], (const char *)rel);
		if (!dep) {
			diag_add(pc->dl, DIAG_ERROR, pc->pg->path, 0, 0,
			    "模板读取了页面未声明的输入“%s”", (const char *)rel);
			pc->refused = 1;
		} else {
			doc = site_doc(pc->s, (const char *)rel, pc->dl);
			if (!doc)
				pc->refused = 1;
		}
	}
	xmlFree(rel);
	if (!doc && tc)
		tc->state = XSLT_STATE_STOPPED;
	valuePush(ctxt, xmlXPathNewNodeSet((xmlNodePtr)doc));
}

static pthread_once_t ext_once = PTHREAD_ONCE_INIT;

static void
register_ext(void)
{
	xsltRegisterExtModuleFunction((const xmlChar *)"doc",
	    (const xmlChar *)SITE_XSLT_NS, lt_doc);
}

void
site_threads_init(void)
{
	/* libxml2's and libxslt's global set-up is not safe to race: it is
	 * done here, on the calling thread, before workers render. */
	xmlInitParser();
	xsltInit();
	pthread_once(&ext_once, register_ext);
	pthread_once(&collect_once, collect_install);
}

/* ---- applying a stylesheet ------------------------------------------ */

int
site_xslt_page(struct site *s, const char *sheet, struct _xmlDoc *in,
    const struct site_page *pg, const char *const *params, struct buf *out,
    struct diag_list *dl)
{
	pthread_once(&ext_once, register_ext);
	struct site_xslt *x = site_xslt_cache(s);
	xsltStylesheetPtr st = site_xslt_get(x, sheet, dl);
	if (!st)
		return 0;
	const struct strvec *files = g_hash_table_lookup(x->files, sheet);
	for (size_t i = 0; files && i < files->n; i++)
		push_once(&x->used, xstrdup(files->v[i]));
	struct buf root = { 0 };
	site_root_prefix(pg->path, &root);
	size_t np = 0;
	while (params && params[np])
		np++;
	const char **p = xcalloc(np + 5, sizeof *p);
	p[0] = "root";
	p[1] = root.data;
	p[2] = "path";
	p[3] = pg->path;
	if (np)
		memcpy(p + 4, params, np * sizeof *p);

	struct page_call pc = { s, pg, dl, 0 };
	struct buf msgs = { 0 };
	int ok = 0;
	xmlDocPtr res = NULL;
	collect_start(&msgs);
	xsltTransformContextPtr tc = xsltNewTransformContext(st, in);
	if (tc) {
		tc->_private = &pc;
		xsltSetCtxtSecurityPrefs(x->sec, tc);
		/* Quoted: a value with quotes or anything else is a string,
		 * never an XPath expression. */
		if (xsltQuoteUserParams(tc, p) == 0)
			res = xsltApplyStylesheetUser(st, in, NULL, NULL, NULL,
			    tc);
		ok = res && tc->state == XSLT_STATE_OK && !pc.refused;
	}
	if (ok) {
		xmlChar *txt = NULL;
		int len = 0;
		if (xsltSaveResultToString(&txt, &len, res, st) != 0) {
			ok = 0;
		} else {
			if (res->type == XML_HTML_DOCUMENT_NODE)
				buf_puts(out, "<!DOCTYPE html>\n");
			buf_put(out, txt ? (const char *)txt : "", (size_t)len);
			if (len == 0 || txt[len - 1] != '\n')
				buf_putc(out, '\n');
		}
		xmlFree(txt);
	}
	collect_end();
	if (!ok && !pc.refused)
		diag_add(dl, DIAG_ERROR, pg->path, 0, 0,
		    "页面生成失败（模板 %s）：%s", sheet,
		    collected(&msgs, "XSLT转换出错"));
	else if (ok && msgs.len)
		diag_add(dl, DIAG_WARNING, pg->path, 0, 0, "模板 %s：%s", sheet,
		    collected(&msgs, ""));
	xmlFreeDoc(res);
	if (tc)
		xsltFreeTransformContext(tc);
	buf_free(&msgs);
	free(p);
	buf_free(&root);
	return ok;
}
