#!/bin/sh
# pre-pivot 10 (tests/e2e): put logsage's spool on the persistent dump disk
# before the agent runs, and note the time for the order check.
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
