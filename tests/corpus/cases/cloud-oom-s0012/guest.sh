# 6.1.0-56-cloud-amd64 oom seed 12
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
knob verbose 2600
sleep 1.8
echo 1 > /proc/sys/vm/drop_caches
sleep 1.1
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 0.8
cause
memcg_hog 24M 96
sleep 200
