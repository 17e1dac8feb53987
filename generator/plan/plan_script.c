/*
 * plan_script.c -- folding a traditional-script plan to simplified script
 * for the parser's rules, and restoring the model's texts (plan_script.h).
 *
 * The folding is character by character (each distinct character of the
 * document through OpenCC's t2s configuration once, separated by line
 * breaks so no phrase rule spans two of them): the parser sees a text of
 * the same characters in the same order, and a character of the model can
 * be mapped back. A simplified character that several traditional ones
 * fold to in the same document (后 from 後 and 后) is restored to the one
 * the document uses most.
 */
#include "plan_script.h"

#include <opencc.h>
#include <stdlib.h>
#include <string.h>

#include "cjk.h"
#include "util.h"

/* Characters that occur only in traditional script and often in plans
 * (sorted code points of: 們劃動務區協參單國園報場實將對導島廠態應懲據時會條業構標樣機檢權歲氣淨測準濟為燒營爐獎現環產當發監種稱節範築糧級組絡經線縣總織聯與處製規計設調護負責資質車輛輸辦農這進運鍋鎮門開間關項頭體). */
static const uint32_t trad_only[] = {
	0x5011, 0x5283, 0x52D5, 0x52D9, 0x5340, 0x5354, 0x53C3, 0x55AE,
	0x570B, 0x5712, 0x5831, 0x5834, 0x5BE6, 0x5C07, 0x5C0D, 0x5C0E,
	0x5CF6, 0x5EE0, 0x614B, 0x61C9, 0x61F2, 0x64DA, 0x6642, 0x6703,
	0x689D, 0x696D, 0x69CB, 0x6A19, 0x6A23, 0x6A5F, 0x6AA2, 0x6B0A,
	0x6B72, 0x6C23, 0x6DE8, 0x6E2C, 0x6E96, 0x6FDF, 0x70BA, 0x71D2,
	0x71DF, 0x7210, 0x734E, 0x73FE, 0x74B0, 0x7522, 0x7576, 0x767C,
	0x76E3, 0x7A2E, 0x7A31, 0x7BC0, 0x7BC4, 0x7BC9, 0x7CE7, 0x7D1A,
	0x7D44, 0x7D61, 0x7D93, 0x7DDA, 0x7E23, 0x7E3D, 0x7E54, 0x806F,
	0x8207, 0x8655, 0x88FD, 0x898F, 0x8A08, 0x8A2D, 0x8ABF, 0x8B77,
	0x8CA0, 0x8CAC, 0x8CC7, 0x8CEA, 0x8ECA, 0x8F1B, 0x8F38, 0x8FA6,
	0x8FB2, 0x9019, 0x9032, 0x904B, 0x934B, 0x93AE, 0x9580, 0x958B,
	0x9593, 0x95DC, 0x9805, 0x982D, 0x9AD4,
};

/* Bit (cp & 0xFF) set when some character of trad_only ends in that byte:
 * most characters are turned away before the binary search. */
static const unsigned char trad_filter[32] = {
	0xA8, 0x6D, 0x07, 0x0E, 0x0C, 0x70, 0x16, 0x21,
	0x15, 0x48, 0x30, 0x80, 0x02, 0xA0, 0xC4, 0x10,
	0x09, 0x88, 0x48, 0x20, 0x45, 0x50, 0x05, 0x84,
	0x99, 0x0E, 0x34, 0x96, 0xC9, 0x05, 0x44, 0x60,
};


/* A document with fewer traditional-only characters than this is simplified
 * script quoting a name or two. */
#define TRAD_MIN_HITS 8
/* Where to look: a plan's title, notice and first sections tell its script. */
#define TRAD_SCAN_BYTES (8 * 1024)

/* ---- a small map of code points ------------------------------------------- */

struct cand {
	uint32_t cp;
	size_t count;
};

struct slot {
	uint32_t key;        /* 0 = empty */
	uint32_t fold;       /* forward: the simplified character */
	struct cand orig[4]; /* reverse: characters of the document folded to key */
};

struct cpmap {
	struct slot *s;
	size_t cap, n;
};

static struct slot *
cpmap_get(struct cpmap *m, uint32_t key, int add)
{
	if (add && (m->n + 1) * 2 > m->cap) {
		struct cpmap g = { xcalloc(m->cap ? m->cap * 2 : 1024, sizeof *g.s),
			m->cap ? m->cap * 2 : 1024, 0 };
		for (size_t i = 0; i < m->cap; i++)
			if (m->s[i].key)
				*cpmap_get(&g, m->s[i].key, 1) = m->s[i];
		free(m->s);
		*m = g;
	}
	if (!m->cap)
		return NULL;
	size_t i = (key * 2654435761u) & (m->cap - 1);
	while (m->s[i].key && m->s[i].key != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->s[i].key) {
		if (!add)
			return NULL;
		m->s[i].key = key;
		m->s[i].fold = key;
		m->n++;
	}
	return &m->s[i];
}

struct script_map {
	struct cpmap fwd;   /* document character -> folded */
	struct cpmap rev;   /* folded character -> document characters */
};

/* ---- detecting and folding ------------------------------------------------ */

static int
is_trad_only(uint32_t cp)
{
	size_t lo = 0, hi = sizeof trad_only / sizeof *trad_only;
	if (!(trad_filter[(cp & 0xFF) >> 3] & (1u << (cp & 7))) || cp < trad_only[0] ||
	    cp > trad_only[hi - 1])
		return 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (trad_only[mid] == cp)
			return 1;
		if (trad_only[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Traditional-only characters in s, up to TRAD_MIN_HITS. Every plan goes
 * through this, so it decodes the three-byte sequences of the CJK block in
 * place and skips everything else. */
static size_t
count_trad(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t hits = 0;
	for (size_t i = 0; i + 2 < n && hits < TRAD_MIN_HITS; i++) {
		if (u[i] < 0xE5 || u[i] > 0xE9 || (u[i + 1] & 0xC0) != 0x80 ||
		    (u[i + 2] & 0xC0) != 0x80) {
			if (u[i] >= 0xE0 && u[i] < 0xF0)
				i += 2;  /* another three-byte character */
			continue;
		}
		uint32_t cp = ((uint32_t)(u[i] & 0x0F) << 12) | ((uint32_t)(u[i + 1] & 0x3F) << 6) |
		    (u[i + 2] & 0x3F);
		hits += (size_t)is_trad_only(cp);
		i += 2;
	}
	return hits;
}

/* Fold every distinct Han character of text through OpenCC once. */
static int
fold_chars(struct script_map *m, const char *text, size_t n)
{
	struct buf q = {0};
	size_t i = 0, len;
	while (i < n) {
		uint32_t cp = utf8_decode(text + i, n - i, &len);
		if (cjk_is_han(cp) && !cpmap_get(&m->fwd, cp, 0)) {
			cpmap_get(&m->fwd, cp, 1);
			buf_put(&q, text + i, len);
			buf_putc(&q, '\n');
		}
		i += len;
	}
	opencc_t cc = opencc_open("t2s.json");
	if (cc == (opencc_t)-1) {
		buf_free(&q);
		return 0;
	}
	char *out = q.len ? opencc_convert_utf8(cc, q.data, q.len) : NULL;
	opencc_close(cc);
	/* Line k of out is the folding of line k of q. */
	const char *a = q.data, *b = out;
	while (a && b && *a && *b) {
		const char *ae = strchr(a, '\n'), *be = strchr(b, '\n');
		if (!ae || !be)
			break;
		size_t la, lb;
		uint32_t from = utf8_decode(a, (size_t)(ae - a), &la);
		uint32_t to = utf8_decode(b, (size_t)(be - b), &lb);
		if (la == (size_t)(ae - a) && lb == (size_t)(be - b) && cjk_is_han(to))
			cpmap_get(&m->fwd, from, 1)->fold = to;
		a = ae + 1;
		b = be + 1;
	}
	if (out)
		opencc_convert_utf8_free(out);
	buf_free(&q);
	return 1;
}

static void
count_origin(struct script_map *m, uint32_t fold, uint32_t orig)
{
	struct slot *s = cpmap_get(&m->rev, fold, 1);
	for (size_t k = 0; k < sizeof s->orig / sizeof *s->orig; k++) {
		if (s->orig[k].cp == orig || !s->orig[k].cp) {
			s->orig[k].cp = orig;
			s->orig[k].count++;
			return;
		}
	}
}

struct script_map *
script_fold(struct buf *text, const char *path, struct diag_list *dl)
{
	if (!text->len || count_trad(text->data, text->len < TRAD_SCAN_BYTES ? text->len :
	    TRAD_SCAN_BYTES) < TRAD_MIN_HITS)
		return NULL;
	struct script_map *m = xcalloc(1, sizeof *m);
	if (!fold_chars(m, text->data, text->len)) {
		diag_add(dl, DIAG_WARNING, path, 0, 0,
		    "方案为繁体字，但无法打开 OpenCC 的 t2s 转换配置（%s）：按原文匹配，"
		    "部分规则可能不生效；请安装 opencc 数据（Debian：libopencc1.1 / opencc）",
		    opencc_error());
		script_map_free(m);
		return NULL;
	}
	struct buf out = {0};
	size_t i = 0, len;
	while (i < text->len) {
		uint32_t cp = utf8_decode(text->data + i, text->len - i, &len);
		const struct slot *s = cjk_is_han(cp) ? cpmap_get(&m->fwd, cp, 0) : NULL;
		if (s) {
			utf8_put(&out, s->fold);
			count_origin(m, s->fold, cp);
		} else {
			buf_put(&out, text->data + i, len);
		}
		i += len;
	}
	buf_free(text);
	*text = out;
	if (!text->data)
		buf_puts(text, "");
	return m;
}

/* ---- restoring ---------------------------------------------------------------- */

char *
script_restore(const struct script_map *m, const char *s)
{
	struct buf b = {0};
	size_t i = 0, len, n = strlen(s);
	buf_puts(&b, "");
	while (i < n) {
		uint32_t cp = utf8_decode(s + i, n - i, &len);
		const struct slot *sl = cjk_is_han(cp) ?
		    cpmap_get((struct cpmap *)&m->rev, cp, 0) : NULL;
		if (sl) {
			const struct cand *best = &sl->orig[0];
			for (size_t k = 1; k < sizeof sl->orig / sizeof *sl->orig; k++)
				if (sl->orig[k].count > best->count)
					best = &sl->orig[k];
			utf8_put(&b, best->cp);
		} else {
			buf_put(&b, s + i, len);
		}
		i += len;
	}
	return buf_detach(&b);
}

static void
restore_str(const struct script_map *m, char **s)
{
	if (!*s)
		return;
	char *r = script_restore(m, *s);
	free(*s);
	*s = r;
}

static void
restore_vec(const struct script_map *m, struct strvec *v)
{
	for (size_t i = 0; i < v->n; i++)
		restore_str(m, &v->v[i]);
}

static void
restore_targets(const struct script_map *m, struct target *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		restore_str(m, &t[i].metric);
		restore_str(m, &t[i].unit);
		restore_str(m, &t[i].raw);
	}
}

static void
restore_task(const struct script_map *m, struct task *t)
{
	restore_str(m, &t->number);
	restore_str(m, &t->title);
	restore_str(m, &t->text);
	restore_vec(m, &t->lead);
	restore_vec(m, &t->cooperating);
	restore_vec(m, &t->responsible);
	restore_vec(m, &t->participating);
	for (size_t k = 0; k < t->n_assignments; k++) {
		struct assignment *a = &t->assignments[k];
		restore_str(m, &a->raw);
		restore_vec(m, &a->lead);
		restore_vec(m, &a->cooperating);
		restore_vec(m, &a->responsible);
		restore_vec(m, &a->participating);
	}
	for (size_t k = 0; k < t->n_deadlines; k++)
		restore_str(m, &t->deadlines[k].raw);
	for (size_t k = 0; k < t->n_periods; k++)
		restore_str(m, &t->periods[k].raw);
	for (size_t k = 0; k < t->n_starts; k++)
		restore_str(m, &t->starts[k].raw);
	restore_targets(m, t->targets, t->n_targets);
}

void
script_restore_plan(const struct script_map *m, struct plan *p, int keep_place,
    int keep_title)
{
	if (!m)
		return;
	if (!keep_title)
		restore_str(m, &p->title);
	if (!keep_place)
		restore_str(m, &p->place);
	restore_str(m, &p->doc_number);
	restore_str(m, &p->issuer);
	restore_str(m, &p->draft);
	for (size_t i = 0; i < p->n_sections; i++) {
		struct section *s = &p->sections[i];
		restore_str(m, &s->title);
		for (size_t k = 0; k < s->n_subs; k++)
			restore_str(m, &s->subs[k].title);
	}
	for (size_t i = 0; i < p->n_tasks; i++)
		restore_task(m, &p->tasks[i]);
	restore_vec(m, &p->responsible_inherited);
	restore_str(m, &p->responsible_inherited_raw);
	restore_targets(m, p->targets, p->n_targets);
	for (size_t i = 0; i < p->n_other_deadlines; i++)
		restore_str(m, &p->other_deadlines[i].raw);
	for (size_t i = 0; i < p->n_attachments; i++) {
		struct attachment *a = &p->attachments[i];
		restore_str(m, &a->label);
		restore_str(m, &a->title);
		restore_vec(m, &a->header);
		for (size_t r = 0; r < a->n_rows; r++)
			restore_vec(m, &a->rows[r]);
	}
}

void
script_map_free(struct script_map *m)
{
	if (!m)
		return;
	free(m->fwd.s);
	free(m->rev.s);
	free(m);
}
