/*
 * xlsx.c -- the first worksheet of an .xlsx workbook as text rows (see
 * xlsx.h): a small ZIP reader on zlib and an XML walk on libxml2.
 */
#include "xlsx.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zlib.h>

#include "buf.h"

#define XLSX_MAX_PART (16u << 20)
#define XLSX_MAX_ROWS 100000
#define XLSX_MAX_COLS 1000
#define XLSX_MAX_CELLS 2000000 /* cells held, empty ones between included */

/* ---- ZIP ---------------------------------------------------------------- */

static uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

int
xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\3\4", 4);
}

struct zip {
	const unsigned char *d;
	size_t len;
	size_t cd, cd_n;    /* central directory offset, entry count */
	const char *path;
	struct diag_list *dl;
};

static int
zip_open(struct zip *z, const char *path, const char *data, size_t len,
    struct diag_list *dl)
{
	z->d = (const unsigned char *)data;
	z->len = len;
	z->path = path;
	z->dl = dl;
	/* End of central directory: 22 bytes plus a comment of up to 64 KiB. */
	size_t lo = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (size_t i = len >= 22 ? len - 22 + 1 : 0; i-- > lo;) {
		if (le32(z->d + i) != 0x06054b50)
			continue;
		z->cd_n = le16(z->d + i + 10);
		z->cd = le32(z->d + i + 16);
		if (z->cd >= len || le32(z->d + i + 12) > len - z->cd)
			break;
		return 1;
	}
	diag_add(dl, DIAG_ERROR, path, 0, 0,
	    "不是有效的 xlsx 文件：找不到 ZIP 目录（文件可能已损坏或被截断）");
	return 0;
}

/* Uncompressed member `name` into out. Returns 1, 0 when absent (no
 * diagnostic), -1 when damaged (error given). */
static int
zip_member(struct zip *z, const char *name, struct buf *out)
{
	size_t p = z->cd, nl = strlen(name);
	buf_truncate(out, 0);
	for (size_t i = 0; i < z->cd_n; i++) {
		if (p + 46 > z->len || le32(z->d + p) != 0x02014b50)
			break;
		const unsigned char *e = z->d + p;
		uint32_t method = le16(e + 10), csize = le32(e + 20),
		    usize = le32(e + 24), n = le16(e + 28),
		    x = le16(e + 30), c = le16(e + 32), off = le32(e + 42);
		if (p + 46 + n > z->len)
			break;
		const char *ename = (const char *)e + 46;
		p += 46 + (size_t)n + x + c;
		if (n != nl || memcmp(ename, name, nl))
			continue;
		if (off + 30 > z->len || le32(z->d + off) != 0x04034b50)
			goto bad;
		size_t start = off + 30 + le16(z->d + off + 26) +
		    le16(z->d + off + 28);
		if (start > z->len || csize > z->len - start)
			goto bad;
		if (usize > XLSX_MAX_PART) {
			diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
			    "xlsx 文件中的 %s 过大（超过 16 MiB）", name);
			return -1;
		}
		if (method == 0) {
			buf_put(out, z->d + start, csize);
			return 1;
		}
		if (method != 8)
			goto bad;
		buf_grow(out, usize + 1);
		z_stream s = {0};
		if (inflateInit2(&s, -MAX_WBITS) != Z_OK)
			goto bad;
		s.next_in = (Bytef *)(z->d + start);
		s.avail_in = csize;
		s.next_out = (Bytef *)out->data;
		s.avail_out = usize;
		int rc = inflate(&s, Z_FINISH);
		size_t got = s.total_out;
		inflateEnd(&s);
		if (rc != Z_STREAM_END || got != usize)
			goto bad;
		out->len = got;
		out->data[got] = '\0';
		return 1;
	}
	return 0;
bad:
	diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
	    "xlsx 文件已损坏：无法解压 %s", name);
	return -1;
}

/* ---- XML helpers ------------------------------------------------------- */

static xmlDocPtr
xml_part(struct zip *z, const char *name, int required)
{
	struct buf b = {0};
	int rc = zip_member(z, name, &b);
	xmlDocPtr doc = NULL;
	if (rc == 1) {
		doc = xmlReadMemory(b.data ? b.data : "", (int)b.len, name,
		    NULL, XML_PARSE_NONET | XML_PARSE_NOERROR |
		    XML_PARSE_NOWARNING | XML_PARSE_HUGE);
		if (!doc)
			diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
			    "xlsx 文件中的 %s 不是有效的 XML", name);
	} else if (rc == 0 && required) {
		diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
		    "xlsx 文件缺少 %s", name);
	}
	buf_free(&b);
	return doc;
}

static int
is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE &&
	    !strcmp((const char *)n->name, name);
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* Attribute by local name, any namespace; caller frees (xmlFree). */
static char *
attr(const xmlNode *n, const char *name)
{
	for (xmlAttr *a = n->properties; a; a = a->next)
		if (!strcmp((const char *)a->name, name))
			return (char *)xmlNodeGetContent((const xmlNode *)a);
	return NULL;
}

/* Text of every <t> below n, except inside phonetic runs <rPh>. */
static void
text_runs(const xmlNode *n, struct buf *out)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (is_el(c, "rPh") || is_el(c, "phoneticPr"))
			continue;
		if (is_el(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);
			buf_puts(out, t ? (const char *)t : "");
			xmlFree(t);
		} else if (c->type == XML_ELEMENT_NODE) {
			text_runs(c, out);
		}
	}
}

/* ---- workbook parts --------------------------------------------------- */

struct book {
	struct strvec strings;   /* shared strings */
	unsigned char *xf_kind;  /* per cell style: 0 plain, 1 date, 2 % */
	size_t n_xf;
	int date1904;
	char *sheet_part;        /* "xl/worksheets/sheet1.xml" */
	char *sheet_name;
};

static void
read_strings(struct zip *z, struct book *b)
{
	xmlDocPtr doc = xml_part(z, "xl/sharedStrings.xml", 0);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *si = root ? root->children : NULL; si; si = si->next) {
		if (!is_el(si, "si"))
			continue;
		struct buf t = {0};
		buf_puts(&t, "");
		text_runs(si, &t);
		strvec_push(&b->strings, t.data);
		buf_free(&t);
	}
	xmlFreeDoc(doc);
}

/* Whether a number format code shows a date: y or d outside quoted text,
 * [..] sections and escapes. */
static int
code_is_date(const char *code)
{
	for (const char *p = code; *p; p++) {
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == 'y' || *p == 'Y' || *p == 'd' || *p == 'D') {
			return 1;
		}
	}
	return 0;
}

/* Kind of a built-in number format: dates are 14-17, 22, and the East
 * Asian 27-36 and 50-58; 18-21 and 45-47 are times of day, 9-10 percent. */
static int
builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return 1;
	return id == 9 || id == 10 ? 2 : 0;
}

static void
read_styles(struct zip *z, struct book *b)
{
	xmlDocPtr doc = xml_part(z, "xl/styles.xml", 0);
	if (!doc)
		return;
	xmlNode *root = xmlDocGetRootElement(doc);
	/* custom formats: id -> kind */
	struct { long id; int kind; } fmt[256];
	size_t nf = 0;
	for (xmlNode *f = child(child(root, "numFmts"), "numFmt"); f;
	    f = f->next) {
		if (!is_el(f, "numFmt") || nf == 256)
			continue;
		char *id = attr(f, "numFmtId"), *code = attr(f, "formatCode");
		if (id && code) {
			fmt[nf].id = strtol(id, NULL, 10);
			fmt[nf++].kind = code_is_date(code) ? 1 :
			    strchr(code, '%') ? 2 : 0;
		}
		xmlFree(id);
		xmlFree(code);
	}
	size_t cap = 0;
	for (xmlNode *x = child(child(root, "cellXfs"), "xf"); x; x = x->next) {
		if (!is_el(x, "xf"))
			continue;
		char *id = attr(x, "numFmtId");
		long n = id ? strtol(id, NULL, 10) : 0;
		xmlFree(id);
		int kind = builtin_kind(n);
		for (size_t i = 0; i < nf; i++)
			if (fmt[i].id == n)
				kind = fmt[i].kind;
		b->xf_kind = xgrow(b->xf_kind, &cap, b->n_xf + 1, 1);
		b->xf_kind[b->n_xf++] = (unsigned char)kind;
	}
	xmlFreeDoc(doc);
}

/* The first sheet: workbook.xml names it, its relationships locate it. */
static void
read_workbook(struct zip *z, struct book *b)
{
	xmlDocPtr doc = xml_part(z, "xl/workbook.xml", 0);
	char *rid = NULL;
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		xmlNode *pr = child(root, "workbookPr");
		char *d = pr ? attr(pr, "date1904") : NULL;
		b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
		xmlFree(d);
		xmlNode *sh = child(child(root, "sheets"), "sheet");
		if (sh) {
			char *name = attr(sh, "name");
			b->sheet_name = xstrdup(name ? name : "");
			xmlFree(name);
			char *id = attr(sh, "id");
			rid = id ? xstrdup(id) : NULL;
			xmlFree(id);
		}
		xmlFreeDoc(doc);
	}
	doc = rid ? xml_part(z, "xl/_rels/workbook.xml.rels", 0) : NULL;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *r = root ? root->children : NULL; r; r = r->next) {
		if (!is_el(r, "Relationship"))
			continue;
		char *id = attr(r, "Id"), *target = attr(r, "Target");
		if (id && target && !strcmp(id, rid) && !b->sheet_part)
			b->sheet_part = target[0] == '/' ?
			    xstrdup(target + 1) : xasprintf("xl/%s", target);
		xmlFree(id);
		xmlFree(target);
	}
	if (doc)
		xmlFreeDoc(doc);
	free(rid);
	if (!b->sheet_part)
		b->sheet_part = xstrdup("xl/worksheets/sheet1.xml");
}

/* ---- cells -------------------------------------------------------------- */

/* Civil date of day number z since 1970-01-01 (Howard Hinnant's method). */
static void
civil(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void
format_date(const char *v, int date1904, struct buf *out)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || x < 0 || x > 2958465) { /* 9999-12-31 */
		buf_puts(out, v);
		return;
	}
	long serial = (long)x, days;
	int y, m, d;
	if (date1904) {
		days = serial - 24107;          /* 1904-01-01 is day 0 */
	} else if (serial == 60) {
		buf_puts(out, "1900-02-29");    /* Excel's fictitious day */
		return;
	} else {
		days = serial - (serial < 60 ? 25568 : 25569);
	}
	civil(days, &y, &m, &d);
	buf_printf(out, "%04d-%02d-%02d", y, m, d);
}

static void
format_percent(const char *v, struct buf *out)
{
	char *end;
	double x = strtod(v, &end);
	if (end == v || *end) {
		buf_puts(out, v);
		return;
	}
	char t[64];
	snprintf(t, sizeof t, "%.10g", x * 100);
	buf_printf(out, "%s%%", t);
}

/* Column index of a reference "AB12" (0-based), or -1. */
static long
ref_col(const char *ref)
{
	long c = 0;
	int n = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++, n++)
		if ((c = c * 26 + (*ref - 'A' + 1)) > XLSX_MAX_COLS)
			return -1;
	return n ? c - 1 : -1;
}

static void
cell_text(const struct book *b, const xmlNode *c, struct buf *out)
{
	char *t = attr(c, "t"), *s = attr(c, "s");
	xmlNode *v = child(c, "v");
	xmlChar *val = v ? xmlNodeGetContent(v) : NULL;
	const char *sv = val ? (const char *)val : "";
	if (t && !strcmp(t, "inlineStr")) {
		xmlNode *is = child(c, "is");
		if (is)
			text_runs(is, out);
	} else if (t && !strcmp(t, "s")) {
		char *end;
		long i = strtol(sv, &end, 10);
		if (end != sv && i >= 0 && (size_t)i < b->strings.n)
			buf_puts(out, b->strings.v[i]);
	} else if (t && !strcmp(t, "b")) {
		buf_puts(out, !strcmp(sv, "1") ? "TRUE" : "FALSE");
	} else if (t && (!strcmp(t, "str") || !strcmp(t, "e") ||
	    !strcmp(t, "d"))) {
		buf_puts(out, sv);
	} else if (sv[0]) {
		long xf = s ? strtol(s, NULL, 10) : 0;
		int kind = xf >= 0 && (size_t)xf < b->n_xf ? b->xf_kind[xf] : 0;
		if (kind == 1)
			format_date(sv, b->date1904, out);
		else if (kind == 2)
			format_percent(sv, out);
		else
			buf_puts(out, sv);
	}
	xmlFree(val);
	xmlFree(t);
	xmlFree(s);
}

static int
read_row(const struct book *b, const xmlNode *row, struct xlsx_row *out)
{
	long next = 0;
	for (xmlNode *c = row->children; c; c = c->next) {
		if (!is_el(c, "c"))
			continue;
		char *ref = attr(c, "r");
		long col = ref ? ref_col(ref) : next;
		xmlFree(ref);
		if (col < 0 || col >= XLSX_MAX_COLS)
			return 0;
		struct buf t = {0};
		buf_puts(&t, "");
		cell_text(b, c, &t);
		while (out->cells.n < (size_t)col)
			strvec_push(&out->cells, "");
		if (out->cells.n == (size_t)col)
			strvec_push(&out->cells, t.data);
		else    /* a repeated reference: the later cell wins */
			free(out->cells.v[col]), out->cells.v[col] =
			    buf_detach(&t);
		buf_free(&t);
		next = col + 1;
	}
	return 1;
}

static int
read_sheet(struct zip *z, const struct book *b, struct xlsx_sheet *out)
{
	xmlDocPtr doc = xml_part(z, b->sheet_part, 1);
	if (!doc)
		return 0;
	xmlNode *data = child(xmlDocGetRootElement(doc), "sheetData");
	size_t cap = 0, next = 1, cells = 0;
	int ok = 1;
	for (xmlNode *r = data ? data->children : NULL; r && ok; r = r->next) {
		if (!is_el(r, "row"))
			continue;
		char *rn = attr(r, "r");
		size_t n = rn ? strtoul(rn, NULL, 10) : next;
		xmlFree(rn);
		if (n < next || n > XLSX_MAX_ROWS) {
			diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
			    "xlsx 工作表的行号 %zu 无效或超过 %d 行", n,
			    XLSX_MAX_ROWS);
			ok = 0;
			break;
		}
		next = n + 1;
		struct xlsx_row row = { .row = n };
		if (!read_row(b, r, &row)) {
			diag_add(z->dl, DIAG_ERROR, z->path, n, 0,
			    "xlsx 工作表的列超过 %d 列", XLSX_MAX_COLS);
			strvec_free(&row.cells);
			ok = 0;
			break;
		}
		cells += row.cells.n;
		if (cells > XLSX_MAX_CELLS) {
			diag_add(z->dl, DIAG_ERROR, z->path, n, 0,
			    "xlsx 工作表的单元格超过 %d 个", XLSX_MAX_CELLS);
			strvec_free(&row.cells);
			ok = 0;
			break;
		}
		out->rows = xgrow(out->rows, &cap, out->n_rows + 1,
		    sizeof *out->rows);
		out->rows[out->n_rows++] = row;
	}
	xmlFreeDoc(doc);
	return ok;
}

int
xlsx_read(const char *path, const char *data, size_t len,
    struct xlsx_sheet *out, struct diag_list *dl)
{
	struct zip z;
	if (!xlsx_is_zip(data, len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "不是 xlsx 文件（不是 ZIP 格式；旧版 .xls 请另存为 .xlsx 或 CSV）");
		return 0;
	}
	if (!zip_open(&z, path, data, len, dl))
		return 0;
	struct book b = {0};
	size_t before = diag_count(dl, DIAG_ERROR);
	read_workbook(&z, &b);
	read_strings(&z, &b);
	read_styles(&z, &b);
	int ok = diag_count(dl, DIAG_ERROR) == before &&
	    read_sheet(&z, &b, out);
	out->name = b.sheet_name ? b.sheet_name : xstrdup("");
	strvec_free(&b.strings);
	free(b.xf_kind);
	free(b.sheet_part);
	return ok;
}

void
xlsx_sheet_free(struct xlsx_sheet *s)
{
	for (size_t i = 0; i < s->n_rows; i++)
		strvec_free(&s->rows[i].cells);
	free(s->rows);
	free(s->name);
	memset(s, 0, sizeof *s);
}
