/*
 * fonts.h -- the pinned typefaces of the bulletins. Reads fonts/fonts.lock
 * (path, Debian package, version, size and SHA-256 of each font file),
 * verifies the files, and builds a private fontconfig configuration from
 * fonts/fonts.conf alone (FcConfigCreate, never the system configuration
 * or FONTCONFIG_FILE), then answers which face covers a code point for a
 * typesetting role. The role faces follow GB/T 9704-2012; fonts/README.md
 * says which face plays which role and why.
 *
 * fonts_open() returns an object the caller frees with fonts_close(); the
 * strings in a struct font_face belong to that object. A struct font_lock
 * is owned by the caller and released with font_lock_free(). Nothing here
 * prints (fontconfig itself writes "Fontconfig error:" lines to stderr when
 * fonts.conf is malformed); failures are recorded in the diag_list.
 */
#ifndef LANTIAN_FONTS_H
#define LANTIAN_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "hash.h"

enum font_role {
	FONT_TITLE,     /* 小标宋: the document title */
	FONT_BODY,      /* 仿宋: body text, tables */
	FONT_HEADING1,  /* 黑体: first-level headings */
	FONT_HEADING2,  /* 楷体: second-level headings */
	FONT_NROLES
};

/* One line of fonts.lock. */
struct font_lock_entry {
	char *path;     /* absolute path of the font file */
	char *package;  /* Debian package that installs it */
	char *version;  /* that package's version */
	int64_t size;   /* bytes */
	char sha256[HASH_HEX_LEN + 1];
	size_t line;    /* line in fonts.lock, for diagnostics */
};

struct font_lock {
	struct font_lock_entry *v;
	size_t n, cap;
};

/* Parse the lock file at path into lk (appending). Returns 1, or 0 with
 * errors (file:line) in dl. */
int font_lock_load(const char *path, struct font_lock *lk,
    struct diag_list *dl);
/* The same from the bytes of a lock file read from path. */
int font_lock_parse(const char *path, const char *data, size_t len,
    struct font_lock *lk, struct diag_list *dl);

/* Check that every file in lk exists with the recorded size and SHA-256.
 * hc (may be NULL) saves re-reading files whose stat data is unchanged.
 * Returns 1 when all match, 0 with one error per bad file in dl (the
 * diagnostics name lockpath:line and the font file). */
int font_lock_verify(const struct font_lock *lk, const char *lockpath,
    struct hash_cache *hc, struct diag_list *dl);

void font_lock_free(struct font_lock *lk);

/* A face as fontconfig sees it. */
struct font_face {
	const char *file;
	int index;          /* face index inside a .ttc collection */
	const char *family;
	const char *style;
	int fallback;       /* 1 when not the role's own face */
};

struct fonts;

/*
 * Verify fontsdir/fonts.lock and load fontsdir/fonts.conf into a private
 * configuration. cachedir (may be NULL: no cache, every start scans the
 * font files and fontconfig warns on stderr) is created if needed and is the only fontconfig cache
 * directory used. Fails when a locked file is missing or different, when
 * fonts.conf does not parse, or when the configuration shows a face whose
 * file is not in the lock. Returns NULL with errors in dl.
 */
struct fonts *fonts_open(const char *fontsdir, const char *cachedir,
    struct hash_cache *hc, struct diag_list *dl);
void fonts_close(struct fonts *f);

/* The fontconfig family name of a role ("lantian_body" ...), for Pango
 * font descriptions, and its Chinese name ("仿宋（正文）" ...). */
const char *fonts_role_family(enum font_role r);
const char *fonts_role_label(enum font_role r);

/* The FcConfig * (as void *, so callers need not include fontconfig) for
 * pango_fc_font_map_set_config(); owned by f. */
void *fonts_fcconfig(const struct fonts *f);

/* Every face the configuration shows, sorted by file then index. */
size_t fonts_count(const struct fonts *f);
const struct font_face *fonts_face(const struct fonts *f, size_t i);

/* The first face in role r's fallback order that has a glyph for cp.
 * Returns 1 with *out filled, 0 when no pinned face covers cp. */
int fonts_face_for(const struct fonts *f, enum font_role r, uint32_t cp,
    struct font_face *out);

#endif
