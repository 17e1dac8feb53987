/*
 * zippkg.h -- members of a ZIP package (an OOXML .docx, later OFD) read
 * from memory with libzip, with the limits a hostile file needs:
 *  - a member whose directory entry claims more than the per-member limit
 *    is refused before a byte of it is inflated;
 *  - inflation itself stops at the limit whatever the directory claims
 *    (a ZIP bomb may understate its sizes), and a member that inflates to
 *    another length than its entry says is refused;
 *  - the members read from one package may together inflate to at most
 *    the package limit;
 *  - encrypted members and compression methods other than stored and
 *    deflated (the two OPC allows) are refused;
 *  - member names match without regard to case, as OPC part names do.
 * Errors name the file and say in Chinese what is wrong; `what` is the
 * kind of document ("Word 文档") used in them.
 * (generator/xlsx.c keeps its own member bookkeeping, for its messages, but
 * inflates through zippkg_inflate_capped.)
 */
#ifndef LANTIAN_ZIPPKG_H
#define LANTIAN_ZIPPKG_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

struct zippkg {
	void *za;              /* zip_t */
	const char *path;
	const char *what;
	struct diag_list *dl;
	size_t max_member;     /* bytes, uncompressed */
	size_t max_total;
	size_t total;          /* inflated so far */
};

/* Whether data starts like a ZIP archive ("PK\3\4"). */
int zippkg_is_zip(const char *data, size_t len);

/* Open the archive in data[0..len) (borrowed: it must outlive the package).
 * Returns 1, or 0 with an error in dl. */
int zippkg_open(struct zippkg *z, const char *path, const char *what,
    const char *data, size_t len, size_t max_member, size_t max_total,
    struct diag_list *dl);

/* Member `name` inflated into out (NUL-terminated). Returns 1, 0 when the
 * package has no such member (no diagnostic), -1 when it is damaged or
 * refused (error given). */
int zippkg_read(struct zippkg *z, const char *name, struct buf *out);

void zippkg_close(struct zippkg *z);

/* Inflate the open member zf (a zip_file_t) into out (NUL-terminated),
 * never more than cap bytes whatever its directory entry says (a ZIP bomb
 * may understate its size): one byte over the cap is read, and that is
 * the end. hint is the size the entry claims (0: unknown). Reading on to
 * the end is what makes libzip check the CRC and the length. Returns 1,
 * 0 when over the cap, -1 on a read error. Used by xlsx.c too. */
int zippkg_inflate_capped(void *zf, size_t hint, size_t cap, struct buf *out);

#endif
