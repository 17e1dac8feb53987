/*
 * plan_source.h -- the one place where a plan file's format is decided:
 * raw bytes to the blocks of plan_text.h, whatever they came in.
 *
 * By content, never by file name (a .docx renamed .txt is still read as
 * Word, a text saved as .doc still as text):
 *  - a ZIP archive ("PK\3\4"): a Word .docx when its [Content_Types].xml
 *    says wordprocessingml (read_docx.h), else refused saying what it is;
 *  - an OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1: the legacy Word .doc
 *    and WPS .wps): refused with the conversion to make;
 *  - a PDF ("%PDF-"): its text layer, by position (read_pdf.h); a scan
 *    without one is refused saying so;
 *  - anything else: text in any supported encoding (textload.h), plain,
 *    PDF-extracted or Markdown (plan_text.h); `markdown` forces Markdown
 *    (a .md file name).
 */
#ifndef LANTIAN_PLAN_SOURCE_H
#define LANTIAN_PLAN_SOURCE_H

#include <stddef.h>

#include "diag.h"
#include "plan_text.h"

struct script_map;

/* Read data[0..len) from path into out (zeroed here; released with
 * ptext_free() in every case). *encoding gets a static name ("UTF-8",
 * "GB18030", ...; "UTF-8" for a .docx, whose XML is decoded). A text in
 * traditional script is folded to simplified for the rules, whatever its
 * format: *script gets the map that restores it (plan_script.h; NULL for
 * simplified script; the caller frees it). Returns 1, or 0 with an error
 * in dl. */
int plan_source_read(const char *path, const char *data, size_t len,
    int markdown, struct ptext *out, const char **encoding,
    struct script_map **script, struct diag_list *dl);

#endif
