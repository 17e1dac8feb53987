#!/bin/sh
# tests/layers.sh -- make check's include-graph test (tests/layers.py):
# generator/ has no cycle between modules, no include that runs up or
# sideways, and every file sits in a layer's folder. Then the checker is
# shown to fail, on scratch copies of generator/, for each kind of fault
# a newcomer could bring: an upward include, a cycle, a sibling include,
# a file outside every layer, an internal header used from outside.
. "$(dirname "$0")/lib_cli.sh"
cli_setup layers
py=$root/tests/layers.py

# rejects NAME PATTERN: the checker run on $tmp/g exits 1 and says PATTERN.
rejects() {
	python3 "$py" "$tmp/g" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	exits 1 "$1" "$tmp/out"
}
# fresh: a scratch copy of generator/.
fresh() {
	rm -rf "$tmp/g"
	cp -r "$root/generator" "$tmp/g"
}

python3 "$py" "$root/generator" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "generator/: no cycle, no upward or sideways include, every file placed" \
	exits 0 '^layers: .* no cycle, none upward or sideways$' "$tmp/out"

# util/buf.c including the build engine's header: an upward include.
fresh
printf '#include "build.h"\n' >>"$tmp/g/util/buf.c"
check "an upward include (util/buf.c -> build/build.h) is refused, with file:line" \
	rejects 'util/buf.c:[0-9]*: #include "build.h" runs up: util (layer 0) includes build (layer 8)'

# plan.c including plan_parse.h (which includes plan.h): a cycle inside a layer.
fresh
printf '#include "plan_parse.h"\n' >>"$tmp/g/plan/plan.c"
check "a cycle between two modules of one layer is refused" \
	rejects 'cycle between modules: plan <-> .*plan_parse'

# The site including the bulletin: siblings of one rank.
fresh
printf '#include "bulletin.h"\n' >>"$tmp/g/render/site/site.c"
check "a sibling include (render/site -> render/pdf) is refused" \
	rejects 'render/site/site.c:[0-9]*: #include "bulletin.h" runs sideways'

# A new file left at the top of generator/, and one in a new folder.
fresh
printf '/* new */\n' >"$tmp/g/newstage.c"
mkdir "$tmp/g/misc"
printf '/* new */\n' >"$tmp/g/misc/helper.h"
check "a file at the top of generator/ must be placed" \
	rejects '^layers: newstage.c: not in a layer'"'"'s folder'
check "a file in a folder that is no layer must be placed" \
	has '^layers: misc/helper.h: not in a layer'"'"'s folder' "$tmp/out"

# The typesetter's internal header used by the bulletin.
fresh
printf '#include "typeset_int.h"\n' >>"$tmp/g/render/pdf/bulletin.c"
check "an internal header (typeset_int.h) used outside its package is refused" \
	rejects 'render/pdf/bulletin.c:[0-9]*: #include "typeset_int.h": internal to typeset'

# A header that does not exist, and two files of one name.
fresh
printf '#include "nosuch.h"\n' >>"$tmp/g/util/util.c"
cp "$tmp/g/util/hash.h" "$tmp/g/read/hash.h"
check "an include that names no file of generator/ is refused" \
	rejects 'util/util.c:[0-9]*: #include "nosuch.h" names no file'
check "two files of one name in different folders are refused" \
	has 'same name as' "$tmp/out"

cli_summary
