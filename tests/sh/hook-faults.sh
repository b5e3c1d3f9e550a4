#!/bin/bash
# Fault injection for the kdump hook (issue 20): the real agent
# (logsage-capture --hook, which execs logsage-upload) on a real vmcore,
# against a real `logsage serve`, with each fault of the issue: bad
# configuration, a missing, read-only or full spool, a corrupt dump header,
# a stalled dump, an analyzer that never answers, HTTP 429 and 500, a TLS
# failure, and partial dumps of different crashes.  Every case asserts exit
# status 0, the time against the deadline, and that the crash was delivered
# (asked of the server's API) or is in a spool.  A table of the cases ends
# the output.  The misbehaving analyzers are tests/tools/httpstub, a
# hand-made stand-in: a real server cannot be made to hang or answer 429.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
AGENT=$BUILD/logsage-capture
UPLOADER=$BUILD/logsage-upload
LOGSAGE=$BUILD/logsage
STUB=$BUILD/tests/tools/httpstub
SLACK_MS=3000
export ASAN_OPTIONS=detect_leaks=1:exitcode=86
export UBSAN_OPTIONS=halt_on_error=1:exitcode=86:print_stacktrace=1

for tool in curl zstd jq; do
	command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
for b in "$AGENT" "$UPLOADER" "$LOGSAGE" "$STUB"; do
	[ -x "$b" ] || { echo "no $b"; exit 1; }
done
VMDIRS=$(for d in "$LOGSAGE_CACHE"/vmcores/*/*/; do
	[ -f "$d/DONE" ] && echo "${d%/}"; done)
if [ -z "$VMDIRS" ]; then
	echo "skipped: no vmcores in $LOGSAGE_CACHE (run tests/vm/make-vmcores)"
	exit 77
fi
VMCORE=$(echo "$VMDIRS" | head -1)/vmcore.kdump

tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
failures=0
table=()

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# start_bg NAME CMD...: run CMD with stdout and stderr in $tmp/NAME.log and
# wait for its "port N" / "listening on port N"; sets $port.
start_bg() {
	local name=$1
	shift
	"$@" >"$tmp/$name.log" 2>&1 &
	pids+=($!)
	for _ in $(seq 100); do
		port=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$tmp/$name.log" |
			head -1)
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	cat "$tmp/$name.log"
	echo "$name did not start"
	exit 1
}

"$LOGSAGE" token add agent1 --db "$tmp/db" >"$tmp/token" 2>/dev/null
[ "$(wc -c <"$tmp/token")" -ge 64 ] || { echo "token add failed"; exit 1; }
# Reading the API back needs an operator's token.
"$LOGSAGE" token add reader --role operator --db "$tmp/db" >"$tmp/reader" 2>/dev/null
READ=(-H "Authorization: Bearer $(cat "$tmp/reader")")
start_bg serve "$LOGSAGE" serve --listen 127.0.0.1:0 --db "$tmp/db"
URL=http://127.0.0.1:$port/api/v1/bundles
API=http://127.0.0.1:$port/api/v1
start_bg hang "$STUB" hang
HANG=http://127.0.0.1:$port/api/v1/bundles
start_bg s429 "$STUB" 429
S429=http://127.0.0.1:$port/api/v1/bundles
start_bg s500 "$STUB" 500
S500=http://127.0.0.1:$port/api/v1/bundles

delivered() {	# delivered ID: the server has it
	[ "$(curl -s "${READ[@]}" -o /dev/null -w '%{http_code}' "$API/crashes/$1")" = 200 ]
}

# run_case NAME DEADLINE CMD...: run, time and check one case; the agent's
# stderr is in $tmp/NAME.err.  Sets $rc and $ms.
run_case() {
	local name=$1 deadline=$2 t0
	shift 2
	t0=$(date +%s%N)
	"$@" 2>"$tmp/$name.err"
	rc=$?
	ms=$((($(date +%s%N) - t0) / 1000000))
	[ $rc = 0 ] || fail "$name: exit status $rc: $(tail -c 1500 "$tmp/$name.err")"
	[ $ms -le $((deadline * 1000 + SLACK_MS)) ] ||
		fail "$name: $ms ms, deadline $deadline s"
	if grep -qE "Sanitizer|runtime error" "$tmp/$name.err"; then
		fail "$name: $(head -c 3000 "$tmp/$name.err")"
	fi
}

# where NAME ID DIR...: where the bundle ID is: "delivered", or a spool
# directory, or "console" when only the console line has it.
where() {
	local name=$1 id=$2 d
	shift 2
	if [ -n "$id" ] && delivered "$id"; then
		echo delivered
		return
	fi
	for d in "$@"; do
		if [ -n "$id" ] && [ -f "$d/$id.bundle" ]; then
			echo "${d#"$tmp"/}"
			return
		fi
	done
	grep -q "bundle $id saved nowhere" "$tmp/$name.err" 2>/dev/null &&
		[ -n "$id" ] && echo console && return
	echo lost
}

# bundle_id NAME: the id the agent reported for this case.
bundle_id() {
	sed -n 's/.*bundle \(.*\/\)\{0,1\}\([0-9a-f]\{64\}\)\(\.bundle\)\{0,1\} .*/\2/p' \
		"$tmp/$1.err" | head -1
}

record() {	# record NAME WHERE [WANT...]: one table row, checked
	local name=$1 got=$2 w ok=0
	shift 2
	for w in "$@"; do
		[ "$got" = "$w" ] && ok=1
	done
	[ $ok = 1 ] || fail "$name: bundle is $got, want one of: $*"
	table+=("$(printf '%-22s %4s %7s  %s' "$name" "$rc" "$ms" "$got")")
}

# bundle_json NAME ID DIR: the bundle's JSON, from the server or DIR.
bundle_json() {
	if delivered "$2"; then
		curl -s "${READ[@]}" "$API/crashes/$2"
	elif [ -f "$3/$2.bundle" ]; then
		zstd -q -d -c "$3/$2.bundle"
	fi
}

agent() {	# agent NAME SPOOL ARG...: the hook as kdump runs it
	local name=$1 spool=$2
	shift 2
	"$AGENT" --hook --vmcore "$VMCORE" --spool-dir "$spool" \
		--token-file "$tmp/token" --machine-id "$name" "$@"
}

# --- configuration problems: defaults, recorded, still delivered ---
cfgcase() {	# cfgcase NAME CONFIG-TEXT|"" EXPECTED-ERROR
	local name=$1 text=$2 want=$3 conf=$tmp/$1.conf id
	if [ "$text" != missing ]; then
		printf "$text" >"$conf"
	fi
	run_case "$name" 60 agent "$name" "$tmp/$name.spool" --config "$conf" \
		--url "$URL"
	id=$(bundle_id "$name")
	grep -q "config: .*$want" "$tmp/$name.err" ||
		fail "$name: no console line about '$want'"
	record "$name" "$(where "$name" "$id" "$tmp/$name.spool")" delivered
}
cfgcase config-bogus-key 'bogus_key = 1\n' "unknown key 'bogus_key'"
cfgcase config-deadline-neg 'deadline = -5\n' "'deadline' must be"
cfgcase config-nul-byte 'url = x\0y\n' "NUL byte in line"
cfgcase config-missing missing "No such file"
# The recorded problems are in the bundle (checked in a spool-only run).
agent config-in-bundle "$tmp/cib" --config "$tmp/config-bogus-key.conf" \
	2>"$tmp/cib.err"
id=$(bundle_id cib)
zstd -q -d -c "$tmp/cib/$id.bundle" | jq -e \
	'.capture.config_errors[0] | test("bogus_key")' >/dev/null ||
	fail "config errors are not in the bundle"
# Without --hook a config error is still a hard error.
"$AGENT" --config "$tmp/config-bogus-key.conf" --vmcore "$VMCORE" \
	-o "$tmp/x.zst" 2>/dev/null && fail "config error without --hook: exit 0"

# --- spools: missing, read-only, not a directory, full ---
run_case spool-missing 60 agent spool-missing "$tmp/new/a/b" --url "$URL"
record spool-missing "$(where spool-missing "$(bundle_id spool-missing)")" delivered
run_case spool-missing-offline 60 agent spool-missing-offline "$tmp/new2/a"
record spool-missing-offline "$(where spool-missing-offline \
	"$(bundle_id spool-missing-offline)" "$tmp/new2/a")" new2/a

mkdir -p "$tmp/dump"
ln -s "$VMCORE" "$tmp/dump/vmcore"
: >"$tmp/notadir"
run_case spool-not-a-dir 60 "$AGENT" --hook --vmcore "$tmp/dump/vmcore" \
	--spool-dir "$tmp/notadir/spool" --token-file "$tmp/token" \
	--machine-id spool-not-a-dir
id=$(bundle_id spool-not-a-dir)
record spool-not-a-dir "$(where spool-not-a-dir "$id" "$tmp/dump")" dump
zstd -q -d -c "$tmp/dump/$id.bundle" | jq -e '.capture.spool_error |
	test("Not a directory")' >/dev/null || fail "spool-not-a-dir: no spool_error"
rm -f "$tmp/dump/$id.bundle"

# A mount namespace gives a read-only bind and a small tmpfs without
# touching the host; unprivileged users get one through a user namespace.
NS=""
for ns in "unshare -m" "unshare -r -m"; do
	if $ns true 2>/dev/null; then
		NS=$ns
		break
	fi
done
if [ -n "$NS" ]; then
	# in_ns SETUP CMD...: run CMD in a private mount namespace after SETUP.
	in_ns() {
		local setup=$1
		shift
		$NS sh -c "$setup && exec \"\$@\"" sh "$@"
	}
	mkdir -p "$tmp/ro"
	run_case spool-read-only 60 in_ns "mount --bind $tmp/ro $tmp/ro && mount -o remount,bind,ro $tmp/ro" \
		"$AGENT" --hook --vmcore "$tmp/dump/vmcore" --spool-dir "$tmp/ro" \
		--token-file "$tmp/token" --url "$URL" --machine-id ro
	record spool-read-only "$(where spool-read-only \
		"$(bundle_id spool-read-only)" "$tmp/dump")" delivered
	mkdir -p "$tmp/full"
	# The spool on a full disk: the dump's directory takes the bundle.
	run_case spool-full 60 in_ns "mount -t tmpfs -o size=8k none $tmp/full && head -c 8192 /dev/zero >$tmp/full/fill || true" \
		"$AGENT" --hook --vmcore "$tmp/dump/vmcore" \
		--spool-dir "$tmp/full/spool" --token-file "$tmp/token" \
		--machine-id full
	record spool-full "$(where spool-full "$(bundle_id spool-full)" \
		"$tmp/dump")" dump
	rm -f "$tmp"/dump/*.bundle
	# Spool and fallback full: the upload goes from memory.
	run_case all-disks-full 60 in_ns "mount -t tmpfs -o size=8k none $tmp/full && head -c 8192 /dev/zero >$tmp/full/fill || true" \
		"$AGENT" --hook --vmcore "$VMCORE" --spool-dir "$tmp/full/spool" \
		--fallback-dir "$tmp/full/fallback" --token-file "$tmp/token" \
		--url "$URL" --machine-id all-full
	id=$(bundle_id all-disks-full)
	grep -q "bundle $id saved nowhere: host .* kernel " \
		"$tmp/all-disks-full.err" || fail "all-disks-full: no console summary"
	record all-disks-full "$(where all-disks-full "$id")" delivered
	run_case all-disks-full-offline 60 in_ns "mount -t tmpfs -o size=8k none $tmp/full && head -c 8192 /dev/zero >$tmp/full/fill || true" \
		"$AGENT" --hook --vmcore "$VMCORE" --spool-dir "$tmp/full/spool" \
		--fallback-dir "$tmp/full/fallback" --machine-id all-full-offline
	record all-disks-full-offline "$(where all-disks-full-offline \
		"$(bundle_id all-disks-full-offline)")" console
elif [ "${LOGSAGE_CI:-0}" = 1 ]; then
	fail "no mount namespace for the read-only and full spool cases"
else
	echo "note: read-only and full spool cases skipped: no mount namespace"
fi

# --- one corrupt byte in the kdump header (utsname.machine) ---
flip_byte() {	# flip byte at OFFSET of FILE into OUT (XOR 0x80)
	local b
	cp "$1" "$3"
	b=$(od -An -tu1 -j "$2" -N1 "$1" | tr -d ' ')
	printf "$(printf '\\%03o' $((b ^ 128)))" |
		dd of="$3" bs=1 seek="$2" conv=notrunc status=none
}
flip_byte "$VMCORE" 273 "$tmp/corrupt.kdump"
run_case corrupt-header 60 "$AGENT" --hook --vmcore "$tmp/corrupt.kdump" \
	--spool-dir "$tmp/corrupt.spool" --token-file "$tmp/token" --url "$URL" \
	--machine-id corrupt
id=$(bundle_id corrupt-header)
record corrupt-header "$(where corrupt-header "$id" "$tmp/corrupt.spool")" delivered
# The header's machine name is garbled, the CPU notes still tell x86_64:
# the whole log is read, and the name comes from the kernel's memory.
clean=$("$AGENT" --vmcore "$VMCORE" --json 2>/dev/null | jq '.log | length')
"$AGENT" --hook --vmcore "$tmp/corrupt.kdump" --json 2>/dev/null | jq -e \
	--argjson n "$clean" '.kernel.arch == "x86_64" and (.log | length) == $n' \
	>/dev/null || fail "corrupt-header: the log was not read whole"
# Metadata that is not UTF-8 is kept by the latin1 rule.
"$AGENT" --vmcore "$VMCORE" --json --tag "$(printf 'rack\377')" 2>/dev/null |
	jq -e '.host.tag_encoding == "latin1" and .host.tag == "rack\u00ff"' \
	>/dev/null || fail "a tag that is not UTF-8 was not kept by the latin1 rule"

# --- an analyzer that accepts and never answers ---
run_case analyzer-hangs 8 agent analyzer-hangs "$tmp/hang.spool" --url "$HANG" \
	--deadline 8
record analyzer-hangs "$(where analyzer-hangs "$(bundle_id analyzer-hangs)" \
	"$tmp/hang.spool")" hang.spool
# logsage-upload alone keeps its own deadline the same way.
run_case upload-hangs 4 "$UPLOADER" --hook --spool-dir "$tmp/hang.spool" \
	--url "$HANG" --token-file "$tmp/token" --deadline 4 --timeout 20
record upload-hangs "$(where upload-hangs "$(bundle_id analyzer-hangs)" \
	"$tmp/hang.spool")" hang.spool

# --- HTTP 429 and 500: kept in the spool, delivered by the resend ---
for s in 429 500; do
	u=S$s
	run_case "http-$s" 15 agent "http-$s" "$tmp/s$s.spool" --url "${!u}" \
		--deadline 15 --retries 2
	id=$(bundle_id "http-$s")
	record "http-$s" "$(where "http-$s" "$id" "$tmp/s$s.spool")" "s$s.spool"
	[ "$(grep -c '^request' "$tmp/s$s.log")" -ge 3 ] ||
		fail "http-$s: not retried: $(cat "$tmp/s$s.log")"
	run_case "resend-after-$s" 60 "$AGENT" --resend --hook --deadline 60 \
		--spool-dir "$tmp/s$s.spool" --url "$URL" --token-file "$tmp/token"
	record "resend-after-$s" "$(where "resend-after-$s" "$id" "$tmp/s$s.spool")" delivered
done

# --- TLS failure: https to a plain HTTP server, and no CA for it ---
run_case tls-failure 10 agent tls-failure "$tmp/tls.spool" \
	--url "https://127.0.0.1:${URL#http://127.0.0.1:}" --deadline 10
record tls-failure "$(where tls-failure "$(bundle_id tls-failure)" \
	"$tmp/tls.spool")" tls.spool

# --- a stalled dump: a FIFO nobody writes ---
mkfifo "$tmp/stalled"
run_case stalled-dump 1 "$AGENT" --hook --vmcore "$tmp/stalled" \
	--spool-dir "$tmp/stall.spool" --deadline 1 --url "$URL" \
	--token-file "$tmp/token"
id=$(bundle_id stalled-dump)
record stalled-dump "$(where stalled-dump "$id" "$tmp/stall.spool")" \
	stall.spool delivered
bundle_json stalled-dump "$id" "$tmp/stall.spool" | jq -e '
	[.capture.missing[] | select(. == "deadline reached while reading the dump")]
	| length == 1' >/dev/null || fail "stalled-dump: no 'deadline reached while reading the dump'"

# --- partial dumps of different crashes: one id each, all delivered ---
ids=""
n=0
for d in $VMDIRS; do
	n=$((n + 1))
	head -c 4096 "$d/vmcore.kdump" >"$tmp/part$n"
	run_case "partial-4k-$n" 60 "$AGENT" --hook --vmcore "$tmp/part$n" \
		--spool-dir "$tmp/part.spool" --url "$URL" --token-file "$tmp/token"
	id=$(bundle_id "partial-4k-$n")
	ids="$ids $id"
	record "partial-4k-$n" "$(where "partial-4k-$n" "$id" "$tmp/part.spool")" delivered
	[ $n -ge 3 ] && break
done
[ "$(echo "$ids" | tr ' ' '\n' | sed '/^$/d' | sort -u | wc -l)" = $n ] ||
	fail "partial dumps share an id:$ids"
# The same whole dump captured twice: one id.
"$AGENT" --vmcore "$VMCORE" --json 2>/dev/null | jq -r .id >"$tmp/id1"
"$AGENT" --vmcore "$VMCORE" --json 2>/dev/null | jq -r .id >"$tmp/id2"
cmp -s "$tmp/id1" "$tmp/id2" && [ "$(wc -c <"$tmp/id1")" = 65 ] ||
	fail "the same dump gives two ids"

# --- a hostname with an embedded NUL is stored whole ---
"$AGENT" --vmcore "$VMCORE" --json --machine-id nul-host 2>/dev/null |
	jq -c '.host.hostname = "node\u0000b"' >"$tmp/nul.json"
id=$(jq -r .id "$tmp/nul.json")
curl -s -o /dev/null -H "Authorization: Bearer $(cat "$tmp/token")" \
	--data-binary @"$tmp/nul.json" "$URL"
curl -s "${READ[@]}" "$API/crashes/$id" | jq -e '.host == "node\u0000b"' >/dev/null ||
	fail "hostname with NUL: stored as $(curl -s "${READ[@]}" "$API/crashes/$id" | jq -c .host)"

# --- logsage analyze on a FIFO with no writer: a bounded wait ---
mkfifo "$tmp/nowriter"
rc=0
t0=$(date +%s%N)
timeout 30 "$LOGSAGE" analyze --wait 1 "$tmp/nowriter" \
	>/dev/null 2>"$tmp/fifo.err" || rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
[ $rc = 124 ] && fail "analyze on a FIFO without writer hangs"
grep -q "no data" "$tmp/fifo.err" || fail "analyze on a FIFO: $(cat "$tmp/fifo.err")"
table+=("$(printf '%-22s %4s %7s  %s' analyze-fifo "$rc" "$ms" "error: $(head -c 60 "$tmp/fifo.err")")")

echo
printf '%-22s %4s %7s  %s\n' case exit ms "where the bundle ended up"
printf '%s\n' "${table[@]}"
grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$tmp/serve.log" &&
	fail "server sanitizer: $(cat "$tmp/serve.log")"
[ $failures -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "hook-faults: all cases passed"
