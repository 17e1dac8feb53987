/*
 * site_data.h -- the open data of the site (data/): CSV files made from
 * the merged documents and the area outputs, and the small XML helpers
 * the page kinds of site_air.c, site_bulletins.c and site_meta.c share
 * (reading an output document, walking its elements by local name).
 *
 * CSV: RFC 4180 (fields with a comma, quote, CR or LF are quoted, quotes
 * doubled, CRLF line ends), UTF-8 with a byte-order mark so that Excel,
 * which staff use, opens Chinese text correctly. A text cell that starts
 * with = + - @ TAB or CR is prefixed with ' so a spreadsheet never runs it
 * as a formula (CSV injection, OWASP); a cell that is a plain decimal
 * number ("-4.4") is left alone, since it cannot be a formula.
 *
 * Include from the site page kinds and their tests. Ownership: the
 * caller owns every buffer; documents returned by site_data_read are
 * freed with xmlFreeDoc.
 */
#ifndef LANTIAN_SITE_DATA_H
#define LANTIAN_SITE_DATA_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

typedef struct _xmlDoc xmlDoc;
typedef struct _xmlNode xmlNode;

/* The UTF-8 byte-order mark, written once at the start of a CSV file. */
void csv_bom(struct buf *out);
/* One cell, preceded by a comma unless first; s NULL is an empty cell. */
void csv_cell(struct buf *out, const char *s, int first);
/* End of a record (CRLF). */
void csv_end_row(struct buf *out);
/* 1 when s is a plain decimal number ("12", "-4.4"): no guard needed. */
int csv_is_number(const char *s);

struct site;

/* The namespace of the page documents the page kinds hand to their
 * stylesheets (the lt: prefix of the stylesheets in templates/site/). */
#define SD_PAGE_NS "urn:lantian:site:1"

/* A new page document whose root element is lt:<name> (*rootp). Freed
 * with xmlFreeDoc. */
xmlDoc *sd_page_doc(const char *name, xmlNode **rootp);
/* 1 when root/rel exists (an optional input: a PDF, a commentary). */
int sd_exists(const struct site *s, const char *rel);

/* A child element of parent in parent's namespace; an attribute set
 * only when value is not NULL. */
xmlNode *sd_add_elem(xmlNode *parent, const char *name);
void sd_set_attr(xmlNode *n, const char *name, const char *value);

/* The first child element of n named name (local name; any namespace),
 * or NULL. next: the next sibling element named name after n. */
xmlNode *sd_child(const xmlNode *n, const char *name);
xmlNode *sd_next(const xmlNode *n, const char *name);
/* An attribute's value as a static-lifetime string owned by the node
 * (NULL when absent): valid while the document lives. */
const char *sd_attr(const xmlNode *n, const char *name);
/* The text content of n, into out (replacing what out held). */
void sd_text(const xmlNode *n, struct buf *out);

/* Markdown (staff pages, bulletin commentary) rendered by cmark, raw
 * HTML suppressed, appended to parent as HTML elements (no namespace),
 * headings moved down by shift levels. Returns 1, or 0 with dl. */
int sd_markdown(const char *md, size_t len, int shift, xmlNode *parent,
    struct diag_list *dl);

/* "PM2.5" for "pm25" and so on; the code itself when unknown. */
const char *sd_pollutant_name(const char *code);

/* data/<plan>/tasks-<YYYY-MM>.csv from the merged document of that plan
 * and month: one row per task (编号, 任务, 状态, 进度, 牵头单位, 配合单位,
 * 完成时限, 是否逾期, 逾期天数, 数据说明). Returns 1, or 0 with dl. */
int site_csv_tasks(xmlDoc *merged, struct buf *out, struct diag_list *dl);
/* data/air/<slug>/monthly.csv from an area index document. */
int site_csv_air_monthly(xmlDoc *index, struct buf *out,
    struct diag_list *dl);
/* data/air/<slug>/daily-<YYYY>.csv from that year's area month
 * documents, in month order (each adds its calendar days). */
int site_csv_air_daily(xmlDoc *const *months, size_t n, struct buf *out,
    struct diag_list *dl);

#endif
