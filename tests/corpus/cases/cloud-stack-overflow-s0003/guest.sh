# 6.1.0-56-cloud-amd64 stack-overflow seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
knob reset 3
sleep 1.5
host set_link nic0 off
sleep 1.8
host set_link nic0 on
sleep 2.0
knob verbose 300
sleep 0.6
memcg_hog 24M 48
sleep 0.9
cause
knob walk_async
sleep 200
