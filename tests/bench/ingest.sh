#!/bin/bash
# Ingest throughput and latency: `logsage serve` on loopback with a fresh
# SQLite store (WAL, synchronous=FULL: every 201 is on disk), and
# CLIENTS concurrent clients POSTing COUNT distinct bundles made up front
# from the committed real bundle.  Prints bundles/s, p50/p90/p99, and the
# server's CPU time per bundle (steadier than bundles/s on a shared machine).
#   tests/bench/ingest.sh [BUILD] [COUNT] [CLIENTS] [THREADS] [WORKERS]
# BENCH_DB=SPEC stores there instead (a PostgreSQL URI: an empty database);
# ANALYZERS=N runs N analyzers on that one store, the clients taking them
# in turn.  The server CPU is the analyzers', not PostgreSQL's.
# BENCH_MODEL=0 leaves GARCA's model out (the root cause is then null).
# BENCH_BUNDLES=DIR posts the bundles of a corpus (DIR/cases/*/bundle.zst)
# in turn instead of the one committed bundle: many different crashes.
# DESIGN §8 target: >= 1,000 bundles/s with p99 < 50 ms on 2 cores.
set -eu
BUILD=${1:-build}
COUNT=${2:-10000}
CLIENTS=${3:-32}
# Unset: the server's defaults (per CPU, server.h).
THREADS=${4:-}
WORKERS=${5:-}
sizing=()
[ -z "$THREADS" ] || sizing+=(--threads "$THREADS")
[ -z "$WORKERS" ] || sizing+=(--workers "$WORKERS")
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
if [ -n "${BENCH_BUNDLES:-}" ]; then
	BUNDLE=$(printf '%s,' "$BENCH_BUNDLES"/cases/*/bundle.zst)
	BUNDLE=${BUNDLE%,}
fi
DB_DIR=${BENCH_DB_DIR:-${TMPDIR:-/tmp}}

ANALYZERS=${ANALYZERS:-1}

dir=$(mktemp -d "$DB_DIR/logsage-bench.XXXXXX")
db=${BENCH_DB:-$dir/db}
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	rm -rf "$dir"
}
trap cleanup EXIT

client=$dir/ingest_client
# shellcheck disable=SC2046
cc -O2 -std=gnu11 -D_GNU_SOURCE -o "$client" tests/bench/ingest_client.c \
	$(pkg-config --cflags --libs libcurl libzstd) -lpthread

token=$("$BUILD/logsage" token add bench --db "$db" 2>/dev/null)
# Every stage that runs at ingest runs here, GARCA's with it: a model
# trained on the committed corpus (BENCH_MODEL=0: none).
if [ "${BENCH_MODEL:-1}" != 0 ] && [ -f tests/corpus/manifest.tsv ]; then
	"$BUILD/logsage" train --corpus tests/corpus --db "$db" >"$dir/train.log" 2>&1 ||
		{ cat "$dir/train.log"; exit 1; }
	model="GARCA model from tests/corpus"
else
	model="no GARCA model"
fi
urls=
for ((n = 0; n < ANALYZERS; n++)); do
	"$BUILD/logsage" serve --listen 127.0.0.1:0 --db "$db" --open-metrics \
		"${sizing[@]}" 2>"$dir/serve$n.log" &
	pids+=($!)
	port=
	for _ in $(seq 100); do
		port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$dir/serve$n.log")
		[ -n "$port" ] && break
		sleep 0.1
	done
	[ -n "$port" ] || { cat "$dir/serve$n.log"; exit 1; }
	urls=${urls:+$urls,}http://127.0.0.1:$port/api/v1/bundles
done

# The analyzers' CPU time (user + system, clock ticks) from /proc.
server_ticks() {
	local p sum=0
	for p in "${pids[@]}"; do
		sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat")))
	done
	echo $sum
}

case $db in
postgres*) where="PostgreSQL ${db%%\?*}" ;;
*) where="SQLite on $(df --output=source "$dir" | tail -n 1)" ;;
esac
echo "$ANALYZERS x logsage serve ${sizing[*]:-(default threads and workers)}, store $where, $model, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
t0=$(server_ticks)
"$client" "$urls" "$token" "$BUNDLE" "$COUNT" "$CLIENTS"
t1=$(server_ticks)
awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v n="$COUNT" \
	'BEGIN { printf "server CPU %.0f us/bundle (user + system)\n", t / hz / n * 1e6 }'
echo "server side:"
curl -s "http://127.0.0.1:$port/metrics" |
	grep -E '^logsage_(ingest_duration_seconds_(sum|count)|bundles_stored_total|store_crashes)'
