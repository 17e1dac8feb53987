/*
 * units.c -- the unit registry: canonical unit names, their stable ids, and
 * which plans and tasks name each unit.
 *
 * Canonical name of a unit as printed in plan p (p->place "南召县",
 * p->level "县", p->parent "南阳市"), rules in the order applied:
 *  1. Names already complete stay as printed: full organisation names
 *     (…公司, …车务段, …火车站, …集团, 国网…, 中国…: "南召供电公司",
 *     "国网西平县供电公司", "武汉铁路局驻马店车务段西平火车站"), and names that
 *     begin with the plan's place or parent ("南召县生态环境局").
 *  2. "各…" units are the plan's: place + name
 *     ("各乡镇人民政府" → "南召县各乡镇人民政府").
 *  3. A leading administrative prefix equal to the plan's level character
 *     is replaced by the place: "县生态环境局" in a 县 plan → "南召县生态环境局",
 *     "市市场监管局" in 南阳市's plan → "南阳市市场监管局", "镇财政所" in a
 *     镇 plan → "下冶镇财政所".
 *  4. A prefix equal to the level character of the parent (its last
 *     character: 南阳市 → 市) is replaced by the parent: "市生态环境局" in a
 *     county plan of 南阳市 → "南阳市生态环境局".
 *  5. In a town plan (镇/乡), a unit with no prefix at all is a town office:
 *     "经济发展办公室" → "下冶镇经济发展办公室".
 *  6. Anything else stays as printed.
 * A "prefix" is the administrative character followed by more text that
 * does not make a word with it: 市场监管局 starts with 市 but 市场 is a word,
 * while 市市场监管局 = 市 + 市场监管局 and 市政府办公室 = 市 + 政府办公室.
 *
 * Ids are "u" + the first 12 hex digits of SHA-256 of the canonical name.
 * Output is sorted (units by id, names as printed by byte order, references
 * by plan id, task ordinal and role), so it does not depend on the order in
 * which plans were added.
 */
#include "units.h"
#include "jsonutil.h"
#include "hash.h"
#include "util.h"
#include "xmlw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#define UNITS_NS "urn:lantian:units:1"

/* ---- canonical names -------------------------------------------------- */

/* Words that begin with an administrative character but are not a prefix
 * plus a name (市场监管局 is not 市 + 场监管局). */
static const char *const prefix_words[] = {
	"市场", "市容", "市政", "县域", "区域", "省级", "市级", "县级",
};

/* Does name start with the administrative character `ch` used as a prefix,
 * followed by a non-empty rest? */
static int
admin_prefixed(const char *name, const char *ch)
{
	if (!ch || !*ch || !str_starts(name, ch) || !name[strlen(ch)])
		return 0;
	if (str_starts(name, "市政府"))
		return 1;
	for (size_t i = 0; i < sizeof prefix_words / sizeof prefix_words[0]; i++)
		if (str_starts(name, prefix_words[i]))
			return 0;
	return 1;
}

static int
any_admin_prefix(const char *name)
{
	static const char *const chars[] = { "省", "市", "县", "区", "镇", "乡", "各" };
	for (size_t i = 0; i < sizeof chars / sizeof chars[0]; i++)
		if (admin_prefixed(name, chars[i]))
			return 1;
	return 0;
}

static int
full_org_name(const char *name)
{
	static const char *const suffixes[] = { "公司", "车务段", "火车站", "集团" };
	static const char *const prefixes[] = { "国网", "中国" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
		if (str_ends(name, suffixes[i]))
			return 1;
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (str_starts(name, prefixes[i]))
			return 1;
	return 0;
}

/* Does name begin with a place name of its own: two or three Han
 * characters then 省/市/县 and more ("垣曲县公安局")? Such a unit is not
 * a town office even in a town plan. */
static int
names_a_place(const char *name)
{
	const char *q = name;
	for (int n = 0; n < 4 && *q; n++) {
		gunichar c = g_utf8_get_char_validated(q, -1);
		if (c == (gunichar)-1 || c == (gunichar)-2)
			return 0;
		if (n >= 2 && (c == 0x7701 || c == 0x5E02 || c == 0x53BF))  /* 省市县 */
			return *g_utf8_next_char(q) != '\0';
		if (g_unichar_get_script(c) != G_UNICODE_SCRIPT_HAN)
			return 0;
		q = g_utf8_next_char(q);
	}
	return 0;
}

/* The last UTF-8 character of s, as a new string ("南阳市" → "市"). */
static char *
last_char(const char *s)
{
	const char *end = s + strlen(s);
	const char *q = g_utf8_find_prev_char(s, end);
	return xstrdup(q ? q : "");
}

static int
town_level(const char *level)
{
	return level && (!strcmp(level, "镇") || !strcmp(level, "乡"));
}

char *
unit_canonical(const struct plan *p, const char *name)
{
	if (!name)
		return xstrdup("");
	const char *place = p ? p->place : NULL;
	const char *parent = p ? p->parent : NULL;
	if (!place || !*place || full_org_name(name) || str_starts(name, place) ||
	    (parent && *parent && str_starts(name, parent)))
		return xstrdup(name);
	if (admin_prefixed(name, "各"))
		return xasprintf("%s%s", place, name);
	if (p->level && *p->level && admin_prefixed(name, p->level))
		return xasprintf("%s%s", place, name + strlen(p->level));
	if (parent && *parent) {
		char *pch = last_char(parent);
		int hit = admin_prefixed(name, pch);
		size_t skip = strlen(pch);
		free(pch);
		if (hit)
			return xasprintf("%s%s", parent, name + skip);
	}
	if (town_level(p->level) && !any_admin_prefix(name) && !names_a_place(name))
		return xasprintf("%s%s", place, name);
	return xstrdup(name);
}

char *
unit_id(const char *canonical)
{
	char hex[HASH_HEX_LEN + 1];
	hash_bytes(canonical, strlen(canonical), hex);
	return xasprintf("u%.12s", hex);
}

/* ---- the registry ------------------------------------------------------ */

enum { ROLE_LEAD, ROLE_COOPERATING, ROLE_RESPONSIBLE, ROLE_PARTICIPATING,
	ROLE_INHERITED, N_ROLES };

static const char *const role_names[N_ROLES] = {
	"lead", "cooperating", "responsible", "participating", "inherited",
};

/* One mention of a unit: a task of a plan in a role, or (number NULL) the
 * plan's inherited responsibility. */
struct unit_ref {
	char *plan;
	char *number;
	int ordinal;
	char *title;
	int role;
};

struct unit {
	char *id;
	char *name;                /* canonical */
	struct strvec printed;     /* as printed, unique */
	struct unit_ref *refs;
	size_t n_refs, cap_refs;
};

struct unit_registry {
	GHashTable *by_name;       /* canonical name -> struct unit (owned) */
};

static void
unit_free(gpointer data)
{
	struct unit *u = data;
	free(u->id);
	free(u->name);
	strvec_free(&u->printed);
	for (size_t i = 0; i < u->n_refs; i++) {
		free(u->refs[i].plan);
		free(u->refs[i].number);
		free(u->refs[i].title);
	}
	free(u->refs);
	free(u);
}

struct unit_registry *
units_new(void)
{
	struct unit_registry *r = xcalloc(1, sizeof *r);
	r->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, unit_free);
	return r;
}

void
units_free(struct unit_registry *r)
{
	if (!r)
		return;
	g_hash_table_destroy(r->by_name);
	free(r);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct unit_ref *x = a, *y = b;
	int c = strcmp(x->plan, y->plan);
	if (c)
		return c;
	if (x->ordinal != y->ordinal)
		return x->ordinal < y->ordinal ? -1 : 1;
	if (x->role != y->role)
		return x->role - y->role;
	return strcmp(x->number ? x->number : "", y->number ? y->number : "");
}

static int
cmp_unit(const void *a, const void *b)
{
	const struct unit *x = *(struct unit *const *)a, *y = *(struct unit *const *)b;
	int c = strcmp(x->id, y->id);
	return c ? c : strcmp(x->name, y->name);
}

/* Record that plan p names unit `printed` in task t (NULL: inherited). */
static void
add_ref(struct unit_registry *r, const struct plan *p, const struct task *t,
    const char *printed, int role)
{
	if (!printed || !*printed)
		return;
	char *canon = unit_canonical(p, printed);
	struct unit *u = g_hash_table_lookup(r->by_name, canon);
	if (!u) {
		u = xcalloc(1, sizeof *u);
		u->name = canon;
		u->id = unit_id(canon);
		g_hash_table_insert(r->by_name, u->name, u);
	} else {
		free(canon);
	}
	/* Kept sorted as they come, so the writers only read. */
	if (strvec_push_unique(&u->printed, printed))
		qsort(u->printed.v, u->printed.n, sizeof *u->printed.v, cmp_str);
	struct unit_ref ref = {
		.plan = p->id ? p->id : "",
		.number = t ? (t->number ? t->number : "") : NULL,
		.ordinal = t ? t->ordinal : 0,
		.title = t ? t->title : NULL,
		.role = role,
	};
	if (u->n_refs && bsearch(&ref, u->refs, u->n_refs, sizeof *u->refs, cmp_ref))
		return;
	ref.plan = xstrdup(ref.plan);
	ref.number = ref.number ? xstrdup(ref.number) : NULL;
	ref.title = ref.title ? xstrdup(ref.title) : NULL;
	u->refs = xgrow(u->refs, &u->cap_refs, u->n_refs + 1, sizeof *u->refs);
	u->refs[u->n_refs++] = ref;
	qsort(u->refs, u->n_refs, sizeof *u->refs, cmp_ref);
}

void
units_add_plan(struct unit_registry *r, const struct plan *p)
{
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		const struct strvec *roles[4] = {
			&t->lead, &t->cooperating, &t->responsible, &t->participating,
		};
		for (int role = 0; role < 4; role++)
			for (size_t j = 0; j < roles[role]->n; j++)
				add_ref(r, p, t, roles[role]->v[j], role);
	}
	for (size_t j = 0; j < p->responsible_inherited.n; j++)
		add_ref(r, p, NULL, p->responsible_inherited.v[j], ROLE_INHERITED);
}

/* The units sorted by id; caller frees the array. */
static struct unit **
units_sorted(const struct unit_registry *r, size_t *n)
{
	*n = g_hash_table_size(r->by_name);
	struct unit **v = xcalloc(*n ? *n : 1, sizeof *v);
	GHashTableIter it;
	gpointer value;
	size_t i = 0;
	g_hash_table_iter_init(&it, r->by_name);
	while (g_hash_table_iter_next(&it, NULL, &value)) {
		v[i++] = value;
	}
	qsort(v, *n, sizeof *v, cmp_unit);
	return v;
}

static void
role_counts(const struct unit *u, size_t counts[N_ROLES])
{
	memset(counts, 0, N_ROLES * sizeof counts[0]);
	for (size_t i = 0; i < u->n_refs; i++)
		counts[u->refs[i].role]++;
}

/* ---- XML --------------------------------------------------------------- */

static void
unit_xml(struct xw *x, const struct unit *u)
{
	size_t counts[N_ROLES];
	role_counts(u, counts);
	xw_open(x, "unit");
	xw_attr(x, "id", u->id);
	xw_text_elem(x, "name", u->name);
	for (size_t i = 0; i < u->printed.n; i++)
		xw_text_elem(x, "printed", u->printed.v[i]);
	xw_open(x, "counts");
	for (int role = 0; role < N_ROLES; role++)
		xw_attr_int(x, role_names[role], counts[role]);
	xw_close(x);
	for (size_t i = 0; i < u->n_refs; i++) {
		const struct unit_ref *f = &u->refs[i];
		xw_open(x, "ref");
		xw_attr(x, "plan", f->plan);
		if (f->number) {
			xw_attr(x, "task", f->number);
			xw_attr_int(x, "ordinal", f->ordinal > 0 ? f->ordinal : 0);
		}
		xw_attr(x, "role", role_names[f->role]);
		xw_text(x, f->title);
		xw_close(x);
	}
	xw_close(x);
}

/* Writer calls can only fail for lack of memory, which x*alloc() treats as
 * fatal elsewhere. */
void
units_write_xml(const struct unit_registry *r, struct buf *out)
{
	size_t n;
	struct unit **v = units_sorted(r, &n);
	struct xw x;
	if (!xw_begin(&x))
		abort();   /* out of memory, as in x*alloc() */
	xw_open(&x, "units");
	xw_attr(&x, "xmlns", UNITS_NS);
	xw_attr_int(&x, "count", n);
	for (size_t i = 0; i < n; i++)
		unit_xml(&x, v[i]);
	xw_close(&x);
	if (!xw_end(&x, out))
		abort();   /* likewise */
	free(v);
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *
unit_json(const struct unit *u)
{
	size_t counts[N_ROLES];
	role_counts(u, counts);
	json_t *o = json_object();
	json_object_set_new(o, "id", json_text(u->id));
	json_object_set_new(o, "name", json_text(u->name));
	json_t *printed = json_array();
	for (size_t i = 0; i < u->printed.n; i++)
		json_array_append_new(printed, json_text(u->printed.v[i]));
	json_object_set_new(o, "printed", printed);
	json_t *c = json_object();
	for (int role = 0; role < N_ROLES; role++)
		json_object_set_new(c, role_names[role], json_integer((json_int_t)counts[role]));
	json_object_set_new(o, "counts", c);
	json_t *refs = json_array();
	for (size_t i = 0; i < u->n_refs; i++) {
		const struct unit_ref *f = &u->refs[i];
		json_t *j = json_object();
		json_object_set_new(j, "plan", json_text(f->plan));
		json_object_set_new(j, "task", json_text(f->number));
		json_object_set_new(j, "ordinal",
		    f->number ? json_integer(f->ordinal) : json_null());
		json_object_set_new(j, "title", json_text(f->title));
		json_object_set_new(j, "role", json_text(role_names[f->role]));
		json_array_append_new(refs, j);
	}
	json_object_set_new(o, "refs", refs);
	return o;
}

void
units_write_json(const struct unit_registry *r, struct buf *out)
{
	size_t n;
	struct unit **v = units_sorted(r, &n);
	json_t *root = json_object();
	json_object_set_new(root, "count", json_integer((json_int_t)n));
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, unit_json(v[i]));
	json_object_set_new(root, "units", arr);
	char *s = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	if (!s)
		abort();   /* out of memory, as in x*alloc() */
	buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
	json_decref(root);
	free(v);
}
