/*
 * build_shard.c -- `lantian build --shard K/N`: one publication built by
 * N + 1 independent runs (CI matrix jobs) whose output/ folders, copied
 * together, are finished by one ordinary `lantian build`.
 *
 *   --shard 0/N   the cross-area stage: every area's outputs and the
 *                 rankings (output/air/), no plan. Run once, first.
 *   --shard K/N   1 <= K <= N: the plans of shard K (the plan folders,
 *                 sorted by name, taken round-robin: folder i goes to
 *                 shard i mod N + 1), their XML/JSON, merged months and
 *                 bulletins; on a tree holding shard 0's output/ (the
 *                 bulletins read its rankings, whose records it finds in
 *                 shard 0's state and so does not rebuild).
 * A sharded run writes no registry and no site (both span every plan)
 * and removes nothing (another shard's outputs are not stale). It saves
 * its state as output/.lantian/shard-K-of-N.state, so the states of all
 * shards survive being copied into one folder. Every build loads, after
 * output/.lantian/state, every shard state present (in name order, a
 * later record of an output replacing an earlier one): the combining
 * build then finds every plan, area and bulletin up to date, builds the
 * registry and the site, saves one state and removes the shard states.
 * The site is the same, byte for byte, as an unsharded build's: it is
 * rendered by one run from the same outputs.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "build_graph.h"
#include "util.h"

#define STATE_DIR "output/.lantian"

int
bshard_parse(const char *s, struct build_opts *o)
{
	char *end;
	long k = strtol(s, &end, 10);
	if (end == s || *end != '/' || k < 0)
		return 0;
	const char *ns = end + 1;
	long n = strtol(ns, &end, 10);
	if (end == ns || *end || n < 1 || n > 100000 || k > n)
		return 0;
	o->shard_k = (int)k;
	o->shard_n = (int)n;
	return 1;
}

int
bshard_keeps(const struct build_opts *o, size_t i)
{
	if (!o->shard_n)
		return 1;
	if (!o->shard_k)
		return 0;
	return i % (size_t)o->shard_n == (size_t)(o->shard_k - 1);
}

/* "shard-K-of-N.state" */
static int
is_shard_state(const char *name)
{
	int k, n, len = 0;
	return sscanf(name, "shard-%d-of-%d.state%n", &k, &n, &len) == 2 &&
	    name[len] == '\0' && k >= 0 && n >= 1 && k <= n;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
shard_states(struct strvec *out)
{
	DIR *d = opendir(STATE_DIR);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (is_shard_state(e->d_name)) {
			char *p = xasprintf("%s/%s", STATE_DIR, e->d_name);
			strvec_push(out, p);
			free(p);
		}
	closedir(d);
	if (out->n)
		qsort(out->v, out->n, sizeof *out->v, name_cmp);
}

int
bshard_merge_states(struct build *b)
{
	struct strvec files = { 0 };
	shard_states(&files);
	int merged = 0;
	for (size_t i = 0; i < files.n; i++) {
		struct build_state *st = build_state_new();
		char *why = NULL;
		if (build_state_load(st, files.v[i], &why) == STATE_LOADED) {
			size_t n;
			const struct state_output *const *o =
			    build_state_outputs(st, &n);
			for (size_t j = 0; j < n; j++)
				build_state_set_output(b->st, o[j]->path,
				    o[j]->hex, o[j]->generator, o[j]->in,
				    o[j]->n_in);
			merged++;
		} else {
			diag_add(&b->r->dl, DIAG_NOTE, files.v[i], 0, 0,
			    "分片构建状态不可用（%s），其输出将重建 "
			    "(shard state unusable; its outputs are rebuilt)",
			    why ? why : "");
		}
		free(why);
		build_state_free(st);
	}
	strvec_free(&files);
	return merged;
}

char *
bshard_state_path(const struct build_opts *o)
{
	if (!o->shard_n)
		return xstrdup(BUILD_STATE_PATH);
	return xasprintf("%s/shard-%d-of-%d.state", STATE_DIR, o->shard_k,
	    o->shard_n);
}

void
bshard_remove_states(void)
{
	struct strvec files = { 0 };
	shard_states(&files);
	for (size_t i = 0; i < files.n; i++)
		unlink(files.v[i]);
	strvec_free(&files);
}
