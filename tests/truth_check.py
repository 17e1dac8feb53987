#!/usr/bin/env python3
"""Compare `lantian parse FILE --json` with the hand-checked truth files,
field by field, more strictly than score_parser.py: besides titles, units,
roles, lead modes and deadline dates it checks plan metadata, section and
sub-section titles, task counts, raw deadline phrases, periods, targets
(metric, op, value, unit, year), participating units, inherited
responsibility, plan-level targets, attachments and deadlines outside tasks.

usage: truth_check.py LANTIAN TRUTH_DIR PLANS_DIR [SOURCE] [--t2s]
The plan text of truth file X.truth.json is PLANS_DIR/X/plan.txt, or,
given SOURCE (a pattern such as tests/data/docx/%s.docx), SOURCE with X for
%s: the same plan in another format must give the same fields.
--t2s: the plan texts are in traditional script (tests/prep/variants.py) and
the model keeps the text as written: both the output and the truth file are
folded to simplified script (opencc t2s) before they are compared.
Prints one line per failed field and a last line "N passed, N failed";
exits 1 if anything failed.
"""
import json
import os
import subprocess
import sys
import unicodedata

HALF = str.maketrans({'（': '(', '）': ')', '，': ',', '：': ':', '；': ';', '　': ' '})


def norm(s):
    """Compare text as the truth files' authors did: NFKC, no whitespace."""
    if s is None:
        return None
    s = unicodedata.normalize('NFKC', str(s)).translate(HALF)
    return ''.join(s.split())


def norm_num(v):
    if isinstance(v, list):
        return [norm_num(x) for x in v]
    return float(v) if v is not None else None


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def eq(self, where, want, have):
        if want == have:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL %s: want %r, got %r' % (where, want, have))


def target_key(t):
    return (norm(t.get('metric')), t.get('op'), norm_num(t.get('value')),
            norm(t.get('unit')), t.get('year'))


def check_plan(ck, truth, got, name):
    for key in ('place', 'plan_year', 'doc_number', 'issue_date'):
        if key in truth:
            ck.eq('%s %s' % (name, key), norm(truth[key]) if isinstance(truth[key], str) else truth[key],
                  norm(got.get(key)) if isinstance(got.get(key), str) else got.get(key))
    if 'draft' in truth:
        ck.eq('%s draft' % name, truth['draft'], got.get('draft'))
    level = {'county': 'county', 'prefecture city': 'prefecture city', 'town': 'town'}
    if truth.get('level') in level:
        ck.eq('%s level' % name, truth['level'], got.get('level'))
    if isinstance(truth.get('task_count'), int):
        ck.eq('%s task_count' % name, truth['task_count'], got.get('task_count'))
    for sec in ('top_level_sections', 'subsections_in_tasks'):
        if isinstance(truth.get(sec), dict):
            ck.eq('%s %s.count' % (name, sec), truth[sec]['count'], got[sec]['count'])
            ck.eq('%s %s.titles' % (name, sec), [norm(x) for x in truth[sec]['titles']],
                  [norm(x) for x in got[sec]['titles']])
    if 'task_count_by_section' in truth:
        by = {}
        for t in got['tasks']:
            by[t['path'][0]] = by.get(t['path'][0], 0) + 1
        ck.eq('%s task_count_by_section' % name, truth['task_count_by_section'], by)
    if 'responsible_inherited' in truth:
        ck.eq('%s responsible_inherited' % name,
              [norm(x) for x in truth['responsible_inherited']] if truth['responsible_inherited'] else None,
              [norm(x) for x in got['responsible_inherited']] if got.get('responsible_inherited') else None)
    if 'responsible_inherited_raw' in truth:
        ck.eq('%s responsible_inherited_raw' % name, norm(truth['responsible_inherited_raw']),
              norm(got.get('responsible_inherited_raw')))
    if 'plan_targets' in truth:
        ck.eq('%s plan_targets' % name, sorted(target_key(t) for t in truth['plan_targets']),
              sorted(target_key(t) for t in got.get('plan_targets') or []))
    if 'attachments' in truth:
        ck.eq('%s attachments' % name, [norm(x) for x in truth['attachments']],
              [norm(a['title']) for a in got.get('attachments') or []])
    if 'deadlines_outside_tasks' in truth:
        ck.eq('%s deadlines_outside_tasks' % name,
              sorted((norm(d['raw']), d['date']) for d in truth['deadlines_outside_tasks']),
              sorted((norm(d['raw']), d['date']) for d in got.get('deadlines_outside_tasks') or []))

    bynum = {norm(t['number']): t for t in got['tasks']}
    for t in truth.get('tasks') or []:
        where = '%s task %s' % (name, t['number'])
        g = bynum.get(norm(t['number']))
        if g is None:
            ck.eq(where, 'present', 'missing')
            continue
        ck.eq(where + ' title', norm(t['title']), norm(g['title']))
        ck.eq(where + ' path', [norm(x) for x in t['path']], [norm(x) for x in g['path']])
        if 'ordinal' in t:
            ck.eq(where + ' ordinal', t['ordinal'], g['ordinal'])
        for role in ('lead', 'cooperating', 'responsible', 'participating'):
            if role in t or role != 'participating':
                ck.eq(where + ' ' + role, [norm(x) for x in t.get(role) or []],
                      [norm(x) for x in g.get(role) or []])
        ck.eq(where + ' lead_mode', norm(t['lead_mode']), norm(g['lead_mode']))
        ck.eq(where + ' deadlines', [(norm(d['raw']), d['date']) for d in t['deadlines']],
              [(norm(d['raw']), d['date']) for d in g['deadlines']])
        if 'periods' in t:
            ck.eq(where + ' periods', [(norm(d['raw']), d['start'], d['end']) for d in t['periods']],
                  [(norm(d['raw']), d['start'], d['end']) for d in g['periods']])
        ck.eq(where + ' targets', sorted(target_key(x) for x in t['targets']),
              sorted(target_key(x) for x in g['targets']))
        if t.get('raw_parenthetical'):
            raws = [norm(a['raw']) for a in g.get('assignments') or []]
            ck.eq(where + ' raw_parenthetical', True, norm(t['raw_parenthetical']) in raws)


def t2s(text):
    """Fold traditional script to simplified, as the parser does for matching."""
    p = subprocess.run(['opencc', '-c', 't2s'], input=text.encode('utf-8'),
                       capture_output=True, check=True)
    return p.stdout.decode('utf-8')


def main():
    lantian, tdir, pdir = sys.argv[1:4]
    rest = sys.argv[4:]
    fold = t2s if '--t2s' in rest else (lambda x: x)
    pats = [a for a in rest if a != '--t2s']
    pattern = pats[0] if pats else None
    ck = Checker()
    for f in sorted(os.listdir(tdir)):
        if not f.endswith('.truth.json'):
            continue
        truth = json.loads(fold(open(os.path.join(tdir, f), encoding='utf-8').read()))
        name = f[:-len('.truth.json')]
        src = pattern % name if pattern else os.path.join(pdir, name, 'plan.txt')
        p = subprocess.run([lantian, 'parse', src, '--json'], capture_output=True, timeout=60)
        if p.returncode != 0:
            ck.eq(name + ' exit status', 0, p.returncode)
            sys.stderr.write(p.stderr.decode('utf-8', 'replace'))
            continue
        check_plan(ck, truth, json.loads(fold(p.stdout.decode('utf-8'))), name)
    print('%d passed, %d failed' % (ck.passed, ck.failed))
    sys.exit(1 if ck.failed else 0)


if __name__ == '__main__':
    main()
