/*
 * bulletin_peers.c -- the areas a bulletin ranks its own area among
 * (plan.conf `peers`, issue 12): a county ranked among unrelated
 * prefecture cities tells its readers nothing. The ranking document ranks
 * every area of the publication; here its rows are narrowed to the peers
 * and the plan's own area, and the places are counted again among them.
 * Global ranks keep their order and their ties, so a place among the
 * peers is one more than the number of peers ranked strictly before.
 */
#include <stdlib.h>
#include <string.h>

#include "bulletin_doc.h"
#include "util.h"

static int
is_peer(const char *area, const char *own, const char *const *peers,
    size_t n)
{
	if (area && own && strcmp(area, own) == 0)
		return 1;
	for (size_t i = 0; area && i < n; i++)
		if (strcmp(area, peers[i]) == 0)
			return 1;
	return 0;
}

static void
row_free(struct bm_rank_row *r)
{
	free(r->area);
	free(r->key);
	free(r->pm25);
	free(r->place);
}

static void
narrow(struct bm_ranking *k, const char *own, const char *const *peers,
    size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < k->nrows; i++) {
		if (is_peer(k->rows[i].area, own, peers, n))
			k->rows[j++] = k->rows[i];
		else
			row_free(&k->rows[i]);
	}
	k->nrows = j;
	size_t ranked = 0;
	for (size_t i = 0; i < j; i++) {
		struct bm_rank_row *r = &k->rows[i];
		if (r->rank <= 0)
			continue;
		int before = 0, same = 0;
		for (size_t q = 0; q < j; q++) {
			if (q == i || k->rows[q].rank <= 0)
				continue;
			before += k->rows[q].rank < r->rank;
			same += k->rows[q].rank == r->rank;
		}
		r->rank = before + 1;
		r->tied = same > 0;
		free(r->place);
		r->place = xasprintf("%s第%d位", r->tied ? "并列" : "", r->rank);
		ranked++;
	}
	free(k->total);
	k->total = xasprintf("共%zu个地区参加排名", ranked);
}

int
bulletin_peers_apply(struct bm_rankings *rk, const char *own,
    const char *level, const char *const *peers, size_t n)
{
	if (n == 0) {
		/* Without peers only a city or province plan is ranked (the
		 * areas of the publication are its peers). */
		return !level || strcmp(level, "市") == 0 ||
		    strcmp(level, "省") == 0;
	}
	for (size_t i = 0; i < rk->n; i++)
		narrow(&rk->r[i], own, peers, n);
	int areas = 0;
	if (rk->n)
		areas = (int)rk->r[0].nrows;
	rk->areas = areas;
	return 1;
}
