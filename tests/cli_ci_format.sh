#!/bin/sh
# cli_ci_format.sh -- diagnostics for CI: `lantian check|build
# --format=json|github|gitlab` and `--werror`, on a copy of the shipped
# town plan xiaye-2023 (no monitoring data in its area: one warning).
# Expected forms are GitHub's workflow-command syntax (::error file=…,
# line=…::msg, with % , : escaped) and GitLab's Code Quality report
# (description, check_name, fingerprint, severity, location.path,
# location.lines.begin).
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup ci_format

t=$tmp/tree
mkdir -p "$t/plans/monitoring/zhumadian" "$t/templates"
cp -r "$root/plans/xiaye-2023" "$t/plans/"
{ head -n 1 "$root/plans/stations.csv"; grep ',monitoring/zhumadian$' "$root/plans/stations.csv"; } >"$t/plans/stations.csv"
cp -r "$root/templates/site" "$root/templates/layouts" "$t/templates/"
cp -r "$root/fonts" "$t/fonts"
ledger=$t/plans/xiaye-2023/ledgers/2023-07.csv

# ---- a clean tree with one warning ------------------------------------------
lt "$t" check -q
check "clean tree: check exits 0 with its one warning" [ "$rc" = 0 ]
lt "$t" check -q --werror
check "--werror: the warning fails the check, said why" \
	exits 1 '有 1 个警告，按 --werror 以失败退出' "$tmp/err"
lt "$t" build -q -j 1
check "clean tree: first build exits 0 (the CI republishing case below)" [ "$rc" = 0 ]
lt "$t" check -q --format=bogus
check "unknown format: usage error naming the formats" \
	exits 2 "只能是 text、json、github 或 gitlab" "$tmp/err"

# ---- one error at a known line -------------------------------------------------
# Line 3 of the ledger is task 1's row; a status word no one defined.
cp "$ledger" "$tmp/ledger.keep"
sed -i '3s/,已完成（长期坚持）,/,100%完成,/' "$ledger"
lt "$t" check --format=github
check "github: exit 1" [ "$rc" = 1 ]
check "github: the error as a workflow command at its file and line, % escaped" \
	has '^::error file=plans/xiaye-2023/ledgers/2023-07.csv,line=3,title=lantian::未知的进展状态“100%25完成”' "$tmp/out"
check "github: the warning as a warning command" \
	has '^::warning file=plans/monitoring/zhumadian,title=lantian::地区“驻马店市”没有监测数据文件' "$tmp/out"
check "github: no raw % left in a command" \
	sh -c "! grep '^::' '$tmp/out' | grep -q '100%完成'"
check "github: nothing on stderr in text form" lacks ': 错误: ' "$tmp/err"

json_ok() { # FILE: the whole of FILE is one JSON document with the error
	python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
errs = [d for d in doc['diagnostics'] if d['level'] == 'error']
assert len(errs) == 1, errs
e = errs[0]
assert e['file'] == 'plans/xiaye-2023/ledgers/2023-07.csv', e
assert e['line'] == 3, e
assert '100%完成' in e['message'], e
assert any(d['level'] == 'warning' for d in doc['diagnostics'])
PY
}
lt "$t" check --format=json
check "json: exit 1" [ "$rc" = 1 ]
check "json: stdout is one document, the error at file and line 3" json_ok "$tmp/out"
check "json: the summary went to stderr" has '^lantian check: 1 个方案，1 个有错误' "$tmp/err"

gitlab_ok() { # FILE: a Code Quality report with the error as "major"
	python3 - "$1" <<'PY'
import json, re, sys
rep = json.load(open(sys.argv[1], encoding='utf-8'))
assert isinstance(rep, list) and rep
fps = [i['fingerprint'] for i in rep]
assert all(re.fullmatch('[0-9a-f]{64}', f) for f in fps), fps
assert len(set(fps)) == len(fps), 'fingerprints not unique'
major = [i for i in rep if i['severity'] == 'major']
assert len(major) == 1, major
m = major[0]
assert m['location'] == {'path': 'plans/xiaye-2023/ledgers/2023-07.csv',
                         'lines': {'begin': 3}}, m
assert m['check_name'] == 'lantian-error'
assert '100%完成' in m['description']
PY
}
lt "$t" check --format=gitlab
check "gitlab: exit 1" [ "$rc" = 1 ]
check "gitlab: a Code Quality report, the error major at line 3" gitlab_ok "$tmp/out"
cp "$tmp/out" "$tmp/gitlab1"
lt "$t" check --format gitlab
check "gitlab: the same findings give the same fingerprints" cmp -s "$tmp/out" "$tmp/gitlab1"

# build takes the same options; its report lines leave stdout to JSON.
lt "$t" build -j 1 --format=json
check "build --format=json: exit 1" [ "$rc" = 1 ]
check "build --format=json: stdout is one document with the error" json_ok "$tmp/out"
check "build --format=json: the summary on stderr" has '^lantian: 重建 ' "$tmp/err"

# ---- check compiles the site's templates ---------------------------------------
# A broken template is found by check, at its file and line, not first by
# the build that publishes.
cp "$tmp/ledger.keep" "$ledger"
cp "$t/templates/site/task.xsl" "$tmp/task.xsl.keep"
# Cut mid-tag: the parser stops on the last line it was given.
head -c 300 "$tmp/task.xsl.keep" >"$t/templates/site/task.xsl"
last=$(( $(wc -l <"$t/templates/site/task.xsl") + 1 ))
lt "$t" check -q
check "check with a truncated template: exit 1 at templates/site/task.xsl:$last" \
	exits 1 "^templates/site/task.xsl:$last: 错误: 模板无法编译" "$tmp/err"
cp "$tmp/task.xsl.keep" "$t/templates/site/task.xsl"
lt "$t" check -q
check "check with the template restored: exit 0" [ "$rc" = 0 ]

cli_summary
