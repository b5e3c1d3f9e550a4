#!/bin/bash
# Slow clients do not stop `logsage serve` answering agents (issue 18):
#  - one address over its cap: 1,100 connections from 127.0.0.1 sending a
#    header byte a second; the cap keeps all but 64 out, and those are
#    closed at the header deadline, not before;
#  - many addresses each under the cap: 1,200 connections from 20
#    addresses with a deadline longer than the attack; the reserve sheds
#    the oldest, so at most 1,024 less the reserve stay open and uploads
#    get in; with no reserve they do not;
#  - slow bodies: authenticated uploads sending a body byte a second are
#    closed at the body deadline, not before;
#  - kept alive: the next request's headers are due from the last answer;
# all while uploads from 127.0.0.2 get 201 within 1 s, and /metrics counts
# the connections closed by reason.  The server starts under systemd's
# default soft limit of 1,024 open files, and raises it for its 1,024
# connections.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
SLOW=$BUILD/tests/tools/slowconn
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
LIMIT=1024	# SERVER_CONN_LIMIT
RESERVE=64	# SERVER_RESERVE_DEFAULT
HEADER_S=3
BODY_S=2

for tool in curl zstd; do
	command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt 2048 ]; then
	echo "skipped: a hard limit of $hard open files, want 2,048 for 1,200 connections"
	exit 77
fi
for bin in "$LOGSAGE" "$SLOW"; do
	[ -x "$bin" ] || { echo "no $bin"; exit 1; }
done

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir

"$LOGSAGE" token add agent --db "$dir/db" >"$dir/token" 2>/dev/null
zstd -dc $BUNDLE >"$dir/b.json"

# attack NAME COUNT SECONDS [OPTIONS] FROM: slowconn's COUNT connections
# for SECONDS against the server, its output in $dir/NAME; an upload from
# 127.0.0.2 every half second until slowconn ends, "status seconds" each
# into $dir/NAME.ups.
attack() {
	local name=$1 out=$dir/$1 slow
	"$SLOW" "${@:4}" 127.0.0.1 "$port" "$2" "$3" >"$out" &
	slow=$!
	pids+=("$slow")
	wait_log "$out" opened || fail "$name: slowconn did not start"
	: >"$out.ups"
	# until slowconn reports, or dies without doing so
	while kill -0 "$slow" 2>/dev/null && ! grep -q '^kept' "$out"; do
		curl -s -o /dev/null --interface 127.0.0.2 --max-time 3 \
			-w '%{http_code} %{time_total} %{time_connect}\n' \
			-H "Authorization: Bearer $(cat "$dir/token")" \
			--data-binary @"$dir/b.json" \
			"http://127.0.0.1:$port/api/v1/bundles" >>"$out.ups"
		sleep 0.5
	done
	wait "$slow"
}

# uploads_ok NAME: every upload during attack NAME got 201 (or 200, the
# same bundle again) within 1 s.
uploads_ok() {
	[ -s "$dir/$1.ups" ] &&
		awk '$1 !~ /^20[01]$/ || $2 >= 1.0 { bad++ } END { exit bad > 0 }' \
			"$dir/$1.ups"
}

# late NAME: the seconds after its connect at which each connection of
# attack NAME was closed, past the first second (earlier ones were refused
# at the accept).
late() {
	awk '$1 == "closed" && $2 >= 1 { print $2 }' "$dir/$1"
}

# span LIST: "min-max" of numbers, one a line.
span() {
	sort -n | sed -n '1p;$p' | paste -sd-
}

closed_total() {
	curl -s "http://127.0.0.1:$port/metrics" |
		sed -n "s/^logsage_http_connections_closed_total{reason=\"$1\"} //p"
}

ulimit -Sn 1024
# --- deadlines ---
serve_start --db "$dir/db" --open-metrics --header-timeout $HEADER_S \
	--body-timeout $BODY_S --min-body-rate 500
pids+=("$pid")
files=$(awk '/^Max open files/ { print $4 }' "/proc/$pid/limits")
[ "$files" -gt $LIMIT ] || fail "open files: the server kept a soft limit of $files"

attack headers 1100 $((HEADER_S + 4)) 127.0.0.1
n=$(late headers | wc -l)
if [ "$n" -eq 0 ] || [ "$n" -gt 64 ]; then
	fail "headers: $n connections past the refusals, want 1..64 (the cap)"
fi
late headers | awk -v d=$HEADER_S '$1 < d || $1 > d + 2 { bad++ } END { exit bad > 0 }' ||
	fail "headers: closed outside ${HEADER_S}..$((HEADER_S + 2)) s: $(late headers | span)"
grep -q '^kept 0 of' "$dir/headers" || fail "headers: $(tail -n 1 "$dir/headers")"
uploads_ok headers || fail "headers: uploads $(tr '\n' ';' <"$dir/headers.ups")"
[ "$(closed_total header_timeout)" -ge "$n" ] ||
	fail "headers: /metrics header_timeout $(closed_total header_timeout), want >= $n"
echo "slow headers, 1100 from one address: $n kept past the cap, closed after $(late headers | span) s (deadline $HEADER_S s); uploads (status s): $(tr '\n' ';' <"$dir/headers.ups")"

attack bodies 20 $((BODY_S + 4)) -b "$(cat "$dir/token")" 127.0.0.3
[ "$(late bodies | wc -l)" -eq 20 ] ||
	fail "bodies: $(late bodies | wc -l) of 20 closed after a second"
late bodies | awk -v d=$BODY_S '$1 < d || $1 > d + 2 { bad++ } END { exit bad > 0 }' ||
	fail "bodies: closed outside ${BODY_S}..$((BODY_S + 2)) s: $(late bodies | span)"
uploads_ok bodies || fail "bodies: uploads $(tr '\n' ';' <"$dir/bodies.ups")"
[ "$(closed_total body_timeout)" -ge 20 ] ||
	fail "bodies: /metrics body_timeout $(closed_total body_timeout), want >= 20"
echo "slow bodies, 20 authenticated: closed after $(late bodies | span) s (deadline $BODY_S s + 1 s per 500 bytes); uploads: $(tr '\n' ';' <"$dir/bodies.ups")"

# A request 2 s after connecting, then nothing: closed HEADER_S after the
# answer (not after the connect, nor at libmicrohttpd's 30 s idle timeout).
exec 3<>"/dev/tcp/127.0.0.1/$port"
start=$(date +%s.%N)
sleep 2
printf 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n' >&3
timeout 20 cat <&3 >"$dir/keep"
end=$(date +%s.%N)
exec 3<&-
took=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
grep -q '^HTTP/1.1 200' "$dir/keep" || fail "kept alive: no answer: $(head -n 1 "$dir/keep")"
echo "$took" | awk -v d=$HEADER_S '$1 < 2 + d || $1 > 2 + d + 2 { exit 1 }' ||
	fail "kept alive: closed $took s after the connect, want $((2 + HEADER_S))..$((4 + HEADER_S))"
echo "kept alive: answered at 2 s, closed at $took s (deadline $HEADER_S s after the answer)"
serve_stop

# --- the reserve: 1,200 slow connections, 60 from each of 20 addresses ---
serve_start --db "$dir/db" --open-metrics --header-timeout 60
pids+=("$pid")
attack reserve 1200 6 -n 20 127.0.0.10
kept=$(sed -n 's/^kept \([0-9]*\) of .*/\1/p' "$dir/reserve")
if [ -z "$kept" ] || [ "$kept" -gt $((LIMIT - RESERVE)) ]; then
	fail "reserve: ${kept:-?} slow connections kept, want at most $((LIMIT - RESERVE))"
fi
[ "$(closed_total shed)" -ge $((1200 - LIMIT + RESERVE)) ] ||
	fail "reserve: /metrics shed $(closed_total shed), want >= $((1200 - LIMIT + RESERVE))"
uploads_ok reserve || fail "reserve: uploads $(tr '\n' ';' <"$dir/reserve.ups")"
echo "20 addresses x 60, reserve $RESERVE: kept $kept, shed $(closed_total shed); uploads: $(tr '\n' ';' <"$dir/reserve.ups")"
serve_stop

serve_start --db "$dir/db" --header-timeout 60 --conn-reserve 0
pids+=("$pid")
attack noreserve 1200 6 -n 20 127.0.0.10
uploads_ok noreserve &&
	fail "without the reserve the attack did not bite: $(tr '\n' ';' <"$dir/noreserve.ups")"
echo "the same, no reserve: $(tail -n 1 "$dir/noreserve"); uploads: $(tr '\n' ';' <"$dir/noreserve.ups")"
serve_stop

[ $failures -eq 0 ] || exit 1
echo "slow-clients: all checks passed"
