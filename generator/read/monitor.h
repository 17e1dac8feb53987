/*
 * monitor.h -- reading hourly air-quality monitoring files (CSV or gzipped
 * CSV, UTF-8 with or without BOM or GB18030 by the layout's encoding; or
 * an .xlsx workbook) into hourly station records, as described
 * by a column layout (monitor_layout.h), with a per-station data-quality
 * summary. One reader serves every layout.
 *
 * An .xlsx workbook (told by its name) is read whole instead, through
 * xlsx.h (bounded: 40 MiB of file and xlsx.h's limits on parts, rows and
 * cells): its sheet is the first with a row, among its first 20, holding
 * every header column of the layout (title rows and an instructions sheet
 * before it are passed over); the rows below are read as the lines of a
 * CSV would be, and warnings name the sheet and the cell ("工作表“小时数据”
 * 单元格 F5"). Time cells must be text or numbers in separate columns: a
 * cell formatted as a date reads as YYYY-MM-DD, without its hour.
 *
 * Streaming: a reader holds one fixed 256 KiB buffer whatever the size of
 * the file (lines up to 64 KiB); memory grows with the number of stations,
 * never with the number of hours.
 *
 * Values (struct mon_record.v) are exact fixed-point integers, parsed from
 * the decimal text without floating point:
 *   concentrations: units of 1/MON_SCALE µg/m³ (0.0001 µg/m³); CO in
 *                   1/MON_SCALE mg/m³ (0.0001 mg/m³), whatever the file's
 *                   unit (Beijing CO "300" µg/m³ -> 3000 = 0.3 mg/m³);
 *   MON_AQI:        the published index as a plain integer (not scaled).
 * 0.0001 because the real Beijing data carry up to 4 decimals (SO2 3.4272,
 * 26,000 such cells in the 12 files). A cell with more decimals than that
 * is rejected (MON_CELL_PRECISION). A value without data is MON_MISSING
 * (== AQI_MISSING of aqi.h) and its bit in `valid` is clear. The order of
 * enum mon_field is that of enum aqi_ind (aqi.h). aqi.h works in units of
 * 1/AQI_SCALE; mon_rescale() converts, saying whether exactly.
 *
 * Time: an hour is an int32 index, hours since 2000-01-01 00:00 local time
 * (China Standard Time, UTC+8, as the data are written; no TZ or locale is
 * consulted), and always denotes the START of the averaging hour: with
 * time.marks = end, CNEMC's "2024-01-01T0100" (mean of 00:00-01:00) is
 * hour 2024-01-01 00, and "2024-01-01T0000" is 2023-12-31 23. So a natural
 * day (0-23 h, GB 3095 §7) is the records whose y/m/d is that day.
 *
 * What is rejected, never averaged or guessed (counted per station in
 * struct mon_station, per file in struct mon_file_stats, the first few of
 * each kind also as warnings with file:line):
 *   rows: short or long rows, lines over 64 KiB, unbalanced quotes,
 *     invalid UTF-8, bad timestamps, no station, a second row for an hour
 *     already read (MON_ROW_DUPLICATE when identical, MON_ROW_CONFLICT when
 *     the values differ: the first row wins), a row earlier than the
 *     station's last hour (MON_ROW_ORDER);
 *   cells: placeholders (- —), non-numbers, empty cells that the layout
 *     does not call missing, negatives, too many decimals, too large.
 * Stations without any valid concentration for outage_hours (24) hours or
 * more -- rows absent, or present with every cell missing -- are counted as
 * outages with their longest stretch.
 * Structurally unusable files (cannot open, corrupt gzip, no header or a
 * header without the layout's columns, station not derivable from the file
 * name, no usable row at all) are errors naming file and line.
 */
#ifndef LANTIAN_MONITOR_H
#define LANTIAN_MONITOR_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "monitor_layout.h"

#define MON_SCALE 10000
#define MON_MISSING INT64_MIN
#define MON_HOUR_NONE INT32_MIN

/*
 * v (1/MON_SCALE units) in 1/scale units, scale a divisor or multiple of
 * MON_SCALE (e.g. 1000). Rounds half to even when digits are lost and then
 * sets *exact (may be NULL) to 0, else 1. MON_MISSING stays missing.
 */
int64_t mon_rescale(int64_t v, int64_t scale, int *exact);

/* Why a cell holds no value although the row was read. */
enum mon_cell_reason {
	MON_CELL_PLACEHOLDER, /* a placeholder token such as - or — */
	MON_CELL_EMPTY,       /* empty, and "" is not a missing token */
	MON_CELL_NOT_NUMBER,
	MON_CELL_NEGATIVE,
	MON_CELL_PRECISION,   /* more than 4 decimals after conversion */
	MON_CELL_RANGE,       /* too many digits */
	MON_CELL_NREASON
};

/* Why a row was not delivered. */
enum mon_row_reason {
	MON_ROW_SHORT,
	MON_ROW_LONG,
	MON_ROW_TOO_LONG,     /* line over 64 KiB */
	MON_ROW_QUOTE,
	MON_ROW_ENCODING,     /* invalid UTF-8 or NUL bytes */
	MON_ROW_TIME,
	MON_ROW_NO_STATION,
	MON_ROW_DUPLICATE,
	MON_ROW_CONFLICT,
	MON_ROW_ORDER,
	MON_ROW_NREASON
};

const char *mon_cell_reason_name(enum mon_cell_reason r); /* Chinese */
const char *mon_row_reason_name(enum mon_row_reason r);   /* Chinese */

/* A station and its data-quality summary, owned by a struct mon_qc. */
struct mon_station {
	size_t id;            /* order of first appearance, from 0 */
	char *code;
	char *name, *area;    /* NULL when the data do not say */
	uint64_t rows;        /* rows naming this station */
	uint64_t records;     /* rows delivered */
	uint64_t all_missing; /* delivered rows without any concentration */
	uint64_t valid[MON_NFIELD], missing[MON_NFIELD];
	uint64_t rejected[MON_NFIELD][MON_CELL_NREASON];
	uint64_t row_rejected[MON_ROW_NREASON];
	int32_t first, last;  /* first and last hour delivered */
	uint64_t absent_hours; /* hours without a row between first and last,
	                        * plus, after mon_qc_finish, before first and
	                        * after last within the data set's span */
	uint64_t outages;     /* stretches >= outage_hours without data */
	int32_t longest_outage;       /* hours */
	int32_t longest_outage_start; /* MON_HOUR_NONE if none */
	/* private: reading state */
	int32_t dark_since, lead_dark;
	uint32_t last_valid;
	int64_t last_v[MON_NFIELD];
};

/* Totals per file (and over all files in struct mon_qc). */
struct mon_file_stats {
	uint64_t bytes;       /* uncompressed bytes read */
	uint64_t lines;
	uint64_t blank;
	uint64_t rows;        /* data rows (not header, not blank) */
	uint64_t records;     /* rows delivered */
	uint64_t row_rejected[MON_ROW_NREASON];
	uint64_t cells_rejected[MON_CELL_NREASON];
};

/* The stations seen across any number of files. Caller-owned. */
struct mon_qc {
	struct mon_station **v; /* in order of first appearance */
	size_t n, cap;
	int32_t first, last;    /* span of the whole data set */
	int32_t outage_hours;   /* default 24 */
	struct mon_file_stats total;
	size_t files;
	int finished;
	void *index;            /* private: code -> station */
};

/* One hour of one station. Strings point into the reader: valid until the
 * next mon_reader_next() or mon_reader_close(). */
struct mon_record {
	const struct mon_station *st;
	int32_t t;            /* hour index, start of the averaging hour */
	int year, month, day, hour; /* civil date and hour of t */
	uint32_t valid;       /* bit (1u << f) set when v[f] holds a value */
	int64_t v[MON_NFIELD]; /* MON_MISSING where the bit is clear */
	int daily;            /* a row of a daily-value file (resolution =
	                       * day): t is hour 00 of the natural day, v[]
	                       * are the day's values (24 h means; O3_1H the
	                       * daily maximum 1 h, O3_8H the maximum 8 h) */
	const char *primary;  /* published primary pollutant, "" if none */
	const char *file;
	size_t line;
};

/* Hours: civil date <-> hour index (proleptic Gregorian; no time zones). */
int32_t mon_hour_index(int year, int month, int day, int hour);
void mon_hour_civil(int32_t t, int *year, int *month, int *day, int *hour);
/* "2024-01-01 05时" into out (at least 24 bytes). */
void mon_hour_format(int32_t t, char *out, size_t cap);

void mon_qc_init(struct mon_qc *qc);
/* The station with this code, or NULL. */
struct mon_station *mon_qc_station(const struct mon_qc *qc, const char *code);
/*
 * Close the data set: count absent hours and outages up to the data set's
 * first and last hour, recording a warning per outage in dl. Call once,
 * after the last file; further reading is refused.
 */
void mon_qc_finish(struct mon_qc *qc, struct diag_list *dl);
/* The summary as Chinese text, stations sorted by code; deterministic. */
void mon_qc_write_text(const struct mon_qc *qc, struct buf *out);
void mon_qc_free(struct mon_qc *qc);

struct mon_reader;

/*
 * Open path (gzip or plain; told apart by content) with layout ml, adding
 * stations and counts to qc. Returns NULL with an error in dl when the
 * file cannot be opened, its header lacks the layout's columns, or the
 * station cannot be derived from the file name. ml and qc must outlive the
 * reader.
 */
struct mon_reader *mon_reader_open(const char *path,
    const struct mon_layout *ml, struct mon_qc *qc, struct diag_list *dl);
/*
 * Next delivered record into *rec. Returns 1, 0 at the end of the file, or
 * -1 when the file turns out to be unusable (corrupt gzip, no usable row),
 * with an error in dl.
 */
int mon_reader_next(struct mon_reader *r, struct mon_record *rec);
const struct mon_file_stats *mon_reader_stats(const struct mon_reader *r);
void mon_reader_close(struct mon_reader *r);

/* Callback per record for mon_read_file; return 0 to stop early. */
typedef int (*mon_record_fn)(const struct mon_record *rec, void *ctx);
/* Read a whole file through fn (may be NULL). Returns 1 on success, 0 on
 * an error recorded in dl (records delivered before it stay delivered). */
int mon_read_file(const char *path, const struct mon_layout *ml,
    struct mon_qc *qc, mon_record_fn fn, void *ctx, struct diag_list *dl);

#endif
