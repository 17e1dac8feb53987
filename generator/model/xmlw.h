/*
 * xmlw.h -- small helpers over libxml2's xmlTextWriter shared by the
 * documents lantian writes from its models (task, unit registry, merged,
 * area and ranking documents): attributes and text from untrusted strings
 * (passed through xml_text_clean first), fixed-point numbers printed
 * without floating point, dates; the reverse of the number printing for
 * documents read back; and validation against a RELAX NG schema embedded
 * in the binary.
 *
 * Ownership: xw_begin() allocates the writer and its buffer, xw_end()
 * frees both after appending the document to the caller's buffer. A
 * struct xw_schema is a static object parsed once, on first use, and kept
 * for the life of the program.
 *
 * Thread safety: a struct xw belongs to one thread. xw_validate() may be
 * called from any thread: the schema is parsed under a mutex and only read
 * afterwards; libxml2's errors go to a per-call sink.
 */
#ifndef LANTIAN_XMLW_H
#define LANTIAN_XMLW_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"

struct xw {
	struct _xmlTextWriter *w;
	struct _xmlBuffer *mem;
	int failed;              /* some write failed: the document is bad */
};

/* Start a document (XML declaration, one-space indentation). Returns 0
 * when the writer cannot be created. */
int xw_begin(struct xw *x);
/* Finish the document; append it to out unless a write failed. Frees the
 * writer. Returns 1 when the document was appended. */
int xw_end(struct xw *x, struct buf *out);

void xw_open(struct xw *x, const char *name);
void xw_close(struct xw *x);
/* An attribute from untrusted text; nothing when value is NULL. */
void xw_attr(struct xw *x, const char *name, const char *value);
/* ... nothing when value is NULL or empty. */
void xw_attr_nonempty(struct xw *x, const char *name, const char *value);
void xw_attr_int(struct xw *x, const char *name, long long v);
/* "yes" / "no". */
void xw_attr_bool(struct xw *x, const char *name, int v);
/* A fixed-point value (AQI_SCALE units) with `decimals` decimals, rounded
 * half to even; nothing when v is AQI_MISSING. */
void xw_attr_fixed(struct xw *x, const char *name, int64_t v, int decimals);
/* "YYYY-MM". */
void xw_attr_ym(struct xw *x, const char *name, int year, int month);
/* "YYYY-MM-DD" of a day index (airq.h). */
void xw_attr_day(struct xw *x, const char *name, int32_t day);
/* Text content from untrusted text (nothing when NULL or empty). */
void xw_text(struct xw *x, const char *s);
/* <name>s</name>; nothing when s is NULL. */
void xw_text_elem(struct xw *x, const char *name, const char *s);

/* v (AQI_SCALE units) with `decimals` decimals, rounded half to even
 * (GB/T 8170; exact for values already at that precision). Returns tmp. */
const char *xw_fixed(char tmp[40], int64_t v, int decimals);
/* The reverse: "-12.34" into AQI_SCALE units, exactly. Returns 1, or 0
 * (and *v = AQI_MISSING) when s is NULL or not a plain decimal with at
 * most AQI_DECIMALS decimals. */
int xw_parse_fixed(const char *s, int64_t *v);

/* An embedded RELAX NG schema; define one per schema with
 * XW_SCHEMA_INIT(embed_<name>, &embed_<name>_len, "<name>.rng"). */
struct xw_schema {
	const unsigned char *rng;
	const unsigned long *len;
	const char *name;
	pthread_mutex_t mu;
	int tried;
	void *schema;            /* xmlRelaxNGPtr */
	char error[512];
};
#define XW_SCHEMA_INIT(rng, lenp, name) \
	{ (rng), (lenp), (name), PTHREAD_MUTEX_INITIALIZER, 0, NULL, "" }

/* Parse xml[0..len) and validate it against s; docname names the document
 * in diagnostics (errors, with line, added to dl). Returns 1 when valid. */
int xw_validate(struct xw_schema *s, const char *xml, size_t len,
    const char *docname, struct diag_list *dl);
/* The same, keeping the parsed document for a caller that reads it next
 * (an xmlDocPtr as void *, freed with xmlFreeDoc); NULL when invalid. */
void *xw_parse_valid(struct xw_schema *s, const char *xml, size_t len,
    const char *docname, struct diag_list *dl);

#endif
