/*
 * read_docx.c -- a .docx plan to paragraph lines (see read_docx.h).
 *
 * The package: [Content_Types].xml names the main document part (its
 * content type says wordprocessingml); word/styles.xml and
 * word/numbering.xml, both optional, give the automatic numbering. The
 * document body is walked once, in order, so numbering counters advance
 * exactly as Word's do when it lays the document out.
 */
#include "read_docx.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "cjk.h"
#include "util.h"
#include "xmlsafe.h"
#include "zippkg.h"

#define WHAT "Word 文档（.docx）"
#define NLVL 9               /* numbering levels 0..8 */
#define MAX_COLS 1000        /* table columns held per row */
#define FIELD_DEPTH 16       /* nested fields tracked */
#define NO_OVERRIDE INT_MIN

/* ---- safe XML ------------------------------------------------------------ */

/*
 * The one place a part's XML is parsed, by the rule every reader of user
 * XML follows (xmlsafe.h): no DOCTYPE (an OOXML part never has one, so it
 * can only be an attack: XXE, billion laughs), no DTD, no entity
 * substitution, no network, libxml2's own limits on (no XML_PARSE_HUGE),
 * bounded nesting. Returns NULL, with *why set, when the part is refused.
 */
static xmlDocPtr
docx_xml_parse(const char *data, size_t len, const char *name, const char **why)
{
	enum xmlsafe_why w;
	xmlDocPtr doc = xmlsafe_read(data, len, name,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING, 256, &w);
	switch (w) {
	case XMLSAFE_DOCTYPE:
		*why = "含有 DOCTYPE 声明（Word 文档从不含有，拒绝读取）";
		break;
	case XMLSAFE_DEEP:
		*why = "元素嵌套超过 256 层";
		break;
	case XMLSAFE_HUGE_TEXT:
		*why = "单段文字超过 10,000,000 字节";
		break;
	default:
		*why = "不是有效的 XML";
		break;
	}
	return doc;
}

/* ---- XML helpers ------------------------------------------------------- */

static int
is_el(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name);
}

static xmlNode *
child(const xmlNode *n, const char *name)
{
	for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is_el(c, name))
			return c;
	return NULL;
}

/* Attribute by local name, any namespace; caller frees with free(). */
static char *
attr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name))
			continue;
		xmlChar *v = xmlNodeGetContent((const xmlNode *)a);
		char *s = xstrdup(v ? (const char *)v : "");
		xmlFree(v);
		return s;
	}
	return NULL;
}

/* Integer attribute w:val of n, or dflt when absent or not a number. */
static int
val_int(const xmlNode *n, int dflt)
{
	char *v = attr(n, "val");
	if (!v)
		return dflt;
	char *end;
	long x = strtol(v, &end, 10);
	int ok = end != v && *end == '\0' && x > -1000000 && x < 1000000;
	free(v);
	return ok ? (int)x : dflt;
}

/* An on/off property (w:vanish, w:isLgl): present and not val="0"/"false". */
static int
on_off(const xmlNode *n)
{
	if (!n)
		return 0;
	char *v = attr(n, "val");
	int on = !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
	free(v);
	return on;
}

/* ---- the document model ------------------------------------------------- */

struct lvl {
	int start;
	char *fmt;       /* w:numFmt */
	char *text;      /* w:lvlText; NULL: none */
	int restart;     /* w:lvlRestart: -1 after any higher level, 0 never */
	int legal;       /* w:isLgl: every %N in decimal */
};

struct absnum {
	char *id;
	char *style_link;      /* w:styleLink: the numbering style it defines */
	char *num_style_link;  /* w:numStyleLink: defined by another abstractNum */
	struct lvl lv[NLVL];
	int cnt[NLVL];
	int used[NLVL];
};

struct num {
	char *id;
	char *abs_id;          /* w:abstractNumId */
	size_t abs;            /* index into abs; (size_t)-1 when missing */
	int start_override[NLVL];
	struct lvl over[NLVL];
	int has_over[NLVL];
	int started;
};

struct style {
	char *id;
	char *based_on;
	char *num_id;          /* NULL: none in this style */
	int ilvl;              /* -1: none */
};

struct field {
	int skip;              /* the result of a page-number field */
	int in_instr;
	struct buf instr;
};

struct docx {
	struct absnum *abs;
	size_t n_abs;
	struct num *nums;
	size_t n_nums;
	struct style *styles;
	size_t n_styles;
	char *default_style;
	struct field fields[FIELD_DEPTH];
	int depth;             /* open fields (may exceed FIELD_DEPTH) */
};

static void
lvl_free(struct lvl *l)
{
	free(l->fmt);
	free(l->text);
}

static void
docx_free(struct docx *d)
{
	for (size_t i = 0; i < d->n_abs; i++) {
		free(d->abs[i].id);
		free(d->abs[i].style_link);
		free(d->abs[i].num_style_link);
		for (int k = 0; k < NLVL; k++)
			lvl_free(&d->abs[i].lv[k]);
	}
	free(d->abs);
	for (size_t i = 0; i < d->n_nums; i++) {
		free(d->nums[i].id);
		free(d->nums[i].abs_id);
		for (int k = 0; k < NLVL; k++)
			lvl_free(&d->nums[i].over[k]);
	}
	free(d->nums);
	for (size_t i = 0; i < d->n_styles; i++) {
		free(d->styles[i].id);
		free(d->styles[i].based_on);
		free(d->styles[i].num_id);
	}
	free(d->styles);
	free(d->default_style);
	for (int k = 0; k < FIELD_DEPTH; k++)
		buf_free(&d->fields[k].instr);
}

/* ---- number formats ------------------------------------------------------ */

static const char *const cn_digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

/* 十一, 二十, 一百零五, 三千零二十: counting form, 1..9999 (beyond: decimal). */
static void
chinese_counting(struct buf *b, int n)
{
	static const char *const unit[] = { "千", "百", "十", "" };
	static const int scale[] = { 1000, 100, 10, 1 };
	if (n <= 0 || n > 9999) {
		buf_printf(b, "%d", n);
		return;
	}
	if (n >= 10 && n < 20) {         /* 十, 十一 ... 十九: no leading 一 */
		buf_puts(b, "十");
		if (n % 10)
			buf_puts(b, cn_digit[n % 10]);
		return;
	}
	int zero = 0, any = 0;
	for (int k = 0; k < 4; k++) {
		int dgt = n / scale[k] % 10;
		if (!dgt) {
			zero = any;
			continue;
		}
		if (zero)
			buf_puts(b, "零");
		zero = 0;
		buf_puts(b, cn_digit[dgt]);
		buf_puts(b, unit[k]);
		any = 1;
	}
}

static void
from_table(struct buf *b, const char *const *tab, int size, int n)
{
	if (n >= 1 && n <= size)
		buf_puts(b, tab[n - 1]);
	else
		buf_printf(b, "%d", n);
}

static void
letters(struct buf *b, int n, char base)
{
	if (n <= 0) {
		buf_printf(b, "%d", n);
		return;
	}
	/* a..z, then aa..zz, aaa..: Word repeats the letter */
	int times = (n - 1) / 26 + 1;
	for (int i = 0; i < times && i < 50; i++)
		buf_putc(b, (char)(base + (n - 1) % 26));
}

static void
roman(struct buf *b, int n, int upper)
{
	static const struct { int v; const char *s; } r[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" }, { 100, "c" },
		{ 90, "xc" }, { 50, "l" }, { 40, "xl" }, { 10, "x" }, { 9, "ix" },
		{ 5, "v" }, { 4, "iv" }, { 1, "i" },
	};
	if (n <= 0 || n >= 4000) {
		buf_printf(b, "%d", n);
		return;
	}
	for (size_t i = 0; i < sizeof r / sizeof *r; i++)
		while (n >= r[i].v) {
			for (const char *s = r[i].s; *s; s++)
				buf_putc(b, upper ? (char)(*s - 'a' + 'A') : *s);
			n -= r[i].v;
		}
}

/* The code point base + n - 1 for n in 1..count, else decimal. */
static void
enclosed(struct buf *b, uint32_t base, int count, int n)
{
	if (n >= 1 && n <= count)
		utf8_put(b, base + (uint32_t)(n - 1));
	else
		buf_printf(b, "%d", n);
}

void
docx_format_number(struct buf *b, const char *fmt, int n)
{
	static const char *const gan[] = { "甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸" };
	static const char *const zhi[] = { "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申",
		"酉", "戌", "亥" };
	static const char *const legal[] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
	if (!fmt || !strcmp(fmt, "decimal")) {
		buf_printf(b, "%d", n);
	} else if (!strcmp(fmt, "chineseCounting") || !strcmp(fmt, "chineseCountingThousand") ||
	    !strcmp(fmt, "japaneseCounting") || !strcmp(fmt, "taiwaneseCounting") ||
	    !strcmp(fmt, "taiwaneseCountingThousand")) {
		chinese_counting(b, n);
	} else if (!strcmp(fmt, "ideographDigital") || !strcmp(fmt, "taiwaneseDigital") ||
	    !strcmp(fmt, "japaneseDigitalTenThousand")) {
		/* 一〇, 二五: digit by digit */
		char tmp[16];
		snprintf(tmp, sizeof tmp, "%d", n);
		for (const char *p = tmp; *p; p++)
			buf_puts(b, *p >= '0' && *p <= '9' ? cn_digit[*p - '0'] : "-");
	} else if (!strcmp(fmt, "chineseLegalSimplified")) {
		if (n >= 1 && n <= 9)
			buf_puts(b, legal[n]);
		else if (n >= 10 && n <= 99)
			buf_printf(b, "%s拾%s", n >= 20 ? legal[n / 10] : "", n % 10 ? legal[n % 10] : "");
		else
			buf_printf(b, "%d", n);
	} else if (!strcmp(fmt, "ideographTraditional")) {
		from_table(b, gan, 10, n);
	} else if (!strcmp(fmt, "ideographZodiac")) {
		from_table(b, zhi, 12, n);
	} else if (!strcmp(fmt, "decimalEnclosedCircle") ||
	    !strcmp(fmt, "decimalEnclosedCircleChinese")) {
		enclosed(b, 0x2460, 20, n);           /* ① .. ⑳ */
	} else if (!strcmp(fmt, "decimalEnclosedParen")) {
		enclosed(b, 0x2474, 20, n);           /* ⑴ .. ⒇ */
	} else if (!strcmp(fmt, "decimalEnclosedFullstop")) {
		enclosed(b, 0x2488, 20, n);           /* ⒈ .. ⒛ */
	} else if (!strcmp(fmt, "decimalFullWidth") || !strcmp(fmt, "decimalFullWidth2")) {
		char tmp[16];
		snprintf(tmp, sizeof tmp, "%d", n);
		for (const char *p = tmp; *p; p++)
			utf8_put(b, *p >= '0' && *p <= '9' ? 0xFF10u + (uint32_t)(*p - '0') : '-');
	} else if (!strcmp(fmt, "decimalZero")) {
		buf_printf(b, "%02d", n);
	} else if (!strcmp(fmt, "lowerLetter")) {
		letters(b, n, 'a');
	} else if (!strcmp(fmt, "upperLetter")) {
		letters(b, n, 'A');
	} else if (!strcmp(fmt, "lowerRoman")) {
		roman(b, n, 0);
	} else if (!strcmp(fmt, "upperRoman")) {
		roman(b, n, 1);
	} else if (!strcmp(fmt, "none") || !strcmp(fmt, "bullet")) {
		/* no number: the level text is shown as written */
	} else {
		buf_printf(b, "%d", n);
	}
}

/* ---- styles.xml and numbering.xml --------------------------------------- */

static void
lvl_read(const xmlNode *n, struct lvl *l)
{
	l->start = val_int(child(n, "start"), 1);
	l->fmt = attr(child(n, "numFmt"), "val");
	l->text = attr(child(n, "lvlText"), "val");
	l->restart = val_int(child(n, "lvlRestart"), -1);
	l->legal = on_off(child(n, "isLgl"));
}

static void
lvl_init(struct lvl *l)
{
	memset(l, 0, sizeof *l);
	l->start = 1;
	l->restart = -1;
}

static void
read_abstract(struct absnum *a, const xmlNode *c)
{
	memset(a, 0, sizeof *a);
	a->id = attr(c, "abstractNumId");
	a->style_link = attr(child(c, "styleLink"), "val");
	a->num_style_link = attr(child(c, "numStyleLink"), "val");
	for (int k = 0; k < NLVL; k++)
		lvl_init(&a->lv[k]);
	for (xmlNode *l = c->children; l; l = l->next) {
		if (!is_el(l, "lvl"))
			continue;
		char *il = attr(l, "ilvl");
		int k = il ? atoi(il) : -1;
		free(il);
		if (k >= 0 && k < NLVL) {
			lvl_free(&a->lv[k]);
			lvl_read(l, &a->lv[k]);
		}
	}
}

static void
read_num(struct num *n, const xmlNode *c)
{
	memset(n, 0, sizeof *n);
	n->id = attr(c, "numId");
	n->abs_id = attr(child(c, "abstractNumId"), "val");
	n->abs = (size_t)-1;
	for (int k = 0; k < NLVL; k++) {
		n->start_override[k] = NO_OVERRIDE;
		lvl_init(&n->over[k]);
	}
	for (xmlNode *o = c->children; o; o = o->next) {
		if (!is_el(o, "lvlOverride"))
			continue;
		char *il = attr(o, "ilvl");
		int k = il ? atoi(il) : -1;
		free(il);
		if (k < 0 || k >= NLVL)
			continue;
		xmlNode *so = child(o, "startOverride");
		if (so)
			n->start_override[k] = val_int(so, 1);
		xmlNode *l = child(o, "lvl");
		if (l) {
			lvl_free(&n->over[k]);
			lvl_read(l, &n->over[k]);
			n->has_over[k] = 1;
		}
	}
}

static size_t
abs_by_id(const struct docx *d, const char *id)
{
	for (size_t i = 0; id && i < d->n_abs; i++)
		if (d->abs[i].id && !strcmp(d->abs[i].id, id))
			return i;
	return (size_t)-1;
}

/* An abstract numbering that only points at a numbering style
 * (w:numStyleLink) takes its levels and counters from the abstract
 * numbering that defines that style (w:styleLink). */
static size_t
abs_resolve(const struct docx *d, size_t a)
{
	if (a == (size_t)-1 || !d->abs[a].num_style_link)
		return a;
	for (size_t i = 0; i < d->n_abs; i++)
		if (d->abs[i].style_link && !strcmp(d->abs[i].style_link, d->abs[a].num_style_link))
			return i;
	return a;
}

static void
read_numbering(struct docx *d, xmlNode *root)
{
	size_t acap = 0, ncap = 0;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (is_el(c, "abstractNum")) {
			d->abs = xgrow(d->abs, &acap, d->n_abs + 1, sizeof *d->abs);
			read_abstract(&d->abs[d->n_abs++], c);
		} else if (is_el(c, "num")) {
			d->nums = xgrow(d->nums, &ncap, d->n_nums + 1, sizeof *d->nums);
			read_num(&d->nums[d->n_nums++], c);
		}
	}
	/* after the loop: the schema does not order abstracts before nums */
	for (size_t i = 0; i < d->n_nums; i++)
		d->nums[i].abs = abs_resolve(d, abs_by_id(d, d->nums[i].abs_id));
}

static void
read_styles(struct docx *d, xmlNode *root)
{
	size_t cap = 0;
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!is_el(c, "style"))
			continue;
		char *type = attr(c, "type");
		int para = !type || !strcmp(type, "paragraph") || !strcmp(type, "numbering");
		int paragraph = type && !strcmp(type, "paragraph");
		free(type);
		if (!para)
			continue;
		d->styles = xgrow(d->styles, &cap, d->n_styles + 1, sizeof *d->styles);
		struct style *s = &d->styles[d->n_styles++];
		memset(s, 0, sizeof *s);
		s->id = attr(c, "styleId");
		s->based_on = attr(child(c, "basedOn"), "val");
		xmlNode *np = child(child(c, "pPr"), "numPr");
		s->num_id = np ? attr(child(np, "numId"), "val") : NULL;
		s->ilvl = np ? val_int(child(np, "ilvl"), -1) : -1;
		char *dflt = attr(c, "default");
		int is_default = dflt && (!strcmp(dflt, "1") || !strcmp(dflt, "true") ||
		    !strcmp(dflt, "on"));
		free(dflt);
		if (paragraph && is_default && !d->default_style && s->id)
			d->default_style = xstrdup(s->id);
	}
}

static const struct style *
style_by_id(const struct docx *d, const char *id)
{
	for (size_t i = 0; id && i < d->n_styles; i++)
		if (d->styles[i].id && !strcmp(d->styles[i].id, id))
			return &d->styles[i];
	return NULL;
}

/* ---- automatic numbering -------------------------------------------------- */

static const struct lvl *
level_of(const struct docx *d, const struct num *n, int k)
{
	return n->has_over[k] ? &n->over[k] : &d->abs[n->abs].lv[k];
}

static int
start_of(const struct docx *d, const struct num *n, int k)
{
	return n->start_override[k] != NO_OVERRIDE ? n->start_override[k] :
	    level_of(d, n, k)->start;
}

/* The numbering of a paragraph: its own w:numPr, else its style's (and
 * the styles that style is based on). *num_id is borrowed. */
static void
para_numbering(const struct docx *d, const xmlNode *ppr, const char **num_id, int *ilvl,
    char **own)
{
	xmlNode *np = child(ppr, "numPr");
	*own = np ? attr(child(np, "numId"), "val") : NULL;
	*num_id = *own;
	*ilvl = np ? val_int(child(np, "ilvl"), -1) : -1;
	char *sid = attr(child(ppr, "pStyle"), "val");
	const struct style *s = style_by_id(d, sid ? sid : d->default_style);
	free(sid);
	for (int hops = 0; s && hops < 16; hops++) {
		if (!*num_id && s->num_id)
			*num_id = s->num_id;
		if (*ilvl < 0 && s->ilvl >= 0)
			*ilvl = s->ilvl;
		s = style_by_id(d, s->based_on);
	}
	if (*ilvl < 0 || *ilvl >= NLVL)
		*ilvl = 0;
}

/* Advance the counters for a paragraph of list num_id at level k and
 * append the number Word shows to b. */
static void
number_paragraph(struct docx *d, const char *num_id, int k, struct buf *b)
{
	struct num *n = NULL;
	for (size_t i = 0; num_id && i < d->n_nums; i++)
		if (d->nums[i].id && !strcmp(d->nums[i].id, num_id))
			n = &d->nums[i];
	if (!n || n->abs == (size_t)-1)
		return;               /* numId 0 or unknown: no numbering */
	struct absnum *a = &d->abs[n->abs];
	if (!n->started) {
		/* a list instance with a start override restarts those levels */
		n->started = 1;
		for (int j = 0; j < NLVL; j++)
			if (n->start_override[j] != NO_OVERRIDE)
				a->used[j] = 0;
	}
	if (a->used[k] && a->cnt[k] < 1000000)
		a->cnt[k]++;
	else
		a->cnt[k] = start_of(d, n, k);
	a->used[k] = 1;
	for (int j = k + 1; j < NLVL; j++) {
		int r = level_of(d, n, j)->restart;
		if (r < 0 || (r > 0 && k < r))
			a->used[j] = 0;
	}
	const struct lvl *l = level_of(d, n, k);
	if (!l->text)
		return;
	for (const char *p = l->text; *p; p++) {
		if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
			int j = p[1] - '1';
			int v = a->used[j] ? a->cnt[j] : start_of(d, n, j);
			docx_format_number(b, l->legal && j != k ? "decimal" :
			    level_of(d, n, j)->fmt, v);
			p++;
		} else {
			buf_putc(b, *p);
		}
	}
}

/* ---- paragraphs ------------------------------------------------------------ */

/* Text collected from a paragraph: lines split at line breaks. */
struct para_acc {
	struct buf cur;
	struct strvec lines;
};

static void
acc_break(struct para_acc *acc)
{
	strvec_push(&acc->lines, acc->cur.data ? acc->cur.data : "");
	buf_truncate(&acc->cur, 0);
}

static int
field_skipping(const struct docx *d)
{
	for (int k = 0; k < d->depth && k < FIELD_DEPTH; k++)
		if (d->fields[k].skip)
			return 1;
	return 0;
}

/* A complex field: begin, instruction, separate, result, end. The result
 * of a page-number field is the page number printed there: left out. */
static void
field_char(struct docx *d, const xmlNode *fc)
{
	char *t = attr(fc, "fldCharType");
	if (!t)
		return;
	if (!strcmp(t, "begin")) {
		if (d->depth < FIELD_DEPTH) {
			struct field *f = &d->fields[d->depth];
			f->skip = 0;
			f->in_instr = 1;
			buf_truncate(&f->instr, 0);
		}
		d->depth++;
	} else if (!strcmp(t, "separate") && d->depth > 0) {
		if (d->depth <= FIELD_DEPTH) {
			struct field *f = &d->fields[d->depth - 1];
			const char *s = f->instr.data ? f->instr.data : "";
			while (*s == ' ')
				s++;
			f->in_instr = 0;
			f->skip = !strncasecmp(s, "PAGE", 4) || !strncasecmp(s, "NUMPAGES", 8) ||
			    !strncasecmp(s, "SECTIONPAGES", 12);
		}
	} else if (!strcmp(t, "end") && d->depth > 0) {
		d->depth--;
	}
	free(t);
}

static int
run_hidden(const xmlNode *r)
{
	return on_off(child(child(r, "rPr"), "vanish"));
}

static void
text_append(struct docx *d, struct para_acc *acc, const xmlNode *t)
{
	if (field_skipping(d))
		return;
	xmlChar *s = xmlNodeGetContent(t);
	buf_puts(&acc->cur, s ? (const char *)s : "");
	xmlFree(s);
}

static void
inline_walk(struct docx *d, const xmlNode *parent, struct para_acc *acc)
{
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)c->name;
		if (!strcmp(nm, "r")) {
			if (!run_hidden(c))
				inline_walk(d, c, acc);
		} else if (!strcmp(nm, "t")) {
			text_append(d, acc, c);
		} else if (!strcmp(nm, "tab") || !strcmp(nm, "ptab")) {
			if (!field_skipping(d))
				buf_putc(&acc->cur, ' ');
		} else if (!strcmp(nm, "br")) {
			char *type = attr(c, "type");
			int page = type && (!strcmp(type, "page") || !strcmp(type, "column"));
			free(type);
			if (!page)
				acc_break(acc);
		} else if (!strcmp(nm, "cr")) {
			acc_break(acc);
		} else if (!strcmp(nm, "noBreakHyphen")) {
			buf_putc(&acc->cur, '-');
		} else if (!strcmp(nm, "fldChar")) {
			field_char(d, c);
		} else if (!strcmp(nm, "instrText")) {
			if (d->depth > 0 && d->depth <= FIELD_DEPTH) {
				xmlChar *s = xmlNodeGetContent(c);
				buf_puts(&d->fields[d->depth - 1].instr, s ? (const char *)s : "");
				xmlFree(s);
			}
		} else if (!strcmp(nm, "fldSimple")) {
			char *instr = attr(c, "instr");
			const char *s = instr ? instr : "";
			while (*s == ' ')
				s++;
			int page = !strncasecmp(s, "PAGE", 4) || !strncasecmp(s, "NUMPAGES", 8) ||
			    !strncasecmp(s, "SECTIONPAGES", 12);
			free(instr);
			if (!page)
				inline_walk(d, c, acc);
		} else if (!strcmp(nm, "hyperlink") || !strcmp(nm, "smartTag") ||
		    !strcmp(nm, "sdt") || !strcmp(nm, "sdtContent") || !strcmp(nm, "customXml") ||
		    !strcmp(nm, "ins") || !strcmp(nm, "moveTo") || !strcmp(nm, "bdo") ||
		    !strcmp(nm, "dir")) {
			inline_walk(d, c, acc);
		}
		/* everything else is left out: properties (pPr, rPr), deleted
		 * and moved-away text, drawings and text boxes (drawing, pict,
		 * object, AlternateContent), footnote and endnote references,
		 * comments, symbols */
	}
}

/* Replace what would break a line or a pipe-table cell; trim. */
static char *
clean_line(const char *s, int in_cell)
{
	struct buf b = {0};
	buf_puts(&b, "");
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t')
			buf_putc(&b, ' ');
		else if (*s == '|' && in_cell)
			buf_puts(&b, "｜");
		else
			buf_putc(&b, *s);
	}
	char *t = buf_detach(&b);
	cjk_trim(t);
	return t;
}

/* A paragraph's lines, the first prefixed by its automatic number. */
static void
paragraph_lines(struct docx *d, const xmlNode *p, struct strvec *out)
{
	struct para_acc acc = {0};
	buf_puts(&acc.cur, "");
	const char *num_id;
	int ilvl;
	char *own;
	para_numbering(d, child(p, "pPr"), &num_id, &ilvl, &own);
	struct buf num = {0};
	buf_puts(&num, "");
	if (num_id)
		number_paragraph(d, num_id, ilvl, &num);
	free(own);
	inline_walk(d, p, &acc);
	acc_break(&acc);
	for (size_t i = 0; i < acc.lines.n; i++) {
		char *line = clean_line(acc.lines.v[i], 0);
		if (i == 0 && num.len) {
			/* "1." before "2024年…" would read as the number 1.2024 */
			int sep = (unsigned char)num.data[num.len - 1] < 0x80 &&
			    line[0] >= '0' && line[0] <= '9';
			char *s = xasprintf("%s%s%s", num.data, sep ? " " : "", line);
			free(line);
			line = s;
		}
		strvec_push(out, line);
		free(line);
	}
	buf_free(&num);
	buf_free(&acc.cur);
	strvec_free(&acc.lines);
}

/* ---- tables -------------------------------------------------------------- */

static void block_walk(struct docx *d, const xmlNode *parent, struct plines *out,
    struct buf *cell);

/* Append s to a cell's text, separated by a space. */
static void
cell_add(struct buf *cell, const char *s)
{
	if (!*s)
		return;
	if (cell->len)
		buf_putc(cell, ' ');
	buf_puts(cell, s);
}

/* The cells of a row (w:tc, also inside content controls), in order. */
static void
row_cells(const xmlNode *parent, const xmlNode **cells, size_t *n, size_t max)
{
	for (xmlNode *c = parent->children; c && *n < max; c = c->next) {
		if (is_el(c, "tc"))
			cells[(*n)++] = c;
		else if (is_el(c, "sdt"))
			row_cells(child(c, "sdtContent") ? child(c, "sdtContent") : c, cells, n, max);
		else if (is_el(c, "customXml"))
			row_cells(c, cells, n, max);
	}
}

/* The rows of a table (w:tr, also inside content controls), in order. */
static void
table_rows(const xmlNode *parent, const xmlNode ***rows, size_t *n, size_t *cap)
{
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (is_el(c, "tr")) {
			*rows = xgrow(*rows, cap, *n + 1, sizeof **rows);
			(*rows)[(*n)++] = c;
		} else if (is_el(c, "sdt") && child(c, "sdtContent")) {
			table_rows(child(c, "sdtContent"), rows, n, cap);
		} else if (is_el(c, "customXml")) {
			table_rows(c, rows, n, cap);
		}
	}
}

/* One table: a row line per row (out), or, for a table inside a cell,
 * its cells' text appended to that cell. */
static void
table(struct docx *d, const xmlNode *tbl, struct plines *out, struct buf *outer)
{
	const xmlNode **rows = NULL;
	size_t n_rows = 0, cap = 0;
	table_rows(tbl, &rows, &n_rows, &cap);
	struct strvec above = {0};
	/* not static: a cell may hold a table, walked before this row ends */
	const xmlNode **cells = xmalloc(MAX_COLS * sizeof *cells);
	for (size_t r = 0; r < n_rows; r++) {
		struct strvec row = {0};
		xmlNode *trpr = child(rows[r], "trPr");
		int before = val_int(child(trpr, "gridBefore"), 0);
		for (int k = 0; k < before && row.n < MAX_COLS; k++)
			strvec_push(&row, "");
		size_t nc = 0;
		row_cells(rows[r], cells, &nc, MAX_COLS);
		for (size_t i = 0; i < nc && row.n < MAX_COLS; i++) {
			const xmlNode *tcpr = child(cells[i], "tcPr");
			int span = val_int(child(tcpr, "gridSpan"), 1);
			if (span < 1)
				span = 1;
			xmlNode *vm = child(tcpr, "vMerge");
			char *vmv = vm ? attr(vm, "val") : NULL;
			int cont = vm && (!vmv || !strcmp(vmv, "continue"));
			free(vmv);
			xmlNode *hm = child(tcpr, "hMerge");
			char *hmv = hm ? attr(hm, "val") : NULL;
			int hcont = hm && (!hmv || !strcmp(hmv, "continue"));
			free(hmv);
			struct buf text = {0};
			buf_puts(&text, "");
			/* the cell is walked even when merged away: its numbered
			 * paragraphs still count */
			block_walk(d, cells[i], NULL, &text);
			for (int k = 0; k < span && row.n < MAX_COLS; k++) {
				size_t col = row.n;
				if (cont)
					strvec_push(&row, col < above.n ? above.v[col] : "");
				else if (k == 0 && !hcont)
					strvec_push(&row, text.data);
				else
					strvec_push(&row, "");
			}
			buf_free(&text);
		}
		int any = 0;
		for (size_t i = 0; i < row.n; i++)
			any |= row.v[i][0] != '\0';
		if (any && out) {
			struct buf line = {0};
			buf_putc(&line, '|');
			for (size_t i = 0; i < row.n; i++) {
				char *c = clean_line(row.v[i], 1);
				buf_puts(&line, c);
				buf_putc(&line, '|');
				free(c);
			}
			plines_push(out, line.data, PLINE_ROW);
			buf_free(&line);
		} else if (any && outer) {
			for (size_t i = 0; i < row.n; i++)
				cell_add(outer, row.v[i]);
		}
		strvec_free(&above);
		above = row;
	}
	strvec_free(&above);
	free(cells);
	free(rows);
}

/* ---- the body ------------------------------------------------------------ */

/* Block-level content of parent (the body, a cell, a content control):
 * paragraphs as lines into out, or, inside a cell, as text into cell. */
static void
block_walk(struct docx *d, const xmlNode *parent, struct plines *out, struct buf *cell)
{
	for (xmlNode *c = parent->children; c; c = c->next) {
		if (is_el(c, "p")) {
			struct strvec lines = {0};
			paragraph_lines(d, c, &lines);
			for (size_t i = 0; i < lines.n; i++) {
				if (out)
					plines_push(out, lines.v[i], PLINE_PARA);
				else
					cell_add(cell, lines.v[i]);
			}
			strvec_free(&lines);
		} else if (is_el(c, "tbl")) {
			table(d, c, out, cell);
		} else if (is_el(c, "sdt")) {
			xmlNode *sc = child(c, "sdtContent");
			if (sc)
				block_walk(d, sc, out, cell);
		} else if (is_el(c, "customXml") || is_el(c, "ins") || is_el(c, "moveTo")) {
			block_walk(d, c, out, cell);
		}
	}
}

/* ---- the package ------------------------------------------------------------ */

/* The main document part named in [Content_Types].xml, or NULL with an
 * error (not a Word document: say what it is when it is another OOXML). */
static char *
main_part(struct zippkg *z, const char *path, struct diag_list *dl)
{
	struct buf b = {0};
	int rc = zippkg_read(z, "[Content_Types].xml", &b);
	if (rc <= 0) {
		if (rc == 0)
			diag_add(dl, DIAG_ERROR, path, 0, 0,
			    "这是 ZIP 压缩文件，不是 Word 文档（.docx）：缺少 [Content_Types].xml");
		buf_free(&b);
		return NULL;
	}
	const char *why;
	xmlDocPtr doc = docx_xml_parse(b.data, b.len, "[Content_Types].xml", &why);
	buf_free(&b);
	if (!doc) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s中的 [Content_Types].xml %s", WHAT, why);
		return NULL;
	}
	char *part = NULL;
	int sheet = 0, slides = 0;
	xmlNode *root = xmlDocGetRootElement(doc);
	for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
		if (!is_el(c, "Override"))
			continue;
		char *ct = attr(c, "ContentType");
		if (ct && !part && (strstr(ct, "wordprocessingml.document.main+xml") ||
		    strstr(ct, "wordprocessingml.template.main+xml") ||
		    strstr(ct, "ms-word.document.macroEnabled.main+xml") ||
		    strstr(ct, "ms-word.template.macroEnabledTemplate.main+xml"))) {
			char *pn = attr(c, "PartName");
			part = xstrdup(pn ? pn + (pn[0] == '/') : "");
			free(pn);
		}
		sheet |= ct && strstr(ct, "spreadsheetml") != NULL;
		slides |= ct && strstr(ct, "presentationml") != NULL;
		free(ct);
	}
	xmlFreeDoc(doc);
	if (!part || !*part) {
		free(part);
		part = NULL;
		diag_add(dl, DIAG_ERROR, path, 0, 0, "%s",
		    sheet ? "这是 Excel 工作簿，不是 Word 文档：方案正文请用 .docx、.txt 或 .md" :
		    slides ? "这是 PowerPoint 演示文稿，不是 Word 文档：方案正文请用 .docx、.txt 或 .md" :
		    "这是 ZIP 压缩文件，不是 Word 文档（.docx）");
	}
	return part;
}

/* An optional (required = 0) or required part, parsed; NULL when absent
 * or refused (refused: error given, *failed set). */
static xmlDocPtr
xml_part(struct zippkg *z, const char *name, int required, int *failed)
{
	struct buf b = {0};
	int rc = zippkg_read(z, name, &b);
	xmlDocPtr doc = NULL;
	if (rc == 1) {
		const char *why;
		doc = docx_xml_parse(b.data, b.len, name, &why);
		if (!doc) {
			diag_add(z->dl, DIAG_ERROR, z->path, 0, 0, "%s中的 %s %s", WHAT, name, why);
			*failed = 1;
		}
	} else if (rc < 0) {
		*failed = 1;
	} else if (required) {
		diag_add(z->dl, DIAG_ERROR, z->path, 0, 0, "%s已损坏：缺少 %s", WHAT, name);
		*failed = 1;
	}
	buf_free(&b);
	return doc;
}

int
docx_read(const char *path, const char *data, size_t len, struct plines *out,
    struct diag_list *dl)
{
	struct zippkg z;
	if (!zippkg_open(&z, path, WHAT, data, len, DOCX_MAX_PART, DOCX_MAX_TOTAL, dl))
		return 0;
	char *part = main_part(&z, path, dl);
	if (!part) {
		zippkg_close(&z);
		return 0;
	}
	struct docx d = {0};
	int failed = 0;
	/* styles and numbering sit beside the main part (word/) */
	const char *slash = strrchr(part, '/');
	char *dir = xstrndup(part, slash ? (size_t)(slash - part + 1) : 0);
	char *name = xasprintf("%sstyles.xml", dir);
	xmlDocPtr styles = xml_part(&z, name, 0, &failed);
	free(name);
	name = xasprintf("%snumbering.xml", dir);
	xmlDocPtr numbering = failed ? NULL : xml_part(&z, name, 0, &failed);
	free(name);
	free(dir);
	xmlDocPtr doc = failed ? NULL : xml_part(&z, part, 1, &failed);
	if (styles)
		read_styles(&d, xmlDocGetRootElement(styles));
	if (numbering)
		read_numbering(&d, xmlDocGetRootElement(numbering));
	if (doc) {
		xmlNode *body = child(xmlDocGetRootElement(doc), "body");
		if (body)
			block_walk(&d, body, out, NULL);
		int any = 0;
		for (size_t i = 0; i < out->n && !any; i++)
			any = out->text[i][0] != '\0';
		if (!any) {
			diag_add(dl, DIAG_ERROR, path, 0, 0, "%s中没有正文文字", WHAT);
			failed = 1;
		}
	}
	xmlFreeDoc(styles);
	xmlFreeDoc(numbering);
	xmlFreeDoc(doc);
	docx_free(&d);
	free(part);
	zippkg_close(&z);
	return !failed;
}
