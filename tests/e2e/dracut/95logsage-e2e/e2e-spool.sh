#!/bin/sh
# pre-pivot 10 (tests/e2e): put logsage's spool on the persistent dump disk
# before the agent runs, and note the time and the free memory (the
# unpacked initramfs is already in it) for the order and memory checks.
# NEWROOT comes from dracut.
# shellcheck disable=SC2154
[ -e /proc/vmcore ] || return 0
mkdir -p /var/spool/logsage
if mount --bind "$NEWROOT/var/spool/logsage" /var/spool/logsage; then
	echo "e2e: spool on the dump disk" > /dev/kmsg
else
	echo "e2e: cannot bind the spool directory" > /dev/kmsg
fi
echo "agent-next $(cut -d' ' -f1 /proc/uptime)" >> "$NEWROOT/var/crash/e2e-order"
echo "e2e: MemFree before the agent: $(sed -n 's/^MemFree: *//p' /proc/meminfo) of $(sed -n 's/^MemTotal: *//p' /proc/meminfo)" > /dev/kmsg
