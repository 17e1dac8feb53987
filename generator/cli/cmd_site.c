/*
 * cmd_site.c -- `lantian site`: build the whole public website into
 * output/site/ from output/ (after `lantian build`), in one go, and
 * report the pages written. The work is site.c's; this file reads
 * options, opens the fonts for the charts, and prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "lang.h"
#include "build.h"
#include "commands.h"
#include "diag.h"
#include "fonts.h"
#include "site.h"

static void
site_usage(FILE *fp)
{
	fputs(lang_pick("用法: lantian site [-q] [--no-charts]\n"
	    "\n"
	    "由 lantian build 的输出（output/xml/、output/merged/、output/air/、\n"
	    "output/bulletin/）和 templates/site/ 中的样式表生成信息公开网站\n"
	    "output/site/。每一页都重新生成；内容未变的文件不改写，不再生成的\n"
	    "页面被删除。把 output/site/ 复制到任何静态网站服务器即可，也可\n"
	    "直接打开 index.html。同一目录的 lantian build 运行时拒绝执行（两者\n"
	    "共用锁 output/.lantian/lock）。\n"
	    "\n"
	    "  --no-charts  不生成 SVG 图表（不加载字体）\n"
	    "  -q           安静：只显示错误\n",
	    "usage: lantian site [-q] [--no-charts]\n"
	    "\n"
	    "Build the public information-disclosure website into output/site/\n"
	    "from the outputs of 'lantian build' (output/xml/, output/merged/,\n"
	    "output/air/, output/bulletin/) and the stylesheets in\n"
	    "templates/site/. Every page is rendered; files whose content is\n"
	    "unchanged are left alone, and pages no longer produced are removed.\n"
	    "Copy output/site/ to any static web server, or open index.html.\n"
	    "Refused while a 'lantian build' of the tree runs (they share the\n"
	    "lock output/.lantian/lock).\n"
	    "\n"
	    "  --no-charts  leave out the SVG charts (no fonts are loaded)\n"
	    "  -q           quiet: print errors only\n"), fp);
}

static double
elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

int
cmd_site(int argc, char **argv)
{
	int quiet = 0, charts = 1;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			site_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) {
			quiet = 1;
		} else if (!strcmp(argv[i], "--no-charts")) {
			charts = 0;
		} else {
			fprintf(stderr, "lantian site: 未知选项 '%s' (unknown option)\n",
			    argv[i]);
			site_usage(stderr);
			return 2;
		}
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct diag_list dl = { 0 };
	/* A build rewrites what the site reads, and its own site pages. */
	int lock = build_lock(&dl);
	if (lock < 0) {
		diag_print(&dl, stderr);
		diag_free(&dl);
		fprintf(stderr, "lantian site: 网站未生成 (site not built: "
		    "output/ is locked)\n");
		return 1;
	}
	struct fonts *f = NULL;
	if (charts) {
		struct diag_list fdl = { 0 };
		f = fonts_open("fonts", "build/fontconfig-cache", NULL, &fdl);
		if (!f) {
			/* The site is still useful without its charts. */
			for (size_t i = 0; i < fdl.n; i++)
				fdl.v[i].level = DIAG_WARNING;
			diag_add(&fdl, DIAG_WARNING, "fonts", 0, 0,
			    "字体不可用，网站中不含统计图");
		}
		diag_move(&dl, &fdl);
		diag_free(&fdl);
	}
	int ok = 0;
	size_t pages = 0;
	struct site *s = site_open(".", f, &dl);
	if (s) {
		struct site_pages ps = { 0 };
		/* Counted apart from writing: site_write_all enumerates
		 * again, which costs microseconds. */
		if (site_enumerate(s, &ps, &dl))
			pages = ps.n;
		site_pages_free(&ps);
		ok = pages && site_write_all(s, &dl);
		site_close(s);
	}
	fonts_close(f);
	double ms = elapsed_ms(&t0);
	if (quiet) {
		struct diag_list errs = { 0 };
		for (size_t i = 0; i < dl.n; i++)
			if (dl.v[i].level == DIAG_ERROR)
				diag_add(&errs, DIAG_ERROR, dl.v[i].file,
				    dl.v[i].line, dl.v[i].col, "%s", dl.v[i].msg);
		diag_print(&errs, stderr);
		diag_free(&errs);
	} else {
		diag_print(&dl, stderr);
	}
	int errors = diag_count(&dl, DIAG_ERROR) > 0;
	diag_free(&dl);
	close(lock);
	if (!ok || errors) {
		fprintf(stderr, "lantian site: 网站生成失败 (site build failed)\n");
		return 1;
	}
	if (!quiet)
		printf("lantian site: %zu 个页面写入 output/site/，用时 %.1f ms "
		    "(%.3f ms/页)\n", pages, ms, ms / (double)pages);
	return 0;
}
