/*
 * cmd_typeset.c -- `lantian typeset DOC.md -o DOC.pdf`: any Markdown
 * document as a GB/T 9704 official document (公文), its 版头, 标题, 主送,
 * 附件, 署名 and 版记 from the front matter (gongwen.h), set by the
 * bulletins' typesetter on the pinned fonts. Reads the file, writes the
 * PDF atomically, prints diagnostics.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "diag.h"
#include "fonts.h"
#include "fsutil.h"
#include "gongwen.h"
#include "textload.h"

static const char usage_text[] =
    "用法 (usage): lantian typeset DOC.md -o DOC.pdf\n"
    "\n"
    "把任意 Markdown 文档排成 GB/T 9704 公文格式的 PDF（与工作通报同一排版器、同一套字体）。\n"
    "Sets any Markdown document as a GB/T 9704 official document (公文):\n"
    "  DOC.md      Markdown (UTF-8, GB18030 or UTF-16); pipe tables; raw HTML\n"
    "              is shown as text. It may start with front matter:\n"
    "                ---\n"
    "                版头: XX市大气污染防治攻坚战领导小组办公室\n"
    "                发文字号: X环攻坚办〔2024〕1号\n"
    "                标题: 关于……的通知\n"
    "                主送: 各县（市、区）人民政府\n"
    "                附件:\n"
    "                  - 重点任务清单\n"
    "                署名: XX市大气污染防治攻坚战领导小组办公室\n"
    "                日期: 2024年3月1日\n"
    "                抄送: 市委办公室，市人大常委会办公室\n"
    "                印发机关: XX市大气污染防治攻坚战领导小组办公室\n"
    "                印发日期: 2024年3月1日\n"
    "                ---\n"
    "              (English keys: masthead number title to attachments issuer\n"
    "              date cc printer printed). Headings are numbered 一、（一）1．\n"
    "  -o DOC.pdf  the output file (written atomically)\n"
    "\n"
    "The PDF's date is SOURCE_DATE_EPOCH when set, else 0 (never the clock):\n"
    "the same input gives the same bytes.\n"
    "Fonts: the pinned faces of fonts/ (run from the repository root or use -C).\n";

static int
parse_args(int argc, char **argv, const char **in, const char **out)
{
	*in = *out = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return -1;
		} else if (strcmp(a, "-o") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "lantian typeset: -o 需要一个参数 "
				    "(needs a value)\n");
				return 0;
			}
			*out = argv[++i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "lantian typeset: 未知选项 %s "
			    "(unknown option)\n", a);
			return 0;
		} else if (*in == NULL) {
			*in = a;
		} else {
			fprintf(stderr, "lantian typeset: 多余的参数 %s "
			    "(extra argument)\n", a);
			return 0;
		}
	}
	if (*in == NULL || *out == NULL) {
		fputs(usage_text, stderr);
		return 0;
	}
	return 1;
}

/* SOURCE_DATE_EPOCH, 0 when unset, -1 when not a number of seconds. */
static long long
date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < 0)
		return -1;
	return v;
}

int
cmd_typeset(int argc, char **argv)
{
	const char *in, *out;
	struct diag_list dl = { 0 };
	struct buf raw = { 0 }, text = { 0 }, pdf = { 0 };
	struct gw_front fm = { 0 };
	struct fonts *f = NULL;
	const char *enc;
	int pa = parse_args(argc, argv, &in, &out), rc = 1, pages, have_fm = 0;
	long long epoch = date_epoch();

	if (pa <= 0)
		return pa < 0 ? 0 : 2;
	if (epoch < 0) {
		fprintf(stderr, "lantian typeset: SOURCE_DATE_EPOCH 不是有效的秒数 "
		    "(not a number of seconds)\n");
		return 2;
	}
	if (!file_read_all(in, 0, &raw, &dl) ||
	    !text_decode(in, raw.data ? raw.data : "", raw.len, &text, &enc,
	    &dl) || !(have_fm = gw_front_parse(in, text.data, text.len, &fm,
	    &dl)))
		goto done;
	/* an absolute directory: fontconfig looks a relative configuration
	 * file up in its own system directory, not in the working one */
	{
		char *fdir = realpath("fonts", NULL);
		f = fonts_open(fdir ? fdir : "fonts", "build/fontconfig-cache",
		    NULL, &dl);
		free(fdir);
	}
	if (f == NULL)
		goto done;
	{
		struct gw_meta meta = { "lantian " LANTIAN_VERSION,
		    (int64_t)epoch };
		pages = gw_render(f, &fm, in, text.data, text.len, &meta, &pdf,
		    &dl);
	}
	if (pages == 0)
		goto done;
	if (fs_write_atomic(out, pdf.data, pdf.len) != 0) {
		diag_add(&dl, DIAG_ERROR, out, 0, 0, "无法写入：%s",
		    strerror(errno));
		goto done;
	}
	fprintf(stderr, "lantian typeset: %s：%d 页 (%d pages)\n", out, pages,
	    pages);
	rc = 0;
done:
	diag_print(&dl, stderr);
	if (rc == 0 && diag_count(&dl, DIAG_ERROR))
		rc = 1;
	diag_free(&dl);
	if (have_fm)
		gw_front_free(&fm);
	if (f != NULL)
		fonts_close(f);
	buf_free(&raw);
	buf_free(&text);
	buf_free(&pdf);
	return rc;
}
