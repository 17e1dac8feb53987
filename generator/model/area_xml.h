/*
 * area_xml.h -- the documents of output/air/ (schema generator/area.rng,
 * embedded as embed_area):
 *   <area-month>  one monitoring area, one month: month and year-to-date
 *                 statistics with 同比, the daily AQI calendar, the
 *                 data-quality summary, provenance and stations
 *                 (output/air/<slug>/<YYYY-MM>.xml);
 *   <area-index>  one area: its stations, provenance and the months it
 *                 has data for (output/air/<slug>/index.xml);
 *   <ranking>     one month: every area with a month document ranked by
 *                 综合指数, PM2.5, 优良天数比例 and 同比 improvement, for
 *                 the month and the year to date
 *                 (output/air/ranking/<YYYY-MM>.xml).
 * A ranking is computed from the areas' month documents (read back with
 * area_rank_read), not from the monitoring data: it depends on what the
 * area documents print, so an area whose data did not change need not be
 * read again, and the ranks are those of the printed values (并列 when
 * the printed values are equal, as airq_rank does).
 *
 * Every writer validates its document against the embedded schema before
 * appending it; nothing comes from the clock; the same input gives the
 * same bytes.
 *
 * Ownership: the caller owns everything it passes in. area_rank_read()
 * fills a struct area_rank_src that owns its strings:
 * area_rank_src_clear() frees them. Library code: never prints; problems
 * go to the struct diag_list passed in.
 */
#ifndef LANTIAN_AREA_XML_H
#define LANTIAN_AREA_XML_H

#include <stddef.h>
#include <stdint.h>

#include "airq.h"
#include "buf.h"
#include "diag.h"

#define AREA_XML_NS "urn:lantian:air:1"
/* Printed for an area with simulated data (as the merged documents). */
#define AREA_LABEL_SIMULATED "模拟数据，仅供演示"

/* A station of the area, as the station table gives it. */
struct area_station {
	const char *code, *name;
	int background;          /* 对照点: not part of the area's value */
	int simulated;
	const char *lon, *lat;   /* as written; may be NULL */
	const char *dir;         /* data folder, relative to plans/ */
	const char *layout;
};

/* An area of the station table. */
struct area_desc {
	const char *name;        /* stations.csv `area` */
	const char *slug;        /* its folder under output/air/ */
	const struct area_station *st; /* table order */
	size_t n_st;
};

/* The months (year * 12 + month - 1) in which area a has a value on some
 * day, ascending; *n their count. Caller frees. */
int32_t *area_months(const struct airq_area *a, size_t *n);

/* Append the <area-month> of area d (found as a in the finished aq) for
 * year/month. Returns 1, or 0 when it does not validate (errors in dl,
 * nothing appended). */
int area_month_xml(const struct area_desc *d, const struct airq *aq,
    const struct airq_area *a, int year, int month, struct buf *out,
    struct diag_list *dl);

/* Append the <area-index> of d: months[0..n) as area_months() gives them
 * (a may be NULL when the data have no value of the area). */
int area_index_xml(const struct area_desc *d, const struct airq *aq,
    const struct airq_area *a, const int32_t *months, size_t n,
    struct buf *out, struct diag_list *dl);

/* What a ranking needs of one area month document. */
enum { AREA_RK_MONTH, AREA_RK_YTD, AREA_RK_NPERIOD };
struct area_rank_src {
	char *area, *slug;
	int year, month;
	int simulated;           /* the document carries the simulated label */
	/* Printed values (AQI_SCALE units), AQI_MISSING when absent. */
	int64_t composite[AREA_RK_NPERIOD], pm25[AREA_RK_NPERIOD];
	int64_t good_ratio[AREA_RK_NPERIOD];
	int64_t composite_change[AREA_RK_NPERIOD], pm25_change[AREA_RK_NPERIOD];
};

/* Read the ranking figures of an <area-month> document xml[0..len)
 * (name: for diagnostics). Returns 1, or 0 with an error in dl when it is
 * not one. */
int area_rank_read(const char *xml, size_t len, const char *name,
    struct area_rank_src *out, struct diag_list *dl);
void area_rank_src_clear(struct area_rank_src *s);

/* Append the <ranking> of year/month over src[0..n) (the month documents
 * of that month, any order; each area once). */
int area_ranking_xml(int year, int month, const struct area_rank_src *src,
    size_t n, struct buf *out, struct diag_list *dl);

/* Validate a document against the embedded area.rng. */
int area_xml_validate(const char *xml, size_t len, const char *name,
    struct diag_list *dl);

#endif
