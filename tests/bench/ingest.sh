#!/bin/bash
# Ingest throughput and latency: `logsage serve` on loopback with a fresh
# SQLite store (WAL, synchronous=FULL: every 201 is on disk), and
# CLIENTS concurrent clients POSTing COUNT distinct bundles made up front
# from the committed real bundle.  Prints bundles/s, p50/p90/p99, and the
# server's CPU time per bundle (steadier than bundles/s on a shared machine).
#   tests/bench/ingest.sh [BUILD] [COUNT] [CLIENTS] [THREADS] [WORKERS]
# DESIGN §8 target: >= 1,000 bundles/s with p99 < 50 ms on 2 cores.
set -eu
BUILD=${1:-build}
COUNT=${2:-10000}
CLIENTS=${3:-32}
THREADS=${4:-4}
WORKERS=${5:-64}
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
DB_DIR=${BENCH_DB_DIR:-${TMPDIR:-/tmp}}

dir=$(mktemp -d "$DB_DIR/logsage-bench.XXXXXX")
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT

client=$dir/ingest_client
# shellcheck disable=SC2046
cc -O2 -std=gnu11 -D_GNU_SOURCE -o "$client" tests/bench/ingest_client.c \
	$(pkg-config --cflags --libs libcurl libzstd) -lpthread

token=$("$BUILD/logsage" token add bench --db "$dir/db" 2>/dev/null)
"$BUILD/logsage" serve --listen 127.0.0.1:0 --db "$dir/db" --open-metrics \
	--threads "$THREADS" --workers "$WORKERS" 2>"$dir/serve.log" &
pid=$!
port=
for _ in $(seq 100); do
	port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$dir/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { cat "$dir/serve.log"; exit 1; }

# The server's CPU time (user + system, clock ticks) from /proc.
server_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

echo "logsage serve --threads $THREADS --workers $WORKERS, store on $(df --output=source "$dir" | tail -n 1), $(nproc) CPUs"
t0=$(server_ticks)
"$client" "http://127.0.0.1:$port/api/v1/bundles" "$token" "$BUNDLE" \
	"$COUNT" "$CLIENTS"
t1=$(server_ticks)
awk -v t="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" -v n="$COUNT" \
	'BEGIN { printf "server CPU %.0f us/bundle (user + system)\n", t / hz / n * 1e6 }'
echo "server side:"
curl -s "http://127.0.0.1:$port/metrics" |
	grep -E '^logsage_(ingest_duration_seconds_(sum|count)|bundles_stored_total|store_crashes)'
