#!/usr/bin/env python3
"""The small hand-written plans of tests/data/shapes/ against their hand-made
expectations: `lantian parse X.txt --json` for every X.txt that has an
X.expect.json.

An expectation file holds:
  exit                 the exit status of lantian parse
  tasks                [{number, title, path?, lead, cooperating, responsible,
                         participating?, lead_mode, deadlines: [[raw, date], …]}]
  stderr / stderr_lacks   fixed strings that must / must not occur in stderr
  units_lack           strings no unit name of any task may contain
  text_lacks           strings no task text, title or section title may contain
  any other key        compared with the same key of the JSON export

usage: shapes_check.py LANTIAN DIR
Prints one line per failed field and "N passed, N failed"; exit 1 on failure.
"""
import json
import os
import subprocess
import sys

ROLES = ('lead', 'cooperating', 'responsible', 'participating')
SPECIAL = ('exit', 'tasks', 'stderr', 'stderr_lacks', 'units_lack', 'text_lacks')


class Checker:
    def __init__(self):
        self.passed = self.failed = 0

    def eq(self, where, want, have):
        if want == have:
            self.passed += 1
        else:
            self.failed += 1
            print('FAIL %s: want %r, got %r' % (where, want, have))


def check(ck, lantian, d, name):
    exp = json.load(open(os.path.join(d, name + '.expect.json'), encoding='utf-8'))
    p = subprocess.run([lantian, 'parse', name + '.txt', '--json'], cwd=d,
                       capture_output=True, timeout=60)
    err = p.stderr.decode('utf-8', 'replace')
    ck.eq(name + ' exit status', exp['exit'], p.returncode)
    try:
        got = json.loads(p.stdout.decode('utf-8'))
    except ValueError:
        ck.eq(name + ' stdout is a JSON document', True, False)
        sys.stderr.write(err)
        return
    for s in exp.get('stderr', []):
        ck.eq(name + ' stderr has ' + s, True, s in err)
    for s in exp.get('stderr_lacks', []):
        ck.eq(name + ' stderr lacks ' + s, False, s in err)
    for key, want in exp.items():
        if key not in SPECIAL:
            ck.eq('%s %s' % (name, key), want, got.get(key))
    tasks = got.get('tasks') or []
    units = [u for t in tasks for r in ROLES for u in t.get(r) or []]
    units += got.get('responsible_inherited') or []
    for s in exp.get('units_lack', []):
        ck.eq(name + ' no unit contains ' + s, [], [u for u in units if s in u])
    texts = [t.get('text') or '' for t in tasks] + [t['title'] for t in tasks]
    texts += got['top_level_sections']['titles']
    for s in exp.get('text_lacks', []):
        ck.eq(name + ' no text contains ' + s, [], [x for x in texts if s in x])
    ck.eq(name + ' tasks', [t['number'] for t in exp['tasks']], [t['number'] for t in tasks])
    bynum = {t['number']: t for t in tasks}
    for t in exp['tasks']:
        g = bynum.get(t['number'])
        if g is None:
            continue
        where = '%s task %s' % (name, t['number'])
        for key in ('title', 'path', 'lead_mode') + ROLES:
            if key in t:
                ck.eq(where + ' ' + key, t[key], g.get(key) if key not in ROLES else g.get(key) or [])
        ck.eq(where + ' deadlines', [list(x) for x in t['deadlines']],
              [[x['raw'], x['date']] for x in g['deadlines']])


def main():
    lantian, d = sys.argv[1:3]
    ck = Checker()
    names = sorted(f[:-len('.expect.json')] for f in os.listdir(d) if f.endswith('.expect.json'))
    for name in names:
        check(ck, lantian, d, name)
    print('%d passed, %d failed' % (ck.passed, ck.failed))
    sys.exit(1 if ck.failed or not names else 0)


if __name__ == '__main__':
    main()
