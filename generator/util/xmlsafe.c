/*
 * xmlsafe.c -- XML from a user's file, parsed with a DOCTYPE refused and
 * size and depth bounded (see xmlsafe.h).
 *
 * Why the DOCTYPE is refused twice. A plain search for "<!DOCTYPE" stops
 * the usual case before libxml2 reads a byte, but a document in UTF-16 (or
 * any encoding its declaration names) spells it differently; the SAX
 * internalSubset callback, which libxml2 calls as soon as it has read the
 * declaration's name and before it reads the internal subset (where the
 * entities are declared), catches every spelling. It stops the parser,
 * so not one entity declaration is ever read.
 *
 * Depth is counted by wrapping the element callbacks: libxml2's own limit
 * (256 without XML_PARSE_HUGE) is higher than any OOXML part needs, and a
 * deep tree costs every recursive walk over it later.
 */
#include "xmlsafe.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

/* What the callbacks found; kept in ctxt->_private. */
struct guard {
	unsigned depth, max_depth;
	int doctype;            /* a document type declaration was met */
	int too_deep;
	int text_cut;           /* a text over what libxml2 keeps whole */
	int root_closed;        /* the end of the root element was read */
	size_t run;             /* bytes of the text node being built */
	startElementNsSAX2Func start;
	endElementNsSAX2Func end;
	charactersSAXFunc chars;
	cdataBlockSAXFunc cdata;
};

/* Without XML_PARSE_HUGE libxml2 2.9 stops adding to a text node at
 * XML_MAX_TEXT_LENGTH bytes and says nothing: the text would be taken cut
 * short. Counted here, and refused instead. */
static int
text_fits(xmlParserCtxtPtr ctxt, struct guard *g, int len)
{
	g->run += len > 0 ? (size_t)len : 0;
	if ((ctxt->options & XML_PARSE_HUGE) || g->run < XML_MAX_TEXT_LENGTH)
		return 1;
	g->text_cut = 1;
	xmlStopParser(ctxt);
	return 0;
}

static void
on_chars(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;
	if (text_fits(ctxt, g, len))
		g->chars(ctx, ch, len);
}

static void
on_cdata(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;
	if (text_fits(ctxt, g, len))
		g->cdata(ctx, ch, len);
}

static void
on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext_id,
    const xmlChar *sys_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;
	g->doctype = 1;
	xmlStopParser(ctxt);
}

static void
on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri, int nb_ns, const xmlChar **ns, int nb_attr,
    int nb_def, const xmlChar **attrs)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;
	g->run = 0;
	if (++g->depth > g->max_depth) {
		g->too_deep = 1;
		xmlStopParser(ctxt);
		return;
	}
	g->start(ctx, local, prefix, uri, nb_ns, ns, nb_attr, nb_def, attrs);
}

static void
on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
    const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct guard *g = ctxt->_private;
	g->run = 0;
	if (g->depth && !--g->depth)
		g->root_closed = 1;
	g->end(ctx, local, prefix, uri);
}

/* "xlsx 文件中的 xl/workbook.xml" or "" (the file itself). */
static char *
where(const char *kind, const char *part)
{
	if (!part)
		return NULL;
	size_t n = strlen(part) + 64;
	char *w = xmlMalloc(n);
	if (w)
		snprintf(w, n, "%s 文件中的 %s ", kind ? kind : "压缩包", part);
	return w;
}

static void
refuse(struct diag_list *dl, const char *file, const char *kind,
    const char *part, size_t line, const char *fmt, const char *detail)
{
	char *w = where(kind, part);
	diag_add(dl, DIAG_ERROR, file, line, 0, "%s%s%s", w ? w : "", fmt,
	    detail ? detail : "");
	xmlFree(w);
}

static int
has_doctype_bytes(const char *data, size_t len)
{
	/* In any case: "<!doctype" is not well-formed XML, but a file that
	 * tries it is told what it tried. */
	for (const char *p = memmem(data, len, "<!", 2); p;
	    p = memmem(p + 2, len - (size_t)(p + 2 - data), "<!", 2))
		if ((size_t)(data + len - p) >= 9 && !strncasecmp(p, "<!DOCTYPE", 9))
			return 1;
	return 0;
}

struct _xmlDoc *
xmlsafe_read(const char *data, size_t len, const char *name, int options,
    unsigned max_depth, enum xmlsafe_why *why)
{
	*why = XMLSAFE_MALFORMED;
	if (len > INT_MAX)
		return NULL;
	if (has_doctype_bytes(data ? data : "", len)) {
		*why = XMLSAFE_DOCTYPE;
		return NULL;
	}
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(data ? data : "",
	    (int)len);
	if (!ctxt) {
		*why = XMLSAFE_NOMEM;
		return NULL;
	}
	if (name && ctxt->input && !ctxt->input->filename)
		ctxt->input->filename = (char *)xmlStrdup(
		    (const xmlChar *)name);
	/* Entities stay references, nothing is loaded or fetched. */
	xmlCtxtUseOptions(ctxt, (options | XML_PARSE_NONET) &
	    ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
	    XML_PARSE_DTDVALID));
	struct guard g = { .max_depth = max_depth ? max_depth :
	    XMLSAFE_MAX_DEPTH, .start = ctxt->sax->startElementNs,
	    .end = ctxt->sax->endElementNs, .chars = ctxt->sax->characters,
	    .cdata = ctxt->sax->cdataBlock };
	ctxt->_private = &g;
	ctxt->sax->internalSubset = on_doctype;
	ctxt->sax->startElementNs = on_start;
	ctxt->sax->endElementNs = on_end;
	if (g.chars)
		ctxt->sax->characters = on_chars;
	if (g.cdata)
		ctxt->sax->cdataBlock = on_cdata;
	xmlParseDocument(ctxt);
	xmlDocPtr doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	/* An error that leaves wellFormed set (a namespace error) refuses
	 * the document too. */
	int well_formed = ctxt->wellFormed &&
	    ctxt->lastError.level < XML_ERR_ERROR;
	xmlFreeParserCtxt(ctxt);
	if (g.doctype || (doc && (doc->intSubset || doc->extSubset)))
		*why = XMLSAFE_DOCTYPE;
	else if (g.too_deep)
		*why = XMLSAFE_DEEP;
	else if (g.text_cut)
		*why = XMLSAFE_HUGE_TEXT;
	else if (well_formed && doc && xmlDocGetRootElement(doc))
		/* A parse halted without a word returns what it has with
		 * wellFormed still set: only a closed root is a whole. */
		*why = g.root_closed ? XMLSAFE_OK : XMLSAFE_MALFORMED;
	if (*why == XMLSAFE_OK)
		return doc;
	xmlFreeDoc(doc);
	return NULL;
}

/* Where libxml2 stopped, for the message: "（第 3 行：…）". */
static void
last_error(char *detail, size_t size, size_t *line)
{
	const xmlError *e = xmlGetLastError();
	*line = e && e->line > 0 ? (size_t)e->line : 0;
	if (e && e->message)
		snprintf(detail, size, "（第 %zu 行：%s", *line, e->message);
	else
		snprintf(detail, size, "（第 %zu 行", *line);
	/* libxml2's messages end with a newline. */
	size_t n = strlen(detail);
	while (n && (detail[n - 1] == '\n' || detail[n - 1] == ' '))
		detail[--n] = '\0';
	if (n + sizeof "）" <= size)
		strcat(detail, "）");
}

struct _xmlDoc *
xmlsafe_parse(const char *data, size_t len, const char *file,
    const char *kind, const char *part, const struct xmlsafe_limits *lim,
    struct diag_list *dl)
{
	size_t max_bytes = lim && lim->max_bytes ? lim->max_bytes :
	    XMLSAFE_MAX_BYTES;
	unsigned max_depth = lim && lim->max_depth ? lim->max_depth :
	    XMLSAFE_MAX_DEPTH;
	if (max_bytes > INT_MAX)
		max_bytes = INT_MAX;
	char detail[200];
	if (len > max_bytes) {
		snprintf(detail, sizeof detail, "（%zu 字节，上限 %zu 字节）",
		    len, max_bytes);
		refuse(dl, file, kind, part, 0, "过大", detail);
		return NULL;
	}
	enum xmlsafe_why why;
	xmlResetLastError();
	/* No XML_PARSE_HUGE: libxml2's size guards stay on. */
	xmlDocPtr doc = xmlsafe_read(data, len, part ? part : file,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING,
	    max_depth, &why);
	size_t line = 0;
	switch (why) {
	case XMLSAFE_OK:
		return doc;
	case XMLSAFE_DOCTYPE:
		refuse(dl, file, kind, part, 0, part ?
		    "含 DOCTYPE 声明（文档类型定义），已拒绝：Office 文档的部件不含 "
		    "DTD，这样的文件可能是恶意构造的（实体炸弹）" :
		    "含 DOCTYPE 声明（文档类型定义），已拒绝：不接受带 DTD 的 XML"
		    "（可能是实体炸弹）", NULL);
		break;
	case XMLSAFE_DEEP:
		snprintf(detail, sizeof detail, "（超过 %u 层）", max_depth);
		refuse(dl, file, kind, part, 0, "的元素嵌套过深", detail);
		break;
	case XMLSAFE_HUGE_TEXT:
		snprintf(detail, sizeof detail, "（超过 %d 字节）",
		    XML_MAX_TEXT_LENGTH);
		refuse(dl, file, kind, part, 0, "中有一段文字过长", detail);
		break;
	case XMLSAFE_NOMEM:
		refuse(dl, file, kind, part, 0, "无法解析：内存不足", NULL);
		break;
	case XMLSAFE_MALFORMED:
		last_error(detail, sizeof detail, &line);
		/* A line of a part is no line of the file the user has. */
		refuse(dl, file, kind, part, part ? 0 : line,
		    "不是有效的 XML", detail);
		break;
	}
	return NULL;
}
