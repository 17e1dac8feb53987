/*
 * plan_repost.c -- the chrome and the metadata block of a plan copied from a
 * web portal (plan_repost.h). Every rule is a whole-line pattern that a
 * plan's own text never has: a metadata label followed by a colon at the
 * start of a line, the page's buttons in 【】, the footer's 网站标识码.
 */
#include "plan_repost.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cjk.h"
#include "util.h"

static const struct {
	const char *label;
	enum repost_field kind;
} fields[] = {
	{ "发文字号", REPOST_DOC_NUMBER }, { "文号", REPOST_DOC_NUMBER },
	{ "发布机构", REPOST_ISSUER }, { "发文机关", REPOST_ISSUER },
	{ "发文单位", REPOST_ISSUER }, { "发布单位", REPOST_ISSUER },
	{ "成文日期", REPOST_DATE }, { "成文时间", REPOST_DATE },
	{ "发布日期", REPOST_PUBLISHED }, { "发布时间", REPOST_PUBLISHED },
	{ "印发日期", REPOST_DATE },
	{ "索引号", REPOST_OTHER }, { "主题分类", REPOST_OTHER },
	{ "体裁分类", REPOST_OTHER }, { "组配分类", REPOST_OTHER },
	{ "服务对象分类", REPOST_OTHER }, { "公开方式", REPOST_OTHER },
	{ "公开范围", REPOST_OTHER }, { "公开时限", REPOST_OTHER },
	{ "信息来源", REPOST_OTHER }, { "信息分类", REPOST_OTHER },
	{ "所属机构", REPOST_OTHER }, { "有效性", REPOST_OTHER },
	{ "时效性", REPOST_OTHER }, { "生效日期", REPOST_OTHER },
	{ "废止日期", REPOST_OTHER }, { "关键词", REPOST_OTHER },
	{ "主题词", REPOST_OTHER }, { "统一编号", REPOST_OTHER },
	{ "浏览次数", REPOST_OTHER }, { "访问次数", REPOST_OTHER },
	{ "阅读次数", REPOST_OTHER }, { "点击数", REPOST_OTHER },
	{ "责任编辑", REPOST_OTHER }, { "来源", REPOST_OTHER },
	{ "作者", REPOST_OTHER }, { "名称", REPOST_OTHER },
};

static const char *
skip_colon(const char *s)
{
	while (*s == ' ' || str_starts(s, "\xe3\x80\x80"))
		s += *s == ' ' ? 1 : 3;
	if (str_starts(s, "："))
		s += strlen("：");
	else if (*s == ':')
		s++;
	else
		return NULL;
	while (*s == ' ' || str_starts(s, "\xe3\x80\x80"))
		s += *s == ' ' ? 1 : 3;
	return s;
}

enum repost_field
repost_field_of(const char *line, const char **value)
{
	for (size_t k = 0; k < sizeof fields / sizeof *fields; k++) {
		if (!str_starts(line, fields[k].label))
			continue;
		const char *v = skip_colon(line + strlen(fields[k].label));
		if (!v)
			continue;
		/* 名称：… and 来源：… are the portal's only when short: a plan's
		 * own 名称： line would go on. */
		if ((fields[k].kind == REPOST_OTHER) && cjk_width(line, strlen(line)) > 120)
			return REPOST_NONE;
		if (value)
			*value = v;
		return fields[k].kind;
	}
	return REPOST_NONE;
}

int
repost_detect(const char *text)
{
	static const char *const marks[] = { "索引号", "发文字号", "发布机构", "网站标识码",
		"ICP备", "版权所有", "打印", "关闭窗口", "分享到", "扫一扫", "字体", "字号",
		"位置：", "首页", "广告", "<", "&" };
	/* The page's chrome is around the plan: its first and last 2 KB. */
	size_t n = strlen(text), span = 2048;
	const char *parts[2] = { text, n > span ? text + n - span : text };
	size_t lens[2] = { n < span ? n : span, n < span ? n : span };
	for (int p = 0; p < 2; p++)
		for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
			if (memmem(parts[p], lens[p], marks[k], strlen(marks[k])))
				return 1;
	return 0;
}

int
repost_is_chrome(const char *line)
{
	static const char *const anywhere[] = {
		"【打印", "【关闭", "[打印", "[关闭", "打印本页", "关闭窗口", "【我要纠错】",
		"网站标识码", "ICP备", "公网安备", "版权所有", "【字体", "字号：大",
		"字体：大", "扫一扫在手机", "用手机扫描", "【收藏】", "【返回顶部】",
	};
	static const char *const starts[] = {
		"分享到", "当前位置", "您当前的位置", "您的位置", "您现在的位置",
		"上一篇", "下一篇", "相关链接", "相关文章", "相关阅读", "相关文件",
		"扫一扫", "附件下载", "【", "广告：", "广告:", "[广告]", "点击进入",
	};
	/* Chrome lines are short; a paragraph of the plan is not chrome. */
	if (!*line || strlen(line) > 160)
		return 0;
	if (repost_field_of(line, NULL) != REPOST_NONE)
		return 1;
	for (size_t k = 0; k < sizeof anywhere / sizeof *anywhere; k++)
		if (strstr(line, anywhere[k]))
			return 1;
	for (size_t k = 0; k < sizeof starts / sizeof *starts; k++) {
		if (!str_starts(line, starts[k]))
			continue;
		/* 【】 opens a button row, never a plan's paragraph of text */
		if (!strcmp(starts[k], "【") && strstr(line, "。"))
			continue;
		return 1;
	}
	/* A breadcrumb: 首页 > 政务公开 > 政策文件 */
	if (str_starts(line, "首页") && (strstr(line, ">") || strstr(line, "＞") ||
	    strstr(line, "»") || strstr(line, "›")))
		return 1;
	return 0;
}

/* Tags of copied HTML (their text stays). */
static const char *const tags[] = { "p", "br", "span", "div", "font", "strong", "b",
	"i", "u", "em", "a", "img", "o:p", "td", "tr", "table", "tbody", "th", "h1", "h2",
	"h3", "h4", "h5", "h6", "li", "ul", "ol", "center" };

/* Length of an HTML tag at s (<span style=…>, </p>, <br/>), or 0. */
static size_t
tag_at(const char *s)
{
	if (s[0] != '<')
		return 0;
	const char *p = s + 1 + (s[1] == '/');
	for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
		size_t n = strlen(tags[k]);
		if (strncasecmp(p, tags[k], n) != 0)
			continue;
		char c = p[n];
		if (c != '>' && c != ' ' && c != '/' && c != '\t')
			continue;
		const char *e = strchr(p + n, '>');
		if (!e || e - s > 400)
			return 0;
		return (size_t)(e - s) + 1;
	}
	return 0;
}

/* <span style="display:none">…</span>: hidden text, dropped with its tags. */
static size_t
hidden_at(const char *s)
{
	size_t n = tag_at(s);
	if (!n || s[1] == '/')
		return 0;
	char *open = xstrndup(s, n);
	int hidden = strstr(open, "display:none") || strstr(open, "display: none") ||
	    strstr(open, "visibility:hidden");
	free(open);
	if (!hidden)
		return 0;
	const char *name = s + 1;
	size_t nl = strcspn(name, " \t/>");
	for (const char *p = s + n; (p = strstr(p, "</")) != NULL; p += 2) {
		if (!strncasecmp(p + 2, name, nl) && p[2 + nl] == '>')
			return (size_t)(p - s) + 3 + nl;
	}
	return strlen(s);
}

void
repost_strip_html(struct buf *b, const char *s)
{
	static const struct {
		const char *ent, *text;
	} ents[] = { { "&nbsp;", " " }, { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
		{ "&quot;", "\"" }, { "&#160;", " " }, { "&ensp;", " " }, { "&emsp;", "　" } };
	while (*s) {
		size_t n;
		if (str_starts(s, "<!--")) {
			const char *e = strstr(s + 4, "-->");
			s = e ? e + 3 : s + strlen(s);
			continue;
		}
		if ((n = hidden_at(s)) || (n = tag_at(s))) {
			s += n;
			continue;
		}
		if (*s == '&') {
			size_t k;
			for (k = 0; k < sizeof ents / sizeof *ents; k++)
				if (str_starts(s, ents[k].ent))
					break;
			if (k < sizeof ents / sizeof *ents) {
				buf_puts(b, ents[k].text);
				s += strlen(ents[k].ent);
				continue;
			}
		}
		size_t run = strcspn(s + 1, "<&") + 1;
		buf_put(b, s, run);
		s += run;
	}
}

/* 2024年3月1日, 2024年03月01日, 2024-03-01, 2024/3/1, 2024.03.01 -> YYYY-MM-DD */
static char *
portal_date(const char *s)
{
	int y = 0, m = 0, d = 0, nd;
	const char *p = s;
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 4; nd++)
		y = y * 10 + (*p++ - '0');
	if (nd != 4)
		return NULL;
	if (str_starts(p, "年"))
		p += strlen("年");
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else
		return NULL;
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 2; nd++)
		m = m * 10 + (*p++ - '0');
	if (!nd)
		return NULL;
	if (str_starts(p, "月"))
		p += strlen("月");
	else if (*p == '-' || *p == '/' || *p == '.')
		p++;
	else
		return NULL;
	for (nd = 0; *p >= '0' && *p <= '9' && nd < 2; nd++)
		d = d * 10 + (*p++ - '0');
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!nd || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return NULL;
	return xasprintf("%04d-%02d-%02d", y, m, d);
}

void
repost_header(char *const *lines, size_t n, char **doc_number, char **issuer, char **date)
{
	for (size_t i = 0; i < n; i++) {
		char *line = xstrdup(lines[i]);
		cjk_trim(line);
		const char *v = NULL;
		enum repost_field f = repost_field_of(line, &v);
		/* The value ends at the next field on the same line (发布机构：X　发布日期：Y). */
		char *val = v ? xstrndup(v, strcspn(v, " \t")) : NULL;
		if (val && str_starts(val, "\xe3\x80\x80"))
			val[0] = '\0';
		char *sp = val ? strstr(val, "\xe3\x80\x80") : NULL;
		if (sp)
			*sp = '\0';
		if (f == REPOST_DOC_NUMBER && !*doc_number && val && strstr(val, "号"))
			*doc_number = xstrdup(val);
		else if (f == REPOST_ISSUER && !*issuer && val && *val)
			*issuer = xstrdup(val);
		else if (f == REPOST_DATE && !*date && val)
			*date = portal_date(val);
		free(val);
		free(line);
	}
}
