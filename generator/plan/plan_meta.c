/*
 * plan_meta.c -- reading plans/<id>/plan.conf (format in plan_meta.h).
 * Every problem is recorded with file:line, and reading goes on after one,
 * so a staff member sees all of them at once.
 */
#include "plan_meta.h"
#include "buf.h"
#include "fsutil.h"
#include "userfile.h"

#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* A plan.conf is a few lines; anything larger is not one. */
#define META_MAX_BYTES (64 * 1024)

/* 区 is a district (county level, 市辖区); 乡 a township (town level). Places
 * named 旗, 自治县 or 开发区 take the level of what they are (县). */
static const char *const levels[] = { "省", "市", "县", "区", "镇", "乡" };

/* Trim ASCII and full-width (U+3000) spaces at both ends, in place. */
static char *
trim(char *s)
{
	for (;;) {
		if (*s == ' ' || *s == '\t' || *s == '\r')
			s++;
		else if (str_starts(s, "\xe3\x80\x80"))
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		else if (n >= 3 && !memcmp(s + n - 3, "\xe3\x80\x80", 3))
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

static int
level_known(const char *v)
{
	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		if (!strcmp(v, levels[i]))
			return 1;
	return 0;
}

/* Store a single-valued key; a repeat is an error. */
static int
set_once(char **slot, const char *key, const char *val, const char *path,
    size_t line, struct diag_list *dl)
{
	if (*slot) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "键 '%s' 重复出现 (duplicate key)", key);
		return 0;
	}
	*slot = xstrdup(val);
	return 1;
}

static int
check_value(const char *key, const char *val, const char *path, size_t line,
    struct diag_list *dl)
{
	if (!strcmp(key, "id") && !fs_valid_id(val)) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "方案标识 '%s' 不合法：只能用小写字母、数字和连字符，"
		    "以字母或数字开头，最长 64 个字符 (bad id)", val);
		return 0;
	}
	if (!strcmp(key, "source") && !fs_safe_relpath(val)) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "source '%s' 不合法：必须是方案文件夹内的相对路径，"
		    "不能是绝对路径或含 '..' (source escapes the plan folder)",
		    val);
		return 0;
	}
	if (!strcmp(key, "seal") && strcmp(val, "有") && strcmp(val, "无")) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "seal '%s' 不合法，应为 有 或 无 (bad seal)", val);
		return 0;
	}
	if (!strcmp(key, "issue_day") && (strspn(val, "0123456789") !=
	    strlen(val) || strlen(val) > 2 || atoi(val) < 1 || atoi(val) > 28)) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "issue_day '%s' 不合法，应为 1 到 28 的日数 (bad issue_day)",
		    val);
		return 0;
	}
	if (!strcmp(key, "level") && !level_known(val)) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "level '%s' 不合法，应为 省、市、县、区、镇 或 乡"
		    "（旗、自治县、开发区写 县）(bad level)", val);
		return 0;
	}
	return 1;
}

/* Keys seen, valid or not, so a bad value is not also reported missing. */
enum { SEEN_SOURCE = 1, SEEN_PLACE = 2, SEEN_LEVEL = 4 };

static unsigned
seen_bit(const char *key)
{
	return !strcmp(key, "source") ? SEEN_SOURCE :
	    !strcmp(key, "place") ? SEEN_PLACE :
	    !strcmp(key, "level") ? SEEN_LEVEL : 0;
}

static int
meta_line(char *s, const char *path, size_t line, struct plan_meta *m,
    unsigned *seen, struct diag_list *dl)
{
	char *hash = strchr(s, '#');
	if (hash)
		*hash = '\0';
	s = trim(s);
	if (!*s)
		return 1;
	char *eq = strchr(s, '=');
	if (!eq) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "应为 \"键 = 值\" 的形式 (expected key = value)");
		return 0;
	}
	*eq = '\0';
	char *key = trim(s), *val = trim(eq + 1);
	if (!*key) {
		diag_add(dl, DIAG_ERROR, path, line, 0, "缺少键名 (missing key)");
		return 0;
	}
	char **slot = !strcmp(key, "id") ? &m->id :
	    !strcmp(key, "source") ? &m->source :
	    !strcmp(key, "place") ? &m->place :
	    !strcmp(key, "level") ? &m->level :
	    !strcmp(key, "parent") ? &m->parent :
	    !strcmp(key, "title") ? &m->title :
	    !strcmp(key, "issuer") ? &m->issuer :
	    !strcmp(key, "recipients") ? &m->recipients :
	    !strcmp(key, "cc") ? &m->cc :
	    !strcmp(key, "printer") ? &m->printer :
	    !strcmp(key, "bulletin_title") ? &m->bulletin_title :
	    !strcmp(key, "seal") ? &m->seal :
	    !strcmp(key, "issue_day") ? &m->issue_day : NULL;
	if (!slot && strcmp(key, "stations") && strcmp(key, "peers")) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "未知的键 '%s'；可用的键：id、source、title、place、level、parent、"
		    "stations、issuer、recipients、cc、printer、bulletin_title、seal、"
		    "issue_day、peers (unknown key)", key);
		return 0;
	}
	*seen |= seen_bit(key);
	if (!*val) {
		diag_add(dl, DIAG_ERROR, path, line, 0,
		    "键 '%s' 的值为空 (empty value)", key);
		return 0;
	}
	if (!check_value(key, val, path, line, dl))
		return 0;
	if (!slot) {
		int peers = !strcmp(key, "peers");
		if (!strvec_push_unique(peers ? &m->peers : &m->stations, val))
			diag_add(dl, DIAG_WARNING, path, line, 0,
			    "%s '%s' 重复 (repeated area)", key, val);
		return 1;
	}
	return set_once(slot, key, val, path, line, dl);
}

/* Check the whole file is text: UTF-8, no NUL. Reports the first bad line. */
static int
meta_text_ok(const char *path, const char *data, size_t len,
    struct diag_list *dl)
{
	size_t line = 1;
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (memchr(p, '\0', n) || !g_utf8_validate(p, (gssize)n, NULL)) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "不是 UTF-8 文本 (not UTF-8 text)");
			return 0;
		}
		p += n + 1;
		line++;
	}
	return 1;
}

static int
meta_required(unsigned seen, const char *path, struct diag_list *dl)
{
	int ok = 1;
	static const char *const req[] = { "source", "place", "level" };
	for (size_t i = 0; i < sizeof req / sizeof req[0]; i++) {
		if (!(seen & seen_bit(req[i]))) {
			diag_add(dl, DIAG_ERROR, path, 0, 0,
			    "缺少必需的键 '%s' (missing key)", req[i]);
			ok = 0;
		}
	}
	return ok;
}

static int
meta_default_id(struct plan_meta *m, const char *default_id,
    const char *path, struct diag_list *dl)
{
	if (m->id)
		return 1;
	if (!default_id || !fs_valid_id(default_id)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "文件夹名 '%s' 不能用作方案标识，请在文件中写 id = …"
		    " (folder name is not a valid id)",
		    default_id ? default_id : "");
		return 0;
	}
	m->id = xstrdup(default_id);
	return 1;
}

int
plan_meta_parse(const char *conf_path, const char *data, size_t len,
    const char *default_id, struct plan_meta *m, struct diag_list *dl)
{
	if (!m->path)
		m->path = xstrdup(conf_path);
	if (len > META_MAX_BYTES) {
		diag_add(dl, DIAG_ERROR, conf_path, 0, 0,
		    "文件过大 (%zu 字节)，不是方案元数据文件 (file too large)",
		    len);
		return 0;
	}
	if (!meta_text_ok(conf_path, data, len, dl))
		return 0;
	struct buf b = {0};
	buf_put(&b, data, len);
	buf_puts(&b, "");
	int ok = 1;
	unsigned seen = 0;
	size_t line = 1;
	char *p = b.data;
	if (str_starts(p, "\xef\xbb\xbf"))   /* a BOM from Windows editors */
		p += 3;
	for (char *next; p; p = next, line++) {
		next = strchr(p, '\n');
		if (next)
			*next++ = '\0';
		ok &= meta_line(p, conf_path, line, m, &seen, dl);
	}
	buf_free(&b);
	ok &= meta_required(seen, conf_path, dl);
	ok &= meta_default_id(m, default_id, conf_path, dl);
	return ok;
}

int
plan_meta_load(const char *conf_path, const char *default_id,
    struct plan_meta *m, struct diag_list *dl)
{
	m->path = xstrdup(conf_path);
	struct buf b = {0};
	/* Size checked before reading: userfile.h. */
	if (!userfile_read(conf_path, USERFILE_TREE, META_MAX_BYTES, &b, dl)) {
		buf_free(&b);
		return 0;
	}
	int ok = plan_meta_parse(conf_path, b.data ? b.data : "", b.len,
	    default_id, m, dl);
	buf_free(&b);
	return ok;
}

void
plan_meta_free(struct plan_meta *m)
{
	if (!m)
		return;
	free(m->path);
	free(m->id);
	free(m->source);
	free(m->place);
	free(m->level);
	free(m->parent);
	free(m->title);
	free(m->issuer);
	free(m->recipients);
	free(m->cc);
	free(m->printer);
	free(m->bulletin_title);
	free(m->seal);
	free(m->issue_day);
	strvec_free(&m->peers);
	strvec_free(&m->stations);
	memset(m, 0, sizeof *m);
}
