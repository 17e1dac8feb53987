/*
 * chart_axis.c -- value axes with nice steps, computed from the data.
 *
 * A step is m x 10^k with m in {1, 2, 2.5, 5}. For a given number of
 * intervals the smallest step that reaches the data's maximum is taken;
 * the number of intervals (4..7) is the one that leaves the least empty
 * space above the data. Tick values are m*i*10^k, so labels print exactly
 * with max(0, -k) decimals (one more for m = 2.5).
 */
#include <math.h>
#include <stdio.h>

#include "chart.h"

#define MIN_INTERVALS 4
#define MAX_INTERVALS 7

static const double mantissa[] = { 1.0, 2.0, 2.5, 5.0 };
#define NMANT (sizeof mantissa / sizeof mantissa[0])

double
chart_axis_max(const struct chart_axis *a)
{
	return a->step * a->n;
}

static int
step_decimals(int k, double m)
{
	int d = k < 0 ? -k : 0;

	/* 2.5 x 10^k has one digit more than 10^k. */
	if (m == 2.5 && k <= 0)
		d++;
	return d;
}

void
chart_axis_fit(double hi, int n, int integer, struct chart_axis *a)
{
	if (!isfinite(hi) || hi <= 0)
		hi = 1;
	if (n < 1)
		n = 1;
	/* Start one decade below the raw step so that the first candidate
	 * is always too small. */
	int k = (int)floor(log10(hi / n)) - 1;
	for (;; k++) {
		double p = pow(10.0, k);
		for (size_t i = 0; i < NMANT; i++) {
			double step = mantissa[i] * p;
			if (integer && step != floor(step))
				continue;
			/* A small tolerance: 0.3 / 3 must accept 0.1. */
			if (step * n >= hi * (1 - 1e-12)) {
				a->step = step;
				a->n = n;
				a->decimals = step_decimals(k, mantissa[i]);
				return;
			}
		}
	}
}

/* How much of the axis the data fill: 0..1. */
static double
fill(double hi, const struct chart_axis *a)
{
	if (!isfinite(hi) || hi <= 0)
		hi = 1;
	return hi / chart_axis_max(a);
}

void
chart_axis_auto(double hi, int integer, struct chart_axis *a)
{
	struct chart_axis best = { 0 }, c;
	double bestfill = -1;

	for (int n = MIN_INTERVALS; n <= MAX_INTERVALS; n++) {
		chart_axis_fit(hi, n, integer, &c);
		double f = fill(hi, &c);
		/* Ties go to fewer intervals: a calmer axis. */
		if (f > bestfill + 1e-9) {
			best = c;
			bestfill = f;
		}
	}
	*a = best;
}

void
chart_axis_pair(double hi1, int integer1, double hi2, int integer2,
    struct chart_axis *a1, struct chart_axis *a2)
{
	double bestfill = -1;

	for (int n = MIN_INTERVALS; n <= MAX_INTERVALS; n++) {
		struct chart_axis c1, c2;
		chart_axis_fit(hi1, n, integer1, &c1);
		chart_axis_fit(hi2, n, integer2, &c2);
		/* The emptier of the two decides: neither series should be
		 * squeezed into the bottom of the plot. */
		double f1 = fill(hi1, &c1), f2 = fill(hi2, &c2);
		double f = (f1 < f2 ? f1 : f2) + 1e-3 * (f1 + f2);
		if (f > bestfill + 1e-9) {
			*a1 = c1;
			*a2 = c2;
			bestfill = f;
		}
	}
}

void
chart_axis_label(const struct chart_axis *a, int i, char *s, size_t size)
{
	snprintf(s, size, "%.*f", a->decimals, a->step * i);
}
