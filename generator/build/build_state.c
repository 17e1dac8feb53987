/*
 * build_state.c -- reading and writing output/.lantian/state.
 *
 * The state file is UTF-8 text, one record per line, fields separated by a
 * single space; a path is always the last field, so it may hold spaces (it
 * never holds a newline or other control character). Hashes are SHA-256 in
 * 64 lower-case hex digits. Version 2 (version 1 ended in a SHA-256):
 *
 *   lantian-state 2
 *   stat TRUSTED SIZE MTIME_NS INODE HASH PATH
 *   ...
 *   output HASH GENERATOR PATH
 *   input HASH PATH
 *   ...
 *   end CRC
 *
 * - The first line names the format and its version. Any other version is
 *   not read (the build then rebuilds everything and writes version 1).
 * - "stat" lines are the stat cache: the file at PATH had SIZE bytes,
 *   mtime MTIME_NS (nanoseconds since the epoch) and inode INODE when its
 *   content hashed to HASH. TRUSTED is 0 when the file was modified too
 *   close to the moment it was hashed for the stat data to be relied on;
 *   such a file is hashed again next time.
 * - An "output" line records that the file at PATH was last written by
 *   generator GENERATOR (LANTIAN_GENERATOR_ID, no spaces) with content
 *   hashing to HASH. The "input" lines that follow it, in the order the
 *   build lists them, are the inputs it was built from and their hashes.
 * - The last line, "end CRC", holds the CRC-32 (zlib's, 8 hex digits) of
 *   every byte before it: it catches truncation and corruption, and costs
 *   a millisecond where a SHA-256 of a province's state took ten.
 *   A file without it, with a wrong hash, with bytes after it, or with
 *   any line not of these forms, is corrupt: the build notes it and
 *   rebuilds everything. It is never trusted in part.
 *
 * Records are written sorted by path, so the same state gives the same
 * bytes. The file is replaced atomically (fsutil.h): a killed build leaves
 * the previous state, and outputs written since then are found to differ
 * from their records and are checked again.
 */
#include "build_state.h"
#include "buf.h"
#include "fsutil.h"
#include "util.h"

#include <errno.h>
#include <glib.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define MAGIC "lantian-state"
#define STATE_CRC_LEN 8

/* The CRC-32 of data as 8 lower-case hex digits. zlib's crc32() takes a
 * uInt length: long files go in pieces. */
static void
state_crc(const char *data, size_t len, char out[STATE_CRC_LEN + 1])
{
	uLong crc = crc32(0L, Z_NULL, 0);
	while (len > 0) {
		uInt n = len > (1u << 30) ? (1u << 30) : (uInt)len;
		crc = crc32(crc, (const Bytef *)data, n);
		data += n;
		len -= n;
	}
	snprintf(out, STATE_CRC_LEN + 1, "%08lx", (unsigned long)crc & 0xffffffffUL);
}

struct build_state {
	struct hash_cache *cache;
	GHashTable *outs;                   /* path -> struct state_output * */
	const struct state_output **sorted;
	size_t n_sorted, cap_sorted;
	int sorted_ok;               /* sorted matches outs */
	int changed;
};

static void
output_free(void *p)
{
	struct state_output *o = p;
	if (!o)
		return;
	free(o->path);
	free(o->generator);
	for (size_t i = 0; i < o->n_in; i++)
		free(o->in[i].path);
	free(o->in);
	free(o);
}

struct build_state *
build_state_new(void)
{
	struct build_state *st = xcalloc(1, sizeof *st);
	st->cache = hash_cache_new();
	st->outs = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    output_free);
	return st;
}

void
build_state_free(struct build_state *st)
{
	if (!st)
		return;
	hash_cache_free(st->cache);
	g_hash_table_destroy(st->outs);
	free(st->sorted);
	free(st);
}

struct hash_cache *
build_state_cache(struct build_state *st)
{
	return st->cache;
}

/* ---- reading ----------------------------------------------------------- */

static int
is_hex(const char *s, size_t n)
{
	if (n != HASH_HEX_LEN)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Split off the next space-terminated field of *s; NULL if none. */
static char *
field(char **s)
{
	char *p = *s, *sp = strchr(p, ' ');
	if (!sp || sp == p)
		return NULL;
	*sp = '\0';
	*s = sp + 1;
	return p;
}

static int
parse_i64(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || end == s || *end || (*s != '-' && (*s < '0' || *s > '9')))
		return 0;
	*out = v;
	return 1;
}

static int
valid_path(const char *p)
{
	if (!*p)
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static int
parse_stat(struct build_state *st, char *rest)
{
	char *trusted = field(&rest), *size = field(&rest),
	    *mtime = field(&rest), *ino = field(&rest), *hex = field(&rest);
	int64_t sz, mt, in;
	if (!hex || !is_hex(hex, strlen(hex)) || !valid_path(rest) ||
	    (strcmp(trusted, "0") && strcmp(trusted, "1")) ||
	    !parse_i64(size, &sz) || !parse_i64(mtime, &mt) ||
	    !parse_i64(ino, &in) || sz < 0)
		return 0;
	struct file_id id = { sz, mt, (uint64_t)in };
	hash_cache_put(st->cache, rest, &id, hex, trusted[0] == '1', 0);
	return 1;
}

static struct state_output *
parse_output(struct build_state *st, char *rest)
{
	char *hex = field(&rest), *gen = field(&rest);
	if (!gen || !is_hex(hex, strlen(hex)) || !valid_path(rest) ||
	    g_hash_table_contains(st->outs, rest))
		return NULL;
	struct state_output *o = xcalloc(1, sizeof *o);
	o->path = xstrdup(rest);
	memcpy(o->hex, hex, HASH_HEX_LEN + 1);
	o->generator = xstrdup(gen);
	g_hash_table_insert(st->outs, o->path, o);
	return o;
}

static int
parse_input(struct state_output *o, char *rest, size_t *cap)
{
	char *hex = field(&rest);
	if (!o || !hex || !is_hex(hex, strlen(hex)) || !valid_path(rest))
		return 0;
	o->in = xgrow(o->in, cap, o->n_in + 1, sizeof *o->in);
	o->in[o->n_in].path = xstrdup(rest);
	memcpy(o->in[o->n_in].hex, hex, HASH_HEX_LEN + 1);
	o->n_in++;
	return 1;
}

/* Check the header and the final "end CRC" line; on success *body_end
 * is where the records stop. Returns NULL or the problem. */
static const char *
check_frame(char *data, size_t len, char **body_end)
{
	const char head[] = MAGIC " ";
	if (len < sizeof head || memcmp(data, head, sizeof head - 1) != 0)
		return "不是 lantian 状态文件 (not a state file)";
	char *nl = memchr(data, '\n', len);
	if (!nl)
		return "文件被截断 (truncated)";
	char version[32];
	snprintf(version, sizeof version, "%s %d", MAGIC, BUILD_STATE_VERSION);
	if ((size_t)(nl - data) != strlen(version) ||
	    memcmp(data, version, strlen(version)) != 0)
		return "版本不同 (another format version)";
	/* "end " + 8 hex digits + "\n" closes the file. */
	size_t tail = 4 + STATE_CRC_LEN + 1;
	if (len < tail + (size_t)(nl + 1 - data) || data[len - 1] != '\n' ||
	    memcmp(data + len - tail, "end ", 4) != 0 ||
	    (len > tail && data[len - tail - 1] != '\n'))
		return "文件被截断 (truncated)";
	char want[STATE_CRC_LEN + 1];
	state_crc(data, len - tail, want);
	if (memcmp(want, data + len - tail + 4, STATE_CRC_LEN) != 0)
		return "校验和不符 (checksum mismatch)";
	*body_end = data + len - tail;
	return NULL;
}

static const char *
parse_body(struct build_state *st, char *p, char *end)
{
	struct state_output *cur = NULL;
	size_t cap = 0;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return "记录不完整 (incomplete record)";
		*nl = '\0';
		int ok;
		if (str_starts(p, "stat "))
			ok = parse_stat(st, p + 5), cur = NULL;
		else if (str_starts(p, "output ")) {
			cur = parse_output(st, p + 7);
			cap = 0;
			ok = cur != NULL;
		} else if (str_starts(p, "input "))
			ok = parse_input(cur, p + 6, &cap);
		else
			ok = 0;
		if (!ok)
			return "无法识别的记录 (bad record)";
		p = nl + 1;
	}
	return NULL;
}

static void
state_clear(struct build_state *st)
{
	hash_cache_free(st->cache);
	st->cache = hash_cache_new();
	g_hash_table_remove_all(st->outs);
	st->sorted_ok = 0;
}

enum state_load
build_state_parse(struct build_state *st, const char *data, size_t len,
    char **why)
{
	*why = NULL;
	struct buf b = {0};
	buf_put(&b, data, len);
	buf_puts(&b, "");   /* NUL-terminated, as fs_read_file leaves it */
	char *body_end = NULL;
	const char *bad = check_frame(b.data, b.len, &body_end);
	if (!bad)
		bad = parse_body(st, strchr(b.data, '\n') + 1, body_end);
	if (bad) {
		state_clear(st);
		*why = xstrdup(bad);
	}
	hash_cache_clear_dirty(st->cache);
	st->changed = 0;
	buf_free(&b);
	return bad ? STATE_BAD : STATE_LOADED;
}

enum state_load
build_state_load(struct build_state *st, const char *path, char **why)
{
	*why = NULL;
	struct buf b = {0};
	if (fs_read_file(path, &b) != 0) {
		int e = errno;
		buf_free(&b);
		if (e == ENOENT)
			return STATE_MISSING;
		*why = xasprintf("无法读取 (cannot read): %s", strerror(e));
		return STATE_BAD;
	}
	enum state_load r = build_state_parse(st, b.data ? b.data : "", b.len,
	    why);
	buf_free(&b);
	return r;
}

/* ---- writing ----------------------------------------------------------- */

static int
output_cmp(const void *a, const void *b)
{
	const struct state_output *const *x = a, *const *y = b;
	return strcmp((*x)->path, (*y)->path);
}

const struct state_output *const *
build_state_outputs(struct build_state *st, size_t *n)
{
	GHashTableIter it;
	gpointer k, v;
	/* Callers ask often (every area asks for its recorded months);
	 * the records change rarely. */
	if (st->sorted_ok) {
		*n = st->n_sorted;
		return st->sorted;
	}
	st->n_sorted = 0;
	g_hash_table_iter_init(&it, st->outs);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		st->sorted = xgrow(st->sorted, &st->cap_sorted, st->n_sorted + 1,
		    sizeof *st->sorted);
		st->sorted[st->n_sorted++] = v;
	}
	if (st->n_sorted)
		qsort(st->sorted, st->n_sorted, sizeof *st->sorted, output_cmp);
	st->sorted_ok = 1;
	*n = st->n_sorted;
	return st->sorted;
}

static void
write_records(struct build_state *st, struct buf *b)
{
	size_t n;
	const struct hash_entry *const *e = hash_cache_sorted(st->cache, &n);
	for (size_t i = 0; i < n; i++)
		if (valid_path(e[i]->path))
			buf_printf(b, "stat %d %" PRId64 " %" PRId64 " %" PRIu64
			    " %s %s\n", e[i]->trusted ? 1 : 0, e[i]->id.size,
			    e[i]->id.mtime_ns, e[i]->id.ino, e[i]->hex,
			    e[i]->path);
	const struct state_output *const *o = build_state_outputs(st, &n);
	for (size_t i = 0; i < n; i++) {
		buf_printf(b, "output %s %s %s\n", o[i]->hex, o[i]->generator,
		    o[i]->path);
		for (size_t j = 0; j < o[i]->n_in; j++)
			buf_printf(b, "input %s %s\n", o[i]->in[j].hex,
			    o[i]->in[j].path);
	}
}

int
build_state_save(struct build_state *st, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash) {
		char *dir = xstrndup(path, (size_t)(slash - path));
		int rc = fs_mkdir_p(dir);
		free(dir);
		if (rc != 0)
			return -1;
	}
	struct buf b = {0};
	buf_printf(&b, "%s %d\n", MAGIC, BUILD_STATE_VERSION);
	write_records(st, &b);
	char crc[STATE_CRC_LEN + 1];
	state_crc(b.data, b.len, crc);
	buf_printf(&b, "end %s\n", crc);
	/* Durable: after a power loss the state is the one last saved, not
	 * an empty or an older file (which would cost a full rebuild). An
	 * output it records that the loss took is found by its hash. */
	int rc = fs_write_durable(path, b.data, b.len);
	int e = errno;
	buf_free(&b);
	if (rc == 0) {
		hash_cache_clear_dirty(st->cache);
		st->changed = 0;
	}
	errno = e;
	return rc;
}

/* ---- records ----------------------------------------------------------- */

const struct state_output *
build_state_output(const struct build_state *st, const char *path)
{
	return g_hash_table_lookup(st->outs, path);
}

static int
same_record(const struct state_output *o, const char *hex,
    const char *generator, const struct state_input *in, size_t n_in)
{
	if (strcmp(o->hex, hex) || strcmp(o->generator, generator) ||
	    o->n_in != n_in)
		return 0;
	for (size_t i = 0; i < n_in; i++)
		if (strcmp(o->in[i].path, in[i].path) ||
		    strcmp(o->in[i].hex, in[i].hex))
			return 0;
	return 1;
}

void
build_state_set_output(struct build_state *st, const char *path,
    const char *hex, const char *generator, const struct state_input *in,
    size_t n_in)
{
	const struct state_output *old = g_hash_table_lookup(st->outs, path);
	if (old && same_record(old, hex, generator, in, n_in))
		return;
	struct state_output *o = xcalloc(1, sizeof *o);
	o->path = xstrdup(path);
	memcpy(o->hex, hex, HASH_HEX_LEN + 1);
	/* A space would split the field on reading. */
	o->generator = xstrdup(generator);
	for (char *s = o->generator; *s; s++)
		if ((unsigned char)*s <= ' ' || *s == 0x7f)
			*s = '_';
	o->in = xcalloc(n_in, sizeof *o->in);
	for (size_t i = 0; i < n_in; i++) {
		o->in[i].path = xstrdup(in[i].path);
		memcpy(o->in[i].hex, in[i].hex, HASH_HEX_LEN + 1);
	}
	o->n_in = n_in;
	g_hash_table_replace(st->outs, o->path, o);
	st->changed = 1;
	st->sorted_ok = 0;
}

void
build_state_remove_output(struct build_state *st, const char *path)
{
	if (g_hash_table_remove(st->outs, path)) {
		st->changed = 1;
		st->sorted_ok = 0;
	}
}

int
build_state_changed(const struct build_state *st)
{
	return st->changed || hash_cache_dirty(st->cache);
}
