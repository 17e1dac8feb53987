/*
 * plan_lint.c -- suspicious unit names and the parse report (plan_lint.h).
 *
 * A unit name is a run of Han characters, sometimes with a bracketed part
 * (各县（区）人民政府, 各县〔市、区〕政府〔管委会〕) or Latin letters; what
 * else turns up in one comes from the way the text was taken out of its
 * document: a page number (县发展改革委—3—), a broken line, a whole clause.
 */
#include "plan_lint.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cjk.h"
#include "util.h"

/* Longer than this (characters) is a clause, not a name; the longest real
 * names are about 16 (武汉铁路局驻马店车务段西平火车站). */
#define UNIT_MAX_CHARS 30

static int
is_dash(uint32_t cp)
{
	return cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0x2012 || cp == 0x2015 ||
	    cp == 0xFF0D || cp == 0x2500 || cp == 0x2212 || cp == 0xFE58 || cp == 0x2E3A;
}

static int
is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* Characters a unit name may have besides Han characters and letters. */
static int
is_name_punct(uint32_t cp)
{
	return cp == 0xFF08 || cp == 0xFF09 || cp == '(' || cp == ')' || cp == 0x3014 ||
	    cp == 0x3015 || cp == '[' || cp == ']' || cp == 0x3010 || cp == 0x3011 ||
	    cp == 0x3001 || cp == 0x00B7 || cp == 0x30FB;
}

const char *
lint_unit_problem(const char *name)
{
	static const char *const role_words[] = { "牵头", "配合", "负责", "参与", "落实",
		"按职责", "按照职责", "以下各项", "不再", "牽頭", "負責", "參與", "落實" };
	size_t i = 0, len, n = strlen(name), chars = 0;
	int dash = 0, digit = 0, noise = 0;
	while (i < n) {
		uint32_t cp = utf8_decode(name + i, n - i, &len);
		chars++;
		if (is_dash(cp))
			dash = 1;
		else if (is_digit_cp(cp))
			digit = 1;
		else if (!(cjk_is_han(cp) || is_name_punct(cp) || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z') || (cp >= 0xFF21 && cp <= 0xFF3A) ||
		    (cp >= 0xFF41 && cp <= 0xFF5A)))
			noise = 1;
		i += len;
	}
	if (dash && digit)
		return "含有页码样的数字和横线（如“—3—”“- 3 -”）";
	if (digit)
		return "含有数字（可能是页码或行号）";
	if (dash || noise)
		return "含有不属于单位名称的符号或空白";
	for (size_t k = 0; k < sizeof role_words / sizeof *role_words; k++)
		if (strstr(name, role_words[k]))
			return "含有职责用语（牵头、配合、负责等），可能把一句话读成了单位";
	if (chars > UNIT_MAX_CHARS)
		return "过长，不像一个单位名称";
	if (chars < 2)
		return "过短，不像一个单位名称";
	return NULL;
}

/* ---- the report ------------------------------------------------------------- */

const char *
plan_reading(const struct plan *p)
{
	if (!p->n_tasks)
		return NULL;
	const char *num = p->tasks[0].number;
	return strstr(num, "（") ? "“（一）”编号条目（以责任单位结尾的条目为任务）" :
	    "“1.”编号条目";
}

/* Work without a date by design: 每年, 长期坚持, 持续推进. */
static int
open_ended(const char *text)
{
	static const char *const words[] = { "长期", "長期", "持续", "持續", "每年", "每季度",
		"每月", "常态化", "常態化", "定期" };
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strstr(text, words[k]))
			return 1;
	return 0;
}

static const struct strvec *
task_roles(const struct task *t, int k)
{
	return k == 0 ? &t->lead : k == 1 ? &t->cooperating : k == 2 ? &t->responsible :
	    &t->participating;
}

static size_t
count_level(const struct diag_list *dl, const char *path, enum diag_level lv)
{
	size_t c = 0;
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == lv && dl->v[i].file && !strcmp(dl->v[i].file, path))
			c++;
	return c;
}

static void
report(const struct plan *p, const char *path, struct diag_list *dl)
{
	size_t with_units = 0, with_dates = 0, periodic = 0;
	struct buf undated = {0};
	size_t n_undated = 0;
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		if (t->lead.n || t->cooperating.n || t->responsible.n || t->participating.n)
			with_units++;
		if (t->n_deadlines) {
			with_dates++;
		} else if (open_ended(t->text)) {
			periodic++;
		} else {
			if (n_undated < 20)
				buf_printf(&undated, "%s%s", n_undated ? "、" : "", t->number);
			else if (n_undated == 20)
				buf_puts(&undated, "等");
			n_undated++;
		}
	}
	const char *reading = plan_reading(p);
	diag_add(dl, DIAG_NOTE, path, 0, 0,
	    "解析报告：%s%s；任务 %zu 项，写明责任单位 %zu 项，有时限 %zu 项，"
	    "长期或周期性工作 %zu 项%s%s%s；错误 %zu 条，警告 %zu 条",
	    reading ? "按" : "未识别出任务", reading ? reading : "", p->n_tasks, with_units,
	    with_dates, periodic, n_undated ? "，未写明时限：" : "",
	    n_undated ? undated.data : "", n_undated ? "" : "",
	    count_level(dl, path, DIAG_ERROR), count_level(dl, path, DIAG_WARNING));
	buf_free(&undated);
}

void
plan_lint(const struct plan *p, const char *path, enum lint_mode mode, struct diag_list *dl)
{
	enum diag_level lv = mode == LINT_PARSE ? DIAG_WARNING : DIAG_ERROR;
	struct strvec seen = {0};
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		for (int k = 0; k < 4; k++) {
			const struct strvec *v = task_roles(t, k);
			for (size_t u = 0; u < v->n; u++) {
				const char *why = lint_unit_problem(v->v[u]);
				if (!why || !strvec_push_unique(&seen, v->v[u]))
					continue;
				diag_add(dl, lv, path, t->line_start, 0,
				    "任务 %s 的单位名称“%s”可疑：%s。请核对并更正方案文本"
				    "（用复核表确认或更正单位名称的功能尚未提供）",
				    t->number, v->v[u], why);
			}
		}
	}
	strvec_free(&seen);
	if (!p->n_tasks && mode != LINT_PARSE)
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "方案中没有可识别的任务，不能发布（任务应为任务章节中以“1.”编号的条目，"
		    "或以责任单位结尾的“（一）”条目）");
	if (mode != LINT_BUILD)
		report(p, path, dl);
}
