/*
 * textload.c -- reading input files and decoding them to UTF-8 text.
 *
 * Decision order in text_decode(), first match wins:
 *   1. no bytes at all                      -> error 文件为空
 *   2. BOM EF BB BF                          -> UTF-8 ("UTF-8 BOM"), BOM dropped
 *      BOM FF FE / FE FF                     -> UTF-16LE / UTF-16BE via iconv
 *   3. a NUL byte, or more than 10% of the bytes are C0 control characters
 *      other than TAB LF VT FF CR            -> error 不是文本文件（含二进制数据）
 *   4. the whole input is valid UTF-8        -> UTF-8, as is
 *   5. it converts as GB18030 and looks like Chinese text (below)
 *                                            -> GB18030 via iconv
 *   6. otherwise                             -> error at file:line:col of the
 *      first bad byte: the first invalid UTF-8 byte when the input looks like
 *      damaged UTF-8, the byte iconv stopped at when it looks like GB18030.
 * Then, on the UTF-8 text: CRLF and lone CR become LF; a trailing DOS EOF
 * (0x1A) is dropped; stray C0 control characters (not TAB LF FF) become a
 * space with one warning, since XML 1.0 cannot carry them; text that is
 * only whitespace is refused as empty.
 *
 * UTF-8 versus GB18030. Valid UTF-8 always wins. A GB18030 file can be valid
 * UTF-8 only by accident: every GB2312 lead byte would have to be followed by
 * exactly the continuation bytes a UTF-8 sequence needs. Measured on the five
 * shipped plans re-encoded as GB18030, about one multi-byte character in four
 * happens to form a valid UTF-8 sequence while three in four do not, so the
 * chance that a whole line of real text passes is negligible, and a real plan
 * (thousands of characters) never does. Very short inputs can: " 为" in
 * GB18030 is the valid UTF-8 " Ϊ". We accept that: such a file is not a
 * usable plan anyway, and guessing against valid UTF-8 would break files that
 * really are UTF-8.
 *
 * Invalid UTF-8 that iconv accepts as GB18030 is not taken on trust either:
 * GB18030 decodes almost any run of high bytes (Latin-1 "é" plus the next
 * ASCII letter is a legal double-byte character). We take it only when at
 * least half of its multi-byte characters lie in the GB2312 area (both bytes
 * A1..FE), which holds for every line of Chinese prose (the shipped plans:
 * 100%) but not for UTF-8 read as GB18030 (about 36%) nor for Latin-1 (0%).
 *
 * A valid UTF-8 text that ends inside a multi-byte character (a truncated
 * download, `head -c`) is refused with an error at the line and column
 * where it ends: the text before it is intact, but what was cut off is
 * not there, and a plan or ledger missing its end must not be published
 * as if it were whole. (GB18030 and UTF-16 cut short are errors too.)
 */
#include "textload.h"
#include "userfile.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- reading ------------------------------------------------------------ */

int
file_read_all(const char *path, size_t max_bytes, struct buf *out,
    struct diag_list *dl)
{
	return userfile_read(path, USERFILE_NAMED, max_bytes, out, dl);
}

/* ---- UTF-8 -------------------------------------------------------------- */

/* Length a sequence starting with lead byte c must have (0: c cannot start
 * one) and the range its second byte must lie in. Strict: no overlong forms,
 * no surrogates, nothing above U+10FFFF. */
static size_t
utf8_lead(unsigned c, unsigned *lo, unsigned *hi)
{
	*lo = 0x80;
	*hi = 0xBF;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return 2;
	if (c >= 0xE0 && c <= 0xEF) {
		if (c == 0xE0)
			*lo = 0xA0;
		else if (c == 0xED)
			*hi = 0x9F;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (c == 0xF0)
			*lo = 0x90;
		else if (c == 0xF4)
			*hi = 0x8F;
		return 4;
	}
	return 0;
}

/* Number of leading bytes of s[0..n) that fit the sequence s[0] starts
 * (at most its full length). */
static size_t
utf8_fit(const unsigned char *s, size_t n, size_t *need)
{
	unsigned lo, hi;
	*need = utf8_lead(s[0], &lo, &hi);
	if (*need == 0)
		return 0;
	size_t i = 1;
	for (; i < *need && i < n; i++) {
		unsigned a = i == 1 ? lo : 0x80, b = i == 1 ? hi : 0xBF;
		if (s[i] < a || s[i] > b)
			break;
	}
	return i;
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 if invalid or cut short. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	size_t need, fit = utf8_fit(s, n, &need);
	return need && fit == need ? need : 0;
}

size_t
utf8_valid_prefix(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* ASCII runs are most of every file: skip them 8 bytes at a time. */
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, len - i);
		if (!k)
			break;
		i += k;
	}
	return i;
}

/* Whether s[0..n) is the start of a valid multi-byte sequence that the end
 * of the data cut short. */
static int
utf8_truncated_tail(const unsigned char *s, size_t n)
{
	size_t need;
	return n > 0 && n < 4 && utf8_fit(s, n, &need) == n && need > n;
}

/* Counts that tell damaged UTF-8 from GB18030: valid multi-byte UTF-8
 * sequences and bytes that start no valid sequence. */
static void
utf8_census(const unsigned char *s, size_t len, size_t *valid, size_t *bad)
{
	*valid = *bad = 0;
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, len - i);
		if (k) {
			(*valid)++;
			i += k;
		} else {
			(*bad)++;
			i++;
		}
	}
}

/* ---- positions ---------------------------------------------------------- */

/* Line and column (1-based, columns in characters) of the end of the UTF-8
 * text t[0..n), counting CRLF, CR and LF as one line end each. */
static void
text_position(const char *t, size_t n, size_t *line, size_t *col)
{
	size_t ln = 1, c = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t[i];
		if (ch == '\n') {
			if (!(i > 0 && t[i - 1] == '\r')) {
				ln++;
				c = 1;
			}
		} else if (ch == '\r') {
			ln++;
			c = 1;
		} else if ((ch & 0xC0) != 0x80)
			c++;
	}
	*line = ln;
	*col = c;
}

/* ---- iconv -------------------------------------------------------------- */

/* Convert data[0..len) from `from` to UTF-8, appending to out. Returns 1 on
 * success. On failure returns 0, leaves the converted prefix in out and sets
 * *bad to the offset of the first byte that could not be converted, *err to
 * the errno (EILSEQ: invalid; EINVAL: cut short at the end). */
static int
iconv_to_utf8(const char *from, const char *data, size_t len, struct buf *out,
    size_t *bad, int *err)
{
	iconv_t cd = iconv_open("UTF-8", from);
	if (cd == (iconv_t)-1) {
		*bad = 0;
		*err = errno;
		return 0;
	}
	char *in = (char *)data;
	size_t inleft = len;
	buf_grow(out, len + len / 2 + 16);
	int ok = 1;
	while (inleft > 0) {
		char *o = out->data + out->len;
		size_t oleft = out->cap - out->len - 1;
		size_t r = iconv(cd, &in, &inleft, &o, &oleft);
		out->len = (size_t)(o - out->data);
		out->data[out->len] = '\0';
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_grow(out, inleft * 2 + 16);
			continue;
		}
		*err = errno;
		*bad = (size_t)(in - data);
		ok = 0;
		break;
	}
	iconv_close(cd);
	return ok;
}

/* Whether GB18030 bytes look like Chinese text: at least half of the
 * multi-byte characters in the GB2312 area (see the top of this file). */
static int
gb18030_plausible(const unsigned char *s, size_t len)
{
	size_t mb = 0, gb2312 = 0, i = 0;
	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		mb++;
		if (i + 1 < len && s[i + 1] >= 0x30 && s[i + 1] <= 0x39) {
			i += 4;
			continue;
		}
		if (i + 1 < len && s[i] >= 0xA1 && s[i] <= 0xFE &&
		    s[i + 1] >= 0xA1 && s[i + 1] <= 0xFE)
			gb2312++;
		i += 2;
	}
	return gb2312 * 2 >= mb;
}

/* ---- checks and normalisation ------------------------------------------- */

static int
is_stray_control(unsigned char c)
{
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' &&
	    c != '\v';
}

/* Refuse binary data: returns 1 (and records an error) when binary. */
static int
check_binary(const char *path, const unsigned char *s, size_t len,
    struct diag_list *dl)
{
	const void *nul = memchr(s, '\0', len);
	if (nul) {
		/* Where a person looks: line and column (in characters when
		 * the bytes before are UTF-8), not a byte offset. */
		size_t line, col;
		text_position((const char *)s,
		    (size_t)((const unsigned char *)nul - s), &line, &col);
		diag_add(dl, DIAG_ERROR, path, line, col,
		    "不是文本文件（含二进制数据：第 %zu 行第 %zu 列有 NUL 字节）",
		    line, col);
		return 1;
	}
	size_t ctl = 0;
	for (size_t i = 0; i < len; i++)
		if (is_stray_control(s[i]))
			ctl++;
	if (ctl * 10 > len) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "不是文本文件（含二进制数据：%zu 个字节中有 %zu 个控制字符）",
		    len, ctl);
		return 1;
	}
	return 0;
}

/* Rewrite t in place: CRLF and CR to LF, stray controls to a space (with one
 * warning), a final DOS EOF dropped. Linear. */
static void
normalise(const char *path, struct buf *t, struct diag_list *dl)
{
	if (t->len && t->data[t->len - 1] == 0x1A)
		buf_truncate(t, t->len - 1);
	char *s = t->data;
	size_t n = t->len, w = 0, nctl = 0, line = 1, col = 1;
	size_t ctl_line = 0, ctl_col = 0;
	unsigned first_ctl = 0;
	for (size_t r = 0; r < n; r++) {
		unsigned char c = (unsigned char)s[r];
		if (c == '\r') {
			if (r + 1 < n && s[r + 1] == '\n')
				r++;
			c = '\n';
		} else if (is_stray_control(c)) {
			if (!nctl++) {
				ctl_line = line;
				ctl_col = col;
				first_ctl = c;
			}
			c = ' ';
		}
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80)
			col++;
		s[w++] = (char)c;
	}
	buf_truncate(t, w);
	if (nctl)
		diag_add(dl, DIAG_WARNING, path, ctl_line, ctl_col,
		    "含控制字符 U+%04X，已替换为空格（共 %zu 处）", first_ctl,
		    nctl);
}

/* Whether the UTF-8 text holds nothing but white space (ASCII, U+00A0,
 * U+3000 ideographic space, U+FEFF). */
static int
only_space(const char *t, size_t n)
{
	const unsigned char *s = (const unsigned char *)t;
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
			i++;
		} else if (i + 1 < n && s[i] == 0xC2 && s[i + 1] == 0xA0) {
			i += 2;
		} else if (i + 2 < n && s[i] == 0xE3 && s[i + 1] == 0x80 &&
		    s[i + 2] == 0x80) {
			i += 3;
		} else if (i + 2 < n && s[i] == 0xEF && s[i + 1] == 0xBB &&
		    s[i + 2] == 0xBF) {
			i += 3;
		} else
			return 0;
	}
	return 1;
}

/* ---- decoding ----------------------------------------------------------- */

static void
bad_utf8(const char *path, const char *data, size_t at, const char *extra,
    struct diag_list *dl)
{
	size_t line, col;
	text_position(data, at, &line, &col);
	diag_add(dl, DIAG_ERROR, path, line, col,
	    "无效的 UTF-8 编码（字节 0x%02X）%s", (unsigned char)data[at], extra);
}

/* Take data as UTF-8 if it is valid: 1. A text valid up to a last
 * character cut short is a truncated file (a download cut off, `head -c`):
 * -1 with an error at the place it ends, since what is missing after it
 * cannot be known. 0 otherwise, recording nothing. */
static int
take_utf8(const char *path, const char *data, size_t len, struct buf *out,
    struct diag_list *dl)
{
	size_t ok = utf8_valid_prefix(data, len);
	if (ok == len) {
		buf_put(out, data, len);
		return 1;
	}
	if (!utf8_truncated_tail((const unsigned char *)data + ok, len - ok))
		return 0;
	size_t line, col;
	text_position(data, ok, &line, &col);
	diag_add(dl, DIAG_ERROR, path, line, col,
	    "文件在 UTF-8 字符中间结束（最后 %zu 个字节不是完整的字符），"
	    "文件可能被截断；请检查文件是否完整", len - ok);
	return -1;
}

/* UTF-16 with a BOM (already skipped). */
static int
decode_utf16(const char *path, const char *enc, const char *data, size_t len,
    struct buf *out, struct diag_list *dl)
{
	size_t bad;
	int err;
	if (iconv_to_utf8(enc, data, len, out, &bad, &err))
		return 1;
	size_t line, col;
	text_position(out->data ? out->data : "", out->len, &line, &col);
	if (err == EINVAL)
		diag_add(dl, DIAG_ERROR, path, line, col,
		    "%s 文本在字符中间结束（文件可能被截断）", enc);
	else
		diag_add(dl, DIAG_ERROR, path, line, col,
		    "无效的 %s 编码（偏移 %zu）", enc, bad + 2);
	return 0;
}

/* No BOM, no binary data: UTF-8, else GB18030, else an error. */
static int
decode_guess(const char *path, const char *data, size_t len, struct buf *out,
    const char **encoding, struct diag_list *dl)
{
	const unsigned char *s = (const unsigned char *)data;
	int taken = take_utf8(path, data, len, out, dl);
	if (taken) {
		*encoding = "UTF-8";
		return taken > 0;
	}
	size_t bad = len;
	int err = 0;
	struct buf gb = {0};
	if (iconv_to_utf8("GB18030", data, len, &gb, &bad, &err) &&
	    gb18030_plausible(s, len)) {
		buf_put(out, gb.data ? gb.data : "", gb.len);
		buf_free(&gb);
		*encoding = "GB18030";
		return 1;
	}
	/* Which error to show: the one of the encoding the file resembles. */
	size_t valid, nbad;
	utf8_census(s, len, &valid, &nbad);
	if (valid >= nbad || err == 0 || bad >= len) {
		bad_utf8(path, data, utf8_valid_prefix(data, len),
		    "，也不是 GB18030 文本；请另存为 UTF-8", dl);
	} else {
		size_t line, col;
		text_position(gb.data ? gb.data : "", gb.len, &line, &col);
		diag_add(dl, DIAG_ERROR, path, line, col,
		    "无效的 UTF-8 编码，按 GB18030 解码也失败（字节 0x%02X%s）；请另存为 UTF-8",
		    s[bad], err == EINVAL ? "，文件在字符中间结束" : "");
	}
	buf_free(&gb);
	return 0;
}

int
text_decode(const char *path, const char *data, size_t len, struct buf *out,
    const char **encoding, struct diag_list *dl)
{
	const unsigned char *s = (const unsigned char *)data;
	*encoding = "UTF-8";
	buf_truncate(out, 0);
	if (len == 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "文件为空");
		return 0;
	}
	int ok;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
		*encoding = "UTF-8 BOM";
		data += 3;
		len -= 3;
		if (check_binary(path, (const unsigned char *)data, len, dl))
			return 0;
		int taken = take_utf8(path, data, len, out, dl);
		if (!taken)
			bad_utf8(path, data, utf8_valid_prefix(data, len), "", dl);
		ok = taken > 0;
	} else if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) ||
	    (s[0] == 0xFE && s[1] == 0xFF))) {
		*encoding = s[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		ok = decode_utf16(path, *encoding, data + 2, len - 2, out, dl) &&
		    !check_binary(path, (const unsigned char *)out->data,
		    out->len, dl);
	} else {
		ok = !check_binary(path, s, len, dl) &&
		    decode_guess(path, data, len, out, encoding, dl);
	}
	if (!ok) {
		buf_truncate(out, 0);
		if (!out->data)
			buf_puts(out, "");
		return 0;
	}
	if (!out->data)
		buf_puts(out, "");
	normalise(path, out, dl);
	if (only_space(out->data, out->len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "文件为空（只有空白字符）");
		buf_truncate(out, 0);
		return 0;
	}
	return 1;
}
