/*
 * cff_keep.c -- see cff_keep.h. The CFF table (Adobe TN 5176) is rebuilt
 * in the order header and Name INDEX (copied), the Top DICT INDEX
 * (re-encoded with the new offsets), String and Global Subr INDEXes
 * (copied), charset and FDSelect (copied), the new CharStrings INDEX, the
 * FDArray (its dicts re-encoded with new Private offsets), then each font
 * dict's Private DICT with its local subroutines (copied as one block, so
 * the offset from the one to the other holds). Every offset operand
 * rewritten is encoded as a 5-byte integer, so sizes are known before the
 * offsets are.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cff_keep.h"

struct cff {
	const unsigned char *p;
	size_t n;
};

struct span {
	size_t off, len;
};

/* An INDEX at `at`: its count, offset size, the base its offsets count
 * from (one before the data) and its end. */
struct index {
	unsigned count, offsize;
	size_t at, data, end;
};

static uint32_t
be(const unsigned char *p, unsigned n)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

static int
index_read(const struct cff *c, size_t off, struct index *ix)
{
	memset(ix, 0, sizeof *ix);
	ix->at = off;
	if (off + 2 > c->n)
		return 0;
	ix->count = be(c->p + off, 2);
	if (ix->count == 0) {
		ix->end = off + 2;
		return 1;
	}
	if (off + 3 > c->n)
		return 0;
	ix->offsize = c->p[off + 2];
	if (ix->offsize < 1 || ix->offsize > 4 ||
	    off + 3 + ((size_t)ix->count + 1) * ix->offsize > c->n)
		return 0;
	ix->data = off + 3 + ((size_t)ix->count + 1) * ix->offsize - 1;
	ix->end = ix->data + be(c->p + off + 3 + (size_t)ix->count *
	    ix->offsize, ix->offsize);
	return ix->end <= c->n;
}

/* Element i of an INDEX, checked against the INDEX's end. */
static int
index_item(const struct cff *c, const struct index *ix, unsigned i,
    struct span *s)
{
	const unsigned char *o = c->p + ix->at + 3 + (size_t)i * ix->offsize;
	size_t a = ix->data + be(o, ix->offsize);
	size_t b = ix->data + be(o + ix->offsize, ix->offsize);

	if (a < ix->data + 1 || b < a || b > ix->end)
		return 0;
	s->off = a;
	s->len = b - a;
	return 1;
}

/* ---- DICTs: operands, then an operator ---- */

enum { OP_CHARSET = 15, OP_CHARSTRINGS = 17, OP_PRIVATE = 18, OP_SUBRS = 19,
       OP_ROS = 0x0c1e, OP_FDARRAY = 0x0c24, OP_FDSELECT = 0x0c25 };

struct dict_entry {
	int op;
	size_t off, len;            /* its operand bytes */
	long v[2];                  /* the first two operands (reals: 0) */
	int nv;
};

struct dict {
	struct dict_entry e[48];
	int n;
};

/* The length of the operand at p (0: malformed); its value in *v. */
static size_t
operand(const unsigned char *p, const unsigned char *end, long *v)
{
	unsigned b0 = p[0];

	*v = 0;
	if (b0 >= 32 && b0 <= 246) {
		*v = (long)b0 - 139;
		return 1;
	}
	if (b0 >= 247 && b0 <= 254) {
		if (p + 2 > end)
			return 0;
		*v = b0 <= 250 ? ((long)b0 - 247) * 256 + p[1] + 108 :
		    -((long)b0 - 251) * 256 - p[1] - 108;
		return 2;
	}
	if (b0 == 28) {
		if (p + 3 > end)
			return 0;
		*v = (int16_t)be(p + 1, 2);
		return 3;
	}
	if (b0 == 29) {
		if (p + 5 > end)
			return 0;
		*v = (int32_t)be(p + 1, 4);
		return 5;
	}
	if (b0 == 30) {
		const unsigned char *q = p + 1;

		while (q < end) {
			unsigned x = *q++;
			if ((x & 0x0f) == 0x0f || (x >> 4) == 0x0f)
				return (size_t)(q - p);
		}
	}
	return 0;
}

static int
dict_read(const struct cff *c, struct span s, struct dict *d)
{
	const unsigned char *p = c->p + s.off, *end = p + s.len;
	const unsigned char *ops = p;
	long v[2] = { 0, 0 };
	int nv = 0;

	d->n = 0;
	while (p < end) {
		if (*p <= 21) {
			int op = *p;
			if (op == 12) {
				if (p + 1 >= end)
					return 0;
				op = 0x0c00 | p[1];
			}
			if (d->n == (int)(sizeof d->e / sizeof d->e[0]))
				return 0;
			d->e[d->n++] = (struct dict_entry){ op,
			    (size_t)(ops - c->p), (size_t)(p - ops),
			    { v[0], v[1] }, nv };
			p += op > 0xff ? 2 : 1;
			ops = p;
			nv = 0;
			v[0] = v[1] = 0;
			continue;
		}
		long x;
		size_t l = operand(p, end, &x);
		if (l == 0)
			return 0;
		if (nv < 2)
			v[nv] = x;
		nv++;
		p += l;
	}
	return 1;
}

static const struct dict_entry *
dict_get(const struct dict *d, int op, int nv)
{
	for (int i = 0; i < d->n; i++)
		if (d->e[i].op == op && d->e[i].nv >= nv)
			return &d->e[i];
	return NULL;
}

static void
put32(struct buf *b, uint32_t v)
{
	unsigned char o[4] = { (unsigned char)(v >> 24),
	    (unsigned char)(v >> 16), (unsigned char)(v >> 8),
	    (unsigned char)v };

	buf_put(b, o, 4);
}

static void
put_int5(struct buf *b, long v)
{
	buf_put(b, "\x1d", 1);
	put32(b, (uint32_t)v);
}

static void
put_op(struct buf *b, int op)
{
	unsigned char o[2] = { (unsigned char)(op >> 8), (unsigned char)op };

	if (op > 0xff)
		buf_put(b, o, 2);
	else
		buf_put(b, o + 1, 1);
}

/* d with the operands of the operators ops[k] replaced by vals[k] as
 * 5-byte integers (OP_PRIVATE takes two: size, offset). The size never
 * depends on the values. */
static void
dict_write(struct buf *b, const struct cff *c, const struct dict *d,
    const int *ops, const long (*vals)[2], int nops)
{
	for (int i = 0; i < d->n; i++) {
		const struct dict_entry *e = &d->e[i];
		int k;

		for (k = 0; k < nops && ops[k] != e->op; k++)
			;
		if (k < nops) {
			if (e->op == OP_PRIVATE)
				put_int5(b, vals[k][0]);
			put_int5(b, vals[k][e->op == OP_PRIVATE]);
		} else {
			buf_put(b, c->p + e->off, e->len);
		}
		put_op(b, e->op);
	}
}

/* The INDEX header (count, offset size 4) and offsets for items of the
 * given lengths. */
static void
index_head(struct buf *b, unsigned count, const size_t *lens)
{
	unsigned char h[3] = { (unsigned char)(count >> 8),
	    (unsigned char)count, 4 };
	uint32_t o = 1;

	buf_put(b, h, 3);
	for (unsigned i = 0; i < count; i++) {
		put32(b, o);
		o += (uint32_t)lens[i];
	}
	put32(b, o);
}

static size_t
index_size(unsigned count, size_t data)
{
	return 3 + ((size_t)count + 1) * 4 + data;
}

/* Size of the charset (formats 0, 1, 2) at off for nglyphs glyphs; 0 when
 * malformed. */
static size_t
charset_len(const struct cff *c, size_t off, unsigned nglyphs)
{
	size_t p = off + 1;
	unsigned covered = 1;

	if (off >= c->n)
		return 0;
	switch (c->p[off]) {
	case 0:
		return 1 + 2 * ((size_t)nglyphs - 1);
	case 1:
	case 2:
		while (covered < nglyphs) {
			unsigned w = c->p[off] == 1 ? 1 : 2;
			if (p + 2 + w > c->n)
				return 0;
			covered += be(c->p + p + 2, w) + 1;
			p += 2 + w;
		}
		return p - off;
	}
	return 0;
}

/* Size of the FDSelect (formats 0, 3) at off; 0 when malformed. */
static size_t
fdselect_len(const struct cff *c, size_t off, unsigned nglyphs)
{
	if (off + 3 > c->n)
		return 0;
	if (c->p[off] == 0)
		return 1 + (size_t)nglyphs;
	if (c->p[off] == 3)
		return 1 + 2 + (size_t)be(c->p + off + 1, 2) * 3 + 2;
	return 0;
}

/* A font dict, and its Private DICT with Subrs as one block to copy. */
struct priv {
	struct dict fd;
	size_t lo, hi;              /* bytes [lo, hi) of the CFF table */
	size_t size;                /* the Private DICT's size */
	size_t at;                  /* its offset from lo */
	size_t fdlen;               /* the font dict's size as rewritten */
};

static int
priv_read(const struct cff *c, struct span fdspan, struct priv *pv)
{
	const struct dict_entry *e;
	struct dict pd;
	struct index subrs;
	size_t po;

	if (!dict_read(c, fdspan, &pv->fd) ||
	    (e = dict_get(&pv->fd, OP_PRIVATE, 2)) == NULL ||
	    e->v[0] < 0 || e->v[1] < 0)
		return 0;
	pv->size = (size_t)e->v[0];
	po = (size_t)e->v[1];
	if (po + pv->size > c->n ||
	    !dict_read(c, (struct span){ po, pv->size }, &pd))
		return 0;
	pv->lo = po;
	pv->hi = po + pv->size;
	e = dict_get(&pd, OP_SUBRS, 1);
	if (e != NULL) {
		/* Subrs after the dict, as every CFF writer puts them */
		if (e->v[0] < 0 ||
		    !index_read(c, po + (size_t)e->v[0], &subrs))
			return 0;
		if (subrs.end > pv->hi)
			pv->hi = subrs.end;
	}
	pv->at = 0;
	return 1;
}

static int
kept(const hb_set_t *keep, unsigned g)
{
	return g == 0 || hb_set_has(keep, g);
}

/* The font dicts (with their Private DICTs at privs_at), into out. */
static void
fdarray_write(struct buf *out, const struct cff *c, struct priv *pv,
    unsigned n, size_t privs_at)
{
	static const int pops[] = { OP_PRIVATE };
	struct buf dicts = { 0 };
	size_t *lens = calloc(n, sizeof *lens);
	size_t at = privs_at;

	for (unsigned i = 0; i < n; i++) {
		long pvals[1][2] = { { (long)pv[i].size,
		    (long)(at + pv[i].at) } };
		size_t before = dicts.len;

		dict_write(&dicts, c, &pv[i].fd, pops,
		    (const long (*)[2])pvals, 1);
		lens[i] = pv[i].fdlen = dicts.len - before;
		at += pv[i].hi - pv[i].lo;
	}
	index_head(out, n, lens);
	buf_put(out, dicts.data, dicts.len);
	buf_free(&dicts);
	free(lens);
}

static hb_blob_t *
cff_rebuild(const struct cff *c, const hb_set_t *keep)
{
	static const int ops[] = { OP_CHARSET, OP_FDSELECT, OP_CHARSTRINGS,
	    OP_FDARRAY };
	struct index names, tops, strings, gsubrs, cs, fda;
	struct dict top;
	struct span ts, s;
	const struct dict_entry *e_cs, *e_charset, *e_fds, *e_fda;
	size_t charset_n, fds_n, hdr, top_len, cs_data = 0, fda_dicts = 0;
	size_t *cs_lens = NULL;
	long vals[4][2] = { { 0, 0 } };
	struct priv *pv = NULL;
	struct buf out = { 0 }, tb = { 0 };
	hb_blob_t *blob = NULL;

	if (c->n < 4 || (hdr = c->p[2]) > c->n ||
	    !index_read(c, hdr, &names) ||
	    !index_read(c, names.end, &tops) || tops.count != 1 ||
	    !index_read(c, tops.end, &strings) ||
	    !index_read(c, strings.end, &gsubrs) ||
	    !index_item(c, &tops, 0, &ts) || !dict_read(c, ts, &top) ||
	    dict_get(&top, OP_ROS, 1) == NULL ||
	    (e_cs = dict_get(&top, OP_CHARSTRINGS, 1)) == NULL ||
	    (e_charset = dict_get(&top, OP_CHARSET, 1)) == NULL ||
	    (e_fds = dict_get(&top, OP_FDSELECT, 1)) == NULL ||
	    (e_fda = dict_get(&top, OP_FDARRAY, 1)) == NULL ||
	    e_cs->v[0] < 0 || e_charset->v[0] < 0 || e_fds->v[0] < 0 ||
	    e_fda->v[0] < 0 ||
	    !index_read(c, (size_t)e_cs->v[0], &cs) || cs.count == 0 ||
	    !index_read(c, (size_t)e_fda->v[0], &fda) || fda.count == 0)
		return NULL;
	charset_n = charset_len(c, (size_t)e_charset->v[0], cs.count);
	fds_n = fdselect_len(c, (size_t)e_fds->v[0], cs.count);
	if (charset_n == 0 || fds_n == 0 ||
	    (size_t)e_charset->v[0] + charset_n > c->n ||
	    (size_t)e_fds->v[0] + fds_n > c->n)
		return NULL;
	pv = calloc(fda.count, sizeof *pv);
	cs_lens = calloc(cs.count, sizeof *cs_lens);
	if (pv == NULL || cs_lens == NULL)
		goto out;
	for (unsigned i = 0; i < fda.count; i++)
		if (!index_item(c, &fda, i, &s) || !priv_read(c, s, &pv[i]))
			goto out;
	for (unsigned g = 0; g < cs.count; g++) {
		if (!index_item(c, &cs, g, &s))
			goto out;
		cs_lens[g] = kept(keep, g) ? s.len : 1;
		cs_data += cs_lens[g];
	}

	/* The layout: sizes do not depend on the offsets (5-byte operands). */
	dict_write(&tb, c, &top, ops, (const long (*)[2])vals, 4);
	top_len = tb.len;
	buf_truncate(&tb, 0);
	{
		static const int pops[] = { OP_PRIVATE };
		long pvals[1][2] = { { 0, 0 } };
		for (unsigned i = 0; i < fda.count; i++) {
			dict_write(&tb, c, &pv[i].fd, pops,
			    (const long (*)[2])pvals, 1);
			fda_dicts += tb.len;
			buf_truncate(&tb, 0);
		}
	}
	size_t at = names.end + index_size(1, top_len) +
	    (strings.end - strings.at) + (gsubrs.end - gsubrs.at);
	vals[0][0] = (long)at;
	at += charset_n;
	vals[1][0] = (long)at;
	at += fds_n;
	vals[2][0] = (long)at;
	at += index_size(cs.count, cs_data);
	vals[3][0] = (long)at;
	size_t privs_at = at + index_size(fda.count, fda_dicts);
	if (privs_at > 0x7fffffff)
		goto out;

	buf_put(&out, c->p, names.end);
	dict_write(&tb, c, &top, ops, (const long (*)[2])vals, 4);
	index_head(&out, 1, &top_len);
	buf_put(&out, tb.data, tb.len);
	buf_put(&out, c->p + strings.at, strings.end - strings.at);
	buf_put(&out, c->p + gsubrs.at, gsubrs.end - gsubrs.at);
	buf_put(&out, c->p + e_charset->v[0], charset_n);
	buf_put(&out, c->p + e_fds->v[0], fds_n);
	index_head(&out, cs.count, cs_lens);
	for (unsigned g = 0; g < cs.count; g++) {
		index_item(c, &cs, g, &s);
		if (kept(keep, g))
			buf_put(&out, c->p + s.off, s.len);
		else
			buf_put(&out, "\x0e", 1);   /* endchar */
	}
	fdarray_write(&out, c, pv, fda.count, privs_at);
	if (out.len != privs_at)
		goto out;
	for (unsigned i = 0; i < fda.count; i++)
		buf_put(&out, c->p + pv[i].lo, pv[i].hi - pv[i].lo);
	blob = hb_blob_create(out.data, (unsigned)out.len,
	    HB_MEMORY_MODE_READONLY, out.data, free);
	out.data = NULL;
out:
	free(cs_lens);
	free(pv);
	buf_free(&tb);
	buf_free(&out);
	return blob;
}

/* The tables FreeType needs to open a CFF face and Cairo's PDF embedding
 * reads; layout and vertical tables are left out. */
static const hb_tag_t carried[] = {
	HB_TAG('c', 'm', 'a', 'p'), HB_TAG('h', 'e', 'a', 'd'),
	HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'),
	HB_TAG('m', 'a', 'x', 'p'), HB_TAG('n', 'a', 'm', 'e'),
	HB_TAG('O', 'S', '/', '2'), HB_TAG('p', 'o', 's', 't'),
};

hb_blob_t *
cff_keep_glyphs(hb_face_t *face, const hb_set_t *keep)
{
	hb_blob_t *cffb = hb_face_reference_table(face,
	    HB_TAG('C', 'F', 'F', ' '));
	unsigned int len;
	const char *data = hb_blob_get_data(cffb, &len);
	struct cff c = { (const unsigned char *)data, len };
	hb_blob_t *cut, *font;
	hb_face_t *b;

	cut = len > 0 ? cff_rebuild(&c, keep) : NULL;
	hb_blob_destroy(cffb);
	if (cut == NULL)
		return NULL;
	b = hb_face_builder_create();
	hb_face_builder_add_table(b, HB_TAG('C', 'F', 'F', ' '), cut);
	hb_blob_destroy(cut);
	for (size_t i = 0; i < sizeof carried / sizeof carried[0]; i++) {
		hb_blob_t *t = hb_face_reference_table(face, carried[i]);
		if (hb_blob_get_length(t) > 0)
			hb_face_builder_add_table(b, carried[i], t);
		hb_blob_destroy(t);
	}
	font = hb_face_reference_blob(b);
	hb_face_destroy(b);
	if (hb_blob_get_length(font) == 0) {
		hb_blob_destroy(font);
		return NULL;
	}
	return font;
}
