#!/bin/bash
# `logsage serve --tls-cert --tls-key`: the uploader, verifying the server
# with ca_file, delivers a real bundle over HTTPS; a client trusting
# another CA, and plain HTTP, get nothing; SIGHUP swaps in a new
# certificate for new connections; a reload with a key that does not
# match keeps the old pair and says why; a bad certificate at start is a
# clear error.  The certificates are made here: self-signed stand-ins,
# since a test cannot hold a CA-issued one.
set -u
BUILD=${BUILD:-build/san}
LOGSAGE=$BUILD/logsage
UPLOAD=$BUILD/logsage-upload
BUNDLE=tests/fuzz/corpus/bundle/sysrq-6.1.0-56-cloud-amd64.zst

for tool in curl openssl; do
	command -v $tool >/dev/null || { echo "skipped: no $tool"; exit 77; }
done
for bin in "$LOGSAGE" "$UPLOAD"; do
	[ -x "$bin" ] || { echo "no $bin"; exit 1; }
done

# shellcheck source=tests/lib/serve.sh
. tests/lib/serve.sh
serve_tmpdir

for n in 1 2; do
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
		-keyout "$dir/key$n.pem" -out "$dir/cert$n.pem" -days 2 \
		-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
		2>/dev/null || { echo "openssl req failed"; exit 1; }
done
cp "$dir/cert1.pem" "$dir/cert.pem"
cp "$dir/key1.pem" "$dir/key.pem"

token=$("$LOGSAGE" token add agent1 --db "$dir/db" 2>/dev/null)
[ ${#token} -eq 64 ] || { echo "token add failed"; exit 1; }
optoken=$("$LOGSAGE" token add operator1 --role operator --db "$dir/db" 2>/dev/null)
echo "$token" >"$dir/token"

# A certificate file that is not PEM is refused at start, by name.
echo garbage >"$dir/bad.pem"
if "$LOGSAGE" serve --listen 127.0.0.1:0 --db "$dir/db" \
	--tls-cert "$dir/bad.pem" --tls-key "$dir/key1.pem" 2>"$dir/bad.log"; then
	fail "serve started with a garbage certificate"
fi
grep -q "tls: certificate $dir/bad.pem" "$dir/bad.log" ||
	fail "bad certificate error: $(cat "$dir/bad.log")"

serve_start --db "$dir/db" --tls-cert "$dir/cert.pem" --tls-key "$dir/key.pem"
pids+=("$pid")
url=https://127.0.0.1:$port

# code CA PATH: the status of a GET verified against CA ("000": no TLS).
code() {
	curl -s -o /dev/null -w '%{http_code}' --cacert "$1" \
		-H "Authorization: Bearer $optoken" "$url$2"
}

# The agent's uploader, verifying the server with ca_file.
mkdir "$dir/spool"
cp "$BUNDLE" "$dir/spool/a.bundle"
"$UPLOAD" --config /dev/null --url "$url/api/v1/bundles" \
	--token_file "$dir/token" --ca_file "$dir/cert1.pem" \
	--spool_dir "$dir/spool" 2>"$dir/upload.log" ||
	fail "upload over TLS: $(cat "$dir/upload.log")"
grep -q '1 sent' "$dir/upload.log" || fail "upload: $(cat "$dir/upload.log")"
[ "$(code "$dir/cert1.pem" /api/v1/crashes)" = 200 ] || fail "GET over TLS"
curl -s "$url/api/v1/crashes" --cacert "$dir/cert1.pem" \
	-H "Authorization: Bearer $optoken" | grep -q '"id":"' ||
	fail "the uploaded crash is not listed"
[ "$(code "$dir/cert2.pem" /api/v1/crashes)" = 000 ] ||
	fail "a client trusting another CA got through"
# Over HTTPS the web UI's session cookie is Secure too.
curl -s -o /dev/null -D "$dir/signin.h" --cacert "$dir/cert1.pem" \
	--data "token=$optoken" "$url/login"
grep -i '^set-cookie:' "$dir/signin.h" | grep -q '; Secure' ||
	fail "session cookie over HTTPS: $(grep -i '^set-cookie:' "$dir/signin.h")"
plain=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/crashes")
case $plain in 2*) fail "plain HTTP answered $plain" ;; esac

# SIGHUP: the new pair for new connections, no restart.
cp "$dir/cert2.pem" "$dir/cert.pem"
cp "$dir/key2.pem" "$dir/key.pem"
kill -HUP "$pid"
wait_log "$dir/serve.log" 'reloaded the TLS certificate'
[ "$(code "$dir/cert2.pem" /api/v1/crashes)" = 200 ] || fail "new certificate after SIGHUP"
[ "$(code "$dir/cert1.pem" /api/v1/crashes)" = 000 ] || fail "old certificate after SIGHUP"

# upload_refused CA WHY: the uploader trusting CA gets no TLS session, says
# WHY, and keeps the bundle.
upload_refused() {
	cp "$BUNDLE" "$dir/spool/b.bundle"
	"$UPLOAD" --config /dev/null --url "$url/api/v1/bundles" \
		--token_file "$dir/token" --ca_file "$1" --retries 0 \
		--spool_dir "$dir/spool" 2>"$dir/refused.log" &&
		fail "upload trusting $1 exited 0"
	if ! grep -q "$2" "$dir/refused.log" || [ ! -f "$dir/spool/b.bundle" ]; then
		fail "upload trusting $1: $(cat "$dir/refused.log")"
	fi
}
upload_refused "$dir/cert1.pem" "server certificate not trusted"

# A key that is not the certificate's: refused, the old pair stays.
cp "$dir/key1.pem" "$dir/key.pem"
kill -HUP "$pid"
wait_log "$dir/serve.log" 'keeping the old certificate'
grep -q "the key in $dir/key.pem is not the certificate's" "$dir/serve.log" ||
	fail "mismatched key reload: $(tail -n 2 "$dir/serve.log")"
[ "$(code "$dir/cert2.pem" /api/v1/crashes)" = 200 ] || fail "serving after a failed reload"

# A certificate for another address: trusted, but not this server's.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
	-keyout "$dir/key.pem" -out "$dir/cert.pem" -days 2 \
	-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.2 2>/dev/null
kill -HUP "$pid"
for _ in $(seq 50); do
	[ "$(grep -c 'reloaded the TLS certificate' "$dir/serve.log")" -ge 2 ] && break
	sleep 0.1
done
upload_refused "$dir/cert.pem" "certificate is not for 127.0.0.1"

kill -TERM "$pid"
wait "$pid"
rc=$?
pids=()
[ $rc -eq 0 ] || fail "server exit status $rc after SIGTERM"
grep -q 'ERROR: \(Address\|Leak\)Sanitizer' "$dir/serve.log" &&
	fail "sanitizer: $(cat "$dir/serve.log")"
[ $failures -eq 0 ] || exit 1
echo "tls: all checks passed"
