/*
 * read_docx.h -- a Word .docx plan as the paragraph lines the text parser
 * reads (plan_text.h, struct plines).
 *
 * What is read, in reading order, from the main document part named in
 * [Content_Types].xml:
 *  - paragraphs: the text of their runs (w:t), w:tab as a space, w:br and
 *    w:cr as line breaks (a page break is not one); deleted text (w:del),
 *    hidden text (w:vanish), drawings and text boxes, footnote and endnote
 *    references and the results of page-number fields (PAGE, NUMPAGES,
 *    SECTIONPAGES) are left out; headers, footers, footnotes and endnotes
 *    are separate parts and never read;
 *  - Word automatic numbering: the "一、", "（一）", "1." a reader sees in
 *    front of a numbered paragraph (w:numPr, directly or through the
 *    paragraph style and the styles it is based on) is rebuilt from
 *    word/numbering.xml: the level's w:lvlText with each %N replaced by
 *    the counter of level N in that level's w:numFmt (decimal, Chinese
 *    counting, 甲乙丙, circled and bracketed digits, letters, Roman...),
 *    counters kept per abstract numbering (lists sharing one continue it),
 *    restarted by w:lvlRestart (default: after any higher level) and by a
 *    list instance's w:startOverride;
 *  - tables: one line "|cell|cell|" per row; a cell spanning columns
 *    (w:gridSpan) gives its text in the first column and empty cells after
 *    it, a vertically merged cell (w:vMerge continuing) repeats the text of
 *    the cell above; the paragraphs of a cell and nested tables are joined
 *    by spaces.
 *
 * Safety: the ZIP members are read through zippkg.h (sizes checked from
 * the directory before inflating and while inflating); the XML parts are
 * parsed without network access, DTD loading or entity substitution, and
 * a part with a DOCTYPE is refused.
 */
#ifndef LANTIAN_READ_DOCX_H
#define LANTIAN_READ_DOCX_H

#include <stddef.h>

#include "diag.h"
#include "plan_text.h"

/* Limits: one XML part, and all parts of one document together. */
#define DOCX_MAX_PART (32u << 20)
#define DOCX_MAX_TOTAL (64u << 20)

/*
 * Read the .docx in data[0..len) (a ZIP archive) into out (zeroed by the
 * caller; released with plines_free() in every case). Returns 1, or 0 with
 * an error naming path in dl: not a Word document, damaged, refused.
 */
int docx_read(const char *path, const char *data, size_t len,
    struct plines *out, struct diag_list *dl);

/* The text a numbering level shows for counter value n in format fmt
 * (a w:numFmt value: "decimal", "chineseCounting", ...), appended to b.
 * Unknown formats are shown as decimal. */
struct buf;
void docx_format_number(struct buf *b, const char *fmt, int n);

#endif
