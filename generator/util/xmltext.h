/*
 * xmltext.h -- text made safe for an XML 1.0 document. Every string that
 * comes from a plan text or a ledger passes through here before libxml2
 * writes it (libxml2 escapes markup; it does not drop forbidden characters).
 */
#ifndef LANTIAN_XMLTEXT_H
#define LANTIAN_XMLTEXT_H

/* s with invalid UTF-8 as U+FFFD (visible, so a broken input is noticed)
 * and the characters XML 1.0 forbids (C0 controls such as the form feeds of
 * PDF extraction, U+FFFE, U+FFFF) dropped. Caller frees. */
char *xml_text_clean(const char *s);

/* A libxml2 memory buffer that doubles as it grows: libxml2 2.9's default
 * grows by exactly what is needed, which makes writing a large document
 * quadratic. Free with xmlBufferFree(). */
struct _xmlBuffer *xml_buffer_new(void);

#endif
