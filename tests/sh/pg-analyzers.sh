#!/bin/bash
# Two `logsage serve` on one PostgreSQL database, loaded at once from both
# sides with bundles of one signature, half of their ids sent to both;
# then analyzer A is killed with -9 mid-stream while B goes on.  After:
# every acknowledged bundle is stored exactly once, no id was answered 201
# by both analyzers (the database, not a process, knows duplicates), and
# the group's count is exactly the number of its crash rows.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst
ID=125c8dd23fd76995057dad70cd3ac011de34aa41121ddb5f343173aae90d2785
PER_SIDE=120	# ids each side sends; the middle half is sent by both
LOADERS=4	# concurrent clients per side

if [ -z "${LSG_TEST_PG:-}" ]; then
	echo "skipped: no PostgreSQL cluster (LSG_TEST_PG; tests/run starts one)"
	exit 77
fi
for tool in curl zstd psql; do
	command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
[ -x "$LOGSAGE" ] || { echo "no $LOGSAGE"; exit 1; }

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir

tests/lib/pg-cluster createdb "$LSG_TEST_PG" pg_analyzers || exit 1
db=$LSG_TEST_PG/pg_analyzers
sql() { psql -qtA "$db" -c "$1"; }

# start NAME: a serve on a free port; sets port[NAME] and pid[NAME].
declare -A port pid
start() {
	"$LOGSAGE" serve --listen 127.0.0.1:0 --db "$db" \
		--max-bundle 1000000 2>"$dir/$1.log" &
	pid[$1]=$!
	pids+=("${pid[$1]}")
	port[$1]=$(serve_port "$dir/$1.log")
}

token=$("$LOGSAGE" token add agent1 --db "$db" 2>/dev/null)
[ ${#token} -eq 64 ] || { echo "token add failed"; exit 1; }
optoken=$("$LOGSAGE" token add operator1 --role operator --db "$db" 2>/dev/null)
[ ${#optoken} -eq 64 ] || { echo "token add --role operator failed"; exit 1; }
start a
start b

# Side a sends ids 1..120, side b 61..180; both begin with the shared
# 61..120, so the same id often arrives at both analyzers at once.
zstd -dc $BUNDLE >"$dir/plain.json"
for i in $(seq 1 $((PER_SIDE * 3 / 2))); do
	sed "s/$ID/$(printf '%064x' "$i")/" "$dir/plain.json" >"$dir/b$i.json"
done
half=$((PER_SIDE / 2))
ids_a="$(seq $((half + 1)) $PER_SIDE) $(seq 1 $half)"
ids_b="$(seq $((half + 1)) $((PER_SIDE + half)))"

# load SIDE PORT IDS...: LOADERS clients, "id code" lines in acks.SIDE.
load() {
	local side=$1 p=$2 w
	shift 2
	for ((w = 0; w < LOADERS; w++)); do
		(
			local k=0 i
			for i in "$@"; do
				k=$((k + 1))
				[ $((k % LOADERS)) -eq "$w" ] || continue
				printf '%s %s\n' "$i" "$(curl -s -o /dev/null \
					-w '%{http_code}' -H "Authorization: Bearer $token" \
					--data-binary @"$dir/b$i.json" \
					"http://127.0.0.1:$p/api/v1/bundles")"
			done
		) >>"$dir/acks.$side.$w" 2>/dev/null &
		loaders+=($!)
	done
}
loaders=()

# shellcheck disable=SC2086
load a "${port[a]}" $ids_a
# shellcheck disable=SC2086
load b "${port[b]}" $ids_b
for _ in $(seq 600); do
	[ "$(cat "$dir"/acks.a.* 2>/dev/null | grep -c ' 20[01]$')" -ge 80 ] && break
	sleep 0.05
done
kill -9 "${pid[a]}"
wait "${pid[a]}" 2>/dev/null
wait "${loaders[@]}"
cat "$dir"/acks.a.* >"$dir/acks.a"
cat "$dir"/acks.b.* >"$dir/acks.b"

acked_a=$(grep -c ' 20[01]$' "$dir/acks.a")
acked_b=$(grep -c ' 20[01]$' "$dir/acks.b")
refused_a=$(grep -vc ' 20[01]$' "$dir/acks.a")
failed_b=$(grep -vc ' 20[01]$' "$dir/acks.b")
[ "$refused_a" -gt 0 ] || fail "a was killed after answering everything"
[ "$failed_b" -eq 0 ] || fail "b failed $failed_b requests: $(grep -v ' 20[01]$' "$dir/acks.b" | head -3)"

# Every acknowledged id is stored, once.
sort -u <(awk '$2 ~ /^20[01]$/ {print $1}' "$dir/acks.a" "$dir/acks.b") \
	>"$dir/acked"
sql "SELECT id FROM crashes" | sort >"$dir/stored"
lost=0
while read -r i; do
	grep -qx "$(printf '%064x' "$i")" "$dir/stored" || lost=$((lost + 1))
done <"$dir/acked"
[ "$lost" -eq 0 ] || fail "$lost acknowledged bundles are not stored"
rows=$(sql "SELECT count(*) FROM crashes")
distinct=$(sql "SELECT count(DISTINCT id) FROM crashes")
[ "$rows" = "$distinct" ] || fail "$rows rows for $distinct ids"

# 201 means "new": no id is new to both analyzers.
both=$(comm -12 <(awk '$2 == 201 {print $1}' "$dir/acks.a" | sort -u) \
	<(awk '$2 == 201 {print $1}' "$dir/acks.b" | sort -u) | wc -l)
[ "$both" -eq 0 ] || fail "$both ids answered 201 by both analyzers"
new=$(awk '$2 == 201' "$dir/acks.a" "$dir/acks.b" | wc -l)
[ "$new" -le "$rows" ] || fail "$new answered 201 but only $rows rows"

# The group is counted exactly: one count per crash row, none lost to a
# concurrent upsert and none for a duplicate.
groups=$(sql "SELECT count(*) FROM crash_groups")
[ "$groups" = 1 ] || fail "$groups groups for one signature"
count=$(sql "SELECT count FROM crash_groups")
in_group=$(sql "SELECT count(*) FROM crashes c JOIN crash_groups g USING (signature)")
if [ "$count" != "$rows" ] || [ "$in_group" != "$rows" ]; then
	fail "group count $count, rows in the group $in_group, rows $rows"
fi
echo "kill -9 drill: a acknowledged $acked_a then refused $refused_a, b acknowledged $acked_b; $rows rows for $(wc -l <"$dir/acked") acknowledged ids, 201 x$new, group count $count, lost $lost"

# B still answers, and sees what A stored.
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $optoken" \
	"http://127.0.0.1:${port[b]}/api/v1/crashes/$(printf '%064x' 1)")
grep -q '^1 20[01]$' "$dir/acks.a" && [ "$code" != 200 ] &&
	fail "b does not show a's crash 1: $code"
kill -TERM "${pid[b]}"
wait "${pid[b]}" || fail "b exit status $? after SIGTERM"
pids=()
grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$dir"/*.log &&
	fail "sanitizer: $(cat "$dir"/*.log)"
[ $failures -eq 0 ] || exit 1
echo "pg-analyzers: all checks passed"
