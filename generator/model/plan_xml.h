/*
 * plan_xml.h -- struct plan as the canonical task XML, validated against the
 * RELAX NG schema generator/plan.rng (embedded in the binary).
 */
#ifndef LANTIAN_PLAN_XML_H
#define LANTIAN_PLAN_XML_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "plan.h"

/* Append the XML document for p to out and validate it. Returns 1 on
 * success, 0 when the document does not validate (errors added to dl). */
int plan_write_xml(const struct plan *p, struct buf *out, struct diag_list *dl);

/* Validate an XML document against the embedded plan schema. name is used
 * in diagnostics. Returns 1 when valid. */
int plan_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl);

#endif
