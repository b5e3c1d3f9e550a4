#!/bin/bash
# logsage-capture on the real vmcores made by tests/vm/make-vmcores and
# tests/vm/arm64/make-vmcores (Debian kernels, x86_64 and arm64, crashed in
# QEMU): for each case and each format,
#  - --dmesg is byte-identical to vmcore-dmesg's output in the crash kernel;
#  - the bundle decodes, is complete, and its VMCOREINFO-derived fields and
#    the crashing task's registers equal what libkdumpfile (the reference
#    reader) reports for the same file;
#  - the same crash captured twice (ELF and kdump-compressed) has one id;
#  - flattened input is refused naming makedumpfile -R, or bundled in --hook.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
AGENT=$BUILD/logsage-capture
KDATTR=$BUILD/tests/tools/kdattr
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ncases=0

bad() {
	echo "FAIL: $*"
	fail=1
}

attr() {	# attr FILE KEY: libkdumpfile's value
	"$KDATTR" "$1" "$2" | sed -n "s/^$2=//p"
}

check_bundle() {	# check_bundle CASE FILE BUNDLE.json
	local c=$1 f=$2 j=$3 k v
	[ "$(jq -r .format "$j")" = logsage-bundle/1 ] || bad "$c: format"
	[ "$(jq -r .capture.complete "$j")" = true ] ||
		bad "$c: incomplete: $(jq -c .capture.missing "$j")"
	for k in OSRELEASE:.kernel.release BUILD-ID:.kernel.build_id \
		 CRASHTIME:.crash.time PAGESIZE:.kernel.page_size; do
		v=$(attr "$f" "linux.vmcoreinfo.lines.${k%%:*}")
		[ "$(jq -r "${k#*:}" "$j")" = "$v" ] ||
			bad "$c: ${k#*:} $(jq -r "${k#*:}" "$j") != libkdumpfile $v"
	done
	v=$(attr "$f" linux.vmcoreinfo.lines.KERNELOFFSET)
	[ "$(jq -r .kernel.kaslr_offset "$j")" = "0x$v" ] || bad "$c: kaslr_offset"
	v=$(attr "$f" linux.uts.version)
	[ "$(jq -r .kernel.version "$j")" = "$v" ] || bad "$c: uts version"
	[ "$(jq -r .vmcoreinfo "$j" | head -c 10)" = OSRELEASE= ] ||
		bad "$c: raw vmcoreinfo"
	[ "$(jq '.log | length' "$j")" -gt 100 ] || bad "$c: short log"
	[ "$(jq -r '.crash.regs.rip // .crash.regs.pc // empty' "$j")" != "" ] ||
		bad "$c: no crash registers"
	check_regs "$c" "$f" "$j"
}

check_regs() {	# check_regs CASE FILE BUNDLE.json
	local c=$1 f=$2 j=$3 pid cpu name keys=() v
	# The crashing task's pid is the one libkdumpfile's CPU note names.
	pid=$(jq -r .crash.pid "$j")
	cpu=$("$KDATTR" "$f" cpu.0.pid cpu.1.pid |
		sed -n "s/^cpu\.\([0-9]*\)\.pid=$pid$/\1/p" | head -n 1)
	if [ -z "$cpu" ]; then
		bad "$c: crash pid $pid not in any CPU note"
		return
	fi
	for name in $(jq -r '.crash.regs | keys[]' "$j"); do
		keys+=("cpu.$cpu.reg.$name")
	done
	while IFS='=' read -r name v; do
		name=${name##*.}
		[ "$(jq -r ".crash.regs.$name" "$j")" = "$(printf '0x%016x' "$v")" ] ||
			bad "$c: register $name $(jq -r ".crash.regs.$name" "$j") != libkdumpfile $v"
	done < <("$KDATTR" "$f" "${keys[@]}")
}

check_case() {	# check_case DIR
	local d=$1 c id1 id2
	c=$(basename "$(dirname "$d")")/$(basename "$d")
	ncases=$((ncases + 1))
	for f in elf kdump; do
		"$AGENT" --vmcore "$d/vmcore.$f" --dmesg >"$tmp/dmesg" ||
			bad "$c.$f: --dmesg failed"
		cmp -s "$tmp/dmesg" "$d/vmcore-dmesg.txt" ||
			bad "$c.$f: --dmesg differs from vmcore-dmesg"
		"$AGENT" --vmcore "$d/vmcore.$f" -o "$tmp/$f.zst" 2>"$tmp/err" ||
			bad "$c.$f: bundle failed: $(head -c 2000 "$tmp/err")"
		zstd -q -d -c "$tmp/$f.zst" >"$tmp/$f.json" ||
			bad "$c.$f: bundle is not zstd"
		check_bundle "$c.$f" "$d/vmcore.$f" "$tmp/$f.json"
	done
	id1=$(jq -r .id "$tmp/elf.json")
	id2=$(jq -r .id "$tmp/kdump.json")
	[ "$id1" = "$id2" ] && [ ${#id1} = 64 ] || bad "$c: ids $id1 $id2"
	if "$AGENT" --vmcore "$d/vmcore.flat" --dmesg >/dev/null 2>"$tmp/err" ||
	   ! grep -q "makedumpfile -R" "$tmp/err"; then
		bad "$c.flat: not refused with a pointer to makedumpfile -R"
	fi
	"$AGENT" --hook --vmcore "$d/vmcore.flat" -o "$tmp/flat.zst" \
		2>"$tmp/err" || bad "$c.flat: --hook exit status"
	if grep -q Sanitizer "$tmp/err"; then
		bad "$c.flat: $(head -c 2000 "$tmp/err")"
	fi
	zstd -q -d -c "$tmp/flat.zst" | jq -e '.capture.complete == false and
		(.capture.missing[0] | test("makedumpfile -R"))' >/dev/null ||
		bad "$c.flat: --hook bundle does not say why"
}

cases=$({ tests/vm/make-vmcores --list; tests/vm/arm64/make-vmcores --list; } 2>/dev/null |
	awk '$2 == "ok" || $2 == "done" {print $1}')
[ -n "$cases" ] || cases=$(for d in "$LOGSAGE_CACHE"/vmcores/*/*/; do
	[ -f "$d/DONE" ] && echo "${d%/}"; done)
if [ -z "$cases" ]; then
	echo "skipped: no vmcores in $LOGSAGE_CACHE (run tests/vm/make-vmcores)"
	exit 77
fi
for d in $cases; do
	check_case "$d"
done
echo "$ncases vmcore cases checked"
exit $fail
