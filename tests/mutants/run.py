#!/usr/bin/env python3
"""run.py -- the mutation suite: plants each bug of tests/mutants/mutants.tsv,
one at a time, in a scratch copy of the tree and runs the suites that should
catch it.

Debian (bookworm) has no mutation tool for C, so the mutations are data: each
row names a file, an exact snippet that must occur in it exactly once, its
replacement, and the suites that should fail. For each mutant:

  - the scratch copy (build/mutants/tree, a copy of the tracked and
    untracked-but-not-ignored files) gets the pristine file back and then the
    mutated one; the real tree is never written, so an interrupted run leaves
    nothing behind but the scratch copy;
  - only what the mutation touches is rebuilt (-O0; the objects' dependency
    on generator_id.h is dropped, GENERATOR_ID_DEP=, so one changed source
    recompiles one object and relinks);
  - its suites run in order, each with a time limit; the first that fails
    kills the mutant. A mutant whose snippet is missing or ambiguous, or
    that does not compile, is an ERROR: reported, never counted as killed.

Before the mutants, every suite the selection needs runs once on the
unmutated copy: a suite that fails there cannot judge anything (exit 2).

Suites: unit:NAME (tests/unit/NAME.c), truth, golden, cli:NAME
(tests/NAME.sh). Rows: id, file, original, replacement, suites (comma
separated), description; tab separated; in the snippets \\t, \\n and \\\\
stand for a tab, a newline and a backslash. Lines starting with # are
comments.

  run.py [--quick] [--only ID,...] [--min-score PCT] [--list FILE]

--quick runs the ids of tests/mutants/quick.txt, every one of which must be
killed (make check). Prints one line per mutant, the score
killed / (killed + survived) and the survivors; exit 1 when the score is
below --min-score (or, with --quick, any mutant survives), 2 on errors.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRATCH = os.path.join(ROOT, "build", "mutants")
TREE = os.path.join(SCRATCH, "tree")
BDIR = "build/o"  # build directory inside the scratch tree
SUITE_TIMEOUT = int(os.environ.get("MUTANT_TIMEOUT", "300"))
JOBS = os.environ.get("JOBS", "2")


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(n, "\\" + n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_list(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 6:
                sys.exit("%s:%d: want 6 tab-separated columns, got %d"
                         % (path, lineno, len(cols)))
            mid, fil, orig, repl, suites, desc = cols
            rows.append({"id": mid, "file": fil, "orig": unescape(orig),
                         "repl": unescape(repl),
                         "suites": [s.strip() for s in suites.split(",") if s.strip()],
                         "desc": desc, "line": lineno})
    ids = [r["id"] for r in rows]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit("%s: duplicate ids: %s" % (path, ", ".join(sorted(dup))))
    return rows


def source_files():
    """The files of the working tree: tracked and untracked, not ignored."""
    out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z", "-c", "-o",
                          "--exclude-standard"], check=True,
                         stdout=subprocess.PIPE).stdout
    return [p for p in out.decode().split("\0") if p and os.path.isfile(os.path.join(ROOT, p))]


def same_file(a, b):
    try:
        sa, sb = os.stat(a), os.stat(b)
    except FileNotFoundError:
        return False
    if sa.st_size != sb.st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        return fa.read() == fb.read()


def sync_tree():
    """Bring the scratch copy up to the working tree; copy only what
    differs, so the scratch build stays incremental."""
    os.makedirs(TREE, exist_ok=True)
    files = source_files()
    keep = set(files)
    # Files gone from the working tree leave the copy too (generator/*.c
    # and the suites are found by wildcard).
    for top in ("generator", "tests", "templates"):
        for d, _, fs in os.walk(os.path.join(TREE, top)):
            for f in fs:
                rel = os.path.relpath(os.path.join(d, f), TREE)
                if rel not in keep:
                    os.unlink(os.path.join(d, f))
    for rel in files:
        src, dst = os.path.join(ROOT, rel), os.path.join(TREE, rel)
        if not same_file(src, dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
            os.utime(dst)  # newer than any object built from the old one


def run(cmd, timeout, env=None, log=None):
    """Run cmd in the scratch tree in its own process group; returns
    (status, seconds); status None on timeout."""
    t0 = time.monotonic()
    with open(log or os.devnull, "w") as out:
        p = subprocess.Popen(cmd, cwd=TREE, env=env, stdout=out,
                             stderr=subprocess.STDOUT, start_new_session=True)
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            rc = None
        except BaseException:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            raise
    return rc, time.monotonic() - t0


def make_targets(suites):
    t = [BDIR + "/lantian"]
    for s in suites:
        if s.startswith("unit:"):
            t.append("%s/tests/%s" % (BDIR, s[5:]))
    # The truth and CLI suites print the .docx plans to PDF (MAKE_PDF).
    if any(s == "truth" or s.startswith("cli:") for s in suites):
        t.append(BDIR + "/prep/make_pdf")
    # cli_typeset_scan.sh reads the typesetter's layouts through layout_dump.
    if "cli:cli_typeset_scan" in suites:
        t.append(BDIR + "/prep/layout_dump")
    return t


def make(targets, log, hold_id):
    cmd = ["make", "--no-print-directory", "-j" + JOBS, "B=" + BDIR,
           "CFLAGS=-O0"]
    if hold_id:
        cmd += ["GENERATOR_ID_DEP="]
    rc, _ = run(cmd + targets, 900, log=log)
    return rc == 0


def suite_env():
    env = dict(os.environ)
    lt = os.path.join(TREE, BDIR, "lantian")
    env.update({"LANTIAN_SRCDIR": TREE, "LANTIAN": lt,
                "LANTIAN_RELEASE": lt, "LC_ALL": "C.UTF-8", "TZ": "UTC",
                "MAKE_PDF": os.path.join(TREE, BDIR, "prep", "make_pdf"),
                "LAYOUT_DUMP": os.path.join(TREE, BDIR, "prep", "layout_dump")})
    env.pop("REGEN", None)
    return env


def suite_cmd(s):
    if s.startswith("unit:"):
        return [os.path.join(TREE, BDIR, "tests", s[5:])]
    if s == "truth":
        return ["sh", "tests/truth.sh"]
    if s == "golden":
        return ["sh", "tests/golden.sh"]
    if s.startswith("cli:"):
        return ["sh", "tests/%s.sh" % s[4:]]
    raise ValueError("unknown suite " + s)


def check_suites(rows):
    bad = []
    for r in rows:
        for s in r["suites"]:
            try:
                cmd = suite_cmd(s)
            except ValueError:
                bad.append("%s: unknown suite %s" % (r["id"], s))
                continue
            src = {"unit": "tests/unit/%s.c" % s[5:], "cli": "tests/%s.sh" % s[4:]}.get(s.split(":")[0])
            if src and not os.path.isfile(os.path.join(ROOT, src)):
                bad.append("%s: suite %s has no %s" % (r["id"], s, src))
        if not r["suites"]:
            bad.append("%s: no suites" % r["id"])
    return bad


def on_signal(signum, frame):
    raise KeyboardInterrupt


def main():
    # A run stopped by TERM or HUP (or INT, unless the shell ignores it for
    # a background job) still puts the pristine file back.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, on_signal)
    if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
        signal.signal(signal.SIGINT, on_signal)
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", default=os.path.join(HERE, "mutants.tsv"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--min-score", type=float, default=0.0)
    a = ap.parse_args()

    rows = read_list(a.list)
    if a.quick:
        with open(os.path.join(HERE, "quick.txt"), encoding="utf-8") as f:
            want = [l.split("#")[0].strip() for l in f]
        want = [w for w in want if w]
    elif a.only:
        want = a.only.split(",")
    else:
        want = None
    if want is not None:
        byid = {r["id"]: r for r in rows}
        missing = [w for w in want if w not in byid]
        if missing:
            sys.exit("run.py: no such mutant: " + ", ".join(missing))
        rows = [byid[w] for w in want]
    problems = check_suites(rows)
    if problems:
        sys.exit("run.py: " + "; ".join(problems))

    t_start = time.monotonic()
    logs = os.path.join(SCRATCH, "logs")
    os.makedirs(logs, exist_ok=True)
    sync_tree()
    suites = []
    for r in rows:
        for s in r["suites"]:
            if s not in suites:
                suites.append(s)
    print("mutants: %d mutants, %d suites, scratch copy %s"
          % (len(rows), len(suites), os.path.relpath(TREE, ROOT)), flush=True)

    # The unmutated copy: built in full (this writes generator_id.h), and
    # every suite must pass on it.
    if not make(make_targets(suites), os.path.join(logs, "baseline-build.log"), False):
        print("mutants: the unmutated tree does not build; see %s/baseline-build.log" % logs)
        return 2
    env = suite_env()
    for s in suites:
        rc, secs = run(suite_cmd(s), SUITE_TIMEOUT, env, os.path.join(logs, "baseline-%s.log" % s.replace(":", "_")))
        if rc != 0:
            print("mutants: suite %s fails on the unmutated tree (%s); see %s/baseline-%s.log"
                  % (s, "timeout" if rc is None else "exit %d" % rc, logs, s.replace(":", "_")))
            return 2
    print("mutants: baseline built and %d suites pass (%.0f s)"
          % (len(suites), time.monotonic() - t_start), flush=True)

    killed, survived, errors = [], [], []
    for r in rows:
        t0 = time.monotonic()
        path = os.path.join(TREE, r["file"])
        pristine_src = os.path.join(ROOT, r["file"])
        log = os.path.join(logs, r["id"] + ".log")
        try:
            with open(pristine_src, encoding="utf-8") as f:
                text = f.read()
        except OSError as e:
            errors.append((r, "cannot read %s: %s" % (r["file"], e)))
            print("ERROR    %-22s cannot read %s" % (r["id"], r["file"]), flush=True)
            continue
        n = text.count(r["orig"])
        if n != 1:
            errors.append((r, "snippet found %d times in %s" % (n, r["file"])))
            print("ERROR    %-22s snippet found %d times in %s" % (r["id"], n, r["file"]), flush=True)
            continue
        verdict = None
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text.replace(r["orig"], r["repl"]))
            if not make(make_targets(r["suites"]), log, True):
                verdict = ("error", "does not compile (%s)" % os.path.relpath(log, ROOT))
            else:
                for s in r["suites"]:
                    rc, _ = run(suite_cmd(s), SUITE_TIMEOUT, env,
                                os.path.join(logs, "%s-%s.log" % (r["id"], s.replace(":", "_"))))
                    if rc != 0:
                        verdict = ("killed", s + (" (timeout)" if rc is None else ""))
                        break
                else:
                    verdict = ("survived", "")
        finally:
            # The pristine file back, newer than the mutant's object.
            shutil.copy2(pristine_src, path)
            os.utime(path)
        kind, why = verdict
        secs = time.monotonic() - t0
        if kind == "killed":
            killed.append(r)
            print("killed   %-22s by %s (%.0f s)" % (r["id"], why, secs), flush=True)
        elif kind == "survived":
            survived.append(r)
            print("SURVIVED %-22s %s: %s (%.0f s)" % (r["id"], r["file"], r["desc"], secs), flush=True)
        else:
            errors.append((r, why))
            print("ERROR    %-22s %s" % (r["id"], why), flush=True)

    # Leave the scratch build as the pristine tree (the next run starts
    # from it).
    make(make_targets(suites), os.path.join(logs, "restore-build.log"), True)
    judged = len(killed) + len(survived)
    score = 100.0 * len(killed) / judged if judged else 0.0
    print()
    print("mutation score: %.1f%% (%d killed of %d; %d errors) in %.0f s"
          % (score, len(killed), judged, len(errors), time.monotonic() - t_start))
    if survived:
        print("survivors:")
        for r in survived:
            print("  %s  %s: %s" % (r["id"], r["file"], r["desc"]))
    if errors:
        print("errors (not counted):")
        for r, why in errors:
            print("  %s  %s" % (r["id"], why))
    if errors:
        return 2
    if a.quick and survived:
        return 1
    if score < a.min_score:
        print("mutation score below %.0f%%" % a.min_score)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("mutants: interrupted; the scratch copy is restored on the next run")
        sys.exit(130)
