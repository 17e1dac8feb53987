/*
 * xls.h -- the worksheets of a legacy Excel .xls workbook (BIFF5/BIFF8 in
 * an OLE compound file), as rows of text cells like xlsx.h gives them, read
 * with Debian's libfreexl. What FreeXL does not give: merged ranges (only
 * the top-left cell holds the text; the ledger reader carries a task
 * number down by itself) and number formats other than dates (a
 * percent-formatted 0.6 reads as "0.6", not "60%").
 *
 * Cell text: text cells as written (converted from the file's code page
 * to UTF-8 by FreeXL), integers as "12", other numbers with up to 15
 * significant digits, dates as "YYYY-MM-DD" (a date-time as
 * "YYYY-MM-DD HH:MM:SS"). Limits as xlsx.h: 100,000 rows, 1,000 columns,
 * 2,000,000 cells for all sheets; beyond them the file is refused.
 * Password-protected (obfuscated) workbooks are refused.
 *
 * Known: libfreexl 1.0.6 over-reads a stack buffer of its own on some
 * damaged files (tests/fuzz/known/README.md); reading .xls in a child
 * process would contain it and is not done yet.
 */
#ifndef LANTIAN_XLS_H
#define LANTIAN_XLS_H

#include <stddef.h>

#include "diag.h"
#include "xlsx.h"

/* Whether data starts like an OLE compound file (D0 CF 11 E0 A1 B1 1A E1). */
int xls_is_cfb(const char *data, size_t len);

/* Read every worksheet of the .xls workbook in data[0..len) into *out
 * (zeroed by the caller). Returns 1, or 0 with an error naming path in dl.
 * The caller releases *out with xlsx_book_free() in both cases. */
int xls_read_book(const char *path, const char *data, size_t len,
    struct xlsx_book *out, struct diag_list *dl);

#endif
