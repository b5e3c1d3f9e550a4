# shellcheck shell=bash
# Sourced by tests/sh/*.sh that run `logsage serve`.

failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# serve_port LOG: the port a starting serve logs to LOG, once it listens;
# exits the test when it never does.
serve_port() {
	local port
	for _ in $(seq 200); do
		port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$1")
		[ -n "$port" ] && { echo "$port"; return 0; }
		sleep 0.1
	done
	cat "$1" >&2
	echo "server did not start" >&2
	exit 1
}

# serve_start ARGS...: "$LOGSAGE serve" on a free loopback port with ARGS,
# its stderr in $dir/serve.log; sets pid and port (the caller's).
# shellcheck disable=SC2034
serve_start() {
	: >"$dir/serve.log"
	"$LOGSAGE" serve --listen 127.0.0.1:0 "$@" 2>"$dir/serve.log" &
	pid=$!
	port=$(serve_port "$dir/serve.log")
}

# wait_log LOG PATTERN: up to 5 s for PATTERN to show in LOG.
wait_log() {
	for _ in $(seq 50); do
		grep -q "$2" "$1" && return 0
		sleep 0.1
	done
	return 1
}

# serve_tmpdir: a temporary $dir, removed on exit with every process in
# the array pids killed.
serve_tmpdir() {
	dir=$(mktemp -d)
	pids=()
	trap serve_cleanup EXIT
}

serve_cleanup() {
	local p
	for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
	rm -rf "$dir"
}

# serve_stop: SIGTERM to the server serve_start started; a failure when it
# does not exit 0 or its log shows a sanitizer's report.
serve_stop() {
	kill -TERM "$pid"
	wait "$pid" || fail "server exit status $? after SIGTERM"
	if grep -q 'ERROR: \(Address\|Leak\|UndefinedBehavior\)Sanitizer\|runtime error' \
		"$dir/serve.log"; then
		fail "sanitizer: $(cat "$dir/serve.log")"
	fi
}
