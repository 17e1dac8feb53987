/*
 * fonts.c -- pinned fonts: fonts.lock parsing and verification, and the
 * private fontconfig configuration built from fonts.conf alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>

#include "buf.h"
#include "fonts.h"
#include "fsutil.h"
#include "hash.h"
#include "userfile.h"
#include "util.h"

struct fonts {
	FcConfig *config;
	struct font_face *faces;  /* sorted by file, index */
	size_t nfaces;
	FcFontSet *order[FONT_NROLES]; /* each role's fallback order */
};

static const struct {
	const char *family;
	const char *label;
} roles[FONT_NROLES] = {
	[FONT_TITLE]    = { "lantian_title",    "小标宋（标题）" },
	[FONT_BODY]     = { "lantian_body",     "仿宋（正文）" },
	[FONT_HEADING1] = { "lantian_heading1", "黑体（一级标题）" },
	[FONT_HEADING2] = { "lantian_heading2", "楷体（二级标题）" },
};

const char *
fonts_role_family(enum font_role r)
{
	return r < FONT_NROLES ? roles[r].family : NULL;
}

const char *
fonts_role_label(enum font_role r)
{
	return r < FONT_NROLES ? roles[r].label : NULL;
}

/* ---- fonts.lock ---------------------------------------------------- */

/* Split line at tabs into at most max fields; returns the count. */
static size_t
split_tabs(char *line, char **field, size_t max)
{
	size_t n = 0;
	char *p = line;
	while (n < max) {
		field[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

static int
is_hex64(const char *s)
{
	size_t i;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return i == HASH_HEX_LEN;
}

/* Parse one non-comment line; returns 1 when it was a valid entry. */
static int
lock_parse_line(char *line, size_t lineno, const char *path,
    struct font_lock *lk, struct diag_list *dl)
{
	char *f[6];
	size_t n = split_tabs(line, f, 6);
	if (n != 5) {
		diag_add(dl, DIAG_ERROR, path, lineno, 0,
		    "字体锁定文件格式错误：应有 5 个以制表符分隔的字段"
		    "（路径、软件包、版本、字节数、SHA-256），实有 %zu 个", n);
		return 0;
	}
	char *end;
	errno = 0;
	long long size = strtoll(f[3], &end, 10);
	if (f[0][0] != '/' || !*f[1] || !*f[2] || errno || *end || size < 0 ||
	    end == f[3] || !is_hex64(f[4])) {
		diag_add(dl, DIAG_ERROR, path, lineno, 0,
		    "字体锁定文件格式错误：路径须为绝对路径，字节数须为整数，"
		    "SHA-256 须为 64 位小写十六进制");
		return 0;
	}
	lk->v = xgrow(lk->v, &lk->cap, lk->n + 1, sizeof *lk->v);
	struct font_lock_entry *e = &lk->v[lk->n++];
	e->path = xstrdup(f[0]);
	e->package = xstrdup(f[1]);
	e->version = xstrdup(f[2]);
	e->size = size;
	memcpy(e->sha256, f[4], HASH_HEX_LEN + 1);
	e->line = lineno;
	return 1;
}

int
font_lock_parse(const char *path, const char *data, size_t len,
    struct font_lock *lk, struct diag_list *dl)
{
	struct buf b = {0};
	buf_put(&b, data, len);
	buf_puts(&b, "");
	int ok = 1;
	size_t lineno = 0, found = 0;
	char *save = NULL;
	/* strtok_r would skip empty lines and lose their numbers. */
	for (char *line = b.data; line && *line; line = save) {
		char *nl = strchr(line, '\n');
		save = nl ? nl + 1 : NULL;
		if (nl)
			*nl = '\0';
		lineno++;
		if (*line == '#' || *line == '\0')
			continue;
		if (lock_parse_line(line, lineno, path, lk, dl))
			found++;
		else
			ok = 0;
	}
	buf_free(&b);
	if (ok && found == 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "字体锁定文件中没有任何字体");
		ok = 0;
	}
	return ok;
}

int
font_lock_load(const char *path, struct font_lock *lk, struct diag_list *dl)
{
	struct buf b = {0};
	if (!userfile_read(path, USERFILE_TREE, 0, &b, dl)) {
		buf_free(&b);
		return 0;
	}
	int ok = font_lock_parse(path, b.data ? b.data : "", b.len, lk, dl);
	buf_free(&b);
	return ok;
}

void
font_lock_free(struct font_lock *lk)
{
	for (size_t i = 0; i < lk->n; i++) {
		free(lk->v[i].path);
		free(lk->v[i].package);
		free(lk->v[i].version);
	}
	free(lk->v);
	memset(lk, 0, sizeof *lk);
}

/* Check one entry; records an error and returns 0 when it does not match. */
static int
lock_verify_one(const struct font_lock_entry *e, const char *lockpath,
    struct hash_cache *hc, struct diag_list *dl)
{
	struct stat st;
	if (stat(e->path, &st) != 0) {
		diag_add(dl, DIAG_ERROR, lockpath, e->line, 0,
		    "字体文件 %s 不存在（%s）：请安装 Debian 软件包 %s（版本 %s）",
		    e->path, strerror(errno), e->package, e->version);
		return 0;
	}
	/* The size check is free and catches most substitutions before the
	 * file is read. */
	if ((int64_t)st.st_size != e->size) {
		diag_add(dl, DIAG_ERROR, lockpath, e->line, 0,
		    "字体文件 %s 与锁定的不同：大小 %lld 字节，锁定为 %lld 字节"
		    "（应来自 %s %s）",
		    e->path, (long long)st.st_size, (long long)e->size,
		    e->package, e->version);
		return 0;
	}
	char hex[HASH_HEX_LEN + 1];
	int r = hc ? hash_cache_file(hc, e->path, hex) :
	    (hash_file(e->path, hex, NULL) == 0 ? 1 : -1);
	if (r != 1) {
		diag_add(dl, DIAG_ERROR, lockpath, e->line, 0,
		    "无法读取字体文件 %s：%s", e->path, strerror(errno));
		return 0;
	}
	if (strcmp(hex, e->sha256) != 0) {
		diag_add(dl, DIAG_ERROR, lockpath, e->line, 0,
		    "字体文件 %s 与锁定的不同：SHA-256 为 %s，锁定为 %s"
		    "（应来自 %s %s）",
		    e->path, hex, e->sha256, e->package, e->version);
		return 0;
	}
	return 1;
}

int
font_lock_verify(const struct font_lock *lk, const char *lockpath,
    struct hash_cache *hc, struct diag_list *dl)
{
	int ok = 1;
	for (size_t i = 0; i < lk->n; i++)
		if (!lock_verify_one(&lk->v[i], lockpath, hc, dl))
			ok = 0;
	return ok;
}

static const struct font_lock_entry *
lock_find(const struct font_lock *lk, const char *path)
{
	for (size_t i = 0; i < lk->n; i++)
		if (strcmp(lk->v[i].path, path) == 0)
			return &lk->v[i];
	return NULL;
}

/* ---- remembered verification ----------------------------------------- */

/*
 * A command that runs without the build's hash cache (lantian bulletin,
 * lantian site) would hash 90 MB of font files on every start. The cache
 * directory keeps what the last verification saw instead: one line
 * "<sha256> <size> <mtime_ns> <inode> <path>" per file, and a file whose
 * stat data still match is not read again (as the build's stat cache).
 */
#define VERIFIED_NAME "lantian-verified"

static void
verified_load(const char *cachedir, struct hash_cache *hc)
{
	char *path = xasprintf("%s/" VERIFIED_NAME, cachedir);
	FILE *fp = fopen(path, "r");
	free(path);
	if (!fp)
		return;
	char line[4200];
	while (fgets(line, sizeof line, fp)) {
		char hex[HASH_HEX_LEN + 1];
		struct file_id id;
		long long size, mt;
		unsigned long long ino;
		int off = 0;
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, "%64s %lld %lld %llu %n", hex, &size, &mt, &ino,
		    &off) != 4 || off == 0 || strlen(hex) != HASH_HEX_LEN)
			continue;
		id.size = size;
		id.mtime_ns = mt;
		id.ino = ino;
		hash_cache_put(hc, line + off, &id, hex, 1, 0);
	}
	fclose(fp);
}

static void
verified_save(const char *cachedir, const struct font_lock *lk,
    const struct hash_cache *hc)
{
	struct buf b = {0};
	for (size_t i = 0; i < lk->n; i++) {
		const struct hash_entry *e = hash_cache_get(hc, lk->v[i].path);
		if (e && e->trusted)
			buf_printf(&b, "%s %lld %lld %llu %s\n", e->hex,
			    (long long)e->id.size, (long long)e->id.mtime_ns,
			    (unsigned long long)e->id.ino, e->path);
	}
	char *path = xasprintf("%s/" VERIFIED_NAME, cachedir);
	if (fs_mkdir_p(cachedir) == 0)
		(void)fs_write_atomic(path, b.data ? b.data : "", b.len);
	free(path);
	buf_free(&b);
}

static int
verify_remembered(const struct font_lock *lk, const char *lockpath,
    const char *cachedir, struct diag_list *dl)
{
	struct hash_cache *hc = hash_cache_new();
	verified_load(cachedir, hc);
	int ok = font_lock_verify(lk, lockpath, hc, dl);
	if (ok && hash_cache_dirty(hc))
		verified_save(cachedir, lk, hc);
	hash_cache_free(hc);
	return ok;
}

/* ---- the fontconfig configuration ---------------------------------- */

/* Add <cachedir> for dir (created if missing) to config. */
static int
config_add_cachedir(FcConfig *config, const char *dir, struct diag_list *dl)
{
	if (fs_mkdir_p(dir) != 0) {
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "无法创建字体缓存目录：%s",
		    strerror(errno));
		return 0;
	}
	struct buf x = {0};
	buf_puts(&x, "<?xml version=\"1.0\"?><fontconfig><cachedir>");
	for (const char *p = dir; *p; p++) {
		switch (*p) {
		case '&': buf_puts(&x, "&amp;"); break;
		case '<': buf_puts(&x, "&lt;"); break;
		case '>': buf_puts(&x, "&gt;"); break;
		default: buf_putc(&x, *p);
		}
	}
	buf_puts(&x, "</cachedir></fontconfig>");
	int ok = FcConfigParseAndLoadFromMemory(config,
	    (const FcChar8 *)x.data, FcTrue);
	buf_free(&x);
	if (!ok)
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "字体缓存目录设置失败");
	return ok;
}

static int
face_cmp(const void *a, const void *b)
{
	const struct font_face *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

/* Fill a face from a fontconfig pattern; 0 if it lacks file or family. */
static int
face_from_pattern(FcPattern *p, struct font_face *out)
{
	FcChar8 *file = NULL, *family = NULL, *style = NULL;
	int index = 0;
	if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
	    FcPatternGetString(p, FC_FAMILY, 0, &family) != FcResultMatch)
		return 0;
	FcPatternGetInteger(p, FC_INDEX, 0, &index);
	if (FcPatternGetString(p, FC_STYLE, 0, &style) != FcResultMatch)
		style = (FcChar8 *)"";
	out->file = (const char *)file;
	out->family = (const char *)family;
	out->style = (const char *)style;
	out->index = index;
	out->fallback = 0;
	return 1;
}

/* List the configuration's faces into f->faces and check each file is in
 * the lock: a face from anywhere else would make output depend on the
 * machine. */
static int
fonts_list_faces(struct fonts *f, const struct font_lock *lk,
    const char *confpath, struct diag_list *dl)
{
	FcPattern *all = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FAMILY,
	    FC_STYLE, (char *)NULL);
	FcFontSet *fs = FcFontList(f->config, all, os);
	FcObjectSetDestroy(os);
	FcPatternDestroy(all);
	if (!fs)
		return 0;
	int ok = 1;
	f->faces = xcalloc((size_t)fs->nfont + 1, sizeof *f->faces);
	for (int i = 0; i < fs->nfont; i++) {
		struct font_face face;
		if (!face_from_pattern(fs->fonts[i], &face))
			continue;
		if (!lock_find(lk, face.file)) {
			diag_add(dl, DIAG_ERROR, confpath, 0, 0,
			    "字体配置引入了未锁定的字体文件 %s（%s）："
			    "只允许 fonts.lock 中的文件", face.file, face.family);
			ok = 0;
			continue;
		}
		/* Copy the strings: the listing is destroyed below. */
		face.file = xstrdup(face.file);
		face.family = xstrdup(face.family);
		face.style = xstrdup(face.style);
		f->faces[f->nfaces++] = face;
	}
	FcFontSetDestroy(fs);
	qsort(f->faces, f->nfaces, sizeof *f->faces, face_cmp);
	for (size_t i = 0; i < lk->n; i++) {
		size_t j;
		for (j = 0; j < f->nfaces; j++)
			if (strcmp(f->faces[j].file, lk->v[i].path) == 0)
				break;
		if (j == f->nfaces) {
			diag_add(dl, DIAG_ERROR, confpath, 0, 0,
			    "字体配置没有载入锁定的字体文件 %s", lk->v[i].path);
			ok = 0;
		}
	}
	return ok;
}

/* Compute each role's fallback order once: fontconfig's sort of every
 * face for the role family, with charsets attached. */
static int
fonts_sort_roles(struct fonts *f, struct diag_list *dl, const char *confpath)
{
	for (int r = 0; r < FONT_NROLES; r++) {
		FcPattern *p = FcPatternCreate();
		FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)roles[r].family);
		FcConfigSubstitute(f->config, p, FcMatchPattern);
		FcDefaultSubstitute(p);
		FcResult res;
		f->order[r] = FcFontSort(f->config, p, FcFalse, NULL, &res);
		FcPatternDestroy(p);
		if (!f->order[r] || f->order[r]->nfont == 0) {
			diag_add(dl, DIAG_ERROR, confpath, 0, 0,
			    "字体配置中没有可用于%s的字体", roles[r].label);
			return 0;
		}
	}
	return 1;
}

struct fonts *
fonts_open(const char *fontsdir, const char *cachedir, struct hash_cache *hc,
    struct diag_list *dl)
{
	char *lockpath = xasprintf("%s/fonts.lock", fontsdir);
	char *confpath = xasprintf("%s/fonts.conf", fontsdir);
	struct font_lock lk = {0};
	struct fonts *f = NULL;
	if (!font_lock_load(lockpath, &lk, dl))
		goto out;
	if (hc || !cachedir ? !font_lock_verify(&lk, lockpath, hc, dl) :
	    !verify_remembered(&lk, lockpath, cachedir, dl))
		goto out;

	f = xcalloc(1, sizeof *f);
	f->config = FcConfigCreate();
	/* FcConfigCreate takes a sysroot from FONTCONFIG_SYSROOT; clear it so
	 * the paths in fonts.conf and fonts.lock mean the same files. */
	FcConfigSetSysRoot(f->config, NULL);
	if (cachedir && !config_add_cachedir(f->config, cachedir, dl))
		goto fail;
	/* fontconfig opens the file itself: the rule of userfile.h is
	 * checked on it first (no link out of the tree, at most 1 MiB). */
	struct stat cst;
	int cfd = userfile_open(confpath, USERFILE_TREE, 1u << 20, &cst, dl);
	if (cfd < 0)
		goto fail;
	close(cfd);
	/* fontconfig looks a relative name up in its own configuration
	 * directories (/etc/fonts), never the current one. */
	char *abs = realpath(confpath, NULL);
	int loaded = abs && FcConfigParseAndLoad(f->config,
	    (const FcChar8 *)abs, FcTrue);
	free(abs);
	if (!loaded) {
		diag_add(dl, DIAG_ERROR, confpath, 0, 0,
		    "无法载入字体配置文件（文件缺失或 XML 有误）");
		goto fail;
	}
	if (!FcConfigBuildFonts(f->config)) {
		diag_add(dl, DIAG_ERROR, confpath, 0, 0, "字体配置中的字体无法载入");
		goto fail;
	}
	if (!fonts_list_faces(f, &lk, confpath, dl) ||
	    !fonts_sort_roles(f, dl, confpath))
		goto fail;
	goto out;
fail:
	fonts_close(f);
	f = NULL;
out:
	font_lock_free(&lk);
	free(lockpath);
	free(confpath);
	return f;
}

void
fonts_close(struct fonts *f)
{
	if (!f)
		return;
	for (int r = 0; r < FONT_NROLES; r++)
		if (f->order[r])
			FcFontSetDestroy(f->order[r]);
	for (size_t i = 0; i < f->nfaces; i++) {
		free((char *)f->faces[i].file);
		free((char *)f->faces[i].family);
		free((char *)f->faces[i].style);
	}
	free(f->faces);
	if (f->config)
		FcConfigDestroy(f->config);
	free(f);
}

void *
fonts_fcconfig(const struct fonts *f)
{
	return f->config;
}

size_t
fonts_count(const struct fonts *f)
{
	return f->nfaces;
}

const struct font_face *
fonts_face(const struct fonts *f, size_t i)
{
	return i < f->nfaces ? &f->faces[i] : NULL;
}

int
fonts_face_for(const struct fonts *f, enum font_role r, uint32_t cp,
    struct font_face *out)
{
	if (r >= FONT_NROLES)
		return 0;
	const FcFontSet *fs = f->order[r];
	for (int i = 0; i < fs->nfont; i++) {
		FcCharSet *cs;
		if (FcPatternGetCharSet(fs->fonts[i], FC_CHARSET, 0, &cs) !=
		    FcResultMatch || !FcCharSetHasChar(cs, cp))
			continue;
		if (!face_from_pattern(fs->fonts[i], out))
			continue;
		/* The role's own face is the head of its order; anything
		 * after it with another family or file is a fallback. */
		struct font_face head;
		out->fallback = i > 0 && face_from_pattern(fs->fonts[0], &head) &&
		    (strcmp(head.file, out->file) != 0 || head.index != out->index);
		return 1;
	}
	return 0;
}
