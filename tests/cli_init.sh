#!/bin/sh
# cli_init.sh -- `lantian init` and `make install`: an installed lantian,
# run from a folder that has nothing of the source tree, makes a new
# publication from a plan file (text or .docx) that builds at once; it
# never overwrites a publication; a file that is not a plan leaves
# nothing behind. Expected task counts, places and levels are the truth
# files' (tests/truth/*.truth.json).
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup init

# ---- make install --------------------------------------------------------------
prefix=$tmp/prefix
make -s -C "$root" install PREFIX="$prefix" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "make install PREFIX=…: exit 0" [ "$rc" = 0 ]
check "make install: the binary, the man page, the data and the bash completion" \
	sh -c "[ -x '$prefix/bin/lantian' ] && [ -f '$prefix/share/man/man1/lantian.1' ] &&
	    [ -f '$prefix/share/lantian/templates/site/layout.xsl' ] &&
	    [ -f '$prefix/share/lantian/fonts/fonts.lock' ] &&
	    [ -f '$prefix/share/bash-completion/completions/lantian' ]"
check "make install: the templates installed are the repository's, byte for byte" \
	diff -r "$root/templates" "$prefix/share/lantian/templates"
inst=$prefix/bin/lantian

# The installed binary, from a folder outside the source tree, with no
# environment pointing at it.
work=$tmp/work
mkdir -p "$work"
ilt() { (cd "$work" && env -u LANTIAN_DATADIR "$inst" "$@") >"$tmp/out" 2>"$tmp/err"; rc=$?; }

# ---- a plan text --------------------------------------------------------------------
ilt init pub --plan "$root/plans/xiping-2025/plan.txt" --id xiping
check "init --plan (text): exit 0, the plan's tasks counted (truth: 29)" \
	exits 0 '方案 xiping：29 项任务，地名 西平县，层级 县' "$tmp/out"
check "init: the next steps printed in Chinese" has '^  [0-9]\. lantian build ' "$tmp/out"
check "init: the data came from the installed copy" has "取自 $prefix/share/lantian" "$tmp/out"
conf=$work/pub/plans/xiping/plan.conf
check "plan.conf: source, place and level from the text" \
	sh -c "grep -qx 'source = plan.txt' '$conf' && grep -qx 'place = 西平县' '$conf' && grep -qx 'level = 县' '$conf'"
check "plan.conf: what the parser cannot know left as a comment to fill in" \
	has '^# stations = ' "$conf"
check "plan.conf: the title found, as its first comment" \
	has '^# 西平县空气质量持续改善行动实施方案$' "$conf"
check "the plan text copied byte for byte" \
	cmp -s "$root/plans/xiping-2025/plan.txt" "$work/pub/plans/xiping/plan.txt"
(cd "$work/pub" && env -u LANTIAN_DATADIR "$inst" build -q -j 2) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "the new publication builds with exit 0" [ "$rc" = 0 ]
tasks_ok() {
	python3 - "$work/pub/output/json/xiping.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert len(d['tasks']) == 29, len(d['tasks'])
PY
}
check "the built task model has the truth's 29 tasks" tasks_ok
check "the site of the new publication exists, the plan's page in it" \
	sh -c "[ -f '$work/pub/output/site/index.html' ] && [ -f '$work/pub/output/site/plans/xiping/index.html' ]"

# ---- never over an existing publication ----------------------------------------
cp "$conf" "$tmp/conf.keep"
ilt init pub --plan "$root/plans/boai-2023/plan.txt"
check "init over a publication: exit 1, refused by name" \
	exits 1 'pub 中已有 plans/、templates/ 或 fonts/：不覆盖已有的发布目录' "$tmp/err"
check "init over a publication: its plan.conf untouched" cmp -s "$conf" "$tmp/conf.keep"
check "init over a publication: no second plan" absent "$work/pub/plans/plan"

# ---- a .docx plan ------------------------------------------------------------------
ilt init pub2 --plan "$root/tests/data/docx/boai-2023.docx"
check "init --plan (.docx): exit 0, 38 tasks (truth), id from the file name" \
	exits 0 '方案 boai-2023：38 项任务，地名 博爱县' "$tmp/out"
check "init --plan (.docx): kept as plan.docx, named in plan.conf" \
	sh -c "cmp -s '$root/tests/data/docx/boai-2023.docx' '$work/pub2/plans/boai-2023/plan.docx' &&
	    grep -qx 'source = plan.docx' '$work/pub2/plans/boai-2023/plan.conf'"

# ---- what is not a plan ------------------------------------------------------------
printf '会议纪要\n今天开会讨论了食堂菜单。\n' >"$tmp/minutes.txt"
ilt init pub3 --plan "$tmp/minutes.txt"
check "init with a text that has no task: exit 1, said" \
	exits 1 'minutes.txt: 错误: 没有找到任何任务' "$tmp/err"
check "init with a text that has no task: nothing left behind" \
	sh -c "[ ! -e '$work/pub3/plans' ] && [ ! -e '$work/pub3/templates' ]"
ilt init pub4 --id Bad_Id
check "init with a bad id: usage error, the rule said" \
	exits 2 "方案代号 'Bad_Id' 只能由小写字母" "$tmp/err"
(cd "$work" && LANTIAN_DATADIR=$tmp/nowhere "$inst" init pub5) >"$tmp/out" 2>"$tmp/err"
rc=$?
check "no data folder: exit 1, how to get one said" \
	exits 1 '找不到 lantian 的数据目录' "$tmp/err"

# ---- an empty publication --------------------------------------------------------
ilt init empty
check "init without a plan: exit 0, plans/ ready, how to add one said" \
	exits 0 'lantian init --plan 方案文件' "$tmp/out"
check "init without a plan: templates and fonts copied, plans/ empty" \
	sh -c "[ -d '$work/empty/plans' ] && [ -z \"\$(ls -A '$work/empty/plans')\" ] &&
	    cmp -s '$root/fonts/fonts.lock' '$work/empty/fonts/fonts.lock'"

cli_summary
