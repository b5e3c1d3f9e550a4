#!/bin/bash
# GARCA end to end on real crashes: `logsage train` on the corpus into a
# store; `analyze --db` names a root cause with evidence; stored crashes,
# an operator's label (`logsage label`) and the label queue; `logsage
# serve` answers GET /api/v1/label-queue and, after another `logsage
# train`, reports with the new model version without a restart.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
CORPUS=tests/corpus

command -v curl >/dev/null || { echo "skipped: no curl"; exit 77; }
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }
[ -f $CORPUS/manifest.tsv ] || { echo "skipped: no corpus"; exit 77; }

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir
field() { # JSON-FILE PYTHON-EXPR
	python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1"
}

# A few epochs: this checks the plumbing; make bench and eval the model.
"$LOGSAGE" train --corpus $CORPUS --db "$dir/db" --epochs 3 >"$dir/train" ||
	{ cat "$dir/train"; echo "train failed"; exit 1; }
grep -q '^model version 1: 284 corpus crashes' "$dir/train" ||
	fail "train: $(cat "$dir/train")"

case=$CORPUS/cases/cloud-storage-io-s0001/bundle.zst
"$LOGSAGE" analyze --db "$dir/db" --json $case >"$dir/r.json" ||
	fail "analyze --db"
[ "$(field "$dir/r.json" "d['root_cause']['model']['version']")" = 1 ] ||
	fail "root_cause model: $(field "$dir/r.json" "d['root_cause']")"
[ "$(field "$dir/r.json" "len(d['root_cause']['evidence']) > 0")" = True ] ||
	fail "no evidence"
# without a model there is no root cause
"$LOGSAGE" analyze --json $case >"$dir/n.json"
[ "$(field "$dir/n.json" "d['root_cause']")" = None ] || fail "root_cause without a model"

# stored crashes, a label, the queue
bundles=$(ls $CORPUS/cases/cloud-*-s0004/bundle.zst | head -6)
# shellcheck disable=SC2086
"$LOGSAGE" ingest $bundles --db "$dir/db" >"$dir/ingest" 2>&1 || fail "ingest"
"$LOGSAGE" label --queue --db "$dir/db" --limit 10 >"$dir/queue" || fail "queue"
[ "$(wc -l <"$dir/queue")" -eq 6 ] || fail "queue: $(cat "$dir/queue")"
id=$(head -1 "$dir/queue" | cut -d' ' -f1)
"$LOGSAGE" label "$id" hw-pcie --db "$dir/db" || fail "label"
"$LOGSAGE" label "$id" not-a-class --db "$dir/db" 2>/dev/null && fail "bad class taken"
"$LOGSAGE" label --queue --db "$dir/db" --limit 10 >"$dir/queue2"
[ "$(wc -l <"$dir/queue2")" -eq 5 ] && ! grep -q "$id" "$dir/queue2" ||
	fail "labeled crash still queued: $(cat "$dir/queue2")"

# the service: label queue, reload without restart
serve_start --db "$dir/db" --model-refresh 1
pids+=("$pid")
url=http://127.0.0.1:$port
# The queue is for operators.
reader=(-H "Authorization: Bearer $("$LOGSAGE" token add op1 --role operator --db "$dir/db" 2>/dev/null)")
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/label-queue?limit=3")
[ "$code" = 401 ] || fail "label-queue without a token: $code"
code=$(curl -s "${reader[@]}" -o "$dir/q.json" -w '%{http_code}' "$url/api/v1/label-queue?limit=3")
[ "$code" = 200 ] || fail "label-queue: $code $(cat "$dir/q.json")"
[ "$(field "$dir/q.json" "len(d['items'])")" = 3 ] || fail "label-queue items"
code=$(curl -s "${reader[@]}" -o /dev/null -w '%{http_code}' "$url/api/v1/label-queue?limit=0")
[ "$code" = 400 ] || fail "label-queue limit=0: $code"

"$LOGSAGE" train --db "$dir/db" --epochs 2 >"$dir/train2" || fail "retrain"
grep -q '^model version 2: 0 corpus crashes, 6 stored (1 labeled)' "$dir/train2" ||
	fail "retrain: $(cat "$dir/train2")"
for _ in $(seq 100); do
	grep -q 'model version 2 loaded' "$dir/serve.log" && break
	sleep 0.1
done
grep -q 'model version 2 loaded' "$dir/serve.log" || fail "no reload: $(cat "$dir/serve.log")"
token=$("$LOGSAGE" token add agent1 --db "$dir/db" 2>/dev/null)
curl -s -o "$dir/p.json" -H "Authorization: Bearer $token" \
	--data-binary @$CORPUS/cases/cloud-lockup-s0004/bundle.zst "$url/api/v1/bundles"
[ "$(field "$dir/p.json" "d['report']['root_cause']['model']['version']")" = 2 ] ||
	fail "new model not used: $(cat "$dir/p.json" | head -c 300)"
kill "$pid"
wait "$pid"
[ $failures -eq 0 ]
