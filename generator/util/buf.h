/*
 * buf.h -- one growable byte buffer, always NUL-terminated.
 * The caller owns a struct buf and releases it with buf_free().
 */
#ifndef LANTIAN_BUF_H
#define LANTIAN_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when non-NULL */
	size_t len, cap;
};

void buf_grow(struct buf *b, size_t extra);
void buf_put(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_truncate(struct buf *b, size_t len);
/* Hand the bytes to the caller (who frees them) and reset b. */
char *buf_detach(struct buf *b);
void buf_free(struct buf *b);

#endif
