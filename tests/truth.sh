#!/bin/sh
# The parser against the hand-checked truth files, field by field
# (tests/truth_check.py), and against the scorer shipped with them
# (tests/score_parser.py, which must report 100%); and the same plans read
# from Word .docx files whose numbers are Word automatic numbering, and from
# those printed to PDF (running header, page numbers, hard wraps).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
LANTIAN=${LANTIAN:-$root/lantian}
status=0
echo "== truth files (tests/truth_check.py)"
python3 "$here/truth_check.py" "$LANTIAN" "$here/truth" "$root/plans" || status=1
echo "== truth files, the plans as Word .docx (tests/data/docx, built by tests/prep/make_docx.py)"
python3 "$here/truth_check.py" "$LANTIAN" "$here/truth" "$root/plans" "$here/data/docx/%s.docx" || status=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== truth files, the plans as PDF (the .docx printed by tests/prep/make_pdf.c)"
MAKE_PDF=${MAKE_PDF:-$root/build/release/prep/make_pdf}
mkdir "$tmp/pdf"
for f in "$here"/data/docx/*.docx; do
	"$MAKE_PDF" "$f" "$tmp/pdf/$(basename "$f" .docx).pdf" || { echo "FAIL: cannot print $f"; status=1; }
done
python3 "$here/truth_check.py" "$LANTIAN" "$here/truth" "$root/plans" "$tmp/pdf/%s.pdf" || status=1
echo "== truth files (tests/score_parser.py)"
for d in "$root"/plans/*/; do
	id=$(basename "$d")
	[ -f "$here/truth/$id.truth.json" ] && cp "$d/plan.txt" "$tmp/$id.txt"
done
score=$(python3 "$here/score_parser.py" "$LANTIAN" "$here/truth" "$tmp" | tail -1)
echo "$score"
case "$score" in
*"(100.0%)") echo "1 passed, 0 failed" ;;
*) echo "0 passed, 1 failed"; status=1 ;;
esac
exit $status
