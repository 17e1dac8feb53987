#!/bin/sh
# cli_build.sh -- `lantian build` and `lantian check` on a temporary copy of
# the shipped publication tree (plans/): a first build, a second one that
# does nothing, touching without changing, changing one plan (only its
# outputs are rewritten), -j 1 against -j 4 (byte-identical), a deleted
# output (rebuilt, --explain says why), a corrupt plan text (exit 1, the
# file is named, the last good output is kept), a bad plan.conf (check
# exits 1 with file:line), a corrupt state file, a state file of another
# format version, and -C DIR. The merged outputs (output/merged/) are
# tested in cli_merge.sh; here they are only counted.
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup build

# snapshot DIR: mtime (ns) and inode of every output file, one per line.
snapshot() {
	(cd "$1" && find output/xml output/json output/merged -type f | sort |
	    while read -r f; do echo "$f $(stat -c '%.9Y %i' "$f")"; done)
}

newtree() {
	rm -rf "$1"
	mkdir -p "$1/templates"
	cp -r "$root/plans" "$1/plans"
	cp -r "$root/templates/layouts" "$1/templates/layouts"
	# Less monitoring data to read (Beijing is used by no plan): its
	# rows of the station table go with its data.
	rm -rf "$1/plans/monitoring/beijing"
	sed -i '/,monitoring\/beijing$/d' "$1/plans/stations.csv"
	rm -f "$1"/plans/monitoring/*/2022-*
	# Old inputs: their stat data can be trusted at once.
	find "$1/plans" "$1/templates" -type f -exec touch -d '-1 hour' {} +
}

t=$tmp/tree
newtree "$t"

# ---- first build ---------------------------------------------------------
lt "$t" build
check "first build: exit 0, summary counts 5 plans rebuilt" \
	exits 0 'rebuilt 5, up to date 0, failed 0' "$tmp/out"
n=$(cd "$t" && find output/xml output/json -type f | wc -l)
check "first build writes 13 outputs (5 plans x 2 + registry + index)" [ "$n" = 13 ]
nm=$(cd "$t" && find output/merged -type f | wc -l)
check "first build writes 30 merged outputs (5 plans x 6 ledger months)" [ "$nm" = 30 ]
check "plans/monitoring (data) is not warned about" sh -c "! grep -q '^plans/monitoring: ' '$tmp/err'"
check "first build names what it wrote" grep -q 'output/xml/nanzhao-2024.xml' "$tmp/out"
check "index.json lists the 5 plans" [ "$(grep -c '"id"' "$t/output/json/index.json")" = 5 ]
check "state file written" [ -s "$t/output/.lantian/state" ]
check "state file is versioned" grep -q '^lantian-state 2$' "$t/output/.lantian/state"
ls -A "$t/output/xml" "$t/output/json" >"$tmp/ls"
check "no temp files left" lacks '\.tmp' "$tmp/ls"

# ---- nothing changed -------------------------------------------------------
snapshot "$t" >"$tmp/snap1"
lt "$t" build
check "second build: exit 0, says nothing to do" \
	exits 0 '已是最新，无需重建 (nothing to do)' "$tmp/out"
snapshot "$t" >"$tmp/snap2"
check "second build rewrites nothing (mtimes, inodes)" cmp -s "$tmp/snap1" "$tmp/snap2"

# What a build killed while writing would leave behind (a temp file, and
# the marker a running build keeps): removed. Without the marker the
# output folders are not searched (a no-op build stays cheap).
echo partial >"$t/output/xml/.nanzhao-2024.xml.tmpAb12Cd"
: >"$t/output/.lantian/running"
lt "$t" build -q
check "leftover temp file of a killed build removed" [ ! -e "$t/output/xml/.nanzhao-2024.xml.tmpAb12Cd" ]
check "the running marker is gone after the build" [ ! -e "$t/output/.lantian/running" ]
check "quiet no-op build: exit 0, prints nothing" sh -c "[ $rc = 0 ] && [ ! -s '$tmp/out' ] && [ ! -s '$tmp/err' ]"

# ---- touched, not changed -------------------------------------------------
touch "$t/plans/boai-2023/plan.txt" "$t/plans/boai-2023/plan.conf"
lt "$t" build --explain
check "touch without change: nothing to do" grep -q 'nothing to do' "$tmp/out"
check "touch without change: nothing explained" sh -c "! grep -q explain '$tmp/out'"
snapshot "$t" >"$tmp/snap3"
check "touch without change: outputs untouched" cmp -s "$tmp/snap1" "$tmp/snap3"

# ---- one plan changed -------------------------------------------------------
# A deadline in a task: the plan's XML and JSON must change.
sed -i '0,/2024年6月15日/s//2024年6月20日/' "$t/plans/nanzhao-2024/plan.txt"
rm -rf "$tmp/before"
cp -a "$t/output" "$tmp/before"
lt "$t" build --explain
check "changed plan: exit 0, writes its XML" exits 0 '写入 (wrote) output/xml/nanzhao-2024.xml' "$tmp/out"
check "changed plan: explained as input changed" \
	grep -q 'output/xml/nanzhao-2024.xml: 方案文本 plans/nanzhao-2024/plan.txt 已改变 (input changed: plan text)' "$tmp/out"
check "changed plan: 1 rebuilt, 4 up to date" grep -q 'rebuilt 1, up to date 4, failed 0' "$tmp/out"
check "changed plan: its merged months rebuilt (plan text is their input)" grep -q 'merged: rebuilt 6, up to date 24, failed 0' "$tmp/out"
check "changed plan: its XML changed" sh -c "! cmp -s '$tmp/before/xml/nanzhao-2024.xml' '$t/output/xml/nanzhao-2024.xml'"
check "changed plan: its JSON changed" sh -c "! cmp -s '$tmp/before/json/nanzhao-2024.json' '$t/output/json/nanzhao-2024.json'"
snapshot "$t" >"$tmp/snap4"
# Restat pruning: a file is rewritten exactly when its content changed, and
# only the changed plan's outputs and the registry/index may change.
bad=
for f in $(cd "$t" && find output/xml output/json output/merged -type f | sort); do
	old=$tmp/before/${f#output/}
	was=$(grep "^$f " "$tmp/snap1")
	now=$(grep "^$f " "$tmp/snap4")
	if cmp -s "$old" "$t/$f"; then
		[ "$was" = "$now" ] || bad="$bad $f(same-content-rewritten)"
	else
		[ "$was" != "$now" ] || bad="$bad $f(changed-without-new-inode)"
		case $f in
		*/nanzhao-2024.*|output/json/index.json|*/units.*|output/merged/nanzhao-2024/*) ;;
		*) bad="$bad $f(should-not-change)" ;;
		esac
	fi
done
check "changed plan: only its outputs (and registry/index) rewritten, only if changed${bad:+:$bad}" [ -z "$bad" ]
lt "$t" build
check "after the change: nothing to do" grep -q 'nothing to do' "$tmp/out"

# ---- -j 1 and -j 4 ----------------------------------------------------------
newtree "$tmp/j1"
newtree "$tmp/j4"
lt "$tmp/j1" build -j 1
rc1=$rc
cp "$tmp/out" "$tmp/j1/out"
lt "$tmp/j4" build -j4
check "-j 1 and -j 4 both succeed, each rebuilding 5 plans" \
	sh -c "[ $rc1 = 0 ] && [ $rc = 0 ] && grep -q 'rebuilt 5, up to date 0, failed 0' '$tmp/j1/out' && grep -q 'rebuilt 5, up to date 0, failed 0' '$tmp/out'"
check "-j 1 and -j 4 outputs byte-identical" diff -r -x .lantian "$tmp/j1/output" "$tmp/j4/output"
lt "$tmp/j4" build --force -j 3
check "--force rebuilds every plan" grep -q 'rebuilt 5, up to date 0' "$tmp/out"
check "--force writes no unchanged file" grep -q '写入 0 个文件' "$tmp/out"
lt "$tmp/j4" build -j 0
check "-j 0 is a usage error naming -j" exits 2 '^lantian: -j 需要 1 到 1024 之间的整数' "$tmp/err"
lt "$tmp/j4" build --bogus
check "unknown option is a usage error naming it, with the usage" \
	sh -c "[ $rc = 2 ] && grep -q \"^lantian build: 未知选项 '--bogus'\" '$tmp/err' && grep -q '^用法: lantian build' '$tmp/err'"

# ---- a deleted and a hand-edited output --------------------------------------
rm "$t/output/xml/boai-2023.xml"
echo '{}' >"$t/output/json/xiaye-2023.json"
lt "$t" build --explain
check "deleted output: rebuilt, named as written" \
	sh -c "[ $rc = 0 ] && [ -s '$t/output/xml/boai-2023.xml' ] && grep -q '写入 (wrote) output/xml/boai-2023.xml' '$tmp/out'"
check "deleted output: --explain says missing output" \
	grep -q 'explain: output/xml/boai-2023.xml: .*(missing output)' "$tmp/out"
check "edited output: --explain says changed outside lantian" \
	grep -q 'explain: output/json/xiaye-2023.json: .*(output changed outside lantian)' "$tmp/out"
check "edited output: restored" sh -c "[ \"\$(cat '$t/output/json/xiaye-2023.json')\" != '{}' ]"

# ---- a corrupt plan text -----------------------------------------------------
cp "$t/output/xml/xiaye-2023.xml" "$tmp/xiaye-good.xml"
stat -c '%.9Y %i' "$t/output/xml/xiaye-2023.xml" >"$tmp/xiaye-stat"
head -c 3000 /bin/sh >"$t/plans/xiaye-2023/plan.txt"
sed -i '0,/蓝天/s//晴空/' "$t/plans/boai-2023/plan.txt"
lt "$t" build
check "corrupt plan: exit 1 with an error" exits 1 '错误' "$tmp/err"
check "corrupt plan: message names the file" grep -q '^plans/xiaye-2023/plan.txt.*错误' "$tmp/err"
check "corrupt plan: old output still there and unchanged" cmp -s "$tmp/xiaye-good.xml" "$t/output/xml/xiaye-2023.xml"
check "corrupt plan: old output not rewritten" \
	[ "$(stat -c '%.9Y %i' "$t/output/xml/xiaye-2023.xml")" = "$(cat "$tmp/xiaye-stat")" ]
check "corrupt plan: the other changed plan is still built" grep -q 'rebuilt 1, up to date 3, failed 1)' "$tmp/out"
check "corrupt plan: summary counts the failure" grep -q 'failed 1)' "$tmp/out"
lt "$t" build
check "corrupt plan: still failing on the next build, naming the file" \
	exits 1 '^plans/xiaye-2023/plan.txt.*错误' "$tmp/err"
cp "$root/plans/xiaye-2023/plan.txt" "$t/plans/xiaye-2023/plan.txt"
lt "$t" build
check "corrupt plan repaired: exit 0, its XML as before the damage" \
	sh -c "[ $rc = 0 ] && cmp -s '$tmp/xiaye-good.xml' '$t/output/xml/xiaye-2023.xml'"

# ---- check -------------------------------------------------------------------
lt "$t" check
check "check on good plans: exit 0, summary line, no error" \
	sh -c "[ $rc = 0 ] && grep -q '^lantian check: 5 个方案' '$tmp/out' && ! grep -q ': 错误:' '$tmp/err'"
snapshot "$t" >"$tmp/snap5"
cp "$t/plans/xiping-2025/plan.conf" "$tmp/xiping.conf"
printf 'source = plan.txt\nplace = 西平县\nlevel = 村\ncolour = blue\n' >"$t/plans/xiping-2025/plan.conf"
lt "$t" check
check "check with bad plan.conf: exit 1 with an error" exits 1 '错误' "$tmp/err"
check "check names plan.conf:3 (bad level)" grep -q '^plans/xiping-2025/plan.conf:3: 错误: .*bad level' "$tmp/err"
check "check names plan.conf:4 (unknown key)" grep -q '^plans/xiping-2025/plan.conf:4: 错误: .*unknown key' "$tmp/err"
snapshot "$t" >"$tmp/snap6"
check "check writes nothing" cmp -s "$tmp/snap5" "$tmp/snap6"
lt "$t" build
check "build with bad plan.conf: exit 1 with file:line" \
	exits 1 '^plans/xiping-2025/plan.conf:3: 错误: .*bad level' "$tmp/err"
check "build with bad plan.conf: its outputs kept" [ -s "$t/output/xml/xiping-2025.xml" ]
printf 'id = ../../etc\nsource = /etc/passwd\nplace = 西平县\nlevel = 县\n' >"$t/plans/xiping-2025/plan.conf"
lt "$t" check
check "check refuses an unsafe id (plan.conf:1)" exits 1 '^plans/xiping-2025/plan.conf:1: 错误: .*bad id' "$tmp/err"
check "check refuses an unsafe source (plan.conf:2)" exits 1 '^plans/xiping-2025/plan.conf:2: 错误: .*escapes' "$tmp/err"
printf 'id = boai-2023\nsource = plan.txt\nplace = 西平县\nlevel = 县\n' >"$t/plans/xiping-2025/plan.conf"
lt "$t" check
check "check refuses a duplicate id (plan.conf:1)" exits 1 '^plans/xiping-2025/plan.conf:1: 错误: .*duplicate id' "$tmp/err"
cp "$tmp/xiping.conf" "$t/plans/xiping-2025/plan.conf"

# ---- another generator ----------------------------------------------------------
# Rewrite the state as if an older generator had built everything: 195
# outputs (13 plan and registry, 5 accepted plan texts in output/source,
# 30 merged, 3 x 37 area, 36 rankings; with a valid checksum, so it is not
# treated as corrupt).
st=$t/output/.lantian/state
sed -i -e '$d' -e 's/^\(output [0-9a-f]* \)[^ ]*/\1old-generator/' "$st"
printf 'end %08x\n' "$(python3 -c 'import sys, zlib; print(zlib.crc32(sys.stdin.buffer.read()))' <"$st")" >>"$st"
lt "$t" build --explain
check "generator changed: every output explained" \
	[ "$(grep -c '(generator changed)' "$tmp/out")" = 195 ]
check "generator changed: all rebuilt, identical files not rewritten" \
	grep -q '写入 0 个文件，195 个内容未变' "$tmp/out"
check "generator changed: no corrupt-state note" sh -c "! grep -q 'state unusable' '$tmp/err'"

# ---- corrupt state, -C --------------------------------------------------------
printf 'lantian-state 2\nnot what it should be\n' >"$t/output/.lantian/state"
lt "$t" build
check "corrupt state: rebuild with a note, exit 0" exits 0 '^output/.lantian/state: 提示: .*rebuilding everything' "$tmp/err"
check "corrupt state: a valid state written again" has '^lantian-state 2$' "$t/output/.lantian/state"
lt "$t" build
check "after corrupt state: nothing to do" grep -q 'nothing to do' "$tmp/out"
# A state of another format version (an older lantian): rebuild
# everything, rewriting nothing whose content is the same; never a crash.
sed -i -e '1s/.*/lantian-state 0/' "$t/output/.lantian/state"
snapshot "$t" >"$tmp/snap7"
lt "$t" build
check "state of another version: rebuild with a note, exit 0" \
	exits 0 '^output/.lantian/state: 提示: .*another format version.*rebuilding everything' "$tmp/err"
check "state of another version: all 195 outputs rebuilt, none rewritten" \
	grep -q '写入 0 个文件，195 个内容未变' "$tmp/out"
snapshot "$t" >"$tmp/snap8"
check "state of another version: outputs untouched" cmp -s "$tmp/snap7" "$tmp/snap8"
check "state of another version: current version written" \
	grep -q '^lantian-state 2$' "$t/output/.lantian/state"
lt "$tmp" -C "$t" build
check "-C DIR builds DIR (nothing to do there, 5 plans)" exits 0 'nothing to do.*5 个方案' "$tmp/out"
lt "$tmp" build
check "no plans/ here: exit 1 naming plans" exits 1 '^plans: 错误: 无法打开方案目录' "$tmp/err"
check "no plans/ here: no output written" absent "$tmp/output"

# ---- a removed plan -----------------------------------------------------------
rm -r "$t/plans/nanyang-2024-2025"
lt "$t" build
check "removed plan: exit 0, 4 plans up to date" exits 0 'rebuilt 0, up to date 4, failed 0' "$tmp/out"
check "removed plan: its XML, JSON and merged months are gone" \
	absent "$t/output/xml/nanyang-2024-2025.xml" "$t/output/json/nanyang-2024-2025.json" \
	"$t/output/merged/nanyang-2024-2025"
check "removed plan: each removal is named" \
	sh -c "grep -q 'removed stale output) output/xml/nanyang-2024-2025.xml' '$tmp/out' &&
	    grep -q 'removed stale output) output/json/nanyang-2024-2025.json' '$tmp/out' &&
	    [ \$(grep -c 'removed stale output) output/merged/nanyang-2024-2025/' '$tmp/out') = 6 ]"
check "removed plan: index.json lists the 4 others, not it" \
	sh -c "[ \$(grep -c '\"id\"' '$t/output/json/index.json') = 4 ] && ! grep -q nanyang-2024-2025 '$t/output/json/index.json'"
check "removed plan: the unit registry no longer refers to it" lacks 'nanyang-2024-2025' "$t/output/xml/units.xml"

# ---- a killed build ------------------------------------------------------------
# 40 plans; kill -9 the build part way. Whenever the kill lands, every
# output present must be complete (equal to a clean build's), and the next
# build must finish the job and match the clean build exactly.
k=$tmp/killed
mkdir -p "$k/plans"
# (Plan folders only: no station table, so no `stations`; ledgers only in
# the first copy, which gives 30 merged outputs without air quality.)
for i in $(seq 1 8); do
	for p in "$root"/plans/*/; do
		[ -f "$p/plan.conf" ] || continue
		id=$(basename "$p")-$i
		cp -r "$p" "$k/plans/$id"
		sed -i '/^stations/d' "$k/plans/$id/plan.conf"
		[ "$i" = 1 ] || rm -rf "$k/plans/$id/ledgers"
	done
done
cp -r "$k" "$tmp/clean"
lt "$tmp/clean" build -q -j 2
check "clean build of the 40 plans: exit 0, quiet" sh -c "[ $rc = 0 ] && [ ! -s '$tmp/err' ]"
(cd "$k" && exec "$LANTIAN" build -q -j 2) >/dev/null 2>&1 &
pid=$!
# Kill only once the build is under way: its running marker exists (the
# build has begun writing), then a little later, while it still runs.
i=0
while [ ! -e "$k/output/.lantian/running" ] && [ $i -lt 1500 ]; do
	sleep 0.02
	i=$((i + 1))
done
sleep 0.1
alive=no
kill -0 $pid 2>/dev/null && [ -e "$k/output/.lantian/running" ] && alive=yes
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
krc=$?
nout=$(cd "$k" && find output/xml output/json output/merged -type f ! -name '.*' 2>/dev/null | wc -l)
nclean=$(cd "$tmp/clean" && find output/xml output/json output/merged -type f | wc -l)
check "the kill landed mid-build (running, marker present, SIGKILL; $nout of $nclean outputs)" \
	sh -c "[ $alive = yes ] && [ $krc = 137 ] && [ -e '$k/output/.lantian/running' ] && [ $nout -lt $nclean ]"
partial=
# (.NAME.tmpXXXXXX files are the killed build's temp files, not outputs.)
for f in $(cd "$k" && find output/xml output/json output/merged -type f ! -name '.*' 2>/dev/null); do
	cmp -s "$k/$f" "$tmp/clean/$f" || partial="$partial $f"
done
check "killed build leaves only complete outputs${partial:+:$partial}" [ -z "$partial" ]
lt "$k" build -q -j 2
check "build after a killed build: exit 0, the running marker gone" \
	sh -c "[ $rc = 0 ] && [ ! -e '$k/output/.lantian/running' ]"
check "build after a killed build matches a clean build (no temp files)" \
	diff -r -x .lantian "$tmp/clean/output" "$k/output"

cli_summary
