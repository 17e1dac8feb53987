/*
 * monitor_layout.h -- column-layout descriptions of hourly monitoring files.
 * A layout says, as data, where the monitoring reader (monitor.h) finds the
 * time, the station and each pollutant in one family of CSV files, in which
 * unit, and which cell texts mean "no value". Adding a new data supplier
 * means writing a .layout file (templates/layouts/), not code.
 *
 * Format of a .layout file (UTF-8 text, one setting per line):
 *
 *   # comment (a '#' at the start of a word starts a comment)
 *   key = value ...
 *
 * Values are words separated by blanks; "double quotes" make one word of
 * text with blanks or '#', and "" is the empty word. A column is named as
 * it is written in the header row, or as $N (1-based column number; the
 * only form allowed with header = no).
 *
 *   layout       = NAME            label (default: the file name)
 *   delimiter    = comma | tab | semicolon | pipe | space | C (one ASCII
 *                  character)                        default comma
 *   quote        = C | none        CSV quote character    default "
 *   header       = yes | no        first line names the columns (default yes)
 *   encoding     = utf-8 | gb18030 the files' text encoding (default
 *                  utf-8). gb18030 (which includes GBK and GB2312, as
 *                  county station software exports) is converted to UTF-8
 *                  line by line while streaming; a line that is not valid
 *                  GB18030 is rejected as an encoding error with its
 *                  file:line. Not used for .xlsx workbooks (always UTF-8)
 *   time         = COLUMN PATTERN  timestamp in one column (the words
 *                  after COLUMN, joined by one blank); PATTERN uses
 *                  %Y (4 digits), %m %d %H (1-2 digits; exactly 2 when
 *                  another directive follows directly, as in %H%M),
 *                  %M %S (2 digits), %% and literal bytes; %Y %m %d
 *                  are required, %H too unless resolution = day, minutes and seconds must be 00 in the
 *                  data; hour 24 means 00 of the next day
 *   year, month, day, hour = COLUMN  or: the time in four columns
 *   resolution   = hour | day      hour (default): one row per station and
 *                  hour. day: one row per station and natural day, as
 *                  provincial platforms give counties -- SO2, NO2, PM10,
 *                  CO, PM2.5 are 24-hour means, o3_1h the day's maximum
 *                  1-hour value, o3_8h its maximum 8-hour mean; they go
 *                  straight into the station's day (airq.h), not
 *                  recomputed, a value given counting as a valid day.
 *                  The time has no hour: a pattern without %H, or year,
 *                  month, day without an hour column; time.marks = end is
 *                  refused. A day stands for its 24 hours in the
 *                  data-quality summary
 *   time.marks   = start | end     the timestamp labels the start of the
 *                  averaging hour, or its end (CNEMC: 01:00 is the mean of
 *                  00:00-01:00)                           default start
 *   station      = COLUMN          station code column, or:
 *   station.file = PATTERN         the station is the part of the file's
 *                  base name matched by {} ('*' matches anything), e.g.
 *                  PRSA_Data_{}_*.csv*
 *   station.map  = RAW CODE [NAME] the station written RAW is CODE, called
 *                  NAME (repeatable)
 *   station.name = COLUMN          optional station name column
 *   area         = COLUMN          optional city column, or:
 *   area.value   = TEXT            one city for the whole file
 *   so2 | no2 | pm10 | co | o3_1h | o3_8h | pm25 = COLUMN UNIT
 *                  UNIT is ug/m3 or mg/m3 (µg/m³, mg/m³ also accepted);
 *                  values are converted to µg/m³ (CO: mg/m³). At least
 *                  one pollutant is required.
 *   aqi          = COLUMN          optional published hourly AQI
 *   primary      = COLUMN          optional published primary pollutant
 *   missing      = TOKEN ...       cell texts meaning "not measured"
 *                  (repeatable); "" makes empty cells missing -- an empty
 *                  cell that is not listed is a rejected cell
 *   placeholder  = TOKEN ...       placeholder texts such as - or —: no
 *                  value, counted apart as rejected placeholders
 *
 * The same layout reads .xlsx workbooks of the same columns (monitor.h):
 * the header row is looked for in the first 20 rows of each sheet;
 * delimiter, quote and encoding do not apply.
 *
 * Errors name the layout file and line (line 0: the file as a whole).
 * A layout is immutable once parsed; the caller frees it with
 * mon_layout_free().
 */
#ifndef LANTIAN_MONITOR_LAYOUT_H
#define LANTIAN_MONITOR_LAYOUT_H

#include <stddef.h>

#include "diag.h"
#include "util.h"

/* The measured quantities of an hourly record. The first MON_NPOLL are
 * concentrations; MON_AQI is the published index. */
enum mon_field {
	MON_SO2,
	MON_NO2,
	MON_PM10,
	MON_CO,
	MON_O3_1H,
	MON_O3_8H,
	MON_PM25,
	MON_AQI,
	MON_NFIELD
};
#define MON_NPOLL MON_AQI

enum mon_unit {
	MON_UNIT_NONE, /* the AQI */
	MON_UNIT_UG,   /* µg/m³ */
	MON_UNIT_MG,   /* mg/m³ */
};

/* The text encoding of the files a layout reads. */
enum mon_encoding {
	MON_ENC_UTF8,    /* UTF-8, with or without BOM (the default) */
	MON_ENC_GB18030, /* GB18030 (and so GBK, GB2312), converted on reading */
};

/* A column named in a layout: by header name or by number. */
struct mon_col {
	int set;       /* 0: the layout does not name this column */
	char *name;    /* header text, or NULL when given as $N */
	int index;     /* 0-based column number when given as $N, else -1 */
	size_t line;   /* line of the layout that names it */
};

struct mon_station_alias {
	char *raw, *code, *name; /* name may be NULL */
};

struct mon_layout {
	char *file;              /* layout path, for diagnostics */
	char *name;
	char delim;
	char quote;              /* 0: no quoting */
	int header;
	enum mon_encoding encoding; /* of the file's text */
	int daily;               /* resolution = day: one row per day */
	int time_end;            /* timestamps mark the end of the hour */
	struct mon_col time;     /* one-column timestamp ... */
	char *time_pattern;
	struct mon_col year, month, day, hour; /* ... or four columns */
	struct mon_col station;
	char *station_file;      /* station.file pattern, or NULL */
	struct mon_station_alias *alias;
	size_t nalias;
	struct mon_col station_name, area;
	char *area_value;        /* or NULL */
	struct mon_col field[MON_NFIELD];
	enum mon_unit unit[MON_NFIELD];
	struct mon_col primary;
	struct strvec missing;      /* may contain "" */
	struct strvec placeholder;
	void *alias_index;          /* private: raw text -> alias */
};

/* Short lower-case key of a field ("so2", ..., "pm25", "aqi"). */
const char *mon_field_key(enum mon_field f);
/* How staff write it ("SO2", "PM2.5", "O3-1h", "AQI"). */
const char *mon_field_label(enum mon_field f);

/*
 * Parse the layout text[0..len) read from `path` (used in diagnostics).
 * Returns the layout, or NULL with every error in dl (file:line).
 */
struct mon_layout *mon_layout_parse(const char *path, const char *text,
    size_t len, struct diag_list *dl);
/* The same, reading the file first (at most 1 MiB). */
struct mon_layout *mon_layout_load(const char *path, struct diag_list *dl);
void mon_layout_free(struct mon_layout *ml);

/* The alias for raw station text s[0..len), or NULL. */
const struct mon_station_alias *mon_layout_alias(const struct mon_layout *ml,
    const char *s, size_t len);

/*
 * Match the base name of path against the station.file pattern. On a
 * match, copy the captured station text (NUL-terminated) into out[0..cap)
 * and return 1; return 0 when it does not match or does not fit.
 */
int mon_layout_station_from_path(const struct mon_layout *ml,
    const char *path, char *out, size_t cap);

#endif
