# shellcheck shell=bash
# tests/scenarios/lib.sh: what the scenario runner needs beyond
# tests/vm/lib.sh (which it sources): the per-kernel build of the vxfer
# driver, the guest's optional modules and the base initramfs.

SC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SC_TOP=$(cd "$SC_DIR/../.." && pwd)
VM_PROG=${VM_PROG:-scenarios}
# shellcheck source=SCRIPTDIR/../vm/lib.sh
. "$SC_TOP/tests/vm/lib.sh"

# Modules loaded at boot (besides virtio_pci, virtio_blk): the fw_cfg
# driver hands QEMU the VMCOREINFO note, pvpanic tells QEMU about a panic.
SC_BOOT_MODULES=(qemu_fw_cfg pvpanic_mmio virtio_net ext4)
# Modules the guest may load and unload later, as background activity.
SC_EXTRA_MODULES=(dummy tun null_blk scsi_debug loop 8021q)

# sc_extra_mods STAGE KROOT REL MODULE...: decompressed copies of MODULE...
# and their dependencies under STAGE/lib/modules/REL, plus STAGE/mods.list
# with one line per MODULE: "name dep1.ko ... name.ko" (guest paths, load
# order).  Prints nothing.
sc_extra_mods()
{
	local stage=$1 kroot=$2 rel=$3 m ko kos dst line
	shift 3

	mkdir -p "$stage/lib/modules/$rel/extra"
	: > "$stage/mods.list"
	for m in "$@"; do
		kos=$(vm_kmods "$kroot" "$rel" "$m") || exit 1
		line=$m
		for ko in $kos; do
			dst=/lib/modules/$rel/extra/${ko##*/}
			dst=${dst%.xz}
			dst=${dst%.zst}
			case $ko in
			*.xz) xz -dc "$ko" > "$stage$dst" ;;
			*.zst) zstd -qdc "$ko" > "$stage$dst" ;;
			*) cp "$ko" "$stage$dst" ;;
			esac
			line="$line $dst"
		done
		echo "$line" >> "$stage/mods.list"
	done
}

# sc_headers_install REL: install linux-headers-REL.  scripts/install-deps
# has the headers that tests/vm needs; a kernel only the corpus boots
# (6.12 cloud) gets its headers here, when the runner first needs them.
sc_headers_install()
{
	local rel=$1 pkg=linux-headers-$1 try

	for try in 1 2 3 4 5; do
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			--no-install-recommends "$pkg" > /dev/null && return 0
		vm_note "apt-get install $pkg failed (dpkg lock?), try $try of 5"
		sleep 20
	done
	vm_die "cannot install $pkg: vxfer needs /usr/src/$pkg"
}

# sc_module_build REL OUT: build tests/faults/vxfer.ko for REL into OUT.
# It is built where DKMS would build it, because WARN and BUG reports
# print the source path the compiler saw.
sc_module_build()
{
	local rel=$1 out=$2 dkms=/var/lib/dkms/vxfer/2.3.1/build hdr

	hdr=$(vm_headers_dir "$rel")
	[ -d "$hdr" ] || sc_headers_install "$rel"
	rm -rf "$dkms"
	mkdir -p "$dkms" "$out"
	cp "$SC_TOP/tests/faults/vxfer.c" "$SC_TOP/tests/faults/Kbuild" "$dkms/"
	make -C "$hdr" M="$dkms" modules > "$out/build.log" 2>&1 ||
		vm_die "vxfer build failed for $rel, see $out/build.log"
	cp "$dkms/vxfer.ko" "$out/vxfer.ko"
}

# sc_assets REL OUT: build everything one kernel needs into OUT:
# vxfer.ko (tests/faults), base.img (initramfs), vmlinuz.  Skipped when
# OUT/.done is newer than the sources.
sc_assets()
{
	local rel=$1 out=$2 kroot stage f args=() m
	local srcs=("$SC_TOP/tests/faults/vxfer.c" "$SC_TOP/tests/faults/Kbuild"
		"$SC_DIR/guest/first.sh" "$SC_DIR/lib.sh"
		"$SC_TOP/tests/vm/guest/init")

	if [ -e "$out/.done" ]; then
		local stale=0
		for f in "${srcs[@]}"; do
			[ "$f" -nt "$out/.done" ] && stale=1
		done
		[ $stale = 0 ] && return 0
	fi
	kroot=$(vm_kernel_fetch "$rel")
	mkdir -p "$out"
	sc_module_build "$rel" "$out"
	cp "$kroot/boot/vmlinuz-$rel" "$out/vmlinuz"
	stage=$(mktemp -d "$out/stage.XXXXXX")
	sc_extra_mods "$stage" "$kroot" "$rel" "${SC_EXTRA_MODULES[@]}"
	args=(-f "$out/vxfer.ko:/lib/modules/extra/vxfer.ko"
		-f "$SC_DIR/guest/first.sh:/etc/vm/first.sh"
		-f "$stage/mods.list:/etc/vm/mods.list")
	for m in "${SC_BOOT_MODULES[@]}"; do
		if modprobe -d "$kroot" -S "$rel" --show-depends "$m" |
			grep -q '^insmod'; then
			args+=(-m "$m")
		fi
	done
	for f in "$stage/lib/modules/$rel/extra"/*.ko; do
		args+=(-f "$f:/lib/modules/$rel/extra/${f##*/}")
	done
	vm_initramfs_build "$out/base.img" "$kroot" "$rel" "${args[@]}"
	rm -rf "$stage"
	touch "$out/.done"
}
