/*
 * merge_xml.h -- the merged model (merge.h) as XML, validated against the
 * RELAX NG schema generator/merge.rng (embedded in the binary). The
 * document has no date from the clock and a fixed order: the same model
 * gives the same bytes.
 */
#ifndef LANTIAN_MERGE_XML_H
#define LANTIAN_MERGE_XML_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "merge.h"

/* Write the XML document for m, validate it and append it to out.
 * Returns 1 on success, 0 when the document does not validate (errors
 * added to dl; nothing appended). */
int merged_write_xml(const struct merged *m, struct buf *out,
    struct diag_list *dl);

/* Validate an XML document against the embedded merge schema. name is
 * used in diagnostics. Returns 1 when valid. */
int merged_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl);

#endif
