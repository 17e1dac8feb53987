/*
 * xmlsafe.h -- parsing XML that came from a user's file (the parts of an
 * .xlsx or .docx package, any other XML a person hands us) without giving
 * the file a way to exhaust time or memory or to reach outside itself.
 *
 * The rules, the same for every reader:
 *   - no DOCTYPE at all: a document type declaration is refused before
 *     anything inside it is read (OOXML parts never carry one, and the
 *     internal subset is where entity bombs live: "billion laughs",
 *     quadratic blowup); so no DTD is loaded, no entity is declared or
 *     substituted, nothing is fetched (no network either);
 *   - libxml2's own guards stay on (no XML_PARSE_HUGE): its limits on
 *     names, comments, look-ahead and entity amplification; a text over
 *     its 10,000,000 bytes, which libxml2 2.9 would cut short without a
 *     word, is refused;
 *   - at most max_bytes of input and max_depth nested elements.
 * Errors go to the diagnostics list in Chinese, naming the file and, for
 * a package, the part ("ledgers/2024-05.xlsx: xlsx 文件中的
 * xl/worksheets/sheet1.xml 含 DOCTYPE 声明 ...").
 */
#ifndef LANTIAN_XMLSAFE_H
#define LANTIAN_XMLSAFE_H

#include <stddef.h>

#include "diag.h"

struct _xmlDoc;

/* Defaults for a limit given as 0. */
#define XMLSAFE_MAX_BYTES ((size_t)16 << 20)
#define XMLSAFE_MAX_DEPTH 64u

struct xmlsafe_limits {
	size_t max_bytes;       /* input bytes; 0 = XMLSAFE_MAX_BYTES */
	unsigned max_depth;     /* element nesting; 0 = XMLSAFE_MAX_DEPTH */
};

/*
 * Parse data[0..len) into a document (free it with xmlFreeDoc()), or
 * return NULL with one error in dl. file names the user's file in the
 * message and as its location; part, when not NULL, is the member of a
 * package the bytes came from ("xl/workbook.xml"), and kind the package's
 * kind for the message ("xlsx", "docx"; NULL: "压缩包"). lim may be NULL
 * for the defaults. Thread-safe as libxml2 is: no global state is touched.
 */
struct _xmlDoc *xmlsafe_parse(const char *data, size_t len, const char *file,
    const char *kind, const char *part, const struct xmlsafe_limits *lim,
    struct diag_list *dl);

/* Why xmlsafe_read() gave no document. */
enum xmlsafe_why {
	XMLSAFE_OK,
	XMLSAFE_DOCTYPE,        /* a document type declaration */
	XMLSAFE_DEEP,           /* more than max_depth nested elements */
	XMLSAFE_HUGE_TEXT,      /* a text over XML_MAX_TEXT_LENGTH (10 MB),
	                           which libxml2 would cut short silently
	                           (without XML_PARSE_HUGE only) */
	XMLSAFE_MALFORMED,      /* not well-formed, or no root element */
	XMLSAFE_NOMEM,
};

/*
 * The rule underneath, for documents a caller reports on itself (the
 * program's own outputs read back, whose parse errors go through a
 * structured error handler as libxml2 reports them): parse
 * data[0..len) with libxml2 `options` minus XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR and XML_PARSE_DTDVALID, stopping at
 * a DOCTYPE and beyond max_depth (0 = XMLSAFE_MAX_DEPTH). name becomes the
 * document's URL. Returns the document, or NULL with *why set. len must
 * not exceed INT_MAX (XMLSAFE_MALFORMED otherwise).
 */
struct _xmlDoc *xmlsafe_read(const char *data, size_t len, const char *name,
    int options, unsigned max_depth, enum xmlsafe_why *why);

#endif
