#!/bin/sh
# Run every tests/cli_*.sh (whole-program tests of the command line) with
# $LANTIAN pointing at the binary under test. Each prints "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
LANTIAN=$(cd "$(dirname "${LANTIAN:-./lantian}")" && pwd)/$(basename "${LANTIAN:-./lantian}")
export LANTIAN
# Also cli_stale.sh and cli_hostile.sh (issue 17), found by the glob below.
status=0
for t in "$here"/cli_*.sh; do
	[ -f "$t" ] || continue
	echo "== $(basename "$t")"
	sh "$t" || status=1
done
exit $status
