/*
 * test_plan_parse.c -- the whole parser on small texts: the three input
 * shapes, which items are tasks, numbering, titles, inherited
 * responsibility, metadata, targets and the diagnostics for plans that
 * cannot be read.
 */
#include <string.h>

#include "buf.h"
#include "input_limits.h"
#include "lt_test.h"
#include "plan_parse.h"
#include "plan_targets.h"
#include "plan_text.h"

static struct diag_list dl;

static struct plan *
parse(const char *name, const char *text)
{
	memset(&dl, 0, sizeof dl);
	return plan_parse(name, text, strlen(text), NULL, &dl);
}

static void
done(struct plan *p)
{
	plan_free(p);
	diag_free(&dl);
}

static const char plain[] =
    "县人民政府关于印发某县2024年蓝天保卫战实施方案的通知\n"
    "某某县2024年蓝天保卫战实施方案\n"
    "为改善空气质量，制定本方案。\n"
    "一、总体要求\n"
    "到2025年，全县PM2.5浓度低于35微克/立方米，优良天数比例达到80%以上。\n"
    "二、主要任务\n"
    "（一）调整产业结构\n"
    "1.淘汰落后产能。2024年6月底前完成排查；10月底前完成整治。（县工业和信息化局牵头，"
    "发展改革委配合）\n"
    "2.推进清洁取暖。以下各项工作均需各乡镇负责落实，不再逐一列出。（县发展改革委负责）\n"
    "（二）治理面源污染\n"
    "3.加强扬尘管控。道路机械化清扫率达到85%以上。（县住房和城乡建设局、城市管理局按职责分工负责）\n"
    "三、保障措施\n"
    "（一）加强领导。各乡镇于2024年3月15日前报送方案。\n";

START_TEST(plain_text_structure)
{
	struct plan *p = parse("x.txt", plain);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p->format, PLAN_FORMAT_TEXT);
	ck_assert_str_eq(p->title, "某某县2024年蓝天保卫战实施方案");
	ck_assert_str_eq(p->place, "某某县");
	ck_assert_str_eq(p->level, "县");
	ck_assert_int_eq(p->plan_year, 2024);
	ck_assert_uint_eq(p->n_sections, 3);
	ck_assert_int_eq(p->sections[0].kind, SECTION_GENERAL);
	ck_assert_int_eq(p->sections[1].kind, SECTION_TASKS);
	ck_assert_int_eq(p->sections[2].kind, SECTION_SAFEGUARD);
	ck_assert_uint_eq(p->sections[1].n_subs, 2);
	ck_assert_uint_eq(p->n_tasks, 3);
	struct task *t = &p->tasks[0];
	ck_assert_str_eq(t->number, "1");
	ck_assert_str_eq(t->title, "淘汰落后产能");
	ck_assert_int_eq(t->subsection, 0);
	ck_assert_str_eq(t->lead.v[0], "县工业和信息化局");
	ck_assert_str_eq(t->cooperating.v[0], "县发展改革委");
	ck_assert_uint_eq(t->n_deadlines, 2);
	ck_assert_str_eq(t->deadlines[0].date, "2024-06-30");
	ck_assert_str_eq(t->deadlines[1].date, "2024-10-31");
	ck_assert_uint_eq(t->line_start, 8);
	/* inherited responsibility applies from the declaring task on */
	ck_assert_uint_eq(p->responsible_inherited.n, 1);
	ck_assert_str_eq(p->responsible_inherited.v[0], "各乡镇");
	ck_assert_uint_eq(p->tasks[0].responsible.n, 0);
	ck_assert_str_eq(p->tasks[2].responsible.v[0], "各乡镇");
	ck_assert_int_eq(p->tasks[2].subsection, 1);
	ck_assert_str_eq(p->tasks[2].lead_mode, "joint(按职责分工负责)");
	ck_assert_uint_eq(p->tasks[2].n_targets, 1);
	ck_assert_str_eq(p->tasks[2].targets[0].metric, "道路机械化清扫率");
	ck_assert_str_eq(p->tasks[2].targets[0].value, "85");
	/* plan targets from 总体要求, deadlines outside tasks */
	ck_assert_uint_eq(p->n_targets, 2);
	ck_assert_str_eq(p->targets[0].metric, "PM2.5浓度");
	ck_assert_str_eq(p->targets[0].op, "<");
	ck_assert_int_eq(p->targets[0].year, 2025);
	ck_assert_uint_eq(p->n_other_deadlines, 1);
	ck_assert_str_eq(p->other_deadlines[0].date, "2024-03-15");
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	done(p);
}
END_TEST

/* Hard-wrapped PDF text: a unit name split by a page break joins without a
 * separator, and short lines end paragraphs. */
START_TEST(pdf_extracted_text)
{
	struct buf b = {0};
	buf_puts(&b, "某市2024年蓝天保卫战实施方案\n\n一、重点任务\n\n");
	for (int i = 1; i <= 12; i++) {
		buf_printf(&b, "%d.推进第%d项治理。按照上级部署要求，持续推进各项工作措施落实落\n\n", i, i);
		buf_puts(&b, "细，确保取得实效，认真组织开展专项检查行动。（市生态环境局、公\n\n");
		buf_puts(&b, "安局按职责分工负责）\n\n");
	}
	struct plan *p = parse("pdf.txt", b.data);
	ck_assert_int_eq(p->format, PLAN_FORMAT_PDFTEXT);
	ck_assert_uint_eq(p->n_tasks, 12);
	ck_assert_uint_eq(p->tasks[11].lead.n, 2);
	ck_assert_str_eq(p->tasks[11].lead.v[1], "市公安局");
	ck_assert_str_eq(p->tasks[0].title, "推进第1项治理");
	done(p);
	buf_free(&b);
}
END_TEST

START_TEST(markdown_text)
{
	const char *md =
	    "# 某县2023年蓝天保卫战实施方案\n\n"
	    "## 一、主要任务\n\n"
	    "### （一）产业结构\n\n"
	    "**1. 严格环境准入。**新建项目达到A级。(牵头单位:县生态环境分局,配合单位:县发改委)\n\n"
	    "**2. 治理PM<sub>2.5</sub>污染。**2023年9月底前，开展排查，强化氧\n\n"
	    "化铝行业治理。（县科工信局牵头，生态环境分局配合）\n\n"
	    "## 二、保障措施\n\n"
	    "1. 加强领导。\n";
	struct plan *p = parse("m.md", md);
	ck_assert_int_eq(p->format, PLAN_FORMAT_MARKDOWN);
	ck_assert_uint_eq(p->n_sections, 2);
	ck_assert_uint_eq(p->n_tasks, 2);
	ck_assert_str_eq(p->tasks[0].title, "严格环境准入");
	ck_assert_str_eq(p->tasks[0].lead.v[0], "县生态环境分局");
	ck_assert_str_eq(p->tasks[1].title, "治理PM2.5污染");
	ck_assert_ptr_nonnull(strstr(p->tasks[1].text, "氧化铝"));
	ck_assert_str_eq(p->tasks[1].cooperating.v[0], "县生态环境分局");
	ck_assert_str_eq(p->tasks[1].deadlines[0].date, "2023-09-30");
	done(p);
}
END_TEST

/* Plans without arabic numbers: the （一） items with a bracket are tasks,
 * numbered as printed (qualified by section only when the numbering
 * restarts per section, as in xiping-2025). */
START_TEST(sub_items_as_tasks)
{
	const char *t =
	    "某县空气质量持续改善行动实施方案\n（征求意见稿）\n"
	    "一、总体要求\n（一）指导思想。坚持精准治污。\n"
	    "二、优化产业结构\n（一）淘汰落后产能。2024年6月底前完成。（县发展改革委牵头）\n"
	    "（二）升级产业集群。推进改造。（县科技和工业信息化局负责）\n"
	    "三、压实责任\n（一）加强组织领导。各单位要落实责任。\n";
	struct plan *p = parse("s.txt", t);
	ck_assert_str_eq(p->draft, "征求意见稿");
	ck_assert_str_eq(p->title, "某县空气质量持续改善行动实施方案");
	ck_assert_uint_eq(p->n_tasks, 2);
	ck_assert_str_eq(p->tasks[0].number, "（一）");
	ck_assert_str_eq(p->tasks[1].number, "（二）");
	ck_assert_int_eq(p->tasks[1].ordinal, 2);
	ck_assert_int_eq(p->plan_year, 2024);
	done(p);
}
END_TEST

/* Numbers that restart per section are qualified by the section. */
START_TEST(restarting_numbers_qualified)
{
	const char *t =
	    "一、产业\n1.甲任务。（县甲局牵头）\n2.乙任务。（县乙局牵头）\n"
	    "二、能源\n1.丙任务。（县丙局牵头）\n";
	struct plan *p = parse("r.txt", t);
	ck_assert_uint_eq(p->n_tasks, 3);
	ck_assert_str_eq(p->tasks[0].number, "一.1");
	ck_assert_str_eq(p->tasks[2].number, "二.1");
	done(p);
}
END_TEST

/* Never all-or-nothing: a plan with no task is returned (0 tasks) with a
 * warning; the command line and the build decide that it is not usable. */
START_TEST(no_tasks_is_a_warning)
{
	struct plan *p = parse("n.txt", "一、总体要求\n改善空气质量。\n二、保障措施\n加强领导。\n");
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_tasks, 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 1);
	ck_assert_ptr_nonnull(strstr(dl.v[0].msg, "未找到任何任务"));
	ck_assert_str_eq(dl.v[0].file, "n.txt");
	done(p);
}
END_TEST

START_TEST(missing_bracket_and_gap_warned)
{
	struct plan *p = parse("w.txt", "一、任务\n1.甲任务。做好工作。\n3.乙任务。（县乙局牵头）\n");
	ck_assert_uint_eq(p->n_tasks, 2);
	ck_assert_uint_eq(diag_count(&dl, DIAG_WARNING), 2);
	ck_assert_uint_eq(dl.v[0].line, 2);
	done(p);
}
END_TEST

START_TEST(attachments_tables)
{
	const char *t =
	    "一、任务\n1.甲任务。（县甲局牵头）\n附表：1.某县任务清单\n附表1\n某县2024年\n任务清单\n"
	    "\t序号\n\t企业名称\n\n\t1\n\t某公司\n\n\t2\n\t<script>公司\n";
	struct plan *p = parse("a.txt", t);
	ck_assert_uint_eq(p->n_tasks, 1);
	ck_assert_uint_eq(p->n_attachments, 1);
	ck_assert_str_eq(p->attachments[0].label, "附表1");
	ck_assert_str_eq(p->attachments[0].title, "某县2024年任务清单");
	ck_assert_uint_eq(p->attachments[0].header.n, 2);
	ck_assert_uint_eq(p->attachments[0].n_rows, 2);
	ck_assert_str_eq(p->attachments[0].rows[1].v[1], "<script>公司");
	done(p);
}
END_TEST

START_TEST(demarkup)
{
	char *s = plan_text_demarkup("$PM_{2.5}$浓度，SO<sub>2</sub>，**加粗**");
	ck_assert_str_eq(s, "PM2.5浓度，SO2，加粗");
	free(s);
}
END_TEST

static size_t
targets_of(const char *text, int year, struct target **v)
{
	size_t n = 0, cap = 0;
	*v = NULL;
	targets_scan(text, year, 1, v, &n, &cap);
	return n;
}

static void
targets_free(struct target *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].metric);
		free(v[i].op);
		free(v[i].value);
		free(v[i].value2);
		free(v[i].unit);
		free(v[i].raw);
	}
	free(v);
}

START_TEST(targets_rules)
{
	struct target *v;
	size_t n = targets_of("2024年，我县秸秆综合利用率达到94%以上。", 2020, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].metric, "秸秆综合利用率");
	ck_assert_str_eq(v[0].op, ">=");
	ck_assert_int_eq(v[0].year, 2024);
	targets_free(v, n);

	n = targets_of("重度及以上污染天数比率控制在 0.3% 以内", 2025, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].op, "<=");
	ck_assert_str_eq(v[0].value, "0.3");
	targets_free(v, n);

	n = targets_of("推动50%以上的汽油加油站和油罐车监督性检测和整治。", 2024, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].metric, "汽油加油站和油罐车监督性检测和整治比例");
	targets_free(v, n);

	n = targets_of("到2025年，综合指数在全省县区排名中提升5至10个位次。", 2024, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].op, "between");
	ck_assert_str_eq(v[0].metric, "综合指数全省县区排名提升位次");
	ck_assert_str_eq(v[0].value2, "10");
	targets_free(v, n);

	n = targets_of("餐饮油烟净化设施月巡查率不低于20%。", 2023, &v);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(v[0].metric, "餐饮油烟净化设施月巡查率");
	ck_assert_str_eq(v[0].op, ">=");
	targets_free(v, n);

	/* emission limits for enterprises are not plan targets */
	n = targets_of("排放口颗粒物排放浓度不高于10毫克/立方米，SO2浓度稳定控制在10、50、50毫克/立方米以下。",
	    2023, &v);
	ck_assert_uint_eq(n, 0);
	targets_free(v, n);
}
END_TEST

/* ---- limits (input_limits.h) ----------------------------------------------- */

#define LIM_HEAD "一、总体要求\n深入贯彻落实。\n二、主要任务\n（一）综合治理\n"

static int
has_error(size_t line, const char *msg)
{
	for (size_t i = 0; i < dl.n; i++)
		if (dl.v[i].level == DIAG_ERROR && dl.v[i].line == line &&
		    strstr(dl.v[i].msg, msg))
			return 1;
	return 0;
}

static struct plan *
parse_buf(struct buf *b)
{
	memset(&dl, 0, sizeof dl);
	struct plan *p = plan_parse("lim.txt", b->data, b->len, NULL, &dl);
	buf_free(b);
	return p;
}

/* A line of exactly PLAN_MAX_LINE_CHARS characters is read; one more (on
 * line 6, counted in characters, not bytes) is refused there. */
START_TEST(limit_line_length)
{
	struct buf b = {0};
	buf_puts(&b, LIM_HEAD "1.开展工作。（县局牵头）\n");
	for (int i = 0; i < PLAN_MAX_LINE_CHARS; i++)
		buf_puts(&b, "治");
	buf_puts(&b, "\n");
	struct plan *p = parse_buf(&b);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 0);
	done(p);

	buf_puts(&b, LIM_HEAD "1.开展工作。（县局牵头）\n");
	for (int i = 0; i <= PLAN_MAX_LINE_CHARS; i++)
		buf_puts(&b, "治");
	buf_puts(&b, "\n");
	p = parse_buf(&b);
	ck_assert_ptr_null(p);
	ck_assert(has_error(6, "本行超过每行 20000 个字符的上限"));
	done(p);
}
END_TEST

/* More than PLAN_MAX_LINES lines: refused at the first line over. */
START_TEST(limit_lines)
{
	struct buf b = {0};
	buf_puts(&b, LIM_HEAD "1.开展工作。（县局牵头）\n");
	for (int i = 5; i <= PLAN_MAX_LINES; i++)
		buf_puts(&b, "\n");
	struct plan *p = parse_buf(&b);   /* 100,000 lines and an empty 100,001st */
	ck_assert_ptr_null(p);
	ck_assert(has_error(PLAN_MAX_LINES + 1, "方案超过 100000 行的上限"));
	done(p);
}
END_TEST

/* Task PLAN_MAX_TASKS + 1 (on line 4 + 5001) is an error; the first
 * PLAN_MAX_TASKS are read. */
START_TEST(limit_tasks)
{
	struct buf b = {0};
	buf_puts(&b, LIM_HEAD);
	for (int i = 1; i <= PLAN_MAX_TASKS + 2; i++)
		buf_printf(&b, "%d.开展工作。（县局牵头）\n", i);
	struct plan *p = parse_buf(&b);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_tasks, PLAN_MAX_TASKS);
	ck_assert(has_error(4 + PLAN_MAX_TASKS + 1,
	    "任务超过每个方案 5000 项的上限：从本行起不再读入"));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	done(p);
}
END_TEST

/* A bracket of 200 units is read, one of 201 is an error (and not read);
 * 101 brackets in one task are an error. */
START_TEST(limit_units_and_brackets)
{
	struct buf b = {0};
	buf_puts(&b, LIM_HEAD "1.开展工作（");
	for (int i = 1; i <= PLAN_MAX_UNITS_PER_BRACKET; i++)
		buf_printf(&b, "%s单位%d", i > 1 ? "、" : "", i);
	buf_puts(&b, "牵头）。\n2.开展工作（");
	for (int i = 1; i <= PLAN_MAX_UNITS_PER_BRACKET + 1; i++)
		buf_printf(&b, "%s单位%d", i > 1 ? "、" : "", i);
	buf_puts(&b, "牵头）。\n3.开展工作。");
	for (int i = 1; i <= PLAN_MAX_BRACKETS_PER_TASK + 1; i++)
		buf_printf(&b, "做事（部门%d牵头）。", i);
	buf_puts(&b, "\n");
	struct plan *p = parse_buf(&b);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_tasks, 3);
	ck_assert_uint_eq(p->tasks[0].lead.n, PLAN_MAX_UNITS_PER_BRACKET);
	ck_assert_uint_eq(p->tasks[1].lead.n, 0);
	ck_assert(has_error(6, "任务的责任单位括号列出约 201 个单位，超过每个括号 200 个的上限"));
	ck_assert(has_error(7, "任务的责任单位括号超过每项任务 100 个的上限"));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 2);
	done(p);
}
END_TEST

/* Units across the plan: the task after the one that passes PLAN_MAX_UNITS
 * (80 tasks of 100 brackets x 7 units = 700 each: task 72 reaches 50,400)
 * is refused with an error on its line. */
START_TEST(limit_plan_units)
{
	struct buf b = {0};
	buf_puts(&b, LIM_HEAD);
	int k = 0;
	for (int t = 1; t <= 80; t++) {
		buf_printf(&b, "%d.开展工作。", t);
		for (int j = 0; j < 100; j++) {
			buf_puts(&b, "做事（");
			for (int u = 0; u < 7; u++)
				buf_printf(&b, "%s单位%d", u ? "、" : "", ++k);
			buf_puts(&b, "牵头）。");
		}
		buf_puts(&b, "\n");
	}
	struct plan *p = parse_buf(&b);
	ck_assert_ptr_nonnull(p);
	ck_assert_uint_eq(p->n_tasks, 72);
	ck_assert(has_error(4 + 73, "责任单位超过每个方案 50000 个的上限：从本行起不再读入"));
	ck_assert_uint_eq(diag_count(&dl, DIAG_ERROR), 1);
	done(p);
}
END_TEST

static Suite *
parse_suite(void)
{
	Suite *s = suite_create("plan_parse");
	TCase *tc = tcase_create("parse");
	tcase_add_test(tc, plain_text_structure);
	tcase_add_test(tc, pdf_extracted_text);
	tcase_add_test(tc, markdown_text);
	tcase_add_test(tc, sub_items_as_tasks);
	tcase_add_test(tc, restarting_numbers_qualified);
	tcase_add_test(tc, no_tasks_is_a_warning);
	tcase_add_test(tc, missing_bracket_and_gap_warned);
	tcase_add_test(tc, attachments_tables);
	tcase_add_test(tc, demarkup);
	tcase_add_test(tc, targets_rules);
	tcase_add_test(tc, limit_line_length);
	tcase_add_test(tc, limit_lines);
	tcase_add_test(tc, limit_tasks);
	tcase_add_test(tc, limit_units_and_brackets);
	tcase_add_test(tc, limit_plan_units);
	suite_add_tcase(s, tc);
	return s;
}

LT_TEST_MAIN(parse_suite)
