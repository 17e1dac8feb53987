#!/usr/bin/env python3
"""peerdoc.py -- the comparable Chinese document of issue 5's peer
measurement, in one neutral form and in each peer's input language.

    peerdoc.py [--repeat K] OUTDIR

Content: the text of all five shipped plans (plans/*/plan.txt, one
paragraph a source line, numbered lines as headings) followed by a
300-row table (the five plans' status ledger rows: 序号, 方案, 任务名称,
填报单位, 进展状态), about 80 A4 pages. --repeat K repeats the plan text
K times (the table once) to measure the marginal cost of a page.

Writes into OUTDIR:
  peerdoc.json   the neutral source: {"title", "blocks": [{"kind":
                 "heading"|"para"|"table", ...}]}; bench_peerdoc.c reads it
  peerdoc.typ    Typst
  peerdoc.tex    XeLaTeX + ctex
  peerdoc.html   HTML + CSS paged media for WeasyPrint (and Chromium)
All four use the same faces (the project's pinned ones, fonts/fonts.lock:
Noto Serif CJK SC body, Noto Sans CJK SC 黑体-style level-1 headings, AR PL
UKai CN 楷体-style level-2 headings) and the same page: A4, margins top 37,
bottom 35, left 28, right 26 mm, 16 pt body on a 28.95 pt line pitch (22
lines), paragraphs indented two characters and justified, "— N —" at the
outer bottom, header row repeated when the table continues.
"""
import argparse
import csv
import html
import io
import json
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
PLANS = os.path.join(ROOT, "plans")
PLAN_IDS = ["nanzhao-2024", "nanyang-2024-2025", "xiping-2025", "xiaye-2023", "boai-2023"]
TABLE_ROWS = 300
PITCH_PT = 28.95  # 225 mm of body / 22 lines


def read_text(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def plan_title(pid):
    """plan.conf's title, else its first comment (every shipped conf has one)."""
    first = None
    for line in open(os.path.join(PLANS, pid, "plan.conf"), encoding="utf-8"):
        if line.startswith("title") and "=" in line:
            return line.split("=", 1)[1].strip()
        if first is None and line.startswith("#"):
            first = line.lstrip("#").strip()
    return first or pid


H2 = re.compile(r"^[一二三四五六七八九十]+、")
H3 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")


def plan_blocks(pid):
    """One plan: its title as a level-1 heading, 一、 lines level 2, short
    （一） lines level 3, every other non-empty line a paragraph."""
    blocks = [{"kind": "heading", "level": 1, "text": plan_title(pid)}]
    for line in read_text(os.path.join(PLANS, pid, "plan.txt")).splitlines():
        line = line.strip().lstrip("#").strip().replace("\f", "")
        if not line:
            continue
        if H2.match(line) and len(line) <= 40:
            blocks.append({"kind": "heading", "level": 2, "text": line})
        elif H3.match(line) and len(line) <= 30 and "。" not in line:
            blocks.append({"kind": "heading", "level": 3, "text": line})
        else:
            blocks.append({"kind": "para", "text": line})
    return blocks


def table_block():
    """300 rows from the five plans' CSV ledgers, in name order, cycling."""
    rows = []
    for pid in PLAN_IDS:
        d = os.path.join(PLANS, pid, "ledgers")
        for name in sorted(os.listdir(d)):
            if not name.endswith(".csv"):
                continue
            r = list(csv.reader(io.StringIO(read_text(os.path.join(d, name)))))
            for cells in r[2:]:
                if len(cells) >= 5 and cells[2]:
                    rows.append([pid.split("-")[0], cells[2], cells[3], cells[4]])
    rows = [[str(i + 1)] + rows[i % len(rows)] for i in range(TABLE_ROWS)]
    return {"kind": "table", "caption": "表1 五个方案进展台账汇总（%d行）" % TABLE_ROWS,
            "weights": [1, 2, 5, 4, 2],
            "header": ["序号", "方案", "任务名称", "填报单位", "进展状态"], "rows": rows}


def document(repeat):
    blocks = []
    for _ in range(repeat):
        for pid in PLAN_IDS:
            blocks += plan_blocks(pid)
    blocks.append({"kind": "heading", "level": 1, "text": "附表"})
    blocks.append(table_block())
    return {"title": "大气污染防治实施方案汇编（排版性能对照文档）", "blocks": blocks}


# ---- Typst ----------------------------------------------------------

def typ_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_typst(doc):
    o = ["""#set document(title: %s, author: "lantian bench")
#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context {
    let n = here().page()
    align(if calc.odd(n) { right } else { left }, text(size: 14pt)[— #n —])
  })
#set text(font: "Noto Serif CJK SC", size: 16pt, lang: "zh", region: "cn", top-edge: "ascender", bottom-edge: "descender")
#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: %.2fpt, spacing: %.2fpt)
#show heading: set par(first-line-indent: 0em)
#show heading.where(level: 1): set text(font: "Noto Sans CJK SC", size: 16pt, weight: "regular")
#show heading.where(level: 2): set text(font: "AR PL UKai CN", size: 16pt, weight: "regular")
#show heading.where(level: 3): set text(font: "Noto Serif CJK SC", size: 16pt, weight: "bold")
#show heading: set block(above: %.2fpt, below: %.2fpt)
#show figure: set block(breakable: true)
#align(center, text(font: "Noto Serif CJK SC", size: 22pt, weight: "bold", %s))
""" % (typ_str(doc["title"]), PITCH_PT - 16, PITCH_PT - 16, PITCH_PT - 16, PITCH_PT - 16,
       typ_str(doc["title"]))]
    for b in doc["blocks"]:
        if b["kind"] == "heading":
            o.append("#heading(level: %d, %s)\n" % (b["level"], typ_str(b["text"])))
        elif b["kind"] == "para":
            o.append("#%s\n\n" % typ_str(b["text"]))
        else:
            cols = ", ".join("%dfr" % w for w in b["weights"])
            o.append("#show table.cell: set par(first-line-indent: 0em, justify: false, leading: 4pt)\n")
            o.append("#figure(caption: %s, kind: table, supplement: none,\n table(columns: (%s), "
                     "inset: 3pt, stroke: 0.5pt,\n  table.header(%s),\n"
                     % (typ_str(b["caption"]), cols,
                        ", ".join("text(size: 12pt, weight: \"bold\", %s)" % typ_str(c) for c in b["header"])))
            for r in b["rows"]:
                o.append("  " + ", ".join("text(size: 12pt, %s)" % typ_str(c) for c in r) + ",\n")
            o.append("))\n")
    return "".join(o)


# ---- XeLaTeX + ctex -----------------------------------------------------

TEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
               "#": r"\#", "^": r"\^{}", "_": r"\_", "%": r"\%", "~": r"\~{}"}


def tex(s):
    return "".join(TEX_SPECIAL.get(c, c) for c in s)


def to_tex(doc):
    o = [r"""\documentclass[a4paper,twoside,fontset=none]{ctexart}
\setCJKmainfont{Noto Serif CJK SC}[BoldFont=Noto Serif CJK SC Bold]
\setCJKsansfont{Noto Sans CJK SC}
\setCJKfamilyfont{kai}{AR PL UKai CN}
\setmainfont{Noto Serif CJK SC}
\usepackage[top=37mm,bottom=35mm,left=28mm,right=26mm,footskip=14mm]{geometry}
\usepackage{fancyhdr,longtable,array}
\usepackage[pdftitle={%s},pdfauthor={lantian bench},bookmarks=true]{hyperref}
\pagestyle{fancy}\fancyhf{}\renewcommand{\headrulewidth}{0pt}
\fancyfoot[RO]{\zihao{4}— \thepage{} —}\fancyfoot[LE]{\zihao{4}— \thepage{} —}
\setcounter{secnumdepth}{0}\raggedbottom
\ctexset{section={format=\sffamily\zihao{3},beforeskip=0pt,afterskip=0pt},
  subsection={format=\CJKfamily{kai}\zihao{3},beforeskip=0pt,afterskip=0pt},
  subsubsection={format=\bfseries\zihao{3},beforeskip=0pt,afterskip=0pt}}
\begin{document}
\linespread{1}\fontsize{16pt}{%.2fpt}\selectfont
\begin{center}{\bfseries\zihao{2} %s}\end{center}
""" % (tex(doc["title"]), PITCH_PT, tex(doc["title"]))]
    cmds = {1: "section", 2: "subsection", 3: "subsubsection"}
    for b in doc["blocks"]:
        if b["kind"] == "heading":
            o.append("\\%s{%s}\n" % (cmds[b["level"]], tex(b["text"])))
        elif b["kind"] == "para":
            o.append(tex(b["text"]) + "\n\n")
        else:
            total = float(sum(b["weights"]))
            spec = "|".join(r">{\raggedright\arraybackslash}p{%.3f\linewidth}" % (w / total * 0.9)
                            for w in b["weights"])
            head = " & ".join(r"\textbf{%s}" % tex(c) for c in b["header"]) + r" \\ \hline"
            o.append("{\\zihao{-4}\\setlength{\\parindent}{0pt}\n\\begin{longtable}{|%s|}\n"
                     "\\caption*{%s}\\\\ \\hline\n%s\n\\endfirsthead\n"
                     "\\caption*{%s（续）}\\\\ \\hline\n%s\n\\endhead\n"
                     % (spec, tex(b["caption"]), head, tex(b["caption"]), head))
            for r in b["rows"]:
                o.append(" & ".join(tex(c) for c in r) + r" \\ \hline" + "\n")
            o.append("\\end{longtable}}\n")
    o.append("\\end{document}\n")
    return "".join(o)


# ---- HTML for WeasyPrint / Chromium ---------------------------------------

def to_html(doc):
    e = html.escape
    o = ["""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>%s</title>
<style>
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@page :right { @bottom-right { content: "— " counter(page) " —"; font-size: 14pt; } }
@page :left { @bottom-left { content: "— " counter(page) " —"; font-size: 14pt; } }
body { font-family: "Noto Serif CJK SC"; font-size: 16pt; line-height: %.2fpt; margin: 0; }
p { text-indent: 2em; text-align: justify; margin: 0; }
h1.title { font-size: 22pt; text-align: center; font-weight: bold; margin: 0; }
h1, h2, h3 { font-size: 16pt; margin: 0; line-height: %.2fpt; }
h1 { font-family: "Noto Sans CJK SC"; font-weight: normal; }
h2 { font-family: "AR PL UKai CN"; font-weight: normal; }
h3 { font-weight: bold; }
table { border-collapse: collapse; width: 100%%; font-size: 12pt; line-height: 1.3; }
th, td { border: 0.5pt solid black; padding: 2pt; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; break-inside: avoid; }
caption { font-size: 14pt; }
</style></head><body>
<h1 class="title">%s</h1>
""" % (e(doc["title"]), PITCH_PT, PITCH_PT, e(doc["title"]))]
    for b in doc["blocks"]:
        if b["kind"] == "heading":
            o.append("<h%d>%s</h%d>\n" % (b["level"], e(b["text"]), b["level"]))
        elif b["kind"] == "para":
            o.append("<p>%s</p>\n" % e(b["text"]))
        else:
            total = float(sum(b["weights"]))
            o.append("<table><caption>%s</caption><colgroup>%s</colgroup>\n<thead><tr>%s</tr></thead><tbody>\n"
                     % (e(b["caption"]),
                        "".join('<col style="width:%.1f%%">' % (w / total * 100) for w in b["weights"]),
                        "".join("<th>%s</th>" % e(c) for c in b["header"])))
            for r in b["rows"]:
                o.append("<tr>%s</tr>\n" % "".join("<td>%s</td>" % e(c) for c in r))
            o.append("</tbody></table>\n")
    o.append("</body></html>\n")
    return "".join(o)


# ---- Markdown for lantian typeset -----------------------------------------

MD_SPECIAL = "\\`*_[]<>|#!~"


def md(s):
    """Text as Markdown that reads back as the same text: ASCII punctuation
    Markdown gives meaning to escaped, a leading list number's dot too."""
    o = "".join("\\" + c if c in MD_SPECIAL else c for c in s)
    o = re.sub(r"^(\d+)([.)])", r"\1\\\2", o)
    if o[:1] in "-+":
        o = "\\" + o
    return o


def to_md(doc):
    """The document for `lantian typeset`: the title in the front matter,
    headings as # levels (lantian numbers them itself: the leading 一、 and
    （一） of the text are removed by its reader), a pipe table."""
    o = ["---\n标题: %s\n---\n\n" % doc["title"]]
    for b in doc["blocks"]:
        if b["kind"] == "heading":
            o.append("%s %s\n\n" % ("#" * b["level"], md(b["text"])))
        elif b["kind"] == "para":
            o.append(md(b["text"]) + "\n\n")
        else:
            o.append(md(b["caption"]) + "\n\n")
            o.append("| " + " | ".join(md(c) for c in b["header"]) + " |\n")
            o.append("|" + "---|" * len(b["header"]) + "\n")
            for r in b["rows"]:
                o.append("| " + " | ".join(md(c) for c in r) + " |\n")
            o.append("\n")
    return "".join(o)


def main():
    ap = argparse.ArgumentParser(description="the peer comparison document")
    ap.add_argument("outdir")
    ap.add_argument("--repeat", type=int, default=1)
    a = ap.parse_args()
    os.makedirs(a.outdir, exist_ok=True)
    doc = document(a.repeat)
    outs = {"peerdoc.json": json.dumps(doc, ensure_ascii=False, indent=0),
            "peerdoc.typ": to_typst(doc), "peerdoc.tex": to_tex(doc), "peerdoc.html": to_html(doc),
            "peerdoc.md": to_md(doc)}
    for name, text in outs.items():
        with open(os.path.join(a.outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    chars = sum(len(b.get("text", "")) for b in doc["blocks"])
    print("peerdoc.py: %d blocks, %d characters of text, %d table rows -> %s"
          % (len(doc["blocks"]), chars, TABLE_ROWS, a.outdir))


if __name__ == "__main__":
    sys.exit(main())
