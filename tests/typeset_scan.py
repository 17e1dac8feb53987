#!/usr/bin/env python3
"""typeset_scan.py -- hold laid-out documents to the typesetting rules.

Reads the layout records the typesetter hands out (generator/render/pdf/typeset_dump.c,
written by tests/prep/layout_dump) and reports every breach, one a line,
as FILE: DOCUMENT: what. Exit status 1 when there is any.

Line-breaking rules inside table cells (GB/T 15834, CLREQ 3.1.7):
  - no cell line but the first starts with a mark that may not begin a line
    (，。、；：？！）》」』】〕…%‰℃ and their half-width forms);
  - no cell line but the last ends with an opening mark (（《「『【〔“‘);
  - no number broken across lines ("≥76." / "5%");
  - no header word broken ("去年同" / "期"): a header line may end only
    before an opening bracket or after a space, "/" or "、".
Table pagination:
  - a table of up to 12 body rows that fits a page is not split;
  - a split leaves at least 2 body rows on each side (no 1-row "（续）");
  - the note (备注) of a table is on the page of its last row, and no note
    is printed twice in a document.

    python3 tests/typeset_scan.py DIR_OR_FILES...
"""
import os
import sys

NO_START = set("，。、；：？！）》」』】〕〉〗〙〛］｝”’…‥·・％‰℃々〆"
               "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞．～,.;:?!)]}%")
NO_END = set("（《「『【〔〈〖〘〚［｛“‘﹙﹛﹝([{")
NUMERIC = set("0123456789.%")
BODY_H = (297 - 37 - 35) / 25.4 * 72     # GB/T 9704 body height, points
KEEP_ROWS = 12


def header_break_ok(before, after):
    return (after[:1] in ("（", "(") or before[-1:] in (" ", "\u2005", "/", "、"))


class Table:
    def __init__(self):
        self.rows = []        # (page, height, [ (col, [lines]) ], header)
        self.notes = []       # (page, text)
        self.caption_page = None


def parse(path):
    """Documents of a layout file: [(title, [records])]."""
    docs = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            rec = raw.rstrip("\n").split("\t")
            if rec[0] == "D":
                docs.append((rec[1] if len(rec) > 1 else "", []))
            elif docs:
                docs[-1][1].append(rec)
    return docs


def check_doc(title, recs, report):
    tables = {}
    order = []
    cur_row = None
    last_table = None
    notes_seen = {}
    for rec in recs:
        kind = rec[0]
        if kind == "R":
            page, tno, row, hb, h = int(rec[1]), rec[2], int(rec[3]), rec[4], float(rec[5])
            t = tables.setdefault(tno, Table())
            if tno not in order:
                order.append(tno)
            cur_row = {"page": page, "h": h, "header": hb == "H", "row": row, "cells": {}}
            t.rows.append(cur_row)
            last_table = tno
        elif kind == "c" and cur_row is not None:
            cur_row["cells"].setdefault(int(rec[1]), []).append(rec[2] if len(rec) > 2 else "")
        elif kind == "C":
            t = tables.setdefault(rec[2], Table())
            if rec[2] not in order:
                order.append(rec[2])
            if rec[3] == "0":
                t.caption_page = int(rec[1])
            cur_row = None
        elif kind == "N":
            tables.setdefault(rec[2], Table()).notes.append((int(rec[1]), rec[3] if len(rec) > 3 else ""))
            cur_row = None
        elif kind == "L":
            cur_row = None
            text = rec[2] if len(rec) > 2 else ""
            if last_table is not None and text.startswith(("备注", "注：")):
                # A note set as a paragraph right after a table's rows:
                # its first line.
                tables[last_table].notes.append((int(rec[1]), text))
            last_table = None
            if text[:1] in NO_START:
                report("正文行首为%s：%s" % (text[:1], text))
    for tno in order:
        t = tables[tno]
        body = [r for r in t.rows if not r["header"]]
        name = "表%s" % tno
        for r in t.rows:
            for col, lines in sorted(r["cells"].items()):
                where = "%s第%d行第%d列" % (name, r["row"] + 1, col + 1)
                for i, line in enumerate(lines):
                    if i > 0 and line[:1] in NO_START:
                        report("%s行首禁用字符“%s”：%s" % (where, line[:1], " / ".join(lines)))
                    if i + 1 < len(lines) and line[-1:] in NO_END:
                        report("%s行尾禁用字符“%s”：%s" % (where, line[-1:], " / ".join(lines)))
                    if i + 1 < len(lines):
                        nxt = lines[i + 1]
                        if line[-1:] in NUMERIC and nxt[:1] in NUMERIC:
                            report("%s数字被拆开：%s" % (where, " / ".join(lines)))
                        if r["header"] and not header_break_ok(line, nxt):
                            report("%s表头词被拆开：%s" % (where, " / ".join(lines)))
        if not body:
            continue
        pages = []
        for r in body:
            if not pages or pages[-1][0] != r["page"]:
                pages.append([r["page"], 0])
            pages[-1][1] += 1
        height = sum(r["h"] for r in t.rows)
        if len(pages) > 1:
            if len(body) <= KEEP_ROWS and height + 2 * 29 <= BODY_H:
                report("%s只有%d行，却跨页拆开（%s）" % (name, len(body), "+".join(str(p[1]) for p in pages)))
            for p, n in pages:
                if n < 2:
                    report("%s在第%d页只有%d行（%s）" % (name, p, n, "+".join(str(q[1]) for q in pages)))
        last_page = body[-1]["page"]
        for p, text in t.notes:
            if p != last_page:
                report("%s的备注在第%d页，表格末行在第%d页：%s" % (name, p, last_page, text))
        note = "".join(text for _, text in t.notes)
        if note:
            if note in notes_seen:
                report("%s的备注与%s重复：%s" % (name, notes_seen[note], note[:40]))
            notes_seen[note] = name


def main(args):
    files = []
    for a in args:
        if os.path.isdir(a):
            files += sorted(os.path.join(a, f) for f in os.listdir(a) if f.endswith(".layout"))
        else:
            files.append(a)
    if not files:
        print("typeset_scan: no layout files", file=sys.stderr)
        return 2
    bad = 0
    ndocs = 0
    for path in files:
        for title, recs in parse(path):
            ndocs += 1

            def report(msg, path=path, title=title):
                nonlocal bad
                bad += 1
                print("%s: %s: %s" % (path, title, msg))
            check_doc(title, recs, report)
    print("typeset_scan: %d documents, %d problems" % (ndocs, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
