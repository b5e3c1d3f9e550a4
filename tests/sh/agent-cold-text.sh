#!/bin/bash
# capture/cold-text.ld: the installed (static) agent has its cold code in a
# mapping of its own, and a full-bundle capture of every real vmcore (ELF
# and kdump-compressed) by the agent's own reader leaves none of it
# resident at exit, so that code costs no memory in the crash kernel.  The
# dumps read through libkdumpfile (arm64 ones) dlopen it, which does run
# cold code: there the check is that textres sees it.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
TEXTRES=$BUILD/tests/tools/textres
AGENT=build/logsage-capture
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

make --no-print-directory -s BUILD=build "$AGENT" 2>/dev/null
read -r start size <<<"$(readelf -SW "$AGENT" |
	awk '$2 == ".text.cold" {print $4, $6}')"
if [ -z "${start:-}" ] || [ $((0x$size)) -lt $((256 * 1024)) ]; then
	echo "FAIL: $AGENT has no .text.cold of at least 256 KiB"
	exit 1
fi
end=$((0x$start + 0x$size))
# Its own LOAD segment: fault-around never crosses a mapping's end.
readelf -lW "$AGENT" | awk '/Section to Segment/ {m = 1} m' |
	grep -qE '^ +[0-9]+ +\.text\.cold *$' ||
	bad ".text.cold shares a segment with other sections"

n=0
for d in "$LOGSAGE_CACHE"/vmcores/*/*/; do
	[ -f "$d/DONE" ] || continue
	for f in "$d"vmcore.kdump "$d"vmcore.elf; do
		c=${f#"$LOGSAGE_CACHE"/vmcores/}
		out=$("$TEXTRES" "0x$start" "$end" "$AGENT" --vmcore "$f" \
			-o "$tmp/b.zst" 2>"$tmp/err") ||
			{ bad "$c: $(cat "$tmp/err")"; continue; }
		reader=$(zstd -q -d -c "$tmp/b.zst" | jq -r .capture.reader) ||
			{ bad "$c: no valid bundle"; continue; }
		read -r cold text <<<"$out"
		if [ "$reader" = libkdumpfile ]; then
			[ "$cold" -gt 0 ] ||
				bad "$c: dlopen ran no cold code as textres sees it"
			continue
		fi
		[ "$cold" -eq 0 ] ||
			bad "$c: $cold pages of cold text resident (text $text KiB)"
		n=$((n + 1))
	done
done
[ $n -gt 0 ] || { echo "FAIL: no x86_64 vmcores (tests/vm/make-vmcores)"; exit 1; }

[ $fail -eq 0 ] && echo "$n captures by the agent's reader ran no cold code"
exit $fail
