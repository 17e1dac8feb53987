/*
 * read_pdf.h -- a PDF plan as the paragraph lines the text parser reads
 * (plan_text.h, struct plines), from the PDF's text layer with positions
 * (poppler-glib).
 *
 * Each page's glyphs are grouped into visual lines by their vertical
 * position (sub- and superscripts stay in their line) and ordered left to
 * right; a gap wider than 1.2 characters separates table cells,
 * and a line of two or more cells is a table row ("|a|b|").
 * Running headers and footers are dropped by position and pattern: in the
 * top or bottom eighth of the page, a line that is a page number ("— 9 —",
 * "-9-", "第 9 页", "9/12", "9") or that recurs on several pages (digits
 * aside). So a page number never ends up inside a unit's name, as it does
 * in text extracted by pdftotext.
 * Hard-wrapped lines are joined into paragraphs: a line continues the
 * previous one when the previous one reaches the right margin and this one
 * is not indented, starts no numbering mark (一、 （一） 1.) and has the same
 * type size; this holds across page breaks, so a word split by a page
 * break is joined.
 * A PDF without a text layer (a scan) is refused with a message saying
 * so; an encrypted or damaged one with a message too.
 */
#ifndef LANTIAN_READ_PDF_H
#define LANTIAN_READ_PDF_H

#include <stddef.h>

#include "diag.h"
#include "plan_text.h"

#define PDF_MAX_PAGES 2000

/* Whether data is a PDF ("%PDF-" within the first KiB). */
int pdf_is_pdf(const char *data, size_t len);

/*
 * Read the PDF in data[0..len) into out (zeroed by the caller; released
 * with plines_free() in every case). Returns 1, or 0 with an error naming
 * path in dl.
 */
int pdf_read(const char *path, const char *data, size_t len,
    struct plines *out, struct diag_list *dl);

#endif
