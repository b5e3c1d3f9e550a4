# 6.12.117+deb12-cloud-amd64 hung-task seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
knob verbose 2600
sleep 1.4
memcg_hog 24M 96
sleep 1.0
echo 1 > /proc/sys/vm/drop_caches
sleep 1.3
cause
knob_bg fw_activate
sleep 200
