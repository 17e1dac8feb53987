/*
 * xls.c -- legacy .xls workbooks through libfreexl (see xls.h). FreeXL
 * opens files by name only, so the bytes (already read and size-checked
 * through userfile.h) are handed to it as an anonymous memory file
 * (memfd_create), never as a file in the tree or /tmp.
 */
#include "xls.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <freexl.h>

#include "buf.h"
#include "util.h"

#define XLS_MAX_ROWS 100000
#define XLS_MAX_COLS 1000
#define XLS_MAX_CELLS 2000000

int
xls_is_cfb(const char *data, size_t len)
{
	return len >= 8 &&
	    !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
}

/* An anonymous file holding data; -1 on failure. */
static int
memory_file(const char *data, size_t len)
{
	int fd = memfd_create("lantian-xls", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	return fd;
}

static void
cell_text(const FreeXL_CellValue *v, struct buf *out)
{
	switch (v->type) {
	case FREEXL_CELL_INT:
		buf_printf(out, "%d", v->value.int_value);
		break;
	case FREEXL_CELL_DOUBLE:
		buf_printf(out, "%.15g", v->value.double_value);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME:
	case FREEXL_CELL_TIME:
		if (v->value.text_value)
			buf_puts(out, v->value.text_value);
		break;
	default:
		break;
	}
}

/* The active worksheet into sh. Returns 0 with an error on a limit. */
static int
read_active(const void *h, const char *path, struct xlsx_sheet *sh,
    size_t *cells, struct diag_list *dl)
{
	unsigned int rows;
	unsigned short cols;
	if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
		return 1;      /* an empty sheet */
	if (rows > XLS_MAX_ROWS || cols > XLS_MAX_COLS ||
	    *cells + (size_t)rows * cols > XLS_MAX_CELLS) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "xls 工作表“%s”过大（%u 行 × %u 列；上限 %d 行、%d 列、"
		    "共 %d 个单元格）", sh->name, rows, (unsigned)cols,
		    XLS_MAX_ROWS, XLS_MAX_COLS, XLS_MAX_CELLS);
		return 0;
	}
	*cells += (size_t)rows * cols;
	size_t cap = 0;
	struct buf t = {0};
	for (unsigned r = 0; r < rows; r++) {
		struct xlsx_row row = { .row = r + 1 };
		size_t last = 0;
		for (unsigned short c = 0; c < cols; c++) {
			FreeXL_CellValue v;
			buf_truncate(&t, 0);
			buf_puts(&t, "");
			if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK)
				cell_text(&v, &t);
			strvec_push(&row.cells, t.data);
			if (t.data[0])
				last = (size_t)c + 1;
		}
		while (row.cells.n > last)
			free(row.cells.v[--row.cells.n]);
		if (!last) {
			strvec_free(&row.cells);
			continue;
		}
		sh->rows = xgrow(sh->rows, &cap, sh->n_rows + 1,
		    sizeof *sh->rows);
		sh->rows[sh->n_rows++] = row;
	}
	buf_free(&t);
	return 1;
}

int
xls_read_book(const char *path, const char *data, size_t len,
    struct xlsx_book *out, struct diag_list *dl)
{
	if (!xls_is_cfb(data, len)) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "不是 xls 文件");
		return 0;
	}
	int fd = memory_file(data, len);
	if (fd < 0) {
		diag_add(dl, DIAG_ERROR, path, 0, 0, "无法读取 xls 文件：%s",
		    strerror(errno));
		return 0;
	}
	char name[64];
	snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
	const void *h = NULL;
	int rc = freexl_open(name, &h);
	close(fd);      /* FreeXL keeps its own descriptor */
	if (rc != FREEXL_OK) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "无法读取 xls 文件（文件已损坏，或不是 Excel 97–2003 "
		    "工作簿；FreeXL 错误 %d）：请在 Excel 中另存为 .xlsx 后重试",
		    rc);
		if (h)
			freexl_close(h);
		return 0;
	}
	unsigned int info = 0, n = 0;
	int ok = 1;
	if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK &&
	    info == FREEXL_BIFF_OBFUSCATED) {
		diag_add(dl, DIAG_ERROR, path, 0, 0,
		    "xls 文件有密码保护，无法读取：请去掉密码后另存");
		ok = 0;
	}
	if (ok && freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &n) != FREEXL_OK)
		n = 0;
	if (n > XLSX_MAX_SHEETS)
		n = XLSX_MAX_SHEETS;
	if (ok && n)
		out->sheets = xcalloc(n, sizeof *out->sheets);
	size_t cells = 0;
	for (unsigned i = 0; ok && i < n; i++) {
		struct xlsx_sheet *sh = &out->sheets[out->n_sheets++];
		const char *sname = NULL;
		if (freexl_get_worksheet_name(h, (unsigned short)i, &sname) !=
		    FREEXL_OK || !sname)
			sname = "";
		sh->name = xstrdup(sname);
		if (freexl_select_active_worksheet(h, (unsigned short)i) !=
		    FREEXL_OK)
			continue;
		ok = read_active(h, path, sh, &cells, dl);
	}
	freexl_close(h);
	return ok;
}
