# shellcheck shell=dash
# Sourced by /init in the first kernel (see init): arm kdump, then crash
# the way vm.scenario= on the command line says.  Reaching the end means
# the crash did not happen; /init then powers off and the host reports it.

# wrap_kmsg N: write N lines of varied length and level to /dev/kmsg so the
# printk ring wraps (needs printk.devkmsg=on: no rate limit).  4600 lines
# wrap both the 128 KiB data ring and the 4096-entry descriptor ring.
wrap_kmsg()
{
	pad="0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	pad="$pad$pad$pad$pad"
	i=1
	exec 3> /dev/kmsg
	while [ "$i" -le "$1" ]; do
		len=$(((i * 37) % 200))
		lvl=$((4 + i % 4))
		printf "<%d>logsage-wrap: line %d of %d len %d %.${len}s\n" \
			"$lvl" "$i" "$1" "$len" "$pad" >&3
		i=$((i + 1))
	done
	exec 3>&-
}

scenario=$(vm_param vm.scenario || echo none)
vm_say "scenario $scenario"
vm_kdump_arm || return 0
case $scenario in
sysrq)
	sh -c 'echo c > /proc/sysrq-trigger'
	;;
nullderef)
	insmod /lib/modules/extra/lsgoops.ko || return 0
	sh -c 'echo poke > /proc/lsgoops'
	;;
wrap)
	wrap_kmsg 4600
	vm_say "wrote 4600 lines to /dev/kmsg"
	sh -c 'echo c > /proc/sysrq-trigger'
	;;
*)
	vm_say "unknown scenario $scenario"
	return 0
	;;
esac
sleep 5
vm_say "still alive after scenario $scenario"
