#!/bin/bash
# site.sh -- the static site tested as a person would use it (issue 6):
#   1. self-tests: each checker fails on tests/site/fixture-broken/ (a
#      broken link, a bad #fragment, an absolute and an external URL, an
#      orphan page, invalid HTML, a script error) and passes on
#      tests/site/fixture/, so a green run means something;
#   2. links.py over the site: internal links and fragments resolve, no
#      orphan page, no absolute or external URL, lang and headings;
#   3. html-validate (npm, pinned in tests/site/package-lock.json) over
#      every page, rules in tests/site/.htmlvalidate.json;
#   4. browser.mjs: headless chromium loads the key pages from file://
#      with no console error, screenshots them at desktop and phone width
#      into build/site-screens/, searches for a unit and checks its tasks
#      are found;
#   5. hostile data: a publication built here from a copy of nanzhao-2024
#      whose plan.conf title, a section heading, a task title, a unit
#      name, a ledger report and the commentary carry <script> and
#      <img onerror> markup; hostile.mjs opens every page kind in chromium
#      and asserts the markup shows as text and makes no element and runs
#      nothing. First shown to fail on a copy with one page's escaping
#      undone.
#
#   tests/site.sh [SITE-DIR]       default output/site
# Environment: SITE_UNIT (unit to search for), CHROMIUM (the browser,
# default /usr/bin/chromium), SITE_SCREENS (default build/site-screens).
# Installs the npm packages with `npm ci` when tests/site/node_modules is
# missing. Prints "N passed, N failed"; exit status 1 on a failure.
. "$(dirname "$0")/lib_cli.sh"
cli_setup site
cd "$root" || exit 1

site=${1:-output/site}
sdir=tests/site
screens=${SITE_SCREENS:-build/site-screens}
unit=${SITE_UNIT:-南召县工业和信息化局}
: "${CHROMIUM:=/usr/bin/chromium}"
export CHROMIUM

# Output of the last step, shown by not_ok.
run() { "$@" >"$tmp/out" 2>"$tmp/err"; }

# ---- tools ---------------------------------------------------------------
have_node=1
if [ ! -d "$sdir/node_modules/html-validate" ] || [ ! -d "$sdir/node_modules/playwright-core" ] || [ ! -d "$sdir/node_modules/axe-core" ]; then
	if ! command -v npm >/dev/null; then
		have_node=0
		not_ok "npm packages installed" "npm is not installed: install nodejs and npm (Debian: apt-get install nodejs npm), then run: cd $sdir && npm ci"
	elif run sh -c "cd '$sdir' && npm ci --no-audit --no-fund"; then
		ok "npm ci in $sdir"
	else
		have_node=0
		not_ok "npm ci in $sdir" "could not install the pinned packages (offline? the npm registry must be reachable once; afterwards node_modules is reused)"
	fi
fi
have_browser=$have_node
if [ ! -x "$CHROMIUM" ]; then
	have_browser=0
	not_ok "chromium present" "no browser at $CHROMIUM (Debian: apt-get install chromium)"
fi
hv="$sdir/node_modules/.bin/html-validate"

# ---- 1. the checkers can fail ----------------------------------------------
run python3 $sdir/links.py $sdir/fixture
check "links.py passes the good fixture" [ $? -eq 0 ]
run python3 $sdir/links.py $sdir/fixture-broken
rc=$?
missing=$(grep -vxF '' $sdir/fixture-broken.expected | while IFS= read -r want; do
	grep -qF "problem: $want" "$tmp/out" || echo "$want"; done)
if [ $rc -eq 1 ] && [ -z "$missing" ]; then
	ok "links.py finds every planted problem in the broken fixture"
else
	not_ok "links.py finds every planted problem in the broken fixture" "exit $rc; not found: $missing"
fi
if [ $have_node = 1 ]; then
	run "$hv" --config $sdir/.htmlvalidate.json "$sdir/fixture/**/*.html"
	check "html-validate passes the good fixture" [ $? -eq 0 ]
	run "$hv" --config $sdir/.htmlvalidate.json $sdir/fixture-broken/page.html
	if [ $? -ne 0 ] && grep -q no-dup-id "$tmp/out" && grep -q element-permitted-content "$tmp/out"; then
		ok "html-validate finds the invalid HTML in the broken fixture"
	else
		not_ok "html-validate finds the invalid HTML in the broken fixture" "no error reported"
	fi
fi
if [ $have_browser = 1 ]; then
	run node $sdir/browser.mjs --screens "$tmp/screens" --unit x $sdir/fixture-broken
	if [ $? -eq 1 ] && grep -q 'page error: notDefinedAnywhere' "$tmp/out" &&
	    grep -q 'request outside the site: https://cdn.example.com' "$tmp/out" &&
	    grep -q 'ERR_FILE_NOT_FOUND' "$tmp/out"; then
		ok "browser.mjs catches a script error, an external request and a missing file"
	else
		not_ok "browser.mjs catches a script error, an external request and a missing file" "not reported"
	fi
fi

# ---- 5. hostile data, on a publication built for it ------------------------
# (Before the site under test: it needs no built output/.)
hostile_tree() { # DIR: nanzhao-2024 with markup in every field the site shows
	mkdir -p "$1/plans"
	cp -r "$root/plans/nanzhao-2024" "$1/plans/"
	cp -r "$root/templates" "$root/fonts" "$1/"
	python3 - "$1/plans/nanzhao-2024" <<-'PY'
	import sys, os
	d = sys.argv[1]
	S = '<script>window.__pwned=1</script>'
	A = '<script>alert(1)</script>'
	I = '"><img src=x onerror=alert(1)>'
	# Plan text drops the presentational tags a web repost leaves (<img>,
	# <span>…: plan_repost.c), so markup there that must reach the site is
	# of another kind.
	V = '"><svg onload=alert(1)>'
	def edit(rel, pairs, keep=lambda l: True):
	    p = os.path.join(d, rel)
	    t = open(p, encoding='utf-8').read()
	    for a, b in pairs:
	        assert a in t, (rel, a)
	        t = t.replace(a, b, 1)
	    t = '\n'.join(l for l in t.split('\n') if keep(l))
	    open(p, 'w', encoding='utf-8').write(t)
	# No monitoring area: the hostile tree carries no station data.
	edit('plan.conf', [('title = 南召县2024年蓝天保卫战实施方案',
	                    'title = 南召县2024年' + A + '蓝天保卫战' + I + '实施方案')],
	     keep=lambda l: not l.startswith('stations'))
	edit('plan.txt', [('（一）减污降碳协同增效行动', '（一）减污降碳' + S + '协同增效' + V + '行动'),
	                  ('1.依法依规淘汰落后产能。', '1.依法依规淘汰' + S + V + '落后产能。')])
	edit('ledgers/2024-08.csv', [('开展落后产能排查', S + '开展落后产能排查' + I)])
	open(os.path.join(d, 'commentary/2024-08.md'), 'w', encoding='utf-8').write(
	    '# 存在问题' + S + '\n\n**重点：**正文<img src=x onerror=alert(1)>与 `' + A +
	    '` 并列。\n\n' + S + '\n\n| 单位 | 说明 |\n|---|---|\n| 县' + I + '局 | `' + A + '` |\n')
	PY
}
# A unit name with markup in a plan text holds the plan back (a suspicious
# name, plan_lint.c), so the unit page gets its markup in the model the site
# reads: the registry, then the site rendered again from output/.
unit_markup() { # DIR
	python3 - "$1/output/xml/units.xml" <<-'PY'
	import sys, re
	p = sys.argv[1]
	t = open(p, encoding='utf-8').read()
	t2 = re.sub(r'(<name>[^<]*发展改革委)(</name>)',
	            lambda m: m.group(1) + '&lt;img src=x onerror=alert(1)&gt;' + m.group(2), t, count=1)
	assert t2 != t, 'no 发展改革委 unit in units.xml'
	open(p, 'w', encoding='utf-8').write(t2)
	PY
}
hostile_tree "$tmp/hostile"
(cd "$tmp/hostile" && "$LANTIAN" build -q -j 2 && unit_markup . && "$LANTIAN" site -q) \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
hs=$tmp/hostile/output/site
check "hostile publication built (exit 0, its pages there)" \
	sh -c "[ $rc = 0 ] && [ -s '$hs/plans/nanzhao-2024/tasks/1.html' ] && [ -s '$hs/bulletins/nanzhao-2024/2024-08.html' ]"
if [ $have_browser = 1 ]; then
	# The checker can fail: the plan page with its escaping undone.
	cp -r "$hs" "$tmp/hostile-broken"
	sed -i 's/&lt;script&gt;window.__pwned=1&lt;\/script&gt;/<script>window.__pwned=1<\/script>/g; s/&lt;img src=x onerror=alert(1)&gt;/<img src=x onerror=alert(1)>/g; s/&lt;svg onload=alert(1)&gt;/<svg onload=alert(1)>/g' \
	    "$tmp/hostile-broken/plans/nanzhao-2024/index.html"
	run node $sdir/hostile.mjs "$tmp/hostile-broken"
	hrc=$?
	check "hostile.mjs catches escaping undone on one page (and only there)" \
		sh -c "[ $hrc = 1 ] && grep -q '^FAIL - plan: no element made from the data' '$tmp/out' &&
		    grep -q '^FAIL - plan: no script from the data ran' '$tmp/out' &&
		    grep -q '^FAIL - plan: no payload raw in the HTML source' '$tmp/out' &&
		    [ \$(grep -c '^FAIL' '$tmp/out') = 3 ]"
	echo "== hostile.mjs $hs"
	node $sdir/hostile.mjs "$hs" | tee "$tmp/hostile.out"
	check "hostile data on every page kind: shown as text, no element, nothing run" [ "${PIPESTATUS[0]}" -eq 0 ]
fi
: >"$tmp/out"; : >"$tmp/err"

# ---- 2-4. the site ---------------------------------------------------------
if [ ! -f "$site/index.html" ]; then
	not_ok "site present" "no $site/index.html: build it first (./lantian build, or ./lantian site)"
	cli_summary
	exit
fi
: >"$tmp/out"; : >"$tmp/err"
npages=$(find "$site" -name '*.html' | wc -l)
echo "== $site: $npages pages"

echo "== links.py $site"
python3 $sdir/links.py "$site" | tee "$tmp/links"
check "links: no broken link, orphan, absolute or external URL" [ "${PIPESTATUS[0]}" -eq 0 ]

if [ $have_node = 1 ]; then
	echo "== html-validate ($npages pages)"
	# In parallel batches: one html-validate over hundreds of pages is
	# single-threaded and takes most of this script's time.
	find "$site" -name '*.html' -print0 | sort -z |
	    xargs -0 -n 64 -P "$(nproc 2>/dev/null || echo 2)" "$hv" --config $sdir/.htmlvalidate.json >"$tmp/hv" 2>&1
	rc=$?
	nerr=$(grep -Ec '^ +[0-9]+:[0-9]+ +error' "$tmp/hv")
	if [ $rc -eq 0 ]; then
		ok "html-validate: every page valid ($npages pages)"
	else
		# The most frequent rules first, then the first messages in full.
		echo "    errors by rule:"
		grep -E '^ +[0-9]+:[0-9]+ +error' "$tmp/hv" | awk '{print $NF}' | sort | uniq -c | sort -rn | sed 's/^/    /'
		head -n 40 "$tmp/hv" | sed 's/^/    /'
		not_ok "html-validate: every page valid" "$nerr errors (first 40 lines above)"
	fi
fi

if [ $have_browser = 1 ]; then
	echo "== browser.mjs (screenshots in $screens)"
	node $sdir/browser.mjs --screens "$screens" --unit "$unit" "$site" | tee "$tmp/browser"
	check "browser: key pages, screenshots, unit search" [ "${PIPESTATUS[0]}" -eq 0 ]
fi

cli_summary
