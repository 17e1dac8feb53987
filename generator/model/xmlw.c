/*
 * xmlw.c -- writer helpers, fixed-point numbers both ways, and validation
 * against an embedded schema (see xmlw.h).
 */
#include "xmlw.h"
#include "xmlsafe.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>

#include "airq.h"
#include "aqi.h"
#include "util.h"
#include "xmltext.h"

/* ---- writing --------------------------------------------------------------- */

static void
check(struct xw *x, int rc)
{
	if (rc < 0)
		x->failed = 1;
}

int
xw_begin(struct xw *x)
{
	memset(x, 0, sizeof *x);
	x->mem = xml_buffer_new();
	x->w = x->mem ? xmlNewTextWriterMemory(x->mem, 0) : NULL;
	if (!x->w) {
		if (x->mem)
			xmlBufferFree(x->mem);
		x->mem = NULL;
		return 0;
	}
	check(x, xmlTextWriterSetIndent(x->w, 1));
	check(x, xmlTextWriterSetIndentString(x->w, BAD_CAST " "));
	check(x, xmlTextWriterStartDocument(x->w, "1.0", "UTF-8", NULL));
	return 1;
}

int
xw_end(struct xw *x, struct buf *out)
{
	check(x, xmlTextWriterEndDocument(x->w));
	xmlFreeTextWriter(x->w);
	x->w = NULL;
	int ok = !x->failed;
	if (ok)
		buf_put(out, xmlBufferContent(x->mem),
		    (size_t)xmlBufferLength(x->mem));
	xmlBufferFree(x->mem);
	x->mem = NULL;
	return ok;
}

void
xw_open(struct xw *x, const char *name)
{
	check(x, xmlTextWriterStartElement(x->w, BAD_CAST name));
}

void
xw_close(struct xw *x)
{
	check(x, xmlTextWriterEndElement(x->w));
}

void
xw_attr(struct xw *x, const char *name, const char *value)
{
	if (!value)
		return;
	char *c = xml_text_clean(value);
	check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST c));
	free(c);
}

void
xw_attr_nonempty(struct xw *x, const char *name, const char *value)
{
	if (value && *value)
		xw_attr(x, name, value);
}

void
xw_attr_int(struct xw *x, const char *name, long long v)
{
	char tmp[32];
	snprintf(tmp, sizeof tmp, "%lld", v);
	xw_attr(x, name, tmp);
}

void
xw_attr_bool(struct xw *x, const char *name, int v)
{
	xw_attr(x, name, v ? "yes" : "no");
}

const char *
xw_fixed(char tmp[40], int64_t v, int decimals)
{
	if (decimals < 0)
		decimals = 0;
	if (decimals > AQI_DECIMALS)
		decimals = AQI_DECIMALS;
	int64_t step = 1;
	for (int i = decimals; i < AQI_DECIMALS; i++)
		step *= 10;
	int neg = v < 0;
	uint64_t a = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t q = a / (uint64_t)step, r = a % (uint64_t)step;
	uint64_t half = (uint64_t)step / 2;
	if (step > 1 && (r > half || (r == half && (q & 1))))
		q++;
	uint64_t div = 1;
	for (int i = 0; i < decimals; i++)
		div *= 10;
	const char *sign = neg && q ? "-" : "";
	char frac[8] = "";
	uint64_t f = q % div;
	for (int i = decimals; i > 0; i--, f /= 10)
		frac[i] = (char)('0' + f % 10);
	if (decimals > 0)
		frac[0] = '.';
	frac[decimals > 0 ? decimals + 1 : 0] = 0;
	snprintf(tmp, 40, "%s%llu%s", sign, (unsigned long long)(q / div),
	    frac);
	return tmp;
}

int
xw_parse_fixed(const char *s, int64_t *v)
{
	*v = AQI_MISSING;
	if (!s)
		return 0;
	int neg = *s == '-';
	s += neg;
	if (*s < '0' || *s > '9')
		return 0;
	uint64_t ip = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (ip > (uint64_t)INT64_MAX / 100000000)
			return 0;
		ip = ip * 10 + (uint64_t)(*s - '0');
	}
	int64_t frac = 0;
	int nd = 0;
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++nd > AQI_DECIMALS)
				return 0;
			frac = frac * 10 + (*s - '0');
		}
		if (!nd)
			return 0;
	}
	if (*s)
		return 0;
	for (int i = nd; i < AQI_DECIMALS; i++)
		frac *= 10;
	int64_t r = (int64_t)ip * AQI_SCALE + frac;
	*v = neg ? -r : r;
	return 1;
}

void
xw_attr_fixed(struct xw *x, const char *name, int64_t v, int decimals)
{
	char tmp[40];
	if (v != AQI_MISSING)
		xw_attr(x, name, xw_fixed(tmp, v, decimals));
}

void
xw_attr_ym(struct xw *x, const char *name, int year, int month)
{
	char tmp[16];
	snprintf(tmp, sizeof tmp, "%04u-%02u", (unsigned)year % 10000u,
	    (unsigned)month % 100u);
	xw_attr(x, name, tmp);
}

void
xw_attr_day(struct xw *x, const char *name, int32_t day)
{
	int y, m, d;
	char tmp[16];
	airq_day_civil(day, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	xw_attr(x, name, tmp);
}

void
xw_text(struct xw *x, const char *s)
{
	if (!s || !*s)
		return;
	char *c = xml_text_clean(s);
	check(x, xmlTextWriterWriteString(x->w, BAD_CAST c));
	free(c);
}

void
xw_text_elem(struct xw *x, const char *name, const char *s)
{
	if (!s)
		return;
	xw_open(x, name);
	xw_text(x, s);
	xw_close(x);
}

/* ---- validation ------------------------------------------------------------- */

static void
schema_parse_error(void *data, xmlErrorPtr e)
{
	struct xw_schema *s = data;
	if (!s->error[0] && e && e->message)
		snprintf(s->error, sizeof s->error, "%s", e->message);
}

static xmlRelaxNGPtr
schema_get(struct xw_schema *s)
{
	pthread_mutex_lock(&s->mu);
	if (!s->tried) {
		s->tried = 1;
		xmlInitParser();
		xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(
		    (const char *)s->rng, (int)*s->len);
		if (pc) {
			xmlRelaxNGSetParserStructuredErrors(pc,
			    schema_parse_error, s);
			s->schema = xmlRelaxNGParse(pc);
			xmlRelaxNGFreeParserCtxt(pc);
		}
	}
	pthread_mutex_unlock(&s->mu);
	return s->schema;
}

struct sink {
	struct diag_list *dl;
	const char *name;
	const char *what;
};

static void
sink_error(void *data, xmlErrorPtr e)
{
	struct sink *s = data;
	if (!e || e->level == XML_ERR_WARNING)
		return;
	char *msg = xstrdup(e->message ? e->message : "?");
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	size_t col = e->domain == XML_FROM_PARSER && e->int2 > 0 ?
	    (size_t)e->int2 : 0;
	diag_add(s->dl, DIAG_ERROR, s->name, e->line > 0 ? (size_t)e->line : 0,
	    col, "%s：%s", s->what, msg);
	free(msg);
}

void *
xw_parse_valid(struct xw_schema *s, const char *xml, size_t len,
    const char *docname, struct diag_list *dl)
{
	xmlRelaxNGPtr schema = schema_get(s);
	if (!schema) {
		diag_add(dl, DIAG_ERROR, docname, 0, 0,
		    "内部错误：内置模式 %s 无法解析：%s", s->name, s->error);
		return NULL;
	}
	if (len > (size_t)INT_MAX) {
		diag_add(dl, DIAG_ERROR, docname, 0, 0, "XML 文件过大");
		return NULL;
	}
	char *what = xasprintf("不符合模式 %s", s->name);
	struct sink k = { dl, docname, "XML 格式错误" };
	/* The structured handler is per thread in libxml2: route parse errors
	 * to this call's sink, and put the previous handler back after. */
	xmlStructuredErrorFunc old_fn = xmlStructuredError;
	void *old_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&k, sink_error);
	/* xml is a document this program wrote, or its own output read
	 * back (`lantian bulletin` takes it from any path, so a DOCTYPE is
	 * still refused: xmlsafe_read). XML_PARSE_HUGE because one text
	 * node of a plan near the 64 MiB cap can pass libxml2's 10 MB
	 * default; with no DTD there is no entity to amplify. */
	enum xmlsafe_why why;
	size_t errors = diag_count(dl, DIAG_ERROR);
	xmlDocPtr doc = xmlsafe_read(xml, len, docname,
	    XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_HUGE, 256, &why);
	if (why == XMLSAFE_DOCTYPE)
		diag_add(dl, DIAG_ERROR, docname, 0, 0,
		    "XML 含文档类型声明（DOCTYPE）：生成的文件中没有，不予读取");
	else if (why == XMLSAFE_DEEP)
		diag_add(dl, DIAG_ERROR, docname, 0, 0,
		    "XML 格式错误：元素嵌套超过 256 层");
	if (!doc && diag_count(dl, DIAG_ERROR) == errors)
		diag_add(dl, DIAG_ERROR, docname, 0, 0, "%s",
		    len ? "XML 格式错误：无法解析" : "XML 格式错误：文件为空");
	int ok = 0;
	if (doc) {
		k.what = what;
		xmlRelaxNGValidCtxtPtr vc = xmlRelaxNGNewValidCtxt(schema);
		if (vc) {
			xmlRelaxNGSetValidStructuredErrors(vc, sink_error, &k);
			ok = xmlRelaxNGValidateDoc(vc, doc) == 0;
			xmlRelaxNGFreeValidCtxt(vc);
		}
	}
	xmlSetStructuredErrorFunc(old_ctx, old_fn);
	free(what);
	if (!ok) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

int
xw_validate(struct xw_schema *s, const char *xml, size_t len,
    const char *docname, struct diag_list *dl)
{
	xmlDocPtr doc = xw_parse_valid(s, xml, len, docname, dl);
	xmlFreeDoc(doc);
	return doc != NULL;
}
