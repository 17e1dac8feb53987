/*
 * plan_targets.c -- finding quantified targets (plan_targets.h).
 *
 * A sentence (up to 。) is cut into clauses at ，；、 . A clause made only of a
 * year ("2024年", "到2025年") sets the year of the clauses after it. In each
 * clause the operator phrase is looked for first (控制在, 低于, 达到 …); the
 * metric is what stands before it, the value and unit what follows. The
 * metric loses scope words that say where, not what (全县, 我县, 力争 …)
 * and prepositional frames (在…中).
 */
#include "plan_targets.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cjk.h"
#include "util.h"

/* Units, longest first. 个百分点 is stored as 百分点. */
static const char *const units[] = {
	"微克/立方米", "毫克/立方米", "μg/m³", "μg/m3", "mg/m³", "个百分点",
	"百分点", "万千瓦", "千瓦", "万吨", "吨", "蒸吨", "平方公里", "公里", "%",
	"％", "座", "个", "辆", "台", "家", "处", "条", "天", "位",
};

static const char *const scope_words[] = {
	"力争", "确保", "全县", "全市", "全区", "全镇", "全乡", "全省", "我县", "我市",
	"我区", "我镇", "实现", "推动", "推进", "使", "并", "且", "其中", "累计",
};

struct op_rule {
	const char *word;   /* operator phrase after the metric */
	const char *op;
};

static const struct op_rule op_rules[] = {
	{ "控制在", "<=" },
	{ "不低于", ">=" },  /* before 低于, which it contains */
	{ "低于", "<" },
	{ "稳定在", ">=" },
	{ "达到", ">=" },
};

/* Read a decimal number at s: returns its byte length, copies it to out. */
static size_t
read_number(const char *s, struct buf *out)
{
	size_t i = 0;
	int dot = 0;
	while ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !dot && s[i + 1] >= '0' &&
	    s[i + 1] <= '9' && i > 0)) {
		if (s[i] == '.')
			dot = 1;
		buf_putc(out, s[i]);
		i++;
	}
	return i;
}

static size_t
skip_spaces(const char *s)
{
	size_t i = 0;
	while (s[i] == ' ')
		i++;
	return i;
}

/* Match a unit at s: returns its length, and the stored unit name. */
static size_t
read_unit(const char *s, const char **name)
{
	for (size_t k = 0; k < sizeof units / sizeof *units; k++) {
		size_t n = strlen(units[k]);
		if (!strncmp(s, units[k], n)) {
			if (!strcmp(units[k], "个百分点"))
				*name = "百分点";
			else if (!strcmp(units[k], "％"))
				*name = "%";
			else
				*name = units[k];
			return n;
		}
	}
	*name = "";
	return 0;
}

/* Length of a leading date phrase ("2023年底前", "到2025年", "6月底前"). */
static size_t
leading_date(const char *m)
{
	const char *p = m;
	if (str_starts(p, "到"))
		p += 3;
	const char *d = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == d || !(str_starts(p, "年") || str_starts(p, "月")))
		return 0;
	p += 3;
	static const char *const tails[] = { "年底前", "年底", "底前", "底", "末", "前" };
	for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
		if (str_starts(p, tails[k])) {
			p += strlen(tails[k]);
			break;
		}
	return (size_t)(p - m);
}

/* Words that end a metric but belong to the verb: 应达到, 持续稳定在, 不低于. */
static const char *const metric_tails[] = { "应", "要", "须", "需", "持续", "稳定", "不",
	"均", "将" };

/* Remove scope words at the start of metric and 在…中 frames, in place. */
static void
clean_metric(char *m)
{
	int again = 1;
	while (again) {
		again = 0;
		cjk_trim(m);
		size_t dl = leading_date(m);
		if (dl) {
			memmove(m, m + dl, strlen(m) - dl + 1);
			again = 1;
		}
		for (size_t k = 0; k < sizeof metric_tails / sizeof *metric_tails; k++)
			if (str_ends(m, metric_tails[k]) && strlen(m) > strlen(metric_tails[k])) {
				m[strlen(m) - strlen(metric_tails[k])] = '\0';
				again = 1;
			}
		for (size_t k = 0; k < sizeof scope_words / sizeof *scope_words; k++)
			if (str_starts(m, scope_words[k])) {
				memmove(m, m + strlen(scope_words[k]), strlen(m) - strlen(scope_words[k]) + 1);
				again = 1;
			}
	}
	/* 在X中 -> X: the frame says where the metric is measured. */
	char *a = strstr(m, "在");
	if (a && a != m) {
		char *b = strstr(a, "中");
		if (b) {
			memmove(b, b + 3, strlen(b + 3) + 1);
			memmove(a, a + 3, strlen(a + 3) + 1);
		}
	}
	cjk_trim(m);
}

/* A metric is a short phrase; emission limits set for enterprises
 * (排放浓度…控制在10毫克/立方米以下) are standards, not plan targets. */
static int
metric_ok(const char *m)
{
	size_t w = cjk_width(m, strlen(m));
	return *m && w <= 60 && !strstr(m, "，") && !strstr(m, "。") &&
	    !strstr(m, "排放浓度") && !strstr(m, "排放限值");
}

static void
push_target(struct target **v, size_t *n, size_t *cap, char *metric, const char *op,
    const char *value, const char *value2, const char *unit, int year, const char *raw,
    size_t line)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	struct target *t = &(*v)[(*n)++];
	t->metric = metric;
	t->op = xstrdup(op);
	t->value = xstrdup(value);
	t->value2 = value2 ? xstrdup(value2) : NULL;
	t->unit = xstrdup(unit);
	t->year = year;
	t->raw = xstrdup(raw);
	t->line = line;
}

/* The year a clause sets for the rest of its sentence when the clause is
 * only a date: "到2025年", "2024年", "到2025年年底", "2024年底前". */
static int
clause_year(const char *c)
{
	const char *p = c;
	if (str_starts(p, "到") || str_starts(p, "至") || str_starts(p, "于"))
		p += 3;
	p += skip_spaces(p);
	int y = 0, nd = 0;
	while (*p >= '0' && *p <= '9' && nd < 5) {
		y = y * 10 + (*p - '0');
		p++;
		nd++;
	}
	p += skip_spaces(p);
	if (nd != 4 || !str_starts(p, "年"))
		return 0;
	p += 3;
	static const char *const tails[] = { "年底前", "年底", "年末", "底前", "底", "末" };
	for (size_t k = 0; k < sizeof tails / sizeof *tails; k++)
		if (str_starts(p, tails[k])) {
			p += strlen(tails[k]);
			break;
		}
	return *p ? 0 : y;
}

/* Leading "2023年" of a clause ("2023年全县秸秆…"): its year, and skip it. */
static int
leading_year(const char **cp)
{
	const char *p = *cp;
	int y = 0, nd = 0;
	while (*p >= '0' && *p <= '9' && nd < 5) {
		y = y * 10 + (*p - '0');
		p++;
		nd++;
	}
	if (nd != 4 || !str_starts(p, "年") || str_starts(p + 3, "底") || str_starts(p + 3, "年") ||
	    (p[3] >= '0' && p[3] <= '9'))
		return 0;
	*cp = p + 3;
	return y;
}

/* X提升 5 至 10 个位次 -> between. */
static int
try_rank(const char *c, int year, size_t line, struct target **v, size_t *n, size_t *cap)
{
	const char *p = strstr(c, "提升");
	if (!p)
		return 0;
	const char *q = p + strlen("提升");
	struct buf a = {0}, b = {0};
	q += skip_spaces(q);
	size_t k = read_number(q, &a);
	int ok = 0;
	if (k) {
		q += k;
		q += skip_spaces(q);
		if (str_starts(q, "至") || str_starts(q, "到") || str_starts(q, "-") ) {
			q += *q == '-' ? 1 : 3;
			q += skip_spaces(q);
			size_t k2 = read_number(q, &b);
			q += k2;
			q += skip_spaces(q);
			if (k2 && (str_starts(q, "个位次") || str_starts(q, "位次") || str_starts(q, "个名次"))) {
				char *m = xstrndup(c, (size_t)(p - c));
				clean_metric(m);
				char *metric = xasprintf("%s提升位次", m);
				free(m);
				if (metric_ok(metric))
					push_target(v, n, cap, metric, "between", a.data, b.data, "位",
					    year, c, line);
				else
					free(metric);
				ok = 1;
			}
		}
	}
	buf_free(&a);
	buf_free(&b);
	return ok;
}

/* N%以上的X -> X比例 >= N. */
static int
try_share(const char *c, int year, size_t line, struct target **v, size_t *n, size_t *cap)
{
	for (const char *p = c; *p; p++) {
		if (!(*p >= '0' && *p <= '9') || (p > c && p[-1] >= '0' && p[-1] <= '9'))
			continue;
		struct buf num = {0};
		size_t k = read_number(p, &num);
		const char *q = p + k;
		q += skip_spaces(q);
		if ((str_starts(q, "%以上的") || str_starts(q, "％以上的"))) {
			q = strstr(q, "的") + 3;
			char *m = xasprintf("%s比例", q);
			clean_metric(m);
			if (metric_ok(m))
				push_target(v, n, cap, m, ">=", num.data, NULL, "%", year,
				    c + (str_starts(c, "推动") ? 0 : 0), line);
			else
				free(m);
			buf_free(&num);
			return 1;
		}
		buf_free(&num);
	}
	return 0;
}

/* X(同比)增长/下降/提高 N unit -> metric "X…增长", >=. */
static int
try_change(const char *c, int year, size_t line, struct target **v, size_t *n, size_t *cap)
{
	static const char *const verbs[] = { "增长", "下降", "降低", "减少", "提高" };
	for (size_t k = 0; k < sizeof verbs / sizeof *verbs; k++) {
		const char *p = strstr(c, verbs[k]);
		if (!p)
			continue;
		const char *q = p + strlen(verbs[k]);
		q += skip_spaces(q);
		struct buf num = {0};
		size_t nk = read_number(q, &num);
		if (!nk) {
			buf_free(&num);
			continue;
		}
		q += nk;
		q += skip_spaces(q);
		const char *unit;
		size_t ul = read_unit(q, &unit);
		if (!ul || (strcmp(unit, "%") && strcmp(unit, "百分点"))) {
			buf_free(&num);
			continue;
		}
		char *m = xstrndup(c, (size_t)(p - c) + strlen(verbs[k]));
		clean_metric(m);
		if (metric_ok(m) && cjk_width(m, strlen(m)) > strlen(verbs[k]) / 3 * 2)
			push_target(v, n, cap, m, ">=", num.data, NULL, unit, year, c, line);
		else
			free(m);
		buf_free(&num);
		return 1;
	}
	return 0;
}

/* X op N unit (以上|以内|以下) */
static int
try_op(const char *c, int year, size_t line, struct target **v, size_t *n, size_t *cap)
{
	for (size_t k = 0; k < sizeof op_rules / sizeof *op_rules; k++) {
		const char *p = strstr(c, op_rules[k].word);
		if (!p)
			continue;
		const char *q = p + strlen(op_rules[k].word);
		q += skip_spaces(q);
		struct buf num = {0};
		size_t nk = read_number(q, &num);
		if (!nk) {
			buf_free(&num);
			continue;
		}
		q += nk;
		q += skip_spaces(q);
		const char *unit;
		q += read_unit(q, &unit);
		const char *op = op_rules[k].op;
		/* A bare number ending the clause is one of a list of limits
		 * (10、50、50 毫克/立方米) or a fragment: not a target. */
		if (!*unit && !*q) {
			buf_free(&num);
			return 1;
		}
		/* 达到62%及以下: the words after the value decide. */
		if (!strcmp(op, ">=") && (str_starts(q, "以下") || str_starts(q, "及以下") ||
		    str_starts(q, "以内")))
			op = "<=";
		char *m = xstrndup(c, (size_t)(p - c));
		clean_metric(m);
		if (metric_ok(m))
			push_target(v, n, cap, m, op, num.data, NULL, unit, year, c, line);
		else
			free(m);
		buf_free(&num);
		return 1;
	}
	return 0;
}

/* 建成X N座 / X N个: a count with a measure word. */
static int
try_count(const char *c, int year, size_t line, struct target **v, size_t *n, size_t *cap)
{
	static const char *const counters[] = { "座", "个", "辆", "台", "家", "处", "条" };
	const char *body = c;
	const char *b = strstr(c, "建成");
	for (const char *p = c; *p; p++) {
		if (!(*p >= '0' && *p <= '9') || (p > c && (p[-1] >= '0' && p[-1] <= '9')))
			continue;
		struct buf num = {0};
		size_t nk = read_number(p, &num);
		const char *q = p + nk;
		q += skip_spaces(q);
		for (size_t k = 0; k < sizeof counters / sizeof *counters; k++) {
			if (!str_starts(q, counters[k]) || q[strlen(counters[k])] != '\0')
				continue;
			struct buf m = {0};
			if (b && b < p) {
				buf_put(&m, body, (size_t)(b - body));
				buf_put(&m, b + strlen("建成"), (size_t)(p - b) - strlen("建成"));
			} else {
				buf_put(&m, body, (size_t)(p - body));
			}
			char *metric = buf_detach(&m);
			clean_metric(metric);
			if (metric_ok(metric) && *metric && !(*metric >= '0' && *metric <= '9'))
				push_target(v, n, cap, metric, ">=", num.data, NULL, counters[k], year, c, line);
			else
				free(metric);
			buf_free(&num);
			return 1;
		}
		buf_free(&num);
	}
	return 0;
}

/* Split a sentence into clauses at ，；、 outside brackets. */
static void
clauses_of(const char *s, size_t n, struct strvec *out)
{
	size_t i = 0, len, from = 0;
	int depth = 0;
	while (i <= n) {
		uint32_t cp = i < n ? utf8_decode(s + i, n - i, &len) : 0;
		if (cp == 0xFF08 || cp == '(')
			depth++;
		else if ((cp == 0xFF09 || cp == ')') && depth > 0)
			depth--;
		if (i == n || (depth == 0 && (cp == 0xFF0C || cp == 0xFF1B || cp == 0x3001 ||
		    cp == ',' || cp == ';'))) {
			char *c = xstrndup(s + from, i - from);
			cjk_trim(c);
			strvec_push(out, c);
			free(c);
			if (i == n)
				break;
			from = i + len;
		}
		i += len ? len : 1;
	}
}

/* The targets of one sentence s[0..len). */
static void
sentence_targets(const char *s, size_t len, int default_year, size_t line,
    struct target **v, size_t *n, size_t *cap)
{
	struct strvec cl = {0};
	clauses_of(s, len, &cl);
	int year = 0;
	for (size_t i = 0; i < cl.n; i++) {
		int y = clause_year(cl.v[i]);
		const char *c = cl.v[i];
		while (str_starts(c, "力争") || str_starts(c, "确保"))
			c += strlen("力争");
		int ly = leading_year(&c);
		if (y) {
			year = y;
			continue;
		}
		int cy = ly ? ly : year ? year : default_year;
		if (try_rank(c, cy, line, v, n, cap) || try_share(c, cy, line, v, n, cap) ||
		    try_op(c, cy, line, v, n, cap) || try_change(c, cy, line, v, n, cap))
			continue;
		if (year || ly)
			try_count(c, cy, line, v, n, cap);
	}
	strvec_free(&cl);
}

void
targets_scan(const char *text, int default_year, size_t line, struct target **v,
    size_t *n, size_t *cap)
{
	/* Sentences end at 。 or at a paragraph break; each line is searched
	 * once, so a long text costs linear time. */
	const char *s = text;
	while (*s) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		while (s < end) {
			const char *e = memmem(s, (size_t)(end - s), "。", strlen("。"));
			size_t len = e ? (size_t)(e - s) : (size_t)(end - s);
			sentence_targets(s, len, default_year, line, v, n, cap);
			s += len + (e ? strlen("。") : 0);
		}
		s = nl ? nl + 1 : end;
	}
}
