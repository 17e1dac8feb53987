#!/usr/bin/env python3
"""layers.py -- the include graph of generator/ points one way.

    python3 tests/layers.py [GENERATOR_DIR]      (default: generator/)

Every .c and .h file under GENERATOR_DIR lives in the folder of its layer.
The layers, from the bottom up (a file may include its own layer and the
layers below it, never one above it, nor a sibling of the same rank):

    0 util          buffers, strings, diagnostics, files, hashing, XML
                    escaping, zip, CJK text
    1 read          input formats that know no plan: .xlsx, monitoring data
    2 plan          a plan document to the task tree (the .docx and PDF
                    readers are here: they emit plan_text's lines)
    3 air           AQI arithmetic, daily and period statistics, simulation
    4 model         the documents written and read back: task XML/JSON, the
                    unit registry, ledgers, merged months, area documents
    5 render        the pinned fonts
    6 render/chart  charts (Cairo/Pango), for the PDF and the site
    7 render/pdf    the typesetter and the bulletin
    7 render/site   the website
    8 build         the build engine and its stages
    9 cli           the command line

Checks, each a failure:
  - a file in a folder that is not a layer (a new file must be placed);
  - an #include "x.h" that names no file under GENERATOR_DIR (except the
    generated headers of GENERATED);
  - an include of a higher layer, or of a sibling layer of the same rank;
  - a cycle between modules. A module is a stem: x.c and x.h. A header
    x_int.h is internal to the package x (module x) and may be included
    only by files whose stem starts with x;
  - two files with the same name in different folders (objects are flat).
Prints one line per problem and exits 1, or a one-line summary and 0.
"""
import os
import re
import sys

LAYERS = {
    "util": 0,
    "read": 1,
    "plan": 2,
    "air": 3,
    "model": 4,
    "render": 5,
    "render/chart": 6,
    "render/pdf": 7,
    "render/site": 7,
    "build": 8,
    "cli": 9,
}
# Made by the Makefile in $(B)/gen, not under generator/.
GENERATED = {"generator_id.h"}

INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]+"([^"]+)"', re.M)


def module(name):
    """The module of a file name: its stem, x_int.h counted with x."""
    stem = name.rsplit(".", 1)[0]
    return stem[:-4] if stem.endswith("_int") else stem


def strongly_connected(graph):
    """Tarjan's algorithm, iterative; the components of more than one node."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def main(argv):
    top = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "generator")
    top = os.path.normpath(top)
    problems = []
    layer_of = {}   # file name -> layer
    path_of = {}    # file name -> path relative to top
    for d, dirs, files in os.walk(top):
        dirs.sort()
        rel = os.path.relpath(d, top).replace(os.sep, "/")
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            where = f if rel == "." else rel + "/" + f
            if rel not in LAYERS:
                problems.append("%s: not in a layer's folder (place it in one of: %s)"
                                % (where, ", ".join(LAYERS)))
                continue
            if f in path_of:
                problems.append("%s: same name as %s (objects are flat: names must be unique)"
                                % (where, path_of[f]))
                continue
            layer_of[f] = rel
            path_of[f] = where

    graph = {module(f): set() for f in layer_of}
    n_inc = 0
    for f in sorted(layer_of):
        with open(os.path.join(top, path_of[f]), encoding="utf-8") as fh:
            text = fh.read()
        for m in INCLUDE.finditer(text):
            inc = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            where = "%s:%d" % (path_of[f], line)
            n_inc += 1
            if inc in GENERATED:
                continue
            if inc not in layer_of:
                problems.append('%s: #include "%s" names no file of generator/' % (where, inc))
                continue
            a, b = layer_of[f], layer_of[inc]
            if LAYERS[b] > LAYERS[a]:
                problems.append('%s: #include "%s" runs up: %s (layer %d) includes %s (layer %d)'
                                % (where, inc, a, LAYERS[a], b, LAYERS[b]))
            elif LAYERS[b] == LAYERS[a] and a != b:
                problems.append('%s: #include "%s" runs sideways: %s and %s are siblings'
                                % (where, inc, a, b))
            if inc.endswith("_int.h") and not f.startswith(module(inc)):
                problems.append('%s: #include "%s": internal to %s*' % (where, inc, module(inc)))
            if module(inc) != module(f):
                graph[module(f)].add(module(inc))

    for comp in strongly_connected(graph):
        problems.append("cycle between modules: %s" % " <-> ".join(comp))

    if problems:
        for p in problems:
            print("layers: " + p)
        print("layers: %d problem(s)" % len(problems))
        return 1
    print("layers: %d files in %d layers, %d includes: no cycle, none upward or sideways"
          % (len(layer_of), len(set(layer_of.values())), n_inc))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
