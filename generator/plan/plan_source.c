/*
 * plan_source.c -- a plan file's format, by content (see plan_source.h).
 */
#include "plan_source.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "input_limits.h"
#include "plan_script.h"
#include "read_docx.h"
#include "read_pdf.h"
#include "textload.h"
#include "util.h"
#include "zippkg.h"

/* What to do with a document lantian cannot read, in the staff's words. */
#define SAVE_AS_DOCX "用 WPS 或 Word 打开后“另存为” .docx 格式再放入"

static int
is_ole2(const char *data, size_t len)
{
	static const unsigned char magic[8] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };
	return len >= 8 && !memcmp(data, magic, 8);
}

/* No line longer than PLAN_MAX_LINE_CHARS characters and no more than
 * PLAN_MAX_LINES lines (decoded text, LF line ends): else an error naming
 * the first line over the limit. One pass, before anything is split. */
static int
lines_within_limits(const char *path, const char *t, size_t n,
    struct diag_list *dl)
{
	size_t line = 1, chars = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] == '\n') {
			if (++line > PLAN_MAX_LINES) {
				diag_add(dl, DIAG_ERROR, path, line, 0,
				    "方案超过 %d 行的上限", PLAN_MAX_LINES);
				return 0;
			}
			chars = 0;
		} else if (((unsigned char)t[i] & 0xC0) != 0x80 &&
		    ++chars > PLAN_MAX_LINE_CHARS) {
			diag_add(dl, DIAG_ERROR, path, line, 0,
			    "本行超过每行 %d 个字符的上限", PLAN_MAX_LINE_CHARS);
			return 0;
		}
	}
	return 1;
}

/* Traditional script in lines read from a document (.docx, PDF): folded
 * as one text, line by line (the folding is character by character, so
 * the lines stay as they are). */
static struct script_map *
fold_lines(struct plines *l, const char *path, struct diag_list *dl)
{
	struct buf t = {0};
	for (size_t i = 0; i < l->n; i++) {
		buf_puts(&t, l->text[i]);
		buf_putc(&t, '\n');
	}
	if (!t.data) {
		buf_free(&t);
		return NULL;
	}
	struct script_map *m = script_fold(&t, path, dl);
	if (m) {
		char *s = t.data;
		for (size_t i = 0; i < l->n; i++) {
			char *nl = strchr(s, '\n');
			if (nl)
				*nl = '\0';
			free(l->text[i]);
			l->text[i] = xstrdup(s);
			s = nl ? nl + 1 : s + strlen(s);
		}
	}
	buf_free(&t);
	return m;
}

int
plan_source_read(const char *path, const char *data, size_t len, int markdown,
    struct ptext *out, const char **encoding, struct script_map **script,
    struct diag_list *dl)
{
	memset(out, 0, sizeof *out);
	*encoding = "UTF-8";
	*script = NULL;
	if (zippkg_is_zip(data, len)) {
		struct plines lines = {0};
		int ok = docx_read(path, data, len, &lines, dl);
		if (ok) {
			*script = fold_lines(&lines, path, dl);
			plan_text_from_lines(&lines, PLAN_FORMAT_DOCX, out);
		}
		plines_free(&lines);
		return ok;
	}
	if (is_ole2(data, len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "这是旧版 Word（.doc）或 WPS（.wps）文档，无法直接读取：请" SAVE_AS_DOCX);
		return 0;
	}
	if (pdf_is_pdf(data, len)) {
		struct plines lines = {0};
		int ok = pdf_read(path, data, len, &lines, dl);
		if (ok) {
			*script = fold_lines(&lines, path, dl);
			plan_text_from_lines(&lines, PLAN_FORMAT_PDF, out);
		}
		plines_free(&lines);
		return ok;
	}
	struct buf text = {0};
	if (!text_decode(path, data, len, &text, encoding, dl)) {
		buf_free(&text);
		return 0;
	}
	if (!lines_within_limits(path, text.data, text.len, dl)) {
		buf_free(&text);
		return 0;
	}
	/* Traditional script: the rules match a simplified folding. */
	*script = script_fold(&text, path, dl);
	plan_text_split(text.data, text.len, markdown, out);
	buf_free(&text);
	return 1;
}
