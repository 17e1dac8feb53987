/*
 * cmd_init.c -- `lantian init [DIR] [--plan FILE] [--id ID]`: a new
 * publication tree, ready to build, as `hugo new site` makes one: the
 * default site templates and the pinned font configuration copied from
 * lantian's data folder (datadir.h), and, given a plan, plans/<id>/ with
 * the plan text and a plan.conf filled from what the parser found and
 * commented where it found nothing. The templates are copied rather than
 * shared so that a publication keeps building the same bytes when
 * lantian is upgraded, until its staff choose to take the new ones.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "buf.h"
#include "commands.h"
#include "datadir.h"
#include "diag.h"
#include "fsutil.h"
#include "plan.h"
#include "plan_parse.h"
#include "util.h"

static void
init_usage(FILE *fp)
{
	fputs("用法: lantian init [目录] [--plan 方案文件] [--id 方案代号]\n"
	    "\n"
	    "新建一个发布目录（默认为当前目录）：复制默认的网站模板\n"
	    "(templates/) 和字体配置 (fonts/)；给出 --plan 时，解析该方案\n"
	    "（.txt、.md、.docx、.pdf 或网页转载），建立 plans/<代号>/，\n"
	    "放入方案原文和按解析结果填写的 plan.conf。已有 plans/ 或\n"
	    "templates/ 的目录不会被覆盖。\n"
	    "\n"
	    "  --plan FILE  方案文件\n"
	    "  --id ID      方案代号（小写字母、数字和连字符，如 nanzhao-2024；\n"
	    "               默认取文件名，不合用时为 plan）\n"
	    "\n"
	    "(usage: create a publication tree in DIR, optionally with a plan)\n",
	    fp);
}

/* Copy the regular files under src to dst, recursively, in name order. */
static int
copy_tree(const char *src, const char *dst, struct diag_list *dl)
{
	struct dirent **names;
	int n = scandir(src, &names, NULL, alphasort);
	if (n < 0) {
		diag_add(dl, DIAG_ERROR, src, 0, 0, "无法读取目录：%s",
		    strerror(errno));
		return -1;
	}
	int rc = fs_mkdir_p(dst);
	if (rc != 0)
		diag_add(dl, DIAG_ERROR, dst, 0, 0, "无法创建目录：%s",
		    strerror(errno));
	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		if (rc == 0 && name[0] != '.') {
			char *s = xasprintf("%s/%s", src, name);
			char *d = xasprintf("%s/%s", dst, name);
			struct stat st;
			if (lstat(s, &st) == 0 && S_ISDIR(st.st_mode)) {
				rc = copy_tree(s, d, dl);
			} else if (lstat(s, &st) == 0 && S_ISREG(st.st_mode)) {
				struct buf b = { 0 };
				if (fs_read_file(s, &b) != 0 ||
				    fs_write_atomic(d, b.data ? b.data : "",
				    b.len) != 0) {
					diag_add(dl, DIAG_ERROR, d, 0, 0,
					    "无法复制：%s", strerror(errno));
					rc = -1;
				}
				buf_free(&b);
			}
			free(s);
			free(d);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* The plan's id: given, else the file's name when it is a valid id. */
static char *
plan_id(const char *file, const char *given)
{
	if (given)
		return xstrdup(given);
	const char *base = strrchr(file, '/');
	char *id = xstrdup(base ? base + 1 : file);
	char *dot = strrchr(id, '.');
	if (dot && dot != id)
		*dot = '\0';
	for (char *c = id; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	if (!fs_valid_id(id) || !strcmp(id, "plan.conf")) {
		free(id);
		id = xstrdup("plan");
	}
	return id;
}

/* The name the text gets in its folder: plan.<its kind>. */
static const char *
text_name(const char *file)
{
	static const char *const kinds[] = {
		"txt", "md", "markdown", "docx", "pdf", "html", "htm",
	};
	const char *dot = strrchr(file, '.');
	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
			if (!strcasecmp(dot + 1, kinds[i])) {
				static char name[32];
				snprintf(name, sizeof name, "plan.%s", kinds[i]);
				return name;
			}
	return "plan.txt";
}

/* plan.conf from what the parser found; what it did not find is left as
 * a commented line saying what to write there. */
static void
write_conf(struct buf *b, const struct plan *p, const char *source,
    const char *file)
{
	buf_printf(b, "# %s\n", p->title ? p->title : "（方案标题未能识别）");
	buf_printf(b, "# 由 lantian init 根据 %s 生成；各项含义见 "
	    "lantian-plan(5)。请逐项核对。\n", file);
	buf_printf(b, "source = %s\n", source);
	if (!p->title)
		buf_puts(b, "# title = （方案全称，原文没有标题时填写）\n");
	if (p->place)
		buf_printf(b, "place = %s\n", p->place);
	else
		buf_puts(b, "# place = （未能从方案中识别地名，请填写，如 南召县）\n");
	if (p->level)
		buf_printf(b, "level = %s\n", p->level);
	else
		buf_puts(b, "# level = （省、市、县、区、镇或乡）\n");
	buf_puts(b, "# parent = （县、镇方案所属的上级地名，如 南阳市）\n"
	    "# stations = （监测区域名称，与 plans/stations.csv 的 area 列一致；"
	    "有监测数据时填写）\n"
	    "# issuer = （印发通报的机关；默认为本地大气污染防治攻坚办）\n");
}

/* plans/<id>/ with the text and its plan.conf. */
static int
add_plan(const char *dir, const char *file, const char *id_opt,
    struct diag_list *dl, char **id_out)
{
	struct plan *p = plan_parse_file(file, NULL, dl);
	if (!p || diag_count(dl, DIAG_ERROR) || !p->n_tasks) {
		if (p && !p->n_tasks && !diag_count(dl, DIAG_ERROR))
			diag_add(dl, DIAG_ERROR, file, 0, 0,
			    "没有找到任何任务：不是一份可用的实施方案");
		plan_free(p);
		return -1;
	}
	char *id = plan_id(file, id_opt);
	const char *name = text_name(file);
	char *pdir = xasprintf("%s/plans/%s", dir, id);
	char *dst = xasprintf("%s/%s", pdir, name);
	char *conf = xasprintf("%s/plan.conf", pdir);
	struct buf text = { 0 }, c = { 0 };
	int rc = 0;
	write_conf(&c, p, name, file);
	if (fs_read_file(file, &text) != 0) {
		diag_add(dl, DIAG_ERROR, file, 0, 0, "无法读取：%s",
		    strerror(errno));
		rc = -1;
	} else if (fs_mkdir_p(pdir) != 0 ||
	    fs_write_atomic(dst, text.data ? text.data : "", text.len) != 0 ||
	    fs_write_atomic(conf, c.data, c.len) != 0) {
		diag_add(dl, DIAG_ERROR, pdir, 0, 0, "无法写入：%s",
		    strerror(errno));
		rc = -1;
	}
	if (rc == 0)
		printf("lantian init: 方案 %s：%zu 项任务，地名 %s，层级 %s\n",
		    id, p->n_tasks, p->place ? p->place : "（未识别）",
		    p->level ? p->level : "（未识别）");
	buf_free(&text);
	buf_free(&c);
	free(pdir);
	free(dst);
	free(conf);
	plan_free(p);
	*id_out = id;
	return rc;
}

static int
exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat st;
	int r = lstat(p, &st) == 0;
	free(p);
	return r;
}

static void
next_steps(const char *dir, const char *id)
{
	const char *d = strcmp(dir, ".") ? dir : NULL;
	printf("\n下一步：\n");
	int n = 1;
	if (d)
		printf("  %d. cd %s\n", n++, d);
	if (id)
		printf("  %d. 核对 plans/%s/plan.conf（地名、层级、上级、监测区域）\n",
		    n++, id);
	else
		printf("  %d. 再运行 lantian init --plan 方案文件，或照 "
		    "lantian-plan(5) 建立 plans/<代号>/\n", n++);
	printf("  %d. 每月把各单位的进展台账放入 plans/%s/ledgers/"
	    "（YYYY-MM.csv 或 .xlsx）\n", n++, id ? id : "<代号>");
	printf("  %d. lantian check    检查全部输入\n", n++);
	printf("  %d. lantian build    生成任务清单、通报 PDF 和网站"
	    "（output/site/index.html）\n", n);
}

int
cmd_init(int argc, char **argv)
{
	const char *dir = NULL, *plan = NULL, *id = NULL;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			init_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--plan") && i + 1 < argc) {
			plan = argv[++i];
		} else if (!strcmp(argv[i], "--id") && i + 1 < argc) {
			id = argv[++i];
		} else if (argv[i][0] == '-' || dir) {
			fprintf(stderr, "lantian init: 无法理解的参数 '%s'\n",
			    argv[i]);
			init_usage(stderr);
			return 2;
		} else {
			dir = argv[i];
		}
	}
	if (!dir)
		dir = ".";
	if (id && !fs_valid_id(id)) {
		fprintf(stderr, "lantian init: 方案代号 '%s' 只能由小写字母、"
		    "数字和连字符组成，以字母或数字开头\n", id);
		return 2;
	}
	const char *data = datadir_find();
	if (!data) {
		fprintf(stderr, "lantian init: 找不到 lantian 的数据目录"
		    "（templates/ 与 fonts/）：请用 make install 安装，或设置 "
		    "LANTIAN_DATADIR\n");
		return 1;
	}
	if (exists(dir, "plans") || exists(dir, "templates") ||
	    exists(dir, "fonts")) {
		fprintf(stderr, "lantian init: %s 中已有 plans/、templates/ 或 "
		    "fonts/：不覆盖已有的发布目录\n", dir);
		return 1;
	}
	struct diag_list dl = { 0 };
	char *made_id = NULL;
	int rc = fs_mkdir_p(dir);
	if (rc != 0)
		diag_add(&dl, DIAG_ERROR, dir, 0, 0, "无法创建目录：%s",
		    strerror(errno));
	/* The plan first: a plan that cannot be read leaves nothing. */
	if (rc == 0 && plan)
		rc = add_plan(dir, plan, id, &dl, &made_id);
	char *src = xasprintf("%s/templates", data);
	char *dst = xasprintf("%s/templates", dir);
	if (rc == 0)
		rc = copy_tree(src, dst, &dl);
	free(src);
	free(dst);
	src = xasprintf("%s/fonts", data);
	dst = xasprintf("%s/fonts", dir);
	if (rc == 0)
		rc = copy_tree(src, dst, &dl);
	free(src);
	free(dst);
	if (rc == 0 && !plan) {
		dst = xasprintf("%s/plans", dir);
		if (fs_mkdir_p(dst) != 0) {
			diag_add(&dl, DIAG_ERROR, dst, 0, 0, "无法创建目录：%s",
			    strerror(errno));
			rc = -1;
		}
		free(dst);
	}
	diag_print(&dl, stderr);
	if (rc == 0) {
		printf("lantian init: 已在 %s 建立发布目录（模板和字体配置取自 %s）\n",
		    dir, data);
		next_steps(dir, made_id);
	}
	free(made_id);
	diag_free(&dl);
	return rc == 0 ? 0 : 1;
}
