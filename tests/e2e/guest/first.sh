# shellcheck shell=dash
# Sourced by tests/vm's /init in the first kernel (busybox), with its
# helpers (vm_param, vm_disk, vm_kdump_arm, vm_say).  e2e.mode= on the
# command line says what to do:
#
#   crash   load logsage.ko with tag=e2e.tag, arm kdump with the dracut
#           crash initramfs and logsage.record=<record_phys>, then oops
#           (lsgoops.ko, oops=panic).  e2e.net=dhcp gives the crash kernel
#           ip=dhcp rd.neednet=1; e2e.net=none leaves it without network.
#   resend  a normal boot after a crash: mount the dump disk's spool on
#           /var/spool/logsage, bring up eth0 and run what
#           logsage-resend.service runs (/etc/e2e/resend.sh), under the
#           unit's conditions.

e2e_crash()
{
	tag=$(vm_param e2e.tag || echo none)
	if ! insmod /lib/modules/extra/logsage.ko tag="$tag"; then
		vm_say "insmod logsage.ko failed"
		return 0
	fi
	rec=$(cat /sys/kernel/logsage/record_phys)
	vm_say "logsage.ko loaded, tag $tag, record at $rec"
	# no_timer_check: under TCG on a loaded host the IO-APIC timer check
	# can fail and panic the crash kernel before init ("IO-APIC + timer
	# doesn't work!"); virtual machines skip it.
	append="root=LABEL=lsgdump rw rd.shell=0 rd.emergency=reboot rd.retry=30"
	append="$append no_timer_check"
	append="$append logsage.record=$rec"
	if [ "$(vm_param e2e.net)" = dhcp ]; then
		append="$append ip=dhcp rd.neednet=1"
	fi
	v=$(vm_param e2e.vmcore) && append="$append e2e.vmcore=$v"
	vm_kdump_arm "$append" || return 0
	insmod /lib/modules/extra/lsgoops.ko || return 0
	sh -c 'echo poke > /proc/lsgoops'
	sleep 5
	vm_say "still alive after the oops"
}

e2e_spool()
{
	find /var/spool/logsage -mindepth 1 | tr '\n' ' '
}

e2e_resend()
{
	dev=$(vm_disk dump) || return 0
	mkdir -p /mnt/dump /var/spool/logsage
	if ! mount -t ext4 "$dev" /mnt/dump ||
		! mount -o bind /mnt/dump/var/spool/logsage /var/spool/logsage; then
		vm_say "cannot mount the spool"
		return 0
	fi
	ip link set lo up
	if ! ip link set eth0 up || ! ip addr add 10.0.2.15/24 dev eth0 ||
		! ip route add default via 10.0.2.2; then
		vm_say "eth0 setup failed"
	fi
	vm_say "spool before resend: $(e2e_spool)"
	# logsage-resend.service: ConditionPathExists=!/proc/vmcore,
	# ConditionDirectoryNotEmpty=/var/spool/logsage.
	if [ ! -e /proc/vmcore ] && [ -n "$(e2e_spool)" ]; then
		sh /etc/e2e/resend.sh
		vm_say "resend exited $?"
	else
		vm_say "resend unit conditions not met"
	fi
	vm_say "spool after resend: $(e2e_spool)"
	umount /var/spool/logsage
	umount /mnt/dump
}

case $(vm_param e2e.mode || echo none) in
crash) e2e_crash ;;
resend) e2e_resend ;;
*) vm_say "unknown e2e.mode" ;;
esac
