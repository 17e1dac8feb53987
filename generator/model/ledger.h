/*
 * ledger.h -- status ledgers (进展台账): what each unit reports, month by
 * month, about the tasks of a plan. Reading, validating against the plan,
 * and merging the months into a per-task history. Library code: nothing is
 * printed; problems go to a struct diag_list as "file:line: 错误|警告".
 *
 * THE FORMAT (written for how offices work: a spreadsheet saved as CSV)
 *
 * Files. One file per plan per month: plans/<id>/ledgers/YYYY-MM.csv, or
 * the workbook itself, YYYY-MM.xlsx (read by xlsx.h: dates and
 * percentages as Excel shows them; merged cells filled down their first
 * column) or a legacy YYYY-MM.xls (xls.h, libfreexl; without merge
 * information, so an empty 任务编号 below a report row takes the number
 * above). In a workbook the ledger is the first sheet holding a header
 * (an instructions sheet 填报说明 may come first); "line" in diagnostics
 * is the sheet's row number, and row messages end with the sheet, the
 * cell (B7) and the reporting unit. Several files of one month (each
 * unit's workbook) go in a folder, plans/<id>/ledgers/YYYY-MM/ (see
 * ledger_load_dir). The month is taken from the file name
 * (ledger_month_from_path); a second file for one month is an error and
 * not read; other files in the folder are ignored by ledger_load_dir with
 * a note (Excel's "~$" lock files and dot files silently).
 *
 * Encoding. UTF-8 with or without BOM, or GB18030/GBK (what Excel on
 * Chinese Windows saves as "CSV (逗号分隔)"), or UTF-16 with BOM; detected
 * and converted by text_decode (textload.h). Bytes that decode as none of
 * them are an error naming file and line. CRLF, LF and CR line ends.
 *
 * CSV. Comma-separated, quoted as Excel writes: a field in double quotes
 * may hold commas, line breaks and doubled quotes (""). A record spanning
 * several lines is reported at the line where it starts. A quote left open
 * at the end of the file is an error at the line where it was opened (the
 * rest of the file cannot be split). Tab-separated text (Excel's "Unicode
 * 文本" export, UTF-16) is read too: the first line holding a comma or a
 * tab decides the delimiter. Cells are trimmed of ASCII and
 * full-width (U+3000) spaces and non-breaking spaces.
 *
 * Title rows and header. The header is the first row that names both
 * 任务编号 and 进展状态, or two rows that do together (a group heading
 * such as 完成情况 over 进展状态 and 完成比例: the lower row's cell where
 * it has one, else the upper's) (rows above it -- a sheet title such as
 * "南召县蓝天保卫战重点任务进展台账（2024年5月）", 填报说明 -- are skipped).
 * No such row within the first LEDGER_MAX_TITLE_ROWS rows: error, file
 * unusable. Header cells are compared with spaces, "*" (required marks) and
 * a trailing "（%）"/"(%)" removed; columns may come in any order:
 *   任务编号   required  also 编号, 任务序号. ("序号" is a row counter in
 *                        most sheets, not a task number: it is ignored.)
 *   进展状态   required  also 状态, 完成状态, 推进状态, 进度状态
 *   填报单位   required  also 报送单位, 填报部门, 责任单位
 *   填报日期   required  also 报送日期, 填报时间
 *   完成比例   optional  also 完成进度, 完成率, 进度
 *   进展情况   optional  also 工作进展, 进展描述, 推进情况, 完成情况
 *   月份       optional  also 填报月份, 报告月份
 *   备注       optional
 * A missing required column is an error naming the header line (file
 * unusable). The same name twice: error. When a column carries the main
 * name (填报单位) and another an alias (责任单位), the main one is used and
 * the alias column ignored. Columns that repeat the plan for the reader
 * (序号, 任务名称, 重点任务, 任务内容, 工作任务, 牵头单位, 配合单位, 完成时限,
 * 时限要求, 联系人, 联系电话) are ignored silently; any other column is
 * ignored with one note listing them.
 *
 * Rows. One row per task per reporting unit (填报单位). Blank rows are
 * skipped, and so are footer and instruction rows: a cell opening with
 * 填表人：, 填报人：, 审核人：, 联系人：, 联系电话：, 负责人：, 制表人：,
 * 说明：, 注：, 填报说明： … while the state cell holds no state. A row
 * with only 任务编号 and 填报单位 (and columns outside the format) -- no
 * state, percent, text, date or note -- is a row of a sent-out ledger
 * left unfilled: no report, no error (lantian status lists it). A row without 进展状态, 填报单位 and 填报日期 whose 任务编号
 * cell is empty or names no task of the plan is a footnote (填表人：…,
 * 审核人, 说明, 合计) and skipped silently. Every other row is a report; a row
 * with an error is skipped (not a record) and every error is reported, so
 * one run lists them all:
 *   任务编号  must name a task of the plan (an unknown number one
 *             character off a task's -- two for long ones -- is named in
 *             the error: "是否是“二.（一）”？"). Matching ignores spaces and the
 *             separators "." "．" "、" and treats () as （）and full-width
 *             digits as ASCII: for a plan whose tasks are "二.（一）",
 *             "二（一）", "二、(一)" and "二.（一）" all match. The record
 *             carries the plan's own spelling. Unknown number: error.
 *   进展状态  one of 未启动 / 推进中 / 已完成 / 滞后, or a synonym offices
 *             write (ledger_state_parse): 未开始, 尚未启动 → 未启动;
 *             正在推进, 进行中, 持续推进, 已启动 → 推进中; 完成, 已办结,
 *             已落实 → 已完成; 进度滞后, 逾期, 未按期完成 → 滞后. A
 *             bracketed qualifier is allowed: "已完成（长期坚持）" is 已完成
 *             with `ongoing` set (also 长期坚持 alone, 常态化, 持续推进
 *             qualifiers). Anything else, e.g. "未完成" (at a deadline it
 *             means 滞后, before it 推进中: the office must say): error.
 *   完成比例  percent points 0-100: "60%", "60％", "60", "60.5%";
 *             more than one decimal ("33.33%") is rounded to one, half
 *             up (tenths of a percent are kept). A bare number is always percent points
 *             (Excel writes a %-formatted cell as "60%" in CSV), so "0.6"
 *             is 0.6%, with a warning when a bare number below 1 has
 *             decimals (probably a fraction meant as 60%). Empty, "-", "—",
 *             "/" = not given. Not a number, or outside 0-100: error.
 *             In an .xls workbook (no number formats, xls.h) a plain
 *             number from 0 to 1 is a fraction: 0.6 is 60%, 1 is 100%.
 *             Inconsistent with the state (warning, row kept): 已完成 below
 *             100%, 未启动 above 0%, 推进中 at 100%.
 *   填报单位  required (empty: error). Same task and same unit twice in a
 *             file: error on the second row, naming the first ("重复").
 *             Checked against the task's units (unit_match.h): the name
 *             written another way (生态环境局 for 县生态环境局) counts for
 *             that unit, with a warning naming the plan's spelling; a unit
 *             the task does not name is a warning (the row counts for the
 *             task's state) naming the task's units, or the nearest one.
 *   填报日期  2024-05-28, 2024/5/28, 2024.5.28, 2024年5月28日, 20240528,
 *             with an optional time after it ("2024/5/28 0:00", as Excel
 *             exports dates), or 5月28日 (year of the file's month). It
 *             must lie within the month or the first LEDGER_GRACE_DAYS days
 *             of the next (a May report filed on June 5 is normal); before
 *             the month or later: error. Not a valid date: error. Empty:
 *             warning, the row is kept without a date.
 *   月份      when present, must be the file's month ("2024-05", "2024/5",
 *             "2024年5月", "5月"); another month: error.
 *   进展情况, 备注  free text, kept as written (line breaks inside kept).
 *
 * Sample data (示例数据). A ledger is sample data when the text 示例数据
 * appears in a title row above the header or in the 备注 cell of any row
 * (both survive Excel: the title row for the sheet, the 备注 cell for rows
 * copied elsewhere). struct ledger.sample is then set, and every output
 * built from it must say 示例数据. The shipped sample ledgers carry both.
 *
 * Month state of a task. Several units may report on one task. Combined
 * (ledger_combine): any 滞后 → 滞后; else all 已完成 → 已完成; else all
 * 未启动 → 未启动; else 推进中. The combined percent is the lowest given.
 * 已完成 carries forward: a month with no report on a task whose state the
 * month before was 已完成 (reported or carried) is 已完成 too, with the
 * same percent (ledger_cell.carried set), until a report says otherwise;
 * a finished task is not re-reported every month.
 *
 * OWNERSHIP. ledger_load/ledger_parse return a struct ledger the caller
 * releases with ledger_free(); records and their strings belong to it. A
 * struct ledger_history is released with ledger_history_free(). The plan
 * passed in is only read and must outlive nothing: records copy what they
 * need.
 */
#ifndef LANTIAN_LEDGER_H
#define LANTIAN_LEDGER_H

#include <stddef.h>

#include "diag.h"
#include "plan.h"

#define LEDGER_MAX_TITLE_ROWS 10
#define LEDGER_GRACE_DAYS 15
/* Warnings for units outside their task, per file; then one count. */
#define LEDGER_MAX_UNIT_WARNINGS 20
#define LEDGER_PERCENT_NONE (-1)
#define LEDGER_NO_TASK ((size_t)-1)

enum ledger_state {
	LEDGER_UNREPORTED = 0, /* no report (only in histories and cells) */
	LEDGER_NOT_STARTED,    /* 未启动 */
	LEDGER_IN_PROGRESS,    /* 推进中 */
	LEDGER_DONE,           /* 已完成 */
	LEDGER_LATE,           /* 滞后 */
	LEDGER_NSTATE
};

/* Canonical Chinese name ("未启动", …; "未填报" for LEDGER_UNREPORTED). */
const char *ledger_state_name(enum ledger_state s);
/* Stable ASCII code for XML/JSON: "unreported", "not-started",
 * "in-progress", "done", "late". */
const char *ledger_state_code(enum ledger_state s);
/* Map what an office writes to a state. Returns 1 and sets *out (and
 * *ongoing, may be NULL, to 1 for 长期坚持/常态化/持续 qualifiers), or 0
 * when the text is not a known state. */
int ledger_state_parse(const char *text, enum ledger_state *out,
    int *ongoing);
/* The combined state of two reports on one task (see above). */
enum ledger_state ledger_combine(enum ledger_state a, enum ledger_state b);

struct ledger_record {
	size_t task_index;  /* into plan->tasks; LEDGER_NO_TASK without plan */
	char *task;         /* the plan's task number ("17", "二.（一）") */
	enum ledger_state state;
	char *state_raw;    /* as written ("正在推进") */
	int ongoing;        /* 长期坚持 */
	int percent10;      /* tenths of a percent 0..1000, or
	                     * LEDGER_PERCENT_NONE */
	char *unit;         /* 填报单位, trimmed */
	char *unit_plan;    /* the unit as the task names it (unit_match.h),
	                     * NULL when the task does not name it or
	                     * without a plan */
	char date[11];      /* 填报日期 "YYYY-MM-DD", or "" */
	char *text;         /* 进展情况, "" when none */
	char *note;         /* 备注, "" when none */
	size_t line;        /* line where the row starts */
};

struct ledger {
	char *path;
	int year, month;
	const char *encoding;   /* static: "UTF-8", "GB18030", …, "xlsx" */
	int sample;             /* 示例数据 */
	struct ledger_record *records; /* in file order */
	size_t n_records;
	size_t rows;            /* report rows seen (not title, blank, footnote) */
	size_t rows_rejected;   /* of which skipped for errors */
	size_t header_line;
	char *sheet;            /* the worksheet read (workbooks); NULL */
	char *files;            /* a month read from several files: their
	                         * names, "; "-separated; NULL otherwise */
};

/* "…/2024-05.csv", "…/2024-05.xlsx" or "…/2024-05.xls" → 2024, 5.
 * Returns 1, or 0 when the file name is not YYYY-MM.csv/.xlsx/.xls
 * (month 01-12, year 2000-2099). */
int ledger_month_from_path(const char *path, int *year, int *month);
/* "…/2024-05" (the folder of a month's files) → 2024, 5; else 0. */
int ledger_month_from_dir(const char *name, int *year, int *month);
/* Whether a name in a month's folder is a ledger file: .csv, .xlsx or
 * .xls, not a dot file or an Excel lock file (~$…). */
int ledger_part_name(const char *name);

/*
 * Read the ledger of year/month in data[0..len) (raw bytes: CSV in any
 * supported encoding, or an .xlsx workbook, told apart by content) from
 * `path` (for diagnostics), validating against plan p (may
 * be NULL: task numbers are then kept as written, normalised, and not
 * checked). Returns NULL when the file is unusable (undecodable, no header,
 * a required column missing, unclosed quote), with an error in dl; else a
 * ledger holding the rows that passed, with every row problem in dl.
 * The caller frees the result with ledger_free().
 */
struct ledger *ledger_parse(const char *path, const char *data, size_t len,
    int year, int month, const struct plan *p, struct diag_list *dl);
/* The same, reading the file; the month comes from the file name (an error
 * if the name is not YYYY-MM.csv or YYYY-MM.xlsx). */
struct ledger *ledger_load(const char *path, const struct plan *p,
    struct diag_list *dl);
void ledger_free(struct ledger *l);

/*
 * Load every YYYY-MM.csv, YYYY-MM.xlsx and YYYY-MM.xls in dir, and every
 * .csv/.xlsx/.xls file in a folder YYYY-MM/ of dir (one workbook per
 * unit, any file name: 2025-07-城管局.xlsx), in month order, into
 * *out (an array of *n ledgers; caller frees each with ledger_free() and
 * the array with free()). The files of one month -- the single file
 * first, then the folder's in name order -- are read as one ledger (its
 * path the first file's, `files` naming them all). Two single files of
 * one month are an error (the second is not read). The same task and
 * unit reported in two files is an error naming both files and rows;
 * the first report counts, the later is dropped (the build then holds
 * the plan back until one of them is removed). Unusable files are left
 * out (their errors are in dl); other files are noted and ignored. A
 * missing dir is not an error (*n = 0).
 * Returns 1, or 0 when dir exists but cannot be read.
 */
int ledger_load_dir(const char *dir, const struct plan *p,
    struct ledger ***out, size_t *n, struct diag_list *dl);

/* One task in one month: the reports combined. */
struct ledger_cell {
	enum ledger_state state; /* LEDGER_UNREPORTED when no row */
	int percent10;           /* lowest given, or LEDGER_PERCENT_NONE */
	int ongoing;             /* some report says 长期坚持 */
	size_t n_reports;        /* rows (units) reporting */
	int carried;             /* 已完成 carried from an earlier month: no
	                          * report this month (n_reports 0) */
};

struct ledger_month {
	int year, month;
	int sample;              /* from the ledger; 0 for a gap month */
	int present;             /* a ledger file exists for this month */
};

/* The months of a plan, from the first to the last ledger, with gap
 * months in between (present = 0, every cell unreported). */
struct ledger_history {
	size_t n_tasks;          /* == plan->n_tasks */
	size_t n_months;
	struct ledger_month *months;
	struct ledger_cell *cells;  /* n_tasks * n_months, task-major */
	int sample;              /* any ledger is sample data */
};

/* Build the history of plan p from ledgers (any order; two ledgers of one
 * month are merged as one). Records without a task index are skipped.
 * Never NULL; with n == 0 it has no months. Free with
 * ledger_history_free(). */
struct ledger_history *ledger_history_build(const struct plan *p,
    struct ledger *const *ledgers, size_t n);
const struct ledger_cell *ledger_history_cell(const struct ledger_history *h,
    size_t task, size_t month);
void ledger_history_free(struct ledger_history *h);

#endif
