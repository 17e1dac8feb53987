/*
 * plan_repost.h -- plans copied from a government web portal: the page's
 * chrome around the plan (breadcrumbs, 【打印本页】【关闭窗口】, share links,
 * font-size switches, the site footer with its 网站标识码 and ICP number,
 * leftover HTML tags and hidden text) is not part of the plan, and the
 * portal's metadata block (索引号, 发文字号, 发布机构, 成文日期, 发布日期, …)
 * says what the document header would have said.
 */
#ifndef LANTIAN_PLAN_REPOST_H
#define LANTIAN_PLAN_REPOST_H

#include "buf.h"

enum repost_field {
	REPOST_NONE,       /* not a metadata line */
	REPOST_OTHER,      /* 索引号, 主题分类, 公开方式, …: dropped */
	REPOST_DOC_NUMBER, /* 发文字号 / 文号 */
	REPOST_ISSUER,     /* 发布机构 / 发文机关 / 发文单位 */
	REPOST_DATE,       /* 成文日期 */
	REPOST_PUBLISHED,  /* 发布日期 / 发布时间: used when no 成文日期 is given */
};

/* Is the line (trimmed, NUL-terminated) a portal metadata field ("发文字号：
 * 宛政办〔2024〕3号")? *value (may be NULL) gets the start of its value. */
enum repost_field repost_field_of(const char *line, const char **value);

/* Does the text (NUL-terminated) carry a web page's chrome or a portal's
 * metadata block in its first or last 2 KB, where a page puts them around
 * the plan? A plan that is no repost then pays nothing per line. */
int repost_detect(const char *text);

/* Is the line page chrome or a metadata field, to be read as a blank line? */
int repost_is_chrome(const char *line);

/* Append line to b without HTML comments, elements hidden with
 * display:none, and the tags and entities of copied HTML (<p>, <span…>,
 * &nbsp;); their text stays. */
void repost_strip_html(struct buf *b, const char *line);

/* The document's metadata as the portal gives it, from the raw lines
 * [0, n): each out-parameter that is still NULL gets a new string (the
 * date as YYYY-MM-DD, from 成文日期; 发布日期 is when the page went up, not
 * the document's date). A 发文字号 of 无 is none. */
void repost_header(char *const *lines, size_t n, char **doc_number, char **issuer,
    char **date);

#endif
