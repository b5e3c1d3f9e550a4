# 6.1.0-56-cloud-amd64 assertion seed 4
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
knob reset 3
sleep 1.6
knob link 1000
sleep 1.7
memcg_hog 24M 64
sleep 1.3
cause
knob commit 7
sleep 200
