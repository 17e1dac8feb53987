/*
 * test_build.c -- the incremental build's pieces: SHA-256 and the stat
 * cache (hash.h), the state file (build_state.h: round trip, corrupt,
 * truncated, other version), every dirty reason of build_isdirty(), the
 * worker pool, and build_run() on a copy of the shipped plans (no work
 * and no hashing on a second run, restat pruning, a broken plan keeps its
 * outputs); the kinds of input --explain names; the merged outputs (one
 * per plan and ledger month) with the monitoring data: a changed ledger or
 * data file rebuilds only what reads it, a bad ledger keeps the months it
 * feeds, a no-op build reads no data.
 */
#include "lt_test.h"

#include "buf.h"
#include "build.h"
#include "build_state.h"
#include "util.h"
#include "fsutil.h"
#include "hash.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <zlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char tmpdir[] = "/tmp/lt-build-XXXXXX";
static char oldcwd[4096];

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	ck_assert_ptr_nonnull(getcwd(oldcwd, sizeof oldcwd));
}

static void
teardown(void)
{
	ck_assert_int_eq(chdir(oldcwd), 0);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(tmpdir, "/tmp/lt-build-XXXXXX");
}

static const char *
tpath(const char *rel)
{
	static char p[4][300];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, rel);
	return p[k];
}

static void
put(const char *path, const char *s)
{
	ck_assert_int_eq(fs_write_atomic(path, s, strlen(s)), 0);
}

/* Set the mtime of path to `ago` seconds in the past. */
static void
age(const char *path, int ago)
{
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec -= ago;
	ts[1] = ts[0];
	ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
}

/* ---- hashing ------------------------------------------------------------ */

START_TEST(sha256_vectors)
{
	char hex[HASH_HEX_LEN + 1];
	hash_bytes("abc", 3, hex);
	ck_assert_str_eq(hex,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_bytes("", 0, hex);
	ck_assert_str_eq(hex,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	const char *p = tpath("f");
	put(p, "abc");
	char fhex[HASH_HEX_LEN + 1];
	struct file_id id;
	ck_assert_int_eq(hash_file(p, fhex, &id), 0);
	hash_bytes("abc", 3, hex);
	ck_assert_str_eq(fhex, hex);
	ck_assert_int_eq(id.size, 3);
	ck_assert_int_eq(hash_file(tpath("missing"), fhex, NULL), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(hash_file(tmpdir, fhex, NULL), -1);   /* a directory */
}
END_TEST

START_TEST(stat_cache)
{
	struct hash_cache *c = hash_cache_new();
	const char *p = tpath("plan.txt");
	char hex[HASH_HEX_LEN + 1], want[HASH_HEX_LEN + 1];
	put(p, "第一版\n");
	hash_bytes("第一版\n", strlen("第一版\n"), want);

	/* Just written: hashed every time (too recent to trust stat). */
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_str_eq(hex, want);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_uint_eq(hash_cache_reads(c), 2);
	ck_assert_int_eq(hash_cache_get(c, p)->trusted, 0);

	/* Old enough: hashed once, then served from stat data. */
	age(p, 100);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_uint_eq(hash_cache_reads(c), 3);
	ck_assert_int_eq(hash_cache_get(c, p)->trusted, 1);
	hash_cache_clear_dirty(c);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_str_eq(hex, want);
	ck_assert_uint_eq(hash_cache_reads(c), 3);
	ck_assert_int_eq(hash_cache_dirty(c), 0);

	/* Touched, same content: read again, same hash. */
	age(p, 50);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_uint_eq(hash_cache_reads(c), 4);
	ck_assert_str_eq(hex, want);
	ck_assert_int_eq(hash_cache_dirty(c), 1);   /* the stat data changed */

	/* New content (replaced: new inode). */
	put(p, "第二版\n");
	age(p, 40);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 1);
	ck_assert_str_ne(hex, want);

	/* Gone: 0, and the entry is dropped. */
	unlink(p);
	ck_assert_int_eq(hash_cache_file(c, p, hex), 0);
	ck_assert_ptr_null(hash_cache_get(c, p));
	hash_cache_free(c);
}
END_TEST

START_TEST(stat_cache_written_and_sorted)
{
	struct hash_cache *c = hash_cache_new();
	char hex[HASH_HEX_LEN + 1];
	put(tpath("b"), "b");
	put(tpath("a"), "a");
	hash_bytes("b", 1, hex);
	ck_assert_int_eq(hash_cache_written(c, tpath("b"), hex), 0);
	ck_assert_int_eq(hash_cache_get(c, tpath("b"))->trusted, 0);
	ck_assert_int_eq(hash_cache_file(c, tpath("a"), hex), 1);
	struct file_id id = { 1, 2, 3 };
	hash_cache_put(c, tpath("z-unused"), &id, hex, 1, 0);
	size_t n;
	const struct hash_entry *const *e = hash_cache_sorted(c, &n);
	ck_assert_uint_eq(n, 2);   /* the unused entry is not saved */
	ck_assert_str_eq(e[0]->path, tpath("a"));
	ck_assert_str_eq(e[1]->path, tpath("b"));
	hash_cache_clear_dirty(c);
	ck_assert_int_eq(hash_cache_dirty(c), 1);   /* because of z-unused */
	hash_cache_free(c);
}
END_TEST

/* ---- the state file ------------------------------------------------------ */

static const char *const H1 =
    "1111111111111111111111111111111111111111111111111111111111111111";
static const char *const H2 =
    "2222222222222222222222222222222222222222222222222222222222222222";
static const char *const H3 =
    "3333333333333333333333333333333333333333333333333333333333333333";

static struct build_state *
sample_state(void)
{
	struct build_state *st = build_state_new();
	struct file_id id = { 32042, INT64_C(1700000000123456789), 4242 };
	hash_cache_put(build_state_cache(st), "plans/boai-2023/plan.txt", &id,
	    H1, 1, 1);
	id.size = 0;
	hash_cache_put(build_state_cache(st), "plans/with space/plan.txt", &id,
	    H2, 0, 1);
	struct state_input in[2] = {
		{ "plans/boai-2023/plan.conf", "" },
		{ "plans/boai-2023/plan.txt", "" },
	};
	strcpy(in[0].hex, H2);
	strcpy(in[1].hex, H1);
	build_state_set_output(st, "output/xml/boai-2023.xml", H3, "0.1.0-abc",
	    in, 2);
	build_state_set_output(st, "output/json/index.json", H1, "0.1.0-abc",
	    in, 1);
	return st;
}

static void
read_all(const char *path, struct buf *b)
{
	ck_assert_int_eq(fs_read_file(path, b), 0);
}

START_TEST(state_round_trip)
{
	const char *path = tpath("out/.lantian/state");
	struct build_state *st = sample_state();
	ck_assert_int_eq(build_state_changed(st), 1);
	ck_assert_int_eq(build_state_save(st, path), 0);
	ck_assert_int_eq(build_state_changed(st), 0);
	build_state_free(st);

	st = build_state_new();
	char *why = NULL;
	ck_assert_int_eq(build_state_load(st, path, &why), STATE_LOADED);
	ck_assert_ptr_null(why);
	/* Stat entries not used this run would be dropped on saving. */
	ck_assert_int_eq(build_state_changed(st), 1);
	const struct state_output *o =
	    build_state_output(st, "output/xml/boai-2023.xml");
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(o->hex, H3);
	ck_assert_str_eq(o->generator, "0.1.0-abc");
	ck_assert_uint_eq(o->n_in, 2);
	ck_assert_str_eq(o->in[0].path, "plans/boai-2023/plan.conf");
	ck_assert_str_eq(o->in[0].hex, H2);
	ck_assert_str_eq(o->in[1].hex, H1);
	o = build_state_output(st, "output/json/index.json");
	ck_assert_uint_eq(o->n_in, 1);
	const struct hash_entry *e = hash_cache_get(build_state_cache(st),
	    "plans/boai-2023/plan.txt");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->id.size, 32042);
	ck_assert_int_eq(e->id.mtime_ns, INT64_C(1700000000123456789));
	ck_assert_uint_eq(e->id.ino, 4242);
	ck_assert_int_eq(e->trusted, 1);
	ck_assert_str_eq(e->hex, H1);
	e = hash_cache_get(build_state_cache(st), "plans/with space/plan.txt");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->trusted, 0);
	struct file_id same = e->id;
	hash_cache_put(build_state_cache(st), "plans/with space/plan.txt",
	    &same, H2, 0, 1);
	e = hash_cache_get(build_state_cache(st), "plans/boai-2023/plan.txt");
	same = e->id;
	hash_cache_put(build_state_cache(st), "plans/boai-2023/plan.txt",
	    &same, H1, 1, 1);
	ck_assert_int_eq(build_state_changed(st), 0);

	/* Re-recording the same thing is no change. */
	struct state_input in[2] = {
		{ "plans/boai-2023/plan.conf", "" },
		{ "plans/boai-2023/plan.txt", "" },
	};
	strcpy(in[0].hex, H2);
	strcpy(in[1].hex, H1);
	build_state_set_output(st, "output/xml/boai-2023.xml", H3, "0.1.0-abc",
	    in, 2);
	ck_assert_int_eq(build_state_changed(st), 0);
	build_state_set_output(st, "output/xml/boai-2023.xml", H3, "0.1.0-new",
	    in, 2);
	ck_assert_int_eq(build_state_changed(st), 1);
	build_state_free(st);
}
END_TEST

START_TEST(state_deterministic)
{
	const char *a = tpath("a"), *b = tpath("b");
	struct build_state *st = sample_state();
	ck_assert_int_eq(build_state_save(st, a), 0);
	build_state_free(st);
	/* Load and save again: byte-identical. */
	st = build_state_new();
	char *why;
	ck_assert_int_eq(build_state_load(st, a, &why), STATE_LOADED);
	/* Loaded stat entries are only saved when used: mark them. */
	size_t n;
	hash_cache_sorted(build_state_cache(st), &n);
	ck_assert_uint_eq(n, 0);
	struct file_id id = { 32042, INT64_C(1700000000123456789), 4242 };
	hash_cache_put(build_state_cache(st), "plans/boai-2023/plan.txt", &id,
	    H1, 1, 1);
	id.size = 0;
	hash_cache_put(build_state_cache(st), "plans/with space/plan.txt", &id,
	    H2, 0, 1);
	ck_assert_int_eq(build_state_save(st, b), 0);
	build_state_free(st);
	struct buf x = {0}, y = {0};
	read_all(a, &x);
	read_all(b, &y);
	ck_assert_uint_eq(x.len, y.len);
	ck_assert(memcmp(x.data, y.data, x.len) == 0);
	ck_assert(str_starts(x.data, "lantian-state 2\n"));
	buf_free(&x);
	buf_free(&y);
}
END_TEST

/* Load `bytes` as a state file: expect STATE_BAD, an empty state and a
 * reason containing needle. */
static void
expect_bad(const char *bytes, size_t len, const char *needle)
{
	const char *p = tpath("bad-state");
	ck_assert_int_eq(fs_write_atomic(p, bytes, len), 0);
	struct build_state *st = build_state_new();
	char *why = NULL;
	ck_assert_int_eq(build_state_load(st, p, &why), STATE_BAD);
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, needle), "'%s' lacks '%s'", why, needle);
	free(why);
	size_t n;
	build_state_outputs(st, &n);
	ck_assert_uint_eq(n, 0);
	hash_cache_sorted(build_state_cache(st), &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(hash_cache_get(build_state_cache(st),
	    "plans/boai-2023/plan.txt"));
	build_state_free(st);
}

/* Frame body lines as a state file of the given version. */
static char *
framed(int version, const char *body)
{
	struct buf b = {0};
	buf_printf(&b, "lantian-state %d\n%s", version, body);
	unsigned long crc = crc32(0L, (const unsigned char *)b.data,
	    (unsigned)b.len);
	buf_printf(&b, "end %08lx\n", crc & 0xffffffffUL);
	return buf_detach(&b);
}

START_TEST(state_corrupt)
{
	const char *path = tpath("state");
	struct build_state *st = sample_state();
	ck_assert_int_eq(build_state_save(st, path), 0);
	build_state_free(st);
	struct buf good = {0};
	read_all(path, &good);

	/* One flipped byte anywhere is caught by the checksum. */
	for (size_t i = 20; i + 70 < good.len; i += 37) {
		char *c = xstrndup(good.data, good.len);
		c[i] ^= 0x01;
		expect_bad(c, good.len, "");
		free(c);
	}
	expect_bad(good.data, good.len - 70, "truncated");
	expect_bad(good.data, good.len - 1, "truncated");
	expect_bad("", 0, "not a state file");
	expect_bad("\x7f" "ELF\x02\x01\x01\0\0\0", 10, "not a state file");
	/* Bytes after the end line. */
	char *more = xasprintf("%sstat x\n", good.data);
	expect_bad(more, strlen(more), "");
	free(more);

	/* Well-framed but a bad record. */
	char *f = framed(BUILD_STATE_VERSION, "stat 1 10 10 10 abc plans/x\n");
	expect_bad(f, strlen(f), "bad record");
	free(f);
	f = framed(BUILD_STATE_VERSION, "input 1111111111111111111111111111111111111111111111111111111111111111 p\n");
	expect_bad(f, strlen(f), "bad record");   /* input before any output */
	free(f);
	f = framed(BUILD_STATE_VERSION, "frobnicate\n");
	expect_bad(f, strlen(f), "bad record");
	free(f);
	buf_free(&good);
}
END_TEST

START_TEST(state_other_version)
{
	char *f = framed(0, "");
	expect_bad(f, strlen(f), "version");
	free(f);
	f = framed(BUILD_STATE_VERSION + 1, "whatever the future holds\n");
	expect_bad(f, strlen(f), "version");
	free(f);
	/* The current version, empty, is fine. */
	f = framed(BUILD_STATE_VERSION, "");
	const char *p = tpath("state");
	put(p, f);
	free(f);
	struct build_state *st = build_state_new();
	char *why;
	ck_assert_int_eq(build_state_load(st, p, &why), STATE_LOADED);
	build_state_free(st);
}
END_TEST

START_TEST(state_missing)
{
	struct build_state *st = build_state_new();
	char *why;
	ck_assert_int_eq(build_state_load(st, tpath("none"), &why),
	    STATE_MISSING);
	ck_assert_ptr_null(why);
	build_state_free(st);
}
END_TEST

/* ---- dirty reasons -------------------------------------------------------- */

START_TEST(dirty_reasons)
{
	struct state_input rin[2] = { { "plans/a/plan.conf", "" },
	    { "plans/a/plan.txt", "" } };
	strcpy(rin[0].hex, H1);
	strcpy(rin[1].hex, H2);
	struct state_output rec = { "output/xml/a.xml", "", "gen-1", rin, 2 };
	strcpy(rec.hex, H3);
	struct state_input cur[3];
	memcpy(cur, rin, sizeof rin);
	struct dirty_check c = { .have_state = 1, .rec = &rec,
	    .generator = "gen-1", .in = cur, .n_in = 2, .out_hex = H3 };
	const char *what;

	ck_assert_int_eq(build_isdirty(&c, &what), DIRTY_CLEAN);
	ck_assert_ptr_null(what);

	c.force = 1;
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_FORCED);
	c.force = 0;

	c.have_state = 0;
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_NO_STATE);
	c.have_state = 1;

	c.out_hex = NULL;
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_MISSING_OUTPUT);
	c.out_hex = H3;

	c.rec = NULL;
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_NO_RECORD);
	c.rec = &rec;

	c.generator = "gen-2";
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_GENERATOR);
	c.generator = "gen-1";

	strcpy(cur[1].hex, H3);
	ck_assert_int_eq(build_isdirty(&c, &what), DIRTY_INPUT_CHANGED);
	ck_assert_str_eq(what, "plans/a/plan.txt");
	strcpy(cur[1].hex, H2);

	cur[2].path = "plans/a/extra.txt";
	strcpy(cur[2].hex, H1);
	c.n_in = 3;
	ck_assert_int_eq(build_isdirty(&c, &what), DIRTY_INPUT_ADDED);
	ck_assert_str_eq(what, "plans/a/extra.txt");

	c.n_in = 1;
	ck_assert_int_eq(build_isdirty(&c, &what), DIRTY_INPUT_REMOVED);
	ck_assert_str_eq(what, "plans/a/plan.txt");
	c.n_in = 2;

	/* Same inputs listed in another order: still clean. */
	struct state_input swapped[2] = { rin[1], rin[0] };
	c.in = swapped;
	ck_assert_int_eq(build_isdirty(&c, NULL), DIRTY_CLEAN);
	c.in = cur;

	c.out_hex = H1;
	ck_assert_int_eq(build_isdirty(&c, &what), DIRTY_OUTPUT_CHANGED);
	ck_assert_ptr_null(what);

	/* Every reason has a message naming its English term. */
	static const char *const terms[] = { "up to date", "forced",
	    "no state", "missing output", "no record", "generator changed",
	    "input added", "input removed", "input changed",
	    "output changed outside lantian" };
	for (int r = DIRTY_CLEAN; r <= DIRTY_OUTPUT_CHANGED; r++) {
		char *t = build_reason_text(r, "plans/a/plan.txt");
		ck_assert_msg(strstr(t, terms[r]), "%s", t);
		if (r >= DIRTY_INPUT_ADDED && r <= DIRTY_INPUT_CHANGED)
			ck_assert(strstr(t, "plans/a/plan.txt"));
		free(t);
	}
}
END_TEST

/* ---- kinds of input, in --explain ------------------------------------------ */

START_TEST(input_kinds)
{
	static const struct { const char *path; enum input_kind k; } v[] = {
		{ "plans/a/plan.conf", INPUT_PLAN_CONF },
		{ "plans/a/plan.txt", INPUT_PLAN_TEXT },
		{ "plans/a/text/plan.md", INPUT_PLAN_TEXT },
		{ "plans/a/ledgers/2024-05.csv", INPUT_LEDGER },
		{ "plans/a/ledgers/2024-05.xlsx", INPUT_LEDGER },
		/* not a ledger name, or not in a plan's ledgers/ */
		{ "plans/a/ledgers/2024-13.csv", INPUT_DATA },
		{ "plans/a/b/ledgers/2024-05.csv", INPUT_DATA },
		{ "plans/stations.csv", INPUT_STATIONS },
		{ "templates/layouts/cnemc-realtime.layout", INPUT_LAYOUT },
		{ "plans/monitoring/nanyang/2024-simulated.csv.gz", INPUT_DATA },
		{ "plans/monitoring/x/PRSA_Data_Dongsi.csv", INPUT_DATA },
		{ "output/xml/a.xml", INPUT_OUTPUT },
		{ "output/air/nanyang/2024-05.xml", INPUT_AREA_OUTPUT },
		{ "elsewhere/file", INPUT_OTHER },
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		ck_assert_msg(build_input_kind(v[i].path) == v[i].k, "%s: %d",
		    v[i].path, build_input_kind(v[i].path));
	ck_assert_int_eq(build_input_kind(NULL), INPUT_OTHER);

	/* The reasons say which kind of input changed, was added or went. */
	static const struct {
		enum dirty_reason r;
		const char *path, *want;
	} t[] = {
		{ DIRTY_INPUT_CHANGED, "plans/a/ledgers/2024-05.csv",
		    "进展台账 plans/a/ledgers/2024-05.csv 已改变 (input changed: ledger)" },
		{ DIRTY_INPUT_ADDED, "plans/a/ledgers/2024-02.csv",
		    "新增进展台账 plans/a/ledgers/2024-02.csv (input added: ledger)" },
		{ DIRTY_INPUT_REMOVED, "plans/m/n/2023.csv.gz",
		    "监测数据 plans/m/n/2023.csv.gz 已不再使用或已删除 (input removed: monitoring data)" },
		{ DIRTY_INPUT_CHANGED, "plans/stations.csv",
		    "站点表 plans/stations.csv 已改变 (input changed: station table)" },
		{ DIRTY_INPUT_CHANGED, "templates/layouts/x.layout",
		    "数据格式 templates/layouts/x.layout 已改变 (input changed: layout)" },
		{ DIRTY_INPUT_CHANGED, "output/xml/a.xml",
		    "方案输出 output/xml/a.xml 已改变 (input changed: plan output)" },
		{ DIRTY_INPUT_REMOVED, "output/air/a/2024-05.xml",
		    "地区空气质量输出 output/air/a/2024-05.xml 已不再使用或已删除 "
		    "(input removed: area output)" },
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char *txt = build_reason_text(t[i].r, t[i].path);
		ck_assert_str_eq(txt, t[i].want);
		free(txt);
	}
}
END_TEST

/* ---- the worker pool ---------------------------------------------------- */

struct squares {
	long out[1000];
	int calls[1000];
};

static void
square_job(void *ctx, size_t i)
{
	struct squares *s = ctx;
	s->out[i] = (long)i * (long)i;
	s->calls[i]++;
}

START_TEST(pool_runs_each_job_once)
{
	static const int jobs[] = { 1, 2, 4, 16, 2000 };
	for (size_t j = 0; j < sizeof jobs / sizeof *jobs; j++) {
		struct squares *s = calloc(1, sizeof *s);
		build_parallel(1000, jobs[j], square_job, s);
		for (size_t i = 0; i < 1000; i++) {
			ck_assert_int_eq(s->calls[i], 1);
			ck_assert_int_eq(s->out[i], (long)i * (long)i);
		}
		free(s);
	}
	build_parallel(0, 4, square_job, NULL);   /* nothing to do */
}
END_TEST

/* ---- build_run on a copy of the shipped plans ------------------------- */

/*
 * Copy the shipped publication into tmpdir and go there. Without data the
 * station table, the monitoring folder and the plans' `stations` lines are
 * left out (the merged outputs then have no air quality: quick); with data
 * the layouts come too, but not the unused Beijing area (its data and its
 * rows of the station table) nor 2022.
 */
static void
copy_tree(int with_data)
{
	char cmd[10000], plans[4096];
	/* lt_path returns a static buffer. */
	snprintf(plans, sizeof plans, "%s", lt_path("plans"));
	snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/plans' && "
	    "mkdir -p '%s/templates' && cp -r '%s' '%s/templates/layouts' && "
	    "rm -rf '%s/plans/monitoring/beijing' '%s'/plans/monitoring/*/2022-* && "
	    "sed -i '/,monitoring\\/beijing$/d' '%s/plans/stations.csv' && "
	    "find '%s/plans' '%s/templates' -type f -exec touch -d '-1 hour' {} +",
	    plans, tmpdir, tmpdir, lt_path("templates/layouts"),
	    tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_int_eq(chdir(tmpdir), 0);
	if (!with_data)
		ck_assert_int_eq(system("rm -r plans/stations.csv plans/monitoring && "
		    "sed -i '/^stations/d' plans/*/plan.conf && "
		    "find plans -type f -exec touch -d '-1 hour' {} +"), 0);
}

static void
copy_plans(void)
{
	copy_tree(0);
}

static int
run(struct build_report *r, int force, int jobs)
{
	struct build_opts o = { .jobs = jobs, .force = force, .explain = 1,
	    .generator = "test-generator" };
	return build_run(&o, r);
}

static void
age_outputs(void)
{
	ck_assert_int_eq(system("find output -type f ! -name state "
	    "-exec touch -d '-1 hour' {} +"), 0);
}

static int64_t
mtime_ns(const char *path)
{
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	return (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

START_TEST(run_twice_no_work)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_uint_eq(r.plans, 5);
	ck_assert_uint_eq(r.rebuilt, 5);
	/* 5 x (XML, JSON, the accepted text) + registry 3 + 30 merged */
	ck_assert_uint_eq(r.written.n, 18 + 30);
	ck_assert_uint_eq(r.merged, 30);
	ck_assert_uint_eq(r.merged_rebuilt, 30);
	ck_assert_int_eq(r.registry, 1);
	ck_assert_int_eq(r.nothing_to_do, 0);
	ck_assert_uint_eq(diag_count(&r.dl, DIAG_ERROR), 0);
	build_report_free(&r);

	/* Outputs are too fresh to trust their stat data: hashed once more. */
	age_outputs();
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_int_eq(r.nothing_to_do, 1);
	ck_assert_uint_eq(r.written.n, 0);
	ck_assert_uint_eq(r.explain.n, 0);
	build_report_free(&r);

	/* Now nothing is read, hashed, parsed or written, not even state. */
	int64_t st_before = mtime_ns(BUILD_STATE_PATH);
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_int_eq(r.nothing_to_do, 1);
	ck_assert_uint_eq(r.hashed, 0);
	ck_assert_uint_eq(r.uptodate, 5);
	ck_assert_int_eq(mtime_ns(BUILD_STATE_PATH), st_before);
	build_report_free(&r);

	/* --force rebuilds all, but identical content is not rewritten. */
	int64_t xml_before = mtime_ns("output/xml/nanzhao-2024.xml");
	ck_assert_int_eq(run(&r, 1, 2), 0);
	ck_assert_uint_eq(r.rebuilt, 5);
	ck_assert_uint_eq(r.written.n, 0);
	ck_assert_uint_eq(r.unchanged, 18 + 30);
	ck_assert_int_eq(mtime_ns("output/xml/nanzhao-2024.xml"), xml_before);
	build_report_free(&r);
}
END_TEST

START_TEST(run_hand_edited_output)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 1), 0);
	build_report_free(&r);
	struct buf good = {0};
	read_all("output/json/xiaye-2023.json", &good);
	put("output/json/xiaye-2023.json", "{\"edited\": true}\n");
	unlink("output/xml/boai-2023.xml");
	ck_assert_int_eq(run(&r, 0, 1), 0);
	ck_assert_uint_eq(r.rebuilt, 2);
	ck_assert_uint_eq(r.explain.n, 2);
	ck_assert(strstr(r.explain.v[0], "output/xml/boai-2023.xml"));
	ck_assert(strstr(r.explain.v[0], "missing output"));
	ck_assert(strstr(r.explain.v[1], "output/json/xiaye-2023.json"));
	ck_assert(strstr(r.explain.v[1], "output changed outside lantian"));
	ck_assert_int_eq(r.registry, 0);   /* the rebuilt content is the same */
	build_report_free(&r);
	struct buf now = {0};
	read_all("output/json/xiaye-2023.json", &now);
	ck_assert_str_eq(now.data, good.data);
	buf_free(&good);
	buf_free(&now);
}
END_TEST

START_TEST(run_broken_plan_keeps_outputs)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 3), 0);
	build_report_free(&r);
	struct buf before = {0};
	read_all("output/xml/nanzhao-2024.xml", &before);
	int64_t m = mtime_ns("output/xml/nanzhao-2024.xml");
	/* Binary garbage in place of the plan text. */
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 7 % 256);
	ck_assert_int_eq(fs_write_atomic("plans/nanzhao-2024/plan.txt", junk,
	    sizeof junk), 0);
	/* And a conf with a bad line. */
	put("plans/xiaye-2023/plan.conf",
	    "source = plan.txt\nplace = 下冶镇\nlevel = 村\n");
	ck_assert_int_eq(run(&r, 0, 3), 1);
	ck_assert_uint_eq(r.failed, 2);
	ck_assert_int_eq(r.registry, -1);
	int named_text = 0, named_conf = 0;
	for (size_t i = 0; i < r.dl.n; i++) {
		const struct diag *d = &r.dl.v[i];
		if (d->level != DIAG_ERROR || !d->file)
			continue;
		named_text |= !strcmp(d->file, "plans/nanzhao-2024/plan.txt");
		named_conf |= !strcmp(d->file, "plans/xiaye-2023/plan.conf") &&
		    d->line == 3;
	}
	ck_assert(named_text);
	ck_assert(named_conf);
	build_report_free(&r);
	struct buf after = {0};
	read_all("output/xml/nanzhao-2024.xml", &after);
	ck_assert_str_eq(after.data, before.data);
	ck_assert_int_eq(mtime_ns("output/xml/nanzhao-2024.xml"), m);
	/* The outputs of a plan with a broken conf are not removed. */
	ck_assert_int_eq(access("output/xml/xiaye-2023.xml", F_OK), 0);
	buf_free(&before);
	buf_free(&after);
}
END_TEST

START_TEST(run_ids_checked)
{
	copy_plans();
	/* Two folders claiming one id; a reserved id. */
	put("plans/nanzhao-2024/plan.conf", "id = boai-2023\n"
	    "source = plan.txt\nplace = 南召县\nlevel = 县\n");
	put("plans/xiping-2025/plan.conf", "# x\nid = units\n"
	    "source = plan.txt\nplace = 西平县\nlevel = 县\n");
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 1);
	int dup = 0, reserved = 0;
	for (size_t i = 0; i < r.dl.n; i++) {
		const struct diag *d = &r.dl.v[i];
		dup |= d->file && !strcmp(d->file, "plans/nanzhao-2024/plan.conf") &&
		    d->line == 1 && strstr(d->msg, "duplicate id");
		reserved |= d->file && !strcmp(d->file, "plans/xiping-2025/plan.conf") &&
		    d->line == 2 && strstr(d->msg, "reserved id");
	}
	ck_assert(dup);
	ck_assert(reserved);
	ck_assert_uint_eq(r.failed, 2);
	build_report_free(&r);
	/* The registry was not written over a partial set of plans. */
	ck_assert_int_eq(access("output/xml/units.xml", F_OK), -1);
	ck_assert_int_eq(access("output/xml/boai-2023.xml", F_OK), 0);
}
END_TEST

START_TEST(run_removed_plan)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 0);
	build_report_free(&r);
	ck_assert_int_eq(system("rm -r plans/xiaye-2023"), 0);
	ck_assert_int_eq(run(&r, 0, 2), 0);
	/* XML, JSON, the accepted text; 6 merged months */
	ck_assert_uint_eq(r.removed.n, 3 + 6);
	ck_assert_int_eq(r.registry, 1);
	build_report_free(&r);
	ck_assert_int_eq(access("output/xml/xiaye-2023.xml", F_OK), -1);
	ck_assert_int_eq(access("output/json/xiaye-2023.json", F_OK), -1);
	ck_assert_int_eq(access("output/source/xiaye-2023.txt", F_OK), -1);
	/* Its merged folder went with its last output. */
	ck_assert_int_eq(access("output/merged/xiaye-2023", F_OK), -1);
}
END_TEST

START_TEST(run_corrupt_state)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 0);
	build_report_free(&r);
	put(BUILD_STATE_PATH, "lantian-state 2\ngarbage\n");
	ck_assert_int_eq(run(&r, 0, 2), 0);
	ck_assert_uint_eq(r.rebuilt, 5);
	ck_assert_uint_eq(r.written.n, 0);   /* same content: not rewritten */
	ck_assert_uint_ge(r.dl.n, 1);
	ck_assert_int_eq(r.dl.v[0].level, DIAG_NOTE);
	ck_assert_str_eq(r.dl.v[0].file, BUILD_STATE_PATH);
	build_report_free(&r);
	char *why;
	struct build_state *st = build_state_new();
	ck_assert_int_eq(build_state_load(st, BUILD_STATE_PATH, &why),
	    STATE_LOADED);
	build_state_free(st);
}
END_TEST

/* ---- merged outputs ------------------------------------------------------- */

/* How many explain lines name an output under prefix / mention text. */
static size_t
count_explain(const struct build_report *r, const char *prefix,
    const char *text)
{
	size_t n = 0;
	for (size_t i = 0; i < r->explain.n; i++)
		n += str_starts(r->explain.v[i], prefix) &&
		    (!text || strstr(r->explain.v[i], text));
	return n;
}

START_TEST(run_merged_incremental)
{
	copy_tree(1);
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_uint_eq(r.merged, 30);
	ck_assert_uint_eq(r.merged_rebuilt, 30);
	ck_assert_uint_eq(r.merged_failed, 0);
	ck_assert_uint_eq(r.ledgers, 30);
	ck_assert_uint_eq(r.areas_read, 3);     /* xiaye-2023 has no area */
	ck_assert_uint_eq(r.data_files, 9);
	/* Area outputs: 3 areas x (36 months + index); 36 rankings. */
	ck_assert_uint_eq(r.air, 111);
	ck_assert_uint_eq(r.air_rebuilt, 111);
	ck_assert_uint_eq(r.ranks, 36);
	ck_assert_uint_eq(r.ranks_rebuilt, 36);
	ck_assert_uint_eq(diag_count(&r.dl, DIAG_ERROR), 0);
	build_report_free(&r);
	age_outputs();
	ck_assert_int_eq(run(&r, 0, 4), 0);
	build_report_free(&r);

	/* Nothing changed: no data read, no file hashed. */
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_int_eq(r.nothing_to_do, 1);
	ck_assert_uint_eq(r.hashed, 0);
	ck_assert_uint_eq(r.areas_read, 0);
	ck_assert_uint_eq(r.merged_uptodate, 30);
	ck_assert_uint_eq(r.air_uptodate, 111);
	ck_assert_uint_eq(r.ranks_uptodate, 36);
	build_report_free(&r);

	/* A ledger rewritten with a blank line more: its month and the later
	 * ones are rebuilt (the history holds it), earlier ones and other
	 * plans not; the content is the same, so nothing is written. */
	ck_assert_int_eq(system("printf '\\n' >> "
	    "plans/nanyang-2024-2025/ledgers/2024-07.csv"), 0);
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_uint_eq(r.explain.n, 2);
	ck_assert_uint_eq(count_explain(&r,
	    "output/merged/nanyang-2024-2025/2024-07.xml",
	    "plans/nanyang-2024-2025/ledgers/2024-07.csv 已改变 "
	    "(input changed: ledger)"), 1);
	ck_assert_uint_eq(count_explain(&r,
	    "output/merged/nanyang-2024-2025/2024-08.xml", "ledger"), 1);
	ck_assert_uint_eq(r.merged_rebuilt, 2);
	ck_assert_uint_eq(r.written.n, 0);
	ck_assert_uint_eq(r.unchanged, 2);
	ck_assert_uint_eq(r.areas_read, 1);
	ck_assert_uint_eq(r.rebuilt, 0);        /* the plan's XML/JSON */
	build_report_free(&r);

	/* A data file of 驻马店市 changed (a PM2.5 value of May 2025): only
	 * xiping-2025 reads that area. */
	ck_assert_int_eq(system("f=plans/monitoring/zhumadian/2025-simulated.csv.gz; "
	    "gzip -dc $f | sed '/^2025-05-10T1[0-9]00,2420A,/s/^\\(\\([^,]*,\\)\\{10\\}\\)[0-9]*,/\\1400,/' "
	    "| gzip -n > $f.new && mv $f.new $f"), 0);
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_uint_eq(count_explain(&r, "output/merged/", NULL), 6);
	ck_assert_uint_eq(count_explain(&r, "output/merged/xiping-2025/",
	    "plans/monitoring/zhumadian/2025-simulated.csv.gz 已改变 "
	    "(input changed: monitoring data)"), 6);
	/* ... and the area's own outputs, each for the same reason. */
	ck_assert_uint_eq(count_explain(&r, "output/air/zhumadian/",
	    "plans/monitoring/zhumadian/2025-simulated.csv.gz 已改变 "
	    "(input changed: monitoring data)"), 37);
	ck_assert_uint_eq(count_explain(&r, "output/air/nanyang/", NULL), 0);
	ck_assert_uint_eq(count_explain(&r, "output/air/jiaozuo/", NULL), 0);
	/* Rankings: only the months whose 驻马店市 document changed. */
	size_t nrk = count_explain(&r, "output/air/ranking/",
	    "(input changed: area output)");
	ck_assert_uint_ge(nrk, 1);
	ck_assert_uint_lt(nrk, 36);
	ck_assert_uint_eq(count_explain(&r, "output/air/ranking/2025-05.xml",
	    "output/air/zhumadian/2025-05.xml 已改变"), 1);
	ck_assert_uint_eq(r.explain.n, 6 + 37 + nrk);
	ck_assert_uint_eq(r.ranks_rebuilt, nrk);
	ck_assert_uint_eq(r.areas_read, 1);     /* once, for both */
	ck_assert_uint_eq(r.data_files, 3);
	int may = 0, area_may = 0;
	for (size_t i = 0; i < r.written.n; i++) {
		const char *w = r.written.v[i];
		ck_assert(str_starts(w, "output/merged/xiping-2025/") ||
		    str_starts(w, "output/air/zhumadian/") ||
		    str_starts(w, "output/air/ranking/"));
		may |= !strcmp(w, "output/merged/xiping-2025/2025-05.xml");
		area_may |= !strcmp(w, "output/air/zhumadian/2025-05.xml");
	}
	ck_assert(may && area_may);
	build_report_free(&r);

	/* The station table is an input of the plans with an area and of
	 * every area's outputs; the documents do not change, so neither do
	 * the rankings (restat pruning). */
	ck_assert_int_eq(system("printf '\\n' >> plans/stations.csv"), 0);
	ck_assert_int_eq(run(&r, 0, 4), 0);
	ck_assert_uint_eq(r.explain.n, 24 + 111);
	ck_assert_uint_eq(count_explain(&r, "output/merged/",
	    "站点表 plans/stations.csv 已改变"), 24);
	ck_assert_uint_eq(count_explain(&r, "output/air/",
	    "站点表 plans/stations.csv 已改变"), 111);
	ck_assert_uint_eq(count_explain(&r, "output/merged/xiaye-2023/", NULL), 0);
	ck_assert_uint_eq(count_explain(&r, "output/air/ranking/", NULL), 0);
	ck_assert_uint_eq(r.areas_read, 3);
	ck_assert_uint_eq(r.written.n, 0);
	build_report_free(&r);
}
END_TEST

/* Output folder names of areas come from the table's `dir`: the last
 * component, the whole dir when two areas share it, an error when no
 * safe name can be made; never from the area's name. */
START_TEST(run_area_slugs)
{
	copy_tree(1);
	/* 测试市 reads a copy of 南阳市's 2025 file with the station codes
	 * renamed, from other/nanyang (the same last component as
	 * monitoring/nanyang); 坏市 a folder whose name is not ASCII. */
	ck_assert_int_eq(system("mkdir -p plans/other/nanyang plans/monitoring/坏 && "
	    "gzip -dc plans/monitoring/nanyang/2025-simulated.csv.gz | "
	    "sed 's/,240\\([4-7]\\)A,/,990\\1A,/; s/,4008A,/,9908A,/' | gzip -n "
	    "> plans/other/nanyang/2025-simulated.csv.gz && "
	    "for c in 9904A 9905A 9906A 9907A 9908A; do "
	    "printf '%s,测试站%s,测试市,no,1,1,simulated,cnemc-realtime,other/nanyang\\n' "
	    "$c $c >> plans/stations.csv; done && "
	    "printf '9910A,坏站,坏市,no,1,1,simulated,cnemc-realtime,monitoring/坏\\n' "
	    ">> plans/stations.csv"), 0);
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 1);
	int named = 0;
	for (size_t i = 0; i < r.dl.n; i++) {
		const struct diag *d = &r.dl.v[i];
		if (d->level != DIAG_ERROR)
			continue;
		/* Only the unusable folder name is an error, at its line
		 * (header, 16 Henan rows, 5 of 测试市). */
		ck_assert_ptr_nonnull(d->file);
		ck_assert_str_eq(d->file, "plans/stations.csv");
		ck_assert_uint_eq(d->line, 23);
		ck_assert_ptr_nonnull(strstr(d->msg, "坏市"));
		named = 1;
	}
	ck_assert(named);
	build_report_free(&r);
	struct stat st;
	ck_assert_int_eq(stat("output/air/monitoring-nanyang/index.xml", &st), 0);
	ck_assert_int_eq(stat("output/air/other-nanyang/2025-05.xml", &st), 0);
	ck_assert_int_eq(stat("output/air/nanyang", &st), -1);
	ck_assert_int_eq(stat("output/air/jiaozuo/2024-05.xml", &st), 0);
	/* No ranking while an area failed. */
	ck_assert_int_eq(stat("output/air/ranking", &st), -1);
	/* Without the bad row: built, and the rankings have four areas. */
	ck_assert_int_eq(system("sed -i '$d' plans/stations.csv"), 0);
	ck_assert_int_eq(run(&r, 0, 2), 0);
	build_report_free(&r);
	struct buf rk = {0};
	read_all("output/air/ranking/2025-05.xml", &rk);
	ck_assert_ptr_nonnull(strstr(rk.data, "areas=\"4\""));
	ck_assert_ptr_nonnull(strstr(rk.data, "slug=\"other-nanyang\""));
	/* Same data, same figures: 南阳市 and 测试市 are 并列 everywhere. */
	ck_assert_ptr_nonnull(strstr(rk.data, "并列第"));
	ck_assert_ptr_null(strstr(rk.data, "2022"));
	buf_free(&rk);
}
END_TEST

START_TEST(run_merged_bad_ledger)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 0);
	build_report_free(&r);
	int64_t sep = mtime_ns("output/merged/xiaye-2023/2023-09.xml");
	int64_t aug = mtime_ns("output/merged/xiaye-2023/2023-08.xml");
	/* An unknown task (ASCII: valid in any of the ledger encodings). */
	ck_assert_int_eq(system("printf '99,999,task,unit-x,done,50%%,text,"
	    "2023-09-20,note\\n' >> plans/xiaye-2023/ledgers/2023-09.csv"), 0);
	/* And an earlier month changed: held back with the rest, since the
	 * plan is published as a whole or not at all. */
	ck_assert_int_eq(system("printf '\\n' >> "
	    "plans/xiaye-2023/ledgers/2023-08.csv"), 0);
	ck_assert_int_eq(run(&r, 0, 2), 1);
	ck_assert_uint_eq(r.failed, 1);          /* the plan is held back */
	ck_assert_uint_eq(r.merged_failed, 5);   /* 2023-08 .. 2023-12 */
	ck_assert_uint_eq(r.merged_rebuilt, 0);
	ck_assert_uint_eq(r.held.n, 1);
	ck_assert_ptr_nonnull(strstr(r.held.v[0], "方案 xiaye-2023 未发布新内容："
	    "plans/xiaye-2023/ledgers/2023-09.csv:"));
	int named = 0;
	for (size_t i = 0; i < r.dl.n; i++) {
		const struct diag *d = &r.dl.v[i];
		named |= d->level == DIAG_ERROR && d->file &&
		    !strcmp(d->file, "plans/xiaye-2023/ledgers/2023-09.csv") &&
		    d->line > 1;
	}
	ck_assert(named);
	ck_assert_int_eq(r.nothing_to_do, 0);
	build_report_free(&r);
	ck_assert_int_eq(mtime_ns("output/merged/xiaye-2023/2023-09.xml"), sep);
	ck_assert_int_eq(mtime_ns("output/merged/xiaye-2023/2023-08.xml"), aug);
	/* Still failing next time: the held months were not recorded. */
	ck_assert_int_eq(run(&r, 0, 2), 1);
	ck_assert_uint_eq(r.merged_failed, 5);
	ck_assert_uint_eq(r.held.n, 1);
	build_report_free(&r);
	/* build_check lists it too. */
	struct build_opts o = { .jobs = 2, .generator = "test-generator" };
	ck_assert_int_eq(build_check(&o, &r), 1);
	ck_assert_uint_eq(r.ledgers, 30);
	build_report_free(&r);
}
END_TEST

START_TEST(run_bad_commentary_holds_plan)
{
	copy_plans();
	struct build_report r;
	ck_assert_int_eq(run(&r, 0, 2), 0);
	build_report_free(&r);
	int64_t xml = mtime_ns("output/xml/xiaye-2023.xml");
	int64_t sep = mtime_ns("output/merged/xiaye-2023/2023-09.xml");
	/* A changed plan text (its XML would change) and a commentary that
	 * is not UTF-8 (line 2, column 1): the plan is held back whole. */
	ck_assert_int_eq(system("sed -i 's/引进培育一批绿色工厂/"
	    "引进培育一批绿色工厂和车间/' plans/xiaye-2023/plan.txt"), 0);
	ck_assert_int_eq(system("mkdir -p plans/xiaye-2023/commentary && "
	    "printf '# 存在问题\\n\\377\\n' > "
	    "plans/xiaye-2023/commentary/2023-09.md"), 0);
	ck_assert_int_eq(run(&r, 0, 2), 1);
	ck_assert_uint_eq(r.failed, 1);
	ck_assert_uint_eq(r.held.n, 1);
	ck_assert_ptr_nonnull(strstr(r.held.v[0], "方案 xiaye-2023 未发布新内容："
	    "plans/xiaye-2023/commentary/2023-09.md:2: "));
	ck_assert_int_eq(r.registry, -1);
	build_report_free(&r);
	ck_assert_int_eq(mtime_ns("output/xml/xiaye-2023.xml"), xml);
	ck_assert_int_eq(mtime_ns("output/merged/xiaye-2023/2023-09.xml"), sep);
	/* Fixed: the plan is rebuilt in full. */
	put("plans/xiaye-2023/commentary/2023-09.md", "# 存在问题\n\n无。\n");
	ck_assert_int_eq(run(&r, 0, 2), 0);
	ck_assert_uint_eq(r.held.n, 0);
	ck_assert_uint_eq(r.rebuilt, 1);
	ck_assert_int_eq(r.registry, 1);
	build_report_free(&r);
	ck_assert_int_ne(mtime_ns("output/xml/xiaye-2023.xml"), xml);
}
END_TEST

START_TEST(run_check_data)
{
	copy_tree(1);
	struct build_opts o = { .jobs = 3, .generator = "test-generator" };
	struct build_report r;
	ck_assert_int_eq(build_check(&o, &r), 0);
	ck_assert_uint_eq(r.areas_read, 3);
	ck_assert_uint_eq(r.data_files, 9);
	ck_assert_uint_gt(r.data_bytes, 30000000);
	ck_assert_uint_gt(diag_count(&r.dl, DIAG_WARNING), 0); /* outages */
	for (size_t i = 0; i < r.dl.n; i++)   /* data are not plans */
		ck_assert(!r.dl.v[i].file ||
		    strcmp(r.dl.v[i].file, "plans/monitoring"));
	build_report_free(&r);
	/* A layout with an error: named with its line. */
	put("templates/layouts/cnemc-realtime.layout", "layout = x\nbogus = 1\n");
	ck_assert_int_eq(build_check(&o, &r), 1);
	int named = 0;
	for (size_t i = 0; i < r.dl.n; i++)
		named |= r.dl.v[i].level == DIAG_ERROR && r.dl.v[i].file &&
		    !strcmp(r.dl.v[i].file, "templates/layouts/cnemc-realtime.layout") &&
		    r.dl.v[i].line == 2;
	ck_assert(named);
	build_report_free(&r);
}
END_TEST

static Suite *
build_suite(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("hash");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, sha256_vectors);
	tcase_add_test(tc, stat_cache);
	tcase_add_test(tc, stat_cache_written_and_sorted);
	suite_add_tcase(s, tc);

	tc = tcase_create("state");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, state_round_trip);
	tcase_add_test(tc, state_deterministic);
	tcase_add_test(tc, state_corrupt);
	tcase_add_test(tc, state_other_version);
	tcase_add_test(tc, state_missing);
	suite_add_tcase(s, tc);

	tc = tcase_create("graph");
	tcase_add_test(tc, dirty_reasons);
	tcase_add_test(tc, input_kinds);
	tcase_add_test(tc, pool_runs_each_job_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("run");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, run_twice_no_work);
	tcase_add_test(tc, run_hand_edited_output);
	tcase_add_test(tc, run_broken_plan_keeps_outputs);
	tcase_add_test(tc, run_ids_checked);
	tcase_add_test(tc, run_removed_plan);
	tcase_add_test(tc, run_corrupt_state);
	tcase_add_test(tc, run_merged_incremental);
	tcase_add_test(tc, run_area_slugs);
	tcase_add_test(tc, run_merged_bad_ledger);
	tcase_add_test(tc, run_bad_commentary_holds_plan);
	tcase_add_test(tc, run_check_data);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(build_suite)
