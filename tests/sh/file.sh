#!/bin/bash
# FILE end to end with the real binary: `logsage eval` on the committed
# corpus (the --json shape and the targets), its argument errors,
# `logsage learn` into a store, POST /api/v1/logs on a real server (401
# without a token, 200 with one), and fault lines, summary and timing in
# the report of an uploaded bundle and of `logsage analyze`; serve's
# learning saved while it runs.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
CASE=tests/corpus/cases/cloud-storage-io-s0002

for tool in curl jq zstd; do
	if ! command -v $tool >/dev/null; then
		echo "skipped: no $tool"
		exit 77
	fi
done
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir
# check JQ-EXPR FILE: the expression must be true.
check() {
	jq -e "$1" "$2" >/dev/null || fail "$1 on $2: $(head -c 400 "$2")"
}

# eval: the shape the issue fixes, and the targets on the test split.
"$LOGSAGE" eval --corpus tests/corpus --no-rca --json >"$dir/eval.json" ||
	fail "eval exited $?"
check '.n_train > 100 and .n_test > 100' "$dir/eval.json"
check '.file | (.recall >= 0.95 and .reduction >= 0.90 and
	.median_lines > 0 and .seconds_per_case > 0)' "$dir/eval.json"
check '.file.per_class | length >= 13' "$dir/eval.json"
check '.file.templates.count > 100 and .file.templates.lines_per_second > 0' \
	"$dir/eval.json"
check '.file_published | (.recall < 1 and .per_class["hw-pcie"].recall < 0.5)' \
	"$dir/eval.json"
"$LOGSAGE" eval --corpus tests/corpus --no-rca | grep -q '^file_published:' ||
	fail "eval text output"

# Argument errors and a corpus that is not one.
"$LOGSAGE" eval >/dev/null 2>&1; [ $? -eq 2 ] || fail "eval without args"
"$LOGSAGE" eval --corpus a --train b --test c >/dev/null 2>&1
[ $? -eq 2 ] || fail "eval --corpus with --train"
"$LOGSAGE" eval --corpus "$dir/none" 2>"$dir/err"
[ $? -eq 1 ] && grep -q "manifest.tsv" "$dir/err" || fail "eval bad dir"

# learn: a console log (text) twice, then a bundle; templates persist.
zstd -dcq "$CASE/console.log.zst" >"$dir/console.log"
"$LOGSAGE" learn --db "$dir/db" "$dir/console.log" >"$dir/learn1" ||
	fail "learn exited $?"
"$LOGSAGE" learn --db "$dir/db" "$dir/console.log" "$CASE/bundle.zst" \
	>"$dir/learn2" || fail "learn 2 exited $?"
grep -q "from 1 logs" "$dir/learn1" && grep -q "from 3 logs" "$dir/learn2" ||
	fail "learn counts: $(cat "$dir/learn1" "$dir/learn2")"
"$LOGSAGE" learn --db "$dir/db" "$dir/absent" >/dev/null 2>"$dir/err"
[ $? -eq 1 ] && grep -q absent "$dir/err" || fail "learn missing file"

# The API: POST /api/v1/logs needs an agent token.
token=$("$LOGSAGE" token add agent1 --db "$dir/db" 2>/dev/null)
[ ${#token} -eq 64 ] || { echo "token add failed"; exit 1; }
serve_start --db "$dir/db"
pids+=("$pid")
url=http://127.0.0.1:$port/api/v1
code=$(curl -s -o "$dir/body" -w '%{http_code}' --data-binary \
	@"$dir/console.log" "$url/logs")
[ "$code" = 401 ] || fail "logs without token: $code"
code=$(curl -s -o "$dir/body" -w '%{http_code}' --data-binary \
	@"$dir/console.log" -H "Authorization: Bearer $token" "$url/logs")
[ "$code" = 200 ] || fail "logs: $code $(cat "$dir/body")"
check '.lines > 500' "$dir/body"

# A bundle's stored report has FILE's members.
code=$(curl -s -o "$dir/up.json" -w '%{http_code}' --data-binary \
	@"$CASE/bundle.zst" -H "Authorization: Bearer $token" "$url/bundles")
[ "$code" = 201 ] || fail "bundle: $code"
check '.report.fault_lines | length > 0 and length < 150' "$dir/up.json"
check '.report.fault_lines | map(select(.text | startswith("I/O error"))) |
	length == 4' "$dir/up.json"
check '.report.fault_lines[0] | has("seq") and has("ts") and has("score")
	and has("reason")' "$dir/up.json"
check '.report.summary.text | test("I/O error")' "$dir/up.json"
check '.report.timings_ms.file >= 0' "$dir/up.json"
# serve saves what it learned (the log and the bundle) every 5 s, not only
# at exit: after a kill -9 the store has both.
sleep 7
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=
"$LOGSAGE" learn --db "$dir/db" "$dir/console.log" >"$dir/learn3" ||
	fail "learn after serve exited $?"
grep -q "from 6 logs" "$dir/learn3" ||
	fail "serve's learning not saved: $(cat "$dir/learn3")"

# logsage analyze: the same members, and the terminal report shows them.
"$LOGSAGE" analyze --json "$CASE/bundle.zst" >"$dir/a.json" ||
	fail "analyze exited $?"
check '(.fault_lines | length > 0) and .summary.source == "extractive"' \
	"$dir/a.json"
"$LOGSAGE" analyze "$CASE/bundle.zst" >"$dir/a.txt"
grep -q '^fault lines (' "$dir/a.txt" && grep -q '^summary:' "$dir/a.txt" ||
	fail "terminal report: $(tail -5 "$dir/a.txt")"

[ $failures -eq 0 ] || exit 1
echo "file: all checks passed"
