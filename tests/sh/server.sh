#!/bin/bash
# The analyzer over the network: a real `logsage serve` on a free loopback
# port with a temporary store, driven with curl.  Statuses and reasons of
# POST /api/v1/bundles (401, 413 before the body, 400, 201, 200), the GET
# routes and /metrics; then kill -9 while bundles are being stored, restart,
# and every bundle that was answered 201 must be there.  Once on SQLite,
# then again on PostgreSQL when tests/run started its cluster.
set -u
if [ -z "${LSG_SERVER_DB:-}" ]; then
	LSG_SERVER_DB=sqlite "$0" || exit 1
	[ -n "${LSG_TEST_PG:-}" ] || exit 0
	tests/lib/pg-cluster createdb "$LSG_TEST_PG" server_sh || exit 1
	LSG_SERVER_DB=$LSG_TEST_PG/server_sh exec "$0"
fi
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
ID=125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785

for tool in curl zstd; do
	if ! command -v $tool >/dev/null; then
		echo "skipped: no $tool"
		exit 77
	fi
done
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }

dir=$(mktemp -d)
db=$LSG_SERVER_DB
[ "$db" = sqlite ] && db=$dir/db
echo "store: $db"
pid=
cleanup() {
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh

start() {
	serve_start --db "$db" --max-bundle 1000000
}

# expect STATUS [REASON] -- curl args...: checks status and error reason.
expect() {
	local want=$1 reason=$2 got body
	shift 3
	rm -f "$dir/body"
	got=$(curl -s -o "$dir/body" -w '%{http_code}' "$@")
	body=$(cat "$dir/body")
	if [ "$got" != "$want" ]; then
		fail "$* -> $got, want $want: $body"
	elif [ -n "$reason" ] && ! grep -q "\"reason\":\"$reason\"" "$dir/body"; then
		fail "$* -> reason not $reason: $body"
	fi
}

token=$("$LOGSAGE" token add agent1 --db "$db" 2>/dev/null)
[ ${#token} -eq 64 ] || { echo "token add failed"; exit 1; }
optoken=$("$LOGSAGE" token add operator1 --role operator --db "$db" 2>/dev/null)
[ ${#optoken} -eq 64 ] || { echo "token add --role operator failed"; exit 1; }
start
url=http://127.0.0.1:$port
auth="Authorization: Bearer $token"
op="Authorization: Bearer $optoken"

# --- POST /api/v1/bundles ---
expect 401 unauthorized -- -X POST --data-binary @"$BUNDLE" "$url/api/v1/bundles"
expect 401 unauthorized -- -H "Authorization: Bearer 1234" \
	--data-binary @"$BUNDLE" "$url/api/v1/bundles"
head -c 5000000 /dev/zero >"$dir/big"
# 413 from the headers: with Expect: 100-continue no byte of the body moves.
sent=$(curl -s -o "$dir/body" -w '%{http_code} %{size_upload}' -H "$auth" \
	-H 'Expect: 100-continue' --data-binary @"$dir/big" "$url/api/v1/bundles")
[ "$sent" = "413 0" ] || fail "oversize: got '$sent', want '413 0'"
grep -q '"reason":"too_large"' "$dir/body" || fail "oversize reason"
# Without a declared length the body is dropped past the limit and
# answered 413 at its end; past twice the limit the connection is closed.
head -c 1500000 /dev/zero >"$dir/mid"
expect 413 too_large -- -H "$auth" -H "Transfer-Encoding: chunked" \
	--data-binary @"$dir/mid" "$url/api/v1/bundles"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" \
	-H "Transfer-Encoding: chunked" --data-binary @"$dir/big" \
	"$url/api/v1/bundles")
case $code in 2*) fail "endless chunked body accepted: $code" ;; esac
expect 400 not_bundle -- -H "$auth" --data-binary 'garbage' \
	"$url/api/v1/bundles"
head -c 3000 $BUNDLE >"$dir/cut"
expect 400 zstd_truncated -- -H "$auth" --data-binary @"$dir/cut" \
	"$url/api/v1/bundles"
zstd -dc $BUNDLE | sed 's/"level":6/"level":60/' >"$dir/badlevel"
expect 400 out_of_range -- -H "$auth" --data-binary @"$dir/badlevel" \
	"$url/api/v1/bundles"
expect 201 "" -- -H "$auth" --data-binary @"$BUNDLE" "$url/api/v1/bundles"
grep -q "\"id\":\"$ID\"" "$dir/body" || fail "201 body: $(cat "$dir/body")"
expect 200 "" -- -H "$auth" --data-binary @"$BUNDLE" "$url/api/v1/bundles"
expect 405 method_not_allowed -- "$url/api/v1/bundles"

# --- reading: an operator's token; an agent's only uploads ---
expect 401 unauthorized -- "$url/api/v1/crashes"
expect 403 forbidden -- -H "$auth" "$url/api/v1/crashes"
expect 401 unauthorized -- "$url/metrics"
expect 200 "" -- -H "$op" "$url/api/v1/crashes"
grep -q "\"id\":\"$ID\"" "$dir/body" || fail "list lacks the crash"
expect 200 "" -- -H "$op" "$url/api/v1/crashes?kernel=6.1.0-56-cloud-amd64&limit=5"
grep -q "\"id\":\"$ID\"" "$dir/body" || fail "kernel filter"
expect 200 "" -- -H "$op" "$url/api/v1/crashes?host=nobody"
grep -q '"crashes":\[\]' "$dir/body" || fail "host filter"
expect 200 "" -- -H "$op" "$url/api/v1/crashes?since=2000000000"
grep -q '"crashes":\[\]' "$dir/body" || fail "since filter"
expect 400 bad_query -- -H "$op" "$url/api/v1/crashes?limit=-1"
expect 200 "" -- -H "$op" "$url/api/v1/crashes/$ID"
grep -q '"report":{' "$dir/body" || fail "crash lacks its report"
expect 404 not_found -- -H "$op" "$url/api/v1/crashes/$(printf '%064d' 0)"
expect 200 "" -- -H "$op" "$url/api/v1/groups"
expect 401 unauthorized -- -d '{"class":"manual"}' \
	"$url/api/v1/crashes/$ID/label"
expect 403 forbidden -- -H "$auth" -d '{"class":"manual"}' \
	"$url/api/v1/crashes/$ID/label"
expect 200 "" -- -H "$op" -d '{"class":"manual"}' \
	"$url/api/v1/crashes/$ID/label"
expect 200 "" -- -H "$op" "$url/api/v1/crashes?class=manual"
grep -q "\"id\":\"$ID\"" "$dir/body" || fail "class filter after label"
expect 404 not_found -- -H "$op" "$url/nothing"
expect 200 "" -- -H "$op" "$url/metrics"
for m in 'logsage_http_requests_total{route="bundles",status="201"} 1' \
	'logsage_http_requests_total{route="bundles",status="401"} 2' \
	'logsage_http_requests_total{route="bundles",status="413"} 2' \
	'logsage_bundles_rejected_total{reason="zstd_truncated"} 1' \
	'logsage_bundles_duplicate_total 1' \
	'logsage_ingest_duration_seconds_count' 'logsage_store_crashes 1'; do
	grep -qF "$m" "$dir/body" || fail "metrics lack: $m"
done

# --- kill -9 under load: nothing answered 201 is lost ---
zstd -dc $BUNDLE >"$dir/plain.json"
for i in $(seq 1 60); do
	id=$(printf '%064x' "$i")
	sed "s/$ID/$id/" "$dir/plain.json" >"$dir/b$i.json"
done
(
	for i in $(seq 1 60); do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" \
			--data-binary @"$dir/b$i.json" "$url/api/v1/bundles")
		echo "$i $code"
	done
) >"$dir/acks" 2>/dev/null &
loader=$!
# Wait for a few acknowledgements, then pull the plug mid-stream.
for _ in $(seq 200); do
	[ "$(grep -c ' 201$' "$dir/acks")" -ge 5 ] && break
	sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
pid=
wait "$loader"
acked=$(grep -c ' 201$' "$dir/acks")
[ "$acked" -ge 5 ] || fail "only $acked bundles acknowledged before the kill"
start
url=http://127.0.0.1:$port
lost=0
while read -r i _; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "$op" \
		"$url/api/v1/crashes/$(printf '%064x' "$i")")
	[ "$code" = 200 ] || lost=$((lost + 1))
done < <(grep ' 201$' "$dir/acks")
[ "$lost" -eq 0 ] || fail "$lost of $acked acknowledged bundles lost"
echo "kill -9 after $acked acknowledged bundles: $lost lost"
expect 200 "" -- -H "$op" "$url/api/v1/crashes/$ID"

kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ $rc -eq 0 ] || fail "server exit status $rc after SIGTERM"
grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$dir/serve.log" &&
	fail "sanitizer: $(cat "$dir/serve.log")"
[ $failures -eq 0 ] || exit 1
echo "server: all checks passed"
