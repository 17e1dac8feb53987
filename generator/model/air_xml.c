/*
 * air_xml.c -- <period>, <calendar> and <quality> (see air_xml.h). Numbers
 * are printed from fixed point, in a fixed order.
 */
#include "air_xml.h"

#include <stdio.h>

#include "aqi.h"
#include "util.h"

/* The six period figures, in the order bulletins print them. */
static const enum aqi_ind figure_inds[] = {
	AQI_SO2, AQI_NO2, AQI_PM10, AQI_PM25, AQI_CO, AQI_O3_8H,
};

void
air_xml_period(struct xw *x, const char *kind, const struct airq_compare *c)
{
	const struct airq_period *p = &c->cur, *q = &c->prev;
	xw_open(x, "period");
	xw_attr(x, "kind", kind);
	xw_attr_day(x, "from", p->range.from);
	xw_attr_day(x, "to", p->range.to);
	xw_attr_int(x, "days", p->days);
	xw_attr_int(x, "min-days", p->min_days);
	xw_attr_int(x, "days-data", p->days_data);
	xw_attr_bool(x, "valid", p->valid);
	xw_attr_bool(x, "have-prev", c->have_prev);
	if (c->have_prev) {
		xw_attr_day(x, "prev-from", q->range.from);
		xw_attr_day(x, "prev-to", q->range.to);
	}
	for (size_t i = 0; i < sizeof figure_inds / sizeof figure_inds[0];
	    i++) {
		enum aqi_ind ind = figure_inds[i];
		int dec = aqi_report_decimals(ind);
		xw_open(x, "figure");
		xw_attr(x, "code", aqi_ind_code(ind));
		xw_attr_fixed(x, "value", p->c[ind], dec);
		xw_attr_int(x, "valid-days", p->nvalid[ind]);
		xw_attr_fixed(x, "index", p->single[ind], 2);
		if (c->have_prev) {
			xw_attr_fixed(x, "prev", q->c[ind], dec);
			xw_attr_fixed(x, "change", c->change[ind], 1);
		}
		xw_close(x);
	}
	xw_open(x, "composite");
	xw_attr_fixed(x, "value", p->composite, 2);
	if (c->have_prev) {
		xw_attr_fixed(x, "prev", q->composite, 2);
		xw_attr_fixed(x, "change", c->composite_change, 1);
	}
	xw_close(x);
	xw_open(x, "days");
	xw_attr_int(x, "valid", p->d.valid);
	xw_attr_int(x, "good", p->d.good);
	xw_attr_int(x, "heavy", p->d.heavy);
	xw_attr_fixed(x, "good-ratio", p->good_pct, 1);
	xw_attr_fixed(x, "heavy-ratio", p->heavy_pct, 1);
	if (c->have_prev) {
		xw_attr_int(x, "prev-valid", q->d.valid);
		xw_attr_int(x, "prev-good", q->d.good);
		xw_attr_int(x, "prev-heavy", q->d.heavy);
		xw_attr_fixed(x, "prev-good-ratio", q->good_pct, 1);
		xw_attr_fixed(x, "prev-heavy-ratio", q->heavy_pct, 1);
		xw_attr_fixed(x, "good-points", c->good_points, 1);
		xw_attr_fixed(x, "heavy-points", c->heavy_points, 1);
	}
	xw_close(x);
	for (int lv = 0; lv < 6; lv++) {
		xw_open(x, "level");
		xw_attr_int(x, "n", lv + 1);
		xw_attr_int(x, "days", p->d.by_level[lv]);
		xw_close(x);
	}
	for (int ind = 0; ind < AQI_NIND; ind++) {
		xw_open(x, "exceed");
		xw_attr(x, "code", aqi_ind_code((enum aqi_ind)ind));
		xw_attr_int(x, "days", p->d.exceed[ind]);
		xw_attr_int(x, "primary-days", p->d.primary[ind]);
		if (c->have_prev)
			xw_attr_int(x, "prev-days", q->d.exceed[ind]);
		xw_close(x);
	}
	xw_close(x);
}

static void
primary_attr(struct xw *x, unsigned primary)
{
	char tmp[96] = "";
	size_t n = 0;
	for (int ind = 0; ind < AQI_NIND; ind++)
		if (primary & (1u << ind))
			n += (size_t)snprintf(tmp + n, sizeof tmp - n, "%s%s",
			    n ? " " : "", aqi_ind_code((enum aqi_ind)ind));
	if (n)
		xw_attr(x, "primary", tmp);
}

void
air_xml_calendar(struct xw *x, const struct merged_air *air, int year,
    int month)
{
	xw_open(x, "calendar");
	for (size_t i = 0; i < air->n_days; i++) {
		const struct merged_day *d = &air->days[i];
		xw_open(x, "day");
		xw_attr_day(x, "date", airq_day_index(year, month, d->day));
		xw_attr_bool(x, "data", d->have);
		xw_attr_bool(x, "valid", d->valid);
		if (d->aqi != AQI_NONE) {
			const struct aqi_level *lv = aqi_level_of(d->aqi);
			xw_attr(x, "standard", aqi_standard_name(d->std));
			xw_attr_int(x, "aqi", d->aqi);
			if (lv) {
				xw_attr_int(x, "level", lv->level);
				xw_attr(x, "category", lv->category);
			}
			primary_attr(x, d->primary);
		}
		for (int k = 0; k < AQI_NIND; k++)
			xw_attr_fixed(x, aqi_ind_code((enum aqi_ind)k), d->c[k],
			    aqi_report_decimals((enum aqi_ind)k));
		xw_close(x);
	}
	xw_close(x);
}

static const char *
field_code(int f)
{
	return f < AQI_NIND ? aqi_ind_code((enum aqi_ind)f) : "aqi";
}

void
air_xml_quality(struct xw *x, const struct merged_air *air)
{
	xw_open(x, "quality");
	xw_attr_int(x, "aqi-days-valid", air->q_aqi_days_valid);
	for (int k = 0; k < AQI_NIND; k++) {
		xw_open(x, "area-days");
		xw_attr(x, "code", aqi_ind_code((enum aqi_ind)k));
		xw_attr_int(x, "valid", air->q_area_days_valid[k]);
		xw_attr_int(x, "few-stations", air->q_area_days_few[k]);
		xw_close(x);
	}
	for (size_t i = 0; i < air->n_qst; i++) {
		const struct merged_qstation *s = &air->qst[i];
		xw_open(x, "station");
		xw_attr(x, "code", s->code);
		xw_attr(x, "name", s->name);
		xw_attr_bool(x, "background", s->background);
		xw_attr_int(x, "hours", s->hours);
		xw_attr_int(x, "hours-data", s->hours_data);
		xw_attr_int(x, "outages", s->outages);
		if (s->longest_outage_start != MON_HOUR_NONE) {
			int y, mo, d, h;
			char tmp[32];
			mon_hour_civil(s->longest_outage_start, &y, &mo, &d, &h);
			snprintf(tmp, sizeof tmp, "%04u-%02u-%02uT%02u",
			    (unsigned)y % 10000u, (unsigned)mo % 100u,
			    (unsigned)d % 100u, (unsigned)h % 100u);
			xw_attr_int(x, "longest-outage", s->longest_outage);
			xw_attr(x, "longest-outage-start", tmp);
		}
		for (int k = 0; k < AQI_NIND; k++) {
			xw_open(x, "pollutant");
			xw_attr(x, "code", aqi_ind_code((enum aqi_ind)k));
			xw_attr_int(x, "valid-days", s->days_valid[k]);
			xw_attr_int(x, "short-days", s->days_short[k]);
			xw_attr_int(x, "no-data-days", s->days_none[k]);
			xw_close(x);
		}
		xw_close(x);
	}
	for (int r = 0; r < MON_ROW_NREASON; r++) {
		if (!air->q_rows_rejected[r])
			continue;
		xw_open(x, "rejected-rows");
		xw_attr(x, "reason", mon_row_reason_name((enum mon_row_reason)r));
		xw_attr_int(x, "count", (long long)air->q_rows_rejected[r]);
		xw_close(x);
	}
	for (int f = 0; f < MON_NFIELD; f++)
		for (int r = 0; r < MON_CELL_NREASON; r++) {
			if (!air->q_cells_rejected[f][r])
				continue;
			xw_open(x, "rejected-cells");
			xw_attr(x, "field", field_code(f));
			xw_attr(x, "reason",
			    mon_cell_reason_name((enum mon_cell_reason)r));
			xw_attr_int(x, "count",
			    (long long)air->q_cells_rejected[f][r]);
			xw_close(x);
		}
	xw_close(x);
}

