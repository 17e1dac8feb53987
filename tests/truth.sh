#!/bin/sh
# The parser against the hand-checked truth files, field by field
# (tests/truth_check.py), and against the scorer shipped with them
# (tests/score_parser.py, which must report 100%); and the same plans read
# from Word .docx files whose numbers are Word automatic numbering.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
LANTIAN=${LANTIAN:-$root/lantian}
status=0
echo "== truth files (tests/truth_check.py)"
python3 "$here/truth_check.py" "$LANTIAN" "$here/truth" "$root/plans" || status=1
echo "== truth files, the plans as Word .docx (tests/data/docx, built by tests/prep/make_docx.py)"
python3 "$here/truth_check.py" "$LANTIAN" "$here/truth" "$root/plans" "$here/data/docx/%s.docx" || status=1
echo "== truth files (tests/score_parser.py)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
