#!/bin/sh
# tests/e2e/debian's driver in the guest (e2e-debian.service), installed
# as /usr/local/sbin/e2e-debian.  e2e.mode= on the command line:
#
#   crash   print kdump-config's state; when it is ready, oops in a module
#           (lsgoops.ko; oops=panic), so kdump-tools' crash kernel boots.
#   resend  print how logsage-resend.service ended and the spool.
#
# Every way out ends the machine (QEMU runs with -no-reboot).

say()
{
	echo "e2e-debian: $*"
}

off()
{
	systemctl --no-block poweroff
	exit 0
}

mode=$(sed -n 's/.*e2e\.mode=\([a-z]*\).*/\1/p' /proc/cmdline)
case $mode in
crash)
	state=$(kdump-config status | sed -n 's/.*current state *: *//p')
	say "kdump-config status: $state"
	say "logsage.ko record at $(cat /sys/kernel/logsage/record_phys 2>&1)"
	[ "$state" = "ready to kdump" ] || off
	modprobe lsgoops || off
	sh -c "echo poke > /proc/lsgoops"
	sleep 30
	say "still alive after the oops"
	off
	;;
resend)
	say "logsage-resend.service: $(systemctl show -p Result -p ExecMainStatus \
		logsage-resend.service | tr '\n' ' ')"
	say "spool: $(ls /var/spool/logsage | tr '\n' ' ')"
	off
	;;
*)
	say "unknown e2e.mode '$mode'"
	off
	;;
esac
