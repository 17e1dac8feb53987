/*
 * build_dirty.c -- why an output is out of date (build_dirty.h).
 */
#include "build_dirty.h"
#include "build_paths.h"
#include "ledger.h"
#include "util.h"

#include <string.h>

/* ---- why an output is dirty ----------------------------------------- */

static const struct state_input *
rec_input(const struct state_output *rec, size_t hint, const char *path)
{
	/* Inputs are listed in a stable order: the same index nearly always
	 * holds the same path. */
	if (hint < rec->n_in && !strcmp(rec->in[hint].path, path))
		return &rec->in[hint];
	for (size_t i = 0; i < rec->n_in; i++)
		if (!strcmp(rec->in[i].path, path))
			return &rec->in[i];
	return NULL;
}

static const char *
removed_input(const struct dirty_check *c)
{
	for (size_t i = 0; i < c->rec->n_in; i++) {
		size_t j = 0;
		while (j < c->n_in && strcmp(c->in[j].path, c->rec->in[i].path))
			j++;
		if (j == c->n_in)
			return c->rec->in[i].path;
	}
	return NULL;
}

enum dirty_reason
build_isdirty(const struct dirty_check *c, const char **what)
{
	const char *unused;
	if (!what)
		what = &unused;
	*what = NULL;
	if (c->force)
		return DIRTY_FORCED;
	if (!c->have_state)
		return DIRTY_NO_STATE;
	if (!c->out_hex)
		return DIRTY_MISSING_OUTPUT;
	if (!c->rec)
		return DIRTY_NO_RECORD;
	if (strcmp(c->rec->generator, c->generator))
		return DIRTY_GENERATOR;
	for (size_t i = 0; i < c->n_in; i++) {
		const struct state_input *r = rec_input(c->rec, i, c->in[i].path);
		*what = c->in[i].path;
		if (!r)
			return DIRTY_INPUT_ADDED;
		if (strcmp(r->hex, c->in[i].hex))
			return DIRTY_INPUT_CHANGED;
	}
	/* Every current input is recorded; with equal counts none was
	 * dropped (recorded paths are distinct). */
	if (c->rec->n_in != c->n_in && (*what = removed_input(c)) != NULL)
		return DIRTY_INPUT_REMOVED;
	*what = NULL;
	if (strcmp(c->out_hex, c->rec->hex))
		return DIRTY_OUTPUT_CHANGED;
	return DIRTY_CLEAN;
}

enum input_kind
build_input_kind(const char *path)
{
	if (!path)
		return INPUT_OTHER;
	if (str_starts(path, BUILD_AIR_DIR "/"))
		return INPUT_AREA_OUTPUT;
	if (str_starts(path, "output/"))
		return INPUT_OUTPUT;
	if (!strcmp(path, BUILD_STATIONS_PATH))
		return INPUT_STATIONS;
	if (str_starts(path, BUILD_LAYOUT_DIR "/") && str_ends(path, ".layout"))
		return INPUT_LAYOUT;
	if (!str_starts(path, "plans/"))
		return INPUT_OTHER;
	const char *base = strrchr(path, '/') + 1;
	if (!strcmp(base, "plan.conf"))
		return INPUT_PLAN_CONF;
	/* plans/<dir>/ledgers/YYYY-MM.csv: exactly four components */
	const char *dir = path + strlen("plans/");
	const char *l = strchr(dir, '/');
	int y, m;
	if (l && l > dir && !strncmp(l, "/ledgers/", 9) && l + 9 == base &&
	    ledger_month_from_path(path, &y, &m))
		return INPUT_LEDGER;
	if (str_ends(path, ".csv") || str_ends(path, ".csv.gz"))
		return INPUT_DATA;
	return INPUT_PLAN_TEXT;
}

static const char *const kind_zh[] = {
	[INPUT_OTHER] = "输入", [INPUT_PLAN_CONF] = "方案配置",
	[INPUT_PLAN_TEXT] = "方案文本", [INPUT_LEDGER] = "进展台账",
	[INPUT_STATIONS] = "站点表", [INPUT_LAYOUT] = "数据格式",
	[INPUT_DATA] = "监测数据", [INPUT_AREA_OUTPUT] = "地区空气质量输出",
	[INPUT_OUTPUT] = "方案输出",
};
static const char *const kind_en[] = {
	[INPUT_OTHER] = "input", [INPUT_PLAN_CONF] = "plan.conf",
	[INPUT_PLAN_TEXT] = "plan text", [INPUT_LEDGER] = "ledger",
	[INPUT_STATIONS] = "station table", [INPUT_LAYOUT] = "layout",
	[INPUT_DATA] = "monitoring data", [INPUT_AREA_OUTPUT] = "area output",
	[INPUT_OUTPUT] = "plan output",
};

char *
build_reason_text(enum dirty_reason r, const char *what)
{
	enum input_kind k = build_input_kind(what);
	what = what ? what : "?";
	switch (r) {
	case DIRTY_CLEAN:
		return xstrdup("已是最新 (up to date)");
	case DIRTY_FORCED:
		return xstrdup("指定了 --force (forced)");
	case DIRTY_NO_STATE:
		return xstrdup("没有构建状态记录 (no state)");
	case DIRTY_MISSING_OUTPUT:
		return xstrdup("输出文件不存在 (missing output)");
	case DIRTY_NO_RECORD:
		return xstrdup("构建状态中没有此输出的记录 (no record of this output)");
	case DIRTY_GENERATOR:
		return xstrdup("生成器已改变 (generator changed)");
	case DIRTY_INPUT_ADDED:
		return xasprintf("新增%s %s (input added: %s)", kind_zh[k], what,
		    kind_en[k]);
	case DIRTY_INPUT_REMOVED:
		return xasprintf("%s %s 已不再使用或已删除 (input removed: %s)",
		    kind_zh[k], what, kind_en[k]);
	case DIRTY_INPUT_CHANGED:
		return xasprintf("%s %s 已改变 (input changed: %s)", kind_zh[k],
		    what, kind_en[k]);
	case DIRTY_OUTPUT_CHANGED:
		return xstrdup("输出文件在 lantian 之外被修改或删除 "
		    "(output changed outside lantian)");
	}
	return xstrdup("?");
}
