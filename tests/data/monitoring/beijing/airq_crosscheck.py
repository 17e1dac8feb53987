#!/usr/bin/env python3
"""Independent cross-check of generator/air/airq.c on the real Beijing data.

Run once from the repository root:
    python3 tests/data/monitoring/beijing/airq_crosscheck.py
Its figures are hard-coded in tests/unit/test_airq.c. Written apart from the
C code: Python's csv module, exact Fractions end to end (no 4-decimal
intermediate rounding), its own HJ 633-2012 table and HJ 663 percentile.
Rules: 24 h mean >= 20 hours; O3 max 1 h >= 20 hours; O3 max 8 h from the
17 windows 0-7..16-23, each >= 6 hours, >= 14 windows; area day = mean over
the 11 evaluation stations (Dingling, 对照点, excluded) when >= 6 (50 %)
have a value; daily AQI from values rounded half-even (CO 1 decimal, others
integers), valid AQI day = all 7 indicators present.
"""
import csv, glob, gzip, math, os, sys
from fractions import Fraction as F
from collections import defaultdict

ROOT = os.getcwd()
files = sorted(glob.glob(ROOT + '/tests/data/monitoring/beijing/PRSA_Data_*.csv.gz'))
files.append(ROOT + '/tests/data/monitoring/PRSA_Data_Dongsi_20130301-20170228.csv.gz')
POLL = ['SO2', 'NO2', 'PM10', 'CO', 'O3', 'PM2.5']

def frac(s):
    return None if s == 'NA' else F(s)

# station -> day -> {poll: [24]}
station_days = {}
for fn in files:
    days = defaultdict(lambda: {p: [None] * 24 for p in POLL})
    with gzip.open(fn, 'rt', newline='') as fp:
        rd = csv.DictReader(fp)
        for row in rd:
            d = (int(row['year']), int(row['month']), int(row['day']))
            h = int(row['hour'])
            for p in POLL:
                v = frac(row[p])
                if v is not None and p == 'CO':
                    v = v / 1000  # µg/m³ -> mg/m³
                days[d][p][h] = v
            st = row['station']
    station_days[st] = days

def mean(v):
    return sum(v, F(0)) / len(v)

def station_daily(hours):
    out = {}
    for p in ['SO2', 'NO2', 'PM10', 'CO', 'PM2.5']:
        v = [x for x in hours[p] if x is not None]
        out[p] = mean(v) if len(v) >= 20 else None
    o3 = hours['O3']
    v = [x for x in o3 if x is not None]
    out['O3_1H'] = max(v) if len(v) >= 20 else None
    w = []
    for s in range(17):
        win = [x for x in o3[s:s + 8] if x is not None]
        if len(win) >= 6:
            w.append(mean(win))
    out['O3_8H'] = max(w) if len(w) >= 14 else None
    return out

IND = ['SO2', 'NO2', 'PM10', 'CO', 'O3_1H', 'O3_8H', 'PM2.5']
daily = {st: {d: station_daily(h) for d, h in days.items()}
         for st, days in station_days.items()}
EVAL = [s for s in daily if s != 'Dingling']
assert len(EVAL) == 11

def area_day(d, stations, need):
    out = {}
    for p in IND:
        v = [daily[s][d][p] for s in stations
             if d in daily[s] and daily[s][d][p] is not None]
        out[p] = mean(v) if len(v) >= need and v else None
    return out

def round_half_even(x, dec):
    q = x * 10 ** dec
    f = math.floor(q)
    r = q - f
    if r > F(1, 2) or (r == F(1, 2) and f % 2 == 1):
        f += 1
    return F(f, 10 ** dec)

BP = {  # HJ 633-2012, daily
    'SO2': [0, 50, 150, 475, 800, 1600, 2100, 2620],
    'NO2': [0, 40, 80, 180, 280, 565, 750, 940],
    'PM10': [0, 50, 150, 250, 350, 420, 500, 600],
    'CO': [0, 2, 4, 14, 24, 36, 48, 60],
    'O3_1H': [0, 160, 200, 300, 400, 800, 1000, 1200],
    'O3_8H': [0, 100, 160, 215, 265, 800],
    'PM2.5': [0, 35, 75, 115, 150, 250, 350, 500],
}
IA = [0, 50, 100, 150, 200, 300, 400, 500]

def iaqi(p, c):
    bp = BP[p]
    if c >= bp[-1]:
        if p == 'O3_8H':
            return None  # use O3 1 h (never happens in this data)
        return 500
    for i in range(len(bp) - 1):
        if bp[i] <= c < bp[i + 1] or (i == 0 and c == 0):
            x = F(IA[i + 1] - IA[i]) / (bp[i + 1] - bp[i]) * (c - bp[i]) + IA[i]
            return math.ceil(x)
    raise ValueError(c)

def day_aqi(a):
    vals = []
    for p in IND:
        if a[p] is None:
            return None
        vals.append(iaqi(p, round_half_even(a[p], 1 if p == 'CO' else 0)))
    return max(vals)

def pct(v, p):
    v = sorted(v)
    k = 1 + F(len(v) - 1) * p / 100
    s = math.floor(k)
    if s >= len(v):
        return v[-1]
    return v[s - 1] + (v[s] - v[s - 1]) * (k - s)

from datetime import date, timedelta

def period(d0, d1, stations=EVAL, need=6):
    d = d0
    vals = defaultdict(list)
    good = heavy = valid = 0
    while d <= d1:
        key = (d.year, d.month, d.day)
        a = area_day(key, stations, need)
        for p in IND:
            if a[p] is not None:
                vals[p].append(a[p])
        q = day_aqi(a)
        if q is not None:
            valid += 1
            good += q <= 100
            heavy += q > 200
        d += timedelta(days=1)
    res = {p: (len(vals[p]), float(mean(vals[p])) if vals[p] else None)
           for p in ['SO2', 'NO2', 'PM10', 'PM2.5']}
    res['CO95'] = (len(vals['CO']), float(pct(vals['CO'], 95)))
    res['O3_90'] = (len(vals['O3_8H']), float(pct(vals['O3_8H'], 90)))
    return res, valid, good, heavy

def show(label, d0, d1, **kw):
    res, valid, good, heavy = period(d0, d1, **kw)
    print(label, 'valid', valid, 'good', good, 'heavy', heavy)
    for k, (n, v) in res.items():
        print('   ', k, 'n', n, 'value %.6f' % v)

show('2015-12', date(2015, 12, 1), date(2015, 12, 31))
show('2016-12', date(2016, 12, 1), date(2016, 12, 31))
show('2014-12', date(2014, 12, 1), date(2014, 12, 31))
for y in (2014, 2015, 2016):
    show(str(y), date(y, 1, 1), date(y, 12, 31))
show('2016 all 12 (Dingling in)', date(2016, 1, 1), date(2016, 12, 31),
     stations=list(daily), need=6)
show('Dingling alone 2016', date(2016, 1, 1), date(2016, 12, 31),
     stations=['Dingling'], need=1)
# A few area days, for exact spot checks.
for key in [(2015, 12, 1), (2016, 12, 20), (2014, 7, 1)]:
    a = area_day(key, EVAL, 6)
    print(key, {p: (float(a[p]) if a[p] is not None else None) for p in IND},
          'AQI', day_aqi(a))
