# 6.12.117+deb12-cloud-amd64 stack-overflow seed 101
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
echo m > /proc/sysrq-trigger
sleep 0.7
knob verbose 2600
sleep 1.9
host set_link nic0 off
sleep 1.3
host set_link nic0 on
sleep 0.5
echo 3 > /proc/sys/vm/drop_caches
sleep 0.6
memcg_hog 24M 64
sleep 1.9
cause
knob walk_async
sleep 200
