/*
 * site_data.c -- CSV exports of the site and the XML reading helpers the
 * page kinds share. See site_data.h for the CSV rules.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <unistd.h>

#include "fsutil.h"
#include "md_cjk.h"
#include "site.h"
#include "site_data.h"
#include "util.h"

/* ---- CSV ----------------------------------------------------------- */

void
csv_bom(struct buf *out)
{
	buf_puts(out, "\xEF\xBB\xBF");
}

int
csv_is_number(const char *s)
{
	if (!s || !*s)
		return 0;
	if (*s == '-')
		s++;
	size_t digits = strspn(s, "0123456789");
	if (digits == 0)
		return 0;
	s += digits;
	if (*s == '.') {
		s++;
		digits = strspn(s, "0123456789");
		if (digits == 0)
			return 0;
		s += digits;
	}
	return *s == '\0';
}

/* A spreadsheet reads a cell starting with one of these as a formula. */
static int
csv_needs_guard(const char *s)
{
	return s[0] && strchr("=+-@\t\r", s[0]) && !csv_is_number(s);
}

void
csv_cell(struct buf *out, const char *s, int first)
{
	if (!first)
		buf_putc(out, ',');
	if (!s || !*s)
		return;
	int guard = csv_needs_guard(s);
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(out, '"');
	if (guard)
		buf_putc(out, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			buf_putc(out, '"');
		buf_putc(out, *p);
	}
	if (quote)
		buf_putc(out, '"');
}

void
csv_end_row(struct buf *out)
{
	buf_puts(out, "\r\n");
}

/* ---- XML reading --------------------------------------------------- */

xmlDoc *
sd_page_doc(const char *name, xmlNode **rootp)
{
	xmlDoc *doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNode *root = xmlNewDocNode(doc, NULL, BAD_CAST name, NULL);
	xmlSetNs(root, xmlNewNs(root, BAD_CAST SD_PAGE_NS, BAD_CAST "lt"));
	xmlDocSetRootElement(doc, root);
	*rootp = root;
	return doc;
}

int
sd_exists(const struct site *s, const char *rel)
{
	char *p = xasprintf("%s/%s", site_root(s), rel);
	int r = access(p, F_OK) == 0;
	free(p);
	return r;
}

xmlNode *
sd_add_elem(xmlNode *parent, const char *name)
{
	return xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);
}

void
sd_set_attr(xmlNode *n, const char *name, const char *value)
{
	if (value)
		xmlSetProp(n, BAD_CAST name, BAD_CAST value);
}

static xmlNode *
sd_from(xmlNode *c, const char *name)
{
	for (; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return c;
	return NULL;
}

xmlNode *
sd_child(const xmlNode *n, const char *name)
{
	return n ? sd_from(n->children, name) : NULL;
}

xmlNode *
sd_next(const xmlNode *n, const char *name)
{
	return n ? sd_from(n->next, name) : NULL;
}

const char *
sd_attr(const xmlNode *n, const char *name)
{
	if (!n)
		return NULL;
	for (xmlAttr *a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		/* A parsed attribute holds one text node (character and
		 * predefined references are already resolved). */
		if (a->children && a->children->type == XML_TEXT_NODE &&
		    !a->children->next)
			return (const char *)a->children->content;
		return "";
	}
	return NULL;
}

void
sd_text(const xmlNode *n, struct buf *out)
{
	buf_truncate(out, 0);
	if (!n)
		return;
	xmlChar *t = xmlNodeGetContent(n);
	if (t)
		buf_puts(out, (const char *)t);
	xmlFree(t);
	if (!out->data)
		buf_puts(out, "");
}

/* ---- Markdown ------------------------------------------------------ */

/* h1..h6 moved down by shift levels (at most h6), so a staff page's "#"
 * sits under the page's own title. */
static void
shift_headings(xmlNode *n, int shift)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		const char *nm = (const char *)n->name;
		if (nm[0] == 'h' && nm[1] >= '1' && nm[1] <= '6' && !nm[2]) {
			int lv = nm[1] - '0' + shift;
			char name[3] = { 'h', (char)('0' + (lv > 6 ? 6 : lv)), 0 };
			xmlNodeSetName(n, BAD_CAST name);
		}
		shift_headings(n->children, shift);
	}
}

int
sd_markdown(const char *md, size_t len, int shift, xmlNode *parent,
    struct diag_list *dl)
{
	/* cmark 0.30 drops raw HTML and javascript: links unless told
	 * CMARK_OPT_UNSAFE: staff text cannot inject markup. The same parse
	 * as the bulletins' (md_parse: CJK-friendly emphasis). */
	cmark_node *doc = md_parse(md, len, CMARK_OPT_DEFAULT);
	char *html = doc ? cmark_render_html(doc, CMARK_OPT_DEFAULT) : NULL;
	if (doc)
		cmark_node_free(doc);
	char *wrapped = xasprintf("<html><body><div>%s</div></body></html>",
	    html ? html : "");
	free(html);
	htmlDocPtr hd = htmlReadMemory(wrapped, (int)strlen(wrapped), "md",
	    "UTF-8", HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED);
	free(wrapped);
	xmlNode *div = NULL;
	if (hd) {
		xmlNode *h = xmlDocGetRootElement(hd);
		div = sd_child(sd_child(h, "body"), "div");
	}
	if (!div) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "Markdown 文本无法转换");
		xmlFreeDoc(hd);
		return 0;
	}
	for (xmlNode *c = div->children; c; c = c->next) {
		xmlNode *copy = xmlDocCopyNode(c, parent->doc, 1);
		if (copy)
			xmlAddChild(parent, copy);
	}
	if (shift > 0)
		shift_headings(parent->children, shift);
	xmlFreeDoc(hd);
	return 1;
}

/* ---- tasks --------------------------------------------------------- */

/* The names of a task's units with role, joined with 、. */
static void
task_units(const xmlNode *task, const char *role, struct buf *out)
{
	struct buf name = {0};
	buf_truncate(out, 0);
	buf_puts(out, "");
	for (xmlNode *u = sd_child(sd_child(task, "units"), "unit"); u;
	    u = sd_next(u, "unit")) {
		const char *r = sd_attr(u, "role");
		if (!r || strcmp(r, role) != 0)
			continue;
		sd_text(u, &name);
		if (out->len)
			buf_puts(out, "、");
		buf_puts(out, name.data);
	}
	buf_free(&name);
}

/* The deadlines as written in the plan, joined with ；. */
static void
task_deadlines(const xmlNode *task, struct buf *out)
{
	struct buf raw = {0};
	buf_truncate(out, 0);
	buf_puts(out, "");
	for (xmlNode *d = sd_child(task, "deadline"); d;
	    d = sd_next(d, "deadline")) {
		sd_text(d, &raw);
		if (!raw.len)
			continue;
		if (out->len)
			buf_puts(out, "；");
		buf_puts(out, raw.data);
	}
	buf_free(&raw);
}

/* The provenance labels of a merged or area document, joined with ；. */
static void
provenance_labels(const xmlNode *root, struct buf *out)
{
	struct buf t = {0};
	buf_truncate(out, 0);
	buf_puts(out, "");
	for (xmlNode *l = sd_child(sd_child(root, "provenance"), "label"); l;
	    l = sd_next(l, "label")) {
		sd_text(l, &t);
		if (out->len)
			buf_puts(out, "；");
		buf_puts(out, t.data);
	}
	buf_free(&t);
}

static const char *const task_header[] = {
	"编号", "任务", "状态", "进度(%)", "牵头单位", "配合单位",
	"最终完成时限", "时限原文", "是否逾期", "逾期天数", "数据说明", NULL,
};

static void
csv_header(struct buf *out, const char *const *h)
{
	for (size_t i = 0; h[i]; i++)
		csv_cell(out, h[i], i == 0);
	csv_end_row(out);
}

int
site_csv_tasks(xmlDoc *merged, struct buf *out, struct diag_list *dl)
{
	xmlNode *root = xmlDocGetRootElement(merged);
	if (!root || strcmp((const char *)root->name, "merged") != 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0, "不是合并文档（merged）");
		return 0;
	}
	struct buf note = {0}, t = {0}, lead = {0}, coop = {0}, dl_raw = {0};
	provenance_labels(root, &note);
	csv_bom(out);
	csv_header(out, task_header);
	for (xmlNode *k = sd_child(sd_child(root, "tasks"), "task"); k;
	    k = sd_next(k, "task")) {
		xmlNode *st = sd_child(k, "status");
		const char *over = sd_attr(st, "overdue");
		sd_text(sd_child(k, "title"), &t);
		task_units(k, "lead", &lead);
		task_units(k, "cooperating", &coop);
		task_deadlines(k, &dl_raw);
		csv_cell(out, sd_attr(k, "number"), 1);
		csv_cell(out, t.data, 0);
		csv_cell(out, sd_attr(k, "state-name"), 0);
		csv_cell(out, sd_attr(k, "percent"), 0);
		csv_cell(out, lead.data, 0);
		csv_cell(out, coop.data, 0);
		csv_cell(out, sd_attr(st, "deadline"), 0);
		csv_cell(out, dl_raw.data, 0);
		csv_cell(out, over && strcmp(over, "yes") == 0 ? "是" : "否", 0);
		csv_cell(out, sd_attr(st, "days-overdue"), 0);
		csv_cell(out, note.data, 0);
		csv_end_row(out);
	}
	buf_free(&note);
	buf_free(&t);
	buf_free(&lead);
	buf_free(&coop);
	buf_free(&dl_raw);
	return 1;
}

/* ---- air ----------------------------------------------------------- */

static const struct { const char *code, *name; } pollutant_names[] = {
	{"so2", "SO2"}, {"no2", "NO2"}, {"pm10", "PM10"}, {"pm25", "PM2.5"},
	{"co", "CO"}, {"o3_1h", "O3-1h"}, {"o3_8h", "O3-8h"},
};

const char *
sd_pollutant_name(const char *code)
{
	for (size_t i = 0; i < sizeof pollutant_names / sizeof *pollutant_names;
	    i++)
		if (strcmp(code, pollutant_names[i].code) == 0)
			return pollutant_names[i].name;
	return code;
}

/* "pm10 pm25" -> "PM10、PM2.5" into out (replacing its content). */
static void
primary_names(const char *codes, struct buf *out)
{
	buf_truncate(out, 0);
	buf_puts(out, "");
	while (codes && *codes) {
		size_t n = strcspn(codes, " ");
		if (n) {
			char *c = xstrndup(codes, n);
			if (out->len)
				buf_puts(out, "、");
			buf_puts(out, sd_pollutant_name(c));
			free(c);
		}
		codes += n;
		codes += strspn(codes, " ");
	}
}

/* 模拟数据… for simulated data, else 实测数据 (the area documents label
 * only simulated data). */
static void
area_provenance(const xmlNode *root, struct buf *out)
{
	provenance_labels(root, out);
	if (!out->len)
		buf_puts(out, "实测数据");
}

static const char *const monthly_header[] = {
	"月份", "综合指数", "PM2.5(微克/立方米)", "优良天数比例(%)",
	"有效天数", "有数据天数", "数据有效", "数据说明", NULL,
};

int
site_csv_air_monthly(xmlDoc *index, struct buf *out, struct diag_list *dl)
{
	xmlNode *root = xmlDocGetRootElement(index);
	if (!root || strcmp((const char *)root->name, "area-index") != 0) {
		diag_add(dl, DIAG_ERROR, NULL, 0, 0,
		    "不是区域索引文档（area-index）");
		return 0;
	}
	struct buf note = {0};
	area_provenance(root, &note);
	csv_bom(out);
	csv_header(out, monthly_header);
	for (xmlNode *m = sd_child(sd_child(root, "months"), "month"); m;
	    m = sd_next(m, "month")) {
		const char *v = sd_attr(m, "valid");
		csv_cell(out, sd_attr(m, "ym"), 1);
		csv_cell(out, sd_attr(m, "composite"), 0);
		csv_cell(out, sd_attr(m, "pm25"), 0);
		csv_cell(out, sd_attr(m, "good-ratio"), 0);
		csv_cell(out, sd_attr(m, "valid-days"), 0);
		csv_cell(out, sd_attr(m, "days-data"), 0);
		csv_cell(out, v && strcmp(v, "yes") == 0 ? "是" : "否", 0);
		csv_cell(out, note.data, 0);
		csv_end_row(out);
	}
	buf_free(&note);
	return 1;
}

static const char *const daily_header[] = {
	"日期", "AQI", "级别", "类别", "首要污染物", "SO2", "NO2", "PM10",
	"CO", "O3-1h", "O3-8h", "PM2.5", "数据有效", "数据说明", NULL,
};
/* The calendar attributes written after the category, in header order. */
static const char *const daily_attrs[] = {
	"so2", "no2", "pm10", "co", "o3_1h", "o3_8h", "pm25", NULL,
};

int
site_csv_air_daily(xmlDoc *const *months, size_t n, struct buf *out,
    struct diag_list *dl)
{
	struct buf note = {0}, prim = {0};
	csv_bom(out);
	csv_header(out, daily_header);
	for (size_t i = 0; i < n; i++) {
		xmlNode *root = xmlDocGetRootElement(months[i]);
		if (!root ||
		    strcmp((const char *)root->name, "area-month") != 0) {
			diag_add(dl, DIAG_ERROR, NULL, 0, 0,
			    "不是区域月度文档（area-month）");
			buf_free(&note);
			buf_free(&prim);
			return 0;
		}
		area_provenance(root, &note);
		for (xmlNode *d = sd_child(sd_child(root, "calendar"), "day");
		    d; d = sd_next(d, "day")) {
			const char *v = sd_attr(d, "valid");
			csv_cell(out, sd_attr(d, "date"), 1);
			csv_cell(out, sd_attr(d, "aqi"), 0);
			csv_cell(out, sd_attr(d, "level"), 0);
			csv_cell(out, sd_attr(d, "category"), 0);
			primary_names(sd_attr(d, "primary"), &prim);
			csv_cell(out, prim.data, 0);
			for (size_t a = 0; daily_attrs[a]; a++)
				csv_cell(out, sd_attr(d, daily_attrs[a]), 0);
			csv_cell(out, v && strcmp(v, "yes") == 0 ? "是" : "否",
			    0);
			csv_cell(out, note.data, 0);
			csv_end_row(out);
		}
	}
	buf_free(&note);
	buf_free(&prim);
	return 1;
}
