# shellcheck shell=bash
# Sourced by tests/sh/*.sh: serve_start ARGS... starts "$LOGSAGE serve" on
# a free loopback port with ARGS, its stderr in $dir/serve.log, and sets
# pid and port (or exits 1 when it does not come up).
serve_start() {
	: >"$dir/serve.log"
	"$LOGSAGE" serve --listen 127.0.0.1:0 "$@" 2>"$dir/serve.log" &
	pid=$!
	for _ in $(seq 100); do
		port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' \
			"$dir/serve.log")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	cat "$dir/serve.log"
	echo "server did not start"
	exit 1
}
