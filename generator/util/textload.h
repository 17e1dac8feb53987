/*
 * textload.h -- reading input files as UTF-8 text.
 * Detects UTF-8 (with or without BOM), UTF-16 (with BOM) and GB18030/GBK
 * (what Chinese Windows tools save) and converts with iconv; refuses binary
 * data and undecodable bytes with file:line:col; normalises CRLF and CR to
 * LF. Used for plans, ledgers and every other text input.
 */
#ifndef LANTIAN_TEXTLOAD_H
#define LANTIAN_TEXTLOAD_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* Read the whole file into out. Returns 1 on success, 0 with an error in dl.
 * Refuses files over max_bytes (0 = 256 MiB). For a file named on the
 * command line: userfile_read(USERFILE_NAMED); files of the publication
 * tree are read with userfile_read(USERFILE_TREE) (userfile.h). */
int file_read_all(const char *path, size_t max_bytes, struct buf *out,
    struct diag_list *dl);

/*
 * Decode raw bytes to UTF-8 text in out (NUL-terminated; no BOM; LF line
 * ends). *encoding is set to a static name ("UTF-8", "UTF-8 BOM",
 * "GB18030", "UTF-16LE", "UTF-16BE"). Returns 1 on success, 0 when the
 * bytes are empty, binary or not decodable, with an error naming path and
 * line in dl.
 */
int text_decode(const char *path, const char *data, size_t len,
    struct buf *out, const char **encoding, struct diag_list *dl);

/* Length of the valid UTF-8 prefix of s[0..len). */
size_t utf8_valid_prefix(const char *s, size_t len);

#endif
