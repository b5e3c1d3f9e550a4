#!/bin/bash
# Test-only dracut module for tests/e2e: the part of a kdump initramfs that
# Debian lacks (kdump-utils' kdumpbase is not packaged there).  In the crash
# kernel, around the logsage pre-pivot hook (priority 50):
#
#   pre-pivot 10  e2e-spool.sh  bind-mounts the dump disk's spool directory
#                               (the disk is the root file system, mounted
#                               at $NEWROOT by dracut) on /var/spool/logsage
#   pre-pivot 90  e2e-save.sh   saves the vmcore to the dump disk with
#                               makedumpfile -c -d 31, as kdumpbase's
#                               dump_fs does, then reboots (QEMU exits)
#
# moddir and initdir come from dracut.
# shellcheck disable=SC2154

check() {
	require_binaries makedumpfile || return 1
	return 255
}

depends() {
	echo rootfs-block
	return 0
}

install() {
	inst_multiple makedumpfile sync cut mv sed
	inst_hook pre-pivot 10 "$moddir/e2e-spool.sh"
	inst_hook pre-pivot 90 "$moddir/e2e-save.sh"
}
