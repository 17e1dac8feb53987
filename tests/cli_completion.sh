#!/bin/sh
# cli_completion.sh -- the bash completion (contrib/lantian.bash): commands
# and options come from lantian's own help, plan ids from plans/, months
# from a plan's ledgers; run in a real bash with the words a user types.
# Uses $LANTIAN (absolute path). Prints "N passed, N failed" last.
set -u

. "$(dirname "$0")/lib_cli.sh"
cli_setup completion

t=$tmp/tree
newtree "$t"
bin=$tmp/bin
mkdir -p "$bin"
ln -s "$LANTIAN" "$bin/lantian"

# complete WORD...: the completions bash offers for the words (the last
# one is being typed), one a line, sorted.
complete_words() {
	PATH="$bin:$PATH" bash -c '
		. "$1/contrib/lantian.bash"
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_lantian
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$root" "$@"
}

complete_words lantian b >"$tmp/out"
check "command names: build and bulletin for 'b'" \
	sh -c "[ \"\$(cat '$tmp/out')\" = \"\$(printf 'build\nbulletin')\" ]"
complete_words lantian "" >"$tmp/out"
check "command names: every command of 'lantian --help' (init, check, site…)" \
	sh -c "grep -qx init '$tmp/out' && grep -qx check '$tmp/out' && grep -qx site '$tmp/out'"
complete_words lantian check --w >"$tmp/out"
check "options of a command from its --help: check --werror" grep -qx -- --werror "$tmp/out"
complete_words lantian build --fo >"$tmp/out"
check "options with a value keep the =: build --format=" grep -qx -- --format= "$tmp/out"
complete_words lantian check --format = gi >"$tmp/out"
check "values of --format: github, gitlab" \
	sh -c "[ \"\$(cat '$tmp/out')\" = \"\$(printf 'github\ngitlab')\" ]"
complete_words lantian -C "$t" status x >"$tmp/out"
check "plan ids of the tree given by -C: xiaye-2023, xiping-2025" \
	sh -c "[ \"\$(cat '$tmp/out')\" = \"\$(printf 'xiaye-2023\nxiping-2025')\" ]"
complete_words lantian -C "$t" status xiaye-2023 2023-0 >"$tmp/out"
check "months of a plan's ledgers: 2023-07 … 2023-09" \
	sh -c "[ \"\$(cat '$tmp/out')\" = \"\$(printf '2023-07\n2023-08\n2023-09')\" ]"

cli_summary
