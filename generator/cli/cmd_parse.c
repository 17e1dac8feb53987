/*
 * cmd_parse.c -- `lantian parse FILE [--json|--xml] [-o OUT]`: one plan
 * text to its task XML (default) or the JSON export, on stdout or in OUT
 * (written atomically). Diagnostics go to stderr as file:line: 级别: message.
 * Whatever was found is printed, even a plan with no task (0 tasks: a
 * valid document), with the warnings and the parse report on stderr.
 * Exit 0 when the plan parsed without errors and has tasks, 1 otherwise,
 * 2 on usage.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lang.h"
#include "buf.h"
#include "commands.h"
#include "diag.h"
#include "fsutil.h"
#include "plan_json.h"
#include "plan_lint.h"
#include "plan_parse.h"
#include "plan_xml.h"

static void
parse_usage(FILE *fp)
{
	fputs(lang_pick("用法: lantian parse 文件 [--json | --xml] [-o 输出]\n"
	    "  解析一份方案（纯文本、Markdown、.docx、PDF 或网页转载；UTF-8 或\n"
	    "  GB18030；繁体字自动转为简体），输出其任务 XML（默认，已按模式\n"
	    "  校验）或 --json（字段名与核对文件一致）。警告和解析报告写到\n"
	    "  标准错误。\n",
	    "usage: lantian parse FILE [--json | --xml] [-o OUT]\n"
	    "  Parse one plan text (plain, Markdown, .docx, PDF or a web repost;\n"
	    "  UTF-8 or GB18030; traditional script folded to simplified) and\n"
	    "  print its task XML (default, schema-validated) or --json, the\n"
	    "  export with the field names of the truth files.\n"), fp);
}

int
cmd_parse(int argc, char **argv)
{
	const char *file = NULL, *out = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			json = 1;
		} else if (!strcmp(argv[i], "--xml")) {
			json = 0;
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			out = argv[++i];
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			parse_usage(stdout);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "lantian parse: 未知选项 '%s'\n", argv[i]);
			parse_usage(stderr);
			return 2;
		} else if (!file) {
			file = argv[i];
		} else {
			parse_usage(stderr);
			return 2;
		}
	}
	if (!file) {
		parse_usage(stderr);
		return 2;
	}
	struct diag_list dl = {0};
	struct plan *p = plan_parse_file(file, NULL, &dl);
	struct buf b = {0};
	int ok = p != NULL;
	int written = ok;
	if (p) {
		plan_lint(p, file, LINT_PARSE, &dl);
		if (json)
			plan_write_json(p, &b);
		else if (!plan_write_xml(p, &b, &dl))
			written = ok = 0;
		if (!p->n_tasks)
			ok = 0;
	}
	/* Never silent, never all-or-nothing: what was found is printed, and
	 * the exit status says whether it is usable. */
	if (diag_count(&dl, DIAG_ERROR))
		ok = 0;
	if (written && b.len) {
		if (out) {
			if (fs_write_atomic(out, b.data, b.len) != 0) {
				diag_add(&dl, DIAG_ERROR, out, 0, 0, "无法写入: %s", strerror(errno));
				ok = 0;
			}
		} else {
			fwrite(b.data, 1, b.len, stdout);
		}
	}
	diag_print(&dl, stderr);
	int status = ok && !diag_count(&dl, DIAG_ERROR) ? 0 : 1;
	buf_free(&b);
	plan_free(p);
	diag_free(&dl);
	return status;
}
