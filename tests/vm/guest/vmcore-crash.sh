# shellcheck shell=dash
# Sourced by /init in the crash kernel (see init): save the dump in every
# format the tests want and hand it to the host on three virtio disks,
# found by their QEMU serial:
#
#   "elf"   the raw ELF /proc/vmcore, as is (cat)
#   "flat"  makedumpfile -F -c -d 31 (flattened, streamed: no copy in RAM)
#   "out"   a tar stream of everything else, plus guest-info with the sizes
#           of the first two so that the host can trim them
#
# makedumpfile refuses to write a kdump file to an existing block device,
# so vmcore.kdump goes to /tmp (the crash kernel's RAM) and into the tar.

mem_free_kb()
{
	awk '/^MemFree:/ { print $2 }' /proc/meminfo
}

capture()
{
	out=/tmp/out
	log=$out/capture.log
	mkdir -p "$out"
	# rootfs may only fill half the RAM; vmcore.kdump can take more.
	mount -t tmpfs -o size=90%,mode=755 tmpfs "$out"
	elf=$(vm_disk elf) || return 1
	flat=$(vm_disk flat) || return 1
	tarf=$(vm_disk out) || return 1
	t0=$(date +%s)
	set -o pipefail

	vmcore-dmesg /proc/vmcore > "$out/vmcore-dmesg.txt" 2>> "$log" ||
		vm_say "vmcore-dmesg failed"
	makedumpfile --dump-dmesg /proc/vmcore "$out/makedumpfile-dmesg.txt" \
		>> "$log" 2>&1 || vm_say "makedumpfile --dump-dmesg failed"

	elf_size=$(stat -c %s /proc/vmcore)
	vm_say "copying /proc/vmcore ($elf_size bytes)"
	if ! cat /proc/vmcore > "$elf"; then
		vm_say "cat /proc/vmcore failed"
		return 1
	fi

	flat_size=$(makedumpfile --message-level 6 -F -c -d 31 /proc/vmcore \
		2>> "$log" | tee "$flat" | wc -c) ||
		vm_say "makedumpfile -F failed"

	free_kb=$(mem_free_kb)
	makedumpfile --message-level 6 -c -d 31 /proc/vmcore \
		"$out/vmcore.kdump" >> "$log" 2>&1 || vm_say "makedumpfile -c failed"
	{
		echo "elf_size=$elf_size"
		echo "flat_size=$flat_size"
		echo "crash_kernel_seconds=$(($(date +%s) - t0))"
		echo "crash_kernel_mem_total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)"
		echo "crash_kernel_mem_free_kb=$free_kb"
		echo "status=ok"
	} > "$out/guest-info"
	if ! tar -cf "$tarf" -C "$out" .; then
		vm_say "tar failed"
		return 1
	fi
	sync
	vm_say "capture done"
}

capture || vm_say "capture failed"
