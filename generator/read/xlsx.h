/*
 * xlsx.h -- the worksheets of an Excel .xlsx workbook as rows of text
 * cells, the way Excel shows them, for the ledger reader (ledger.h).
 *
 * An .xlsx file is a ZIP archive of XML parts. The archive is read from
 * memory with libzip (stored and deflated members, the methods OPC
 * allows; ZIP64 too; encrypted members refused; each part's CRC and
 * length checked; part names matched without regard to case, as OPC
 * says), the parts with libxml2 through xmlsafe.h (no DTD, no network):
 * xl/workbook.xml and its relationships list the sheets,
 * xl/sharedStrings.xml holds the text cells, xl/styles.xml says which
 * numbers are dates or percentages.
 *
 * Cell text: shared and inline strings as written (rich text runs joined,
 * phonetic runs dropped); numbers with a date format (built-in 14-22,
 * 27-36, 45-47, 50-58, or a custom code with y or d) as "YYYY-MM-DD"
 * (1900 and 1904 date systems, Excel's fictitious 1900-02-29 kept apart);
 * numbers with a percent format as "60%"; other numbers as stored
 * ("12", "0.6"); booleans as TRUE/FALSE; errors as written (#N/A).
 * Formula cells give their cached value.
 *
 * Limits: 16 MiB per uncompressed part and 40 MiB for all parts of the
 * workbook together (checked against the ZIP directory before inflating,
 * and counted while inflating, since a ZIP bomb may lie in its headers),
 * 100,000 rows, 1,000 columns, 2,000,000 cells (empty ones before a cell
 * included), 32 levels of elements: beyond them the file is refused (a
 * ZIP bomb must not exhaust memory). Every part is parsed by xmlsafe.h: a
 * DOCTYPE (where entity bombs live) is refused with the part named.
 */
#ifndef LANTIAN_XLSX_H
#define LANTIAN_XLSX_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

struct xlsx_row {
	size_t row;            /* 1-based sheet row number */
	struct strvec cells;   /* column A at index 0; "" for empty cells */
};

struct xlsx_sheet {
	char *name;            /* the sheet's name */
	struct xlsx_row *rows; /* non-empty rows, in sheet order */
	size_t n_rows;
};

/* The worksheets of a workbook, in the workbook's order (at most
 * XLSX_MAX_SHEETS). */
struct xlsx_book {
	struct xlsx_sheet *sheets;
	size_t n_sheets;
};

#define XLSX_MAX_SHEETS 64

/* Whether data starts like a ZIP archive ("PK\3\4"). */
int xlsx_is_zip(const char *data, size_t len);

/*
 * Read every worksheet of the workbook in data[0..len) into *out (zeroed
 * by the caller). Merged ranges are filled down their first column (see
 * xlsx_sheet_fill_down). Returns 1, or 0 with an error naming path in dl
 * (not a ZIP, damaged, no worksheet, limits exceeded; the limits hold for
 * all sheets together). The caller releases *out with xlsx_book_free() in
 * both cases.
 */
int xlsx_read_book(const char *path, const char *data, size_t len,
    struct xlsx_book *out, struct diag_list *dl);
void xlsx_book_free(struct xlsx_book *b);
void xlsx_sheet_free(struct xlsx_sheet *s);

/* A merged range r1..r2 (sheet rows) whose first column is c (0-based):
 * the text of cell (r1, c) copied into the empty cell c of every row of
 * the sheet below it up to r2. Rows the sheet lacks are not created.
 * Returns the number of rows touched. Shared with the .xls reader. */
size_t xlsx_sheet_fill_down(struct xlsx_sheet *s, size_t r1, size_t c,
    size_t r2);

#endif
