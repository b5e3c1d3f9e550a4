#!/bin/sh
# pre-pivot 90 (tests/e2e): after logsage-capture (pre-pivot 50), save the
# vmcore to the dump disk the way kdumpbase's dump_fs does (makedumpfile
# into vmcore-incomplete, then rename), then reboot: there is no real root
# to switch to.  NEWROOT comes from dracut.
# shellcheck disable=SC2154
[ -e /proc/vmcore ] || return 0
e2e_uptime() {
	cut -d' ' -f1 /proc/uptime
}
crash=$NEWROOT/var/crash
echo "e2e: MemFree after the agent: $(sed -n 's/^MemFree: *//p' /proc/meminfo)" > /dev/kmsg
if [ "$(getarg e2e.vmcore=)" != skip ]; then
	echo "vmcore-start $(e2e_uptime)" >> "$crash/e2e-order"
	echo "e2e: saving the vmcore" > /dev/kmsg
	if makedumpfile -c -d 31 /proc/vmcore "$crash/vmcore-incomplete" \
		> "$crash/makedumpfile.log" 2>&1; then
		mv "$crash/vmcore-incomplete" "$crash/vmcore"
		echo "vmcore-done $(e2e_uptime)" >> "$crash/e2e-order"
		echo "e2e: vmcore saved" > /dev/kmsg
	else
		echo "e2e: makedumpfile failed" > /dev/kmsg
	fi
fi
umount /var/spool/logsage
umount "$NEWROOT"
sync
echo "e2e: rebooting" > /dev/kmsg
echo b > /proc/sysrq-trigger
