#!/bin/bash
# Truncated vmcores: each real ELF and kdump-compressed vmcore cut at 10
# points never crashes the agent (under the sanitizers of the build) and
# gives either a partial bundle that says what is missing, or one clear
# error line; in --hook mode it always exits 0 with a bundle.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
AGENT=$BUILD/logsage-capture
export ASAN_OPTIONS=exitcode=86:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0

bad() {
	echo "FAIL: $*"
	fail=1
}

sanitizer_clean() {	# sanitizer_clean WHAT
	if grep -qE "Sanitizer|runtime error" "$tmp/err"; then
		bad "$1: $(head -c 3000 "$tmp/err")"
		return 1
	fi
}

check_cut() {	# check_cut NAME FILE
	local what=$1 f=$2 rc
	runs=$((runs + 1))
	rm -f "$tmp/b.zst"
	"$AGENT" --vmcore "$f" -o "$tmp/b.zst" 2>"$tmp/err"
	rc=$?
	sanitizer_clean "$what" || return
	case $rc in
	0)
		zstd -q -d -c "$tmp/b.zst" | jq -e '.capture.complete or
			(.capture.missing | length > 0)' >/dev/null ||
			bad "$what: partial bundle does not say what is missing"
		;;
	1)
		[ "$(wc -l <"$tmp/err")" = 1 ] ||
			bad "$what: error is not one line: $(head -c 500 "$tmp/err")"
		;;
	*)
		bad "$what: exit $rc: $(head -c 500 "$tmp/err")"
		;;
	esac
	"$AGENT" --hook --vmcore "$f" -o "$tmp/b.zst" 2>"$tmp/err" ||
		bad "$what: --hook exit status"
	sanitizer_clean "$what --hook" || return
	zstd -q -d -c "$tmp/b.zst" | jq -e '.format == "logsage-bundle/1"' \
		>/dev/null || bad "$what: --hook gave no bundle"
}

check_file() {	# check_file CASE FILE
	local size cut
	size=$(stat -c %s "$2")
	for cut in 16 100 4096 65536 $((size / 64)) $((size / 10)) \
		   $((size / 4)) $((size / 2)) $((size * 3 / 4)) $((size - 4096)); do
		head -c "$cut" "$2" >"$tmp/cut"
		check_cut "$1 cut at $cut of $size" "$tmp/cut"
	done
}

seen=""
for d in "$LOGSAGE_CACHE"/vmcores/*/*/; do
	[ -f "$d/DONE" ] || continue
	rel=$(basename "$(dirname "$d")")
	case " $seen " in *" $rel "*) continue ;; esac
	seen="$seen $rel"
	c=$rel/$(basename "$d")
	check_file "$c.kdump" "$d/vmcore.kdump"
	check_file "$c.elf" "$d/vmcore.elf"
done
if [ $runs = 0 ]; then
	echo "skipped: no vmcores in $LOGSAGE_CACHE (run tests/vm/make-vmcores)"
	exit 77
fi
echo "$runs truncated vmcores checked"
exit $fail
