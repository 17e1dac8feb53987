#!/bin/sh
# docs.sh -- the reference inside the repository (make check, docs-tests):
#  - every manual page (lantian.1, man/*.[1-9]) renders with groff without
#    a warning (-ww: every warning category) and passes mandoc's lint at
#    warning level;
#  - no file of the repository cites a path outside it (the reference
#    material the rules were first written from lived beside the
#    repository, in ../spec and ../shared; the rules are now the manual
#    pages: lantian-plan(5), lantian-air(7) ...), and every section of the
#    manual a comment cites ("lantian-air(7), 有效性") exists.
# Both checkers are first shown to catch a planted fault, so neither can
# pass by doing nothing.
set -u
. "$(dirname "$0")/lib_cli.sh"
cli_setup docs
cd "$root" || exit 1

# groff: man(7) pages with -man, the mdoc(7) lantian.1 with -mandoc (which
# reads both); -k runs preconv (the pages are UTF-8 Chinese).
renders_clean() { # PAGE
	case $1 in *.1) macros=-mandoc ;; *) macros=-man ;; esac
	groff -k $macros -ww -z -Tutf8 "$1" >"$tmp/out" 2>"$tmp/err" &&
	    [ ! -s "$tmp/err" ] &&
	    mandoc -T lint -W warning "$1" >"$tmp/out" 2>"$tmp/err" &&
	    [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]
}

# A path outside the repository: ../spec, ../shared, shared/<its folders>,
# spec/<file>, the spec's plan-conventions, an absolute /work/ path. Text
# files only (-I); this script names the patterns and is left out, and so
# are the npm packages the site tests install (tests/site/node_modules:
# not ours).
OUTSIDE='\.\./spec\b|\.\./shared\b|(^|[^A-Za-z_.])shared/(spec|monitoring|tools|plans)\b|(^|[^A-Za-z_/.-])spec/[A-Za-z0-9_-]+|plan-conventions|/work/'
outside_refs() { # DIR-OR-FILE...
	grep -rInE --exclude-dir=node_modules "$OUTSIDE" "$@" |
	    grep -v '^tests/docs\.sh:'
}
cites_nothing_outside() { # DIR-OR-FILE...
	outside_refs "$@" >"$tmp/out"
	[ ! -s "$tmp/out" ]
}

# A comment cites the manual as "lantian-air(7), 有效性": the page and one of
# its sections (.SH or .SS), so a renamed section cannot leave a stale
# reference behind.
section_refs() { # DIR-OR-FILE...
	grep -rhoE --exclude=docs.sh --exclude-dir=node_modules \
	    'lantian-(plan|ledger|layout|site|air)\([57]\), [^ ,.;:)（）`*"]+' "$@" |
	    grep -v ', lantian-' | sort -u
}
ref_resolves() { # "lantian-air(7), 有效性"
	page=${1%%(*} num=${1#*(} sec=${1#*, }
	num=${num%%)*}
	[ -f "man/$page.$num" ] && grep -qE "^\.S[HS] $sec\$" "man/$page.$num"
}

# ---- the checkers catch what they are for ----------------------------------
cat >"$tmp/bad.7" <<'EOF'
.TH BAD 7 2026-12-07
.SH NAME
bad \- a page with a warning
.SH DESCRIPTION
.docx is not a macro
EOF
if renders_clean "$tmp/bad.7"; then
	not_ok "planted: the render check fails a page with an unknown macro" "it passed"
else
	ok "planted: the render check fails a page with an unknown macro"
fi
mkdir -p "$tmp/tree"
printf '/* the rules: ../spec/air-quality.md §3 */\n' >"$tmp/tree/a.c"
printf '# after shared/spec/plan-conventions.md\n' >"$tmp/tree/b.sh"
printf 'see spec/bulletin.md\n' >"$tmp/tree/c.md"
printf 'lantian-air(7), 有效性; xl/sharedStrings.xml; ../plans/x.html\n' >"$tmp/tree/d.c"
outside_refs "$tmp/tree" >"$tmp/planted"
check "planted: ../spec, shared/spec and spec/*.md are found (3 files)" \
	sh -c "[ \$(cut -d: -f1 '$tmp/planted' | sort -u | wc -l) = 3 ]"
check "planted: a man page reference, sharedStrings and a site link are not" \
	sh -c "! grep -q 'd\.c:' '$tmp/planted'"

check "planted: a reference to a section of the manual resolves" \
	ref_resolves "lantian-air(7), 有效性"
if ref_resolves "lantian-air(7), 没有这一节"; then
	not_ok "planted: a reference to a missing section does not resolve" "it did"
else
	ok "planted: a reference to a missing section does not resolve"
fi

# ---- the pages ----------------------------------------------------------------
pages=$(ls lantian.1 man/*.[1-9])
check "the manual pages are there (lantian.1 and the 5 of man/)" \
	sh -c "[ \$(echo '$pages' | wc -w) = 6 ]"
for p in $pages; do
	if renders_clean "$p"; then
		ok "$p renders without a warning (groff -ww, mandoc -T lint)"
	else
		not_ok "$p renders without a warning (groff -ww, mandoc -T lint)" "see below"
	fi
done

# ---- no path outside the repository -------------------------------------------
if cites_nothing_outside generator tests README.md Makefile lantian.1 man templates plans/monitoring/README.md; then
	ok "no file cites a path outside the repository"
else
	not_ok "no file cites a path outside the repository" "$(head -5 "$tmp/out")"
fi

# ---- every section cited exists ------------------------------------------------
section_refs generator tests README.md templates plans/monitoring/README.md >"$tmp/refs"
check "the sources cite sections of the manual (at least 8 distinct)" \
	sh -c "[ \$(wc -l <'$tmp/refs') -ge 8 ]"
while IFS= read -r ref; do
	check "cited section exists: $ref" ref_resolves "$ref"
done <"$tmp/refs"

cli_summary
