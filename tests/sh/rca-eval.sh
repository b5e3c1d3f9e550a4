#!/bin/bash
# The root-cause part of `logsage eval` on the committed corpus (its train
# split learned, its test split scored): the Table VI shape of the JSON
# (every method with precision, recall, F1 and seconds per case as
# fractions, LogPrompt listed as not run, per-class F1, confusion matrix,
# which side has which class), and LogSage ahead of the re-implemented
# baselines it must beat by a wide margin.  Ablations and the curve are
# left to `make bench`-like runs: they train twenty models.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage

command -v jq >/dev/null || { echo "skipped: no jq"; exit 77; }
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }
[ -f tests/corpus/manifest.tsv ] || { echo "skipped: no corpus"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() { # JQ-EXPR
	jq -e "$1" "$dir/eval.json" >/dev/null || {
		echo "FAIL: $1"
		failures=$((failures + 1))
	}
}

"$LOGSAGE" eval --corpus tests/corpus --json --no-ablations --no-curve \
	>"$dir/eval.json" || { echo "eval exited $?"; exit 1; }
for m in logsage logsage_published logcluster logrule logkg rules; do
	check ".methods.$m | (.precision, .recall, .f1, .seconds_per_case) |
		(type == \"number\" and . >= 0 and . <= 1)"
	check ".methods.$m.confusion | length >= 13"
done
check '.methods.logprompt.not_run | type == "string"'
check '.classes | length == 13 and all(.[]; .train > 0 and .test > 0)'
check '.methods.logsage.f1_per_class | length == 13'
check '.methods.logsage.f1 >= 0.9'
check '.methods.logsage.f1 > .methods.logkg.f1 and
	.methods.logsage.f1 > .methods.logcluster.f1 and
	.methods.logsage.f1 > .methods.logsage_published.f1'
check '.methods.logsage.seconds_per_case < 0.05'
[ $failures -eq 0 ]
