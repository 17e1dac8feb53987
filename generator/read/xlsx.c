/*
 * xlsx.c -- the first worksheet of an .xlsx workbook as text rows (see
 * xlsx.h): the ZIP container read with libzip, the XML parts with libxml2.
 */
#include "xlsx.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "buf.h"
#include "xmlsafe.h"
#include "zippkg.h"

#define XLSX_MAX_PART (16u << 20)
/* All parts read from one workbook, inflated: a ZIP bomb spreads itself
 * over many parts as easily as it fills one. */
#define XLSX_MAX_TOTAL (40u << 20)
#define XLSX_MAX_DEPTH 32u     /* a sheet's deepest path is 7 elements */
#define XLSX_MAX_ROWS 100000
#define XLSX_MAX_COLS 1000
#define XLSX_MAX_CELLS 2000000 /* cells held, empty ones between included */

/* ---- ZIP (libzip) ------------------------------------------------------ */

int
xlsx_is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\3\4", 4);
}

/* The open package; prefixed pkg_ because libzip owns the zip_ names. */
struct pkg {
	zip_t *za;
	const char *path;
	struct diag_list *dl;
	size_t budget;          /* inflated bytes still allowed */
};

static const char *
pkg_open_reason(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP:
		return "找不到 ZIP 目录（文件可能已损坏或被截断）";
	case ZIP_ER_MULTIDISK:
		return "不支持分卷 ZIP";
	case ZIP_ER_MEMORY:
		return "内存不足";
	default:
		return "ZIP 目录与内容不一致（文件已损坏）";
	}
}

/* The buffer is borrowed, not copied: data must outlive pkg_close(). */
static int
pkg_open(struct pkg *p, const char *path, const char *data, size_t len,
    struct diag_list *dl)
{
	zip_error_t err;
	zip_error_init(&err);
	p->za = NULL;
	p->path = path;
	p->dl = dl;
	p->budget = XLSX_MAX_TOTAL;
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
	if (src) {
		p->za = zip_open_from_source(src, ZIP_RDONLY, &err);
		if (!p->za)     /* only a successful open takes the source */
			zip_source_free(src);
	}
	if (!p->za)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "不是有效的 xlsx 文件：%s",
		    pkg_open_reason(zip_error_code_zip(&err)));
	zip_error_fini(&err);
	return p->za != NULL;
}

static void
pkg_close(struct pkg *p)
{
	if (p->za)
		zip_discard(p->za);     /* read-only: nothing to write back */
	p->za = NULL;
}

/* A member read failed with libzip error code; say why, in the
 * staff's words. */
static void
pkg_read_error(struct pkg *p, const char *name, int code)
{
	static const struct { int code; const char *before, *after; } why[] = {
		{ ZIP_ER_CRC, "xlsx 文件已损坏：", " 的 CRC 校验不符" },
		{ ZIP_ER_INCONS, "xlsx 文件已损坏：",
		    " 与 ZIP 目录记录不一致" },
		{ ZIP_ER_ENCRNOTSUPP, "xlsx 文件中的 ",
		    " 已加密（请取消密码后另存）" },
		{ ZIP_ER_NOPASSWD, "xlsx 文件中的 ",
		    " 已加密（请取消密码后另存）" },
		{ ZIP_ER_COMPNOTSUPP, "xlsx 文件中的 ",
		    " 使用了不支持的压缩方式" },
		{ ZIP_ER_MEMORY, "读取 xlsx 文件中的 ", " 时内存不足" },
	};
	const char *before = "xlsx 文件已损坏：无法解压 ", *after = "";
	for (size_t i = 0; i < sizeof why / sizeof *why; i++)
		if (why[i].code == code) {
			before = why[i].before;
			after = why[i].after;
		}
	diag_add(p->dl, DIAG_ERROR, p->path, 0, 0, "%s%s%s", before, name,
	    after);
}

static void
pkg_too_big(struct pkg *p, const char *name)
{
	if (p->budget < XLSX_MAX_PART)
		diag_add(p->dl, DIAG_ERROR, p->path, 0, 0,
		    "xlsx 文件解压后过大：读到 %s 时已超过全部部件合计 %u MiB 的上限"
		    "（可能是 ZIP 炸弹）", name, XLSX_MAX_TOTAL >> 20);
	else
		diag_add(p->dl, DIAG_ERROR, p->path, 0, 0,
		    "xlsx 文件中的 %s 过大（超过 %u MiB）", name,
		    XLSX_MAX_PART >> 20);
}

/* The most a part may inflate to now: its own cap or what is left of the
 * workbook's budget. */
static size_t
pkg_cap(const struct pkg *p)
{
	return p->budget < XLSX_MAX_PART ? p->budget : XLSX_MAX_PART;
}

/* Whether the member described by st is refused before a byte of it is
 * read (error given): too big by its own account, encrypted, or packed
 * with a method other than the two OPC allows (ECMA-376 part 2). */
static int
pkg_refused(struct pkg *p, const char *name, const zip_stat_t *st)
{
	if ((st->valid & ZIP_STAT_SIZE) && st->size > pkg_cap(p)) {
		pkg_too_big(p, name);
		return 1;
	}
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE) {
		pkg_read_error(p, name, ZIP_ER_ENCRNOTSUPP);
		return 1;
	}
	if ((st->valid & ZIP_STAT_COMP_METHOD) &&
	    st->comp_method != ZIP_CM_STORE &&
	    st->comp_method != ZIP_CM_DEFLATE) {
		pkg_read_error(p, name, ZIP_ER_COMPNOTSUPP);
		return 1;
	}
	return 0;
}

/* Uncompressed member `name` (matched without regard to case, as OPC
 * part names are) into out. Returns 1, 0 when absent (no diagnostic),
 * -1 when damaged or refused (error given). */
static int
pkg_member(struct pkg *p, const char *name, struct buf *out)
{
	buf_truncate(out, 0);
	zip_int64_t i = zip_name_locate(p->za, name, ZIP_FL_NOCASE);
	if (i < 0)
		return 0;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(p->za, (zip_uint64_t)i, 0, &st) < 0) {
		pkg_read_error(p, name,
		    zip_error_code_zip(zip_get_error(p->za)));
		return -1;
	}
	if (pkg_refused(p, name, &st))
		return -1;
	zip_file_t *f = zip_fopen_index(p->za, (zip_uint64_t)i, 0);
	if (!f) {
		pkg_read_error(p, name,
		    zip_error_code_zip(zip_get_error(p->za)));
		return -1;
	}
	int rc = zippkg_inflate_capped(f, (st.valid & ZIP_STAT_SIZE) ?
	    (size_t)st.size : 0, pkg_cap(p), out);
	p->budget -= out->len <= p->budget ? out->len : p->budget;
	if (rc == 0) {
		pkg_too_big(p, name);
	} else if (rc < 0) {
		pkg_read_error(p, name,
		    zip_error_code_zip(zip_file_get_error(f)));
	} else if ((st.valid & ZIP_STAT_SIZE) && out->len != st.size) {
		/* libzip 1.7 checks the length of stored members only */
		pkg_read_error(p, name, ZIP_ER_INCONS);
		rc = -1;
	}
	zip_fclose(f);
	if (rc != 1)
		buf_truncate(out, 0);
	return rc == 1 ? 1 : -1;
}

/* ---- XML helpers ------------------------------------------------------- */

static xmlDocPtr
xml_part(struct pkg *z, const char *name, int required)
{
	struct buf b = {0};
	int rc = pkg_member(z, name, &b);
	xmlDocPtr doc = NULL;
	if (rc == 1) {
		const struct xmlsafe_limits lim = { XLSX_MAX_PART,
		    XLSX_MAX_DEPTH };
		doc = xmlsafe_parse(b.data ? b.data : "", b.len, z->path,
		    "xlsx", name, &lim, z->dl);
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
	struct strvec sheet_parts; /* "xl/worksheets/sheet1.xml", in order */
	struct strvec sheet_names;
};

static void
read_strings(struct pkg *z, struct book *b)
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
read_styles(struct pkg *z, struct book *b)
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

/* The sheets in workbook order: workbook.xml names them, its
 * relationships locate them. A sheet whose part cannot be located is
 * looked for at the conventional name. */
static void
read_workbook(struct pkg *z, struct book *b)
{
	xmlDocPtr doc = xml_part(z, "xl/workbook.xml", 0);
	struct strvec rids = {0};
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		xmlNode *pr = child(root, "workbookPr");
		char *d = pr ? attr(pr, "date1904") : NULL;
		b->date1904 = d && (!strcmp(d, "1") || !strcmp(d, "true"));
		xmlFree(d);
		for (xmlNode *sh = child(child(root, "sheets"), "sheet");
		    sh && b->sheet_names.n < XLSX_MAX_SHEETS; sh = sh->next) {
			if (!is_el(sh, "sheet"))
				continue;
			char *name = attr(sh, "name"), *id = attr(sh, "id");
			strvec_push(&b->sheet_names, name ? name : "");
			strvec_push(&rids, id ? id : "");
			xmlFree(name);
			xmlFree(id);
		}
		xmlFreeDoc(doc);
	}
	for (size_t i = 0; i < rids.n; i++)
		strvec_push(&b->sheet_parts, "");
	doc = rids.n ? xml_part(z, "xl/_rels/workbook.xml.rels", 0) : NULL;
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	for (xmlNode *r = root ? root->children : NULL; r; r = r->next) {
		if (!is_el(r, "Relationship"))
			continue;
		char *id = attr(r, "Id"), *target = attr(r, "Target");
		for (size_t i = 0; id && target && i < rids.n; i++)
			if (!strcmp(id, rids.v[i]) && !b->sheet_parts.v[i][0]) {
				free(b->sheet_parts.v[i]);
				b->sheet_parts.v[i] = target[0] == '/' ?
				    xstrdup(target + 1) :
				    xasprintf("xl/%s", target);
			}
		xmlFree(id);
		xmlFree(target);
	}
	if (doc)
		xmlFreeDoc(doc);
	strvec_free(&rids);
	for (size_t i = 0; i < b->sheet_parts.n; i++)
		if (!b->sheet_parts.v[i][0]) {
			free(b->sheet_parts.v[i]);
			b->sheet_parts.v[i] = xasprintf(
			    "xl/worksheets/sheet%zu.xml", i + 1);
		}
	if (!b->sheet_parts.n) {
		strvec_push(&b->sheet_parts, "xl/worksheets/sheet1.xml");
		strvec_push(&b->sheet_names, "");
	}
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
	/* 1e308 as a percent overflows: the raw value, which the ledger
	 * calls too large */
	if (end == v || *end || !isfinite(x * 100)) {
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

/* "B7" → column 1, row 7. Returns 1, or 0 when not a cell reference. */
static int
ref_cell(const char *ref, long *col, size_t *row)
{
	*col = ref_col(ref);
	while (*ref >= 'A' && *ref <= 'Z')
		ref++;
	char *end;
	unsigned long n = strtoul(ref, &end, 10);
	if (*col < 0 || end == ref || *end || n < 1 || n > XLSX_MAX_ROWS)
		return 0;
	*row = n;
	return 1;
}

static size_t sheet_row_count_le(const struct xlsx_sheet *s, size_t n);

/* Merged ranges (<mergeCells>): the top-left cell's text is copied down
 * the range's first column, into the rows the sheet has, so a task
 * number merged over several units' rows is on each of them. A range's
 * other columns stay empty (a title or a footer merged across stays in
 * one cell). The copies count against the sheet's cell limit. */
static int
read_merges(struct pkg *z, const xmlNode *root, struct xlsx_sheet *out,
    size_t *cells)
{
	for (xmlNode *m = child(child(root, "mergeCells"), "mergeCell"); m;
	    m = m->next) {
		if (!is_el(m, "mergeCell"))
			continue;
		char *ref = attr(m, "ref");
		char *colon = ref ? strchr(ref, ':') : NULL;
		long c1, c2;
		size_t r1, r2;
		if (colon) {
			*colon = '\0';
			if (ref_cell(ref, &c1, &r1) && ref_cell(colon + 1, &c2,
			    &r2) && r2 > r1 && c2 >= c1) {
				/* bound the work before doing it */
				size_t span = sheet_row_count_le(out, r2) -
				    sheet_row_count_le(out, r1);
				if (*cells + span > XLSX_MAX_CELLS) {
					diag_add(z->dl, DIAG_ERROR, z->path, 0,
					    0, "xlsx 工作表的单元格超过 %d 个",
					    XLSX_MAX_CELLS);
					xmlFree(ref);
					return 0;
				}
				*cells += xlsx_sheet_fill_down(out, r1,
				    (size_t)c1, r2);
			}
		}
		xmlFree(ref);
	}
	return 1;
}

static int
read_sheet(struct pkg *z, const struct book *b, const char *part,
    struct xlsx_sheet *out, size_t *cells)
{
	xmlDocPtr doc = xml_part(z, part, 1);
	if (!doc)
		return 0;
	xmlNode *data = child(xmlDocGetRootElement(doc), "sheetData");
	size_t cap = 0, next = 1;
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
		*cells += row.cells.n;
		if (*cells > XLSX_MAX_CELLS) {
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
	if (ok)
		ok = read_merges(z, xmlDocGetRootElement(doc), out, cells);
	xmlFreeDoc(doc);
	return ok;
}

int
xlsx_read_book(const char *path, const char *data, size_t len,
    struct xlsx_book *out, struct diag_list *dl)
{
	struct pkg z;
	if (!xlsx_is_zip(data, len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "不是 xlsx 文件（不是 ZIP 格式）");
		return 0;
	}
	if (!pkg_open(&z, path, data, len, dl))
		return 0;
	struct book b = {0};
	size_t before = diag_count(dl, DIAG_ERROR), cells = 0;
	/* The first refused part ends the reading: one error per file. */
	read_workbook(&z, &b);
	if (diag_count(dl, DIAG_ERROR) == before)
		read_strings(&z, &b);
	if (diag_count(dl, DIAG_ERROR) == before)
		read_styles(&z, &b);
	int ok = diag_count(dl, DIAG_ERROR) == before;
	if (ok)
		out->sheets = xcalloc(b.sheet_parts.n, sizeof *out->sheets);
	for (size_t i = 0; ok && i < b.sheet_parts.n; i++) {
		struct xlsx_sheet *sh = &out->sheets[out->n_sheets++];
		sh->name = xstrdup(b.sheet_names.v[i]);
		ok = read_sheet(&z, &b, b.sheet_parts.v[i], sh, &cells);
	}
	strvec_free(&b.strings);
	free(b.xf_kind);
	strvec_free(&b.sheet_parts);
	strvec_free(&b.sheet_names);
	pkg_close(&z);
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

void
xlsx_book_free(struct xlsx_book *b)
{
	for (size_t i = 0; i < b->n_sheets; i++)
		xlsx_sheet_free(&b->sheets[i]);
	free(b->sheets);
	memset(b, 0, sizeof *b);
}

/* The row numbered n, or NULL when the sheet has no such row. */
static struct xlsx_row *
sheet_row(struct xlsx_sheet *s, size_t n)
{
	size_t lo = 0, hi = s->n_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->rows[mid].row < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < s->n_rows && s->rows[lo].row == n ? &s->rows[lo] : NULL;
}

size_t
xlsx_sheet_fill_down(struct xlsx_sheet *s, size_t r1, size_t c, size_t r2)
{
	struct xlsx_row *top = sheet_row(s, r1);
	if (!top || c >= top->cells.n || !top->cells.v[c][0])
		return 0;
	size_t filled = 0;
	/* Only rows the sheet has: a merge never creates rows. */
	for (size_t i = (size_t)(top - s->rows) + 1;
	    i < s->n_rows && s->rows[i].row <= r2; i++) {
		struct xlsx_row *r = &s->rows[i];
		while (r->cells.n <= c)
			strvec_push(&r->cells, "");
		if (!r->cells.v[c][0]) {
			free(r->cells.v[c]);
			r->cells.v[c] = xstrdup(top->cells.v[c]);
		}
		filled++;
	}
	return filled;
}

/* How many of the sheet's rows are numbered n or less. */
static size_t
sheet_row_count_le(const struct xlsx_sheet *s, size_t n)
{
	size_t lo = 0, hi = s->n_rows;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->rows[mid].row <= n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
