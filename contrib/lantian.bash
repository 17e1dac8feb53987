# bash completion for lantian -- installed by `make install` as
# PREFIX/share/bash-completion/completions/lantian.
#
# Commands and options are read from lantian's own help (`lantian --help`,
# `lantian COMMAND --help`), so this file never falls behind the program;
# plan ids are the folders of plans/ holding a plan.conf, months the
# YYYY-MM names under a plan's ledgers/.

_lantian_commands() {
	"$1" --help 2>/dev/null | awk '
		/^(Commands|命令)/ { on = 1; next }
		on && /^$/ { exit }
		on && /^  [a-z]/ { print $1 }'
}

_lantian_options() {
	"$1" "$2" --help 2>/dev/null |
	    grep -oE '(^|[[ ,])--?[a-zA-Z][a-zA-Z-]*=?' | sed -E 's/^[[ ,]//' |
	    sort -u
}

_lantian_tree() { # the publication tree: -C DIR when given
	local i
	for ((i = 1; i < COMP_CWORD; i++)); do
		if [[ ${COMP_WORDS[i]} == -C ]]; then
			printf '%s\n' "${COMP_WORDS[i + 1]}"
			return
		fi
	done
	printf '.\n'
}

_lantian_plans() {
	local t d
	t=$(_lantian_tree)
	for d in "$t"/plans/*/plan.conf; do
		[[ -f $d ]] || continue
		d=${d%/plan.conf}
		printf '%s\n' "${d##*/}"
	done
}

_lantian_months() { # PLAN
	local t f m
	t=$(_lantian_tree)
	for f in "$t/plans/$1/ledgers"/*; do
		m=${f##*/}
		m=${m%%.*}
		[[ $m =~ ^[0-9]{4}-[0-9]{2}$ ]] && printf '%s\n' "$m"
	done | sort -u
}

_lantian() {
	local cur prev prog cmd i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	prog=${COMP_WORDS[0]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-C) ((i++)) ;;
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done
	COMPREPLY=()
	if [[ $prev == -C ]]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '-C -h --help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_lantian_commands "$prog")" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(_lantian_options "$prog" "$cmd")" -- "$cur"))
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	# --format=F arrives as three words: --format, =, F.
	if [[ $prev == = && ${COMP_WORDS[COMP_CWORD - 2]} == --format ]]; then
		prev=--format
	fi
	case $prev in
	--format) COMPREPLY=($(compgen -W 'text json github gitlab' -- "$cur")); return ;;
	--plan|-o) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	case $cmd in
	parse|bulletin|typeset|init)
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	*)
		# PLAN, then YYYY-MM of that plan (lantian issue|ledger|status).
		local words=() w
		for ((i = i + 1; i < COMP_CWORD; i++)); do
			w=${COMP_WORDS[i]}
			[[ $w == -* ]] || words+=("$w")
		done
		if ((${#words[@]} == 0)); then
			COMPREPLY=($(compgen -W "$(_lantian_plans)" -- "$cur"))
		elif ((${#words[@]} == 1)); then
			COMPREPLY=($(compgen -W "$(_lantian_months "${words[0]}")" -- "$cur"))
		fi ;;
	esac
}
complete -F _lantian lantian
