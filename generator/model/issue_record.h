/*
 * issue_record.h -- the record of an issued bulletin edition (签发记录):
 * plans/<dir>/issued/<name>.record beside the frozen PDF <name>.pdf,
 * written once by `lantian issue` and never rewritten.
 *
 * It says which edition the PDF is (data month, month or year-to-date,
 * original or the k-th 更正), its 期号 (a number counted per year of the
 * 成文日期, in issue order), the 成文日期, the PDF's SHA-256, and the
 * inputs the edition was made from with their SHA-256 (so a later build
 * can say which of them changed). The format is lines of `key = value`;
 * `#` starts a comment line:
 *
 *   edition = 2024-08          data month
 *   kind = month               month | ytd
 *   correction = 0             0: the original; k: the k-th 更正
 *   number = 3                 期号
 *   number-year = 2024         the year it counts in (the date's year)
 *   date = 2024-09-05          成文日期
 *   pdf = 2024-08.pdf          the PDF, in the record's folder
 *   sha256 = <64 hex>          of the PDF
 *   input = <64 hex> <path>    one per input, paths relative to the tree
 *
 * Names: <YYYY-MM>[-ytd][-c<k>] (issue_edition_name). Nothing here
 * touches the file system; the reader is fuzzed (fuzz_issue_record).
 */
#ifndef LANTIAN_ISSUE_RECORD_H
#define LANTIAN_ISSUE_RECORD_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "hash.h"

/* A record larger than this, or with more inputs, is refused. */
#define ISSUE_RECORD_MAX_BYTES (16u << 20)
#define ISSUE_RECORD_MAX_INPUTS 100000
#define ISSUE_MAX_CORRECTION 99
#define ISSUE_MAX_NUMBER 9999

struct issue_input {
	char *path;
	char hex[HASH_HEX_LEN + 1];
};

struct issue_record {
	int year, month;         /* the data month */
	int ytd;                 /* 1: the year-to-date edition (1—M月) */
	int correction;          /* 0: the original; k: the k-th 更正 */
	int number;              /* 期号 */
	int number_year;         /* the year the 期号 counts in */
	int date_y, date_m, date_d;   /* 成文日期 */
	char *pdf;               /* file name of the PDF, same folder */
	char pdf_hex[HASH_HEX_LEN + 1];
	struct issue_input *in;  /* sorted by path, no duplicates */
	size_t n_in;
};

/* Parse the record text (name is its path, for file:line messages).
 * Returns 1, or 0 with errors in dl and *r empty. A name that is given
 * (expect_name, e.g. "2024-08-c1", or NULL) must match the edition the
 * record describes. */
int issue_record_parse(const char *name, const char *text, size_t len,
    const char *expect_name, struct issue_record *r, struct diag_list *dl);

/* The record as text (what issue_record_parse reads back). */
void issue_record_format(const struct issue_record *r, struct buf *out);

void issue_record_free(struct issue_record *r);

/* "2024-08", "2024-08-ytd", "2024-08-c1", "2024-08-ytd-c2"; caller frees. */
char *issue_edition_name(int year, int month, int ytd, int correction);

/* "2024年第3期". Caller frees. */
char *issue_number_text(const struct issue_record *r);

/* "2024年9月5日". Caller frees. */
char *issue_date_text(const struct issue_record *r);

/* 1 if y-m-d is a date of the Gregorian calendar, years 1900..9999. */
int issue_valid_date(int y, int m, int d);

#endif
