# 6.1.0-56-cloud-amd64 oom seed 10
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
modload scsi_debug dev_size_mb=8
sleep 1.1
modunload scsi_debug
sleep 0.8
echo m > /proc/sysrq-trigger
sleep 1.0
raw_read 186352
raw_read 186352
sleep 0.8
knob verbose 300
sleep 1.5
echo 1 > /proc/sys/vm/drop_caches
sleep 0.8
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.6
cause
hog 150 3
sleep 200
