#!/bin/bash
# ingest_decode() gives what it gave when tests/data/ingest-digests.txt was
# written, on every committed bundle, its JSON, the JSON indented and
# damaged copies (tests/tools/ingest_dump.c): the rejections with their
# messages, and the documents and logs byte for byte.  After a change that
# means to alter what the decoder returns, regenerate the file with
#   tests/sh/ingest-golden.sh --update
# and say why in the commit.
set -u
BUILD=${BUILD:-build/san}
DUMP=$BUILD/tests/tools/ingest_dump
GOLDEN=tests/data/ingest-digests.txt

[ -x "$DUMP" ] || { echo "no $DUMP"; exit 1; }
files() {
	ls tests/fuzz/corpus/bundle/* tests/data/bundles/*.bundle \
		tests/corpus/cases/*/bundle.zst \
		tests/corpus-6.12/cases/*/bundle.zst 2>/dev/null
}
if [ "${1:-}" = --update ]; then
	# shellcheck disable=SC2046
	"$DUMP" $(files) >"$GOLDEN"
	exit
fi
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# shellcheck disable=SC2046
"$DUMP" $(files) >"$out" || { echo "ingest_dump failed"; exit 1; }
if ! diff -u "$GOLDEN" "$out"; then
	echo "ingest_decode() differs on the files above: compare"
	echo "  $DUMP -v FILE   built before and after the change"
	exit 1
fi
echo "$(wc -l <"$out") bundles decode as before"
