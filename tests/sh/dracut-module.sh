#!/bin/bash
# dracut/99logsage: build real initramfs images with Debian's dracut for a
# Debian kernel (without kernel modules: the agent needs none) and check
# what the module put in them: with an upload url, the static agent, the
# uploader as a symlink to it (no libcurl or any other shared library of
# ours), config, token, spool and a unit wanted by initrd.target; without
# one, no uploader and no network module.  What logsage with upload costs
# on top of dracut's own network module (an image with that module and no
# logsage) must stay within MAX_UPLOAD_GROWTH bytes unpacked.
set -u
BUILD=${BUILD:-build/san}
: "${LOGSAGE_CACHE:=$HOME/.cache/logsage}"
if ! command -v dracut >/dev/null || ! command -v lsinitrd >/dev/null; then
	echo "skipped: dracut-core/dracut-network not installed (scripts/install-deps)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
MAX_UPLOAD_GROWTH=$((3 * 1024 * 1024))

# The agent as it would be installed: the normal (static) build.
make --no-print-directory -s BUILD=build build/logsage-capture build/logsage-upload
cp -r /usr/lib/dracut "$tmp/dracut"
cp -r dracut/99logsage "$tmp/dracut/modules.d/"
mkdir -p "$tmp/none" "$tmp/etc"
echo "s3cret-token" >"$tmp/etc/token"

build_image() {	# build_image NAME CONF [MODULES]
	dracutbasedir="$tmp/dracut" LOGSAGE_SBIN=$PWD/build LOGSAGE_CONF=$2 \
		dracut --no-kernel --no-hostonly --conf /dev/null \
		--confdir "$tmp/none" -m "${3:-base logsage}" --force \
		"$tmp/$1.img" 6.1.0-56-cloud-amd64 >"$tmp/$1.log" 2>&1 ||
		{ bad "$1: dracut failed: $(tail -5 "$tmp/$1.log")"; return 1; }
	lsinitrd "$tmp/$1.img" >"$tmp/$1.list" 2>&1
}

has() { grep -qE "$2" "$tmp/$1.list"; }

unpacked() {	# unpacked NAME: the bytes of the image's files
	mkdir -p "$tmp/u.$1"
	(cd "$tmp/u.$1" && lsinitrd --unpack "$tmp/$1.img" >/dev/null 2>&1)
	du -sb --apparent-size "$tmp/u.$1" | cut -f1
}

size_line() {	# size_line NAME: compressed and unpacked size
	echo "$(stat -c %s "$tmp/$1.img") bytes, $(unpacked "$1") unpacked"
}

printf 'url = http://10.0.2.2:8080/api/v1/bundles\ntoken_file = %s\n' \
	"$tmp/etc/token" >"$tmp/etc/upload.conf"
if build_image upload "$tmp/etc/upload.conf"; then
	for want in ' usr/sbin/logsage-capture$' \
		    ' etc/logsage/agent\.conf$' "etc/token$" \
		    ' var/spool/logsage$' \
		    'initrd\.target\.wants/logsage-capture\.service' \
		    'system/logsage-capture\.service$'; do
		has upload "$want" || bad "upload image lacks $want"
	done
	grep -q "network" "$tmp/upload.list" || bad "upload image has no network module"
	grep -qE ' usr/sbin/logsage-upload -> (\.\./sbin/|/usr/sbin/)?logsage-capture$' \
		"$tmp/upload.list" || bad "logsage-upload is not a symlink to logsage-capture"
	has upload 'libcurl|libmbed' && bad "upload image has a shared HTTP/TLS library"
	echo "image with upload: $(size_line upload)"
fi

printf 'spool_dir = /var/spool/logsage\n' >"$tmp/etc/local.conf"
if build_image local "$tmp/etc/local.conf"; then
	has local ' usr/sbin/logsage-capture$' || bad "local image lacks the agent"
	has local 'logsage-upload|libcurl' && bad "local image has the uploader"
	grep -qE '^(network|network-legacy|network-manager)$' "$tmp/local.list" &&
		bad "local image pulls in networking"
	echo "image without upload: $(size_line local)"
fi

# What logsage with upload adds beyond dracut's network module.
if [ -s "$tmp/upload.list" ] && build_image net "$tmp/etc/local.conf" "base network"; then
	echo "image with network, without logsage: $(size_line net)"
	growth=$(($(unpacked upload) - $(unpacked net)))
	echo "logsage with upload adds $growth bytes unpacked ($(($(stat -c %s "$tmp/upload.img") - $(stat -c %s "$tmp/net.img"))) compressed) to the network image"
	[ "$growth" -le $MAX_UPLOAD_GROWTH ] ||
		bad "logsage with upload adds $growth bytes unpacked, more than $MAX_UPLOAD_GROWTH"
fi
# What the agent adds to an initramfs: one static binary, the uploader
# a name for it.
ldd build/logsage-capture 2>&1 | grep -q 'not a dynamic' || bad "logsage-capture is not static"
[ "$(readlink build/logsage-upload)" = logsage-capture ] ||
	bad "build/logsage-upload is not a symlink to logsage-capture"
echo "logsage-capture size: $(stat -c %s build/logsage-capture) bytes (static; $(strip -o "$tmp/a" build/logsage-capture && stat -c %s "$tmp/a") stripped)"
exit $fail
