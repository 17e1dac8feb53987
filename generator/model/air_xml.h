/*
 * air_xml.h -- the air-quality elements shared by the merged document
 * (merge.rng) and the area documents (area.rng): a period with 同比
 * (<period>), the month's daily AQI calendar (<calendar>) and the
 * data-quality summary (<quality>), written from struct merged_air
 * (merge.h) in the namespace of the document being written. Both schemas
 * define these elements identically; a change here changes both.
 */
#ifndef LANTIAN_AIR_XML_H
#define LANTIAN_AIR_XML_H

#include "merge.h"
#include "xmlw.h"

/* <period kind=...> for a statistic with its 同比. */
void air_xml_period(struct xw *x, const char *kind,
    const struct airq_compare *c);
/* <calendar> of air->days (the month year/month). */
void air_xml_calendar(struct xw *x, const struct merged_air *air, int year,
    int month);
/* <quality> from air->q_* and air->qst. */
void air_xml_quality(struct xw *x, const struct merged_air *air);

#endif
