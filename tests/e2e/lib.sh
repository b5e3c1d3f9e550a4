# shellcheck shell=bash
# tests/e2e/lib.sh: what tests/e2e/run (dracut) and tests/e2e/debian
# (Debian kdump-tools) share: cache keys, the builds of the binaries and
# of logsage.ko and lsgoops.ko, the analyzer on the host, and the checks
# of a stored bundle.  The caller sets E2E_PROG (message prefix), E2E
# (its cache directory), RUN (this run's directory), REL and BUILD.

SERVER_PID=

cleanup()
{
	[ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

say()
{
	echo "$E2E_PROG: $*"
}

fail()
{
	echo "$E2E_PROG: FAILED: $*" >&2
	exit 1
}

# key WORD...: 12 hex digits over the contents of the files and the text
# of the other words.
key()
{
	local a

	for a in "$@"; do
		if [ -f "$a" ]; then
			echo "== $a"
			sha256sum < "$a"
		else
			echo "-- $a"
		fi
	done | sha256sum | cut -c1-12
}

# files DIR...: the regular files under DIR..., sorted.
files()
{
	find "$@" -type f ! -name '*.md' | LC_ALL=C sort
}

pkgver()
{
	dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo none
}

# prune PREFIX KEEP: cache entries PREFIX-* other than KEEP are stale.
prune()
{
	find "$E2E" -mindepth 1 -maxdepth 1 -name "$1-*" ! -name "$(basename "$2")" \
		-exec rm -rf {} +
}

build_binaries()
{
	timeout 1800 make --no-print-directory -s "$BUILD/logsage-capture" \
		"$BUILD/logsage-upload" "$BUILD/logsage" > "$E2E/make.log" 2>&1 ||
		{ tail -n 20 "$E2E/make.log" >&2; fail "make failed"; }
}

# logsage.ko as `make kmod` builds it (the top-level Kbuild), built in a
# copy of the sources so that nothing is written into the tree.
build_kmod()
{
	local hdr k src

	hdr=$(vm_headers_dir "$REL")
	mapfile -t src < <(files kmod)
	k=$(key "$REL" "$(pkgver "linux-headers-$REL")" Kbuild "${src[@]}")
	KMOD=$E2E/kmod-$k
	[ -e "$KMOD/.done" ] && return 0
	say "building logsage.ko for $REL"
	rm -rf "$KMOD"
	mkdir -p "$KMOD/kmod"
	cp Kbuild "$KMOD/"
	cp kmod/*.c kmod/*.h "$KMOD/kmod/"
	timeout 600 make -C "$hdr" M="$KMOD" modules > "$KMOD/build.log" 2>&1 ||
		fail "logsage.ko build failed, see $KMOD/build.log"
	touch "$KMOD/.done"
	prune kmod "$KMOD"
}

build_lsgoops()
{
	local k src

	mapfile -t src < <(files tests/vm/module)
	k=$(key "$REL" "$(pkgver "linux-headers-$REL")" "${src[@]}")
	GOOPS=$E2E/lsgoops-$k
	[ -e "$GOOPS/.done" ] && return 0
	vm_module_build "$REL" tests/vm/module "$GOOPS"
	touch "$GOOPS/.done"
	prune lsgoops "$GOOPS"
}

# start_server: logsage serve on a free port; with E2E_TLS=1 over HTTPS,
# with a self-signed stand-in for the fleet's certificate in $RUN/ca.pem
# that the agents trust through ca_file, for the address they reach the
# host by.
start_server()
{
	local i tls=()

	TOKEN=$("$BUILD/logsage" token add e2e-agent --db "$RUN/db" 2> "$RUN/token.log") ||
		fail "logsage token add failed: $(cat "$RUN/token.log")"
	SCHEME=http
	if [ "${E2E_TLS:-0}" = 1 ]; then
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
			-nodes -keyout "$RUN/key.pem" -out "$RUN/ca.pem" -days 2 \
			-subj /CN=10.0.2.2 \
			-addext subjectAltName=IP:10.0.2.2,IP:127.0.0.1 \
			2> "$RUN/openssl.log" ||
			fail "openssl req failed: $(cat "$RUN/openssl.log")"
		tls=(--tls-cert "$RUN/ca.pem" --tls-key "$RUN/key.pem")
		SCHEME=https
	fi
	OPERATOR=$("$BUILD/logsage" token add e2e-operator --role operator \
		--db "$RUN/db" 2> "$RUN/token.log") ||
		fail "logsage token add failed: $(cat "$RUN/token.log")"
	# QEMU user networking connects the guest's 10.0.2.2 to the host's
	# loopback, so the analyzer need not listen on other addresses.
	"$BUILD/logsage" serve --listen 127.0.0.1:0 --db "$RUN/db" "${tls[@]}" \
		2> "$RUN/serve.log" &
	SERVER_PID=$!
	for i in $(seq 100); do
		PORT=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$RUN/serve.log")
		[ -n "$PORT" ] && return 0
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
	fail "logsage serve did not start: $(cat "$RUN/serve.log")"
}

# decode FILE OUT: a stored bundle (zstd frame, or the JSON itself) to JSON.
decode()
{
	if [ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' ')" = 28b52ffd ]; then
		zstd -qdc "$1" > "$2" || fail "$1: not a valid zstd frame"
	else
		cp "$1" "$2"
	fi
	jq -e . "$2" > /dev/null || fail "$1 does not decode to JSON"
}

# check_bundle JSON TAG: the bundle holds the oops and logsage.ko's record.
check_bundle()
{
	local j=$1 tag=$2 what

	jq -e '.format == "logsage-bundle/1"' "$j" > /dev/null ||
		fail "$j: format is not logsage-bundle/1"
	jq -r '.log[].text' "$j" > "$j.log"
	for what in 'BUG: kernel NULL pointer dereference' 'Oops: ' \
		'lsg_walk' 'logsage: crash record at 0x'; do
		grep -q "$what" "$j.log" || fail "$j: the log has no '$what'"
	done
	jq -e '.crash.record.crc == "ok"' "$j" > /dev/null ||
		fail "$j: crash.record is $(jq -c '.crash.record' "$j"), missing: $(jq -c '.capture.missing' "$j")"
	jq -e --arg t "$tag" '.crash.record.tag == $t' "$j" > /dev/null ||
		fail "$j: record tag $(jq '.crash.record.tag' "$j"), want $tag"
	jq -e '.crash.record.die.text | test("Oops")' "$j" > /dev/null ||
		fail "$j: record die reason is $(jq -c '.crash.record.die' "$j")"
	jq -e '.crash.record.die.cpu == .crash.panic_cpu and
		.crash.record.die.pid == .crash.pid' "$j" > /dev/null ||
		fail "$j: record die cpu/pid $(jq -c '[.crash.record.die.cpu, .crash.record.die.pid]' "$j") differ from the crash's $(jq -c '[.crash.panic_cpu, .crash.pid]' "$j")"
	grep -q "CPU: $(jq '.crash.record.die.cpu' "$j") PID: $(jq '.crash.record.die.pid' "$j") " "$j.log" ||
		fail "$j: no 'CPU: N PID: P' line in the log matching the record"
}

# stored_bundle ID OUT: the bundle as the analyzer stored it.
stored_bundle()
{
	rm -f "$2.raw"
	sqlite3 "$RUN/db" "SELECT writefile('$2.raw', bundle) FROM crashes WHERE id = '$1'" \
		> /dev/null || fail "cannot read bundle $1 from $RUN/db"
	[ -s "$2.raw" ] || fail "bundle $1 is not in $RUN/db"
	decode "$2.raw" "$2"
}

# check_vmcore FILE ID BUNDLE: FILE, a vmcore saved after the agent ran,
# is a kdump file (compressed or makedumpfile -F's flattened stream) of the
# same crash: read offline, it gives the bundle id ID and the log of BUNDLE
# (JSON), which the agent made from /proc/vmcore.  Sets VMCORE_SIZE.
check_vmcore()
{
	local f=$1 mid

	VMCORE_SIZE=$(stat -c %s "$1")
	case $(head -c 12 "$1" 2>/dev/null | tr -d '\0') in
	"KDUMP   "*) ;;
	makedumpfile)
		f=$1.kdump
		makedumpfile -R "$f" < "$1" > "$1.err" 2>&1 ||
			fail "makedumpfile -R cannot rebuild $1: $(cat "$1.err")"
		;;
	*) fail "the saved vmcore $1 is not a kdump file" ;;
	esac
	# The id covers the machine id, which the agent read from the
	# machine's /etc/machine-id; offline it has to be told.
	mid=$(jq -r '.host.machine_id // empty' "$3")
	timeout 120 "$BUILD/logsage-capture" --vmcore "$f" --json \
		${mid:+--machine-id "$mid"} > "$1.json" 2> "$1.err" ||
		fail "logsage-capture cannot read the saved vmcore $1: $(cat "$1.err")"
	[ "$(jq -r .id "$1.json")" = "$2" ] ||
		fail "the saved vmcore gives bundle id $(jq -r .id "$1.json"), not $2"
	cmp -s <(jq -c .log "$1.json") <(jq -c .log "$3") ||
		fail "the saved vmcore's log differs from the uploaded one"
}

api()
{
	local ca=()

	[ "$SCHEME" = https ] && ca=(--cacert "$RUN/ca.pem")
	curl -s --max-time 10 "${ca[@]}" -o "$RUN/api.out" -w '%{http_code}' \
		-H "Authorization: Bearer $OPERATOR" "$SCHEME://127.0.0.1:$PORT$1"
}
