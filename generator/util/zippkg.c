/*
 * zippkg.c -- ZIP package members with limits (see zippkg.h).
 */
#include "zippkg.h"

#include <string.h>

#include <zip.h>

#define ZIPPKG_READ_CHUNK (64u << 10)

int
zippkg_is_zip(const char *data, size_t len)
{
	return len >= 4 && !memcmp(data, "PK\3\4", 4);
}

static const char *
open_reason(int code)
{
	switch (code) {
	case ZIP_ER_NOZIP:
		return "找不到 ZIP 目录（文件可能已损坏或被截断）";
	case ZIP_ER_MULTIDISK:
		return "不支持分卷 ZIP";
	case ZIP_ER_MEMORY:
		return "内存不足";
	default:
		return "ZIP 目录与内容不一致（文件已损坏）";
	}
}

int
zippkg_open(struct zippkg *z, const char *path, const char *what,
    const char *data, size_t len, size_t max_member, size_t max_total,
    struct diag_list *dl)
{
	memset(z, 0, sizeof *z);
	z->path = path;
	z->what = what;
	z->dl = dl;
	z->max_member = max_member;
	z->max_total = max_total;
	zip_error_t err;
	zip_error_init(&err);
	zip_t *za = NULL;
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &err);
	if (src) {
		za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
		if (!za)        /* only a successful open takes the source */
			zip_source_free(src);
	}
	if (!za)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "不是有效的 %s：%s", what,
		    open_reason(zip_error_code_zip(&err)));
	zip_error_fini(&err);
	z->za = za;
	return za != NULL;
}

void
zippkg_close(struct zippkg *z)
{
	if (z->za)
		zip_discard(z->za);     /* read-only: nothing to write back */
	z->za = NULL;
}

static void
read_error(struct zippkg *z, const char *name, int code)
{
	const char *why;
	switch (code) {
	case ZIP_ER_CRC:
		why = "CRC 校验不符（文件已损坏）";
		break;
	case ZIP_ER_INCONS:
		why = "与 ZIP 目录记录不一致（文件已损坏）";
		break;
	case ZIP_ER_ENCRNOTSUPP:
	case ZIP_ER_NOPASSWD:
		why = "已加密（请取消密码后另存）";
		break;
	case ZIP_ER_COMPNOTSUPP:
		why = "使用了不支持的压缩方式";
		break;
	case ZIP_ER_MEMORY:
		why = "读取时内存不足";
		break;
	default:
		why = "无法解压（文件已损坏）";
		break;
	}
	diag_add(z->dl, DIAG_ERROR, z->path, 0, 0, "%s中的 %s %s", z->what, name, why);
}

static void
too_big(struct zippkg *z, const char *name, size_t limit)
{
	diag_add(z->dl, DIAG_ERROR, z->path, 0, 0,
	    "%s中的 %s 解压后过大（超过 %zu MiB），拒绝读取（可能是恶意压缩文件）",
	    z->what, name, limit >> 20);
}

int
zippkg_inflate_capped(void *zf, size_t hint, size_t cap, struct buf *out)
{
	buf_grow(out, (hint < cap ? hint : cap) + 1);
	for (;;) {
		if (out->len > cap)
			return 0;
		if (out->cap - out->len < 2)
			buf_grow(out, ZIPPKG_READ_CHUNK);
		size_t room = out->cap - out->len - 1;
		if (room > cap + 1 - out->len)
			room = cap + 1 - out->len;
		zip_int64_t n = zip_fread((zip_file_t *)zf, out->data + out->len, room);
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->data[out->len] = '\0';
	return 1;
}

int
zippkg_read(struct zippkg *z, const char *name, struct buf *out)
{
	buf_truncate(out, 0);
	zip_t *za = z->za;
	zip_int64_t i = zip_name_locate(za, name, ZIP_FL_NOCASE);
	if (i < 0)
		return 0;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0) {
		read_error(z, name, zip_error_code_zip(zip_get_error(za)));
		return -1;
	}
	size_t left = z->max_total > z->total ? z->max_total - z->total : 0;
	size_t cap = z->max_member < left ? z->max_member : left;
	/* Refused from the directory, before anything is inflated. */
	if ((st.valid & ZIP_STAT_SIZE) && st.size > cap) {
		too_big(z, name, cap == z->max_member ? z->max_member : z->max_total);
		return -1;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		read_error(z, name, ZIP_ER_ENCRNOTSUPP);
		return -1;
	}
	if ((st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method != ZIP_CM_STORE &&
	    st.comp_method != ZIP_CM_DEFLATE) {
		read_error(z, name, ZIP_ER_COMPNOTSUPP);
		return -1;
	}
	zip_file_t *f = zip_fopen_index(za, (zip_uint64_t)i, 0);
	if (!f) {
		read_error(z, name, zip_error_code_zip(zip_get_error(za)));
		return -1;
	}
	int rc = zippkg_inflate_capped(f, (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size : 0, cap, out);
	if (rc == 0) {
		too_big(z, name, cap == z->max_member ? z->max_member : z->max_total);
	} else if (rc < 0) {
		read_error(z, name, zip_error_code_zip(zip_file_get_error(f)));
	} else if ((st.valid & ZIP_STAT_SIZE) && out->len != st.size) {
		/* libzip checks the length of stored members only */
		read_error(z, name, ZIP_ER_INCONS);
		rc = -1;
	}
	zip_fclose(f);
	if (rc != 1) {
		buf_truncate(out, 0);
		return -1;
	}
	z->total += out->len;
	return 1;
}
