/*
 * main.c -- the lantian command line: dispatch to a subcommand.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <locale.h>

#include "commands.h"
#include "generator_id.h"
#include "lang.h"

static const struct command {
	const char *name;
	int (*run)(int, char **);
	const char *zh, *en;    /* one line of help */
} commands[] = {
	{ "init",  cmd_init,  "新建发布目录（模板、字体配置，可带一份方案）",
	  "create a publication tree (templates, fonts, a plan)" },
	{ "build", cmd_build, "生成全部输出：plans/ → output/（只重建有变化的部分）",
	  "build the publication: plans/ -> output/ (only what changed)" },
	{ "check", cmd_check, "检查全部输入，按“文件:行”报告问题，不写任何文件",
	  "validate every input of the publication, report file:line problems" },
	{ "parse", cmd_parse, "解析一份方案，输出任务 XML（或 --json）",
	  "parse one plan text and print its task XML (or --json)" },
	{ "aqi",   cmd_aqi,   "按 HJ 633 计算标准输入中各行浓度的 AQI",
	  "compute AQI for CSV rows of concentrations on stdin" },
	{ "simulate", cmd_simulate, "重新生成 plans/stations.csv 中模拟站点的监测数据",
	  "regenerate the simulated monitoring data of plans/stations.csv" },
	{ "bulletin", cmd_bulletin, "由一份合并文档排版一期 PDF 通报",
	  "typeset one PDF bulletin from a merged document" },
	{ "site",  cmd_site,  "由 output/ 重新生成整个网站 output/site/",
	  "render the whole site from output/ into output/site/ (no incremental check)" },
	{ "issue", cmd_issue, "签发一期通报：期号、成文日期和文件从此固定",
	  "issue a bulletin edition: its number, date and bytes frozen" },
	{ "ledger", cmd_ledger, "写出某月的台账工作簿（每个单位一个，另有汇总）",
	  "write a month's ledger workbooks (one per unit, and one for all)" },
	{ "status", cmd_status, "催报清单：哪些单位未报送、哪些任务逾期或即将到期",
	  "who has not reported, overdue and due-soon tasks by unit" },
	{ "typeset", cmd_typeset, "把任一 Markdown 文档排成 GB/T 9704 公文 PDF",
	  "set any Markdown document as a GB/T 9704 公文 PDF" },
};

static void
usage(FILE *fp)
{
	int en = lang_english();
	fputs(en ? "usage: lantian [-C DIR] [--lang en|zh] COMMAND [OPTIONS]\n"
	    "\n"
	    "lantian (蓝天) turns air-quality action plans into task XML, bulletins\n"
	    "and a disclosure site, rebuilding only what changed.\n"
	    "\n"
	    "Commands:\n"
	    : "用法: lantian [-C 目录] [--lang en|zh] 命令 [选项]\n"
	    "\n"
	    "lantian（蓝天）把大气污染防治实施方案变成任务清单、月度通报和\n"
	    "信息公开网站，每次只重建有变化的部分。\n"
	    "\n"
	    "命令：\n", fp);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(fp, "  %-9s %s\n", commands[i].name,
		    en ? commands[i].en : commands[i].zh);
	fputs(en ? "\n"
	    "Options:\n"
	    "  -C DIR        run in the publication tree DIR (default: .)\n"
	    "  --lang en|zh  language of the help (default: Chinese; English\n"
	    "                also with LANTIAN_LANG=en or an en_* locale)\n"
	    "  -h, --help    this help; 'lantian COMMAND --help' for a command\n"
	    "  --version     print the version\n"
	    "\n"
	    "See lantian(1).\n"
	    : "\n"
	    "选项：\n"
	    "  -C 目录       在该发布目录中运行（默认：当前目录）\n"
	    "  --lang en|zh  帮助的语言（默认中文；LANTIAN_LANG=en 或英文\n"
	    "                locale 时为英文）\n"
	    "  -h, --help    本帮助；各命令的帮助：lantian 命令 --help\n"
	    "  --version     显示版本\n"
	    "\n"
	    "详见 man lantian。\n", fp);
}

int
main(int argc, char **argv)
{
	/* Output never depends on the user's locale. */
	setlocale(LC_ALL, "C");
	int i = 1;
	const char *dir = NULL;
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--version")) {
			printf("lantian %s (generator %s)\n", LANTIAN_VERSION,
			    LANTIAN_GENERATOR_ID);
			return 0;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			if (lang_set(argv[i + 1]) != 0) {
				fprintf(stderr, "lantian: --lang 只能是 en 或 zh "
				    "(unknown language '%s')\n", argv[i + 1]);
				return 2;
			}
			i += 2;
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			if (lang_set(argv[i] + 7) != 0) {
				fprintf(stderr, "lantian: --lang 只能是 en 或 zh "
				    "(unknown language '%s')\n", argv[i] + 7);
				return 2;
			}
			i++;
		} else if (!strcmp(argv[i], "-C") && i + 1 < argc) {
			dir = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "-C", 2) && argv[i][2]) {
			dir = argv[i] + 2;
			i++;
		} else {
			fprintf(stderr, "lantian: 未知选项 '%s' (unknown option)\n", argv[i]);
			usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	if (dir && chdir(dir) != 0) {
		fprintf(stderr, "lantian: %s: 无法进入目录 (cannot enter directory): %s\n",
		    dir, strerror(errno));
		return 1;
	}
	for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
		if (!strcmp(argv[i], commands[k].name))
			return commands[k].run(argc - i, argv + i);
	fprintf(stderr, "lantian: 未知命令 '%s' (unknown command); see 'lantian --help'\n", argv[i]);
	return 2;
}
