#!/bin/bash
# The operators' web UI in a real browser: a real `logsage serve` holding
# the real corpus (tests/corpus/cases/*/bundle.zst through `logsage
# ingest`), driven by headless Chromium over the DevTools protocol
# (tests/web/ui.mjs): sign-in and its refusals, the dashboard's figures
# and links, a crash page's title, frames and log, a label set through the
# queue's form and read back through the API, sign-out.  Screenshots go to
# $BUILD/web-screenshots.  Then the store is grown to 10,000 crashes and
# the page load times are measured.
#
# One hand-made stand-in: a real corpus bundle with one log line replaced
# by markup and script (no real kernel logs such a line on purpose), under
# a fresh id, uploaded with an agent token.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
SRC=tests/corpus/cases/cloud-assertion-s0000/bundle.zst
SHOTS=$BUILD/web-screenshots
N_TIMED=${N_TIMED:-10000}

for tool in chromium node curl zstd jq sqlite3; do
	if ! command -v $tool >/dev/null; then
		echo "skipped: no $tool (scripts/install-deps installs it)"
		exit 77
	fi
done
if ! node --experimental-websocket -e 'new WebSocket("ws://x")' 2>/dev/null; then
	echo "skipped: node has no WebSocket (node >= 20 needed)"
	exit 77
fi
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh

dir=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid"
	rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$SHOTS"

start() {
	serve_start --db "$dir/db"
}

stop() {
	kill -TERM "$pid"
	wait "$pid" || { echo "server exit status $?"; cat "$dir/serve.log"; exit 1; }
	pid=
	if grep -q 'ERROR: \(Address\|Leak\|UndefinedBehavior\)Sanitizer\|runtime error' \
		"$dir/serve.log"; then
		cat "$dir/serve.log"
		exit 1
	fi
}

"$LOGSAGE" ingest --db "$dir/db" tests/corpus/cases/*/bundle.zst \
	>"$dir/ingest.log" 2>&1 || { tail "$dir/ingest.log"; exit 1; }
OP=$("$LOGSAGE" token add web-operator --role operator --db "$dir/db" 2>/dev/null)
AGENT=$("$LOGSAGE" token add web-agent --db "$dir/db" 2>/dev/null)
if [ ${#OP} -ne 64 ] || [ ${#AGENT} -ne 64 ]; then
	echo "token add failed"
	exit 1
fi

# The stand-in: the line of the fatal event's title, replaced by markup.
HOSTILE=$(printf 'feed%060x' 17)
HOSTILE_TEXT='<script>window.__lsg_pwned=1</script><img src=x onerror="window.__lsg_pwned=2"><b>not bold</b>'
zstd -dc "$SRC" | jq -c --arg id "$HOSTILE" --arg t "$HOSTILE_TEXT" '
	.id = $id |
	(.log | map(.text) | index(map(select(test("kernel BUG at")))[0])) as $i |
	.log[$i].text = $t' >"$dir/hostile.json"
grep -qF 'onerror' "$dir/hostile.json" || { echo "no hostile line made"; exit 1; }

start
url=http://127.0.0.1:$port
code=$(curl -s -o "$dir/up" -w '%{http_code}' -H "Authorization: Bearer $AGENT" \
	--data-binary @"$dir/hostile.json" "$url/api/v1/bundles")
[ "$code" = 201 ] || { echo "agent upload: $code $(cat "$dir/up")"; exit 1; }

failures=0
URL=$url OP=$OP AGENT=$AGENT HOSTILE=$HOSTILE HOSTILE_TEXT=$HOSTILE_TEXT \
	SHOTS=$SHOTS MODE=check node --experimental-websocket tests/web/ui.mjs ||
	failures=$((failures + 1))
stop

# 10,000 crashes: the stored rows copied under fresh ids (64 hex digits),
# spread over 90 days and 40 hosts, with the groups recounted as the store
# keeps them.  SQL straight into the test's own SQLite file: ingesting
# 10,000 bundles through the analysis would take minutes under ASan.
n=$(sqlite3 "$dir/db" 'SELECT count(*) FROM crashes')
copies=$(( (N_TIMED + n - 1) / n - 1 ))
sqlite3 "$dir/db" "
BEGIN;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < $copies)
INSERT INTO crashes (id, host, machine_id, tag, release, build_id, crash_time,
	received_at, title, class, signature, label, labeled_at, compressed,
	report, bundle)
SELECT lower(hex(randomblob(32))), 'host-' || ((rowid * 7 + i) % 40),
	machine_id, tag, release, build_id, crash_time,
	received_at - ((rowid * 7919 + i * 104729) * 2654435761 % (90 * 86400)),
	title, class,
	signature, NULL, NULL, compressed, report, bundle
FROM crashes, k;
DELETE FROM crash_groups;
INSERT INTO crash_groups SELECT signature, max(title), count(*),
	min(coalesce(crash_time, received_at)), max(coalesce(crash_time, received_at))
	FROM crashes WHERE signature IS NOT NULL GROUP BY signature;
COMMIT;" || exit 1
echo "store: $(sqlite3 "$dir/db" 'SELECT count(*) FROM crashes') crashes"
start
URL=http://127.0.0.1:$port OP=$OP SHOTS=$SHOTS MODE=time \
	node --experimental-websocket tests/web/ui.mjs || failures=$((failures + 1))
stop
ls "$SHOTS"
[ $failures -eq 0 ] || exit 1
echo "web: all checks passed"
