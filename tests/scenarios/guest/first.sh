# shellcheck shell=dash
# Sourced by /init (tests/vm/guest/init) in the guest: helpers for one
# scenario, then /etc/vm/case.sh, the scenario's steps that
# tests/scenarios/scen.py wrote for this case and seed.
#
# Nothing here writes to the kernel log on its own: "vm:" lines go to the
# console only (the host reads them from the serial log), so the captured
# log holds only what the kernel, its drivers and the background programs
# print.

VX=/sys/devices/platform/vxfer.0

# host CMD...: ask the host to run a QEMU monitor command, give it time.
host()
{
	vm_say "host $*"
	sleep 1
}

# cause: tell the host when the cause begins (its log records are after).
cause()
{
	vm_say "cause $(cut -d' ' -f1 /proc/uptime)"
}

# knob NAME [VALUE]: write to a vxfer attribute from a child shell (an
# oops kills the child, not this script).
knob()
{
	sh -c "echo ${2:-1} > $VX/$1" 2>/dev/null || true
}

# knob_bg NAME [VALUE]: the same, without waiting (it may never return).
knob_bg()
{
	sh -c "echo ${2:-1} > $VX/$1" 2>/dev/null &
}

# set_sysctl NAME VALUE: NAME with dots, as sysctl(8) writes it.
set_sysctl()
{
	echo "$2" > "/proc/sys/$(echo "$1" | tr . /)"
}

# set_param FILE VALUE: a writable module or sysfs parameter.
set_param()
{
	[ -e "$1" ] && echo "$2" > "$1"
	return 0
}

# modload NAME [ARGS]: insmod NAME and its dependencies (/etc/vm/mods.list),
# ARGS go to NAME itself.
modload()
{
	line=$(grep "^$1 " /etc/vm/mods.list) || return 0
	shift
	paths=${line#* }
	last=${paths##* }
	for p in $paths; do
		if [ "$p" = "$last" ]; then
			insmod "$p" "$@" 2>/dev/null
		else
			insmod "$p" 2>/dev/null
		fi
	done
	return 0
}

modunload()
{
	rmmod "$1" 2>/dev/null || true
}

data_dev()
{
	vm_disk data
}

# data_mount: the data disk's ext4 at /data, as fstab would mount it.
data_mount()
{
	mkdir -p /data
	mount -t ext4 -o errors=panic,inode_readahead_blks=0 "$(data_dev)" /data
}

# workload: files written, synced, read back and checksummed, forever.
workload()
{
	i=0
	while :; do
		i=$(((i + 1) % 8))
		dd if=/dev/urandom of="/data/spool/w$i" bs=16k count=8 \
			2>/dev/null
		sync
		md5sum /data/spool/w* > /dev/null 2>&1
		ls -l /data/spool /proc/self/ > /dev/null 2>&1
		sleep 1
	done
}

workload_start()
{
	mkdir -p /data/spool
	workload &
}

# raw_read SECTOR: a direct read of one 4 KiB block of the data disk.
raw_read()
{
	dd if="$(data_dev)" of=/dev/null bs=4096 count=1 skip=$(($1 / 8)) \
		iflag=direct 2>/dev/null || true
}

# raw_write SECTOR: a direct write of one 4 KiB block of the data disk.
raw_write()
{
	dd if=/dev/zero of="$(data_dev)" bs=4096 count=1 seek=$(($1 / 8)) \
		oflag=direct 2>/dev/null || true
}

cpu_flap()
{
	c=/sys/devices/system/cpu/cpu1/online
	[ -e $c ] || return 0
	echo 0 > $c
	sleep "${1:-1}"
	echo 1 > $c
}

link_up()
{
	ip link set eth0 up 2>/dev/null || true
}

# memcg_hog MAX MIB: a job in a memory cgroup limited to MAX that wants MIB.
memcg_hog()
{
	cg=/sys/fs/cgroup
	mount | grep -q " $cg " || mount -t cgroup2 none $cg
	echo +memory > $cg/cgroup.subtree_control 2>/dev/null
	mkdir -p $cg/batch
	echo "$1" > $cg/batch/memory.max
	sh -c "echo \$\$ > $cg/batch/cgroup.procs;
		echo 500 > /proc/self/oom_score_adj;
		exec dd if=/dev/zero of=/dev/null bs=${2}M count=2" \
		2>/dev/null || true
}

# hog MIB [N]: N processes that each want MIB of anonymous memory.
hog()
{
	n=${2:-1}
	while [ "$n" -gt 0 ]; do
		sh -c "echo 500 > /proc/self/oom_score_adj;
			exec dd if=/dev/zero of=/dev/null bs=$1M count=4" \
			2>/dev/null &
		n=$((n - 1))
	done
	wait
}

# daemon_log TAG MSG: what a daemon writes to /dev/kmsg.
daemon_log()
{
	printf '<30>%s: %s\n' "$1" "$2" > /dev/kmsg 2>/dev/null || true
}

# mglru_guard: where the multi-generational LRU is on (6.12's default, not
# 6.1's), keep one second of working set, as its documentation advises:
# without it a guest out of memory thrashes its page cache for minutes
# instead of calling the OOM killer.
mglru_guard()
{
	g=/sys/kernel/mm/lru_gen
	[ -e $g/enabled ] && [ "$(cat $g/enabled)" != 0x0000 ] || return 0
	echo 1000 > $g/min_ttl_ms
}

echo -1000 > /proc/self/oom_score_adj
mglru_guard
insmod /lib/modules/extra/vxfer.ko
link_up
# shellcheck disable=SC1091
. /etc/vm/case.sh
vm_say "scenario ended without a panic"
sleep 2
