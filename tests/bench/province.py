#!/usr/bin/env python3
"""province.py -- a synthetic publication tree for measuring the site and
the bulletins at scale (tests/bench/bench_site.sh, bench_bulletin.sh).

    province.py --scale 1|10|100 [--seed N] [--no-simulate] OUT
    province.py --plan300 OUT            (the 300-task plan: tests/data/plan300)

--scale 1 is the shipped publication itself (its five plans copied, the
monitoring folder linked). --scale 10 is about 50 plans in 6 cities and
--scale 100 a province: about 150 plans in 17 cities, each city a
monitoring area of its own with simulated stations (written by
`lantian -C OUT simulate`, about 2 s per city; --no-simulate points every
plan at the shipped Henan areas instead).

Every synthetic plan is one of the five shipped plans with its places
renamed (南召县 -> 青石县, its city -> the new city ...), so the texts keep
the exact formats the parser knows and every plan parses to the same task
count as its source plan (--verify checks that with `lantian parse`). Its
six monthly ledgers are the source plan's with the same renaming, in the
same encoding, BOM and line endings (the .xlsx ledger is rewritten with its
shared strings renamed, as a deterministic ZIP).

Deterministic: the same scale and seed write the same bytes. Nothing reads
the clock; file order and names come from the seed only.
"""
import argparse
import io
import os
import random
import re
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PLANS = os.path.join(ROOT, "plans")

# The shipped plans as templates: their own place, its stem as the texts
# print it, and their parent city's stem.
TEMPLATES = {
    "nanyang-2024-2025": {"level": "市", "stem": "南阳", "parent": None},
    "nanzhao-2024": {"level": "县", "stem": "南召", "parent": "南阳"},
    "xiping-2025": {"level": "县", "stem": "西平", "parent": "驻马店"},
    "boai-2023": {"level": "县", "stem": "博爱", "parent": "焦作"},
    "xiaye-2023": {"level": "镇", "stem": "下冶", "parent": "济源"},
}
# The stems of every shipped place the texts mention: all are renamed, so a
# synthetic plan never names a real shipped place.
ALL_STEMS = ["驻马店", "南阳", "南召", "西平", "博爱", "焦作", "下冶", "济源"]
# Counties and towns of a city cycle through these.
LOCAL_TEMPLATES = ["nanzhao-2024", "xiping-2025", "boai-2023", "nanzhao-2024",
                   "xiping-2025", "boai-2023", "xiaye-2023", "nanzhao-2024"]

# Characters for invented two-character place stems (common in real names,
# none of them a shipped stem's).
STEM_CHARS = ("青石川河林山安平宁丰泉溪阳原岭城桥柳松云湖华兴和嘉永德"
              "长宝新清明乐顺昌庆泰")
STATION_SUFFIXES = ["监测站", "开发区", "高新区", "体育中心", "区政府"]

SCALES = {1: (5, 0), 10: (50, 6), 100: (150, 17)}  # plans, cities


def stems(rng, n):
    """n distinct invented two-character stems, in a seeded order."""
    pairs = [a + b for a in STEM_CHARS for b in STEM_CHARS if a != b]
    rng.shuffle(pairs)
    return pairs[:n]


def read_text(path):
    """Bytes -> (text, encoding, bom): UTF-8 (with or without BOM) or GB18030."""
    raw = open(path, "rb").read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8", bom
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030", bom


def write_text(path, text, enc, bom):
    data = text.encode(enc)
    with open(path, "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data)


def rename(text, mapping):
    """Replace every shipped stem by its new stem, longest first."""
    pat = re.compile("|".join(sorted(map(re.escape, mapping), key=len, reverse=True)))
    return pat.sub(lambda m: mapping[m.group(0)], text)


def copy_xlsx(src, dst, mapping):
    """Rename inside an .xlsx's XML parts; fixed timestamps, same order."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".xml"):
                data = rename(data.decode("utf-8"), mapping).encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)


def mapping_for(template, own_stem, city_stem, rng_stems):
    """The shipped stems -> new stems for one synthetic plan: its own place
    and its city get the plan's names, every other shipped place a fixed
    invented one (so no real name survives)."""
    t = TEMPLATES[template]
    m = dict(zip(ALL_STEMS, rng_stems))
    m[t["stem"]] = own_stem
    if t["parent"]:
        m[t["parent"]] = city_stem
    return m


def write_plan(out_plans, pid, template, place, parent, stations, mapping):
    src = os.path.join(PLANS, template)
    dst = os.path.join(out_plans, pid)
    os.makedirs(os.path.join(dst, "ledgers"))
    text, enc, bom = read_text(os.path.join(src, "plan.txt"))
    write_text(os.path.join(dst, "plan.txt"), rename(text, mapping), enc, bom)
    conf = []
    for line in open(os.path.join(src, "plan.conf"), encoding="utf-8"):
        key = line.split("=", 1)[0].strip()
        if key in ("place", "parent", "stations"):
            continue
        conf.append(rename(line, mapping))
    conf.append("place = %s\n" % place)
    if parent:
        conf.append("parent = %s\n" % parent)
    for s in stations:
        conf.append("stations = %s\n" % s)
    with open(os.path.join(dst, "plan.conf"), "w", encoding="utf-8", newline="") as f:
        f.write("".join(conf))
    for name in sorted(os.listdir(os.path.join(src, "ledgers"))):
        s = os.path.join(src, "ledgers", name)
        d = os.path.join(dst, "ledgers", name)
        if name.endswith(".xlsx"):
            copy_xlsx(s, d, mapping)
        else:
            t, e, b = read_text(s)
            write_text(d, rename(t, mapping), e, b)


def link_or_copy(src, dst):
    """A hard link where the file system allows (no bytes copied), else a
    copy: a tree's files may not be symbolic links out of it (userfile.h)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def link_shared(out, monitoring):
    """templates/ and fonts/ are copies of the repository's (small, and a
    benchmark may edit a template); monitoring optionally, linked."""
    for d in ("templates", "fonts"):
        shutil.copytree(os.path.join(ROOT, d), os.path.join(out, d))
    if monitoring:
        shutil.copytree(os.path.join(PLANS, "monitoring"),
                        os.path.join(out, "plans", "monitoring"),
                        copy_function=link_or_copy)


def shipped(out):
    os.makedirs(os.path.join(out, "plans"))
    link_shared(out, True)
    shutil.copy(os.path.join(PLANS, "stations.csv"), os.path.join(out, "plans"))
    for pid in sorted(TEMPLATES):
        shutil.copytree(os.path.join(PLANS, pid), os.path.join(out, "plans", pid))
    return sorted(TEMPLATES)


def station_rows(ci, stem, rng):
    """Five simulated stations of city ci, around a point in Henan."""
    lon0 = 111.5 + rng.random() * 4
    lat0 = 32.5 + rng.random() * 3
    rows = []
    for k, suf in enumerate(STATION_SUFFIXES):
        code = "%04dA" % (6000 + ci * 10 + k)
        rows.append("%s,%s%s,%s市,no,%.4f,%.4f,simulated,cnemc-realtime,monitoring/c%02d"
                    % (code, stem, suf, stem, lon0 + 0.03 * k, lat0 + 0.02 * k, ci))
    return rows


def province(out, n_plans, n_cities, seed, simulate, lantian):
    rng = random.Random(seed)
    os.makedirs(os.path.join(out, "plans"))
    link_shared(out, not simulate)
    names = stems(rng, n_plans + n_cities + len(ALL_STEMS))
    others, names = names[:len(ALL_STEMS)], names[len(ALL_STEMS):]
    city_stems, local_stems = names[:n_cities], names[n_cities:]
    shipped_areas = ["南阳市", "焦作市", "驻马店市"]
    rows = ["code,name,area,background,longitude,latitude,data,layout,dir"]
    if not simulate:
        rows = [l.rstrip("\n") for l in open(os.path.join(PLANS, "stations.csv"), encoding="utf-8")]
    ids = []
    # Plans are spread over the cities round robin: each city gets its own
    # city plan first, then counties and towns.
    per_city = [[] for _ in range(n_cities)]
    for i in range(n_plans):
        per_city[i % n_cities].append(i)
    li = 0
    for ci, cstem in enumerate(city_stems):
        if simulate:
            rows += station_rows(ci, cstem, rng)
            area = cstem + "市"
        else:
            area = shipped_areas[ci % len(shipped_areas)]
        for k, _ in enumerate(per_city[ci]):
            if k == 0:
                tpl, stem, level = "nanyang-2024-2025", cstem, "市"
            else:
                tpl = LOCAL_TEMPLATES[(ci + k) % len(LOCAL_TEMPLATES)]
                stem, level = local_stems[li], TEMPLATES[tpl]["level"]
                li += 1
            place = stem + level
            parent = None if level == "市" else cstem + "市"
            stations = [] if tpl == "xiaye-2023" else [area]
            pid = "c%02d-%s-%s" % (ci, "city" if k == 0 else "p%02d" % k, tpl.split("-")[0])
            write_plan(os.path.join(out, "plans"), pid, tpl, place, parent, stations,
                       mapping_for(tpl, stem, cstem, others))
            ids.append((pid, tpl))
    with open(os.path.join(out, "plans", "stations.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(rows) + "\n")
    if simulate:
        subprocess.run([lantian, "-C", out, "simulate"], check=True, stdout=subprocess.DEVNULL)
    return ids


# ---- the 300-task plan ------------------------------------------------

CN_DIGITS = "零一二三四五六七八九"


def cn_number(n):
    """1..99 as Chinese numerals (十, 十一, 二十一)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


def plan300_text(src, reps):
    """nanzhao-2024's task section (six groups, 30 tasks) repeated reps
    times: groups renumbered （一）..（六十）, tasks 1..30*reps, each batch's
    group titles marked （第N批）."""
    lines = src.split("\n")
    a = next(i for i, l in enumerate(lines) if l.startswith("二、"))
    b = next(i for i, l in enumerate(lines) if l.startswith("三、"))
    body = lines[a + 1:b]
    out = lines[:a + 1]
    g = t = 0
    for rep in range(reps):
        for l in body:
            m = re.match(r"（[一二三四五六七八九十]+）(.*)$", l)
            if m:
                g += 1
                out.append("（%s）%s（第%d批）" % (cn_number(g), m.group(1), rep + 1))
                continue
            m = re.match(r"(\d+)\.(.*)$", l)
            if m:
                t += 1
                out.append("%d.%s" % (t, m.group(2)))
                continue
            out.append(l)
    out += lines[b:]
    return "\n".join(out), t


def plan300_ledger(text, reps, per):
    """The ledger rows repeated per batch, task numbers shifted by per."""
    lines = text.split("\n")
    head, rows = lines[:2], [l for l in lines[2:] if l.strip()]
    out, seq = list(head), 0
    nl_tail = text.endswith("\n")
    for rep in range(reps):
        for r in rows:
            cells = r.split(",")
            seq += 1
            cells[0] = str(seq)
            if cells[1].strip().isdigit():
                cells[1] = str(int(cells[1]) + rep * per)
            out.append(",".join(cells))
    return "\n".join(out) + ("\n" if nl_tail else "")


def plan300(out):
    src = os.path.join(PLANS, "nanzhao-2024")
    os.makedirs(os.path.join(out, "ledgers"))
    text, enc, bom = read_text(os.path.join(src, "plan.txt"))
    reps = 10
    big, n = plan300_text(text, reps)
    # The plan is a county's: keep the shipped county and city so it
    # reads the shipped 南阳市 area's monitoring data.
    write_text(os.path.join(out, "plan.txt"), big, enc, bom)
    with open(os.path.join(out, "plan.conf"), "w", encoding="utf-8") as f:
        f.write("# A synthetic 300-task plan (南召县2024's tasks ten times) for the large\n"
                "# bulletin of tests/bench/bench_bulletin.sh; written by tests/bench/province.py --plan300.\n"
                "title = 南召县2024年蓝天保卫战实施方案（扩展测试版）\n"
                "source = plan.txt\nplace = 南召县\nlevel = 县\nparent = 南阳市\nstations = 南阳市\n")
    for name in sorted(os.listdir(os.path.join(src, "ledgers"))):
        t, e, b = read_text(os.path.join(src, "ledgers", name))
        if "\r\n" in t:
            t2 = plan300_ledger(t.replace("\r\n", "\n"), reps, 30).replace("\n", "\r\n")
        else:
            t2 = plan300_ledger(t, reps, 30)
        write_text(os.path.join(out, "ledgers", name), t2, e, b)
    return n


# ---- verification -----------------------------------------------------

def task_count(lantian, path):
    r = subprocess.run([lantian, "parse", path, "--xml"], capture_output=True, check=True)
    return r.stdout.count(b"<task ")


def verify(out, ids, lantian):
    """Every synthetic plan parses to its source plan's task count."""
    want = {t: task_count(lantian, os.path.join(PLANS, t, "plan.txt")) for t in TEMPLATES}
    bad = 0
    for pid, tpl in ids:
        got = task_count(lantian, os.path.join(out, "plans", pid, "plan.txt"))
        if got != want[tpl]:
            print("province.py: %s has %d tasks, its source %s has %d"
                  % (pid, got, tpl, want[tpl]), file=sys.stderr)
            bad += 1
    print("province.py: %d plans, %d tasks, %s" % (
        len(ids), sum(want[t] for _, t in ids),
        "every plan parses to its source's task count" if not bad else "%d MISMATCHES" % bad))
    return bad == 0


def main():
    ap = argparse.ArgumentParser(description="synthetic publication tree for benchmarks")
    ap.add_argument("out")
    ap.add_argument("--scale", type=int, choices=sorted(SCALES), default=10)
    ap.add_argument("--plans", type=int, help="override the number of plans")
    ap.add_argument("--cities", type=int, help="override the number of cities")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--no-simulate", action="store_true",
                    help="use the shipped Henan areas instead of simulating one per city")
    ap.add_argument("--plan300", action="store_true", help="write the 300-task plan folder")
    ap.add_argument("--verify", action="store_true", help="check task counts with lantian parse")
    ap.add_argument("--lantian", default=os.path.join(ROOT, "build", "release", "lantian"))
    a = ap.parse_args()
    if os.path.exists(a.out):
        sys.exit("province.py: %s exists; remove it first" % a.out)
    if a.plan300:
        n = plan300(a.out)
        print("province.py: %s: %d task lines" % (a.out, n))
        if a.verify:
            got = task_count(a.lantian, os.path.join(a.out, "plan.txt"))
            print("province.py: lantian parse finds %d tasks" % got)
            return 0 if got == n else 1
        return 0
    if a.scale == 1 and not a.plans:
        ids = [(p, p) for p in shipped(a.out)]
    else:
        plans, cities = SCALES[a.scale]
        plans, cities = a.plans or plans, a.cities or cities or 1
        ids = province(a.out, plans, cities, a.seed, not a.no_simulate, a.lantian)
    if a.verify and not verify(a.out, ids, a.lantian):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
