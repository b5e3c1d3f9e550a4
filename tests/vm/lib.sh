# shellcheck shell=bash
# tests/vm/lib.sh: boot real Debian kernels in QEMU with a busybox initramfs.
#
# Sourced by make-vmcores and by any later test that needs the same kernels
# (an end-to-end agent test, a scenario corpus).  Everything it downloads or
# builds lives under the cache, never in the tree:
#
#   $VM_CACHE/kernels/<release>/<pkgver>/   the .deb and its dpkg-deb -x tree
#   $VM_CACHE/build/<release>-<key>/        test module, initramfs images
#   $VM_CACHE/vmcores/<release>/<case>/     make-vmcores output
#
# Functions print their result on stdout and die (exit 1) with a message on
# stderr when something is missing; call them as x=$(vm_...) under set -e
# so that a death inside the command substitution stops the caller too.  Tunables, all overridable from the
# environment:
#
#   VM_CACHE        ${LOGSAGE_CACHE:-$HOME/.cache/logsage}
#   VM_MEM          guest memory in MiB (512: with KASLR, 384 sometimes
#                   leaves no 160 MiB hole for crashkernel=)
#   VM_CRASHKERNEL  crashkernel= reservation (160M)
#   VM_SMP          guest CPUs of the first kernel (2)
#   VM_TIMEOUT      hard limit for one QEMU run in seconds (600)
#   VM_ACCEL        QEMU -accel: tcg,thread=single (default), tcg or kvm

VM_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
VM_CACHE=${VM_CACHE:-${LOGSAGE_CACHE:-$HOME/.cache/logsage}}
VM_MEM=${VM_MEM:-512}
VM_CRASHKERNEL=${VM_CRASHKERNEL:-160M}
VM_SMP=${VM_SMP:-2}
VM_TIMEOUT=${VM_TIMEOUT:-600}
# Single-threaded TCG: with one host thread per vCPU (MTTCG), the 6.12
# kernel's int3-based code patching sometimes oopses at boot ("Oops: int3"
# in run_timer_softirq) on a loaded 2-core host.
VM_ACCEL=${VM_ACCEL:-tcg,thread=single}
VM_PROG=${VM_PROG:-vm}

# Host binaries copied into every initramfs, with their shared libraries.
VM_TOOLS=(/usr/sbin/kexec /usr/bin/makedumpfile /usr/sbin/vmcore-dmesg)
# Kernel modules the guest needs to see virtio disks (dependencies are
# resolved with modprobe; built-in ones are skipped).
VM_DISK_MODULES=(virtio_pci virtio_blk)

vm_die()
{
	echo "$VM_PROG: $*" >&2
	exit 1
}

vm_note()
{
	[ -z "${VM_QUIET:-}" ] || return 0
	echo "$VM_PROG: $*" >&2
}

# vm_kernels: the kernel releases listed in tests/vm/kernels.
vm_kernels()
{
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$VM_DIR/kernels" |
		awk '{ print $1 }'
}

vm_headers_dir()
{
	echo "/usr/src/linux-headers-$1"
}

# vm_pkg_version REL: version of linux-image-REL-unsigned.  The candidate
# apt knows about; without apt lists, the newest one already in the cache.
vm_pkg_version()
{
	local rel=$1 ver d

	ver=$(apt-cache policy "linux-image-$rel-unsigned" 2>/dev/null |
		awk '/Candidate:/ { print $2 }')
	if [ -n "$ver" ] && [ "$ver" != "(none)" ]; then
		echo "$ver"
		return 0
	fi
	for d in "$VM_CACHE/kernels/$rel"/*/.done; do
		[ -e "$d" ] || continue
		ver=${d%/.done}
		ver=${ver##*/}
	done
	if [ -z "$ver" ] || [ "$ver" = "(none)" ]; then
		vm_die "linux-image-$rel-unsigned: not known to apt (apt-get update?) and not in $VM_CACHE/kernels"
	fi
	echo "$ver"
}

# vm_kernel_fetch REL: download and unpack linux-image-REL-unsigned once;
# prints the unpacked root (with boot/vmlinuz-REL and lib/modules/REL,
# depmod already run).
vm_kernel_fetch()
{
	local rel=$1 ver dir pkg

	ver=$(vm_pkg_version "$rel")
	dir=$VM_CACHE/kernels/$rel/$ver
	if [ ! -e "$dir/.done" ]; then
		pkg=linux-image-$rel-unsigned
		vm_note "fetching $pkg $ver"
		rm -rf "$dir"
		mkdir -p "$dir"
		(cd "$dir" && apt-get download "$pkg=$ver") > "$dir/apt.log" 2>&1 ||
			vm_die "apt-get download $pkg=$ver failed, see $dir/apt.log"
		dpkg-deb -x "$dir"/"$pkg"_*.deb "$dir/root" ||
			vm_die "dpkg-deb -x failed in $dir"
		depmod -b "$dir/root" "$rel" || vm_die "depmod failed for $rel"
		touch "$dir/.done"
	fi
	echo "$dir/root"
}

# vm_module_build REL SRCDIR OUTDIR: build the out-of-tree module in SRCDIR
# against /usr/src/linux-headers-REL, in OUTDIR (SRCDIR is not written to).
vm_module_build()
{
	local rel=$1 src=$2 out=$3 hdr

	hdr=$(vm_headers_dir "$rel")
	[ -d "$hdr" ] ||
		vm_die "$hdr missing: install linux-headers-$rel (scripts/install-deps)"
	rm -rf "$out"
	mkdir -p "$out"
	cp "$src"/*.c "$src"/Kbuild "$out"/
	cp "$src"/*.h "$out"/ 2>/dev/null || true
	make -C "$hdr" M="$out" modules > "$out/build.log" 2>&1 ||
		vm_die "module build failed for $rel, see $out/build.log"
}

# vm_kmods KROOT REL MODULE...: the .ko files (under KROOT) that load
# MODULE... with their dependencies first, one a line, each once.
vm_kmods()
{
	local kroot=$1 rel=$2 m deps all=""
	shift 2

	for m in "$@"; do
		deps=$(modprobe -d "$kroot" -S "$rel" --show-depends "$m") ||
			vm_die "modprobe --show-depends $m failed for $rel"
		all+=$deps$'\n'
	done
	awk '$1 == "insmod" && !seen[$2]++ { print $2 }' <<< "$all"
}

# vm_copy_bin ROOT FILE...: copy executables into ROOT at the same path,
# with the shared libraries and loader that ldd names.
vm_copy_bin()
{
	local root=$1 f lib libs
	shift

	for f in "$@"; do
		mkdir -p "$root/${f%/*}"
		cp -L "$f" "$root/$f" || vm_die "cannot copy $f"
		libs=$(ldd "$f") || vm_die "ldd $f failed"
		libs=$(awk '/=> \// { print $3 } /^\t\// { print $1 }' <<< "$libs")
		while read -r lib; do
			[ -e "$root/$lib" ] && continue
			mkdir -p "$root/${lib%/*}"
			cp -L "$lib" "$root/$lib" || vm_die "cannot copy $lib"
		done <<< "$libs"
	done
}

# vm_cpio DIR OUT: DIR as a gzip'd newc archive (what the kernel unpacks).
vm_cpio()
{
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0) | gzip -6n > "$2"
}

# vm_initramfs_build OUT KROOT REL [-m MODULE]... [-f SRC:DST]...
#
# A busybox initramfs for kernel REL (unpacked at KROOT): /init from
# guest/init, busybox, $VM_TOOLS, the virtio disk modules, plus
#   -m MODULE  another module of the kernel package to load at boot
#   -f SRC:DST a host file copied to DST (e.g. a script to
#              /etc/vm/first.sh or /etc/vm/crash.sh, an extra .ko to
#              /lib/modules/extra/x.ko, an agent binary)
# Modules are decompressed, so busybox insmod can load them.
vm_initramfs_build()
{
	local out=$1 kroot=$2 rel=$3 root ko kos dst name opt
	local mods=("${VM_DISK_MODULES[@]}") files=()
	shift 3

	OPTIND=1
	while getopts m:f: opt; do
		case $opt in
		m) mods+=("$OPTARG") ;;
		f) files+=("$OPTARG") ;;
		*) vm_die "vm_initramfs_build: bad option" ;;
		esac
	done

	root=$(mktemp -d "${out%/*}/initramfs.XXXXXX")
	mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc/vm,lib/modules/extra} \
		"$root/lib/modules/$rel"
	cp /bin/busybox "$root/bin/busybox"
	cp "$VM_DIR/guest/init" "$root/init"
	chmod 755 "$root/init"
	vm_copy_bin "$root" "${VM_TOOLS[@]}"

	kos=$(vm_kmods "$kroot" "$rel" "${mods[@]}") || exit 1
	for ko in $kos; do
		name=${ko##*/}
		dst=/lib/modules/$rel/${name%.xz}
		dst=${dst%.zst}
		case $ko in
		*.xz) xz -dc "$ko" > "$root$dst" ;;
		*.zst) zstd -qdc "$ko" > "$root$dst" ;;
		*) cp "$ko" "$root$dst" ;;
		esac
		echo "$dst" >> "$root/etc/vm/modules"
	done

	for opt in "${files[@]}"; do
		dst=$root${opt#*:}
		mkdir -p "${dst%/*}"
		cp "${opt%%:*}" "$dst"
	done

	vm_cpio "$root" "$out"
	rm -rf "$root"
}

# vm_initramfs_with_crash OUT BASE VMLINUZ CRASH_INITRD: the first kernel's
# initramfs: BASE plus /crash/vmlinuz and /crash/initrd.img for kexec -p
# (concatenated archives, the kernel unpacks both).
vm_initramfs_with_crash()
{
	local out=$1 base=$2 vmlinuz=$3 crash=$4 root

	root=$(mktemp -d "${out%/*}/initramfs.XXXXXX")
	mkdir -p "$root/crash"
	cp "$vmlinuz" "$root/crash/vmlinuz"
	cp "$crash" "$root/crash/initrd.img"
	vm_cpio "$root" "$out.tail"
	cat "$base" "$out.tail" > "$out"
	rm -rf "$root" "$out.tail"
}

# vm_qemu LOG KERNEL INITRD APPEND [DISK:SERIAL]...
#
# Boot KERNEL with INITRD and APPEND under a hard timeout ($VM_TIMEOUT s),
# with each DISK (a raw image) as a virtio disk that the guest finds by
# SERIAL (vm_disk in guest/init).  Serial console goes to LOG, QEMU's own
# messages to LOG.qemu.  Returns QEMU's status: 0 when the guest powered
# off or rebooted (-no-reboot), 124 when it timed out.
vm_qemu()
{
	local log=$1 kernel=$2 initrd=$3 append=$4 d i=0 rc=0
	local args=()
	shift 4

	for d in "$@"; do
		args+=(-drive "file=${d%:*},if=none,id=d$i,format=raw,cache=unsafe"
			-device "virtio-blk-pci,drive=d$i,serial=${d##*:}")
		i=$((i + 1))
	done
	timeout -k 10 "$VM_TIMEOUT" qemu-system-x86_64 \
		-accel "$VM_ACCEL" -m "$VM_MEM" -smp "$VM_SMP" \
		-nographic -no-reboot -monitor none -serial "file:$log" \
		-nic none -kernel "$kernel" -initrd "$initrd" \
		-append "$append vm.disks=$i" \
		"${args[@]}" < /dev/null > "$log.qemu" 2>&1 || rc=$?
	return "$rc"
}
