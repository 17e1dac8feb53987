/*
 * test_textload.c -- reading and decoding input text (textload.c): UTF-8
 * with and without BOM, UTF-16 with BOM, GB18030 made from the shipped plans
 * with iconv, binary data, invalid bytes with file:line:col, empty files,
 * line ends, truncated files, a 10 MB single line, and file_read_all's
 * refusals.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lt_test.h"
#include "textload.h"
#include "util.h"

/* The UTF-8 string s re-encoded as enc; caller frees. */
static char *
encode(const char *s, size_t len, const char *enc, size_t *outlen)
{
	iconv_t cd = iconv_open(enc, "UTF-8");
	ck_assert_msg(cd != (iconv_t)-1, "iconv_open %s", enc);
	size_t cap = len * 4 + 16;
	char *out = xmalloc(cap), *o = out, *in = (char *)s;
	size_t inleft = len, oleft = cap;
	size_t r = iconv(cd, &in, &inleft, &o, &oleft);
	ck_assert_msg(r != (size_t)-1, "iconv to %s failed: %s", enc,
	    strerror(errno));
	iconv_close(cd);
	*outlen = (size_t)(o - out);
	return out;
}

static char *
slurp(const char *rel, size_t *len)
{
	struct buf b = {0};
	struct diag_list dl = {0};
	ck_assert_msg(file_read_all(lt_path(rel), 0, &b, &dl), "read %s", rel);
	ck_assert_uint_eq(dl.n, 0);
	*len = b.len;
	return buf_detach(&b);
}

/* Decode and return 1/0; the text in *out, diagnostics in *dl. */
static int
dec(const char *data, size_t len, struct buf *out, const char **enc,
    struct diag_list *dl)
{
	return text_decode("in.txt", data, len, out, enc, dl);
}

static const struct diag *
first_level(const struct diag_list *dl, enum diag_level lv)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->v[i].level == lv)
			return &dl->v[i];
	return NULL;
}

static void
assert_error(const struct diag_list *dl, const char *needle, size_t line,
    size_t col)
{
	const struct diag *d = first_level(dl, DIAG_ERROR);
	ck_assert_msg(d != NULL, "no error recorded (wanted '%s')", needle);
	ck_assert_msg(strstr(d->msg, needle) != NULL, "message '%s' lacks '%s'",
	    d->msg, needle);
	ck_assert_str_eq(d->file, "in.txt");
	ck_assert_uint_eq(d->line, line);
	ck_assert_uint_eq(d->col, col);
}

static const char *const plans[] = {
	"plans/boai-2023/plan.txt",
	"plans/nanyang-2024-2025/plan.txt",
	"plans/nanzhao-2024/plan.txt",
	"plans/xiaye-2023/plan.txt",
	"plans/xiping-2025/plan.txt",
};

/* ---- utf8_valid_prefix ---------------------------------------------------- */

START_TEST(valid_prefix_rules)
{
	ck_assert_uint_eq(utf8_valid_prefix("abc", 3), 3);
	ck_assert_uint_eq(utf8_valid_prefix("南召县", 9), 9);
	ck_assert_uint_eq(utf8_valid_prefix("a\xC0\x80", 3), 1);     /* overlong NUL */
	ck_assert_uint_eq(utf8_valid_prefix("a\xE0\x80\xAF", 4), 1); /* overlong / */
	ck_assert_uint_eq(utf8_valid_prefix("a\xED\xA0\x80", 4), 1); /* surrogate */
	ck_assert_uint_eq(utf8_valid_prefix("a\xF4\x90\x80\x80", 5), 1); /* > 10FFFF */
	ck_assert_uint_eq(utf8_valid_prefix("a\xF0\x9F\x98\x80", 5), 5); /* U+1F600 */
	ck_assert_uint_eq(utf8_valid_prefix("ab\xE5\x8D", 4), 2);  /* cut short */
	ck_assert_uint_eq(utf8_valid_prefix("\xFF", 1), 0);
	ck_assert_uint_eq(utf8_valid_prefix("\x80", 1), 0);
	ck_assert_uint_eq(utf8_valid_prefix("", 0), 0);
}
END_TEST

/* The 8-bytes-at-a-time ASCII skip must not step over a bad byte at any
 * alignment. */
START_TEST(valid_prefix_every_offset)
{
	char s[64];
	for (size_t at = 0; at < 40; at++) {
		memset(s, 'x', sizeof s);
		s[at] = (char)0xFE;
		ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s), at);
		memcpy(s + at, "\xE8\x93\x9D", 3); /* 蓝 */
		ck_assert_uint_eq(utf8_valid_prefix(s, sizeof s), sizeof s);
	}
}
END_TEST

/* ---- plain UTF-8, BOM, UTF-16 --------------------------------------------- */

START_TEST(utf8_as_is)
{
	const char *t = "一、总体要求\n1.依法依规淘汰落后产能。（县发展改革委牵头）\n";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t, strlen(t), &out, &enc, &dl), 1);
	ck_assert_str_eq(out.data, t);
	ck_assert_str_eq(enc, "UTF-8");
	ck_assert_uint_eq(dl.n, 0);
	buf_free(&out);
}
END_TEST

START_TEST(utf8_bom_stripped)
{
	const char *t = "\xEF\xBB\xBF南召县\r\n";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t, strlen(t), &out, &enc, &dl), 1);
	ck_assert_str_eq(out.data, "南召县\n");
	ck_assert_str_eq(enc, "UTF-8 BOM");
	buf_free(&out);
}
END_TEST

/* A UTF-8 BOM is a promise: invalid bytes after it are an error, not a
 * reason to try GB18030. */
START_TEST(utf8_bom_then_invalid)
{
	const char *t = "\xEF\xBB\xBF第一行\n\xC4\xCF";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t, strlen(t), &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 2, 1);
	buf_free(&out);
	diag_free(&dl);
}
END_TEST

START_TEST(utf16_both_orders)
{
	const char *t = "（二）工业污染治理减排行动\n2.整治 VOCs。\n";
	const char *encs[] = { "UTF-16LE", "UTF-16BE" };
	for (int i = 0; i < 2; i++) {
		size_t n;
		char *body = encode(t, strlen(t), encs[i], &n);
		char *raw = xmalloc(n + 2);
		raw[0] = i == 0 ? (char)0xFF : (char)0xFE;
		raw[1] = i == 0 ? (char)0xFE : (char)0xFF;
		memcpy(raw + 2, body, n);
		struct buf out = {0};
		struct diag_list dl = {0};
		const char *enc = NULL;
		ck_assert_int_eq(dec(raw, n + 2, &out, &enc, &dl), 1);
		ck_assert_str_eq(out.data, t);
		ck_assert_str_eq(enc, encs[i]);
		/* An odd byte count: cut in the middle of a code unit. */
		buf_free(&out);
		ck_assert_int_eq(dec(raw, n + 1, &out, &enc, &dl), 0);
		assert_error(&dl, "字符中间结束", 2, 11);
		buf_free(&out);
		diag_free(&dl);
		free(body);
		free(raw);
	}
}
END_TEST

START_TEST(utf16_lone_surrogate)
{
	/* LE BOM, "a", then a high surrogate followed by "b". */
	const char raw[] = { (char)0xFF, (char)0xFE, 'a', 0, 0x3D, (char)0xD8,
		'b', 0 };
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(raw, sizeof raw, &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-16LE 编码", 1, 2);
	buf_free(&out);
	diag_free(&dl);
}
END_TEST

/* ---- GB18030 -------------------------------------------------------------- */

/* Every shipped plan saved as GB18030 (what Chinese Windows tools write)
 * decodes to exactly the UTF-8 original. */
START_TEST(gb18030_real_plans)
{
	for (size_t i = 0; i < sizeof plans / sizeof plans[0]; i++) {
		size_t n, gn;
		char *u = slurp(plans[i], &n);
		char *g = encode(u, n, "GB18030", &gn);
		ck_assert_msg(utf8_valid_prefix(g, gn) < gn,
		    "%s: GB18030 form is valid UTF-8?", plans[i]);
		struct buf out = {0};
		struct diag_list dl = {0};
		const char *enc = NULL;
		ck_assert_msg(dec(g, gn, &out, &enc, &dl) == 1, "%s", plans[i]);
		ck_assert_str_eq(enc, "GB18030");
		ck_assert_uint_eq(out.len, n);
		ck_assert_msg(memcmp(out.data, u, n) == 0, "%s differs", plans[i]);
		ck_assert_uint_eq(dl.n, 0);
		buf_free(&out);
		free(g);
		free(u);
	}
}
END_TEST

/* Bytes written by hand, not by our own iconv: 南召县 in GBK, CRLF, and 垱
 * (outside GB2312, GBK 0x889B) -- in a mine's name in nanyang-2024-2025. */
START_TEST(gbk_literal_bytes)
{
	const char raw[] = "\xC4\xCF\xD5\xD9\xCF\xD8\r\n\xDB\xD9\x88\x9B\xCB\xC2";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(raw, sizeof raw - 1, &out, &enc, &dl), 1);
	ck_assert_str_eq(enc, "GB18030");
	ck_assert_str_eq(out.data, "南召县\n圪垱寺");
	buf_free(&out);
}
END_TEST

/* Four-byte GB18030 sequences (characters outside GBK) convert too. */
START_TEST(gb18030_four_byte)
{
	const char *t = "细颗粒物（PM₂.₅）浓度控制在35微克/立方米以下。𠀀\n";
	size_t gn;
	char *g = encode(t, strlen(t), "GB18030", &gn);
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(g, gn, &out, &enc, &dl), 1);
	ck_assert_str_eq(enc, "GB18030");
	ck_assert_str_eq(out.data, t);
	buf_free(&out);
	free(g);
}
END_TEST

/* Documented ambiguity: " 为" in GB18030 is 20 CE AA, which is valid UTF-8
 * (" Ϊ"). Valid UTF-8 wins. */
START_TEST(short_ambiguous_is_utf8)
{
	size_t gn;
	char *g = encode(" 为", strlen(" 为"), "GB18030", &gn);
	ck_assert_uint_eq(gn, 3);
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(g, gn, &out, &enc, &dl), 1);
	ck_assert_str_eq(enc, "UTF-8");
	ck_assert_str_eq(out.data, " \xCE\xAA");
	buf_free(&out);
	free(g);
}
END_TEST

/* Latin-1 that iconv would accept as GB18030 ("è"+"m" is a legal
 * double-byte character) is refused, not turned into nonsense hanzi. */
START_TEST(latin1_not_taken_for_gb)
{
	const char raw[] = "cr\xE8me br\xFBl\xE9" "e\n";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(raw, sizeof raw - 1, &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 1, 3);
	buf_free(&out);
	diag_free(&dl);
}
END_TEST

/* A GB18030 file with a byte that is invalid in GB18030 too: the error is at
 * the GB18030 position, counted in characters. */
START_TEST(gb18030_with_bad_byte)
{
	const char *t = "南召县蓝天保卫战\n一、总体要求\n二、主要任务X（一）\n";
	size_t gn;
	char *g = encode(t, strlen(t), "GB18030", &gn);
	char *x = memchr(g, 'X', gn);
	ck_assert_ptr_nonnull(x);
	*x = (char)0xFF;
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(g, gn, &out, &enc, &dl), 0);
	assert_error(&dl, "GB18030", 3, 7);
	ck_assert_ptr_nonnull(strstr(first_level(&dl, DIAG_ERROR)->msg, "0xFF"));
	buf_free(&out);
	diag_free(&dl);
	free(g);
}
END_TEST

/* ---- invalid bytes: file:line:col ----------------------------------------- */

START_TEST(invalid_line_col)
{
	struct buf t = {0};
	for (int i = 1; i <= 11; i++)
		buf_printf(&t, "第%d行\n", i);
	buf_puts(&t, "abcd\xFF\xFE rest\n");
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t.data, t.len, &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 12, 5);
	ck_assert_ptr_nonnull(strstr(first_level(&dl, DIAG_ERROR)->msg, "0xFF"));
	/* Columns count characters, not bytes; CRLF is one line end. */
	diag_free(&dl);
	buf_free(&out);
	const char *u = "甲\r\n乙\r丙\n一二三\x80";
	ck_assert_int_eq(dec(u, strlen(u), &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 4, 4);
	diag_free(&dl);
	buf_free(&out);
	buf_free(&t);
}
END_TEST

/* A real UTF-8 plan with one byte damaged: the error points at it, whatever
 * GB18030 might make of the rest. */
START_TEST(real_plan_one_bad_byte)
{
	size_t n;
	char *u = slurp("plans/nanzhao-2024/plan.txt", &n);
	/* Start of line 12, then 4 characters in. */
	char *p = u;
	for (int l = 1; l < 12; l++)
		p = strchr(p, '\n') + 1;
	for (int c = 0; c < 4; c++) {
		unsigned char b = (unsigned char)*p;
		p += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
	}
	ck_assert_int_ge((unsigned char)*p, 0xE0); /* a CJK character */
	p[1] = 'x';                                /* break its sequence */
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(u, n, &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 12, 5);
	buf_free(&out);
	diag_free(&dl);
	free(u);
}
END_TEST

/* A file cut in the middle of a character (head -c) is an error at the
 * line and column where it ends (after 南召: line 2, column 3), with a
 * BOM or without, and nothing is returned. */
START_TEST(truncated_tail_refused)
{
	const char *cut[] = { "第一行\n南召\xE5\x8E", "\xEF\xBB\xBF第一行\n南召\xE5",
	    "第一行\n南召\xF0\x9F\x98" };
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	for (size_t i = 0; i < sizeof cut / sizeof *cut; i++) {
		ck_assert_int_eq(dec(cut[i], strlen(cut[i]), &out, &enc, &dl), 0);
		assert_error(&dl, "文件在 UTF-8 字符中间结束", 2, 3);
		ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
		ck_assert_uint_eq(out.len, 0);
		diag_free(&dl);
		buf_free(&out);
	}
	/* Whereas a lead byte followed by a non-continuation is an error. */
	const char *bad = "第一行\n南召\xE5x";
	ck_assert_int_eq(dec(bad, strlen(bad), &out, &enc, &dl), 0);
	assert_error(&dl, "无效的 UTF-8 编码", 2, 3);
	diag_free(&dl);
	buf_free(&out);
}
END_TEST

/* ---- binary, empty -------------------------------------------------------- */

START_TEST(binary_refused)
{
	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10";
	static const char ctl[] = "ab\x01\x02\x03\x04\x05\x06\x07\x08";
	static const char nul_in_text[] = "南召县\n\0\n";
	/* A NUL is located by line and column (by hand: the PNG's CR LF
	 * and LF end lines 1 and 2; 0x89 starts no character); a mass of
	 * control characters is the whole file's fault. */
	const struct { const char *d; size_t n, line, col; } cases[] = {
		{ png, sizeof png - 1, 3, 1 },
		{ ctl, sizeof ctl - 1, 0, 0 },
		{ nul_in_text, sizeof nul_in_text - 1, 2, 1 },
		{ "\0", 1, 1, 1 },
		{ "ab\n南召县\0", sizeof "ab\n南召县\0" - 1, 2, 4 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf out = {0};
		struct diag_list dl = {0};
		const char *enc = NULL;
		ck_assert_int_eq(dec(cases[i].d, cases[i].n, &out, &enc, &dl), 0);
		assert_error(&dl, "不是文本文件（含二进制数据", cases[i].line,
		    cases[i].col);
		if (cases[i].line)
			assert_error(&dl, "有 NUL 字节", cases[i].line,
			    cases[i].col);
		ck_assert_uint_eq(out.len, 0);
		buf_free(&out);
		diag_free(&dl);
	}
}
END_TEST

/* UTF-16 without a BOM is NUL-rich: refused as binary (not guessed). */
START_TEST(utf16_without_bom_is_binary)
{
	size_t n;
	char *g = encode("一、总体要求\n", strlen("一、总体要求\n"), "UTF-16LE", &n);
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(g, n, &out, &enc, &dl), 0);
	/* 一 is 00 4E: the NUL is the first byte. */
	assert_error(&dl, "不是文本文件", 1, 1);
	buf_free(&out);
	diag_free(&dl);
	free(g);
}
END_TEST

START_TEST(empty_and_blank)
{
	const char *cases[] = { "", " \n\t\r\n", "\xE3\x80\x80\n", "\xEF\xBB\xBF",
		"\xEF\xBB\xBF \r\n" };
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct buf out = {0};
		struct diag_list dl = {0};
		const char *enc = NULL;
		ck_assert_int_eq(dec(cases[i], strlen(cases[i]), &out, &enc, &dl), 0);
		assert_error(&dl, "文件为空", 0, 0);
		buf_free(&out);
		diag_free(&dl);
	}
}
END_TEST

/* ---- normalisation -------------------------------------------------------- */

START_TEST(line_ends_normalised)
{
	const char *t = "a\r\nb\rc\n\r\nd\r\re\r";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t, strlen(t), &out, &enc, &dl), 1);
	ck_assert_str_eq(out.data, "a\nb\nc\n\nd\n\ne\n");
	ck_assert_uint_eq(dl.n, 0);
	buf_free(&out);
}
END_TEST

START_TEST(stray_controls_replaced)
{
	const char *t = "第一行\f分页\n任务\x08一\x1B二\n\x1A";
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	ck_assert_int_eq(dec(t, strlen(t), &out, &enc, &dl), 1);
	/* FF (page break from pdftotext) is kept; BS and ESC become spaces; the
	 * final DOS EOF goes. */
	ck_assert_str_eq(out.data, "第一行\f分页\n任务 一 二\n");
	const struct diag *w = first_level(&dl, DIAG_WARNING);
	ck_assert_ptr_nonnull(w);
	ck_assert_uint_eq(w->line, 2);
	ck_assert_uint_eq(w->col, 3);
	ck_assert_ptr_nonnull(strstr(w->msg, "共 2 处"));
	diag_free(&dl);
	buf_free(&out);
}
END_TEST

/* ---- size and speed ------------------------------------------------------- */

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A 10 MB single line, in UTF-8 and in GB18030, CRLF-terminated: decoded
 * in linear time (a quadratic pass would take minutes). */
START_TEST(ten_mb_single_line)
{
	const char *unit = "县生态环境分局牵头，PM2.5 浓度下降；";
	size_t ul = strlen(unit);
	struct buf t = {0};
	while (t.len < 10u << 20)
		buf_put(&t, unit, ul);
	buf_puts(&t, "\r\n");
	size_t gn;
	char *g = encode(t.data, t.len, "GB18030", &gn);
	const char *data[2] = { t.data, g };
	size_t lens[2] = { t.len, gn };
	for (int i = 0; i < 2; i++) {
		struct buf out = {0};
		struct diag_list dl = {0};
		const char *enc = NULL;
		double t0 = now();
		ck_assert_int_eq(dec(data[i], lens[i], &out, &enc, &dl), 1);
		double dt = now() - t0;
		ck_assert_str_eq(enc, i ? "GB18030" : "UTF-8");
		ck_assert_uint_eq(out.len, t.len - 1);
		ck_assert_int_eq(memcmp(out.data, t.data, t.len - 2), 0);
		ck_assert_msg(dt < 5.0, "decoding 10 MB took %.2f s", dt);
		buf_free(&out);
	}
	/* An invalid byte at the very end of the line is found and placed. */
	t.data[t.len - 3] = (char)0xFF;
	struct buf out = {0};
	struct diag_list dl = {0};
	const char *enc = NULL;
	double t0 = now();
	ck_assert_int_eq(dec(t.data, t.len, &out, &enc, &dl), 0);
	ck_assert_msg(now() - t0 < 5.0, "error path too slow");
	const struct diag *d = first_level(&dl, DIAG_ERROR);
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->line, 1);
	ck_assert_uint_gt(d->col, 1000000);
	diag_free(&dl);
	buf_free(&out);
	free(g);
	buf_free(&t);
}
END_TEST

/* ---- file_read_all -------------------------------------------------------- */

static char tmpdir[] = "/tmp/lt_textload_XXXXXX";

static void
make_tmpdir(void)
{
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static char *
write_tmp(const char *name, const char *data, size_t n)
{
	char *p = xasprintf("%s/%s", tmpdir, name);
	FILE *fp = fopen(p, "wb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, n, fp), n);
	fclose(fp);
	return p;
}

START_TEST(read_refusals)
{
	make_tmpdir();
	struct buf b = {0};
	struct diag_list dl = {0};

	/* A directory. */
	ck_assert_int_eq(file_read_all(tmpdir, 0, &b, &dl), 0);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_str_eq(dl.v[0].file, tmpdir);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "目录"));
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, strerror(EISDIR)));
	diag_free(&dl);

	/* A file that does not exist: the OS error is named. */
	char *missing = xasprintf("%s/nope.txt", tmpdir);
	ck_assert_int_eq(file_read_all(missing, 0, &b, &dl), 0);
	ck_assert_str_eq(dl.v[0].file, missing);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "无法打开文件"));
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, strerror(ENOENT)));
	diag_free(&dl);

	/* Over the limit. */
	char *big = write_tmp("big.txt", "0123456789", 10);
	ck_assert_int_eq(file_read_all(big, 9, &b, &dl), 0);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "文件过大"));
	diag_free(&dl);
	ck_assert_int_eq(file_read_all(big, 10, &b, &dl), 1);
	ck_assert_uint_eq(b.len, 10);
	ck_assert_str_eq(b.data, "0123456789");

	/* Unreadable (root reads anything, so only when not root). */
	if (geteuid() != 0) {
		chmod(big, 0);
		ck_assert_int_eq(file_read_all(big, 0, &b, &dl), 0);
		ck_assert_ptr_nonnull(strstr(dl.v[0].msg, strerror(EACCES)));
		diag_free(&dl);
	}

	/* An empty file reads as "" (text_decode then refuses it). */
	char *empty = write_tmp("empty.txt", "", 0);
	ck_assert_int_eq(file_read_all(empty, 0, &b, &dl), 1);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");

	/* A real plan, byte for byte, replacing what the buffer held. */
	ck_assert_int_eq(file_read_all(lt_path("plans/xiaye-2023/plan.txt"), 0,
	    &b, &dl), 1);
	struct stat st;
	ck_assert_int_eq(stat(lt_path("plans/xiaye-2023/plan.txt"), &st), 0);
	ck_assert_uint_eq(b.len, (size_t)st.st_size);
	ck_assert_uint_eq(strlen(b.data), b.len);
	ck_assert_uint_eq(dl.n, 0);

	unlink(big);
	unlink(empty);
	rmdir(tmpdir);
	free(big);
	free(empty);
	free(missing);
	buf_free(&b);
}
END_TEST

static Suite *
textload_suite(void)
{
	Suite *s = suite_create("textload");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, valid_prefix_rules);
	tcase_add_test(tc, valid_prefix_every_offset);
	tcase_add_test(tc, utf8_as_is);
	tcase_add_test(tc, utf8_bom_stripped);
	tcase_add_test(tc, utf8_bom_then_invalid);
	tcase_add_test(tc, utf16_both_orders);
	tcase_add_test(tc, utf16_lone_surrogate);
	tcase_add_test(tc, gb18030_real_plans);
	tcase_add_test(tc, gbk_literal_bytes);
	tcase_add_test(tc, gb18030_four_byte);
	tcase_add_test(tc, short_ambiguous_is_utf8);
	tcase_add_test(tc, latin1_not_taken_for_gb);
	tcase_add_test(tc, gb18030_with_bad_byte);
	tcase_add_test(tc, invalid_line_col);
	tcase_add_test(tc, real_plan_one_bad_byte);
	tcase_add_test(tc, truncated_tail_refused);
	tcase_add_test(tc, binary_refused);
	tcase_add_test(tc, utf16_without_bom_is_binary);
	tcase_add_test(tc, empty_and_blank);
	tcase_add_test(tc, line_ends_normalised);
	tcase_add_test(tc, stray_controls_replaced);
	tcase_add_test(tc, ten_mb_single_line);
	tcase_add_test(tc, read_refusals);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(textload_suite)
