#!/usr/bin/env python3
"""Build a Word .docx variant of each shipped plan, the way a bureau's
file arrives: real paragraphs, the numbers "一、" "（一）" "1." produced by
Word automatic numbering (word/numbering.xml) instead of typed, a header
and a footer with page-number fields, a footnote, and tables.

usage: make_docx.py PLANS_DIR OUT_DIR
Writes OUT_DIR/<id>.docx for each PLANS_DIR/<id>/plan.txt. Standard library
only (zipfile, raw OOXML): no office suite is needed. The output is
deterministic (fixed ZIP timestamps), so the committed fixtures
(tests/data/docx/) can be rebuilt and compared.

How the plan text becomes paragraphs:
  - Markdown (headings '#', bold heads '**'): the marks go; consecutive
    non-blank lines form one paragraph, as in Markdown;
  - text hard-wrapped at a fixed width (extracted from a PDF): a line
    filled to the width continues in the next line;
  - plain text: one paragraph per line.
Numbering: a paragraph starting with 一、 is a level-0 item through the
paragraph style "Heading1" (style-linked numbering), （一） a level-1 item
and 1. a level-2 item through w:numPr. Level 2 never restarts by itself;
where the plan's number is not the next one Word would print, a new list
instance (w:num) with a w:startOverride starts there, as Word does for
"restart numbering". Other forms ((一) half-width, 1、, （1）) stay typed.
Tables: rows of tab-led cells (one cell per line, blank line between rows)
become a w:tbl.
"""
import os
import re
import sys
import unicodedata
import zipfile
from xml.sax.saxutils import escape

W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
NUM_CN = '一二三四五六七八九十'


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)


def is_markdown(lines):
    hits = sum(1 for s in lines if re.match(r'#{1,6} ', s) or s.startswith('**'))
    return hits >= 2


def wrap_width(lines):
    """The width a PDF extraction wrapped at (plan_text.c's rule), or 0."""
    hist = {}
    total = 0
    for s in lines:
        s = s.lstrip(' \t')
        if not s:
            continue
        total += 1
        w = width(s)
        hist[w] = hist.get(w, 0) + 1
    if total < 20:
        return 0
    best = max(range(30, 512), key=lambda w: (hist.get(w, 0), -w))
    near = sum(hist.get(w, 0) for w in range(best - 4, best + 5))
    return best if near * 2 >= total and 30 <= best <= 200 else 0


MARKER = re.compile(r'^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+[、．]|'
                    r'\d+[.．、]|附表|附件)')


def paragraphs(text):
    """(kind, payload) items: ('p', text) or ('table', rows)."""
    lines = text.split('\n')
    md = is_markdown(lines)
    wrap = 0 if md else wrap_width(lines)
    out = []
    cur = None          # the paragraph being built (list of lines)
    last_w = 0
    row, rows = [], []

    def flush():
        nonlocal cur
        if cur:
            out.append(('p', ''.join(cur) if not md else join_md(cur)))
        cur = None

    def flush_table():
        nonlocal rows, row
        if row:
            rows.append(row)
        if rows:
            out.append(('table', rows))
        rows, row = [], []

    for raw in lines:
        if raw.startswith('\t'):
            flush()
            row.append(raw.strip())
            continue
        if not raw.strip():
            if row:
                rows.append(row)
                row = []
            if md:
                flush()
            continue
        if rows or row:
            flush_table()
        s = raw
        heading = False
        if md:
            m = re.match(r'(#{1,6}) +', s)
            if m:
                heading = True
                s = s[m.end():]
            s = s.replace('**', '')
        s = s.strip(' \u3000')
        if heading:
            flush()
            out.append(('p', s))
            continue
        if md:
            if cur is None:
                cur = []
            cur.append(s)
            continue
        if wrap and cur is not None and not MARKER.match(s) and last_w * 100 >= wrap * 88:
            cur.append(s)
        else:
            flush()
            cur = [s]
        last_w = width(s)
    flush()
    flush_table()
    return out


def join_md(parts):
    """Lines of one Markdown paragraph: joined as the reader sees them
    (no space between CJK characters, one between Latin words)."""
    s = parts[0]
    for p in parts[1:]:
        if s and p and s[-1].isascii() and s[-1].isalnum() and p[0].isascii() and p[0].isalnum():
            s += ' '
        s += p
    return s


def cn_value(s):
    if s == '十':
        return 10
    if len(s) == 1:
        return NUM_CN.index(s) + 1
    if len(s) == 2 and s[0] == '十':
        return 10 + NUM_CN.index(s[1]) + 1
    if len(s) == 2 and s[1] == '十':
        return (NUM_CN.index(s[0]) + 1) * 10
    if len(s) == 3 and s[1] == '十':
        return (NUM_CN.index(s[0]) + 1) * 10 + NUM_CN.index(s[2]) + 1
    return None


def split_number(s):
    """(level, value, rest) for a paragraph Word numbers, else None."""
    m = re.match(r'([一二三四五六七八九十]{1,3})、\s*', s)
    if m and cn_value(m.group(1)):
        return 0, cn_value(m.group(1)), s[m.end():]
    m = re.match(r'（([一二三四五六七八九十]{1,3})）\s*', s)
    if m and cn_value(m.group(1)):
        return 1, cn_value(m.group(1)), s[m.end():]
    m = re.match(r'(\d{1,3})\.\s*', s)
    if m and int(m.group(1)) > 0 and not s[m.end(1) + 1:m.end(1) + 2].isdigit():
        return 2, int(m.group(1)), s[m.end():]
    return None


def runs(s):
    """Runs of s: TeX and HTML sub/superscripts become formatted runs."""
    out = []
    pos = 0
    for m in re.finditer(r'\$([^$]{1,64})\$|<sub>(.*?)</sub>|<sup>(.*?)</sup>', s):
        out.append(('', s[pos:m.start()]))
        if m.group(1) is not None:
            body = m.group(1).replace('\\mu', 'μ')
            for part in re.finditer(r'([_^])\{([^}]*)\}|([_^])(.)|([^_^]+)', body):
                if part.group(5):
                    out.append(('', part.group(5).replace('\\', '')))
                else:
                    mark = part.group(1) or part.group(3)
                    txt = part.group(2) if part.group(2) is not None else part.group(4)
                    out.append(('subscript' if mark == '_' else 'superscript', txt))
        elif m.group(2) is not None:
            out.append(('subscript', m.group(2)))
        else:
            out.append(('superscript', m.group(3)))
        pos = m.end()
    out.append(('', s[pos:]))
    xml = []
    for va, t in out:
        if not t:
            continue
        rpr = '<w:rPr><w:vertAlign w:val="%s"/></w:rPr>' % va if va else ''
        xml.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, escape(t)))
    return ''.join(xml)


class Doc:
    def __init__(self):
        self.body = []
        self.nums = [(2, None)]      # (numId, (level, start) or None); 1 is the style's
        self.cur_num = 2             # the list instance levels 1 and 2 use
        self.cnt = [0, 0, 0]
        self.used = [False, False, False]
        self.footnote_done = False

    def number(self, level, value):
        """The numId a paragraph of this level and value uses, starting a
        new list instance where Word would print another number."""
        want = self.cnt[level] + 1 if self.used[level] else 1
        if value != want:
            nid = len(self.nums) + 2
            self.nums.append((nid, (level, value)))
            self.cur_num = nid
        self.cnt[level] = value
        self.used[level] = True
        if level == 0:
            self.used[1] = False     # level 1 restarts after level 0; level 2 never
        return 1 if level == 0 else self.cur_num

    def paragraph(self, s):
        n = split_number(s)
        ppr = ''
        if n:
            level, value, s = n
            nid = self.number(level, value)
            if level == 0:
                ppr = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
                if nid != 1:
                    raise SystemExit('level 0 restarts are not generated')
            else:
                ppr = ('<w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/>'
                       '</w:numPr></w:pPr>' % (level, nid))
        note = ''
        if n and n[0] == 2 and not self.footnote_done:
            # the first task carries a footnote: its text must not be read
            note = ('<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                    '<w:footnoteReference w:id="1"/></w:r>')
            self.footnote_done = True
        self.body.append('<w:p>%s%s%s</w:p>' % (ppr, runs(s), note))

    def table(self, rows, merges=False):
        ncol = max(len(r) for r in rows)
        xml = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
        xml += ['<w:gridCol/>'] * ncol
        xml.append('</w:tblGrid>')
        for r in rows:
            xml.append('<w:tr>')
            cells = list(r) + [''] * (ncol - len(r))
            for c in cells:
                xml.append('<w:tc><w:p>%s</w:p></w:tc>' % runs(c))
            xml.append('</w:tr>')
        xml.append('</w:tbl>')
        self.body.append(''.join(xml))

    def merged_table(self):
        """A cover table of the kind red-head documents carry, with a cell
        spanning two columns and one merged down two rows; it lies before
        the plan's first section, where no rule reads it as content."""
        self.body.append(
            '<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
            '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p>%s</w:p></w:tc>'
            '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>%s</w:p></w:tc></w:tr>'
            '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>'
            '<w:tc><w:p>%s</w:p></w:tc><w:tc><w:p>%s</w:p></w:tc></w:tr>'
            '</w:tbl>' % (runs('公开属性'), runs('主动公开'), runs('密级'), runs('无')))

    def document(self):
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s'
                '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
                '<w:footerReference w:type="default" r:id="rIdFooter"/></w:sectPr>'
                '</w:body></w:document>' % (W, R, ''.join(self.body)))

    def numbering(self):
        lv = [('chineseCountingThousand', '%1、', ''),
              ('chineseCountingThousand', '（%2）', ''),
              ('decimal', '%3.', '<w:lvlRestart w:val="0"/>')]
        levels = ''.join(
            '<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>%s'
            '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/>%s</w:lvl>'
            % (i, fmt, restart, text, '<w:pStyle w:val="Heading1"/>' if i == 0 else '')
            for i, (fmt, text, restart) in enumerate(lv))
        nums = '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        for nid, ov in self.nums:
            over = ''
            if ov:
                over = ('<w:lvlOverride w:ilvl="%d"><w:startOverride w:val="%d"/>'
                        '</w:lvlOverride>' % ov)
            nums += '<w:num w:numId="%d"><w:abstractNumId w:val="0"/>%s</w:num>' % (nid, over)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<w:numbering xmlns:w="%s"><w:abstractNum w:abstractNumId="0">'
                '<w:multiLevelType w:val="multilevel"/>%s</w:abstractNum>%s</w:numbering>'
                % (W, levels, nums))


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<w:styles xmlns:w="%s">'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
          '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr>'
          '<w:outlineLvl w:val="0"/></w:pPr></w:style>'
          '</w:styles>' % W)


def page_field(before, after):
    """A paragraph printing a page number through a complex field."""
    return ('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>9</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            '<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (before, after))


def part(root, inner):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:%s xmlns:w="%s">%s</w:%s>' % (root, W, inner, root))


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '</Types>')

PKG_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '</Relationships>')

DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
    '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    '<Relationship Id="rIdHeader" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>'
    '</Relationships>')


def write_docx(path, parts):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode('utf-8'))


def build(plan_txt, out_path):
    text = open(plan_txt, encoding='utf-8-sig').read().replace('\r\n', '\n').replace('\r', '\n')
    doc = Doc()
    doc.merged_table()
    for kind, payload in paragraphs(text):
        if kind == 'p':
            doc.paragraph(payload)
        else:
            doc.table(payload)
    footnotes = part('footnotes', '<w:footnote w:id="1"><w:p><w:r><w:t>'
                     '脚注：本条所列单位（县生态环境局牵头），2099年12月底前完成。'
                     '</w:t></w:r></w:p></w:footnote>')
    header = part('hdr', page_field('县人民政府办公室（第 ', ' 页）'))
    footer = part('ftr', page_field('— ', ' —'))
    write_docx(out_path, [
        ('[Content_Types].xml', CONTENT_TYPES),
        ('_rels/.rels', PKG_RELS),
        ('word/_rels/document.xml.rels', DOC_RELS),
        ('word/document.xml', doc.document()),
        ('word/styles.xml', STYLES),
        ('word/numbering.xml', doc.numbering()),
        ('word/footnotes.xml', footnotes),
        ('word/header1.xml', header),
        ('word/footer1.xml', footer),
    ])


def main():
    plans, out = sys.argv[1:3]
    os.makedirs(out, exist_ok=True)
    for d in sorted(os.listdir(plans)):
        src = os.path.join(plans, d, 'plan.txt')
        if os.path.isfile(src):
            build(src, os.path.join(out, d + '.docx'))


if __name__ == '__main__':
    main()
