# 6.12.117+deb12-cloud-amd64 oom seed 104
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.2
modload scsi_debug dev_size_mb=8
sleep 2.1
modunload scsi_debug
sleep 0.8
knob verbose 1600
sleep 1.3
echo w > /proc/sysrq-trigger
sleep 1.1
cause
mkdir -p /run/cache
mount -t tmpfs -o size=512m tmpfs /run/cache
cat /dev/zero > /run/cache/blob 2>/dev/null
sleep 200
