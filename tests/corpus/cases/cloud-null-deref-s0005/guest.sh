# 6.1.0-56-cloud-amd64 null-deref seed 5
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
raw_read 170920
raw_read 170920
sleep 1.2
echo 1 > /proc/sys/vm/drop_caches
sleep 1.1
echo l > /proc/sysrq-trigger
sleep 1.9
knob link 25000
sleep 1.8
knob timeout 1
sleep 1.2
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.3
cause
knob flush 1
sleep 200
