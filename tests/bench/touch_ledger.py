#!/usr/bin/env python3
"""touch_ledger.py TREE: change one row's progress text of the last CSV
ledger of the first plan that has one, keeping its encoding; the original
is saved beside it as <file>.bench-orig. Prints the ledger's path relative
to TREE. (The same change as bench_site.sh makes.)"""
import glob
import os
import sys

tree = sys.argv[1]
plans = sorted(glob.glob(os.path.join(tree, "plans", "*", "ledgers")))
for d in plans:
    csvs = sorted(glob.glob(os.path.join(d, "*.csv")))
    if not csvs:
        continue
    path = csvs[-1]
    raw = open(path, "rb").read()
    open(path + ".bench-orig", "wb").write(raw)
    bom = raw.startswith(b"\xef\xbb\xbf")
    body = raw[3:] if bom else raw
    try:
        text, enc = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = body.decode("gb18030"), "gb18030"
    lines = text.split("\n")
    # The last report row (numbered), not the sheet's closing note.
    i = max(j for j, l in enumerate(lines)
            if l.count(",") >= 6 and l.split(",")[0].strip().isdigit())
    cells = lines[i].split(",")
    cells[6] = cells[6] + "（本月已更新）"
    lines[i] = ",".join(cells)
    out = "\n".join(lines).encode(enc)
    open(path, "wb").write((b"\xef\xbb\xbf" if bom else b"") + out)
    print(os.path.relpath(path, tree))
    break
