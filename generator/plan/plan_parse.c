/*
 * plan_parse.c -- plan text to struct plan (see plan_parse.h).
 *
 * Stages: read by format (plan_source.c: text decoded by textload.c, a
 * .docx by read_docx.c, a PDF by read_pdf.c) -> traditional script folded
 * for the rules (plan_script.c) -> blocks (plan_text.c, web-page chrome
 * dropped by plan_repost.c) -> markers on each
 * block (plan_markers.c) -> header metadata, sections, tasks -> per task:
 * responsibility brackets (plan_units.c), dates (plan_dates.c), targets
 * (plan_targets.c) -> attachments from the raw lines.
 *
 * Which items are tasks (lantian-plan(5), 任务): the arabic-numbered
 * items (1. 2. …) of the task sections, or, in plans without them, the
 * （一）（二） items of the task sections that end in a responsibility
 * bracket (or, with no bracket, say who is responsible in a sentence:
 * 由X牵头…, 责任单位：…). A task section is any top-level section that is not general
 * requirements, goals or safeguards; both readings are tried and the one
 * whose items carry more responsibility brackets wins, so a plan whose
 * （一） items carry arabic sub-points is still read right.
 */
#include "plan_parse.h"

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "cjk.h"
#include "input_limits.h"
#include "plan_dates.h"
#include "plan_markers.h"
#include "plan_repost.h"
#include "plan_script.h"
#include "plan_source.h"
#include "plan_targets.h"
#include "plan_text.h"
#include "plan_units.h"
#include "textload.h"
#include "userfile.h"
#include "util.h"

struct parser {
	const char *path;
	struct plan *p;
	struct ptext t;
	struct diag_list *dl;
	enum marker_kind *kind;  /* per block */
	int *value;              /* per block: marker number */
	size_t *mlen;            /* per block: bytes of the marker */
	int *section;            /* per block: section index, -1 before/after the body */
	char *in_task;           /* per block: 1 when part of a task */
	size_t body_start;       /* first block of section 一 */
	size_t body_end;         /* first block of the attachments (or n) */
	size_t units;            /* units named by the brackets read so far */
};

/* ---- section kinds ------------------------------------------------------- */

static const struct {
	const char *word;
	enum section_kind kind;
} section_words[] = {
	{ "总体要求", SECTION_GENERAL }, { "指导思想", SECTION_GENERAL },
	{ "基本原则", SECTION_GENERAL }, { "工作原则", SECTION_GENERAL },
	{ "总体思路", SECTION_GENERAL }, { "编制依据", SECTION_GENERAL },
	{ "主要目标", SECTION_GOALS }, { "工作目标", SECTION_GOALS },
	{ "总体目标", SECTION_GOALS }, { "年度目标", SECTION_GOALS },
	{ "目标指标", SECTION_GOALS },
	{ "保障措施", SECTION_SAFEGUARD }, { "组织保障", SECTION_SAFEGUARD },
	{ "组织领导", SECTION_SAFEGUARD }, { "工作要求", SECTION_SAFEGUARD },
	{ "保障机制", SECTION_SAFEGUARD }, { "组织实施", SECTION_SAFEGUARD },
	{ "工作保障", SECTION_SAFEGUARD }, { "工作措施保障", SECTION_SAFEGUARD },
};

static enum section_kind
section_kind_of(const char *title)
{
	for (size_t k = 0; k < sizeof section_words / sizeof *section_words; k++)
		if (str_starts(title, section_words[k].word))
			return section_words[k].kind;
	return SECTION_TASKS;
}

/* Text of a heading or item up to its first full stop: its title. */
static char *
title_of(const char *s)
{
	const char *e = strstr(s, "。");
	const char *e2 = strstr(s, "！");
	if (e2 && (!e || e2 < e))
		e = e2;
	size_t n = e ? (size_t)(e - s) : strlen(s);
	char *t = xstrndup(s, n);
	cjk_trim(t);
	/* A title never keeps the responsibility bracket of a one-line item. */
	struct bracket_span *g;
	size_t ng = bracket_groups(t, &g);
	if (!e && ng && g[ng - 1].close_end == strlen(t) && g[ng - 1].open > 0) {
		t[g[ng - 1].open] = '\0';
		cjk_trim(t);
	}
	free(g);
	/* Cap absurdly long titles (a block with no full stop at all). */
	if (strlen(t) > 600) {
		size_t k = 600;
		while (k > 0 && ((unsigned char)t[k] & 0xC0) == 0x80)
			k--;
		t[k] = '\0';
	}
	return t;
}

/* ---- header metadata --------------------------------------------------- */

static int
is_title_like(const char *s)
{
	if (strstr(s, "关于") || strstr(s, "通知") || strstr(s, "《") || strstr(s, "。") ||
	    strstr(s, "，") || cjk_width(s, strlen(s)) > 120)
		return 0;
	char *t = xstrdup(s);
	/* Drop a trailing (2024—2025年) or (征求意见稿) group. */
	struct bracket_span *g;
	size_t ng = bracket_groups(t, &g);
	if (ng && g[ng - 1].close_end == strlen(t) && g[ng - 1].open > 0)
		t[g[ng - 1].open] = '\0';
	free(g);
	cjk_trim(t);
	int ok = str_ends(t, "方案") || str_ends(t, "计划") || str_ends(t, "规划") ||
	    str_ends(t, "措施") || str_ends(t, "工作要点");
	free(t);
	return ok;
}

static int
year_in(const char *s)
{
	for (const char *p = s; *p; p++) {
		if (p[0] >= '1' && p[0] <= '2' && p[1] >= '0' && p[1] <= '9' && p[2] >= '0' &&
		    p[2] <= '9' && p[3] >= '0' && p[3] <= '9' && (p == s || p[-1] < '0' || p[-1] > '9') &&
		    (p[4] < '0' || p[4] > '9'))
			return (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	}
	return 0;
}

/* "2024年2月2日" alone: the date of a notice. */
static int
parse_full_date(const char *s, char out[11])
{
	int y = 0, m = 0, d = 0;
	const char *p = s;
	int n = 0;
	while (*p >= '0' && *p <= '9' && n < 4)
		y = y * 10 + (*p++ - '0'), n++;
	if (n != 4 || !str_starts(p, "年"))
		return 0;
	p += 3;
	n = 0;
	while (*p >= '0' && *p <= '9' && n < 2)
		m = m * 10 + (*p++ - '0'), n++;
	if (!n || !str_starts(p, "月"))
		return 0;
	p += 3;
	n = 0;
	while (*p >= '0' && *p <= '9' && n < 2)
		d = d * 10 + (*p++ - '0'), n++;
	if (!n || !(str_starts(p, "日") || str_starts(p, "号")))
		return 0;
	p += 3;
	if (*p || m < 1 || m > 12 || d < 1 || d > dates_month_days(y, m))
		return 0;
	char tmp[40];
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	memcpy(out, tmp, 11);
	return 1;
}

/* 宛政办〔2024〕3号 within s: returns a new string or NULL. */
static char *
find_doc_number(const char *s)
{
	const char *b = strstr(s, "〔");
	if (!b)
		b = strstr(s, "[");
	if (!b)
		return NULL;
	const char *start = b;
	size_t len;
	/* Walk back over the issuer's abbreviation (Han characters). */
	while (start > s) {
		const char *k = start - 1;
		while (k > s && ((unsigned char)*k & 0xC0) == 0x80)
			k--;
		uint32_t cp = utf8_decode(k, (size_t)(start - k), &len);
		if (!cjk_is_han(cp))
			break;
		start = k;
	}
	const char *e = strstr(b, "号");
	if (start == b || !e || e - b > 24)
		return NULL;
	return xstrndup(start, (size_t)(e - start) + strlen("号"));
}

static char *
place_of(const char *title)
{
	static const char *const ends[] = { "自治区", "省", "市", "县", "区", "旗", "镇", "乡" };
	const char *best = NULL;
	size_t blen = 0;
	for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
		const char *e = strstr(title, ends[k]);
		if (!e)
			continue;
		size_t chars = 0;
		for (const char *q = title; q < e; q++)
			chars += (((unsigned char)*q & 0xC0) != 0x80);
		if (chars < 1 || chars > 8)
			continue;
		if (!best || e < best) {
			best = e;
			blen = strlen(ends[k]);
		}
	}
	return best ? xstrndup(title, (size_t)(best - title) + blen) : NULL;
}

static char *
level_of(const char *place)
{
	if (!place)
		return NULL;
	if (str_ends(place, "省") || str_ends(place, "自治区"))
		return xstrdup("省");
	if (str_ends(place, "市"))
		return xstrdup("市");
	if (str_ends(place, "县") || str_ends(place, "区") || str_ends(place, "旗"))
		return xstrdup("县");
	if (str_ends(place, "镇") || str_ends(place, "乡"))
		return xstrdup("镇");
	return NULL;
}

/* Is s[0..pos) inside 《…》? */
static int
inside_book_title(const char *s, size_t pos)
{
	int depth = 0;
	for (size_t i = 0; i + 3 <= pos; i++) {
		if (!strncmp(s + i, "《", 3))
			depth++;
		else if (!strncmp(s + i, "》", 3) && depth > 0)
			depth--;
	}
	return depth > 0;
}

/* A place named with a year outside 《》 (南召县2024年…): for plans with no
 * title. Returns the first, or NULL. */
static char *
place_from_body(const struct ptext *t)
{
	static const char *const ends[] = { "县", "市", "镇" };
	for (size_t i = 0; i < t->n_lines; i++) {
		const char *s = t->lines[i];
		const char *best = NULL;
		for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
			for (const char *p = strstr(s, ends[k]); p; p = strstr(p + 3, ends[k])) {
				if (!(p[3] >= '0' && p[3] <= '9' && year_in(p + 3) &&
				    str_starts(p + 7, "年")))
					continue;
				if (inside_book_title(s, (size_t)(p - s)))
					continue;
				if (!best || p < best)
					best = p;
				break;
			}
		}
		if (!best)
			continue;
		const char *q = best;
		int chars = 0;
		size_t len;
		while (q > s && chars < 4) {
			const char *k = q - 1;
			while (k > s && ((unsigned char)*k & 0xC0) == 0x80)
				k--;
			if (!cjk_is_han(utf8_decode(k, (size_t)(q - k), &len)))
				break;
			q = k;
			chars++;
		}
		if (chars >= 2)
			return xstrndup(q, (size_t)(best - q) + 3);
	}
	return NULL;
}

static void
parse_header(struct parser *ps)
{
	struct plan *p = ps->p;
	size_t title_block = (size_t)-1;
	for (size_t i = 0; i < ps->body_start; i++) {
		const char *s = ps->t.b[i].text;
		char date[11];
		if (is_title_like(s))
			title_block = i;
		if (!p->doc_number && !strstr(s, "《"))
			p->doc_number = find_doc_number(s);
		if (!p->issue_date && parse_full_date(s, date)) {
			p->issue_date = xstrdup(date);
			if (i > 0 && !p->issuer && cjk_width(ps->t.b[i - 1].text,
			    strlen(ps->t.b[i - 1].text)) <= 60 && !strstr(ps->t.b[i - 1].text, "，"))
				p->issuer = xstrdup(ps->t.b[i - 1].text);
		}
		if (!p->draft && (strstr(s, "征求意见稿") || strstr(s, "送审稿") || strstr(s, "讨论稿"))) {
			p->draft = xstrdup(strstr(s, "征求意见稿") ? "征求意见稿" :
			    strstr(s, "送审稿") ? "送审稿" : "讨论稿");
		}
	}
	/* A web repost's metadata block fills what the header did not say. */
	size_t head_lines = ps->body_start < ps->t.n ? ps->t.b[ps->body_start].line_start - 1 :
	    ps->t.n_lines;
	repost_header(ps->t.lines, head_lines, &p->doc_number, &p->issuer, &p->issue_date);
	if (!p->issuer && ps->body_start > 0 && str_ends(ps->t.b[0].text, "文件")) {
		char *s = xstrdup(ps->t.b[0].text);
		s[strlen(s) - strlen("文件")] = '\0';
		p->issuer = s;
	}
	if (title_block != (size_t)-1) {
		char *t = xstrdup(ps->t.b[title_block].text);
		struct bracket_span *g;
		size_t ng = bracket_groups(t, &g);
		if (ng && g[ng - 1].close_end == strlen(t) && strstr(t + g[ng - 1].open, "意见稿"))
			t[g[ng - 1].open] = '\0';
		free(g);
		cjk_trim(t);
		p->title = t;
		const char *a = strstr(t, "（");
		if (a && year_in(a)) {
			/* （2024—2025年）: the plan period */
			const char *y = a + 3;
			const char *e = strstr(y, "年");
			if (e && (size_t)(e - y) <= 12 && year_in(y)) {
				struct buf b = {0};
				cjk_fold_append(&b, y, (size_t)(e - y), 0);
				p->period = buf_detach(&b);
			}
		}
	}
	p->place = p->title ? place_of(p->title) : NULL;
	if (!p->place)
		p->place = place_from_body(&ps->t);
	p->level = level_of(p->place);
}

/* ---- structure ---------------------------------------------------------- */

static void
classify_blocks(struct parser *ps)
{
	size_t n = ps->t.n;
	ps->kind = xcalloc(n + 1, sizeof *ps->kind);
	ps->value = xcalloc(n + 1, sizeof *ps->value);
	ps->mlen = xcalloc(n + 1, sizeof *ps->mlen);
	ps->section = xcalloc(n + 1, sizeof *ps->section);
	ps->in_task = xcalloc(n + 1, 1);
	ps->body_start = n;
	ps->body_end = n;
	for (size_t i = 0; i < n; i++) {
		ps->kind[i] = marker_at(ps->t.b[i].text, &ps->mlen[i], &ps->value[i]);
		ps->section[i] = -1;
		if (ps->kind[i] == MARKER_TOP && ps->body_start == n)
			ps->body_start = i;
	}
	for (size_t i = ps->body_start; i < n; i++)
		if (ps->kind[i] == MARKER_ATTACH) {
			ps->body_end = i;
			break;
		}
}

static void
build_sections(struct parser *ps)
{
	struct plan *p = ps->p;
	size_t cap = 0;
	int cur = -1;
	for (size_t i = ps->body_start; i < ps->body_end; i++) {
		if (ps->kind[i] == MARKER_TOP) {
			p->sections = xgrow(p->sections, &cap, p->n_sections + 1, sizeof *p->sections);
			struct section *s = &p->sections[p->n_sections];
			memset(s, 0, sizeof *s);
			s->numeral = marker_numeral(ps->value[i]);
			s->title = title_of(ps->t.b[i].text + ps->mlen[i]);
			s->kind = section_kind_of(s->title);
			s->line = ps->t.b[i].line_start;
			cur = (int)p->n_sections++;
		}
		ps->section[i] = cur;
	}
}

/* Is block i a sub-heading (（一）减污降碳协同增效行动) rather than an item? */
static int
is_sub_heading(const struct parser *ps, size_t i)
{
	const char *s = ps->t.b[i].text + ps->mlen[i];
	if (ps->t.b[i].md_heading)
		return 1;
	return !strstr(s, "。") && cjk_width(s, strlen(s)) <= 80;
}

static int
in_task_section(const struct parser *ps, size_t i)
{
	int s = ps->section[i];
	return s >= 0 && ps->p->sections[s].kind == SECTION_TASKS;
}

/* End (exclusive) of the task that starts at block i, in the given mode. */
static size_t
task_end(const struct parser *ps, size_t i, enum marker_kind mode)
{
	size_t j = i + 1;
	for (; j < ps->body_end; j++) {
		enum marker_kind k = ps->kind[j];
		if (k == MARKER_TOP || k == MARKER_ATTACH || k == mode)
			break;
		if (mode == MARKER_ARABIC && k == MARKER_SUB)
			break;
	}
	return j;
}

/* Join blocks [i, j) as task text: the first without its marker. */
static char *
task_text(const struct parser *ps, size_t i, size_t j)
{
	struct buf b = {0};
	for (size_t k = i; k < j; k++) {
		const char *s = ps->t.b[k].text + (k == i ? ps->mlen[k] : 0);
		if (k > i)
			buf_putc(&b, '\n');
		buf_puts(&b, s);
	}
	return buf_detach(&b);
}

/* Does the item of blocks [i, j) end in a responsibility bracket? */
static int
has_bracket(const struct parser *ps, size_t i, size_t j)
{
	char *text = task_text(ps, i, j);
	struct assignment *a = NULL;
	size_t n = 0;
	struct strvec inh = {0};
	char *raw = NULL;
	size_t found = resp_find(text, &a, &n, &inh, &raw);
	for (size_t k = 0; k < n; k++)
		assignment_clear(&a[k]);
	free(a);
	strvec_free(&inh);
	free(raw);
	free(text);
	return found > 0;
}

static size_t
count_bracketed(const struct parser *ps, enum marker_kind mode)
{
	size_t c = 0;
	for (size_t i = ps->body_start; i < ps->body_end; i++) {
		if (ps->kind[i] != mode || !in_task_section(ps, i))
			continue;
		if (mode == MARKER_SUB && is_sub_heading(ps, i))
			continue;
		char *text = task_text(ps, i, task_end(ps, i, mode));
		c += (size_t)resp_present(text);
		free(text);
	}
	return c;
}

static int
add_subsection(struct parser *ps, size_t i)
{
	struct section *s = &ps->p->sections[ps->section[i]];
	s->subs = xrealloc(s->subs, (s->n_subs + 1) * sizeof *s->subs);
	struct subsection *sub = &s->subs[s->n_subs];
	sub->numeral = marker_sub_label(ps->value[i]);
	sub->title = title_of(ps->t.b[i].text + ps->mlen[i]);
	sub->line = ps->t.b[i].line_start;
	return (int)s->n_subs++;
}

/* Append the units of src not yet in dst (seen: dst's units, as a set). */
static void
push_new_units(struct strvec *dst, GHashTable *seen, const struct strvec *src)
{
	for (size_t u = 0; u < src->n; u++)
		if (!g_hash_table_contains(seen, src->v[u])) {
			strvec_push(dst, src->v[u]);
			g_hash_table_add(seen, dst->v[dst->n - 1]);
		}
}

/* The task's roles: the union of its brackets', in order. Sets keep this
 * linear in the number of units however many brackets a task has. */
static void
task_roles(struct task *t)
{
	struct strvec *role[] = { &t->lead, &t->cooperating, &t->responsible,
	    &t->participating };
	GHashTable *seen[4];
	for (size_t r = 0; r < 4; r++) {
		seen[r] = g_hash_table_new(g_str_hash, g_str_equal);
		for (size_t u = 0; u < role[r]->n; u++)
			g_hash_table_add(seen[r], role[r]->v[u]);
	}
	for (size_t k = 0; k < t->n_assignments; k++) {
		struct assignment *a = &t->assignments[k];
		push_new_units(role[0], seen[0], &a->lead);
		push_new_units(role[1], seen[1], &a->cooperating);
		push_new_units(role[2], seen[2], &a->responsible);
		push_new_units(role[3], seen[3], &a->participating);
		if (!t->lead_mode && a->lead_mode)
			t->lead_mode = xstrdup(a->lead_mode);
	}
	for (size_t r = 0; r < 4; r++)
		g_hash_table_destroy(seen[r]);
}

/* The limits of input_limits.h on a task's brackets: errors naming the
 * task's line; the units are counted towards the plan's PLAN_MAX_UNITS. */
static void
check_brackets(struct parser *ps, struct task *t)
{
	size_t widest = resp_widest(t->text);
	if (widest > PLAN_MAX_UNITS_PER_BRACKET)
		diag_add(ps->dl, DIAG_ERROR, ps->path, t->line_start, 0,
		    "任务的责任单位括号列出约 %zu 个单位，超过每个括号 %d 个的上限",
		    widest, PLAN_MAX_UNITS_PER_BRACKET);
	if (t->n_assignments > PLAN_MAX_BRACKETS_PER_TASK)
		diag_add(ps->dl, DIAG_ERROR, ps->path, t->line_start, 0,
		    "任务的责任单位括号超过每项任务 %d 个的上限",
		    PLAN_MAX_BRACKETS_PER_TASK);
	for (size_t k = 0; k < t->n_assignments; k++) {
		const struct assignment *a = &t->assignments[k];
		ps->units += a->lead.n + a->cooperating.n + a->responsible.n +
		    a->participating.n;
	}
}

static void
fill_task(struct parser *ps, struct task *t, size_t i, size_t j)
{
	struct plan *p = ps->p;
	t->text = task_text(ps, i, j);
	t->title = title_of(t->text);
	t->line_start = ps->t.b[i].line_start;
	t->line_end = ps->t.b[j - 1].line_end;
	resp_find(t->text, &t->assignments, &t->n_assignments, &p->responsible_inherited,
	    &p->responsible_inherited_raw);
	check_brackets(ps, t);
	for (size_t k = 0; k < t->n_assignments; k++)
		t->assignments[k].line = t->line_start;
	task_roles(t);
	/* "以下各项任务均需…负责落实": from the declaring task on */
	for (size_t u = 0; u < p->responsible_inherited.n; u++)
			strvec_push_unique(&t->responsible, p->responsible_inherited.v[u]);

	struct date_found f = {0};
	dates_scan(t->text, p->plan_year, t->line_start, &f);
	t->deadlines = f.deadlines;
	t->n_deadlines = f.n_deadlines;
	t->periods = f.periods;
	t->n_periods = f.n_periods;
	t->starts = f.starts;
	t->n_starts = f.n_starts;
	size_t cap = 0;
	targets_scan(t->text, p->plan_year, t->line_start, &t->targets, &t->n_targets, &cap);
}

/* 以下各项工作均需X落实，不再列出 in a paragraph of its own, before the tasks
 * it covers: the plan's inherited responsibility from here on. */
static void
inherit_clause(struct parser *ps, size_t i)
{
	struct plan *p = ps->p;
	if (p->responsible_inherited.n || !in_task_section(ps, i) ||
	    !strstr(ps->t.b[i].text, "以下各项"))
		return;
	struct assignment *a = NULL;
	size_t n = 0;
	resp_find(ps->t.b[i].text, &a, &n, &p->responsible_inherited,
	    &p->responsible_inherited_raw);
	for (size_t k = 0; k < n; k++)
		assignment_clear(&a[k]);
	free(a);
}

static void
build_tasks(struct parser *ps)
{
	struct plan *p = ps->p;
	size_t arabic = count_bracketed(ps, MARKER_ARABIC);
	size_t sub = count_bracketed(ps, MARKER_SUB);
	enum marker_kind mode = arabic >= sub && arabic > 0 ? MARKER_ARABIC : MARKER_SUB;
	size_t cap = 0;
	int cur_sub = -1, cur_sec = -1;
	for (size_t i = ps->body_start; i < ps->body_end; i++) {
		if (ps->section[i] != cur_sec) {
			cur_sec = ps->section[i];
			cur_sub = -1;
		}
		if (ps->kind[i] == MARKER_SUB && mode == MARKER_ARABIC) {
			if (is_sub_heading(ps, i) || in_task_section(ps, i))
				cur_sub = add_subsection(ps, i);
			continue;
		}
		if (ps->kind[i] == MARKER_SUB && is_sub_heading(ps, i)) {
			cur_sub = add_subsection(ps, i);
			continue;
		}
		if (ps->kind[i] != mode || !in_task_section(ps, i)) {
			inherit_clause(ps, i);
			continue;
		}
		size_t j = task_end(ps, i, mode);
		/* Only the （一） items that assign work: those with a bracket. */
		if (mode == MARKER_SUB && !has_bracket(ps, i, j))
			continue;
		if (p->n_tasks == PLAN_MAX_TASKS) {
			diag_add(ps->dl, DIAG_ERROR, ps->path,
			    ps->t.b[i].line_start, 0,
			    "任务超过每个方案 %d 项的上限：从本行起不再读入",
			    PLAN_MAX_TASKS);
			break;
		}
		if (ps->units > PLAN_MAX_UNITS) {
			diag_add(ps->dl, DIAG_ERROR, ps->path,
			    ps->t.b[i].line_start, 0,
			    "责任单位超过每个方案 %d 个的上限：从本行起不再读入",
			    PLAN_MAX_UNITS);
			break;
		}
		p->tasks = xgrow(p->tasks, &cap, p->n_tasks + 1, sizeof *p->tasks);
		struct task *t = &p->tasks[p->n_tasks];
		memset(t, 0, sizeof *t);
		t->ordinal = (int)p->n_tasks + 1;
		t->section = ps->section[i];
		t->subsection = mode == MARKER_ARABIC ? cur_sub : -1;
		if (mode == MARKER_ARABIC) {
			t->number = xasprintf("%d", ps->value[i]);
		} else {
			/* The printed （N）; qualified by its section ("三.（二）") when
			 * the numbering restarts per section (qualify_numbers). */
			t->number = marker_sub_label(ps->value[i]);
		}
		fill_task(ps, t, i, j);
		memset(ps->in_task + i, 1, j - i);
		p->n_tasks++;
		i = j - 1;
	}
}

static int
cmp_str_ptr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Numbers must identify tasks: when arabic numbers restart per section,
 * qualify them with the section ("三.2"). */
static void
qualify_numbers(struct plan *p)
{
	if (p->n_tasks < 2)
		return;
	char **v = xmalloc(p->n_tasks * sizeof *v);
	for (size_t i = 0; i < p->n_tasks; i++)
		v[i] = p->tasks[i].number;
	qsort(v, p->n_tasks, sizeof *v, cmp_str_ptr);
	int dup = 0;
	for (size_t i = 1; i < p->n_tasks && !dup; i++)
		dup = !strcmp(v[i - 1], v[i]);
	free(v);
	if (!dup)
		return;
	for (size_t i = 0; i < p->n_tasks; i++) {
		struct task *t = &p->tasks[i];
		char *n = xasprintf("%s.%s", p->sections[t->section].numeral, t->number);
		free(t->number);
		t->number = n;
	}
}

/* ---- plan-level targets and dates outside tasks --------------------------- */

static void
plan_level_scan(struct parser *ps)
{
	struct plan *p = ps->p;
	size_t tcap = 0, dcap = 0;
	for (size_t i = ps->body_start; i < ps->body_end; i++) {
		const struct pblock *b = &ps->t.b[i];
		if (ps->section[i] < 0 || ps->in_task[i])
			continue;
		enum section_kind k = p->sections[ps->section[i]].kind;
		const char *text = b->text + ps->mlen[i];
		if (k == SECTION_GENERAL || k == SECTION_GOALS)
			targets_scan(text, 0, b->line_start, &p->targets, &p->n_targets, &tcap);
		struct date_found f = {0};
		dates_scan(text, p->plan_year, b->line_start, &f);
		for (size_t d = 0; d < f.n_deadlines; d++) {
			/* 到2025年 in the goals is the year of a target, not a deadline. */
			const char *raw = f.deadlines[d].raw;
			if ((k == SECTION_GENERAL || k == SECTION_GOALS) && str_starts(raw, "到") &&
			    !strstr(raw, "月") && !strstr(raw, "底") && !strstr(raw, "末")) {
				continue;
			}
			p->other_deadlines = xgrow(p->other_deadlines, &dcap,
			    p->n_other_deadlines + 1, sizeof *p->other_deadlines);
			p->other_deadlines[p->n_other_deadlines++] = f.deadlines[d];
			f.deadlines[d].raw = NULL;  /* now the plan's */
		}
		dates_found_free(&f);
	}
	/* A plan target with no year of its own is for the plan year. */
	for (size_t i = 0; i < p->n_targets; i++)
		if (!p->targets[i].year)
			p->targets[i].year = p->plan_year;
}

/* The plan year when neither title nor notice gives one: the earliest year
 * of an explicit deadline in the body. */
static int
earliest_deadline_year(const struct parser *ps)
{
	int best = 0;
	for (size_t i = ps->body_start; i < ps->body_end; i++) {
		struct date_found f = {0};
		dates_scan(ps->t.b[i].text, 0, 0, &f);
		for (size_t d = 0; d < f.n_deadlines; d++) {
			int y = atoi(f.deadlines[d].date);
			if (f.deadlines[d].date[0] && (!best || y < best))
				best = y;
		}
		dates_found_free(&f);
	}
	return best;
}

/* ---- attachments (附表) --------------------------------------------------- */

static void
attachment_finish_row(struct attachment *a, struct strvec *row)
{
	if (!row->n)
		return;
	if (!a->header.n) {
		a->header = *row;
	} else {
		a->rows = xrealloc(a->rows, (a->n_rows + 1) * sizeof *a->rows);
		a->rows[a->n_rows++] = *row;
	}
	memset(row, 0, sizeof *row);
}

static void
parse_attachments(struct parser *ps)
{
	struct plan *p = ps->p;
	if (ps->body_end >= ps->t.n)
		return;
	size_t from = ps->t.b[ps->body_end].line_start - 1;
	struct attachment *a = NULL;
	struct strvec row = {0};
	struct buf title = {0};
	uint32_t prev = 0;
	int in_table = 0;
	for (size_t i = from; i < ps->t.n_lines; i++) {
		const char *line = ps->t.lines[i];
		size_t ml;
		int v;
		int is_label = marker_at(line, &ml, &v) == MARKER_ATTACH &&
		    line[ml] >= '0' && line[ml] <= '9';
		if (is_label) {
			if (a) {
				attachment_finish_row(a, &row);
				if (!a->title)
					a->title = buf_detach(&title);
			}
			p->attachments = xrealloc(p->attachments,
			    (p->n_attachments + 1) * sizeof *p->attachments);
			a = &p->attachments[p->n_attachments++];
			memset(a, 0, sizeof *a);
			char *lab = xstrdup(line);
			cjk_trim(lab);
			/* 附表1 南召县…: a title on the label's line */
			size_t k = ml;
			while (lab[k] >= '0' && lab[k] <= '9')
				k++;
			a->label = xstrndup(lab, k);
			cjk_trim(a->label);
			buf_truncate(&title, 0);
			prev = cjk_fold_append(&title, lab + k, strlen(lab + k), 0);
			a->line = i + 1;
			in_table = 0;
			free(lab);
			continue;
		}
		if (!a)
			continue;
		if (line[0] == '\t' || line[0] == '|') {
			if (!a->title)
				a->title = buf_detach(&title);
			in_table = 1;
			if (line[0] == '|') {
				/* Markdown pipe table: one row per line */
				if (strstr(line, "---"))
					continue;
				const char *s = line + 1;
				while (*s) {
					const char *e = strchr(s, '|');
					size_t n = e ? (size_t)(e - s) : strlen(s);
					char *c = xstrndup(s, n);
					cjk_trim(c);
					if (e || *c)
						strvec_push(&row, c);
					free(c);
					s += n + (e ? 1 : 0);
				}
				attachment_finish_row(a, &row);
			} else {
				char *c = xstrdup(line);
				cjk_trim(c);
				strvec_push(&row, c);
				free(c);
			}
			continue;
		}
		char *c = xstrdup(line);
		cjk_trim(c);
		if (!*c) {
			attachment_finish_row(a, &row);
		} else if (!in_table) {
			prev = cjk_fold_append(&title, c, strlen(c), prev);
		}
		free(c);
	}
	if (a) {
		attachment_finish_row(a, &row);
		if (!a->title)
			a->title = buf_detach(&title);
	}
	strvec_free(&row);
	buf_free(&title);
}

/* ---- diagnostics ------------------------------------------------------------ */

static void
check_plan(struct parser *ps)
{
	struct plan *p = ps->p;
	if (!p->n_sections)
		diag_add(ps->dl, DIAG_WARNING, ps->path, 0, 0,
		    "未找到正文章节（应有“一、”“二、”等一级标题）");
	if (!p->n_tasks) {
		diag_add(ps->dl, DIAG_WARNING, ps->path, 0, 0,
		    "未找到任何任务：任务应为任务章节中以“1.”编号的条目，"
		    "或写明责任单位（“（××牵头）”括号、“由××牵头”或“责任单位：”）的“（一）”条目；"
		    "输出为 0 项任务");
		return;
	}
	int expect = 0;
	for (size_t i = 0; i < p->n_tasks; i++) {
		struct task *t = &p->tasks[i];
		if (!t->n_assignments)
			diag_add(ps->dl, DIAG_WARNING, ps->path, t->line_start, 0,
			    "任务 %s 未写明责任单位（缺少“（××牵头）”等括号）", t->number);
		for (size_t d = 0; d < t->n_deadlines; d++)
			if (!t->deadlines[d].date[0])
				diag_add(ps->dl, DIAG_WARNING, ps->path, t->line_start, 0,
				    "任务 %s 的时限“%s”缺少年份或月份数字", t->number,
				    t->deadlines[d].raw);
		int v = atoi(t->number);
		if (v > 0 && expect && v != expect + 1 && v != 1)
			diag_add(ps->dl, DIAG_WARNING, ps->path, t->line_start, 0,
			    "任务编号不连续：应为 %d，实为 %d", expect + 1, v);
		if (v > 0)
			expect = v;
	}
	/* Unbalanced brackets make responsibility brackets unreadable: say where. */
	for (size_t i = 0; i < p->n_tasks; i++) {
		struct task *t = &p->tasks[i];
		struct bracket_span *g;
		size_t ng = bracket_groups(t->text, &g);
		if (ng && g[ng - 1].close_end == strlen(t->text) && g[ng - 1].end == strlen(t->text) &&
		    g[ng - 1].start != g[ng - 1].end)
			diag_add(ps->dl, DIAG_WARNING, ps->path, t->line_start, 0,
			    "任务 %s 中的括号未闭合", t->number);
		free(g);
	}
}

/* ---- entry points ------------------------------------------------------------ */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The id of a plan read without metadata: its file name without the
 * extension, or its folder's name for plans/<id>/plan.txt. */
static char *
default_id(const char *path)
{
	const char *base = base_name(path);
	if (str_starts(base, "plan.") && base > path + 1) {
		const char *e = base - 1, *s = e;
		while (s > path && s[-1] != '/')
			s--;
		if (e > s)
			return xstrndup(s, (size_t)(e - s));
	}
	char *id = xstrdup(base);
	char *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = '\0';
	return id;
}

static void
apply_meta(struct plan *p, const struct plan_meta *m)
{
	if (!m)
		return;
	if (m->id) {
		free(p->id);
		p->id = xstrdup(m->id);
	}
	if (m->place) {
		free(p->place);
		p->place = xstrdup(m->place);
	}
	if (m->level) {
		free(p->level);
		p->level = xstrdup(m->level);
	}
	if (m->parent) {
		free(p->parent);
		p->parent = xstrdup(m->parent);
	}
	if (m->title && !p->title)
		p->title = xstrdup(m->title);
}

struct plan *
plan_parse(const char *path, const char *data, size_t len, const struct plan_meta *meta,
    struct diag_list *dl)
{
	const char *enc = NULL;
	if (len > PLAN_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "文件过大（%zu 字节，上限 %u 字节）", len,
		    PLAN_MAX_BYTES);
		return NULL;
	}
	struct parser ps = { .path = path, .dl = dl };
	struct script_map *script = NULL;
	if (!plan_source_read(path, data, len,
	    str_ends(path, ".md") || str_ends(path, ".markdown"), &ps.t, &enc,
	    &script, dl)) {
		script_map_free(script);
		ptext_free(&ps.t);
		return NULL;
	}
	struct plan *p = ps.p = xcalloc(1, sizeof *p);
	p->source = xstrdup(path);
	p->id = default_id(path);
	p->encoding = xstrdup(enc ? enc : "UTF-8");
	p->format = ps.t.format;
	p->n_lines = ps.t.n_lines;

	classify_blocks(&ps);
	parse_header(&ps);
	int title_in_text = p->title != NULL;
	apply_meta(p, meta);
	build_sections(&ps);

	p->plan_year = p->title ? year_in(p->title) : 0;
	if (!p->plan_year && p->issue_date)
		p->plan_year = atoi(p->issue_date);
	if (!p->plan_year)
		p->plan_year = earliest_deadline_year(&ps);

	build_tasks(&ps);
	qualify_numbers(p);
	plan_level_scan(&ps);
	parse_attachments(&ps);
	/* The model, and the messages that quote it, as the document wrote it. */
	script_restore_plan(script, p, meta && meta->place, !title_in_text);
	script_map_free(script);
	check_plan(&ps);

	ptext_free(&ps.t);
	free(ps.kind);
	free(ps.value);
	free(ps.mlen);
	free(ps.section);
	free(ps.in_task);
	return p;
}

struct plan *
plan_parse_tree_file(const char *path, const struct plan_meta *meta,
    struct buf *raw, struct diag_list *dl)
{
	if (!userfile_read(path, USERFILE_TREE, PLAN_MAX_BYTES, raw, dl))
		return NULL;
	return plan_parse(path, raw->data ? raw->data : "", raw->len, meta,
	    dl);
}

struct plan *
plan_parse_file(const char *path, const struct plan_meta *meta, struct diag_list *dl)
{
	struct buf b = {0};
	if (!file_read_all(path, PLAN_MAX_BYTES, &b, dl)) {
		buf_free(&b);
		return NULL;
	}
	struct plan *p = plan_parse(path, b.data ? b.data : "", b.len, meta, dl);
	buf_free(&b);
	return p;
}
