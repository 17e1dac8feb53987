/*
 * simulate.h -- the station table of the publication (plans/stations.csv)
 * and a deterministic generator of realistic SIMULATED hourly monitoring
 * data, in the CNEMC real-time release format, for the stations the table
 * marks `simulated` (the Henan areas of the shipped plans, which have no
 * long real series).
 *
 * Station table: CSV, UTF-8 (a BOM is skipped), header row, columns in
 * any order, no quoting (no cell needs a comma), one station a row:
 *   code        CNEMC station code (unique)
 *   name        station name as the data write it
 *   area        city (the national feed's `area`)
 *   background  yes | no       对照点 (background station): excluded from
 *                              the city's figures
 *   longitude, latitude        decimal degrees, written as in the source
 *   data        real | simulated   simulated data must be labelled
 *                              "模拟数据，仅供演示" on every output
 *   layout      name of templates/layouts/<layout>.layout to read with
 *   dir         folder of the data files, relative to the table's folder:
 *               every .csv / .csv.gz file in it, read in name order
 * A folder holds one area, one layout and one kind of data (real or
 * simulated): never a mix, so replacing a folder's files and flipping
 * `data` is all it takes to drop real data in.
 *
 * Simulated files: <dir>/<year>-simulated.csv.gz, one per calendar year,
 * holding the hours that START in that year (so whole natural days:
 * timepoints <year>-01-01T0100 .. <year+1>-01-01T0000), rows sorted by
 * timepoint then station code, as the national release.
 *
 * Determinism: the series depend only on the seed, the area names and
 * the station codes (and the table's text for names and coordinates).
 * Every series starts at SIM_ORIGIN_YEAR-01-01 00:00 whatever span is
 * asked for, so a short span gives exactly the rows of the full run. The
 * generator uses no rand(), no clock, no libm transcendental functions
 * (its exp is basic IEEE arithmetic), and the gzip stream has no name and
 * mtime 0: the same seed gives byte-identical files on any IEEE machine
 * with the same zlib.
 *
 * Memory: the caller owns a struct sim_table and frees it with
 * sim_table_free(). Nothing else returned needs freeing by the caller
 * except the buffers and lists it passes in. Library code: nothing here
 * prints; problems are recorded in a struct diag_list with file:line.
 */
#ifndef LANTIAN_SIMULATE_H
#define LANTIAN_SIMULATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "diag.h"
#include "util.h"

#define SIM_ORIGIN_YEAR 2020     /* every series starts here */
#define SIM_LAST_YEAR 2099
#define SIM_DEFAULT_SEED 2024
#define SIM_DEFAULT_FROM "2022-01-01"
#define SIM_DEFAULT_TO "2025-12-31"
#define SIM_LAYOUT "cnemc-realtime" /* the only layout simulated */
#define SIM_FILE_SUFFIX "-simulated.csv.gz"

/* The header row of the national real-time release (no newline). */
extern const char sim_cnemc_header[];

/* One row of the station table. Strings are owned by the table. */
struct sim_station {
	char *code, *name, *area;
	int background;          /* 1: 对照点 */
	char *lon, *lat;         /* text as written in the table */
	int simulated;           /* data = simulated */
	char *layout;
	char *dir;               /* relative to the table's folder */
	size_t line;             /* line in the table */
};

struct sim_table {
	char *path;
	struct sim_station *v;   /* in table order */
	size_t n, cap;
};

/*
 * Read the station table at path into t (zeroed by the caller). Returns 1,
 * or 0 when anything is wrong, with every problem in dl (file:line).
 */
int sim_table_load(const char *path, struct sim_table *t,
    struct diag_list *dl);
/* The same from text[0..len) read from path (used in diagnostics). */
int sim_table_parse(const char *path, const char *text, size_t len,
    struct sim_table *t, struct diag_list *dl);
/* The station with this code, or NULL. */
const struct sim_station *sim_table_find(const struct sim_table *t,
    const char *code);
void sim_table_free(struct sim_table *t);

/* What to generate. from/to are civil dates, inclusive. */
struct sim_options {
	uint64_t seed;
	int from_y, from_m, from_d;
	int to_y, to_m, to_d;
};

/* Defaults: SIM_DEFAULT_SEED, SIM_DEFAULT_FROM .. SIM_DEFAULT_TO. */
void sim_options_default(struct sim_options *o);
/* "YYYY-MM-DD" into *y *m *d; returns 1, or 0 if not a valid date. */
int sim_parse_date(const char *s, int *y, int *m, int *d);
/* 1 when o's span lies within SIM_ORIGIN_YEAR .. SIM_LAST_YEAR and
 * from <= to; else 0 with an error in dl. */
int sim_options_check(const struct sim_options *o, struct diag_list *dl);

/*
 * Receives one year of one folder's simulated data: the CSV text with its
 * header row. Return 1 to go on, 0 to stop (sim_generate then returns 0).
 */
typedef int (*sim_year_fn)(const char *dir, int year, const struct buf *csv,
    void *ctx);

/*
 * Generate the simulated stations of t, folder by folder (folders in
 * byte order of `dir`, stations by code), one call of fn per folder and
 * year of the span. Returns 1, or 0 with an error in dl (bad options, a
 * simulated station with another layout than SIM_LAYOUT, fn stopped).
 */
int sim_generate(const struct sim_table *t, const struct sim_options *o,
    sim_year_fn fn, void *ctx, struct diag_list *dl);

/* gzip data[0..len) into out (appended): best compression, no file name,
 * mtime 0 -- the same bytes for the same input. Returns 1, 0 on a zlib
 * failure. */
int sim_gzip(const void *data, size_t len, struct buf *out);

/* What sim_write() did with one file. */
struct sim_written {
	char *path;              /* as written: root/dir/<year>-simulated.csv.gz */
	int year;
	uint64_t rows;           /* data rows */
	size_t bytes;            /* compressed size */
	int changed;             /* 0: the file already held these bytes */
};

struct sim_write_log {
	struct sim_written *v;
	size_t n, cap;
};
void sim_write_log_free(struct sim_write_log *w);

/*
 * Generate and write every file under root (folders created as needed;
 * each file replaced atomically, and left untouched -- mtime too -- when
 * it already holds the same bytes). log (may be NULL) gets one entry per
 * file. Returns 1, or 0 with an error in dl.
 */
int sim_write(const struct sim_table *t, const struct sim_options *o,
    const char *root, struct sim_write_log *log, struct diag_list *dl);

#endif
