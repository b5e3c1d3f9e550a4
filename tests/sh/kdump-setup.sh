#!/bin/bash
# scripts/logsage-kdump-setup on a root holding Debian's real kdump-tools
# package files (and, for the dracut path, a kdump.conf): what it installs,
# that kdump-config's shell sourcing of /etc/default/kdump-tools yields the
# crash kernel's command line with logsage.record=, and that --uninstall
# restores every file it changed.
set -u
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

debs=$LOGSAGE_CACHE/debs
mkdir -p "$debs"
deb=$(ls "$debs"/kdump-tools_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
	(cd "$debs" && apt-get download kdump-tools >/dev/null 2>&1)
	deb=$(ls "$debs"/kdump-tools_*.deb 2>/dev/null | head -1)
fi
[ -n "$deb" ] || { echo "FAIL: cannot download kdump-tools"; exit 1; }
make --no-print-directory -s BUILD=build build/logsage-capture build/logsage-upload

root=$tmp/root
dpkg-deb -x "$deb" "$root"
# The package's postinst makes /etc/default/kdump-tools from this template.
cp "$root/usr/share/kdump-tools/kdump-tools.conf" "$root/etc/default/kdump-tools"
cp "$root/etc/default/kdump-tools" "$tmp/defaults.orig"
printf 'path /var/crash\ncore_collector makedumpfile -l -d 31\n' >"$root/etc/kdump.conf"
cp "$root/etc/kdump.conf" "$tmp/kdump.conf.orig"

scripts/logsage-kdump-setup --root "$root" --build build \
	--url http://analyzer:8080/api/v1/bundles --token-file /etc/logsage/token \
	--tag rack7 >"$tmp/out" 2>&1 || bad "setup failed: $(cat "$tmp/out")"
for f in usr/sbin/logsage-capture usr/sbin/logsage-upload \
	 etc/logsage/agent.conf etc/systemd/system/logsage-capture.service \
	 etc/systemd/system/logsage-resend.service \
	 etc/systemd/system/kdump-tools-dump.service.wants/logsage-capture.service \
	 etc/systemd/system/multi-user.target.wants/logsage-resend.service \
	 etc/systemd/system/kdump-tools.service.d/logsage.conf \
	 usr/lib/dracut/modules.d/99logsage/module-setup.sh; do
	[ -e "$root/$f" ] || bad "not installed: $f"
done
[ "$(readlink "$root/usr/sbin/logsage-upload")" = logsage-capture ] ||
	bad "usr/sbin/logsage-upload is not a symlink to logsage-capture"
grep -q '^url = http://analyzer:8080/api/v1/bundles$' "$root/etc/logsage/agent.conf" ||
	bad "agent.conf lacks the url"
grep -q '^UnsetEnvironment=KDUMP_CMDLINE_APPEND$' \
	"$root/etc/systemd/system/kdump-tools.service.d/logsage.conf" ||
	bad "kdump-tools.service keeps the EnvironmentFile's unexpanded KDUMP_CMDLINE_APPEND"
grep -q '^dracut_args --add logsage$' "$root/etc/kdump.conf" ||
	bad "kdump.conf lacks dracut_args --add logsage"

# kdump-config sources the defaults file with sh; emulate it, with the
# module's sysfs file pointed at a test file.
echo 0x1f2e3000 >"$tmp/record_phys"
append=$(sed "s|/sys/kernel/logsage/record_phys|$tmp/record_phys|" \
	"$root/etc/default/kdump-tools" >"$tmp/defaults" &&
	sh -c ". $tmp/defaults; echo \"\$KDUMP_CMDLINE_APPEND\"")
case $append in
*"systemd.unit=kdump-tools-dump.service"*"logsage.record=0x1f2e3000"*) ;;
*) bad "KDUMP_CMDLINE_APPEND is '$append'" ;;
esac
# Without the module loaded the defaults still stand, with no stray key.
append=$(sh -c ". $root/etc/default/kdump-tools; echo \"\$KDUMP_CMDLINE_APPEND\"")
case $append in
*logsage.record*|"") bad "without the module: '$append'" ;;
esac
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify --root="$root" \
		"$root/etc/systemd/system/logsage-capture.service" \
		"$root/etc/systemd/system/logsage-resend.service" >"$tmp/verify" 2>&1 ||
		grep -v "kdump-tools-dump.service\|Failed to\|ConditionDirectoryNotEmpty" "$tmp/verify" |
		grep -q . && bad "systemd-analyze: $(head -5 "$tmp/verify")"
fi

# Twice is the same as once.
scripts/logsage-kdump-setup --root "$root" --build build >/dev/null 2>&1
[ "$(grep -c 'logsage-kdump-setup' "$root/etc/default/kdump-tools")" = 1 ] ||
	bad "setup twice added the block twice"

scripts/logsage-kdump-setup --uninstall --root "$root" >/dev/null 2>&1 ||
	bad "uninstall failed"
cmp -s "$root/etc/default/kdump-tools" "$tmp/defaults.orig" ||
	bad "uninstall did not restore /etc/default/kdump-tools"
cmp -s "$root/etc/kdump.conf" "$tmp/kdump.conf.orig" ||
	bad "uninstall did not restore /etc/kdump.conf"
for f in usr/sbin/logsage-capture usr/sbin/logsage-upload \
	 etc/systemd/system/logsage-capture.service \
	 usr/lib/dracut/modules.d/99logsage; do
	{ [ -e "$root/$f" ] || [ -L "$root/$f" ]; } && bad "not removed: $f"
done
exit $fail
