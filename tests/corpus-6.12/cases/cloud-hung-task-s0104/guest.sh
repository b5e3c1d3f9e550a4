# 6.12.117+deb12-cloud-amd64 hung-task seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
knob timeout 0
sleep 1.7
echo 3 > /proc/sys/vm/drop_caches
sleep 1.0
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.0
cause
knob abba
sleep 200
