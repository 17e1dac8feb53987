/*
 * ledger_out.c -- the month's ledger workbooks for the units (see
 * ledger_out.h), written with libxlsxwriter: data validation, sheet
 * protection and formats are its job, not hand-written OOXML.
 */
#include "ledger_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "buf.h"
#include "fsutil.h"

/* The columns of the 台账 sheet, in order. */
enum col {
	C_TASK, C_TITLE, C_ROLE, C_DEADLINE, C_UNIT, C_PREV_STATE,
	C_PREV_PERCENT, C_PREV_TEXT, C_STATE, C_PERCENT, C_TEXT, C_DATE,
	C_NOTE, C_N
};

static const struct {
	const char *head;
	double width;
	int fill;           /* a column the unit fills in (unlocked) */
} cols[C_N] = {
	[C_TASK] = { "任务编号", 10, 0 },
	[C_TITLE] = { "任务名称", 36, 0 },
	[C_ROLE] = { "本单位角色", 10, 0 },
	[C_DEADLINE] = { "完成时限", 14, 0 },
	[C_UNIT] = { "填报单位", 20, 0 },
	[C_PREV_STATE] = { "上期进展状态", 12, 0 },
	[C_PREV_PERCENT] = { "上期完成比例", 12, 0 },
	[C_PREV_TEXT] = { "上期进展情况", 30, 0 },
	[C_STATE] = { "进展状态", 12, 1 },
	[C_PERCENT] = { "完成比例", 10, 1 },
	[C_TEXT] = { "进展情况", 40, 1 },
	[C_DATE] = { "填报日期", 12, 1 },
	[C_NOTE] = { "备注", 16, 1 },
};

void
ledger_out_units(const struct plan *p, struct strvec *out)
{
	for (size_t i = 0; i < p->n_tasks; i++) {
		const struct task *t = &p->tasks[i];
		const struct strvec *v[] = { &t->lead, &t->responsible,
		    &t->cooperating, &t->participating };
		for (size_t k = 0; k < 4; k++)
			for (size_t j = 0; j < v[k]->n; j++)
				strvec_push_unique(out, v[k]->v[j]);
	}
}

const char *
ledger_out_role(const struct task *t, const char *unit)
{
	if (strvec_contains(&t->lead, unit))
		return "牵头";
	if (strvec_contains(&t->responsible, unit))
		return "责任";
	if (strvec_contains(&t->cooperating, unit) ||
	    strvec_contains(&t->participating, unit))
		return "配合";
	return NULL;
}

/* The latest ledger before year/month, or NULL. */
static const struct ledger *
previous(struct ledger *const *v, size_t n, int year, int month)
{
	const struct ledger *best = NULL;
	long k = (long)year * 12 + month - 1;
	for (size_t i = 0; i < n; i++) {
		long j = (long)v[i]->year * 12 + v[i]->month - 1;
		if (j < k && (!best ||
		    j > (long)best->year * 12 + best->month - 1))
			best = v[i];
	}
	return best;
}

/* The previous report of unit on task i, or NULL. */
static const struct ledger_record *
previous_report(const struct ledger *l, size_t task, const char *unit)
{
	for (size_t i = 0; l && i < l->n_records; i++)
		if (l->records[i].task_index == task &&
		    !strcmp(l->records[i].unit, unit))
			return &l->records[i];
	return NULL;
}

/* The task's deadlines as printed, joined. */
static void
deadlines(const struct task *t, struct buf *out)
{
	buf_truncate(out, 0);
	buf_puts(out, "");
	for (size_t i = 0; i < t->n_deadlines; i++)
		buf_printf(out, "%s%s", i ? "；" : "", t->deadlines[i].raw);
}

/* A file name part: characters a file name cannot hold become "_". */
static char *
file_part(const char *s)
{
	char *c = xstrdup(s);
	for (char *p = c; *p; p++)
		if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 ||
		    *p == ':' || *p == '*' || *p == '?' || *p == '"' ||
		    *p == '<' || *p == '>' || *p == '|')
			*p = '_';
	if (c[0] == '.')
		c[0] = '_';
	return c;
}

struct formats {
	lxw_format *title, *head, *head_fill, *locked, *fill, *percent,
	    *prev_percent, *date, *text;
};

static void
formats_make(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head, 0xD9D9D9);
	f->head_fill = workbook_add_format(wb);
	format_set_bold(f->head_fill);
	format_set_border(f->head_fill, LXW_BORDER_THIN);
	format_set_text_wrap(f->head_fill);
	format_set_align(f->head_fill, LXW_ALIGN_CENTER);
	format_set_align(f->head_fill, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f->head_fill, 0xFFE699);
	f->locked = workbook_add_format(wb);
	format_set_border(f->locked, LXW_BORDER_THIN);
	format_set_text_wrap(f->locked);
	format_set_align(f->locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(f->locked, 0xF2F2F2);
	f->prev_percent = workbook_add_format(wb);
	format_set_border(f->prev_percent, LXW_BORDER_THIN);
	format_set_num_format(f->prev_percent, "0%");
	format_set_align(f->prev_percent, LXW_ALIGN_VERTICAL_TOP);
	format_set_bg_color(f->prev_percent, 0xF2F2F2);
	f->fill = workbook_add_format(wb);
	format_set_border(f->fill, LXW_BORDER_THIN);
	format_set_text_wrap(f->fill);
	format_set_align(f->fill, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(f->fill);
	format_set_bg_color(f->fill, 0xFFF2CC);
	f->percent = workbook_add_format(wb);
	format_set_border(f->percent, LXW_BORDER_THIN);
	format_set_num_format(f->percent, "0%");
	format_set_align(f->percent, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(f->percent);
	format_set_bg_color(f->percent, 0xFFF2CC);
	f->date = workbook_add_format(wb);
	format_set_border(f->date, LXW_BORDER_THIN);
	format_set_num_format(f->date, "yyyy-mm-dd");
	format_set_align(f->date, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(f->date);
	format_set_bg_color(f->date, 0xFFF2CC);
	f->text = workbook_add_format(wb);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
}

/* The instructions, one line each, into lines. */
static void
instruction_lines(struct strvec *lines, const char *title, int year,
    int month)
{
	char *t;
	strvec_push(lines, "填报说明");
	t = xasprintf("1. 本表为%s的月度进展台账，请在“台账”工作表中逐行填报"
	    "本单位承担的每项任务。", title);
	strvec_push(lines, t);
	free(t);
	strvec_push(lines, "2. 只需填写右侧浅黄色的列：进展状态、完成比例、"
	    "进展情况、填报日期、备注；任务编号、任务名称、本单位角色、完成时限、"
	    "填报单位和上期情况已预先填好并锁定，请勿改动。");
	strvec_push(lines, "3. 进展状态从下拉列表中选择：未启动、推进中、已完成、"
	    "滞后。已完成但需长期坚持的任务可选“已完成（长期坚持）”。");
	strvec_push(lines, "4. 完成比例填写 0%–100% 的百分数（如 60%）；"
	    "不确定时可不填。");
	t = xasprintf("5. 填报日期为 %d年%d月1日至次月%d日之间的日期（如 "
	    "%04d-%02d-28）。", year, month, LEDGER_GRACE_DAYS, year, month);
	strvec_push(lines, t);
	free(t);
	strvec_push(lines, "6. 表中列出的是方案分配给本单位的任务及本单位的角色"
	    "（牵头、责任、配合）；对分工有异议的，请在备注中说明。");
	strvec_push(lines, "7. 请勿删除表头，也不要在表中插入合计行；表下可写"
	    "“填表人：”“联系电话：”。");
	t = xasprintf("8. 填好后以原文件名（.xlsx）报回；收到的文件放入方案的"
	    "台账目录 ledgers/%04d-%02d/ 即可读取。", year, month);
	strvec_push(lines, t);
	free(t);
}

static void
instructions_sheet(lxw_workbook *wb, const struct formats *f,
    const char *title, int year, int month)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "填报说明");
	worksheet_set_column(ws, 0, 0, 100, f->text);
	struct strvec lines = {0};
	instruction_lines(&lines, title, year, month);
	for (size_t i = 0; i < lines.n; i++)
		worksheet_write_string(ws, (lxw_row_t)i, 0, lines.v[i],
		    i ? f->text : f->title);
	strvec_free(&lines);
}

/* The validations of the columns to fill, rows first..last (0-based). */
static void
validations(lxw_worksheet *ws, lxw_row_t first, lxw_row_t last, int year,
    int month)
{
	static const char *states[] = { "未启动", "推进中", "已完成", "滞后",
	    "已完成（长期坚持）", NULL };
	lxw_data_validation list = {0};
	list.validate = LXW_VALIDATION_TYPE_LIST;
	list.value_list = (char **)states;
	list.error_title = "进展状态";
	list.error_message = "请从下拉列表中选择：未启动、推进中、已完成、滞后";
	worksheet_data_validation_range(ws, first, C_STATE, last, C_STATE,
	    &list);
	lxw_data_validation pct = {0};
	pct.validate = LXW_VALIDATION_TYPE_DECIMAL;
	pct.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	pct.minimum_number = 0;
	pct.maximum_number = 1;
	pct.input_title = "完成比例";
	pct.input_message = "填写 0%–100% 的百分数，如 60%";
	pct.error_title = "完成比例";
	pct.error_message = "完成比例应为 0%–100% 的百分数（如 60%）";
	worksheet_data_validation_range(ws, first, C_PERCENT, last, C_PERCENT,
	    &pct);
	lxw_data_validation date = {0};
	date.validate = LXW_VALIDATION_TYPE_DATE;
	date.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	date.minimum_datetime = (lxw_datetime){ year, month, 1, 0, 0, 0 };
	date.maximum_datetime = (lxw_datetime){ month == 12 ? year + 1 : year,
	    month == 12 ? 1 : month + 1, LEDGER_GRACE_DAYS, 0, 0, 0 };
	date.error_title = "填报日期";
	date.error_message = "填报日期应在本月 1 日至次月 15 日之间";
	worksheet_data_validation_range(ws, first, C_DATE, last, C_DATE,
	    &date);
}

/* One row of the ledger sheet: task i as reported by unit. */
static void
ledger_row(lxw_worksheet *ws, const struct formats *f, lxw_row_t r,
    const struct plan *p, size_t i, const char *unit,
    const struct ledger *prev, struct buf *tmp)
{
	const struct task *t = &p->tasks[i];
	const char *role = ledger_out_role(t, unit);
	worksheet_write_string(ws, r, C_TASK, t->number, f->locked);
	worksheet_write_string(ws, r, C_TITLE, t->title ? t->title : "",
	    f->locked);
	worksheet_write_string(ws, r, C_ROLE, role ? role : "", f->locked);
	deadlines(t, tmp);
	worksheet_write_string(ws, r, C_DEADLINE, tmp->data, f->locked);
	worksheet_write_string(ws, r, C_UNIT, unit, f->locked);
	const struct ledger_record *rec = previous_report(prev, i, unit);
	worksheet_write_string(ws, r, C_PREV_STATE, rec ?
	    ledger_state_name(rec->state) : "", f->locked);
	if (rec && rec->percent10 != LEDGER_PERCENT_NONE)
		worksheet_write_number(ws, r, C_PREV_PERCENT,
		    rec->percent10 / 1000.0, f->prev_percent);
	else
		worksheet_write_blank(ws, r, C_PREV_PERCENT, f->locked);
	worksheet_write_string(ws, r, C_PREV_TEXT, rec ? rec->text : "",
	    f->locked);
	worksheet_write_blank(ws, r, C_STATE, f->fill);
	worksheet_write_blank(ws, r, C_PERCENT, f->percent);
	worksheet_write_blank(ws, r, C_TEXT, f->fill);
	worksheet_write_blank(ws, r, C_DATE, f->date);
	worksheet_write_blank(ws, r, C_NOTE, f->fill);
}

/* One workbook: unit NULL for all units. */
static int
write_book(const char *tmp, const struct plan *p, const char *title,
    int year, int month, const char *unit, const struct strvec *units,
    const struct ledger *prev, time_t created)
{
	lxw_workbook *wb = workbook_new(tmp);
	if (!wb)
		return 0;
	char *doc_title = xasprintf("%s进展台账（%d年%d月）", title, year,
	    month);
	lxw_doc_properties props = {
		.title = doc_title,
		.author = "lantian",
		.created = created,
	};
	workbook_set_properties(wb, &props);
	struct formats f;
	formats_make(wb, &f);
	instructions_sheet(wb, &f, title, year, month);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "台账");
	char *head = xasprintf("%s重点任务进展台账（%d年%d月）%s%s", title,
	    year, month, unit ? "——" : "", unit ? unit : "");
	worksheet_merge_range(ws, 0, 0, 0, C_N - 1, head, f.title);
	free(head);
	for (int c = 0; c < C_N; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    cols[c].width, NULL);
		worksheet_write_string(ws, 1, (lxw_col_t)c, cols[c].head,
		    cols[c].fill ? f.head_fill : f.head);
	}
	lxw_row_t r = 2;
	struct buf tmpb = {0};
	for (size_t i = 0; i < p->n_tasks; i++) {
		if (unit) {
			if (ledger_out_role(&p->tasks[i], unit))
				ledger_row(ws, &f, r++, p, i, unit, prev,
				    &tmpb);
			continue;
		}
		for (size_t u = 0; u < units->n; u++)
			if (ledger_out_role(&p->tasks[i], units->v[u]))
				ledger_row(ws, &f, r++, p, i, units->v[u],
				    prev, &tmpb);
	}
	buf_free(&tmpb);
	if (r > 2)
		validations(ws, 2, r - 1, year, month);
	worksheet_freeze_panes(ws, 2, 1);
	lxw_protection prot = { .format_columns = 1, .format_rows = 1 };
	worksheet_protect(ws, NULL, &prot);
	worksheet_activate(ws);
	lxw_error rc = workbook_close(wb);
	free(doc_title);
	return rc == LXW_NO_ERROR;
}

/* Write one workbook to path through a private temporary file. */
static int
write_one(const char *path, const struct plan *p, const char *title,
    int year, int month, const char *unit, const struct strvec *units,
    const struct ledger *prev, time_t created, struct diag_list *dl)
{
	char tmp[] = "/tmp/lantian-ledger-XXXXXX";
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法创建临时文件：%s",
		    strerror(errno));
		return 0;
	}
	close(fd);
	int ok = write_book(tmp, p, title, year, month, unit, units, prev,
	    created);
	struct buf data = {0};
	if (ok)
		ok = fs_read_file(tmp, &data) == 0 &&
		    fs_write_atomic(path, data.data, data.len) == 0;
	if (!ok)
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法写入台账工作簿：%s",
		    errno ? strerror(errno) : "libxlsxwriter 出错");
	buf_free(&data);
	unlink(tmp);
	return ok;
}

int
ledger_out_write(const struct plan *p, const char *title, int year,
    int month, struct ledger *const *ledgers, size_t n_ledgers,
    const char *dir, time_t created, struct strvec *written,
    struct diag_list *dl)
{
	if (fs_mkdir_p(dir) != 0) {
		diag_add(dl, DIAG_ERROR, dir, 0, 0, "无法创建目录：%s",
		    strerror(errno));
		return 0;
	}
	const struct ledger *prev = previous(ledgers, n_ledgers, year, month);
	struct strvec units = {0};
	ledger_out_units(p, &units);
	int ok = 1;
	for (size_t u = 0; ok && u <= units.n; u++) {
		const char *unit = u < units.n ? units.v[u] : NULL;
		char *part = file_part(unit ? unit : "全部单位");
		char *path = xasprintf("%s/%04d-%02d-%s.xlsx", dir, year, month,
		    part);
		ok = write_one(path, p, title, year, month, unit, &units, prev,
		    created, dl);
		if (ok)
			strvec_push(written, path);
		free(path);
		free(part);
	}
	strvec_free(&units);
	return ok;
}
