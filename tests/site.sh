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
#      are found, and checks hostile data shows as text.
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
if [ ! -d "$sdir/node_modules/html-validate" ] || [ ! -d "$sdir/node_modules/playwright-core" ]; then
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
	check "browser: key pages, screenshots, unit search, hostile data" [ "${PIPESTATUS[0]}" -eq 0 ]
fi

cli_summary
