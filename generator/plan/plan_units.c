/*
 * plan_units.c -- reading responsibility brackets (see plan_units.h).
 *
 * A bracket's content is split into clauses at ，；。 (outside nested
 * brackets). Each clause is either labelled (牵头单位：X) or a unit list
 * followed by a role phrase (X牵头, Y配合, Z负责落实, X、Y按职责分工负责),
 * or a bare list. The clauses are then assigned roles together, because a
 * clause's role can depend on the others: X负责 is a lead when nobody
 * leads (牵头) and the responsible unit otherwise; a bare list after a
 * 牵头 clause cooperates; Y参与 cooperates with a named lead but only
 * participates beside a joint (按职责分工负责) clause.
 *
 * A task with no such bracket may say it in a sentence (由X牵头，Y参与。,
 * 责任单位：X、Y on a line of its own); such a sentence is read with the
 * same clause rules, and taken only when every name in it reads as the
 * name of an organisation.
 */
#include "plan_units.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cjk.h"
#include "input_limits.h"
#include "util.h"

enum clause_role {
	CL_NONE,       /* a bare list */
	CL_LEAD,       /* 牵头 */
	CL_COOP,       /* 配合 */
	CL_RESP,       /* 负责落实, 责任单位 */
	CL_JOINT,      /* 按职责分工负责: all listed units lead */
	CL_FUZE,       /* 负责: lead, or responsible when someone leads */
	CL_PART,       /* 参与 */
	CL_SKIP,       /* 不再逐一列出 and the like */
	CL_INHERIT,    /* 以下各项任务均需X负责落实 */
};

struct clause {
	enum clause_role role;
	char *list;    /* the unit list, role words removed */
	char *phrase;  /* the role phrase, for lead_mode */
};

/* ---- brackets ------------------------------------------------------------ */

static int
opener_of(uint32_t cp)
{
	switch (cp) {
	case 0xFF08: /* （ */
	case '(':
		return '(';
	case 0x3014: /* 〔 */
	case '[':
	case 0x3010: /* 【 */
		return '[';
	default:
		return 0;
	}
}

static int
closer_of(uint32_t cp)
{
	switch (cp) {
	case 0xFF09:
	case ')':
		return '(';
	case 0x3015:
	case ']':
	case 0x3011:
		return '[';
	default:
		return 0;
	}
}

size_t
bracket_groups(const char *text, struct bracket_span **out)
{
	size_t n = 0, cap = 0, i = 0, len, tlen = strlen(text);
	char stack[64];
	size_t depth = 0, open = 0, start = 0;
	*out = NULL;
	while (i < tlen) {
		uint32_t cp = utf8_decode(text + i, tlen - i, &len);
		int o = opener_of(cp), c = closer_of(cp);
		if (o) {
			if (depth == 0) {
				open = i;
				start = i + len;
			}
			if (depth < sizeof stack)
				stack[depth] = (char)o;
			depth++;
		} else if (c && depth > 0) {
			/* A closer of the other kind closes nothing (unbalanced input). */
			if (depth > sizeof stack || stack[depth - 1] == c) {
				depth--;
				if (depth == 0) {
					*out = xgrow(*out, &cap, n + 1, sizeof **out);
					(*out)[n++] = (struct bracket_span){ open, start, i, i + len };
				}
			}
		} else if (cp == '\n' && depth > 0 && i + 1 < tlen && text[i + 1] == '\n') {
			depth = 0; /* never let a lost opener swallow the rest */
		}
		i += len;
	}
	if (depth > 0) {  /* truncated: the open group runs to the end */
		*out = xgrow(*out, &cap, n + 1, sizeof **out);
		(*out)[n++] = (struct bracket_span){ open, start, tlen, tlen };
	}
	return n;
}

/* ---- clauses --------------------------------------------------------------- */

static void
split_clauses(const char *s, struct strvec *out)
{
	size_t i = 0, len, n = strlen(s), from = 0;
	int depth = 0;
	while (i <= n) {
		uint32_t cp = i < n ? utf8_decode(s + i, n - i, &len) : 0;
		if (i < n && opener_of(cp))
			depth++;
		else if (i < n && closer_of(cp) && depth > 0)
			depth--;
		if (i == n || (depth == 0 && (cp == 0xFF0C || cp == ',' || cp == 0xFF1B ||
		    cp == ';' || cp == 0x3002))) {
			char *c = xstrndup(s + from, i - from);
			cjk_trim(c);
			if (*c)
				strvec_push(out, c);
			free(c);
			if (i == n)
				break;
			from = i + len;
		}
		i += len ? len : 1;
	}
}

static const struct {
	const char *label;
	enum clause_role role;
} labels[] = {
	{ "牵头单位", CL_LEAD }, { "牵头部门", CL_LEAD }, { "主办单位", CL_LEAD },
	{ "配合单位", CL_COOP }, { "配合部门", CL_COOP }, { "协办单位", CL_COOP },
	{ "责任单位", CL_RESP }, { "责任部门", CL_RESP }, { "责任主体", CL_RESP },
	{ "参与单位", CL_PART }, { "主责单位", CL_RESP }, { "协同单位", CL_COOP },
	/* traditional script */
	{ "牽頭單位", CL_LEAD }, { "配合單位", CL_COOP }, { "責任單位", CL_RESP },
};

/* Role phrases at the end of a clause, longest first within each role. */
static const struct {
	const char *suffix;
	enum clause_role role;
} suffixes[] = {
	{ "按照职责分工负责", CL_JOINT }, { "按职责分工负责", CL_JOINT },
	{ "按照职责分工参与", CL_JOINT }, { "按职责分工参与", CL_JOINT },
	{ "按照职责分工落实", CL_JOINT }, { "按职责分工落实", CL_JOINT },
	{ "按照职能职责负责", CL_JOINT }, { "按照职责负责", CL_JOINT },
	{ "按职责负责", CL_JOINT }, { "分别负责", CL_JOINT }, { "共同负责", CL_JOINT },
	{ "分工负责", CL_JOINT },
	{ "按職責分工負責", CL_JOINT }, { "按照職責分工負責", CL_JOINT },
	{ "负责落实", CL_RESP }, { "具体负责", CL_RESP }, { "負責落實", CL_RESP },
	{ "组织落实", CL_RESP },
	{ "牵头督导", CL_LEAD }, { "牵头负责", CL_LEAD }, { "牵头抓总", CL_LEAD },
	{ "牵头", CL_LEAD }, { "牽頭", CL_LEAD },
	{ "配合落实", CL_COOP }, { "配合", CL_COOP },
	{ "参与", CL_PART }, { "參與", CL_PART },
	{ "负责", CL_FUZE }, { "負責", CL_FUZE },
	{ "落实", CL_RESP },
};

/* Strip s's trailing 。 等 、 and spaces in place. */
static void
strip_tail(char *s)
{
	static const char *const tails[] = { "。", "等有关部门", "等相关部门", "等有关单位",
		"等相关单位", "等部门", "等单位", "等", "、", " ", "　" };
	int again = 1;
	while (again) {
		again = 0;
		for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++)
			if (*s && str_ends(s, tails[k])) {
				s[strlen(s) - strlen(tails[k])] = '\0';
				again = 1;
			}
	}
}

static int
parse_inherit(const char *c, struct clause *cl)
{
	if (!str_starts(c, "以下") || !(strstr(c, "负责") || strstr(c, "落实")))
		return 0;
	const char *from = NULL;
	static const char *const verbs[] = { "均需", "均由", "均要", "需由", "由" };
	for (size_t k = 0; k < sizeof verbs / sizeof verbs[0] && !from; k++)
		if ((from = strstr(c, verbs[k])))
			from += strlen(verbs[k]);
	if (!from)
		return 0;
	/* …均需X负责落实 / …均需X落实: the list ends at the first role verb. */
	const char *to = strstr(from, "负责");
	const char *to2 = strstr(from, "落实");
	if (!to || (to2 && to2 < to))
		to = to2;
	cl->role = CL_INHERIT;
	cl->list = xstrndup(from, (size_t)(to - from));
	cl->phrase = xstrdup(c);
	return 1;
}

static void
parse_clause(const char *c, struct clause *cl)
{
	memset(cl, 0, sizeof *cl);
	if (str_starts(c, "不再") || str_starts(c, "不一一")) {
		cl->role = CL_SKIP;
		return;
	}
	if (parse_inherit(c, cl))
		return;
	for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
		if (!str_starts(c, labels[k].label))
			continue;
		const char *rest = c + strlen(labels[k].label);
		if (str_starts(rest, "："))
			rest += strlen("：");
		else if (*rest == ':')
			rest++;
		else if (*rest)
			continue;
		cl->role = labels[k].role;
		cl->list = xstrdup(rest);
		cl->phrase = xstrdup(labels[k].role == CL_LEAD ? "牵头" : labels[k].label);
		strip_tail(cl->list);
		return;
	}
	char *s = xstrdup(c);
	strip_tail(s);
	for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		if (!str_ends(s, suffixes[k].suffix))
			continue;
		cl->role = suffixes[k].role;
		cl->phrase = xstrdup(suffixes[k].suffix);
		s[strlen(s) - strlen(suffixes[k].suffix)] = '\0';
		strip_tail(s);
		cl->list = s;
		return;
	}
	cl->role = CL_NONE;
	cl->list = s;
}

/* ---- unit lists ------------------------------------------------------------ */

static const char *const full_org_ends[] = { "公司", "集团", "车务段", "火车站",
	"车站", "银行", "分行", "支行", "工务段", "机务段", "电务段" };
static const char *const full_org_starts[] = { "国网", "国家", "中国", "中铁",
	"中石化", "中石油", "中国铁路" };

/* A full organisation name never takes a prefix (南召供电公司, 国网…). */
static int
is_full_org(const char *u)
{
	for (size_t k = 0; k < sizeof full_org_ends / sizeof *full_org_ends; k++)
		if (str_ends(u, full_org_ends[k]))
			return 1;
	for (size_t k = 0; k < sizeof full_org_starts / sizeof *full_org_starts; k++)
		if (str_starts(u, full_org_starts[k]))
			return 1;
	return 0;
}

/*
 * The administrative prefix of a unit name: returns its byte length (3 for
 * 县, 市, 区, 省, 镇), 0 when the name has none and may take one, -1 when the
 * name needs none (各…, 乡镇…, full organisation names). 市场监管局 starts
 * with 市 but 市场 is a word, not a prefix.
 */
static int
admin_prefix(const char *u)
{
	if (str_starts(u, "各") || str_starts(u, "乡镇") || is_full_org(u))
		return -1;
	if (str_starts(u, "市场") || str_starts(u, "区域") || str_starts(u, "县域") ||
	    str_starts(u, "市政"))
		return 0;
	static const char *const pre[] = { "省", "市", "县", "区", "镇", "旗", "縣", "區", "鎮" };
	for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
		if (str_starts(u, pre[k]))
			return (int)strlen(pre[k]);
	return 0;
}

/* Split a list at 、 outside brackets; trailing 等 and leading 由 dropped. */
static void
split_units(const char *list, struct strvec *out)
{
	size_t i = 0, len, n = strlen(list), from = 0;
	int depth = 0;
	while (i <= n) {
		uint32_t cp = i < n ? utf8_decode(list + i, n - i, &len) : 0;
		if (i < n && opener_of(cp))
			depth++;
		else if (i < n && closer_of(cp) && depth > 0)
			depth--;
		if (i == n || (depth == 0 && (cp == 0x3001 || cp == '/'))) {
			char *u = xstrndup(list + from, i - from);
			cjk_trim(u);
			if (str_starts(u, "由"))
				memmove(u, u + 3, strlen(u + 3) + 1);
			strip_tail(u);
			if (*u)
				strvec_push(out, u);
			free(u);
			if (i == n)
				break;
			from = i + len;
		}
		i += len ? len : 1;
	}
}

/*
 * Merge the compound 各县、区人民政府(管委会): an item that is 各 plus one
 * administrative character, followed by an item starting with another, is
 * one unit, kept verbatim.
 */
static void
merge_compounds(struct strvec *u)
{
	for (size_t i = 0; i + 1 < u->n; i++) {
		const char *a = u->v[i];
		if (!str_starts(a, "各") || strlen(a) != 6)
			continue;
		if (admin_prefix(u->v[i + 1]) <= 0)
			continue;
		char *m = xasprintf("%s、%s", a, u->v[i + 1]);
		free(u->v[i]);
		free(u->v[i + 1]);
		u->v[i] = m;
		memmove(&u->v[i + 1], &u->v[i + 2], (u->n - i - 2) * sizeof *u->v);
		u->n--;
	}
}

/* Prefix distribution within one list (see the file comment of plan.h's
 * spec, §2): 各 distributes over the rest of its list; otherwise a unit
 * without a prefix takes the prefix of the list's first unit, or failing
 * that of the bracket's first unit. */
static void
distribute(struct strvec *u, const char *bracket_prefix)
{
	if (!u->n)
		return;
	char *list_prefix = NULL;
	int p0 = admin_prefix(u->v[0]);
	if (p0 > 0)
		list_prefix = xstrndup(u->v[0], (size_t)p0);
	int ge = 0;
	for (size_t i = 0; i < u->n; i++) {
		const char *name = u->v[i];
		int p = admin_prefix(name);
		if (str_starts(name, "各")) {
			ge = 1;
			continue;
		}
		if (p != 0)
			continue;
		const char *pre = ge ? "各" : list_prefix ? list_prefix : bracket_prefix;
		if (!pre || !*pre)
			continue;
		char *s = xasprintf("%s%s", pre, name);
		free(u->v[i]);
		u->v[i] = s;
	}
	free(list_prefix);
}

static void
push_all(struct strvec *dst, const struct strvec *src)
{
	for (size_t i = 0; i < src->n; i++)
		strvec_push_unique(dst, src->v[i]);
}

/* ---- assembling roles ------------------------------------------------------- */

static void
clauses_free(struct clause *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(c[i].list);
		free(c[i].phrase);
	}
	free(c);
}

int
resp_parse(const char *content, struct assignment *a, struct strvec *inherited,
    char **inherited_raw)
{
	struct strvec parts = {0};
	split_clauses(content, &parts);
	struct clause *cl = xcalloc(parts.n ? parts.n : 1, sizeof *cl);
	int has_lead = 0, has_role = 0;
	for (size_t i = 0; i < parts.n; i++) {
		parse_clause(parts.v[i], &cl[i]);
		if (cl[i].role == CL_LEAD)
			has_lead = 1;
		if (cl[i].role != CL_NONE && cl[i].role != CL_SKIP)
			has_role = 1;
	}
	if (!has_role) {
		clauses_free(cl, parts.n);
		strvec_free(&parts);
		return 0;
	}

	/* The bracket's first unit gives the prefix for unprefixed lists. */
	char *bracket_prefix = NULL;
	for (size_t i = 0; i < parts.n && !bracket_prefix; i++) {
		if (!cl[i].list || cl[i].role == CL_INHERIT)
			continue;
		struct strvec u = {0};
		split_units(cl[i].list, &u);
		if (u.n) {
			int p = admin_prefix(u.v[0]);
			bracket_prefix = xstrndup(u.v[0], p > 0 ? (size_t)p : 0);
		}
		strvec_free(&u);
	}

	int named = 0, prev_lead = 0;
	/* A bare list before a joint clause with no lead yet is part of it:
	 * web copies write X,Y按职责分工负责 for X、Y按职责分工负责. */
	struct strvec pending = {0};
	for (size_t i = 0; i < parts.n; i++) {
		struct strvec u = {0};
		if ((cl[i].role == CL_JOINT || (cl[i].role == CL_FUZE && !has_lead)) && pending.n) {
			u = pending;
			memset(&pending, 0, sizeof pending);
		}
		if (cl[i].list)
			split_units(cl[i].list, &u);
		merge_compounds(&u);
		distribute(&u, cl[i].role == CL_INHERIT ? NULL : bracket_prefix);
		if (cl[i].role == CL_NONE && !prev_lead && !a->lead.n) {
			for (size_t k = 0; k < u.n; k++)
				strvec_push(&pending, u.v[k]);
		} else if (cl[i].role != CL_NONE && cl[i].role != CL_SKIP) {
			strvec_free(&pending);
		}
		switch (cl[i].role) {
		case CL_LEAD:
			push_all(&a->lead, &u);
			if (!a->lead_mode && u.n)
				a->lead_mode = xstrdup("牵头");
			prev_lead = 1;
			break;
		case CL_JOINT:
			push_all(&a->lead, &u);
			if (!a->lead_mode && u.n)
				a->lead_mode = xasprintf("joint(%s)", cl[i].phrase);
			break;
		case CL_FUZE:
			if (has_lead || a->lead.n) {
				push_all(&a->responsible, &u);
			} else {
				push_all(&a->lead, &u);
				if (!a->lead_mode && u.n)
					a->lead_mode = xstrdup(u.n > 1 ? "负责(joint)" : "负责");
			}
			break;
		case CL_COOP:
			push_all(&a->cooperating, &u);
			break;
		case CL_RESP:
			push_all(&a->responsible, &u);
			break;
		case CL_PART:
			push_all(prev_lead ? &a->cooperating : &a->participating, &u);
			break;
		case CL_NONE:
			if (prev_lead)
				push_all(&a->cooperating, &u);
			break;
		case CL_INHERIT:
			if (inherited && !inherited->n) {
				push_all(inherited, &u);
				if (inherited_raw && !*inherited_raw) {
					struct buf raw = {0};
					buf_puts(&raw, cl[i].phrase);
					if (i + 1 < parts.n && cl[i + 1].role == CL_SKIP) {
						buf_puts(&raw, "，");
						buf_puts(&raw, parts.v[i + 1]);
					}
					*inherited_raw = buf_detach(&raw);
				}
			}
			break;
		case CL_SKIP:
			break;
		}
		named += (int)u.n;
		strvec_free(&u);
	}
	strvec_free(&pending);
	free(bracket_prefix);
	clauses_free(cl, parts.n);
	strvec_free(&parts);
	return named > 0 && (a->lead.n || a->cooperating.n || a->responsible.n ||
	    a->participating.n);
}

/* ---- finding the brackets of a task ------------------------------------------ */

static uint32_t
cp_before(const char *text, size_t pos)
{
	size_t len;
	while (pos > 0) {
		size_t k = pos - 1;
		while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80)
			k--;
		uint32_t cp = utf8_decode(text + k, pos - k, &len);
		if (!cjk_is_space(cp) || cp == '\n')
			return cp;
		pos = k;
	}
	return 0;
}

static uint32_t
cp_after(const char *text, size_t n, size_t pos)
{
	size_t len;
	while (pos < n) {
		uint32_t cp = utf8_decode(text + pos, n - pos, &len);
		if (!cjk_is_space(cp) || cp == '\n')
			return cp;
		pos += len;
	}
	return 0;
}

/* A responsibility bracket closes a sentence or follows one; a bracket in
 * the middle of a sentence (……部门牵头制定……) is part of the text. */
static int
at_sentence_edge(const char *text, size_t tlen, const struct bracket_span *g)
{
	uint32_t b = cp_before(text, g->open), a = cp_after(text, tlen, g->close_end);
	int before = b == 0 || b == '\n' || b == 0x3002 || b == 0xFF1B || b == 0xFF01 ||
	    b == ';' || b == 0xFF1F;
	int after = a == 0 || a == '\n' || a == 0x3002 || a == 0xFF1B || a == ';' ||
	    a == 0xFF08 || a == '(' || a == 0xFF0C;
	return before || after;
}

/* Does s name a role at all (a cheap test before the real reading)? */
static int
resp_present_words(const char *s)
{
	static const char *const words[] = { "牵头", "负责", "配合", "参与", "落实",
		"单位：", "单位:", "部门：", "部门:" };
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (strstr(s, words[k]))
			return 1;
	return 0;
}

/* ---- responsibility written as a sentence -------------------------------- */

/* Does a unit name end the way names of organisations end (…局, …委,
 * …人民政府, …办事处, 各相关部门)? A trailing bracket (…政府〔管委会〕) is
 * part of the name. Line noise such as 各乡镇要积极 does not. */
static int
looks_like_unit(const char *u)
{
	static const char *const ends[] = { "局", "委", "办", "府", "部", "厅", "院",
		"所", "队", "中心", "司", "站", "处", "科", "会", "室", "镇", "乡", "街道",
		"段", "行", "团", "单位", "部门", "区", "县", "市", "旗", "场", "组" };
	char *t = xstrdup(u);
	struct bracket_span *g;
	size_t ng = bracket_groups(t, &g);
	if (ng && g[ng - 1].close_end == strlen(t) && g[ng - 1].open > 0)
		t[g[ng - 1].open] = '\0';
	free(g);
	int ok = 0;
	for (size_t k = 0; k < sizeof ends / sizeof *ends && !ok; k++)
		ok = str_ends(t, ends[k]);
	free(t);
	return ok && strlen(u) <= 90;
}

static int
all_look_like_units(const struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		if (!looks_like_unit(v->v[i]))
			return 0;
	return 1;
}

static int
starts_with_label(const char *s)
{
	for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
		if (!str_starts(s, labels[k].label))
			continue;
		const char *rest = s + strlen(labels[k].label);
		return str_starts(rest, "：") || *rest == ':';
	}
	return 0;
}

/*
 * A sentence that assigns the task: 由县生态环境局牵头，各相关部门参与。 /
 * 责任单位：县住建局、城管局 / 牵头单位：X；配合单位：Y, or, as the task's
 * last sentence, X牵头，Y配合。 Every name it gives must read as the name of
 * an organisation, so a sentence of the task's work (各乡镇要积极配合) is
 * never taken for one.
 */
static int
sentence_assignment(const char *sent, int last, struct assignment *a)
{
	const char *s = sent;
	if (str_starts(s, "由"))
		s += strlen("由");
	if (!(s != sent || last || starts_with_label(s)))
		return 0;
	if (!resp_present_words(s))
		return 0;
	if (!resp_parse(s, a, NULL, NULL))
		return 0;
	return all_look_like_units(&a->lead) && all_look_like_units(&a->cooperating) &&
	    all_look_like_units(&a->responsible) && all_look_like_units(&a->participating);
}

/* Sentences of text: split at 。！？ and line breaks outside brackets. */
static void
split_sentences(const char *text, struct strvec *out)
{
	size_t i = 0, len, n = strlen(text), from = 0;
	int depth = 0;
	while (i <= n) {
		uint32_t cp = i < n ? utf8_decode(text + i, n - i, &len) : 0;
		if (i < n && opener_of(cp))
			depth++;
		else if (i < n && closer_of(cp) && depth > 0)
			depth--;
		if (i == n || cp == '\n' || (depth == 0 && (cp == 0x3002 || cp == 0xFF01 ||
		    cp == 0xFF1F))) {
			char *c = xstrndup(text + from, i - from);
			cjk_trim(c);
			if (*c)
				strvec_push(out, c);
			free(c);
			if (i == n)
				break;
			if (cp == '\n')
				depth = 0;
			from = i + len;
		}
		i += len ? len : 1;
	}
}

/* The responsibility sentences of a task with no bracket; appends them. */
static size_t
resp_sentences(const char *text, struct assignment **asg, size_t *n, size_t *cap)
{
	struct strvec sv = {0};
	split_sentences(text, &sv);
	size_t found = 0;
	for (size_t i = 0; i < sv.n; i++) {
		struct assignment a = {0};
		if (sentence_assignment(sv.v[i], i + 1 == sv.n, &a)) {
			a.raw = xstrdup(sv.v[i]);
			if (asg) {
				*asg = xgrow(*asg, cap, *n + 1, sizeof **asg);
				(*asg)[(*n)++] = a;
			} else {
				assignment_clear(&a);
			}
			found++;
		} else {
			assignment_clear(&a);
		}
	}
	strvec_free(&sv);
	return found;
}

int
resp_present(const char *text)
{
	static const char *const words[] = { "牵头", "负责", "配合", "参与", "单位",
		"牽頭", "負責", "參與", "單位" };
	struct bracket_span *g;
	size_t ng = bracket_groups(text, &g), tlen = strlen(text);
	int found = 0;
	for (size_t i = 0; i < ng && !found; i++) {
		if (!at_sentence_edge(text, tlen, &g[i]))
			continue;
		for (size_t k = 0; k < sizeof words / sizeof *words && !found; k++) {
			const char *w = memmem(text + g[i].start, g[i].end - g[i].start, words[k],
			    strlen(words[k]));
			found = w != NULL;
		}
	}
	free(g);
	if (!found && resp_present_words(text))
		found = resp_sentences(text, NULL, NULL, NULL) > 0;
	return found;
}

/* An upper bound of the units listed in s[0..n): its list and clause
 * separators plus one. */
static size_t
list_items(const char *s, size_t n)
{
	size_t k = 1, len;
	for (size_t i = 0; i < n; i += len ? len : 1) {
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		k += cp == 0x3001 || cp == '/' || cp == 0xFF0C || cp == ',' ||
		    cp == 0xFF1B || cp == ';' || cp == 0x3002;
	}
	return k;
}

size_t
resp_widest(const char *text)
{
	struct bracket_span *g;
	size_t ng = bracket_groups(text, &g), tlen = strlen(text), most = 0;
	for (size_t i = 0; i < ng; i++) {
		if (!at_sentence_edge(text, tlen, &g[i]))
			continue;
		size_t k = list_items(text + g[i].start, g[i].end - g[i].start);
		if (k > most)
			most = k;
	}
	free(g);
	return most;
}

size_t
resp_find(const char *text, struct assignment **asg, size_t *n,
    struct strvec *inherited, char **inherited_raw)
{
	struct bracket_span *g;
	size_t ng = bracket_groups(text, &g), found = 0, cap = *n, tlen = strlen(text);
	for (size_t i = 0; i < ng && found <= PLAN_MAX_BRACKETS_PER_TASK; i++) {
		if (!at_sentence_edge(text, tlen, &g[i]))
			continue;
		/* too wide to read in linear time: resp_widest tells */
		if (list_items(text + g[i].start, g[i].end - g[i].start) >
		    PLAN_MAX_UNITS_PER_BRACKET)
			continue;
		char *content = xstrndup(text + g[i].start, g[i].end - g[i].start);
		struct assignment a = {0};
		if (resp_parse(content, &a, inherited, inherited_raw)) {
			a.raw = xstrndup(text + g[i].open, g[i].close_end - g[i].open);
			*asg = xgrow(*asg, &cap, *n + 1, sizeof **asg);
			(*asg)[(*n)++] = a;
			found++;
		} else {
			assignment_clear(&a);
		}
		free(content);
	}
	free(g);
	if (!found)
		found = resp_sentences(text, asg, n, &cap);
	/* 以下各项工作均需X负责落实，不再逐一列出。 as a sentence of its own:
	 * it ends at its 。 or right after its 列出, never inside the unit's
	 * own brackets (各县（区）人民政府). */
	const char *q = strstr(text, "以下各项");
	if (q && inherited && !inherited->n) {
		const char *e = strstr(q, "。");
		size_t len = e ? (size_t)(e - q) : strlen(q);
		const char *end = strstr(q, "列出");
		if (end && (size_t)(end - q) < len)
			len = (size_t)(end - q) + strlen("列出");
		char *sentence = xstrndup(q, len);
		struct assignment tmp = {0};
		resp_parse(sentence, &tmp, inherited, inherited_raw);
		assignment_clear(&tmp);
		free(sentence);
	}
	return found;
}
