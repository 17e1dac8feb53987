/*
 * chart.c -- the AQI level colours and names (taken from aqi.c's table of
 * HJ 633, so there is one copy) and text contrast on them. It knows no
 * chart kind: each kind's file (chart_calendar.c, chart_trend.c,
 * chart_exceed.c) draws with these colours and carries its own
 * chart_draw_fn adapter for chart_svg and ts_figure.
 */
#include <math.h>
#include <stdlib.h>

#include "aqi.h"
#include "chart.h"

/* Grey of a day without a valid AQI (level 0). */
#define NODATA_RGB 0xe6e6e6u
static const char nodata_hex[] = "#E6E6E6";

/* The lowest AQI of each level 1..6, to look the level up in aqi.c. */
static const int level_lo[7] = { -1, 0, 51, 101, 151, 201, 301 };

static const struct aqi_level *
level_info(int level)
{
	if (level < 1 || level > 6)
		return NULL;
	return aqi_level_of(level_lo[level]);
}

unsigned
chart_level_rgb(int level)
{
	const struct aqi_level *lv = level_info(level);

	if (lv == NULL)
		return NODATA_RGB;
	return (unsigned)strtoul(lv->rgb + 1, NULL, 16);
}

const char *
chart_level_hex(int level)
{
	const struct aqi_level *lv = level_info(level);

	return lv ? lv->rgb : nodata_hex;
}

const char *
chart_level_name(int level)
{
	const struct aqi_level *lv = level_info(level);

	return lv ? lv->category : "无数据";
}

int
chart_level_of_aqi(int aqi)
{
	const struct aqi_level *lv = aqi_level_of(aqi);

	return lv ? lv->level : 0;
}

/* Relative luminance (WCAG 2) of one sRGB channel, 0..255. */
static double
channel_lum(unsigned c)
{
	double v = c / 255.0;

	return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double
luminance(unsigned rgb)
{
	return 0.2126 * channel_lum((rgb >> 16) & 0xff) +
	    0.7152 * channel_lum((rgb >> 8) & 0xff) +
	    0.0722 * channel_lum(rgb & 0xff);
}

double
chart_contrast(unsigned a, unsigned b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

unsigned
chart_level_text_rgb(int level)
{
	unsigned bg = chart_level_rgb(level);

	/* Decided by the contrast ratio, not by a fixed list: black on the
	 * red of 中度污染 reaches 5.3:1, white only 4.0:1. */
	return chart_contrast(bg, 0x000000u) >= chart_contrast(bg, 0xffffffu) ?
	    0x000000u : 0xffffffu;
}
