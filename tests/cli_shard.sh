#!/bin/sh
# cli_shard.sh -- issue 13: builds that split and builds that skip.
#  - `lantian build --shard K/N`: shard 0 (areas and rankings) and shards
#    1..2 (the plans), each on its own copy of the tree as CI jobs would
#    run them, their output/ folders copied together and finished by one
#    plain build, give every output (the site included) byte for byte as
#    one unsharded build does; shard 0 builds no plan, shards 1..2 no area
#    output (they find shard 0's), no registry and no site; the combining
#    build renders only the registry and the site and removes the shard
#    states.
#  - a page depends on the templates it applies: a changed task.xsl
#    re-renders the task pages and nothing else (--explain names only
#    them), a changed layout.xsl every HTML page.
#  - a tree with monitoring data but no plans (and no fonts/) builds with
#    exit 0: air outputs, a site of the areas, no font ever opened.
# Uses $LANTIAN (absolute path); full builds use $LANTIAN_RELEASE when set.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup shard

whole=$tmp/whole
newtree "$whole"
lt_rel "$whole" build -q -j 2
check "unsharded build exits 0" [ "$rc" = 0 ]
sums "$whole" >"$tmp/whole.sums"

# Shard 0: areas and rankings only.
s0=$tmp/s0
newtree "$s0"
lt_rel "$s0" build -j 2 --shard 0/2
cp "$tmp/out" "$tmp/s0.out"
check "shard 0/2 exits 0" [ "$rc" = 0 ]
check "shard 0/2 builds no plan" has '0 个方案' "$tmp/s0.out"
check "shard 0/2 writes the area outputs" has '地区输出 [0-9]* 个：重建 [1-9]' "$tmp/s0.out"
check "shard 0/2 writes no plan model, registry or site" absent "$s0/output/xml" "$s0/output/site" "$s0/output/bulletin"
check "shard 0/2 saves its own state" has '' "$s0/output/.lantian/shard-0-of-2.state"

for k in 1 2; do
	sk=$tmp/s$k
	newtree "$sk"
	cp -r "$s0/output" "$sk/"
	lt_rel "$sk" build -j 2 --shard $k/2
	cp "$tmp/out" "$tmp/s$k.out"
	check "shard $k/2 exits 0" [ "$rc" = 0 ]
	check "shard $k/2 rebuilds no area output or ranking (shard 0's are up to date)" \
	    has '地区输出 [0-9]* 个：重建 0 个.*排名 [0-9]* 个：重建 0 个' "$tmp/s$k.out"
	check "shard $k/2 writes no registry and no site" absent "$sk/output/xml/units.xml" "$sk/output/site"
done
# Round-robin over the sorted plan folders: boai-2023 nanyang-2024-2025
# nanzhao-2024 xiaye-2023 xiping-2025 -> 1: 1st, 3rd, 5th; 2: 2nd, 4th.
shard_plans() { ls "$1/output/xml" | tr '\n' ' '; }
check "shard 1/2 builds the 1st, 3rd and 5th plan folders" \
    [ "$(shard_plans "$tmp/s1")" = "boai-2023.xml nanzhao-2024.xml xiping-2025.xml " ]
check "shard 2/2 builds the 2nd and 4th" \
    [ "$(shard_plans "$tmp/s2")" = "nanyang-2024-2025.xml xiaye-2023.xml " ]

comb=$tmp/comb
newtree "$comb"
for k in 0 1 2; do cp -r "$tmp/s$k/output" "$comb/"; done
lt_rel "$comb" build -j 2
cp "$tmp/out" "$tmp/comb.out"
check "combining build exits 0" [ "$rc" = 0 ]
check "combining build rebuilds no plan" has '重建 0 个方案' "$tmp/comb.out"
check "combining build rebuilds no bulletin" has '通报 [0-9]* 份：重建 0 份' "$tmp/comb.out"
sums "$comb" >"$tmp/comb.sums"
check "shards combined give every output of the unsharded build, byte for byte" \
    cmp "$tmp/whole.sums" "$tmp/comb.sums"
check "the combined output has the site" has '' "$comb/output/site/index.html"
check "the combining build removes the shard states" absent \
    "$comb/output/.lantian/shard-0-of-2.state" "$comb/output/.lantian/shard-1-of-2.state"

# ---- per-template dependencies -----------------------------------------
t=$whole
sleep 1.1  # the stat cache trusts a file a second older than its hash
lt_rel "$t" build -q -j 2
echo '<!-- changed -->' >>"$t/templates/site/task.xsl"
lt_rel "$t" build -j 2 --explain
cp "$tmp/out" "$tmp/task.out"
ntask=$(find "$t/output/site/plans" -path '*/tasks/*.html' | wc -l)
only_tasks() {
	grep 'explain: output/site/' "$tmp/task.out" >"$tmp/task.pages"
	[ "$(wc -l <"$tmp/task.pages")" -eq "$ntask" ] &&
	    [ "$ntask" -gt 0 ] &&
	    ! grep -v '/tasks/[0-9]*\.html: .*templates/site/task\.xsl' "$tmp/task.pages"
}
check "a changed task.xsl re-renders the $ntask task pages and no other page" only_tasks
check "the build says so" has "网站页面 [0-9]* 个：重建 $ntask 个" "$tmp/task.out"
echo '<!-- changed -->' >>"$t/templates/site/layout.xsl"
lt_rel "$t" build -j 2
nhtml=$(find "$t/output/site" -name '*.html' | wc -l)
check "a changed layout.xsl re-renders every HTML page ($nhtml)" has "网站页面 [0-9]* 个：重建 $nhtml 个" "$tmp/out"

# ---- a tree with monitoring data and no plans ---------------------------
m=$tmp/mon
mkdir -p "$m/plans" "$m/templates"

{ head -n 1 "$root/plans/stations.csv"; grep ',monitoring/nanyang$' "$root/plans/stations.csv"; } >"$m/plans/stations.csv"
mkdir -p "$m/plans/monitoring"
cp -r "$root/plans/monitoring/nanyang" "$m/plans/monitoring/"
cp -r "$root/templates/site" "$root/templates/layouts" "$m/templates/"
lt_rel "$m" build -j 2
check "monitoring data without plans (and without fonts/) builds with exit 0" [ "$rc" = 0 ]
check "... and writes the area's outputs" has '' "$m/output/air/nanyang/index.xml"
check "... and a site of the areas" has 'nanyang' "$m/output/site/air/index.html"
check "... and says no error" lacks '错误' "$tmp/err"
check "... and never opens the fonts" absent "$m/output/.lantian/fontconfig"

cli_summary
