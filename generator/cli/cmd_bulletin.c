/*
 * cmd_bulletin.c -- `lantian bulletin`: one plan-month's work bulletin
 * (工作通报) as PDF from the merged document and, optionally, the month's
 * ranking, the area index and the staff commentary. Reads the files,
 * calls bulletin_render(), writes the PDF atomically, prints diagnostics.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin.h"
#include "buf.h"
#include "diag.h"
#include "fonts.h"
#include "fsutil.h"
#include "textload.h"
#include "util.h"

static const char usage_text[] =
    "用法 (usage): lantian bulletin MERGED.xml [-r RANKING.xml] [-a AREA_INDEX.xml]\n"
    "                               [-m COMMENTARY.md] [--ytd] [--issuer 名称]\n"
    "                               [--date YYYY-MM-DD] [--number N] -o OUT.pdf\n"
    "\n"
    "Sets the monthly work bulletin (工作通报) of one plan-month as PDF:\n"
    "  MERGED.xml       output/merged/<plan>/<YYYY-MM>.xml (required)\n"
    "  -r RANKING.xml   output/air/ranking/<YYYY-MM>.xml: ranking of the areas\n"
    "  -a INDEX.xml     output/air/<area>/index.xml: the monthly trend chart\n"
    "  -m FILE.md       plans/<plan>/commentary/<YYYY-MM>.md: 存在问题、下步工作\n"
    "                   (Markdown; pipe tables; raw HTML is shown as text)\n"
    "  --ytd            the year-to-date edition (1—M月)\n"
    "  --issuer NAME    the issuing body (default: <place>大气污染防治攻坚战领导小组办公室)\n"
    "  --date D         成文日期 (YYYY-MM-DD; default: SOURCE_DATE_EPOCH, else the\n"
    "                   data's as-of date)\n"
    "  --number N       期号 in the year (default: the month)\n"
    "  -o OUT.pdf       the output file (written atomically)\n"
    "\n"
    "The document date is SOURCE_DATE_EPOCH when set, else the data's as-of date.\n"
    "Fonts: the pinned faces of fonts/ (run from the repository root).\n";

struct opts {
	const char *merged, *ranking, *index, *commentary, *out, *issuer;
	const char *date, *number;
	int ytd;
};

static int
parse_args(int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dst = NULL;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(usage_text, stdout);
			return -1;
		} else if (strcmp(a, "--ytd") == 0) {
			o->ytd = 1;
			continue;
		} else if (strcmp(a, "-r") == 0) {
			dst = &o->ranking;
		} else if (strcmp(a, "-a") == 0) {
			dst = &o->index;
		} else if (strcmp(a, "-m") == 0) {
			dst = &o->commentary;
		} else if (strcmp(a, "-o") == 0) {
			dst = &o->out;
		} else if (strcmp(a, "--issuer") == 0) {
			dst = &o->issuer;
		} else if (strcmp(a, "--date") == 0) {
			dst = &o->date;
		} else if (strcmp(a, "--number") == 0) {
			dst = &o->number;
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "lantian bulletin: 未知选项 %s (unknown option)\n", a);
			return 0;
		} else if (!o->merged) {
			o->merged = a;
			continue;
		} else {
			fprintf(stderr, "lantian bulletin: 多余的参数 %s (extra argument)\n", a);
			return 0;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "lantian bulletin: %s 需要一个参数 (needs a value)\n", a);
			return 0;
		}
		*dst = argv[++i];
	}
	if (!o->merged || !o->out) {
		fputs(usage_text, stderr);
		return 0;
	}
	int y, m, d, n;
	char tail;
	if (o->date && (sscanf(o->date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3
	    || strlen(o->date) != 10 || m < 1 || m > 12 || d < 1 || d > 31)) {
		fprintf(stderr, "lantian bulletin: --date %s 不是日期，应为 YYYY-MM-DD"
		    "（如 2024-09-05）(bad date)\n", o->date);
		return 0;
	}
	if (o->number && (sscanf(o->number, "%d%c", &n, &tail) != 1 || n < 1 ||
	    n > 999)) {
		fprintf(stderr, "lantian bulletin: --number %s 不是期号，应为 1 到 999 "
		    "的整数 (bad number)\n", o->number);
		return 0;
	}
	return 1;
}

/* SOURCE_DATE_EPOCH as seconds, or 0 (unset: the data's date is used);
 * -1 when it is set but not a number. */
static int64_t
source_date_epoch(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s || !*s)
		return 0;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v <= 0)
		return -1;
	return (int64_t)v;
}

static int
read_src(const char *path, struct buf *b, struct bulletin_src *src,
    struct diag_list *dl)
{
	src->name = path;
	src->data = NULL;
	src->len = 0;
	if (!path)
		return 1;
	if (!file_read_all(path, 0, b, dl))
		return 0;
	src->data = b->data ? b->data : "";
	src->len = b->len;
	return 1;
}

int
cmd_bulletin(int argc, char **argv)
{
	struct opts o;
	int pa = parse_args(argc, argv, &o);
	if (pa <= 0)
		return pa < 0 ? 0 : 2;
	struct diag_list dl = { 0 };
	struct buf bm = { 0 }, br = { 0 }, bi = { 0 }, bc = { 0 }, pdf = { 0 };
	struct bulletin_input in = { 0 };
	int rc = 1;
	int64_t sde = source_date_epoch();
	if (sde < 0) {
		fprintf(stderr, "lantian bulletin: SOURCE_DATE_EPOCH 不是有效的秒数 "
		    "(not a number of seconds)\n");
		return 2;
	}
	in.edition = o.ytd ? BULLETIN_YTD : BULLETIN_MONTH;
	in.issuer = o.issuer;
	in.date = sde;
	in.doc_date = o.date;
	in.number = o.number ? atoi(o.number) : 0;
	in.creator = "lantian " LANTIAN_VERSION;
	struct fonts *f = NULL;
	if (!read_src(o.merged, &bm, &in.merged, &dl) ||
	    !read_src(o.ranking, &br, &in.ranking, &dl) ||
	    !read_src(o.index, &bi, &in.area_index, &dl) ||
	    !read_src(o.commentary, &bc, &in.commentary, &dl))
		goto out;
	/* an absolute directory: fontconfig looks a relative configuration
	 * file up in its own system directory, not in the working one */
	char *fdir = realpath("fonts", NULL);
	f = fonts_open(fdir ? fdir : "fonts", "build/fontconfig-cache", NULL,
	    &dl);
	free(fdir);
	if (!f)
		goto out;
	int pages = bulletin_render(f, &in, &pdf, &dl);
	if (!pages)
		goto out;
	if (fs_write_atomic(o.out, pdf.data, pdf.len) != 0) {
		diag_add(&dl, DIAG_ERROR, o.out, 0, 0, "无法写入：%s",
		    strerror(errno));
		goto out;
	}
	fprintf(stderr, "lantian bulletin: %s：%d 页 (%d pages)\n", o.out,
	    pages, pages);
	rc = 0;
out:
	diag_print(&dl, stderr);
	if (rc == 0 && diag_count(&dl, DIAG_ERROR))
		rc = 1;
	diag_free(&dl);
	if (f)
		fonts_close(f);
	buf_free(&bm);
	buf_free(&br);
	buf_free(&bi);
	buf_free(&bc);
	buf_free(&pdf);
	return rc;
}
