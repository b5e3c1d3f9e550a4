#!/bin/sh
# pre-pivot hook (initramfs without systemd): capture before kdump saves the
# vmcore.  --hook always returns 0, so kdump goes on whatever happens.
[ -e /proc/vmcore ] || return 0
/usr/sbin/logsage-capture --hook || :
