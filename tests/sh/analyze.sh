#!/bin/bash
# logsage analyze on real crashes: the bundles in tests/data/bundles (made
# by logsage-capture from Debian kernels crashed in QEMU), the same crashes
# as plain vmcore-dmesg text, and as vmcores when the cache has them.
# Asserts titles, the fatal event, and that the duplicate signature is the
# same for the same bug across kernels (6.1 vs 6.12), KASLR and input form.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
L=$BUILD/logsage
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

field() { jq -r "$2" "$tmp/$1.json"; }

for b in tests/data/bundles/*.bundle; do
	n=$(basename "$b" .bundle)
	"$L" analyze --json "$b" >"$tmp/$n.json" || { bad "$n: analyze failed"; continue; }
	[ "$(field "$n" '[.events[] | select(.fatal)] | length')" = 1 ] ||
		bad "$n: not exactly one fatal event"
	case $n in
	*nullderef)
		[ "$(field "$n" .title)" = "BUG: unable to handle kernel NULL pointer dereference in lsg_walk" ] ||
			bad "$n: title $(field "$n" .title)" ;;
	*sysrq|*wrap)
		# The fatal event titles the report; syzkaller names the panic.
		[ "$(field "$n" .title)" = "sysrq: crash triggered" ] ||
			bad "$n: title $(field "$n" .title)"
		[ "$(field "$n" .syz_title)" = "kernel panic: sysrq triggered crash" ] ||
			bad "$n: syz_title $(field "$n" .syz_title)" ;;
	esac
	[ "$(field "$n" '.kernel.release')" != null ] || bad "$n: no kernel"
	[ "$(field "$n" '.signature | length')" = 32 ] || bad "$n: signature"
done
a=$(field 6.1.0-56-cloud-amd64-nullderef .signature)
b=$(field 6.12.117+deb12-amd64-nullderef .signature)
[ "$a" = "$b" ] || bad "nullderef signatures differ across kernels: $a $b"
a=$(field 6.1.0-56-cloud-amd64-sysrq .signature)
[ "$a" != "$b" ] || bad "sysrq and nullderef share a signature"

# The same crash as plain text (the crash kernel's vmcore-dmesg output) and
# as a vmcore gives the same title and signature as its bundle.
for d in "$LOGSAGE_CACHE"/vmcores/6.1.0-56-cloud-amd64/nullderef-*/; do
	[ -f "$d/DONE" ] || continue
	"$L" analyze --json "$d/vmcore-dmesg.txt" >"$tmp/text.json" ||
		bad "text analyze failed"
	# A file name the shell would run: the agent is spawned without one.
	evil="a'b\$(touch pwned);\`touch pwned2\` c"
	ln -s "$d/vmcore.kdump" "$tmp/$evil"
	(cd "$tmp" && "$OLDPWD/$L" analyze --json "$evil") >"$tmp/vmcore.json" ||
		bad "vmcore analyze failed"
	[ ! -e "$tmp/pwned" ] && [ ! -e "$tmp/pwned2" ] ||
		bad "a vmcore's file name ran a command"
	for f in text vmcore; do
		[ "$(field $f .title)" = "$(field 6.1.0-56-cloud-amd64-nullderef .title)" ] ||
			bad "$f: title $(field $f .title)"
		[ "$(field $f .signature)" = "$(field 6.1.0-56-cloud-amd64-nullderef .signature)" ] ||
			bad "$f: signature differs from the bundle's"
	done
	# The text names its kernel (the "Linux version" banner) ...
	[ "$(field text .kernel.release)" = 6.1.0-56-cloud-amd64 ] ||
		bad "text: kernel $(field text .kernel)"
	# ... and, without the banner, through syslog prefixes (a stand-in:
	# the real lines with rsyslog's prefix put in front), its task
	# header's release and the host.
	sed -e '/Linux version/d' \
	    -e 's/^\[ *[0-9.]*\] /Mar  1 12:00:00 web-17 kernel: /' \
	    "$d/vmcore-dmesg.txt" >"$tmp/syslog.txt"
	"$L" analyze --json "$tmp/syslog.txt" >"$tmp/syslog.json" ||
		bad "syslog analyze failed"
	[ "$(field syslog .kernel.release)" = 6.1.0-56-cloud-amd64 ] ||
		bad "syslog: kernel $(field syslog .kernel)"
	[ "$(field syslog .host.hostname)" = web-17 ] ||
		bad "syslog: host $(field syslog .host)"
	# With the -dbg package (tests/data/symbolize/fetch-dbg) the text is
	# symbolized as its bundle is.
	dbg=$LOGSAGE_CACHE/dbg/6.1.0-56-cloud-amd64/usr/lib/debug
	if [ -d "$dbg" ]; then
		"$L" analyze --json --debug-dir "$dbg" "$d/vmcore-dmesg.txt" \
			>"$tmp/textsym.json" || bad "text --debug-dir failed"
		[ "$(field textsym .symbolized.frames)" -gt 0 ] ||
			bad "text not symbolized: $(field textsym .symbolized)"
	fi
	break
done

# The guilty file from DWARF when the log prints no file:line (sysrq: the
# panic's generic frames are skipped), and its maintainers from the real
# MAINTAINERS file, given or found per release under a debug directory.
dbg=$LOGSAGE_CACHE/dbg/6.1.0-56-cloud-amd64/usr/lib/debug
if [ -d "$dbg" ]; then
	zstd -dcq tests/data/maintainers/MAINTAINERS-6.1.192.zst >"$tmp/MAINTAINERS"
	mkdir -p "$tmp/dd/6.1.0-56-cloud-amd64"
	cp "$tmp/MAINTAINERS" "$tmp/dd/6.1.0-56-cloud-amd64/"
	sysrq=tests/data/bundles/6.1.0-56-cloud-amd64-sysrq.bundle
	"$L" analyze --json --debug-dir "$dbg" --maintainers "$tmp/MAINTAINERS" \
		"$sysrq" >"$tmp/maint.json" || bad "--maintainers failed"
	"$L" analyze --json --debug-dir "$dbg" --debug-dir "$tmp/dd" \
		"$sysrq" >"$tmp/maintdir.json" || bad "per-release MAINTAINERS failed"
	for f in maint maintdir; do
		[ "$(field $f .guilty_file)" = drivers/tty/sysrq.c ] ||
			bad "$f: guilty $(field $f .guilty_file)"
		field $f '.maintainers[] | select(.section == "TTY LAYER" and .role == "maintainer") | .email' |
			grep -qx gregkh@linuxfoundation.org ||
			bad "$f: maintainers $(field $f -c .maintainers)"
	done
	[ "$(field 6.1.0-56-cloud-amd64-sysrq .maintainers)" = null ] ||
		bad "maintainers without a file"
fi
printf 'nothing to see here\n' | "$L" analyze --json - >"$tmp/none.json" ||
	bad "analyze of a clean log failed"
[ "$(field none .title)" = null ] && [ "$(field none '.events | length')" = 0 ] ||
	bad "a clean log has a title"
"$L" analyze /nonexistent 2>"$tmp/err" && bad "missing file accepted"
[ "$(wc -l <"$tmp/err")" = 1 ] || bad "missing file: $(cat "$tmp/err")"
exit $fail
