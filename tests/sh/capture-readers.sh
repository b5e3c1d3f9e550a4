#!/bin/bash
# The agent's two readers on the vmcores made by tests/vm/make-vmcores and
# tests/vm/arm64/make-vmcores (real Debian kernels crashed in QEMU):
#  - on every x86_64 ELF and kdump-compressed file, and on the ELF files of
#    other architectures (which need no address translation), --reader=fast
#    and --reader=libkdumpfile give the same bundle (log, metadata,
#    registers, VMCOREINFO: the --json output but for capture.reader and
#    the timings) and the same --dmesg;
#  - capture.reader names the reader that was used;
#  - auto picks the fast reader for x86_64 and never loads libkdumpfile
#    then (strace), and picks libkdumpfile for every other architecture;
#  - a bad reader name is one clear error, and in --hook mode costs
#    nothing: the capture goes on with auto.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
AGENT=$BUILD/logsage-capture
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

bad() {
	echo "FAIL: $*"
	fail=1
}

# The bundle without what legitimately differs from run to run and reader
# to reader.
strip() {
	jq 'del(.capture.reader, .capture.started, .capture.duration_ms)' "$1"
}

check_file() {	# check_file NAME VMCORE
	local c=$1 f=$2 r
	for r in fast libkdumpfile; do
		"$AGENT" --vmcore "$f" --reader "$r" --json >"$tmp/$r.json" \
			2>"$tmp/$r.err" || bad "$c: --reader $r: $(head -c 500 "$tmp/$r.err")"
		[ "$(jq -r .capture.reader "$tmp/$r.json")" = "$r" ] ||
			bad "$c: capture.reader is not $r"
		"$AGENT" --vmcore "$f" --reader "$r" --dmesg >"$tmp/$r.dmesg" ||
			bad "$c: --reader $r --dmesg"
	done
	[ "$(jq '.log | length' "$tmp/fast.json")" -gt 100 ] ||
		bad "$c: short log"
	[ "$(jq -r '.crash.regs.rip // .crash.regs.pc // empty' "$tmp/fast.json")" != "" ] ||
		bad "$c: no crash registers"
	cmp -s <(strip "$tmp/fast.json") <(strip "$tmp/libkdumpfile.json") ||
		bad "$c: bundles differ: $(diff <(strip "$tmp/fast.json") \
			<(strip "$tmp/libkdumpfile.json") | head -c 1500)"
	cmp -s "$tmp/fast.dmesg" "$tmp/libkdumpfile.dmesg" ||
		bad "$c: --dmesg differs between the readers"
	n=$((n + 1))
}

check_auto() {	# check_auto NAME VMCORE READER: what auto picks
	local c=$1 f=$2 want=$3
	# LeakSanitizer cannot run under ptrace; the other runs check leaks.
	ASAN_OPTIONS=detect_leaks=0 strace -f -e trace=openat -o "$tmp/trace" \
		"$AGENT" --vmcore "$f" --json >"$tmp/auto.json" 2>/dev/null ||
		bad "$c: auto failed"
	[ "$(jq -r .capture.reader "$tmp/auto.json")" = "$want" ] ||
		bad "$c: auto chose $(jq -r .capture.reader "$tmp/auto.json")"
	grep -q 'vmcore' "$tmp/trace" || bad "$c: strace saw no open"
	if [ "$want" = fast ] && grep -q libkdumpfile "$tmp/trace"; then
		bad "$c: auto loaded libkdumpfile for a dump the fast reader covers"
	fi
}

cases=$({ tests/vm/make-vmcores --list; tests/vm/arm64/make-vmcores --list; } 2>/dev/null |
	awk '$2 == "ok" || $2 == "done" {print $1}')
[ -n "$cases" ] || cases=$(for d in "$LOGSAGE_CACHE"/vmcores/*/*/; do
	[ -f "$d/DONE" ] && echo "${d%/}"; done)
check_bad_name() {	# check_bad_name VMCORE
	local f=$1 rc
	"$AGENT" --vmcore "$f" --reader=bogus --dmesg >/dev/null 2>"$tmp/err"
	rc=$?
	if [ $rc != 2 ] || ! grep -q \
		"reader must be auto, fast or libkdumpfile, not 'bogus'" "$tmp/err"; then
		bad "--reader=bogus: exit $rc, $(head -c 300 "$tmp/err")"
	fi
	"$AGENT" --hook --vmcore "$f" --reader=bogus -o "$tmp/hook.zst" \
		2>"$tmp/err" || bad "--hook --reader=bogus: exit status"
	zstd -q -d -c "$tmp/hook.zst" | jq -e '.capture.reader == "fast"' \
		>/dev/null || bad "--hook --reader=bogus: no bundle read by auto"
}

nx86=0
for d in $cases; do
	c=$(basename "$(dirname "$d")")/$(basename "$d")
	check_file "$c.elf" "$d/vmcore.elf"
	if file -L "$d/vmcore.elf" | grep -q x86-64; then
		nx86=$((nx86 + 1))
		check_file "$c.kdump" "$d/vmcore.kdump"
		check_auto "$c.kdump" "$d/vmcore.kdump" fast
		[ $nx86 != 1 ] || check_bad_name "$d/vmcore.kdump"
	else
		check_auto "$c.kdump" "$d/vmcore.kdump" libkdumpfile
	fi
done
if [ $nx86 = 0 ]; then
	echo "skipped: no x86_64 vmcores in $LOGSAGE_CACHE (run tests/vm/make-vmcores)"
	exit 77
fi
echo "$n vmcore files read alike by both readers ($nx86 x86_64 cases)"
exit $fail
