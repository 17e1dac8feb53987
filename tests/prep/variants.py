#!/usr/bin/env python3
"""Write the shipped plans as they arrive from elsewhere, for tests/cli_shapes.sh.

usage: variants.py PLANS_DIR OUT_DIR

For every PLANS_DIR/<id>/plan.txt, writes OUT_DIR/<variant>/<id>/plan.txt for
  trad   traditional script throughout (the opencc command, config s2t),
  half   half-width punctuation as web copies have it: （）→() ，→, ；→; ：→: ！→! ？→?
         and the full-width full stop of arabic numbers (1．→1.); 。 and 、 stay
         (no half-width form is used for them);
  gbk    GB18030 with CRLF line ends (a file saved by Notepad on a Chinese Windows),
  web    a web repost: the portal's metadata block (索引号/发文字号/发布机构/发布日期)
         and the page's chrome (share, print, font size, an HTML comment and
         text hidden with display:none)
         before the plan, and the page footer after it.
Each variant says the same as the plan: the tests expect the same tasks, units
and deadlines as the truth files (traditional text compared after folding both
sides to simplified script with opencc t2s).
"""
import os
import subprocess
import sys

HALF = str.maketrans({'（': '(', '）': ')', '，': ',', '；': ';', '：': ':', '！': '!', '？': '?'})


def to_trad(text):
    p = subprocess.run(['opencc', '-c', 's2t'], input=text.encode('utf-8'),
                       capture_output=True, check=True)
    return p.stdout.decode('utf-8')


def to_half(text):
    out = []
    for line in text.split('\n'):
        line = line.translate(HALF)
        # 1．→1. only as an item number at the start of a line
        s = line.lstrip(' \u3000*#')
        head = len(line) - len(s)
        k = 0
        while k < len(s) and s[k].isdigit():
            k += 1
        if k and s[k:k + 1] == '．':
            line = line[:head] + s[:k] + '.' + s[k + 1:]
        out.append(line)
    return '\n'.join(out)


WEB_HEAD = """首页 > 政务公开 > 政府信息公开目录 > 政策文件
索引号：{index}
发文字号：{docno}
发布机构：{issuer}
发布日期：2024年03月01日
主题分类：环境保护
【字体：大 中 小】 【打印本页】 【关闭窗口】
分享到：微信 微博 QQ空间
<!-- 正文开始 --><span style="display:none">本文来源于某某政府网，转载请注明出处</span>

"""

WEB_TAIL = """

扫一扫在手机打开当前页
【我要纠错】 【打印本页】 【关闭窗口】
相关链接：生态环境部 | 省生态环境厅
主办单位：某某人民政府办公室 网站标识码：4100000000 豫ICP备00000000号
"""


def to_web(text, pid):
    docno = ''
    for line in text.split('\n')[:15]:
        if '〔' in line and '号' in line and '《' not in line:
            docno = line.strip()
            break
    head = WEB_HEAD.format(index='000000000/2024-00001', docno=docno or '无',
                           issuer='人民政府办公室')
    return head + text + WEB_TAIL


def main():
    plans, out = sys.argv[1:3]
    for pid in sorted(os.listdir(plans)):
        src = os.path.join(plans, pid, 'plan.txt')
        if not os.path.isfile(src):
            continue
        text = open(src, encoding='utf-8').read()
        variants = {
            'trad': to_trad(text).encode('utf-8'),
            'half': to_half(text).encode('utf-8'),
            'gbk': text.replace('\n', '\r\n').encode('gb18030'),
            'web': to_web(text, pid).encode('utf-8'),
        }
        for name, data in variants.items():
            d = os.path.join(out, name, pid)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, 'plan.txt'), 'wb') as f:
                f.write(data)


if __name__ == '__main__':
    main()
