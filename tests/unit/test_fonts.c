/*
 * test_fonts.c -- the pinned fonts (fonts.c, fonts/fonts.conf,
 * fonts/fonts.lock): only the locked faces are visible through the
 * configuration, whatever the environment says; each role gets its
 * GB/T 9704 face; every character of the five shipped plans is covered
 * by the role faces plus the fallback (the characters that need the
 * fallback are reported); a missing, resized or altered font file, a
 * malformed lock and an unlocked face are refused with a clear error.
 */
#include <glob.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "cjk.h"
#include "fonts.h"
#include "fsutil.h"
#include "hash.h"
#include "lt_test.h"
#include "util.h"

#define SERIF_R "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
#define SERIF_B "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
#define SANS_R  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define UKAI    "/usr/share/fonts/truetype/arphic/ukai.ttc"
#define FANDOL  "/usr/share/fonts/opentype/fandol/"
#define FANG    FANDOL "FandolFang-Regular.otf"
#define SONG_R  FANDOL "FandolSong-Regular.otf"
#define SONG_B  FANDOL "FandolSong-Bold.otf"
#define HEI     FANDOL "FandolHei-Regular.otf"
#define KAI     FANDOL "FandolKai-Regular.otf"

static char tmpdir[] = "/tmp/test_fonts.XXXXXX";

static void
setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	/* Environment that would redirect a default fontconfig: the module
	 * must not care. */
	setenv("FONTCONFIG_FILE", "/nonexistent/fonts.conf", 1);
	setenv("FONTCONFIG_PATH", "/nonexistent", 1);
	setenv("FONTCONFIG_SYSROOT", "/nonexistent", 1);
}

static void
teardown(void)
{
	char *cmd = xasprintf("rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
	free(cmd);
	strcpy(tmpdir, "/tmp/test_fonts.XXXXXX");
}

static struct fonts *
open_repo_fonts(struct diag_list *dl)
{
	char *cache = xasprintf("%s/cache", tmpdir);
	struct fonts *f = fonts_open(lt_path("fonts"), cache, NULL, dl);
	free(cache);
	if (!f)
		diag_print(dl, stderr);
	return f;
}

static int
diag_mentions(const struct diag_list *dl, const char *a, const char *b)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == DIAG_ERROR && strstr(dl->v[i].msg, a) &&
		    (!b || strstr(dl->v[i].msg, b)))
			return 1;
	return 0;
}

START_TEST(only_pinned_faces)
{
	struct diag_list dl = {0};
	struct fonts *f = open_repo_fonts(&dl);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(dl.n, 0);
	static const struct { const char *file; int index; const char *family; } want[] = {
		{ FANG,    0, "FandolFang" },
		{ SONG_R,  0, "FandolSong" },
		{ SONG_B,  0, "FandolSong" },
		{ HEI,     0, "FandolHei" },
		{ KAI,     0, "FandolKai" },
		{ SERIF_B, 2, "Noto Serif CJK SC" },
		{ SERIF_R, 2, "Noto Serif CJK SC" },
		{ SANS_R,  2, "Noto Sans CJK SC" },
		{ UKAI,    0, "AR PL UKai CN" },
	};
	size_t nwant = sizeof want / sizeof want[0];
	ck_assert_uint_eq(fonts_count(f), nwant);
	for (size_t i = 0; i < fonts_count(f); i++) {
		const struct font_face *face = fonts_face(f, i);
		ck_assert_ptr_null(strstr(face->family, "DejaVu"));
		size_t j;
		for (j = 0; j < nwant; j++)
			if (!strcmp(want[j].file, face->file) &&
			    want[j].index == face->index &&
			    !strcmp(want[j].family, face->family))
				break;
		ck_assert_msg(j < nwant, "unexpected face %s:%d %s",
		    face->file, face->index, face->family);
	}
	/* The cache went where we said, not to the system cache. */
	char *cache = xasprintf("%s/cache", tmpdir);
	ck_assert_int_eq(access(cache, F_OK), 0);
	free(cache);
	fonts_close(f);
	diag_free(&dl);
}
END_TEST

START_TEST(roles_get_their_faces)
{
	struct diag_list dl = {0};
	struct fonts *f = open_repo_fonts(&dl);
	ck_assert_ptr_nonnull(f);
	static const struct { enum font_role r; const char *file; const char *family; } want[] = {
		{ FONT_TITLE,    SONG_B, "FandolSong" },
		{ FONT_BODY,     FANG,   "FandolFang" },
		{ FONT_HEADING1, HEI,    "FandolHei" },
		{ FONT_HEADING2, KAI,    "FandolKai" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		struct font_face face;
		ck_assert(fonts_face_for(f, want[i].r, 0x56FD /* 国 */, &face));
		ck_assert_str_eq(face.file, want[i].file);
		ck_assert_str_eq(face.family, want[i].family);
		ck_assert_int_eq(face.fallback, 0);
		ck_assert_ptr_nonnull(fonts_role_family(want[i].r));
	}
	/* A code point no pinned face has (a private-use one). */
	struct font_face face;
	ck_assert(!fonts_face_for(f, FONT_BODY, 0xF8FF, &face));
	fonts_close(f);
	diag_free(&dl);
}
END_TEST

/* Distinct printable code points of the five plans, plus what the
 * bulletin itself sets (page numbers, units, symbols), ascending. */
static size_t
plan_code_points(uint32_t **out)
{
	static unsigned char seen[0x110000 / 8];
	memset(seen, 0, sizeof seen);
	glob_t g;
	char *pat = xasprintf("%s/plans/*/plan.txt", lt_srcdir());
	ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
	free(pat);
	ck_assert_uint_eq(g.gl_pathc, 5);
	struct buf all = {0};
	for (size_t i = 0; i < g.gl_pathc; i++)
		ck_assert_int_eq(fs_read_file(g.gl_pathv[i], &all), 0);
	globfree(&g);
	buf_puts(&all, "— 1 — µg/m³ PM2.5 ％ ① · 《》“”（）【】 同比 通报 垱");
	size_t n = 0;
	*out = xmalloc(0x110000 * sizeof **out / 16);
	for (size_t i = 0; i < all.len;) {
		size_t len;
		uint32_t cp = utf8_decode(all.data + i, all.len - i, &len);
		i += len;
		if (cp <= 0x20 || cp == 0x7F || cp == 0xFEFF || (seen[cp / 8] & (1u << (cp % 8))))
			continue;
		seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
	}
	buf_free(&all);
	for (uint32_t cp = 0; cp < 0x110000; cp++)
		if (seen[cp / 8] & (1u << (cp % 8)))
			(*out)[n++] = cp;
	return n;
}

START_TEST(plans_fully_covered)
{
	struct diag_list dl = {0};
	struct fonts *f = open_repo_fonts(&dl);
	ck_assert_ptr_nonnull(f);
	uint32_t *cps;
	size_t n = plan_code_points(&cps);
	ck_assert_uint_gt(n, 1000);
	int saw_dang = 0;
	for (int r = 0; r < FONT_NROLES; r++) {
		struct buf missing = {0}, fb = {0};
		size_t nfb = 0, nmissing = 0;
		for (size_t i = 0; i < n; i++) {
			struct font_face face;
			if (!fonts_face_for(f, (enum font_role)r, cps[i], &face)) {
				utf8_put(&missing, cps[i]);
				nmissing++;
				continue;
			}
			/* Fandol lacks 垱 (lantian-air(7), 工作通报): the body
			 * falls back to the complete Song face. */
			if (cps[i] == 0x57B1 /* 垱 */ && r == FONT_BODY) {
				saw_dang = 1;
				ck_assert_str_eq(face.family, "Noto Serif CJK SC");
				ck_assert_int_eq(face.fallback, 1);
			}
			if (face.fallback) {
				buf_printf(&fb, " U+%04X", (unsigned)cps[i]);
				utf8_put(&fb, cps[i]);
				buf_printf(&fb, "→%s", face.family);
				nfb++;
			}
		}
		printf("test_fonts: %s (%s): %zu characters, %zu by fallback%s%s\n",
		    fonts_role_label((enum font_role)r),
		    fonts_role_family((enum font_role)r), n, nfb,
		    nfb ? ":" : "", nfb ? fb.data : "");
		ck_assert_msg(nmissing == 0, "%s: %zu characters not covered: %s",
		    fonts_role_label((enum font_role)r), nmissing, missing.data);
		buf_free(&missing);
		buf_free(&fb);
	}
	ck_assert(saw_dang);
	free(cps);
	fonts_close(f);
	diag_free(&dl);
}
END_TEST

/* Write tmpdir/name with content s; returns the path (caller frees). */
static char *
put(const char *name, const char *s)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	ck_assert_int_eq(fs_write_atomic(p, s, strlen(s)), 0);
	return p;
}

/* The repository's lock with edit applied to the line holding `path`:
 * field 3 (size) or 4 (sha256) replaced by val, or the path itself. */
static char *
edited_lock(const char *path, int field, const char *val)
{
	struct buf in = {0}, out = {0};
	ck_assert_int_eq(fs_read_file(lt_path("fonts/fonts.lock"), &in), 0);
	for (char *line = strtok(in.data, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] != '#' && str_starts(line, path)) {
			char *f[5], *p = line;
			for (int i = 0; i < 5; i++) {
				f[i] = p;
				p = strchr(p, '\t');
				if (p)
					*p++ = '\0';
			}
			f[field] = (char *)val;
			buf_printf(&out, "%s\t%s\t%s\t%s\t%s\n", f[0], f[1], f[2], f[3], f[4]);
		} else {
			buf_printf(&out, "%s\n", line);
		}
	}
	buf_free(&in);
	return buf_detach(&out);
}

/* Copy the repository's fonts.conf and the given lock text into tmpdir;
 * open it and return the result (NULL expected). */
static struct fonts *
open_with_lock(const char *lock, struct diag_list *dl)
{
	struct buf conf = {0};
	ck_assert_int_eq(fs_read_file(lt_path("fonts/fonts.conf"), &conf), 0);
	free(put("fonts.conf", conf.data));
	buf_free(&conf);
	free(put("fonts.lock", lock));
	char *cache = xasprintf("%s/cache", tmpdir);
	struct fonts *f = fonts_open(tmpdir, cache, NULL, dl);
	free(cache);
	return f;
}

START_TEST(wrong_checksum_detected)
{
	char *lock = edited_lock(UKAI, 4,
	    "0000000000000000000000000000000000000000000000000000000000000000");
	struct diag_list dl = {0};
	struct fonts *f = open_with_lock(lock, &dl);
	ck_assert_ptr_null(f);
	ck_assert(diag_mentions(&dl, UKAI, "SHA-256"));
	ck_assert(diag_mentions(&dl, "与锁定的不同", NULL));
	/* The error names the lock line. */
	ck_assert_uint_gt(dl.v[0].line, 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	diag_free(&dl);
	free(lock);
}
END_TEST

START_TEST(wrong_size_detected)
{
	char *lock = edited_lock(SANS_R, 3, "12345");
	struct diag_list dl = {0};
	ck_assert_ptr_null(open_with_lock(lock, &dl));
	ck_assert(diag_mentions(&dl, SANS_R, "12345"));
	diag_free(&dl);
	free(lock);
}
END_TEST

START_TEST(missing_file_detected)
{
	char *lock = edited_lock(SERIF_B, 0, "/nonexistent/NotoSerifCJK-Bold.ttc");
	struct diag_list dl = {0};
	ck_assert_ptr_null(open_with_lock(lock, &dl));
	ck_assert(diag_mentions(&dl, "/nonexistent/NotoSerifCJK-Bold.ttc", "不存在"));
	ck_assert(diag_mentions(&dl, "fonts-noto-cjk", NULL));
	diag_free(&dl);
	free(lock);
}
END_TEST

START_TEST(malformed_lock_refused)
{
	struct diag_list dl = {0};
	ck_assert_ptr_null(open_with_lock("# comment\n/a/b.ttf\tpkg\t1\n", &dl));
	ck_assert_str_eq(dl.v[0].file + strlen(dl.v[0].file) - 10, "fonts.lock");
	ck_assert_uint_eq(dl.v[0].line, 2);
	diag_free(&dl);
	ck_assert_ptr_null(open_with_lock("# nothing\n", &dl));
	ck_assert(diag_mentions(&dl, "没有任何字体", NULL));
	diag_free(&dl);
}
END_TEST

/* A configuration that reaches a face outside the lock is refused:
 * the whole of /usr/share/fonts holds at least Noto Sans CJK Bold, which
 * fonts-noto-cjk installs and the lock does not list. */
START_TEST(unlocked_face_refused)
{
	struct buf lock = {0};
	ck_assert_int_eq(fs_read_file(lt_path("fonts/fonts.lock"), &lock), 0);
	free(put("fonts.lock", lock.data));
	buf_free(&lock);
	free(put("fonts.conf", "<?xml version=\"1.0\"?>\n<fontconfig>"
	    "<dir>/usr/share/fonts</dir></fontconfig>\n"));
	struct diag_list dl = {0};
	char *cache = xasprintf("%s/cache", tmpdir);
	ck_assert_ptr_null(fonts_open(tmpdir, cache, NULL, &dl));
	free(cache);
	ck_assert(diag_mentions(&dl, "未锁定", "NotoSansCJK-Bold.ttc"));
	diag_free(&dl);
}
END_TEST

/* A bureau's own licensed face (fonts/README.md, "A bureau's own
 * faces"): its file in a folder of its own, named in fonts.conf (dir,
 * acceptfont, first in the role's prefer) and pinned in fonts.lock like
 * the others. DejaVu Serif stands in for 仿宋_GB2312 here: the body's
 * Latin letters come from it, its missing Chinese from FandolFang, and
 * the same file with other bytes is refused. */
#define STAND_IN "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"

static char *
local_conf(const char *dir)
{
	struct buf conf = {0}, out = {0};
	ck_assert_int_eq(fs_read_file(lt_path("fonts/fonts.conf"), &conf), 0);
	char *c = conf.data;
	char *at = strstr(c, "  <dir>");
	ck_assert_ptr_nonnull(at);
	buf_put(&out, c, (size_t)(at - c));
	buf_printf(&out, "  <dir>%s</dir>\n", dir);
	c = at;
	at = strstr(c, "    <acceptfont>\n");
	ck_assert_ptr_nonnull(at);
	at += strlen("    <acceptfont>\n");
	buf_put(&out, c, (size_t)(at - c));
	buf_printf(&out, "      <glob>%s/*.ttf</glob>\n"
	    "      <pattern><patelt name=\"family\"><string>DejaVu Serif</string>"
	    "</patelt></pattern>\n", dir);
	c = at;
	const char *body = "<family>lantian_body</family>\n    <prefer>\n";
	at = strstr(c, body);
	ck_assert_ptr_nonnull(at);
	at += strlen(body);
	buf_put(&out, c, (size_t)(at - c));
	buf_puts(&out, "      <family>DejaVu Serif</family>\n");
	buf_puts(&out, at);
	buf_free(&conf);
	return buf_detach(&out);
}

START_TEST(local_licensed_face)
{
	ck_assert_msg(access(STAND_IN, R_OK) == 0, "%s missing (Debian's "
	    "fonts-dejavu-core, in TEST_DEB_PKGS)", STAND_IN);
	char *dir = xasprintf("%s/local", tmpdir);
	ck_assert_int_eq(fs_mkdir_p(dir), 0);
	struct buf ttf = {0};
	ck_assert_int_eq(fs_read_file(STAND_IN, &ttf), 0);
	char *copy = xasprintf("%s/bureau-fangsong.ttf", dir);
	ck_assert_int_eq(fs_write_atomic(copy, ttf.data, ttf.len), 0);
	char hex[HASH_HEX_LEN + 1];
	hash_bytes(ttf.data, ttf.len, hex);
	char *conf = local_conf(dir);
	free(put("fonts.conf", conf));
	struct buf lock = {0};
	ck_assert_int_eq(fs_read_file(lt_path("fonts/fonts.lock"), &lock), 0);
	buf_printf(&lock, "%s\tlocal\t-\t%zu\t%s\n", copy, ttf.len, hex);
	free(put("fonts.lock", lock.data));
	char *cache = xasprintf("%s/cache", tmpdir);
	struct diag_list dl = {0};
	struct fonts *f = fonts_open(tmpdir, cache, NULL, &dl);
	ck_assert_ptr_nonnull(f);
	struct font_face face;
	ck_assert(fonts_face_for(f, FONT_BODY, 'A', &face));
	ck_assert_str_eq(face.file, copy);
	ck_assert_int_eq(face.fallback, 0);
	ck_assert(fonts_face_for(f, FONT_BODY, 0x56FD /* 国 */, &face));
	ck_assert_str_eq(face.family, "FandolFang");
	ck_assert_int_eq(face.fallback, 1);
	fonts_close(f);
	/* Other bytes under the locked name: refused, the file named. */
	ttf.data[ttf.len / 2] ^= 0x55;
	ck_assert_int_eq(fs_write_atomic(copy, ttf.data, ttf.len), 0);
	ck_assert_ptr_null(fonts_open(tmpdir, cache, NULL, &dl));
	ck_assert(diag_mentions(&dl, copy, "SHA-256"));
	diag_free(&dl);
	free(cache);
	buf_free(&lock);
	free(conf);
	free(copy);
	buf_free(&ttf);
	free(dir);
}
END_TEST

static Suite *
fonts_suite(void)
{
	Suite *s = suite_create("fonts");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, only_pinned_faces);
	tcase_add_test(tc, roles_get_their_faces);
	tcase_add_test(tc, plans_fully_covered);
	tcase_add_test(tc, wrong_checksum_detected);
	tcase_add_test(tc, wrong_size_detected);
	tcase_add_test(tc, missing_file_detected);
	tcase_add_test(tc, malformed_lock_refused);
	tcase_add_test(tc, unlocked_face_refused);
	tcase_add_test(tc, local_licensed_face);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(fonts_suite)
