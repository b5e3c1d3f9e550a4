#!/bin/bash
# CPU per bundle on the ingest path (tests/bench/ingest_cpu.c), and with
# CALLGRIND=1 the instruction counts of ingest_decode() and of a whole
# in-process POST (repeatable where timings are not).
#   tests/bench/ingest_cpu.sh [BUILD] [ROUNDS]
# As in `logsage serve`, the analysis has FILE learning online and GARCA
# with a model trained on tests/corpus (BENCH_MODEL=0: no model).
set -eu
BUILD=${1:-build}
ROUNDS=${2:-2000}
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
DB_DIR=${BENCH_DB_DIR:-${TMPDIR:-/tmp}}

make --no-print-directory -s BUILD="$BUILD" "$BUILD/libanalyzer.a" \
	"$BUILD/libcommon.a"
# The Makefile's own flags and libraries, so the two never drift apart.
flags() {
	make --no-print-directory -s BUILD="$BUILD" -f Makefile -f - bench-flags <<'MK'
bench-flags: ; @echo $(CPPFLAGS) $(ANALYZER_INC) $(PKG_CFLAGS) $(ALL_CFLAGS) '|' $(ANALYZER_LIBS)
MK
}
f=$(flags)
bin=$BUILD/tests/bench/ingest_cpu
mkdir -p "$(dirname "$bin")"
# shellcheck disable=SC2086
cc ${f%%|*} -o "$bin" tests/bench/ingest_cpu.c "$BUILD/libanalyzer.a" \
	"$BUILD/libcommon.a" ${f##*|}

dir=$(mktemp -d "$DB_DIR/logsage-cpu.XXXXXX")
trap 'rm -rf "$dir"' EXIT
# A fresh store for each post run: the model's alone, or an empty one.
fresh_store() {
	rm -rf "$dir/db"*
	[ ! -f "$dir/model.db" ] || cp "$dir/model.db" "$dir/db"
}
if [ "${BENCH_MODEL:-1}" != 0 ] && [ -f tests/corpus/manifest.tsv ]; then
	make --no-print-directory -s BUILD="$BUILD" "$BUILD/logsage"
	"$BUILD/logsage" train --corpus tests/corpus --db "$dir/model.db" \
		>"$dir/train.log" 2>&1 || { cat "$dir/train.log"; exit 1; }
fi
"$bin" decode "$BUNDLE" "$ROUNDS"
fresh_store
"$bin" post "$BUNDLE" "$dir" $((ROUNDS / 4))
[ "${CALLGRIND:-0}" = 1 ] || exit 0

# Instructions per call, inside the function named only.
ir() {	# ir FUNCTION CALLS ARGS...
	local fn=$1 calls=$2 out="$dir/cg.out"
	shift 2
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		--toggle-collect="$fn" "$bin" "$@" >/dev/null 2>&1
	callgrind_annotate "$out" 2>/dev/null | awk -v fn="$fn" -v n="$calls" '
		/PROGRAM TOTALS/ { gsub(",", "", $1);
			printf "callgrind %-13s %12.0f instructions/call\n", fn, $1 / n }'
}
ir ingest_decode $((2 * 50)) decode "$BUNDLE" 50
fresh_store
ir server_handle 50 post "$BUNDLE" "$dir" 50
