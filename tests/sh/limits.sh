#!/bin/bash
# Limits that keep `logsage serve` answering a fleet:
#  - per-token rate: past the rate a token gets 429 rate_limited with
#    Retry-After, another token does not; logsage-upload waits what
#    Retry-After says and delivers a spool of three within its deadline,
#    and keeps them spooled when the wait would pass the deadline;
#  - slow clients are tests/sh/slow-clients.sh;
#  - retention: --max-db-bytes at the newest bundle's size drops the bytes
#    of all the others at start, and their crashes stay listed with their reports.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
UPLOAD=$BUILD/logsage-upload
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
ID=125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785

for tool in curl zstd; do
	command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
for bin in "$LOGSAGE" "$UPLOAD"; do
	[ -x "$bin" ] || { echo "no $bin"; exit 1; }
done

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir

# serve NAME ARGS...: a server on a free port; its port in $port.
serve() {
	local name=$1
	shift
	"$LOGSAGE" serve --listen 127.0.0.1:0 --db "$dir/db" "$@" \
		2>"$dir/$name.log" &
	pids+=($!)
	pid=$!
	port=$(serve_port "$dir/$name.log")
}

stop() {
	kill -TERM "$pid"
	wait "$pid" || fail "server exit status $? after SIGTERM"
	pids=()
}

"$LOGSAGE" token add agent1 --db "$dir/db" >"$dir/token1" 2>/dev/null
"$LOGSAGE" token add agent2 --db "$dir/db" >"$dir/token2" 2>/dev/null
"$LOGSAGE" token add operator1 --role operator --db "$dir/db" \
	>"$dir/optoken" 2>/dev/null
zstd -dc $BUNDLE >"$dir/plain.json"
for i in 1 2 3 4 5 6 7 8 9; do
	sed "s/$ID/$(printf '%064x' "$i")/" "$dir/plain.json" >"$dir/b$i.json"
done

# --- rate limit ---
serve rate --rate-limit 1 --open-metrics
url=http://127.0.0.1:$port/api/v1/bundles
post() {	# post TOKEN N: status and Retry-After of bundle N
	curl -s -o "$dir/body" -D "$dir/headers" -w '%{http_code}' \
		-H "Authorization: Bearer $(cat "$dir/token$1")" \
		--data-binary @"$dir/b$2.json" "$url"
}
[ "$(post 1 1)" = 201 ] || fail "first upload"
code=$(post 1 2)
[ "$code" = 429 ] || fail "second upload within the second: $code, want 429"
grep -q '"reason":"rate_limited"' "$dir/body" || fail "429 reason: $(cat "$dir/body")"
grep -qi '^Retry-After: 1' "$dir/headers" || fail "no Retry-After: $(cat "$dir/headers")"
[ "$(post 2 2)" = 201 ] || fail "another token is limited too"

# The uploader: three bundles at one a second, each 429 waited out.
mkdir "$dir/spool"
for i in 3 4 5; do
	zstd -q -c "$dir/b$i.json" >"$dir/spool/b$i.bundle"
done
start=$SECONDS
"$UPLOAD" --config /dev/null --url "$url" --token_file "$dir/token1" \
	--spool_dir "$dir/spool" --retries 5 --deadline 30 2>"$dir/upload.log"
grep -q '3 sent.* 0 kept' "$dir/upload.log" ||
	fail "upload under the rate: $(tail -n 3 "$dir/upload.log")"
echo "uploader: 3 bundles at 1/s in $((SECONDS - start)) s"
# A deadline shorter than the wait: the bundles stay in the spool.
for i in 6 7; do
	zstd -q -c "$dir/b$i.json" >"$dir/spool/b$i.bundle"
done
"$UPLOAD" --config /dev/null --url "$url" --token_file "$dir/token1" \
	--spool_dir "$dir/spool" --retries 5 --deadline 1 2>"$dir/upload2.log"
if ! grep -q 'not delivered (HTTP 429), kept' "$dir/upload2.log" ||
	! grep -q ' [12] kept in' "$dir/upload2.log"; then
	fail "deadline before Retry-After: $(tail -n 3 "$dir/upload2.log")"
fi
grep -q 'logsage_http_requests_total{route="bundles",status="429"}' \
	<(curl -s "http://127.0.0.1:$port/metrics") || fail "429 not in metrics"
stop

# --- retention ---
n=$(sqlite3 "$dir/db" "SELECT count(*) FROM crashes")
newest=$(sqlite3 "$dir/db" "SELECT length(bundle) FROM crashes ORDER BY received_at DESC, rowid DESC LIMIT 1")
serve keep --max-db-bytes "$newest"
wait_log "$dir/keep.log" 'retention:'
grep -q "retention: dropped the bytes of $((n - 1)) bundles" "$dir/keep.log" ||
	fail "retention of $n bundles: $(cat "$dir/keep.log")"
[ "$(sqlite3 "$dir/db" "SELECT count(*) FROM crashes WHERE length(bundle) > 0")" = 1 ] ||
	fail "more than the newest bundle kept"
code=$(curl -s -o "$dir/body" -w '%{http_code}' \
	-H "Authorization: Bearer $(cat "$dir/optoken")" \
	"http://127.0.0.1:$port/api/v1/crashes/$(printf '%064x' 1)")
if [ "$code" != 200 ] || ! grep -q '"report":{' "$dir/body"; then
	fail "a pruned crash lost its row or report: $code"
fi
stop
echo "retention: $((n - 1)) of $n bundles' bytes dropped, rows kept"

grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$dir"/*.log &&
	fail "sanitizer: $(cat "$dir"/*.log)"
[ $failures -eq 0 ] || exit 1
echo "limits: all checks passed"
