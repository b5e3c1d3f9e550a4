#!/bin/bash
# The labeled crash corpora (tests/corpus, tests/corpus-6.12) are well
# formed: manifest.tsv has one row per finished case and agrees with its
# label.json; a bundle case's cause/symptom seqs are records of its bundle;
# a text case's cause/symptom lines are lines of its log.txt, the first
# cause line is a kernel line (printk time), and logsage analyze reads the
# log.txt and finds a crash in it.
set -u
BUILD=${BUILD:-build/san}
L=$BUILD/logsage
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

HEAD=$(printf '%s\t' case class variant kernel seed split cause_seqs \
	symptom_seqs cause_is_symptom cause_lines)symptom_lines

# expand "a-b,c" to one number a line
expand() {
	local r a b
	for r in ${1//,/ }; do
		a=${r%-*}
		b=${r#*-}
		seq "$a" "$b"
	done
}

# check_bundle DIR CASE CAUSE SYMPTOM LINES: seqs present in the bundle's log
check_bundle() {
	local d=$1 c=$2
	[ -z "$5" ] || bad "$c: bundle case with cause_lines"
	[ -n "$3" ] || bad "$c: no cause_seqs"
	zstd -qdc "$d/bundle.zst" | jq '.log[].seq' | sort > "$tmp/have" ||
		{ bad "$c: bundle.zst unreadable"; return; }
	{ expand "$3"; expand "$4"; } | sort > "$tmp/want"
	[ -z "$(comm -13 "$tmp/have" "$tmp/want")" ] ||
		bad "$c: label seqs not in the bundle's log"
}

# check_text DIR CASE SEQS SYMPTOM_SEQS CAUSE SYMPTOM
check_text() {
	local d=$1 c=$2 n max first
	[ -z "$3$4" ] || bad "$c: text case with cause_seqs"
	[ -n "$5" ] || { bad "$c: no cause_lines"; return; }
	n=$(wc -l < "$d/log.txt")
	max=$({ expand "$5"; expand "$6"; } | sort -n | tail -1)
	[ "$max" -lt "$n" ] || bad "$c: line $max past the end of log.txt ($n)"
	first=$(expand "$5" | head -1)
	sed -n "$((first + 1))p" "$d/log.txt" | grep -Eq '^\[ *[0-9]+\.[0-9]{6}\] ' ||
		bad "$c: cause line $first is not a kernel line"
	"$L" analyze --json "$d/log.txt" > "$tmp/a.json" ||
		{ bad "$c: logsage analyze log.txt failed"; return; }
	[ "$(jq -r '.title // ""' "$tmp/a.json")" != "" ] || bad "$c: no title"
	[ "$(jq '[.events[] | select(.fatal)] | length' "$tmp/a.json")" -ge 1 ] ||
		bad "$c: no fatal event"
}

for corpus in tests/corpus tests/corpus-6.12; do
	m=$corpus/manifest.tsv
	[ -f "$m" ] || { bad "$m missing"; continue; }
	[ "$(head -1 "$m")" = "$HEAD" ] || bad "$m: header $(head -1 "$m")"
	rows=0 texts=0
	# not IFS=tab: white space would fold the empty columns
	while IFS=$'\037' read -r c cls var kern seed split cs ss cis cl sl; do
		rows=$((rows + 1))
		d=$corpus/cases/$c
		[ -f "$d/label.json" ] || { bad "$c: no label.json"; continue; }
		[ "$(jq -r '[.case, .class, .variant, .kernel, .seed, .split,
			.cause_is_symptom] | map(tostring) | join(" ")' \
			"$d/label.json")" = "$c $cls $var $kern $seed $split $cis" ] ||
			bad "$c: manifest row and label.json differ"
		if [ -f "$d/log.txt" ]; then
			texts=$((texts + 1))
			check_text "$d" "$c" "$cs" "$ss" "$cl" "$sl"
		else
			check_bundle "$d" "$c" "$cs" "$ss" "$cl"
		fi
	done < <(tail -n +2 "$m" | tr '\t' '\037')
	dirs=$(find "$corpus/cases" -mindepth 2 -maxdepth 2 -name label.json | wc -l)
	[ "$rows" = "$dirs" ] || bad "$m: $rows rows, $dirs cases"
	echo "$corpus: $rows cases, $texts text logs"
done
# a text case for every class on the held-out kernel
[ "$(awk -F'\t' '$1 ~ /-txt$/ { print $2 }' tests/corpus-6.12/manifest.tsv |
	sort -u | wc -l)" = 13 ] || bad "corpus-6.12: a class has no text case"
exit $fail
